"""The set-based result SQL against the reference arithmetic in `kompetensi.rules`, and the
round snapshot taken when a round opens."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kompetensi import rules
from kompetensi.models import (
    HasilKompetensi,
    JawabanRekan,
    KategoriJpm,
    NilaiKompetensi,
    PenilaianKompetensi,
    PesertaPenilaian,
    PutaranPenilaian,
)
from kompetensi.services.hasil import hasil_hitung
from kompetensi.services.putaran import (
    PESAN_BATAS_LALU,
    PESAN_SUDAH_DITUTUP,
    PESAN_TANPA_PESERTA,
    PESAN_UNIT_DI_LUAR,
    putaran_proses_tenggat,
    putaran_tutup,
)
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji
from pegawai.tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()


def _buka(actor, unit, **kw):
    return putaran_buka_uji(actor, unit, **kw)


@pytest.fixture
def standar_staf(jabatan_staf, jabatan_kabid):
    """Four competencies required of the staff position (levels 1, 2, 3, 2); the supervisor's
    position has one."""
    komp = [KompetensiFactory() for _ in range(4)]
    for k, level in zip(komp, (1, 2, 3, 2), strict=True):
        StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k, level=level)
    StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=komp[0], level=3)
    return komp


def test_buka_putaran_mengambil_snapshot_peserta_dan_standar(admin_bkd, opd_a, pegawai, rekan, atasan, standar_staf):
    tanpa = PegawaiFactory(unit=pegawai.unit, jabatan=PegawaiFactory().jabatan)  # position without a standard
    ringkasan = _buka(admin_bkd.user, [opd_a])
    putaran = ringkasan.putaran
    peserta = {p.pegawai_id: p for p in putaran.peserta.all()}
    # kepala_opd's JPT position has no standard here either.
    assert set(peserta) == {pegawai.pk, rekan.pk, atasan.pk}
    assert ringkasan.peserta == 3
    assert ringkasan.tanpa_standar == 2  # kepala_opd and `tanpa`
    assert tanpa.pk not in peserta
    p = peserta[pegawai.pk]
    assert (p.jabatan_id, p.unit_id, p.opd_id, p.atasan_id) == (
        pegawai.jabatan_id,
        pegawai.unit_id,
        opd_a.pk,
        atasan.pk,
    )
    assert sorted(p.hasil.values_list("standar", flat=True)) == [1, 2, 2, 3]
    assert putaran.opd_id == opd_a.pk


def test_pegawai_di_putaran_lain_yang_dibuka_dilewati(admin_bkd, opd_a, pegawai, rekan, atasan, standar_staf):
    _buka(admin_bkd.user, [pegawai.unit])
    with pytest.raises(ValidationError) as exc:
        _buka(admin_bkd.user, [pegawai.unit])
    assert exc.value.message_dict["unit"] == [PESAN_TANPA_PESERTA]
    assert PutaranPenilaian.objects.count() == 1


def test_admin_opd_tidak_dapat_membuka_putaran_opd_lain(admin_opd, opd_b, outsider, standar_staf):
    with pytest.raises(ValidationError) as exc:
        _buka(admin_opd.user, [opd_b])
    assert PESAN_UNIT_DI_LUAR in exc.value.message_dict["unit"]
    assert not PutaranPenilaian.objects.exists()


def test_bobot_harus_100_dan_batas_tidak_lampau(admin_bkd, opd_a, pegawai, standar_staf):
    with pytest.raises(ValidationError) as exc:
        _buka(
            admin_bkd.user,
            [opd_a],
            bobot_atasan=50,
            bobot_diri=20,
            bobot_rekan=20,
            batas_diri=HARI_INI - datetime.timedelta(days=1),
        )
    assert exc.value.message_dict["batas_diri"] == [PESAN_BATAS_LALU]
    assert "Jumlah bobot harus 100 (sekarang 90)." in str(exc.value)
    assert not PutaranPenilaian.objects.exists()


def _isi(peserta, jenis, levels, penilai):
    pen = PenilaianKompetensi.objects.create(
        peserta=peserta, jenis=jenis, penilai=penilai, status=PenilaianKompetensi.Status.TERKIRIM
    )
    for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
        if level is not None:
            NilaiKompetensi.objects.create(penilaian=pen, kompetensi_id=hasil.kompetensi_id, level=level)


def _rekan(peserta, daftar_levels):
    for levels in daftar_levels:
        for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
            JawabanRekan.objects.create(peserta=peserta, kompetensi_id=hasil.kompetensi_id, level=level)


def test_hasil_contoh_hitung_tangan(admin_bkd, opd_a, pegawai, atasan, standar_staf):
    putaran = _buka(admin_bkd.user, [pegawai.unit]).putaran
    peserta = putaran.peserta.get(pegawai=pegawai)
    # standar 1, 2, 3, 2 (by kompetensi id)
    _isi(peserta, "atasan", [2, 2, 2, 1], atasan)
    _isi(peserta, "diri", [3, 3, 3, 3], pegawai)
    _rekan(peserta, [[1, 2, 3, 1], [1, 2, 3, 1], [2, 3, 3, 1]])

    hasil_hitung(putaran=putaran)
    h = list(peserta.hasil.order_by("kompetensi_id"))
    # Peers not released yet: atasan 50 + diri 20 -> (50*2 + 20*3)/70 = 2.29 -> 2
    assert [x.capaian for x in h] == [2, 2, 2, 2]
    assert [x.rekan_jumlah for x in h] == [0, 0, 0, 0]

    PesertaPenilaian.objects.filter(pk=peserta.pk).update(rekan_dibuka=True)
    hasil_hitung(putaran=putaran)
    h = list(peserta.hasil.order_by("kompetensi_id"))
    # K1: (50*2 + 20*3 + 30*4/3)/100 = 2.0 -> 2 ; K2: (100 + 60 + 30*7/3)/100 = 2.3 -> 2
    # K3: (100 + 60 + 90)/100 = 2.5 -> 3 (half up) ; K4: (50 + 60 + 30)/100 = 1.4 -> 1
    assert [x.capaian for x in h] == [2, 2, 3, 1]
    assert [x.gap for x in h] == [1, 0, 0, -1]
    assert h[0].rekan_rata == Decimal("1.33")
    peserta.refresh_from_db()
    # JPM = (1 + 2 + 3 + 1) / (1 + 2 + 3 + 2) = 7/8 = 87.5 -> Cukup Optimal
    assert peserta.jpm == Decimal("87.50")
    assert peserta.kategori == KategoriJpm.CUKUP_OPTIMAL


def test_rekan_kurang_dari_tiga_tidak_dipakai_dan_tidak_disimpan_jumlahnya(
    admin_bkd, opd_a, pegawai, atasan, standar_staf
):
    putaran = _buka(admin_bkd.user, [pegawai.unit]).putaran
    peserta = putaran.peserta.get(pegawai=pegawai)
    _isi(peserta, "atasan", [1, 1, 1, 1], atasan)
    _rekan(peserta, [[5, 5, 5, 5], [5, 5, 5, 5]])
    PesertaPenilaian.objects.filter(pk=peserta.pk).update(rekan_dibuka=True)
    hasil_hitung(putaran=putaran)
    h = peserta.hasil.order_by("kompetensi_id").first()
    assert (h.capaian, h.rekan_jumlah, h.rekan_total, h.rekan_rata) == (1, 2, 0, None)


def test_tanpa_masukan_tidak_ada_hasil_dan_jpm_kosong(admin_bkd, opd_a, pegawai, standar_staf):
    putaran = _buka(admin_bkd.user, [pegawai.unit]).putaran
    hasil_hitung(putaran=putaran)
    peserta = putaran.peserta.get(pegawai=pegawai)
    assert peserta.jpm is None and peserta.kategori == ""
    assert set(peserta.hasil.values_list("capaian", flat=True)) == {None}


@pytest.mark.parametrize("acak", range(3))
def test_sql_sama_dengan_aturan_referensi(acak, admin_bkd, opd_a, atasan, jabatan_staf, standar_staf):
    rng = random.Random(acak)
    staf = [PegawaiFactory(unit=atasan.unit, jabatan=jabatan_staf, atasan=atasan) for _ in range(12)]
    bobot = rng.choice([(50, 20, 30), (60, 40, 0), (34, 33, 33), (100, 0, 0), (0, 100, 0)])
    putaran = _buka(
        admin_bkd.user, [atasan.unit], bobot_atasan=bobot[0], bobot_diri=bobot[1], bobot_rekan=bobot[2]
    ).putaran
    harapan = {}
    for p in staf:
        peserta = putaran.peserta.get(pegawai=p)
        n = len(standar_staf)
        diri = [rng.choice([None, 1, 2, 3, 4, 5]) for _ in range(n)] if rng.random() < 0.8 else None
        ats = [rng.choice([1, 2, 3, 4, 5]) for _ in range(n)] if rng.random() < 0.8 else None
        jumlah_rekan = rng.choice([0, 2, 3, 4, 5])
        rekan = [[rng.randint(1, 5) for _ in range(n)] for _ in range(jumlah_rekan)]
        dibuka = rng.random() < 0.7
        if diri is not None:
            _isi(peserta, "diri", diri, p)
        if ats is not None:
            _isi(peserta, "atasan", ats, atasan)
        _rekan(peserta, rekan)
        if dibuka:
            PesertaPenilaian.objects.filter(pk=peserta.pk).update(rekan_dibuka=True)
        pasangan = []
        for i, h in enumerate(peserta.hasil.order_by("kompetensi_id")):
            nilai = {
                rules.ATASAN: ats[i] if ats else None,
                rules.DIRI: diri[i] if diri else None,
                rules.REKAN: rules.rata_rata_rekan([r[i] for r in rekan]) if dibuka else None,
            }
            capaian = rules.level_gabungan(nilai, putaran.bobot)
            pasangan.append((capaian, h.standar))
            harapan[(peserta.pk, h.kompetensi_id)] = capaian
        nilai_jpm = rules.jpm(pasangan) if any(c is not None for c, _ in pasangan) else None
        harapan[peserta.pk] = (rules.jpm_tampil(nilai_jpm), rules.kategori_jpm(nilai_jpm))

    hasil_hitung(putaran=putaran)
    for h in HasilKompetensi.objects.filter(peserta__putaran=putaran, peserta__pegawai__in=staf):
        assert h.capaian == harapan[(h.peserta_id, h.kompetensi_id)]
        assert h.gap == (None if h.capaian is None else h.capaian - h.standar)
    label = dict(KategoriJpm.choices)
    for peserta in putaran.peserta.filter(pegawai__in=staf):
        jpm, kategori = harapan[peserta.pk]
        assert peserta.jpm == jpm
        assert (label[peserta.kategori] if peserta.kategori else None) == kategori


def test_tutup_membuka_rekan_membekukan_hasil(admin_bkd, opd_a, pegawai, atasan, standar_staf):
    putaran = _buka(admin_bkd.user, [pegawai.unit]).putaran
    peserta = putaran.peserta.get(pegawai=pegawai)
    _isi(peserta, "atasan", [1, 1, 1, 1], atasan)
    _rekan(peserta, [[5, 5, 5, 5]] * 3)
    putaran_tutup(actor=admin_bkd.user, putaran=putaran)
    h = peserta.hasil.order_by("kompetensi_id").first()
    assert (h.capaian, h.rekan_jumlah) == (3, 3)  # (50*1 + 30*5)/80 = 2.5 -> 3
    # Frozen: a later input changes nothing.
    JawabanRekan.objects.create(peserta=peserta, kompetensi_id=h.kompetensi_id, level=1)
    putaran.refresh_from_db()
    hasil_hitung(putaran=putaran)
    h.refresh_from_db()
    assert (h.capaian, h.rekan_jumlah) == (3, 3)
    with pytest.raises(ValidationError) as exc:
        putaran_tutup(actor=admin_bkd.user, putaran=putaran)
    assert exc.value.messages == [PESAN_SUDAH_DITUTUP]


def test_tenggat_rekan_lewat_membuka_rata_rata(admin_bkd, opd_a, pegawai, atasan, standar_staf):
    putaran = _buka(admin_bkd.user, [pegawai.unit]).putaran
    peserta = putaran.peserta.get(pegawai=pegawai)
    _rekan(peserta, [[4, 4, 4, 4]] * 3)
    assert putaran_proses_tenggat(hari_ini=putaran.batas_rekan) == 0
    assert putaran_proses_tenggat(hari_ini=putaran.batas_rekan + datetime.timedelta(days=1)) == 1
    peserta.refresh_from_db()
    assert peserta.rekan_dibuka
    assert set(peserta.hasil.values_list("capaian", flat=True)) == {4}
