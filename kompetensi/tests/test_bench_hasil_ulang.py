"""Recomputing results after inputs change (hasil_hitung writes only the rows that changed, so a
value going back to empty must still be written), and the statistics refresh PostgreSQL needs
before a whole round (bench/kompetensi.py, docs/PERFORMANCE.md)."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kompetensi import rules
from kompetensi.models import JawabanRekan, NilaiKompetensi, PenilaianKompetensi, PesertaPenilaian
from kompetensi.services.hasil import hasil_hitung
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji

HARI_INI = timezone.localdate()


def _buka(actor, unit):
    return putaran_buka_uji(actor, unit, nama="Putaran Uji Hitung Ulang").putaran


@pytest.fixture
def komp(jabatan_staf):
    komp = [KompetensiFactory() for _ in range(3)]
    for k, level in zip(komp, (2, 3, 2), strict=True):
        StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k, level=level)
    return komp


def _isi(peserta, jenis, penilai, levels):
    pen = PenilaianKompetensi.objects.create(
        peserta=peserta, jenis=jenis, penilai=penilai, status=PenilaianKompetensi.Status.TERKIRIM
    )
    for h, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
        NilaiKompetensi.objects.create(penilaian=pen, kompetensi_id=h.kompetensi_id, level=level)
    return pen


def _baris(peserta):
    return [
        (h.nilai_diri, h.nilai_atasan, h.rekan_jumlah, h.rekan_total, h.capaian, h.gap)
        for h in peserta.hasil.order_by("kompetensi_id")
    ]


@pytest.mark.parametrize("seluruh", [True, False], ids=["putaran", "satu-peserta"])
def test_hitung_ulang_menulis_perubahan_termasuk_kembali_kosong(seluruh, admin_bkd, pegawai, atasan, komp):
    putaran = _buka(admin_bkd.user, [pegawai.unit])
    peserta = putaran.peserta.get(pegawai=pegawai)

    def hitung():
        hasil_hitung(putaran=putaran, peserta_ids=None if seluruh else [peserta.pk])
        peserta.refresh_from_db()

    _isi(peserta, "diri", pegawai, [4, 4, 4])
    pen_atasan = _isi(peserta, "atasan", atasan, [1, 2, 3])
    hitung()
    # (50*1 + 20*4)/70 = 1.86 -> 2 ; (100 + 80)/70 = 2.57 -> 3 ; (150 + 80)/70 = 3.29 -> 3
    assert _baris(peserta) == [(4, 1, 0, 0, 2, 0), (4, 2, 0, 0, 3, 0), (4, 3, 0, 0, 3, 1)]
    assert peserta.jpm == 100

    hitung()  # nothing changed: the same results
    assert _baris(peserta) == [(4, 1, 0, 0, 2, 0), (4, 2, 0, 0, 3, 0), (4, 3, 0, 0, 3, 1)]

    # The supervisor's view disappears (values back to empty) and three peers are released.
    pen_atasan.delete()
    for h in peserta.hasil.order_by("kompetensi_id"):
        for level in (1, 1, 2):
            JawabanRekan.objects.create(peserta=peserta, kompetensi_id=h.kompetensi_id, level=level)
    PesertaPenilaian.objects.filter(pk=peserta.pk).update(rekan_dibuka=True)
    hitung()
    # (20*4 + 30*4/3)/50 = 2.4 -> 2 on every competency
    assert rules.level_gabungan({rules.DIRI: 4, rules.REKAN: rules.rata_rata_rekan([1, 1, 2])}, putaran.bobot) == 2
    assert _baris(peserta) == [(4, None, 3, 4, 2, 0), (4, None, 3, 4, 2, -1), (4, None, 3, 4, 2, 0)]
    assert str(peserta.jpm) == "85.71"  # 6/7

    # Every view gone: no result at all, no JPM.
    PenilaianKompetensi.objects.filter(peserta=peserta).delete()
    JawabanRekan.objects.filter(peserta=peserta).delete()
    hitung()
    assert _baris(peserta) == [(None, None, 0, 0, None, None)] * 3
    assert peserta.jpm is None and peserta.kategori == ""


def _statistik(tabel: str) -> tuple[int, object]:
    with connection.cursor() as cur:
        cur.execute("SELECT n_mod_since_analyze, last_analyze FROM pg_stat_user_tables WHERE relname = %s", [tabel])
        return cur.fetchone()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner statistics")
@pytest.mark.django_db(transaction=True)
def test_putaran_menyegarkan_statistik_tabel_yang_berubah_banyak(admin_bkd, pegawai, atasan, komp):
    putaran = _buka(admin_bkd.user, [pegawai.unit])
    peserta = putaran.peserta.get(pegawai=pegawai)
    JawabanRekan.objects.bulk_create(
        [JawabanRekan(peserta=peserta, kompetensi=k, level=3) for k in komp for _ in range(100)]
    )
    tabel = JawabanRekan._meta.db_table
    for _ in range(50):  # this session's counters reach pg_stat_user_tables when flushed
        with connection.cursor() as cur:
            cur.execute("SELECT pg_stat_force_next_flush()")
        if _statistik(tabel)[0] >= 300:
            break
        time.sleep(0.1)
    assert _statistik(tabel) == (300, None)

    with CaptureQueriesContext(connection) as satu:
        hasil_hitung(putaran=putaran, peserta_ids=[peserta.pk])  # one participant: never an ANALYZE
    with CaptureQueriesContext(connection) as seluruh:
        hasil_hitung(putaran=putaran)
    assert not [q for q in satu.captured_queries if q["sql"].startswith("ANALYZE")]
    assert f'ANALYZE "{tabel}"' in [q["sql"] for q in seluruh.captured_queries]
    assert _statistik(tabel)[1] is not None
