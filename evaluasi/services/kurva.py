"""Setting a unit's predikat kinerja organisasi for a period (SE MenPANRB 3/2023): the leader
one level up, the OPD's admin or BKD decides it; it bounds how the unit's staff predikat may
be spread (the curve, evaluasi.selectors.kurva)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from notifikasi.services import notifikasi_kirim
from pegawai.access import akses_get
from pegawai.models import UnitKerja

from ..access import may_set_predikat_organisasi
from ..models import EvaluasiPegawai, Periode, PredikatOrganisasi, PredikatOrganisasiChoices
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN

PESAN_TIDAK_BERWENANG = (
    "Predikat kinerja organisasi unit ini ditetapkan oleh pimpinan satu tingkat di atasnya, Admin OPD, atau Admin BKD."
)
PESAN_PERIODE_DITUTUP = "Periode ini sudah ditutup; predikat kinerja organisasi tidak dapat diubah lagi."
PESAN_PREDIKAT = "Pilih salah satu predikat kinerja organisasi."
PESAN_CATATAN_PANJANG = "Catatan paling panjang 2.000 karakter."
CATATAN_MAKS = 2000


@transaction.atomic
def predikat_organisasi_tetapkan(
    *,
    actor,
    periode: Periode,
    unit: UnitKerja,
    predikat: str,
    catatan: str = "",
    semula: str | None = None,
) -> PredikatOrganisasi:
    """Set (or change) the unit's predikat for the period: one row per (periode, unit),
    audited. Refused once the period is closed. `semula` is the predikat the form showed ("" for
    none yet): when someone else changed it meanwhile, the form is refused rather than
    silently overwriting their decision. The unit's raters are told whenever the value changes
    (saving the same value again tells nobody)."""
    if not may_set_predikat_organisasi(actor, unit):
        raise ValidationError(PESAN_TIDAK_BERWENANG)
    periode = Periode.objects.select_for_update().get(pk=periode.pk)
    if periode.ditutup:
        raise ValidationError(PESAN_PERIODE_DITUTUP)
    if predikat not in PredikatOrganisasiChoices.values:
        raise ValidationError({"predikat": PESAN_PREDIKAT})
    catatan = (catatan or "").strip()
    if len(catatan) > CATATAN_MAKS:
        raise ValidationError({"catatan": PESAN_CATATAN_PANJANG})

    pegawai_id = akses_get(actor).pegawai_id
    obj = PredikatOrganisasi.objects.select_for_update().filter(periode=periode, unit=unit).first()
    if semula is not None and (obj.predikat if obj else "") != semula:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    if obj is None:
        obj = PredikatOrganisasi(periode=periode, unit=unit)
    berubah = obj.pk is None or obj.predikat != predikat
    obj.predikat, obj.catatan = predikat, catatan
    obj.ditetapkan_oleh, obj.ditetapkan_oleh_pegawai_id = actor, pegawai_id
    obj.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        # Two first settings at once: the other one won the (periode, unit) row.
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN) from None

    if berubah:
        penilai = (
            EvaluasiPegawai.objects.filter(periode=periode, unit=unit, penilai__user__isnull=False)
            .values_list("penilai__user_id", flat=True)
            .distinct()
        )
        notifikasi_kirim(
            penerima_ids=list(penilai),
            judul=f"Predikat kinerja organisasi {unit.nama}: {obj.get_predikat_display()}",
            pesan=(
                f"Predikat kinerja organisasi {unit.nama} untuk {periode.nama} ditetapkan "
                f"{obj.get_predikat_display()}. Sebaran predikat pegawai unit ini mengikuti kurva distribusi "
                "untuk predikat tersebut."
            ),
            tautan=reverse("evaluasi:periode-detail", args=[periode.pk]),
        )
    return obj
