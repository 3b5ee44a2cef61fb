"""The performance-evaluation cards of the home page (beranda), each in a fixed number of
queries whatever the data size:

- `kinerja_beranda`: the signed-in pegawai's status at a glance: this year's SKP, the
  self-assessments due, final results not yet acknowledged, objection windows still open, and
  this month's daily log against the target (four queries);
- `antrean_beranda`: an atasan's queue counts, read by `tim.tim_antrean` (the Tim Saya page's
  own selector, so both show the same numbers);
- `pemantauan_beranda`: an admin's completion totals for the period being rated (else the one
  running), from `monitoring.monitoring_total` (two queries).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from ..models import EvaluasiPegawai, PengaturanKinerja, PenilaianDiriKinerja, Periode, Skp
from ..services.keberatan import keberatan_batas_evaluasi, keberatan_penghalang
from .monitoring import monitoring_total
from .periode import Capaian, Tenggat
from .saya import LogBulan, log_bulan
from .tim import KELAS_SKP, tim_antrean

MAKS_EVALUASI = 12  # a pegawai's evaluation records read for the card (newest periods first)


@dataclass(frozen=True)
class TenggatEvaluasi(Tenggat):
    """A deadline of one evaluation record (label: the period's name; tanggal: the last day)."""

    evaluasi: EvaluasiPegawai | None = None


@dataclass
class KinerjaBeranda:
    tahun: int
    skp: Skp | None
    diri: list[TenggatEvaluasi]  # self-assessment due: period being rated, not sent, deadline ahead
    belum_diterima: list[EvaluasiPegawai]  # final results the pegawai has not acknowledged yet
    keberatan: list[TenggatEvaluasi]  # objection windows still open (the last day to file)
    log: LogBulan

    @property
    def skp_kelas(self) -> str:
        return KELAS_SKP.get(self.skp.status, "text-bg-secondary") if self.skp else "text-bg-light border"

    @property
    def skp_perlu(self) -> bool:
        """The pegawai has to act on the SKP: none yet, a draft, or returned."""
        return self.skp is None or self.skp.status in (Skp.Status.DRAFT, Skp.Status.DIKEMBALIKAN)


def _awal_hari(tanggal: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time.min))


def kinerja_beranda(*, pegawai_id: int, hari_ini: dt.date | None = None) -> KinerjaBeranda:
    """Four queries: the settings, this year's SKP, the evaluation records that ask something of
    the pegawai, and this month's log aggregate."""
    hari_ini = hari_ini or timezone.localdate()
    pengaturan = PengaturanKinerja.get()
    hari = pengaturan.keberatan_hari
    skp = (
        Skp.objects.filter(pegawai_id=pegawai_id, tahun=hari_ini.year)
        .only("pk", "tahun", "status")
        .order_by("pk")  # not the model's ordering, which joins the pegawai
        .first()
    )

    final = Q(status=EvaluasiPegawai.Status.FINAL)
    diri_terbuka = Q(periode__status=Periode.Status.PENILAIAN, periode__batas_penilaian_diri__gte=hari_ini) & ~final
    # Finalised on or after the first day whose window still includes today (the service decides).
    keberatan_mungkin = Q(difinalkan_pada__gte=_awal_hari(hari_ini - dt.timedelta(days=hari))) & ~Q(
        periode__status=Periode.Status.DITUTUP
    )
    evaluasi = list(
        EvaluasiPegawai.objects.filter(pegawai_id=pegawai_id)
        .filter(diri_terbuka | final & (Q(diterima_pada__isnull=True) | keberatan_mungkin))
        .select_related("periode", "penilaian_diri", "atasan_penilai", "keberatan")
        .order_by("-periode__tanggal_selesai", "-periode_id")[:MAKS_EVALUASI]
    )

    def tenggat(ev: EvaluasiPegawai, batas: dt.date) -> TenggatEvaluasi:
        return TenggatEvaluasi(ev.periode.nama, batas, (batas - hari_ini).days, evaluasi=ev)

    diri, belum_diterima, keberatan = [], [], []
    for ev in evaluasi:
        if not ev.final:
            pd = getattr(ev, "penilaian_diri", None)
            if pd is None or pd.status != PenilaianDiriKinerja.Status.TERKIRIM:
                diri.append(tenggat(ev, ev.periode.batas_penilaian_diri))
            continue
        if ev.diterima_pada is None:
            belum_diterima.append(ev)
        sudah_ada = getattr(ev, "keberatan", None) is not None
        if not keberatan_penghalang(ev, sudah_ada=sudah_ada, hari_ini=hari_ini, hari=hari):
            keberatan.append(tenggat(ev, keberatan_batas_evaluasi(ev, hari)))
    return KinerjaBeranda(
        tahun=hari_ini.year,
        skp=skp,
        diri=diri,
        belum_diterima=belum_diterima,
        keberatan=keberatan,
        log=log_bulan(pegawai_id=pegawai_id, hari_ini=hari_ini, target=pengaturan.log_target_bulanan),
    )


# --- the atasan's queue card ----------------------------------------------------------------------


@dataclass(frozen=True)
class BarisAntrean:
    kunci: str
    label: str
    jumlah: int
    url_nama: str  # the page where the items wait
    kueri: str = ""


@dataclass(frozen=True)
class AntreanBeranda:
    total: int
    rincian: list[BarisAntrean]


def antrean_beranda(*, user) -> AntreanBeranda:
    """The counts of the Tim Saya queue (`tim_antrean`: a fixed number of queries)."""
    a = tim_antrean(user=user)
    return AntreanBeranda(
        total=a.total,
        rincian=[
            BarisAntrean("skp", "SKP menunggu persetujuan", a.skp_jumlah, "evaluasi:tim"),
            BarisAntrean("log", "Log harian belum diperiksa", a.log_jumlah, "evaluasi:log-periksa"),
            BarisAntrean("evaluasi", "Penilaian bawahan belum final", a.evaluasi_jumlah, "evaluasi:evaluasi-list"),
            BarisAntrean("rekan", "Penilaian rekan belum diisi", a.tugas_rekan_jumlah, "evaluasi:rekan-tugas"),
            BarisAntrean(
                "keberatan",
                "Keberatan menunggu keputusan",
                a.keberatan_jumlah,
                "evaluasi:keberatan-list",
                "?cakupan=putus",
            ),
        ],
    )


# --- the admin's monitoring card -----------------------------------------------------------------


@dataclass(frozen=True)
class CapaianBeranda(Capaian):
    belum: str = ""  # the monitoring drill-down (`?belum=`) listing who has not done it

    @property
    def sisa(self) -> int:
        return self.total - self.jumlah


# (key of monitoring_total, label, drill-down key of monitoring.BELUM)
CAPAIAN_BERANDA = (
    ("skp_disetujui", "SKP disetujui", "rencana"),
    ("realisasi_lengkap", "Realisasi lengkap", "realisasi"),
    ("diri_terkirim", "Penilaian diri terkirim", "diri"),
    ("final", "Penilaian final", "penilaian"),
)


@dataclass(frozen=True)
class Pemantauan:
    periode: Periode
    pegawai: int
    keberatan: int
    capaian: list[CapaianBeranda]


def periode_pantau() -> Periode | None:
    """The period the admin's card follows: the one being rated, else the one running (the
    latest first)."""
    urutan = Case(When(status=Periode.Status.PENILAIAN, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (
        Periode.objects.filter(status__in=(Periode.Status.PENILAIAN, Periode.Status.BERJALAN))
        .order_by(urutan, "-tanggal_mulai", "-pk")
        .first()
    )


def pemantauan_beranda(*, user) -> Pemantauan | None:
    """The monitoring totals over the records the admin monitors (their OPD, or everything for
    BKD) in `periode_pantau()`; None when no period is running or being rated."""
    periode = periode_pantau()
    if periode is None:
        return None
    t = monitoring_total(user=user, periode=periode)
    n = t["pegawai"]
    return Pemantauan(
        periode=periode,
        pegawai=n,
        keberatan=t["keberatan"],
        capaian=[CapaianBeranda(label, t[kunci], n, belum) for kunci, label, belum in CAPAIAN_BERANDA],
    )
