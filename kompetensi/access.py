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

from pegawai.access import akses_get, bawahan_q, is_atasan, jabatan_scope, may_manage_master
from pegawai.models import Jabatan, Pegawai

from .models import (
    Kompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    ProgramPengembangan,
    PutaranPenilaian,
    RencanaPengembangan,
)

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


# --- development: catalogue, plans and hours --------------------------------------------------
#
# - the catalogue is read by every signed-in user (active programmes; Admin BKD also the
#   inactive ones) and changed by Admin BKD only;
# - a pegawai's development plans are written by their supervisors (direct and indirect), the
#   Admin OPD of the pegawai's OPD and Admin BKD; the pegawai reads their own;
# - the 20-JP compliance list is for Admin OPD (their OPD), Admin BKD (all) and a supervisor
#   (their team), the same people who may plan.

PESAN_PROGRAM_DILARANG = "Hanya Admin BKD yang dapat mengubah katalog program pengembangan."
PESAN_RENCANA_DILARANG = "Anda tidak berwenang mengubah rencana pengembangan pegawai ini."


def access_program(user, pk, *, for_change: bool = False, prefetch: tuple = ()) -> ProgramPengembangan:
    """The programme `pk` if the user may see it (else 404); with for_change, 403 unless Admin BKD."""
    pk = _pk(pk)
    if for_change and not may_manage_program(user):
        # Checked first: the answer must not tell a non-admin whether an inactive one exists.
        raise PermissionDenied(PESAN_PROGRAM_DILARANG)
    program = program_scope(user).prefetch_related(*prefetch).filter(pk=pk).first()
    if program is None:
        raise Http404("Program pengembangan tidak ditemukan.")
    return program


def rencana_pegawai_q(user, prefix: str = "") -> Q | None:
    """Filter on Pegawai (through `prefix`) for the people the user may plan for; None = all."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    q = Q(pk__in=[])
    if akses.pegawai_id is not None:
        q |= bawahan_q(pegawai_id=akses.pegawai_id, jalur=akses.jalur, prefix=prefix)
    if akses.admin_opd_ids:
        q |= Q(**{f"{prefix}unit__opd_id__in": akses.admin_opd_ids})
    return q


def pegawai_rencana_scope(user) -> QuerySet[Pegawai]:
    """Employees (active or not) whose development plans the user may write."""
    if not user.is_authenticated:
        return Pegawai.objects.none()
    q = rencana_pegawai_q(user)
    return Pegawai.objects.all() if q is None else Pegawai.objects.filter(q)


def may_plan(user) -> bool:
    """May write plans for somebody: Admin OPD/BKD or a supervisor (shows the "new plan" button)."""
    return akses_get(user).admin or is_atasan(user)


def may_plan_for(user, pegawai: Pegawai | int) -> bool:
    """May write this employee's development plans (one query unless Admin BKD)."""
    pegawai_id = pegawai if isinstance(pegawai, int) else pegawai.pk
    if akses_get(user).admin_bkd:
        return True
    return pegawai_rencana_scope(user).filter(pk=pegawai_id).exists()


def rencana_scope_q(user) -> Q | None:
    """Filter on RencanaPengembangan: the user's own plans and those they may write; None = all."""
    akses = akses_get(user)
    q = rencana_pegawai_q(user, prefix="pegawai__")
    if q is None:
        return None
    if akses.pegawai_id is not None:
        q |= Q(pegawai_id=akses.pegawai_id)
    return q


def rencana_scope(user) -> QuerySet[RencanaPengembangan]:
    if not user.is_authenticated:
        return RencanaPengembangan.objects.none()
    q = rencana_scope_q(user)
    qs = RencanaPengembangan.objects.all()
    return qs if q is None else qs.filter(q)


def access_rencana(user, pk, *, for_change: bool = False) -> RencanaPengembangan:
    """The plan `pk` if the user may see it (else 404); with for_change, 403 unless they may
    write the pegawai's plans (the pegawai themself reads but does not change)."""
    rencana = (
        rencana_scope(user)
        .select_related("pegawai", "pegawai__unit", "pegawai__jabatan", "program", "kompetensi", "dibuat_oleh")
        .filter(pk=_pk(pk))
        .first()
    )
    if rencana is None:
        raise Http404("Rencana pengembangan tidak ditemukan.")
    if for_change and not may_plan_for(user, rencana.pegawai_id):
        raise PermissionDenied(PESAN_RENCANA_DILARANG)
    return rencana


def access_pegawai_pengembangan(user, pk) -> Pegawai:
    """The employee whose development page is opened: themself or someone they may plan for."""
    akses = akses_get(user)
    pk = _pk(pk)
    qs = Pegawai.objects.select_related("unit", "unit__opd", "jabatan")
    if not akses.admin_bkd:
        q = rencana_pegawai_q(user)
        if akses.pegawai_id is not None:
            q |= Q(pk=akses.pegawai_id)
        qs = qs.filter(q)
    pegawai = qs.filter(pk=pk).first()
    if pegawai is None:
        raise Http404("Pegawai tidak ditemukan.")
    return pegawai


def may_read_jp(user) -> bool:
    """The 20-JP compliance list: Admin OPD/BKD and supervisors."""
    return may_plan(user)


# --- rounds: Django admin ---------------------------------------------------------------------


def penilaian_admin_q(user, field: str = "opd_id") -> Q | None:
    """Assessment rows an admin browses in Django admin, by the participant's OPD (`field`):
    None = every row (Admin BKD); an Admin OPD, their OPD(s) only; anyone else nothing."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    return Q(**{f"{field}__in": sorted(akses.admin_opd_ids)})
