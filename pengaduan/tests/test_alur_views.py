"""The officers' pages: the work queue and its filters, the case page, its actions through the
views (happy path, outsider 404, wrong role 403, wrong method 405, bad input, double post),
the identity on request (audited), the pegawai search, the evidence download, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory
from pengaduan.models import BuktiPengaduan, Pengaduan, Privasi, RiwayatPengaduan
from pengaduan.services.alur import pengaduan_disposisi, pengaduan_tanggapi, pengaduan_verifikasi
from pengaduan.tests.test_alur_services import PDF, aduan, jam  # noqa: F401 (fixture jam)

pytestmark = pytest.mark.django_db


def url(nama: str, *args) -> str:
    return reverse(f"pengaduan:{nama}", args=args)


def terdisposisi(p, petugas, unit, penanggung_jawab):
    pengaduan_verifikasi(pengaduan_id=p.pk, actor=petugas.user, kompleksitas="biasa")
    pengaduan_disposisi(
        pengaduan_id=p.pk, actor=petugas.user, unit_id=unit.pk, petugas_id=penanggung_jawab.pk, catatan=""
    )
    p.refresh_from_db()
    return p


def pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


def ikuti(klien, resp) -> list[str]:
    assert resp.status_code == 302, resp.status_code
    return [str(m) for m in klien.get(resp["Location"]).context["messages"]]


# --- the queue --------------------------------------------------------------------------------


def test_antrean_petugas_dengan_filter(jam, login, opd_a, opd_b, bidang_a, petugas, atasan):  # noqa: F811
    baru = aduan(opd_a, judul="Antrean loket KTP")
    lambat = aduan(opd_b, kelas="aspirasi", privasi=Privasi.ANONIM, batas_verifikasi=dt.date(2026, 3, 13))
    ditangani = terdisposisi(aduan(opd_a, kelas="informasi"), petugas, bidang_a, atasan)
    klien = login(petugas)
    resp = klien.get(url("aduan-list"))
    assert resp.status_code == 200
    # Open cases first, the most urgent on top: the overdue one, then by due date.
    assert [a.pk for a in resp.context["page_obj"]] == [lambat.pk, baru.pk, ditangani.pk]
    baris = {a.pk: a for a in resp.context["page_obj"]}
    assert baris[lambat.pk].terlambat and baris[lambat.pk].batas_kini == dt.date(2026, 3, 13)
    assert baris[ditangani.pk].batas_kini == ditangani.batas_tanggapan and not baris[ditangani.pk].terlambat
    html = resp.content.decode()
    assert "Antrean pengaduan" in html and "Terlambat" in html and "Anonim" in html

    def cari(**params):
        r = klien.get(url("aduan-list"), params)
        assert r.status_code == 200 and r.context["d"].valid, r.context["d"].filter.form.errors
        return {a.pk for a in r.context["page_obj"]}

    assert cari(status="baru") == {baru.pk, lambat.pk}
    assert cari(status="terbuka") == {baru.pk, lambat.pk, ditangani.pk}
    assert cari(kelas="informasi") == {ditangani.pk}
    assert cari(opd=opd_b.pk) == {lambat.pk}
    assert cari(unit_tujuan=bidang_a.pk) == {ditangani.pk}
    assert cari(terlambat="true") == {lambat.pk}
    assert cari(privasi="anonim") == {lambat.pk}
    assert cari(q="loket ktp") == {baru.pk}
    assert cari(q=ditangani.kode.lower().replace("-", " ")) == {ditangani.pk}


def test_antrean_filter_rusak_tidak_500(jam, login, opd_a, petugas):  # noqa: F811
    aduan(opd_a)
    for params in ({"opd": "abc"}, {"status": "<script>"}, {"unit_tujuan": "99999999999999999999"}, {"q": "x" * 500}):
        resp = login(petugas).get(url("aduan-list"), params)
        assert resp.status_code == 200
        assert not resp.context["d"].valid and list(resp.context["page_obj"]) == []
        assert "Filter tidak valid" in resp.content.decode()


def test_antrean_terlambat_per_status(jam, login, opd_a, bidang_a, petugas, atasan):  # noqa: F811
    kemarin = dt.date(2026, 3, 13)
    tanggapan_lewat = terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    Pengaduan.objects.filter(pk=tanggapan_lewat.pk).update(batas_tanggapan=kemarin)
    selesai_lewat = aduan(opd_a, status="ditindaklanjuti", unit_tujuan=bidang_a, batas_selesai=kemarin)
    ditolak = aduan(opd_a, status="ditolak", batas_verifikasi=kemarin)  # closed: never overdue
    tepat = aduan(opd_a, status="terverifikasi", batas_selesai=dt.date(2026, 3, 16))  # due today
    resp = login(petugas).get(url("aduan-list"), {"terlambat": "true"})
    assert {a.pk for a in resp.context["page_obj"]} == {tanggapan_lewat.pk, selesai_lewat.pk}
    assert ditolak.pk and tepat.pk


def test_penanggung_jawab_melihat_pengaduan_yang_ditugaskan(jam, login, opd_a, bidang_a, petugas, atasan):  # noqa: F811
    milik = terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    aduan(opd_a)  # not theirs
    resp = login(atasan).get(url("aduan-list"))
    assert resp.status_code == 200
    assert [a.pk for a in resp.context["page_obj"]] == [milik.pk]
    html = resp.content.decode()
    assert "Pengaduan yang ditugaskan kepada saya" in html
    assert "Perangkat daerah" not in html  # their own OPD's cases only: no OPD filter


@pytest.mark.parametrize("persona", ["pegawai", "rekan", "outsider"])
def test_antrean_tertutup_bagi_pegawai_tanpa_tugas(jam, login, request, opd_a, persona):  # noqa: F811
    aduan(opd_a)
    resp = login(request.getfixturevalue(persona)).get(url("aduan-list"))
    assert resp.status_code == 403


def test_terlapor_tidak_melihat_apa_pun(jam, login, client, opd_a, bidang_a, petugas, admin_opd, atasan):  # noqa: F811
    """An Admin OPD (who sees the OPD's cases) named in a complaint: not in the queue, 404 on the
    case, its evidence and its actions."""
    p = aduan(opd_a, privasi=Privasi.BIASA)
    pengaduan_verifikasi(pengaduan_id=p.pk, actor=petugas.user, kompleksitas="biasa", pegawai_terlapor_id=admin_opd.pk)
    bukti = BuktiPengaduan(pengaduan=p, nama_berkas="b.pdf", jenis_mime="application/pdf", ukuran=len(PDF))
    bukti.berkas.save("b.pdf", ContentFile(PDF), save=False)
    bukti.save()
    klien = login(admin_opd)
    assert p.pk not in {a.pk for a in klien.get(url("aduan-list")).context["page_obj"]}
    assert klien.get(url("aduan-detail", p.pk)).status_code == 404
    assert klien.get(url("buktiaduan-unduh", bukti.pk)).status_code == 404
    assert klien.post(url("aduan-identitas", p.pk)).status_code == 404
    assert klien.get(url("aduan-pegawai", p.pk), {"q": "Peg"}).status_code == 404


def test_jumlah_query_antrean_tetap(jam, login, opd_a, bidang_a, petugas, atasan, django_assert_num_queries):  # noqa: F811
    klien = login(petugas)
    for _ in range(2):
        terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    klien.get(url("aduan-list"))
    with django_assert_num_queries(9) as sedikit:
        resp = klien.get(url("aduan-list"), {"status": "terbuka"})
    assert len(resp.context["page_obj"]) == 2
    for _ in range(6):
        terdisposisi(aduan(opd_a), petugas, bidang_a, PegawaiFactory(unit=bidang_a))
    with django_assert_num_queries(len(sedikit.captured_queries)):
        resp = klien.get(url("aduan-list"), {"status": "terbuka"})
    assert len(resp.context["page_obj"]) == 8


# --- the case page ----------------------------------------------------------------------------


def test_halaman_pengaduan_biasa_menampilkan_identitas_dan_mencatatnya(jam, login, opd_a, bidang_a, petugas, atasan):  # noqa: F811
    p = terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Catatan dalam.", publik=False)
    sebelum = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    resp = login(atasan).get(url("aduan-detail", p.pk))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert p.identitas.nama in html and p.identitas.email in html
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == sebelum + 1
    assert resp["Cache-Control"] == "private, no-store"
    # The whole timeline for staff, internal entries included; the deadlines with colour.
    assert "Catatan dalam." in html and "Internal" in html and "Dilihat pelapor" in html
    assert [b.label for b in resp.context["h"].batas] == ["Verifikasi", "Tanggapan pertama", "Penyelesaian"]
    tanggapan = resp.context["h"].batas[1]
    assert (tanggapan.tanggal, tanggapan.sisa, tanggapan.warna) == (dt.date(2026, 3, 24), 5, "success")
    assert resp.context["h"].batas[0].keterangan == "Tercapai 16-03-2026, tepat waktu"
    # The responsible officer responds; the actions of the complaint officers are not theirs.
    assert set(resp.context["aksi"]) == {"tanggapan"}
    assert f"<title>Pengaduan {p.kode}" in html and p.identitas.nama not in html.split("</title>")[0]


def test_identitas_anonim_hanya_atas_permintaan_dan_diaudit(
    jam,  # noqa: F811
    login,
    opd_a,
    bidang_a,
    petugas,
    atasan,
    admin_opd,
):
    p = terdisposisi(aduan(opd_a, privasi=Privasi.ANONIM), petugas, bidang_a, atasan)
    nama = p.identitas.nama
    sebelum = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    for persona in (atasan, admin_opd):
        resp = login(persona).get(url("aduan-detail", p.pk))
        assert resp.status_code == 200 and nama not in resp.content.decode()
        assert "Identitas pelapor dirahasiakan." in resp.content.decode()
        assert login(persona).post(url("aduan-identitas", p.pk)).status_code == 403
    klien = login(petugas)
    resp = klien.get(url("aduan-detail", p.pk))
    assert nama not in resp.content.decode() and "Tampilkan identitas pelapor" in resp.content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == sebelum
    resp = klien.post(url("aduan-identitas", p.pk))
    assert resp.status_code == 200 and nama in resp.content.decode()
    assert resp["Cache-Control"] == "private, no-store"
    entri = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("id")
    assert entri.actor_id == petugas.user_id and entri.object_pk == str(p.pk)
    assert klien.get(url("aduan-identitas", p.pk)).status_code == 405


def test_halaman_pengaduan_di_luar_lingkup_404(jam, login, opd_a, opd_b, petugas_opd_a, outsider, pegawai):  # noqa: F811
    p = aduan(opd_b)
    for persona in (petugas_opd_a, outsider, pegawai):
        assert login(persona).get(url("aduan-detail", p.pk)).status_code == 404
    assert login(petugas_opd_a).get("/pengaduan/aduan/99999999/").status_code == 404


def test_jumlah_query_halaman_pengaduan_tetap(jam, login, opd_a, bidang_a, petugas, atasan, django_assert_num_queries):  # noqa: F811
    p = terdisposisi(aduan(opd_a, privasi=Privasi.ANONIM), petugas, bidang_a, atasan)
    klien = login(petugas)
    klien.get(url("aduan-detail", p.pk))
    with django_assert_num_queries(11) as sedikit:
        resp = klien.get(url("aduan-detail", p.pk))
    assert len(resp.context["h"].riwayat) == 3
    for i in range(5):
        pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi=f"Tanggapan {i}", publik=True)
        b = BuktiPengaduan(pengaduan=p, nama_berkas=f"b{i}.pdf", jenis_mime="application/pdf", ukuran=1)
        b.berkas.save("b.pdf", ContentFile(PDF), save=False)
        b.save()
    with django_assert_num_queries(len(sedikit.captured_queries)):
        resp = klien.get(url("aduan-detail", p.pk))
    assert len(resp.context["h"].riwayat) == 9 and len(resp.context["h"].bukti) == 5


# --- actions through the views ----------------------------------------------------------------


def test_verifikasi_lewat_halaman(jam, login, opd_a, petugas, admin_opd, outsider, pegawai):  # noqa: F811
    p = aduan(opd_a)
    alamat = url("aduan-verifikasi", p.pk)
    data = {"verifikasi-kompleksitas": "sederhana", "verifikasi-terlapor_nip": pegawai.nip, "verifikasi-catatan": ""}
    assert login(petugas).get(alamat).status_code == 405
    assert login(admin_opd).post(alamat, data).status_code == 403
    assert login(outsider).post(alamat, data).status_code == 404
    # Bad input: a clear message, nothing saved.
    resp = login(petugas).post(alamat, {"verifikasi-kompleksitas": "", "verifikasi-terlapor_nip": "1234"})
    assert resp.status_code == 200
    form = resp.context["aksi"]["verifikasi"]
    assert form.errors["kompleksitas"] == ["Pilih kompleksitas penyelesaian pengaduan."]
    assert form.errors["terlapor_nip"] == [
        "Tidak ada pegawai Dinas Pendidikan dengan NIP ini. Ketik NIP atau nama lalu pilih dari daftar."
    ]
    assert Pengaduan.objects.get(pk=p.pk).status == "baru"
    klien = login(petugas)
    resp = klien.post(alamat, data)
    assert ikuti(klien, resp) == [f"Pengaduan {p.kode} terverifikasi. Batas penyelesaian: 24 Maret 2026."]
    p.refresh_from_db()
    assert p.status == "terverifikasi" and p.pegawai_terlapor_id == pegawai.pk
    # Posted again (a double click): acts once, says why.
    jumlah = RiwayatPengaduan.objects.filter(pengaduan=p).count()
    resp = klien.post(alamat, data)
    assert ikuti(klien, resp) == ["Pengaduan berstatus Terverifikasi tidak dapat diverifikasi."]
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah


def test_tolak_lewat_halaman(jam, login, opd_a, petugas):  # noqa: F811
    p = aduan(opd_a)
    klien = login(petugas)
    resp = klien.post(url("aduan-tolak", p.pk), {"tolak-jenis": "bukan_wewenang", "tolak-alasan": ""})
    assert resp.status_code == 200
    assert resp.context["aksi"]["tolak"].errors["alasan"] == [
        "Tuliskan alasan penolakan; alasan ini dibaca oleh pelapor."
    ]
    resp = klien.post(url("aduan-tolak", p.pk), {"tolak-jenis": "bukan_wewenang", "tolak-alasan": "Urusan provinsi."})
    assert ikuti(klien, resp) == [f"Pengaduan {p.kode} dinyatakan bukan wewenang. Pelapor diberi tahu alasannya."]
    assert Pengaduan.objects.get(pk=p.pk).status == "bukan_wewenang"


def test_disposisi_lewat_halaman_dengan_nip(jam, login, opd_a, opd_b, bidang_a, petugas, atasan, outsider):  # noqa: F811
    p = aduan(opd_a)
    pengaduan_verifikasi(pengaduan_id=p.pk, actor=petugas.user, kompleksitas="biasa")
    klien = login(petugas)
    alamat = url("aduan-disposisi", p.pk)
    resp = klien.post(alamat, {"disposisi-unit": opd_b.pk, "disposisi-petugas_nip": outsider.nip})
    assert resp.status_code == 200
    galat = resp.context["aksi"]["disposisi"].errors
    assert galat["unit"] == ["Unit tujuan harus unit kerja aktif di Dinas Pendidikan."]
    assert galat["petugas_nip"] == [
        "Tidak ada pegawai Dinas Pendidikan dengan NIP ini. Ketik NIP atau nama lalu pilih dari daftar."
    ]
    nip_spasi = f"{atasan.nip[:8]} {atasan.nip[8:14]} {atasan.nip[14]} {atasan.nip[15:]}"
    resp = klien.post(alamat, {"disposisi-unit": bidang_a.pk, "disposisi-petugas_nip": nip_spasi})
    assert ikuti(klien, resp) == [f"Pengaduan {p.kode} didisposisikan kepada {atasan.nama_lengkap} ({bidang_a.nama})."]
    p.refresh_from_db()
    assert (p.status, p.petugas_tindak_id) == ("didisposisikan", atasan.pk)


def test_tanggapan_lewat_halaman_dengan_lampiran(jam, login, settings, opd_a, bidang_a, petugas, atasan):  # noqa: F811
    p = terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    klien = login(atasan)
    alamat = url("aduan-tanggapi", p.pk)
    berkas = ContentFile(PDF, name="foto.pdf")
    resp = klien.post(
        alamat, {"tanggapan-jenis": "publik", "tanggapan-isi": "Sudah diperbaiki.", "tanggapan-berkas": berkas}
    )
    assert ikuti(klien, resp) == ["Tanggapan disimpan dan dikirim kepada pelapor."]
    p.refresh_from_db()
    assert p.status == "ditindaklanjuti"
    assert BuktiPengaduan.objects.filter(pengaduan=p, dari_pelapor=False).count() == 1
    # Too large: refused while read, nothing stored, a clear message.
    settings.ADUAN_BUKTI_MAKS_BYTE = 1024
    besar = ContentFile(PDF + b"0" * 5000, name="besar.pdf")
    jumlah = RiwayatPengaduan.objects.filter(pengaduan=p).count()
    resp = klien.post(
        alamat, {"tanggapan-jenis": "internal", "tanggapan-isi": "Lampiran besar.", "tanggapan-berkas": besar}
    )
    assert resp.status_code == 200
    (galat,) = resp.context["aksi"]["tanggapan"].errors["berkas"]
    assert galat.startswith("Ukuran berkas") and galat.endswith("melebihi batas 1,0\xa0KB. Berkas tidak diunggah.")
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah
    assert BuktiPengaduan.objects.filter(pengaduan=p).count() == 1
    # Bad input: no text, an unknown kind.
    resp = klien.post(alamat, {"tanggapan-jenis": "rahasia", "tanggapan-isi": ""})
    galat = resp.context["aksi"]["tanggapan"].errors
    assert galat["isi"] == ["Tuliskan isi tanggapan."]
    assert galat["jenis"] == ["Pilih tanggapan untuk pelapor atau catatan internal."]


def test_tanggapan_oleh_yang_tidak_berwenang(jam, login, opd_a, bidang_a, petugas, atasan, admin_opd, rekan):  # noqa: F811
    p = terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    data = {"tanggapan-jenis": "internal", "tanggapan-isi": "Penyusup."}
    assert login(admin_opd).post(url("aduan-tanggapi", p.pk), data).status_code == 403
    assert login(rekan).post(url("aduan-tanggapi", p.pk), data).status_code == 404
    assert login(atasan).get(url("aduan-tanggapi", p.pk)).status_code == 405
    assert not RiwayatPengaduan.objects.filter(isi="Penyusup.").exists()


def test_selesai_dan_arsip_lewat_halaman(jam, login, opd_a, bidang_a, petugas, atasan, pegawai):  # noqa: F811
    p = aduan(opd_a)
    pengaduan_verifikasi(pengaduan_id=p.pk, actor=petugas.user, kompleksitas="biasa", pegawai_terlapor_id=pegawai.pk)
    pengaduan_disposisi(pengaduan_id=p.pk, actor=petugas.user, unit_id=bidang_a.pk, petugas_id=atasan.pk, catatan="")
    klien = login(petugas)
    alamat = url("aduan-selesai", p.pk)
    assert login(atasan).post(alamat, {"selesai-isi_penutup": "x", "selesai-terbukti": "ya"}).status_code == 403
    klien = login(petugas)
    resp = klien.post(alamat, {"selesai-isi_penutup": "Tuntas.", "selesai-terbukti": ""})
    assert resp.context["aksi"]["selesai"].errors["terbukti"] == [
        "Nyatakan apakah pengaduan terhadap pegawai yang dilaporkan terbukti atau tidak."
    ]
    resp = klien.post(alamat, {"selesai-isi_penutup": "Tuntas.", "selesai-terbukti": "tidak"})
    assert ikuti(klien, resp) == [f"Pengaduan {p.kode} selesai dalam 0 hari kerja. Pelapor diberi tahu."]
    p.refresh_from_db()
    assert p.status == "selesai" and p.terbukti is False
    html = klien.get(url("aduan-detail", p.pk)).content.decode()
    assert "Pelapor masih dapat membuka kembali pengaduan ini sampai 26 Maret 2026" in html
    resp = klien.post(url("aduan-arsip", p.pk))
    assert ikuti(klien, resp) == [
        "Pelapor masih dapat membuka kembali pengaduan ini sampai 26 Maret 2026; arsipkan setelah tanggal itu."
    ]
    jam.maju(days=11)
    klien = login(petugas)  # sessions last 8 hours
    resp = klien.post(url("aduan-arsip", p.pk))
    assert ikuti(klien, resp) == [f"Pengaduan {p.kode} diarsipkan."]
    assert Pengaduan.objects.get(pk=p.pk).status == "diarsipkan"
    assert klien.get(url("aduan-arsip", p.pk)).status_code == 405


# --- pegawai search and evidence --------------------------------------------------------------


def test_cari_pegawai_opd_pengaduan(jam, login, opd_a, bidang_a, petugas, atasan, pegawai, rekan, outsider, kepala_opd):  # noqa: F811
    p = aduan(opd_a)
    pengaduan_verifikasi(pengaduan_id=p.pk, actor=petugas.user, kompleksitas="biasa", pegawai_terlapor_id=rekan.pk)
    klien = login(petugas)
    hasil = klien.get(url("aduan-pegawai", p.pk), {"q": "a"}).json()["hasil"]
    assert hasil == []  # too short
    nama = {h["nama"] for h in klien.get(url("aduan-pegawai", p.pk), {"q": "Uji"}).json()["hasil"]}
    assert nama == {pegawai.nama_lengkap}
    # Never the pegawai the complaint is about; never another OPD's.
    assert klien.get(url("aduan-pegawai", p.pk), {"q": "Rekan"}).json()["hasil"] == []
    assert klien.get(url("aduan-pegawai", p.pk), {"q": "Orang Luar"}).json()["hasil"] == []
    kepala = klien.get(url("aduan-pegawai", p.pk), {"q": kepala_opd.nip[:6]}).json()["hasil"]
    assert kepala_opd.nip in {h["nip"] for h in kepala}
    # Limited to a unit's subtree for the responsible officer.
    dalam_bidang = klien.get(url("aduan-pegawai", p.pk), {"q": "Kepala", "unit": bidang_a.pk}).json()["hasil"]
    assert dalam_bidang == []
    assert klien.get(url("aduan-pegawai", p.pk), {"q": "Kepala", "unit": "x"}).json()["hasil"] == []
    assert login(atasan).get(url("aduan-pegawai", p.pk), {"q": "Uji"}).status_code == 404
    assert outsider


def test_unduh_bukti(jam, login, opd_a, bidang_a, petugas, atasan, admin_opd):  # noqa: F811
    p = terdisposisi(aduan(opd_a, privasi=Privasi.ANONIM), petugas, bidang_a, atasan)
    bukti = BuktiPengaduan(pengaduan=p, nama_berkas="KTP saya.pdf", jenis_mime="application/pdf", ukuran=len(PDF))
    bukti.berkas.save("x.pdf", ContentFile(PDF), save=False)
    bukti.save()
    resp = login(petugas).get(url("buktiaduan-unduh", bukti.pk))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert resp["Content-Disposition"].startswith("attachment;")
    assert resp["X-Content-Type-Options"] == "nosniff" and resp["Cache-Control"] == "private, no-store"
    # The complainant's own file of an anonim case may reveal them: not for the responsible
    # officer nor the Admin OPD, and not listed on their page either.
    for persona in (atasan, admin_opd):
        assert login(persona).get(url("buktiaduan-unduh", bukti.pk)).status_code == 404
    resp = login(atasan).get(url("aduan-detail", p.pk))
    assert "KTP saya.pdf" not in resp.content.decode() and resp.context["h"].bukti_tersembunyi == 1
    assert login(petugas).post(url("buktiaduan-unduh", bukti.pk)).status_code == 405


AKSI = ["aduan-verifikasi", "aduan-tolak", "aduan-disposisi", "aduan-tanggapi", "aduan-selesai", "aduan-arsip"]
SAMPAH = {
    f"{awalan}-{nama}": nilai
    for awalan in ("verifikasi", "tolak", "disposisi", "tanggapan", "selesai")
    for nama, nilai in (
        ("kompleksitas", "<script>alert(1)</script>"),
        ("terlapor_nip", "' OR 1=1 --"),
        ("jenis", "\x00"),
        ("alasan", "x" * 6000),
        ("unit", "99999999999999999999999"),
        ("petugas_nip", "abc"),
        ("isi", ""),
        ("isi_penutup", "<b>" * 2000),
        ("terbukti", "mungkin"),
    )
}


@pytest.mark.parametrize("nama", AKSI)
def test_admin_opd_hanya_membaca(jam, login, opd_a, bidang_a, petugas, atasan, admin_opd, nama):  # noqa: F811
    p = terdisposisi(aduan(opd_a), petugas, bidang_a, atasan)
    jumlah = RiwayatPengaduan.objects.filter(pengaduan=p).count()
    assert login(admin_opd).get(url("aduan-detail", p.pk)).status_code == 200
    assert (
        login(admin_opd).post(url(nama, p.pk), {"tanggapan-jenis": "internal", "tanggapan-isi": "x"}).status_code == 403
    )
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah
    assert Pengaduan.objects.get(pk=p.pk).status == "didisposisikan"


@pytest.mark.parametrize("status", ["baru", "didisposisikan"])
def test_isian_sampah_tidak_pernah_500(jam, login, opd_a, bidang_a, petugas, atasan, status):  # noqa: F811
    p = aduan(opd_a)
    if status == "didisposisikan":
        p = terdisposisi(p, petugas, bidang_a, atasan)
    jumlah = RiwayatPengaduan.objects.filter(pengaduan=p).count()
    klien = login(petugas)
    for nama in AKSI:
        resp = klien.post(url(nama, p.pk), SAMPAH)
        assert resp.status_code in (200, 302), (nama, resp.status_code)
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah
    assert Pengaduan.objects.get(pk=p.pk).status == status
