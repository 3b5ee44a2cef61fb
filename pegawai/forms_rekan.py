"""The peer (360) assignment form shared by kompetensi and evaluasi: the chosen peers as a list
of employee ids (`rekan`, repeated). How many peers and which ones may be chosen is the app
service's rule (`rekan_atur`); the form only refuses what is not an id at all."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

PESAN_REKAN_ID_TIDAK_VALID = "Pilihan rekan tidak dikenali; muat ulang halaman lalu pilih lagi."
PILIH_MAKS = 10  # ids kept across searches; more than any app's maximum of peers


def id_sah(v: str) -> bool:
    """ASCII digits only, short enough for a bigint: str.isdigit() also accepts characters like
    "²" that int() refuses."""
    return v.isascii() and v.isdigit() and len(v) <= 18


def _ids(nilai: list[str]) -> list[int] | None:
    hasil = []
    for v in nilai:
        v = (v or "").strip()
        if not id_sah(v):
            return None
        hasil.append(int(v))
    return hasil


class RekanAturForm(forms.Form):
    """The chosen peers: a list of employee ids (`rekan`, repeated); one that is not an id
    refuses the whole list."""

    def clean(self):
        data = super().clean()
        ids = _ids(self.data.getlist("rekan"))
        if ids is None:
            raise ValidationError(PESAN_REKAN_ID_TIDAK_VALID)
        data["rekan"] = ids
        return data


def pilih_ids(nilai: list[str]) -> list[int]:
    """Ids kept across searches on the assignment page (junk is simply dropped)."""
    return [int(v) for v in nilai if id_sah(v)][:PILIH_MAKS]
