"""Django admin of performance evaluation: read-only, scoped like the app (Admin OPD: their OPD's
rows), and never a peer linked to an answer (no screen for the peers' scores or comments, no
draft, no time of sending)."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from evaluasi.models import (
    EvaluasiPegawai,
    JawabanRekanKinerja,
    Keberatan,
    KomentarRekanKinerja,
    LogHarian,
    NilaiDasar,
    PenugasanRekanKinerja,
    Periode,
    SasaranUnit,
    Skp,
)
from evaluasi.tests.factories import SasaranUnitFactory, periode_uji, skp_uji
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

DRAF_RAHASIA = "DRAF-RAHASIA-5521"
KOMENTAR_RAHASIA = "KOMENTAR-RAHASIA-8830"
PENILAI = ("Rekan Anonim Satu", "Rekan Anonim Dua", "Rekan Anonim Tiga")
PENILAI_DRAF = "Rekan Anonim Empat"
DIREGISTRASI = {
    "Periode",
    "PengaturanKinerja",
    "AturanKurva",
    "SasaranUnit",
    "Skp",
    "LogHarian",
    "EvaluasiPegawai",
    "Keberatan",
    "PenugasanRekanKinerja",
}


@pytest.fixture
def dunia(admin_bkd, opd_a, opd_b, bidang_a, pegawai, rekan, atasan, outsider):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    skp_uji(pegawai)
    skp_luar = skp_uji(outsider, status=Skp.Status.DIAJUKAN)
    SasaranUnitFactory(unit=bidang_a, uraian="Sasaran Disdik")
    sasaran_luar = SasaranUnitFactory(unit=opd_b, uraian="Sasaran Dinkes")
    LogHarian.objects.create(pegawai=pegawai, tanggal=timezone.localdate(), uraian="Menyusun laporan", menit=90)
    log_luar = LogHarian.objects.create(pegawai=outsider, tanggal=timezone.localdate(), uraian="Rapat Dinkes", menit=60)
    ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    ev_luar = EvaluasiPegawai.objects.get(periode=periode, pegawai=outsider)
    nilai = list(NilaiDasar.objects.order_by("urutan"))
    for nama, skor in zip(PENILAI, (1, 3, 5), strict=True):
        PenugasanRekanKinerja.objects.create(
            evaluasi=ev,
            penilai=PegawaiFactory(unit=bidang_a, nama=nama),
            status=PenugasanRekanKinerja.Status.TERKIRIM,
            dikirim_pada=timezone.now(),
            ditugaskan_oleh=atasan.user,
        )
        for n in nilai:
            JawabanRekanKinerja.objects.create(evaluasi=ev, nilai_dasar=n, skor=skor)
    KomentarRekanKinerja.objects.create(evaluasi=ev, teks=KOMENTAR_RAHASIA)
    PenugasanRekanKinerja.objects.create(
        evaluasi=ev,
        penilai=PegawaiFactory(unit=bidang_a, nama=PENILAI_DRAF),
        draf={str(nilai[0].pk): 2, "komentar": DRAF_RAHASIA},
        ditugaskan_oleh=atasan.user,
    )
    tugas_luar = PenugasanRekanKinerja.objects.create(
        evaluasi=ev_luar, penilai=PegawaiFactory(unit=opd_b), ditugaskan_oleh=admin_bkd.user
    )
    EvaluasiPegawai.objects.filter(pk__in=[ev.pk, ev_luar.pk]).update(
        status="final", rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
    )
    keberatan_luar = Keberatan.objects.create(
        evaluasi=ev_luar,
        alasan="Keberatan Dinkes",
        pemutus=admin_bkd,
        rating_hasil_awal="sesuai",
        rating_perilaku_awal="sesuai",
        predikat_awal="baik",
    )
    return {
        "periode": periode,
        "lain": {
            "skp": skp_luar.pk,
            "sasaranunit": sasaran_luar.pk,
            "logharian": log_luar.pk,
            "evaluasipegawai": ev_luar.pk,
            "penugasanrekankinerja": tugas_luar.pk,
            "keberatan": keberatan_luar.pk,
        },
    }


def _url(model, action="changelist", *args, app="evaluasi"):
    return reverse(f"admin:{app}_{model}_{action}", args=args)


def _halaman_admin_evaluasi(klien) -> dict[str, str]:
    """Every changelist, change page and history page of the evaluasi app, plus the audit log's."""
    halaman = {}
    terdaftar = [m for m in admin.site._registry if m._meta.app_label == "evaluasi"]
    assert {m.__name__ for m in terdaftar} == DIREGISTRASI
    for model in terdaftar:
        nama = model._meta.model_name
        alamat = [_url(nama)]
        for pk in model._default_manager.values_list("pk", flat=True):
            alamat += [_url(nama, "change", pk), _url(nama, "history", pk)]
        for a in alamat:
            response = klien.get(a)
            assert response.status_code == 200, a
            halaman[a] = response.content.decode()
    halaman[_url("logentry", app="auditlog")] = klien.get(_url("logentry", app="auditlog")).content.decode()
    for pk in LogEntry.objects.values_list("pk", flat=True):
        a = _url("logentry", "change", pk, app="auditlog")
        halaman[a] = klien.get(a).content.decode()
    return halaman


def test_admin_tidak_pernah_membuka_jawaban_atau_komentar_rekan(login, admin_bkd, dunia):
    halaman = _halaman_admin_evaluasi(login(admin_bkd))
    assert len(halaman) > 40
    for alamat, html in halaman.items():
        assert DRAF_RAHASIA not in html and KOMENTAR_RAHASIA not in html, alamat
        assert not re.search(r"(field|column)-draf\b", html), alamat
        rendah = html.lower()
        assert "jawabanrekankinerja" not in rendah and "komentarrekankinerja" not in rendah, alamat
        assert "jawaban rekan" not in rendah and "komentar rekan" not in rendah, alamat
        if any(nama in html for nama in (*PENILAI, PENILAI_DRAF)):
            # Where a peer is named: no score and no time of sending that could link them to an answer.
            assert not re.search(r"(field|column)-(skor|dikirim_pada)\b", html), alamat
    for model in ("jawabanrekankinerja", "komentarrekankinerja"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:evaluasi_{model}_changelist")
        assert login(admin_bkd).get(f"/admin/evaluasi/{model}/").status_code == 404


def test_penugasan_rekan_tanpa_draf_dan_waktu_kirim(login, admin_bkd, dunia):
    klien = login(admin_bkd)
    daftar = klien.get(_url("penugasanrekankinerja")).content.decode()
    for nama in (*PENILAI, PENILAI_DRAF):
        assert nama in daftar  # who was assigned is visible, as in the app
    assert "Sudah mengisi" in daftar and "Belum mengisi" in daftar
    draf = PenugasanRekanKinerja.objects.get(penilai__nama=PENILAI_DRAF)
    html = klien.get(_url("penugasanrekankinerja", "change", draf.pk)).content.decode()
    assert PENILAI_DRAF in html and "Pegawai Uji" in html
    assert DRAF_RAHASIA not in html and "field-draf" not in html and "field-dikirim_pada" not in html


def test_admin_evaluasi_hanya_baca(login, admin_bkd, dunia):
    klien = login(admin_bkd)
    periode = dunia["periode"]
    for model in ("periode", "skp", "evaluasipegawai", "keberatan", "aturankurva", "sasaranunit", "logharian"):
        assert klien.get(_url(model, "add")).status_code == 403, model
    response = klien.post(_url("periode", "change", periode.pk), {"nama": "Diubah", "status": "ditutup"})
    assert response.status_code == 403
    periode.refresh_from_db()
    assert periode.status == Periode.Status.PENILAIAN and periode.nama != "Diubah"
    assert klien.get(_url("periode", "delete", periode.pk)).status_code == 403
    html = klien.get(_url("periode", "change", periode.pk)).content.decode()
    assert reverse("evaluasi:periode-detail", args=[periode.pk]) in html
    assert "Diubah" not in "".join(Periode.objects.values_list("nama", flat=True))


def test_skp_menampilkan_rhk_dan_indikator(login, admin_bkd, dunia, pegawai):
    skp = Skp.objects.get(pegawai=pegawai)
    html = login(admin_bkd).get(_url("skp", "change", skp.pk)).content.decode()
    for rhk in skp.rhk.all():
        assert rhk.uraian in html
    assert "12 dokumen" in html


def test_admin_opd_hanya_melihat_baris_opdnya(login, admin_opd, outsider, dunia):
    klien = login(admin_opd)
    for model, pk in dunia["lain"].items():
        daftar = klien.get(_url(model))
        assert daftar.status_code == 200, model
        html = daftar.content.decode()
        assert outsider.nama not in html and "Dinkes" not in html, model
        response = klien.get(_url(model, "change", pk))
        assert response.status_code == 302 and response.url == reverse("admin:index"), model
    sendiri = EvaluasiPegawai.objects.get(periode=dunia["periode"], pegawai__nama="Pegawai Uji")
    response = klien.get(_url("evaluasipegawai", "change", sendiri.pk))
    assert response.status_code == 200 and "Pegawai Uji" in response.content.decode()
    assert SasaranUnit.objects.filter(uraian="Sasaran Disdik").exists()
    assert "Sasaran Disdik" in klien.get(_url("sasaranunit")).content.decode()
    # Periods are the whole Pemda's; the settings and curve rules stay Admin BKD's.
    assert klien.get(_url("periode", "change", dunia["periode"].pk)).status_code == 200
    assert klien.get(_url("pengaturankinerja")).status_code == 403
    assert klien.get(_url("aturankurva")).status_code == 403


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "rekan", "petugas"])
def test_bukan_admin_tidak_masuk(login, request, persona, dunia):
    klien = login(request.getfixturevalue(persona))
    for model in ("periode", "evaluasipegawai", "penugasanrekankinerja", "skp"):
        response = klien.get(_url(model))
        assert response.status_code == 302 and not response.url.startswith(_url(model)), model
