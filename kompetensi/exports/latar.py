"""The competency exports that run in the background when large (unduhan app): the team matrix.

The registered function reads the page's choices again with the page's own form and the
user's scoped selectors, as the user is now (the task runs later; a scope that has shrunk
shrinks the file or fails it with the form's message). The page
(kompetensi.views.laporan.TimMatriksExportView) decides when to queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from pegawai.access import akses_get, unit_manage_scope
from unduhan.registry import Progres, ekspor_daftar

from ..forms.laporan import TimMatriksForm
from ..selectors import laporan as selectors
from .laporan import nama_berkas, tim_matriks_buku

MATRIKS = "kompetensi.tim_matriks"
TIM = ("atasan", "admin_opd", "admin_bkd")
PESAN_PILIHAN = "Pilihan ekspor tidak lagi tersedia untuk Anda: {galat}"
PESAN_TANPA_PUTARAN = "Putaran penilaian ekspor ini tidak tersedia lagi untuk Anda."


@dataclass
class Tim:
    form: TimMatriksForm
    valid: bool
    putaran: object = None
    cakupan: str = ""
    unit: object = None

    def parameter(self) -> dict:
        """The resolved choices, for the background task (the defaults may change later)."""
        return {"putaran": self.putaran.pk, "cakupan": self.cakupan, "unit": self.unit.pk if self.unit else ""}


def tim_form(user, data) -> Tim:
    """The team matrix's choices (round, scope, unit) from `data`, offered from the user's scope."""
    cakupan = selectors.tim_cakupan_pilihan(user)
    unit = list(unit_manage_scope(user).only("id", "nama", "jenis", "opd_id")) if akses_get(user).admin else None
    form = TimMatriksForm(
        data,
        putaran_pilihan=selectors.tim_putaran_pilihan(user, cakupan),
        cakupan_pilihan=cakupan,
        unit_pilihan=unit,
    )
    if not form.is_valid():
        return Tim(form=form, valid=False)
    d = form.cleaned_data
    return Tim(form=form, valid=True, putaran=d["putaran"], cakupan=d["cakupan"], unit=d.get("unit"))


def tim_matriks_ekspor(user, tim: Tim, *, progres: Progres | None = None) -> tuple[Workbook, str]:
    qs = selectors.tim_peserta(user, putaran=tim.putaran, cakupan=tim.cakupan, unit=tim.unit)
    return tim_matriks_buku(qs, progres=progres), nama_berkas("matriks-tim")


def tim_matriks_latar(user, parameter: dict, progres: Progres) -> tuple[Workbook, str]:
    tim = tim_form(user, parameter)
    if not tim.valid:
        pesan = [e for daftar in tim.form.errors.values() for e in daftar]
        raise ValidationError(PESAN_PILIHAN.format(galat=" ".join(pesan)))
    if tim.putaran is None or not parameter.get("putaran"):
        raise ValidationError(PESAN_TANPA_PUTARAN)
    return tim_matriks_ekspor(user, tim, progres=progres)


ekspor_daftar(MATRIKS, tim_matriks_latar, judul="Matriks kompetensi tim", peran=TIM)
