"""Daily deadline reminders (in-app notification plus e-mail), run by a Celery beat job.

For each period in "penilaian" whose deadline falls within `PengaturanKinerja.pengingat_hari`
days (from today up to and including the deadline day):
- batas_penilaian_diri: every active pegawai whose self-assessment is not sent (and whose result
  is not final yet);
- batas_penilaian_rekan: every peer with unanswered peer forms (one notification with the count);
- batas_penilaian_atasan: every rater with evaluations not final (one notification with the count).
Independently of deadlines: every decider with objections waiting since before today (the filing
itself already notified them) gets one notification with the count.

Idempotent per day: each notification carries a key with the period and the date
(`pengingat-diri:<periode>:<YYYY-MM-DD>`), so a second run the same day sends nothing, and the
next day within the window reminds again. Set-based: a few grouped queries per period (there are
only a handful of periods in penilaian), never one query per employee; the notifications are
written with one bulk insert.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from notifikasi.services import PesanNotifikasi, notifikasi_kirim_banyak

from ..models import EvaluasiPegawai, Keberatan, PengaturanKinerja, PenilaianDiriKinerja, PenugasanRekanKinerja, Periode
from .keberatan import tanggal_teks


def _url(nama: str, *args) -> str:
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:  # the route belongs to another area that may not exist yet
        return ""


def _sisa(batas: dt.date, hari_ini: dt.date) -> str:
    selisih = (batas - hari_ini).days
    if selisih == 0:
        return "hari ini hari terakhir"
    if selisih == 1:
        return "besok hari terakhir"
    return f"{selisih} hari lagi"


def _dalam_jendela(batas: dt.date, hari_ini: dt.date, hari: int) -> bool:
    return hari_ini <= batas <= hari_ini + dt.timedelta(days=hari)


def _pengingat_diri(periode: Periode, hari_ini: dt.date) -> list[PesanNotifikasi]:
    batas = periode.batas_penilaian_diri
    baris = (
        EvaluasiPegawai.objects.filter(periode=periode, pegawai__aktif=True, pegawai__user__isnull=False)
        .exclude(status=EvaluasiPegawai.Status.FINAL)
        .exclude(penilaian_diri__status=PenilaianDiriKinerja.Status.TERKIRIM)
        .values_list("pk", "pegawai__user_id")
    )
    kunci = f"pengingat-diri:{periode.pk}:{hari_ini.isoformat()}"
    judul = f"Pengingat: penilaian diri {periode.nama} ({_sisa(batas, hari_ini)})"
    pesan = (
        f"Penilaian diri Anda untuk periode {periode.nama} belum dikirim. "
        f"Batas pengiriman: {tanggal_teks(batas)} ({_sisa(batas, hari_ini)})."
    )
    return [
        PesanNotifikasi(
            penerima_id=user_id, judul=judul, pesan=pesan, tautan=_url("evaluasi:evaluasi-diri", ev_id), kunci=kunci
        )
        for ev_id, user_id in baris.iterator()
    ]


def _pengingat_rekan(periode: Periode, hari_ini: dt.date) -> list[PesanNotifikasi]:
    batas = periode.batas_penilaian_rekan
    baris = (
        PenugasanRekanKinerja.objects.filter(
            evaluasi__periode=periode,
            status=PenugasanRekanKinerja.Status.DITUGASKAN,
            penilai__aktif=True,
            penilai__user__isnull=False,
        )
        .values_list("penilai__user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kunci = f"pengingat-rekan:{periode.pk}:{hari_ini.isoformat()}"
    tautan = _url("evaluasi:rekan-tugas")
    return [
        PesanNotifikasi(
            penerima_id=user_id,
            judul=f"Pengingat: {n} penilaian rekan {periode.nama} belum diisi",
            pesan=(
                f"Anda diminta menilai perilaku kerja {n} rekan pada periode {periode.nama}. "
                f"Batas pengisian: {tanggal_teks(batas)} ({_sisa(batas, hari_ini)}). Jawaban Anda anonim."
            ),
            tautan=tautan,
            kunci=kunci,
        )
        for user_id, n in baris
    ]


def _pengingat_atasan(periode: Periode, hari_ini: dt.date) -> list[PesanNotifikasi]:
    batas = periode.batas_penilaian_atasan
    baris = (
        EvaluasiPegawai.objects.filter(periode=periode, penilai__aktif=True, penilai__user__isnull=False)
        .exclude(status=EvaluasiPegawai.Status.FINAL)
        .values_list("penilai__user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kunci = f"pengingat-atasan:{periode.pk}:{hari_ini.isoformat()}"
    tautan = _url("evaluasi:tim")
    return [
        PesanNotifikasi(
            penerima_id=user_id,
            judul=f"Pengingat: {n} penilaian bawahan {periode.nama} belum final",
            pesan=(
                f"Masih ada {n} penilaian kinerja bawahan Anda pada periode {periode.nama} yang belum difinalkan. "
                f"Batas penilaian atasan: {tanggal_teks(batas)} ({_sisa(batas, hari_ini)})."
            ),
            tautan=tautan,
            kunci=kunci,
        )
        for user_id, n in baris
    ]


def _pengingat_keberatan(hari_ini: dt.date) -> list[PesanNotifikasi]:
    awal_hari = timezone.make_aware(dt.datetime.combine(hari_ini, dt.time.min))
    baris = (
        Keberatan.objects.filter(
            status=Keberatan.Status.DIAJUKAN,
            created_at__lt=awal_hari,
            pemutus__aktif=True,
            pemutus__user__isnull=False,
        )
        .values_list("pemutus__user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kunci = f"pengingat-keberatan:{hari_ini.isoformat()}"
    tautan = _url("evaluasi:keberatan-list")
    if tautan:
        tautan += "?cakupan=putus"
    return [
        PesanNotifikasi(
            penerima_id=user_id,
            judul=f"Pengingat: {n} keberatan menunggu keputusan Anda",
            pesan=(
                f"Ada {n} keberatan atas hasil penilaian kinerja yang menunggu keputusan Anda sebagai atasan "
                "pejabat penilai. Baca keberatan dan tanggapan pejabat penilai, lalu putuskan."
            ),
            tautan=tautan,
            kunci=kunci,
        )
        for user_id, n in baris
    ]


def pengingat_kirim(*, hari_ini: dt.date | None = None) -> dict[str, int]:
    """Send today's reminders; returns how many notifications of each kind were created
    (0 everywhere on a second run the same day)."""
    hari_ini = hari_ini or timezone.localdate()
    hari = PengaturanKinerja.get().pengingat_hari
    per_jenis: dict[str, list[PesanNotifikasi]] = {"diri": [], "rekan": [], "atasan": [], "keberatan": []}
    for periode in Periode.objects.filter(status=Periode.Status.PENILAIAN).order_by("pk"):
        if _dalam_jendela(periode.batas_penilaian_diri, hari_ini, hari):
            per_jenis["diri"] += _pengingat_diri(periode, hari_ini)
        if _dalam_jendela(periode.batas_penilaian_rekan, hari_ini, hari):
            per_jenis["rekan"] += _pengingat_rekan(periode, hari_ini)
        if _dalam_jendela(periode.batas_penilaian_atasan, hari_ini, hari):
            per_jenis["atasan"] += _pengingat_atasan(periode, hari_ini)
    per_jenis["keberatan"] = _pengingat_keberatan(hari_ini)
    return {jenis: notifikasi_kirim_banyak(daftar) for jenis, daftar in per_jenis.items()}
