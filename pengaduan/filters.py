"""The filters of the complaint officers' work queue (pengaduan:aduan-list): status, class, OPD
(from the user's scope), unit the case was disposed to, overdue, privacy, and a search on the
tracking code or the title."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from asn_kinerja.widgets import CepatSelect
from pegawai.access import akses_get, pengaduan_opd_scope_q
from pegawai.models import UnitKerja

from .lacak import kode_normal
from .models import STATUS_TERBUKA, Kelas, Pengaduan, Privasi, StatusPengaduan

TERBUKA = "terbuka"
STATUS_PILIHAN = [(TERBUKA, "Semua yang masih berjalan"), *StatusPengaduan.choices]
_CENTANG = forms.CheckboxInput(attrs={"class": "form-check-input"})


class PengaduanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Cari",
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Kode lacak atau judul", "type": "search"}),
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_PILIHAN, method="filter_status", empty_label="Semua status"
    )
    kelas = django_filters.ChoiceFilter(label="Kelas", choices=Kelas.choices, empty_label="Semua kelas")
    opd = django_filters.ModelChoiceFilter(
        label="Perangkat daerah",
        queryset=UnitKerja.objects.none(),
        empty_label="Semua perangkat daerah",
        widget=CepatSelect,
    )
    unit_tujuan = django_filters.ModelChoiceFilter(
        label="Unit tujuan", queryset=UnitKerja.objects.none(), empty_label="Semua unit", widget=CepatSelect
    )
    privasi = django_filters.ChoiceFilter(label="Kerahasiaan", choices=Privasi.choices, empty_label="Semua")
    terlambat = django_filters.BooleanFilter(label="Hanya yang terlambat", method="filter_terlambat", widget=_CENTANG)
    saya = django_filters.BooleanFilter(
        label="Hanya yang ditugaskan kepada saya", method="filter_saya", widget=_CENTANG
    )

    class Meta:
        model = Pengaduan
        fields: list[str] = []

    def __init__(self, data=None, *args, user, hari_ini, hanya_tugas: bool = False, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.hari_ini = hari_ini
        akses = akses_get(user)
        self.pegawai_id = akses.pegawai_id
        lingkup = pengaduan_opd_scope_q(user, "id")
        opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("nama")
        if lingkup is not None:
            opd = opd.filter(lingkup)
        self.filters["opd"].queryset = opd
        # Units cases of this queue were disposed to: a handful, not the Pemda's thousands of units.
        self.filters["unit_tujuan"].queryset = UnitKerja.objects.filter(
            id__in=self.queryset.order_by().filter(unit_tujuan__isnull=False).values("unit_tujuan_id")
        ).order_by("nama")
        if hanya_tugas:
            # A responsible officer's own queue: every case here is theirs, in their OPD.
            for nama in ("opd", "saya", "privasi"):
                del self.filters[nama]
        elif self.pegawai_id is None:
            del self.filters["saya"]

    def filter_q(self, queryset, name, value):
        teks = value.strip()
        if not teks:
            return queryset
        kode = kode_normal(teks)
        if kode:
            return queryset.filter(kode=kode)
        return queryset.filter(Q(judul__icontains=teks) | Q(kode__icontains=teks.upper()))

    def filter_status(self, queryset, name, value):
        if value == TERBUKA:
            return queryset.filter(status__in=STATUS_TERBUKA)
        return queryset.filter(status=value)

    def filter_terlambat(self, queryset, name, value):
        if not value:
            return queryset
        # `batas_kini` is the deadline that matters in the case's status (selectors.alur).
        return queryset.filter(status__in=STATUS_TERBUKA, batas_kini__lt=self.hari_ini)

    def filter_saya(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(petugas_tindak_id=self.pegawai_id or 0)
