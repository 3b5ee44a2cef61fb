"""Complaint metrics (pengaduan.selectors.metrik) against hand-computed cases.

The world: period March 2026, today 20 March 2026 (Asia/Jakarta).

unit X = bidang_a (OPD A), responsible officers atasan and pegawai:
  x1 on time: due 10/3, done 9/3, 5 working days, rated 5          (atasan)
  x2 late: due 10/3, done 12/3, 8 working days, rated 2            (atasan; substantiated, about rekan)
  x3 on the due date, 23:30 local (16:30 UTC): on time, 3 days     (atasan)
  x4 running, due 15/3: overdue, counts late                       (pegawai)
  x5 running, due 25/3: not yet due, outside the rate              (pegawai; rahasia)
OPD A, not disposed:
  a1 rejected (about admin_opd)
  a2 new, verification due 5/3: overdue now, no completion deadline
unit Y = opd_b (OPD B, disposed to the OPD itself), officer outsider:
  y1 due 10/3, done 10/3, 2 working days                          (substantiated, about atasan)
  y2 due 10/3, done 11/3 00:30 local (10/3 17:30 UTC): late, 7 days (not substantiated, about rekan)
OPD B, not disposed:
  b1 completed without a completion deadline: on time, 1 day
outside the period: f1 received in February (completed, on time), n1 received 1 April.

x: received 5, completed 3 (x1, x2, x3), on time 2, open overdue 1 -> 2 / 4 = 50.00 %,
   median of 5, 8, 3 = 5.0 (odd), rating (5 + 2) / 2 = 3.50 over 2.
y: completed 2, on time 1 -> 50.00 %, median of 2, 7 = 4.5 (even).
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pengaduan.models import Kelas, Privasi, StatusPengaduan
from pengaduan.selectors.metrik import (
    TANPA_PETUGAS,
    pengaduan_metrik,
    pengaduan_metrik_pegawai,
    pengaduan_ringkasan,
    volume_per_bulan,
)

from .factories import PengaduanFactory

WIB = ZoneInfo("Asia/Jakarta")
MULAI, SELESAI, HARI_INI = dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 3, 20)
S = StatusPengaduan


def _waktu(hari: int, jam: int = 10, menit: int = 0, bulan: int = 3) -> dt.datetime:
    return dt.datetime(2026, bulan, hari, jam, menit, tzinfo=WIB)


def aduan(*, diterima=None, selesai=None, hari=None, batas=None, **kw):
    """A case received on `diterima` (3 March by default), completed at `selesai` after `hari`
    working days, its completion due on `batas`."""
    data = {"diterima_pada": diterima or _waktu(3), "batas_verifikasi": dt.date(2026, 3, 6), "batas_selesai": batas}
    if selesai is not None:
        data.update(
            status=S.SELESAI,
            selesai_pada=selesai,
            hari_kerja_selesai=hari,
            terverifikasi_pada=_waktu(4),
            kompleksitas="sederhana",
        )
    data.update(kw)
    return PengaduanFactory(**data)


@pytest.fixture
def dunia(opd_a, opd_b, bidang_a, atasan, pegawai, rekan, outsider, admin_opd):
    x = {"opd": opd_a, "unit_tujuan": bidang_a}
    berjalan = {"terverifikasi_pada": _waktu(4), "kompleksitas": "biasa"}
    d = {
        "x1": aduan(**x, petugas_tindak=atasan, selesai=_waktu(9), hari=5, batas=dt.date(2026, 3, 10), nilai_warga=5),
        "x2": aduan(
            **x,
            petugas_tindak=atasan,
            selesai=_waktu(12),
            hari=8,
            batas=dt.date(2026, 3, 10),
            nilai_warga=2,
            pegawai_terlapor=rekan,
            terbukti=True,
            kelas=Kelas.ASPIRASI,
        ),
        "x3": aduan(**x, petugas_tindak=atasan, selesai=_waktu(10, 23, 30), hari=3, batas=dt.date(2026, 3, 10)),
        "x4": aduan(
            **x, **berjalan, petugas_tindak=pegawai, status=S.DITINDAKLANJUTI, batas_selesai=dt.date(2026, 3, 15)
        ),
        "x5": aduan(
            **x,
            **berjalan,
            petugas_tindak=pegawai,
            status=S.DIDISPOSISIKAN,
            batas_selesai=dt.date(2026, 3, 25),
            privasi=Privasi.RAHASIA,
        ),
        "a1": aduan(opd=opd_a, status=S.DITOLAK, pegawai_terlapor=admin_opd),
        "a2": aduan(opd=opd_a, diterima=_waktu(2), batas_verifikasi=dt.date(2026, 3, 5), kelas=Kelas.INFORMASI),
        "y1": aduan(
            opd=opd_b,
            unit_tujuan=opd_b,
            petugas_tindak=outsider,
            selesai=_waktu(10, 8),
            hari=2,
            batas=dt.date(2026, 3, 10),
            pegawai_terlapor=atasan,
            terbukti=True,
        ),
        "y2": aduan(
            opd=opd_b,
            unit_tujuan=opd_b,
            petugas_tindak=outsider,
            selesai=_waktu(11, 0, 30),
            hari=7,
            batas=dt.date(2026, 3, 10),
            pegawai_terlapor=rekan,
            terbukti=False,
        ),
        "b1": aduan(opd=opd_b, selesai=_waktu(5), hari=1, batas=None, diterima=_waktu(4)),
        "f1": aduan(opd=opd_a, unit_tujuan=bidang_a, diterima=_waktu(20, bulan=2), selesai=_waktu(23, bulan=2), hari=2),
        "n1": aduan(opd=opd_a, diterima=_waktu(1, 0, 5, bulan=4)),
    }
    return d


def _metrik(per, **kw):
    return pengaduan_metrik(mulai=MULAI, selesai=SELESAI, per=per, hari_ini=HARI_INI, **kw)


def test_per_unit_dihitung_tangan(dunia, bidang_a, opd_a, opd_b):
    m = _metrik("unit")
    # By OPD name (Dinas Kesehatan, Dinas Pendidikan), then unit name.
    assert list(m) == [opd_b.pk, bidang_a.pk, opd_a.pk]
    x = m[bidang_a.pk]
    assert (x.nama, x.opd_id, x.opd_nama) == (bidang_a.nama, opd_a.pk, opd_a.nama)
    assert (x.diterima, x.terverifikasi, x.terbuka, x.ditolak, x.selesai) == (5, 5, 2, 0, 3)
    assert (x.selesai_tepat_waktu, x.terbuka_terlambat, x.jumlah_diukur) == (2, 1, 4)
    assert x.persen_tepat_waktu == Decimal("50.00")
    assert x.median_hari_kerja == 5.0
    assert (x.rata_nilai_warga, x.jumlah_dinilai) == (Decimal("3.50"), 2)
    assert x.terlambat == 1  # x4: running past its completion deadline; x5 is not due yet

    a = m[opd_a.pk]  # cases not disposed yet count under their OPD
    assert (a.diterima, a.terverifikasi, a.terbuka, a.ditolak, a.selesai, a.jumlah_diukur) == (2, 0, 1, 1, 0, 0)
    assert a.persen_tepat_waktu is None and a.median_hari_kerja is None and a.rata_nilai_warga is None
    assert a.terlambat == 1  # a2: verification overdue

    # OPD B: y1, y2 disposed to the OPD itself and b1 not disposed are one group.
    b = m[opd_b.pk]
    assert (b.diterima, b.selesai, b.selesai_tepat_waktu, b.terbuka_terlambat) == (3, 3, 2, 0)
    assert b.persen_tepat_waktu == Decimal("66.67")
    assert b.median_hari_kerja == 2.0  # 1, 2, 7


def test_median_genap_dan_batas_hari_lokal(dunia, opd_b, outsider):
    # y1 done on its due date, y2 at 00:30 local the day after (still the due date in UTC): late.
    m = _metrik("petugas")[outsider.pk]
    assert (m.diterima, m.selesai, m.selesai_tepat_waktu) == (2, 2, 1)
    assert m.persen_tepat_waktu == Decimal("50.00")
    assert m.median_hari_kerja == 4.5


def test_per_opd(dunia, opd_a, opd_b):
    m = _metrik("opd")
    assert list(m) == [opd_b.pk, opd_a.pk]
    a = m[opd_a.pk]
    assert (a.diterima, a.selesai, a.selesai_tepat_waktu, a.terbuka_terlambat, a.ditolak) == (7, 3, 2, 1, 1)
    assert a.persen_tepat_waktu == Decimal("50.00")
    assert a.median_hari_kerja == 5.0
    assert a.terlambat == 2


def test_per_petugas_dan_terbukti(dunia, atasan, pegawai, rekan, outsider, admin_opd):
    m = _metrik("petugas")
    p = m[atasan.pk]
    assert (p.nama, p.nip) == (atasan.nama, atasan.nip)
    assert (p.diterima, p.selesai, p.selesai_tepat_waktu, p.terbuka_terlambat) == (3, 3, 2, 0)
    assert p.persen_tepat_waktu == Decimal("66.67")
    assert p.median_hari_kerja == 5.0
    assert p.terbukti_terhadap == 1  # y1, substantiated, about atasan
    q = m[pegawai.pk]
    assert (q.diterima, q.terbuka, q.terbuka_terlambat, q.selesai, q.jumlah_diukur) == (2, 2, 1, 0, 1)
    assert q.persen_tepat_waktu == Decimal("0.00")  # the open overdue one is late
    # rekan handled nothing: one substantiated complaint (x2); y2 was not substantiated.
    r = m[rekan.pk]
    assert (r.diterima, r.terbukti_terhadap, r.nama) == (0, 1, rekan.nama)
    # a1 was rejected: not substantiated.
    assert admin_opd.pk not in m
    tanpa = m[None]
    assert (tanpa.nama, tanpa.diterima, tanpa.selesai) == (TANPA_PETUGAS, 3, 1)
    assert list(m)[-1] is None


def test_metrik_pegawai_untuk_penilaian(dunia, atasan, pegawai, rekan, outsider):
    m = pengaduan_metrik_pegawai(mulai=MULAI, selesai=SELESAI, hari_ini=HARI_INI)
    assert set(m) == {atasan.pk, pegawai.pk, rekan.pk, outsider.pk}
    assert m[atasan.pk] == {
        "ditangani": 3,
        "selesai": 3,
        "selesai_tepat_waktu": 2,
        "terbuka_terlambat": 0,
        "jumlah_diukur": 3,
        "persen_tepat_waktu": Decimal("66.67"),
        "median_hari_kerja": 5.0,
        "rata_nilai_warga": Decimal("3.50"),
        "jumlah_dinilai": 2,
        "terbukti_terhadap": 1,
    }
    assert m[rekan.pk]["ditangani"] == 0 and m[rekan.pk]["terbukti_terhadap"] == 1
    assert m[rekan.pk]["persen_tepat_waktu"] is None


def test_ringkasan_seluruh_periode(dunia):
    r = pengaduan_ringkasan(mulai=MULAI, selesai=SELESAI, hari_ini=HARI_INI)
    assert (r.diterima, r.terbuka, r.terlambat, r.ditolak, r.selesai) == (10, 3, 2, 1, 6)
    assert (r.selesai_tepat_waktu, r.terbuka_terlambat) == (4, 1)
    assert r.persen_tepat_waktu == Decimal("57.14")  # 4 / (6 + 1)
    assert r.median_hari_kerja == 4.0  # 1, 2, 3, 5, 7, 8
    assert r.rata_nilai_warga == Decimal("3.50")


def test_hari_ini_menentukan_terlambat(dunia, bidang_a):
    # On 15 March x4 is due today (not late yet); on 26 March x5 is overdue too.
    awal = pengaduan_metrik(mulai=MULAI, selesai=SELESAI, per="unit", hari_ini=dt.date(2026, 3, 15))[bidang_a.pk]
    assert (awal.terbuka_terlambat, awal.persen_tepat_waktu) == (0, Decimal("66.67"))
    akhir = pengaduan_metrik(mulai=MULAI, selesai=SELESAI, per="unit", hari_ini=dt.date(2026, 3, 26))[bidang_a.pk]
    assert (akhir.terbuka_terlambat, akhir.persen_tepat_waktu) == (2, Decimal("40.00"))


def test_lingkup_admin_opd_dan_terlapor(dunia, admin_opd, bidang_a, opd_a, opd_b, petugas, admin_bkd):
    m = _metrik("unit", user=admin_opd.user)
    # Only OPD A; x5 (rahasia) and a1 (about admin_opd) are outside an Admin OPD's scope.
    assert set(m) == {bidang_a.pk, opd_a.pk}
    assert (m[bidang_a.pk].diterima, m[bidang_a.pk].terbuka) == (4, 1)
    assert (m[opd_a.pk].diterima, m[opd_a.pk].ditolak) == (1, 0)
    r = pengaduan_ringkasan(mulai=MULAI, selesai=SELESAI, hari_ini=HARI_INI, user=admin_opd.user)
    assert r.diterima == 5
    # A BKD officer and Admin BKD see everything, as the scoring job does.
    semua = {k: v.diterima for k, v in _metrik("unit").items()}
    assert {k: v.diterima for k, v in _metrik("unit", user=petugas.user).items()} == semua
    assert {k: v.diterima for k, v in _metrik("unit", user=admin_bkd.user).items()} == semua


def test_terlapor_tidak_terhitung_dalam_lingkupnya(dunia, atasan, petugas, opd_b):
    # A complaint officer named in a complaint does not see (or count) it.
    from pegawai.models import PeranPengguna
    from pegawai.tests.factories import PeranFactory

    PeranFactory(user=atasan.user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=None)
    m = _metrik("opd", user=atasan.user)
    assert m[opd_b.pk].diterima == 2  # y1 is about atasan


def test_saring_opd(dunia, opd_a, bidang_a):
    m = _metrik("unit", opd_id=opd_a.pk)
    assert set(m) == {bidang_a.pk, opd_a.pk}


def test_per_tidak_dikenal():
    with pytest.raises(ValueError):
        pengaduan_metrik(mulai=MULAI, selesai=SELESAI, per="bidang")


def test_periode_kosong(db):
    assert _metrik("unit") == {}
    r = pengaduan_ringkasan(mulai=MULAI, selesai=SELESAI, hari_ini=HARI_INI)
    assert (r.diterima, r.persen_tepat_waktu, r.median_hari_kerja, r.rata_nilai_warga) == (0, None, None, None)


def test_volume_per_bulan_per_kelas(dunia):
    v = volume_per_bulan(mulai=dt.date(2026, 2, 1), selesai=dt.date(2026, 4, 30))
    assert v["label"] == ["Feb 2026", "Mar 2026", "Apr 2026"]
    seri = {s["kelas"]: s["data"] for s in v["seri"]}
    assert seri == {"pengaduan": [1, 8, 1], "aspirasi": [0, 1, 0], "informasi": [0, 1, 0]}


# --- constant query counts --------------------------------------------------------------------


def _banyak(n, opd_a, bidang_a, atasan):
    for i in range(n):
        aduan(
            opd=opd_a,
            unit_tujuan=bidang_a,
            petugas_tindak=atasan,
            selesai=_waktu(9),
            hari=i % 7,
            batas=dt.date(2026, 3, 10),
            nilai_warga=1 + i % 5,
            pegawai_terlapor=atasan,
            terbukti=True,
        )


@pytest.mark.parametrize("n", [2, 25])
def test_jumlah_query_tetap(n, opd_a, opd_b, bidang_a, atasan, outsider, django_assert_num_queries):
    _banyak(n, opd_a, bidang_a, atasan)
    aduan(opd=opd_b, unit_tujuan=opd_b, petugas_tindak=outsider, selesai=_waktu(9), hari=3)
    # The counts, the medians, the names; per officer also the substantiated complaints; the
    # summary: counts and median. The same on PostgreSQL and SQLite.
    with django_assert_num_queries(3):
        assert len(_metrik("unit")) == 2
    with django_assert_num_queries(4):
        assert _metrik("petugas")[atasan.pk].terbukti_terhadap == n
    with django_assert_num_queries(2):
        assert pengaduan_ringkasan(mulai=MULAI, selesai=SELESAI, hari_ini=HARI_INI).diterima == n + 1
