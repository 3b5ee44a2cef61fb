"""FilterSets by area: `kamus` (dictionary and standards); the other areas add their own modules."""

from .kamus import KompetensiFilter, StandarJabatanFilter

__all__ = ["KompetensiFilter", "StandarJabatanFilter"]
