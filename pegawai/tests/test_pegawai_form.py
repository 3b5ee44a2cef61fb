"""Create, edit, move, deactivate, reactivate and reset the activation code of an employee."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.urls import reverse

from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from pegawai.services import kode_aktivasi_cocok
from pegawai.tests.factories import JabatanFactory, UnitKerjaFactory, nip_valid

User = get_user_model()
TAMBAH = reverse("pegawai:pegawai-create")
# Born in 2000: outside the factories' 1965-1999 range, so never equal to a generated NIP.
NIP_BARU = nip_valid(7, lahir=date(2000, 1, 15), perempuan=True)


def url(name, p):
    return reverse(f"pegawai:{name}", args=[p.pk])


def _data(unit, jabatan, **lain):
    data = {
        "nip": NIP_BARU,
        "gelar_depan": "",
        "nama": "Budi Santoso",
        "gelar_belakang": "S.Kom.",
        "status_kepegawaian": "pns",
        "golongan": "III/b",
        "unit": unit.pk,
        "jabatan": jabatan.pk,
        "atasan_nip": "",
        "email": "budi@contoh.go.id",
        "telepon": "081234567890",
    }
    data.update(lain)
    return data


def _pesan(response) -> str:
    return response.content.decode()


# --- create -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_opd_menambah_pegawai_dan_melihat_kode_aktivasi_sekali(login, admin_opd, bidang_a, jabatan_staf, atasan):
    c = login(admin_opd)
    nip_atasan_berspasi = f"{atasan.nip[:8]} {atasan.nip[8:14]} {atasan.nip[14]} {atasan.nip[15:]}"
    r = c.post(TAMBAH, _data(bidang_a, jabatan_staf, atasan_nip=nip_atasan_berspasi))
    baru = Pegawai.objects.get(nip=NIP_BARU)
    assert r.status_code == 302 and r["Location"] == url("pegawai-kode-aktivasi", baru)
    assert baru.atasan == atasan and baru.unit == bidang_a and baru.nama_lengkap == "Budi Santoso, S.Kom."
    assert baru.user.username == NIP_BARU and not baru.user.has_usable_password()
    assert baru.wajib_ganti_password
    assert list(baru.riwayat.values_list("keterangan", "sampai")) == [("Data awal", None)]

    halaman = c.get(r["Location"])
    assert halaman.status_code == 200 and halaman["Cache-Control"] == "private, no-store"
    kode = halaman.context["kode"]
    assert kode in _pesan(halaman) and kode_aktivasi_cocok(baru, kode)
    assert "Masuk dengan NIP dan kode aktivasi ini, lalu buat kata sandi sendiri" in _pesan(halaman)
    # Shown once: a second visit only explains how to get a new one.
    lagi = c.get(r["Location"], follow=True)
    assert kode not in _pesan(lagi) and "hanya ditampilkan satu kali" in _pesan(lagi)


@pytest.mark.django_db
def test_penambahan_pegawai_tercatat_di_audit_dengan_pelakunya(login, admin_opd, bidang_a, jabatan_staf):
    login(admin_opd).post(TAMBAH, _data(bidang_a, jabatan_staf))
    baru = Pegawai.objects.get(nip=NIP_BARU)
    log = LogEntry.objects.get_for_object(baru).get(action=LogEntry.Action.CREATE)
    assert log.actor == admin_opd.user


@pytest.mark.django_db
def test_kirim_ganda_tidak_membuat_dua_pegawai(login, admin_opd, bidang_a, jabatan_staf):
    c = login(admin_opd)
    c.post(TAMBAH, _data(bidang_a, jabatan_staf))
    jumlah_user = User.objects.count()
    r = c.post(TAMBAH, _data(bidang_a, jabatan_staf))
    assert r.status_code == 200
    assert "Pegawai dengan NIP ini sudah terdaftar." in _pesan(r)
    assert Pegawai.objects.filter(nip=NIP_BARU).count() == 1 and User.objects.count() == jumlah_user


@pytest.mark.django_db
def test_kirim_ganda_yang_berbarengan_ditangkap_sebagai_pesan(login, admin_opd, bidang_a, jabatan_staf, monkeypatch):
    def bentrok(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: pegawai_pegawai.nip")

    monkeypatch.setattr("pegawai.services.pegawai_create", bentrok)
    r = login(admin_opd).post(TAMBAH, _data(bidang_a, jabatan_staf))
    assert r.status_code == 200 and "Pegawai dengan NIP ini sudah terdaftar." in _pesan(r)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"nip": "19801301 200501 1 001"}, "Tanggal lahir pada NIP (digit 1-8) tidak valid."),
        ({"nip": "19900101 2015 01 3 001"}, "Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2."),
        ({"nip": "12345"}, "NIP harus terdiri dari 18 digit angka."),
        ({"status_kepegawaian": "pppk", "golongan": "III/a"}, "PPPK harus memiliki grade I sampai XVII."),
        ({"status_kepegawaian": "pns", "golongan": "IX"}, "PNS/CPNS harus memiliki golongan I/a sampai IV/e."),
        ({"nama": ""}, "Bidang ini tidak boleh kosong."),
        ({"email": "bukan-email"}, "Masukkan alamat email yang valid."),
        ({"atasan_nip": "199001012015011001"}, "Tidak ada pegawai aktif dengan NIP ini"),
        ({"unit": "abc"}, "Masukkan pilihan yang valid."),
    ],
)
def test_isian_salah_menampilkan_pesan_dan_tidak_menyimpan(login, admin_opd, bidang_a, jabatan_staf, ubah, pesan):
    jumlah_user = User.objects.count()
    r = login(admin_opd).post(TAMBAH, _data(bidang_a, jabatan_staf) | ubah)
    assert r.status_code == 200 and pesan in _pesan(r)
    assert not Pegawai.objects.filter(nama="Budi Santoso").exists() and User.objects.count() == jumlah_user


@pytest.mark.django_db
def test_admin_opd_tidak_bisa_menempatkan_pegawai_di_opd_lain(login, admin_opd, opd_b, jabatan_staf, outsider):
    c = login(admin_opd)
    pilihan = {u.pk for u in c.get(TAMBAH).context["form"].fields["unit"].queryset}
    assert opd_b.pk not in pilihan
    r = c.post(TAMBAH, _data(opd_b, jabatan_staf))
    assert "unit" in r.context["form"].errors
    # An employee of another OPD (not a JPT holder) cannot be named as atasan either.
    r = c.post(TAMBAH, _data(admin_opd.unit, jabatan_staf, atasan_nip=outsider.nip))
    assert "atasan_nip" in r.context["form"].errors
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


@pytest.mark.django_db
def test_pilihan_unit_tanpa_pemda_dan_jabatan_tanpa_yang_nonaktif(login, admin_bkd, pemda, opd_a, jabatan_staf):
    lama = JabatanFactory(nama="Jabatan Lama", aktif=False)
    form = login(admin_bkd).get(TAMBAH).context["form"]
    assert pemda not in form.fields["unit"].queryset and opd_a in form.fields["unit"].queryset
    assert lama not in form.fields["jabatan"].queryset and jabatan_staf in form.fields["jabatan"].queryset


@pytest.mark.django_db
def test_atasan_dan_pegawai_tidak_boleh_menambah_pegawai(login, atasan, pegawai, bidang_a, jabatan_staf):
    assert login(atasan).get(TAMBAH).status_code == 403
    assert login(pegawai).post(TAMBAH, _data(bidang_a, jabatan_staf)).status_code == 403
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


@pytest.mark.django_db
def test_tambah_pegawai_menolak_metode_lain(login, admin_bkd):
    assert login(admin_bkd).put(TAMBAH).status_code == 405


# --- update -----------------------------------------------------------------------------------


def _data_ubah(p, **lain):
    data = {
        "nip": p.nip,
        "gelar_depan": p.gelar_depan,
        "nama": p.nama,
        "gelar_belakang": p.gelar_belakang,
        "status_kepegawaian": p.status_kepegawaian,
        "golongan": p.golongan,
        "email": p.email,
        "telepon": p.telepon,
        "atasan_nip": p.atasan.nip if p.atasan_id else "",
    }
    data.update(lain)
    return data


@pytest.mark.django_db
def test_admin_opd_mengubah_data_pegawai(login, admin_opd, pegawai):
    r = login(admin_opd).post(url("pegawai-update", pegawai), _data_ubah(pegawai, golongan="III/c", gelar_depan="Dr."))
    assert r.status_code == 302 and r["Location"] == url("pegawai-detail", pegawai)
    pegawai.refresh_from_db()
    assert pegawai.golongan == "III/c" and pegawai.gelar_depan == "Dr."
    log = LogEntry.objects.get_for_object(pegawai).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert log.actor == admin_opd.user and "golongan" in log.changes_dict


@pytest.mark.django_db
def test_ubah_nip_ikut_mengubah_nama_akun(login, admin_bkd, pegawai):
    login(admin_bkd).post(url("pegawai-update", pegawai), _data_ubah(pegawai, nip=NIP_BARU))
    pegawai.refresh_from_db()
    assert pegawai.nip == NIP_BARU and pegawai.user.username == NIP_BARU


@pytest.mark.django_db
def test_ubah_atasan_yang_melingkar_ditolak(login, admin_opd, atasan, pegawai):
    r = login(admin_opd).post(url("pegawai-update", atasan), _data_ubah(atasan, atasan_nip=pegawai.nip))
    assert r.status_code == 200
    assert "rantai atasan tidak boleh melingkar" in _pesan(r)
    assert "atasan_nip" in r.context["form"].errors
    atasan.refresh_from_db()
    assert atasan.atasan_id != pegawai.pk


@pytest.mark.django_db
def test_ubah_dengan_nip_milik_pegawai_lain_ditolak(login, admin_opd, pegawai, rekan):
    r = login(admin_opd).post(url("pegawai-update", pegawai), _data_ubah(pegawai, nip=rekan.nip, nama="Nama Baru"))
    assert "Pegawai dengan NIP ini sudah terdaftar." in _pesan(r)
    pegawai.refresh_from_db()
    assert pegawai.nama == "Pegawai Uji"


@pytest.mark.django_db
def test_atasan_dari_opd_lain_tetap_boleh_bila_tidak_diubah(login, admin_opd, pegawai, outsider):
    # Set by BKD earlier: the Admin OPD may still save the rest of the record.
    Pegawai.objects.filter(pk=pegawai.pk).update(atasan=outsider)
    pegawai.refresh_from_db()
    r = login(admin_opd).post(url("pegawai-update", pegawai), _data_ubah(pegawai, telepon="0811"))
    assert r.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.telepon == "0811" and pegawai.atasan == outsider


@pytest.mark.django_db
def test_ubah_pegawai_di_luar_lingkup_404_dan_peran_salah_403(login, admin_opd, atasan, pegawai, outsider):
    assert login(admin_opd).get(url("pegawai-update", outsider)).status_code == 404
    assert login(admin_opd).post(url("pegawai-update", outsider), _data_ubah(outsider, nama="X")).status_code == 404
    assert login(atasan).get(url("pegawai-update", pegawai)).status_code == 403
    outsider.refresh_from_db()
    assert outsider.nama == "Orang Luar"


@pytest.mark.django_db
def test_ubah_pegawai_menolak_metode_lain(login, admin_opd, pegawai):
    assert login(admin_opd).delete(url("pegawai-update", pegawai)).status_code == 405


# --- move -------------------------------------------------------------------------------------


@pytest.fixture
def seksi_baru(bidang_a):
    return UnitKerjaFactory(
        kode="DISDIK-PTK-2", nama="Seksi Tenaga Kependidikan", jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a
    )


@pytest.mark.django_db
def test_mutasi_mencatat_riwayat_dan_menyimpan_penempatan_lama(login, admin_opd, pegawai, seksi_baru, rekan):
    RiwayatJabatan.objects.create(pegawai=pegawai, unit=pegawai.unit, jabatan=pegawai.jabatan, mulai=date(2020, 1, 1))
    jabatan_baru = JabatanFactory(nama="Pengawas Sekolah", jenis=Jabatan.Jenis.PENGAWAS)
    data = {
        "unit": seksi_baru.pk,
        "jabatan": jabatan_baru.pk,
        "atasan_nip": rekan.nip,
        "keterangan": " SK 821/45/2025 ",
    }
    r = login(admin_opd).post(url("pegawai-move", pegawai), data)
    assert r.status_code == 302 and r["Location"] == url("pegawai-detail", pegawai)
    pegawai.refresh_from_db()
    assert (pegawai.unit, pegawai.jabatan, pegawai.atasan) == (seksi_baru, jabatan_baru, rekan)
    lama, baru = pegawai.riwayat.order_by("id")
    assert lama.sampai is not None and lama.unit != seksi_baru
    assert baru.sampai is None and baru.unit == seksi_baru and baru.keterangan == "SK 821/45/2025"


@pytest.mark.django_db
def test_mutasi_tanpa_keterangan_ditolak(login, admin_opd, pegawai, seksi_baru):
    data = {"unit": seksi_baru.pk, "jabatan": pegawai.jabatan_id, "atasan_nip": "", "keterangan": "   "}
    r = login(admin_opd).post(url("pegawai-move", pegawai), data)
    assert r.status_code == 200 and "keterangan" in r.context["form"].errors
    pegawai.refresh_from_db()
    assert pegawai.unit != seksi_baru and not pegawai.riwayat.exists()


@pytest.mark.django_db
def test_mutasi_pegawai_nonaktif_ditolak(login, admin_opd, pegawai, seksi_baru):
    Pegawai.objects.filter(pk=pegawai.pk).update(aktif=False)
    data = {"unit": seksi_baru.pk, "jabatan": pegawai.jabatan_id, "atasan_nip": "", "keterangan": "SK 1"}
    r = login(admin_opd).post(url("pegawai-move", pegawai), data)
    assert "Pegawai tidak aktif; aktifkan kembali sebelum mutasi." in _pesan(r)
    pegawai.refresh_from_db()
    assert pegawai.unit != seksi_baru


@pytest.mark.django_db
def test_mutasi_ke_opd_lain_hanya_oleh_admin_bkd(login, admin_opd, admin_bkd, pegawai, opd_b):
    data = {"unit": opd_b.pk, "jabatan": pegawai.jabatan_id, "atasan_nip": "", "keterangan": "SK 2"}
    r = login(admin_opd).post(url("pegawai-move", pegawai), data)
    assert "unit" in r.context["form"].errors
    r = login(admin_bkd).post(url("pegawai-move", pegawai), data)
    assert r.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.unit == opd_b and pegawai.atasan is None


@pytest.mark.django_db
def test_mutasi_di_luar_lingkup_404_peran_salah_403_metode_salah_405(login, admin_opd, atasan, pegawai, outsider):
    assert login(admin_opd).get(url("pegawai-move", outsider)).status_code == 404
    assert login(atasan).get(url("pegawai-move", pegawai)).status_code == 403
    assert login(admin_opd).put(url("pegawai-move", pegawai)).status_code == 405
    assert login(admin_opd).get(url("pegawai-move", pegawai)).status_code == 200


# --- deactivate / reactivate ------------------------------------------------------------------


@pytest.mark.django_db
def test_nonaktifkan_pegawai_dengan_alasan(login, admin_opd, pegawai):
    RiwayatJabatan.objects.create(pegawai=pegawai, unit=pegawai.unit, jabatan=pegawai.jabatan, mulai=date(2020, 1, 1))
    c = login(admin_opd)
    assert c.get(url("pegawai-deactivate", pegawai)).status_code == 200
    r = c.post(url("pegawai-deactivate", pegawai), {"alasan": "Pensiun, SK 800/1/2025"})
    assert r.status_code == 302
    pegawai.refresh_from_db()
    assert not pegawai.aktif and not pegawai.user.is_active
    assert pegawai.riwayat.get().sampai is not None


@pytest.mark.django_db
def test_nonaktifkan_atasan_yang_masih_memiliki_bawahan_ditolak(login, admin_opd, atasan, pegawai, rekan):
    r = login(admin_opd).post(url("pegawai-deactivate", atasan), {"alasan": "Pensiun"})
    assert r.status_code == 200
    assert "masih menjadi atasan langsung 2 pegawai aktif" in _pesan(r)
    atasan.refresh_from_db()
    assert atasan.aktif


@pytest.mark.django_db
def test_nonaktifkan_tanpa_alasan_atau_diri_sendiri_ditolak(login, admin_opd, pegawai):
    c = login(admin_opd)
    r = c.post(url("pegawai-deactivate", pegawai), {"alasan": "  "})
    assert "alasan" in r.context["form"].errors
    r = c.post(url("pegawai-deactivate", admin_opd), {"alasan": "Pindah"})
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in _pesan(r)
    assert Pegawai.objects.filter(pk__in=[pegawai.pk, admin_opd.pk], aktif=True).count() == 2


@pytest.mark.django_db
def test_nonaktifkan_di_luar_lingkup_404_peran_salah_403_metode_salah_405(login, admin_opd, atasan, pegawai, outsider):
    assert login(admin_opd).post(url("pegawai-deactivate", outsider), {"alasan": "x"}).status_code == 404
    assert login(atasan).post(url("pegawai-deactivate", pegawai), {"alasan": "x"}).status_code == 403
    assert login(admin_opd).put(url("pegawai-deactivate", pegawai)).status_code == 405
    assert Pegawai.objects.filter(pk__in=[pegawai.pk, outsider.pk], aktif=True).count() == 2


@pytest.mark.django_db
def test_aktifkan_kembali_hanya_lewat_post(login, admin_opd, pegawai):
    Pegawai.objects.filter(pk=pegawai.pk).update(aktif=False)
    c = login(admin_opd)
    assert c.get(url("pegawai-reactivate", pegawai)).status_code == 405
    r = c.post(url("pegawai-reactivate", pegawai), follow=True)
    assert "telah diaktifkan kembali" in _pesan(r)
    pegawai.refresh_from_db()
    assert pegawai.aktif and pegawai.riwayat.get().keterangan == "Diaktifkan kembali"


@pytest.mark.django_db
def test_aktifkan_pegawai_yang_sudah_aktif_memberi_pesan(login, admin_opd, pegawai):
    r = login(admin_opd).post(url("pegawai-reactivate", pegawai), follow=True)
    assert "Pegawai ini sudah aktif." in _pesan(r)
    assert not pegawai.riwayat.exists()


@pytest.mark.django_db
def test_aktifkan_di_luar_lingkup_404_dan_peran_salah_403(login, admin_opd, atasan, pegawai, outsider):
    assert login(admin_opd).post(url("pegawai-reactivate", outsider)).status_code == 404
    assert login(atasan).post(url("pegawai-reactivate", pegawai)).status_code == 403


# --- activation code --------------------------------------------------------------------------


@pytest.mark.django_db
def test_buat_kode_aktivasi_baru_menggantikan_kata_sandi(login, admin_opd, pegawai):
    assert pegawai.user.has_usable_password()
    c = login(admin_opd)
    assert c.get(url("pegawai-reset-aktivasi", pegawai)).status_code == 405
    r = c.post(url("pegawai-reset-aktivasi", pegawai))
    assert r.status_code == 302 and r["Location"] == url("pegawai-kode-aktivasi", pegawai)
    kode = c.get(r["Location"]).context["kode"]
    pegawai.refresh_from_db()
    assert kode_aktivasi_cocok(pegawai, kode) and pegawai.wajib_ganti_password
    assert not pegawai.user.has_usable_password()


@pytest.mark.django_db
def test_kode_aktivasi_pegawai_nonaktif_ditolak(login, admin_opd, pegawai):
    Pegawai.objects.filter(pk=pegawai.pk).update(aktif=False)
    r = login(admin_opd).post(url("pegawai-reset-aktivasi", pegawai), follow=True)
    assert "Pegawai tidak aktif; aktifkan kembali terlebih dahulu." in _pesan(r)
    pegawai.refresh_from_db()
    assert pegawai.kode_aktivasi_hash == ""


@pytest.mark.django_db
def test_kode_aktivasi_di_luar_lingkup_404_dan_peran_salah_403(login, admin_opd, atasan, pegawai, outsider):
    assert login(admin_opd).post(url("pegawai-reset-aktivasi", outsider)).status_code == 404
    assert login(admin_opd).get(url("pegawai-kode-aktivasi", outsider)).status_code == 404
    assert login(atasan).post(url("pegawai-reset-aktivasi", pegawai)).status_code == 403
    assert login(pegawai).get(url("pegawai-kode-aktivasi", pegawai)).status_code == 403
    outsider.refresh_from_db()
    assert outsider.kode_aktivasi_hash == ""


@pytest.mark.django_db
def test_kode_aktivasi_tidak_bocor_ke_admin_lain(login, admin_opd, admin_bkd, pegawai, client):
    login(admin_opd).post(url("pegawai-reset-aktivasi", pegawai))
    client.logout()
    r = login(admin_bkd).get(url("pegawai-kode-aktivasi", pegawai))
    assert r.status_code == 302 and r["Location"] == url("pegawai-detail", pegawai)


@pytest.mark.django_db
def test_profil_pegawai_nonaktif_menampilkan_tombol_aktifkan(login, admin_opd, pegawai):
    Pegawai.objects.filter(pk=pegawai.pk).update(aktif=False)
    html = _pesan(login(admin_opd).get(url("pegawai-detail", pegawai)))
    assert url("pegawai-reactivate", pegawai) in html and url("pegawai-deactivate", pegawai) not in html


@pytest.mark.django_db
def test_atasan_diri_sendiri_ditolak_dengan_pesan_jelas(login, admin_opd, pegawai):
    r = login(admin_opd).post(url("pegawai-update", pegawai), _data_ubah(pegawai, atasan_nip=pegawai.nip))
    assert "Pegawai tidak dapat menjadi atasan bagi dirinya sendiri." in _pesan(r)
    pegawai.refresh_from_db()
    assert pegawai.atasan_id != pegawai.pk
