"""The citizen's services: filing (per privacy, bad input, evidence, replay), tracking with code
and key, rating once, reopening once within the window; what officers and the audit log learn."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from notifikasi.models import Notifikasi
from pegawai.models import PeranPengguna, UnitKerja
from pegawai.tests.factories import PegawaiFactory, PeranFactory, UnitKerjaFactory
from pengaduan import lacak
from pengaduan.models import (
    BuktiPengaduan,
    IdentitasPelapor,
    Pengaduan,
    PengaturanPengaduan,
    RiwayatPengaduan,
    StatusPengaduan,
)
from pengaduan.services import publik
from pengaduan.services.kalender import batas_hitung
from pengaduan.services.publik import (
    PESAN_ALASAN_KOSONG,
    PESAN_BUKA_BELUM_SELESAI,
    PESAN_BUKA_LEWAT,
    PESAN_KELAS,
    PESAN_KONTAK_KOSONG,
    PESAN_NILAI,
    PESAN_NILAI_BELUM_SELESAI,
    PESAN_OPD,
    PESAN_PRIVASI,
    PESAN_SUDAH_DIBUKA,
    PESAN_SUDAH_DINILAI,
    PESAN_TANGGAL_DEPAN,
    PESAN_TELEPON,
    pengaduan_buat,
    pengaduan_buka_kembali,
    pengaduan_lacak,
    pengaduan_nilai,
)

from .factories import KUNCI_UJI, PengaduanFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
WIB = ZoneInfo("Asia/Jakarta")
IDENTITAS = {"nama": "Siti Pelapor Rahasia", "email": "siti.pelapor@contoh.id", "telepon": "081298765432"}


@pytest.fixture
def petugas_opd_b(opd_b, jabatan_staf):
    p = PegawaiFactory(nama="Petugas Dinkes", unit=opd_b, jabatan=jabatan_staf)
    PeranFactory(user=p.user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=opd_b)
    return p


def _buat(opd, **kw):
    data = {
        "kelas": "pengaduan",
        "opd_id": opd.pk,
        "judul": "Pelayanan KTP lambat",
        "uraian": "Antrean tiga jam dan loket kosong.",
        "tanggal_layanan": timezone.localdate() - dt.timedelta(days=2),
        "privasi": "biasa",
        **IDENTITAS,
        "token_kirim": uuid.uuid4(),
    }
    data.update(kw)
    return pengaduan_buat(**data)


def _galat(exc_info) -> dict:
    return exc_info.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("privasi", ["biasa", "anonim", "rahasia"])
def test_buat_per_privasi_menyimpan_kasus_identitas_bukti_dan_riwayat(opd_a, privasi):
    berkas = [SimpleUploadedFile("C:\\Users\\warga\\bukti.pdf", PDF), SimpleUploadedFile("foto.png", PNG)]
    pengaduan, kunci = _buat(opd_a, privasi=privasi, berkas_list=berkas, alamat="Jl. Mawar 1")

    pengaduan.refresh_from_db()
    assert pengaduan.status == StatusPengaduan.BARU
    assert pengaduan.privasi == privasi
    assert lacak.kode_normal(pengaduan.kode) == pengaduan.kode
    assert pengaduan.kunci_hash == lacak.kunci_hash(kunci) and kunci not in pengaduan.kunci_hash
    assert pengaduan.batas_verifikasi == batas_hitung(timezone.localdate(), 3)
    assert pengaduan.layanan_lewat_batas is False
    identitas = IdentitasPelapor.objects.get(pengaduan=pengaduan)
    assert (identitas.nama, identitas.email, identitas.telepon, identitas.alamat) == (
        "Siti Pelapor Rahasia",
        "siti.pelapor@contoh.id",
        "081298765432",
        "Jl. Mawar 1",
    )
    bukti = list(BuktiPengaduan.objects.filter(pengaduan=pengaduan).values_list("nama_berkas", "jenis_mime", "ukuran"))
    assert bukti == [("bukti.pdf", "application/pdf", len(PDF)), ("foto.png", "image/png", len(PNG))]
    assert all(b.dari_pelapor and b.berkas.read() for b in BuktiPengaduan.objects.filter(pengaduan=pengaduan))
    riwayat = list(RiwayatPengaduan.objects.filter(pengaduan=pengaduan).values("jenis", "status_ke", "publik", "oleh"))
    assert riwayat == [{"jenis": "status", "status_ke": "baru", "publik": True, "oleh": None}]


@pytest.mark.django_db
def test_layanan_lebih_dari_batas_diterima_dengan_tanda(opd_a):
    hari_ini = timezone.localdate()
    batas = PengaturanPengaduan.get().batas_layanan_hari
    tepat, _ = _buat(opd_a, tanggal_layanan=hari_ini - dt.timedelta(days=batas))
    lewat, _ = _buat(opd_a, tanggal_layanan=hari_ini - dt.timedelta(days=batas + 1))
    assert (tepat.layanan_lewat_batas, lewat.layanan_lewat_batas) == (False, True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"tanggal_layanan": "besok"}, "tanggal_layanan", PESAN_TANGGAL_DEPAN),
        ({"email": "", "telepon": ""}, "email", PESAN_KONTAK_KOSONG),
        ({"telepon": "08-abc-xyz-123"}, "telepon", PESAN_TELEPON),
        ({"opd_id": "abc"}, "opd", PESAN_OPD),
        ({"opd_id": 987654}, "opd", PESAN_OPD),
        ({"opd_id": None}, "opd", PESAN_OPD),
        ({"kelas": "gugatan"}, "kelas", PESAN_KELAS),
        ({"privasi": "publik"}, "privasi", PESAN_PRIVASI),
        ({"uraian": "x" * 5001}, "uraian", "Paling banyak 5.000 karakter (saat ini 5001)."),
    ],
)
def test_buat_menolak_isian_salah_tanpa_menyimpan(opd_a, ubah, field, pesan):
    if ubah.get("tanggal_layanan") == "besok":
        ubah = {"tanggal_layanan": timezone.localdate() + dt.timedelta(days=1)}
    with pytest.raises(ValidationError) as e:
        _buat(opd_a, **ubah)
    assert _galat(e)[field] == [pesan]
    assert Pengaduan.objects.count() == 0
    assert IdentitasPelapor.objects.count() == 0


@pytest.mark.django_db
def test_buat_hanya_untuk_opd_aktif(opd_a, bidang_a):
    nonaktif = UnitKerjaFactory(kode="DISHUB", nama="Dinas Perhubungan", jenis=UnitKerja.Jenis.OPD, aktif=False)
    for unit in (bidang_a, nonaktif):
        with pytest.raises(ValidationError) as e:
            _buat(opd_a, opd_id=unit.pk)
        assert _galat(e)["opd"] == [PESAN_OPD]
    assert Pengaduan.objects.count() == 0


@pytest.mark.django_db
def test_kontak_cukup_salah_satu(opd_a):
    hanya_telepon, _ = _buat(opd_a, email="")
    hanya_email, _ = _buat(opd_a, telepon="")
    assert IdentitasPelapor.objects.get(pengaduan=hanya_telepon).telepon == "081298765432"
    assert IdentitasPelapor.objects.get(pengaduan=hanya_email).email == "siti.pelapor@contoh.id"


@pytest.mark.django_db
def test_exe_bernama_pdf_dan_terlalu_banyak_berkas_ditolak(opd_a, settings):
    with pytest.raises(ValidationError) as e:
        _buat(opd_a, berkas_list=[SimpleUploadedFile("bukti.pdf", EXE)])
    assert _galat(e)["berkas"] == [
        "bukti.pdf: Jenis berkas tidak diizinkan. Unggah berkas PDF, JPG, PNG, WEBP, DOCX, XLSX atau PPTX; "
        "isi berkas diperiksa, bukan namanya."
    ]
    settings.ADUAN_BUKTI_MAKS_JUMLAH = 2
    with pytest.raises(ValidationError) as e:
        _buat(opd_a, berkas_list=[SimpleUploadedFile(f"b{i}.pdf", PDF) for i in range(3)])
    assert _galat(e)["berkas"] == ["Paling banyak 2 berkas bukti."]
    settings.ADUAN_BUKTI_MAKS_BYTE = 1000
    with pytest.raises(ValidationError) as e:
        _buat(opd_a, berkas_list=[SimpleUploadedFile("besar.pdf", PDF + b"0" * 1000)])
    assert _galat(e)["berkas"] == ["besar.pdf: Ukuran berkas 1,0\xa0KB melebihi batas 1000\xa0bita."]
    assert Pengaduan.objects.count() == BuktiPengaduan.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
def test_formulir_dikirim_ulang_tidak_membuat_kasus_kedua(opd_a):
    token = uuid.uuid4()
    pertama, kunci = _buat(opd_a, token_kirim=token)
    with pytest.raises(ValidationError) as e:
        _buat(opd_a, token_kirim=token, judul="Kirim ulang")
    assert e.value.messages == [f"Formulir ini sudah dikirim. Kode lacak: {pertama.kode}"]
    assert kunci not in e.value.messages[0]
    assert Pengaduan.objects.count() == 1 and RiwayatPengaduan.objects.count() == 1


@pytest.mark.django_db
def test_kode_bentrok_diundi_ulang(opd_a, monkeypatch):
    lama = PengaduanFactory(opd=opd_a)
    kode = iter([lama.kode, "ADU-2345-6789"])
    monkeypatch.setattr(publik, "kode_baru", lambda: next(kode))
    pengaduan, _ = _buat(opd_a)
    assert pengaduan.kode == "ADU-2345-6789"
    assert Pengaduan.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_petugas_diberi_tahu_tanpa_identitas_dan_pelapor_menerima_kunci(
    opd_a, opd_b, petugas, petugas_opd_a, petugas_opd_b, admin_bkd
):
    for p in (petugas, petugas_opd_a, petugas_opd_b, admin_bkd):
        p.user.email = f"{p.nip}@pemda.go.id"
        p.user.save(update_fields=["email"])
    pengaduan, kunci = _buat(opd_a, privasi="anonim")

    penerima = set(Notifikasi.objects.values_list("penerima_id", flat=True))
    assert penerima == {petugas.user_id, petugas_opd_a.user_id}
    for n in Notifikasi.objects.all():
        assert pengaduan.kode in n.judul
        for nilai in IDENTITAS.values():
            assert nilai not in f"{n.judul} {n.pesan} {n.tautan}"
    pelapor = [m for m in mail.outbox if m.to == [IDENTITAS["email"]]]
    staf = [m for m in mail.outbox if m.to != [IDENTITAS["email"]]]
    assert len(pelapor) == 1
    assert pengaduan.kode in pelapor[0].subject
    assert kunci in pelapor[0].body and "/layanan/lacak/?kode=" + pengaduan.kode in pelapor[0].body
    assert len(staf) == 2
    for m in staf:
        isi = f"{m.subject} {m.body}"
        assert kunci not in isi
        for nilai in IDENTITAS.values():
            assert nilai not in isi


@pytest.mark.django_db(transaction=True)
def test_tanpa_email_tidak_ada_tanda_terima(opd_a):
    _buat(opd_a, email="")
    assert mail.outbox == []


@pytest.mark.django_db
def test_audit_tidak_mengaitkan_pelapor_dengan_akun_atau_alamat(opd_a, pegawai):
    # An employee filing from a browser where they are signed in: the middleware would set them
    # (and their address) as the actor of every audit entry of the request.
    with set_actor(pegawai.user, remote_addr="10.1.2.3"):
        pengaduan, _ = _buat(opd_a, privasi="anonim")
        PengaduanFactory(opd=opd_a, judul="Sesudahnya")
    entri = LogEntry.objects.get_for_object(pengaduan).get()
    assert (entri.action, entri.actor_id, entri.remote_addr) == (LogEntry.Action.CREATE, None, None)
    for nilai in IDENTITAS.values():
        assert nilai not in str(entri.changes)
    # The request's own context is given back for whatever it writes afterwards.
    sesudahnya = LogEntry.objects.get_for_object(Pengaduan.objects.get(judul="Sesudahnya")).get()
    assert (sesudahnya.actor_id, sesudahnya.remote_addr) == (pegawai.user_id, "10.1.2.3")


# --- tracking ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lacak_kode_dan_kunci(opd_a):
    pengaduan = PengaduanFactory(opd=opd_a)
    assert pengaduan_lacak(pengaduan.kode, KUNCI_UJI) == pengaduan
    assert pengaduan_lacak(pengaduan.kode.lower().replace("-", " "), KUNCI_UJI.lower()) == pengaduan
    assert pengaduan_lacak(pengaduan.kode, "K7QM-2XJ9-PA4S") is None
    assert pengaduan_lacak("ADU-2222-3333", KUNCI_UJI) is None
    assert pengaduan_lacak("bukan kode", KUNCI_UJI) is None
    assert pengaduan_lacak(pengaduan.kode, "") is None


# --- rating and reopening ----------------------------------------------------------------------


def _selesai(opd, selesai_pada, **kw):
    return PengaduanFactory(
        opd=opd,
        status=StatusPengaduan.SELESAI,
        kompleksitas="biasa",
        terverifikasi_pada=selesai_pada - dt.timedelta(days=5),
        selesai_pada=selesai_pada,
        batas_selesai=selesai_pada.date(),
        hari_kerja_selesai=4,
        **kw,
    )


@pytest.mark.django_db
def test_nilai_sekali_setelah_selesai(opd_a):
    baru = PengaduanFactory(opd=opd_a)
    with pytest.raises(ValidationError) as e:
        pengaduan_nilai(pengaduan=baru, nilai=5)
    assert e.value.messages == [PESAN_NILAI_BELUM_SELESAI]

    pengaduan = _selesai(opd_a, timezone.now())
    for salah in (0, 6, "lima", None):
        with pytest.raises(ValidationError) as e:
            pengaduan_nilai(pengaduan=pengaduan, nilai=salah)
        assert e.value.messages == [PESAN_NILAI]
    pengaduan_nilai(pengaduan=pengaduan, nilai=4, ulasan="Cepat ditangani.")
    with pytest.raises(ValidationError) as e:
        pengaduan_nilai(pengaduan=pengaduan, nilai=1)
    assert e.value.messages == [PESAN_SUDAH_DINILAI]

    pengaduan.refresh_from_db()
    assert (pengaduan.nilai_warga, pengaduan.ulasan_warga) == (4, "Cepat ditangani.")
    riwayat = RiwayatPengaduan.objects.get(pengaduan=pengaduan, jenis="penilaian")
    assert (riwayat.isi, riwayat.publik, riwayat.oleh_id) == ("Nilai 4 dari 5. Cepat ditangani.", True, None)
    audit = LogEntry.objects.get_for_object(pengaduan).filter(action=LogEntry.Action.UPDATE).get()
    assert audit.changes["nilai_warga"] == ["None", "4"]


@pytest.mark.django_db
def test_buka_kembali_sekali_dalam_jendela(opd_a, petugas, petugas_opd_a, atasan):
    selesai = dt.datetime(2026, 3, 2, 10, 0, tzinfo=WIB)
    pengaduan = _selesai(opd_a, selesai, unit_tujuan=opd_a, petugas_tindak=atasan)
    hari = PengaturanPengaduan.get().buka_kembali_hari
    hari_terakhir = dt.datetime(2026, 3, 2 + hari, 23, 0, tzinfo=WIB)

    with pytest.raises(ValidationError) as e:
        pengaduan_buka_kembali(pengaduan=pengaduan, alasan="  ", sekarang=hari_terakhir)
    assert e.value.messages == [PESAN_ALASAN_KOSONG]
    pengaduan_buka_kembali(pengaduan=pengaduan, alasan="Masih belum beres.", sekarang=hari_terakhir)

    pengaduan.refresh_from_db()
    assert pengaduan.status == StatusPengaduan.DITINDAKLANJUTI
    assert pengaduan.dibuka_kembali_pada == hari_terakhir
    assert (pengaduan.selesai_pada, pengaduan.hari_kerja_selesai) == (None, None)
    assert pengaduan.batas_selesai == batas_hitung(hari_terakhir.date(), 5)
    r = RiwayatPengaduan.objects.get(pengaduan=pengaduan, jenis="buka_kembali")
    assert (r.status_dari, r.status_ke, r.isi, r.publik, r.oleh_id) == (
        "selesai",
        "ditindaklanjuti",
        "Masih belum beres.",
        True,
        None,
    )
    audit = LogEntry.objects.get_for_object(pengaduan).filter(action=LogEntry.Action.UPDATE).get()
    assert audit.changes["status"] == ["selesai", "ditindaklanjuti"]
    assert set(Notifikasi.objects.values_list("penerima_id", flat=True)) == {
        petugas.user_id,
        petugas_opd_a.user_id,
        atasan.user_id,
    }

    # Completed again: a second reopening is refused.
    Pengaduan.objects.filter(pk=pengaduan.pk).update(status="selesai", selesai_pada=hari_terakhir)
    with pytest.raises(ValidationError) as e:
        pengaduan_buka_kembali(pengaduan=pengaduan, alasan="Lagi.", sekarang=hari_terakhir)
    assert e.value.messages == [PESAN_SUDAH_DIBUKA]


@pytest.mark.django_db
def test_buka_kembali_lewat_jendela_atau_belum_selesai_ditolak(opd_a):
    selesai = dt.datetime(2026, 3, 2, 10, 0, tzinfo=WIB)
    pengaduan = _selesai(opd_a, selesai)
    hari = PengaturanPengaduan.get().buka_kembali_hari
    sehari_lewat = dt.datetime(2026, 3, 3 + hari, 0, 30, tzinfo=WIB)
    with pytest.raises(ValidationError) as e:
        pengaduan_buka_kembali(pengaduan=pengaduan, alasan="Terlambat.", sekarang=sehari_lewat)
    assert e.value.messages == [PESAN_BUKA_LEWAT.format(tanggal=f"{2 + hari} Maret 2026")]

    baru = PengaduanFactory(opd=opd_a)
    with pytest.raises(ValidationError) as e:
        pengaduan_buka_kembali(pengaduan=baru, alasan="Belum selesai.")
    assert e.value.messages == [PESAN_BUKA_BELUM_SELESAI]
    assert not RiwayatPengaduan.objects.exists()


@pytest.mark.django_db
def test_buka_kembali_tanpa_disposisi_diberi_unit_opd(opd_a):
    sekarang = timezone.now()
    pengaduan = _selesai(opd_a, sekarang - dt.timedelta(days=1))
    pengaduan_buka_kembali(pengaduan=pengaduan, alasan="Jawaban tidak lengkap.", sekarang=sekarang)
    pengaduan.refresh_from_db()
    assert (pengaduan.status, pengaduan.unit_tujuan_id) == ("ditindaklanjuti", opd_a.pk)
