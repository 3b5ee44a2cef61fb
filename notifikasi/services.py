"""Sending notifications: the in-app rows in the caller's transaction, the e-mail after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from .models import Notifikasi


def notifikasi_kirim(
    *,
    penerima_ids: Iterable[int],
    judul: str,
    pesan: str = "",
    tautan: str = "",
    kunci: str = "",
    email: bool = True,
) -> int:
    """Notify each user in `penerima_ids` (user ids; None and duplicates are skipped).

    With `kunci`, a user who already has a notification with that key gets no second one
    (idempotent, for scheduled reminders). E-mail goes to the users' pegawai e-mail (or account
    e-mail) after the transaction commits, so a rolled-back action sends nothing. Returns the
    number of in-app notifications created.
    """
    ids = sorted({i for i in penerima_ids if i is not None})
    if not ids:
        return 0
    if kunci:
        sudah = set(Notifikasi.objects.filter(penerima_id__in=ids, kunci=kunci).values_list("penerima_id", flat=True))
        ids = [i for i in ids if i not in sudah]
    baris = [Notifikasi(penerima_id=i, judul=judul[:200], pesan=pesan, tautan=tautan, kunci=kunci) for i in ids]
    Notifikasi.objects.bulk_create(baris, ignore_conflicts=bool(kunci))
    if email and ids:
        transaction.on_commit(lambda: _email_kirim(ids, judul, pesan, tautan))
    return len(baris)


def _email_kirim(user_ids: list[int], judul: str, pesan: str, tautan: str) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    alamat = [
        peg_email or user_email
        for user_email, peg_email in User.objects.filter(pk__in=user_ids).values_list("email", "pegawai__email")
        if peg_email or user_email
    ]
    if not alamat:
        return
    isi = pesan
    if tautan:
        dasar = getattr(settings, "SITE_URL", "").rstrip("/")
        isi = f"{pesan}\n\n{dasar}{tautan}" if pesan else f"{dasar}{tautan}"
    pesan_email = [(f"[ASN Kinerja] {judul}", isi, settings.DEFAULT_FROM_EMAIL, [a]) for a in alamat]
    send_mass_mail(pesan_email, fail_silently=True)


def notifikasi_tandai_dibaca(*, user, pk: int | None = None) -> int:
    """Mark one (pk) or all of the user's notifications read; someone else's pk changes nothing."""
    qs = Notifikasi.objects.filter(penerima_id=user.pk, dibaca_pada__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(dibaca_pada=timezone.now())
