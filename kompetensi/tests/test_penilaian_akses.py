"""The access matrix's POST check for the two routes whose rightful writer is one of the
personas the matrix POSTs as (`peserta-diri`: pegawai, `rekan-isi`: rekan): every other persona's
POST is a 404 that changes nothing; the rightful writer's POST does change something."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.harapan import PERSONA
from tests.test_access_matrix import _potret, dunia  # noqa: F401

pytestmark = pytest.mark.django_db

RUTE = {"kompetensi:peserta-diri": ("peserta", "pegawai"), "kompetensi:rekan-isi": ("rekan", "rekan")}


def _klien(pegawai) -> Client:
    klien = Client()
    klien.force_login(pegawai.user)
    return klien


BUKAN_PEMILIK = [(nama, peran) for nama in sorted(RUTE) for peran in PERSONA if peran != RUTE[nama][1]]


@pytest.mark.parametrize(("nama", "peran"), BUKAN_PEMILIK)
def test_post_oleh_selain_pemilik_404_tanpa_perubahan(dunia, nama, peran):  # noqa: F811
    persona, objek, _ = dunia
    kunci, _ = RUTE[nama]
    url = reverse(nama, args=[objek[kunci]])
    sebelum = _potret()
    data = {"aksi": "kirim", "nama": "Diubah Penyusup", "alasan": "penyusupan"}
    resp = _klien(persona[peran]).post(url, data)
    assert resp.status_code == 404
    assert _potret() == sebelum


@pytest.mark.parametrize("nama", sorted(RUTE))
def test_post_pemilik_menyimpan_draf(dunia, nama):  # noqa: F811
    persona, objek, _ = dunia
    kunci, pemilik = RUTE[nama]
    sebelum = _potret()
    klien = _klien(persona[pemilik])
    halaman = klien.get(reverse(nama, args=[objek[kunci]]))
    kompetensi_id = halaman.context["baris"][0]["hasil" if nama.endswith("rekan-isi") else "b"]
    kompetensi_id = getattr(kompetensi_id, "kompetensi_id", None) or kompetensi_id.hasil.kompetensi_id
    resp = klien.post(reverse(nama, args=[objek[kunci]]), {"aksi": "draf", f"level_{kompetensi_id}": "3"})
    assert resp.status_code == 302
    if nama == "kompetensi:peserta-diri":
        assert _potret() != sebelum
    else:  # a peer's draft lives only in the assignment's draf (not in the snapshot on purpose)
        from kompetensi.models import PenugasanRekan

        assert PenugasanRekan.objects.get(pk=objek["rekan"]).draf == {str(kompetensi_id): 3}
