"""Reads of the officers' workflow: the work queue (scoped through pengaduan.access, with the
deadline that matters in each case's status and an overdue flag computed in the database), the
case page (timeline, evidence, due dates with working days left, the complainant's identity only
through access.identitas_lihat) and the pegawai search of the case's OPD. Constant query counts
whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import BooleanField, Case, Count, DateField, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import halaman_get, pegawai_cari_baris

from ..access import identitas_boleh, identitas_lihat, may_kelola, may_tanggapi, pengaduan_scope
from ..filters import PengaduanFilter
from ..models import (
    STATUS_TERBUKA,
    BuktiPengaduan,
    IdentitasPelapor,
    Pengaduan,
    Privasi,
    RiwayatPengaduan,
    StatusPengaduan,
)
from ..rules import hari_kerja_sisa
from ..services.kalender import libur_set

S = StatusPengaduan


# --- the queue ---------------------------------------------------------------------------------


def batas_kini() -> Case:
    """The deadline that matters in the case's status: verification while new; the first response
    (or completion, if earlier) while disposed; completion once verified; none when closed."""
    return Case(
        When(status=S.BARU, then=F("batas_verifikasi")),
        When(
            Q(status=S.DIDISPOSISIKAN, batas_tanggapan__isnull=False)
            & (Q(batas_selesai__isnull=True) | Q(batas_tanggapan__lt=F("batas_selesai"))),
            then=F("batas_tanggapan"),
        ),
        When(status__in=[S.TERVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI], then=F("batas_selesai")),
        default=Value(None),
        output_field=DateField(),
    )


def pengaduan_antrean(user, *, hari_ini: dt.date) -> QuerySet[Pengaduan]:
    """The user's cases with `batas_kini` and `terlambat` (an open case past it), running cases
    first, the most urgent on top."""
    return (
        pengaduan_scope(user)
        .annotate(batas_kini=batas_kini())
        .annotate(
            terlambat=Case(
                When(status__in=STATUS_TERBUKA, batas_kini__lt=hari_ini, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            urut_terbuka=Case(
                When(status__in=STATUS_TERBUKA, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .select_related("opd", "unit_tujuan", "petugas_tindak")
        .order_by("urut_terbuka", F("batas_kini").asc(nulls_last=True), "-diterima_pada", "-id")
    )


def hanya_ditugaskan(user) -> bool:
    """The user sees the queue only as a responsible officer (no complaint or admin role)."""
    akses = akses_get(user)
    return not (akses.petugas_pengaduan or akses.admin)


def antrean_boleh(user) -> bool:
    """Complaint officers and admins; any other pegawai once a case was disposed to them."""
    return not hanya_ditugaskan(user) or pengaduan_scope(user).exists()


@dataclass(frozen=True)
class AduanDaftar:
    filter: PengaduanFilter
    valid: bool
    halaman: Page
    hanya_tugas: bool
    hari_ini: dt.date


def pengaduan_list(user, params, *, nomor_halaman=None) -> AduanDaftar:
    hari_ini = timezone.localdate()
    tugas = hanya_ditugaskan(user)
    saring = PengaduanFilter(
        params, queryset=pengaduan_antrean(user, hari_ini=hari_ini), user=user, hari_ini=hari_ini, hanya_tugas=tugas
    )
    valid = saring.is_valid()
    qs = saring.qs if valid else saring.queryset.none()
    return AduanDaftar(
        filter=saring, valid=valid, halaman=halaman_get(qs, nomor_halaman), hanya_tugas=tugas, hari_ini=hari_ini
    )


# --- one case ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatasBaris:
    label: str
    tanggal: dt.date | None
    warna: str  # Bootstrap colour: success, warning, danger, secondary, light
    keterangan: str
    sisa: int | None = None  # working days left while it runs (negative: overdue)


def _batas_baris(label: str, tanggal, *, berjalan: bool, tercapai, hari_ini: dt.date, libur, kosong: str) -> BatasBaris:
    if tanggal is None:
        return BatasBaris(label, None, "light", kosong)
    if berjalan:
        sisa = hari_kerja_sisa(hari_ini, tanggal, libur)
        if sisa < 0:
            return BatasBaris(label, tanggal, "danger", f"Terlambat {-sisa} hari kerja", sisa)
        if sisa == 0:
            return BatasBaris(label, tanggal, "warning", "Batas terakhir hari ini", sisa)
        return BatasBaris(label, tanggal, "warning" if sisa == 1 else "success", f"{sisa} hari kerja lagi", sisa)
    if tercapai is not None:
        tgl = timezone.localdate(tercapai)
        if tgl <= tanggal:
            return BatasBaris(label, tanggal, "secondary", f"Tercapai {tgl:%d-%m-%Y}, tepat waktu")
        return BatasBaris(label, tanggal, "danger", f"Tercapai {tgl:%d-%m-%Y}, terlambat")
    return BatasBaris(label, tanggal, "light", "Tidak berlaku lagi")


def pengaduan_batas(p: Pengaduan, *, hari_ini: dt.date | None = None) -> list[BatasBaris]:
    """The three due dates of a case, each with its state today (one query for the holidays)."""
    hari_ini = hari_ini or timezone.localdate()
    tanggal = [d for d in (p.batas_verifikasi, p.batas_tanggapan, p.batas_selesai) if d] + [hari_ini]
    libur = libur_set(min(tanggal), max(tanggal))
    tahap = (
        ("Verifikasi", p.batas_verifikasi, (S.BARU,), p.terverifikasi_pada, ""),
        ("Tanggapan pertama", p.batas_tanggapan, (S.DIDISPOSISIKAN,), p.ditanggapi_pada, "Ditetapkan saat disposisi"),
        (
            "Penyelesaian",
            p.batas_selesai,
            (S.TERVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI),
            p.selesai_pada,
            "Ditetapkan saat verifikasi",
        ),
    )
    return [
        _batas_baris(
            label,
            batas,
            berjalan=p.status in berjalan,
            tercapai=tercapai,
            hari_ini=hari_ini,
            libur=libur,
            kosong=kosong,
        )
        for label, batas, berjalan, tercapai, kosong in tahap
    ]


@dataclass(frozen=True)
class AduanHalaman:
    pengaduan: Pengaduan
    riwayat: list[RiwayatPengaduan]
    bukti: list[BuktiPengaduan]
    bukti_tersembunyi: int  # the complainant's files this user may not open (anonim/rahasia)
    batas: list[BatasBaris]
    identitas_boleh: bool
    identitas: IdentitasPelapor | None  # shown now (a biasa case, or revealed on request)
    bisa_kelola: bool
    bisa_tanggapi: bool


def pengaduan_halaman(user, pengaduan: Pengaduan, *, buka_identitas: bool = False) -> AduanHalaman:
    """The case page for staff: every timeline entry, the evidence this user may open, the due
    dates. The identity of a biasa case is shown to whoever may see it; of an anonim/rahasia
    case only when asked for (`buka_identitas`). Each read is audited by identitas_lihat."""
    p = (
        Pengaduan.objects.select_related(
            "opd", "unit_tujuan", "petugas_tindak", "pegawai_terlapor", "diverifikasi_oleh__pegawai"
        )
        .filter(pk=pengaduan.pk)
        .get()
    )
    boleh = identitas_boleh(user, p)
    identitas = None
    if boleh and (p.privasi == Privasi.BIASA or buka_identitas):
        identitas = identitas_lihat(user, p)
    bukti = list(BuktiPengaduan.objects.filter(pengaduan_id=p.pk).order_by("created_at", "id"))
    terlihat = [b for b in bukti if boleh or not b.dari_pelapor or p.privasi == Privasi.BIASA]
    riwayat = list(
        RiwayatPengaduan.objects.filter(pengaduan_id=p.pk).select_related("oleh__pegawai").order_by("created_at", "id")
    )
    return AduanHalaman(
        pengaduan=p,
        riwayat=riwayat,
        bukti=terlihat,
        bukti_tersembunyi=len(bukti) - len(terlihat),
        batas=pengaduan_batas(p),
        identitas_boleh=boleh,
        identitas=identitas,
        bisa_kelola=may_kelola(user, p),
        bisa_tanggapi=may_tanggapi(user, p),
    )


# --- pegawai of the case's OPD (the terlapor and the responsible officer) -----------------------


def subpohon_q(unit: UnitKerja, prefix: str = "unit__") -> Q:
    """Pegawai working in `unit` or any unit below it (the tree is at most OPD > bidang > seksi)."""
    if unit.jenis == UnitKerja.Jenis.OPD:
        return Q(**{f"{prefix}opd_id": unit.pk})
    return (
        Q(**{f"{prefix}id": unit.pk}) | Q(**{f"{prefix}induk_id": unit.pk}) | Q(**{f"{prefix}induk__induk_id": unit.pk})
    )


def petugas_pilihan(unit: UnitKerja) -> QuerySet[Pegawai]:
    """Who may be made responsible for a case disposed to `unit`: active pegawai with an active
    account in the unit's subtree."""
    return Pegawai.objects.filter(subpohon_q(unit), aktif=True, user__isnull=False, user__is_active=True)


def pegawai_cari(pengaduan: Pengaduan, *, q: str, unit_id=None, batas: int = 15) -> list[dict]:
    """Up to `batas` active pegawai of the case's OPD (of `unit_id`'s subtree when given) whose
    NIP starts with, or name contains, `q`; never the pegawai the complaint is about."""
    qs = Pegawai.objects.filter(aktif=True, unit__opd_id=pengaduan.opd_id)
    if unit_id:
        ada = str(unit_id).isdigit() and len(str(unit_id)) < 19
        unit = UnitKerja.objects.filter(pk=unit_id, opd_id=pengaduan.opd_id).first() if ada else None
        if unit is None:
            return []
        qs = petugas_pilihan(unit)
    if pengaduan.pegawai_terlapor_id:
        qs = qs.exclude(pk=pengaduan.pegawai_terlapor_id)
    return pegawai_cari_baris(qs, q, batas=batas)


def pengaduan_beranda(user, *, hari_ini: dt.date | None = None) -> dict | None:
    """The home page's complaint card in one query: open cases in the user's scope, new ones
    waiting for verification, overdue ones, and those disposed to the user. None when the user
    has nothing to do with complaints (a plain pegawai with no case disposed to them)."""
    hari_ini = hari_ini or timezone.localdate()
    akses = akses_get(user)
    qs = pengaduan_scope(user).filter(status__in=STATUS_TERBUKA).annotate(batas_kini=batas_kini())
    hasil = qs.aggregate(
        terbuka=Count("id"),
        baru=Count("id", filter=Q(status=S.BARU)),
        terlambat=Count("id", filter=Q(batas_kini__lt=hari_ini)),
        saya=Count("id", filter=Q(petugas_tindak_id=akses.pegawai_id) if akses.pegawai_id else Q(pk__in=[])),
    )
    if hanya_ditugaskan(user) and not hasil["terbuka"]:
        return None
    return {**hasil, "hanya_tugas": hanya_ditugaskan(user)}
