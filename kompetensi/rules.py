"""The competency arithmetic, as pure functions (DOMAIN.md "Competency"; issue 3).

Rules the product documents (docs/KOMPETENSI.md repeats them for users):

- **Combining views.** The attained level of one competency is the weighted mean of the views
  that exist: supervisor, self and the peers' mean. A view that is missing (not submitted, or
  peers with fewer than `MIN_REKAN` answers, which are never shown for anonymity) does not count
  as zero: its weight is shared out over the views that exist, in proportion to their weights.
  With no view at all there is no result.
- **Rounding.** The weighted mean is kept exactly (Fraction) and rounded once, half up, to a whole
  level 1 to 5: 2.5 becomes 3, 2.49 becomes 2. No rounding happens before that.
- **Gap** = attained level minus required level; negative is a development need.
- **JPM** = sum over the position's standard of min(attained, required) / sum of required x 100.
  Competencies of the standard that have no result count as attained 0 (the person was not
  shown to meet them); JPM is only computed when the standard is not empty.
- **Category** on the exact JPM: Optimal >= 90; Cukup Optimal 78 to < 90; Kurang Optimal < 78.
  A JPM of 89.99... is Cukup Optimal, never rounded up into Optimal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

LEVEL_MIN, LEVEL_MAX = 1, 5
MIN_REKAN = 3

ATASAN, DIRI, REKAN = "atasan", "diri", "rekan"
BOBOT_BAWAAN = {ATASAN: 50, DIRI: 20, REKAN: 30}

OPTIMAL, CUKUP_OPTIMAL, KURANG_OPTIMAL = "Optimal", "Cukup Optimal", "Kurang Optimal"
BATAS_OPTIMAL = Fraction(90)
BATAS_CUKUP = Fraction(78)


def bobot_periksa(bobot: Mapping[str, int], *, rekan_aktif: bool = True) -> None:
    """Weights must be whole numbers 0 to 100 summing to 100 (peers 0 when peers are off)."""
    from django.core.exceptions import ValidationError

    for nama in (ATASAN, DIRI, REKAN):
        nilai = bobot.get(nama, 0)
        if not isinstance(nilai, int) or isinstance(nilai, bool) or not 0 <= nilai <= 100:
            raise ValidationError("Bobot harus bilangan bulat 0 sampai 100.")
    if not rekan_aktif and bobot.get(REKAN, 0) != 0:
        raise ValidationError("Bobot rekan harus 0 bila penilaian rekan tidak dipakai.")
    total = sum(bobot.get(n, 0) for n in (ATASAN, DIRI, REKAN))
    if total != 100:
        raise ValidationError(f"Jumlah bobot harus 100 (sekarang {total}).")


def rata_rata_rekan(nilai: Iterable[int]) -> Fraction | None:
    """The peers' mean, or None with fewer than MIN_REKAN answers (never shown, never used)."""
    nilai = list(nilai)
    if len(nilai) < MIN_REKAN:
        return None
    return Fraction(sum(nilai), len(nilai))


def level_gabungan_tepat(nilai: Mapping[str, Fraction | int | None], bobot: Mapping[str, int]) -> Fraction | None:
    """The exact weighted mean over the views present, weights renormalised; None if none."""
    total_bobot = 0
    jumlah = Fraction(0)
    for nama, level in nilai.items():
        w = bobot.get(nama, 0)
        if level is None or w == 0:
            continue
        level = Fraction(level)
        if not LEVEL_MIN <= level <= LEVEL_MAX:
            raise ValueError(f"level {nama} di luar 1..5: {level}")
        total_bobot += w
        jumlah += w * level
    if total_bobot == 0:
        return None
    return jumlah / total_bobot


def bulatkan_level(nilai: Fraction | None) -> int | None:
    """Half up to a whole level (2.5 -> 3)."""
    if nilai is None:
        return None
    desimal = Decimal(nilai.numerator) / Decimal(nilai.denominator)
    return int(desimal.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def level_gabungan(nilai: Mapping[str, Fraction | int | None], bobot: Mapping[str, int]) -> int | None:
    return bulatkan_level(level_gabungan_tepat(nilai, bobot))


def gap(capaian: int | None, standar: int) -> int | None:
    return None if capaian is None else capaian - standar


def jpm(pasangan: Iterable[tuple[int | None, int]]) -> Fraction | None:
    """JPM from (attained or None, required) pairs of the whole standard; None if it is empty."""
    jumlah_capaian = 0
    jumlah_standar = 0
    for capaian, standar in pasangan:
        jumlah_standar += standar
        jumlah_capaian += min(capaian or 0, standar)
    if jumlah_standar == 0:
        return None
    return Fraction(jumlah_capaian * 100, jumlah_standar)


def kategori_jpm(nilai: Fraction | Decimal | float | int | None) -> str | None:
    if nilai is None:
        return None
    nilai = Fraction(nilai) if not isinstance(nilai, float) else Fraction(str(nilai))
    if nilai >= BATAS_OPTIMAL:
        return OPTIMAL
    if nilai >= BATAS_CUKUP:
        return CUKUP_OPTIMAL
    return KURANG_OPTIMAL


def jpm_tampil(nilai: Fraction | None) -> Decimal | None:
    """For display and storage: two decimals, truncated (never lifts 89.999 to 90.00)."""
    if nilai is None:
        return None
    return (Decimal(nilai.numerator) * 100 // Decimal(nilai.denominator)) / Decimal(100)
