"""The performance-evaluation cards of the home page: the pegawai's status (SKP, self-assessment
due, result to acknowledge, objection window, this month's log against the target), the
atasan's queue counts (the Tim Saya selector's), an admin's monitoring totals; a fixed number
of queries whatever the data size."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import EvaluasiPegawai, LogHarian, PengaturanKinerja, PenilaianDiriKinerja, Periode, Skp
from evaluasi.selectors.beranda import kinerja_beranda, periode_pantau
from evaluasi.selectors.tim import tim_antrean
from evaluasi.services.keberatan import tanggal_teks
from evaluasi.services.periode import evaluasi_pastikan
from evaluasi.tests.factories import LogHarianFactory, periode_uji, skp_uji
from evaluasi.tests.keberatan_data import finalkan, keberatan_uji, waktu_lokal
from pegawai.tests.factories import PegawaiFactory
from pegawai.tests.test_beranda import BERANDA, angka

pytestmark = pytest.mark.django_db


@pytest.fixture
def hari_ini():
    return timezone.localdate()


@pytest.fixture
def periode(admin_bkd, kepala_opd, atasan, pegawai, rekan, admin_opd, outsider, hari_ini):
    """This quarter, in assessment; the self-assessment deadline 5 days ahead."""
    p = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    Periode.objects.filter(pk=p.pk).update(batas_penilaian_diri=hari_ini + dt.timedelta(days=5))
    p.refresh_from_db()
    return p


def _ev(periode, orang) -> EvaluasiPegawai:
    return EvaluasiPegawai.objects.get(periode=periode, pegawai=orang)


def _html(login, orang) -> str:
    response = login(orang).get(BERANDA)
    assert response.status_code == 200
    return response.content.decode()


def _butir(html: str, kunci: str) -> str:
    """The text of the card line marked data-test=kunci (tags removed, spaces collapsed)."""
    cocok = re.search(rf'<li[^>]*data-test="{kunci}"[^>]*>(.*?)</li>', html, re.S)
    assert cocok, f"{kunci} tidak tampil"
    return " ".join(re.sub(r"<[^>]+>", "", cocok.group(1)).split())


# --- the pegawai -------------------------------------------------------------------------------------


def test_pegawai_tanpa_skp_dan_periode_melihat_ajakan_menyusun_skp(login, pegawai, hari_ini):
    html = _html(login, pegawai)
    assert 'data-test="kartu-kinerja"' in html
    assert _butir(html, "kinerja-skp") == f"SKP {hari_ini.year}: Belum dibuat Susun SKP"
    assert reverse("evaluasi:skp-saya") in html
    assert 'data-test="kinerja-diri"' not in html and 'data-test="kinerja-hasil"' not in html
    assert 'data-test="kinerja-beres"' not in html  # the SKP is still to do


def test_status_skp_tahun_ini_dengan_tautan(login, pegawai, hari_ini):
    skp = skp_uji(pegawai, status=Skp.Status.DIKEMBALIKAN)
    assert _butir(_html(login, pegawai), "kinerja-skp") == f"SKP {hari_ini.year}: Dikembalikan Perbaiki SKP"
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.DIAJUKAN)
    assert _butir(_html(login, pegawai), "kinerja-skp") == f"SKP {hari_ini.year}: Diajukan Lihat SKP"
    Skp.objects.filter(pk=skp.pk).update(status=Skp.Status.DISETUJUI)
    html = _html(login, pegawai)
    assert _butir(html, "kinerja-skp") == f"SKP {hari_ini.year}: Disetujui Lihat SKP"
    assert _butir(html, "kinerja-beres") == "Tidak ada yang menunggu Anda saat ini."
    skp_uji(pegawai, tahun=hari_ini.year - 1, status=Skp.Status.DRAFT)  # last year's draft is not this year's
    assert "Disetujui" in _butir(_html(login, pegawai), "kinerja-skp")


def test_penilaian_diri_jatuh_tempo_dengan_batasnya(login, periode, pegawai, rekan, hari_ini):
    PenilaianDiriKinerja.objects.create(evaluasi=_ev(periode, pegawai), status=PenilaianDiriKinerja.Status.DRAFT)
    PenilaianDiriKinerja.objects.create(evaluasi=_ev(periode, rekan), status=PenilaianDiriKinerja.Status.TERKIRIM)
    html = _html(login, pegawai)
    batas = tanggal_teks(hari_ini + dt.timedelta(days=5))
    assert _butir(html, "kinerja-diri") == (
        f"Penilaian diri {periode.nama} belum dikirim. Batas {batas} sisa 5 hari Isi penilaian diri"
    )
    assert reverse("evaluasi:evaluasi-diri", args=[_ev(periode, pegawai).pk]) in html
    assert 'data-test="kinerja-diri"' not in _html(login, rekan)  # already sent


def test_penilaian_diri_tidak_diminta_lewat_batas_atau_di_luar_masa_penilaian(periode, pegawai, hari_ini):
    assert len(kinerja_beranda(pegawai_id=pegawai.pk, hari_ini=hari_ini + dt.timedelta(days=5)).diri) == 1
    assert kinerja_beranda(pegawai_id=pegawai.pk, hari_ini=hari_ini + dt.timedelta(days=6)).diri == []
    Periode.objects.filter(pk=periode.pk).update(status=Periode.Status.BERJALAN)
    assert kinerja_beranda(pegawai_id=pegawai.pk, hari_ini=hari_ini).diri == []


def test_hasil_final_menunggu_diterima_dan_sisa_masa_keberatan(login, periode, pegawai, hari_ini):
    ev = finalkan(_ev(periode, pegawai), pada=waktu_lokal(hari_ini - dt.timedelta(days=3)))
    html = _html(login, pegawai)
    assert _butir(html, "kinerja-hasil") == (
        f"Hasil penilaian {periode.nama} sudah final: Kurang/Misconduct Baca dan terima hasil"
    )
    assert reverse("evaluasi:evaluasi-detail", args=[ev.pk]) in html
    batas = tanggal_teks(hari_ini + dt.timedelta(days=11))  # day 0 is the day it was finalised
    assert _butir(html, "kinerja-keberatan") == (
        f"Masa keberatan {periode.nama} sampai {batas} sisa 11 hari Ajukan keberatan"
    )
    assert reverse("evaluasi:evaluasi-keberatan", args=[ev.pk]) in html
    assert 'data-test="kinerja-diri"' not in html  # a final result takes no self-assessment

    EvaluasiPegawai.objects.filter(pk=ev.pk).update(diterima_pada=timezone.now())
    keberatan_uji(ev)
    html = _html(login, pegawai)
    assert 'data-test="kinerja-hasil"' not in html and 'data-test="kinerja-keberatan"' not in html


def test_masa_keberatan_hari_ke_14_terbuka_hari_ke_15_tertutup(periode, pegawai, hari_ini):
    finalkan(_ev(periode, pegawai), pada=waktu_lokal(hari_ini, 23, 30))
    hari_14 = kinerja_beranda(pegawai_id=pegawai.pk, hari_ini=hari_ini + dt.timedelta(days=14))
    assert [(t.sisa, t.teks) for t in hari_14.keberatan] == [(0, "hari ini")]
    hari_15 = kinerja_beranda(pegawai_id=pegawai.pk, hari_ini=hari_ini + dt.timedelta(days=15))
    assert hari_15.keberatan == [] and len(hari_15.belum_diterima) == 1
    Periode.objects.filter(pk=periode.pk).update(status=Periode.Status.DITUTUP)  # closed: no objection
    assert kinerja_beranda(pegawai_id=pegawai.pk, hari_ini=hari_ini).keberatan == []


def test_log_bulan_ini_terhadap_target(login, pegawai, hari_ini):
    PengaturanKinerja.get()
    PengaturanKinerja.objects.filter(pk=1).update(log_target_bulanan=1000)
    LogHarianFactory(pegawai=pegawai, menit=300, status=LogHarian.Status.DISETUJUI)
    LogHarianFactory(pegawai=pegawai, menit=200, status=LogHarian.Status.DISETUJUI)
    LogHarianFactory(pegawai=pegawai, menit=120)  # waiting: not counted towards the bar
    LogHarianFactory(pegawai=pegawai, menit=60, status=LogHarian.Status.REVISI)
    bulan_lalu = hari_ini.replace(day=1) - dt.timedelta(days=1)
    LogHarianFactory(pegawai=pegawai, tanggal=bulan_lalu, menit=400, status=LogHarian.Status.DISETUJUI)
    html = _html(login, pegawai)
    assert angka(html, "log-disetujui") == 500
    assert "/ 1.000 menit disetujui" in html
    assert 'data-test="log-persen">50%<' in html and 'style="width: 50%"' in html
    assert 'data-test="log-revisi">1 perlu revisi<' in html
    assert reverse("evaluasi:log-create") in html


# --- the atasan ----------------------------------------------------------------------------------------


def test_atasan_melihat_hitungan_antrean_tim_saya(login, periode, atasan, pegawai, rekan):
    skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    LogHarianFactory.create_batch(3, pegawai=pegawai)
    LogHarianFactory(pegawai=rekan, status=LogHarian.Status.DISETUJUI)
    finalkan(_ev(periode, rekan))
    html = _html(login, atasan)
    assert [angka(html, f"antrean-{k}") for k in ("skp", "log", "evaluasi", "rekan", "keberatan")] == [1, 3, 1, 0, 0]
    assert angka(html, "antrean-total") == tim_antrean(user=atasan.user).total == 5
    assert reverse("evaluasi:tim") in html and reverse("evaluasi:log-periksa") in html
    assert 'data-test="kartu-antrean"' not in _html(login, pegawai)  # no subordinates


# --- the admins ----------------------------------------------------------------------------------------


def test_admin_bkd_melihat_total_pemantauan_periode_yang_dinilai(login, periode, admin_bkd, pegawai, rekan):
    periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN, jenis="tahunan")
    assert periode_pantau() == periode  # the period being rated comes before the one running
    skp_uji(pegawai)
    PenilaianDiriKinerja.objects.create(evaluasi=_ev(periode, pegawai), status=PenilaianDiriKinerja.Status.TERKIRIM)
    keberatan_uji(finalkan(_ev(periode, rekan)))
    html = _html(login, admin_bkd)
    jumlah = EvaluasiPegawai.objects.filter(periode=periode).count()
    assert angka(html, "pemantauan-pegawai") == jumlah == 7
    assert [angka(html, f"pemantauan-{k}") for k in ("rencana", "realisasi", "diri", "penilaian", "keberatan")] == [
        1,
        0,
        1,
        1,
        1,
    ]
    assert f'href="{reverse("evaluasi:monitoring")}?periode={periode.pk}"' in html
    assert f"?periode={periode.pk}&amp;tampil=pegawai&amp;belum=diri" in html


def test_admin_opd_melihat_total_opd_sendiri(login, periode, admin_opd):
    html = _html(login, admin_opd)
    # OPD A: kepala_opd, atasan, pegawai, rekan, admin_opd (admin_bkd and outsider are elsewhere).
    assert angka(html, "pemantauan-pegawai") == 5


def test_admin_tanpa_periode_berjalan(login, admin_bkd):
    html = _html(login, admin_bkd)
    assert "Belum ada periode penilaian kinerja yang berjalan atau sedang dinilai." in html
    assert f'href="{reverse("evaluasi:monitoring")}"' in html


def test_pegawai_biasa_tidak_melihat_pemantauan(login, periode, pegawai):
    assert 'data-test="kartu-pemantauan"' not in _html(login, pegawai)


# --- query count -------------------------------------------------------------------------------------


def _tambah_tim(admin_opd, periode, n: int) -> None:
    """n direct subordinates, each with an SKP waiting, a log waiting and a subordinate whose
    final result they object to (admin_opd decides)."""
    for _ in range(n):
        b = PegawaiFactory(unit=admin_opd.unit, jabatan=admin_opd.jabatan, atasan=admin_opd)
        evaluasi_pastikan(periode=periode, pegawai=b)
        skp_uji(b, status=Skp.Status.DIAJUKAN)
        LogHarianFactory(pegawai=b)
        c = PegawaiFactory(unit=admin_opd.unit, jabatan=admin_opd.jabatan, atasan=b)
        keberatan_uji(finalkan(evaluasi_pastikan(periode=periode, pegawai=c)))


def test_jumlah_query_beranda_tetap_dengan_semua_kartu_kinerja(
    login, periode, admin_opd, hari_ini, django_assert_num_queries
):
    skp_uji(admin_opd)
    LogHarianFactory(pegawai=admin_opd, status=LogHarian.Status.DISETUJUI)
    finalkan(_ev(periode, admin_opd), pada=waktu_lokal(hari_ini - dt.timedelta(days=1)))
    client = login(admin_opd)
    _tambah_tim(admin_opd, periode, 2)
    client.get(BERANDA)
    with django_assert_num_queries(31) as sedikit:
        html = client.get(BERANDA).content.decode()
    for kartu in ("kartu-kinerja", "kartu-log", "kartu-antrean", "kartu-pemantauan"):
        assert f'data-test="{kartu}"' in html
    assert 'data-test="kinerja-hasil"' in html  # no objection: admin_opd's rater has no atasan
    _tambah_tim(admin_opd, periode, 12)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        html = client.get(BERANDA).content.decode()
    assert [angka(html, f"antrean-{k}") for k in ("skp", "log", "keberatan")] == [14, 14, 14]
