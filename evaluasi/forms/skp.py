"""Forms of the SKP pages: creating an SKP, one RHK row with its indicators (a formset: one
card per indicator, phone-friendly), the hidden version of the workflow buttons, the return
note and the atasan's ekspektasi per BerAKHLAK value. The services check everything again;
these parse input and put messages next to the fields."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from ..models import IndikatorKinerja, NilaiDasar, RencanaHasilKerja
from ..services.skp import (
    MAKS_CATATAN,
    MAKS_INDIKATOR,
    MAKS_URAIAN,
    PESAN_ASPEK,
    PESAN_CATATAN_PANJANG,
    PESAN_CATATAN_WAJIB,
    PESAN_EKSPEKTASI_PANJANG,
    PESAN_INDIKATOR_KOSONG,
    PESAN_INDIKATOR_MAKS,
    PESAN_JENIS,
    PESAN_SATUAN,
    PESAN_TAHUN,
    PESAN_URAIAN_INDIKATOR,
    PESAN_URAIAN_PANJANG,
    PESAN_URAIAN_RHK,
    IndikatorData,
    tahun_ini,
    tahun_pilihan,
    target_parse,
)

PESAN_VERSI_RUSAK = "Formulir tidak lengkap. Muat ulang halaman, lalu ulangi perubahan Anda."
PESAN_INDUK_RUSAK = "Pilihan yang didukung tidak dikenal. Pilih dari daftar."
PESAN_INDIKATOR_RUSAK = "Indikator tidak dikenal. Muat ulang halaman."

_INDUK = re.compile(r"^(rhk|sasaran)-(\d{1,18})$")


def _versi_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2_147_483_647,
        error_messages={k: PESAN_VERSI_RUSAK for k in ("required", "invalid", "min_value", "max_value")},
    )


class SkpBuatForm(forms.Form):
    tahun = forms.TypedChoiceField(label="Tahun SKP", coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = tahun_pilihan()
        self.fields["tahun"].choices = [(t, str(t)) for t in pilihan]
        self.fields["tahun"].initial = tahun_ini()
        pesan = PESAN_TAHUN.format(awal=pilihan[0], akhir=pilihan[-1])
        self.fields["tahun"].error_messages.update({"required": pesan, "invalid_choice": pesan})


class VersiForm(forms.Form):
    """The version of the SKP as drawn on the page (submit, delete a row)."""

    versi = _versi_field()


class RhkForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis RHK",
        choices=RencanaHasilKerja.Jenis.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": PESAN_JENIS, "invalid_choice": PESAN_JENIS},
    )
    uraian = forms.CharField(
        label="Rencana hasil kerja",
        max_length=MAKS_URAIAN,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "Misalnya: Tersusunnya dokumen perencanaan kebutuhan ASN"}
        ),
        error_messages={"required": PESAN_URAIAN_RHK, "max_length": PESAN_URAIAN_PANJANG},
    )
    induk = forms.CharField(
        label="Mendukung (intervensi)",
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text="RHK atasan yang didukung oleh RHK ini (kaskade). Wajib untuk RHK Utama sebelum SKP diajukan.",
    )
    versi = _versi_field()

    def __init__(self, *args, induk_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induk"].widget.choices = list(induk_choices)

    def clean_induk(self) -> tuple[int | None, int | None]:
        nilai = (self.cleaned_data.get("induk") or "").strip()
        if not nilai:
            return None, None
        cocok = _INDUK.match(nilai)
        if not cocok:
            raise ValidationError(PESAN_INDUK_RUSAK)
        jenis, pk = cocok.group(1), int(cocok.group(2))
        return (pk, None) if jenis == "rhk" else (None, pk)


class IndikatorForm(forms.Form):
    id = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, error_messages={"invalid": PESAN_INDIKATOR_RUSAK}
    )
    aspek = forms.ChoiceField(
        label="Aspek",
        choices=IndikatorKinerja.Aspek.choices,
        initial=IndikatorKinerja.Aspek.KUANTITAS,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": PESAN_ASPEK, "invalid_choice": PESAN_ASPEK},
    )
    uraian = forms.CharField(
        label="Indikator kinerja individu",
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "Misalnya: Jumlah dokumen yang tersusun"}),
        error_messages={
            "required": PESAN_URAIAN_INDIKATOR,
            "max_length": "Uraian indikator paling panjang 500 karakter.",
        },
    )
    target = forms.CharField(
        label="Target",
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "12 atau 12,5"}),
        error_messages={"required": "Target wajib diisi."},
    )
    satuan = forms.CharField(
        label="Satuan",
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "dokumen, %, hari"}),
        error_messages={"required": PESAN_SATUAN, "max_length": "Satuan paling panjang 50 karakter."},
    )

    def clean_target(self):
        return target_parse(self.cleaned_data.get("target"))


class BaseIndikatorFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def indikator(self) -> list[IndikatorData]:
        hasil = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            hasil.append(
                IndikatorData(
                    id=data.get("id"),
                    aspek=data["aspek"],
                    uraian=data["uraian"],
                    target=data["target"],
                    satuan=data["satuan"],
                )
            )
        return hasil

    def clean(self):
        if any(self.errors):
            return
        if not self.indikator():
            raise ValidationError(PESAN_INDIKATOR_KOSONG)


def indikator_formset(*, data=None, initial=None):
    kelas = formset_factory(
        IndikatorForm,
        formset=BaseIndikatorFormSet,
        extra=0 if initial else 1,
        can_delete=True,
        max_num=MAKS_INDIKATOR,
        validate_max=True,
        absolute_max=MAKS_INDIKATOR,
    )
    fs = kelas(data=data, initial=initial, prefix="indikator")
    fs.error_messages = {**fs.error_messages, "too_many_forms": PESAN_INDIKATOR_MAKS}
    return fs


class RhkBundle:
    """The RHK form plus its indicator formset, validated together."""

    def __init__(self, *, data=None, initial=None, indikator_initial=None, induk_choices=()):
        self.form = RhkForm(data=data, initial=initial, induk_choices=induk_choices)
        self.formset = indikator_formset(data=data, initial=indikator_initial)

    def is_valid(self) -> bool:
        form_ok = self.form.is_valid()
        return self.formset.is_valid() and form_ok

    def tambah_galat(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.form.add_error(None, exc.messages)
            return
        for kunci, galat in exc.error_dict.items():
            if kunci == "indikator":
                self.formset._non_form_errors = self.formset.error_class(
                    [*self.formset.non_form_errors(), *[m for e in galat for m in e.messages]],
                    error_class="nonform",
                )
            else:
                self.form.add_error(kunci if kunci in self.form.fields else None, galat)

    def data_layanan(self) -> dict:
        data = self.form.cleaned_data
        rhk_atasan_id, sasaran_unit_id = data["induk"]
        return {
            "jenis": data["jenis"],
            "uraian": data["uraian"],
            "versi": data["versi"],
            "rhk_atasan_id": rhk_atasan_id,
            "sasaran_unit_id": sasaran_unit_id,
            "indikator": self.formset.indikator(),
        }


class KembalikanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan pengembalian",
        max_length=MAKS_CATATAN,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "Tuliskan apa yang perlu diperbaiki, misalnya RHK mana dan mengapa."}
        ),
        error_messages={"required": PESAN_CATATAN_WAJIB, "max_length": PESAN_CATATAN_PANJANG},
    )

    def clean_catatan(self) -> str:
        catatan = (self.cleaned_data.get("catatan") or "").strip()
        if not catatan:
            raise ValidationError(PESAN_CATATAN_WAJIB)
        return catatan


class EkspektasiForm(forms.Form):
    """One text area per BerAKHLAK value (`nilai_<id>`), plus the fingerprint of what was drawn."""

    jejak = forms.CharField(widget=forms.HiddenInput, max_length=64, error_messages={"required": PESAN_VERSI_RUSAK})

    def __init__(self, *args, nilai_dasar: list[NilaiDasar], **kwargs):
        super().__init__(*args, **kwargs)
        self.nilai_dasar = nilai_dasar
        for n in nilai_dasar:
            self.fields[f"nilai_{n.pk}"] = forms.CharField(
                label=n.nama,
                required=False,
                max_length=MAKS_CATATAN,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": PESAN_EKSPEKTASI_PANJANG},
            )

    def baris(self):
        """(nilai dasar, its field) pairs in order, for the template."""
        return [(n, self[f"nilai_{n.pk}"]) for n in self.nilai_dasar]

    def teks(self) -> dict[int, str]:
        return {n.pk: self.cleaned_data.get(f"nilai_{n.pk}", "") for n in self.nilai_dasar}
