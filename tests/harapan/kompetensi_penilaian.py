"""Access-matrix rows: self, supervisor and peer competency assessments."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {}
