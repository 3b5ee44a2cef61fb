"""What a citizen does without logging in: file a complaint, follow it with the tracking code
and key, rate the outcome, reopen it once.

- Filing creates the case, the complainant's identity (its own table), the evidence (type read
  from the content, size and number limited) and the first timeline entry, with the
  verification deadline in working days. The form's one-time token makes a replayed post create
  nothing ("already sent", with the code, never the key).
- The key is shown once and stored only as a keyed hash; a wrong key and an unknown code are
  answered the same way, in the same time.
- Officers are told a case arrived without anything about who filed it; the complainant gets
  the code and the key by e-mail when they gave one.
- Nothing here is tied to a signed-in account or an address in the audit log: an employee who
  files an anonim complaint from a logged-in browser must not be findable through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from collections.abc import Sequence
from pathlib import PureWindowsPath

from auditlog.context import auditlog_value, set_extra_data
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone

from asn_kinerja.audit import audit_ubah
from evaluasi.berkas import bukti_periksa
from notifikasi.services import PesanNotifikasi, notifikasi_kirim_banyak
from pegawai.models import UnitKerja

from ..lacak import kode_baru, kode_normal, kunci_baru, kunci_cocok, kunci_hash
from ..models import (
    AturanSla,
    BuktiPengaduan,
    IdentitasPelapor,
    Kelas,
    Pengaduan,
    PengaturanPengaduan,
    Privasi,
    RiwayatPengaduan,
    StatusPengaduan,
)
from ..selectors.petugas import petugas_user_ids
from .kalender import batas_hitung

# Lengths of the free-text fields (the model's own limits for the short ones).
MAKS = {
    "nama_terlapor": 150,
    "judul": 200,
    "uraian": 5000,
    "lokasi": 200,
    "kerugian": 2000,
    "harapan": 2000,
    "nama": 150,
    "email": 254,
    "telepon": 20,
    "alamat": 500,
}
ULASAN_MAKS = 2000
ALASAN_MAKS = 2000

PESAN_SUDAH_DIKIRIM = "Formulir ini sudah dikirim. Kode lacak: {kode}"
PESAN_KELAS = "Pilih jenis laporan: pengaduan, aspirasi atau permintaan informasi."
PESAN_PRIVASI = "Pilih kerahasiaan: biasa, anonim atau rahasia."
PESAN_OPD = "Perangkat daerah yang dipilih tidak tersedia; pilih dari daftar."
PESAN_JUDUL_KOSONG = "Tuliskan judul singkat laporan Anda."
PESAN_URAIAN_KOSONG = "Ceritakan apa yang terjadi."
PESAN_TANGGAL_KOSONG = "Isi tanggal kejadian atau layanan."
PESAN_TANGGAL_DEPAN = "Tanggal kejadian tidak boleh sesudah hari ini."
PESAN_NAMA_KOSONG = "Tuliskan nama Anda. Nama tidak ditampilkan kepada publik."
PESAN_KONTAK_KOSONG = "Isi e-mail atau nomor telepon/WhatsApp agar petugas dapat menghubungi Anda."
PESAN_EMAIL = "Alamat e-mail tidak valid."
PESAN_TELEPON = "Nomor telepon tidak valid; gunakan angka saja, misalnya 081234567890."
PESAN_PANJANG = "Paling banyak {maks} karakter (saat ini {panjang})."
PESAN_BERKAS_BANYAK = "Paling banyak {maks} berkas bukti."
PESAN_BERKAS = "{nama}: {pesan}"
PESAN_LEWAT_BATAS = (
    "Layanan yang Anda laporkan terjadi lebih dari {hari} hari yang lalu. Laporan tetap diterima, "
    "tetapi penanganannya mungkin terbatas."
)

PESAN_NILAI = "Pilih nilai 1 sampai 5."
PESAN_NILAI_BELUM_SELESAI = "Penilaian hanya dapat diberikan setelah pengaduan selesai."
PESAN_SUDAH_DINILAI = "Pengaduan ini sudah Anda nilai. Penilaian hanya dapat diberikan satu kali."
PESAN_BUKA_BELUM_SELESAI = "Hanya pengaduan yang sudah selesai yang dapat dibuka kembali."
PESAN_SUDAH_DIBUKA = "Pengaduan ini sudah pernah dibuka kembali. Pengaduan hanya dapat dibuka kembali satu kali."
PESAN_BUKA_LEWAT = "Batas waktu membuka kembali pengaduan sudah lewat. Hari terakhir adalah {tanggal}."
PESAN_ALASAN_KOSONG = "Tuliskan alasan Anda membuka kembali pengaduan ini."
PESAN_BERUBAH = "Status pengaduan baru saja berubah. Muat ulang halaman ini."

_TELEPON = re.compile(r"^\+?[0-9 ()\-.]{8,20}$")
# A key that matches no stored hash: an unknown code costs the same comparison as a wrong key.
_HASH_PALSU = "0" * 64
_COBA_KODE = 5


@contextlib.contextmanager
def tanpa_jejak_pelapor():
    """Audit entries written inside carry no actor and no client address (see module docstring)."""
    sebelumnya = auditlog_value.get(None)
    try:
        with set_extra_data(context_data={"actor": None, "remote_addr": None, "remote_port": None}):
            yield
    finally:
        # auditlog leaves its context variable pointing at ours: give the request's back.
        if sebelumnya is not None:
            auditlog_value.set(sebelumnya)


def _tanggal_id(tanggal: dt.date) -> str:
    return formats.date_format(tanggal, "j F Y")


def _tautan(nama: str, *args) -> str:
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return ""


def _sla(kelas: str) -> AturanSla:
    return AturanSla.objects.filter(kelas=kelas).first() or AturanSla(kelas=kelas)


def _periksa_teks(data: dict[str, str], galat: dict[str, list[str]]) -> None:
    for nama, maks in MAKS.items():
        panjang = len(data.get(nama) or "")
        if panjang > maks:
            galat.setdefault(nama, []).append(PESAN_PANJANG.format(maks=f"{maks:,}".replace(",", "."), panjang=panjang))


def _nama_berkas(nama: str) -> str:
    # Browsers on Windows may send the full path; keep the file's own name only.
    return (PureWindowsPath(nama or "").name or "berkas")[:255]


def _periksa(
    *,
    kelas: str,
    opd_id,
    tanggal_layanan: dt.date | None,
    privasi: str,
    hari_ini: dt.date,
    teks: dict[str, str],
    berkas_list: Sequence,
) -> tuple[UnitKerja | None, list[str], dict[str, list[str]]]:
    """Check a filing (`teks`: the stripped free-text fields); returns (opd, MIME type per
    file, {field: messages})."""
    galat: dict[str, list[str]] = {}
    judul, uraian, nama, email, telepon = (teks[k] for k in ("judul", "uraian", "nama", "email", "telepon"))

    def salah(field: str, pesan: str) -> None:
        galat.setdefault(field, []).append(pesan)

    if kelas not in Kelas.values:
        salah("kelas", PESAN_KELAS)
    if privasi not in Privasi.values:
        salah("privasi", PESAN_PRIVASI)
    opd = None
    with contextlib.suppress(TypeError, ValueError):
        opd = UnitKerja.objects.filter(pk=int(opd_id), jenis=UnitKerja.Jenis.OPD, aktif=True).first()
    if opd is None:
        salah("opd", PESAN_OPD)
    if not judul.strip():
        salah("judul", PESAN_JUDUL_KOSONG)
    if not uraian.strip():
        salah("uraian", PESAN_URAIAN_KOSONG)
    if tanggal_layanan is None:
        salah("tanggal_layanan", PESAN_TANGGAL_KOSONG)
    elif tanggal_layanan > hari_ini:
        salah("tanggal_layanan", PESAN_TANGGAL_DEPAN)
    # Identity is asked whatever the privacy: the verifying officer must be able to reach the
    # complainant (anonim hides it from everyone else, it does not leave it out).
    if not nama.strip():
        salah("nama", PESAN_NAMA_KOSONG)
    if not email and not telepon:
        salah("email", PESAN_KONTAK_KOSONG)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            salah("email", PESAN_EMAIL)
    if telepon and (not _TELEPON.match(telepon) or sum(c.isdigit() for c in telepon) < 8):
        salah("telepon", PESAN_TELEPON)
    _periksa_teks(teks, galat)

    maks_jumlah = settings.ADUAN_BUKTI_MAKS_JUMLAH
    jenis: list[str] = []
    if len(berkas_list) > maks_jumlah:
        salah("berkas", PESAN_BERKAS_BANYAK.format(maks=maks_jumlah))
    else:
        for berkas in berkas_list:
            try:
                jenis.append(bukti_periksa(berkas, batas=settings.ADUAN_BUKTI_MAKS_BYTE))
            except ValidationError as exc:
                salah("berkas", PESAN_BERKAS.format(nama=_nama_berkas(berkas.name), pesan=" ".join(exc.messages)))
    return opd, jenis, galat


def pengaduan_buat(
    *,
    kelas: str,
    opd_id,
    judul: str,
    uraian: str,
    tanggal_layanan: dt.date | None,
    privasi: str,
    nama: str,
    email: str = "",
    telepon: str = "",
    alamat: str = "",
    nama_terlapor: str = "",
    lokasi: str = "",
    kerugian: str = "",
    harapan: str = "",
    berkas_list: Sequence = (),
    token_kirim: uuid.UUID,
    sekarang: dt.datetime | None = None,
) -> tuple[Pengaduan, str]:
    """File a complaint from the public form; returns (the case, its key). The key exists only
    in this return value (and the e-mail to the complainant): keep it for the receipt.

    Raises ValidationError: a {field: messages} dict for bad input (nothing saved), or
    PESAN_SUDAH_DIKIRIM when this form's token was already used (nothing saved either)."""
    teks = {
        "nama_terlapor": nama_terlapor.strip(),
        "judul": judul.strip(),
        "uraian": uraian.strip(),
        "lokasi": lokasi.strip(),
        "kerugian": kerugian.strip(),
        "harapan": harapan.strip(),
        "nama": nama.strip(),
        "email": email.strip(),
        "telepon": telepon.strip(),
        "alamat": alamat.strip(),
    }
    sudah = Pengaduan.objects.filter(token_kirim=token_kirim).values_list("kode", flat=True).first()
    if sudah:
        raise ValidationError(PESAN_SUDAH_DIKIRIM.format(kode=sudah), code="sudah_dikirim")
    sekarang = sekarang or timezone.now()
    hari_ini = timezone.localdate(sekarang)
    opd, jenis_mime, galat = _periksa(
        kelas=kelas,
        opd_id=opd_id,
        tanggal_layanan=tanggal_layanan,
        privasi=privasi,
        hari_ini=hari_ini,
        teks=teks,
        berkas_list=berkas_list,
    )
    if galat:
        raise ValidationError(galat)

    pengaturan = PengaturanPengaduan.get()
    kunci = kunci_baru()
    pengaduan = Pengaduan(
        kunci_hash=kunci_hash(kunci),
        token_kirim=token_kirim,
        kelas=kelas,
        opd=opd,
        nama_terlapor=teks["nama_terlapor"],
        judul=teks["judul"],
        uraian=teks["uraian"],
        tanggal_layanan=tanggal_layanan,
        lokasi=teks["lokasi"],
        kerugian=teks["kerugian"],
        harapan=teks["harapan"],
        privasi=privasi,
        layanan_lewat_batas=(hari_ini - tanggal_layanan).days > pengaturan.batas_layanan_hari,
        status=StatusPengaduan.BARU,
        diterima_pada=sekarang,
        batas_verifikasi=batas_hitung(hari_ini, _sla(kelas).hari_verifikasi),
    )
    identitas = IdentitasPelapor(nama=teks["nama"], email=teks["email"], telepon=teks["telepon"], alamat=teks["alamat"])
    tersimpan: list = []
    try:
        with transaction.atomic(), tanpa_jejak_pelapor():
            _simpan_dengan_kode(pengaduan)
            identitas.pengaduan = pengaduan
            identitas.full_clean()
            identitas.save()
            for berkas, mime in zip(berkas_list, jenis_mime, strict=True):
                bukti = BuktiPengaduan(
                    pengaduan=pengaduan,
                    nama_berkas=_nama_berkas(berkas.name),
                    jenis_mime=mime,
                    ukuran=berkas.size,
                    dari_pelapor=True,
                )
                berkas.seek(0)
                bukti.berkas.save(_nama_berkas(berkas.name), berkas, save=False)
                tersimpan.append(bukti.berkas)
                bukti.save()
            RiwayatPengaduan.objects.create(
                pengaduan=pengaduan,
                jenis=RiwayatPengaduan.Jenis.STATUS,
                status_ke=StatusPengaduan.BARU,
                isi="Pengaduan diterima.",
                publik=True,
            )
            _beritahu_petugas_baru(pengaduan)
            if identitas.email:
                transaction.on_commit(lambda: _email_tanda_terima(identitas.email, pengaduan, kunci))
    except BaseException:
        for f in tersimpan:  # a rolled-back case leaves no file behind
            f.storage.delete(f.name)
        raise
    return pengaduan, kunci


def _simpan_dengan_kode(pengaduan: Pengaduan) -> None:
    """Insert with a fresh tracking code, drawing again on the rare collision; a token already
    used (a replay racing this one) is reported as such."""
    for _ in range(_COBA_KODE):
        pengaduan.kode = kode_baru()
        pengaduan.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                pengaduan.save(force_insert=True)
            return
        except IntegrityError:
            pengaduan.pk = None
            sudah = Pengaduan.objects.filter(token_kirim=pengaduan.token_kirim).values_list("kode", flat=True).first()
            if sudah:
                raise ValidationError(PESAN_SUDAH_DIKIRIM.format(kode=sudah), code="sudah_dikirim") from None
    raise RuntimeError("Kode lacak tidak dapat dibuat; coba lagi.")


def _beritahu_petugas(pengaduan: Pengaduan, *, judul: str, pesan: str, kunci: str, tambahan=()) -> None:
    """Tell the OPD's officers (and the all-OPD officers, and `tambahan` user ids) about a case.
    The texts carry the code, class, OPD and dates only, never who filed it; the pegawai the
    complaint is about is never a recipient."""
    penerima = set(petugas_user_ids([pengaduan.opd_id]).get(pengaduan.opd_id, set())) | set(tambahan)
    if pengaduan.pegawai_terlapor_id:
        penerima.discard(pengaduan.pegawai_terlapor.user_id)
    tautan = _tautan("pengaduan:aduan-detail", pengaduan.pk)
    notifikasi_kirim_banyak(
        PesanNotifikasi(penerima_id=uid, judul=judul, pesan=pesan, tautan=tautan, kunci=f"{kunci}:{pengaduan.pk}")
        for uid in sorted(i for i in penerima if i is not None)
    )


def _beritahu_petugas_baru(pengaduan: Pengaduan) -> None:
    _beritahu_petugas(
        pengaduan,
        judul=f"Pengaduan baru {pengaduan.kode} untuk {pengaduan.opd.nama}",
        pesan=(
            f"{pengaduan.get_kelas_display()} {pengaduan.kode} ({pengaduan.privasi}) untuk {pengaduan.opd.nama} "
            f"menunggu verifikasi paling lambat {_tanggal_id(pengaduan.batas_verifikasi)}."
        ),
        kunci="aduan-baru",
    )


def _email_tanda_terima(alamat_email: str, pengaduan: Pengaduan, kunci: str) -> None:
    dasar = getattr(settings, "SITE_URL", "").rstrip("/")
    tautan = f"{dasar}{reverse('layanan:lacak')}?kode={pengaduan.kode}"
    isi = (
        f"Terima kasih. {pengaduan.get_kelas_display()} Anda telah kami terima "
        f"pada {_tanggal_id(timezone.localdate(pengaduan.diterima_pada))}.\n\n"
        f"Kode lacak : {pengaduan.kode}\n"
        f"Kunci      : {kunci}\n\n"
        "Simpan kunci ini dan jangan berikan kepada siapa pun: kode dan kunci diperlukan untuk "
        "melihat perkembangan laporan Anda. Kunci tidak dapat ditampilkan ulang.\n\n"
        f"Lacak laporan Anda di: {tautan}\n"
    )
    if pengaduan.layanan_lewat_batas:
        hari = PengaturanPengaduan.get().batas_layanan_hari
        isi += f"\n{PESAN_LEWAT_BATAS.format(hari=hari)}\n"
    send_mail(
        f"Laporan Anda diterima: {pengaduan.kode}",
        isi,
        settings.DEFAULT_FROM_EMAIL,
        [alamat_email],
        fail_silently=True,
    )


# --- tracking ----------------------------------------------------------------------------------


def pengaduan_lacak(kode: str, kunci: str) -> Pengaduan | None:
    """The case whose code and key both match, else None (an unknown code and a wrong key are
    indistinguishable, also in time: both compare a hash)."""
    kode = kode_normal(kode)
    pengaduan = Pengaduan.objects.select_related("opd").filter(kode=kode).first() if kode else None
    cocok = kunci_cocok(kunci or "", pengaduan.kunci_hash if pengaduan else _HASH_PALSU)
    return pengaduan if pengaduan is not None and cocok else None


def buka_kembali_batas(pengaduan: Pengaduan, pengaturan: PengaturanPengaduan | None = None) -> dt.date | None:
    """The last calendar day the citizen may reopen the case (None if not completed)."""
    if pengaduan.selesai_pada is None:
        return None
    pengaturan = pengaturan or PengaturanPengaduan.get()
    return timezone.localdate(pengaduan.selesai_pada) + dt.timedelta(days=pengaturan.buka_kembali_hari)


def buka_kembali_boleh(
    pengaduan: Pengaduan, *, hari_ini: dt.date, pengaturan: PengaturanPengaduan | None = None
) -> bool:
    batas = buka_kembali_batas(pengaduan, pengaturan)
    return (
        pengaduan.status == StatusPengaduan.SELESAI
        and pengaduan.dibuka_kembali_pada is None
        and batas is not None
        and hari_ini <= batas
    )


def nilai_boleh(pengaduan: Pengaduan) -> bool:
    return pengaduan.status == StatusPengaduan.SELESAI and pengaduan.nilai_warga is None


def pengaduan_nilai(*, pengaduan: Pengaduan, nilai, ulasan: str = "", sekarang: dt.datetime | None = None) -> Pengaduan:
    """The citizen rates a completed case, once (1 to 5 and an optional review)."""
    try:
        nilai = int(nilai)
    except (TypeError, ValueError):
        raise ValidationError(PESAN_NILAI) from None
    if not 1 <= nilai <= 5:
        raise ValidationError(PESAN_NILAI)
    ulasan = (ulasan or "").strip()
    if len(ulasan) > ULASAN_MAKS:
        raise ValidationError(PESAN_PANJANG.format(maks=f"{ULASAN_MAKS:,}".replace(",", "."), panjang=len(ulasan)))
    saat_ini = Pengaduan.objects.filter(pk=pengaduan.pk).values_list("status", "nilai_warga").first()
    if saat_ini is None or saat_ini[0] != StatusPengaduan.SELESAI:
        raise ValidationError(PESAN_NILAI_BELUM_SELESAI)
    if saat_ini[1] is not None:
        raise ValidationError(PESAN_SUDAH_DINILAI)
    sekarang = sekarang or timezone.now()
    with transaction.atomic(), tanpa_jejak_pelapor():
        diubah = Pengaduan.objects.filter(
            pk=pengaduan.pk, status=StatusPengaduan.SELESAI, nilai_warga__isnull=True
        ).update(nilai_warga=nilai, ulasan_warga=ulasan, dinilai_pada=sekarang, updated_at=sekarang)
        if not diubah:
            raise ValidationError(PESAN_SUDAH_DINILAI)
        RiwayatPengaduan.objects.create(
            pengaduan=pengaduan,
            jenis=RiwayatPengaduan.Jenis.PENILAIAN,
            isi=f"Nilai {nilai} dari 5." + (f" {ulasan}" if ulasan else ""),
            publik=True,
        )
        audit_ubah(
            pengaduan,
            actor=None,
            perubahan={"nilai_warga": [None, nilai], "ulasan_warga": ["", ulasan], "dinilai_pada": [None, sekarang]},
        )
    pengaduan.nilai_warga, pengaduan.ulasan_warga, pengaduan.dinilai_pada = nilai, ulasan, sekarang
    return pengaduan


def pengaduan_buka_kembali(*, pengaduan: Pengaduan, alasan: str, sekarang: dt.datetime | None = None) -> Pengaduan:
    """The citizen reopens a completed case: once, within PengaturanPengaduan.buka_kembali_hari
    calendar days of its completion. The case goes back to ditindaklanjuti with a new completion
    deadline (the first-response limit, counted from today); the responsible officer and the
    OPD's officers are told."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(PESAN_ALASAN_KOSONG)
    if len(alasan) > ALASAN_MAKS:
        raise ValidationError(PESAN_PANJANG.format(maks=f"{ALASAN_MAKS:,}".replace(",", "."), panjang=len(alasan)))
    sekarang = sekarang or timezone.now()
    hari_ini = timezone.localdate(sekarang)
    kini = Pengaduan.objects.select_related("opd", "petugas_tindak", "pegawai_terlapor").filter(pk=pengaduan.pk).first()
    if kini is None or kini.status != StatusPengaduan.SELESAI:
        raise ValidationError(PESAN_SUDAH_DIBUKA if kini and kini.dibuka_kembali_pada else PESAN_BUKA_BELUM_SELESAI)
    if kini.dibuka_kembali_pada is not None:
        raise ValidationError(PESAN_SUDAH_DIBUKA)
    batas = buka_kembali_batas(kini)
    if batas is None or hari_ini > batas:
        raise ValidationError(
            PESAN_BUKA_LEWAT.format(tanggal=_tanggal_id(batas)) if batas else PESAN_BUKA_BELUM_SELESAI
        )
    batas_selesai = batas_hitung(hari_ini, _sla(kini.kelas).hari_tanggapan)
    # A case completed without a disposition (answered by the officer) gets its OPD as the unit:
    # a case being followed up always has one.
    unit_tujuan_id = kini.unit_tujuan_id or kini.opd_id
    with transaction.atomic(), tanpa_jejak_pelapor():
        diubah = Pengaduan.objects.filter(
            pk=kini.pk, status=StatusPengaduan.SELESAI, dibuka_kembali_pada__isnull=True
        ).update(
            status=StatusPengaduan.DITINDAKLANJUTI,
            dibuka_kembali_pada=sekarang,
            selesai_pada=None,
            hari_kerja_selesai=None,
            batas_selesai=batas_selesai,
            unit_tujuan_id=unit_tujuan_id,
            updated_at=sekarang,
        )
        if not diubah:
            raise ValidationError(PESAN_BERUBAH)
        RiwayatPengaduan.objects.create(
            pengaduan=kini,
            jenis=RiwayatPengaduan.Jenis.BUKA_KEMBALI,
            status_dari=StatusPengaduan.SELESAI,
            status_ke=StatusPengaduan.DITINDAKLANJUTI,
            isi=alasan,
            publik=True,
        )
        perubahan = {
            "status": [StatusPengaduan.SELESAI, StatusPengaduan.DITINDAKLANJUTI],
            "dibuka_kembali_pada": [None, sekarang],
            "selesai_pada": [kini.selesai_pada, None],
            "hari_kerja_selesai": [kini.hari_kerja_selesai, None],
            "batas_selesai": [kini.batas_selesai, batas_selesai],
        }
        if unit_tujuan_id != kini.unit_tujuan_id:
            perubahan["unit_tujuan"] = [kini.unit_tujuan_id, unit_tujuan_id]
        audit_ubah(kini, actor=None, perubahan=perubahan)
        _beritahu_petugas(
            kini,
            judul=f"Pengaduan {kini.kode} dibuka kembali oleh pelapor",
            pesan=(
                f"Pelapor membuka kembali {kini.get_kelas_display().lower()} {kini.kode} ({kini.opd.nama}). "
                f"Batas penyelesaian baru: {_tanggal_id(batas_selesai)}."
            ),
            kunci="aduan-buka",
            tambahan=[kini.petugas_tindak.user_id] if kini.petugas_tindak_id else [],
        )
    kini.status = StatusPengaduan.DITINDAKLANJUTI
    kini.dibuka_kembali_pada = sekarang
    kini.selesai_pada = None
    kini.hari_kerja_selesai = None
    kini.batas_selesai = batas_selesai
    kini.unit_tujuan_id = unit_tujuan_id
    return kini
