"""Access-matrix rows: development programmes, plans and 20-JP compliance.

The fixture `dunia` holds an active programme and a planned activity for `pegawai` (OPD A);
`atasan` supervises pegawai and rekan, `admin_opd` administers OPD A. Plans are written by the
pegawai's supervisors, their Admin OPD and Admin BKD; the pegawai only reads their own.
"""

from tests.harapan import *  # noqa: F403

# The pegawai's plan (and development page): the person, their supervisors, their OPD admin, BKD.
_RENCANA_BACA = _hanya(TIDAK_ADA, pegawai=OK, atasan=OK, admin_opd=OK, admin_bkd=OK)  # noqa: F405
# Changing it: the pegawai sees it but may not change it (403); others outside get 404.
_RENCANA_UBAH = _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK)  # noqa: F405
# Planning for someone, the 20-JP list: supervisors and admins.
_PERENCANA = _hanya(DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK)  # noqa: F405

HARAPAN: dict[str, dict] = {
    # --- catalogue: read by everyone signed in, changed by Admin BKD
    "kompetensi:program-list": _baris_dari(SEMUA_OK),  # noqa: F405
    "kompetensi:program-detail": _baris_dari(SEMUA_OK),  # noqa: F405
    "kompetensi:program-create": _baris_dari(BKD, ubah=True),  # noqa: F405
    "kompetensi:program-update": _baris_dari(BKD, ubah=True),  # noqa: F405
    "kompetensi:program-deactivate": _baris_dari(BKD_HANYA_POST, ubah=True),  # noqa: F405
    "kompetensi:program-activate": _baris_dari(BKD_HANYA_POST, ubah=True),  # noqa: F405
    # --- plans
    "kompetensi:rencana-list": _baris_dari(SEMUA_OK),  # noqa: F405
    "kompetensi:rencana-create": _baris_dari(_PERENCANA, ubah=True),  # noqa: F405
    "kompetensi:rencana-detail": _baris_dari(_RENCANA_BACA),  # noqa: F405
    "kompetensi:rencana-update": _baris_dari(_RENCANA_UBAH, ubah=True),  # noqa: F405
    "kompetensi:rencana-selesai": _baris_dari(_RENCANA_UBAH, ubah=True),  # noqa: F405
    "kompetensi:rencana-batal": _baris_dari(_RENCANA_UBAH, ubah=True),  # noqa: F405
    "kompetensi:pegawai-pengembangan": _baris_dari(_RENCANA_BACA),  # noqa: F405
    # --- 20-JP compliance
    "kompetensi:jp-list": _baris_dari(_PERENCANA),  # noqa: F405
    "kompetensi:jp-export": _baris_dari(_PERENCANA),  # noqa: F405
}
