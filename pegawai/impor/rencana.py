"""The plan an import produces: the rows to write, resolved against the database, and the errors.

`validasi.py` builds it, `tulis.py` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pegawai.models import Jabatan, Pegawai, UnitKerja

MAKS_GALAT_DISIMPAN = 20_000
UKURAN_POTONGAN = 2_000  # ids/NIPs per IN (...) query: within every backend's parameter limit


def potongan(nilai: list, ukuran: int = UKURAN_POTONGAN):
    """`nilai` in slices of `ukuran` (one query or one executemany per slice)."""
    for i in range(0, len(nilai), ukuran):
        yield nilai[i : i + ukuran]


# --- the plan ---------------------------------------------------------------------------------


@dataclass
class UnitBaris:
    nomor: int
    kode: str
    nama: str
    jenis: str
    kode_induk: str
    lama: UnitKerja | None
    berubah: list[str] = field(default_factory=list)  # fields of an existing unit that change


@dataclass
class JabatanBaris:
    nomor: int
    kode: str
    nama: str
    jenis: str
    jenjang: str | None  # None: column absent, leave as is
    lama: Jabatan | None
    berubah: list[str] = field(default_factory=list)


@dataclass
class PegawaiBaris:
    nomor: int
    nip: str
    data: dict[str, str]  # model field -> value, only for the columns present in the sheet
    kode_unit: str
    kode_jabatan: str
    nip_atasan: str | None  # None: column absent; "": no atasan
    lama: Pegawai | None
    berubah: list[str] = field(default_factory=list)


@dataclass
class Rencana:
    opd_kode: str | None  # Admin OPD scope, or None for the whole Pemda
    unit_db: dict[str, UnitKerja]
    jabatan_db: dict[str, Jabatan]
    pegawai_id_per_nip: dict[str, int]
    unit: list[UnitBaris] = field(default_factory=list)
    jabatan: list[JabatanBaris] = field(default_factory=list)
    pegawai: list[PegawaiBaris] = field(default_factory=list)
    unit_induk_akhir: dict[str, str | None] = field(default_factory=dict)  # kode -> parent kode, every unit
    unit_jenis_akhir: dict[str, str] = field(default_factory=dict)

    @property
    def jumlah_baru(self) -> int:
        return sum(1 for daftar in (self.unit, self.jabatan, self.pegawai) for b in daftar if b.lama is None)

    @property
    def jumlah_diubah(self) -> int:
        return sum(1 for daftar in (self.unit, self.jabatan, self.pegawai) for b in daftar if b.lama and b.berubah)

    def opd_dari(self, kode: str | None) -> str | None:
        """The OPD kode a unit ends up in (itself for an OPD, None for the Pemda)."""
        for _ in range(10):  # the tree is at most 4 deep; stop on corrupt data
            if kode is None:
                return None
            jenis = self.unit_jenis_akhir.get(kode)
            if jenis == UnitKerja.Jenis.OPD:
                return kode
            if jenis in (None, UnitKerja.Jenis.PEMDA):
                return None
            kode = self.unit_induk_akhir.get(kode)
        return None


class Galat:
    """Every error of the import: (sheet, Excel row, column, value, message)."""

    def __init__(self) -> None:
        self.daftar: list[dict] = []
        self.jumlah = 0

    def tambah(self, lembar: str, baris: int, kolom: str, nilai, pesan: str) -> None:
        self.jumlah += 1
        if len(self.daftar) < MAKS_GALAT_DISIMPAN:
            nilai = "" if nilai is None else str(nilai)
            self.daftar.append({"lembar": lembar, "baris": baris, "kolom": kolom, "nilai": nilai[:100], "pesan": pesan})

    def __bool__(self) -> bool:
        return self.jumlah > 0
