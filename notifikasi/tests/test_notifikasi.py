"""Notifications: the list (own only, unread first, paginated), opening one (marks it read, goes
to its local link, never to another site), mark all read, the nav badge's count, the bulk sender
and the read-only admin."""

import pytest
from django.urls import reverse

from notifikasi.models import Notifikasi
from notifikasi.selectors import tautan_aman
from notifikasi.services import PesanNotifikasi, notifikasi_kirim_banyak

pytestmark = pytest.mark.django_db

DAFTAR = reverse("notifikasi:notifikasi-list")
BACA_SEMUA = reverse("notifikasi:notifikasi-baca-semua")
JUMLAH = reverse("notifikasi:notifikasi-jumlah")


def _baca(pk):
    return reverse("notifikasi:notifikasi-baca", args=[pk])


def _n(user, judul="SKP dikembalikan", tautan="/kinerja/", dibaca=False):
    from django.utils import timezone

    return Notifikasi.objects.create(
        penerima=user, judul=judul, tautan=tautan, dibaca_pada=timezone.now() if dibaca else None
    )


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


# --- list -----------------------------------------------------------------------------------------


def test_daftar_hanya_milik_sendiri_belum_dibaca_lebih_dulu(login, pegawai, rekan):
    lama_belum = _n(pegawai.user, "Lama belum dibaca")
    baru_dibaca = _n(pegawai.user, "Baru sudah dibaca", dibaca=True)
    baru_belum = _n(pegawai.user, "Baru belum dibaca")
    _n(rekan.user, "Milik rekan")
    resp = login(pegawai).get(DAFTAR)
    assert resp.status_code == 200
    assert [n.pk for n in resp.context["page_obj"]] == [baru_belum.pk, lama_belum.pk, baru_dibaca.pk]
    assert "Milik rekan" not in resp.content.decode()
    assert resp.context["belum_dibaca"] == 2


def test_daftar_berhalaman_dan_nomor_halaman_salah_bukan_500(login, pegawai):
    Notifikasi.objects.bulk_create([Notifikasi(penerima=pegawai.user, judul=f"N{i}") for i in range(25)])
    klien = login(pegawai)
    assert len(klien.get(DAFTAR).context["page_obj"]) == 20
    assert len(klien.get(DAFTAR, {"page": "2"}).context["page_obj"]) == 5
    assert klien.get(DAFTAR, {"page": "abc"}).status_code == 200


def test_jumlah_query_daftar_tetap(login, pegawai, django_assert_num_queries):
    klien = login(pegawai)
    for _ in range(2):
        _n(pegawai.user)
    with django_assert_num_queries(8) as sedikit:
        klien.get(DAFTAR)
    for _ in range(4):
        _n(pegawai.user, dibaca=True)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        klien.get(DAFTAR)


def test_tamu_diarahkan_ke_login(client):
    assert client.get(DAFTAR)["Location"].startswith(reverse("akun:login"))


# --- open one ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("metode", ["get", "post"])
def test_membuka_notifikasi_menandai_dibaca_dan_menuju_tautannya(login, pegawai, metode):
    n = _n(pegawai.user, tautan="/kinerja/keberatan/5/?cakupan=putus")
    resp = getattr(login(pegawai), metode)(_baca(n.pk))
    assert resp.status_code == 302 and resp["Location"] == "/kinerja/keberatan/5/?cakupan=putus"
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_notifikasi_orang_lain_404_dan_tidak_berubah(login, pegawai, rekan):
    n = _n(rekan.user)
    klien = login(pegawai)
    assert klien.get(_baca(n.pk)).status_code == 404
    assert klien.post(_baca(n.pk)).status_code == 404
    assert klien.get(_baca(999999)).status_code == 404
    n.refresh_from_db()
    assert n.dibaca_pada is None


@pytest.mark.parametrize(
    "tautan",
    [
        "//evil.example.com/login",
        "https://evil.example.com/",
        "/\\evil.example.com",
        "javascript:alert(1)",
        "kinerja/relatif",
        "/kinerja/\nLocation: //evil.example.com",
    ],
)
def test_tautan_ke_situs_lain_tidak_dibuka(login, pegawai, tautan):
    n = _n(pegawai.user, tautan=tautan)
    resp = login(pegawai).get(_baca(n.pk), follow=True)
    assert resp.redirect_chain == [(DAFTAR, 302)]
    assert _pesan(resp) == ["Tautan notifikasi ini tidak valid sehingga tidak dibuka."]
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_tautan_lokal_dianggap_aman():
    assert tautan_aman("/kinerja/tim/")
    assert tautan_aman("/kinerja/keberatan/?cakupan=putus")
    assert not tautan_aman("")
    assert not tautan_aman("//x.example")


def test_notifikasi_tanpa_tautan_kembali_ke_daftar(login, pegawai):
    n = _n(pegawai.user, tautan="")
    resp = login(pegawai).post(_baca(n.pk))
    assert resp["Location"] == DAFTAR
    n.refresh_from_db()
    assert n.dibaca_pada is not None


# --- mark all ---------------------------------------------------------------------------------------


def test_tandai_semua_dibaca_hanya_milik_sendiri(login, pegawai, rekan):
    for _ in range(3):
        _n(pegawai.user)
    milik_rekan = _n(rekan.user)
    resp = login(pegawai).post(BACA_SEMUA, follow=True)
    assert _pesan(resp) == ["3 notifikasi ditandai sudah dibaca."]
    assert not Notifikasi.objects.filter(penerima=pegawai.user, dibaca_pada__isnull=True).exists()
    milik_rekan.refresh_from_db()
    assert milik_rekan.dibaca_pada is None


def test_tandai_semua_dengan_get_405(login, pegawai):
    _n(pegawai.user)
    assert login(pegawai).get(BACA_SEMUA).status_code == 405
    assert Notifikasi.objects.filter(dibaca_pada__isnull=True).count() == 1


# --- the nav badge ----------------------------------------------------------------------------------


def test_jumlah_untuk_lencana_sebagai_json_milik_sendiri(login, pegawai, rekan):
    for _ in range(2):
        _n(pegawai.user)
    _n(pegawai.user, dibaca=True)
    _n(rekan.user)
    resp = login(pegawai).get(JUMLAH)
    assert resp.status_code == 200
    assert resp.json() == {"jumlah": 2}
    assert resp["Cache-Control"] == "no-store"


def test_jumlah_berhenti_menghitung_di_100(login, pegawai, django_assert_num_queries):
    Notifikasi.objects.bulk_create([Notifikasi(penerima=pegawai.user, judul=f"N{i}") for i in range(120)])
    klien = login(pegawai)
    klien.get(JUMLAH)
    with django_assert_num_queries(5):  # session, user, roles (2, by the middleware), the count
        assert klien.get(JUMLAH).json() == {"jumlah": 100}  # the badge shows "99+"


def test_jumlah_tamu_diarahkan_ke_login(client):
    assert client.get(JUMLAH)["Location"].startswith(reverse("akun:login"))


# --- bulk sender -----------------------------------------------------------------------------------


def test_kirim_banyak_idempoten_per_kunci(pegawai, rekan, mailoutbox, django_capture_on_commit_callbacks):
    pegawai.email = "pegawai@contoh.go.id"
    pegawai.save(update_fields=["email"])
    daftar = [
        PesanNotifikasi(penerima_id=pegawai.user_id, judul="Pengingat A", pesan="2 tugas", tautan="/a/", kunci="k1"),
        PesanNotifikasi(penerima_id=pegawai.user_id, judul="Pengingat A lagi", kunci="k1"),  # same key: once
        PesanNotifikasi(penerima_id=rekan.user_id, judul="Pengingat B", pesan="5 tugas", kunci="k1"),
        PesanNotifikasi(penerima_id=None, judul="Tanpa penerima"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert notifikasi_kirim_banyak(daftar) == 2
    assert notifikasi_kirim_banyak(daftar) == 0
    assert Notifikasi.objects.get(penerima=rekan.user).pesan == "5 tugas"
    assert [m.to for m in mailoutbox] == [["pegawai@contoh.go.id"]]
    assert mailoutbox[0].subject == "[ASN Kinerja] Pengingat A"
    assert "/a/" in mailoutbox[0].body


# --- admin ------------------------------------------------------------------------------------------


def test_admin_notifikasi_hanya_baca_untuk_admin_bkd(login, admin_bkd, admin_opd, pegawai):
    n = _n(pegawai.user)
    url = reverse("admin:notifikasi_notifikasi_changelist")
    resp = login(admin_bkd).get(url)
    assert resp.status_code == 200 and "SKP dikembalikan" in resp.content.decode()
    ubah = login(admin_bkd).post(reverse("admin:notifikasi_notifikasi_change", args=[n.pk]), {"judul": "Diubah"})
    assert ubah.status_code == 403
    assert Notifikasi.objects.get(pk=n.pk).judul == "SKP dikembalikan"
    assert login(admin_opd).get(url).status_code == 403
