"""Who may POST to the assessment routes the access matrix cannot check itself:
`evaluasi-diri` and `evaluasi-terima` are written by the pegawai (one of the personas whose
POSTs the matrix expects to be refused), so here every *other* persona's POST is refused and
changes nothing, and the owner's POST works."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluasi.models import EvaluasiPegawai, PenilaianDiriKinerja, RatingRhk
from evaluasi.services.penilaian import penilaian_finalkan
from evaluasi.tests.test_penilaian_fixture import nilai_semua, siap_buat

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(admin_bkd, pegawai, atasan):
    """pegawai's evaluation in a period in "penilaian", rated by atasan (test_penilaian_fixture)."""
    return siap_buat(admin_bkd.user, pegawai, atasan)


LAIN = [
    ("atasan", 403),
    ("kepala_opd", 403),
    ("admin_opd", 403),
    ("admin_bkd", 403),
    ("rekan", 404),
    ("outsider", 404),
    ("petugas", 404),
]


def _potret(ev):
    return (
        list(EvaluasiPegawai.objects.order_by("pk").values_list("status", "predikat", "diterima_pada", "versi")),
        list(PenilaianDiriKinerja.objects.values_list("status", "refleksi")),
        list(RatingRhk.objects.order_by("pk").values_list("rating_diri", "rating_atasan")),
    )


@pytest.fixture
def final(rekan, outsider, admin_opd, petugas, s, atasan):
    nilai_semua(s, atasan.user)
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    s.segarkan()
    return s


@pytest.mark.parametrize(("siapa", "status"), LAIN)
def test_post_penilaian_diri_oleh_orang_lain_ditolak(
    login, rekan, outsider, admin_opd, petugas, s, siapa, status, request
):
    data = {"versi": 0, "aksi": "kirim", "rating_hasil": "di_atas", "rating_perilaku": "di_atas", "refleksi": "x"}
    data.update({f"rhk_{r.pk}_rating": "di_atas" for r in s.rhk})
    sebelum = _potret(s.ev)
    resp = login(request.getfixturevalue(siapa)).post(reverse("evaluasi:evaluasi-diri", args=[s.ev.pk]), data)
    assert resp.status_code == status
    assert _potret(s.ev) == sebelum


@pytest.mark.parametrize(("siapa", "status"), LAIN)
def test_post_terima_oleh_orang_lain_ditolak(login, final, siapa, status, request):
    sebelum = _potret(final.ev)
    resp = login(request.getfixturevalue(siapa)).post(reverse("evaluasi:evaluasi-terima", args=[final.ev.pk]))
    assert resp.status_code == status
    assert _potret(final.ev) == sebelum


def test_pemilik_menerima_hasil(login, final, pegawai):
    resp = login(pegawai).post(reverse("evaluasi:evaluasi-terima", args=[final.ev.pk]))
    assert resp.status_code == 302
    assert final.segarkan().diterima_pada is not None


@pytest.mark.parametrize("nama", ["evaluasi-diri", "evaluasi-nilai", "evaluasi-detail", "evaluasi-dokumen"])
def test_id_yang_tidak_ada_adalah_404(login, atasan, nama, s):
    klien = login(atasan)
    assert klien.get(reverse(f"evaluasi:{nama}", args=[s.ev.pk])).status_code != 404
    assert klien.get(reverse(f"evaluasi:{nama}", args=[s.ev.pk + 1000])).status_code == 404
    assert klien.get("/kinerja/evaluasi/abc/").status_code == 404
