"""Excel exports of employee data (through the shared writer in asn_kinerja.xlsx)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru

from .models import Jabatan, Pegawai

KOLOM_DIREKTORI = [
    Kolom("NIP", 22, "@"),
    Kolom("Nama Lengkap", 36),
    Kolom("Jenis Kelamin", 14),
    Kolom("Status", 10),
    Kolom("Golongan/Grade", 14),
    Kolom("Pangkat", 24),
    Kolom("Jabatan", 32),
    Kolom("Jenis Jabatan", 22),
    Kolom("Unit Kerja", 32),
    Kolom("OPD", 32),
    Kolom("NIP Atasan", 22, "@"),
    Kolom("Nama Atasan", 32),
    Kolom("E-mail", 28),
    Kolom("Telepon", 16, "@"),
    Kolom("Aktif", 8),
]

_STATUS = dict(Pegawai.Status.choices)
_JENIS_JABATAN = dict(Jabatan.Jenis.choices)
_KELAMIN = {"1": "Laki-laki", "2": "Perempuan"}


def _nama_lengkap(depan: str, nama: str | None, belakang: str) -> str:
    if nama is None:
        return ""
    return Pegawai(gelar_depan=depan or "", nama=nama, gelar_belakang=belakang or "").nama_lengkap


def pegawai_direktori_rows(qs: QuerySet[Pegawai]) -> Iterator[tuple]:
    """Rows of the directory export: one query, streamed (no model instances)."""
    rows = (
        qs.select_related(None)
        .order_by("nama", "nip")
        .values_list(
            "nip",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "status_kepegawaian",
            "golongan",
            "jabatan__nama",
            "jabatan__jenis",
            "unit__nama",
            "unit__opd__nama",
            "atasan__nip",
            "atasan__gelar_depan",
            "atasan__nama",
            "atasan__gelar_belakang",
            "email",
            "telepon",
            "aktif",
        )
        .iterator(chunk_size=2000)
    )
    for (
        nip,
        depan,
        nama,
        belakang,
        status,
        golongan,
        jabatan,
        jenis_jabatan,
        unit,
        opd,
        atasan_nip,
        atasan_depan,
        atasan_nama,
        atasan_belakang,
        email,
        telepon,
        aktif,
    ) in rows:
        yield (
            nip,
            _nama_lengkap(depan, nama, belakang),
            _KELAMIN.get(nip[14:15], ""),
            _STATUS.get(status, status),
            golongan,
            Pegawai.PANGKAT.get(golongan, ""),
            jabatan,
            _JENIS_JABATAN.get(jenis_jabatan, jenis_jabatan),
            unit,
            opd or "",
            atasan_nip or "",
            _nama_lengkap(atasan_depan, atasan_nama, atasan_belakang),
            email,
            telepon,
            "Ya" if aktif else "Tidak",
        )


def pegawai_direktori_workbook(qs: QuerySet[Pegawai]) -> Workbook:
    wb = workbook_baru()
    sheet_tulis(wb, "Direktori Pegawai", KOLOM_DIREKTORI, pegawai_direktori_rows(qs))
    return wb


def pegawai_direktori_nama_berkas() -> str:
    return f"direktori-pegawai-{timezone.localdate():%Y%m%d}.xlsx"
