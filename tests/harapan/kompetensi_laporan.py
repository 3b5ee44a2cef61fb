"""Access-matrix rows: Kompetensi Saya, team matrix, heat-map, training needs, exports, JSON."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {
    # A participant's result (pk = pegawai's participation in the OPD A round): the person,
    # their atasan in the round and above, their OPD's admin, BKD; a peer or an outsider: 404.
    "kompetensi:peserta-detail": _baris_dari(PROFIL),  # noqa: F405
    "kompetensi:peserta-json": _baris_dari(PROFIL),  # noqa: F405
    # The team matrix: atasan (their team), Admin OPD/BKD (by unit); everyone else 403.
    "kompetensi:tim-matriks": _baris_dari(DIREKTORI),  # noqa: F405
    "kompetensi:tim-matriks-export": _baris_dari(DIREKTORI),  # noqa: F405
    # Gap heat-map and training needs: Admin OPD (their OPD) and Admin BKD (all).
    "kompetensi:analisis": _baris_dari(ADMIN),  # noqa: F405
    "kompetensi:analisis-kebutuhan-export": _baris_dari(ADMIN),  # noqa: F405
    "kompetensi:analisis-jpm-export": _baris_dari(ADMIN),  # noqa: F405
}
