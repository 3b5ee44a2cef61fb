"""Access-matrix rows: evaluasi (periode): periods, settings, unit goals, the unit's predikat
kinerja organisasi and monitoring.

Every signed-in user reads periods; only Admin BKD opens, moves and changes them and the
settings. Unit goals and monitoring: Admin OPD (their OPD; OPD B's goal is a 404, checked by
the matrix) and Admin BKD. The predikat organisasi page (no pk; GET without ?unit= lists the
units one may set): Admin OPD and BKD; the `atasan` persona leads no unit one level down (their
subordinates work in their own unit), so a 403 like everyone else.
"""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {
    "evaluasi:periode-list": _baris_dari(SEMUA_OK),  # noqa: F405
    "evaluasi:periode-create": _baris_dari(BKD, ubah=True),  # noqa: F405
    "evaluasi:periode-detail": _baris_dari(SEMUA_OK),  # noqa: F405
    # GET: the confirmation (what the next state opens and locks); POST moves it.
    "evaluasi:periode-lanjut": _baris_dari(BKD, ubah=True),  # noqa: F405
    "evaluasi:periode-update": _baris_dari(BKD, ubah=True),  # noqa: F405
    "evaluasi:pengaturan": _baris_dari(BKD, ubah=True),  # noqa: F405
    "evaluasi:sasaran-list": _baris_dari(ADMIN),  # noqa: F405
    "evaluasi:sasaran-create": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    "evaluasi:sasaran-update": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    "evaluasi:sasaran-delete": _baris_dari(ADMIN_HANYA_POST, ubah=True),  # noqa: F405
    "evaluasi:predikatorg-set": _baris_dari(_hanya(DILARANG, admin_opd=OK, admin_bkd=OK), ubah=True),  # noqa: F405
    "evaluasi:monitoring": _baris_dari(ADMIN),  # noqa: F405
    "evaluasi:monitoring-export": _baris_dari(ADMIN),  # noqa: F405
    "evaluasi:predikat-export": _baris_dari(ADMIN),  # noqa: F405
}
