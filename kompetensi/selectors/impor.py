"""Reads of the teknis-competency imports (Admin BKD: every import, they share one dictionary)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..models import ImporKompetensi

IMPOR_TERBARU = 10


def impor_kompetensi_terbaru(*, jumlah: int = IMPOR_TERBARU) -> list[ImporKompetensi]:
    """The latest imports, without their error lists (which can be large)."""
    return list(
        ImporKompetensi.objects.select_related("dibuat_oleh__pegawai")
        .defer("galat")
        .order_by("-created_at", "-id")[:jumlah]
    )


def impor_kompetensi_get(pk) -> ImporKompetensi:
    """The import `pk` (a query-string value: anything else than an existing id is a 404)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("Impor tidak ditemukan.") from None
    impor = _qs().filter(pk=pk).first()
    if impor is None:
        raise Http404("Impor tidak ditemukan.")
    return impor


def _qs() -> QuerySet[ImporKompetensi]:
    return ImporKompetensi.objects.select_related("dibuat_oleh__pegawai")
