"""Who may see and change the competency dictionary and the position standards.

Built on `pegawai.access` (the one place that knows the roles):
- the dictionary is public knowledge inside the Pemda: every signed-in user reads the active
  competencies; Admin BKD also sees inactive ones and is the only one who edits;
- position standards are read by Admin OPD and Admin BKD, changed by Admin BKD only.

Out of scope (an inactive competency for a non-BKD user, an unknown id) is a 404; visible but
not changeable is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from pegawai.access import akses_get, jabatan_scope, may_manage_master
from pegawai.models import Jabatan

from .models import Kompetensi

PESAN_KAMUS_DILARANG = "Hanya Admin BKD yang dapat mengubah kamus kompetensi."
PESAN_STANDAR_DILARANG = "Hanya Admin BKD yang dapat mengubah standar kompetensi jabatan."


def may_edit_kamus(user) -> bool:
    return may_manage_master(user)


def may_read_standar(user) -> bool:
    return akses_get(user).admin


def may_manage_standar(user) -> bool:
    return may_manage_master(user)


def kompetensi_scope(user) -> QuerySet[Kompetensi]:
    if not user.is_authenticated:
        return Kompetensi.objects.none()
    if akses_get(user).admin_bkd:
        return Kompetensi.objects.all()
    return Kompetensi.objects.filter(aktif=True)


def _pk(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None


def access_kompetensi(user, pk, *, for_change: bool = False, prefetch: tuple = ()) -> Kompetensi:
    """The competency `pk` if the user may see it (else 404); with for_change, 403 unless Admin BKD."""
    pk = _pk(pk)
    if for_change and not may_edit_kamus(user):
        # Checked first: the answer must not tell a non-admin whether an inactive one exists.
        raise PermissionDenied(PESAN_KAMUS_DILARANG)
    kompetensi = kompetensi_scope(user).prefetch_related(*prefetch).filter(pk=pk).first()
    if kompetensi is None:
        raise Http404("Kompetensi tidak ditemukan.")
    return kompetensi


def access_jabatan_standar(user, pk, *, for_change: bool = False) -> Jabatan:
    """The position whose standard is read (Admin OPD/BKD) or changed (Admin BKD)."""
    pk = _pk(pk)
    if not may_read_standar(user):
        raise PermissionDenied("Standar kompetensi jabatan hanya untuk Admin OPD dan Admin BKD.")
    if for_change and not may_manage_standar(user):
        raise PermissionDenied(PESAN_STANDAR_DILARANG)
    jabatan = jabatan_scope(user).filter(pk=pk).first()
    if jabatan is None:
        raise Http404("Jabatan tidak ditemukan.")
    return jabatan
