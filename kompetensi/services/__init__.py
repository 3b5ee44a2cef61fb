"""Every write on competency data. Modules: `kamus` (dictionary edits from the UI), `standar`
(seeds and position standards), `putaran` (rounds), `hasil` (set-based results)."""

from .standar import (
    HITUNG_SEED,
    JENIS_BAWAAN,
    PESAN_BUKAN_BKD,
    PESAN_KAMUS_KOSONG,
    PESAN_KOMPETENSI_NONAKTIF,
    PESAN_LEVEL_BUKAN_ANGKA,
    PESAN_TANPA_BAWAAN,
    kompetensi_demo_muat,
    kompetensi_seed_load,
    standar_hapus,
    standar_set,
    standar_terapkan_default,
)

__all__ = [
    "HITUNG_SEED",
    "JENIS_BAWAAN",
    "PESAN_BUKAN_BKD",
    "PESAN_KAMUS_KOSONG",
    "PESAN_KOMPETENSI_NONAKTIF",
    "PESAN_LEVEL_BUKAN_ANGKA",
    "PESAN_TANPA_BAWAAN",
    "kompetensi_demo_muat",
    "kompetensi_seed_load",
    "standar_hapus",
    "standar_set",
    "standar_terapkan_default",
]
