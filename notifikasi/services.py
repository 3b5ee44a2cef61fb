"""Sending notifications: the in-app rows in the caller's transaction, the e-mail after commit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


# --- many notifications, each with its own text (scheduled reminders) ----------------------------


@dataclass(frozen=True)
class PesanNotifikasi:
    """One notification for one user (a user id), e.g. a reminder carrying that user's count."""

    penerima_id: int | None
    judul: str
    pesan: str = ""
    tautan: str = ""
    kunci: str = ""


_POTONGAN = 2000  # recipients per query: far below SQLite's and PostgreSQL's parameter limits


def notifikasi_kirim_banyak(daftar: Iterable[PesanNotifikasi], *, email: bool = True) -> int:
    """Send many notifications, each with its own text, in a number of queries that does not grow
    per recipient (one look-up of existing keys and one bulk insert per 2,000 recipients, one
    address query for the e-mails after commit).

    Idempotent like `notifikasi_kirim`: a (recipient, kunci) pair that already exists, or appears
    twice in `daftar`, is sent once. Returns the number of in-app notifications created.
    """
    unik: dict[tuple[int, str], PesanNotifikasi] = {}
    tanpa_kunci: list[PesanNotifikasi] = []
    for p in daftar:
        if p.penerima_id is None:
            continue
        if p.kunci:
            unik.setdefault((p.penerima_id, p.kunci), p)
        else:
            tanpa_kunci.append(p)
    berkunci = list(unik.values())
    baru: list[PesanNotifikasi] = list(tanpa_kunci)
    for i in range(0, len(berkunci), _POTONGAN):
        potong = berkunci[i : i + _POTONGAN]
        sudah = set(
            Notifikasi.objects.filter(
                penerima_id__in={p.penerima_id for p in potong}, kunci__in={p.kunci for p in potong}
            ).values_list("penerima_id", "kunci")
        )
        baru.extend(p for p in potong if (p.penerima_id, p.kunci) not in sudah)
    if not baru:
        return 0
    Notifikasi.objects.bulk_create(
        [
            Notifikasi(penerima_id=p.penerima_id, judul=p.judul[:200], pesan=p.pesan, tautan=p.tautan, kunci=p.kunci)
            for p in baru
        ],
        batch_size=_POTONGAN,
        ignore_conflicts=True,
    )
    if email:
        transaction.on_commit(lambda: _email_kirim_banyak(baru))
    return len(baru)


def _email_kirim_banyak(daftar: list[PesanNotifikasi]) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    ids = {p.penerima_id for p in daftar}
    alamat: dict[int, str] = {}
    id_list = sorted(ids)
    for i in range(0, len(id_list), _POTONGAN):
        for uid, user_email, peg_email in User.objects.filter(pk__in=id_list[i : i + _POTONGAN]).values_list(
            "pk", "email", "pegawai__email"
        ):
            if peg_email or user_email:
                alamat[uid] = peg_email or user_email
    dasar = getattr(settings, "SITE_URL", "").rstrip("/")
    pesan_email = []
    for p in daftar:
        if p.penerima_id not in alamat:
            continue
        isi = p.pesan
        if p.tautan:
            isi = f"{p.pesan}\n\n{dasar}{p.tautan}" if p.pesan else f"{dasar}{p.tautan}"
        pesan_email.append((f"[ASN Kinerja] {p.judul}", isi, settings.DEFAULT_FROM_EMAIL, [alamat[p.penerima_id]]))
    if pesan_email:
        send_mass_mail(pesan_email, fail_silently=True)
