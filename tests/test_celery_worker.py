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
from pathlib import Path

import pytest
import redis
from django.conf import settings

from asn_kinerja.celery import app
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


@pytest.fixture
def worker_nyata(tmp_path):
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
            env={**os.environ, "CELERY_BROKER_URL": settings.CELERY_BROKER_URL},
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
