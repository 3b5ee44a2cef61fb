"""Directory benchmark: queries and server time of `pegawai:pegawai-list` at 100 / 10,000 / 100,000.

    .venv/bin/python -m bench.direktori                 # SQLite file under bench/out/
    .venv/bin/python -m bench.direktori --pg            # PostgreSQL database bench_asn (created, then dropped)
    .venv/bin/python -m bench.direktori --ukuran 100,10000 --ulang 20

For each size it fills a scratch database with bench.generate, signs in an Admin BKD (the widest
scope) with Django's test Client, and requests the directory four ways: the first page, a name
search (?q=), a unit filter (?unit=<a bidang>) and page 50. For each it prints the number of
queries (CaptureQueriesContext) and the median and 90th-percentile time over --ulang requests,
measured around the full request in-process (middleware, view, template; no network). The app
runs with DEBUG=0 (as in production) but with plain static storage so no collectstatic is needed.
Results are also written to bench/out/direktori-<sqlite|postgresql>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from bench._umum import OUT, BasisBench, waktu_ms

DB = BasisBench(pg="bench_asn", sqlite="direktori.sqlite3")


def _ukur(client, url: str, params: dict, ulang: int, user) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: template and query caches, connection
        r = client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, params)
    queries = list(ctx.captured_queries)  # copy now: the next request clears the log
    if r.status_code != 200:
        raise SystemExit(f"{url} {params} menjawab {r.status_code}: {r.content[:200]!r}")
    waktu = waktu_ms(client, url, params, ulang)
    lambat = max(queries, key=lambda q: float(q.get("time") or 0))
    return {
        "params": params,
        "queries": len(queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "median_ms": round(statistics.median(waktu), 1),
        "p90_ms": round(waktu[int(len(waktu) * 0.9) - 1], 1),
        "baris": _jumlah_baris(user, params) if user is not None else 0,
        "sql": [f"{q['time']}s {q['sql']}" for q in queries],
        "terlambat": lambat["sql"][:300],
    }


def _jumlah_baris(user, params: dict) -> int:
    """Rows the filter matches (outside the timed requests)."""
    from django.http import QueryDict

    from pegawai.selectors import pegawai_list

    data = QueryDict(mutable=True)
    data.update({k: str(v) for k, v in params.items() if k != "page"})
    filterset = pegawai_list(user=user, data=data)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.count()


def jalankan(ukuran: list[int], ulang: int, pg: bool) -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from bench.generate import admin_bkd_buat, generate
    from pegawai.models import Pegawai, UnitKerja

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    hasil = []
    with override_settings(STORAGES=storages):
        call_command("migrate", verbosity=0, interactive=False)
        url = reverse("pegawai:pegawai-list")
        for i, n in enumerate(ukuran):
            if i:
                call_command("flush", verbosity=0, interactive=False)
            gen = generate(n)
            if connection.vendor == "postgresql":
                with connection.cursor() as cur:
                    cur.execute("VACUUM ANALYZE")
            admin = admin_bkd_buat()
            client = Client()
            client.force_login(admin.user)
            bidang = UnitKerja.objects.filter(jenis="bidang").order_by("kode").first()
            nama_umum = Pegawai.objects.order_by("id").values_list("nama", flat=True)[n // 2].split()[-1]
            halaman = min(50, max(1, -(-n // 25)))
            variasi = {
                "daftar": {},
                "cari": {"q": nama_umum},
                "unit": {"unit": bidang.pk},
                f"halaman {halaman}": {"page": halaman},
            }
            # The worst atasan: the Sekda, with every employee of the Pemda below them.
            sekda = (
                Pegawai.objects.filter(atasan__isnull=True, user__isnull=False)
                .exclude(pk=admin.pk)
                .order_by("id")
                .first()
            )
            client_sekda = Client()
            client_sekda.force_login(sekda.user)
            baris = {"ukuran": n, "vendor": connection.vendor, "generate": gen, "hasil": {}}
            ukuran_sekda = {"daftar (Sekda)": (url, {}), "Tim Saya (Sekda)": (reverse("pegawai:tim"), {})}
            for nama, params in [*variasi.items(), *ukuran_sekda.items()]:
                if nama in ukuran_sekda:
                    url_ini, params = params
                    baris["hasil"][nama] = _ukur(
                        client_sekda, url_ini, params, ulang, sekda.user if url_ini == url else None
                    )
                else:
                    baris["hasil"][nama] = _ukur(client, url, params, ulang, admin.user)
                h = baris["hasil"][nama]
                print(
                    f"{connection.vendor:10} {n:>7,} {nama:12} {h['queries']:>3} query  "
                    f"median {h['median_ms']:>7.1f} ms  p90 {h['p90_ms']:>7.1f} ms  "
                    f"(SQL {h['sql_ms']:.1f} ms; {h['baris']:,} baris)",
                    flush=True,
                )
            hasil.append(baris)
    return hasil


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark halaman direktori pegawai.")
    parser.add_argument("--pg", action="store_true", help=f"PostgreSQL ({DB.pg_url}) alih-alih SQLite")
    parser.add_argument("--ukuran", default="100,10000,100000", help="jumlah pegawai, dipisah koma")
    parser.add_argument("--ulang", type=int, default=20, help="jumlah permintaan yang diukur per variasi")
    parser.add_argument("--simpan-db", action="store_true", help="jangan hapus basis data benchmark di akhir")
    args = parser.parse_args(argv)
    ukuran = [int(u) for u in args.ukuran.split(",") if u.strip()]
    with DB.dipakai(args.pg, simpan=args.simpan_db):
        hasil = jalankan(ukuran, args.ulang, args.pg)
    keluaran = OUT / f"direktori-{'postgresql' if args.pg else 'sqlite'}.json"
    keluaran.write_text(json.dumps(hasil, indent=2, default=str))
    print(f"Hasil lengkap: {keluaran}", file=sys.stderr)


if __name__ == "__main__":
    main()
