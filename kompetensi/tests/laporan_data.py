"""Data for the report tests (laporan): a round in OPD A with results worked out by hand.

Rounds are opened with `putaran_buka`; assessments are written as model rows (submitted
PenilaianKompetensi with NilaiKompetensi, anonymous JawabanRekan) and results computed with
`hasil_hitung`, the way the assessment services do.

The fixture `laporan` (import `laporan_fixture` into a test module; standards: staff K1..K4 at levels 1, 2, 3, 2; Kepala Bidang K1 at 3):

    participant  unit       supervisor levels  capaian     gap             JPM
    pegawai      bidang_a   2 2 2 1            2 2 2 1     +1  0 -1 -1     75.00 Kurang Optimal
    rekan        bidang_a   1 1 1 1            1 1 1 1      0 -1 -2 -1     50.00 Kurang Optimal
    admin_opd    opd_a      1 2 3 2            1 2 3 2      0  0  0  0    100.00 Optimal
    atasan       bidang_a   (none)             -            -              none (K1 only)

and a round in OPD B where `outsider` takes part (supervisor 1 1 1 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from kompetensi.models import (
    JawabanRekan,
    Kompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
    PesertaPenilaian,
    PutaranPenilaian,
)
from kompetensi.services.hasil import hasil_hitung
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji

HARI_INI = timezone.localdate()


def buka(actor, unit, **kw) -> PutaranPenilaian:
    return putaran_buka_uji(actor, unit, **kw).putaran


def isi(peserta: PesertaPenilaian, jenis: str, levels, penilai) -> None:
    """A submitted self or supervisor assessment, levels in kompetensi id order."""
    pen = PenilaianKompetensi.objects.create(
        peserta=peserta, jenis=jenis, penilai=penilai, status=PenilaianKompetensi.Status.TERKIRIM
    )
    for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
        if level is not None:
            NilaiKompetensi.objects.create(penilaian=pen, kompetensi_id=hasil.kompetensi_id, level=level)


def rekan_jawab(peserta: PesertaPenilaian, daftar_levels) -> None:
    """Anonymous peer answers (one list of levels per peer, in kompetensi id order)."""
    for levels in daftar_levels:
        for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
            JawabanRekan.objects.create(peserta=peserta, kompetensi_id=hasil.kompetensi_id, level=level)


def rekan_lepas(peserta: PesertaPenilaian) -> None:
    PesertaPenilaian.objects.filter(pk=peserta.pk).update(rekan_dibuka=True)
    peserta.rekan_dibuka = True


@dataclass
class Laporan:
    putaran: PutaranPenilaian
    putaran_b: PutaranPenilaian
    kompetensi: list[Kompetensi]
    peserta: dict  # persona name -> PesertaPenilaian
    outsider: PesertaPenilaian


def laporan_buat(*, admin_bkd, opd_a, opd_b, pegawai, rekan, atasan, admin_opd, outsider, jabatan_staf, jabatan_kabid):
    komp = [KompetensiFactory(nama=f"Kompetensi Uji {i}") for i in range(1, 5)]
    for k, level in zip(komp, (1, 2, 3, 2), strict=True):
        StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k, level=level)
    StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=komp[0], level=3)
    putaran = buka(admin_bkd.user, [opd_a], nama="Putaran OPD A")
    putaran_b = buka(admin_bkd.user, [opd_b], nama="Putaran OPD B")
    peserta = {p.pegawai_id: p for p in putaran.peserta.all()}
    peserta = {
        "pegawai": peserta[pegawai.pk],
        "rekan": peserta[rekan.pk],
        "admin_opd": peserta[admin_opd.pk],
        "atasan": peserta[atasan.pk],
    }
    isi(peserta["pegawai"], "atasan", [2, 2, 2, 1], atasan)
    isi(peserta["rekan"], "atasan", [1, 1, 1, 1], atasan)
    isi(peserta["admin_opd"], "atasan", [1, 2, 3, 2], admin_opd.atasan)
    p_out = putaran_b.peserta.get(pegawai=outsider)
    isi(p_out, "atasan", [1, 1, 1, 1], admin_bkd)
    hasil_hitung(putaran=putaran)
    hasil_hitung(putaran=putaran_b)
    for p in [*peserta.values(), p_out]:
        p.refresh_from_db()
    return Laporan(putaran=putaran, putaran_b=putaran_b, kompetensi=komp, peserta=peserta, outsider=p_out)


@pytest.fixture(name="laporan")
def laporan_fixture(admin_bkd, opd_a, opd_b, pegawai, rekan, atasan, admin_opd, outsider, jabatan_staf, jabatan_kabid):
    return laporan_buat(
        admin_bkd=admin_bkd,
        opd_a=opd_a,
        opd_b=opd_b,
        pegawai=pegawai,
        rekan=rekan,
        atasan=atasan,
        admin_opd=admin_opd,
        outsider=outsider,
        jabatan_staf=jabatan_staf,
        jabatan_kabid=jabatan_kabid,
    )
