"""The peer (360) journey in a real browser: the atasan assigns three peers (the proposal,
kept across a search), each peer rates the seven BerAKHLAK values on a phone-sized screen (a
draft first, then Kirim), and the atasan then sees the anonymous aggregate, never who gave what."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.models import EvaluasiPegawai, JawabanRekanKinerja, NilaiDasar, PenugasanRekanKinerja, Periode
from evaluasi.tests.factories import periode_uji
from pegawai.tests.factories import PegawaiFactory

# The browser fixtures live in tests/browser/conftest.py; imported so pytest finds them here.
from tests.browser.conftest import peramban  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"
SKOR = {"Rekan Sejawat": 5, "Rekan Lain Satu": 4, "Rekan Lain Dua": 3}


@pytest.fixture
def dunia(admin_bkd, atasan, pegawai, rekan, bidang_a, jabatan_staf):
    lain = [
        PegawaiFactory(nama=nama, unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        for nama in ("Rekan Lain Satu", "Rekan Lain Dua", "Rekan Lain Tiga")
    ]
    for orang in (atasan, rekan, *lain[:2]):
        orang.user.set_password(KATA_SANDI)
        orang.user.save(update_fields=["password"])
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    return {"evaluasi": EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai), "lain": lain}


def _halaman(peramban, live_server, **opsi):  # noqa: F811
    konteks = peramban.new_context(base_url=live_server.url, locale="id-ID", **opsi)
    konteks.set_default_timeout(15_000)
    page = konteks.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Kirim" asks for confirmation
    return konteks, page


def _masuk(page, orang) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(orang.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    expect(page).not_to_have_url(re.compile(re.escape(reverse("akun:login"))))


def test_atasan_menugaskan_rekan_menilai_atasan_melihat_rata_rata(
    dunia,
    atasan,
    pegawai,
    rekan,
    live_server,
    peramban,  # noqa: F811 (the fixture imported above)
):
    ev, lain = dunia["evaluasi"], dunia["lain"]

    # The atasan: the proposal is ticked (four of the unit); they search for nobody new, untick
    # one proposal and save three.
    konteks, page = _halaman(peramban, live_server, viewport={"width": 1280, "height": 900})
    _masuk(page, atasan)
    page.goto(reverse("evaluasi:evaluasi-rekan", args=[ev.pk]))
    expect(page.locator("[data-jumlah-pilih]")).to_have_text("4")
    page.get_by_label("Cari pegawai lain di OPD ini").fill("Rekan Lain")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("[data-jumlah-pilih]")).to_have_text("4")  # the ticks survived the search
    page.get_by_role("checkbox", name=re.compile("Rekan Lain Tiga")).uncheck()
    expect(page.locator("[data-jumlah-pilih]")).to_have_text("3")
    page.get_by_role("button", name="Simpan penugasan").click()
    expect(page.get_by_role("alert").filter(has_text="Penugasan rekan untuk")).to_be_visible()
    expect(page.get_by_text("3 rekan · 0 sudah mengisi")).to_be_visible()
    konteks.close()
    tugas = {t.penilai.nama: t for t in PenugasanRekanKinerja.objects.select_related("penilai")}
    assert set(tugas) == set(SKOR)

    # Each peer, on a phone: from the task list to the form; a draft, then Kirim.
    nilai = list(NilaiDasar.objects.order_by("urutan"))
    for orang in (rekan, *lain[:2]):
        konteks, page = _halaman(peramban, live_server, viewport={"width": 390, "height": 844}, is_mobile=True)
        _masuk(page, orang)
        page.goto(reverse("evaluasi:rekan-tugas"))
        page.get_by_role("link", name="Nilai", exact=True).click()
        expect(page.get_by_text(pegawai.nama_lengkap).first).to_be_visible()
        skor = SKOR[orang.nama]
        for n in nilai:
            page.locator(f"label[for='skor-{n.pk}-{skor}']").click()
        page.get_by_label("Komentar (tidak wajib)").fill(f"Komentar dari {skor}")
        page.get_by_role("button", name="Simpan draf").click()
        expect(page.get_by_role("alert").filter(has_text="Draf tersimpan")).to_be_visible()
        expect(page.locator(f"#skor-{nilai[0].pk}-{skor}")).to_be_checked()
        page.get_by_role("button", name="Kirim").click()
        expect(page.get_by_role("alert").filter(has_text="Penilaian rekan terkirim")).to_be_visible()
        expect(page.get_by_text("Sudah dikirim")).to_be_visible()
        konteks.close()
    assert JawabanRekanKinerja.objects.filter(evaluasi=ev).count() == 21
    ev.refresh_from_db()
    assert ev.rekan_dibuka

    # The atasan: who answered (all), the aggregate (mean 4,00), comments by text, no scores by name.
    konteks, page = _halaman(peramban, live_server, viewport={"width": 1280, "height": 900})
    _masuk(page, atasan)
    page.goto(reverse("evaluasi:evaluasi-rekan", args=[ev.pk]))
    expect(page.get_by_text("3 rekan · 3 sudah mengisi")).to_be_visible()
    ringkasan = page.locator("#ringkasan-rekan")
    expect(ringkasan).to_contain_text("Rata-rata dari 3 rekan")
    expect(ringkasan).to_contain_text("4,00")
    for orang in SKOR:
        expect(ringkasan).not_to_contain_text(orang)
    expect(page.locator("#form-rekan")).to_have_count(0)  # released: the assignment is locked
    konteks.close()
