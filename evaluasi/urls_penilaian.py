"""Routes of the assessment (self, supervisor, finalisation, acknowledgement, result, document,
lists); merged into the "evaluasi" namespace by evaluasi/urls.py (mounted at /kinerja/)."""

from django.urls import path

from .views.penilaian import (
    EvaluasiDetailView,
    EvaluasiDiriView,
    EvaluasiDokumenView,
    EvaluasiFinalkanView,
    EvaluasiListView,
    EvaluasiNilaiView,
    EvaluasiRiwayatView,
    EvaluasiTerimaView,
)

urlpatterns = [
    path("evaluasi/", EvaluasiListView.as_view(), name="evaluasi-list"),
    path("evaluasi/riwayat/", EvaluasiRiwayatView.as_view(), name="evaluasi-riwayat"),
    path("evaluasi/<int:pk>/", EvaluasiDetailView.as_view(), name="evaluasi-detail"),
    path("evaluasi/<int:pk>/diri/", EvaluasiDiriView.as_view(), name="evaluasi-diri"),
    path("evaluasi/<int:pk>/nilai/", EvaluasiNilaiView.as_view(), name="evaluasi-nilai"),
    path("evaluasi/<int:pk>/finalkan/", EvaluasiFinalkanView.as_view(), name="evaluasi-finalkan"),
    path("evaluasi/<int:pk>/terima/", EvaluasiTerimaView.as_view(), name="evaluasi-terima"),
    path("evaluasi/<int:pk>/dokumen/", EvaluasiDokumenView.as_view(), name="evaluasi-dokumen"),
]
