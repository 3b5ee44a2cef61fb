"""Opening and closing competency assessment rounds, and releasing the peers' mean.

Opening takes the snapshot described in `kompetensi.models.penilaian` with two INSERT ... SELECT
statements (participants, then one result row per competency of their standard), so a round of
10,000 employees opens in a fraction of a second. Closing releases every peers' mean, computes
the results one last time and freezes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.models import Pegawai, UnitKerja

from ..access import PESAN_PUTARAN_DILARANG, may_manage_putaran, may_open_putaran
from ..models import (
    HasilKompetensi,
    Kompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    PutaranPenilaian,
    StandarKompetensiJabatan,
)
from ..rules import ATASAN, DIRI, MIN_REKAN, REKAN, bobot_periksa
from .hasil import hasil_hitung

PESAN_BUKAN_ADMIN = "Hanya Admin OPD atau Admin BKD yang dapat membuka putaran penilaian."
PESAN_UNIT_KOSONG = "Pilih paling sedikit satu unit kerja."
PESAN_UNIT_DI_LUAR = "Unit kerja yang dipilih berada di luar OPD yang Anda kelola."
PESAN_TANPA_PESERTA = (
    "Tidak ada pegawai yang dapat dinilai: tidak ada pegawai aktif dengan standar kompetensi jabatan di unit ini "
    "yang belum mengikuti putaran lain yang masih dibuka."
)
PESAN_PERIODE = "Tanggal selesai periode tidak boleh sebelum tanggal mulai."
PESAN_BATAS_LALU = "Batas waktu tidak boleh sebelum hari ini."
PESAN_BATAS_URUT = "Batas penilaian atasan tidak boleh sebelum batas penilaian diri."
PESAN_SUDAH_DITUTUP = "Putaran ini sudah ditutup; hasilnya tidak dapat diubah lagi."

T_PESERTA = PesertaPenilaian._meta.db_table
T_HASIL = HasilKompetensi._meta.db_table
T_PUTARAN = PutaranPenilaian._meta.db_table
T_PEGAWAI = Pegawai._meta.db_table
T_UNIT = UnitKerja._meta.db_table
T_STANDAR = StandarKompetensiJabatan._meta.db_table
T_KOMPETENSI = Kompetensi._meta.db_table


@dataclass(frozen=True)
class RingkasanBuka:
    putaran: PutaranPenilaian
    peserta: int
    dilewati_putaran_lain: int  # already in another open round
    tanpa_standar: int  # active in the units but their position has no standard


def unit_turunan_ids(unit_ids: list[int]) -> list[int]:
    """The units and every unit below them (the tree is small: one query, walked in Python)."""
    anak: dict[int | None, list[int]] = {}
    for pk, induk in UnitKerja.objects.values_list("id", "induk_id"):
        anak.setdefault(induk, []).append(pk)
    hasil, tumpukan = set(), list(unit_ids)
    while tumpukan:
        pk = tumpukan.pop()
        if pk in hasil:
            continue
        hasil.add(pk)
        tumpukan.extend(anak.get(pk, ()))
    return sorted(hasil)


def _in(nama: str, ids: list[int], params: dict) -> str:
    params.update({f"{nama}{i}": pk for i, pk in enumerate(ids)})
    return "(" + ", ".join(f"%({nama}{i})s" for i in range(len(ids))) + ")"


def _opd_kunci(unit_ids: list[int]) -> None:
    """Lock the OPD rows of the units (in id order): two rounds opened at once over overlapping
    units wait for each other, so the second sees the first's participants and skips them
    (an employee is in at most one open round). SQLite serialises writers anyway."""
    opd_ids = UnitKerja.objects.filter(pk__in=unit_ids, opd__isnull=False).values("opd_id")
    list(UnitKerja.objects.select_for_update().filter(pk__in=opd_ids).order_by("pk").values_list("pk", flat=True))


def _periksa(
    *,
    actor,
    unit: list[UnitKerja],
    tanggal_mulai,
    tanggal_selesai,
    batas_diri,
    batas_rekan,
    batas_atasan,
    bobot: dict[str, int],
    rekan_aktif: bool,
) -> int | None:
    """Validate; return the owning OPD id (None for a Pemda-wide round)."""
    if not may_open_putaran(actor):
        raise ValidationError(PESAN_BUKAN_ADMIN)
    errors: dict[str, list[str]] = {}
    if not unit:
        errors.setdefault("unit", []).append(PESAN_UNIT_KOSONG)
    akses = akses_get(actor)
    opd_ids = {u.opd_id or u.pk for u in unit}
    if not akses.admin_bkd and not opd_ids <= set(akses.admin_opd_ids):
        errors.setdefault("unit", []).append(PESAN_UNIT_DI_LUAR)
    if tanggal_mulai and tanggal_selesai and tanggal_selesai < tanggal_mulai:
        errors.setdefault("tanggal_selesai", []).append(PESAN_PERIODE)
    hari_ini = timezone.localdate()
    for nama, nilai in (("batas_diri", batas_diri), ("batas_rekan", batas_rekan), ("batas_atasan", batas_atasan)):
        if nilai and nilai < hari_ini:
            errors.setdefault(nama, []).append(PESAN_BATAS_LALU)
    if batas_diri and batas_atasan and batas_atasan < batas_diri:
        errors.setdefault("batas_atasan", []).append(PESAN_BATAS_URUT)
    try:
        bobot_periksa(bobot, rekan_aktif=rekan_aktif)
    except ValidationError as exc:
        errors.setdefault("bobot_rekan" if "rekan" in exc.messages[0] else "bobot_atasan", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return opd_ids.pop() if len(opd_ids) == 1 else None


@transaction.atomic
def putaran_buka(
    *,
    actor,
    nama: str,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    unit: list[UnitKerja],
    batas_diri: datetime.date,
    batas_rekan: datetime.date,
    batas_atasan: datetime.date,
    bobot_atasan: int = 50,
    bobot_diri: int = 20,
    bobot_rekan: int = 30,
    rekan_aktif: bool = True,
) -> RingkasanBuka:
    """Open a round for `unit` (and every unit below them) and take the snapshot."""
    if not rekan_aktif and bobot_rekan:
        # A round without peers: the caller may leave the peers' share at its default.
        bobot_rekan = 0
    bobot = {ATASAN: bobot_atasan, DIRI: bobot_diri, REKAN: bobot_rekan}
    opd_id = _periksa(
        actor=actor,
        unit=unit,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        batas_diri=batas_diri,
        batas_rekan=batas_rekan,
        batas_atasan=batas_atasan,
        bobot=bobot,
        rekan_aktif=rekan_aktif,
    )
    putaran = PutaranPenilaian(
        nama=nama,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        opd_id=opd_id,
        batas_diri=batas_diri,
        batas_rekan=batas_rekan,
        batas_atasan=batas_atasan,
        bobot_atasan=bobot_atasan,
        bobot_diri=bobot_diri,
        bobot_rekan=bobot_rekan,
        rekan_aktif=rekan_aktif,
        dibuat_oleh=actor,
    )
    putaran.full_clean()
    putaran.save()
    putaran.unit.set(unit)

    turunan = unit_turunan_ids([u.pk for u in unit])
    _opd_kunci(turunan)
    params: dict = {"putaran": putaran.pk, "dibuka": PutaranPenilaian.Status.DIBUKA.value}
    unit_sql = _in("u", turunan, params)
    punya_standar = f"""EXISTS (SELECT 1 FROM {T_STANDAR} s JOIN {T_KOMPETENSI} k ON k.id = s.kompetensi_id
                        WHERE s.jabatan_id = p.jabatan_id AND k.aktif)"""
    putaran_lain = f"""EXISTS (SELECT 1 FROM {T_PESERTA} x JOIN {T_PUTARAN} t ON t.id = x.putaran_id
                       WHERE x.pegawai_id = p.id AND t.status = %(dibuka)s AND t.id <> %(putaran)s)"""
    dasar = f"FROM {T_PEGAWAI} p JOIN {T_UNIT} u ON u.id = p.unit_id WHERE p.aktif AND p.unit_id IN {unit_sql}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT COALESCE(SUM(CASE WHEN {punya_standar} THEN 0 ELSE 1 END), 0),
                       COALESCE(SUM(CASE WHEN {punya_standar} AND {putaran_lain} THEN 1 ELSE 0 END), 0) {dasar}""",
            params,
        )
        tanpa_standar, dilewati = cursor.fetchone()
        cursor.execute(
            f"""INSERT INTO {T_PESERTA} (putaran_id, pegawai_id, jabatan_id, unit_id, opd_id, atasan_id,
                                         rekan_dibuka, jpm, kategori, hasil_dihitung_pada)
                SELECT %(putaran)s, p.id, p.jabatan_id, p.unit_id, COALESCE(u.opd_id, u.id), p.atasan_id,
                       FALSE, NULL, '', NULL
                {dasar} AND {punya_standar} AND NOT {putaran_lain}""",
            params,
        )
        jumlah = cursor.rowcount
        if jumlah <= 0:
            raise ValidationError({"unit": [PESAN_TANPA_PESERTA]})
        cursor.execute(
            f"""INSERT INTO {T_HASIL} (peserta_id, kompetensi_id, standar, rekan_jumlah, rekan_total)
                SELECT ps.id, s.kompetensi_id, s.level, 0, 0
                FROM {T_PESERTA} ps
                JOIN {T_STANDAR} s ON s.jabatan_id = ps.jabatan_id
                JOIN {T_KOMPETENSI} k ON k.id = s.kompetensi_id AND k.aktif
                WHERE ps.putaran_id = %(putaran)s""",
            {"putaran": putaran.pk},
        )
    return RingkasanBuka(
        putaran=putaran, peserta=jumlah, dilewati_putaran_lain=int(dilewati), tanpa_standar=int(tanpa_standar)
    )


def putaran_kunci(putaran_id: int) -> PutaranPenilaian:
    """Lock the round row (inside a transaction) and refuse a closed round."""
    putaran = PutaranPenilaian.objects.select_for_update().get(pk=putaran_id)
    if putaran.status != PutaranPenilaian.Status.DIBUKA:
        raise ValidationError(PESAN_SUDAH_DITUTUP)
    return putaran


@transaction.atomic
def putaran_tutup(*, actor, putaran: PutaranPenilaian) -> PutaranPenilaian:
    """Release every peers' mean, compute the final results and freeze the round."""
    if not may_manage_putaran(actor, putaran):
        raise ValidationError(PESAN_PUTARAN_DILARANG)
    putaran = putaran_kunci(putaran.pk)
    PesertaPenilaian.objects.filter(putaran=putaran, rekan_dibuka=False).update(rekan_dibuka=True)
    hasil_hitung(putaran=putaran, paksa=True)
    putaran.status = PutaranPenilaian.Status.DITUTUP
    putaran.ditutup_pada = timezone.now()
    putaran.ditutup_oleh = actor
    putaran.save(update_fields=["status", "ditutup_pada", "ditutup_oleh", "updated_at"])
    return putaran


def rekan_siap_dibuka(peserta: PesertaPenilaian) -> bool:
    """Every assigned peer answered (and at least MIN_REKAN of them), or the peer deadline passed."""
    if peserta.rekan_dibuka or not peserta.putaran.rekan_aktif:
        return False
    if timezone.localdate() > peserta.putaran.batas_rekan:
        return True
    status = list(PenugasanRekan.objects.filter(peserta=peserta).values_list("status", flat=True))
    return len(status) >= MIN_REKAN and all(s == PenugasanRekan.Status.TERKIRIM for s in status)


def rekan_buka_jika_siap(peserta: PesertaPenilaian) -> bool:
    """Release the peers' mean of one participant when it is ready (idempotent, compare-and-swap)."""
    if not rekan_siap_dibuka(peserta):
        return False
    berubah = PesertaPenilaian.objects.filter(pk=peserta.pk, rekan_dibuka=False).update(rekan_dibuka=True)
    peserta.rekan_dibuka = True
    return bool(berubah)


def putaran_proses_tenggat(*, hari_ini: datetime.date | None = None) -> int:
    """For open rounds whose peer deadline has passed: release every peers' mean and recompute.
    Run by Celery beat (asn_kinerja/celery.py). Returns the number of rounds processed."""
    hari_ini = hari_ini or timezone.localdate()
    jumlah = 0
    for putaran in PutaranPenilaian.objects.filter(
        status=PutaranPenilaian.Status.DIBUKA, rekan_aktif=True, batas_rekan__lt=hari_ini
    ):
        with transaction.atomic():
            berubah = PesertaPenilaian.objects.filter(putaran=putaran, rekan_dibuka=False).update(rekan_dibuka=True)
            if berubah:
                hasil_hitung(putaran=putaran)
                jumlah += 1
    return jumlah


# --- changing, recomputing (the round's pages: kompetensi/views/putaran.py) --------------------

PESAN_NAMA_KOSONG = "Nama putaran wajib diisi."
PESAN_BATAS_KOSONG = "Batas waktu wajib diisi."


@transaction.atomic
def putaran_ubah(
    *,
    actor,
    putaran: PutaranPenilaian,
    nama: str,
    batas_diri: datetime.date,
    batas_rekan: datetime.date,
    batas_atasan: datetime.date,
) -> PutaranPenilaian:
    """Rename an open round or move its deadlines. A deadline that is changed may not be before
    today (one already passed and left as it is stays valid); the supervisor's deadline may not be
    before the self-assessment's. A peers' mean already released stays released."""
    if not may_manage_putaran(actor, putaran):
        raise ValidationError(PESAN_PUTARAN_DILARANG)
    putaran = putaran_kunci(putaran.pk)
    nama = (nama or "").strip()
    baru = {"batas_diri": batas_diri, "batas_rekan": batas_rekan, "batas_atasan": batas_atasan}
    errors: dict[str, list[str]] = {}
    if not nama:
        errors["nama"] = [PESAN_NAMA_KOSONG]
    hari_ini = timezone.localdate()
    for field, nilai in baru.items():
        if nilai is None:
            errors.setdefault(field, []).append(PESAN_BATAS_KOSONG)
        elif nilai != getattr(putaran, field) and nilai < hari_ini:
            errors.setdefault(field, []).append(PESAN_BATAS_LALU)
    if batas_diri and batas_atasan and batas_atasan < batas_diri:
        errors.setdefault("batas_atasan", []).append(PESAN_BATAS_URUT)
    if errors:
        raise ValidationError(errors)
    berubah = [f for f, v in {"nama": nama, **baru}.items() if getattr(putaran, f) != v]
    if not berubah:
        return putaran
    putaran.nama = nama
    for field, nilai in baru.items():
        setattr(putaran, field, nilai)
    putaran.full_clean()
    putaran.save(update_fields=[*berubah, "updated_at"])
    return putaran


def _rekan_buka_yang_siap(putaran: PutaranPenilaian) -> int:
    """Set-based `rekan_buka_jika_siap` for a whole round (the caller holds the round's lock)."""
    if not putaran.rekan_aktif:
        return 0
    belum = PesertaPenilaian.objects.filter(putaran=putaran, rekan_dibuka=False)
    if timezone.localdate() <= putaran.batas_rekan:
        siap = (
            belum.annotate(
                _n=Count("penugasan_rekan"),
                _belum=Count("penugasan_rekan", filter=Q(penugasan_rekan__status=PenugasanRekan.Status.DITUGASKAN)),
            )
            .filter(_n__gte=MIN_REKAN, _belum=0)
            .values_list("pk", flat=True)
        )
        belum = PesertaPenilaian.objects.filter(pk__in=list(siap), rekan_dibuka=False)
    return belum.update(rekan_dibuka=True)


def putaran_hitung(*, putaran_id: int) -> bool:
    """Recompute every result of an open round (the task behind "Hitung ulang hasil"), first
    releasing the peers' means that are due. Idempotent; under the round's lock, so it never
    runs beside the closing of the round. A closed or deleted round: nothing, returns False."""
    with transaction.atomic():
        try:
            putaran = putaran_kunci(putaran_id)
        except (ValidationError, PutaranPenilaian.DoesNotExist):
            return False
        _rekan_buka_yang_siap(putaran)
        hasil_hitung(putaran=putaran)
    return True


@transaction.atomic
def putaran_hitung_antre(*, actor, putaran: PutaranPenilaian) -> None:
    """Queue the recompute of a round's results (a Celery task after commit; eager without a broker)."""
    if not may_manage_putaran(actor, putaran):
        raise ValidationError(PESAN_PUTARAN_DILARANG)
    putaran = putaran_kunci(putaran.pk)
    from ..tasks import hasil_hitung_putaran_task

    putaran_id = putaran.pk
    transaction.on_commit(lambda: hasil_hitung_putaran_task.delay(putaran_id))
