"""Who may see and change performance-evaluation data.

Built on `pegawai.access` (the one place that knows roles and the hierarchy):
- periods and settings: every signed-in user reads periods; Admin BKD opens, moves and closes
  them and changes the settings and curve rules;
- a pegawai's SKP, realisation, feedback, daily log and evaluation: the pegawai, every
  supervisor above them (the hierarchy today, plus the atasan recorded on the SKP or
  evaluation), the Admin OPD of their OPD and Admin BKD. A sibling (same atasan) sees none;
- changes: the pegawai edits their own SKP while it is a draft or returned, their realisation
  and log while the period/month is open; the SKP's atasan approves or returns it and writes the
  ekspektasi khusus; the direct atasan reviews logs and gives feedback; only the evaluation's
  rater (`penilai`) rates and finalises; only the rater's own atasan (`pemutus`) decides an
  objection;
- a peer sees only the person they are assigned to rate (name, position), never the SKP,
  and nobody sees who gave which score;
- evidence files are served only to those who may see the row they belong to.

Out of scope is a 404 (the same as "does not exist"); visible but not changeable is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from pegawai.access import akses_get, bawahan_q

from .models import (
    BuktiDukung,
    EvaluasiPegawai,
    Keberatan,
    LogHarian,
    PenugasanRekanKinerja,
    Periode,
    Realisasi,
    SasaranUnit,
    Skp,
)


def _pk(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None


def pegawai_terkait_q(user, prefix: str = "pegawai__", opd_field: str | None = None) -> Q | None:
    """Rows about a pegawai the user may see (`prefix` leads to that Pegawai): their own,
    their subordinates' (any depth), their OPD's for an Admin OPD (`opd_field` names a
    snapshot OPD column, else the pegawai's current unit), everything for BKD (None)."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    q = Q(pk__in=[])
    if akses.pegawai_id is not None:
        q |= Q(**{f"{prefix}id": akses.pegawai_id}) | bawahan_q(
            pegawai_id=akses.pegawai_id, jalur=akses.jalur, prefix=prefix
        )
    if akses.admin_opd_ids:
        q |= Q(**{f"{opd_field or prefix + 'unit__opd_id'}__in": akses.admin_opd_ids})
    return q


def _filter(qs: QuerySet, q: Q | None) -> QuerySet:
    return qs if q is None else qs.filter(q)


def _ambil(qs: QuerySet, pk, pesan: str):
    """Object `pk` of a scoped queryset; outside the scope is a 404, like one that does not exist."""
    obj = qs.filter(pk=_pk(pk)).first()
    if obj is None:
        raise Http404(pesan)
    return obj


# --- periods ----------------------------------------------------------------------------------


def may_manage_periode(user) -> bool:
    return akses_get(user).admin_bkd


def periode_scope(user) -> QuerySet[Periode]:
    return Periode.objects.all() if user.is_authenticated else Periode.objects.none()


def access_periode(user, pk, *, for_change: bool = False) -> Periode:
    if for_change and not may_manage_periode(user):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengelola periode penilaian.")
    periode = _ambil(periode_scope(user), pk, "Periode tidak ditemukan.")
    return periode


# --- unit goals (the top of the cascade) -------------------------------------------------------


def sasaran_scope(user) -> QuerySet[SasaranUnit]:
    """The goals an admin manages: all for BKD, their OPD's for an Admin OPD, none otherwise.
    (A unit head picks their unit's goals through the SKP form, which queries them itself.)"""
    akses = akses_get(user)
    if akses.admin_bkd:
        return SasaranUnit.objects.all()
    return SasaranUnit.objects.filter(unit__opd_id__in=akses.admin_opd_ids)


def may_manage_sasaran(user, unit) -> bool:
    akses = akses_get(user)
    return akses.admin_bkd or (unit is not None and unit.opd_id in akses.admin_opd_ids)


def access_sasaran(user, pk, *, for_change: bool = False) -> SasaranUnit:
    sasaran = _ambil(sasaran_scope(user).select_related("unit"), pk, "Sasaran unit tidak ditemukan.")
    if for_change and not may_manage_sasaran(user, sasaran.unit):
        raise PermissionDenied("Anda tidak berwenang mengubah sasaran unit ini.")
    return sasaran


# --- SKP ------------------------------------------------------------------------------------------


def skp_scope(user) -> QuerySet[Skp]:
    q = pegawai_terkait_q(user)
    akses = akses_get(user)
    if q is not None and akses.pegawai_id is not None:
        q |= Q(atasan_id=akses.pegawai_id)
    return _filter(Skp.objects.all(), q)


def may_edit_skp(user, skp: Skp) -> bool:
    """The owner, while the SKP is a draft or returned."""
    return skp.pegawai_id == akses_get(user).pegawai_id and skp.dapat_diubah


def may_approve_skp(user, skp: Skp) -> bool:
    """The atasan the SKP was submitted to."""
    pid = akses_get(user).pegawai_id
    return pid is not None and skp.atasan_id == pid and skp.pegawai_id != pid


def access_skp(user, pk, *, for_change: bool = False, for_approval: bool = False) -> Skp:
    skp = _ambil(
        skp_scope(user).select_related("pegawai", "pegawai__unit", "unit", "jabatan", "atasan"),
        pk,
        "SKP tidak ditemukan.",
    )
    if for_change and skp.pegawai_id != akses_get(user).pegawai_id:
        raise PermissionDenied("Hanya pemilik SKP yang dapat mengubahnya.")
    if for_approval and not may_approve_skp(user, skp):
        raise PermissionDenied("Hanya atasan langsung yang dapat memeriksa SKP ini.")
    return skp


# --- realisation and evidence -------------------------------------------------------------------


def realisasi_scope(user) -> QuerySet[Realisasi]:
    q = pegawai_terkait_q(user, prefix="indikator__rhk__skp__pegawai__")
    akses = akses_get(user)
    if q is not None and akses.pegawai_id is not None:
        q |= Q(indikator__rhk__skp__atasan_id=akses.pegawai_id)
    return _filter(Realisasi.objects.all(), q)


def access_realisasi(user, pk) -> Realisasi:
    return _ambil(
        realisasi_scope(user).select_related(
            "indikator", "indikator__rhk", "indikator__rhk__skp", "indikator__rhk__skp__pegawai", "periode"
        ),
        pk,
        "Realisasi tidak ditemukan.",
    )


def may_give_feedback(user, skp: Skp) -> bool:
    """The SKP's atasan or the pegawai's current direct atasan."""
    pid = akses_get(user).pegawai_id
    return pid is not None and pid != skp.pegawai_id and pid in (skp.atasan_id, skp.pegawai.atasan_id)


def bukti_scope(user) -> QuerySet[BuktiDukung]:
    akses = akses_get(user)
    if akses.admin_bkd:
        return BuktiDukung.objects.all()
    return BuktiDukung.objects.filter(
        Q(realisasi__in=realisasi_scope(user).values("pk")) | Q(log__in=log_scope(user).values("pk"))
    )


def access_bukti(user, pk) -> BuktiDukung:
    return _ambil(bukti_scope(user), pk, "Bukti dukung tidak ditemukan.")


# --- daily log -------------------------------------------------------------------------------


def log_scope(user) -> QuerySet[LogHarian]:
    return _filter(LogHarian.objects.all(), pegawai_terkait_q(user))


def may_review_log(user, log: LogHarian) -> bool:
    """The pegawai's direct atasan today."""
    pid = akses_get(user).pegawai_id
    return pid is not None and log.pegawai.atasan_id == pid


def access_log(user, pk, *, for_change: bool = False, for_review: bool = False) -> LogHarian:
    log = _ambil(log_scope(user).select_related("pegawai", "rhk"), pk, "Log aktivitas tidak ditemukan.")
    if for_change and log.pegawai_id != akses_get(user).pegawai_id:
        raise PermissionDenied("Hanya pemilik log yang dapat mengubahnya.")
    if for_review and not may_review_log(user, log):
        raise PermissionDenied("Hanya atasan langsung yang dapat memeriksa log ini.")
    return log


def log_periksa_scope(user) -> QuerySet[LogHarian]:
    """Entries the user reviews: those of their direct subordinates today (the set form of
    may_review_log, for the queue and bulk review: foreign ids posted are simply not in it)."""
    pid = akses_get(user).pegawai_id
    if pid is None:
        return LogHarian.objects.none()
    return LogHarian.objects.filter(pegawai__atasan_id=pid).exclude(pegawai_id=pid)


def log_rekap_pegawai_q(user) -> Q | None:
    """Employees in the user's monthly log recap: everyone for BKD (None), the OPD of an Admin
    OPD, the subordinates (any depth, never oneself) of an atasan; nothing for anyone else."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    q = Q(pk__in=[])
    if akses.pegawai_id is not None:
        q |= bawahan_q(pegawai_id=akses.pegawai_id, jalur=akses.jalur)
    if akses.admin_opd_ids:
        q |= Q(unit__opd_id__in=akses.admin_opd_ids)
    return q


# --- evaluation, peers, objection ------------------------------------------------------------------


def evaluasi_scope(user) -> QuerySet[EvaluasiPegawai]:
    q = pegawai_terkait_q(user, opd_field="opd_id")
    akses = akses_get(user)
    if q is not None and akses.pegawai_id is not None:
        q |= Q(penilai_id=akses.pegawai_id) | Q(atasan_penilai_id=akses.pegawai_id)
    return _filter(EvaluasiPegawai.objects.all(), q)


def may_rate(user, evaluasi: EvaluasiPegawai) -> bool:
    """Only the rater recorded on the evaluation, never the pegawai themselves."""
    pid = akses_get(user).pegawai_id
    return pid is not None and evaluasi.penilai_id == pid and evaluasi.pegawai_id != pid


def may_self_assess(user, evaluasi: EvaluasiPegawai) -> bool:
    return evaluasi.pegawai_id == akses_get(user).pegawai_id


def may_assign_rekan(user, evaluasi: EvaluasiPegawai) -> bool:
    """The rater, the Admin OPD of the evaluation's OPD, or BKD."""
    akses = akses_get(user)
    return may_rate(user, evaluasi) or akses.admin_bkd or evaluasi.opd_id in akses.admin_opd_ids


def access_evaluasi(
    user, pk, *, for_rating: bool = False, for_self: bool = False, select: tuple = ()
) -> EvaluasiPegawai:
    evaluasi = _ambil(
        evaluasi_scope(user).select_related(
            "pegawai", "periode", "unit", "jabatan", "penilai", "atasan_penilai", "skp", *select
        ),
        pk,
        "Evaluasi tidak ditemukan.",
    )
    if for_rating and not may_rate(user, evaluasi):
        raise PermissionDenied("Hanya pejabat penilai pegawai ini yang dapat menilai.")
    if for_self and not may_self_assess(user, evaluasi):
        raise PermissionDenied("Penilaian diri hanya dapat diisi oleh pegawai yang bersangkutan.")
    return evaluasi


def penugasan_rekan_scope(user) -> QuerySet[PenugasanRekanKinerja]:
    """A peer's own assignments only: nobody else opens a peer's form."""
    pid = akses_get(user).pegawai_id
    if pid is None:
        return PenugasanRekanKinerja.objects.none()
    return PenugasanRekanKinerja.objects.filter(penilai_id=pid)


def access_penugasan_rekan(user, pk) -> PenugasanRekanKinerja:
    return _ambil(
        penugasan_rekan_scope(user).select_related(
            "evaluasi", "evaluasi__pegawai", "evaluasi__jabatan", "evaluasi__periode"
        ),
        pk,
        "Penugasan tidak ditemukan.",
    )


def keberatan_scope(user) -> QuerySet[Keberatan]:
    q = pegawai_terkait_q(user, prefix="evaluasi__pegawai__", opd_field="evaluasi__opd_id")
    akses = akses_get(user)
    if q is not None and akses.pegawai_id is not None:
        q |= Q(pemutus_id=akses.pegawai_id) | Q(evaluasi__penilai_id=akses.pegawai_id)
    return _filter(Keberatan.objects.all(), q)


def may_decide_keberatan(user, keberatan: Keberatan) -> bool:
    pid = akses_get(user).pegawai_id
    return pid is not None and keberatan.pemutus_id == pid


def access_keberatan(user, pk, *, for_decision: bool = False) -> Keberatan:
    keberatan = _ambil(
        keberatan_scope(user).select_related(
            "evaluasi", "evaluasi__pegawai", "evaluasi__penilai", "evaluasi__periode", "pemutus"
        ),
        pk,
        "Keberatan tidak ditemukan.",
    )
    if for_decision and not may_decide_keberatan(user, keberatan):
        raise PermissionDenied("Hanya atasan pejabat penilai yang dapat memutus keberatan ini.")
    return keberatan


# --- unit predikat (the curve) ------------------------------------------------------------------


def may_set_predikat_organisasi(user, unit) -> bool:
    """Admin BKD; the Admin OPD of the unit's OPD; the leader one level up: a pegawai who is the
    direct atasan of someone working in that unit while not working in it themselves."""
    from pegawai.models import Pegawai

    akses = akses_get(user)
    if akses.admin_bkd or (unit.opd_id or unit.pk) in akses.admin_opd_ids:
        return True
    if akses.pegawai_id is None:
        return False
    return (
        Pegawai.objects.filter(unit_id=unit.pk, atasan_id=akses.pegawai_id, aktif=True)
        .exclude(atasan__unit_id=unit.pk)
        .exists()
    )


# --- peer assignment (rekan area) -----------------------------------------------------------------

PESAN_REKAN_DILARANG = (
    "Hanya pejabat penilai, Admin OPD pegawai ini, atau Admin BKD yang dapat menugaskan rekan penilai."
)


def access_evaluasi_rekan(user, pk) -> EvaluasiPegawai:
    """The peer-assignment page of an evaluation: 404 out of scope, 403 for someone who sees the
    evaluation (the pegawai, a higher supervisor) but may not assign peers."""
    evaluasi = access_evaluasi(user, pk)
    if not may_assign_rekan(user, evaluasi):
        raise PermissionDenied(PESAN_REKAN_DILARANG)
    return evaluasi


def may_accept_usulan_rekan(user) -> bool:
    """Who may accept the proposed peers for all their subordinates at once: a pegawai who is
    the rater of some evaluation in a period that is running or being assessed."""
    pid = akses_get(user).pegawai_id
    return (
        pid is not None
        and EvaluasiPegawai.objects.filter(
            penilai_id=pid, periode__status__in=(Periode.Status.BERJALAN, Periode.Status.PENILAIAN)
        ).exists()
    )


# --- objection: filing and the rater's response (keberatan area) ---------------------------------


def may_file_keberatan(user, evaluasi: EvaluasiPegawai) -> bool:
    """Only the pegawai who was rated files an objection to their own result."""
    pid = akses_get(user).pegawai_id
    return pid is not None and evaluasi.pegawai_id == pid


def access_evaluasi_keberatan(user, pk) -> EvaluasiPegawai:
    """The evaluation an objection is filed against: out of scope 404, someone else's 403."""
    evaluasi = access_evaluasi(user, pk, select=("periode", "atasan_penilai"))
    if not may_file_keberatan(user, evaluasi):
        raise PermissionDenied("Keberatan hanya dapat diajukan oleh pegawai yang dinilai.")
    return evaluasi


def may_respond_keberatan(user, keberatan: Keberatan) -> bool:
    """The rater recorded on the evaluation answers the objection (both sides are heard)."""
    pid = akses_get(user).pegawai_id
    return pid is not None and keberatan.evaluasi.penilai_id == pid and keberatan.evaluasi.pegawai_id != pid


def access_keberatan_tanggapan(user, pk) -> Keberatan:
    keberatan = access_keberatan(user, pk)
    if not may_respond_keberatan(user, keberatan):
        raise PermissionDenied("Hanya pejabat penilai yang dapat memberi tanggapan atas keberatan ini.")
    return keberatan


# --- penilaian area: what of an evaluation a viewer may read -------------------------------------


def may_see_rating(user, evaluasi: EvaluasiPegawai) -> bool:
    """The supervisor's ratings, predikat and feedback: everyone in scope once final; while the
    rater is still drafting, only the rater."""
    return evaluasi.final or may_rate(user, evaluasi)


def may_see_penilaian_diri(user, evaluasi: EvaluasiPegawai, terkirim: bool) -> bool:
    """The self-assessment: the pegawai always; everyone else in scope once it is sent."""
    return terkirim or may_self_assess(user, evaluasi)


# --- monitoring, Django admin and the units a leader rates (periode area) ------------------------


def evaluasi_admin_q(user, field: str = "opd_id") -> Q | None:
    """Evaluation rows an admin monitors, by the OPD that `field` leads to: None = every row
    (Admin BKD); an Admin OPD, their OPD(s) only; anyone else nothing. Used by the monitoring
    pages, their exports and the Django admin."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return None
    return Q(**{f"{field}__in": sorted(akses.admin_opd_ids)})


def may_monitor(user) -> bool:
    akses = akses_get(user)
    return akses.admin_bkd or bool(akses.admin_opd_ids)


def predikat_organisasi_unit_scope(user):
    """The units whose predikat kinerja organisasi the user may set: the set form of
    may_set_predikat_organisasi (all for BKD; the OPD's units for its Admin OPD; for a leader,
    the units of their direct subordinates who work in another unit than the leader)."""
    from django.db.models import F

    from pegawai.models import Pegawai, UnitKerja

    akses = akses_get(user)
    if akses.admin_bkd:
        return UnitKerja.objects.all()
    q = Q(pk__in=[])
    if akses.admin_opd_ids:
        q |= Q(opd_id__in=akses.admin_opd_ids)
    if akses.pegawai_id is not None:
        dipimpin = (
            Pegawai.objects.filter(atasan_id=akses.pegawai_id, aktif=True)
            .exclude(unit_id=F("atasan__unit_id"))
            .values("unit_id")
        )
        q |= Q(pk__in=dipimpin)
    return UnitKerja.objects.filter(q)


# --- SKP rows (skp area) ------------------------------------------------------------------------


def rhk_scope(user):
    """RHK rows of the SKP the user may see (the same people as skp_scope)."""
    from .models import RencanaHasilKerja

    return RencanaHasilKerja.objects.filter(skp__in=skp_scope(user).values("pk"))


def access_rhk(user, pk, *, for_change: bool = False):
    """One RHK row (with its SKP and the SKP's pegawai); 404 out of scope, 403 when changing
    someone else's SKP. Whether the SKP is still editable is the caller's check."""
    rhk = _ambil(
        rhk_scope(user).select_related("skp", "skp__pegawai", "skp__atasan"), pk, "Rencana hasil kerja tidak ditemukan."
    )
    if for_change and rhk.skp.pegawai_id != akses_get(user).pegawai_id:
        raise PermissionDenied("Hanya pemilik SKP yang dapat mengubahnya.")
    return rhk
