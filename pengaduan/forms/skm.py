"""Forms of the satisfaction survey: the citizen's public form, the surveyed services, and the
period filter of the IKM pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format

from pegawai.access import unit_manage_scope
from pegawai.forms import UnitPohonField
from pegawai.models import UnitKerja

from ..models import UNSUR_SKM, ResponSkm
from ..services.skm import PESAN_TANPA_JAWABAN, SARAN_MAKS

# --- the public survey -----------------------------------------------------------------------

PESAN_JAWABAN_TIDAK_SAH = "Jawaban tidak dikenal. Pilih salah satu dari empat jawaban yang tersedia."
PESAN_FORMULIR_RUSAK = "Formulir tidak lengkap. Muat ulang halaman, lalu isi kembali."
PESAN_SARAN_PANJANG = f"Saran paling banyak {SARAN_MAKS} karakter."
PESAN_PERIKSA = "Periksa kembali isian yang ditandai."
HONEYPOT = "situs_web"  # hidden from people; a bot that fills every field fills it too


def _demografi(label: str, pilihan) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=pilihan.choices,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={
            "required": f"{label} wajib dipilih.",
            "invalid_choice": f"Pilihan {label.lower()} tidak dikenal.",
        },
    )


class SurveiForm(forms.Form):
    """The nine elements (each may be skipped: the empty choice), the four demographic
    questions (required), an optional suggestion and the hidden submission token."""

    usia = _demografi("Usia", ResponSkm.Usia)
    jenis_kelamin = _demografi("Jenis kelamin", ResponSkm.JenisKelamin)
    pendidikan = _demografi("Pendidikan terakhir", ResponSkm.Pendidikan)
    pekerjaan = _demografi("Pekerjaan utama", ResponSkm.Pekerjaan)
    saran = forms.CharField(
        label="Saran dan masukan (tidak wajib)",
        required=False,
        max_length=SARAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": SARAN_MAKS}),
        error_messages={"max_length": PESAN_SARAN_PANJANG},
    )
    token_kirim = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": PESAN_FORMULIR_RUSAK, "invalid": PESAN_FORMULIR_RUSAK},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for u in UNSUR_SKM:
            self.fields[u.field] = forms.TypedChoiceField(
                label=f"{u.kode}. {u.nama}",
                help_text=u.pertanyaan,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "Lewati pertanyaan ini"), *((str(i), teks) for i, teks in enumerate(u.jawaban, start=1))],
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"invalid_choice": PESAN_JAWABAN_TIDAK_SAH},
            )

    def clean(self):
        data = super().clean()
        nilai = [data.get(u.field) for u in UNSUR_SKM]
        if not any(u.field in self.errors for u in UNSUR_SKM) and all(x is None for x in nilai):
            raise forms.ValidationError(PESAN_TANPA_JAWABAN)
        return data

    def unsur(self) -> list[tuple]:
        """(element, bound field) pairs in order, for the template."""
        return [(u, self[u.field]) for u in UNSUR_SKM]

    def demografi(self) -> list:
        return [self[n] for n in ("usia", "jenis_kelamin", "pendidikan", "pekerjaan")]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "jawaban": [d.get(u.field) for u in UNSUR_SKM],
            "usia": d["usia"],
            "jenis_kelamin": d["jenis_kelamin"],
            "pendidikan": d["pendidikan"],
            "pekerjaan": d["pekerjaan"],
            "saran": d.get("saran") or "",
            "token_kirim": d["token_kirim"],
        }


# --- the surveyed services --------------------------------------------------------------------

POPULASI_MAKS = 100_000_000
PESAN_POPULASI = f"Populasi harus bilangan bulat 0 sampai {POPULASI_MAKS:,}.".replace(",", ".")


def _nama_field() -> forms.CharField:
    return forms.CharField(
        label="Nama layanan",
        max_length=200,
        help_text="Misalnya: Penerbitan Izin Usaha, Legalisir Ijazah.",
        error_messages={
            "required": "Nama layanan wajib diisi.",
            "max_length": "Nama layanan paling banyak 200 karakter.",
        },
    )


def _populasi_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Populasi penerima layanan per periode",
        min_value=0,
        max_value=POPULASI_MAKS,
        initial=0,
        help_text=(
            "Perkiraan jumlah penerima layanan dalam satu periode survei; dipakai untuk menghitung "
            "sampel minimal (Krejcie-Morgan). Isi 0 bila belum diketahui."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": POPULASI_MAKS}),
        error_messages={
            "required": PESAN_POPULASI,
            "invalid": PESAN_POPULASI,
            "min_value": PESAN_POPULASI,
            "max_value": PESAN_POPULASI,
        },
    )


class LayananBuatForm(forms.Form):
    unit = UnitPohonField(
        label="Unit layanan",
        queryset=UnitKerja.objects.none(),
        empty_label="Pilih unit",
        error_messages={
            "required": "Pilih unit layanan.",
            "invalid_choice": "Unit tidak tersedia; pilih unit di perangkat daerah yang Anda kelola.",
        },
    )
    nama = _nama_field()
    populasi = _populasi_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_manage_scope(user).filter(aktif=True).exclude(jenis=UnitKerja.Jenis.PEMDA)
        self.fields["unit"].widget.attrs["class"] = "form-select"


class LayananUbahForm(forms.Form):
    nama = _nama_field()
    populasi = _populasi_field()
    aktif = forms.BooleanField(
        label="Survei dibuka (tautan dan kode QR dapat diisi masyarakat)",
        required=False,
    )


# --- the period of the IKM pages ----------------------------------------------------------------

PESAN_TAHUN = "Tahun harus bilangan bulat 2000 sampai 2100."
PESAN_TANGGAL = "Tanggal tidak valid; gunakan format tanggal, misalnya 2026-03-31."
PESAN_RENTANG_SEPARUH = "Isi tanggal mulai dan tanggal selesai, atau kosongkan keduanya."
PESAN_RENTANG_TERBALIK = "Tanggal mulai harus sebelum atau sama dengan tanggal selesai."
PESAN_RENTANG_PANJANG = "Rentang tanggal paling panjang lima tahun."
PESAN_FILTER = "Filter periode tidak valid; ditampilkan tahun ini."
RENTANG_MAKS_HARI = 5 * 366

BAGIAN = [
    ("", "Setahun penuh"),
    ("s1", "Semester I"),
    ("s2", "Semester II"),
    *((f"t{i}", f"Triwulan {r}") for i, r in enumerate(("I", "II", "III", "IV"), start=1)),
    *((f"b{i}", MONTHS[i]) for i in range(1, 13)),
]


@dataclass(frozen=True)
class PeriodeSkm:
    mulai: dt.date
    selesai: dt.date
    label: str

    @property
    def tahun(self) -> int:
        return self.selesai.year


def _bagian_rentang(tahun: int, bagian: str) -> tuple[dt.date, dt.date]:
    if not bagian:
        return dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    jenis, nomor = bagian[0], int(bagian[1:])
    bulan_awal, lama = {"s": (6 * nomor - 5, 6), "t": (3 * nomor - 2, 3), "b": (nomor, 1)}[jenis]
    mulai = dt.date(tahun, bulan_awal, 1)
    bulan_akhir = bulan_awal + lama
    selesai = (dt.date(tahun + 1, 1, 1) if bulan_akhir > 12 else dt.date(tahun, bulan_akhir, 1)) - dt.timedelta(days=1)
    return mulai, selesai


def _tanggal(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"invalid": PESAN_TANGGAL},
    )


class PeriodeSkmForm(forms.Form):
    """?tahun=&bagian= (a semester, quarter or month of the year) or ?mulai=&selesai= (a date
    range, which wins). Nothing: this year. `tren` picks the trend chart's step."""

    tahun = forms.IntegerField(
        label="Tahun",
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 2000, "max": 2100}),
        error_messages={"invalid": PESAN_TAHUN, "min_value": PESAN_TAHUN, "max_value": PESAN_TAHUN},
    )
    bagian = forms.ChoiceField(
        label="Bagian tahun",
        required=False,
        choices=BAGIAN,
        error_messages={"invalid_choice": "Pilih setahun penuh, semester, triwulan atau bulan."},
    )
    mulai = _tanggal("Dari tanggal")
    selesai = _tanggal("Sampai tanggal")
    tren = forms.ChoiceField(
        label="Tren per",
        required=False,
        choices=[("bulan", "Bulan"), ("triwulan", "Triwulan")],
        error_messages={"invalid_choice": "Tren per bulan atau per triwulan."},
    )

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if (mulai is None) != (selesai is None) and not {"mulai", "selesai"} & self.errors.keys():
            raise forms.ValidationError(PESAN_RENTANG_SEPARUH)
        if mulai and selesai:
            if mulai > selesai:
                raise forms.ValidationError(PESAN_RENTANG_TERBALIK)
            if (selesai - mulai).days > RENTANG_MAKS_HARI:
                raise forms.ValidationError(PESAN_RENTANG_PANJANG)
        return data

    def periode(self) -> PeriodeSkm:
        """The chosen period (call after is_valid(); an unbound or invalid form: this year)."""
        d = self.cleaned_data if self.is_bound and not self.errors else {}
        if d.get("mulai") and d.get("selesai"):
            mulai, selesai = d["mulai"], d["selesai"]
            return PeriodeSkm(mulai, selesai, f"{_tgl(mulai)} s.d. {_tgl(selesai)}")
        tahun = d.get("tahun") or timezone.localdate().year
        bagian = d.get("bagian") or ""
        mulai, selesai = _bagian_rentang(tahun, bagian)
        nama = dict(BAGIAN)[bagian]
        label = f"Tahun {tahun}" if not bagian else f"{nama} {tahun}"
        return PeriodeSkm(mulai, selesai, label)

    def tren_per(self) -> str:
        d = self.cleaned_data if self.is_bound and not self.errors else {}
        return d.get("tren") or "bulan"


def _tgl(tanggal: dt.date) -> str:
    return date_format(tanggal, "j F Y")
