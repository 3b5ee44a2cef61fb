"""The daily log in a real browser: a pegawai fills two entries on a phone (with an evidence
file), is refused a day over the maximum, the atasan returns both in bulk with a note, the
pegawai fixes one, the atasan approves it and reads the monthly recap. Fixtures (headless
Chromium, the live server) come from tests/browser/conftest.py; screenshots go to test-results/."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.models import BuktiDukung, LogHarian, Periode
from evaluasi.tests.factories import periode_uji, skp_uji
from evaluasi.tests.test_log_ruang import PDF
from notifikasi.models import Notifikasi
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"
# The icon's glyph (CSS generated content) is part of a button's accessible name in Chromium.
SIMPAN = re.compile(r"Simpan$")


@pytest.fixture
def ruang(pegawai, atasan, admin_bkd):
    for p in (pegawai, atasan):
        p.user.set_password(KATA_SANDI)
        p.user.save(update_fields=["password"])
    periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    skp = skp_uji(pegawai)
    return {"pegawai": pegawai, "atasan": atasan, "rhk": list(skp.rhk.order_by("pk"))}


def _konteks(peramban, live_server, ponsel: bool):  # noqa: F811
    ukuran = {"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900}
    konteks = peramban.new_context(
        base_url=live_server.url, viewport=ukuran, locale="id-ID", is_mobile=ponsel, has_touch=ponsel
    )
    konteks.set_default_timeout(15_000)
    return konteks


def _masuk(page, nip: str) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    page.wait_for_load_state()


def _isi(page, *, uraian: str, jam: str = "", menit: str = "", rhk=None) -> None:
    page.get_by_label("Uraian kegiatan").fill(uraian)
    page.get_by_label("Jam", exact=True).fill(jam)
    page.get_by_label("Menit", exact=True).fill(menit)
    if rhk:
        page.get_by_label("RHK yang didukung").select_option(value=str(rhk.pk))


def test_log_harian_dari_ponsel_sampai_rekap(ruang, live_server, peramban, folder_hasil):  # noqa: F811
    pegawai, atasan, rhk = ruang["pegawai"], ruang["atasan"], ruang["rhk"]

    # --- the pegawai, on a phone
    ponsel = _konteks(peramban, live_server, ponsel=True)
    page = ponsel.new_page()
    _masuk(page, pegawai.nip)
    page.goto(reverse("evaluasi:log-list"))
    page.get_by_role("link", name="Tambah log").click()
    _isi(page, uraian="Menyusun notula rapat koordinasi PPDB", jam="2", menit="30", rhk=rhk[0])
    page.get_by_label("Berkas bukti (opsional)").set_input_files(
        {"name": "notulen.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan & tambah lagi").click()
    expect(page.get_by_text(re.compile(r"\(150 menit\) tersimpan"))).to_be_visible()
    _isi(page, uraian="Verifikasi berkas calon peserta didik", menit="45", rhk=rhk[1])
    with page.expect_navigation():
        page.get_by_role("button", name=SIMPAN).click()
    expect(page.get_by_text("3 jam 15 menit")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("notulen.pdf"))).to_be_visible()
    # A day over the maximum: the message names the day's total and the maximum; nothing saved.
    page.get_by_role("link", name="Tambah log").click()
    _isi(page, uraian="Lembur", jam="8", rhk=rhk[0])
    page.get_by_role("button", name=SIMPAN).click()
    expect(page.get_by_text(re.compile(r"sudah 195 menit; dengan 480 menit ini menjadi 675 menit"))).to_be_visible()
    page.screenshot(path=str(folder_hasil / "log-ponsel-melebihi-maksimum.png"), full_page=True)
    assert LogHarian.objects.count() == 2 and BuktiDukung.objects.count() == 1
    page.goto(reverse("evaluasi:log-list"))
    page.screenshot(path=str(folder_hasil / "log-ponsel-daftar.png"), full_page=True)
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # --- the atasan returns both in bulk, with a note
    meja = _konteks(peramban, live_server, ponsel=False)
    page_a = meja.new_page()
    _masuk(page_a, atasan.nip)
    page_a.goto(reverse("evaluasi:log-periksa"))
    page_a.get_by_label("Pilih semua log di halaman ini").check()
    expect(page_a.get_by_role("button", name=re.compile(r"Proses 2 log"))).to_be_visible()
    page_a.get_by_label("Tindakan untuk log terpilih").select_option("revisi")
    page_a.get_by_label(re.compile("Catatan untuk pegawai")).fill("Sebutkan nama rapat dan hasilnya")
    with page_a.expect_navigation():
        page_a.get_by_role("button", name=re.compile(r"Proses 2 log")).click()
    expect(page_a.get_by_text("2 log dikembalikan untuk revisi. 1 pegawai diberi tahu.")).to_be_visible()
    assert Notifikasi.objects.filter(penerima=pegawai.user).count() == 1

    # --- the pegawai fixes the first one
    page.goto(reverse("evaluasi:log-list"))
    expect(page.get_by_text("Sebutkan nama rapat dan hasilnya").first).to_be_visible()
    page.get_by_role("link", name="Perbaiki").first.click()
    page.get_by_label("Uraian kegiatan").fill("Menyusun notula rapat koordinasi PPDB zonasi: 12 keputusan")
    with page.expect_navigation():
        page.get_by_role("button", name=SIMPAN).click()
    expect(page.get_by_text(re.compile("diperbarui"))).to_be_visible()
    diperbaiki = LogHarian.objects.get(uraian__startswith="Menyusun notula rapat koordinasi PPDB zonasi")
    assert diperbaiki.status == LogHarian.Status.BELUM_DIPERIKSA

    # --- the atasan approves it on its own and reads the recap
    page_a.goto(reverse("evaluasi:log-periksa"))
    with page_a.expect_navigation():
        page_a.locator(f"#log-{diperbaiki.pk}").get_by_role("button", name="Setujui").click()
    expect(page_a.get_by_text("1 log disetujui.")).to_be_visible()
    page_a.goto(reverse("evaluasi:log-rekap") + f"?bulan={diperbaiki.tanggal:%Y-%m}")
    baris = page_a.locator(f"tr[data-pegawai='{pegawai.pk}']")
    expect(baris.locator("td").nth(1)).to_have_text(str(diperbaiki.menit))  # approved minutes
    expect(baris.locator("td").nth(3)).to_have_text(str(195 - diperbaiki.menit))  # still in revision
    page_a.screenshot(path=str(folder_hasil / "log-rekap-atasan.png"), full_page=True)
    ponsel.close()
    meja.close()
