"""Django admin for master data, scoped by the same rules as the app (pegawai/access.py).

Admin BKD (or a superuser) and Admin OPD get in without `is_staff`; each sees only what
`access.py` lets them manage. Every save goes through `services.py`, so the admin validates,
audits and keeps the derived data (unit OPD, placement history, login account) exactly like
the app. A service refusal is shown on the form and nothing is saved.
"""

from __future__ import annotations

from types import MethodType

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from . import services
from .access import akses_get, impor_scope, jabatan_scope, pegawai_manage_scope, unit_manage_scope
from .models import ImporPegawai, Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja

User = get_user_model()


# --- the site: who may enter -----------------------------------------------------------------


def _site_has_permission(self, request) -> bool:
    user = request.user
    if not (user.is_active and user.is_authenticated):
        return False
    return akses_get(user).admin


def _site_login(self, request, extra_context=None):
    """Sign-in happens on the NIP login page; a signed-in user without an admin role gets a 403."""
    tujuan = request.GET.get("next") or reverse("admin:index", current_app=self.name)
    if request.user.is_authenticated:
        if self.has_permission(request):
            return redirect("admin:index")
        raise PermissionDenied("Admin data induk hanya untuk Admin OPD dan Admin BKD.")
    return redirect_to_login(tujuan, reverse("akun:login"))


def _site_password_change(self, request, extra_context=None):
    # The app's page clears the activation code and the forced change; the admin's would not.
    return redirect("akun:password-change")


admin.site.has_permission = MethodType(_site_has_permission, admin.site)
admin.site.login = MethodType(_site_login, admin.site)
admin.site.password_change = MethodType(_site_password_change, admin.site)


# --- shared behaviour -------------------------------------------------------------------------


class _GagalLayanan(Exception):
    """A service refused the save: carries its ValidationError back to the form."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


def _form_add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _salin(dari, ke) -> None:
    """Copy the saved row's values onto the instance the admin keeps using (for its messages and log)."""
    for f in dari._meta.concrete_fields:
        setattr(ke, f.attname, getattr(dari, f.attname))
    ke._state.adding = False
    ke._state.db = dari._state.db


class AutocompleteAman(AutocompleteSelect):
    """Django's autocomplete looks the selected ids up as they came: "abc" or an id beyond the
    integer range (from `?unit=` on an add page or a forged POST) raised a 500. Such ids are
    dropped before the lookup; the form field reports them as an invalid choice."""

    def _id_sah(self, nilai) -> bool:
        target = self.field.target_field
        try:
            angka = target.to_python(nilai)
        except ValidationError:
            return False
        if not isinstance(angka, int):
            return True
        bawah, atas = connections[self.db or "default"].ops.integer_field_range(target.get_internal_type())
        return (bawah is None or angka >= bawah) and (atas is None or angka <= atas)

    def optgroups(self, name, value, attr=None):
        kosong = self.choices.field.empty_values
        value = [v for v in value if str(v) in kosong or self._id_sah(v)]
        return super().optgroups(name, value, attr)


class PeranAdmin(admin.ModelAdmin):
    """Permissions come from the roles in access.py, not from Django's model permissions.

    Subclasses set who may view/add/change; nobody deletes (rows are deactivated instead).
    """

    bisa_lihat = ("admin_bkd", "admin_opd")
    bisa_ubah = ()

    def _akses(self, request):
        return akses_get(request.user)

    def _punya(self, request, peran) -> bool:
        return request.user.is_active and self._akses(request).punya_peran(*peran)

    def has_module_permission(self, request):
        return self._punya(request, self.bisa_lihat)

    def has_view_permission(self, request, obj=None):
        return self._punya(request, self.bisa_lihat)

    def has_add_permission(self, request):
        return self._punya(request, self.bisa_ubah)

    def has_change_permission(self, request, obj=None):
        return self._punya(request, self.bisa_ubah)

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = AutocompleteAman(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # Saving through services: a refusal re-renders the form with the service's message.

    def simpan(self, request, obj, form, change) -> None:
        """Subclasses that allow changes save through a service; the others are read-only."""
        raise PermissionDenied("Data ini hanya dapat dibaca di sini.")

    def save_model(self, request, obj, form, change):
        try:
            self.simpan(request, obj, form, change)
        except ValidationError as exc:
            raise _GagalLayanan(exc) from exc
        except PermissionDenied as exc:
            raise _GagalLayanan(ValidationError(str(exc) or "Anda tidak berwenang melakukan perubahan ini.")) from exc

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        galat = getattr(request, "_galat_layanan", None)
        if galat is None:
            return form

        class FormDenganGalat(form):
            def clean(self):
                data = super().clean()
                _form_add_errors(self, galat)
                return data

        return FormDenganGalat

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _GagalLayanan as exc:
            if getattr(request, "_galat_layanan", None) is not None:
                raise
            # The transaction of the first attempt was rolled back; render the form again with
            # the service's message attached so the user sees what to fix.
            request._galat_layanan = exc.error
            return super().changeform_view(request, object_id, form_url, extra_context)


# --- units ------------------------------------------------------------------------------------


@admin.register(UnitKerja)
class UnitKerjaAdmin(PeranAdmin):
    bisa_ubah = ("admin_bkd", "admin_opd")
    list_display = ("kode", "nama", "jenis", "induk", "opd", "aktif")
    list_select_related = ("induk", "opd")
    list_filter = ("jenis", "aktif")
    search_fields = ("kode", "nama")
    ordering = ("kode",)
    autocomplete_fields = ("induk",)
    show_full_result_count = False

    def get_queryset(self, request):
        return unit_manage_scope(request.user).select_related("induk", "opd")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("kode", "nama", "jenis", "induk")
        return ("kode", "nama", "jenis", "induk", "opd", "aktif")

    def get_readonly_fields(self, request, obj=None):
        return ("jenis", "opd") if obj is not None else ()

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        akses = self._akses(request)
        if obj is None or akses.admin_bkd:
            return True
        # Admin OPD manages the units inside their OPD, not the OPD node itself.
        return obj.jenis in (UnitKerja.Jenis.BIDANG, UnitKerja.Jenis.SUBBIDANG) and obj.opd_id in akses.admin_opd_ids

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "induk":
            kwargs["queryset"] = unit_manage_scope(request.user).filter(aktif=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "jenis" and not self._akses(request).admin_bkd:
            kwargs["choices"] = [
                (UnitKerja.Jenis.BIDANG, UnitKerja.Jenis.BIDANG.label),
                (UnitKerja.Jenis.SUBBIDANG, UnitKerja.Jenis.SUBBIDANG.label),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def simpan(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            unit = services.unit_update(
                actor=request.user,
                unit=obj,
                kode=data["kode"],
                nama=data["nama"],
                induk=data.get("induk"),
                aktif=data.get("aktif", obj.aktif),
            )
        else:
            unit = services.unit_create(
                actor=request.user, kode=data["kode"], nama=data["nama"], jenis=data["jenis"], induk=data.get("induk")
            )
        _salin(unit, obj)


# --- positions --------------------------------------------------------------------------------


@admin.register(Jabatan)
class JabatanAdmin(PeranAdmin):
    bisa_ubah = ("admin_bkd",)
    list_display = ("kode", "nama", "jenis", "jenjang", "aktif")
    list_filter = ("jenis", "jenjang", "aktif")
    search_fields = ("kode", "nama")
    fields = ("kode", "nama", "jenis", "jenjang", "aktif")
    ordering = ("nama",)

    def get_queryset(self, request):
        return jabatan_scope(request.user)

    def simpan(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            jabatan = services.jabatan_update(
                actor=request.user,
                jabatan=obj,
                kode=data["kode"],
                nama=data["nama"],
                jenis=data["jenis"],
                jenjang=data.get("jenjang", ""),
                aktif=data.get("aktif", True),
            )
        else:
            jabatan = services.jabatan_create(
                actor=request.user,
                kode=data["kode"],
                nama=data["nama"],
                jenis=data["jenis"],
                jenjang=data.get("jenjang", ""),
            )
            if not data.get("aktif", True):
                jabatan = services.jabatan_update(
                    actor=request.user,
                    jabatan=jabatan,
                    kode=jabatan.kode,
                    nama=jabatan.nama,
                    jenis=jabatan.jenis,
                    jenjang=jabatan.jenjang,
                    aktif=False,
                )
        _salin(jabatan, obj)


# --- employees --------------------------------------------------------------------------------


class RiwayatJabatanInline(admin.TabularInline):
    model = RiwayatJabatan
    fields = ("mulai", "sampai", "unit", "jabatan", "keterangan", "dicatat_oleh")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "Riwayat jabatan"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "jabatan", "dicatat_oleh")

    def has_view_permission(self, request, obj=None):
        return akses_get(request.user).admin

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PegawaiAdminForm(forms.ModelForm):
    class Meta:
        model = Pegawai
        fields = services.PEGAWAI_FIELDS

    def clean(self):
        data = super().clean()
        atasan = data.get("atasan")
        if atasan is not None:
            try:
                services.pegawai_check_atasan(pegawai_id=self.instance.pk, atasan=atasan)
            except ValidationError as exc:
                _form_add_errors(self, exc)
        return data


@admin.register(Pegawai)
class PegawaiAdmin(PeranAdmin):
    bisa_ubah = ("admin_bkd", "admin_opd")
    form = PegawaiAdminForm
    list_display = ("nip", "nama", "jabatan", "unit", "status_kepegawaian", "golongan", "aktif")
    list_select_related = ("unit", "jabatan")
    list_filter = ("status_kepegawaian", "aktif", "jabatan__jenis")
    search_fields = ("^nip", "nama")
    ordering = ("nama", "nip")
    autocomplete_fields = ("unit", "jabatan", "atasan")
    show_full_result_count = False
    list_per_page = 50
    inlines = (RiwayatJabatanInline,)
    fieldsets = (
        (
            "Identitas",
            {"fields": ("nip", "gelar_depan", "nama", "gelar_belakang", "status_kepegawaian", "golongan")},
        ),
        ("Penempatan", {"fields": ("unit", "jabatan", "atasan")}),
        ("Kontak", {"fields": ("email", "telepon")}),
        ("Akun", {"fields": ("aktif", "user", "wajib_ganti_password")}),
    )
    # Deactivation needs a reason and checks subordinates: it is done on the employee page.
    readonly_fields = ("aktif", "user", "wajib_ganti_password")

    def get_queryset(self, request):
        return pegawai_manage_scope(request.user)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets[:3]
        return self.fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = unit_manage_scope(request.user).exclude(jenis=UnitKerja.Jenis.PEMDA)
        elif db_field.name == "jabatan":
            kwargs["queryset"] = jabatan_scope(request.user)
        elif db_field.name == "atasan":
            # An atasan may work in another OPD (a Kepala Dinas reports to the Sekda).
            kwargs["queryset"] = Pegawai.objects.filter(aktif=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def simpan(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            berubah = {f: data[f] for f in form.changed_data if f in services.PEGAWAI_FIELDS}
            if berubah:
                pegawai = services.pegawai_update(actor=request.user, pegawai=obj, **berubah)
                _salin(pegawai, obj)
            return
        pegawai, kode = services.pegawai_create(
            actor=request.user, **{f: data.get(f) for f in services.PEGAWAI_FIELDS if f in data}
        )
        _salin(pegawai, obj)
        messages.warning(
            request,
            f"Kode aktivasi untuk {pegawai.nama_lengkap}: {kode}. Serahkan kepada pegawai; kode hanya "
            "ditampilkan sekali dan berlaku 30 hari.",
        )


# --- roles, imports, audit --------------------------------------------------------------------


@admin.register(PeranPengguna)
class PeranPenggunaAdmin(PeranAdmin):
    """Read-only list; roles are given on the app's role page (by NIP) and revoked there or here."""

    bisa_lihat = ("admin_bkd",)
    list_display = ("user", "nama", "peran", "opd", "created_at")
    list_select_related = ("user", "user__pegawai", "opd")
    list_filter = ("peran",)
    search_fields = ("^user__username", "user__pegawai__nama")
    fields = ("user", "peran", "opd", "created_at")
    readonly_fields = fields

    @admin.display(description="nama")
    def nama(self, obj):
        pegawai = getattr(obj.user, "pegawai", None)
        return pegawai.nama_lengkap if pegawai else obj.user.get_full_name()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "user__pegawai", "opd")

    def has_delete_permission(self, request, obj=None):
        return self._punya(request, ("admin_bkd",))

    def delete_model(self, request, obj):
        try:
            services.peran_revoke(actor=request.user, peran=obj)
        except ValidationError as exc:
            raise _GagalLayanan(exc) from exc

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except _GagalLayanan as exc:
            self.message_user(request, " ".join(exc.error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:pegawai_peranpengguna_changelist"))


@admin.register(ImporPegawai)
class ImporPegawaiAdmin(PeranAdmin):
    list_display = ("created_at", "nama_berkas", "status", "opd", "dibuat_oleh", "total_baris", "jumlah_baru")
    list_select_related = ("opd", "dibuat_oleh")
    list_filter = ("status",)
    # The uploaded workbook and the activation-code file are private: never linked here.
    fields = (
        "nama_berkas",
        "status",
        "tahap",
        "opd",
        "dibuat_oleh",
        "total_baris",
        "diproses",
        "jumlah_baru",
        "jumlah_diubah",
        "pesan",
        "galat",
        "created_at",
        "selesai_pada",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return impor_scope(request.user).select_related("opd", "dibuat_oleh")


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogEntryAdmin(LogEntryAdmin):
    """auditlog's own entry browser: Admin BKD, read-only. An admin who is the subject of a
    citizen complaint does not see that case's entries (the subject never sees the case)."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        pegawai_id = akses_get(request.user).pegawai_id
        if pegawai_id:
            from django.contrib.contenttypes.models import ContentType

            from pengaduan.models import Pengaduan

            tentang_saya = Pengaduan.objects.filter(pegawai_terlapor_id=pegawai_id).values_list("pk", flat=True)
            qs = qs.exclude(content_type=ContentType.objects.get_for_model(Pengaduan), object_id__in=tentang_saya)
        return qs

    def has_module_permission(self, request):
        return request.user.is_active and akses_get(request.user).admin_bkd

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
