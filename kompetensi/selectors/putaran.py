"""Reads for the competency rounds' pages: the round list, the monitoring page and its export.

Scoped by kompetensi/access.py: an Admin OPD sees the rounds owned by or including their OPD,
and inside a Pemda-wide round only the participants of their OPD (`peserta_scope`). Every read
here is a fixed number of queries whatever the number of rounds or participants: progress is
counted in the database with correlated subqueries, never per row in Python.

Peers: only counts (assigned, answered) ever leave this module, never who they are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.models import UnitKerja

from ..access import peserta_scope, peserta_scope_q, putaran_scope
from ..models import PenilaianKompetensi, PenugasanRekan, PesertaPenilaian, PutaranPenilaian
from ..rules import MIN_REKAN

STATUS_BELUM = "belum"
DRAF = PenilaianKompetensi.Status.DRAFT.value
TERKIRIM = PenilaianKompetensi.Status.TERKIRIM.value
STATUS_LABEL = {STATUS_BELUM: "Belum", DRAF: "Draf", TERKIRIM: "Terkirim"}


def _jumlah(qs: QuerySet, kelompok: str) -> Coalesce:
    """COUNT(*) of a correlated queryset as a subquery (0 when it has no row)."""
    sub = qs.order_by().values(kelompok).annotate(_n=Count("pk")).values("_n")[:1]
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def _terkirim(jenis: str) -> Exists:
    return Exists(
        PenilaianKompetensi.objects.filter(
            peserta_id=OuterRef("pk"), jenis=jenis, status=PenilaianKompetensi.Status.TERKIRIM
        )
    )


def _status(jenis: str) -> Coalesce:
    sub = PenilaianKompetensi.objects.filter(peserta_id=OuterRef("pk"), jenis=jenis).values("status")[:1]
    return Coalesce(Subquery(sub), Value(STATUS_BELUM))


def _peserta_terlihat(user, putaran_ref) -> QuerySet[PesertaPenilaian]:
    qs = PesertaPenilaian.objects.filter(putaran=putaran_ref)
    q = peserta_scope_q(user)
    return qs if q is None else qs.filter(q)


# --- deadlines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tenggat:
    label: str
    tanggal: datetime.date
    sisa: int  # days left; negative once passed

    @property
    def lewat(self) -> bool:
        return self.sisa < 0

    @property
    def teks(self) -> str:
        if self.sisa < 0:
            return "lewat"
        if self.sisa == 0:
            return "hari ini"
        return f"sisa {self.sisa} hari"

    @property
    def kelas(self) -> str:
        """Bootstrap colour of the badge."""
        if self.sisa < 0:
            return "secondary"
        return "warning" if self.sisa <= 3 else "success"


def putaran_tenggat(putaran: PutaranPenilaian, *, hari_ini: datetime.date | None = None) -> list[Tenggat]:
    hari_ini = hari_ini or timezone.localdate()
    batas = [("Penilaian diri", putaran.batas_diri)]
    if putaran.rekan_aktif:
        batas.append(("Penilaian rekan", putaran.batas_rekan))
    batas.append(("Penilaian atasan", putaran.batas_atasan))
    return [Tenggat(label, tanggal, (tanggal - hari_ini).days) for label, tanggal in batas]


# --- the list of rounds -----------------------------------------------------------------------


def putaran_list(*, user) -> QuerySet[PutaranPenilaian]:
    """Rounds in the user's scope, newest first, each with the number of participants the user
    may see and how many of them have submitted their self and supervisor assessments."""
    peserta = _peserta_terlihat(user, OuterRef("pk"))
    return (
        putaran_scope(user)
        .select_related("opd")
        .annotate(
            jumlah_peserta=_jumlah(peserta, "putaran"),
            diri_terkirim=_jumlah(peserta.filter(_terkirim(PenilaianKompetensi.Jenis.DIRI)), "putaran"),
            atasan_terkirim=_jumlah(peserta.filter(_terkirim(PenilaianKompetensi.Jenis.ATASAN)), "putaran"),
        )
        .order_by("-created_at", "-pk")
    )


def persen(bagian: int, total: int) -> int:
    """A whole percentage for a progress bar (floor: 99.6% is not shown as done)."""
    return 0 if not total else bagian * 100 // total


# --- one round: progress and participants -----------------------------------------------------


@dataclass(frozen=True)
class Kemajuan:
    label: str
    jumlah: int
    total: int
    keterangan: str = ""

    @property
    def persen(self) -> int:
        return persen(self.jumlah, self.total)


@dataclass(frozen=True)
class RingkasanPutaran:
    total: int
    diri_terkirim: int
    atasan_terkirim: int
    rekan_dibuka: int
    rekan_cukup: int  # at least MIN_REKAN peers assigned
    jpm_dihitung: int

    def kemajuan(self, putaran: PutaranPenilaian) -> list[Kemajuan]:
        baris = [
            Kemajuan("Penilaian diri terkirim", self.diri_terkirim, self.total),
            Kemajuan("Penilaian atasan terkirim", self.atasan_terkirim, self.total),
        ]
        if putaran.rekan_aktif:
            baris += [
                Kemajuan(
                    f"Sudah ditugaskan paling sedikit {MIN_REKAN} rekan",
                    self.rekan_cukup,
                    self.total,
                    "Rata-rata rekan hanya dipakai bila paling sedikit 3 rekan mengisi.",
                ),
                Kemajuan(
                    "Rata-rata rekan sudah dibuka",
                    self.rekan_dibuka,
                    self.total,
                    "Dibuka bila semua rekan yang ditugaskan sudah mengisi, atau setelah batas penilaian rekan.",
                ),
            ]
        return baris


def putaran_ringkasan(*, user, putaran: PutaranPenilaian) -> RingkasanPutaran:
    """Progress of the participants the user may see (one query)."""
    rekan = PenugasanRekan.objects.filter(peserta_id=OuterRef("pk"))
    hasil = (
        _peserta_terlihat(user, putaran)
        .annotate(
            _diri=_terkirim(PenilaianKompetensi.Jenis.DIRI),
            _atasan=_terkirim(PenilaianKompetensi.Jenis.ATASAN),
            _rekan=_jumlah(rekan, "peserta"),
        )
        .aggregate(
            total=Count("pk"),
            diri_terkirim=Count("pk", filter=Q(_diri=True)),
            atasan_terkirim=Count("pk", filter=Q(_atasan=True)),
            rekan_dibuka=Count("pk", filter=Q(rekan_dibuka=True)),
            rekan_cukup=Count("pk", filter=Q(_rekan__gte=MIN_REKAN)),
            jpm_dihitung=Count("jpm"),
        )
    )
    return RingkasanPutaran(**{k: v or 0 for k, v in hasil.items()})


def peserta_monitoring_qs(*, user, putaran: PutaranPenilaian) -> QuerySet[PesertaPenilaian]:
    """The participants the user may see, with the state of each view: self and supervisor
    status (belum/draft/terkirim) and the peers as counts only (assigned, answered)."""
    rekan = PenugasanRekan.objects.filter(peserta_id=OuterRef("pk"))
    return (
        peserta_scope(user)
        .filter(putaran=putaran)
        .select_related("pegawai", "unit", "jabatan", "atasan")
        .annotate(
            status_diri=_status(PenilaianKompetensi.Jenis.DIRI),
            status_atasan=_status(PenilaianKompetensi.Jenis.ATASAN),
            rekan_ditugaskan=_jumlah(rekan, "peserta"),
            rekan_mengisi=_jumlah(rekan.filter(status=PenugasanRekan.Status.TERKIRIM), "peserta"),
        )
        .order_by("pegawai__nama", "pk")
    )


def peserta_monitoring_list(*, user, putaran: PutaranPenilaian, data):
    """The monitoring table inside its FilterSet (unit, name/NIP, not yet self-assessed, not yet
    assessed by the atasan, fewer than three peers). Use `.qs` only when `is_valid()`."""
    from ..filters.putaran import PesertaPutaranFilter

    qs = peserta_monitoring_qs(user=user, putaran=putaran)
    unit = UnitKerja.objects.filter(pk__in=_peserta_terlihat(user, putaran).values("unit_id")).order_by("nama")
    return PesertaPutaranFilter(data, queryset=qs, unit_queryset=unit, rekan_aktif=putaran.rekan_aktif)
