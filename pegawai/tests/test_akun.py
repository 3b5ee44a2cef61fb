"""Sign-in by NIP (with lockout), first-login password, password change, sign-out, error pages."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from pegawai import services
from pegawai.forms_akun import PESAN_LOGIN_GAGAL, PESAN_SANDI_LAMA_SALAH, PESAN_SANDI_TIDAK_SAMA
from pegawai.models import Pegawai

PASSWORD = "rahasia-uji-123"  # factories.UserFactory
LOGIN = reverse("akun:login")
GANTI = reverse("akun:password-change")


def masuk(client, nip, password, **extra):
    return client.post(LOGIN, {"username": nip, "password": password, **extra})


def user_id_sesi(client):
    return client.session.get(SESSION_KEY)


# --- login ------------------------------------------------------------------------------------


def test_halaman_masuk_berlabel_nip_dan_catatan_kode_aktivasi(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "NIP<span" in html
    assert "Kata sandi / kode aktivasi" in html
    assert "Pertama kali masuk? Gunakan kode aktivasi dari admin kepegawaian" in html


def test_masuk_dengan_nip_dan_kata_sandi_berhasil(client, pegawai):
    response = masuk(client, pegawai.nip, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("beranda")
    assert user_id_sesi(client) == str(pegawai.user.pk)


def test_nip_yang_ditulis_dengan_spasi_tetap_diterima(client, pegawai):
    nip = f"{pegawai.nip[:8]} {pegawai.nip[8:14]} {pegawai.nip[14]} {pegawai.nip[15:]}"
    response = masuk(client, nip, PASSWORD)
    assert response.status_code == 302
    assert user_id_sesi(client) == str(pegawai.user.pk)


def test_kata_sandi_salah_menampilkan_pesan_dan_tidak_masuk(client, pegawai):
    response = masuk(client, pegawai.nip, "salah-sekali")
    assert response.status_code == 200
    assert PESAN_LOGIN_GAGAL in response.content.decode()
    assert user_id_sesi(client) is None


def test_nip_kosong_menampilkan_pesan_wajib_diisi(client, db):
    response = masuk(client, "", "")
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong." in response.content.decode()


def test_pegawai_nonaktif_tidak_bisa_masuk(client, pegawai):
    pegawai.user.is_active = False
    pegawai.user.save(update_fields=["is_active"])
    response = masuk(client, pegawai.nip, PASSWORD)
    assert response.status_code == 200
    assert user_id_sesi(client) is None


def test_next_di_host_sendiri_diikuti(client, pegawai):
    response = masuk(client, pegawai.nip, PASSWORD, next="/pegawai/saya/")
    assert response.url == "/pegawai/saya/"


def test_next_ke_situs_lain_diabaikan(client, pegawai):
    response = masuk(client, pegawai.nip, PASSWORD, next="https://jahat.example.com/curi")
    assert response.url == reverse("beranda")


def test_pengguna_yang_sudah_masuk_diarahkan_ke_beranda(login, pegawai):
    response = login(pegawai).get(LOGIN)
    assert response.status_code == 302
    assert response.url == reverse("beranda")


def test_login_menolak_metode_put(client, db):
    assert client.put(LOGIN).status_code == 405


# --- lockout (django-axes) --------------------------------------------------------------------


def test_lima_kali_gagal_mengunci_nip_dan_kata_sandi_benar_pun_ditolak(client, pegawai, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert masuk(client, pegawai.nip, "salah-sekali").status_code == 200
    kelima = masuk(client, pegawai.nip, "salah-sekali")
    assert kelima.status_code == 429
    assert "Akun terkunci sementara" in kelima.content.decode()
    assert "30 menit" in kelima.content.decode()

    benar = masuk(client, pegawai.nip, PASSWORD)
    assert benar.status_code == 429
    assert "Akun terkunci sementara" in benar.content.decode()
    assert user_id_sesi(client) is None


def test_penguncian_hanya_untuk_nip_yang_gagal(client, pegawai, rekan):
    for _ in range(5):
        masuk(client, pegawai.nip, "salah-sekali")
    response = masuk(client, rekan.nip, PASSWORD)
    assert response.status_code == 302
    assert user_id_sesi(client) == str(rekan.user.pk)


def test_kunci_dibuka_setelah_masa_tunggu(client, pegawai, settings):
    for _ in range(5):
        masuk(client, pegawai.nip, "salah-sekali")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = masuk(client, pegawai.nip, PASSWORD)
    assert response.status_code == 302
    assert user_id_sesi(client) == str(pegawai.user.pk)


def test_masuk_berhasil_menghapus_hitungan_gagal(client, pegawai):
    for _ in range(4):
        masuk(client, pegawai.nip, "salah-sekali")
    assert masuk(client, pegawai.nip, PASSWORD).status_code == 302
    client.post(reverse("akun:logout"))
    for _ in range(4):
        assert masuk(client, pegawai.nip, "salah-sekali").status_code == 200


# --- first login with an activation code ------------------------------------------------------


@pytest.fixture
def kode(pegawai, admin_bkd):
    return services.akun_reset_aktivasi(actor=admin_bkd.user, pegawai=pegawai)


def test_kode_aktivasi_memaksa_membuat_kata_sandi_sebelum_halaman_lain(client, pegawai, kode):
    response = masuk(client, pegawai.nip, kode.lower())
    assert response.status_code == 302
    assert user_id_sesi(client) == str(pegawai.user.pk)

    for url in (reverse("beranda"), reverse("pegawai:profil-saya"), reverse("pegawai:audit-list")):
        blocked = client.get(url)
        assert blocked.status_code == 302, url
        assert blocked.url == GANTI

    halaman = client.get(GANTI)
    assert halaman.status_code == 200
    assert "Kata sandi lama" not in halaman.content.decode()
    assert "Buat kata sandi Anda" in halaman.content.decode()

    response = client.post(GANTI, {"new_password1": "Kinerja-Baru-2025", "new_password2": "Kinerja-Baru-2025"})
    assert response.status_code == 302
    assert response.url == reverse("beranda")
    pegawai.refresh_from_db()
    assert pegawai.wajib_ganti_password is False
    assert pegawai.kode_aktivasi_hash == ""
    assert pegawai.user.check_password("Kinerja-Baru-2025")
    # Still signed in (session hash updated) and free to move around.
    beranda = client.get(reverse("beranda"))
    assert beranda.status_code == 200
    assert "Kata sandi berhasil disimpan." in beranda.content.decode()


def test_kode_aktivasi_tidak_berlaku_lagi_setelah_kata_sandi_dibuat(client, pegawai, kode):
    masuk(client, pegawai.nip, kode)
    client.post(GANTI, {"new_password1": "Kinerja-Baru-2025", "new_password2": "Kinerja-Baru-2025"})
    client.post(reverse("akun:logout"))

    ulang = masuk(client, pegawai.nip, kode)
    assert ulang.status_code == 200
    assert PESAN_LOGIN_GAGAL in ulang.content.decode()
    assert masuk(client, pegawai.nip, "Kinerja-Baru-2025").status_code == 302


def test_kode_aktivasi_kedaluwarsa_ditolak_seperti_kata_sandi_salah(client, pegawai, kode):
    Pegawai.objects.filter(pk=pegawai.pk).update(kode_aktivasi_berlaku_sampai=timezone.now() - timedelta(minutes=1))
    response = masuk(client, pegawai.nip, kode)
    assert response.status_code == 200
    assert PESAN_LOGIN_GAGAL in response.content.decode()
    assert user_id_sesi(client) is None


def test_kata_sandi_lama_tidak_berlaku_setelah_reset_aktivasi(client, pegawai, kode):
    response = masuk(client, pegawai.nip, PASSWORD)
    assert response.status_code == 200
    assert user_id_sesi(client) is None


def test_kata_sandi_baru_yang_lemah_ditolak_dengan_pesan_indonesia(client, pegawai, kode):
    masuk(client, pegawai.nip, kode)
    response = client.post(GANTI, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kata sandi ini terlalu umum." in html
    assert "Kata sandi ini seluruhnya terdiri dari angka." in html
    pegawai.refresh_from_db()
    assert pegawai.wajib_ganti_password is True
    assert not pegawai.user.has_usable_password()


def test_kata_sandi_sama_dengan_nip_ditolak(client, pegawai, kode):
    masuk(client, pegawai.nip, kode)
    response = client.post(GANTI, {"new_password1": pegawai.nip, "new_password2": pegawai.nip})
    assert response.status_code == 200
    pegawai.refresh_from_db()
    assert pegawai.wajib_ganti_password is True


# --- ordinary password change -----------------------------------------------------------------


def test_ganti_kata_sandi_memerlukan_kata_sandi_lama(login, pegawai):
    client = login(pegawai)
    halaman = client.get(GANTI)
    assert "Kata sandi lama" in halaman.content.decode()

    salah = client.post(
        GANTI, {"old_password": "bukan-ini", "new_password1": "Kinerja-Baru-2025", "new_password2": "Kinerja-Baru-2025"}
    )
    assert salah.status_code == 200
    assert PESAN_SANDI_LAMA_SALAH in salah.content.decode()
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password(PASSWORD)


def test_ganti_kata_sandi_berhasil_dan_sesi_tetap(login, pegawai):
    client = login(pegawai)
    response = client.post(
        GANTI, {"old_password": PASSWORD, "new_password1": "Kinerja-Baru-2025", "new_password2": "Kinerja-Baru-2025"}
    )
    assert response.status_code == 302
    assert response.url == reverse("beranda")
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password("Kinerja-Baru-2025")
    assert client.get(reverse("beranda")).status_code == 200


def test_konfirmasi_kata_sandi_yang_berbeda_ditolak(login, pegawai):
    client = login(pegawai)
    response = client.post(
        GANTI, {"old_password": PASSWORD, "new_password1": "Kinerja-Baru-2025", "new_password2": "Kinerja-Lain-2025"}
    )
    assert response.status_code == 200
    assert PESAN_SANDI_TIDAK_SAMA in response.content.decode()
    pegawai.user.refresh_from_db()
    assert pegawai.user.check_password(PASSWORD)


def test_ganti_kata_sandi_memerlukan_login(client, db):
    response = client.get(GANTI)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_ganti_kata_sandi_menolak_metode_put(login, pegawai):
    assert login(pegawai).put(GANTI).status_code == 405


# --- logout -----------------------------------------------------------------------------------


def test_keluar_hanya_dengan_post(login, pegawai):
    client = login(pegawai)
    assert client.get(reverse("akun:logout")).status_code == 405
    assert user_id_sesi(client) == str(pegawai.user.pk)

    response = client.post(reverse("akun:logout"))
    assert response.status_code == 302
    assert response.url == LOGIN
    assert user_id_sesi(client) is None


# --- error pages ------------------------------------------------------------------------------


def test_halaman_404_berbahasa_indonesia(login, pegawai):
    response = login(pegawai).get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert reverse("beranda") in html


def test_halaman_403_berbahasa_indonesia(login, pegawai):
    response = login(pegawai).get(reverse("pegawai:audit-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Akses ditolak" in html
    assert "Halaman ini tidak tersedia untuk peran Anda." in html


def test_halaman_500_statis_tanpa_query(db, django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()


def test_formulir_tanpa_token_csrf_mendapat_halaman_kedaluwarsa(pegawai):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": pegawai.nip, "password": PASSWORD})
    assert response.status_code == 403
    assert "Formulir kedaluwarsa, muat ulang halaman" in response.content.decode()
    assert user_id_sesi(client) is None
