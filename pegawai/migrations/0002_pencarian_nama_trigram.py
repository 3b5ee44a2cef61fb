"""PostgreSQL only: a trigram index so the directory's name search (`nama__icontains`, which
Django writes as UPPER(nama::text) LIKE UPPER('%...%')) does not scan every employee.

Needs the pg_trgm extension. Where the database role may not create extensions, the migration
logs a warning and the search stays correct, only slower (docs/PERFORMANCE.md).
"""

import logging

from django.db import migrations

logger = logging.getLogger(__name__)

INDEX = "pegawai_pegawai_nama_trgm"


def buat(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cur.fetchone() is None:
            try:
                cur.execute("SAVEPOINT pg_trgm_sp")
                cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cur.execute("RELEASE SAVEPOINT pg_trgm_sp")
            except Exception:  # noqa: BLE001 - no privilege: keep the migration going
                cur.execute("ROLLBACK TO SAVEPOINT pg_trgm_sp")
                logger.warning("pg_trgm tidak bisa dipasang: pencarian nama pegawai tanpa indeks trigram.")
                return
        cur.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON pegawai_pegawai USING gin ((UPPER(nama::text)) gin_trgm_ops)"
        )


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("pegawai", "0001_initial")]

    operations = [migrations.RunPython(buat, hapus)]
