"""Completion-monitoring benchmark: a period over N employees, then the monitoring pages and
their two exports (evaluasi:monitoring, evaluasi:monitoring-export, evaluasi:predikat-export)
as an Admin BKD (scope: the whole Pemda).

    .venv/bin/python -m bench.periode_monitoring                       # SQLite under bench/out/, 10,000
    .venv/bin/python -m bench.periode_monitoring --pg --ukuran 10000   # PostgreSQL database bench_periode
    .venv/bin/python -m bench.periode_monitoring --pg --ukuran 1000,10000 --ulang 5

For each size: `bench.generate` builds N employees; a quarterly period is opened through
`periode_buat` (one INSERT ... SELECT of every evaluation record) and moved to "penilaian";
then, with bulk writes, 85% get an SKP of the year (approved, submitted, draft or returned:
the rest have none) with two RHK of one indicator each, two thirds of the indicators get a
realisation value, 40% send their self-assessment, half are rated (the predikat from the
matrix), half the units get a predikat organisasi; ANALYZE. Then, through Django's test Client
with DEBUG=0, each page is requested --ulang times: median and max wall time, SQL time and
number of queries. The number of queries must be the same at every size (printed side by
side). Results go to bench/out/periode_monitoring-<sqlite|postgresql>.json; `--pg` (re)creates
the database bench_periode and drops it at the end unless --simpan-db.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench._umum import OUT, BasisBench

DB = BasisBench(pg="bench_periode", sqlite="periode_monitoring.sqlite3")


def isi(n: int):
    """N employees, the period and the progress described in the module docstring. Returns the
    Admin BKD's Pegawai and the period."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.generate import admin_bkd_buat, generate
    from evaluasi.models import (
        EvaluasiPegawai,
        IndikatorKinerja,
        PenilaianDiriKinerja,
        Periode,
        PredikatOrganisasi,
        Realisasi,
        RencanaHasilKerja,
        Skp,
    )
    from evaluasi.rules import predikat_dari
    from evaluasi.services.periode import periode_buat, periode_lanjut
    from pegawai.models import Pegawai, UnitKerja

    call_command("migrate", verbosity=0, interactive=False)
    generate(n, users=False)
    bkd = admin_bkd_buat()
    tahun = timezone.localdate().year
    nomor = (timezone.localdate().month - 1) // 3 + 1
    periode = periode_buat(actor=bkd.user, tahun=tahun, jenis="triwulan", nomor=nomor)
    for dari in ("perencanaan", "berjalan"):
        periode = periode_lanjut(actor=bkd.user, periode=periode, dari_status=dari)

    status_skp = ["disetujui"] * 6 + ["diajukan", "draft", "dikembalikan"]
    pegawai = list(Pegawai.objects.order_by("id").values_list("id", "unit_id", "jabatan_id", "atasan_id"))
    skp = [
        Skp(pegawai_id=pid, tahun=tahun, unit_id=u, jabatan_id=j, atasan_id=a, status=status_skp[i % 9])
        for i, (pid, u, j, a) in enumerate(pegawai)
        if i % 20 < 17
    ]
    Skp.objects.bulk_create(skp, batch_size=5000)
    skp_ids = list(Skp.objects.filter(tahun=tahun).values_list("id", flat=True))
    RencanaHasilKerja.objects.bulk_create(
        [RencanaHasilKerja(skp_id=s, uraian=f"RHK {k}", urutan=k) for s in skp_ids for k in (1, 2)], batch_size=5000
    )
    rhk_ids = list(RencanaHasilKerja.objects.values_list("id", flat=True))
    IndikatorKinerja.objects.bulk_create(
        [IndikatorKinerja(rhk_id=r, uraian="Jumlah dokumen", target=12, satuan="dokumen") for r in rhk_ids],
        batch_size=5000,
    )
    ind_ids = list(IndikatorKinerja.objects.values_list("id", flat=True))
    Realisasi.objects.bulk_create(
        [Realisasi(indikator_id=i, periode=periode, nilai=10) for k, i in enumerate(ind_ids) if k % 3], batch_size=5000
    )
    ev_ids = list(EvaluasiPegawai.objects.filter(periode=periode).order_by("id").values_list("id", flat=True))
    PenilaianDiriKinerja.objects.bulk_create(
        [PenilaianDiriKinerja(evaluasi_id=e, status="terkirim") for k, e in enumerate(ev_ids) if k % 5 < 2],
        batch_size=5000,
    )
    rating = ["di_atas", "sesuai", "sesuai", "di_bawah"]
    for k in range(4):
        for m in range(4):
            EvaluasiPegawai.objects.filter(periode=periode, id__in=ev_ids[k * 4 + m :: 32]).update(
                rating_hasil=rating[k],
                rating_perilaku=rating[m],
                predikat=predikat_dari(rating[k], rating[m]),
                status="final",
            )
    unit_ids = list(UnitKerja.objects.order_by("id").values_list("id", flat=True))
    org = ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"]
    PredikatOrganisasi.objects.bulk_create(
        [
            PredikatOrganisasi(periode=periode, unit_id=u, predikat=org[k % 5], ditetapkan_oleh=bkd.user)
            for k, u in enumerate(unit_ids)
            if k % 2
        ]
    )
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return bkd, Periode.objects.get(pk=periode.pk)


def ukur(bkd, periode, ulang: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    klien = Client()
    klien.force_login(bkd.user)
    m, u, r = reverse("evaluasi:monitoring"), reverse("evaluasi:monitoring-export"), reverse("evaluasi:predikat-export")
    variasi = {
        "per unit, halaman 1": f"{m}?periode={periode.pk}",
        "per unit, halaman 2": f"{m}?periode={periode.pk}&page=2",
        "daftar pegawai, realisasi belum lengkap": f"{m}?periode={periode.pk}&tampil=pegawai&belum=realisasi",
        "daftar pegawai, cari nama": f"{m}?periode={periode.pk}&tampil=pegawai&cari=a",
        "unduh daftar pegawai (seluruh Pemda)": f"{u}?periode={periode.pk}",
        "unduh rekap predikat per unit": f"{r}?periode={periode.pk}",
        "detail periode": reverse("evaluasi:periode-detail", args=[periode.pk]),
    }
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    hasil = {}
    with override_settings(STORAGES=storages):
        for nama, url in variasi.items():
            klien.get(url)  # warm-up
            waktu, sql = [], []
            for _ in range(ulang):
                with CaptureQueriesContext(connection) as ctx:
                    mulai = time.perf_counter()
                    resp = klien.get(url)
                    waktu.append(time.perf_counter() - mulai)
                assert resp.status_code == 200, (url, resp.status_code)
                sql.append(sum(float(q["time"]) for q in ctx.captured_queries))
            hasil[nama] = {
                "query": len(ctx.captured_queries),
                "median_ms": round(statistics.median(waktu) * 1000),
                "maks_ms": round(max(waktu) * 1000),
                "sql_ms": round(statistics.median(sql) * 1000),
                "byte": len(resp.content),
            }
    return hasil


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--ukuran", default="10000")
    parser.add_argument("--ulang", type=int, default=5)
    parser.add_argument("--simpan-db", action="store_true")
    args = parser.parse_args(argv)
    semua = {}
    for n in [int(x) for x in args.ukuran.split(",")]:
        DB.siapkan(args.pg)
        import django
        from django.db import connections

        django.setup()
        connections.close_all()
        mulai = time.perf_counter()
        bkd, periode = isi(n)
        print(f"{n:,} pegawai siap dalam {time.perf_counter() - mulai:.0f} detik")
        semua[n] = ukur(bkd, periode, args.ulang)
        for nama, h in semua[n].items():
            print(
                f"  {nama:<42} {h['query']:>3} query  median {h['median_ms']:>6} ms  maks {h['maks_ms']:>6} ms  SQL {h['sql_ms']:>6} ms"
            )
        connections.close_all()
        if args.pg and not args.simpan_db:
            DB.hapus(args.pg)
    mesin = "postgresql" if args.pg else "sqlite"
    (OUT / f"periode_monitoring-{mesin}.json").write_text(json.dumps(semua, indent=2))
    if len(semua) > 1:
        query = {nama: [semua[n][nama]["query"] for n in semua] for nama in next(iter(semua.values()))}
        beda = {nama: q for nama, q in query.items() if len(set(q)) > 1}
        print("jumlah query tetap di setiap ukuran" if not beda else f"JUMLAH QUERY BERUBAH: {beda}")


if __name__ == "__main__":
    main()
