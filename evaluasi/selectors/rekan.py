"""The peers' aggregate for one evaluation: released once (`rekan_dibuka`) and shown only with
at least `PengaturanKinerja.rekan_min` answers; never who gave what."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format

from pegawai.access import akses_get
from pegawai.models import Pegawai
from pegawai.rekan import (
    HalamanAturRekan,
    rekan_atur_halaman_get,
    rekan_dikecualikan,
    rekan_kandidat_opd_qs,
)

from ..models import (
    EvaluasiPegawai,
    IndikatorNilaiDasar,
    JawabanRekanKinerja,
    NilaiDasar,
    PengaturanKinerja,
    PenugasanRekanKinerja,
    Periode,
)
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


# --- the rekan area's pages (peer assignment, the peer's form, the task list) ---------------------
#
# Anonymity: nothing below reads JawabanRekanKinerja or KomentarRekanKinerja (only
# `rekan_ringkasan` above does, for the released aggregate), and a draft is read only for its own
# rater (`rekan_isi_halaman`, reached through access.access_penugasan_rekan); every other read of
# PenugasanRekanKinerja defers `draf`.

TERBUKA = (Periode.Status.BERJALAN, Periode.Status.PENILAIAN)
TERKIRIM = PenugasanRekanKinerja.Status.TERKIRIM
DITUGASKAN = PenugasanRekanKinerja.Status.DITUGASKAN
SKALA_REKAN = ((1, "Sangat kurang"), (2, "Kurang"), (3, "Cukup"), (4, "Baik"), (5, "Sangat baik"))

PESAN_ATUR_PERENCANAAN = "Rekan penilai dapat ditugaskan setelah periode berjalan."
PESAN_ATUR_DITUTUP = "Periode ini sudah ditutup; penugasan rekan terkunci."
PESAN_ATUR_DIBUKA = "Hasil penilaian rekan untuk pegawai ini sudah dibuka; penugasan rekan terkunci."
PESAN_ATUR_FINAL = "Penilaian pegawai ini sudah final; penugasan rekan terkunci."
PESAN_ATUR_BATAS = "Batas penilaian rekan ({tanggal}) sudah lewat; penugasan rekan terkunci."
PESAN_ISI_PERENCANAAN = "Penilaian rekan dapat diisi setelah periode berjalan."
PESAN_ISI_DITUTUP = "Periode ini sudah ditutup; penilaian rekan tidak dapat diisi lagi."
PESAN_ISI_DIBUKA = "Hasil penilaian rekan untuk pegawai ini sudah dibuka; penilaian tidak dapat diisi lagi."
PESAN_ISI_BATAS = "Batas penilaian rekan ({tanggal}) sudah lewat; penilaian tidak dapat diisi lagi."


def rekan_batas_lewat(periode: Periode, hari_ini: dt.date | None = None) -> bool:
    """The peer deadline is the last day on which a peer may still submit (local time)."""
    return (hari_ini or timezone.localdate()) > periode.batas_penilaian_rekan


def _tanggal(d: dt.date) -> str:
    return date_format(d, "j F Y")


def rekan_kunci_atur(evaluasi: EvaluasiPegawai) -> str:
    """Why the peers of this evaluation can no longer be changed ('' while they can);
    `evaluasi.periode` loaded."""
    periode = evaluasi.periode
    if periode.status == Periode.Status.DITUTUP:
        return PESAN_ATUR_DITUTUP
    if periode.status not in TERBUKA:
        return PESAN_ATUR_PERENCANAAN
    if evaluasi.rekan_dibuka:
        return PESAN_ATUR_DIBUKA
    if evaluasi.final:
        return PESAN_ATUR_FINAL
    if rekan_batas_lewat(periode):
        return PESAN_ATUR_BATAS.format(tanggal=_tanggal(periode.batas_penilaian_rekan))
    return ""


def rekan_kunci_isi(evaluasi: EvaluasiPegawai) -> str:
    """Why a peer can no longer answer for this evaluation ('' while they can). A final
    evaluation still takes answers until the deadline: they feed the released aggregate."""
    periode = evaluasi.periode
    if periode.status == Periode.Status.DITUTUP:
        return PESAN_ISI_DITUTUP
    if periode.status not in TERBUKA:
        return PESAN_ISI_PERENCANAAN
    if evaluasi.rekan_dibuka:
        return PESAN_ISI_DIBUKA
    if rekan_batas_lewat(periode):
        return PESAN_ISI_BATAS.format(tanggal=_tanggal(periode.batas_penilaian_rekan))
    return ""


# --- candidates and proposals ---------------------------------------------------------------------


def _dikecualikan(evaluasi: EvaluasiPegawai) -> set[int]:
    """Never a peer of their own evaluation: the pegawai, their rater and the rater's atasan
    (the snapshot), and every supervisor above them today (pegawai.rekan.rekan_dikecualikan)."""
    return rekan_dikecualikan(evaluasi.pegawai, evaluasi.penilai_id, evaluasi.atasan_penilai_id)


def rekan_kandidat_qs(evaluasi: EvaluasiPegawai) -> QuerySet[Pegawai]:
    """Who may be assigned: active employees with an account in the evaluation's OPD (its unit
    when it has no OPD), except the pegawai and the supervisors above them (`_dikecualikan`).
    `evaluasi.pegawai` loaded."""
    return rekan_kandidat_opd_qs(opd_id=evaluasi.opd_id, unit_id=evaluasi.unit_id, kecuali=_dikecualikan(evaluasi))


def rekan_usulan_banyak(evaluasi_list: list[EvaluasiPegawai], *, maks: int) -> dict[int, list[int]]:
    """The proposed peers of each evaluation (`pegawai` loaded), at most `maks`: the same unit
    and position first, then the same unit, then the rest of the rater's team (same atasan,
    same OPD); by name within each group. One query for all of them."""
    if not evaluasi_list:
        return {}
    unit_ids = {e.unit_id for e in evaluasi_list}
    penilai_ids = {e.penilai_id for e in evaluasi_list if e.penilai_id}
    saring = Q(unit_id__in=unit_ids)
    if penilai_ids:
        saring |= Q(atasan_id__in=penilai_ids)
    per_unit: dict[int, list[tuple]] = defaultdict(list)
    per_atasan: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Pegawai.objects.filter(aktif=True, user__isnull=False)
        .filter(saring)
        .values_list("pk", "unit_id", "unit__opd_id", "jabatan_id", "atasan_id", "nama")
    ):
        per_unit[row[1]].append(row)
        if row[4]:
            per_atasan[row[4]].append(row)
    usulan = {}
    for ev in evaluasi_list:
        kecuali = _dikecualikan(ev)
        kandidat: dict[int, tuple] = {}
        for pk, unit_id, opd_id, jabatan_id, _atasan_id, nama in per_unit[ev.unit_id] + per_atasan[ev.penilai_id]:
            if pk in kecuali or pk in kandidat:
                continue
            if (ev.opd_id and opd_id != ev.opd_id) or (not ev.opd_id and unit_id != ev.unit_id):
                continue
            # 0: same unit and position, 1: same unit, 2: the rater's team elsewhere in the OPD.
            prioritas = (0 if jabatan_id == ev.jabatan_id else 1) if unit_id == ev.unit_id else 2
            kandidat[pk] = (prioritas, nama.casefold(), pk)
        usulan[ev.pk] = [pk for _, _, pk in sorted(kandidat.values())[:maks]]
    return usulan


def evaluasi_tanpa_rekan_qs(*, penilai_id: int, hari_ini: dt.date | None = None) -> QuerySet[EvaluasiPegawai]:
    """The rater's evaluations whose peers can still be assigned and that have none yet (the
    target of "accept the proposals for all my subordinates")."""
    hari_ini = hari_ini or timezone.localdate()
    return (
        EvaluasiPegawai.objects.filter(
            penilai_id=penilai_id,
            pegawai__aktif=True,
            periode__status__in=TERBUKA,
            periode__batas_penilaian_rekan__gte=hari_ini,
            rekan_dibuka=False,
        )
        .exclude(status=EvaluasiPegawai.Status.FINAL)
        .exclude(Exists(PenugasanRekanKinerja.objects.filter(evaluasi_id=OuterRef("pk"))))
    )


# --- the assignment page ----------------------------------------------------------------------------


def rekan_atur_halaman(*, evaluasi: EvaluasiPegawai, q: str = "", pilih: list[int] | None = None) -> HalamanAturRekan:
    """The assignment page (pegawai.rekan.rekan_atur_halaman_get): the peers with whether they
    answered (never what, never when), the proposal, and a search of the OPD by name or NIP
    prefix. At most six queries, whatever the size of the OPD."""
    pengaturan = PengaturanKinerja.get()
    return rekan_atur_halaman_get(
        penugasan=PenugasanRekanKinerja.objects.filter(evaluasi_id=evaluasi.pk),
        kunci=rekan_kunci_atur(evaluasi),
        usulan=lambda: rekan_usulan_banyak([evaluasi], maks=pengaturan.rekan_maks)[evaluasi.pk],
        kandidat=lambda: rekan_kandidat_qs(evaluasi),
        q=q,
        pilih=pilih,
        minimum=pengaturan.rekan_min,
        maksimum=pengaturan.rekan_maks,
    )


# --- the peer's own form ------------------------------------------------------------------------------


@dataclass
class HalamanIsiRekan:
    penugasan: PenugasanRekanKinerja
    nilai_dasar: list[NilaiDasar]  # the seven values, each with its indicators (empty once submitted)
    kunci: str
    minimum: int

    @property
    def terkirim(self) -> bool:
        return self.penugasan.status == TERKIRIM


def rekan_isi_halaman(*, penugasan: PenugasanRekanKinerja) -> HalamanIsiRekan:
    """The peer's page (for the rater only): the person's name and position and the BerAKHLAK
    values with their indicators. Once submitted nothing of the answer is read back: it is no
    longer linked to the rater. Three queries."""
    terkirim = penugasan.status == TERKIRIM
    nilai = []
    if not terkirim:
        nilai = list(
            NilaiDasar.objects.order_by("urutan").prefetch_related(
                Prefetch("indikator", queryset=IndikatorNilaiDasar.objects.order_by("urutan"))
            )
        )
    return HalamanIsiRekan(
        penugasan=penugasan,
        nilai_dasar=nilai,
        kunci="" if terkirim else rekan_kunci_isi(penugasan.evaluasi),
        minimum=PengaturanKinerja.get().rekan_min,
    )


# --- the task list ("Penilaian Rekan") -------------------------------------------------------------


@dataclass
class TugasRekan:
    tugas: list[PenugasanRekanKinerja] = field(default_factory=list)  # mine to fill, periods not closed
    bawahan: list[EvaluasiPegawai] = field(default_factory=list)  # evaluations I rate, open periods
    minimum: int = 3
    maksimum: int = 5

    @property
    def jumlah_terbuka(self) -> int:
        return sum(1 for t in self.tugas if t.bisa_diisi and t.status != TERKIRIM)

    @property
    def perlu_rekan(self) -> list[EvaluasiPegawai]:
        return [e for e in self.bawahan if e.bisa_diatur and e.jumlah_rekan < self.minimum]

    @property
    def tanpa_rekan(self) -> int:
        """Subordinates with no peer at all (the target of the one-click proposal)."""
        return sum(1 for e in self.bawahan if e.bisa_diatur and e.jumlah_rekan == 0)


def rekan_tugas_list(*, user) -> TugasRekan:
    """The signed-in pegawai's peer tasks (the person's name and position only) and, for a
    rater, their subordinates' peer assignment: how many peers, how many answered. Three
    queries whatever the number of rows."""
    akses = akses_get(user)
    pengaturan = PengaturanKinerja.get()
    hasil = TugasRekan(minimum=pengaturan.rekan_min, maksimum=pengaturan.rekan_maks)
    if akses.pegawai_id is None:
        return hasil
    hasil.tugas = list(
        PenugasanRekanKinerja.objects.filter(penilai_id=akses.pegawai_id)
        .exclude(evaluasi__periode__status=Periode.Status.DITUTUP)
        .select_related("evaluasi__pegawai", "evaluasi__jabatan", "evaluasi__periode")
        .order_by("status", "evaluasi__periode__batas_penilaian_rekan", "evaluasi__pegawai__nama", "pk")
    )
    for t in hasil.tugas:
        t.bisa_diisi = t.status != TERKIRIM and not rekan_kunci_isi(t.evaluasi)
        t.ada_draf = bool(t.draf)
    hasil.bawahan = list(
        EvaluasiPegawai.objects.filter(penilai_id=akses.pegawai_id, periode__status__in=TERBUKA)
        .select_related("pegawai", "jabatan", "unit", "periode")
        .annotate(
            jumlah_rekan=Count("penugasan_rekan"),
            jumlah_terkirim=Count("penugasan_rekan", filter=Q(penugasan_rekan__status=TERKIRIM)),
        )
        .order_by("periode__tanggal_mulai", "periode_id", "pegawai__nama", "pk")
    )
    for e in hasil.bawahan:
        e.bisa_diatur = not rekan_kunci_atur(e)
    return hasil


def rekan_tugas_terbuka_jumlah(*, user) -> int:
    """How many peer forms wait for the signed-in pegawai (for a badge in the navigation): one
    query."""
    pid = akses_get(user).pegawai_id
    if pid is None:
        return 0
    return PenugasanRekanKinerja.objects.filter(
        penilai_id=pid,
        status=DITUGASKAN,
        evaluasi__rekan_dibuka=False,
        evaluasi__periode__status__in=TERBUKA,
        evaluasi__periode__batas_penilaian_rekan__gte=timezone.localdate(),
    ).count()


def rekan_perlu_penugasan_jumlah(*, user) -> int:
    """How many of the rater's evaluations still need peers (fewer than `rekan_min` assigned
    while assignment is open), for the "Tim Saya" queue: two queries."""
    pid = akses_get(user).pegawai_id
    if pid is None:
        return 0
    minimum = PengaturanKinerja.get().rekan_min
    return (
        EvaluasiPegawai.objects.filter(
            penilai_id=pid,
            pegawai__aktif=True,
            periode__status__in=TERBUKA,
            periode__batas_penilaian_rekan__gte=timezone.localdate(),
            rekan_dibuka=False,
        )
        .exclude(status=EvaluasiPegawai.Status.FINAL)
        .annotate(n=Count("penugasan_rekan"))
        .filter(n__lt=minimum)
        .count()
    )


# --- the aggregate as pages show it ------------------------------------------------------------------


@dataclass(frozen=True)
class RekanTampil:
    """What a page shows of the peers: the aggregate, or why there is none."""

    ringkasan: RekanRingkasan | None
    dibuka: bool
    minimum: int

    @property
    def kurang(self) -> bool:
        """Released, but fewer than the minimum answered: not shown at all."""
        return self.dibuka and self.ringkasan is None


def rekan_ringkasan_tampil(evaluasi: EvaluasiPegawai, *, minimum: int | None = None) -> RekanTampil:
    """For the template evaluasi/evaluasi_rekan_ringkasan.html (include it with `rekan=`).
    Pass `minimum` when the caller already read the settings."""
    return RekanTampil(
        ringkasan=rekan_ringkasan(evaluasi),
        dibuka=evaluasi.rekan_dibuka,
        minimum=PengaturanKinerja.get().rekan_min if minimum is None else minimum,
    )
