"""A unit's predikat kinerja organisasi: set by the leader one level up (or the OPD's admin, or
BKD), audited, refused once the period is closed; the page shows the unit's spread against
the curve for every choice."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from evaluasi.models import EvaluasiPegawai, Periode, PredikatOrganisasi
from evaluasi.rules import predikat_dari
from evaluasi.services.kurva import (
    PESAN_CATATAN_PANJANG,
    PESAN_PERIODE_DITUTUP,
    PESAN_PREDIKAT,
    PESAN_TIDAK_BERWENANG,
    predikat_organisasi_tetapkan,
)
from evaluasi.services.periode import evaluasi_siapkan, periode_lanjut
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import periode_uji
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

URL = reverse("evaluasi:predikatorg-set")


@pytest.fixture
def periode(admin_bkd, kepala_opd, atasan, pegawai, rekan, outsider, admin_opd):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    for p, hasil, perilaku in ((pegawai, "sesuai", "sesuai"), (rekan, "di_atas", "di_atas")):
        EvaluasiPegawai.objects.filter(periode=periode, pegawai=p).update(
            rating_hasil=hasil, rating_perilaku=perilaku, predikat=predikat_dari(hasil, perilaku), status="final"
        )
    return periode


def _url(periode, unit) -> str:
    return f"{URL}?{urlencode({'periode': periode.pk, 'unit': unit.pk})}"


def _potret():
    return list(PredikatOrganisasi.objects.order_by("pk").values_list("periode_id", "unit_id", "predikat", "catatan"))


# --- the service -----------------------------------------------------------------------------------------


def test_pimpinan_satu_tingkat_di_atas_menetapkan_dan_penilai_unit_diberi_tahu(periode, kepala_opd, atasan, bidang_a):
    obj = predikat_organisasi_tetapkan(
        actor=kepala_opd.user, periode=periode, unit=bidang_a, predikat="baik", catatan="Capaian IKU 95%."
    )
    assert (obj.predikat, obj.catatan, obj.ditetapkan_oleh, obj.ditetapkan_oleh_pegawai) == (
        "baik",
        "Capaian IKU 95%.",
        kepala_opd.user,
        kepala_opd,
    )
    # The raters of the unit's staff: atasan (of pegawai and rekan) and kepala_opd (of atasan).
    penerima = set(Notifikasi.objects.values_list("penerima_id", flat=True))
    assert penerima == {atasan.user_id, kepala_opd.user_id}
    assert (
        Notifikasi.objects.filter(penerima=atasan.user).get().judul
        == f"Predikat kinerja organisasi {bidang_a.nama}: Baik"
    )

    # Changed: one row, audited; the same value again notifies nobody twice.
    predikat_organisasi_tetapkan(actor=kepala_opd.user, periode=periode, unit=bidang_a, predikat="istimewa")
    predikat_organisasi_tetapkan(actor=kepala_opd.user, periode=periode, unit=bidang_a, predikat="istimewa")
    assert _potret() == [(periode.pk, bidang_a.pk, "istimewa", "")]
    jenis = ContentType.objects.get_for_model(PredikatOrganisasi)
    assert list(LogEntry.objects.filter(content_type=jenis).values_list("action", flat=True).order_by("pk")) == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 2
    # Back to the first value: a change again, so the raters hear of it again.
    predikat_organisasi_tetapkan(actor=kepala_opd.user, periode=periode, unit=bidang_a, predikat="baik")
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 3


@pytest.mark.parametrize("persona", ["admin_opd", "admin_bkd"])
def test_admin_opd_dan_bkd_boleh_menetapkan(request, periode, bidang_a, persona):
    actor = request.getfixturevalue(persona).user
    predikat_organisasi_tetapkan(actor=actor, periode=periode, unit=bidang_a, predikat="kurang")
    assert _potret() == [(periode.pk, bidang_a.pk, "kurang", "")]


@pytest.mark.parametrize(("persona", "unit"), [("atasan", "bidang_a"), ("pegawai", "bidang_a"), ("admin_opd", "opd_b")])
def test_yang_tidak_berwenang_ditolak(request, periode, persona, unit):
    with pytest.raises(ValidationError) as e:
        predikat_organisasi_tetapkan(
            actor=request.getfixturevalue(persona).user,
            periode=periode,
            unit=request.getfixturevalue(unit),
            predikat="baik",
        )
    assert e.value.messages == [PESAN_TIDAK_BERWENANG]
    assert _potret() == []


def test_periode_ditutup_menolak(periode, admin_bkd, bidang_a):
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="penilaian")
    with pytest.raises(ValidationError) as e:
        predikat_organisasi_tetapkan(actor=admin_bkd.user, periode=periode, unit=bidang_a, predikat="baik")
    assert e.value.messages == [PESAN_PERIODE_DITUTUP]
    assert _potret() == []


@pytest.mark.parametrize(
    ("kw", "galat"),
    [
        ({"predikat": "luar_biasa"}, {"predikat": [PESAN_PREDIKAT]}),
        ({"predikat": ""}, {"predikat": [PESAN_PREDIKAT]}),
        ({"predikat": "baik", "catatan": "x" * 2001}, {"catatan": [PESAN_CATATAN_PANJANG]}),
    ],
)
def test_isian_salah_ditolak(periode, admin_bkd, bidang_a, kw, galat):
    with pytest.raises(ValidationError) as e:
        predikat_organisasi_tetapkan(actor=admin_bkd.user, periode=periode, unit=bidang_a, **kw)
    assert e.value.message_dict == galat
    assert _potret() == []


def test_penetapan_dari_tab_lama_ditolak(periode, admin_bkd, kepala_opd, bidang_a):
    predikat_organisasi_tetapkan(actor=kepala_opd.user, periode=periode, unit=bidang_a, predikat="baik", semula="")
    with pytest.raises(ValidationError) as e:
        predikat_organisasi_tetapkan(actor=admin_bkd.user, periode=periode, unit=bidang_a, predikat="kurang", semula="")
    assert e.value.messages == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert _potret() == [(periode.pk, bidang_a.pk, "baik", "")]


# --- the page ---------------------------------------------------------------------------------------------


def test_pimpinan_melihat_unit_yang_dipimpinnya(login, periode, kepala_opd, bidang_a):
    response = login(kepala_opd).get(URL)
    assert response.status_code == 200
    assert [u.pk for u in response.context["page_obj"]] == [bidang_a.pk]
    assert _url(periode, bidang_a).replace("&", "&amp;") in response.content.decode()


def test_halaman_unit_menampilkan_sebaran_dan_akibat_setiap_pilihan(login, periode, kepala_opd, bidang_a):
    response = login(kepala_opd).get(_url(periode, bidang_a))
    assert response.status_code == 200
    assert response.context["kurva"].hitung == {"baik": 1, "sangat_baik": 1}
    pilihan = {p["kode"]: p for p in response.context["pilihan"]}
    assert pilihan["istimewa"]["pelanggaran"] == []
    assert pilihan["baik"]["pelanggaran"] == [
        "Harus ada Butuh Perbaikan atau Kurang/Misconduct; saat ini 0 dari 2 pegawai (0%)."
    ]
    html = response.content.decode()
    assert "Sangat Baik paling banyak 70%" in html
    assert "Predikat kinerja organisasi belum ditetapkan" in html
    assert "2 penilaian di unit ini sudah final" in html


def test_pimpinan_menetapkan_lewat_halaman(login, periode, kepala_opd, bidang_a):
    klien = login(kepala_opd)
    response = klien.post(_url(periode, bidang_a), {"predikat": "baik", "catatan": "", "semula": ""})
    assert response.status_code == 302 and response.url == _url(periode, bidang_a)
    assert _potret() == [(periode.pk, bidang_a.pk, "baik", "")]
    html = klien.get(_url(periode, bidang_a)).content.decode()
    assert "Sebaran melanggar kurva untuk predikat Baik" in html


def test_pilihan_salah_di_halaman(login, periode, kepala_opd, bidang_a):
    response = login(kepala_opd).post(_url(periode, bidang_a), {"predikat": "hebat"})
    assert response.status_code == 200
    assert response.context["form"].errors["predikat"] == [PESAN_PREDIKAT]
    assert _potret() == []


def test_dua_tab_halaman_predikat(login, periode, kepala_opd, admin_opd, bidang_a):
    login(kepala_opd).post(_url(periode, bidang_a), {"predikat": "baik", "semula": ""})
    response = login(admin_opd).post(_url(periode, bidang_a), {"predikat": "kurang", "semula": ""})
    assert response.context["form"].non_field_errors() == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert _potret() == [(periode.pk, bidang_a.pk, "baik", "")]


def test_periode_ditutup_halaman_hanya_baca(login, periode, admin_bkd, bidang_a):
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="penilaian")
    klien = login(admin_bkd)
    html = klien.get(_url(periode, bidang_a)).content.decode()
    assert "predikat kinerja organisasi tidak dapat diubah lagi" in html and 'name="predikat"' not in html
    response = klien.post(_url(periode, bidang_a), {"predikat": "baik", "semula": ""})
    assert response.context["form"].non_field_errors() == [PESAN_PERIODE_DITUTUP]
    assert _potret() == []


def test_akses_halaman_predikat(login, periode, atasan, pegawai, admin_opd, bidang_a, opd_b):
    # atasan leads no unit one level down (their staff work in their own unit).
    assert login(atasan).get(URL).status_code == 403
    assert login(atasan).get(_url(periode, bidang_a)).status_code == 403  # visible, not theirs to set
    assert login(atasan).get(_url(periode, opd_b)).status_code == 404
    assert login(atasan).post(_url(periode, bidang_a), {"predikat": "baik"}).status_code == 403
    assert login(pegawai).get(_url(periode, bidang_a)).status_code == 403  # not a leader nor an admin
    assert login(admin_opd).get(_url(periode, opd_b)).status_code == 404
    assert login(admin_opd).post(_url(periode, opd_b), {"predikat": "baik"}).status_code == 404
    assert _potret() == []


@pytest.mark.parametrize(
    "query",
    [
        "?unit=abc",
        "?unit=99999999",
        "?periode=abc&unit={unit}",
        "?periode=999999&unit={unit}",
        "?unit=99999999999999999999999",
    ],
)
def test_parameter_rusak_404(login, periode, admin_bkd, bidang_a, query):
    assert login(admin_bkd).get(URL + query.format(unit=bidang_a.pk)).status_code == 404


def test_post_tanpa_unit_404(login, periode, admin_bkd):
    assert login(admin_bkd).post(URL, {"predikat": "baik"}).status_code == 404


def test_jumlah_query_halaman_predikat_tetap(
    login, periode, admin_bkd, kepala_opd, bidang_a, opd_a, jabatan_staf, atasan
):
    klien = login(admin_bkd)
    url = _url(periode, bidang_a)
    klien.get(url)
    klien.get(URL)
    with CaptureQueriesContext(connection) as halaman:
        klien.get(url)
    with CaptureQueriesContext(connection) as pilih:
        klien.get(URL)
    for _ in range(5):
        PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        UnitKerjaFactory(induk=opd_a)
    evaluasi_siapkan(periode=periode)
    EvaluasiPegawai.objects.filter(periode=periode, unit=bidang_a, predikat="").update(
        rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
    )
    with CaptureQueriesContext(connection) as halaman_banyak:
        klien.get(url)
    with CaptureQueriesContext(connection) as pilih_banyak:
        klien.get(URL)
    assert len(halaman_banyak.captured_queries) == len(halaman.captured_queries)
    assert len(pilih_banyak.captured_queries) == len(pilih.captured_queries)
