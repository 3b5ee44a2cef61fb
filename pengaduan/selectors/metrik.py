"""Complaint metrics per unit, responsible officer or OPD over a period: what the admin
dashboard, the SLA export and the scoring issue read (issue 5, "Metrics").

**Which cases.** Every figure is about the cases RECEIVED in the period (a cohort: local dates
`mulai`..`selesai`, both included, of `diterima_pada`, Asia/Jakarta), as they stand on
`hari_ini`. A finished period's figures therefore change only while its cases are still open.
With `user` only the cases of `access.pengaduan_scope(user)` count (the pegawai a complaint is
about never counts it; an Admin OPD's figures leave out *rahasia* cases); without a user (the
scoring job) every case counts.

**Definitions** (per group):
- `diterima`: cases received; `terverifikasi`: of those, verified at some point
  (`terverifikasi_pada` set, whatever happened next);
- `terbuka`: still running (STATUS_TERBUKA); `terlambat`: running and past the deadline that
  matters in their status now (verification, first response or completion:
  `selectors.alur.batas_kini`, the work queue's overdue flag);
- `ditolak`: closed without being completed (rejected, not the authority's, archived after that);
- `selesai`: completed (`selesai_pada` set: status selesai, or archived after completion; a
  reopened case is running again until completed again);
- `selesai_tepat_waktu`: completed on or before `batas_selesai` (local date of `selesai_pada` <=
  `batas_selesai`; a completed case without a completion deadline is on time, as
  `rules.terlambat` says);
- `terbuka_terlambat`: running cases whose `batas_selesai` is before `hari_ini`;
- `persen_tepat_waktu` = 100 x selesai_tepat_waktu / (selesai + terbuka_terlambat): the share
  on time among the cases whose completion is DONE OR DUE. The denominator (`jumlah_diukur`) is
  every completed case plus every running case already past its completion deadline: an
  overdue open case counts as late, never as "not yet measured". Running cases not yet due
  and cases closed without completion are outside it. None when the denominator is 0.
  Decimal, two places, half up;
- `median_hari_kerja`: median of `hari_kerja_selesai` over the completed cases (float; the
  mean of the two middle values for an even count; None without completed cases).
  PostgreSQL: PERCENTILE_CONT(0.5) in its own grouped query; SQLite: one values_list query
  and Python's statistics.median: the same numbers and the same number of queries;
- `rata_nilai_warga`: mean of the citizens' ratings 1-5 (Decimal, two places, None without
  ratings) over `jumlah_dinilai` rated cases;
- `terbukti_terhadap` (per="petugas" only): substantiated complaints (`terbukti`) whose
  `pegawai_terlapor` is that pegawai, a separate grouping by `pegawai_terlapor`.

**Groups.** per="unit": the unit the case was disposed to (`unit_tujuan`); a case not disposed
yet counts under its OPD. per="opd": the case's OPD. per="petugas": the responsible officer
(`petugas_tindak`); cases without one are the group None ("Belum ditugaskan"), and a pegawai
who only has substantiated complaints about them gets a group with zero handled cases.

Set-based: one query per metric family (conditional aggregation), never per group: the counts,
the medians, the groups' names, and per="petugas" the substantiated complaints: 3 queries (4
per="petugas") on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from ..access import pengaduan_scope
from ..models import STATUS_TERBUKA, Kelas, Pengaduan
from .alur import batas_kini
from .skm import NAMA_BULAN_PENDEK, rentang_waktu

PER = ("unit", "petugas", "opd")
TANPA_PETUGAS = "Belum ditugaskan"
DUA = Decimal("0.01")


class Median(Aggregate):
    """PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) [FILTER (WHERE ...)]: PostgreSQL only."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median_di_db() -> bool:
    """Whether the median comes out of the aggregate query (PostgreSQL) or a second query."""
    return connection.vendor == "postgresql"


# --- the conditions, shared with the register export --------------------------------------------

SELESAI = Q(selesai_pada__isnull=False)
TERBUKA = Q(status__in=STATUS_TERBUKA)
DITOLAK = ~Q(status__in=STATUS_TERBUKA) & Q(selesai_pada__isnull=True)


def tepat_waktu_q() -> Q:
    """Completed on or before the completion deadline (local date), or without one."""
    return SELESAI & (Q(batas_selesai__isnull=True) | Q(LessThanOrEqual(TruncDate("selesai_pada"), F("batas_selesai"))))


def terlambat_selesai_q() -> Q:
    """Completed after the completion deadline."""
    return SELESAI & Q(batas_selesai__isnull=False) & ~Q(LessThanOrEqual(TruncDate("selesai_pada"), F("batas_selesai")))


def terbuka_terlambat_q(hari_ini: dt.date) -> Q:
    """Running and past the completion deadline: late, although not finished."""
    return TERBUKA & Q(batas_selesai__lt=hari_ini)


# --- results ----------------------------------------------------------------------------------


def _persen(a: int, b: int) -> Decimal | None:
    return (Decimal(100 * a) / Decimal(b)).quantize(DUA, rounding=ROUND_HALF_UP) if b else None


@dataclass(frozen=True)
class MetrikAduan:
    """The figures of one group (module docstring). `kunci` is the group's id: a UnitKerja id
    (per="unit"/"opd"), a Pegawai id or None (per="petugas")."""

    kunci: int | None
    nama: str
    opd_id: int | None = None
    opd_nama: str = ""
    nip: str = ""  # per="petugas"
    diterima: int = 0
    terverifikasi: int = 0
    terbuka: int = 0
    terlambat: int = 0
    ditolak: int = 0
    selesai: int = 0
    selesai_tepat_waktu: int = 0
    terbuka_terlambat: int = 0
    median_hari_kerja: float | None = None
    jumlah_nilai: int = 0
    jumlah_dinilai: int = 0
    terbukti_terhadap: int = 0

    @property
    def jumlah_diukur(self) -> int:
        """The on-time rate's denominator: completed + running past the completion deadline."""
        return self.selesai + self.terbuka_terlambat

    @property
    def persen_tepat_waktu(self) -> Decimal | None:
        return _persen(self.selesai_tepat_waktu, self.jumlah_diukur)

    @property
    def rata_nilai_warga(self) -> Decimal | None:
        if not self.jumlah_dinilai:
            return None
        return (Decimal(self.jumlah_nilai) / Decimal(self.jumlah_dinilai)).quantize(DUA, rounding=ROUND_HALF_UP)

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(
            jumlah_diukur=self.jumlah_diukur,
            persen_tepat_waktu=self.persen_tepat_waktu,
            rata_nilai_warga=self.rata_nilai_warga,
        )
        return d


# --- queries ----------------------------------------------------------------------------------


def pengaduan_periode(*, mulai: dt.date, selesai: dt.date, user=None, opd_id: int | None = None) -> QuerySet[Pengaduan]:
    """The cases received in [mulai, selesai] (local dates) in the user's scope (all without a
    user), optionally of one OPD; unordered."""
    awal, akhir = rentang_waktu(mulai, selesai)
    qs = pengaduan_scope(user) if user is not None else Pengaduan.objects.all()
    qs = qs.filter(diterima_pada__gte=awal, diterima_pada__lt=akhir)
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    return qs.order_by()


def _kolom(hari_ini: dt.date) -> dict:
    return {
        "diterima": Count("id"),
        "terverifikasi": Count("id", filter=Q(terverifikasi_pada__isnull=False)),
        "terbuka": Count("id", filter=TERBUKA),
        "terlambat": Count("id", filter=TERBUKA & Q(batas_kini__lt=hari_ini)),
        "ditolak": Count("id", filter=DITOLAK),
        "selesai": Count("id", filter=SELESAI),
        "selesai_tepat_waktu": Count("id", filter=tepat_waktu_q()),
        "terbuka_terlambat": Count("id", filter=terbuka_terlambat_q(hari_ini)),
        "jumlah_nilai": Coalesce(Sum("nilai_warga"), 0),
        "jumlah_dinilai": Count("nilai_warga"),
    }


# The counts are grouped by plain foreign-key columns only: PostgreSQL then knows how many
# groups to expect and aggregates in a hash table (grouping by joined names or COALESCE made
# it sort 100,000 wide rows on disk, 2.5x slower). A case not disposed yet has unit_tujuan
# NULL: per="unit" sums the (unit, OPD) rows into unit_tujuan or else the OPD in Python.
_GRUP = {"unit": ("unit_tujuan_id", "opd_id"), "opd": ("opd_id",), "petugas": ("petugas_tindak_id",)}
_KUNCI_MEDIAN = {"unit": Coalesce("unit_tujuan_id", "opd_id"), "opd": F("opd_id"), "petugas": F("petugas_tindak_id")}


def _kunci(per: str, b: dict) -> int | None:
    return (b["unit_tujuan_id"] or b["opd_id"]) if per == "unit" else b[_GRUP[per][0]]


def _median(qs: QuerySet, kunci=None) -> dict:
    """{group: median of hari_kerja_selesai of the completed cases}, one query; `kunci` None:
    all cases together under the key None. PostgreSQL: PERCENTILE_CONT in the database;
    SQLite (no such aggregate): the values in Python."""
    qs = qs.filter(SELESAI, hari_kerja_selesai__isnull=False)
    if median_di_db():
        if kunci is None:
            return {None: qs.aggregate(m=Median("hari_kerja_selesai"))["m"]}
        return {b["k"]: b["m"] for b in qs.values(k=kunci).annotate(m=Median("hari_kerja_selesai"))}
    nilai: dict = defaultdict(list)
    for k, hari in qs.values_list(kunci if kunci is not None else Value(0), "hari_kerja_selesai"):
        nilai[k if kunci is not None else None].append(hari)
    return {k: float(statistics.median(v)) for k, v in nilai.items()}


def _jumlah(qs: QuerySet, per: str, hari_ini: dt.date) -> dict[int | None, dict]:
    """{group: counts}: one aggregate query."""
    hasil: dict = {}
    for b in qs.alias(batas_kini=batas_kini()).values(*_GRUP[per]).annotate(**_kolom(hari_ini)):
        k = _kunci(per, b)
        if k in hasil:
            for nama in _kolom(hari_ini):
                hasil[k][nama] += b[nama]
        else:
            hasil[k] = {nama: b[nama] for nama in _kolom(hari_ini)}
    return hasil


def _label_unit(ids) -> dict[int, dict]:
    """{unit id: name, OPD id and name} of the groups (an OPD is its own OPD): one query."""
    return {
        pk: {"nama": nama, "opd_id": opd_id or pk, "opd_nama": opd_nama or nama}
        for pk, nama, opd_id, opd_nama in UnitKerja.objects.filter(pk__in=ids).values_list(
            "pk", "nama", "opd_id", "opd__nama"
        )
    }


def _label_pegawai(ids) -> dict[int, dict]:
    """{pegawai id: name, NIP, OPD id and name}: one query."""
    return {
        pk: {"nama": nama, "nip": nip, "opd_id": opd_id, "opd_nama": opd_nama or ""}
        for pk, nama, nip, opd_id, opd_nama in Pegawai.objects.filter(pk__in=ids).values_list(
            "pk", "nama", "nip", "unit__opd_id", "unit__opd__nama"
        )
    }


def _urut(m: MetrikAduan) -> tuple:
    return (m.kunci is None, m.opd_nama, m.nama, m.kunci or 0)


def pengaduan_metrik(
    *,
    mulai: dt.date,
    selesai: dt.date,
    per: str,
    user=None,
    hari_ini: dt.date | None = None,
    opd_id: int | None = None,
) -> dict[int | None, MetrikAduan]:
    """{group id: MetrikAduan} of the cases received in [mulai, selesai] (module docstring),
    ordered by OPD name then group name (the group None last). `opd_id` narrows to one OPD.

    Each MetrikAduan has: kunci, nama, opd_id, opd_nama, nip (officers), the counts diterima,
    terverifikasi, terbuka, terlambat, ditolak, selesai, selesai_tepat_waktu, terbuka_terlambat,
    jumlah_dinilai, jumlah_nilai, terbukti_terhadap (per="petugas"), median_hari_kerja
    (float|None) and the properties jumlah_diukur, persen_tepat_waktu and rata_nilai_warga
    (Decimal|None); `.as_dict()` gives all of them as a dict.

    Queries: the counts, the medians, the groups' names; per="petugas" also the substantiated
    complaints (3, or 4 with "petugas"), on every database."""
    if per not in PER:
        raise ValueError("per harus 'unit', 'petugas' atau 'opd'")
    hari_ini = hari_ini or timezone.localdate()
    qs = pengaduan_periode(mulai=mulai, selesai=selesai, user=user, opd_id=opd_id)
    jumlah = _jumlah(qs, per, hari_ini)
    median = _median(qs, _KUNCI_MEDIAN[per])
    terbukti: dict = {}
    if per == "petugas":
        terbukti = dict(
            qs.filter(terbukti=True, pegawai_terlapor__isnull=False)
            .values("pegawai_terlapor_id")
            .annotate(n=Count("id"))
            .values_list("pegawai_terlapor_id", "n")
        )
    ids = (set(jumlah) | set(terbukti)) - {None}
    label = _label_pegawai(ids) if per == "petugas" else _label_unit(ids)
    hasil = {}
    for k in jumlah.keys() | terbukti.keys():
        nama = label.get(k, {"nama": TANPA_PETUGAS if k is None else ""})
        hasil[k] = MetrikAduan(
            kunci=k,
            **nama,
            **jumlah.get(k, {}),
            median_hari_kerja=median.get(k),
            terbukti_terhadap=terbukti.get(k, 0),
        )
    return dict(sorted(hasil.items(), key=lambda kv: _urut(kv[1])))


def pengaduan_ringkasan(
    *, mulai: dt.date, selesai: dt.date, user=None, hari_ini: dt.date | None = None, opd_id: int | None = None
) -> MetrikAduan:
    """The same figures over all the cases of the period together (the dashboard's cards):
    two queries (the counts, the median)."""
    hari_ini = hari_ini or timezone.localdate()
    qs = pengaduan_periode(mulai=mulai, selesai=selesai, user=user, opd_id=opd_id)
    b = qs.alias(batas_kini=batas_kini()).aggregate(**_kolom(hari_ini))
    return MetrikAduan(kunci=None, nama="Semua", **b, median_hari_kerja=_median(qs).get(None))


def pengaduan_metrik_pegawai(*, mulai: dt.date, selesai: dt.date, hari_ini: dt.date | None = None) -> dict[int, dict]:
    """For the scoring job: every pegawai who was the responsible officer of a case received in
    [mulai, selesai], or had a substantiated complaint about them received then (all cases,
    no scope). {pegawai_id: {
        "ditangani": cases handled as responsible officer,
        "selesai", "selesai_tepat_waktu", "terbuka_terlambat", "jumlah_diukur": counts,
        "persen_tepat_waktu": Decimal|None (completed on time / (completed + open overdue)),
        "median_hari_kerja": float|None,
        "rata_nilai_warga": Decimal|None, "jumlah_dinilai": int,
        "terbukti_terhadap": substantiated complaints about them,
    }}. Four queries."""
    hasil = {}
    for kunci, m in pengaduan_metrik(mulai=mulai, selesai=selesai, per="petugas", hari_ini=hari_ini).items():
        if kunci is None:
            continue
        hasil[kunci] = {
            "ditangani": m.diterima,
            "selesai": m.selesai,
            "selesai_tepat_waktu": m.selesai_tepat_waktu,
            "terbuka_terlambat": m.terbuka_terlambat,
            "jumlah_diukur": m.jumlah_diukur,
            "persen_tepat_waktu": m.persen_tepat_waktu,
            "median_hari_kerja": m.median_hari_kerja,
            "rata_nilai_warga": m.rata_nilai_warga,
            "jumlah_dinilai": m.jumlah_dinilai,
            "terbukti_terhadap": m.terbukti_terhadap,
        }
    return hasil


# --- the dashboard's volume chart ---------------------------------------------------------------


def volume_per_bulan(*, mulai: dt.date, selesai: dt.date, user=None, opd_id: int | None = None) -> dict[str, list]:
    """Cases received per month of the period by class, for a stacked bar chart: {"label":
    ["Jan 2026", ...] (every month of the period, empty ones too), "seri": [{"kelas", "label",
    "data": [n per month]} per class]}. One query."""
    qs = pengaduan_periode(mulai=mulai, selesai=selesai, user=user, opd_id=opd_id)
    angka: dict = defaultdict(int)
    for bulan, kelas, n in (
        qs.annotate(bulan=TruncMonth("diterima_pada"))
        .values("bulan", "kelas")
        .annotate(n=Count("id"))
        .values_list("bulan", "kelas", "n")
    ):
        b = timezone.localtime(bulan) if isinstance(bulan, dt.datetime) and timezone.is_aware(bulan) else bulan
        angka[(b.year, b.month, kelas)] += n
    bulan_daftar = []
    y, m = mulai.year, mulai.month
    while (y, m) <= (selesai.year, selesai.month):
        bulan_daftar.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return {
        "label": [f"{NAMA_BULAN_PENDEK[m - 1]} {y}" for y, m in bulan_daftar],
        "seri": [
            {"kelas": k, "label": str(label), "data": [angka[(y, m, k)] for y, m in bulan_daftar]}
            for k, label in Kelas.choices
        ],
    }
