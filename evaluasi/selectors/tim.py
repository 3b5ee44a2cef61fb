"""What waits for an atasan ("Tim Saya"), in a fixed number of queries whatever the team size:
one for the periods, one per queue (the first rows with the total as a window count), and four
for the direct subordinates' status rows (the rows, then three counts grouped by subordinate)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Window
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.models import Pegawai

from ..models import (
    EvaluasiPegawai,
    IndikatorKinerja,
    Keberatan,
    LogHarian,
    PenilaianDiriKinerja,
    PenugasanRekanKinerja,
    Periode,
    Predikat,
    Realisasi,
    Skp,
)

# Badge colours, decided here once rather than by template conditionals on every row.
KELAS_SKP = {"disetujui": "text-bg-success", "diajukan": "text-bg-primary", "dikembalikan": "text-bg-warning"}
KELAS_EVALUASI = {"final": "text-bg-success", "draft": "text-bg-info"}
KELAS_PREDIKAT = {"sangat_baik": "text-bg-success", "baik": "text-bg-primary", "butuh_perbaikan": "text-bg-warning"}

MAKS_BARIS_ANTREAN = 10  # rows shown per queue; the count covers them all
MAKS_PERIODE = 12


@dataclass
class TimAntrean:
    periode: Periode | None
    periode_pilihan: list[Periode]
    tahun: int
    skp: list[Skp]
    skp_jumlah: int
    evaluasi: list[EvaluasiPegawai]
    evaluasi_jumlah: int
    tugas_rekan: list[PenugasanRekanKinerja]
    tugas_rekan_jumlah: int
    keberatan: list[Keberatan]
    keberatan_jumlah: int
    bawahan: list[Pegawai]  # annotated; see _bawahan

    @property
    def log_jumlah(self) -> int:
        """Daily-log entries of the active direct subordinates waiting to be checked."""
        return sum(b.log_belum for b in self.bawahan)

    @property
    def total(self) -> int:
        return (
            self.skp_jumlah + self.log_jumlah + self.evaluasi_jumlah + self.tugas_rekan_jumlah + self.keberatan_jumlah
        )


def _antrean(qs: QuerySet) -> tuple[list, int]:
    """The first rows and the total in one query (a window count is computed before LIMIT)."""
    baris = list(qs.annotate(_jumlah=Window(Count("pk")))[:MAKS_BARIS_ANTREAN])
    return baris, (baris[0]._jumlah if baris else 0)


def _periode_pilih(periode_id, pilihan: list[Periode]) -> Periode | None:
    try:
        pid = int(periode_id)
    except (TypeError, ValueError):
        pid = None
    for p in pilihan:
        if p.pk == pid:
            return p
    # Default: the period being rated, else the one running, else the latest.
    for status in (Periode.Status.PENILAIAN, Periode.Status.BERJALAN):
        for p in pilihan:
            if p.status == status:
                return p
    return pilihan[0] if pilihan else None


def _hitung_per(qs: QuerySet, kolom: str) -> dict[int, int]:
    """{value of `kolom`: number of rows} in one grouped query."""
    return dict(qs.order_by().values_list(kolom).annotate(n=Count("pk")))


def _bawahan(pegawai_id: int, periode: Periode | None, tahun: int) -> list[Pegawai]:
    """Each active direct subordinate with: this year's SKP (id, status), daily-log entries not
    yet checked, indicators on the SKP and how many have a realisation in the period, the
    evaluation (id, status, predikat, rater) and whether the self-assessment was sent.

    Four queries: the rows (the SKP and the evaluation are at most one each, joined through
    filtered relations), then three counts grouped by subordinate and restricted to these
    subordinates' ids, so each reads only the team's rows through an index (a correlated
    subquery per row let the planner scan every unchecked log of the Pemda for each row)."""
    periode_pk = periode.pk if periode else None
    baris = list(
        Pegawai.objects.filter(atasan_id=pegawai_id, aktif=True)
        .select_related("jabatan")
        .only("nip", "nama", "gelar_depan", "gelar_belakang", "jabatan__nama")
        .annotate(
            skp_tahun=FilteredRelation("skp", condition=Q(skp__tahun=tahun)),
            ev_periode=FilteredRelation("evaluasi_kinerja", condition=Q(evaluasi_kinerja__periode_id=periode_pk)),
        )
        .annotate(
            skp_id=F("skp_tahun__id"),
            skp_status=F("skp_tahun__status"),
            evaluasi_id=F("ev_periode__id"),
            evaluasi_status=F("ev_periode__status"),
            evaluasi_predikat=F("ev_periode__predikat"),
            evaluasi_penilai_id=F("ev_periode__penilai_id"),
            diri_status=F("ev_periode__penilaian_diri__status"),
        )
        .order_by("nama", "pk")
    )
    ids = [b.pk for b in baris]
    skp_ids = [b.skp_id for b in baris if b.skp_id]
    log = _hitung_per(
        LogHarian.objects.filter(pegawai_id__in=ids, status=LogHarian.Status.BELUM_DIPERIKSA), "pegawai_id"
    )
    indikator = _hitung_per(IndikatorKinerja.objects.filter(rhk__skp_id__in=skp_ids), "rhk__skp_id")
    realisasi = (
        _hitung_per(
            Realisasi.objects.filter(periode_id=periode_pk, nilai__isnull=False, indikator__rhk__skp_id__in=skp_ids),
            "indikator__rhk__skp_id",
        )
        if periode_pk
        else {}
    )
    skp_label = dict(Skp.Status.choices)
    ev_label = dict(EvaluasiPegawai.Status.choices)
    predikat_label = dict(Predikat.choices)
    for b in baris:
        b.log_belum = log.get(b.pk, 0)
        b.indikator_jumlah = indikator.get(b.skp_id, 0)
        b.realisasi_terisi = realisasi.get(b.skp_id, 0)
        b.skp_status_label = skp_label.get(b.skp_status, "")
        b.evaluasi_status_label = ev_label.get(b.evaluasi_status, "")
        b.predikat_label = predikat_label.get(b.evaluasi_predikat, "")
        b.diri_terkirim = b.diri_status == PenilaianDiriKinerja.Status.TERKIRIM
        b.skp_kelas = KELAS_SKP.get(b.skp_status, "text-bg-secondary")
        b.evaluasi_kelas = KELAS_EVALUASI.get(b.evaluasi_status, "text-bg-light border")
        b.predikat_kelas = KELAS_PREDIKAT.get(b.evaluasi_predikat, "text-bg-danger")
        b.realisasi_persen = round(100 * b.realisasi_terisi / b.indikator_jumlah) if b.indikator_jumlah else 0
        b.saya_penilai = b.evaluasi_penilai_id == pegawai_id
    return baris


def tim_antrean(*, user, periode_id=None, hari_ini: dt.date | None = None) -> TimAntrean:
    """The queue of the signed-in atasan. `periode_id` picks the period of the status rows
    (default: the one being rated, else the one running)."""
    pid = akses_get(user).pegawai_id
    hari_ini = hari_ini or timezone.localdate()
    pilihan = list(
        Periode.objects.exclude(status=Periode.Status.PERENCANAAN).order_by("-tanggal_mulai", "-pk")[:MAKS_PERIODE]
    )
    periode = _periode_pilih(periode_id, pilihan)
    tahun = periode.tahun if periode else hari_ini.year

    skp, skp_jumlah = _antrean(
        Skp.objects.filter(atasan_id=pid, status=Skp.Status.DIAJUKAN)
        .select_related("pegawai")
        .order_by("diajukan_pada", "pk")
    )
    evaluasi, evaluasi_jumlah = _antrean(
        EvaluasiPegawai.objects.filter(penilai_id=pid, periode__status=Periode.Status.PENILAIAN)
        .exclude(status=EvaluasiPegawai.Status.FINAL)
        .select_related("pegawai", "periode")
        .order_by("periode__batas_penilaian_atasan", "pegawai__nama", "pk")
    )
    tugas_rekan, tugas_rekan_jumlah = _antrean(
        PenugasanRekanKinerja.objects.filter(
            penilai_id=pid,
            status=PenugasanRekanKinerja.Status.DITUGASKAN,
            evaluasi__periode__status=Periode.Status.PENILAIAN,
        )
        .select_related("evaluasi__pegawai", "evaluasi__periode")
        .order_by("evaluasi__periode__batas_penilaian_rekan", "pk")
    )
    keberatan, keberatan_jumlah = _antrean(
        Keberatan.objects.filter(pemutus_id=pid, status=Keberatan.Status.DIAJUKAN)
        .select_related("evaluasi__pegawai", "evaluasi__periode")
        .order_by("created_at", "pk")
    )
    return TimAntrean(
        periode=periode,
        periode_pilihan=pilihan,
        tahun=tahun,
        skp=skp,
        skp_jumlah=skp_jumlah,
        evaluasi=evaluasi,
        evaluasi_jumlah=evaluasi_jumlah,
        tugas_rekan=tugas_rekan,
        tugas_rekan_jumlah=tugas_rekan_jumlah,
        keberatan=keberatan,
        keberatan_jumlah=keberatan_jumlah,
        bawahan=_bawahan(pid, periode, tahun) if pid else [],
    )
