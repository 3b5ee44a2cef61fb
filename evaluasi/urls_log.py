"""Routes of the daily activity log (laporan aktivitas harian); merged into the "evaluasi"
namespace by evaluasi/urls.py (mounted at /kinerja/)."""

from django.urls import path

from asn_kinerja.unggah import batas_unggah

from .views import log as v

urlpatterns = [
    path("log/", v.LogListView.as_view(), name="log-list"),
    # The upload limit is installed before the request body is read (asn_kinerja/unggah.py).
    path("log/baru/", batas_unggah(v.LogCreateView.as_view()), name="log-create"),
    path("log/<int:pk>/ubah/", batas_unggah(v.LogUpdateView.as_view()), name="log-update"),
    path("log/<int:pk>/hapus/", v.LogDeleteView.as_view(), name="log-delete"),
    path("log/periksa/", v.LogPeriksaView.as_view(), name="log-periksa"),
    path("log/<int:pk>/periksa/", v.LogReviewView.as_view(), name="log-review"),
    path("log/rekap/", v.LogRekapView.as_view(), name="log-rekap"),
    path("log/rekap/unduh/", v.LogRekapExportView.as_view(), name="log-rekap-export"),
]
