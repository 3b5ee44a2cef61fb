"""Data for the assessment tests (penilaian, rekan): a round open in OPD A (the `ruang`
fixture lives in `penilaian_fixture`, loaded by the tests through `pytest_plugins`).

The staff position (jabatan_staf) requires three complete competencies (five levels, three
indicators each) at levels 2, 3 and 2. Participants: pegawai, rekan, admin_opd and three more
staff of Bidang A (`lain`: peers for pegawai, all under `atasan`). `atasan` (Kepala Bidang)
has no standard and is not a participant. The round's atasan of pegawai is `atasan`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kompetensi.models import Kompetensi, PenugasanRekan, PesertaPenilaian, PutaranPenilaian
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji
from pegawai.models import Pegawai

HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - datetime.timedelta(days=1)


def buka(actor, unit, **kw) -> PutaranPenilaian:
    return putaran_buka_uji(actor, unit, **kw).putaran


@dataclass
class Ruang:
    putaran: PutaranPenilaian
    kompetensi: list[Kompetensi]
    lain: list[Pegawai]
    admin_bkd: Pegawai

    def peserta(self, pegawai: Pegawai) -> PesertaPenilaian:
        return self.putaran.peserta.select_related("putaran", "pegawai", "jabatan", "unit", "atasan").get(
            pegawai=pegawai
        )

    def tugaskan(self, pegawai: Pegawai, penilai: list[Pegawai]) -> list[PenugasanRekan]:
        peserta = self.peserta(pegawai)
        return [
            PenugasanRekan.objects.create(peserta=peserta, penilai=p, ditugaskan_oleh=self.admin_bkd.user)
            for p in penilai
        ]

    def indikator(self, k: int, level: int) -> list[int]:
        """Indicator ids of level `level` of competency number `k` (0-based)."""
        return list(self.kompetensi[k].level.get(level=level).indikator.order_by("urutan").values_list("pk", flat=True))


def standar(jabatan, levels=(2, 3, 2)) -> list[Kompetensi]:
    komp = [KompetensiFactory(lengkap=True) for _ in levels]
    for k, level in zip(komp, levels, strict=True):
        StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=k, level=level)
    return komp


def post_penilaian(ruang: Ruang, *, level=None, catatan=None, indikator=None, aksi="draf") -> dict:
    """Form data for a self/supervisor page: `level`/`catatan` lists by competency order."""
    data = {"aksi": aksi}
    for i, k in enumerate(ruang.kompetensi):
        if level is not None and level[i] is not None:
            data[f"level_{k.pk}"] = str(level[i])
        if catatan is not None:
            data[f"catatan_{k.pk}"] = catatan[i]
        if indikator is not None and indikator[i]:
            data[f"indikator_{k.pk}"] = [str(x) for x in indikator[i]]
    return data
