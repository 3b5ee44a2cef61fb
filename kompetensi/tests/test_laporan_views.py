"""Report pages and exports over HTTP: who gets what, bad input, query counts at two sizes."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetensi.services.hasil import hasil_hitung
from kompetensi.tests.laporan_data import isi, laporan_fixture, rekan_jawab, rekan_lepas  # noqa: F401
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

MATRIKS = reverse("kompetensi:tim-matriks")
MATRIKS_XLSX = reverse("kompetensi:tim-matriks-export")
ANALISIS = reverse("kompetensi:analisis")
KEBUTUHAN_XLSX = reverse("kompetensi:analisis-kebutuhan-export")
JPM_XLSX = reverse("kompetensi:analisis-jpm-export")


def _detail(peserta):
    return reverse("kompetensi:peserta-detail", args=[peserta.pk])


def _json(peserta):
    return reverse("kompetensi:peserta-json", args=[peserta.pk])


def _sheet(resp, judul):
    assert resp.status_code == 200, resp.status_code
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(resp.content))
    return [list(r) for r in wb[judul].iter_rows(values_only=True)]


# --- a participant's result -------------------------------------------------------------------


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "kepala_opd", "admin_opd", "admin_bkd"])
def test_hasil_peserta_terlihat_oleh_yang_berhak(siapa, request, login, laporan):
    c = login(request.getfixturevalue(siapa))
    p = laporan.peserta["pegawai"]
    r = c.get(_detail(p))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Pegawai Uji" in html and "Putaran OPD A" in html
    assert "75,00%" in html and "Kurang Optimal" in html and "text-bg-danger" in html
    assert "belum dibuka" in html
    assert (
        'data-grafik="hasil"' in html and "kompetensi/grafik.js" in html and "vendor/chartjs/chart.umd.min.js" in html
    )
    r = c.get(_json(p))
    assert r.status_code == 200 and r["Cache-Control"] == "private, no-store"
    data = r.json()
    assert data["labels"] == [f"Kompetensi Uji {i}" for i in range(1, 5)]
    assert (data["standar"], data["capaian"], data["gap"]) == ([1, 2, 3, 2], [2, 2, 2, 1], [1, 0, -1, -1])
    assert data["jpm"] == "75.00" and data["kategori"] == "Kurang Optimal"


@pytest.mark.parametrize("siapa", ["rekan", "outsider", "petugas"])
def test_hasil_peserta_404_untuk_yang_lain(siapa, request, login, laporan):
    c = login(request.getfixturevalue(siapa))
    p = laporan.peserta["pegawai"]
    assert c.get(_detail(p)).status_code == 404
    assert c.get(_json(p)).status_code == 404


def test_admin_opd_404_untuk_peserta_opd_lain(login, laporan, admin_opd):
    c = login(admin_opd)
    assert c.get(_detail(laporan.outsider)).status_code == 404
    assert c.get(_json(laporan.outsider)).status_code == 404


@pytest.mark.parametrize("pk", ["999999", "0", "99999999999999999999"])
def test_hasil_peserta_id_asing_404(pk, login, laporan, admin_bkd):
    c = login(admin_bkd)
    assert c.get(f"/kompetensi/peserta/{pk}/hasil/").status_code == 404
    assert c.get(f"/kompetensi/peserta/{pk}/hasil.json").status_code == 404


def test_hasil_peserta_metode_salah_405(login, laporan, pegawai):
    c = login(pegawai)
    p = laporan.peserta["pegawai"]
    assert c.post(_detail(p)).status_code == 405
    assert c.post(_json(p)).status_code == 405


def test_hasil_peserta_anonim_ke_login(client, laporan):
    r = client.get(_detail(laporan.peserta["pegawai"]))
    assert r.status_code == 302 and r["Location"].startswith(reverse("akun:login"))


def test_hasil_peserta_menampilkan_rata_rata_rekan_setelah_dibuka(login, laporan, pegawai):
    p = laporan.peserta["pegawai"]
    isi(p, "diri", [3, 3, 3, 3], pegawai)
    rekan_jawab(p, [[1, 2, 3, 1], [1, 2, 3, 1], [2, 3, 3, 1]])
    rekan_lepas(p)
    hasil_hitung(putaran=laporan.putaran)
    html = login(pegawai).get(_detail(p)).content.decode()
    assert "1,33" in html and "2,33" in html and "3 jawaban" in html
    assert "87,50%" in html and "Cukup Optimal" in html


def test_riwayat_di_halaman_hasil_menautkan_putaran_lain(login, laporan, admin_bkd, pegawai, bidang_a):
    import datetime

    from kompetensi.services.putaran import putaran_tutup
    from kompetensi.tests.laporan_data import buka

    putaran_tutup(actor=admin_bkd.user, putaran=laporan.putaran)
    baru = buka(
        admin_bkd.user,
        [bidang_a],
        nama="Putaran 2099",
        tanggal_mulai=datetime.date(2099, 1, 1),
        tanggal_selesai=datetime.date(2099, 12, 31),
    ).peserta.get(pegawai=pegawai)
    html = login(pegawai).get(_detail(baru)).content.decode()
    assert _detail(laporan.peserta["pegawai"]) in html  # the older round is linked
    assert 'data-grafik="riwayat"' in html and "Ditutup" in html
    assert "belum ada hasil" in html  # the new round has no result yet


@pytest.mark.parametrize("n", [2, 12])
def test_jumlah_query_hasil_peserta_tetap(n, login, laporan, pegawai, admin_bkd, django_assert_num_queries):
    from kompetensi.models import Kompetensi, StandarKompetensiJabatan
    from kompetensi.tests.factories import KompetensiFactory

    # More competencies in the person's round (the snapshot is copied into the results).
    p = laporan.peserta["pegawai"]
    for _ in range(n):
        k = KompetensiFactory(jenis=Kompetensi.Jenis.TEKNIS)
        StandarKompetensiJabatan.objects.create(jabatan=pegawai.jabatan, kompetensi=k, level=2)
        p.hasil.create(kompetensi=k, standar=2)
    c = login(pegawai)
    # session, user, akses (2), peserta, hasil, penilaian, riwayat, nav is_atasan
    with django_assert_num_queries(9):
        r = c.get(_detail(p))
    assert r.status_code == 200 and len(r.context["hasil"].baris) == 4 + n
    with django_assert_num_queries(7):
        assert c.get(_json(p)).status_code == 200


# --- team matrix ------------------------------------------------------------------------------


def test_matriks_atasan_bawaan_bawahan_langsung(login, laporan, atasan):
    r = login(atasan).get(MATRIKS)
    assert r.status_code == 200
    nama = [b.peserta.pegawai.nama for b in r.context["page_obj"]]
    assert nama == ["Pegawai Uji", "Rekan Sejawat"]
    html = r.content.decode()
    assert "2/3" in html and "table-danger" in html and "Bawahan langsung" in html
    assert _detail(laporan.peserta["pegawai"]) in html


def test_matriks_kepala_semua_bawahan(login, laporan, kepala_opd):
    c = login(kepala_opd)
    langsung = [b.peserta.pegawai.nama for b in c.get(MATRIKS).context["page_obj"]]
    semua = [b.peserta.pegawai.nama for b in c.get(MATRIKS, {"cakupan": "semua"}).context["page_obj"]]
    assert langsung == ["Admin Disdik", "Atasan Bidang"]
    assert semua == ["Admin Disdik", "Atasan Bidang", "Pegawai Uji", "Rekan Sejawat"]


def test_matriks_admin_opd_per_unit(login, laporan, admin_opd, bidang_a, opd_b):
    c = login(admin_opd)
    r = c.get(MATRIKS)
    assert r.context["page_obj"].paginator.count == 4
    r = c.get(MATRIKS, {"unit": bidang_a.pk})
    assert [b.peserta.pegawai.nama for b in r.context["page_obj"]] == ["Atasan Bidang", "Pegawai Uji", "Rekan Sejawat"]
    # Another OPD's unit or round is not offered.
    r = c.get(MATRIKS, {"unit": opd_b.pk})
    assert r.status_code == 200 and not r.context["tim"].valid and r.context["matriks"] is None
    r = c.get(MATRIKS, {"putaran": laporan.putaran_b.pk})
    assert r.status_code == 200 and not r.context["tim"].valid
    assert "Pilihan tidak tersedia." in r.content.decode()


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "outsider", "petugas"])
def test_matriks_peran_lain_403(siapa, request, login, laporan):
    c = login(request.getfixturevalue(siapa))
    assert c.get(MATRIKS).status_code == 403
    assert c.get(MATRIKS_XLSX).status_code == 403


def test_matriks_metode_salah_405(login, laporan, atasan):
    c = login(atasan)
    assert c.post(MATRIKS).status_code == 405
    assert c.post(MATRIKS_XLSX).status_code == 405


@pytest.mark.parametrize(
    "params",
    [
        {"putaran": "abc"},
        {"putaran": "99999999999999999999"},
        {"putaran": "-1"},
        {"cakupan": "semesta"},
        {"unit": "x"},
        {"page": "abc"},
        {"page": "9999"},
        {"putaran": "\x00"},
        {"putaran": ["1", "2"]},
    ],
)
def test_matriks_parameter_sampah_tidak_500(params, login, laporan, atasan, admin_opd):
    for who in (atasan, admin_opd):
        c = login(who)
        assert c.get(MATRIKS, params).status_code == 200
        r = c.get(MATRIKS_XLSX, params)
        assert r.status_code in (200, 302)


def test_matriks_export_pilihan_salah_kembali_ke_halaman(login, laporan, atasan):
    r = login(atasan).get(MATRIKS_XLSX, {"cakupan": "semesta"})
    assert r.status_code == 302 and r["Location"].startswith(MATRIKS) and "cakupan=semesta" in r["Location"]


def test_matriks_tanpa_putaran(login, atasan, pegawai):
    r = login(atasan).get(MATRIKS)
    assert r.status_code == 200 and "Belum ada putaran" in r.content.decode()
    assert login(atasan).get(MATRIKS_XLSX).status_code == 302


def test_matriks_export_atasan(login, laporan, atasan):
    baris = _sheet(login(atasan).get(MATRIKS_XLSX), "Matriks Kompetensi")
    assert [b[1] for b in baris[1:]] == ["Pegawai Uji", "Rekan Sejawat"]
    jpm = _sheet(login(atasan).get(MATRIKS_XLSX), "JPM")
    assert [b[1] for b in jpm[1:]] == ["Pegawai Uji", "Rekan Sejawat"]


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_matriks_tetap(n, login, atasan, django_assert_num_queries, request):
    for _ in range(n):
        PegawaiFactory(unit=atasan.unit, jabatan=request.getfixturevalue("jabatan_staf"), atasan=atasan)
    lap = request.getfixturevalue("laporan")
    c = login(atasan)
    # session, user, akses (2), is_atasan, rounds, columns, summary, page, results
    with django_assert_num_queries(10):
        r = c.get(MATRIKS)
    assert r.context["page_obj"].paginator.count == n + 2
    assert lap.putaran.peserta.count() == n + 4
    # The export: session, user, akses (2), is_atasan, rounds, size (background or not), columns,
    # matrix rows, JPM rows
    with django_assert_num_queries(10):
        r = c.get(MATRIKS_XLSX)
    assert len(_sheet(r, "Matriks Kompetensi")) == n + 3


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_matriks_admin_tetap(n, login, admin_opd, atasan, django_assert_num_queries, request, bidang_a):
    for _ in range(n):
        PegawaiFactory(unit=atasan.unit, jabatan=request.getfixturevalue("jabatan_staf"), atasan=atasan)
    request.getfixturevalue("laporan")
    c = login(admin_opd)
    # session, user, akses (2), is_atasan, rounds, units, unit tree, columns, summary, page, results
    with django_assert_num_queries(12):
        r = c.get(MATRIKS, {"unit": bidang_a.pk})
    assert r.context["page_obj"].paginator.count == n + 3


# --- admin analysis ---------------------------------------------------------------------------


def test_analisis_admin_opd(login, laporan, admin_opd):
    r = login(admin_opd).get(ANALISIS)
    assert r.status_code == 200
    ctx = r.context
    assert [k.nama for k in ctx["kebutuhan"]] == [f"Kompetensi Uji {i}" for i in (3, 4, 2, 1)]
    assert [k.negatif for k in ctx["kebutuhan"]] == [2, 2, 1, 0]
    assert ctx["peta_unit"].judul == "unit kerja" and ctx["peta_jabatan"].judul == "jabatan"
    assert ctx["ringkasan"].jumlah == 4
    html = r.content.decode()
    assert "66,7%" in html and "-1,50" in html and 'data-grafik="kebutuhan"' in html
    # The OPD B round is not offered.
    assert laporan.putaran_b.nama not in html


def test_analisis_bkd_per_opd_dan_filter(login, laporan, admin_bkd, opd_a, bidang_a):
    c = login(admin_bkd)
    r = c.get(ANALISIS, {"putaran": laporan.putaran.pk})
    assert r.context["peta_unit"].judul == "OPD"
    assert [b.nama for b in r.context["peta_unit"].baris] == [opd_a.nama]
    r = c.get(ANALISIS, {"putaran": laporan.putaran.pk, "unit": opd_a.pk})
    assert r.context["peta_unit"].judul == "unit kerja"
    r = c.get(ANALISIS, {"putaran": laporan.putaran.pk, "unit": bidang_a.pk, "jenis_jabatan": "administrator"})
    assert r.context["ringkasan"].jumlah == 1  # the Kepala Bidang only
    r = c.get(ANALISIS, {"putaran": laporan.putaran.pk, "jenis_kompetensi": "teknis"})
    assert r.context["kebutuhan"] == []


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "rekan", "outsider", "petugas"])
def test_analisis_peran_lain_403(siapa, request, login, laporan):
    c = login(request.getfixturevalue(siapa))
    for url in (ANALISIS, KEBUTUHAN_XLSX, JPM_XLSX):
        assert c.get(url).status_code == 403


def test_analisis_metode_salah_405(login, laporan, admin_opd):
    c = login(admin_opd)
    for url in (ANALISIS, KEBUTUHAN_XLSX, JPM_XLSX):
        assert c.post(url).status_code == 405


@pytest.mark.parametrize(
    "params",
    [
        {"putaran": "abc"},
        {"putaran": "99999999999999999999"},
        {"unit": "-5"},
        {"jenis_kompetensi": "sihir"},
        {"jenis_jabatan": "raja"},
        {"putaran": "\x00"},
    ],
)
def test_analisis_parameter_sampah_tidak_500(params, login, laporan, admin_opd):
    c = login(admin_opd)
    r = c.get(ANALISIS, params)
    assert r.status_code == 200 and not r.context["a"].valid
    assert "Filter tidak valid" in r.content.decode()
    for url in (KEBUTUHAN_XLSX, JPM_XLSX):
        r = c.get(url, params)
        assert r.status_code == 302 and r["Location"].startswith(ANALISIS)


def test_analisis_admin_opd_tidak_dapat_memilih_putaran_opd_lain(login, laporan, admin_opd, opd_b):
    c = login(admin_opd)
    r = c.get(ANALISIS, {"putaran": laporan.putaran_b.pk})
    assert not r.context["a"].valid
    r = c.get(ANALISIS, {"unit": opd_b.pk})
    assert not r.context["a"].valid
    assert c.get(JPM_XLSX, {"putaran": laporan.putaran_b.pk}).status_code == 302


def test_analisis_tanpa_putaran(login, admin_opd):
    r = login(admin_opd).get(ANALISIS)
    assert r.status_code == 200 and "Belum ada putaran" in r.content.decode()
    assert login(admin_opd).get(JPM_XLSX).status_code == 302


def test_analisis_export_jpm_dan_kebutuhan(login, laporan, admin_opd, pegawai):
    c = login(admin_opd)
    jpm = _sheet(c.get(JPM_XLSX), "JPM")
    assert jpm[0] == ["NIP", "Nama", "Unit Kerja", "OPD", "Jabatan", "JPM (%)", "Kategori"]
    baris = {b[1]: b for b in jpm[1:]}
    assert set(baris) == {"Admin Disdik", "Atasan Bidang", "Pegawai Uji", "Rekan Sejawat"}
    assert baris["Pegawai Uji"][0] == pegawai.nip and baris["Pegawai Uji"][5:] == [75.0, "Kurang Optimal"]
    assert baris["Atasan Bidang"][5:] == [None, None]
    r = c.get(KEBUTUHAN_XLSX, {"jenis_jabatan": "pelaksana"})
    per_k = _sheet(r, "Per Kompetensi")
    assert [b[1] for b in per_k[1:]] == ["Kompetensi Uji 3", "Kompetensi Uji 4", "Kompetensi Uji 2", "Kompetensi Uji 1"]
    assert per_k[1][3:] == [3, 3, 2, 66.7, -1.0]
    per_unit = _sheet(r, "Per Kompetensi x Unit")
    assert len(per_unit) == 1 + 4 * 2  # 4 competencies x (bidang_a, opd_a)


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_analisis_tetap(n, login, admin_opd, atasan, django_assert_num_queries, request, bidang_a):
    for _ in range(n):
        PegawaiFactory(unit=atasan.unit, jabatan=request.getfixturevalue("jabatan_staf"), atasan=atasan)
    lap = request.getfixturevalue("laporan")
    for p in lap.putaran.peserta.all()[:10]:
        if not p.penilaian.exists():
            isi(p, "atasan", [3] * p.hasil.count(), atasan)
    hasil_hitung(putaran=lap.putaran)
    c = login(admin_opd)
    params = {"unit": bidang_a.pk, "jenis_jabatan": "pelaksana", "jenis_kompetensi": "manajerial"}
    # session, user, akses (2), default round, putaran and unit values, unit tree, needs,
    # summary, two heat-maps, nav is_atasan, the form's round select (twice: Django's
    # required-attribute check reads the first option) and unit select
    with django_assert_num_queries(16):
        r = c.get(ANALISIS, params)
    assert r.context["ringkasan"].jumlah == n + 2
    # session, user, akses (2), default round, putaran and unit values, unit tree, two sheets
    with django_assert_num_queries(10):
        assert c.get(KEBUTUHAN_XLSX, params).status_code == 200
    with django_assert_num_queries(9):
        r = c.get(JPM_XLSX, params)
    assert len(_sheet(r, "JPM")) == n + 3


def test_analisis_bkd_putaran_bawaan_terbaru(login, laporan, admin_bkd):
    # Both rounds share their dates: the one opened last comes first.
    r = login(admin_bkd).get(ANALISIS)
    assert r.context["a"].putaran == laporan.putaran_b
    assert r.context["ringkasan"].jumlah == 1
