"""Apply a validated plan in the caller's transaction: bulk inserts and updates, then the audit trail."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from pegawai.hierarki import jalur_hitung_ulang
from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from pegawai.services import MASA_BERLAKU_KODE_AKTIVASI, PEGAWAI_FIELDS, kode_aktivasi_buat, kode_aktivasi_hash

from .massal import FK, Jejak, ubah_massal
from .rencana import PegawaiBaris, Rencana, potongan

User = get_user_model()
BATCH = 500


@dataclass(frozen=True)
class Kredensial:
    nip: str
    nama: str
    unit: str
    kode: str
    berlaku_sampai: datetime


_AUDIT_UNIT = ("kode", "nama", "jenis", "induk", "opd", "aktif")
_AUDIT_JABATAN = ("kode", "nama", "jenis", "jenjang", "aktif")
_AUDIT_PEGAWAI = (*PEGAWAI_FIELDS, "aktif", "user", "wajib_ganti_password")
_AUDIT_USER = ("username", "is_active", "is_staff", "is_superuser")
_AUDIT_RIWAYAT = ("pegawai", "unit", "jabatan", "mulai", "sampai", "keterangan")


def _isi_pk(model, objs: list, kunci: str) -> None:
    """Backends that cannot return ids from a bulk insert: read them back by natural key."""
    kosong = [o for o in objs if o.pk is None]
    if not kosong:
        return
    per_kunci = {getattr(o, kunci): o for o in kosong}
    for potong in potongan(list(per_kunci)):
        for pk, nilai in model.objects.filter(**{f"{kunci}__in": potong}).values_list("pk", kunci):
            per_kunci[nilai].pk = pk


def _unit_tulis(r: Rencana, jejak: Jejak, sekarang) -> dict[str, UnitKerja]:
    """Insert parents before children (Pemda, OPD, Bidang, Subbidang), then fix every unit's OPD."""
    semua = dict(r.unit_db)
    baru_semua: list[UnitKerja] = []
    for tingkat in sorted(set(UnitKerja.TINGKAT.values())):
        baru = [
            UnitKerja(kode=b.kode, nama=b.nama, jenis=b.jenis, induk=semua.get(b.kode_induk) if b.kode_induk else None)
            for b in r.unit
            if b.lama is None and UnitKerja.TINGKAT[b.jenis] == tingkat
        ]
        if baru:
            UnitKerja.objects.bulk_create(baru, batch_size=BATCH)
            _isi_pk(UnitKerja, baru, "kode")
            semua.update((u.kode, u) for u in baru)
            baru_semua.extend(baru)
    diubah: dict[str, dict] = {}
    objs = []
    for b in r.unit:
        if b.lama is None or not b.berubah:
            continue
        u = b.lama
        induk = semua.get(b.kode_induk) if b.kode_induk else None
        perubahan = {}
        if "nama" in b.berubah:
            perubahan["nama"] = (u.nama, b.nama)
            u.nama = b.nama
        if "induk" in b.berubah:
            perubahan["induk"] = (u.induk_id, induk.pk if induk else None)
            u.induk = induk
        u.updated_at = sekarang
        diubah[u.kode] = perubahan
        objs.append(u)
    if objs:
        ubah_massal(UnitKerja, objs, ["nama", "induk", "updated_at"])
    # Denormalised OPD for every unit whose chain changed (a moved Bidang takes its Seksi along).
    opd_ubah = []
    baru_kode = {u.kode for u in baru_semua}
    for kode, u in semua.items():
        opd_kode = r.opd_dari(kode)
        opd_id = semua[opd_kode].pk if opd_kode else None
        if u.opd_id != opd_id:
            if kode not in baru_kode:
                diubah.setdefault(kode, {})["opd"] = (u.opd_id, opd_id)
                u.updated_at = sekarang
            u.opd_id = opd_id
            opd_ubah.append(u)
    if opd_ubah:
        ubah_massal(UnitKerja, opd_ubah, ["opd", "updated_at"])
    for u in baru_semua:
        jejak.buat(u, _AUDIT_UNIT)
    for kode, perubahan in diubah.items():
        jejak.ubah(semua[kode], perubahan)
    return semua


def _jabatan_tulis(r: Rencana, jejak: Jejak, sekarang) -> dict[str, Jabatan]:
    semua = dict(r.jabatan_db)
    baru = [
        Jabatan(kode=b.kode, nama=b.nama, jenis=b.jenis, jenjang=b.jenjang or "") for b in r.jabatan if b.lama is None
    ]
    if baru:
        Jabatan.objects.bulk_create(baru, batch_size=BATCH)
        _isi_pk(Jabatan, baru, "kode")
        semua.update((j.kode, j) for j in baru)
        for j in baru:
            jejak.buat(j, _AUDIT_JABATAN)
    objs = []
    for b in r.jabatan:
        if b.lama is None or not b.berubah:
            continue
        j = b.lama
        nilai_baru = {"nama": b.nama, "jenis": b.jenis, "jenjang": b.jenjang or ""}
        jejak.ubah(j, {f: (getattr(j, f), nilai_baru[f]) for f in b.berubah})
        for f in b.berubah:
            setattr(j, f, nilai_baru[f])
        j.updated_at = sekarang
        objs.append(j)
    if objs:
        ubah_massal(Jabatan, objs, ["nama", "jenis", "jenjang", "updated_at"])
    return semua


def _gelombang(baru: list[PegawaiBaris]) -> list[list[PegawaiBaris]]:
    """New employees grouped so that every atasan is inserted before their subordinates.

    Depth 0: no atasan, or one already in the database; depth n: the atasan is at depth n-1.
    The chain was checked for cycles, and real hierarchies are a handful of levels deep, so this
    is a few bulk inserts with every atasan id known: no second pass to link them.
    """
    per_nip = {b.nip: b for b in baru}
    kedalaman: dict[str, int] = {}
    for b in baru:
        jalur = []
        nip = b.nip
        while nip in per_nip and nip not in kedalaman:
            jalur.append(nip)
            nip = per_nip[nip].nip_atasan or None
        d = kedalaman.get(nip, -1) if nip in per_nip else -1
        for n in reversed(jalur):
            d += 1
            kedalaman[n] = d
    hasil: list[list[PegawaiBaris]] = [[] for _ in range(max(kedalaman.values(), default=-1) + 1)]
    for b in baru:
        hasil[kedalaman[b.nip]].append(b)
    return hasil


def _pegawai_tulis(
    r: Rencana, jejak: Jejak, sekarang, *, actor, unit: dict[str, UnitKerja], jabatan: dict[str, Jabatan]
) -> list[Kredensial]:
    hari_ini = timezone.localdate(sekarang)
    id_per_nip = dict(r.pegawai_id_per_nip)
    baru = [b for b in r.pegawai if b.lama is None]
    ubah = [b for b in r.pegawai if b.lama is not None and b.berubah]

    # Accounts first: username = NIP, no usable password until the activation code is used.
    users = [
        User(
            username=b.nip,
            first_name=b.data["nama"][:150],
            email=b.data.get("email", ""),
            # What set_unusable_password() stores ("!" + random), minus 40 secrets.choice calls per account.
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
        )
        for b in baru
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    _isi_pk(User, users, "username")
    user_per_nip = {u.username: u for u in users}
    for u in users:
        jejak.buat(u, _AUDIT_USER)

    berlaku = sekarang + MASA_BERLAKU_KODE_AKTIVASI
    kredensial: list[Kredensial] = []
    objs: list[Pegawai] = []
    for gelombang in _gelombang(baru):
        daftar = []
        for b in gelombang:
            kode = kode_aktivasi_buat()
            p = Pegawai(
                nip=b.nip,
                nama=b.data["nama"],
                gelar_depan=b.data.get("gelar_depan", ""),
                gelar_belakang=b.data.get("gelar_belakang", ""),
                status_kepegawaian=b.data["status_kepegawaian"],
                golongan=b.data["golongan"],
                unit=unit[b.kode_unit],
                jabatan=jabatan[b.kode_jabatan],
                atasan_id=id_per_nip[b.nip_atasan] if b.nip_atasan else None,
                email=b.data.get("email", ""),
                telepon=b.data.get("telepon", ""),
                user=user_per_nip[b.nip],
                wajib_ganti_password=True,
                kode_aktivasi_hash=kode_aktivasi_hash(kode),
                kode_aktivasi_berlaku_sampai=berlaku,
            )
            daftar.append(p)
            kredensial.append(Kredensial(b.nip, p.nama_lengkap, p.unit.nama, kode, berlaku))
        Pegawai.objects.bulk_create(daftar, batch_size=BATCH)
        _isi_pk(Pegawai, daftar, "nip")
        id_per_nip.update((p.nip, p.pk) for p in daftar)
        objs.extend(daftar)
    for p in objs:
        jejak.buat(p, _AUDIT_PEGAWAI)

    # Existing employees: only the fields that changed.
    kolom: set[str] = set()
    diubah = []
    email_user = []
    for b in ubah:
        p = b.lama
        nilai_baru = dict(b.data)
        nilai_baru["unit"] = unit[b.kode_unit].pk
        nilai_baru["jabatan"] = jabatan[b.kode_jabatan].pk
        if b.nip_atasan is not None:
            nilai_baru["atasan"] = id_per_nip[b.nip_atasan] if b.nip_atasan else None
        perubahan = {}
        for f in b.berubah:
            attr = f"{f}_id" if f in FK else f
            perubahan[f] = (getattr(p, attr), nilai_baru[f])
            setattr(p, attr, nilai_baru[f])
            kolom.add(f)
        if "email" in b.berubah and p.user_id:
            email_user.append(User(pk=p.user_id, email=p.email))
        p.updated_at = sekarang
        jejak.ubah(p, perubahan)
        diubah.append(p)
    ubah_massal(Pegawai, diubah, [*sorted(kolom), "updated_at"])
    ubah_massal(User, email_user, ["email"])

    # Placement history: a new employee's first row; a change of unit or jabatan closes the
    # running row and opens a new one (as pegawai_update does).
    pindah = [b.lama for b in ubah if {"unit", "jabatan"} & set(b.berubah)]
    for potong in potongan([p.pk for p in pindah]):
        terbuka = RiwayatJabatan.objects.filter(pegawai_id__in=potong, sampai__isnull=True)
        ids = list(terbuka.values_list("pk", flat=True))
        RiwayatJabatan.objects.filter(pk__in=ids).update(sampai=hari_ini)
        for pk in ids:
            jejak.ubah(RiwayatJabatan(pk=pk), {"sampai": (None, hari_ini)})
    riwayat = [
        RiwayatJabatan(
            pegawai_id=p.pk,
            unit_id=p.unit_id,
            jabatan_id=p.jabatan_id,
            mulai=hari_ini,
            keterangan=keterangan,
            dicatat_oleh=actor,
        )
        for daftar, keterangan in ((objs, "Data awal (impor Excel)"), (pindah, "Perubahan unit/jabatan (impor Excel)"))
        for p in daftar
    ]
    RiwayatJabatan.objects.bulk_create(riwayat, batch_size=BATCH)
    if any(rw.pk is None for rw in riwayat):
        baru_rw = {}
        for potong in potongan([rw.pegawai_id for rw in riwayat]):
            terbuka = RiwayatJabatan.objects.filter(pegawai_id__in=potong, sampai__isnull=True)
            baru_rw.update(terbuka.values_list("pegawai_id", "pk"))
        for rw in riwayat:
            rw.pk = baru_rw.get(rw.pegawai_id)
    for rw in riwayat:
        jejak.buat(rw, _AUDIT_RIWAYAT)
    return kredensial


def rencana_tulis(*, rencana: Rencana, actor, impor_id: int) -> list[Kredensial]:
    """Write the plan. Must run inside a transaction (the caller's `transaction.atomic`)."""
    sekarang = timezone.now()
    jejak = Jejak(actor=actor, impor_id=impor_id)
    unit = _unit_tulis(rencana, jejak, sekarang)
    jabatan = _jabatan_tulis(rencana, jejak, sekarang)
    kredensial = []
    if rencana.pegawai:
        kredensial = _pegawai_tulis(rencana, jejak, sekarang, actor=actor, unit=unit, jabatan=jabatan)
        jalur_hitung_ulang()  # supervisor paths of new and re-linked employees (pegawai.hierarki)
    jejak.simpan()
    return kredensial
