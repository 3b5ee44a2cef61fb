"""The regulations' arithmetic: the predikat matrix (all nine cells), the curve at its
boundaries, the objection deadline (day 14 and day 15), periods and the daily-log lock."""

import datetime as dt
from decimal import Decimal

import pytest

from evaluasi.models import Predikat, Rating
from evaluasi.rules import (
    KURVA_DEFAULT,
    keberatan_terbuka,
    kurva_periksa,
    log_terkunci,
    periode_nama,
    periode_tanggal,
    predikat_dari,
    rekan_rata,
    saran_hasil_kerja,
)

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (A, B, Predikat.KURANG),
        (A, S, Predikat.BAIK),
        (A, A, Predikat.SANGAT_BAIK),
        (S, B, Predikat.KURANG),
        (S, S, Predikat.BAIK),
        (S, A, Predikat.BAIK),
        (B, B, Predikat.SANGAT_KURANG),
        (B, S, Predikat.BUTUH_PERBAIKAN),
        (B, A, Predikat.BUTUH_PERBAIKAN),
    ],
)
def test_matriks_predikat_sembilan_sel(hasil, perilaku, predikat):
    assert predikat_dari(hasil, perilaku) == predikat


@pytest.mark.parametrize(("hasil", "perilaku"), [("", S), (A, ""), ("", ""), ("luar_biasa", S)])
def test_predikat_kosong_bila_rating_belum_lengkap(hasil, perilaku):
    assert predikat_dari(hasil, perilaku) == ""


def test_saran_hasil_kerja_mengikuti_panduan():
    assert saran_hasil_kerja([]) == ""
    assert saran_hasil_kerja([("utama", A), ("utama", A), ("tambahan", S)]) == A
    # Most exceed, but a core RHK is below: not "Di Atas".
    assert saran_hasil_kerja([("utama", A), ("utama", A), ("utama", B)]) == S
    # A Tambahan below does not block "Di Atas".
    assert saran_hasil_kerja([("utama", A), ("utama", A), ("tambahan", B)]) == A
    assert saran_hasil_kerja([("utama", B), ("utama", B), ("utama", S)]) == B
    assert saran_hasil_kerja([("utama", A), ("utama", B)]) == S


def _aturan(org):
    return [(j, p, persen) for o, j, p, persen in KURVA_DEFAULT if o == org]


SB, BK, BP, KR, SK = (
    p.value
    for p in (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG)
)


def test_kurva_istimewa_paling_banyak_70_persen_sangat_baik_di_batas():
    aturan = _aturan("istimewa")
    assert kurva_periksa({SB: 7, BK: 3}, aturan) == []  # exactly 70%
    pelanggaran = kurva_periksa({SB: 8, BK: 2}, aturan)  # 80%
    assert pelanggaran == ["Sangat Baik paling banyak 70%; saat ini 8 dari 10 pegawai (80%)."]
    # 7 of 9 = 77.8%: over the limit even though 7 was fine out of 10.
    assert len(kurva_periksa({SB: 7, BK: 2}, aturan)) == 1


def test_kurva_baik_harus_ada_butuh_perbaikan_atau_kurang():
    aturan = _aturan("baik")
    assert kurva_periksa({SB: 3, BK: 6, BP: 1}, aturan) == []
    assert kurva_periksa({SB: 3, BK: 6, KR: 1}, aturan) == []
    assert kurva_periksa({SB: 4, BK: 6}, aturan) == [
        "Harus ada Butuh Perbaikan atau Kurang/Misconduct; saat ini 0 dari 10 pegawai (0%)."
    ]
    assert len(kurva_periksa({BK: 8, BP: 2}, aturan)) == 1  # 80% Baik


def test_kurva_butuh_perbaikan_minimal_60_persen_di_batas():
    aturan = _aturan("butuh_perbaikan")
    assert kurva_periksa({BP: 6, BK: 3, SB: 1}, aturan) == []  # 60% BP, 10% SB: both on the line
    assert kurva_periksa({BP: 5, BK: 5}, aturan) == [
        "Butuh Perbaikan paling sedikit 60%; saat ini 5 dari 10 pegawai (50%)."
    ]
    assert kurva_periksa({BP: 6, BK: 2, SB: 2}, aturan) == [
        "Sangat Baik paling banyak 10%; saat ini 2 dari 10 pegawai (20%)."
    ]


def test_kurva_kurang_dan_sangat_kurang():
    assert kurva_periksa({KR: 6, BP: 1, BK: 3}, _aturan("kurang")) == []
    assert len(kurva_periksa({KR: 6, BK: 4}, _aturan("kurang"))) == 1  # no 10% Butuh Perbaikan
    assert kurva_periksa({SK: 6, KR: 1, BK: 3}, _aturan("sangat_kurang")) == []
    assert kurva_periksa({SK: 6, BP: 1, BK: 3}, _aturan("sangat_kurang")) == []
    assert kurva_periksa({SK: 6, KR: 1, SB: 1, BK: 2}, _aturan("sangat_kurang")) == [
        "Tidak boleh ada Sangat Baik; saat ini 1 dari 10 pegawai (10%)."
    ]


def test_kurva_unit_kosong_tidak_melanggar():
    assert kurva_periksa({}, _aturan("sangat_kurang")) == []


def test_keberatan_hari_ke_14_masih_boleh_hari_ke_15_tidak():
    final = dt.date(2026, 3, 2)
    assert keberatan_terbuka(final, final, 14)
    assert keberatan_terbuka(final, dt.date(2026, 3, 16), 14)  # day 14
    assert not keberatan_terbuka(final, dt.date(2026, 3, 17), 14)  # day 15
    assert not keberatan_terbuka(final, dt.date(2026, 3, 10), 7)


@pytest.mark.parametrize(
    ("jenis", "nomor", "mulai", "selesai", "nama"),
    [
        ("triwulan", 1, dt.date(2026, 1, 1), dt.date(2026, 3, 31), "Triwulan I 2026"),
        ("triwulan", 4, dt.date(2026, 10, 1), dt.date(2026, 12, 31), "Triwulan IV 2026"),
        ("bulanan", 2, dt.date(2026, 2, 1), dt.date(2026, 2, 28), "Februari 2026"),
        ("semester", 2, dt.date(2026, 7, 1), dt.date(2026, 12, 31), "Semester II 2026"),
        ("tahunan", 1, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "Tahunan 2026"),
    ],
)
def test_tanggal_dan_nama_periode(jenis, nomor, mulai, selesai, nama):
    assert periode_tanggal(2026, jenis, nomor) == (mulai, selesai)
    assert periode_nama(2026, jenis, nomor) == nama


def test_nomor_periode_di_luar_rentang_ditolak():
    with pytest.raises(ValueError):
        periode_tanggal(2026, "triwulan", 5)


def test_log_terkunci_setelah_akhir_bulan_ditambah_hari_kunci():
    tanggal = dt.date(2026, 1, 20)
    assert not log_terkunci(tanggal, dt.date(2026, 2, 5), 5)
    assert log_terkunci(tanggal, dt.date(2026, 2, 6), 5)
    assert log_terkunci(dt.date(2024, 2, 10), dt.date(2024, 3, 1), 0)  # leap February, no grace


def test_rata_rekan_hanya_dengan_jawaban_minimum():
    assert rekan_rata(10, 2, 3) is None
    assert rekan_rata(0, 0, 3) is None
    assert rekan_rata(13, 3, 3) == Decimal("4.33")
    assert rekan_rata(5, 3, 3) == Decimal("1.67")
