"""Access-matrix rows: evaluasi (rekan), the peer (360) assessment of perilaku kerja.

In the `dunia` fixture the period is in "penilaian", `rekan` is assigned to rate `pegawai`
(tugasrekan) and `atasan` is pegawai's rater (evaluasi).

`tugasrekan-isi` is written by `rekan` themselves, one of the personas whose POSTs the matrix
expects to be refused, so it is not marked `ubah` here; evaluasi/tests/test_rekan_isi.py checks
that every other persona's POST to it is a 404 that changes nothing.
"""

from tests.harapan import DILARANG, METODE, OK, SEMUA_OK, TIDAK_ADA, _baris_dari, _hanya

HARAPAN: dict[str, dict] = {
    # Everyone signed in: the peer forms waiting for them, and for a rater their subordinates' peers.
    "evaluasi:rekan-tugas": _baris_dari(SEMUA_OK),
    # POST only; a POST from someone who rates nobody in an open period is a 403.
    "evaluasi:rekan-usulan-terapkan": _baris_dari(_hanya(METODE), ubah=True),
    # The assigned peer only; anyone else (admins included) cannot even tell it exists.
    "evaluasi:tugasrekan-isi": _baris_dari(_hanya(TIDAK_ADA, rekan=OK)),
    # Peer assignment: the rater, the Admin OPD of the evaluation's OPD, BKD. The pegawai sees
    # their evaluation but may not choose their own raters (403); a sibling or outsider: 404.
    "evaluasi:evaluasi-rekan": _baris_dari(
        _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK),
        ubah=True,
    ),
}
