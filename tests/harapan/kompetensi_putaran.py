"""Access-matrix rows: competency rounds: open, monitor, close.

Admin pages: Admin OPD and Admin BKD only (pegawai, atasan, rekan, outsider and petugas get a
403 from the role check before any round is looked up). The round in the matrix belongs to OPD
A, so admin_opd manages it; the round of OPD B is a 404 for admin_opd (checked by the matrix).
"""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {
    "kompetensi:putaran-list": _baris_dari(ADMIN),  # noqa: F405
    "kompetensi:putaran-create": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    "kompetensi:putaran-detail": _baris_dari(ADMIN),  # noqa: F405
    "kompetensi:putaran-export": _baris_dari(ADMIN),  # noqa: F405
    "kompetensi:putaran-update": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    # GET: the confirmation page; POST closes.
    "kompetensi:putaran-close": _baris_dari(ADMIN, ubah=True),  # noqa: F405
    "kompetensi:putaran-hitung": _baris_dari(ADMIN_HANYA_POST, ubah=True),  # noqa: F405
}
