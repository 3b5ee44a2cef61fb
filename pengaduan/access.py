"""Who may see and handle which complaint, and who may learn who filed it (the one place).

- Petugas Pengaduan: every case of the OPD they serve (or all, for a BKD officer); they verify,
  dispose, respond and close.
- Admin BKD: every case. Admin OPD: their OPD's cases except *rahasia* ones (read only).
- The responsible officer a case was disposed to: that case; they may respond.
- The pegawai a complaint is about never sees the case, whatever their roles, and never the
  complainant: excluded from every scope below.
- The complainant's identity: for a *biasa* case anyone who may see the case; for *anonim* and
  *rahasia* only Petugas Pengaduan of that OPD and Admin BKD. Every read is audited.

An object outside the scope is a 404 (the same as one that does not exist); visible but not
allowed is a 403.
"""

from __future__ import annotations

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from pegawai.access import akses_get

from .models import BuktiPengaduan, IdentitasPelapor, LayananSkm, Pengaduan, Privasi

TIDAK_DITEMUKAN = "Pengaduan tidak ditemukan."


def pengaduan_scope_q(user) -> Q | None:
    """A filter on Pengaduan for the cases this user may see inside the app; None = all."""
    akses = akses_get(user)
    if akses.user_id is None:
        return Q(pk__in=[])
    bukan_terlapor = ~Q(pegawai_terlapor_id=akses.pegawai_id) if akses.pegawai_id else Q()
    if akses.admin_bkd or akses.petugas_semua:
        return bukan_terlapor if akses.pegawai_id else None
    q = Q(pk__in=[])
    if akses.petugas_opd_ids:
        q |= Q(opd_id__in=akses.petugas_opd_ids)
    if akses.admin_opd_ids:
        q |= Q(opd_id__in=akses.admin_opd_ids) & ~Q(privasi=Privasi.RAHASIA)
    if akses.pegawai_id:
        q |= Q(petugas_tindak_id=akses.pegawai_id)
        q = Q(q) & bukan_terlapor
    return q


def pengaduan_scope(user) -> QuerySet[Pengaduan]:
    q = pengaduan_scope_q(user)
    qs = Pengaduan.objects.all()
    return qs if q is None else qs.filter(q)


def may_kelola(user, pengaduan: Pengaduan) -> bool:
    """Verify, reject, dispose, close and archive: Petugas Pengaduan of the case's OPD."""
    akses = akses_get(user)
    if akses.pegawai_id and pengaduan.pegawai_terlapor_id == akses.pegawai_id:
        return False
    return akses.petugas_semua or pengaduan.opd_id in akses.petugas_opd_ids


def may_tanggapi(user, pengaduan: Pengaduan) -> bool:
    """Add a response or an internal note: the officers, and the responsible officer."""
    akses = akses_get(user)
    if may_kelola(user, pengaduan):
        return True
    return akses.pegawai_id is not None and pengaduan.petugas_tindak_id == akses.pegawai_id


def identitas_boleh(user, pengaduan: Pengaduan) -> bool:
    """May this user (who can already see the case) learn who filed it?"""
    akses = akses_get(user)
    if akses.pegawai_id and pengaduan.pegawai_terlapor_id == akses.pegawai_id:
        return False
    if pengaduan.privasi == Privasi.BIASA:
        return True
    return akses.admin_bkd or akses.petugas_semua or pengaduan.opd_id in akses.petugas_opd_ids


def identitas_boleh_q(user) -> Q | None:
    """`identitas_boleh` as a filter on Pengaduan, for rows already in the user's scope (the
    register export): the cases whose complainant this user may learn; None = all of them."""
    akses = akses_get(user)
    if akses.user_id is None:
        return Q(pk__in=[])
    q = (
        None
        if akses.admin_bkd or akses.petugas_semua
        else Q(privasi=Privasi.BIASA) | Q(opd_id__in=akses.petugas_opd_ids)
    )
    if akses.pegawai_id:
        bukan_terlapor = ~Q(pegawai_terlapor_id=akses.pegawai_id)
        q = bukan_terlapor if q is None else q & bukan_terlapor
    return q


def identitas_lihat(user, pengaduan: Pengaduan) -> IdentitasPelapor | None:
    """The complainant's identity if this user may see it, None otherwise. Each read is written
    to the audit log (who, when, which case)."""
    if not identitas_boleh(user, pengaduan):
        return None
    identitas = IdentitasPelapor.objects.filter(pengaduan_id=pengaduan.pk).first()
    if identitas is not None:
        LogEntry.objects.log_create(
            pengaduan,
            action=LogEntry.Action.ACCESS,
            changes={"identitas_pelapor": ["", "dilihat"]},
            actor=user if getattr(user, "is_authenticated", False) else None,
        )
    return identitas


def access_pengaduan(user, pk, *, untuk: str = "lihat") -> Pengaduan:
    """The case through the user's scope (404 outside it); `untuk` = "kelola" or "tanggapi"
    also checks that action (403)."""
    try:
        pengaduan = pengaduan_scope(user).select_related("opd", "unit_tujuan", "petugas_tindak").get(pk=int(pk))
    except (Pengaduan.DoesNotExist, TypeError, ValueError):
        raise Http404(TIDAK_DITEMUKAN) from None
    if untuk == "kelola" and not may_kelola(user, pengaduan):
        raise PermissionDenied("Hanya Petugas Pengaduan perangkat daerah ini yang dapat memproses pengaduan ini.")
    if untuk == "tanggapi" and not may_tanggapi(user, pengaduan):
        raise PermissionDenied("Anda tidak dapat menanggapi pengaduan ini.")
    return pengaduan


def access_bukti(user, pk) -> BuktiPengaduan:
    """An evidence file. The complainant's own files of an anonim/rahasia case may reveal who
    they are (a photo, a letterhead): only those who may see the identity get them."""
    try:
        bukti = BuktiPengaduan.objects.select_related("pengaduan").get(pk=int(pk))
    except (BuktiPengaduan.DoesNotExist, TypeError, ValueError):
        raise Http404("Berkas tidak ditemukan.") from None
    q = pengaduan_scope_q(user)
    if q is not None and not Pengaduan.objects.filter(q, pk=bukti.pengaduan_id).exists():
        raise Http404("Berkas tidak ditemukan.")
    if bukti.dari_pelapor and bukti.pengaduan.privasi != Privasi.BIASA and not identitas_boleh(user, bukti.pengaduan):
        raise Http404("Berkas tidak ditemukan.")
    return bukti


# --- the satisfaction survey ------------------------------------------------------------------


def layanan_skm_scope(user) -> QuerySet[LayananSkm]:
    """Services whose survey results a user may see: Admin BKD all, Admin OPD and Petugas their
    OPD's units."""
    akses = akses_get(user)
    if akses.admin_bkd or akses.petugas_semua:
        return LayananSkm.objects.all()
    ids = set(akses.admin_opd_ids) | set(akses.petugas_opd_ids)
    return LayananSkm.objects.filter(unit__opd_id__in=ids)


def may_kelola_layanan(user, layanan: LayananSkm) -> bool:
    """Change a service (name, population, active): Admin BKD or the Admin OPD of its unit."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return True
    return layanan.unit.opd_id in akses.admin_opd_ids


def access_layanan_skm(user, pk, *, for_change: bool = False) -> LayananSkm:
    try:
        layanan = layanan_skm_scope(user).select_related("unit").get(pk=int(pk))
    except (LayananSkm.DoesNotExist, TypeError, ValueError):
        raise Http404("Layanan tidak ditemukan.") from None
    if for_change and not may_kelola_layanan(user, layanan):
        raise PermissionDenied("Hanya Admin OPD unit ini atau Admin BKD yang dapat mengubah layanan ini.")
    return layanan
