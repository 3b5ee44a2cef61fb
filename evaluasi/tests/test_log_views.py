"""Daily-log pages over HTTP: the pegawai's month and entry form, the atasan's review queue.
Happy paths, who gets what (404 out of scope, 403 visible but not allowed, 405), bad input (a
clear message, nothing saved) and query counts pinned at two sizes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluasi.models import BuktiDukung, LogHarian, Periode
from evaluasi.services.log import (
    PESAN_CATATAN_WAJIB,
    PESAN_MASA_DEPAN,
    PESAN_MENIT_ANGKA,
    PESAN_MENIT_NEGATIF,
    PESAN_MENIT_POSITIF,
    PESAN_STATUS_TETAP,
    tgl,
)
from evaluasi.tests.factories import LogHarianFactory
from evaluasi.tests.test_log_ruang import EXE, PDF, buat, bulan_lalu, pdf
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytest_plugins = ["evaluasi.tests.test_log_ruang"]  # the `lg` fixture

pytestmark = pytest.mark.django_db

DAFTAR = reverse("evaluasi:log-list")
BARU = reverse("evaluasi:log-create")
PERIKSA = reverse("evaluasi:log-periksa")


def _ubah(pk):
    return reverse("evaluasi:log-update", args=[pk])


def _hapus(pk):
    return reverse("evaluasi:log-delete", args=[pk])


def _review(pk):
    return reverse("evaluasi:log-review", args=[pk])


def _isi(lg, **kw) -> dict:
    data = {"tanggal": lg.hari_ini.isoformat(), "uraian": "Rapat koordinasi PPDB", "jam": "1", "menit": "30"}
    data["rhk"] = str(lg.rhk[0].pk)
    data.update(kw)
    return {k: v for k, v in data.items() if v is not None}


def _html(resp) -> str:
    assert resp.status_code == 200, resp.status_code
    return resp.content.decode()


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


# --- entry form ---------------------------------------------------------------------------------------


def test_pegawai_menambah_log_dari_ponsel(lg, login):
    c = login(lg.pegawai)
    html = _html(c.get(BARU))
    assert f'value="{lg.hari_ini.isoformat()}"' in html and f'max="{lg.hari_ini.isoformat()}"' in html
    assert f'data-tahun="{lg.hari_ini.year}"' in html and lg.rhk[0].uraian[:30] in html
    assert 'enctype="multipart/form-data"' in html and "Simpan &amp; tambah lagi" in html
    r = c.post(BARU, _isi(lg))
    assert r.status_code == 302 and r["Location"] == f"{DAFTAR}?bulan={lg.hari_ini:%Y-%m}"
    log = LogHarian.objects.get()
    assert (log.menit, log.rhk_id, log.uraian, log.pegawai_id) == (
        90,
        lg.rhk[0].pk,
        "Rapat koordinasi PPDB",
        lg.pegawai.pk,
    )
    # "Simpan & tambah lagi" goes back to the form for the same date.
    r = c.post(BARU, _isi(lg, jam="", menit="45", lagi="1"))
    assert r["Location"] == f"{BARU}?tanggal={lg.hari_ini:%Y-%m-%d}"
    assert sorted(LogHarian.objects.values_list("menit", flat=True)) == [45, 90]


def test_tanggal_isian_dari_tautan_hari_kosong(lg, login):
    c = login(lg.pegawai)
    kemarin = lg.hari_ini - dt.timedelta(days=1)
    assert f'value="{kemarin.isoformat()}"' in _html(c.get(f"{BARU}?tanggal={kemarin.isoformat()}"))
    # A future or unreadable date falls back to today.
    besok = lg.hari_ini + dt.timedelta(days=1)
    assert f'value="{lg.hari_ini.isoformat()}"' in _html(c.get(f"{BARU}?tanggal={besok.isoformat()}"))
    assert f'value="{lg.hari_ini.isoformat()}"' in _html(c.get(f"{BARU}?tanggal=kemarin"))


@pytest.mark.parametrize(
    ("jam", "menit", "field", "pesan"),
    [
        ("", "-30", "menit", PESAN_MENIT_NEGATIF),
        ("-1", "", "jam", PESAN_MENIT_NEGATIF),
        ("0", "0", "menit", PESAN_MENIT_POSITIF),
        ("", "satu jam", "menit", PESAN_MENIT_ANGKA),
        ("", "", "menit", "Isi durasi kegiatan dalam jam dan/atau menit."),
        ("25", "", "jam", "Jam paling banyak 24."),
    ],
)
def test_durasi_salah_ditolak_dengan_pesan(lg, login, jam, menit, field, pesan):
    r = login(lg.pegawai).post(BARU, _isi(lg, jam=jam, menit=menit))
    html = _html(r)
    assert r.context["form"].errors[field] == [pesan]
    assert pesan in html and "Tidak ada yang disimpan." in html
    assert not LogHarian.objects.exists()


def test_hari_melebihi_maksimum_lewat_formulir(lg, login):
    buat(lg, menit=600)
    r = login(lg.pegawai).post(BARU, _isi(lg, jam="1", menit="30"))
    pesan = (
        f"Total log tanggal {tgl(lg.hari_ini)} sudah 600 menit; dengan 90 menit ini menjadi 690 menit, "
        "melebihi batas 660 menit per hari."
    )
    assert r.context["form"].errors["menit"] == [pesan]
    assert pesan in _html(r)
    assert LogHarian.objects.count() == 1


def test_tanggal_masa_depan_lewat_formulir(lg, login):
    besok = lg.hari_ini + dt.timedelta(days=1)
    r = login(lg.pegawai).post(BARU, _isi(lg, tanggal=besok.isoformat()))
    assert r.context["form"].errors["tanggal"] == [PESAN_MASA_DEPAN]
    assert not LogHarian.objects.exists()


def test_bukti_berkas_dan_tautan_lewat_formulir(lg, login):
    c = login(lg.pegawai)
    r = c.post(BARU, {**_isi(lg), "berkas": pdf()})
    assert r.status_code == 302
    assert BuktiDukung.objects.get(log__isnull=False).nama_berkas == "notulen.pdf"
    r = c.post(BARU, {**_isi(lg, menit="10"), "berkas": pdf("foto.pdf", EXE)})
    assert "Jenis berkas tidak diizinkan" in r.context["form"].errors["berkas"][0]
    r = c.post(BARU, _isi(lg, menit="10", tautan="javascript:alert(1)"))
    assert r.context["form"].errors["tautan"]
    assert LogHarian.objects.count() == 1 and BuktiDukung.objects.count() == 1


def test_berkas_terlalu_besar_tidak_disimpan(lg, login, settings):
    settings.BUKTI_MAKS_BYTE = 1024
    r = login(lg.pegawai).post(BARU, {**_isi(lg), "berkas": pdf("besar.pdf", PDF + b"0" * 4096)})
    assert "melebihi batas" in r.context["form"].errors["berkas"][0]
    assert not LogHarian.objects.exists() and not BuktiDukung.objects.exists()


def test_rhk_orang_lain_tidak_dapat_dipilih(lg, login, outsider):
    from evaluasi.tests.factories import skp_uji

    asing = skp_uji(outsider).rhk.first()
    r = login(lg.pegawai).post(BARU, _isi(lg, rhk=str(asing.pk)))
    assert r.context["form"].errors["rhk"] == ["RHK yang dipilih tidak tersedia; pilih dari daftar."]
    assert not LogHarian.objects.exists()


def test_ubah_log_revisi_lewat_formulir(lg, login):
    log = buat(lg, menit=60)
    LogHarian.objects.filter(pk=log.pk).update(status="revisi", catatan_atasan="Sebutkan nama rapatnya")
    c = login(lg.pegawai)
    html = _html(c.get(_ubah(log.pk)))
    assert "Sebutkan nama rapatnya" in html and 'name="versi" value="1"' in html
    r = c.post(_ubah(log.pk), _isi(lg, uraian="Rapat koordinasi PPDB zonasi", jam="2", menit="", versi="1"))
    assert r.status_code == 302
    log.refresh_from_db()
    assert (log.status, log.menit, log.uraian, log.versi) == ("belum", 120, "Rapat koordinasi PPDB zonasi", 2)
    # The same form posted again from a second tab (versi 1): refused, nothing changes.
    r = c.post(_ubah(log.pk), _isi(lg, uraian="Versi tab kedua", versi="1"))
    assert "diubah di tab atau jendela lain" in _html(r)
    log.refresh_from_db()
    assert log.uraian == "Rapat koordinasi PPDB zonasi"


def test_ubah_setelah_disetujui_ditolak(lg, login):
    log = buat(lg, menit=60)
    LogHarian.objects.filter(pk=log.pk).update(status="disetujui")
    c = login(lg.pegawai)
    r = c.get(_ubah(log.pk), follow=True)
    assert r.redirect_chain[-1][0] == f"{DAFTAR}?bulan={lg.hari_ini:%Y-%m}"
    assert f"Log tanggal {tgl(lg.hari_ini)} berstatus disetujui dan tidak dapat diubah atau dihapus lagi." in _pesan(r)
    r = c.post(_ubah(log.pk), _isi(lg, menit="5", versi="1"))
    assert PESAN_STATUS_TETAP.format(status="Disetujui") in _html(r)
    assert c.get(_hapus(log.pk))["Location"] == f"{DAFTAR}?bulan={lg.hari_ini:%Y-%m}"
    r = c.post(_hapus(log.pk), {"versi": "1"}, follow=True)
    assert PESAN_STATUS_TETAP.format(status="Disetujui") in _pesan(r)
    log.refresh_from_db()
    assert (log.menit, log.status) == (60, "disetujui")


def test_hapus_log_dengan_konfirmasi(lg, login):
    log = buat(lg, menit=60)
    c = login(lg.pegawai)
    html = _html(c.get(_hapus(log.pk)))
    assert "Hapus log aktivitas?" in html and 'name="versi" value="1"' in html
    r = c.post(_hapus(log.pk), {"versi": "1"})
    assert r.status_code == 302 and not LogHarian.objects.exists()


@pytest.mark.parametrize(
    ("siapa", "status"), [("atasan", 403), ("admin_opd", 403), ("admin_bkd", 403), ("rekan", 404), ("outsider", 404)]
)
def test_hanya_pemilik_mengubah_atau_menghapus_log(lg, login, request, siapa, status):
    log = buat(lg, menit=60)
    c = login(request.getfixturevalue(siapa))
    assert c.get(_ubah(log.pk)).status_code == status
    assert c.post(_ubah(log.pk), _isi(lg, menit="5", versi="1")).status_code == status
    assert c.get(_hapus(log.pk)).status_code == status
    assert c.post(_hapus(log.pk), {"versi": "1"}).status_code == status
    log.refresh_from_db()
    assert (log.menit, log.versi) == (60, 1)


def test_id_bukan_angka_dan_metode_salah(lg, login):
    c = login(lg.pegawai)
    assert c.get("/kinerja/log/abc/ubah/").status_code == 404
    assert c.get(_ubah(99999999)).status_code == 404
    assert c.put(BARU).status_code == 405
    assert c.get(_review(1)).status_code == 405
    assert c.post(reverse("evaluasi:log-rekap-export")).status_code == 403  # role before method
    atasan = login(lg.atasan)
    assert atasan.post(reverse("evaluasi:log-rekap-export")).status_code == 405


# --- the pegawai's month --------------------------------------------------------------------------------


def test_daftar_bulanan_dikelompokkan_per_hari_dengan_kemajuan(lg, login):
    bulan = bulan_lalu(1)
    hari1, hari2 = bulan.replace(day=3), bulan.replace(day=4)
    LogHarianFactory(pegawai=lg.pegawai, tanggal=hari1, menit=300, status="disetujui", uraian="Menyusun RKA")
    LogHarianFactory(pegawai=lg.pegawai, tanggal=hari1, menit=60, status="belum")
    LogHarianFactory(pegawai=lg.pegawai, tanggal=hari2, menit=120, status="revisi", catatan_atasan="Rinci lagi")
    LogHarianFactory(pegawai=lg.pegawai, tanggal=hari2, menit=100, status="ditolak")
    LogHarianFactory(pegawai=lg.rekan, tanggal=hari1, menit=600, status="disetujui", uraian="Milik rekan")
    r = login(lg.pegawai).get(f"{DAFTAR}?bulan={bulan:%Y-%m}")
    html = _html(r)
    data = r.context["data"]
    assert [(h.tanggal, h.total, h.kurang) for h in data.hari if not h.kosong] == [
        (hari2, 120, True),
        (hari1, 360, False),
    ]
    assert (data.menit_disetujui, data.menit_menunggu, data.menit_ditolak) == (300, 180, 100)
    assert (data.hari_terisi, data.hari_kurang, str(data.persen_disetujui)) == (2, 1, "4.4")
    assert "Menyusun RKA" in html and "Rinci lagi" in html and "Milik rekan" not in html
    assert "Di bawah 330 menit" in html and "Belum Diperiksa" in html and "Ditolak" in html
    assert "4,4% dari target" in html and "6.750 menit" in html
    # Weekdays without any entry are listed with a link that fills them.
    kosong = [h.tanggal for h in data.hari if h.kosong]
    assert all(h.weekday() < 5 for h in kosong) and hari1 not in kosong
    assert f"{BARU}?tanggal={kosong[0]:%Y-%m-%d}" in html or data.terkunci


def test_bulan_tidak_valid_kembali_ke_bulan_ini(lg, login):
    r = login(lg.pegawai).get(f"{DAFTAR}?bulan=2026-13")
    assert r.context["data"].bulan == lg.hari_ini.replace(day=1)
    assert "Bulan tidak valid; gunakan format TTTT-BB, misalnya 2026-03." in _pesan(r)


def test_tombol_ubah_hanya_untuk_log_yang_masih_dapat_diubah(lg, login):
    terbuka = buat(lg, menit=30)
    disetujui = LogHarianFactory(pegawai=lg.pegawai, menit=30, status="disetujui")
    html = _html(login(lg.pegawai).get(DAFTAR))
    assert _ubah(terbuka.pk) in html and _ubah(disetujui.pk) not in html
    Periode.objects.filter(pk=lg.periode.pk).update(status=Periode.Status.DITUTUP)
    html = _html(login(lg.pegawai).get(DAFTAR))
    assert _ubah(terbuka.pk) not in html


def _jumlah_query(c, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_jumlah_query_daftar_bulanan_tetap(lg, login):
    c = login(lg.pegawai)
    for _ in range(2):
        log = LogHarianFactory(pegawai=lg.pegawai, rhk=lg.rhk[0])
        BuktiDukung.objects.create(log=log, tautan="https://contoh.go.id/a", diunggah_oleh=lg.pegawai.user)
    sedikit = _jumlah_query(c, DAFTAR)
    for _ in range(4):
        log = LogHarianFactory(pegawai=lg.pegawai, rhk=lg.rhk[1])
        BuktiDukung.objects.create(log=log, tautan="https://contoh.go.id/b", diunggah_oleh=lg.pegawai.user)
    assert _jumlah_query(c, DAFTAR) == sedikit
    assert sedikit <= 9


# --- the atasan's review --------------------------------------------------------------------------------


def test_antrean_periksa_hanya_bawahan_langsung_yang_belum_diperiksa(lg, login, outsider, kepala_opd):
    a = buat(lg, menit=200, uraian="Menyusun laporan pegawai")
    b = buat(lg, menit=100, actor=lg.rekan.user, rhk=None, uraian="Kegiatan rekan")
    LogHarianFactory(pegawai=lg.pegawai, status="disetujui", uraian="Sudah disetujui")
    LogHarianFactory(pegawai=outsider, uraian="Kegiatan orang luar")
    LogHarianFactory(pegawai=lg.atasan, uraian="Kegiatan atasan sendiri")
    r = login(lg.atasan).get(PERIKSA)
    html = _html(r)
    assert [x.pk for x in r.context["page_obj"]] == [a.pk, b.pk]  # same day: by name
    assert "Menyusun laporan pegawai" in html and "Kegiatan rekan" in html
    for bukan in ("Sudah disetujui", "Kegiatan orang luar", "Kegiatan atasan sendiri"):
        assert bukan not in html
    # The day's total counts every entry of that pegawai but rejected ones (the approved 120 too).
    assert "hari itu 320" in html and "hari itu 100" in html and 'form="form-massal"' in html
    # Filters: pegawai, status, date range.
    r = login(lg.atasan).get(f"{PERIKSA}?pegawai={lg.rekan.pk}")
    assert [x.pk for x in r.context["page_obj"]] == [b.pk]
    r = login(lg.atasan).get(f"{PERIKSA}?status=disetujui")
    assert [x.uraian for x in r.context["page_obj"]] == ["Sudah disetujui"]
    besok = lg.hari_ini + dt.timedelta(days=1)
    r = login(lg.atasan).get(f"{PERIKSA}?dari={besok.isoformat()}")
    assert list(r.context["page_obj"]) == []
    # The atasan's own atasan does not see pegawai's entries in their queue.
    assert list(login(kepala_opd).get(PERIKSA).context["page_obj"]) == [
        LogHarian.objects.get(uraian="Kegiatan atasan sendiri")
    ]


def test_filter_antrean_tidak_valid_tanpa_500(lg, login):
    c = login(lg.atasan)
    r = c.get(f"{PERIKSA}?dari=kemarin&pegawai=abc&status=aneh")
    assert r.status_code == 200 and "Filter tidak valid; perbaiki isian yang ditandai." in _pesan(r)
    r = c.get(f"{PERIKSA}?dari=2026-03-10&sampai=2026-03-01")
    assert "Tanggal awal tidak boleh sesudah tanggal akhir." in _html(r)


def test_periksa_massal_setujui_dan_abaikan_id_asing(lg, login, outsider):
    a, b = buat(lg), buat(lg, actor=lg.rekan.user, rhk=None)
    asing = LogHarianFactory(pegawai=outsider)
    c = login(lg.atasan)
    r = c.post(f"{PERIKSA}?pegawai=", {"log": [a.pk, b.pk, asing.pk], "aksi": "setujui", "catatan": ""}, follow=True)
    assert r.redirect_chain[0][0] == f"{PERIKSA}?pegawai="
    assert "2 log disetujui." in _pesan(r)
    assert any(p.startswith("1 log dilewati") for p in _pesan(r))
    assert dict(LogHarian.objects.values_list("pk", "status")) == {
        a.pk: "disetujui",
        b.pk: "disetujui",
        asing.pk: "belum",
    }
    # The same post again (double click, back button): acts on nothing.
    r = c.post(PERIKSA, {"log": [a.pk, b.pk], "aksi": "tolak", "catatan": "Salah"}, follow=True)
    assert any(p.startswith("2 log dilewati") for p in _pesan(r))
    assert set(LogHarian.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {"disetujui"}


def test_periksa_massal_revisi_tanpa_catatan_menampilkan_galat(lg, login):
    a = buat(lg)
    r = login(lg.atasan).post(PERIKSA, {"log": [a.pk], "aksi": "revisi", "catatan": ""})
    html = _html(r)
    assert PESAN_CATATAN_WAJIB in html and "Tidak ada yang diproses." in html
    assert f'value="{a.pk}" form="form-massal"' in html and "checked" in html  # the choice is kept
    assert LogHarian.objects.get().status == "belum" and not Notifikasi.objects.exists()


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"log": ["abc"], "aksi": "setujui"}, "Pilihan log tidak valid."),
        ({"aksi": "setujui"}, "Pilih minimal satu log."),
        ({"log": ["1"], "aksi": "hapus"}, "Pilih tindakan: setujui, kembalikan untuk revisi, atau tolak."),
    ],
)
def test_periksa_massal_isian_salah(lg, login, data, pesan):
    buat(lg)
    r = login(lg.atasan).post(PERIKSA, data)
    assert pesan in _html(r)
    assert LogHarian.objects.get().status == "belum"


def test_periksa_satu_log_dan_pemberitahuan(lg, login):
    a, b = buat(lg), buat(lg, menit=30)
    c = login(lg.atasan)
    lanjut = f"{PERIKSA}?status=belum"
    r = c.post(_review(a.pk), {"aksi": "setujui", "next": lanjut})
    assert r.status_code == 302 and r["Location"] == lanjut
    r = c.post(_review(b.pk), {"aksi": "revisi", "catatan": "", "next": "https://jahat.example/"}, follow=True)
    assert r.redirect_chain[0][0] == PERIKSA
    assert PESAN_CATATAN_WAJIB in " ".join(_pesan(r))
    r = c.post(_review(b.pk), {"aksi": "revisi", "catatan": "Tambahkan hasilnya"}, follow=True)
    assert "1 log dikembalikan untuk revisi. 1 pegawai diberi tahu." in _pesan(r)
    assert dict(LogHarian.objects.values_list("pk", "status")) == {a.pk: "disetujui", b.pk: "revisi"}
    assert Notifikasi.objects.get(penerima=lg.pegawai.user).judul == "Log aktivitas dikembalikan untuk revisi"
    r = c.post(_review(b.pk), {"aksi": "setujui"}, follow=True)
    assert any(p.startswith("Log ini tidak diproses") for p in _pesan(r))


@pytest.mark.parametrize(
    ("siapa", "status"),
    [("pegawai", 403), ("admin_opd", 403), ("admin_bkd", 403), ("rekan", 404), ("outsider", 404), ("kepala_opd", 403)],
)
def test_hanya_atasan_langsung_memeriksa_satu_log(lg, login, request, siapa, status):
    log = buat(lg)
    assert login(request.getfixturevalue(siapa)).post(_review(log.pk), {"aksi": "setujui"}).status_code == status
    assert LogHarian.objects.get().status == "belum"


def test_jumlah_query_antrean_periksa_tetap(lg, login):
    c = login(lg.atasan)

    def tambah(n):
        for i in range(n):
            log = LogHarianFactory(pegawai=lg.pegawai if i % 2 else lg.rekan, rhk=lg.rhk[0] if i % 2 else None)
            BuktiDukung.objects.create(log=log, tautan="https://contoh.go.id/x", diunggah_oleh=log.pegawai.user)

    tambah(2)
    sedikit = _jumlah_query(c, PERIKSA)
    tambah(4)
    assert _jumlah_query(c, PERIKSA) == sedikit
    assert sedikit <= 11


def test_atasan_baru_tanpa_bawahan_tidak_membuka_antrean(lg, login, bidang_a, jabatan_staf):
    baru = PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf)
    assert login(baru).get(PERIKSA).status_code == 403
