"""The access matrix's building blocks (tests/test_access_matrix.py). Each feature area keeps
its rows in its own module here (`HARAPAN` dict), merged by the matrix test."""

from __future__ import annotations

PERSONA = ("pegawai", "atasan", "rekan", "outsider", "admin_opd", "admin_bkd", "petugas")

OK, REDIRECT, DILARANG, TIDAK_ADA, METODE = 200, 302, 403, 404, 405
LOGIN = "login"  # anonymous: 302 to the login page
PUBLIK = "publik"  # anonymous: served as is (status in "anonim")


def _baris(
    pegawai,
    atasan,
    rekan,
    outsider,
    admin_opd,
    admin_bkd,
    petugas,
    *,
    anonim=LOGIN,
    ubah=False,
) -> dict:
    """One row of the matrix: the status per persona; ubah=True marks a state-changing route."""
    status = dict(zip(PERSONA, (pegawai, atasan, rekan, outsider, admin_opd, admin_bkd, petugas), strict=True))
    return {"status": status, "anonim": anonim, "ubah": ubah}


def _hanya(status_lain, **khusus):
    """A row where every persona gets `status_lain` except the ones named."""
    return {p: khusus.get(p, status_lain) for p in PERSONA}


def _baris_dari(peta: dict, **kw) -> dict:
    return _baris(*(peta[p] for p in PERSONA), **kw)


SEMUA_OK = _hanya(OK)
SEMUA_DIALIHKAN = _hanya(REDIRECT)
# Role-gated pages: the wrong role is a 403 before any object is looked up.
ADMIN = _hanya(DILARANG, admin_opd=OK, admin_bkd=OK)
BKD = _hanya(DILARANG, admin_bkd=OK)
DIREKTORI = _hanya(DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK)
# Another employee's record (the `pegawai` persona): self, supervisors and their OPD admin see it.
PROFIL = _hanya(TIDAK_ADA, pegawai=OK, atasan=OK, admin_opd=OK, admin_bkd=OK)
# Admin actions that only accept POST: a GET is 403 for the wrong role, 405 for an admin.
ADMIN_HANYA_POST = _hanya(DILARANG, admin_opd=METODE, admin_bkd=METODE)
BKD_HANYA_POST = _hanya(DILARANG, admin_bkd=METODE)

__all__ = [
    "ADMIN",
    "ADMIN_HANYA_POST",
    "BKD",
    "BKD_HANYA_POST",
    "DIREKTORI",
    "DILARANG",
    "LOGIN",
    "METODE",
    "OK",
    "PERSONA",
    "PROFIL",
    "PUBLIK",
    "REDIRECT",
    "SEMUA_DIALIHKAN",
    "SEMUA_OK",
    "TIDAK_ADA",
    "_baris",
    "_baris_dari",
    "_hanya",
]
