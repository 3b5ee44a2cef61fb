"""The citizen's public survey form: phone-friendly questions with the regulated wording, one
row per submission, clear messages for junk, a honeypot, a rate limit and closed services."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from pengaduan.forms.skm import PESAN_FORMULIR_RUSAK, PESAN_JAWABAN_TIDAK_SAH, PESAN_SARAN_PANJANG
from pengaduan.laju import PESAN_LAJU
from pengaduan.models import UNSUR_SKM, ResponSkm
from pengaduan.services.skm import PESAN_LAYANAN_NONAKTIF, PESAN_TANPA_JAWABAN, skm_respon_buat

from .factories import LayananSkmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def layanan(opd_a):
    return LayananSkmFactory(unit=opd_a, nama="Legalisir Ijazah", populasi=200)


def _url(layanan) -> str:
    return reverse("layanan:survei-isi", kwargs={"kode": layanan.kode_publik})


def _terima_kasih(layanan) -> str:
    return reverse("layanan:survei-terima-kasih", kwargs={"kode": layanan.kode_publik})


def isian(jawaban=(4, 3, 3, None, 4, 3, 4, 2, 3), **lain) -> dict:
    """A filled form: nine answers (None = skipped), demographics, a fresh token."""
    data = {f"u{i}": "" if nilai is None else str(nilai) for i, nilai in enumerate(jawaban, start=1)}
    data.update(
        {
            "usia": "21-30",
            "jenis_kelamin": "L",
            "pendidikan": "s1",
            "pekerjaan": "swasta",
            "saran": "",
            "token_kirim": str(uuid.uuid4()),
            "situs_web": "",
        }
    )
    data.update(lain)
    return data


def _html(r) -> str:
    return r.content.decode()


def test_formulir_memuat_sembilan_unsur_dengan_kata_resmi(warga, layanan):
    r = warga.get(_url(layanan))
    html = _html(r)
    assert r.status_code == 200
    assert "Legalisir Ijazah" in html and "Dinas Pendidikan" in html
    for u in UNSUR_SKM:
        assert u.pertanyaan in html
        for teks in u.jawaban:
            assert f"{teks}</label>" in html
        for nilai in ("1", "2", "3", "4"):
            assert f'name="{u.field}" id="id_{u.field}_{nilai}" value="{nilai}"' in html
    assert html.count('class="btn-check"') == 9 * 4 + 6 + 2 + 6 + 5
    assert 'name="token_kirim"' in html and 'name="situs_web"' in html and "csrfmiddlewaretoken" in html
    # Nothing about staff or the internal app on a public page.
    assert "Keluar" not in html and "NIP" not in html


def test_isi_survei_tersimpan_sekali_dan_berterima_kasih(warga, layanan):
    data = isian(saran="  Antrean perlu nomor.  ")
    r = warga.post(_url(layanan), data)
    assert r.status_code == 302 and r["Location"] == _terima_kasih(layanan)
    respon = ResponSkm.objects.get()
    assert respon.layanan == layanan
    assert [getattr(respon, u.field) for u in UNSUR_SKM] == [4, 3, 3, None, 4, 3, 4, 2, 3]
    assert (respon.usia, respon.jenis_kelamin, respon.pendidikan, respon.pekerjaan) == ("21-30", "L", "s1", "swasta")
    assert respon.saran == "Antrean perlu nomor."
    assert str(respon.token_kirim) == data["token_kirim"]
    html = _html(warga.get(r["Location"]))
    assert "Terima kasih!" in html and "Legalisir Ijazah" in html


def test_kiriman_ulang_dengan_token_sama_satu_baris(warga, layanan):
    data = isian()
    assert warga.post(_url(layanan), data).status_code == 302
    r = warga.post(_url(layanan), data)
    assert r.status_code == 302 and r["Location"] == _terima_kasih(layanan)
    assert ResponSkm.objects.count() == 1


@pytest.mark.parametrize("field", ["usia", "jenis_kelamin", "pendidikan", "pekerjaan"])
def test_data_responden_wajib(warga, layanan, field):
    r = warga.post(_url(layanan), isian(**{field: ""}))
    label = {"usia": "Usia", "jenis_kelamin": "Jenis kelamin", "pendidikan": "Pendidikan terakhir"}.get(
        field, "Pekerjaan utama"
    )
    assert r.status_code == 200
    assert r.context["form"].errors[field] == [f"{label} wajib dipilih."]
    assert "Periksa kembali isian yang ditandai." in _html(r)
    assert not ResponSkm.objects.exists()


def test_data_responden_tidak_dikenal(warga, layanan):
    r = warga.post(_url(layanan), isian(pekerjaan="astronot", usia="<script>"))
    assert r.context["form"].errors["pekerjaan"] == ["Pilihan pekerjaan utama tidak dikenal."]
    assert r.context["form"].errors["usia"] == ["Pilihan usia tidak dikenal."]
    assert "<script>" not in _html(r)
    assert not ResponSkm.objects.exists()


@pytest.mark.parametrize("nilai", ["5", "0", "x", "3.5", "-1", "<b>4</b>"])
def test_jawaban_di_luar_1_sampai_4_ditolak(warga, layanan, nilai):
    r = warga.post(_url(layanan), isian(u3=nilai))
    assert r.status_code == 200
    assert r.context["form"].errors["u3"] == [PESAN_JAWABAN_TIDAK_SAH]
    assert PESAN_JAWABAN_TIDAK_SAH in _html(r)
    assert not ResponSkm.objects.exists()


def test_tanpa_satu_jawaban_pun_ditolak(warga, layanan):
    r = warga.post(_url(layanan), isian(jawaban=(None,) * 9))
    assert r.context["form"].non_field_errors() == [PESAN_TANPA_JAWABAN]
    assert PESAN_TANPA_JAWABAN in _html(r)
    assert not ResponSkm.objects.exists()


def test_saran_terlalu_panjang(warga, layanan):
    r = warga.post(_url(layanan), isian(saran="a" * 1001))
    assert r.context["form"].errors["saran"] == [PESAN_SARAN_PANJANG]
    assert not ResponSkm.objects.exists()
    assert warga.post(_url(layanan), isian(saran="a" * 1000)).status_code == 302


@pytest.mark.parametrize("token", ["", "bukan-uuid"])
def test_token_rusak_pesan_jelas(warga, layanan, token):
    r = warga.post(_url(layanan), isian(token_kirim=token))
    assert r.status_code == 200
    assert PESAN_FORMULIR_RUSAK in _html(r)
    assert not ResponSkm.objects.exists()


def test_jawaban_yang_valid_tetap_terpilih_setelah_galat(warga, layanan):
    r = warga.post(_url(layanan), isian(usia=""))
    assert 'id="id_u1_4" value="4" autocomplete="off" checked' in _html(r)


def test_honeypot_diam_diam_dibuang(warga, layanan):
    r = warga.post(_url(layanan), isian(situs_web="http://spam.example"))
    assert r.status_code == 302 and r["Location"] == _terima_kasih(layanan)
    assert not ResponSkm.objects.exists()


def test_banjir_dari_satu_alamat_dibatasi(warga, layanan, settings):
    settings.LAJU_SURVEI = "3/m"
    for _ in range(3):
        assert warga.post(_url(layanan), isian()).status_code == 302
    r = warga.post(_url(layanan), isian())
    assert r.status_code == 429
    assert PESAN_LAJU in _html(r)
    assert ResponSkm.objects.count() == 3
    # Another address is not affected; reading the form is not limited.
    assert warga.get(_url(layanan)).status_code == 200
    assert Client(REMOTE_ADDR="10.1.2.3").post(_url(layanan), isian()).status_code == 302
    assert ResponSkm.objects.count() == 4


def test_layanan_nonaktif_atau_tidak_dikenal_404_ramah(warga, layanan):
    layanan.aktif = False
    layanan.save()
    for url in (_url(layanan), reverse("layanan:survei-isi", kwargs={"kode": "tidak-ada"})):
        r = warga.get(url)
        assert r.status_code == 404
        assert "Survei tidak ditemukan" in _html(r)
        assert warga.post(url, isian()).status_code == 404
    assert warga.get(_terima_kasih(layanan)).status_code == 404
    assert not ResponSkm.objects.exists()


def test_tanpa_csrf_ditolak(layanan):
    klien = Client(enforce_csrf_checks=True)
    assert klien.post(_url(layanan), isian()).status_code == 403
    assert not ResponSkm.objects.exists()


def test_metode_lain_405(warga, layanan):
    assert warga.put(_url(layanan)).status_code == 405
    assert warga.post(_terima_kasih(layanan)).status_code == 405


def test_jumlah_query_formulir_tetap(warga, layanan, django_assert_num_queries):
    with django_assert_num_queries(1):
        warga.get(_url(layanan))
    with django_assert_num_queries(5):  # service, token check, savepoint, insert, release
        warga.post(_url(layanan), isian())


# --- the service -----------------------------------------------------------------------------


def _buat(layanan, **kw):
    data = {
        "jawaban": [3] * 9,
        "usia": "31-40",
        "jenis_kelamin": "P",
        "pendidikan": "sma",
        "pekerjaan": "lainnya",
        "token_kirim": uuid.uuid4(),
        **kw,
    }
    return skm_respon_buat(layanan=layanan, **data)


def test_layanan_respon_idempoten_per_token(layanan):
    token = uuid.uuid4()
    pertama, baru = _buat(layanan, token_kirim=token)
    kedua, baru_lagi = _buat(layanan, token_kirim=token, jawaban=[1] * 9)
    assert baru and not baru_lagi and pertama.pk == kedua.pk
    assert ResponSkm.objects.get().u1 == 3


@pytest.mark.parametrize(
    ("kw", "pesan"),
    [
        ({"jawaban": [None] * 9}, PESAN_TANPA_JAWABAN),
        ({"jawaban": [3] * 8}, "Jawaban survei harus berisi sembilan unsur."),
        ({"saran": "x" * 1001}, PESAN_SARAN_PANJANG),
    ],
)
def test_layanan_respon_menolak_isian_salah(layanan, kw, pesan):
    with pytest.raises(ValidationError) as e:
        _buat(layanan, **kw)
    assert e.value.messages == [pesan]
    assert not ResponSkm.objects.exists()


def test_layanan_respon_menolak_nilai_dan_pilihan_tak_sah(layanan):
    with pytest.raises(ValidationError) as e:
        _buat(layanan, jawaban=[5, 3, 3, 3, 3, 3, 3, 3, 0], usia="99")
    assert set(e.value.message_dict) == {"u1", "u9", "usia"}
    assert not ResponSkm.objects.exists()


def test_layanan_respon_menolak_layanan_nonaktif(layanan):
    layanan.aktif = False
    layanan.save()
    with pytest.raises(ValidationError) as e:
        _buat(layanan)
    assert e.value.messages == [PESAN_LAYANAN_NONAKTIF]
