"""The reminder before a month's daily logs lock: pegawai with entries returned for revision,
atasan with entries waiting for review; only within `pengingat_hari` days of the month's last
day to change (`log_kunci_hari` after its end), once per month, set-based."""

import datetime as dt

import pytest

from evaluasi.models import LogHarian, PengaturanKinerja, Periode
from evaluasi.services.pengingat import log_bulan_segera_terkunci, pengingat_kirim
from evaluasi.tests.factories import LogHarianFactory
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

# Defaults: June's entries may be changed until 5 July 2025 (log_kunci_hari 5); the reminder
# window (pengingat_hari 3) runs from 2 to 5 July.
SEBELUM, AWAL, TERAKHIR, TERKUNCI = (dt.date(2025, 7, d) for d in (1, 2, 5, 6))
JUNI = dt.date(2025, 6, 10)


def _log(pegawai, status=LogHarian.Status.BELUM_DIPERIKSA, tanggal=JUNI, n=1):
    LogHarianFactory.create_batch(n, pegawai=pegawai, tanggal=tanggal, status=status)


@pytest.fixture
def log_juni(pegawai, rekan, atasan, kepala_opd, outsider):
    R, B = LogHarian.Status.REVISI, LogHarian.Status.BELUM_DIPERIKSA
    _log(pegawai, R, n=2)
    _log(pegawai, B)
    _log(rekan, B, n=2)
    _log(rekan, LogHarian.Status.DISETUJUI)
    _log(rekan, LogHarian.Status.DITOLAK)
    _log(pegawai, R, tanggal=dt.date(2025, 7, 1))  # July locks on 5 August: not now
    _log(outsider, R, tanggal=dt.date(2025, 5, 30))  # May is already locked


def _log_notifikasi():
    return Notifikasi.objects.filter(kunci__startswith="pengingat-log")


def test_sehari_sebelum_jendela_tidak_ada_pengingat(log_juni):
    hasil = pengingat_kirim(hari_ini=SEBELUM)
    assert (hasil["log"], hasil["log_periksa"]) == (0, 0)
    assert not _log_notifikasi().exists()


def test_dalam_jendela_pegawai_dan_atasan_diingatkan(log_juni, pegawai, rekan, atasan):
    hasil = pengingat_kirim(hari_ini=AWAL)
    assert (hasil["log"], hasil["log_periksa"]) == (1, 1)
    dikirim = {n.kunci: (n.penerima_id, n.judul, n.pesan, n.tautan) for n in _log_notifikasi()}
    assert dikirim == {
        "pengingat-log:2025-06": (
            pegawai.user_id,  # rekan has nothing returned; May and July are not reminded
            "Pengingat: 2 log aktivitas Juni 2025 perlu diperbaiki",
            "Atasan mengembalikan 2 log aktivitas harian Anda bulan Juni 2025 untuk revisi. Perbaiki dan simpan "
            "sebelum log bulan itu terkunci; batas perubahan: 5 Juli 2025 (3 hari lagi).",
            "/kinerja/log/?bulan=2025-06",
        ),
        "pengingat-log-periksa:2025-06": (
            atasan.user_id,  # pegawai's one and rekan's two waiting; checked ones are not counted
            "Pengingat: 3 log aktivitas bawahan Juni 2025 belum diperiksa",
            "Ada 3 log aktivitas harian bawahan Anda bulan Juni 2025 yang belum diperiksa. Log bulan itu terkunci "
            "sesudah 5 Juli 2025 (3 hari lagi); sesudahnya log tidak dapat lagi dikembalikan untuk revisi.",
            "/kinerja/log/periksa/?dari=2025-06-01&sampai=2025-06-30",
        ),
    }


def test_sekali_per_bulan_walau_dijalankan_berulang(log_juni):
    assert pengingat_kirim(hari_ini=AWAL)["log"] == 1
    assert set(pengingat_kirim(hari_ini=AWAL).values()) == {0}  # the same day again
    for hari in (dt.date(2025, 7, 3), TERAKHIR):  # later days of the same window
        hasil = pengingat_kirim(hari_ini=hari)
        assert (hasil["log"], hasil["log_periksa"]) == (0, 0)
    assert _log_notifikasi().count() == 2


def test_hari_terakhir_masih_diingatkan_dan_sesudah_terkunci_tidak(log_juni):
    assert pengingat_kirim(hari_ini=TERKUNCI)["log"] == 0
    hasil = pengingat_kirim(hari_ini=TERAKHIR)
    assert (hasil["log"], hasil["log_periksa"]) == (1, 1)
    assert "(hari ini hari terakhir)" in Notifikasi.objects.get(kunci="pengingat-log:2025-06").pesan


def test_jendela_mengikuti_pengaturan(log_juni):
    PengaturanKinerja.get()
    PengaturanKinerja.objects.filter(pk=1).update(pengingat_hari=1, log_kunci_hari=10)
    # June may now be changed until 10 July: reminders on 9 and 10 July only.
    assert pengingat_kirim(hari_ini=dt.date(2025, 7, 8))["log"] == 0
    assert pengingat_kirim(hari_ini=dt.date(2025, 7, 9))["log"] == 1


def test_log_di_periode_ditutup_dilewati(log_juni, admin_bkd):
    Periode.objects.create(
        tahun=2025,
        jenis="bulanan",
        nomor=6,
        nama="Juni 2025",
        tanggal_mulai=dt.date(2025, 6, 1),
        tanggal_selesai=dt.date(2025, 6, 30),
        status=Periode.Status.DITUTUP,
        batas_penilaian_diri=dt.date(2025, 7, 7),
        batas_penilaian_rekan=dt.date(2025, 7, 10),
        batas_penilaian_atasan=dt.date(2025, 7, 14),
        dibuat_oleh=admin_bkd.user,
    )
    hasil = pengingat_kirim(hari_ini=AWAL)
    assert (hasil["log"], hasil["log_periksa"]) == (0, 0)


def test_atasan_nonaktif_tidak_diingatkan(log_juni, atasan):
    atasan.aktif = False
    atasan.save(update_fields=["aktif"])
    hasil = pengingat_kirim(hari_ini=AWAL)
    assert (hasil["log"], hasil["log_periksa"]) == (1, 0)


@pytest.mark.parametrize(
    ("hari_ini", "hari", "kunci_hari", "bulan"),
    [
        (SEBELUM, 3, 5, []),
        (AWAL, 3, 5, [dt.date(2025, 6, 1)]),
        (TERAKHIR, 0, 5, [dt.date(2025, 6, 1)]),
        (TERKUNCI, 3, 5, []),
        (dt.date(2025, 6, 28), 3, 0, [dt.date(2025, 6, 1)]),  # no grace: June's last day is 30 June
        (dt.date(2025, 1, 31), 30, 0, [dt.date(2025, 1, 1)]),  # February has not started
        (dt.date(2025, 3, 1), 30, 30, [dt.date(2025, 1, 1), dt.date(2025, 2, 1)]),
    ],
)
def test_bulan_yang_segera_terkunci(hari_ini, hari, kunci_hari, bulan):
    assert log_bulan_segera_terkunci(hari_ini, hari=hari, kunci_hari=kunci_hari) == bulan


def _tambah(atasan, n: int) -> None:
    for _ in range(n):
        b = PegawaiFactory(unit=atasan.unit, jabatan=atasan.jabatan, atasan=atasan)
        _log(b, LogHarian.Status.REVISI)
        _log(PegawaiFactory(unit=atasan.unit, jabatan=atasan.jabatan, atasan=b))


def test_jumlah_query_tidak_tumbuh_per_pegawai(atasan, django_assert_num_queries):
    PengaturanKinerja.get()
    _tambah(atasan, 2)
    with django_assert_num_queries(9) as sedikit:
        sedikit_hasil = pengingat_kirim(hari_ini=AWAL)
    _log_notifikasi().delete()
    _tambah(atasan, 8)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        banyak = pengingat_kirim(hari_ini=AWAL)
    assert (sedikit_hasil["log"], sedikit_hasil["log_periksa"]) == (2, 2)
    assert (banyak["log"], banyak["log_periksa"]) == (10, 10)
