"""The IKM selectors: one aggregate query, exact values against rules.ikm_hitung and
hand-computed examples, the band boundaries, periods in local time, per unit and OPD."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from pegawai.access import akses_get
from pegawai.models import PeranPengguna, UnitKerja
from pegawai.tests.factories import PeranFactory, UnitKerjaFactory
from pengaduan.rules import MUTU_A, MUTU_B, MUTU_C, MUTU_D, ikm_hitung
from pengaduan.selectors.skm import (
    demografi,
    ikm_layanan,
    ikm_per_unit,
    ikm_tren,
    unsur_rincian,
    unsur_terlemah,
)

from .factories import LayananSkmFactory
from .skm_data import baris_dua_nrr, respon_massal, waktu_lokal

pytestmark = pytest.mark.django_db

TAHUN = 2025
AWAL, AKHIR = dt.date(TAHUN, 1, 1), dt.date(TAHUN, 12, 31)

# Four respondents; U4 skipped by two, U8 by one (hand-computed below).
CONTOH = [
    [4, 4, 3, 3, 4, 3, 4, 3, 4],
    [3, 3, 3, None, 3, 3, 3, 2, 3],
    [2, 3, 2, None, 3, 4, 4, 3, 3],
    [3, 4, 2, 4, 2, 3, 3, None, 4],
]
# NRR: U1 12/4, U2 14/4, U3 10/4, U4 7/2, U5 12/4, U6 13/4, U7 14/4, U8 8/3, U9 14/4
CONTOH_NRR = (
    Fraction(3),
    Fraction(7, 2),
    Fraction(5, 2),
    Fraction(7, 2),
    Fraction(3),
    Fraction(13, 4),
    Fraction(7, 2),
    Fraction(8, 3),
    Fraction(7, 2),
)
# index = (103/4 + 8/3) / 9 = 341/108; IKM = 8525/108 = 78.935... -> 78.94 (B)
CONTOH_INDEKS = Fraction(341, 108)


@pytest.fixture
def layanan(opd_a):
    return LayananSkmFactory(unit=opd_a, populasi=100)


def test_ikm_contoh_hitung_tangan_dengan_unsur_dilewati(layanan, django_assert_num_queries):
    respon_massal(layanan, CONTOH, waktu=waktu_lokal(TAHUN, 3, 10))
    with django_assert_num_queries(1):
        ikm = ikm_layanan([layanan.pk], AWAL, AKHIR)[layanan.pk]
    assert ikm.responden == 4
    assert ikm.jumlah == (12, 14, 10, 7, 12, 13, 14, 8, 14)
    assert ikm.penjawab == (4, 4, 4, 2, 4, 4, 4, 3, 4)
    assert ikm.hasil.nrr == CONTOH_NRR
    assert ikm.hasil.indeks == CONTOH_INDEKS
    assert ikm.ikm == Decimal("78.94")
    assert ikm.mutu == MUTU_B
    assert ikm.hasil == ikm_hitung(ikm.jumlah, ikm.penjawab)


def test_unsur_tanpa_jawaban_tidak_dihitung(layanan):
    respon_massal(
        layanan, [[4, 4, 4, None, 4, 4, 4, 4, 2], [2, 2, 2, None, 2, 2, 2, 2, 2]], waktu=waktu_lokal(TAHUN, 5, 1)
    )
    ikm = ikm_layanan([layanan.pk], AWAL, AKHIR)[layanan.pk]
    assert ikm.hasil.unsur_kosong == (4,)
    assert ikm.hasil.nrr[3] is None
    # Mean of the eight answered elements: (7 x 3 + 2) / 8 = 23/8; x 25 = 71.875 -> 71.88 (C).
    assert ikm.hasil.indeks == Fraction(23, 8)
    assert ikm.ikm == Decimal("71.88")
    rincian = unsur_rincian(ikm)
    assert rincian[3].nrr is None and rincian[3].bobot is None and rincian[3].penjawab == 0
    assert rincian[0].bobot == Fraction(1, 8)
    assert sum(r.nrr_tertimbang for r in rincian if r.nrr is not None) == ikm.hasil.indeks
    assert [r.kode for r in unsur_terlemah(rincian)] == ["U9", "U1", "U2"]


def test_layanan_tanpa_jawaban_nol_responden(layanan, opd_b):
    lain = LayananSkmFactory(unit=opd_b)
    respon_massal(lain, [[4] * 9], waktu=waktu_lokal(TAHUN, 6, 1))
    hasil = ikm_layanan([layanan.pk, lain.pk], AWAL, AKHIR)
    assert hasil[layanan.pk].responden == 0
    assert hasil[layanan.pk].ikm is None and hasil[layanan.pk].mutu is None
    assert hasil[lain.pk].ikm == Decimal("100.00") and hasil[lain.pk].mutu == MUTU_A
    assert ikm_layanan([], AWAL, AKHIR) == {}


@pytest.mark.parametrize(
    ("q", "jumlah_a", "m", "jumlah_b", "ikm", "mutu"),
    [
        (3, 8, 16, 33, "64.99", MUTU_D),  # 64.9884...
        (5, 14, 1, 1, "65.00", MUTU_C),  # exactly 65
        (9, 29, 5, 9, "76.60", MUTU_C),  # 76.6049... (76.56 if the NRR were rounded first)
        (1, 3, 19, 68, "76.61", MUTU_B),  # 76.6081...
        (3, 11, 11, 27, "88.30", MUTU_B),  # 88.2996...
        (6, 23, 8, 9, "88.31", MUTU_A),  # 88.3101...
    ],
)
def test_batas_mutu_lewat_selektor(layanan, q, jumlah_a, m, jumlah_b, ikm, mutu):
    respon_massal(layanan, baris_dua_nrr(q, jumlah_a, m, jumlah_b), waktu=waktu_lokal(TAHUN, 7, 1))
    hasil = ikm_layanan([layanan.pk], AWAL, AKHIR)[layanan.pk]
    assert hasil.penjawab == (q,) * 8 + (m,)
    assert hasil.hasil.nrr == (Fraction(jumlah_a, q),) * 8 + (Fraction(jumlah_b, m),)
    assert hasil.ikm == Decimal(ikm)
    assert hasil.mutu == mutu


def test_periode_memakai_tanggal_lokal(layanan):
    # 31 January 23:30 and 1 February 00:30 in Jakarta are both 31 January in UTC.
    respon_massal(layanan, [[4] * 9], waktu=waktu_lokal(TAHUN, 1, 31, 23, 30))
    respon_massal(layanan, [[2] * 9, [2] * 9], waktu=waktu_lokal(TAHUN, 2, 1, 0, 30))
    respon_massal(layanan, [[1] * 9], waktu=waktu_lokal(TAHUN - 1, 12, 31, 23, 59))
    januari = ikm_layanan([layanan.pk], dt.date(TAHUN, 1, 1), dt.date(TAHUN, 1, 31))[layanan.pk]
    februari = ikm_layanan([layanan.pk], dt.date(TAHUN, 2, 1), dt.date(TAHUN, 2, 1))[layanan.pk]
    assert (januari.responden, januari.ikm) == (1, Decimal("100.00"))
    assert (februari.responden, februari.ikm) == (2, Decimal("50.00"))
    assert ikm_layanan([layanan.pk], AWAL, AKHIR)[layanan.pk].responden == 3


def test_tren_per_bulan_dan_triwulan(layanan, django_assert_num_queries):
    respon_massal(layanan, [[4] * 9], waktu=waktu_lokal(TAHUN, 1, 31, 23, 30))
    respon_massal(layanan, [[2] * 9, [2] * 9], waktu=waktu_lokal(TAHUN, 2, 1, 0, 30))
    respon_massal(layanan, [[3] * 9], waktu=waktu_lokal(TAHUN, 11, 15))
    respon_massal(layanan, [[1] * 9], waktu=waktu_lokal(TAHUN + 1, 1, 2))
    with django_assert_num_queries(1):
        bulan = ikm_tren(layanan, TAHUN)
    assert [t.label for t in bulan][:3] == ["Jan", "Feb", "Mar"]
    assert [(t.ikm.responden, t.ikm.ikm) for t in bulan] == [
        (1, Decimal("100.00")),
        (2, Decimal("50.00")),
        *[(0, None)] * 8,
        (1, Decimal("75.00")),
        (0, None),
    ]
    with django_assert_num_queries(1):
        triwulan = ikm_tren(layanan, TAHUN, per="triwulan")
    assert [t.label for t in triwulan] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    # Quarter I pools its answers: (4 + 2 + 2) / 3 per element -> 8/3 x 25 = 66.67.
    assert [(t.ikm.responden, t.ikm.ikm) for t in triwulan] == [
        (3, Decimal("66.67")),
        (0, None),
        (0, None),
        (1, Decimal("75.00")),
    ]


def test_demografi_satu_query(layanan, django_assert_num_queries):
    respon_massal(layanan, [[3] * 9] * 2, waktu=waktu_lokal(TAHUN, 4, 1), usia="21-30", jenis_kelamin="L")
    respon_massal(layanan, [[3] * 9], waktu=waktu_lokal(TAHUN, 4, 2), pendidikan="s1", pekerjaan="asn")
    respon_massal(layanan, [[3] * 9], waktu=waktu_lokal(TAHUN - 1, 4, 2), usia=">60")
    with django_assert_num_queries(1):
        hasil = {k.field: dict(k.baris) for k in demografi([layanan.pk], AWAL, AKHIR)}
    assert hasil["usia"] == {
        "20 tahun ke bawah": 0,
        "21-30 tahun": 2,
        "31-40 tahun": 1,
        "41-50 tahun": 0,
        "51-60 tahun": 0,
        "Di atas 60 tahun": 0,
    }
    assert hasil["jenis_kelamin"] == {"Laki-laki": 2, "Perempuan": 1}
    assert hasil["pendidikan"]["D4/S1"] == 1 and hasil["pendidikan"]["SMA/SMK"] == 2
    assert hasil["pekerjaan"]["PNS/TNI/Polri"] == 1 and hasil["pekerjaan"]["Wiraswasta/Usahawan"] == 2


def test_ikm_per_unit_dan_opd_dalam_lingkup(
    opd_a, bidang_a, opd_b, admin_opd, admin_bkd, petugas, pegawai, django_assert_num_queries
):
    seksi = UnitKerjaFactory(
        kode="DISDIK-SEKSI", nama="Seksi Kurikulum", jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a
    )
    la1 = LayananSkmFactory(unit=bidang_a, nama="Legalisir")
    la2 = LayananSkmFactory(unit=bidang_a, nama="Mutasi Guru")
    LayananSkmFactory(unit=seksi, nama="Konsultasi")  # no answers in the period
    lb = LayananSkmFactory(unit=opd_b, nama="Izin Praktik")
    respon_massal(la1, [[4] * 9], waktu=waktu_lokal(TAHUN, 2, 1))
    respon_massal(la2, [[2] * 9, [3] * 9], waktu=waktu_lokal(TAHUN, 3, 1))
    respon_massal(la2, [[1] * 9], waktu=waktu_lokal(TAHUN - 1, 3, 1))  # another year
    respon_massal(lb, [[3] * 9], waktu=waktu_lokal(TAHUN, 3, 1))

    akses_get(admin_opd.user)
    with django_assert_num_queries(1):
        per_unit = ikm_per_unit(admin_opd.user, AWAL, AKHIR)
    ringkas = [(u.unit_nama, u.opd_nama, u.jumlah_layanan, u.ikm.responden, u.ikm.ikm) for u in per_unit]
    # Bidang A pools both services: (4 + 2 + 3) / 3 = 3 per element -> 75.00.
    assert ringkas == [
        ("Bidang Pendidik dan Tenaga Kependidikan", "Dinas Pendidikan", 2, 3, Decimal("75.00")),
        ("Seksi Kurikulum", "Dinas Pendidikan", 1, 0, None),
    ]
    assert per_unit[0].unit_id == bidang_a.pk and per_unit[0].opd_id == opd_a.pk
    assert per_unit[0].ikm.mutu == MUTU_C

    akses_get(petugas.user)
    with django_assert_num_queries(1):
        per_opd = ikm_per_unit(petugas.user, AWAL, AKHIR, per="opd")
    assert [(u.unit_nama, u.jumlah_layanan, u.ikm.responden, u.ikm.ikm) for u in per_opd] == [
        ("Dinas Kesehatan", 1, 1, Decimal("75.00")),
        ("Dinas Pendidikan", 3, 3, Decimal("75.00")),
    ]
    assert {u.unit_id for u in ikm_per_unit(admin_bkd.user, AWAL, AKHIR)} == {bidang_a.pk, seksi.pk, opd_b.pk}
    assert ikm_per_unit(pegawai.user, AWAL, AKHIR) == []
    with pytest.raises(ValueError):
        ikm_per_unit(admin_bkd.user, AWAL, AKHIR, per="bidang")


def test_petugas_opd_hanya_melihat_opd_nya(opd_a, opd_b, outsider):
    PeranFactory(user=outsider.user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=opd_b)
    LayananSkmFactory(unit=opd_a)
    lb = LayananSkmFactory(unit=opd_b)
    assert [u.unit_id for u in ikm_per_unit(outsider.user, AWAL, AKHIR)] == [lb.unit_id]
