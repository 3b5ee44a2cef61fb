"""The blank import workbook: three data sheets with an example row each, and a "Petunjuk" sheet."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .kolom import JABATAN, LEMBAR, PEGAWAI, UNIT

_FONT_HEADER = Font(bold=True, color="FFFFFF")
_FILL_HEADER = PatternFill("solid", fgColor="0B5394")
_FILL_CONTOH = PatternFill("solid", fgColor="FFF2CC")
_BARIS_PILIHAN = 20_000  # rows with a drop-down list (the import limit)
_PILIHAN = {
    (UNIT.nama, "jenis"): "pemda,opd,bidang,subbidang",
    (JABATAN.nama, "jenis"): "jpt,administrator,pengawas,pelaksana,fungsional",
    (PEGAWAI.nama, "status"): "PNS,CPNS,PPPK",
}


def impor_template_workbook() -> Workbook:
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = "Petunjuk"
    petunjuk.column_dimensions["A"].width = 16
    petunjuk.column_dimensions["B"].width = 18
    petunjuk.column_dimensions["C"].width = 12
    petunjuk.column_dimensions["D"].width = 100
    baris = [
        ("Templat impor pegawai ASN Kinerja",),
        (),
        ("Isi lembar UnitKerja, Jabatan dan Pegawai; lembar yang tidak diperlukan boleh dikosongkan atau dihapus.",),
        (
            "Baris pertama setiap lembar adalah judul kolom: jangan diubah. Baris contoh (berwarna) harus dihapus atau diganti.",
        ),
        ("Data yang kodenya (atau NIP-nya) sudah ada akan diperbarui; yang belum ada akan ditambahkan.",),
        ("Impor bersifat semua-atau-tidak-sama-sekali: bila ada satu galat, tidak ada data yang disimpan.",),
        (
            "Admin OPD hanya dapat mengimpor unit dan pegawai di dalam OPD-nya dan tidak dapat mengubah katalog jabatan.",
        ),
        (
            "Pegawai baru mendapat akun dengan nama pengguna = NIP dan kode aktivasi yang dapat diunduh SEKALI setelah impor.",
        ),
        (),
        ("Lembar", "Kolom", "Wajib", "Keterangan"),
    ]
    for lembar in LEMBAR:
        for k in lembar.kolom:
            baris.append((lembar.nama, k.nama, "ya" if k.wajib_ada else "tidak", k.keterangan))
    for isi in baris:
        petunjuk.append(list(isi))
    petunjuk["A1"].font = Font(bold=True, size=14)
    for sel in petunjuk[10]:
        sel.font, sel.fill = _FONT_HEADER, _FILL_HEADER
    for row in petunjuk.iter_rows(min_row=11):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")

    for lembar in LEMBAR:
        ws = wb.create_sheet(lembar.nama)
        ws.freeze_panes = "A2"
        for i, k in enumerate(lembar.kolom, start=1):
            huruf = get_column_letter(i)
            ws.column_dimensions[huruf].width = k.lebar
            header = ws.cell(row=1, column=i, value=k.nama)
            header.font, header.fill = _FONT_HEADER, _FILL_HEADER
            if k.teks:
                # Text format on the whole column, so a NIP typed anywhere keeps all 18 digits.
                ws.column_dimensions[huruf].number_format = "@"
            pilihan = _PILIHAN.get((lembar.nama, k.nama))
            if pilihan:
                dv = DataValidation(type="list", formula1=f'"{pilihan}"', allow_blank=True)
                dv.error = f"Pilih salah satu: {pilihan.replace(',', ', ')}."
                dv.errorTitle = "Nilai tidak dikenal"
                ws.add_data_validation(dv)
                dv.add(f"{huruf}2:{huruf}{_BARIS_PILIHAN + 1}")
        for r, contoh in enumerate(zip(*(k.contoh for k in lembar.kolom), strict=True), start=2):
            for i, nilai in enumerate(contoh, start=1):
                sel = ws.cell(row=r, column=i, value=nilai or None)
                sel.fill = _FILL_CONTOH
                if lembar.kolom[i - 1].teks:
                    sel.number_format = "@"
    return wb
