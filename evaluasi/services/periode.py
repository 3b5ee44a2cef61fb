"""Opening, advancing and closing evaluation periods, and preparing each employee's
evaluation record (`EvaluasiPegawai`) with one INSERT ... SELECT."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from asn_kinerja.audit import audit_ubah
from pegawai.models import Pegawai, UnitKerja

from ..access import may_manage_periode
from ..models import EvaluasiPegawai, PengaturanKinerja, Periode, Skp
from ..rules import JUMLAH_PER_TAHUN, periode_nama, periode_tanggal

PESAN_BUKAN_BKD = "Hanya Admin BKD yang dapat mengelola periode penilaian."
PESAN_SUDAH_ADA = "Periode {nama} sudah ada."
PESAN_JENIS_TIDAK_DIPAKAI = "Jenis periode ini tidak dipakai; ubah di Pengaturan Kinerja bila diperlukan."
PESAN_NOMOR = "Nomor periode untuk jenis {jenis} harus 1 sampai {maks}."
PESAN_TANGGAL_URUT = "Tanggal selesai tidak boleh sebelum tanggal mulai."
PESAN_TANGGAL_TAHUN = "Tanggal periode harus berada di tahun {tahun}."
PESAN_BATAS_URUT = "Batas penilaian atasan tidak boleh sebelum batas penilaian diri."
PESAN_BATAS_REKAN = "Batas penilaian rekan tidak boleh sebelum batas penilaian diri."
PESAN_BATAS_SEBELUM_MULAI = "Batas penilaian tidak boleh sebelum periode dimulai."
PESAN_STATUS_BERUBAH = "Status periode telah diubah oleh orang lain. Muat ulang halaman."
PESAN_SUDAH_DITUTUP = "Periode ini sudah ditutup; tidak ada yang dapat diubah."

T_EVALUASI = EvaluasiPegawai._meta.db_table
T_PEGAWAI = Pegawai._meta.db_table
T_UNIT = UnitKerja._meta.db_table
T_SKP = Skp._meta.db_table


def _periksa_tanggal(tahun, tanggal_mulai, tanggal_selesai, batas_diri, batas_rekan, batas_atasan) -> None:
    errors: dict[str, list[str]] = {}
    if tanggal_selesai < tanggal_mulai:
        errors.setdefault("tanggal_selesai", []).append(PESAN_TANGGAL_URUT)
    for nama, nilai in (("tanggal_mulai", tanggal_mulai), ("tanggal_selesai", tanggal_selesai)):
        if nilai.year != tahun:
            errors.setdefault(nama, []).append(PESAN_TANGGAL_TAHUN.format(tahun=tahun))
    for nama, nilai in (
        ("batas_penilaian_diri", batas_diri),
        ("batas_penilaian_rekan", batas_rekan),
        ("batas_penilaian_atasan", batas_atasan),
    ):
        if nilai < tanggal_mulai:
            errors.setdefault(nama, []).append(PESAN_BATAS_SEBELUM_MULAI)
    if batas_atasan < batas_diri:
        errors.setdefault("batas_penilaian_atasan", []).append(PESAN_BATAS_URUT)
    if batas_rekan < batas_diri:
        errors.setdefault("batas_penilaian_rekan", []).append(PESAN_BATAS_REKAN)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def periode_buat(
    *,
    actor,
    tahun: int,
    jenis: str,
    nomor: int,
    tanggal_mulai: dt.date | None = None,
    tanggal_selesai: dt.date | None = None,
    batas_penilaian_diri: dt.date | None = None,
    batas_penilaian_rekan: dt.date | None = None,
    batas_penilaian_atasan: dt.date | None = None,
) -> Periode:
    """Open a period in "perencanaan". Dates default to the calendar period; deadlines to
    7, 10 and 14 days after it ends. Creates every active employee's evaluation record."""
    if not may_manage_periode(actor):
        raise ValidationError(PESAN_BUKAN_BKD)
    if jenis not in JUMLAH_PER_TAHUN:
        raise ValidationError({"jenis": "Jenis periode tidak dikenal."})
    if jenis not in PengaturanKinerja.get().jenis_periode:
        raise ValidationError({"jenis": PESAN_JENIS_TIDAK_DIPAKAI})
    maks = JUMLAH_PER_TAHUN[jenis]
    if not 1 <= nomor <= maks:
        raise ValidationError({"nomor": PESAN_NOMOR.format(jenis=jenis, maks=maks)})
    mulai, selesai = periode_tanggal(tahun, jenis, nomor)
    tanggal_mulai = tanggal_mulai or mulai
    tanggal_selesai = tanggal_selesai or selesai
    batas_penilaian_diri = batas_penilaian_diri or tanggal_selesai + dt.timedelta(days=7)
    batas_penilaian_rekan = batas_penilaian_rekan or tanggal_selesai + dt.timedelta(days=10)
    batas_penilaian_atasan = batas_penilaian_atasan or tanggal_selesai + dt.timedelta(days=14)
    _periksa_tanggal(
        tahun, tanggal_mulai, tanggal_selesai, batas_penilaian_diri, batas_penilaian_rekan, batas_penilaian_atasan
    )
    nama = periode_nama(tahun, jenis, nomor)
    if Periode.objects.filter(tahun=tahun, jenis=jenis, nomor=nomor).exists():
        raise ValidationError(PESAN_SUDAH_ADA.format(nama=nama))
    periode = Periode(
        tahun=tahun,
        jenis=jenis,
        nomor=nomor,
        nama=nama,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        batas_penilaian_diri=batas_penilaian_diri,
        batas_penilaian_rekan=batas_penilaian_rekan,
        batas_penilaian_atasan=batas_penilaian_atasan,
        dibuat_oleh=actor,
    )
    periode.full_clean()
    periode.save()
    evaluasi_siapkan(periode=periode)
    return periode


@transaction.atomic
def periode_ubah_batas(
    *,
    actor,
    periode: Periode,
    batas_penilaian_diri: dt.date,
    batas_penilaian_rekan: dt.date,
    batas_penilaian_atasan: dt.date,
) -> Periode:
    if not may_manage_periode(actor):
        raise ValidationError(PESAN_BUKAN_BKD)
    periode = Periode.objects.select_for_update().get(pk=periode.pk)
    if periode.ditutup:
        raise ValidationError(PESAN_SUDAH_DITUTUP)
    _periksa_tanggal(
        periode.tahun,
        periode.tanggal_mulai,
        periode.tanggal_selesai,
        batas_penilaian_diri,
        batas_penilaian_rekan,
        batas_penilaian_atasan,
    )
    periode.batas_penilaian_diri = batas_penilaian_diri
    periode.batas_penilaian_rekan = batas_penilaian_rekan
    periode.batas_penilaian_atasan = batas_penilaian_atasan
    periode.save(
        update_fields=["batas_penilaian_diri", "batas_penilaian_rekan", "batas_penilaian_atasan", "updated_at"]
    )
    return periode


@transaction.atomic
def periode_lanjut(*, actor, periode: Periode, dari_status: str) -> Periode:
    """Move the period one state forward (compare-and-swap on `dari_status`, so a form posted
    twice or from two tabs moves it once). Moving into berjalan or penilaian adds newcomers'
    evaluation records; into penilaian also refreshes the rater of records not yet rated;
    into ditutup locks everything in the period."""
    if not may_manage_periode(actor):
        raise ValidationError(PESAN_BUKAN_BKD)
    urutan = Periode.URUTAN_STATUS
    if dari_status not in urutan or dari_status == Periode.Status.DITUTUP:
        raise ValidationError(PESAN_SUDAH_DITUTUP)
    ke_status = urutan[urutan.index(dari_status) + 1]
    ubah = {"status": ke_status, "updated_at": timezone.now()}
    if ke_status == Periode.Status.DITUTUP:
        ubah.update(ditutup_pada=timezone.now(), ditutup_oleh=actor)
    if not Periode.objects.filter(pk=periode.pk, status=dari_status).update(**ubah):
        raise ValidationError(PESAN_STATUS_BERUBAH)
    periode.refresh_from_db()
    # A queryset update bypasses auditlog's signals: record the move (who, when, old, new) here.
    audit_ubah(periode, actor=actor, perubahan={"status": (dari_status, ke_status)})
    if ke_status in (Periode.Status.BERJALAN, Periode.Status.PENILAIAN):
        evaluasi_siapkan(periode=periode, perbarui_penilai=ke_status == Periode.Status.PENILAIAN)
    elif ke_status == Periode.Status.DITUTUP:
        from .rekan import rekan_buka_periode

        # Closing releases every peers' aggregate still held back (once; assignments lock).
        rekan_buka_periode(periode_id=periode.pk)
    return periode


def evaluasi_siapkan(*, periode: Periode, perbarui_penilai: bool = False) -> int:
    """Create the evaluation record of every active employee not yet in the period (one
    INSERT ... SELECT; idempotent: the unique (periode, pegawai) rows are skipped), link each
    record to its SKP of the year, and with `perbarui_penilai` take today's atasan as rater of
    records nobody has rated yet. Returns the number of records created."""
    now = timezone.now()
    with connection.cursor() as cur:
        cur.execute(
            f"""
            INSERT INTO {T_EVALUASI} (periode_id, pegawai_id, skp_id, unit_id, opd_id, jabatan_id, penilai_id,
                atasan_penilai_id, status, rating_hasil, rating_perilaku, predikat, umpan_balik, rekan_dibuka,
                versi, created_at, updated_at)
            SELECT %(periode)s, p.id,
                (SELECT s.id FROM {T_SKP} s WHERE s.pegawai_id = p.id AND s.tahun = %(tahun)s),
                p.unit_id, u.opd_id, p.jabatan_id, p.atasan_id, a.atasan_id,
                'belum', '', '', '', '', %(salah)s, 1, %(now)s, %(now)s
            FROM {T_PEGAWAI} p
            JOIN {T_UNIT} u ON u.id = p.unit_id
            LEFT JOIN {T_PEGAWAI} a ON a.id = p.atasan_id
            WHERE p.aktif = %(benar)s
              AND NOT EXISTS (SELECT 1 FROM {T_EVALUASI} e WHERE e.periode_id = %(periode)s AND e.pegawai_id = p.id)
            """,
            {"periode": periode.pk, "tahun": periode.tahun, "now": now, "benar": True, "salah": False},
        )
        dibuat = cur.rowcount
        cur.execute(
            f"""
            UPDATE {T_EVALUASI} SET skp_id = (
                SELECT s.id FROM {T_SKP} s WHERE s.pegawai_id = {T_EVALUASI}.pegawai_id AND s.tahun = %(tahun)s)
            WHERE periode_id = %(periode)s AND skp_id IS NULL
            """,
            {"periode": periode.pk, "tahun": periode.tahun},
        )
        if perbarui_penilai:
            cur.execute(
                f"""
                UPDATE {T_EVALUASI} SET
                    penilai_id = (SELECT p.atasan_id FROM {T_PEGAWAI} p WHERE p.id = {T_EVALUASI}.pegawai_id),
                    atasan_penilai_id = (SELECT a.atasan_id FROM {T_PEGAWAI} p JOIN {T_PEGAWAI} a ON a.id = p.atasan_id
                                         WHERE p.id = {T_EVALUASI}.pegawai_id),
                    updated_at = %(now)s
                WHERE periode_id = %(periode)s AND status = 'belum'
                """,
                {"periode": periode.pk, "now": now},
            )
    return max(dibuat, 0)


def evaluasi_pastikan(*, periode: Periode, pegawai: Pegawai) -> EvaluasiPegawai:
    """The pegawai's record in the period, created on the spot for someone who joined after
    the period was opened (the same snapshot evaluasi_siapkan takes)."""
    evaluasi = EvaluasiPegawai.objects.filter(periode=periode, pegawai=pegawai).first()
    if evaluasi is not None:
        return evaluasi
    atasan = pegawai.atasan
    evaluasi, _ = EvaluasiPegawai.objects.get_or_create(
        periode=periode,
        pegawai=pegawai,
        defaults={
            "skp": Skp.objects.filter(pegawai=pegawai, tahun=periode.tahun).first(),
            "unit_id": pegawai.unit_id,
            "opd_id": pegawai.unit.opd_id,
            "jabatan_id": pegawai.jabatan_id,
            "penilai": atasan,
            "atasan_penilai_id": atasan.atasan_id if atasan else None,
        },
    )
    return evaluasi


# --- periode area: the deadline form, safe against a second tab ----------------------------------


@transaction.atomic
def periode_ubah_batas_cas(
    *,
    actor,
    periode: Periode,
    semula: tuple[dt.date, dt.date, dt.date],
    batas_penilaian_diri: dt.date,
    batas_penilaian_rekan: dt.date,
    batas_penilaian_atasan: dt.date,
) -> Periode:
    """periode_ubah_batas, only while the deadlines are still the ones the form was drawn with
    (`semula`: diri, rekan, atasan). A second tab posting an older form gets the "changed
    elsewhere" message instead of silently undoing the first tab's change."""
    from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN

    if not may_manage_periode(actor):
        raise ValidationError(PESAN_BUKAN_BKD)
    kini = (
        Periode.objects.select_for_update()
        .filter(pk=periode.pk)
        .values_list("batas_penilaian_diri", "batas_penilaian_rekan", "batas_penilaian_atasan")
        .first()
    )
    if kini is None or tuple(kini) != tuple(semula):
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    return periode_ubah_batas(
        actor=actor,
        periode=periode,
        batas_penilaian_diri=batas_penilaian_diri,
        batas_penilaian_rekan=batas_penilaian_rekan,
        batas_penilaian_atasan=batas_penilaian_atasan,
    )
