"""The import workbook's layout: sheets, columns, which are required, and what each means.

The template, the file checks and the row validation all read this one description, so a
column added here appears everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kolom:
    nama: str
    keterangan: str
    contoh: tuple[str, ...]
    wajib_ada: bool = False  # the header must be present
    teks: bool = False  # formatted as text in the template (NIP)
    lebar: int = 18


@dataclass(frozen=True)
class Lembar:
    nama: str
    kunci: str  # the column identifying a row: re-importing the same key updates the row
    kolom: tuple[Kolom, ...]
    keterangan: str

    @property
    def nama_kolom(self) -> tuple[str, ...]:
        return tuple(k.nama for k in self.kolom)

    @property
    def kolom_wajib(self) -> tuple[str, ...]:
        return tuple(k.nama for k in self.kolom if k.wajib_ada)


UNIT = Lembar(
    nama="UnitKerja",
    kunci="kode",
    keterangan="Pohon unit kerja: Pemda, Perangkat Daerah (OPD), Bidang/Bagian, Subbidang/Seksi.",
    kolom=(
        Kolom(
            "kode",
            "Kode unik unit (maks. 30 karakter). Kode yang sudah ada akan diperbarui.",
            ("DISDIK", "DISDIK-SD"),
            True,
        ),
        Kolom(
            "nama",
            "Nama unit (maks. 200 karakter).",
            ("Dinas Pendidikan", "Bidang Pembinaan Sekolah Dasar"),
            True,
            lebar=36,
        ),
        Kolom(
            "jenis",
            "Salah satu: pemda, opd, bidang, subbidang. Tidak dapat diubah untuk unit yang sudah ada.",
            ("opd", "bidang"),
            True,
        ),
        Kolom(
            "kode_induk",
            "Kode unit induk (di berkas ini atau yang sudah ada). Kosong hanya untuk pemda.",
            ("PEMDA", "DISDIK"),
            True,
        ),
    ),
)

JABATAN = Lembar(
    nama="Jabatan",
    kunci="kode",
    keterangan="Katalog jabatan (hanya Admin BKD yang dapat menambah atau mengubahnya).",
    kolom=(
        Kolom("kode", "Kode unik jabatan (maks. 30 karakter).", ("JF-GURU-PERTAMA", "PL-PENGADMINISTRASI"), True),
        Kolom(
            "nama",
            "Nama jabatan (maks. 200 karakter).",
            ("Guru Ahli Pertama", "Pengadministrasi Perkantoran"),
            True,
            lebar=36,
        ),
        Kolom(
            "jenis",
            "Salah satu: jpt, administrator, pengawas, pelaksana, fungsional.",
            ("fungsional", "pelaksana"),
            True,
        ),
        Kolom(
            "jenjang",
            "JPT: pratama atau madya. Fungsional: pertama, muda, madya, utama, terampil, mahir, penyelia. "
            "Kosongkan untuk administrator, pengawas dan pelaksana.",
            ("pertama", ""),
        ),
    ),
)

PEGAWAI = Lembar(
    nama="Pegawai",
    kunci="nip",
    keterangan="Data pegawai. Pegawai baru mendapat akun (nama pengguna = NIP) dan kode aktivasi.",
    kolom=(
        Kolom(
            "nip",
            "NIP 18 digit, diketik sebagai teks (bukan angka).",
            ("198701012010011001", "199203152019032002"),
            True,
            teks=True,
            lebar=22,
        ),
        Kolom("nama", "Nama tanpa gelar (maks. 150 karakter).", ("Budi Santoso", "Siti Rahmawati"), True, lebar=28),
        Kolom("gelar_depan", "Gelar di depan nama, boleh kosong.", ("", "Dr.")),
        Kolom("gelar_belakang", "Gelar di belakang nama, boleh kosong.", ("S.Pd.", "M.Pd.")),
        Kolom("status", "Salah satu: PNS, CPNS, PPPK.", ("PNS", "PNS"), True),
        Kolom(
            "golongan",
            "PNS/CPNS: I/a sampai IV/e (misalnya III/a). PPPK: grade I sampai XVII (misalnya IX).",
            ("III/a", "III/c"),
            True,
        ),
        Kolom(
            "kode_unit", "Kode unit kerja (di lembar UnitKerja atau yang sudah ada).", ("DISDIK-SD", "DISDIK-SD"), True
        ),
        Kolom(
            "kode_jabatan",
            "Kode jabatan (di lembar Jabatan atau yang sudah ada).",
            ("JF-GURU-PERTAMA", "JF-GURU-PERTAMA"),
            True,
        ),
        Kolom(
            "nip_atasan",
            "NIP atasan langsung (di berkas ini atau yang sudah ada dan aktif). Kosong bila tidak ada.",
            ("", "198701012010011001"),
            teks=True,
            lebar=22,
        ),
        Kolom("email", "Alamat e-mail, boleh kosong.", ("budi@contoh.go.id", ""), lebar=26),
        Kolom("telepon", "Nomor telepon, boleh kosong (maks. 20 karakter).", ("081234567890", ""), teks=True),
    ),
)

LEMBAR = (UNIT, JABATAN, PEGAWAI)
LEMBAR_PER_NAMA = {lembar.nama.lower(): lembar for lembar in LEMBAR}


def nama_kolom_normal(value) -> str:
    """A header cell as a column name: "Kode Induk " -> "kode_induk"."""
    if value is None:
        return ""
    return "_".join(str(value).strip().lower().replace("-", " ").split())
