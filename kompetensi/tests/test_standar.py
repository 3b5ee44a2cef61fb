"""Position competency standards: Admin OPD/BKD read them, Admin BKD changes them."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from kompetensi.models import Kompetensi, StandarKompetensiJabatan
from kompetensi.tests.factories import (
    KompetensiFactory,
    StandarKompetensiJabatanFactory,
    StandarLevelDefaultFactory,
)
from pegawai.models import Jabatan
from pegawai.tests.factories import JabatanFactory

pytestmark = pytest.mark.django_db

LIST = reverse("kompetensi:standar-list")


def _detail(j) -> str:
    return reverse("kompetensi:standar-detail", args=[j.pk])


def _set(j) -> str:
    return reverse("kompetensi:standar-set", args=[j.pk])


def _hapus(j) -> str:
    return reverse("kompetensi:standar-delete", args=[j.pk])


def _terapkan(j) -> str:
    return reverse("kompetensi:standar-terapkan", args=[j.pk])


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]]


def _standar(j) -> list[tuple]:
    return list(
        StandarKompetensiJabatan.objects.filter(jabatan=j)
        .order_by("kompetensi__kode")
        .values_list("kompetensi__kode", "level", "khusus")
    )


def _semua_standar() -> list[tuple]:
    return list(
        StandarKompetensiJabatan.objects.order_by("pk").values_list("jabatan_id", "kompetensi_id", "level", "khusus")
    )


@pytest.fixture
def integritas(db):
    return KompetensiFactory(kode="M.1", nama="Integritas", jenis="manajerial", lengkap=True)


@pytest.fixture
def perekat(db):
    return KompetensiFactory(kode="SK.1", nama="Perekat Bangsa", jenis="sosial_kultural", lengkap=True)


@pytest.fixture
def kas(db):
    return KompetensiFactory(kode="T.1", nama="Pengelolaan Kas", jenis="teknis", lengkap=True)


@pytest.fixture
def analis(jabatan_staf, integritas, perekat):
    """The persona's position with a default standard: Integritas 1, Perekat Bangsa 1."""
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=integritas, level=1)
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=perekat, level=1)
    return jabatan_staf


# --- list -------------------------------------------------------------------------------------


def test_admin_opd_melihat_ringkasan_standar_dan_jabatan_tanpa_standar(login, admin_opd, analis, kas):
    StandarKompetensiJabatanFactory(jabatan=analis, kompetensi=kas, level=3, khusus=True)
    tanpa = JabatanFactory(nama="Pranata Komputer", jenis=Jabatan.Jenis.FUNGSIONAL, jenjang="pertama")
    resp = login(admin_opd).get(LIST)
    assert resp.status_code == 200
    baris = {j.pk: j for j in resp.context["page_obj"]}
    assert (baris[analis.pk].jumlah_kompetensi, baris[analis.pk].jumlah_teknis, baris[analis.pk].jumlah_khusus) == (
        3,
        1,
        1,
    )
    assert baris[tanpa.pk].jumlah_kompetensi == 0
    html = resp.content.decode()
    assert "3 kompetensi" in html and "1 manajerial · 1 sosial kultural · 1 teknis" in html
    assert "Belum memiliki standar" in html


def test_daftar_standar_disaring_menurut_jenis_teks_dan_status(login, admin_bkd, analis):
    guru = JabatanFactory(nama="Guru Ahli Pertama", jenis=Jabatan.Jenis.FUNGSIONAL, jenjang="pertama")
    klien = login(admin_bkd)

    def nama(params) -> set[str]:
        return {j.nama for j in klien.get(LIST, params).context["page_obj"]}

    assert nama({"jenis": "fungsional"}) == {"Guru Ahli Pertama"}
    assert nama({"q": "analis"}) == {analis.nama}
    assert guru.nama in nama({"status": "belum"}) and analis.nama not in nama({"status": "belum"})
    assert nama({"status": "ada"}) == {analis.nama}


def test_daftar_standar_dari_tautan_kompetensi_dan_level(login, admin_bkd, integritas, analis):
    kabid = JabatanFactory(nama="Kepala Bidang Uji", jenis=Jabatan.Jenis.ADMINISTRATOR)
    StandarKompetensiJabatanFactory(jabatan=kabid, kompetensi=integritas, level=3)
    klien = login(admin_bkd)
    resp = klien.get(LIST, {"kompetensi": integritas.pk, "level": 3})
    assert [j.nama for j in resp.context["page_obj"]] == ["Kepala Bidang Uji"]
    assert "Jabatan yang mensyaratkan" in resp.content.decode()
    semua = {j.nama for j in klien.get(LIST, {"kompetensi": integritas.pk}).context["page_obj"]}
    assert semua == {"Kepala Bidang Uji", analis.nama}


@pytest.mark.parametrize("params", [{"jenis": "raja"}, {"level": "9"}, {"kompetensi": "999999"}, {"kompetensi": "x"}])
def test_filter_standar_yang_tidak_valid_memberi_pesan(login, admin_bkd, analis, params):
    resp = login(admin_bkd).get(LIST, params)
    assert resp.status_code == 200
    assert "Filter tidak valid" in resp.content.decode()
    assert list(resp.context["page_obj"]) == []


def test_halaman_standar_yang_tidak_ada_memberi_halaman_terakhir(login, admin_bkd, analis):
    resp = login(admin_bkd).get(LIST, {"page": "999"})
    assert resp.status_code == 200 and resp.context["page_obj"].number == 1


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "petugas"])
def test_selain_admin_tidak_melihat_daftar_standar(request, login, persona):
    assert login(request.getfixturevalue(persona)).get(LIST).status_code == 403


def test_daftar_standar_menolak_post(login, admin_bkd):
    assert login(admin_bkd).post(LIST).status_code == 405


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_daftar_standar_tetap(login, admin_opd, integritas, kas, django_assert_num_queries, n):
    dibuat = JabatanFactory.create_batch(n)
    for jabatan in dibuat:
        StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=integritas, level=2)
        StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=kas, level=3, khusus=True)
    klien = login(admin_opd)
    # session, user, roles (2), count, page of positions with their counts, nav is_atasan.
    with django_assert_num_queries(7):
        resp = klien.get(LIST)
    assert resp.context["page_obj"].paginator.count == Jabatan.objects.count() >= n
    pks = {j.pk for j in dibuat}
    assert all(j.jumlah_kompetensi == (2 if j.pk in pks else 0) for j in resp.context["page_obj"])


# --- detail -----------------------------------------------------------------------------------


def test_admin_opd_membaca_standar_tanpa_tombol_ubah(login, admin_opd, analis, integritas):
    resp = login(admin_opd).get(_detail(analis))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Integritas" in html and "Perekat Bangsa" in html
    assert "Deskripsi level 1." in html  # the required level's description
    assert _set(analis) not in html and _hapus(analis) not in html and _terapkan(analis) not in html
    grafik = json.loads(html.split('id="data-grafik-standar" type="application/json">')[1].split("</script>")[0])
    assert grafik == {"label": ["Integritas", "Perekat Bangsa"], "level": [1, 1]}
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_admin_bkd_melihat_formulir_ubah_standar(login, admin_bkd, analis, kas):
    StandarLevelDefaultFactory(jenis_jabatan="pelaksana", jenjang="", level=1)
    resp = login(admin_bkd).get(_detail(analis))
    html = resp.content.decode()
    assert _set(analis) in html and _hapus(analis) in html and _terapkan(analis) in html
    assert list(resp.context["form_tambah"].fields["kompetensi"].queryset) == [kas]
    assert "Bawaan" in html and "level 1" in html


def test_jabatan_tanpa_standar_ditandai_belum_memiliki_standar(login, admin_opd, jabatan_kabid):
    resp = login(admin_opd).get(_detail(jabatan_kabid))
    html = resp.content.decode()
    assert "belum memiliki standar kompetensi" in html
    assert "chart.umd.min.js" not in html


def test_detail_standar_jabatan_tidak_ada_404(login, admin_bkd):
    assert login(admin_bkd).get(reverse("kompetensi:standar-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "outsider"])
def test_pegawai_tidak_boleh_membuka_standar_jabatan(request, login, persona, analis):
    assert login(request.getfixturevalue(persona)).get(_detail(analis)).status_code == 403


def test_detail_standar_menolak_post(login, admin_bkd, analis):
    assert login(admin_bkd).post(_detail(analis)).status_code == 405


@pytest.mark.parametrize("n", [2, 20])
def test_jumlah_query_detail_standar_tetap(login, admin_bkd, jabatan_staf, django_assert_num_queries, n):
    for k in KompetensiFactory.create_batch(n, lengkap=True):
        StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k, level=2)
    KompetensiFactory.create_batch(n, jenis="teknis")
    klien = login(admin_bkd)
    # session, user, roles (2), position, standard rows, default level, add-form choices (exists +
    # options), nav is_atasan.
    with django_assert_num_queries(10):
        resp = klien.get(_detail(jabatan_staf))
    assert len(resp.context["standar"]) == n


# --- set a level / add a teknis competency ----------------------------------------------------


def test_admin_bkd_menetapkan_level_khusus(login, admin_bkd, analis, integritas):
    resp = login(admin_bkd).post(_set(analis), {"kompetensi": integritas.pk, "level": "3"}, follow=True)
    assert resp.redirect_chain[-1][0] == _detail(analis)
    assert ("M.1", 3, True) in _standar(analis)
    assert "Level Integritas untuk jabatan ini ditetapkan: level 3." in _pesan(resp)
    standar = StandarKompetensiJabatan.objects.get(jabatan=analis, kompetensi=integritas)
    log = LogEntry.objects.get_for_object(standar).latest("timestamp")
    assert log.actor == admin_bkd.user and log.action == LogEntry.Action.UPDATE


def test_admin_bkd_menambah_kompetensi_teknis(login, admin_bkd, analis, kas):
    login(admin_bkd).post(_set(analis), {"kompetensi": kas.pk, "level": "4"})
    assert ("T.1", 4, True) in _standar(analis)


@pytest.mark.parametrize(
    ("level", "pesan"),
    [
        ("0", "Level kompetensi paling rendah 1."),
        ("6", "Level kompetensi paling tinggi 5."),
        ("tiga", "Level harus berupa angka 1 sampai 5."),
        ("", "Pilih level 1 sampai 5."),
    ],
)
def test_level_di_luar_1_sampai_5_ditolak(login, admin_bkd, analis, integritas, level, pesan):
    sebelum = _semua_standar()
    resp = login(admin_bkd).post(_set(analis), {"kompetensi": integritas.pk, "level": level}, follow=True)
    assert pesan in _pesan(resp)
    assert _semua_standar() == sebelum


def test_kompetensi_asing_dalam_post_ditolak(login, admin_bkd, analis, jabatan_kabid):
    # A manajerial competency not in this standard, one that does not exist, and garbage.
    lain = KompetensiFactory(kode="M.2", jenis="manajerial", lengkap=True)
    StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=lain, level=3)
    klien = login(admin_bkd)
    sebelum = _semua_standar()
    for nilai in (lain.pk, 999999, "abc"):
        resp = klien.post(_set(analis), {"kompetensi": nilai, "level": "2"}, follow=True)
        assert "Kompetensi tidak dikenal atau tidak dapat ditambahkan ke standar jabatan ini." in _pesan(resp)
    assert _semua_standar() == sebelum


def test_kompetensi_teknis_nonaktif_tidak_bisa_ditambahkan(login, admin_bkd, analis):
    usang = KompetensiFactory(kode="T.9", jenis="teknis", aktif=False)
    resp = login(admin_bkd).post(_set(analis), {"kompetensi": usang.pk, "level": "2"}, follow=True)
    assert "Kompetensi tidak dikenal atau tidak dapat ditambahkan ke standar jabatan ini." in _pesan(resp)
    assert not StandarKompetensiJabatan.objects.filter(kompetensi=usang).exists()


def test_kirim_ganda_tambah_kompetensi_tidak_menggandakan(login, admin_bkd, analis, kas):
    klien = login(admin_bkd)
    klien.post(_set(analis), {"kompetensi": kas.pk, "level": "2"})
    klien.post(_set(analis), {"kompetensi": kas.pk, "level": "2"})
    assert StandarKompetensiJabatan.objects.filter(jabatan=analis, kompetensi=kas).count() == 1


@pytest.mark.parametrize("persona", ["admin_opd", "pegawai"])
def test_selain_admin_bkd_tidak_bisa_mengubah_standar(request, login, persona, analis, integritas, kas):
    klien = login(request.getfixturevalue(persona))
    sebelum = _semua_standar()
    assert klien.post(_set(analis), {"kompetensi": integritas.pk, "level": "5"}).status_code == 403
    standar = StandarKompetensiJabatan.objects.filter(jabatan=analis).first()
    assert klien.post(_hapus(analis), {"standar": standar.pk}).status_code == 403
    assert klien.post(_terapkan(analis), {"timpa": "on"}).status_code == 403
    assert _semua_standar() == sebelum


@pytest.mark.parametrize("url", [_set, _hapus, _terapkan])
def test_aksi_standar_hanya_menerima_post(login, admin_bkd, analis, url):
    assert login(admin_bkd).get(url(analis)).status_code == 405


@pytest.mark.parametrize("url", [_set, _hapus, _terapkan])
def test_aksi_pada_jabatan_yang_tidak_ada_404(login, admin_bkd, url):
    tidak_ada = Jabatan(pk=999999)
    assert login(admin_bkd).post(url(tidak_ada), {"level": "2"}).status_code == 404


# --- remove -----------------------------------------------------------------------------------


def test_admin_bkd_menghapus_kompetensi_dari_standar(login, admin_bkd, analis, perekat):
    standar = StandarKompetensiJabatan.objects.get(jabatan=analis, kompetensi=perekat)
    resp = login(admin_bkd).post(_hapus(analis), {"standar": standar.pk}, follow=True)
    assert _standar(analis) == [("M.1", 1, False)]
    assert "Perekat Bangsa dihapus dari standar jabatan ini." in _pesan(resp)
    assert (
        LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(standar.pk)).get().actor == admin_bkd.user
    )


def test_hapus_standar_milik_jabatan_lain_ditolak(login, admin_bkd, analis, jabatan_kabid, integritas):
    lain = StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=integritas, level=3)
    sebelum = _semua_standar()
    klien = login(admin_bkd)
    for nilai in (lain.pk, 999999, "x", ""):
        resp = klien.post(_hapus(analis), {"standar": nilai}, follow=True)
        assert any("standar" in p for p in _pesan(resp)), _pesan(resp)
    assert _semua_standar() == sebelum


# --- apply the default standard ---------------------------------------------------------------


def test_terapkan_standar_bawaan_mempertahankan_level_khusus(login, admin_bkd, jabatan_staf, integritas, perekat):
    StandarLevelDefaultFactory(jenis_jabatan="pelaksana", jenjang="", level=2)
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=integritas, level=4, khusus=True)
    klien = login(admin_bkd)
    resp = klien.post(_terapkan(jabatan_staf), follow=True)
    assert _standar(jabatan_staf) == [("M.1", 4, True), ("SK.1", 2, False)]
    assert "Standar bawaan diterapkan: 1 ditambahkan, 0 diubah, 1 penyesuaian khusus dipertahankan." in _pesan(resp)
    klien.post(_terapkan(jabatan_staf), {"timpa": "on"})
    assert _standar(jabatan_staf) == [("M.1", 2, False), ("SK.1", 2, False)]


def test_terapkan_standar_tanpa_level_bawaan_memberi_pesan(login, admin_bkd, jabatan_staf, integritas):
    resp = login(admin_bkd).post(_terapkan(jabatan_staf), follow=True)
    assert "Belum ada standar bawaan untuk jenis jabatan ini." in _pesan(resp)
    assert not StandarKompetensiJabatan.objects.exists()
    assert not Kompetensi.objects.filter(standar_jabatan__isnull=False).exists()
