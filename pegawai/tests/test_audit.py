"""The audit trail and role assignment pages (Admin BKD only)."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from pegawai import services
from pegawai.models import Pegawai, PeranPengguna
from pegawai.tests.factories import PegawaiFactory, PeranFactory, UnitKerjaFactory

AUDIT = reverse("pegawai:audit-list")
PERAN = reverse("pegawai:peran-list")
PERAN_TAMBAH = reverse("pegawai:peran-create")


def entri_pegawai(pegawai):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Pegawai), object_id=pegawai.pk)


# --- audit trail: access ----------------------------------------------------------------------


def test_tamu_diarahkan_ke_halaman_masuk(client, db):
    response = client.get(AUDIT)
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "admin_opd", "petugas"])
def test_selain_admin_bkd_tidak_boleh_membuka_jejak_audit(login, persona, request):
    assert login(request.getfixturevalue(persona)).get(AUDIT).status_code == 403


def test_jejak_audit_menolak_post(login, admin_bkd):
    assert login(admin_bkd).post(AUDIT).status_code == 405


# --- audit trail: content ---------------------------------------------------------------------


def test_perubahan_lewat_service_tercatat_dengan_pelaku_dan_label_indonesia(login, admin_bkd, pegawai, opd_a):
    unit_baru = UnitKerjaFactory(nama="Bidang Kurikulum", jenis="bidang", induk=opd_a)
    nama_lama = pegawai.nama
    with set_actor(admin_bkd.user):
        services.pegawai_update(actor=admin_bkd.user, pegawai=pegawai, nama="Nama Baru Sekali", unit=unit_baru)

    entri = entri_pegawai(pegawai).get(action=LogEntry.Action.UPDATE)
    assert entri.actor == admin_bkd.user

    html = login(admin_bkd).get(AUDIT).content.decode()
    assert "Diubah" in html
    assert admin_bkd.nama in html and admin_bkd.nip in html
    assert f"<strong>Nama</strong>: {nama_lama} → Nama Baru Sekali" in html
    assert f"<strong>Unit kerja</strong>: {pegawai.unit.nama} → Bidang Kurikulum" in html
    assert reverse("pegawai:pegawai-detail", args=[pegawai.pk]) in html


def test_perubahan_lewat_halaman_tercatat_dengan_pelaku_dari_middleware(login, admin_bkd, pegawai):
    client = login(admin_bkd)
    client.post(PERAN_TAMBAH, {"nip": pegawai.nip, "peran": "petugas_pengaduan", "opd": ""})
    entri = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(PeranPengguna), object_repr__startswith="Petugas"
    )
    assert entri.actor == admin_bkd.user
    html = client.get(AUDIT, {"objek": "peran"}).content.decode()
    assert "Peran pengguna" in html
    assert "Dibuat" in html
    assert "<strong>Peran</strong>: — → Petugas Pengaduan" in html


def test_riwayat_jabatan_ditampilkan_dengan_nama_pegawai_dan_tautan(login, admin_bkd, pegawai, opd_b):
    with set_actor(admin_bkd.user):
        services.pegawai_move(
            actor=admin_bkd.user,
            pegawai=pegawai,
            unit=opd_b,
            jabatan=pegawai.jabatan,
            atasan=None,
            keterangan="SK 1/2025",
        )
    response = login(admin_bkd).get(AUDIT, {"objek": "riwayat", "aksi": LogEntry.Action.CREATE})
    baris = response.context["baris"]
    assert len(baris) == 1
    assert baris[0].jenis_objek == "Riwayat jabatan"
    assert baris[0].objek == f"{pegawai.nama} ({pegawai.nip})"
    assert baris[0].tautan == reverse("pegawai:pegawai-detail", args=[pegawai.pk])
    assert ("Keterangan", "—", "SK 1/2025") in baris[0].perubahan
    assert ("Unit kerja", "—", opd_b.nama) in baris[0].perubahan


def test_kode_aktivasi_dan_kata_sandi_tidak_pernah_tampil(login, admin_bkd, pegawai):
    with set_actor(admin_bkd.user):
        kode = services.akun_reset_aktivasi(actor=admin_bkd.user, pegawai=pegawai)
        services.akun_set_password(user=pegawai.user, password="Kinerja-Baru-2025")
    pegawai.refresh_from_db()
    assert entri_pegawai(pegawai).filter(action=LogEntry.Action.UPDATE).exists()

    html = login(admin_bkd).get(AUDIT, {"objek": "pegawai", "object_id": pegawai.pk}).content.decode()
    assert "Wajib ganti kata sandi" in html
    assert "aktivasi" not in html.lower()
    assert kode not in html
    assert services.kode_aktivasi_hash(kode) not in html
    assert "password" not in html.lower()


def test_saringan_objek_dan_id_dari_profil_pegawai(login, admin_bkd, pegawai, rekan):
    with set_actor(admin_bkd.user):
        services.pegawai_update(actor=admin_bkd.user, pegawai=pegawai, telepon="081111")
        services.pegawai_update(actor=admin_bkd.user, pegawai=rekan, telepon="082222")
    response = login(admin_bkd).get(AUDIT, {"objek": "pegawai", "object_id": pegawai.pk})
    entries = [b.entry for b in response.context["baris"]]
    assert entries
    assert {e.object_id for e in entries} == {pegawai.pk}
    assert "081111" in response.content.decode()
    assert "082222" not in response.content.decode()


def test_saringan_aksi_pelaku_teks_dan_tanggal(login, admin_bkd, admin_opd, pegawai, rekan):
    with set_actor(admin_opd.user):
        services.pegawai_update(actor=admin_opd.user, pegawai=pegawai, telepon="081111")
    with set_actor(admin_bkd.user):
        services.pegawai_update(actor=admin_bkd.user, pegawai=rekan, telepon="082222")
    client = login(admin_bkd)

    def ids(**params):
        return {b.entry.pk for b in client.get(AUDIT, params).context["baris"]}

    diubah = set(LogEntry.objects.filter(action=LogEntry.Action.UPDATE).values_list("pk", flat=True))
    assert ids(aksi=LogEntry.Action.UPDATE) == diubah
    assert ids(aktor=admin_opd.nip) == set(LogEntry.objects.filter(actor=admin_opd.user).values_list("pk", flat=True))
    assert ids(aktor=admin_opd.nip) and ids(aktor=admin_opd.nip).isdisjoint(ids(aktor=admin_bkd.nip))
    assert {b.entry.object_id for b in client.get(AUDIT, {"q": rekan.nama}).context["baris"]} == {rekan.pk}

    hari_ini = timezone.localdate()
    semua = ids()
    assert ids(dari=hari_ini.isoformat(), sampai=hari_ini.isoformat()) == semua
    assert ids(sampai=(hari_ini - datetime.timedelta(days=1)).isoformat()) == set()
    LogEntry.objects.filter(actor=admin_opd.user).update(timestamp=timezone.now() - datetime.timedelta(days=10))
    assert ids(dari=hari_ini.isoformat(), aktor=admin_opd.nip) == set()


@pytest.mark.parametrize(
    "params, pesan",
    [
        ({"object_id": "abc"}, "Masukkan keseluruhan angka bilangan."),
        ({"object_id": "99999999999999999999999"}, "Pastikan nilai ini lebih kecil"),
        ({"dari": "2024-13-45"}, "Masukkan tanggal yang valid."),
        ({"dari": "1500-01-01"}, "Tanggal harus antara tahun 2000 dan 2100."),
        ({"dari": "2025-02-01", "sampai": "2025-01-01"}, "Tanggal akhir tidak boleh sebelum tanggal awal."),
        ({"objek": "rahasia"}, "Masukkan pilihan yang valid."),
        ({"page": "bukan-angka"}, ""),
        ({"page": "99999"}, ""),
    ],
)
def test_saringan_tidak_valid_menampilkan_pesan_bukan_galat(login, admin_bkd, pegawai, params, pesan):
    response = login(admin_bkd).get(AUDIT, {**params, "objek": params.get("objek", "pegawai")})
    assert response.status_code == 200
    assert pesan in response.content.decode()


def _buat_entri(admin_bkd, opd, n):
    with set_actor(admin_bkd.user):
        for i in range(n):
            p = PegawaiFactory(unit=opd, jabatan=admin_bkd.jabatan)
            services.pegawai_update(actor=admin_bkd.user, pegawai=p, telepon=f"08{i:08d}", unit=opd, atasan=admin_bkd)


def test_jumlah_query_jejak_audit_tetap(login, admin_bkd, opd_a, django_assert_num_queries):
    client = login(admin_bkd)
    _buat_entri(admin_bkd, opd_a, 3)
    client.get(AUDIT)
    with django_assert_num_queries(8) as sedikit:
        response = client.get(AUDIT, {"aksi": LogEntry.Action.UPDATE, "aktor": admin_bkd.nip})
    assert len(response.context["baris"]) == 3
    _buat_entri(admin_bkd, opd_a, 30)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        response = client.get(AUDIT, {"aksi": LogEntry.Action.UPDATE, "aktor": admin_bkd.nip})
    assert len(response.context["baris"]) == 33


# --- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["pegawai", "admin_opd", "petugas"])
def test_selain_admin_bkd_tidak_boleh_mengatur_peran(login, persona, request, pegawai, admin_opd):
    client = login(request.getfixturevalue(persona))
    peran = PeranPengguna.objects.get(user=admin_opd.user)
    assert client.get(PERAN).status_code == 403
    assert client.post(PERAN_TAMBAH, {"nip": pegawai.nip, "peran": "admin_bkd"}).status_code == 403
    assert client.post(reverse("pegawai:peran-delete", args=[peran.pk])).status_code == 403
    assert not PeranPengguna.objects.filter(user=pegawai.user, peran="admin_bkd").exists()


def test_daftar_peran_dan_saringan(login, admin_bkd, admin_opd, petugas):
    client = login(admin_bkd)
    html = client.get(PERAN).content.decode()
    for p in (admin_bkd, admin_opd, petugas):
        assert p.nip in html
    assert "Seluruh Pemda" in html and "Seluruh OPD" in html and admin_opd.unit.nama in html

    html = client.get(PERAN, {"peran": "admin_opd"}).content.decode()
    assert admin_opd.nip in html and petugas.nip not in html
    html = client.get(PERAN, {"q": petugas.nama}).content.decode()
    assert petugas.nip in html and admin_opd.nip not in html


def test_admin_bkd_memberi_peran_admin_opd(login, admin_bkd, pegawai, opd_a):
    response = login(admin_bkd).post(PERAN_TAMBAH, {"nip": pegawai.nip, "peran": "admin_opd", "opd": opd_a.pk})
    assert response.status_code == 302
    assert response.url == PERAN
    assert PeranPengguna.objects.filter(user=pegawai.user, peran="admin_opd", opd=opd_a).count() == 1


@pytest.mark.parametrize(
    "data, pesan",
    [
        ({"nip": "199001012015011999", "peran": "petugas_pengaduan"}, "Pegawai dengan NIP ini tidak ditemukan."),
        ({"peran": "admin_opd"}, "Admin OPD wajib memiliki OPD."),
        ({"peran": "admin_bkd", "opd": "OPD"}, "Admin BKD berlaku untuk seluruh Pemda; kosongkan OPD."),
        ({"peran": "dewa"}, "Masukkan pilihan yang valid."),
        ({"peran": "petugas_pengaduan", "opd": "999999"}, "Masukkan pilihan yang valid."),
        ({"peran": "petugas_pengaduan", "opd": "BIDANG"}, "Masukkan pilihan yang valid."),
    ],
)
def test_masukan_peran_tidak_valid_ditolak_tanpa_menyimpan(login, admin_bkd, pegawai, opd_a, bidang_a, data, pesan):
    data = {"nip": pegawai.nip, **data}
    data["opd"] = {"OPD": opd_a.pk, "BIDANG": bidang_a.pk}.get(data.get("opd"), data.get("opd", ""))
    sebelum = PeranPengguna.objects.count()
    response = login(admin_bkd).post(PERAN_TAMBAH, data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert PeranPengguna.objects.count() == sebelum


def test_peran_ganda_dan_kiriman_dua_kali_tidak_menggandakan(login, admin_bkd, pegawai):
    client = login(admin_bkd)
    data = {"nip": pegawai.nip, "peran": "petugas_pengaduan", "opd": ""}
    assert client.post(PERAN_TAMBAH, data).status_code == 302
    kedua = client.post(PERAN_TAMBAH, data)
    assert kedua.status_code == 200
    assert "Pengguna sudah memiliki peran ini." in kedua.content.decode()
    assert PeranPengguna.objects.filter(user=pegawai.user).count() == 1


def test_pegawai_tanpa_akun_atau_nonaktif_tidak_bisa_diberi_peran(login, admin_bkd, pegawai, rekan):
    Pegawai.objects.filter(pk=pegawai.pk).update(user=None)
    Pegawai.objects.filter(pk=rekan.pk).update(aktif=False)
    client = login(admin_bkd)
    tanpa_akun = client.post(PERAN_TAMBAH, {"nip": pegawai.nip, "peran": "petugas_pengaduan"})
    assert "Pegawai ini belum memiliki akun" in tanpa_akun.content.decode()
    nonaktif = client.post(PERAN_TAMBAH, {"nip": rekan.nip, "peran": "petugas_pengaduan"})
    assert "Pegawai ini tidak aktif." in nonaktif.content.decode()
    assert PeranPengguna.objects.filter(peran="petugas_pengaduan").count() == 0


def test_cabut_peran_dengan_konfirmasi(login, admin_bkd, admin_opd):
    peran = PeranPengguna.objects.get(user=admin_opd.user)
    client = login(admin_bkd)
    url = reverse("pegawai:peran-delete", args=[peran.pk])
    konfirmasi = client.get(url)
    assert konfirmasi.status_code == 200
    assert "Ya, cabut peran" in konfirmasi.content.decode()
    assert PeranPengguna.objects.filter(pk=peran.pk).exists()

    response = client.post(url)
    assert response.status_code == 302
    assert not PeranPengguna.objects.filter(pk=peran.pk).exists()
    hapus = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(PeranPengguna), action=2)
    assert hapus.actor == admin_bkd.user
    assert client.post(url).status_code == 404


def test_admin_bkd_tidak_bisa_mencabut_peran_admin_bkd_sendiri(login, admin_bkd):
    peran = PeranPengguna.objects.get(user=admin_bkd.user)
    response = login(admin_bkd).post(reverse("pegawai:peran-delete", args=[peran.pk]), follow=True)
    assert "Anda tidak dapat mencabut peran Admin BKD Anda sendiri." in response.content.decode()
    assert PeranPengguna.objects.filter(pk=peran.pk).exists()


def test_cabut_peran_menolak_metode_put(login, admin_bkd, admin_opd):
    peran = PeranPengguna.objects.get(user=admin_opd.user)
    assert login(admin_bkd).put(reverse("pegawai:peran-delete", args=[peran.pk])).status_code == 405
    assert login(admin_bkd).put(PERAN_TAMBAH).status_code == 405
    assert login(admin_bkd).post(PERAN).status_code == 405


def test_jumlah_query_daftar_peran_tetap(login, admin_bkd, opd_a, django_assert_num_queries):
    client = login(admin_bkd)

    def tambah(n):
        for _ in range(n):
            PeranFactory(user=PegawaiFactory(unit=opd_a, jabatan=admin_bkd.jabatan).user, peran="admin_opd", opd=opd_a)

    tambah(3)
    client.get(PERAN)
    with django_assert_num_queries(8) as sedikit:
        client.get(PERAN)
    tambah(30)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        response = client.get(PERAN)
    assert len(response.context["object_list"]) == 34
