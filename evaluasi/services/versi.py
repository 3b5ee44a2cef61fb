"""Optimistic locking for forms that two tabs (or two people) may post at once.

A form carries the row's `versi` as it was drawn; the write succeeds only if the row still has
it, and bumps it. The second tab gets a clear message instead of silently overwriting."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils import timezone

PESAN_DIUBAH_DI_TEMPAT_LAIN = (
    "Data ini telah diubah di tab atau jendela lain sejak halaman dibuka. Muat ulang halaman, lalu ulangi perubahan."
)


def versi_update(model: type[Model], *, pk: int, versi: int, **fields) -> int:
    """UPDATE ... WHERE pk AND versi (compare-and-swap); returns the new version or raises."""
    kolom = {f.name for f in model._meta.get_fields()}
    if "updated_at" in kolom:
        fields.setdefault("updated_at", timezone.now())
    if not model.objects.filter(pk=pk, versi=versi).update(versi=F("versi") + 1, **fields):
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    return versi + 1
