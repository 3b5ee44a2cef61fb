"""Reads of objections: the list (scoped through evaluasi.access.keberatan_scope), the page that
shows both sides (the result, the ratings, the self-assessment, the reasons, the rater's
response) and the filing page's state. Constant query counts whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.selectors import halaman_get

from ..access import keberatan_scope
from ..models import EvaluasiPegawai, Keberatan, PengaturanKinerja, PenilaianDiriKinerja, RatingRhk
from ..services.keberatan import keberatan_batas_evaluasi, keberatan_penghalang
from .rekan import RekanRingkasan, rekan_ringkasan

# The list's tabs: what waits for my decision, my own objections, objections to my ratings, all.
PUTUS, SAYA, PENILAI, SEMUA = "putus", "saya", "penilai", "semua"
CAKUPAN = {
    PUTUS: "Untuk saya putus",
    SAYA: "Keberatan saya",
    PENILAI: "Atas penilaian saya",
    SEMUA: "Semua yang dapat saya lihat",
}


@dataclass(frozen=True)
class KeberatanDaftar:
    halaman: Page
    cakupan: str
    status: str
    jumlah: dict[str, int]  # per tab (putus counts only those still waiting)


def keberatan_list(*, user, cakupan: str = "", status: str = "", nomor_halaman=None) -> KeberatanDaftar:
    """Objections the user may see, newest first, by tab. Without a tab: "putus" when something
    waits for the user's decision, otherwise everything in scope."""
    pid = akses_get(user).pegawai_id
    scope = keberatan_scope(user)
    saring = {
        PUTUS: Q(pemutus_id=pid) if pid else Q(pk__in=[]),
        SAYA: Q(evaluasi__pegawai_id=pid) if pid else Q(pk__in=[]),
        PENILAI: Q(evaluasi__penilai_id=pid) if pid else Q(pk__in=[]),
        SEMUA: Q(),
    }
    jumlah = scope.order_by().aggregate(
        putus=Count("pk", filter=saring[PUTUS] & Q(status=Keberatan.Status.DIAJUKAN)),
        saya=Count("pk", filter=saring[SAYA]),
        penilai=Count("pk", filter=saring[PENILAI]),
        semua=Count("pk"),
    )
    if cakupan not in CAKUPAN:
        cakupan = PUTUS if jumlah[PUTUS] else SEMUA
    qs: QuerySet[Keberatan] = scope.filter(saring[cakupan])
    if status in Keberatan.Status.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    qs = qs.select_related(
        "evaluasi", "evaluasi__pegawai", "evaluasi__periode", "evaluasi__unit", "evaluasi__penilai", "pemutus"
    ).order_by("status", "-created_at", "-pk")  # "diajukan" sorts before "diputus": waiting first
    return KeberatanDaftar(halaman=halaman_get(qs, nomor_halaman), cakupan=cakupan, status=status, jumlah=jumlah)


# --- one objection: both sides ---------------------------------------------------------------------


@dataclass(frozen=True)
class KeberatanHalaman:
    keberatan: Keberatan
    evaluasi: EvaluasiPegawai
    diri: PenilaianDiriKinerja | None  # only a submitted self-assessment is shown
    rating_rhk: list[RatingRhk]
    rekan: RekanRingkasan | None
    batas_pengajuan: dt.date


def keberatan_halaman(keberatan: Keberatan) -> KeberatanHalaman:
    """Everything the decider weighs (and the history shows): the evaluation, the per-RHK
    ratings with the pegawai's proposals, the submitted self-assessment, the released peer
    aggregate (anonymous), the reasons and the rater's response."""
    evaluasi = (
        EvaluasiPegawai.objects.select_related(
            "pegawai", "periode", "unit", "jabatan", "penilai", "atasan_penilai", "difinalkan_oleh"
        )
        .filter(pk=keberatan.evaluasi_id)
        .get()
    )
    diri = PenilaianDiriKinerja.objects.filter(
        evaluasi_id=evaluasi.pk, status=PenilaianDiriKinerja.Status.TERKIRIM
    ).first()
    rating_rhk = list(
        RatingRhk.objects.filter(evaluasi_id=evaluasi.pk)
        .select_related("rhk")
        .order_by("rhk__jenis", "rhk__urutan", "rhk__pk")
    )
    return KeberatanHalaman(
        keberatan=keberatan,
        evaluasi=evaluasi,
        diri=diri,
        rating_rhk=rating_rhk,
        rekan=rekan_ringkasan(evaluasi),
        batas_pengajuan=keberatan_batas_evaluasi(evaluasi),
    )


# --- the filing page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PengajuanKeadaan:
    evaluasi: EvaluasiPegawai
    keberatan: Keberatan | None  # already filed
    penghalang: str  # why it cannot be filed today ("" when it can)
    batas: dt.date | None  # the last day (once the result is final)
    hari: int
    rating_rhk: list[RatingRhk]


def pengajuan_keadaan(evaluasi: EvaluasiPegawai, *, hari_ini: dt.date | None = None) -> PengajuanKeadaan:
    hari_ini = hari_ini or timezone.localdate()
    hari = PengaturanKinerja.get().keberatan_hari
    keberatan = Keberatan.objects.filter(evaluasi_id=evaluasi.pk).first()
    final = evaluasi.status == EvaluasiPegawai.Status.FINAL
    return PengajuanKeadaan(
        evaluasi=evaluasi,
        keberatan=keberatan,
        penghalang=keberatan_penghalang(evaluasi, sudah_ada=keberatan is not None, hari_ini=hari_ini, hari=hari),
        batas=keberatan_batas_evaluasi(evaluasi, hari) if final else None,
        hari=hari,
        rating_rhk=(
            list(
                RatingRhk.objects.filter(evaluasi_id=evaluasi.pk)
                .select_related("rhk")
                .order_by("rhk__jenis", "rhk__urutan", "rhk__pk")
            )
            if final
            else []
        ),
    )
