"""Reads of background exports: always the signed-in user's own, never anyone else's."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404

from pegawai.selectors import halaman_get

from .models import Ekspor

PER_HALAMAN = 20


def ekspor_list(*, user) -> QuerySet[Ekspor]:
    """The user's exports, newest first."""
    return Ekspor.objects.filter(pemilik_id=user.pk).order_by("-created_at", "-pk")


def ekspor_halaman(*, user, nomor_halaman=None) -> Page:
    return halaman_get(ekspor_list(user=user), nomor_halaman, per_halaman=PER_HALAMAN)


def ekspor_get(*, user, pk: int) -> Ekspor:
    """One of the user's exports; someone else's is a 404, exactly like one that does not exist."""
    ekspor = ekspor_list(user=user).filter(pk=pk).first()
    if ekspor is None:
        raise Http404("Ekspor tidak ditemukan.")
    return ekspor


def ekspor_besar(baris: QuerySet) -> bool:
    """Whether `baris` (the rows an export would hold) has more than EKSPOR_LATAR_MIN_BARIS
    rows. One query that stops at the threshold instead of counting everything."""
    batas = settings.EKSPOR_LATAR_MIN_BARIS
    return baris.order_by().values_list("pk", flat=True)[batas : batas + 1].exists()
