"""The distribution curve of one unit in one period: its predikat kinerja organisasi, the
spread of its staff's predikat and the rules that spread breaks (evaluasi.rules.kurva_periksa).

The unit's staff are the evaluation records whose snapshot unit is the unit itself (a
sub-unit has its own predikat organisasi, set by this unit's head). A record counts once it
has a predikat: final, or a supervisor's draft with both ratings given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from ..models import AturanKurva, EvaluasiPegawai, PengaturanKinerja, PredikatOrganisasi
from ..rules import kurva_periksa


@dataclass(frozen=True)
class KurvaUnit:
    predikat_organisasi: str  # "" when not set yet
    predikat_organisasi_label: str
    hitung: dict[str, int] = field(default_factory=dict)
    pelanggaran: list[str] = field(default_factory=list)
    memblokir: bool = False  # Admin BKD's choice: a breach blocks finalisation

    @property
    def total(self) -> int:
        return sum(self.hitung.values())

    @property
    def ditetapkan(self) -> bool:
        return bool(self.predikat_organisasi)


def aturan_untuk(predikat_organisasi: str) -> list[tuple[str, list[str], int]]:
    return list(
        AturanKurva.objects.filter(predikat_organisasi=predikat_organisasi).values_list("jenis", "predikat", "persen")
    )


def kurva_unit(*, periode_id: int, unit_id: int, ganti: tuple[int, str] | None = None) -> KurvaUnit:
    """The curve status of a unit. `ganti=(evaluasi_id, predikat)` counts that record with the
    given predikat instead of its stored one (the page before finalising shows the spread as it
    would be). Three queries."""
    org = PredikatOrganisasi.objects.filter(periode_id=periode_id, unit_id=unit_id).first()
    qs = EvaluasiPegawai.objects.filter(periode_id=periode_id, unit_id=unit_id).exclude(predikat="")
    if ganti is not None:
        qs = qs.exclude(pk=ganti[0])
    hitung = dict(qs.values_list("predikat").annotate(n=Count("id")).order_by())
    if ganti is not None and ganti[1]:
        hitung[ganti[1]] = hitung.get(ganti[1], 0) + 1
    memblokir = PengaturanKinerja.get().kurva_memblokir
    if org is None:
        return KurvaUnit("", "", hitung, [], memblokir)
    return KurvaUnit(
        org.predikat, org.get_predikat_display(), hitung, kurva_periksa(hitung, aturan_untuk(org.predikat)), memblokir
    )
