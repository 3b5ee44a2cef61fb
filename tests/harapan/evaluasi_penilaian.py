"""Access-matrix rows: evaluasi (penilaian): self-assessment, the rater's page, finalisation,
acknowledgement, the result page and its document, the rater's list, the pegawai's history.

In `dunia` the period is in "penilaian" and the object is `pegawai`'s evaluation (not final,
rater = `atasan`, atasan_penilai = kepala_opd); `rekan` is pegawai's sibling (out of scope).

`evaluasi-diri` and `evaluasi-terima` are written by `pegawai`, one of the personas whose POSTs
the matrix expects to be refused, so they are not marked `ubah` here;
evaluasi/tests/test_penilaian_akses.py checks that every other persona's POST to them changes
nothing. The POST-only routes answer a GET with 404 out of scope, else 405.
"""

from tests.harapan import DILARANG, DIREKTORI, METODE, OK, PROFIL, SEMUA_OK, TIDAK_ADA, _baris_dari, _hanya

# In scope: the pegawai, their supervisors (atasan, kepala_opd), their OPD's admin and BKD.
_DALAM_CAKUPAN_POST = _hanya(TIDAK_ADA, pegawai=METODE, atasan=METODE, admin_opd=METODE, admin_bkd=METODE)

HARAPAN: dict[str, dict] = {
    # The pegawai only; others in scope see that it exists (403).
    "evaluasi:evaluasi-diri": _baris_dari(
        _hanya(TIDAK_ADA, pegawai=OK, atasan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG)
    ),
    # The rater recorded on the evaluation only: the pegawai rating themselves is a 403.
    "evaluasi:evaluasi-nilai": _baris_dari(
        _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=OK, admin_opd=DILARANG, admin_bkd=DILARANG), ubah=True
    ),
    "evaluasi:evaluasi-finalkan": _baris_dari(_DALAM_CAKUPAN_POST, ubah=True),
    "evaluasi:evaluasi-terima": _baris_dari(_DALAM_CAKUPAN_POST),
    # The result and its official document: everyone in the evaluation's scope.
    "evaluasi:evaluasi-detail": _baris_dari(PROFIL),
    "evaluasi:evaluasi-dokumen": _baris_dari(PROFIL),
    # Atasan (has subordinates) and admins.
    "evaluasi:evaluasi-list": _baris_dari(DIREKTORI),
    # Every pegawai: their own history.
    "evaluasi:evaluasi-riwayat": _baris_dari(SEMUA_OK),
}
