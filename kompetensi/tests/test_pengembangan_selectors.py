"""Recommendations for negative gaps, the hours of a year (JP arithmetic at the year boundary)
and who is in the 20-JP compliance scope."""

import datetime

import pytest

from kompetensi.models import HasilKompetensi, PesertaPenilaian
from kompetensi.selectors import pengembangan as sel
from kompetensi.tests.factories import (
    KompetensiFactory,
    ProgramKompetensiFactory,
    ProgramPengembanganFactory,
    PutaranPenilaianFactory,
    RencanaPengembanganFactory,
)
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def _peserta(pegawai, putaran=None) -> PesertaPenilaian:
    return PesertaPenilaian.objects.create(
        putaran=putaran or PutaranPenilaianFactory(),
        pegawai=pegawai,
        jabatan=pegawai.jabatan,
        unit=pegawai.unit,
        opd=pegawai.unit.opd or pegawai.unit,
        atasan=pegawai.atasan,
    )


def _hasil(peserta, kompetensi, standar, capaian) -> HasilKompetensi:
    return HasilKompetensi.objects.create(
        peserta=peserta, kompetensi=kompetensi, standar=standar, capaian=capaian, gap=capaian - standar
    )


def _sasaran(kompetensi, level, jp, nama=None, aktif=True):
    program = ProgramPengembanganFactory(jp=jp, aktif=aktif, **({"nama": nama} if nama else {}))
    ProgramKompetensiFactory(program=program, kompetensi=kompetensi, level_target=level)
    return program


# --- recommendations --------------------------------------------------------------------------


def test_rekomendasi_terbaik_dulu_paling_banyak_tiga(pegawai):
    k = KompetensiFactory(nama="Komunikasi")
    peserta = _peserta(pegawai)
    _hasil(peserta, k, standar=3, capaian=1)
    l2 = _sasaran(k, 2, 4, "Level 2 singkat")  # below the standard, still lifts the person
    l3_panjang = _sasaran(k, 3, 24, "Level 3 panjang")
    l3_singkat = _sasaran(k, 3, 8, "Level 3 singkat")
    l4 = _sasaran(k, 4, 12, "Level 4")
    _sasaran(k, 1, 2, "Level 1: tidak mengangkat")
    _sasaran(k, 3, 2, "Nonaktif", aktif=False)
    l5 = _sasaran(k, 5, 2, "Level 5 singkat")

    [r] = sel.rekomendasi_peserta(peserta)

    assert r.kompetensi == k and r.hasil.gap == -2
    # Reaching the standard first, closest level first, then fewer JP.
    assert [s.program for s in r.program] == [l3_singkat, l3_panjang, l4]
    assert [s.mencapai_standar for s in r.program] == [True, True, True]
    assert {l2, l5}.isdisjoint(s.program for s in r.program)


def test_rekomendasi_di_bawah_standar_bila_tidak_ada_yang_mencapai(pegawai):
    k = KompetensiFactory()
    peserta = _peserta(pegawai)
    _hasil(peserta, k, standar=4, capaian=1)
    l2, l3 = _sasaran(k, 2, 4), _sasaran(k, 3, 40)
    [r] = sel.rekomendasi_peserta(peserta)
    assert [(s.program, s.mencapai_standar) for s in r.program] == [(l3, False), (l2, False)]


def test_rekomendasi_hanya_gap_negatif_dan_program_di_atas_capaian(pegawai, rekan):
    k_gap, k_pas, k_tanpa = KompetensiFactory(), KompetensiFactory(), KompetensiFactory()
    peserta = _peserta(pegawai)
    _hasil(peserta, k_gap, standar=3, capaian=1)
    _hasil(peserta, k_pas, standar=2, capaian=2)  # no gap: no recommendation
    _hasil(peserta, k_tanpa, standar=3, capaian=2)  # gap without a suitable programme
    _sasaran(k_gap, 2, 8)
    _sasaran(k_pas, 3, 8)
    _sasaran(k_tanpa, 2, 8)  # not above the attained level
    HasilKompetensi.objects.create(peserta=peserta, kompetensi=KompetensiFactory(), standar=2)  # not computed
    _hasil(_peserta(rekan), k_gap, standar=5, capaian=1)  # someone else's

    hasil = sel.rekomendasi_peserta(peserta)

    # Largest gap first; a gap without a suitable programme is still listed.
    assert [(r.kompetensi, r.hasil.gap, len(r.program)) for r in hasil] == [(k_gap, -2, 1), (k_tanpa, -1, 0)]
    assert {r.hasil.peserta_id for r in hasil} == {peserta.pk}


def test_rekomendasi_menandai_program_yang_sudah_direncanakan(pegawai):
    k = KompetensiFactory()
    peserta = _peserta(pegawai)
    _hasil(peserta, k, standar=2, capaian=1)
    a, b = _sasaran(k, 2, 4), _sasaran(k, 2, 8)
    rencana = RencanaPengembanganFactory(pegawai=pegawai, program=a)
    RencanaPengembanganFactory(pegawai=pegawai, program=b, status="batal")
    [r] = sel.rekomendasi_peserta(peserta)
    assert [(s.program, s.rencana_id) for s in r.program] == [(a, rencana.pk), (b, None)]


@pytest.mark.parametrize("n", [2, 12])
def test_rekomendasi_jumlah_query_tetap(pegawai, django_assert_num_queries, n):
    peserta = _peserta(pegawai)
    for i in range(n):
        k = KompetensiFactory()
        _hasil(peserta, k, standar=3, capaian=1 + i % 2)
        for level in (2, 3, 4, 5):
            _sasaran(k, level, 4 + level)
    RencanaPengembanganFactory(pegawai=pegawai)
    with django_assert_num_queries(3):  # gaps, candidate programmes, open plans
        hasil = sel.rekomendasi_peserta(peserta)
    assert len(hasil) == n and all(len(r.program) == 3 for r in hasil)


def test_rekomendasi_konteks_hanya_perencana_boleh_menjadikan_rencana(pegawai, atasan, rekan, admin_opd):
    k = KompetensiFactory()
    peserta = _peserta(pegawai)
    _hasil(peserta, k, standar=2, capaian=1)
    _sasaran(k, 2, 4)
    assert sel.rekomendasi_konteks(user=atasan.user, peserta=peserta)["bisa_rencana"] is True
    assert sel.rekomendasi_konteks(user=admin_opd.user, peserta=peserta)["bisa_rencana"] is True
    assert sel.rekomendasi_konteks(user=pegawai.user, peserta=peserta)["bisa_rencana"] is False
    assert sel.rekomendasi_konteks(user=pegawai.user, peserta=None) == {"rekomendasi": [], "bisa_rencana": False}


# --- hours of a year --------------------------------------------------------------------------


def _selesai(pegawai, tanggal, jp, **kw):
    return RencanaPengembanganFactory(
        pegawai=pegawai,
        tanggal_mulai=tanggal - datetime.timedelta(days=2),
        tanggal_selesai=tanggal,
        status="selesai",
        jp_realisasi=jp,
        tanggal_realisasi=tanggal,
        **kw,
    )


def test_jp_dihitung_pada_tahun_tanggal_pelaksanaan(pegawai, rekan):
    _selesai(pegawai, datetime.date(2025, 12, 31), 7)  # counts for 2025
    _selesai(pegawai, datetime.date(2026, 1, 1), 5)  # counts for 2026
    _selesai(pegawai, datetime.date(2026, 12, 31), 10)
    _selesai(pegawai, datetime.date(2027, 1, 1), 40)
    # Planned, counted by its planned end; cancelled never counts.
    RencanaPengembanganFactory(
        pegawai=pegawai,
        tanggal_mulai=datetime.date(2025, 12, 20),
        tanggal_selesai=datetime.date(2026, 1, 5),
        jp_rencana=6,
    )
    RencanaPengembanganFactory(
        pegawai=pegawai,
        tanggal_mulai=datetime.date(2026, 3, 1),
        tanggal_selesai=datetime.date(2026, 3, 1),
        jp_rencana=50,
        status="batal",
    )
    # A plan that ran over the new year and was completed on 2 January counts for 2026 (the day it finished).
    RencanaPengembanganFactory(
        pegawai=pegawai,
        tanggal_mulai=datetime.date(2025, 12, 29),
        tanggal_selesai=datetime.date(2025, 12, 31),
        status="selesai",
        jp_realisasi=3,
        tanggal_realisasi=datetime.date(2026, 1, 2),
    )
    _selesai(rekan, datetime.date(2026, 6, 1), 99)

    assert sel.jp_ringkas([pegawai.pk], 2025) == {pegawai.pk: (7, 0)}
    assert sel.jp_ringkas([pegawai.pk, rekan.pk], 2026) == {pegawai.pk: (5 + 10 + 3, 6), rekan.pk: (99, 0)}
    assert sel.jp_ringkas([pegawai.pk], 2027) == {pegawai.pk: (40, 0)}
    assert sel.jp_ringkas([pegawai.pk], 2024) == {pegawai.pk: (0, 0)}
    assert sel.jp_ringkas([], 2026) == {}


def test_jp_ringkas_satu_query(pegawai, rekan, django_assert_num_queries):
    orang = [pegawai, rekan] + [PegawaiFactory(unit=pegawai.unit) for _ in range(10)]
    for p in orang:
        _selesai(p, datetime.date(2026, 5, 1), 4)
    with django_assert_num_queries(1):
        hasil = sel.jp_ringkas([p.pk for p in orang], 2026)
    assert set(hasil.values()) == {(4, 0)}


def test_jp_tahun_bilah_kemajuan():
    jp = sel.JpTahun(tahun=2026, selesai=12, direncanakan=6)
    assert (jp.terpenuhi, jp.kurang, jp.persen_selesai, jp.persen_rencana, jp.cukup_dengan_rencana) == (
        False,
        8,
        60,
        30,
        False,
    )
    penuh = sel.JpTahun(tahun=2026, selesai=25, direncanakan=10)
    assert (penuh.terpenuhi, penuh.kurang, penuh.persen_selesai, penuh.persen_rencana) == (True, 0, 100, 0)
    hampir = sel.JpTahun(tahun=2026, selesai=19, direncanakan=40)
    assert (hampir.persen_selesai, hampir.persen_rencana, hampir.cukup_dengan_rencana) == (95, 5, True)


def test_partial_jp_tahun_berbahasa_indonesia(rf):
    from django.template.loader import render_to_string

    html = render_to_string("kompetensi/_jp_tahun.html", {"jp": sel.JpTahun(tahun=2026, selesai=12, direncanakan=4)})
    assert "12 dari 20 JP tahun 2026" in html
    assert "Kurang 8 JP" in html
    assert "width: 60%" in html and "width: 20%" in html


# --- compliance scope -------------------------------------------------------------------------


def test_cakupan_20_jp_pns_cpns_pppk_aktif_dalam_lingkup(admin_opd, admin_bkd, atasan, pegawai, rekan, outsider):
    pppk = PegawaiFactory(unit=pegawai.unit, atasan=atasan, status_kepegawaian="pppk", golongan="IX")
    cpns = PegawaiFactory(unit=pegawai.unit, atasan=atasan, status_kepegawaian="cpns", golongan="III/a")
    nonaktif = PegawaiFactory(unit=pegawai.unit, atasan=atasan, aktif=False)
    tim = set(sel.jp_scope(atasan.user).values_list("pk", flat=True))
    assert tim == {pegawai.pk, rekan.pk, pppk.pk, cpns.pk}
    opd = set(sel.jp_scope(admin_opd.user).values_list("pk", flat=True))
    assert {pegawai.pk, rekan.pk, pppk.pk, atasan.pk, admin_opd.pk} <= opd
    assert outsider.pk not in opd and nonaktif.pk not in opd
    assert outsider.pk in set(sel.jp_scope(admin_bkd.user).values_list("pk", flat=True))
    assert not sel.jp_scope(pegawai.user).exists()


def test_rekomendasi_dari_putaran_tertutup_terbaru_sebelum_putaran_terbuka(pegawai):
    k = KompetensiFactory()
    tahun = datetime.date.today().year
    lama = _peserta(pegawai, PutaranPenilaianFactory(tanggal_mulai=datetime.date(tahun - 2, 1, 1), status="ditutup"))
    tutup = _peserta(pegawai, PutaranPenilaianFactory(tanggal_mulai=datetime.date(tahun - 1, 1, 1), status="ditutup"))
    buka = _peserta(pegawai, PutaranPenilaianFactory(tanggal_mulai=datetime.date(tahun, 1, 1)))
    for p in (lama, tutup, buka):
        _hasil(p, k, standar=2, capaian=1)
    assert sel.peserta_terakhir(pegawai.pk) == tutup
    PesertaPenilaian.objects.filter(pk__in=[lama.pk, tutup.pk]).delete()
    assert sel.peserta_terakhir(pegawai.pk) == buka  # provisional, before any round closed
    HasilKompetensi.objects.filter(peserta=buka).update(capaian=None, gap=None)
    assert sel.peserta_terakhir(pegawai.pk) is None


def test_ringkasan_lingkup_untuk_kartu_beranda(atasan, pegawai, rekan, outsider, django_assert_num_queries):
    tahun = datetime.date.today().year
    _selesai(pegawai, datetime.date(tahun, 3, 1), 20)
    _selesai(rekan, datetime.date(tahun, 3, 1), 19)
    _selesai(outsider, datetime.date(tahun, 3, 1), 40)
    sel.jp_scope(atasan.user)  # roles loaded once per request
    with django_assert_num_queries(1):
        ringkasan = sel.jp_ringkasan_lingkup(user=atasan.user, tahun=tahun)
    assert (ringkasan.jumlah, ringkasan.memenuhi, ringkasan.kurang, ringkasan.persen) == (2, 1, 1, 50)
