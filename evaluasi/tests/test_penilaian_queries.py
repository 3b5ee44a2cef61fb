"""Query counts of the assessment pages, pinned at two data sizes: the count must not grow with
the number of RHK, indicators, realisations, evidence, feedback, log entries, peers,
subordinates or periods."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluasi.models import (
    EkspektasiKhusus,
    EvaluasiPegawai,
    JawabanRekanKinerja,
    KomentarRekanKinerja,
    NilaiDasar,
    PenilaianDiriKinerja,
    Periode,
)
from evaluasi.services.penilaian import RatingMasuk, penilaian_diri_simpan, penilaian_finalkan
from evaluasi.services.periode import evaluasi_pastikan
from evaluasi.tests.factories import periode_uji
from evaluasi.tests.test_penilaian_fixture import isi_periode, nilai_semua, siap_buat, tambah_rhk
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(admin_bkd, pegawai, atasan):
    """pegawai's evaluation in a period in "penilaian", rated by atasan (test_penilaian_fixture)."""
    return siap_buat(admin_bkd.user, pegawai, atasan)


# Generous ceilings (the exact count is pinned by the equality of the two sizes).
MAKS = {"evaluasi-nilai": 40, "evaluasi-diri": 30, "evaluasi-detail": 35, "evaluasi-dokumen": 35}


def _hitung(klien, url) -> int:
    klien.get(url)  # warm-up: session, content types
    with CaptureQueriesContext(connection) as ctx:
        resp = klien.get(url)
    assert resp.status_code == 200, url
    return len(ctx.captured_queries)


def _rekan(ev, jumlah: int, atasan) -> None:
    """`jumlah` peers' answers (released), plus a comment each."""
    nilai = list(NilaiDasar.objects.all())
    JawabanRekanKinerja.objects.bulk_create(
        JawabanRekanKinerja(evaluasi=ev, nilai_dasar=n, skor=3 + i % 3) for n in nilai for i in range(jumlah)
    )
    KomentarRekanKinerja.objects.bulk_create(
        KomentarRekanKinerja(evaluasi=ev, teks=f"Komentar {i}") for i in range(jumlah)
    )
    EvaluasiPegawai.objects.filter(pk=ev.pk).update(rekan_dibuka=True)


def _ekspektasi(skp, atasan, jumlah: int) -> None:
    for n in NilaiDasar.objects.order_by("urutan")[:jumlah]:
        EkspektasiKhusus.objects.get_or_create(
            skp=skp, nilai_dasar=n, defaults={"teks": "Harapan", "ditulis_oleh": atasan.user}
        )


@pytest.mark.parametrize("halaman", ["evaluasi-nilai", "evaluasi-diri", "evaluasi-detail", "evaluasi-dokumen"])
def test_jumlah_query_halaman_penilaian_tetap(login, s, pegawai, atasan, halaman):
    penilaian_diri_simpan(
        actor=pegawai.user,
        evaluasi=s.ev,
        versi=0,
        rhk={r.pk: RatingMasuk("sesuai") for r in s.rhk},
        rating_hasil="sesuai",
        rating_perilaku="sesuai",
        refleksi="Refleksi",
        kirim=halaman != "evaluasi-diri",
    )
    _rekan(s.ev, 3, atasan)
    _ekspektasi(s.skp, atasan, 1)
    isi_periode(s, log=1)
    if halaman != "evaluasi-diri":
        nilai_semua(s, atasan.user)
    klien = login(pegawai if halaman == "evaluasi-diri" else atasan)
    url = reverse(f"evaluasi:{halaman}", args=[s.ev.pk])
    kecil = _hitung(klien, url)

    # Six times the data: more RHK (Utama and Tambahan), indicators, realisations with evidence
    # and feedback, log entries, peers, ekspektasi.
    tambah_rhk(s.skp, jumlah=4, indikator=3)
    from evaluasi.models import Realisasi

    Realisasi.objects.filter(indikator__rhk__skp=s.skp).delete()
    isi_periode(s, log=30)
    _rekan(s.ev, 2, atasan)
    _ekspektasi(s.skp, atasan, 7)
    if halaman != "evaluasi-diri":
        nilai_semua(s, atasan.user)
    besar = _hitung(klien, url)
    assert besar == kecil
    assert kecil <= MAKS[halaman]


def test_jumlah_query_daftar_tim_tetap(login, s, atasan, bidang_a, jabatan_staf):
    url = reverse("evaluasi:evaluasi-list")
    klien = login(atasan)

    def bawahan(n):
        for _ in range(n):
            p = PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
            ev = evaluasi_pastikan(periode=s.periode, pegawai=p)
            PenilaianDiriKinerja.objects.create(evaluasi=ev, refleksi="x")

    bawahan(1)
    kecil = _hitung(klien, url)
    bawahan(5)
    nilai_semua(s, atasan.user, hasil="di_atas")
    besar = _hitung(klien, url)
    assert besar == kecil
    assert kecil <= 20


def test_jumlah_query_riwayat_tetap(login, s, atasan, pegawai, admin_bkd):
    nilai_semua(s, atasan.user)
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    url = reverse("evaluasi:evaluasi-riwayat")
    klien = login(pegawai)
    kecil = _hitung(klien, url)
    for jenis in ("tahunan", "semester"):
        periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN, jenis=jenis)
        EvaluasiPegawai.objects.filter(periode=periode, pegawai=pegawai).update(
            status="final", rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
        )
    besar = _hitung(klien, url)
    assert besar == kecil
    assert kecil <= 12
