"""Celery tasks of the competency app: thin wrappers taking ids; the services do the work."""

from __future__ import annotations

from celery import shared_task


@shared_task
def hasil_hitung_putaran_task(putaran_id: int) -> bool:
    """Recompute the results of one open round ("Hitung ulang hasil"); False if it is closed."""
    from .services.putaran import putaran_hitung

    return putaran_hitung(putaran_id=putaran_id)


@shared_task
def putaran_proses_tenggat_task() -> int:
    """Release the peers' means of open rounds whose peer deadline has passed, and recompute."""
    from .services.putaran import putaran_proses_tenggat

    return putaran_proses_tenggat()
