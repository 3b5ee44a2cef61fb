"""`manage.py kompetensi_seed`: load the shipped competency dictionary (idempotent)."""

from django.core.management.base import BaseCommand

from kompetensi.services import kompetensi_seed_load

LABEL = {
    "kompetensi_dibuat": "kompetensi dibuat",
    "kompetensi_diubah": "kompetensi diperbarui",
    "level_dibuat": "level dibuat",
    "level_diubah": "level diperbarui",
    "indikator_dibuat": "indikator perilaku dibuat",
    "indikator_dihapus": "indikator perilaku dihapus",
    "standar_bawaan_dibuat": "standar level bawaan dibuat",
    "standar_teknis_dibuat": "standar kompetensi teknis jabatan dibuat",
    "program_dibuat": "program pengembangan dibuat",
}


class Command(BaseCommand):
    help = (
        "Memuat kamus kompetensi bawaan (8 manajerial, Perekat Bangsa, contoh teknis), standar level "
        "bawaan per jenis jabatan, standar teknis jabatan contoh, dan katalog program pengembangan. "
        "Aman dijalankan berulang kali."
    )

    def handle(self, *args, **options):
        hitung = kompetensi_seed_load()
        for kunci, label in LABEL.items():
            self.stdout.write(f"  {label}: {hitung[kunci]}")
        if not any(hitung.values()):
            self.stdout.write("Kamus kompetensi sudah sesuai data bawaan; tidak ada yang diubah.")
        else:
            self.stdout.write(self.style.SUCCESS("Kamus kompetensi bawaan dimuat."))
