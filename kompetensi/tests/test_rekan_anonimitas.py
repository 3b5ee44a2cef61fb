"""Peer anonymity on the assessment pages: after three peers with distinct levels answered, the
pegawai, their atasan, the OPD admin and another peer cannot learn from any page of this area
who rated what; the audit log never holds a draft, and never an answer."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kompetensi.models import JawabanRekan, PenugasanRekan, PesertaPenilaian
from pegawai.models import Pegawai
from tests.halaman import halaman_html, teks_html

pytest_plugins = ["kompetensi.tests.penilaian_fixture"]  # the `ruang` fixture
pytestmark = pytest.mark.django_db

# Distinct per peer, so an individual answer would be recognisable.
LEVEL = {"Budi Penilai": (1, 2, 3), "Citra Penilai": (4, 4, 4), "Dewi Penilai": (5, 3, 1)}
DRAF = {"Budi Penilai": (2, 2, 2), "Citra Penilai": (3, 3, 3), "Dewi Penilai": (1, 1, 1)}


@pytest.fixture
def dinilai(ruang, pegawai, rekan, login):
    """Three peers (renamed without digits) rate `pegawai`: a draft first, then the answer."""
    penilai = [rekan, ruang.lain[0], ruang.lain[1]]
    for orang, nama in zip(penilai, LEVEL, strict=True):
        Pegawai.objects.filter(pk=orang.pk).update(nama=nama)
        orang.nama = nama
    tugas = ruang.tugaskan(pegawai, penilai)
    for t, orang in zip(tugas, penilai, strict=True):
        klien = login(orang)
        for aksi, levels in (("draf", DRAF[orang.nama]), ("kirim", LEVEL[orang.nama])):
            data = {f"level_{k.pk}": str(v) for k, v in zip(ruang.kompetensi, levels, strict=True)}
            assert klien.post(reverse("kompetensi:rekan-isi", args=[t.pk]), data | {"aksi": aksi}).status_code == 302
    peserta = ruang.peserta(pegawai)
    assert peserta.rekan_dibuka  # all three answered: the mean is out
    return peserta, tugas, penilai


def _blok_berisi(html: str, nama: str) -> list[str]:
    """The list rows (li/label of class list-group-item) that mention `nama`, as text."""
    blok = re.findall(r'<(li|label) class="list-group-item[^"]*"[^>]*>(.*?)</\1>', html, flags=re.S)
    return [teks_html(isi) for _, isi in blok if nama in isi]


def test_pegawai_tidak_melihat_siapa_menilai_apa(login, dinilai, pegawai):
    peserta, _, penilai = dinilai
    klien = login(pegawai)
    for url in (reverse("kompetensi:tugas"), reverse("kompetensi:peserta-diri", args=[peserta.pk])):
        html = halaman_html(klien, url)
        for orang in penilai:
            assert orang.nama not in html
    # The pegawai cannot open the assignment or any peer's form.
    assert klien.get(reverse("kompetensi:peserta-rekan", args=[peserta.pk])).status_code == 403
    for t in dinilai[1]:
        assert klien.get(reverse("kompetensi:rekan-isi", args=[t.pk])).status_code == 404


@pytest.mark.parametrize("siapa", ["atasan", "admin_opd", "admin_bkd"])
def test_atasan_dan_admin_melihat_siapa_sudah_mengisi_bukan_jawabannya(login, dinilai, request, siapa):
    peserta, tugas, penilai = dinilai
    klien = login(request.getfixturevalue(siapa))
    html = halaman_html(klien, reverse("kompetensi:peserta-rekan", args=[peserta.pk]))
    for orang in penilai:
        baris = _blok_berisi(html, orang.nama)
        assert baris, orang.nama
        for teks in baris:
            assert "Sudah mengisi" in teks
            assert not re.search(r"\d", teks), teks  # no level, no date, nothing to tell them apart
            assert "Level" not in teks
    # Whatever the page holds in memory, the drafts are not loaded.
    resp = klien.get(reverse("kompetensi:peserta-rekan", args=[peserta.pk]))
    assert all("draf" in p.get_deferred_fields() for p in resp.context["h"].penugasan)
    for t in tugas:
        assert klien.get(reverse("kompetensi:rekan-isi", args=[t.pk])).status_code == 404


def test_halaman_penilaian_atasan_tidak_menyebut_rekan(login, dinilai, atasan):
    peserta, _, penilai = dinilai
    klien = login(atasan)
    html = halaman_html(klien, reverse("kompetensi:peserta-atasan", args=[peserta.pk]))
    for orang in penilai:
        assert orang.nama not in html
    # On the to-do list the peers appear only as the atasan's own subordinates; the pegawai's row
    # says how many peers there are, nothing about who.
    tugas = klien.get(reverse("kompetensi:tugas")).context["tugas"]
    baris = next(p for p in tugas.bawahan if p.pk == peserta.pk)
    assert baris.jumlah_rekan == 3


def test_rekan_setelah_mengirim_hanya_melihat_bahwa_ia_sudah_mengirim(login, dinilai, pegawai):
    _, tugas, penilai = dinilai
    for t, orang in zip(tugas, penilai, strict=True):
        klien = login(orang)
        html = halaman_html(klien, reverse("kompetensi:rekan-isi", args=[t.pk]))
        assert "Anda sudah mengirim penilaian rekan" in html
        assert 'name="level_' not in html and "checked" not in html
        for lain in penilai:
            if lain != orang:
                assert lain.nama not in html
        tugas_html = halaman_html(klien, reverse("kompetensi:tugas"))
        assert pegawai.nama_lengkap in tugas_html and "Sudah dikirim" in tugas_html
        for lain in penilai:
            if lain != orang:
                assert lain.nama not in tugas_html
        # Another peer's assignment: as if it did not exist.
        for t_lain in tugas:
            if t_lain != t:
                assert klien.get(reverse("kompetensi:rekan-isi", args=[t_lain.pk])).status_code == 404


def test_draf_rekan_hanya_untuk_penilainya(login, ruang, pegawai, rekan, atasan, admin_opd):
    """While a peer has a draft, nobody else sees it anywhere on these pages."""
    t = ruang.tugaskan(pegawai, [rekan, ruang.lain[0], ruang.lain[1]])[0]
    data = {f"level_{k.pk}": "5" for k in ruang.kompetensi} | {"aksi": "draf"}
    login(rekan).post(reverse("kompetensi:rekan-isi", args=[t.pk]), data)
    assert PenugasanRekan.objects.get(pk=t.pk).draf
    peserta = ruang.peserta(pegawai)
    for orang, urls in (
        (pegawai, [reverse("kompetensi:tugas"), reverse("kompetensi:peserta-diri", args=[peserta.pk])]),
        (
            atasan,
            [
                reverse("kompetensi:peserta-rekan", args=[peserta.pk]),
                reverse("kompetensi:peserta-atasan", args=[peserta.pk]),
            ],
        ),
        (admin_opd, [reverse("kompetensi:peserta-rekan", args=[peserta.pk])]),
    ):
        klien = login(orang)
        for url in urls:
            html = halaman_html(klien, url)
            assert "Draf" not in " ".join(_blok_berisi(html, rekan.nama)), url
    # Only the rater sees it, on their own form.
    html = halaman_html(login(rekan), reverse("kompetensi:rekan-isi", args=[t.pk]))
    assert html.count("checked") == len(ruang.kompetensi)


def test_audit_tanpa_draf_dan_tanpa_jawaban(dinilai):
    peserta, tugas, _ = dinilai
    ct_penugasan = ContentType.objects.get_for_model(PenugasanRekan)
    entri = list(LogEntry.objects.filter(content_type=ct_penugasan))
    assert entri  # assignment and submission are recorded
    dilihat = set()
    for e in entri:
        perubahan = e.changes_dict
        dilihat |= set(perubahan)
        assert "draf" not in perubahan
        assert e.serialized_data is None
        assert "level" not in str(perubahan)
    assert "status" in dilihat  # the submission itself (who answered) is recorded, never what
    assert not LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(JawabanRekan)).exists()
    # The answers carry nothing that points back to a peer.
    assert {f.name for f in JawabanRekan._meta.get_fields()} == {"id", "peserta", "kompetensi", "level"}
    assert JawabanRekan.objects.filter(peserta=peserta).count() == 9
    assert PesertaPenilaian.objects.get(pk=peserta.pk).rekan_dibuka
