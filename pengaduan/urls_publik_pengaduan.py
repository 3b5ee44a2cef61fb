"""Routes: pengaduan, area "publik_pengaduan" (namespace `layanan`, no login): the landing page,
the complaint form and its receipt, tracking by code and key, the citizen's rating and reopening."""

from django.urls import path

from asn_kinerja.unggah import batas_unggah

from .views import publik as v

urlpatterns = [
    path("", v.BerandaPublikView.as_view(), name="beranda"),
    path(
        "pengaduan/baru/",
        batas_unggah(v.AduanCreateView.as_view(), setelan="ADUAN_BUKTI_MAKS_BYTE"),
        name="aduan-create",
    ),
    path("pengaduan/terkirim/", v.AduanTerkirimView.as_view(), name="aduan-terkirim"),
    path("lacak/", v.LacakView.as_view(), name="lacak"),
    path("lacak/<str:kode>/", v.LacakDetailView.as_view(), name="lacak-detail"),
    path("lacak/<str:kode>/nilai/", v.LacakNilaiView.as_view(), name="lacak-nilai"),
    path("lacak/<str:kode>/buka-kembali/", v.LacakBukaKembaliView.as_view(), name="lacak-buka-kembali"),
]
