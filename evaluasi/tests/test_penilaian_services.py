"""Services of the assessment: self-assessment, the rater's draft, finalisation (predikat from the
matrix, the curve, locking), acknowledgement."""

from __future__ import annotations

import datetime as dt
import threading
from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from evaluasi.models import (
    EvaluasiPegawai,
    PengaturanKinerja,
    PenilaianDiriKinerja,
    Periode,
    PredikatOrganisasi,
    RatingRhk,
    Skp,
)
from evaluasi.services.penilaian import (
    KODE_SUDAH,
    PESAN_BATAS_ATASAN,
    PESAN_BATAS_DIRI,
    PESAN_BELUM_FINAL,
    PESAN_BUKAN_PEGAWAI,
    PESAN_BUKAN_PENERIMA,
    PESAN_BUKAN_PENILAI,
    PESAN_DIRI_BELUM_LENGKAP,
    PESAN_DIRI_FINAL,
    PESAN_DIRI_TERKIRIM,
    PESAN_FINAL_BELUM_LENGKAP,
    PESAN_KURVA_LANGGAR,
    PESAN_KURVA_ORG_BELUM,
    PESAN_KURVA_ORG_BELUM_PERINGATAN,
    PESAN_PERIODE_BELUM,
    PESAN_PERIODE_DITUTUP,
    PESAN_RATING_TIDAK_VALID,
    PESAN_RHK_ASING,
    PESAN_SKP_BELUM,
    PESAN_SUDAH_DITERIMA,
    PESAN_SUDAH_FINAL,
    RatingMasuk,
    penilaian_atasan_simpan,
    penilaian_diri_simpan,
    penilaian_finalkan,
    penilaian_terima,
    tanggal_teks,
)
from evaluasi.services.periode import periode_lanjut
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.test_penilaian_fixture import nilai_semua, siap_buat
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(admin_bkd, pegawai, atasan):
    """pegawai's evaluation in a period in "penilaian", rated by atasan (test_penilaian_fixture)."""
    return siap_buat(admin_bkd.user, pegawai, atasan)


# DOMAIN.md's table, written out (not taken from rules.MATRIKS_PREDIKAT, so the test can fail).
SEMBILAN = [
    ("di_atas", "di_bawah", "kurang"),
    ("di_atas", "sesuai", "baik"),
    ("di_atas", "di_atas", "sangat_baik"),
    ("sesuai", "di_bawah", "kurang"),
    ("sesuai", "sesuai", "baik"),
    ("sesuai", "di_atas", "baik"),
    ("di_bawah", "di_bawah", "sangat_kurang"),
    ("di_bawah", "sesuai", "butuh_perbaikan"),
    ("di_bawah", "di_atas", "butuh_perbaikan"),
]


def _galat(exc_info) -> list[str]:
    return exc_info.value.messages


def _diri(s, actor, *, kirim=False, versi=None, rating="sesuai", refleksi="Sudah berusaha.", **kw):
    diri = PenilaianDiriKinerja.objects.filter(evaluasi=s.ev).first()
    return penilaian_diri_simpan(
        actor=actor,
        evaluasi=s.ev,
        versi=(diri.versi if diri else 0) if versi is None else versi,
        rhk={r.pk: RatingMasuk(rating, "Catatan saya") for r in s.rhk},
        rating_hasil=kw.get("rating_hasil", "sesuai"),
        rating_perilaku=kw.get("rating_perilaku", "di_atas"),
        refleksi=refleksi,
        kirim=kirim,
    )


# --- predikat -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), SEMBILAN)
def test_predikat_tersimpan_sama_dengan_matriks_untuk_kesembilan_kombinasi(s, atasan, hasil, perilaku, predikat):
    nilai_semua(s, atasan.user, hasil=hasil, perilaku=perilaku)
    assert (s.ev.status, s.ev.predikat) == ("draft", predikat)
    hasil_final = penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    ev = EvaluasiPegawai.objects.get(pk=s.ev.pk)
    assert (ev.status, ev.rating_hasil, ev.rating_perilaku, ev.predikat) == ("final", hasil, perilaku, predikat)
    assert hasil_final.evaluasi.predikat == predikat


def test_draf_dengan_satu_rating_belum_memiliki_predikat(s, atasan):
    penilaian_atasan_simpan(
        actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk={}, rating_hasil="di_atas", rating_perilaku=""
    )
    ev = s.segarkan()
    assert (ev.status, ev.rating_hasil, ev.predikat) == ("draft", "di_atas", "")


# --- who may rate -------------------------------------------------------------------------------


def test_pegawai_tidak_dapat_menilai_dirinya_sebagai_atasan(s, pegawai):
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(
            actor=pegawai.user,
            evaluasi=s.ev,
            versi=s.ev.versi,
            rhk={},
            rating_hasil="di_atas",
            rating_perilaku="di_atas",
        )
    assert _galat(e) == [PESAN_BUKAN_PENILAI]
    assert s.segarkan().status == "belum"


@pytest.mark.parametrize("siapa", ["kepala_opd", "rekan", "admin_bkd"])
def test_yang_bukan_pejabat_penilai_tidak_dapat_menilai_atau_memfinalkan(rekan, s, siapa, request):
    actor = request.getfixturevalue(siapa).user
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(actor=actor, evaluasi=s.ev, versi=s.ev.versi, rhk={}, rating_hasil="sesuai")
    assert _galat(e) == [PESAN_BUKAN_PENILAI]
    with pytest.raises(ValidationError) as e:
        penilaian_finalkan(actor=actor, evaluasi=s.ev, versi=s.ev.versi)
    assert _galat(e) == [PESAN_BUKAN_PENILAI]
    assert s.segarkan().status == "belum"


# --- finalisation -------------------------------------------------------------------------------


def test_finalisasi_mengunci_semuanya(s, atasan, pegawai):
    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="di_atas")
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    ev = s.segarkan()
    sebelum = (ev.rating_hasil, ev.rating_perilaku, ev.predikat, ev.umpan_balik, ev.versi)
    rating_sebelum = list(RatingRhk.objects.order_by("pk").values_list("rating_diri", "rating_atasan"))

    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(
            actor=atasan.user, evaluasi=ev, versi=ev.versi, rhk={}, rating_hasil="di_bawah", rating_perilaku="di_bawah"
        )
    assert _galat(e) == [PESAN_SUDAH_FINAL]
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user)
    assert _galat(e) == [PESAN_DIRI_FINAL]

    ev = s.segarkan()
    assert (ev.rating_hasil, ev.rating_perilaku, ev.predikat, ev.umpan_balik, ev.versi) == sebelum
    assert list(RatingRhk.objects.order_by("pk").values_list("rating_diri", "rating_atasan")) == rating_sebelum
    assert not PenilaianDiriKinerja.objects.exists()


def test_finalkan_dua_kali_hanya_sekali_bertindak(s, atasan, pegawai):
    nilai_semua(s, atasan.user)
    versi = s.ev.versi
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=versi)
    pertama = s.segarkan().difinalkan_pada
    with pytest.raises(ValidationError) as e:
        penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=versi)
    assert _galat(e) == [PESAN_SUDAH_FINAL]
    assert e.value.code == KODE_SUDAH
    assert s.segarkan().difinalkan_pada == pertama
    notif = Notifikasi.objects.filter(penerima=pegawai.user)
    assert notif.count() == 1
    assert notif.get().tautan == f"/kinerja/evaluasi/{s.ev.pk}/"


def test_finalisasi_mencatat_siapa_dan_atasan_penilai_terkini(s, atasan, kepala_opd, opd_a, jabatan_kepala):
    nilai_semua(s, atasan.user)
    pimpinan_baru = PegawaiFactory(nama="Sekretaris Dinas", unit=opd_a, jabatan=jabatan_kepala)
    atasan.atasan = pimpinan_baru
    atasan.save(update_fields=["atasan"])
    assert s.ev.atasan_penilai_id == kepala_opd.pk
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    ev = s.segarkan()
    assert ev.atasan_penilai_id == pimpinan_baru.pk
    assert ev.difinalkan_oleh_id == atasan.user.pk
    assert ev.difinalkan_pada is not None


def test_finalisasi_memerlukan_kedua_rating_dan_setiap_rhk(s, atasan):
    rhk = s.rhk
    penilaian_atasan_simpan(
        actor=atasan.user,
        evaluasi=s.ev,
        versi=s.ev.versi,
        rhk={rhk[0].pk: RatingMasuk("sesuai")},
        rating_hasil="sesuai",
    )
    ev = s.segarkan()
    with pytest.raises(ValidationError) as e:
        penilaian_finalkan(actor=atasan.user, evaluasi=ev, versi=ev.versi)
    assert _galat(e) == [
        PESAN_FINAL_BELUM_LENGKAP.format(daftar="rating perilaku kerja, rating setiap RHK (1 RHK belum dinilai)")
    ]
    assert s.segarkan().status == "draft"


def test_finalisasi_dari_tab_lama_ditolak(s, atasan):
    nilai_semua(s, atasan.user)
    versi_lama = s.ev.versi
    nilai_semua(s, atasan.user, hasil="di_atas")  # another tab saved meanwhile
    with pytest.raises(ValidationError) as e:
        penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=versi_lama)
    assert _galat(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert s.segarkan().status == "draft"


# --- the curve ----------------------------------------------------------------------------------


def _org(s, predikat, admin_bkd):
    PredikatOrganisasi.objects.create(
        periode=s.periode, unit=s.ev.unit, predikat=predikat, ditetapkan_oleh=admin_bkd.user
    )


def _blokir(nilai: bool):
    p = PengaturanKinerja.get()
    p.kurva_memblokir = nilai
    p.save(update_fields=["kurva_memblokir"])


def test_kurva_yang_dilanggar_memblokir_finalisasi_bila_diatur(s, atasan, admin_bkd):
    _org(s, "butuh_perbaikan", admin_bkd)  # at least 60% Butuh Perbaikan: a lone Baik breaks it
    _blokir(True)
    nilai_semua(s, atasan.user)
    with pytest.raises(ValidationError) as e:
        penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    assert _galat(e) == [
        PESAN_KURVA_LANGGAR.format(daftar="Butuh Perbaikan paling sedikit 60%; saat ini 0 dari 1 pegawai (0%).")
    ]
    assert s.segarkan().status == "draft"


def test_kurva_yang_dilanggar_hanya_peringatan_bila_tidak_memblokir(s, atasan, admin_bkd):
    _org(s, "butuh_perbaikan", admin_bkd)
    _blokir(False)
    nilai_semua(s, atasan.user)
    hasil = penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    assert hasil.peringatan == ["Butuh Perbaikan paling sedikit 60%; saat ini 0 dari 1 pegawai (0%)."]
    assert s.segarkan().status == "final"


def test_kurva_yang_terpenuhi_tidak_menghalangi(s, atasan, admin_bkd):
    _org(s, "butuh_perbaikan", admin_bkd)
    _blokir(True)
    nilai_semua(s, atasan.user, hasil="di_bawah", perilaku="sesuai")  # Butuh Perbaikan: 1 of 1
    hasil = penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    assert hasil.peringatan == []
    assert s.segarkan().predikat == "butuh_perbaikan"


@pytest.mark.parametrize("memblokir", [True, False])
def test_predikat_organisasi_belum_ditetapkan(s, atasan, memblokir):
    _blokir(memblokir)
    nilai_semua(s, atasan.user)
    if memblokir:
        with pytest.raises(ValidationError) as e:
            penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
        assert _galat(e) == [PESAN_KURVA_ORG_BELUM]
        assert s.segarkan().status == "draft"
    else:
        hasil = penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
        assert hasil.peringatan == [PESAN_KURVA_ORG_BELUM_PERINGATAN]
        assert s.segarkan().status == "final"


# --- the rater's draft: bad input, periods, deadlines, two tabs --------------------------------------


def test_draf_atasan_dari_tab_lama_ditolak_tanpa_mengubah_apa_pun(s, atasan):
    nilai_semua(s, atasan.user, hasil="sesuai")
    versi_lama = s.ev.versi - 1
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(
            actor=atasan.user,
            evaluasi=s.ev,
            versi=versi_lama,
            rhk={},
            rating_hasil="di_bawah",
            rating_perilaku="sesuai",
        )
    assert _galat(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert s.segarkan().rating_hasil == "sesuai"


@pytest.mark.parametrize(
    ("rhk_asing", "rating", "pesan"),
    [(True, "sesuai", PESAN_RHK_ASING), (False, "luar_biasa", PESAN_RATING_TIDAK_VALID)],
)
def test_masukan_tidak_sah_tidak_menyimpan_apa_pun(s, atasan, outsider, rhk_asing, rating, pesan):
    from evaluasi.tests.factories import skp_uji

    rhk = {skp_uji(outsider).rhk.first().pk: RatingMasuk("sesuai")} if rhk_asing else {}
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk=rhk, rating_hasil=rating)
    assert _galat(e) == [pesan]
    assert (s.segarkan().status, RatingRhk.objects.count()) == ("belum", 0)


def test_catatan_terlalu_panjang_ditolak(s, atasan):
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk={}, umpan_balik="x" * 4001)
    assert _galat(e) == ["Teks paling panjang 4.000 karakter."]


def test_skp_belum_disetujui_tidak_dapat_dinilai(admin_bkd, pegawai, atasan):
    s = siap_buat(admin_bkd.user, pegawai, atasan, skp_status=Skp.Status.DIAJUKAN)
    pesan = PESAN_SKP_BELUM.format(tahun=s.periode.tahun)
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk={}, rating_hasil="sesuai")
    assert _galat(e) == [pesan]
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user)
    assert _galat(e) == [pesan]


def test_penilaian_hanya_pada_tahap_penilaian(admin_bkd, pegawai, atasan):
    from evaluasi.tests.factories import periode_uji

    periode = periode_uji(admin_bkd.user, status=Periode.Status.BERJALAN, jenis="tahunan")
    s = siap_buat(admin_bkd.user, pegawai, atasan)
    s.ev = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk={}, rating_hasil="sesuai")
    assert _galat(e) == [PESAN_PERIODE_BELUM]
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user)
    assert _galat(e) == [PESAN_PERIODE_BELUM]


def test_periode_ditutup_mengunci_penilaian(s, atasan, admin_bkd):
    nilai_semua(s, atasan.user)
    periode_lanjut(actor=admin_bkd.user, periode=s.periode, dari_status=Periode.Status.PENILAIAN)
    with pytest.raises(ValidationError) as e:
        penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    assert _galat(e) == [PESAN_PERIODE_DITUTUP]
    assert s.segarkan().status == "draft"


def test_lewat_batas_penilaian_atasan_ditolak(s, atasan):
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    Periode.objects.filter(pk=s.periode.pk).update(batas_penilaian_diri=kemarin, batas_penilaian_atasan=kemarin)
    s.segarkan()
    with pytest.raises(ValidationError) as e:
        penilaian_atasan_simpan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk={}, rating_hasil="sesuai")
    assert _galat(e) == [PESAN_BATAS_ATASAN.format(tanggal=tanggal_teks(kemarin))]


# --- self-assessment ----------------------------------------------------------------------------------


def test_penilaian_diri_draf_lalu_kirim_mengunci_dan_memberi_tahu_atasan(s, pegawai, atasan):
    diri = _diri(s, pegawai.user)
    assert diri.status == "draft"
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 0
    diri = _diri(s, pegawai.user, kirim=True, rating="di_atas")
    diri.refresh_from_db()
    assert (diri.status, diri.rating_hasil, diri.rating_perilaku) == ("terkirim", "sesuai", "di_atas")
    assert diri.dikirim_pada is not None
    assert set(RatingRhk.objects.values_list("rating_diri", flat=True)) == {"di_atas"}
    notif = Notifikasi.objects.get(penerima=atasan.user)
    assert notif.tautan == f"/kinerja/evaluasi/{s.ev.pk}/nilai/"

    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user, rating="di_bawah")
    assert _galat(e) == [PESAN_DIRI_TERKIRIM]
    assert e.value.code == KODE_SUDAH
    assert set(RatingRhk.objects.values_list("rating_diri", flat=True)) == {"di_atas"}
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 1


def test_kirim_dua_kali_hanya_sekali(s, pegawai, atasan):
    _diri(s, pegawai.user, kirim=True, versi=0)
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user, kirim=True, versi=0)
    assert _galat(e) == [PESAN_DIRI_TERKIRIM]
    assert PenilaianDiriKinerja.objects.count() == 1
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 1


def test_kirim_memerlukan_isian_lengkap(s, pegawai):
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user, kirim=True, rating="", refleksi=" ", rating_perilaku="")
    assert _galat(e) == [
        PESAN_DIRI_BELUM_LENGKAP.format(
            daftar="usulan rating setiap RHK (2 RHK belum diisi), usulan rating perilaku kerja, refleksi"
        )
    ]
    assert not PenilaianDiriKinerja.objects.exists()


def test_penilaian_diri_dari_tab_lama_ditolak(s, pegawai):
    _diri(s, pegawai.user, refleksi="Versi pertama")
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user, versi=0, refleksi="Tab lama")  # this tab opened before the first save
    assert _galat(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user, versi=5, refleksi="Tab lama")
    assert _galat(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert PenilaianDiriKinerja.objects.get().refleksi == "Versi pertama"


def test_penilaian_diri_setelah_batas_ditolak(s, pegawai):
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    Periode.objects.filter(pk=s.periode.pk).update(batas_penilaian_diri=kemarin)
    s.segarkan()
    with pytest.raises(ValidationError) as e:
        _diri(s, pegawai.user)
    assert _galat(e) == [PESAN_BATAS_DIRI.format(tanggal=tanggal_teks(kemarin))]
    assert not PenilaianDiriKinerja.objects.exists()


def test_penilaian_diri_hari_terakhir_masih_diterima(s, pegawai):
    Periode.objects.filter(pk=s.periode.pk).update(batas_penilaian_diri=timezone.localdate())
    s.segarkan()
    assert _diri(s, pegawai.user).status == "draft"


@pytest.mark.parametrize("siapa", ["atasan", "rekan", "admin_bkd"])
def test_penilaian_diri_hanya_oleh_pegawainya(s, siapa, request):
    with pytest.raises(ValidationError) as e:
        _diri(s, request.getfixturevalue(siapa).user)
    assert _galat(e) == [PESAN_BUKAN_PEGAWAI]
    assert not PenilaianDiriKinerja.objects.exists()


def test_usulan_pegawai_dan_rating_atasan_tidak_saling_menimpa(s, pegawai, atasan):
    rhk = s.rhk[0]
    _diri(s, pegawai.user, rating="di_atas")
    penilaian_atasan_simpan(
        actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi, rhk={rhk.pk: RatingMasuk("sesuai", "Cukup")}
    )
    _diri(s, pegawai.user, rating="di_bawah")
    baris = RatingRhk.objects.get(evaluasi=s.ev, rhk=rhk)
    assert (baris.rating_diri, baris.rating_atasan, baris.catatan_atasan) == ("di_bawah", "sesuai", "Cukup")


# --- acknowledgement --------------------------------------------------------------------------------


def test_pegawai_menerima_hasil_sekali(s, pegawai, atasan):
    with pytest.raises(ValidationError) as e:
        penilaian_terima(actor=pegawai.user, evaluasi=s.ev)
    assert _galat(e) == [PESAN_BELUM_FINAL]

    nilai_semua(s, atasan.user)
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    penilaian_terima(actor=pegawai.user, evaluasi=s.ev)
    pertama = s.segarkan().diterima_pada
    assert pertama is not None
    with pytest.raises(ValidationError) as e:
        penilaian_terima(actor=pegawai.user, evaluasi=s.ev)
    assert _galat(e) == [PESAN_SUDAH_DITERIMA.format(tanggal=tanggal_teks(pertama))]
    assert s.segarkan().diterima_pada == pertama
    assert Notifikasi.objects.filter(penerima=atasan.user, judul="Hasil penilaian diterima pegawai").count() == 1


def test_hanya_pegawai_yang_dinilai_dapat_menerima(s, atasan):
    nilai_semua(s, atasan.user)
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    with pytest.raises(ValidationError) as e:
        penilaian_terima(actor=atasan.user, evaluasi=s.ev)
    assert _galat(e) == [PESAN_BUKAN_PENERIMA]
    assert s.segarkan().diterima_pada is None


# --- the curve under concurrency (row locks; PostgreSQL only: SQLite has none) ----------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SELECT ... FOR UPDATE butuh PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_finalisasi_menunggu_draf_lain_di_periode_yang_sama_lalu_menghitungnya(
    admin_bkd, pegawai, rekan, atasan, monkeypatch
):
    """The curve counts finals and rated drafts, so what can change it under a finalisation is
    another rater's draft being saved. Both lock the period row before counting/writing: tab A
    saves rekan's draft as Sangat Baik and holds its transaction until tab B (finalising
    pegawai as Sangat Baik) is seen waiting; B then counts A's draft (2 of 2 Sangat Baik > 70%)
    and is refused. Without the lock B would count 1 of 2 and finalise."""
    from django.apps import apps

    from evaluasi.services import penilaian as layanan
    from evaluasi.tests.test_log_services import tunggu_kunci_ditunggu

    import_module("evaluasi.migrations.0002_seed").seed(apps, None)  # a flush wipes migration data
    x = siap_buat(admin_bkd.user, pegawai, atasan)
    y = siap_buat(admin_bkd.user, rekan, atasan)
    PredikatOrganisasi.objects.create(
        periode=x.periode, unit=x.ev.unit, predikat="istimewa", ditetapkan_oleh=admin_bkd.user
    )  # Sangat Baik paling banyak 70%: one of the two may be, not both
    _blokir(True)
    nilai_semua(x, atasan.user, hasil="di_atas", perilaku="di_atas", rhk="di_atas")
    nilai_semua(y, atasan.user)
    assert (x.ev.predikat, y.ev.predikat) == ("sangat_baik", "baik")

    a_menulis = threading.Event()
    asli = layanan._rating_rhk_tulis
    hasil: dict = {}

    def tahan(*args, **kw):
        if threading.current_thread().name == "tab-a":
            a_menulis.set()
            tunggu_kunci_ditunggu()
        return asli(*args, **kw)

    monkeypatch.setattr(layanan, "_rating_rhk_tulis", tahan)

    def tab_a():
        try:
            ev = y.segarkan()
            hasil["a"] = penilaian_atasan_simpan(
                actor=atasan.user,
                evaluasi=ev,
                versi=ev.versi,
                rhk={r.pk: RatingMasuk("di_atas", "") for r in y.rhk},
                rating_hasil="di_atas",
                rating_perilaku="di_atas",
            )
        except ValidationError as exc:
            hasil["a"] = exc
        finally:
            connections.close_all()

    def tab_b():
        try:
            hasil["b"] = penilaian_finalkan(actor=atasan.user, evaluasi=x.ev, versi=x.ev.versi)
        except ValidationError as exc:
            hasil["b"] = exc
        finally:
            connections.close_all()

    a = threading.Thread(target=tab_a, name="tab-a")
    a.start()
    assert a_menulis.wait(10)
    b = threading.Thread(target=tab_b, name="tab-b")
    b.start()
    a.join(20)
    b.join(20)
    assert isinstance(hasil["a"], EvaluasiPegawai) and hasil["a"].predikat == "sangat_baik"
    assert isinstance(hasil["b"], ValidationError)
    assert hasil["b"].messages == [
        PESAN_KURVA_LANGGAR.format(daftar="Sangat Baik paling banyak 70%; saat ini 2 dari 2 pegawai (100%).")
    ]
    assert x.segarkan().status == EvaluasiPegawai.Status.DRAFT
