"""Django admin of the assessment rounds: read-only, scoped like the app, and never a peer
linked to an answer (no JawabanRekan screen, no draft, no per-peer level anywhere)."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kompetensi.models import (
    JawabanRekan,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    PutaranPenilaian,
)
from kompetensi.services.hasil import hasil_hitung
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji
from pegawai.tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()
DRAF_RAHASIA = "DRAF-RAHASIA-7319"
PENILAI = ("Penilai Anonim Satu", "Penilai Anonim Dua", "Penilai Anonim Tiga")
PENILAI_DRAF = "Penilai Anonim Empat"
# Each peer's levels for the two competencies: distinct per peer, mean 3.00 for both.
LEVEL_REKAN = ((1, 2), (3, 2), (5, 5))


def _buka(actor, unit, nama):
    return putaran_buka_uji(actor, unit, nama=nama).putaran


def _nilai(peserta, jenis, penilai, levels, catatan):
    pen = PenilaianKompetensi.objects.create(
        peserta=peserta, jenis=jenis, penilai=penilai, status=PenilaianKompetensi.Status.TERKIRIM
    )
    for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels, strict=True):
        NilaiKompetensi.objects.create(penilaian=pen, kompetensi_id=hasil.kompetensi_id, level=level, catatan=catatan)
    return pen


@pytest.fixture
def dunia(admin_bkd, opd_a, opd_b, bidang_a, pegawai, rekan, atasan, outsider, jabatan_staf, jabatan_kabid):
    komp = [KompetensiFactory(), KompetensiFactory()]
    for k in komp:
        StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k, level=3)
    StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=komp[0], level=3)
    putaran = _buka(admin_bkd.user, [opd_a], "Putaran Disdik")
    putaran_lain = _buka(admin_bkd.user, [opd_b], "Putaran Dinkes")
    peserta = putaran.peserta.get(pegawai=pegawai)
    peserta_lain = putaran_lain.peserta.get(pegawai=outsider)
    _nilai(peserta, "diri", pegawai, [3, 3], "Catatan diri pegawai")
    _nilai(peserta, "atasan", atasan, [4, 2], "Catatan atasan")
    _nilai(peserta_lain, "diri", outsider, [2, 2], "Catatan orang luar")
    for nama, levels in zip(PENILAI, LEVEL_REKAN, strict=True):
        p = PegawaiFactory(unit=bidang_a, nama=nama)
        PenugasanRekan.objects.create(
            peserta=peserta,
            penilai=p,
            status=PenugasanRekan.Status.TERKIRIM,
            dikirim_pada=timezone.now(),
            ditugaskan_oleh=admin_bkd.user,
        )
        for k, level in zip(komp, levels, strict=True):
            JawabanRekan.objects.create(peserta=peserta, kompetensi=k, level=level)
    # A fourth peer with an unsent draft: the levels they are about to give.
    PenugasanRekan.objects.create(
        peserta=peserta,
        penilai=PegawaiFactory(unit=bidang_a, nama=PENILAI_DRAF),
        draf={str(komp[0].pk): 4, str(komp[1].pk): 1, "catatan": DRAF_RAHASIA},
        ditugaskan_oleh=admin_bkd.user,
    )
    penugasan_lain = PenugasanRekan.objects.create(
        peserta=peserta_lain, penilai=PegawaiFactory(unit=opd_b), ditugaskan_oleh=admin_bkd.user
    )
    return {
        "putaran": putaran,
        "putaran_lain": putaran_lain,
        "peserta": peserta,
        "peserta_lain": peserta_lain,
        "penugasan_lain": penugasan_lain,
    }


def _lepas_rekan(putaran):
    PesertaPenilaian.objects.filter(putaran=putaran).update(rekan_dibuka=True)
    hasil_hitung(putaran=putaran)


def _url(model, action="changelist", *args, app="kompetensi"):
    return reverse(f"admin:{app}_{model}_{action}", args=args)


def _halaman_admin_kompetensi(klien):
    """Every changelist, change page and history page of the kompetensi app, plus the audit
    log's pages: {url: html}."""
    halaman = {}
    model_admin = [(m, ma) for m, ma in admin.site._registry.items() if m._meta.app_label == "kompetensi"]
    assert {m.__name__ for m, _ in model_admin} >= {
        "PutaranPenilaian",
        "PesertaPenilaian",
        "PenugasanRekan",
        "PenilaianKompetensi",
        "NilaiKompetensi",
    }
    for model, _ in model_admin:
        nama = model._meta.model_name
        alamat = [_url(nama)]
        for pk in model._default_manager.values_list("pk", flat=True):
            alamat += [_url(nama, "change", pk), _url(nama, "history", pk)]
        for a in alamat:
            response = klien.get(a)
            assert response.status_code == 200, a
            halaman[a] = response.content.decode()
    from auditlog.models import LogEntry

    halaman[_url("logentry", app="auditlog")] = klien.get(_url("logentry", app="auditlog")).content.decode()
    for pk in LogEntry.objects.values_list("pk", flat=True):
        a = _url("logentry", "change", pk, app="auditlog")
        halaman[a] = klien.get(a).content.decode()
    return halaman


@pytest.mark.django_db
def test_admin_bkd_tidak_pernah_melihat_jawaban_rekan_terkait_penilainya(login, admin_bkd, dunia):
    _lepas_rekan(dunia["putaran"])
    halaman = _halaman_admin_kompetensi(login(admin_bkd))
    assert len(halaman) > 20
    for alamat, html in halaman.items():
        # The draft (a peer's unsent levels) never appears, nor a field or column for it.
        assert DRAF_RAHASIA not in html, alamat
        assert not re.search(r"(field|column)-draf\b", html), alamat
        # No screen of JawabanRekan, not even a link in the menu.
        assert "jawabanrekan" not in html.lower() and "jawaban rekan" not in html.lower(), alamat
        if any(nama in html for nama in (*PENILAI, PENILAI_DRAF)):
            # Where a peer is named, no level and no time of sending that could link them to an answer.
            assert not re.search(r"(field|column)-(level|nilai_\w+|rata_rata_rekan|capaian|dikirim_pada)\b", html), (
                alamat
            )
            assert not re.search(r"(field|column)-rekan_(jumlah|total)\b", html), alamat

    # The result of the participant: the peers' mean only (1, 3, 5 -> 3.00 and 2, 2, 5 -> 3.00).
    html = halaman[_url("pesertapenilaian", "change", dunia["peserta"].pk)]
    assert html.count("3,00") == 2
    assert not any(nama in html for nama in (*PENILAI, PENILAI_DRAF))

    with pytest.raises(NoReverseMatch):
        reverse("admin:kompetensi_jawabanrekan_changelist")
    assert login(admin_bkd).get("/admin/kompetensi/jawabanrekan/").status_code == 404


@pytest.mark.django_db
def test_rata_rata_rekan_tidak_tampil_sebelum_dibuka(login, admin_bkd, dunia):
    hasil_hitung(putaran=dunia["putaran"])
    html = login(admin_bkd).get(_url("pesertapenilaian", "change", dunia["peserta"].pk)).content.decode()
    assert "Hasil per kompetensi" in html
    assert "3,00" not in html


@pytest.mark.django_db
def test_penugasan_rekan_tanpa_draf_dan_waktu_kirim(login, admin_bkd, dunia):
    klien = login(admin_bkd)
    daftar = klien.get(_url("penugasanrekan")).content.decode()
    for nama in (*PENILAI, PENILAI_DRAF):
        assert nama in daftar  # who was assigned is visible (the app shows it to admins too)
    assert "Sudah mengisi" in daftar and "Belum mengisi" in daftar
    draf = PenugasanRekan.objects.get(penilai__nama=PENILAI_DRAF)
    html = klien.get(_url("penugasanrekan", "change", draf.pk)).content.decode()
    assert PENILAI_DRAF in html and "Pegawai Uji" in html
    assert DRAF_RAHASIA not in html and "field-draf" not in html and "field-dikirim_pada" not in html


@pytest.mark.django_db
def test_admin_hanya_baca(login, admin_bkd, dunia):
    klien = login(admin_bkd)
    putaran = dunia["putaran"]
    for model in ("putaranpenilaian", "pesertapenilaian", "penugasanrekan", "penilaiankompetensi", "nilaikompetensi"):
        assert klien.get(_url(model, "add")).status_code == 403, model
    response = klien.post(_url("putaranpenilaian", "change", putaran.pk), {"nama": "Diubah", "status": "ditutup"})
    assert response.status_code == 403
    putaran.refresh_from_db()
    assert (putaran.nama, putaran.status) == ("Putaran Disdik", PutaranPenilaian.Status.DIBUKA)
    assert klien.get(_url("putaranpenilaian", "delete", putaran.pk)).status_code == 403
    html = klien.get(_url("putaranpenilaian", "change", putaran.pk)).content.decode()
    assert reverse("kompetensi:putaran-detail", args=[putaran.pk]) in html


@pytest.mark.django_db
def test_admin_opd_hanya_melihat_baris_opdnya(login, admin_opd, outsider, dunia):
    klien = login(admin_opd)
    lain = {
        "putaranpenilaian": dunia["putaran_lain"].pk,
        "pesertapenilaian": dunia["peserta_lain"].pk,
        "penugasanrekan": dunia["penugasan_lain"].pk,
        "penilaiankompetensi": PenilaianKompetensi.objects.get(peserta=dunia["peserta_lain"]).pk,
        "nilaikompetensi": NilaiKompetensi.objects.filter(penilaian__peserta=dunia["peserta_lain"]).first().pk,
    }
    for model, pk in lain.items():
        daftar = klien.get(_url(model))
        assert daftar.status_code == 200, model
        html = daftar.content.decode()
        assert outsider.nama not in html and "Putaran Dinkes" not in html, model
        response = klien.get(_url(model, "change", pk))
        assert response.status_code == 302 and response.url == reverse("admin:index"), model
    sendiri = klien.get(_url("pesertapenilaian", "change", dunia["peserta"].pk))
    assert sendiri.status_code == 200 and "Pegawai Uji" in sendiri.content.decode()
    # The dictionary stays Admin BKD's.
    assert klien.get(_url("kompetensi")).status_code == 403


@pytest.mark.django_db
def test_admin_opd_di_putaran_pemda_hanya_peserta_opdnya(login, admin_bkd, admin_opd, opd_a, opd_b, outsider, dunia):
    from kompetensi.services.putaran import putaran_tutup

    putaran_tutup(actor=admin_bkd.user, putaran=dunia["putaran"])
    putaran_tutup(actor=admin_bkd.user, putaran=dunia["putaran_lain"])
    pemda = _buka(admin_bkd.user, [opd_a, opd_b], "Putaran Pemda")
    klien = login(admin_opd)
    assert klien.get(_url("putaranpenilaian", "change", pemda.pk)).status_code == 200
    daftar = klien.get(_url("pesertapenilaian"))
    assert {p.pegawai_id for p in daftar.context["cl"].result_list} >= {dunia["peserta"].pegawai_id}
    assert outsider.pk not in {p.pegawai_id for p in daftar.context["cl"].result_list}
    assert outsider.nama not in daftar.content.decode()
    peserta_luar = pemda.peserta.get(pegawai=outsider)
    assert klien.get(_url("pesertapenilaian", "change", peserta_luar.pk)).status_code == 302
    assert login(admin_bkd).get(_url("pesertapenilaian", "change", peserta_luar.pk)).status_code == 200


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "rekan"])
@pytest.mark.django_db
def test_bukan_admin_tidak_masuk(login, persona, request, dunia):
    klien = login(request.getfixturevalue(persona))
    for model in ("putaranpenilaian", "pesertapenilaian", "penugasanrekan"):
        response = klien.get(_url(model))
        assert response.status_code == 302 and not response.url.startswith(_url(model)), model
