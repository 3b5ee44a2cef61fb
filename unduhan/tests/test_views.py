"""Unduhan Saya over HTTP: the list (own rows, newest first, pinned query count), the status JSON
and the download; someone else's export is a 404, the anonymous go to the login page."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from unduhan.models import Ekspor
from unduhan.tests.factories import EksporFactory

pytestmark = pytest.mark.django_db

DAFTAR = reverse("unduhan:ekspor-list")


def _status(e):
    return reverse("unduhan:ekspor-status", args=[e.pk])


def _unduh(e):
    return reverse("unduhan:ekspor-unduh", args=[e.pk])


# --- the list ---------------------------------------------------------------------------------


def test_daftar_hanya_milik_sendiri_terbaru_dahulu(login, pegawai, rekan):
    lama = EksporFactory(pemilik=pegawai.user)
    baru = EksporFactory(pemilik=pegawai.user, status=Ekspor.Status.PROSES, progres=40, berkas="", nama_berkas="")
    gagal = EksporFactory(pemilik=pegawai.user, status=Ekspor.Status.GAGAL, berkas="", pesan_galat="Filter rusak.")
    EksporFactory(pemilik=rekan.user)
    sekarang = timezone.now()
    for i, e in enumerate((lama, gagal, baru)):
        Ekspor.objects.filter(pk=e.pk).update(created_at=sekarang - dt.timedelta(minutes=10 - i))
    r = login(pegawai).get(DAFTAR)
    assert r.status_code == 200
    assert [e.pk for e in r.context["page_obj"]] == [baru.pk, gagal.pk, lama.pk]
    html = r.content.decode()
    # Running: polled by the script, progress shown, the download button waits hidden.
    assert f'data-ekspor-status="{_status(baru)}"' in html
    assert 'style="width: 40%"' in html
    assert f'href="{_unduh(baru)}" data-unduh' in html
    # Finished: a download button; failed: the reason.
    assert f'href="{_unduh(lama)}"><i class="bi bi-file-earmark-excel"></i> Unduh' in html
    assert "Filter rusak." in html
    assert "Rekap log harian" in html  # the registered title
    assert "js/unduhan.js" in html


def test_daftar_kosong(login, pegawai):
    r = login(pegawai).get(DAFTAR)
    assert "Belum ada ekspor yang disiapkan di latar belakang." in r.content.decode()


def test_menu_pengguna_menautkan_unduhan_saya(login, pegawai):
    assert f'href="{DAFTAR}">Unduhan Saya</a>' in login(pegawai).get(reverse("beranda")).content.decode()


@pytest.mark.parametrize("url", [DAFTAR, "/unduhan/1/status/", "/unduhan/1/unduh/"])
def test_anonim_diarahkan_ke_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith(reverse("akun:login"))


def test_metode_lain_ditolak(login, pegawai):
    e = EksporFactory(pemilik=pegawai.user)
    c = login(pegawai)
    for url in (DAFTAR, _status(e), _unduh(e)):
        assert c.post(url).status_code == 405
    assert Ekspor.objects.filter(pk=e.pk).exists()


def test_nomor_halaman_rusak_memberi_halaman_pertama(login, pegawai):
    EksporFactory(pemilik=pegawai.user)
    r = login(pegawai).get(DAFTAR, {"page": "abc"})
    assert r.status_code == 200 and r.context["page_obj"].number == 1


@pytest.mark.parametrize("n", [2, 25])
def test_jumlah_query_daftar_tetap(n, login, pegawai, django_assert_num_queries):
    EksporFactory.create_batch(n, pemilik=pegawai.user)
    c = login(pegawai)
    c.get(DAFTAR)
    # session, user, akses (2: pegawai, roles), is_atasan (nav), count, page
    with django_assert_num_queries(7):
        r = c.get(DAFTAR)
    assert len(r.context["page_obj"]) == min(n, 20)


# --- status ------------------------------------------------------------------------------------


def test_status_json_selama_disiapkan_dan_sesudahnya(login, pegawai):
    e = EksporFactory(pemilik=pegawai.user, status=Ekspor.Status.PROSES, progres=35, berkas="", nama_berkas="")
    c = login(pegawai)
    r = c.get(_status(e))
    assert r.status_code == 200 and r["Cache-Control"] == "private, no-store"
    assert r.json() == {
        "status": "proses",
        "status_label": "Sedang disiapkan",
        "progres": 35,
        "aktif": True,
        "selesai": False,
        "gagal": False,
        "pesan_galat": "",
        "nama_berkas": "",
        "ukuran": "",
        "unduh_url": "",
    }
    Ekspor.objects.filter(pk=e.pk).update(
        status=Ekspor.Status.SELESAI, progres=100, berkas="unduhan/x.xlsx", nama_berkas="a.xlsx", ukuran=2048
    )
    data = c.get(_status(e)).json()
    assert (data["selesai"], data["aktif"], data["unduh_url"], data["ukuran"]) == (True, False, _unduh(e), "2,0\xa0KB")


def test_status_gagal_membawa_pesan(login, pegawai):
    e = EksporFactory(pemilik=pegawai.user, status=Ekspor.Status.GAGAL, berkas="", pesan_galat="Periode hilang.")
    data = login(pegawai).get(_status(e)).json()
    assert (data["gagal"], data["aktif"], data["pesan_galat"], data["unduh_url"]) == (
        True,
        False,
        "Periode hilang.",
        "",
    )


# --- download ----------------------------------------------------------------------------------


def test_pemilik_mengunduh_berkasnya(login, pegawai):
    e = EksporFactory(pemilik=pegawai.user, nama_berkas="rekap-log-harian-2026-01.xlsx")
    r = login(pegawai).get(_unduh(e))
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="rekap-log-harian-2026-01.xlsx"'
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Cache-Control"] == "private, no-store"
    ws = load_workbook(BytesIO(b"".join(r.streaming_content)))["Data"]
    assert list(ws.iter_rows(values_only=True)) == [("NIP", "Nama"), ("1", "Uji")]


@pytest.mark.parametrize("siapa", ["rekan", "atasan", "admin_bkd"])
def test_ekspor_orang_lain_404(siapa, request, login, pegawai):
    e = EksporFactory(pemilik=pegawai.user)
    c = login(request.getfixturevalue(siapa))
    assert c.get(_status(e)).status_code == 404
    assert c.get(_unduh(e)).status_code == 404


def test_ekspor_yang_tidak_ada_404(login, pegawai):
    c = login(pegawai)
    assert c.get(reverse("unduhan:ekspor-status", args=[999999])).status_code == 404
    assert c.get(reverse("unduhan:ekspor-unduh", args=[999999])).status_code == 404


@pytest.mark.parametrize("status", ["antri", "proses", "gagal"])
def test_unduh_sebelum_siap_404(status, login, pegawai):
    e = EksporFactory(pemilik=pegawai.user, status=status, berkas="")
    assert login(pegawai).get(_unduh(e)).status_code == 404


def test_berkas_hilang_dari_penyimpanan_404(login, pegawai, settings):
    e = EksporFactory(pemilik=pegawai.user)
    (settings.MEDIA_ROOT / e.berkas.name).unlink()
    assert login(pegawai).get(_unduh(e)).status_code == 404
