from django.urls import path

from asn_kinerja.placeholder import belum_ada

urlpatterns = [
    path("audit/", belum_ada, name="audit-list"),
    path("peran/", belum_ada, name="peran-list"),
    path("peran/tambah/", belum_ada, name="peran-create"),
    path("peran/<int:pk>/hapus/", belum_ada, name="peran-delete"),
]
