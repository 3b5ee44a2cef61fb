"""Pure rules for complaints and the satisfaction survey (no database): working-day
arithmetic, the IKM index and its quality band, the Krejcie-Morgan minimum sample.

DOMAIN.md: weekends and national holidays/cuti bersama are not working days; IKM = mean of the
nine NRR x 25 with no rounding before the end; bands A >= 88.31, B >= 76.61, C >= 65.00, D.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# --- working days ------------------------------------------------------------------------------


def hari_kerja(tanggal: datetime.date, libur: Collection[datetime.date]) -> bool:
    return tanggal.weekday() < 5 and tanggal not in libur


def hari_kerja_tambah(mulai: datetime.date, n: int, libur: Collection[datetime.date]) -> datetime.date:
    """The n-th working day after `mulai` (the day of receipt itself is not counted).

    A case received on a Saturday with n=1 is due on Monday (or the next working day)."""
    if n < 0:
        raise ValueError("n tidak boleh negatif")
    tanggal = mulai
    sisa = n
    while sisa > 0:
        tanggal += datetime.timedelta(days=1)
        if hari_kerja(tanggal, libur):
            sisa -= 1
    return tanggal


def hari_kerja_antara(mulai: datetime.date, selesai: datetime.date, libur: Collection[datetime.date]) -> int:
    """Working days in (mulai, selesai]: 0 when finished the same day, 1 the next working day."""
    if selesai <= mulai:
        return 0
    jumlah = 0
    tanggal = mulai
    while tanggal < selesai:
        tanggal += datetime.timedelta(days=1)
        if hari_kerja(tanggal, libur):
            jumlah += 1
    return jumlah


def hari_kerja_sisa(hari_ini: datetime.date, batas: datetime.date, libur: Collection[datetime.date]) -> int:
    """Working days left until `batas` (negative when overdue: working days past it)."""
    if batas >= hari_ini:
        return hari_kerja_antara(hari_ini, batas, libur)
    return -hari_kerja_antara(batas, hari_ini, libur)


def terlambat(*, batas: datetime.date | None, selesai: datetime.date | None, hari_ini: datetime.date) -> bool:
    """Late if finished after the deadline, or still open past it (an overdue open case is
    late, not "not yet measured")."""
    if batas is None:
        return False
    return (selesai or hari_ini) > batas


# --- IKM ---------------------------------------------------------------------------------------

DUA_DESIMAL = Decimal("0.01")


@dataclass(frozen=True)
class Mutu:
    kode: str
    nama: str


MUTU_A = Mutu("A", "Sangat Baik")
MUTU_B = Mutu("B", "Baik")
MUTU_C = Mutu("C", "Kurang Baik")
MUTU_D = Mutu("D", "Tidak Baik")


def mutu_ikm(ikm: Decimal) -> Mutu:
    """The quality band of a converted value already rounded to two decimals."""
    if ikm >= Decimal("88.31"):
        return MUTU_A
    if ikm >= Decimal("76.61"):
        return MUTU_B
    if ikm >= Decimal("65.00"):
        return MUTU_C
    return MUTU_D


@dataclass(frozen=True)
class HasilIkm:
    nrr: tuple[Fraction | None, ...]  # per element; None = nobody answered it
    indeks: Fraction | None  # mean of the NRR (exact)
    ikm: Decimal | None  # index x 25, rounded half up to two decimals only here
    mutu: Mutu | None
    unsur_kosong: tuple[int, ...]  # element numbers (1-based) nobody answered

    @property
    def lengkap(self) -> bool:
        return not self.unsur_kosong


def ikm_hitung(jumlah: Sequence[int], penjawab: Sequence[int]) -> HasilIkm:
    """IKM from per-element sums of answers and counts of respondents who answered them.

    NRR = sum / answered (a skipped answer counts neither up nor down). The index is the mean
    of the NRR of the elements someone answered (each weighted equally: 1/9 when all nine
    were answered); `unsur_kosong` names the others so the page can say so."""
    if len(jumlah) != len(penjawab):
        raise ValueError("jumlah dan penjawab harus sepanjang")
    nrr: list[Fraction | None] = []
    for s, n in zip(jumlah, penjawab, strict=True):
        nrr.append(Fraction(s, n) if n else None)
    ada = [x for x in nrr if x is not None]
    kosong = tuple(i for i, x in enumerate(nrr, start=1) if x is None)
    if not ada:
        return HasilIkm(tuple(nrr), None, None, None, kosong)
    indeks = sum(ada, Fraction(0)) / len(ada)
    nilai = indeks * 25
    ikm = (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)
    return HasilIkm(tuple(nrr), indeks, ikm, mutu_ikm(ikm), kosong)


def krejcie_morgan(populasi: int) -> int:
    """The Krejcie-Morgan (1970) minimum sample for a population at 95% confidence and 5% error:
    s = X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)), X^2 = 3.841, P = 0.5, d = 0.05, rounded to
    the nearest whole respondent. This reproduces every entry of the published table
    (N=50 -> 44, 100 -> 80, 1000 -> 278, 75,000 -> 382, 1,000,000 -> 384) and gives the
    values between its rows."""
    if populasi <= 0:
        return 0
    x2 = Decimal("3.841")
    p = Decimal("0.25")  # P(1-P)
    d2 = Decimal("0.0025")
    n = Decimal(populasi)
    s = (x2 * n * p) / (d2 * (n - 1) + x2 * p)
    return int(s.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
