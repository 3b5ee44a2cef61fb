"""Excel exports of competency results: the team/unit matrix with its JPM sheet, JPM per
participant, and the training needs. Each takes participants (a queryset or ids) and returns
the workbook's bytes, so a benchmark or a task can call it without HTTP (the matrix also as a
Workbook, `tim_matriks_buku`, for the background export in exports/latar.py).

Streaming: rows come from `values_list(...).iterator()` ordered by participant and are pivoted
on the fly (one participant in memory at a time), written by openpyxl in write-only mode
(asn_kinerja.xlsx; the matrix by a faster writer of the same layout, `_matriks_tulis`). The number of queries does not depend on the number of rows: the matrix
costs three (columns, matrix rows, JPM rows).

No export holds a per-peer answer or a peer's identity: only results are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from asn_kinerja.xlsx import Kolom, aman, sheet_tulis, workbook_baru, workbook_bytes
from unduhan.registry import Progres, baris_berprogres

from ..models import PesertaPenilaian
from ..selectors.laporan import (
    KATEGORI_LABEL,
    WARNA_BAIK,
    WARNA_BURUK,
    WARNA_KOSONG,
    WARNA_SEDANG,
    gap_warna,
    kebutuhan_rows,
    kebutuhan_unit_rows,
    kompetensi_kolom,
    rata_gap_warna,
)

CHUNK = 2000
FILL = {
    WARNA_BAIK: PatternFill("solid", fgColor="C6EFCE"),
    WARNA_SEDANG: PatternFill("solid", fgColor="FFEB9C"),
    WARNA_BURUK: PatternFill("solid", fgColor="FFC7CE"),
    WARNA_KOSONG: PatternFill("solid", fgColor="D9D9D9"),
}

KOLOM_IDENTITAS = [
    Kolom("NIP", 22, "@"),
    Kolom("Nama", 34),
    Kolom("Unit Kerja", 30),
    Kolom("Jabatan", 30),
]
KOLOM_JPM = [
    Kolom("NIP", 22, "@"),
    Kolom("Nama", 34),
    Kolom("Unit Kerja", 30),
    Kolom("OPD", 30),
    Kolom("Jabatan", 30),
    Kolom("JPM (%)", 10, "0.00"),
    Kolom("Kategori", 16),
]
KOLOM_KEBUTUHAN = [
    Kolom("Kode", 14),
    Kolom("Kompetensi", 34),
    Kolom("Jenis", 16),
    Kolom("Peserta dengan standar", 12, "#,##0"),
    Kolom("Dinilai", 10, "#,##0"),
    Kolom("Gap negatif", 12, "#,##0"),
    Kolom("% gap negatif dari yang dinilai", 14, "0.0"),
    Kolom("Rata-rata gap", 12, "0.00"),
]
KOLOM_KEBUTUHAN_UNIT = [
    Kolom("Kode", 14),
    Kolom("Kompetensi", 34),
    Kolom("Unit Kerja", 34),
    Kolom("OPD", 30),
    Kolom("Peserta dengan standar", 12, "#,##0"),
    Kolom("Dinilai", 10, "#,##0"),
    Kolom("Gap negatif", 12, "#,##0"),
    Kolom("% gap negatif dari yang dinilai", 14, "0.0"),
    Kolom("Rata-rata gap", 12, "0.00"),
]


def _peserta_qs(peserta: QuerySet | Iterable[int]) -> QuerySet[PesertaPenilaian]:
    if isinstance(peserta, QuerySet):
        return peserta
    return PesertaPenilaian.objects.filter(pk__in=list(peserta))


def _nama(depan: str | None, nama: str | None, belakang: str | None) -> str:
    if nama is None:
        return ""
    return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"


_URUT_PESERTA = ("pegawai__nama", "pegawai__nip", "pk")
_IDENTITAS = (
    "pk",
    "pegawai__nip",
    "pegawai__gelar_depan",
    "pegawai__nama",
    "pegawai__gelar_belakang",
    "unit__nama",
    "jabatan__nama",
    "jpm",
    "kategori",
)


# --- the matrix -------------------------------------------------------------------------------


def tim_matriks_rows(qs: QuerySet[PesertaPenilaian], kolom: list[tuple[int, str, str]]) -> Iterator[tuple]:
    """One row per participant: identity, (standard, attained, gap) per column, JPM, category.

    One query: participants LEFT JOIN results, ordered by participant, pivoted as they stream."""
    posisi = {kid: i for i, (kid, _, _) in enumerate(kolom)}
    n = len(kolom)
    rows = (
        qs.order_by(*_URUT_PESERTA, "hasil__kompetensi_id")
        .values_list(*_IDENTITAS, "hasil__kompetensi_id", "hasil__standar", "hasil__capaian", "hasil__gap")
        .iterator(chunk_size=CHUNK)
    )
    sekarang = None
    kepala: tuple = ()
    sel: list = []
    for pk, nip, depan, nama, belakang, unit, jabatan, jpm, kategori, kid, standar, capaian, gap in rows:
        if pk != sekarang:
            if sekarang is not None:
                yield kepala + tuple(sel)
            sekarang = pk
            kepala = (nip, _nama(depan, nama, belakang), unit, jabatan)
            sel = [None] * (3 * n) + [jpm, KATEGORI_LABEL.get(kategori, "")]
        i = posisi.get(kid)
        if i is not None:
            sel[3 * i : 3 * i + 3] = [standar, capaian, gap]
    if sekarang is not None:
        yield kepala + tuple(sel)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_JUDUL_FONT = Font(bold=True, color="FFFFFF")
_JUDUL_FILL = PatternFill("solid", fgColor="0B5394")  # as asn_kinerja.xlsx writes headers


def _gaya(ws, **atribut) -> StyleArray:
    contoh = WriteOnlyCell(ws)
    for nama, nilai in atribut.items():
        setattr(contoh, nama, nilai)
    return contoh._style


def _matriks_tulis(wb, kolom: list[Kolom], rows: Iterable[tuple], n: int) -> None:
    """The matrix sheet, laid out like `asn_kinerja.xlsx.sheet_tulis` (header style, frozen
    header, autofilter, widths, text never read as a formula) but several times faster for
    10,000 x 10: plain numbers go in as bare values, and every styled cell reuses a style
    array prepared once instead of resolving a PatternFill per cell."""
    ws = wb.create_sheet(title="Matriks Kompetensi")
    for i, k in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    ws.freeze_panes = "A2"
    judul = _gaya(ws, font=_JUDUL_FONT, fill=_JUDUL_FILL, alignment=Alignment(vertical="center", wrap_text=True))
    header = []
    for k in kolom:
        cell = Cell(ws, row=1, column=1, value=k.judul, style_array=judul)
        if cell.data_type == "f":
            cell.data_type = "s"  # a competency named "=..." stays text, never a formula
        header.append(cell)
    ws.append(header)
    teks = _gaya(ws, number_format="@")
    format_jpm = _gaya(ws, number_format=kolom[-2].format or "General")
    warna = {nama: _gaya(ws, fill=fill) for nama, fill in FILL.items()}
    awal = len(KOLOM_IDENTITAS)
    jumlah = 0

    def sel_teks(nilai, gaya=None):
        if nilai is None or not (gaya is not None or nilai.startswith(_FORMULA)):
            return nilai
        cell = Cell(ws, row=1, column=1, value=nilai, style_array=gaya)
        cell.data_type = "s"  # text, even when it starts with = + - @
        return cell

    for row in rows:
        jumlah += 1
        keluar = [sel_teks(row[0], teks), *(sel_teks(v) for v in row[1:awal])]
        for i in range(n):
            j = awal + 3 * i
            standar, capaian, gap = row[j], row[j + 1], row[j + 2]
            if standar is None:
                keluar += [None, None, None]  # not in this person's standard: left blank
                continue
            gaya = warna[gap_warna(gap)]
            keluar += [
                standar,
                Cell(ws, row=1, column=1, value=capaian, style_array=gaya),
                Cell(ws, row=1, column=1, value=gap, style_array=gaya),
            ]
        jpm, kategori = row[-2:]
        keluar += [
            None if jpm is None else Cell(ws, row=1, column=1, value=aman(jpm), style_array=format_jpm),
            kategori,
        ]
        ws.append(keluar)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(kolom), 1))}{jumlah + 1}"


def tim_matriks_buku(peserta: QuerySet | Iterable[int], *, progres: Progres | None = None) -> Workbook:
    """The matrix (people x competencies: standard, attained, gap, filled by gap) and a "JPM"
    sheet (one row per participant). Three queries, streamed; with `progres` (a background
    export) one more counts the participants to report on."""
    qs = _peserta_qs(peserta)
    kolom = kompetensi_kolom(qs)
    judul = list(KOLOM_IDENTITAS)
    for _, kode, nama in kolom:
        judul += [Kolom(f"{nama} ({kode}): standar", 12), Kolom(f"{nama}: capaian", 12), Kolom(f"{nama}: gap", 10)]
    judul += [Kolom("JPM (%)", 10, "0.00"), Kolom("Kategori", 16)]
    matriks, jpm = tim_matriks_rows(qs, kolom), jpm_rows(qs)
    if progres is not None:
        total = qs.order_by().count()
        matriks = baris_berprogres(matriks, total=total, progres=progres, sampai=75)
        jpm = baris_berprogres(jpm, total=total, progres=progres, dari=75)
    wb = workbook_baru()
    _matriks_tulis(wb, judul, matriks, len(kolom))
    sheet_tulis(wb, "JPM", KOLOM_JPM, jpm)
    return wb


def tim_matriks_workbook(peserta: QuerySet | Iterable[int]) -> bytes:
    return workbook_bytes(tim_matriks_buku(peserta))


# --- JPM per participant ----------------------------------------------------------------------


def jpm_rows(qs: QuerySet[PesertaPenilaian]) -> Iterator[tuple]:
    rows = (
        qs.order_by(*_URUT_PESERTA)
        .values_list(
            "pegawai__nip",
            "pegawai__gelar_depan",
            "pegawai__nama",
            "pegawai__gelar_belakang",
            "unit__nama",
            "opd__nama",
            "jabatan__nama",
            "jpm",
            "kategori",
        )
        .iterator(chunk_size=CHUNK)
    )
    for nip, depan, nama, belakang, unit, opd, jabatan, jpm, kategori in rows:
        yield (nip, _nama(depan, nama, belakang), unit, opd, jabatan, jpm, KATEGORI_LABEL.get(kategori, ""))


def jpm_workbook(peserta: QuerySet | Iterable[int]) -> bytes:
    wb = workbook_baru()
    sheet_tulis(wb, "JPM", KOLOM_JPM, jpm_rows(_peserta_qs(peserta)))
    return workbook_bytes(wb)


# --- training needs ---------------------------------------------------------------------------


def _persen(negatif: int, dinilai: int) -> float | None:
    return None if not dinilai else round(negatif * 100 / dinilai, 1)


def _rata(nilai) -> float | None:
    return None if nilai is None else round(float(nilai), 2)


def _fill_rata(indeks: int):
    def fills(row):
        warna: list = [None] * (indeks + 1)
        warna[indeks] = FILL[rata_gap_warna(row[indeks])]
        return warna

    return fills


def kebutuhan_workbook(peserta: QuerySet | Iterable[int], *, jenis_kompetensi: str | None = None) -> bytes:
    """Training needs by competency, and by competency x unit (two GROUP BY queries)."""
    from ..models import Kompetensi

    qs = _peserta_qs(peserta)
    jenis_label = dict(Kompetensi.Jenis.choices)
    per_kompetensi = (
        (
            r["kompetensi__kode"],
            r["kompetensi__nama"],
            jenis_label.get(r["kompetensi__jenis"], r["kompetensi__jenis"]),
            r["jumlah"],
            r["dinilai"],
            r["negatif"],
            _persen(r["negatif"], r["dinilai"]),
            _rata(r["rata_gap"]),
        )
        for r in kebutuhan_rows(qs, jenis_kompetensi=jenis_kompetensi).iterator(chunk_size=CHUNK)
    )
    per_unit = (
        (
            r["kompetensi__kode"],
            r["kompetensi__nama"],
            r["peserta__unit__nama"],
            r["peserta__opd__nama"],
            r["jumlah"],
            r["dinilai"],
            r["negatif"],
            _persen(r["negatif"], r["dinilai"]),
            _rata(r["rata_gap"]),
        )
        for r in kebutuhan_unit_rows(qs, jenis_kompetensi=jenis_kompetensi).iterator(chunk_size=CHUNK)
    )
    wb = workbook_baru()
    sheet_tulis(wb, "Per Kompetensi", KOLOM_KEBUTUHAN, per_kompetensi, fills=_fill_rata(7))
    sheet_tulis(wb, "Per Kompetensi x Unit", KOLOM_KEBUTUHAN_UNIT, per_unit, fills=_fill_rata(8))
    return workbook_bytes(wb)


def nama_berkas(jenis: str) -> str:
    return f"kompetensi-{jenis}-{timezone.localdate():%Y%m%d}.xlsx"
