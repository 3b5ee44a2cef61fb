from django.contrib import admin
from django.urls import include, path

from asn_kinerja.views import BerandaView

admin.site.site_header = "ASN Kinerja: Administrasi"
admin.site.site_title = "ASN Kinerja"
admin.site.index_title = "Data induk"

urlpatterns = [
    path("", BerandaView.as_view(), name="beranda"),
    path("akun/", include("pegawai.urls_akun")),
    path("pegawai/", include("pegawai.urls")),
    path("kompetensi/", include("kompetensi.urls")),
    path("kinerja/", include("evaluasi.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("unduhan/", include("unduhan.urls")),
    path("pengaduan/", include("pengaduan.urls")),
    path("layanan/", include("pengaduan.urls_publik")),
    path("admin/", admin.site.urls),
]
