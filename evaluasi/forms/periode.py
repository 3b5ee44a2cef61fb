"""Forms of the evaluation periods (open one, change its deadlines, move it on) and the small
helpers the period area's other forms share (dates, year, the hidden "drawn at" timestamp).
The services (evaluasi/services/periode.py) re-check everything."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import JenisPeriode, Periode
from ..rules import JUMLAH_PER_TAHUN, periode_tanggal

PESAN_FORM_RUSAK = "Formulir tidak lengkap. Muat ulang halaman, lalu kirim kembali."
PESAN_TANGGAL = "Tanggal tidak valid; isi dengan format tahun-bulan-tanggal, misalnya 2026-03-31."
PESAN_TAHUN = "Tahun harus bilangan bulat 2000 sampai 2100."
PESAN_JENIS = "Pilih jenis periode yang dipakai."
PESAN_NOMOR = "Pilih nomor periode."


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _tanggal(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=TanggalInput,
        help_text=help_text,
        error_messages={"required": f"{label} wajib diisi.", "invalid": PESAN_TANGGAL},
    )


def tahun_field(**kw) -> forms.IntegerField:
    return forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 2000, "max": 2100}),
        error_messages={
            "required": "Tahun wajib diisi.",
            "invalid": PESAN_TAHUN,
            "min_value": PESAN_TAHUN,
            "max_value": PESAN_TAHUN,
        },
        **kw,
    )


def waktu_dari(nilai: str) -> dt.datetime | None:
    """A timestamp carried by a form (the row's updated_at as drawn)."""
    try:
        waktu = dt.datetime.fromisoformat(nilai)
    except (TypeError, ValueError):
        return None
    return waktu if timezone.is_aware(waktu) else None


class DiubahPadaMixin:
    """A hidden `diubah_pada` field: the row's updated_at when the form was drawn."""

    def clean_diubah_pada(self):
        waktu = waktu_dari(self.cleaned_data.get("diubah_pada") or "")
        if waktu is None:
            raise ValidationError(PESAN_FORM_RUSAK)
        return waktu


# --- periods ---------------------------------------------------------------------------------------


def periode_berikut(jenis: str, hari_ini: dt.date, sudah_ada) -> tuple[int, int]:
    """The (tahun, nomor) the form suggests: the period of `jenis` containing today, or the
    first one after it not opened yet (`sudah_ada`: {(tahun, jenis, nomor)})."""
    jumlah = JUMLAH_PER_TAHUN[jenis]
    tahun, nomor = hari_ini.year, (hari_ini.month - 1) // (12 // jumlah) + 1
    for _ in range(jumlah * 2):
        if (tahun, jenis, nomor) not in sudah_ada:
            break
        tahun, nomor = (tahun + 1, 1) if nomor == jumlah else (tahun, nomor + 1)
    return tahun, nomor


class PeriodeBuatForm(forms.Form):
    # Sent back with the form: a second submission of the same form opens nothing twice.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, error_messages={"required": PESAN_FORM_RUSAK})
    tahun = tahun_field()
    jenis = forms.ChoiceField(
        label="Jenis periode",
        error_messages={"required": PESAN_JENIS, "invalid_choice": PESAN_JENIS},
        help_text="Hanya jenis yang dipakai menurut Pengaturan Kinerja.",
    )
    nomor = forms.TypedChoiceField(
        label="Nomor periode",
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 13)],
        error_messages={"required": PESAN_NOMOR, "invalid_choice": PESAN_NOMOR},
    )
    tanggal_mulai = _tanggal("Tanggal mulai", required=False)
    tanggal_selesai = _tanggal("Tanggal selesai", required=False)
    batas_penilaian_diri = _tanggal("Batas penilaian diri", required=False)
    batas_penilaian_rekan = _tanggal("Batas penilaian rekan", required=False)
    batas_penilaian_atasan = _tanggal("Batas penilaian atasan", required=False)

    def __init__(self, *args, jenis_dipakai: list[str], sudah_ada: set[tuple[int, str, int]] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        label = dict(JenisPeriode.choices)
        self.fields["jenis"].choices = [(j, label[j]) for j in JenisPeriode.values if j in jenis_dipakai]
        if not self.is_bound and jenis_dipakai:
            jenis = next(j for j in JenisPeriode.values if j in jenis_dipakai)
            tahun, nomor = periode_berikut(jenis, timezone.localdate(), sudah_ada)
            mulai, selesai = periode_tanggal(tahun, jenis, nomor)
            self.initial.update(
                {
                    "tahun": tahun,
                    "jenis": jenis,
                    "nomor": nomor,
                    "tanggal_mulai": mulai,
                    "tanggal_selesai": selesai,
                    "batas_penilaian_diri": selesai + dt.timedelta(days=7),
                    "batas_penilaian_rekan": selesai + dt.timedelta(days=10),
                    "batas_penilaian_atasan": selesai + dt.timedelta(days=14),
                }
            )

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            k: d[k]
            for k in (
                "tahun",
                "jenis",
                "nomor",
                "tanggal_mulai",
                "tanggal_selesai",
                "batas_penilaian_diri",
                "batas_penilaian_rekan",
                "batas_penilaian_atasan",
            )
        }


class PeriodeBatasForm(forms.Form):
    """The three deadlines, with the values the form was drawn with (a second tab's older
    form is refused instead of undoing the first one's change)."""

    batas_penilaian_diri = _tanggal("Batas penilaian diri")
    batas_penilaian_rekan = _tanggal("Batas penilaian rekan")
    batas_penilaian_atasan = _tanggal("Batas penilaian atasan")
    semula_diri = forms.DateField(widget=forms.HiddenInput, error_messages={"required": PESAN_FORM_RUSAK})
    semula_rekan = forms.DateField(widget=forms.HiddenInput, error_messages={"required": PESAN_FORM_RUSAK})
    semula_atasan = forms.DateField(widget=forms.HiddenInput, error_messages={"required": PESAN_FORM_RUSAK})

    def __init__(self, *args, periode: Periode, **kwargs):
        batas = (periode.batas_penilaian_diri, periode.batas_penilaian_rekan, periode.batas_penilaian_atasan)
        kwargs.setdefault(
            "initial",
            {
                "batas_penilaian_diri": batas[0],
                "batas_penilaian_rekan": batas[1],
                "batas_penilaian_atasan": batas[2],
                "semula_diri": batas[0].isoformat(),
                "semula_rekan": batas[1].isoformat(),
                "semula_atasan": batas[2].isoformat(),
            },
        )
        super().__init__(*args, **kwargs)
        for nama in ("semula_diri", "semula_rekan", "semula_atasan"):
            self.fields[nama].error_messages["invalid"] = PESAN_FORM_RUSAK

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "semula": (d["semula_diri"], d["semula_rekan"], d["semula_atasan"]),
            "batas_penilaian_diri": d["batas_penilaian_diri"],
            "batas_penilaian_rekan": d["batas_penilaian_rekan"],
            "batas_penilaian_atasan": d["batas_penilaian_atasan"],
        }


class PeriodeLanjutForm(forms.Form):
    dari_status = forms.ChoiceField(
        choices=Periode.Status.choices,
        widget=forms.HiddenInput,
        error_messages={"required": PESAN_FORM_RUSAK, "invalid_choice": PESAN_FORM_RUSAK},
    )
