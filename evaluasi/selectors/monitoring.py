"""Completion monitoring of a period (Admin OPD: their OPD; Admin BKD: everything).

Per unit (the evaluation record's snapshot unit): how many employees, how far their SKP is,
who has not reported realisation, not sent the self-assessment, not been rated final, the
spread of predikat, the unit's predikat kinerja organisasi and the curve rules it breaks. And
the drill-down: WHO has not planned, reported or been rated.

Everything is set-based: one grouped query with conditional counts (each condition an EXISTS
on an index) for the unit rows, one for the totals, one for the chart; the organisation
predikat and the curve rules in one query each. The number of queries never grows with the
number of units or employees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery

from ..access import evaluasi_admin_q
from ..models import (
    AturanKurva,
    EvaluasiPegawai,
    IndikatorKinerja,
    Keberatan,
    PenilaianDiriKinerja,
    Periode,
    Predikat,
    PredikatOrganisasi,
    PredikatOrganisasiChoices,
    Realisasi,
    Skp,
)
from ..rules import URUTAN_PREDIKAT, kurva_periksa, persen_teks

# What the drill-down can ask for: who has NOT ... (key -> label on the page and in the export).
BELUM = {
    "rencana": "SKP belum disetujui",
    "skp_tidak_ada": "Belum membuat SKP",
    "skp_belum_diajukan": "SKP belum diajukan",
    "skp_menunggu": "SKP menunggu persetujuan atasan",
    "realisasi": "Realisasi belum lengkap",
    "diri": "Penilaian diri belum dikirim",
    "penilaian": "Penilaian atasan belum final",
}
PREDIKAT_LABEL = dict(Predikat.choices)
PREDIKAT_ORG_LABEL = dict(PredikatOrganisasiChoices.choices)
SKP_LABEL = dict(Skp.Status.choices)
GRAFIK_UNIT_MAKS = 15


def kondisi(periode: Periode) -> dict[str, Q]:
    """The monitoring conditions on EvaluasiPegawai rows of `periode`. The SKP is the pegawai's
    SKP of the period's year (one per pegawai per year); realisation is complete when the SKP
    has indicators and every one of them has a value reported for this period."""
    skp = Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun=periode.tahun)
    indikator = IndikatorKinerja.objects.filter(
        rhk__skp__pegawai_id=OuterRef("pegawai_id"), rhk__skp__tahun=periode.tahun
    )
    terisi = Realisasi.objects.filter(indikator_id=OuterRef("pk"), periode_id=periode.pk, nilai__isnull=False)
    return {
        "skp_ada": Q(Exists(skp)),
        "skp_belum_diajukan": Q(Exists(skp.filter(status__in=[Skp.Status.DRAFT, Skp.Status.DIKEMBALIKAN]))),
        "skp_menunggu": Q(Exists(skp.filter(status=Skp.Status.DIAJUKAN))),
        "skp_disetujui": Q(Exists(skp.filter(status=Skp.Status.DISETUJUI))),
        "realisasi_lengkap": Q(Exists(indikator)) & ~Q(Exists(indikator.filter(~Exists(terisi)))),
        "diri_terkirim": Q(
            Exists(
                PenilaianDiriKinerja.objects.filter(
                    evaluasi_id=OuterRef("pk"), status=PenilaianDiriKinerja.Status.TERKIRIM
                )
            )
        ),
        "final": Q(status=EvaluasiPegawai.Status.FINAL),
        "keberatan": Q(Exists(Keberatan.objects.filter(evaluasi_id=OuterRef("pk")))),
    }


def saring_belum(k: dict[str, Q], belum: str) -> Q:
    return {
        "rencana": ~k["skp_disetujui"],
        "skp_tidak_ada": ~k["skp_ada"],
        "skp_belum_diajukan": k["skp_belum_diajukan"],
        "skp_menunggu": k["skp_menunggu"],
        "realisasi": ~k["realisasi_lengkap"],
        "diri": ~k["diri_terkirim"],
        "penilaian": ~k["final"],
    }[belum]


def agregat(k: dict[str, Q]) -> dict:
    """The counts of a group of evaluation records (conditional COUNTs)."""
    return {
        "pegawai": Count("pk"),
        "skp_tidak_ada": Count("pk", filter=~k["skp_ada"]),
        "skp_belum_diajukan": Count("pk", filter=k["skp_belum_diajukan"]),
        "skp_menunggu": Count("pk", filter=k["skp_menunggu"]),
        "skp_disetujui": Count("pk", filter=k["skp_disetujui"]),
        "realisasi_lengkap": Count("pk", filter=k["realisasi_lengkap"]),
        "diri_terkirim": Count("pk", filter=k["diri_terkirim"]),
        "final": Count("pk", filter=k["final"]),
        "keberatan": Count("pk", filter=k["keberatan"]),
        **{f"p_{p}": Count("pk", filter=Q(predikat=p)) for p in URUTAN_PREDIKAT},
    }


def evaluasi_monitoring(*, user, periode: Periode, opd_id: int | None = None) -> QuerySet[EvaluasiPegawai]:
    """The period's evaluation records the admin monitors (by the snapshot OPD)."""
    qs = EvaluasiPegawai.objects.filter(periode=periode)
    q = evaluasi_admin_q(user, "opd_id")
    if q is not None:
        qs = qs.filter(q)
    if opd_id is not None:
        qs = qs.filter(opd_id=opd_id)
    return qs


# --- per unit ------------------------------------------------------------------------------------


@dataclass
class BarisUnit:
    unit_id: int
    kode: str
    nama: str
    opd: str
    pegawai: int
    skp_tidak_ada: int
    skp_belum_diajukan: int
    skp_menunggu: int
    skp_disetujui: int
    realisasi_lengkap: int
    diri_terkirim: int
    final: int
    keberatan: int
    hitung: dict[str, int]
    predikat_organisasi: str = ""
    pelanggaran: list[str] = field(default_factory=list)

    @property
    def realisasi_belum(self) -> int:
        return self.pegawai - self.realisasi_lengkap

    @property
    def diri_belum(self) -> int:
        return self.pegawai - self.diri_terkirim

    @property
    def belum_final(self) -> int:
        return self.pegawai - self.final

    @property
    def skp_belum_disetujui(self) -> int:
        return self.pegawai - self.skp_disetujui

    @property
    def dinilai(self) -> int:
        """Records with a predikat (final, or a supervisor's draft with both ratings): what the curve counts."""
        return sum(self.hitung.values())

    @property
    def predikat_organisasi_label(self) -> str:
        return PREDIKAT_ORG_LABEL.get(self.predikat_organisasi, "")

    @property
    def sebaran(self) -> list[tuple[str, str, int, str]]:
        """(predikat, label, count, percentage text) in the order best first."""
        return [
            (p, PREDIKAT_LABEL[p], self.hitung.get(p, 0), persen_teks(self.hitung.get(p, 0), self.dinilai))
            for p in URUTAN_PREDIKAT
        ]

    @property
    def status_kurva(self) -> str:
        """ "" while there is no predikat organisasi; "langgar" or "sesuai" once there is."""
        if not self.predikat_organisasi:
            return ""
        return "langgar" if self.pelanggaran else "sesuai"


def _baris(row: dict) -> BarisUnit:
    return BarisUnit(
        unit_id=row["unit_id"],
        kode=row["unit__kode"],
        nama=row["unit__nama"],
        opd=row["unit__opd__nama"] or "",
        pegawai=row["pegawai"],
        skp_tidak_ada=row["skp_tidak_ada"],
        skp_belum_diajukan=row["skp_belum_diajukan"],
        skp_menunggu=row["skp_menunggu"],
        skp_disetujui=row["skp_disetujui"],
        realisasi_lengkap=row["realisasi_lengkap"],
        diri_terkirim=row["diri_terkirim"],
        final=row["final"],
        keberatan=row["keberatan"],
        hitung={p: row[f"p_{p}"] for p in URUTAN_PREDIKAT if row[f"p_{p}"]},
    )


def monitoring_unit_qs(*, user, periode: Periode, opd_id: int | None = None):
    """One row (dict) per unit: the counts of `agregat`, in unit code order."""
    return (
        evaluasi_monitoring(user=user, periode=periode, opd_id=opd_id)
        .values("unit_id", "unit__kode", "unit__nama", "unit__opd__nama")
        .annotate(**agregat(kondisi(periode)))
        .order_by("unit__kode", "unit_id")
    )


def monitoring_jumlah_unit(*, user, periode: Periode, opd_id: int | None = None) -> int:
    """How many unit rows monitoring_unit_qs gives (for its pager)."""
    return (
        evaluasi_monitoring(user=user, periode=periode, opd_id=opd_id).order_by().values("unit_id").distinct().count()
    )


def aturan_kurva_semua() -> dict[str, list[tuple[str, list[str], int]]]:
    """Every curve rule by predikat organisasi (one query)."""
    aturan: dict[str, list[tuple[str, list[str], int]]] = {}
    for org, jenis, predikat, persen in AturanKurva.objects.values_list(
        "predikat_organisasi", "jenis", "predikat", "persen"
    ):
        aturan.setdefault(org, []).append((jenis, predikat, persen))
    return aturan


def baris_unit(periode: Periode, rows, *, semua_unit: bool = False) -> list[BarisUnit]:
    """Unit rows with their predikat organisasi and curve breaches (two queries whatever the
    number of rows). `semua_unit` reads the period's every organisation predikat instead of
    listing the units (for exports over thousands of units)."""
    hasil = [_baris(r) for r in rows]
    if not hasil:
        return hasil
    org_qs = PredikatOrganisasi.objects.filter(periode=periode)
    if not semua_unit:
        org_qs = org_qs.filter(unit_id__in=[b.unit_id for b in hasil])
    org = dict(org_qs.values_list("unit_id", "predikat"))
    aturan = aturan_kurva_semua()
    for b in hasil:
        b.predikat_organisasi = org.get(b.unit_id, "")
        if b.predikat_organisasi:
            b.pelanggaran = kurva_periksa(b.hitung, aturan.get(b.predikat_organisasi, []))
    return hasil


def monitoring_total(*, user, periode: Periode, opd_id: int | None = None) -> dict[str, int]:
    """The same counts over every record the user monitors (one query)."""
    return evaluasi_monitoring(user=user, periode=periode, opd_id=opd_id).aggregate(**agregat(kondisi(periode)))


def monitoring_grafik(*, user, periode: Periode, opd_id: int | None = None) -> dict:
    """Chart data: the predikat spread of the units with the most rated staff (stacked bars),
    one query. Units nobody has a predikat in yet are left out."""
    rows = list(
        evaluasi_monitoring(user=user, periode=periode, opd_id=opd_id)
        .values("unit_id", "unit__nama")
        .annotate(
            dinilai=Count("pk", filter=~Q(predikat="")),
            pegawai=Count("pk"),
            **{f"p_{p}": Count("pk", filter=Q(predikat=p)) for p in URUTAN_PREDIKAT},
        )
        .filter(dinilai__gt=0)
        .order_by("-dinilai", "-pegawai", "unit__nama")[:GRAFIK_UNIT_MAKS]
    )
    return {
        "label": [r["unit__nama"] for r in rows],
        "seri": [{"label": PREDIKAT_LABEL[p], "data": [r[f"p_{p}"] for r in rows]} for p in URUTAN_PREDIKAT],
    }


# --- who has not ... ---------------------------------------------------------------------------------


def monitoring_pegawai_list(
    *,
    user,
    periode: Periode,
    opd_id: int | None = None,
    unit_id: int | None = None,
    belum: str = "",
    cari: str = "",
) -> QuerySet[EvaluasiPegawai]:
    """The evaluation records (with pegawai, unit, position, rater) matching the drill-down,
    each annotated with its SKP status, whether realisation is complete, whether the
    self-assessment was sent and whether there is an objection."""
    k = kondisi(periode)
    qs = evaluasi_monitoring(user=user, periode=periode, opd_id=opd_id)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if belum:
        qs = qs.filter(saring_belum(k, belum))
    cari = (cari or "").strip()
    if cari:
        qs = qs.filter(Q(pegawai__nama__icontains=cari) | Q(pegawai__nip__startswith=cari.replace(" ", "")))
    skp = Skp.objects.filter(pegawai_id=OuterRef("pegawai_id"), tahun=periode.tahun)
    return qs.annotate(
        skp_status=Subquery(skp.values("status")[:1]),
        realisasi_ok=ExpressionWrapper(k["realisasi_lengkap"], output_field=BooleanField()),
        diri_ok=ExpressionWrapper(k["diri_terkirim"], output_field=BooleanField()),
        ada_keberatan=ExpressionWrapper(k["keberatan"], output_field=BooleanField()),
    ).order_by("unit__kode", "pegawai__nama", "pk")
