"""The internal survey pages: the services with their IKM, adding and changing a service, the
IKM page, the QR code and the Excel report; who may open them and how many queries they take."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pegawai.models import PeranPengguna
from pegawai.tests.factories import PeranFactory
from pengaduan.forms.skm import PESAN_FILTER, PESAN_POPULASI
from pengaduan.models import LayananSkm
from pengaduan.services.skm import PESAN_NAMA_DIPAKAI

from .factories import LayananSkmFactory
from .skm_data import respon_massal
from .test_skm_ikm import CONTOH
from .test_skm_publik import isian

pytestmark = pytest.mark.django_db

DAFTAR = reverse("pengaduan:layanan-list")
TAMBAH = reverse("pengaduan:layanan-create")


def _detail(layanan, query: str = "") -> str:
    return reverse("pengaduan:layanan-detail", args=[layanan.pk]) + (f"?{query}" if query else "")


def _ubah(layanan) -> str:
    return reverse("pengaduan:layanan-update", args=[layanan.pk])


def _html(r) -> str:
    return r.content.decode()


def _pesan(r) -> list[str]:
    return [str(m) for m in get_messages(r.wsgi_request)]


@pytest.fixture
def layanan(opd_a):
    return LayananSkmFactory(unit=opd_a, nama="Legalisir Ijazah", populasi=100)


@pytest.fixture
def admin_opd_b(outsider, opd_b):
    PeranFactory(user=outsider.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_b)
    return outsider


def _sekarang() -> dt.datetime:
    """Now, but never in the year's first or last minutes (tests filter "this year")."""
    sekarang = timezone.localtime()
    return sekarang.replace(month=6, day=15) if sekarang.month in (1, 12) else sekarang


# --- the list ---------------------------------------------------------------------------------


def test_daftar_layanan_dengan_ikm_tahun_ini(login, admin_opd, layanan, opd_b):
    LayananSkmFactory(unit=opd_b, nama="Izin Praktik Dokter")
    respon_massal(layanan, [[4] * 9, [3] * 9], waktu=_sekarang())
    respon_massal(layanan, [[1] * 9], waktu=_sekarang() - dt.timedelta(days=400))  # another year
    r = login(admin_opd).get(DAFTAR)
    assert r.status_code == 200
    baris = r.context["baris"]
    assert [(b["layanan"].nama, b["ikm"].responden, b["ikm"].ikm) for b in baris] == [
        ("Legalisir Ijazah", 2, Decimal("87.50"))
    ]
    html = _html(r)
    assert "87,50" in html and "B (Baik)" in html and "Izin Praktik Dokter" not in html
    assert "min. 80" in html  # population 100: Krejcie-Morgan minimum 80, not reached
    assert TAMBAH in html and _ubah(layanan) in html


def test_petugas_melihat_semua_tanpa_tombol_ubah(login, petugas, layanan, opd_b):
    LayananSkmFactory(unit=opd_b, nama="Izin Praktik Dokter")
    r = login(petugas).get(DAFTAR)
    assert [b["layanan"].nama for b in r.context["baris"]] == ["Izin Praktik Dokter", "Legalisir Ijazah"]
    assert not any(b["bisa_ubah"] for b in r.context["baris"])
    html = _html(r)
    assert TAMBAH not in html and _ubah(layanan) not in html


def test_daftar_cari_dan_filter_periode(login, admin_bkd, layanan, opd_b):
    LayananSkmFactory(unit=opd_b, nama="Izin Praktik Dokter")
    respon_massal(layanan, [[4] * 9], waktu=timezone.make_aware(dt.datetime(2024, 3, 5, 10)))
    respon_massal(layanan, [[2] * 9], waktu=timezone.make_aware(dt.datetime(2024, 8, 5, 10)))
    r = login(admin_bkd).get(DAFTAR, {"cari": "ijazah", "tahun": "2024", "bagian": "t1"})
    assert [(b["layanan"].nama, b["ikm"].responden, b["ikm"].ikm) for b in r.context["baris"]] == [
        ("Legalisir Ijazah", 1, Decimal("100.00"))
    ]
    assert r.context["periode"].label == "Triwulan I 2024"


def test_daftar_akses_dan_metode(client, login, pegawai, atasan, layanan):
    assert client.get(DAFTAR).status_code == 302
    assert login(pegawai).get(DAFTAR).status_code == 403
    assert login(atasan).get(DAFTAR).status_code == 403


def test_daftar_post_405(login, admin_opd):
    assert login(admin_opd).post(DAFTAR).status_code == 405


def _jumlah_query(klien, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert klien.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_jumlah_query_daftar_tetap(login, admin_bkd, opd_a, opd_b):
    klien = login(admin_bkd)

    def tambah(n):
        for i in range(n):
            x = LayananSkmFactory(unit=opd_a if i % 2 else opd_b)
            respon_massal(x, [[3] * 9, [4] * 9], waktu=_sekarang())

    tambah(2)
    sedikit = _jumlah_query(klien, DAFTAR)
    tambah(6)
    assert _jumlah_query(klien, DAFTAR) == sedikit
    assert sedikit <= 8


# --- adding and changing a service ---------------------------------------------------------------


def test_admin_opd_menambah_layanan_di_opd_nya(login, admin_opd, bidang_a, opd_b):
    klien = login(admin_opd)
    r = klien.get(TAMBAH)
    pilihan = {str(u) for v, u in r.context["form"].fields["unit"].choices if v}
    assert pilihan == {"Dinas Pendidikan", "— Bidang Pendidik dan Tenaga Kependidikan"}
    r = klien.post(TAMBAH, {"unit": bidang_a.pk, "nama": "  Mutasi   Guru ", "populasi": "1200"})
    layanan = LayananSkm.objects.get()
    assert r.status_code == 302 and r["Location"] == _detail(layanan)
    assert (layanan.unit, layanan.nama, layanan.populasi, layanan.aktif) == (bidang_a, "Mutasi Guru", 1200, True)
    assert len(layanan.kode_publik) >= 8
    entri = LogEntry.objects.get_for_object(layanan).get()
    assert entri.action == LogEntry.Action.CREATE and entri.actor == admin_opd.user
    assert _pesan(r) == ["Layanan Mutasi Guru ditambahkan; survei sudah dapat diisi masyarakat."]


def test_admin_opd_tidak_dapat_menambah_di_opd_lain(login, admin_opd, opd_b):
    r = login(admin_opd).post(TAMBAH, {"unit": opd_b.pk, "nama": "Izin", "populasi": "10"})
    assert r.status_code == 200
    assert r.context["form"].errors["unit"] == ["Unit tidak tersedia; pilih unit di perangkat daerah yang Anda kelola."]
    assert not LayananSkm.objects.exists()


def test_admin_bkd_menambah_di_opd_mana_pun(login, admin_bkd, opd_b):
    assert login(admin_bkd).post(TAMBAH, {"unit": opd_b.pk, "nama": "Izin", "populasi": "0"}).status_code == 302
    assert LayananSkm.objects.get().unit == opd_b


@pytest.mark.parametrize(
    ("data", "field", "pesan"),
    [
        ({"nama": "legalisir ijazah"}, "nama", PESAN_NAMA_DIPAKAI),
        ({"nama": "   "}, "nama", "Nama layanan wajib diisi."),
        ({"nama": "x" * 201}, "nama", "Nama layanan paling banyak 200 karakter."),
        ({"populasi": "-1"}, "populasi", PESAN_POPULASI),
        ({"populasi": "banyak"}, "populasi", PESAN_POPULASI),
        ({"populasi": "100000001"}, "populasi", PESAN_POPULASI),
    ],
)
def test_tambah_isian_salah(login, admin_opd, layanan, opd_a, data, field, pesan):
    r = login(admin_opd).post(TAMBAH, {"unit": opd_a.pk, "nama": "Baru", "populasi": "5", **data})
    assert r.status_code == 200
    assert r.context["form"].errors[field] == [pesan]
    assert LayananSkm.objects.count() == 1


def test_petugas_dan_pegawai_tidak_menambah(login, petugas, pegawai, opd_a):
    for p in (petugas, pegawai):
        klien = login(p)
        assert klien.get(TAMBAH).status_code == 403
        assert klien.post(TAMBAH, {"unit": opd_a.pk, "nama": "X", "populasi": "1"}).status_code == 403
    assert not LayananSkm.objects.exists()


def test_ubah_layanan_tercatat_di_audit(login, admin_opd, layanan):
    kode = layanan.kode_publik
    klien = login(admin_opd)
    r = klien.get(_ubah(layanan))
    assert r.context["form"].initial == {"nama": "Legalisir Ijazah", "populasi": 100, "aktif": True}
    r = klien.post(_ubah(layanan), {"nama": "Legalisir Ijazah dan Rapor", "populasi": "250"})  # aktif unticked
    assert r.status_code == 302 and r["Location"] == _detail(layanan)
    layanan.refresh_from_db()
    assert (layanan.nama, layanan.populasi, layanan.aktif, layanan.kode_publik) == (
        "Legalisir Ijazah dan Rapor",
        250,
        False,
        kode,
    )
    entri = LogEntry.objects.get_for_object(layanan).filter(action=LogEntry.Action.UPDATE).get()
    assert entri.actor == admin_opd.user
    assert entri.changes_dict == {
        "nama": ["Legalisir Ijazah", "Legalisir Ijazah dan Rapor"],
        "populasi": ["100", "250"],
        "aktif": ["True", "False"],
    }


def test_ubah_isian_salah_tidak_mengubah(login, admin_opd, layanan):
    LayananSkmFactory(unit=layanan.unit, nama="Mutasi Guru")
    klien = login(admin_opd)
    r = klien.post(_ubah(layanan), {"nama": "MUTASI GURU", "populasi": "5", "aktif": "on"})
    assert r.context["form"].errors["nama"] == [PESAN_NAMA_DIPAKAI]
    assert "Legalisir Ijazah" in _html(r)
    r = klien.post(_ubah(layanan), {"nama": "Baru", "populasi": "-3", "aktif": "on"})
    assert r.context["form"].errors["populasi"] == [PESAN_POPULASI]
    layanan.refresh_from_db()
    assert (layanan.nama, layanan.populasi) == ("Legalisir Ijazah", 100)


def test_ubah_akses(login, admin_opd_b, petugas, pegawai, admin_bkd, layanan):
    data = {"nama": "Diubah", "populasi": "1", "aktif": "on"}
    assert login(admin_opd_b).get(_ubah(layanan)).status_code == 404
    assert login(admin_opd_b).post(_ubah(layanan), data).status_code == 404
    assert login(petugas).post(_ubah(layanan), data).status_code == 403
    assert login(pegawai).post(_ubah(layanan), data).status_code == 403
    assert login(admin_bkd).put(_ubah(layanan)).status_code == 405
    layanan.refresh_from_db()
    assert layanan.nama == "Legalisir Ijazah"
    assert login(admin_bkd).post(_ubah(layanan), data).status_code == 302


# --- the IKM page ------------------------------------------------------------------------------


def test_halaman_ikm_seluruh_alur_dari_formulir_publik(warga, layanan, admin_opd):
    """Four citizens fill the public form (U4 skipped by two, U8 by one); the page shows the
    hand-computed values: NRR U8 = 8/3, index 341/108, IKM 8525/108 = 78.94 (B)."""
    for jawaban in CONTOH:
        assert warga.post(reverse("layanan:survei-isi", args=[layanan.kode_publik]), isian(jawaban)).status_code == 302
    warga.force_login(admin_opd.user)
    r = warga.get(_detail(layanan))
    assert r.status_code == 200
    ikm = r.context["ikm"]
    assert (ikm.responden, ikm.ikm, ikm.mutu.kode) == (4, Decimal("78.94"), "B")
    html = _html(r)
    assert 'data-test="ikm">78,94<' in html and "B (Baik)" in html
    assert 'data-test="indeks">3,157<' in html
    assert 'data-test="nrr-U8">2,667<' in html and 'data-test="nrr-U4">3,500<' in html
    assert 'data-test="responden">4<' in html
    # Population 100 needs 80 respondents.
    assert "Sampel belum memenuhi." in html and "4 responden dari minimal 80 (kurang 76)" in html
    # Weakest first: U3 (2.5), U8 (2.667), then U1 (3.0; U5 ties and comes after).
    assert [x.kode for x in r.context["terlemah"]] == ["U3", "U8", "U1"]
    assert r.context["grafik_nrr"]["nrr"] == [3.0, 3.5, 2.5, 3.5, 3.0, 3.25, 3.5, 2.667, 3.5]
    assert 'id="data-grafik-nrr"' in html and "vendor/chartjs/chart.umd.min.js" in html


def test_catatan_unsur_tanpa_jawaban_dan_sampel_memenuhi(login, admin_opd, layanan):
    layanan.populasi = 2
    layanan.save()
    respon_massal(layanan, [[4, 4, 4, None, 4, 4, 4, 4, 4], [3, 3, 3, None, 3, 3, 3, 3, 3]], waktu=_sekarang())
    html = _html(login(admin_opd).get(_detail(layanan)))
    assert "Tidak ada jawaban untuk unsur U4 Biaya/Tarif" in html
    assert "rata-rata NRR 8 unsur lain yang dijawab" in html
    assert "Sampel belum memenuhi" not in html
    assert 'data-test="sampel-minimal">2<' in html


def test_populasi_kosong_dan_tanpa_jawaban(login, admin_opd, layanan):
    layanan.populasi = 0
    layanan.save()
    html = _html(login(admin_opd).get(_detail(layanan)))
    assert "Populasi penerima layanan belum diisi" in html
    assert "Belum ada data" in html and "Belum ada saran pada periode ini." in html
    assert "Sampel belum memenuhi" not in html and "Tidak ada jawaban untuk unsur" not in html


def test_saran_terbaru_dulu_teks_saja_dan_berhalaman(login, admin_opd, layanan):
    awal = _sekarang() - dt.timedelta(days=3)
    for i in range(23):
        respon_massal(layanan, [[3] * 9], waktu=awal + dt.timedelta(minutes=i), saran=f"Saran nomor {i}")
    respon_massal(layanan, [[3] * 9], waktu=awal + dt.timedelta(hours=5), saran="<script>alert(1)</script>")
    respon_massal(layanan, [[3] * 9], waktu=awal + dt.timedelta(hours=6))  # no suggestion
    klien = login(admin_opd)
    r = klien.get(_detail(layanan))
    teks = [x.saran for x in r.context["page_obj"]]
    assert teks[:3] == ["<script>alert(1)</script>", "Saran nomor 22", "Saran nomor 21"]
    assert len(teks) == 20 and r.context["page_obj"].paginator.count == 24
    html = _html(r)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    r = klien.get(_detail(layanan, "page=2"))
    assert [x.saran for x in r.context["page_obj"]] == [f"Saran nomor {i}" for i in (3, 2, 1, 0)]


def test_demografi_di_halaman(login, admin_opd, layanan):
    respon_massal(layanan, [[3] * 9] * 2, waktu=_sekarang(), usia=">60", pekerjaan="pelajar")
    r = login(admin_opd).get(_detail(layanan))
    kelompok = {k.field: dict(k.baris) for k in r.context["demografi"]}
    assert kelompok["usia"]["Di atas 60 tahun"] == 2 and kelompok["pekerjaan"]["Pelajar/Mahasiswa"] == 2
    assert "Di atas 60 tahun" in _html(r)


def test_filter_periode_bulan_rentang_dan_salah(login, admin_opd, layanan):
    respon_massal(layanan, [[4] * 9], waktu=timezone.make_aware(dt.datetime(2024, 3, 31, 23, 30)))
    respon_massal(layanan, [[2] * 9], waktu=timezone.make_aware(dt.datetime(2024, 4, 1, 8)))
    klien = login(admin_opd)
    r = klien.get(_detail(layanan, "tahun=2024&bagian=b3"))
    assert r.context["periode"].label == "Maret 2024"
    assert (r.context["ikm"].responden, r.context["ikm"].ikm) == (1, Decimal("100.00"))
    r = klien.get(_detail(layanan, "tahun=2024&bagian=s1&tren=triwulan"))
    assert r.context["ikm"].responden == 2
    assert r.context["grafik_tren"]["label"] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    assert r.context["grafik_tren"]["ikm"] == [100.0, 50.0, None, None]
    r = klien.get(_detail(layanan, "mulai=2024-04-01&selesai=2024-04-30"))
    assert r.context["periode"].label == "1 April 2024 s.d. 30 April 2024"
    assert r.context["ikm"].ikm == Decimal("50.00")
    assert r.context["grafik_tren"]["ikm"][2:4] == [100.0, 50.0]  # per month of 2024
    for salah in ("tahun=abc", "bagian=b13", "mulai=2024-05-01&selesai=2024-04-01", "mulai=2024-05-01"):
        r = klien.get(_detail(layanan, salah))
        assert r.status_code == 200
        assert r.context["periode"].label == f"Tahun {timezone.localdate().year}"
        assert PESAN_FILTER in _pesan(r)


def test_halaman_ikm_akses(client, login, admin_opd_b, pegawai, petugas, admin_bkd, layanan):
    assert client.get(_detail(layanan)).status_code == 302
    assert login(admin_opd_b).get(_detail(layanan)).status_code == 404
    assert login(pegawai).get(_detail(layanan)).status_code == 403
    assert login(petugas).get(_detail(layanan)).status_code == 200
    assert login(admin_bkd).post(_detail(layanan)).status_code == 405
    assert login(admin_bkd).get(reverse("pengaduan:layanan-detail", args=[999999])).status_code == 404


def test_tombol_ubah_hanya_untuk_pengelola(login, admin_opd, petugas, layanan):
    assert _ubah(layanan) in _html(login(admin_opd).get(_detail(layanan)))
    assert _ubah(layanan) not in _html(login(petugas).get(_detail(layanan)))


def test_jumlah_query_halaman_ikm_tetap(login, admin_opd, layanan):
    klien = login(admin_opd)

    def tambah(n):
        for i in range(n):
            respon_massal(layanan, [[1 + i % 4] * 9], waktu=_sekarang() - dt.timedelta(days=i), saran=f"S{i}")

    tambah(3)
    sedikit = _jumlah_query(klien, _detail(layanan))
    tambah(30)
    assert _jumlah_query(klien, _detail(layanan)) == sedikit
    assert sedikit <= 11


# --- QR code and export -----------------------------------------------------------------------------


def test_halaman_qr_berisi_svg_dan_alamat_publik(login, admin_opd, petugas, admin_opd_b, layanan, settings):
    settings.SITE_URL = "http://layanan.pemda.example/"
    url = reverse("pengaduan:layanan-qr", args=[layanan.pk])
    r = login(admin_opd).get(url)
    html = _html(r)
    alamat = f"http://layanan.pemda.example/layanan/survei/{layanan.kode_publik}/"
    assert r.status_code == 200
    assert "<svg" in html and 'class="segno"' in html
    assert alamat in html and "Legalisir Ijazah" in html and "@media print" in html
    assert "sedang ditutup" not in html
    assert login(petugas).get(url).status_code == 200
    assert login(admin_opd_b).get(url).status_code == 404
    layanan.aktif = False
    layanan.save()
    assert "sedang ditutup" in _html(login(admin_opd).get(url))


def _buka(r):
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(r.content), read_only=True)


def test_ekspor_laporan_skm(login, admin_opd, layanan):
    waktu = timezone.make_aware(dt.datetime(2024, 5, 2, 9))
    respon_massal(layanan, CONTOH[:2], waktu=waktu, usia="21-30")
    respon_massal(layanan, CONTOH[2:], waktu=waktu + dt.timedelta(days=1), saran='=HYPERLINK("x")')
    respon_massal(layanan, [[1] * 9], waktu=timezone.make_aware(dt.datetime(2023, 5, 2, 9)))  # outside
    r = login(admin_opd).get(reverse("pengaduan:layanan-export", args=[layanan.pk]), {"tahun": "2024"})
    assert "skm-legalisir-ijazah-20240101-20241231.xlsx" in r["Content-Disposition"]
    wb = _buka(r)
    assert wb.sheetnames == ["Laporan SKM", "Jawaban"]
    laporan = list(wb["Laporan SKM"].iter_rows(values_only=True))
    assert laporan[0] == ("Bagian", "Uraian", "Jumlah", "Penjawab", "NRR", "Bobot", "NRR x bobot")
    baris = {(b[0], b[1]): b for b in laporan[1:]}
    assert baris[("Layanan", "Legalisir Ijazah")]
    assert baris[("Periode", "Tahun 2024")]
    u4 = next(b for b in laporan if b[0] == "U4")
    assert u4[1:6] == ("Biaya/Tarif", 7, 2, 3.5, pytest.approx(1 / 9))
    u8 = next(b for b in laporan if b[0] == "U8")
    assert u8[4] == pytest.approx(8 / 3) and u8[6] == pytest.approx(8 / 27)
    assert next(b for b in laporan if b[0] == "Indeks")[6] == pytest.approx(341 / 108)
    assert next(b for b in laporan if b[0] == "IKM")[6] == 78.94
    assert next(b for b in laporan if b[0] == "Mutu")[1] == "B (Baik)"
    assert baris[("Sampel", "Responden")][2] == 4
    assert baris[("Sampel", "Populasi penerima layanan")][2] == 100
    assert baris[("Sampel", "Sampel minimal (Krejcie-Morgan)")][2] == 80
    assert ("Sampel", "Sampel belum memenuhi") in baris
    assert baris[("Usia", "21-30 tahun")][2] == 2 and baris[("Usia", "31-40 tahun")][2] == 2
    assert baris[("Jenis kelamin", "Perempuan")][2] == 4

    jawaban = list(wb["Jawaban"].iter_rows(values_only=True))
    assert jawaban[0][:3] == ("No", "Tanggal", "U1 Persyaratan")
    assert len(jawaban) == 5
    assert jawaban[1][0] == 1 and jawaban[1][1].date() == dt.date(2024, 5, 2)
    assert jawaban[2][2:11] == (3, 3, 3, None, 3, 3, 3, 2, 3)
    assert jawaban[3][11:15] == ("31-40 tahun", "Perempuan", "SMA/SMK", "Wiraswasta/Usahawan")
    assert jawaban[4][15] == '=HYPERLINK("x")'  # written as text, never a formula


def test_ekspor_akses_dan_jumlah_query(login, admin_opd, admin_opd_b, pegawai, layanan):
    url = reverse("pengaduan:layanan-export", args=[layanan.pk])
    assert login(admin_opd_b).get(url).status_code == 404
    assert login(pegawai).get(url).status_code == 403
    klien = login(admin_opd)
    respon_massal(layanan, [[3] * 9] * 2, waktu=_sekarang())
    sedikit = _jumlah_query(klien, url)
    respon_massal(layanan, [[2] * 9] * 40, waktu=_sekarang())
    assert _jumlah_query(klien, url) == sedikit
