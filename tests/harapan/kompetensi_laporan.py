"""Access-matrix rows: Kompetensi Saya, team matrix, heat-map, training needs, exports, JSON."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {}
