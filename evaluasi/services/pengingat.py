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

The daily log: when the last day a month's entries may be changed (`rules.log_batas_kunci`,
`log_kunci_hari` days after the month ends) is within the same `pengingat_hari` window, every
pegawai with entries of that month returned for revision is told to fix them, and every atasan
with entries of that month still waiting for review (after the lock they can no longer be
returned for revision) is told to check them; one notification each with the count, entries in
a closed period left out. Once per month: the key is `pengingat-log:<YYYY-MM>` (and
`pengingat-log-periksa:<YYYY-MM>`), so the following days of the window send nothing more.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation

from notifikasi.services import PesanNotifikasi, notifikasi_kirim_banyak

from ..models import (
    EvaluasiPegawai,
    Keberatan,
    LogHarian,
    PengaturanKinerja,
    PenilaianDiriKinerja,
    PenugasanRekanKinerja,
    Periode,
)
from ..rules import log_batas_kunci
from .keberatan import tanggal_teks
from .log import periode_ditutup_q


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


def _per_penerima(qs, kolom: str):
    """(user id, number of rows) per recipient, `kolom` being the path to the user id: one
    grouped query."""
    return qs.values_list(kolom).annotate(n=Count("pk")).order_by()


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
    baris = _per_penerima(
        PenugasanRekanKinerja.objects.filter(
            evaluasi__periode=periode,
            status=PenugasanRekanKinerja.Status.DITUGASKAN,
            penilai__aktif=True,
            penilai__user__isnull=False,
        ),
        "penilai__user_id",
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
    evaluasi = EvaluasiPegawai.objects.filter(periode=periode, penilai__aktif=True, penilai__user__isnull=False)
    baris = _per_penerima(evaluasi.exclude(status=EvaluasiPegawai.Status.FINAL), "penilai__user_id")
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
    baris = _per_penerima(
        Keberatan.objects.filter(
            status=Keberatan.Status.DIAJUKAN,
            created_at__lt=awal_hari,
            pemutus__aktif=True,
            pemutus__user__isnull=False,
        ),
        "pemutus__user_id",
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


def _bulan_teks(bulan: dt.date) -> str:
    """ "Oktober 2026", whatever language the caller (a task) runs in."""
    with translation.override("id"):
        return formats.date_format(bulan, "F Y")


def _bulan_berikut(bulan: dt.date) -> dt.date:
    return (bulan.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def log_bulan_segera_terkunci(hari_ini: dt.date, *, hari: int, kunci_hari: int) -> list[dt.date]:
    """The months (their first day) whose entries may be changed for the last time within the
    window: from today up to `hari` days ahead. Months that have not started are left out."""
    # The month containing (today - kunci_hari) is the earliest one still open today.
    bulan = (hari_ini - dt.timedelta(days=kunci_hari)).replace(day=1)
    hasil = []
    while bulan <= hari_ini and log_batas_kunci(bulan, kunci_hari) <= hari_ini + dt.timedelta(days=hari):
        hasil.append(bulan)
        bulan = _bulan_berikut(bulan)
    return hasil


def _log_bulan_qs(bulan: dt.date):
    """The month's entries outside closed periods (those can no longer change anyway)."""
    akhir = _bulan_berikut(bulan) - dt.timedelta(days=1)
    return LogHarian.objects.filter(tanggal__range=(bulan, akhir)).exclude(periode_ditutup_q())


def _pengingat_log(bulan: dt.date, hari_ini: dt.date, kunci_hari: int) -> list[PesanNotifikasi]:
    """Pegawai with entries of `bulan` returned for revision: fix them before the month locks."""
    batas = log_batas_kunci(bulan, kunci_hari)
    nama = _bulan_teks(bulan)
    baris = _per_penerima(
        _log_bulan_qs(bulan).filter(status=LogHarian.Status.REVISI, pegawai__aktif=True, pegawai__user__isnull=False),
        "pegawai__user_id",
    )
    tautan = _url("evaluasi:log-list")
    if tautan:
        tautan += f"?bulan={bulan:%Y-%m}"
    return [
        PesanNotifikasi(
            penerima_id=user_id,
            judul=f"Pengingat: {n} log aktivitas {nama} perlu diperbaiki",
            pesan=(
                f"Atasan mengembalikan {n} log aktivitas harian Anda bulan {nama} untuk revisi. "
                f"Perbaiki dan simpan sebelum log bulan itu terkunci; batas perubahan: "
                f"{tanggal_teks(batas)} ({_sisa(batas, hari_ini)})."
            ),
            tautan=tautan,
            kunci=f"pengingat-log:{bulan:%Y-%m}",
        )
        for user_id, n in baris
    ]


def _pengingat_log_periksa(bulan: dt.date, hari_ini: dt.date, kunci_hari: int) -> list[PesanNotifikasi]:
    """Atasan with their direct subordinates' entries of `bulan` still waiting for review
    (the reviewers of `access.log_periksa_scope`)."""
    batas = log_batas_kunci(bulan, kunci_hari)
    nama = _bulan_teks(bulan)
    baris = _per_penerima(
        _log_bulan_qs(bulan).filter(
            status=LogHarian.Status.BELUM_DIPERIKSA,
            pegawai__atasan__aktif=True,
            pegawai__atasan__user__isnull=False,
        ),
        "pegawai__atasan__user_id",
    )
    tautan = _url("evaluasi:log-periksa")
    if tautan:
        akhir = _bulan_berikut(bulan) - dt.timedelta(days=1)
        tautan += f"?dari={bulan.isoformat()}&sampai={akhir.isoformat()}"
    return [
        PesanNotifikasi(
            penerima_id=user_id,
            judul=f"Pengingat: {n} log aktivitas bawahan {nama} belum diperiksa",
            pesan=(
                f"Ada {n} log aktivitas harian bawahan Anda bulan {nama} yang belum diperiksa. "
                f"Log bulan itu terkunci sesudah {tanggal_teks(batas)} ({_sisa(batas, hari_ini)}); "
                "sesudahnya log tidak dapat lagi dikembalikan untuk revisi."
            ),
            tautan=tautan,
            kunci=f"pengingat-log-periksa:{bulan:%Y-%m}",
        )
        for user_id, n in baris
    ]


def pengingat_kirim(*, hari_ini: dt.date | None = None) -> dict[str, int]:
    """Send today's reminders; returns how many notifications of each kind were created
    (0 everywhere on a second run the same day)."""
    hari_ini = hari_ini or timezone.localdate()
    pengaturan = PengaturanKinerja.get()
    hari = pengaturan.pengingat_hari
    per_jenis: dict[str, list[PesanNotifikasi]] = {
        "diri": [],
        "rekan": [],
        "atasan": [],
        "keberatan": [],
        "log": [],
        "log_periksa": [],
    }
    for periode in Periode.objects.filter(status=Periode.Status.PENILAIAN).order_by("pk"):
        if _dalam_jendela(periode.batas_penilaian_diri, hari_ini, hari):
            per_jenis["diri"] += _pengingat_diri(periode, hari_ini)
        if _dalam_jendela(periode.batas_penilaian_rekan, hari_ini, hari):
            per_jenis["rekan"] += _pengingat_rekan(periode, hari_ini)
        if _dalam_jendela(periode.batas_penilaian_atasan, hari_ini, hari):
            per_jenis["atasan"] += _pengingat_atasan(periode, hari_ini)
    per_jenis["keberatan"] = _pengingat_keberatan(hari_ini)
    for bulan in log_bulan_segera_terkunci(hari_ini, hari=hari, kunci_hari=pengaturan.log_kunci_hari):
        per_jenis["log"] += _pengingat_log(bulan, hari_ini, pengaturan.log_kunci_hari)
        per_jenis["log_periksa"] += _pengingat_log_periksa(bulan, hari_ini, pengaturan.log_kunci_hari)
    return {jenis: notifikasi_kirim_banyak(daftar) for jenis, daftar in per_jenis.items()}
