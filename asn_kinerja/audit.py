"""Audit entries for writes django-auditlog cannot see, in the format it writes itself.

django-auditlog records `save()` and `delete()` through signals. A compare-and-swap status change
(`filter(pk=..., status=old).update(...)`), a versioned update (`versi_update`) and a
`bulk_create` send none, so the services that write that way record the change here: who, the
object, the action and {field: [old, new]} with both values as text (`str(None)` is "None"), as
django-auditlog would have.

The employee import writes tens of thousands of entries with COPY instead
(`pegawai.impor.massal.Jejak`); this module is for the ordinary services.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

POTONG = 1000  # entries per INSERT of `audit_massal`


def _pelaku(actor):
    """The user to record, or None (the system, or an anonymous request)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _teks(perubahan: Mapping[str, Sequence], *, hanya_berubah: bool) -> dict[str, list[str]]:
    return {k: [str(a), str(b)] for k, (a, b) in perubahan.items() if not (hanya_berubah and a == b)}


def audit_ubah(
    instance: models.Model, *, actor, perubahan: Mapping[str, Sequence], hanya_berubah: bool = False
) -> LogEntry | None:
    """One UPDATE entry for `instance`: `perubahan` is {field: (old, new)}. With `hanya_berubah`
    the fields whose value did not change are left out, and nothing is written when none did."""
    changes = _teks(perubahan, hanya_berubah=hanya_berubah)
    if not changes:
        return None
    return LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, changes=changes, actor=_pelaku(actor))


def audit_massal(
    entri: Iterable[tuple[models.Model, Mapping[str, Sequence]]],
    *,
    aksi: int,
    actor=None,
    tambahan: dict | None = None,
) -> int:
    """Entries for rows written by a bulk statement, one per (object, {field: (old, new)}) with
    a change, inserted together. `tambahan` goes to `additional_data` (e.g. {"sumber": ...}).
    With no actor the entry is the system's: `bulk_create` sends no pre_save either, so the
    audit middleware does not fill in the request's user. Returns how many were written."""
    pelaku = _pelaku(actor)
    email = (getattr(actor, "email", None) or None) if actor is not None else None
    cid = get_cid()
    ct: dict[type, ContentType] = {}
    baris = []
    for obj, perubahan in entri:
        if not perubahan:
            continue
        model = type(obj)
        if model not in ct:
            ct[model] = ContentType.objects.get_for_model(model)
        baris.append(
            LogEntry(
                content_type=ct[model],
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj)[:10000],
                action=aksi,
                changes=_teks(perubahan, hanya_berubah=False),
                actor=pelaku,
                actor_email=email,
                cid=cid,
                additional_data=tambahan,
            )
        )
    LogEntry.objects.bulk_create(baris, batch_size=POTONG)
    return len(baris)
