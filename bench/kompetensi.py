"""Competency round benchmark: open a round of N employees x 10 competencies, fill the five views,
compute the results (whole round and one participant), export the round to Excel, close the
round, check a sample.

    .venv/bin/python -m bench.kompetensi                      # SQLite file under bench/out/, 10,000 employees
    .venv/bin/python -m bench.kompetensi --pg                 # PostgreSQL database asn_bench_kompetensi
    .venv/bin/python -m bench.kompetensi --pg --ukuran 1000,10000 --ulang 5

For each size it:
1. fills a scratch database with `bench.generate` (N employees, their units and accounts), creates
   10 competencies and gives each of the 8 benchmark positions a standard of all 10 (levels by
   position kind, as the shipped defaults do), then opens ONE Pemda-wide round with
   `putaran_buka` as an Admin BKD (an account without an employee record, so exactly N
   participants): the snapshot of N participants and 10N result rows;
2. writes the inputs as the services would leave them: a submitted self-assessment and supervisor
   assessment (PenilaianKompetensi "terkirim" + 10 NilaiKompetensi each), three PenugasanRekan
   "terkirim" and three JawabanRekan per competency, peers released (5 views per competency).
   One participant in a hundred is left incomplete on purpose (self-assessment still a draft,
   two peer answers only, peers not released yet, or nothing at all), and the top of the tree
   (the Sekda) has no supervisor, so every branch of the SQL is exercised;
3. times `hasil_hitung(putaran=...)` for the whole round: the first run on tables without
   planner statistics, then after ANALYZE the median of --ulang runs where every row changes
   (derived columns emptied first, untimed) and of --ulang runs where nothing changes (it is
   idempotent and writes only changed rows); the per-participant recompute each submission
   triggers (`peserta_ids=[one]`, its rows emptied first, median and max of 20 participants);
   and `putaran_tutup`;
   writes the query plans of both recomputes (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN
   on SQLite) to bench/out/ and prints any full scan of a large table in the per-participant plan;
4. checks a sample of participants (every incomplete one plus random ones) against
   `kompetensi.rules`, before and after closing;
5. before closing, after ANALYZE, times the Excel exports of kompetensi/exports/laporan.py over
   the whole round as the Admin BKD's pages call them: `tim_matriks_workbook` (N matrix rows x
   36 columns + the JPM sheet), `jpm_workbook`, `kebutuhan_workbook` (median of --ulang-ekspor
   runs, queries, file size, tracemalloc; checks one row per participant); then again in a child
   process with OPENPYXL_LXML=False (openpyxl without lxml) on the same data, unless
   --tanpa-banding-lxml;
6. prints wall time, number of queries, peak Python allocation (tracemalloc, in a separate run)
   and the process peak RSS, plus the machine (CPUs, database version, openpyxl and lxml).

Results are also written to bench/out/kompetensi-<sqlite|postgresql>.json. `--pg` connects as
postgres@127.0.0.1:5432 and (re)creates the database asn_bench_kompetensi, dropping it at the end
unless --simpan-db; `--pakai-ulang` reuses a kept database (and its employees when the count
matches) and deletes its earlier rounds first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

from bench._umum import OUT, BasisBench, anak_json, ms, statistik_segarkan

DB = BasisBench(pg="asn_bench_kompetensi", sqlite="kompetensi.sqlite3")
BATCH = 5000

# 10 competencies: 8 managerial, 1 socio-cultural, 1 technical (like the PermenPANRB 38/2017 set).
KOMPETENSI = [
    ("B-M.1", "Integritas", "manajerial"),
    ("B-M.2", "Kerja Sama", "manajerial"),
    ("B-M.3", "Komunikasi", "manajerial"),
    ("B-M.4", "Orientasi pada Hasil", "manajerial"),
    ("B-M.5", "Pelayanan Publik", "manajerial"),
    ("B-M.6", "Pengembangan Diri dan Orang Lain", "manajerial"),
    ("B-M.7", "Mengelola Perubahan", "manajerial"),
    ("B-M.8", "Pengambilan Keputusan", "manajerial"),
    ("B-SK.1", "Perekat Bangsa", "sosial_kultural"),
    ("B-T.1", "Kompetensi Teknis Jabatan", "teknis"),
]
# Required level by position code (bench.generate.JABATAN), the shipped defaults by kind.
LEVEL_STANDAR = {
    "B-JPT": 4,
    "B-ADM": 3,
    "B-PGW": 2,
    "B-PL-UMUM": 1,
    "B-PL-KEU": 1,
    "B-FG-ASDM": 2,
    "B-FG-GURU": 3,
    "B-FG-PERAWAT": 2,
}
REKAN_PER_PESERTA = 3
# One participant in a hundred is incomplete, by index modulo 100.
DIRI_DRAF, REKAN_DUA, REKAN_TERTUTUP, TANPA_MASUKAN = 7, 17, 27, 47
VARIASI = {
    DIRI_DRAF: "penilaian diri masih draf",
    REKAN_DUA: "hanya 2 jawaban rekan",
    REKAN_TERTUTUP: "rata-rata rekan belum dibuka",
    TANPA_MASUKAN: "tanpa masukan sama sekali",
}


# --------------------------------------------------------------------------- database and settings


def mesin() -> dict:
    from django.db import connection

    cpu = ""
    try:
        for baris in Path("/proc/cpuinfo").read_text().splitlines():
            if baris.startswith("model name"):
                cpu = baris.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SHOW server_version")
            db = f"PostgreSQL {cur.fetchone()[0]}"
        else:
            cur.execute("SELECT sqlite_version()")
            db = f"SQLite {cur.fetchone()[0]}"
    import django
    import openpyxl

    return {
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "openpyxl": openpyxl.__version__,
        "lxml": _lxml_versi(),
        "db": db,
        "os": platform.platform(),
    }


# --------------------------------------------------------------------------------------- helpers


KENDALI_TRANSAKSI = ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")


class Ukur:
    """Wall time and number of SQL statements of a block (transaction control not counted)."""

    def __init__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self._ctx = CaptureQueriesContext(connection)

    def __enter__(self):
        self._ctx.__enter__()
        self._mulai = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.detik = time.perf_counter() - self._mulai
        self._ctx.__exit__(*exc)
        self.queries = [q for q in self._ctx.captured_queries if not q["sql"].upper().startswith(KENDALI_TRANSAKSI)]
        self.jumlah = len(self.queries)
        return False


def _alokasi_puncak(fungsi) -> float:
    """Peak Python allocation of one call, in MB (a separate run: tracing slows Python)."""
    tracemalloc.start()
    try:
        fungsi()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _sisip(tabel: str, kolom: tuple[str, ...], baris: list[tuple]) -> None:
    """Multi-row INSERT of plain tuples (far cheaper than model instances for 10^5 rows)."""
    from django.db import connection

    satu = "(" + ", ".join(["%s"] * len(kolom)) + ")"
    with connection.cursor() as cur:
        for mulai in range(0, len(baris), BATCH):
            potong = baris[mulai : mulai + BATCH]
            cur.execute(
                f"INSERT INTO {tabel} ({', '.join(kolom)}) VALUES " + ", ".join([satu] * len(potong)),
                [v for b in potong for v in b],
            )


def _rincian(queries: list[dict]) -> list[str]:
    """Each query's time and its start, for the JSON output."""
    return [f"{float(q['time']) * 1000:.0f} ms  {' '.join(q['sql'].split())[:90]}" for q in queries]


# ------------------------------------------------------------------------------------ the steps


def standar_buat() -> list:
    """10 competencies and a standard of all 10 for every benchmark position."""
    from kompetensi.models import Kompetensi, StandarKompetensiJabatan
    from pegawai.models import Jabatan

    komp = Kompetensi.objects.bulk_create(
        [
            Kompetensi(kode=kode, nama=nama, jenis=jenis, definisi=f"Definisi {nama}.", urutan=i)
            for i, (kode, nama, jenis) in enumerate(KOMPETENSI, start=1)
        ]
    )
    standar = []
    for jabatan in Jabatan.objects.filter(kode__in=LEVEL_STANDAR):
        for k in komp:
            # Technical competency one level higher for functional positions (capped at 5).
            level = LEVEL_STANDAR[jabatan.kode] + (1 if k.jenis == "teknis" and jabatan.jenis == "fungsional" else 0)
            standar.append(StandarKompetensiJabatan(jabatan=jabatan, kompetensi=k, level=min(level, 5)))
    StandarKompetensiJabatan.objects.bulk_create(standar)
    return komp


def admin_bkd_akun():
    """An Admin BKD account with no employee record, so the round holds exactly the N employees."""
    from django.contrib.auth import get_user_model

    from bench.generate import PASSWORD_TIDAK_BISA_DIPAKAI
    from pegawai.models import PeranPengguna

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="bench-admin-bkd-kompetensi", defaults={"password": PASSWORD_TIDAK_BISA_DIPAKAI}
    )
    PeranPengguna.objects.get_or_create(user=user, peran=PeranPengguna.Peran.ADMIN_BKD)
    return user


def putaran_buka_bench(actor):
    from django.utils import timezone

    from kompetensi.services.putaran import putaran_buka
    from pegawai.models import UnitKerja

    hari_ini = timezone.localdate()
    pemda = UnitKerja.objects.get(jenis="pemda", kode="B-PEMDA")
    with Ukur() as u:
        ringkasan = putaran_buka(
            actor=actor,
            nama="Putaran Benchmark",
            tanggal_mulai=hari_ini.replace(month=1, day=1),
            tanggal_selesai=hari_ini.replace(month=12, day=31),
            unit=[pemda],
            batas_diri=hari_ini + timedelta(days=14),
            batas_rekan=hari_ini + timedelta(days=21),
            batas_atasan=hari_ini + timedelta(days=28),
        )
    return ringkasan, u


def masukan_isi(putaran, actor, seed: int) -> dict:
    """Write the five views of every participant, as the submission services leave them."""
    from django.db import transaction
    from django.utils import timezone

    from kompetensi.models import (
        HasilKompetensi,
        JawabanRekan,
        NilaiKompetensi,
        PenilaianKompetensi,
        PenugasanRekan,
        PesertaPenilaian,
    )

    rnd = random.Random(seed)
    sekarang = timezone.now()
    peserta = list(
        PesertaPenilaian.objects.filter(putaran=putaran)
        .order_by("pegawai_id")
        .values_list("id", "pegawai_id", "atasan_id")
    )
    standar: dict[int, list[tuple[int, int]]] = {}
    for pid, kid, std in (
        HasilKompetensi.objects.filter(peserta__putaran=putaran)
        .order_by("kompetensi_id")
        .values_list("peserta_id", "kompetensi_id", "standar")
    ):
        standar.setdefault(pid, []).append((kid, std))
    n = len(peserta)

    def level(std: int, geser: tuple[int, ...]) -> int:
        return max(1, min(5, std + rnd.choice(geser)))

    mulai = time.perf_counter()
    with transaction.atomic():
        penilaian, rancangan = [], []  # PenilaianKompetensi objects, and their levels
        penugasan, jawaban = [], []
        for i, (pid, pegawai_id, atasan_id) in enumerate(peserta):
            varian = i % 100
            if varian == TANPA_MASUKAN:
                continue
            diri_status = (
                PenilaianKompetensi.Status.DRAFT if varian == DIRI_DRAF else PenilaianKompetensi.Status.TERKIRIM
            )
            views = [("diri", pegawai_id, diri_status, (-1, 0, 0, 1, 1))]
            if atasan_id is not None:  # the Sekda has no supervisor
                views.append(("atasan", atasan_id, PenilaianKompetensi.Status.TERKIRIM, (-1, -1, 0, 0, 1)))
            for jenis, penilai_id, status, geser in views:
                penilaian.append(
                    PenilaianKompetensi(
                        peserta_id=pid,
                        jenis=jenis,
                        penilai_id=penilai_id,
                        status=status,
                        dikirim_pada=sekarang if status == PenilaianKompetensi.Status.TERKIRIM else None,
                    )
                )
                rancangan.append([(kid, level(std, geser)) for kid, std in standar[pid]])
            jumlah_rekan = 2 if varian == REKAN_DUA else REKAN_PER_PESERTA
            for k in range(1, jumlah_rekan + 1):
                penugasan.append(
                    PenugasanRekan(
                        peserta_id=pid,
                        penilai_id=peserta[(i + k) % n][1],
                        status=PenugasanRekan.Status.TERKIRIM,
                        dikirim_pada=sekarang,
                        ditugaskan_oleh=actor,
                    )
                )
                jawaban.extend((pid, kid, level(std, (-2, -1, -1, 0, 1))) for kid, std in standar[pid])
        penilaian = PenilaianKompetensi.objects.bulk_create(penilaian, batch_size=BATCH)
        nilai = [(p.pk, kid, lv, "") for p, levels in zip(penilaian, rancangan, strict=True) for kid, lv in levels]
        _sisip(NilaiKompetensi._meta.db_table, ("penilaian_id", "kompetensi_id", "level", "catatan"), nilai)
        PenugasanRekan.objects.bulk_create(penugasan, batch_size=BATCH)
        _sisip(JawabanRekan._meta.db_table, ("peserta_id", "kompetensi_id", "level"), jawaban)
        tertutup = [pid for i, (pid, _, _) in enumerate(peserta) if i % 100 == REKAN_TERTUTUP]
        PesertaPenilaian.objects.filter(putaran=putaran).exclude(pk__in=tertutup).update(rekan_dibuka=True)
    return {
        "detik": round(time.perf_counter() - mulai, 2),
        "penilaian": len(penilaian),
        "nilai": len(nilai),
        "penugasan_rekan": len(penugasan),
        "jawaban_rekan": len(jawaban),
        "rekan_dibuka": n - len(tertutup),
    }


TABEL_BESAR = ("hasilkompetensi", "pesertapenilaian", "jawabanrekan", "nilaikompetensi", "penilaiankompetensi")
TURUNAN_SQLITE = {"s", "r", "x", "v"}  # derived tables of kompetensi/services/hasil.py (SQLite names aliases)


def _scan_penuh(baris: str, pg: bool) -> bool:
    """A plan line that reads a whole large table of the round (not a search by index)."""
    if pg:
        return "Seq Scan" in baris and any(t in baris for t in TABEL_BESAR)
    kata = baris.rsplit("|", 1)[-1].split()
    return len(kata) >= 2 and kata[0] == "SCAN" and kata[1] not in TURUNAN_SQLITE


def kosongkan(putaran, *, peserta_id: int | None = None, vacuum: bool = True) -> None:
    """Empty the derived columns of the round (or one participant), so the next compute writes
    every row again; VACUUM (PostgreSQL) so the table is not left bloated by the benchmark."""
    from django.db import connection

    from kompetensi.models import HasilKompetensi, PesertaPenilaian

    baris = HasilKompetensi.objects.filter(peserta__putaran=putaran)
    if peserta_id is not None:
        baris = baris.filter(peserta_id=peserta_id)
    baris.update(nilai_diri=None, nilai_atasan=None, rekan_jumlah=0, rekan_total=0, capaian=None, gap=None)
    if vacuum and peserta_id is None and connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"VACUUM {HasilKompetensi._meta.db_table}, {PesertaPenilaian._meta.db_table}")


def rencana_query(queries: list[dict], nama: str, n: int, *, analyze: bool = True, persiapan=None) -> dict:
    """EXPLAIN the captured UPDATE statements (ANALYZE on PostgreSQL unless `analyze` is False)
    inside a rolled-back transaction, after `persiapan()` there; write the plans to bench/out
    and list full scans of large tables."""
    from django.db import connection, transaction

    pg = connection.vendor == "postgresql"
    perintah = ("EXPLAIN (ANALYZE, BUFFERS) " if analyze else "EXPLAIN ") if pg else "EXPLAIN QUERY PLAN "
    teks, scan = [], []
    with transaction.atomic(), connection.cursor() as cur:
        if persiapan is not None:
            persiapan()
        for q in queries:
            sql = q["sql"].strip()
            if sql.upper().startswith("SET "):  # planner settings of the service, replayed as they ran
                cur.execute(sql)
                teks.append(sql)
            if not sql.upper().startswith("UPDATE"):
                continue
            cur.execute(perintah + sql)
            baris = [" | ".join(str(x) for x in r) for r in cur.fetchall()]
            teks.append(sql + "\n\n" + "\n".join(baris))
            scan.extend(b.strip() for b in baris if _scan_penuh(b, pg))
        transaction.set_rollback(True)
    berkas = OUT / f"kompetensi-rencana-{connection.vendor}-{n}-{nama}.txt"
    berkas.write_text("\n\n-----\n\n".join(teks))
    return {"berkas": str(berkas.relative_to(OUT.parent.parent)), "scan_penuh": scan}


def periksa_sampel(putaran, peserta_ids: list[int]) -> int:
    """Compare stored results of these participants with kompetensi.rules; returns the count checked."""
    from kompetensi import rules
    from kompetensi.models import HasilKompetensi, JawabanRekan, KategoriJpm, NilaiKompetensi, PesertaPenilaian

    putaran.refresh_from_db()
    label = dict(KategoriJpm.choices)
    nilai: dict[tuple[int, str, int], int] = {}
    for pid, jenis, kid, lv in NilaiKompetensi.objects.filter(
        penilaian__peserta_id__in=peserta_ids, penilaian__status="terkirim"
    ).values_list("penilaian__peserta_id", "penilaian__jenis", "kompetensi_id", "level"):
        nilai[(pid, jenis, kid)] = lv
    rekan: dict[tuple[int, int], list[int]] = {}
    for pid, kid, lv in JawabanRekan.objects.filter(peserta_id__in=peserta_ids).values_list(
        "peserta_id", "kompetensi_id", "level"
    ):
        rekan.setdefault((pid, kid), []).append(lv)
    hasil: dict[int, list] = {}
    for h in HasilKompetensi.objects.filter(peserta_id__in=peserta_ids).order_by("kompetensi_id"):
        hasil.setdefault(h.peserta_id, []).append(h)
    salah = []
    for p in PesertaPenilaian.objects.filter(pk__in=peserta_ids):
        pasangan = []
        for h in hasil[p.pk]:
            ats = nilai.get((p.pk, "atasan", h.kompetensi_id))
            diri = nilai.get((p.pk, "diri", h.kompetensi_id))
            jawab = rekan.get((p.pk, h.kompetensi_id), [])
            r = rules.rata_rata_rekan(jawab) if p.rekan_dibuka and putaran.rekan_aktif else None
            capaian = rules.level_gabungan({rules.ATASAN: ats, rules.DIRI: diri, rules.REKAN: r}, putaran.bobot)
            pasangan.append((capaian, h.standar))
            harapan = (capaian, rules.gap(capaian, h.standar), diri, ats)
            if (h.capaian, h.gap, h.nilai_diri, h.nilai_atasan) != harapan:
                salah.append((p.pk, h.kompetensi_id, (h.capaian, h.gap, h.nilai_diri, h.nilai_atasan), harapan))
        nilai_jpm = rules.jpm(pasangan) if any(c is not None for c, _ in pasangan) else None
        harapan_p = (rules.jpm_tampil(nilai_jpm), rules.kategori_jpm(nilai_jpm))
        if (p.jpm, label.get(p.kategori)) != harapan_p:
            salah.append((p.pk, "jpm", (p.jpm, p.kategori), harapan_p))
    if salah:
        raise SystemExit(f"Hasil SQL berbeda dari kompetensi.rules pada {len(salah)} baris, mis. {salah[:3]}")
    return len(peserta_ids)


def _sampel(putaran, rnd: random.Random, acak: int = 200) -> list[int]:
    from kompetensi.models import PesertaPenilaian

    ids = list(PesertaPenilaian.objects.filter(putaran=putaran).order_by("pegawai_id").values_list("id", flat=True))
    varian = [pk for i, pk in enumerate(ids) if i % 100 in VARIASI][:40]
    return sorted(set(varian) | set(rnd.sample(ids, min(acak, len(ids)))) | {ids[0]})


EKSPOR = {
    "tim_matriks_workbook": "ekspor matriks",
    "jpm_workbook": "ekspor JPM",
    "kebutuhan_workbook": "ekspor kebutuhan",
}


def _lxml_versi() -> str | None:
    try:
        from lxml import etree
    except ImportError:
        return None
    return ".".join(str(x) for x in etree.LXML_VERSION[:3])


def ekspor_ukur(putaran, actor, ulang: int) -> dict:
    """Time the three Excel exports of kompetensi/exports/laporan.py over the whole round, on the
    participants the Admin BKD's pages pass them (`tim_peserta`, scope "unit": all N): median of
    `ulang` runs, queries, size of the file, peak Python allocation (a separate run). Checks
    that the matrix and JPM sheets hold one row per participant (untimed)."""
    from io import BytesIO

    import openpyxl

    from kompetensi.exports import laporan
    from kompetensi.selectors.laporan import CAKUPAN_UNIT, tim_peserta

    qs = tim_peserta(actor, putaran=putaran, cakupan=CAKUPAN_UNIT)
    jumlah = qs.count()
    hasil: dict = {
        "lxml": openpyxl.LXML,
        "lxml_versi": _lxml_versi() if openpyxl.LXML else None,
        "openpyxl": openpyxl.__version__,
        "peserta": jumlah,
        "ulang": ulang,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    for nama in EKSPOR:
        fungsi = getattr(laporan, nama)
        waktu = []
        for _ in range(ulang):
            with Ukur() as u:
                isi = fungsi(qs)
            waktu.append(u.detik)
        hasil[nama] = {
            "median_ms": ms(statistics.median(waktu)),
            "min_ms": ms(min(waktu)),
            "max_ms": ms(max(waktu)),
            "queries": u.jumlah,
            "bytes": len(isi),
            "rincian": _rincian(u.queries),
            "tracemalloc_mb": round(_alokasi_puncak(lambda f=fungsi: f(qs)), 2),
        }
        if nama != "kebutuhan_workbook":
            wb = openpyxl.load_workbook(BytesIO(isi), read_only=True)
            for sheet in wb.sheetnames:
                baris_sheet = sum(1 for _ in wb[sheet].iter_rows(values_only=True))
                if baris_sheet != jumlah + 1:
                    raise SystemExit(f"{nama}: lembar {sheet} berisi {baris_sheet} baris, harapan {jumlah + 1}")
            wb.close()
    return hasil


def ekspor_anak(putaran_id: int, ulang: int) -> dict:
    """`ekspor_ukur` in a child process with openpyxl's lxml writer switched off
    (OPENPYXL_LXML=False: openpyxl decides at import), same database and data."""
    return anak_json(
        "bench.kompetensi",
        *("--ekspor-putaran", str(putaran_id), "--ulang-ekspor", str(ulang)),
        env={"OPENPYXL_LXML": "False"},
        gagal="Pengukuran ekspor tanpa lxml gagal",
    )


def _ekspor_cetak(vendor: str, n: int, e: dict) -> None:
    mode = f"lxml {e['lxml_versi']}" if e["lxml"] else "tanpa lxml"
    for nama, label in EKSPOR.items():
        x = e[nama]
        print(
            f"{vendor:10} {n:>7,} {label:19} {x['median_ms']:>9.1f} ms  {x['queries']:>3} query  "
            f"({mode}; {x['bytes'] / 1e6:.2f} MB xlsx; tracemalloc {x['tracemalloc_mb']:.1f} MB; "
            f"median {e['ulang']}x, min {x['min_ms']}, max {x['max_ms']})",
            flush=True,
        )


def jalankan_satu(
    n: int, ulang: int, seed: int, pakai_ulang: bool, ulang_ekspor: int = 3, bandingkan_lxml: bool = True
) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from bench.generate import generate
    from kompetensi.models import Kompetensi, PesertaPenilaian, PutaranPenilaian
    from kompetensi.services.hasil import hasil_hitung
    from kompetensi.services.putaran import putaran_tutup
    from pegawai.models import Pegawai

    vendor = connection.vendor
    rnd = random.Random(seed)
    baris: dict = {"ukuran": n, "vendor": vendor}

    # 1. Employees (reused when a kept database holds exactly n), standard, round.
    if pakai_ulang and Pegawai.objects.count() == n:
        PutaranPenilaian.objects.all().delete()
        baris["generate"] = "dipakai ulang"
        print(f"{vendor:10} {n:>7,} pegawai dipakai ulang", flush=True)
    else:
        if Pegawai.objects.exists():
            call_command("flush", verbosity=0, interactive=False)
        baris["generate"] = generate(n)
    if not Kompetensi.objects.filter(kode__startswith="B-").exists():
        standar_buat()
    statistik_segarkan()
    actor = admin_bkd_akun()

    ringkasan, u = putaran_buka_bench(actor)
    putaran = ringkasan.putaran
    jumlah_hasil = putaran.peserta.aggregate(x=Count("hasil"))["x"]
    baris["buka"] = {
        "ms": ms(u.detik),
        "queries": u.jumlah,
        "peserta": ringkasan.peserta,
        "hasil": jumlah_hasil,
        "rincian": _rincian(u.queries),
    }
    print(
        f"{vendor:10} {n:>7,} putaran_buka        {ms(u.detik):>9.1f} ms  {u.jumlah:>3} query  "
        f"({ringkasan.peserta:,} peserta, {jumlah_hasil:,} baris hasil)",
        flush=True,
    )

    # 2. Inputs.
    isi = masukan_isi(putaran, actor, seed)
    baris["masukan"] = isi
    print(
        f"{vendor:10} {n:>7,} masukan ditulis     {isi['detik'] * 1000:>9.1f} ms  ({isi['penilaian']:,} penilaian, "
        f"{isi['nilai']:,} nilai, {isi['penugasan_rekan']:,} penugasan rekan, {isi['jawaban_rekan']:,} jawaban rekan)",
        flush=True,
    )

    # 3. One participant's recompute and the whole round on fresh tables (no statistics yet, as
    # right after a bulk change), then ANALYZE, then the median of `ulang` runs where every row
    # changes (derived columns emptied first, untimed) and of `ulang` runs where nothing changes.
    ids = list(PesertaPenilaian.objects.filter(putaran=putaran).order_by("pegawai_id").values_list("id", flat=True))
    with Ukur() as u:
        hasil_hitung(putaran=putaran, peserta_ids=[rnd.choice(ids)])
    satu_pertama = u.detik
    with Ukur() as u:
        hasil_hitung(putaran=putaran)
    pertama, q_pertama, rincian_pertama = u.detik, u.jumlah, _rincian(u.queries)
    rencana_pertama = rencana_query(u.queries, "putaran-pertama", n, analyze=False)
    statistik_segarkan()
    berubah, tetap = [], []
    for _ in range(ulang):
        kosongkan(putaran)
        with Ukur() as u:
            hasil_hitung(putaran=putaran)
        berubah.append(u.detik)
    q_berubah, rincian_berubah = u.jumlah, _rincian(u.queries)
    rencana_putaran = rencana_query(u.queries, "putaran", n, persiapan=lambda: kosongkan(putaran, vacuum=False))
    for _ in range(ulang):
        with Ukur() as u:
            hasil_hitung(putaran=putaran)
        tetap.append(u.detik)
    alokasi = _alokasi_puncak(lambda: hasil_hitung(putaran=putaran))
    baris["hitung_putaran"] = {
        "pertama_ms": ms(pertama),
        "pertama_queries": q_pertama,
        "median_ms": ms(statistics.median(berubah)),
        "min_ms": ms(min(berubah)),
        "max_ms": ms(max(berubah)),
        "queries": q_berubah,
        "tanpa_perubahan_median_ms": ms(statistics.median(tetap)),
        "tanpa_perubahan_queries": u.jumlah,
        "rincian_pertama": rincian_pertama,
        "rincian_berubah": rincian_berubah,
        "rincian_tanpa_perubahan": _rincian(u.queries),
        "tracemalloc_mb": round(alokasi, 2),
        "rencana": rencana_putaran["berkas"],
        "rencana_pertama": rencana_pertama["berkas"],
    }
    print(
        f"{vendor:10} {n:>7,} hitung seluruh      {ms(pertama):>9.1f} ms  {q_pertama:>3} query  "
        "(pertama: tabel tanpa statistik, semua baris berubah)",
        flush=True,
    )
    print(
        f"{vendor:10} {n:>7,} hitung seluruh      {ms(statistics.median(berubah)):>9.1f} ms  {q_berubah:>3} query  "
        f"(semua baris berubah; median {ulang}x, min {ms(min(berubah))}, max {ms(max(berubah))})",
        flush=True,
    )
    print(
        f"{vendor:10} {n:>7,} hitung seluruh      {ms(statistics.median(tetap)):>9.1f} ms  {u.jumlah:>3} query  "
        f"(tidak ada yang berubah; median {ulang}x; tracemalloc {alokasi:.2f} MB)",
        flush=True,
    )

    # The per-participant recompute one submission triggers (its rows emptied first, untimed).
    waktu = []
    for pid in rnd.sample(ids, min(20, len(ids))):
        kosongkan(putaran, peserta_id=pid)
        with Ukur() as u:
            hasil_hitung(putaran=putaran, peserta_ids=[pid])
        waktu.append(u.detik)
    rencana_satu = rencana_query(
        u.queries, "satu", n, persiapan=lambda: kosongkan(putaran, peserta_id=pid, vacuum=False)
    )
    baris["hitung_satu"] = {
        "median_ms": ms(statistics.median(waktu)),
        "max_ms": ms(max(waktu)),
        "pertama_ms": ms(satu_pertama),
        "queries": u.jumlah,
        "rencana": rencana_satu["berkas"],
        "scan_penuh": rencana_satu["scan_penuh"],
    }
    print(
        f"{vendor:10} {n:>7,} hitung 1 peserta    {ms(statistics.median(waktu)):>9.1f} ms  {u.jumlah:>3} query  "
        f"(median {len(waktu)} peserta; max {ms(max(waktu))} ms; pertama sebelum ANALYZE {ms(satu_pertama)} ms)",
        flush=True,
    )
    if rencana_satu["scan_penuh"]:
        print("    PERINGATAN: pemindaian penuh tabel besar pada hitung 1 peserta:", file=sys.stderr)
        for b in rencana_satu["scan_penuh"]:
            print(f"      {b}", file=sys.stderr)

    # 4a. Sample check before closing (some peers still held back).
    sampel = _sampel(putaran, rnd)
    baris["periksa_sebelum_tutup"] = periksa_sampel(putaran, sampel)

    # 5. Excel exports of the whole round (Admin BKD: N matrix rows), after ANALYZE; then the same
    # in a child process with openpyxl's lxml writer switched off, for the comparison.
    statistik_segarkan()
    baris["ekspor"] = ekspor_ukur(putaran, actor, ulang_ekspor)
    _ekspor_cetak(vendor, n, baris["ekspor"])
    if baris["ekspor"]["lxml"] and bandingkan_lxml:
        baris["ekspor_tanpa_lxml"] = ekspor_anak(putaran.pk, ulang_ekspor)
        _ekspor_cetak(vendor, n, baris["ekspor_tanpa_lxml"])

    # 3b. Closing: releases every peers' mean, computes the final results, freezes the round.
    with Ukur() as u:
        putaran_tutup(actor=actor, putaran=putaran)
    baris["tutup"] = {"ms": ms(u.detik), "queries": u.jumlah, "rincian": _rincian(u.queries)}
    print(f"{vendor:10} {n:>7,} putaran_tutup       {ms(u.detik):>9.1f} ms  {u.jumlah:>3} query", flush=True)

    # 4b. Sample check after closing (every peers' mean released).
    baris["periksa_setelah_tutup"] = periksa_sampel(putaran, sampel)
    kategori = dict(PesertaPenilaian.objects.filter(putaran=putaran).values_list("kategori").annotate(x=Count("id")))
    baris["kategori"] = kategori
    print(
        f"{vendor:10} {n:>7,} sampel cocok dengan kompetensi.rules: {len(sampel)} peserta (sebelum dan sesudah tutup); "
        f"kategori {kategori}",
        flush=True,
    )
    return baris


def jalankan(
    ukuran: list[int],
    ulang: int,
    seed: int,
    pakai_ulang: bool,
    tanpa_statistik: bool = False,
    ulang_ekspor: int = 3,
    bandingkan_lxml: bool = True,
) -> dict:
    import django

    django.setup()
    if tanpa_statistik:
        # Demonstration only: what the whole round costs when PostgreSQL plans it without
        # statistics (the service refreshes them; this switches that off).
        from kompetensi.services import hasil as layanan_hasil

        layanan_hasil._statistik_segarkan = lambda cursor: None
        print("Penyegaran statistik di hasil_hitung DIMATIKAN (--tanpa-segar-statistik).", flush=True)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    info = mesin()
    print(
        f"Mesin: {info['cpu_count']} CPU ({info['cpu']}), {info['db']}, Python {info['python']}, "
        f"Django {info['django']}, openpyxl {info['openpyxl']}, lxml {info['lxml'] or 'tidak terpasang'}, "
        f"load {info['load_average']}",
        flush=True,
    )
    hasil = [jalankan_satu(n, ulang, seed, pakai_ulang, ulang_ekspor, bandingkan_lxml) for n in ukuran]
    info["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"RSS puncak proses: {info['maxrss_mb']} MB", flush=True)
    return {"mesin": info, "hasil": hasil}


def _ekspor_anak_main(putaran_id: int, ulang: int, parser) -> None:
    """Child of `ekspor_anak`: only ever on the parent's scratch database."""
    if os.environ.get("DATABASE_URL") not in (DB.url(True), DB.url(False)):
        parser.error("--ekspor-putaran hanya untuk proses anak benchmark ini")
    import django

    django.setup()
    from kompetensi.models import PutaranPenilaian

    hasil = ekspor_ukur(PutaranPenilaian.objects.get(pk=putaran_id), admin_bkd_akun(), ulang)
    print(json.dumps(hasil, default=str))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark hasil putaran penilaian kompetensi.")
    parser.add_argument("--pg", action="store_true", help=f"PostgreSQL ({DB.pg_url}) alih-alih SQLite")
    parser.add_argument("--ukuran", default="10000", help="jumlah pegawai, dipisah koma (default 10000)")
    parser.add_argument("--ulang", type=int, default=5, help="jumlah hitung ulang seluruh putaran yang diukur")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--simpan-db", action="store_true", help="jangan hapus basis data benchmark di akhir")
    parser.add_argument(
        "--pakai-ulang", action="store_true", help="pakai basis data yang disimpan (--simpan-db) bila ada"
    )
    parser.add_argument(
        "--tanpa-segar-statistik",
        action="store_true",
        help="peragaan: matikan ANALYZE otomatis hasil_hitung (PostgreSQL) untuk melihat rencana tanpa statistik",
    )
    parser.add_argument("--ulang-ekspor", type=int, default=3, help="jumlah ekspor Excel terukur per jenis (default 3)")
    parser.add_argument(
        "--tanpa-banding-lxml",
        action="store_true",
        help="jangan ulangi ekspor di proses anak dengan OPENPYXL_LXML=False",
    )
    # Internal: the child process of ekspor_anak (database and settings inherited from the parent).
    parser.add_argument("--ekspor-putaran", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ekspor_putaran is not None:
        _ekspor_anak_main(args.ekspor_putaran, max(1, args.ulang_ekspor), parser)
        return
    ukuran = [int(u) for u in args.ukuran.split(",") if u.strip()]
    if not ukuran or min(ukuran) < 10:
        parser.error("--ukuran harus >= 10")
    with DB.dipakai(args.pg, pakai_ulang=args.pakai_ulang, simpan=args.simpan_db):
        hasil = jalankan(
            ukuran,
            max(1, args.ulang),
            args.seed,
            args.pakai_ulang,
            args.tanpa_segar_statistik,
            max(1, args.ulang_ekspor),
            not args.tanpa_banding_lxml,
        )
    keluaran = OUT / f"kompetensi-{'postgresql' if args.pg else 'sqlite'}.json"
    keluaran.write_text(json.dumps(hasil, indent=2, default=str))
    print(f"Hasil lengkap: {keluaran}", file=sys.stderr)


if __name__ == "__main__":
    main()
