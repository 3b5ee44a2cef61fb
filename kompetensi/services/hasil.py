"""Results of a competency round, computed set-based in SQL (one statement per step, whatever the
number of participants), the same arithmetic as `kompetensi.rules` (tests hold them equal):

- attained level = the weighted mean of the views present (supervisor, self, the peers' mean
  with at least MIN_REKAN answers once released), weights renormalised over those views, kept
  as an exact integer fraction and rounded once, half up: floor((2*num + den) / (2*den));
- gap = attained - required;
- JPM = sum(min(attained or 0, required)) / sum(required) x 100, stored truncated to two
  decimals; the category is decided on the exact fraction (89.999 is Cukup Optimal).

`hasil_hitung` is idempotent: it recomputes every derived column from the inputs and writes the
rows that changed. It refuses a closed round (results are frozen); `putaran_tutup` computes once
more before closing. Figures for a round of 10,000: docs/PERFORMANCE.md (bench/kompetensi.py).
The SQL is portable between PostgreSQL and SQLite >= 3.33 (UPDATE ... FROM).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from ..models import (
    HasilKompetensi,
    JawabanRekan,
    KategoriJpm,
    NilaiKompetensi,
    PenilaianKompetensi,
    PesertaPenilaian,
    PutaranPenilaian,
)
from ..rules import MIN_REKAN

T_HASIL = HasilKompetensi._meta.db_table
T_PESERTA = PesertaPenilaian._meta.db_table
T_PENILAIAN = PenilaianKompetensi._meta.db_table
T_NILAI = NilaiKompetensi._meta.db_table
T_JAWABAN = JawabanRekan._meta.db_table

TERKIRIM = PenilaianKompetensi.Status.TERKIRIM.value


def _capaian_sql() -> str:
    """The attained level from columns d (self), a (supervisor), rj/rt (peers' count and sum)
    and parameters %(wa)s, %(wd)s, %(wr)s; NULL when no view is present."""
    rekan = f"(rj >= {MIN_REKAN})"
    n = f"(CASE WHEN {rekan} THEN rj ELSE 1 END)"
    num = (
        f"({n} * (CASE WHEN a IS NULL THEN 0 ELSE %(wa)s * a END + CASE WHEN d IS NULL THEN 0 ELSE %(wd)s * d END)"
        f" + CASE WHEN {rekan} THEN %(wr)s * rt ELSE 0 END)"
    )
    w = (
        "(CASE WHEN a IS NULL THEN 0 ELSE %(wa)s END + CASE WHEN d IS NULL THEN 0 ELSE %(wd)s END"
        f" + CASE WHEN {rekan} THEN %(wr)s ELSE 0 END)"
    )
    den = f"({n} * {w})"
    return f"CASE WHEN {w} = 0 THEN NULL ELSE (2 * {num} + {den}) / (2 * {den}) END"


# The derived columns of a result row and their new value in the select `v` below.
KOLOM_HASIL = (
    ("nilai_diri", "v.d"),
    ("nilai_atasan", "v.a"),
    ("rekan_jumlah", "v.rj"),
    ("rekan_total", "v.rt"),
    ("capaian", "v.capaian"),
    ("gap", "v.capaian - v.standar"),
)


def _beda(a: str, b: str) -> str:
    """NULL-safe "differs" (SQLite spells it IS NOT; IS DISTINCT FROM only from 3.39)."""
    return f"{a} IS NOT ({b})" if connection.vendor == "sqlite" else f"{a} IS DISTINCT FROM ({b})"


def _daftar_peserta(peserta_ids: list[int] | None, params: dict) -> str | None:
    """The participants as an SQL list of parameters, or None for the whole round."""
    if peserta_ids is None:
        return None
    params.update({f"p{i}": pk for i, pk in enumerate(peserta_ids)})
    return "(" + ", ".join(f"%(p{i})s" for i in range(len(peserta_ids))) + ")"


def _filter(kolom: str, daftar: str | None) -> str:
    return "" if daftar is None else f" AND {kolom} IN {daftar}"


def _sql_hasil(daftar: str | None) -> str:
    # The inner select gathers the inputs of every result row of the round; the middle one adds
    # the attained level; the UPDATE writes inputs, level and gap in one pass, only to the rows
    # where something changed (a recompute of a round rewrites a few rows, not 10 per
    # participant). The filter on the updated table itself lets one participant's recompute
    # reach its rows by index.
    filter_sql = _filter("ps.id", daftar)
    return f"""
UPDATE {T_HASIL} SET {", ".join(f"{kolom} = {nilai}" for kolom, nilai in KOLOM_HASIL)}
FROM (
    SELECT x.*, {_capaian_sql()} AS capaian FROM (
        SELECT h.id AS hid, h.standar,
               nd.level AS d, na.level AS a,
               CASE WHEN ps.rekan_dibuka THEN COALESCE(r.jumlah, 0) ELSE 0 END AS rj,
               CASE WHEN ps.rekan_dibuka AND COALESCE(r.jumlah, 0) >= {MIN_REKAN} THEN r.total ELSE 0 END AS rt
        FROM {T_HASIL} h
        JOIN {T_PESERTA} ps ON ps.id = h.peserta_id
        LEFT JOIN {T_PENILAIAN} pd ON pd.peserta_id = ps.id AND pd.jenis = 'diri' AND pd.status = '{TERKIRIM}'
        LEFT JOIN {T_NILAI} nd ON nd.penilaian_id = pd.id AND nd.kompetensi_id = h.kompetensi_id
        LEFT JOIN {T_PENILAIAN} pa ON pa.peserta_id = ps.id AND pa.jenis = 'atasan' AND pa.status = '{TERKIRIM}'
        LEFT JOIN {T_NILAI} na ON na.penilaian_id = pa.id AND na.kompetensi_id = h.kompetensi_id
        LEFT JOIN (
            SELECT j.peserta_id, j.kompetensi_id, COUNT(*) AS jumlah, SUM(j.level) AS total
            FROM {T_JAWABAN} j JOIN {T_PESERTA} ps ON ps.id = j.peserta_id
            WHERE ps.putaran_id = %(putaran)s AND %(rekan_aktif)s{filter_sql}
            GROUP BY j.peserta_id, j.kompetensi_id
        ) r ON r.peserta_id = h.peserta_id AND r.kompetensi_id = h.kompetensi_id
        WHERE ps.putaran_id = %(putaran)s{filter_sql}
    ) x
) v
WHERE {T_HASIL}.id = v.hid{_filter(f"{T_HASIL}.peserta_id", daftar)}
  AND ({" OR ".join(_beda(f"{T_HASIL}.{kolom}", nilai) for kolom, nilai in KOLOM_HASIL)})
"""


def _sql_jpm(daftar: str | None) -> str:
    # Filtering the updated table too: without it PostgreSQL reads every participant of every
    # round to find one participant's row.
    filter_sql = _filter("ps.id", daftar)
    return f"""
UPDATE {T_PESERTA} SET
    jpm = CASE WHEN s.ada = 0 THEN NULL ELSE (s.cap * 10000 / s.std) / 100.0 END,
    kategori = CASE WHEN s.ada = 0 THEN ''
                    WHEN s.cap * 10 >= s.std * 9 THEN '{KategoriJpm.OPTIMAL.value}'
                    WHEN s.cap * 100 >= s.std * 78 THEN '{KategoriJpm.CUKUP_OPTIMAL.value}'
                    ELSE '{KategoriJpm.KURANG_OPTIMAL.value}' END,
    hasil_dihitung_pada = %(sekarang)s
FROM (
    SELECT h.peserta_id,
           SUM(CASE WHEN h.capaian IS NULL THEN 0 WHEN h.capaian < h.standar THEN h.capaian ELSE h.standar END) AS cap,
           SUM(h.standar) AS std,
           COUNT(h.capaian) AS ada
    FROM {T_HASIL} h JOIN {T_PESERTA} ps ON ps.id = h.peserta_id
    WHERE ps.putaran_id = %(putaran)s{filter_sql}
    GROUP BY h.peserta_id
) s
WHERE {T_PESERTA}.id = s.peserta_id AND {T_PESERTA}.putaran_id = %(putaran)s{_filter(f"{T_PESERTA}.id", daftar)}
"""


def hasil_hitung(*, putaran: PutaranPenilaian, peserta_ids: Iterable[int] | None = None, paksa: bool = False) -> None:
    """Recompute the results of the whole round, or of some participants. `paksa` lets
    `putaran_tutup` compute the final results while it holds the round's lock."""
    if not paksa and putaran.status != PutaranPenilaian.Status.DIBUKA:
        return  # frozen
    ids = None if peserta_ids is None else sorted({int(pk) for pk in peserta_ids})
    if ids == []:
        return
    params = {
        "putaran": putaran.pk,
        "wa": putaran.bobot_atasan,
        "wd": putaran.bobot_diri,
        "wr": putaran.bobot_rekan if putaran.rekan_aktif else 0,
        "rekan_aktif": bool(putaran.rekan_aktif),
        "sekarang": timezone.now(),
    }
    daftar = _daftar_peserta(ids, params)
    with transaction.atomic(), connection.cursor() as cursor:
        if daftar is None and connection.vendor == "postgresql":
            _statistik_segarkan(cursor)
        cursor.execute(_sql_hasil(daftar), params)
        cursor.execute(_sql_jpm(daftar), params)


TABEL_MASUKAN = (T_PESERTA, T_HASIL, T_PENILAIAN, T_NILAI, T_JAWABAN)


def _statistik_segarkan(cursor) -> None:
    """PostgreSQL, before a whole round: ANALYZE the input tables that changed by more than
    autovacuum's own threshold (50 rows + 10%) since their last ANALYZE. Without statistics of
    a bulk change (a round of 10,000 just opened and filled, autovacuum off or not there yet)
    the planner takes the tables for a few rows and rescans whole tables once per row: 32 s
    instead of 0.5 s for 2,000 participants, quadratic (docs/PERFORMANCE.md). Usually
    autovacuum has done it and this is one catalogue query. Without ownership of a table
    PostgreSQL skips it with a warning."""
    cursor.execute(
        "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
        "AND relname = ANY(%s) AND n_mod_since_analyze > 50 + n_live_tup / 10",
        [list(TABEL_MASUKAN)],
    )
    for (tabel,) in cursor.fetchall():
        if tabel in TABEL_MASUKAN:  # only our own names reach the statement
            cursor.execute(f"ANALYZE {connection.ops.quote_name(tabel)}")
