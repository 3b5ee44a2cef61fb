"""Report pages in a real browser (headless Chromium): the charts draw from the vendored
Chart.js, and the team matrix scrolls sideways on a phone instead of breaking the page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kompetensi.tests.laporan_data import laporan_fixture  # noqa: F401
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


def _grafik_tergambar(page, jenis: str) -> None:
    page.wait_for_function(
        "j => window.Chart && Chart.getChart(document.querySelector(`canvas[data-grafik=${j}]`))", arg=jenis
    )


def test_pegawai_melihat_hasil_dengan_grafik(laporan, pegawai, halaman):  # noqa: F811
    page = halaman
    _masuk(page, pegawai)
    page.goto(reverse("kompetensi:peserta-detail", args=[laporan.peserta["pegawai"].pk]))
    expect(page.get_by_text("75,00%").first).to_be_visible()
    expect(page.get_by_text("Kurang Optimal").first).to_be_visible()
    _grafik_tergambar(page, "hasil")
    data = page.evaluate(
        "() => Chart.getChart(document.querySelector('canvas[data-grafik=hasil]')).data.datasets.map(d => d.data)"
    )
    assert data == [[1, 2, 3, 2], [2, 2, 2, 1]]  # standard, attained


def test_atasan_matriks_di_ponsel_bergulir_ke_samping(laporan, atasan, peramban, live_server, folder_hasil):  # noqa: F811
    konteks = peramban.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740}, locale="id-ID")
    try:
        page = konteks.new_page()
        _masuk(page, atasan)
        page.goto(reverse("kompetensi:tim-matriks"))
        expect(page.get_by_role("link", name="Pegawai Uji")).to_be_visible()
        lebar = page.evaluate(
            "() => { const t = document.querySelector('.matriks').closest('.table-responsive');"
            " return [t.scrollWidth, t.clientWidth, document.documentElement.scrollWidth, window.innerWidth]; }"
        )
        tabel, kotak, halaman_lebar, layar = lebar
        assert tabel > kotak  # the table scrolls inside its box...
        assert halaman_lebar <= layar  # ...and the page itself does not
        page.screenshot(path=str(folder_hasil / "matriks-ponsel.png"), full_page=True)
    finally:
        konteks.close()


def test_admin_analisis_grafik_kebutuhan(laporan, admin_opd, halaman):  # noqa: F811
    page = halaman
    _masuk(page, admin_opd)
    page.goto(reverse("kompetensi:analisis"))
    expect(page.get_by_role("heading", name="Analisis kebutuhan pelatihan")).to_be_visible()
    _grafik_tergambar(page, "kebutuhan")
    label = page.evaluate("() => Chart.getChart(document.querySelector('canvas[data-grafik=kebutuhan]')).data.labels")
    assert label == ["Kompetensi Uji 3", "Kompetensi Uji 4", "Kompetensi Uji 2"]
