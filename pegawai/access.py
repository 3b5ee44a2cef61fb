"""Who may see and change what. Every view and query goes through this module.

Rules (DOMAIN.md, issue 2):
- a pegawai sees their own data; an atasan also sees their direct and indirect subordinates;
- an Admin OPD sees and changes everything in their OPD subtree;
- an Admin BKD sees and changes everything;
- a Petugas Pengaduan works on complaints of their OPD, or of every OPD when at BKD.

Out of scope is a 404 (the same answer as "does not exist"); visible but not changeable is a
403.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from .models import ImporPegawai, Jabatan, Pegawai, PeranPengguna, UnitKerja

Peran = PeranPengguna.Peran

_SUBORDINATE_SQL = """
WITH RECURSIVE bawahan(id) AS (
    SELECT id FROM pegawai_pegawai WHERE atasan_id = %s
    UNION
    SELECT p.id FROM pegawai_pegawai p JOIN bawahan b ON p.atasan_id = b.id
)
SELECT id FROM bawahan
"""

_ANCESTOR_SQL = """
WITH RECURSIVE rantai(id, atasan_id) AS (
    SELECT id, atasan_id FROM pegawai_pegawai WHERE id = %s
    UNION
    SELECT p.id, p.atasan_id FROM pegawai_pegawai p JOIN rantai r ON p.id = r.atasan_id
)
SELECT id FROM rantai
"""


@dataclass(frozen=True)
class Akses:
    """What one user is, computed once per request (two queries) and cached on the user."""

    user_id: int | None
    pegawai_id: int | None = None
    opd_id: int | None = None  # the OPD of the user's own unit
    jalur: str = ""
    wajib_ganti_password: bool = False
    admin_bkd: bool = False
    admin_opd_ids: frozenset[int] = field(default_factory=frozenset)
    petugas_opd_ids: frozenset[int] = field(default_factory=frozenset)
    petugas_semua: bool = False
    superuser: bool = False

    @property
    def admin_opd(self) -> bool:
        return bool(self.admin_opd_ids)

    @property
    def petugas_pengaduan(self) -> bool:
        return self.petugas_semua or bool(self.petugas_opd_ids)

    @property
    def admin(self) -> bool:
        """Admin OPD or Admin BKD: may manage employees in some scope."""
        return self.admin_bkd or self.admin_opd

    def punya_peran(self, *peran: str) -> bool:
        checks = {
            Peran.ADMIN_BKD: self.admin_bkd,
            Peran.ADMIN_OPD: self.admin_opd,
            Peran.PETUGAS_PENGADUAN: self.petugas_pengaduan,
            "pegawai": self.pegawai_id is not None,
        }
        return any(checks.get(p) for p in peran)


ANONIM = Akses(user_id=None)


def akses_get(user) -> Akses:
    if user is None or not user.is_authenticated:
        return ANONIM
    cached = getattr(user, "_akses_cache", None)
    if cached is not None:
        return cached
    row = (
        Pegawai.objects.filter(user_id=user.pk, aktif=True)
        .values_list("id", "unit__opd_id", "jalur", "wajib_ganti_password")
        .first()
    )
    pegawai_id, unit_opd_id, jalur, wajib_ganti = row if row else (None, None, "", False)
    admin_bkd = bool(user.is_superuser)
    admin_opd, petugas = set(), set()
    petugas_semua = False
    for peran, opd_id in PeranPengguna.objects.filter(user_id=user.pk).values_list("peran", "opd_id"):
        if peran == Peran.ADMIN_BKD:
            admin_bkd = True
        elif peran == Peran.ADMIN_OPD:
            admin_opd.add(opd_id)
        elif peran == Peran.PETUGAS_PENGADUAN:
            if opd_id is None:
                petugas_semua = True
            else:
                petugas.add(opd_id)
    akses = Akses(
        user_id=user.pk,
        pegawai_id=pegawai_id,
        opd_id=unit_opd_id,
        jalur=jalur or "",
        wajib_ganti_password=wajib_ganti,
        admin_bkd=admin_bkd,
        admin_opd_ids=frozenset(admin_opd),
        petugas_opd_ids=frozenset(petugas),
        petugas_semua=petugas_semua,
        superuser=bool(user.is_superuser),
    )
    user._akses_cache = akses
    return akses


def akses_reset(user) -> None:
    if hasattr(user, "_akses_cache"):
        del user._akses_cache


# --- the hierarchy -------------------------------------------------------------------------


def bawahan_q(*, pegawai_id: int, jalur: str, prefix: str = "") -> Q:
    """Every direct and indirect subordinate: an indexed prefix match on the supervisor path."""
    if not jalur:
        # Path not computed (should not happen: services keep it): fall back to the walk.
        return Q(**{f"{prefix}id__in": RawSQL(_SUBORDINATE_SQL, (pegawai_id,))})
    return Q(**{f"{prefix}jalur__startswith": jalur}) & ~Q(**{f"{prefix}id": pegawai_id})


def pegawai_bawahan(pegawai_id: int, jalur: str | None = None) -> QuerySet[Pegawai]:
    if jalur is None:
        jalur = Pegawai.objects.filter(pk=pegawai_id).values_list("jalur", flat=True).first() or ""
    return Pegawai.objects.filter(bawahan_q(pegawai_id=pegawai_id, jalur=jalur))


def atasan_rantai_ids(pegawai_id: int) -> set[int]:
    """The pegawai and every supervisor above them (terminates even on corrupt cyclic data)."""
    return set(Pegawai.objects.filter(id__in=RawSQL(_ANCESTOR_SQL, (pegawai_id,))).values_list("id", flat=True))


def is_atasan(user) -> bool:
    akses = akses_get(user)
    if akses.pegawai_id is None:
        return False
    cached = getattr(user, "_is_atasan_cache", None)
    if cached is None:
        cached = Pegawai.objects.filter(atasan_id=akses.pegawai_id, aktif=True).exists()
        user._is_atasan_cache = cached
    return cached


# --- scopes -----------------------------------------------------------------------------------


def pegawai_scope_q(user) -> Q | None:
    """A filter on Pegawai for what the user may see; None means everything."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    q = Q(pk__in=[])
    if akses.pegawai_id is not None:
        q |= Q(pk=akses.pegawai_id) | bawahan_q(pegawai_id=akses.pegawai_id, jalur=akses.jalur)
    if akses.admin_opd_ids:
        q |= Q(unit__opd_id__in=akses.admin_opd_ids)
    return q


def pegawai_scope(user) -> QuerySet[Pegawai]:
    q = pegawai_scope_q(user)
    qs = Pegawai.objects.all()
    return qs if q is None else qs.filter(q)


def pegawai_manage_scope(user) -> QuerySet[Pegawai]:
    """Employees whose master data this user may change (Admin OPD in their OPD, BKD all)."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return Pegawai.objects.all()
    return Pegawai.objects.filter(unit__opd_id__in=akses.admin_opd_ids)


def unit_scope(user) -> QuerySet[UnitKerja]:
    """Units a user may see: all for BKD; their OPD subtree(s) for Admin OPD; their own unit otherwise."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return UnitKerja.objects.all()
    q = Q(pk__in=[])
    if akses.admin_opd_ids:
        q |= Q(opd_id__in=akses.admin_opd_ids)
    if akses.pegawai_id is not None:
        # Units where the user or any subordinate works (a semi-join, no DISTINCT over units).
        tim = Q(pk=akses.pegawai_id) | bawahan_q(pegawai_id=akses.pegawai_id, jalur=akses.jalur)
        q |= Q(id__in=Pegawai.objects.filter(tim).values("unit_id"))
    return UnitKerja.objects.filter(q)


def unit_manage_scope(user) -> QuerySet[UnitKerja]:
    akses = akses_get(user)
    if akses.admin_bkd:
        return UnitKerja.objects.all()
    return UnitKerja.objects.filter(opd_id__in=akses.admin_opd_ids)


def jabatan_scope(user) -> QuerySet[Jabatan]:
    """The position catalogue is shared across the Pemda and readable by every signed-in user."""
    return Jabatan.objects.all()


def pengaduan_opd_scope_q(user, field: str = "opd_id") -> Q | None:
    """Filter for complaint-like rows carrying an OPD: None = all, Q(pk__in=[]) = nothing."""
    akses = akses_get(user)
    if akses.admin_bkd or akses.petugas_semua:
        return None
    ids = set(akses.petugas_opd_ids) | set(akses.admin_opd_ids)
    return Q(**{f"{field}__in": ids})


# --- object access ----------------------------------------------------------------------------


def access_pegawai(user, pk, *, for_change: bool = False) -> Pegawai:
    """The pegawai `pk` if the user may see it (else 404); with for_change, 403 unless they may change it."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    pegawai = pegawai_scope(user).select_related("unit", "unit__opd", "jabatan", "atasan", "user").filter(pk=pk).first()
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    if for_change and not pegawai_manage_scope(user).filter(pk=pk).exists():
        raise PermissionDenied("Anda tidak berwenang mengubah data pegawai ini.")
    return pegawai


def access_unit(user, pk, *, for_change: bool = False) -> UnitKerja:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    unit = unit_scope(user).filter(pk=pk).first()
    if unit is None:
        raise Http404("Unit kerja tidak ditemukan.")
    if for_change and not unit_manage_scope(user).filter(pk=pk).exists():
        raise PermissionDenied("Anda tidak berwenang mengubah unit kerja ini.")
    return unit


def may_manage_opd(user, opd_id: int | None) -> bool:
    akses = akses_get(user)
    return akses.admin_bkd or (opd_id is not None and opd_id in akses.admin_opd_ids)


def may_manage_master(user) -> bool:
    """Position catalogue, roles and the Pemda-wide tree: Admin BKD only."""
    return akses_get(user).admin_bkd


# --- imports ----------------------------------------------------------------------------------


def impor_scope(user) -> QuerySet[ImporPegawai]:
    """Excel imports a user may see: all for Admin BKD, their own for Admin OPD, none otherwise."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return ImporPegawai.objects.all()
    if akses.admin_opd:
        return ImporPegawai.objects.filter(dibuat_oleh_id=akses.user_id)
    return ImporPegawai.objects.none()


def access_impor(user, pk, *, milik_sendiri: bool = False) -> ImporPegawai:
    """The import `pk` if the user may see it, else 404. With milik_sendiri (its activation
    codes), only its importer: anyone else, Admin BKD included, gets the same 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    qs = impor_scope(user).select_related("opd")
    if milik_sendiri:
        qs = qs.filter(dibuat_oleh_id=user.pk)
    impor = qs.filter(pk=pk).first()
    if impor is None:
        raise Http404("Impor tidak ditemukan.")
    return impor
