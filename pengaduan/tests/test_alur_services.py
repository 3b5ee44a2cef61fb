"""The complaint officers' workflow (pengaduan.services.alur): every transition, every refusal,
deadlines against a fixed holiday calendar, the timeline, the audit log, notifications that
never carry the complainant, and the complainant's e-mails."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from notifikasi.models import Notifikasi
from pegawai.tests.factories import PegawaiFactory, UnitKerjaFactory
from pengaduan.access import pengaduan_scope
from pengaduan.models import BuktiPengaduan, HariLibur, Pengaduan, PengaturanPengaduan, Privasi, RiwayatPengaduan
from pengaduan.services import alur
from pengaduan.services.alur import (
    PESAN_ALASAN,
    PESAN_ARSIP_MASA,
    PESAN_BUKAN_PENANGGAP,
    PESAN_BUKAN_PETUGAS,
    PESAN_CATATAN_ARSIP,
    PESAN_DISPOSISI_SAMA,
    PESAN_DIUBAH,
    PESAN_ISI,
    PESAN_KOMPLEKSITAS,
    PESAN_PENUTUP,
    PESAN_PETUGAS,
    PESAN_PETUGAS_TERLAPOR,
    PESAN_STATUS,
    PESAN_TERBUKTI,
    PESAN_TERLAPOR_DIRI,
    PESAN_TERLAPOR_OPD,
    PESAN_TIDAK_DITEMUKAN,
    PESAN_UNIT,
    pengaduan_arsip,
    pengaduan_disposisi,
    pengaduan_selesai,
    pengaduan_tanggapi,
    pengaduan_tolak,
    pengaduan_verifikasi,
)
from pengaduan.tests.factories import KUNCI_UJI, PengaduanFactory

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
SENIN = dt.datetime(2026, 3, 16, 9, 0, tzinfo=WIB)  # Monday 16 March 2026
LIBUR = dt.date(2026, 3, 18)  # a Wednesday, made a holiday in these tests
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Jam:
    """timezone.now() fixed to a moment the test moves on."""

    def __init__(self, monkeypatch, mulai: dt.datetime):
        self.sekarang = mulai
        monkeypatch.setattr(timezone, "now", lambda: self.sekarang)

    def atur(self, waktu: dt.datetime) -> None:
        self.sekarang = waktu

    def maju(self, **kw) -> None:
        self.sekarang += dt.timedelta(**kw)


@pytest.fixture
def jam(monkeypatch, db):
    """Monday 16 March 2026, 09:00 WIB, with one holiday (Wednesday 18 March) and no other."""
    HariLibur.objects.all().delete()
    HariLibur.objects.create(tanggal=LIBUR, nama="Libur uji")
    return Jam(monkeypatch, SENIN)


@pytest.fixture
def seksi_a(bidang_a):
    from pegawai.models import UnitKerja

    return UnitKerjaFactory(kode="DISDIK-PTK-1", nama="Seksi Guru", jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a)


def aduan(opd, **kw) -> Pengaduan:
    kw.setdefault("diterima_pada", timezone.now())
    return PengaduanFactory(opd=opd, **kw)


def beri_email(*daftar) -> None:
    """Staff get a copy of each notification by e-mail (the factories leave addresses empty)."""
    for p in daftar:
        p.email = f"{p.nama.split()[0].lower()}.{p.pk}@pemda.id"
        p.save(update_fields=["email"])


def identitas_teks(p: Pengaduan) -> list[str]:
    i = p.identitas
    return [i.nama, i.email, i.telepon]


def riwayat(p: Pengaduan) -> list[tuple]:
    return list(
        RiwayatPengaduan.objects.filter(pengaduan=p)
        .order_by("id")
        .values_list("jenis", "status_dari", "status_ke", "isi", "publik", "oleh_id")
    )


def potret(p: Pengaduan) -> tuple:
    segar = Pengaduan.objects.get(pk=p.pk)
    return (
        segar.status,
        segar.unit_tujuan_id,
        segar.petugas_tindak_id,
        segar.batas_selesai,
        segar.batas_tanggapan,
        segar.pegawai_terlapor_id,
        RiwayatPengaduan.objects.filter(pengaduan=p).count(),
        LogEntry.objects.count(),
        Notifikasi.objects.count(),
    )


def gagal(fungsi, pesan, **kw):
    with pytest.raises(ValidationError) as info:
        fungsi(**kw)
    assert pesan in info.value.messages, info.value.messages
    return info.value


def verifikasi(p, actor, kompleksitas="biasa", **kw):
    return pengaduan_verifikasi(pengaduan_id=p.pk, actor=actor, kompleksitas=kompleksitas, **kw)


def disposisi(p, actor, unit, petugas, catatan=""):
    return pengaduan_disposisi(pengaduan_id=p.pk, actor=actor, unit_id=unit.pk, petugas_id=petugas.pk, catatan=catatan)


def terdisposisi(opd_a, bidang_a, petugas, atasan, **kw) -> Pengaduan:
    p = aduan(opd_a, **kw)
    verifikasi(p, petugas.user)
    disposisi(p, petugas.user, bidang_a, atasan)
    return Pengaduan.objects.get(pk=p.pk)


# --- verification -----------------------------------------------------------------------------


def test_verifikasi_menetapkan_batas_selesai_dengan_hari_libur(jam, opd_a, petugas):
    p = aduan(opd_a)
    sebelum = LogEntry.objects.count()
    baru = verifikasi(p, petugas.user, "sederhana", catatan="Cek loket 3.")
    p.refresh_from_db()
    assert p.status == "terverifikasi" and baru.status == "terverifikasi"
    assert p.kompleksitas == "sederhana" and p.diverifikasi_oleh_id == petugas.user_id
    assert p.terverifikasi_pada == SENIN
    # 5 working days after Monday 16 March, Wednesday 18 being a holiday: Tuesday 24 March.
    assert p.batas_selesai == dt.date(2026, 3, 24)
    assert riwayat(p) == [
        ("status", "baru", "terverifikasi", "", True, petugas.user_id),
        ("catatan", "", "", "Cek loket 3.", False, petugas.user_id),
    ]
    entri = LogEntry.objects.filter(object_pk=str(p.pk), action=LogEntry.Action.UPDATE).get()
    assert LogEntry.objects.count() == sebelum + 1
    assert entri.actor_id == petugas.user_id
    assert entri.changes["status"] == ["baru", "terverifikasi"]
    assert entri.changes["batas_selesai"] == ["None", "2026-03-24"]
    assert entri.changes["kompleksitas"] == ["", "sederhana"]


@pytest.mark.parametrize(("kompleksitas", "batas"), [("biasa", dt.date(2026, 4, 6)), ("lapangan", dt.date(2026, 6, 9))])
def test_verifikasi_batas_per_kompleksitas(jam, opd_a, petugas, kompleksitas, batas):
    p = aduan(opd_a)
    verifikasi(p, petugas.user, kompleksitas)
    p.refresh_from_db()
    assert p.batas_selesai == batas


def test_verifikasi_menautkan_terlapor_yang_lalu_tidak_melihat_apa_pun(jam, opd_a, petugas, pegawai):
    p = aduan(opd_a)
    assert not pengaduan_scope(pegawai.user).filter(pk=p.pk).exists()
    verifikasi(p, petugas.user, pegawai_terlapor_id=pegawai.pk)
    p.refresh_from_db()
    assert p.pegawai_terlapor_id == pegawai.pk
    assert LogEntry.objects.filter(object_pk=str(p.pk)).latest("id").changes["pegawai_terlapor"] == [
        "None",
        str(pegawai.pk),
    ]
    gagal(pengaduan_tanggapi, PESAN_TIDAK_DITEMUKAN, pengaduan_id=p.pk, actor=pegawai.user, isi="x", publik=False)


def test_verifikasi_ditolak_bila_tidak_sah(jam, opd_a, opd_b, petugas, petugas_opd_a, outsider, admin_opd):
    p = aduan(opd_a)
    awal = potret(p)
    gagal(verifikasi, PESAN_KOMPLEKSITAS, p=p, actor=petugas.user, kompleksitas="sulit")
    gagal(
        verifikasi, PESAN_TERLAPOR_OPD.format(opd=opd_a.nama), p=p, actor=petugas.user, pegawai_terlapor_id=outsider.pk
    )
    gagal(verifikasi, PESAN_TERLAPOR_DIRI, p=p, actor=petugas_opd_a.user, pegawai_terlapor_id=petugas_opd_a.pk)
    # Admin OPD sees the case but does not handle it; an outsider does not see it at all.
    gagal(verifikasi, PESAN_BUKAN_PETUGAS, p=p, actor=admin_opd.user)
    gagal(verifikasi, PESAN_TIDAK_DITEMUKAN, p=p, actor=outsider.user)
    gagal(verifikasi, alur.PESAN_TEKS_PANJANG, p=p, actor=petugas.user, catatan="x" * 5001)
    assert potret(p) == awal
    lain = aduan(opd_b)
    gagal(verifikasi, PESAN_TIDAK_DITEMUKAN, p=lain, actor=petugas_opd_a.user)


def test_verifikasi_dua_kali_sekali_berlaku(jam, opd_a, petugas):
    p = aduan(opd_a)
    verifikasi(p, petugas.user)
    awal = potret(p)
    gagal(verifikasi, PESAN_STATUS.format(status="Terverifikasi", aksi="diverifikasi"), p=p, actor=petugas.user)
    assert potret(p) == awal


def test_dua_petugas_memverifikasi_bersamaan_hanya_satu_tersimpan(jam, opd_a, petugas, petugas_opd_a, monkeypatch):
    """Officer B read the case while it was still new; officer A verified it first: B's
    compare-and-swap finds no row in status baru and changes nothing."""
    p = aduan(opd_a)
    basi = Pengaduan.objects.select_related("opd", "unit_tujuan", "petugas_tindak").get(pk=p.pk)
    verifikasi(p, petugas_opd_a.user, "sederhana")
    awal = potret(p)
    monkeypatch.setattr(alur, "_ambil", lambda actor, pengaduan_id, **kw: basi)
    gagal(verifikasi, PESAN_DIUBAH, p=p, actor=petugas.user, kompleksitas="lapangan")
    assert potret(p) == awal
    p.refresh_from_db()
    assert p.kompleksitas == "sederhana" and p.diverifikasi_oleh_id == petugas_opd_a.user_id


# --- rejection --------------------------------------------------------------------------------


@pytest.mark.parametrize(("bukan_wewenang", "status"), [(False, "ditolak"), (True, "bukan_wewenang")])
def test_tolak_dengan_alasan_yang_dibaca_pelapor(
    jam, opd_a, petugas, bukan_wewenang, status, django_capture_on_commit_callbacks
):
    p = aduan(opd_a)
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_tolak(
            pengaduan_id=p.pk, actor=petugas.user, alasan="Sudah ditangani Ombudsman.", bukan_wewenang=bukan_wewenang
        )
    p.refresh_from_db()
    assert p.status == status and p.alasan_penolakan == "Sudah ditangani Ombudsman."
    assert riwayat(p) == [("status", "baru", status, "Sudah ditangani Ombudsman.", True, petugas.user_id)]
    (surat,) = mail.outbox
    assert surat.to == [p.identitas.email]
    assert "Sudah ditangani Ombudsman." in surat.body and p.kode in surat.body
    assert KUNCI_UJI not in surat.body


def test_tolak_tanpa_alasan_atau_bukan_baru(jam, opd_a, petugas):
    p = aduan(opd_a)
    awal = potret(p)
    gagal(pengaduan_tolak, PESAN_ALASAN, pengaduan_id=p.pk, actor=petugas.user, alasan="  ", bukan_wewenang=False)
    assert potret(p) == awal
    verifikasi(p, petugas.user)
    gagal(
        pengaduan_tolak,
        PESAN_STATUS.format(status="Terverifikasi", aksi="ditolak"),
        pengaduan_id=p.pk,
        actor=petugas.user,
        alasan="Bukan wewenang.",
        bukan_wewenang=True,
    )


# --- disposition ------------------------------------------------------------------------------


def test_disposisi_menetapkan_batas_tanggapan_dan_memberi_tahu_penanggung_jawab(
    jam, opd_a, bidang_a, petugas, atasan, django_capture_on_commit_callbacks
):
    beri_email(atasan)
    p = aduan(opd_a, privasi=Privasi.ANONIM)
    verifikasi(p, petugas.user, "biasa")
    jam.maju(days=1)  # Tuesday 17 March
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        disposisi(p, petugas.user, bidang_a, atasan, catatan="Mohon cek jadwal loket.")
    p.refresh_from_db()
    assert p.status == "didisposisikan" and p.unit_tujuan_id == bidang_a.pk and p.petugas_tindak_id == atasan.pk
    assert p.didisposisikan_pada == SENIN + dt.timedelta(days=1)
    # 5 working days after Tuesday 17 March (18 is a holiday): Wednesday 25 March.
    assert p.batas_tanggapan == dt.date(2026, 3, 25)
    assert riwayat(p)[-2:] == [
        ("status", "terverifikasi", "didisposisikan", f"Diteruskan kepada {bidang_a.nama}.", True, petugas.user_id),
        (
            "catatan",
            "",
            "",
            f"Penanggung jawab: {atasan.nama_lengkap} ({bidang_a.nama}).\nMohon cek jadwal loket.",
            False,
            petugas.user_id,
        ),
    ]
    (n,) = Notifikasi.objects.filter(penerima=atasan.user)
    assert p.kode in n.judul and "Batas tanggapan pertama: 25 Maret 2026" in n.pesan
    assert n.tautan == f"/pengaduan/aduan/{p.pk}/"
    teks = f"{n.judul} {n.pesan}"
    for rahasia in identitas_teks(p) + [p.judul, p.uraian]:
        assert rahasia not in teks
    (surat,) = mail.outbox  # the staff copy of the notification
    assert surat.to == [f"atasan.{atasan.pk}@pemda.id"]
    for rahasia in identitas_teks(p):
        assert rahasia not in surat.body and rahasia not in surat.subject


def test_disposisi_ke_subunit_dan_penolakan(jam, opd_a, opd_b, bidang_a, seksi_a, petugas, atasan, pegawai, outsider):
    staf_seksi = PegawaiFactory(nama="Guru Seksi", unit=seksi_a)
    p = aduan(opd_a)
    gagal(
        disposisi,
        PESAN_STATUS.format(status="Baru", aksi="didisposisikan"),
        p=p,
        actor=petugas.user,
        unit=bidang_a,
        petugas=atasan,
    )
    verifikasi(p, petugas.user, pegawai_terlapor_id=pegawai.pk)
    atasan_nonaktif = PegawaiFactory(unit=bidang_a, aktif=False)
    awal = potret(p)
    gagal(disposisi, PESAN_UNIT.format(opd=opd_a.nama), p=p, actor=petugas.user, unit=opd_b, petugas=outsider)
    gagal(disposisi, PESAN_PETUGAS.format(unit=bidang_a.nama), p=p, actor=petugas.user, unit=bidang_a, petugas=outsider)
    gagal(disposisi, PESAN_PETUGAS.format(unit=seksi_a.nama), p=p, actor=petugas.user, unit=seksi_a, petugas=atasan)
    gagal(disposisi, PESAN_PETUGAS_TERLAPOR, p=p, actor=petugas.user, unit=bidang_a, petugas=pegawai)
    gagal(
        disposisi,
        PESAN_PETUGAS.format(unit=bidang_a.nama),
        p=p,
        actor=petugas.user,
        unit=bidang_a,
        petugas=atasan_nonaktif,
    )
    assert potret(p) == awal
    # A pegawai of a seksi below the bidang may be responsible for a case disposed to the bidang.
    disposisi(p, petugas.user, bidang_a, staf_seksi)
    p.refresh_from_db()
    assert p.petugas_tindak_id == staf_seksi.pk
    # The pegawai the complaint is about is never notified.
    assert not Notifikasi.objects.filter(penerima=pegawai.user).exists()


def test_disposisi_ulang_tercatat_dan_batas_tetap(jam, opd_a, bidang_a, petugas, atasan, rekan):
    p = terdisposisi(opd_a, bidang_a, petugas, atasan)
    batas = p.batas_tanggapan
    jam.maju(days=2)
    gagal(disposisi, PESAN_DISPOSISI_SAMA, p=p, actor=petugas.user, unit=bidang_a, petugas=atasan)
    disposisi(p, petugas.user, bidang_a, rekan)
    p.refresh_from_db()
    assert p.status == "didisposisikan" and p.petugas_tindak_id == rekan.pk and p.batas_tanggapan == batas
    assert riwayat(p)[-2][:4] == ("status", "didisposisikan", "didisposisikan", f"Dialihkan kepada {bidang_a.nama}.")
    entri = LogEntry.objects.filter(object_pk=str(p.pk)).latest("id")
    assert entri.changes == {"petugas_tindak": [str(atasan.pk), str(rekan.pk)]}
    assert Notifikasi.objects.filter(penerima=rekan.user, judul__contains=p.kode).exists()
    # The earlier officer no longer has the case.
    assert not pengaduan_scope(atasan.user).filter(pk=p.pk).exists()
    # After a response, a re-disposition keeps the case followed up.
    pengaduan_tanggapi(pengaduan_id=p.pk, actor=rekan.user, isi="Sedang kami periksa.", publik=True)
    disposisi(p, petugas.user, bidang_a, atasan)
    p.refresh_from_db()
    assert p.status == "ditindaklanjuti" and p.petugas_tindak_id == atasan.pk


# --- responses and notes ----------------------------------------------------------------------


def test_tanggapan_publik_pertama_menindaklanjuti_dan_memberi_tahu(
    jam, opd_a, bidang_a, petugas, petugas_opd_a, atasan, pegawai, django_capture_on_commit_callbacks
):
    beri_email(petugas, petugas_opd_a, pegawai)
    p = terdisposisi(opd_a, bidang_a, petugas, atasan, privasi=Privasi.RAHASIA)
    Pengaduan.objects.filter(pk=p.pk).update(pegawai_terlapor=pegawai)
    jam.maju(hours=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Loket 3 kini buka pukul 08.00.", publik=True)
    p.refresh_from_db()
    assert p.status == "ditindaklanjuti" and p.ditanggapi_pada == SENIN + dt.timedelta(hours=3)
    assert riwayat(p)[-2:] == [
        ("status", "didisposisikan", "ditindaklanjuti", "", True, atasan.user_id),
        ("tanggapan", "", "", "Loket 3 kini buka pukul 08.00.", True, atasan.user_id),
    ]
    # The complainant is written to even for a rahasia case; the officers get a notification.
    pelapor = [m for m in mail.outbox if m.to == [p.identitas.email]]
    assert len(pelapor) == 1
    assert "Loket 3 kini buka pukul 08.00." in pelapor[0].body
    assert f"/layanan/lacak/?kode={p.kode}" in pelapor[0].body and KUNCI_UJI not in pelapor[0].body
    penerima = set(Notifikasi.objects.filter(judul__contains="Tanggapan baru").values_list("penerima_id", flat=True))
    assert penerima == {petugas.user_id, petugas_opd_a.user_id}
    staf = [m for m in mail.outbox if m.to != [p.identitas.email]]
    assert sorted(m.to[0] for m in staf) == sorted([petugas.email, petugas_opd_a.email])
    for m in staf:
        for rahasia in identitas_teks(p):
            assert rahasia not in m.body and rahasia not in m.subject
    # A second public response changes no status and is e-mailed again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_tanggapi(pengaduan_id=p.pk, actor=petugas.user, isi="Sudah kami pantau.", publik=True)
    p.refresh_from_db()
    assert p.status == "ditindaklanjuti" and p.ditanggapi_pada == SENIN + dt.timedelta(hours=3)
    assert [m.to for m in mail.outbox] == [[p.identitas.email]]


def test_catatan_internal_tanpa_perubahan_status_dan_tanpa_email_pelapor(
    jam, opd_a, bidang_a, petugas, atasan, django_capture_on_commit_callbacks
):
    p = terdisposisi(opd_a, bidang_a, petugas, atasan)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Petugas loket cuti.", publik=False)
    p.refresh_from_db()
    assert p.status == "didisposisikan" and p.ditanggapi_pada is None
    assert riwayat(p)[-1] == ("catatan", "", "", "Petugas loket cuti.", False, atasan.user_id)
    assert p.identitas.email not in [a for m in mail.outbox for a in m.to]


def test_tanggapan_dua_kali_disimpan_sekali(jam, opd_a, bidang_a, petugas, atasan):
    p = terdisposisi(opd_a, bidang_a, petugas, atasan)
    pertama = pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Kami periksa.", publik=True)
    jumlah = RiwayatPengaduan.objects.filter(pengaduan=p).count()
    kedua = pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Kami periksa.", publik=True)
    assert kedua.pk == pertama.pk
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah
    # The same words later on are a new response.
    jam.maju(minutes=11)
    pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Kami periksa.", publik=True)
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah + 1


def test_tanggapan_ditolak_bila_tidak_sah(jam, opd_a, bidang_a, petugas, atasan, admin_opd, rekan):
    p = aduan(opd_a)
    verifikasi(p, petugas.user)
    awal = potret(p)
    gagal(
        pengaduan_tanggapi,
        PESAN_STATUS.format(status="Terverifikasi", aksi="diberi tanggapan untuk pelapor"),
        pengaduan_id=p.pk,
        actor=petugas.user,
        isi="Halo",
        publik=True,
    )
    gagal(pengaduan_tanggapi, PESAN_ISI, pengaduan_id=p.pk, actor=petugas.user, isi=" ", publik=False)
    gagal(pengaduan_tanggapi, PESAN_BUKAN_PENANGGAP, pengaduan_id=p.pk, actor=admin_opd.user, isi="x", publik=False)
    gagal(pengaduan_tanggapi, PESAN_TIDAK_DITEMUKAN, pengaduan_id=p.pk, actor=rekan.user, isi="x", publik=False)
    assert potret(p) == awal
    # An internal note is fine before the disposition; not once archived.
    pengaduan_tanggapi(pengaduan_id=p.pk, actor=petugas.user, isi="Perlu foto loket.", publik=False)
    Pengaduan.objects.filter(pk=p.pk).update(status="diarsipkan")
    gagal(pengaduan_tanggapi, PESAN_CATATAN_ARSIP, pengaduan_id=p.pk, actor=petugas.user, isi="x", publik=False)


def test_tanggapan_dengan_lampiran_diperiksa_isinya(jam, opd_a, bidang_a, petugas, atasan):
    p = terdisposisi(opd_a, bidang_a, petugas, atasan)
    pengaduan_tanggapi(
        pengaduan_id=p.pk,
        actor=atasan.user,
        isi="Foto loket terlampir.",
        publik=True,
        berkas=SimpleUploadedFile("loket.pdf", PDF, content_type="application/pdf"),
    )
    # Posted twice (a double click): one response, one file.
    pengaduan_tanggapi(
        pengaduan_id=p.pk,
        actor=atasan.user,
        isi="Foto loket terlampir.",
        publik=True,
        berkas=SimpleUploadedFile("loket.pdf", PDF, content_type="application/pdf"),
    )
    bukti = BuktiPengaduan.objects.get(pengaduan=p)
    assert not bukti.dari_pelapor and bukti.jenis_mime == "application/pdf" and bukti.nama_berkas == "loket.pdf"
    assert riwayat(p)[-1][3] == "Foto loket terlampir.\n\nLampiran: loket.pdf"
    jumlah = RiwayatPengaduan.objects.filter(pengaduan=p).count()
    with pytest.raises(ValidationError):
        pengaduan_tanggapi(
            pengaduan_id=p.pk,
            actor=atasan.user,
            isi="Skrip",
            publik=True,
            berkas=SimpleUploadedFile("x.pdf", b"#!/bin/sh\necho hai\n", content_type="application/pdf"),
        )
    assert BuktiPengaduan.objects.filter(pengaduan=p).count() == 1
    assert RiwayatPengaduan.objects.filter(pengaduan=p).count() == jumlah


# --- completion and archive -------------------------------------------------------------------


def test_selesai_mencatat_lama_hari_kerja_dan_menulis_ke_pelapor(
    jam, opd_a, bidang_a, petugas, atasan, django_capture_on_commit_callbacks
):
    p = terdisposisi(opd_a, bidang_a, petugas, atasan)
    pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Sedang diperbaiki.", publik=True)
    jam.atur(dt.datetime(2026, 3, 23, 15, 0, tzinfo=WIB))  # the next Monday
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pengaduan_selesai(pengaduan_id=p.pk, actor=petugas.user, isi_penutup="Loket kini buka tepat waktu.")
    p.refresh_from_db()
    assert p.status == "selesai" and p.selesai_pada == jam.sekarang
    # Tue 17, Thu 19, Fri 20, Mon 23 (Wednesday 18 is a holiday).
    assert p.hari_kerja_selesai == 4
    assert p.terbukti is None
    assert riwayat(p)[-1] == (
        "status",
        "ditindaklanjuti",
        "selesai",
        "Loket kini buka tepat waktu.",
        True,
        petugas.user_id,
    )
    pelapor = [m for m in mail.outbox if m.to == [p.identitas.email]]
    assert len(pelapor) == 1 and "Loket kini buka tepat waktu." in pelapor[0].body
    assert "10 hari" in pelapor[0].body and KUNCI_UJI not in pelapor[0].body


def test_selesai_butuh_penutup_dan_pernyataan_terbukti(jam, opd_a, bidang_a, petugas, atasan, pegawai):
    p = aduan(opd_a)
    gagal(
        pengaduan_selesai,
        PESAN_STATUS.format(status="Baru", aksi="diselesaikan"),
        pengaduan_id=p.pk,
        actor=petugas.user,
        isi_penutup="Selesai.",
    )
    verifikasi(p, petugas.user, pegawai_terlapor_id=pegawai.pk)
    disposisi(p, petugas.user, bidang_a, atasan)
    awal = potret(p)
    gagal(pengaduan_selesai, PESAN_PENUTUP, pengaduan_id=p.pk, actor=petugas.user, isi_penutup="")
    gagal(pengaduan_selesai, PESAN_TERBUKTI, pengaduan_id=p.pk, actor=petugas.user, isi_penutup="Selesai.")
    gagal(pengaduan_selesai, PESAN_BUKAN_PETUGAS, pengaduan_id=p.pk, actor=atasan.user, isi_penutup="Selesai.")
    assert potret(p) == awal
    # Closing straight from the disposition: the closing text is the first response too.
    pengaduan_selesai(pengaduan_id=p.pk, actor=petugas.user, isi_penutup="Terbukti; pegawai dibina.", terbukti=True)
    p.refresh_from_db()
    assert p.status == "selesai" and p.terbukti is True and p.ditanggapi_pada == jam.sekarang


def test_permintaan_informasi_dijawab_langsung_setelah_verifikasi(jam, opd_a, petugas):
    p = aduan(opd_a, kelas="informasi")
    verifikasi(p, petugas.user, "sederhana")
    pengaduan_selesai(pengaduan_id=p.pk, actor=petugas.user, isi_penutup="Jadwal layanan: Senin-Jumat.")
    p.refresh_from_db()
    assert p.status == "selesai" and p.hari_kerja_selesai == 0 and p.unit_tujuan_id is None


def test_arsip_setelah_masa_buka_kembali(jam, opd_a, bidang_a, petugas, atasan):
    p = terdisposisi(opd_a, bidang_a, petugas, atasan)
    gagal(
        pengaduan_arsip,
        PESAN_STATUS.format(status="Didisposisikan", aksi="diarsipkan"),
        pengaduan_id=p.pk,
        actor=petugas.user,
    )
    pengaduan_selesai(pengaduan_id=p.pk, actor=petugas.user, isi_penutup="Selesai.")
    assert PengaturanPengaduan.get().buka_kembali_hari == 10
    gagal(pengaduan_arsip, PESAN_ARSIP_MASA.format(tanggal="26 Maret 2026"), pengaduan_id=p.pk, actor=petugas.user)
    jam.atur(dt.datetime(2026, 3, 26, 23, 0, tzinfo=WIB))
    gagal(pengaduan_arsip, PESAN_ARSIP_MASA.format(tanggal="26 Maret 2026"), pengaduan_id=p.pk, actor=petugas.user)
    jam.atur(dt.datetime(2026, 3, 27, 8, 0, tzinfo=WIB))
    pengaduan_arsip(pengaduan_id=p.pk, actor=petugas.user)
    p.refresh_from_db()
    assert p.status == "diarsipkan" and p.diarsipkan_pada == jam.sekarang
    assert riwayat(p)[-1] == ("status", "selesai", "diarsipkan", "", False, petugas.user_id)
    gagal(
        pengaduan_arsip,
        PESAN_STATUS.format(status="Diarsipkan", aksi="diarsipkan"),
        pengaduan_id=p.pk,
        actor=petugas.user,
    )


def test_arsip_pengaduan_yang_ditolak(jam, opd_a, petugas, admin_opd):
    p = aduan(opd_a)
    pengaduan_tolak(pengaduan_id=p.pk, actor=petugas.user, alasan="Duplikat.", bukan_wewenang=False)
    gagal(pengaduan_arsip, PESAN_BUKAN_PETUGAS, pengaduan_id=p.pk, actor=admin_opd.user)
    pengaduan_arsip(pengaduan_id=p.pk, actor=petugas.user)
    assert Pengaduan.objects.get(pk=p.pk).status == "diarsipkan"


# --- privacy across the whole journey ---------------------------------------------------------


@pytest.mark.parametrize("privasi", [Privasi.BIASA, Privasi.ANONIM, Privasi.RAHASIA])
def test_perjalanan_tanpa_identitas_ke_staf_dan_pelapor_selalu_disurati(
    jam, opd_a, bidang_a, petugas, petugas_opd_a, atasan, pegawai, privasi, django_capture_on_commit_callbacks
):
    beri_email(petugas, petugas_opd_a, atasan, pegawai)
    p = aduan(opd_a, privasi=privasi)
    with django_capture_on_commit_callbacks(execute=True):
        verifikasi(p, petugas_opd_a.user, pegawai_terlapor_id=pegawai.pk)
        disposisi(p, petugas_opd_a.user, bidang_a, atasan)
        pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Kami tindak lanjuti.", publik=True)
        pengaduan_tanggapi(pengaduan_id=p.pk, actor=atasan.user, isi="Catatan dalam.", publik=False)
        pengaduan_selesai(pengaduan_id=p.pk, actor=petugas.user, isi_penutup="Tuntas.", terbukti=False)
    rahasia = identitas_teks(p)
    notifikasi = list(Notifikasi.objects.values_list("judul", "pesan", "tautan"))
    assert notifikasi
    for baris in notifikasi:
        for r in rahasia:
            assert r not in " ".join(baris)
    pelapor = [m for m in mail.outbox if m.to == [p.identitas.email]]
    assert [("Tanggapan" in m.subject, "selesai" in m.subject) for m in pelapor] == [(True, False), (False, True)]
    for m in mail.outbox:
        assert KUNCI_UJI not in m.body
        if m.to != [p.identitas.email]:
            for r in rahasia:
                assert r not in m.body and r not in m.subject
    assert not Notifikasi.objects.filter(penerima=pegawai.user).exists()
    assert all(pegawai.email not in m.to for m in mail.outbox)
    # Nothing in the audit log names the complainant.
    for changes in LogEntry.objects.filter(object_pk=str(p.pk)).values_list("changes", flat=True):
        for r in rahasia:
            assert r not in str(changes)
