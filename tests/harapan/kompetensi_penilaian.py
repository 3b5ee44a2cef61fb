"""Access-matrix rows: self, supervisor and peer competency assessments.

In the `dunia` fixture `pegawai` takes part in the OPD A round (their atasan there is `atasan`),
`rekan` is assigned to rate `pegawai`, and admin_opd takes part too (atasan kepala_opd).

`peserta-diri` and `rekan-isi` are written by `pegawai` and `rekan` themselves, two of the
personas whose POSTs the matrix expects to be refused, so they are not marked `ubah` here;
kompetensi/tests/test_penilaian_akses.py checks that every other persona's POST to them is a
404 that changes nothing.
"""

from tests.harapan import DILARANG, METODE, OK, SEMUA_OK, TIDAK_ADA, _baris_dari, _hanya

HARAPAN: dict[str, dict] = {
    # Everyone signed in: what waits for them (possibly nothing).
    "kompetensi:tugas": _baris_dari(SEMUA_OK),
    # POST only; a POST from someone who is nobody's atasan in an open round is a 403.
    "kompetensi:tugas-rekan-terapkan": _baris_dari(_hanya(METODE), ubah=True),
    # The participant only; anyone else (admins included) cannot even tell it exists.
    "kompetensi:peserta-diri": _baris_dari(_hanya(TIDAK_ADA, pegawai=OK)),
    # The round's atasan only: visible to the person and admins (403), out of scope otherwise (404).
    "kompetensi:peserta-atasan": _baris_dari(
        _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=OK, admin_opd=DILARANG, admin_bkd=DILARANG),
        ubah=True,
    ),
    # Peer assignment: the round's atasan, Admin OPD of the participant's OPD, BKD.
    "kompetensi:peserta-rekan": _baris_dari(
        _hanya(TIDAK_ADA, pegawai=DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK),
        ubah=True,
    ),
    # The peer's own form: the assigned rater only; everyone else a 404.
    "kompetensi:rekan-isi": _baris_dari(_hanya(TIDAK_ADA, rekan=OK)),
}
