"""Unit goals (SasaranUnit): Admin OPD for their OPD's units, Admin BKD for all; a goal an RHK
supports is deactivated instead of deleted and keeps its unit and year."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluasi.forms.periode import PESAN_FORM_RUSAK
from evaluasi.models import SasaranUnit, Skp
from evaluasi.services.pengaturan import PESAN_SASARAN_GANDA, PESAN_SASARAN_TERPAKAI
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import RhkFactory, SasaranUnitFactory, SkpFactory
from pegawai.tests.factories import UnitKerjaFactory

pytestmark = pytest.mark.django_db

TAHUN = timezone.localdate().year
DAFTAR = reverse("evaluasi:sasaran-list")
BARU = reverse("evaluasi:sasaran-create")


def _url(nama, sasaran):
    return reverse(f"evaluasi:sasaran-{nama}", args=[sasaran.pk])


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _dipakai(sasaran, kepala):
    """An RHK of the unit head's SKP of the year supporting `sasaran`."""
    skp = Skp.objects.filter(pegawai=kepala, tahun=TAHUN).first() or SkpFactory(pegawai=kepala)
    return RhkFactory(skp=skp, sasaran_unit=sasaran)


def _potret():
    return list(
        SasaranUnit.objects.order_by("pk").values_list("pk", "unit_id", "tahun", "uraian", "indikator", "aktif")
    )


# --- list -----------------------------------------------------------------------------------------------


def test_admin_opd_hanya_melihat_sasaran_opdnya_tahun_ini(login, admin_opd, opd_a, bidang_a, opd_b, atasan):
    milik = SasaranUnitFactory(unit=bidang_a, uraian="Meningkatnya mutu guru")
    _dipakai(milik, atasan)
    SasaranUnitFactory(unit=opd_a, tahun=TAHUN - 1, uraian="Sasaran tahun lalu")
    SasaranUnitFactory(unit=opd_b, uraian="Sasaran Dinas Kesehatan")
    response = login(admin_opd).get(DAFTAR)
    assert response.status_code == 200
    assert [(s.uraian, s.jumlah_rhk) for s in response.context["page_obj"]] == [("Meningkatnya mutu guru", 1)]
    html = response.content.decode()
    assert "Sasaran Dinas Kesehatan" not in html and "Nonaktifkan" in html


def test_admin_bkd_menyaring_per_unit_dan_tahun(login, admin_bkd, opd_a, bidang_a, opd_b):
    SasaranUnitFactory(unit=bidang_a, uraian="A")
    SasaranUnitFactory(unit=opd_b, uraian="B")
    SasaranUnitFactory(unit=opd_b, tahun=TAHUN - 1, uraian="B lama")
    klien = login(admin_bkd)
    assert {s.uraian for s in klien.get(DAFTAR).context["page_obj"]} == {"A", "B"}
    hasil = klien.get(DAFTAR, {"unit": opd_b.pk, "tahun": ""}).context["page_obj"]
    assert {s.uraian for s in hasil} == {"B", "B lama"}


def test_saringan_rusak_tidak_500(login, admin_opd, opd_b):
    klien = login(admin_opd)
    for data in ({"tahun": "abc"}, {"unit": "x"}, {"unit": opd_b.pk}, {"unit": "99999999999999999999"}):
        response = klien.get(DAFTAR, data)
        assert response.status_code == 200 and response.context["filter_valid"] is False
        assert list(response.context["page_obj"]) == []


def test_jumlah_query_daftar_sasaran_tetap(login, admin_opd, bidang_a, atasan):
    klien = login(admin_opd)
    for _ in range(2):
        _dipakai(SasaranUnitFactory(unit=bidang_a), atasan)
    klien.get(DAFTAR)
    with CaptureQueriesContext(connection) as sedikit:
        klien.get(DAFTAR)
    for _ in range(5):
        s = SasaranUnitFactory(unit=bidang_a)
        _dipakai(s, atasan)
        _dipakai(s, atasan)
    with CaptureQueriesContext(connection) as banyak:
        assert len(klien.get(DAFTAR).context["page_obj"]) == 7
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)


# --- create ---------------------------------------------------------------------------------------------


def _data(unit, /, **kw):
    data = {
        "token": "tok",
        "unit": str(unit.pk),
        "tahun": str(TAHUN),
        "uraian": "Meningkatnya literasi",
        "indikator": "Indeks literasi",
    }
    data.update(kw)
    return data


def test_admin_opd_menambah_sasaran_unitnya(login, admin_opd, bidang_a):
    response = login(admin_opd).post(BARU, _data(bidang_a))
    sasaran = SasaranUnit.objects.get()
    assert response.status_code == 302 and response.url == f"{DAFTAR}?tahun={TAHUN}&unit={bidang_a.pk}"
    assert (sasaran.unit, sasaran.uraian, sasaran.indikator, sasaran.aktif) == (
        bidang_a,
        "Meningkatnya literasi",
        "Indeks literasi",
        True,
    )


def test_formulir_sasaran_dikirim_dua_kali_membuat_satu_baris(login, admin_opd, bidang_a):
    klien = login(admin_opd)
    klien.post(BARU, _data(bidang_a))
    kedua = klien.post(BARU, _data(bidang_a))
    assert kedua.status_code == 302
    assert _pesan(kedua)[-1] == "Formulir ini sudah dikirim; sasaran tidak dibuat dua kali."
    assert SasaranUnit.objects.count() == 1
    # Another tab (another token) with the same text is refused with a message.
    response = klien.post(BARU, _data(bidang_a, token="tab-2", uraian="meningkatnya literasi "))
    assert response.context["form"].errors["uraian"] == [PESAN_SASARAN_GANDA]
    assert SasaranUnit.objects.count() == 1


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"uraian": "  "}, "uraian", "Uraian sasaran wajib diisi."),
        ({"uraian": "x" * 501}, "uraian", "Sasaran paling panjang 500 karakter."),
        ({"tahun": "duaribu"}, "tahun", "Tahun harus bilangan bulat 2000 sampai 2100."),
        ({"unit": ""}, "unit", "Pilih unit kerja."),
        ({"unit": "abc"}, "unit", "Unit kerja yang dipilih tidak tersedia atau berada di luar OPD yang Anda kelola."),
    ],
)
def test_isian_sasaran_salah_ditolak(login, admin_opd, bidang_a, ubah, field, pesan):
    response = login(admin_opd).post(BARU, _data(bidang_a, **ubah))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [pesan]
    assert not SasaranUnit.objects.exists()


def test_admin_opd_tidak_menambah_sasaran_opd_lain(login, admin_opd, opd_b):
    response = login(admin_opd).post(BARU, _data(opd_b))
    assert response.context["form"].errors["unit"] == [
        "Unit kerja yang dipilih tidak tersedia atau berada di luar OPD yang Anda kelola."
    ]
    assert not SasaranUnit.objects.exists()


def test_unit_nonaktif_tidak_dapat_dipilih(login, admin_opd, opd_a):
    nonaktif = UnitKerjaFactory(induk=opd_a, aktif=False)
    response = login(admin_opd).post(BARU, _data(nonaktif))
    assert "unit" in response.context["form"].errors
    assert not SasaranUnit.objects.exists()


# --- update and delete ------------------------------------------------------------------------------------


def _ubah(sasaran, **kw):
    data = {
        "unit": str(sasaran.unit_id),
        "tahun": str(sasaran.tahun),
        "uraian": sasaran.uraian,
        "indikator": sasaran.indikator,
        "aktif": "on" if sasaran.aktif else "",
        "diubah_pada": sasaran.updated_at.isoformat(),
    }
    data.update(kw)
    return {k: v for k, v in data.items() if v != ""}


def test_sasaran_diubah_dan_dinonaktifkan(login, admin_opd, bidang_a, opd_a):
    sasaran = SasaranUnitFactory(unit=bidang_a)
    response = login(admin_opd).post(
        _url("update", sasaran), _ubah(sasaran, unit=str(opd_a.pk), uraian="Baru", aktif="")
    )
    assert response.status_code == 302
    sasaran.refresh_from_db()
    assert (sasaran.unit, sasaran.uraian, sasaran.aktif) == (opd_a, "Baru", False)


def test_sasaran_terpakai_tetap_di_unit_dan_tahunnya(login, admin_opd, bidang_a, opd_a, atasan):
    sasaran = SasaranUnitFactory(unit=bidang_a)
    _dipakai(sasaran, atasan)
    klien = login(admin_opd)
    assert "didukung oleh 1 RHK" in klien.get(_url("update", sasaran)).content.decode()
    response = klien.post(_url("update", sasaran), _ubah(sasaran, unit=str(opd_a.pk)))
    assert response.context["form"].non_field_errors() == [PESAN_SASARAN_TERPAKAI]
    response = klien.post(_url("update", sasaran), _ubah(sasaran, tahun=str(TAHUN + 1)))
    assert response.context["form"].non_field_errors() == [PESAN_SASARAN_TERPAKAI]
    assert klien.post(_url("update", sasaran), _ubah(sasaran, uraian="Diperbaiki")).status_code == 302
    sasaran.refresh_from_db()
    assert (sasaran.unit, sasaran.tahun, sasaran.uraian) == (bidang_a, TAHUN, "Diperbaiki")


def test_tab_lama_tidak_menimpa_sasaran(login, admin_opd, bidang_a):
    sasaran = SasaranUnitFactory(unit=bidang_a, uraian="Awal")
    klien = login(admin_opd)
    lama = _ubah(sasaran)
    assert klien.post(_url("update", sasaran), {**lama, "uraian": "Tab satu"}).status_code == 302
    response = klien.post(_url("update", sasaran), {**lama, "uraian": "Tab dua"})
    assert response.context["form"].non_field_errors() == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    sasaran.refresh_from_db()
    assert sasaran.uraian == "Tab satu"
    response = klien.post(_url("update", sasaran), {**lama, "diubah_pada": "kemarin"})
    assert response.context["form"].errors["diubah_pada"] == [PESAN_FORM_RUSAK]


def test_sasaran_tanpa_rhk_dihapus(login, admin_opd, bidang_a):
    sasaran = SasaranUnitFactory(unit=bidang_a)
    response = login(admin_opd).post(_url("delete", sasaran))
    assert response.status_code == 302 and _pesan(response) == ["Sasaran unit dihapus."]
    assert not SasaranUnit.objects.exists()


def test_sasaran_terpakai_dinonaktifkan_bukan_dihapus(login, admin_bkd, bidang_a, atasan):
    sasaran = SasaranUnitFactory(unit=bidang_a)
    rhk = _dipakai(sasaran, atasan)
    response = login(admin_bkd).post(_url("delete", sasaran))
    assert response.status_code == 302
    assert _pesan(response) == [
        "Sasaran ini sudah dipakai RHK, sehingga dinonaktifkan dan tidak dihapus. RHK yang memakainya tetap utuh."
    ]
    sasaran.refresh_from_db()
    rhk.refresh_from_db()
    assert sasaran.aktif is False and rhk.sasaran_unit_id == sasaran.pk


def test_hapus_hanya_post(login, admin_opd, bidang_a):
    sasaran = SasaranUnitFactory(unit=bidang_a)
    assert login(admin_opd).get(_url("delete", sasaran)).status_code == 405
    assert SasaranUnit.objects.filter(pk=sasaran.pk).exists()


def test_sasaran_opd_lain_404_untuk_admin_opd(login, admin_opd, opd_b):
    lain = SasaranUnitFactory(unit=opd_b)
    sebelum = _potret()
    klien = login(admin_opd)
    assert klien.get(_url("update", lain)).status_code == 404
    assert klien.post(_url("update", lain), _ubah(lain, uraian="Diubah")).status_code == 404
    assert klien.post(_url("delete", lain)).status_code == 404
    assert _potret() == sebelum


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "outsider"])
def test_bukan_admin_ditolak(login, request, persona, bidang_a):
    sasaran = SasaranUnitFactory(unit=bidang_a)
    klien = login(request.getfixturevalue(persona))
    sebelum = _potret()
    assert klien.get(DAFTAR).status_code == 403
    assert klien.post(BARU, _data(bidang_a)).status_code == 403
    assert klien.post(_url("delete", sasaran)).status_code == 403
    assert _potret() == sebelum
