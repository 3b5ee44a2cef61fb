"""Reads for the period pages (list, detail, the next-state confirmation) and the unit goals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from ..access import periode_scope, sasaran_scope
from ..models import Periode, SasaranUnit
from .monitoring import monitoring_total

Status = Periode.Status

# What each state means for the people in the period (shown on the detail page).
PENJELASAN_STATUS = {
    Status.PERENCANAAN: "Pegawai menyusun SKP dan atasan memeriksa serta menyetujuinya. Realisasi, log harian, "
    "dan penilaian belum dibuka.",
    Status.BERJALAN: "Pegawai melaporkan realisasi dengan bukti dukung dan mengisi log aktivitas harian; atasan "
    "memberi umpan balik berkelanjutan. SKP yang belum disetujui masih dapat diubah.",
    Status.PENILAIAN: "Penilaian diri, penilaian rekan, dan penilaian atasan dibuka. Realisasi dan log harian masih "
    "dapat dilengkapi.",
    Status.DITUTUP: "Semua data periode ini terkunci: realisasi, log harian, penilaian, dan predikat kinerja "
    "organisasi tidak dapat diubah lagi.",
}

# What moving INTO a state opens and locks (the confirmation before the move).
AKIBAT_LANJUT = {
    Status.BERJALAN: [
        "Realisasi per indikator dan log aktivitas harian dapat diisi; atasan dapat memberi umpan balik.",
        "Pegawai yang bergabung sejak periode dibuka mendapat catatan evaluasi.",
        "SKP tetap dapat disusun dan diubah selama belum disetujui.",
    ],
    Status.PENILAIAN: [
        "Penilaian diri, penilaian rekan, dan penilaian atasan dibuka.",
        "Pejabat penilai setiap pegawai yang belum dinilai diperbarui mengikuti atasan langsung saat ini.",
        "Realisasi dan log harian masih dapat dilengkapi sampai periode ditutup.",
    ],
    Status.DITUTUP: [
        "Semua data periode dikunci: realisasi, log harian, penilaian, dan predikat kinerja organisasi tidak dapat "
        "diubah lagi.",
        "Penilaian yang belum final tetap belum final.",
        "Penutupan tidak dapat dibatalkan.",
    ],
}

WARNA_STATUS = {
    Status.PERENCANAAN: "info",
    Status.BERJALAN: "primary",
    Status.PENILAIAN: "warning",
    Status.DITUTUP: "secondary",
}


def status_berikut(periode: Periode) -> str | None:
    urutan = Periode.URUTAN_STATUS
    i = urutan.index(periode.status)
    return urutan[i + 1] if i + 1 < len(urutan) else None


@dataclass(frozen=True)
class Tenggat:
    label: str
    tanggal: dt.date
    sisa: int  # days left; negative once passed

    @property
    def teks(self) -> str:
        if self.sisa < 0:
            return "lewat"
        if self.sisa == 0:
            return "hari ini"
        return f"sisa {self.sisa} hari"

    @property
    def kelas(self) -> str:
        if self.sisa < 0:
            return "secondary"
        return "warning" if self.sisa <= 3 else "success"


def periode_tenggat(periode: Periode, *, hari_ini: dt.date | None = None) -> list[Tenggat]:
    hari_ini = hari_ini or timezone.localdate()
    return [
        Tenggat(label, tanggal, (tanggal - hari_ini).days)
        for label, tanggal in (
            ("Penilaian diri", periode.batas_penilaian_diri),
            ("Penilaian rekan", periode.batas_penilaian_rekan),
            ("Penilaian atasan", periode.batas_penilaian_atasan),
        )
    ]


def periode_list(*, user) -> QuerySet[Periode]:
    return periode_scope(user).order_by("-tahun", "-tanggal_mulai", "-id")


def periode_bawaan() -> Periode | None:
    """The period pages default to: the latest one not yet closed, else the latest."""
    terbuka = Periode.objects.exclude(status=Status.DITUTUP).order_by("-tanggal_mulai", "-id").first()
    return terbuka or Periode.objects.order_by("-tanggal_mulai", "-id").first()


@dataclass(frozen=True)
class Capaian:
    label: str
    jumlah: int
    total: int

    @property
    def persen(self) -> int:
        return 0 if not self.total else self.jumlah * 100 // self.total


def periode_capaian(*, user, periode: Periode) -> list[Capaian]:
    """The period's progress over the records the admin monitors (one query)."""
    t = monitoring_total(user=user, periode=periode)
    n = t["pegawai"]
    return [
        Capaian("Pegawai dengan catatan evaluasi", n, n),
        Capaian("SKP disetujui", t["skp_disetujui"], n),
        Capaian("Realisasi lengkap", t["realisasi_lengkap"], n),
        Capaian("Penilaian diri terkirim", t["diri_terkirim"], n),
        Capaian("Penilaian final", t["final"], n),
        Capaian("Keberatan diajukan", t["keberatan"], n),
    ]


# --- unit goals ----------------------------------------------------------------------------------


def sasaran_list(
    *, user, tahun: int | None = None, unit_id: int | None = None, aktif: bool | None = None, cari: str = ""
) -> QuerySet[SasaranUnit]:
    """The goals the admin manages, with how many RHK support each."""
    qs = sasaran_scope(user).select_related("unit")
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if aktif is not None:
        qs = qs.filter(aktif=aktif)
    if cari:
        qs = qs.filter(uraian__icontains=cari)
    return qs.annotate(jumlah_rhk=Count("rhk")).order_by("unit__kode", "-tahun", "pk")
