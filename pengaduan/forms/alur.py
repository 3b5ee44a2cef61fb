"""Forms of the officers' workflow on the case page: verify, reject, dispose, respond, close.
They parse input (NIPs resolved to pegawai of the case's OPD); the services check the rules."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from pegawai.forms import NipField, UnitPohonField
from pegawai.models import Pegawai, UnitKerja

from ..models import AturanSla, Kompleksitas, Pengaduan
from ..services.alur import (
    PESAN_ALASAN,
    PESAN_ISI,
    PESAN_KOMPLEKSITAS,
    PESAN_PENUTUP,
    PESAN_TEKS_PANJANG,
    PESAN_TERBUKTI,
    PESAN_UNIT,
    TEKS_MAKS,
)

PESAN_NIP = "Tidak ada pegawai {opd} dengan NIP ini. Ketik NIP atau nama lalu pilih dari daftar."
PESAN_PETUGAS_KOSONG = "Isi NIP penanggung jawab."
PESAN_JENIS_TOLAK = "Pilih ditolak atau bukan wewenang."
PESAN_JENIS_TANGGAPAN = "Pilih tanggapan untuk pelapor atau catatan internal."
CARI_HELP = "Ketik NIP atau nama (minimal 3 karakter) lalu pilih dari daftar."

PUBLIK, INTERNAL = "publik", "internal"
YA, TIDAK = "ya", "tidak"


def _teks(label: str, *, wajib: str | None = None, baris: int = 3) -> forms.CharField:
    pesan = {"max_length": PESAN_TEKS_PANJANG}
    if wajib:
        pesan["required"] = wajib
    return forms.CharField(
        label=label,
        required=bool(wajib),
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": baris}),
        error_messages=pesan,
    )


def _nip(label: str, *, wajib: bool, help_text: str = CARI_HELP) -> NipField:
    field = NipField(label=label, required=wajib, max_length=30, help_text=help_text)
    field.error_messages["required"] = PESAN_PETUGAS_KOSONG
    return field


class _AduanForm(forms.Form):
    """A form of the case page; each has its own prefix (several share field names there)."""

    awalan = ""

    def __init__(self, *args, pengaduan: Pengaduan, **kwargs):
        kwargs.setdefault("prefix", self.awalan)
        super().__init__(*args, **kwargs)
        self.pengaduan = pengaduan

    def _pegawai_opd(self, nip: str) -> Pegawai | None:
        if not nip:
            return None
        pegawai = Pegawai.objects.filter(nip=nip, unit__opd_id=self.pengaduan.opd_id).first()
        if pegawai is None:
            raise ValidationError(PESAN_NIP.format(opd=self.pengaduan.opd.nama))
        return pegawai


class VerifikasiForm(_AduanForm):
    awalan = "verifikasi"
    kompleksitas = forms.ChoiceField(
        label="Kompleksitas penyelesaian",
        choices=Kompleksitas.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_KOMPLEKSITAS, "invalid_choice": PESAN_KOMPLEKSITAS},
    )
    terlapor_nip = _nip(
        "Pegawai yang dilaporkan (NIP)",
        wajib=False,
        help_text=f"Bila pengaduan menyangkut pegawai tertentu. {CARI_HELP} Pegawai itu tidak akan dapat melihat pengaduan ini.",
    )
    catatan = _teks("Catatan internal", baris=2)

    def __init__(self, *args, pengaduan: Pengaduan, **kwargs):
        super().__init__(*args, pengaduan=pengaduan, **kwargs)
        sla = AturanSla.objects.filter(kelas=pengaduan.kelas).first() or AturanSla(kelas=pengaduan.kelas)
        self.fields["kompleksitas"].choices = [
            (k, f"{label} ({sla.hari_selesai(k)} hari kerja)") for k, label in Kompleksitas.choices
        ]
        self.fields["terlapor_nip"].widget.attrs.update({"list": "aduan-pegawai-terlapor", "data-cari": "opd"})

    def clean_terlapor_nip(self) -> Pegawai | None:
        return self._pegawai_opd(self.cleaned_data.get("terlapor_nip"))


class TolakForm(_AduanForm):
    awalan = "tolak"
    jenis = forms.ChoiceField(
        label="Keputusan",
        choices=[("ditolak", "Ditolak"), ("bukan_wewenang", "Bukan wewenang Pemda")],
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_JENIS_TOLAK, "invalid_choice": PESAN_JENIS_TOLAK},
    )
    alasan = _teks("Alasan (dibaca pelapor)", wajib=PESAN_ALASAN)


class DisposisiForm(_AduanForm):
    awalan = "disposisi"
    unit = UnitPohonField(
        label="Unit tujuan",
        queryset=UnitKerja.objects.none(),
        empty_label="Pilih unit",
        error_messages={"required": "Pilih unit tujuan.", "invalid_choice": "Pilih unit tujuan."},
    )
    petugas_nip = _nip("Penanggung jawab (NIP)", wajib=True)
    catatan = _teks("Catatan untuk penanggung jawab", baris=2)

    def __init__(self, *args, pengaduan: Pengaduan, **kwargs):
        super().__init__(*args, pengaduan=pengaduan, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.filter(opd_id=pengaduan.opd_id, aktif=True)
        self.fields["unit"].error_messages["invalid_choice"] = PESAN_UNIT.format(opd=pengaduan.opd.nama)
        self.fields["petugas_nip"].widget.attrs.update({"list": "aduan-pegawai-petugas", "data-cari": "unit"})
        if pengaduan.unit_tujuan_id and not self.is_bound:
            self.initial.setdefault("unit", pengaduan.unit_tujuan_id)

    def clean_petugas_nip(self) -> Pegawai | None:
        return self._pegawai_opd(self.cleaned_data.get("petugas_nip"))


class TanggapanForm(_AduanForm):
    awalan = "tanggapan"
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=[(PUBLIK, "Tanggapan untuk pelapor"), (INTERNAL, "Catatan internal (tidak dilihat pelapor)")],
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_JENIS_TANGGAPAN, "invalid_choice": PESAN_JENIS_TANGGAPAN},
    )
    isi = _teks("Isi", wajib=PESAN_ISI, baris=4)
    berkas = forms.FileField(label="Lampiran (opsional)", required=False)

    def __init__(self, *args, pengaduan: Pengaduan, publik_boleh: bool = True, **kwargs):
        super().__init__(*args, pengaduan=pengaduan, **kwargs)
        if not publik_boleh:
            self.fields["jenis"].choices = [c for c in self.fields["jenis"].choices if c[0] == INTERNAL]
        self.initial.setdefault("jenis", PUBLIK if publik_boleh else INTERNAL)

    @property
    def publik(self) -> bool:
        return self.cleaned_data.get("jenis") == PUBLIK


class SelesaiForm(_AduanForm):
    awalan = "selesai"
    isi_penutup = _teks("Tanggapan penutup (dibaca pelapor)", wajib=PESAN_PENUTUP, baris=4)
    terbukti = forms.ChoiceField(
        label="Pengaduan terhadap pegawai yang dilaporkan",
        choices=[("", "Pilih"), (YA, "Terbukti"), (TIDAK, "Tidak terbukti")],
        required=False,
        error_messages={"invalid_choice": PESAN_TERBUKTI},
    )

    def __init__(self, *args, pengaduan: Pengaduan, **kwargs):
        super().__init__(*args, pengaduan=pengaduan, **kwargs)
        if pengaduan.pegawai_terlapor_id is None:
            del self.fields["terbukti"]

    @property
    def nilai_terbukti(self) -> bool | None:
        return {YA: True, TIDAK: False}.get(self.cleaned_data.get("terbukti") or "")
