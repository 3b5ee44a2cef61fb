"""Daily deadline reminders: who is reminded of what, only within the window, one notification
per rater/peer/decider with their count, idempotent per day, set-based (constant queries)."""

import datetime as dt

import pytest

from evaluasi.models import EvaluasiPegawai, PengaturanKinerja, PenilaianDiriKinerja, PenugasanRekanKinerja, Periode
from evaluasi.services.pengingat import pengingat_kirim
from evaluasi.services.periode import evaluasi_pastikan
from evaluasi.tasks import pengingat_tenggat_task
from evaluasi.tests.factories import periode_uji
from evaluasi.tests.keberatan_data import finalkan, keberatan_uji, waktu_lokal
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

HARI = dt.date(2025, 7, 3)  # "today" in these tests
NOL = {"diri": 0, "rekan": 0, "atasan": 0, "keberatan": 0, "log": 0, "log_periksa": 0}


@pytest.fixture
def periode(admin_bkd, pegawai, rekan, atasan, kepala_opd, admin_opd, outsider):
    """Deadlines: self 5 July (2 days away), peers 6 July (3: the edge), rater 7 July (4: too far)."""
    p = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    Periode.objects.filter(pk=p.pk).update(
        batas_penilaian_diri=dt.date(2025, 7, 5),
        batas_penilaian_rekan=dt.date(2025, 7, 6),
        batas_penilaian_atasan=dt.date(2025, 7, 7),
    )
    p.refresh_from_db()
    return p


def _ev(periode, p):
    return EvaluasiPegawai.objects.get(periode=periode, pegawai=p)


def _penerima(judul_awal: str) -> set[int]:
    return set(Notifikasi.objects.filter(judul__startswith=judul_awal).values_list("penerima_id", flat=True))


def test_pengingat_penilaian_diri_untuk_yang_belum_mengirim(periode, pegawai, rekan, atasan, outsider):
    PenilaianDiriKinerja.objects.create(evaluasi=_ev(periode, rekan), status=PenilaianDiriKinerja.Status.TERKIRIM)
    PenilaianDiriKinerja.objects.create(evaluasi=_ev(periode, outsider), status=PenilaianDiriKinerja.Status.DRAFT)
    finalkan(_ev(periode, atasan))  # already final: nothing to self-assess any more
    hasil = pengingat_kirim(hari_ini=HARI)
    penerima = _penerima("Pengingat: penilaian diri")
    assert pegawai.user_id in penerima and outsider.user_id in penerima
    assert rekan.user_id not in penerima and atasan.user_id not in penerima
    assert hasil["diri"] == len(penerima)
    n = Notifikasi.objects.get(penerima=pegawai.user, judul__startswith="Pengingat: penilaian diri")
    assert n.pesan == (
        f"Penilaian diri Anda untuk periode {periode.nama} belum dikirim. Batas pengiriman: 5 Juli 2025 (2 hari lagi)."
    )
    assert n.kunci == f"pengingat-diri:{periode.pk}:2025-07-03"


def test_pengingat_rekan_satu_per_penilai_dengan_jumlahnya(periode, pegawai, rekan, atasan, admin_opd, admin_bkd):
    for ev in (_ev(periode, pegawai), _ev(periode, atasan)):
        PenugasanRekanKinerja.objects.create(evaluasi=ev, penilai=rekan, ditugaskan_oleh=admin_bkd.user)
    PenugasanRekanKinerja.objects.create(
        evaluasi=_ev(periode, pegawai), penilai=admin_opd, ditugaskan_oleh=admin_bkd.user, status="terkirim"
    )
    hasil = pengingat_kirim(hari_ini=HARI)
    assert hasil["rekan"] == 1
    n = Notifikasi.objects.get(judul__contains="penilaian rekan")
    assert (n.penerima_id, n.judul) == (rekan.user_id, f"Pengingat: 2 penilaian rekan {periode.nama} belum diisi")
    assert "6 Juli 2025 (3 hari lagi)" in n.pesan


def test_pengingat_atasan_satu_per_penilai_dengan_jumlah_yang_belum_final(periode, pegawai, rekan, atasan):
    finalkan(_ev(periode, rekan))
    hasil = pengingat_kirim(hari_ini=HARI + dt.timedelta(days=1))  # rater deadline now 3 days away
    n = Notifikasi.objects.get(penerima=atasan.user, judul__contains="penilaian bawahan")
    assert n.judul == f"Pengingat: 1 penilaian bawahan {periode.nama} belum final"
    assert hasil["atasan"] == Notifikasi.objects.filter(judul__contains="penilaian bawahan").count()
    assert n.tautan == "/kinerja/tim/"


def test_tidak_ada_pengingat_di_luar_jendela(periode):
    assert pengingat_kirim(hari_ini=dt.date(2025, 7, 1)) == NOL
    assert pengingat_kirim(hari_ini=dt.date(2025, 7, 8)) == NOL
    assert not Notifikasi.objects.exists()


def test_jendela_mengikuti_pengaturan(periode):
    PengaturanKinerja.objects.filter(pk=1).update(pengingat_hari=1)
    assert pengingat_kirim(hari_ini=HARI)["diri"] == 0
    assert pengingat_kirim(hari_ini=dt.date(2025, 7, 4))["diri"] > 0


def test_periode_yang_tidak_dalam_penilaian_tidak_diingatkan(periode):
    Periode.objects.filter(pk=periode.pk).update(status=Periode.Status.BERJALAN)
    assert pengingat_kirim(hari_ini=HARI)["diri"] == 0


def test_pengingat_idempoten_pada_hari_yang_sama(periode, admin_bkd, pegawai, rekan):
    PenugasanRekanKinerja.objects.create(evaluasi=_ev(periode, pegawai), penilai=rekan, ditugaskan_oleh=admin_bkd.user)
    pertama = pengingat_kirim(hari_ini=HARI)
    assert pertama["diri"] > 0 and pertama["rekan"] == 1
    jumlah = Notifikasi.objects.count()
    assert pengingat_kirim(hari_ini=HARI) == NOL
    assert Notifikasi.objects.count() == jumlah
    # The next day, still within the window, reminds again (once).
    assert pengingat_kirim(hari_ini=HARI + dt.timedelta(days=1))["diri"] == pertama["diri"]


def test_pengingat_keberatan_untuk_pemutus_yang_menunggu_sejak_kemarin(periode, pegawai, rekan, kepala_opd):
    lama = keberatan_uji(finalkan(_ev(periode, pegawai)))
    baru = keberatan_uji(finalkan(_ev(periode, rekan)))
    type(lama).objects.filter(pk=lama.pk).update(created_at=waktu_lokal(HARI - dt.timedelta(days=2)))
    type(baru).objects.filter(pk=baru.pk).update(created_at=waktu_lokal(HARI, 8))  # filed today: just notified
    assert pengingat_kirim(hari_ini=HARI)["keberatan"] == 1
    n = Notifikasi.objects.get(judul__contains="keberatan menunggu")
    assert (n.penerima_id, n.judul) == (kepala_opd.user_id, "Pengingat: 1 keberatan menunggu keputusan Anda")
    assert n.tautan == "/kinerja/keberatan/?cakupan=putus"
    assert pengingat_kirim(hari_ini=HARI)["keberatan"] == 0


def test_tugas_celery_memanggil_layanan(periode, pegawai):
    hasil = pengingat_tenggat_task.delay().get()
    assert set(hasil) == set(NOL)


def _tambah_pegawai(periode, atasan, admin_bkd, n: int) -> None:
    for _ in range(n):
        b = PegawaiFactory(unit=atasan.unit, jabatan=atasan.jabatan, atasan=atasan)
        ev = evaluasi_pastikan(periode=periode, pegawai=b)
        PenugasanRekanKinerja.objects.create(evaluasi=ev, penilai=b, ditugaskan_oleh=admin_bkd.user)
        keberatan_uji(finalkan(evaluasi_pastikan(periode=periode, pegawai=PegawaiFactory(atasan=b))))


def test_jumlah_query_tidak_tumbuh_per_pegawai(periode, atasan, admin_bkd, django_assert_num_queries):
    Periode.objects.filter(pk=periode.pk).update(batas_penilaian_atasan=dt.date(2025, 7, 5))
    _tambah_pegawai(periode, atasan, admin_bkd, 2)
    # 12 before the daily-log reminder; +2 for June's logs, whose last day to change (5 July) is in
    # the window on 4 July: one grouped query for the pegawai, one for the atasan.
    with django_assert_num_queries(14) as sedikit:
        hasil_sedikit = pengingat_kirim(hari_ini=HARI + dt.timedelta(days=1))
    Notifikasi.objects.all().delete()
    _tambah_pegawai(periode, atasan, admin_bkd, 6)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        hasil_banyak = pengingat_kirim(hari_ini=HARI + dt.timedelta(days=1))
    assert hasil_banyak["rekan"] == hasil_sedikit["rekan"] + 6
    assert hasil_banyak["diri"] > hasil_sedikit["diri"]
