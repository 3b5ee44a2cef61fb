from django.urls import path

from asn_kinerja.placeholder import belum_ada

app_name = "akun"

urlpatterns = [
    path("masuk/", belum_ada, name="login"),
    path("keluar/", belum_ada, name="logout"),
    path("kata-sandi/", belum_ada, name="password-change"),
]
