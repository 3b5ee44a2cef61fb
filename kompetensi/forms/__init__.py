"""Forms by area: `kamus` (dictionary and standards); the other areas add their own modules."""

from .kamus import KamusBundle, StandarHapusForm, StandarSetForm, StandarTerapkanForm

__all__ = ["KamusBundle", "StandarHapusForm", "StandarSetForm", "StandarTerapkanForm"]
