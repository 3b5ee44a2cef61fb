"""Forms for signing in, choosing a password, assigning roles and filtering the audit trail."""

from __future__ import annotations

import datetime

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Q

from .models import Pegawai, PeranPengguna, UnitKerja

PESAN_LOGIN_GAGAL = (
    "NIP atau kata sandi/kode aktivasi salah. Periksa kembali; setelah beberapa kali gagal, akun dikunci sementara."
)
PESAN_SANDI_TIDAK_SAMA = "Konfirmasi kata sandi tidak sama dengan kata sandi baru."
PESAN_SANDI_LAMA_SALAH = "Kata sandi lama salah. Silakan coba lagi."


class NipAuthenticationForm(AuthenticationForm):
    """Sign in with a NIP and either the password or, the first time, the activation code."""

    error_messages = {
        "invalid_login": PESAN_LOGIN_GAGAL,
        "inactive": "Akun ini tidak aktif. Hubungi admin kepegawaian.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "NIP"
        self.fields["username"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "username", "placeholder": "18 digit NIP", "maxlength": 30}
        )
        self.fields["password"].label = "Kata sandi / kode aktivasi"
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean_username(self):
        # NIPs are often copied with spaces ("19850101 201001 1 001"): accept them.
        nip = "".join(self.cleaned_data["username"].split())
        # AuthenticationForm sets max_length after the field is built, so nothing checks it; an
        # over-long name would reach django-axes, whose failure log holds 255 characters.
        if len(nip) > self.fields["username"].max_length:
            raise ValidationError(PESAN_LOGIN_GAGAL, code="invalid_login")
        return nip


def _label_sandi(form) -> None:
    form.fields["new_password1"].label = "Kata sandi baru"
    form.fields["new_password2"].label = "Ulangi kata sandi baru"
    if "old_password" in form.fields:
        form.fields["old_password"].label = "Kata sandi lama"


class KataSandiBaruForm(SetPasswordForm):
    """First sign-in (activation code): there is no old password to ask for."""

    error_messages = {"password_mismatch": PESAN_SANDI_TIDAK_SAMA}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        _label_sandi(self)


class GantiKataSandiForm(PasswordChangeForm):
    error_messages = {"password_mismatch": PESAN_SANDI_TIDAK_SAMA, "password_incorrect": PESAN_SANDI_LAMA_SALAH}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        _label_sandi(self)


# --- roles ------------------------------------------------------------------------------------


def _opd_queryset():
    return UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD, aktif=True).order_by("nama")


class PeranAssignForm(forms.Form):
    nip = forms.CharField(label="NIP pegawai", max_length=30)
    peran = forms.ChoiceField(label="Peran", choices=[("", "---------"), *PeranPengguna.Peran.choices])
    opd = forms.ModelChoiceField(
        label="OPD",
        queryset=_opd_queryset(),
        required=False,
        empty_label="(tidak ada / seluruh OPD)",
        help_text=(
            "Wajib untuk Admin OPD. Petugas Pengaduan: kosongkan untuk seluruh OPD. "
            "Admin BKD berlaku untuk seluruh Pemda (kosongkan)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nip"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.pegawai: Pegawai | None = None

    def clean_nip(self) -> str:
        nip = "".join(self.cleaned_data["nip"].split())
        pegawai = Pegawai.objects.select_related("user").filter(nip=nip).first()
        if pegawai is None:
            raise ValidationError("Pegawai dengan NIP ini tidak ditemukan.")
        if not pegawai.aktif:
            raise ValidationError("Pegawai ini tidak aktif.")
        if pegawai.user_id is None:
            raise ValidationError("Pegawai ini belum memiliki akun; buat kode aktivasi terlebih dahulu.")
        self.pegawai = pegawai
        return nip

    def clean(self):
        data = super().clean()
        peran, opd = data.get("peran"), data.get("opd")
        if peran == PeranPengguna.Peran.ADMIN_OPD and opd is None:
            self.add_error("opd", "Admin OPD wajib memiliki OPD.")
        if peran == PeranPengguna.Peran.ADMIN_BKD and opd is not None:
            self.add_error("opd", "Admin BKD berlaku untuk seluruh Pemda; kosongkan OPD.")
        return data


class PeranFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="NIP atau nama", method="filter_q")
    peran = django_filters.ChoiceFilter(label="Peran", choices=PeranPengguna.Peran.choices, empty_label="Semua peran")
    opd = django_filters.ModelChoiceFilter(label="OPD", queryset=_opd_queryset(), empty_label="Semua OPD")

    class Meta:
        model = PeranPengguna
        fields = ["q", "peran", "opd"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(user__username__startswith=value) | Q(user__pegawai__nama__icontains=value))


# --- audit trail ------------------------------------------------------------------------------

# (key in the URL, app label, model, label): the objects whose history the audit page shows.
AUDIT_OBJEK = [
    ("pegawai", "pegawai", "pegawai", "Pegawai"),
    ("unit", "pegawai", "unitkerja", "Unit kerja"),
    ("jabatan", "pegawai", "jabatan", "Jabatan"),
    ("riwayat", "pegawai", "riwayatjabatan", "Riwayat jabatan"),
    ("peran", "pegawai", "peranpengguna", "Peran pengguna"),
    ("akun", "auth", "user", "Akun pengguna"),
]
AUDIT_OBJEK_MAP = {key: (app, model) for key, app, model, _ in AUDIT_OBJEK}
AUDIT_AKSI = [
    (LogEntry.Action.CREATE, "Dibuat"),
    (LogEntry.Action.UPDATE, "Diubah"),
    (LogEntry.Action.DELETE, "Dihapus"),
]
_TAHUN_MIN, _TAHUN_MAKS = 2000, 2100


class _IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AuditFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        for name in ("dari", "sampai"):
            tanggal = data.get(name)
            if tanggal is not None and not (_TAHUN_MIN <= tanggal.year <= _TAHUN_MAKS):
                self.add_error(name, f"Tanggal harus antara tahun {_TAHUN_MIN} dan {_TAHUN_MAKS}.")
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        return data


def _awal_hari(tanggal: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time.min))


class AuditFilter(django_filters.FilterSet):
    objek = django_filters.ChoiceFilter(
        label="Jenis objek",
        choices=[(key, label) for key, _, _, label in AUDIT_OBJEK],
        method="filter_objek",
        empty_label="Semua objek",
    )
    object_id = _IntegerFilter(label="ID objek", field_name="object_id", min_value=1, max_value=2**63 - 1)
    aksi = django_filters.ChoiceFilter(label="Aksi", field_name="action", choices=AUDIT_AKSI, empty_label="Semua aksi")
    aktor = django_filters.CharFilter(label="NIP pelaku", method="filter_aktor", max_length=30)
    dari = django_filters.DateFilter(label="Dari tanggal", method="filter_dari")
    sampai = django_filters.DateFilter(label="Sampai tanggal", method="filter_sampai")
    q = django_filters.CharFilter(label="Cari objek", field_name="object_repr", lookup_expr="icontains", max_length=100)

    class Meta:
        model = LogEntry
        fields = ["objek", "object_id", "aksi", "aktor", "dari", "sampai", "q"]
        form = AuditFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("dari", "sampai"):
            self.form.fields[name].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def filter_objek(self, queryset, name, value):
        app_label, model = AUDIT_OBJEK_MAP[value]
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)

    def filter_aktor(self, queryset, name, value):
        nip = "".join(value.split())
        return queryset.filter(actor__username=nip) if nip else queryset

    def filter_dari(self, queryset, name, value):
        return queryset.filter(timestamp__gte=_awal_hari(value))

    def filter_sampai(self, queryset, name, value):
        return queryset.filter(timestamp__lt=_awal_hari(value + datetime.timedelta(days=1)))
