"""Every write on units, positions, employees, accounts and roles.

Callers pass the acting user; services check that the actor may make the change (views check
too, but a service must never trust its caller), validate with Indonesian messages and write
in one transaction. django-auditlog records who changed what (old and new values).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .access import akses_get, akses_reset, atasan_rantai_ids, may_manage_master, may_manage_opd
from .hierarki import jalur_pindahkan
from .models import Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja
from .selectors import atasan_pilihan

User = get_user_model()

MASA_BERLAKU_KODE_AKTIVASI = timedelta(days=30)
_ALFABET_KODE = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper


# --- units ------------------------------------------------------------------------------------


def _unit_opd(jenis: str, induk: UnitKerja | None, self_unit: UnitKerja | None) -> UnitKerja | None:
    if jenis == UnitKerja.Jenis.PEMDA:
        return None
    if jenis == UnitKerja.Jenis.OPD:
        return self_unit
    return induk.opd if induk is not None else None


def _unit_check_parent(*, jenis: str, induk: UnitKerja | None) -> None:
    if jenis == UnitKerja.Jenis.PEMDA:
        if induk is not None:
            raise ValidationError({"induk": "Unit Pemerintah Daerah tidak memiliki unit induk."})
        return
    if induk is None:
        raise ValidationError({"induk": "Unit induk wajib diisi."})
    if UnitKerja.TINGKAT[induk.jenis] >= UnitKerja.TINGKAT[jenis]:
        raise ValidationError(
            {"induk": f"{UnitKerja.Jenis(jenis).label} tidak dapat berada di bawah {induk.get_jenis_display()}."}
        )
    if jenis != UnitKerja.Jenis.OPD and induk.jenis == UnitKerja.Jenis.PEMDA:
        raise ValidationError({"induk": "Bidang/Seksi harus berada di bawah sebuah OPD."})


def _unit_check_actor(actor, *, jenis: str, induk: UnitKerja | None) -> None:
    akses = akses_get(actor)
    if akses.admin_bkd:
        return
    if jenis in (UnitKerja.Jenis.PEMDA, UnitKerja.Jenis.OPD):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengelola Pemda dan OPD.")
    if induk is None or not may_manage_opd(actor, induk.opd_id):
        raise PermissionDenied("Anda hanya dapat mengelola unit di dalam OPD Anda.")


@transaction.atomic
def unit_create(*, actor, kode: str, nama: str, jenis: str, induk: UnitKerja | None) -> UnitKerja:
    _unit_check_actor(actor, jenis=jenis, induk=induk)
    _unit_check_parent(jenis=jenis, induk=induk)
    unit = UnitKerja(kode=kode.strip(), nama=nama.strip(), jenis=jenis, induk=induk)
    unit.full_clean()
    unit.save()
    opd = _unit_opd(jenis, induk, unit)
    if opd is not None:
        unit.opd = opd
        unit.save(update_fields=["opd"])
    return unit


def _unit_descendant_ids(unit_id: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """
            WITH RECURSIVE turunan(id) AS (
                SELECT id FROM pegawai_unitkerja WHERE induk_id = %s
                UNION
                SELECT u.id FROM pegawai_unitkerja u JOIN turunan t ON u.induk_id = t.id
            )
            SELECT id FROM turunan
            """,
            [unit_id],
        )
        return [row[0] for row in cur.fetchall()]


@transaction.atomic
def unit_update(
    *, actor, unit: UnitKerja, kode: str, nama: str, induk: UnitKerja | None, aktif: bool = True
) -> UnitKerja:
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    _unit_check_actor(actor, jenis=unit.jenis, induk=unit.induk)
    _unit_check_actor(actor, jenis=unit.jenis, induk=induk)
    _unit_check_parent(jenis=unit.jenis, induk=induk)
    if induk is not None and (induk.pk == unit.pk or induk.pk in _unit_descendant_ids(unit.pk)):
        raise ValidationError({"induk": "Unit induk tidak boleh unit itu sendiri atau turunannya."})
    if not aktif and unit.aktif:
        if Pegawai.objects.filter(unit=unit, aktif=True).exists():
            raise ValidationError({"aktif": "Unit masih memiliki pegawai aktif; pindahkan mereka terlebih dahulu."})
        if UnitKerja.objects.filter(induk=unit, aktif=True).exists():
            raise ValidationError(
                {"aktif": "Unit masih memiliki sub-unit aktif; nonaktifkan sub-unit terlebih dahulu."}
            )
    induk_berubah = unit.induk_id != (induk.pk if induk else None)
    unit.kode, unit.nama, unit.induk, unit.aktif = kode.strip(), nama.strip(), induk, aktif
    unit.full_clean()
    unit.opd = _unit_opd(unit.jenis, induk, unit)
    unit.save(update_fields=["kode", "nama", "induk", "aktif", "opd", "updated_at"])
    if induk_berubah and unit.jenis != UnitKerja.Jenis.OPD:
        UnitKerja.objects.filter(pk__in=_unit_descendant_ids(unit.pk)).update(opd=unit.opd)
    return unit


# --- positions --------------------------------------------------------------------------------


@transaction.atomic
def jabatan_create(*, actor, kode: str, nama: str, jenis: str, jenjang: str = "") -> Jabatan:
    if not may_manage_master(actor):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengelola katalog jabatan.")
    jabatan = Jabatan(kode=kode.strip(), nama=nama.strip(), jenis=jenis, jenjang=jenjang or "")
    jabatan.full_clean()
    jabatan.save()
    return jabatan


@transaction.atomic
def jabatan_update(
    *, actor, jabatan: Jabatan, kode: str, nama: str, jenis: str, jenjang: str = "", aktif: bool = True
) -> Jabatan:
    if not may_manage_master(actor):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengelola katalog jabatan.")
    jabatan = Jabatan.objects.select_for_update().get(pk=jabatan.pk)
    jabatan.kode, jabatan.nama, jabatan.jenis, jabatan.jenjang, jabatan.aktif = (
        kode.strip(),
        nama.strip(),
        jenis,
        jenjang or "",
        aktif,
    )
    jabatan.full_clean()
    jabatan.save(update_fields=["kode", "nama", "jenis", "jenjang", "aktif", "updated_at"])
    return jabatan


# --- employees --------------------------------------------------------------------------------

PEGAWAI_FIELDS = (
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
)


def pegawai_check_atasan(*, pegawai_id: int | None, atasan: Pegawai | None) -> None:
    """Atasan langsung: not themself, active, and never a cycle in the chain."""
    if atasan is None:
        return
    if pegawai_id is not None and atasan.pk == pegawai_id:
        raise ValidationError({"atasan": "Pegawai tidak dapat menjadi atasan bagi dirinya sendiri."})
    if not atasan.aktif:
        raise ValidationError({"atasan": "Atasan langsung harus pegawai aktif."})
    if pegawai_id is not None and pegawai_id in atasan_rantai_ids(atasan.pk):
        raise ValidationError(
            {"atasan": "Atasan ini adalah bawahan dari pegawai tersebut; rantai atasan tidak boleh melingkar."}
        )


def _pegawai_check_atasan_pilihan(actor, atasan: Pegawai | None) -> None:
    """Admin OPD names an atasan in their OPD or a JPT holder (the same list as the form's)."""
    if atasan is None or akses_get(actor).admin_bkd:
        return
    if not atasan_pilihan(user=actor).filter(pk=atasan.pk).exists():
        raise ValidationError({"atasan": "Atasan langsung harus pegawai di OPD Anda atau pemangku JPT."})


def _pegawai_check_unit(actor, unit: UnitKerja) -> None:
    if not may_manage_opd(actor, unit.opd_id):
        raise PermissionDenied("Anda hanya dapat menempatkan pegawai di unit dalam OPD Anda.")
    if not unit.aktif:
        raise ValidationError({"unit": "Unit kerja tidak aktif."})
    if unit.jenis == UnitKerja.Jenis.PEMDA:
        raise ValidationError({"unit": "Pegawai harus ditempatkan di OPD atau unit di bawahnya."})


def _pegawai_check_jabatan(jabatan: Jabatan) -> None:
    if not jabatan.aktif:
        raise ValidationError({"jabatan": "Jabatan tidak aktif."})


def kode_aktivasi_buat() -> str:
    raw = "".join(secrets.choice(_ALFABET_KODE) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def kode_aktivasi_hash(kode: str) -> str:
    normal = kode.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normal.encode()).hexdigest()


def kode_aktivasi_cocok(pegawai: Pegawai, kode: str) -> bool:
    if not pegawai.kode_aktivasi_hash or pegawai.kode_aktivasi_berlaku_sampai is None:
        return False
    if pegawai.kode_aktivasi_berlaku_sampai < timezone.now():
        return False
    return hmac.compare_digest(pegawai.kode_aktivasi_hash, kode_aktivasi_hash(kode))


@transaction.atomic
def pegawai_create(*, actor, **data) -> tuple[Pegawai, str]:
    """Create a pegawai and their login account. Returns (pegawai, activation code shown once)."""
    unknown = set(data) - set(PEGAWAI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _pegawai_check_unit(actor, data["unit"])
    _pegawai_check_jabatan(data["jabatan"])
    pegawai = Pegawai(**data)
    pegawai.full_clean()
    pegawai_check_atasan(pegawai_id=None, atasan=pegawai.atasan)
    _pegawai_check_atasan_pilihan(actor, pegawai.atasan)
    if User.objects.filter(username=pegawai.nip).exists():
        raise ValidationError({"nip": "Sudah ada akun dengan NIP ini."})
    user = User(username=pegawai.nip, first_name=pegawai.nama[:150], email=pegawai.email)
    user.set_unusable_password()
    user.save()
    kode = kode_aktivasi_buat()
    pegawai.user = user
    pegawai.wajib_ganti_password = True
    pegawai.kode_aktivasi_hash = kode_aktivasi_hash(kode)
    pegawai.kode_aktivasi_berlaku_sampai = timezone.now() + MASA_BERLAKU_KODE_AKTIVASI
    pegawai.save()
    jalur_pindahkan(pegawai)
    RiwayatJabatan.objects.create(
        pegawai=pegawai,
        unit=pegawai.unit,
        jabatan=pegawai.jabatan,
        mulai=timezone.localdate(),
        keterangan="Data awal",
        dicatat_oleh=actor,
    )
    return pegawai, kode


@transaction.atomic
def pegawai_update(*, actor, pegawai: Pegawai, keterangan_mutasi: str = "", **data) -> Pegawai:
    """Edit master data. A change of unit or jabatan closes the running placement and opens a new one."""
    unknown = set(data) - set(PEGAWAI_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if not may_manage_opd(actor, pegawai.unit.opd_id):
        raise PermissionDenied("Anda tidak berwenang mengubah data pegawai ini.")
    if "unit" in data and data["unit"].pk != pegawai.unit_id:
        _pegawai_check_unit(actor, data["unit"])
    if "jabatan" in data and data["jabatan"].pk != pegawai.jabatan_id:
        _pegawai_check_jabatan(data["jabatan"])
    lama_unit, lama_jabatan, lama_nip, lama_atasan = pegawai.unit_id, pegawai.jabatan_id, pegawai.nip, pegawai.atasan_id
    for name, value in data.items():
        setattr(pegawai, name, value)
    # Before full_clean: its check constraint would otherwise answer "self as atasan" with the
    # constraint's name instead of a sentence.
    pegawai_check_atasan(pegawai_id=pegawai.pk, atasan=pegawai.atasan)
    if pegawai.atasan_id != lama_atasan:
        _pegawai_check_atasan_pilihan(actor, pegawai.atasan)
    pegawai.full_clean()
    changed = [f for f in data]
    pegawai.save(update_fields=[*changed, "updated_at"])
    if pegawai.atasan_id != lama_atasan:
        jalur_pindahkan(pegawai)
    if pegawai.user_id and (pegawai.nip != lama_nip or "email" in data):
        if pegawai.nip != lama_nip and User.objects.filter(username=pegawai.nip).exclude(pk=pegawai.user_id).exists():
            raise ValidationError({"nip": "Sudah ada akun dengan NIP ini."})
        _user_simpan(pegawai.user_id, username=pegawai.nip, email=pegawai.email)
    if pegawai.unit_id != lama_unit or pegawai.jabatan_id != lama_jabatan:
        _riwayat_buka(actor=actor, pegawai=pegawai, keterangan=keterangan_mutasi or "Mutasi/perubahan jabatan")
    return pegawai


def _user_simpan(user_id: int, **fields) -> None:
    """Save account fields through the model (not a queryset update) so auditlog records them."""
    user = User.objects.get(pk=user_id)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))


def _riwayat_tutup(pegawai: Pegawai, *, keterangan: str | None = None) -> None:
    """Close the running placement (saved row by row so the audit trail shows it)."""
    for riwayat in RiwayatJabatan.objects.filter(pegawai=pegawai, sampai__isnull=True):
        riwayat.sampai = timezone.localdate()
        fields = ["sampai"]
        if keterangan is not None:
            riwayat.keterangan = keterangan[:255]
            fields.append("keterangan")
        riwayat.save(update_fields=fields)


def _riwayat_buka(*, actor, pegawai: Pegawai, keterangan: str) -> None:
    hari_ini = timezone.localdate()
    _riwayat_tutup(pegawai)
    RiwayatJabatan.objects.create(
        pegawai=pegawai,
        unit=pegawai.unit,
        jabatan=pegawai.jabatan,
        mulai=hari_ini,
        keterangan=keterangan,
        dicatat_oleh=actor,
    )


@transaction.atomic
def pegawai_move(
    *, actor, pegawai: Pegawai, unit: UnitKerja, jabatan: Jabatan, atasan: Pegawai | None, keterangan: str
) -> Pegawai:
    """Mutasi: a new unit, jabatan and atasan; the old placement stays in the history."""
    if not keterangan.strip():
        raise ValidationError({"keterangan": "Keterangan mutasi wajib diisi (misalnya nomor SK)."})
    if not Pegawai.objects.filter(pk=pegawai.pk, aktif=True).exists():
        raise ValidationError("Pegawai tidak aktif; aktifkan kembali sebelum mutasi.")
    return pegawai_update(
        actor=actor, pegawai=pegawai, keterangan_mutasi=keterangan.strip(), unit=unit, jabatan=jabatan, atasan=atasan
    )


@transaction.atomic
def pegawai_deactivate(*, actor, pegawai: Pegawai, alasan: str) -> Pegawai:
    pegawai = Pegawai.objects.select_for_update().select_related("unit").get(pk=pegawai.pk)
    if not may_manage_opd(actor, pegawai.unit.opd_id):
        raise PermissionDenied("Anda tidak berwenang menonaktifkan pegawai ini.")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan penonaktifan wajib diisi."})
    if not pegawai.aktif:
        raise ValidationError("Pegawai ini sudah tidak aktif.")
    if actor.pk is not None and pegawai.user_id == actor.pk:
        raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    jumlah_bawahan = Pegawai.objects.filter(atasan=pegawai, aktif=True).count()
    if jumlah_bawahan:
        raise ValidationError(
            f"Pegawai ini masih menjadi atasan langsung {jumlah_bawahan} pegawai aktif; "
            "tetapkan atasan baru bagi mereka terlebih dahulu."
        )
    pegawai.aktif = False
    pegawai.save(update_fields=["aktif", "updated_at"])
    if pegawai.user_id:
        _user_simpan(pegawai.user_id, is_active=False)
    _riwayat_tutup(pegawai, keterangan=f"Nonaktif: {alasan.strip()}")
    return pegawai


@transaction.atomic
def pegawai_reactivate(*, actor, pegawai: Pegawai) -> Pegawai:
    pegawai = Pegawai.objects.select_for_update().select_related("unit").get(pk=pegawai.pk)
    if not may_manage_opd(actor, pegawai.unit.opd_id):
        raise PermissionDenied("Anda tidak berwenang mengaktifkan pegawai ini.")
    if pegawai.aktif:
        raise ValidationError("Pegawai ini sudah aktif.")
    pegawai.aktif = True
    pegawai.save(update_fields=["aktif", "updated_at"])
    if pegawai.user_id:
        _user_simpan(pegawai.user_id, is_active=True)
    _riwayat_buka(actor=actor, pegawai=pegawai, keterangan="Diaktifkan kembali")
    return pegawai


# --- accounts ---------------------------------------------------------------------------------


@transaction.atomic
def akun_reset_aktivasi(*, actor, pegawai: Pegawai) -> str:
    """Replace the password by a new activation code (shown once to the admin)."""
    # of=("self",): PostgreSQL cannot lock the nullable side (user) of the outer join.
    pegawai = Pegawai.objects.select_for_update(of=("self",)).select_related("unit", "user").get(pk=pegawai.pk)
    if not may_manage_opd(actor, pegawai.unit.opd_id):
        raise PermissionDenied("Anda tidak berwenang mengatur akun pegawai ini.")
    if not pegawai.aktif:
        raise ValidationError("Pegawai tidak aktif; aktifkan kembali terlebih dahulu.")
    user = pegawai.user
    if user is None:
        user = User.objects.filter(username=pegawai.nip).first() or User(username=pegawai.nip)
        user.first_name = pegawai.nama[:150]
    user.set_unusable_password()
    user.is_active = True
    user.save()
    kode = kode_aktivasi_buat()
    pegawai.user = user
    pegawai.wajib_ganti_password = True
    pegawai.kode_aktivasi_hash = kode_aktivasi_hash(kode)
    pegawai.kode_aktivasi_berlaku_sampai = timezone.now() + MASA_BERLAKU_KODE_AKTIVASI
    pegawai.save(
        update_fields=[
            "user",
            "wajib_ganti_password",
            "kode_aktivasi_hash",
            "kode_aktivasi_berlaku_sampai",
            "updated_at",
        ]
    )
    return kode


@transaction.atomic
def akun_set_password(*, user, password: str) -> None:
    """The owner chose their own password: clear the activation code and the forced change."""
    user.set_password(password)
    user.save(update_fields=["password"])
    for pegawai in Pegawai.objects.filter(user=user):
        pegawai.wajib_ganti_password = False
        pegawai.kode_aktivasi_hash = ""
        pegawai.kode_aktivasi_berlaku_sampai = None
        pegawai.save(
            update_fields=["wajib_ganti_password", "kode_aktivasi_hash", "kode_aktivasi_berlaku_sampai", "updated_at"]
        )


# --- roles ------------------------------------------------------------------------------------


@transaction.atomic
def peran_assign(*, actor, user, peran: str, opd: UnitKerja | None = None) -> PeranPengguna:
    if not may_manage_master(actor):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengatur peran.")
    if peran not in PeranPengguna.Peran.values:
        raise ValidationError({"peran": "Peran tidak dikenal."})
    if peran == PeranPengguna.Peran.ADMIN_OPD and opd is None:
        raise ValidationError({"opd": "Admin OPD wajib memiliki OPD."})
    if peran == PeranPengguna.Peran.ADMIN_BKD:
        opd = None
    if opd is not None and opd.jenis != UnitKerja.Jenis.OPD:
        raise ValidationError({"opd": "Lingkup peran harus sebuah OPD."})
    if PeranPengguna.objects.filter(user=user, peran=peran, opd=opd).exists():
        raise ValidationError("Pengguna sudah memiliki peran ini.")
    obj = PeranPengguna(user=user, peran=peran, opd=opd)
    obj.full_clean(validate_constraints=False)
    obj.save()
    akses_reset(user)
    return obj


@transaction.atomic
def peran_revoke(*, actor, peran: PeranPengguna) -> None:
    if not may_manage_master(actor):
        raise PermissionDenied("Hanya Admin BKD yang dapat mengatur peran.")
    if peran.user_id == actor.pk and peran.peran == PeranPengguna.Peran.ADMIN_BKD:
        raise ValidationError("Anda tidak dapat mencabut peran Admin BKD Anda sendiri.")
    peran.delete()
