"""Objection pages: filing (owner only), the rater's response, the decision (only the atasan
pejabat penilai), the history showing before and after, the list, and pinned query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import EvaluasiPegawai, Keberatan, PenilaianDiriKinerja
from evaluasi.services.keberatan import PESAN_BELUM_FINAL, PESAN_SUDAH_DIAJUKAN, PESAN_SUDAH_DIPUTUS, tanggal_teks
from evaluasi.tests.keberatan_data import evaluasi_final, finalkan, keberatan_uji, waktu_lokal
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

ALASAN = "Target dokumen saya tercapai 150%; mohon ditinjau kembali."


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


def _url(nama, pk):
    return reverse(f"evaluasi:{nama}", args=[pk])


@pytest.fixture
def ev(admin_bkd, pegawai, kepala_opd):
    return evaluasi_final(admin_bkd.user, pegawai)


@pytest.fixture
def keberatan(ev):
    PenilaianDiriKinerja.objects.create(
        evaluasi=ev,
        rating_hasil="di_atas",
        rating_perilaku="sesuai",
        refleksi="Saya menyelesaikan semua dokumen lebih awal.",
        status=PenilaianDiriKinerja.Status.TERKIRIM,
        dikirim_pada=timezone.now(),
    )
    k = keberatan_uji(ev, alasan=ALASAN)
    k.tanggapan_penilai = "Kualitas dokumen masih perlu diperbaiki."
    k.save(update_fields=["tanggapan_penilai"])
    return k


# --- filing -----------------------------------------------------------------------------------------


def test_pegawai_mengajukan_keberatan_lalu_melihat_riwayatnya(login, ev, pegawai):
    klien = login(pegawai)
    resp = klien.get(_url("evaluasi-keberatan", ev.pk))
    assert resp.status_code == 200
    assert "Kirim keberatan" in resp.content.decode()
    resp = klien.post(_url("evaluasi-keberatan", ev.pk), {"alasan": ALASAN}, follow=True)
    k = Keberatan.objects.get()
    assert resp.redirect_chain[-1][0] == _url("keberatan-detail", k.pk)
    assert (k.alasan, k.evaluasi_id) == (ALASAN, ev.pk)
    assert "Keberatan Anda telah diajukan" in _pesan(resp)[0]
    # Opening the filing page again leads to the objection.
    resp = klien.get(_url("evaluasi-keberatan", ev.pk))
    assert resp.status_code == 302 and resp["Location"] == _url("keberatan-detail", k.pk)


def test_kirim_dua_kali_memberi_pesan_jelas_dan_satu_baris(login, ev, pegawai):
    klien = login(pegawai)
    klien.post(_url("evaluasi-keberatan", ev.pk), {"alasan": ALASAN})
    resp = klien.post(_url("evaluasi-keberatan", ev.pk), {"alasan": "Kedua"}, follow=True)
    assert PESAN_SUDAH_DIAJUKAN in _pesan(resp)
    assert Keberatan.objects.count() == 1
    assert Keberatan.objects.get().alasan == ALASAN


def test_hari_ke_15_ditolak_dengan_pesan_hari_terakhir(login, admin_bkd, pegawai, kepala_opd):
    hari_ini = timezone.localdate()
    ev = evaluasi_final(admin_bkd.user, pegawai, pada=waktu_lokal(hari_ini - dt.timedelta(days=15)))
    terakhir = hari_ini - dt.timedelta(days=1)
    klien = login(pegawai)
    resp = klien.get(_url("evaluasi-keberatan", ev.pk))
    assert "Hari terakhir pengajuan adalah" in resp.content.decode()
    assert "Kirim keberatan" not in resp.content.decode()
    resp = klien.post(_url("evaluasi-keberatan", ev.pk), {"alasan": ALASAN})
    assert resp.status_code == 200
    assert list(resp.context["form"].non_field_errors()) == [
        f"Batas waktu pengajuan keberatan sudah lewat. Hari terakhir pengajuan adalah {tanggal_teks(terakhir)}."
    ]
    assert not Keberatan.objects.exists()


def test_hari_ke_14_masih_diterima_lewat_halaman(login, admin_bkd, pegawai, kepala_opd):
    ev = evaluasi_final(admin_bkd.user, pegawai, pada=waktu_lokal(timezone.localdate() - dt.timedelta(days=14)))
    resp = login(pegawai).post(_url("evaluasi-keberatan", ev.pk), {"alasan": ALASAN})
    assert resp.status_code == 302
    assert Keberatan.objects.filter(evaluasi=ev).exists()


def test_penilaian_belum_final_tidak_dapat_diajukan_keberatan(login, ev, pegawai):
    EvaluasiPegawai.objects.filter(pk=ev.pk).update(status=EvaluasiPegawai.Status.DRAFT)
    klien = login(pegawai)
    resp = klien.get(_url("evaluasi-keberatan", ev.pk))
    assert resp.status_code == 200
    assert PESAN_BELUM_FINAL in resp.content.decode()
    resp = klien.post(_url("evaluasi-keberatan", ev.pk), {"alasan": ALASAN})
    assert list(resp.context["form"].non_field_errors()) == [PESAN_BELUM_FINAL]
    assert not Keberatan.objects.exists()


def test_alasan_kosong_diberi_pesan_dan_tidak_disimpan(login, ev, pegawai):
    resp = login(pegawai).post(_url("evaluasi-keberatan", ev.pk), {"alasan": "  "})
    assert resp.status_code == 200
    assert resp.context["form"].errors["alasan"] == ["Tuliskan alasan keberatan Anda."]
    assert not Keberatan.objects.exists()


@pytest.mark.parametrize(
    ("siapa", "status"),
    [("atasan", 403), ("kepala_opd", 403), ("admin_opd", 403), ("rekan", 404), ("outsider", 404)],
)
def test_hanya_pemilik_yang_mengajukan_keberatan(login, ev, siapa, status, request):
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url("evaluasi-keberatan", ev.pk)).status_code == status
    assert klien.post(_url("evaluasi-keberatan", ev.pk), {"alasan": ALASAN}).status_code == status
    assert not Keberatan.objects.exists()


def test_id_bukan_angka_atau_tidak_ada_adalah_404(login, pegawai, ev):
    klien = login(pegawai)
    assert klien.get("/kinerja/evaluasi/abc/keberatan/").status_code == 404
    assert klien.get(_url("evaluasi-keberatan", 999999)).status_code == 404
    assert klien.get(_url("keberatan-detail", 999999)).status_code == 404


# --- the rater's response ------------------------------------------------------------------------


def test_penilai_menulis_tanggapan(login, ev, atasan):
    k = keberatan_uji(ev)
    klien = login(atasan)
    resp = klien.get(_url("keberatan-tanggapan", k.pk))
    assert resp.status_code == 200
    versi = resp.context["form"].initial["versi"]
    resp = klien.post(_url("keberatan-tanggapan", k.pk), {"tanggapan": "Bukti belum lengkap.", "versi": versi})
    assert resp.status_code == 302
    assert Keberatan.objects.get().tanggapan_penilai == "Bukti belum lengkap."
    # A second tab still holding the old version is refused, nothing overwritten.
    resp = klien.post(_url("keberatan-tanggapan", k.pk), {"tanggapan": "Tab lama.", "versi": versi})
    assert resp.status_code == 200
    assert "diubah di tab atau jendela lain" in str(resp.context["form"].non_field_errors())
    assert Keberatan.objects.get().tanggapan_penilai == "Bukti belum lengkap."


@pytest.mark.parametrize(
    ("siapa", "status"), [("pegawai", 403), ("kepala_opd", 403), ("rekan", 404), ("outsider", 404)]
)
def test_hanya_penilai_yang_membuka_halaman_tanggapan(login, ev, siapa, status, request):
    k = keberatan_uji(ev)
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url("keberatan-tanggapan", k.pk)).status_code == status
    assert klien.post(_url("keberatan-tanggapan", k.pk), {"tanggapan": "Menyusup."}).status_code == status
    assert Keberatan.objects.get().tanggapan_penilai == ""


# --- the decision -----------------------------------------------------------------------------------


def test_pemutus_melihat_kedua_pihak(login, keberatan, kepala_opd, django_assert_max_num_queries):
    klien = login(kepala_opd)
    with django_assert_max_num_queries(20):
        resp = klien.get(_url("keberatan-putus", keberatan.pk))
    isi = resp.content.decode()
    assert resp.status_code == 200
    for teks in (
        ALASAN,  # the pegawai's reasons
        "Kualitas dokumen masih perlu diperbaiki.",  # the rater's response
        "Saya menyelesaikan semua dokumen lebih awal.",  # the self-assessment
        "Kurang/Misconduct",  # the predikat now
        "Sesuai Ekspektasi",
        "Di Bawah Ekspektasi",
    ):
        assert teks in isi


def test_pemutus_mengubah_penilaian_dan_riwayat_menunjukkan_sebelum_sesudah(login, keberatan, kepala_opd, pegawai):
    klien = login(kepala_opd)
    resp = klien.post(
        _url("keberatan-putus", keberatan.pk),
        {
            "keputusan": "diubah",
            "rating_hasil": "di_atas",
            "rating_perilaku": "di_atas",
            "pertimbangan": "Bukti menunjukkan target terlampaui.",
            "predikat": "sangat_kurang",  # never typed: ignored
        },
        follow=True,
    )
    assert "Predikat kinerja: Sangat Baik" in _pesan(resp)[0]
    ev = EvaluasiPegawai.objects.get(pk=keberatan.evaluasi_id)
    assert (ev.rating_hasil, ev.rating_perilaku, ev.predikat) == ("di_atas", "di_atas", "sangat_baik")
    # The pegawai's history shows both before and after.
    isi = login(pegawai).get(_url("keberatan-detail", keberatan.pk)).content.decode()
    assert "Sebelum keberatan" in isi and "Setelah keputusan" in isi
    assert "Kurang/Misconduct" in isi and "Sangat Baik" in isi
    assert "Bukti menunjukkan target terlampaui." in isi


def test_keputusan_kedua_ditolak_dengan_pesan(login, keberatan, kepala_opd):
    klien = login(kepala_opd)
    data = {"keputusan": "dipertahankan", "pertimbangan": "Sesuai bukti."}
    klien.post(_url("keberatan-putus", keberatan.pk), data)
    resp = klien.post(
        _url("keberatan-putus", keberatan.pk),
        {"keputusan": "diubah", "rating_hasil": "di_atas", "rating_perilaku": "di_atas", "pertimbangan": "Lagi."},
        follow=True,
    )
    assert PESAN_SUDAH_DIPUTUS in _pesan(resp)
    k = Keberatan.objects.get()
    assert (k.keputusan, k.pertimbangan) == ("dipertahankan", "Sesuai bukti.")
    assert EvaluasiPegawai.objects.get(pk=k.evaluasi_id).predikat == "kurang"
    # The decision page of a decided objection leads to its history.
    assert klien.get(_url("keberatan-putus", keberatan.pk))["Location"] == _url("keberatan-detail", keberatan.pk)


@pytest.mark.parametrize(
    ("siapa", "status"),
    [("atasan", 403), ("pegawai", 403), ("admin_opd", 403), ("admin_bkd", 403), ("outsider", 404), ("petugas", 404)],
)
def test_hanya_pemutus_yang_memutus(login, keberatan, siapa, status, request):
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url("keberatan-putus", keberatan.pk)).status_code == status
    resp = klien.post(_url("keberatan-putus", keberatan.pk), {"keputusan": "dipertahankan", "pertimbangan": "X"})
    assert resp.status_code == status
    assert Keberatan.objects.get().status == Keberatan.Status.DIAJUKAN


def test_keputusan_tanpa_pertimbangan_atau_rating_diberi_pesan(login, keberatan, kepala_opd):
    klien = login(kepala_opd)
    resp = klien.post(_url("keberatan-putus", keberatan.pk), {"keputusan": "diubah", "pertimbangan": ""})
    form = resp.context["form"]
    assert form.errors["pertimbangan"] == ["Tuliskan pertimbangan keputusan Anda."]
    assert form.errors["rating_hasil"] == ["Pilih penilaian hasil kerja dan perilaku kerja yang baru."]
    resp = klien.post(_url("keberatan-putus", keberatan.pk), {"keputusan": "", "pertimbangan": "Ada."})
    assert resp.context["form"].errors["keputusan"] == ["Pilih keputusan: penilaian dipertahankan atau diubah."]
    assert Keberatan.objects.get().status == Keberatan.Status.DIAJUKAN


def test_metode_lain_ditolak_405(login, keberatan, kepala_opd):
    assert login(kepala_opd).put(_url("keberatan-putus", keberatan.pk)).status_code == 405


# --- detail and list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("siapa", "status"),
    [
        ("pegawai", 200),
        ("atasan", 200),
        ("kepala_opd", 200),
        ("admin_opd", 200),
        ("admin_bkd", 200),
        ("rekan", 404),
        ("outsider", 404),
    ],
)
def test_riwayat_keberatan_dapat_dilihat_dalam_lingkup(login, keberatan, siapa, status, request):
    assert login(request.getfixturevalue(siapa)).get(_url("keberatan-detail", keberatan.pk)).status_code == status


def _banyak_keberatan(admin_bkd, atasan, n: int):
    from evaluasi.models import Periode
    from evaluasi.services.periode import evaluasi_pastikan

    periode = Periode.objects.get()
    for _ in range(n):
        bawahan = PegawaiFactory(unit=atasan.unit, jabatan=atasan.jabatan, atasan=atasan)
        keberatan_uji(finalkan(evaluasi_pastikan(periode=periode, pegawai=bawahan)))


def test_daftar_keberatan_pemutus_dan_jumlah_query_tetap(
    login, admin_bkd, keberatan, atasan, kepala_opd, django_assert_num_queries
):
    klien = login(kepala_opd)
    _banyak_keberatan(admin_bkd, atasan, 1)
    with django_assert_num_queries(8) as sedikit:
        resp = klien.get(reverse("evaluasi:keberatan-list"))
    assert resp.context["daftar"].cakupan == "putus"
    assert resp.context["daftar"].jumlah["putus"] == 2
    _banyak_keberatan(admin_bkd, atasan, 4)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        resp = klien.get(reverse("evaluasi:keberatan-list"))
    assert resp.context["daftar"].jumlah["putus"] == 6
    assert len(resp.context["page_obj"]) == 6


def test_daftar_keberatan_pegawai_hanya_miliknya(login, keberatan, pegawai, rekan, outsider, admin_bkd, atasan):
    _banyak_keberatan(admin_bkd, atasan, 2)
    resp = login(pegawai).get(reverse("evaluasi:keberatan-list"), {"cakupan": "saya"})
    assert [k.pk for k in resp.context["page_obj"]] == [keberatan.pk]
    # Everything in the pegawai's scope is their own; a sibling or an outsider sees none.
    resp = login(pegawai).get(reverse("evaluasi:keberatan-list"))
    assert [k.pk for k in resp.context["page_obj"]] == [keberatan.pk]
    assert list(login(rekan).get(reverse("evaluasi:keberatan-list")).context["page_obj"]) == []
    assert list(login(outsider).get(reverse("evaluasi:keberatan-list")).context["page_obj"]) == []


def test_daftar_keberatan_admin_melihat_opd_nya(login, keberatan, admin_opd, admin_bkd, atasan):
    _banyak_keberatan(admin_bkd, atasan, 2)
    assert resp_jumlah(login(admin_opd)) == 3
    assert resp_jumlah(login(admin_bkd)) == 3


def resp_jumlah(klien) -> int:
    return klien.get(reverse("evaluasi:keberatan-list"), {"status": "diajukan"}).context["page_obj"].paginator.count


def test_filter_dan_halaman_yang_salah_tidak_menjadi_500(login, keberatan, kepala_opd):
    resp = login(kepala_opd).get(
        reverse("evaluasi:keberatan-list"), {"cakupan": "<script>", "status": "x", "page": "abc"}
    )
    assert resp.status_code == 200
    assert resp.context["daftar"].status == ""


def _rating_rhk(evaluasi, n: int) -> None:
    from evaluasi.models import RatingRhk, Skp
    from evaluasi.tests.factories import IndikatorFactory, RhkFactory, SkpFactory

    skp = Skp.objects.filter(pegawai=evaluasi.pegawai).first() or SkpFactory(pegawai=evaluasi.pegawai)
    for _ in range(n):
        rhk = RhkFactory(skp=skp)
        IndikatorFactory(rhk=rhk)
        RatingRhk.objects.create(evaluasi=evaluasi, rhk=rhk, rating_diri="di_atas", rating_atasan="sesuai")


@pytest.mark.parametrize("nama", ["keberatan-detail", "keberatan-putus"])
def test_jumlah_query_halaman_keberatan_tetap_untuk_2_dan_6_rhk(
    login, keberatan, kepala_opd, nama, django_assert_num_queries
):
    klien = login(kepala_opd)
    _rating_rhk(keberatan.evaluasi, 2)
    klien.get(_url(nama, keberatan.pk))
    with django_assert_num_queries(10) as sedikit:
        resp = klien.get(_url(nama, keberatan.pk))
    assert len(resp.context["h"].rating_rhk) == 2
    _rating_rhk(keberatan.evaluasi, 4)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        resp = klien.get(_url(nama, keberatan.pk))
    assert len(resp.context["h"].rating_rhk) == 6
