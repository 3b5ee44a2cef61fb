"""Seed data: the SLA limits per class (DOMAIN.md: 3, 5, 5/14/60 working days), the settings
row, and the holiday calendar for the current and the next year."""

import datetime

from django.db import migrations

KELAS = ("pengaduan", "aspirasi", "informasi")


def seed(apps, schema_editor):
    """Idempotent: the browser tests call it again after a flush wipes migration data."""
    from pengaduan.services.kalender import hari_libur_nasional

    AturanSla = apps.get_model("pengaduan", "AturanSla")
    PengaturanPengaduan = apps.get_model("pengaduan", "PengaturanPengaduan")
    HariLibur = apps.get_model("pengaduan", "HariLibur")
    for kelas in KELAS:
        AturanSla.objects.get_or_create(kelas=kelas)
    PengaturanPengaduan.objects.get_or_create(pk=1)
    tahun = datetime.date.today().year
    ada = set(HariLibur.objects.filter(tanggal__year__in=[tahun, tahun + 1]).values_list("tanggal", flat=True))
    baru = {}
    for t in (tahun, tahun + 1):
        for tanggal, nama, jenis in hari_libur_nasional(t):
            if tanggal not in ada and tanggal not in baru and tanggal.weekday() < 5:
                baru[tanggal] = HariLibur(tanggal=tanggal, nama=nama, jenis=jenis)
    HariLibur.objects.bulk_create(baru.values(), ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("pengaduan", "0001_awal")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
