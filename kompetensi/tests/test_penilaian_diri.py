"""Self-assessment: the page, drafts, submission and lock, and every refusal saving nothing."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompetensi.models import HasilKompetensi, NilaiKompetensi, PenilaianKompetensi, PutaranPenilaian
from kompetensi.selectors.penilaian import PESAN_KUNCI_DITUTUP, PESAN_KUNCI_TERKIRIM
from kompetensi.services.penilaian import (
    PESAN_ALASAN_WAJIB,
    PESAN_BATAS_DIRI_LEWAT,
    PESAN_BELUM_LENGKAP,
    PESAN_BUKAN_PESERTA,
    PESAN_INDIKATOR_ASING,
    PESAN_KOMPETENSI_ASING,
    PESAN_LEVEL_TIDAK_VALID,
    PESAN_LEVEL_WAJIB,
    PESAN_SUDAH_DIKIRIM,
    PESAN_SUDAH_DITUTUP,
    NilaiMasuk,
    penilaian_diri_simpan,
)
from kompetensi.services.putaran import putaran_tutup
from kompetensi.tests.factories import KompetensiFactory
from kompetensi.tests.penilaian_data import KEMARIN, post_penilaian, standar

pytest_plugins = ["kompetensi.tests.penilaian_fixture"]  # the `ruang` fixture
pytestmark = pytest.mark.django_db


def _url(ruang, pegawai):
    return reverse("kompetensi:peserta-diri", args=[ruang.peserta(pegawai).pk])


def _potret(peserta):
    return (
        list(PenilaianKompetensi.objects.filter(peserta=peserta).values_list("pk", "jenis", "status")),
        list(
            NilaiKompetensi.objects.filter(penilaian__peserta=peserta)
            .order_by("pk")
            .values_list("pk", "kompetensi_id", "level", "catatan")
        ),
        sorted(NilaiKompetensi.indikator.through.objects.values_list("nilaikompetensi_id", "indikatorperilaku_id")),
        list(HasilKompetensi.objects.filter(peserta=peserta).order_by("pk").values_list("nilai_diri", "capaian")),
    )


def _lengkap(ruang, level=(2, 3, 4), aksi="kirim"):
    return post_penilaian(
        ruang,
        level=list(level),
        catatan=["Memimpin rapat koordinasi.", "Menyusun laporan bulanan.", "Melayani tamu dinas."],
        indikator=[ruang.indikator(0, 1) + ruang.indikator(0, 2)[:1], [], ruang.indikator(2, 4)[:2]],
        aksi=aksi,
    )


def test_halaman_menampilkan_definisi_level_indikator_dan_tombol(login, ruang, pegawai):
    resp = login(pegawai).get(_url(ruang, pegawai))
    assert resp.status_code == 200
    html = resp.content.decode()
    k = ruang.kompetensi[0]
    assert k.nama in html and k.definisi in html
    for lv in k.level.all():
        assert lv.deskripsi in html
        for ind in lv.indikator.all():
            assert f'name="indikator_{k.pk}" value="{ind.pk}"' in html
            assert ind.teks in html
    assert "Pengetahuan" in html and "Keterampilan" in html and "Sikap" in html  # aspek badges
    for n in range(1, 6):
        assert f'name="level_{k.pk}" id="level-{k.pk}-{n}" value="{n}"' in html
    assert f'name="catatan_{k.pk}"' in html
    assert 'value="draf"' in html and "Simpan draf" in html and 'value="kirim"' in html
    assert "Standar jabatan: level 2" in html


def test_draf_menyimpan_isian_sebagian_tanpa_menghitung_hasil(login, ruang, pegawai):
    klien = login(pegawai)
    ind = ruang.indikator(0, 1)
    data = post_penilaian(ruang, level=[3, None, None], catatan=["Sebagian", "", ""], indikator=[ind, [], []])
    resp = klien.post(_url(ruang, pegawai), data)
    assert resp.status_code == 302
    peserta = ruang.peserta(pegawai)
    penilaian = PenilaianKompetensi.objects.get(peserta=peserta, jenis="diri")
    assert penilaian.status == "draft" and penilaian.penilai_id == pegawai.pk
    nilai = penilaian.nilai.get()
    assert (nilai.kompetensi_id, nilai.level, nilai.catatan) == (ruang.kompetensi[0].pk, 3, "Sebagian")
    assert sorted(nilai.indikator.values_list("pk", flat=True)) == sorted(ind)
    assert set(HasilKompetensi.objects.filter(peserta=peserta).values_list("nilai_diri", flat=True)) == {None}
    # The draft comes back on the page, still editable.
    html = klien.get(_url(ruang, pegawai)).content.decode()
    k = ruang.kompetensi[0].pk
    assert f'id="level-{k}-3" value="3" autocomplete="off" checked' in html
    assert f'value="{ind[0]}" id="ind-{ind[0]}" data-level="1" checked' in html
    assert ">Sebagian</textarea>" in html


def test_kirim_mengunci_dan_menghitung_hasil(login, ruang, pegawai):
    klien = login(pegawai)
    resp = klien.post(_url(ruang, pegawai), _lengkap(ruang))
    assert resp.status_code == 302
    peserta = ruang.peserta(pegawai)
    penilaian = PenilaianKompetensi.objects.get(peserta=peserta, jenis="diri")
    assert penilaian.status == "terkirim" and penilaian.dikirim_pada is not None
    hasil = list(HasilKompetensi.objects.filter(peserta=peserta).order_by("kompetensi_id"))
    assert [h.nilai_diri for h in hasil] == [2, 3, 4]
    assert [h.capaian for h in hasil] == [2, 3, 4]  # the only view so far
    assert [h.gap for h in hasil] == [0, 0, 2]
    peserta.refresh_from_db()
    assert peserta.jpm is not None
    # Read-only afterwards: no inputs, the answers shown.
    html = klien.get(_url(ruang, pegawai)).content.decode()
    assert PESAN_KUNCI_TERKIRIM in html
    assert 'name="level_' not in html and "<textarea" not in html and 'value="kirim"' not in html
    assert "Menyusun laporan bulanan." in html
    ind = ruang.kompetensi[0].level.get(level=1).indikator.first()
    assert ind.teks in html


def test_kirim_tercatat_di_audit_dengan_pelaku(login, ruang, pegawai):
    login(pegawai).post(_url(ruang, pegawai), _lengkap(ruang))
    penilaian = PenilaianKompetensi.objects.get(jenis="diri")
    entri = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PenilaianKompetensi), object_id=penilaian.pk
    ).order_by("pk")
    terakhir = entri.last()
    assert terakhir.actor_id == pegawai.user_id
    assert terakhir.changes_dict["status"] == ["draft", "terkirim"]


def test_kirim_belum_lengkap_ditolak_tanpa_menyimpan(login, ruang, pegawai):
    klien = login(pegawai)
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    data = post_penilaian(ruang, level=[2, None, 3], catatan=["a", "b", ""], aksi="kirim")
    resp = klien.post(_url(ruang, pegawai), data)
    assert resp.status_code == 200
    form = resp.context["form"]
    k = ruang.kompetensi
    assert form.errors[f"level_{k[1].pk}"] == [PESAN_LEVEL_WAJIB]
    assert form.errors[f"catatan_{k[2].pk}"] == [PESAN_ALASAN_WAJIB]
    assert _potret(peserta) == sebelum
    # The service says the same on its own, naming what is missing.
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(
            actor=pegawai.user,
            peserta=peserta,
            nilai={k[0].pk: NilaiMasuk(level=2, catatan="a"), k[1].pk: NilaiMasuk(level=3, catatan=" ")},
            kirim=True,
        )
    assert exc.value.messages == [PESAN_BELUM_LENGKAP.format(isian="alasan", daftar=f"{k[1].nama}, {k[2].nama}")]
    assert _potret(peserta) == sebelum


def test_kirim_dua_kali_pesan_jelas_dan_tidak_ada_yang_berubah(login, ruang, pegawai):
    klien = login(pegawai)
    url = _url(ruang, pegawai)
    assert klien.post(url, _lengkap(ruang)).status_code == 302
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    audit = LogEntry.objects.count()
    # The second tab, with other values, as a submission and as a draft.
    for aksi in ("kirim", "draf"):
        resp = klien.post(url, _lengkap(ruang, level=(5, 5, 5), aksi=aksi), follow=True)
        assert f"{PESAN_KUNCI_TERKIRIM} Tidak ada yang disimpan." in [str(m) for m in resp.context["messages"]]
    assert _potret(peserta) == sebelum
    assert LogEntry.objects.count() == audit
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(actor=pegawai.user, peserta=peserta, nilai={}, kirim=True)
    assert exc.value.messages == [PESAN_SUDAH_DIKIRIM]


def test_setelah_batas_diri_tidak_ada_yang_disimpan(login, ruang, pegawai):
    PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(batas_diri=KEMARIN)
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    klien = login(pegawai)
    resp = klien.post(_url(ruang, pegawai), _lengkap(ruang), follow=True)
    pesan = [str(m) for m in resp.context["messages"]]
    assert len(pesan) == 1 and "sudah lewat" in pesan[0] and "Tidak ada yang disimpan." in pesan[0]
    assert 'name="level_' not in resp.content.decode()  # read-only
    assert _potret(peserta) == sebelum
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(actor=pegawai.user, peserta=peserta, nilai={}, kirim=False)
    assert exc.value.messages == [PESAN_BATAS_DIRI_LEWAT]
    assert _potret(peserta) == sebelum


def test_putaran_ditutup_tidak_ada_yang_disimpan(login, ruang, pegawai, admin_bkd):
    klien = login(pegawai)
    klien.post(_url(ruang, pegawai), _lengkap(ruang, aksi="draf"))
    putaran_tutup(actor=admin_bkd.user, putaran=ruang.putaran)
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    resp = klien.post(_url(ruang, pegawai), _lengkap(ruang), follow=True)
    assert f"{PESAN_KUNCI_DITUTUP} Tidak ada yang disimpan." in [str(m) for m in resp.context["messages"]]
    assert _potret(peserta) == sebelum
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(actor=pegawai.user, peserta=peserta, nilai={}, kirim=False)
    assert exc.value.messages == [PESAN_SUDAH_DITUTUP]


@pytest.mark.parametrize("level", ["0", "6", "abc", "-1", "2.5", "1e1"])
def test_level_di_luar_1_sampai_5_ditolak(login, ruang, pegawai, level):
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    data = _lengkap(ruang, aksi="draf")
    data[f"level_{ruang.kompetensi[0].pk}"] = level
    resp = login(pegawai).post(_url(ruang, pegawai), data)
    assert resp.status_code == 200
    assert resp.context["form"].errors[f"level_{ruang.kompetensi[0].pk}"] == [PESAN_LEVEL_TIDAK_VALID]
    assert PESAN_LEVEL_TIDAK_VALID in resp.content.decode()
    assert _potret(peserta) == sebelum


@pytest.mark.parametrize("level", [0, 6, "3", True])
def test_layanan_menolak_level_tidak_sah(ruang, pegawai, level):
    peserta = ruang.peserta(pegawai)
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(
            actor=pegawai.user, peserta=peserta, nilai={ruang.kompetensi[0].pk: NilaiMasuk(level=level)}
        )
    assert exc.value.messages == [PESAN_LEVEL_TIDAK_VALID]
    assert not PenilaianKompetensi.objects.exists()


def test_indikator_kompetensi_lain_ditolak(login, ruang, pegawai):
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    asing = ruang.indikator(1, 2)[0]  # an indicator of the second competency, ticked under the first
    data = _lengkap(ruang, aksi="draf")
    data[f"indikator_{ruang.kompetensi[0].pk}"] = [str(asing), "abc"]
    resp = login(pegawai).post(_url(ruang, pegawai), data)
    assert resp.status_code == 200
    assert PESAN_INDIKATOR_ASING in resp.context["form"].errors[f"indikator_{ruang.kompetensi[0].pk}"]
    assert _potret(peserta) == sebelum
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(
            actor=pegawai.user,
            peserta=peserta,
            nilai={ruang.kompetensi[0].pk: NilaiMasuk(level=2, indikator=[asing])},
        )
    assert exc.value.messages == [PESAN_INDIKATOR_ASING]
    assert _potret(peserta) == sebelum


def test_kompetensi_di_luar_standar_ditolak(login, ruang, pegawai):
    lain = KompetensiFactory(lengkap=True)
    peserta = ruang.peserta(pegawai)
    sebelum = _potret(peserta)
    data = _lengkap(ruang, aksi="draf")
    data[f"level_{lain.pk}"] = "3"
    resp = login(pegawai).post(_url(ruang, pegawai), data)
    assert resp.status_code == 200
    assert resp.context["form"].non_field_errors() == [PESAN_KOMPETENSI_ASING]
    data = _lengkap(ruang, aksi="draf")
    data["catatan_abc"] = "x"
    assert login(pegawai).post(_url(ruang, pegawai), data).context["form"].non_field_errors() == [
        PESAN_KOMPETENSI_ASING
    ]
    assert _potret(peserta) == sebelum
    with pytest.raises(ValidationError) as exc:
        penilaian_diri_simpan(actor=pegawai.user, peserta=peserta, nilai={lain.pk: NilaiMasuk(level=3)})
    assert exc.value.messages == [PESAN_KOMPETENSI_ASING]
    assert _potret(peserta) == sebelum


def test_layanan_hanya_untuk_peserta_sendiri(ruang, pegawai, atasan, rekan):
    peserta = ruang.peserta(pegawai)
    for orang in (atasan, rekan, ruang.admin_bkd):
        with pytest.raises(ValidationError) as exc:
            penilaian_diri_simpan(actor=orang.user, peserta=peserta, nilai={})
        assert exc.value.messages == [PESAN_BUKAN_PESERTA]
    assert not PenilaianKompetensi.objects.exists()


@pytest.mark.parametrize("siapa", ["atasan", "rekan", "admin_opd", "admin_bkd", "outsider"])
def test_orang_lain_mendapat_404_dan_tidak_mengubah_apa_pun(login, ruang, pegawai, request, siapa):
    peserta = ruang.peserta(pegawai)
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url(ruang, pegawai)).status_code == 404
    assert klien.post(_url(ruang, pegawai), _lengkap(ruang)).status_code == 404
    assert not PenilaianKompetensi.objects.filter(peserta=peserta).exists()


def test_id_sampah_di_url_404(login, pegawai, ruang):
    klien = login(pegawai)
    assert klien.get("/kompetensi/penilaian/peserta/999999/diri/").status_code == 404
    assert klien.get("/kompetensi/penilaian/peserta/99999999999999999999/diri/").status_code == 404


def test_metode_lain_405(login, ruang, pegawai):
    assert login(pegawai).put(_url(ruang, pegawai)).status_code == 405


@pytest.mark.parametrize("jumlah", [1, 6])
def test_jumlah_query_halaman_tetap(login, admin_bkd, opd_a, jabatan_staf, pegawai, django_assert_num_queries, jumlah):
    from kompetensi.tests.penilaian_data import buka

    standar(jabatan_staf, levels=(2,) * jumlah)
    putaran = buka(admin_bkd.user, [opd_a])
    peserta = putaran.peserta.get(pegawai=pegawai)
    klien = login(pegawai)
    klien.post(
        reverse("kompetensi:peserta-diri", args=[peserta.pk]),
        {f"level_{h.kompetensi_id}": "2" for h in peserta.hasil.all()} | {"aksi": "draf"},
    )
    # session, user, akses (2), peserta, hasil, levels, indicators, penilaian, nilai, nilai's
    # indicators, the snapshot unit, the nav's "is atasan"
    with django_assert_num_queries(13):
        assert klien.get(reverse("kompetensi:peserta-diri", args=[peserta.pk])).status_code == 200
