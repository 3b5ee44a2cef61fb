"""The competency journey of issue 3 in a real browser: a pegawai completes a self-assessment
(on a phone), the atasan completes theirs, three peers rate, and the pegawai sees the JPM and
the recommended programme.

The set-up (standard, round, peers, catalogue) is made with factories and services; everything
the people do goes through the pages, each person in their own browser context, signed in on the
real login page. The expected JPM is computed from the same levels with `kompetensi.rules`."""

import contextlib
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from kompetensi import rules
from kompetensi.models import (
    HasilKompetensi,
    JawabanRekan,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
)
from kompetensi.services.rekan import rekan_atur
from kompetensi.tests.factories import (
    KompetensiFactory,
    ProgramKompetensiFactory,
    ProgramPengembanganFactory,
    StandarKompetensiJabatanFactory,
)
from kompetensi.tests.penilaian_data import buka
from pegawai.tests.factories import PegawaiFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"
# Buttons carry a Bootstrap icon, whose glyph is part of the accessible name.
TOMBOL_KIRIM = re.compile(r"\bKirim$")
TUNGGU = 30_000  # ms: a loaded 2-core machine renders and recomputes slowly

# Per competency of the standard: (standard, self, supervisor, the three peers' levels).
# The supervisor puts the first competency below its standard, so it has a negative gap.
SKENARIO = [
    (3, 3, 2, (2, 2, 3)),
    (3, 4, 3, (3, 4, 3)),
    (2, 3, 3, (3, 3, 3)),
]
NAMA_PROGRAM = "Pelatihan Kepemimpinan Tim Lanjutan"


@pytest.fixture
def perjalanan(admin_opd, bidang_a, jabatan_staf, pegawai, atasan, rekan):
    komp = []
    for standar, *_ in SKENARIO:
        k = KompetensiFactory(lengkap=True)
        StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k, level=standar)
        komp.append(k)
    rekan_lain = [
        PegawaiFactory(nama=nama, unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        for nama in ("Rekan Kedua", "Rekan Ketiga")
    ]
    penilai = [rekan, *rekan_lain]
    putaran = buka(admin_opd.user, [bidang_a])
    peserta = PesertaPenilaian.objects.get(putaran=putaran, pegawai=pegawai)
    rekan_atur(actor=atasan.user, peserta=peserta, penilai_ids=[p.pk for p in penilai])

    # Recommended: addresses the competency with the gap and goes above what is reached.
    program = ProgramPengembanganFactory(nama=NAMA_PROGRAM, jp=16)
    ProgramKompetensiFactory(program=program, kompetensi=komp[0], level_target=4)
    # Not recommended: does not lift the competency above the level reached (2)...
    ProgramKompetensiFactory(program__nama="Kursus Dasar Tanpa Kenaikan", kompetensi=komp[0], level_target=2)
    # ...or addresses a competency that meets its standard.
    ProgramKompetensiFactory(program__nama="Kursus Yang Tidak Dibutuhkan", kompetensi=komp[2], level_target=5)

    for p in (pegawai, atasan, *penilai):
        p.user.set_password(KATA_SANDI)
        p.user.save(update_fields=["password"])
    return {"putaran": putaran, "peserta": peserta, "kompetensi": komp, "penilai": penilai}


@pytest.fixture
def expect_sabar():
    expect.set_options(timeout=TUNGGU)
    yield
    expect.set_options(timeout=15_000)


def _konteks(peramban, live_server, *, ponsel=False):
    opsi = {"viewport": {"width": 1280, "height": 900}}
    if ponsel:
        opsi = {
            "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 2,
            "is_mobile": True,
            "has_touch": True,
        }
    konteks = peramban.new_context(base_url=live_server.url, locale="id-ID", **opsi)
    konteks.set_default_timeout(TUNGGU)
    page = konteks.new_page()
    # "Kirim" asks for confirmation (the assessment locks): the person agrees.
    page.on("dialog", lambda dialog: dialog.accept())
    return konteks, page


def _masuk(page, pegawai) -> None:
    page.goto(reverse("akun:login"))
    page.get_by_label("NIP").fill(pegawai.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    expect(page).not_to_have_url(re.compile(re.escape(reverse("akun:login"))))


def _kirim(page, pesan: str) -> None:
    page.get_by_role("button", name=TOMBOL_KIRIM).click()
    expect(page.get_by_role("alert").filter(has_text=pesan)).to_be_visible()


def _pilih_level(kartu, kid: int, level: int) -> None:
    """Levels are a row of toggle buttons: the radio is hidden, its label is what one taps."""
    kartu.locator(f"label[for='level-{kid}-{level}']").click()
    expect(kartu.get_by_role("radio", name=str(level), exact=True)).to_be_checked()


def _teks(nilai: Decimal) -> str:
    """A JPM as the page shows it in Indonesian: 87,50%."""
    return f"{nilai:.2f}".replace(".", ",") + "%"


def _alasan(i: int) -> str:
    return f"Alasan diri kompetensi {i + 1}: memimpin rapat koordinasi mingguan."


def _catatan_atasan(i: int) -> str:
    return f"Catatan atasan kompetensi {i + 1}: perlu lebih konsisten."


def _isi_penilaian_diri(page, peserta, komp, folder_hasil) -> dict[int, list[int]]:
    page.goto(reverse("kompetensi:tugas"))
    diri = page.locator("#diri")
    expect(diri).to_contain_text(peserta.putaran.nama)
    diri.get_by_role("link", name="Isi", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("kompetensi:peserta-diri", args=[peserta.pk])) + "$"))
    expect(page.get_by_role("heading", name="Penilaian diri", level=1)).to_be_visible()

    dicentang: dict[int, list[int]] = {}
    for i, (k, (standar, level_diri, _, _)) in enumerate(zip(komp, SKENARIO, strict=True)):
        kartu = page.locator(f"#kompetensi-{k.pk}")
        expect(kartu.get_by_role("heading", name=k.nama, exact=True)).to_be_visible()
        expect(kartu).to_contain_text(f"Standar jabatan: level {standar}")
        # Tick two of the three indicators of every level up to the one proposed.
        dicentang[k.pk] = []
        for level in range(1, level_diri + 1):
            lipatan = kartu.locator(f"details[data-level='{level}']")
            lipatan.locator("summary").click()
            expect(lipatan).to_have_attribute("open", "")
            for ind in k.level.get(level=level).indikator.order_by("urutan")[:2]:
                kotak = lipatan.get_by_label(re.compile("^" + re.escape(ind.teks)))
                kotak.check()
                expect(kotak).to_be_checked()
                dicentang[k.pk].append(ind.pk)
        # The page suggests the level the ticks support; the first one takes the suggestion.
        saran = kartu.locator("[data-saran-kotak]")
        expect(saran).to_be_visible()
        expect(saran.locator("[data-saran]")).to_have_text(str(level_diri))
        if i == 0:
            saran.get_by_role("button", name="Pakai saran").click()
            expect(kartu.get_by_role("radio", name=str(level_diri), exact=True)).to_be_checked()
        else:
            _pilih_level(kartu, k.pk, level_diri)
        kartu.get_by_label("Alasan dan bukti").fill(_alasan(i))

    # On a phone nothing is wider than the screen (the level buttons wrap).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # At the end of the page the sticky submit bar sits below the last card, covering nothing.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.screenshot(path=str(folder_hasil / "penilaian-diri-ponsel.png"), full_page=True)
    _kirim(page, "Penilaian berhasil dikirim dan sekarang terkunci.")
    # Locked: read-only, no more buttons.
    expect(page.get_by_role("button", name=TOMBOL_KIRIM)).to_have_count(0)
    expect(page.get_by_role("main")).to_contain_text(_alasan(0))
    return dicentang


def _isi_penilaian_atasan(page, pegawai, peserta, komp) -> None:
    page.goto(reverse("kompetensi:tugas"))
    baris = page.locator("#bawahan .list-group-item").filter(has_text=pegawai.nama_lengkap)
    expect(baris).to_have_count(1)
    expect(baris).to_contain_text("Sudah dikirim")  # the self-assessment
    baris.get_by_role("link", name="Nilai", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("kompetensi:peserta-atasan", args=[peserta.pk])) + "$"))
    expect(page.get_by_role("main")).to_contain_text("Penilaian diri pegawai sudah dikirim")

    for i, (k, (_, level_diri, level_atasan, _)) in enumerate(zip(komp, SKENARIO, strict=True)):
        kartu = page.locator(f"#kompetensi-{k.pk}")
        # The self-assessment is shown beside the form: the level and the justification.
        expect(kartu).to_contain_text(f"Level {level_diri}")
        expect(kartu).to_contain_text(_alasan(i))
        _pilih_level(kartu, k.pk, level_atasan)
        kartu.get_by_label("Catatan atasan").fill(_catatan_atasan(i))
    _kirim(page, "Penilaian berhasil dikirim dan sekarang terkunci.")
    expect(page.get_by_role("button", name=TOMBOL_KIRIM)).to_have_count(0)


def _isi_penilaian_rekan(page, pegawai, komp, nomor: int) -> None:
    page.goto(reverse("kompetensi:tugas"))
    baris = page.locator("#rekan .list-group-item").filter(has_text=pegawai.nama_lengkap)
    expect(baris).to_have_count(1)
    baris.get_by_role("link", name="Nilai", exact=True).click()
    expect(page.get_by_role("heading", name="Penilaian rekan kerja")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Jawaban Anda anonim.")
    for k, (_, _, _, level_rekan) in zip(komp, SKENARIO, strict=True):
        kelompok = page.locator(f"#kompetensi-{k.pk}")
        expect(kelompok).to_contain_text(k.nama)
        pilihan = kelompok.get_by_label(re.compile(rf"^Level {level_rekan[nomor]}\b"))
        pilihan.check()
        expect(pilihan).to_be_checked()
    page.get_by_role("button", name=TOMBOL_KIRIM).click()
    # Back on the task list, the assignment is done and offers no more link.
    expect(page).to_have_url(re.compile(re.escape(reverse("kompetensi:tugas")) + "$"))
    expect(page.get_by_role("alert").filter(has_text="Penilaian rekan terkirim.")).to_be_visible()
    baris = page.locator("#rekan .list-group-item").filter(has_text=pegawai.nama_lengkap)
    expect(baris).to_contain_text("Sudah dikirim")
    expect(baris.get_by_role("link", name="Nilai", exact=True)).to_have_count(0)


def _harapan(putaran):
    """What kompetensi.rules makes of the levels entered: attained level per competency, JPM."""
    capaian = []
    for standar, diri, atasan, rekan in SKENARIO:
        nilai = {rules.ATASAN: atasan, rules.DIRI: diri, rules.REKAN: rules.rata_rata_rekan(rekan)}
        capaian.append((rules.level_gabungan(nilai, putaran.bobot), standar))
    jpm = rules.jpm(capaian)
    return [c for c, _ in capaian], jpm


def test_perjalanan_penilaian_kompetensi_sampai_jpm_dan_rekomendasi(
    perjalanan, pegawai, atasan, live_server, peramban, folder_hasil, expect_sabar
):
    putaran, peserta, komp = perjalanan["putaran"], perjalanan["peserta"], perjalanan["kompetensi"]
    capaian, jpm_tepat = _harapan(putaran)
    jpm_tampil = rules.jpm_tampil(jpm_tepat)
    kategori = rules.kategori_jpm(jpm_tepat)
    # The scenario is what it claims: one competency under its standard, a JPM below 100.
    assert capaian == [2, 3, 3] and jpm_tepat == Fraction(175, 2) and kategori == rules.CUKUP_OPTIMAL

    # 1. The pegawai, on a phone, completes the self-assessment.
    konteks_pegawai, page = _konteks(peramban, live_server, ponsel=True)
    try:
        _masuk(page, pegawai)
        dicentang = _isi_penilaian_diri(page, peserta, komp, folder_hasil)
    finally:
        konteks_pegawai.close()

    # 2. The atasan sees it and completes theirs.
    konteks, page = _konteks(peramban, live_server)
    try:
        _masuk(page, atasan)
        _isi_penilaian_atasan(page, pegawai, peserta, komp)
    finally:
        konteks.close()

    # 3. Three peers rate, each from their own task list.
    for nomor, penilai in enumerate(perjalanan["penilai"]):
        konteks, page = _konteks(peramban, live_server)
        try:
            _masuk(page, penilai)
            _isi_penilaian_rekan(page, pegawai, komp, nomor)
        finally:
            konteks.close()

    # 4. The pegawai sees the JPM, the category and the recommendation.
    konteks, page = _konteks(peramban, live_server)
    try:
        _masuk(page, pegawai)
        page.goto(reverse("kompetensi:peserta-detail", args=[peserta.pk]))
        utama = page.get_by_role("main")
        kartu_jpm = utama.locator(".card").filter(has_text="Job Person Match (JPM)")
        expect(kartu_jpm.get_by_text(_teks(jpm_tampil), exact=True)).to_be_visible()
        expect(kartu_jpm.get_by_text(kategori, exact=True)).to_be_visible()
        expect(kartu_jpm).to_contain_text("1 kompetensi di bawah standar.")
        expect(utama).to_contain_text("3 jawaban (ditampilkan sebagai rata-rata)")
        tabel = utama.get_by_role("table")
        for k, (standar, diri, atasan_level, rekan_level), c in zip(komp, SKENARIO, capaian, strict=True):
            sel = tabel.get_by_role("row").filter(has_text=k.nama).get_by_role("cell")
            rata = (Decimal(sum(rekan_level)) / len(rekan_level)).quantize(Decimal("0.01"))
            gap = c - standar
            expect(sel).to_have_text(
                [
                    re.compile(re.escape(k.nama)),
                    str(standar),
                    str(diri),
                    str(atasan_level),
                    f"{rata}".replace(".", ","),
                    str(c),
                    f"+{gap}" if gap > 0 else str(gap),
                ]
            )
        # Anonymity: the page names no peer.
        for penilai in perjalanan["penilai"]:
            expect(utama).not_to_contain_text(penilai.nama)

        # Recommendations: the pegawai's development page and, once routed, "Kompetensi Saya"
        # (which also shows the JPM).
        halaman_rekomendasi = [(reverse("kompetensi:pegawai-pengembangan", args=[pegawai.pk]), False)]
        with contextlib.suppress(NoReverseMatch):
            halaman_rekomendasi.append((reverse("kompetensi:saya"), True))
        for url, dengan_jpm in halaman_rekomendasi:
            page.goto(url)
            utama = page.get_by_role("main")
            expect(utama.get_by_role("link", name=NAMA_PROGRAM)).to_be_visible()
            expect(utama).to_contain_text(komp[0].nama)
            expect(utama).to_contain_text("gap -1")
            expect(utama).not_to_contain_text("Kursus Dasar Tanpa Kenaikan")
            expect(utama).not_to_contain_text("Kursus Yang Tidak Dibutuhkan")
            if dengan_jpm:
                expect(utama).to_contain_text(_teks(jpm_tampil))
                expect(utama).to_contain_text(kategori)
    finally:
        konteks.close()

    # The database agrees with what the pages showed.
    peserta.refresh_from_db()
    assert peserta.rekan_dibuka is True
    assert peserta.jpm == jpm_tampil == Decimal("87.50")
    assert peserta.get_kategori_display() == kategori
    penilaian = {p.jenis: p for p in PenilaianKompetensi.objects.filter(peserta=peserta)}
    assert {j: p.status for j, p in penilaian.items()} == {"diri": "terkirim", "atasan": "terkirim"}
    assert penilaian["diri"].penilai_id == pegawai.pk and penilaian["atasan"].penilai_id == atasan.pk
    for i, (k, (_, diri, atasan_level, rekan_level)) in enumerate(zip(komp, SKENARIO, strict=True)):
        n_diri = NilaiKompetensi.objects.get(penilaian=penilaian["diri"], kompetensi=k)
        assert (n_diri.level, n_diri.catatan) == (diri, _alasan(i))
        assert sorted(n_diri.indikator.values_list("pk", flat=True)) == sorted(dicentang[k.pk])
        n_atasan = NilaiKompetensi.objects.get(penilaian=penilaian["atasan"], kompetensi=k)
        assert (n_atasan.level, n_atasan.catatan) == (atasan_level, _catatan_atasan(i))
        jawaban = JawabanRekan.objects.filter(peserta=peserta, kompetensi=k)
        assert sorted(jawaban.values_list("level", flat=True)) == sorted(rekan_level)
    assert JawabanRekan.objects.filter(peserta=peserta).count() == 3 * len(komp)
    penugasan = PenugasanRekan.objects.filter(peserta=peserta)
    assert penugasan.count() == 3
    assert set(penugasan.values_list("status", flat=True)) == {PenugasanRekan.Status.TERKIRIM}
    assert all(d == {} for d in penugasan.values_list("draf", flat=True))
    hasil = {h.kompetensi_id: h for h in HasilKompetensi.objects.filter(peserta=peserta)}
    assert [hasil[k.pk].capaian for k in komp] == capaian
    assert [hasil[k.pk].gap for k in komp] == [c - s for c, (s, *_) in zip(capaian, SKENARIO, strict=True)]
