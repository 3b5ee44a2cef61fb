"""Factories and helpers for evaluasi tests.

`periode_uji(actor, status=...)` opens a period of the current year (every active employee
gets an evaluation record) and moves it to `status`; `skp_uji(pegawai, ...)` builds an SKP with
RHK and indicators, cascaded to the atasan's SKP when given."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from evaluasi.models import (
    EvaluasiPegawai,
    IndikatorKinerja,
    LogHarian,
    PengaturanKinerja,
    Periode,
    RencanaHasilKerja,
    SasaranUnit,
    Skp,
)


class SasaranUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SasaranUnit

    unit = None
    tahun = factory.LazyFunction(lambda: timezone.localdate().year)
    uraian = factory.Sequence(lambda n: f"Meningkatnya mutu layanan {n}")
    indikator = "Indeks kepuasan layanan"


class SkpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skp

    pegawai = None
    tahun = factory.LazyFunction(lambda: timezone.localdate().year)
    unit = factory.LazyAttribute(lambda o: o.pegawai.unit)
    jabatan = factory.LazyAttribute(lambda o: o.pegawai.jabatan)
    atasan = factory.LazyAttribute(lambda o: o.pegawai.atasan)
    status = Skp.Status.DRAFT


class RhkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaHasilKerja

    skp = None
    jenis = RencanaHasilKerja.Jenis.UTAMA
    uraian = factory.Sequence(lambda n: f"Terlaksananya kegiatan {n}")
    urutan = factory.Sequence(lambda n: n)


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorKinerja

    rhk = None
    aspek = IndikatorKinerja.Aspek.KUANTITAS
    uraian = factory.Sequence(lambda n: f"Jumlah dokumen {n}")
    target = Decimal("12")
    satuan = "dokumen"
    urutan = factory.Sequence(lambda n: n)


class LogHarianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogHarian

    pegawai = None
    tanggal = factory.LazyFunction(timezone.localdate)
    uraian = factory.Sequence(lambda n: f"Menyusun laporan {n}")
    menit = 120


def skp_uji(
    pegawai,
    *,
    tahun: int | None = None,
    status: str = Skp.Status.DISETUJUI,
    rhk_atasan: RencanaHasilKerja | None = None,
    jumlah_rhk: int = 2,
) -> Skp:
    """An SKP with `jumlah_rhk` Utama RHK (each with one indicator), the first cascaded to
    `rhk_atasan` when given."""
    skp = SkpFactory(pegawai=pegawai, tahun=tahun or timezone.localdate().year, status=status)
    if status == Skp.Status.DISETUJUI:
        skp.disetujui_pada = timezone.now()
        skp.disetujui_oleh = pegawai.atasan
        skp.save(update_fields=["disetujui_pada", "disetujui_oleh"])
    for i in range(jumlah_rhk):
        rhk = RhkFactory(skp=skp, rhk_atasan=rhk_atasan if i == 0 else None)
        IndikatorFactory(rhk=rhk)
    EvaluasiPegawai.objects.filter(pegawai=pegawai, periode__tahun=skp.tahun, skp__isnull=True).update(skp=skp)
    return skp


def periode_uji(
    actor,
    *,
    status: str = Periode.Status.BERJALAN,
    jenis: str = "triwulan",
    nomor: int | None = None,
    tahun: int | None = None,
) -> Periode:
    """A period of this year (the quarter containing today unless `nomor`), moved to `status`
    through the services, so every active employee has an evaluation record."""
    from evaluasi.services.periode import periode_buat, periode_lanjut

    hari_ini = timezone.localdate()
    tahun = tahun or hari_ini.year
    if nomor is None:
        nomor = {
            "bulanan": hari_ini.month,
            "triwulan": (hari_ini.month - 1) // 3 + 1,
            "semester": (hari_ini.month - 1) // 6 + 1,
            "tahunan": 1,
        }[jenis]
    pengaturan = PengaturanKinerja.get()
    if jenis not in pengaturan.jenis_periode:
        pengaturan.jenis_periode = [*pengaturan.jenis_periode, jenis]
        pengaturan.save(update_fields=["jenis_periode"])
    periode = periode_buat(actor=actor, tahun=tahun, jenis=jenis, nomor=nomor)
    while periode.status != status:
        periode = periode_lanjut(actor=actor, periode=periode, dari_status=periode.status)
    return periode


def hari_kerja_lalu(n: int = 1) -> dt.date:
    """A date `n` days ago (for logs that must not be in the future)."""
    return timezone.localdate() - dt.timedelta(days=n)
