"""The competency seeds shipped with the product (issue 3): the dictionary, the default levels
by position kind and the teknis standards of the demo positions. Pure data; the database side
is `kompetensi.services.kompetensi_seed_load` (idempotent)."""

from __future__ import annotations

from .manajerial import MANAJERIAL_SEED, SOSIAL_KULTURAL_SEED
from .standar import DEMO_TANPA_STANDAR, STANDAR_BAWAAN, STANDAR_TEKNIS
from .struktur import Indikator, KompetensiSeed, Level
from .teknis import TEKNIS_SEED

KOMPETENSI_SEED: tuple[KompetensiSeed, ...] = MANAJERIAL_SEED + SOSIAL_KULTURAL_SEED + TEKNIS_SEED

__all__ = [
    "DEMO_TANPA_STANDAR",
    "KOMPETENSI_SEED",
    "MANAJERIAL_SEED",
    "SOSIAL_KULTURAL_SEED",
    "STANDAR_BAWAAN",
    "STANDAR_TEKNIS",
    "TEKNIS_SEED",
    "Indikator",
    "KompetensiSeed",
    "Level",
]
