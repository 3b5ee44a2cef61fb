"""Access-matrix rows: pengaduan, area "publik" (objects: tests/harapan/dunia_pengaduan.py).

The public pages answer everyone the same way, signed in or not. A case's page (`lacak-detail`)
opens only in a session that proved the case's key, so in the matrix (no key proven) everyone is
sent to the tracking form; the citizen's actions on it are POST only.
"""

from tests.harapan import *  # noqa: F403

_PUBLIK = _baris_dari(SEMUA_OK, anonim=PUBLIK)  # noqa: F405

HARAPAN: dict[str, dict] = {
    "layanan:beranda": _PUBLIK,
    "layanan:aduan-create": _PUBLIK,
    "layanan:aduan-terkirim": _PUBLIK,  # without a filing in this session: a plain explanation
    "layanan:lacak": _PUBLIK,
    "layanan:lacak-detail": _baris_dari(SEMUA_DIALIHKAN, anonim=REDIRECT),  # noqa: F405
    "layanan:lacak-nilai": _baris_dari(_hanya(METODE), anonim=PUBLIK),  # noqa: F405
    "layanan:lacak-buka-kembali": _baris_dari(_hanya(METODE), anonim=PUBLIK),  # noqa: F405
}
