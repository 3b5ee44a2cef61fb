"""Pages of the teknis-competency import: template, upload and result, error workbook; access,
wrong methods, the audit actor through the request, and query counts at two sizes."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kompetensi.impor import kompetensi_impor
from kompetensi.impor.kolom import LEMBAR
from kompetensi.models import ImporKompetensi, IndikatorPerilaku, Kompetensi
from kompetensi.tests.factories import KompetensiFactory
from kompetensi.tests.test_impor_teknis import XLSX, buku, data, gabung, potret, unggahan

CREATE = reverse("kompetensi:impor-create")
TEMPLAT = reverse("kompetensi:impor-template")
GALAT = reverse("kompetensi:impor-galat")


def unggah(klien, isi: bytes, nama: str = "kompetensi.xlsx"):
    return klien.post(CREATE, {"berkas": unggahan(isi, nama)})


def _galat_form(resp) -> str:
    return " ".join(resp.context["form"].errors.get("berkas", []))


def _buruk() -> bytes:
    isi = data("T.UJI.1")
    isi["Indikator"][0]["aspek"] = "perilaku"
    isi["Level"][1]["level"] = "abc"
    return buku(isi)


# --- the template -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_templat_berisi_petunjuk_tiga_lembar_dan_contoh(login, admin_bkd):
    resp = login(admin_bkd).get(TEMPLAT)
    assert resp.status_code == 200
    assert resp["Content-Type"] == XLSX
    assert resp["Content-Disposition"] == 'attachment; filename="templat-impor-kompetensi-teknis.xlsx"'
    wb = load_workbook(io.BytesIO(resp.content))
    assert wb.sheetnames == ["Petunjuk", "Kompetensi", "Level", "Indikator"]
    for lembar in LEMBAR:
        assert [c.value for c in wb[lembar.nama][1]] == list(lembar.nama_kolom)
    assert [r[1] for r in wb["Level"].iter_rows(min_row=2, values_only=True)] == [1, 2, 3, 4, 5]
    assert {r[4] for r in wb["Indikator"].iter_rows(min_row=2, values_only=True)} <= {
        "pengetahuan",
        "keterampilan",
        "sikap",
    }
    assert wb["Kompetensi"].column_dimensions["A"].number_format == "@"  # a kode like 1.10 stays text
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "semua-atau-tidak-sama-sekali" in petunjuk and "tepat lima level" in petunjuk
    assert "10.000 baris" in petunjuk and "manajerial atau sosial kultural ditolak" in petunjuk


@pytest.mark.django_db
def test_contoh_pada_templat_dapat_diimpor_dan_diimpor_ulang_tanpa_perubahan(login, admin_bkd):
    klien = login(admin_bkd)
    isi = klien.get(TEMPLAT).content
    assert unggah(klien, isi).status_code == 302
    pertama = ImporKompetensi.objects.get()
    assert (pertama.status, pertama.jumlah_baru) == ("berhasil", 1), pertama.galat
    k = Kompetensi.objects.get(kode="T.ARSIP.1")
    assert k.jenis == "teknis" and IndikatorPerilaku.objects.filter(level__kompetensi=k).count() == 10

    unggah(klien, isi)
    kedua = ImporKompetensi.objects.latest("id")
    assert (kedua.jumlah_baru, kedua.jumlah_diubah, kedua.jumlah_sama) == (0, 0, 1)


# --- upload and result ------------------------------------------------------------------------


@pytest.mark.django_db
def test_halaman_unggah_menampilkan_formulir_dan_batas(login, admin_bkd):
    resp = login(admin_bkd).get(CREATE)
    assert resp.status_code == 200
    assert "opd" not in resp.context["form"].fields
    halaman = resp.content.decode()
    assert "Impor kompetensi teknis" in halaman and 'enctype="multipart/form-data"' in halaman
    assert "Maksimal 10 MB dan 10.000 baris data." in halaman
    assert TEMPLAT in halaman


@pytest.mark.django_db
def test_unggah_berhasil_mengalihkan_ke_ringkasan(login, admin_bkd):
    klien = login(admin_bkd)
    resp = unggah(klien, buku(gabung(data("T.UJI.1"), data("T.UJI.2"))), "kamus teknis.xlsx")

    impor = ImporKompetensi.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"{CREATE}?hasil={impor.pk}"
    assert (impor.dibuat_oleh, impor.nama_berkas, impor.status) == (admin_bkd.user, "kamus teknis.xlsx", "berhasil")
    halaman = klien.get(resp["Location"])
    assert halaman.context["hasil"] == impor
    teks = halaman.content.decode()
    assert "Impor selesai: 2 kompetensi baru, 0 diubah, 0 tanpa perubahan." in teks
    assert "Daftar galat" not in teks


@pytest.mark.django_db
def test_unggah_dengan_galat_menampilkan_daftar_dan_tautan_unduhan(login, admin_bkd):
    klien = login(admin_bkd)
    resp = unggah(klien, _buruk())
    impor = ImporKompetensi.objects.get()
    assert impor.status == "gagal" and not Kompetensi.objects.exists()

    halaman = klien.get(resp["Location"])
    teks = halaman.content.decode()
    assert "Ditemukan 2 galat; tidak ada data yang disimpan." in teks
    assert "Level harus berupa angka bulat 1 sampai 5." in teks
    assert "Nilai &#x27;perilaku&#x27; tidak dikenal" in teks
    assert f"{GALAT}?impor={impor.pk}" in teks


@pytest.mark.django_db
def test_daftar_galat_di_halaman_dibagi_per_halaman(login, admin_bkd):
    impor = ImporKompetensi.objects.create(
        dibuat_oleh=admin_bkd.user,
        nama_berkas="besar.xlsx",
        status="gagal",
        jumlah_galat=120,
        galat=[
            {"lembar": "Indikator", "baris": i, "kolom": "aspek", "nilai": "x", "pesan": f"Galat {i}."}
            for i in range(120)
        ],
    )
    klien = login(admin_bkd)
    pertama = klien.get(CREATE, {"hasil": impor.pk})
    assert [g["baris"] for g in pertama.context["galat"]] == list(range(50))
    terakhir = klien.get(CREATE, {"hasil": impor.pk, "page": 3})
    assert [g["baris"] for g in terakhir.context["galat"]] == list(range(100, 120))
    assert "Menampilkan 101–120 dari 120 galat" in terakhir.content.decode()
    assert klien.get(CREATE, {"hasil": impor.pk, "page": "abc"}).status_code == 200


@pytest.mark.django_db
def test_berkas_buruk_ditolak_di_formulir_tanpa_mencatat_apa_pun(login, admin_bkd):
    klien = login(admin_bkd)
    resp = unggah(klien, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    assert resp.status_code == 400
    assert "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi." in _galat_form(resp)
    resp = klien.post(CREATE, {})
    assert resp.status_code == 400 and "Pilih berkas .xlsx yang akan diimpor." in _galat_form(resp)
    assert not ImporKompetensi.objects.exists()


@pytest.mark.django_db
def test_tulisan_impor_tercatat_atas_nama_pengimpor_melalui_permintaan(login, admin_bkd):
    unggah(login(admin_bkd), buku(data("T.UJI.1")))
    impor = ImporKompetensi.objects.get()
    entri = LogEntry.objects.filter(additional_data__impor_kompetensi_id=impor.pk)
    assert entri.count() == 1 + 5 + 5
    assert set(entri.values_list("actor_id", flat=True)) == {admin_bkd.user.pk}


@pytest.mark.django_db
def test_hasil_yang_tidak_ada_atau_rusak_404(login, admin_bkd):
    klien = login(admin_bkd)
    assert klien.get(CREATE, {"hasil": "abc"}).status_code == 404
    assert klien.get(CREATE, {"hasil": 999999}).status_code == 404
    assert klien.get(GALAT, {"impor": "1e3"}).status_code == 404
    assert klien.get(GALAT, {"impor": 999999}).status_code == 404


# --- the error workbook -----------------------------------------------------------------------


@pytest.mark.django_db
def test_daftar_galat_dapat_diunduh_sebagai_workbook(login, admin_bkd):
    klien = login(admin_bkd)
    unggah(klien, _buruk())
    impor = ImporKompetensi.objects.get()

    resp = klien.get(GALAT, {"impor": impor.pk})

    assert resp.status_code == 200 and resp["Content-Type"] == XLSX
    assert resp["Content-Disposition"] == f'attachment; filename="galat-impor-kompetensi-{impor.pk}.xlsx"'
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows == [
        ("Lembar", "Baris", "Kolom", "Nilai", "Pesan"),
        ("Level", 3, "level", "abc", "Level harus berupa angka bulat 1 sampai 5."),
        (
            "Indikator",
            2,
            "aspek",
            "perilaku",
            "Nilai 'perilaku' tidak dikenal; gunakan salah satu dari: pengetahuan, keterampilan, sikap.",
        ),
    ]


@pytest.mark.django_db
def test_unduh_galat_tanpa_galat_atau_tanpa_impor_mengalihkan(login, admin_bkd):
    klien = login(admin_bkd)
    unggah(klien, buku(data()))
    impor = ImporKompetensi.objects.get()
    resp = klien.get(GALAT, {"impor": impor.pk})
    assert resp.status_code == 302 and resp["Location"] == f"{CREATE}?hasil={impor.pk}"
    resp = klien.get(GALAT)
    assert resp.status_code == 302 and resp["Location"] == CREATE


# --- access and methods -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["admin_opd", "pegawai", "atasan"])
@pytest.mark.parametrize("url", [CREATE, TEMPLAT, GALAT])
@pytest.mark.django_db
def test_selain_admin_bkd_mendapat_403(url, persona, request, login):
    assert login(request.getfixturevalue(persona)).get(url).status_code == 403


@pytest.mark.parametrize("persona", ["admin_opd", "pegawai"])
@pytest.mark.django_db
def test_selain_admin_bkd_tidak_dapat_mengunggah(persona, request, login):
    KompetensiFactory(kode="T.UJI.1", jenis="teknis", nama="Lama", lengkap=True)
    klien = login(request.getfixturevalue(persona))
    sebelum = potret()
    resp = unggah(klien, buku(data("T.UJI.1", nama="Penyusup")))
    assert resp.status_code == 403
    assert potret() == sebelum and not ImporKompetensi.objects.exists()


@pytest.mark.parametrize("url", [CREATE, TEMPLAT, GALAT])
@pytest.mark.django_db
def test_tamu_dialihkan_ke_halaman_masuk(client, url):
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("akun:login"))
    resp = client.post(CREATE, {"berkas": unggahan(buku(data()))})
    assert resp.status_code == 302 and not Kompetensi.objects.exists()


@pytest.mark.django_db
def test_metode_yang_salah_mendapat_405(login, admin_bkd):
    klien = login(admin_bkd)
    assert klien.post(TEMPLAT).status_code == 405
    assert klien.post(GALAT).status_code == 405
    assert klien.put(CREATE).status_code == 405
    assert klien.delete(CREATE).status_code == 405


# --- query counts -----------------------------------------------------------------------------


def _impor_lain(user, n: int) -> None:
    for i in range(n):
        ImporKompetensi.objects.create(
            dibuat_oleh=user,
            nama_berkas=f"lama-{i}.xlsx",
            status="gagal",
            jumlah_galat=1,
            galat=[{"lembar": "Level", "baris": 2, "kolom": "level", "nilai": "x", "pesan": "x"}] * 60,
        )


@pytest.mark.parametrize("jumlah", [3, 30])
@pytest.mark.django_db
def test_jumlah_kueri_halaman_unggah_dan_hasil_tetap(jumlah, login, admin_bkd, django_assert_num_queries):
    _impor_lain(admin_bkd.user, jumlah)
    impor = ImporKompetensi.objects.latest("id")
    klien = login(admin_bkd)
    # session, user, akses (pegawai + peran), is_atasan (navigation), recent imports with their importer
    with django_assert_num_queries(6):
        assert klien.get(CREATE).status_code == 200
    # ... and the import shown
    with django_assert_num_queries(7):
        assert klien.get(CREATE, {"hasil": impor.pk}).status_code == 200
    # session, user, akses (pegawai + peran), the import
    with django_assert_num_queries(5):
        assert klien.get(GALAT, {"impor": impor.pk}).status_code == 200


def _kueri(admin_bkd, isi: bytes) -> tuple[int, ImporKompetensi]:
    with CaptureQueriesContext(connection) as ctx:
        hasil = kompetensi_impor(actor=admin_bkd.user, berkas=unggahan(isi))
    return len(ctx.captured_queries), hasil


@pytest.mark.django_db
def test_jumlah_kueri_impor_tidak_tumbuh_dengan_jumlah_kompetensi(admin_bkd):
    _kueri(admin_bkd, buku(data("T.PANAS")))  # warms the content-type cache the audit trail uses
    kecil, hasil = _kueri(admin_bkd, buku(gabung(*(data(f"T.K.{i}", n=2) for i in range(2)))))
    assert hasil.jumlah_baru == 2
    besar, hasil = _kueri(admin_bkd, buku(gabung(*(data(f"T.B.{i}", n=2) for i in range(40)))))
    assert hasil.jumlah_baru == 40
    # The dictionary, a savepoint and its release, the import row, one insert each for the
    # competencies, levels and indicators, the audit rows (one executemany; a COPY on PostgreSQL,
    # not counted), the duration: 9. SQLite's parameter limit splits a large bulk insert into a
    # few batches. One query per row would add hundreds.
    assert kecil <= 9 and besar - kecil <= 3, (kecil, besar)


@pytest.mark.django_db
def test_jumlah_kueri_impor_ulang_dan_impor_gagal_tetap(admin_bkd):
    def berkas(n: int, awal: str, buruk: bool = False) -> bytes:
        isi = gabung(*(data(f"{awal}.{i}", n=2) for i in range(n)))
        if buruk:
            for row in isi["Indikator"]:
                row["aspek"] = "?"
        return buku(isi)

    for n, awal in ((2, "T.K"), (40, "T.B")):
        kompetensi_impor(actor=admin_bkd.user, berkas=unggahan(berkas(n, awal)))
    sama_kecil, hasil = _kueri(admin_bkd, berkas(2, "T.K"))
    sama_besar, hasil_besar = _kueri(admin_bkd, berkas(40, "T.B"))
    assert (hasil.jumlah_sama, hasil_besar.jumlah_sama) == (2, 40)
    assert sama_kecil == sama_besar, (sama_kecil, sama_besar)

    gagal_kecil, hasil = _kueri(admin_bkd, berkas(2, "T.X", buruk=True))
    gagal_besar, hasil_besar = _kueri(admin_bkd, berkas(40, "T.Y", buruk=True))
    assert (hasil.jumlah_galat, hasil_besar.jumlah_galat) == (20, 400)
    assert gagal_kecil == gagal_besar, (gagal_kecil, gagal_besar)
