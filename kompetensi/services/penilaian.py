"""Self-assessment and supervisor assessment of a competency round participant.

One writer per assessment: the participant writes the self-assessment (`penilaian_diri_simpan`),
the round's atasan (snapshot) writes the supervisor's (`penilaian_atasan_simpan`). Both hold the
round's row lock (`putaran_kunci`), so a closed round is frozen and two tabs of the same person
are serialised; the status moves from draft to submitted by compare-and-swap, so a second
submission (double click, another tab) changes nothing and says so. Submitting recomputes the
participant's results in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from asn_kinerja.audit import audit_ubah
from pegawai.access import akses_get

from ..access import PESAN_BUKAN_ATASAN
from ..models import (
    LEVEL_MAX,
    LEVEL_MIN,
    HasilKompetensi,
    IndikatorPerilaku,
    NilaiKompetensi,
    PenilaianKompetensi,
    PesertaPenilaian,
    PutaranPenilaian,
)
from .hasil import hasil_hitung
from .putaran import PESAN_SUDAH_DITUTUP, putaran_kunci

DIRI = PenilaianKompetensi.Jenis.DIRI
ATASAN = PenilaianKompetensi.Jenis.ATASAN

PESAN_BUKAN_PESERTA = "Hanya pegawai yang bersangkutan yang dapat mengisi penilaian dirinya."
PESAN_BATAS_DIRI_LEWAT = "Batas waktu penilaian diri sudah lewat; penilaian tidak dapat disimpan lagi."
PESAN_BATAS_ATASAN_LEWAT = "Batas waktu penilaian atasan sudah lewat; penilaian tidak dapat disimpan lagi."
PESAN_SUDAH_DIKIRIM = "Penilaian ini sudah dikirim sebelumnya dan terkunci; tidak ada yang diubah."
PESAN_KOMPETENSI_ASING = (
    "Ada kompetensi yang bukan bagian dari standar kompetensi jabatan peserta ini; tidak ada yang disimpan."
)
PESAN_INDIKATOR_ASING = "Ada indikator perilaku yang bukan milik kompetensinya; tidak ada yang disimpan."
PESAN_LEVEL_TIDAK_VALID = f"Level harus berupa bilangan bulat {LEVEL_MIN} sampai {LEVEL_MAX}."
PESAN_BELUM_LENGKAP = "Belum dapat dikirim: setiap kompetensi harus diberi level dan {isian}. Belum lengkap: {daftar}."
PESAN_LEVEL_WAJIB = "Pilih level sebelum mengirim."
PESAN_ALASAN_WAJIB = "Tuliskan alasan sebelum mengirim."
PESAN_CATATAN_WAJIB = "Tuliskan catatan sebelum mengirim."
PESAN_CATATAN_PANJANG = "Teks paling panjang 4.000 karakter."

CATATAN_MAKS = 4000

__all__ = [
    "ATASAN",
    "DIRI",
    "PESAN_ALASAN_WAJIB",
    "PESAN_BATAS_ATASAN_LEWAT",
    "PESAN_BATAS_DIRI_LEWAT",
    "PESAN_BELUM_LENGKAP",
    "PESAN_BUKAN_ATASAN",
    "PESAN_BUKAN_PESERTA",
    "PESAN_CATATAN_WAJIB",
    "PESAN_INDIKATOR_ASING",
    "PESAN_KOMPETENSI_ASING",
    "PESAN_LEVEL_TIDAK_VALID",
    "PESAN_SUDAH_DIKIRIM",
    "PESAN_SUDAH_DITUTUP",
    "NilaiMasuk",
    "level_sah",
    "penilaian_atasan_simpan",
    "penilaian_diri_simpan",
]


@dataclass
class NilaiMasuk:
    """What a form sent for one competency (a draft may leave any of it empty)."""

    level: int | None = None
    catatan: str = ""
    indikator: list[int] = field(default_factory=list)


def level_sah(level) -> bool:
    return level is None or (isinstance(level, int) and not isinstance(level, bool) and LEVEL_MIN <= level <= LEVEL_MAX)


def batas_lewat(batas: datetime.date) -> bool:
    """A deadline is the last day on which one may still save (inclusive, local time)."""
    return timezone.localdate() > batas


def _periksa_isian(
    *, nilai: Mapping[int, NilaiMasuk], standar: dict[int, str], jenis: str, kompetensi_ids: list[int]
) -> None:
    if set(nilai) - set(standar):
        raise ValidationError(PESAN_KOMPETENSI_ASING)
    for masuk in nilai.values():
        if not level_sah(masuk.level):
            raise ValidationError(PESAN_LEVEL_TIDAK_VALID)
        if len(masuk.catatan or "") > CATATAN_MAKS:
            raise ValidationError(PESAN_CATATAN_PANJANG)
    dicentang = {pk for masuk in nilai.values() for pk in masuk.indikator}
    if jenis == ATASAN and dicentang:
        raise ValidationError(PESAN_INDIKATOR_ASING)
    if dicentang:
        milik = dict(
            IndikatorPerilaku.objects.filter(pk__in=dicentang, level__kompetensi_id__in=kompetensi_ids).values_list(
                "pk", "level__kompetensi_id"
            )
        )
        for kompetensi_id, masuk in nilai.items():
            if any(milik.get(pk) != kompetensi_id for pk in masuk.indikator):
                raise ValidationError(PESAN_INDIKATOR_ASING)


def _periksa_lengkap(*, nilai: Mapping[int, NilaiMasuk], standar: dict[int, str], jenis: str) -> None:
    kurang = [
        nama
        for kompetensi_id, nama in standar.items()
        if (masuk := nilai.get(kompetensi_id)) is None or masuk.level is None or not (masuk.catatan or "").strip()
    ]
    if kurang:
        isian = "alasan" if jenis == DIRI else "catatan"
        raise ValidationError(PESAN_BELUM_LENGKAP.format(isian=isian, daftar=", ".join(kurang)))


def _simpan_nilai(penilaian: PenilaianKompetensi, nilai: Mapping[int, NilaiMasuk], standar: dict[int, str]) -> None:
    """Write the rows that changed (each through the model, so the audit log sees old and new)."""
    ada = {n.kompetensi_id: n for n in penilaian.nilai.prefetch_related("indikator")}
    for kompetensi_id in standar:
        masuk = nilai.get(kompetensi_id)
        if masuk is None:
            continue
        catatan = (masuk.catatan or "").strip()
        indikator = sorted(set(masuk.indikator))
        baris = ada.get(kompetensi_id)
        if baris is None:
            if masuk.level is None and not catatan and not indikator:
                continue
            baris = NilaiKompetensi(penilaian=penilaian, kompetensi_id=kompetensi_id)
            sebelum_indikator: list[int] = []
        else:
            sebelum_indikator = sorted(i.pk for i in baris.indikator.all())
        if baris.pk is None or (baris.level, baris.catatan) != (masuk.level, catatan):
            baris.level, baris.catatan = masuk.level, catatan
            baris.full_clean()
            baris.save()
        if indikator != sebelum_indikator:
            baris.indikator.set(indikator)


def _penilaian_simpan(
    *, actor, peserta: PesertaPenilaian, jenis: str, nilai: Mapping[int, NilaiMasuk], kirim: bool
) -> PenilaianKompetensi:
    akses = akses_get(actor)
    penilai_id = peserta.pegawai_id if jenis == DIRI else peserta.atasan_id
    if akses.pegawai_id is None or penilai_id != akses.pegawai_id:
        raise ValidationError(PESAN_BUKAN_PESERTA if jenis == DIRI else PESAN_BUKAN_ATASAN)
    putaran: PutaranPenilaian = putaran_kunci(peserta.putaran_id)
    if batas_lewat(putaran.batas_diri if jenis == DIRI else putaran.batas_atasan):
        raise ValidationError(PESAN_BATAS_DIRI_LEWAT if jenis == DIRI else PESAN_BATAS_ATASAN_LEWAT)
    standar = dict(
        HasilKompetensi.objects.filter(peserta_id=peserta.pk)
        .order_by("kompetensi__jenis", "kompetensi__urutan", "kompetensi_id")
        .values_list("kompetensi_id", "kompetensi__nama")
    )
    _periksa_isian(nilai=nilai, standar=standar, jenis=jenis, kompetensi_ids=list(standar))

    penilaian = PenilaianKompetensi.objects.select_for_update().filter(peserta_id=peserta.pk, jenis=jenis).first()
    if penilaian is not None and penilaian.status != PenilaianKompetensi.Status.DRAFT:
        raise ValidationError(PESAN_SUDAH_DIKIRIM)
    if kirim:
        _periksa_lengkap(nilai=nilai, standar=standar, jenis=jenis)
    if penilaian is None:
        penilaian = PenilaianKompetensi(peserta_id=peserta.pk, jenis=jenis, penilai_id=penilai_id)
        penilaian.full_clean()
        penilaian.save()
    _simpan_nilai(penilaian, nilai, standar)
    if not kirim:
        return penilaian

    sekarang = timezone.now()
    berubah = PenilaianKompetensi.objects.filter(pk=penilaian.pk, status=PenilaianKompetensi.Status.DRAFT).update(
        status=PenilaianKompetensi.Status.TERKIRIM, dikirim_pada=sekarang, updated_at=sekarang
    )
    if berubah != 1:
        raise ValidationError(PESAN_SUDAH_DIKIRIM)
    penilaian.status, penilaian.dikirim_pada = PenilaianKompetensi.Status.TERKIRIM, sekarang
    audit_ubah(
        penilaian,
        actor=actor,
        perubahan={
            "status": [PenilaianKompetensi.Status.DRAFT.value, PenilaianKompetensi.Status.TERKIRIM.value],
            "dikirim_pada": ["None", sekarang.isoformat()],
        },
    )
    hasil_hitung(putaran=putaran, peserta_ids=[peserta.pk])
    return penilaian


@transaction.atomic
def penilaian_diri_simpan(
    *, actor, peserta: PesertaPenilaian, nilai: Mapping[int, NilaiMasuk], kirim: bool = False
) -> PenilaianKompetensi:
    """Save the participant's self-assessment as a draft, or submit it (`kirim`): every
    competency then needs a level and a justification, and the assessment locks.
    Only the participant; refused after `batas_diri`, in a closed round, or once submitted."""
    return _penilaian_simpan(actor=actor, peserta=peserta, jenis=DIRI, nilai=nilai, kirim=kirim)


@transaction.atomic
def penilaian_atasan_simpan(
    *, actor, peserta: PesertaPenilaian, nilai: Mapping[int, NilaiMasuk], kirim: bool = False
) -> PenilaianKompetensi:
    """The same for the round's atasan: a level and a note per competency; `batas_atasan`."""
    return _penilaian_simpan(actor=actor, peserta=peserta, jenis=ATASAN, nilai=nilai, kirim=kirim)
