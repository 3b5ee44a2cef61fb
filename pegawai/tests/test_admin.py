"""The Django admin: entry by role (no is_staff), scopes from access.py, saves through services."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from pegawai.models import Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja
from pegawai.tests.factories import PegawaiFactory, nip_valid

User = get_user_model()


def url(model, action="changelist", *args, app="pegawai"):
    return reverse(f"admin:{app}_{model}_{action}", args=args)


def data_pegawai(p, **ubah):
    data = {
        "nip": p.nip,
        "nama": p.nama,
        "gelar_depan": p.gelar_depan,
        "gelar_belakang": p.gelar_belakang,
        "status_kepegawaian": p.status_kepegawaian,
        "golongan": p.golongan,
        "unit": p.unit_id,
        "jabatan": p.jabatan_id,
        "atasan": p.atasan_id or "",
        "email": p.email,
        "telepon": p.telepon,
        "riwayat-TOTAL_FORMS": "0",
        "riwayat-INITIAL_FORMS": "0",
        "riwayat-MIN_NUM_FORMS": "0",
        "riwayat-MAX_NUM_FORMS": "0",
        "_save": "Simpan",
    }
    data.update(ubah)
    return data


# --- who gets in ------------------------------------------------------------------------------


def test_tamu_diarahkan_ke_halaman_masuk_nip(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("akun:login"))
    assert "next=" in response.redirect_chain[-1][0]


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "petugas"])
def test_pegawai_biasa_tidak_bisa_masuk_admin(login, persona, request):
    client = login(request.getfixturevalue(persona))
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert client.get(url("pegawai")).status_code == 302
    assert client.get(reverse("admin:login")).status_code == 403


def test_admin_bkd_masuk_tanpa_is_staff(login, admin_bkd):
    assert admin_bkd.user.is_staff is False
    response = login(admin_bkd).get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for model in ("unitkerja", "jabatan", "pegawai", "peranpengguna", "imporpegawai"):
        assert url(model) in html
    assert url("logentry", app="auditlog") in html


def test_admin_bkd_membuka_setiap_daftar_dan_halaman_ubah(login, admin_bkd, admin_opd, pegawai, opd_a):
    client = login(admin_bkd)
    from pegawai.models import ImporPegawai

    impor = ImporPegawai.objects.create(dibuat_oleh=admin_bkd.user, berkas="impor/a.xlsx", nama_berkas="a.xlsx")
    peran = PeranPengguna.objects.get(user=admin_opd.user)
    entri = LogEntry.objects.first()
    halaman = [
        url("unitkerja"),
        url("unitkerja", "change", opd_a.pk),
        url("unitkerja", "add"),
        url("jabatan"),
        url("jabatan", "change", pegawai.jabatan_id),
        url("jabatan", "add"),
        url("pegawai"),
        url("pegawai", "change", pegawai.pk),
        url("pegawai", "add"),
        url("peranpengguna"),
        url("peranpengguna", "change", peran.pk),
        url("imporpegawai"),
        url("imporpegawai", "change", impor.pk),
        url("logentry", app="auditlog"),
        url("logentry", "change", entri.pk, app="auditlog"),
    ]
    for alamat in halaman:
        assert client.get(alamat).status_code == 200, alamat


def test_halaman_ubah_pegawai_tidak_menampilkan_kode_aktivasi(login, admin_bkd, pegawai):
    html = login(admin_bkd).get(url("pegawai", "change", pegawai.pk)).content.decode()
    assert "kode_aktivasi" not in html
    assert "Riwayat jabatan" in html


# --- Admin OPD scope --------------------------------------------------------------------------


def test_admin_opd_hanya_melihat_pegawai_opd_sendiri(login, admin_opd, pegawai, outsider):
    client = login(admin_opd)
    html = client.get(url("pegawai")).content.decode()
    assert pegawai.nip in html
    assert outsider.nip not in html

    response = client.get(url("pegawai", "change", outsider.pk))
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert outsider.nama not in client.get(response.url).content.decode()


def test_admin_opd_tidak_bisa_mengubah_pegawai_opd_lain(login, admin_opd, outsider):
    response = login(admin_opd).post(url("pegawai", "change", outsider.pk), data_pegawai(outsider, nama="Dibajak"))
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert outsider.nama != "Dibajak"


def test_admin_opd_tidak_bisa_memindahkan_pegawai_ke_opd_lain(login, admin_opd, pegawai, opd_b):
    response = login(admin_opd).post(url("pegawai", "change", pegawai.pk), data_pegawai(pegawai, unit=opd_b.pk))
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid." in response.content.decode()
    pegawai.refresh_from_db()
    assert pegawai.unit.opd_id != opd_b.pk


def test_admin_opd_hanya_melihat_jabatan_dan_tidak_mengubahnya(login, admin_opd, pegawai):
    client = login(admin_opd)
    jabatan = pegawai.jabatan
    assert client.get(url("jabatan")).status_code == 200
    response = client.post(
        url("jabatan", "change", jabatan.pk), {"kode": jabatan.kode, "nama": "Diubah", "jenis": jabatan.jenis}
    )
    assert response.status_code == 403
    jabatan.refresh_from_db()
    assert jabatan.nama != "Diubah"
    assert client.get(url("jabatan", "add")).status_code == 403


def test_admin_opd_tidak_melihat_peran_dan_log_audit(login, admin_opd):
    client = login(admin_opd)
    html = client.get(reverse("admin:index")).content.decode()
    assert url("peranpengguna") not in html
    assert client.get(url("peranpengguna")).status_code == 403
    assert client.get(url("logentry", app="auditlog")).status_code == 403


def test_admin_opd_tidak_bisa_mengubah_node_opd_dan_unit_opd_lain(login, admin_opd, opd_a, opd_b, bidang_a):
    client = login(admin_opd)
    assert client.get(url("unitkerja", "change", opd_b.pk)).status_code == 302
    response = client.post(url("unitkerja", "change", opd_a.pk), {"kode": opd_a.kode, "nama": "Diganti"})
    assert response.status_code == 403
    opd_a.refresh_from_db()
    assert opd_a.nama != "Diganti"
    assert client.get(url("unitkerja", "change", bidang_a.pk)).status_code == 200


def test_admin_opd_menambah_bidang_di_opd_sendiri_lewat_service(login, admin_opd, opd_a):
    response = login(admin_opd).post(
        url("unitkerja", "add"), {"kode": "DISDIK-SD", "nama": "Bidang SD", "jenis": "bidang", "induk": opd_a.pk}
    )
    assert response.status_code == 302
    unit = UnitKerja.objects.get(kode="DISDIK-SD")
    assert unit.opd_id == opd_a.pk


def test_admin_opd_tidak_bisa_menambah_opd(login, admin_opd, pemda):
    response = login(admin_opd).post(
        url("unitkerja", "add"), {"kode": "OPD-BARU", "nama": "Dinas Baru", "jenis": "opd", "induk": pemda.pk}
    )
    assert response.status_code == 200
    assert not UnitKerja.objects.filter(kode="OPD-BARU").exists()


# --- saving through services ------------------------------------------------------------------


def test_admin_bkd_mengubah_pegawai_tercatat_di_audit_dan_riwayat(login, admin_bkd, pegawai, opd_b):
    response = login(admin_bkd).post(
        url("pegawai", "change", pegawai.pk), data_pegawai(pegawai, nama="Nama Lewat Admin", unit=opd_b.pk)
    )
    assert response.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.nama == "Nama Lewat Admin"
    assert pegawai.unit_id == opd_b.pk
    assert RiwayatJabatan.objects.get(pegawai=pegawai, sampai__isnull=True).unit_id == opd_b.pk
    entri = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Pegawai), object_id=pegawai.pk, action=LogEntry.Action.UPDATE
    ).latest("timestamp")
    assert entri.actor == admin_bkd.user
    assert entri.changes["nama"][1] == "Nama Lewat Admin"


def test_rantai_atasan_melingkar_ditolak_tanpa_menyimpan(login, admin_bkd, atasan, pegawai):
    response = login(admin_bkd).post(url("pegawai", "change", atasan.pk), data_pegawai(atasan, atasan=pegawai.pk))
    assert response.status_code == 200
    assert "rantai atasan tidak boleh melingkar" in response.content.decode()
    atasan.refresh_from_db()
    assert atasan.atasan_id != pegawai.pk


def test_penolakan_service_tampil_di_formulir_dan_tidak_ada_yang_tersimpan(login, admin_bkd, pegawai):
    nip_baru = nip_valid(777)
    User.objects.create(username=nip_baru)
    response = login(admin_bkd).post(
        url("pegawai", "change", pegawai.pk), data_pegawai(pegawai, nip=nip_baru, nama="Tidak Tersimpan")
    )
    assert response.status_code == 200
    assert "Sudah ada akun dengan NIP ini." in response.content.decode()
    pegawai.refresh_from_db()
    assert pegawai.nip != nip_baru
    assert pegawai.nama != "Tidak Tersimpan"


def test_admin_bkd_menambah_pegawai_mendapat_kode_aktivasi(login, admin_bkd, bidang_a, jabatan_staf):
    baru = PegawaiFactory.build(unit=bidang_a, jabatan=jabatan_staf, user=None, email="", telepon="")
    response = login(admin_bkd).post(url("pegawai", "add"), data_pegawai(baru), follow=True)
    assert response.status_code == 200
    pegawai = Pegawai.objects.get(nip=baru.nip)
    assert pegawai.user.username == baru.nip
    assert pegawai.wajib_ganti_password is True
    assert not pegawai.user.has_usable_password()
    assert "Kode aktivasi untuk" in response.content.decode()
    assert RiwayatJabatan.objects.filter(pegawai=pegawai).count() == 1


def test_golongan_tidak_sesuai_status_ditolak(login, admin_bkd, pegawai):
    response = login(admin_bkd).post(url("pegawai", "change", pegawai.pk), data_pegawai(pegawai, golongan="IX"))
    assert response.status_code == 200
    assert "PNS/CPNS harus memiliki golongan I/a sampai IV/e." in response.content.decode()


def test_menghapus_pegawai_dinonaktifkan_untuk_semua(login, admin_bkd, pegawai):
    client = login(admin_bkd)
    assert client.get(url("pegawai", "delete", pegawai.pk)).status_code == 403
    assert client.post(url("pegawai", "delete", pegawai.pk), {"post": "yes"}).status_code == 403
    assert Pegawai.objects.filter(pk=pegawai.pk).exists()
    html = client.get(url("pegawai")).content.decode()
    assert "delete_selected" not in html


def test_jabatan_lewat_admin_divalidasi_model(login, admin_bkd):
    response = login(admin_bkd).post(
        url("jabatan", "add"), {"kode": "PL-X", "nama": "Pelaksana X", "jenis": "pelaksana", "jenjang": "madya"}
    )
    assert response.status_code == 200
    assert "Jenjang hanya diisi untuk jabatan JPT dan fungsional." in response.content.decode()
    assert not Jabatan.objects.filter(kode="PL-X").exists()


def test_cabut_peran_lewat_admin_memakai_service(login, admin_bkd, admin_opd):
    client = login(admin_bkd)
    peran = PeranPengguna.objects.get(user=admin_opd.user)
    response = client.post(url("peranpengguna", "delete", peran.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not PeranPengguna.objects.filter(pk=peran.pk).exists()

    sendiri = PeranPengguna.objects.get(user=admin_bkd.user)
    response = client.post(url("peranpengguna", "delete", sendiri.pk), {"post": "yes"}, follow=True)
    assert "Anda tidak dapat mencabut peran Admin BKD Anda sendiri." in response.content.decode()
    assert PeranPengguna.objects.filter(pk=sendiri.pk).exists()


def test_log_audit_hanya_bisa_dibaca(login, admin_bkd):
    entri = LogEntry.objects.first()
    client = login(admin_bkd)
    assert client.post(url("logentry", "delete", entri.pk, app="auditlog"), {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entri.pk).exists()


# --- query counts -----------------------------------------------------------------------------


def _tambah_pegawai(unit, jabatan, n):
    for _ in range(n):
        PegawaiFactory(unit=unit, jabatan=jabatan)


@pytest.mark.parametrize("persona", ["admin_bkd", "admin_opd"])
def test_jumlah_query_daftar_pegawai_admin_tetap(login, persona, request, bidang_a, django_assert_num_queries):
    admin = request.getfixturevalue(persona)
    client = login(admin)
    _tambah_pegawai(bidang_a, admin.jabatan, 3)
    client.get(url("pegawai"))
    with django_assert_num_queries(8) as sedikit:
        client.get(url("pegawai"))
    _tambah_pegawai(bidang_a, admin.jabatan, 30)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        response = client.get(url("pegawai"))
    assert response.context["cl"].result_count >= 33


def test_pencarian_otomatis_atasan_mengikuti_lingkup_admin_opd(login, admin_opd, pegawai, outsider):
    client = login(admin_opd)
    params = {"app_label": "pegawai", "model_name": "pegawai", "field_name": "atasan"}
    sendiri = client.get(reverse("admin:autocomplete"), {**params, "term": pegawai.nama})
    assert sendiri.status_code == 200
    assert str(pegawai.pk) in {r["id"] for r in sendiri.json()["results"]}
    luar = client.get(reverse("admin:autocomplete"), {**params, "term": outsider.nama})
    assert luar.json()["results"] == []


def test_admin_opd_hanya_melihat_impor_miliknya(login, admin_opd, admin_bkd):
    from pegawai.models import ImporPegawai

    milik = ImporPegawai.objects.create(dibuat_oleh=admin_opd.user, berkas="impor/a.xlsx", nama_berkas="milik.xlsx")
    lain = ImporPegawai.objects.create(dibuat_oleh=admin_bkd.user, berkas="impor/b.xlsx", nama_berkas="lain.xlsx")
    client = login(admin_opd)
    html = client.get(url("imporpegawai")).content.decode()
    assert "milik.xlsx" in html and "lain.xlsx" not in html
    assert client.get(url("imporpegawai", "change", lain.pk)).status_code == 302
    assert client.get(url("imporpegawai", "change", milik.pk)).status_code == 200
