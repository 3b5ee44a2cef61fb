"""Access-matrix rows: evaluasi (realisasi): "Kinerja Saya", realisation per period with
evidence and the atasan's feedback.

The matrix's realisation row belongs to `pegawai` (SKP submitted, not yet approved; period in
assessment) and carries an evidence file and a feedback row. Whoever may see the pegawai's SKP
(the pegawai, the supervisors above, the Admin OPD of OPD A, BKD) opens the realisation page and
downloads the evidence; the sibling `rekan`, the `outsider` and `petugas` get a 404. Writes are
POST only (a GET is 405); by the matrix's intruders they change nothing: the owner is refused
(403) because the SKP is not approved, the others are out of scope (404).
"""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {
    # Every persona is a pegawai.
    "evaluasi:saya": _baris_dari(SEMUA_OK),  # noqa: F405
    # GET: read (owner, supervisors, admins); POST: the owner saves one indicator.
    "evaluasi:skp-realisasi": _baris_dari(PROFIL, ubah=True),  # noqa: F405
    "evaluasi:realisasi-bukti": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
    "evaluasi:realisasi-umpanbalik": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
    "evaluasi:bukti-unduh": _baris_dari(PROFIL),  # noqa: F405
    "evaluasi:bukti-hapus": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
}
