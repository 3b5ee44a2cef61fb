"""Bulk-generate N employees in a realistic tree, for benchmarks (not part of the test run).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_asn .venv/bin/python -m bench.generate 100000

Shape: OPD > 4 bidang > 4 seksi, with the kepala OPD, kepala bidang and kepala seksi as the
atasan chain (the first OPD head, the Sekda, supervises the other OPD heads) and about ten staff
per seksi; the last OPD is filled only as far as N needs. NIPs are valid and unique by
construction (birth date and sequence number come from the row index). Everything is written
with `bulk_create` in batches inside one transaction: no signals, so no audit rows, and one
shared unusable password for all accounts (no hashing). The target database must hold no
employees yet (use a scratch database); migrations are applied first.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta

BIDANG_PER_OPD = 4
SEKSI_PER_BIDANG = 4
STAF_PER_SEKSI = 10
PER_OPD = 1 + BIDANG_PER_OPD * (1 + SEKSI_PER_BIDANG * (1 + STAF_PER_SEKSI))  # 181 employees
BATCH = 2000
PASSWORD_TIDAK_BISA_DIPAKAI = "!bench-tanpa-kata-sandi"  # noqa: S105 ("!" = unusable in Django)

# kode -> (nama, jenis, jenjang); staff positions are drawn from the last ones
JABATAN = {
    "B-JPT": ("Kepala Dinas", "jpt", "pratama"),
    "B-ADM": ("Kepala Bidang", "administrator", ""),
    "B-PGW": ("Kepala Seksi", "pengawas", ""),
    "B-PL-UMUM": ("Pengadministrasi Umum", "pelaksana", ""),
    "B-PL-KEU": ("Pengelola Keuangan", "pelaksana", ""),
    "B-FG-ASDM": ("Analis SDM Aparatur Ahli Pertama", "fungsional", "pertama"),
    "B-FG-GURU": ("Guru Ahli Muda", "fungsional", "muda"),
    "B-FG-PERAWAT": ("Perawat Terampil", "fungsional", "terampil"),
}
STAF_JABATAN = ["B-PL-UMUM", "B-PL-KEU", "B-FG-ASDM", "B-FG-GURU", "B-FG-PERAWAT"]
GOLONGAN = {"jpt": "IV/c", "administrator": "IV/a", "pengawas": "III/d"}
GOLONGAN_STAF = ["II/c", "II/d", "III/a", "III/b", "III/c"]


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_kinerja.settings")
    import django

    django.setup()


def nip_buat(i: int, perempuan: bool) -> str:
    """Valid and unique for each i: (birth date, sequence) is a bijection of i."""
    lahir = date(1965, 1, 1) + timedelta(days=i % 12000)  # 1965 .. 1997
    urut = i // 12000 + 1  # 1 .. 834 for a million rows
    tmt_tahun = lahir.year + 23
    return f"{lahir:%Y%m%d}{tmt_tahun:04d}{i % 12 + 1:02d}{2 if perempuan else 1}{urut:03d}"


def _batches(rows: list, size: int = BATCH):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def generate(n: int, *, users: bool = True, seed: int = 1, out=sys.stdout) -> dict:
    """Create n employees (and their units, positions, accounts and open placements).

    Returns {"pegawai": n, "unit": ..., "detik": ...}. Refuses a database that already has employees.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone

    from pegawai.demo.data import NAMA_BELAKANG, NAMA_BELAKANG_WANITA, NAMA_DEPAN_PRIA, NAMA_DEPAN_WANITA
    from pegawai.hierarki import jalur_hitung_ulang
    from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja

    User = get_user_model()
    if Pegawai.objects.exists():
        raise SystemExit("Basis data sudah berisi pegawai: gunakan basis data kosong untuk benchmark.")
    rnd = random.Random(seed)
    mulai = time.perf_counter()
    jumlah_opd = max(1, -(-n // PER_OPD))

    with transaction.atomic():
        jabatan = {
            j.kode: j
            for j in Jabatan.objects.bulk_create(
                [
                    Jabatan(kode=k, nama=nama, jenis=jenis, jenjang=jenjang)
                    for k, (nama, jenis, jenjang) in JABATAN.items()
                ]
            )
        }

        # Units, one level at a time (each level needs its parents' ids).
        pemda = UnitKerja.objects.create(kode="B-PEMDA", nama="Pemerintah Provinsi Benchmark", jenis="pemda")
        opd = UnitKerja.objects.bulk_create(
            [UnitKerja(kode=f"B-{o:04d}", nama=f"Dinas {o:04d}", jenis="opd", induk=pemda) for o in range(jumlah_opd)],
            batch_size=BATCH,
        )
        UnitKerja.objects.filter(jenis="opd", kode__startswith="B-").update(opd=F("id"))
        bidang = []
        for o in opd:
            for b in range(BIDANG_PER_OPD):
                bidang.append(
                    UnitKerja(
                        kode=f"{o.kode}-{b}", nama=f"Bidang {b + 1} {o.nama}", jenis="bidang", induk=o, opd_id=o.pk
                    )
                )
        bidang = UnitKerja.objects.bulk_create(bidang, batch_size=BATCH)
        seksi = []
        for bd in bidang:
            for s in range(SEKSI_PER_BIDANG):
                seksi.append(
                    UnitKerja(
                        kode=f"{bd.kode}-{s}",
                        nama=f"Seksi {s + 1} {bd.nama}",
                        jenis="subbidang",
                        induk=bd,
                        opd_id=bd.opd_id,
                    )
                )
        seksi = UnitKerja.objects.bulk_create(seksi, batch_size=BATCH)
        t_unit = time.perf_counter() - mulai

        # Employees, one level of the hierarchy at a time: heads before their staff.
        nomor = 0

        def orang(unit, kode_jabatan, atasan_id):
            nonlocal nomor
            perempuan = rnd.random() < 0.5
            depan = rnd.choice(NAMA_DEPAN_WANITA if perempuan else NAMA_DEPAN_PRIA)
            belakang = rnd.choice(NAMA_BELAKANG + (NAMA_BELAKANG_WANITA if perempuan else ()))
            nama_jabatan, jenis, _ = JABATAN[kode_jabatan]
            p = Pegawai(
                nip=nip_buat(nomor, perempuan),
                nama=f"{depan} {belakang}",
                status_kepegawaian="pns",
                golongan=GOLONGAN.get(jenis) or rnd.choice(GOLONGAN_STAF),
                unit_id=unit.pk,
                jabatan_id=jabatan[kode_jabatan].pk,
                atasan_id=atasan_id,
                email=f"{depan.lower()}.{nomor}@bench.invalid",
            )
            nomor += 1
            return p

        def simpan(rows: list) -> list:
            if not rows:
                return rows
            if users:
                akun = User.objects.bulk_create(
                    [User(username=p.nip, first_name=p.nama, password=PASSWORD_TIDAK_BISA_DIPAKAI) for p in rows],
                    batch_size=BATCH,
                )
                for p, u in zip(rows, akun, strict=True):
                    p.user_id = u.pk
            return Pegawai.objects.bulk_create(rows, batch_size=BATCH)

        sisa = n
        # The first OPD head (Sekda) first: every other OPD head reports to them.
        kepala_opd = simpan([orang(opd[0], "B-JPT", None)])
        sisa -= 1
        kepala_opd += simpan([orang(o, "B-JPT", kepala_opd[0].pk) for o in opd[1 : 1 + min(sisa, len(opd) - 1)]])
        sisa = n - len(kepala_opd)
        kepala_per_opd = {p.unit_id: p.pk for p in kepala_opd}
        kabid = simpan([orang(b, "B-ADM", kepala_per_opd[b.opd_id]) for b in bidang[:sisa]])
        sisa -= len(kabid)
        kabid_per_unit = {p.unit_id: p.pk for p in kabid}
        kasi = simpan([orang(s, "B-PGW", kabid_per_unit[s.induk_id]) for s in seksi[:sisa]])
        sisa -= len(kasi)
        staf = []
        # Staff go seksi by seksi, about STAF_PER_SEKSI each, until n is reached.
        for s, k in zip(seksi, kasi, strict=False):
            for _ in range(STAF_PER_SEKSI):
                if len(staf) >= sisa:
                    break
                staf.append(orang(s, rnd.choice(STAF_JABATAN), k.pk))
        for batch in _batches(staf, 20000):
            simpan(batch)
        total = Pegawai.objects.count()
        jalur_hitung_ulang()
        # One open placement each, set-based (one INSERT ... SELECT instead of n objects).
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {RiwayatJabatan._meta.db_table} "  # table names come from the models
                "(pegawai_id, unit_id, jabatan_id, mulai, keterangan, dicatat_pada) "
                f"SELECT id, unit_id, jabatan_id, %s, %s, %s FROM {Pegawai._meta.db_table}",
                [date(2024, 1, 2), "Data benchmark", timezone.now()],
            )
    detik = time.perf_counter() - mulai
    hasil = {
        "pegawai": total,
        "unit": 1 + len(opd) + len(bidang) + len(seksi),
        "akun": users,
        "detik_unit": round(t_unit, 2),
        "detik": round(detik, 2),
    }
    print(
        f"{total:,} pegawai, {hasil['unit']:,} unit dibuat dalam {detik:.1f} detik (unit {t_unit:.1f} detik).",
        file=out,
    )
    return hasil


def admin_bkd_buat():
    """An Admin BKD account placed in the first OPD (the benchmark's viewer). Returns the Pegawai."""
    from django.contrib.auth import get_user_model

    from pegawai.models import Jabatan, Pegawai, PeranPengguna, UnitKerja

    User = get_user_model()
    opd = UnitKerja.objects.filter(jenis="opd").order_by("kode").first()
    user = User.objects.create(username="199001012015011999", password=PASSWORD_TIDAK_BISA_DIPAKAI)
    p = Pegawai.objects.create(
        nip=user.username,
        nama="Admin BKD Benchmark",
        status_kepegawaian="pns",
        golongan="III/c",
        unit=opd,
        jabatan=Jabatan.objects.get(kode="B-FG-ASDM"),
        user=user,
    )
    PeranPengguna.objects.create(user=user, peran=PeranPengguna.Peran.ADMIN_BKD)
    return p


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Bangkitkan N pegawai untuk benchmark (DATABASE_URL).")
    parser.add_argument("n", type=int, help="jumlah pegawai, mis. 10000 atau 100000")
    parser.add_argument("--tanpa-akun", action="store_true", help="jangan buat akun (User) per pegawai")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("n harus >= 1")
    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    generate(args.n, users=not args.tanpa_akun, seed=args.seed)


if __name__ == "__main__":
    main()
