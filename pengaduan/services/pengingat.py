"""The daily reminder and escalation job for complaint deadlines (Celery beat, 06:15 WIB).

- A deadline within PengaturanPengaduan.pengingat_hari working days (today included): the
  responsible officer is reminded, or the OPD's Petugas Pengaduan when nobody is assigned yet.
- A deadline passed on an open case: escalated once to the responsible officer, their atasan
  and the OPD's Petugas Pengaduan.
Keyed per case, deadline kind and date, so a rerun (or the next day's run) repeats nothing; a
deadline moved by a holiday change is a new key. Texts carry the tracking code, the class and
the OPD only: never the complainant, and the pegawai a complaint is about is never a recipient.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from notifikasi.services import PesanNotifikasi, notifikasi_kirim_banyak

from ..models import STATUS_TERBUKA, Kelas, Pengaduan, PengaturanPengaduan, StatusPengaduan
from ..rules import hari_kerja_sisa
from ..selectors.petugas import petugas_user_ids
from .kalender import batas_hitung, libur_set

JENIS_BATAS = {"verifikasi": "verifikasi", "tanggapan": "tanggapan pertama", "selesai": "penyelesaian"}


def _batas_relevan(status: str, baris: dict) -> list[tuple[str, dt.date]]:
    hasil = []
    if status == StatusPengaduan.BARU:
        hasil.append(("verifikasi", baris["batas_verifikasi"]))
    if status == StatusPengaduan.DIDISPOSISIKAN and baris["batas_tanggapan"]:
        hasil.append(("tanggapan", baris["batas_tanggapan"]))
    if status != StatusPengaduan.BARU and baris["batas_selesai"]:
        hasil.append(("selesai", baris["batas_selesai"]))
    return hasil


def pengingat_pengaduan(*, hari_ini: dt.date | None = None) -> dict[str, int]:
    """Send today's reminders and escalations; returns {"pengingat": n, "eskalasi": n}."""
    hari_ini = hari_ini or timezone.localdate()
    pengaturan = PengaturanPengaduan.get()
    batas_dekat = batas_hitung(hari_ini, pengaturan.pengingat_hari) if pengaturan.pengingat_hari else hari_ini
    dalam_jendela = (
        Q(status=StatusPengaduan.BARU, batas_verifikasi__lte=batas_dekat)
        | Q(status=StatusPengaduan.DIDISPOSISIKAN, batas_tanggapan__lte=batas_dekat)
        | (~Q(status=StatusPengaduan.BARU) & Q(batas_selesai__lte=batas_dekat))
    )
    baris = list(
        Pengaduan.objects.filter(dalam_jendela, status__in=STATUS_TERBUKA).values(
            "id",
            "kode",
            "kelas",
            "status",
            "opd_id",
            "opd__nama",
            "batas_verifikasi",
            "batas_tanggapan",
            "batas_selesai",
            "petugas_tindak__user_id",
            "petugas_tindak__atasan__user_id",
            "pegawai_terlapor__user_id",
        )
    )
    if not baris:
        return {"pengingat": 0, "eskalasi": 0}
    petugas = petugas_user_ids({b["opd_id"] for b in baris})
    libur = libur_set(min(b["batas_verifikasi"] for b in baris), batas_dekat + dt.timedelta(days=31))
    kelas = dict(Kelas.choices)
    pengingat: list[PesanNotifikasi] = []
    eskalasi: list[PesanNotifikasi] = []
    for b in baris:
        tautan = reverse("pengaduan:aduan-detail", args=[b["id"]])
        terlapor = b["pegawai_terlapor__user_id"]
        petugas_opd = petugas.get(b["opd_id"], set())
        penanggung_jawab = b["petugas_tindak__user_id"]
        for jenis, batas in _batas_relevan(b["status"], b):
            if batas > batas_dekat:
                continue
            label = JENIS_BATAS[jenis]
            pokok = f"{b['kode']} ({kelas.get(b['kelas'], b['kelas'])}, {b['opd__nama']})"
            if batas < hari_ini:
                penerima = {penanggung_jawab, b["petugas_tindak__atasan__user_id"], *petugas_opd}
                lewat = -hari_kerja_sisa(hari_ini, batas, libur)
                judul = f"Pengaduan {b['kode']} melewati batas {label}"
                pesan = f"Batas {label} pengaduan {pokok} adalah {batas:%d-%m-%Y}, terlambat {lewat} hari kerja."
                tujuan, akhiran = eskalasi, "lewat"
            else:
                penerima = {penanggung_jawab} if penanggung_jawab else set(petugas_opd)
                sisa = hari_kerja_sisa(hari_ini, batas, libur)
                kapan = "hari ini" if sisa == 0 else f"{sisa} hari kerja lagi"
                judul = f"Batas {label} pengaduan {b['kode']}: {kapan}"
                pesan = f"Pengaduan {pokok} harus sudah {label} paling lambat {batas:%d-%m-%Y}."
                tujuan, akhiran = pengingat, "ingat"
            kunci = f"aduan:{b['id']}:{jenis}:{batas.isoformat()}:{akhiran}"
            for uid in penerima - {None, terlapor}:
                tujuan.append(PesanNotifikasi(penerima_id=uid, judul=judul, pesan=pesan, tautan=tautan, kunci=kunci))
    return {"pengingat": notifikasi_kirim_banyak(pengingat), "eskalasi": notifikasi_kirim_banyak(eskalasi)}
