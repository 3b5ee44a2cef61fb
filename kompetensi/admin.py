"""Django admin for the competency dictionary: a read-only view for Admin BKD.

Edits go through the app's pages (kompetensi:kompetensi-update, kompetensi:standar-detail),
whose services validate the five levels and indicators all-or-nothing; saving a half-edited
competency through generic admin forms would bypass that. The default levels by position kind
(StandarLevelDefault) have no page of their own, so Admin BKD changes them here (validated by
the model's 1..5 constraint, audited by django-auditlog).
"""

from __future__ import annotations

from django.contrib import admin

from pegawai.admin import PeranAdmin

from .models import IndikatorPerilaku, Kompetensi, LevelKompetensi, StandarKompetensiJabatan, StandarLevelDefault

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
