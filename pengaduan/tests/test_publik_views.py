"""The public complaint pages: filing, the receipt, tracking bound to the session, the citizen's
rating and reopening; abuse (honeypot, replay, floods, huge files, scripts, guessed codes) and
what the pages never show."""

import datetime as dt
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pegawai.models import UnitKerja
from pegawai.tests.factories import UnitKerjaFactory
from pengaduan.forms.publik import PESAN_DITOLAK
from pengaduan.lacak import kunci_cocok
from pengaduan.models import BuktiPengaduan, IdentitasPelapor, Pengaduan, RiwayatPengaduan, StatusPengaduan
from pengaduan.services.publik import (
    PESAN_KONTAK_KOSONG,
    PESAN_OPD,
    PESAN_SUDAH_DIBUKA,
    PESAN_SUDAH_DINILAI,
    PESAN_TANGGAL_DEPAN,
)
from pengaduan.views.publik import PESAN_TIDAK_COCOK

from .factories import KUNCI_UJI, LayananSkmFactory, PengaduanFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
SKRIP = "<script>alert('x')</script>"
U_BUAT = reverse("layanan:aduan-create")
U_TERKIRIM = reverse("layanan:aduan-terkirim")
U_LACAK = reverse("layanan:lacak")


def _data(unit, **kw) -> dict:
    data = {
        "kelas": "pengaduan",
        "opd": str(unit.pk),
        "nama_terlapor": "",
        "judul": "Pelayanan KTP lambat",
        "uraian": "Antrean tiga jam dan loket kosong.",
        "tanggal_layanan": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "lokasi": "Kantor Kecamatan",
        "kerugian": "",
        "harapan": "",
        "privasi": "biasa",
        "nama": "Siti Pelapor",
        "email": "siti.pelapor@contoh.id",
        "telepon": "081298765432",
        "alamat": "",
        "situs_web": "",
        "token_kirim": str(uuid.uuid4()),
    }
    data.update(kw)
    return data


def _galat_field(resp, field: str) -> list[str]:
    return list(resp.context["form"].errors.get(field, []))


def _kirim(client, unit, **kw):
    return client.post(U_BUAT, _data(unit, **kw))


def _lacak(client, kode, kunci=KUNCI_UJI, **extra):
    return client.post(U_LACAK, {"kode": kode, "kunci": kunci}, **extra)


def _detail(kode):
    return reverse("layanan:lacak-detail", args=[kode])


# --- filing ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("privasi", ["biasa", "anonim", "rahasia"])
def test_warga_mengirim_melihat_kode_dan_kunci_sekali_lalu_melacak(client, opd_a, privasi):
    resp = client.post(U_BUAT, {**_data(opd_a, privasi=privasi), "berkas": SimpleUploadedFile("bukti.pdf", PDF)})
    assert resp.status_code == 302 and resp["Location"] == U_TERKIRIM
    pengaduan = Pengaduan.objects.get()
    assert (pengaduan.privasi, pengaduan.bukti.count()) == (privasi, 1)

    resp = client.get(U_TERKIRIM)
    html = resp.content.decode()
    kunci = re.search(r'data-uji="kunci">([^<]+)<', html).group(1)
    assert pengaduan.kode in html and "Simpan kunci ini." in html
    assert resp["Cache-Control"].startswith("max-age=0") and "no-store" in resp["Cache-Control"]
    assert kunci_cocok(kunci, pengaduan.kunci_hash)

    ulang = client.get(U_TERKIRIM).content.decode()
    assert pengaduan.kode in ulang and kunci not in ulang

    # This session filed it: its page opens without typing the key again.
    resp = client.get(_detail(pengaduan.kode))
    assert resp.status_code == 200
    assert "Pengaduan diterima." in resp.content.decode()


@pytest.mark.django_db
def test_form_hanya_menawarkan_opd_aktif(client, opd_a, opd_b, bidang_a):
    UnitKerjaFactory(kode="DISHUB", nama="Dinas Perhubungan", jenis=UnitKerja.Jenis.OPD, aktif=False)
    resp = client.get(U_BUAT)
    assert resp.status_code == 200
    pilihan = [label for _, label in resp.context["form"].fields["opd"].choices][1:]
    assert pilihan == ["Dinas Kesehatan", "Dinas Pendidikan"]
    html = resp.content.decode()
    assert 'name="token_kirim"' in html and 'name="situs_web"' in html
    assert "tetap diterima" in html  # the notice about late complaints, in the date's help


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"tanggal_layanan": "besok"}, "tanggal_layanan", PESAN_TANGGAL_DEPAN),
        (
            {"tanggal_layanan": "32-13-2025"},
            "tanggal_layanan",
            "Tanggal tidak valid. Gunakan format tanggal, misalnya 17-08-2026.",
        ),
        ({"email": "", "telepon": ""}, "email", PESAN_KONTAK_KOSONG),
        ({"email": "bukan-email"}, "email", "Alamat e-mail tidak valid."),
        ({"opd": "abc"}, "opd", PESAN_OPD),
        ({"opd": "99999999999999999999"}, "opd", PESAN_OPD),
        ({"opd": ""}, "opd", PESAN_OPD),
        ({"kelas": "gugatan"}, "kelas", "Pilih jenis laporan: pengaduan, aspirasi atau permintaan informasi."),
        ({"privasi": "terbuka"}, "privasi", "Pilih kerahasiaan: biasa, anonim atau rahasia."),
        ({"judul": ""}, "judul", "Tuliskan judul singkat laporan Anda."),
        ({"nama": ""}, "nama", "Tuliskan nama Anda. Nama tidak ditampilkan kepada publik."),
        ({"uraian": "x" * 5001}, "uraian", "Paling banyak 5.000 karakter (saat ini 5001)."),
        ({"judul": "j" * 201}, "judul", "Paling banyak 200 karakter (saat ini 201)."),
        ({"telepon": "12ab"}, "telepon", "Nomor telepon tidak valid; gunakan angka saja, misalnya 081234567890."),
        (
            {"token_kirim": "bukan-uuid"},
            "token_kirim",
            "Formulir ini rusak atau kedaluwarsa. Muat ulang halaman, lalu kirim kembali.",
        ),
    ],
)
def test_isian_salah_diberi_pesan_dan_tidak_disimpan(client, opd_a, ubah, field, pesan):
    if ubah.get("tanggal_layanan") == "besok":
        ubah = {"tanggal_layanan": (timezone.localdate() + dt.timedelta(days=1)).isoformat()}
    resp = _kirim(client, opd_a, **ubah)
    assert resp.status_code == 200
    assert _galat_field(resp, field) == [pesan]
    assert pesan.replace("'", "&#x27;") in resp.content.decode()
    assert Pengaduan.objects.count() == IdentitasPelapor.objects.count() == 0


@pytest.mark.django_db
def test_exe_bernama_pdf_dan_terlalu_banyak_berkas(client, opd_a, settings):
    resp = client.post(U_BUAT, {**_data(opd_a), "berkas": SimpleUploadedFile("laporan.pdf", EXE)})
    assert resp.status_code == 200
    assert _galat_field(resp, "berkas")[0].startswith("laporan.pdf: Jenis berkas tidak diizinkan.")
    assert "Berkas bukti yang Anda pilih belum disimpan: pilih kembali sebelum mengirim." in resp.content.decode()
    berkas = [SimpleUploadedFile(f"b{i}.pdf", PDF) for i in range(settings.ADUAN_BUKTI_MAKS_JUMLAH + 1)]
    resp = client.post(U_BUAT, {**_data(opd_a), "berkas": berkas})
    assert _galat_field(resp, "berkas") == [f"Paling banyak {settings.ADUAN_BUKTI_MAKS_JUMLAH} berkas bukti."]
    assert Pengaduan.objects.count() == BuktiPengaduan.objects.count() == 0


@pytest.mark.django_db
def test_lampiran_20_mb_ditolak_saat_dibaca_tanpa_menyimpan_apa_pun(client, opd_a, settings):
    besar = SimpleUploadedFile("video.pdf", PDF + bytes(20 * 1024 * 1024))
    resp = client.post(U_BUAT, {**_data(opd_a), "berkas": besar})
    assert resp.status_code == 200
    [pesan] = _galat_field(resp, "berkas")
    assert pesan.startswith("Ukuran berkas 20,0\xa0MB melebihi batas 5,0\xa0MB.")
    assert pesan.endswith("Tidak ada yang disimpan; pilih berkas yang lebih kecil.")
    assert Pengaduan.objects.count() == BuktiPengaduan.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
def test_umpan_terisi_ditolak_seperti_galat_biasa(client, opd_a):
    resp = _kirim(client, opd_a, situs_web="http://spam.example")
    assert resp.status_code == 200
    assert PESAN_DITOLAK in resp.content.decode()
    assert Pengaduan.objects.count() == IdentitasPelapor.objects.count() == 0


@pytest.mark.django_db
def test_formulir_dikirim_ulang_hanya_satu_kasus(client, opd_a):
    data = _data(opd_a)
    assert client.post(U_BUAT, data).status_code == 302
    kunci = re.search(r'data-uji="kunci">([^<]+)<', client.get(U_TERKIRIM).content.decode()).group(1)
    resp = Client().post(U_BUAT, data)
    kode = Pengaduan.objects.get().kode
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f"Formulir ini sudah dikirim. Kode lacak: {kode}" in html
    assert kunci not in html
    assert Pengaduan.objects.count() == 1 and RiwayatPengaduan.objects.count() == 1


@pytest.mark.django_db
def test_banjir_dari_satu_alamat_dibatasi_alamat_lain_tidak(client, opd_a, settings):
    settings.LAJU_ADUAN = "3/10m"
    for _ in range(3):
        assert client.post(U_BUAT, _data(opd_a), REMOTE_ADDR="10.0.0.7").status_code == 302
    resp = client.post(U_BUAT, _data(opd_a), REMOTE_ADDR="10.0.0.7")
    assert resp.status_code == 429
    assert "Terlalu banyak permintaan" in resp.content.decode()
    assert client.post(U_BUAT, _data(opd_a), REMOTE_ADDR="10.0.0.8").status_code == 302
    assert Pengaduan.objects.count() == 4


@pytest.mark.django_db
def test_post_tanpa_csrf_ditolak(opd_a):
    klien = Client(enforce_csrf_checks=True)
    assert klien.post(U_BUAT, _data(opd_a)).status_code == 403
    assert klien.post(U_LACAK, {"kode": "ADU-2222-3333", "kunci": KUNCI_UJI}).status_code == 403
    assert Pengaduan.objects.count() == 0


@pytest.mark.django_db
def test_metode_salah_405(client, opd_a):
    pengaduan = PengaduanFactory(opd=opd_a)
    assert client.delete(U_BUAT).status_code == 405
    assert client.post(reverse("layanan:beranda")).status_code == 405
    assert client.post(U_TERKIRIM).status_code == 405
    assert client.get(reverse("layanan:lacak-nilai", args=[pengaduan.kode])).status_code == 405
    assert client.get(reverse("layanan:lacak-buka-kembali", args=[pengaduan.kode])).status_code == 405


@pytest.mark.django_db
def test_skrip_di_setiap_isian_ditampilkan_sebagai_teks(client, opd_a):
    isian = {f: SKRIP for f in ("nama_terlapor", "judul", "uraian", "lokasi", "kerugian", "harapan", "nama", "alamat")}
    assert _kirim(client, opd_a, **isian).status_code == 302
    pengaduan = Pengaduan.objects.get()
    assert pengaduan.judul == SKRIP and pengaduan.uraian == SKRIP
    for url in (U_TERKIRIM, _detail(pengaduan.kode)):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
    html = client.get(_detail(pengaduan.kode)).content.decode()
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 3  # judul, uraian, lokasi


# --- tracking ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_kode_tebakan_dan_kunci_salah_mendapat_pesan_yang_sama(client, opd_a):
    pengaduan = PengaduanFactory(opd=opd_a)
    salah_kunci = _lacak(client, pengaduan.kode, "K7QM-2XJ9-PA4S")
    tebakan = _lacak(client, "ADU-2222-3333")
    for resp in (salah_kunci, tebakan):
        assert resp.status_code == 200
        assert list(resp.context["form"].non_field_errors()) == [PESAN_TIDAK_COCOK]
    assert client.get(_detail(pengaduan.kode)).status_code == 302

    resp = _lacak(client, pengaduan.kode.lower().replace("-", " "))
    assert resp.status_code == 302 and resp["Location"] == _detail(pengaduan.kode)


@pytest.mark.django_db
def test_lacak_dibatasi_per_alamat(client, opd_a, settings):
    settings.LAJU_LACAK = "2/10m"
    pengaduan = PengaduanFactory(opd=opd_a)
    for _ in range(2):
        assert _lacak(client, "ADU-2222-3333", REMOTE_ADDR="10.0.0.9").status_code == 200
    # Even the right key is refused while the address is over the limit.
    assert _lacak(client, pengaduan.kode, REMOTE_ADDR="10.0.0.9").status_code == 429
    assert _lacak(client, pengaduan.kode, REMOTE_ADDR="10.0.0.10").status_code == 302


@pytest.mark.django_db
def test_halaman_kasus_terikat_pada_sesi_yang_membuktikan_kunci(client, opd_a):
    pengaduan = PengaduanFactory(opd=opd_a)
    _lacak(client, pengaduan.kode)
    assert client.get(_detail(pengaduan.kode)).status_code == 200

    lain = Client()  # has only the code (a shared link, a shoulder)
    resp = lain.get(_detail(pengaduan.kode))
    assert resp.status_code == 302 and resp["Location"] == f"{U_LACAK}?kode={pengaduan.kode}"
    assert lain.get(resp["Location"]).context["form"]["kode"].value() == pengaduan.kode
    resp = lain.post(reverse("layanan:lacak-nilai", args=[pengaduan.kode]), {"nilai": "5"})
    assert resp.status_code == 302 and resp["Location"].startswith(U_LACAK)
    assert lain.get(_detail("bukan-kode")).status_code == 302


@pytest.fixture
def kasus_berjalan(opd_a, atasan, petugas):
    """A case with an internal note, an officer's public response and a non-public entry."""
    pengaduan = PengaduanFactory(
        opd=opd_a,
        privasi="anonim",
        nama_terlapor="Budi Petugas Loket",
        status=StatusPengaduan.DITINDAKLANJUTI,
        terverifikasi_pada=timezone.now(),
        didisposisikan_pada=timezone.now(),
        ditanggapi_pada=timezone.now(),
        unit_tujuan=opd_a,
        petugas_tindak=atasan,
        batas_tanggapan=timezone.localdate() + dt.timedelta(days=5),
        batas_selesai=dt.date(timezone.localdate().year + 1, 8, 17),
    )
    R = RiwayatPengaduan
    R.objects.create(
        pengaduan=pengaduan, jenis=R.Jenis.STATUS, status_ke="baru", isi="Pengaduan diterima.", publik=True
    )
    R.objects.create(pengaduan=pengaduan, jenis=R.Jenis.CATATAN, isi="Catatan internal: cek CCTV.", oleh=petugas.user)
    R.objects.create(
        pengaduan=pengaduan,
        jenis=R.Jenis.STATUS,
        status_dari="terverifikasi",
        status_ke="didisposisikan",
        isi="Disposisi ke Bidang PTK.",
        oleh=petugas.user,
    )
    R.objects.create(
        pengaduan=pengaduan,
        jenis=R.Jenis.TANGGAPAN,
        isi="Loket akan ditambah mulai pekan depan.",
        publik=True,
        oleh=atasan.user,
    )
    return pengaduan


@pytest.mark.django_db
def test_halaman_kasus_hanya_berisi_yang_publik(client, kasus_berjalan, atasan, petugas, opd_a):
    _lacak(client, kasus_berjalan.kode)
    resp = client.get(_detail(kasus_berjalan.kode))
    html = resp.content.decode()
    assert "Loket akan ditambah mulai pekan depan." in html and "Petugas" in html
    assert "Ditindaklanjuti" in html
    identitas = kasus_berjalan.identitas
    tersembunyi = [
        "Catatan internal",
        "Disposisi ke Bidang PTK.",
        atasan.nama,
        atasan.nip,
        petugas.nama,
        petugas.nip,
        identitas.nama,
        identitas.email,
        identitas.telepon,
        "Budi Petugas Loket",
        f"/pengaduan/{kasus_berjalan.pk}/",
    ]
    for teks in tersembunyi:
        assert teks not in html, teks
    tahun = timezone.localdate().year + 1
    assert f"Penyelesaian: paling lambat <strong>17 Agustus {tahun}</strong>" in html


@pytest.mark.django_db
def test_tenggat_terlambat_ditandai(client, opd_a):
    pengaduan = PengaduanFactory(opd=opd_a, batas_verifikasi=timezone.localdate() - dt.timedelta(days=1))
    _lacak(client, pengaduan.kode)
    [tenggat] = client.get(_detail(pengaduan.kode)).context["tenggat"]
    assert (tenggat["label"], tenggat["terlambat"]) == ("Verifikasi", True)


# --- rating and reopening ----------------------------------------------------------------------


def _selesai(opd, **kw):
    return PengaduanFactory(
        opd=opd,
        status=StatusPengaduan.SELESAI,
        terverifikasi_pada=timezone.now() - dt.timedelta(days=3),
        selesai_pada=timezone.now() - dt.timedelta(days=1),
        batas_selesai=timezone.localdate(),
        hari_kerja_selesai=2,
        **kw,
    )


@pytest.mark.django_db
def test_warga_menilai_sekali(client, opd_a):
    pengaduan = _selesai(opd_a)
    _lacak(client, pengaduan.kode)
    html = client.get(_detail(pengaduan.kode)).content.decode()
    assert "Beri penilaian" in html and "Buka kembali" in html
    u_nilai = reverse("layanan:lacak-nilai", args=[pengaduan.kode])

    resp = client.post(u_nilai, {"nilai": "9"}, follow=True)
    assert "Pilih nilai 1 sampai 5." in resp.content.decode()
    resp = client.post(u_nilai, {"nilai": "4", "ulasan": "Terima kasih."}, follow=True)
    assert "Terima kasih atas penilaian Anda." in resp.content.decode()
    assert "Beri penilaian" not in resp.content.decode()
    resp = client.post(u_nilai, {"nilai": "1"}, follow=True)
    assert PESAN_SUDAH_DINILAI in resp.content.decode()
    pengaduan.refresh_from_db()
    assert pengaduan.nilai_warga == 4
    assert RiwayatPengaduan.objects.filter(pengaduan=pengaduan, jenis="penilaian").count() == 1


@pytest.mark.django_db
def test_warga_membuka_kembali_sekali(client, opd_a):
    pengaduan = _selesai(opd_a)
    _lacak(client, pengaduan.kode)
    u_buka = reverse("layanan:lacak-buka-kembali", args=[pengaduan.kode])
    resp = client.post(u_buka, {"alasan": ""}, follow=True)
    assert "Tuliskan alasan Anda membuka kembali pengaduan ini." in resp.content.decode()
    resp = client.post(u_buka, {"alasan": "Loket masih kosong."}, follow=True)
    html = resp.content.decode()
    assert "Pengaduan Anda dibuka kembali dan akan ditindaklanjuti oleh petugas." in html
    assert "Loket masih kosong." in html and "Buka kembali</button>" not in html
    resp = client.post(u_buka, {"alasan": "Lagi."}, follow=True)
    assert PESAN_SUDAH_DIBUKA in resp.content.decode()
    assert RiwayatPengaduan.objects.filter(pengaduan=pengaduan, jenis="buka_kembali").count() == 1


@pytest.mark.django_db
def test_aksi_warga_dibatasi_per_alamat(client, opd_a, settings):
    settings.LAJU_LACAK = "2/10m"
    pengaduan = _selesai(opd_a)
    _lacak(client, pengaduan.kode)  # 1
    u_nilai = reverse("layanan:lacak-nilai", args=[pengaduan.kode])
    assert client.post(u_nilai, {"nilai": "9"}).status_code == 302  # 2
    assert client.post(u_nilai, {"nilai": "5"}).status_code == 429
    pengaduan.refresh_from_db()
    assert pengaduan.nilai_warga is None


# --- landing page, login link, query counts ----------------------------------------------------


@pytest.mark.django_db
def test_beranda_mengelompokkan_survei_aktif_per_opd(client, opd_a, opd_b, bidang_a):
    LayananSkmFactory(unit=bidang_a, nama="Legalisir Ijazah")
    LayananSkmFactory(unit=opd_b, nama="Surat Sehat")
    mati = LayananSkmFactory(unit=opd_a, nama="Layanan Lama", aktif=False)
    resp = client.get(reverse("layanan:beranda"))
    html = resp.content.decode()
    assert [(x["opd_nama"], x["nama"]) for x in resp.context["layanan"]] == [
        ("Dinas Kesehatan", "Surat Sehat"),
        ("Dinas Pendidikan", "Legalisir Ijazah"),
    ]
    assert mati.nama not in html
    for layanan in resp.context["layanan"]:
        assert reverse("layanan:survei-isi", args=[layanan["kode_publik"]]) in html
    assert reverse("layanan:aduan-create") in html and reverse("layanan:lacak") in html


@pytest.mark.django_db
def test_halaman_masuk_menautkan_layanan_publik(client):
    assert reverse("layanan:beranda") in client.get(reverse("akun:login")).content.decode()


@pytest.mark.django_db
def test_pegawai_yang_masuk_juga_dapat_memakai_halaman_publik(login, pegawai, opd_a):
    klien = login(pegawai)
    assert klien.get(U_BUAT).status_code == 200
    assert _kirim(klien, opd_a, privasi="anonim").status_code == 302


def _hitung(django_assert_num_queries, n, fn):
    with django_assert_num_queries(n):
        return fn()


@pytest.mark.django_db
@pytest.mark.parametrize("jumlah", [1, 8])
def test_jumlah_kueri_halaman_publik_tetap(client, django_assert_num_queries, opd_a, bidang_a, jumlah):
    for i in range(jumlah):
        UnitKerjaFactory(kode=f"OPD{i}", nama=f"Dinas {i}", jenis=UnitKerja.Jenis.OPD)
        LayananSkmFactory(unit=bidang_a, nama=f"Layanan {i}")
    pengaduan = PengaduanFactory(opd=opd_a)
    for i in range(jumlah):
        RiwayatPengaduan.objects.create(pengaduan=pengaduan, jenis="tanggapan", isi=f"Tanggapan {i}", publik=True)
    _lacak(client, pengaduan.kode)
    client.get(_detail(pengaduan.kode))  # the session row exists from here on

    _hitung(django_assert_num_queries, 2, lambda: client.get(reverse("layanan:beranda")))  # session, services
    _hitung(django_assert_num_queries, 3, lambda: client.get(U_BUAT))  # session, settings, OPD list
    _hitung(django_assert_num_queries, 1, lambda: client.get(U_LACAK))
    # session, case, settings, timeline
    resp = _hitung(django_assert_num_queries, 4, lambda: client.get(_detail(pengaduan.kode)))
    assert len(resp.context["riwayat"]) == jumlah


@pytest.mark.django_db
def test_layanan_lama_diterima_dengan_pemberitahuan_di_tanda_terima(client, opd_a):
    lama = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    assert _kirim(client, opd_a, tanggal_layanan=lama).status_code == 302
    assert Pengaduan.objects.get().layanan_lewat_batas is True
    html = client.get(U_TERKIRIM).content.decode()
    assert "Layanan yang Anda laporkan terjadi lebih dari 30 hari yang lalu. Laporan tetap diterima" in html
