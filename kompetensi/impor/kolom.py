"""The layout of the teknis-competency workbook: three data sheets, their columns and limits.

One row per competency (Kompetensi), one per level (Level), one per behaviour indicator
(Indikator), joined by `kode`: a shape an admin can fill by copying rows, and that sorts and
filters well in Excel. The template, the file checks and the row validation all read this.
The sheet and column dataclasses are the employee import's (`pegawai.impor.kolom`).
"""

from __future__ import annotations

from pegawai.impor.berkas import angka
from pegawai.impor.kolom import Kolom, Lembar

from ..forms.kamus import MAKS_INDIKATOR_PER_LEVEL
from ..models import LEVEL_MAX, LEVEL_MIN

MAKS_KODE = 30  # Kompetensi.kode
MAKS_NAMA = 150  # Kompetensi.nama
MAKS_DEFINISI = 2000
MAKS_DESKRIPSI = 1000
MAKS_TEKS_INDIKATOR = 1000  # as the dictionary form (IndikatorForm.teks)
MAKS_URUTAN = 999  # as the dictionary form (KompetensiForm.urutan)
MAKS_INDIKATOR = MAKS_INDIKATOR_PER_LEVEL

KOMPETENSI = Lembar(
    nama="Kompetensi",
    kunci="kode",
    keterangan="Satu baris per kompetensi teknis.",
    kolom=(
        Kolom(
            "kode",
            f"Kode unik kompetensi (maks. {MAKS_KODE} karakter), misalnya T.ARSIP.1. "
            "Kode yang sudah ada di kamus akan diperbarui; kode kompetensi manajerial atau sosial kultural ditolak.",
            (),
            True,
            teks=True,
            lebar=16,
        ),
        Kolom("nama", f"Nama kompetensi (maks. {MAKS_NAMA} karakter).", (), True, lebar=34),
        Kolom(
            "definisi",
            f"Definisi kompetensi (maks. {angka(MAKS_DEFINISI)} karakter).",
            (),
            True,
            lebar=60,
        ),
        Kolom(
            "urutan",
            f"Urutan tampil di kamus: angka 0 sampai {MAKS_URUTAN}. Boleh kosong "
            "(kompetensi baru: 0; kompetensi yang sudah ada: tidak berubah).",
            (),
            lebar=10,
        ),
        Kolom(
            "aktif",
            "ya atau tidak. Boleh kosong (kompetensi baru: ya; kompetensi yang sudah ada: tidak berubah).",
            (),
            lebar=10,
        ),
    ),
)

LEVEL = Lembar(
    nama="Level",
    kunci="kode",
    keterangan=f"Tepat lima baris per kompetensi: level {LEVEL_MIN} sampai {LEVEL_MAX}.",
    kolom=(
        Kolom("kode", "Kode kompetensi, sama dengan di lembar Kompetensi.", (), True, teks=True, lebar=16),
        Kolom("level", f"Angka {LEVEL_MIN} sampai {LEVEL_MAX}.", (), True, lebar=8),
        Kolom("deskripsi", f"Deskripsi level (maks. {angka(MAKS_DESKRIPSI)} karakter).", (), True, lebar=80),
    ),
)

INDIKATOR = Lembar(
    nama="Indikator",
    kunci="kode",
    keterangan=(
        f"Indikator perilaku: paling sedikit satu dan paling banyak {MAKS_INDIKATOR} per level, "
        "masing-masing dengan aspeknya."
    ),
    kolom=(
        Kolom("kode", "Kode kompetensi, sama dengan di lembar Kompetensi.", (), True, teks=True, lebar=16),
        Kolom("level", f"Angka {LEVEL_MIN} sampai {LEVEL_MAX}: level tempat indikator ini.", (), True, lebar=8),
        Kolom(
            "urutan",
            "Urutan indikator dalam levelnya (angka). Boleh kosong: urutan baris di lembar ini dipakai.",
            (),
            lebar=10,
        ),
        Kolom(
            "teks",
            f"Teks indikator perilaku (maks. {angka(MAKS_TEKS_INDIKATOR)} karakter).",
            (),
            True,
            lebar=80,
        ),
        Kolom("aspek", "Salah satu: pengetahuan, keterampilan, sikap.", (), True, lebar=16),
    ),
)

LEMBAR = (KOMPETENSI, LEVEL, INDIKATOR)
LEMBAR_PER_NAMA = {lembar.nama.lower(): lembar for lembar in LEMBAR}
