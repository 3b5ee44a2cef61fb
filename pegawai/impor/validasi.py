"""Validate every row of the three sheets against each other and against the database.

Set-based: the whole unit tree and position catalogue are read in one query each, employees in
a few (a light (id, nip, atasan, aktif) graph of everyone, full rows only for the NIPs in the
file), so the work per row is dictionary look-ups. Every error is collected, never only the
first: the admin fixes the workbook once.

The result is a `Rencana` (plan) that `tulis.py` applies in one transaction, or a list of
errors and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pegawai.models import Jabatan, Pegawai, UnitKerja

from . import baca
from .kolom import JABATAN, PEGAWAI, UNIT

User = get_user_model()

MAKS_GALAT_DISIMPAN = 20_000
UKURAN_POTONGAN = 2_000  # ids/NIPs per IN (...) query: within every backend's parameter limit
_TELEPON_BOLEH = set("0123456789+-() .")


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


class _Sel:
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
            nilai = baca.teks(self.raw[kolom])
        except baca.NilaiSalah as exc:
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
        if baca.kosong(self.raw[kolom]):
            if wajib:
                self.salah(kolom, f"Kolom {kolom} wajib diisi.")
                return None
            return ""
        try:
            return baca.nip(self.raw[kolom])
        except baca.NilaiSalah as exc:
            self.salah(kolom, exc.pesan)
            return None


def _potongan(nilai: list, ukuran: int = UKURAN_POTONGAN):
    for i in range(0, len(nilai), ukuran):
        yield nilai[i : i + ukuran]


# --- the checks -------------------------------------------------------------------------------

_JENIS_UNIT = {v: v for v in UnitKerja.Jenis.values}
_JENIS_JABATAN = {v: v for v in Jabatan.Jenis.values}
_JENJANG = (
    {v: v for v in Jabatan.Jenjang.values}
    | {label.lower(): value for value, label in Jabatan.Jenjang.choices}
    | {"ahli pertama": "pertama", "ahli muda": "muda", "ahli madya": "madya", "ahli utama": "utama"}
)
_STATUS = {v: v for v in Pegawai.Status.values}
_PESAN_OPD_TERLARANG = "Admin OPD tidak dapat menambah atau mengubah unit Pemda/OPD; hubungi Admin BKD."
_PESAN_JABATAN_TERLARANG = "Admin OPD tidak dapat menambah atau mengubah katalog jabatan; hubungi Admin BKD."


class Pemeriksa:
    """Validates the rows of one import. `kemajuan(n)` is called every 500 rows checked."""

    def __init__(self, *, opd_id: int | None, kemajuan: Callable[[int], None] | None = None) -> None:
        self.galat = Galat()
        self.opd_id = opd_id
        self.kemajuan = kemajuan or (lambda n: None)
        self.diperiksa = 0
        unit_db = {u.kode: u for u in UnitKerja.objects.all()}
        self.unit_per_id = {u.pk: u for u in unit_db.values()}
        opd = self.unit_per_id.get(opd_id)
        if opd_id is not None and opd is None:
            raise ValidationError("OPD impor ini sudah tidak ada.")
        self.rencana = Rencana(
            opd_kode=opd.kode if opd else None, unit_db=unit_db, jabatan_db={}, pegawai_id_per_nip={}
        )
        for u in unit_db.values():
            self.rencana.unit_induk_akhir[u.kode] = self._kode_unit(u.induk_id)
            self.rencana.unit_jenis_akhir[u.kode] = u.jenis
        self.unit_gagal: set[str] = set()
        self.jabatan_gagal: set[str] = set()
        self._jabatan_dimuat = False

    def _kode_unit(self, unit_id: int | None) -> str | None:
        unit = self.unit_per_id.get(unit_id)
        return unit.kode if unit else None

    def _maju(self) -> None:
        self.diperiksa += 1
        if self.diperiksa % 500 == 0:
            self.kemajuan(self.diperiksa)

    # units ----------------------------------------------------------------------------------

    def unit(self, rows) -> None:
        r = self.rencana
        pertama: dict[str, int] = {}
        for nomor, raw in rows:
            self._maju()
            sel = _Sel(self.galat, UNIT.nama, nomor, raw)
            kode = sel.teks("kode", wajib=True, maks=30)
            nama = sel.teks("nama", wajib=True, maks=200)
            jenis = sel.pilihan("jenis", _JENIS_UNIT)
            kode_induk = sel.teks("kode_induk", maks=30)
            if kode is None:
                continue
            if kode in pertama:
                sel.salah("kode", f"Kode {kode} muncul lebih dari sekali (pertama di baris {pertama[kode]}).")
                continue
            pertama[kode] = nomor
            lama = r.unit_db.get(kode)
            if lama is not None and jenis is not None and lama.jenis != jenis:
                sel.salah(
                    "jenis", f"Jenis unit yang sudah ada tidak dapat diubah (saat ini: {lama.get_jenis_display()})."
                )
            if not sel.ok:
                self.unit_gagal.add(kode)
                continue
            r.unit.append(UnitBaris(nomor, kode, nama, jenis, kode_induk or "", lama))
        # Parent rules are checked against the tree as it will be after the import.
        for b in r.unit:
            r.unit_jenis_akhir[b.kode] = b.jenis
            r.unit_induk_akhir[b.kode] = b.kode_induk or None
        for b in r.unit:
            ok = self._unit_induk_periksa(b)
            if ok and self.opd_id is not None:
                ok = self._unit_lingkup_periksa(b)
            if not ok:
                self.unit_gagal.add(b.kode)
            elif b.lama is not None:
                induk_lama = self._kode_unit(b.lama.induk_id) or ""
                b.berubah = [
                    f
                    for f, lama, baru in (("nama", b.lama.nama, b.nama), ("induk", induk_lama, b.kode_induk))
                    if lama != baru
                ]
        r.unit = [b for b in r.unit if b.kode not in self.unit_gagal]

    def _unit_induk_periksa(self, b: UnitBaris) -> bool:
        r = self.rencana
        sel = _Sel(self.galat, UNIT.nama, b.nomor, {"kode_induk": b.kode_induk})
        if b.jenis == UnitKerja.Jenis.PEMDA:
            if b.kode_induk:
                sel.salah("kode_induk", "Unit Pemerintah Daerah tidak memiliki unit induk; kosongkan kode_induk.")
            return sel.ok
        if not b.kode_induk:
            sel.salah("kode_induk", "Unit induk wajib diisi.")
            return False
        if b.kode_induk == b.kode:
            sel.salah("kode_induk", "Unit tidak dapat menjadi induk bagi dirinya sendiri.")
            return False
        if b.kode_induk in self.unit_gagal:
            return True  # the parent row already has its own error: do not pile on
        jenis_induk = r.unit_jenis_akhir.get(b.kode_induk)
        if jenis_induk is None:
            sel.salah(
                "kode_induk",
                f"Unit induk dengan kode {b.kode_induk} tidak ditemukan (tidak ada di berkas maupun di basis data).",
            )
            return False
        if UnitKerja.TINGKAT[jenis_induk] >= UnitKerja.TINGKAT[b.jenis]:
            sel.salah(
                "kode_induk",
                f"{UnitKerja.Jenis(b.jenis).label} tidak dapat berada di bawah {UnitKerja.Jenis(jenis_induk).label}.",
            )
            return False
        if b.jenis != UnitKerja.Jenis.OPD and jenis_induk == UnitKerja.Jenis.PEMDA:
            sel.salah("kode_induk", "Bidang/Seksi harus berada di bawah sebuah OPD.")
            return False
        return True

    def _unit_lingkup_periksa(self, b: UnitBaris) -> bool:
        """Admin OPD: units inside their own OPD only; a Pemda/OPD row only if it changes nothing."""
        r = self.rencana
        sel = _Sel(self.galat, UNIT.nama, b.nomor, {"kode": b.kode, "jenis": b.jenis, "kode_induk": b.kode_induk})
        if b.jenis in (UnitKerja.Jenis.PEMDA, UnitKerja.Jenis.OPD):
            lama = b.lama
            if lama is None or lama.nama != b.nama or (self._kode_unit(lama.induk_id) or "") != b.kode_induk:
                sel.salah("jenis", _PESAN_OPD_TERLARANG)
            return sel.ok
        if b.lama is not None and b.lama.opd_id != self.opd_id:
            sel.salah("kode", f"Unit dengan kode {b.kode} berada di luar OPD Anda.")
        elif r.opd_dari(b.kode) != r.opd_kode:
            sel.salah("kode_induk", f"Unit induk {b.kode_induk} berada di luar OPD Anda.")
        return sel.ok

    # positions ------------------------------------------------------------------------------

    def _jabatan_muat(self) -> None:
        if not self._jabatan_dimuat:
            self.rencana.jabatan_db = {j.kode: j for j in Jabatan.objects.all()}
            self.jabatan_per_id = {j.pk: j for j in self.rencana.jabatan_db.values()}
            self._jabatan_dimuat = True

    def jabatan(self, rows) -> None:
        self._jabatan_muat()
        r = self.rencana
        pertama: dict[str, int] = {}
        for nomor, raw in rows:
            self._maju()
            sel = _Sel(self.galat, JABATAN.nama, nomor, raw)
            kode = sel.teks("kode", wajib=True, maks=30)
            nama = sel.teks("nama", wajib=True, maks=200)
            jenis = sel.pilihan("jenis", _JENIS_JABATAN)
            jenjang = self._jenjang(sel, jenis)
            if kode is None:
                continue
            if kode in pertama:
                sel.salah("kode", f"Kode {kode} muncul lebih dari sekali (pertama di baris {pertama[kode]}).")
                continue
            pertama[kode] = nomor
            lama = r.jabatan_db.get(kode)
            if sel.ok:
                if jenjang is None:
                    jenjang_akhir = lama.jenjang if lama is not None and lama.jenis == jenis else ""
                else:
                    jenjang_akhir = jenjang
                boleh = Jabatan.JENJANG_PER_JENIS.get(jenis)
                if boleh is None and jenjang_akhir:
                    sel.salah("jenjang", "Jenjang hanya diisi untuk jabatan JPT dan fungsional.")
                elif boleh is not None and jenjang_akhir not in boleh:
                    pilihan = ", ".join(sorted(Jabatan.Jenjang(j).label for j in boleh))
                    sel.salah(
                        "jenjang",
                        f"Jenjang untuk jabatan {Jabatan.Jenis(jenis).label} harus salah satu dari: {pilihan}.",
                    )
            if sel.ok:
                b = JabatanBaris(nomor, kode, nama, jenis, jenjang_akhir, lama)
                if lama is not None:
                    b.berubah = [
                        f
                        for f, a, z in (
                            ("nama", lama.nama, nama),
                            ("jenis", lama.jenis, jenis),
                            ("jenjang", lama.jenjang, jenjang_akhir),
                        )
                        if a != z
                    ]
                if self.opd_id is not None and (lama is None or b.berubah):
                    sel.salah("kode", _PESAN_JABATAN_TERLARANG)
                else:
                    r.jabatan.append(b)
            if not sel.ok:
                self.jabatan_gagal.add(kode)

    def _jenjang(self, sel: _Sel, jenis: str | None) -> str | None:
        nilai = sel.teks("jenjang")
        if not nilai:
            return nilai  # None (absent or wrong type) or "" (empty)
        kunci = nilai.lower()
        if jenis == Jabatan.Jenis.JPT and kunci == "madya":
            return Jabatan.Jenjang.MADYA_JPT
        hasil = _JENJANG.get(kunci)
        if hasil is None:
            sel.salah("jenjang", f"Jenjang {nilai!r} tidak dikenal.")
        return hasil

    # employees ------------------------------------------------------------------------------

    def pegawai(self, rows) -> None:
        self._jabatan_muat()
        r = self.rencana
        kode_jabatan_ada = set(r.jabatan_db) | {b.kode for b in r.jabatan}
        baris_ok: list[tuple[_Sel, PegawaiBaris]] = []
        pertama: dict[str, int] = {}
        for nomor, raw in rows:
            self._maju()
            sel = _Sel(self.galat, PEGAWAI.nama, nomor, raw)
            nip = sel.nip("nip", wajib=True)
            data: dict[str, str] = {}
            for kolom, maks in (("nama", 150), ("gelar_depan", 30), ("gelar_belakang", 60), ("telepon", 20)):
                nilai = sel.teks(kolom, wajib=kolom == "nama", maks=maks)
                if nilai is not None:
                    data[kolom] = nilai
            status = sel.pilihan("status", _STATUS)
            if status is not None:
                data["status_kepegawaian"] = status
            golongan = self._golongan(sel, status)
            if golongan is not None:
                data["golongan"] = golongan
            email = sel.teks("email", maks=254)
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    sel.salah("email", "Alamat e-mail tidak valid.")
            if email is not None:
                data["email"] = email
            if data.get("telepon") and not set(data["telepon"]) <= _TELEPON_BOLEH:
                sel.salah("telepon", "Nomor telepon hanya boleh berisi angka, spasi, +, -, titik dan tanda kurung.")
            kode_unit = sel.teks("kode_unit", wajib=True, maks=30)
            kode_jabatan = sel.teks("kode_jabatan", wajib=True, maks=30)
            nip_atasan = sel.nip("nip_atasan", wajib=False)
            if nip is None:
                continue
            if nip in pertama:
                sel.salah("nip", f"NIP {nip} muncul lebih dari sekali (pertama di baris {pertama[nip]}).")
                continue
            pertama[nip] = nomor
            if nip_atasan and nip_atasan == nip:
                sel.salah("nip_atasan", "Pegawai tidak dapat menjadi atasan bagi dirinya sendiri.")
            if kode_unit:
                self._pegawai_unit_periksa(sel, kode_unit)
            if kode_jabatan and kode_jabatan not in self.jabatan_gagal and kode_jabatan not in kode_jabatan_ada:
                sel.salah(
                    "kode_jabatan",
                    f"Jabatan dengan kode {kode_jabatan} tidak ditemukan (tidak ada di berkas maupun di basis data).",
                )
            baris_ok.append(
                (sel, PegawaiBaris(nomor, nip, data, kode_unit or "", kode_jabatan or "", nip_atasan, None))
            )
        self._pegawai_db_periksa(baris_ok, pertama)

    def _golongan(self, sel: _Sel, status: str | None) -> str | None:
        if not sel.ada("golongan"):
            return None
        if baca.kosong(sel.raw["golongan"]):
            sel.salah("golongan", "Kolom golongan wajib diisi.")
            return None
        try:
            return baca.golongan(sel.raw["golongan"], status)
        except baca.NilaiSalah as exc:
            sel.salah("golongan", exc.pesan)
            return None

    def _pegawai_unit_periksa(self, sel: _Sel, kode: str) -> None:
        r = self.rencana
        if kode in self.unit_gagal:
            return
        jenis = r.unit_jenis_akhir.get(kode)
        unit_db = r.unit_db.get(kode)
        if jenis is None:
            sel.salah(
                "kode_unit",
                f"Unit kerja dengan kode {kode} tidak ditemukan (tidak ada di berkas maupun di basis data).",
            )
        elif jenis == UnitKerja.Jenis.PEMDA:
            sel.salah("kode_unit", "Pegawai harus ditempatkan di OPD atau unit di bawahnya.")
        elif unit_db is not None and not unit_db.aktif:
            sel.salah("kode_unit", "Unit kerja tidak aktif.")
        elif self.opd_id is not None and r.opd_dari(kode) != r.opd_kode:
            sel.salah("kode_unit", f"Unit kerja {kode} berada di luar OPD Anda.")

    def _pegawai_db_periksa(self, baris: list[tuple[_Sel, PegawaiBaris]], di_berkas: dict[str, int]) -> None:
        """Checks that need the employees already in the database: scope, accounts, atasan, cycles."""
        r = self.rencana
        graf: dict[str, tuple[int, int | None, bool, int]] = {}
        nip_per_id: dict[int, str] = {}
        for pk, nip, atasan_id, aktif, unit_id in Pegawai.objects.values_list(
            "id", "nip", "atasan_id", "aktif", "unit_id"
        ):
            graf[nip] = (pk, atasan_id, aktif, unit_id)
            nip_per_id[pk] = nip
        r.pegawai_id_per_nip = {nip: v[0] for nip, v in graf.items()}
        ada = [b.nip for _, b in baris if b.nip in graf]
        lama: dict[str, Pegawai] = {}
        for potong in _potongan(ada):
            lama.update((p.nip, p) for p in Pegawai.objects.filter(nip__in=potong))
        baru = [b.nip for _, b in baris if b.nip not in graf]
        akun_ada: set[str] = set()
        for potong in _potongan(baru):
            akun_ada.update(User.objects.filter(username__in=potong).values_list("username", flat=True))

        for sel, b in baris:
            b.lama = lama.get(b.nip)
            if b.lama is None and b.nip in akun_ada:
                sel.salah("nip", "Sudah ada akun dengan NIP ini.")
            if b.lama is not None and self.opd_id is not None:
                unit = self.unit_per_id.get(b.lama.unit_id)
                if unit is None or unit.opd_id != self.opd_id:
                    sel.salah("nip", "Pegawai dengan NIP ini terdaftar di luar OPD Anda.")
            if b.nip_atasan and b.nip_atasan != b.nip:
                if b.nip_atasan in di_berkas or b.nip_atasan in graf:
                    if b.nip_atasan in graf and not graf[b.nip_atasan][2]:
                        sel.salah("nip_atasan", "Atasan langsung harus pegawai aktif.")
                else:
                    sel.salah(
                        "nip_atasan",
                        f"Atasan dengan NIP {b.nip_atasan} tidak ditemukan (tidak ada di berkas maupun di basis data).",
                    )

        sah = [(sel, b) for sel, b in baris if sel.ok]
        # The atasan graph after the import: database edges, overridden by the file's.
        atasan_akhir = {nip: nip_per_id.get(v[1]) for nip, v in graf.items()}
        for _, b in sah:
            if b.nip_atasan is not None:
                atasan_akhir[b.nip] = b.nip_atasan or None
        self._siklus_periksa(sah, atasan_akhir)

        for sel, b in sah:
            if not sel.ok:
                continue
            if b.lama is not None:
                p = b.lama
                sekarang = {
                    **{f: getattr(p, f) for f in b.data},
                    "unit": self._kode_unit(p.unit_id),
                    "jabatan": self.jabatan_per_id[p.jabatan_id].kode if p.jabatan_id in self.jabatan_per_id else None,
                    "atasan": nip_per_id.get(p.atasan_id) or "",
                }
                akhir = {**b.data, "unit": b.kode_unit, "jabatan": b.kode_jabatan}
                if b.nip_atasan is not None:
                    akhir["atasan"] = b.nip_atasan
                b.berubah = [f for f, nilai in akhir.items() if sekarang[f] != nilai]
            r.pegawai.append(b)

    def _siklus_periksa(self, sah: list[tuple[_Sel, PegawaiBaris]], atasan_akhir: dict[str, str | None]) -> None:
        """Each node has at most one atasan, so a walk up from every file row finds every cycle once."""
        sel_per_nip = {b.nip: sel for sel, b in sah}
        selesai: set[str] = set()
        for awal in sel_per_nip:
            jalur: list[str] = []
            posisi: dict[str, int] = {}
            node = awal
            while node is not None and node not in selesai and node not in posisi:
                posisi[node] = len(jalur)
                jalur.append(node)
                node = atasan_akhir.get(node)
            if node is not None and node in posisi:
                lingkar = jalur[posisi[node] :]
                tampil = lingkar[:6] + (["…"] if len(lingkar) > 6 else []) + [lingkar[0]]
                pesan = f"Rantai atasan melingkar: {' → '.join(tampil)}."
                for nip in lingkar:
                    if nip in sel_per_nip:
                        sel_per_nip[nip].salah("nip_atasan", pesan)
            selesai.update(jalur)
