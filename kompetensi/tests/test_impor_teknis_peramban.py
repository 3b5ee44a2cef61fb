"""The teknis-competency import in a real browser: a refused file with its error list, then a
good file, its summary, and the competency in the dictionary; and the page on a phone screen.
Fixtures (headless Chromium, the live server) come from tests/browser/conftest.py."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kompetensi.models import Kompetensi
from kompetensi.tests.test_impor_teknis import XLSX, buku, data, gabung
from tests.browser.conftest import folder_hasil, halaman, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"


@pytest.fixture
def admin(admin_bkd):
    admin_bkd.user.set_password(KATA_SANDI)
    admin_bkd.user.save(update_fields=["password"])
    return admin_bkd


def _masuk(page, nip: str) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    page.wait_for_load_state()


def _unggah(page, isi: bytes, nama: str) -> None:
    page.get_by_label(re.compile(r"Berkas Excel")).set_input_files({"name": nama, "mimeType": XLSX, "buffer": isi})
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Unggah dan proses")).click()


def test_admin_bkd_mengimpor_kompetensi_teknis_setelah_memperbaiki_galat(admin, halaman):  # noqa: F811
    page = halaman
    _masuk(page, admin.nip)
    page.goto(reverse("kompetensi:impor-create"))
    expect(page.get_by_role("heading", name="Impor kompetensi teknis")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Unduh templat"))).to_have_attribute(
        "href", reverse("kompetensi:impor-template")
    )

    buruk = data("T.WEB.1")
    buruk["Indikator"][0]["aspek"] = "perilaku"
    _unggah(page, buku(gabung(buruk, data("T.WEB.2"))), "kamus-salah.xlsx")
    hasil = page.locator("section", has=page.get_by_role("heading", name=re.compile("Hasil impor kamus-salah.xlsx")))
    expect(hasil).to_contain_text("Ditemukan 1 galat; tidak ada data yang disimpan.")
    expect(hasil.get_by_role("table")).to_contain_text("Nilai 'perilaku' tidak dikenal")
    expect(hasil.get_by_role("link", name=re.compile("Unduh daftar galat"))).to_be_visible()
    assert not Kompetensi.objects.filter(kode__startswith="T.WEB").exists()

    _unggah(page, buku(gabung(data("T.WEB.1", nama="Pengelolaan Aset Daerah"), data("T.WEB.2"))), "kamus.xlsx")
    hasil = page.locator("section", has=page.get_by_role("heading", name=re.compile("Hasil impor kamus.xlsx")))
    expect(hasil).to_contain_text("Impor selesai: 2 kompetensi baru, 0 diubah, 0 tanpa perubahan.")
    expect(page.get_by_role("table")).to_contain_text("kamus-salah.xlsx")  # the recent imports

    hasil.get_by_role("link", name=re.compile("Lihat kompetensi teknis")).click()
    expect(page.get_by_role("main")).to_contain_text("Pengelolaan Aset Daerah")


def test_halaman_impor_nyaman_di_layar_ponsel(admin, live_server, peramban, folder_hasil):  # noqa: F811
    konteks = peramban.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
    )
    konteks.set_default_timeout(15_000)
    page = konteks.new_page()
    try:
        _masuk(page, admin.nip)
        page.goto(reverse("kompetensi:impor-create"))
        buruk = data("T.HP.1")
        for row in buruk["Indikator"]:
            row["aspek"] = "perilaku yang sangat panjang sekali untuk menguji lebar tabel galat di layar ponsel"
        _unggah(page, buku(buruk), "kamus-dengan-nama-berkas-yang-panjang-sekali-untuk-ponsel.xlsx")
        expect(page.get_by_role("heading", name=re.compile("Hasil impor"))).to_be_visible()
        # Nothing wider than the phone: the error table scrolls inside .table-responsive.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(folder_hasil / "impor-kompetensi-ponsel.png"), full_page=True)
    finally:
        konteks.close()
