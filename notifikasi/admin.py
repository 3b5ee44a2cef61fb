"""Notifications in the Django admin: read-only, for Admin BKD only (support: "did the reminder
go out?"). A notification is personal; nobody edits or sends one by hand."""

from django.contrib import admin

from pegawai.access import akses_get

from .models import Notifikasi


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    list_display = ("judul", "penerima", "created_at", "dibaca_pada")
    list_filter = ("dibaca_pada",)
    search_fields = ("judul", "penerima__username", "kunci")
    date_hierarchy = "created_at"
    list_select_related = ("penerima",)
    readonly_fields = ("penerima", "judul", "pesan", "tautan", "kunci", "dibaca_pada", "created_at")

    def has_module_permission(self, request) -> bool:
        return akses_get(request.user).admin_bkd

    def has_view_permission(self, request, obj=None) -> bool:
        return akses_get(request.user).admin_bkd

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
