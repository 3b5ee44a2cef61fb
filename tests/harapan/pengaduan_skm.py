"""Access-matrix rows: pengaduan, area "skm" (objects: tests/harapan/dunia_pengaduan.py).

`layanan` is a surveyed service of OPD A with three answers; `survei` is its public code.
Results are for Admin OPD (their OPD), Admin BKD and Petugas Pengaduan (`petugas` serves every
OPD); changing a service is for Admin OPD (their OPD's units) and Admin BKD, so the officer,
who sees the service, gets a 403 there. The public survey is open to anyone, signed in or not.
"""

from tests.harapan import *  # noqa: F403

HASIL = _hanya(DILARANG, admin_opd=OK, admin_bkd=OK, petugas=OK)  # noqa: F405

HARAPAN: dict[str, dict] = {
    "pengaduan:layanan-list": _baris_dari(HASIL),  # noqa: F405
    "pengaduan:layanan-create": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    "pengaduan:layanan-detail": _baris_dari(HASIL),  # noqa: F405
    "pengaduan:layanan-update": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    "pengaduan:layanan-qr": _baris_dari(HASIL),  # noqa: F405
    "pengaduan:layanan-export": _baris_dari(HASIL),  # noqa: F405
    # The citizen's survey: a POST by anyone adds one anonymous answer by design (not `ubah`);
    # pengaduan/tests/test_skm_publik.py covers its abuse cases.
    "layanan:survei-isi": _baris_dari(SEMUA_OK, anonim=PUBLIK),  # noqa: F405
    "layanan:survei-terima-kasih": _baris_dari(SEMUA_OK, anonim=PUBLIK),  # noqa: F405
}
