"""Celery tasks of background exports: thin, taking ids; the services do the work and are
idempotent. The cleanup is scheduled in asn_kinerja/celery.py."""

from __future__ import annotations

from celery import shared_task


@shared_task
def ekspor_jalankan_task(ekspor_id: int) -> bool:
    """Build one queued export (unduhan.services.ekspor_jalankan); a second delivery does
    nothing. Returns whether this run built the file."""
    from .services import ekspor_jalankan

    return ekspor_jalankan(ekspor_id)


@shared_task
def ekspor_bersihkan_task() -> int:
    """Delete exports (files and rows) older than a week; returns how many rows."""
    from .services import ekspor_bersihkan

    return ekspor_bersihkan()
