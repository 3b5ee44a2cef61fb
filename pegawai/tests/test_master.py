"""Unit tree and position catalogue pages."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from pegawai.models import Jabatan, Pegawai, UnitKerja
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

UNIT = reverse("pegawai:unit-list")
UNIT_TAMBAH = reverse("pegawai:unit-create")
JABATAN = reverse("pegawai:jabatan-list")
JABATAN_TAMBAH = reverse("pegawai:jabatan-create")


def unit_ubah(u):
    return reverse("pegawai:unit-update", args=[u.pk])


def jabatan_ubah(j):
    return reverse("pegawai:jabatan-update", args=[j.pk])


@pytest.fixture
def seksi_a(bidang_a):
    return UnitKerjaFactory(kode="DISDIK-PTK-1", nama="Seksi Guru", jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a)


# --- unit list --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_bkd_melihat_pohon_unit_dengan_jumlah_pegawai(
    login, admin_bkd, pemda, opd_a, bidang_a, seksi_a, opd_b, pegawai, rekan, kepala_opd, outsider
):
    PegawaiFactory(unit=seksi_a, jabatan=pegawai.jabatan)
    PegawaiFactory(unit=seksi_a, jabatan=pegawai.jabatan, aktif=False)
    r = login(admin_bkd).get(UNIT)
    assert r.status_code == 200
    pohon = {s.unit.pk: s for s in r.context["pohon"]}
    urutan = [s.unit.pk for s in r.context["pohon"]]
    # Depth-first: every unit comes right after its parent's subtree starts.
    assert urutan.index(pemda.pk) < urutan.index(opd_a.pk) < urutan.index(bidang_a.pk) < urutan.index(seksi_a.pk)
    assert [pohon[u.pk].kedalaman for u in (pemda, opd_a, bidang_a, seksi_a)] == [0, 1, 2, 3]
    # atasan, pegawai, rekan in the Bidang; one active in the Seksi (the inactive one is not counted).
    assert (pohon[bidang_a.pk].jumlah_pegawai, pohon[bidang_a.pk].jumlah_total) == (3, 4)
    assert (pohon[opd_a.pk].jumlah_pegawai, pohon[opd_a.pk].jumlah_total) == (1, 5)
    assert pohon[opd_b.pk].jumlah_total == 1
    assert pohon[pemda.pk].jumlah_total == Pegawai.objects.filter(aktif=True).count()


@pytest.mark.django_db
def test_admin_opd_hanya_melihat_unit_opdnya(login, admin_opd, opd_a, bidang_a, seksi_a, opd_b):
    r = login(admin_opd).get(UNIT)
    terlihat = {s.unit.pk for s in r.context["pohon"]}
    assert terlihat == {opd_a.pk, bidang_a.pk, seksi_a.pk}
    html = r.content.decode()
    # Only Bidang/Seksi are editable for an Admin OPD.
    assert unit_ubah(bidang_a) in html and unit_ubah(opd_a) not in html


@pytest.mark.django_db
def test_admin_bkd_mempersempit_pohon_per_opd(login, admin_bkd, opd_a, bidang_a, opd_b):
    c = login(admin_bkd)
    assert {s.unit.pk for s in c.get(UNIT, {"opd": opd_a.pk}).context["pohon"]} == {opd_a.pk, bidang_a.pk}
    # A bad value shows the whole tree rather than an error page.
    assert opd_b.pk in {s.unit.pk for s in c.get(UNIT, {"opd": "abc"}).context["pohon"]}


@pytest.mark.django_db
def test_daftar_unit_hanya_untuk_admin(login, pegawai, atasan):
    assert login(pegawai).get(UNIT).status_code == 403
    assert login(atasan).get(UNIT).status_code == 403


@pytest.mark.django_db
def test_daftar_unit_menolak_post(login, admin_bkd):
    assert login(admin_bkd).post(UNIT).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_daftar_unit_tetap(login, admin_bkd, opd_a, jabatan_staf, django_assert_num_queries, n):
    for i in range(n):
        unit = UnitKerjaFactory(jenis=UnitKerja.Jenis.BIDANG, induk=opd_a, kode=f"B{i:03d}")
        PegawaiFactory(unit=unit, jabatan=jabatan_staf)
    c = login(admin_bkd)
    # session, user, roles (2), OPD choices, units, employee counts, nav is_atasan.
    with django_assert_num_queries(8):
        r = c.get(UNIT)
    assert len(r.context["pohon"]) == n + 3  # n Bidang, OPD A, Pemda, BKD


# --- unit create / update ---------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_bkd_menambah_opd(login, admin_bkd, pemda):
    r = login(admin_bkd).post(
        UNIT_TAMBAH, {"kode": "DISHUB", "nama": "Dinas Perhubungan", "jenis": "opd", "induk": pemda.pk}
    )
    assert r.status_code == 302 and r["Location"] == UNIT
    unit = UnitKerja.objects.get(kode="DISHUB")
    assert unit.opd == unit and unit.induk == pemda


@pytest.mark.django_db
def test_admin_opd_menambah_bidang_di_opdnya(login, admin_opd, opd_a):
    c = login(admin_opd)
    assert set(dict(c.get(UNIT_TAMBAH).context["form"].fields["jenis"].choices)) == {"bidang", "subbidang"}
    r = c.post(UNIT_TAMBAH, {"kode": "DISDIK-SD", "nama": "Bidang SD", "jenis": "bidang", "induk": opd_a.pk})
    assert r.status_code == 302
    unit = UnitKerja.objects.get(kode="DISDIK-SD")
    assert unit.opd == opd_a
    assert LogEntry.objects.get_for_object(unit).get(action=LogEntry.Action.CREATE).actor == admin_opd.user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"jenis": "opd"}, "Masukkan pilihan yang valid."),
        ({"induk": "opd_b"}, "Masukkan pilihan yang valid."),
        ({"induk": "pemda"}, "Masukkan pilihan yang valid."),
        ({"kode": "DISDIK"}, "Kode unit ini sudah dipakai."),
        ({"jenis": "bidang", "induk": "bidang_a"}, "Bidang/Bagian tidak dapat berada di bawah Bidang/Bagian."),
        ({"induk": ""}, "Unit induk wajib diisi."),
        ({"nama": ""}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_admin_opd_tambah_unit_salah_ditolak(login, admin_opd, opd_a, bidang_a, opd_b, pemda, data, pesan):
    lokal = {"opd_b": opd_b.pk, "pemda": pemda.pk, "bidang_a": bidang_a.pk}
    isian = {"kode": "BARU-1", "nama": "Unit Baru", "jenis": "bidang", "induk": opd_a.pk}
    isian.update({k: lokal.get(v, v) for k, v in data.items()})
    jumlah = UnitKerja.objects.count()
    r = login(admin_opd).post(UNIT_TAMBAH, isian)
    assert r.status_code == 200 and pesan in r.content.decode()
    assert UnitKerja.objects.count() == jumlah


@pytest.mark.django_db
def test_seksi_tidak_boleh_langsung_di_bawah_pemda(login, admin_bkd, pemda):
    r = login(admin_bkd).post(UNIT_TAMBAH, {"kode": "X1", "nama": "Seksi X", "jenis": "subbidang", "induk": pemda.pk})
    assert "Bidang/Seksi harus berada di bawah sebuah OPD." in r.content.decode()
    assert not UnitKerja.objects.filter(kode="X1").exists()


@pytest.mark.django_db
def test_tambah_unit_hanya_admin_dan_metode_benar(login, atasan, admin_bkd):
    assert login(atasan).get(UNIT_TAMBAH).status_code == 403
    assert login(admin_bkd).put(UNIT_TAMBAH).status_code == 405


@pytest.mark.django_db
def test_admin_opd_mengubah_bidang(login, admin_opd, opd_a, bidang_a):
    data = {"kode": bidang_a.kode, "nama": "Bidang PTK Baru", "induk": opd_a.pk, "aktif": "on"}
    r = login(admin_opd).post(unit_ubah(bidang_a), data)
    assert r.status_code == 302
    bidang_a.refresh_from_db()
    assert bidang_a.nama == "Bidang PTK Baru"


@pytest.mark.django_db
def test_admin_opd_tidak_bisa_mengubah_opd_atau_unit_opd_lain(login, admin_opd, opd_a, opd_b, pemda):
    c = login(admin_opd)
    assert c.get(unit_ubah(opd_a)).status_code == 403
    assert c.post(unit_ubah(opd_a), {"kode": "X", "nama": "X", "induk": pemda.pk, "aktif": "on"}).status_code == 403
    assert c.get(unit_ubah(opd_b)).status_code == 404
    assert c.get(reverse("pegawai:unit-update", args=[987654])).status_code == 404
    opd_a.refresh_from_db()
    assert opd_a.kode == "DISDIK"


@pytest.mark.django_db
def test_unit_dengan_pegawai_aktif_tidak_bisa_dinonaktifkan(login, admin_opd, opd_a, bidang_a, pegawai):
    data = {"kode": bidang_a.kode, "nama": bidang_a.nama, "induk": opd_a.pk}  # aktif unchecked
    r = login(admin_opd).post(unit_ubah(bidang_a), data)
    assert "Unit masih memiliki pegawai aktif; pindahkan mereka terlebih dahulu." in r.content.decode()
    bidang_a.refresh_from_db()
    assert bidang_a.aktif


@pytest.mark.django_db
def test_ubah_unit_kode_ganda_ditolak(login, admin_bkd, opd_a, bidang_a):
    data = {"kode": "DISDIK", "nama": bidang_a.nama, "induk": opd_a.pk, "aktif": "on"}
    r = login(admin_bkd).post(unit_ubah(bidang_a), data)
    assert "Kode unit ini sudah dipakai." in r.content.decode()


@pytest.mark.django_db
def test_ubah_unit_menolak_metode_lain(login, admin_bkd, bidang_a):
    assert login(admin_bkd).delete(unit_ubah(bidang_a)).status_code == 405


# --- positions --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_daftar_jabatan_bisa_dibaca_admin_opd_tanpa_tombol_ubah(login, admin_opd, jabatan_staf):
    r = login(admin_opd).get(JABATAN)
    assert r.status_code == 200 and jabatan_staf in list(r.context["page_obj"])
    html = r.content.decode()
    assert JABATAN_TAMBAH not in html and jabatan_ubah(jabatan_staf) not in html


@pytest.mark.django_db
def test_daftar_jabatan_filter_jenis_cari_dan_halaman(login, admin_bkd, jabatan_staf, jabatan_kepala):
    JabatanFactory.create_batch(30, jenis=Jabatan.Jenis.PELAKSANA)
    c = login(admin_bkd)
    assert list(c.get(JABATAN, {"jenis": "jpt"}).context["page_obj"]) == [jabatan_kepala]
    assert list(c.get(JABATAN, {"q": "sdm apar"}).context["page_obj"]) == [jabatan_staf]
    assert list(c.get(JABATAN, {"q": "JPT-KAD"}).context["page_obj"]) == [jabatan_kepala]
    r = c.get(JABATAN, {"jenis": "pelaksana", "page": "99"})
    assert r.context["page_obj"].number == 2 and r.context["page_obj"].paginator.count == 31
    assert "jenis=pelaksana" in r.content.decode()
    r = c.get(JABATAN, {"jenis": "bukan"})
    assert r.status_code == 200 and "Filter tidak valid" in r.content.decode()


@pytest.mark.django_db
def test_daftar_jabatan_hanya_untuk_admin_dan_get(login, pegawai, admin_bkd):
    assert login(pegawai).get(JABATAN).status_code == 403
    assert login(admin_bkd).post(JABATAN).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_daftar_jabatan_tetap(login, admin_bkd, django_assert_num_queries, n):
    JabatanFactory.create_batch(n)
    c = login(admin_bkd)
    with django_assert_num_queries(7):
        r = c.get(JABATAN)
    assert r.context["page_obj"].paginator.count == n + 1


@pytest.mark.django_db
def test_admin_bkd_menambah_jabatan_fungsional(login, admin_bkd):
    data = {"kode": "JF-GURU-1", "nama": "Guru Ahli Pertama", "jenis": "fungsional", "jenjang": "pertama"}
    r = login(admin_bkd).post(JABATAN_TAMBAH, data)
    assert r.status_code == 302 and r["Location"] == JABATAN
    j = Jabatan.objects.get(kode="JF-GURU-1")
    assert (j.jenis, j.jenjang, j.aktif) == ("fungsional", "pertama", True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"jenis": "fungsional", "jenjang": ""}, "Jenjang untuk jabatan Fungsional harus salah satu dari:"),
        ({"jenis": "pelaksana", "jenjang": "muda"}, "Jenjang hanya diisi untuk jabatan JPT dan fungsional."),
        (
            {"jenis": "jpt", "jenjang": "muda"},
            "Jenjang untuk jabatan Jabatan Pimpinan Tinggi (JPT) harus salah satu dari:",
        ),
        ({"kode": "PL-ANALIS"}, "Kode jabatan ini sudah dipakai."),
        ({"jenis": "presiden"}, "presiden bukan salah satu dari pilihan yang tersedia."),
    ],
)
def test_jabatan_salah_ditolak(login, admin_bkd, jabatan_staf, data, pesan):
    isian = {"kode": "J-BARU", "nama": "Jabatan Baru", "jenis": "pelaksana", "jenjang": ""} | data
    jumlah = Jabatan.objects.count()
    r = login(admin_bkd).post(JABATAN_TAMBAH, isian)
    assert r.status_code == 200 and pesan in r.content.decode()
    assert Jabatan.objects.count() == jumlah


@pytest.mark.django_db
def test_admin_opd_tidak_bisa_mengubah_katalog_jabatan(login, admin_opd, jabatan_staf):
    c = login(admin_opd)
    assert c.get(JABATAN_TAMBAH).status_code == 403
    assert c.post(JABATAN_TAMBAH, {"kode": "X", "nama": "X", "jenis": "pelaksana"}).status_code == 403
    assert c.post(jabatan_ubah(jabatan_staf), {"kode": "X", "nama": "X", "jenis": "pelaksana"}).status_code == 403
    assert not Jabatan.objects.filter(kode="X").exists()


@pytest.mark.django_db
def test_admin_bkd_menonaktifkan_jabatan(login, admin_bkd, jabatan_kabid):
    data = {"kode": jabatan_kabid.kode, "nama": "Kepala Bidang", "jenis": "administrator", "jenjang": ""}
    r = login(admin_bkd).post(jabatan_ubah(jabatan_kabid), data)  # aktif unchecked
    assert r.status_code == 302
    jabatan_kabid.refresh_from_db()
    assert not jabatan_kabid.aktif
    assert LogEntry.objects.get_for_object(jabatan_kabid).filter(action=LogEntry.Action.UPDATE).exists()


@pytest.mark.django_db
def test_ubah_jabatan_tidak_ada_404_dan_metode_salah_405(login, admin_bkd, jabatan_staf):
    assert login(admin_bkd).get(reverse("pegawai:jabatan-update", args=[987654])).status_code == 404
    assert login(admin_bkd).put(jabatan_ubah(jabatan_staf)).status_code == 405
    assert login(admin_bkd).get(jabatan_ubah(jabatan_staf)).status_code == 200
