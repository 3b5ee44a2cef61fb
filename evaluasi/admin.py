"""Django admin for performance evaluation: read-only, scoped like the app.

Every change goes through the app's pages and their services (periods and settings:
evaluasi:periode-*, evaluasi:pengaturan; goals: evaluasi:sasaran-*; SKP, logs, ratings and
objections: their areas' pages), which check the workflow, the period's state and the
optimistic locks; generic admin forms would bypass all of that. Admin BKD sees every row,
an Admin OPD the rows of their OPD (by the pegawai's unit, or the evaluation's snapshot OPD).

Peers' anonymity: JawabanRekanKinerja (a peer's scores) and KomentarRekanKinerja (their
comments) are deliberately not registered, and the peer assignments are shown without their
draft (the unsent scores) and without the time they were sent, so nothing here links a peer to
an answer.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from pegawai.admin import PeranAdmin

from .access import evaluasi_admin_q, sasaran_scope
from .models import (
    AturanKurva,
    EvaluasiPegawai,
    IndikatorKinerja,
    Keberatan,
    LogHarian,
    PengaturanKinerja,
    PenugasanRekanKinerja,
    Periode,
    RencanaHasilKerja,
    SasaranUnit,
    Skp,
)

ADMIN = ("admin_bkd", "admin_opd")
BKD = ("admin_bkd",)


class _HanyaBaca(PeranAdmin):
    """Read-only for the roles in `bisa_lihat`; rows limited to the admin's OPD by `opd_field`
    (None: every row for whoever may view)."""

    bisa_lihat = ADMIN
    bisa_ubah = ()
    show_full_result_count = False
    list_per_page = 50
    opd_field: str | None = "pegawai__unit__opd_id"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if self.opd_field is None:
            return qs
        q = evaluasi_admin_q(request.user, self.opd_field)
        return qs if q is None else qs.filter(q)

    def get_readonly_fields(self, request, obj=None):
        return self.fields or ()


class _HanyaLihatInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_authenticated


def _tautan(nama_url: str, *args, teks: str):
    return format_html('<a href="{}">{}</a>', reverse(nama_url, args=args), teks)


# --- periods and settings ---------------------------------------------------------------------------


@admin.register(Periode)
class PeriodeAdmin(_HanyaBaca):
    opd_field = None  # periods are the whole Pemda's; every admin reads them
    list_display = ("nama", "status", "tanggal_mulai", "tanggal_selesai", "batas_penilaian_atasan")
    list_filter = ("status", "jenis", "tahun")
    search_fields = ("nama",)
    ordering = ("-tahun", "-tanggal_mulai", "-id")
    fields = (
        "nama",
        "halaman",
        "tahun",
        "jenis",
        "nomor",
        "status",
        "tanggal_mulai",
        "tanggal_selesai",
        "batas_penilaian_diri",
        "batas_penilaian_rekan",
        "batas_penilaian_atasan",
        "dibuat_oleh",
        "created_at",
        "ditutup_pada",
        "ditutup_oleh",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dibuat_oleh", "ditutup_oleh")

    @admin.display(description="halaman periode")
    def halaman(self, obj):
        return _tautan("evaluasi:periode-detail", obj.pk, teks="Kelola tahap dan batas waktu di aplikasi")


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(_HanyaBaca):
    bisa_lihat = BKD
    opd_field = None
    list_display = ("__str__", "jenis_periode", "kurva_memblokir", "updated_at")
    fields = (
        "halaman",
        "jenis_periode",
        "log_menit_min_harian",
        "log_menit_maks_harian",
        "log_target_bulanan",
        "log_kunci_hari",
        "keberatan_hari",
        "kurva_memblokir",
        "rekan_min",
        "rekan_maks",
        "pengingat_hari",
        "updated_at",
    )

    @admin.display(description="halaman pengaturan")
    def halaman(self, obj):
        return _tautan("evaluasi:pengaturan", teks="Ubah pengaturan di aplikasi")


@admin.register(AturanKurva)
class AturanKurvaAdmin(_HanyaBaca):
    bisa_lihat = BKD
    opd_field = None
    list_display = ("predikat_organisasi", "__str__", "urutan")
    list_filter = ("predikat_organisasi", "jenis")
    ordering = ("predikat_organisasi", "urutan", "id")
    fields = ("predikat_organisasi", "jenis", "predikat", "persen", "urutan")


# --- unit goals and SKP ------------------------------------------------------------------------------


@admin.register(SasaranUnit)
class SasaranUnitAdmin(_HanyaBaca):
    opd_field = None  # scoped by sasaran_scope below
    list_display = ("uraian", "unit", "tahun", "aktif")
    list_select_related = ("unit",)
    list_filter = ("tahun", "aktif")
    search_fields = ("uraian", "unit__nama")
    ordering = ("unit__kode", "-tahun", "id")
    fields = ("unit", "tahun", "uraian", "indikator", "aktif", "created_at", "updated_at")

    def get_queryset(self, request):
        return sasaran_scope(request.user).select_related("unit")


class IndikatorInline(_HanyaLihatInline):
    model = IndikatorKinerja
    fields = ("aspek", "uraian", "target", "satuan")
    readonly_fields = fields


class RhkInline(_HanyaLihatInline):
    model = RencanaHasilKerja
    fields = ("jenis", "uraian", "rhk_atasan", "sasaran_unit", "indikator_ringkas")
    readonly_fields = fields
    verbose_name_plural = "Rencana hasil kerja"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("rhk_atasan", "sasaran_unit").prefetch_related("indikator")

    @admin.display(description="indikator dan target")
    def indikator_ringkas(self, obj):
        return "; ".join(f"{i.uraian}: {i.target.normalize():f} {i.satuan}" for i in obj.indikator.all())


@admin.register(Skp)
class SkpAdmin(_HanyaBaca):
    list_display = ("pegawai", "tahun", "status", "atasan", "unit")
    list_select_related = ("pegawai", "atasan", "unit")
    list_filter = ("status", "tahun")
    search_fields = ("^pegawai__nip", "pegawai__nama")
    ordering = ("-tahun", "pegawai__nama")
    fields = (
        "pegawai",
        "tahun",
        "unit",
        "jabatan",
        "atasan",
        "status",
        "catatan_pengembalian",
        "diajukan_pada",
        "disetujui_pada",
        "disetujui_oleh",
        "created_at",
        "updated_at",
    )
    inlines = (RhkInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pegawai", "unit", "jabatan", "atasan", "disetujui_oleh")


@admin.register(LogHarian)
class LogHarianAdmin(_HanyaBaca):
    list_display = ("tanggal", "pegawai", "menit", "status")
    list_select_related = ("pegawai",)
    list_filter = ("status",)
    date_hierarchy = "tanggal"
    search_fields = ("^pegawai__nip", "pegawai__nama", "uraian")
    ordering = ("-tanggal", "-id")
    fields = (
        "pegawai",
        "tanggal",
        "uraian",
        "menit",
        "rhk",
        "status",
        "catatan_atasan",
        "diperiksa_oleh",
        "diperiksa_pada",
        "created_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pegawai", "rhk", "diperiksa_oleh")


# --- evaluations, peers and objections -------------------------------------------------------------------


@admin.register(EvaluasiPegawai)
class EvaluasiPegawaiAdmin(_HanyaBaca):
    opd_field = "opd_id"
    list_display = ("pegawai", "periode", "unit", "penilai", "status", "predikat")
    list_select_related = ("pegawai", "periode", "unit", "penilai")
    list_filter = ("periode", "status", "predikat")
    search_fields = ("^pegawai__nip", "pegawai__nama")
    ordering = ("-periode_id", "pegawai__nama")
    fields = (
        "periode",
        "pegawai",
        "unit",
        "opd",
        "jabatan",
        "skp",
        "penilai",
        "atasan_penilai",
        "status",
        "rating_hasil",
        "rating_perilaku",
        "predikat",
        "umpan_balik",
        "difinalkan_pada",
        "difinalkan_oleh",
        "diterima_pada",
        "rekan_dibuka",
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "pegawai", "periode", "unit", "opd", "jabatan", "skp", "penilai", "atasan_penilai", "difinalkan_oleh"
            )
        )


@admin.register(PenugasanRekanKinerja)
class PenugasanRekanKinerjaAdmin(_HanyaBaca):
    """Who must rate whom and whether they did. Never the draft, never when it was sent."""

    opd_field = "evaluasi__opd_id"
    list_display = ("dinilai", "penilai", "status", "periode")
    list_select_related = ("evaluasi__pegawai", "evaluasi__periode", "penilai")
    list_filter = ("status", "evaluasi__periode")
    search_fields = ("^evaluasi__pegawai__nip", "evaluasi__pegawai__nama")
    ordering = ("evaluasi__pegawai__nama", "penilai__nama")
    fields = ("periode", "dinilai", "penilai", "status", "ditugaskan_oleh", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("evaluasi__pegawai", "evaluasi__periode", "penilai")

    @admin.display(description="pegawai yang dinilai", ordering="evaluasi__pegawai__nama")
    def dinilai(self, obj):
        return obj.evaluasi.pegawai.nama_lengkap

    @admin.display(description="periode")
    def periode(self, obj):
        return obj.evaluasi.periode.nama


@admin.register(Keberatan)
class KeberatanAdmin(_HanyaBaca):
    opd_field = "evaluasi__opd_id"
    list_display = ("pegawai", "periode", "status", "pemutus", "keputusan", "created_at")
    list_select_related = ("evaluasi__pegawai", "evaluasi__periode", "pemutus")
    list_filter = ("status", "keputusan")
    search_fields = ("^evaluasi__pegawai__nip", "evaluasi__pegawai__nama")
    ordering = ("-created_at",)
    fields = (
        "pegawai",
        "periode",
        "alasan",
        "status",
        "pemutus",
        "tanggapan_penilai",
        "rating_hasil_awal",
        "rating_perilaku_awal",
        "predikat_awal",
        "keputusan",
        "rating_hasil_akhir",
        "rating_perilaku_akhir",
        "predikat_akhir",
        "pertimbangan",
        "diputus_pada",
        "diputus_oleh",
        "created_at",
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("evaluasi__pegawai", "evaluasi__periode", "pemutus", "diputus_oleh")
        )

    @admin.display(description="pegawai", ordering="evaluasi__pegawai__nama")
    def pegawai(self, obj):
        return obj.evaluasi.pegawai.nama_lengkap

    @admin.display(description="periode")
    def periode(self, obj):
        return obj.evaluasi.periode.nama
