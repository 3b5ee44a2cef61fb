"""Forms of a unit's predikat kinerja organisasi and of the monitoring filter."""

from __future__ import annotations

from django import forms

from asn_kinerja.widgets import CepatSelect
from pegawai.access import akses_get, unit_manage_scope
from pegawai.forms import UnitPohonField
from pegawai.models import UnitKerja

from ..models import Periode, PredikatOrganisasiChoices
from ..selectors.monitoring import BELUM
from ..services.kurva import CATATAN_MAKS, PESAN_CATATAN_PANJANG, PESAN_PREDIKAT
from .periode import PESAN_FORM_RUSAK

# --- the unit's predikat kinerja organisasi ------------------------------------------------------------


class PredikatOrgForm(forms.Form):
    predikat = forms.ChoiceField(
        label="Predikat kinerja organisasi",
        choices=PredikatOrganisasiChoices.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_PREDIKAT, "invalid_choice": PESAN_PREDIKAT},
    )
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        max_length=CATATAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dasar penetapan, misalnya capaian kinerja unit menurut laporan kinerja.",
        error_messages={"max_length": PESAN_CATATAN_PANJANG},
    )
    semula = forms.ChoiceField(
        choices=[("", ""), *PredikatOrganisasiChoices.choices],
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": PESAN_FORM_RUSAK},
    )


# --- monitoring --------------------------------------------------------------------------------------


class MonitoringForm(forms.Form):
    periode = forms.ModelChoiceField(
        label="Periode",
        queryset=Periode.objects.order_by("-tahun", "-tanggal_mulai", "-id"),
        required=False,
        widget=CepatSelect,
        empty_label=None,
        error_messages={"invalid_choice": "Periode tidak ditemukan."},
    )
    opd = forms.ModelChoiceField(
        label="OPD",
        queryset=UnitKerja.objects.none(),
        required=False,
        widget=CepatSelect,
        empty_label="Semua OPD",
        error_messages={"invalid_choice": "OPD tidak ditemukan atau di luar lingkup Anda."},
    )
    unit = UnitPohonField(
        label="Unit kerja",
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label="Semua unit",
        error_messages={"invalid_choice": "Unit kerja tidak ditemukan atau di luar lingkup Anda."},
    )
    belum = forms.ChoiceField(
        label="Tampilkan yang",
        required=False,
        choices=[("", "Semua pegawai"), *BELUM.items()],
        error_messages={"invalid_choice": "Pilihan tidak dikenal."},
    )
    cari = forms.CharField(label="Nama atau NIP", required=False, max_length=100)
    tampil = forms.ChoiceField(
        required=False, choices=[("unit", "Per unit"), ("pegawai", "Daftar pegawai")], widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        akses = akses_get(user)
        opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("nama")
        if not akses.admin_bkd:
            opd = opd.filter(pk__in=akses.admin_opd_ids)
        self.fields["opd"].queryset = opd
        self.tampilkan_opd = akses.admin_bkd or len(akses.admin_opd_ids) > 1
        self.fields["unit"].queryset = unit_manage_scope(user).exclude(jenis=UnitKerja.Jenis.PEMDA)
