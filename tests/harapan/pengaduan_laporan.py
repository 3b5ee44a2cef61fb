"""Access-matrix rows: pengaduan, area "laporan" (objects: tests/harapan/dunia_pengaduan.py).

The dashboard and its exports take no object: they are role pages for Admin OPD (their OPD's
cases), Admin BKD and Petugas Pengaduan; everyone else, including the responsible officer
`atasan` of the dunia case, gets a 403. The exports are small in the matrix's world, so they
answer with the file (200), not a background export."""

from tests.harapan import *  # noqa: F403

PEMBACA = _hanya(DILARANG, admin_opd=OK, admin_bkd=OK, petugas=OK)  # noqa: F405

HARAPAN: dict[str, dict] = {
    "pengaduan:dasbor": _baris_dari(PEMBACA),  # noqa: F405
    "pengaduan:dasbor-export-register": _baris_dari(PEMBACA),  # noqa: F405
    "pengaduan:dasbor-export-sla": _baris_dari(PEMBACA),  # noqa: F405
}
