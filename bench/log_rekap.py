"""Daily-log monthly recap benchmark: N employees x 22 working days of entries, then the recap
(evaluasi:log-rekap) and its Excel export (evaluasi:log-rekap-export) for the whole Pemda.

    .venv/bin/python -m bench.log_rekap                          # SQLite file under bench/out/, 10,000 employees
    .venv/bin/python -m bench.log_rekap --pg --ukuran 10000      # PostgreSQL database bench_log
    .venv/bin/python -m bench.log_rekap --pg --ukuran 1000,10000 --ulang 7

For each size it:
1. fills a scratch database with `bench.generate` (N employees, their units and accounts) and
   writes, with `bulk_create`, last month's log: every employee, the first 22 working days, two
   entries a day (about 330 to 430 minutes), mostly approved; on purpose one employee in ten
   has a day under the daily minimum, one in twenty a day still waiting for review, one in fifty
   a day returned for revision and one in a hundred a rejected entry (so every branch of the
   recap statement counts something); then ANALYZE;
2. in a child process (so its peak RSS is the recap's, not the data generation's), signed in as
   an Admin BKD without an employee record (scope: all N), requests through Django's test
   Client with DEBUG=0, as production runs it: the recap's first page (by unit and name), the
   first page ordered by attainment (the whole Pemda aggregated, then sorted), the last page,
   and the Excel export of the whole Pemda; then the same first page and export as the Sekda
   (the top of the hierarchy: every employee below them). For each: median, min and max of
   --ulang requests, the time spent waiting for SQL and this process's CPU time (on a shared
   machine the wall time is inflated by other processes; these two are not), number of
   queries, response size, and the peak Python allocation of one more request (tracemalloc; a
   separate run, since tracing slows Python);
3. checks the recap rows of a random sample of employees against a plain ORM computation, and
   that the export holds one row per employee;
4. writes the query plans of the page and export statements (EXPLAIN ANALYZE on PostgreSQL,
   EXPLAIN QUERY PLAN on SQLite) to bench/out/, and prints the machine (CPUs, database
   version, Python, Django, openpyxl, lxml) and the child's peak RSS.

Results are also written to bench/out/log_rekap-<sqlite|postgresql>.json. `--pg` connects as
postgres@127.0.0.1:5432 and (re)creates the database bench_log, dropping it at the end unless
--simpan-db; `--pakai-ulang` reuses a kept database when it holds exactly N employees.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc

from bench._umum import OUT, BasisBench, anak_json, ms, statistik_segarkan

DB = BasisBench(pg="bench_log", sqlite="log_rekap.sqlite3")
HARI_KERJA = 22
BATCH = 5000
USERNAME_BKD = "bench-admin-bkd-log"


# --------------------------------------------------------------------------- database and settings


# ------------------------------------------------------------------------------------ the data


def bulan_bench() -> dt.date:
    """Last month (its entries are in the past, as a recap's are)."""
    from django.utils import timezone

    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def hari_kerja(bulan: dt.date, jumlah: int = HARI_KERJA) -> list[dt.date]:
    """The first `jumlah` weekdays of the month (Saturdays too if a month has fewer)."""
    hari, akhir = [], (bulan.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    d = bulan
    while d < akhir:
        if d.weekday() < 5:
            hari.append(d)
        d += dt.timedelta(days=1)
    d = bulan
    while len(hari) < jumlah and d < akhir:
        if d.weekday() == 5:
            hari.append(d)
        d += dt.timedelta(days=1)
    return sorted(hari)[:jumlah]


def log_bangun(bulan: dt.date) -> dict:
    """Two entries per employee per working day, written with bulk_create in batches."""
    from django.db import transaction

    from evaluasi.models import LogHarian
    from pegawai.models import Pegawai

    s = LogHarian.Status
    hari = hari_kerja(bulan)
    ids = list(Pegawai.objects.order_by("id").values_list("id", flat=True))
    mulai = time.perf_counter()
    jumlah = 0
    with transaction.atomic():
        baris: list = []
        for i, pid in enumerate(ids):
            for d, tanggal in enumerate(hari):
                satu = 180 + (i % 7) * 10
                dua = 150 + (d % 5) * 10
                status1 = status2 = s.DISETUJUI
                if i % 20 == 5 and d == len(hari) - 1:
                    status1 = status2 = s.BELUM_DIPERIKSA
                if i % 50 == 7 and d == 1:
                    status1 = s.REVISI
                if i % 100 == 9 and d == 2:
                    status2 = s.DITOLAK
                baris.append(
                    LogHarian(pegawai_id=pid, tanggal=tanggal, uraian="Menyusun laporan", menit=satu, status=status1)
                )
                if not (i % 10 == 3 and d == 0):  # a day under the minimum
                    baris.append(
                        LogHarian(pegawai_id=pid, tanggal=tanggal, uraian="Rapat koordinasi", menit=dua, status=status2)
                    )
            if len(baris) >= BATCH:
                LogHarian.objects.bulk_create(baris, batch_size=BATCH)
                jumlah += len(baris)
                baris = []
        LogHarian.objects.bulk_create(baris, batch_size=BATCH)
        jumlah += len(baris)
    return {"log": jumlah, "hari": len(hari), "detik": round(time.perf_counter() - mulai, 1)}


def akun_bkd():
    """An Admin BKD account with no employee record: the recap covers exactly the N employees."""
    from django.contrib.auth import get_user_model

    from bench.generate import PASSWORD_TIDAK_BISA_DIPAKAI
    from pegawai.models import PeranPengguna

    user, _ = get_user_model().objects.get_or_create(
        username=USERNAME_BKD, defaults={"password": PASSWORD_TIDAK_BISA_DIPAKAI}
    )
    PeranPengguna.objects.get_or_create(user=user, peran=PeranPengguna.Peran.ADMIN_BKD)
    return user


# ------------------------------------------------------------------------------- measuring (child)


def _permintaan(client, url: str, ulang: int) -> dict:
    from bench.kompetensi import Ukur

    waktu, cpu, sql = [], [], []
    for _ in range(ulang):
        cpu_mulai = time.process_time()
        with Ukur() as u:
            resp = client.get(url)
        cpu.append(time.process_time() - cpu_mulai)
        if resp.status_code != 200:
            raise SystemExit(f"{url}: HTTP {resp.status_code}")
        waktu.append(u.detik)
        sql.append(sum(float(q["time"]) for q in u.queries))
    isi = resp.content
    tracemalloc.start()
    try:
        client.get(url)
        puncak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    return {
        "median_ms": ms(statistics.median(waktu)),
        "min_ms": ms(min(waktu)),
        "max_ms": ms(max(waktu)),
        # This process's CPU time (Python: view, template, openpyxl) and the time spent waiting
        # for SQL: on a shared machine the wall time above is inflated by other processes.
        "cpu_ms": ms(statistics.median(cpu)),
        "sql_ms": ms(statistics.median(sql)),
        "queries": u.jumlah,
        "bytes": len(isi),
        "tracemalloc_mb": round(puncak, 2),
        "rincian": [f"{float(q['time']) * 1000:.0f} ms  {' '.join(q['sql'].split())[:100]}" for q in u.queries],
        "_isi": isi,
    }


def _rencana(bulan: dt.date, n: int) -> str:
    """Query plans of the page and export statements, to bench/out/."""
    from django.db import connection

    from evaluasi.models import PengaturanKinerja
    from evaluasi.selectors.log import _rekap_sql
    from pegawai.models import Pegawai

    minimum = PengaturanKinerja.get().log_menit_min_harian
    qs = Pegawai.objects.filter(aktif=True).order_by("unit__kode", "nama", "id")
    pg = connection.vendor == "postgresql"
    perintah = "EXPLAIN (ANALYZE, BUFFERS) " if pg else "EXPLAIN QUERY PLAN "
    teks = []
    for nama, batas in (("halaman pertama", 25), ("ekspor", None)):
        sql, params = _rekap_sql(qs, bulan=bulan, minimum=minimum, urut="unit", batas=batas, mulai=0)
        with connection.cursor() as cur:
            cur.execute(perintah + sql, params)
            teks.append(f"-- {nama}\n" + "\n".join(" | ".join(str(x) for x in r) for r in cur.fetchall()))
    berkas = OUT / f"log_rekap-rencana-{connection.vendor}-{n}.txt"
    berkas.write_text("\n\n".join(teks))
    return str(berkas.relative_to(OUT.parent.parent))


def periksa_sampel(bulan: dt.date, rnd: random.Random, jumlah: int = 25) -> int:
    """The recap rows of a random sample against a plain ORM computation."""
    from collections import defaultdict

    from evaluasi.models import LogHarian, PengaturanKinerja
    from evaluasi.selectors.log import bulan_akhir, log_rekap_baris
    from pegawai.models import Pegawai

    pengaturan = PengaturanKinerja.get()
    ids = list(Pegawai.objects.filter(aktif=True).values_list("id", flat=True))
    sampel = rnd.sample(ids, min(jumlah, len(ids)))
    baris = {
        b.pegawai_id: b
        for b in log_rekap_baris(Pegawai.objects.filter(pk__in=sampel), bulan=bulan, pengaturan=pengaturan)
    }
    for pid in sampel:
        menit = defaultdict(int)
        per_hari = defaultdict(int)
        for tanggal, status, m in LogHarian.objects.filter(
            pegawai_id=pid, tanggal__range=(bulan, bulan_akhir(bulan))
        ).values_list("tanggal", "status", "menit"):
            menit[status] += m
            if status != "ditolak":
                per_hari[tanggal] += m
        harapan = (
            menit["disetujui"],
            menit["belum"],
            menit["revisi"],
            menit["ditolak"],
            len([t for t in per_hari.values() if t > 0]),
            len([t for t in per_hari.values() if 0 < t < pengaturan.log_menit_min_harian]),
        )
        b = baris[pid]
        dapat = (b.disetujui, b.belum, b.revisi, b.ditolak, b.hari_terisi, b.hari_kurang)
        if dapat != harapan:
            raise SystemExit(f"pegawai {pid}: rekap {dapat}, harapan {harapan}")
    return len(sampel)


def ukur(bulan: dt.date, ulang: int, seed: int) -> dict:
    """Child process: every measurement of step 2 to 4 on the kept database."""
    import django

    django.setup()
    from io import BytesIO

    import openpyxl
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from pegawai.models import Pegawai

    n = Pegawai.objects.filter(aktif=True).count()
    halaman_akhir = max(1, -(-n // 25))
    b = f"{bulan:%Y-%m}"
    rekap, unduh = reverse("evaluasi:log-rekap"), reverse("evaluasi:log-rekap-export")
    bkd = Client()
    bkd.force_login(akun_bkd())
    sekda = Pegawai.objects.filter(atasan__isnull=True, aktif=True, user__isnull=False).order_by("id").first()
    klien_sekda = Client()
    klien_sekda.force_login(sekda.user)
    variasi = {
        "halaman pertama (BKD)": (bkd, f"{rekap}?bulan={b}"),
        "urut capaian (BKD)": (bkd, f"{rekap}?bulan={b}&urut=capaian"),
        f"halaman {halaman_akhir} (BKD)": (bkd, f"{rekap}?bulan={b}&page={halaman_akhir}"),
        "ekspor Excel (BKD)": (bkd, f"{unduh}?bulan={b}"),
        "halaman pertama (Sekda)": (klien_sekda, f"{rekap}?bulan={b}"),
        "ekspor Excel (Sekda)": (klien_sekda, f"{unduh}?bulan={b}"),
    }
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    hasil: dict = {"pegawai": n, "ulang": ulang, "permintaan": {}}
    with override_settings(STORAGES=storages):
        for nama, (klien, url) in variasi.items():
            h = _permintaan(klien, url, ulang)
            isi = h.pop("_isi")
            if nama.startswith("ekspor"):
                wb = openpyxl.load_workbook(BytesIO(isi), read_only=True)
                h["baris_excel"] = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True)) - 1
                wb.close()
            hasil["permintaan"][nama] = h
    if hasil["permintaan"]["ekspor Excel (BKD)"]["baris_excel"] != n:
        raise SystemExit("ekspor BKD tidak berisi satu baris per pegawai")
    hasil["sampel_cocok"] = periksa_sampel(bulan, random.Random(seed))
    hasil["rencana"] = _rencana(bulan, n)
    hasil["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    hasil["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return hasil


def ukur_anak(bulan: dt.date, ulang: int, seed: int) -> dict:
    return anak_json(
        "bench.log_rekap",
        *("--ukur", f"{bulan:%Y-%m}", "--ulang", str(ulang), "--seed", str(seed)),
        gagal="Pengukuran gagal",
    )


# ------------------------------------------------------------------------------------------ main


def jalankan_satu(n: int, ulang: int, seed: int, pakai_ulang: bool) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import generate
    from evaluasi.models import LogHarian
    from pegawai.models import Pegawai

    vendor = connection.vendor
    bulan = bulan_bench()
    baris: dict = {"ukuran": n, "vendor": vendor, "bulan": f"{bulan:%Y-%m}"}
    if pakai_ulang and Pegawai.objects.count() == n and LogHarian.objects.filter(tanggal__gte=bulan).exists():
        baris["generate"] = baris["log"] = "dipakai ulang"
        print(f"{vendor:10} {n:>7,} pegawai dan log dipakai ulang", flush=True)
    else:
        if Pegawai.objects.exists():
            call_command("flush", verbosity=0, interactive=False)
        baris["generate"] = generate(n)
        baris["log"] = log_bangun(bulan)
        print(
            f"{vendor:10} {n:>7,} log ditulis         {baris['log']['log']:,} baris "
            f"({baris['log']['hari']} hari kerja, bulk_create) dalam {baris['log']['detik']} detik",
            flush=True,
        )
    akun_bkd()
    statistik_segarkan()
    u = ukur_anak(bulan, ulang, seed)
    baris["ukur"] = u
    for nama, h in u["permintaan"].items():
        tambahan = f"; {h['baris_excel']:,} baris, {h['bytes'] / 1e6:.2f} MB xlsx" if "baris_excel" in h else ""
        print(
            f"{vendor:10} {n:>7,} {nama:26} {h['median_ms']:>9.1f} ms  {h['queries']:>2} query  "
            f"(SQL {h['sql_ms']:.0f} ms, CPU Python {h['cpu_ms']:.0f} ms; median {u['ulang']}x, min {h['min_ms']}, "
            f"max {h['max_ms']}; tracemalloc {h['tracemalloc_mb']:.1f} MB{tambahan})",
            flush=True,
        )
    print(
        f"{vendor:10} {n:>7,} sampel cocok dengan hitungan ORM: {u['sampel_cocok']} pegawai; "
        f"RSS puncak proses pengukuran {u['maxrss_mb']} MB; load {u['load_average']}; rencana query: {u['rencana']}",
        flush=True,
    )
    return baris


def jalankan(ukuran: list[int], ulang: int, seed: int, pakai_ulang: bool) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from bench.kompetensi import mesin

    call_command("migrate", verbosity=0, interactive=False)
    info = mesin()
    print(
        f"Mesin: {info['cpu_count']} CPU ({info['cpu']}), {info['db']}, Python {info['python']}, "
        f"Django {info['django']}, openpyxl {info['openpyxl']}, lxml {info['lxml'] or 'tidak terpasang'}, "
        f"load {info['load_average']}",
        flush=True,
    )
    hasil = [jalankan_satu(n, ulang, seed, pakai_ulang) for n in ukuran]
    return {"mesin": info, "hasil": hasil}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark rekap log aktivitas harian bulanan.")
    parser.add_argument("--pg", action="store_true", help=f"PostgreSQL ({DB.pg_url}) alih-alih SQLite")
    parser.add_argument("--ukuran", default="10000", help="jumlah pegawai, dipisah koma (default 10000)")
    parser.add_argument("--ulang", type=int, default=5, help="jumlah permintaan terukur per variasi (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--simpan-db", action="store_true", help="jangan hapus basis data benchmark di akhir")
    parser.add_argument("--pakai-ulang", action="store_true", help="pakai basis data yang disimpan bila ada")
    # Internal: the measuring child process (database and settings inherited from the parent).
    parser.add_argument("--ukur", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ukur:
        if os.environ.get("DATABASE_URL") not in (DB.url(True), DB.url(False)):
            parser.error("--ukur hanya untuk proses anak benchmark ini")
        bulan = dt.date.fromisoformat(f"{args.ukur}-01")
        print(json.dumps(ukur(bulan, max(1, args.ulang), args.seed), default=str))
        return
    ukuran = [int(u) for u in args.ukuran.split(",") if u.strip()]
    if not ukuran or min(ukuran) < 10:
        parser.error("--ukuran harus >= 10")
    with DB.dipakai(args.pg, pakai_ulang=args.pakai_ulang, simpan=args.simpan_db):
        hasil = jalankan(ukuran, max(1, args.ulang), args.seed, args.pakai_ulang)
    keluaran = OUT / f"log_rekap-{'postgresql' if args.pg else 'sqlite'}.json"
    keluaran.write_text(json.dumps(hasil, indent=2, default=str))
    print(f"Hasil lengkap: {keluaran}", file=sys.stderr)


if __name__ == "__main__":
    main()
