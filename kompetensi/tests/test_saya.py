""" "Kompetensi Saya" and the competency card on the home page."""

from django.urls import reverse

from kompetensi.tests.factories import ProgramKompetensiFactory, ProgramPengembanganFactory
from kompetensi.tests.laporan_data import laporan_fixture  # noqa: F401 (fixture)


def test_kompetensi_saya_menampilkan_jpm_rekomendasi_dan_jp(login, pegawai, laporan):
    # pegawai: JPM 75.00 Kurang Optimal; K3 gap -1 (capaian 2, standar 3) and K4 gap -1.
    k3 = laporan.kompetensi[2]
    program = ProgramPengembanganFactory(nama="Coaching Kompetensi Tiga", jp=8)
    ProgramKompetensiFactory(program=program, kompetensi=k3, level_target=3)
    resp = login(pegawai).get(reverse("kompetensi:saya"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "75,00%" in html or "75.00%" in html
    assert "Kurang Optimal" in html
    assert "Coaching Kompetensi Tiga" in html
    assert "0 dari 20 JP tahun" in html
    assert "hasil sementara" in html  # the round is still open


def test_kompetensi_saya_tanpa_penilaian(login, outsider):
    resp = login(outsider).get(reverse("kompetensi:saya"))
    assert resp.status_code == 200
    assert "Belum ada hasil penilaian kompetensi." in resp.content.decode()


def test_kompetensi_saya_hanya_get(login, pegawai):
    assert login(pegawai).post(reverse("kompetensi:saya")).status_code == 405


def test_jumlah_query_kompetensi_saya_tetap(login, pegawai, laporan, django_assert_num_queries):
    def programme(n):
        for i in range(n):
            program = ProgramPengembanganFactory()
            ProgramKompetensiFactory(program=program, kompetensi=laporan.kompetensi[2 + i % 2], level_target=4)

    programme(2)
    klien = login(pegawai)
    klien.get(reverse("kompetensi:saya"))  # warm the session
    with django_assert_num_queries(17) as sedikit:
        klien.get(reverse("kompetensi:saya"))
    programme(10)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        klien.get(reverse("kompetensi:saya"))


def test_beranda_menampilkan_kartu_kompetensi(login, pegawai, laporan):
    html = login(pegawai).get(reverse("beranda")).content.decode()
    assert 'data-test="kompetensi-jpm"' in html
    assert "Kurang Optimal" in html
