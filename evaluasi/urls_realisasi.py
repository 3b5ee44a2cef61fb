"""Routes of the realisation area ("Kinerja Saya", realisation with evidence and feedback);
merged into the "evaluasi" namespace by evaluasi/urls.py (mounted at /kinerja/)."""

from django.urls import path

from asn_kinerja.unggah import batas_unggah

from .views.realisasi import (
    BuktiHapusView,
    BuktiUnduhView,
    RealisasiBuktiView,
    RealisasiUmpanBalikView,
    SkpRealisasiView,
)
from .views.saya import KinerjaSayaView

urlpatterns = [
    path("saya/", KinerjaSayaView.as_view(), name="saya"),
    path("skp/<int:pk>/realisasi/", SkpRealisasiView.as_view(), name="skp-realisasi"),
    # The upload limit is installed before the request body is read (asn_kinerja/unggah.py).
    path("realisasi/<int:pk>/bukti/", batas_unggah(RealisasiBuktiView.as_view()), name="realisasi-bukti"),
    path("realisasi/<int:pk>/umpan-balik/", RealisasiUmpanBalikView.as_view(), name="realisasi-umpanbalik"),
    path("bukti/<int:pk>/unduh/", BuktiUnduhView.as_view(), name="bukti-unduh"),
    path("bukti/<int:pk>/hapus/", BuktiHapusView.as_view(), name="bukti-hapus"),
]
