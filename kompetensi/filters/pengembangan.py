"""FilterSets for development: the programme catalogue, plans and the 20-JP compliance list."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from asn_kinerja.widgets import CepatSelect
from pegawai.access import akses_get
from pegawai.filters import PegawaiFilter, UnitFilter
from pegawai.models import Pegawai

from ..access import kompetensi_scope
from ..models import ProgramKompetensi, ProgramPengembangan, RencanaPengembangan
from ..models.pengembangan import JP_MINIMUM_TAHUNAN
from ..selectors.pengembangan import jp_annotate, tahun_ini
from .kamus import AktifHanyaBkdMixin, aktif_filter, cari_filter

TAHUN_MIN, TAHUN_MAX = 2000, 2100


def _tahun_filter(label: str, **kw) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        label=label,
        method="filter_tahun",
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAX,
        error_messages={
            "invalid": "Tahun harus berupa angka, misalnya 2026.",
            "min_value": f"Tahun paling awal {TAHUN_MIN}.",
            "max_value": f"Tahun paling akhir {TAHUN_MAX}.",
        },
        widget=forms.NumberInput(attrs={"min": TAHUN_MIN, "max": TAHUN_MAX, "inputmode": "numeric"}),
        **kw,
    )


def _cari_pegawai(queryset, value: str, prefix: str = ""):
    teks = value.strip()
    nip = "".join(teks.split())
    if not teks:
        return queryset
    if nip.isdigit():
        return queryset.filter(**{f"{prefix}nip__startswith": nip})
    return queryset.filter(**{f"{prefix}nama__icontains": teks})


class ProgramFilter(AktifHanyaBkdMixin, django_filters.FilterSet):
    q = cari_filter("Cari", "Nama, kode, atau penyelenggara")
    jenis = django_filters.ChoiceFilter(
        label="Jenis", choices=ProgramPengembangan.Jenis.choices, empty_label="Semua jenis"
    )
    kompetensi = django_filters.ModelChoiceFilter(
        label="Kompetensi sasaran",
        queryset=None,
        method="filter_kompetensi",
        empty_label="Semua kompetensi",
        widget=CepatSelect,
    )
    aktif = aktif_filter()

    class Meta:
        model = ProgramPengembangan
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["kompetensi"].queryset = kompetensi_scope(user).order_by("jenis", "urutan", "nama")
        self.aktif_hanya_bkd(user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(nama__icontains=value) | Q(kode__icontains=value) | Q(penyelenggara__icontains=value))

    def filter_kompetensi(self, queryset, name, value):
        return queryset.filter(Exists(ProgramKompetensi.objects.filter(program=OuterRef("pk"), kompetensi=value)))


class RencanaFilter(django_filters.FilterSet):
    q = cari_filter("Cari pegawai", "Nama atau NIP")
    status = django_filters.ChoiceFilter(
        label="Status", choices=RencanaPengembangan.Status.choices, empty_label="Semua status"
    )
    tahun = _tahun_filter("Tahun")
    cakupan = django_filters.ChoiceFilter(
        label="Milik",
        choices=[("saya", "Rencana saya"), ("lain", "Pegawai lain")],
        method="filter_cakupan",
        empty_label="Semua",
    )

    class Meta:
        model = RencanaPengembangan
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.pegawai_id = akses_get(user).pegawai_id

    def filter_q(self, queryset, name, value):
        return _cari_pegawai(queryset, value, prefix="pegawai__")

    def filter_tahun(self, queryset, name, value):
        """Plans whose planned period touches the year, or completed in it."""
        tahun = int(value)
        awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
        return queryset.filter(
            Q(tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal) | Q(tanggal_realisasi__range=(awal, akhir))
        )

    def filter_cakupan(self, queryset, name, value):
        if value == "saya":
            return queryset.filter(pegawai_id=self.pegawai_id or 0)
        return queryset.exclude(pegawai_id=self.pegawai_id or 0)


class JpFilter(django_filters.FilterSet):
    """The 20-JP compliance list. The year's hours are annotated first (`jp_annotate`), so the
    other filters and the summary see them; `qs_ringkas` is the list without "hanya kurang"."""

    tahun = _tahun_filter("Tahun")
    q = cari_filter("Cari pegawai", "Nama atau NIP")
    unit = UnitFilter(label="OPD / unit kerja", method="filter_unit", empty_label="Semua unit")
    kurang = django_filters.BooleanFilter(
        label="Hanya yang belum mencapai 20 JP", method="filter_kurang", widget=forms.CheckboxInput
    )

    class Meta:
        model = Pegawai
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and not data.get("tahun"):
            data = data.copy()
            data["tahun"] = str(tahun_ini())
        super().__init__(data, *args, **kwargs)
        self.filters["unit"].extra["queryset"] = PegawaiFilter._unit_pilihan(user, data)

    @property
    def tahun_dipilih(self) -> int:
        data = getattr(self.form, "cleaned_data", {}) or {}
        return int(data.get("tahun") or tahun_ini())

    def filter_queryset(self, queryset):
        queryset = jp_annotate(queryset, self.tahun_dipilih)
        for name, value in self.form.cleaned_data.items():
            if name != "kurang":
                queryset = self.filters[name].filter(queryset, value)
        self.qs_ringkas = queryset
        return self.filters["kurang"].filter(queryset, self.form.cleaned_data.get("kurang"))

    def filter_tahun(self, queryset, name, value):
        return queryset  # applied by jp_annotate

    def filter_q(self, queryset, name, value):
        return _cari_pegawai(queryset, value)

    def filter_unit(self, queryset, name, unit):
        return PegawaiFilter.filter_unit(self, queryset, name, unit)

    def filter_kurang(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(jp_selesai__lt=JP_MINIMUM_TAHUNAN)
