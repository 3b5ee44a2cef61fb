"""FilterSets for the employee directory and the position catalogue."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from asn_kinerja.widgets import CepatSelect

from .access import akses_get, unit_scope
from .forms import UnitPohonField
from .models import Jabatan, Pegawai, UnitKerja

AKTIF_PILIHAN = [("1", "Aktif"), ("0", "Nonaktif"), ("semua", "Semua")]


class UnitFilter(django_filters.Filter):
    field_class = UnitPohonField


class PegawaiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Cari",
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Nama atau NIP", "type": "search"}),
    )
    unit = UnitFilter(label="Unit kerja", method="filter_unit", empty_label="Semua unit")
    jabatan = django_filters.ModelChoiceFilter(
        label="Jabatan",
        queryset=Jabatan.objects.order_by("nama", "kode"),
        empty_label="Semua jabatan",
        widget=CepatSelect,
    )
    jenis_jabatan = django_filters.ChoiceFilter(
        label="Jenis jabatan", field_name="jabatan__jenis", choices=Jabatan.Jenis.choices, empty_label="Semua jenis"
    )
    status_kepegawaian = django_filters.ChoiceFilter(
        label="Status", choices=Pegawai.Status.choices, empty_label="Semua status"
    )
    golongan = django_filters.ChoiceFilter(
        label="Golongan/grade", choices=Pegawai.GOLONGAN_CHOICES, empty_label="Semua golongan", widget=CepatSelect
    )
    aktif = django_filters.ChoiceFilter(
        label="Keaktifan", choices=AKTIF_PILIHAN, method="filter_aktif", empty_label=None
    )

    class Meta:
        model = Pegawai
        fields: list[str] = []

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and not data.get("aktif"):
            # The directory lists active employees unless asked otherwise.
            data = data.copy()
            data["aktif"] = "1"
        super().__init__(data, *args, **kwargs)
        # Units the user may see; picking an OPD or a Bidang includes every unit below it.
        self.filters["unit"].extra["queryset"] = self._unit_pilihan(user, data)
        self.filters["unit"].extra["help_text"] = (
            "Unit OPD lain: pilih OPD-nya lalu Terapkan untuk memilih bidang/seksinya."
        )

    @staticmethod
    def _unit_pilihan(user, data):
        """Options of the unit filter: every unit of the user's own OPD (and of the OPD they
        administer), the other OPD as single entries, and the subtree of the OPD of the unit
        currently chosen. A Pemda-wide scope (Admin BKD, or a Sekda with the whole Pemda below
        them) has thousands of schools, puskesmas and seksi: one <select> of every unit would
        make the page megabytes and seconds.
        """
        scope = unit_scope(user)
        akses = akses_get(user)
        rumah = set(akses.admin_opd_ids) | ({akses.opd_id} if akses.opd_id else set())
        pilihan = Q(jenis__in=[UnitKerja.Jenis.PEMDA, UnitKerja.Jenis.OPD]) | Q(opd_id__in=rumah)
        dipilih = (data or {}).get("unit")
        if dipilih and str(dipilih).isdigit() and len(str(dipilih)) < 19:
            opd_id = scope.filter(pk=int(dipilih)).values_list("opd_id", flat=True).first()
            if opd_id is not None:
                pilihan |= Q(opd_id=opd_id)
        return scope.filter(pilihan)

    def filter_q(self, queryset, name, value):
        teks = value.strip()
        nip = "".join(teks.split())
        if nip.isdigit():
            # NIP prefix: served by the unique index (varchar_pattern_ops on PostgreSQL).
            return queryset.filter(nip__startswith=nip)
        return queryset.filter(nama__icontains=teks)

    def filter_unit(self, queryset, name, unit: UnitKerja):
        if unit.jenis == UnitKerja.Jenis.PEMDA:
            return queryset
        if unit.jenis == UnitKerja.Jenis.OPD:
            return queryset.filter(unit__opd=unit)
        if unit.jenis == UnitKerja.Jenis.BIDANG:
            # Ids first: "unit = X or unit.induk = X" as a join scans every employee.
            return queryset.filter(unit_id__in=UnitKerja.objects.filter(Q(pk=unit.pk) | Q(induk=unit)).values("id"))
        return queryset.filter(unit=unit)

    def filter_aktif(self, queryset, name, value):
        if value == "1":
            return queryset.filter(aktif=True)
        if value == "0":
            return queryset.filter(aktif=False)
        return queryset


class JabatanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Cari",
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Nama atau kode jabatan", "type": "search"}),
    )
    jenis = django_filters.ChoiceFilter(label="Jenis jabatan", choices=Jabatan.Jenis.choices, empty_label="Semua jenis")
    aktif = django_filters.ChoiceFilter(
        label="Keaktifan", choices=AKTIF_PILIHAN[:2], method="filter_aktif", empty_label="Semua"
    )

    class Meta:
        model = Jabatan
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        teks = value.strip()
        return queryset.filter(Q(nama__icontains=teks) | Q(kode__icontains=teks))

    def filter_aktif(self, queryset, name, value):
        return queryset.filter(aktif=value == "1")
