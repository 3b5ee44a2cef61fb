"""The assessment in a real browser: the pegawai self-assesses and sends it (on a phone), the
atasan rates on the one page (the suggestion and the predikat follow the clicks), saves the
draft, finalises, and the pegawai reads the result and acknowledges it. Screenshots go to
test-results/. Fixtures (headless Chromium, the live server) come from tests/browser/conftest.py."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.models import EvaluasiPegawai, PenilaianDiriKinerja
from evaluasi.tests.test_penilaian_fixture import isi_periode, siap_buat
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"


@pytest.fixture
def data(admin_bkd, pegawai, atasan, rekan):
    s = siap_buat(admin_bkd.user, pegawai, atasan)
    isi_periode(s, log=3)
    for p in (pegawai, atasan):
        p.user.set_password(KATA_SANDI)
        p.user.save(update_fields=["password"])
    return s


def _halaman(chromium, live_server, *, ponsel=False):
    opsi = {"viewport": {"width": 1280, "height": 900}}
    if ponsel:
        opsi = {
            "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 2,
            "is_mobile": True,
            "has_touch": True,
        }
    konteks = chromium.new_context(base_url=live_server.url, locale="id-ID", **opsi)
    konteks.set_default_timeout(30_000)
    page = konteks.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Kirim"/"Finalkan" ask for confirmation
    return konteks, page


def _masuk(page, pegawai) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(pegawai.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    expect(page).not_to_have_url(re.compile(re.escape(reverse("akun:login"))))


def _pilih(page, nama: str, nilai: str) -> None:
    page.locator(f'label[for="{nama}-{nilai}"]').click()


def test_penilaian_diri_penilaian_atasan_finalisasi_dan_penerimaan(data, pegawai, atasan, live_server, request):
    chromium = request.getfixturevalue("peramban")
    folder = request.getfixturevalue("folder_hasil")
    s = data
    rhk = s.rhk

    # The pegawai, on a phone: proposals, reflection, Kirim.
    konteks, page = _halaman(chromium, live_server, ponsel=True)
    _masuk(page, pegawai)
    page.goto(reverse("evaluasi:evaluasi-diri", args=[s.ev.pk]))
    expect(page.get_by_role("heading", name="Penilaian diri")).to_be_visible()
    for r in rhk:
        _pilih(page, f"rhk_{r.pk}_rating", "di_atas")
    _pilih(page, "rating_hasil", "di_atas")
    _pilih(page, "rating_perilaku", "sesuai")
    page.get_by_label(re.compile("Apa yang berjalan baik")).fill("Target terlampaui berkat kerja tim.")
    page.screenshot(path=str(folder / "penilaian-diri-ponsel.png"), full_page=True)
    page.get_by_role("button", name=re.compile(r"Kirim$")).click()
    expect(page.get_by_text("Penilaian diri terkirim ke atasan dan sekarang terkunci.")).to_be_visible()
    konteks.close()
    assert PenilaianDiriKinerja.objects.get(evaluasi=s.ev).terkirim

    # The atasan: one page with everything; clicks move the suggestion and the predikat.
    konteks, page = _halaman(chromium, live_server)
    _masuk(page, atasan)
    page.goto(reverse("evaluasi:evaluasi-nilai", args=[s.ev.pk]))
    expect(page.get_by_text("Target terlampaui berkat kerja tim.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Laporan daring")).first).to_be_visible()
    for r in rhk:
        _pilih(page, f"rhk_{r.pk}_rating", "di_atas")
    expect(page.locator("[data-saran]")).to_have_text("Di Atas Ekspektasi")
    _pilih(page, "rating_hasil", "di_atas")
    _pilih(page, "rating_perilaku", "sesuai")
    expect(page.locator("[data-predikat-langsung]")).to_have_text("Baik")
    expect(page.locator('td[data-sel="di_atas|sesuai"]')).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("button", name=re.compile("Finalkan penilaian"))).to_be_disabled()  # save first
    page.get_by_role("textbox", name="Umpan balik").fill("Pertahankan kolaborasi tim.")
    page.screenshot(path=str(folder / "penilaian-atasan.png"), full_page=True)
    page.get_by_role("button", name=re.compile("Simpan draf")).click()
    expect(page.get_by_text(re.compile("Draf penilaian tersimpan"))).to_be_visible()
    ev = EvaluasiPegawai.objects.get(pk=s.ev.pk)
    assert (ev.status, ev.predikat) == ("draft", "baik")
    page.get_by_role("button", name=re.compile("Finalkan penilaian")).click()
    expect(page.get_by_text(re.compile("difinalkan dengan predikat Baik"))).to_be_visible()
    page.screenshot(path=str(folder / "penilaian-hasil-atasan.png"), full_page=True)
    page.get_by_role("link", name="Penilaian tim").click()
    baris = page.get_by_role("row").filter(has_text=pegawai.nip)
    expect(baris.get_by_text("Final")).to_be_visible()
    expect(baris.get_by_text("Baik", exact=True)).to_be_visible()
    page.screenshot(path=str(folder / "penilaian-tim.png"), full_page=True)
    konteks.close()

    # The pegawai reads the result and acknowledges it.
    konteks, page = _halaman(chromium, live_server)
    _masuk(page, pegawai)
    page.goto(reverse("evaluasi:evaluasi-detail", args=[s.ev.pk]))
    expect(page.get_by_text("Pertahankan kolaborasi tim.")).to_be_visible()
    page.get_by_role("button", name=re.compile("Saya telah menerima hasil ini")).click()
    expect(page.get_by_text("Terima kasih; penerimaan hasil penilaian tercatat.")).to_be_visible()
    expect(page.get_by_text(re.compile("Diterima pegawai pada"))).to_be_visible()
    page.screenshot(path=str(folder / "penilaian-hasil-pegawai.png"), full_page=True)
    page.get_by_role("link", name="Hasil penilaian saya").click()
    expect(page.get_by_role("row").filter(has_text=s.periode.nama).get_by_text("Baik", exact=True)).to_be_visible()
    page.screenshot(path=str(folder / "penilaian-riwayat.png"), full_page=True)
    konteks.close()
    ev.refresh_from_db()
    assert (ev.status, ev.predikat) == ("final", "baik") and ev.diterima_pada is not None
