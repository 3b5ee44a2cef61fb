"""The upload form; every check on the file itself is in `pegawai.impor.berkas`."""

from django import forms

from pegawai.access import akses_get
from pegawai.models import UnitKerja

from .berkas import angka, ukuran_teks


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        error_messages={"required": "Pilih berkas .xlsx yang akan diimpor.", "empty": "Berkas kosong (0 byte)."},
    )
    opd = forms.ModelChoiceField(
        label="OPD tujuan",
        queryset=UnitKerja.objects.none(),
        empty_label="Pilih OPD",
        error_messages={"invalid_choice": "Pilih OPD yang Anda kelola."},
    )

    def __init__(self, *args, user, maks_byte: int, maks_baris: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "berkas"
        ].help_text = f"Gunakan templat impor. Maksimal {ukuran_teks(maks_byte)} dan {angka(maks_baris)} baris data."
        akses = akses_get(user)
        if akses.admin_bkd or len(akses.admin_opd_ids) <= 1:
            del self.fields["opd"]  # the scope follows from the role
        else:
            self.fields["opd"].queryset = UnitKerja.objects.filter(pk__in=akses.admin_opd_ids).order_by("nama")
