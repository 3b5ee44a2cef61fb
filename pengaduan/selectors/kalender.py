"""Reads of the holiday calendar."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import HariLibur


def hari_libur_list(*, tahun: int) -> QuerySet[HariLibur]:
    return HariLibur.objects.filter(tanggal__year=tahun).order_by("tanggal")
