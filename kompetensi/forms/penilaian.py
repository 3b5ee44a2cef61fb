"""Forms of the assessment pages. Fields are built from the participant's standard (one set per
competency: `level_<id>`, `catatan_<id>`, `indikator_<id>`); a posted field for a competency
outside that standard is refused as a whole, never silently ignored."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from pegawai.forms_rekan import PESAN_REKAN_ID_TIDAK_VALID as PESAN_REKAN_ID_TIDAK_VALID  # re-exported

from ..models import LEVEL_MAX, LEVEL_MIN
from ..selectors.penilaian import BarisKompetensi
from ..services.penilaian import (
    CATATAN_MAKS,
    DIRI,
    PESAN_ALASAN_WAJIB,
    PESAN_CATATAN_PANJANG,
    PESAN_CATATAN_WAJIB,
    PESAN_INDIKATOR_ASING,
    PESAN_KOMPETENSI_ASING,
    PESAN_LEVEL_TIDAK_VALID,
    PESAN_LEVEL_WAJIB,
    NilaiMasuk,
)

_NAMA_ISIAN = re.compile(r"(level|catatan|indikator)_(.*)")
_GALAT_LEVEL = {
    "invalid": PESAN_LEVEL_TIDAK_VALID,
    "min_value": PESAN_LEVEL_TIDAK_VALID,
    "max_value": PESAN_LEVEL_TIDAK_VALID,
}


def _level_field() -> forms.IntegerField:
    return forms.IntegerField(
        required=False, min_value=LEVEL_MIN, max_value=LEVEL_MAX, error_messages=_GALAT_LEVEL, widget=forms.RadioSelect
    )


class _IsianPerKompetensi(forms.Form):
    """Shared: unknown competency fields, the per-competency view for templates."""

    awalan = ("level",)

    def __init__(self, *args, kompetensi_ids: list[int], kirim: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kompetensi_ids = kompetensi_ids
        self.kirim = kirim

    def clean(self):
        data = super().clean()
        for nama in self.data:
            cocok = _NAMA_ISIAN.fullmatch(nama)
            if cocok and cocok.group(1) in self.awalan and nama not in self.fields:
                raise ValidationError(PESAN_KOMPETENSI_ASING)
        return data

    def _nilai_mentah(self, nama: str):
        if self.is_bound:
            return self.data.get(nama, "")
        return self.initial.get(nama, "")

    def level_terpilih(self, kompetensi_id: int) -> str:
        nilai = self._nilai_mentah(f"level_{kompetensi_id}")
        return "" if nilai is None else str(nilai)

    def galat(self, kompetensi_id: int) -> list[str]:
        if not self.is_bound:
            return []
        return [e for a in self.awalan for e in self.errors.get(f"{a}_{kompetensi_id}", [])]


class PenilaianForm(_IsianPerKompetensi):
    """Self-assessment (level, justification, indicators) or supervisor's (level, note)."""

    def __init__(self, *args, baris: list[BarisKompetensi], jenis: str, **kwargs):
        self.jenis = jenis
        self.awalan = ("level", "catatan", "indikator") if jenis == DIRI else ("level", "catatan")
        if "data" not in kwargs and not args:
            kwargs.setdefault("initial", self._awal(baris, jenis))
        super().__init__(*args, kompetensi_ids=[b.hasil.kompetensi_id for b in baris], **kwargs)
        for b in baris:
            kid = b.hasil.kompetensi_id
            self.fields[f"level_{kid}"] = _level_field()
            self.fields[f"catatan_{kid}"] = forms.CharField(
                required=False,
                max_length=CATATAN_MAKS,
                widget=forms.Textarea,
                error_messages={"max_length": PESAN_CATATAN_PANJANG},
            )
            if jenis == DIRI:
                self.fields[f"indikator_{kid}"] = forms.TypedMultipleChoiceField(
                    required=False,
                    coerce=int,
                    choices=[(i.pk, i.pk) for lv in b.level for i in lv.indikator.all()],
                    error_messages={"invalid_choice": PESAN_INDIKATOR_ASING, "invalid_list": PESAN_INDIKATOR_ASING},
                )

    @staticmethod
    def _awal(baris: list[BarisKompetensi], jenis: str) -> dict:
        awal = {}
        for b in baris:
            if b.nilai is None:
                continue
            kid = b.hasil.kompetensi_id
            awal[f"level_{kid}"] = b.nilai.level
            awal[f"catatan_{kid}"] = b.nilai.catatan
            if jenis == DIRI:
                awal[f"indikator_{kid}"] = sorted(b.indikator_ids)
        return awal

    def clean(self):
        data = super().clean()
        if self.kirim:
            for kid in self.kompetensi_ids:
                if data.get(f"level_{kid}") is None and f"level_{kid}" not in self.errors:
                    self.add_error(f"level_{kid}", PESAN_LEVEL_WAJIB)
                if not (data.get(f"catatan_{kid}") or "").strip() and f"catatan_{kid}" not in self.errors:
                    self.add_error(f"catatan_{kid}", PESAN_ALASAN_WAJIB if self.jenis == DIRI else PESAN_CATATAN_WAJIB)
        return data

    def catatan(self, kompetensi_id: int) -> str:
        return self._nilai_mentah(f"catatan_{kompetensi_id}") or ""

    def indikator_terpilih(self, kompetensi_id: int) -> set[str]:
        nama = f"indikator_{kompetensi_id}"
        nilai = self.data.getlist(nama) if self.is_bound else self.initial.get(nama, [])
        return {str(v) for v in nilai}

    def nilai(self) -> dict[int, NilaiMasuk]:
        data = self.cleaned_data
        return {
            kid: NilaiMasuk(
                level=data.get(f"level_{kid}"),
                catatan=data.get(f"catatan_{kid}") or "",
                indikator=list(data.get(f"indikator_{kid}") or []),
            )
            for kid in self.kompetensi_ids
        }


class RekanIsiForm(_IsianPerKompetensi):
    """The peer's levels, one per competency; no free text (answers are anonymous)."""

    def __init__(self, *args, kompetensi_ids: list[int], draf: dict | None = None, **kwargs):
        if "data" not in kwargs and not args:
            kwargs.setdefault("initial", {f"level_{k}": v for k, v in (draf or {}).items()})
        super().__init__(*args, kompetensi_ids=kompetensi_ids, **kwargs)
        for kid in kompetensi_ids:
            self.fields[f"level_{kid}"] = _level_field()

    def clean(self):
        data = super().clean()
        if self.kirim:
            for kid in self.kompetensi_ids:
                if data.get(f"level_{kid}") is None and f"level_{kid}" not in self.errors:
                    self.add_error(f"level_{kid}", PESAN_LEVEL_WAJIB)
        return data

    def level(self) -> dict[int, int | None]:
        return {kid: self.cleaned_data.get(f"level_{kid}") for kid in self.kompetensi_ids}
