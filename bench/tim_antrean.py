"""The atasan's "Tim Saya" queue (evaluasi:tim): query count and server time for a team of 5 and
of 200 direct subordinates (issue 4: "team queue query counts constant for a team of 5 and of 200").

    .venv/bin/python -m bench.tim_antrean                 # SQLite file under bench/out/ (deleted at the end)
    .venv/bin/python -m bench.tim_antrean --pg            # PostgreSQL asn_bench_tim (created, dropped at the end)
    .venv/bin/python -m bench.tim_antrean --ukuran 5,200,1000 --ulang 30

For each size: one OPD, a kepala (the atasan's atasan), the atasan and N direct subordinates; a
period in "penilaian" opened through the services (every employee gets an evaluation record);
every subordinate has an SKP of the year (a third submitted to the atasan) with 3 RHK/indicators,
5 daily-log entries waiting, a realisation of 2 indicators, a self-assessment (half sent); the
atasan has N/10 open peer forms and N/10 objections to decide (from the subordinates' own
staff). Then the page is requested --ulang times as the atasan through Django's test Client
(middleware, view, SQL, template; no network) with DEBUG off: printed are the number of SQL
statements (transaction control not counted) and the median and p90 server time.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from bench._umum import BasisBench, waktu_ms

DB = BasisBench(pg="asn_bench_tim", sqlite="tim_antrean.sqlite3")
KENDALI_TRANSAKSI = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


def _bersihkan() -> None:
    """Empty the evaluation data and employees between sizes (children first)."""
    from django.contrib.auth import get_user_model

    from evaluasi.models import (
        EvaluasiPegawai,
        IndikatorKinerja,
        Keberatan,
        LogHarian,
        PenilaianDiriKinerja,
        PenugasanRekanKinerja,
        Periode,
        Realisasi,
        RencanaHasilKerja,
        Skp,
    )
    from pegawai.models import Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja

    for model in (
        Keberatan,
        PenugasanRekanKinerja,
        PenilaianDiriKinerja,
        Realisasi,
        EvaluasiPegawai,
        Periode,
        LogHarian,
        IndikatorKinerja,
        RencanaHasilKerja,
        Skp,
        RiwayatJabatan,
        PeranPengguna,
    ):
        model.objects.all().delete()
    Pegawai.objects.update(atasan=None)
    Pegawai.objects.all().delete()
    UnitKerja.objects.update(induk=None)
    UnitKerja.objects.all().delete()
    Jabatan.objects.all().delete()
    get_user_model().objects.all().delete()


def _isi(n: int):
    """Build the team of n and its pending work; returns the atasan's user."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bench.generate import nip_buat
    from evaluasi.models import (
        EvaluasiPegawai,
        IndikatorKinerja,
        Keberatan,
        LogHarian,
        PenilaianDiriKinerja,
        PenugasanRekanKinerja,
        Periode,
        Realisasi,
        RencanaHasilKerja,
        Skp,
    )
    from evaluasi.rules import predikat_dari
    from evaluasi.services.periode import periode_buat, periode_lanjut
    from pegawai.hierarki import jalur_hitung_ulang
    from pegawai.models import Jabatan, Pegawai, PeranPengguna, UnitKerja

    User = get_user_model()
    hari_ini = timezone.localdate()
    pemda = UnitKerja.objects.create(kode="B-PEMDA", nama="Pemda Bench", jenis="pemda")
    opd = UnitKerja.objects.create(kode="B-OPD", nama="Dinas Bench", jenis="opd", induk=pemda)
    bidang = UnitKerja.objects.create(kode="B-BID", nama="Bidang Bench", jenis="bidang", induk=opd)
    jabatan = Jabatan.objects.create(kode="B-PL", nama="Pelaksana Bench", jenis="pelaksana")
    nomor = iter(range(1, 10**6))

    def pegawai_baru(nama: str, unit, atasan=None) -> Pegawai:
        i = next(nomor)
        user = User.objects.create(username=f"bench{i}", password="!bench")
        return Pegawai(
            nip=nip_buat(i, i % 2 == 0),
            nama=nama,
            status_kepegawaian="pns",
            golongan="III/a",
            unit=unit,
            jabatan=jabatan,
            atasan=atasan,
            user=user,
        )

    kepala = pegawai_baru("Kepala Bench", opd)
    kepala.save()
    atasan = pegawai_baru("Atasan Bench", bidang, kepala)
    atasan.save()
    bawahan = Pegawai.objects.bulk_create([pegawai_baru(f"Staf {i:04d}", bidang, atasan) for i in range(n)])
    staf_bawahan = Pegawai.objects.bulk_create(
        [pegawai_baru(f"Staf bawahan {i:04d}", bidang, bawahan[i]) for i in range(max(1, n // 10))]
    )
    jalur_hitung_ulang()

    bkd = User.objects.create(username="bench-bkd", password="!bench")
    PeranPengguna.objects.create(user=bkd, peran="admin_bkd")
    periode = periode_buat(actor=bkd, tahun=hari_ini.year, jenis="tahunan", nomor=1)
    while periode.status != Periode.Status.PENILAIAN:
        periode = periode_lanjut(actor=bkd, periode=periode, dari_status=periode.status)

    skp = Skp.objects.bulk_create(
        [
            Skp(
                pegawai=b,
                tahun=hari_ini.year,
                unit=bidang,
                jabatan=jabatan,
                atasan=atasan,
                status=Skp.Status.DIAJUKAN if i % 3 == 0 else Skp.Status.DISETUJUI,
                diajukan_pada=timezone.now(),
            )
            for i, b in enumerate(bawahan)
        ]
    )
    rhk = RencanaHasilKerja.objects.bulk_create(
        [RencanaHasilKerja(skp=s, uraian=f"RHK {j}", urutan=j) for s in skp for j in range(3)]
    )
    indikator = IndikatorKinerja.objects.bulk_create(
        [IndikatorKinerja(rhk=r, uraian="Jumlah dokumen", target=12, satuan="dokumen") for r in rhk]
    )
    Realisasi.objects.bulk_create(
        [Realisasi(indikator=ind, periode=periode, nilai=5) for k, ind in enumerate(indikator) if k % 3 != 2]
    )
    LogHarian.objects.bulk_create(
        [LogHarian(pegawai=b, tanggal=hari_ini, uraian="Menyusun laporan", menit=60) for b in bawahan for _ in range(5)]
    )
    ev = {e.pegawai_id: e for e in EvaluasiPegawai.objects.filter(periode=periode)}
    PenilaianDiriKinerja.objects.bulk_create(
        [
            PenilaianDiriKinerja(evaluasi=ev[b.pk], status="terkirim" if i % 2 else "draft")
            for i, b in enumerate(bawahan)
        ]
    )
    PenugasanRekanKinerja.objects.bulk_create(
        [PenugasanRekanKinerja(evaluasi=ev[b.pk], penilai=atasan, ditugaskan_oleh=bkd) for b in bawahan[: n // 10]]
    )
    final = [ev[s.pk] for s in staf_bawahan]
    for e in final:
        e.status, e.rating_hasil, e.rating_perilaku = "final", "sesuai", "sesuai"
        e.predikat, e.difinalkan_pada = predikat_dari("sesuai", "sesuai"), timezone.now()
    EvaluasiPegawai.objects.bulk_update(
        final, ["status", "rating_hasil", "rating_perilaku", "predikat", "difinalkan_pada"]
    )
    Keberatan.objects.bulk_create(
        [
            Keberatan(
                evaluasi=e,
                alasan="Bench",
                pemutus=atasan,
                rating_hasil_awal="sesuai",
                rating_perilaku_awal="sesuai",
                predikat_awal="baik",
            )
            for e in final
        ]
    )
    return atasan.user


def ukur(n: int, ulang: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    _bersihkan()
    user = _isi(n)
    klien = Client()
    klien.force_login(user)
    url = reverse("evaluasi:tim")
    resp = klien.get(url)  # warm-up (templates, caches)
    assert resp.status_code == 200, resp.status_code
    baris = resp.content.decode().count("data-bawahan")
    assert baris == n, f"{baris} baris bawahan, seharusnya {n}"
    with CaptureQueriesContext(connection) as ctx:
        klien.get(url)
    queries = [q for q in ctx.captured_queries if not q["sql"].upper().startswith(KENDALI_TRANSAKSI)]
    waktu = waktu_ms(klien, url, None, ulang)
    return {
        "tim": n,
        "query": len(queries),
        "median_ms": round(statistics.median(waktu), 1),
        "p90_ms": round(waktu[int(0.9 * (len(waktu) - 1))], 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true", help="PostgreSQL lokal (asn_bench_tim) alih-alih SQLite")
    parser.add_argument("--ukuran", default="5,200", help="ukuran tim dipisah koma (bawaan 5,200)")
    parser.add_argument("--ulang", type=int, default=20, help="permintaan terukur per ukuran (bawaan 20)")
    args = parser.parse_args(argv)
    ukuran = [int(x) for x in args.ukuran.split(",") if x.strip()]

    hasil = []
    with DB.dipakai(args.pg):
        import warnings

        warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        # Plain static storage: no collectstatic needed for the template's {% static %}.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        call_command("migrate", verbosity=0)
        print(f"Tim Saya (evaluasi:tim), {connection.vendor}, {args.ulang} permintaan per ukuran")
        print(f"{'tim':>6} {'query':>6} {'median ms':>10} {'p90 ms':>8}")
        for n in ukuran:
            h = ukur(n, args.ulang)
            hasil.append(h)
            print(f"{h['tim']:>6} {h['query']:>6} {h['median_ms']:>10} {h['p90_ms']:>8}")
    tetap = len({h["query"] for h in hasil}) == 1
    print("Jumlah query tetap untuk semua ukuran." if tetap else "PERINGATAN: jumlah query berubah dengan ukuran tim.")
    return 0 if tetap else 1


if __name__ == "__main__":
    sys.exit(main())
