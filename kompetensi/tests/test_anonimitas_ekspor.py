"""Peer anonymity on every report surface (result page, JSON, every export): with three peers
who gave distinct levels, the pegawai, their atasan, an admin and another peer cannot learn who
rated what. No peer's name or NIP appears, no per-peer level appears anywhere, and the peers'
mean is absent before release and with fewer than 3 answers.

The peers of `pegawai`: `rekan` (also a participant) gave 4 everywhere, `penilai_dua` 5,
`penilai_tiga` 3 (both joined the unit after the round opened, so they are not participants).
Mean 4.00. With the supervisor's 2 2 2 1 (50/30 weights renormalised) the attained levels are
3 3 3 2 against standards 1 2 3 2: no 4 and no 5 can appear as a level anywhere about pegawai.
"""

import json
import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kompetensi.models import JawabanRekan, PenugasanRekan
from kompetensi.services.hasil import hasil_hitung
from kompetensi.tests.laporan_data import laporan_fixture, rekan_lepas  # noqa: F401
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

LEVEL_PER_PENILAI = {"rekan": 4, "penilai_dua": 5, "penilai_tiga": 3}
KUNCI_JSON = {
    "peserta",
    "putaran",
    "pegawai",
    "jabatan",
    "unit",
    "kode",
    "labels",
    "standar",
    "capaian",
    "gap",
    "jpm",
    "kategori",
    "kategori_kode",
    "masukan",
}


@pytest.fixture
def tiga_rekan(laporan, rekan, bidang_a, jabatan_staf, atasan, admin_bkd):
    """Three peers assigned and answered (levels in kompetensi id order), not yet released."""
    penilai = {
        "rekan": rekan,
        "penilai_dua": PegawaiFactory(nama="Penilai Kedua Rahasia", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan),
        "penilai_tiga": PegawaiFactory(
            nama="Penilai Ketiga Rahasia", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan
        ),
    }
    peserta = laporan.peserta["pegawai"]
    for kunci, orang in penilai.items():
        PenugasanRekan.objects.create(
            peserta=peserta, penilai=orang, status=PenugasanRekan.Status.TERKIRIM, ditugaskan_oleh=admin_bkd.user
        )
        for h in peserta.hasil.order_by("kompetensi_id"):
            JawabanRekan.objects.create(peserta=peserta, kompetensi_id=h.kompetensi_id, level=LEVEL_PER_PENILAI[kunci])
    hasil_hitung(putaran=laporan.putaran)
    return penilai


def _lepas(laporan):
    rekan_lepas(laporan.peserta["pegawai"])
    hasil_hitung(putaran=laporan.putaran)


def _identitas_penilai(penilai) -> list[str]:
    return [p.nama for p in penilai.values()] + [p.nip for p in penilai.values()]


def _angka(data) -> list:
    """Every number in a JSON document (ints and floats, not strings)."""
    if isinstance(data, dict):
        return [x for v in data.values() for x in _angka(v)]
    if isinstance(data, list):
        return [x for v in data for x in _angka(v)]
    return [data] if isinstance(data, int | float) and not isinstance(data, bool) else []


def _sel_excel(resp) -> list[list]:
    assert resp.status_code == 200
    wb = load_workbook(BytesIO(resp.content))
    return [list(row) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]


def _judul(resp) -> str:
    wb = load_workbook(BytesIO(resp.content))
    return _teks([next(ws.iter_rows(values_only=True)) for ws in wb.worksheets])


def _teks(rows) -> str:
    return "\n".join("\t".join("" if c is None else str(c) for c in r) for r in rows)


# --- JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "admin_opd"])
def test_json_tanpa_data_per_rekan(siapa, request, login, laporan, tiga_rekan):
    c = login(request.getfixturevalue(siapa))
    url = reverse("kompetensi:peserta-json", args=[laporan.peserta["pegawai"].pk])

    sebelum = c.get(url).json()
    assert set(sebelum) == KUNCI_JSON  # no rekan_rata before release
    assert sebelum["masukan"]["rekan_jumlah"] is None and sebelum["masukan"]["rekan_dibuka"] is False

    _lepas(laporan)
    r = c.get(url)
    data = r.json()
    assert set(data) == KUNCI_JSON | {"rekan_rata"}
    assert data["rekan_rata"] == ["4.00"] * 4
    assert data["masukan"]["rekan_jumlah"] == 3
    assert data["capaian"] == [3, 3, 3, 2] and data["gap"] == [2, 1, 0, 0]
    teks = r.content.decode()
    for identitas in _identitas_penilai(tiga_rekan):
        assert identitas not in teks
    assert not re.search(r"penilai|jawaban", json.dumps(list(data)), re.I)
    # No per-peer level (4, 5 or 3 given by one peer) is any number in the document... except
    # the standard 3 of K3 and the attained 3s, which come from the standard and the mean.
    angka = _angka({k: v for k, v in data.items() if k not in ("peserta", "putaran")})
    assert 5 not in angka and 4 not in angka


@pytest.mark.parametrize("siapa", ["rekan", "penilai_dua"])
def test_rekan_lain_tidak_dapat_membuka_hasil_atau_ekspor(siapa, login, laporan, tiga_rekan):
    _lepas(laporan)
    c = login(tiga_rekan[siapa])
    p = laporan.peserta["pegawai"]
    assert c.get(reverse("kompetensi:peserta-json", args=[p.pk])).status_code == 404
    assert c.get(reverse("kompetensi:peserta-detail", args=[p.pk])).status_code == 404
    for nama in ("tim-matriks-export", "analisis-kebutuhan-export", "analisis-jpm-export", "tim-matriks", "analisis"):
        assert c.get(reverse(f"kompetensi:{nama}")).status_code == 403


def test_json_rekan_kurang_dari_tiga(login, laporan, tiga_rekan, pegawai):
    # One answer set withdrawn before release (e.g. a peer never submitted): 2 remain.
    p = laporan.peserta["pegawai"]
    JawabanRekan.objects.filter(peserta=p, level=5).delete()
    _lepas(laporan)
    c = login(pegawai)
    data = c.get(reverse("kompetensi:peserta-json", args=[p.pk])).json()
    assert "rekan_rata" not in data
    html = c.get(reverse("kompetensi:peserta-detail", args=[p.pk])).content.decode()
    assert "kurang dari 3 penilai" in html
    assert "3,50" not in html and "3.50" not in html  # the mean of the two (4 and 3) never shows


# --- the result page --------------------------------------------------------------------------


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "admin_opd"])
def test_halaman_hasil_tanpa_identitas_dan_level_per_rekan(siapa, request, login, laporan, tiga_rekan):
    c = login(request.getfixturevalue(siapa))
    url = reverse("kompetensi:peserta-detail", args=[laporan.peserta["pegawai"].pk])
    html = c.get(url).content.decode()
    assert "belum dibuka" in html and "4,00" not in html
    _lepas(laporan)
    html = c.get(url).content.decode()
    assert "4,00" in html and "3 jawaban" in html
    for identitas in _identitas_penilai(tiga_rekan):
        assert identitas not in html
    # Table cells: standard, self, supervisor, peers' mean, attained; never a single peer's 5 or 4.
    tabel = html[html.index("<tbody>") : html.index("</tbody>")]
    sel = re.findall(r'<td class="text-center[^"]*">([^<]*)</td>', tabel)
    assert sel and "5" not in sel and "4" not in sel


# --- the exports ------------------------------------------------------------------------------


def _baris_pegawai(rows, pegawai):
    return next(r for r in rows if r and r[0] == pegawai.nip)


@pytest.mark.parametrize("siapa", ["atasan", "admin_opd", "admin_bkd"])
def test_ekspor_matriks_tanpa_data_rekan(siapa, request, login, laporan, tiga_rekan, pegawai):
    c = login(request.getfixturevalue(siapa))
    params = {"putaran": laporan.putaran.pk}
    for dibuka in (False, True):
        if dibuka:
            _lepas(laporan)
        rows = _sel_excel(c.get(reverse("kompetensi:tim-matriks-export"), params))
        teks = _teks(rows)
        assert "Penilai Kedua Rahasia" not in teks and "Penilai Ketiga Rahasia" not in teks
        assert tiga_rekan["penilai_dua"].nip not in teks and tiga_rekan["penilai_tiga"].nip not in teks
        assert not re.search(r"rekan|penilai", _teks([rows[0]]), re.I)  # no peer column
        baris = _baris_pegawai(rows, pegawai)
        angka = [x for x in baris[4:] if isinstance(x, int | float)]
        assert 5 not in angka and 4 not in angka
        # Before release: supervisor only (2 2 2 1); after: 3 3 3 2.
        capaian = [baris[4 + 3 * i + 1] for i in range(4)]
        assert capaian == ([3, 3, 3, 2] if dibuka else [2, 2, 2, 1])


@pytest.mark.parametrize("nama", ["analisis-kebutuhan-export", "analisis-jpm-export"])
@pytest.mark.parametrize("siapa", ["admin_opd", "admin_bkd"])
def test_ekspor_analisis_tanpa_data_rekan(nama, siapa, request, login, laporan, tiga_rekan):
    _lepas(laporan)
    c = login(request.getfixturevalue(siapa))
    resp = c.get(reverse(f"kompetensi:{nama}"), {"putaran": laporan.putaran.pk})
    rows = _sel_excel(resp)
    teks = _teks(rows)
    for identitas in _identitas_penilai(tiga_rekan):
        if identitas in (tiga_rekan["rekan"].nama, tiga_rekan["rekan"].nip) and nama == "analisis-jpm-export":
            continue  # rekan is a participant: their own JPM row, not their ratings
        assert identitas not in teks
    assert not re.search(r"rekan|penilai", _judul(resp), re.I)  # no peer column in any sheet


def test_ekspor_jpm_baris_rekan_hanya_hasilnya_sendiri(login, laporan, tiga_rekan, admin_opd, rekan):
    _lepas(laporan)
    rows = _sel_excel(login(admin_opd).get(reverse("kompetensi:analisis-jpm-export")))
    baris_rekan = [r for r in rows if r[0] == rekan.nip]
    # One row, their own result (50.00), nothing about whom they rated.
    assert baris_rekan == [
        [rekan.nip, rekan.nama, rekan.unit.nama, "Dinas Pendidikan", rekan.jabatan.nama, 50, "Kurang Optimal"]
    ]
