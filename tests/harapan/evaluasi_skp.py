"""Access-matrix rows: evaluasi (skp): the pegawai's SKP, its RHK rows, the workflow, the
ekspektasi, the team/OPD list and the atasan's cascade.

In `dunia` (dunia_evaluasi.py) the pegawai's SKP is `diajukan` to `atasan`, so it is locked for
its owner: the edit routes are a 403 for the pegawai too (the 403 page says why). URLs with a
pk point at that SKP, or (`rhk-*`) at its first RHK row.

`skp-create` and `skp-salin` are every pegawai's own actions (each persona here may create
their own SKP), so they are not marked `ubah`; evaluasi/tests/test_skp_views.py checks that
create/copy only ever touch the poster's own SKP.
"""

from tests.harapan import *  # noqa: F403

# The SKP: its owner, every supervisor above, the OPD's admin and BKD; a sibling, an outsider
# and the complaint officer cannot tell it exists.
_BACA = _hanya(TIDAK_ADA, pegawai=OK, atasan=OK, admin_opd=OK, admin_bkd=OK)  # noqa: F405
# Changing it: owner only while draft/returned (here it is submitted: 403 with the reason).
_UBAH = _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG)  # noqa: F405
# Reviewing it: the atasan it was submitted to.
_PERIKSA = _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=OK, admin_opd=DILARANG, admin_bkd=DILARANG)  # noqa: F405

HARAPAN: dict[str, dict] = {
    # Every persona is a pegawai: to their SKP of this year, or to the create page.
    "evaluasi:skp-saya": _baris_dari(SEMUA_DIALIHKAN),  # noqa: F405
    "evaluasi:skp-create": _baris_dari(SEMUA_OK),  # noqa: F405
    "evaluasi:skp-salin": _baris_dari(_hanya(METODE)),  # noqa: F405
    # Supervisors (their team) and admins (their OPD, or all).
    "evaluasi:skp-list": _baris_dari(_hanya(DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK)),  # noqa: F405
    "evaluasi:skp-kaskade": _baris_dari(_hanya(DILARANG, atasan=OK)),  # noqa: F405
    "evaluasi:skp-detail": _baris_dari(_BACA),  # noqa: F405
    # The workspace only reads (its forms post to the routes below).
    "evaluasi:skp-update": _baris_dari(_UBAH),  # noqa: F405
    "evaluasi:skp-rhk-create": _baris_dari(_UBAH, ubah=True),  # noqa: F405
    "evaluasi:rhk-update": _baris_dari(_UBAH, ubah=True),  # noqa: F405
    "evaluasi:rhk-delete": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
    "evaluasi:skp-ajukan": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
    "evaluasi:skp-kembalikan": _baris_dari(_PERIKSA, ubah=True),  # noqa: F405
    "evaluasi:skp-setujui": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
    "evaluasi:skp-ekspektasi": _baris_dari(_PERIKSA, ubah=True),  # noqa: F405
}
