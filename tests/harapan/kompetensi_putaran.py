"""Access-matrix rows: competency rounds: open, monitor, close."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {}
