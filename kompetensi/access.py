"""Who may see and change competency data.

Built on `pegawai.access` (the one place that knows the roles):
- the dictionary is public knowledge inside the Pemda: every signed-in user reads the active
  competencies; Admin BKD also sees inactive ones and is the only one who edits;
- position standards are read by Admin OPD and Admin BKD, changed by Admin BKD only;
- assessment rounds: Admin BKD sees and manages all; an Admin OPD sees rounds owned by or
  including their OPD and manages the ones their OPD owns;
- a participant's results: the person, their supervisor in the round (and everyone above in
  the chain), the Admin OPD of the participant's OPD, Admin BKD;
- the self-assessment belongs to the participant only, the supervisor's assessment to the
  round's atasan only, a peer assessment to the assigned peer only;
- peers are assigned by the round's atasan, the Admin OPD of the participant's OPD or BKD.

Out of scope (an inactive competency for a non-BKD user, an unknown id) is a 404; visible but
not changeable is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from pegawai.access import akses_get, bawahan_q, jabatan_scope, may_manage_master
from pegawai.models import Jabatan

from .models import Kompetensi, PenugasanRekan, PesertaPenilaian, ProgramPengembangan, PutaranPenilaian

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


# --- assessment rounds ------------------------------------------------------------------------

PESAN_PUTARAN_DILARANG = "Anda tidak berwenang mengelola putaran penilaian ini."
PESAN_BUKAN_ATASAN = "Hanya atasan langsung pada putaran ini yang dapat mengisi penilaian atasan."
PESAN_REKAN_DILARANG = "Anda tidak berwenang menugaskan penilai rekan untuk pegawai ini."


def may_open_putaran(user) -> bool:
    return akses_get(user).admin


def putaran_scope(user) -> QuerySet[PutaranPenilaian]:
    akses = akses_get(user)
    if akses.admin_bkd:
        return PutaranPenilaian.objects.all()
    if not akses.admin_opd_ids:
        return PutaranPenilaian.objects.none()
    ikut = PesertaPenilaian.objects.filter(putaran_id=OuterRef("pk"), opd_id__in=akses.admin_opd_ids)
    return PutaranPenilaian.objects.filter(Q(opd_id__in=akses.admin_opd_ids) | Exists(ikut))


def may_manage_putaran(user, putaran: PutaranPenilaian) -> bool:
    akses = akses_get(user)
    return akses.admin_bkd or (putaran.opd_id is not None and putaran.opd_id in akses.admin_opd_ids)


def access_putaran(user, pk, *, for_change: bool = False) -> PutaranPenilaian:
    putaran = putaran_scope(user).select_related("opd").filter(pk=_pk(pk)).first()
    if putaran is None:
        raise Http404("Putaran penilaian tidak ditemukan.")
    if for_change and not may_manage_putaran(user, putaran):
        raise PermissionDenied(PESAN_PUTARAN_DILARANG)
    return putaran


def peserta_scope_q(user) -> Q | None:
    """Filter on PesertaPenilaian; None means everything (Admin BKD)."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    q = Q(pk__in=[])
    if akses.pegawai_id is not None:
        q |= (
            Q(pegawai_id=akses.pegawai_id)
            | Q(atasan_id=akses.pegawai_id)
            | bawahan_q(pegawai_id=akses.pegawai_id, jalur=akses.jalur, prefix="pegawai__")
        )
    if akses.admin_opd_ids:
        q |= Q(opd_id__in=akses.admin_opd_ids)
    return q


def peserta_scope(user) -> QuerySet[PesertaPenilaian]:
    q = peserta_scope_q(user)
    qs = PesertaPenilaian.objects.all()
    return qs if q is None else qs.filter(q)


def access_peserta(user, pk) -> PesertaPenilaian:
    peserta = (
        peserta_scope(user)
        .select_related("putaran", "pegawai", "jabatan", "unit", "opd", "atasan")
        .filter(pk=_pk(pk))
        .first()
    )
    if peserta is None:
        raise Http404("Peserta penilaian tidak ditemukan.")
    return peserta


def access_penilaian_diri(user, peserta_pk) -> PesertaPenilaian:
    """Only the participant fills their self-assessment; anyone else gets a 404."""
    akses = akses_get(user)
    peserta = (
        PesertaPenilaian.objects.select_related("putaran", "pegawai", "jabatan", "atasan")
        .filter(pk=_pk(peserta_pk), pegawai_id=akses.pegawai_id or 0)
        .first()
    )
    if peserta is None:
        raise Http404("Penilaian diri tidak ditemukan.")
    return peserta


def access_penilaian_atasan(user, peserta_pk) -> PesertaPenilaian:
    """Only the round's atasan fills the supervisor assessment: 404 outside scope, 403 when the
    participant is visible (an admin, a higher supervisor, the person) but not theirs to rate."""
    akses = akses_get(user)
    peserta = access_peserta(user, peserta_pk)
    if akses.pegawai_id is None or peserta.atasan_id != akses.pegawai_id:
        raise PermissionDenied(PESAN_BUKAN_ATASAN)
    return peserta


def may_assign_rekan(user, peserta: PesertaPenilaian) -> bool:
    akses = akses_get(user)
    if akses.admin_bkd or peserta.opd_id in akses.admin_opd_ids:
        return True
    return akses.pegawai_id is not None and peserta.atasan_id == akses.pegawai_id


def access_penugasan_rekan_kelola(user, peserta_pk) -> PesertaPenilaian:
    peserta = access_peserta(user, peserta_pk)
    if not may_assign_rekan(user, peserta):
        raise PermissionDenied(PESAN_REKAN_DILARANG)
    return peserta


def access_penugasan_rekan(user, pk) -> PenugasanRekan:
    """A peer assignment, for its rater only (anyone else, admins included, gets a 404)."""
    akses = akses_get(user)
    penugasan = (
        PenugasanRekan.objects.select_related(
            "peserta", "peserta__putaran", "peserta__pegawai", "peserta__jabatan", "peserta__unit"
        )
        .filter(pk=_pk(pk), penilai_id=akses.pegawai_id or 0)
        .first()
    )
    if penugasan is None:
        raise Http404("Penugasan penilaian rekan tidak ditemukan.")
    return penugasan


# --- development ------------------------------------------------------------------------------


def may_manage_program(user) -> bool:
    return may_manage_master(user)


def program_scope(user) -> QuerySet[ProgramPengembangan]:
    if not user.is_authenticated:
        return ProgramPengembangan.objects.none()
    if akses_get(user).admin_bkd:
        return ProgramPengembangan.objects.all()
    return ProgramPengembangan.objects.filter(aktif=True)
