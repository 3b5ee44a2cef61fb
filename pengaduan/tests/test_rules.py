"""The arithmetic of complaints and surveys: working days across weekends, holidays, cuti
bersama and the year end; overdue open cases count as late; IKM against hand-computed
examples and its band boundaries; the Krejcie-Morgan table."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from pengaduan.rules import (
    MUTU_A,
    MUTU_B,
    MUTU_C,
    MUTU_D,
    hari_kerja_antara,
    hari_kerja_sisa,
    hari_kerja_tambah,
    ikm_hitung,
    krejcie_morgan,
    mutu_ikm,
    terlambat,
)

D = dt.date
# 2026: 24 Dec cuti bersama Natal, 25 Dec Natal; 1 Jan 2027 Tahun Baru. 26-27 Dec is a weekend.
LIBUR = {D(2026, 12, 24), D(2026, 12, 25), D(2027, 1, 1), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)}


def test_hari_kerja_melewati_akhir_pekan():
    # Thursday 19 Nov 2026 + 3 working days: Fri 20, Mon 23, Tue 24.
    assert hari_kerja_tambah(D(2026, 11, 19), 3, set()) == D(2026, 11, 24)
    # Received on a Saturday: counting starts on Monday.
    assert hari_kerja_tambah(D(2026, 11, 21), 1, set()) == D(2026, 11, 23)
    assert hari_kerja_tambah(D(2026, 11, 22), 5, set()) == D(2026, 11, 27)


def test_hari_kerja_melewati_libur_cuti_bersama_dan_akhir_tahun():
    # Tue 22 Dec 2026 + 3: Wed 23, (Thu 24 cuti bersama, Fri 25 Natal, weekend) Mon 28, Tue 29.
    assert hari_kerja_tambah(D(2026, 12, 22), 3, LIBUR) == D(2026, 12, 29)
    # Tue 29 Dec + 5: Wed 30, Thu 31, (Fri 1 Jan, weekend) Mon 4, Tue 5, Wed 6 Jan 2027.
    assert hari_kerja_tambah(D(2026, 12, 29), 5, LIBUR) == D(2027, 1, 6)
    # Idul Fitri 2026: cuti bersama Fri 20 Mar, (Sat 21, Sun 22 the feast), Mon 23, Tue 24.
    assert hari_kerja_tambah(D(2026, 3, 19), 1, LIBUR) == D(2026, 3, 25)


def test_hari_kerja_antara_dan_sisa():
    assert hari_kerja_antara(D(2026, 12, 22), D(2026, 12, 22), LIBUR) == 0
    assert hari_kerja_antara(D(2026, 12, 22), D(2026, 12, 29), LIBUR) == 3
    assert hari_kerja_antara(D(2026, 12, 29), D(2027, 1, 6), LIBUR) == 5
    assert hari_kerja_sisa(D(2026, 12, 22), D(2026, 12, 29), LIBUR) == 3
    # Two working days past the deadline.
    assert hari_kerja_sisa(D(2026, 12, 31), D(2026, 12, 28), LIBUR) == -3
    assert hari_kerja_sisa(D(2027, 1, 4), D(2026, 12, 31), LIBUR) == -1


def test_tambah_lalu_antara_kembali_ke_n():
    for mulai in (D(2026, 12, 20) + dt.timedelta(days=i) for i in range(20)):
        for n in (1, 3, 5, 14, 60):
            assert hari_kerja_antara(mulai, hari_kerja_tambah(mulai, n, LIBUR), LIBUR) == n


def test_terbuka_lewat_batas_dihitung_terlambat():
    batas = D(2026, 11, 20)
    assert terlambat(batas=batas, selesai=None, hari_ini=D(2026, 11, 23)) is True
    assert terlambat(batas=batas, selesai=None, hari_ini=D(2026, 11, 20)) is False
    assert terlambat(batas=batas, selesai=D(2026, 11, 20), hari_ini=D(2026, 12, 1)) is False
    assert terlambat(batas=batas, selesai=D(2026, 11, 21), hari_ini=D(2026, 12, 1)) is True
    assert terlambat(batas=None, selesai=None, hari_ini=D(2026, 12, 1)) is False


def test_ikm_contoh_hitung_tangan():
    # 4 respondents; sums per element over the nine elements.
    jumlah = [13, 12, 11, 16, 12, 14, 15, 10, 12]
    penjawab = [4] * 9
    h = ikm_hitung(jumlah, penjawab)
    assert h.nrr[0] == Fraction(13, 4)
    # mean NRR = 115/36 = 3.19444..; x 25 = 79.8611.. -> 79.86, band B.
    assert h.indeks == Fraction(115, 36)
    assert h.ikm == Decimal("79.86")
    assert h.mutu == MUTU_B
    assert h.lengkap


def test_ikm_unsur_yang_dilewati_tidak_dihitung_sebagai_nol():
    # Element 4 answered by 2 of 3 respondents (4 + 4), element 9 by nobody.
    jumlah = [9, 9, 9, 8, 9, 9, 9, 9, 0]
    penjawab = [3, 3, 3, 2, 3, 3, 3, 3, 0]
    h = ikm_hitung(jumlah, penjawab)
    assert h.nrr[3] == 4
    assert h.nrr[8] is None
    assert h.unsur_kosong == (9,)
    # (7 x 3 + 4) / 8 = 25/8; x 25 = 78.125 -> 78.13 (half up at the very end only).
    assert h.indeks == Fraction(25, 8)
    assert h.ikm == Decimal("78.13")


def test_ikm_tanpa_pembulatan_di_tengah():
    # NRR 2.5996 per element rounded to 2.60 first would give 65.00 (C); exact gives 64.99 (D).
    n = 10_000
    h = ikm_hitung([25_996] * 9, [n] * 9)
    assert h.ikm == Decimal("64.99")
    assert h.mutu == MUTU_D


def test_ikm_tanpa_respons():
    h = ikm_hitung([0] * 9, [0] * 9)
    assert h.ikm is None and h.mutu is None and h.unsur_kosong == tuple(range(1, 10))


@pytest.mark.parametrize(
    ("nilai", "mutu"),
    [
        ("25.00", MUTU_D),
        ("64.99", MUTU_D),
        ("65.00", MUTU_C),
        ("76.60", MUTU_C),
        ("76.61", MUTU_B),
        ("88.30", MUTU_B),
        ("88.31", MUTU_A),
        ("100.00", MUTU_A),
    ],
)
def test_batas_mutu_pelayanan(nilai, mutu):
    assert mutu_ikm(Decimal(nilai)) == mutu


def test_batas_mutu_lewat_perhitungan_penuh():
    # Sums chosen so that the exact value lands on each side of a boundary (NRR x 25).
    def ikm(jumlah):
        return ikm_hitung([jumlah] * 9, [10_000] * 9)

    assert (ikm(30_640).ikm, ikm(30_640).mutu) == (Decimal("76.60"), MUTU_C)
    # 76.605 is rounded half up once, at the end: 76.61, band B.
    assert (ikm(30_642).ikm, ikm(30_642).mutu) == (Decimal("76.61"), MUTU_B)
    assert (ikm(35_320).ikm, ikm(35_320).mutu) == (Decimal("88.30"), MUTU_B)
    assert (ikm(35_324).ikm, ikm(35_324).mutu) == (Decimal("88.31"), MUTU_A)
    assert (ikm(26_000).ikm, ikm(26_000).mutu) == (Decimal("65.00"), MUTU_C)


@pytest.mark.parametrize(
    ("populasi", "sampel"),
    [(0, 0), (10, 10), (50, 44), (100, 80), (500, 217), (1000, 278), (10_000, 370), (75_000, 382), (1_000_000, 384)],
)
def test_krejcie_morgan_sesuai_tabel(populasi, sampel):
    assert krejcie_morgan(populasi) == sampel
