"""The development journey in a real browser: the atasan opens a subordinate's development
page, turns a recommendation into a plan, records it as done, and the hours count."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kompetensi.models import HasilKompetensi, PesertaPenilaian, RencanaPengembangan
from kompetensi.tests.factories import (
    KompetensiFactory,
    ProgramKompetensiFactory,
    ProgramPengembanganFactory,
    PutaranPenilaianFactory,
)

# The browser fixtures live in tests/browser/conftest.py; imported so pytest finds them here.
from tests.browser.conftest import halaman, peramban  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KATA_SANDI = "Sandi-Uji-Peramban-2025"


@pytest.fixture
def data_pengembangan(atasan, pegawai):
    atasan.user.set_password(KATA_SANDI)
    atasan.user.save(update_fields=["password"])
    komunikasi = KompetensiFactory(nama="Komunikasi")
    program = ProgramPengembanganFactory(nama="Coaching Komunikasi Efektif", jenis="coaching", jp=8)
    ProgramKompetensiFactory(program=program, kompetensi=komunikasi, level_target=2)
    peserta = PesertaPenilaian.objects.create(
        putaran=PutaranPenilaianFactory(nama="Penilaian Kompetensi Uji", status="ditutup"),
        pegawai=pegawai,
        jabatan=pegawai.jabatan,
        unit=pegawai.unit,
        opd=pegawai.unit.opd,
        atasan=atasan,
    )
    HasilKompetensi.objects.create(peserta=peserta, kompetensi=komunikasi, standar=2, capaian=1, gap=-1)
    return {"program": program}


def test_atasan_menjadikan_rekomendasi_rencana_lalu_mencatat_selesai(
    atasan,
    pegawai,
    data_pengembangan,
    halaman,  # noqa: F811 (the fixture imported above)
):
    page = halaman
    tahun = timezone.localdate().year
    page.goto(reverse("kompetensi:pegawai-pengembangan", args=[pegawai.pk]))
    page.get_by_label("NIP").fill(atasan.nip)
    page.get_by_label(re.compile(r"Kata sandi", re.IGNORECASE)).fill(KATA_SANDI)
    page.get_by_role("button", name=re.compile(r"Masuk", re.IGNORECASE)).click()
    page.wait_for_load_state()

    expect(page.get_by_text(f"0 dari 20 JP tahun {tahun}").first).to_be_visible()
    expect(page.get_by_text("Coaching Komunikasi Efektif")).to_be_visible()
    page.get_by_role("link", name=re.compile("Jadikan rencana")).click()
    expect(page.get_by_text("menjawab gap")).to_be_visible()
    page.get_by_role("button", name=re.compile("Simpan rencana")).click()
    expect(page.get_by_text("berhasil dibuat")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Sudah direncanakan"))).to_be_visible()

    rencana = RencanaPengembangan.objects.get()
    assert (rencana.pegawai_id, rencana.program_id, rencana.jp_rencana) == (
        pegawai.pk,
        data_pengembangan["program"].pk,
        8,
    )
    page.get_by_role("link", name="Coaching Komunikasi Efektif").last.click()
    page.get_by_role("link", name=re.compile("Catat selesai")).click()
    page.get_by_label(re.compile("JP yang diselesaikan")).fill("12")
    page.get_by_role("button", name=re.compile("Catat selesai")).click()
    expect(page.get_by_text("Penyelesaian kegiatan berhasil dicatat")).to_be_visible()
    page.goto(reverse("kompetensi:pegawai-pengembangan", args=[pegawai.pk]))
    expect(page.get_by_text(f"12 dari 20 JP tahun {tahun}").first).to_be_visible()
    rencana.refresh_from_db()
    assert (rencana.status, rencana.jp_realisasi) == ("selesai", 12)
