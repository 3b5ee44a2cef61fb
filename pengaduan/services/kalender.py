"""The holiday calendar and the due dates computed from it.

Holidays come from the `holidays` package (Indonesia: national holidays and, as its
"government" category, cuti bersama), are stored in HariLibur and edited by Admin BKD. Filling
a year only adds missing dates: an edited or deleted entry stays as the admin left it.
"""

from __future__ import annotations

import datetime

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import AturanSla, HariLibur, PengaturanPengaduan
from ..rules import hari_kerja_antara, hari_kerja_tambah

# Enough calendar days to hold 60 working days plus every holiday between them.
_JENDELA_HARI = 200


def hari_libur_nasional(tahun: int) -> list[tuple[datetime.date, str, str]]:
    """(date, name, jenis) for one year from the `holidays` package, in Indonesian."""
    hasil = []
    for kategori, jenis in (("public", HariLibur.Jenis.NASIONAL), ("government", HariLibur.Jenis.CUTI_BERSAMA)):
        data = holidays.country_holidays("ID", years=[tahun], categories=(kategori,), language="id")
        for tanggal, nama in sorted(data.items()):
            hasil.append((tanggal, nama[:150], jenis))
    return hasil


@transaction.atomic
def hari_libur_isi_tahun(*, tahun: int) -> int:
    """Add the national holidays and cuti bersama of `tahun` that are not in the calendar yet.
    Idempotent; returns how many were added. Saturdays and Sundays are skipped (already off)."""
    ada = set(HariLibur.objects.filter(tanggal__year=tahun).values_list("tanggal", flat=True))
    baru = {}
    for tanggal, nama, jenis in hari_libur_nasional(tahun):
        if tanggal in ada or tanggal in baru or tanggal.weekday() >= 5:
            continue
        baru[tanggal] = HariLibur(tanggal=tanggal, nama=nama, jenis=jenis)
    HariLibur.objects.bulk_create(baru.values(), ignore_conflicts=True)
    return len(baru)


def libur_set(mulai: datetime.date, sampai: datetime.date) -> frozenset[datetime.date]:
    return frozenset(
        HariLibur.objects.filter(tanggal__gte=mulai, tanggal__lte=sampai).values_list("tanggal", flat=True)
    )


def batas_hitung(mulai: datetime.date, hari: int) -> datetime.date:
    """The `hari`-th working day after `mulai`, using the stored calendar."""
    libur = libur_set(mulai, mulai + datetime.timedelta(days=_JENDELA_HARI + hari * 2))
    return hari_kerja_tambah(mulai, hari, libur)


def hari_kerja_hitung(mulai: datetime.date, selesai: datetime.date) -> int:
    """Working days from `mulai` to `selesai` (exclusive, inclusive), using the stored calendar."""
    return hari_kerja_antara(mulai, selesai, libur_set(mulai, selesai))


# --- the calendar and the SLA settings, edited by Admin BKD -------------------------------------

PESAN_TANGGAL_ADA = "Tanggal ini sudah ada di kalender hari libur."
PESAN_AKHIR_PEKAN = "Sabtu dan Minggu sudah bukan hari kerja; tidak perlu dicatat sebagai hari libur."


def _hitung_ulang_setelah_commit() -> None:
    from ..tasks import batas_hitung_ulang_task

    transaction.on_commit(lambda: batas_hitung_ulang_task.delay())


@transaction.atomic
def hari_libur_simpan(*, tanggal: datetime.date, nama: str, jenis: str, libur: HariLibur | None = None) -> HariLibur:
    """Add a holiday, or change one (`libur`). Open cases' due dates are recomputed after commit."""
    if tanggal.weekday() >= 5:
        raise ValidationError({"tanggal": PESAN_AKHIR_PEKAN})
    lain = HariLibur.objects.filter(tanggal=tanggal)
    if libur is not None:
        lain = lain.exclude(pk=libur.pk)
    if lain.exists():
        raise ValidationError({"tanggal": PESAN_TANGGAL_ADA})
    libur = libur or HariLibur()
    libur.tanggal, libur.nama, libur.jenis = tanggal, (nama or "").strip(), jenis
    libur.full_clean()
    libur.save()
    _hitung_ulang_setelah_commit()
    return libur


@transaction.atomic
def hari_libur_hapus(*, libur: HariLibur) -> None:
    libur.delete()
    _hitung_ulang_setelah_commit()


@transaction.atomic
def hari_libur_isi(*, tahun: int) -> int:
    """Admin BKD's "fill from the national calendar" for one year (adds only missing dates)."""
    jumlah = hari_libur_isi_tahun(tahun=tahun)
    if jumlah:
        _hitung_ulang_setelah_commit()
    return jumlah


@transaction.atomic
def pengaturan_simpan(*, pengaturan: dict, sla: dict[str, dict]) -> None:
    """Save the settings row and the SLA rule of each class (`sla[kelas] = {field: value}`).
    Cases already received keep the due dates they were given (the rules when they arrived)."""
    obj = PengaturanPengaduan.get()
    for nama, nilai in pengaturan.items():
        setattr(obj, nama, nilai)
    obj.full_clean()
    obj.save()
    for aturan in AturanSla.objects.select_for_update().filter(kelas__in=list(sla)):
        for nama, nilai in sla[aturan.kelas].items():
            setattr(aturan, nama, nilai)
        aturan.full_clean()
        aturan.save()


def _lokal(waktu: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(waktu) if waktu else None


def batas_hitung_ulang() -> int:
    """Recompute the due dates of every open case from the dates recorded on it and the current
    calendar (after a holiday was added, changed or removed). One read, one bulk update of the
    rows whose dates changed; idempotent. Returns how many cases changed."""
    from ..models import STATUS_TERBUKA, Pengaduan

    sla = {a.kelas: a for a in AturanSla.objects.all()}
    baris = list(
        Pengaduan.objects.filter(status__in=STATUS_TERBUKA).only(
            "id",
            "kelas",
            "kompleksitas",
            "diterima_pada",
            "terverifikasi_pada",
            "didisposisikan_pada",
            "dibuka_kembali_pada",
            "batas_verifikasi",
            "batas_tanggapan",
            "batas_selesai",
        )
    )
    if not baris:
        return 0
    awal = min(_lokal(p.diterima_pada) for p in baris)
    libur = libur_set(awal, timezone.localdate() + datetime.timedelta(days=_JENDELA_HARI * 2))
    berubah = []
    for p in baris:
        aturan = sla.get(p.kelas)
        if aturan is None:
            continue
        baru = {"batas_verifikasi": hari_kerja_tambah(_lokal(p.diterima_pada), aturan.hari_verifikasi, libur)}
        if p.didisposisikan_pada:
            baru["batas_tanggapan"] = hari_kerja_tambah(_lokal(p.didisposisikan_pada), aturan.hari_tanggapan, libur)
        if p.dibuka_kembali_pada:
            baru["batas_selesai"] = hari_kerja_tambah(_lokal(p.dibuka_kembali_pada), aturan.hari_tanggapan, libur)
        elif p.terverifikasi_pada and p.kompleksitas:
            baru["batas_selesai"] = hari_kerja_tambah(
                _lokal(p.terverifikasi_pada), aturan.hari_selesai(p.kompleksitas), libur
            )
        if any(getattr(p, k) != v for k, v in baru.items()):
            for k, v in baru.items():
                setattr(p, k, v)
            berubah.append(p)
    Pengaduan.objects.bulk_update(berubah, ["batas_verifikasi", "batas_tanggapan", "batas_selesai"], batch_size=1000)
    return len(berubah)
