"""The realisation page of one SKP in one period: every RHK and indicator with its target, the
realisation row, its evidence and the atasan's feedback, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone

from pegawai.access import akses_get

from ..access import may_give_feedback
from ..models import (
    BuktiDukung,
    EvaluasiPegawai,
    IndikatorKinerja,
    Periode,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    UmpanBalik,
)
from ..services.realisasi import realisasi_kunci

# Aspects where more is better: "capaian" (realisation / target) is meaningful only there.
ASPEK_CAPAIAN = (IndikatorKinerja.Aspek.KUANTITAS, IndikatorKinerja.Aspek.KUALITAS)


def angka_teks(nilai: Decimal | None) -> str:
    """A Decimal as an Indonesian types it: 12,5 (no trailing zeros, comma as the decimal mark)."""
    if nilai is None:
        return ""
    teks = f"{nilai.normalize():f}" if nilai == nilai.to_integral() else f"{nilai:f}".rstrip("0")
    if "." in teks:
        bulat, pecahan = teks.split(".")
        return f"{bulat},{pecahan}" if pecahan else bulat
    return teks


def angka_tampil(nilai: Decimal | None) -> str:
    """For reading: thousands grouped with dots, decimals after a comma (1.250,5)."""
    teks = angka_teks(nilai)
    if not teks:
        return ""
    bulat, _, pecahan = teks.partition(",")
    tanda = "-" if bulat.startswith("-") else ""
    bulat = f"{int(bulat.lstrip('-')):,}".replace(",", ".")
    return f"{tanda}{bulat},{pecahan}" if pecahan else f"{tanda}{bulat}"


@dataclass
class BarisIndikator:
    indikator: IndikatorKinerja
    realisasi: Realisasi | None = None
    bukti: list[BuktiDukung] = field(default_factory=list)
    umpan_balik: list[UmpanBalik] = field(default_factory=list)

    @property
    def terisi(self) -> bool:
        return self.realisasi is not None and self.realisasi.nilai is not None

    @property
    def target_teks(self) -> str:
        return angka_tampil(self.indikator.target)

    @property
    def nilai_teks(self) -> str:
        return angka_tampil(self.realisasi.nilai) if self.terisi else ""

    @property
    def capaian_teks(self) -> str:
        return angka_tampil(self.capaian)

    @property
    def capaian(self) -> Decimal | None:
        """Realisation as a percentage of the target (one decimal), where more is better."""
        target = self.indikator.target
        if not self.terisi or not target or self.indikator.aspek not in ASPEK_CAPAIAN:
            return None
        return (self.realisasi.nilai * 100 / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class KelompokRhk:
    rhk: RencanaHasilKerja
    baris: list[BarisIndikator]


@dataclass
class RealisasiHalaman:
    skp: Skp
    periode: Periode | None
    periode_list: list[Periode]
    utama: list[KelompokRhk]
    tambahan: list[KelompokRhk]
    kunci: str  # why the owner may not write now ("" when they may)
    pemilik: bool
    bisa_isi: bool
    bisa_umpan_balik: bool
    final: bool

    @property
    def baris(self) -> list[BarisIndikator]:
        return [b for k in (*self.utama, *self.tambahan) for b in k.baris]

    @property
    def jumlah_indikator(self) -> int:
        return len(self.baris)

    @property
    def jumlah_terisi(self) -> int:
        return sum(1 for b in self.baris if b.terisi)


def periode_skp_list(skp: Skp) -> list[Periode]:
    """The periods of the SKP's year, in calendar order (shorter periods first when they end
    together), planning ones included so the pegawai sees what is coming."""
    return list(Periode.objects.filter(tahun=skp.tahun).order_by("tanggal_selesai", "-tanggal_mulai", "id"))


def periode_bawaan(periode_list: list[Periode], hari_ini: dt.date | None = None) -> Periode | None:
    """The period a realisation page opens on: an open period (running or in assessment)
    containing today, the shortest first; else the open one ending first (the most urgent);
    else the latest period that has started; else the first one."""
    hari_ini = hari_ini or timezone.localdate()
    terbuka = [p for p in periode_list if p.menerima_realisasi]
    kini = [p for p in terbuka if p.tanggal_mulai <= hari_ini <= p.tanggal_selesai]
    if kini:
        return min(kini, key=lambda p: (p.tanggal_selesai - p.tanggal_mulai, p.pk))
    if terbuka:
        return min(terbuka, key=lambda p: (p.tanggal_selesai, p.pk))
    mulai = [p for p in periode_list if p.tanggal_mulai <= hari_ini]
    if mulai:
        return max(mulai, key=lambda p: (p.tanggal_mulai, -(p.tanggal_selesai - p.tanggal_mulai).days, p.pk))
    return periode_list[0] if periode_list else None


def realisasi_halaman(*, user, skp: Skp, periode: Periode | None, periode_list: list[Periode]) -> RealisasiHalaman:
    """Everything the page shows; `skp` comes from access.access_skp (so the user may see it)."""
    rhk_list = list(
        RencanaHasilKerja.objects.filter(skp=skp)
        .order_by("urutan", "id")
        .prefetch_related(Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("urutan", "id")))
    )
    per_indikator: dict[int, Realisasi] = {}
    final = False
    if periode is not None:
        per_indikator = {
            r.indikator_id: r
            for r in Realisasi.objects.filter(indikator__rhk__skp=skp, periode=periode).prefetch_related(
                Prefetch("bukti", queryset=BuktiDukung.objects.order_by("created_at", "id")),
                Prefetch(
                    "umpan_balik", queryset=UmpanBalik.objects.select_related("penulis").order_by("created_at", "id")
                ),
            )
        }
        final = EvaluasiPegawai.objects.filter(
            pegawai_id=skp.pegawai_id, periode=periode, status=EvaluasiPegawai.Status.FINAL
        ).exists()
    utama, tambahan = [], []
    for rhk in rhk_list:
        baris = []
        for indikator in rhk.indikator.all():
            r = per_indikator.get(indikator.pk)
            baris.append(
                BarisIndikator(
                    indikator=indikator,
                    realisasi=r,
                    bukti=list(r.bukti.all()) if r else [],
                    umpan_balik=list(r.umpan_balik.all()) if r else [],
                )
            )
        (utama if rhk.jenis == RencanaHasilKerja.Jenis.UTAMA else tambahan).append(KelompokRhk(rhk, baris))
    kunci = realisasi_kunci(skp=skp, periode=periode, final=final)
    pemilik = skp.pegawai_id == akses_get(user).pegawai_id
    return RealisasiHalaman(
        skp=skp,
        periode=periode,
        periode_list=periode_list,
        utama=utama,
        tambahan=tambahan,
        kunci=kunci,
        pemilik=pemilik,
        bisa_isi=pemilik and not kunci,
        bisa_umpan_balik=periode is not None and periode.menerima_realisasi and may_give_feedback(user, skp),
        final=final,
    )
