"""Access-matrix rows: evaluasi (rekan). Filled by the area that owns these routes."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {}
