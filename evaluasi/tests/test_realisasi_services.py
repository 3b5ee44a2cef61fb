"""Realisation, evidence and feedback services (evaluasi/services/realisasi.py) against the
database, failure paths included. Shared fixtures (`rs`, `PDF`, `EXE`) live here; the view tests
import them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluasi.models import BuktiDukung, EvaluasiPegawai, LogHarian, Periode, Realisasi, Skp, UmpanBalik
from evaluasi.services.realisasi import (
    BUKTI_MAKS_PER_BARIS,
    PESAN_BUKAN_PEMILIK,
    PESAN_BUKTI_BUKAN_PENGUNGGAH,
    PESAN_BUKTI_DUA,
    PESAN_BUKTI_PENUH,
    PESAN_BUKTI_PILIH,
    PESAN_EVALUASI_FINAL,
    PESAN_LOG_BUKAN_PEMILIK,
    PESAN_LOG_SELESAI,
    PESAN_NILAI_NEGATIF,
    PESAN_PERIODE_BELUM_BERJALAN,
    PESAN_PERIODE_DITUTUP,
    PESAN_PERIODE_TAHUN,
    PESAN_SKP_BELUM_DISETUJUI,
    PESAN_TAUTAN,
    PESAN_UMPAN_BALIK_BUKAN_ATASAN,
    PESAN_UMPAN_BALIK_KOSONG,
    PESAN_UMPAN_BALIK_PERIODE,
    bukti_hapus,
    bukti_tambah,
    nama_berkas_aman,
    realisasi_simpan,
    umpan_balik_tambah,
)
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import LogHarianFactory, periode_uji, skp_uji
from notifikasi.models import Notifikasi

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A Windows executable's header (MZ ... PE): what an .exe renamed .pdf really contains.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" + b"PE\x00\x00"


def pdf(nama: str = "laporan.pdf", isi: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


@dataclass
class Rs:
    periode: Periode
    skp: Skp
    indikator: list  # the SKP's indicators, in order
    pegawai: object
    atasan: object


@pytest.fixture(name="rs")
def rs_fixture(pegawai, atasan, rekan, admin_bkd):
    """A running period of this quarter and pegawai's approved SKP (two RHK, one indicator each)."""
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    skp = skp_uji(pegawai)
    indikator = [i for r in skp.rhk.order_by("pk") for i in r.indikator.order_by("pk")]
    return Rs(periode=periode, skp=skp, indikator=indikator, pegawai=pegawai, atasan=atasan)


def _simpan(rs, actor=None, *, versi=0, nilai="5", indikator=None, **kw):
    return realisasi_simpan(
        actor=actor or rs.pegawai.user,
        indikator=indikator or rs.indikator[0],
        periode=rs.periode,
        versi=versi,
        nilai=nilai,
        **kw,
    )


def _pesan(exc_info) -> list[str]:
    return exc_info.value.messages


# --- realisation ------------------------------------------------------------------------------------


def test_pegawai_mengisi_realisasi_lalu_memperbaruinya_dengan_jejak_audit(rs):
    r = _simpan(rs, nilai=Decimal("5"), uraian="Lima dokumen")
    assert (r.nilai, r.uraian, r.versi) == (Decimal("5.00"), "Lima dokumen", 1)
    r2 = _simpan(rs, versi=1, nilai=Decimal("7.5"), uraian="Tujuh setengah", catatan="Sisa bulan depan")
    assert r2.pk == r.pk and r2.versi == 2
    r.refresh_from_db()
    assert (r.nilai, r.uraian, r.catatan, r.versi) == (Decimal("7.50"), "Tujuh setengah", "Sisa bulan depan", 2)
    assert Realisasi.objects.count() == 1
    ubah = LogEntry.objects.get_for_object(r).filter(action=LogEntry.Action.UPDATE).get()
    assert ubah.changes_dict["nilai"] == ["5.00", "7.50"]
    assert ubah.actor_id == rs.pegawai.user_id


def test_menyimpan_tanpa_perubahan_tidak_menaikkan_versi(rs):
    _simpan(rs, nilai="5")
    r = _simpan(rs, versi=1, nilai="5.00")
    assert r.versi == 1


def test_dua_tab_baru_tidak_membuat_dua_baris(rs):
    _simpan(rs, nilai="5")
    with pytest.raises(ValidationError) as e:
        _simpan(rs, nilai="9")  # the second tab was also drawn with no row (versi 0)
    assert _pesan(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert list(Realisasi.objects.values_list("nilai", flat=True)) == [Decimal("5.00")]


def test_tab_basi_mendapat_pesan_dan_tidak_menimpa(rs):
    _simpan(rs, nilai="5")
    _simpan(rs, versi=1, nilai="6")  # tab A
    with pytest.raises(ValidationError) as e:
        _simpan(rs, versi=1, nilai="1")  # tab B, drawn before tab A saved
    assert _pesan(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    r = Realisasi.objects.get()
    assert (r.nilai, r.versi) == (Decimal("6.00"), 2)


def test_periode_perencanaan_menolak_realisasi(pegawai, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PERENCANAAN)
    skp = skp_uji(pegawai)
    with pytest.raises(ValidationError) as e:
        realisasi_simpan(
            actor=pegawai.user, indikator=skp.rhk.first().indikator.first(), periode=periode, versi=0, nilai=1
        )
    assert _pesan(e) == [PESAN_PERIODE_BELUM_BERJALAN.format(nama=periode.nama)]
    assert not Realisasi.objects.exists()


def test_periode_ditutup_menolak_realisasi_dan_bukti(rs):
    r = _simpan(rs, nilai="5")
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    with pytest.raises(ValidationError) as e:
        _simpan(rs, versi=1, nilai="6")
    assert _pesan(e) == [PESAN_PERIODE_DITUTUP.format(nama=rs.periode.nama)]
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, realisasi=r, tautan="https://contoh.go.id/bukti")
    assert _pesan(e) == [PESAN_PERIODE_DITUTUP.format(nama=rs.periode.nama)]
    r.refresh_from_db()
    assert r.nilai == Decimal("5.00") and not BuktiDukung.objects.exists()


def test_skp_belum_disetujui_menolak_realisasi(pegawai, admin_bkd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    with pytest.raises(ValidationError) as e:
        realisasi_simpan(
            actor=pegawai.user, indikator=skp.rhk.first().indikator.first(), periode=periode, versi=0, nilai=1
        )
    assert _pesan(e) == [PESAN_SKP_BELUM_DISETUJUI.format(tahun=skp.tahun)]
    assert not Realisasi.objects.exists()


def test_periode_tahun_lain_ditolak(rs, pegawai):
    skp_lalu = skp_uji(pegawai, tahun=rs.periode.tahun - 1)
    with pytest.raises(ValidationError) as e:
        realisasi_simpan(
            actor=pegawai.user, indikator=skp_lalu.rhk.first().indikator.first(), periode=rs.periode, versi=0, nilai=1
        )
    assert _pesan(e) == [PESAN_PERIODE_TAHUN.format(nama=rs.periode.nama, tahun=skp_lalu.tahun)]


def test_penilaian_final_mengunci_realisasi(rs):
    EvaluasiPegawai.objects.filter(pegawai=rs.pegawai, periode=rs.periode).update(
        status="final", rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
    )
    with pytest.raises(ValidationError) as e:
        _simpan(rs)
    assert _pesan(e) == [PESAN_EVALUASI_FINAL.format(nama=rs.periode.nama)]


def test_hanya_pemilik_skp_yang_mengisi_realisasi(rs):
    with pytest.raises(ValidationError) as e:
        _simpan(rs, actor=rs.atasan.user)
    assert _pesan(e) == [PESAN_BUKAN_PEMILIK]
    assert not Realisasi.objects.exists()


def test_nilai_negatif_ditolak(rs):
    with pytest.raises(ValidationError) as e:
        _simpan(rs, nilai=Decimal("-1"))
    assert e.value.message_dict == {"nilai": [PESAN_NILAI_NEGATIF]}
    assert not Realisasi.objects.exists()


# --- evidence -----------------------------------------------------------------------------------------


@pytest.fixture
def baris(rs):
    return _simpan(rs, nilai="5")


def test_bukti_pdf_disimpan_privat_dengan_nama_acak(rs, baris, settings):
    b = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf("Laporan Triwulan.pdf"), keterangan="Rekap")
    assert (b.nama_berkas, b.jenis_mime, b.ukuran, b.keterangan) == (
        "Laporan Triwulan.pdf",
        "application/pdf",
        len(PDF),
        "Rekap",
    )
    assert b.berkas.name.startswith("bukti/") and "Laporan" not in b.berkas.name
    assert (settings.MEDIA_ROOT / b.berkas.name).read_bytes() == PDF
    assert LogEntry.objects.get_for_object(b).filter(action=LogEntry.Action.CREATE).exists()


def test_exe_berganti_nama_pdf_ditolak_dan_tidak_disimpan(rs, baris, settings):
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf("laporan.pdf", EXE))
    assert "Jenis berkas tidak diizinkan" in _pesan(e)[0]
    assert not BuktiDukung.objects.exists()
    assert not (settings.MEDIA_ROOT / "bukti").exists() or not any((settings.MEDIA_ROOT / "bukti").iterdir())


def test_berkas_melebihi_batas_ditolak_oleh_layanan(rs, baris, settings):
    settings.BUKTI_MAKS_BYTE = 1024
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf(isi=PDF + b"0" * 2000))
    assert _pesan(e) == ["Ukuran berkas 2,0\xa0KB melebihi batas 1,0\xa0KB."]
    assert not BuktiDukung.objects.exists()


def test_tautan_https_diterima_dan_skema_lain_ditolak(rs, baris):
    b = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, tautan=" https://drive.contoh.go.id/berkas/1 ")
    assert b.tautan == "https://drive.contoh.go.id/berkas/1" and not b.berkas
    for buruk in ("javascript:alert(1)", "ftp://contoh.go.id/a.pdf", "drive.contoh.go.id/berkas", "https://"):
        with pytest.raises(ValidationError) as e:
            bukti_tambah(actor=rs.pegawai.user, realisasi=baris, tautan=buruk)
        assert e.value.message_dict == {"tautan": [PESAN_TAUTAN]}, buruk
    assert BuktiDukung.objects.count() == 1


def test_bukti_harus_berkas_atau_tautan_saja(rs, baris):
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, realisasi=baris)
    assert _pesan(e) == [PESAN_BUKTI_PILIH]
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf(), tautan="https://contoh.go.id")
    assert _pesan(e) == [PESAN_BUKTI_DUA]
    assert not BuktiDukung.objects.exists()


def test_bukti_per_baris_dibatasi(rs, baris):
    for i in range(BUKTI_MAKS_PER_BARIS):
        bukti_tambah(actor=rs.pegawai.user, realisasi=baris, tautan=f"https://contoh.go.id/{i}")
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, realisasi=baris, tautan="https://contoh.go.id/lagi")
    assert _pesan(e) == [PESAN_BUKTI_PENUH.format(maks=BUKTI_MAKS_PER_BARIS)]


def test_atasan_tidak_dapat_menambah_bukti(rs, baris):
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.atasan.user, realisasi=baris, tautan="https://contoh.go.id")
    assert _pesan(e) == [PESAN_BUKAN_PEMILIK]


def test_bukti_log_harian_untuk_pemilik_log_yang_belum_diperiksa(rs, rekan):
    log = LogHarianFactory(pegawai=rs.pegawai)
    b = bukti_tambah(actor=rs.pegawai.user, log=log, berkas=pdf())
    assert b.log_id == log.pk and b.realisasi_id is None
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rekan.user, log=log, tautan="https://contoh.go.id")
    assert _pesan(e) == [PESAN_LOG_BUKAN_PEMILIK]
    LogHarian.objects.filter(pk=log.pk).update(status=LogHarian.Status.DISETUJUI)
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, log=log, tautan="https://contoh.go.id")
    assert _pesan(e) == [PESAN_LOG_SELESAI.format(status="disetujui")]


def test_bukti_log_terkunci_setelah_batas_bulan(rs):
    log = LogHarianFactory(
        pegawai=rs.pegawai, tanggal=timezone.localdate().replace(day=1) - timezone.timedelta(days=60)
    )
    with pytest.raises(ValidationError) as e:
        bukti_tambah(actor=rs.pegawai.user, log=log, tautan="https://contoh.go.id")
    assert "sudah terkunci" in _pesan(e)[0]
    assert not BuktiDukung.objects.exists()


def test_pengunggah_menghapus_bukti_dan_berkasnya(rs, baris, settings, django_capture_on_commit_callbacks):
    b = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf())
    jalur = settings.MEDIA_ROOT / b.berkas.name
    with pytest.raises(ValidationError) as e:
        bukti_hapus(actor=rs.atasan.user, bukti=b)
    assert _pesan(e) == [PESAN_BUKTI_BUKAN_PENGUNGGAH]
    with django_capture_on_commit_callbacks(execute=True):
        bukti_hapus(actor=rs.pegawai.user, bukti=b)
    assert not BuktiDukung.objects.exists()
    assert not jalur.exists()


def test_bukti_tidak_dapat_dihapus_setelah_periode_ditutup(rs, baris):
    b = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, tautan="https://contoh.go.id")
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    with pytest.raises(ValidationError) as e:
        bukti_hapus(actor=rs.pegawai.user, bukti=b)
    assert _pesan(e) == [PESAN_PERIODE_DITUTUP.format(nama=rs.periode.nama)]
    assert BuktiDukung.objects.count() == 1


@pytest.mark.parametrize(
    ("masuk", "keluar"),
    [
        ("laporan.pdf", "laporan.pdf"),
        ("C:\\Users\\x\\Desktop\\laporan akhir.pdf", "laporan akhir.pdf"),
        ("../../etc/passwd", "passwd"),
        ('a"b;c\r\nd.pdf', "a_b_cd.pdf"),
        ("laporan\u202efdp.exe", "laporanfdp.exe"),
        ("...", "berkas"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_nama_berkas_dibersihkan(masuk, keluar):
    assert nama_berkas_aman(masuk) == keluar


# --- feedback -------------------------------------------------------------------------------------------


def test_atasan_memberi_umpan_balik_dan_pegawai_diberi_tahu(rs, baris, mailoutbox, django_capture_on_commit_callbacks):
    rs.pegawai.email = "pegawai@contoh.go.id"
    rs.pegawai.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        u = umpan_balik_tambah(actor=rs.atasan.user, realisasi=baris, teks="  Bagus, tambahkan foto kegiatan. ")
    assert (u.teks, u.penulis_id) == ("Bagus, tambahkan foto kegiatan.", rs.atasan.pk)
    n = Notifikasi.objects.get(penerima=rs.pegawai.user)
    assert n.judul == "Umpan balik baru atas realisasi Anda"
    assert "Bagus, tambahkan foto kegiatan." in n.pesan
    assert n.tautan.endswith(f"?periode={rs.periode.pk}#indikator-{baris.indikator_id}")
    assert [m.to for m in mailoutbox] == [["pegawai@contoh.go.id"]]


def test_pegawai_dan_rekan_tidak_dapat_memberi_umpan_balik(rs, baris, rekan, kepala_opd):
    for orang in (rs.pegawai, rekan, kepala_opd):
        with pytest.raises(ValidationError) as e:
            umpan_balik_tambah(actor=orang.user, realisasi=baris, teks="Tidak boleh")
        assert _pesan(e) == [PESAN_UMPAN_BALIK_BUKAN_ATASAN]
    assert not UmpanBalik.objects.exists()


def test_umpan_balik_kosong_atau_setelah_periode_ditutup_ditolak(rs, baris):
    with pytest.raises(ValidationError) as e:
        umpan_balik_tambah(actor=rs.atasan.user, realisasi=baris, teks="   ")
    assert e.value.message_dict == {"teks": [PESAN_UMPAN_BALIK_KOSONG]}
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    with pytest.raises(ValidationError) as e:
        umpan_balik_tambah(actor=rs.atasan.user, realisasi=baris, teks="Terlambat")
    assert _pesan(e) == [PESAN_UMPAN_BALIK_PERIODE.format(nama=rs.periode.nama)]
    assert not UmpanBalik.objects.exists()
