from datetime import timedelta

from celery import shared_task


@shared_task
def sistem_ping_task() -> str:
    """Answers "pong": proves a worker consumes from the broker (used by the worker test)."""
    return "pong"


@shared_task
def akses_bersihkan_kunci_login_task() -> int:
    """Delete login-failure records older than the lockout window; returns how many."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    batas = timezone.now() - max(settings.AXES_COOLOFF_TIME, timedelta(hours=1))
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=batas).delete()
    return deleted


@shared_task
def impor_pegawai_proses_task(impor_id: int) -> None:
    from .impor import impor_pegawai_proses

    impor_pegawai_proses(impor_id=impor_id)
