"""Django admin of complaints: read-only, scoped through pengaduan.access (Admin OPD: their
OPD's cases but no rahasia one; the pegawai a complaint is about never sees it), and never the
complainant's identity (IdentitasPelapor is not registered, no identity field anywhere)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from pengaduan.models import AturanSla, HariLibur, IdentitasPelapor, Pengaduan, Privasi
from pengaduan.tests.factories import LayananSkmFactory, PengaduanFactory

pytestmark = pytest.mark.django_db


def _url(model: str, action: str = "changelist", *args) -> str:
    return reverse(f"admin:pengaduan_{model}_{action}", args=args)


@pytest.fixture
def kasus(opd_a, opd_b):
    return {
        "biasa": PengaduanFactory(opd=opd_a, judul="Kasus biasa Disdik"),
        "anonim": PengaduanFactory(opd=opd_a, privasi=Privasi.ANONIM, judul="Kasus anonim Disdik"),
        "rahasia": PengaduanFactory(opd=opd_a, privasi=Privasi.RAHASIA, judul="Kasus rahasia Disdik"),
        "lain": PengaduanFactory(opd=opd_b, judul="Kasus Dinkes"),
    }


def _identitas() -> list[str]:
    return [t for i in IdentitasPelapor.objects.all() for t in (i.nama, i.email, i.telepon)]


def test_admin_bkd_membaca_tanpa_identitas(login, admin_bkd, kasus):
    klien = login(admin_bkd)
    halaman = [klien.get(_url("pengaduan"))]
    for p in kasus.values():
        halaman += [klien.get(_url("pengaduan", "change", p.pk)), klien.get(_url("pengaduan", "history", p.pk))]
    assert all(r.status_code == 200 for r in halaman)
    daftar = halaman[0].content.decode()
    assert all(p.kode in daftar for p in kasus.values())
    for r in halaman:
        html = r.content.decode()
        for rahasia in _identitas():
            assert rahasia not in html
        assert "kunci_hash" not in html and "token_kirim" not in html and "identitaspelapor" not in html.lower()
        assert not re.search(r"field-(nama|email|telepon|alamat)\b", html)
    ubah = halaman[1].content.decode()
    assert reverse("pengaduan:aduan-detail", args=[kasus["biasa"].pk]) in ubah
    # The identity table has no admin screen at all.
    assert IdentitasPelapor not in admin.site._registry
    with pytest.raises(NoReverseMatch):
        _url("identitaspelapor")
    assert klien.get("/admin/pengaduan/identitaspelapor/").status_code == 404


def test_admin_hanya_baca(login, admin_bkd, kasus):
    klien = login(admin_bkd)
    p = kasus["biasa"]
    assert klien.get(_url("pengaduan", "add")).status_code == 403
    assert klien.post(_url("pengaduan", "change", p.pk), {"status": "selesai", "judul": "Diubah"}).status_code == 403
    assert klien.get(_url("pengaduan", "delete", p.pk)).status_code == 403
    p.refresh_from_db()
    assert p.status == "baru" and p.judul == "Kasus biasa Disdik"
    for model in ("harilibur", "aturansla"):
        assert klien.get(_url(model)).status_code == 200
        assert klien.get(_url(model, "add")).status_code == 403
    libur = HariLibur.objects.first()
    assert klien.post(_url("harilibur", "change", libur.pk), {"nama": "Diubah"}).status_code == 403
    assert HariLibur.objects.get(pk=libur.pk).nama != "Diubah"
    assert AturanSla.objects.count() == 3


def test_admin_opd_hanya_opdnya_tanpa_rahasia(login, admin_opd, kasus, opd_a, opd_b):
    klien = login(admin_opd)
    html = klien.get(_url("pengaduan")).content.decode()
    assert kasus["biasa"].kode in html and kasus["anonim"].kode in html
    assert kasus["rahasia"].kode not in html and kasus["lain"].kode not in html
    for nama in ("rahasia", "lain"):
        response = klien.get(_url("pengaduan", "change", kasus[nama].pk))
        assert response.status_code == 302 and response.url == reverse("admin:index"), nama
    assert klien.get(_url("pengaduan", "change", kasus["anonim"].pk)).status_code == 200
    layanan = LayananSkmFactory(unit=opd_a, nama="Layanan Disdik")
    LayananSkmFactory(unit=opd_b, nama="Layanan Dinkes")
    html = klien.get(_url("layananskm")).content.decode()
    assert layanan.nama in html and "Layanan Dinkes" not in html


def test_terlapor_tidak_melihat_pengaduan_tentang_dirinya_di_admin(login, admin_opd, admin_bkd, opd_a):
    tentang_admin_opd = PengaduanFactory(opd=opd_a, pegawai_terlapor=admin_opd, judul="Tentang admin OPD")
    tentang_admin_bkd = PengaduanFactory(opd=opd_a, pegawai_terlapor=admin_bkd, judul="Tentang admin BKD")
    for persona, p in ((admin_opd, tentang_admin_opd), (admin_bkd, tentang_admin_bkd)):
        klien = login(persona)
        assert p.kode not in klien.get(_url("pengaduan")).content.decode()
        response = klien.get(_url("pengaduan", "change", p.pk))
        assert response.status_code == 302 and response.url == reverse("admin:index")
        assert klien.get(_url("pengaduan", "history", p.pk)).status_code == 302
    assert Pengaduan.objects.count() == 2


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "petugas"])
def test_bukan_admin_tidak_masuk(login, request, persona, kasus):
    response = login(request.getfixturevalue(persona)).get(_url("pengaduan"))
    assert response.status_code == 302 and not response.url.startswith(_url("pengaduan"))
