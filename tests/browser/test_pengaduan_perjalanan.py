"""The whole citizen-voice journey in a real browser (issue 5): a citizen on a phone files an anonim
complaint about a Dinas with a PDF and an officer's name, reads the tracking code and the key once
and follows the case with them (Baru); the complaint officer (desktop) finds it in the queue,
reveals the identity (audited), verifies and disposes it to a unit and a responsible officer; the
responsible officer, who never learns who filed it, answers publicly; the complaint officer closes
it; the citizen, on the same phone, sees the responses and "Selesai" without any officer's name and
rates it; a citizen fills the service's SKM survey and the Admin OPD's service page shows the new
respondent and IKM. Every step is a click through the pages; only users, passwords and the
surveyed service are set up directly. Fixtures (headless Chromium, the live server) come from
tests/browser/conftest.py; screenshots go to test-results/pengaduan-perjalanan-*.png."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from evaluasi.tests.test_log_peramban import KATA_SANDI, _konteks, _masuk
from notifikasi.models import Notifikasi
from pengaduan.models import (
    BuktiPengaduan,
    IdentitasPelapor,
    Kompleksitas,
    Pengaduan,
    Privasi,
    ResponSkm,
    RiwayatPengaduan,
    StatusPengaduan,
)
from pengaduan.services.kalender import batas_hitung, hari_kerja_hitung
from pengaduan.tests.factories import LayananSkmFactory
from pengaduan.tests.test_publik_peramban import PDF, _tanpa_gulir_mendatar
from tests.browser.conftest import folder_hasil, peramban  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PELAPOR = {"nama": "Sulastri Pelapor Rahasia", "email": "sulastri.pelapor@contoh.id", "telepon": "081277700042"}
JUDUL = "Pungutan tanpa kuitansi saat legalisir ijazah"
TERLAPOR = "Pak Darto, loket legalisir"
TANGGAPAN = "Petugas loket sudah kami periksa; pungutan dihentikan dan uang Anda akan dikembalikan."
PENUTUP = "Uang Rp50.000 telah dikembalikan dan loket kini memasang daftar tarif resmi. Terima kasih."
ULASAN = "Ditangani cepat dan uang saya kembali."
# The nine SKM answers: 34 / 9 = 3.777... -> IKM 94.44 (A).
JAWABAN_SKM = (4, 4, 3, 4, 4, 3, 4, 4, 4)


def _buka_kasus(page, orang, *, tautan: str, antrean: str, kode: str) -> None:
    """Log in, follow the home page's complaint card to the queue, open the case."""
    _masuk(page, orang.nip)
    page.locator("[data-test=kartu-pengaduan]").get_by_role("link", name=tautan).click()
    expect(page.get_by_role("heading", name=re.compile(antrean))).to_be_visible()
    page.get_by_role("link", name=kode).click()
    expect(page.get_by_role("heading", name=JUDUL)).to_be_visible()


def _foto(page, folder, nama: str) -> None:
    page.screenshot(path=str(folder / f"pengaduan-perjalanan-{nama}.png"), full_page=True)


def _lacak(page, kode: str, kunci: str) -> None:
    """From the public home page to the case page with the code and the key."""
    page.goto(reverse("layanan:beranda"))
    page.get_by_role("link", name=re.compile("Lacak pengaduan")).first.click()
    expect(page.get_by_role("heading", name="Lacak pengaduan")).to_be_visible()
    page.get_by_label("Kode lacak").fill(kode)
    page.get_by_label("Kunci").fill(kunci)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Lacak")).click()


def _akses_identitas(pengaduan: Pengaduan):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Pengaduan),
        object_pk=str(pengaduan.pk),
        action=LogEntry.Action.ACCESS,
    )


def test_perjalanan_pengaduan_dari_warga_sampai_penilaian_dan_ikm(
    opd_a,
    opd_b,
    bidang_a,
    petugas,
    atasan,
    admin_opd,
    live_server,
    peramban,  # noqa: F811
    folder_hasil,  # noqa: F811
):
    for orang in (petugas, atasan, admin_opd):
        orang.user.set_password(KATA_SANDI)
        orang.user.save(update_fields=["password"])
    layanan = LayananSkmFactory(unit=opd_a, nama="Legalisir Ijazah", populasi=200)
    hari_ini = timezone.localdate()

    ponsel = _konteks(peramban, live_server, ponsel=True)
    kantor = _konteks(peramban, live_server, ponsel=False)
    try:
        # --- 1. The citizen, on a phone, files an anonim complaint with a PDF and the officer's name.
        w = ponsel.new_page()
        w.goto(reverse("layanan:beranda"))
        expect(w.get_by_role("heading", name="Layanan Publik")).to_be_visible()
        w.get_by_role("link", name=re.compile("Ajukan pengaduan")).last.click()
        expect(w.get_by_role("heading", name="Ajukan pengaduan")).to_be_visible()
        _tanpa_gulir_mendatar(w)
        w.get_by_label("Jenis laporan").select_option("pengaduan")
        w.get_by_label("Perangkat daerah yang dilaporkan").select_option(label=opd_a.nama)
        w.get_by_label("Judul singkat").fill(JUDUL)
        w.get_by_label("Apa yang terjadi?").fill("Saya diminta membayar Rp50.000 tanpa kuitansi untuk legalisir.")
        w.get_by_label("Tanggal kejadian/layanan").fill((hari_ini - dt.timedelta(days=2)).isoformat())
        w.get_by_label("Nama petugas yang dilaporkan (bila tahu)").fill(TERLAPOR)
        w.get_by_label("Penyelesaian yang Anda harapkan (opsional)").fill("Uang dikembalikan.")
        w.get_by_label("Bukti (opsional)").set_input_files(
            {"name": "kuitansi-kosong.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        w.locator("#privasi-anonim").check()
        w.get_by_label("Nama Anda").fill(PELAPOR["nama"])
        w.get_by_label("E-mail").fill(PELAPOR["email"])
        w.get_by_label("Telepon/WhatsApp").fill(PELAPOR["telepon"])
        _foto(w, folder_hasil, "1-formulir-ponsel")
        with w.expect_navigation():
            w.get_by_role("button", name=re.compile("Kirim laporan")).click()
        expect(w.get_by_role("heading", name=re.compile("sudah kami terima"))).to_be_visible()
        kode = w.locator("[data-uji=kode]").inner_text().strip()
        kunci = w.locator("[data-uji=kunci]").inner_text().strip()
        expect(w.get_by_text("Simpan kunci ini.")).to_be_visible()
        _tanpa_gulir_mendatar(w)
        _foto(w, folder_hasil, "1-tanda-terima")
        w.reload()  # the key is shown once
        expect(w.locator("[data-uji=kode]")).to_have_text(kode)
        expect(w.locator("[data-uji=kunci]")).to_have_count(0)
        expect(w.get_by_text("Kunci sudah ditampilkan sebelumnya")).to_be_visible()
        assert kunci not in w.content()
        p = Pengaduan.objects.get(kode=kode)
        assert (p.status, p.privasi, p.opd_id, p.nama_terlapor) == (
            StatusPengaduan.BARU,
            Privasi.ANONIM,
            opd_a.pk,
            TERLAPOR,
        )

        # --- 2. The browser forgets the session (a new visit): the code alone and a wrong key open
        # nothing; the code and the key show the case as Baru.
        ponsel.clear_cookies()
        w.goto(reverse("layanan:lacak-detail", args=[kode]))
        expect(w.get_by_role("heading", name="Lacak pengaduan")).to_be_visible()
        w.get_by_label("Kunci").fill("2222-3333-4444")
        with w.expect_navigation():
            w.get_by_role("button", name=re.compile("Lacak")).click()
        expect(w.get_by_text("Kode lacak atau kunci tidak cocok.")).to_be_visible()
        _lacak(w, kode.lower(), kunci)
        expect(w.locator("[data-uji=status]")).to_have_text("Baru")
        expect(w.get_by_role("heading", name=JUDUL)).to_be_visible()
        expect(w.get_by_text(re.compile(r"Verifikasi: paling lambat"))).to_be_visible()
        _tanpa_gulir_mendatar(w)
        _foto(w, folder_hasil, "2-lacak-baru")

        # --- 3. The complaint officer, on a desktop: the queue, the identity (audited), verify, dispose.
        k = kantor.new_page()
        _buka_kasus(k, petugas, tautan="Baru, menunggu verifikasi", antrean="Antrean pengaduan", kode=kode)
        expect(k.locator("#pelapor")).not_to_contain_text(PELAPOR["nama"])  # anonim: only on request
        expect(k.get_by_text(TERLAPOR)).to_be_visible()
        assert _akses_identitas(p).count() == 0
        with k.expect_navigation():
            k.get_by_role("button", name=re.compile("Tampilkan identitas pelapor")).click()
        expect(k.locator("#pelapor")).to_contain_text(PELAPOR["nama"])
        expect(k.locator("#pelapor")).to_contain_text(PELAPOR["telepon"])
        expect(k.get_by_text("Pembukaan identitas ini dicatat di log audit.", exact=False)).to_be_visible()
        with k.expect_download() as unduhan:
            k.get_by_role("link", name="kuitansi-kosong.pdf").click()
        assert unduhan.value.suggested_filename == "kuitansi-kosong.pdf"
        assert Path(unduhan.value.path()).read_bytes() == PDF
        akses = _akses_identitas(p)
        assert akses.count() == 1 and akses.get().actor_id == petugas.user.pk
        _foto(k, folder_hasil, "3-identitas-dibuka")

        # The identity stays out of the page once the officer moves on.
        k.get_by_label(re.compile(r"Tanpa pemeriksaan lapangan \(14 hari kerja\)")).check()
        k.get_by_role("button", name="Verifikasi", exact=True).click()
        expect(k.locator(".alert-success")).to_contain_text(f"Pengaduan {kode} terverifikasi.")
        expect(k.locator("#pelapor")).not_to_contain_text(PELAPOR["nama"])
        kotak = k.locator("#aksi-disposisi")
        kotak.get_by_label("Unit tujuan").select_option(str(bidang_a.pk))
        kotak.get_by_label("Penanggung jawab (NIP)").fill(atasan.nip)
        kotak.get_by_label("Catatan untuk penanggung jawab").fill("Mohon klarifikasi petugas loket.")
        kotak.get_by_role("button", name="Disposisikan").click()
        expect(k.locator(".alert-success")).to_contain_text(f"didisposisikan kepada {atasan.nama_lengkap}")
        expect(k.locator("#riwayat")).to_contain_text(f"Diteruskan kepada {bidang_a.nama}.")
        _foto(k, folder_hasil, "3-disposisi")
        p.refresh_from_db()
        assert (p.status, p.kompleksitas, p.unit_tujuan_id, p.petugas_tindak_id) == (
            StatusPengaduan.DIDISPOSISIKAN,
            Kompleksitas.BIASA,
            bidang_a.pk,
            atasan.pk,
        )

        # --- 4. The responsible officer (another desktop) answers publicly, never seeing who filed it.
        kantor_pj = _konteks(peramban, live_server, ponsel=False)
        try:
            j = kantor_pj.new_page()
            antrean = "Pengaduan yang ditugaskan kepada saya"
            _buka_kasus(j, atasan, tautan="Ditugaskan kepada saya", antrean=antrean, kode=kode)
            expect(j.get_by_text("Identitas pelapor dirahasiakan.")).to_be_visible()
            expect(j.get_by_text("1 berkas dari pelapor tidak ditampilkan", exact=False)).to_be_visible()
            expect(j.get_by_role("button", name=re.compile("Tampilkan identitas pelapor"))).to_have_count(0)
            isi = j.content()
            for rahasia in (*PELAPOR.values(), "kuitansi-kosong.pdf"):
                assert rahasia not in isi, rahasia
            kotak = j.locator("#aksi-tanggapan")
            kotak.get_by_label("Tanggapan untuk pelapor").check()
            kotak.get_by_label("Isi").fill(TANGGAPAN)
            kotak.get_by_role("button", name="Kirim").click()
            expect(j.locator(".alert-success")).to_contain_text("Tanggapan disimpan dan dikirim kepada pelapor.")
            expect(j.locator("#riwayat")).to_contain_text(TANGGAPAN)
            assert PELAPOR["nama"] not in j.content()
            _foto(j, folder_hasil, "4-penanggung-jawab")
        finally:
            kantor_pj.close()
        assert _akses_identitas(p).count() == 1  # the responsible officer's pages read no identity

        # --- 5. The complaint officer reads the response and closes the case.
        k.reload()
        expect(k.locator("#riwayat")).to_contain_text(TANGGAPAN)
        kotak = k.locator("#aksi-selesai")
        kotak.get_by_label(re.compile("Tanggapan penutup")).fill(PENUTUP)
        kotak.get_by_role("button", name="Nyatakan selesai").click()
        expect(k.locator(".alert-success")).to_contain_text(f"Pengaduan {kode} selesai dalam")
        expect(k.locator("#aksi-arsip")).to_contain_text("Pelapor masih dapat membuka kembali")
        _foto(k, folder_hasil, "5-selesai")

        # --- 6. The citizen, on the same phone, sees the responses and the completion, and rates it.
        _lacak(w, kode, kunci)
        expect(w.locator("[data-uji=status]")).to_have_text("Selesai")
        expect(w.get_by_text(TANGGAPAN)).to_be_visible()
        expect(w.get_by_text(PENUTUP)).to_be_visible()
        isi = w.content()
        for rahasia in (petugas.nama, atasan.nama, petugas.nip, atasan.nip, "Mohon klarifikasi", *PELAPOR.values()):
            assert rahasia not in isi, rahasia
        w.get_by_label("5", exact=True).check()
        w.get_by_label("Ulasan (opsional)").fill(ULASAN)
        with w.expect_navigation():
            w.get_by_role("button", name="Kirim penilaian").click()
        expect(w.get_by_text("Terima kasih atas penilaian Anda.")).to_be_visible()
        expect(w.get_by_text("5 dari 5").first).to_be_visible()
        expect(w.get_by_role("button", name="Kirim penilaian")).to_have_count(0)  # once only
        _tanpa_gulir_mendatar(w)
        _foto(w, folder_hasil, "6-lacak-selesai-dinilai")

        # --- 7. The Admin OPD watches the service's IKM while a citizen fills its survey on the phone.
        a = k  # the same desktop, now as the Admin OPD
        kantor.clear_cookies()
        _masuk(a, admin_opd.nip)
        navigasi = a.get_by_role("navigation", name="Navigasi utama")
        navigasi.get_by_role("button", name=re.compile(r"Pengaduan$")).click()
        navigasi.get_by_role("link", name="Survei kepuasan (SKM)").click()
        a.get_by_role("link", name="Legalisir Ijazah", exact=True).click()
        expect(a.get_by_role("heading", name="Legalisir Ijazah")).to_be_visible()
        expect(a.locator("[data-test=responden]")).to_have_text("0")
        expect(a.locator("[data-test=ikm]")).to_have_text("–")

        w.goto(reverse("layanan:beranda"))
        w.get_by_role("region", name=opd_a.nama).get_by_role("link", name="Isi survei").click()
        expect(w.get_by_role("heading", name="Survei Kepuasan Masyarakat")).to_be_visible()
        for i, nilai in enumerate(JAWABAN_SKM, start=1):
            w.locator(f"label[for=id_u{i}_{nilai}]").click()
        for teks in ("31-40 tahun", "Laki-laki", "SMA/SMK", "Wiraswasta/Usahawan"):
            w.locator("label.pilihan-demografi", has_text=re.compile(f"^{re.escape(teks)}$")).click()
        w.get_by_label(re.compile("Saran dan masukan")).fill("Pasang daftar tarif di setiap loket.")
        _tanpa_gulir_mendatar(w)
        with w.expect_navigation():
            w.get_by_role("button", name=re.compile("Kirim survei")).click()
        expect(w.get_by_role("heading", name="Terima kasih!")).to_be_visible()
        _foto(w, folder_hasil, "7-survei-terkirim")

        a.reload()
        expect(a.locator("[data-test=responden]")).to_have_text("1")
        expect(a.locator("[data-test=ikm]")).to_have_text("94,44")
        expect(a.locator("[data-test=mutu]").first).to_have_text("A (Sangat Baik)")
        expect(a.locator("[data-test=saran]")).to_contain_text("Pasang daftar tarif di setiap loket.")
        _foto(a, folder_hasil, "7-ikm-admin")
    finally:
        kantor.close()
        ponsel.close()

    # --- The database agrees.
    p.refresh_from_db()
    assert p.status == StatusPengaduan.SELESAI
    assert (p.nilai_warga, p.ulasan_warga) == (5, ULASAN)
    assert p.diverifikasi_oleh_id == petugas.user.pk
    # The deadlines in working days from the day of each step (Asia/Jakarta).
    diterima, selesai = timezone.localdate(p.diterima_pada), timezone.localdate(p.selesai_pada)
    assert p.batas_verifikasi == batas_hitung(diterima, 3)
    assert p.batas_selesai == batas_hitung(timezone.localdate(p.terverifikasi_pada), 14)
    assert p.batas_tanggapan == batas_hitung(timezone.localdate(p.didisposisikan_pada), 5)
    assert p.ditanggapi_pada is not None
    assert p.hari_kerja_selesai == hari_kerja_hitung(diterima, selesai)
    identitas = IdentitasPelapor.objects.get(pengaduan=p)
    assert (identitas.nama, identitas.email, identitas.telepon) == (
        PELAPOR["nama"],
        PELAPOR["email"],
        PELAPOR["telepon"],
    )
    bukti = BuktiPengaduan.objects.get(pengaduan=p)
    assert bukti.dari_pelapor and bukti.nama_berkas == "kuitansi-kosong.pdf" and bukti.berkas.read() == PDF
    riwayat = list(
        RiwayatPengaduan.objects.filter(pengaduan=p)
        .order_by("created_at", "id")
        .values_list("jenis", "status_dari", "status_ke", "publik", "oleh_id", "isi")
    )
    R, S = RiwayatPengaduan.Jenis, StatusPengaduan
    oleh_p, oleh_a = petugas.user.pk, atasan.user.pk
    assert riwayat == [
        (R.STATUS, "", S.BARU, True, None, "Pengaduan diterima."),
        (R.STATUS, S.BARU, S.TERVERIFIKASI, True, oleh_p, ""),
        (R.STATUS, S.TERVERIFIKASI, S.DIDISPOSISIKAN, True, oleh_p, f"Diteruskan kepada {bidang_a.nama}."),
        (
            R.CATATAN,
            "",
            "",
            False,
            oleh_p,
            f"Penanggung jawab: {atasan.nama_lengkap} ({bidang_a.nama}).\nMohon klarifikasi petugas loket.",
        ),
        (R.STATUS, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI, True, oleh_a, ""),
        (R.TANGGAPAN, "", "", True, oleh_a, TANGGAPAN),
        (R.STATUS, S.DITINDAKLANJUTI, S.SELESAI, True, oleh_p, PENUTUP),
        (R.PENILAIAN, "", "", True, None, f"Nilai 5 dari 5. {ULASAN}"),
    ]
    # Every transition is in the case's audit log, by whoever made it.
    audit = [
        (e.changes_dict["status"], e.actor_id)
        for e in LogEntry.objects.get_for_object(p).filter(action=LogEntry.Action.UPDATE).order_by("timestamp", "pk")
        if "status" in e.changes_dict
    ]
    assert audit == [
        ([S.BARU, S.TERVERIFIKASI], oleh_p),
        ([S.TERVERIFIKASI, S.DIDISPOSISIKAN], oleh_p),
        ([S.DIDISPOSISIKAN, S.DITINDAKLANJUTI], oleh_a),
        ([S.DITINDAKLANJUTI, S.SELESAI], oleh_p),
    ]
    assert _akses_identitas(p).count() == 1
    respon = ResponSkm.objects.get(layanan=layanan)
    assert tuple(getattr(respon, f"u{i}") for i in range(1, 10)) == JAWABAN_SKM
    assert respon.saran == "Pasang daftar tarif di setiap loket."

    # The citizen's e-mails: the receipt (the only one with the key), the response, the completion.
    # The staff's notifications name the case, never who filed it.
    assert [m.to for m in mail.outbox] == [[PELAPOR["email"]]] * 3
    assert kunci in mail.outbox[0].body and all(kunci not in m.body for m in mail.outbox[1:])
    pemberitahuan = Notifikasi.objects.filter(penerima__in=[petugas.user, atasan.user])
    assert pemberitahuan.count() == 4
    for n in pemberitahuan:
        assert kode in n.judul and not any(v in f"{n.judul} {n.pesan}" for v in PELAPOR.values())
