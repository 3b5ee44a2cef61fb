"""Reads for the public pages: what the complainant may see of their own case (public timeline
entries, due dates; never a name, a note or an id of the staff) and the surveyed services."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import LayananSkm, Pengaduan, RiwayatPengaduan, StatusPengaduan
from ..rules import terlambat

_PELAPOR = (RiwayatPengaduan.Jenis.PENILAIAN, RiwayatPengaduan.Jenis.BUKA_KEMBALI)


def riwayat_publik(pengaduan: Pengaduan) -> list[dict]:
    """The timeline entries the complainant sees, oldest first. Who wrote one is only
    "Petugas", "Anda" (the complainant) or "Sistem"."""
    baris = (
        RiwayatPengaduan.objects.filter(pengaduan_id=pengaduan.pk, publik=True)
        .exclude(jenis=RiwayatPengaduan.Jenis.CATATAN)
        .order_by("created_at", "id")
        .values("jenis", "status_ke", "isi", "created_at", "oleh_id")
    )
    hasil = []
    for b in baris:
        if b["oleh_id"]:
            pelaku = "Petugas"
        elif b["jenis"] in _PELAPOR:
            pelaku = "Anda"
        else:
            pelaku = "Sistem"
        hasil.append(
            {
                "jenis": RiwayatPengaduan.Jenis(b["jenis"]).label,
                "status_ke": StatusPengaduan(b["status_ke"]).label if b["status_ke"] else "",
                "isi": b["isi"],
                "waktu": b["created_at"],
                "pelaku": pelaku,
            }
        )
    return hasil


def _tanggal(waktu: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(waktu) if waktu else None


def tenggat_publik(pengaduan: Pengaduan, *, hari_ini: dt.date) -> list[dict]:
    """The due dates set so far, each with whether it was met and whether it is late. A case
    closed without being handled (rejected) is no longer measured against its open deadlines."""
    tahap = (
        ("Verifikasi", pengaduan.batas_verifikasi, _tanggal(pengaduan.terverifikasi_pada)),
        ("Tanggapan pertama", pengaduan.batas_tanggapan, _tanggal(pengaduan.ditanggapi_pada)),
        ("Penyelesaian", pengaduan.batas_selesai, _tanggal(pengaduan.selesai_pada)),
    )
    hasil = []
    for label, batas, selesai in tahap:
        if batas is None:
            continue
        diukur = selesai is not None or pengaduan.terbuka
        hasil.append(
            {
                "label": label,
                "batas": batas,
                "selesai": selesai,
                "terlambat": diukur and terlambat(batas=batas, selesai=selesai, hari_ini=hari_ini),
            }
        )
    return hasil


def layanan_publik_list() -> list[dict]:
    """Active surveyed services with their OPD's name (for grouping), by OPD then name."""
    return list(
        LayananSkm.objects.filter(aktif=True, unit__aktif=True)
        .annotate(opd_nama=Coalesce(F("unit__opd__nama"), F("unit__nama")))
        .order_by("opd_nama", "unit__nama", "nama")
        .values("kode_publik", "nama", "opd_nama", unit_nama=F("unit__nama"))
    )
