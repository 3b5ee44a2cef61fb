"""Public complaint form throughput: N complaints filed through `layanan:aduan-create` from K
threads against a local gunicorn, as citizens would (GET the form for its CSRF cookie, CSRF
token and one-time token_kirim, then POST it and follow nothing).

    .venv/bin/python -m bench.pengaduan_kirim --pg                      # PostgreSQL bench_pengaduan_kirim, 500 x 8
    .venv/bin/python -m bench.pengaduan_kirim --pg --jumlah 2000 --utas 16 --worker 4
    .venv/bin/python -m bench.pengaduan_kirim                           # SQLite (one writer at a time)

Setup: a scratch database (bench._umum.BasisBench), migrations, 20 OPD and one Petugas
Pengaduan account per OPD (each new complaint notifies them, as in production). Then
gunicorn (sync workers, --worker of them, default 4 = `-w 4` of docs/DEPLOYMENT.md) is started
in a child process on 127.0.0.1 and a free port, with DEBUG=0, the static files served
unhashed (no collectstatic needed), e-mail to the dummy backend, and LAJU_ADUAN raised to
1000000/m: the rate limit counts per client address, and every request here comes from
127.0.0.1. After 20 warm-up submissions, N submissions run from K threads, each thread with
its own cookie jar. Printed: submissions per second (a GET and a POST each), p50/p95/max
latency of the GET and of the POST, and the check that exactly N new complaints exist (every
POST must answer 302 to the receipt). Results: bench/out/pengaduan_kirim-<db>.json.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor

from bench._umum import OUT, BasisBench, ms

DB = BasisBench(pg="bench_pengaduan_kirim", sqlite="pengaduan_kirim.sqlite3")
JUMLAH_OPD = 20
PEMANASAN = 20
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TOKEN = re.compile(r'name="token_kirim" value="([^"]+)"')
_OPD = re.compile(r'<option value="(\d+)"')


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def siapkan() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    from bench.generate import PASSWORD_TIDAK_BISA_DIPAKAI
    from pegawai.models import PeranPengguna, UnitKerja

    call_command("migrate", verbosity=0, interactive=False)
    pemda = UnitKerja.objects.create(kode="B-PEMDA", nama="Pemerintah Kota Benchmark", jenis="pemda")
    for i in range(JUMLAH_OPD):
        opd = UnitKerja.objects.create(kode=f"B-{i:02d}", nama=f"Dinas {i:02d}", jenis="opd", induk=pemda)
        UnitKerja.objects.filter(pk=opd.pk).update(opd=opd)
        user = get_user_model().objects.create(username=f"bench-petugas-{i}", password=PASSWORD_TIDAK_BISA_DIPAKAI)
        PeranPengguna.objects.create(user=user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=opd)
    connections.close_all()


def jumlah_aduan() -> int:
    from django.db import connections

    from pengaduan.models import Pengaduan

    n = Pengaduan.objects.count()
    connections.close_all()
    return n


# --- the server (child process) ------------------------------------------------------------------


def server(port: int, worker: int) -> None:
    """gunicorn in this process, Django loaded in each worker with plain static storage."""
    from gunicorn.app.base import BaseApplication

    class Aplikasi(BaseApplication):
        def load_config(self):
            for k, v in {"bind": f"127.0.0.1:{port}", "workers": worker, "loglevel": "warning", "timeout": 60}.items():
                self.cfg.set(k, v)

        def load(self):
            import django
            from django.test.utils import override_settings

            django.setup()
            # DEBUG=0 expects collectstatic's manifest; the bench serves the files unhashed.
            override_settings(
                STORAGES={
                    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
                }
            ).enable()
            from django.core.wsgi import get_wsgi_application

            return get_wsgi_application()

    Aplikasi().run()


def _server_mulai(port: int, worker: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LAJU_ADUAN": "1000000/m",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    proses = subprocess.Popen(  # noqa: S603 (this interpreter and this module, fixed arguments)
        [sys.executable, "-m", "bench.pengaduan_kirim", "--server", str(port), "--worker", str(worker)],
        env=env,
        cwd=OUT.parent.parent,
    )
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/layanan/", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return proses
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    proses.terminate()
    raise SystemExit("gunicorn tidak siap dalam 60 detik")


# --- the citizens (threads) ----------------------------------------------------------------------


class Warga:
    """One browser: its own cookies; `kirim(i)` files complaint i and returns (GET s, POST s)."""

    def __init__(self, basis: str):
        self.basis = basis
        self.url = f"{basis}/layanan/pengaduan/baru/"
        self.buka = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _TanpaAlih()
        )

    def kirim(self, i: int, opd: list[str]) -> tuple[float, float]:
        mulai = time.perf_counter()
        with self.buka.open(self.url, timeout=60) as r:
            html = r.read().decode()
        t_get = time.perf_counter() - mulai
        data = {
            "csrfmiddlewaretoken": _CSRF.search(html).group(1),
            "token_kirim": _TOKEN.search(html).group(1),
            "kelas": "pengaduan",
            "opd": opd[i % len(opd)],
            "judul": f"Antrean layanan terlalu lama ({i})",
            "uraian": "Saya menunggu tiga jam di loket pelayanan dan petugas tidak ada di tempat. " * 3,
            "tanggal_layanan": time.strftime("%Y-%m-%d", time.localtime(time.time() - 3 * 86400)),
            "lokasi": "Kantor pelayanan terpadu",
            "kerugian": "Waktu kerja hilang setengah hari.",
            "harapan": "Petugas loket hadir sesuai jam layanan.",
            "privasi": ("biasa", "anonim", "rahasia")[i % 3],
            "nama": f"Warga Benchmark {i}",
            "telepon": "081234567890",
        }
        permintaan = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            self.url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": self.url}, method="POST"
        )
        mulai = time.perf_counter()
        try:
            with self.buka.open(permintaan, timeout=60) as r:
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        t_post = time.perf_counter() - mulai
        if status != 302:
            raise RuntimeError(f"POST {i}: status {status}")
        return t_get, t_post


class _TanpaAlih(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 to the receipt is the answer measured


def _persen(nilai: list[float], p: float) -> float:
    urut = sorted(nilai)
    return urut[min(len(urut) - 1, int(round(p / 100 * (len(urut) - 1))))]


def ukur(port: int, jumlah: int, utas: int) -> dict:
    basis = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(f"{basis}/layanan/pengaduan/baru/", timeout=30) as r:  # noqa: S310
        opd = _OPD.findall(r.read().decode())
    lokal = threading.local()

    def satu(i: int) -> tuple[float, float]:
        if not hasattr(lokal, "warga"):
            lokal.warga = Warga(basis)
        return lokal.warga.kirim(i, opd)

    with ThreadPoolExecutor(utas) as kolam:
        list(kolam.map(satu, range(PEMANASAN)))
        mulai = time.perf_counter()
        hasil = list(kolam.map(satu, range(PEMANASAN, PEMANASAN + jumlah)))
        detik = time.perf_counter() - mulai
    get = [h[0] for h in hasil]
    post = [h[1] for h in hasil]
    return {
        "jumlah": jumlah,
        "utas": utas,
        "detik": round(detik, 2),
        "kirim_per_detik": round(jumlah / detik, 1),
        "get_ms": {"p50": ms(statistics.median(get)), "p95": ms(_persen(get, 95)), "maks": ms(max(get))},
        "post_ms": {"p50": ms(statistics.median(post)), "p95": ms(_persen(post, 95)), "maks": ms(max(post))},
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--jumlah", type=int, default=500, help="pengaduan yang diukur (bawaan 500)")
    parser.add_argument("--utas", type=int, default=8, help="utas pengirim bersamaan (bawaan 8)")
    parser.add_argument("--worker", type=int, default=4, help="worker gunicorn (bawaan 4)")
    parser.add_argument("--simpan-db", action="store_true")
    parser.add_argument("--server", type=int, help=argparse.SUPPRESS)  # internal: run gunicorn on this port
    args = parser.parse_args(argv)
    # whitenoise: STATIC_ROOT exists only after collectstatic; the bench serves from the finders.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    if args.server:
        server(args.server, args.worker)
        return
    with DB.dipakai(args.pg, simpan=args.simpan_db):
        siapkan()
        from bench.kompetensi import mesin

        info = mesin()
        port = _port_bebas()
        proses = _server_mulai(port, args.worker)
        try:
            hasil = ukur(port, args.jumlah, args.utas)
        finally:
            proses.terminate()
            proses.wait(timeout=30)
        tersimpan = jumlah_aduan()
        if tersimpan != PEMANASAN + args.jumlah:
            raise SystemExit(f"Tersimpan {tersimpan} pengaduan, seharusnya {PEMANASAN + args.jumlah}.")
    hasil.update(worker=args.worker, mesin=info)
    print(
        f"{args.jumlah} pengaduan dari {args.utas} utas, gunicorn {args.worker} worker ({info['db']}): "
        f"{hasil['kirim_per_detik']} kirim/detik dalam {hasil['detik']} s; "
        f"GET p50 {hasil['get_ms']['p50']} ms p95 {hasil['get_ms']['p95']} ms; "
        f"POST p50 {hasil['post_ms']['p50']} ms p95 {hasil['post_ms']['p95']} ms maks {hasil['post_ms']['maks']} ms"
    )
    db = "postgresql" if args.pg else "sqlite"
    (OUT / f"pengaduan_kirim-{db}.json").write_text(json.dumps(hasil, indent=2))


if __name__ == "__main__":
    main()
