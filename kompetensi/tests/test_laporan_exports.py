"""The report exports called directly (as a benchmark or a task would): content, fills, text
safety, and a number of queries that does not grow with the rows."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from kompetensi.exports import laporan as ekspor
from kompetensi.models import Kompetensi, PesertaPenilaian
from kompetensi.services.hasil import hasil_hitung
from kompetensi.tests.laporan_data import buka, isi, laporan_fixture  # noqa: F401
from pegawai.models import Pegawai
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

HIJAU, KUNING, MERAH, ABU = "00C6EFCE", "00FFEB9C", "00FFC7CE", "00D9D9D9"


def _wb(isi_berkas: bytes):
    return load_workbook(BytesIO(isi_berkas))


def _warna(cell) -> str | None:
    return cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None


def test_matriks_isi_warna_dan_sheet_jpm(laporan, pegawai, rekan):
    qs = PesertaPenilaian.objects.filter(putaran=laporan.putaran)
    wb = _wb(ekspor.tim_matriks_workbook(qs))
    assert wb.sheetnames == ["Matriks Kompetensi", "JPM"]
    ws = wb["Matriks Kompetensi"]
    judul = [c.value for c in ws[1]]
    k1 = laporan.kompetensi[0]
    assert judul[:4] == ["NIP", "Nama", "Unit Kerja", "Jabatan"]
    assert judul[4:7] == [f"{k1.nama} ({k1.kode}): standar", f"{k1.nama}: capaian", f"{k1.nama}: gap"]
    assert judul[-2:] == ["JPM (%)", "Kategori"] and len(judul) == 4 + 3 * 4 + 2
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:R5"
    assert ws["A1"].font.bold and _warna(ws["A1"]) == "000B5394"
    baris = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    assert list(baris) == ["Admin Disdik", "Atasan Bidang", "Pegawai Uji", "Rekan Sejawat"]

    p = baris["Pegawai Uji"]
    assert p[0].value == pegawai.nip and p[0].data_type == "s" and p[0].number_format == "@"
    assert [c.value for c in p[4:16]] == [1, 2, 1, 2, 2, 0, 3, 2, -1, 2, 1, -1]
    assert [c.value for c in p[16:]] == [75, "Kurang Optimal"] and p[16].number_format == "0.00"
    # Attained and gap cells coloured by the gap.
    assert [_warna(p[4 + 3 * i + 2]) for i in range(4)] == [HIJAU, HIJAU, KUNING, KUNING]
    r = baris["Rekan Sejawat"]
    assert [_warna(r[4 + 3 * i + 1]) for i in range(4)] == [HIJAU, KUNING, MERAH, KUNING]
    # The Kepala Bidang: K1 in the standard but no result (grey), the others not in it (blank).
    a = baris["Atasan Bidang"]
    assert [c.value for c in a[4:7]] == [3, None, None] and _warna(a[5]) == ABU and _warna(a[6]) == ABU
    assert [c.value for c in a[7:16]] == [None] * 9 and {_warna(c) for c in a[7:16]} == {None}
    assert [c.value for c in a[16:]] == [None, None]

    jpm = list(wb["JPM"].iter_rows(values_only=True))
    assert jpm[0] == ("NIP", "Nama", "Unit Kerja", "OPD", "Jabatan", "JPM (%)", "Kategori")
    assert jpm[3] == (
        pegawai.nip,
        "Pegawai Uji",
        pegawai.unit.nama,
        "Dinas Pendidikan",
        pegawai.jabatan.nama,
        75,
        "Kurang Optimal",
    )
    assert wb["JPM"]["A2"].data_type == "s" and wb["JPM"]["A2"].number_format == "@"


def test_matriks_dari_daftar_id_dan_teks_berbahaya(laporan, pegawai, rekan):
    Pegawai.objects.filter(pk=rekan.pk).update(nama="=HYPERLINK(1)", gelar_depan="", gelar_belakang="")
    Pegawai.objects.filter(pk=pegawai.pk).update(gelar_depan="Dr.", gelar_belakang="M.Pd.")
    ids = [laporan.peserta["pegawai"].pk, laporan.peserta["rekan"].pk]
    wb = _wb(ekspor.tim_matriks_workbook(ids))
    ws = wb["Matriks Kompetensi"]
    nama = [row[1].value for row in ws.iter_rows(min_row=2)]
    assert nama == ["=HYPERLINK(1)", "Dr. Pegawai Uji, M.Pd."]
    sel = ws["B2"]
    assert sel.data_type == "s"  # text, never a formula


def test_matriks_kosong(db):
    wb = _wb(ekspor.tim_matriks_workbook(PesertaPenilaian.objects.none()))
    assert [c.value for c in wb["Matriks Kompetensi"][1]] == [
        "NIP",
        "Nama",
        "Unit Kerja",
        "Jabatan",
        "JPM (%)",
        "Kategori",
    ]
    assert wb["JPM"].max_row == 1


def test_kebutuhan_dua_sheet_dihitung_tangan(laporan, opd_a, bidang_a):
    qs = PesertaPenilaian.objects.filter(putaran=laporan.putaran)
    wb = _wb(ekspor.kebutuhan_workbook(qs))
    per_k = list(wb["Per Kompetensi"].iter_rows(values_only=True))
    assert per_k[0][3:] == (
        "Peserta dengan standar",
        "Dinilai",
        "Gap negatif",
        "% gap negatif dari yang dinilai",
        "Rata-rata gap",
    )
    assert [r[1:] for r in per_k[1:]] == [
        ("Kompetensi Uji 3", "Manajerial", 3, 3, 2, 66.7, -1.0),
        ("Kompetensi Uji 4", "Manajerial", 3, 3, 2, 66.7, -0.67),
        ("Kompetensi Uji 2", "Manajerial", 3, 3, 1, 33.3, -0.33),
        ("Kompetensi Uji 1", "Manajerial", 4, 3, 0, 0.0, 0.33),
    ]
    ws = wb["Per Kompetensi"]
    assert [_warna(ws.cell(row=i, column=8)) for i in range(2, 6)] == [KUNING, KUNING, KUNING, HIJAU]
    per_unit = list(wb["Per Kompetensi x Unit"].iter_rows(values_only=True))
    bidang = {r[1]: r[4:] for r in per_unit[1:] if r[2] == bidang_a.nama}
    assert bidang["Kompetensi Uji 3"] == (2, 2, 2, 100.0, -1.5)
    assert bidang["Kompetensi Uji 1"] == (3, 2, 0, 0.0, 0.5)  # the Kabid is not assessed
    assert _warna(wb["Per Kompetensi x Unit"].cell(row=2, column=9)) == MERAH  # K3 in bidang_a: -1.5


@pytest.mark.parametrize("n", [3, 40])
def test_jumlah_query_ekspor_tetap(n, admin_bkd, atasan, bidang_a, jabatan_staf, django_assert_num_queries, request):
    for _ in range(n):
        PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
    lap = request.getfixturevalue("laporan")
    for p in lap.putaran.peserta.filter(penilaian__isnull=True, jabatan=jabatan_staf):
        isi(p, "atasan", [2, 2, 2, 2], atasan)
    hasil_hitung(putaran=lap.putaran)
    qs = PesertaPenilaian.objects.filter(putaran=lap.putaran)
    with django_assert_num_queries(3):  # columns, matrix rows, JPM rows
        isi_berkas = ekspor.tim_matriks_workbook(qs)
    assert _wb(isi_berkas)["Matriks Kompetensi"].max_row == n + 5
    with django_assert_num_queries(1):
        ekspor.jpm_workbook(qs)
    with django_assert_num_queries(2):
        ekspor.kebutuhan_workbook(qs)


def test_matriks_putaran_lain_tidak_tercampur(laporan, admin_bkd, bidang_a, pegawai):
    from kompetensi.services.putaran import putaran_tutup

    putaran_tutup(actor=admin_bkd.user, putaran=laporan.putaran)
    baru = buka(admin_bkd.user, [bidang_a], nama="Putaran Baru")
    wb = _wb(ekspor.tim_matriks_workbook(PesertaPenilaian.objects.filter(putaran=baru)))
    rows = list(wb["Matriks Kompetensi"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 and all(r[-2] is None for r in rows)  # no result yet in the new round


def test_judul_kolom_kompetensi_berawalan_sama_dengan_tetap_teks(laporan):
    import io

    from openpyxl import load_workbook

    from kompetensi.exports.laporan import tim_matriks_workbook

    Kompetensi.objects.filter(pk=laporan.kompetensi[0].pk).update(nama='=HYPERLINK("http://x","klik")')
    data = tim_matriks_workbook(PesertaPenilaian.objects.filter(putaran=laporan.putaran))
    ws = load_workbook(io.BytesIO(data))["Matriks Kompetensi"]
    judul = [c for c in next(ws.iter_rows(min_row=1, max_row=1)) if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert judul and all(c.data_type == "s" for c in judul)
