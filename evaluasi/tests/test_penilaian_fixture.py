"""Shared data for the assessment tests (imported by test_penilaian_*.py and test_dokumen*.py;
no tests here).

`siap(...)`: a period in "penilaian" (opened through the services, so everyone has an
evaluation record), atasan's approved SKP and pegawai's approved SKP (cascaded), with
`jumlah_rhk` Utama RHK; pegawai's evaluation is rated by `atasan`, kepala_opd is the atasan
pejabat penilai. `isi_periode(...)` adds realisation, evidence, feedback and daily-log entries
for every indicator (the "large" data of the query-count tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from evaluasi.models import (
    BuktiDukung,
    EvaluasiPegawai,
    IndikatorKinerja,
    LogHarian,
    Periode,
    RencanaHasilKerja,
    Skp,
    UmpanBalik,
)
from evaluasi.services.penilaian import RatingMasuk, penilaian_atasan_simpan
from evaluasi.tests.factories import IndikatorFactory, RhkFactory, periode_uji, skp_uji


@dataclass
class Siap:
    periode: Periode
    skp: Skp
    ev: EvaluasiPegawai

    @property
    def rhk(self) -> list[RencanaHasilKerja]:
        return list(self.skp.rhk.order_by("pk"))

    def segarkan(self) -> EvaluasiPegawai:
        self.ev = EvaluasiPegawai.objects.select_related("periode", "pegawai", "skp").get(pk=self.ev.pk)
        return self.ev


def siap_buat(bkd_user, pegawai, atasan, *, jumlah_rhk: int = 2, skp_status: str = Skp.Status.DISETUJUI) -> Siap:
    periode = Periode.objects.filter(status=Periode.Status.PENILAIAN).first() or periode_uji(
        bkd_user, status=Periode.Status.PENILAIAN
    )
    skp_atasan = Skp.objects.filter(pegawai=atasan, tahun=periode.tahun).first() or skp_uji(atasan)
    skp = skp_uji(pegawai, status=skp_status, rhk_atasan=skp_atasan.rhk.order_by("pk").first(), jumlah_rhk=jumlah_rhk)
    ev = EvaluasiPegawai.objects.select_related("periode", "pegawai", "skp").get(periode=periode, pegawai=pegawai)
    return Siap(periode, skp, ev)


def tambah_rhk(skp: Skp, *, jumlah: int, indikator: int = 1, jenis: str = RencanaHasilKerja.Jenis.TAMBAHAN) -> None:
    for _ in range(jumlah):
        rhk = RhkFactory(skp=skp, jenis=jenis)
        for _ in range(indikator):
            IndikatorFactory(rhk=rhk)


def isi_periode(s: Siap, *, log: int = 3, penulis=None) -> None:
    """Realisation with a file and a link, two feedback rows per indicator, `log` daily entries."""
    hari = s.periode.tanggal_mulai
    for ind in IndikatorKinerja.objects.filter(rhk__skp=s.skp):
        from evaluasi.models import Realisasi

        r = Realisasi.objects.create(indikator=ind, periode=s.periode, nilai=Decimal("10"), uraian="Selesai")
        BuktiDukung.objects.create(
            realisasi=r,
            tautan="https://contoh.go.id/laporan",
            keterangan="Laporan daring",
            diunggah_oleh=s.ev.pegawai.user,
        )
        BuktiDukung.objects.create(
            realisasi=r, berkas="bukti/uji.pdf", nama_berkas="notulen.pdf", diunggah_oleh=s.ev.pegawai.user
        )
        for teks in ("Bagus.", "Lengkapi lampiran."):
            UmpanBalik.objects.create(realisasi=r, penulis=penulis or s.ev.penilai, teks=teks)
    status = [LogHarian.Status.DISETUJUI, LogHarian.Status.BELUM_DIPERIKSA, LogHarian.Status.DITOLAK]
    LogHarian.objects.bulk_create(
        LogHarian(pegawai=s.ev.pegawai, tanggal=hari, uraian=f"Kegiatan {i}", menit=60, status=status[i % len(status)])
        for i in range(log)
    )


def nilai_semua(s: Siap, actor, *, hasil: str = "sesuai", perilaku: str = "sesuai", rhk: str = "sesuai") -> None:
    """The rater's draft with every RHK rated and both ratings (ready to finalise)."""
    ev = s.segarkan()
    penilaian_atasan_simpan(
        actor=actor,
        evaluasi=ev,
        versi=ev.versi,
        rhk={r.pk: RatingMasuk(rhk, "") for r in s.rhk},
        rating_hasil=hasil,
        rating_perilaku=perilaku,
        umpan_balik="Pertahankan kinerja.",
    )
    s.segarkan()


def hari_ini():
    return timezone.localdate()
