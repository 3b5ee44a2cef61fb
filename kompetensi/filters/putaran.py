"""The filters of a round's monitoring table (kompetensi:putaran-detail and its export)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from asn_kinerja.widgets import CepatSelect
from pegawai.models import UnitKerja

from ..models import PenilaianKompetensi, PesertaPenilaian
from ..rules import MIN_REKAN

TERKIRIM = PenilaianKompetensi.Status.TERKIRIM.value


class _Centang(django_filters.Filter):
    """A checkbox: ticked applies `method`, unticked filters nothing."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxInput(attrs={"class": "form-check-input"}))
        super().__init__(*args, **kwargs)


class PesertaPutaranFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Cari pegawai",
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Nama atau NIP", "type": "search"}),
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit kerja",
        queryset=UnitKerja.objects.none(),
        empty_label="Semua unit",
        widget=CepatSelect,
        error_messages={"invalid_choice": "Unit kerja tidak ditemukan di antara peserta putaran ini."},
    )
    belum_diri = _Centang(label="Belum dinilai diri", method="filter_belum_diri")
    belum_atasan = _Centang(label="Belum dinilai atasan", method="filter_belum_atasan")
    rekan_kurang = _Centang(label=f"Rekan kurang dari {MIN_REKAN}", method="filter_rekan_kurang")

    class Meta:
        model = PesertaPenilaian
        fields: list[str] = []

    def __init__(self, data=None, *args, unit_queryset, rekan_aktif: bool = True, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].queryset = unit_queryset
        if not rekan_aktif:
            del self.filters["rekan_kurang"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        nip = "".join(value.split())
        q = Q(pegawai__nama__icontains=value)
        if nip.isdigit():
            q |= Q(pegawai__nip__startswith=nip)
        return queryset.filter(q)

    def filter_belum_diri(self, queryset, name, value):
        return queryset.exclude(status_diri=TERKIRIM) if value else queryset

    def filter_belum_atasan(self, queryset, name, value):
        return queryset.exclude(status_atasan=TERKIRIM) if value else queryset

    def filter_rekan_kurang(self, queryset, name, value):
        """Fewer than MIN_REKAN peers assigned: the peers' mean could never be used."""
        return queryset.filter(rekan_ditugaskan__lt=MIN_REKAN) if value else queryset
