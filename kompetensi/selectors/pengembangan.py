"""Reads for development: the programme catalogue, recommendations for negative gaps, plans,
hours per year and the 20-JP compliance list, scoped by kompetensi/access.py.

Every list here runs a fixed number of queries whatever the number of rows or gaps.
Hours of a year (PP 11/2017 art. 203, DOMAIN.md "Competency"):
- completed = the sum of `jp_realisasi` of plans `selesai` whose `tanggal_realisasi` falls in
  the year (the day the activity finished decides the year, so 31 December counts for that
  year and 1 January for the next);
- planned = the sum of `jp_rencana` of plans still `direncanakan` whose planned end
  (`tanggal_selesai`) falls in the year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.models import Pegawai

from ..access import (
    access_pegawai_pengembangan,
    access_program,
    may_plan_for,
    program_scope,
    rencana_pegawai_q,
    rencana_scope,
)
from ..models import (
    HasilKompetensi,
    PesertaPenilaian,
    ProgramKompetensi,
    ProgramPengembangan,
    PutaranPenilaian,
    RencanaPengembangan,
)
from ..models.pengembangan import JP_MINIMUM_TAHUNAN

MAKS_SARAN_PER_KOMPETENSI = 3

# Who the 20-JP rule is applied to. PP 11/2017 art. 203 gives every PNS at least 20 JP of
# development a year; CPNS are PNS in training. Many Pemda apply the same target to PPPK, and
# so does this product: the compliance page says so (STATUS_WAJIB_JP_KETERANGAN).
STATUS_WAJIB_JP = (Pegawai.Status.PNS, Pegawai.Status.CPNS, Pegawai.Status.PPPK)
STATUS_WAJIB_JP_KETERANGAN = (
    "Cakupan: PNS, CPNS, dan PPPK yang aktif. PP 11/2017 pasal 203 menetapkan hak pengembangan kompetensi "
    "paling sedikit 20 JP per tahun bagi PNS; Pemda ini menerapkan sasaran yang sama bagi PPPK."
)

_SELESAI = RencanaPengembangan.Status.SELESAI
_DIRENCANAKAN = RencanaPengembangan.Status.DIRENCANAKAN


def tahun_ini() -> int:
    return timezone.localdate().year


def _rentang(tahun: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)


# --- catalogue --------------------------------------------------------------------------------


def _prefetch_sasaran() -> Prefetch:
    return Prefetch(
        "sasaran",
        queryset=ProgramKompetensi.objects.select_related("kompetensi").order_by(
            "kompetensi__jenis", "kompetensi__urutan", "kompetensi__nama"
        ),
    )


def program_list(*, user, data):
    """The catalogue in the user's scope inside its FilterSet (jenis, kompetensi, text, status).

    Use `filterset.qs` only when `filterset.is_valid()`; the targets are prefetched (one query
    for the page).
    """
    from ..filters.pengembangan import ProgramFilter

    qs = program_scope(user).prefetch_related(_prefetch_sasaran()).order_by("nama", "kode")
    return ProgramFilter(data, queryset=qs, user=user)


def program_get(*, user, pk) -> ProgramPengembangan:
    """One programme with its targets (two queries), 404 outside scope."""
    return access_program(user, pk, prefetch=(_prefetch_sasaran(),))


def program_form_initial(program: ProgramPengembangan) -> tuple[dict, list[dict]]:
    initial = {
        "kode": program.kode,
        "nama": program.nama,
        "jenis": program.jenis,
        "penyelenggara": program.penyelenggara,
        "jp": program.jp,
        "deskripsi": program.deskripsi,
        "aktif": program.aktif,
        "versi": program.updated_at.isoformat(),
    }
    sasaran = [
        {"kompetensi": s.kompetensi_id, "level_target": s.level_target}
        for s in program.sasaran.order_by("kompetensi__jenis", "kompetensi__urutan")
    ]
    return initial, sasaran


# --- recommendations --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramSaran:
    """One recommended programme for one gap."""

    program: ProgramPengembangan
    level_target: int
    mencapai_standar: bool  # brings the person up to the required level
    rencana_id: int | None = None  # an open plan of this pegawai for this programme, if any


@dataclass(frozen=True)
class Rekomendasi:
    """A competency with a negative gap and up to three programmes, best first."""

    hasil: HasilKompetensi  # with .kompetensi and .peserta loaded
    program: list[ProgramSaran] = field(default_factory=list)

    @property
    def kompetensi(self):
        return self.hasil.kompetensi


def _urutan_saran(standar: int):
    def kunci(pk: ProgramKompetensi):
        mencapai = pk.level_target >= standar
        # Closest level at or above the standard first, then the closest below it; fewer JP first.
        return (0 if mencapai else 1, abs(pk.level_target - standar), pk.program.jp, pk.program.nama, pk.program_id)

    return kunci


def rekomendasi_peserta(peserta: PesertaPenilaian) -> list[Rekomendasi]:
    """For each of the participant's results with a negative gap (largest gap first), the
    active programmes addressing that competency whose target level is above the attained
    level, best first: those reaching the standard (closest level first), then the others
    (closest level first), fewer JP first; at most three per competency. A gap with no
    suitable programme is listed with an empty list. Three queries whatever the number of gaps.
    """
    hasil = list(
        HasilKompetensi.objects.filter(peserta=peserta, gap__lt=0)
        .select_related("kompetensi", "peserta")
        .order_by("gap", "kompetensi__jenis", "kompetensi__urutan", "kompetensi__nama")
    )
    if not hasil:
        return []
    capaian_min = min(h.capaian for h in hasil)
    kandidat: dict[int, list[ProgramKompetensi]] = {}
    for pk in (
        ProgramKompetensi.objects.filter(
            kompetensi_id__in={h.kompetensi_id for h in hasil}, program__aktif=True, level_target__gt=capaian_min
        )
        .select_related("program")
        .order_by()
    ):
        kandidat.setdefault(pk.kompetensi_id, []).append(pk)

    pilihan: list[tuple[HasilKompetensi, list[ProgramKompetensi]]] = []
    program_ids: set[int] = set()
    for h in hasil:
        cocok = [pk for pk in kandidat.get(h.kompetensi_id, []) if pk.level_target > h.capaian]
        cocok.sort(key=_urutan_saran(h.standar))
        cocok = cocok[:MAKS_SARAN_PER_KOMPETENSI]
        program_ids.update(pk.program_id for pk in cocok)
        pilihan.append((h, cocok))

    terbuka: dict[int, int] = {}
    if program_ids:
        for program_id, rencana_id in (
            RencanaPengembangan.objects.filter(
                pegawai_id=peserta.pegawai_id, status=_DIRENCANAKAN, program_id__in=program_ids
            )
            .order_by("-id")
            .values_list("program_id", "id")
        ):
            terbuka.setdefault(program_id, rencana_id)
    return [
        Rekomendasi(
            hasil=h,
            program=[
                ProgramSaran(
                    program=pk.program,
                    level_target=pk.level_target,
                    mencapai_standar=pk.level_target >= h.standar,
                    rencana_id=terbuka.get(pk.program_id),
                )
                for pk in cocok
            ],
        )
        for h, cocok in pilihan
    ]


def peserta_terakhir(pegawai_id: int) -> PesertaPenilaian | None:
    """The participation the recommendations come from: the newest *closed* round (frozen
    results), or, before any round has closed, the newest open one with computed gaps
    (provisional: the page says so). One query."""
    ada_gap = HasilKompetensi.objects.filter(peserta=OuterRef("pk"), gap__isnull=False)
    return (
        PesertaPenilaian.objects.filter(pegawai_id=pegawai_id)
        .filter(Exists(ada_gap))
        .select_related("putaran")
        .annotate(_dibuka=Case(When(putaran__status=PutaranPenilaian.Status.DITUTUP, then=Value(0)), default=Value(1)))
        .order_by("_dibuka", "-putaran__tanggal_mulai", "-putaran_id")
        .first()
    )


def rekomendasi_konteks(*, user, peserta: PesertaPenilaian | None, bisa_rencana: bool | None = None) -> dict:
    """Context of `kompetensi/_rekomendasi.html`: {"rekomendasi", "bisa_rencana"}. Pass
    `bisa_rencana` when already known (saves the query of `may_plan_for`)."""
    if peserta is None:
        return {"rekomendasi": [], "bisa_rencana": False}
    rekomendasi = rekomendasi_peserta(peserta)
    if bisa_rencana is None:
        bisa_rencana = bool(rekomendasi) and may_plan_for(user, peserta.pegawai_id)
    return {"rekomendasi": rekomendasi, "bisa_rencana": bisa_rencana}


# --- hours per year ---------------------------------------------------------------------------


def jp_ringkas(pegawai_ids, tahun: int) -> dict[int, tuple[int, int]]:
    """{pegawai_id: (completed JP, planned JP)} for the year, for every id given (zeros when
    nothing). One query."""
    ids = list(pegawai_ids)
    hasil = dict.fromkeys(ids, (0, 0))
    if not ids:
        return hasil
    awal, akhir = _rentang(tahun)
    for pegawai_id, selesai, rencana in (
        RencanaPengembangan.objects.filter(pegawai_id__in=ids)
        .filter(
            Q(status=_SELESAI, tanggal_realisasi__range=(awal, akhir))
            | Q(status=_DIRENCANAKAN, tanggal_selesai__range=(awal, akhir))
        )
        .order_by()
        .values("pegawai_id")
        .annotate(
            selesai=Sum("jp_realisasi", filter=Q(status=_SELESAI)),
            rencana=Sum("jp_rencana", filter=Q(status=_DIRENCANAKAN)),
        )
        .values_list("pegawai_id", "selesai", "rencana")
    ):
        hasil[pegawai_id] = (selesai or 0, rencana or 0)
    return hasil


@dataclass(frozen=True)
class JpTahun:
    """One person's hours of one year against the minimum (context of `_jp_tahun.html`)."""

    tahun: int
    selesai: int
    direncanakan: int
    minimum: int = JP_MINIMUM_TAHUNAN

    @property
    def terpenuhi(self) -> bool:
        return self.selesai >= self.minimum

    @property
    def kurang(self) -> int:
        return max(0, self.minimum - self.selesai)

    @property
    def persen_selesai(self) -> int:
        return min(100, self.selesai * 100 // self.minimum)

    @property
    def persen_rencana(self) -> int:
        """The planned part of the bar, drawn after the completed part (never past 100%)."""
        return min(100 - self.persen_selesai, self.direncanakan * 100 // self.minimum)

    @property
    def cukup_dengan_rencana(self) -> bool:
        return self.selesai + self.direncanakan >= self.minimum


def jp_tahun(pegawai_id: int, tahun: int | None = None) -> JpTahun:
    tahun = tahun or tahun_ini()
    selesai, rencana = jp_ringkas([pegawai_id], tahun)[pegawai_id]
    return JpTahun(tahun=tahun, selesai=selesai, direncanakan=rencana)


# --- plans ------------------------------------------------------------------------------------


def rencana_list(*, user, data):
    """Plans the user may see (own, team, OPD, all) inside their FilterSet (status, year, pegawai)."""
    from ..filters.pengembangan import RencanaFilter

    qs = (
        rencana_scope(user)
        .select_related("pegawai", "pegawai__unit", "program", "kompetensi")
        .order_by("-tanggal_mulai", "-id")
    )
    return RencanaFilter(data, queryset=qs, user=user)


@dataclass
class PengembanganPegawai:
    """Everything on one employee's development page."""

    pegawai: Pegawai
    jp: JpTahun
    rencana: list[RencanaPengembangan]
    peserta: PesertaPenilaian | None
    rekomendasi: list[Rekomendasi]
    bisa_rencana: bool


def pegawai_pengembangan_get(*, user, pk, tahun: int | None = None) -> PengembanganPegawai:
    """The employee's hours this year, their recommendations (from the latest round with
    results) and their plans. For the person, their supervisors, their Admin OPD and BKD."""
    pegawai = access_pegawai_pengembangan(user, pk)
    bisa = may_plan_for(user, pegawai.pk)
    peserta = peserta_terakhir(pegawai.pk)
    konteks = rekomendasi_konteks(user=user, peserta=peserta, bisa_rencana=bisa)
    rencana = list(
        RencanaPengembangan.objects.filter(pegawai=pegawai)
        .select_related("program", "kompetensi")
        .order_by("-tanggal_mulai", "-id")
    )
    return PengembanganPegawai(
        pegawai=pegawai,
        jp=jp_tahun(pegawai.pk, tahun),
        rencana=rencana,
        peserta=peserta,
        rekomendasi=konteks["rekomendasi"],
        bisa_rencana=bisa,
    )


# --- 20-JP compliance -------------------------------------------------------------------------


def jp_scope(user) -> QuerySet[Pegawai]:
    """Active PNS, CPNS and PPPK whose hours the user follows: their team (supervisor), their
    OPD (Admin OPD), everyone (Admin BKD)."""
    if not user.is_authenticated:
        return Pegawai.objects.none()
    qs = Pegawai.objects.filter(aktif=True, status_kepegawaian__in=STATUS_WAJIB_JP)
    q = rencana_pegawai_q(user)
    return qs if q is None else qs.filter(q)


def jp_annotate(qs: QuerySet[Pegawai], tahun: int) -> QuerySet[Pegawai]:
    """`jp_selesai` and `jp_direncanakan` of the year on each employee (correlated sums)."""
    awal, akhir = _rentang(tahun)

    def jumlah(kolom: str, **kondisi) -> Coalesce:
        sub = (
            RencanaPengembangan.objects.filter(pegawai_id=OuterRef("pk"), **kondisi)
            .order_by()
            .values("pegawai_id")
            .annotate(n=Sum(kolom))
            .values("n")
        )
        return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))

    return qs.annotate(
        jp_selesai=jumlah("jp_realisasi", status=_SELESAI, tanggal_realisasi__range=(awal, akhir)),
        jp_direncanakan=jumlah("jp_rencana", status=_DIRENCANAKAN, tanggal_selesai__range=(awal, akhir)),
    )


def jp_list(*, user, data):
    """The compliance list inside its FilterSet (year, unit, text, only those short of 20 JP).
    `filterset.qs` pages the employees; `jp_ringkasan(filterset)` summarises the same filters
    (without "only those short")."""
    from ..filters.pengembangan import JpFilter

    qs = jp_scope(user).select_related("unit", "unit__opd", "jabatan").order_by("nama", "nip")
    return JpFilter(data, queryset=qs, user=user)


@dataclass(frozen=True)
class RingkasanJp:
    tahun: int
    jumlah: int
    memenuhi: int
    minimum: int = JP_MINIMUM_TAHUNAN

    @property
    def kurang(self) -> int:
        return self.jumlah - self.memenuhi

    @property
    def persen(self) -> int:
        return self.memenuhi * 100 // self.jumlah if self.jumlah else 0


def jp_ringkasan(filterset) -> RingkasanJp:
    """How many of the filtered employees reach the minimum (one query). Call after `.qs`."""
    hitung = (
        filterset.qs_ringkas.select_related(None)
        .order_by()
        .aggregate(jumlah=Count("pk"), memenuhi=Count("pk", filter=Q(jp_selesai__gte=JP_MINIMUM_TAHUNAN)))
    )
    return RingkasanJp(tahun=filterset.tahun_dipilih, jumlah=hitung["jumlah"], memenuhi=hitung["memenuhi"])


def jp_ringkasan_lingkup(*, user, tahun: int | None = None) -> RingkasanJp:
    """The same summary for everyone the user follows (team, OPD, all), unfiltered: for a
    beranda card. One query (two more on the first call of a request: the user's roles)."""
    tahun = tahun or tahun_ini()
    hitung = (
        jp_annotate(jp_scope(user), tahun)
        .order_by()
        .aggregate(jumlah=Count("pk"), memenuhi=Count("pk", filter=Q(jp_selesai__gte=JP_MINIMUM_TAHUNAN)))
    )
    return RingkasanJp(tahun=tahun, jumlah=hitung["jumlah"], memenuhi=hitung["memenuhi"])
