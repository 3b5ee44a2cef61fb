from django.urls import path

from .views import NotifikasiBacaSemuaView, NotifikasiBacaView, NotifikasiJumlahView, NotifikasiListView

app_name = "notifikasi"

urlpatterns = [
    path("", NotifikasiListView.as_view(), name="notifikasi-list"),
    path("<int:pk>/baca/", NotifikasiBacaView.as_view(), name="notifikasi-baca"),
    path("baca-semua/", NotifikasiBacaSemuaView.as_view(), name="notifikasi-baca-semua"),
    path("jumlah/", NotifikasiJumlahView.as_view(), name="notifikasi-jumlah"),
]
