"""Complaint metrics benchmark: N complaints (100,000 by default) across 30 OPD (120 bidang as
disposition units) and 500 responsible officers, then the metrics selector, the dashboard and
its exports.

    .venv/bin/python -m bench.pengaduan_metrik                         # SQLite under bench/out/, 100,000
    .venv/bin/python -m bench.pengaduan_metrik --pg                    # PostgreSQL database bench_pengaduan
    .venv/bin/python -m bench.pengaduan_metrik --pg --ukuran 10000,100000 --ulang 5
    #   --tanpa-register   skip the full register export (100,000 rows take a while)

For each size: `bench.generate` builds 30 OPD of 181 employees (without accounts); 500 staff
become responsible officers (about 17 per OPD). The complaints are written with `bulk_create`
in batches of 5,000, received over the last 365 days: 70% pengaduan, 20% aspirasi, 10%
information requests; 80% biasa, 15% anonim, 5% rahasia; 8% rejected, the rest verified,
disposed to one of the OPD's four bidang and an officer, and (if old enough) completed, three
quarters of them within the limit of their complexity (5/14/60 working days, approximated
as calendar days x 1.4); open cases past their deadline are left open (overdue); 40% of the
completed are rated; 5% name a pegawai of the OPD, 40% of those substantiated. Identities with
one INSERT ... SELECT; 120 surveyed services with 50 answers each; ANALYZE.

Measured (--ulang runs each, median and max; the number of queries must not change with N):
`pengaduan_metrik` per unit / per petugas / per OPD with and without a user (scope),
`pengaduan_ringkasan`, `pengaduan_metrik_pegawai` (the scoring job), `volume_per_bulan`; the
dashboard page (Django test Client, DEBUG=0) as Admin BKD and as an Admin OPD of one OPD; the
SLA export as Admin BKD; the register export (`register_ekspor`, the function the background
task runs) of one OPD and of the whole Pemda. Results in bench/out/pengaduan_metrik-<db>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
import uuid
import warnings

from bench._umum import OUT, BasisBench, ms, statistik_segarkan

DB = BasisBench(pg="bench_pengaduan", sqlite="pengaduan_metrik.sqlite3")
JUMLAH_OPD = 30
JUMLAH_PETUGAS = 500
BATCH = 5000
HARI = 365


# --------------------------------------------------------------------------------------- data


def _hari(hari: float) -> dt.timedelta:
    return dt.timedelta(days=hari)


def aduan_bangun(n: int, seed: int = 5) -> dict:
    """The complaints described in the module docstring. Returns counts by state."""
    from django.db import connection, transaction
    from django.utils import timezone

    from pegawai.models import Pegawai, UnitKerja
    from pengaduan.lacak import kunci_hash
    from pengaduan.models import IdentitasPelapor, Kelas, Kompleksitas, Pengaduan, Privasi, StatusPengaduan

    S = StatusPengaduan
    rnd = random.Random(seed)
    sekarang = timezone.now()
    hari_ini = timezone.localdate()
    opd = list(UnitKerja.objects.filter(jenis="opd").order_by("kode").values_list("id", flat=True))
    bidang: dict[int, list[int]] = {o: [] for o in opd}
    for b, o in UnitKerja.objects.filter(jenis="bidang").values_list("id", "opd_id"):
        bidang[o].append(b)
    staf: dict[int, list[int]] = {o: [] for o in opd}
    for p, o in Pegawai.objects.filter(jabatan__jenis__in=["pelaksana", "fungsional"]).values_list(
        "id", "unit__opd_id"
    ):
        staf[o].append(p)
    per_opd = JUMLAH_PETUGAS // len(opd)
    petugas = {
        o: rnd.sample(staf[o], min(len(staf[o]), per_opd + (1 if i < JUMLAH_PETUGAS % len(opd) else 0)))
        for i, o in enumerate(opd)
    }
    kunci = kunci_hash("BENC-HMAR-K000")
    sla = {Kompleksitas.SEDERHANA: 5, Kompleksitas.BIASA: 14, Kompleksitas.LAPANGAN: 60}
    kelas = [Kelas.PENGADUAN] * 7 + [Kelas.ASPIRASI] * 2 + [Kelas.INFORMASI]
    privasi = [Privasi.BIASA] * 16 + [Privasi.ANONIM] * 3 + [Privasi.RAHASIA]
    hitung = {"ditolak": 0, "baru": 0, "berjalan": 0, "selesai": 0, "terlambat_terbuka": 0}

    def satu(i: int) -> Pengaduan:
        o = opd[int(rnd.triangular(0, len(opd) - 0.001, 0))]  # a few OPD get more complaints
        diterima = sekarang - _hari(rnd.random() * HARI)
        tgl = timezone.localdate(diterima)
        p = Pengaduan(
            kode=f"ADU-B{i:07d}",
            kunci_hash=kunci,
            token_kirim=uuid.uuid4(),
            kelas=rnd.choice(kelas),
            opd_id=o,
            judul=f"Pengaduan benchmark {i}",
            uraian="Layanan lambat dan petugas tidak ada di loket.",
            tanggal_layanan=tgl - _hari(rnd.randint(0, 20)),
            privasi=rnd.choice(privasi),
            diterima_pada=diterima,
            batas_verifikasi=tgl + _hari(5),
        )
        r = rnd.random()
        if r < 0.08:
            p.status = rnd.choice([S.DITOLAK, S.BUKAN_WEWENANG])
            hitung["ditolak"] += 1
            return p
        umur = (sekarang - diterima).days
        if umur < 4 and r < 0.5:
            hitung["baru"] += 1
            return p
        verifikasi = diterima + _hari(rnd.uniform(0.2, 4))
        p.kompleksitas = rnd.choice(list(sla))
        batas = sla[p.kompleksitas]
        p.terverifikasi_pada = verifikasi
        p.didisposisikan_pada = verifikasi
        p.batas_selesai = timezone.localdate(verifikasi) + _hari(round(batas * 1.4))
        p.batas_tanggapan = timezone.localdate(verifikasi) + _hari(7)
        p.unit_tujuan_id = rnd.choice(bidang[o])
        p.petugas_tindak_id = rnd.choice(petugas[o])
        if rnd.random() < 0.05:
            p.pegawai_terlapor_id = rnd.choice(staf[o])
        hari_kerja = rnd.randint(1, batas) if rnd.random() < 0.75 else rnd.randint(batas + 1, batas * 2)
        selesai = diterima + _hari(hari_kerja * 1.4)
        if selesai < sekarang:
            p.status = S.DIARSIPKAN if rnd.random() < 0.1 else S.SELESAI
            p.selesai_pada = selesai
            p.ditanggapi_pada = verifikasi + _hari(1)
            p.hari_kerja_selesai = hari_kerja
            if rnd.random() < 0.4:
                p.nilai_warga = rnd.randint(1, 5)
            if p.pegawai_terlapor_id:
                p.terbukti = rnd.random() < 0.4
            hitung["selesai"] += 1
        else:
            p.status = rnd.choice([S.DIDISPOSISIKAN, S.DITINDAKLANJUTI])
            hitung["berjalan"] += 1
            hitung["terlambat_terbuka"] += p.batas_selesai < hari_ini
        return p

    with transaction.atomic():
        for mulai in range(0, n, BATCH):
            Pengaduan.objects.bulk_create([satu(i) for i in range(mulai, min(n, mulai + BATCH))])
        with connection.cursor() as cur:
            t_id, t_aduan = IdentitasPelapor._meta.db_table, Pengaduan._meta.db_table
            cur.execute(
                f"INSERT INTO {t_id} (pengaduan_id, nama, email, telepon, alamat) "  # table names from the models
                f"SELECT id, 'Warga ' || kode, 'warga' || id || '@contoh.invalid', '081234567890', '' FROM {t_aduan}"
            )
    return hitung


def skm_bangun(seed: int = 7) -> int:
    """A surveyed service per bidang, 50 answers each over the year."""
    from django.utils import timezone

    from pegawai.models import UnitKerja
    from pengaduan.models import LayananSkm, ResponSkm

    rnd = random.Random(seed)
    layanan = LayananSkm.objects.bulk_create(
        [
            LayananSkm(unit_id=u, nama=f"Layanan {u}", populasi=1000)
            for u in UnitKerja.objects.filter(jenis="bidang").values_list("id", flat=True)
        ]
    )
    respon = [
        ResponSkm(
            layanan=lay,
            **{f"u{k}": rnd.choice([2, 3, 3, 4]) for k in range(1, 10)},
            usia=ResponSkm.Usia.U31_40,
            jenis_kelamin=ResponSkm.JenisKelamin.P,
            pendidikan=ResponSkm.Pendidikan.SMA,
            pekerjaan=ResponSkm.Pekerjaan.WIRASWASTA,
            token_kirim=uuid.uuid4(),
            created_at=timezone.now() - _hari(rnd.random() * HARI),
        )
        for lay in layanan
        for _ in range(50)
    ]
    ResponSkm.objects.bulk_create(respon, batch_size=BATCH)
    return len(respon)


def akun_buat():
    """An Admin BKD (bench.generate) and an Admin OPD of the OPD with the most complaints."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from bench.generate import PASSWORD_TIDAK_BISA_DIPAKAI, admin_bkd_buat
    from pegawai.models import PeranPengguna
    from pengaduan.models import Pengaduan

    bkd = admin_bkd_buat().user
    opd_id = Pengaduan.objects.values("opd_id").annotate(n=Count("id")).order_by("-n").first()["opd_id"]
    admin_opd = get_user_model().objects.create(username="bench-admin-opd-aduan", password=PASSWORD_TIDAK_BISA_DIPAKAI)
    PeranPengguna.objects.create(user=admin_opd, peran=PeranPengguna.Peran.ADMIN_OPD, opd_id=opd_id)
    return bkd, admin_opd, opd_id


# ------------------------------------------------------------------------------------ measuring


def _ulang(fungsi, ulang: int, *, panaskan: bool = True) -> dict:
    from bench.kompetensi import Ukur

    if panaskan:
        fungsi()
    waktu, sql = [], []
    for _ in range(ulang):
        with Ukur() as u:
            hasil = fungsi()
        waktu.append(u.detik)
        sql.append(sum(float(q["time"]) for q in u.queries))
    return {
        "query": u.jumlah,
        "median_ms": ms(statistics.median(waktu)),
        "maks_ms": ms(max(waktu)),
        "sql_ms": ms(statistics.median(sql)),
        "hasil": hasil,
    }


def ukur(bkd, admin_opd, opd_id: int, ulang: int, register: bool) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import timezone

    from asn_kinerja.xlsx import workbook_bytes
    from pengaduan.exports.aduan import register_ekspor, register_qs
    from pengaduan.forms.dasbor import dasbor_pilihan
    from pengaduan.selectors.metrik import (
        pengaduan_metrik,
        pengaduan_metrik_pegawai,
        pengaduan_ringkasan,
        volume_per_bulan,
    )

    hari_ini = timezone.localdate()
    periode = {"mulai": hari_ini - dt.timedelta(days=HARI), "selesai": hari_ini}
    hasil: dict = {}

    def fungsi(nama, f, ringkas):
        r = _ulang(f, ulang)
        r["hasil"] = ringkas(r["hasil"])
        hasil[nama] = r

    n_kelompok = len
    for per in ("unit", "petugas", "opd"):
        fungsi(
            f"metrik per {per} (tanpa user)",
            lambda per=per: pengaduan_metrik(per=per, hari_ini=hari_ini, **periode),
            n_kelompok,
        )
        fungsi(
            f"metrik per {per} (Admin BKD)",
            lambda per=per: pengaduan_metrik(per=per, hari_ini=hari_ini, user=bkd, **periode),
            n_kelompok,
        )
    fungsi("metrik per unit (Admin OPD)", lambda: pengaduan_metrik(per="unit", user=admin_opd, **periode), n_kelompok)
    fungsi(
        "ringkasan (Admin BKD)",
        lambda: pengaduan_ringkasan(user=bkd, **periode),
        lambda m: {"diterima": m.diterima, "persen": str(m.persen_tepat_waktu), "median": m.median_hari_kerja},
    )
    fungsi("metrik pegawai (penilaian)", lambda: pengaduan_metrik_pegawai(**periode), n_kelompok)
    fungsi("volume per bulan (Admin BKD)", lambda: volume_per_bulan(user=bkd, **periode), lambda v: len(v["label"]))

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    param = {k: v.isoformat() for k, v in periode.items()}
    with override_settings(STORAGES=storages):
        for nama, user, url in (
            ("halaman dasbor (Admin BKD)", bkd, reverse("pengaduan:dasbor")),
            ("halaman dasbor (Admin OPD)", admin_opd, reverse("pengaduan:dasbor")),
            ("ekspor SLA (Admin BKD)", bkd, reverse("pengaduan:dasbor-export-sla")),
        ):
            klien = Client()
            klien.force_login(user)

            def minta(klien=klien, url=url):
                resp = klien.get(url, param)
                assert resp.status_code == 200, (url, resp.status_code)
                return len(resp.content)

            fungsi(nama, minta, lambda b: f"{b:,} byte")

    daftar = [("register satu OPD (Admin OPD)", admin_opd, {**param, "opd": str(opd_id)})]
    if register:
        daftar.append(("register seluruh Pemda (Admin BKD)", bkd, param))
    for nama, user, p in daftar:
        pilihan = dasbor_pilihan(user, p)
        assert pilihan.valid, pilihan.form.errors
        # What the user waits for: the rows, the audit entry and the saved file (the content
        # type cache emptied first, so the count is the same in every run).
        ContentType.objects.clear_cache()
        r = _ulang(
            lambda user=user, pilihan=pilihan: len(workbook_bytes(register_ekspor(user, pilihan)[0])), 1, panaskan=False
        )
        r["hasil"] = f"{register_qs(user, pilihan).count():,} baris, {r['hasil'] / 1e6:.1f} MB"
        hasil[nama] = r
    return hasil


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--ukuran", default="100000")
    parser.add_argument("--ulang", type=int, default=5)
    parser.add_argument("--tanpa-register", action="store_true")
    parser.add_argument("--simpan-db", action="store_true")
    args = parser.parse_args(argv)
    # whitenoise: STATIC_ROOT exists only after collectstatic; the bench serves from the finders.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    semua: dict = {}
    info = None
    for n in [int(x) for x in args.ukuran.split(",")]:
        DB.siapkan(args.pg)
        import django
        from django.db import connections

        django.setup()
        connections.close_all()
        from django.core.management import call_command

        from bench.generate import PER_OPD, generate
        from bench.kompetensi import mesin

        call_command("migrate", verbosity=0, interactive=False)
        mulai = time.perf_counter()
        generate(JUMLAH_OPD * PER_OPD, users=False)
        t_pegawai = time.perf_counter() - mulai
        hitung = aduan_bangun(n)
        respon = skm_bangun()
        bkd, admin_opd, opd_id = akun_buat()
        statistik_segarkan()
        detik = time.perf_counter() - mulai
        print(
            f"{n:,} pengaduan ({hitung}), {respon:,} jawaban SKM siap dalam {detik:.0f} detik "
            f"(pegawai {t_pegawai:.0f} detik)"
        )
        info = mesin()
        semua[n] = {
            "data": hitung,
            "detik_data": round(detik, 1),
            "ukur": ukur(bkd, admin_opd, opd_id, args.ulang, not args.tanpa_register),
        }
        for nama, h in semua[n]["ukur"].items():
            print(
                f"  {nama:<38} {h['query']:>3} query  median {h['median_ms']:>8} ms  maks {h['maks_ms']:>8} ms"
                f"  SQL {h['sql_ms']:>8} ms  ({h['hasil']})"
            )
        connections.close_all()
        if not args.simpan_db:
            DB.hapus(args.pg)
    print(f"mesin: {info}")
    db = "postgresql" if args.pg else "sqlite"
    (OUT / f"pengaduan_metrik-{db}.json").write_text(
        json.dumps({"mesin": info, "ukuran": semua}, indent=2, default=str)
    )
    if len(semua) > 1:
        query = {nama: [semua[n]["ukur"][nama]["query"] for n in semua] for nama in next(iter(semua.values()))["ukur"]}
        beda = {nama: q for nama, q in query.items() if len(set(q)) > 1}
        print("jumlah query tetap di setiap ukuran" if not beda else f"JUMLAH QUERY BERUBAH: {beda}")


if __name__ == "__main__":
    main()
