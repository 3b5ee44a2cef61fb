"""The peer's own form: draft, submission (anonymous answers), release of the mean, and every
refusal saving nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompetensi.models import HasilKompetensi, JawabanRekan, PenugasanRekan, PesertaPenilaian, PutaranPenilaian
from kompetensi.selectors.penilaian import PESAN_KUNCI_DITUTUP
from kompetensi.services.penilaian import PESAN_KOMPETENSI_ASING, PESAN_LEVEL_TIDAK_VALID, PESAN_LEVEL_WAJIB
from kompetensi.services.putaran import putaran_tutup
from kompetensi.services.rekan import (
    PESAN_REKAN_BATAS_LEWAT,
    PESAN_REKAN_BELUM_LENGKAP,
    PESAN_REKAN_BUKAN_PENILAI,
    PESAN_REKAN_DIBUKA_ISI,
    PESAN_REKAN_SUDAH_DIKIRIM,
    rekan_isi_simpan,
)
from kompetensi.tests.factories import KompetensiFactory
from kompetensi.tests.penilaian_data import KEMARIN, buka, standar

pytest_plugins = ["kompetensi.tests.penilaian_fixture"]  # the `ruang` fixture
pytestmark = pytest.mark.django_db


def _url(penugasan):
    return reverse("kompetensi:rekan-isi", args=[penugasan.pk])


def _data(ruang, levels, aksi="kirim"):
    data = {"aksi": aksi}
    for k, level in zip(ruang.kompetensi, levels, strict=True):
        if level is not None:
            data[f"level_{k.pk}"] = str(level)
    return data


def _potret():
    return (
        list(PenugasanRekan.objects.order_by("pk").values_list("pk", "status", "draf", "dikirim_pada")),
        list(JawabanRekan.objects.order_by("pk").values_list("peserta_id", "kompetensi_id", "level")),
        list(PesertaPenilaian.objects.order_by("pk").values_list("rekan_dibuka", "jpm")),
    )


@pytest.fixture
def tugas(ruang, pegawai, rekan):
    """`rekan` and two more peers must rate `pegawai`."""
    return ruang.tugaskan(pegawai, [rekan, ruang.lain[0], ruang.lain[1]])


def test_halaman_hanya_orang_yang_dinilai_dan_deskripsi_level(login, ruang, tugas, rekan, pegawai):
    resp = login(rekan).get(_url(tugas[0]))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert pegawai.nama_lengkap in html and "Analis SDM Aparatur" in html and pegawai.unit.nama in html
    for k in ruang.kompetensi:
        assert k.nama in html
        for lv in k.level.all():
            assert lv.deskripsi in html
            assert f'name="level_{k.pk}" value="{lv.level}"' in html
    assert "<textarea" not in html  # no free text
    assert "Jawaban Anda anonim." in html and "paling sedikit 3 rekan" in html
    for lain in ruang.lain:  # nothing about the other peers
        assert lain.nama not in html


def test_draf_tersimpan_di_penugasan_saja(login, ruang, tugas, rekan):
    klien = login(rekan)
    assert klien.post(_url(tugas[0]), _data(ruang, [2, None, 4], aksi="draf")).status_code == 302
    p = PenugasanRekan.objects.get(pk=tugas[0].pk)
    assert p.status == "ditugaskan"
    assert p.draf == {str(ruang.kompetensi[0].pk): 2, str(ruang.kompetensi[2].pk): 4}
    assert not JawabanRekan.objects.exists()
    html = klien.get(_url(tugas[0])).content.decode()
    assert f'name="level_{ruang.kompetensi[2].pk}" value="4" id="level-{ruang.kompetensi[2].pk}-4" checked' in html


def test_kirim_menulis_jawaban_anonim_dan_mengosongkan_draf(login, ruang, tugas, rekan, pegawai):
    klien = login(rekan)
    klien.post(_url(tugas[0]), _data(ruang, [1, 1, 1], aksi="draf"))
    resp = klien.post(_url(tugas[0]), _data(ruang, [3, 4, 5]))
    assert resp.status_code == 302 and resp["Location"] == reverse("kompetensi:tugas")
    p = PenugasanRekan.objects.get(pk=tugas[0].pk)
    assert (p.status, p.draf) == ("terkirim", {}) and p.dikirim_pada is not None
    peserta = ruang.peserta(pegawai)
    assert sorted(JawabanRekan.objects.values_list("peserta_id", "kompetensi_id", "level")) == [
        (peserta.pk, k.pk, level) for k, level in zip(ruang.kompetensi, [3, 4, 5], strict=True)
    ]
    # One of three: not released, results untouched by peers.
    assert not PesertaPenilaian.objects.get(pk=peserta.pk).rekan_dibuka
    assert set(HasilKompetensi.objects.filter(peserta=peserta).values_list("rekan_jumlah", flat=True)) == {0}
    # Afterwards the page says only that it was sent.
    html = klien.get(_url(tugas[0])).content.decode()
    assert "Anda sudah mengirim penilaian rekan" in html
    assert 'name="level_' not in html and "checked" not in html


def test_ketiga_rekan_mengirim_membuka_rata_rata_dan_menghitung_hasil(login, ruang, tugas, pegawai):
    peserta = ruang.peserta(pegawai)
    for p, levels in zip(tugas, ([1, 2, 3], [2, 2, 3], [3, 5, 3]), strict=True):
        assert login(p.penilai).post(_url(p), _data(ruang, levels)).status_code == 302
    peserta.refresh_from_db()
    assert peserta.rekan_dibuka
    hasil = list(HasilKompetensi.objects.filter(peserta=peserta).order_by("kompetensi_id"))
    assert [(h.rekan_jumlah, h.rekan_total) for h in hasil] == [(3, 6), (3, 9), (3, 9)]
    assert [h.capaian for h in hasil] == [2, 3, 3]  # peers alone
    assert peserta.jpm is not None


def test_kirim_belum_lengkap_ditolak(login, ruang, tugas, rekan):
    sebelum = _potret()
    resp = login(rekan).post(_url(tugas[0]), _data(ruang, [3, None, 3]))
    assert resp.status_code == 200
    assert resp.context["form"].errors[f"level_{ruang.kompetensi[1].pk}"] == [PESAN_LEVEL_WAJIB]
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], level={ruang.kompetensi[0].pk: 3}, kirim=True)
    assert exc.value.messages == [PESAN_REKAN_BELUM_LENGKAP]
    assert _potret() == sebelum


def test_kirim_dua_kali_tanpa_jawaban_ganda(login, ruang, tugas, rekan):
    klien = login(rekan)
    klien.post(_url(tugas[0]), _data(ruang, [3, 3, 3]))
    sebelum = _potret()
    resp = klien.post(_url(tugas[0]), _data(ruang, [5, 5, 5]), follow=True)
    assert any(
        "sudah dikirim" in m and "Tidak ada yang disimpan." in m for m in (str(x) for x in resp.context["messages"])
    )
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], level={k.pk: 5 for k in ruang.kompetensi}, kirim=True)
    assert exc.value.messages == [PESAN_REKAN_SUDAH_DIKIRIM]
    assert _potret() == sebelum
    assert JawabanRekan.objects.count() == len(ruang.kompetensi)


@pytest.mark.parametrize("level", ["0", "6", "abc", "", "3.5"])
def test_level_tidak_sah_ditolak(login, ruang, tugas, rekan, level):
    sebelum = _potret()
    data = _data(ruang, [3, 3, 3])
    data[f"level_{ruang.kompetensi[0].pk}"] = level
    resp = login(rekan).post(_url(tugas[0]), data)
    assert resp.status_code == 200
    assert resp.context["form"].errors[f"level_{ruang.kompetensi[0].pk}"] in (
        [PESAN_LEVEL_TIDAK_VALID],
        [PESAN_LEVEL_WAJIB],  # empty
    )
    assert _potret() == sebelum


@pytest.mark.parametrize("level", [0, 6, -1, True, "4"])
def test_layanan_menolak_level_tidak_sah(ruang, tugas, rekan, level):
    sebelum = _potret()
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(
            actor=rekan.user, penugasan=tugas[0], level={k.pk: level for k in ruang.kompetensi}, kirim=True
        )
    assert exc.value.messages == [PESAN_LEVEL_TIDAK_VALID]
    assert _potret() == sebelum


def test_kompetensi_asing_ditolak(login, ruang, tugas, rekan):
    lain = KompetensiFactory()
    sebelum = _potret()
    data = _data(ruang, [3, 3, 3])
    data[f"level_{lain.pk}"] = "3"
    resp = login(rekan).post(_url(tugas[0]), data)
    assert resp.context["form"].non_field_errors() == [PESAN_KOMPETENSI_ASING]
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], level={lain.pk: 3}, kirim=False)
    assert exc.value.messages == [PESAN_KOMPETENSI_ASING]
    assert _potret() == sebelum


def test_setelah_batas_rekan_tidak_ada_yang_disimpan(login, ruang, tugas, rekan):
    PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(batas_diri=KEMARIN, batas_rekan=KEMARIN)
    sebelum = _potret()
    resp = login(rekan).post(_url(tugas[0]), _data(ruang, [3, 3, 3]), follow=True)
    assert any("sudah lewat" in str(m) for m in resp.context["messages"])
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], level={}, kirim=False)
    assert exc.value.messages == [PESAN_REKAN_BATAS_LEWAT]
    assert _potret() == sebelum


def test_putaran_ditutup_atau_rata_rata_dibuka(login, ruang, tugas, rekan, pegawai, admin_bkd):
    PesertaPenilaian.objects.filter(pk=ruang.peserta(pegawai).pk).update(rekan_dibuka=True)
    sebelum = _potret()
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], level={k.pk: 3 for k in ruang.kompetensi}, kirim=True)
    assert exc.value.messages == [PESAN_REKAN_DIBUKA_ISI]
    assert _potret() == sebelum
    putaran_tutup(actor=admin_bkd.user, putaran=ruang.putaran)
    sebelum = _potret()
    resp = login(rekan).post(_url(tugas[0]), _data(ruang, [3, 3, 3]), follow=True)
    assert f"{PESAN_KUNCI_DITUTUP} Tidak ada yang disimpan." in [str(m) for m in resp.context["messages"]]
    assert _potret() == sebelum


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "admin_opd", "admin_bkd", "outsider", "petugas"])
def test_bukan_penilainya_404(login, ruang, tugas, request, siapa):
    sebelum = _potret()
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url(tugas[0])).status_code == 404
    assert klien.post(_url(tugas[0]), _data(ruang, [3, 3, 3])).status_code == 404
    assert _potret() == sebelum


def test_rekan_lain_tidak_dapat_membuka_penugasan_orang_lain(login, ruang, tugas, rekan):
    """Another peer of the same person cannot rate through someone else's assignment."""
    sebelum = _potret()
    lain = tugas[1].penilai
    assert login(lain).post(_url(tugas[0]), _data(ruang, [1, 1, 1])).status_code == 404
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=lain.user, penugasan=tugas[0], level={}, kirim=False)
    assert exc.value.messages == [PESAN_REKAN_BUKAN_PENILAI]
    assert _potret() == sebelum


def test_menilai_orang_yang_tidak_ditugaskan(login, ruang, pegawai, rekan):
    """`rekan` is assigned to nobody: no assignment id of theirs exists, any other is a 404."""
    tugas_lain = ruang.tugaskan(ruang.lain[2], [pegawai, ruang.lain[0], ruang.lain[1]])
    sebelum = _potret()
    klien = login(rekan)
    for p in tugas_lain:
        assert klien.post(_url(p), _data(ruang, [5, 5, 5])).status_code == 404
    assert klien.get("/kompetensi/penilaian/rekan/0/").status_code == 404
    assert _potret() == sebelum


def test_penugasan_dihapus_saat_mengisi(ruang, tugas, rekan):
    PenugasanRekan.objects.filter(pk=tugas[0].pk).delete()
    with pytest.raises(ValidationError) as exc:
        rekan_isi_simpan(actor=rekan.user, penugasan=tugas[0], level={k.pk: 3 for k in ruang.kompetensi}, kirim=True)
    assert exc.value.messages == [PESAN_REKAN_BUKAN_PENILAI]
    assert not JawabanRekan.objects.exists()


@pytest.mark.parametrize("jumlah", [1, 6])
def test_jumlah_query_halaman_tetap(
    login, admin_bkd, opd_a, jabatan_staf, pegawai, rekan, django_assert_num_queries, jumlah
):
    standar(jabatan_staf, levels=(2,) * jumlah)
    putaran = buka(admin_bkd.user, [opd_a])
    peserta = putaran.peserta.get(pegawai=pegawai)
    p = PenugasanRekan.objects.create(peserta=peserta, penilai=rekan, ditugaskan_oleh=admin_bkd.user)
    klien = login(rekan)
    # session, user, akses (2), assignment, hasil, levels, the nav's "is atasan"
    with django_assert_num_queries(8):
        assert klien.get(_url(p)).status_code == 200
