"""The `ruang` fixture of the assessment tests (see `penilaian_data`). Loaded by the test
modules with `pytest_plugins = ["kompetensi.tests.penilaian_fixture"]` and never imported
directly, so pytest can rewrite its asserts."""

import pytest

from kompetensi.tests.penilaian_data import Ruang, buka, standar
from pegawai.tests.factories import PegawaiFactory


@pytest.fixture
def ruang(admin_bkd, opd_a, bidang_a, jabatan_staf, pegawai, rekan, atasan, admin_opd) -> Ruang:
    komp = standar(jabatan_staf)
    lain = [
        PegawaiFactory(nama=f"Rekan Lain {i}", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan) for i in (1, 2, 3)
    ]
    return Ruang(putaran=buka(admin_bkd.user, [opd_a]), kompetensi=komp, lain=lain, admin_bkd=admin_bkd)
