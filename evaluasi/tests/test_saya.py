""" "Kinerja Saya" (evaluasi:saya): this year's SKP, the current period and what is left to do,
this month's daily log against the target, results per period with the trend and the objection
window. Asserts only this page's own content (links to other areas appear once they exist)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import EvaluasiPegawai, LogHarian, Periode, Realisasi, Skp
from evaluasi.selectors.saya import kinerja_saya
from evaluasi.services.realisasi import realisasi_simpan
from evaluasi.tests.factories import LogHarianFactory, periode_uji, skp_uji
from evaluasi.tests.test_realisasi_services import rs_fixture  # noqa: F401 (fixture rs)

URL = "evaluasi:saya"


def _html(klien) -> str:
    resp = klien.get(reverse(URL))
    assert resp.status_code == 200
    return resp.content.decode()


def _final(pegawai, periode, *, hari_lalu: int = 3, predikat: str = "baik", diterima: bool = False):
    ev = EvaluasiPegawai.objects.get(pegawai=pegawai, periode=periode)
    ev.status = EvaluasiPegawai.Status.FINAL
    ev.rating_hasil, ev.rating_perilaku, ev.predikat = "sesuai", "sesuai", predikat
    ev.difinalkan_pada = timezone.now() - dt.timedelta(days=hari_lalu)
    ev.diterima_pada = timezone.now() if diterima else None
    ev.save()
    return ev


def _periode_lalu(admin_bkd, nomor: int, status=Periode.Status.DITUTUP):
    return periode_uji(admin_bkd.user, status=status, jenis="bulanan", nomor=nomor, tahun=timezone.localdate().year - 1)


def test_kinerja_saya_merangkum_skp_periode_log_dan_hasil(login, rs, admin_bkd):
    realisasi_simpan(actor=rs.pegawai.user, indikator=rs.indikator[0], periode=rs.periode, versi=0, nilai=5)
    hari_ini = timezone.localdate()
    for menit, status in ((120, "disetujui"), (60, "disetujui"), (30, "belum"), (45, "revisi")):
        LogHarianFactory(pegawai=rs.pegawai, tanggal=hari_ini, menit=menit, status=status)
    lalu = _periode_lalu(admin_bkd, 12)
    _final(rs.pegawai, lalu, predikat="baik")

    html = _html(login(rs.pegawai))
    assert re.search(r'data-test="skp-status">Disetujui<', html)
    assert f"{rs.periode.nama} <span" in html
    assert "Realisasi terisi <strong>1</strong> dari 2 indikator" in html
    assert f"Isi realisasi {rs.periode.nama}: 1 dari 2 indikator" in html
    assert "Lengkapi bukti dukung: 1 realisasi belum punya bukti" in html
    assert 'data-test="log-disetujui">180<' in html and "dari 6.750 menit disetujui" in html
    assert "30 menit menunggu pemeriksaan" in html and "1 perlu revisi" in html
    assert "Perbaiki 1 log aktivitas yang diminta revisi" in html
    assert f"Baca dan terima hasil penilaian {lalu.nama}" in html
    # Results: the final one with its predikat, the current one without.
    tabel = html[html.index('data-test="tabel-hasil"') :]
    assert f"<td>{lalu.nama}</td>" in tabel and "<strong>Baik</strong>" in tabel
    assert f"<td>{rs.periode.nama}</td>" in tabel and "Belum dinilai" in tabel
    grafik = json.loads(re.search(r'id="data-grafik-predikat"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert grafik["label"] == [lalu.nama] and grafik["skor"] == [4] and grafik["predikat"] == ["Baik"]
    assert f"Keberatan atas hasil {lalu.nama} dapat diajukan sampai" in html


@pytest.mark.parametrize(("hari_lalu", "terbuka"), [(14, True), (15, False)])
def test_keberatan_ditawarkan_sampai_hari_ke_14(login, pegawai, admin_bkd, hari_lalu, terbuka):
    lalu = _periode_lalu(admin_bkd, 11)
    _final(pegawai, lalu, hari_lalu=hari_lalu, diterima=True)
    html = _html(login(pegawai))
    assert (f"Keberatan atas hasil {lalu.nama} dapat diajukan sampai" in html) is terbuka
    assert "Baca dan terima hasil penilaian" not in html  # already acknowledged


def test_keberatan_tidak_ditawarkan_lagi_setelah_diajukan(login, pegawai, admin_bkd):
    from evaluasi.models import Keberatan

    lalu = _periode_lalu(admin_bkd, 10)
    ev = _final(pegawai, lalu)
    Keberatan.objects.create(
        evaluasi=ev,
        alasan="Tidak sesuai.",
        pemutus=pegawai.atasan.atasan,
        rating_hasil_awal="sesuai",
        rating_perilaku_awal="sesuai",
        predikat_awal="baik",
    )
    html = _html(login(pegawai))
    assert "dapat diajukan sampai" not in html
    assert "Keberatan diajukan" in html


def test_predikat_yang_belum_final_tidak_ditampilkan(login, pegawai, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    EvaluasiPegawai.objects.filter(pegawai=pegawai, periode=periode).update(
        status="draft", rating_hasil="di_atas", rating_perilaku="di_atas", predikat="sangat_baik"
    )
    html = _html(login(pegawai))
    assert "Sangat Baik" not in html
    assert "Sedang dinilai" in html
    assert "data-grafik-predikat" not in html


def test_penilaian_diri_diminta_pada_masa_penilaian(login, pegawai, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    skp_uji(pegawai)
    html = _html(login(pegawai))
    assert f"Isi penilaian diri {periode.nama}" in html
    assert periode.batas_penilaian_diri.strftime("%Y") in html


def test_skp_belum_disetujui_menunda_realisasi(login, pegawai, admin_bkd):
    skp_uji(pegawai, status=Skp.Status.DIKEMBALIKAN)
    Skp.objects.filter(pegawai=pegawai).update(catatan_pengembalian="Target RHK 2 belum terukur.")
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    html = _html(login(pegawai))
    assert f"Perbaiki SKP {periode.tahun} yang dikembalikan atasan" in html
    assert "Target RHK 2 belum terukur." in html
    assert f"Realisasi dapat diisi setelah SKP {periode.tahun} disetujui atasan." in html
    assert 'data-test="tautan-realisasi"' not in html


def test_kinerja_saya_tanpa_data(login, outsider):
    html = _html(login(outsider))
    assert f"Belum ada SKP untuk tahun {timezone.localdate().year}." in html
    assert f"Susun SKP {timezone.localdate().year}" in html
    assert "Tidak ada periode penilaian yang sedang berjalan." in html
    assert "Belum ada hasil penilaian kinerja." in html


def test_kinerja_saya_hanya_get_dan_hanya_pegawai(login, pegawai, client):
    assert login(pegawai).post(reverse(URL)).status_code == 405
    akun = get_user_model().objects.create_superuser("root-uji", "root@contoh.go.id", "rahasia-sekali-123")
    client.force_login(akun)
    assert client.get(reverse(URL)).status_code == 403


def test_ringkasan_log_hanya_bulan_ini(pegawai):
    hari_ini = timezone.localdate()
    bulan_lalu = hari_ini.replace(day=1) - dt.timedelta(days=1)
    LogHarianFactory(pegawai=pegawai, tanggal=hari_ini, menit=100, status=LogHarian.Status.DISETUJUI)
    LogHarianFactory(pegawai=pegawai, tanggal=bulan_lalu, menit=400, status=LogHarian.Status.DISETUJUI)
    k = kinerja_saya(pegawai_id=pegawai.pk)
    assert (k.log.disetujui, k.log.hari, k.log.target) == (100, 1, 6750)
    assert k.log.persen == 1


# --- query count ----------------------------------------------------------------------------------


def test_jumlah_query_kinerja_saya_tetap(login, rs, admin_bkd, django_assert_num_queries):
    def tambah(nomor_list):
        for nomor in nomor_list:
            p = _periode_lalu(admin_bkd, nomor)
            _final(rs.pegawai, p)
            for i in rs.indikator:
                Realisasi.objects.get_or_create(indikator=i, periode=rs.periode, defaults={"nilai": 1})
            LogHarianFactory(pegawai=rs.pegawai, status=LogHarian.Status.DISETUJUI)

    tambah([1, 2])
    klien = login(rs.pegawai)
    klien.get(reverse(URL))  # warm the session
    with django_assert_num_queries(13) as sedikit:
        klien.get(reverse(URL))
    tambah([3, 4, 5, 6, 7, 8])
    with django_assert_num_queries(len(sedikit.captured_queries)):
        html = _html(klien)
    assert html.count("<strong>Baik</strong>") == 8
