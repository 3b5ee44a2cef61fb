"""Access-matrix rows: the Excel import of teknis competencies."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {}
