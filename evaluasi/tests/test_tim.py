"""The atasan's "Tim Saya" queue: exact counts per queue, each direct subordinate's status row,
atasan only, and a query count that does not grow with the team."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import (
    EvaluasiPegawai,
    LogHarian,
    PenilaianDiriKinerja,
    PenugasanRekanKinerja,
    Periode,
    Realisasi,
    Skp,
)
from evaluasi.services.periode import evaluasi_pastikan
from evaluasi.tests.factories import LogHarianFactory, periode_uji, skp_uji
from evaluasi.tests.keberatan_data import finalkan, keberatan_uji
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

TIM = reverse("evaluasi:tim")


@pytest.fixture
def cucu(pegawai):
    """pegawai's own subordinate: atasan is their atasan pejabat penilai (decides objections)."""
    return PegawaiFactory(nama="Staf Pegawai", unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=pegawai)


@pytest.fixture
def tim(admin_bkd, admin_opd, atasan, pegawai, rekan, cucu, outsider):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    Skp.objects.filter(pk=skp.pk).update(diajukan_pada=timezone.now())
    skp_uji(rekan)
    skp_uji(outsider, status=Skp.Status.DIAJUKAN)  # submitted to someone else
    for _ in range(3):
        LogHarianFactory(pegawai=pegawai)
    LogHarianFactory(pegawai=pegawai, status=LogHarian.Status.DISETUJUI)
    LogHarianFactory(pegawai=rekan)
    LogHarianFactory(pegawai=cucu)  # not a direct subordinate of atasan
    LogHarianFactory(pegawai=outsider)
    indikator = [r.indikator.get() for r in skp.rhk.order_by("pk")]
    Realisasi.objects.create(indikator=indikator[0], periode=periode, nilai=4)
    Realisasi.objects.create(indikator=indikator[1], periode=periode, nilai=None, uraian="Belum ada angka")
    ev = {p: EvaluasiPegawai.objects.get(periode=periode, pegawai=p) for p in (pegawai, rekan, cucu, admin_opd)}
    PenilaianDiriKinerja.objects.create(evaluasi=ev[pegawai], status=PenilaianDiriKinerja.Status.TERKIRIM)
    PenilaianDiriKinerja.objects.create(evaluasi=ev[rekan], status=PenilaianDiriKinerja.Status.DRAFT)
    finalkan(ev[rekan], hasil="sesuai", perilaku="sesuai")
    tugas = PenugasanRekanKinerja.objects.create(evaluasi=ev[admin_opd], penilai=atasan, ditugaskan_oleh=admin_bkd.user)
    PenugasanRekanKinerja.objects.create(
        evaluasi=ev[rekan], penilai=atasan, ditugaskan_oleh=admin_bkd.user, status="terkirim"
    )
    keberatan = keberatan_uji(finalkan(ev[cucu]))
    return {"periode": periode, "skp": skp, "ev": ev, "tugas": tugas, "keberatan": keberatan}


def test_antrean_menghitung_tepat_setiap_jenis(login, tim, atasan, pegawai):
    resp = login(atasan).get(TIM)
    assert resp.status_code == 200
    a = resp.context["a"]
    assert (a.skp_jumlah, a.log_jumlah, a.evaluasi_jumlah, a.tugas_rekan_jumlah, a.keberatan_jumlah) == (1, 4, 1, 1, 1)
    assert a.total == 8
    assert [s.pk for s in a.skp] == [tim["skp"].pk]
    assert [e.pegawai_id for e in a.evaluasi] == [pegawai.pk]
    assert [t.pk for t in a.tugas_rekan] == [tim["tugas"].pk]
    assert [k.pk for k in a.keberatan] == [tim["keberatan"].pk]
    html = resp.content.decode()
    assert "Ada <strong>8</strong> hal yang menunggu Anda." in html
    for url in (
        reverse("evaluasi:skp-detail", args=[tim["skp"].pk]),
        reverse("evaluasi:evaluasi-nilai", args=[a.evaluasi[0].pk]),
        reverse("evaluasi:tugasrekan-isi", args=[tim["tugas"].pk]),
        f"/kinerja/keberatan/{tim['keberatan'].pk}/putus/",
        reverse("evaluasi:log-periksa"),
    ):
        assert f'href="{url}"' in html


def test_status_setiap_bawahan_langsung(login, tim, atasan, pegawai, rekan):
    a = login(atasan).get(TIM).context["a"]
    baris = {b.pk: b for b in a.bawahan}
    assert set(baris) == {pegawai.pk, rekan.pk}  # direct subordinates only
    p, r = baris[pegawai.pk], baris[rekan.pk]
    assert (p.skp_status, p.log_belum, p.realisasi_terisi, p.indikator_jumlah) == ("diajukan", 3, 1, 2)
    assert (p.diri_terkirim, p.evaluasi_status, p.evaluasi_predikat, p.saya_penilai) == (True, "belum", "", True)
    assert (r.skp_status, r.log_belum, r.realisasi_terisi, r.indikator_jumlah) == ("disetujui", 1, 0, 2)
    assert (r.diri_terkirim, r.evaluasi_status, r.predikat_label) == (False, "final", "Baik")
    assert a.periode == tim["periode"]
    assert p.url_skp == reverse("evaluasi:skp-detail", args=[tim["skp"].pk])
    assert p.url_nilai == reverse("evaluasi:evaluasi-nilai", args=[tim["ev"][pegawai].pk])
    assert r.url_nilai == ""  # already final: nothing to rate


def test_periode_lain_dapat_dipilih_dan_nilai_salah_diabaikan(login, tim, atasan, admin_bkd):
    lain = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN, jenis="tahunan")
    klien = login(atasan)
    assert klien.get(TIM, {"periode": lain.pk}).context["a"].periode == lain
    for salah in ("abc", "999999", ""):
        assert klien.get(TIM, {"periode": salah}).context["a"].periode == tim["periode"]


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "outsider", "admin_bkd", "petugas"])
def test_hanya_atasan_yang_membuka_tim_saya(login, siapa, request):
    assert login(request.getfixturevalue(siapa)).get(TIM).status_code == 403


def test_tamu_diarahkan_ke_login(client):
    resp = client.get(TIM)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("akun:login"))


def test_metode_post_ditolak_405(login, atasan, pegawai):
    assert login(atasan).post(TIM).status_code == 405


def _tambah_bawahan(atasan, periode, n: int) -> None:
    """n more direct subordinates, each with an SKP, logs, a realisation, a self-assessment and a
    peer task and objection waiting for the atasan (so every annotation has rows to count)."""
    for _ in range(n):
        b = PegawaiFactory(unit=atasan.unit, jabatan=atasan.jabatan, atasan=atasan)
        skp = skp_uji(b, status=Skp.Status.DIAJUKAN)
        LogHarianFactory(pegawai=b)
        LogHarianFactory(pegawai=b)
        Realisasi.objects.create(indikator=skp.rhk.first().indikator.get(), periode=periode, nilai=1)
        ev = evaluasi_pastikan(periode=periode, pegawai=b)
        PenilaianDiriKinerja.objects.create(evaluasi=ev, status=PenilaianDiriKinerja.Status.TERKIRIM)
        cucu = PegawaiFactory(unit=atasan.unit, jabatan=atasan.jabatan, atasan=b)
        keberatan_uji(finalkan(evaluasi_pastikan(periode=periode, pegawai=cucu)))
        PenugasanRekanKinerja.objects.create(evaluasi=ev, penilai=atasan, ditugaskan_oleh=atasan.user)


def test_jumlah_query_tetap_untuk_tim_2_dan_6(login, tim, atasan, django_assert_num_queries):
    klien = login(atasan)
    klien.get(TIM)  # warm the session
    with django_assert_num_queries(14) as dua:
        resp = klien.get(TIM)
    assert len(resp.context["a"].bawahan) == 2
    _tambah_bawahan(atasan, tim["periode"], 4)
    with django_assert_num_queries(len(dua.captured_queries)):
        resp = klien.get(TIM)
    a = resp.context["a"]
    assert len(a.bawahan) == 6
    assert (a.skp_jumlah, a.log_jumlah, a.evaluasi_jumlah, a.tugas_rekan_jumlah, a.keberatan_jumlah) == (5, 12, 5, 5, 5)
