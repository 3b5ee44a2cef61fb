"""Helpers for the objection tests: a period in "penilaian" and a final evaluation of `pegawai`
(rated by `atasan`; kepala_opd is the atasan pejabat penilai, who decides objections)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from evaluasi.models import EvaluasiPegawai, Keberatan, Periode
from evaluasi.rules import predikat_dari
from evaluasi.tests.factories import periode_uji


def waktu_lokal(tanggal: dt.date, jam: int = 10, menit: int = 0) -> dt.datetime:
    """An aware datetime at a local (Asia/Jakarta) wall-clock time."""
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(jam, menit)))


def finalkan(
    evaluasi: EvaluasiPegawai,
    *,
    hasil: str = "sesuai",
    perilaku: str = "di_bawah",
    pada: dt.datetime | None = None,
) -> EvaluasiPegawai:
    """Make the evaluation final as the rating pages would (ratings, predikat from the matrix)."""
    evaluasi.rating_hasil, evaluasi.rating_perilaku = hasil, perilaku
    evaluasi.predikat = predikat_dari(hasil, perilaku)
    evaluasi.status = EvaluasiPegawai.Status.FINAL
    evaluasi.difinalkan_pada = pada or timezone.now()
    evaluasi.difinalkan_oleh = evaluasi.penilai.user if evaluasi.penilai else None
    evaluasi.save()
    return evaluasi


def evaluasi_final(bkd_user, pegawai, **kw) -> EvaluasiPegawai:
    """A period in penilaian (opened through the services) and pegawai's final evaluation."""
    periode = Periode.objects.filter(status=Periode.Status.PENILAIAN).first() or periode_uji(
        bkd_user, status=Periode.Status.PENILAIAN
    )
    return finalkan(EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai), **kw)


def keberatan_uji(evaluasi: EvaluasiPegawai, *, alasan: str = "Hasil kerja saya melampaui target.") -> Keberatan:
    """An objection filed directly (for tests about what happens after filing)."""
    return Keberatan.objects.create(
        evaluasi=evaluasi,
        alasan=alasan,
        pemutus=evaluasi.atasan_penilai,
        rating_hasil_awal=evaluasi.rating_hasil,
        rating_perilaku_awal=evaluasi.rating_perilaku,
        predikat_awal=evaluasi.predikat,
    )
