"""Forms of the realisation page: one row's realisation, evidence, feedback. They parse;
evaluasi.services.realisasi decides (and says why in Indonesian)."""

from __future__ import annotations

from django import forms

from ..services.realisasi import (
    CATATAN_MAKS,
    KETERANGAN_MAKS,
    PESAN_NILAI_ANGKA,
    PESAN_NILAI_BESAR,
    PESAN_NILAI_KOSONG,
    PESAN_NILAI_NEGATIF,
    PESAN_UMPAN_BALIK_KOSONG,
    TAUTAN_MAKS,
    UMPAN_BALIK_MAKS,
    URAIAN_MAKS,
)


class AngkaField(forms.DecimalField):
    """A number as typed in Indonesia: "12,5" or "12.5"; with a comma present, dots are
    thousands separators ("1.250,5")."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            teks = value.strip().replace(" ", "").replace("\u00a0", "")
            if "," in teks:
                teks = teks.replace(".", "").replace(",", ".")
            value = teks
        return super().to_python(value)

    def widget_attrs(self, widget):
        # A text input (not type=number): step/min attributes would make browsers refuse "12,5".
        attrs = super().widget_attrs(widget)
        for kunci in ("step", "min", "max"):
            attrs.pop(kunci, None)
        return attrs


class RealisasiForm(forms.Form):
    indikator = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    versi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    nilai = AngkaField(
        label="Realisasi",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": PESAN_NILAI_KOSONG,
            "invalid": PESAN_NILAI_ANGKA,
            "min_value": PESAN_NILAI_NEGATIF,
            "max_digits": PESAN_NILAI_BESAR,
            "max_whole_digits": PESAN_NILAI_BESAR,
            "max_decimal_places": "Paling banyak 2 angka di belakang koma.",
        },
    )
    uraian = forms.CharField(label="Uraian realisasi", required=False, max_length=URAIAN_MAKS, widget=forms.Textarea)
    catatan = forms.CharField(label="Catatan", required=False, max_length=CATATAN_MAKS, widget=forms.Textarea)


class BuktiForm(forms.Form):
    berkas = forms.FileField(label="Berkas", required=False)
    tautan = forms.CharField(label="Tautan", required=False, max_length=TAUTAN_MAKS)
    keterangan = forms.CharField(label="Keterangan", required=False, max_length=KETERANGAN_MAKS)


class UmpanBalikForm(forms.Form):
    teks = forms.CharField(
        label="Umpan balik",
        max_length=UMPAN_BALIK_MAKS,
        widget=forms.Textarea,
        error_messages={"required": PESAN_UMPAN_BALIK_KOSONG},
    )
