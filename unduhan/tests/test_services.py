"""Background exports against the database: requesting (a double click is one export), building
once (compare-and-swap), failing with an Indonesian message, progress, and the nightly cleanup."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru
from pegawai.models import PeranPengguna
from unduhan import services
from unduhan.models import Ekspor
from unduhan.registry import baris_berprogres, ekspor_daftar
from unduhan.selectors import ekspor_besar
from unduhan.services import (
    PESAN_ANTREAN,
    PESAN_JENIS,
    PESAN_MACET,
    PESAN_TAK_TERDUGA,
    PESAN_TIDAK_BERWENANG,
    ekspor_bersihkan,
    ekspor_jalankan,
    ekspor_minta,
)
from unduhan.tests.factories import EksporFactory

pytestmark = pytest.mark.django_db

PANGGILAN: list[dict] = []
PROGRES_TERBACA: list[int] = []


def _uji_sederhana(user, parameter, progres):
    """1,200 rows; reads back the progress the service wrote at row 1,100."""
    PANGGILAN.append(parameter)

    def rows():
        for i, row in enumerate(baris_berprogres(range(1200), total=1200, progres=progres, setiap=500), start=1):
            if i == 1100:
                PROGRES_TERBACA.append(Ekspor.objects.get(status="proses").progres)
            yield (row, f"=baris {row}")

    wb = workbook_baru()
    sheet_tulis(wb, "Data", [Kolom("No"), Kolom("Teks")], rows())
    return wb, f"uji-{parameter.get('nama', 'x')}.xlsx"


def _uji_rusak(user, parameter, progres):
    raise RuntimeError("rahasia internal: /srv/app/kode.py baris 12")


def _uji_ditolak(user, parameter, progres):
    raise ValidationError("Filter ekspor tidak lagi berlaku untuk Anda: Unit kerja tidak ditemukan.")


def _uji_dihentikan(user, parameter, progres):
    hasil = _uji_sederhana(user, parameter, progres)
    # Meanwhile a new request declared this export lost.
    Ekspor.objects.filter(jenis="uji.dihentikan").update(status=Ekspor.Status.GAGAL, pesan_galat=PESAN_MACET)
    return hasil


ekspor_daftar("uji.sederhana", _uji_sederhana, judul="Ekspor uji")
ekspor_daftar("uji.rusak", _uji_rusak, judul="Ekspor uji rusak")
ekspor_daftar("uji.ditolak", _uji_ditolak, judul="Ekspor uji ditolak")
ekspor_daftar("uji.dihentikan", _uji_dihentikan, judul="Ekspor uji dihentikan")
ekspor_daftar("uji.bkd", _uji_sederhana, judul="Ekspor uji BKD", peran=("admin_bkd",))


@pytest.fixture(autouse=True)
def _bersih():
    PANGGILAN.clear()
    PROGRES_TERBACA.clear()


def _berkas_tersimpan(settings) -> list:
    folder = settings.MEDIA_ROOT / "unduhan"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_minta_lalu_dibangun_setelah_commit(pegawai, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a"})
        # Nothing runs before the request's transaction commits.
        assert Ekspor.objects.get(pk=ekspor.pk).status == Ekspor.Status.ANTRI
    assert len(callbacks) == 1
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.progres, ekspor.nama_berkas, ekspor.pesan_galat) == ("selesai", 100, "uji-a.xlsx", "")
    assert ekspor.selesai_at is not None
    # Stored privately under a random name that says nothing of its contents.
    (berkas,) = _berkas_tersimpan(settings)
    assert ekspor.berkas.name == f"unduhan/{berkas.name}"
    assert len(berkas.stem) == 32 and "uji" not in berkas.name
    assert ekspor.ukuran == berkas.stat().st_size > 0
    ws = load_workbook(BytesIO(berkas.read_bytes()))["Data"]
    baris = list(ws.iter_rows(values_only=True))
    assert baris[0] == ("No", "Teks") and len(baris) == 1201
    assert baris[1] == (0, "=baris 0") and ws["B2"].data_type == "s"  # text stays text


def test_progres_diperbarui_selama_pembangunan(pegawai, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={})
    # After 1,000 of 1,200 rows: 90% of the way through the rows.
    assert PROGRES_TERBACA == [75]


def test_klik_ganda_mengembalikan_ekspor_yang_sama(pegawai, rekan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        satu = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a", "bulan": "2026-01"})
        dua = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"bulan": "2026-01", "nama": "a"})
        lain = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "b"})
        milik_rekan = ekspor_minta(user=rekan.user, jenis="uji.sederhana", parameter={"nama": "a", "bulan": "2026-01"})
    assert dua.pk == satu.pk
    assert len({satu.pk, lain.pk, milik_rekan.pk}) == 3
    assert len(callbacks) == 3
    assert Ekspor.objects.count() == 3


def test_klik_ganda_sesudah_selesai_mendapat_berkas_yang_sama(pegawai, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        satu = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a"})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dua = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a"})
    assert dua.pk == satu.pk and dua.status == Ekspor.Status.SELESAI
    assert callbacks == [] and len(PANGGILAN) == 1
    # Later, the same request is a new export (the data may have changed).
    Ekspor.objects.filter(pk=satu.pk).update(created_at=timezone.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        tiga = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a"})
    assert tiga.pk != satu.pk and len(PANGGILAN) == 2


def test_ekspor_aktif_yang_macet_diakhiri_dan_diganti(pegawai, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        lama = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a"})
    Ekspor.objects.filter(pk=lama.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2 + 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        baru = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={"nama": "a"})
    lama.refresh_from_db()
    assert (lama.status, lama.pesan_galat) == ("gagal", PESAN_MACET)
    assert baru.pk != lama.pk
    baru.refresh_from_db()
    assert baru.status == Ekspor.Status.SELESAI
    # The lost task, delivered at last, finds nothing to claim.
    assert ekspor_jalankan(lama.pk) is False
    assert len(PANGGILAN) == 1


def test_jenis_tidak_dikenal_ditolak(pegawai):
    with pytest.raises(ValidationError) as exc:
        ekspor_minta(user=pegawai.user, jenis="tidak.ada", parameter={})
    assert exc.value.messages == [PESAN_JENIS]
    assert not Ekspor.objects.exists()


def test_jalankan_kedua_kali_tidak_membangun_ulang(pegawai, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={})
    assert ekspor_jalankan(ekspor.pk) is True
    assert ekspor_jalankan(ekspor.pk) is False
    assert len(PANGGILAN) == 1 and len(_berkas_tersimpan(settings)) == 1


def test_ekspor_yang_sedang_diproses_worker_lain_tidak_disentuh(pegawai, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={})
    Ekspor.objects.filter(pk=ekspor.pk).update(status=Ekspor.Status.PROSES, progres=40)
    assert ekspor_jalankan(ekspor.pk) is False
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.progres, PANGGILAN) == ("proses", 40, [])


def test_galat_tak_terduga_menjadi_gagal_tanpa_jejak_teknis(
    pegawai, settings, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.rusak", parameter={})
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.pesan_galat) == ("gagal", PESAN_TAK_TERDUGA)
    assert ekspor.selesai_at is not None and not ekspor.berkas
    assert _berkas_tersimpan(settings) == []
    # The traceback goes to the log for the operator.
    assert "rahasia internal" in caplog.text


def test_galat_validasi_menjadi_pesan_untuk_pengguna(pegawai, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.ditolak", parameter={})
    ekspor.refresh_from_db()
    assert ekspor.status == Ekspor.Status.GAGAL
    assert ekspor.pesan_galat == "Filter ekspor tidak lagi berlaku untuk Anda: Unit kerja tidak ditemukan."


def test_peran_diperiksa_lagi_saat_tugas_berjalan(admin_bkd, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ekspor = ekspor_minta(user=admin_bkd.user, jenis="uji.bkd", parameter={})
    PeranPengguna.objects.filter(user=admin_bkd.user).delete()  # the role is gone by the time it runs
    callbacks[0]()
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.pesan_galat) == ("gagal", PESAN_TIDAK_BERWENANG)
    assert PANGGILAN == []


def test_peran_yang_masih_ada_boleh(admin_bkd, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = ekspor_minta(user=admin_bkd.user, jenis="uji.bkd", parameter={})
    ekspor.refresh_from_db()
    assert ekspor.status == Ekspor.Status.SELESAI


def test_akun_nonaktif_tidak_mendapat_berkas(pegawai, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={})
    pegawai.user.is_active = False
    pegawai.user.save(update_fields=["is_active"])
    callbacks[0]()
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.pesan_galat) == ("gagal", PESAN_TIDAK_BERWENANG)


def test_dihentikan_di_tengah_jalan_tidak_meninggalkan_berkas(pegawai, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.dihentikan", parameter={})
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.pesan_galat, ekspor.berkas.name) == ("gagal", PESAN_MACET, "")
    assert PANGGILAN == [{}]  # it was built, then thrown away
    assert _berkas_tersimpan(settings) == []


def test_antrean_tidak_tersedia_menjadi_gagal(pegawai, monkeypatch, django_capture_on_commit_callbacks):
    from unduhan.tasks import ekspor_jalankan_task

    def tanpa_broker(*args, **kwargs):
        raise ConnectionRefusedError("redis://broker:6379")

    monkeypatch.setattr(ekspor_jalankan_task, "delay", tanpa_broker)
    with django_capture_on_commit_callbacks(execute=True):
        ekspor = ekspor_minta(user=pegawai.user, jenis="uji.sederhana", parameter={})
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.pesan_galat) == ("gagal", PESAN_ANTREAN)


def test_bersihkan_menghapus_berkas_dan_baris_lama(pegawai, settings):
    lama = EksporFactory.create_batch(3, pemilik=pegawai.user)
    gagal_lama = EksporFactory(pemilik=pegawai.user, status=Ekspor.Status.GAGAL, berkas="")
    baru = EksporFactory(pemilik=pegawai.user)
    tepat = EksporFactory(pemilik=pegawai.user)
    sekarang = timezone.now()
    Ekspor.objects.filter(pk__in=[e.pk for e in [*lama, gagal_lama]]).update(
        created_at=sekarang - dt.timedelta(days=7, minutes=1)
    )
    Ekspor.objects.filter(pk=tepat.pk).update(created_at=sekarang - dt.timedelta(days=6, hours=23))
    jalur_lama = [settings.MEDIA_ROOT / e.berkas.name for e in lama]
    assert all(p.exists() for p in jalur_lama)

    assert ekspor_bersihkan() == 4
    assert set(Ekspor.objects.values_list("pk", flat=True)) == {baru.pk, tepat.pk}
    assert not any(p.exists() for p in jalur_lama)
    assert (settings.MEDIA_ROOT / baru.berkas.name).exists()
    assert ekspor_bersihkan() == 0  # idempotent
    assert ekspor_bersihkan(hari=0) == 2


def test_tugas_bersihkan_memanggil_layanan(pegawai):
    from unduhan.tasks import ekspor_bersihkan_task

    EksporFactory(pemilik=pegawai.user)
    Ekspor.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    assert ekspor_bersihkan_task.apply().get() == 1
    assert not Ekspor.objects.exists()


@pytest.mark.parametrize(("batas", "besar"), [(1, True), (2, False), (3, False)])
def test_ambang_ekspor_latar(pegawai, rekan, settings, batas, besar):
    from pegawai.models import Pegawai

    settings.EKSPOR_LATAR_MIN_BARIS = batas
    qs = Pegawai.objects.filter(pk__in=[pegawai.pk, rekan.pk]).order_by("nama")
    assert ekspor_besar(qs) is besar


def test_kunci_parameter_tidak_peduli_urutan():
    assert services.parameter_kunci({"a": "1", "b": 2}) == services.parameter_kunci({"b": 2, "a": "1"})
    assert services.parameter_kunci({"a": "1"}) != services.parameter_kunci({"a": 1})
