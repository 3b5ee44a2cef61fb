"""The realisation page (evaluasi:skp-realisasi) and the atasan's feedback
(evaluasi:realisasi-umpanbalik): happy paths, refusals with their messages, two tabs, query count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.models import BuktiDukung, Periode, Realisasi, Skp, UmpanBalik
from evaluasi.services.realisasi import (
    PESAN_BUKAN_PEMILIK,
    PESAN_INDIKATOR_ASING,
    PESAN_NILAI_ANGKA,
    PESAN_NILAI_KOSONG,
    PESAN_NILAI_NEGATIF,
    PESAN_PERIODE_DITUTUP,
    PESAN_SKP_BELUM_DISETUJUI,
    PESAN_TANPA_PERIODE,
    PESAN_UMPAN_BALIK_BUKAN_ATASAN,
    realisasi_simpan,
)
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import IndikatorFactory, RhkFactory, periode_uji, skp_uji
from evaluasi.tests.test_realisasi_services import rs_fixture  # noqa: F401 (fixture rs)
from notifikasi.models import Notifikasi


def _url(rs, **query):
    url = reverse("evaluasi:skp-realisasi", args=[rs.skp.pk])
    return f"{url}?periode={query.get('periode', rs.periode.pk)}"


def _post(klien, rs, *, indikator=None, versi=0, nilai="5", uraian="", catatan="", periode=None):
    return klien.post(
        reverse("evaluasi:skp-realisasi", args=[rs.skp.pk]),
        {
            "periode": periode or rs.periode.pk,
            "indikator": (indikator or rs.indikator[0]).pk,
            "versi": versi,
            "nilai": nilai,
            "uraian": uraian,
            "catatan": catatan,
        },
    )


def _html(resp) -> str:
    return resp.content.decode()


# --- the pegawai fills it ----------------------------------------------------------------------------


def test_pegawai_melihat_indikator_dan_target_pada_periode_berjalan(login, rs):
    resp = login(rs.pegawai).get(reverse("evaluasi:skp-realisasi", args=[rs.skp.pk]))  # default period
    assert resp.status_code == 200
    html = _html(resp)
    assert rs.indikator[0].uraian in html and rs.indikator[1].uraian in html
    assert "12 dokumen" in html
    assert html.count('data-test="form-realisasi"') == 2  # one form per indicator
    assert "Terisi <strong>0</strong> dari 2 indikator" in html


def test_pegawai_menyimpan_realisasi_dengan_koma_desimal(login, rs):
    klien = login(rs.pegawai)
    resp = _post(klien, rs, nilai="12,5", uraian="Dua belas setengah dokumen", catatan="Sisa pekan depan")
    assert resp.status_code == 302
    assert resp["Location"] == f"{_url(rs)}#indikator-{rs.indikator[0].pk}"
    r = Realisasi.objects.get()
    assert (r.nilai, r.uraian, r.catatan, r.periode_id) == (
        Decimal("12.50"),
        "Dua belas setengah dokumen",
        "Sisa pekan depan",
        rs.periode.pk,
    )
    html = _html(klien.get(resp["Location"]))
    assert "tersimpan" in html
    assert 'value="12,5"' in html  # the form shows it back the Indonesian way
    assert "104,2% dari target" in html  # 12.5 of 12
    assert "Terisi <strong>1</strong> dari 2 indikator" in html


@pytest.mark.parametrize(("masuk", "tersimpan"), [("1.250,5", "1250.50"), ("7.25", "7.25"), (" 0 ", "0.00")])
def test_angka_realisasi_gaya_indonesia_dan_internasional(login, rs, masuk, tersimpan):
    assert _post(login(rs.pegawai), rs, nilai=masuk).status_code == 302
    assert Realisasi.objects.get().nilai == Decimal(tersimpan)


@pytest.mark.parametrize(
    ("masuk", "pesan"),
    [
        ("dua belas", PESAN_NILAI_ANGKA),
        ("-1", PESAN_NILAI_NEGATIF),
        ("", PESAN_NILAI_KOSONG),
        ("NaN", PESAN_NILAI_ANGKA),
    ],
)
def test_nilai_tidak_sah_diberi_pesan_dan_tidak_disimpan(login, rs, masuk, pesan):
    resp = _post(login(rs.pegawai), rs, nilai=masuk, uraian="Isian saya tetap tampil")
    assert resp.status_code == 200
    html = _html(resp)
    assert pesan in html
    assert "Realisasi tidak disimpan. Periksa isian yang ditandai." in html
    assert "Isian saya tetap tampil" in html
    assert not Realisasi.objects.exists()


def test_dua_tab_mengirim_formulir_yang_sama_tidak_membuat_dua_baris(login, rs):
    klien = login(rs.pegawai)
    assert _post(klien, rs, nilai="5").status_code == 302  # tab A
    resp = _post(klien, rs, nilai="9")  # tab B, drawn before A saved (versi 0)
    assert resp.status_code == 200
    assert PESAN_DIUBAH_DI_TEMPAT_LAIN in _html(resp)
    assert list(Realisasi.objects.values_list("nilai", flat=True)) == [Decimal("5.00")]


def test_tab_basi_tidak_menimpa_perubahan_tab_lain(login, rs):
    klien = login(rs.pegawai)
    _post(klien, rs, nilai="5")
    assert _post(klien, rs, versi=1, nilai="6").status_code == 302
    resp = _post(klien, rs, versi=1, nilai="1")
    assert PESAN_DIUBAH_DI_TEMPAT_LAIN in _html(resp)
    r = Realisasi.objects.get()
    assert (r.nilai, r.versi) == (Decimal("6.00"), 2)


def test_indikator_skp_lain_ditolak(login, rs, rekan):
    asing = skp_uji(rekan).rhk.first().indikator.first()
    resp = _post(login(rs.pegawai), rs, indikator=asing)
    assert resp.status_code == 200
    assert PESAN_INDIKATOR_ASING in _html(resp)
    assert not Realisasi.objects.exists()


def test_periode_ditutup_mengunci_halaman(login, rs):
    realisasi_simpan(actor=rs.pegawai.user, indikator=rs.indikator[0], periode=rs.periode, versi=0, nilai=3)
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    klien = login(rs.pegawai)
    html = _html(klien.get(_url(rs)))
    pesan = PESAN_PERIODE_DITUTUP.format(nama=rs.periode.nama)
    assert pesan in html and 'data-test="form-realisasi"' not in html and 'data-test="form-bukti"' not in html
    resp = _post(klien, rs, versi=1, nilai="9")
    assert resp.status_code == 403 and pesan in _html(resp)
    assert Realisasi.objects.get().nilai == Decimal("3.00")


def test_skp_belum_disetujui_ditolak_dengan_pesan(login, pegawai, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    klien = login(pegawai)
    url = reverse("evaluasi:skp-realisasi", args=[skp.pk])
    pesan = PESAN_SKP_BELUM_DISETUJUI.format(tahun=skp.tahun)
    assert pesan in _html(klien.get(url))
    indikator = skp.rhk.first().indikator.first()
    resp = klien.post(url, {"periode": periode.pk, "indikator": indikator.pk, "versi": 0, "nilai": "1"})
    assert resp.status_code == 403 and pesan in _html(resp)
    assert not Realisasi.objects.exists()


def test_periode_tidak_dikenal_404(login, rs, admin_bkd):
    klien = login(rs.pegawai)
    lain = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN, jenis="tahunan", tahun=rs.periode.tahun - 1)
    for nilai in ("abc", "999999", str(lain.pk)):
        assert klien.get(_url(rs, periode=nilai)).status_code == 404
    assert _post(klien, rs, periode="abc").status_code == 404
    assert not Realisasi.objects.exists()


def test_periode_lain_tahun_yang_sama_dapat_dipilih(login, rs, admin_bkd):
    tahunan = periode_uji(admin_bkd.user, status=Periode.Status.PERENCANAAN, jenis="tahunan")
    html = _html(login(rs.pegawai).get(_url(rs, periode=tahunan.pk)))
    assert f'<option value="{tahunan.pk}" selected>' in html
    assert "belum berjalan" in html and 'data-test="form-realisasi"' not in html


def test_tanpa_periode_tahun_skp_halaman_tetap_terbuka(login, pegawai):
    skp = skp_uji(pegawai)
    klien = login(pegawai)
    url = reverse("evaluasi:skp-realisasi", args=[skp.pk])
    html = _html(klien.get(url))
    assert PESAN_TANPA_PERIODE in html and 'data-test="form-realisasi"' not in html
    indikator = skp.rhk.first().indikator.first()
    resp = klien.post(url, {"indikator": indikator.pk, "versi": 0, "nilai": "1"})
    assert resp.status_code == 403 and PESAN_TANPA_PERIODE in _html(resp)
    assert not Realisasi.objects.exists()


# --- who else sees it -------------------------------------------------------------------------------


def test_atasan_membaca_realisasi_bawahan_dan_hanya_memberi_umpan_balik(login, rs):
    realisasi_simpan(actor=rs.pegawai.user, indikator=rs.indikator[0], periode=rs.periode, versi=0, nilai=3)
    klien = login(rs.atasan)
    html = _html(klien.get(_url(rs)))
    assert 'data-test="form-realisasi"' not in html
    assert html.count('data-test="form-umpan-balik"') == 1  # only the filled row
    assert "Umpan balik dapat diberikan setelah pegawai mengisi realisasi" in html
    resp = _post(klien, rs, versi=1, nilai="100")
    assert resp.status_code == 403 and PESAN_BUKAN_PEMILIK in _html(resp)
    assert Realisasi.objects.get().nilai == Decimal("3.00")


def test_atasan_atasan_dan_admin_membaca_tanpa_formulir(login, rs, kepala_opd, admin_opd, admin_bkd):
    realisasi_simpan(actor=rs.pegawai.user, indikator=rs.indikator[0], periode=rs.periode, versi=0, nilai=3)
    for orang in (kepala_opd, admin_opd, admin_bkd):
        html = _html(login(orang).get(_url(rs)))
        assert 'data-test="form-realisasi"' not in html and "form-umpan-balik" not in html, orang
        assert "Halaman ini hanya untuk dibaca." in html


def test_rekan_dan_orang_luar_tidak_melihat_realisasi(login, rs, rekan, outsider):
    for orang in (rekan, outsider):
        assert login(orang).get(_url(rs)).status_code == 404
        assert _post(login(orang), rs).status_code == 404
    assert not Realisasi.objects.exists()


# --- continuous feedback ---------------------------------------------------------------------------------


@pytest.fixture
def baris(rs):
    return realisasi_simpan(actor=rs.pegawai.user, indikator=rs.indikator[0], periode=rs.periode, versi=0, nilai=3)


def _umpan(klien, baris, teks="Tambahkan foto kegiatan."):
    return klien.post(reverse("evaluasi:realisasi-umpanbalik", args=[baris.pk]), {"teks": teks})


def test_atasan_memberi_umpan_balik_dan_pegawai_melihatnya(login, rs, baris):
    resp = _umpan(login(rs.atasan), baris)
    assert resp.status_code == 302
    assert resp["Location"] == f"{_url(rs)}#indikator-{baris.indikator_id}"
    assert UmpanBalik.objects.get().teks == "Tambahkan foto kegiatan."
    assert Notifikasi.objects.filter(penerima=rs.pegawai.user).count() == 1
    html = _html(login(rs.pegawai).get(_url(rs)))
    assert "Tambahkan foto kegiatan." in html and rs.atasan.nama in html
    assert "form-umpan-balik" not in html  # the pegawai reads, does not write feedback


def test_pegawai_tidak_dapat_memberi_umpan_balik(login, rs, baris):
    resp = _umpan(login(rs.pegawai), baris)
    assert resp.status_code == 403 and PESAN_UMPAN_BALIK_BUKAN_ATASAN in _html(resp)
    assert not UmpanBalik.objects.exists()


def test_rekan_dan_orang_luar_mendapat_404_untuk_umpan_balik(login, rs, baris, rekan, outsider):
    for orang in (rekan, outsider):
        assert _umpan(login(orang), baris).status_code == 404
    assert _umpan(login(rs.atasan), type("R", (), {"pk": 999999})()).status_code == 404
    assert not UmpanBalik.objects.exists()


def test_umpan_balik_hanya_post_dan_teks_wajib(login, rs, baris):
    klien = login(rs.atasan)
    assert klien.get(reverse("evaluasi:realisasi-umpanbalik", args=[baris.pk])).status_code == 405
    resp = _umpan(klien, baris, teks="   ")
    assert resp.status_code == 302
    assert "Umpan balik tidak dikirim: Tulis umpan balik." in _html(klien.get(resp["Location"]))
    assert not UmpanBalik.objects.exists()


def test_umpan_balik_setelah_periode_ditutup_403(login, rs, baris):
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    assert _umpan(login(rs.atasan), baris).status_code == 403
    assert not UmpanBalik.objects.exists()


# --- query count -------------------------------------------------------------------------------------------


def _isi(rs, n: int) -> None:
    """n more RHK, each with an indicator whose realisation has evidence and feedback."""
    from evaluasi.models import UmpanBalik

    for _ in range(n):
        indikator = IndikatorFactory(rhk=RhkFactory(skp=rs.skp))
        r = Realisasi.objects.create(indikator=indikator, periode=rs.periode, nilai=1)
        BuktiDukung.objects.create(realisasi=r, tautan="https://contoh.go.id/x", diunggah_oleh=rs.pegawai.user)
        UmpanBalik.objects.create(realisasi=r, penulis=rs.atasan, teks="Baik.")


@pytest.mark.parametrize("siapa", ["pegawai", "atasan"])
def test_jumlah_query_halaman_realisasi_tetap(login, rs, siapa, django_assert_num_queries):
    _isi(rs, 2)
    klien = login(getattr(rs, siapa))
    url = _url(rs)
    klien.get(url)  # warm the session
    with django_assert_num_queries(13) as sedikit:
        assert klien.get(url).status_code == 200
    _isi(rs, 6)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        html = _html(klien.get(url))
    assert html.count('data-test="umpan-balik"') == 8
