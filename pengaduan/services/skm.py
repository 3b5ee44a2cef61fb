"""Writes of the satisfaction survey: a citizen's answers (public, anonymous) and the surveyed
services (Admin OPD for their OPD's units, Admin BKD for any).

Answers are anonymous and not audited. Services are: django-auditlog records their create and
every change (pengaduan/apps.py), with the actor set by AuditlogMiddleware in a request.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pegawai.access import unit_manage_scope
from pegawai.models import UnitKerja

from ..access import may_kelola_layanan
from ..models import UNSUR_SKM, LayananSkm, ResponSkm

SARAN_MAKS = 1000

PESAN_LAYANAN_NONAKTIF = "Survei untuk layanan ini sedang tidak dibuka."
PESAN_TANPA_JAWABAN = "Jawab paling sedikit satu pertanyaan survei."
PESAN_JUMLAH_JAWABAN = "Jawaban survei harus berisi sembilan unsur."
PESAN_SARAN_PANJANG = f"Saran paling banyak {SARAN_MAKS} karakter."
PESAN_NAMA_DIPAKAI = "Unit ini sudah memiliki layanan dengan nama tersebut."
PESAN_NAMA_KOSONG = "Nama layanan wajib diisi."
PESAN_UNIT_DILARANG = "Anda hanya dapat menambah layanan untuk unit di perangkat daerah yang Anda kelola."
PESAN_UBAH_DILARANG = "Hanya Admin OPD unit ini atau Admin BKD yang dapat mengubah layanan ini."


def skm_respon_buat(
    *,
    layanan: LayananSkm,
    jawaban: Sequence[int | None],
    usia: str,
    jenis_kelamin: str,
    pendidikan: str,
    pekerjaan: str,
    saran: str = "",
    token_kirim: uuid.UUID,
) -> tuple[ResponSkm, bool]:
    """Record one citizen's answers (`jawaban`: the nine elements in order, None = skipped).

    Idempotent on `token_kirim` (the form's hidden token): a replayed or double-clicked
    submission returns the row already stored and False; a new one returns it and True.
    Raises ValidationError (Indonesian) for an inactive service, no answer at all, an answer
    outside 1..4, an unknown demographic choice or a suggestion that is too long."""
    if len(jawaban) != len(UNSUR_SKM):
        raise ValidationError(PESAN_JUMLAH_JAWABAN)
    ada = ResponSkm.objects.filter(token_kirim=token_kirim).first()
    if ada is not None:
        return ada, False
    if not layanan.aktif:
        raise ValidationError(PESAN_LAYANAN_NONAKTIF)
    if all(x is None for x in jawaban):
        raise ValidationError(PESAN_TANPA_JAWABAN)
    saran = (saran or "").strip()
    if len(saran) > SARAN_MAKS:
        raise ValidationError({"saran": PESAN_SARAN_PANJANG})
    respon = ResponSkm(
        layanan=layanan,
        **{u.field: nilai for u, nilai in zip(UNSUR_SKM, jawaban, strict=True)},
        usia=usia,
        jenis_kelamin=jenis_kelamin,
        pendidikan=pendidikan,
        pekerjaan=pekerjaan,
        saran=saran,
        token_kirim=token_kirim,
        created_at=timezone.now(),
    )
    # The 1..4 range is checked by the fields' validators and "at least one answer" above;
    # validating the ten CheckConstraints here would cost ten queries on the public form
    # (the database still enforces them).
    respon.full_clean(exclude=["layanan", "token_kirim"], validate_constraints=False)
    try:
        with transaction.atomic():
            respon.save()
    except IntegrityError:
        # The same token saved by a concurrent request between the check and the insert.
        ada = ResponSkm.objects.filter(token_kirim=token_kirim).first()
        if ada is None:
            raise
        return ada, False
    return respon, True


# --- services (master data) -----------------------------------------------------------------


def _nama_bersih(nama: str) -> str:
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError({"nama": PESAN_NAMA_KOSONG})
    return nama


def _periksa_nama(*, unit_id: int, nama: str, kecuali: int | None = None) -> None:
    qs = LayananSkm.objects.filter(unit_id=unit_id, nama__iexact=nama)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    if qs.exists():
        raise ValidationError({"nama": PESAN_NAMA_DIPAKAI})


def _simpan(layanan: LayananSkm, **kwargs) -> None:
    try:
        with transaction.atomic():
            layanan.save(**kwargs)
    except IntegrityError:  # two simultaneous saves with the same name in one unit
        raise ValidationError({"nama": PESAN_NAMA_DIPAKAI}) from None


def layanan_skm_buat(*, actor, unit: UnitKerja, nama: str, populasi: int) -> LayananSkm:
    """A new surveyed service of `unit` (active, with a new public code). Admin OPD for units
    of their OPD, Admin BKD for any unit; PermissionDenied otherwise."""
    if not unit_manage_scope(actor).filter(pk=unit.pk).exists():
        raise PermissionDenied(PESAN_UNIT_DILARANG)
    nama = _nama_bersih(nama)
    _periksa_nama(unit_id=unit.pk, nama=nama)
    layanan = LayananSkm(unit=unit, nama=nama, populasi=populasi, aktif=True)
    layanan.full_clean(validate_unique=False, validate_constraints=False)
    _simpan(layanan)
    return layanan


def layanan_skm_ubah(*, actor, layanan: LayananSkm, nama: str, populasi: int, aktif: bool) -> LayananSkm:
    """Change a service's name, served population and whether its survey is open. Admin BKD or
    the Admin OPD of its unit. The public code (and so any printed QR code) never changes."""
    if not may_kelola_layanan(actor, layanan):
        raise PermissionDenied(PESAN_UBAH_DILARANG)
    nama = _nama_bersih(nama)
    _periksa_nama(unit_id=layanan.unit_id, nama=nama, kecuali=layanan.pk)
    layanan.nama, layanan.populasi, layanan.aktif = nama, populasi, aktif
    layanan.full_clean(validate_unique=False, validate_constraints=False)
    _simpan(layanan, update_fields=["nama", "populasi", "aktif", "updated_at"])
    return layanan
