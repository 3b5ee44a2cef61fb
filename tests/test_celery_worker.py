"""A real Celery worker consumes from the Redis broker (CI), and beat only names real tasks.

The worker runs as a subprocess through the same command as `make worker`, on a queue unique to
this test so that parallel runs (pytest-xdist, two CI jobs on one Redis) never steal each
other's messages.
"""

import os
import subprocess
import sys
import time
import uuid
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from asn_kinerja.celery import app
from pegawai.models import Pegawai
from pegawai.tasks import sistem_ping_task

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.worker


def test_jadwal_beat_hanya_merujuk_tugas_yang_terdaftar():
    # The worker imports task modules this way at start-up; do the same before looking.
    app.loader.import_default_modules()
    terdaftar = set(app.tasks.keys())
    jadwal = app.conf.beat_schedule
    assert jadwal, "beat_schedule kosong: tugas berkala harus dideklarasikan di asn_kinerja/celery.py"
    tidak_dikenal = {nama: entri["task"] for nama, entri in jadwal.items() if entri["task"] not in terdaftar}
    assert tidak_dikenal == {}
    assert all("schedule" in entri for entri in jadwal.values())


def test_tugas_berjalan_sebagai_fungsi_biasa_tanpa_broker():
    assert sistem_ping_task.apply().get() == "pong"


def _worker(tmp_path, env: dict | None = None):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL tidak diset: tidak ada broker")
    antrean = f"uji-{uuid.uuid4().hex[:12]}"
    log = tmp_path / "worker.log"
    with log.open("wb") as keluaran:
        proses = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "asn_kinerja",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                f"--queues={antrean}",
                f"--hostname={antrean}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env={**os.environ, "CELERY_BROKER_URL": settings.CELERY_BROKER_URL, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=keluaran,
            stderr=subprocess.STDOUT,
        )
    try:
        yield antrean, proses, log
    finally:
        proses.terminate()
        try:
            proses.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proses.kill()
            proses.wait(timeout=10)
        # Leave nothing behind in a shared Redis: the queue and kombu's binding keys for it.
        klien = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        klien.delete(antrean, f"_kombu.binding.{antrean}", f"_kombu.binding_permanent.{antrean}")
        klien.close()


@pytest.fixture
def worker_nyata(tmp_path):
    yield from _worker(tmp_path)


def test_worker_nyata_mengerjakan_tugas_lewat_redis_dan_mengembalikan_hasil(worker_nyata):
    antrean, proses, log = worker_nyata
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    assert settings.CELERY_RESULT_BACKEND.startswith("redis://")

    hasil = sistem_ping_task.apply_async(queue=antrean)
    batas = time.monotonic() + 60
    while not hasil.ready():
        if proses.poll() is not None:
            pytest.fail(f"worker berhenti (kode {proses.returncode}):\n{log.read_text(errors='replace')}")
        if time.monotonic() > batas:
            pytest.fail(f"tidak ada hasil dalam 60 detik:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)

    assert hasil.get(timeout=5) == "pong"
    assert hasil.status == "SUCCESS"
    hasil.forget()
    # The answer came from the worker process, not from an in-process eager call.
    assert f"sistem_ping_task[{hasil.id}] succeeded" in log.read_text(errors="replace")


@pytest.fixture
def worker_ekspor(tmp_path, settings, transactional_db):
    """A worker on the test database (committed rows, so a transactional test) and the test's
    MEDIA_ROOT. Only PostgreSQL: SQLite's test database lives in this process's memory."""
    if connection.vendor != "postgresql":
        pytest.skip("worker ekspor membaca basis data uji: hanya PostgreSQL")
    d = connection.settings_dict
    akun = quote(d["USER"] or "") + (f":{quote(d['PASSWORD'])}" if d["PASSWORD"] else "")
    url = f"postgres://{akun}@{d['HOST'] or 'localhost'}:{d['PORT'] or 5432}/{d['NAME']}"
    yield from _worker(tmp_path, {"DATABASE_URL": url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)})


def test_worker_nyata_menyiapkan_ekspor_latar(worker_ekspor, settings, monkeypatch, client, admin_bkd, pegawai, rekan):
    from unduhan.models import Ekspor
    from unduhan.tasks import ekspor_jalankan_task

    antrean, proses, log = worker_ekspor
    monkeypatch.setattr(ekspor_jalankan_task, "delay", lambda *a: ekspor_jalankan_task.apply_async(a, queue=antrean))
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    client.force_login(admin_bkd.user)
    bulan = timezone.localdate().replace(day=1)
    r = client.get(reverse("evaluasi:log-rekap-export"), {"bulan": f"{bulan:%Y-%m}"})
    assert r.status_code == 302 and r["Location"] == reverse("unduhan:ekspor-list")

    batas = time.monotonic() + 60
    while (ekspor := Ekspor.objects.get()).status in Ekspor.AKTIF:
        if proses.poll() is not None:
            pytest.fail(f"worker berhenti (kode {proses.returncode}):\n{log.read_text(errors='replace')}")
        if time.monotonic() > batas:
            pytest.fail(f"ekspor tidak selesai dalam 60 detik:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)

    assert (ekspor.status, ekspor.progres, ekspor.pesan_galat) == ("selesai", 100, "")
    assert "ekspor_jalankan_task[" in log.read_text(errors="replace")  # built by the worker process
    unduh = client.get(reverse("unduhan:ekspor-unduh", args=[ekspor.pk]))
    ws = load_workbook(BytesIO(b"".join(unduh.streaming_content))).worksheets[0]
    nip = {row[0] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert nip == set(Pegawai.objects.filter(aktif=True).values_list("nip", flat=True))
    assert {pegawai.nip, rekan.nip, admin_bkd.nip} <= nip
