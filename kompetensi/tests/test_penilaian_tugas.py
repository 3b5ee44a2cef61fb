"""`kompetensi:tugas`: what waits for a signed-in pegawai in open rounds, with counts."""

import pytest
from django.urls import reverse

from kompetensi.models import PenugasanRekan, PutaranPenilaian
from kompetensi.selectors.penilaian import tugas_get
from kompetensi.services.putaran import putaran_tutup
from kompetensi.tests.penilaian_data import KEMARIN, buka, post_penilaian, standar
from pegawai.tests.factories import PegawaiFactory

pytest_plugins = ["kompetensi.tests.penilaian_fixture"]  # the `ruang` fixture
pytestmark = pytest.mark.django_db
URL = reverse("kompetensi:tugas")


def test_pegawai_melihat_penilaian_dirinya(login, ruang, pegawai):
    resp = login(pegawai).get(URL)
    assert resp.status_code == 200
    tugas = resp.context["tugas"]
    assert [p.pegawai_id for p in tugas.diri] == [pegawai.pk]
    assert tugas.jumlah_diri == 1 and tugas.rekan == [] and tugas.bawahan == []
    html = resp.content.decode()
    assert reverse("kompetensi:peserta-diri", args=[tugas.diri[0].pk]) in html
    assert "Belum diisi" in html and "Putaran Uji" in html
    # Submitted: no longer counted, still listed.
    login(pegawai).post(
        reverse("kompetensi:peserta-diri", args=[tugas.diri[0].pk]),
        post_penilaian(ruang, level=[2, 2, 2], catatan=["a", "b", "c"], aksi="kirim"),
    )
    tugas = tugas_get(user=pegawai.user)
    assert tugas.jumlah_diri == 0 and tugas.diri[0].status_diri == "terkirim"


def test_rekan_melihat_hanya_orang_yang_dinilai(login, ruang, pegawai, rekan):
    ruang.tugaskan(pegawai, [rekan, ruang.lain[0], ruang.lain[1]])
    resp = login(rekan).get(URL)
    tugas = resp.context["tugas"]
    assert [t.peserta.pegawai_id for t in tugas.rekan] == [pegawai.pk]
    assert tugas.jumlah_rekan == 1
    html = resp.content.decode()
    assert pegawai.nama_lengkap in html and "Analis SDM Aparatur" in html and pegawai.unit.nama in html
    assert reverse("kompetensi:rekan-isi", args=[tugas.rekan[0].pk]) in html
    for lain in ruang.lain[:2]:  # the other peers of the same person: not a word
        assert lain.nama not in html


def test_atasan_melihat_bawahan_status_diri_dan_yang_perlu_rekan(login, ruang, pegawai, rekan, atasan):
    ruang.tugaskan(pegawai, [rekan, ruang.lain[0], ruang.lain[1]])
    ruang.tugaskan(rekan, [ruang.lain[2]])
    login(pegawai).post(
        reverse("kompetensi:peserta-diri", args=[ruang.peserta(pegawai).pk]),
        post_penilaian(ruang, level=[2, 2, 2], catatan=["a", "b", "c"], aksi="kirim"),
    )
    resp = login(atasan).get(URL)
    tugas = resp.context["tugas"]
    per = {p.pegawai_id: p for p in tugas.bawahan}
    assert set(per) == {pegawai.pk, rekan.pk} | {p.pk for p in ruang.lain}
    assert per[pegawai.pk].status_diri == "terkirim" and per[rekan.pk].status_diri is None
    assert per[pegawai.pk].jumlah_rekan == 3 and per[rekan.pk].jumlah_rekan == 1
    assert tugas.jumlah_bawahan == 5
    # Fewer than 3 peers: rekan (1) and the three others (0); the bulk button counts those with none.
    assert {p.pegawai_id for p in tugas.atur_rekan} == {rekan.pk} | {p.pk for p in ruang.lain}
    assert tugas.tanpa_rekan == 3
    html = resp.content.decode()
    assert reverse("kompetensi:tugas-rekan-terapkan") in html
    assert "Terapkan usulan rekan untuk semua bawahan yang belum punya rekan (3)" in html
    assert reverse("kompetensi:peserta-atasan", args=[per[pegawai.pk].pk]) in html
    assert reverse("kompetensi:peserta-rekan", args=[per[rekan.pk].pk]) in html


def test_putaran_ditutup_tidak_tampil(login, ruang, pegawai, atasan, admin_bkd):
    putaran_tutup(actor=admin_bkd.user, putaran=ruang.putaran)
    for orang in (pegawai, atasan):
        resp = login(orang).get(URL)
        assert resp.context["tugas"].kosong
        assert "Tidak ada penilaian kompetensi yang menunggu Anda saat ini." in resp.content.decode()


def test_lewat_batas_tidak_dihitung(login, ruang, pegawai):
    PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(batas_diri=KEMARIN)
    tugas = tugas_get(user=pegawai.user)
    assert len(tugas.diri) == 1 and tugas.jumlah_diri == 0
    assert "Batas lewat" in login(pegawai).get(URL).content.decode()


def test_peserta_tanpa_apa_pun(login, outsider, admin_bkd, ruang):
    for orang in (outsider, admin_bkd):
        resp = login(orang).get(URL)
        assert resp.status_code == 200 and resp.context["tugas"].jumlah == 0


def test_rekan_dinonaktifkan_tidak_ada_tugas_rekan(login, admin_bkd, opd_a, jabatan_staf, pegawai, rekan, atasan):
    standar(jabatan_staf)
    putaran = buka(admin_bkd.user, [opd_a], rekan_aktif=False, bobot_atasan=80, bobot_rekan=0)
    PenugasanRekan.objects.create(
        peserta=putaran.peserta.get(pegawai=pegawai), penilai=rekan, ditugaskan_oleh=admin_bkd.user
    )
    assert tugas_get(user=rekan.user).rekan == []
    assert tugas_get(user=atasan.user).atur_rekan == []


@pytest.mark.parametrize("n", [2, 12])
def test_jumlah_query_tetap(
    login, admin_bkd, opd_a, bidang_a, jabatan_staf, atasan, pegawai, django_assert_num_queries, n
):
    standar(jabatan_staf)
    bawahan = [PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan) for _ in range(n)]
    putaran = buka(admin_bkd.user, [opd_a])
    # The atasan also rates n peers and takes part in nothing themselves.
    for b in bawahan:
        PenugasanRekan.objects.create(
            peserta=putaran.peserta.get(pegawai=b), penilai=atasan, ditugaskan_oleh=admin_bkd.user
        )
        PenugasanRekan.objects.create(
            peserta=putaran.peserta.get(pegawai=b), penilai=pegawai, ditugaskan_oleh=admin_bkd.user
        )
    for orang, jumlah_query in ((atasan, 8), (pegawai, 8)):
        klien = login(orang)
        # session, user, akses (2), own self-assessments, peers to rate, subordinates, nav
        with django_assert_num_queries(jumlah_query):
            resp = klien.get(URL)
        assert resp.status_code == 200
    assert len(resp.context["tugas"].rekan) == n


def test_jumlah_untuk_lencana_sama_dengan_halaman(
    ruang, pegawai, rekan, atasan, admin_opd, outsider, django_assert_num_queries
):
    from kompetensi.selectors.penilaian import tugas_jumlah

    ruang.tugaskan(pegawai, [rekan, ruang.lain[0], ruang.lain[1]])
    ruang.tugaskan(rekan, [pegawai])
    PenugasanRekan.objects.filter(penilai=ruang.lain[0]).update(status=PenugasanRekan.Status.TERKIRIM)
    for orang in (pegawai, rekan, atasan, admin_opd, outsider, *ruang.lain):
        harapan = tugas_get(user=orang.user).jumlah
        with django_assert_num_queries(2):  # akses is cached on the user by now
            assert tugas_jumlah(user=orang.user) == harapan, orang.nama
    assert tugas_get(user=atasan.user).jumlah == 5 + 4  # five to rate, four still short of peers
    assert tugas_get(user=pegawai.user).jumlah == 2  # own self-assessment, rating rekan
    PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(batas_diri=KEMARIN)
    assert tugas_jumlah(user=pegawai.user) == tugas_get(user=pegawai.user).jumlah == 1
