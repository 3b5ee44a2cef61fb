from django.urls import path

from asn_kinerja.placeholder import belum_ada

urlpatterns = [
    path("impor/", belum_ada, name="impor-create"),
    path("impor/template.xlsx", belum_ada, name="impor-template"),
    path("impor/<int:pk>/", belum_ada, name="impor-detail"),
    path("impor/<int:pk>/status.json", belum_ada, name="impor-status"),
    path("impor/<int:pk>/galat.xlsx", belum_ada, name="impor-galat"),
    path("impor/<int:pk>/kode-aktivasi.xlsx", belum_ada, name="impor-kredensial"),
]
