"""SKP pages end to end through HTTP: the pegawai drafts, the atasan returns, the pegawai fixes
and resubmits, the atasan approves; access (sibling/outsider 404, not-owner 403, locked 403,
wrong method 405); bad input (targets, foreign cascade ids, stale tabs); copying last year's
SKP; pinned query counts of the list, the SKP page and the cascade at two sizes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi.models import EkspektasiKhusus, NilaiDasar, RencanaHasilKerja, Skp
from evaluasi.services import skp as s
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import IndikatorFactory, RhkFactory, skp_uji
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

TAHUN = s.tahun_ini()


def _url(nama: str, *args) -> str:
    return reverse(f"evaluasi:{nama}", args=args)


def _rhk_data(*, versi, jenis="utama", uraian="Tersusunnya dokumen", induk="", indikator=None, **kw) -> dict:
    indikator = indikator if indikator is not None else [{"aspek": "kuantitas", "uraian": "Dokumen", "target": "12"}]
    data = {
        "jenis": jenis,
        "uraian": uraian,
        "induk": induk,
        "versi": str(versi),
        "indikator-TOTAL_FORMS": str(len(indikator)),
        "indikator-INITIAL_FORMS": str(sum(1 for i in indikator if i.get("id"))),
        "indikator-MIN_NUM_FORMS": "0",
        "indikator-MAX_NUM_FORMS": "10",
    }
    for n, i in enumerate(indikator):
        data.update(
            {
                f"indikator-{n}-id": str(i.get("id", "")),
                f"indikator-{n}-aspek": i.get("aspek", "kuantitas"),
                f"indikator-{n}-uraian": i.get("uraian", "Dokumen"),
                f"indikator-{n}-target": i.get("target", "12"),
                f"indikator-{n}-satuan": i.get("satuan", "dokumen"),
            }
        )
        if i.get("DELETE"):
            data[f"indikator-{n}-DELETE"] = "on"
    data.update(kw)
    return data


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


@pytest.fixture
def skp_atasan(atasan):
    return skp_uji(atasan)


# --- the whole journey ---------------------------------------------------------------------------


def test_alur_lengkap_skp_lewat_halaman(client, pegawai, atasan, skp_atasan):
    induk = skp_atasan.rhk.order_by("pk").first()
    client.force_login(pegawai.user)
    assert client.get(_url("skp-saya"))["Location"] == f"{_url('skp-create')}?tahun={TAHUN}"
    r = client.post(_url("skp-create"), {"tahun": str(TAHUN)})
    skp = Skp.objects.get(pegawai=pegawai)
    assert r["Location"] == _url("skp-update", skp.pk)
    assert client.get(_url("skp-saya"))["Location"] == _url("skp-detail", skp.pk)

    r = client.get(_url("skp-rhk-create", skp.pk) + "?jenis=utama")
    assert r.status_code == 200 and induk.uraian[:40] in r.content.decode()
    r = client.post(
        _url("skp-rhk-create", skp.pk),
        _rhk_data(
            versi=skp.versi,
            induk=f"rhk-{induk.pk}",
            indikator=[{"target": "12,5"}, {"aspek": "waktu", "uraian": "Selesai", "target": "12", "satuan": "bulan"}],
        ),
    )
    assert r.status_code == 302
    rhk = RencanaHasilKerja.objects.get(skp=skp)
    assert rhk.rhk_atasan == induk
    assert list(rhk.indikator.order_by("urutan").values_list("target", "satuan")) == [
        (Decimal("12.50"), "dokumen"),
        (Decimal("12.00"), "bulan"),
    ]
    html = client.get(_url("skp-detail", skp.pk)).content.decode()
    assert "12,5 dokumen" in html and "12 bulan" in html
    skp.refresh_from_db()
    r = client.post(_url("skp-ajukan", skp.pk), {"versi": skp.versi}, follow=True)
    assert f"SKP tahun {TAHUN} diajukan kepada {atasan.nama} untuk disetujui." in _pesan(r)

    client.force_login(atasan.user)
    r = client.get(_url("skp-detail", skp.pk))
    assert "Setujui SKP" in r.content.decode() and "menunggu persetujuan Anda" in r.content.decode()
    r = client.post(_url("skp-kembalikan", skp.pk), {"catatan": " "})
    assert r.status_code == 200 and s.PESAN_CATATAN_WAJIB in r.content.decode()
    r = client.post(_url("skp-kembalikan", skp.pk), {"catatan": "Naikkan target dokumen."}, follow=True)
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIKEMBALIKAN

    client.force_login(pegawai.user)
    r = client.get(_url("skp-detail", skp.pk))
    assert "Naikkan target dokumen." in r.content.decode()
    r = client.get(_url("rhk-update", rhk.pk))
    assert r.status_code == 200 and 'value="12,5"' in r.content.decode()
    a, b = rhk.indikator.order_by("urutan")
    r = client.post(
        _url("rhk-update", rhk.pk),
        _rhk_data(
            versi=skp.versi,
            induk=f"rhk-{induk.pk}",
            indikator=[{"id": a.pk, "target": "24"}, {"id": b.pk, "target": "12", "DELETE": True}],
        ),
    )
    assert r.status_code == 302
    assert list(rhk.indikator.values_list("target", flat=True)) == [Decimal("24.00")]
    skp.refresh_from_db()
    client.post(_url("skp-ajukan", skp.pk), {"versi": skp.versi})

    client.force_login(atasan.user)
    r = client.post(_url("skp-setujui", skp.pk), follow=True)
    assert f"SKP tahun {TAHUN} {pegawai.nama} disetujui dan kini terkunci." in _pesan(r)
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DISETUJUI

    client.force_login(pegawai.user)
    r = client.get(_url("skp-update", skp.pk))
    assert r.status_code == 403 and s.PESAN_DISETUJUI in r.content.decode()
    r = client.post(_url("rhk-update", rhk.pk), _rhk_data(versi=skp.versi, uraian="Diubah setelah disetujui"))
    assert r.status_code == 403
    rhk.refresh_from_db()
    assert rhk.uraian == "Tersusunnya dokumen"
    judul = list(Notifikasi.objects.order_by("pk").values_list("penerima_id", "judul"))
    assert judul == [
        (atasan.user.pk, f"SKP {TAHUN} {pegawai.nama} menunggu persetujuan"),
        (pegawai.user.pk, f"SKP {TAHUN} Anda dikembalikan untuk diperbaiki"),
        (atasan.user.pk, f"SKP {TAHUN} {pegawai.nama} menunggu persetujuan"),
        (pegawai.user.pk, f"SKP {TAHUN} Anda disetujui"),
    ]


# --- access -----------------------------------------------------------------------------------


def test_rekan_dan_orang_luar_tidak_melihat_skp(login, pegawai, rekan, outsider, petugas):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    rhk = skp.rhk.first()
    for orang in (rekan, outsider, petugas):
        c = login(orang)
        for url in (_url("skp-detail", skp.pk), _url("skp-ekspektasi", skp.pk), _url("rhk-update", rhk.pk)):
            assert c.get(url).status_code == 404, (orang.nama, url)
        assert c.post(_url("skp-setujui", skp.pk)).status_code == 404
        assert c.post(_url("skp-ajukan", skp.pk), {"versi": skp.versi}).status_code == 404
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN


def test_bukan_pemilik_mendapat_403_saat_mengubah(login, pegawai, atasan, admin_opd):
    skp = skp_uji(pegawai, status=Skp.Status.DRAFT)
    rhk = skp.rhk.first()
    for orang in (atasan, admin_opd):
        c = login(orang)
        assert c.get(_url("skp-update", skp.pk)).status_code == 403
        assert c.get(_url("rhk-update", rhk.pk)).status_code == 403
        r = c.post(_url("skp-rhk-create", skp.pk), _rhk_data(versi=skp.versi, uraian="Titipan"))
        assert r.status_code == 403
        assert c.post(_url("rhk-delete", rhk.pk), {"versi": skp.versi}).status_code == 403
        assert c.post(_url("skp-ajukan", skp.pk), {"versi": skp.versi}).status_code == 403
    assert skp.rhk.count() == 2 and not skp.rhk.filter(uraian="Titipan").exists()
    skp.refresh_from_db()
    assert (skp.status, skp.versi) == (Skp.Status.DRAFT, 1)


def test_pegawai_tidak_dapat_memeriksa_skp_sendiri(login, pegawai):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    c = login(pegawai)
    assert c.get(_url("skp-kembalikan", skp.pk)).status_code == 403
    assert c.post(_url("skp-setujui", skp.pk)).status_code == 403
    assert c.get(_url("skp-ekspektasi", skp.pk)).status_code == 403
    skp.refresh_from_db()
    assert skp.status == Skp.Status.DIAJUKAN


def test_metode_salah_405(login, pegawai, atasan):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    assert login(atasan).get(_url("skp-setujui", skp.pk)).status_code == 405
    assert login(pegawai).get(_url("skp-ajukan", skp.pk)).status_code == 405
    assert login(pegawai).get(_url("skp-salin")).status_code == 405


def test_skp_yang_diajukan_terkunci_dan_halaman_menjelaskan_alasannya(login, pegawai):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    c = login(pegawai)
    r = c.get(_url("skp-update", skp.pk))
    assert r.status_code == 403 and s.PESAN_DIAJUKAN in r.content.decode()
    assert _url("skp-detail", skp.pk) in r.content.decode()
    r = c.get(_url("skp-detail", skp.pk))
    assert s.PESAN_DIAJUKAN in r.content.decode() and "Susun / ubah SKP" not in r.content.decode()


def test_daftar_skp_hanya_dalam_lingkup(login, pegawai, rekan, atasan, outsider, admin_opd, admin_bkd):
    milik_pegawai = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    milik_rekan = skp_uji(rekan, status=Skp.Status.DRAFT)
    milik_luar = skp_uji(outsider, status=Skp.Status.DIAJUKAN)

    def daftar(orang, query=""):
        r = login(orang).get(_url("skp-list") + query)
        assert r.status_code == 200
        return [x.pk for x in r.context["page_obj"]]

    assert daftar(atasan) == [milik_pegawai.pk, milik_rekan.pk]  # waiting for me first
    assert daftar(atasan, "?status=draft") == [milik_rekan.pk]
    assert milik_luar.pk not in daftar(admin_opd)
    assert set(daftar(admin_bkd)) == {milik_pegawai.pk, milik_rekan.pk, milik_luar.pk}
    assert daftar(admin_bkd, f"?tahun={TAHUN - 1}") == []
    assert login(pegawai).get(_url("skp-list")).status_code == 403
    r = login(admin_bkd).get(_url("skp-list") + "?tahun=abc")
    assert r.status_code == 200 and not r.context["filter_valid"]


# --- bad input ----------------------------------------------------------------------------------


def test_target_bukan_angka_ditolak_dengan_pesan_dan_tidak_disimpan(login, pegawai):
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    r = login(pegawai).post(
        _url("skp-rhk-create", skp.pk), _rhk_data(versi=skp.versi, indikator=[{"target": "dua belas"}])
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert s.PESAN_TARGET_ANGKA in html and "Tidak ada yang disimpan." in html
    assert not RencanaHasilKerja.objects.exists()


def test_kaitan_ke_rhk_asing_ditolak_dengan_pesan(login, pegawai, outsider, rekan, skp_atasan):
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    c = login(pegawai)
    for nilai in (f"rhk-{skp_uji(outsider).rhk.first().pk}", f"rhk-{skp_uji(rekan).rhk.first().pk}", "rhk-99999999"):
        r = c.post(_url("skp-rhk-create", skp.pk), _rhk_data(versi=skp.versi, induk=nilai))
        assert r.status_code == 200
        assert s.PESAN_RHK_ATASAN_ASING.format(tahun=TAHUN) in r.content.decode()
    r = c.post(_url("skp-rhk-create", skp.pk), _rhk_data(versi=skp.versi, induk="rhk-abc"))
    assert "Pilihan yang didukung tidak dikenal." in r.content.decode()
    assert not RencanaHasilKerja.objects.filter(skp=skp).exists()


def test_dua_tab_tab_lama_mendapat_pesan(login, pegawai):
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    c = login(pegawai)
    assert c.post(_url("skp-rhk-create", skp.pk), _rhk_data(versi=1, uraian="Tab satu")).status_code == 302
    r = c.post(_url("skp-rhk-create", skp.pk), _rhk_data(versi=1, uraian="Tab dua"))
    assert r.status_code == 200 and PESAN_DIUBAH_DI_TEMPAT_LAIN in r.content.decode()
    assert list(RencanaHasilKerja.objects.values_list("uraian", flat=True)) == ["Tab satu"]


def test_klik_ganda_ajukan_hanya_sekali(login, pegawai, atasan, skp_atasan):
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    s.rhk_simpan(
        actor=pegawai.user,
        skp=skp,
        versi=1,
        jenis="utama",
        uraian="RHK",
        indikator=[s.IndikatorData(aspek="kuantitas", uraian="Dokumen", target="1", satuan="dokumen")],
        rhk_atasan_id=skp_atasan.rhk.first().pk,
    )
    c = login(pegawai)
    assert c.post(_url("skp-ajukan", skp.pk), {"versi": 2}).status_code == 302
    r = c.post(_url("skp-ajukan", skp.pk), {"versi": 2})
    assert r.status_code == 403 and s.PESAN_DIAJUKAN in r.content.decode()
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 1
    skp.refresh_from_db()
    assert (skp.status, skp.versi) == (Skp.Status.DIAJUKAN, 3)


def test_ajukan_skp_belum_lengkap_kembali_ke_halaman_susun_dengan_pesan(login, pegawai):
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    r = login(pegawai).post(_url("skp-ajukan", skp.pk), {"versi": 1}, follow=True)
    assert s.PESAN_AJUKAN_TANPA_UTAMA in _pesan(r)
    assert r.redirect_chain[-1][0] == _url("skp-update", skp.pk)
    r = login(pegawai).post(_url("skp-ajukan", skp.pk), {"versi": "x"}, follow=True)
    assert "Formulir tidak lengkap. Muat ulang halaman, lalu ulangi perubahan Anda." in _pesan(r)


def test_buat_skp_dua_kali_membuka_skp_yang_ada(login, pegawai):
    c = login(pegawai)
    c.post(_url("skp-create"), {"tahun": str(TAHUN)})
    r = c.post(_url("skp-create"), {"tahun": str(TAHUN)}, follow=True)
    skp = Skp.objects.get(pegawai=pegawai)
    assert r.redirect_chain[-1][0] == _url("skp-detail", skp.pk)
    assert s.PESAN_SUDAH_ADA.format(tahun=TAHUN) in _pesan(r)
    r = c.post(_url("skp-create"), {"tahun": "1999"})
    assert r.status_code == 200 and s.PESAN_TAHUN.format(awal=TAHUN - 1, akhir=TAHUN + 1) in r.content.decode()
    assert Skp.objects.count() == 1


def test_buat_dan_salin_hanya_untuk_diri_sendiri(login, atasan, pegawai):
    skp_uji(pegawai, tahun=TAHUN - 1)
    c = login(atasan)
    c.post(_url("skp-create"), {"tahun": str(TAHUN), "pegawai": str(pegawai.pk)})
    assert list(Skp.objects.filter(tahun=TAHUN).values_list("pegawai_id", flat=True)) == [atasan.pk]
    c.post(_url("skp-salin"), {"tahun": str(TAHUN + 1), "pegawai": str(pegawai.pk)})
    assert sorted(Skp.objects.filter(tahun__gte=TAHUN).values_list("pegawai_id", "tahun")) == [
        (atasan.pk, TAHUN),
        (atasan.pk, TAHUN + 1),
    ]


def test_salin_skp_tahun_lalu_satu_klik(login, pegawai, atasan):
    skp_atasan_lalu = skp_uji(atasan, tahun=TAHUN - 1)
    skp_uji(pegawai, tahun=TAHUN - 1, rhk_atasan=skp_atasan_lalu.rhk.first(), jumlah_rhk=3)
    c = login(pegawai)
    r = c.get(_url("skp-create"))
    assert f"Salin SKP {TAHUN - 1} ke {TAHUN}" in r.content.decode()
    r = c.post(_url("skp-salin"), {"tahun": str(TAHUN)}, follow=True)
    baru = Skp.objects.get(pegawai=pegawai, tahun=TAHUN)
    assert r.redirect_chain[-1][0] == _url("skp-update", baru.pk)
    pesan = _pesan(r)
    assert f"SKP tahun {TAHUN} dibuat dari SKP tahun {TAHUN - 1}: 3 RHK dan 3 indikator disalin sebagai draf." in pesan
    assert any(p.startswith("3 RHK Utama perlu dihubungkan kembali") for p in pesan)
    assert baru.rhk.filter(rhk_atasan__isnull=True).count() == 3


def test_atasan_belum_punya_skp_diberi_tahu(login, pegawai, atasan):
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    r = login(pegawai).get(_url("skp-rhk-create", skp.pk))
    assert f"Atasan Anda, {atasan.nama}, belum menyusun SKP tahun {TAHUN}" in r.content.decode()


def test_rhk_dengan_realisasi_tidak_dapat_dihapus_lewat_halaman(login, pegawai, atasan):
    skp_pegawai_lain = PegawaiFactory(unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=pegawai)
    skp = s.skp_buat(actor=pegawai.user, tahun=TAHUN)
    induk = s.rhk_simpan(
        actor=pegawai.user,
        skp=skp,
        versi=1,
        jenis="tambahan",
        uraian="Acuan bawahan",
        indikator=[s.IndikatorData(aspek="kuantitas", uraian="Dokumen", target="1", satuan="dokumen")],
    )
    skp_uji(skp_pegawai_lain, rhk_atasan=induk)
    r = login(pegawai).post(_url("rhk-delete", induk.pk), {"versi": 2}, follow=True)
    assert s.PESAN_RHK_DIDUKUNG.format(jumlah=1) in _pesan(r)
    assert RencanaHasilKerja.objects.filter(pk=induk.pk).exists()


# --- ekspektasi ---------------------------------------------------------------------------------


def test_atasan_menulis_ekspektasi_lewat_halaman(login, pegawai, atasan):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN)
    nilai = list(NilaiDasar.objects.order_by("urutan"))
    c = login(atasan)
    r = c.get(_url("skp-ekspektasi", skp.pk))
    html = r.content.decode()
    assert r.status_code == 200 and all(n.nama in html for n in nilai)
    jejak = r.context["form"].initial["jejak"]
    data = {"jejak": jejak, f"nilai_{nilai[0].pk}": "Melayani dengan ramah.", f"nilai_{nilai[3].pk}": ""}
    r = c.post(_url("skp-ekspektasi", skp.pk), data, follow=True)
    assert "Ekspektasi khusus pimpinan disimpan (1 dari 7 nilai)." in _pesan(r)
    assert "Melayani dengan ramah." in r.content.decode()
    r = c.post(_url("skp-ekspektasi", skp.pk), {**data, f"nilai_{nilai[0].pk}": "Tab lama"})
    assert PESAN_DIUBAH_DI_TEMPAT_LAIN in r.content.decode()
    assert EkspektasiKhusus.objects.get().teks == "Melayani dengan ramah."
    # The pegawai reads it on their SKP.
    assert "Melayani dengan ramah." in login(pegawai).get(_url("skp-detail", skp.pk)).content.decode()


# --- query counts (two sizes) ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 6])
def test_jumlah_query_daftar_skp_tetap(login, atasan, bidang_a, jabatan_staf, django_assert_num_queries, n):
    for _ in range(n):
        skp_uji(PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan), status=Skp.Status.DIAJUKAN)
    PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)  # one without an SKP
    c = login(atasan)
    # session, user, akses (2), unit options (units + selected), count, page, status summary,
    # subordinates without SKP, nav is_atasan.
    with django_assert_num_queries(10):
        r = c.get(_url("skp-list"))
    assert r.context["page_obj"].paginator.count == n and len(r.context["tanpa_skp"]) == 1


@pytest.mark.parametrize("n", [2, 6])
def test_jumlah_query_halaman_skp_tetap(login, pegawai, atasan, skp_atasan, django_assert_num_queries, n):
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN, rhk_atasan=skp_atasan.rhk.first(), jumlah_rhk=n)
    for rhk in skp.rhk.all():
        IndikatorFactory(rhk=rhk)
    RhkFactory(skp=skp, jenis="tambahan")
    c = login(atasan)
    # session, user, akses (2), SKP, RHK, indicators, values, value indicators, ekspektasi,
    # periods of the year (ekspektasi open), nav is_atasan.
    with django_assert_num_queries(12):
        r = c.get(_url("skp-detail", skp.pk))
    assert len(r.context["d"].utama) == n


@pytest.mark.parametrize("n", [2, 6])
def test_jumlah_query_kaskade_tetap(login, atasan, bidang_a, jabatan_staf, django_assert_num_queries, n):
    skp_atasan = skp_uji(atasan, jumlah_rhk=3)
    induk = skp_atasan.rhk.order_by("pk").first()
    for i in range(n):
        bawahan = PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        skp_uji(bawahan, rhk_atasan=induk if i % 2 == 0 else None, status=Skp.Status.DIAJUKAN)
    PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
    c = login(atasan)
    # session, user, akses (2), is_atasan (role check), own RHK (with the SKP), subordinates'
    # RHK, subordinates without SKP.
    with django_assert_num_queries(8):
        r = c.get(_url("skp-kaskade"))
    k = r.context["k"]
    assert len(k.rhk[0].pendukung) == (n + 1) // 2
    # every subordinate SKP has 2 Utama rows; the linked ones have one unlinked row left.
    assert len(k.belum_terhubung) == 2 * n - (n + 1) // 2
    assert len(k.bawahan_tanpa_skp) == 1


def test_kaskade_atasan_tanpa_skp_menyebut_rhk_bawahan_yang_belum_terhubung(login, atasan, pegawai):
    skp_uji(pegawai, status=Skp.Status.DRAFT, jumlah_rhk=1)
    r = login(atasan).get(_url("skp-kaskade"))
    html = r.content.decode()
    assert f"Anda belum menyusun SKP tahun {TAHUN}" in html
    assert [b.skp.pegawai_id for b in r.context["k"].belum_terhubung] == [pegawai.pk]
    assert login(pegawai).get(_url("skp-kaskade")).status_code == 403
