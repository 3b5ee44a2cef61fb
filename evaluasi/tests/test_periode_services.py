import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from evaluasi.models import EvaluasiPegawai, Periode
from evaluasi.services.periode import (
    PESAN_BUKAN_BKD,
    PESAN_STATUS_BERUBAH,
    evaluasi_pastikan,
    evaluasi_siapkan,
    periode_buat,
    periode_lanjut,
)
from evaluasi.tests.factories import skp_uji
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def test_periode_dibuka_dengan_tanggal_kalender_dan_catatan_evaluasi_setiap_pegawai(
    admin_bkd, pegawai, rekan, outsider
):
    skp = skp_uji(pegawai, tahun=2026)
    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=2)
    assert (periode.nama, periode.tanggal_mulai, periode.tanggal_selesai) == (
        "Triwulan II 2026",
        dt.date(2026, 4, 1),
        dt.date(2026, 6, 30),
    )
    assert periode.batas_penilaian_diri == dt.date(2026, 7, 7)
    assert periode.status == Periode.Status.PERENCANAAN
    ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    assert (ev.skp_id, ev.penilai_id, ev.atasan_penilai_id, ev.unit_id, ev.opd_id) == (
        skp.pk,
        pegawai.atasan_id,
        pegawai.atasan.atasan_id,
        pegawai.unit_id,
        pegawai.unit.opd_id,
    )
    assert EvaluasiPegawai.objects.filter(periode=periode, pegawai=outsider, penilai__isnull=True).exists()
    # Idempotent: nothing new the second time.
    assert evaluasi_siapkan(periode=periode) == 0


def test_hanya_admin_bkd_membuka_periode(admin_opd):
    with pytest.raises(ValidationError) as e:
        periode_buat(actor=admin_opd.user, tahun=2026, jenis="triwulan", nomor=1)
    assert e.value.messages == [PESAN_BUKAN_BKD]
    assert not Periode.objects.exists()


def test_periode_ganda_dan_jenis_tidak_dipakai_ditolak(admin_bkd):
    periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=1)
    with pytest.raises(ValidationError) as e:
        periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=1)
    assert e.value.messages == ["Periode Triwulan I 2026 sudah ada."]
    with pytest.raises(ValidationError) as e:
        periode_buat(actor=admin_bkd.user, tahun=2026, jenis="bulanan", nomor=1)
    assert "tidak dipakai" in e.value.messages[0]
    with pytest.raises(ValidationError) as e:
        periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=5)
    assert e.value.message_dict == {"nomor": ["Nomor periode untuk jenis triwulan harus 1 sampai 4."]}


def test_tanggal_di_luar_tahun_dan_batas_terbalik_ditolak(admin_bkd):
    with pytest.raises(ValidationError) as e:
        periode_buat(
            actor=admin_bkd.user,
            tahun=2026,
            jenis="triwulan",
            nomor=1,
            tanggal_mulai=dt.date(2025, 12, 1),
            batas_penilaian_diri=dt.date(2026, 4, 20),
            batas_penilaian_atasan=dt.date(2026, 4, 10),
        )
    assert e.value.message_dict["tanggal_mulai"] == ["Tanggal periode harus berada di tahun 2026."]
    assert e.value.message_dict["batas_penilaian_atasan"] == [
        "Batas penilaian atasan tidak boleh sebelum batas penilaian diri."
    ]
    assert not Periode.objects.exists()


def test_status_maju_sekali_walau_dikirim_dua_kali(admin_bkd, pegawai):
    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=1)
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="perencanaan")
    with pytest.raises(ValidationError) as e:
        periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="perencanaan")
    assert e.value.messages == [PESAN_STATUS_BERUBAH]
    periode.refresh_from_db()
    assert periode.status == Periode.Status.BERJALAN


def test_masuk_penilaian_memakai_atasan_hari_ini_untuk_yang_belum_dinilai(admin_bkd, pegawai, rekan, kepala_opd):
    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=1)
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="perencanaan")
    pegawai.atasan = kepala_opd
    pegawai.save(update_fields=["atasan"])
    baru = PegawaiFactory(unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=kepala_opd)
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="berjalan")
    ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    assert ev.penilai_id == kepala_opd.pk
    assert ev.atasan_penilai_id is None
    assert EvaluasiPegawai.objects.filter(periode=periode, pegawai=baru).exists()


def test_ditutup_mencatat_waktu_dan_pelaku(admin_bkd):
    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="tahunan", nomor=1)
    for status in ("perencanaan", "berjalan", "penilaian"):
        periode = periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status=status)
    assert periode.ditutup and periode.ditutup_oleh == admin_bkd.user and periode.ditutup_pada
    with pytest.raises(ValidationError):
        periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="ditutup")


def test_pegawai_baru_mendapat_catatan_saat_dibutuhkan(admin_bkd, pegawai):
    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=1)
    baru = PegawaiFactory(unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=pegawai.atasan)
    ev = evaluasi_pastikan(periode=periode, pegawai=baru)
    assert ev.penilai_id == pegawai.atasan_id
    assert evaluasi_pastikan(periode=periode, pegawai=baru).pk == ev.pk


def test_menutup_periode_membuka_hasil_rekan_yang_tertahan(admin_bkd, pegawai, rekan, atasan):
    from evaluasi.models import PenugasanRekanKinerja

    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="tahunan", nomor=1)
    ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    PenugasanRekanKinerja.objects.create(evaluasi=ev, penilai=rekan, ditugaskan_oleh=atasan.user)
    for status in ("perencanaan", "berjalan", "penilaian"):
        periode = periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status=status)
    ev.refresh_from_db()
    assert ev.rekan_dibuka


def test_perpindahan_status_periode_tercatat_di_audit(admin_bkd):
    from auditlog.models import LogEntry

    periode = periode_buat(actor=admin_bkd.user, tahun=2026, jenis="triwulan", nomor=3)
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="perencanaan")
    entri = LogEntry.objects.get_for_object(periode).filter(action=LogEntry.Action.UPDATE).get()
    assert entri.actor == admin_bkd.user
    assert entri.changes_dict["status"] == ["perencanaan", "berjalan"]
