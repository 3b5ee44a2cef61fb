"""The blank workbook for importing teknis competencies: a "Petunjuk" sheet, then the three
data sheets holding one complete example competency (coloured rows the admin replaces)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pegawai.impor.berkas import angka

from ..models import LEVEL_MAX, LEVEL_MIN
from .berkas import MAKS_BARIS
from .kolom import INDIKATOR, KOMPETENSI, LEMBAR, LEVEL, MAKS_INDIKATOR

_FONT_HEADER = Font(bold=True, color="FFFFFF")
_FILL_HEADER = PatternFill("solid", fgColor="0B5394")
_FILL_CONTOH = PatternFill("solid", fgColor="FFF2CC")
_BARIS_VALIDASI = 10_000  # rows given a drop-down list / number check

KODE_CONTOH = "T.ARSIP.1"
_CONTOH_KOMPETENSI = [
    {
        "kode": KODE_CONTOH,
        "nama": "Pengelolaan Arsip Dinamis",
        "definisi": "Mengelola arsip aktif dan inaktif instansi sejak penciptaan sampai penyusutan sesuai kaidah "
        "kearsipan, sehingga arsip autentik, utuh, dan mudah ditemukan kembali.",
        "urutan": 1,
        "aktif": "ya",
    }
]
_CONTOH_LEVEL = [
    (1, "Mencatat, memberkaskan, dan menyimpan arsip di unit kerjanya sesuai pedoman."),
    (2, "Menata arsip unit kerja dan membimbing rekan dalam pemberkasan yang benar."),
    (3, "Memastikan pengelolaan arsip dinamis di unit yang dipimpinnya berjalan tertib dan terpantau."),
    (4, "Mengembangkan sistem pengelolaan arsip yang diterapkan di seluruh perangkat daerah."),
    (5, "Menetapkan kebijakan kearsipan daerah dan menyelaraskannya dengan kebijakan nasional."),
]
_CONTOH_INDIKATOR = [
    (1, "Memahami klasifikasi arsip dan jadwal retensi arsip instansi.", "pengetahuan"),
    (1, "Memberkaskan arsip sesuai klasifikasi dan mencatatnya dalam daftar arsip.", "keterampilan"),
    (2, "Memeriksa pemberkasan rekan dan memberi contoh perbaikan.", "keterampilan"),
    (2, "Menjaga kerahasiaan arsip yang dikelolanya.", "sikap"),
    (3, "Menyusun rencana kerja pengelolaan arsip unit beserta pemantauannya.", "keterampilan"),
    (3, "Memahami ketentuan akses dan keamanan arsip dinamis.", "pengetahuan"),
    (4, "Merancang pedoman dan aplikasi pengelolaan arsip lintas perangkat daerah.", "keterampilan"),
    (4, "Mendorong perangkat daerah lain menerapkan tata kelola arsip yang baik.", "sikap"),
    (5, "Merumuskan kebijakan kearsipan daerah berdasarkan hasil pengawasan kearsipan.", "keterampilan"),
    (5, "Memahami kebijakan kearsipan nasional dan arah transformasi arsip elektronik.", "pengetahuan"),
]


def _contoh() -> dict[str, list[list]]:
    indikator, nomor = [], dict.fromkeys(range(LEVEL_MIN, LEVEL_MAX + 1), 0)
    for lv, teks, aspek in _CONTOH_INDIKATOR:
        nomor[lv] += 1
        indikator.append([KODE_CONTOH, lv, nomor[lv], teks, aspek])
    return {
        KOMPETENSI.nama: [[row[k.nama] for k in KOMPETENSI.kolom] for row in _CONTOH_KOMPETENSI],
        LEVEL.nama: [[KODE_CONTOH, lv, deskripsi] for lv, deskripsi in _CONTOH_LEVEL],
        INDIKATOR.nama: indikator,
    }


def _validasi(ws, lembar, nama_kolom: str, dv: DataValidation) -> None:
    huruf = get_column_letter(lembar.nama_kolom.index(nama_kolom) + 1)
    ws.add_data_validation(dv)
    dv.add(f"{huruf}2:{huruf}{_BARIS_VALIDASI + 1}")


def _daftar(pilihan: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=f'"{pilihan}"', allow_blank=True)
    dv.errorTitle, dv.error = "Nilai tidak dikenal", f"Pilih salah satu: {pilihan.replace(',', ', ')}."
    return dv


def _level() -> DataValidation:
    dv = DataValidation(type="whole", operator="between", formula1=str(LEVEL_MIN), formula2=str(LEVEL_MAX))
    dv.allow_blank = True
    dv.errorTitle, dv.error = "Level tidak sah", f"Level berupa angka {LEVEL_MIN} sampai {LEVEL_MAX}."
    return dv


def _petunjuk(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "Petunjuk"
    for huruf, lebar in zip("ABCD", (14, 12, 10, 100), strict=True):
        ws.column_dimensions[huruf].width = lebar
    baris = [
        ("Templat impor kompetensi teknis ASN Kinerja",),
        (),
        (
            "Isi tiga lembar: Kompetensi (satu baris per kompetensi), Level (lima baris per kompetensi) "
            "dan Indikator (indikator perilaku per level). Ketiganya dihubungkan oleh kolom kode.",
        ),
        (
            "Setiap kompetensi wajib memiliki tepat lima level (1 sampai 5), masing-masing dengan deskripsi dan "
            f"paling sedikit satu indikator perilaku (paling banyak {MAKS_INDIKATOR} per level).",
        ),
        ("Aspek setiap indikator: pengetahuan, keterampilan, atau sikap.",),
        (
            "Baris pertama setiap lembar adalah judul kolom: jangan diubah. Baris contoh (berwarna, kode "
            f"{KODE_CONTOH}) harus dihapus atau diganti.",
        ),
        (
            "Kompetensi yang kodenya sudah ada di kamus akan diperbarui (level dan indikatornya diganti sesuai "
            "berkas); yang belum ada akan ditambahkan. Kompetensi di kamus yang tidak ada di berkas tidak diubah.",
        ),
        ("Hanya kompetensi teknis yang dapat diimpor: kode kompetensi manajerial atau sosial kultural ditolak.",),
        (
            "Indikator yang sudah dipilih dalam penilaian diri yang terkirim tidak dapat dihapus lewat impor: "
            "sertakan lagi dengan teks yang sama.",
        ),
        (
            "Impor bersifat semua-atau-tidak-sama-sekali: bila ada satu galat, tidak ada data yang disimpan, "
            "dan daftar galat (lembar, baris, kolom, pesan) dapat diunduh.",
        ),
        (
            f"Batas: {angka(MAKS_BARIS)} baris data per berkas (jumlah ketiga lembar). Berkas yang lebih besar "
            "dapat dibagi menjadi beberapa impor.",
        ),
        (),
        ("Lembar", "Kolom", "Wajib", "Keterangan"),
    ]
    for lembar in LEMBAR:
        for k in lembar.kolom:
            baris.append((lembar.nama, k.nama, "ya" if k.wajib_ada else "tidak", k.keterangan))
    for isi in baris:
        ws.append(list(isi))
    ws["A1"].font = Font(bold=True, size=14)
    judul = len(baris) - sum(len(lembar.kolom) for lembar in LEMBAR)
    for sel in ws[judul]:
        sel.font, sel.fill = _FONT_HEADER, _FILL_HEADER
    for row in ws.iter_rows(min_row=judul + 1):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")


def impor_kompetensi_template_workbook() -> Workbook:
    wb = Workbook()
    _petunjuk(wb)
    contoh = _contoh()
    for lembar in LEMBAR:
        ws = wb.create_sheet(lembar.nama)
        ws.freeze_panes = "A2"
        for i, k in enumerate(lembar.kolom, start=1):
            huruf = get_column_letter(i)
            ws.column_dimensions[huruf].width = k.lebar
            header = ws.cell(row=1, column=i, value=k.nama)
            header.font, header.fill = _FONT_HEADER, _FILL_HEADER
            if k.teks:
                ws.column_dimensions[huruf].number_format = "@"  # a kode like 1.10 stays text
        for r, isi in enumerate(contoh[lembar.nama], start=2):
            for i, nilai in enumerate(isi, start=1):
                sel = ws.cell(row=r, column=i, value=nilai)
                sel.fill = _FILL_CONTOH
                if lembar.kolom[i - 1].teks:
                    sel.number_format = "@"
        if lembar is KOMPETENSI:
            _validasi(ws, lembar, "aktif", _daftar("ya,tidak"))
        else:
            _validasi(ws, lembar, "level", _level())
        if lembar is INDIKATOR:
            _validasi(ws, lembar, "aspek", _daftar("pengetahuan,keterampilan,sikap"))
    return wb
