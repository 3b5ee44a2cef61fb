"""FilterSets for the competency dictionary and the position standards."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from pegawai.access import akses_get
from pegawai.models import Jabatan

from ..models import LEVEL_MAX, LEVEL_MIN, Kompetensi, StandarKompetensiJabatan

LEVEL_PILIHAN = [(str(lv), f"Level {lv}") for lv in range(LEVEL_MIN, LEVEL_MAX + 1)]


def cari_filter(label: str, placeholder: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=label,
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": placeholder, "type": "search"}),
    )


def aktif_filter() -> django_filters.ChoiceFilter:
    """Active/inactive, for Admin BKD only (see AktifHanyaBkdMixin)."""
    return django_filters.ChoiceFilter(
        label="Status",
        choices=[("1", "Aktif"), ("0", "Nonaktif")],
        method="filter_aktif",
        empty_label="Semua status",
    )


class AktifHanyaBkdMixin:
    """Everyone but Admin BKD only ever sees active rows: the status filter is theirs alone."""

    def aktif_hanya_bkd(self, user) -> None:
        if not akses_get(user).admin_bkd:
            del self.filters["aktif"]

    def filter_aktif(self, queryset, name, value):
        return queryset.filter(aktif=value == "1")


class KompetensiFilter(AktifHanyaBkdMixin, django_filters.FilterSet):
    q = cari_filter("Cari", "Nama, kode, atau definisi")
    jenis = django_filters.ChoiceFilter(label="Jenis", choices=Kompetensi.Jenis.choices, empty_label="Semua jenis")
    aktif = aktif_filter()

    class Meta:
        model = Kompetensi
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.aktif_hanya_bkd(user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(nama__icontains=value) | Q(kode__icontains=value) | Q(definisi__icontains=value))


class StandarJabatanFilter(django_filters.FilterSet):
    q = cari_filter("Cari jabatan", "Nama atau kode jabatan")
    jenis = django_filters.ChoiceFilter(label="Jenis jabatan", choices=Jabatan.Jenis.choices, empty_label="Semua jenis")
    status = django_filters.ChoiceFilter(
        label="Standar",
        choices=[("ada", "Sudah memiliki standar"), ("belum", "Belum memiliki standar")],
        method="filter_status",
        empty_label="Semua",
    )
    # Set by the links on a competency's page: positions requiring it (at one level).
    kompetensi = django_filters.ModelChoiceFilter(
        queryset=Kompetensi.objects.all(), method="filter_kompetensi", widget=forms.HiddenInput
    )
    level = django_filters.ChoiceFilter(choices=LEVEL_PILIHAN, method="filter_level", widget=forms.HiddenInput)

    class Meta:
        model = Jabatan
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(nama__icontains=value) | Q(kode__icontains=value))

    def filter_status(self, queryset, name, value):
        return queryset.filter(jumlah_kompetensi__gt=0) if value == "ada" else queryset.filter(jumlah_kompetensi=0)

    def filter_kompetensi(self, queryset, name, value):
        standar = StandarKompetensiJabatan.objects.filter(jabatan=OuterRef("pk"), kompetensi=value)
        level = self.form.cleaned_data.get("level")
        if level:
            standar = standar.filter(level=int(level))
        return queryset.filter(Exists(standar))

    def filter_level(self, queryset, name, value):
        # Only meaningful with a competency: applied in filter_kompetensi.
        return queryset
