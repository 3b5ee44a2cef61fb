"""The official periodic evaluation document (Excel): its content, what a viewer may see in it,
and text that must never become a formula."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluasi.models import EkspektasiKhusus, NilaiDasar, PredikatOrganisasi, RatingRhk, RencanaHasilKerja
from evaluasi.services.penilaian import penilaian_finalkan
from evaluasi.tests.test_penilaian_fixture import isi_periode, nilai_semua, siap_buat

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(admin_bkd, pegawai, atasan):
    """pegawai's evaluation in a period in "penilaian", rated by atasan (test_penilaian_fixture)."""
    return siap_buat(admin_bkd.user, pegawai, atasan)


def _buka(resp):
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = load_workbook(BytesIO(resp.content)).active
    sel = {}
    for baris in ws.iter_rows():
        for c in baris:
            if c.value is not None:
                sel[c.coordinate] = c
    return ws, sel


def _teks(sel) -> str:
    return "\n".join(str(c.value) for c in sel.values())


def _baris_label(sel, label):
    """The value written next to a label row (label in A, value in G)."""
    for koordinat, c in sel.items():
        if koordinat.startswith("A") and c.value == label:
            return sel.get(f"G{c.row}").value if f"G{c.row}" in sel else None
    raise AssertionError(f"label {label!r} tidak ada")


def test_dokumen_final_berisi_seluruh_isi_formulir_resmi(login, s, pegawai, atasan, kepala_opd, admin_bkd):
    isi_periode(s, log=0)
    EkspektasiKhusus.objects.create(
        skp=s.skp, nilai_dasar=NilaiDasar.objects.get(urutan=1), teks="Tanggap pada aduan", ditulis_oleh=atasan.user
    )
    PredikatOrganisasi.objects.create(
        periode=s.periode, unit=s.ev.unit, predikat="baik", ditetapkan_oleh=admin_bkd.user
    )
    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="di_atas", rhk="di_atas")
    RatingRhk.objects.filter(rhk=s.rhk[0]).update(catatan_atasan="Tepat waktu")
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)

    resp = login(pegawai).get(reverse("evaluasi:evaluasi-dokumen", args=[s.ev.pk]))
    assert f'filename="evaluasi-kinerja-{pegawai.nip}-' in resp["Content-Disposition"]
    ws, sel = _buka(resp)
    assert sel["A1"].value == "EVALUASI KINERJA PEGAWAI"
    assert sel["A2"].value == f"PERIODE: {s.periode.nama.upper()}"
    assert sel["A4"].value == "Status: FINAL"
    assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
    teks = _teks(sel)
    # Header: the pegawai (snapshot), the rater and the rater's atasan, with NIP.
    for isi in (
        pegawai.nama_lengkap,
        pegawai.nip,
        s.ev.jabatan.nama,
        s.ev.unit.nama,
        atasan.nama_lengkap,
        atasan.nip,
        kepala_opd.nama_lengkap,
        kepala_opd.nip,
    ):
        assert isi in teks, isi
    # The hasil kerja table: RHK, the atasan's RHK, indicator, target, realisation with evidence, feedback, rating.
    rhk = s.rhk[0]
    ind = rhk.indikator.first()
    sel_rhk = next(c for c in sel.values() if c.value == rhk.uraian)
    r = sel_rhk.row
    assert sel[f"B{r}"].value == rhk.rhk_atasan.uraian
    assert sel[f"D{r}"].value == "Kuantitas"
    assert sel[f"E{r}"].value == ind.uraian
    assert sel[f"F{r}"].value == "12 dokumen"
    realisasi = sel[f"G{r}"].value
    assert realisasi.startswith("10 dokumen\nSelesai\nBukti dukung:")
    assert "- Laporan daring (https://contoh.go.id/laporan)" in realisasi
    assert "- notulen.pdf" in realisasi
    assert "Lengkapi lampiran." in sel[f"H{r}"].value and atasan.nama_lengkap in sel[f"H{r}"].value
    assert sel[f"I{r}"].value == "Di Atas Ekspektasi\nTepat waktu"
    # Ratings, perilaku, predikat, feedback, signatures.
    assert _baris_label(sel, "RATING HASIL KERJA") == "Di Atas Ekspektasi"
    assert _baris_label(sel, "RATING PERILAKU KERJA") == "Di Atas Ekspektasi"
    assert _baris_label(sel, "PREDIKAT KINERJA PEGAWAI") == "Sangat Baik"
    assert _baris_label(sel, "UMPAN BALIK PEJABAT PENILAI") == "Pertahankan kinerja."
    assert _baris_label(sel, "CAPAIAN KINERJA ORGANISASI (PREDIKAT KINERJA ORGANISASI UNIT)") == "Baik"
    nilai_pertama = next(c for c in sel.values() if str(c.value).startswith("Berorientasi Pelayanan\n- "))
    assert sel[f"F{nilai_pertama.row}"].value == "Tanggap pada aduan"
    assert sel[f"H{nilai_pertama.row}"].value == "belum tersedia"
    kolom_b = [str(c.value) for c in sel.values() if c.column == 2]
    assert all(any(b.startswith(n.nama + "\n") for b in kolom_b) for n in NilaiDasar.objects.all())
    assert "PEJABAT PENILAI KINERJA" in teks and f"NIP {atasan.nip}" in teks and f"NIP {pegawai.nip}" in teks


def test_teks_yang_tampak_seperti_rumus_tetap_teks(login, s, atasan):
    jahat = '=HYPERLINK("http://jahat.example","klik")'
    RencanaHasilKerja.objects.filter(pk=s.rhk[0].pk).update(uraian=jahat)
    nilai_semua(s, atasan.user)
    from evaluasi.models import EvaluasiPegawai

    EvaluasiPegawai.objects.filter(pk=s.ev.pk).update(umpan_balik="+62 811\x01 @SUM(A1)")
    _, sel = _buka(login(atasan).get(reverse("evaluasi:evaluasi-dokumen", args=[s.ev.pk])))
    rumus = [c for c in sel.values() if c.data_type == "f"]
    assert rumus == []
    assert any(c.value == jahat and c.data_type == "s" for c in sel.values())
    assert _baris_label(sel, "UMPAN BALIK PEJABAT PENILAI") == "+62 811 @SUM(A1)"  # control character dropped


def test_dokumen_draf_tidak_membuka_rating_kepada_selain_penilai(login, s, atasan, pegawai, admin_opd):
    nilai_semua(s, atasan.user, hasil="di_bawah", perilaku="di_bawah")
    for siapa in (pegawai, admin_opd):
        _, sel = _buka(login(siapa).get(reverse("evaluasi:evaluasi-dokumen", args=[s.ev.pk])))
        teks = _teks(sel)
        assert "DRAF" in sel["A4"].value
        assert "Di Bawah Ekspektasi" not in teks and "Sangat Kurang" not in teks and "Pertahankan" not in teks
    _, sel = _buka(login(atasan).get(reverse("evaluasi:evaluasi-dokumen", args=[s.ev.pk])))
    assert _baris_label(sel, "PREDIKAT KINERJA PEGAWAI") == "Sangat Kurang"


@pytest.mark.parametrize(("siapa", "status"), [("rekan", 404), ("outsider", 404), ("kepala_opd", 200)])
def test_akses_dokumen_sama_dengan_halaman_hasil(login, rekan, outsider, s, siapa, status, request):
    assert (
        login(request.getfixturevalue(siapa)).get(reverse("evaluasi:evaluasi-dokumen", args=[s.ev.pk])).status_code
        == status
    )
