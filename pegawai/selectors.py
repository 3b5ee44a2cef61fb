"""Reads for units, positions and employees: querysets already scoped to what the user may see.

Every list here keeps a constant number of queries whatever the number of rows (joins are
selected up front, counts are aggregated in the database).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.functional import cached_property

from .access import (
    access_pegawai,
    akses_get,
    jabatan_scope,
    may_manage_opd,
    pegawai_bawahan,
    pegawai_scope,
    unit_scope,
)
from .models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja

PER_HALAMAN = 25


class PaginatorHemat(Paginator):
    """Counts on the bare filtered table: no joins from select_related, no ORDER BY.

    `jumlah`, when the caller already knows the count, saves the query altogether.
    """

    def __init__(self, *args, jumlah: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._jumlah = jumlah

    @cached_property
    def count(self) -> int:
        if self._jumlah is not None:
            return self._jumlah
        qs = self.object_list
        if isinstance(qs, QuerySet):
            return qs.select_related(None).order_by().count()
        return len(qs)


def halaman_get(qs, nomor, *, per_halaman: int = PER_HALAMAN, jumlah: int | None = None) -> Page:
    """The requested page; a bad or too-large number gives the first or the last page (never a 500)."""
    return PaginatorHemat(qs, per_halaman, jumlah=jumlah).get_page(nomor)


# --- units ------------------------------------------------------------------------------------


@dataclass
class SimpulUnit:
    unit: UnitKerja
    kedalaman: int
    jumlah_pegawai: int = 0  # active employees placed directly in this unit
    jumlah_total: int = 0  # ... in this unit and every unit below it
    anak: list[SimpulUnit] = field(default_factory=list)


def unit_pohon(units: Iterable[UnitKerja]) -> list[SimpulUnit]:
    """Depth-first order of the given units (children by kode); a unit whose parent is not in
    the set starts a tree of its own (e.g. the OPD of an Admin OPD)."""
    units = list(units)
    ids = {u.pk for u in units}
    anak: dict[int | None, list[UnitKerja]] = defaultdict(list)
    for u in units:
        anak[u.induk_id if u.induk_id in ids else None].append(u)
    for daftar in anak.values():
        daftar.sort(key=lambda u: u.kode)

    hasil: list[SimpulUnit] = []

    def kunjungi(unit: UnitKerja, kedalaman: int) -> SimpulUnit:
        simpul = SimpulUnit(unit=unit, kedalaman=kedalaman)
        hasil.append(simpul)
        for a in anak.get(unit.pk, []):
            simpul.anak.append(kunjungi(a, kedalaman + 1))
        return simpul

    # Iterative over roots; the tree is at most four levels deep, so recursion depth is tiny.
    for akar in anak.get(None, []):
        kunjungi(akar, 0)
    return hasil


def unit_list(*, user, opd_id: int | None = None) -> list[SimpulUnit]:
    """The units the user may see as a tree, with active-employee counts (two queries)."""
    units = unit_scope(user)
    if opd_id is not None:
        units = units.filter(Q(pk=opd_id) | Q(opd_id=opd_id))
    simpul = unit_pohon(units.order_by())
    if not simpul:
        return simpul
    jumlah = dict(
        Pegawai.objects.filter(aktif=True, unit_id__in=[s.unit.pk for s in simpul])
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )

    def total(s: SimpulUnit) -> int:
        s.jumlah_pegawai = jumlah.get(s.unit.pk, 0)
        s.jumlah_total = s.jumlah_pegawai + sum(total(a) for a in s.anak)
        return s.jumlah_total

    for s in simpul:
        if s.kedalaman == 0:
            total(s)
    return simpul


def unit_opd_pilihan(*, user) -> QuerySet[UnitKerja]:
    """OPDs the user may pick to narrow the unit tree."""
    return unit_scope(user).filter(jenis=UnitKerja.Jenis.OPD).order_by("nama")


def unit_jalur(unit: UnitKerja) -> list[UnitKerja]:
    """OPD > Bidang > Seksi for a unit (at most one query: the tree is at most three levels
    below the Pemda, so the OPD and the direct parent are the only ancestors to fetch)."""
    if unit.jenis in (UnitKerja.Jenis.PEMDA, UnitKerja.Jenis.OPD):
        return [unit]
    ids = {i for i in (unit.opd_id, unit.induk_id) if i is not None}
    leluhur = {u.pk: u for u in UnitKerja.objects.filter(pk__in=ids)}
    jalur = []
    if unit.opd_id in leluhur:
        jalur.append(leluhur[unit.opd_id])
    if unit.induk_id in leluhur and unit.induk_id != unit.opd_id:
        jalur.append(leluhur[unit.induk_id])
    jalur.append(unit)
    return jalur


# --- positions --------------------------------------------------------------------------------


def jabatan_list(*, user, data):
    """The position catalogue with its FilterSet (jenis, search); readable by admins."""
    from .filters import JabatanFilter

    return JabatanFilter(data, queryset=jabatan_scope(user).order_by("nama", "kode"))


# --- employees --------------------------------------------------------------------------------


def pegawai_list(*, user, data):
    """The directory: the user's scope, joined for the table, inside the PegawaiFilter.

    Use `filterset.qs` only when `filterset.is_valid()`; an invalid filter shows its errors.
    """
    from .filters import PegawaiFilter

    qs = pegawai_scope(user).select_related("unit", "jabatan", "atasan").order_by("nama", "nip")
    return PegawaiFilter(data, queryset=qs, user=user)


def atasan_pilihan(*, user) -> QuerySet[Pegawai]:
    """Active employees this admin may name as an atasan langsung.

    Admin BKD: anyone. Admin OPD: their OPD, plus every JPT holder (the head of an OPD reports
    to the Sekda or an Asisten, who sit outside the OPD).
    """
    akses = akses_get(user)
    qs = Pegawai.objects.filter(aktif=True)
    if akses.admin_bkd:
        return qs
    return qs.filter(Q(unit__opd_id__in=akses.admin_opd_ids) | Q(jabatan__jenis=Jabatan.Jenis.JPT))


def pegawai_cari_baris(qs: QuerySet[Pegawai], q: str, *, batas: int = 15) -> list[dict]:
    """Up to `batas` of `qs` whose NIP starts with, or name contains, `q` (a form's datalist:
    NIP, full name, position, unit)."""
    q = (q or "").strip()
    if not 3 <= len(q) <= 100 or "\x00" in q:
        # Too short to search; too long or with a NUL byte (PostgreSQL refuses it): nothing.
        return []
    qs = qs.filter(nip__startswith=q) if q.isdigit() else qs.filter(nama__icontains=q)
    rows = qs.order_by("nama", "nip").values_list(
        "nip", "gelar_depan", "nama", "gelar_belakang", "jabatan__nama", "unit__nama"
    )[:batas]
    return [
        {
            "nip": nip,
            "nama": Pegawai(gelar_depan=gd, nama=nama, gelar_belakang=gb).nama_lengkap,
            "jabatan": jab,
            "unit": unit,
        }
        for nip, gd, nama, gb, jab, unit in rows
    ]


def atasan_cari(*, user, q: str, batas: int = 15) -> list[dict]:
    """Up to `batas` candidates whose NIP starts with, or name contains, `q` (for the form)."""
    return pegawai_cari_baris(atasan_pilihan(user=user), q, batas=batas)


@dataclass
class Profil:
    pegawai: Pegawai
    jalur_unit: list[UnitKerja]
    atasan_terlihat: bool
    bawahan: list[Pegawai]
    riwayat: list[RiwayatJabatan]
    bisa_ubah: bool

    @property
    def tanggal_lahir(self):
        """From the NIP; None rather than an error for a legacy NIP that no longer validates."""
        try:
            return self.pegawai.tanggal_lahir
        except ValidationError:
            return None


def pegawai_profil_get(*, user, pk) -> Profil:
    """The profile page: 404 outside the user's scope (access.access_pegawai)."""
    pegawai = access_pegawai(user, pk)
    atasan_terlihat = bool(pegawai.atasan_id) and pegawai_scope(user).filter(pk=pegawai.atasan_id).exists()
    bawahan = list(
        pegawai_scope(user)
        .filter(atasan_id=pegawai.pk)
        .select_related("jabatan", "unit")
        .order_by("-aktif", "nama", "nip")
    )
    riwayat = list(pegawai.riwayat.select_related("unit", "jabatan", "dicatat_oleh"))
    return Profil(
        pegawai=pegawai,
        jalur_unit=unit_jalur(pegawai.unit),
        atasan_terlihat=atasan_terlihat,
        bawahan=bawahan,
        riwayat=riwayat,
        bisa_ubah=may_manage_opd(user, pegawai.unit.opd_id),
    )


@dataclass
class Tim:
    halaman: Page
    jumlah_langsung: int
    jumlah_tidak_langsung: int
    cakupan: str


def tim_list(*, user, cakupan: str = "semua", nomor_halaman=None) -> Tim:
    """The user's direct and indirect active subordinates (a prefix match on `jalur`), direct first.

    `cakupan`: "langsung" (direct only) or "semua".
    """
    akses = akses_get(user)
    saya = akses.pegawai_id
    semua = pegawai_bawahan(saya, akses.jalur).filter(aktif=True)
    jumlah = semua.aggregate(
        langsung=Count("id", filter=Q(atasan_id=saya)),
        total=Count("id"),
    )
    qs = semua.select_related("unit", "jabatan", "atasan").annotate(
        langsung=Case(When(atasan_id=saya, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    if cakupan == "langsung":
        qs = qs.filter(atasan_id=saya)
        ada = jumlah["langsung"]
    else:
        cakupan = "semua"
        ada = jumlah["total"]
    # Direct subordinates first, but a team of thousands (a Sekda) is listed by name only: the
    # (aktif, nama) index then serves the page instead of sorting the whole Pemda.
    qs = qs.order_by("-langsung", "nama", "nip") if ada <= 1000 else qs.order_by("nama", "nip")
    return Tim(
        # The aggregate already counted the rows: the paginator need not walk the tree again.
        halaman=halaman_get(qs, nomor_halaman, per_halaman=50, jumlah=ada),
        jumlah_langsung=jumlah["langsung"],
        jumlah_tidak_langsung=jumlah["total"] - jumlah["langsung"],
        cakupan=cakupan,
    )
