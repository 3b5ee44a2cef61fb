"""Forms of the peer (360) pages: the peer's scores (`skor_<nilai_dasar_id>`, 1 to 5) with an
optional comment. A posted score for a value that is not on the form is refused as a whole, never
silently ignored. The assignment form is shared with kompetensi (pegawai/forms_rekan.py)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from pegawai.forms_rekan import PESAN_REKAN_ID_TIDAK_VALID as PESAN_REKAN_ID_TIDAK_VALID  # re-exported
from pegawai.forms_rekan import id_sah

from ..models import SKOR_REKAN_MAKS, SKOR_REKAN_MIN, PenugasanRekanKinerja
from ..services.rekan import (
    KOMENTAR_MAKS,
    PESAN_KOMENTAR_PANJANG,
    PESAN_NILAI_ASING,
    PESAN_SKOR_TIDAK_VALID,
    PESAN_SKOR_WAJIB,
    skor_sah,
)

_NAMA_SKOR = re.compile(r"skor_(.*)")
_GALAT_SKOR = {
    "invalid": PESAN_SKOR_TIDAK_VALID,
    "min_value": PESAN_SKOR_TIDAK_VALID,
    "max_value": PESAN_SKOR_TIDAK_VALID,
}


def rekan_draf(penugasan: PenugasanRekanKinerja) -> tuple[dict[int, int], str]:
    """The rater's own draft as (scores by value id, comment); anything malformed is dropped."""
    draf = penugasan.draf if isinstance(penugasan.draf, dict) else {}
    skor = draf.get("skor") if isinstance(draf.get("skor"), dict) else {}
    bersih = {int(k): v for k, v in skor.items() if id_sah(str(k)) and skor_sah(v)}
    komentar = draf.get("komentar") if isinstance(draf.get("komentar"), str) else ""
    return bersih, komentar


class RekanIsiForm(forms.Form):
    """One score per BerAKHLAK value and an optional comment. `kirim` requires every score."""

    komentar = forms.CharField(
        required=False,
        max_length=KOMENTAR_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": PESAN_KOMENTAR_PANJANG},
    )

    def __init__(self, *args, nilai_ids: list[int], draf: PenugasanRekanKinerja | None = None, kirim=False, **kw):
        if draf is not None and "data" not in kw and not args:
            skor, komentar = rekan_draf(draf)
            kw.setdefault("initial", {f"skor_{k}": v for k, v in skor.items()} | {"komentar": komentar})
        super().__init__(*args, **kw)
        self.nilai_ids = nilai_ids
        self.kirim = kirim
        for nid in nilai_ids:
            self.fields[f"skor_{nid}"] = forms.IntegerField(
                required=False,
                min_value=SKOR_REKAN_MIN,
                max_value=SKOR_REKAN_MAKS,
                error_messages=_GALAT_SKOR,
                widget=forms.RadioSelect,
            )

    def clean(self):
        data = super().clean()
        if any(_NAMA_SKOR.fullmatch(nama) and nama not in self.fields for nama in self.data):
            raise ValidationError(PESAN_NILAI_ASING)
        if self.kirim:
            for nid in self.nilai_ids:
                nama = f"skor_{nid}"
                if data.get(nama) is None and nama not in self.errors:
                    self.add_error(nama, PESAN_SKOR_WAJIB)
        return data

    def skor(self) -> dict[int, int | None]:
        return {nid: self.cleaned_data.get(f"skor_{nid}") for nid in self.nilai_ids}

    def komentar_isi(self) -> str:
        return self.cleaned_data.get("komentar") or ""

    # --- for the template: what to show checked and the errors, per value ---

    def skor_terpilih(self, nilai_id: int) -> str:
        nama = f"skor_{nilai_id}"
        nilai = self.data.get(nama, "") if self.is_bound else self.initial.get(nama, "")
        return "" if nilai is None else str(nilai).strip()

    def galat(self, nilai_id: int) -> list[str]:
        return list(self.errors.get(f"skor_{nilai_id}", [])) if self.is_bound else []

    def komentar_tampil(self) -> str:
        return (self.data.get("komentar", "") if self.is_bound else self.initial.get("komentar", "")) or ""
