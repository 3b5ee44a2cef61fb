from django.urls import path

from . import urls_impor, urls_laporan, urls_pengembangan, urls_penilaian, urls_putaran, views
from .views.saya import KompetensiSayaView

app_name = "kompetensi"

urlpatterns = [
    path("saya/", KompetensiSayaView.as_view(), name="saya"),
    # --- dictionary
    path("", views.KompetensiListView.as_view(), name="kompetensi-list"),
    path("baru/", views.KompetensiCreateView.as_view(), name="kompetensi-create"),
    path("<int:pk>/", views.KompetensiDetailView.as_view(), name="kompetensi-detail"),
    path("<int:pk>/ubah/", views.KompetensiUpdateView.as_view(), name="kompetensi-update"),
    # --- position standards (pk = the Jabatan)
    path("standar/", views.StandarListView.as_view(), name="standar-list"),
    path("standar/<int:pk>/", views.StandarDetailView.as_view(), name="standar-detail"),
    path("standar/<int:pk>/atur/", views.StandarSetView.as_view(), name="standar-set"),
    path("standar/<int:pk>/hapus/", views.StandarDeleteView.as_view(), name="standar-delete"),
    path("standar/<int:pk>/terapkan/", views.StandarTerapkanView.as_view(), name="standar-terapkan"),
]

# Each area keeps its routes in its own module.
for _modul in (urls_putaran, urls_penilaian, urls_pengembangan, urls_laporan, urls_impor):
    urlpatterns += _modul.urlpatterns
