"""The period pages: list, open (once, even when posted twice), detail with progress, moving to
the next state (with its confirmation) and changing the deadlines (safe against a second tab)."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluasi.forms.periode import PESAN_FORM_RUSAK
from evaluasi.models import EvaluasiPegawai, PengaturanKinerja, PenilaianDiriKinerja, Periode, Skp
from evaluasi.services.periode import PESAN_STATUS_BERUBAH, evaluasi_siapkan, periode_buat, periode_lanjut
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.factories import periode_uji, skp_uji
from evaluasi.views.periode import PESAN_PERIODE_DITUTUP
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

DAFTAR = reverse("evaluasi:periode-list")
BARU = reverse("evaluasi:periode-create")


def _url(nama, periode):
    return reverse(f"evaluasi:periode-{nama}", args=[periode.pk])


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _pesan_terakhir(response) -> str:
    """The message the response added last (earlier redirects in a test are not followed, so
    their messages are still stored)."""
    return _pesan(response)[-1]


def _data_baru(**kw):
    data = {"token": "tok-1", "tahun": "2030", "jenis": "triwulan", "nomor": "2"}
    data.update(kw)
    return {k: v for k, v in data.items() if v is not None}


def _jumlah_query(klien, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = klien.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- list ---------------------------------------------------------------------------------------------


def test_semua_pengguna_melihat_daftar_periode_dengan_tahap_dan_batas(login, admin_bkd, pegawai):
    periode_buat(actor=admin_bkd.user, tahun=2030, jenis="triwulan", nomor=1)
    tutup = periode_buat(actor=admin_bkd.user, tahun=2029, jenis="tahunan", nomor=1)
    for status in ("perencanaan", "berjalan", "penilaian"):
        tutup = periode_lanjut(actor=admin_bkd.user, periode=tutup, dari_status=status)

    response = login(pegawai).get(DAFTAR)
    assert response.status_code == 200
    assert [p.nama for p in response.context["page_obj"]] == ["Triwulan I 2030", "Tahunan 2029"]
    html = response.content.decode()
    assert "Perencanaan" in html and "Ditutup" in html
    assert "sisa " in html  # the open period's deadlines are counted down
    assert BARU not in html  # only Admin BKD opens periods


def test_admin_bkd_melihat_tombol_buka_periode(login, admin_bkd):
    html = login(admin_bkd).get(DAFTAR).content.decode()
    assert BARU in html and reverse("evaluasi:pengaturan") in html


def test_jumlah_query_daftar_periode_tetap(login, admin_bkd):
    klien = login(admin_bkd)
    for nomor in (1, 2):
        periode_buat(actor=admin_bkd.user, tahun=2030, jenis="triwulan", nomor=nomor)
    klien.get(DAFTAR)
    sedikit = _jumlah_query(klien, DAFTAR)
    for nomor in (3, 4):
        periode_buat(actor=admin_bkd.user, tahun=2030, jenis="triwulan", nomor=nomor)
    periode_buat(actor=admin_bkd.user, tahun=2030, jenis="tahunan", nomor=1)
    periode_buat(actor=admin_bkd.user, tahun=2031, jenis="tahunan", nomor=1)
    assert _jumlah_query(klien, DAFTAR) == sedikit


# --- create ------------------------------------------------------------------------------------------


def test_form_periode_baru_terisi_tanggal_periode_berjalan(login, admin_bkd):
    response = login(admin_bkd).get(BARU)
    assert response.status_code == 200
    form = response.context["form"]
    hari_ini = timezone.localdate()
    nomor = (hari_ini.month - 1) // 3 + 1
    assert form.initial["jenis"] == "triwulan" and form.initial["nomor"] == nomor
    assert form.initial["tanggal_mulai"] == dt.date(hari_ini.year, (nomor - 1) * 3 + 1, 1)
    assert form.initial["batas_penilaian_diri"] == form.initial["tanggal_selesai"] + dt.timedelta(days=7)
    # Only the kinds the settings use (triwulan and tahunan by default).
    assert [k for k, _ in form.fields["jenis"].choices] == ["triwulan", "tahunan"]
    assert form.initial["token"]


def test_form_menyarankan_periode_berikut_yang_belum_dibuka(login, admin_bkd):
    hari_ini = timezone.localdate()
    sekarang = (hari_ini.month - 1) // 3 + 1
    for nomor in range(sekarang, 5):
        periode_buat(actor=admin_bkd.user, tahun=hari_ini.year, jenis="triwulan", nomor=nomor)
    form = login(admin_bkd).get(BARU).context["form"]
    assert (form.initial["tahun"], form.initial["nomor"]) == (hari_ini.year + 1, 1)
    assert form.initial["tanggal_mulai"] == dt.date(hari_ini.year + 1, 1, 1)


def test_admin_bkd_membuka_periode_dan_setiap_pegawai_mendapat_catatan(login, admin_bkd, pegawai, rekan, outsider):
    response = login(admin_bkd).post(BARU, _data_baru())
    periode = Periode.objects.get()
    assert response.status_code == 302 and response.url == _url("detail", periode)
    assert (periode.nama, periode.tanggal_mulai, periode.batas_penilaian_atasan) == (
        "Triwulan II 2030",
        dt.date(2030, 4, 1),
        dt.date(2030, 7, 14),
    )
    jumlah = EvaluasiPegawai.objects.filter(periode=periode).count()
    assert jumlah >= 4
    assert _pesan(response) == [
        f"Periode Triwulan II 2030 dibuka dalam tahap Perencanaan dengan {jumlah} catatan evaluasi pegawai."
    ]


def test_tanggal_yang_diubah_admin_dipakai(login, admin_bkd):
    login(admin_bkd).post(
        BARU,
        _data_baru(
            tanggal_mulai="2030-04-02",
            tanggal_selesai="2030-06-28",
            batas_penilaian_diri="2030-07-03",
            batas_penilaian_rekan="2030-07-05",
            batas_penilaian_atasan="2030-07-10",
        ),
    )
    periode = Periode.objects.get()
    assert (periode.tanggal_mulai, periode.tanggal_selesai, periode.batas_penilaian_rekan) == (
        dt.date(2030, 4, 2),
        dt.date(2030, 6, 28),
        dt.date(2030, 7, 5),
    )


def test_formulir_terkirim_dua_kali_membuat_satu_periode(login, admin_bkd):
    klien = login(admin_bkd)
    pertama = klien.post(BARU, _data_baru())
    kedua = klien.post(BARU, _data_baru())
    periode = Periode.objects.get()
    assert pertama.url == kedua.url == _url("detail", periode)
    assert _pesan_terakhir(kedua) == "Formulir ini sudah dikirim; periode tidak dibuat dua kali."


def test_periode_yang_sama_dari_tab_lain_ditolak_dengan_pesan(login, admin_bkd):
    klien = login(admin_bkd)
    klien.post(BARU, _data_baru(token="tab-1"))
    response = klien.post(BARU, _data_baru(token="tab-2"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Periode Triwulan II 2030 sudah ada."]
    assert Periode.objects.count() == 1


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"tahun": "dua ribu"}, "tahun", "Tahun harus bilangan bulat 2000 sampai 2100."),
        ({"tahun": "1999"}, "tahun", "Tahun harus bilangan bulat 2000 sampai 2100."),
        ({"jenis": "bulanan"}, "jenis", "Pilih jenis periode yang dipakai."),
        ({"nomor": "13"}, "nomor", "Pilih nomor periode."),
        ({"nomor": "5"}, "nomor", "Nomor periode untuk jenis triwulan harus 1 sampai 4."),
        (
            {"tanggal_mulai": "besok"},
            "tanggal_mulai",
            "Tanggal tidak valid; isi dengan format tahun-bulan-tanggal, misalnya 2026-03-31.",
        ),
        ({"tanggal_mulai": "2029-12-01"}, "tanggal_mulai", "Tanggal periode harus berada di tahun 2030."),
        (
            {"batas_penilaian_diri": "2030-07-20", "batas_penilaian_atasan": "2030-07-10"},
            "batas_penilaian_atasan",
            "Batas penilaian atasan tidak boleh sebelum batas penilaian diri.",
        ),
        ({"token": None}, None, PESAN_FORM_RUSAK),
    ],
)
def test_isian_salah_ditolak_dan_tidak_ada_yang_tersimpan(login, admin_bkd, ubah, field, pesan):
    response = login(admin_bkd).post(BARU, _data_baru(**ubah))
    assert response.status_code == 200
    form = response.context["form"]
    if field is None:
        assert pesan in form.errors["token"]
    else:
        assert pesan in form.errors[field]
    assert not Periode.objects.exists()


def test_jenis_periode_dari_pengaturan(login, admin_bkd):
    pengaturan = PengaturanKinerja.get()
    pengaturan.jenis_periode = ["bulanan"]
    pengaturan.save()
    response = login(admin_bkd).post(BARU, _data_baru(jenis="bulanan", nomor="12"))
    assert response.status_code == 302
    assert Periode.objects.get().nama == "Desember 2030"


def test_admin_opd_tidak_membuka_periode(login, admin_opd):
    assert login(admin_opd).get(BARU).status_code == 403
    assert login(admin_opd).post(BARU, _data_baru()).status_code == 403
    assert not Periode.objects.exists()


# --- detail ------------------------------------------------------------------------------------------


@pytest.fixture
def periode(admin_bkd, pegawai, rekan, atasan, outsider):
    skp_uji(pegawai)
    skp_uji(outsider, status=Skp.Status.DIAJUKAN)
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN)
    ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    PenilaianDiriKinerja.objects.create(evaluasi=ev, status=PenilaianDiriKinerja.Status.TERKIRIM)
    EvaluasiPegawai.objects.filter(pk=ev.pk).update(
        status="final", rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
    )
    return periode


def test_detail_admin_bkd_menampilkan_kemajuan_seluruh_pemda(login, admin_bkd, periode):
    response = login(admin_bkd).get(_url("detail", periode))
    assert response.status_code == 200
    capaian = {c.label: (c.jumlah, c.total) for c in response.context["capaian"]}
    n = EvaluasiPegawai.objects.filter(periode=periode).count()
    assert capaian == {
        "Pegawai dengan catatan evaluasi": (n, n),
        "SKP disetujui": (1, n),
        "Realisasi lengkap": (0, n),
        "Penilaian diri terkirim": (1, n),
        "Penilaian final": (1, n),
        "Keberatan diajukan": (0, n),
    }
    html = response.content.decode()
    assert "Tutup periode" in html and _url("lanjut", periode) in html and _url("update", periode) in html


def test_detail_admin_opd_hanya_menghitung_opdnya(login, admin_opd, periode, outsider):
    response = login(admin_opd).get(_url("detail", periode))
    capaian = {c.label: c.jumlah for c in response.context["capaian"]}
    n_opd_a = EvaluasiPegawai.objects.filter(periode=periode, opd=admin_opd.unit.opd).count()
    assert capaian["Pegawai dengan catatan evaluasi"] == n_opd_a
    assert capaian["SKP disetujui"] == 1
    html = response.content.decode()
    assert "OPD yang Anda kelola" in html and _url("lanjut", periode) not in html


def test_detail_pegawai_tanpa_angka_kemajuan(login, pegawai, periode):
    response = login(pegawai).get(_url("detail", periode))
    assert response.status_code == 200
    assert response.context["capaian"] == []
    html = response.content.decode()
    assert "Penilaian diri, penilaian rekan, dan penilaian atasan dibuka." in html
    assert reverse("evaluasi:monitoring") not in html and _url("lanjut", periode) not in html


def test_detail_periode_tidak_ada_404(login, pegawai):
    assert login(pegawai).get(reverse("evaluasi:periode-detail", args=[999999])).status_code == 404


def test_jumlah_query_detail_tetap(login, admin_bkd, periode, bidang_a, jabatan_staf, atasan):
    klien = login(admin_bkd)
    url = _url("detail", periode)
    klien.get(url)
    sedikit = _jumlah_query(klien, url)
    for _ in range(5):
        p = PegawaiFactory(unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
        skp_uji(p)
    assert evaluasi_siapkan(periode=periode) == 5
    assert _jumlah_query(klien, url) == sedikit


# --- next state ----------------------------------------------------------------------------------------


def test_konfirmasi_tutup_memperingatkan_penilaian_belum_final(login, admin_bkd, periode):
    response = login(admin_bkd).get(_url("lanjut", periode))
    assert response.status_code == 200
    n = EvaluasiPegawai.objects.filter(periode=periode).count()
    html = response.content.decode()
    assert f"{n - 1} dari {n} penilaian belum final." in html
    assert "Penutupan tidak dapat dibatalkan." in html
    assert 'name="dari_status" value="penilaian"' in html


def test_konfirmasi_ke_penilaian_menyebut_skp_belum_disetujui(login, admin_bkd, pegawai, outsider):
    skp_uji(pegawai)
    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN)
    html = login(admin_bkd).get(_url("lanjut", periode)).content.decode()
    n = EvaluasiPegawai.objects.filter(periode=periode).count()
    assert f"{n - 1} dari {n} pegawai belum memiliki SKP yang disetujui" in html
    assert "Penilaian diri, penilaian rekan, dan penilaian atasan dibuka." in html


def test_lanjut_memindahkan_satu_tahap_sekali_walau_dikirim_dua_kali(login, admin_bkd, pegawai):
    periode = periode_uji(admin_bkd.user, status=Periode.Status.PERENCANAAN)
    klien = login(admin_bkd)
    pertama = klien.post(_url("lanjut", periode), {"dari_status": "perencanaan"})
    assert pertama.url == _url("detail", periode)
    assert _pesan(pertama) == [f"Periode {periode.nama} kini dalam tahap Berjalan."]
    kedua = klien.post(_url("lanjut", periode), {"dari_status": "perencanaan"})
    assert _pesan_terakhir(kedua) == PESAN_STATUS_BERUBAH
    periode.refresh_from_db()
    assert periode.status == Periode.Status.BERJALAN


def test_menutup_periode_mencatat_penutup(login, admin_bkd, periode):
    login(admin_bkd).post(_url("lanjut", periode), {"dari_status": "penilaian"})
    periode.refresh_from_db()
    assert periode.status == Periode.Status.DITUTUP and periode.ditutup_oleh == admin_bkd.user
    # A closed period has no next state: the confirmation sends back with a note.
    response = login(admin_bkd).get(_url("lanjut", periode))
    assert response.status_code == 302 and _pesan_terakhir(response) == "Periode ini sudah ditutup."


@pytest.mark.parametrize(
    ("dari", "pesan"),
    [
        ("", PESAN_FORM_RUSAK),
        ("dibuka", PESAN_FORM_RUSAK),
        ("berjalan", PESAN_STATUS_BERUBAH),
        ("ditutup", "Periode ini sudah ditutup; tidak ada yang dapat diubah."),
    ],
)
def test_lanjut_dengan_status_asal_rusak_tidak_mengubah_apa_pun(login, admin_bkd, periode, dari, pesan):
    response = login(admin_bkd).post(_url("lanjut", periode), {"dari_status": dari})
    assert response.status_code == 302
    assert _pesan(response) == [pesan]
    periode.refresh_from_db()
    assert periode.status == Periode.Status.PENILAIAN


def test_admin_opd_tidak_melanjutkan_periode(login, admin_opd, periode):
    assert login(admin_opd).get(_url("lanjut", periode)).status_code == 403
    assert login(admin_opd).post(_url("lanjut", periode), {"dari_status": "penilaian"}).status_code == 403
    periode.refresh_from_db()
    assert periode.status == Periode.Status.PENILAIAN


# --- deadlines ------------------------------------------------------------------------------------------


def _batas(periode, **kw):
    data = {
        "batas_penilaian_diri": periode.batas_penilaian_diri.isoformat(),
        "batas_penilaian_rekan": periode.batas_penilaian_rekan.isoformat(),
        "batas_penilaian_atasan": periode.batas_penilaian_atasan.isoformat(),
        "semula_diri": periode.batas_penilaian_diri.isoformat(),
        "semula_rekan": periode.batas_penilaian_rekan.isoformat(),
        "semula_atasan": periode.batas_penilaian_atasan.isoformat(),
    }
    data.update(kw)
    return data


def test_admin_bkd_mengubah_batas_waktu(login, admin_bkd, periode):
    baru = periode.batas_penilaian_atasan + dt.timedelta(days=5)
    response = login(admin_bkd).post(_url("update", periode), _batas(periode, batas_penilaian_atasan=baru.isoformat()))
    assert response.status_code == 302 and _pesan(response) == ["Batas waktu penilaian disimpan."]
    periode.refresh_from_db()
    assert periode.batas_penilaian_atasan == baru


def test_tab_lama_tidak_menimpa_perubahan_batas(login, admin_bkd, periode):
    klien = login(admin_bkd)
    lama = _batas(periode)
    hari = dt.timedelta(days=2)
    klien.post(
        _url("update", periode),
        {**lama, "batas_penilaian_diri": (periode.batas_penilaian_diri + hari).isoformat()},
    )
    response = klien.post(
        _url("update", periode), {**lama, "batas_penilaian_atasan": (periode.batas_penilaian_atasan + hari).isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    diri_lama, atasan_lama = periode.batas_penilaian_diri, periode.batas_penilaian_atasan
    periode.refresh_from_db()
    assert (periode.batas_penilaian_diri, periode.batas_penilaian_atasan) == (diri_lama + hari, atasan_lama)


def test_batas_sebelum_periode_mulai_ditolak(login, admin_bkd, periode):
    awal = periode.batas_penilaian_diri
    response = login(admin_bkd).post(
        _url("update", periode),
        _batas(periode, batas_penilaian_diri=(periode.tanggal_mulai - dt.timedelta(days=1)).isoformat()),
    )
    assert response.context["form"].errors["batas_penilaian_diri"] == [
        "Batas penilaian tidak boleh sebelum periode dimulai."
    ]
    periode.refresh_from_db()
    assert periode.batas_penilaian_diri == awal


def test_batas_periode_ditutup_tidak_dapat_diubah(login, admin_bkd, periode):
    periode_lanjut(actor=admin_bkd.user, periode=periode, dari_status="penilaian")
    klien = login(admin_bkd)
    assert klien.get(_url("update", periode)).status_code == 302
    response = klien.post(_url("update", periode), _batas(periode, batas_penilaian_diri="2099-01-01"))
    assert response.status_code == 302 and _pesan_terakhir(response) == PESAN_PERIODE_DITUTUP
