"""Celery tasks of the pengaduan app: thin, idempotent, scheduled in asn_kinerja/celery.py."""

from __future__ import annotations

from celery import shared_task


@shared_task
def pengingat_pengaduan_task() -> dict[str, int]:
    """Remind assignees before complaint deadlines and escalate overdue cases (once each)."""
    from .services.pengingat import pengingat_pengaduan

    return pengingat_pengaduan()


@shared_task
def batas_hitung_ulang_task() -> int:
    """Recompute open cases' due dates after the holiday calendar changed."""
    from .services.kalender import batas_hitung_ulang

    return batas_hitung_ulang()


@shared_task
def hari_libur_isi_task(tahun: int | None = None) -> int:
    """Add next year's national holidays and cuti bersama to the calendar (only missing dates).
    Scheduled once a year, in December, so that a date the admin removed from the current
    year's calendar is not brought back."""
    from django.utils import timezone

    from .services.kalender import hari_libur_isi

    return hari_libur_isi(tahun=tahun or timezone.localdate().year + 1)
