"""Excel export of the monthly daily-log recap (through the shared writer asn_kinerja.xlsx):
one row per pegawai, streamed from the recap statement, and a sheet with the rules applied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru
from unduhan.registry import Progres, baris_berprogres

from ..models import PengaturanKinerja
from ..selectors.log import RekapBaris, log_rekap_baris

KOLOM_REKAP = [
    Kolom("NIP", 22, "@"),
    Kolom("Nama Lengkap", 36),
    Kolom("Jabatan", 32),
    Kolom("Unit Kerja", 32),
    Kolom("OPD", 32),
    Kolom("Menit Disetujui", 14, "#,##0"),
    Kolom("Menit Belum Diperiksa", 16, "#,##0"),
    Kolom("Menit Revisi", 12, "#,##0"),
    Kolom("Menit Ditolak", 12, "#,##0"),
    Kolom("Hari Terisi", 10, "0"),
    Kolom("Hari di Bawah Minimum", 14, "0"),
    Kolom("Target Bulanan (menit)", 14, "#,##0"),
    Kolom("Capaian Target", 12, "0.0%"),
]
_HIJAU = PatternFill("solid", fgColor="D1E7DD")
_KUNING = PatternFill("solid", fgColor="FFF3CD")
_INDEKS_CAPAIAN = len(KOLOM_REKAP) - 1


def rekap_rows(baris: Iterable[RekapBaris]) -> Iterator[tuple]:
    for b in baris:
        yield (
            b.nip,
            b.nama_lengkap,
            b.jabatan,
            b.unit,
            b.opd,
            b.disetujui,
            b.belum,
            b.revisi,
            b.ditolak,
            b.hari_terisi,
            b.hari_kurang,
            b.target,
            (b.disetujui / b.target) if b.target else None,
        )


def _warna(row: tuple) -> list:
    warna = [None] * len(KOLOM_REKAP)
    capaian = row[_INDEKS_CAPAIAN]
    if capaian is not None:
        warna[_INDEKS_CAPAIAN] = _HIJAU if capaian >= 1 else _KUNING
    return warna


def log_rekap_workbook(baris: Iterable[RekapBaris], *, bulan: dt.date, pengaturan: PengaturanKinerja) -> Workbook:
    wb = workbook_baru()
    sheet_tulis(wb, f"Rekap Log {bulan:%Y-%m}", KOLOM_REKAP, rekap_rows(baris), fills=_warna)
    sheet_tulis(
        wb,
        "Keterangan",
        [Kolom("Keterangan", 44), Kolom("Nilai", 30)],
        [
            ("Bulan", date_format(bulan, "F Y")),
            ("Target menit per bulan", pengaturan.log_target_bulanan),
            ("Menit minimum per hari", pengaturan.log_menit_min_harian),
            ("Menit maksimum per hari", pengaturan.log_menit_maks_harian),
            ("Hari terisi", "hari dengan log yang tidak ditolak"),
            ("Hari di bawah minimum", "hari terisi dengan total log (selain yang ditolak) di bawah minimum"),
            ("Capaian target", "menit disetujui dibagi target menit per bulan"),
            ("Diunduh", timezone.localtime().strftime("%d-%m-%Y %H:%M")),
        ],
    )
    return wb


def log_rekap_nama_berkas(bulan: dt.date) -> str:
    return f"rekap-log-harian-{bulan:%Y-%m}.xlsx"


def log_rekap_ekspor(filterset, *, bulan: dt.date, progres: Progres | None = None) -> tuple[Workbook, str]:
    """The recap of a valid LogRekapFilter (the page's, or the task's from the same parameters)
    as (workbook, file name). With `progres`, one more query counts the rows to report on."""
    pengaturan = PengaturanKinerja.get()
    baris = log_rekap_baris(filterset.qs, bulan=bulan, pengaturan=pengaturan, urut=filterset.urut_dipilih)
    if progres is not None:
        baris = baris_berprogres(baris, total=filterset.qs.order_by().count(), progres=progres)
    return log_rekap_workbook(baris, bulan=bulan, pengaturan=pengaturan), log_rekap_nama_berkas(bulan)
