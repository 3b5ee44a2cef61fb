"""Admin BKD's settings of performance evaluation (the PengaturanKinerja row and the
distribution-curve rules, AturanKurva) and the units' goals (SasaranUnit: the top of the SKP
cascade, managed by the OPD's admin or BKD).

Every write goes through model instances (never a queryset update) so django-auditlog records
who changed what, with the old and new values (evaluasi/apps.py registers these models).
Forms posted from two tabs: the settings page and the goal form carry the row's `updated_at`
as drawn; a write over a newer row is refused with PESAN_DIUBAH_DI_TEMPAT_LAIN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pegawai.access import akses_get
from pegawai.models import UnitKerja

from ..access import may_manage_sasaran
from ..models import AturanKurva, JenisPeriode, PengaturanKinerja, Predikat, PredikatOrganisasiChoices, SasaranUnit
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN

PESAN_BUKAN_BKD = "Hanya Admin BKD yang dapat mengubah pengaturan kinerja."
PESAN_JENIS_PERIODE_KOSONG = "Pilih paling sedikit satu jenis periode."
PESAN_JENIS_PERIODE_TIDAK_DIKENAL = "Jenis periode tidak dikenal."
PESAN_RENTANG = "{label} harus bilangan bulat {min} sampai {maks}."
PESAN_LOG_MIN_MAKS = "Menit minimum per hari tidak boleh lebih dari menit maksimum per hari."
PESAN_REKAN_MIN_MAKS = "Jumlah rekan minimum tidak boleh lebih dari jumlah rekan maksimum."
PESAN_ATURAN_TIDAK_ADA = "Aturan kurva yang diubah tidak ditemukan lagi; muat ulang halaman."
PESAN_ATURAN_PREDIKAT_ORG = "Aturan kurva baris {n}: pilih predikat kinerja organisasi."
PESAN_ATURAN_JENIS = "Aturan kurva baris {n}: pilih jenis batas."
PESAN_ATURAN_PREDIKAT = "Aturan kurva baris {n}: pilih paling sedikit satu predikat pegawai."
PESAN_ATURAN_PERSEN = "Aturan kurva baris {n}: persen harus bilangan bulat 0 sampai 100."
PESAN_ATURAN_GANDA = "Aturan kurva baris {n} sama dengan baris {m}; hapus salah satunya."

PESAN_SASARAN_TIDAK_BERWENANG = "Anda tidak berwenang mengelola sasaran unit kerja ini."
PESAN_SASARAN_GANDA = "Sasaran yang sama sudah ada untuk unit kerja dan tahun ini."
PESAN_SASARAN_KOSONG = "Uraian sasaran wajib diisi."
PESAN_SASARAN_TAHUN = "Tahun harus 2000 sampai 2100."
PESAN_SASARAN_TERPAKAI = (
    "Sasaran ini sudah dipakai RHK, sehingga unit kerja dan tahunnya tidak dapat diubah. "
    "Buat sasaran baru bila diperlukan."
)
PESAN_UNIT_NONAKTIF = "Unit kerja ini tidak aktif."

# The settings an admin edits, with their allowed range (the model's validators, stated once
# more so the message names the field and its bounds).
RENTANG: dict[str, tuple[int, int]] = {
    "log_menit_min_harian": (0, 1440),
    "log_menit_maks_harian": (1, 1440),
    "log_target_bulanan": (1, 44640),
    "log_kunci_hari": (0, 60),
    "keberatan_hari": (1, 90),
    "rekan_min": (3, 10),
    "rekan_maks": (3, 10),
    "pengingat_hari": (0, 30),
}
JENIS_ATURAN = {c.value for c in AturanKurva.Jenis}
PREDIKAT = [c.value for c in Predikat]
PREDIKAT_ORG = {c.value for c in PredikatOrganisasiChoices}


def _label(field: str) -> str:
    nama = str(PengaturanKinerja._meta.get_field(field).verbose_name)
    return nama[:1].upper() + nama[1:]


def _bulat(nilai) -> int | None:
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int):
        return nilai
    try:
        return int(str(nilai).strip())
    except (TypeError, ValueError):
        return None


def _periksa_nilai(nilai: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    bersih: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    jenis = list(dict.fromkeys(nilai.get("jenis_periode") or []))
    if not jenis:
        errors["jenis_periode"] = [PESAN_JENIS_PERIODE_KOSONG]
    elif any(j not in JenisPeriode.values for j in jenis):
        errors["jenis_periode"] = [PESAN_JENIS_PERIODE_TIDAK_DIKENAL]
    else:
        # Stored in the calendar order (bulanan, triwulan, semester, tahunan), whatever was ticked first.
        bersih["jenis_periode"] = [j for j in JenisPeriode.values if j in jenis]
    for field, (bawah, atas) in RENTANG.items():
        angka = _bulat(nilai.get(field))
        if angka is None or not bawah <= angka <= atas:
            errors[field] = [PESAN_RENTANG.format(label=_label(field), min=bawah, maks=atas)]
        else:
            bersih[field] = angka
    minimum, maksimum = bersih.get("log_menit_min_harian"), bersih.get("log_menit_maks_harian")
    if minimum is not None and maksimum is not None and minimum > maksimum:
        errors.setdefault("log_menit_min_harian", []).append(PESAN_LOG_MIN_MAKS)
    if "rekan_min" in bersih and "rekan_maks" in bersih and bersih["rekan_min"] > bersih["rekan_maks"]:
        errors.setdefault("rekan_min", []).append(PESAN_REKAN_MIN_MAKS)
    bersih["kurva_memblokir"] = bool(nilai.get("kurva_memblokir"))
    return bersih, errors


def _periksa_aturan(aturan: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Each submitted rule cleaned ({id, predikat_organisasi, jenis, predikat, persen}) and the
    messages of the rows that are wrong (numbered by `nomor`, else from 1 in the given order)."""
    bersih: list[dict[str, Any]] = []
    pesan: list[str] = []
    kunci_baris: dict[tuple, int] = {}
    for i, baris in enumerate(aturan, start=1):
        n = baris.get("nomor") or i  # the row's number on the page, when the form knows it
        org, jenis = baris.get("predikat_organisasi"), baris.get("jenis")
        predikat = [p for p in PREDIKAT if p in set(baris.get("predikat") or [])]
        salah = False
        if org not in PREDIKAT_ORG:
            pesan.append(PESAN_ATURAN_PREDIKAT_ORG.format(n=n))
            salah = True
        if jenis not in JENIS_ATURAN:
            pesan.append(PESAN_ATURAN_JENIS.format(n=n))
            salah = True
        if not predikat or any(p not in PREDIKAT for p in baris.get("predikat") or []):
            pesan.append(PESAN_ATURAN_PREDIKAT.format(n=n))
            salah = True
        persen = 0 if jenis == AturanKurva.Jenis.ADA else _bulat(baris.get("persen"))
        if persen is None or not 0 <= persen <= 100:
            pesan.append(PESAN_ATURAN_PERSEN.format(n=n))
            salah = True
        if salah:
            continue
        kunci = (org, jenis, tuple(predikat))
        if kunci in kunci_baris:
            pesan.append(PESAN_ATURAN_GANDA.format(n=n, m=kunci_baris[kunci]))
            continue
        kunci_baris[kunci] = n
        bersih.append(
            {
                # An id that is not a number cannot be an existing rule: reported as not found.
                "id": None if baris.get("id") in (None, "") else (_bulat(baris.get("id")) or -1),
                "predikat_organisasi": org,
                "jenis": jenis,
                "predikat": predikat,
                "persen": persen,
            }
        )
    return bersih, pesan


@transaction.atomic
def pengaturan_simpan(
    *,
    actor,
    nilai: Mapping[str, Any],
    aturan: Sequence[Mapping[str, Any]],
    diubah_pada: dt.datetime | None = None,
) -> PengaturanKinerja:
    """Save the settings and replace the curve rules with `aturan` (rows with an `id` update
    that rule, rows without one are new, rules not listed are removed), all or nothing.
    `diubah_pada` is the settings row's updated_at when the form was drawn."""
    if not akses_get(actor).admin_bkd:
        raise ValidationError(PESAN_BUKAN_BKD)
    PengaturanKinerja.get()
    pengaturan = PengaturanKinerja.objects.select_for_update().get(pk=1)
    if diubah_pada is not None and pengaturan.updated_at != diubah_pada:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    bersih, errors = _periksa_nilai(nilai)
    aturan_bersih, pesan_aturan = _periksa_aturan(aturan)
    lama = {a.pk: a for a in AturanKurva.objects.select_for_update().order_by("pk")}
    if any(a["id"] is not None and a["id"] not in lama for a in aturan_bersih):
        pesan_aturan.append(PESAN_ATURAN_TIDAK_ADA)
    if pesan_aturan:
        errors["aturan"] = pesan_aturan
    if errors:
        raise ValidationError(errors)

    for field, value in bersih.items():
        setattr(pengaturan, field, value)
    pengaturan.full_clean()
    pengaturan.save()  # always: its updated_at is the version the next form carries

    dipakai: set[int] = set()
    # Existing rules keep their place; new ones go after them (a rule saved unchanged is not
    # rewritten, so the audit log shows only real changes).
    urutan_baru = max((r.urutan for r in lama.values()), default=-1)
    for a in aturan_bersih:
        isi = {k: a[k] for k in ("predikat_organisasi", "jenis", "predikat", "persen")}
        if a["id"] is None:
            urutan_baru += 1
            baru = AturanKurva(**isi, urutan=urutan_baru)
            baru.full_clean()
            baru.save()
            continue
        dipakai.add(a["id"])
        rule = lama[a["id"]]
        if set(rule.predikat) == set(isi["predikat"]):
            isi["predikat"] = rule.predikat  # the same set in another order is no change
        if any(getattr(rule, k) != v for k, v in isi.items()):
            for k, v in isi.items():
                setattr(rule, k, v)
            rule.full_clean()
            rule.save()
    for pk, rule in lama.items():
        if pk not in dipakai:
            rule.delete()
    return pengaturan


# --- unit goals ----------------------------------------------------------------------------------


def _periksa_sasaran(actor, unit: UnitKerja, tahun: int, uraian: str) -> None:
    if not may_manage_sasaran(actor, unit):
        raise ValidationError({"unit": PESAN_SASARAN_TIDAK_BERWENANG})
    errors: dict[str, list[str]] = {}
    if not unit.aktif:
        errors["unit"] = [PESAN_UNIT_NONAKTIF]
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        errors["tahun"] = [PESAN_SASARAN_TAHUN]
    if not uraian:
        errors["uraian"] = [PESAN_SASARAN_KOSONG]
    if errors:
        raise ValidationError(errors)


def _ganda(*, unit_id: int, tahun: int, uraian: str, kecuali: int | None = None) -> bool:
    qs = SasaranUnit.objects.filter(unit_id=unit_id, tahun=tahun, uraian__iexact=uraian)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return qs.exists()


@transaction.atomic
def sasaran_buat(*, actor, unit: UnitKerja, tahun: int, uraian: str, indikator: str = "") -> SasaranUnit:
    """A unit's goal for a year. The same text twice for one unit and year is refused (a form
    posted twice, or from two tabs, makes one row): the unit row is locked while checking."""
    uraian, indikator = (uraian or "").strip(), (indikator or "").strip()
    _periksa_sasaran(actor, unit, tahun, uraian)
    UnitKerja.objects.select_for_update().filter(pk=unit.pk).first()
    if _ganda(unit_id=unit.pk, tahun=tahun, uraian=uraian):
        raise ValidationError({"uraian": PESAN_SASARAN_GANDA})
    sasaran = SasaranUnit(unit=unit, tahun=tahun, uraian=uraian, indikator=indikator)
    sasaran.full_clean()
    sasaran.save()
    return sasaran


@transaction.atomic
def sasaran_ubah(
    *,
    actor,
    sasaran: SasaranUnit,
    unit: UnitKerja,
    tahun: int,
    uraian: str,
    indikator: str = "",
    aktif: bool = True,
    diubah_pada: dt.datetime | None = None,
) -> SasaranUnit:
    """Change a goal. One already supported by an RHK keeps its unit and year (the cascade
    would otherwise point across units or years); its text may be corrected and it may be
    deactivated."""
    uraian, indikator = (uraian or "").strip(), (indikator or "").strip()
    if not may_manage_sasaran(actor, sasaran.unit):
        raise ValidationError(PESAN_SASARAN_TIDAK_BERWENANG)
    _periksa_sasaran(actor, unit, tahun, uraian)
    sasaran = SasaranUnit.objects.select_for_update().get(pk=sasaran.pk)
    if diubah_pada is not None and sasaran.updated_at != diubah_pada:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    if (unit.pk, tahun) != (sasaran.unit_id, sasaran.tahun) and sasaran.rhk.exists():
        raise ValidationError(PESAN_SASARAN_TERPAKAI)
    if _ganda(unit_id=unit.pk, tahun=tahun, uraian=uraian, kecuali=sasaran.pk):
        raise ValidationError({"uraian": PESAN_SASARAN_GANDA})
    sasaran.unit, sasaran.tahun, sasaran.uraian, sasaran.indikator, sasaran.aktif = (
        unit,
        tahun,
        uraian,
        indikator,
        bool(aktif),
    )
    sasaran.full_clean()
    sasaran.save(update_fields=["unit", "tahun", "uraian", "indikator", "aktif", "updated_at"])
    return sasaran


@transaction.atomic
def sasaran_hapus(*, actor, sasaran: SasaranUnit) -> bool:
    """Delete a goal no RHK supports (True); one in use is deactivated instead (False), so the
    SKP that cascade to it keep their history."""
    if not may_manage_sasaran(actor, sasaran.unit):
        raise ValidationError(PESAN_SASARAN_TIDAK_BERWENANG)
    sasaran = SasaranUnit.objects.select_for_update().filter(pk=sasaran.pk).first()
    if sasaran is None:
        return True
    if sasaran.rhk.exists():
        if sasaran.aktif:
            sasaran.aktif = False
            sasaran.save(update_fields=["aktif", "updated_at"])
        return False
    sasaran.delete()
    return True
