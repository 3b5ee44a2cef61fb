"""Realisation in a real browser (headless Chromium): the pegawai fills a row with a decimal comma,
attaches a PDF (a real multipart request with CSRF enforced), is refused an oversized file by the
server without it being stored, downloads the evidence; the atasan gives feedback the pegawai
then reads; "Kinerja Saya" draws the predikat trend."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from evaluasi.models import BuktiDukung, EvaluasiPegawai, Periode, Realisasi, UmpanBalik
from evaluasi.tests.factories import periode_uji
from evaluasi.tests.test_realisasi_services import PDF, rs_fixture  # noqa: F401 (fixture rs)
from tests.browser.conftest import folder_hasil, halaman, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"


def _masuk(page, pegawai) -> None:
    pegawai.user.set_password(KATA_SANDI)
    pegawai.user.save(update_fields=["password"])
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(pegawai.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    page.wait_for_load_state()


def test_realisasi_bukti_dan_umpan_balik(rs, settings, peramban, live_server, halaman, folder_hasil):  # noqa: F811
    settings.BUKTI_MAKS_BYTE = 4096
    page = halaman
    _masuk(page, rs.pegawai)
    page.goto(reverse("evaluasi:saya"))
    page.get_by_role("link", name=re.compile("Isi realisasi")).first.click()
    baris = page.locator(f"#indikator-{rs.indikator[0].pk}")
    baris.get_by_label("Realisasi", exact=True).fill("12,5")
    baris.get_by_label("Uraian realisasi").fill("Dua belas setengah dokumen selesai")
    baris.get_by_role("button", name="Simpan").click()
    expect(page.locator(".alert-success")).to_contain_text("tersimpan")
    assert Realisasi.objects.get().nilai == Decimal("12.50")

    baris = page.locator(f"#indikator-{rs.indikator[0].pk}")
    expect(baris.get_by_text("104,2% dari target")).to_be_visible()
    baris.locator("input[type=file]").set_input_files(
        {"name": "Notulen.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    baris.get_by_role("button", name="Tambah bukti").click()
    expect(page.get_by_text("Bukti dukung ditambahkan.")).to_be_visible()

    # Too large: the browser's own check is bypassed, so the server must refuse it.
    baris = page.locator(f"#indikator-{rs.indikator[0].pk}")
    berkas = baris.locator("input[type=file]")
    berkas.evaluate("el => el.removeAttribute('data-maks-byte')")
    berkas.set_input_files({"name": "besar.pdf", "mimeType": "application/pdf", "buffer": PDF + b"0" * 50_000})
    baris.get_by_role("button", name="Tambah bukti").click()
    expect(page.get_by_text(re.compile(r"melebihi batas 4,0\sKB\. Berkas tidak diunggah\."))).to_be_visible()
    assert BuktiDukung.objects.count() == 1
    page.screenshot(path=str(folder_hasil / "realisasi-pegawai.png"), full_page=True)

    baris = page.locator(f"#indikator-{rs.indikator[0].pk}")
    with page.expect_download() as unduh:
        baris.get_by_role("link", name="Notulen.pdf").click()
    assert unduh.value.suggested_filename == "Notulen.pdf"
    assert Path(unduh.value.path()).read_bytes() == PDF

    konteks = peramban.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="id-ID")
    try:
        hp = konteks.new_page()  # the atasan, on a phone
        _masuk(hp, rs.atasan)
        hp.goto(f"{reverse('evaluasi:skp-realisasi', args=[rs.skp.pk])}?periode={rs.periode.pk}")
        kotak = hp.locator(f"#indikator-{rs.indikator[0].pk}")
        expect(kotak.get_by_text("Dua belas setengah dokumen selesai")).to_be_visible()
        kotak.get_by_label("Umpan balik", exact=True).fill("Bagus. Lampirkan juga daftar hadir.")
        kotak.get_by_role("button", name="Kirim umpan balik").click()
        expect(hp.get_by_text(f"Umpan balik terkirim kepada {rs.pegawai.nama}")).to_be_visible()
        lebar = hp.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert lebar[0] <= lebar[1]  # nothing overflows sideways on a phone
        hp.screenshot(path=str(folder_hasil / "realisasi-atasan-ponsel.png"), full_page=True)
    finally:
        konteks.close()
    assert UmpanBalik.objects.get().teks == "Bagus. Lampirkan juga daftar hadir."

    page.reload()
    expect(page.get_by_text("Bagus. Lampirkan juga daftar hadir.")).to_be_visible()


def test_kinerja_saya_menggambar_tren_predikat(rs, admin_bkd, halaman, folder_hasil):  # noqa: F811
    tahun_lalu = timezone.localdate().year - 1
    for nomor, predikat in ((1, "baik"), (2, "sangat_baik")):
        p = periode_uji(admin_bkd.user, status=Periode.Status.DITUTUP, jenis="triwulan", nomor=nomor, tahun=tahun_lalu)
        ev = EvaluasiPegawai.objects.get(pegawai=rs.pegawai, periode=p)
        ev.status, ev.rating_hasil, ev.rating_perilaku, ev.predikat = "final", "di_atas", "sesuai", predikat
        ev.difinalkan_pada = timezone.now() - dt.timedelta(days=30)
        ev.save()
    page = halaman
    _masuk(page, rs.pegawai)
    page.goto(reverse("evaluasi:saya"))
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-grafik=predikat]'))"
    )
    data = page.evaluate("() => Chart.getChart(document.querySelector('canvas[data-grafik=predikat]')).data")
    assert data["labels"] == [f"Triwulan I {tahun_lalu}", f"Triwulan II {tahun_lalu}"]
    assert data["datasets"][0]["data"] == [4, 5]
    page.screenshot(path=str(folder_hasil / "kinerja-saya.png"), full_page=True)
