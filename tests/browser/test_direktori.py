"""The directory journey in a real browser: sign in by NIP, filter, open a profile, sign out."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pegawai.tests.factories import PegawaiFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"


@pytest.fixture
def data_direktori(admin_bkd, opd_a, bidang_a, opd_b, jabatan_staf):
    admin_bkd.user.set_password(KATA_SANDI)
    admin_bkd.user.save(update_fields=["password"])
    return {
        "dicari": PegawaiFactory(nama="Budi Santoso", unit=bidang_a, jabatan=jabatan_staf),
        # Same name, other unit: the unit filter must drop him.
        "unit_lain": PegawaiFactory(nama="Budi Hartono", unit=opd_b, jabatan=jabatan_staf),
        # Same unit, other name: the search must drop her.
        "nama_lain": PegawaiFactory(nama="Siti Aminah", unit=bidang_a, jabatan=jabatan_staf),
        "opd": opd_a,
        "unit": bidang_a,
    }


def _masuk(page, nip: str, kata_sandi: str) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(kata_sandi)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    page.wait_for_load_state()


def _kotak_cari(page):
    return page.get_by_role("searchbox").or_(page.get_by_label(re.compile(r"Cari", re.IGNORECASE))).first


def _pilih_unit(page, nama: str) -> None:
    # Options may be indented to show the tree: pick the one naming the unit.
    pilihan = page.get_by_label(re.compile(r"Unit kerja", re.IGNORECASE))
    nilai = pilihan.locator("option", has_text=nama).first.get_attribute("value")
    pilihan.select_option(value=nilai)


def _terapkan(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"Terapkan|Cari|Saring|Filter", re.IGNORECASE)).first.click()


def test_admin_bkd_masuk_menyaring_direktori_membuka_profil_lalu_keluar(admin_bkd, data_direktori, halaman):
    page = halaman
    dicari = data_direktori["dicari"]

    _masuk(page, admin_bkd.nip, KATA_SANDI)
    expect(page).not_to_have_url(re.compile(re.escape(reverse("akun:login"))))

    page.goto(reverse("pegawai:pegawai-list"))
    expect(page.get_by_role("table")).to_contain_text("Siti Aminah")

    # Pemda-wide, the unit list offers the OPD first; once an OPD is applied, its bidang appear.
    _kotak_cari(page).fill("Budi")
    _pilih_unit(page, data_direktori["opd"].nama)
    _terapkan(page)
    tabel = page.get_by_role("table")
    expect(tabel).to_contain_text("Budi Santoso")
    expect(tabel).not_to_contain_text("Budi Hartono")
    expect(tabel).not_to_contain_text("Siti Aminah")

    _pilih_unit(page, data_direktori["unit"].nama)
    _terapkan(page)
    expect(tabel).to_contain_text("Budi Santoso")
    expect(tabel).not_to_contain_text("Budi Hartono")
    expect(tabel).not_to_contain_text("Siti Aminah")
    expect(_kotak_cari(page)).to_have_value("Budi")
    # The filter lives in the URL (shareable, survives pagination).
    kueri = parse_qs(urlparse(page.url).query)
    assert kueri["q"] == ["Budi"] and kueri["unit"] == [str(data_direktori["unit"].pk)]

    tabel.get_by_role("link", name=re.compile("Budi Santoso")).first.click()
    expect(page).to_have_url(re.compile(re.escape(reverse("pegawai:pegawai-detail", args=[dicari.pk])) + "$"))
    expect(page.get_by_role("main")).to_contain_text(dicari.nip)
    expect(page.get_by_role("main")).to_contain_text(data_direktori["unit"].nama)

    # The sign-out button is a POST form inside the user menu of the navigation bar.
    page.get_by_role("button", name=re.compile(re.escape(admin_bkd.user.first_name))).click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("akun:login"))))
    expect(page.get_by_label("NIP")).to_be_visible()

    # Signed out means signed out: the directory sends us back to the login page.
    page.goto(reverse("pegawai:pegawai-list"))
    expect(page).to_have_url(re.compile(re.escape(reverse("akun:login"))))


def test_direktori_nyaman_di_layar_ponsel(admin_bkd, data_direktori, live_server, peramban, folder_hasil):
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
        _masuk(page, admin_bkd.nip, KATA_SANDI)
        page.goto(reverse("pegawai:pegawai-list"))
        expect(page.get_by_role("table")).to_contain_text("Budi Santoso")
        # Nothing wider than the phone: wide tables scroll inside .table-responsive, not the page.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert page.locator(".table-responsive table").count() >= 1
        # The navigation collapses behind the toggler and opens on tap.
        toggler = page.locator(".navbar-toggler")
        expect(toggler).to_be_visible()
        page.screenshot(path=str(folder_hasil / "direktori-ponsel.png"), full_page=True)
        toggler.click()
        # Bootstrap adds .show once the collapse animation has finished.
        expect(page.locator(".navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
        expect(page.get_by_role("link", name=re.compile("Direktori"))).to_be_in_viewport()
        page.screenshot(path=str(folder_hasil / "direktori-ponsel-menu.png"))
    finally:
        konteks.close()
