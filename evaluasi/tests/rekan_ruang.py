"""The `ruang_rk` fixture of the peer (360) tests. Loaded with
`pytest_plugins = ["evaluasi.tests.rekan_ruang"]` and never imported directly, so pytest can
rewrite its asserts.

A period in "penilaian" in which `atasan` rates `pegawai` and `rekan`; three more staff of the
same unit and position (`lain`) can be peers, as can `rekan`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from evaluasi.models import EvaluasiPegawai, NilaiDasar, PenugasanRekanKinerja, Periode
from evaluasi.services.rekan import rekan_atur, rekan_isi_simpan
from evaluasi.tests.factories import periode_uji
from pegawai.tests.factories import PegawaiFactory


@dataclass
class Ruang:
    periode: Periode
    lain: list
    atasan: object

    @property
    def nilai(self) -> list[NilaiDasar]:
        return list(NilaiDasar.objects.order_by("urutan"))

    def evaluasi(self, pegawai) -> EvaluasiPegawai:
        return EvaluasiPegawai.objects.select_related("periode", "pegawai", "jabatan").get(
            periode=self.periode, pegawai=pegawai
        )

    def tugaskan(self, pegawai, penilai: list) -> list[PenugasanRekanKinerja]:
        """Assign through the service, as the rater; returns the assignments in `penilai` order."""
        rekan_atur(actor=self.atasan.user, evaluasi=self.evaluasi(pegawai), penilai_ids=[p.pk for p in penilai])
        per_penilai = {
            t.penilai_id: t
            for t in PenugasanRekanKinerja.objects.filter(evaluasi__periode=self.periode, evaluasi__pegawai=pegawai)
        }
        return [per_penilai[p.pk] for p in penilai]

    def data(self, skor: tuple, *, aksi: str = "kirim", komentar: str = "") -> dict:
        """The POST of the peer's form: one `skor_<id>` per value (None leaves it out)."""
        data = {"aksi": aksi, "komentar": komentar}
        for n, s in zip(self.nilai, skor, strict=True):
            if s is not None:
                data[f"skor_{n.pk}"] = str(s)
        return data

    def isi(self, penugasan, orang, skor: tuple, *, komentar: str = "", kirim: bool = True):
        nilai = self.nilai
        return rekan_isi_simpan(
            actor=orang.user,
            penugasan=penugasan,
            skor={n.pk: s for n, s in zip(nilai, skor, strict=True)},
            komentar=komentar,
            kirim=kirim,
        )


@pytest.fixture
def ruang_rk(admin_bkd, opd_a, bidang_a, jabatan_staf, pegawai, rekan, atasan, admin_opd, kepala_opd) -> Ruang:
    lain = [
        PegawaiFactory(nama=f"Rekan Lain {n}", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        for n in ("Satu", "Dua", "Tiga")
    ]
    return Ruang(periode=periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN), lain=lain, atasan=atasan)
