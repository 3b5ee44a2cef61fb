"""Objection services (PP 30/2019 art. 59): filing within the window, once; the rater's
response; the decider's final decision with the predikat from the matrix; notifications; audit."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from evaluasi.models import EvaluasiPegawai, Keberatan, PengaturanKinerja, Periode
from evaluasi.services.keberatan import (
    PESAN_ALASAN_KOSONG,
    PESAN_BELUM_FINAL,
    PESAN_BUKAN_PEGAWAI,
    PESAN_BUKAN_PEMUTUS,
    PESAN_BUKAN_PENILAI,
    PESAN_PERIODE_DITUTUP,
    PESAN_PERTIMBANGAN_KOSONG,
    PESAN_RATING_SAMA,
    PESAN_RATING_WAJIB,
    PESAN_SUDAH_DIAJUKAN,
    PESAN_SUDAH_DIPUTUS,
    PESAN_TANPA_PEMUTUS,
    keberatan_ajukan,
    keberatan_putus,
    keberatan_tanggapi,
    keberatan_versi,
)
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.keberatan_data import evaluasi_final, keberatan_uji, waktu_lokal
from notifikasi.models import Notifikasi

pytestmark = pytest.mark.django_db

ALASAN = "Tiga RHK utama saya melampaui target; buktinya terlampir pada realisasi."
# Finalised late in the evening, local time (16:30 UTC): the local date (1 March) counts.
TANGGAL_FINAL = dt.date(2025, 3, 1)


@pytest.fixture
def ev(admin_bkd, pegawai, kepala_opd):
    return evaluasi_final(admin_bkd.user, pegawai, pada=waktu_lokal(TANGGAL_FINAL, 23, 30))


def _pesan(e) -> list[str]:
    return e.value.messages


# --- filing ---------------------------------------------------------------------------------------


def test_keberatan_pada_hari_ke_14_masih_dapat_diajukan(ev, pegawai, kepala_opd):
    k = keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 15))
    assert (k.status, k.pemutus_id, k.alasan) == (Keberatan.Status.DIAJUKAN, kepala_opd.pk, ALASAN)
    # The ratings as they were are kept on the objection.
    assert (k.rating_hasil_awal, k.rating_perilaku_awal, k.predikat_awal) == ("sesuai", "di_bawah", "kurang")


def test_keberatan_pada_hari_ke_15_ditolak_dengan_menyebut_hari_terakhir(ev, pegawai):
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 16))
    assert _pesan(e) == ["Batas waktu pengajuan keberatan sudah lewat. Hari terakhir pengajuan adalah 15 Maret 2025."]
    assert not Keberatan.objects.exists()


def test_batas_keberatan_mengikuti_pengaturan(ev, pegawai):
    PengaturanKinerja.objects.filter(pk=1).update(keberatan_hari=7)
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 9))
    assert _pesan(e) == ["Batas waktu pengajuan keberatan sudah lewat. Hari terakhir pengajuan adalah 8 Maret 2025."]
    assert keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 8))


def test_keberatan_ditolak_bila_penilaian_belum_final(admin_bkd, pegawai, kepala_opd):
    evaluasi_final(admin_bkd.user, pegawai)
    ev = EvaluasiPegawai.objects.get(pegawai=pegawai)
    EvaluasiPegawai.objects.filter(pk=ev.pk).update(status=EvaluasiPegawai.Status.DRAFT)
    ev.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN)
    assert _pesan(e) == [PESAN_BELUM_FINAL]
    assert not Keberatan.objects.exists()


def test_keberatan_kedua_ditolak_dan_hanya_ada_satu_baris(ev, pegawai):
    hari = dt.date(2025, 3, 2)
    keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=hari)
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan="Lagi", hari_ini=hari)
    assert _pesan(e) == [PESAN_SUDAH_DIAJUKAN]
    assert Keberatan.objects.filter(evaluasi=ev).count() == 1
    assert Keberatan.objects.get().alasan == ALASAN


def test_keberatan_tanpa_atasan_pejabat_penilai_diarahkan_ke_admin_bkd(ev, pegawai):
    EvaluasiPegawai.objects.filter(pk=ev.pk).update(atasan_penilai=None)
    ev.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 2))
    assert _pesan(e) == [PESAN_TANPA_PEMUTUS]
    assert "Hubungi Admin BKD" in PESAN_TANPA_PEMUTUS
    assert not Keberatan.objects.exists()


def test_hanya_pegawai_yang_dinilai_yang_dapat_mengajukan(ev, atasan):
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=atasan.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 2))
    assert _pesan(e) == [PESAN_BUKAN_PEGAWAI]
    assert not Keberatan.objects.exists()


@pytest.mark.parametrize("alasan", ["", "   \n "])
def test_alasan_kosong_ditolak(ev, pegawai, alasan):
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=alasan, hari_ini=dt.date(2025, 3, 2))
    assert e.value.message_dict == {"alasan": [PESAN_ALASAN_KOSONG]}
    assert not Keberatan.objects.exists()


def test_keberatan_ditolak_bila_periode_sudah_ditutup(ev, pegawai):
    Periode.objects.filter(pk=ev.periode_id).update(status=Periode.Status.DITUTUP)
    with pytest.raises(ValidationError) as e:
        keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 2))
    assert _pesan(e) == [PESAN_PERIODE_DITUTUP.format(nama=ev.periode.nama)]


def test_pengajuan_memberi_tahu_pemutus_dan_penilai(
    ev, pegawai, atasan, kepala_opd, mailoutbox, django_capture_on_commit_callbacks
):
    kepala_opd.email, atasan.email = "kadis@contoh.go.id", "kabid@contoh.go.id"
    kepala_opd.save(update_fields=["email"])
    atasan.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        k = keberatan_ajukan(actor=pegawai.user, evaluasi=ev, alasan=ALASAN, hari_ini=dt.date(2025, 3, 2))
    untuk_pemutus = Notifikasi.objects.get(penerima=kepala_opd.user)
    assert untuk_pemutus.judul == "Keberatan untuk diputus: Pegawai Uji"
    assert untuk_pemutus.tautan == f"/kinerja/keberatan/{k.pk}/putus/"
    untuk_penilai = Notifikasi.objects.get(penerima=atasan.user)
    assert untuk_penilai.tautan == f"/kinerja/keberatan/{k.pk}/tanggapan/"
    assert not Notifikasi.objects.filter(penerima=pegawai.user).exists()
    assert sorted(m.to[0] for m in mailoutbox) == ["kabid@contoh.go.id", "kadis@contoh.go.id"]


# --- the rater's response ---------------------------------------------------------------------


@pytest.fixture
def keberatan(ev):
    return keberatan_uji(ev)


def test_penilai_memberi_tanggapan_dan_dapat_mengubahnya_sebelum_diputus(keberatan, atasan):
    k = keberatan_tanggapi(actor=atasan.user, keberatan=keberatan, tanggapan="Target kualitas tidak tercapai.")
    assert k.tanggapan_penilai == "Target kualitas tidak tercapai."
    k = keberatan_tanggapi(actor=atasan.user, keberatan=k, tanggapan="Diperbaiki.", versi=keberatan_versi(k))
    assert Keberatan.objects.get().tanggapan_penilai == "Diperbaiki."


def test_tanggapan_dari_tab_lama_tidak_menimpa(keberatan, atasan):
    versi_lama = keberatan_versi(keberatan)
    keberatan_tanggapi(actor=atasan.user, keberatan=keberatan, tanggapan="Pertama.", versi=versi_lama)
    with pytest.raises(ValidationError) as e:
        keberatan_tanggapi(actor=atasan.user, keberatan=keberatan, tanggapan="Tab lama.", versi=versi_lama)
    assert _pesan(e) == [PESAN_DIUBAH_DI_TEMPAT_LAIN]
    assert Keberatan.objects.get().tanggapan_penilai == "Pertama."


@pytest.mark.parametrize("siapa", ["pegawai", "kepala_opd", "rekan"])
def test_hanya_penilai_yang_dapat_menanggapi(keberatan, siapa, request):
    orang = request.getfixturevalue(siapa)
    with pytest.raises(ValidationError) as e:
        keberatan_tanggapi(actor=orang.user, keberatan=keberatan, tanggapan="Saya menanggapi.")
    assert _pesan(e) == [PESAN_BUKAN_PENILAI]
    assert Keberatan.objects.get().tanggapan_penilai == ""


def test_tanggapan_ditolak_setelah_diputus(keberatan, atasan, kepala_opd):
    keberatan_putus(actor=kepala_opd.user, keberatan=keberatan, keputusan="dipertahankan", pertimbangan="Sesuai bukti.")
    with pytest.raises(ValidationError) as e:
        keberatan_tanggapi(actor=atasan.user, keberatan=keberatan, tanggapan="Terlambat.")
    assert _pesan(e) == [PESAN_SUDAH_DIPUTUS]


# --- the decision -------------------------------------------------------------------------------------

# DOMAIN.md's table, written out (rows hasil kerja, columns perilaku): the law, not rules.py.
MATRIKS = {
    ("di_atas", "di_bawah"): "kurang",
    ("di_atas", "sesuai"): "baik",
    ("di_atas", "di_atas"): "sangat_baik",
    ("sesuai", "di_bawah"): "kurang",
    ("sesuai", "sesuai"): "baik",
    ("sesuai", "di_atas"): "baik",
    ("di_bawah", "di_bawah"): "sangat_kurang",
    ("di_bawah", "sesuai"): "butuh_perbaikan",
    ("di_bawah", "di_atas"): "butuh_perbaikan",
}
UBAHAN = [k for k in MATRIKS if k != ("sesuai", "di_bawah")]  # every cell but the original one


@pytest.mark.parametrize(("hasil", "perilaku"), UBAHAN)
def test_keputusan_mengubah_penilaian_dan_predikat_mengikuti_matriks(keberatan, kepala_opd, hasil, perilaku):
    ev = keberatan.evaluasi
    versi = ev.versi
    k = keberatan_putus(
        actor=kepala_opd.user,
        keberatan=keberatan,
        keputusan="diubah",
        pertimbangan="Bukti dukung menunjukkan target terlampaui.",
        rating_hasil=hasil,
        rating_perilaku=perilaku,
    )
    assert (k.status, k.keputusan) == ("diputus", "diubah")
    assert (k.rating_hasil_akhir, k.rating_perilaku_akhir, k.predikat_akhir) == (
        hasil,
        perilaku,
        MATRIKS[hasil, perilaku],
    )
    # Before is kept beside after.
    assert (k.rating_hasil_awal, k.rating_perilaku_awal, k.predikat_awal) == ("sesuai", "di_bawah", "kurang")
    ev.refresh_from_db()
    assert (ev.rating_hasil, ev.rating_perilaku, ev.predikat, ev.status) == (
        hasil,
        perilaku,
        MATRIKS[hasil, perilaku],
        EvaluasiPegawai.Status.FINAL,
    )
    assert ev.versi == versi + 1
    assert k.diputus_oleh_id == kepala_opd.user_id and k.diputus_pada is not None


def test_keputusan_mempertahankan_tidak_mengubah_evaluasi(keberatan, kepala_opd):
    ev = keberatan.evaluasi
    k = keberatan_putus(
        actor=kepala_opd.user,
        keberatan=keberatan,
        keputusan="dipertahankan",
        pertimbangan="Penilaian sesuai bukti.",
        rating_hasil="di_atas",  # ignored when the result is kept
        rating_perilaku="di_atas",
    )
    assert (k.keputusan, k.rating_hasil_akhir, k.rating_perilaku_akhir, k.predikat_akhir) == (
        "dipertahankan",
        "sesuai",
        "di_bawah",
        "kurang",
    )
    sebelum = (ev.rating_hasil, ev.rating_perilaku, ev.predikat, ev.versi)
    ev.refresh_from_db()
    assert (ev.rating_hasil, ev.rating_perilaku, ev.predikat, ev.versi) == sebelum


def test_keputusan_final_keputusan_kedua_ditolak(keberatan, kepala_opd):
    keberatan_putus(
        actor=kepala_opd.user,
        keberatan=keberatan,
        keputusan="diubah",
        pertimbangan="Pertama.",
        rating_hasil="di_atas",
        rating_perilaku="sesuai",
    )
    with pytest.raises(ValidationError) as e:
        keberatan_putus(actor=kepala_opd.user, keberatan=keberatan, keputusan="dipertahankan", pertimbangan="Kedua.")
    assert _pesan(e) == [PESAN_SUDAH_DIPUTUS]
    k = Keberatan.objects.get()
    assert (k.keputusan, k.pertimbangan, k.predikat_akhir) == ("diubah", "Pertama.", "baik")
    assert EvaluasiPegawai.objects.get(pk=k.evaluasi_id).predikat == "baik"


@pytest.mark.parametrize("siapa", ["atasan", "pegawai", "admin_bkd", "admin_opd"])
def test_hanya_pemutus_yang_dapat_memutus(keberatan, siapa, request):
    orang = request.getfixturevalue(siapa)
    with pytest.raises(ValidationError) as e:
        keberatan_putus(actor=orang.user, keberatan=keberatan, keputusan="dipertahankan", pertimbangan="Tidak.")
    assert _pesan(e) == [PESAN_BUKAN_PEMUTUS]
    assert Keberatan.objects.get().status == Keberatan.Status.DIAJUKAN


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"keputusan": "dipertahankan", "pertimbangan": "  "}, {"pertimbangan": [PESAN_PERTIMBANGAN_KOSONG]}),
        ({"keputusan": "diubah", "pertimbangan": "Ubah.", "rating_hasil": "di_atas"}, [PESAN_RATING_WAJIB]),
        (
            {"keputusan": "diubah", "pertimbangan": "Ubah.", "rating_hasil": "sesuai", "rating_perilaku": "di_bawah"},
            [PESAN_RATING_SAMA],
        ),
        (
            {"keputusan": "diubah", "pertimbangan": "Ubah.", "rating_hasil": "luar_biasa", "rating_perilaku": "sesuai"},
            ["Penilaian tidak dikenal; pilih Di Atas, Sesuai atau Di Bawah Ekspektasi."],
        ),
        (
            {"keputusan": "dibatalkan", "pertimbangan": "Ubah."},
            {"keputusan": ["Pilih keputusan: penilaian dipertahankan atau diubah."]},
        ),
    ],
)
def test_isian_keputusan_yang_salah_ditolak_tanpa_menyimpan(keberatan, kepala_opd, data, pesan):
    with pytest.raises(ValidationError) as e:
        keberatan_putus(actor=kepala_opd.user, keberatan=keberatan, **data)
    assert (e.value.message_dict if isinstance(pesan, dict) else e.value.messages) == pesan
    assert Keberatan.objects.get().status == Keberatan.Status.DIAJUKAN
    assert EvaluasiPegawai.objects.get(pk=keberatan.evaluasi_id).predikat == "kurang"


def test_keputusan_memberi_tahu_pegawai_dan_penilai(keberatan, pegawai, atasan, kepala_opd):
    keberatan_putus(
        actor=kepala_opd.user,
        keberatan=keberatan,
        keputusan="diubah",
        pertimbangan="Bukti cukup.",
        rating_hasil="di_atas",
        rating_perilaku="di_atas",
    )
    untuk_pegawai = Notifikasi.objects.get(penerima=pegawai.user)
    assert untuk_pegawai.judul == "Keberatan Anda telah diputus: penilaian diubah"
    assert "Predikat kinerja: Sangat Baik" in untuk_pegawai.pesan
    assert untuk_pegawai.tautan == f"/kinerja/keberatan/{keberatan.pk}/"
    assert Notifikasi.objects.get(penerima=atasan.user).judul == "Keberatan Pegawai Uji telah diputus"
    assert not Notifikasi.objects.filter(penerima=kepala_opd.user).exists()


def test_keputusan_tercatat_di_jejak_audit(keberatan, kepala_opd):
    keberatan_putus(
        actor=kepala_opd.user,
        keberatan=keberatan,
        keputusan="diubah",
        pertimbangan="Bukti cukup.",
        rating_hasil="di_atas",
        rating_perilaku="sesuai",
    )
    entri_ev = LogEntry.objects.get_for_object(keberatan.evaluasi).filter(actor=kepala_opd.user).get()
    assert entri_ev.changes_dict["predikat"] == ["kurang", "baik"]
    entri_k = LogEntry.objects.get_for_object(keberatan).filter(actor=kepala_opd.user).get()
    assert entri_k.changes_dict["status"] == ["diajukan", "diputus"]


def test_keputusan_ditolak_bila_hasil_berubah_sejak_diajukan(keberatan, kepala_opd):
    EvaluasiPegawai.objects.filter(pk=keberatan.evaluasi_id).update(rating_hasil="di_bawah", predikat="sangat_kurang")
    with pytest.raises(ValidationError) as e:
        keberatan_putus(
            actor=kepala_opd.user,
            keberatan=keberatan,
            keputusan="diubah",
            pertimbangan="Ubah.",
            rating_hasil="di_atas",
            rating_perilaku="di_atas",
        )
    assert "Hasil penilaian telah berubah sejak keberatan diajukan" in e.value.messages[0]
    # The whole decision rolled back: the objection still waits.
    assert Keberatan.objects.get().status == Keberatan.Status.DIAJUKAN
