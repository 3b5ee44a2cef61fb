"""The complaint dashboard (pengaduan:dasbor): who opens it, what it counts, its filter and its
constant query count. The figures themselves are checked case by case in test_metrik.py."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pengaduan.models import Privasi, StatusPengaduan
from pengaduan.views.dasbor import PESAN_FILTER, TERLAMBAT_MAKS

from .factories import LayananSkmFactory, PengaduanFactory, ResponSkmFactory

URL = reverse("pengaduan:dasbor")
S = StatusPengaduan


def _hari(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def _periode() -> dict:
    """A period holding the test's cases whatever today is (received yesterday)."""
    return {"mulai": _hari(-40).isoformat(), "selesai": _hari(0).isoformat()}


def _diterima():
    return timezone.now() - dt.timedelta(days=1)


def selesai_tepat(**kw):
    return PengaduanFactory(
        diterima_pada=_diterima(),
        status=S.SELESAI,
        terverifikasi_pada=_diterima(),
        selesai_pada=timezone.now(),
        batas_selesai=_hari(5),
        hari_kerja_selesai=1,
        nilai_warga=4,
        **kw,
    )


def terlambat(**kw):
    kw.setdefault("unit_tujuan", kw["opd"])
    return PengaduanFactory(
        diterima_pada=_diterima(),
        status=S.DITINDAKLANJUTI,
        terverifikasi_pada=_diterima(),
        batas_selesai=_hari(-1),
        **kw,
    )


def berjalan(**kw):
    return PengaduanFactory(
        diterima_pada=_diterima(),
        status=S.DIDISPOSISIKAN,
        terverifikasi_pada=_diterima(),
        batas_selesai=_hari(10),
        batas_tanggapan=_hari(3),
        **kw,
    )


@pytest.fixture
def kasus(opd_a, opd_b, bidang_a, atasan, outsider):
    a = {"opd": opd_a, "unit_tujuan": bidang_a, "petugas_tindak": atasan}
    return {
        "tepat": selesai_tepat(**a),
        "lambat": terlambat(**a, judul="Jalan rusak tidak diperbaiki"),
        "jalan": berjalan(**a),
        "rahasia": terlambat(**a, privasi=Privasi.RAHASIA, judul="Pungutan liar di loket"),
        "b": terlambat(opd=opd_b, unit_tujuan=opd_b, petugas_tindak=outsider, judul="Antrean puskesmas"),
    }


def _teks(resp, nama: str) -> str:
    """The text of the element marked data-test=nama."""
    html = resp.content.decode()
    awal = html.index(f'data-test="{nama}">') + len(f'data-test="{nama}">')
    return html[awal : html.index("<", awal)]


def test_admin_bkd_melihat_seluruh_pemda(login, admin_bkd, kasus):
    resp = login(admin_bkd).get(URL, _periode())
    assert resp.status_code == 200
    assert (_teks(resp, "diterima"), _teks(resp, "terbuka"), _teks(resp, "terlambat")) == ("5", "4", "3")
    # 1 on time of 1 completed + 3 open past their completion deadline.
    assert _teks(resp, "persen") == "25,0%"
    assert _teks(resp, "median") == "1"
    assert _teks(resp, "nilai") == "4,00"
    r = resp.context["ringkasan"]
    assert (r.selesai, r.selesai_tepat_waktu, r.terbuka_terlambat) == (1, 1, 3)
    # The overdue list links each case to its page.
    kode = {a.kode for a in resp.context["terlambat"]}
    assert kode == {kasus["lambat"].kode, kasus["rahasia"].kode, kasus["b"].kode}
    assert reverse("pengaduan:aduan-detail", args=[kasus["lambat"].pk]) in resp.content.decode()


def test_admin_opd_hanya_opdnya_tanpa_rahasia(login, admin_opd, kasus, bidang_a):
    resp = login(admin_opd).get(URL, _periode())
    assert resp.status_code == 200
    assert _teks(resp, "diterima") == "3"
    html = resp.content.decode()
    assert kasus["lambat"].kode in html
    assert kasus["rahasia"].kode not in html and "Pungutan liar" not in html
    assert kasus["b"].kode not in html and "Antrean puskesmas" not in html
    assert [m.kunci for m in resp.context["unit"]] == [bidang_a.pk]
    assert resp.context["tampil_opd"] is False


def test_petugas_dan_saringan_opd(login, petugas, kasus, opd_b):
    resp = login(petugas).get(URL, {**_periode(), "opd": opd_b.pk})
    assert resp.status_code == 200
    assert resp.context["tampil_opd"] is True
    assert _teks(resp, "diterima") == "1"
    assert [a.kode for a in resp.context["terlambat"]] == [kasus["b"].kode]


def test_terlapor_tidak_melihat_pengaduan_tentang_dirinya(login, admin_bkd, opd_a):
    tentang = terlambat(opd=opd_a, pegawai_terlapor=admin_bkd, judul="Admin BKD tidak ramah")
    lain = terlambat(opd=opd_a)
    resp = login(admin_bkd).get(URL, _periode())
    assert _teks(resp, "diterima") == "1"
    html = resp.content.decode()
    assert tentang.kode not in html and "tidak ramah" not in html and lain.kode in html


def test_grafik_dan_ikm_per_unit(login, admin_bkd, kasus, bidang_a):
    layanan = LayananSkmFactory(unit=bidang_a, nama="Legalisir Ijazah")
    for _ in range(2):
        ResponSkmFactory(layanan=layanan, created_at=_diterima())  # every element 3: IKM 75.00
    resp = login(admin_bkd).get(URL, _periode())
    html = resp.content.decode()
    volume = resp.context["grafik_volume"]
    assert sum(sum(s["data"]) for s in volume["seri"]) == 5
    assert 'id="data-grafik-volume"' in html and 'id="data-grafik-tepat"' in html
    assert resp.context["grafik_tepat"]["label"][0] == "Dinas Kesehatan"  # 0 % first
    (ikm,) = resp.context["ikm"]
    assert (ikm.unit_id, ikm.ikm.responden, str(ikm.ikm.ikm)) == (bidang_a.pk, 2, "75.00")
    assert resp.context["grafik_ikm"] == {"label": [bidang_a.nama], "ikm": [75.0], "responden": [2]}
    assert "75,00" in html and "vendor/chartjs/chart.umd.min.js" in html


@pytest.mark.parametrize("pengguna", ["pegawai", "atasan", "outsider"])
def test_peran_lain_ditolak(login, request, pengguna, kasus):
    # Including the responsible officer of the cases (atasan).
    assert login(request.getfixturevalue(pengguna)).get(URL).status_code == 403


def test_anonim_diarahkan_ke_login(client):
    resp = client.get(URL)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("akun:login"))


def test_metode_lain_405(login, admin_bkd):
    assert login(admin_bkd).post(URL).status_code == 405


@pytest.mark.parametrize(
    "param",
    [
        {"tahun": "abc"},
        {"tahun": "1999"},
        {"bagian": "x9"},
        {"mulai": "2026-02-30", "selesai": "2026-03-01"},
        {"mulai": "2026-03-01"},
        {"mulai": "2026-03-02", "selesai": "2026-03-01"},
        {"opd": "999999"},
        {"opd": "x"},
    ],
)
def test_filter_rusak_memberi_pesan_dan_tahun_ini(login, admin_bkd, param):
    resp = login(admin_bkd).get(URL, param)
    assert resp.status_code == 200
    assert [str(m) for m in resp.context["messages"]] == [PESAN_FILTER]
    p = resp.context["periode"]
    assert (p.mulai, p.selesai) == (
        dt.date(timezone.localdate().year, 1, 1),
        dt.date(timezone.localdate().year, 12, 31),
    )


def test_admin_opd_tidak_dapat_memilih_opd_lain(login, admin_opd, kasus, opd_b):
    resp = login(admin_opd).get(URL, {**_periode(), "opd": opd_b.pk})
    assert [str(m) for m in resp.context["messages"]] == [PESAN_FILTER]
    assert "Antrean puskesmas" not in resp.content.decode()
    assert resp.context["pilihan"].opd is None


def test_daftar_terlambat_dibatasi(login, admin_bkd, opd_a):
    for _ in range(TERLAMBAT_MAKS + 2):
        terlambat(opd=opd_a)
    resp = login(admin_bkd).get(URL, _periode())
    assert len(resp.context["terlambat"]) == TERLAMBAT_MAKS
    assert _teks(resp, "terlambat") == str(TERLAMBAT_MAKS + 2)


def _isi(n, opd_a, opd_b, bidang_a, atasan, outsider):
    for i in range(n):
        opd, unit, orang = (opd_a, bidang_a, atasan) if i % 2 else (opd_b, opd_b, outsider)
        [selesai_tepat, terlambat, berjalan][i % 3](opd=opd, unit_tujuan=unit, petugas_tindak=orang)
        layanan = LayananSkmFactory(unit=unit)
        ResponSkmFactory(layanan=layanan, created_at=_diterima())


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_tetap(n, login, admin_bkd, opd_a, opd_b, bidang_a, atasan, outsider, django_assert_num_queries):
    _isi(n, opd_a, opd_b, bidang_a, atasan, outsider)
    klien = login(admin_bkd)
    # session, user, akses (2), summary (2), per unit (3), IKM, overdue list, volume, the
    # menu's "is atasan", the OPD choices.
    with django_assert_num_queries(14):
        resp = klien.get(URL, _periode())
    assert resp.context["ringkasan"].diterima == n
