""" "Kinerja Saya": the signed-in pegawai's own performance picture in a fixed number of
queries: this year's SKP, the current period with its deadlines and progress, this month's
daily log against the target, and the results of every period with their trend."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from ..models import (
    BuktiDukung,
    EvaluasiPegawai,
    IndikatorKinerja,
    Keberatan,
    LogHarian,
    PengaturanKinerja,
    PenugasanRekanKinerja,
    Periode,
    Realisasi,
    Skp,
)
from ..rules import URUTAN_PREDIKAT, keberatan_batas, keberatan_terbuka
from .realisasi import periode_bawaan

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
HASIL_MAKS = 24  # periods shown in the results table and the chart

# The predikat on the chart's axis: Sangat Baik 5 ... Sangat Kurang 1.
SKOR_GRAFIK = {p: len(URUTAN_PREDIKAT) - i for i, p in enumerate(URUTAN_PREDIKAT)}


@dataclass
class LogBulan:
    label: str
    target: int
    disetujui: int = 0
    menunggu: int = 0
    revisi: int = 0
    ditolak: int = 0
    hari: int = 0

    @property
    def persen(self) -> int:
        """Approved minutes as a share of the target, for the progress bar (capped at 100)."""
        if not self.target:
            return 100
        return min(100, int(Decimal(self.disetujui * 100 / self.target).quantize(Decimal("1"), ROUND_HALF_UP)))

    @property
    def jam_disetujui(self) -> str:
        return _jam(self.disetujui)

    @property
    def jam_target(self) -> str:
        return _jam(self.target)


def _jam(menit: int) -> str:
    jam, sisa = divmod(menit, 60)
    return f"{jam} jam {sisa} menit" if sisa else f"{jam} jam"


@dataclass
class HasilPeriode:
    evaluasi: EvaluasiPegawai
    keberatan: Keberatan | None
    keberatan_batas: dt.date | None
    keberatan_terbuka: bool

    @property
    def periode(self) -> Periode:
        return self.evaluasi.periode


@dataclass
class RealisasiRingkas:
    total: int = 0
    terisi: int = 0
    tanpa_bukti: int = 0


@dataclass
class KinerjaSaya:
    pegawai_id: int
    tahun: int
    skp: Skp | None
    periode: Periode | None
    periode_terbuka: list[Periode]
    evaluasi: EvaluasiPegawai | None  # the current period's record
    skp_periode: Skp | None  # the SKP of the current period's year
    realisasi: RealisasiRingkas
    rekan_tugas: int
    log: LogBulan
    hasil: list[HasilPeriode] = field(default_factory=list)
    skp_per_tahun: dict[int, Skp] = field(default_factory=dict)

    def skp_tahun_pk(self, tahun: int) -> int | None:
        skp = self.skp_per_tahun.get(tahun)
        return skp.pk if skp is not None else None

    @property
    def grafik(self) -> dict:
        """Chart data of the final results, oldest first (json_script)."""
        final = [h for h in reversed(self.hasil) if h.evaluasi.final and h.evaluasi.predikat]
        return {
            "label": [h.periode.nama for h in final],
            "skor": [SKOR_GRAFIK.get(h.evaluasi.predikat) for h in final],
            "predikat": [h.evaluasi.get_predikat_display() for h in final],
            "sumbu": {str(v): EvaluasiPegawai(predikat=p).get_predikat_display() for p, v in SKOR_GRAFIK.items()},
        }

    @property
    def hasil_belum_diterima(self) -> list[HasilPeriode]:
        return [h for h in self.hasil if h.evaluasi.final and h.evaluasi.diterima_pada is None]


def log_bulan(*, pegawai_id: int, hari_ini: dt.date, target: int) -> LogBulan:
    """The pegawai's daily log of the month of `hari_ini` against `target` minutes (one query)."""
    awal = hari_ini.replace(day=1)
    akhir = hari_ini.replace(day=calendar.monthrange(hari_ini.year, hari_ini.month)[1])
    S = LogHarian.Status
    angka = LogHarian.objects.filter(pegawai_id=pegawai_id, tanggal__range=(awal, akhir)).aggregate(
        disetujui=Sum("menit", filter=Q(status=S.DISETUJUI)),
        menunggu=Sum("menit", filter=Q(status=S.BELUM_DIPERIKSA)),
        revisi=Count("id", filter=Q(status=S.REVISI)),
        ditolak=Count("id", filter=Q(status=S.DITOLAK)),
        hari=Count("tanggal", distinct=True),
    )
    return LogBulan(
        label=f"{BULAN[hari_ini.month - 1]} {hari_ini.year}", target=target, **{k: v or 0 for k, v in angka.items()}
    )


def kinerja_saya(*, pegawai_id: int, hari_ini: dt.date | None = None) -> KinerjaSaya:
    hari_ini = hari_ini or timezone.localdate()
    tahun = hari_ini.year
    pengaturan = PengaturanKinerja.get()

    skp_list = list(
        Skp.objects.filter(pegawai_id=pegawai_id, tahun__in=(tahun - 1, tahun))
        .select_related("atasan")
        .annotate(jumlah_rhk=Count("rhk", distinct=True), jumlah_indikator=Count("rhk__indikator", distinct=True))
    )
    skp_tahun = {s.tahun: s for s in skp_list}
    skp = skp_tahun.get(tahun)

    terbuka = list(
        Periode.objects.filter(status__in=(Periode.Status.BERJALAN, Periode.Status.PENILAIAN)).order_by(
            "tanggal_selesai", "-tanggal_mulai", "id"
        )
    )
    periode = periode_bawaan(terbuka, hari_ini)
    skp_periode = skp_tahun.get(periode.tahun) if periode is not None else None

    realisasi = RealisasiRingkas()
    if periode is not None and skp_periode is not None:
        angka = IndikatorKinerja.objects.filter(rhk__skp=skp_periode).aggregate(
            total=Count("id", distinct=True),
            terisi=Count(
                "realisasi",
                filter=Q(realisasi__periode=periode, realisasi__nilai__isnull=False),
                distinct=True,
            ),
        )
        tanpa_bukti = (
            Realisasi.objects.filter(indikator__rhk__skp=skp_periode, periode=periode, nilai__isnull=False)
            .exclude(pk__in=BuktiDukung.objects.filter(realisasi__isnull=False).values("realisasi_id"))
            .count()
        )
        realisasi = RealisasiRingkas(total=angka["total"], terisi=angka["terisi"], tanpa_bukti=tanpa_bukti)

    evaluasi_list = list(
        EvaluasiPegawai.objects.filter(pegawai_id=pegawai_id)
        .select_related("periode", "penilaian_diri", "keberatan")
        .order_by("-periode__tanggal_selesai", "periode__tanggal_mulai", "-periode_id")[:HASIL_MAKS]
    )
    hasil = []
    evaluasi = None
    for ev in evaluasi_list:
        if periode is not None and ev.periode_id == periode.pk:
            evaluasi = ev
        keberatan = getattr(ev, "keberatan", None)
        batas, buka = None, False
        if ev.final and ev.difinalkan_pada:
            tanggal_final = timezone.localdate(ev.difinalkan_pada)
            batas = keberatan_batas(tanggal_final, pengaturan.keberatan_hari)
            buka = keberatan is None and keberatan_terbuka(tanggal_final, hari_ini, pengaturan.keberatan_hari)
        hasil.append(HasilPeriode(evaluasi=ev, keberatan=keberatan, keberatan_batas=batas, keberatan_terbuka=buka))

    rekan_tugas = PenugasanRekanKinerja.objects.filter(
        penilai_id=pegawai_id,
        status=PenugasanRekanKinerja.Status.DITUGASKAN,
        evaluasi__periode__status=Periode.Status.PENILAIAN,
    ).count()

    log = log_bulan(pegawai_id=pegawai_id, hari_ini=hari_ini, target=pengaturan.log_target_bulanan)
    return KinerjaSaya(
        pegawai_id=pegawai_id,
        tahun=tahun,
        skp=skp,
        periode=periode,
        periode_terbuka=terbuka,
        evaluasi=evaluasi,
        skp_periode=skp_periode,
        realisasi=realisasi,
        rekan_tugas=rekan_tugas,
        log=log,
        hasil=hasil,
        skp_per_tahun=skp_tahun,
    )
