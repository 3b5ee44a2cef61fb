"""What the benchmark scripts share: their scratch database and the settings they run under.

Each script has its own database (a SQLite file under bench/out/, or a PostgreSQL database on
the local server as postgres without a password), so two scripts never touch each other's data
nor the project's db.sqlite3. `BasisBench.siapkan` must run before django.setup(): it sets
DATABASE_URL and runs the app as in production (DEBUG off, a random SECRET_KEY) but over plain
HTTP for Django's test Client. Nothing here imports Django.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def pg_db(nama: str, *, buat: bool, ganti: bool = True) -> bool:
    """(Re)create the PostgreSQL database `nama`, or drop it (its open connections too). Returns
    False when `buat` and not `ganti` and it already exists (it is then kept)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        ada = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nama]).fetchone()
        if buat and ada and not ganti:
            return False
        if ada:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(nama)))
        if buat:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nama)))
    return True


@dataclass(frozen=True)
class BasisBench:
    """One script's scratch database: `pg` is the PostgreSQL database name, `sqlite` the file
    name under bench/out/."""

    pg: str
    sqlite: str

    @property
    def pg_url(self) -> str:
        return f"{PG_SERVER}/{self.pg}"

    @property
    def sqlite_berkas(self) -> Path:
        return OUT / self.sqlite

    def url(self, pg: bool) -> str:
        return self.pg_url if pg else f"sqlite:///{self.sqlite_berkas}"

    def siapkan(self, pg: bool, *, pakai_ulang: bool = False) -> None:
        """A fresh database (or, with `pakai_ulang`, the one a previous run kept) and the
        environment settings.py reads."""
        OUT.mkdir(exist_ok=True)
        if pg:
            pg_db(self.pg, buat=True, ganti=not pakai_ulang)
        elif not pakai_ulang:
            self._sqlite_hapus()
        os.environ.update(
            {
                "DATABASE_URL": self.url(pg),
                "DJANGO_SETTINGS_MODULE": "asn_kinerja.settings",
                "DEBUG": "0",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ALLOWED_HOSTS": "testserver",
                "SECURE_SSL_REDIRECT": "0",
                "SESSION_COOKIE_SECURE": "0",
                "CSRF_COOKIE_SECURE": "0",
                "LOG_LEVEL": "WARNING",
                # Build exports in the request so their time is measured (the background task
                # runs the same builder); otherwise a large export only queues a task.
                "EKSPOR_LATAR_MIN_BARIS": "1000000000",
            }
        )

    @contextmanager
    def dipakai(self, pg: bool, *, pakai_ulang: bool = False, simpan: bool = False):
        """The database for the `with` block (`siapkan`); afterwards, even when the block
        fails, Django's connections are closed and the database is dropped unless `simpan`."""
        self.siapkan(pg, pakai_ulang=pakai_ulang)
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            if not simpan:
                self.hapus(pg)

    def hapus(self, pg: bool) -> None:
        """Drop the database (close Django's connections first)."""
        if pg:
            pg_db(self.pg, buat=False)
        else:
            self._sqlite_hapus()

    def _sqlite_hapus(self) -> None:
        for lama in OUT.glob(f"{self.sqlite}*"):  # with its -wal / -shm / -journal
            lama.unlink()


def statistik_segarkan() -> None:
    """Fresh planner statistics after bulk writes, as autovacuum would give them later."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def ms(detik: float) -> float:
    return round(detik * 1000, 1)


def waktu_ms(client, url: str, params: dict | None, ulang: int) -> list[float]:
    """Server time of `ulang` GET requests through Django's test Client, in ms, sorted."""
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        client.get(url, params)
        waktu.append((time.perf_counter() - mulai) * 1000)
    return sorted(waktu)


def anak_json(modul: str, *argumen: str, env: dict | None = None, gagal: str) -> dict:
    """Run `python -m <modul> <argumen>` from the project folder with this environment (so the
    same database) plus `env`, and return the JSON object on its last line of output. A failure
    stops the benchmark with `gagal` and the child's output."""
    proses = subprocess.run(  # noqa: S603 (this interpreter and a bench module, fixed arguments)
        [sys.executable, "-m", modul, *argumen],
        env={**os.environ, **(env or {})},
        cwd=OUT.parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    if proses.returncode:
        raise SystemExit(f"{gagal}:\n{proses.stdout}\n{proses.stderr}")
    return json.loads(proses.stdout.strip().splitlines()[-1])
