"""Forms of the assessment pages. The per-RHK fields are built from the SKP's RHK
(`rhk_<id>_rating`, `rhk_<id>_catatan`); a posted RHK field outside that SKP refuses the whole
form, never silently ignored. Every form carries the `versi` it was drawn with (two tabs)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from ..models import EvaluasiPegawai, Predikat, Rating
from ..selectors.penilaian import CAKUPAN_DINILAI, CAKUPAN_SEMUA, RhkBaris
from ..services.penilaian import (
    PESAN_RATING_TIDAK_VALID,
    PESAN_RHK_ASING,
    PESAN_TEKS_PANJANG,
    TEKS_MAKS,
    RatingMasuk,
)

PESAN_VERSI = "Formulir tidak lengkap; muat ulang halaman lalu ulangi."
_NAMA_RHK = re.compile(r"rhk_(.+)_(rating|catatan)")
_PILIHAN_RATING = [("", "Belum dipilih"), *Rating.choices]


def _rating() -> forms.ChoiceField:
    return forms.ChoiceField(
        required=False,
        choices=_PILIHAN_RATING,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": PESAN_RATING_TIDAK_VALID},
    )


def _teks(rows: int = 3) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=TEKS_MAKS,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": TEKS_MAKS}),
        error_messages={"max_length": PESAN_TEKS_PANJANG},
    )


class _PenilaianForm(forms.Form):
    """Shared: the RHK fields, the version, the view per RHK for the template."""

    rating_hasil = _rating()
    rating_perilaku = _rating()
    versi = forms.IntegerField(
        min_value=0, widget=forms.HiddenInput, error_messages={"required": PESAN_VERSI, "invalid": PESAN_VERSI}
    )
    atasan = False

    def __init__(self, *args, rhk: list[RhkBaris], **kwargs):
        super().__init__(*args, **kwargs)
        self.rhk_ids = [b.rhk.pk for b in rhk]
        for pk in self.rhk_ids:
            self.fields[f"rhk_{pk}_rating"] = _rating()
            self.fields[f"rhk_{pk}_catatan"] = _teks(2)

    def clean(self):
        data = super().clean()
        for nama in self.data:
            if _NAMA_RHK.fullmatch(nama) and nama not in self.fields:
                raise ValidationError(PESAN_RHK_ASING)
        return data

    def rhk_masuk(self) -> dict[int, RatingMasuk]:
        d = self.cleaned_data
        return {
            pk: RatingMasuk(d.get(f"rhk_{pk}_rating") or "", d.get(f"rhk_{pk}_catatan") or "") for pk in self.rhk_ids
        }

    def nilai(self, nama: str) -> str:
        """What the field shows: the posted value after a refused POST, else the initial one."""
        if self.is_bound:
            return self.data.get(nama, "")
        return self.initial.get(nama, "") or ""

    def galat(self, nama: str) -> list[str]:
        return list(self.errors.get(nama, [])) if self.is_bound else []


class PenilaianDiriForm(_PenilaianForm):
    refleksi = _teks(5)

    @staticmethod
    def awal(rhk: list[RhkBaris], diri) -> dict:
        awal = {"versi": diri.versi if diri else 0}
        if diri is not None:
            awal.update(rating_hasil=diri.rating_hasil, rating_perilaku=diri.rating_perilaku, refleksi=diri.refleksi)
        for b in rhk:
            awal[f"rhk_{b.rhk.pk}_rating"] = b.rating_diri
            awal[f"rhk_{b.rhk.pk}_catatan"] = b.catatan_diri
        return awal


class PenilaianAtasanForm(_PenilaianForm):
    umpan_balik = _teks(5)
    atasan = True

    @staticmethod
    def awal(rhk: list[RhkBaris], evaluasi: EvaluasiPegawai) -> dict:
        awal = {
            "versi": evaluasi.versi,
            "rating_hasil": evaluasi.rating_hasil,
            "rating_perilaku": evaluasi.rating_perilaku,
            "umpan_balik": evaluasi.umpan_balik,
        }
        for b in rhk:
            awal[f"rhk_{b.rhk.pk}_rating"] = b.rating_atasan
            awal[f"rhk_{b.rhk.pk}_catatan"] = b.catatan_atasan
        return awal


class VersiForm(forms.Form):
    """Finalising: only the version of the draft the rater saw."""

    versi = forms.IntegerField(min_value=0, error_messages={"required": PESAN_VERSI, "invalid": PESAN_VERSI})


class EvaluasiFilterForm(forms.Form):
    """Filters of the rater's list; anything unknown is ignored (falls back to the default)."""

    periode = forms.IntegerField(required=False)
    cakupan = forms.ChoiceField(
        required=False, choices=[(CAKUPAN_DINILAI, "Yang saya nilai"), (CAKUPAN_SEMUA, "Semua dalam cakupan saya")]
    )
    status = forms.ChoiceField(required=False, choices=[("", "Semua status"), *EvaluasiPegawai.Status.choices])
    predikat = forms.ChoiceField(required=False, choices=[("", "Semua predikat"), *Predikat.choices])
    q = forms.CharField(required=False, max_length=100)

    def bersih(self) -> dict:
        """The valid filters only: a bad value is dropped, never a 500."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {k: data.get(k) for k in self.fields if k not in self.errors}
