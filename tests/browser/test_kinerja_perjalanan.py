"""The whole performance-evaluation journey in a real browser (issue 4): the pegawai drafts an SKP,
the atasan returns it with a note, the pegawai fixes and resubmits, the atasan approves; the pegawai
logs an activity and fills a realisation with an evidence PDF; the atasan assigns three peers, who
each rate in their own browser context; the pegawai self-assesses; the atasan rates and finalises;
the pegawai objects and the atasan's atasan (kepala_opd) decides. Every step is a click through the
pages; only users, passwords, the atasan's approved SKP and the period's status are set up directly.
Fixtures (headless Chromium, the live server) come from tests/browser/conftest.py; screenshots go to
test-results/kinerja-perjalanan-*.png."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluasi.models import (
    BuktiDukung,
    EvaluasiPegawai,
    JawabanRekanKinerja,
    Keberatan,
    LogHarian,
    NilaiDasar,
    Periode,
    Realisasi,
    Skp,
)
from evaluasi.rules import predikat_dari
from evaluasi.services.periode import periode_lanjut
from evaluasi.tests.factories import periode_uji, skp_uji
from evaluasi.tests.test_log_ruang import PDF
from pegawai.tests.factories import PegawaiFactory
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"
# The icon's glyph (CSS generated content) is part of a button's accessible name in Chromium.
SIMPAN = re.compile(r"Simpan$")
SKOR_REKAN = {"Rekan Sejawat": 5, "Rekan Lain Satu": 4, "Rekan Lain Dua": 3}


@pytest.fixture
def dunia(admin_bkd, kepala_opd, atasan, pegawai, rekan, bidang_a, jabatan_staf):
    lain = [
        PegawaiFactory(nama=nama, unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        for nama in ("Rekan Lain Satu", "Rekan Lain Dua")
    ]
    for orang in (pegawai, atasan, kepala_opd, rekan, *lain):
        orang.user.set_password(KATA_SANDI)
        orang.user.save(update_fields=["password"])
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    skp_atasan = skp_uji(atasan)  # approved: the cascade needs the atasan's RHK
    return {"periode": periode, "induk": skp_atasan.rhk.order_by("pk").first(), "rekan": [rekan, *lain]}


def _halaman(peramban, live_server, *, ponsel: bool = False):  # noqa: F811
    ukuran = {"width": 390, "height": 844} if ponsel else {"width": 1280, "height": 900}
    konteks = peramban.new_context(
        base_url=live_server.url, viewport=ukuran, locale="id-ID", is_mobile=ponsel, has_touch=ponsel
    )
    konteks.set_default_timeout(30_000)
    page = konteks.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Kirim"/"Finalkan" ask for confirmation
    return konteks, page


def _masuk(page, orang) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(orang.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    expect(page).not_to_have_url(re.compile(re.escape(reverse("akun:login"))))


def _pilih(page, nama: str, nilai: str) -> None:
    page.locator(f'label[for="{nama}-{nilai}"]').click()


def _foto(page, folder, nama: str) -> None:
    page.screenshot(path=str(folder / f"kinerja-perjalanan-{nama}.png"), full_page=True)


def test_perjalanan_kinerja_dari_skp_sampai_keputusan_keberatan(
    dunia,
    admin_bkd,
    kepala_opd,
    atasan,
    pegawai,
    live_server,
    peramban,  # noqa: F811
    folder_hasil,  # noqa: F811
):
    periode, induk = dunia["periode"], dunia["induk"]
    ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    konteks_p, hal_p = _halaman(peramban, live_server)
    konteks_a, hal_a = _halaman(peramban, live_server)
    _masuk(hal_p, pegawai)
    _masuk(hal_a, atasan)

    # --- 1. The pegawai drafts an SKP with one Utama RHK cascaded to the atasan's RHK and submits it.
    hal_p.goto(reverse("evaluasi:skp-saya"))
    hal_p.get_by_role("button", name=re.compile("Buat SKP")).click()
    expect(hal_p.get_by_role("heading", name=re.compile("Susun SKP"))).to_be_visible()
    hal_p.get_by_role("link", name=re.compile("Tambah RHK Utama")).click()
    hal_p.get_by_label("Rencana hasil kerja").fill("Tersusunnya dokumen perencanaan kebutuhan ASN")
    hal_p.get_by_label("Mendukung (intervensi)").select_option(value=f"rhk-{induk.pk}")
    hal_p.get_by_label("Indikator kinerja individu").fill("Jumlah dokumen perencanaan")
    hal_p.get_by_label("Target").fill("12")
    hal_p.get_by_label("Satuan").fill("dokumen")
    hal_p.get_by_role("button", name=SIMPAN).click()
    expect(hal_p.get_by_text("Jumlah dokumen perencanaan")).to_be_visible()
    hal_p.get_by_role("button", name=re.compile("Ajukan$")).click()
    expect(hal_p.get_by_text(re.compile(f"diajukan kepada {atasan.nama} untuk disetujui"))).to_be_visible()
    expect(hal_p.get_by_text("Menunggu persetujuan").first).to_be_visible()
    skp = Skp.objects.get(pegawai=pegawai)
    assert skp.status == Skp.Status.DIAJUKAN

    # --- 2. The atasan returns it with a note.
    hal_a.goto(reverse("evaluasi:skp-detail", args=[skp.pk]))
    expect(hal_a.get_by_text("SKP ini menunggu persetujuan Anda.", exact=False)).to_be_visible()
    hal_a.get_by_role("link", name=re.compile("Kembalikan dengan catatan")).click()
    hal_a.get_by_label("Catatan pengembalian").fill("Naikkan target menjadi 24 dokumen.")
    hal_a.get_by_role("button", name=re.compile("Kembalikan$")).click()
    expect(hal_a.get_by_text("Dikembalikan").first).to_be_visible()
    _foto(hal_a, folder_hasil, "skp-dikembalikan")

    # --- 3. The pegawai reads the note, fixes the target and resubmits.
    hal_p.goto(reverse("evaluasi:skp-detail", args=[skp.pk]))
    expect(hal_p.get_by_role("alert").filter(has_text="Naikkan target menjadi 24 dokumen.")).to_be_visible()
    hal_p.get_by_role("link", name="Susun / ubah SKP").click()
    hal_p.get_by_role("link", name="Ubah RHK 1").click()
    hal_p.get_by_label("Target").fill("24")
    hal_p.get_by_role("button", name=SIMPAN).click()
    expect(hal_p.get_by_text("24 dokumen", exact=True)).to_be_visible()
    hal_p.get_by_role("button", name=re.compile("Ajukan$")).click()
    expect(hal_p.get_by_text(re.compile(f"diajukan kepada {atasan.nama} untuk disetujui"))).to_be_visible()

    # --- 4. The atasan approves.
    hal_a.goto(reverse("evaluasi:skp-detail", args=[skp.pk]))
    hal_a.get_by_role("button", name=re.compile("Setujui SKP")).click()
    expect(hal_a.get_by_text(re.compile("disetujui dan kini terkunci"))).to_be_visible()
    expect(hal_a.get_by_text("Disetujui").first).to_be_visible()
    _foto(hal_a, folder_hasil, "skp-disetujui")
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DISETUJUI
    rhk = skp.rhk.get()
    indikator = rhk.indikator.get()

    # --- 5. The pegawai logs an activity and fills the realisation with an evidence PDF.
    hal_p.goto(reverse("evaluasi:log-list"))
    hal_p.get_by_role("link", name="Tambah log").click()
    hal_p.get_by_label("Uraian kegiatan").fill("Menyusun draf dokumen perencanaan kebutuhan ASN")
    hal_p.get_by_label("Jam", exact=True).fill("2")
    hal_p.get_by_label("Menit", exact=True).fill("0")
    hal_p.get_by_label("RHK yang didukung").select_option(value=str(rhk.pk))
    with hal_p.expect_navigation():
        hal_p.get_by_role("button", name=SIMPAN).click()
    expect(hal_p.get_by_text("Menyusun draf dokumen perencanaan kebutuhan ASN")).to_be_visible()

    hal_p.goto(reverse("evaluasi:saya"))
    hal_p.get_by_role("link", name=re.compile("Isi realisasi")).first.click()
    baris = hal_p.locator(f"#indikator-{indikator.pk}")
    baris.get_by_label("Realisasi", exact=True).fill("25")
    baris.get_by_label("Uraian realisasi").fill("Dua puluh lima dokumen selesai")
    baris.get_by_role("button", name="Simpan").click()
    expect(hal_p.locator(".alert-success")).to_contain_text("tersimpan")
    baris = hal_p.locator(f"#indikator-{indikator.pk}")
    baris.locator("input[type=file]").set_input_files(
        {"name": "Dokumen-perencanaan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    baris.get_by_role("button", name="Tambah bukti").click()
    expect(hal_p.get_by_text("Bukti dukung ditambahkan.")).to_be_visible()
    expect(hal_p.get_by_role("link", name="Dokumen-perencanaan.pdf")).to_be_visible()
    _foto(hal_p, folder_hasil, "realisasi")

    # Setup, not a journey step: the BKD moves the period to its assessment phase.
    periode = periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status=Periode.Status.BERJALAN)
    assert periode.status == Periode.Status.PENILAIAN

    # --- 6. The atasan assigns the proposed three peers; each rates on a phone in its own context.
    hal_a.goto(reverse("evaluasi:evaluasi-rekan", args=[ev.pk]))
    expect(hal_a.locator("[data-jumlah-pilih]")).to_have_text("3")
    hal_a.get_by_role("button", name="Simpan penugasan").click()
    expect(hal_a.get_by_text("3 rekan · 0 sudah mengisi")).to_be_visible()
    nilai = list(NilaiDasar.objects.order_by("urutan"))
    for orang in dunia["rekan"]:
        konteks_r, hal_r = _halaman(peramban, live_server, ponsel=True)
        _masuk(hal_r, orang)
        hal_r.goto(reverse("evaluasi:rekan-tugas"))
        hal_r.get_by_role("link", name="Nilai", exact=True).click()
        expect(hal_r.get_by_text(pegawai.nama_lengkap).first).to_be_visible()
        skor = SKOR_REKAN[orang.nama]
        for n in nilai:
            hal_r.locator(f"label[for='skor-{n.pk}-{skor}']").click()
        hal_r.get_by_role("button", name="Kirim").click()
        expect(hal_r.get_by_role("alert").filter(has_text="Penilaian rekan terkirim")).to_be_visible()
        konteks_r.close()
    hal_a.reload()
    expect(hal_a.get_by_text("3 rekan · 3 sudah mengisi")).to_be_visible()
    expect(hal_a.locator("#ringkasan-rekan")).to_contain_text("4,00")

    # --- 7. The pegawai self-assesses and sends it.
    hal_p.goto(reverse("evaluasi:evaluasi-diri", args=[ev.pk]))
    expect(hal_p.get_by_role("heading", name="Penilaian diri")).to_be_visible()
    _pilih(hal_p, f"rhk_{rhk.pk}_rating", "di_atas")
    _pilih(hal_p, "rating_hasil", "di_atas")
    _pilih(hal_p, "rating_perilaku", "di_atas")
    hal_p.get_by_label(re.compile("Apa yang berjalan baik")).fill("Target dokumen terlampaui.")
    hal_p.get_by_role("button", name=re.compile(r"Kirim$")).click()
    expect(hal_p.get_by_text("Penilaian diri terkirim ke atasan dan sekarang terkunci.")).to_be_visible()

    # --- 8. The atasan rates, saves the draft and finalises.
    hal_a.goto(reverse("evaluasi:evaluasi-nilai", args=[ev.pk]))
    expect(hal_a.get_by_text("Target dokumen terlampaui.")).to_be_visible()
    _pilih(hal_a, f"rhk_{rhk.pk}_rating", "di_atas")
    _pilih(hal_a, "rating_hasil", "di_atas")
    _pilih(hal_a, "rating_perilaku", "sesuai")
    expect(hal_a.locator("[data-predikat-langsung]")).to_have_text("Baik")
    hal_a.get_by_role("textbox", name="Umpan balik").fill("Pertahankan, tingkatkan kolaborasi.")
    hal_a.get_by_role("button", name=re.compile("Simpan draf")).click()
    expect(hal_a.get_by_text(re.compile("Draf penilaian tersimpan"))).to_be_visible()
    hal_a.get_by_role("button", name=re.compile("Finalkan penilaian")).click()
    expect(hal_a.get_by_text(re.compile("difinalkan dengan predikat Baik"))).to_be_visible()
    _foto(hal_a, folder_hasil, "penilaian-final")

    # --- 9. The pegawai objects from the result page.
    hal_p.goto(reverse("evaluasi:evaluasi-detail", args=[ev.pk]))
    hal_p.get_by_role("link", name="mengajukan keberatan").click()
    hal_p.get_by_label("Alasan keberatan").fill("Perilaku kerja saya melampaui ekspektasi; rekan menilai 4,00.")
    hal_p.get_by_role("button", name=re.compile("Kirim keberatan")).click()
    expect(hal_p.get_by_text(re.compile("Keberatan Anda telah diajukan"))).to_be_visible()
    keberatan = Keberatan.objects.get(evaluasi=ev)
    assert keberatan.pemutus_id == kepala_opd.pk

    # --- 10. The atasan's atasan (kepala_opd) decides: the rating is changed.
    konteks_k, hal_k = _halaman(peramban, live_server)
    _masuk(hal_k, kepala_opd)
    hal_k.goto(reverse("evaluasi:keberatan-detail", args=[keberatan.pk]))
    hal_k.get_by_role("link", name=re.compile("Putus keberatan")).click()
    hal_k.get_by_label("Penilaian diubah").check()
    hal_k.get_by_label("Hasil kerja (baru)").select_option("di_atas")
    hal_k.get_by_label("Perilaku kerja (baru)").select_option("di_atas")
    expect(hal_k.locator("#predikat-pratinjau")).to_have_text("Sangat Baik")
    hal_k.get_by_label("Pertimbangan keputusan").fill(
        "Penilaian rekan dan bukti menunjukkan perilaku di atas ekspektasi."
    )
    _foto(hal_k, folder_hasil, "keberatan-putus")
    hal_k.get_by_role("button", name=re.compile("Simpan keputusan final")).click()
    expect(hal_k.get_by_text(re.compile("Predikat kinerja: Sangat Baik"))).to_be_visible()
    konteks_k.close()

    hal_p.goto(reverse("evaluasi:evaluasi-detail", args=[ev.pk]))
    expect(
        hal_p.get_by_text(re.compile(r"Keberatan diputus: penilaian diubah \(predikat Baik → Sangat Baik\)"))
    ).to_be_visible()
    _foto(hal_p, folder_hasil, "hasil-akhir")
    konteks_p.close()
    konteks_a.close()

    # --- The database agrees.
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DISETUJUI
    assert LogHarian.objects.filter(pegawai=pegawai, rhk=rhk).count() == 1
    realisasi = Realisasi.objects.get(indikator=indikator, periode=periode)
    bukti = BuktiDukung.objects.get(realisasi=realisasi)
    assert bukti.nama_berkas == "Dokumen-perencanaan.pdf" and bukti.berkas.read() == PDF
    jawaban = JawabanRekanKinerja.objects.filter(evaluasi=ev)
    assert jawaban.count() == 3 * 7 == 3 * len(nilai)
    ev.refresh_from_db()
    assert ev.status == EvaluasiPegawai.Status.FINAL
    assert (ev.rating_hasil, ev.rating_perilaku) == ("di_atas", "di_atas")
    assert ev.predikat == predikat_dari(ev.rating_hasil, ev.rating_perilaku) == "sangat_baik"
    keberatan.refresh_from_db()
    assert keberatan.status == "diputus" and keberatan.keputusan == Keberatan.Keputusan.DIUBAH
    assert (keberatan.predikat_awal, keberatan.predikat_akhir) == ("baik", "sangat_baik")
