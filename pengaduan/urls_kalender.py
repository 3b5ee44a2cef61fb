"""Routes: the holiday calendar and the complaint settings."""

from django.urls import path

from .views import kalender as v

urlpatterns = [
    path("kalender/", v.KalenderView.as_view(), name="kalender"),
    path("kalender/isi/", v.KalenderIsiView.as_view(), name="kalender-isi"),
    path("kalender/tambah/", v.LiburCreateView.as_view(), name="libur-create"),
    path("kalender/<int:pk>/ubah/", v.LiburUpdateView.as_view(), name="libur-update"),
    path("kalender/<int:pk>/hapus/", v.LiburDeleteView.as_view(), name="libur-delete"),
    path("pengaturan/", v.PengaturanView.as_view(), name="pengaturan"),
]
