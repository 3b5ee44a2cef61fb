"""The one helper every Excel export uses (openpyxl write-only mode).

Header styles, frozen header, autofilter, column widths, number and date formats, and text
that starts with = + - @ written so Excel never evaluates it (CSV/formula injection).
Rows come from an iterator (`values_list(...).iterator()`), so memory stays flat.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B5394")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: int = 18
    format: str | None = None  # e.g. "0.00", "DD/MM/YYYY", "@" for text (NIP)


def aman(value):
    """Normalise a value for a cell (aware datetimes to local time, Decimal to float)."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def sel(ws, value, *, format: str | None = None) -> WriteOnlyCell:
    """A cell whose text is always text: a value starting with = + - @ is never a formula."""
    cell = WriteOnlyCell(ws, value=aman(value))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"
    if format:
        cell.number_format = format
    return cell


def sheet_tulis(wb: Workbook, judul: str, kolom: Sequence[Kolom], rows: Iterable[Sequence], *, fills=None) -> None:
    """Append a write-only sheet. `fills(row) -> list[PatternFill|None]` may colour cells."""
    ws = wb.create_sheet(title=judul[:31])
    for i, k in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar
    ws.freeze_panes = "A2"
    header = []
    for k in kolom:
        cell = WriteOnlyCell(ws, value=k.judul)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    n = 0
    for row in rows:
        n += 1
        colours = fills(row) if fills else None
        cells = []
        for i, (k, value) in enumerate(zip(kolom, row, strict=False)):
            cell = sel(ws, value, format=k.format)
            if colours and colours[i] is not None:
                cell.fill = colours[i]
            cells.append(cell)
        ws.append(cells)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(kolom), 1))}{n + 1}"


def workbook_baru() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(wb: Workbook) -> bytes:
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(wb: Workbook, nama_berkas: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(wb), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    response["Cache-Control"] = "private, no-store"
    return response
