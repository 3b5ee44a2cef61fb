"""SKP services: creating and copying, RHK rows and the cascade, the optimistic lock, the
workflow (submit, return, approve) with notifications, and the ekspektasi khusus pimpinan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from evaluasi.models import (
    EkspektasiKhusus,
    EvaluasiPegawai,
    IndikatorKinerja,
    NilaiDasar,
    Periode,
    Realisasi,
    RencanaHasilKerja,
    Skp,
)
from evaluasi.services import skp as s
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import IndikatorFactory, RhkFactory, SasaranUnitFactory, periode_uji, skp_uji
from notifikasi.models import Notifikasi

pytestmark = pytest.mark.django_db

TAHUN = s.tahun_ini()
UTAMA, TAMBAHAN = RencanaHasilKerja.Jenis.UTAMA, RencanaHasilKerja.Jenis.TAMBAHAN


def _ind(target="12", uraian="Jumlah dokumen", **kw) -> s.IndikatorData:
    return s.IndikatorData(aspek=kw.pop("aspek", "kuantitas"), uraian=uraian, target=target, satuan="dokumen", **kw)


def _rhk(actor, skp, *, rhk=None, jenis=UTAMA, uraian="Tersusunnya dokumen", indikator=None, **kw):
    skp.refresh_from_db()
    return s.rhk_simpan(
        actor=actor,
        skp=skp,
        rhk=rhk,
        versi=kw.pop("versi", skp.versi),
        jenis=jenis,
        uraian=uraian,
        indikator=indikator if indikator is not None else [_ind()],
        **kw,
    )


def _pesan(exc: pytest.ExceptionInfo) -> list[str]:
    return exc.value.messages


@pytest.fixture
def skp_atasan(atasan):
    return skp_uji(atasan)


@pytest.fixture
def draf(pegawai):
    return s.skp_buat(actor=pegawai.user, tahun=TAHUN)


def _siap_diajukan(pegawai, draf, skp_atasan):
    _rhk(pegawai.user, draf, rhk_atasan_id=skp_atasan.rhk.order_by("pk").first().pk)
    draf.refresh_from_db()
    return draf


# --- target as typed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [("12", "12"), ("12,5", "12.5"), (" 12,75 ", "12.75"), ("1.250,5", "1250.5"), ("1.000", "1000"), ("0", "0")],
)
def test_target_diterima_dalam_format_indonesia(teks, nilai):
    assert s.target_parse(teks) == Decimal(nilai)


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("dua belas", s.PESAN_TARGET_ANGKA),
        ("12 dokumen", s.PESAN_TARGET_ANGKA),
        ("", s.PESAN_TARGET_ANGKA),
        ("NaN", s.PESAN_TARGET_ANGKA),
        ("1e5", s.PESAN_TARGET_ANGKA),
        ("-3", s.PESAN_TARGET_NEGATIF),
        ("1,255", s.PESAN_TARGET_DESIMAL),
        ("99999999999999", s.PESAN_TARGET_BESAR),
    ],
)
def test_target_bukan_angka_ditolak_dengan_pesan(teks, pesan):
    with pytest.raises(ValidationError) as exc:
        s.target_parse(teks)
    assert _pesan(exc) == [pesan]


# --- creating and copying -------------------------------------------------------------------------


def test_pegawai_membuat_skp_dengan_potret_jabatan_dan_atasan(pegawai, atasan, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PERENCANAAN)
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    assert (skp.status, skp.unit_id, skp.jabatan_id, skp.atasan_id) == (
        Skp.Status.DRAFT,
        pegawai.unit_id,
        pegawai.jabatan_id,
        atasan.pk,
    )
    assert EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai).skp == skp


def test_skp_kedua_di_tahun_yang_sama_ditolak(pegawai, draf):
    with pytest.raises(ValidationError) as exc:
        s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    assert _pesan(exc) == [s.PESAN_SUDAH_ADA.format(tahun=TAHUN)]
    assert Skp.objects.filter(pegawai=pegawai).count() == 1


def test_tahun_skp_di_luar_rentang_ditolak(pegawai):
    with pytest.raises(ValidationError) as exc:
        s.skp_buat(actor=pegawai.user, tahun=TAHUN + 5)
    assert _pesan(exc) == [s.PESAN_TAHUN.format(awal=TAHUN - 1, akhir=TAHUN + 1)]
    assert not Skp.objects.exists()


def test_salin_skp_tahun_lalu_tanpa_kaitan_lama(pegawai, atasan, admin_bkd):
    skp_atasan_lalu = skp_uji(atasan, tahun=TAHUN - 1)
    lalu = skp_uji(pegawai, tahun=TAHUN - 1, rhk_atasan=skp_atasan_lalu.rhk.first(), jumlah_rhk=2)
    tambahan = RhkFactory(skp=lalu, jenis=TAMBAHAN, uraian="Menjadi narasumber")
    IndikatorFactory(rhk=tambahan, target=Decimal("2.5"), satuan="kegiatan")
    IndikatorFactory(rhk=tambahan, aspek="waktu", target=Decimal("12"), satuan="bulan")
    periode = periode_uji(admin_bkd.user)

    hasil = s.skp_salin(actor=pegawai.user)

    baru = hasil.skp
    assert (baru.tahun, baru.status, hasil.sumber) == (TAHUN, Skp.Status.DRAFT, lalu)
    assert (hasil.jumlah_rhk, hasil.jumlah_indikator, hasil.perlu_dihubungkan, hasil.kaitan_dilepas) == (3, 4, 2, 1)
    salinan = list(baru.rhk.order_by("jenis", "urutan").values_list("jenis", "uraian", "rhk_atasan_id"))
    asli = list(lalu.rhk.order_by("jenis", "urutan").values_list("jenis", "uraian"))
    assert [(j, u) for j, u, _ in salinan] == asli
    assert all(induk is None for _, _, induk in salinan)
    assert sorted(IndikatorKinerja.objects.filter(rhk__skp=baru).values_list("target", "satuan")) == sorted(
        IndikatorKinerja.objects.filter(rhk__skp=lalu).values_list("target", "satuan")
    )
    assert lalu.rhk.count() == 3  # the source is untouched
    assert EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai).skp == baru


def test_salin_tanpa_skp_tahun_lalu_ditolak(pegawai):
    with pytest.raises(ValidationError) as exc:
        s.skp_salin(actor=pegawai.user)
    assert _pesan(exc) == [s.PESAN_TIDAK_ADA_SUMBER.format(tahun=TAHUN - 1)]
    assert not Skp.objects.exists()


def test_salin_dua_kali_tidak_membuat_skp_kedua(pegawai):
    skp_uji(pegawai, tahun=TAHUN - 1)
    s.skp_salin(actor=pegawai.user)
    with pytest.raises(ValidationError) as exc:
        s.skp_salin(actor=pegawai.user)
    assert exc.value.code == "sudah_ada"
    assert Skp.objects.filter(pegawai=pegawai, tahun=TAHUN).count() == 1
    assert RencanaHasilKerja.objects.filter(skp__tahun=TAHUN).count() == 2


# --- RHK rows and the cascade ---------------------------------------------------------------------


def test_rhk_utama_terhubung_ke_rhk_atasan(pegawai, draf, skp_atasan):
    induk = skp_atasan.rhk.first()
    rhk = _rhk(
        pegawai.user, draf, rhk_atasan_id=induk.pk, indikator=[_ind("12,5"), _ind("3", aspek="waktu", uraian="Bulan")]
    )
    assert rhk.rhk_atasan == induk
    assert list(rhk.indikator.order_by("urutan").values_list("aspek", "target")) == [
        ("kuantitas", Decimal("12.50")),
        ("waktu", Decimal("3.00")),
    ]
    draf.refresh_from_db()
    assert draf.versi == 2


def test_target_bukan_angka_tidak_menyimpan_apa_pun(pegawai, draf):
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, indikator=[_ind("sepuluh")])
    assert exc.value.message_dict == {"indikator": [s.PESAN_TARGET_ANGKA]}
    assert not RencanaHasilKerja.objects.exists()
    draf.refresh_from_db()
    assert draf.versi == 1


def test_rhk_tanpa_indikator_ditolak(pegawai, draf):
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, indikator=[])
    assert exc.value.message_dict == {"indikator": [s.PESAN_INDIKATOR_KOSONG]}
    assert not RencanaHasilKerja.objects.exists()


def test_kaitan_ke_rhk_orang_lain_ditolak(pegawai, rekan, outsider, draf, skp_atasan):
    rhk_rekan = skp_uji(rekan).rhk.first()
    rhk_luar = skp_uji(outsider).rhk.first()
    for asing in (rhk_rekan.pk, rhk_luar.pk, 987654):
        with pytest.raises(ValidationError) as exc:
            _rhk(pegawai.user, draf, rhk_atasan_id=asing)
        assert exc.value.message_dict == {"induk": [s.PESAN_RHK_ATASAN_ASING.format(tahun=TAHUN)]}
    assert not RencanaHasilKerja.objects.filter(skp=draf).exists()


def test_kaitan_ke_rhk_atasan_tahun_lain_ditolak(pegawai, atasan, draf):
    lama = skp_uji(atasan, tahun=TAHUN - 1).rhk.first()
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, rhk_atasan_id=lama.pk)
    assert exc.value.message_dict == {"induk": [s.PESAN_RHK_ATASAN_ASING.format(tahun=TAHUN)]}


def test_bukan_kepala_unit_tidak_boleh_memilih_sasaran_unit(pegawai, draf, opd_a):
    sasaran = SasaranUnitFactory(unit=opd_a)
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, sasaran_unit_id=sasaran.pk)
    assert exc.value.message_dict == {"induk": [s.PESAN_SASARAN_BUKAN_KEPALA]}


def test_kepala_unit_menghubungkan_rhk_ke_sasaran_unit_atau_induknya(atasan, bidang_a, opd_a, opd_b):
    # `atasan` heads Bidang A (their own atasan works in the OPD above): a unit head.
    skp = s.skp_buat(actor=atasan.user, tahun=TAHUN)
    sasaran_opd = SasaranUnitFactory(unit=opd_a)
    sasaran_bidang = SasaranUnitFactory(unit=bidang_a)
    assert _rhk(atasan.user, skp, sasaran_unit_id=sasaran_opd.pk).sasaran_unit == sasaran_opd
    assert _rhk(atasan.user, skp, sasaran_unit_id=sasaran_bidang.pk).sasaran_unit == sasaran_bidang
    for salah in (SasaranUnitFactory(unit=opd_b), SasaranUnitFactory(unit=opd_a, tahun=TAHUN - 1)):
        with pytest.raises(ValidationError) as exc:
            _rhk(atasan.user, skp, sasaran_unit_id=salah.pk)
        assert exc.value.message_dict == {"induk": [s.PESAN_SASARAN_ASING.format(tahun=TAHUN)]}


def test_perubahan_dari_tab_lama_ditolak(pegawai, draf):
    versi_lama = draf.versi
    _rhk(pegawai.user, draf, uraian="Dari tab pertama")
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, uraian="Dari tab kedua", versi=versi_lama)
    assert _pesan(exc) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert list(RencanaHasilKerja.objects.values_list("uraian", flat=True)) == ["Dari tab pertama"]


def test_bukan_pemilik_tidak_dapat_mengubah_skp(atasan, draf):
    with pytest.raises(ValidationError) as exc:
        _rhk(atasan.user, draf)
    assert _pesan(exc) == [s.PESAN_BUKAN_PEMILIK]
    assert not RencanaHasilKerja.objects.exists()


@pytest.mark.parametrize(("status", "pesan"), [("diajukan", s.PESAN_DIAJUKAN), ("disetujui", s.PESAN_DISETUJUI)])
def test_skp_yang_diajukan_atau_disetujui_tidak_dapat_diubah(pegawai, status, pesan):
    skp = skp_uji(pegawai, status=status)
    rhk = skp.rhk.first()
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, skp, rhk=rhk, uraian="Diubah diam-diam")
    assert _pesan(exc) == [pesan]
    with pytest.raises(ValidationError):
        s.rhk_hapus(actor=pegawai.user, rhk=rhk, versi=skp.versi)
    rhk.refresh_from_db()
    assert rhk.uraian != "Diubah diam-diam"


def test_mengubah_rhk_menjaga_indikator_lama_dan_menghapus_yang_dibuang(pegawai, draf):
    rhk = _rhk(pegawai.user, draf, indikator=[_ind("1", uraian="A"), _ind("2", uraian="B")])
    a, b = rhk.indikator.order_by("urutan")
    _rhk(pegawai.user, draf, rhk=rhk, uraian="Baru", indikator=[_ind("5", uraian="A2", id=a.pk), _ind("7", uraian="C")])
    rhk.refresh_from_db()
    assert rhk.uraian == "Baru"
    assert list(rhk.indikator.order_by("urutan").values_list("uraian", "target")) == [
        ("A2", Decimal("5.00")),
        ("C", Decimal("7.00")),
    ]
    assert rhk.indikator.filter(pk=a.pk).exists() and not IndikatorKinerja.objects.filter(pk=b.pk).exists()


def test_indikator_rhk_lain_tidak_dapat_diubah_lewat_rhk_ini(pegawai, outsider, draf):
    rhk = _rhk(pegawai.user, draf)
    asing = skp_uji(outsider).rhk.first().indikator.first()
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, rhk=rhk, indikator=[_ind("9", id=asing.pk)])
    assert exc.value.message_dict == {"indikator": [s.PESAN_INDIKATOR_ASING]}
    asing.refresh_from_db()
    assert asing.target == Decimal("12")


def test_indikator_yang_sudah_berealisasi_tidak_dapat_dihapus(pegawai, draf, admin_bkd):
    periode = periode_uji(admin_bkd.user)
    rhk = _rhk(pegawai.user, draf, indikator=[_ind("1", uraian="Dilaporkan"), _ind("2", uraian="Lain")])
    dilaporkan, lain = rhk.indikator.order_by("urutan")
    Realisasi.objects.create(indikator=dilaporkan, periode=periode, nilai=1)
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, draf, rhk=rhk, indikator=[_ind("2", uraian="Lain", id=lain.pk)])
    assert exc.value.message_dict == {"indikator": [s.PESAN_INDIKATOR_BEREALISASI.format(uraian="Dilaporkan")]}
    assert rhk.indikator.count() == 2


def test_rhk_yang_didukung_bawahan_tidak_dapat_dihapus(atasan, pegawai):
    skp_atasan = s.skp_buat(actor=atasan.user, tahun=TAHUN)
    induk = _rhk(atasan.user, skp_atasan)
    skp_uji(pegawai, rhk_atasan=induk)
    skp_atasan.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        s.rhk_hapus(actor=atasan.user, rhk=induk, versi=skp_atasan.versi)
    assert _pesan(exc) == [s.PESAN_RHK_DIDUKUNG.format(jumlah=1)]
    assert RencanaHasilKerja.objects.filter(pk=induk.pk).exists()


def test_menghapus_rhk_beserta_indikatornya(pegawai, draf):
    rhk = _rhk(pegawai.user, draf)
    draf.refresh_from_db()
    s.rhk_hapus(actor=pegawai.user, rhk=rhk, versi=draf.versi)
    assert not RencanaHasilKerja.objects.exists() and not IndikatorKinerja.objects.exists()


# --- workflow -------------------------------------------------------------------------------------


def test_alur_draf_dikembalikan_diperbaiki_diajukan_ulang_disetujui(pegawai, atasan, draf, skp_atasan):
    induk = skp_atasan.rhk.order_by("pk").first()
    rhk = _rhk(pegawai.user, draf, rhk_atasan_id=induk.pk)
    draf.refresh_from_db()

    skp = s.skp_ajukan(actor=pegawai.user, skp=draf, versi=draf.versi)
    assert (skp.status, skp.atasan_id) == (Skp.Status.DIAJUKAN, atasan.pk) and skp.diajukan_pada
    ke_atasan = Notifikasi.objects.get(penerima=atasan.user)
    assert ke_atasan.judul == f"SKP {TAHUN} {pegawai.nama} menunggu persetujuan"
    assert ke_atasan.tautan == f"/kinerja/skp/{skp.pk}/"

    skp = s.skp_kembalikan(actor=atasan.user, skp=skp, catatan="  Target terlalu rendah.  ")
    assert (skp.status, skp.catatan_pengembalian) == (Skp.Status.DIKEMBALIKAN, "Target terlalu rendah.")
    ke_pegawai = Notifikasi.objects.get(penerima=pegawai.user)
    assert ke_pegawai.judul == f"SKP {TAHUN} Anda dikembalikan untuk diperbaiki"
    assert ke_pegawai.pesan == "Catatan atasan: Target terlalu rendah."

    _rhk(pegawai.user, skp, rhk=rhk, rhk_atasan_id=induk.pk, indikator=[_ind("24", id=rhk.indikator.get().pk)])
    skp.refresh_from_db()
    skp = s.skp_ajukan(actor=pegawai.user, skp=skp, versi=skp.versi)
    assert skp.status == Skp.Status.DIAJUKAN
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 2

    skp = s.skp_setujui(actor=atasan.user, skp=skp)
    assert (skp.status, skp.disetujui_oleh_id) == (Skp.Status.DISETUJUI, atasan.pk) and skp.disetujui_pada
    jejak = [
        (e.actor_id, e.changes_dict["status"])
        for e in LogEntry.objects.get_for_object(skp).filter(action=LogEntry.Action.UPDATE).order_by("pk")
        if "status" in e.changes_dict
    ]
    assert jejak == [
        (pegawai.user.pk, ["draft", "diajukan"]),
        (atasan.user.pk, ["diajukan", "dikembalikan"]),
        (pegawai.user.pk, ["dikembalikan", "diajukan"]),
        (atasan.user.pk, ["diajukan", "disetujui"]),
    ]
    assert Notifikasi.objects.filter(penerima=pegawai.user, judul=f"SKP {TAHUN} Anda disetujui").count() == 1
    with pytest.raises(ValidationError) as exc:
        _rhk(pegawai.user, skp, rhk=rhk, uraian="Setelah disetujui")
    assert _pesan(exc) == [s.PESAN_DISETUJUI]


def test_pengajuan_ganda_hanya_berlaku_sekali(pegawai, atasan, draf, skp_atasan):
    skp = _siap_diajukan(pegawai, draf, skp_atasan)
    versi = skp.versi
    s.skp_ajukan(actor=pegawai.user, skp=skp, versi=versi)
    with pytest.raises(ValidationError) as exc:
        s.skp_ajukan(actor=pegawai.user, skp=skp, versi=versi)
    assert _pesan(exc) == [s.PESAN_SUDAH_DIAJUKAN]
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 1
    skp.refresh_from_db()
    assert skp.versi == versi + 1


def test_persetujuan_ganda_hanya_berlaku_sekali(pegawai, atasan, draf, skp_atasan):
    skp = _siap_diajukan(pegawai, draf, skp_atasan)
    skp = s.skp_ajukan(actor=pegawai.user, skp=skp, versi=skp.versi)
    s.skp_setujui(actor=atasan.user, skp=skp)
    with pytest.raises(ValidationError) as exc:
        s.skp_setujui(actor=atasan.user, skp=skp)
    assert _pesan(exc) == [s.PESAN_BELUM_DIAJUKAN.format(status="disetujui")]
    with pytest.raises(ValidationError):
        s.skp_kembalikan(actor=atasan.user, skp=skp, catatan="Terlambat")
    assert Notifikasi.objects.filter(penerima=pegawai.user).count() == 1
    skp.refresh_from_db()
    assert (skp.status, skp.catatan_pengembalian) == (Skp.Status.DISETUJUI, "")


def test_pengajuan_tanpa_rhk_utama_berindikator_ditolak(pegawai, draf):
    _rhk(pegawai.user, draf, jenis=TAMBAHAN)
    draf.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        s.skp_ajukan(actor=pegawai.user, skp=draf, versi=draf.versi)
    assert _pesan(exc) == [s.PESAN_AJUKAN_TANPA_UTAMA]
    draf.refresh_from_db()
    assert draf.status == Skp.Status.DRAFT and not Notifikasi.objects.exists()


def test_pengajuan_dengan_rhk_utama_belum_terhubung_ditolak(pegawai, draf, skp_atasan):
    _rhk(pegawai.user, draf, rhk_atasan_id=skp_atasan.rhk.first().pk)
    _rhk(pegawai.user, draf, uraian="Belum terhubung")
    draf.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        s.skp_ajukan(actor=pegawai.user, skp=draf, versi=draf.versi)
    assert _pesan(exc) == [s.PESAN_AJUKAN_BELUM_TERHUBUNG.format(jumlah=1, tujuan=s.TUJUAN_ATASAN)]
    draf.refresh_from_db()
    assert draf.status == Skp.Status.DRAFT


def test_pindah_atasan_membuat_kaitan_lama_tidak_sah_saat_diajukan(pegawai, atasan, draf, skp_atasan, kepala_opd):
    _siap_diajukan(pegawai, draf, skp_atasan)
    pegawai.atasan = kepala_opd
    pegawai.save(update_fields=["atasan"])
    draf.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        s.skp_ajukan(actor=pegawai.user, skp=draf, versi=draf.versi)
    # kepala_opd works in the OPD, pegawai in a bidang: now a unit head (goals allowed too).
    assert _pesan(exc) == [s.PESAN_AJUKAN_BELUM_TERHUBUNG.format(jumlah=1, tujuan=s.TUJUAN_KEPALA)]


def test_pengajuan_dari_tab_lama_ditolak(pegawai, draf, skp_atasan):
    skp = _siap_diajukan(pegawai, draf, skp_atasan)
    with pytest.raises(ValidationError) as exc:
        s.skp_ajukan(actor=pegawai.user, skp=skp, versi=skp.versi - 1)
    assert _pesan(exc) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DRAFT


def test_pengembalian_wajib_dengan_catatan(pegawai, atasan, draf, skp_atasan):
    skp = _siap_diajukan(pegawai, draf, skp_atasan)
    skp = s.skp_ajukan(actor=pegawai.user, skp=skp, versi=skp.versi)
    with pytest.raises(ValidationError) as exc:
        s.skp_kembalikan(actor=atasan.user, skp=skp, catatan="   ")
    assert exc.value.message_dict == {"catatan": [s.PESAN_CATATAN_WAJIB]}
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN


def test_hanya_atasan_tujuan_yang_memeriksa_skp(pegawai, rekan, kepala_opd, draf, skp_atasan):
    skp = _siap_diajukan(pegawai, draf, skp_atasan)
    skp = s.skp_ajukan(actor=pegawai.user, skp=skp, versi=skp.versi)
    for orang in (pegawai, rekan, kepala_opd):
        with pytest.raises(ValidationError) as exc:
            s.skp_setujui(actor=orang.user, skp=skp)
        assert _pesan(exc) == [s.PESAN_BUKAN_ATASAN]
        with pytest.raises(ValidationError):
            s.skp_kembalikan(actor=orang.user, skp=skp, catatan="Tidak berwenang")
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN


def test_skp_tanpa_atasan_tidak_dapat_diajukan(kepala_opd, opd_a):
    skp = s.skp_buat(actor=kepala_opd.user, tahun=TAHUN)
    _rhk(kepala_opd.user, skp, sasaran_unit_id=SasaranUnitFactory(unit=opd_a).pk)
    skp.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        s.skp_ajukan(actor=kepala_opd.user, skp=skp, versi=skp.versi)
    assert _pesan(exc) == [s.PESAN_AJUKAN_TANPA_ATASAN]


# --- ekspektasi khusus pimpinan ---------------------------------------------------------------------


def test_atasan_menulis_ekspektasi_khusus_per_nilai(pegawai, atasan):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    pelayanan, akuntabel = NilaiDasar.objects.order_by("urutan")[:2]
    jumlah = s.ekspektasi_simpan(
        actor=atasan.user,
        skp=skp,
        teks={pelayanan.pk: "Ramah kepada pemohon.", akuntabel.pk: "Laporan tepat waktu."},
        jejak=s.ekspektasi_jejak(skp),
    )
    assert jumlah == 2
    # Upsert: change one, clear the other.
    jumlah = s.ekspektasi_simpan(
        actor=atasan.user,
        skp=skp,
        teks={pelayanan.pk: "Ramah dan cepat.", akuntabel.pk: ""},
        jejak=s.ekspektasi_jejak(skp),
    )
    assert jumlah == 1
    assert list(EkspektasiKhusus.objects.values_list("nilai_dasar_id", "teks", "ditulis_oleh")) == [
        (pelayanan.pk, "Ramah dan cepat.", atasan.user.pk)
    ]


def test_ekspektasi_dari_tab_lama_ditolak(pegawai, atasan):
    skp = skp_uji(pegawai)
    nilai = NilaiDasar.objects.order_by("urutan").first()
    jejak_lama = s.ekspektasi_jejak(skp)
    s.ekspektasi_simpan(actor=atasan.user, skp=skp, teks={nilai.pk: "Tab pertama"}, jejak=jejak_lama)
    with pytest.raises(ValidationError) as exc:
        s.ekspektasi_simpan(actor=atasan.user, skp=skp, teks={nilai.pk: "Tab kedua"}, jejak=jejak_lama)
    assert _pesan(exc) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert EkspektasiKhusus.objects.get().teks == "Tab pertama"


def test_ekspektasi_hanya_oleh_atasan_dan_sebelum_periode_tahun_itu_ditutup(pegawai, rekan, atasan, admin_bkd):
    skp = skp_uji(pegawai)
    nilai = NilaiDasar.objects.order_by("urutan").first()
    for orang in (pegawai, rekan, admin_bkd):
        with pytest.raises(ValidationError) as exc:
            s.ekspektasi_simpan(actor=orang.user, skp=skp, teks={nilai.pk: "x"}, jejak=s.ekspektasi_jejak(skp))
        assert _pesan(exc) == [s.PESAN_BUKAN_ATASAN]
    periode_uji(admin_bkd.user, status=Periode.Status.DITUTUP)
    with pytest.raises(ValidationError) as exc:
        s.ekspektasi_simpan(actor=atasan.user, skp=skp, teks={nilai.pk: "x"}, jejak=s.ekspektasi_jejak(skp))
    assert _pesan(exc) == [s.PESAN_EKSPEKTASI_TUTUP.format(tahun=TAHUN)]
    assert not EkspektasiKhusus.objects.exists()
