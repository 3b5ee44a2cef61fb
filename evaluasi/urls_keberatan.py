"""Routes of the objection (keberatan) and the atasan's "Tim Saya" queue; merged into the
"evaluasi" namespace by evaluasi/urls.py (mounted at /kinerja/)."""

from django.urls import path

from .views.keberatan import (
    EvaluasiKeberatanView,
    KeberatanDetailView,
    KeberatanListView,
    KeberatanPutusView,
    KeberatanTanggapanView,
)
from .views.tim import TimView

urlpatterns = [
    path("evaluasi/<int:pk>/keberatan/", EvaluasiKeberatanView.as_view(), name="evaluasi-keberatan"),
    path("keberatan/", KeberatanListView.as_view(), name="keberatan-list"),
    path("keberatan/<int:pk>/", KeberatanDetailView.as_view(), name="keberatan-detail"),
    path("keberatan/<int:pk>/tanggapan/", KeberatanTanggapanView.as_view(), name="keberatan-tanggapan"),
    path("keberatan/<int:pk>/putus/", KeberatanPutusView.as_view(), name="keberatan-putus"),
    path("tim/", TimView.as_view(), name="tim"),
]
