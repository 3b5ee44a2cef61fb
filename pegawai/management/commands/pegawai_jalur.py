from django.core.management.base import BaseCommand
from django.db import transaction

from pegawai.hierarki import jalur_hitung_ulang


class Command(BaseCommand):
    help = "Hitung ulang jalur atasan (rantai atasan) semua pegawai dari data atasan langsung."

    def handle(self, *args, **options):
        with transaction.atomic():
            n = jalur_hitung_ulang()
        self.stdout.write(f"{n} jalur pegawai diperbarui.")
