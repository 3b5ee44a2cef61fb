"""Forms of the objection: filing (reasons), the rater's response and the decision. They parse
and give per-field messages; the services re-check everything."""

from __future__ import annotations

from django import forms

from ..models import Keberatan, Rating
from ..services.keberatan import (
    PESAN_ALASAN_KOSONG,
    PESAN_KEPUTUSAN,
    PESAN_PERTIMBANGAN_KOSONG,
    PESAN_RATING_SAMA,
    PESAN_RATING_TIDAK_VALID,
    PESAN_RATING_WAJIB,
    PESAN_TANGGAPAN_KOSONG,
    PESAN_TEKS_PANJANG,
    TEKS_MAKS,
)


def _teks_field(label: str, *, kosong: str, help_text: str = "", baris: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEKS_MAKS,
        help_text=help_text,
        error_messages={"required": kosong, "max_length": PESAN_TEKS_PANJANG},
        widget=forms.Textarea(attrs={"rows": baris, "maxlength": TEKS_MAKS}),
    )


class KeberatanAjukanForm(forms.Form):
    alasan = _teks_field(
        "Alasan keberatan",
        kosong=PESAN_ALASAN_KOSONG,
        help_text=(
            "Jelaskan bagian penilaian yang Anda keberatan dan alasannya, misalnya hasil kerja yang menurut Anda "
            "melampaui target beserta buktinya."
        ),
        baris=8,
    )


class KeberatanTanggapanForm(forms.Form):
    tanggapan = _teks_field(
        "Tanggapan pejabat penilai",
        kosong=PESAN_TANGGAPAN_KOSONG,
        help_text="Tanggapan ini dibaca atasan Anda sebelum memutus, dan dapat dibaca pegawai pada riwayat keberatan.",
    )
    versi = forms.CharField(widget=forms.HiddenInput, required=False)


_RATING_PILIHAN = [("", "Pilih penilaian")] + Rating.choices


class KeberatanPutusForm(forms.Form):
    keputusan = forms.ChoiceField(
        label="Keputusan",
        choices=Keberatan.Keputusan.choices,
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_KEPUTUSAN, "invalid_choice": PESAN_KEPUTUSAN},
    )
    rating_hasil = forms.ChoiceField(
        label="Hasil kerja (baru)",
        choices=_RATING_PILIHAN,
        required=False,
        error_messages={"invalid_choice": PESAN_RATING_TIDAK_VALID},
    )
    rating_perilaku = forms.ChoiceField(
        label="Perilaku kerja (baru)",
        choices=_RATING_PILIHAN,
        required=False,
        error_messages={"invalid_choice": PESAN_RATING_TIDAK_VALID},
    )
    pertimbangan = _teks_field(
        "Pertimbangan keputusan",
        kosong=PESAN_PERTIMBANGAN_KOSONG,
        help_text="Wajib diisi. Tuliskan dasar keputusan Anda setelah membaca keberatan pegawai dan tanggapan penilai.",
    )

    def __init__(self, *args, keberatan: Keberatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.keberatan = keberatan
        if not self.is_bound:
            self.initial.setdefault("rating_hasil", keberatan.rating_hasil_awal)
            self.initial.setdefault("rating_perilaku", keberatan.rating_perilaku_awal)

    def clean(self):
        data = super().clean()
        if data.get("keputusan") != Keberatan.Keputusan.DIUBAH:
            return data
        hasil, perilaku = data.get("rating_hasil"), data.get("rating_perilaku")
        if "rating_hasil" in self.errors or "rating_perilaku" in self.errors:
            return data
        if not hasil or not perilaku:
            for nama in ("rating_hasil", "rating_perilaku"):
                if not data.get(nama):
                    self.add_error(nama, PESAN_RATING_WAJIB)
        elif (hasil, perilaku) == (self.keberatan.rating_hasil_awal, self.keberatan.rating_perilaku_awal):
            raise forms.ValidationError(PESAN_RATING_SAMA)
        return data


class KeberatanFilterForm(forms.Form):
    """The list's filters; a bad value falls back to everything (never an error page)."""

    STATUS_PILIHAN = [("", "Semua status")] + Keberatan.Status.choices

    status = forms.ChoiceField(label="Status", choices=STATUS_PILIHAN, required=False)
