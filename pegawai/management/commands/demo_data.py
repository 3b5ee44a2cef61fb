"""`manage.py demo_data`: load the demo Pemda (idempotent) and print the demo logins."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pegawai.demo import DEMO_URL, demo_muat
from pengaduan.demo import DEMO_LACAK


class Command(BaseCommand):
    help = "Memuat data demo Pemerintah Kota Sukamaju (aman dijalankan berulang kali) dan mencetak akun demo."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Jangan cetak tabel akun demo.")
        parser.add_argument(
            "--paksa", action="store_true", help="Jalankan juga bila DEBUG=0 (misalnya server demo, bukan produksi)."
        )

    def handle(self, *args, quiet=False, paksa=False, **options):
        if not settings.DEBUG and not paksa:
            # The demo logins have a published password and include an Admin BKD.
            raise CommandError(
                "demo_data membuat akun dengan kata sandi yang diketahui umum (termasuk Admin BKD) "
                "dan hanya untuk pengembangan (DEBUG=1). Tambahkan --paksa bila ini memang server demo."
            )
        mulai = time.perf_counter()
        hasil = demo_muat()
        detik = time.perf_counter() - mulai
        if quiet:
            return
        ringkas = lambda kamus: ", ".join(f"{v} {k}" for k, v in sorted(kamus.items())) or "tidak ada"  # noqa: E731
        self.stdout.write(f"Data demo dimuat dalam {detik:.1f} detik.")
        self.stdout.write(f"  Dibuat: {ringkas(hasil.dibuat)}.")
        self.stdout.write(f"  Diubah: {ringkas(hasil.diubah)}.")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Akun demo (masuk dengan NIP):"))
        baris = [("Peran", "NIP", "Kata sandi", "Nama")]
        baris += [(login.label, login.nip, login.rahasia, login.nama) for login in hasil.login]
        lebar = [max(len(b[i]) for b in baris) for i in range(3)]
        for i, (peran, nip, rahasia, nama) in enumerate(baris):
            self.stdout.write(f"  {peran:<{lebar[0]}}  {nip:<{lebar[1]}}  {rahasia:<{lebar[2]}}  {nama}")
            if i == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in lebar) + "  " + "-" * 4)
        self.stdout.write("")
        self.stdout.write(
            "Akun 'Pegawai baru' belum punya kata sandi: masuk dengan NIP dan kode aktivasi di atas,\n"
            "lalu sistem meminta kata sandi baru. Menjalankan demo_data lagi mengembalikan akun demo\n"
            "ke keadaan ini. Pegawai lain belum bisa masuk sampai Admin membuatkan kode aktivasi."
        )
        kode, kunci = DEMO_LACAK
        self.stdout.write(
            f"Layanan publik (tanpa login): {DEMO_URL}/layanan/ . Pengaduan demo yang selesai dapat\n"
            f"dilacak, dinilai atau dibuka kembali dengan kode {kode} dan kunci {kunci}."
        )
        self.stdout.write(f"Buka {DEMO_URL}")
