"""Choosing peer (360) raters, shared by the competency rounds (kompetensi) and the performance
evaluation (evaluasi): who may never be someone's peer (the hierarchy above them), who may be
picked (active employees with an account in the same OPD) and the reads of the assignment page
(the current assignment, the proposal, what was picked across searches, the OPD-wide search).

Each app keeps its own rules where they differ: the order of the proposal, the locks, the 3-to-5
limits and their messages. Anonymity: nothing here reads an answer, and the assignment rows are
read with their draft deferred.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Pegawai

CARI_MIN, CARI_MAKS = 3, 20
# The status of an answered assignment, the same in kompetensi.PenugasanRekan and
# evaluasi.PenugasanRekanKinerja (the shared template compares against it too).
TERKIRIM = "terkirim"


def rekan_dikecualikan(pegawai: Pegawai, *lain: int | None) -> set[int]:
    """Who is never a peer of `pegawai`: themselves, their atasan and everyone above them today
    (their `jalur`, "/12/340/5321/", see pegawai/hierarki.py), and the ids in `lain` (such as a
    snapshot's rater and the rater's atasan). No query."""
    rantai = {int(i) for i in (pegawai.jalur or "").split("/") if i.isascii() and i.isdigit()}
    return rantai | {i for i in (pegawai.pk, pegawai.atasan_id, *lain) if i is not None}


def rekan_kandidat_opd_qs(
    *, opd_id: int | None, unit_id: int | None = None, kecuali: Iterable[int]
) -> QuerySet[Pegawai]:
    """Who may be picked as a peer: active employees with an account in the OPD (in the unit
    when there is no OPD), except `kecuali`."""
    qs = Pegawai.objects.filter(aktif=True, user__isnull=False)
    qs = qs.filter(unit__opd_id=opd_id) if opd_id else qs.filter(unit_id=unit_id)
    return qs.exclude(pk__in=set(kecuali))


@dataclass
class HalamanAturRekan:
    """The assignment page of one person (templates/components/rekan_atur.html)."""

    penugasan: list  # the assignment rows, `penilai` (with jabatan and unit) loaded, draft deferred
    usulan: list[Pegawai]  # proposed peers not yet assigned, in the proposal's order
    dipilih: list[Pegawai]  # picked through the search, kept across searches
    hasil_cari: list[Pegawai]
    q: str
    kunci: str  # why the assignment can no longer change ("" while it can)
    minimum: int
    maksimum: int

    @property
    def terpilih_ids(self) -> set[int]:
        """What the form shows ticked: the assignment, or the proposal when there is none."""
        if self.penugasan:
            return {p.penilai_id for p in self.penugasan}
        return {p.pk for p in self.usulan}

    @property
    def jumlah_terkirim(self) -> int:
        return sum(1 for p in self.penugasan if p.status == TERKIRIM)


def _pegawai_tampil(qs: QuerySet[Pegawai]) -> QuerySet[Pegawai]:
    return qs.select_related("jabatan", "unit")


def rekan_atur_halaman_get(
    *,
    penugasan: QuerySet,
    kunci: str,
    usulan: Callable[[], list[int]],
    kandidat: Callable[[], QuerySet[Pegawai]],
    q: str = "",
    pilih: list[int] | None = None,
    minimum: int,
    maksimum: int,
) -> HalamanAturRekan:
    """The assignment page: `penugasan` (the person's assignment rows) with whether each peer
    answered (never what, never when); while not `kunci`, the proposal (`usulan()`, ids in
    order), the ids picked before a search (`pilih`, at most `maksimum`, only valid candidates)
    and a server-side search of `kandidat()` by name or NIP prefix (at most CARI_MAKS rows,
    indexed: a trigram index on the name on PostgreSQL, the NIP's unique index). At most four
    queries plus those of `usulan()`, whatever the size of the OPD."""
    penugasan = list(
        penugasan.select_related("penilai__jabatan", "penilai__unit").defer("draf").order_by("penilai__nama", "pk")
    )
    ada = {p.penilai_id for p in penugasan}
    usulan_tampil, dipilih, hasil_cari = [], [], []
    q = (q or "").strip()[:100].replace("\x00", "")
    if not kunci:
        usulan_ids = [pk for pk in usulan() if pk not in ada]
        if usulan_ids:
            urut = {pk: i for i, pk in enumerate(usulan_ids)}
            usulan_tampil = sorted(_pegawai_tampil(Pegawai.objects.filter(pk__in=usulan_ids)), key=lambda p: urut[p.pk])
        calon = kandidat()
        lewati = ada | set(usulan_ids)
        pilih = [pk for pk in (pilih or []) if pk not in lewati][:maksimum]
        if pilih:
            dipilih = list(_pegawai_tampil(calon.filter(pk__in=pilih)).order_by("nama", "pk"))
        if len(q) >= CARI_MIN:
            saring = Q(nip__startswith=q) if q.isdigit() else Q(nama__icontains=q)
            jangan = lewati | {p.pk for p in dipilih}
            hasil_cari = list(
                _pegawai_tampil(calon.filter(saring).exclude(pk__in=jangan)).order_by("nama", "pk")[:CARI_MAKS]
            )
    return HalamanAturRekan(
        penugasan=penugasan,
        usulan=usulan_tampil,
        dipilih=dipilih,
        hasil_cari=hasil_cari,
        q=q,
        kunci=kunci,
        minimum=minimum,
        maksimum=maksimum,
    )
