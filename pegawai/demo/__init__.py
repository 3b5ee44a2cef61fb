"""Demo data: "Pemerintah Kota Sukamaju" (fictional), about 300 ASN in 10 OPD.

`demo_muat()` is idempotent: every record is looked up by its natural key (unit and position
`kode`, employee NIP) and written only when it differs from the demo definition, so a second
run writes nothing (and adds nothing to the audit log). Names, NIPs and dates come from a fixed
seed: the same on every machine. Only the demo logins get a password (DEMO_PASSWORD, hashed once
per run with a fixed salt so the stored hash is stable); every other account has no usable
password and waits for an activation code from an admin, as after an import.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import transaction
from django.utils import timezone

from evaluasi.demo import evaluasi_demo
from kompetensi.demo import kompetensi_demo_penilaian
from kompetensi.services import kompetensi_demo_muat
from pegawai.hierarki import jalur_hitung_ulang
from pegawai.models import Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja
from pegawai.services import MASA_BERLAKU_KODE_AKTIVASI, kode_aktivasi_hash
from pengaduan.demo import pengaduan_demo

from .data import (
    GELAR,
    GOLONGAN_AWAL,
    GOLONGAN_PELAKSANA,
    JABATAN,
    LAHIR_PELAKSANA,
    NAMA_BELAKANG,
    NAMA_BELAKANG_WANITA,
    NAMA_DEPAN_PRIA,
    NAMA_DEPAN_WANITA,
    PERSONA,
    PERSONA_PINDAHAN,
    PERSONA_SUSULAN,
    PROFIL,
    USIA_MASUK,
    Staf,
    Unit,
    struktur_parse,
)

User = get_user_model()

DEMO_PASSWORD = "demo12345"  # noqa: S105 (documented demo password)
# Fixed and long enough (>= 22 characters) that Django never re-hashes it at sign-in.
_DEMO_SALT = "asnKinerjaDemoSukamaju2026"
# Codes are stored hashed: a fixed demo code keeps the hash (and the printed code) stable.
DEMO_KODE_AKTIVASI = "AKTV-DEMX-2468"
DEMO_URL = "http://127.0.0.1:8000"
SEED = 20260817
DOMAIN_EMAIL = "sukamajukota.go.id"


@dataclass
class RencanaPegawai:
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    status: str
    golongan: str
    unit: str
    jabatan: str
    atasan_nip: str | None
    email: str
    telepon: str
    aktif: bool
    mulai: date
    riwayat_lama: tuple[str, str, date] | None = None  # (unit, jabatan, mulai) of a closed placement
    berhenti: date | None = None
    persona: str = ""


@dataclass
class Rencana:
    units: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # kode, nama, jenis, induk
    pegawai: list[RencanaPegawai] = field(default_factory=list)


class _Pembuat:
    """Builds the plan from the tree with one seeded RNG: same seed, same people."""

    def __init__(self, seed: int):
        self.rnd = random.Random(seed)
        self.nip_terpakai: set[str] = set()
        self.nama_terpakai: set[str] = set()
        self.rencana = Rencana()
        self.unit_per_jabatan: dict[str, list[str]] = {}

    def nama(self, perempuan: bool) -> str:
        rnd = self.rnd
        for _ in range(50):
            depan = rnd.choice(NAMA_DEPAN_WANITA if perempuan else NAMA_DEPAN_PRIA)
            belakang_pilihan = NAMA_BELAKANG + (NAMA_BELAKANG_WANITA if perempuan else ())
            bagian = [depan]
            if rnd.random() < 0.2:
                bagian.append(rnd.choice(NAMA_DEPAN_WANITA if perempuan else NAMA_DEPAN_PRIA))
            bagian.append(rnd.choice(belakang_pilihan))
            nama = " ".join(dict.fromkeys(bagian))
            if nama not in self.nama_terpakai:
                self.nama_terpakai.add(nama)
                return nama
        return nama

    def gelar(self, ilmu: str, pendidikan: str) -> tuple[str, str]:
        if pendidikan == "SMA":
            return "", ""
        pilihan = GELAR[ilmu]
        gelar = [self.rnd.choice(pilihan[pendidikan])]
        if pendidikan == "S2" and "|" not in gelar[0]:
            gelar.insert(0, self.rnd.choice(pilihan["S1"]))  # "S.E., M.M."
        depan, belakang = "", []
        for g in gelar:
            d, _, b = g.rpartition("|")
            depan = depan or d
            belakang += [b] if b else []
        return depan, ", ".join(belakang)

    def nip(self, lahir: date, tmt: tuple[int, int], perempuan: bool) -> str:
        awal = f"{lahir:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{2 if perempuan else 1}"
        urut = self.rnd.randrange(1, 999)
        while f"{awal}{urut:03d}" in self.nip_terpakai:
            urut = urut % 999 + 1
        nip = f"{awal}{urut:03d}"
        self.nip_terpakai.add(nip)
        return nip

    def buat(self, unit: Unit, induk: str | None = None, atasan_nip: str | None = None) -> str | None:
        """Plan a unit, its people and its children; returns the NIP of the unit's head."""
        self.rencana.units.append((unit.kode, unit.nama, unit.jenis, induk))
        if unit.jenis == UnitKerja.Jenis.PEMDA:
            # The Sekretaris Daerah (head of the first OPD) supervises every other OPD head.
            sekda = None
            for anak in unit.anak:
                kepala = self.buat(anak, unit.kode, sekda)
                sekda = sekda or kepala
            return None
        kepala_nip = atasan_nip
        if unit.kepala is not None:
            kepala_nip = self.pegawai(
                unit.kepala, unit.kode, atasan_nip, status=Pegawai.Status.PNS, persona=unit.kepala.persona
            )
        for staf in unit.staf:
            self.unit_per_jabatan.setdefault(staf.jabatan, []).append(unit.kode)
            for i in range(staf.jumlah + staf.pensiun):
                if i < staf.pppk:
                    status = Pegawai.Status.PPPK
                elif i < staf.pppk + staf.cpns:
                    status = Pegawai.Status.CPNS
                else:
                    status = Pegawai.Status.PNS
                persona = staf.persona if i == 0 else ""
                self.pegawai(staf, unit.kode, kepala_nip, status=status, persona=persona, pensiun=i >= staf.jumlah)
        for anak in unit.anak:
            self.buat(anak, unit.kode, kepala_nip)
        return kepala_nip

    def pegawai(self, staf: Staf, unit: str, atasan_nip, *, status, persona: str = "", pensiun=False) -> str:
        rnd = self.rnd
        _, jenis, jenjang, pendidikan = JABATAN[staf.jabatan]
        if persona:
            _, nama, depan, belakang, perempuan, _, _ = PERSONA[persona]
            if persona in PERSONA_SUSULAN:
                # A login added after the demo NIPs were published: draw what a generated
                # employee draws, so every other demo NIP stays the same.
                rnd.random()
                self.nama(perempuan)
                self.gelar(staf.ilmu, pendidikan)
        else:
            perempuan = rnd.random() < 0.5
            nama = self.nama(perempuan)
            depan, belakang = self.gelar(staf.ilmu, pendidikan)
        if jenis == "pelaksana":
            (tahun_awal, tahun_akhir), golongan = LAHIR_PELAKSANA, GOLONGAN_PELAKSANA[pendidikan]
        else:
            (tahun_awal, tahun_akhir), golongan = PROFIL[(jenis, jenjang)]
        usia_min, usia_max = USIA_MASUK[pendidikan]
        if status == Pegawai.Status.PNS:
            lahir_tahun = 1965 if pensiun else rnd.randint(tahun_awal, tahun_akhir)
            tmt_tahun = min(lahir_tahun + rnd.randint(usia_min, usia_max), 2022)
            gol = golongan[-1] if pensiun else rnd.choice(golongan)
        elif status == Pegawai.Status.CPNS:
            lahir_tahun = rnd.randint(1997, 2001)
            tmt_tahun = 2025
            gol = GOLONGAN_AWAL[pendidikan][0]
        else:
            lahir_tahun = rnd.randint(1982, 1996)
            tmt_tahun = rnd.randint(2022, 2024)
            gol = GOLONGAN_AWAL[pendidikan][1]
        lahir = date(lahir_tahun, rnd.randint(1, 12), rnd.randint(1, 28))
        tmt = (tmt_tahun, rnd.randint(1, 12))
        nip = self.nip(lahir, tmt, perempuan)
        tmt_tanggal = date(tmt[0], tmt[1], 1)
        # Current placement: CPNS/PPPK since their appointment, others some years later.
        if status == Pegawai.Status.PNS:
            mulai = max(tmt_tanggal, date(2016, 1, 2) + timedelta(days=rnd.randrange(3000)))
        else:
            mulai = tmt_tanggal
        berhenti = None
        if pensiun:
            bup = 60 if jenjang in (Jabatan.Jenjang.MADYA, Jabatan.Jenjang.PRATAMA) else 58  # batas usia pensiun
            berhenti = date(lahir.year + bup, lahir.month, 1)
            mulai = min(mulai, berhenti - timedelta(days=800))
        riwayat_lama = None
        asal = PERSONA_PINDAHAN.get(persona)
        kandidat = [u for u in self.unit_per_jabatan.get(staf.jabatan, []) if u != unit]
        if asal is None and status == Pegawai.Status.PNS and kandidat and rnd.random() < 0.12:
            asal = rnd.choice(kandidat)
        if asal is not None and mulai > tmt_tanggal + timedelta(days=400):
            riwayat_lama = (asal, staf.jabatan, tmt_tanggal)
        elif asal is not None and persona:
            # The demo's moved employee must have a previous placement: start it at TMT.
            mulai = max(mulai, tmt_tanggal + timedelta(days=730))
            riwayat_lama = (asal, staf.jabatan, tmt_tanggal)
        slug = ".".join(nama.lower().replace("'", "").split()[:2])
        self.rencana.pegawai.append(
            RencanaPegawai(
                nip=nip,
                nama=nama,
                gelar_depan=depan,
                gelar_belakang=belakang,
                status=status,
                golongan=gol,
                unit=unit,
                jabatan=staf.jabatan,
                atasan_nip=atasan_nip,
                email=f"{slug}.{nip[-3:]}@{DOMAIN_EMAIL}",
                telepon=f"0812{rnd.randrange(10**7, 10**8)}",
                aktif=not pensiun,
                mulai=mulai,
                riwayat_lama=riwayat_lama,
                berhenti=berhenti,
                persona=persona,
            )
        )
        return nip


def demo_rencana(seed: int = SEED) -> Rencana:
    """The demo Pemda as plain data (no database access)."""
    pembuat = _Pembuat(seed)
    pembuat.buat(struktur_parse())
    return pembuat.rencana


# --- writing it -------------------------------------------------------------------------------


@dataclass
class Login:
    persona: str
    label: str
    nama: str
    nip: str
    rahasia: str


@dataclass
class HasilDemo:
    dibuat: dict[str, int] = field(default_factory=dict)
    diubah: dict[str, int] = field(default_factory=dict)
    login: list[Login] = field(default_factory=list)

    def tambah(self, kamus: dict[str, int], nama: str) -> None:
        kamus[nama] = kamus.get(nama, 0) + 1


def _simpan_jika_berubah(obj, nilai: dict, hasil: HasilDemo, nama: str) -> None:
    berubah = [k for k, v in nilai.items() if getattr(obj, k) != v]
    if berubah:
        for k in berubah:
            setattr(obj, k, nilai[k])
        if hasattr(obj, "updated_at"):
            berubah.append("updated_at")
        obj.save(update_fields=berubah)
        hasil.tambah(hasil.diubah, nama)


@transaction.atomic
def demo_muat(seed: int = SEED) -> HasilDemo:
    """Create or converge the demo Pemda. Idempotent: a second run writes nothing."""
    rencana = demo_rencana(seed)
    hasil = HasilDemo()
    now = timezone.now()

    # Positions.
    jabatan = {j.kode: j for j in Jabatan.objects.filter(kode__in=JABATAN)}
    for kode, (nama, jenis, jenjang, _) in JABATAN.items():
        nilai = {"nama": nama, "jenis": jenis, "jenjang": jenjang, "aktif": True}
        if kode not in jabatan:
            obj = Jabatan(kode=kode, **nilai)
            obj.full_clean()
            obj.save()
            jabatan[kode] = obj
            hasil.tambah(hasil.dibuat, "jabatan")
        else:
            _simpan_jika_berubah(jabatan[kode], nilai, hasil, "jabatan")

    # Units, parents first; `opd` as services.unit_create sets it.
    units = {u.kode: u for u in UnitKerja.objects.filter(kode__in=[k for k, *_ in rencana.units])}
    for kode, nama, jenis, induk_kode in rencana.units:
        induk = units[induk_kode] if induk_kode else None
        if kode not in units:
            obj = UnitKerja(kode=kode, nama=nama, jenis=jenis, induk=induk, opd_id=induk.opd_id if induk else None)
            obj.clean_fields(exclude=["induk", "opd"])  # full_clean costs a query per FK and constraint
            obj.save()
            if jenis == UnitKerja.Jenis.OPD:
                obj.opd = obj
                obj.save(update_fields=["opd"])
            units[kode] = obj
            hasil.tambah(hasil.dibuat, "unit")
            continue
        obj = units[kode]
        opd_id = obj.pk if jenis == UnitKerja.Jenis.OPD else (induk.opd_id if induk else None)
        nilai = {"nama": nama, "jenis": jenis, "induk_id": induk.pk if induk else None, "opd_id": opd_id, "aktif": True}
        _simpan_jika_berubah(obj, nilai, hasil, "unit")

    # Accounts and employees, supervisors first (the plan is in that order).
    nips = [r.nip for r in rencana.pegawai]
    pegawai = {p.nip: p for p in Pegawai.objects.filter(nip__in=nips)}
    users = {u.username: u for u in User.objects.filter(username__in=nips)}
    punya_riwayat = set(RiwayatJabatan.objects.filter(pegawai__nip__in=nips).values_list("pegawai__nip", flat=True))
    demo_hash = make_password(DEMO_PASSWORD, salt=_DEMO_SALT)
    kode_hash = kode_aktivasi_hash(DEMO_KODE_AKTIVASI)
    for r in rencana.pegawai:
        user = users.get(r.nip)
        user_nilai = {
            "first_name": r.nama[:150],
            "email": r.email,
            "is_active": r.aktif,
            "is_staff": False,
            "is_superuser": False,
        }
        login = r.persona and r.persona != "aktivasi"
        if login:
            user_nilai["password"] = demo_hash
        elif r.persona == "aktivasi":
            user_nilai["password"] = UNUSABLE_PASSWORD_PREFIX + "demo-belum-aktivasi"
        if user is None:
            user = User(username=r.nip, **user_nilai)
            if "password" not in user_nilai:
                user.set_unusable_password()
            user.save()
            users[r.nip] = user
            hasil.tambah(hasil.dibuat, "akun")
        else:
            _simpan_jika_berubah(user, user_nilai, hasil, "akun")

        nilai = {
            "nama": r.nama,
            "gelar_depan": r.gelar_depan,
            "gelar_belakang": r.gelar_belakang,
            "status_kepegawaian": r.status,
            "golongan": r.golongan,
            "unit_id": units[r.unit].pk,
            "jabatan_id": jabatan[r.jabatan].pk,
            "atasan_id": pegawai[r.atasan_nip].pk if r.atasan_nip else None,
            "email": r.email,
            "telepon": r.telepon,
            "aktif": r.aktif,
            "user_id": user.pk,
        }
        if r.persona:
            # Role logins work right away; the activation account shows the first-login flow.
            nilai["wajib_ganti_password"] = not login
        if r.persona == "aktivasi":
            nilai["kode_aktivasi_hash"] = kode_hash
        p = pegawai.get(r.nip)
        if p is None:
            # Everyone else has no password yet, as after an import: an admin hands out a code.
            p = Pegawai(nip=r.nip, **{"wajib_ganti_password": True, **nilai})
            if r.persona == "aktivasi":
                p.kode_aktivasi_berlaku_sampai = now + MASA_BERLAKU_KODE_AKTIVASI
            p.clean_fields(exclude=["unit", "jabatan", "atasan", "user"])  # NIP, choices, e-mail
            p.clean()  # golongan fits the status
            p.save()
            pegawai[r.nip] = p
            hasil.tambah(hasil.dibuat, "pegawai")
        else:
            lama = (p.unit_id, p.jabatan_id)
            if r.persona == "aktivasi" and (
                p.kode_aktivasi_berlaku_sampai is None or p.kode_aktivasi_berlaku_sampai < now + timedelta(days=7)
            ):
                nilai["kode_aktivasi_berlaku_sampai"] = now + MASA_BERLAKU_KODE_AKTIVASI
            _simpan_jika_berubah(p, nilai, hasil, "pegawai")
            if lama != (p.unit_id, p.jabatan_id) and p.aktif:
                # Someone changed the placement: follow services._riwayat_buka.
                RiwayatJabatan.objects.filter(pegawai=p, sampai__isnull=True).update(sampai=timezone.localdate())
                RiwayatJabatan.objects.create(
                    pegawai=p,
                    unit=p.unit,
                    jabatan=p.jabatan,
                    mulai=timezone.localdate(),
                    keterangan="Penyesuaian data demo",
                )
                hasil.tambah(hasil.diubah, "riwayat")

        if r.nip not in punya_riwayat:
            _riwayat_buat(p, r, units, jabatan)
            hasil.tambah(hasil.dibuat, "riwayat")

        if r.persona:
            label, *_rest, peran, opd_kode = PERSONA[r.persona]
            if peran:
                _, dibuat = PeranPengguna.objects.get_or_create(
                    user=user, peran=peran, opd=units[opd_kode] if opd_kode else None
                )
                if dibuat:
                    hasil.tambah(hasil.dibuat, "peran")
            rahasia = DEMO_KODE_AKTIVASI if r.persona == "aktivasi" else DEMO_PASSWORD
            hasil.login.append(Login(r.persona, label, p.nama_lengkap, r.nip, rahasia))

    jalur_hitung_ulang()  # supervisor paths; rewrites nothing on a second run
    # Competency dictionary and every demo position's standard but one (kompetensi, issue 3).
    kompetensi = kompetensi_demo_muat(jabatan_kode=list(JABATAN))
    hasil.dibuat.update(kompetensi["dibuat"])
    hasil.diubah.update(kompetensi["diubah"])
    # Competency rounds (one closed with results, one half done) and development plans.
    persona = {r.persona: pegawai[r.nip] for r in rencana.pegawai if r.persona}
    penilaian = kompetensi_demo_penilaian(actor=users[persona["admin_bkd"].nip], persona=persona, seed=seed)
    for nama, jumlah in penilaian.items():
        hasil.dibuat[nama] = hasil.dibuat.get(nama, 0) + jumlah
    # Performance periods, SKP, realisation, daily logs, assessments and an objection (issue 4).
    kinerja = evaluasi_demo(actor=users[persona["admin_bkd"].nip], persona=persona, seed=seed)
    for nama, jumlah in kinerja.items():
        hasil.dibuat[nama] = hasil.dibuat.get(nama, 0) + jumlah
    # Citizen voice: surveys with answers, closed and live complaints (issue 5).
    for nama, jumlah in pengaduan_demo(persona=persona, seed=seed).items():
        hasil.dibuat[nama] = hasil.dibuat.get(nama, 0) + jumlah
    urutan = list(PERSONA)
    hasil.login.sort(key=lambda login: urutan.index(login.persona))
    return hasil


def _riwayat_buat(p: Pegawai, r: RencanaPegawai, units, jabatan) -> None:
    if r.riwayat_lama is not None:
        unit_lama, jabatan_lama, mulai_lama = r.riwayat_lama
        RiwayatJabatan.objects.create(
            pegawai=p,
            unit=units[unit_lama],
            jabatan=jabatan[jabatan_lama],
            mulai=mulai_lama,
            sampai=r.mulai,
            keterangan="Penempatan awal",
        )
    keterangan = "Mutasi" if r.riwayat_lama else "Penempatan awal"
    RiwayatJabatan.objects.create(
        pegawai=p,
        unit=units[r.unit],
        jabatan=jabatan[r.jabatan],
        mulai=r.mulai,
        sampai=r.berhenti,
        keterangan="Nonaktif: pensiun (BUP)" if r.berhenti else keterangan,
    )
