"""Report selectors against numbers worked out by hand (see kompetensi/tests/laporan_data.py)."""

import datetime
from decimal import Decimal

import pytest

from kompetensi.models import PesertaPenilaian
from kompetensi.selectors import laporan as sel
from kompetensi.services.hasil import hasil_hitung
from kompetensi.services.putaran import putaran_tutup
from kompetensi.tests.laporan_data import buka, isi, laporan_fixture, rekan_jawab, rekan_lepas  # noqa: F401
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


# --- colours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "warna"),
    [(2, "baik"), (0, "baik"), (-1, "sedang"), (-2, "buruk"), (-4, "buruk"), (None, "kosong")],
)
def test_warna_gap_per_orang(gap, warna):
    assert sel.gap_warna(gap) == warna


@pytest.mark.parametrize(
    ("rata", "warna"),
    [
        (Decimal("0.00"), "baik"),
        (Decimal("-0.01"), "sedang"),
        (Decimal("-1.00"), "sedang"),
        (Decimal("-1.01"), "buruk"),
    ],
)
def test_warna_rata_rata_gap(rata, warna):
    assert sel.rata_gap_warna(rata) == warna


# --- one participant --------------------------------------------------------------------------


def test_hasil_peserta_sebelum_rekan_dibuka(laporan):
    h = sel.hasil_peserta_get(peserta=laporan.peserta["pegawai"])
    assert [b.standar for b in h.baris] == [1, 2, 3, 2]
    assert [b.atasan for b in h.baris] == [2, 2, 2, 1]
    assert [b.diri for b in h.baris] == [None] * 4
    assert [b.capaian for b in h.baris] == [2, 2, 2, 1]
    assert [b.gap for b in h.baris] == [1, 0, -1, -1]
    assert [b.warna for b in h.baris] == ["baik", "baik", "sedang", "sedang"]
    assert h.jpm == Decimal("75.00") and h.kategori_label == "Kurang Optimal"
    assert (h.diri_terkirim, h.atasan_terkirim) == (False, True)
    assert [b.rekan_rata for b in h.baris] == [None] * 4
    assert {b.rekan_keterangan for b in h.baris} == {"belum dibuka"}
    assert h.rekan_jumlah is None and h.jumlah_gap_negatif == 2


def test_hasil_peserta_rata_rata_rekan_setelah_dibuka(laporan, pegawai):
    peserta = laporan.peserta["pegawai"]
    isi(peserta, "diri", [3, 3, 3, 3], pegawai)
    rekan_jawab(peserta, [[1, 2, 3, 1], [1, 2, 3, 1], [2, 3, 3, 1]])
    hasil_hitung(putaran=laporan.putaran)
    peserta.refresh_from_db()
    # Answers are in, but the mean is not released yet.
    h = sel.hasil_peserta_get(peserta=peserta)
    assert [b.rekan_rata for b in h.baris] == [None] * 4 and h.rekan_jumlah is None
    assert "rekan_rata" not in h.as_json()

    rekan_lepas(peserta)
    hasil_hitung(putaran=laporan.putaran)
    peserta.refresh_from_db()
    h = sel.hasil_peserta_get(peserta=peserta)
    # test_hasil.py works this example: (50*a + 20*d + 30*rekan)/100, half up.
    assert [b.rekan_rata for b in h.baris] == [Decimal("1.33"), Decimal("2.33"), Decimal("3.00"), Decimal("1.00")]
    assert [b.capaian for b in h.baris] == [2, 2, 3, 1]
    assert [b.gap for b in h.baris] == [1, 0, 0, -1]
    assert h.rekan_jumlah == 3 and h.diri_terkirim
    assert h.jpm == Decimal("87.50") and h.kategori_label == "Cukup Optimal"
    data = h.as_json()
    assert data["rekan_rata"] == ["1.33", "2.33", "3.00", "1.00"]
    assert data["jpm"] == "87.50" and data["kategori"] == "Cukup Optimal"


def test_hasil_peserta_rekan_kurang_dari_tiga(laporan):
    peserta = laporan.peserta["rekan"]
    rekan_jawab(peserta, [[5, 5, 5, 5], [4, 4, 4, 4]])
    rekan_lepas(peserta)
    hasil_hitung(putaran=laporan.putaran)
    peserta.refresh_from_db()
    h = sel.hasil_peserta_get(peserta=peserta)
    assert [b.rekan_rata for b in h.baris] == [None] * 4
    assert {b.rekan_keterangan for b in h.baris} == {"kurang dari 3 penilai"}
    assert [b.capaian for b in h.baris] == [1, 1, 1, 1]  # the two answers are not used
    assert "rekan_rata" not in h.as_json()


def test_hasil_peserta_tanpa_rekan(admin_bkd, opd_b, outsider, laporan):
    h = sel.hasil_peserta_get(peserta=laporan.outsider)
    assert h.rekan_aktif
    p = laporan.outsider
    p.putaran.rekan_aktif = False
    h = sel.hasil_peserta_get(peserta=p)
    assert {b.rekan_keterangan for b in h.baris} == {"tidak dipakai"}


def test_hasil_peserta_tanpa_masukan_tidak_ada_jpm(laporan):
    h = sel.hasil_peserta_get(peserta=laporan.peserta["atasan"])
    assert not h.ada_hasil and h.as_json()["jpm"] is None and h.as_json()["kategori"] is None
    assert [(b.standar, b.capaian, b.gap, b.warna) for b in h.baris] == [(3, None, None, "kosong")]


# --- history ----------------------------------------------------------------------------------


def test_riwayat_urut_dari_putaran_terlama_dan_mengikuti_cakupan(laporan, admin_bkd, pegawai, atasan, rekan, bidang_a):
    putaran_tutup(actor=admin_bkd.user, putaran=laporan.putaran)
    lama = laporan.peserta["pegawai"]
    baru = buka(
        admin_bkd.user,
        [bidang_a],
        nama="Putaran Lanjutan",
        tanggal_mulai=datetime.date(2099, 1, 1),
        tanggal_selesai=datetime.date(2099, 12, 31),
    ).peserta.get(pegawai=pegawai)
    r = sel.riwayat_pegawai(pegawai.pk)
    assert [x.peserta_id for x in r] == [lama.pk, baru.pk]
    assert [x.putaran_nama for x in r] == ["Putaran OPD A", "Putaran Lanjutan"]
    assert [x.status for x in r] == ["ditutup", "dibuka"]
    assert r[0].jpm == Decimal("75.00") and r[0].kategori_label == "Kurang Optimal"
    assert r[1].jpm is None and r[1].kategori_label == ""
    assert r.grafik == {"label": ["Putaran OPD A", "Putaran Lanjutan"], "jpm": [75.0, None]}
    # The viewer's scope: the supervisor sees both, a peer neither.
    assert len(sel.riwayat_pegawai(pegawai.pk, user=atasan.user)) == 2
    assert sel.riwayat_pegawai(pegawai.pk, user=rekan.user) == []


# --- the team matrix --------------------------------------------------------------------------


def _nama(qs):
    return sorted(qs.values_list("pegawai__nama", flat=True))


def test_cakupan_tim(laporan, atasan, kepala_opd, admin_opd, admin_bkd, pegawai):
    p = laporan.putaran
    assert [k for k, _ in sel.tim_cakupan_pilihan(atasan.user)] == ["langsung", "semua"]
    assert [k for k, _ in sel.tim_cakupan_pilihan(admin_opd.user)] == ["unit"]
    assert [k for k, _ in sel.tim_cakupan_pilihan(pegawai.user)] == []
    assert _nama(sel.tim_peserta(atasan.user, putaran=p, cakupan="langsung")) == ["Pegawai Uji", "Rekan Sejawat"]
    # kepala_opd: direct = atasan and admin_opd; all = everyone below
    assert _nama(sel.tim_peserta(kepala_opd.user, putaran=p, cakupan="langsung")) == ["Admin Disdik", "Atasan Bidang"]
    assert _nama(sel.tim_peserta(kepala_opd.user, putaran=p, cakupan="semua")) == [
        "Admin Disdik",
        "Atasan Bidang",
        "Pegawai Uji",
        "Rekan Sejawat",
    ]
    assert sel.tim_peserta(admin_opd.user, putaran=p, cakupan="unit").count() == 4
    assert sel.tim_peserta(admin_opd.user, putaran=laporan.putaran_b, cakupan="unit").count() == 0
    assert sel.tim_peserta(admin_bkd.user, putaran=laporan.putaran_b, cakupan="unit").count() == 1
    # A scope the user does not hold gives nothing.
    assert sel.tim_peserta(pegawai.user, putaran=p, cakupan="unit").count() == 0
    assert sel.tim_peserta(admin_opd.user, putaran=p, cakupan="langsung").count() == 0


def test_cakupan_tim_per_unit(laporan, admin_opd, bidang_a, opd_a, pemda):
    p = laporan.putaran
    assert _nama(sel.tim_peserta(admin_opd.user, putaran=p, cakupan="unit", unit=bidang_a)) == [
        "Atasan Bidang",
        "Pegawai Uji",
        "Rekan Sejawat",
    ]
    assert sel.tim_peserta(admin_opd.user, putaran=p, cakupan="unit", unit=opd_a).count() == 4
    assert sel.tim_peserta(admin_opd.user, putaran=p, cakupan="unit", unit=pemda).count() == 4


def test_putaran_pilihan_hanya_yang_ada_pesertanya(laporan, atasan, admin_opd, admin_bkd):
    assert [p.nama for p in sel.tim_putaran_pilihan(atasan.user, sel.tim_cakupan_pilihan(atasan.user))] == [
        "Putaran OPD A"
    ]
    assert [p.nama for p in sel.tim_putaran_pilihan(admin_opd.user, sel.tim_cakupan_pilihan(admin_opd.user))] == [
        "Putaran OPD A"
    ]
    assert {p.nama for p in sel.tim_putaran_pilihan(admin_bkd.user, sel.tim_cakupan_pilihan(admin_bkd.user))} == {
        "Putaran OPD A",
        "Putaran OPD B",
    }


def test_matriks_sel_dan_kolom(laporan, admin_opd):
    qs = sel.tim_peserta(admin_opd.user, putaran=laporan.putaran, cakupan="unit")
    m = sel.tim_matriks_get(qs)
    assert [k[0] for k in m.kolom] == [k.pk for k in laporan.kompetensi]
    baris = {b.peserta.pegawai.nama: b for b in m.halaman}
    assert [(s.capaian, s.standar, s.gap) for s in baris["Pegawai Uji"].sel] == [
        (2, 1, 1),
        (2, 2, 0),
        (2, 3, -1),
        (1, 2, -1),
    ]
    assert [s.kelas for s in baris["Rekan Sejawat"].sel] == [
        "table-success",
        "table-warning",
        "table-danger",
        "table-warning",
    ]
    atasan_sel = baris["Atasan Bidang"].sel
    assert atasan_sel[0].kelas == "table-secondary" and atasan_sel[1:] == [None, None, None]
    r = m.ringkasan
    assert (r.jumlah, r.berhasil, r.optimal, r.cukup_optimal, r.kurang_optimal) == (4, 3, 1, 0, 2)
    assert r.rata_jpm == Decimal("75.00")  # (75 + 50 + 100) / 3


def test_matriks_kolom_hanya_kompetensi_pada_standar_peserta(laporan, atasan, kepala_opd):
    # atasan's direct team (staff) have K1..K4; kepala_opd's direct team: Kabid (K1) and admin_opd (K1..K4)
    qs = sel.tim_peserta(atasan.user, putaran=laporan.putaran, cakupan="langsung")
    assert len(sel.kompetensi_kolom(qs)) == 4
    PesertaPenilaian.objects.filter(pk=laporan.peserta["admin_opd"].pk).delete()
    qs = sel.tim_peserta(kepala_opd.user, putaran=laporan.putaran, cakupan="langsung")
    assert [k[0] for k in sel.kompetensi_kolom(qs)] == [laporan.kompetensi[0].pk]


# --- admin analysis ---------------------------------------------------------------------------


def _qs_opd_a(laporan, admin_opd):
    return sel.analisis_peserta_scope(admin_opd.user).filter(putaran=laporan.putaran)


def test_kebutuhan_pelatihan_dihitung_tangan(laporan, admin_opd):
    k = sel.kebutuhan_list(_qs_opd_a(laporan, admin_opd))
    k1, k2, k3, k4 = (kom.pk for kom in laporan.kompetensi)
    # Ranked by people with a negative gap, then the lower mean gap first.
    assert [x.kompetensi_id for x in k] == [k3, k4, k2, k1]
    hitung = {x.kompetensi_id: (x.jumlah, x.dinilai, x.negatif, x.rata_gap, x.persen) for x in k}
    assert hitung[k1] == (4, 3, 0, Decimal("0.33"), Decimal("0.0"))  # gaps +1, 0, 0; Kabid not assessed
    assert hitung[k2] == (3, 3, 1, Decimal("-0.33"), Decimal("33.3"))  # 0, -1, 0
    assert hitung[k3] == (3, 3, 2, Decimal("-1.00"), Decimal("66.7"))  # -1, -2, 0
    assert hitung[k4] == (3, 3, 2, Decimal("-0.67"), Decimal("66.7"))  # -1, -1, 0
    assert sel.kebutuhan_grafik(k) == {
        "label": ["Kompetensi Uji 3", "Kompetensi Uji 4", "Kompetensi Uji 2"],
        "negatif": [2, 2, 1],
    }
    assert [x.kompetensi_id for x in sel.kolom_urut_tampil(k)] == [k1, k2, k3, k4]


def test_kebutuhan_dengan_filter_jenis(laporan, admin_opd):
    from kompetensi.models import Kompetensi

    laporan.kompetensi[2].jenis = Kompetensi.Jenis.TEKNIS
    laporan.kompetensi[2].save()
    k = sel.kebutuhan_list(_qs_opd_a(laporan, admin_opd), jenis_kompetensi="teknis")
    assert [(x.kompetensi_id, x.negatif) for x in k] == [(laporan.kompetensi[2].pk, 2)]


def test_peta_gap_per_unit_dan_jabatan(laporan, admin_opd, bidang_a, opd_a, jabatan_staf, jabatan_kabid):
    qs = _qs_opd_a(laporan, admin_opd)
    kolom = sel.kolom_urut_tampil(sel.kebutuhan_list(qs))
    peta = sel.peta_gap(qs, kolom=kolom, kelompok="unit", judul="unit kerja")
    baris = {b.nama: b.sel for b in peta.baris}
    assert set(baris) == {bidang_a.nama, opd_a.nama}
    bidang = [(s.jumlah, s.dinilai, s.negatif, s.rata_gap) for s in baris[bidang_a.nama]]
    # bidang_a: pegawai (+1 0 -1 -1), rekan (0 -1 -2 -1), atasan (K1, not assessed)
    assert bidang == [
        (3, 2, 0, Decimal("0.50")),
        (2, 2, 1, Decimal("-0.50")),
        (2, 2, 2, Decimal("-1.50")),
        (2, 2, 2, Decimal("-1.00")),
    ]
    assert [s.kelas for s in baris[bidang_a.nama]] == [
        "table-success",
        "table-warning",
        "table-danger",
        "table-warning",
    ]
    assert [(s.negatif, s.rata_gap) for s in baris[opd_a.nama]] == [(0, Decimal("0.00"))] * 4

    peta = sel.peta_gap(qs, kolom=kolom, kelompok="jabatan", judul="jabatan")
    baris = {b.nama: b.sel for b in peta.baris}
    assert [(s.dinilai, s.negatif, s.rata_gap) for s in baris[jabatan_staf.nama]] == [
        (3, 0, Decimal("0.33")),
        (3, 1, Decimal("-0.33")),
        (3, 2, Decimal("-1.00")),
        (3, 2, Decimal("-0.67")),
    ]
    kabid = baris[jabatan_kabid.nama]
    assert (kabid[0].jumlah, kabid[0].dinilai, kabid[0].rata_gap, kabid[0].kelas) == (1, 0, None, "table-secondary")
    assert kabid[1:] == [None, None, None]


def test_analisis_admin_opd_hanya_opdnya(laporan, admin_opd, admin_bkd):
    assert list(sel.analisis_putaran_scope(admin_opd.user)) == [laporan.putaran]
    assert sel.analisis_peserta_scope(admin_opd.user).filter(putaran=laporan.putaran_b).count() == 0
    assert sel.analisis_peserta_scope(admin_bkd.user).count() == 5
    assert set(sel.analisis_putaran_scope(admin_bkd.user)) == {laporan.putaran, laporan.putaran_b}


def test_peta_gap_per_opd_untuk_bkd(laporan, admin_bkd, opd_a, opd_b, outsider):
    # One round across two OPDs: grouped by OPD.
    qs = sel.analisis_peserta_scope(admin_bkd.user)
    kolom = sel.kolom_urut_tampil(sel.kebutuhan_list(qs))
    peta = sel.peta_gap(qs, kolom=kolom, kelompok="opd", judul="OPD")
    baris = {b.nama: b.sel for b in peta.baris}
    assert set(baris) == {opd_a.nama, opd_b.nama}
    # outsider (OPD B): supervisor 1 1 1 1 -> gaps 0 -1 -2 -1
    assert [s.rata_gap for s in baris[opd_b.nama]] == [
        Decimal("0.00"),
        Decimal("-1.00"),
        Decimal("-2.00"),
        Decimal("-1.00"),
    ]


def test_ringkasan_tanpa_peserta(db):
    r = sel.ringkasan_peserta(PesertaPenilaian.objects.none())
    assert (r.jumlah, r.berhasil, r.rata_jpm) == (0, 0, None)


def test_matriks_tim_besar_halaman_50(laporan, admin_bkd, atasan, jabatan_staf, bidang_a):
    for _ in range(55):
        PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
    putaran_tutup(actor=admin_bkd.user, putaran=laporan.putaran)
    p2 = buka(admin_bkd.user, [bidang_a], nama="Putaran Besar")
    qs = sel.tim_peserta(atasan.user, putaran=p2, cakupan="langsung")
    m = sel.tim_matriks_get(qs, nomor_halaman="2")
    assert m.ringkasan.jumlah == 57 and len(m.halaman.object_list) == 7
    assert m.halaman.paginator.num_pages == 2
