"""Shared persona fixtures (STYLE.md): a pegawai, their atasan, a peer in the same unit, an
outsider in another OPD, an Admin OPD, an Admin BKD, a complaint officer and an anonymous
citizen. The tree:

    Pemda
    ├── OPD A: Dinas Pendidikan (kepala_opd)
    │   └── Bidang A1 (atasan)  ── pegawai, rekan (atasan's direct subordinates)
    ├── OPD B: Dinas Kesehatan  ── outsider
    └── BKD                      ── admin_bkd, petugas (complaint officer for every OPD)
    admin_opd works in OPD A and administers it.
"""

import pytest

from pegawai.models import Jabatan, PeranPengguna, UnitKerja
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, PeranFactory, UnitKerjaFactory


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    """Uploaded files (evidence, imports) go to a per-test folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_kosong():
    """The public pages' rate-limit counters live in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in-process in tests even when CI sets CELERY_BROKER_URL; only tests marked
    `worker` (tests/test_celery_worker.py) talk to a real broker and worker."""
    if request.node.get_closest_marker("worker"):
        yield
        return
    from asn_kinerja.celery import app

    sebelumnya = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = sebelumnya


@pytest.fixture
def pemda(db):
    return UnitKerjaFactory(kode="PEMDA", nama="Pemerintah Kota Contoh", jenis=UnitKerja.Jenis.PEMDA)


@pytest.fixture
def opd_a(pemda):
    return UnitKerjaFactory(kode="DISDIK", nama="Dinas Pendidikan", jenis=UnitKerja.Jenis.OPD, induk=pemda)


@pytest.fixture
def bidang_a(opd_a):
    return UnitKerjaFactory(
        kode="DISDIK-PTK", nama="Bidang Pendidik dan Tenaga Kependidikan", jenis=UnitKerja.Jenis.BIDANG, induk=opd_a
    )


@pytest.fixture
def opd_b(pemda):
    return UnitKerjaFactory(kode="DINKES", nama="Dinas Kesehatan", jenis=UnitKerja.Jenis.OPD, induk=pemda)


@pytest.fixture
def opd_bkd(pemda):
    return UnitKerjaFactory(kode="BKD", nama="Badan Kepegawaian Daerah", jenis=UnitKerja.Jenis.OPD, induk=pemda)


@pytest.fixture
def jabatan_kepala(db):
    return JabatanFactory(
        kode="JPT-KADIS", nama="Kepala Dinas", jenis=Jabatan.Jenis.JPT, jenjang=Jabatan.Jenjang.PRATAMA
    )


@pytest.fixture
def jabatan_kabid(db):
    return JabatanFactory(kode="ADM-KABID", nama="Kepala Bidang", jenis=Jabatan.Jenis.ADMINISTRATOR)


@pytest.fixture
def jabatan_staf(db):
    return JabatanFactory(kode="PL-ANALIS", nama="Analis SDM Aparatur", jenis=Jabatan.Jenis.PELAKSANA)


@pytest.fixture
def kepala_opd(opd_a, jabatan_kepala):
    return PegawaiFactory(nama="Kepala Dinas Pendidikan", unit=opd_a, jabatan=jabatan_kepala, golongan="IV/c")


@pytest.fixture
def atasan(bidang_a, jabatan_kabid, kepala_opd):
    return PegawaiFactory(
        nama="Atasan Bidang", unit=bidang_a, jabatan=jabatan_kabid, atasan=kepala_opd, golongan="IV/a"
    )


@pytest.fixture
def pegawai(bidang_a, jabatan_staf, atasan):
    return PegawaiFactory(nama="Pegawai Uji", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)


@pytest.fixture
def rekan(bidang_a, jabatan_staf, atasan):
    return PegawaiFactory(nama="Rekan Sejawat", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)


@pytest.fixture
def outsider(opd_b, jabatan_staf):
    return PegawaiFactory(nama="Orang Luar", unit=opd_b, jabatan=jabatan_staf)


@pytest.fixture
def admin_opd(opd_a, jabatan_staf, kepala_opd):
    p = PegawaiFactory(nama="Admin Disdik", unit=opd_a, jabatan=jabatan_staf, atasan=kepala_opd)
    PeranFactory(user=p.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_a)
    return p


@pytest.fixture
def admin_bkd(opd_bkd, jabatan_staf):
    p = PegawaiFactory(nama="Admin BKD", unit=opd_bkd, jabatan=jabatan_staf)
    PeranFactory(user=p.user, peran=PeranPengguna.Peran.ADMIN_BKD)
    return p


@pytest.fixture
def petugas(opd_bkd, jabatan_staf):
    p = PegawaiFactory(nama="Petugas Pengaduan", unit=opd_bkd, jabatan=jabatan_staf)
    PeranFactory(user=p.user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=None)
    return p


@pytest.fixture
def warga(client):
    """An anonymous citizen: a client that never logged in."""
    return client


@pytest.fixture
def login(client):
    """login(pegawai) -> the test client signed in as that pegawai's account."""

    def _login(p):
        client.force_login(p.user)
        return client

    return _login
