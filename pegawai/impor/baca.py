"""Cell values to clean Python values, with the Indonesian message for each kind of mistake.

Spreadsheets hold what people typed: numbers where text was meant (a NIP typed as a number
loses its last digits once Excel shows it as 1,98701E+17), dates where a code was meant,
stray spaces and non-breaking spaces. Every converter either returns a clean value or raises
`NilaiSalah` with a message the admin can act on; `Sel` reads one row's cells that way and
records each error against its sheet, row and column.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.core.exceptions import ValidationError

from pegawai.validators import nip_parse

from .berkas import InfoLembar
from .rencana import Galat

ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")


class NilaiSalah(Exception):
    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


def kosong(nilai) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def teks(nilai) -> str:
    """Any cell as trimmed text; numbers typed into a text column are accepted when exact."""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        raise NilaiSalah("Isi dengan teks, bukan nilai benar/salah.")
    if isinstance(nilai, (datetime.date, datetime.time, datetime.timedelta)):
        raise NilaiSalah("Sel berisi tanggal/waktu; isi dengan teks (format kolom sebagai Teks).")
    if isinstance(nilai, int):
        return str(nilai)
    if isinstance(nilai, float):
        if nilai.is_integer() and abs(nilai) < 2**53:
            return str(int(nilai))
        return repr(nilai)
    return " ".join(str(nilai).replace("\xa0", " ").split())


def nip(nilai) -> str:
    """An 18-digit NIP from a text cell (spaces allowed: "19870101 201001 1 001") or an exact integer."""
    if isinstance(nilai, float):
        raise NilaiSalah(
            "NIP terbaca sebagai angka desimal sehingga digit terakhirnya bisa hilang "
            f"({nilai:.6g}). Format kolom NIP sebagai Teks, lalu ketik ulang NIP lengkap 18 digit."
        )
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        if nilai < 0:
            raise NilaiSalah("NIP harus terdiri dari 18 digit angka.")
        hasil = str(nilai)
    else:
        hasil = teks(nilai).replace(" ", "").lstrip("'")
    try:
        nip_parse(hasil)
    except ValidationError as exc:
        raise NilaiSalah(exc.messages[0]) from None
    return hasil


def golongan(nilai, status: str | None) -> str:
    """ "iii / A" -> "III/a"; a PPPK grade may be typed as a number (9 -> "IX")."""
    from pegawai.models import Pegawai

    if isinstance(nilai, int) and not isinstance(nilai, bool) and 1 <= nilai <= len(ROMAWI):
        hasil = ROMAWI[nilai - 1]
    elif isinstance(nilai, float) and nilai.is_integer() and 1 <= nilai <= len(ROMAWI):
        hasil = ROMAWI[int(nilai) - 1]
    else:
        hasil = teks(nilai).replace(" ", "")
        if "/" in hasil:
            ruang, _, huruf = hasil.partition("/")
            hasil = f"{ruang.upper()}/{huruf.lower()}"
        else:
            hasil = hasil.upper()
    pns = {g for g, _ in Pegawai.GOLONGAN_PNS}
    if status in (Pegawai.Status.PNS, Pegawai.Status.CPNS) and hasil not in pns:
        raise NilaiSalah("PNS/CPNS harus memiliki golongan I/a sampai IV/e.")
    if status == Pegawai.Status.PPPK and hasil not in Pegawai.GRADE_PPPK:
        raise NilaiSalah("PPPK harus memiliki grade I sampai XVII.")
    if status is None and hasil not in pns and hasil not in Pegawai.GRADE_PPPK:
        raise NilaiSalah("Golongan tidak dikenal: gunakan I/a sampai IV/e (PNS/CPNS) atau grade I sampai XVII (PPPK).")
    return hasil


def lembar_baris(ws, info: InfoLembar) -> Iterator[tuple[int, dict[str, object]]]:
    """(Excel row number, {column: raw value}) for every non-empty data row of a sheet."""
    posisi = info.kolom
    # The <dimension> element is written by the producer and may be wrong: read every row there is
    # (the row limit was enforced on the raw XML before).
    ws.reset_dimensions()
    for nomor, baris in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if all(kosong(v) for v in baris):
            continue
        yield nomor, {nama: (baris[i] if i < len(baris) else None) for nama, i in posisi.items()}


class Sel:
    """Reads the cells of one row, recording each error against its column."""

    def __init__(self, galat: Galat, lembar: str, nomor: int, raw: dict) -> None:
        self.galat, self.lembar, self.nomor, self.raw = galat, lembar, nomor, raw
        self.ok = True

    def salah(self, kolom: str, pesan: str) -> None:
        self.ok = False
        self.galat.tambah(self.lembar, self.nomor, kolom, self.raw.get(kolom), pesan)

    def ada(self, kolom: str) -> bool:
        return kolom in self.raw

    def teks(self, kolom: str, *, wajib: bool = False, maks: int | None = None) -> str | None:
        """Trimmed text; None when the column is absent or the value is wrong."""
        if kolom not in self.raw:
            return None
        try:
            nilai = teks(self.raw[kolom])
        except NilaiSalah as exc:
            self.salah(kolom, exc.pesan)
            return None
        if wajib and not nilai:
            self.salah(kolom, f"Kolom {kolom} wajib diisi.")
            return None
        if maks is not None and len(nilai) > maks:
            self.salah(kolom, f"Terlalu panjang: maksimal {maks} karakter (terisi {len(nilai)}).")
            return None
        return nilai

    def pilihan(self, kolom: str, pilihan: dict[str, str]) -> str | None:
        """A value from `pilihan` (typed text, case-insensitive -> stored value)."""
        nilai = self.teks(kolom, wajib=True)
        if nilai is None:
            return None
        hasil = pilihan.get(nilai.lower())
        if hasil is None:
            daftar = ", ".join(dict.fromkeys(pilihan.values()))
            self.salah(kolom, f"Nilai {nilai!r} tidak dikenal; gunakan salah satu dari: {daftar}.")
        return hasil

    def nip(self, kolom: str, *, wajib: bool) -> str | None:
        if kolom not in self.raw:
            return None
        if kosong(self.raw[kolom]):
            if wajib:
                self.salah(kolom, f"Kolom {kolom} wajib diisi.")
                return None
            return ""
        try:
            return nip(self.raw[kolom])
        except NilaiSalah as exc:
            self.salah(kolom, exc.pesan)
            return None
