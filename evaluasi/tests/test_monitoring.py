"""Completion monitoring of a period: per unit counts and curve breaches, the drill-down of who
has not planned, reported or been rated, and the two Excel exports. Admin OPD: their OPD only;
Admin BKD: everything. Query counts pinned at two data sizes."""

import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluasi.models import (
    EvaluasiPegawai,
    IndikatorKinerja,
    Keberatan,
    PenilaianDiriKinerja,
    Periode,
    PredikatOrganisasi,
    Realisasi,
    Skp,
)
from evaluasi.rules import predikat_dari
from evaluasi.selectors.monitoring import baris_unit, monitoring_pegawai_list, monitoring_total, monitoring_unit_qs
from evaluasi.services.periode import evaluasi_siapkan
from evaluasi.tests.factories import periode_uji, skp_uji
from pegawai.tests.factories import PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

URL = reverse("evaluasi:monitoring")
UNDUH = reverse("evaluasi:monitoring-export")
REKAP = reverse("evaluasi:predikat-export")
PELANGGARAN_BAIK = "Harus ada Butuh Perbaikan atau Kurang/Misconduct; saat ini 0 dari 2 pegawai (0%)."


def _nilai(periode, pegawai, hasil, perilaku, *, final=True):
    EvaluasiPegawai.objects.filter(periode=periode, pegawai=pegawai).update(
        rating_hasil=hasil,
        rating_perilaku=perilaku,
        predikat=predikat_dari(hasil, perilaku),
        status="final" if final else "draft",
        difinalkan_pada=timezone.now() if final else None,
    )
    return EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)


def _realisasi(periode, skp, berapa=None):
    indikator = IndikatorKinerja.objects.filter(rhk__skp=skp).order_by("pk")
    for i in list(indikator)[:berapa]:
        Realisasi.objects.create(indikator=i, periode=periode, nilai=5)


@pytest.fixture
def dunia(admin_bkd, admin_opd, kepala_opd, atasan, pegawai, rekan, outsider, bidang_a):
    skp = skp_uji(pegawai)
    skp_rekan = skp_uji(rekan, status=Skp.Status.DRAFT)
    skp_uji(atasan, status=Skp.Status.DIAJUKAN)
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    _realisasi(periode, skp)
    _realisasi(periode, skp_rekan, berapa=1)  # one of two indicators: not complete
    ev = _nilai(periode, pegawai, "sesuai", "sesuai")
    PenilaianDiriKinerja.objects.create(evaluasi=ev, status=PenilaianDiriKinerja.Status.TERKIRIM)
    _nilai(periode, rekan, "di_atas", "di_atas", final=False)  # a draft with both ratings counts for the curve
    ev_luar = _nilai(periode, outsider, "sesuai", "di_bawah")
    Keberatan.objects.create(
        evaluasi=ev_luar,
        alasan="Tidak sesuai.",
        pemutus=admin_bkd,
        rating_hasil_awal="sesuai",
        rating_perilaku_awal="di_bawah",
        predikat_awal="kurang",
    )
    PredikatOrganisasi.objects.create(periode=periode, unit=bidang_a, predikat="baik", ditetapkan_oleh=admin_bkd.user)
    return periode


def _baris(user, periode, **kw):
    return {b.unit_id: b for b in baris_unit(periode, monitoring_unit_qs(user=user, periode=periode, **kw))}


def _jumlah_query(klien, url, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = klien.get(url, data or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- the selectors -----------------------------------------------------------------------------------------


def test_hitungan_per_unit(admin_bkd, dunia, bidang_a, opd_a, opd_b):
    baris = _baris(admin_bkd.user, dunia)
    b = baris[bidang_a.pk]
    assert (b.pegawai, b.skp_tidak_ada, b.skp_belum_diajukan, b.skp_menunggu, b.skp_disetujui) == (3, 0, 1, 1, 1)
    assert (b.realisasi_belum, b.diri_belum, b.belum_final, b.keberatan) == (2, 2, 2, 0)
    assert b.hitung == {"baik": 1, "sangat_baik": 1}
    assert (b.predikat_organisasi, b.status_kurva, b.pelanggaran) == ("baik", "langgar", [PELANGGARAN_BAIK])
    luar = baris[opd_b.pk]
    assert (luar.pegawai, luar.skp_tidak_ada, luar.final, luar.keberatan, luar.hitung) == (1, 1, 1, 1, {"kurang": 1})
    assert luar.status_kurva == ""  # no predikat organisasi yet: nothing to check
    assert baris[opd_a.pk].pegawai == 2  # kepala_opd and admin_opd


def test_admin_opd_hanya_unit_opdnya(admin_opd, dunia, bidang_a, opd_a, opd_b):
    assert set(_baris(admin_opd.user, dunia)) == {bidang_a.pk, opd_a.pk}
    total = monitoring_total(user=admin_opd.user, periode=dunia)
    assert (total["pegawai"], total["skp_disetujui"], total["keberatan"]) == (5, 1, 0)


def test_pegawai_tanpa_peran_admin_tidak_melihat_apa_pun(atasan, dunia):
    assert monitoring_total(user=atasan.user, periode=dunia)["pegawai"] == 0


@pytest.mark.parametrize(
    ("belum", "nama"),
    [
        ("rencana", {"Rekan Sejawat", "Atasan Bidang"}),
        ("skp_belum_diajukan", {"Rekan Sejawat"}),
        ("skp_menunggu", {"Atasan Bidang"}),
        ("skp_tidak_ada", set()),
        ("realisasi", {"Rekan Sejawat", "Atasan Bidang"}),
        ("diri", {"Rekan Sejawat", "Atasan Bidang"}),
        ("penilaian", {"Rekan Sejawat", "Atasan Bidang"}),
        ("", {"Pegawai Uji", "Rekan Sejawat", "Atasan Bidang"}),
    ],
)
def test_siapa_yang_belum(admin_bkd, dunia, bidang_a, belum, nama):
    qs = monitoring_pegawai_list(user=admin_bkd.user, periode=dunia, unit_id=bidang_a.pk, belum=belum)
    assert {e.pegawai.nama for e in qs.select_related("pegawai")} == nama


def test_baris_pegawai_membawa_status_setiap_tahap(admin_bkd, dunia, pegawai, rekan, outsider):
    ev = {e.pegawai_id: e for e in monitoring_pegawai_list(user=admin_bkd.user, periode=dunia)}
    assert (ev[pegawai.pk].skp_status, ev[pegawai.pk].realisasi_ok, ev[pegawai.pk].diri_ok) == ("disetujui", True, True)
    assert (ev[rekan.pk].skp_status, ev[rekan.pk].realisasi_ok, ev[rekan.pk].diri_ok) == ("draft", False, False)
    assert (ev[outsider.pk].skp_status, ev[outsider.pk].ada_keberatan) == (None, True)


def test_cari_dengan_nama_atau_nip(admin_bkd, dunia, pegawai):
    for cari in (pegawai.nip, "pegawai uji", f"{pegawai.nip[:8]} {pegawai.nip[8:]}"):
        qs = monitoring_pegawai_list(user=admin_bkd.user, periode=dunia, cari=cari)
        assert [e.pegawai_id for e in qs] == [pegawai.pk], cari


# --- the page ----------------------------------------------------------------------------------------------


def test_halaman_per_unit_admin_bkd(login, admin_bkd, dunia, bidang_a):
    response = login(admin_bkd).get(URL)
    assert response.status_code == 200
    assert response.context["periode"] == dunia  # the latest period not yet closed
    html = response.content.decode()
    assert bidang_a.nama in html and "Dinas Kesehatan" in html
    assert PELANGGARAN_BAIK in html and "Melanggar (1)" in html
    assert f"unit={bidang_a.pk}&amp;belum=realisasi" in html
    grafik = response.context["grafik"]
    assert bidang_a.nama in grafik["label"]
    i = grafik["label"].index(bidang_a.nama)
    assert [s["data"][i] for s in grafik["seri"]] == [1, 1, 0, 0, 0]
    assert "Dinas Pendidikan" not in grafik["label"]  # nobody there has a predikat yet
    assert 'id="data-grafik-predikat"' in html


def test_halaman_admin_opd_tanpa_opd_lain(login, admin_opd, dunia):
    response = login(admin_opd).get(URL)
    html = response.content.decode()
    assert "Dinas Kesehatan" not in html and "Orang Luar" not in html
    assert response.context["total"]["pegawai"] == 5
    # Another OPD asked for by id: refused by the filter, nothing shown.
    from pegawai.models import UnitKerja

    opd_b = UnitKerja.objects.get(kode="DINKES")
    response = login(admin_opd).get(URL, {"opd": opd_b.pk})
    assert response.context["filter_valid"] is False and "total" not in response.context


def test_daftar_pegawai_yang_belum_menilai_diri(login, admin_bkd, dunia, bidang_a):
    response = login(admin_bkd).get(URL, {"tampil": "pegawai", "unit": bidang_a.pk, "belum": "diri"})
    assert response.status_code == 200
    assert {e.pegawai.nama for e in response.context["page_obj"]} == {"Rekan Sejawat", "Atasan Bidang"}
    html = response.content.decode()
    assert "penilaian diri belum dikirim" in html
    assert "Pegawai Uji" not in html


@pytest.mark.parametrize(
    "data",
    [
        {"periode": "abc"},
        {"periode": "999999"},
        {"unit": "x", "tampil": "pegawai"},
        {"belum": "semua", "tampil": "pegawai"},
        {"periode": "99999999999999999999999"},
    ],
)
def test_saringan_rusak_tanpa_500(login, admin_opd, dunia, data):
    response = login(admin_opd).get(URL, data)
    assert response.status_code == 200 and response.context["filter_valid"] is False


def test_tanpa_periode(login, admin_bkd):
    response = login(admin_bkd).get(URL)
    assert response.status_code == 200 and "Belum ada periode penilaian." in response.content.decode()
    response = login(admin_bkd).get(UNDUH)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Belum ada periode penilaian untuk diunduh."]


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "outsider", "petugas"])
def test_bukan_admin_ditolak(login, request, persona):
    klien = login(request.getfixturevalue(persona))
    for url in (URL, UNDUH, REKAP):
        assert klien.get(url).status_code == 403


def _unit_baru(induk, jumlah, jabatan, atasan_unit):
    unit = UnitKerjaFactory(induk=induk)
    for _ in range(jumlah):
        skp_uji(PegawaiFactory(unit=unit, jabatan=jabatan, atasan=atasan_unit))
    return unit


def test_jumlah_query_monitoring_tetap(login, admin_bkd, dunia, opd_a, jabatan_staf, kepala_opd):
    klien = login(admin_bkd)
    klien.get(URL)
    data_pegawai = {"tampil": "pegawai", "belum": "realisasi"}
    per_unit = _jumlah_query(klien, URL)
    per_pegawai = _jumlah_query(klien, URL, data_pegawai)
    unduh, rekap = _jumlah_query(klien, UNDUH), _jumlah_query(klien, REKAP)
    for _ in range(4):
        unit = _unit_baru(opd_a, 3, jabatan_staf, kepala_opd)
        PredikatOrganisasi.objects.create(periode=dunia, unit=unit, predikat="istimewa", ditetapkan_oleh=admin_bkd.user)
    assert evaluasi_siapkan(periode=dunia) == 12
    assert _jumlah_query(klien, URL) == per_unit
    assert _jumlah_query(klien, URL, data_pegawai) == per_pegawai
    assert _jumlah_query(klien, UNDUH) == unduh
    assert _jumlah_query(klien, REKAP) == rekap


# --- exports -----------------------------------------------------------------------------------------------


def _buku(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_unduh_daftar_yang_belum_mengikuti_saringan(login, admin_bkd, dunia, bidang_a):
    response = login(admin_bkd).get(UNDUH, {"unit": bidang_a.pk, "belum": "realisasi", "periode": dunia.pk})
    wb = _buku(response)
    ws = wb["Pegawai"]
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0][:3] == ("NIP", "Nama", "Unit Kerja")
    data = {r[1]: r for r in baris[1:]}
    assert set(data) == {"Rekan Sejawat", "Atasan Bidang"}
    assert data["Rekan Sejawat"][7:11] == ("Draf", "Belum lengkap", "Belum", "Draf penilaian atasan")
    assert data["Atasan Bidang"][7] == "Diajukan"
    keterangan = dict(wb["Keterangan"].iter_rows(values_only=True))
    assert keterangan["Saringan"] == "Realisasi belum lengkap" and keterangan["Periode"] == dunia.nama


def test_unduhan_menulis_nama_lengkap_dengan_gelar(login, admin_bkd, dunia, bidang_a, jabatan_staf, atasan):
    PegawaiFactory(
        unit=bidang_a, jabatan=jabatan_staf, atasan=atasan, nama="Ani", gelar_depan="Dr.", gelar_belakang="M.Pd."
    )
    evaluasi_siapkan(periode=dunia)
    ws = _buku(login(admin_bkd).get(UNDUH, {"belum": "skp_tidak_ada"}))["Pegawai"]
    baris = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert baris["Dr. Ani, M.Pd."][6] == "Atasan Bidang"  # the rater, also by full name


def test_unduhan_tidak_menjalankan_rumus(login, admin_bkd, dunia, bidang_a, jabatan_staf, atasan):
    PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan, nama='=HYPERLINK("http://x")')
    evaluasi_siapkan(periode=dunia)
    ws = _buku(login(admin_bkd).get(UNDUH))["Pegawai"]
    sel = next(c for row in ws.iter_rows(min_row=2) for c in row if c.value == '=HYPERLINK("http://x")')
    assert sel.data_type == "s"


def test_rekap_predikat_per_unit(login, admin_bkd, dunia, bidang_a):
    wb = _buku(login(admin_bkd).get(REKAP, {"periode": dunia.pk}))
    baris = list(wb["Rekap Predikat"].iter_rows(values_only=True))
    kolom = baris[0]
    data = {r[1]: dict(zip(kolom, r, strict=True)) for r in baris[1:]}
    b = data[bidang_a.nama]
    assert b["Predikat Kinerja Organisasi"] == "Baik"
    assert (b["Jumlah Pegawai"], b["Sudah Berpredikat"], b["Penilaian Final"]) == (3, 2, 1)
    assert (b["Sangat Baik (orang)"], b["Sangat Baik (%)"], b["Baik (%)"], b["Kurang/Misconduct (orang)"]) == (
        1,
        0.5,
        0.5,
        0,
    )
    assert b["Status Kurva"] == "Melanggar kurva" and b["Pelanggaran Kurva"] == PELANGGARAN_BAIK
    assert data["Dinas Kesehatan"]["Status Kurva"] == "Belum ditetapkan"
    keterangan = dict(wb["Keterangan"].iter_rows(values_only=True))
    assert keterangan["Unit melanggar kurva"] == 1


def test_rekap_admin_opd_hanya_opdnya(login, admin_opd, dunia):
    wb = _buku(login(admin_opd).get(REKAP))
    unit = {r[1] for r in wb["Rekap Predikat"].iter_rows(min_row=2, values_only=True)}
    assert "Dinas Kesehatan" not in unit and "Bidang Pendidik dan Tenaga Kependidikan" in unit


def test_unduhan_dengan_saringan_rusak_kembali_ke_monitoring(login, admin_bkd, dunia):
    response = login(admin_bkd).get(REKAP, {"periode": "abc"})
    assert response.status_code == 302 and response.url.startswith(URL)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali."
    ]
