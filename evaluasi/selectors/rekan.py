"""The peers' aggregate for one evaluation: released once (`rekan_dibuka`) and shown only with
at least `PengaturanKinerja.rekan_min` answers; never who gave what."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from ..models import EvaluasiPegawai, JawabanRekanKinerja, NilaiDasar, PengaturanKinerja
from ..rules import rekan_rata


@dataclass(frozen=True)
class RekanRingkasan:
    jumlah_penilai: int
    per_nilai: list[tuple[NilaiDasar, Decimal | None]]  # each value with its mean (or None)
    rata_rata: Decimal | None  # mean over every score
    komentar: list[str]


def rekan_ringkasan(evaluasi: EvaluasiPegawai) -> RekanRingkasan | None:
    """None while the aggregate is not released or has fewer than the minimum answers."""
    if not evaluasi.rekan_dibuka:
        return None
    minimum = PengaturanKinerja.get().rekan_min
    baris = {
        nilai_id: (total, jumlah)
        for nilai_id, total, jumlah in JawabanRekanKinerja.objects.filter(evaluasi=evaluasi)
        .values_list("nilai_dasar_id")
        .annotate(total=Sum("skor"), jumlah=Count("id"))
        .order_by()
    }
    if not baris:
        return None
    # Every peer answers all seven values, so the count per value is the number of peers.
    jumlah_penilai = max(j for _, j in baris.values())
    if jumlah_penilai < minimum:
        return None
    per_nilai = [(n, rekan_rata(*baris.get(n.pk, (0, 0)), minimum)) for n in NilaiDasar.objects.order_by("urutan")]
    total = sum(t for t, _ in baris.values())
    jumlah = sum(j for _, j in baris.values())
    komentar = list(evaluasi.komentar_rekan.order_by("teks").values_list("teks", flat=True))
    return RekanRingkasan(jumlah_penilai, per_nilai, rekan_rata(total, jumlah, 1), komentar)
