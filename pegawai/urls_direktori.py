from django.urls import path

from .views import direktori as v

urlpatterns = [
    path("", v.PegawaiListView.as_view(), name="pegawai-list"),
    path("export.xlsx", v.PegawaiExportView.as_view(), name="pegawai-export"),
    path("saya/", v.ProfilSayaView.as_view(), name="profil-saya"),
    path("tim/", v.TimView.as_view(), name="tim"),
    path("tambah/", v.PegawaiCreateView.as_view(), name="pegawai-create"),
    path("atasan-cari.json", v.AtasanCariView.as_view(), name="atasan-cari"),
    path("<int:pk>/", v.PegawaiDetailView.as_view(), name="pegawai-detail"),
    path("<int:pk>/ubah/", v.PegawaiUpdateView.as_view(), name="pegawai-update"),
    path("<int:pk>/mutasi/", v.PegawaiMoveView.as_view(), name="pegawai-move"),
    path("<int:pk>/nonaktifkan/", v.PegawaiDeactivateView.as_view(), name="pegawai-deactivate"),
    path("<int:pk>/aktifkan/", v.PegawaiReactivateView.as_view(), name="pegawai-reactivate"),
    path("<int:pk>/kode-aktivasi/", v.PegawaiResetAktivasiView.as_view(), name="pegawai-reset-aktivasi"),
    path("<int:pk>/kode-aktivasi/baru/", v.PegawaiKodeAktivasiView.as_view(), name="pegawai-kode-aktivasi"),
]
