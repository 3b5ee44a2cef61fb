"""Validate every row of the three sheets against each other and against the database.

Set-based: the whole unit tree and position catalogue are read in one query each, employees in
a few (a light (id, nip, atasan, aktif) graph of everyone, full rows only for the NIPs in the
file), so the work per row is dictionary look-ups. Every error is collected, never only the
first: the admin fixes the workbook once.

The result is a `Rencana` (plan) that `tulis.py` applies in one transaction, or a list of
errors and nothing is written.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from pegawai.models import Jabatan, Pegawai, UnitKerja

from . import baca
from .baca import Sel
from .kolom import JABATAN, PEGAWAI, UNIT
from .rencana import Galat, JabatanBaris, PegawaiBaris, Rencana, UnitBaris, potongan

User = get_user_model()

_TELEPON_BOLEH = set("0123456789+-() .")


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
    """Validates the rows of one import (progress is reported while the rows are read, in proses.py)."""

    def __init__(self, *, opd_id: int | None) -> None:
        self.galat = Galat()
        self.opd_id = opd_id
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

    # units ----------------------------------------------------------------------------------

    def unit(self, rows) -> None:
        r = self.rencana
        pertama: dict[str, int] = {}
        for nomor, raw in rows:
            sel = Sel(self.galat, UNIT.nama, nomor, raw)
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
        sel = Sel(self.galat, UNIT.nama, b.nomor, {"kode_induk": b.kode_induk})
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
        sel = Sel(self.galat, UNIT.nama, b.nomor, {"kode": b.kode, "jenis": b.jenis, "kode_induk": b.kode_induk})
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
            sel = Sel(self.galat, JABATAN.nama, nomor, raw)
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

    def _jenjang(self, sel: Sel, jenis: str | None) -> str | None:
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
        baris_ok: list[tuple[Sel, PegawaiBaris]] = []
        pertama: dict[str, int] = {}
        for nomor, raw in rows:
            sel = Sel(self.galat, PEGAWAI.nama, nomor, raw)
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

    def _golongan(self, sel: Sel, status: str | None) -> str | None:
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

    def _pegawai_unit_periksa(self, sel: Sel, kode: str) -> None:
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

    def _pegawai_db_periksa(self, baris: list[tuple[Sel, PegawaiBaris]], di_berkas: dict[str, int]) -> None:
        """Checks that need the employees already in the database: scope, accounts, atasan, cycles."""
        r = self.rencana
        graf: dict[str, tuple[int, int | None, bool, int, str]] = {}
        nip_per_id: dict[int, str] = {}
        for pk, nip, atasan_id, aktif, unit_id, jenis_jabatan in Pegawai.objects.order_by().values_list(
            "id", "nip", "atasan_id", "aktif", "unit_id", "jabatan__jenis"
        ):
            graf[nip] = (pk, atasan_id, aktif, unit_id, jenis_jabatan)
            nip_per_id[pk] = nip
        r.pegawai_id_per_nip = {nip: v[0] for nip, v in graf.items()}
        ada = [b.nip for _, b in baris if b.nip in graf]
        lama: dict[str, Pegawai] = {}
        for potong in potongan(ada):
            lama.update((p.nip, p) for p in Pegawai.objects.filter(nip__in=potong).order_by())
        baru = [b.nip for _, b in baris if b.nip not in graf]
        akun_ada: set[str] = set()
        for potong in potongan(baru):
            akun_ada.update(User.objects.filter(username__in=potong).order_by().values_list("username", flat=True))

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
                    elif self._atasan_di_luar_lingkup(b, graf, di_berkas):
                        sel.salah("nip_atasan", "Atasan langsung harus pegawai di OPD Anda atau pemangku JPT.")
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

    def _atasan_di_luar_lingkup(self, b: PegawaiBaris, graf: dict, di_berkas: dict[str, int]) -> bool:
        """Admin OPD may name as atasan someone of their OPD or a JPT holder (as the services
        rule); a link that is already in the database is not re-judged."""
        if self.opd_id is None or b.nip_atasan in di_berkas or b.nip_atasan not in graf:
            return False
        atasan_pk, _, _, unit_id, jenis = graf[b.nip_atasan]
        if b.lama is not None and b.lama.atasan_id == atasan_pk:
            return False
        unit = self.unit_per_id.get(unit_id)
        return (unit is None or unit.opd_id != self.opd_id) and jenis != Jabatan.Jenis.JPT

    def _siklus_periksa(self, sah: list[tuple[Sel, PegawaiBaris]], atasan_akhir: dict[str, str | None]) -> None:
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
