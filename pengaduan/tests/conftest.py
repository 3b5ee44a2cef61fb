"""Fixtures shared by the pengaduan tests (the root conftest.py has the personas)."""

import pytest

from pegawai.models import PeranPengguna
from pegawai.tests.factories import PegawaiFactory, PeranFactory


@pytest.fixture
def petugas_opd_a(opd_a, jabatan_staf, kepala_opd):
    """A Petugas Pengaduan serving OPD A only (the `petugas` persona serves every OPD)."""
    p = PegawaiFactory(nama="Petugas Disdik", unit=opd_a, jabatan=jabatan_staf, atasan=kepala_opd)
    PeranFactory(user=p.user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=opd_a)
    return p
