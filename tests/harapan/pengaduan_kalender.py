"""Access-matrix rows: the holiday calendar and the complaint settings.

Everyone who handles complaints reads the calendar (Petugas Pengaduan, Admin OPD, Admin BKD);
Admin BKD alone changes it and the settings (`libur` = a HariLibur)."""

from tests.harapan import *  # noqa: F403

_PEMBACA = _hanya(DILARANG, admin_opd=OK, admin_bkd=OK, petugas=OK)  # noqa: F405

HARAPAN: dict[str, dict] = {
    "pengaduan:kalender": _baris_dari(_PEMBACA),  # noqa: F405
    "pengaduan:kalender-isi": _baris_dari(BKD_HANYA_POST, ubah=True),  # noqa: F405
    "pengaduan:libur-create": _baris_dari(BKD, ubah=True),  # noqa: F405
    "pengaduan:libur-update": _baris_dari(BKD, ubah=True),  # noqa: F405
    "pengaduan:libur-delete": _baris_dari(BKD, ubah=True),  # noqa: F405
    "pengaduan:pengaturan": _baris_dari(BKD, ubah=True),  # noqa: F405
}
