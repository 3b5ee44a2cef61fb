"""Settings fail loudly on a bad production configuration and work with no variables at all.

Each case starts a fresh interpreter: settings are read once per process.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VARIABEL = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")
KUNCI_PRODUKSI = "k" * 20 + "-produksi-" + "x" * 34

TAMPILKAN = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "hosts": settings.ALLOWED_HOSTS,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def _jalankan(**env) -> subprocess.CompletedProcess:
    lingkungan = {k: v for k, v in os.environ.items() if k not in VARIABEL}
    lingkungan["DJANGO_SETTINGS_MODULE"] = "asn_kinerja.settings"
    lingkungan.update(env)
    return subprocess.run(
        [sys.executable, "-c", TAMPILKAN],
        cwd=BASE_DIR,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_tanpa_variabel_memakai_sqlite_celery_eager_dan_debug():
    hasil = _jalankan()
    assert hasil.returncode == 0, hasil.stderr
    nilai = json.loads(hasil.stdout)
    assert nilai["debug"] is True
    assert nilai["engine"] == "django.db.backends.sqlite3"
    assert nilai["eager"] is True
    assert "127.0.0.1" in nilai["hosts"]


def test_produksi_lengkap_berjalan_tanpa_debug_dan_dengan_broker():
    hasil = _jalankan(
        DEBUG="0",
        SECRET_KEY=KUNCI_PRODUKSI,
        ALLOWED_HOSTS="kinerja.example.go.id, www.kinerja.example.go.id",
        DATABASE_URL="postgresql://u:p@127.0.0.1:5432/asn_kinerja",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert hasil.returncode == 0, hasil.stderr
    nilai = json.loads(hasil.stdout)
    assert nilai["debug"] is False
    assert nilai["engine"] == "django.db.backends.postgresql"
    assert nilai["eager"] is False
    assert nilai["hosts"] == ["kinerja.example.go.id", "www.kinerja.example.go.id"]
    assert nilai["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_debug_mati_tanpa_secret_key_gagal_dengan_pesan_jelas():
    hasil = _jalankan(DEBUG="0", ALLOWED_HOSTS="kinerja.example.go.id")
    assert hasil.returncode != 0
    assert "ImproperlyConfigured" in hasil.stderr
    assert "DEBUG=0 membutuhkan SECRET_KEY acak minimal 50 karakter" in hasil.stderr


def test_debug_mati_dengan_secret_key_pendek_gagal():
    hasil = _jalankan(DEBUG="0", SECRET_KEY="terlalu-pendek", ALLOWED_HOSTS="kinerja.example.go.id")
    assert hasil.returncode != 0
    assert "membutuhkan SECRET_KEY acak minimal 50 karakter" in hasil.stderr


def test_debug_mati_tanpa_allowed_hosts_gagal_dengan_pesan_jelas():
    hasil = _jalankan(DEBUG="0", SECRET_KEY=KUNCI_PRODUKSI)
    assert hasil.returncode != 0
    assert "DEBUG=0 membutuhkan ALLOWED_HOSTS (dipisah koma)." in hasil.stderr


def test_nilai_debug_tidak_dikenal_gagal_dengan_pesan_jelas():
    hasil = _jalankan(DEBUG="mungkin")
    assert hasil.returncode != 0
    assert "DEBUG='mungkin': gunakan 1/0, true/false, yes/no atau on/off." in hasil.stderr


def test_angka_tidak_sah_pada_variabel_bilangan_gagal():
    hasil = _jalankan(IMPOR_MAKS_BARIS="dua puluh ribu")
    assert hasil.returncode != 0
    assert "IMPOR_MAKS_BARIS='dua puluh ribu': harus bilangan bulat." in hasil.stderr
