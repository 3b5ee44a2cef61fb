"""Reads of notifications: always the signed-in user's own, never anyone else's."""

from __future__ import annotations

from django.core.paginator import Page
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from pegawai.selectors import halaman_get

from .models import Notifikasi

BATAS_HITUNG = 100  # the badge shows "99+" beyond this: counting stops early


def notifikasi_list(*, user) -> QuerySet[Notifikasi]:
    """The user's notifications, unread first, newest first within each group."""
    return (
        Notifikasi.objects.filter(penerima_id=user.pk)
        .annotate(belum_dibaca=ExpressionWrapper(Q(dibaca_pada__isnull=True), output_field=BooleanField()))
        .order_by("-belum_dibaca", "-created_at", "-pk")
    )


def notifikasi_halaman(*, user, nomor_halaman=None) -> Page:
    return halaman_get(notifikasi_list(user=user), nomor_halaman, per_halaman=20)


def notifikasi_belum_dibaca_jumlah(*, user) -> int:
    """Unread count for the navigation badge: one indexed query, counting at most BATAS_HITUNG."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notifikasi.objects.filter(penerima_id=user.pk, dibaca_pada__isnull=True).order_by()[:BATAS_HITUNG].count()


def tautan_aman(tautan: str) -> bool:
    """Only a path on this site ("/kinerja/..."): never another host ("//evil", "/\\evil",
    "https://...") nor a scheme ("javascript:"), so a notification cannot be an open redirect."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if not tautan or not tautan.startswith("/") or tautan.startswith("//") or "\\" in tautan:
        return False
    if any(ord(c) < 32 or ord(c) == 127 for c in tautan):
        return False
    return url_has_allowed_host_and_scheme(tautan, allowed_hosts=set())
