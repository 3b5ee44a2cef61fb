"""The shared fixture and helpers of the daily-log tests (no tests here). Loaded by the test
modules with `pytest_plugins = ["evaluasi.tests.test_log_ruang"]`; the helpers (not the fixture)
are imported directly.

`lg`: a running period of this quarter (it contains today) and pegawai's approved SKP of this
year with two RHK; rekan (pegawai's sibling, same atasan) has no SKP, so their logs need no RHK.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluasi.models import Periode, Skp
from evaluasi.services.log import log_buat
from evaluasi.tests.factories import periode_uji, skp_uji

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A Windows executable's header (MZ ... PE): what an .exe renamed .pdf really contains.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" + b"PE\x00\x00"


def pdf(nama: str = "notulen.pdf", isi: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def bulan_lalu(n: int) -> dt.date:
    """The first day of the month `n` months before this one."""
    hari = timezone.localdate().replace(day=1)
    for _ in range(n):
        hari = (hari - dt.timedelta(days=1)).replace(day=1)
    return hari


@dataclass
class Lg:
    periode: Periode
    skp: Skp
    rhk: list
    pegawai: object
    atasan: object
    rekan: object
    hari_ini: dt.date


@pytest.fixture
def lg(pegawai, atasan, rekan, admin_bkd):
    """A running period of this quarter (contains today) and pegawai's approved SKP of this year
    (two RHK); rekan has no SKP (logs without RHK)."""
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    skp = skp_uji(pegawai)
    return Lg(
        periode=periode,
        skp=skp,
        rhk=list(skp.rhk.order_by("pk")),
        pegawai=pegawai,
        atasan=atasan,
        rekan=rekan,
        hari_ini=timezone.localdate(),
    )


def buat(lg, *, menit=60, tanggal=None, uraian="Menyusun notula rapat", rhk="pertama", actor=None, **kw):
    """log_buat as pegawai (today, the first RHK) unless told otherwise."""
    if rhk == "pertama":
        rhk = lg.rhk[0]
    return log_buat(
        actor=actor or lg.pegawai.user,
        tanggal=tanggal or lg.hari_ini,
        uraian=uraian,
        menit=menit,
        rhk=rhk,
        **kw,
    )


def galat(exc_info) -> dict:
    return exc_info.value.message_dict
