"""Reads of the daily activity log: a pegawai's month (grouped by day, with the month's progress
towards the target), the atasan's review queue, and the monthly recap per pegawai.

The recap is one set-based statement: the month's entries of the employees in scope are summed
per pegawai and day (conditional sums by status), then per pegawai (minutes by status, days
filled, days under the daily minimum), joined to the employees and paged in the database. Its
cost does not grow with the page number or the size of the Pemda beyond that one aggregate; the
Excel export streams the same statement through a server-side cursor (PostgreSQL).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.db import connection
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.models import Jabatan, Pegawai, UnitKerja

from ..access import log_periksa_scope, log_rekap_pegawai_q
from ..models import LogHarian, PengaturanKinerja, Periode, RencanaHasilKerja
from ..rules import log_batas_kunci, log_terkunci
from ..services.log import STATUS_DIHITUNG, log_awal_terbuka, log_dapat_diubah

Status = LogHarian.Status


# --- months -----------------------------------------------------------------------------------------


def bulan_awal(tanggal: dt.date) -> dt.date:
    return tanggal.replace(day=1)


def bulan_akhir(tanggal: dt.date) -> dt.date:
    return tanggal.replace(day=calendar.monthrange(tanggal.year, tanggal.month)[1])


def bulan_geser(bulan: dt.date, langkah: int) -> dt.date:
    indeks = bulan.year * 12 + bulan.month - 1 + langkah
    return dt.date(indeks // 12, indeks % 12 + 1, 1)


def persen(bagian: int, total: int) -> Decimal | None:
    """bagian / total as a percentage to one decimal (half up); None without a target."""
    if not total:
        return None
    return (Decimal(bagian) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def durasi_teks(menit: int) -> str:
    """125 -> "2 jam 5 menit"; 45 -> "45 menit"; 120 -> "2 jam"."""
    jam, sisa = divmod(int(menit or 0), 60)
    if not jam:
        return f"{sisa} menit"
    return f"{jam} jam {sisa} menit" if sisa else f"{jam} jam"


def _lebar(bagian: int, total: int) -> float:
    """Width of a progress-bar segment in percent (0..100)."""
    if not total:
        return 0.0
    return round(min(100.0, bagian * 100 / total), 1)


# --- a pegawai's own month ----------------------------------------------------------------------------


@dataclass
class HariLog:
    tanggal: dt.date
    entri: list[LogHarian] = field(default_factory=list)
    total: int = 0  # minutes that count (every status but rejected)
    disetujui: int = 0
    kurang: bool = False  # a filled day under the daily minimum

    @property
    def akhir_pekan(self) -> bool:
        return self.tanggal.weekday() >= 5

    @property
    def total_teks(self) -> str:
        return durasi_teks(self.total)

    @property
    def kosong(self) -> bool:
        return not self.entri


@dataclass
class LogBulan:
    bulan: dt.date
    hari: list[HariLog]  # newest first; weekdays without entries up to today included (empty)
    minimum: int
    maksimum: int
    target: int
    batas_kunci: dt.date
    terkunci: bool
    hari_ini: dt.date
    jumlah: dict[str, int]  # minutes by status
    hari_terisi: int = 0
    hari_kurang: int = 0

    @property
    def menit_disetujui(self) -> int:
        return self.jumlah.get(Status.DISETUJUI, 0)

    @property
    def menit_menunggu(self) -> int:
        return self.jumlah.get(Status.BELUM_DIPERIKSA, 0) + self.jumlah.get(Status.REVISI, 0)

    @property
    def menit_ditolak(self) -> int:
        return self.jumlah.get(Status.DITOLAK, 0)

    @property
    def persen_disetujui(self) -> Decimal | None:
        return persen(self.menit_disetujui, self.target)

    @property
    def lebar_disetujui(self) -> float:
        return _lebar(self.menit_disetujui, self.target)

    @property
    def lebar_menunggu(self) -> float:
        return round(min(100.0 - self.lebar_disetujui, _lebar(self.menit_menunggu, self.target)), 1)

    @property
    def kekurangan(self) -> int:
        return max(0, self.target - self.menit_disetujui)

    @property
    def sebelumnya(self) -> dt.date:
        return bulan_geser(self.bulan, -1)

    @property
    def berikutnya(self) -> dt.date | None:
        nanti = bulan_geser(self.bulan, 1)
        return None if nanti > self.hari_ini else nanti

    @property
    def bulan_ini(self) -> bool:
        return self.bulan == bulan_awal(self.hari_ini)

    @property
    def grafik(self) -> dict:
        """Daily totals for the bar chart (oldest first), with the day's minimum and maximum."""
        hari = sorted((h for h in self.hari if not h.kosong), key=lambda h: h.tanggal)
        return {
            "label": [h.tanggal.day for h in hari],
            "disetujui": [h.disetujui for h in hari],
            "lainnya": [h.total - h.disetujui for h in hari],
            "minimum": self.minimum,
            "maksimum": self.maksimum,
        }


def _periode_per_hari(awal: dt.date, akhir: dt.date) -> tuple[set[dt.date], set[dt.date]]:
    """(days inside some period, days inside a closed period) of [awal, akhir]: one query."""
    di_periode, ditutup = set(), set()
    for mulai, selesai, status in Periode.objects.filter(
        tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal
    ).values_list("tanggal_mulai", "tanggal_selesai", "status"):
        hari = max(mulai, awal)
        while hari <= min(selesai, akhir):
            di_periode.add(hari)
            if status == Periode.Status.DITUTUP:
                ditutup.add(hari)
            hari += dt.timedelta(days=1)
    return di_periode, ditutup


def log_bulan_saya(*, user, bulan: dt.date) -> LogBulan:
    """The user's own entries of `bulan`, grouped by day, with what each entry still allows.
    Four queries whatever the number of entries."""
    pid = akses_get(user).pegawai_id
    pengaturan = PengaturanKinerja.get()
    hari_ini = timezone.localdate()
    awal, akhir = bulan_awal(bulan), bulan_akhir(bulan)
    entri = list(
        LogHarian.objects.filter(pegawai_id=pid, tanggal__range=(awal, akhir))
        .select_related("rhk")
        .prefetch_related("bukti")
        .order_by("-tanggal", "-id")
    )
    _, ditutup = _periode_per_hari(awal, akhir)
    per_hari: dict[dt.date, HariLog] = {}
    jumlah: dict[str, int] = defaultdict(int)
    for log in entri:
        hari = per_hari.setdefault(log.tanggal, HariLog(tanggal=log.tanggal))
        hari.entri.append(log)
        jumlah[log.status] += log.menit
        if log.status in STATUS_DIHITUNG:
            hari.total += log.menit
        if log.status == Status.DISETUJUI:
            hari.disetujui += log.menit
        log.durasi_teks = durasi_teks(log.menit)
        log.dapat_diubah = log_dapat_diubah(
            log, hari_ini=hari_ini, kunci_hari=pengaturan.log_kunci_hari, periode_ditutup=log.tanggal in ditutup
        )
    hari_terisi = hari_kurang = 0
    for h in per_hari.values():
        if h.total > 0:
            hari_terisi += 1
            h.kurang = h.total < pengaturan.log_menit_min_harian
            hari_kurang += h.kurang
    # Weekdays up to today without any entry: shown so the gap is visible and one tap fills it.
    hari = awal
    while hari <= min(akhir, hari_ini):
        if hari.weekday() < 5 and hari not in per_hari:
            per_hari[hari] = HariLog(tanggal=hari)
        hari += dt.timedelta(days=1)
    return LogBulan(
        bulan=awal,
        hari=sorted(per_hari.values(), key=lambda h: h.tanggal, reverse=True),
        minimum=pengaturan.log_menit_min_harian,
        maksimum=pengaturan.log_menit_maks_harian,
        target=pengaturan.log_target_bulanan,
        batas_kunci=log_batas_kunci(awal, pengaturan.log_kunci_hari),
        terkunci=log_terkunci(awal, hari_ini, pengaturan.log_kunci_hari),
        hari_ini=hari_ini,
        jumlah=dict(jumlah),
        hari_terisi=hari_terisi,
        hari_kurang=hari_kurang,
    )


def log_rhk_pilihan(*, pegawai_id: int | None, tahun: list[int]) -> QuerySet[RencanaHasilKerja]:
    """The RHK of the pegawai's SKP of those years (the entry form's picker)."""
    if pegawai_id is None:
        return RencanaHasilKerja.objects.none()
    return (
        RencanaHasilKerja.objects.filter(skp__pegawai_id=pegawai_id, skp__tahun__in=tahun)
        .select_related("skp")
        .order_by("-skp__tahun", "jenis", "urutan", "id")
    )


def log_tahun_terbuka(pengaturan: PengaturanKinerja | None = None) -> list[int]:
    """Years in which an entry may still be written today (this one and, early in January,
    the last)."""
    pengaturan = pengaturan or PengaturanKinerja.get()
    hari_ini = timezone.localdate()
    awal = log_awal_terbuka(hari_ini, pengaturan.log_kunci_hari)
    return sorted({awal.year, hari_ini.year}, reverse=True)


# --- the atasan's review queue ----------------------------------------------------------------------


def log_periksa_list(*, user, data):
    """The review queue inside its FilterSet: the direct subordinates' entries (by default
    those not checked yet, oldest first), each with the day's total of its pegawai."""
    from ..filters.log import LogPeriksaFilter

    total_hari = (
        LogHarian.objects.filter(
            pegawai_id=OuterRef("pegawai_id"), tanggal=OuterRef("tanggal"), status__in=STATUS_DIHITUNG
        )
        .order_by()
        .values("pegawai_id")
        .annotate(n=Sum("menit"))
        .values("n")
    )
    qs = (
        log_periksa_scope(user)
        .select_related("pegawai", "pegawai__jabatan", "rhk")
        .prefetch_related("bukti")
        .annotate(total_hari=Coalesce(Subquery(total_hari, output_field=IntegerField()), Value(0)))
    )
    return LogPeriksaFilter(data, queryset=qs, user=user)


def log_periksa_jumlah(user) -> int:
    """Entries waiting for the user's review (the navigation badge): one query."""
    return log_periksa_scope(user).filter(status=Status.BELUM_DIPERIKSA).count()


# --- the monthly recap ------------------------------------------------------------------------------


URUT_UNIT, URUT_CAPAIAN = "unit", "capaian"


def log_rekap_pegawai(*, user, data):
    """The employees of the recap (scope by role, filters: name/NIP, unit) in their FilterSet,
    active only, ordered by unit and name."""
    from ..filters.log import LogRekapFilter

    q = log_rekap_pegawai_q(user)
    qs = Pegawai.objects.filter(aktif=True)
    if q is not None:
        qs = qs.filter(q)
    return LogRekapFilter(data, queryset=qs.order_by("unit__kode", "nama", "id"), user=user)


@dataclass(frozen=True)
class RekapBaris:
    pegawai_id: int
    nip: str
    nama_lengkap: str
    jabatan: str
    unit: str
    opd: str
    disetujui: int
    belum: int
    revisi: int
    ditolak: int
    hari_terisi: int
    hari_kurang: int
    target: int

    @property
    def persen(self) -> Decimal | None:
        return persen(self.disetujui, self.target)

    @property
    def lebar(self) -> float:
        return _lebar(self.disetujui, self.target)

    @property
    def tercapai(self) -> bool:
        return bool(self.target) and self.disetujui >= self.target


def _nama_lengkap(depan: str, nama: str, belakang: str) -> str:
    # The model's own rule, without building a model instance per row (10,000 rows in an export).
    return Pegawai.nama_lengkap.fget(SimpleNamespace(gelar_depan=depan or "", nama=nama, gelar_belakang=belakang or ""))


def _rekap_sql(
    pegawai_qs: QuerySet[Pegawai],
    *,
    bulan: dt.date,
    minimum: int,
    urut: str,
    batas: int | None,
    mulai: int,
) -> tuple[str, list]:
    """The recap statement. With the default order the page's employees are picked first (their
    ids subquery is ordered and sliced), so a page costs the aggregate of 25 employees only; by
    attainment the whole scope is aggregated and the outer query sorts and slices."""
    if urut == URUT_CAPAIAN or batas is None:
        pilih = pegawai_qs.order_by().values("id")
    else:
        pilih = pegawai_qs.values("id")[mulai : mulai + batas]
    pilih_sql, pilih_params = pilih.query.sql_with_params()
    adapt = connection.ops.adapt_datefield_value
    t_log, t_peg = LogHarian._meta.db_table, Pegawai._meta.db_table
    t_unit, t_jab = UnitKerja._meta.db_table, Jabatan._meta.db_table
    # Every status, listed: a no-op filter that lets PostgreSQL read one month of a table holding
    # years of entries through the (status, tanggal) index instead of scanning all of it.
    semua_status = ", ".join(["%s"] * len(Status.values))
    sql = f"""
        SELECT p.id, p.nip, p.gelar_depan, p.nama, p.gelar_belakang, j.nama, u.nama, COALESCE(o.nama, ''),
               COALESCE(r.disetujui, 0), COALESCE(r.belum, 0), COALESCE(r.revisi, 0), COALESCE(r.ditolak, 0),
               COALESCE(r.hari_terisi, 0), COALESCE(r.hari_kurang, 0)
        FROM {t_peg} p
        JOIN {t_unit} u ON u.id = p.unit_id
        LEFT JOIN {t_unit} o ON o.id = u.opd_id
        JOIN {t_jab} j ON j.id = p.jabatan_id
        LEFT JOIN (
            SELECT d.pegawai_id,
                   SUM(d.disetujui) AS disetujui, SUM(d.belum) AS belum, SUM(d.revisi) AS revisi,
                   SUM(d.ditolak) AS ditolak,
                   SUM(CASE WHEN d.dihitung > 0 THEN 1 ELSE 0 END) AS hari_terisi,
                   SUM(CASE WHEN d.dihitung > 0 AND d.dihitung < %s THEN 1 ELSE 0 END) AS hari_kurang
            FROM (
                SELECT l.pegawai_id, l.tanggal,
                       SUM(CASE WHEN l.status = %s THEN l.menit ELSE 0 END) AS disetujui,
                       SUM(CASE WHEN l.status = %s THEN l.menit ELSE 0 END) AS belum,
                       SUM(CASE WHEN l.status = %s THEN l.menit ELSE 0 END) AS revisi,
                       SUM(CASE WHEN l.status = %s THEN l.menit ELSE 0 END) AS ditolak,
                       SUM(CASE WHEN l.status <> %s THEN l.menit ELSE 0 END) AS dihitung
                FROM {t_log} l
                WHERE l.status IN ({semua_status}) AND l.tanggal >= %s AND l.tanggal <= %s
                  AND l.pegawai_id IN ({pilih_sql})
                GROUP BY l.pegawai_id, l.tanggal
            ) d
            GROUP BY d.pegawai_id
        ) r ON r.pegawai_id = p.id
        WHERE p.id IN ({pilih_sql})
    """
    params = [
        minimum,
        Status.DISETUJUI,
        Status.BELUM_DIPERIKSA,
        Status.REVISI,
        Status.DITOLAK,
        Status.DITOLAK,
        *Status.values,
        adapt(bulan_awal(bulan)),
        adapt(bulan_akhir(bulan)),
        *pilih_params,
        *pilih_params,
    ]
    if urut == URUT_CAPAIAN:
        sql += " ORDER BY COALESCE(r.disetujui, 0), u.kode, p.nama, p.id"
        if batas is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [batas, mulai]
    else:
        sql += " ORDER BY u.kode, p.nama, p.id"
    return sql, params


def _baris(row: tuple, target: int) -> RekapBaris:
    pid, nip, depan, nama, belakang, jabatan, unit, opd, *angka = row
    return RekapBaris(pid, nip, _nama_lengkap(depan, nama, belakang), jabatan, unit, opd, *map(int, angka), target)


def log_rekap_baris(
    pegawai_qs: QuerySet[Pegawai],
    *,
    bulan: dt.date,
    pengaturan: PengaturanKinerja,
    urut: str = URUT_UNIT,
    batas: int | None = None,
    mulai: int = 0,
) -> Iterator[RekapBaris]:
    """The recap rows of the employees in `pegawai_qs` for `bulan` (one statement). Without
    `batas` every row is streamed (server-side cursor on PostgreSQL, 2,000 rows at a time)."""
    sql, params = _rekap_sql(
        pegawai_qs, bulan=bulan, minimum=pengaturan.log_menit_min_harian, urut=urut, batas=batas, mulai=mulai
    )
    target = pengaturan.log_target_bulanan
    if batas is not None:
        with connection.cursor() as cur:
            cur.execute(sql, params)
            rows = cur.fetchall()
        yield from (_baris(r, target) for r in rows)
        return
    with connection.chunked_cursor() as cur:
        cur.execute(sql, params)
        while rows := cur.fetchmany(2000):
            yield from (_baris(r, target) for r in rows)


class RekapDaftar:
    """The recap as a sequence the paginator can slice: count() counts the employees, a slice
    runs the recap statement for that page."""

    def __init__(self, pegawai_qs: QuerySet[Pegawai], *, bulan: dt.date, pengaturan: PengaturanKinerja, urut: str):
        self.pegawai_qs = pegawai_qs
        self.bulan = bulan
        self.pengaturan = pengaturan
        self.urut = urut
        self._jumlah: int | None = None

    def count(self) -> int:
        if self._jumlah is None:
            self._jumlah = self.pegawai_qs.order_by().count()
        return self._jumlah

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, potong: slice) -> list[RekapBaris]:
        mulai, akhir = potong.start or 0, potong.stop
        if akhir is None or akhir <= mulai:
            return []
        return list(
            log_rekap_baris(
                self.pegawai_qs,
                bulan=self.bulan,
                pengaturan=self.pengaturan,
                urut=self.urut,
                batas=akhir - mulai,
                mulai=mulai,
            )
        )
