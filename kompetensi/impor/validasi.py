"""Every row of the three sheets checked against each other and against the dictionary.

Set-based: the dictionary's competencies are read in one query, the levels and indicators of
the ones the file updates in one query each, and the indicators a submitted self-assessment
ticked in one more, so the work per row is dictionary look-ups. Every error is collected,
never only the first (sheet, Excel row, column, message), with the employee import's `Galat`
and `Sel`. The result is a plan (`Rencana`, written by `tulis.py`): per competency the stored
level and indicator rows each file row becomes, and whether it is new, changed or unchanged.
The rules are the dictionary editor's (`services.kamus`: exactly five levels, each with a
description and at least one indicator tagged pengetahuan, keterampilan or sikap; its messages
are reused), reported per cell.

Re-importing a file updates competencies by kode (case-insensitive, as the dictionary's own
uniqueness rule) and never duplicates them. Levels are kept by number. An indicator whose text
(ignoring case and spacing) is already in the same level keeps its row, so the ticks of the
self-assessments that chose it stay attached; indicators left out are deleted, except one that
a submitted self-assessment ticked: the file is refused with a message asking to keep it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pegawai.impor import baca
from pegawai.impor.baca import Sel
from pegawai.impor.rencana import Galat, potongan

from ..models import (
    LEVEL_MAX,
    LEVEL_MIN,
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
)
from ..services.kamus import (
    PESAN_LIMA_LEVEL,
    indikator_terpakai,
    kutip_indikator,
    pesan_deskripsi_kosong,
    pesan_tanpa_indikator,
)
from .kolom import (
    INDIKATOR,
    KOMPETENSI,
    LEVEL,
    MAKS_DEFINISI,
    MAKS_DESKRIPSI,
    MAKS_INDIKATOR,
    MAKS_KODE,
    MAKS_NAMA,
    MAKS_TEKS_INDIKATOR,
    MAKS_URUTAN,
)

LEVEL_SEMUA = tuple(range(LEVEL_MIN, LEVEL_MAX + 1))
TEKNIS = Kompetensi.Jenis.TEKNIS
_ASPEK = {v: v for v in IndikatorPerilaku.Aspek.values}
_AKTIF = {
    "ya": True,
    "y": True,
    "aktif": True,
    "1": True,
    "true": True,
    "benar": True,
    "tidak": False,
    "t": False,
    "n": False,
    "nonaktif": False,
    "0": False,
    "false": False,
    "salah": False,
}

PESAN_LEVEL = f"Level harus berupa angka bulat {LEVEL_MIN} sampai {LEVEL_MAX}."
PESAN_URUTAN = f"Urutan harus berupa angka bulat 0 sampai {MAKS_URUTAN}."
PESAN_URUTAN_INDIKATOR = "Urutan indikator harus berupa angka bulat 0 atau lebih."


def pesan_kode_ganda(kode: str, baris: int) -> str:
    return f"Kode {kode} muncul lebih dari sekali (pertama di baris {baris})."


def pesan_bukan_teknis(kode: str, k: Kompetensi) -> str:
    jenis = Kompetensi.Jenis(k.jenis).label.lower()
    return f'Kode {kode} sudah dipakai kompetensi {jenis} "{k.nama}"; hanya kompetensi teknis yang dapat diimpor.'


def pesan_kode_asing(kode: str) -> str:
    return f"Kode {kode} tidak ada di lembar Kompetensi."


def pesan_level_ganda(kode: str, level: int, baris: int) -> str:
    return f"Level {level} kompetensi {kode} muncul lebih dari sekali (pertama di baris {baris})."


def pesan_level_kurang(hilang: list[int]) -> str:
    return f"{PESAN_LIMA_LEVEL} Level yang belum ada di lembar Level: {', '.join(map(str, hilang))}."


def pesan_indikator_terlalu_banyak(level: int, jumlah: int) -> str:
    return f"Level {level} memiliki {jumlah} indikator perilaku; paling banyak {MAKS_INDIKATOR} per level."


def pesan_indikator_ganda(level: int, baris: int) -> str:
    return f"Indikator yang sama sudah ada pada level {level} kompetensi ini (baris {baris})."


def pesan_indikator_dipakai(level: int, teks: str) -> str:
    return (
        f'Indikator level {level} "{kutip_indikator(teks)}" sudah dipilih dalam penilaian diri yang terkirim, sehingga tidak '
        "dapat dihapus atau diganti lewat impor. Sertakan indikator itu di lembar Indikator dengan teks yang sama."
    )


def pesan_aktif(nilai) -> str:
    return f"Nilai {nilai!r} tidak dikenal; gunakan ya atau tidak."


def kunci(kode: str) -> str:
    """Codes are compared as the dictionary does (`kode__iexact`)."""
    return kode.casefold()


def kunci_teks(teks: str) -> str:
    """Indicator texts are matched ignoring case and spacing."""
    return " ".join(teks.split()).casefold()


def paragraf(nilai: str) -> str:
    """Long text keeps its line breaks; spaces inside a line and blank-line runs are collapsed."""
    baris = [
        " ".join(b.replace("\xa0", " ").split()) for b in nilai.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    hasil: list[str] = []
    for b in baris:
        if b or (hasil and hasil[-1]):
            hasil.append(b)
    return "\n".join(hasil).strip()


# --- the plan ---------------------------------------------------------------------------------


@dataclass
class IndikatorBaris:
    nomor: int
    urutan: int | None
    teks: str
    aspek: str


@dataclass
class LevelBaris:
    nomor: int
    level: int
    deskripsi: str


@dataclass
class KompetensiBaris:
    nomor: int
    kode: str
    nama: str
    definisi: str
    urutan: int | None  # None: 0 for a new competency, unchanged for an existing one
    aktif: bool | None  # None: active for a new competency, unchanged for an existing one
    lama: Kompetensi | None
    level: dict[int, LevelBaris] = field(default_factory=dict)
    indikator: dict[int, list[IndikatorBaris]] = field(default_factory=lambda: defaultdict(list))
    # filled by the plan: the stored rows each file row becomes, and the stored indicators it drops
    level_lama: dict[int, LevelKompetensi | None] = field(default_factory=dict)
    pasangan: dict[int, list[tuple[IndikatorBaris, IndikatorPerilaku | None]]] = field(default_factory=dict)
    sisa: list[IndikatorPerilaku] = field(default_factory=list)
    berubah: bool = False

    @property
    def baru(self) -> bool:
        return self.lama is None

    @property
    def urutan_akhir(self) -> int:
        if self.urutan is not None:
            return self.urutan
        return self.lama.urutan if self.lama is not None else 0

    @property
    def aktif_akhir(self) -> bool:
        if self.aktif is not None:
            return self.aktif
        return self.lama.aktif if self.lama is not None else True


@dataclass
class Rencana:
    kompetensi: list[KompetensiBaris]
    # ids of indicators the plan deletes: re-checked against submitted assessments when writing
    indikator_dihapus: set[int]

    @property
    def jumlah_baru(self) -> int:
        return sum(1 for k in self.kompetensi if k.baru)

    @property
    def jumlah_diubah(self) -> int:
        return sum(1 for k in self.kompetensi if not k.baru and k.berubah)

    @property
    def jumlah_sama(self) -> int:
        return sum(1 for k in self.kompetensi if not k.baru and not k.berubah)


# --- reading cells ----------------------------------------------------------------------------


def _bulat(sel: Sel, kolom: str, *, minimum: int, maksimum: int | None, pesan: str, wajib: bool) -> int | None:
    """A whole number from a number or text cell; None when empty or wrong (wrong is recorded)."""
    if kolom not in sel.raw:
        return None
    nilai = sel.raw[kolom]
    if baca.kosong(nilai):
        if wajib:
            sel.salah(kolom, f"Kolom {kolom} wajib diisi.")
        return None
    angka: int | None = None
    if isinstance(nilai, bool):
        angka = None
    elif isinstance(nilai, int):
        angka = nilai
    elif isinstance(nilai, float) and nilai.is_integer():
        angka = int(nilai)
    elif isinstance(nilai, str):
        teks = nilai.strip()
        if teks.isascii() and teks.isdigit():
            angka = int(teks)
    if angka is None or angka < minimum or (maksimum is not None and angka > maksimum):
        sel.salah(kolom, pesan)
        return None
    return angka


def _paragraf(sel: Sel, kolom: str, *, maks: int, pesan_kosong: str | None = None) -> str | None:
    """Required long text, line breaks kept (the dictionary shows them)."""
    if kolom not in sel.raw:
        return None
    nilai = sel.raw[kolom]
    if isinstance(nilai, str):
        hasil = paragraf(nilai)
    else:
        try:
            hasil = baca.teks(nilai)
        except baca.NilaiSalah as exc:
            sel.salah(kolom, exc.pesan)
            return None
    if not hasil:
        sel.salah(kolom, pesan_kosong or f"Kolom {kolom} wajib diisi.")
        return None
    if len(hasil) > maks:
        sel.salah(kolom, f"Terlalu panjang: maksimal {maks} karakter (terisi {len(hasil)}).")
        return None
    return hasil


def _aktif(sel: Sel) -> bool | None:
    if "aktif" not in sel.raw:
        return None
    nilai = sel.raw["aktif"]
    if isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, (int, float)) and nilai in (0, 1):
        return bool(nilai)
    try:
        teks = baca.teks(nilai)
    except baca.NilaiSalah as exc:
        sel.salah("aktif", exc.pesan)
        return None
    if not teks:
        return None
    hasil = _AKTIF.get(teks.lower())
    if hasil is None:
        sel.salah("aktif", pesan_aktif(teks))
    return hasil


# --- the checks -------------------------------------------------------------------------------


class Pemeriksa:
    """Validates the rows of one import: `kompetensi`, then `level`, then `indikator`, then `rencana`."""

    def __init__(self) -> None:
        self.galat = Galat()
        # kode key -> the row of the Kompetensi sheet (also rows with errors: their levels and
        # indicators are still checked, and not reported as belonging to an unknown kode)
        self.dikenal: dict[str, int] = {}
        self.baris: dict[str, KompetensiBaris] = {}  # the valid rows
        self.db = {kunci(k.kode): k for k in Kompetensi.objects.all()}

    # Kompetensi sheet -------------------------------------------------------------------------

    def kompetensi(self, rows) -> None:
        for nomor, raw in rows:
            sel = Sel(self.galat, KOMPETENSI.nama, nomor, raw)
            kode = sel.teks("kode", wajib=True, maks=MAKS_KODE)
            nama = sel.teks("nama", wajib=True, maks=MAKS_NAMA)
            definisi = _paragraf(sel, "definisi", maks=MAKS_DEFINISI)
            urutan = _bulat(sel, "urutan", minimum=0, maksimum=MAKS_URUTAN, pesan=PESAN_URUTAN, wajib=False)
            aktif = _aktif(sel)
            if not kode:
                continue
            k = kunci(kode)
            if k in self.dikenal:
                sel.salah("kode", pesan_kode_ganda(kode, self.dikenal[k]))
                continue
            self.dikenal[k] = nomor
            lama = self.db.get(k)
            if lama is not None and lama.jenis != TEKNIS:
                sel.salah("kode", pesan_bukan_teknis(kode, lama))
            if sel.ok:
                self.baris[k] = KompetensiBaris(nomor, kode, nama, definisi, urutan, aktif, lama)

    def _induk(self, sel: Sel) -> tuple[str | None, KompetensiBaris | None]:
        """(kode as typed, the valid competency row) for a Level/Indikator row; errors recorded."""
        kode = sel.teks("kode", wajib=True, maks=MAKS_KODE)
        if not kode:
            return None, None
        if kunci(kode) not in self.dikenal:
            sel.salah("kode", pesan_kode_asing(kode))
            return None, None
        return kode, self.baris.get(kunci(kode))

    # Level sheet ------------------------------------------------------------------------------

    def level(self, rows) -> None:
        pertama: dict[tuple[str, int], int] = {}
        for nomor, raw in rows:
            sel = Sel(self.galat, LEVEL.nama, nomor, raw)
            kode, induk = self._induk(sel)
            level = _bulat(sel, "level", minimum=LEVEL_MIN, maksimum=LEVEL_MAX, pesan=PESAN_LEVEL, wajib=True)
            kosong = pesan_deskripsi_kosong(level) if level is not None else None
            deskripsi = _paragraf(sel, "deskripsi", maks=MAKS_DESKRIPSI, pesan_kosong=kosong)
            if kode is None:
                continue
            k = kunci(kode)
            if level is not None:
                if (k, level) in pertama:
                    sel.salah("level", pesan_level_ganda(kode, level, pertama[(k, level)]))
                else:
                    pertama[(k, level)] = nomor
            if not sel.ok:
                self._gagal(k)
            elif induk is not None:
                induk.level[level] = LevelBaris(nomor, level, deskripsi)

    # Indikator sheet --------------------------------------------------------------------------

    def indikator(self, rows) -> None:
        pertama: dict[tuple[str, int, str], int] = {}
        for nomor, raw in rows:
            sel = Sel(self.galat, INDIKATOR.nama, nomor, raw)
            kode, induk = self._induk(sel)
            level = _bulat(sel, "level", minimum=LEVEL_MIN, maksimum=LEVEL_MAX, pesan=PESAN_LEVEL, wajib=True)
            urutan = _bulat(sel, "urutan", minimum=0, maksimum=None, pesan=PESAN_URUTAN_INDIKATOR, wajib=False)
            teks = sel.teks("teks", wajib=True, maks=MAKS_TEKS_INDIKATOR)
            aspek = sel.pilihan("aspek", _ASPEK)
            if kode is None:
                continue
            k = kunci(kode)
            if teks and level is not None:
                ganda = (k, level, kunci_teks(teks))
                if ganda in pertama:
                    sel.salah("teks", pesan_indikator_ganda(level, pertama[ganda]))
                else:
                    pertama[ganda] = nomor
            if not sel.ok:
                self._gagal(k)
            elif induk is not None:
                induk.indikator[level].append(IndikatorBaris(nomor, urutan, teks, aspek))

    def _gagal(self, k: str) -> None:
        """A competency with a bad level or indicator row is not planned: its cross-sheet checks
        (five levels, indicators per level) would only repeat the row's own error."""
        self.baris.pop(k, None)

    # the whole competency ---------------------------------------------------------------------

    def rencana(self) -> Rencana | None:
        """Checks across sheets and against stored assessments; the plan, or None when any error."""
        for k, b in list(self.baris.items()):
            sel = Sel(self.galat, KOMPETENSI.nama, b.nomor, {"kode": b.kode})
            hilang = [lv for lv in LEVEL_SEMUA if lv not in b.level]
            if hilang:
                sel.salah("kode", pesan_level_kurang(hilang))
            for lv, lb in sorted(b.level.items()):
                jumlah = len(b.indikator.get(lv, ()))
                sel_lv = Sel(self.galat, LEVEL.nama, lb.nomor, {"level": lv})
                if jumlah == 0:
                    sel_lv.salah("level", pesan_tanpa_indikator(lv))
                elif jumlah > MAKS_INDIKATOR:
                    sel_lv.salah("level", pesan_indikator_terlalu_banyak(lv, jumlah))
                if not sel_lv.ok:
                    sel.ok = False
            if not sel.ok:
                self._gagal(k)
        if self.galat:
            return None
        dihapus = self._cocokkan()
        if self.galat:
            return None
        return Rencana(kompetensi=sorted(self.baris.values(), key=lambda b: b.nomor), indikator_dihapus=dihapus)

    def _cocokkan(self) -> set[int]:
        """Match the file's indicators to the stored ones, build each `LevelData`, mark changes."""
        lama_ids = [b.lama.pk for b in self.baris.values() if b.lama is not None]
        level_db: dict[tuple[int, int], LevelKompetensi] = {}
        indikator_db: dict[int, list[IndikatorPerilaku]] = defaultdict(list)
        for ids in potongan(lama_ids):
            for lv in LevelKompetensi.objects.filter(kompetensi_id__in=ids):
                level_db[(lv.kompetensi_id, lv.level)] = lv
            for ind in IndikatorPerilaku.objects.filter(level__kompetensi_id__in=ids).order_by(
                "level_id", "urutan", "id"
            ):
                indikator_db[ind.level_id].append(ind)

        dihapus: dict[int, tuple[KompetensiBaris, int, IndikatorPerilaku]] = {}
        for b in self.baris.values():
            b.berubah = b.lama is None or _kompetensi_berubah(b)
            for lv in LEVEL_SEMUA:
                lama_lv = level_db.get((b.lama.pk, lv)) if b.lama is not None else None
                bebas: dict[str, list[IndikatorPerilaku]] = defaultdict(list)
                for ind in indikator_db.get(lama_lv.pk, []) if lama_lv is not None else []:
                    bebas[kunci_teks(ind.teks)].append(ind)
                pasangan = []
                for ind in sorted(b.indikator[lv], key=lambda i: (i.urutan is None, i.urutan or 0, i.nomor)):
                    cocok = bebas.get(kunci_teks(ind.teks))
                    pasangan.append((ind, cocok.pop(0) if cocok else None))
                sisa = [ind for daftar in bebas.values() for ind in daftar]
                for ind in sisa:
                    dihapus[ind.pk] = (b, lv, ind)
                b.level_lama[lv], b.pasangan[lv] = lama_lv, pasangan
                b.sisa.extend(sisa)
                if not b.berubah:
                    b.berubah = (
                        lama_lv is None
                        or paragraf(lama_lv.deskripsi) != b.level[lv].deskripsi
                        or bool(sisa)
                        or any(
                            lama is None or (lama.urutan, lama.teks, lama.aspek) != (n, ind.teks, ind.aspek)
                            for n, (ind, lama) in enumerate(pasangan, start=1)
                        )
                    )

        if dihapus:
            for pk in sorted(indikator_terpakai(list(dihapus))):
                b, lv, ind = dihapus[pk]
                sel = Sel(self.galat, KOMPETENSI.nama, b.nomor, {"kode": b.kode})
                sel.salah("kode", pesan_indikator_dipakai(lv, ind.teks))
        return set(dihapus)


def _kompetensi_berubah(b: KompetensiBaris) -> bool:
    lama = b.lama
    return (
        lama.kode != b.kode
        or lama.nama != b.nama
        or paragraf(lama.definisi) != b.definisi
        or lama.urutan != b.urutan_akhir
        or lama.aktif != b.aktif_akhir
    )
