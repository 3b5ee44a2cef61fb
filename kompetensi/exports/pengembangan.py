"""Excel export of the 20-JP compliance list (through the shared writer in asn_kinerja.xlsx)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru
from pegawai.models import Jabatan, Pegawai

from ..models.pengembangan import JP_MINIMUM_TAHUNAN

KOLOM_JP = [
    Kolom("NIP", 22, "@"),
    Kolom("Nama Lengkap", 36),
    Kolom("Status", 10),
    Kolom("Jabatan", 32),
    Kolom("Jenis Jabatan", 20),
    Kolom("Unit Kerja", 32),
    Kolom("OPD", 32),
    Kolom("Tahun", 8, "0"),
    Kolom("JP Selesai", 12, "0"),
    Kolom("JP Direncanakan", 16, "0"),
    Kolom(f"Kekurangan dari {JP_MINIMUM_TAHUNAN} JP", 18, "0"),
    Kolom(f"Memenuhi {JP_MINIMUM_TAHUNAN} JP", 16),
]

_STATUS = dict(Pegawai.Status.choices)
_JENIS_JABATAN = dict(Jabatan.Jenis.choices)
_HIJAU = PatternFill("solid", fgColor="D1E7DD")
_MERAH = PatternFill("solid", fgColor="F8D7DA")
_KOSONG = [None] * (len(KOLOM_JP) - 1)


def jp_rows(qs: QuerySet[Pegawai], tahun: int) -> Iterator[tuple]:
    """One row per employee of the filtered list (annotated by `jp_annotate`): one query, streamed."""
    rows = (
        qs.select_related(None)
        .order_by("nama", "nip")
        .values_list(
            "nip",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "status_kepegawaian",
            "jabatan__nama",
            "jabatan__jenis",
            "unit__nama",
            "unit__opd__nama",
            "jp_selesai",
            "jp_direncanakan",
        )
        .iterator(chunk_size=2000)
    )
    for nip, depan, nama, belakang, status, jabatan, jenis, unit, opd, selesai, rencana in rows:
        nama_lengkap = Pegawai(gelar_depan=depan or "", nama=nama, gelar_belakang=belakang or "").nama_lengkap
        yield (
            nip,
            nama_lengkap,
            _STATUS.get(status, status),
            jabatan,
            _JENIS_JABATAN.get(jenis, jenis),
            unit,
            opd or "",
            tahun,
            selesai,
            rencana,
            max(0, JP_MINIMUM_TAHUNAN - selesai),
            "Ya" if selesai >= JP_MINIMUM_TAHUNAN else "Tidak",
        )


def _warna(row) -> list:
    return [*_KOSONG, _HIJAU if row[-1] == "Ya" else _MERAH]


def jp_workbook(qs: QuerySet[Pegawai], tahun: int) -> Workbook:
    wb = workbook_baru()
    sheet_tulis(wb, f"Kepatuhan {JP_MINIMUM_TAHUNAN} JP {tahun}", KOLOM_JP, jp_rows(qs, tahun), fills=_warna)
    return wb


def jp_nama_berkas(tahun: int) -> str:
    return f"kepatuhan-{JP_MINIMUM_TAHUNAN}jp-{tahun}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
