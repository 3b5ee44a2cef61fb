"""Access-matrix rows: evaluasi (keberatan), the atasan's "Tim Saya" queue, and notifikasi.

In the `dunia` (tests/harapan/dunia_evaluasi.py) rekan's evaluation is final and rekan objected:
`atasan` rated it (may respond), kepala_opd, not a persona, is the atasan pejabat penilai (the only
one who decides). pegawai's own evaluation is not final yet; pegawai has one notification.

`evaluasi-keberatan` (pegawai files against their own result) and `notifikasi-baca` /
`notifikasi-baca-semua` (a user marks their own notifications read) are written by personas the
matrix's POST check expects to be refused, so they are not marked `ubah`; their own tests
(evaluasi/tests/test_keberatan_views.py, notifikasi/tests/test_notifikasi.py) check that every
other persona's POST is refused and changes nothing.
"""

from tests.harapan import DILARANG, METODE, OK, REDIRECT, SEMUA_OK, TIDAK_ADA, _baris_dari, _hanya

HARAPAN: dict[str, dict] = {
    # The pegawai's own evaluation (not final in the dunia: the page explains why no objection yet);
    # supervisors and admins see the evaluation but may not object for the pegawai (403).
    "evaluasi:evaluasi-keberatan": _baris_dari(
        _hanya(TIDAK_ADA, pegawai=OK, atasan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG)
    ),
    # Everyone signed in: what they may decide, their own, those against their ratings, their scope.
    "evaluasi:keberatan-list": _baris_dari(SEMUA_OK),
    # rekan's objection: rekan, the rater (atasan), the OPD admin and BKD; a sibling sees nothing.
    "evaluasi:keberatan-detail": _baris_dari(_hanya(TIDAK_ADA, atasan=OK, rekan=OK, admin_opd=OK, admin_bkd=OK)),
    # Only the rater answers; others who can see the objection get 403.
    "evaluasi:keberatan-tanggapan": _baris_dari(
        _hanya(TIDAK_ADA, atasan=OK, rekan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG), ubah=True
    ),
    # Only kepala_opd (the atasan pejabat penilai) decides: every persona who can see it gets 403.
    "evaluasi:keberatan-putus": _baris_dari(
        _hanya(TIDAK_ADA, atasan=DILARANG, rekan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG), ubah=True
    ),
    # "Tim Saya": atasan only (derived from having subordinates).
    "evaluasi:tim": _baris_dari(_hanya(DILARANG, atasan=OK)),
    # --- notifications: each user's own only
    "notifikasi:notifikasi-list": _baris_dari(SEMUA_OK),
    # pegawai's notification: opening it marks it read and goes to its link; anyone else's is a 404.
    "notifikasi:notifikasi-baca": _baris_dari(_hanya(TIDAK_ADA, pegawai=REDIRECT)),
    "notifikasi:notifikasi-baca-semua": _baris_dari(_hanya(METODE)),  # POST only
    # The nav badge's unread count (JSON): every signed-in user, their own count.
    "notifikasi:notifikasi-jumlah": _baris_dari(SEMUA_OK),
}
