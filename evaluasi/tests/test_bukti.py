"""Evidence (bukti dukung): upload checked by content and size (a file over the limit is never
stored: asn_kinerja/unggah.py), private download with safe headers, removal, and who may reach
a file by URL."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from asn_kinerja.unggah import BatasUkuranUploadHandler, unggah_terlalu_besar
from evaluasi.models import BuktiDukung, LogHarian, Periode
from evaluasi.services.realisasi import (
    PESAN_BUKTI_BUKAN_PENGUNGGAH,
    PESAN_PERIODE_DITUTUP,
    bukti_tambah,
    realisasi_simpan,
)
from evaluasi.tests.factories import LogHarianFactory
from evaluasi.tests.test_realisasi_services import EXE, PDF, pdf, rs_fixture  # noqa: F401 (fixture rs)
from pegawai.models import PeranPengguna
from pegawai.tests.factories import PegawaiFactory, PeranFactory


@pytest.fixture
def baris(rs):
    return realisasi_simpan(actor=rs.pegawai.user, indikator=rs.indikator[0], periode=rs.periode, versi=0, nilai=3)


def _unggah(klien, baris, **data):
    return klien.post(reverse("evaluasi:realisasi-bukti", args=[baris.pk]), data)


def _ikuti(klien, resp) -> str:
    assert resp.status_code == 302, resp.status_code
    return klien.get(resp["Location"]).content.decode()


def _folder_bukti_kosong(settings) -> bool:
    folder = settings.MEDIA_ROOT / "bukti"
    return not folder.exists() or not any(folder.iterdir())


# --- upload -----------------------------------------------------------------------------------------


def test_pegawai_mengunggah_pdf_sebagai_bukti(login, rs, baris, settings):
    klien = login(rs.pegawai)
    resp = _unggah(klien, baris, berkas=pdf("Notulen rapat.pdf"), keterangan="Notulen")
    assert resp["Location"].endswith(f"#indikator-{baris.indikator_id}")
    html = _ikuti(klien, resp)
    assert "Bukti dukung ditambahkan." in html and "Notulen rapat.pdf" in html
    b = BuktiDukung.objects.get()
    assert (b.realisasi_id, b.jenis_mime, b.keterangan, b.diunggah_oleh_id) == (
        baris.pk,
        "application/pdf",
        "Notulen",
        rs.pegawai.user_id,
    )
    assert (settings.MEDIA_ROOT / b.berkas.name).read_bytes() == PDF


def test_pegawai_menambah_tautan_sebagai_bukti(login, rs, baris):
    html = _ikuti(login(rs.pegawai), _unggah(login(rs.pegawai), baris, tautan="https://drive.contoh.go.id/1"))
    assert "Bukti dukung ditambahkan." in html
    assert BuktiDukung.objects.get().tautan == "https://drive.contoh.go.id/1"


def test_exe_berganti_nama_pdf_ditolak_dengan_pesan(login, rs, baris, settings):
    klien = login(rs.pegawai)
    html = _ikuti(klien, _unggah(klien, baris, berkas=pdf("laporan.pdf", EXE)))
    assert "tidak disimpan: Jenis berkas tidak diizinkan. Unggah berkas PDF, JPG" in html
    assert not BuktiDukung.objects.exists() and _folder_bukti_kosong(settings)


def test_tautan_bukan_http_ditolak_dengan_pesan(login, rs, baris):
    klien = login(rs.pegawai)
    html = _ikuti(klien, _unggah(klien, baris, tautan="javascript:alert(1)"))
    assert "Tautan harus alamat web lengkap yang diawali http:// atau https://." in html
    assert not BuktiDukung.objects.exists()


def test_formulir_bukti_kosong_diberi_pesan(login, rs, baris):
    klien = login(rs.pegawai)
    html = _ikuti(klien, _unggah(klien, baris, keterangan="tanpa berkas"))
    assert "Unggah berkas atau isi tautan bukti dukung." in html
    assert not BuktiDukung.objects.exists()


class _Pencatat(FileUploadHandler):
    """Stands where Django's storing handlers stand: records the bytes that reach them."""

    diterima: list[int] = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        _Pencatat.diterima.append(0)

    def receive_data_chunk(self, raw_data, start):
        _Pencatat.diterima[-1] += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


def test_unggahan_melebihi_batas_ditolak_tanpa_disimpan(login, rs, baris, settings):
    """The 100 MB case, scaled down: the limit is 1 KB and the file 200 KB. The handler stops
    passing bytes on at the limit, so nothing past it reaches a storing handler."""
    settings.BUKTI_MAKS_BYTE = 1024
    settings.FILE_UPLOAD_HANDLERS = [
        f"{__name__}._Pencatat",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
    _Pencatat.diterima = []
    klien = login(rs.pegawai)
    resp = _unggah(klien, baris, berkas=pdf("besar.pdf", PDF + b"0" * 200_000), keterangan="besar")
    html = _ikuti(klien, resp)
    assert "melebihi batas 1,0\xa0KB. Berkas tidak diunggah." in html
    assert "Ukuran berkas 195,6\xa0KB" in html  # the request's size (file plus form fields): 200,265 bytes
    assert _Pencatat.diterima and max(_Pencatat.diterima) <= 1024
    assert not BuktiDukung.objects.exists() and _folder_bukti_kosong(settings)


def test_unggahan_tepat_di_batas_diterima(login, rs, baris, settings):
    isi = PDF + b"0" * (2048 - len(PDF))
    settings.BUKTI_MAKS_BYTE = 2048
    klien = login(rs.pegawai)
    assert "Bukti dukung ditambahkan." in _ikuti(klien, _unggah(klien, baris, berkas=pdf("pas.pdf", isi)))
    assert BuktiDukung.objects.get().ukuran == 2048


def test_unggah_hanya_post_dan_hanya_pemilik(login, rs, baris, rekan, outsider):
    url = reverse("evaluasi:realisasi-bukti", args=[baris.pk])
    assert login(rs.pegawai).get(url).status_code == 405
    resp = _unggah(login(rs.atasan), baris, berkas=pdf())
    assert resp.status_code == 403
    for orang in (rekan, outsider):
        assert _unggah(login(orang), baris, berkas=pdf()).status_code == 404
    assert not BuktiDukung.objects.exists()


def test_unggah_ditolak_setelah_periode_ditutup(login, rs, baris):
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    resp = _unggah(login(rs.pegawai), baris, berkas=pdf())
    assert resp.status_code == 403
    assert PESAN_PERIODE_DITUTUP.format(nama=rs.periode.nama) in resp.content.decode()
    assert not BuktiDukung.objects.exists()


def test_unggah_memeriksa_csrf(rs, baris):
    from django.test import Client

    klien = Client(enforce_csrf_checks=True)
    klien.force_login(rs.pegawai.user)
    resp = _unggah(klien, baris, berkas=pdf())
    assert resp.status_code == 403
    assert not BuktiDukung.objects.exists()


# --- the upload handler on its own ----------------------------------------------------------------


def test_handler_menghentikan_aliran_berkas_melewati_batas():
    class Req:
        META = {"CONTENT_LENGTH": "5000"}

    req = Req()
    h = BatasUkuranUploadHandler(req, batas=1000)
    h.new_file("berkas", "besar.pdf", "application/pdf", None)
    assert h.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(SkipFile):
        h.receive_data_chunk(b"x" * 600, 600)
    assert unggah_terlalu_besar(req) == {"berkas": {"nama": "besar.pdf", "ukuran": 5000, "batas": 1000}}
    # A part that declares its length up front is refused before a single byte is read.
    h2 = BatasUkuranUploadHandler(Req(), batas=1000)
    with pytest.raises(SkipFile):
        h2.new_file("berkas", "besar.pdf", "application/pdf", 4000)


def test_parser_membuang_berkas_besar_tetapi_membaca_isian_lain():
    """Through Django's multipart parser: 1 MB file, 64 KB limit. The storing handler after ours
    gets at most the limit, the file is not in FILES, the fields around it are parsed."""
    badan = encode_multipart(
        BOUNDARY,
        {
            "csrfmiddlewaretoken": "abc",
            "berkas": SimpleUploadedFile("besar.pdf", PDF + b"0" * 1_000_000),
            "keterangan": "setelah berkas",
        },
    )

    class Req:
        META = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(badan))}

    req = Req()
    _Pencatat.diterima = []
    handlers = [BatasUkuranUploadHandler(req, batas=64 * 1024), _Pencatat(req)]
    meta = {**req.META}
    post, files = MultiPartParser(meta, io.BytesIO(badan), handlers).parse()
    assert dict(post) == {"csrfmiddlewaretoken": ["abc"], "keterangan": ["setelah berkas"]}
    assert "berkas" not in files
    assert len(_Pencatat.diterima) == 1 and 0 < _Pencatat.diterima[0] <= 64 * 1024
    assert unggah_terlalu_besar(req)["berkas"]["ukuran"] == len(badan)


# --- download -----------------------------------------------------------------------------------------


@pytest.fixture
def bukti(rs, baris):
    return bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf("Laporan Triwulan.pdf"))


def _unduh(klien, bukti):
    return klien.get(reverse("evaluasi:bukti-unduh", args=[bukti.pk]))


def test_pegawai_mengunduh_bukti_sebagai_lampiran_dengan_header_aman(login, rs, bukti):
    resp = _unduh(login(rs.pegawai), bukti)
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == PDF
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"] == 'attachment; filename="Laporan Triwulan.pdf"'
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in resp["Content-Security-Policy"]


def test_nama_unduhan_dibersihkan_dan_ekstensi_mengikuti_isi(login, rs, baris):
    b = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf('foto "lucu".html'))
    resp = _unduh(login(rs.pegawai), b)
    assert resp["Content-Disposition"] == 'attachment; filename="foto _lucu_.html.pdf"'
    b2 = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, berkas=pdf("Laporan Ärztekammer.pdf"))
    assert "filename*=utf-8''Laporan%20%C3%84rztekammer.pdf" in _unduh(login(rs.pegawai), b2)["Content-Disposition"]


def test_atasan_atasan_dan_admin_opd_boleh_mengunduh(login, rs, bukti, kepala_opd, admin_opd, admin_bkd):
    for orang in (rs.atasan, kepala_opd, admin_opd, admin_bkd):
        assert _unduh(login(orang), bukti).status_code == 200, orang


def test_rekan_orang_luar_dan_admin_opd_lain_mendapat_404(login, rs, bukti, rekan, outsider, opd_b, jabatan_staf):
    admin_lain = PegawaiFactory(unit=opd_b, jabatan=jabatan_staf)
    PeranFactory(user=admin_lain.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_b)
    for orang in (rekan, outsider, admin_lain):
        assert _unduh(login(orang), bukti).status_code == 404, orang


def test_bukti_tautan_diarahkan_dan_berkas_hilang_404(login, rs, baris, bukti, settings):
    t = bukti_tambah(actor=rs.pegawai.user, realisasi=baris, tautan="https://drive.contoh.go.id/1")
    klien = login(rs.pegawai)
    resp = _unduh(klien, t)
    assert (resp.status_code, resp["Location"]) == (302, "https://drive.contoh.go.id/1")
    (settings.MEDIA_ROOT / bukti.berkas.name).unlink()
    assert _unduh(klien, bukti).status_code == 404
    assert klien.get(reverse("evaluasi:bukti-unduh", args=[999999])).status_code == 404


def test_bukti_log_harian_hanya_untuk_yang_melihat_lognya(login, rs, rekan, outsider):
    log = LogHarianFactory(pegawai=rs.pegawai)
    b = bukti_tambah(actor=rs.pegawai.user, log=log, berkas=pdf())
    assert _unduh(login(rs.atasan), b).status_code == 200
    for orang in (rekan, outsider):
        assert _unduh(login(orang), b).status_code == 404


# --- removal ------------------------------------------------------------------------------------------


def _hapus(klien, bukti, **data):
    return klien.post(reverse("evaluasi:bukti-hapus", args=[bukti.pk]), data)


def test_pengunggah_menghapus_bukti(login, rs, bukti, settings, django_capture_on_commit_callbacks):
    jalur = settings.MEDIA_ROOT / bukti.berkas.name
    klien = login(rs.pegawai)
    with django_capture_on_commit_callbacks(execute=True):
        resp = _hapus(klien, bukti)
    assert resp["Location"].endswith(f"#indikator-{bukti.realisasi.indikator_id}")
    assert "dihapus" in _ikuti(klien, resp)
    assert not BuktiDukung.objects.exists()
    assert not jalur.exists()


def test_hapus_bukti_ditolak_selain_pengunggah(login, rs, bukti, rekan, outsider):
    resp = _hapus(login(rs.atasan), bukti)
    assert resp.status_code == 403 and PESAN_BUKTI_BUKAN_PENGUNGGAH in resp.content.decode()
    for orang in (rekan, outsider):
        assert _hapus(login(orang), bukti).status_code == 404
    assert login(rs.pegawai).get(reverse("evaluasi:bukti-hapus", args=[bukti.pk])).status_code == 405
    assert BuktiDukung.objects.count() == 1


def test_hapus_bukti_ditolak_setelah_periode_ditutup(login, rs, bukti):
    Periode.objects.filter(pk=rs.periode.pk).update(status=Periode.Status.DITUTUP)
    assert _hapus(login(rs.pegawai), bukti).status_code == 403
    assert BuktiDukung.objects.count() == 1


def test_hapus_bukti_log_kembali_ke_halaman_asal_yang_aman(login, rs):
    log = LogHarianFactory(pegawai=rs.pegawai)
    b1 = bukti_tambah(actor=rs.pegawai.user, log=log, tautan="https://contoh.go.id/1")
    b2 = bukti_tambah(actor=rs.pegawai.user, log=log, tautan="https://contoh.go.id/2")
    klien = login(rs.pegawai)
    assert _hapus(klien, b1, next="/kinerja/saya/?x=1")["Location"] == "/kinerja/saya/?x=1"
    assert not _hapus(klien, b2, next="https://jahat.example/")["Location"].startswith("https://jahat")
    assert not BuktiDukung.objects.filter(log=log).exists()
    LogHarian.objects.filter(pk=log.pk).update(status=LogHarian.Status.DISETUJUI)
    b3 = BuktiDukung.objects.create(log=log, tautan="https://contoh.go.id/3", diunggah_oleh=rs.pegawai.user)
    assert _hapus(klien, b3).status_code == 403
