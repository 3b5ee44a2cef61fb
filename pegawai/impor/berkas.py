"""Checks on an uploaded workbook before any row is read.

Order matters: the cheap checks (name, size, zip directory) run first so that a renamed
binary, a corrupt zip, an oversized upload or a zip bomb is refused without decompressing
anything; rows are then counted by streaming the sheet XML and stopping one row past the
limit, so a 50,000-row sheet is refused in well under a second and in constant memory.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError

from .kolom import LEMBAR_PER_NAMA, Lembar, nama_kolom_normal

# A legitimate 20,000-row workbook is about 10 MB of XML; more than this is a zip bomb.
MAKS_BYTE_EKSTRAK = 200 * 1024 * 1024
MAKS_ENTRI_ZIP = 1000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003) and password-protected .xlsx

PESAN_BUKAN_XLSX = "Berkas harus berupa workbook Excel .xlsx (Excel 2007 atau lebih baru)."
PESAN_RUSAK = "Berkas .xlsx rusak atau tidak dapat dibaca. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi."
PESAN_KOSONG = "Berkas tidak berisi data: isi minimal satu baris di lembar UnitKerja, Jabatan atau Pegawai."


def angka(n: int) -> str:
    """20000 -> "20.000" (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def ukuran_teks(n: int) -> str:
    """10485760 -> "10 MB", 2048 -> "2 KB" (Indonesian decimal comma)."""
    for satuan, besar in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= besar:
            nilai = n / besar
            teks = f"{nilai:.0f}" if nilai == int(nilai) else f"{nilai:.1f}".replace(".", ",")
            return f"{teks} {satuan}"
    return f"{angka(n)} byte"


@dataclass
class InfoLembar:
    lembar: Lembar
    judul: str  # the sheet title as written in the workbook
    kolom: dict[str, int]  # column name -> 0-based index
    jumlah_baris: int = 0


@dataclass
class InfoBerkas:
    lembar: list[InfoLembar] = field(default_factory=list)

    @property
    def total_baris(self) -> int:
        return sum(info.jumlah_baris for info in self.lembar)


def _periksa_zip(berkas) -> zipfile.ZipFile:
    berkas.seek(0)
    awal = berkas.read(8)
    berkas.seek(0)
    if awal.startswith(_OLE2):
        raise ValidationError(
            "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi. "
            "Simpan ulang sebagai .xlsx tanpa kata sandi, lalu unggah lagi."
        )
    if not awal.startswith(b"PK"):
        raise ValidationError(PESAN_BUKAN_XLSX)
    try:
        arsip = zipfile.ZipFile(berkas)
        daftar = arsip.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValidationError(PESAN_RUSAK) from None
    nama = {info.filename for info in daftar}
    if "[Content_Types].xml" not in nama or "xl/workbook.xml" not in nama:
        raise ValidationError(PESAN_BUKAN_XLSX)
    if len(daftar) > MAKS_ENTRI_ZIP or sum(info.file_size for info in daftar) > MAKS_BYTE_EKSTRAK:
        raise ValidationError("Isi berkas terlalu besar setelah diekstrak; berkas ditolak.")
    return arsip


class _Cukup(Exception):
    pass


def _lokal(nama: str) -> str:
    """ "x:row" or "row" -> "row" (some writers prefix the main namespace)."""
    return nama.rpartition(":")[2]


def _hitung_baris(arsip: zipfile.ZipFile, path: str, batas: int) -> int:
    """Rows holding at least one value, header included, counting at most `batas`.

    A bare expat parser with two callbacks: no element objects are built, and parsing stops at
    `batas`, so the cost does not depend on how large the sheet really is.
    """
    hitung = {"baris": 0, "berisi": False}

    def mulai(nama, _atribut):
        lokal = _lokal(nama)
        if lokal == "row":
            hitung["berisi"] = False
        elif lokal in ("v", "is"):
            hitung["berisi"] = True

    def selesai(nama):
        if _lokal(nama) == "row" and hitung["berisi"]:
            hitung["baris"] += 1
            if hitung["baris"] >= batas:
                raise _Cukup

    # Safe without defusedxml: expat never fetches external entities here, the bundled expat
    # (>= 2.4) caps entity amplification, and the uncompressed size was capped above.
    parser = expat.ParserCreate()
    parser.StartElementHandler = mulai
    parser.EndElementHandler = selesai
    try:
        with arsip.open(path) as sumber:
            parser.ParseFile(sumber)
    except _Cukup:
        pass
    except (expat.ExpatError, KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise ValidationError(PESAN_RUSAK) from None
    return hitung["baris"]


def _peta_lembar(arsip: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path of its XML in the zip, from xl/workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(arsip.read("xl/workbook.xml"))  # noqa: S314 (see above)
        rels = ElementTree.fromstring(arsip.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise ValidationError(PESAN_RUSAK) from None
    target = {
        r.get("Id"): r.get("Target", "") for r in rels.iter() if _lokal(r.tag.rpartition("}")[2]) == "Relationship"
    }
    peta = {}
    for sheet in workbook.iter():
        if sheet.tag.rpartition("}")[2] != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.rpartition("}")[2] == "id"), None)
        path = target.get(rid, "")
        path = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join("xl", path))
        peta[sheet.get("name", "")] = path
    return peta


def header_baca(ws, lembar: Lembar) -> dict[str, int]:
    """Column positions from the first row; ValidationError naming every missing required column."""
    header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    kolom: dict[str, int] = {}
    for i, nilai in enumerate(header):
        nama = nama_kolom_normal(nilai)
        if nama in lembar.nama_kolom and nama not in kolom:
            kolom[nama] = i
    hilang = [k for k in lembar.kolom_wajib if k not in kolom]
    if hilang:
        raise ValidationError(
            f"Lembar {lembar.nama}: kolom wajib tidak ditemukan di baris pertama: {', '.join(hilang)}. "
            "Gunakan templat impor."
        )
    return kolom


def workbook_buka(berkas):
    """Open with openpyxl (read-only, values only) or raise a ValidationError."""
    from openpyxl import load_workbook

    berkas.seek(0)
    try:
        return load_workbook(berkas, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on malformed parts
        raise ValidationError(PESAN_RUSAK) from None


def impor_periksa_berkas(berkas, *, nama_berkas: str | None = None, ukuran: int | None = None) -> InfoBerkas:
    """Every check that runs before a row is read. Returns the recognised sheets and row counts.

    `berkas` is a seekable binary file (an UploadedFile or a stored File).
    """
    info, wb = berkas_buka(berkas, nama_berkas=nama_berkas, ukuran=ukuran)
    wb.close()
    return info


def berkas_buka(
    berkas,
    *,
    nama_berkas: str | None = None,
    ukuran: int | None = None,
    lembar_per_nama: dict[str, Lembar] | None = None,
    maks_baris: int | None = None,
    pesan_kosong: str = PESAN_KOSONG,
):
    """The checks of `impor_periksa_berkas`; returns (InfoBerkas, the open read-only workbook).

    Another import (e.g. `kompetensi.impor`) passes its own sheets (`lembar_per_nama`, keyed by
    lower-case title), its row limit and its "no data" message; the checks stay the same.
    """
    lembar_per_nama = LEMBAR_PER_NAMA if lembar_per_nama is None else lembar_per_nama
    nama_berkas = nama_berkas if nama_berkas is not None else (getattr(berkas, "name", "") or "")
    if not nama_berkas.lower().endswith(".xlsx"):
        raise ValidationError(f"{PESAN_BUKAN_XLSX} Nama berkas harus berakhiran .xlsx.")
    ukuran = ukuran if ukuran is not None else getattr(berkas, "size", None)
    maks = settings.IMPOR_MAKS_BYTE
    if ukuran is None or ukuran > maks:
        raise ValidationError(f"Ukuran berkas ({ukuran_teks(ukuran or 0)}) melebihi batas {ukuran_teks(maks)}.")
    if ukuran == 0:
        raise ValidationError("Berkas kosong (0 byte).")
    batas = settings.IMPOR_MAKS_BARIS if maks_baris is None else maks_baris
    with _periksa_zip(berkas) as arsip:
        # Rows are counted on the raw XML first: openpyxl scans a whole sheet that lacks a
        # <dimension> element just to open it, which must not happen for an oversized sheet.
        jumlah: dict[str, int] = {}
        for judul, path in _peta_lembar(arsip).items():
            lembar = lembar_per_nama.get(judul.strip().lower())
            if lembar is None or any(lembar_per_nama[j.strip().lower()] is lembar for j in jumlah):
                continue
            jumlah[judul] = max(_hitung_baris(arsip, path, batas + 2) - 1, 0)  # minus the header row
            if sum(jumlah.values()) > batas:
                raise ValidationError(
                    f"Jumlah baris data melebihi batas {angka(batas)} baris per impor. Bagi berkas menjadi beberapa impor."
                )
    if sum(jumlah.values()) == 0:
        raise ValidationError(pesan_kosong)
    wb = workbook_buka(berkas)
    try:
        info = InfoBerkas()
        for judul, n in jumlah.items():
            if n == 0 or judul not in wb.sheetnames:
                continue  # a recognised sheet left empty: nothing to import from it
            lembar = lembar_per_nama[judul.strip().lower()]
            info.lembar.append(
                InfoLembar(lembar=lembar, judul=judul, kolom=header_baca(wb[judul], lembar), jumlah_baris=n)
            )
        if info.total_baris == 0:
            raise ValidationError(pesan_kosong)
    except BaseException:
        wb.close()
        raise
    return info, wb
