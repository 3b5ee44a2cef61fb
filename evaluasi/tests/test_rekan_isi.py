"""The peer's own form and task list: draft, submission (anonymous answers), the release once
every peer answered, and every refusal saving nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from evaluasi.models import (
    EvaluasiPegawai,
    IndikatorNilaiDasar,
    JawabanRekanKinerja,
    KomentarRekanKinerja,
    PenugasanRekanKinerja,
    Periode,
)
from evaluasi.selectors.rekan import (
    PESAN_ISI_BATAS,
    PESAN_ISI_DIBUKA,
    PESAN_ISI_DITUTUP,
    rekan_perlu_penugasan_jumlah,
    rekan_tugas_terbuka_jumlah,
)
from evaluasi.services.rekan import (
    PESAN_BELUM_LENGKAP,
    PESAN_BUKAN_PENILAI,
    PESAN_KOMENTAR_PANJANG,
    PESAN_NILAI_ASING,
    PESAN_SKOR_TIDAK_VALID,
    PESAN_SKOR_WAJIB,
    PESAN_SUDAH_DIKIRIM,
    rekan_isi_simpan,
)
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytest_plugins = ["evaluasi.tests.rekan_ruang"]  # the `ruang_rk` fixture
pytestmark = pytest.mark.django_db

TUJUH = (4, 3, 5, 2, 4, 3, 1)


def _url(penugasan):
    return reverse("evaluasi:tugasrekan-isi", args=[penugasan.pk])


def _potret():
    return (
        list(PenugasanRekanKinerja.objects.order_by("pk").values_list("pk", "status", "draf", "dikirim_pada")),
        list(JawabanRekanKinerja.objects.order_by("pk").values_list("evaluasi_id", "nilai_dasar_id", "skor")),
        list(KomentarRekanKinerja.objects.order_by("pk").values_list("evaluasi_id", "teks")),
        list(EvaluasiPegawai.objects.order_by("pk").values_list("pk", "rekan_dibuka")),
    )


@pytest.fixture
def tugas(ruang_rk, pegawai, rekan):
    """`rekan` and two more peers must rate `pegawai`."""
    return ruang_rk.tugaskan(pegawai, [rekan, ruang_rk.lain[0], ruang_rk.lain[1]])


def test_halaman_hanya_nama_jabatan_dan_tujuh_nilai_berakhlak(login, ruang_rk, tugas, rekan, pegawai):
    resp = login(rekan).get(_url(tugas[0]))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert pegawai.nama_lengkap in html and pegawai.jabatan.nama in html
    assert pegawai.nip not in html and pegawai.unit.nama not in html  # name and position only
    for n in ruang_rk.nilai:
        assert n.nama in html
        for s in range(1, 6):
            assert f'name="skor_{n.pk}" id="skor-{n.pk}-{s}" value="{s}"' in html
    for i in IndikatorNilaiDasar.objects.all():
        assert i.uraian in html
    assert IndikatorNilaiDasar.objects.count() == 21
    assert 'name="komentar"' in html and "Jawaban Anda anonim." in html and "paling sedikit 3 rekan" in html
    for lain in ruang_rk.lain:  # nothing about the other peers
        assert lain.nama not in html


def test_draf_tersimpan_di_penugasan_saja(login, ruang_rk, tugas, rekan):
    klien = login(rekan)
    data = ruang_rk.data((2, None, 4, None, None, None, None), aksi="draf", komentar="Catatan sementara")
    assert klien.post(_url(tugas[0]), data).status_code == 302
    p = PenugasanRekanKinerja.objects.get(pk=tugas[0].pk)
    n = ruang_rk.nilai
    assert p.status == "ditugaskan"
    assert p.draf == {"skor": {str(n[0].pk): 2, str(n[2].pk): 4}, "komentar": "Catatan sementara"}
    assert not JawabanRekanKinerja.objects.exists() and not KomentarRekanKinerja.objects.exists()
    html = klien.get(_url(tugas[0])).content.decode()
    assert f'id="skor-{n[2].pk}-4" value="4" autocomplete="off" checked' in html
    assert html.count(" checked") == 2 and "Catatan sementara</textarea>" in html
    assert "Draf" in klien.get(reverse("evaluasi:rekan-tugas")).content.decode()


def test_kirim_menulis_jawaban_anonim_dan_mengosongkan_draf(login, ruang_rk, tugas, rekan, pegawai):
    klien = login(rekan)
    klien.post(_url(tugas[0]), ruang_rk.data((1, 1, 1, 1, 1, 1, 1), aksi="draf"))
    resp = klien.post(_url(tugas[0]), ruang_rk.data(TUJUH, komentar="  Sangat membantu tim.  "))
    assert resp.status_code == 302 and resp["Location"] == reverse("evaluasi:rekan-tugas")
    p = PenugasanRekanKinerja.objects.get(pk=tugas[0].pk)
    assert p.status == "terkirim" and p.draf == {} and p.dikirim_pada is not None
    ev = ruang_rk.evaluasi(pegawai)
    assert sorted(JawabanRekanKinerja.objects.filter(evaluasi=ev).values_list("nilai_dasar__urutan", "skor")) == list(
        enumerate(TUJUH, start=1)
    )
    assert list(KomentarRekanKinerja.objects.values_list("teks", flat=True)) == ["Sangat membantu tim."]
    assert not ev.rekan_dibuka  # two peers still to answer
    html = klien.get(_url(tugas[0])).content.decode()
    assert "Anda sudah mengirim penilaian rekan" in html and 'name="skor_' not in html and "checked" not in html


def test_kirim_tanpa_komentar_tidak_menulis_komentar(ruang_rk, tugas, rekan):
    ruang_rk.isi(tugas[0], rekan, TUJUH)
    assert JawabanRekanKinerja.objects.count() == 7 and not KomentarRekanKinerja.objects.exists()


def test_semua_rekan_menjawab_membuka_hasil_sekali_dan_memberi_tahu_penilai(ruang_rk, tugas, rekan, pegawai, atasan):
    for t, orang in zip(tugas, [rekan, *ruang_rk.lain[:2]], strict=True):
        assert not ruang_rk.evaluasi(pegawai).rekan_dibuka
        ruang_rk.isi(t, orang, TUJUH)
    assert ruang_rk.evaluasi(pegawai).rekan_dibuka
    notif = Notifikasi.objects.get(penerima=atasan.user, judul__startswith="Hasil penilaian rekan tersedia")
    assert notif.tautan == reverse("evaluasi:evaluasi-rekan", args=[ruang_rk.evaluasi(pegawai).pk])
    for orang in [rekan, *ruang_rk.lain]:
        assert orang.nama not in notif.pesan


def test_kirim_dua_kali_menulis_sekali(login, ruang_rk, tugas, rekan):
    klien = login(rekan)
    data = ruang_rk.data(TUJUH, komentar="Sekali saja")
    assert klien.post(_url(tugas[0]), data).status_code == 302
    sebelum = _potret()
    resp = klien.post(_url(tugas[0]), data, follow=True)
    assert "Penilaian ini sudah dikirim. Tidak ada yang disimpan." in resp.content.decode()
    assert _potret() == sebelum
    assert JawabanRekanKinerja.objects.count() == 7 and KomentarRekanKinerja.objects.count() == 1


def test_dua_tab_mengirim_bersamaan_menulis_sekali(ruang_rk, tugas, rekan):
    """Both tabs loaded the assignment while it was open; the second submission is refused."""
    basi = PenugasanRekanKinerja.objects.get(pk=tugas[0].pk)
    ruang_rk.isi(tugas[0], rekan, TUJUH)
    sebelum = _potret()
    for kirim in (True, False):  # a late draft save from the other tab is refused too
        with pytest.raises(ValidationError) as e:
            ruang_rk.isi(basi, rekan, (5, 5, 5, 5, 5, 5, 5), kirim=kirim)
        assert e.value.messages == [PESAN_SUDAH_DIKIRIM]
    assert _potret() == sebelum


def test_kirim_belum_lengkap_ditolak(login, ruang_rk, tugas, rekan):
    sebelum = _potret()
    resp = login(rekan).post(_url(tugas[0]), ruang_rk.data((4, 4, None, 4, 4, 4, 4)))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert PESAN_SKOR_WAJIB in html and "Tidak ada yang disimpan. Periksa isian yang ditandai." in html
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as e:
        ruang_rk.isi(tugas[0], rekan, (4, 4, None, 4, 4, 4, 4))
    assert e.value.messages == [PESAN_BELUM_LENGKAP]


@pytest.mark.parametrize("aksi", ["draf", "kirim"])
@pytest.mark.parametrize("buruk", ["6", "0", "-1", "abc", "3.5", "1e3", "９", "99999999999999999999"])
def test_skor_di_luar_1_sampai_5_atau_bukan_angka_ditolak(login, ruang_rk, tugas, rekan, aksi, buruk):
    data = ruang_rk.data(TUJUH, aksi=aksi, komentar="x")
    data[f"skor_{ruang_rk.nilai[3].pk}"] = buruk
    sebelum = _potret()
    resp = login(rekan).post(_url(tugas[0]), data)
    assert resp.status_code == 200
    assert PESAN_SKOR_TIDAK_VALID in resp.content.decode()
    assert _potret() == sebelum


def test_skor_nilai_dasar_asing_dan_komentar_terlalu_panjang_ditolak(login, ruang_rk, tugas, rekan):
    klien = login(rekan)
    sebelum = _potret()
    data = ruang_rk.data(TUJUH) | {"skor_987654": "3"}
    assert PESAN_NILAI_ASING in klien.post(_url(tugas[0]), data).content.decode()
    data = ruang_rk.data(TUJUH, komentar="a" * 2001)
    assert PESAN_KOMENTAR_PANJANG in klien.post(_url(tugas[0]), data).content.decode()
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as e:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], skor={987654: 3}, kirim=False)
    assert e.value.messages == [PESAN_NILAI_ASING]
    with pytest.raises(ValidationError) as e:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], skor={ruang_rk.nilai[0].pk: 7}, kirim=False)
    assert e.value.messages == [PESAN_SKOR_TIDAK_VALID]
    assert _potret() == sebelum


def _kemarin():
    return timezone.localdate() - dt.timedelta(days=1)


@pytest.mark.parametrize("keadaan", ["batas_lewat", "ditutup", "dibuka"])
def test_setelah_batas_atau_ditutup_hanya_baca(login, ruang_rk, tugas, rekan, pegawai, keadaan):
    klien = login(rekan)
    klien.post(_url(tugas[0]), ruang_rk.data((2, 2, 2, 2, 2, 2, 2), aksi="draf"))
    if keadaan == "batas_lewat":
        Periode.objects.filter(pk=ruang_rk.periode.pk).update(batas_penilaian_rekan=_kemarin())
        pesan = PESAN_ISI_BATAS.format(tanggal=date_format(_kemarin(), "j F Y"))
    elif keadaan == "ditutup":
        Periode.objects.filter(pk=ruang_rk.periode.pk).update(status=Periode.Status.DITUTUP)
        pesan = PESAN_ISI_DITUTUP
    else:
        EvaluasiPegawai.objects.filter(pk=ruang_rk.evaluasi(pegawai).pk).update(rekan_dibuka=True)
        pesan = PESAN_ISI_DIBUKA
    html = klien.get(_url(tugas[0])).content.decode()
    assert pesan in html and "<form" not in html.split("Penilaian perilaku kerja rekan")[1].split("</main>")[0]
    sebelum = _potret()
    resp = klien.post(_url(tugas[0]), ruang_rk.data(TUJUH), follow=True)
    assert f"{pesan} Tidak ada yang disimpan." in resp.content.decode()
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as e:
        ruang_rk.isi(tugas[0], rekan, TUJUH)
    assert e.value.messages == [pesan]
    assert _potret() == sebelum


def test_batas_hari_ini_masih_boleh(ruang_rk, tugas, rekan):
    Periode.objects.filter(pk=ruang_rk.periode.pk).update(batas_penilaian_rekan=timezone.localdate())
    ruang_rk.isi(tugas[0], rekan, TUJUH)
    assert PenugasanRekanKinerja.objects.get(pk=tugas[0].pk).status == "terkirim"


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "kepala_opd", "admin_opd", "admin_bkd", "outsider", "lain"])
def test_hanya_rekan_yang_ditugaskan_membuka_formulir(login, ruang_rk, tugas, request, siapa):
    orang = ruang_rk.lain[2] if siapa == "lain" else request.getfixturevalue(siapa)
    klien = login(orang)
    assert klien.get(_url(tugas[0])).status_code == 404
    sebelum = _potret()
    assert klien.post(_url(tugas[0]), ruang_rk.data(TUJUH)).status_code == 404
    assert klien.post(_url(tugas[0]), ruang_rk.data(TUJUH, aksi="draf")).status_code == 404
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as e:
        ruang_rk.isi(tugas[0], orang, TUJUH)
    assert e.value.messages == [PESAN_BUKAN_PENILAI]


def test_rekan_yang_dihapus_dari_penugasan_tidak_dapat_mengirim(ruang_rk, tugas, rekan, pegawai):
    ruang_rk.tugaskan(pegawai, ruang_rk.lain)  # rekan removed
    with pytest.raises(ValidationError) as e:
        ruang_rk.isi(tugas[0], rekan, TUJUH)
    assert e.value.messages == [PESAN_BUKAN_PENILAI]
    assert not JawabanRekanKinerja.objects.exists()


def test_metode_lain_405_dan_id_asing_404(login, ruang_rk, tugas, rekan):
    klien = login(rekan)
    assert klien.put(_url(tugas[0])).status_code == 405
    assert klien.get("/kinerja/rekan/abc/").status_code == 404
    assert klien.get(reverse("evaluasi:tugasrekan-isi", args=[987654321])).status_code == 404


def test_formulir_jumlah_query_tetap(login, ruang_rk, tugas, rekan, django_assert_num_queries):
    klien = login(rekan)
    klien.get(_url(tugas[0]))
    with django_assert_num_queries(9):
        assert klien.get(_url(tugas[0])).status_code == 200
    klien.post(_url(tugas[0]), ruang_rk.data(TUJUH, aksi="draf", komentar="draf"))
    with django_assert_num_queries(9):
        assert klien.get(_url(tugas[0])).status_code == 200


# --- the task list ---------------------------------------------------------------------------------------


def test_daftar_tugas_rekan(login, ruang_rk, tugas, rekan, pegawai):
    klien = login(rekan)
    resp = klien.get(reverse("evaluasi:rekan-tugas"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert pegawai.nama_lengkap in html and "Belum diisi" in html and _url(tugas[0]) in html
    assert resp.context["t"].jumlah_terbuka == 1 == rekan_tugas_terbuka_jumlah(user=rekan.user)
    ruang_rk.isi(tugas[0], rekan, TUJUH)
    html = klien.get(reverse("evaluasi:rekan-tugas")).content.decode()
    assert "Sudah dikirim" in html and _url(tugas[0]) not in html
    assert rekan_tugas_terbuka_jumlah(user=rekan.user) == 0
    # The person being rated sees nothing of it on the same page.
    html = login(pegawai).get(reverse("evaluasi:rekan-tugas")).content.decode()
    assert rekan.nama not in html and "Tidak ada rekan yang perlu Anda nilai saat ini." in html


def test_daftar_menunjukkan_bawahan_yang_perlu_rekan(login, ruang_rk, tugas, atasan, pegawai, rekan):
    resp = login(atasan).get(reverse("evaluasi:rekan-tugas"))
    t = resp.context["t"]
    assert {e.pegawai_id for e in t.bawahan} == {pegawai.pk, rekan.pk, *[p.pk for p in ruang_rk.lain]}
    baris = next(e for e in t.bawahan if e.pegawai_id == pegawai.pk)
    assert (baris.jumlah_rekan, baris.jumlah_terkirim, baris.bisa_diatur) == (3, 0, True)
    assert len(t.perlu_rekan) == 4 == t.tanpa_rekan
    html = resp.content.decode()
    assert reverse("evaluasi:rekan-usulan-terapkan") in html and "(4)" in html
    assert rekan_perlu_penugasan_jumlah(user=atasan.user) == 4
    assert rekan_perlu_penugasan_jumlah(user=pegawai.user) == 0


@pytest.mark.parametrize("n", [1, 5])
def test_daftar_tugas_jumlah_query_tetap(login, ruang_rk, atasan, bidang_a, jabatan_staf, admin_bkd, rekan, n):
    """The same number of queries for a peer with 1 or 5 tasks and a rater with 5 or 9 subordinates."""
    from evaluasi.services.periode import evaluasi_siapkan

    orang = [PegawaiFactory(nama=f"Dinilai {i}", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan) for i in range(n)]
    evaluasi_siapkan(periode=ruang_rk.periode)
    for o in orang:
        PenugasanRekanKinerja.objects.create(
            evaluasi=ruang_rk.evaluasi(o), penilai=rekan, ditugaskan_oleh=admin_bkd.user, draf={"skor": {}}
        )
    for siapa in (rekan, atasan):
        klien = login(siapa)
        klien.get(reverse("evaluasi:rekan-tugas"))
        with CaptureQueriesContext(connection) as ctx:
            resp = klien.get(reverse("evaluasi:rekan-tugas"))
        assert resp.status_code == 200
        assert len(ctx.captured_queries) == 8, [q["sql"][:120] for q in ctx.captured_queries]
    assert len(resp.context["t"].bawahan) == 5 + n
