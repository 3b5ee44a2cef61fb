"""Supervisor assessment benchmark: queries and server time of the rater's page
(`evaluasi:evaluasi-nilai`) and the rater's list (`evaluasi:evaluasi-list`) for a team of 5 and of
200 subordinates.

    .venv/bin/python -m bench.penilaian_atasan                  # SQLite file under bench/out/
    .venv/bin/python -m bench.penilaian_atasan --pg             # PostgreSQL database bench_penilaian (dropped after)
    .venv/bin/python -m bench.penilaian_atasan --ukuran 5,200,1000 --ulang 20

It builds one OPD with one bidang per team size; each bidang's head (the atasan) has N direct
subordinates. Every subordinate has an approved SKP of 3 RHK x 2 indicators, a realisation of
every indicator with a link as evidence and two feedback rows, 20 daily-log entries in the
period, a sent self-assessment, and the atasan's ekspektasi khusus for all seven values; every
third one also has a saved draft rating (so the unit's curve has something to count). The period
(a quarter, opened and moved to "penilaian" through the services) is the only one.

For each size it signs the atasan in with Django's test Client and requests the rater's page of
the first subordinate and the rater's list: the number of queries (CaptureQueriesContext) and the
median / 90th percentile of --ulang requests, in-process (middleware, view, template; no network),
with DEBUG=0. The query counts must be equal for every size: the script stops if they are not.
Results also go to bench/out/penilaian-atasan-<sqlite|postgresql>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from bench._umum import OUT, BasisBench, waktu_ms

DB = BasisBench(pg="bench_penilaian", sqlite="penilaian-atasan.sqlite3")
RHK_PER_SKP, INDIKATOR_PER_RHK, LOG_PER_PEGAWAI = 3, 2, 20


def _bangun(ukuran: list[int]) -> dict:
    """The data described in the module docstring. Returns {N: (atasan, first subordinate's evaluation)}."""
    from django.contrib.auth import get_user_model
    from django.db.models import F
    from django.utils import timezone

    from bench.generate import PASSWORD_TIDAK_BISA_DIPAKAI, nip_buat
    from evaluasi.models import (
        BuktiDukung,
        EkspektasiKhusus,
        EvaluasiPegawai,
        IndikatorKinerja,
        LogHarian,
        NilaiDasar,
        PenilaianDiriKinerja,
        Periode,
        RatingRhk,
        Realisasi,
        RencanaHasilKerja,
        Skp,
        UmpanBalik,
    )
    from evaluasi.rules import predikat_dari
    from evaluasi.services.periode import periode_buat, periode_lanjut
    from pegawai.hierarki import jalur_hitung_ulang
    from pegawai.models import Jabatan, Pegawai, PeranPengguna, UnitKerja

    User = get_user_model()
    nomor = 0

    def orang(nama, unit, jabatan, atasan=None, golongan="III/a"):
        nonlocal nomor
        nip = nip_buat(nomor, nomor % 2 == 1)
        nomor += 1
        return Pegawai(
            nip=nip,
            nama=nama,
            status_kepegawaian="pns",
            golongan=golongan,
            unit=unit,
            jabatan=jabatan,
            atasan=atasan,
        )

    def simpan(rows):
        akun = User.objects.bulk_create(
            [User(username=p.nip, first_name=p.nama, password=PASSWORD_TIDAK_BISA_DIPAKAI) for p in rows]
        )
        for p, u in zip(rows, akun, strict=True):
            p.user_id = u.pk
        return Pegawai.objects.bulk_create(rows)

    pemda = UnitKerja.objects.create(kode="B-PEMDA", nama="Pemerintah Kota Benchmark", jenis="pemda")
    opd = UnitKerja.objects.create(kode="B-OPD", nama="Dinas Benchmark", jenis="opd", induk=pemda)
    UnitKerja.objects.filter(pk=opd.pk).update(opd=F("id"))
    opd.refresh_from_db()
    kadis = Jabatan.objects.create(kode="B-KADIS", nama="Kepala Dinas", jenis="jpt", jenjang="pratama")
    kabid = Jabatan.objects.create(kode="B-KABID", nama="Kepala Bidang", jenis="administrator")
    staf = Jabatan.objects.create(kode="B-STAF", nama="Analis", jenis="pelaksana")
    (kepala,) = simpan([orang("Kepala Dinas Benchmark", opd, kadis, golongan="IV/c")])
    bkd_user = User.objects.create(username="bench-bkd", password=PASSWORD_TIDAK_BISA_DIPAKAI)
    PeranPengguna.objects.create(user=bkd_user, peran=PeranPengguna.Peran.ADMIN_BKD)

    tim = {}
    for n in ukuran:
        bidang = UnitKerja.objects.create(
            kode=f"B-BID-{n}", nama=f"Bidang Tim {n}", jenis="bidang", induk=opd, opd_id=opd.pk
        )
        (atasan,) = simpan([orang(f"Kepala Bidang Tim {n}", bidang, kabid, kepala, "IV/a")])
        bawahan = simpan([orang(f"Staf {n}-{i:03d}", bidang, staf, atasan) for i in range(n)])
        tim[n] = (atasan, bawahan)
    jalur_hitung_ulang()

    tahun = timezone.localdate().year
    hari_ini = timezone.localdate()
    semua = [p for _, bawahan in tim.values() for p in bawahan]
    skp = Skp.objects.bulk_create(
        Skp(
            pegawai=p,
            tahun=tahun,
            unit_id=p.unit_id,
            jabatan_id=p.jabatan_id,
            atasan_id=p.atasan_id,
            status=Skp.Status.DISETUJUI,
            disetujui_pada=timezone.now(),
        )
        for p in semua
    )
    rhk = RencanaHasilKerja.objects.bulk_create(
        RencanaHasilKerja(
            skp=s, uraian=f"Terlaksananya kegiatan {s.pk}-{i}", urutan=i, jenis="utama" if i else "tambahan"
        )
        for s in skp
        for i in range(RHK_PER_SKP)
    )
    indikator = IndikatorKinerja.objects.bulk_create(
        IndikatorKinerja(rhk=r, uraian=f"Jumlah dokumen {r.pk}-{j}", target=Decimal("12"), satuan="dokumen", urutan=j)
        for r in rhk
        for j in range(INDIKATOR_PER_RHK)
    )
    nilai = list(NilaiDasar.objects.all())
    EkspektasiKhusus.objects.bulk_create(
        EkspektasiKhusus(skp=s, nilai_dasar=n, teks="Harapan khusus pimpinan", ditulis_oleh=bkd_user)
        for s in skp
        for n in nilai
    )

    # Opens the period: every employee's evaluation, linked to the approved SKP.
    periode = periode_buat(actor=bkd_user, tahun=tahun, jenis="triwulan", nomor=(hari_ini.month - 1) // 3 + 1)
    for _ in range(2):
        periode = periode_lanjut(actor=bkd_user, periode=periode, dari_status=periode.status)
    assert periode.status == Periode.Status.PENILAIAN
    realisasi = Realisasi.objects.bulk_create(
        Realisasi(indikator=i, periode=periode, nilai=Decimal("10"), uraian="Selesai") for i in indikator
    )
    BuktiDukung.objects.bulk_create(
        BuktiDukung(realisasi=r, tautan="https://contoh.go.id/laporan", keterangan="Laporan", diunggah_oleh=bkd_user)
        for r in realisasi
    )
    UmpanBalik.objects.bulk_create(
        UmpanBalik(realisasi=r, penulis=kepala, teks=teks) for r in realisasi for teks in ("Bagus.", "Lengkapi.")
    )
    status = [LogHarian.Status.DISETUJUI, LogHarian.Status.BELUM_DIPERIKSA, LogHarian.Status.REVISI]
    LogHarian.objects.bulk_create(
        (
            LogHarian(
                pegawai=p,
                tanggal=periode.tanggal_mulai + timedelta(days=k % 60),
                uraian="Kegiatan",
                menit=300,
                status=status[k % 3],
            )
            for p in semua
            for k in range(LOG_PER_PEGAWAI)
        ),
        batch_size=5000,
    )
    evaluasi = list(EvaluasiPegawai.objects.filter(periode=periode, pegawai__in=semua))
    PenilaianDiriKinerja.objects.bulk_create(
        PenilaianDiriKinerja(
            evaluasi=e,
            rating_hasil="sesuai",
            rating_perilaku="sesuai",
            refleksi="Refleksi",
            status=PenilaianDiriKinerja.Status.TERKIRIM,
            dikirim_pada=timezone.now(),
        )
        for e in evaluasi
    )
    rhk_per_skp: dict[int, list[int]] = {}
    for r in rhk:
        rhk_per_skp.setdefault(r.skp_id, []).append(r.pk)
    RatingRhk.objects.bulk_create(
        RatingRhk(evaluasi=e, rhk_id=r, rating_diri="sesuai", rating_atasan="sesuai" if e.pk % 3 == 0 else "")
        for e in evaluasi
        for r in rhk_per_skp[e.skp_id]
    )
    draf = [e.pk for e in evaluasi if e.pk % 3 == 0]
    EvaluasiPegawai.objects.filter(pk__in=draf).update(
        status="draft", rating_hasil="sesuai", rating_perilaku="sesuai", predikat=predikat_dari("sesuai", "sesuai")
    )
    ev_pertama = {e.pegawai_id: e for e in evaluasi}
    return {n: (atasan, ev_pertama[bawahan[0].pk]) for n, (atasan, bawahan) in tim.items()}


def _ukur(client, url: str, params: dict, ulang: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up: templates, connection
        r = client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, params)
    if r.status_code != 200:
        raise SystemExit(f"{url} menjawab {r.status_code}: {r.content[:300]!r}")
    queries = list(ctx.captured_queries)
    waktu = waktu_ms(client, url, params, ulang)
    return {
        "queries": len(queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 1),
        "median_ms": round(statistics.median(waktu), 1),
        "p90_ms": round(waktu[max(0, int(len(waktu) * 0.9) - 1)], 1),
        "sql": [f"{q['time']}s {q['sql']}" for q in queries],
    }


def jalankan(ukuran: list[int], ulang: int, pg: bool) -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    mulai = time.perf_counter()
    tim = _bangun(ukuran)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # planner statistics, as a database in use has them
    print(f"Data dibuat dalam {time.perf_counter() - mulai:.1f} detik ({connection.vendor}).")
    hasil = []
    with override_settings(
        STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    ):
        for n, (atasan, ev) in tim.items():
            klien = Client()
            klien.force_login(atasan.user)
            for nama, url, params in (
                ("halaman penilai", reverse("evaluasi:evaluasi-nilai", args=[ev.pk]), {}),
                ("daftar penilaian tim", reverse("evaluasi:evaluasi-list"), {}),
            ):
                u = _ukur(klien, url, params, ulang)
                hasil.append({"tim": n, "halaman": nama, "url": url, **u})
                print(
                    f"tim {n:>4}  {nama:<22} {u['queries']:>3} query  "
                    f"median {u['median_ms']:>7.1f} ms  p90 {u['p90_ms']:>7.1f} ms  (SQL {u['sql_ms']} ms)"
                )
    for nama in {h["halaman"] for h in hasil}:
        jumlah = {h["tim"]: h["queries"] for h in hasil if h["halaman"] == nama}
        if len(set(jumlah.values())) != 1:
            raise SystemExit(f"Jumlah query {nama} berubah dengan ukuran tim: {jumlah}")
    return hasil


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true", help="PostgreSQL lokal (basis data bench_penilaian)")
    parser.add_argument("--ukuran", default="5,200", help="ukuran tim, dipisah koma (bawaan 5,200)")
    parser.add_argument("--ulang", type=int, default=20, help="permintaan terukur per halaman (bawaan 20)")
    parser.add_argument("--simpan-db", action="store_true", help="jangan hapus basis data di akhir")
    args = parser.parse_args(argv)
    ukuran = [int(x) for x in args.ukuran.split(",") if x.strip()]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with DB.dipakai(args.pg, simpan=args.simpan_db):
        hasil = jalankan(ukuran, args.ulang, args.pg)
    berkas = OUT / f"penilaian-atasan-{'postgresql' if args.pg else 'sqlite'}.json"
    berkas.write_text(json.dumps(hasil, indent=1, ensure_ascii=False))
    print(f"Semua jumlah query tetap untuk setiap ukuran tim. Rincian: {berkas.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
