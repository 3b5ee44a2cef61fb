"""Background exports in the Django admin: read-only, for Admin BKD only (support: "did my
export fail, and why?"). The file itself is never offered here: only its owner downloads it."""

from django.contrib import admin

from pegawai.admin import PeranAdmin

from .models import Ekspor


@admin.register(Ekspor)
class EksporAdmin(PeranAdmin):
    bisa_lihat = ("admin_bkd",)
    list_display = ("pk", "jenis", "pemilik", "status", "progres", "created_at", "selesai_at")
    list_filter = ("status", "jenis")
    search_fields = ("pemilik__username", "nama_berkas")
    date_hierarchy = "created_at"
    list_select_related = ("pemilik",)
    fields = readonly_fields = (
        "pemilik",
        "jenis",
        "parameter",
        "status",
        "progres",
        "nama_berkas",
        "ukuran",
        "pesan_galat",
        "created_at",
        "selesai_at",
    )
