"""Writes on the competency dictionary: a competency with its five levels and their indicators.

`kompetensi_simpan` saves the whole thing in one transaction or nothing at all. Admin BKD only.
django-auditlog records every row it creates, changes or deletes (kompetensi/apps.py).

An indicator ticked in a submitted self-assessment is never deleted (`indikator_terpakai`, the
rule the teknis Excel import applies too): deleting it would silently drop that tick. Its text
may still be edited (same row), and an indicator ticked only in a draft may go (the draft tick
goes with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pegawai.impor.rencana import potongan

from ..access import PESAN_KAMUS_DILARANG, may_edit_kamus
from ..models import (
    LEVEL_MAX,
    LEVEL_MIN,
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
)

LEVEL_SEMUA = tuple(range(LEVEL_MIN, LEVEL_MAX + 1))
ASPEK_SAH = frozenset(IndikatorPerilaku.Aspek.values)

PESAN_LIMA_LEVEL = "Kompetensi harus memiliki tepat lima level, yaitu level 1 sampai 5."
PESAN_KODE_DIPAKAI = "Kode ini sudah dipakai kompetensi lain."
PESAN_VERSI = (
    "Kompetensi ini sudah diubah sejak formulir dibuka (mungkin formulir terkirim dua kali). "
    "Muat ulang halaman, lalu ulangi perubahan Anda."
)
PESAN_INDIKATOR_ASING = "Indikator perilaku tidak dikenal untuk kompetensi ini. Muat ulang halaman."


def pesan_deskripsi_kosong(level: int) -> str:
    return f"Deskripsi level {level} wajib diisi."


def pesan_tanpa_indikator(level: int) -> str:
    return f"Level {level} harus memiliki paling sedikit satu indikator perilaku."


def pesan_teks_kosong(level: int) -> str:
    return f"Teks indikator perilaku pada level {level} wajib diisi."


def pesan_aspek(level: int) -> str:
    return f"Aspek indikator perilaku pada level {level} harus pengetahuan, keterampilan, atau sikap."


def kutip_indikator(teks: str) -> str:
    """An indicator's text as quoted in a message: at most 80 characters."""
    return teks if len(teks) <= 80 else teks[:79] + "…"


def pesan_indikator_terkirim(level: int, teks: str) -> str:
    return (
        f'Indikator level {level} "{kutip_indikator(teks)}" sudah dipilih dalam penilaian diri yang terkirim, '
        "sehingga tidak dapat dihapus. Batalkan penghapusannya; teksnya tetap boleh diperbaiki."
    )


def indikator_terpakai(ids: list[int]) -> set[int]:
    """Of these indicators, the ones ticked in a submitted assessment (drafts do not count)."""
    through = NilaiKompetensi.indikator.through
    hasil: set[int] = set()
    for potong in potongan(ids):
        hasil.update(
            through.objects.filter(
                indikatorperilaku_id__in=potong,
                nilaikompetensi__penilaian__status=PenilaianKompetensi.Status.TERKIRIM,
            ).values_list("indikatorperilaku_id", flat=True)
        )
    return hasil


@dataclass(frozen=True)
class IndikatorData:
    teks: str
    aspek: str
    id: int | None = None  # an existing indicator of this competency; None creates one


@dataclass(frozen=True)
class LevelData:
    level: int
    deskripsi: str
    indikator: Sequence[IndikatorData] = field(default_factory=tuple)


def _periksa_level(level: Sequence[LevelData]) -> dict[str, list[str]]:
    galat: dict[str, list[str]] = {}

    def tambah(kunci: str, pesan: str) -> None:
        if pesan not in galat.setdefault(kunci, []):
            galat[kunci].append(pesan)

    nomor = [lv.level for lv in level]
    if sorted(nomor) != list(LEVEL_SEMUA):
        tambah(NON_FIELD_ERRORS, PESAN_LIMA_LEVEL)
        return galat
    for lv in sorted(level, key=lambda x: x.level):
        if not (lv.deskripsi or "").strip():
            tambah(f"deskripsi_{lv.level}", pesan_deskripsi_kosong(lv.level))
        if not lv.indikator:
            tambah(f"indikator_{lv.level}", pesan_tanpa_indikator(lv.level))
        for ind in lv.indikator:
            if not (ind.teks or "").strip():
                tambah(f"indikator_{lv.level}", pesan_teks_kosong(lv.level))
            if ind.aspek not in ASPEK_SAH:
                tambah(f"indikator_{lv.level}", pesan_aspek(lv.level))
    return galat


def _periksa_hapus(
    level: Sequence[LevelData], level_ada: dict[int, LevelKompetensi], indikator_ada: dict[int, IndikatorPerilaku]
) -> None:
    """Refuse when an indicator left out of the form was ticked in a submitted self-assessment."""
    dikirim = {ind.id for lv in level for ind in lv.indikator if ind.id is not None}
    terpakai = indikator_terpakai([pk for pk in indikator_ada if pk not in dikirim])
    if not terpakai:
        return
    nomor = {lv.pk: lv.level for lv in level_ada.values()}
    galat: dict[str, list[str]] = {}
    for ind in sorted((indikator_ada[pk] for pk in terpakai), key=lambda i: (nomor[i.level_id], i.urutan, i.pk)):
        lv = nomor[ind.level_id]
        galat.setdefault(f"indikator_{lv}", []).append(pesan_indikator_terkirim(lv, ind.teks))
    raise ValidationError(galat)


@transaction.atomic
def kompetensi_simpan(
    *,
    actor,
    kompetensi: Kompetensi | None,
    kode: str,
    nama: str,
    jenis: str,
    definisi: str,
    aktif: bool = True,
    urutan: int = 0,
    level: Sequence[LevelData],
    versi: datetime | None = None,
) -> Kompetensi:
    """Create (kompetensi=None) or update a competency with exactly five levels, each with a
    description and at least one indicator. Indicators with an id are updated, those without
    are created and the competency's indicators left out are deleted, unless one of them was
    ticked in a submitted self-assessment: then the whole save is refused.

    `versi` is the competency's `updated_at` when the form was opened: a second submit of the
    same form (or a concurrent edit) finds it changed and is refused, so nothing is applied
    twice. On create, the unique kode does the same.
    """
    if not may_edit_kamus(actor):
        raise PermissionDenied(PESAN_KAMUS_DILARANG)
    kode, nama, definisi = (kode or "").strip(), (nama or "").strip(), (definisi or "").strip()

    galat = _periksa_level(level)
    duplikat = Kompetensi.objects.filter(kode__iexact=kode)
    if kompetensi is not None:
        duplikat = duplikat.exclude(pk=kompetensi.pk)
    if kode and duplikat.exists():
        galat.setdefault("kode", []).append(PESAN_KODE_DIPAKAI)
    if galat:
        raise ValidationError(galat)

    if kompetensi is None:
        obj = Kompetensi(kode=kode, nama=nama, jenis=jenis, definisi=definisi, aktif=aktif, urutan=urutan)
        obj.full_clean()
        obj.save()
        level_ada: dict[int, LevelKompetensi] = {}
        indikator_ada: dict[int, IndikatorPerilaku] = {}
    else:
        # Compare-and-swap on the version: exactly one of two identical submits gets through.
        if versi is not None and not Kompetensi.objects.filter(pk=kompetensi.pk, updated_at=versi).update(
            updated_at=timezone.now()
        ):
            raise ValidationError(PESAN_VERSI)
        obj = Kompetensi.objects.select_for_update().get(pk=kompetensi.pk)
        baru = {"kode": kode, "nama": nama, "jenis": jenis, "definisi": definisi, "aktif": aktif, "urutan": urutan}
        berubah = [nama_f for nama_f, nilai in baru.items() if getattr(obj, nama_f) != nilai]
        for nama_f in berubah:
            setattr(obj, nama_f, baru[nama_f])
        obj.full_clean()
        if berubah:
            obj.save(update_fields=[*berubah, "updated_at"])
        level_ada = {lv.level: lv for lv in LevelKompetensi.objects.filter(kompetensi=obj)}
        # Locked, so a self-assessment ticking one of them waits for this save (PostgreSQL).
        indikator_ada = {
            i.pk: i for i in IndikatorPerilaku.objects.select_for_update(of=("self",)).filter(level__kompetensi=obj)
        }
        _periksa_hapus(level, level_ada, indikator_ada)

    dipakai: set[int] = set()
    for data in sorted(level, key=lambda x: x.level):
        lv = level_ada.get(data.level)
        deskripsi = data.deskripsi.strip()
        if lv is None:
            lv = LevelKompetensi(kompetensi=obj, level=data.level, deskripsi=deskripsi)
            lv.full_clean()
            lv.save()
        elif lv.deskripsi != deskripsi:
            lv.deskripsi = deskripsi
            lv.full_clean()
            lv.save(update_fields=["deskripsi"])
        for urutan_ind, ind in enumerate(data.indikator, start=1):
            teks = ind.teks.strip()
            if ind.id is None:
                baru_ind = IndikatorPerilaku(level=lv, urutan=urutan_ind, teks=teks, aspek=ind.aspek)
                baru_ind.full_clean()
                baru_ind.save()
                continue
            lama = indikator_ada.get(ind.id)
            if lama is None or ind.id in dipakai:
                raise ValidationError({f"indikator_{data.level}": [PESAN_INDIKATOR_ASING]})
            dipakai.add(ind.id)
            nilai = {"level_id": lv.pk, "urutan": urutan_ind, "teks": teks, "aspek": ind.aspek}
            berubah = [f for f, v in nilai.items() if getattr(lama, f) != v]
            if berubah:
                for f in berubah:
                    setattr(lama, f, nilai[f])
                lama.full_clean()
                lama.save(update_fields=[f.removesuffix("_id") if f == "level_id" else f for f in berubah])
    for pk, lama in indikator_ada.items():
        if pk not in dipakai:
            lama.delete()
    return obj
