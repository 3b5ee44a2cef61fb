"""The exports moved onto the background machinery: above EKSPOR_LATAR_MIN_BARIS rows each page
queues the export and sends the user to Unduhan Saya; the file then holds exactly what the
immediate download holds. The task checks access again as the user is at that moment."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from evaluasi.models import Periode
from evaluasi.tests.factories import LogHarianFactory, periode_uji
from evaluasi.tests.test_log_ruang import bulan_lalu
from kompetensi.tests.laporan_data import laporan_fixture  # noqa: F401
from pegawai.models import PeranPengguna
from unduhan.models import Ekspor
from unduhan.services import PESAN_TIDAK_BERWENANG
from unduhan.views import PESAN_DISIAPKAN, PESAN_SIAP

pytestmark = pytest.mark.django_db

DAFTAR = reverse("unduhan:ekspor-list")
LOG = reverse("evaluasi:log-rekap-export")
MONITORING = reverse("evaluasi:monitoring-export")
PREDIKAT = reverse("evaluasi:predikat-export")
MATRIKS = reverse("kompetensi:tim-matriks-export")


def _unduh(ekspor):
    return reverse("unduhan:ekspor-unduh", args=[ekspor.pk])


def _isi(response, lembar: list[str]) -> dict[str, list[tuple]]:
    assert response.status_code == 200, response.status_code
    isi = b"".join(response.streaming_content) if response.streaming else response.content
    wb = load_workbook(BytesIO(isi))
    return {j: list(wb[j].iter_rows(values_only=True)) for j in lembar}


def _lembar(response, judul) -> list[tuple]:
    return _isi(response, [judul])[judul]


def _pesan(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


@pytest.fixture
def log_bulan(pegawai, rekan, atasan):
    bulan = bulan_lalu(1)
    LogHarianFactory(pegawai=pegawai, tanggal=bulan.replace(day=3), menit=300, status="disetujui")
    LogHarianFactory(pegawai=rekan, tanggal=bulan.replace(day=4), menit=200, status="belum")
    return bulan


@pytest.fixture
def periode(admin_bkd, pegawai, rekan, atasan, outsider, admin_opd):
    return periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)


def _kasus(nama, request):
    """(client, url, query, jenis, sheets, expected parameter) of each moved export."""
    login = request.getfixturevalue("login")
    if nama == "log":
        bulan = request.getfixturevalue("log_bulan")
        q = {"bulan": f"{bulan:%Y-%m}"}
        return login(request.getfixturevalue("atasan")), LOG, q, "evaluasi.log_rekap", [f"Rekap Log {bulan:%Y-%m}"], q
    if nama in ("monitoring", "predikat"):
        periode = request.getfixturevalue("periode")
        c = login(request.getfixturevalue("admin_bkd"))
        if nama == "monitoring":
            q = {"belum": "skp_tidak_ada", "page": "2"}
            return (
                c,
                MONITORING,
                q,
                "evaluasi.monitoring",
                ["Pegawai"],
                {"belum": "skp_tidak_ada", "periode": periode.pk},
            )
        return c, PREDIKAT, {}, "evaluasi.predikat", ["Rekap Predikat"], {"periode": periode.pk}
    lap = request.getfixturevalue("laporan")
    parameter = {"putaran": lap.putaran.pk, "cakupan": "langsung", "unit": ""}
    return (
        login(request.getfixturevalue("atasan")),
        MATRIKS,
        {},
        "kompetensi.tim_matriks",
        ["Matriks Kompetensi", "JPM"],
        parameter,
    )


@pytest.mark.parametrize("nama", ["log", "monitoring", "predikat", "matriks"])
def test_ekspor_besar_disiapkan_di_latar_dengan_isi_yang_sama(
    nama, request, settings, django_capture_on_commit_callbacks
):
    c, url, q, jenis, lembar, parameter = _kasus(nama, request)
    settings.EKSPOR_LATAR_MIN_BARIS = 1000
    langsung = c.get(url, q)
    isi_langsung = _isi(langsung, lembar)
    assert len(isi_langsung[lembar[0]]) >= 3  # a header and at least two rows
    assert not Ekspor.objects.exists()

    settings.EKSPOR_LATAR_MIN_BARIS = 1
    with django_capture_on_commit_callbacks(execute=False) as antre:
        r = c.get(url, q)
        dobel = c.get(url, q)  # a double click: still one export
    assert r.status_code == dobel.status_code == 302 and r["Location"] == DAFTAR
    assert _pesan(r) == [PESAN_DISIAPKAN]
    ekspor = Ekspor.objects.get()
    assert (ekspor.jenis, ekspor.parameter, ekspor.status) == (jenis, parameter, "antri")
    assert ekspor.pemilik_id == langsung.wsgi_request.user.pk
    assert len(antre) == 1
    antre[0]()  # the task (eager here, a worker in production)

    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.progres) == ("selesai", 100), ekspor.pesan_galat
    assert ekspor.nama_berkas == langsung["Content-Disposition"].split('filename="')[1].rstrip('"')
    unduh = c.get(_unduh(ekspor))
    assert _isi(unduh, lembar) == isi_langsung


@pytest.mark.django_db(transaction=True)
def test_tanpa_broker_berkas_sudah_siap_saat_tiba_di_daftar(login, atasan, log_bulan, settings):
    # Eager Celery, real commits: the task runs in-process when the request's write commits.
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    c = login(atasan)
    r = c.get(LOG, {"bulan": f"{log_bulan:%Y-%m}"})
    assert _pesan(r) == [PESAN_SIAP]
    halaman = c.get(DAFTAR)
    (ekspor,) = halaman.context["page_obj"]
    assert ekspor.status == "selesai"
    assert f'href="{_unduh(ekspor)}"' in halaman.content.decode()


@pytest.mark.parametrize("nama", ["log", "monitoring", "predikat", "matriks"])
def test_tepat_di_ambang_tetap_langsung(nama, request, settings):
    c, url, q, _, lembar, _ = _kasus(nama, request)
    settings.EKSPOR_LATAR_MIN_BARIS = 1000
    baris = len(_lembar(c.get(url, q), lembar[0])) - 1
    settings.EKSPOR_LATAR_MIN_BARIS = baris if nama != "predikat" else Ekspor.objects.count() + 1000
    assert c.get(url, q).status_code == 200
    assert not Ekspor.objects.exists()


def test_predikat_diukur_dari_jumlah_pegawai_yang_dihimpun(login, admin_bkd, periode, settings):
    # The recap has a row per unit but aggregates every evaluation record of the period.
    settings.EKSPOR_LATAR_MIN_BARIS = periode.evaluasi.count() - 1
    assert login(admin_bkd).get(PREDIKAT).status_code == 302
    assert Ekspor.objects.get().jenis == "evaluasi.predikat"


# --- access checked again when the task runs ------------------------------------------------------


def _minta(c, url, q, capture):
    with capture(execute=False) as antre:
        assert c.get(url, q).status_code == 302
    return Ekspor.objects.get(), antre


def test_lingkup_admin_opd_yang_berubah_mengubah_isi_rekap(
    login, admin_opd, log_bulan, outsider, opd_b, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    ekspor, antre = _minta(login(admin_opd), LOG, {"bulan": f"{log_bulan:%Y-%m}"}, django_capture_on_commit_callbacks)
    # Before the task runs, the admin is moved from OPD A to OPD B.
    PeranPengguna.objects.filter(user=admin_opd.user).update(opd=opd_b)
    antre[0]()
    ekspor.refresh_from_db()
    assert ekspor.status == "selesai"
    baris = _lembar(login(admin_opd).get(_unduh(ekspor)), f"Rekap Log {log_bulan:%Y-%m}")
    assert [b[0] for b in baris[1:]] == [outsider.nip]


def test_filter_di_luar_lingkup_baru_menggagalkan_rekap(
    login, admin_opd, log_bulan, bidang_a, opd_b, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    q = {"bulan": f"{log_bulan:%Y-%m}", "unit": bidang_a.pk}
    ekspor, antre = _minta(login(admin_opd), LOG, q, django_capture_on_commit_callbacks)
    PeranPengguna.objects.filter(user=admin_opd.user).update(opd=opd_b)
    antre[0]()
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.berkas.name) == ("gagal", "")
    assert ekspor.pesan_galat == (
        "Filter ekspor tidak lagi berlaku untuk Anda: "
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    )


def test_opd_monitoring_di_luar_lingkup_baru_menggagalkan(
    login, admin_opd, periode, opd_a, opd_b, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    ekspor, antre = _minta(login(admin_opd), MONITORING, {"opd": opd_a.pk}, django_capture_on_commit_callbacks)
    PeranPengguna.objects.filter(user=admin_opd.user).update(opd=opd_b)
    antre[0]()
    ekspor.refresh_from_db()
    assert ekspor.status == "gagal"
    assert (
        ekspor.pesan_galat
        == "Filter ekspor tidak lagi berlaku untuk Anda: OPD tidak ditemukan atau di luar lingkup Anda."
    )


def test_peran_admin_dicabut_menggagalkan_matriks(
    login, admin_opd, laporan, bidang_a, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    ekspor, antre = _minta(login(admin_opd), MATRIKS, {"unit": bidang_a.pk}, django_capture_on_commit_callbacks)
    PeranPengguna.objects.filter(user=admin_opd.user).delete()
    antre[0]()
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.pesan_galat) == ("gagal", PESAN_TIDAK_BERWENANG)


def test_filter_rusak_tidak_membuat_ekspor(login, admin_bkd, settings):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    c = login(admin_bkd)
    assert c.get(LOG, {"unit": "abc"}).status_code == 302
    assert c.get(MONITORING, {"periode": "abc"}).status_code == 302
    assert not Ekspor.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_tanpa_broker_kegagalan_langsung_dikabarkan(login, atasan, log_bulan, settings, monkeypatch):
    from django.core.exceptions import ValidationError

    from unduhan import registry

    def ditolak(user, parameter, progres):
        raise ValidationError("Periode penilaian ekspor ini tidak ditemukan lagi.")

    asli = registry.ekspor_jenis_get("evaluasi.log_rekap")
    monkeypatch.setitem(registry._DAFTAR, asli.kode, registry.JenisEkspor(asli.kode, ditolak, asli.judul, asli.peran))
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    r = login(atasan).get(LOG, {"bulan": f"{log_bulan:%Y-%m}"})
    assert r.status_code == 302
    assert _pesan(r) == ["Ekspor gagal: Periode penilaian ekspor ini tidak ditemukan lagi."]
    assert Ekspor.objects.get().status == "gagal"
