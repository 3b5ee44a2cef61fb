from django.urls import path

from asn_kinerja.placeholder import belum_ada

urlpatterns = [
    path("", belum_ada, name="pegawai-list"),
    path("saya/", belum_ada, name="profil-saya"),
    path("tim/", belum_ada, name="tim"),
    path("tambah/", belum_ada, name="pegawai-create"),
    path("<int:pk>/", belum_ada, name="pegawai-detail"),
    path("<int:pk>/ubah/", belum_ada, name="pegawai-update"),
    path("<int:pk>/mutasi/", belum_ada, name="pegawai-move"),
    path("<int:pk>/nonaktifkan/", belum_ada, name="pegawai-deactivate"),
    path("<int:pk>/aktifkan/", belum_ada, name="pegawai-reactivate"),
    path("<int:pk>/kode-aktivasi/", belum_ada, name="pegawai-reset-aktivasi"),
]
