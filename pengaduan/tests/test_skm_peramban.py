"""The satisfaction survey in a real browser: the Admin OPD opens the service's IKM page (no
answers yet), a citizen fills the survey on a phone (one question skipped), and the admin's
page then shows one respondent and the new IKM with its charts. Fixtures (headless Chromium,
the live server) come from tests/browser/conftest.py; screenshots go to test-results/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.tests.test_log_peramban import KATA_SANDI, _konteks, _masuk
from pengaduan.models import ResponSkm
from pengaduan.tests.factories import LayananSkmFactory
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# U4 skipped: NRR 4,3,4,-,4,3,4,3,4 -> index 29/8 = 3.625 -> IKM 90.63 (A).
JAWABAN = (4, 3, 4, None, 4, 3, 4, 3, 4)


def test_warga_mengisi_survei_di_ponsel_dan_ikm_admin_berubah(
    admin_opd,
    opd_a,
    peramban,  # noqa: F811
    live_server,
    folder_hasil,  # noqa: F811
    settings,
):
    # The QR code and the link carry the configured public address (SITE_URL).
    settings.SITE_URL = live_server.url
    admin_opd.user.set_password(KATA_SANDI)
    admin_opd.user.save(update_fields=["password"])
    layanan = LayananSkmFactory(unit=opd_a, nama="Legalisir Ijazah", populasi=100)
    detail = reverse("pengaduan:layanan-detail", args=[layanan.pk])

    admin_konteks = _konteks(peramban, live_server, ponsel=False)
    warga_konteks = _konteks(peramban, live_server, ponsel=True)
    try:
        admin = admin_konteks.new_page()
        _masuk(admin, admin_opd.nip)
        admin.goto(detail)
        expect(admin.get_by_role("heading", name="Legalisir Ijazah")).to_be_visible()
        expect(admin.locator("[data-test=responden]")).to_have_text("0")
        expect(admin.locator("[data-test=ikm]")).to_have_text("–")
        # The public address the QR code and the link carry.
        alamat = admin.locator("[data-test=url-survei]").inner_text()
        assert alamat == f"{live_server.url}/layanan/survei/{layanan.kode_publik}/"

        warga = warga_konteks.new_page()
        warga.goto(alamat)
        expect(warga.get_by_role("heading", name="Survei Kepuasan Masyarakat")).to_be_visible()
        for i, nilai in enumerate(JAWABAN, start=1):
            if nilai is not None:
                warga.locator(f"label[for=id_u{i}_{nilai}]").click()
        for teks in ("21-30 tahun", "Perempuan", "D4/S1", "Pegawai swasta"):
            warga.locator("label.pilihan-demografi", has_text=re.compile(f"^{re.escape(teks)}$")).click()
        warga.get_by_label(re.compile("Saran dan masukan")).fill("Ruang tunggu perlu kipas angin.")
        lebar = warga.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert lebar[0] <= lebar[1]  # nothing sticks out sideways on a phone
        warga.screenshot(path=str(folder_hasil / "skm-ponsel-isi.png"), full_page=True)
        warga.get_by_role("button", name=re.compile("Kirim survei")).click()
        expect(warga.get_by_role("heading", name="Terima kasih!")).to_be_visible()
        expect(warga.locator("[data-test=terima-kasih]")).to_contain_text("Legalisir Ijazah")
        assert ResponSkm.objects.filter(layanan=layanan).count() == 1

        admin.reload()
        expect(admin.locator("[data-test=responden]")).to_have_text("1")
        expect(admin.locator("[data-test=ikm]")).to_have_text("90,63")
        expect(admin.locator("[data-test=mutu]").first).to_have_text("A (Sangat Baik)")
        expect(admin.locator("[data-test=sampel-kurang]")).to_contain_text("Sampel belum memenuhi.")
        expect(admin.locator("[data-test=saran]")).to_contain_text("Ruang tunggu perlu kipas angin.")
        admin.wait_for_function(
            "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-grafik=nrr]'))"
            " && Chart.getChart(document.querySelector('canvas[data-grafik=tren]'))"
        )
        nrr = admin.evaluate(
            "() => Chart.getChart(document.querySelector('canvas[data-grafik=nrr]')).data.datasets[0].data"
        )
        assert nrr == [4, 3, 4, None, 4, 3, 4, 3, 4]
        tren = admin.evaluate(
            "() => Chart.getChart(document.querySelector('canvas[data-grafik=tren]')).data.datasets[0].data"
        )
        assert 90.63 in tren and len(tren) == 12
        admin.screenshot(path=str(folder_hasil / "skm-ikm-admin.png"), full_page=True)
    finally:
        warga_konteks.close()
        admin_konteks.close()
