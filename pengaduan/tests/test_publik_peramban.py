"""The citizen's journey in a real browser, on a phone: from the login page to the public pages,
file an anonim complaint with a PDF, read the code and the key once, follow the case from another
device with them, see the officer's public response, rate the outcome. Fixtures (headless
Chromium, the live server) come from tests/browser/conftest.py; screenshots go to test-results/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from pengaduan.models import Pengaduan, RiwayatPengaduan, StatusPengaduan
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _ponsel(peramban, live_server):  # noqa: F811
    konteks = peramban.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        locale="id-ID",
        is_mobile=True,
        has_touch=True,
    )
    konteks.set_default_timeout(15_000)
    return konteks


def _tanpa_gulir_mendatar(page) -> None:
    lebar = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar[0] <= lebar[1], f"halaman lebih lebar dari layar ponsel: {lebar}"


def test_warga_mengadu_dari_ponsel_lalu_melacak_dan_menilai(
    opd_a,
    opd_b,
    petugas,
    atasan,
    live_server,
    peramban,  # noqa: F811
    folder_hasil,  # noqa: F811
):
    konteks = _ponsel(peramban, live_server)
    page = konteks.new_page()

    # From the staff login page to the public pages.
    page.goto(reverse("akun:login"))
    page.get_by_role("link", name=re.compile("Layanan publik")).click()
    page.get_by_role("link", name=re.compile("Ajukan pengaduan")).first.click()
    expect(page.get_by_role("heading", name="Ajukan pengaduan")).to_be_visible()
    _tanpa_gulir_mendatar(page)

    page.get_by_label("Jenis laporan").select_option("pengaduan")
    page.get_by_label("Perangkat daerah yang dilaporkan").select_option(label=opd_a.nama)
    page.get_by_label("Judul singkat").fill("Loket legalisir tutup pada jam layanan")
    page.get_by_label("Apa yang terjadi?").fill("Saya datang pukul 10.00, loket tutup dan tidak ada petugas.")
    page.get_by_label("Tanggal kejadian/layanan").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Bukti (opsional)").set_input_files(
        {"name": "foto-loket.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("#privasi-anonim").check()
    page.get_by_label("Nama Anda").fill("Rina Warga")
    page.get_by_label("Telepon/WhatsApp").fill("081355500011")
    page.screenshot(path=str(folder_hasil / "publik_aduan_form.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Kirim laporan")).click()

    expect(page.get_by_role("heading", name=re.compile("sudah kami terima"))).to_be_visible()
    kode = page.locator("[data-uji=kode]").inner_text().strip()
    kunci = page.locator("[data-uji=kunci]").inner_text().strip()
    expect(page.get_by_text("Simpan kunci ini.")).to_be_visible()
    _tanpa_gulir_mendatar(page)
    page.screenshot(path=str(folder_hasil / "publik_aduan_terkirim.png"), full_page=True)
    pengaduan = Pengaduan.objects.get(kode=kode)
    assert (pengaduan.privasi, pengaduan.bukti.count()) == ("anonim", 1)

    # Reloaded, the receipt no longer shows the key.
    page.reload()
    expect(page.locator("[data-uji=kode]")).to_have_text(kode)
    expect(page.locator("[data-uji=kunci]")).to_have_count(0)
    konteks.close()

    # An officer answers publicly and completes the case (the officers' pages are tested elsewhere).
    RiwayatPengaduan.objects.create(
        pengaduan=pengaduan,
        jenis=RiwayatPengaduan.Jenis.TANGGAPAN,
        isi="Jadwal loket sudah kami tempel dan petugas cadangan disiapkan.",
        publik=True,
        oleh=atasan.user,
    )
    Pengaduan.objects.filter(pk=pengaduan.pk).update(
        status=StatusPengaduan.SELESAI,
        terverifikasi_pada=timezone.now(),
        ditanggapi_pada=timezone.now(),
        selesai_pada=timezone.now(),
        unit_tujuan=opd_a,
    )

    # Another device: the code alone opens nothing; the code and the key do.
    konteks = _ponsel(peramban, live_server)
    page = konteks.new_page()
    page.goto(reverse("layanan:lacak-detail", args=[kode]))
    expect(page.get_by_role("heading", name="Lacak pengaduan")).to_be_visible()
    page.get_by_label("Kunci").fill("2222-3333-4444")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Lacak")).click()
    expect(page.get_by_text("Kode lacak atau kunci tidak cocok.")).to_be_visible()
    page.get_by_label("Kode lacak").fill(kode.lower())
    page.get_by_label("Kunci").fill(kunci)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Lacak")).click()

    expect(page.locator("[data-uji=status]")).to_have_text("Selesai")
    expect(page.get_by_text("Jadwal loket sudah kami tempel")).to_be_visible()
    expect(page.get_by_text(atasan.nama)).to_have_count(0)
    expect(page.get_by_text("Rina Warga")).to_have_count(0)
    _tanpa_gulir_mendatar(page)

    page.get_by_label("4").check()
    page.get_by_label("Ulasan (opsional)").fill("Cepat ditanggapi.")
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_text("Terima kasih atas penilaian Anda.")).to_be_visible()
    expect(page.get_by_text("4 dari 5").first).to_be_visible()
    page.screenshot(path=str(folder_hasil / "publik_lacak_detail.png"), full_page=True)
    konteks.close()

    pengaduan.refresh_from_db()
    assert (pengaduan.nilai_warga, pengaduan.ulasan_warga) == (4, "Cepat ditanggapi.")
