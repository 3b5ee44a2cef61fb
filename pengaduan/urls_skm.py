"""Routes: pengaduan, area "skm" (surveyed services and their IKM)."""

from django.urls import path

from .views import skm

urlpatterns: list = [
    path("layanan/", skm.LayananListView.as_view(), name="layanan-list"),
    path("layanan/tambah/", skm.LayananCreateView.as_view(), name="layanan-create"),
    path("layanan/<int:pk>/", skm.LayananDetailView.as_view(), name="layanan-detail"),
    path("layanan/<int:pk>/ubah/", skm.LayananUpdateView.as_view(), name="layanan-update"),
    path("layanan/<int:pk>/qr/", skm.LayananQrView.as_view(), name="layanan-qr"),
    path("layanan/<int:pk>/unduh/", skm.LayananExportView.as_view(), name="layanan-export"),
]
