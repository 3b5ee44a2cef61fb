"""Filters of the daily log pages: the atasan's review queue (pegawai, date range, status) and
the monthly recap (name/NIP, unit, order)."""

from __future__ import annotations

import django_filters
from django import forms

from asn_kinerja.widgets import CepatSelect
from pegawai.access import akses_get
from pegawai.filters import PegawaiFilter, UnitFilter
from pegawai.models import Pegawai

from ..models import LogHarian

STATUS_SEMUA = "semua"
PESAN_TANGGAL = "Tanggal tidak valid; gunakan format TTTT-BB-HH, misalnya 2026-03-05."
PESAN_RENTANG = "Tanggal awal tidak boleh sesudah tanggal akhir."


def _tanggal_filter(label: str, lookup: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        field_name="tanggal",
        lookup_expr=lookup,
        error_messages={"invalid": PESAN_TANGGAL},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class LogPeriksaFilter(django_filters.FilterSet):
    pegawai = django_filters.ModelChoiceFilter(
        label="Pegawai", queryset=Pegawai.objects.none(), empty_label="Semua bawahan", widget=CepatSelect
    )
    dari = _tanggal_filter("Dari tanggal", "gte")
    sampai = _tanggal_filter("Sampai tanggal", "lte")
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[*LogHarian.Status.choices, (STATUS_SEMUA, "Semua status")],
        method="filter_status",
        empty_label=None,
    )

    class Meta:
        model = LogHarian
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        # The queue shows what waits for review unless another status is asked for.
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = LogHarian.Status.BELUM_DIPERIKSA
        super().__init__(data, *args, **kwargs)
        pid = akses_get(user).pegawai_id
        self.filters["pegawai"].queryset = (
            Pegawai.objects.filter(atasan_id=pid).exclude(pk=pid).order_by("nama", "id")
            if pid is not None
            else Pegawai.objects.none()
        )

    @property
    def status_dipilih(self) -> str:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return data.get("status") or LogHarian.Status.BELUM_DIPERIKSA

    def filter_status(self, queryset, name, value):
        if value == STATUS_SEMUA:
            return queryset
        return queryset.filter(status=value)

    @property
    def qs(self):
        qs = super().qs
        if self.status_dipilih == LogHarian.Status.BELUM_DIPERIKSA:
            # Oldest first: what has waited longest is checked first.
            return qs.order_by("tanggal", "pegawai__nama", "id")
        return qs.order_by("-tanggal", "pegawai__nama", "-id")

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        dari, sampai = self.form.cleaned_data.get("dari"), self.form.cleaned_data.get("sampai")
        if dari and sampai and dari > sampai:
            self.form.add_error("sampai", PESAN_RENTANG)
            return False
        return True


URUT_PILIHAN = [("unit", "Unit kerja dan nama"), ("capaian", "Capaian terendah dahulu")]


class LogRekapFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Cari pegawai",
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Nama atau NIP", "type": "search"}),
    )
    unit = UnitFilter(label="Unit kerja", method="filter_unit", empty_label="Semua unit")
    # Applied by the recap statement itself (evaluasi.selectors.log.log_rekap_baris).
    urut = django_filters.ChoiceFilter(label="Urutan", choices=URUT_PILIHAN, method="filter_urut", empty_label=None)

    class Meta:
        model = Pegawai
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].extra["queryset"] = PegawaiFilter._unit_pilihan(user, data)

    def filter_q(self, queryset, name, value):
        return PegawaiFilter.filter_q(self, queryset, name, value)

    def filter_unit(self, queryset, name, unit):
        return PegawaiFilter.filter_unit(self, queryset, name, unit)

    def filter_urut(self, queryset, name, value):
        return queryset

    @property
    def urut_dipilih(self) -> str:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return data.get("urut") or "unit"
