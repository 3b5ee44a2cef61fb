"""The filters of the SKP list (evaluasi:skp-list): year, status, unit, name/NIP and "only the
SKP submitted to me"."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from pegawai.filters import PegawaiFilter, UnitFilter
from pegawai.models import UnitKerja

from ..models import Skp
from ..services.skp import tahun_ini

TAHUN_MIN, TAHUN_MAX = 2000, 2100


class SkpFilter(django_filters.FilterSet):
    tahun = django_filters.NumberFilter(
        label="Tahun",
        field_name="tahun",
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAX,
        error_messages={
            "invalid": "Tahun harus berupa angka, misalnya 2026.",
            "min_value": f"Tahun paling awal {TAHUN_MIN}.",
            "max_value": f"Tahun paling akhir {TAHUN_MAX}.",
        },
        widget=forms.NumberInput(attrs={"min": TAHUN_MIN, "max": TAHUN_MAX, "inputmode": "numeric"}),
    )
    status = django_filters.ChoiceFilter(label="Status", choices=Skp.Status.choices, empty_label="Semua status")
    q = django_filters.CharFilter(
        label="Cari pegawai",
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Nama atau NIP", "type": "search"}),
    )
    unit = UnitFilter(label="Unit kerja", method="filter_unit", empty_label="Semua unit")
    langsung = django_filters.BooleanFilter(
        label="Hanya yang diajukan kepada saya",
        method="filter_langsung",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    class Meta:
        model = Skp
        fields: list[str] = []

    def __init__(self, data=None, *args, user, pegawai_id: int | None, **kwargs):
        if data is not None and not data.get("tahun"):
            data = data.copy()
            data["tahun"] = str(tahun_ini())
        super().__init__(data, *args, **kwargs)
        self.pegawai_id = pegawai_id
        self.filters["unit"].extra["queryset"] = PegawaiFilter._unit_pilihan(user, data)
        if pegawai_id is None:
            del self.filters["langsung"]

    @property
    def tahun_dipilih(self) -> int:
        data = getattr(self.form, "cleaned_data", None) or {}
        return int(data.get("tahun") or tahun_ini())

    def filter_q(self, queryset, name, value):
        teks = value.strip()
        nip = "".join(teks.split())
        if not teks:
            return queryset
        if nip.isdigit():
            return queryset.filter(pegawai__nip__startswith=nip)
        return queryset.filter(pegawai__nama__icontains=teks)

    def filter_unit(self, queryset, name, unit: UnitKerja):
        """By the unit recorded on the SKP (its snapshot), the whole subtree for an OPD or bidang."""
        if unit.jenis == UnitKerja.Jenis.PEMDA:
            return queryset
        if unit.jenis == UnitKerja.Jenis.OPD:
            return queryset.filter(unit__opd=unit)
        if unit.jenis == UnitKerja.Jenis.BIDANG:
            return queryset.filter(unit_id__in=UnitKerja.objects.filter(Q(pk=unit.pk) | Q(induk=unit)).values("id"))
        return queryset.filter(unit=unit)

    def filter_langsung(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(atasan_id=self.pegawai_id or 0)
