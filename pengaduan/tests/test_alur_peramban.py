"""The officers' journey in a real browser (headless Chromium): the complaint officer finds a new
case in the queue, verifies it, disposes it to a unit and a responsible officer found through the
search; the responsible officer (on a phone) finds it under "Pengaduan yang ditugaskan kepada
saya" and responds; the officer reads the response in the timeline and closes the case; the
citizen's public tracking page shows the response and the completion, without any officer's
name. Fixtures (headless Chromium, the live server) come from tests/browser/conftest.py;
screenshots go to test-results/aduan-*.png."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pengaduan.models import Pengaduan, Privasi
from pengaduan.tests.factories import KUNCI_UJI, PengaduanFactory
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"
TANGGAPAN = "Loket 3 kini dibuka pukul 08.00; antrean dipantau setiap hari."
PENUTUP = "Jadwal loket sudah diperbaiki dan diumumkan. Terima kasih atas laporan Anda."


def _konteks(peramban, live_server, *, ponsel: bool = False):  # noqa: F811
    ukuran = {"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900}
    konteks = peramban.new_context(base_url=live_server.url, viewport=ukuran, locale="id-ID", is_mobile=ponsel)
    konteks.set_default_timeout(15_000)
    return konteks


def _masuk(page, pegawai) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(pegawai.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    page.wait_for_load_state()


def test_petugas_memverifikasi_mendisposisikan_penanggung_jawab_menanggapi_lalu_selesai(
    opd_a,
    bidang_a,
    petugas,
    atasan,
    live_server,
    peramban,  # noqa: F811
    folder_hasil,  # noqa: F811
):
    for orang in (petugas, atasan):
        orang.user.set_password(KATA_SANDI)
        orang.user.save(update_fields=["password"])
    p = PengaduanFactory(opd=opd_a, privasi=Privasi.ANONIM, judul="Loket KTP tutup sebelum jam layanan")
    nama_pelapor = p.identitas.nama

    # The complaint officer, on a desktop.
    kantor = _konteks(peramban, live_server)
    page = kantor.new_page()
    _masuk(page, petugas)
    page.goto(reverse("pengaduan:aduan-list"))
    expect(page.get_by_role("heading", name=re.compile("Antrean pengaduan"))).to_be_visible()
    page.get_by_role("link", name=p.kode).click()
    expect(page.get_by_text("Loket KTP tutup sebelum jam layanan")).to_be_visible()
    expect(page.get_by_text(nama_pelapor)).to_have_count(0)  # anonim: only on request

    page.get_by_label(re.compile(r"Tanpa pemeriksaan lapangan \(14 hari kerja\)")).check()
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text(f"Pengaduan {p.kode} terverifikasi.")

    # Disposition: the unit, then the responsible officer found by name in the unit.
    kotak = page.locator("#aksi-disposisi")
    kotak.get_by_label("Unit tujuan").select_option(str(bidang_a.pk))
    nip = kotak.get_by_label("Penanggung jawab (NIP)")
    nip.fill("Atasan Bid")
    expect(page.locator(f'#aduan-pegawai-petugas option[value="{atasan.nip}"]')).to_have_count(1)
    nip.fill(atasan.nip)
    kotak.get_by_role("button", name="Disposisikan").click()
    expect(page.locator(".alert-success")).to_contain_text(f"didisposisikan kepada {atasan.nama_lengkap}")
    expect(page.locator("#riwayat")).to_contain_text(f"Diteruskan kepada {bidang_a.nama}.")
    page.screenshot(path=str(folder_hasil / "aduan-petugas-disposisi.png"), full_page=True)

    # The responsible officer, on a phone.
    hp_konteks = _konteks(peramban, live_server, ponsel=True)
    try:
        hp = hp_konteks.new_page()
        _masuk(hp, atasan)
        hp.goto(reverse("pengaduan:aduan-list"))
        expect(hp.get_by_role("heading", name=re.compile("Pengaduan yang ditugaskan kepada saya"))).to_be_visible()
        hp.get_by_role("link", name=p.kode).click()
        expect(hp.get_by_text("Identitas pelapor dirahasiakan.")).to_be_visible()
        kotak = hp.locator("#aksi-tanggapan")
        kotak.get_by_label("Tanggapan untuk pelapor").check()
        kotak.get_by_label("Isi").fill(TANGGAPAN)
        kotak.get_by_role("button", name="Kirim").click()
        expect(hp.locator(".alert-success")).to_contain_text("Tanggapan disimpan dan dikirim kepada pelapor.")
        lebar = hp.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert lebar[0] <= lebar[1]  # nothing overflows sideways on a phone
        hp.screenshot(path=str(folder_hasil / "aduan-penanggung-jawab-ponsel.png"), full_page=True)
    finally:
        hp_konteks.close()
    assert Pengaduan.objects.get(pk=p.pk).status == "ditindaklanjuti"

    # The officer reads the response and closes the case.
    page.reload()
    expect(page.locator("#riwayat")).to_contain_text(TANGGAPAN)
    kotak = page.locator("#aksi-selesai")
    kotak.get_by_label(re.compile("Tanggapan penutup")).fill(PENUTUP)
    kotak.get_by_role("button", name="Nyatakan selesai").click()
    expect(page.locator(".alert-success")).to_contain_text("selesai dalam")
    expect(page.locator("#aksi-arsip")).to_contain_text("Pelapor masih dapat membuka kembali")
    kantor.close()
    p.refresh_from_db()
    assert p.status == "selesai" and p.selesai_pada is not None and p.hari_kerja_selesai is not None

    # The citizen follows the case with the code and the key: the responses, no officer's name.
    warga = _konteks(peramban, live_server, ponsel=True)
    try:
        w = warga.new_page()
        w.goto(reverse("layanan:lacak"))
        w.get_by_label("Kode lacak").fill(p.kode)
        w.get_by_label("Kunci").fill(KUNCI_UJI)
        w.get_by_role("button", name=re.compile("Lacak")).click()
        expect(w.get_by_text(TANGGAPAN)).to_be_visible()
        expect(w.get_by_text(PENUTUP)).to_be_visible()
        isi = w.content()
        for nama in (atasan.nama, petugas.nama, atasan.nip, nama_pelapor):
            assert nama not in isi
        w.screenshot(path=str(folder_hasil / "aduan-lacak-warga.png"), full_page=True)
    finally:
        warga.close()
