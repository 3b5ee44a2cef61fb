from django.urls import path

from .views import akun

app_name = "akun"

urlpatterns = [
    path("masuk/", akun.AkunLoginView.as_view(), name="login"),
    path("keluar/", akun.AkunLogoutView.as_view(), name="logout"),
    path("kata-sandi/", akun.PasswordChangeView.as_view(), name="password-change"),
]
