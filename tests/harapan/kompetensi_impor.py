"""Access-matrix rows: the Excel import of teknis competencies (Admin BKD only)."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {
    "kompetensi:impor-template": _baris_dari(BKD),  # noqa: F405
    # GET shows the upload form; the POST imports (all or nothing).
    "kompetensi:impor-create": _baris_dari(BKD, ubah=True),  # noqa: F405
    # Without ?impor=<id> an Admin BKD is sent back to the upload page.
    "kompetensi:impor-galat": _baris_dari(_hanya(DILARANG, admin_bkd=REDIRECT)),  # noqa: F405
}
