"""Supervisor assessment: the self-assessment read-only beside the atasan's own form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompetensi.models import HasilKompetensi, NilaiKompetensi, PenilaianKompetensi, PutaranPenilaian
from kompetensi.selectors.penilaian import PESAN_KUNCI_TERKIRIM
from kompetensi.services.penilaian import (
    PESAN_BATAS_ATASAN_LEWAT,
    PESAN_BELUM_LENGKAP,
    PESAN_BUKAN_ATASAN,
    PESAN_CATATAN_WAJIB,
    PESAN_INDIKATOR_ASING,
    PESAN_LEVEL_TIDAK_VALID,
    PESAN_SUDAH_DIKIRIM,
    NilaiMasuk,
    penilaian_atasan_simpan,
)
from kompetensi.tests.penilaian_data import KEMARIN, buka, post_penilaian, standar
from pegawai.tests.factories import PegawaiFactory

pytest_plugins = ["kompetensi.tests.penilaian_fixture"]  # the `ruang` fixture
pytestmark = pytest.mark.django_db


def _url(ruang, pegawai):
    return reverse("kompetensi:peserta-atasan", args=[ruang.peserta(pegawai).pk])


def _diri(login, ruang, pegawai, aksi="kirim", catatan="Bukti kerja diri"):
    resp = login(pegawai).post(
        reverse("kompetensi:peserta-diri", args=[ruang.peserta(pegawai).pk]),
        post_penilaian(
            ruang,
            level=[4, 3, 1],
            catatan=[catatan, "Dua", "Tiga"],
            indikator=[ruang.indikator(0, 4), [], []],
            aksi=aksi,
        ),
    )
    assert resp.status_code == 302


def _atasan_data(ruang, aksi="kirim", level=(2, 2, 2)):
    return post_penilaian(ruang, level=list(level), catatan=["Catatan satu", "Catatan dua", "Catatan tiga"], aksi=aksi)


def _potret(peserta):
    return (
        list(PenilaianKompetensi.objects.filter(peserta=peserta, jenis="atasan").values_list("pk", "status")),
        list(
            NilaiKompetensi.objects.filter(penilaian__peserta=peserta, penilaian__jenis="atasan").values_list(
                "kompetensi_id", "level", "catatan"
            )
        ),
        list(HasilKompetensi.objects.filter(peserta=peserta).order_by("pk").values_list("nilai_atasan", "capaian")),
    )


def test_draf_penilaian_diri_tidak_terlihat_oleh_atasan(login, ruang, pegawai, atasan):
    _diri(login, ruang, pegawai, aksi="draf", catatan="RAHASIA-DRAF-DIRI")
    resp = login(atasan).get(_url(ruang, pegawai))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "RAHASIA-DRAF-DIRI" not in html
    assert "belum dikirim" in html
    assert resp.context["h"].diri is None


def test_penilaian_diri_terkirim_tampil_di_samping_formulir(login, ruang, pegawai, atasan):
    _diri(login, ruang, pegawai)
    resp = login(atasan).get(_url(ruang, pegawai))
    html = resp.content.decode()
    assert "Bukti kerja diri" in html
    for ind in ruang.kompetensi[0].level.get(level=4).indikator.all():
        assert ind.teks in html
    assert "Level 4" in html
    k = ruang.kompetensi[0].pk
    # The atasan's own form is empty and has no indicator checkboxes.
    assert f'name="level_{k}" id="level-{k}-1" value="1" autocomplete="off">' in html
    assert 'name="indikator_' not in html
    assert 'class="col-12 col-lg-6"' in html  # side by side on a wide screen, stacked on a phone


def test_kirim_atasan_mengunci_dan_menghitung_hasil(login, ruang, pegawai, atasan):
    _diri(login, ruang, pegawai)  # self 4, 3, 1
    klien = login(atasan)
    assert klien.post(_url(ruang, pegawai), _atasan_data(ruang, aksi="draf", level=(2, None, None))).status_code == 302
    peserta = ruang.peserta(pegawai)
    assert (
        list(
            HasilKompetensi.objects.filter(peserta=peserta)
            .order_by("kompetensi_id")
            .values_list("nilai_atasan", flat=True)
        )
        == [None] * 3
    )
    assert klien.post(_url(ruang, pegawai), _atasan_data(ruang)).status_code == 302
    pen = PenilaianKompetensi.objects.get(peserta=peserta, jenis="atasan")
    assert pen.status == "terkirim" and pen.penilai_id == atasan.pk
    hasil = list(HasilKompetensi.objects.filter(peserta=peserta).order_by("kompetensi_id"))
    assert [(h.nilai_diri, h.nilai_atasan) for h in hasil] == [(4, 2), (3, 2), (1, 2)]
    # Supervisor 50, self 20 (peers absent): (50*2 + 20*4)/70 = 2.57 -> 3; (100+60)/70 = 2.29 -> 2; (100+20)/70 -> 2
    assert [h.capaian for h in hasil] == [3, 2, 2]
    html = klien.get(_url(ruang, pegawai)).content.decode()
    assert PESAN_KUNCI_TERKIRIM in html and "<textarea" not in html and "Catatan dua" in html


def test_kirim_atasan_memerlukan_level_dan_catatan(login, ruang, pegawai, atasan):
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    data = _atasan_data(ruang)
    data[f"catatan_{ruang.kompetensi[1].pk}"] = "  "
    resp = login(atasan).post(_url(ruang, pegawai), data)
    assert resp.context["form"].errors[f"catatan_{ruang.kompetensi[1].pk}"] == [PESAN_CATATAN_WAJIB]
    assert _potret(peserta) == sebelum
    with pytest.raises(ValidationError) as exc:
        penilaian_atasan_simpan(
            actor=atasan.user,
            peserta=peserta,
            nilai={ruang.kompetensi[0].pk: NilaiMasuk(level=2, catatan="x")},
            kirim=True,
        )
    k = ruang.kompetensi
    assert exc.value.messages == [PESAN_BELUM_LENGKAP.format(isian="catatan", daftar=f"{k[1].nama}, {k[2].nama}")]
    assert _potret(peserta) == sebelum


def test_kirim_atasan_dua_kali(login, ruang, pegawai, atasan):
    klien = login(atasan)
    klien.post(_url(ruang, pegawai), _atasan_data(ruang))
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    resp = klien.post(_url(ruang, pegawai), _atasan_data(ruang, level=(5, 5, 5)), follow=True)
    assert f"{PESAN_KUNCI_TERKIRIM} Tidak ada yang disimpan." in [str(m) for m in resp.context["messages"]]
    with pytest.raises(ValidationError) as exc:
        penilaian_atasan_simpan(actor=atasan.user, peserta=peserta, nilai={}, kirim=True)
    assert exc.value.messages == [PESAN_SUDAH_DIKIRIM]
    assert _potret(peserta) == sebelum


def test_setelah_batas_atasan_tidak_ada_yang_disimpan(login, ruang, pegawai, atasan):
    PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(batas_diri=KEMARIN, batas_atasan=KEMARIN)
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    resp = login(atasan).post(_url(ruang, pegawai), _atasan_data(ruang), follow=True)
    pesan = [str(m) for m in resp.context["messages"]]
    assert len(pesan) == 1 and "sudah lewat" in pesan[0]
    with pytest.raises(ValidationError) as exc:
        penilaian_atasan_simpan(actor=atasan.user, peserta=peserta, nilai={})
    assert exc.value.messages == [PESAN_BATAS_ATASAN_LEWAT]
    assert _potret(peserta) == sebelum


def test_level_tidak_sah_dan_indikator_pada_penilaian_atasan_ditolak(login, ruang, pegawai, atasan):
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    data = _atasan_data(ruang)
    data[f"level_{ruang.kompetensi[2].pk}"] = "6"
    resp = login(atasan).post(_url(ruang, pegawai), data)
    assert resp.context["form"].errors[f"level_{ruang.kompetensi[2].pk}"] == [PESAN_LEVEL_TIDAK_VALID]
    with pytest.raises(ValidationError) as exc:
        penilaian_atasan_simpan(
            actor=atasan.user,
            peserta=peserta,
            nilai={ruang.kompetensi[0].pk: NilaiMasuk(level=2, indikator=ruang.indikator(0, 1))},
        )
    assert exc.value.messages == [PESAN_INDIKATOR_ASING]
    assert _potret(peserta) == sebelum


def test_hanya_atasan_putaran_yang_boleh(login, ruang, pegawai, atasan, kepala_opd, admin_opd, rekan, outsider):
    url = _url(ruang, pegawai)
    # Visible (self, a higher supervisor, the OPD admin, BKD) but not theirs: 403.
    for orang in (pegawai, kepala_opd, admin_opd, ruang.admin_bkd):
        klien = login(orang)
        assert klien.get(url).status_code == 403
        assert klien.post(url, _atasan_data(ruang)).status_code == 403
    for orang in (rekan, outsider):
        assert login(orang).post(url, _atasan_data(ruang)).status_code == 404
    assert not PenilaianKompetensi.objects.exists()
    with pytest.raises(ValidationError) as exc:
        penilaian_atasan_simpan(actor=kepala_opd.user, peserta=ruang.peserta(pegawai), nilai={})
    assert exc.value.messages == [PESAN_BUKAN_ATASAN]


def test_atasan_snapshot_bukan_atasan_sekarang(login, ruang, pegawai, atasan, bidang_a, jabatan_kabid):
    """The round keeps the atasan of the day it opened; a new supervisor does not take over."""
    baru = PegawaiFactory(unit=bidang_a, jabatan=jabatan_kabid)
    from pegawai.models import Pegawai

    Pegawai.objects.filter(pk=pegawai.pk).update(atasan=baru)
    assert login(baru).get(_url(ruang, pegawai)).status_code in (403, 404)
    assert login(atasan).get(_url(ruang, pegawai)).status_code == 200


@pytest.mark.parametrize("jumlah", [1, 5])
def test_jumlah_query_halaman_tetap(
    login, admin_bkd, opd_a, jabatan_staf, pegawai, atasan, django_assert_num_queries, jumlah
):
    standar(jabatan_staf, levels=(2,) * jumlah)
    putaran = buka(admin_bkd.user, [opd_a])
    peserta = putaran.peserta.get(pegawai=pegawai)
    semua = {f"level_{h.kompetensi_id}": "2" for h in peserta.hasil.all()}
    semua |= {f"catatan_{h.kompetensi_id}": "ok" for h in peserta.hasil.all()}
    login(pegawai).post(reverse("kompetensi:peserta-diri", args=[peserta.pk]), semua | {"aksi": "kirim"})
    klien = login(atasan)
    # session, user, akses (2), peserta scope, hasil, levels, indicators, penilaian, nilai,
    # nilai's indicators, the nav's "is atasan"
    with django_assert_num_queries(12):
        assert klien.get(reverse("kompetensi:peserta-atasan", args=[peserta.pk])).status_code == 200
