"""Reads for the SKP pages: one SKP with its rows, indicators, cascade and ekspektasi; the
team/OPD list; the atasan's cascade view; the choices of the cascade picker.

Scoped by evaluasi/access.py. Every read is a fixed number of queries whatever the number of
RHK, indicators, subordinates or SKP (pinned in evaluasi/tests/test_skp_views.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.formats import number_format

from pegawai.access import akses_get
from pegawai.models import Pegawai

from ..access import may_approve_skp, skp_scope
from ..models import (
    EkspektasiKhusus,
    IndikatorKinerja,
    IndikatorNilaiDasar,
    NilaiDasar,
    RencanaHasilKerja,
    SasaranUnit,
    Skp,
)
from ..services.skp import Posisi, ekspektasi_terbuka, pesan_terkunci, posisi_get, unit_leluhur_ids

Jenis = RencanaHasilKerja.Jenis
Status = Skp.Status


# --- one SKP ------------------------------------------------------------------------------------


def target_teks(nilai) -> str:
    """A target in Indonesian notation without needless zeros: 12, 12,5, 1.250,75."""
    if nilai is None:
        return ""
    nilai = nilai.quantize(Decimal(1)) if nilai == nilai.to_integral_value() else nilai.normalize()
    return number_format(nilai, force_grouping=True)


def _rhk_skp(skp: Skp) -> list[RencanaHasilKerja]:
    """The SKP's rows with their indicators and link targets (two queries), each marked
    `terhubung` when its link fits the SKP (the atasan's RHK of the same year, or a goal of
    that year)."""
    rows = list(
        RencanaHasilKerja.objects.filter(skp=skp)
        .select_related("rhk_atasan", "rhk_atasan__skp", "sasaran_unit", "sasaran_unit__unit")
        .prefetch_related(
            Prefetch(
                "indikator", queryset=IndikatorKinerja.objects.order_by("urutan", "id"), to_attr="daftar_indikator"
            )
        )
        .order_by(Case(When(jenis=Jenis.UTAMA, then=Value(0)), default=Value(1)), "urutan", "id")
    )
    for r in rows:
        for i in r.daftar_indikator:
            i.target_teks = target_teks(i.target)
        if r.rhk_atasan_id:
            induk = r.rhk_atasan.skp
            r.terhubung = induk.pegawai_id == skp.atasan_id and induk.tahun == skp.tahun
        elif r.sasaran_unit_id:
            r.terhubung = r.sasaran_unit.tahun == skp.tahun
        else:
            r.terhubung = False
    return rows


def nilai_dasar_ekspektasi(skp: Skp) -> list[NilaiDasar]:
    """The seven BerAKHLAK values with their three indicators and this SKP's ekspektasi
    (`ekspektasi`: the row or None). Three queries."""
    nilai = list(
        NilaiDasar.objects.order_by("urutan").prefetch_related(
            Prefetch("indikator", queryset=IndikatorNilaiDasar.objects.order_by("urutan"), to_attr="daftar_indikator")
        )
    )
    ada = {e.nilai_dasar_id: e for e in EkspektasiKhusus.objects.filter(skp=skp)}
    for n in nilai:
        n.ekspektasi = ada.get(n.pk)
    return nilai


@dataclass
class SkpDetail:
    skp: Skp
    utama: list[RencanaHasilKerja]
    tambahan: list[RencanaHasilKerja]
    nilai_dasar: list[NilaiDasar]
    pemilik: bool
    bisa_ubah: bool
    bisa_periksa: bool
    bisa_ekspektasi: bool
    ekspektasi_terbuka: bool
    pesan_kunci: str = ""

    @property
    def kepala_unit(self) -> bool:
        """As recorded on the SKP: no atasan, or an atasan working in another unit."""
        return self.skp.atasan_id is None or self.skp.atasan.unit_id != self.skp.unit_id

    @property
    def belum_terhubung(self) -> int:
        return sum(1 for r in self.utama if not r.terhubung)

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(r.daftar_indikator) for r in (*self.utama, *self.tambahan))

    @property
    def jumlah_ekspektasi(self) -> int:
        return sum(1 for n in self.nilai_dasar if n.ekspektasi is not None)

    @property
    def bisa_diajukan(self) -> bool:
        """What the page can tell without asking the service (which checks again)."""
        return (
            self.bisa_ubah
            and any(r.daftar_indikator for r in self.utama)
            and all(r.daftar_indikator for r in (*self.utama, *self.tambahan))
            and self.belum_terhubung == 0
        )


def skp_detail_get(*, user, skp: Skp) -> SkpDetail:
    """Everything on the SKP page (`skp` comes from access_skp, with pegawai/unit/jabatan/atasan)."""
    rows = _rhk_skp(skp)
    pemilik = skp.pegawai_id == akses_get(user).pegawai_id
    atasan = may_approve_skp(user, skp)
    terbuka = ekspektasi_terbuka(skp.tahun) if atasan else False
    return SkpDetail(
        skp=skp,
        utama=[r for r in rows if r.jenis == Jenis.UTAMA],
        tambahan=[r for r in rows if r.jenis == Jenis.TAMBAHAN],
        nilai_dasar=nilai_dasar_ekspektasi(skp),
        pemilik=pemilik,
        bisa_ubah=pemilik and skp.dapat_diubah,
        bisa_periksa=atasan and skp.status == Status.DIAJUKAN,
        bisa_ekspektasi=atasan and terbuka,
        ekspektasi_terbuka=terbuka,
        pesan_kunci="" if skp.dapat_diubah else pesan_terkunci(skp),
    )


def skp_milik(pegawai_id: int) -> list[Skp]:
    """The pegawai's SKP, newest year first."""
    return list(Skp.objects.filter(pegawai_id=pegawai_id).order_by("-tahun").only("pk", "tahun", "status"))


# --- the cascade picker -------------------------------------------------------------------------


@dataclass
class IndukPilihan:
    """What an RHK row of `skp` may support: the atasan's RHK of that year and, for a unit
    head, the goals of their unit and the units above it."""

    posisi: Posisi
    atasan: Pegawai | None
    skp_atasan: Skp | None
    rhk_atasan: list[RencanaHasilKerja]
    sasaran: list[SasaranUnit]

    def choices(self) -> list:
        pilihan: list = [("", "— Belum dipilih —")]
        if self.rhk_atasan:
            nama = self.atasan.nama if self.atasan else "atasan"
            pilihan.append(
                (
                    f"RHK atasan ({nama})",
                    [(f"rhk-{r.pk}", f"[{r.get_jenis_display()}] {r.uraian[:150]}") for r in self.rhk_atasan],
                )
            )
        if self.sasaran:
            pilihan.append(
                ("Sasaran unit", [(f"sasaran-{s.pk}", f"{s.unit.nama}: {s.uraian[:150]}") for s in self.sasaran])
            )
        return pilihan


def induk_pilihan(*, skp: Skp) -> IndukPilihan:
    posisi = posisi_get(skp.pegawai_id)
    atasan = skp_atasan = None
    rhk_atasan: list[RencanaHasilKerja] = []
    if posisi.atasan_id is not None:
        atasan = Pegawai.objects.select_related("jabatan").filter(pk=posisi.atasan_id).first()
        skp_atasan = Skp.objects.filter(pegawai_id=posisi.atasan_id, tahun=skp.tahun).first()
        if skp_atasan is not None:
            rhk_atasan = list(
                skp_atasan.rhk.order_by(Case(When(jenis=Jenis.UTAMA, then=Value(0)), default=Value(1)), "urutan", "id")
            )
    sasaran: list[SasaranUnit] = []
    if posisi.kepala_unit:
        sasaran = list(
            SasaranUnit.objects.filter(tahun=skp.tahun, aktif=True, unit_id__in=unit_leluhur_ids(posisi.unit_id))
            .select_related("unit")
            .order_by("-unit__jenis", "unit__kode", "id")
        )
    return IndukPilihan(posisi=posisi, atasan=atasan, skp_atasan=skp_atasan, rhk_atasan=rhk_atasan, sasaran=sasaran)


# --- the list (atasan, Admin OPD, BKD) ------------------------------------------------------------


def _jumlah_rhk(jenis: str) -> Coalesce:
    sub = (
        RencanaHasilKerja.objects.filter(skp_id=OuterRef("pk"), jenis=jenis)
        .order_by()
        .values("skp_id")
        .annotate(_n=Count("pk"))
        .values("_n")[:1]
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def skp_list(*, user, data):
    """The SKP the user may see, other than their own unless they are an admin, "menunggu
    persetujuan saya" first, inside the SkpFilter (year defaults to this year)."""
    from ..filters.skp import SkpFilter

    akses = akses_get(user)
    pid = akses.pegawai_id
    qs = skp_scope(user)
    if pid is not None and not akses.admin:
        qs = qs.exclude(pegawai_id=pid)
    qs = (
        qs.select_related("pegawai", "unit", "jabatan", "atasan")
        .annotate(
            jumlah_utama=_jumlah_rhk(Jenis.UTAMA),
            jumlah_tambahan=_jumlah_rhk(Jenis.TAMBAHAN),
            prioritas=Case(
                When(status=Status.DIAJUKAN, atasan_id=pid or 0, then=Value(0)),
                When(status=Status.DIAJUKAN, then=Value(1)),
                When(status=Status.DIKEMBALIKAN, then=Value(2)),
                When(status=Status.DRAFT, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            ),
        )
        .order_by("prioritas", "pegawai__nama", "id")
    )
    return SkpFilter(data, queryset=qs, user=user, pegawai_id=pid)


def skp_ringkasan_status(qs: QuerySet[Skp]) -> dict[str, int]:
    """Count per status of the listed SKP (one query)."""
    hasil = dict.fromkeys(Status.values, 0)
    for status, n in qs.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"):
        hasil[status] = n
    return hasil


def bawahan_tanpa_skp(*, pegawai_id: int | None, tahun: int, batas: int = 50) -> list[Pegawai]:
    """Direct, active subordinates with no SKP for the year (one query)."""
    if pegawai_id is None:
        return []
    return list(
        Pegawai.objects.filter(atasan_id=pegawai_id, aktif=True)
        .exclude(Exists(Skp.objects.filter(pegawai_id=OuterRef("pk"), tahun=tahun)))
        .select_related("jabatan")
        .order_by("nama")[:batas]
    )


# --- the atasan's cascade -----------------------------------------------------------------------


@dataclass
class Kaskade:
    tahun: int
    skp: Skp | None
    rhk: list[RencanaHasilKerja]  # the atasan's own rows, each with `.pendukung`
    belum_terhubung: list[RencanaHasilKerja] = field(default_factory=list)
    bawahan_tanpa_skp: list[Pegawai] = field(default_factory=list)

    @property
    def rhk_tanpa_pendukung(self) -> int:
        return sum(1 for r in self.rhk if not r.pendukung)


def kaskade_get(*, user, tahun: int) -> Kaskade:
    """The atasan's own RHK of the year, each with the subordinates' RHK that support it; the
    subordinates' Utama RHK not linked to any of them; the direct subordinates who have no SKP
    yet. Three queries whatever the team size (one more when the atasan has no RHK yet)."""
    pid = akses_get(user).pegawai_id
    rhk = list(
        RencanaHasilKerja.objects.filter(skp__pegawai_id=pid, skp__tahun=tahun)
        .select_related("skp")
        .order_by(Case(When(jenis=Jenis.UTAMA, then=Value(0)), default=Value(1)), "urutan", "id")
    )
    skp = rhk[0].skp if rhk else Skp.objects.filter(pegawai_id=pid, tahun=tahun).first()
    milik = {r.pk: r for r in rhk}
    for r in rhk:
        r.pendukung = []
    bawahan = (
        RencanaHasilKerja.objects.filter(
            Q(skp__atasan_id=pid, skp__tahun=tahun, jenis=Jenis.UTAMA)
            | Q(rhk_atasan__skp__pegawai_id=pid, rhk_atasan__skp__tahun=tahun)
        )
        .exclude(skp__pegawai_id=pid)
        .select_related("skp", "skp__pegawai", "skp__jabatan")
        .order_by("skp__pegawai__nama", "skp_id", "urutan", "id")
    )
    belum = []
    for b in bawahan:
        induk = milik.get(b.rhk_atasan_id)
        if induk is not None:
            induk.pendukung.append(b)
        elif b.jenis == Jenis.UTAMA:
            belum.append(b)
    return Kaskade(
        tahun=tahun,
        skp=skp,
        rhk=rhk,
        belum_terhubung=belum,
        bawahan_tanpa_skp=bawahan_tanpa_skp(pegawai_id=pid, tahun=tahun),
    )
