"""Daily-log services (evaluasi/services/log.py) against the database, failure paths included.
The shared fixture `lg` (a running period of this quarter and pegawai's approved SKP) and the
helpers live here; the view and recap tests import them."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from evaluasi.models import BuktiDukung, LogHarian, PengaturanKinerja, Periode
from evaluasi.rules import log_batas_kunci
from evaluasi.services.log import (
    AKSI_REVISI,
    AKSI_SETUJUI,
    AKSI_TOLAK,
    PESAN_BUKAN_PEMILIK,
    PESAN_CATATAN_WAJIB,
    PESAN_DI_LUAR_PERIODE,
    PESAN_MASA_DEPAN,
    PESAN_MELEBIHI_MAKS,
    PESAN_MENIT_ANGKA,
    PESAN_MENIT_NEGATIF,
    PESAN_MENIT_POSITIF,
    PESAN_PERIODE_DITUTUP,
    PESAN_RHK_BUKAN_MILIK,
    PESAN_RHK_WAJIB,
    PESAN_STATUS_TETAP,
    PESAN_TERKUNCI,
    PESAN_URAIAN_KOSONG,
    log_awal_terbuka,
    log_buat,
    log_hapus,
    log_periksa,
    log_ubah,
    tgl,
)
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import LogHarianFactory, periode_uji, skp_uji
from evaluasi.tests.test_log_ruang import EXE, PDF, buat, bulan_lalu, galat, pdf
from notifikasi.models import Notifikasi

pytest_plugins = ["evaluasi.tests.test_log_ruang"]  # the `lg` fixture

pytestmark = pytest.mark.django_db


# --- writing an entry ---------------------------------------------------------------------------------


def test_pegawai_menulis_log_dengan_rhk(lg):
    log = buat(lg, menit=90, uraian="  Menyusun laporan bulanan  ")
    assert (log.pegawai_id, log.tanggal, log.menit, log.rhk_id, log.status, log.versi) == (
        lg.pegawai.pk,
        lg.hari_ini,
        90,
        lg.rhk[0].pk,
        LogHarian.Status.BELUM_DIPERIKSA,
        1,
    )
    assert log.uraian == "Menyusun laporan bulanan"
    assert LogEntry.objects.get_for_object(log).filter(action=LogEntry.Action.CREATE).count() == 1


@pytest.mark.parametrize(
    ("menit", "pesan"),
    [
        (-30, PESAN_MENIT_NEGATIF),
        (0, PESAN_MENIT_POSITIF),
        ("tiga puluh", PESAN_MENIT_ANGKA),
        (None, PESAN_MENIT_ANGKA),
    ],
)
def test_menit_negatif_nol_atau_bukan_angka_ditolak(lg, menit, pesan):
    with pytest.raises(ValidationError) as e:
        buat(lg, menit=menit)
    assert galat(e) == {"menit": [pesan]}
    assert not LogHarian.objects.exists()


def test_uraian_kosong_ditolak(lg):
    with pytest.raises(ValidationError) as e:
        buat(lg, uraian="   ")
    assert galat(e) == {"uraian": [PESAN_URAIAN_KOSONG]}
    assert not LogHarian.objects.exists()


def test_hari_melebihi_maksimum_dengan_log_yang_sudah_ada(lg):
    buat(lg, menit=400)
    buat(lg, menit=200)
    # A rejected entry does not count towards the day's total.
    LogHarianFactory(pegawai=lg.pegawai, tanggal=lg.hari_ini, menit=300, status=LogHarian.Status.DITOLAK)
    with pytest.raises(ValidationError) as e:
        buat(lg, menit=100)
    assert galat(e) == {
        "menit": [PESAN_MELEBIHI_MAKS.format(tanggal=tgl(lg.hari_ini), ada=600, menit=100, total=700, maks=660)]
    }
    assert galat(e)["menit"][0] == (
        f"Total log tanggal {tgl(lg.hari_ini)} sudah 600 menit; dengan 100 menit ini menjadi 700 menit, "
        "melebihi batas 660 menit per hari."
    )
    assert LogHarian.objects.filter(pegawai=lg.pegawai).count() == 3
    # Exactly up to the maximum is allowed; the maximum is the configured one.
    assert buat(lg, menit=60).menit == 60
    PengaturanKinerja.objects.filter(pk=1).update(log_menit_maks_harian=700)
    assert buat(lg, menit=40).menit == 40
    # Another pegawai's entries of the same day count only for them.
    assert buat(lg, menit=660, actor=lg.rekan.user, rhk=None).menit == 660


def test_tanggal_masa_depan_ditolak(lg):
    with pytest.raises(ValidationError) as e:
        buat(lg, tanggal=lg.hari_ini + dt.timedelta(days=1))
    assert galat(e) == {"tanggal": [PESAN_MASA_DEPAN]}
    assert not LogHarian.objects.exists()


def test_tanggal_di_luar_periode_ditolak(pegawai):
    hari_ini = timezone.localdate()
    with pytest.raises(ValidationError) as e:
        log_buat(actor=pegawai.user, tanggal=hari_ini, uraian="Rapat", menit=60)
    assert galat(e) == {"tanggal": [PESAN_DI_LUAR_PERIODE.format(tanggal=tgl(hari_ini))]}
    assert galat(e)["tanggal"][0] == f"Tanggal {tgl(hari_ini)} berada di luar periode penilaian yang terbuka."
    assert not LogHarian.objects.exists()


def test_periode_ditutup_menolak_log(pegawai, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.DITUTUP)
    hari_ini = timezone.localdate()
    with pytest.raises(ValidationError) as e:
        log_buat(actor=pegawai.user, tanggal=hari_ini, uraian="Rapat", menit=60)
    assert galat(e) == {"tanggal": [PESAN_PERIODE_DITUTUP.format(nama=periode.nama, tanggal=tgl(hari_ini))]}
    assert not LogHarian.objects.exists()


def test_periode_tahunan_terbuka_tidak_membuka_triwulan_yang_ditutup(pegawai, admin_bkd):
    """Closing a period locks everything in it, even when a longer period around it is open."""
    periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN, jenis="tahunan")
    triwulan = periode_uji(admin_bkd.user, status=Periode.Status.DITUTUP)
    with pytest.raises(ValidationError) as e:
        log_buat(actor=pegawai.user, tanggal=timezone.localdate(), uraian="Rapat", menit=60)
    assert triwulan.nama in galat(e)["tanggal"][0]


def test_log_boleh_ditulis_saat_periode_perencanaan(pegawai, admin_bkd):
    periode_uji(admin_bkd.user, status=Periode.Status.PERENCANAAN)
    log = log_buat(actor=pegawai.user, tanggal=timezone.localdate(), uraian="Menyusun SKP", menit=120)
    assert log.pk


def test_bulan_terkunci_menolak_log(lg):
    tanggal = bulan_lalu(4)
    with pytest.raises(ValidationError) as e:
        buat(lg, tanggal=tanggal, rhk=None)
    sejak = log_batas_kunci(tanggal, 5) + dt.timedelta(days=1)
    assert galat(e)["tanggal"] == [PESAN_TERKUNCI.format(bulan=_bulan_teks(tanggal), tanggal=tgl(sejak))]
    assert galat(e)["tanggal"][0].startswith(f"Log bulan {_bulan_teks(tanggal)} sudah terkunci sejak {tgl(sejak)}")
    assert not LogHarian.objects.exists()


def _bulan_teks(tanggal: dt.date) -> str:
    from django.utils.formats import date_format

    return date_format(tanggal, "F Y")


def test_awal_terbuka_mengikuti_hari_kunci():
    assert log_awal_terbuka(dt.date(2026, 3, 5), 5) == dt.date(2026, 2, 1)
    assert log_awal_terbuka(dt.date(2026, 3, 6), 5) == dt.date(2026, 3, 1)
    assert log_awal_terbuka(dt.date(2026, 1, 3), 5) == dt.date(2025, 12, 1)
    # 60 days: January stays open until 1 April, December until 1 March.
    assert log_awal_terbuka(dt.date(2026, 3, 31), 60) == dt.date(2026, 1, 1)
    assert log_awal_terbuka(dt.date(2026, 4, 2), 60) == dt.date(2026, 2, 1)
    assert log_awal_terbuka(dt.date(2026, 3, 1), 60) == dt.date(2025, 12, 1)


def test_rhk_wajib_bila_punya_skp_dan_harus_milik_sendiri(lg, outsider):
    with pytest.raises(ValidationError) as e:
        buat(lg, rhk=None)
    assert galat(e) == {"rhk": [PESAN_RHK_WAJIB.format(tahun=lg.hari_ini.year)]}
    rhk_lain = skp_uji(outsider).rhk.first()
    with pytest.raises(ValidationError) as e:
        buat(lg, rhk=rhk_lain)
    assert galat(e) == {"rhk": [PESAN_RHK_BUKAN_MILIK.format(tahun=lg.hari_ini.year)]}
    assert not LogHarian.objects.exists()
    # Without an SKP of that year the RHK is optional.
    assert buat(lg, actor=lg.rekan.user, rhk=None).rhk_id is None


def test_semua_galat_isian_sekaligus(lg):
    with pytest.raises(ValidationError) as e:
        buat(lg, menit=-5, uraian="", tanggal=lg.hari_ini + dt.timedelta(days=2), rhk=None)
    assert set(galat(e)) == {"menit", "uraian", "tanggal", "rhk"}


def test_akun_tanpa_pegawai_tidak_dapat_menulis_log(lg, django_user_model):
    user = django_user_model.objects.create(username="tanpa-pegawai")
    with pytest.raises(ValidationError):
        buat(lg, actor=user)


# --- evidence (through evaluasi.services.realisasi.bukti_tambah) ----------------------------------------


def test_log_dengan_bukti_berkas_atau_tautan(lg):
    log = buat(lg, berkas=pdf())
    bukti = BuktiDukung.objects.get(log=log)
    assert (bukti.nama_berkas, bukti.jenis_mime, bukti.ukuran, bukti.tautan) == (
        "notulen.pdf",
        "application/pdf",
        len(PDF),
        "",
    )
    assert bukti.berkas.read() == PDF
    log2 = buat(lg, tautan="https://drive.example.go.id/notulen")
    assert BuktiDukung.objects.get(log=log2).tautan == "https://drive.example.go.id/notulen"


def test_bukti_exe_berganti_nama_pdf_menolak_seluruh_log(lg):
    with pytest.raises(ValidationError) as e:
        buat(lg, berkas=pdf("laporan.pdf", EXE))
    assert "berkas" in galat(e)
    assert "Jenis berkas tidak diizinkan" in galat(e)["berkas"][0]
    assert not LogHarian.objects.exists() and not BuktiDukung.objects.exists()


# --- changing and deleting ------------------------------------------------------------------------------


def _ubah(lg, log, *, versi=None, actor=None, **kw):
    data = {"tanggal": log.tanggal, "uraian": log.uraian, "menit": log.menit, "rhk": log.rhk}
    data.update(kw)
    return log_ubah(actor=actor or lg.pegawai.user, log=log, versi=log.versi if versi is None else versi, **data)


def test_ubah_log_revisi_kembali_belum_diperiksa(lg):
    log = buat(lg, menit=60)
    LogHarian.objects.filter(pk=log.pk).update(status=LogHarian.Status.REVISI, catatan_atasan="Rincikan kegiatannya")
    log.refresh_from_db()
    hasil = _ubah(lg, log, uraian="Menyusun notula rapat koordinasi PPDB", menit=75, rhk=lg.rhk[1])
    assert (hasil.status, hasil.menit, hasil.rhk_id, hasil.versi) == (
        LogHarian.Status.BELUM_DIPERIKSA,
        75,
        lg.rhk[1].pk,
        2,
    )
    assert hasil.uraian == "Menyusun notula rapat koordinasi PPDB"
    jejak = LogEntry.objects.get_for_object(hasil).filter(action=LogEntry.Action.UPDATE).get()
    assert jejak.changes["status"] == ["revisi", "belum"]
    assert jejak.changes["menit"] == ["60", "75"]
    assert jejak.actor_id == lg.pegawai.user.pk


@pytest.mark.parametrize("status", [LogHarian.Status.DISETUJUI, LogHarian.Status.DITOLAK])
def test_ubah_dan_hapus_setelah_diperiksa_ditolak(lg, status):
    log = buat(lg, menit=60)
    LogHarian.objects.filter(pk=log.pk).update(status=status)
    log.refresh_from_db()
    pesan = PESAN_STATUS_TETAP.format(status=log.get_status_display())
    with pytest.raises(ValidationError) as e:
        _ubah(lg, log, menit=30)
    assert e.value.messages == [pesan]
    with pytest.raises(ValidationError) as e:
        log_hapus(actor=lg.pegawai.user, log=log, versi=log.versi)
    assert e.value.messages == [pesan]
    log.refresh_from_db()
    assert (log.menit, log.status) == (60, status)


def test_ubah_dari_tab_lama_ditolak(lg):
    log = buat(lg, menit=60)
    _ubah(lg, log, menit=90)  # the first tab
    with pytest.raises(ValidationError) as e:
        _ubah(lg, log, menit=30, versi=1)  # the second tab still holds versi 1
    assert e.value.messages == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    log.refresh_from_db()
    assert (log.menit, log.versi) == (90, 2)


def test_ubah_oleh_bukan_pemilik_ditolak(lg):
    log = buat(lg, menit=60)
    with pytest.raises(ValidationError) as e:
        _ubah(lg, log, menit=30, actor=lg.atasan.user)
    assert e.value.messages == [PESAN_BUKAN_PEMILIK]


def test_ubah_tidak_menghitung_dirinya_dalam_total_hari(lg):
    log = buat(lg, menit=600)
    assert _ubah(lg, log, menit=660).menit == 660
    log.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        _ubah(lg, log, menit=661)
    assert "melebihi batas 660 menit per hari" in galat(e)["menit"][0]


def test_ubah_log_bulan_terkunci_ditolak(lg):
    tanggal = bulan_lalu(4)
    log = LogHarianFactory(pegawai=lg.pegawai, tanggal=tanggal, menit=60)
    with pytest.raises(ValidationError) as e:
        _ubah(lg, log, tanggal=lg.hari_ini, rhk=lg.rhk[0])
    assert galat(e)["tanggal"][0].startswith(f"Log bulan {_bulan_teks(tanggal)} sudah terkunci")
    with pytest.raises(ValidationError):
        log_hapus(actor=lg.pegawai.user, log=log, versi=log.versi)
    assert LogHarian.objects.filter(pk=log.pk, tanggal=tanggal).exists()


def test_hapus_log_beserta_berkas_buktinya(lg, django_capture_on_commit_callbacks):
    log = buat(lg, berkas=pdf())
    berkas = BuktiDukung.objects.get(log=log).berkas
    nama, storage = berkas.name, berkas.storage
    assert storage.exists(nama)
    with django_capture_on_commit_callbacks(execute=True):
        log_hapus(actor=lg.pegawai.user, log=log, versi=log.versi)
    assert not LogHarian.objects.exists() and not BuktiDukung.objects.exists()
    assert not storage.exists(nama)
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LogHarian), object_pk=str(log.pk), action=LogEntry.Action.DELETE
    ).exists()


def test_hapus_dengan_versi_lama_ditolak(lg):
    log = buat(lg)
    _ubah(lg, log, menit=30)
    with pytest.raises(ValidationError) as e:
        log_hapus(actor=lg.pegawai.user, log=log, versi=1)
    assert e.value.messages == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert LogHarian.objects.filter(pk=log.pk).exists()


# --- the atasan's review --------------------------------------------------------------------------------


def test_periksa_massal_mengabaikan_id_log_yang_bukan_bawahan_langsung(lg, outsider, kepala_opd):
    milik_pegawai = buat(lg)
    milik_rekan = buat(lg, actor=lg.rekan.user, rhk=None)
    asing = LogHarianFactory(pegawai=outsider)
    milik_atasan = LogHarianFactory(pegawai=lg.atasan)  # his own: not a subordinate's
    hasil = log_periksa(
        actor=lg.atasan.user,
        log_ids=[milik_pegawai.pk, milik_rekan.pk, asing.pk, milik_atasan.pk, 999999],
        aksi=AKSI_SETUJUI,
    )
    assert (hasil.diproses, hasil.diminta, hasil.dilewati) == (2, 5, 3)
    status = dict(LogHarian.objects.values_list("pk", "status"))
    assert status == {
        milik_pegawai.pk: "disetujui",
        milik_rekan.pk: "disetujui",
        asing.pk: "belum",
        milik_atasan.pk: "belum",
    }
    milik_pegawai.refresh_from_db()
    assert (milik_pegawai.diperiksa_oleh_id, milik_pegawai.versi) == (lg.atasan.pk, 2)
    assert milik_pegawai.diperiksa_pada is not None
    # The atasan's own atasan is not the direct atasan of pegawai: nothing for them.
    assert log_periksa(actor=kepala_opd.user, log_ids=[milik_atasan.pk], aksi=AKSI_SETUJUI).diproses == 1
    assert log_periksa(actor=kepala_opd.user, log_ids=[asing.pk], aksi=AKSI_SETUJUI).diproses == 0


def test_periksa_dua_kali_hanya_berlaku_sekali(lg):
    a, b = buat(lg), buat(lg, menit=30)
    pertama = log_periksa(actor=lg.atasan.user, log_ids=[a.pk, b.pk], aksi=AKSI_REVISI, catatan="Lengkapi uraian")
    kedua = log_periksa(actor=lg.atasan.user, log_ids=[a.pk, b.pk], aksi=AKSI_TOLAK, catatan="Tidak relevan")
    assert (pertama.diproses, kedua.diproses) == (2, 0)
    assert set(LogHarian.objects.values_list("status", flat=True)) == {"revisi"}
    assert Notifikasi.objects.filter(penerima=lg.pegawai.user).count() == 1
    jejak = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LogHarian), action=LogEntry.Action.UPDATE
    )
    assert jejak.count() == 2
    assert {tuple(j.changes["status"]) for j in jejak} == {("belum", "revisi")}


def test_revisi_dan_tolak_wajib_catatan(lg):
    log = buat(lg)
    for aksi in (AKSI_REVISI, AKSI_TOLAK):
        with pytest.raises(ValidationError) as e:
            log_periksa(actor=lg.atasan.user, log_ids=[log.pk], aksi=aksi, catatan="   ")
        assert galat(e) == {"catatan": [PESAN_CATATAN_WAJIB]}
    with pytest.raises(ValidationError) as e:
        log_periksa(actor=lg.atasan.user, log_ids=[log.pk], aksi="hapus")
    assert "aksi" in galat(e)
    with pytest.raises(ValidationError) as e:
        log_periksa(actor=lg.atasan.user, log_ids=["1; DROP TABLE"], aksi=AKSI_SETUJUI)
    assert "log" in galat(e)
    log.refresh_from_db()
    assert log.status == LogHarian.Status.BELUM_DIPERIKSA


def test_satu_notifikasi_per_pegawai_per_batch(lg):
    milik_pegawai = [buat(lg, menit=30) for _ in range(3)]
    milik_rekan = [buat(lg, menit=30, actor=lg.rekan.user, rhk=None) for _ in range(2)]
    hasil = log_periksa(
        actor=lg.atasan.user,
        log_ids=[log.pk for log in milik_pegawai + milik_rekan],
        aksi=AKSI_TOLAK,
        catatan="Bukan tugas jabatan",
    )
    assert (hasil.diproses, hasil.pegawai_diberi_tahu) == (5, 2)
    notif = Notifikasi.objects.get(penerima=lg.pegawai.user)
    assert notif.judul == "Log aktivitas ditolak"
    assert notif.pesan == (
        f"{lg.atasan.nama_lengkap} menolak 3 log aktivitas Anda ({tgl(lg.hari_ini)}). Catatan: Bukan tugas jabatan"
    )
    assert notif.tautan == f"/kinerja/log/?bulan={lg.hari_ini:%Y-%m}"
    assert Notifikasi.objects.get(penerima=lg.rekan.user).pesan.startswith(f"{lg.atasan.nama_lengkap} menolak 2 log")
    assert set(LogHarian.objects.values_list("catatan_atasan", flat=True)) == {"Bukan tugas jabatan"}


def test_persetujuan_tidak_memberi_notifikasi(lg):
    log = buat(lg)
    log_periksa(actor=lg.atasan.user, log_ids=[log.pk], aksi=AKSI_SETUJUI)
    assert not Notifikasi.objects.exists()


def test_log_terkunci_tidak_dapat_dikembalikan_untuk_revisi_tetapi_dapat_disetujui(lg):
    lama = LogHarianFactory(pegawai=lg.pegawai, tanggal=bulan_lalu(4))
    assert log_periksa(actor=lg.atasan.user, log_ids=[lama.pk], aksi=AKSI_REVISI, catatan="Perbaiki").diproses == 0
    assert log_periksa(actor=lg.atasan.user, log_ids=[lama.pk], aksi=AKSI_SETUJUI).diproses == 1


def test_log_di_periode_ditutup_tidak_diperiksa(lg, admin_bkd):
    log = LogHarianFactory(pegawai=lg.pegawai)
    Periode.objects.filter(pk=lg.periode.pk).update(status=Periode.Status.DITUTUP)
    assert log_periksa(actor=lg.atasan.user, log_ids=[log.pk], aksi=AKSI_SETUJUI).diproses == 0
    log.refresh_from_db()
    assert log.status == LogHarian.Status.BELUM_DIPERIKSA


def test_log_yang_diperiksa_tidak_dapat_diubah_dari_tab_lama(lg):
    log = buat(lg)
    log_periksa(actor=lg.atasan.user, log_ids=[log.pk], aksi=AKSI_SETUJUI)
    with pytest.raises(ValidationError) as e:
        _ubah(lg, log, menit=30)  # the form was drawn before the review
    assert e.value.messages == [PESAN_DIUBAH_DI_TEMPAT_LAIN]


# --- two tabs at once (row lock; PostgreSQL only: SQLite has no row locks) ------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SELECT ... FOR UPDATE butuh PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_dua_tab_bersamaan_tidak_bersama_sama_melampaui_maksimum(pegawai, admin_bkd, monkeypatch):
    """Tab A holds the pegawai lock (its entry written, not committed) until tab B is seen
    waiting for the same lock; B then sees A's minutes and is refused."""
    from evaluasi.services import log as layanan

    periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    hari_ini = timezone.localdate()
    a_menulis = threading.Event()
    asli = layanan._bukti_tambah
    hasil: dict = {}

    def tahan(**kw):
        if threading.current_thread().name == "tab-a":
            a_menulis.set()
            tunggu_kunci_ditunggu()
        return asli(**kw)

    monkeypatch.setattr(layanan, "_bukti_tambah", tahan)

    def tab(nama):
        try:
            hasil[nama] = log_buat(actor=pegawai.user, tanggal=hari_ini, uraian=f"Kegiatan {nama}", menit=400)
        except ValidationError as exc:
            hasil[nama] = exc
        finally:
            connections.close_all()

    a = threading.Thread(target=tab, args=("a",), name="tab-a")
    a.start()
    assert a_menulis.wait(10)
    b = threading.Thread(target=tab, args=("b",), name="tab-b")
    b.start()
    a.join(20)
    b.join(20)
    assert isinstance(hasil["a"], LogHarian)
    assert isinstance(hasil["b"], ValidationError)
    assert "sudah 400 menit" in hasil["b"].message_dict["menit"][0]
    assert LogHarian.objects.filter(pegawai=pegawai).count() == 1


def tunggu_kunci_ditunggu(batas_detik: float = 10) -> None:
    """Poll (from a separate connection) until another backend waits on a row lock."""
    import time

    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    nama = connection.settings_dict["NAME"]
    with psycopg.connect(
        host=db.get("HOST") or None, port=db.get("PORT") or None, user=db.get("USER"), dbname=nama, autocommit=True
    ) as conn:
        akhir = time.monotonic() + batas_detik
        while time.monotonic() < akhir:
            menunggu = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", [nama]
            ).fetchone()[0]
            if menunggu:
                return
            time.sleep(0.02)
    raise AssertionError("tidak ada koneksi lain yang menunggu kunci baris")
