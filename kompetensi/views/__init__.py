from .kamus import KompetensiCreateView, KompetensiDetailView, KompetensiListView, KompetensiUpdateView
from .standar import (
    StandarDeleteView,
    StandarDetailView,
    StandarListView,
    StandarSetView,
    StandarTerapkanView,
)

__all__ = [
    "KompetensiCreateView",
    "KompetensiDetailView",
    "KompetensiListView",
    "KompetensiUpdateView",
    "StandarDeleteView",
    "StandarDetailView",
    "StandarListView",
    "StandarSetView",
    "StandarTerapkanView",
]
