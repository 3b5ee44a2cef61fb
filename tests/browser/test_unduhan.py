"""Unduhan Saya in a real browser: the progress bar follows the export while it is prepared, the
download button appears when the file is ready (and the download works), a failure shows why."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_direktori import _masuk
from unduhan.models import Ekspor
from unduhan.tests.factories import EksporFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"


def test_kemajuan_ekspor_lalu_tombol_unduh_muncul(pegawai, halaman, folder_hasil):
    pegawai.user.set_password(KATA_SANDI)
    pegawai.user.save(update_fields=["password"])
    jadi = EksporFactory(pemilik=pegawai.user, nama_berkas="rekap-log-harian-2026-01.xlsx")
    berkas, ukuran = jadi.berkas.name, jadi.berkas.size
    jadi.delete()
    berjalan = EksporFactory(
        pemilik=pegawai.user, status=Ekspor.Status.PROSES, progres=30, berkas="", nama_berkas="", ukuran=0
    )
    gagal = EksporFactory(pemilik=pegawai.user, status=Ekspor.Status.ANTRI, progres=0, berkas="", nama_berkas="")
    page = halaman

    _masuk(page, pegawai.nip, KATA_SANDI)
    page.get_by_role("button", name=re.compile(re.escape(pegawai.user.first_name[:20]))).click()
    page.get_by_role("link", name="Unduhan Saya").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("unduhan:ekspor-list"))))
    baris = page.locator(f'[data-ekspor-status="{reverse("unduhan:ekspor-status", args=[berjalan.pk])}"]')
    baris_gagal = page.locator(f'[data-ekspor-status="{reverse("unduhan:ekspor-status", args=[gagal.pk])}"]')
    expect(baris.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "30")
    tombol = baris.get_by_role("link", name=re.compile("Unduh"))
    expect(tombol).to_be_hidden()

    # The task moves on: the bar follows without a reload.
    Ekspor.objects.filter(pk=berjalan.pk).update(progres=60)
    expect(baris.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "60")
    expect(baris.locator(".progress-bar")).to_have_text("60%")
    Ekspor.objects.filter(pk=gagal.pk).update(status=Ekspor.Status.GAGAL, pesan_galat="Periode tidak ditemukan lagi.")
    expect(baris_gagal.get_by_text("Periode tidak ditemukan lagi.")).to_be_visible()

    Ekspor.objects.filter(pk=berjalan.pk).update(
        status=Ekspor.Status.SELESAI,
        progres=100,
        berkas=berkas,
        nama_berkas="rekap-log-harian-2026-01.xlsx",
        ukuran=ukuran,
        selesai_at=timezone.now(),
    )
    expect(tombol).to_be_visible()
    expect(baris.get_by_text("rekap-log-harian-2026-01.xlsx")).to_be_visible()
    expect(baris.get_by_role("progressbar")).to_be_hidden()
    page.screenshot(path=str(folder_hasil / "unduhan-saya.png"), full_page=True)
    with page.expect_download() as unduhan:
        tombol.click()
    assert unduhan.value.suggested_filename == "rekap-log-harian-2026-01.xlsx"
