"""Celery tasks of the evaluasi app: thin wrappers taking no model instances; the services do
the work and are idempotent. Scheduled in asn_kinerja/celery.py."""

from __future__ import annotations

from celery import shared_task


@shared_task
def rekan_proses_tenggat_task() -> int:
    """Release, once, the peers' aggregate of every evaluation whose period's peer deadline has
    passed (or whose period is closed). Idempotent; returns how many were released."""
    from .services.rekan import rekan_proses_tenggat

    return rekan_proses_tenggat()


@shared_task
def pengingat_tenggat_task() -> dict[str, int]:
    """Remind pegawai, peers, raters and objection deciders of what is due (see
    evaluasi.services.pengingat.pengingat_kirim). Running it twice a day sends nothing new."""
    from .services.pengingat import pengingat_kirim

    return pengingat_kirim()
