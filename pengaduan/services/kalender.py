"""The holiday calendar and the due dates computed from it.

Holidays come from the `holidays` package (Indonesia: national holidays and, as its
"government" category, cuti bersama), are stored in HariLibur and edited by Admin BKD. Filling
a year only adds missing dates: an edited or deleted entry stays as the admin left it.
"""

from __future__ import annotations

import datetime

import holidays
from django.db import transaction

from ..models import HariLibur
from ..rules import hari_kerja_antara, hari_kerja_tambah

# Enough calendar days to hold 60 working days plus every holiday between them.
_JENDELA_HARI = 200


def hari_libur_nasional(tahun: int) -> list[tuple[datetime.date, str, str]]:
    """(date, name, jenis) for one year from the `holidays` package, in Indonesian."""
    hasil = []
    for kategori, jenis in (("public", HariLibur.Jenis.NASIONAL), ("government", HariLibur.Jenis.CUTI_BERSAMA)):
        data = holidays.country_holidays("ID", years=[tahun], categories=(kategori,), language="id")
        for tanggal, nama in sorted(data.items()):
            hasil.append((tanggal, nama[:150], jenis))
    return hasil


@transaction.atomic
def hari_libur_isi_tahun(*, tahun: int) -> int:
    """Add the national holidays and cuti bersama of `tahun` that are not in the calendar yet.
    Idempotent; returns how many were added. Saturdays and Sundays are skipped (already off)."""
    ada = set(HariLibur.objects.filter(tanggal__year=tahun).values_list("tanggal", flat=True))
    baru = {}
    for tanggal, nama, jenis in hari_libur_nasional(tahun):
        if tanggal in ada or tanggal in baru or tanggal.weekday() >= 5:
            continue
        baru[tanggal] = HariLibur(tanggal=tanggal, nama=nama, jenis=jenis)
    HariLibur.objects.bulk_create(baru.values(), ignore_conflicts=True)
    return len(baru)


def libur_set(mulai: datetime.date, sampai: datetime.date) -> frozenset[datetime.date]:
    return frozenset(
        HariLibur.objects.filter(tanggal__gte=mulai, tanggal__lte=sampai).values_list("tanggal", flat=True)
    )


def batas_hitung(mulai: datetime.date, hari: int) -> datetime.date:
    """The `hari`-th working day after `mulai`, using the stored calendar."""
    libur = libur_set(mulai, mulai + datetime.timedelta(days=_JENDELA_HARI + hari * 2))
    return hari_kerja_tambah(mulai, hari, libur)


def hari_kerja_hitung(mulai: datetime.date, selesai: datetime.date) -> int:
    """Working days from `mulai` to `selesai` (exclusive, inclusive), using the stored calendar."""
    return hari_kerja_antara(mulai, selesai, libur_set(mulai, selesai))
