"""Benchmark of the employee import: 10,000 rows, then re-imports.

Run it on a SCRATCH database only: it creates units, positions, employees and accounts.

    .venv/bin/python bench/impor.py                 # its own SQLite file, deleted afterwards
    .venv/bin/python bench/impor.py --pg            # PostgreSQL database bench_asn_impor (created, then dropped)
    DATABASE_URL=postgresql://... .venv/bin/python bench/impor.py   # an existing, empty scratch database
    .venv/bin/python bench/impor.py --rows 20000

`--pg` connects as postgres@127.0.0.1:5432 and creates the database `bench_asn_impor` (override
with --pg-url; its own name, so it never touches a database another benchmark is using), then
drops it at the end (unless --keep). It refuses to start if that database already exists. With
DATABASE_URL the script refuses to run on a database that already holds employees.

Printed per run: wall time, number of SQL queries, and at the end the peak Python allocation
(tracemalloc, measured in a separate re-import because tracing slows Python down) and the
process peak resident memory (getrusage maxrss).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgresql://postgres@127.0.0.1:5432/bench_asn_impor"


def _args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000, help="employee rows in the workbook (default 10000)")
    ap.add_argument("--pg", action="store_true", help="use a new scratch PostgreSQL database (bench_asn_impor)")
    ap.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL URL for --pg (default {PG_URL})")
    ap.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    return ap.parse_args()


def _pg_db(url: str, *, buat: bool) -> bool:
    """Create the scratch PostgreSQL database (False if it already exists), or drop it."""
    import psycopg
    from psycopg import sql

    basis, _, nama = url.rpartition("/")
    with psycopg.connect(f"{basis}/postgres", autocommit=True) as conn:
        if buat:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama]).fetchone():
                return False
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nama)))
        else:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(nama)))
    return True


def _nip(i: int) -> str:
    lahir = datetime.date(1960, 1, 1) + datetime.timedelta(days=i)  # unique per row for < 20,000 rows
    return f"{lahir:%Y%m%d}{lahir.year + 25:04d}{1 + i % 12:02d}{1 + i % 2}{i % 999 + 1:03d}"


def _workbook(rows: int, *, opd: list[str], bidang: dict[str, list[str]], telepon: str = "") -> bytes:
    """Pegawai sheet: each OPD head, each Bidang head under them, staff under the Bidang heads."""
    from openpyxl import Workbook

    from pegawai.impor.kolom import PEGAWAI

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pegawai")
    ws.append(list(PEGAWAI.nama_kolom))
    i = 0

    def baris(nip, nama, unit, jabatan, atasan, golongan):
        return [nip, nama, "", "S.E.", "PNS", golongan, unit, jabatan, atasan, f"p{nip}@contoh.go.id", telepon]

    kepala = {}
    for kode in opd:
        kepala[kode] = _nip(i)
        ws.append(baris(_nip(i), f"Kepala {kode}", kode, "BENCH-JPT", "", "IV/c"))
        i += 1
    kabid = []
    for kode_opd, daftar in bidang.items():
        for kode in daftar:
            kabid.append((kode, _nip(i)))
            ws.append(baris(_nip(i), f"Kabid {kode}", kode, "BENCH-ADM", kepala[kode_opd], "IV/a"))
            i += 1
    while i < rows:
        unit, atasan = kabid[i % len(kabid)]
        ws.append(baris(_nip(i), f"Pegawai Bench {i}", unit, "BENCH-PL", atasan, "III/a"))
        i += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> int:
    args = _args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_kinerja.settings")
    tmp = Path(tempfile.mkdtemp(prefix="bench-impor-"))
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    if args.pg:
        if not _pg_db(args.pg_url, buat=True):
            print(f"Basis data {args.pg_url} sudah ada: hapus dulu atau pilih --pg-url lain.", file=sys.stderr)
            return 2
        os.environ["DATABASE_URL"] = args.pg_url
    elif not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["IMPOR_MAKS_BARIS"] = str(max(args.rows, 20_000))
    try:
        return _jalankan(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.pg and not args.keep:
            _pg_db(args.pg_url, buat=False)
        shutil.rmtree(tmp, ignore_errors=True)


def _jalankan(args) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pegawai.impor import impor_pegawai_proses, impor_periksa_berkas
    from pegawai.models import ImporPegawai, Jabatan, Pegawai, PeranPengguna, UnitKerja
    from pegawai.services import User

    db = settings.DATABASES["default"]
    print(f"Basis data: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}")
    call_command("migrate", verbosity=0)
    if Pegawai.objects.exists():
        print("Basis data ini sudah berisi pegawai: jalankan benchmark pada basis data kosong.", file=sys.stderr)
        return 2

    # A fresh tree: Pemda, 20 OPD, 5 Bidang each; three positions.
    pemda = UnitKerja.objects.create(kode="BENCH", nama="Pemda Bench", jenis="pemda")
    opd, bidang = [], {}
    for o in range(20):
        u = UnitKerja.objects.create(kode=f"BENCH-O{o}", nama=f"Dinas {o}", jenis="opd", induk=pemda)
        u.opd = u
        u.save(update_fields=["opd"])
        opd.append(u.kode)
        bidang[u.kode] = []
        for b in range(5):
            UnitKerja.objects.create(kode=f"{u.kode}-B{b}", nama=f"Bidang {o}.{b}", jenis="bidang", induk=u, opd=u)
            bidang[u.kode].append(f"{u.kode}-B{b}")
    Jabatan.objects.create(kode="BENCH-JPT", nama="Kepala Dinas", jenis="jpt", jenjang="pratama")
    Jabatan.objects.create(kode="BENCH-ADM", nama="Kepala Bidang", jenis="administrator")
    Jabatan.objects.create(kode="BENCH-PL", nama="Pelaksana", jenis="pelaksana")
    admin = User.objects.create_user(username="bench-admin", password=None)
    PeranPengguna.objects.create(user=admin, peran=PeranPengguna.Peran.ADMIN_BKD)

    t = time.perf_counter()
    isi = _workbook(args.rows, opd=opd, bidang=bidang)
    print(f"Workbook {args.rows:,} baris dibuat: {len(isi) / 1e6:.1f} MB dalam {time.perf_counter() - t:.1f} s")

    def impor(judul: str, data: bytes, *, lacak: bool = False) -> ImporPegawai:
        berkas = ContentFile(data, name="bench.xlsx")
        t = time.perf_counter()
        impor_periksa_berkas(berkas)
        periksa = time.perf_counter() - t
        job = ImporPegawai(dibuat_oleh=admin, nama_berkas="bench.xlsx", total_baris=args.rows)
        job.berkas.save("bench.xlsx", ContentFile(data), save=True)
        if lacak:
            tracemalloc.start()
        with CaptureQueriesContext(connection) as q:
            t, cpu_awal = time.perf_counter(), time.process_time()
            impor_pegawai_proses(impor_id=job.pk)
            lama = time.perf_counter() - t
        puncak = tracemalloc.get_traced_memory()[1] if lacak else None
        if lacak:
            tracemalloc.stop()
        job.refresh_from_db()
        keterangan = f", puncak tracemalloc {puncak / 1e6:.0f} MB" if puncak else ""
        cpu = time.process_time() - cpu_awal
        print(
            f"{judul:<34} {lama:6.2f} s (CPU {cpu:5.2f} s)  {len(q.captured_queries):5d} kueri  "
            f"(pemeriksaan unggahan {periksa:.2f} s) -> {job.status}: baru {job.jumlah_baru:,}, "
            f"diubah {job.jumlah_diubah:,}{keterangan}"
        )
        if job.status != ImporPegawai.Status.BERHASIL:
            print(job.pesan, job.galat[:5], file=sys.stderr)
        return job

    impor("Impor pertama (semua baru)", isi)
    impor("Impor ulang (berkas sama)", isi)
    impor("Impor ulang (semua baris berubah)", _workbook(args.rows, opd=opd, bidang=bidang, telepon="0811"))
    impor(
        "Pengukuran memori (tracemalloc)",
        _workbook(args.rows, opd=opd, bidang=bidang, telepon="0812"),
        lacak=True,
    )
    print(f"Pegawai: {Pegawai.objects.count():,}; akun: {User.objects.count():,}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"Puncak memori proses (maxrss): {maxrss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
