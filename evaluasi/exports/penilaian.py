"""The official periodic evaluation document of one pegawai (Excel), after the PermenPANRB
6/2022 form: header (period, the pegawai, the rater and the rater's atasan), the unit's
predikat organisasi, the hasil kerja table (RHK pimpinan yang diintervensi | RHK | aspek |
indikator | target | realisasi berdasarkan bukti dukung | umpan balik berkelanjutan berdasarkan
bukti dukung | rating), the perilaku kerja table (seven BerAKHLAK values, ekspektasi khusus, the
peers' mean when released), the two ratings, the predikat, the rater's feedback and the
signatures.

A form, not a data table, so openpyxl's normal mode (merged cells, borders, print layout)
instead of asn_kinerja.xlsx.sheet_tulis; one document is small. Every value goes through
`_tulis`: text is stored as text (never a formula, whatever it starts with) and cleared of
control characters Excel cannot hold. The data comes from selectors.penilaian.halaman_detail,
so the document shows exactly what the viewer may see on the result page (a draft is blank for
anyone but the rater) and costs the same fixed number of queries.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from asn_kinerja.xlsx import aman

from ..models import Rating
from ..selectors.penilaian import HalamanPenilaian, RhkBaris

KOLOM_LEBAR = [5, 28, 32, 11, 32, 14, 40, 36, 16]  # A..I
N_KOLOM = len(KOLOM_LEBAR)
_TIPIS = Side(style="thin", color="000000")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_ISI_JUDUL = PatternFill("solid", fgColor="D9E2F3")
_ISI_BAGIAN = PatternFill("solid", fgColor="F2F2F2")


def _teks(nilai) -> object:
    if isinstance(nilai, str):
        return ILLEGAL_CHARACTERS_RE.sub("", nilai)
    return aman(nilai)


class _Lembar:
    """Writes the form top to bottom; `baris` is the next free row."""

    def __init__(self, ws):
        self.ws = ws
        self.baris = 1

    def tulis(
        self,
        baris: int,
        kolom: int,
        nilai,
        *,
        sampai_kolom: int | None = None,
        sampai_baris: int | None = None,
        tebal: bool = False,
        tengah: bool = False,
        isi: PatternFill | None = None,
        bingkai: bool = True,
        ukuran: int | None = None,
        format: str | None = None,
    ):
        """One value (optionally over a merged range); text is always text."""
        sampai_kolom = sampai_kolom or kolom
        sampai_baris = sampai_baris or baris
        cell = self.ws.cell(row=baris, column=kolom)
        cell.value = _teks(nilai)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # "=..." stays text: never a formula
        if format:
            cell.number_format = format
        cell.font = Font(bold=tebal, size=ukuran or 10)
        cell.alignment = Alignment(
            horizontal="center" if tengah else "left", vertical="top" if not tengah else "center", wrap_text=True
        )
        if isi is not None:
            cell.fill = isi
        if (sampai_kolom, sampai_baris) != (kolom, baris):
            self.ws.merge_cells(start_row=baris, start_column=kolom, end_row=sampai_baris, end_column=sampai_kolom)
        if bingkai:
            for r in range(baris, sampai_baris + 1):
                for c in range(kolom, sampai_kolom + 1):
                    self.ws.cell(row=r, column=c).border = _BINGKAI
                    if isi is not None:
                        self.ws.cell(row=r, column=c).fill = isi
        return cell

    def judul_bagian(self, teks: str) -> None:
        self.tulis(self.baris, 1, teks, sampai_kolom=N_KOLOM, tebal=True, isi=_ISI_JUDUL)
        self.baris += 1

    def label_nilai(self, label: str, nilai, *, tebal_nilai: bool = False) -> None:
        self.tulis(self.baris, 1, label, sampai_kolom=6, tebal=True, isi=_ISI_BAGIAN)
        self.tulis(self.baris, 7, nilai, sampai_kolom=N_KOLOM, tebal=tebal_nilai)
        self.baris += 1


def _tanggal(nilai) -> str:
    if nilai is None:
        return ""
    if hasattr(nilai, "tzinfo"):
        nilai = timezone.localtime(nilai).date()
    return date_format(nilai, "j F Y")


def _angka(nilai: Decimal | None) -> str:
    """12.50 -> "12,5", 3.00 -> "3" (Indonesian decimal comma)."""
    if nilai is None:
        return ""
    teks = f"{nilai.normalize():f}"
    return teks.replace(".", ",")


def _rating(nilai: str) -> str:
    return Rating(nilai).label if nilai else ""


def _realisasi_teks(b, dasar_url: str) -> str:
    if b.realisasi is None:
        return "Belum dilaporkan."
    r = b.realisasi
    bagian = []
    if r.nilai is not None:
        bagian.append(f"{_angka(r.nilai)} {b.indikator.satuan}".strip())
    if r.uraian:
        bagian.append(r.uraian)
    if r.catatan:
        bagian.append(f"Catatan pegawai: {r.catatan}")
    if b.bukti:
        bagian.append("Bukti dukung:")
        for bukti in b.bukti:
            url = bukti.url if bukti.luar or not bukti.url else f"{dasar_url}{bukti.url}"
            bagian.append(f"- {bukti.nama}" + (f" ({url})" if url else ""))
    else:
        bagian.append("Bukti dukung: tidak ada.")
    return "\n".join(bagian)


def _umpan_balik_teks(b) -> str:
    return "\n".join(f"- {u.teks} ({u.penulis.nama_lengkap}, {_tanggal(u.created_at)})" for u in b.umpan_balik) or (
        "" if b.realisasi is None else "Belum ada umpan balik."
    )


def _identitas(lembar: _Lembar, judul_kiri: str, kiri: list[tuple[str, str]], judul_kanan: str, kanan) -> None:
    b = lembar.baris
    lembar.tulis(b, 1, "NO", tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.tulis(b, 2, judul_kiri, sampai_kolom=5, tebal=True, isi=_ISI_BAGIAN)
    lembar.tulis(b, 6, "NO", tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.tulis(b, 7, judul_kanan, sampai_kolom=N_KOLOM, tebal=True, isi=_ISI_BAGIAN)
    for i, ((label_kiri, nilai_kiri), (label_kanan, nilai_kanan)) in enumerate(zip(kiri, kanan, strict=True), start=1):
        r = b + i
        lembar.tulis(r, 1, i, tengah=True)
        lembar.tulis(r, 2, label_kiri)
        lembar.tulis(r, 3, nilai_kiri, sampai_kolom=5)
        lembar.tulis(r, 6, i, tengah=True)
        lembar.tulis(r, 7, label_kanan)
        lembar.tulis(r, 8, nilai_kanan, sampai_kolom=N_KOLOM)
    lembar.baris = b + len(kiri) + 1


def _orang(pegawai, jabatan=None, unit=None) -> list[tuple[str, str]]:
    if pegawai is None:
        return [("NAMA", "-"), ("NIP", "-"), ("PANGKAT/GOL. RUANG", "-"), ("JABATAN", "-"), ("UNIT KERJA", "-")]
    golongan = pegawai.golongan + (f" ({pegawai.pangkat})" if pegawai.pangkat else "")
    return [
        ("NAMA", pegawai.nama_lengkap),
        ("NIP", pegawai.nip),
        ("PANGKAT/GOL. RUANG", golongan),
        ("JABATAN", (jabatan or pegawai.jabatan).nama),
        ("UNIT KERJA", (unit or pegawai.unit).nama),
    ]


def _rhk(lembar: _Lembar, daftar: list[RhkBaris], dasar_url: str, lihat_rating: bool) -> None:
    for b in daftar:
        awal = lembar.baris
        n = max(len(b.indikator), 1)
        akhir = awal + n - 1
        induk = (
            b.rhk.rhk_atasan.uraian if b.rhk.rhk_atasan else (b.rhk.sasaran_unit.uraian if b.rhk.sasaran_unit else "")
        )
        lembar.tulis(awal, 1, b.nomor, sampai_baris=akhir, tengah=True)
        lembar.tulis(awal, 2, induk, sampai_baris=akhir)
        lembar.tulis(awal, 3, b.rhk.uraian, sampai_baris=akhir)
        rating = _rating(b.rating_atasan) if lihat_rating else ""
        if lihat_rating and b.catatan_atasan:
            rating = f"{rating}\n{b.catatan_atasan}".strip()
        lembar.tulis(awal, 9, rating, sampai_baris=akhir)
        if not b.indikator:
            for kolom in range(4, 9):
                lembar.tulis(awal, kolom, "-")
        for i, ind in enumerate(b.indikator):
            r = awal + i
            lembar.tulis(r, 4, ind.indikator.get_aspek_display())
            lembar.tulis(r, 5, ind.indikator.uraian)
            lembar.tulis(r, 6, f"{_angka(ind.indikator.target)} {ind.indikator.satuan}".strip())
            lembar.tulis(r, 7, _realisasi_teks(ind, dasar_url))
            lembar.tulis(r, 8, _umpan_balik_teks(ind))
        lembar.baris = akhir + 1


def dokumen_nama_berkas(h: HalamanPenilaian) -> str:
    ev = h.evaluasi
    periode = re.sub(r"[^A-Za-z0-9]+", "-", ev.periode.nama).strip("-").lower()
    return f"evaluasi-kinerja-{ev.pegawai.nip}-{periode}.xlsx"


def dokumen_workbook(h: HalamanPenilaian, *, dasar_url: str = "") -> Workbook:
    """The document as a workbook (one sheet, A4 landscape, fitted to the page width).
    `dasar_url` ("https://host") turns evidence download paths into full links."""
    ev = h.evaluasi
    periode = ev.periode
    wb = Workbook()
    ws = wb.active
    ws.title = "Evaluasi Kinerja"
    for i, lebar in enumerate(KOLOM_LEBAR, start=1):
        ws.column_dimensions[chr(64 + i)].width = lebar
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    lembar = _Lembar(ws)

    lembar.tulis(
        1, 1, "EVALUASI KINERJA PEGAWAI", sampai_kolom=N_KOLOM, tebal=True, tengah=True, bingkai=False, ukuran=14
    )
    lembar.tulis(2, 1, f"PERIODE: {periode.nama.upper()}", sampai_kolom=N_KOLOM, tebal=True, tengah=True, bingkai=False)
    lembar.tulis(
        3,
        1,
        f"Periode penilaian: {_tanggal(periode.tanggal_mulai)} s.d. {_tanggal(periode.tanggal_selesai)}",
        sampai_kolom=N_KOLOM,
        tengah=True,
        bingkai=False,
    )
    status = "FINAL" if ev.final else "DRAF: penilaian belum difinalkan oleh pejabat penilai"
    lembar.tulis(4, 1, f"Status: {status}", sampai_kolom=N_KOLOM, tengah=True, bingkai=False, tebal=not ev.final)
    lembar.baris = 6

    _identitas(
        lembar,
        "PEGAWAI YANG DINILAI",
        _orang(ev.pegawai, ev.jabatan, ev.unit),
        "PEJABAT PENILAI KINERJA",
        _orang(ev.penilai),
    )
    atasan = _orang(ev.atasan_penilai)
    b = lembar.baris
    lembar.tulis(b, 1, "NO", tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.tulis(b, 2, "ATASAN PEJABAT PENILAI KINERJA", sampai_kolom=N_KOLOM, tebal=True, isi=_ISI_BAGIAN)
    for i, (label, nilai) in enumerate(atasan, start=1):
        lembar.tulis(b + i, 1, i, tengah=True)
        lembar.tulis(b + i, 2, label)
        lembar.tulis(b + i, 3, nilai, sampai_kolom=N_KOLOM)
    lembar.baris = b + len(atasan) + 2

    org = h.predikat_organisasi
    lembar.label_nilai(
        "CAPAIAN KINERJA ORGANISASI (PREDIKAT KINERJA ORGANISASI UNIT)",
        org.get_predikat_display() if org else "Belum ditetapkan",
    )
    lembar.baris += 1

    lembar.judul_bagian("HASIL KERJA")
    kepala = [
        "NO",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "RENCANA HASIL KERJA",
        "ASPEK",
        "INDIKATOR KINERJA INDIVIDU",
        "TARGET",
        "REALISASI BERDASARKAN BUKTI DUKUNG",
        "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
        "RATING",
    ]
    for i, teks in enumerate(kepala, start=1):
        lembar.tulis(lembar.baris, i, teks, tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.baris += 1
    for judul, daftar in (("A. UTAMA", h.rhk_utama), ("B. TAMBAHAN", h.rhk_tambahan)):
        lembar.tulis(lembar.baris, 1, judul, sampai_kolom=N_KOLOM, tebal=True)
        lembar.baris += 1
        if daftar:
            _rhk(lembar, daftar, dasar_url, h.lihat_rating)
        else:
            lembar.tulis(lembar.baris, 1, "Tidak ada.", sampai_kolom=N_KOLOM)
            lembar.baris += 1
    lembar.label_nilai("RATING HASIL KERJA", _rating(ev.rating_hasil) if h.lihat_rating else "", tebal_nilai=True)
    lembar.baris += 1

    lembar.judul_bagian("PERILAKU KERJA")
    b = lembar.baris
    lembar.tulis(b, 1, "NO", tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.tulis(
        b, 2, "PERILAKU KERJA (NILAI DASAR BerAKHLAK)", sampai_kolom=5, tebal=True, tengah=True, isi=_ISI_BAGIAN
    )
    lembar.tulis(b, 6, "EKSPEKTASI KHUSUS PIMPINAN", sampai_kolom=7, tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.tulis(b, 8, "RERATA PENILAIAN REKAN (1-5)", sampai_kolom=N_KOLOM, tebal=True, tengah=True, isi=_ISI_BAGIAN)
    lembar.baris += 1
    for i, n in enumerate(h.perilaku, start=1):
        r = lembar.baris
        uraian = "\n".join([n.nilai.nama, *(f"- {x}" for x in n.indikator)])
        lembar.tulis(r, 1, i, tengah=True)
        lembar.tulis(r, 2, uraian, sampai_kolom=5)
        lembar.tulis(r, 6, n.ekspektasi or "-", sampai_kolom=7)
        lembar.tulis(
            r,
            8,
            n.rekan if n.rekan is not None else "belum tersedia",
            sampai_kolom=N_KOLOM,
            tengah=True,
            format="0.00",
        )
        ws.row_dimensions[r].height = 15 * (1 + len(n.indikator))
        lembar.baris += 1
    if h.rekan is not None:
        lembar.label_nilai("JUMLAH REKAN PENILAI", h.rekan.jumlah_penilai)
    lembar.label_nilai("RATING PERILAKU KERJA", _rating(ev.rating_perilaku) if h.lihat_rating else "", tebal_nilai=True)
    lembar.baris += 1

    lembar.label_nilai(
        "PREDIKAT KINERJA PEGAWAI",
        ev.get_predikat_display() if h.lihat_rating and ev.predikat else "",
        tebal_nilai=True,
    )
    lembar.label_nilai("UMPAN BALIK PEJABAT PENILAI", ev.umpan_balik if h.lihat_rating else "")
    keberatan = h.keberatan
    if keberatan is not None and keberatan.status == keberatan.Status.DIPUTUS:
        lembar.label_nilai(
            "KEBERATAN",
            f"{keberatan.get_keputusan_display()} pada {_tanggal(keberatan.diputus_pada)}: "
            f"predikat {keberatan.get_predikat_awal_display()} menjadi {keberatan.get_predikat_akhir_display()}. "
            f"{keberatan.pertimbangan}",
        )
    if ev.diterima_pada:
        lembar.label_nilai("DITERIMA PEGAWAI PADA", _tanggal(ev.diterima_pada))
    lembar.baris += 1

    # Signatures: the pegawai on the left, the rater on the right.
    b = lembar.baris
    tanggal = _tanggal(ev.difinalkan_pada) if ev.final else "...................."
    lembar.tulis(b, 7, tanggal, sampai_kolom=N_KOLOM, tengah=True, bingkai=False)
    lembar.tulis(b + 1, 1, "PEGAWAI YANG DINILAI", sampai_kolom=4, tengah=True, tebal=True, bingkai=False)
    lembar.tulis(b + 1, 7, "PEJABAT PENILAI KINERJA", sampai_kolom=N_KOLOM, tengah=True, tebal=True, bingkai=False)
    b += 5
    penilai = ev.penilai
    lembar.tulis(b, 1, ev.pegawai.nama_lengkap, sampai_kolom=4, tengah=True, tebal=True, bingkai=False)
    lembar.tulis(
        b, 7, penilai.nama_lengkap if penilai else "-", sampai_kolom=N_KOLOM, tengah=True, tebal=True, bingkai=False
    )
    lembar.tulis(b + 1, 1, f"NIP {ev.pegawai.nip}", sampai_kolom=4, tengah=True, bingkai=False)
    lembar.tulis(b + 1, 7, f"NIP {penilai.nip}" if penilai else "", sampai_kolom=N_KOLOM, tengah=True, bingkai=False)
    ws.print_area = f"A1:I{b + 1}"
    return wb
