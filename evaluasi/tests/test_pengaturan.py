"""Admin BKD's settings: the PengaturanKinerja row and the curve rules, saved all or nothing,
audited, refused from a stale tab; the page with its editable rule table."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluasi.forms.pengaturan import PESAN_PERSEN, PESAN_PERSEN_WAJIB
from evaluasi.forms.periode import PESAN_FORM_RUSAK
from evaluasi.models import AturanKurva, PengaturanKinerja
from evaluasi.services.pengaturan import (
    PESAN_ATURAN_GANDA,
    PESAN_ATURAN_PERSEN,
    PESAN_ATURAN_PREDIKAT,
    PESAN_ATURAN_TIDAK_ADA,
    PESAN_BUKAN_BKD,
    PESAN_LOG_MIN_MAKS,
    PESAN_REKAN_MIN_MAKS,
    pengaturan_simpan,
)
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN

pytestmark = pytest.mark.django_db

URL = reverse("evaluasi:pengaturan")
NILAI = {
    "jenis_periode": ["tahunan", "bulanan"],
    "log_menit_min_harian": 300,
    "log_menit_maks_harian": 600,
    "log_target_bulanan": 7000,
    "log_kunci_hari": 7,
    "keberatan_hari": 21,
    "kurva_memblokir": True,
    "rekan_min": 3,
    "rekan_maks": 6,
    "pengingat_hari": 2,
}


def _aturan_kini() -> list[dict]:
    return [
        {
            "id": a.pk,
            "predikat_organisasi": a.predikat_organisasi,
            "jenis": a.jenis,
            "predikat": a.predikat,
            "persen": a.persen,
        }
        for a in AturanKurva.objects.order_by("predikat_organisasi", "urutan", "pk")
    ]


def _potret():
    p = PengaturanKinerja.get()
    return (
        {k: getattr(p, k) for k in NILAI},
        list(
            AturanKurva.objects.order_by("pk").values_list("pk", "predikat_organisasi", "jenis", "predikat", "persen")
        ),
    )


# --- the service ---------------------------------------------------------------------------------------


def test_pengaturan_dan_aturan_kurva_disimpan_dan_tercatat_di_audit(admin_bkd):
    aturan = _aturan_kini()
    assert len(aturan) == 11  # seeded from DOMAIN.md
    istimewa = next(a for a in aturan if a["predikat_organisasi"] == "istimewa")
    istimewa["persen"] = 60
    dihapus = next(a for a in aturan if a["predikat_organisasi"] == "baik" and a["jenis"] == "ada")
    aturan.remove(dihapus)
    aturan.append({"predikat_organisasi": "istimewa", "jenis": "ada", "predikat": ["baik"], "persen": 55})
    audit_sebelum = LogEntry.objects.count()

    pengaturan = pengaturan_simpan(
        actor=admin_bkd.user, nilai=NILAI, aturan=aturan, diubah_pada=PengaturanKinerja.get().updated_at
    )

    # Stored in calendar order whatever order they were ticked in.
    assert pengaturan.jenis_periode == ["bulanan", "tahunan"]
    assert (pengaturan.keberatan_hari, pengaturan.kurva_memblokir, pengaturan.rekan_maks) == (21, True, 6)
    baris = list(
        AturanKurva.objects.filter(predikat_organisasi="istimewa").values_list("jenis", "predikat", "persen", "urutan")
    )
    # "harus ada" keeps no percentage.
    assert sorted(baris) == [("ada", ["baik"], 0, 11), ("maks", ["sangat_baik"], 60, 0)]
    assert not AturanKurva.objects.filter(pk=dihapus["id"]).exists()
    assert AturanKurva.objects.count() == 11
    jenis_audit = ContentType.objects.get_for_model(AturanKurva)
    entri = LogEntry.objects.filter(content_type=jenis_audit).values_list("action", flat=True)
    assert sorted(entri) == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE]
    ubah = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PengaturanKinerja), action=LogEntry.Action.UPDATE
    ).latest("pk")
    assert ubah.changes_dict["keberatan_hari"] == ["14", "21"]
    assert LogEntry.objects.count() == audit_sebelum + 4


def test_hanya_admin_bkd_mengubah_pengaturan(admin_opd):
    sebelum = _potret()
    with pytest.raises(ValidationError) as e:
        pengaturan_simpan(actor=admin_opd.user, nilai=NILAI, aturan=_aturan_kini())
    assert e.value.messages == [PESAN_BUKAN_BKD]
    assert _potret() == sebelum


@pytest.mark.parametrize(
    ("ubah", "galat"),
    [
        ({"jenis_periode": []}, {"jenis_periode": ["Pilih paling sedikit satu jenis periode."]}),
        ({"jenis_periode": ["mingguan"]}, {"jenis_periode": ["Jenis periode tidak dikenal."]}),
        ({"log_menit_min_harian": 500, "log_menit_maks_harian": 400}, {"log_menit_min_harian": [PESAN_LOG_MIN_MAKS]}),
        (
            {"log_menit_maks_harian": 1441},
            {"log_menit_maks_harian": ["Menit maksimum per hari harus bilangan bulat 1 sampai 1440."]},
        ),
        (
            {"log_target_bulanan": "banyak"},
            {"log_target_bulanan": ["Target menit per bulan harus bilangan bulat 1 sampai 44640."]},
        ),
        ({"keberatan_hari": 0}, {"keberatan_hari": ["Batas keberatan (hari) harus bilangan bulat 1 sampai 90."]}),
        ({"rekan_min": 2}, {"rekan_min": ["Jumlah rekan minimum harus bilangan bulat 3 sampai 10."]}),
        ({"rekan_min": 6, "rekan_maks": 4}, {"rekan_min": [PESAN_REKAN_MIN_MAKS]}),
    ],
)
def test_nilai_pengaturan_salah_ditolak_seluruhnya(admin_bkd, ubah, galat):
    sebelum = _potret()
    with pytest.raises(ValidationError) as e:
        pengaturan_simpan(actor=admin_bkd.user, nilai={**NILAI, **ubah}, aturan=_aturan_kini())
    assert e.value.message_dict == galat
    assert _potret() == sebelum


@pytest.mark.parametrize(
    ("baris", "pesan"),
    [
        ({"persen": 101}, PESAN_ATURAN_PERSEN.format(n=1)),
        ({"persen": -1}, PESAN_ATURAN_PERSEN.format(n=1)),
        ({"persen": "tujuh puluh"}, PESAN_ATURAN_PERSEN.format(n=1)),
        ({"predikat": []}, PESAN_ATURAN_PREDIKAT.format(n=1)),
        ({"predikat": ["luar_biasa"]}, PESAN_ATURAN_PREDIKAT.format(n=1)),
        ({"predikat_organisasi": "hebat"}, "Aturan kurva baris 1: pilih predikat kinerja organisasi."),
        ({"jenis": "kira"}, "Aturan kurva baris 1: pilih jenis batas."),
        ({"id": 999999}, PESAN_ATURAN_TIDAK_ADA),
        ({"id": "abc"}, PESAN_ATURAN_TIDAK_ADA),
    ],
)
def test_aturan_kurva_salah_ditolak_dan_pengaturan_tidak_berubah(admin_bkd, baris, pesan):
    sebelum = _potret()
    aturan = _aturan_kini()
    aturan[0].update(baris)
    with pytest.raises(ValidationError) as e:
        pengaturan_simpan(actor=admin_bkd.user, nilai=NILAI, aturan=aturan)
    assert e.value.message_dict == {"aturan": [pesan]}
    assert _potret() == sebelum


def test_batas_persen_0_dan_100_diterima(admin_bkd):
    aturan = _aturan_kini()
    pertama, kedua = [a for a in aturan if a["jenis"] != "ada"][:2]
    pertama["persen"], kedua["persen"] = 0, 100
    pengaturan_simpan(actor=admin_bkd.user, nilai=NILAI, aturan=aturan)
    assert AturanKurva.objects.get(pk=pertama["id"]).persen == 0
    assert AturanKurva.objects.get(pk=kedua["id"]).persen == 100


def test_aturan_ganda_ditolak_dengan_nomor_baris(admin_bkd):
    aturan = _aturan_kini()
    aturan.append({**aturan[0], "id": None, "predikat": list(reversed(aturan[0]["predikat"]))})
    with pytest.raises(ValidationError) as e:
        pengaturan_simpan(actor=admin_bkd.user, nilai=NILAI, aturan=aturan)
    assert e.value.message_dict == {"aturan": [PESAN_ATURAN_GANDA.format(n=12, m=1)]}


def test_tab_lama_tidak_menimpa_pengaturan(admin_bkd):
    ditarik = PengaturanKinerja.get().updated_at
    pengaturan_simpan(actor=admin_bkd.user, nilai=NILAI, aturan=_aturan_kini(), diubah_pada=ditarik)
    sebelum = _potret()
    with pytest.raises(ValidationError) as e:
        pengaturan_simpan(
            actor=admin_bkd.user, nilai={**NILAI, "keberatan_hari": 30}, aturan=_aturan_kini(), diubah_pada=ditarik
        )
    assert e.value.messages == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert _potret() == sebelum


# --- the page ---------------------------------------------------------------------------------------------


def _post_halaman(klien, **ubah) -> dict:
    """The page's form as a browser would send it back unchanged (plus `ubah`)."""
    response = klien.get(URL)
    form, formset = response.context["form"], response.context["formset"]
    data = {"diubah_pada": form.initial["diubah_pada"]}
    for nama in form.fields:
        if nama == "diubah_pada":
            continue
        nilai = form.initial.get(nama)
        if nama == "kurva_memblokir":
            if nilai:
                data[nama] = "on"
        elif isinstance(nilai, list):
            data[nama] = nilai
        else:
            data[nama] = str(nilai)
    data.update({f"aturan-{k}": v for k, v in formset.management_form.initial.items()})
    for i, awal in enumerate(formset.initial):
        data.update(
            {
                f"aturan-{i}-id": str(awal["id"]),
                f"aturan-{i}-predikat_organisasi": awal["predikat_organisasi"],
                f"aturan-{i}-jenis": awal["jenis"],
                f"aturan-{i}-predikat": awal["predikat"],
                f"aturan-{i}-persen": "" if awal["jenis"] == "ada" else str(awal["persen"]),
            }
        )
    data.update(ubah)
    return data


def test_halaman_pengaturan_menampilkan_aturan_sebagai_kalimat(login, admin_bkd):
    response = login(admin_bkd).get(URL)
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 11
    html = response.content.decode()
    assert "Sangat Baik paling banyak 70%" in html
    assert "harus ada Butuh Perbaikan atau Kurang/Misconduct" in html


def test_admin_bkd_mengubah_pengaturan_lewat_halaman(login, admin_bkd):
    klien = login(admin_bkd)
    data = _post_halaman(klien, keberatan_hari="20", **{"aturan-0-persen": "65"})
    # One rule removed, one added (the "Tambah aturan" row).
    data["aturan-1-DELETE"] = "on"
    data.update(
        {
            "aturan-TOTAL_FORMS": "12",
            "aturan-11-id": "",
            "aturan-11-predikat_organisasi": "kurang",
            "aturan-11-jenis": "ada",
            "aturan-11-predikat": ["sangat_kurang"],
            "aturan-11-persen": "",
        }
    )
    dihapus = int(data["aturan-1-id"])
    response = klien.post(URL, data)
    assert response.status_code == 302 and response.url == URL
    assert PengaturanKinerja.get().keberatan_hari == 20
    assert AturanKurva.objects.get(pk=int(data["aturan-0-id"])).persen == 65
    assert not AturanKurva.objects.filter(pk=dihapus).exists()
    assert AturanKurva.objects.filter(predikat_organisasi="kurang", jenis="ada", predikat=["sangat_kurang"]).exists()


def test_baris_tambahan_yang_kosong_diabaikan(login, admin_bkd):
    klien = login(admin_bkd)
    data = _post_halaman(klien)
    data.update({"aturan-TOTAL_FORMS": "12", "aturan-11-predikat_organisasi": "", "aturan-11-jenis": ""})
    assert klien.post(URL, data).status_code == 302
    assert AturanKurva.objects.count() == 11


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [({"aturan-0-persen": "150"}, PESAN_PERSEN), ({"aturan-0-persen": ""}, PESAN_PERSEN_WAJIB)],
)
def test_persen_salah_di_halaman_ditandai_di_barisnya(login, admin_bkd, ubah, pesan):
    klien = login(admin_bkd)
    sebelum = _potret()
    response = klien.post(URL, _post_halaman(klien, **ubah))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["persen"] == [pesan]
    assert _potret() == sebelum


def test_nilai_salah_di_halaman_ditandai(login, admin_bkd):
    klien = login(admin_bkd)
    response = klien.post(URL, _post_halaman(klien, log_menit_min_harian="700", log_menit_maks_harian="600"))
    assert response.context["form"].errors["log_menit_min_harian"] == [PESAN_LOG_MIN_MAKS]
    response = klien.post(URL, _post_halaman(klien, rekan_maks="11"))
    assert response.context["form"].errors["rekan_maks"] == ["Jumlah rekan maksimum harus bilangan bulat 3 sampai 10."]


def test_dua_tab_halaman_pengaturan(login, admin_bkd):
    klien = login(admin_bkd)
    tab_a, tab_b = _post_halaman(klien, keberatan_hari="20"), _post_halaman(klien, keberatan_hari="30")
    assert klien.post(URL, tab_a).status_code == 302
    response = klien.post(URL, tab_b)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert PengaturanKinerja.get().keberatan_hari == 20


def test_formulir_rusak_tidak_mengubah_apa_pun(login, admin_bkd):
    klien = login(admin_bkd)
    sebelum = _potret()
    response = klien.post(URL, {"keberatan_hari": "20"})  # no management form
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [PESAN_FORM_RUSAK]
    assert _potret() == sebelum
    data = _post_halaman(klien, diubah_pada="kemarin")
    response = klien.post(URL, data)
    assert response.context["form"].errors["diubah_pada"] == [PESAN_FORM_RUSAK]


@pytest.mark.parametrize("persona", ["admin_opd", "atasan", "pegawai"])
def test_selain_admin_bkd_ditolak(login, request, persona):
    klien = login(request.getfixturevalue(persona))
    assert klien.get(URL).status_code == 403
    assert klien.post(URL, {"keberatan_hari": "90"}).status_code == 403


def test_jumlah_query_halaman_pengaturan_tetap(login, admin_bkd):
    klien = login(admin_bkd)
    klien.get(URL)
    with CaptureQueriesContext(connection) as sedikit:
        klien.get(URL)
    for i in range(6):
        AturanKurva.objects.create(predikat_organisasi="baik", jenis="min", predikat=["baik"], persen=i)
    with CaptureQueriesContext(connection) as banyak:
        klien.get(URL)
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)
