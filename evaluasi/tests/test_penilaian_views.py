"""The assessment pages: the rater's page, self-assessment, finalisation, acknowledgement, the
result page, the rater's list and the pegawai's history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import (
    EkspektasiKhusus,
    EvaluasiPegawai,
    JawabanRekanKinerja,
    KomentarRekanKinerja,
    NilaiDasar,
    PengaturanKinerja,
    PenilaianDiriKinerja,
    PenugasanRekanKinerja,
    Periode,
    PredikatOrganisasi,
    RatingRhk,
)
from evaluasi.services.penilaian import (
    PESAN_SUDAH_FINAL,
    RatingMasuk,
    penilaian_diri_simpan,
    penilaian_finalkan,
    tanggal_teks,
)
from evaluasi.services.versi import PESAN_DIUBAH_DI_TEMPAT_LAIN
from evaluasi.tests.test_penilaian_fixture import isi_periode, nilai_semua, siap_buat
from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s(admin_bkd, pegawai, atasan):
    """pegawai's evaluation in a period in "penilaian", rated by atasan (test_penilaian_fixture)."""
    return siap_buat(admin_bkd.user, pegawai, atasan)


def _pesan(resp) -> list[str]:
    """Messages stored so far in this client's session (the last one is this request's)."""
    return [str(m) for m in get_messages(resp.wsgi_request)]


def _url(nama, pk):
    return reverse(f"evaluasi:{nama}", args=[pk])


def _data_nilai(s, *, hasil="sesuai", perilaku="sesuai", rhk="sesuai", versi=None, **lain):
    data = {
        "versi": s.ev.versi if versi is None else versi,
        "rating_hasil": hasil,
        "rating_perilaku": perilaku,
        "umpan_balik": "Terus tingkatkan.",
    }
    for r in s.rhk:
        data[f"rhk_{r.pk}_rating"] = rhk
        data[f"rhk_{r.pk}_catatan"] = f"Catatan {r.pk}"
    data.update(lain)
    return data


def _data_diri(s, *, aksi="draf", versi=0, rating="sesuai", refleksi="Saya belajar banyak."):
    data = {
        "versi": versi,
        "aksi": aksi,
        "rating_hasil": "sesuai",
        "rating_perilaku": "di_atas",
        "refleksi": refleksi,
    }
    for r in s.rhk:
        data[f"rhk_{r.pk}_rating"] = rating
        data[f"rhk_{r.pk}_catatan"] = ""
    return data


# --- the rater's page -------------------------------------------------------------------------------


def test_halaman_penilai_menampilkan_semua_bahan_penilaian(login, s, pegawai, atasan):
    isi_periode(s, log=3)
    nilai = NilaiDasar.objects.order_by("urutan").first()
    EkspektasiKhusus.objects.create(
        skp=s.skp, nilai_dasar=nilai, teks="Responsif pada aduan warga", ditulis_oleh=atasan.user
    )
    penilaian_diri_simpan(
        actor=pegawai.user,
        evaluasi=s.ev,
        versi=0,
        rhk={r.pk: RatingMasuk("di_atas", "Melampaui target") for r in s.rhk},
        rating_hasil="di_atas",
        rating_perilaku="sesuai",
        refleksi="Refleksi jujur saya",
        kirim=True,
    )
    resp = login(atasan).get(_url("evaluasi-nilai", s.ev.pk))
    assert resp.status_code == 200
    html = resp.content.decode()
    for teks in (
        s.rhk[0].uraian,
        s.rhk[0].rhk_atasan.uraian,  # the cascade
        "Laporan daring",  # evidence link
        "notulen.pdf",  # evidence file
        "Lengkapi lampiran.",  # feedback
        "Refleksi jujur saya",
        "Melampaui target",
        "Responsif pada aduan warga",
        "Berorientasi Pelayanan",
        "Belum dibuka. Rata-rata rekan tampil",  # peers
        "Sebagian besar hasil kerja melampaui ekspektasi",  # DOMAIN guidance
        "Kurang/Misconduct",  # the matrix
        "Predikat kinerja organisasi unit ini belum ditetapkan",
    ):
        assert teks in html, teks
    log = resp.context["h"].log
    assert (log.menit_disetujui, log.jumlah) == (60, 3)
    assert resp.context["h"].saran == ""


def test_pegawai_tidak_dapat_membuka_halaman_penilai_untuk_dirinya(login, s, pegawai):
    assert login(pegawai).get(_url("evaluasi-nilai", s.ev.pk)).status_code == 403
    resp = login(pegawai).post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="di_atas", perilaku="di_atas"))
    assert resp.status_code == 403
    assert s.segarkan().status == "belum"


def test_atasan_tidak_dapat_menilai_yang_bukan_bawahannya(login, s, kepala_opd, opd_b, jabatan_kabid):
    # kepala_opd sees the evaluation (a subordinate two levels down) but is not its rater.
    assert login(kepala_opd).get(_url("evaluasi-nilai", s.ev.pk)).status_code == 403
    # A head in another OPD: out of scope altogether.
    lain = PegawaiFactory(nama="Kabid Dinkes", unit=opd_b, jabatan=jabatan_kabid)
    PegawaiFactory(nama="Staf Dinkes", unit=opd_b, jabatan=jabatan_kabid, atasan=lain)
    klien = login(lain)
    assert klien.get(_url("evaluasi-nilai", s.ev.pk)).status_code == 404
    assert klien.post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s)).status_code == 404
    assert klien.post(_url("evaluasi-finalkan", s.ev.pk), {"versi": s.ev.versi}).status_code == 404
    assert s.segarkan().status == "belum"


def test_atasan_menyimpan_draf_lalu_predikat_dihitung(login, s, atasan):
    resp = login(atasan).post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="di_atas", perilaku="di_atas"))
    assert resp.status_code == 302
    ev = s.segarkan()
    assert (ev.status, ev.predikat, ev.umpan_balik) == ("draft", "sangat_baik", "Terus tingkatkan.")
    assert set(RatingRhk.objects.values_list("rating_atasan", flat=True)) == {"sesuai"}
    # The page now shows the highlighted cell and the suggestion.
    resp = login(atasan).get(_url("evaluasi-nilai", s.ev.pk))
    assert resp.context["h"].saran == "sesuai"
    aktif = [sel for b in resp.context["h"].matriks for sel in b["sel"] if sel["aktif"]]
    assert [sel["predikat"] for sel in aktif] == ["sangat_baik"]


def test_predikat_tidak_dapat_diketik(login, s, atasan):
    login(atasan).post(
        _url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="di_bawah", perilaku="di_bawah", predikat="sangat_baik")
    )
    assert s.segarkan().predikat == "sangat_kurang"


def test_rating_tidak_dikenal_diberi_pesan_dan_tidak_disimpan(login, s, atasan):
    resp = login(atasan).post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="luar_biasa"))
    assert resp.status_code == 200
    assert "Pilih salah satu rating: Di Atas, Sesuai, atau Di Bawah Ekspektasi." in resp.content.decode()
    assert "Tidak ada yang disimpan. Periksa isian yang ditandai." in _pesan(resp)
    assert (s.segarkan().status, RatingRhk.objects.count()) == ("belum", 0)


def test_rhk_asing_dan_versi_hilang_ditolak(login, s, atasan):
    klien = login(atasan)
    resp = klien.post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, rhk_999999_rating="sesuai"))
    assert "Ada RHK yang bukan bagian dari SKP pegawai ini; tidak ada yang disimpan." in resp.content.decode()
    data = _data_nilai(s)
    del data["versi"]
    resp = klien.post(_url("evaluasi-nilai", s.ev.pk), data)
    assert resp.status_code == 200
    assert s.segarkan().status == "belum"


def test_dua_tab_menyimpan_formulir_yang_sama(login, s, atasan):
    klien = login(atasan)
    versi = s.ev.versi
    assert klien.post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="di_atas", versi=versi)).status_code == 302
    resp = klien.post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="di_bawah", versi=versi))
    assert resp.status_code == 200
    assert PESAN_DIUBAH_DI_TEMPAT_LAIN in resp.content.decode()
    assert s.segarkan().rating_hasil == "di_atas"


def test_metode_lain_ditolak(login, s, atasan, pegawai):
    assert login(atasan).delete(_url("evaluasi-nilai", s.ev.pk)).status_code == 405
    assert login(atasan).get(_url("evaluasi-finalkan", s.ev.pk)).status_code == 405
    assert login(pegawai).get(_url("evaluasi-terima", s.ev.pk)).status_code == 405


# --- finalisation through the page ---------------------------------------------------------------------


def test_atasan_memfinalkan_lalu_tidak_ada_yang_dapat_mengubah(login, s, atasan, pegawai):
    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="sesuai")
    klien = login(atasan)
    resp = klien.post(_url("evaluasi-finalkan", s.ev.pk), {"versi": s.ev.versi})
    assert resp.status_code == 302 and resp["Location"] == _url("evaluasi-detail", s.ev.pk)
    ev = s.segarkan()
    assert (ev.status, ev.predikat) == ("final", "baik")
    assert any("difinalkan dengan predikat Baik" in m for m in _pesan(resp))
    assert any(m.startswith("Kurva distribusi: ") for m in _pesan(resp))  # no predikat organisasi yet

    # Double post: acts once.
    resp = klien.post(_url("evaluasi-finalkan", s.ev.pk), {"versi": s.ev.versi - 1})
    assert _pesan(resp)[-1] == PESAN_SUDAH_FINAL
    assert Notifikasi.objects.filter(penerima=pegawai.user).count() == 1

    # Nobody edits after finalisation: the rater's page is read-only and a POST changes nothing.
    halaman = klien.get(_url("evaluasi-nilai", s.ev.pk))
    assert halaman.context["bisa_isi"] is False
    assert 'name="rating_hasil"' not in halaman.content.decode()
    klien.post(_url("evaluasi-nilai", s.ev.pk), _data_nilai(s, hasil="di_bawah", perilaku="di_bawah"))
    assert s.segarkan().predikat == "baik"
    resp = login(pegawai).post(_url("evaluasi-diri", s.ev.pk), _data_diri(s))
    assert PenilaianDiriKinerja.objects.count() == 0
    assert any("terkunci" in m for m in _pesan(resp))


def test_kurva_yang_memblokir_menolak_finalisasi_dengan_daftar_pelanggaran(login, s, atasan, admin_bkd):
    PredikatOrganisasi.objects.create(
        periode=s.periode, unit=s.ev.unit, predikat="butuh_perbaikan", ditetapkan_oleh=admin_bkd.user
    )
    PengaturanKinerja.objects.filter(pk=PengaturanKinerja.get().pk).update(kurva_memblokir=True)
    nilai_semua(s, atasan.user)
    klien = login(atasan)
    halaman = klien.get(_url("evaluasi-nilai", s.ev.pk)).content.decode()
    assert "finalisasi ditolak sampai terpenuhi" in halaman
    assert "Butuh Perbaikan paling sedikit 60%; saat ini 0 dari 1 pegawai (0%)." in halaman
    resp = klien.post(_url("evaluasi-finalkan", s.ev.pk), {"versi": s.ev.versi})
    assert resp["Location"] == _url("evaluasi-nilai", s.ev.pk)
    assert _pesan(resp) == [
        "Finalisasi ditolak karena distribusi predikat unit melanggar kurva: "
        "Butuh Perbaikan paling sedikit 60%; saat ini 0 dari 1 pegawai (0%)."
    ]
    assert s.segarkan().status == "draft"


def test_finalkan_tanpa_versi_diberi_pesan(login, s, atasan):
    nilai_semua(s, atasan.user)
    resp = login(atasan).post(_url("evaluasi-finalkan", s.ev.pk), {"versi": "abc"})
    assert _pesan(resp) == ["Formulir tidak lengkap; muat ulang halaman lalu ulangi."]
    assert s.segarkan().status == "draft"


# --- self-assessment through the page ---------------------------------------------------------------


def test_pegawai_mengisi_draf_lalu_mengirim_penilaian_diri(login, s, pegawai, atasan):
    klien = login(pegawai)
    halaman = klien.get(_url("evaluasi-diri", s.ev.pk))
    assert halaman.status_code == 200 and halaman.context["bisa_isi"] is True
    assert klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s)).status_code == 302
    diri = PenilaianDiriKinerja.objects.get()
    assert (diri.status, diri.refleksi) == ("draft", "Saya belajar banyak.")
    resp = klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s, aksi="kirim", versi=diri.versi, rating="di_atas"))
    assert _pesan(resp)[-1] == "Penilaian diri terkirim ke atasan dan sekarang terkunci."
    diri.refresh_from_db()
    assert diri.status == "terkirim"
    assert Notifikasi.objects.filter(penerima=atasan.user, judul="Penilaian diri dikirim").count() == 1

    # After Kirim: read-only; another post (double click, other tab) changes nothing.
    halaman = klien.get(_url("evaluasi-diri", s.ev.pk))
    assert halaman.context["bisa_isi"] is False
    resp = klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s, aksi="kirim", versi=diri.versi, rating="di_bawah"))
    assert any("sudah dikirim" in m for m in _pesan(resp))
    assert set(RatingRhk.objects.values_list("rating_diri", flat=True)) == {"di_atas"}
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 1


def test_kirim_ganda_bertindak_sekali(login, s, pegawai, atasan):
    klien = login(pegawai)
    data = _data_diri(s, aksi="kirim")
    assert klien.post(_url("evaluasi-diri", s.ev.pk), data).status_code == 302
    resp = klien.post(_url("evaluasi-diri", s.ev.pk), data)  # the same form again (double click)
    assert resp.status_code == 302
    assert "sudah dikirim" in _pesan(resp)[-1] and "Tidak ada yang disimpan." in _pesan(resp)[-1]
    assert PenilaianDiriKinerja.objects.get().terkirim
    assert Notifikasi.objects.filter(penerima=atasan.user).count() == 1


def test_penilaian_diri_tab_lama_diberi_pesan(login, s, pegawai):
    klien = login(pegawai)
    klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s, refleksi="Tab pertama"))
    resp = klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s, refleksi="Tab kedua", versi=0))
    assert resp.status_code == 200
    assert PESAN_DIUBAH_DI_TEMPAT_LAIN in resp.content.decode()
    assert PenilaianDiriKinerja.objects.get().refleksi == "Tab pertama"


def test_penilaian_diri_setelah_batas_hanya_dapat_dibaca(login, s, pegawai):
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    Periode.objects.filter(pk=s.periode.pk).update(batas_penilaian_diri=kemarin)
    klien = login(pegawai)
    halaman = klien.get(_url("evaluasi-diri", s.ev.pk))
    pesan = f"Batas penilaian diri ({tanggal_teks(kemarin)}) sudah lewat; penilaian diri hanya dapat dibaca."
    assert halaman.context["h"].kunci == pesan
    assert pesan in halaman.content.decode()
    resp = klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s))
    assert _pesan(resp) == [f"{pesan} Tidak ada yang disimpan."]
    assert not PenilaianDiriKinerja.objects.exists()


def test_penilaian_diri_tanpa_skp_disetujui_memberi_pesan_jelas(login, admin_bkd, pegawai, atasan):
    s = siap_buat(admin_bkd.user, pegawai, atasan, skp_status="diajukan")
    halaman = login(pegawai).get(_url("evaluasi-diri", s.ev.pk))
    pesan = f"SKP tahun {s.periode.tahun} belum disetujui atasan; penilaian dapat diisi setelah SKP disetujui."
    assert pesan in halaman.content.decode()
    assert halaman.context["bisa_isi"] is False


@pytest.mark.parametrize(("siapa", "status"), [("atasan", 403), ("admin_bkd", 403), ("rekan", 404), ("outsider", 404)])
def test_hanya_pegawai_yang_membuka_penilaian_dirinya(login, rekan, outsider, s, siapa, status, request):
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url("evaluasi-diri", s.ev.pk)).status_code == status
    assert klien.post(_url("evaluasi-diri", s.ev.pk), _data_diri(s)).status_code == status
    assert not PenilaianDiriKinerja.objects.exists()


# --- the result page --------------------------------------------------------------------------------


def test_pegawai_tidak_melihat_draf_atasan(login, s, atasan, pegawai):
    nilai_semua(s, atasan.user, hasil="di_bawah", perilaku="di_bawah")
    RatingRhk.objects.update(catatan_atasan="Catatan rahasia atasan")
    resp = login(pegawai).get(_url("evaluasi-detail", s.ev.pk))
    html = resp.content.decode()
    assert resp.context["h"].lihat_rating is False
    for rahasia in ("Sangat Kurang", "Pertahankan kinerja.", "Catatan rahasia atasan", "Di Bawah Ekspektasi"):
        assert rahasia not in html
    assert "Penilaian atasan belum difinalkan" in html
    # The rater sees the draft.
    assert "Catatan rahasia atasan" in login(atasan).get(_url("evaluasi-detail", s.ev.pk)).content.decode()


def test_atasan_tidak_melihat_draf_penilaian_diri(login, s, atasan, pegawai):
    penilaian_diri_simpan(
        actor=pegawai.user,
        evaluasi=s.ev,
        versi=0,
        rhk={r.pk: RatingMasuk("di_atas", "Catatan draf pegawai") for r in s.rhk},
        refleksi="Refleksi draf",
    )
    for halaman in ("evaluasi-detail", "evaluasi-nilai"):
        html = login(atasan).get(_url(halaman, s.ev.pk)).content.decode()
        assert "Refleksi draf" not in html and "Catatan draf pegawai" not in html
    assert "Refleksi draf" in login(pegawai).get(_url("evaluasi-detail", s.ev.pk)).content.decode()


def test_pegawai_membaca_hasil_final_lalu_menyatakan_menerima(login, s, atasan, pegawai):
    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="di_atas")
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    klien = login(pegawai)
    resp = klien.get(_url("evaluasi-detail", s.ev.pk))
    html = resp.content.decode()
    assert "Sangat Baik" in html and "Pertahankan kinerja." in html
    assert resp.context["bisa_terima"] is True
    assert reverse("evaluasi:evaluasi-keberatan", args=[s.ev.pk]) in html
    resp = klien.post(_url("evaluasi-terima", s.ev.pk))
    assert _pesan(resp) == ["Terima kasih; penerimaan hasil penilaian tercatat."]
    pertama = s.segarkan().diterima_pada
    resp = klien.post(_url("evaluasi-terima", s.ev.pk))
    assert _pesan(resp)[-1] == f"Hasil penilaian ini sudah Anda terima pada {tanggal_teks(pertama)}."
    assert s.segarkan().diterima_pada == pertama
    assert login(atasan).post(_url("evaluasi-terima", s.ev.pk)).status_code == 403


def test_hasil_rekan_hanya_agregat_tanpa_nama(login, rekan, admin_opd, s, atasan, pegawai):
    nilai = list(NilaiDasar.objects.order_by("urutan"))
    penilai = [rekan, admin_opd, PegawaiFactory(nama="Rekan Ketiga", unit=rekan.unit, jabatan=rekan.jabatan)]
    for p in penilai:
        PenugasanRekanKinerja.objects.create(
            evaluasi=s.ev, penilai=p, ditugaskan_oleh=atasan.user, status=PenugasanRekanKinerja.Status.TERKIRIM
        )
    JawabanRekanKinerja.objects.bulk_create(
        JawabanRekanKinerja(evaluasi=s.ev, nilai_dasar=n, skor=skor) for n in nilai for skor in (3, 4, 5)
    )
    KomentarRekanKinerja.objects.create(evaluasi=s.ev, teks="Sangat membantu tim")
    EvaluasiPegawai.objects.filter(pk=s.ev.pk).update(rekan_dibuka=True)
    sebelum_final = login(pegawai).get(_url("evaluasi-detail", s.ev.pk)).content.decode()
    assert "Hasil penilaian rekan tampil setelah penilaian difinalkan." in sebelum_final
    assert "Sangat membantu tim" not in sebelum_final
    penilai_html = login(atasan).get(_url("evaluasi-nilai", s.ev.pk)).content.decode()
    assert "Rata-rata dari 3 rekan" in penilai_html
    assert "3 dari 3 rekan yang ditugaskan sudah mengisi." in penilai_html
    assert f'href="{reverse("evaluasi:evaluasi-rekan", args=[s.ev.pk])}">Atur rekan' in penilai_html
    nilai_semua(s, atasan.user)
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    for siapa in (pegawai, atasan):
        resp = login(siapa).get(_url("evaluasi-detail", s.ev.pk))
        html = resp.content.decode()
        assert resp.context["h"].rekan.rata_rata == Decimal("4.00")
        assert "Rata-rata dari 3 rekan" in html
        assert "Sangat membantu tim" in html
        for p in penilai:
            assert p.nama not in html


def test_tautan_keberatan_hanya_untuk_pemilik_dalam_batas_waktu(login, s, atasan, pegawai):
    nilai_semua(s, atasan.user)
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    url = reverse("evaluasi:evaluasi-keberatan", args=[s.ev.pk])
    assert login(pegawai).get(_url("evaluasi-detail", s.ev.pk)).context["keberatan_url"] == url
    assert login(atasan).get(_url("evaluasi-detail", s.ev.pk)).context["keberatan_url"] == ""
    EvaluasiPegawai.objects.filter(pk=s.ev.pk).update(difinalkan_pada=timezone.now() - dt.timedelta(days=15))
    resp = login(pegawai).get(_url("evaluasi-detail", s.ev.pk))
    assert resp.context["keberatan_url"] == ""
    assert "sudah lewat" in resp.content.decode()


# --- lists ----------------------------------------------------------------------------------------


def test_daftar_penilaian_tim_atasan(login, rekan, s, atasan):
    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="di_atas")
    resp = login(atasan).get(reverse("evaluasi:evaluasi-list"))
    assert resp.status_code == 200
    baris = list(resp.context["page_obj"])
    assert {e.pegawai_id for e in baris} == {s.ev.pegawai_id, rekan.pk}
    assert resp.context["hitung"] == {"belum": 1, "draft": 1, "final": 0}
    assert ">Sangat Baik</span>" in resp.content.decode()  # the rater sees their own draft predikat
    resp = login(atasan).get(reverse("evaluasi:evaluasi-list"), {"status": "draft", "q": s.ev.pegawai.nip})
    assert [e.pk for e in resp.context["page_obj"]] == [s.ev.pk]
    # Unknown filter values never 500: they are ignored.
    resp = login(atasan).get(reverse("evaluasi:evaluasi-list"), {"periode": "x", "status": "zzz", "page": "-1"})
    assert resp.status_code == 200 and len(resp.context["page_obj"]) == 2


def test_admin_melihat_opdnya_tanpa_predikat_draf(login, rekan, s, atasan, admin_opd):
    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="di_atas")
    resp = login(admin_opd).get(reverse("evaluasi:evaluasi-list"))
    assert resp.context["cakupan"] == "semua"
    assert s.ev.pk in {e.pk for e in resp.context["page_obj"]}
    assert ">Sangat Baik</span>" not in resp.content.decode()
    resp = login(admin_opd).get(reverse("evaluasi:evaluasi-list"), {"predikat": "sangat_baik"})
    assert list(resp.context["page_obj"]) == []


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "outsider"])
def test_daftar_penilaian_bukan_untuk_yang_tidak_punya_bawahan(login, siapa, request, s):
    assert login(request.getfixturevalue(siapa)).get(reverse("evaluasi:evaluasi-list")).status_code == 403


def test_riwayat_menampilkan_predikat_final_dan_tren(login, s, atasan, pegawai, admin_bkd):
    from evaluasi.tests.factories import periode_uji

    nilai_semua(s, atasan.user, hasil="di_atas", perilaku="di_atas")
    penilaian_finalkan(actor=atasan.user, evaluasi=s.ev, versi=s.ev.versi)
    lain = periode_uji(admin_bkd.user, status=Periode.Status.PENILAIAN, jenis="tahunan")
    resp = login(pegawai).get(reverse("evaluasi:evaluasi-riwayat"))
    assert resp.status_code == 200
    riwayat = resp.context["riwayat"]
    assert {e.periode_id for e in riwayat.evaluasi} == {s.periode.pk, lain.pk}
    assert riwayat.grafik["label"] == [s.periode.nama]
    assert riwayat.grafik["nilai"] == [5]
    assert "Sangat Baik" in resp.content.decode()


def test_tautan_bukti_selain_web_tidak_dapat_diklik(login, s, atasan, pegawai):
    from evaluasi.models import BuktiDukung, Realisasi

    r = Realisasi.objects.create(indikator=s.rhk[0].indikator.first(), periode=s.periode, nilai=1)
    BuktiDukung.objects.create(
        realisasi=r, tautan="javascript:alert(1)", keterangan="Tautan aneh", diunggah_oleh=pegawai.user
    )
    html = login(atasan).get(_url("evaluasi-nilai", s.ev.pk)).content.decode()
    assert "Tautan aneh" in html
    assert "javascript:alert" not in html
