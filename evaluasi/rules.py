"""The regulations' arithmetic, as pure functions (DOMAIN.md "Performance" and "Daily activity
log"). Services, selectors and tests all call these; nothing here touches the database."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from .models.pengaturan import JenisPeriode, Predikat, PredikatOrganisasiChoices, Rating

# --- predikat (PermenPANRB 6/2022): rows hasil kerja, columns perilaku ---------------------------

MATRIKS_PREDIKAT: dict[tuple[str, str], str] = {
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
}

# Best first: the order of tables, charts and exports.
URUTAN_PREDIKAT = [
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
]
URUTAN_RATING = [Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH]

# PermenPANRB 1/2023 (credit points): the predikat as a percentage, where a number is needed.
PERSEN_PREDIKAT = {
    Predikat.SANGAT_BAIK: 150,
    Predikat.BAIK: 100,
    Predikat.BUTUH_PERBAIKAN: 75,
    Predikat.KURANG: 50,
    Predikat.SANGAT_KURANG: 25,
}

PANDUAN_HASIL_KERJA = {
    Rating.DI_ATAS: "Sebagian besar hasil kerja melampaui ekspektasi dan tidak ada RHK utama yang di bawah ekspektasi.",
    Rating.SESUAI: "Sebagian besar hasil kerja memenuhi ekspektasi.",
    Rating.DI_BAWAH: "Sebagian besar hasil kerja tidak memenuhi ekspektasi.",
}


def predikat_dari(rating_hasil: str, rating_perilaku: str) -> str:
    """The predikat for two ratings, or "" while either is missing (or not a rating)."""
    return MATRIKS_PREDIKAT.get((rating_hasil, rating_perilaku), "")


def saran_hasil_kerja(rating_rhk: Iterable[tuple[str, str]]) -> str:
    """The guidance rule applied to the per-RHK ratings [(jenis RHK, rating)]: Di Atas when
    most exceed and no Utama RHK is below; Di Bawah when most fall short; otherwise Sesuai.
    "" when nothing is rated yet. A suggestion only: the atasan decides."""
    dinilai = [(jenis, r) for jenis, r in rating_rhk if r]
    if not dinilai:
        return ""
    n = len(dinilai)
    atas = sum(1 for _, r in dinilai if r == Rating.DI_ATAS)
    bawah = sum(1 for _, r in dinilai if r == Rating.DI_BAWAH)
    utama_bawah = any(jenis == "utama" and r == Rating.DI_BAWAH for jenis, r in dinilai)
    if atas * 2 > n and not utama_bawah:
        return Rating.DI_ATAS
    if bawah * 2 > n:
        return Rating.DI_BAWAH
    return Rating.SESUAI


# --- the distribution curve (SE MenPANRB 3/2023; configurable, seeded from these) ---------------

# (predikat organisasi, jenis, [predikat pegawai], persen)
KURVA_DEFAULT: list[tuple[str, str, list[str], int]] = [
    (PredikatOrganisasiChoices.ISTIMEWA, "maks", [Predikat.SANGAT_BAIK], 70),
    (PredikatOrganisasiChoices.BAIK, "maks", [Predikat.BAIK], 70),
    (PredikatOrganisasiChoices.BAIK, "ada", [Predikat.BUTUH_PERBAIKAN, Predikat.KURANG], 0),
    (PredikatOrganisasiChoices.BUTUH_PERBAIKAN, "min", [Predikat.BUTUH_PERBAIKAN], 60),
    (PredikatOrganisasiChoices.BUTUH_PERBAIKAN, "maks", [Predikat.SANGAT_BAIK], 10),
    (PredikatOrganisasiChoices.KURANG, "min", [Predikat.KURANG], 60),
    (PredikatOrganisasiChoices.KURANG, "min", [Predikat.BUTUH_PERBAIKAN], 10),
    (PredikatOrganisasiChoices.KURANG, "maks", [Predikat.SANGAT_BAIK], 10),
    (PredikatOrganisasiChoices.SANGAT_KURANG, "min", [Predikat.SANGAT_KURANG], 60),
    (PredikatOrganisasiChoices.SANGAT_KURANG, "min", [Predikat.KURANG, Predikat.BUTUH_PERBAIKAN], 10),
    (PredikatOrganisasiChoices.SANGAT_KURANG, "maks", [Predikat.SANGAT_BAIK], 0),
]


def _nama_predikat(predikat: Iterable[str]) -> str:
    return " atau ".join(Predikat(p).label for p in predikat)


def aturan_teks(jenis: str, predikat: Iterable[str], persen: int) -> str:
    nama = _nama_predikat(predikat)
    if jenis == "maks":
        return f"{nama} paling banyak {persen}%" if persen else f"tidak boleh ada {nama}"
    if jenis == "min":
        return f"{nama} paling sedikit {persen}%"
    return f"harus ada {nama}"


def kurva_periksa(hitung: Mapping[str, int], aturan: Iterable[tuple[str, Iterable[str], int]]) -> list[str]:
    """The rules (jenis, [predikat], persen) the distribution `hitung` {predikat: count}
    breaks, as Indonesian sentences. Integer arithmetic, so 70% of 10 is exactly 7: 7 of 10
    keeps "at most 70%", 6 of 10 breaks "at least 70%". An empty unit breaks nothing."""
    total = sum(hitung.values())
    if total == 0:
        return []
    pelanggaran = []
    for jenis, predikat, persen in aturan:
        predikat = list(predikat)
        jumlah = sum(hitung.get(p, 0) for p in predikat)
        if jenis == "maks":
            langgar = jumlah * 100 > persen * total
        elif jenis == "min":
            langgar = jumlah * 100 < persen * total
        else:
            langgar = jumlah == 0
        if langgar:
            teks = aturan_teks(jenis, predikat, persen)
            pelanggaran.append(
                f"{teks[0].upper()}{teks[1:]}; saat ini {jumlah} dari {total} pegawai ({persen_teks(jumlah, total)})."
            )
    return pelanggaran


def persen_teks(bagian: int, total: int) -> str:
    if not total:
        return "0%"
    nilai = (Decimal(bagian) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{nilai.normalize():f}%".replace(".", ",")


# --- periods ---------------------------------------------------------------------------------------

JUMLAH_PER_TAHUN = {
    JenisPeriode.BULANAN: 12,
    JenisPeriode.TRIWULAN: 4,
    JenisPeriode.SEMESTER: 2,
    JenisPeriode.TAHUNAN: 1,
}
_BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_ROMAWI = ["I", "II", "III", "IV"]


def periode_tanggal(tahun: int, jenis: str, nomor: int) -> tuple[dt.date, dt.date]:
    """First and last day of period `nomor` (1-based) of `jenis` in `tahun`."""
    if not 1 <= nomor <= JUMLAH_PER_TAHUN[jenis]:
        raise ValueError(f"nomor {nomor} di luar rentang untuk {jenis}")
    lebar = 12 // JUMLAH_PER_TAHUN[jenis]
    bulan_awal = (nomor - 1) * lebar + 1
    bulan_akhir = bulan_awal + lebar - 1
    return dt.date(tahun, bulan_awal, 1), dt.date(tahun, bulan_akhir, calendar.monthrange(tahun, bulan_akhir)[1])


def periode_nama(tahun: int, jenis: str, nomor: int) -> str:
    if jenis == JenisPeriode.BULANAN:
        return f"{_BULAN[nomor - 1]} {tahun}"
    if jenis == JenisPeriode.TRIWULAN:
        return f"Triwulan {_ROMAWI[nomor - 1]} {tahun}"
    if jenis == JenisPeriode.SEMESTER:
        return f"Semester {_ROMAWI[nomor - 1]} {tahun}"
    return f"Tahunan {tahun}"


# --- objection (PP 30/2019 art. 59) -----------------------------------------------------------------


def keberatan_batas(tanggal_final: dt.date, hari: int) -> dt.date:
    """The last day an objection may be filed: the result is received on the day it is
    finalised (day 0), so with 14 days the 14th day after is the last one."""
    return tanggal_final + dt.timedelta(days=hari)


def keberatan_terbuka(tanggal_final: dt.date, hari_ini: dt.date, hari: int) -> bool:
    return hari_ini <= keberatan_batas(tanggal_final, hari)


# --- daily log --------------------------------------------------------------------------------------


def log_batas_kunci(tanggal: dt.date, kunci_hari: int) -> dt.date:
    """The last day an entry dated `tanggal` may still be written or changed: `kunci_hari`
    days after the end of its month."""
    akhir_bulan = tanggal.replace(day=calendar.monthrange(tanggal.year, tanggal.month)[1])
    return akhir_bulan + dt.timedelta(days=kunci_hari)


def log_terkunci(tanggal: dt.date, hari_ini: dt.date, kunci_hari: int) -> bool:
    return hari_ini > log_batas_kunci(tanggal, kunci_hari)


# --- peers ------------------------------------------------------------------------------------------


def rekan_rata(total: int, jumlah: int, minimum: int) -> Decimal | None:
    """The peers' mean to two decimals (half up), only with at least `minimum` answers."""
    if jumlah < minimum or jumlah == 0:
        return None
    return (Decimal(total) / Decimal(jumlah)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
