"""The upload form of the teknis-competency import: the employee import's form (same file
field and messages), with this import's limits and without the OPD choice."""

from __future__ import annotations

from django.conf import settings

from pegawai.impor.berkas import angka, ukuran_teks
from pegawai.impor.forms import ImporForm

from ..impor import berkas


class ImporKompetensiForm(ImporForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, maks_byte=settings.IMPOR_MAKS_BYTE, maks_baris=berkas.MAKS_BARIS, **kwargs)
        self.fields.pop("opd", None)  # the dictionary is Pemda-wide
        self.fields["berkas"].help_text = (
            "Gunakan templat impor kompetensi teknis. "
            f"Maksimal {ukuran_teks(settings.IMPOR_MAKS_BYTE)} dan {angka(berkas.MAKS_BARIS)} baris data."
        )
