"""The daily activity log (laporan aktivitas harian): writing, changing and deleting one's own
entries, and the direct atasan's review (approve, return for revision, reject), one by one or in
bulk. The rules come from `PengaturanKinerja` (DOMAIN.md "Daily activity log", all configurable):

- the duration is a whole number of minutes above zero, and a day's entries (except rejected
  ones) may not together exceed `log_menit_maks_harian`; the day total is summed while the
  pegawai's row is locked (SELECT ... FOR UPDATE), so two tabs posting at once cannot both pass;
- the date is not in the future, lies inside an evaluation period, and no period containing it is
  closed ("ditutup locks everything in it");
- an entry may be written or changed until `log_kunci_hari` days after the end of its month
  (`rules.log_terkunci`);
- the owner edits or deletes an entry only while it is "belum diperiksa" or "revisi"; editing a
  returned entry sends it back to "belum diperiksa". Forms carry `versi` (optimistic lock).

Review is a compare-and-swap on the status (`status = belum` in the UPDATE's WHERE), restricted
to the reviewer's direct subordinates (`access.log_periksa_scope`): a double post acts once and
foreign ids are ignored. Returned and rejected entries notify their pegawai once per batch.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from asn_kinerja.audit import audit_massal
from notifikasi.services import notifikasi_kirim
from pegawai.access import akses_get
from pegawai.models import Pegawai

from ..access import log_periksa_scope
from ..models import LogHarian, PengaturanKinerja, Periode, RencanaHasilKerja
from ..rules import log_batas_kunci, log_terkunci
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN, versi_update

Status = LogHarian.Status
STATUS_DAPAT_DIUBAH = (Status.BELUM_DIPERIKSA, Status.REVISI)
# A rejected entry does not count towards the day's total (the pegawai writes a new one).
STATUS_DIHITUNG = (Status.BELUM_DIPERIKSA, Status.REVISI, Status.DISETUJUI)

AKSI_SETUJUI, AKSI_REVISI, AKSI_TOLAK = "setujui", "revisi", "tolak"
AKSI_STATUS = {AKSI_SETUJUI: Status.DISETUJUI, AKSI_REVISI: Status.REVISI, AKSI_TOLAK: Status.DITOLAK}
AKSI_LABEL = {AKSI_SETUJUI: "Setujui", AKSI_REVISI: "Kembalikan untuk revisi", AKSI_TOLAK: "Tolak"}
PERIKSA_MAKS = 500  # ids per bulk review (a page holds far fewer)

PESAN_BUKAN_PEGAWAI = "Akun Anda tidak terhubung dengan data pegawai aktif."
PESAN_URAIAN_KOSONG = "Uraian kegiatan wajib diisi."
PESAN_MENIT_POSITIF = "Durasi harus lebih dari 0 menit."
PESAN_MENIT_NEGATIF = "Durasi tidak boleh negatif."
PESAN_MENIT_ANGKA = "Durasi harus berupa bilangan bulat menit."
PESAN_MASA_DEPAN = "Tanggal log tidak boleh melewati hari ini."
PESAN_TERKUNCI = (
    "Log bulan {bulan} sudah terkunci sejak {tanggal}; log bulan itu tidak dapat ditambah, diubah, atau dihapus."
)
PESAN_DI_LUAR_PERIODE = "Tanggal {tanggal} berada di luar periode penilaian yang terbuka."
PESAN_PERIODE_DITUTUP = (
    "Periode {nama} sudah ditutup; log tanggal {tanggal} tidak dapat ditambah, diubah, atau dihapus."
)
PESAN_MELEBIHI_MAKS = (
    "Total log tanggal {tanggal} sudah {ada} menit; dengan {menit} menit ini menjadi {total} menit, "
    "melebihi batas {maks} menit per hari."
)
PESAN_RHK_WAJIB = "Pilih RHK SKP {tahun} yang didukung kegiatan ini."
PESAN_RHK_BUKAN_MILIK = "RHK yang dipilih bukan bagian dari SKP Anda tahun {tahun}."
PESAN_BUKAN_PEMILIK = "Hanya pemilik log yang dapat mengubahnya."
PESAN_STATUS_TETAP = "Log berstatus {status} tidak dapat diubah atau dihapus."
PESAN_AKSI = "Pilih tindakan: setujui, kembalikan untuk revisi, atau tolak."
PESAN_CATATAN_WAJIB = "Catatan wajib diisi untuk mengembalikan atau menolak log."
PESAN_PILIH_LOG = "Pilih minimal satu log."
PESAN_LOG_TIDAK_VALID = "Pilihan log tidak valid."


def tgl(tanggal: dt.date) -> str:
    """A date as Indonesians write it: 3 Maret 2026."""
    return date_format(tanggal, "j F Y")


def log_awal_terbuka(hari_ini: dt.date, kunci_hari: int) -> dt.date:
    """The earliest date whose entries are not locked yet (the first day of a month)."""
    awal = hari_ini.replace(day=1)
    while True:
        sebelumnya = (awal - dt.timedelta(days=1)).replace(day=1)
        if log_terkunci(sebelumnya, hari_ini, kunci_hari):
            return awal
        awal = sebelumnya


def periode_ditutup_q():
    """Exists(a closed period containing the entry's date), for querysets of LogHarian."""
    return Exists(
        Periode.objects.filter(
            status=Periode.Status.DITUTUP,
            tanggal_mulai__lte=OuterRef("tanggal"),
            tanggal_selesai__gte=OuterRef("tanggal"),
        )
    )


@dataclass(frozen=True)
class HasilPeriksa:
    diproses: int  # entries whose status changed
    diminta: int  # distinct ids posted
    pegawai_diberi_tahu: int = 0

    @property
    def dilewati(self) -> int:
        return self.diminta - self.diproses


# --- checks shared by create, update and delete -------------------------------------------------


def _pegawai_id(actor) -> int:
    pid = akses_get(actor).pegawai_id
    if pid is None:
        raise ValidationError(PESAN_BUKAN_PEGAWAI)
    return pid


def _tanggal_galat(tanggal: dt.date, *, hari_ini: dt.date, pengaturan: PengaturanKinerja) -> str | None:
    """Why entries of `tanggal` cannot be written now, or None."""
    if tanggal > hari_ini:
        return PESAN_MASA_DEPAN
    if log_terkunci(tanggal, hari_ini, pengaturan.log_kunci_hari):
        batas = log_batas_kunci(tanggal, pengaturan.log_kunci_hari) + dt.timedelta(days=1)
        return PESAN_TERKUNCI.format(bulan=date_format(tanggal, "F Y"), tanggal=tgl(batas))
    periode = list(
        Periode.objects.filter(tanggal_mulai__lte=tanggal, tanggal_selesai__gte=tanggal)
        .order_by("tanggal_mulai", "id")
        .values_list("nama", "status")
    )
    if not periode:
        return PESAN_DI_LUAR_PERIODE.format(tanggal=tgl(tanggal))
    for nama, status in periode:
        if status == Periode.Status.DITUTUP:
            return PESAN_PERIODE_DITUTUP.format(nama=nama, tanggal=tgl(tanggal))
    return None


def _menit_bersih(menit) -> int:
    if isinstance(menit, bool) or not isinstance(menit, int):
        try:
            menit = int(str(menit).strip())
        except (TypeError, ValueError):
            raise ValidationError({"menit": PESAN_MENIT_ANGKA})
    if menit < 0:
        raise ValidationError({"menit": PESAN_MENIT_NEGATIF})
    if menit == 0:
        raise ValidationError({"menit": PESAN_MENIT_POSITIF})
    return menit


def _isi_periksa(
    *, pid: int, tanggal: dt.date, uraian: str, menit, rhk: RencanaHasilKerja | None, pengaturan, hari_ini
) -> tuple[str, int]:
    """Every field check that needs no lock; all messages at once, by field."""
    galat: dict[str, list[str]] = defaultdict(list)
    uraian = (uraian or "").strip()
    if not uraian:
        galat["uraian"].append(PESAN_URAIAN_KOSONG)
    try:
        menit = _menit_bersih(menit)
    except ValidationError as e:
        galat["menit"].extend(e.messages)
    if not isinstance(tanggal, dt.date):
        raise ValidationError({"tanggal": "Tanggal tidak valid."})
    pesan = _tanggal_galat(tanggal, hari_ini=hari_ini, pengaturan=pengaturan)
    if pesan:
        galat["tanggal"].append(pesan)
    rhk_tahun = RencanaHasilKerja.objects.filter(skp__pegawai_id=pid, skp__tahun=tanggal.year)
    if rhk is None:
        if rhk_tahun.exists():
            galat["rhk"].append(PESAN_RHK_WAJIB.format(tahun=tanggal.year))
    elif not rhk_tahun.filter(pk=rhk.pk).exists():
        galat["rhk"].append(PESAN_RHK_BUKAN_MILIK.format(tahun=tanggal.year))
    if galat:
        raise ValidationError(dict(galat))
    return uraian, menit


def _kunci_pegawai(pid: int) -> None:
    """Row lock on the pegawai (PostgreSQL): every write of their log serialises here, so the
    day total read next cannot change before this transaction commits."""
    list(Pegawai.objects.select_for_update().filter(pk=pid).values_list("pk", flat=True))


def _total_periksa(*, pid: int, tanggal: dt.date, menit: int, maks: int, kecuali: int | None = None) -> None:
    qs = LogHarian.objects.filter(pegawai_id=pid, tanggal=tanggal, status__in=STATUS_DIHITUNG)
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    ada = qs.aggregate(n=Sum("menit"))["n"] or 0
    if ada + menit > maks:
        raise ValidationError(
            {
                "menit": PESAN_MELEBIHI_MAKS.format(
                    tanggal=tgl(tanggal), ada=ada, menit=menit, total=ada + menit, maks=maks
                )
            }
        )


def _bukti_tambah(*, actor, log: LogHarian, berkas, tautan: str) -> None:
    if not berkas and not tautan:
        return
    # Evidence (file or link) is the realisation area's: one place checks files by content.
    from .realisasi import bukti_tambah

    bukti_tambah(actor=actor, log=log, berkas=berkas or None, tautan=tautan or "")


def _segar(log: LogHarian, *, pid: int, versi) -> LogHarian:
    """The entry re-read under the pegawai lock, checked for owner, version and status."""
    if log.pegawai_id != pid:
        raise ValidationError(PESAN_BUKAN_PEMILIK)
    segar = LogHarian.objects.filter(pk=log.pk).first()
    if segar is None or str(segar.versi) != str(versi):
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    if segar.status not in STATUS_DAPAT_DIUBAH:
        raise ValidationError(PESAN_STATUS_TETAP.format(status=segar.get_status_display()))
    return segar


# --- the pegawai's own entries --------------------------------------------------------------------


@transaction.atomic
def log_buat(
    *,
    actor,
    tanggal: dt.date,
    uraian: str,
    menit: int,
    rhk: RencanaHasilKerja | None = None,
    berkas=None,
    tautan: str = "",
) -> LogHarian:
    """Write one entry of the actor's own log (with optional evidence: a file or a link)."""
    pid = _pegawai_id(actor)
    pengaturan = PengaturanKinerja.get()
    hari_ini = timezone.localdate()
    uraian, menit = _isi_periksa(
        pid=pid, tanggal=tanggal, uraian=uraian, menit=menit, rhk=rhk, pengaturan=pengaturan, hari_ini=hari_ini
    )
    _kunci_pegawai(pid)
    _total_periksa(pid=pid, tanggal=tanggal, menit=menit, maks=pengaturan.log_menit_maks_harian)
    log = LogHarian(pegawai_id=pid, tanggal=tanggal, uraian=uraian, menit=menit, rhk=rhk)
    log.full_clean()
    log.save()
    _bukti_tambah(actor=actor, log=log, berkas=berkas, tautan=tautan)
    return log


@transaction.atomic
def log_ubah(
    *,
    actor,
    log: LogHarian,
    versi: int,
    tanggal: dt.date,
    uraian: str,
    menit: int,
    rhk: RencanaHasilKerja | None = None,
    berkas=None,
    tautan: str = "",
) -> LogHarian:
    """Change one's own entry while it is "belum diperiksa" or "revisi" and neither its old nor
    its new date is locked; a returned entry goes back to "belum diperiksa"."""
    pid = _pegawai_id(actor)
    pengaturan = PengaturanKinerja.get()
    hari_ini = timezone.localdate()
    _kunci_pegawai(pid)
    lama = _segar(log, pid=pid, versi=versi)
    if tanggal != lama.tanggal:
        pesan = _tanggal_galat(lama.tanggal, hari_ini=hari_ini, pengaturan=pengaturan)
        if pesan:
            raise ValidationError({"tanggal": pesan})
    uraian, menit = _isi_periksa(
        pid=pid, tanggal=tanggal, uraian=uraian, menit=menit, rhk=rhk, pengaturan=pengaturan, hari_ini=hari_ini
    )
    _total_periksa(pid=pid, tanggal=tanggal, menit=menit, maks=pengaturan.log_menit_maks_harian, kecuali=lama.pk)
    baru = {
        "tanggal": tanggal,
        "uraian": uraian,
        "menit": menit,
        "rhk_id": rhk.pk if rhk else None,
        "status": Status.BELUM_DIPERIKSA,
    }
    versi_update(LogHarian, pk=lama.pk, versi=lama.versi, **baru)
    perubahan = {
        nama: [str(getattr(lama, nama)), str(nilai)]
        for nama, nilai in baru.items()
        if str(getattr(lama, nama)) != str(nilai)
    }
    hasil = LogHarian.objects.select_related("rhk").get(pk=lama.pk)
    audit_massal([(hasil, perubahan)], aksi=LogEntry.Action.UPDATE, actor=actor)
    _bukti_tambah(actor=actor, log=hasil, berkas=berkas, tautan=tautan)
    return hasil


@transaction.atomic
def log_hapus(*, actor, log: LogHarian, versi: int) -> None:
    """Delete one's own entry (and its evidence) on the same conditions as a change."""
    pid = _pegawai_id(actor)
    _kunci_pegawai(pid)
    lama = _segar(log, pid=pid, versi=versi)
    pesan = _tanggal_galat(lama.tanggal, hari_ini=timezone.localdate(), pengaturan=PengaturanKinerja.get())
    if pesan:
        raise ValidationError(pesan)
    berkas = [b.berkas for b in lama.bukti.all() if b.berkas]
    # The status and version in the WHERE: a review that slipped in makes this delete nothing.
    terhapus, _ = LogHarian.objects.filter(pk=lama.pk, versi=lama.versi, status__in=STATUS_DAPAT_DIUBAH).delete()
    if not terhapus:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    for f in berkas:
        transaction.on_commit(lambda f=f: f.storage.delete(f.name))


def log_dapat_diubah(log: LogHarian, *, hari_ini: dt.date, kunci_hari: int, periode_ditutup: bool) -> bool:
    """Whether the owner may still change or delete the entry (for buttons; the services decide)."""
    return (
        log.status in STATUS_DAPAT_DIUBAH
        and not log_terkunci(log.tanggal, hari_ini, kunci_hari)
        and not periode_ditutup
    )


# --- the atasan's review ---------------------------------------------------------------------------


@transaction.atomic
def log_periksa(*, actor, log_ids: Iterable[int], aksi: str, catatan: str = "") -> HasilPeriksa:
    """Approve, return or reject entries still "belum diperiksa" of the actor's direct
    subordinates. Ids of other people's entries, of entries already checked and of entries in a
    closed period are skipped (a double post acts once); a locked entry cannot be returned for
    revision (its owner could not change it), only approved or rejected. Returns what was done."""
    pid = _pegawai_id(actor)
    if aksi not in AKSI_STATUS:
        raise ValidationError({"aksi": PESAN_AKSI})
    catatan = (catatan or "").strip()
    if aksi != AKSI_SETUJUI and not catatan:
        raise ValidationError({"catatan": PESAN_CATATAN_WAJIB})
    try:
        ids = sorted({int(i) for i in log_ids})[:PERIKSA_MAKS]
    except (TypeError, ValueError):
        raise ValidationError({"log": PESAN_LOG_TIDAK_VALID})
    if not ids:
        raise ValidationError({"log": PESAN_PILIH_LOG})
    kandidat = log_periksa_scope(actor).filter(pk__in=ids, status=Status.BELUM_DIPERIKSA).exclude(periode_ditutup_q())
    if aksi == AKSI_REVISI:
        pengaturan = PengaturanKinerja.get()
        kandidat = kandidat.filter(tanggal__gte=log_awal_terbuka(timezone.localdate(), pengaturan.log_kunci_hari))
    baris = list(
        kandidat.select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", "tanggal", "pegawai__user_id", "pegawai_id", "catatan_atasan")
    )
    if not baris:
        return HasilPeriksa(diproses=0, diminta=len(ids))
    status_baru = AKSI_STATUS[aksi]
    sekarang = timezone.now()
    diproses = LogHarian.objects.filter(pk__in=[b[0] for b in baris], status=Status.BELUM_DIPERIKSA).update(
        status=status_baru,
        catatan_atasan=catatan,
        diperiksa_oleh_id=pid,
        diperiksa_pada=sekarang,
        versi=F("versi") + 1,
        updated_at=sekarang,
    )
    if diproses != len(baris):
        # Only without row locks (SQLite): another review took some; keep the ones this one stamped.
        milik = set(
            LogHarian.objects.filter(
                pk__in=[b[0] for b in baris], diperiksa_oleh_id=pid, diperiksa_pada=sekarang, status=status_baru
            ).values_list("pk", flat=True)
        )
        baris = [b for b in baris if b[0] in milik]
    audit_massal(
        [
            (
                LogHarian(pk=pk, tanggal=tanggal, pegawai_id=pegawai_id),
                {"status": [Status.BELUM_DIPERIKSA, status_baru], "catatan_atasan": [catatan_lama, catatan]},
            )
            for pk, tanggal, _, pegawai_id, catatan_lama in baris
        ],
        aksi=LogEntry.Action.UPDATE,
        actor=actor,
    )
    diberi_tahu = 0
    if aksi != AKSI_SETUJUI:
        diberi_tahu = _beri_tahu(actor_pid=pid, aksi=aksi, catatan=catatan, baris=baris)
    return HasilPeriksa(diproses=len(baris), diminta=len(ids), pegawai_diberi_tahu=diberi_tahu)


def _beri_tahu(*, actor_pid: int, aksi: str, catatan: str, baris: list[tuple]) -> int:
    """One notification per pegawai for the whole batch (not one per entry)."""
    per_user: dict[int, list[dt.date]] = defaultdict(list)
    for _, tanggal, user_id, *_ in baris:
        if user_id is not None:
            per_user[user_id].append(tanggal)
    if not per_user:
        return 0
    atasan = Pegawai.objects.filter(pk=actor_pid).first()
    nama_atasan = atasan.nama_lengkap if atasan else "Atasan Anda"
    kata, judul = (
        ("mengembalikan", "Log aktivitas dikembalikan untuk revisi")
        if aksi == AKSI_REVISI
        else ("menolak", "Log aktivitas ditolak")
    )
    for user_id, semua in per_user.items():
        tanggal = sorted(set(semua))
        daftar = ", ".join(tgl(t) for t in tanggal[:5])
        if len(tanggal) > 5:
            daftar += f", dan {len(tanggal) - 5} tanggal lain"
        jumlah = len(semua)
        notifikasi_kirim(
            penerima_ids=[user_id],
            judul=judul,
            pesan=f"{nama_atasan} {kata} {jumlah} log aktivitas Anda ({daftar}). Catatan: {catatan}",
            tautan=f"{reverse('evaluasi:log-list')}?bulan={tanggal[0]:%Y-%m}",
        )
    return len(per_user)
