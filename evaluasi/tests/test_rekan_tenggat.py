"""The daily job: release, once and set-based, the peers' aggregate of every evaluation whose
period's peer deadline has passed (or whose period is closed)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from evaluasi.models import EvaluasiPegawai, Periode
from evaluasi.services.periode import evaluasi_siapkan
from evaluasi.services.rekan import rekan_buka_periode, rekan_proses_tenggat
from evaluasi.tasks import rekan_proses_tenggat_task
from evaluasi.tests.factories import periode_uji
from pegawai.tests.factories import PegawaiFactory

pytest_plugins = ["evaluasi.tests.rekan_ruang"]  # the `ruang_rk` fixture
pytestmark = pytest.mark.django_db


def _dibuka(periode) -> list[bool]:
    return list(EvaluasiPegawai.objects.filter(periode=periode).order_by("pk").values_list("rekan_dibuka", flat=True))


def test_sehari_setelah_batas_semua_dibuka_sekali(ruang_rk, admin_bkd):
    batas = ruang_rk.periode.batas_penilaian_rekan
    lain = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN, jenis="tahunan")
    Periode.objects.filter(pk=lain.pk).update(batas_penilaian_rekan=batas + dt.timedelta(days=30))
    jumlah = EvaluasiPegawai.objects.filter(periode=ruang_rk.periode).count()

    assert rekan_proses_tenggat(hari_ini=batas) == 0  # the deadline day itself is still open
    assert not any(_dibuka(ruang_rk.periode))

    assert rekan_proses_tenggat(hari_ini=batas + dt.timedelta(days=1)) == jumlah
    assert all(_dibuka(ruang_rk.periode))
    assert not any(_dibuka(lain))  # a period whose deadline is later: untouched
    ct = ContentType.objects.get_for_model(EvaluasiPegawai)
    entri = LogEntry.objects.filter(content_type=ct, changes__has_key="rekan_dibuka")
    assert entri.count() == jumlah and set(entri.values_list("actor", flat=True)) == {None}
    assert {e.additional_data["sumber"] for e in entri} == {"batas penilaian rekan lewat"}

    assert rekan_proses_tenggat(hari_ini=batas + dt.timedelta(days=2)) == 0  # idempotent
    assert entri.count() == jumlah


def test_periode_ditutup_dibuka(ruang_rk):
    Periode.objects.filter(pk=ruang_rk.periode.pk).update(status=Periode.Status.DITUTUP)
    assert rekan_proses_tenggat(hari_ini=ruang_rk.periode.batas_penilaian_rekan) > 0
    assert all(_dibuka(ruang_rk.periode))


def test_buka_periode_saat_ditutup(ruang_rk):
    jumlah = EvaluasiPegawai.objects.filter(periode=ruang_rk.periode).count()
    assert rekan_buka_periode(periode_id=ruang_rk.periode.pk) == jumlah
    assert rekan_buka_periode(periode_id=ruang_rk.periode.pk) == 0
    assert all(_dibuka(ruang_rk.periode))


def test_tugas_celery_memanggil_layanan(ruang_rk):
    Periode.objects.filter(pk=ruang_rk.periode.pk).update(batas_penilaian_rekan=dt.date(2000, 1, 1))
    assert rekan_proses_tenggat_task.delay().get() == EvaluasiPegawai.objects.filter(periode=ruang_rk.periode).count()
    assert all(_dibuka(ruang_rk.periode))


@pytest.mark.parametrize("n", [0, 30])
def test_jumlah_query_tidak_tumbuh(ruang_rk, bidang_a, jabatan_staf, atasan, n, django_assert_num_queries):
    for i in range(n):
        PegawaiFactory(nama=f"Massal {i}", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
    evaluasi_siapkan(periode=ruang_rk.periode)
    ContentType.objects.get_for_model(EvaluasiPegawai)
    with django_assert_num_queries(6):
        rekan_proses_tenggat(hari_ini=ruang_rk.periode.batas_penilaian_rekan + dt.timedelta(days=1))
