"""Round services beyond opening: changing deadlines, recomputing (the Celery task), the nightly
peer-deadline job, and the lock that serialises two openings."""

import datetime

import pytest
from auditlog.models import LogEntry
from celery.schedules import crontab
from django.core.exceptions import ValidationError
from django.utils import timezone

from asn_kinerja.celery import app
from kompetensi.access import PESAN_PUTARAN_DILARANG
from kompetensi.models import (
    HasilKompetensi,
    JawabanRekan,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PutaranPenilaian,
)
from kompetensi.services.putaran import (
    PESAN_BATAS_LALU,
    PESAN_BATAS_URUT,
    PESAN_NAMA_KOSONG,
    PESAN_SUDAH_DITUTUP,
    putaran_buka,
    putaran_hitung,
    putaran_hitung_antre,
    putaran_tutup,
    putaran_ubah,
)
from kompetensi.tasks import hasil_hitung_putaran_task, putaran_proses_tenggat_task
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji
from pegawai.tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()
HARI = datetime.timedelta(days=1)


def _buka(actor, unit, **kw):
    return putaran_buka_uji(actor, unit, **kw).putaran


@pytest.fixture
def standar(jabatan_staf, jabatan_kabid):
    komp = [KompetensiFactory() for _ in range(2)]
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=komp[0], level=3)
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=komp[1], level=2)
    StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=komp[0], level=3)
    return komp


def _ubah(actor, putaran, **kw):
    data = dict(
        nama=putaran.nama,
        batas_diri=putaran.batas_diri,
        batas_rekan=putaran.batas_rekan,
        batas_atasan=putaran.batas_atasan,
    )
    data.update(kw)
    return putaran_ubah(actor=actor, putaran=putaran, **data)


def _rekan(peserta, jumlah, *, terkirim, levels, actor):
    """`jumlah` peers assigned to `peserta`; the first `terkirim` answered with `levels` (one per
    competency of the standard, the same for each peer)."""
    for i in range(jumlah):
        penilai = PegawaiFactory(unit=peserta.unit, nama=f"Penilai Rekan {i}")
        status = PenugasanRekan.Status.TERKIRIM if i < terkirim else PenugasanRekan.Status.DITUGASKAN
        PenugasanRekan.objects.create(peserta=peserta, penilai=penilai, status=status, ditugaskan_oleh=actor)
        if i < terkirim:
            for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
                JawabanRekan.objects.create(peserta=peserta, kompetensi_id=hasil.kompetensi_id, level=level)


# --- changing name and deadlines --------------------------------------------------------------


@pytest.mark.django_db
def test_ubah_nama_dan_batas_tercatat_di_audit(admin_opd, opd_a, pegawai, standar):
    putaran = _buka(admin_opd.user, [opd_a])
    _ubah(
        admin_opd.user,
        putaran,
        nama="  Putaran Diperpanjang ",
        batas_diri=HARI_INI + 9 * HARI,
        batas_atasan=HARI_INI + 20 * HARI,
    )
    putaran.refresh_from_db()
    assert (putaran.nama, putaran.batas_diri, putaran.batas_atasan) == (
        "Putaran Diperpanjang",
        HARI_INI + 9 * HARI,
        HARI_INI + 20 * HARI,
    )
    entri = LogEntry.objects.get_for_object(putaran).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert set(entri.changes) == {"nama", "batas_diri", "batas_atasan"}


@pytest.mark.django_db
def test_ubah_batas_ke_masa_lalu_dan_urutan_ditolak(admin_bkd, opd_a, pegawai, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    with pytest.raises(ValidationError) as exc:
        _ubah(admin_bkd.user, putaran, batas_rekan=HARI_INI - HARI, batas_atasan=HARI_INI + 3 * HARI, nama=" ")
    assert exc.value.message_dict == {
        "nama": [PESAN_NAMA_KOSONG],
        "batas_rekan": [PESAN_BATAS_LALU],
        "batas_atasan": [PESAN_BATAS_URUT],
    }
    putaran.refresh_from_db()
    assert (putaran.nama, putaran.batas_rekan, putaran.batas_atasan) == (
        "Putaran Uji",
        HARI_INI + 10 * HARI,
        HARI_INI + 14 * HARI,
    )


@pytest.mark.django_db
def test_batas_yang_sudah_lewat_boleh_tetap_saat_batas_lain_diubah(admin_bkd, opd_a, pegawai, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    PutaranPenilaian.objects.filter(pk=putaran.pk).update(batas_diri=HARI_INI - 2 * HARI)
    putaran.refresh_from_db()
    _ubah(admin_bkd.user, putaran, batas_atasan=HARI_INI + 30 * HARI)
    putaran.refresh_from_db()
    assert (putaran.batas_diri, putaran.batas_atasan) == (HARI_INI - 2 * HARI, HARI_INI + 30 * HARI)


@pytest.mark.django_db
def test_ubah_putaran_ditutup_atau_bukan_pemilik_ditolak(
    admin_bkd, admin_opd, opd_a, opd_b, pegawai, outsider, standar
):
    pemda = _buka(admin_bkd.user, [opd_a, opd_b])
    assert pemda.opd_id is None
    with pytest.raises(ValidationError) as exc:
        _ubah(admin_opd.user, pemda, nama="Dibajak")
    assert exc.value.messages == [PESAN_PUTARAN_DILARANG]
    putaran_tutup(actor=admin_bkd.user, putaran=pemda)
    with pytest.raises(ValidationError) as exc:
        _ubah(admin_bkd.user, pemda, nama="Sesudah tutup")
    assert exc.value.messages == [PESAN_SUDAH_DITUTUP]
    pemda.refresh_from_db()
    assert pemda.nama == "Putaran Uji"


# --- recomputing ------------------------------------------------------------------------------


def _diri(peserta, levels, *, status=PenilaianKompetensi.Status.TERKIRIM):
    pen = PenilaianKompetensi.objects.create(peserta=peserta, jenis="diri", penilai=peserta.pegawai, status=status)
    for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
        NilaiKompetensi.objects.create(penilaian=pen, kompetensi_id=hasil.kompetensi_id, level=level)
    return pen


@pytest.mark.django_db
def test_tugas_hitung_ulang_memperbarui_hasil_dan_idempoten(admin_bkd, opd_a, pegawai, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    peserta = putaran.peserta.get(pegawai=pegawai)
    _diri(peserta, [3, 1])
    assert not HasilKompetensi.objects.filter(peserta=peserta, capaian__isnull=False).exists()

    assert hasil_hitung_putaran_task.delay(putaran.pk).get() is True
    hasil = list(peserta.hasil.order_by("kompetensi_id").values_list("nilai_diri", "capaian", "gap"))
    assert hasil == [(3, 3, 0), (1, 1, -1)]
    peserta.refresh_from_db()
    assert peserta.jpm == pytest.approx(80)  # (3 + 1) / (3 + 2)
    assert peserta.kategori == "cukup_optimal"

    assert hasil_hitung_putaran_task.delay(putaran.pk).get() is True
    assert list(peserta.hasil.order_by("kompetensi_id").values_list("nilai_diri", "capaian", "gap")) == hasil


@pytest.mark.django_db
def test_hitung_ulang_tidak_menyentuh_putaran_ditutup_atau_yang_tidak_ada(admin_bkd, opd_a, pegawai, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    putaran_tutup(actor=admin_bkd.user, putaran=putaran)
    peserta = putaran.peserta.get(pegawai=pegawai)
    _diri(peserta, [5, 5])  # arrives after closing (a service would refuse it): must not count
    assert putaran_hitung(putaran_id=putaran.pk) is False
    assert putaran_hitung(putaran_id=putaran.pk + 1000) is False
    assert not peserta.hasil.filter(capaian__isnull=False).exists()


@pytest.mark.django_db
def test_hitung_ulang_membuka_rekan_hanya_bila_semua_rekan_mengisi(admin_bkd, opd_a, pegawai, rekan, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    lengkap = putaran.peserta.get(pegawai=pegawai)
    kurang = putaran.peserta.get(pegawai=rekan)
    _rekan(lengkap, 3, terkirim=3, levels=[2, 4], actor=admin_bkd.user)
    _rekan(kurang, 4, terkirim=3, levels=[5, 5], actor=admin_bkd.user)

    assert putaran_hitung(putaran_id=putaran.pk) is True
    lengkap.refresh_from_db()
    kurang.refresh_from_db()
    assert (lengkap.rekan_dibuka, kurang.rekan_dibuka) == (True, False)
    assert [h.rekan_rata for h in lengkap.hasil.order_by("kompetensi_id")] == [2, 4]
    assert list(kurang.hasil.values_list("rekan_jumlah", flat=True)) == [0, 0]


@pytest.mark.django_db
def test_hitung_ulang_membuka_semua_rekan_setelah_batas_rekan(admin_bkd, opd_a, pegawai, rekan, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    kurang = putaran.peserta.get(pegawai=rekan)
    _rekan(kurang, 4, terkirim=3, levels=[5, 5], actor=admin_bkd.user)
    PutaranPenilaian.objects.filter(pk=putaran.pk).update(batas_rekan=HARI_INI - HARI)
    assert putaran_hitung(putaran_id=putaran.pk) is True
    assert set(putaran.peserta.values_list("rekan_dibuka", flat=True)) == {True}
    assert list(kurang.hasil.values_list("rekan_jumlah", flat=True)) == [3, 3]


@pytest.mark.django_db
def test_antrean_hitung_ulang_berjalan_setelah_commit(
    admin_opd, opd_a, pegawai, standar, django_capture_on_commit_callbacks
):
    putaran = _buka(admin_opd.user, [opd_a])
    peserta = putaran.peserta.get(pegawai=pegawai)
    _diri(peserta, [2, 2])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        putaran_hitung_antre(actor=admin_opd.user, putaran=putaran)
    # Nothing ran inside the transaction; the task runs once it commits.
    assert not peserta.hasil.filter(capaian__isnull=False).exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert sorted(peserta.hasil.values_list("capaian", flat=True)) == [2, 2]


@pytest.mark.django_db
def test_antrean_hitung_ulang_ditolak_bila_ditutup_atau_bukan_pemilik(
    admin_bkd, admin_opd, opd_a, opd_b, pegawai, outsider, standar, django_capture_on_commit_callbacks
):
    pemda = _buka(admin_bkd.user, [opd_a, opd_b])
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as exc:
        putaran_hitung_antre(actor=admin_opd.user, putaran=pemda)
    assert exc.value.messages == [PESAN_PUTARAN_DILARANG]
    putaran_tutup(actor=admin_bkd.user, putaran=pemda)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as exc:
        putaran_hitung_antre(actor=admin_bkd.user, putaran=pemda)
    assert exc.value.messages == [PESAN_SUDAH_DITUTUP]
    assert callbacks == []


# --- the nightly job --------------------------------------------------------------------------


def test_beat_menjadwalkan_proses_tenggat_rekan_pukul_00_30():
    app.loader.import_default_modules()
    entri = app.conf.beat_schedule["kompetensi-proses-tenggat-rekan"]
    assert entri["task"] == "kompetensi.tasks.putaran_proses_tenggat_task"
    assert entri["task"] in app.tasks
    assert entri["schedule"] == crontab(hour=0, minute=30)
    assert app.conf.timezone == "Asia/Jakarta"


@pytest.mark.django_db
def test_tugas_tenggat_membuka_rata_rata_rekan_putaran_yang_lewat_batas(
    admin_bkd, opd_a, opd_b, pegawai, outsider, standar
):
    lewat = _buka(admin_bkd.user, [opd_a])
    belum = _buka(admin_bkd.user, [opd_b])
    PutaranPenilaian.objects.filter(pk=lewat.pk).update(batas_rekan=HARI_INI - HARI)
    peserta = lewat.peserta.get(pegawai=pegawai)
    _rekan(peserta, 3, terkirim=3, levels=[3, 3], actor=admin_bkd.user)

    assert putaran_proses_tenggat_task.delay().get() == 1
    assert set(lewat.peserta.values_list("rekan_dibuka", flat=True)) == {True}
    assert set(belum.peserta.values_list("rekan_dibuka", flat=True)) == {False}
    assert list(peserta.hasil.values_list("capaian", flat=True)) == [3, 3]
    assert putaran_proses_tenggat_task.delay().get() == 0  # nothing left to release


# --- opening: the lock does not change the outcome ---------------------------------------------


@pytest.mark.django_db
def test_buka_dengan_kunci_opd_tetap_melewati_peserta_putaran_lain(
    admin_bkd, admin_opd, opd_a, bidang_a, pegawai, rekan, atasan, standar
):
    pertama = _buka(admin_bkd.user, [bidang_a])
    kedua = putaran_buka(
        actor=admin_bkd.user,
        nama="Kedua",
        tanggal_mulai=pertama.tanggal_mulai,
        tanggal_selesai=pertama.tanggal_selesai,
        unit=[opd_a],
        batas_diri=pertama.batas_diri,
        batas_rekan=pertama.batas_rekan,
        batas_atasan=pertama.batas_atasan,
    )
    # pegawai, rekan and atasan are in the first round; admin_opd (OPD A itself) is not.
    assert (kedua.peserta, kedua.dilewati_putaran_lain) == (1, 3)
    assert list(kedua.putaran.peserta.values_list("pegawai_id", flat=True)) == [admin_opd.pk]
