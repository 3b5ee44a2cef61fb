"""Django admin for the competency dictionary (a read-only view for Admin BKD) and for the
assessment rounds (read-only for Admin OPD, their OPD's rows, and Admin BKD).

Edits go through the app's pages (kompetensi:kompetensi-update, kompetensi:standar-detail),
whose services validate the five levels and indicators all-or-nothing; saving a half-edited
competency through generic admin forms would bypass that. The default levels by position kind
(StandarLevelDefault) have no page of their own, so Admin BKD changes them here (validated by
the model's 1..5 constraint, audited by django-auditlog).
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html

from pegawai.admin import PeranAdmin

from .access import penilaian_admin_q, putaran_scope
from .models import (
    HasilKompetensi,
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    PutaranPenilaian,
    StandarKompetensiJabatan,
    StandarLevelDefault,
)

BKD = ("admin_bkd",)


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


class LevelInline(_HanyaLihatInline):
    model = LevelKompetensi
    fields = ("level", "deskripsi")


class IndikatorInline(_HanyaLihatInline):
    model = IndikatorPerilaku
    fields = ("urutan", "teks", "aspek")


@admin.register(Kompetensi)
class KompetensiAdmin(PeranAdmin):
    bisa_lihat = BKD
    bisa_ubah = ()
    list_display = ("kode", "nama", "jenis", "urutan", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("kode", "nama")
    ordering = ("jenis", "urutan", "nama")
    inlines = (LevelInline,)


@admin.register(LevelKompetensi)
class LevelKompetensiAdmin(PeranAdmin):
    bisa_lihat = BKD
    bisa_ubah = ()
    list_display = ("kompetensi", "level")
    list_select_related = ("kompetensi",)
    list_filter = ("level", "kompetensi__jenis")
    search_fields = ("kompetensi__nama", "kompetensi__kode")
    inlines = (IndikatorInline,)


@admin.register(StandarKompetensiJabatan)
class StandarKompetensiJabatanAdmin(PeranAdmin):
    bisa_lihat = BKD
    bisa_ubah = ()
    list_display = ("jabatan", "kompetensi", "level", "khusus")
    list_select_related = ("jabatan", "kompetensi")
    list_filter = ("khusus", "level", "kompetensi__jenis")
    search_fields = ("jabatan__nama", "jabatan__kode", "kompetensi__nama")
    show_full_result_count = False


@admin.register(StandarLevelDefault)
class StandarLevelDefaultAdmin(PeranAdmin):
    bisa_lihat = BKD
    bisa_ubah = BKD
    list_display = ("jenis_jabatan", "jenjang", "level")
    list_filter = ("jenis_jabatan",)

    def get_readonly_fields(self, request, obj=None):
        # Which kind a row is for stays fixed; only its level changes.
        return ("jenis_jabatan", "jenjang") if obj is not None else ()

    def simpan(self, request, obj, form, change):
        obj.full_clean()
        obj.save()


# --- assessment rounds: read-only; every change goes through the round pages and their services --
#
# Peers' anonymity: JawabanRekan (a peer's levels) is deliberately not registered, and the peer
# assignments are shown without their draft (the unsent levels) and without the time they were
# sent, so nothing here links a peer to an answer. Results show only the peers' mean, and only
# with at least three answers (HasilKompetensi.rekan_rata).

ADMIN = ("admin_bkd", "admin_opd")


class _PenilaianAdmin(PeranAdmin):
    """Read-only for Admin OPD (rows of their OPD's participants) and Admin BKD (all)."""

    bisa_lihat = ADMIN
    bisa_ubah = ()
    show_full_result_count = False
    list_per_page = 50
    # The path to the participant's OPD from this model.
    opd_field = "opd_id"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        q = penilaian_admin_q(request.user, self.opd_field)
        return qs if q is None else qs.filter(q)

    def get_readonly_fields(self, request, obj=None):
        return self.fields or ()


@admin.register(PutaranPenilaian)
class PutaranPenilaianAdmin(_PenilaianAdmin):
    list_display = ("nama", "status", "tanggal_mulai", "tanggal_selesai", "pemilik", "batas_diri", "batas_atasan")
    list_select_related = ("opd",)
    list_filter = ("status", "rekan_aktif")
    search_fields = ("nama",)
    ordering = ("-created_at", "-id")
    fields = (
        "nama",
        "status",
        "halaman",
        "tanggal_mulai",
        "tanggal_selesai",
        "pemilik",
        "unit",
        "batas_diri",
        "batas_rekan",
        "batas_atasan",
        "rekan_aktif",
        "bobot_diri",
        "bobot_rekan",
        "bobot_atasan",
        "dibuat_oleh",
        "created_at",
        "ditutup_pada",
        "ditutup_oleh",
    )

    def get_queryset(self, request):
        return putaran_scope(request.user).select_related("opd", "dibuat_oleh", "ditutup_oleh")

    @admin.display(description="OPD pemilik")
    def pemilik(self, obj):
        return obj.opd.nama if obj.opd_id else "Seluruh Pemda"

    @admin.display(description="halaman putaran")
    def halaman(self, obj):
        url = reverse("kompetensi:putaran-detail", args=[obj.pk])
        return format_html('<a href="{}">Pantau, ubah batas waktu, atau tutup di aplikasi</a>', url)


class HasilKompetensiInline(_HanyaLihatInline):
    model = HasilKompetensi
    fields = ("kompetensi", "standar", "nilai_diri", "nilai_atasan", "rata_rata_rekan", "capaian", "gap")
    readonly_fields = fields
    verbose_name_plural = "Hasil per kompetensi"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kompetensi")

    @admin.display(description="rata-rata rekan")
    def rata_rata_rekan(self, obj):
        # None (shown as "-") until released and with fewer than three answers.
        rata = obj.rekan_rata
        return None if rata is None else number_format(rata, 2)


@admin.register(PesertaPenilaian)
class PesertaPenilaianAdmin(_PenilaianAdmin):
    list_display = ("pegawai", "putaran", "unit", "jabatan", "atasan", "rekan_dibuka", "jpm", "kategori")
    list_select_related = ("pegawai", "putaran", "unit", "jabatan", "atasan")
    list_filter = ("putaran__status", "kategori", "rekan_dibuka")
    search_fields = ("^pegawai__nip", "pegawai__nama", "putaran__nama")
    ordering = ("-putaran_id", "pegawai__nama")
    fields = (
        "putaran",
        "pegawai",
        "jabatan",
        "unit",
        "opd",
        "atasan",
        "rekan_dibuka",
        "jpm",
        "kategori",
        "hasil_dihitung_pada",
    )
    inlines = (HasilKompetensiInline,)


def _pegawai_dinilai(obj) -> str:
    return obj.peserta.pegawai.nama_lengkap


@admin.register(PenugasanRekan)
class PenugasanRekanAdmin(_PenilaianAdmin):
    """Who must rate whom and whether they did. Never the draft, never when it was sent."""

    opd_field = "peserta__opd_id"
    list_display = ("dinilai", "penilai", "status", "putaran")
    list_select_related = ("peserta__pegawai", "peserta__putaran", "penilai")
    list_filter = ("status", "peserta__putaran__status")
    search_fields = ("^peserta__pegawai__nip", "peserta__pegawai__nama")
    ordering = ("peserta__pegawai__nama", "penilai__nama")
    fields = ("putaran", "dinilai", "penilai", "status", "ditugaskan_oleh", "created_at")

    @admin.display(description="pegawai yang dinilai", ordering="peserta__pegawai__nama")
    def dinilai(self, obj):
        return _pegawai_dinilai(obj)

    @admin.display(description="putaran")
    def putaran(self, obj):
        return obj.peserta.putaran.nama


class NilaiKompetensiInline(_HanyaLihatInline):
    model = NilaiKompetensi
    fields = ("kompetensi", "level", "catatan")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kompetensi")


@admin.register(PenilaianKompetensi)
class PenilaianKompetensiAdmin(_PenilaianAdmin):
    """The self-assessments and the supervisors' assessments (no peer data: those are anonymous)."""

    opd_field = "peserta__opd_id"
    list_display = ("dinilai", "jenis", "penilai", "status", "dikirim_pada", "putaran")
    list_select_related = ("peserta__pegawai", "peserta__putaran", "penilai")
    list_filter = ("jenis", "status", "peserta__putaran__status")
    search_fields = ("^peserta__pegawai__nip", "peserta__pegawai__nama")
    ordering = ("-id",)
    fields = ("putaran", "dinilai", "jenis", "penilai", "status", "dikirim_pada", "created_at")
    inlines = (NilaiKompetensiInline,)

    @admin.display(description="pegawai yang dinilai")
    def dinilai(self, obj):
        return _pegawai_dinilai(obj)

    @admin.display(description="putaran")
    def putaran(self, obj):
        return obj.peserta.putaran.nama


@admin.register(NilaiKompetensi)
class NilaiKompetensiAdmin(_PenilaianAdmin):
    opd_field = "penilaian__peserta__opd_id"
    list_display = ("dinilai", "jenis", "kompetensi", "level")
    list_select_related = ("penilaian__peserta__pegawai", "kompetensi")
    list_filter = ("penilaian__jenis", "level")
    search_fields = ("^penilaian__peserta__pegawai__nip", "penilaian__peserta__pegawai__nama")
    ordering = ("-id",)
    fields = ("dinilai", "jenis", "kompetensi", "level", "catatan", "indikator")

    @admin.display(description="pegawai yang dinilai")
    def dinilai(self, obj):
        return obj.penilaian.peserta.pegawai.nama_lengkap

    @admin.display(description="jenis penilaian")
    def jenis(self, obj):
        return obj.penilaian.get_jenis_display()
