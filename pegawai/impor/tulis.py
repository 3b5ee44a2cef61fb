"""Apply a validated plan: bulk inserts and updates, then the audit trail, in the caller's transaction.

Bulk writes bypass django-auditlog's signals, so the entries it would have written (who,
when, {field: [old, new]}) are written here with `LogEntry.objects.bulk_create`, tagged with
the import id in `additional_data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from pegawai.services import MASA_BERLAKU_KODE_AKTIVASI, kode_aktivasi_buat, kode_aktivasi_hash

from .validasi import Rencana, _potongan

User = get_user_model()
BATCH = 500


@dataclass(frozen=True)
class Kredensial:
    nip: str
    nama: str
    unit: str
    kode: str
    berlaku_sampai: datetime


def _s(nilai) -> str:
    """A value as django-auditlog writes it in `changes` (str(None) == "None")."""
    return str(nilai)


class Jejak:
    """Audit entries collected during the import, written in bulk at the end."""

    def __init__(self, *, actor, impor_id: int) -> None:
        self.actor = actor
        self.tambahan = {"impor_id": impor_id, "sumber": "impor Excel"}
        self.cid = get_cid()
        self.entri: list[LogEntry] = []

    def _catat(self, obj, aksi: int, perubahan: dict) -> None:
        self.entri.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj),
                action=aksi,
                changes=perubahan,
                actor=self.actor,
                actor_email=getattr(self.actor, "email", None) or None,
                cid=self.cid,
                additional_data=self.tambahan,
            )
        )

    def buat(self, obj, fields: tuple[str, ...]) -> None:
        perubahan = {"id": ["None", _s(obj.pk)]}
        for f in fields:
            nilai = getattr(obj, f"{f}_id") if f in _FK else getattr(obj, f)
            perubahan[f] = ["None", _s(nilai)]
        self._catat(obj, LogEntry.Action.CREATE, perubahan)

    def ubah(self, obj, perubahan: dict[str, tuple]) -> None:
        if perubahan:
            self._catat(obj, LogEntry.Action.UPDATE, {f: [_s(a), _s(b)] for f, (a, b) in perubahan.items()})

    def simpan(self) -> None:
        LogEntry.objects.bulk_create(self.entri, batch_size=BATCH)


_FK = {"induk", "opd", "unit", "jabatan", "atasan", "user", "pegawai"}
_AUDIT_UNIT = ("kode", "nama", "jenis", "induk", "opd", "aktif")
_AUDIT_JABATAN = ("kode", "nama", "jenis", "jenjang", "aktif")
_AUDIT_PEGAWAI = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status_kepegawaian",
    "golongan",
    "unit",
    "jabatan",
    "atasan",
    "email",
    "telepon",
    "aktif",
    "user",
    "wajib_ganti_password",
)
_AUDIT_USER = ("username", "is_active", "is_staff", "is_superuser")
_AUDIT_RIWAYAT = ("pegawai", "unit", "jabatan", "mulai", "sampai", "keterangan")


def _isi_pk(model, objs: list, kunci: str) -> None:
    """Backends that cannot return ids from a bulk insert: read them back by natural key."""
    kosong = [o for o in objs if o.pk is None]
    if not kosong:
        return
    per_kunci = {getattr(o, kunci): o for o in kosong}
    for potong in _potongan(list(per_kunci)):
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
        UnitKerja.objects.bulk_update(objs, ["nama", "induk", "updated_at"], batch_size=BATCH)
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
        UnitKerja.objects.bulk_update(opd_ubah, ["opd", "updated_at"], batch_size=BATCH)
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
        Jabatan.objects.bulk_update(objs, ["nama", "jenis", "jenjang", "updated_at"], batch_size=BATCH)
    return semua


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
            password=make_password(None),
        )
        for b in baru
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    _isi_pk(User, users, "username")
    for u in users:
        jejak.buat(u, _AUDIT_USER)

    berlaku = sekarang + MASA_BERLAKU_KODE_AKTIVASI
    kredensial: list[Kredensial] = []
    objs: list[Pegawai] = []
    for b, user in zip(baru, users, strict=True):
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
            atasan_id=id_per_nip.get(b.nip_atasan) if b.nip_atasan else None,
            email=b.data.get("email", ""),
            telepon=b.data.get("telepon", ""),
            user=user,
            wajib_ganti_password=True,
            kode_aktivasi_hash=kode_aktivasi_hash(kode),
            kode_aktivasi_berlaku_sampai=berlaku,
        )
        objs.append(p)
        kredensial.append(Kredensial(b.nip, p.nama_lengkap, p.unit.nama, kode, berlaku))
    Pegawai.objects.bulk_create(objs, batch_size=BATCH)
    _isi_pk(Pegawai, objs, "nip")
    id_per_nip.update((p.nip, p.pk) for p in objs)

    # An atasan who is new in this file has an id only now.
    tautan = []
    for b, p in zip(baru, objs, strict=True):
        if b.nip_atasan and p.atasan_id is None:
            p.atasan_id = id_per_nip[b.nip_atasan]
            tautan.append(p)
    if tautan:
        Pegawai.objects.bulk_update(tautan, ["atasan"], batch_size=BATCH)
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
            nilai_baru["atasan"] = id_per_nip.get(b.nip_atasan) if b.nip_atasan else None
        perubahan = {}
        for f in b.berubah:
            attr = f"{f}_id" if f in _FK else f
            perubahan[f] = (getattr(p, attr), nilai_baru[f])
            setattr(p, attr, nilai_baru[f])
            kolom.add(f)
        if "email" in b.berubah and p.user_id:
            email_user.append(User(pk=p.user_id, email=p.email))
        p.updated_at = sekarang
        jejak.ubah(p, perubahan)
        diubah.append(p)
    if diubah:
        Pegawai.objects.bulk_update(diubah, sorted(kolom) + ["updated_at"], batch_size=BATCH)
    if email_user:
        User.objects.bulk_update(email_user, ["email"], batch_size=BATCH)

    # Placement history: a new employee's first row; a change of unit or jabatan closes the
    # running row and opens a new one (as pegawai_update does).
    pindah = [b.lama for b in ubah if {"unit", "jabatan"} & set(b.berubah)]
    ditutup = []
    for potong in _potongan([p.pk for p in pindah]):
        ditutup.extend(RiwayatJabatan.objects.filter(pegawai_id__in=potong, sampai__isnull=True))
    for rw in ditutup:
        rw.sampai = hari_ini
        jejak.ubah(rw, {"sampai": (None, hari_ini)})
    if ditutup:
        RiwayatJabatan.objects.bulk_update(ditutup, ["sampai"], batch_size=BATCH)
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
        for potong in _potongan([rw.pegawai_id for rw in riwayat]):
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
    jejak.simpan()
    return kredensial
