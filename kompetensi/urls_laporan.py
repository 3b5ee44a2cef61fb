"""Routes of the kompetensi app: laporan (included by kompetensi/urls.py under app_name "kompetensi")."""

from django.urls import path

from .views.laporan import (
    AnalisisJpmExportView,
    AnalisisKebutuhanExportView,
    AnalisisView,
    PesertaDetailView,
    PesertaJsonView,
    TimMatriksExportView,
    TimMatriksView,
)

urlpatterns: list = [
    # pk = the PesertaPenilaian (one person in one round)
    path("peserta/<int:pk>/hasil/", PesertaDetailView.as_view(), name="peserta-detail"),
    path("peserta/<int:pk>/hasil.json", PesertaJsonView.as_view(), name="peserta-json"),
    path("tim/matriks/", TimMatriksView.as_view(), name="tim-matriks"),
    path("tim/matriks/unduh/", TimMatriksExportView.as_view(), name="tim-matriks-export"),
    path("analisis/", AnalisisView.as_view(), name="analisis"),
    path("analisis/kebutuhan/unduh/", AnalisisKebutuhanExportView.as_view(), name="analisis-kebutuhan-export"),
    path("analisis/jpm/unduh/", AnalisisJpmExportView.as_view(), name="analisis-jpm-export"),
]
