"""Writes on development: the programme catalogue (Admin BKD), development plans and their
completion (the pegawai's supervisors, their Admin OPD, Admin BKD), and the shipped programmes.

Every write runs in one transaction after validation and saves through the ORM, so
django-auditlog records who changed what (kompetensi/apps.py). Status changes of a plan are
compare-and-swap: the row is read `FOR UPDATE` *with the expected status in the WHERE*, so of
two concurrent (or repeated) submissions the second finds nothing to change and is refused
with a message, and the winner's save is audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pegawai.models import Pegawai

from ..access import PESAN_PROGRAM_DILARANG, PESAN_RENCANA_DILARANG, may_manage_program, may_plan_for
from ..models import (
    LEVEL_MAX,
    LEVEL_MIN,
    HasilKompetensi,
    Kompetensi,
    ProgramKompetensi,
    ProgramPengembangan,
    RencanaPengembangan,
)
from ..seed.program import PROGRAM_SEED, ProgramSeed

JP_MIN, JP_MAX = 1, 500
MAKS_SASARAN = 12

PESAN_JP = "JP harus berupa angka 1 sampai 500."
PESAN_KODE_DIPAKAI = "Kode ini sudah dipakai program lain."
PESAN_KODE_KOSONG = "Kode program wajib diisi."
PESAN_NAMA_KOSONG = "Nama program wajib diisi."
PESAN_JENIS = "Jenis program harus pelatihan, kursus, coaching, mentoring, e-learning, atau detasering."
PESAN_SASARAN_KOSONG = "Program harus menyasar paling sedikit satu kompetensi."
PESAN_SASARAN_GANDA = "Setiap kompetensi hanya boleh disasar satu kali dalam satu program."
PESAN_SASARAN_LEVEL = "Level sasaran harus berupa angka 1 sampai 5."
PESAN_SASARAN_NONAKTIF = "Kompetensi sasaran tidak dikenal atau sudah tidak aktif."
PESAN_SASARAN_BANYAK = f"Satu program paling banyak menyasar {MAKS_SASARAN} kompetensi."
PESAN_VERSI = (
    "Program ini sudah diubah sejak formulir dibuka (mungkin formulir terkirim dua kali). "
    "Muat ulang halaman, lalu ulangi perubahan Anda."
)
PESAN_SUDAH_AKTIF = "Program ini sudah aktif."
PESAN_SUDAH_NONAKTIF = "Program ini sudah nonaktif."

PESAN_PEGAWAI_NONAKTIF = "Pegawai ini tidak aktif; rencana pengembangan baru tidak dapat dibuat."
PESAN_PROGRAM_TIDAK_ADA = "Program pengembangan tidak dikenal atau sudah tidak aktif."
PESAN_HASIL_ASING = "Hasil kompetensi yang dirujuk bukan milik pegawai ini."
PESAN_KOMPETENSI_TIDAK_ADA = "Kompetensi tidak dikenal atau sudah tidak aktif."
PESAN_JUDUL_KOSONG = "Nama kegiatan wajib diisi bila tidak memilih program dari katalog."
PESAN_JENIS_KOSONG = "Jenis kegiatan wajib dipilih bila tidak memilih program dari katalog."
PESAN_JP_KOSONG = "JP rencana wajib diisi bila tidak memilih program dari katalog."
PESAN_TANGGAL_URUT = "Tanggal selesai tidak boleh sebelum tanggal mulai."
PESAN_TANGGAL_RENTANG = "Tanggal rencana harus antara tahun 2000 dan 2100."
PESAN_RENCANA_GANDA = (
    "Rencana yang sama untuk pegawai ini sudah ada (kegiatan dan tanggal mulai sama). "
    "Mungkin formulir terkirim dua kali."
)
PESAN_REALISASI_MASA_DEPAN = "Tanggal pelaksanaan tidak boleh di masa depan."
PESAN_REALISASI_SEBELUM_MULAI = "Tanggal pelaksanaan tidak boleh sebelum tanggal mulai rencana."
PESAN_SUDAH_SELESAI = "Rencana ini sudah dicatat selesai; tidak dapat diubah lagi."
PESAN_SUDAH_BATAL = "Rencana ini sudah dibatalkan; tidak dapat diubah atau dicatat selesai."

TANGGAL_MIN, TANGGAL_MAX = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def _jp(nilai, kunci: str) -> int:
    """JP as an int in 1..500, or a ValidationError on `kunci` (junk, 0, bool, too large)."""
    if isinstance(nilai, bool):
        raise ValidationError({kunci: PESAN_JP})
    try:
        jp = int(str(nilai).strip())
    except (TypeError, ValueError):
        raise ValidationError({kunci: PESAN_JP}) from None
    if not JP_MIN <= jp <= JP_MAX:
        raise ValidationError({kunci: PESAN_JP})
    return jp


def _tambah(galat: dict[str, list[str]], kunci: str, pesan: str) -> None:
    if pesan not in galat.setdefault(kunci, []):
        galat[kunci].append(pesan)


# --- catalogue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SasaranData:
    kompetensi_id: int
    level_target: int


def _periksa_sasaran(sasaran: Sequence[SasaranData], *, boleh_nonaktif: set[int]) -> dict[int, int]:
    """{kompetensi_id: level}; an inactive competency is allowed only when already a target."""
    galat: dict[str, list[str]] = {}
    hasil: dict[int, int] = {}
    for s in sasaran:
        if s.kompetensi_id in hasil:
            _tambah(galat, "sasaran", PESAN_SASARAN_GANDA)
        level = s.level_target
        if isinstance(level, bool) or not isinstance(level, int) or not LEVEL_MIN <= level <= LEVEL_MAX:
            _tambah(galat, "sasaran", PESAN_SASARAN_LEVEL)
        hasil[s.kompetensi_id] = level
    if not hasil:
        _tambah(galat, "sasaran", PESAN_SASARAN_KOSONG)
    if len(hasil) > MAKS_SASARAN:
        _tambah(galat, "sasaran", PESAN_SASARAN_BANYAK)
    dikenal = set(Kompetensi.objects.filter(pk__in=hasil, aktif=True).values_list("pk", flat=True))
    if set(hasil) - dikenal - boleh_nonaktif:
        _tambah(galat, "sasaran", PESAN_SASARAN_NONAKTIF)
    if galat:
        raise ValidationError(galat)
    return hasil


@transaction.atomic
def program_simpan(
    *,
    actor,
    program: ProgramPengembangan | None,
    kode: str,
    nama: str,
    jenis: str,
    jp,
    sasaran: Sequence[SasaranData],
    penyelenggara: str = "",
    deskripsi: str = "",
    aktif: bool = True,
    versi: datetime.datetime | None = None,
) -> ProgramPengembangan:
    """Create (program=None) or update a programme with its target competencies and levels.

    Targets left out are removed, changed levels updated, new ones added, each row saved on its
    own so the audit log shows it. `versi` is the programme's `updated_at` when the edit form
    was opened: a second submission of the same form (or a concurrent edit) is refused. On
    create, the unique kode refuses a double post.
    """
    if not may_manage_program(actor):
        raise PermissionDenied(PESAN_PROGRAM_DILARANG)
    kode, nama = (kode or "").strip(), (nama or "").strip()
    penyelenggara, deskripsi = (penyelenggara or "").strip(), (deskripsi or "").strip()

    galat: dict[str, list[str]] = {}
    if not kode:
        _tambah(galat, "kode", PESAN_KODE_KOSONG)
    if not nama:
        _tambah(galat, "nama", PESAN_NAMA_KOSONG)
    if jenis not in ProgramPengembangan.Jenis.values:
        _tambah(galat, "jenis", PESAN_JENIS)
    try:
        jp = _jp(jp, "jp")
    except ValidationError as exc:
        galat.update(exc.message_dict)
    duplikat = ProgramPengembangan.objects.filter(kode__iexact=kode)
    if program is not None:
        duplikat = duplikat.exclude(pk=program.pk)
    if kode and duplikat.exists():
        _tambah(galat, "kode", PESAN_KODE_DIPAKAI)

    lama: dict[int, ProgramKompetensi] = {}
    if program is not None:
        program = ProgramPengembangan.objects.select_for_update().get(pk=program.pk)
        if versi is not None and program.updated_at != versi:
            raise ValidationError(PESAN_VERSI)
        lama = {s.kompetensi_id: s for s in program.sasaran.all()}
    try:
        target = _periksa_sasaran(sasaran, boleh_nonaktif=set(lama))
    except ValidationError as exc:
        for k, v in exc.message_dict.items():
            for pesan in v:
                _tambah(galat, k, pesan)
    if galat:
        raise ValidationError(galat)

    nilai = {
        "kode": kode,
        "nama": nama,
        "jenis": jenis,
        "jp": jp,
        "penyelenggara": penyelenggara,
        "deskripsi": deskripsi,
        "aktif": bool(aktif),
    }
    baru = program is None
    if baru:
        program = ProgramPengembangan(**nilai)
        program.full_clean()
        program.save()
        berubah = []
    else:
        berubah = [k for k, v in nilai.items() if getattr(program, k) != v]
        for k in berubah:
            setattr(program, k, nilai[k])
        program.full_clean()

    sasaran_berubah = False
    for kompetensi_id, s in lama.items():
        if kompetensi_id not in target:
            s.delete()
            sasaran_berubah = True
    for kompetensi_id, level in target.items():
        s = lama.get(kompetensi_id)
        if s is None:
            s = ProgramKompetensi(program=program, kompetensi_id=kompetensi_id, level_target=level)
            s.full_clean(validate_unique=False, validate_constraints=False)
            s.save()
            sasaran_berubah = True
        elif s.level_target != level:
            s.level_target = level
            s.save(update_fields=["level_target"])
            sasaran_berubah = True
    if not baru and (berubah or sasaran_berubah):
        # updated_at moves even when only targets changed: it is the form's version.
        program.save(update_fields=[*berubah, "updated_at"])
    return program


@transaction.atomic
def program_set_aktif(*, actor, program: ProgramPengembangan, aktif: bool) -> ProgramPengembangan:
    """Activate or deactivate a programme (compare-and-swap: a repeated click is refused).
    Existing plans keep their programme; an inactive one is no longer offered."""
    if not may_manage_program(actor):
        raise PermissionDenied(PESAN_PROGRAM_DILARANG)
    obj = ProgramPengembangan.objects.select_for_update().filter(pk=program.pk, aktif=not aktif).first()
    if obj is None:
        raise ValidationError(PESAN_SUDAH_AKTIF if aktif else PESAN_SUDAH_NONAKTIF)
    obj.aktif = aktif
    obj.save(update_fields=["aktif", "updated_at"])
    return obj


def program_seed_load(
    *, kompetensi: dict[str, Kompetensi] | None = None, seed: Sequence[ProgramSeed] = PROGRAM_SEED
) -> int:
    """Create the shipped programmes that are missing (matched by kode, case-insensitive) with
    their targets; returns how many were created. An existing programme is never touched, so
    Admin BKD's edits and deactivations survive a re-run. Targets whose competency does not
    exist are skipped; a programme with none left is not created. Called inside
    `kompetensi_seed_load`'s transaction."""
    if kompetensi is None:
        kode_semua = {k for s in seed for k, _ in s.sasaran}
        kompetensi = {k.kode: k for k in Kompetensi.objects.filter(kode__in=kode_semua)}
    ada = {k.upper() for k in ProgramPengembangan.objects.values_list("kode", flat=True)}
    dibuat = 0
    for s in seed:
        if s.kode.upper() in ada:
            continue
        sasaran = [(kompetensi[k], lv) for k, lv in s.sasaran if k in kompetensi]
        if not sasaran:
            continue
        program = ProgramPengembangan(
            kode=s.kode, nama=s.nama, jenis=s.jenis, jp=s.jp, penyelenggara=s.penyelenggara, deskripsi=s.deskripsi
        )
        program.clean_fields()
        program.save()
        for k, lv in sasaran:
            obj = ProgramKompetensi(program=program, kompetensi=k, level_target=lv)
            obj.clean_fields(exclude=["program", "kompetensi"])
            obj.save()
        dibuat += 1
    return dibuat


# --- development plans ------------------------------------------------------------------------


def _periksa_boleh(actor, pegawai_id: int) -> None:
    if not may_plan_for(actor, pegawai_id):
        raise PermissionDenied(PESAN_RENCANA_DILARANG)


def _tanggal(tanggal_mulai, tanggal_selesai, galat: dict[str, list[str]]) -> None:
    for kunci, nilai in (("tanggal_mulai", tanggal_mulai), ("tanggal_selesai", tanggal_selesai)):
        if not isinstance(nilai, datetime.date) or not TANGGAL_MIN <= nilai <= TANGGAL_MAX:
            _tambah(galat, kunci, PESAN_TANGGAL_RENTANG)
    if (
        isinstance(tanggal_mulai, datetime.date)
        and isinstance(tanggal_selesai, datetime.date)
        and tanggal_selesai < tanggal_mulai
    ):
        _tambah(galat, "tanggal_selesai", PESAN_TANGGAL_URUT)


@transaction.atomic
def rencana_create(
    *,
    actor,
    pegawai: Pegawai,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    program: ProgramPengembangan | None = None,
    kompetensi: Kompetensi | None = None,
    hasil: HasilKompetensi | None = None,
    judul: str = "",
    jenis: str = "",
    jp_rencana=None,
    catatan: str = "",
) -> RencanaPengembangan:
    """Plan a development activity for `pegawai`: a programme of the catalogue (its name, kind
    and hours are the defaults) or a free activity. `hasil`, when the plan answers a
    recommendation, must be one of the pegawai's results; its competency becomes the plan's.

    A double post is refused: plans are created one at a time per pegawai (the pegawai row is
    locked) and an identical open plan (same programme or title, same start date) is a
    duplicate.
    """
    _periksa_boleh(actor, pegawai.pk)
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    galat: dict[str, list[str]] = {}
    if not pegawai.aktif:
        raise ValidationError(PESAN_PEGAWAI_NONAKTIF)
    if program is not None and not ProgramPengembangan.objects.filter(pk=program.pk, aktif=True).exists():
        _tambah(galat, "program", PESAN_PROGRAM_TIDAK_ADA)
    if kompetensi is not None and not Kompetensi.objects.filter(pk=kompetensi.pk, aktif=True).exists():
        _tambah(galat, "kompetensi", PESAN_KOMPETENSI_TIDAK_ADA)
    if hasil is not None:
        hasil = HasilKompetensi.objects.select_related("peserta", "kompetensi").filter(pk=hasil.pk).first()
        if hasil is None or hasil.peserta.pegawai_id != pegawai.pk:
            _tambah(galat, "hasil", PESAN_HASIL_ASING)
        elif kompetensi is None:
            kompetensi = hasil.kompetensi  # the gap the plan answers, even if since deactivated
    if kompetensi is None and program is not None and "program" not in galat:
        sasaran = list(program.sasaran.select_related("kompetensi")[:2])
        if len(sasaran) == 1:
            kompetensi = sasaran[0].kompetensi  # a single-target programme names its competency

    judul = (judul or "").strip() or (program.nama if program is not None else "")
    jenis = jenis or (program.jenis if program is not None else "")
    if not judul:
        _tambah(galat, "judul", PESAN_JUDUL_KOSONG)
    if not jenis:
        _tambah(galat, "jenis", PESAN_JENIS_KOSONG)
    elif jenis not in ProgramPengembangan.Jenis.values:
        _tambah(galat, "jenis", PESAN_JENIS)
    if jp_rencana in (None, "") and program is not None:
        jp_rencana = program.jp
    if jp_rencana in (None, ""):
        _tambah(galat, "jp_rencana", PESAN_JP_KOSONG)
    else:
        try:
            jp_rencana = _jp(jp_rencana, "jp_rencana")
        except ValidationError as exc:
            _tambah(galat, "jp_rencana", exc.message_dict["jp_rencana"][0])
    _tanggal(tanggal_mulai, tanggal_selesai, galat)
    if galat:
        raise ValidationError(galat)

    ganda = RencanaPengembangan.objects.filter(
        pegawai=pegawai, status=RencanaPengembangan.Status.DIRENCANAKAN, tanggal_mulai=tanggal_mulai
    )
    ganda = ganda.filter(program=program) if program is not None else ganda.filter(program=None, judul__iexact=judul)
    if ganda.exists():
        raise ValidationError(PESAN_RENCANA_GANDA)

    rencana = RencanaPengembangan(
        pegawai=pegawai,
        program=program,
        kompetensi=kompetensi,
        hasil=hasil,
        judul=judul,
        jenis=jenis,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        jp_rencana=jp_rencana,
        catatan=(catatan or "").strip(),
        dibuat_oleh=actor,
    )
    rencana.full_clean()
    rencana.save()
    return rencana


def _kunci(rencana: RencanaPengembangan) -> RencanaPengembangan:
    """The plan locked FOR UPDATE while still `direncanakan` (the compare of the CAS)."""
    obj = (
        RencanaPengembangan.objects.select_for_update()
        .filter(pk=rencana.pk, status=RencanaPengembangan.Status.DIRENCANAKAN)
        .first()
    )
    if obj is None:
        status = RencanaPengembangan.objects.filter(pk=rencana.pk).values_list("status", flat=True).first()
        raise ValidationError(
            PESAN_SUDAH_SELESAI if status == RencanaPengembangan.Status.SELESAI else PESAN_SUDAH_BATAL
        )
    return obj


@transaction.atomic
def rencana_update(
    *,
    actor,
    rencana: RencanaPengembangan,
    judul: str,
    jenis: str,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    jp_rencana,
    catatan: str = "",
) -> RencanaPengembangan:
    """Change a plan's title, kind, dates, hours and note while it is still planned."""
    _periksa_boleh(actor, rencana.pegawai_id)
    obj = _kunci(rencana)
    galat: dict[str, list[str]] = {}
    judul = (judul or "").strip()
    if not judul:
        _tambah(galat, "judul", PESAN_JUDUL_KOSONG)
    if jenis not in ProgramPengembangan.Jenis.values:
        _tambah(galat, "jenis", PESAN_JENIS)
    try:
        jp_rencana = _jp(jp_rencana, "jp_rencana")
    except ValidationError as exc:
        _tambah(galat, "jp_rencana", exc.message_dict["jp_rencana"][0])
    _tanggal(tanggal_mulai, tanggal_selesai, galat)
    if galat:
        raise ValidationError(galat)
    nilai = {
        "judul": judul,
        "jenis": jenis,
        "tanggal_mulai": tanggal_mulai,
        "tanggal_selesai": tanggal_selesai,
        "jp_rencana": jp_rencana,
        "catatan": (catatan or "").strip(),
    }
    berubah = [k for k, v in nilai.items() if getattr(obj, k) != v]
    for k in berubah:
        setattr(obj, k, nilai[k])
    obj.full_clean()
    if berubah:
        obj.save(update_fields=[*berubah, "updated_at"])
    return obj


@transaction.atomic
def rencana_selesai(
    *,
    actor,
    rencana: RencanaPengembangan,
    jp_realisasi,
    tanggal_realisasi: datetime.date,
    catatan: str = "",
    hari_ini: datetime.date | None = None,
) -> RencanaPengembangan:
    """Record that the activity was done: the hours actually completed (1..500) and the day it
    finished (not in the future, not before the plan's start). They count toward the 20 JP of
    that day's year. Only a planned activity can be completed, once."""
    _periksa_boleh(actor, rencana.pegawai_id)
    obj = _kunci(rencana)
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, list[str]] = {}
    try:
        jp_realisasi = _jp(jp_realisasi, "jp_realisasi")
    except ValidationError as exc:
        _tambah(galat, "jp_realisasi", exc.message_dict["jp_realisasi"][0])
    if not isinstance(tanggal_realisasi, datetime.date):
        _tambah(galat, "tanggal_realisasi", PESAN_TANGGAL_RENTANG)
    elif tanggal_realisasi > hari_ini:
        _tambah(galat, "tanggal_realisasi", PESAN_REALISASI_MASA_DEPAN)
    elif tanggal_realisasi < obj.tanggal_mulai:
        _tambah(galat, "tanggal_realisasi", PESAN_REALISASI_SEBELUM_MULAI)
    if galat:
        raise ValidationError(galat)
    obj.status = RencanaPengembangan.Status.SELESAI
    obj.jp_realisasi = jp_realisasi
    obj.tanggal_realisasi = tanggal_realisasi
    tambahan = (catatan or "").strip()
    if tambahan:
        obj.catatan = f"{obj.catatan}\n{tambahan}".strip()
    obj.full_clean()
    obj.save(update_fields=["status", "jp_realisasi", "tanggal_realisasi", "catatan", "updated_at"])
    return obj


@transaction.atomic
def rencana_batal(*, actor, rencana: RencanaPengembangan, alasan: str = "") -> RencanaPengembangan:
    """Cancel a planned activity (a completed one stays: its hours were done)."""
    _periksa_boleh(actor, rencana.pegawai_id)
    obj = _kunci(rencana)
    obj.status = RencanaPengembangan.Status.BATAL
    alasan = (alasan or "").strip()
    if alasan:
        obj.catatan = f"{obj.catatan}\nDibatalkan: {alasan}".strip()
    obj.full_clean()
    obj.save(update_fields=["status", "catatan", "updated_at"])
    return obj
