"""Access-matrix rows: development programmes, plans and 20-JP compliance."""

from tests.harapan import *  # noqa: F403

HARAPAN: dict[str, dict] = {}
