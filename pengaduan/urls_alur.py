"""Routes: the complaint officers' work queue and case page with its actions, the pegawai search
of a case's OPD and the evidence download."""

from django.urls import path

from asn_kinerja.unggah import batas_unggah

from .views import alur as v

urlpatterns = [
    path("aduan/", v.AduanListView.as_view(), name="aduan-list"),
    path("aduan/<int:pk>/", v.AduanDetailView.as_view(), name="aduan-detail"),
    path("aduan/<int:pk>/verifikasi/", v.AduanVerifikasiView.as_view(), name="aduan-verifikasi"),
    path("aduan/<int:pk>/tolak/", v.AduanTolakView.as_view(), name="aduan-tolak"),
    path("aduan/<int:pk>/disposisi/", v.AduanDisposisiView.as_view(), name="aduan-disposisi"),
    path(
        "aduan/<int:pk>/tanggapi/",
        batas_unggah(v.AduanTanggapiView.as_view(), setelan="ADUAN_BUKTI_MAKS_BYTE"),
        name="aduan-tanggapi",
    ),
    path("aduan/<int:pk>/selesai/", v.AduanSelesaiView.as_view(), name="aduan-selesai"),
    path("aduan/<int:pk>/arsip/", v.AduanArsipView.as_view(), name="aduan-arsip"),
    path("aduan/<int:pk>/identitas/", v.AduanIdentitasView.as_view(), name="aduan-identitas"),
    path("aduan/<int:pk>/pegawai.json", v.AduanPegawaiView.as_view(), name="aduan-pegawai"),
    path("bukti/<int:pk>/unduh/", v.BuktiaduanUnduhView.as_view(), name="buktiaduan-unduh"),
]
