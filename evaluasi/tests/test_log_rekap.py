"""The monthly daily-log recap (evaluasi:log-rekap) and its Excel export: exact numbers, scope
by role, filters and order, bad input, and the query count pinned at two sizes."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluasi.models import PengaturanKinerja
from evaluasi.selectors.log import bulan_akhir, bulan_geser
from evaluasi.tests.factories import LogHarianFactory
from evaluasi.tests.test_log_ruang import bulan_lalu
from pegawai.models import Pegawai
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

REKAP = reverse("evaluasi:log-rekap")
UNDUH = reverse("evaluasi:log-rekap-export")


def _log(pegawai, tanggal, menit, status="disetujui"):
    return LogHarianFactory(pegawai=pegawai, tanggal=tanggal, menit=menit, status=status)


@pytest.fixture
def bulan(pegawai, rekan, atasan):
    """Last month: pegawai's entries in every status (days under the minimum, a day with only a
    rejected entry), rekan exactly on the target, entries just outside the month."""
    b = bulan_lalu(1)
    h = [b.replace(day=d) for d in (3, 4, 5, 6)]
    _log(pegawai, h[0], 300)
    _log(pegawai, h[0], 60, "belum")  # day 1: 360 counted -> not under 330
    _log(pegawai, h[1], 200)
    _log(pegawai, h[1], 100, "ditolak")  # day 2: 200 counted -> under
    _log(pegawai, h[2], 100, "revisi")  # day 3: 100 -> under
    _log(pegawai, h[3], 50, "ditolak")  # day 4: only rejected -> not a filled day
    _log(pegawai, b - dt.timedelta(days=1), 400)  # the month before
    _log(pegawai, bulan_akhir(b) + dt.timedelta(days=1), 400)  # this month
    for d in range(1, 11):
        _log(rekan, b.replace(day=d), 675)
    return b


def _baris(resp) -> dict:
    assert resp.status_code == 200, resp.status_code
    return {r.nama_lengkap: r for r in resp.context["page_obj"]}


def test_angka_rekap_tepat(login, atasan, pegawai, rekan, bulan):
    r = login(atasan).get(f"{REKAP}?bulan={bulan:%Y-%m}")
    baris = _baris(r)
    p = baris[pegawai.nama_lengkap]
    assert (p.disetujui, p.belum, p.revisi, p.ditolak, p.hari_terisi, p.hari_kurang) == (500, 60, 100, 150, 3, 2)
    assert (str(p.persen), p.target, p.tercapai) == ("7.4", 6750, False)
    k = baris[rekan.nama_lengkap]
    assert (k.disetujui, k.belum, k.revisi, k.ditolak, k.hari_terisi, k.hari_kurang) == (6750, 0, 0, 0, 10, 0)
    assert (str(k.persen), k.tercapai) == ("100.0", True)
    html = r.content.decode()
    assert "7,4%" in html and "100,0%" in html and "6.750" in html
    # Another month: the same employees with zeros.
    kosong = _baris(login(atasan).get(f"{REKAP}?bulan={bulan_geser(bulan, -3):%Y-%m}"))
    assert {(x.disetujui, x.hari_terisi, str(x.persen)) for x in kosong.values()} == {(0, 0, "0.0")}


def test_target_dan_minimum_dari_pengaturan(login, atasan, pegawai, bulan):
    PengaturanKinerja.objects.filter(pk=1).update(log_target_bulanan=1000, log_menit_min_harian=100)
    PengaturanKinerja.get()
    p = _baris(login(atasan).get(f"{REKAP}?bulan={bulan:%Y-%m}"))[pegawai.nama_lengkap]
    assert (str(p.persen), p.hari_kurang) == ("50.0", 0)


@pytest.mark.parametrize(
    ("siapa", "terlihat"),
    [
        ("atasan", {"pegawai", "rekan"}),
        ("kepala_opd", {"atasan", "pegawai", "rekan", "admin_opd"}),
        ("admin_opd", {"kepala_opd", "atasan", "pegawai", "rekan", "admin_opd"}),
        ("admin_bkd", {"kepala_opd", "atasan", "pegawai", "rekan", "admin_opd", "outsider", "admin_bkd", "petugas"}),
    ],
)
def test_cakupan_rekap_menurut_peran(login, request, siapa, terlihat, bulan):
    persona = {
        n: request.getfixturevalue(n)
        for n in ("kepala_opd", "atasan", "pegawai", "rekan", "admin_opd", "outsider", "admin_bkd", "petugas")
    }
    nonaktif = PegawaiFactory(
        unit=persona["pegawai"].unit, jabatan=persona["pegawai"].jabatan, atasan=persona["atasan"]
    )
    nonaktif.aktif = False
    nonaktif.save()
    baris = _baris(login(persona[siapa]).get(f"{REKAP}?bulan={bulan:%Y-%m}"))
    assert set(baris) == {persona[n].nama_lengkap for n in terlihat}


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "outsider", "petugas"])
def test_pegawai_tanpa_bawahan_dan_bukan_admin_ditolak(login, request, siapa):
    c = login(request.getfixturevalue(siapa))
    assert c.get(REKAP).status_code == 403
    assert c.get(UNDUH).status_code == 403


def test_filter_nama_unit_dan_urutan_capaian(login, admin_bkd, pegawai, rekan, outsider, opd_b, bulan):
    c = login(admin_bkd)
    assert set(_baris(c.get(f"{REKAP}?bulan={bulan:%Y-%m}&q=rekan"))) == {rekan.nama_lengkap}
    assert set(_baris(c.get(f"{REKAP}?bulan={bulan:%Y-%m}&q={pegawai.nip}"))) == {pegawai.nama_lengkap}
    assert set(_baris(c.get(f"{REKAP}?bulan={bulan:%Y-%m}&unit={opd_b.pk}"))) == {outsider.nama_lengkap}
    r = c.get(f"{REKAP}?bulan={bulan:%Y-%m}&urut=capaian")
    urutan = [x.nama_lengkap for x in r.context["page_obj"]]
    assert urutan[-1] == rekan.nama_lengkap and urutan[-2] == pegawai.nama_lengkap
    assert [x.disetujui for x in r.context["page_obj"]] == sorted(x.disetujui for x in r.context["page_obj"])


def test_isian_salah_tanpa_500(login, admin_bkd, bulan):
    c = login(admin_bkd)
    r = c.get(f"{REKAP}?bulan=bulan-lalu&unit=abc&urut=acak&page=999")
    assert r.status_code == 200
    pesan = [str(m) for m in r.context["messages"]]
    assert "Bulan tidak valid; gunakan format TTTT-BB, misalnya 2026-03." in pesan
    assert "Filter tidak valid; perbaiki isian yang ditandai." in pesan
    r = c.get(f"{UNDUH}?unit=abc")
    assert r.status_code == 302 and r["Location"].startswith(REKAP)


def test_halaman_rekap_dipotong_di_basis_data(login, admin_bkd, pegawai, bidang_a, jabatan_staf, bulan):
    for i in range(30):
        PegawaiFactory(nama=f"Staf {i:02d}", unit=bidang_a, jabatan=jabatan_staf)
    c = login(admin_bkd)
    satu = c.get(f"{REKAP}?bulan={bulan:%Y-%m}")
    dua = c.get(f"{REKAP}?bulan={bulan:%Y-%m}&page=2")
    n1, n2 = list(satu.context["page_obj"]), list(dua.context["page_obj"])
    total = Pegawai.objects.filter(aktif=True).count()
    assert total > 25
    assert satu.context["page_obj"].paginator.count == total and len(n1) == 25 and len(n2) == total - 25
    assert not {x.pegawai_id for x in n1} & {x.pegawai_id for x in n2}
    for urut in ("unit", "capaian"):
        semua = [x.pegawai_id for p in (1, 2) for x in c.get(f"{REKAP}?urut={urut}&page={p}").context["page_obj"]]
        assert len(semua) == len(set(semua)) == total


def _jumlah_query(c, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [REKAP, f"{REKAP}?urut=capaian", UNDUH])
def test_jumlah_query_rekap_dan_ekspor_tetap(login, admin_bkd, bidang_a, jabatan_staf, url):
    c = login(admin_bkd)
    bulan = bulan_lalu(1)

    def tambah(n):
        for _ in range(n):
            p = PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf)
            _log(p, bulan.replace(day=2), 300)
            _log(p, bulan.replace(day=3), 200, "belum")

    tambah(2)
    sedikit = _jumlah_query(c, f"{url}{'&' if '?' in url else '?'}bulan={bulan:%Y-%m}")
    tambah(4)
    assert _jumlah_query(c, f"{url}{'&' if '?' in url else '?'}bulan={bulan:%Y-%m}") == sedikit
    assert sedikit <= 10


def test_ekspor_excel_rekap(login, atasan, pegawai, rekan, bulan):
    pegawai.nama = '=HYPERLINK("http://jahat")'
    pegawai.save()
    r = login(atasan).get(f"{UNDUH}?bulan={bulan:%Y-%m}")
    assert r.status_code == 200
    assert r["Content-Disposition"] == f'attachment; filename="rekap-log-harian-{bulan:%Y-%m}.xlsx"'
    wb = load_workbook(BytesIO(r.content))
    ws = wb[f"Rekap Log {bulan:%Y-%m}"]
    baris = [list(x) for x in ws.iter_rows(values_only=True)]
    assert baris[0][:6] == ["NIP", "Nama Lengkap", "Jabatan", "Unit Kerja", "OPD", "Menit Disetujui"]
    per_nip = {b[0]: b for b in baris[1:]}
    assert set(per_nip) == {pegawai.nip, rekan.nip}
    p = per_nip[pegawai.nip]
    assert p[5:12] == [500, 60, 100, 150, 3, 2, 6750]
    assert p[12] == pytest.approx(500 / 6750)
    assert per_nip[rekan.nip][12] == pytest.approx(1.0)
    # Text that looks like a formula stays text.
    sel = next(c for c in ws["B"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert sel.data_type == "s"
    assert ws["A2"].number_format == "@"
    keterangan = [list(x) for x in wb["Keterangan"].iter_rows(values_only=True)]
    assert ["Target menit per bulan", 6750] in keterangan


def test_ekspor_mengikuti_filter_dan_urutan(login, admin_bkd, pegawai, rekan, bulan):
    r = login(admin_bkd).get(f"{UNDUH}?bulan={bulan:%Y-%m}&q=rekan")
    ws = load_workbook(BytesIO(r.content)).worksheets[0]
    assert [row[0] for row in ws.iter_rows(min_row=2, values_only=True)] == [rekan.nip]


def test_data_benchmark_cocok_dengan_rekap(pegawai, rekan, atasan):
    """bench/log_rekap.py: its working days, its bulk-written entries and its sample check."""
    import random

    from bench.log_rekap import hari_kerja, log_bangun, periksa_sampel

    februari = hari_kerja(dt.date(2026, 2, 1))
    assert len(februari) == 22 and sum(1 for h in februari if h.weekday() == 5) == 2  # 20 weekdays + 2 Saturdays
    assert all(h.weekday() < 5 for h in hari_kerja(dt.date(2026, 3, 1)))
    bulan = bulan_lalu(1)
    hasil = log_bangun(bulan)
    jumlah_pegawai = Pegawai.objects.count()
    assert hasil["log"] == jumlah_pegawai * 22 * 2 - sum(1 for i in range(jumlah_pegawai) if i % 10 == 3)
    assert periksa_sampel(bulan, random.Random(1)) == jumlah_pegawai
