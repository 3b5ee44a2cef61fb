"""The competency rules against hand-worked examples (issue 3, DOMAIN.md)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from kompetensi.rules import (
    ATASAN,
    BOBOT_BAWAAN,
    CUKUP_OPTIMAL,
    DIRI,
    KURANG_OPTIMAL,
    OPTIMAL,
    REKAN,
    bobot_periksa,
    gap,
    jpm,
    jpm_tampil,
    kategori_jpm,
    level_gabungan,
    level_gabungan_tepat,
    rata_rata_rekan,
)


def test_gabungan_tiga_pandangan_dengan_bobot_bawaan():
    # 0.5*3 + 0.2*4 + 0.3*(3+3+4)/3 = 1.5 + 0.8 + 1.0 = 3.3 -> 3
    rekan = rata_rata_rekan([3, 3, 4])
    assert level_gabungan_tepat({ATASAN: 3, DIRI: 4, REKAN: rekan}, BOBOT_BAWAAN) == Fraction(33, 10)
    assert level_gabungan({ATASAN: 3, DIRI: 4, REKAN: rekan}, BOBOT_BAWAAN) == 3


def test_pembulatan_setengah_ke_atas_hanya_di_akhir():
    # 0.5*3 + 0.2*2 + 0.3*2 = 2.5 -> 3 (half up), not banker's rounding to 2
    assert level_gabungan({ATASAN: 3, DIRI: 2, REKAN: 2}, BOBOT_BAWAAN) == 3
    # 0.5*2 + 0.2*3 + 0.3*(2+3+3)/3 = 1 + 0.6 + 0.8 = 2.4 -> 2
    assert level_gabungan({ATASAN: 2, DIRI: 3, REKAN: rata_rata_rekan([2, 3, 3])}, BOBOT_BAWAAN) == 2


def test_pandangan_yang_hilang_bobotnya_dibagi_ke_yang_ada():
    # no peers: 50/70*4 + 20/70*2 = (200+40)/70 = 3.43 -> 3
    assert level_gabungan_tepat({ATASAN: 4, DIRI: 2, REKAN: None}, BOBOT_BAWAAN) == Fraction(24, 7)
    assert level_gabungan({ATASAN: 4, DIRI: 2, REKAN: None}, BOBOT_BAWAAN) == 3
    # supervisor only
    assert level_gabungan({ATASAN: 5, DIRI: None, REKAN: None}, BOBOT_BAWAAN) == 5
    # nothing at all: no result, not zero
    assert level_gabungan({ATASAN: None, DIRI: None, REKAN: None}, BOBOT_BAWAAN) is None


def test_rekan_kurang_dari_tiga_tidak_dihitung():
    assert rata_rata_rekan([5, 5]) is None
    assert rata_rata_rekan([]) is None
    assert rata_rata_rekan([1, 2, 3]) == 2


def test_level_di_luar_1_sampai_5_ditolak():
    with pytest.raises(ValueError):
        level_gabungan({ATASAN: 6}, BOBOT_BAWAAN)
    with pytest.raises(ValueError):
        level_gabungan({ATASAN: 0}, BOBOT_BAWAAN)


@pytest.mark.parametrize(
    ("bobot", "rekan_aktif", "pesan"),
    [
        ({ATASAN: 50, DIRI: 20, REKAN: 20}, True, "Jumlah bobot harus 100 (sekarang 90)."),
        ({ATASAN: 60, DIRI: 20, REKAN: 30}, True, "Jumlah bobot harus 100 (sekarang 110)."),
        ({ATASAN: 70, DIRI: 0, REKAN: 30}, False, "Bobot rekan harus 0 bila penilaian rekan tidak dipakai."),
        ({ATASAN: 150, DIRI: -50, REKAN: 0}, True, "Bobot harus bilangan bulat 0 sampai 100."),
        ({ATASAN: 50.5, DIRI: 19.5, REKAN: 30}, True, "Bobot harus bilangan bulat 0 sampai 100."),
    ],
)
def test_bobot_tidak_valid_ditolak_dengan_pesan_jelas(bobot, rekan_aktif, pesan):
    with pytest.raises(ValidationError) as exc:
        bobot_periksa(bobot, rekan_aktif=rekan_aktif)
    assert exc.value.messages == [pesan]


def test_bobot_valid_diterima():
    bobot_periksa(BOBOT_BAWAAN)
    bobot_periksa({ATASAN: 70, DIRI: 30, REKAN: 0}, rekan_aktif=False)


def test_gap_negatif_adalah_kebutuhan_pengembangan():
    assert gap(2, 3) == -1
    assert gap(4, 3) == 1
    assert gap(None, 3) is None


def test_jpm_membatasi_capaian_pada_standar():
    # standard 3,3,2 (=8); attained 4 (capped to 3), 2, 2 -> 7/8 = 87.5%
    assert jpm([(4, 3), (2, 3), (2, 2)]) == Fraction(175, 2)
    assert kategori_jpm(jpm([(4, 3), (2, 3), (2, 2)])) == CUKUP_OPTIMAL


def test_jpm_kompetensi_tanpa_hasil_dihitung_nol_dan_standar_kosong_tanpa_jpm():
    assert jpm([(3, 3), (None, 3)]) == 50
    assert jpm([]) is None


@pytest.mark.parametrize(
    ("nilai", "kategori"),
    [
        (Decimal("77.99"), KURANG_OPTIMAL),
        (Decimal("78"), CUKUP_OPTIMAL),
        (Decimal("89.99"), CUKUP_OPTIMAL),
        (Decimal("90"), OPTIMAL),
        (100, OPTIMAL),
        (0, KURANG_OPTIMAL),
        (None, None),
    ],
)
def test_batas_kategori_jpm(nilai, kategori):
    assert kategori_jpm(nilai) == kategori


def test_jpm_89_koma_sekian_tidak_dibulatkan_menjadi_optimal():
    assert kategori_jpm(Fraction(8999, 100)) == CUKUP_OPTIMAL
    assert jpm_tampil(Fraction(89999, 1000)) == Decimal("89.99")
    # 37 competencies at standard 3 (=111), four without a result: 99/111 = 89.189...%
    pasangan = [(3, 3)] * 33 + [(None, 3)] * 4
    hasil = jpm(pasangan)
    assert hasil == Fraction(9900, 111)
    assert kategori_jpm(hasil) == CUKUP_OPTIMAL
    assert jpm_tampil(hasil) == Decimal("89.18")
