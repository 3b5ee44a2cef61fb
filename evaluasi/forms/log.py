"""Forms of the daily log: an entry (quick on a phone: date, description, hours and/or minutes,
the RHK it serves, optional evidence), the month picker and the atasan's review. They parse;
evaluasi.services.log decides (and says why in Indonesian)."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone

from ..models import RencanaHasilKerja
from ..services.log import (
    AKSI_LABEL,
    PERIKSA_MAKS,
    PESAN_AKSI,
    PESAN_LOG_TIDAK_VALID,
    PESAN_MENIT_ANGKA,
    PESAN_MENIT_NEGATIF,
    PESAN_MENIT_POSITIF,
    PESAN_URAIAN_KOSONG,
)

URAIAN_MAKS = 2000
CATATAN_MAKS = 1000
TAUTAN_MAKS = 500
JAM_MAKS = 24
PESAN_DURASI_KOSONG = "Isi durasi kegiatan dalam jam dan/atau menit."
PESAN_JAM_ANGKA = "Jam harus berupa bilangan bulat."
PESAN_JAM_MAKS = f"Jam paling banyak {JAM_MAKS}."
PESAN_TANGGAL_KOSONG = "Isi tanggal kegiatan."
PESAN_TANGGAL_FORMAT = "Tanggal tidak valid; gunakan format TTTT-BB-HH, misalnya 2026-03-05."
PESAN_BULAN = "Bulan tidak valid; gunakan format TTTT-BB, misalnya 2026-03."
TERIMA_BERKAS = ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,application/pdf,image/*"


class RhkSelect(forms.Select):
    """Each option carries its SKP year (data-tahun), so the page offers only the RHK of the
    year of the date being entered."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-tahun"] = instance.skp.tahun
        return option


class RhkField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RencanaHasilKerja) -> str:
        uraian = obj.uraian if len(obj.uraian) <= 120 else f"{obj.uraian[:117]}..."
        return f"SKP {obj.skp.tahun} · {obj.get_jenis_display()}: {uraian}"


class LogForm(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": PESAN_TANGGAL_KOSONG, "invalid": PESAN_TANGGAL_FORMAT},
    )
    uraian = forms.CharField(
        label="Uraian kegiatan",
        max_length=URAIAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Apa yang Anda kerjakan?"}),
        error_messages={"required": PESAN_URAIAN_KOSONG},
    )
    jam = forms.IntegerField(
        label="Jam",
        required=False,
        min_value=0,
        max_value=JAM_MAKS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "0"}),
        error_messages={"invalid": PESAN_JAM_ANGKA, "min_value": PESAN_MENIT_NEGATIF, "max_value": PESAN_JAM_MAKS},
    )
    menit = forms.IntegerField(
        label="Menit",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "0", "step": 5}),
        error_messages={"invalid": PESAN_MENIT_ANGKA, "min_value": PESAN_MENIT_NEGATIF},
    )
    rhk = RhkField(
        label="RHK yang didukung",
        queryset=RencanaHasilKerja.objects.none(),
        required=False,
        empty_label="— Pilih RHK —",
        widget=RhkSelect,
        error_messages={"invalid_choice": "RHK yang dipilih tidak tersedia; pilih dari daftar."},
    )
    berkas = forms.FileField(
        label="Berkas bukti (opsional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": TERIMA_BERKAS}),
    )
    tautan = forms.CharField(
        label="atau tautan bukti (opsional)",
        required=False,
        max_length=TAUTAN_MAKS,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, rhk_queryset, perlu_versi: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk"].queryset = rhk_queryset
        self.fields["tanggal"].widget.attrs["max"] = timezone.localdate().isoformat()
        if perlu_versi:
            self.fields["versi"].required = True
        else:
            del self.fields["versi"]

    def clean(self):
        data = super().clean()
        if "jam" in self.errors or "menit" in self.errors:
            return data
        jam, menit = data.get("jam"), data.get("menit")
        if jam is None and menit is None:
            self.add_error("menit", PESAN_DURASI_KOSONG)
            return data
        total = (jam or 0) * 60 + (menit or 0)
        if total <= 0:
            self.add_error("menit", PESAN_MENIT_POSITIF)
        data["total_menit"] = total
        return data

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "tanggal": d["tanggal"],
            "uraian": d["uraian"],
            "menit": d["total_menit"],
            "rhk": d.get("rhk"),
            "berkas": d.get("berkas") or None,
            "tautan": d.get("tautan") or "",
        }

    @staticmethod
    def initial_dari(log) -> dict:
        return {
            "tanggal": log.tanggal,
            "uraian": log.uraian,
            "jam": log.menit // 60 or None,
            "menit": log.menit % 60 if log.menit % 60 or log.menit < 60 else None,
            "rhk": log.rhk_id,
            "versi": log.versi,
        }


def bulan_parse(teks: str | None) -> dt.date | None:
    """ "2026-03" -> 1 March 2026; None for anything else (or a year outside 2000..2100)."""
    cocok = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", teks or "")
    if not cocok:
        return None
    tahun, bulan = int(cocok[1]), int(cocok[2])
    if not (2000 <= tahun <= 2100 and 1 <= bulan <= 12):
        return None
    return dt.date(tahun, bulan, 1)


class DaftarIdField(forms.Field):
    """Ids of the checked rows (checkboxes sharing one name)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": PESAN_LOG_TIDAK_VALID}

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        ids = []
        for v in value:
            teks = str(v).strip()
            if not teks.isdigit() or len(teks) > 18:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(int(teks))
        if len(set(ids)) > PERIKSA_MAKS:
            raise forms.ValidationError(f"Paling banyak {PERIKSA_MAKS} log sekali proses.", code="max")
        return ids


class LogPeriksaForm(forms.Form):
    log = DaftarIdField(required=False)
    aksi = forms.ChoiceField(
        label="Tindakan",
        choices=list(AKSI_LABEL.items()),
        error_messages={"required": PESAN_AKSI, "invalid_choice": PESAN_AKSI},
    )
    catatan = forms.CharField(
        label="Catatan untuk pegawai",
        required=False,
        max_length=CATATAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
