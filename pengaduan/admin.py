"""Django admin for complaints and surveys: read-only, scoped like the app.

Every change goes through the app's pages and their services (the officers' workflow:
pengaduan:aduan-*; the calendar and settings: pengaduan:kalender, pengaduan:pengaturan), which
keep the status rules, the deadlines, the timeline and the audit; generic admin forms would
bypass all of that. Cases are listed through pengaduan.access.pengaduan_scope, so an Admin OPD
sees their OPD's cases except rahasia ones and the pegawai a complaint is about never sees it.

The complainant's identity (IdentitasPelapor) is deliberately not registered, and the case
screens show no identity field, no inline, no tracking-key hash and no form token.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from pegawai.admin import PeranAdmin

from .access import layanan_skm_scope, pengaduan_scope
from .models import AturanSla, HariLibur, LayananSkm, Pengaduan

ADMIN = ("admin_bkd", "admin_opd")


class _HanyaBaca(PeranAdmin):
    bisa_lihat = ADMIN
    bisa_ubah = ()
    show_full_result_count = False
    list_per_page = 50

    def get_readonly_fields(self, request, obj=None):
        return self.fields or ()


@admin.register(Pengaduan)
class PengaduanAdmin(_HanyaBaca):
    list_display = ("kode", "judul", "kelas", "opd", "status", "privasi", "diterima_pada", "batas_selesai")
    list_select_related = ("opd",)
    list_filter = ("status", "kelas", "privasi")
    search_fields = ("=kode", "judul")
    ordering = ("-diterima_pada", "-id")
    fields = (
        "halaman",
        "kode",
        "kelas",
        "opd",
        "judul",
        "uraian",
        "tanggal_layanan",
        "lokasi",
        "kerugian",
        "harapan",
        "privasi",
        "nama_terlapor",
        "pegawai_terlapor",
        "status",
        "kompleksitas",
        "diterima_pada",
        "batas_verifikasi",
        "terverifikasi_pada",
        "diverifikasi_oleh",
        "unit_tujuan",
        "petugas_tindak",
        "didisposisikan_pada",
        "batas_tanggapan",
        "ditanggapi_pada",
        "batas_selesai",
        "selesai_pada",
        "hari_kerja_selesai",
        "terbukti",
        "alasan_penolakan",
        "nilai_warga",
        "ulasan_warga",
        "dibuka_kembali_pada",
        "diarsipkan_pada",
    )

    def get_queryset(self, request):
        return pengaduan_scope(request.user).select_related(
            "opd", "pegawai_terlapor", "diverifikasi_oleh", "unit_tujuan", "petugas_tindak"
        )

    @admin.display(description="halaman pengaduan")
    def halaman(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("pengaduan:aduan-detail", args=[obj.pk]), "Tangani di aplikasi"
        )


@admin.register(AturanSla)
class AturanSlaAdmin(_HanyaBaca):
    list_display = (
        "kelas",
        "hari_verifikasi",
        "hari_tanggapan",
        "hari_selesai_sederhana",
        "hari_selesai_biasa",
        "hari_selesai_lapangan",
    )
    fields = list_display


@admin.register(HariLibur)
class HariLiburAdmin(_HanyaBaca):
    list_display = ("tanggal", "nama", "jenis")
    list_filter = ("jenis",)
    date_hierarchy = "tanggal"
    ordering = ("-tanggal",)
    fields = list_display


@admin.register(LayananSkm)
class LayananSkmAdmin(_HanyaBaca):
    list_display = ("nama", "unit", "populasi", "aktif")
    list_select_related = ("unit",)
    list_filter = ("aktif",)
    search_fields = ("nama", "unit__nama")
    fields = ("nama", "unit", "kode_publik", "populasi", "aktif")

    def get_queryset(self, request):
        return layanan_skm_scope(request.user).select_related("unit")
