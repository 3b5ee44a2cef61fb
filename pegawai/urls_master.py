from django.urls import path

from asn_kinerja.placeholder import belum_ada

urlpatterns = [
    path("unit/", belum_ada, name="unit-list"),
    path("unit/tambah/", belum_ada, name="unit-create"),
    path("unit/<int:pk>/ubah/", belum_ada, name="unit-update"),
    path("jabatan/", belum_ada, name="jabatan-list"),
    path("jabatan/tambah/", belum_ada, name="jabatan-create"),
    path("jabatan/<int:pk>/ubah/", belum_ada, name="jabatan-update"),
]
