"""The Petugas Pengaduan's workflow (DOMAIN.md "Citizen complaints"):

    baru -> terverifikasi (kompleksitas chosen: the completion deadline is set)
         -> ditolak | bukan_wewenang (with a reason the complainant reads)
    terverifikasi -> didisposisikan (a unit of the case's OPD and a responsible officer)
    didisposisikan | ditindaklanjuti -> the same, to another unit/officer (re-disposition)
    didisposisikan -> ditindaklanjuti (the first response the complainant sees)
    terverifikasi | didisposisikan | ditindaklanjuti -> selesai (with a closing response)
    selesai | ditolak | bukan_wewenang -> diarsipkan
(The complainant's rating and reopening are the public pages' services.)

Every change is a compare-and-swap on the status (two officers clicking at once: one change,
the other gets a message), one timeline row (RiwayatPengaduan) and one audit entry, all in one
transaction. Anything else is a ValidationError with an Indonesian message and nothing changed.

Privacy: notifications to staff carry the tracking code, the class and the OPD, never the
complainant nor the complaint's own words; the pegawai a complaint is about is never a
recipient. The complainant's e-mail address is read here only to write to them (on each
response they can see and on completion), never returned to the caller; the e-mail carries
the tracking link, never the key.
"""

from __future__ import annotations

import copy
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from asn_kinerja.audit import audit_ubah
from evaluasi.berkas import bukti_periksa
from evaluasi.services.realisasi import nama_berkas_aman
from pegawai.models import Pegawai, UnitKerja

from ..access import may_kelola, may_tanggapi, pengaduan_scope
from ..models import (
    AturanSla,
    BuktiPengaduan,
    IdentitasPelapor,
    Kompleksitas,
    Pengaduan,
    PengaturanPengaduan,
    RiwayatPengaduan,
    StatusPengaduan,
)
from ..selectors.alur import petugas_pilihan
from ..selectors.petugas import petugas_user_ids
from .kalender import batas_hitung, hari_kerja_hitung
from .publik import buka_kembali_batas, buka_kembali_boleh

S = StatusPengaduan
TEKS_MAKS = 5000
# A response posted twice (a double click, a resent form) within this window is stored once.
JEDA_GANDA = dt.timedelta(minutes=10)

# Which statuses each action starts from (anything else is refused).
DARI = {
    "verifikasi": (S.BARU,),
    "tolak": (S.BARU,),
    "disposisi": (S.TERVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI),
    "tanggapan_publik": (S.DIDISPOSISIKAN, S.DITINDAKLANJUTI),
    # An information request the verifying officer answers at once needs no disposition.
    "selesai": (S.TERVERIFIKASI, S.DIDISPOSISIKAN, S.DITINDAKLANJUTI),
    "arsip": (S.SELESAI, S.DITOLAK, S.BUKAN_WEWENANG),
}

PESAN_TIDAK_DITEMUKAN = "Pengaduan tidak ditemukan."
PESAN_BUKAN_PETUGAS = "Hanya Petugas Pengaduan perangkat daerah ini yang dapat memproses pengaduan ini."
PESAN_BUKAN_PENANGGAP = "Anda tidak dapat menanggapi pengaduan ini."
PESAN_STATUS = "Pengaduan berstatus {status} tidak dapat {aksi}."
PESAN_DIUBAH = "Pengaduan ini baru saja diubah oleh petugas lain. Muat ulang halaman untuk melihat keadaannya sekarang."
PESAN_TEKS_PANJANG = f"Teks paling banyak {TEKS_MAKS:,} karakter.".replace(",", ".")

PESAN_KOMPLEKSITAS = "Pilih kompleksitas penyelesaian pengaduan."
PESAN_TERLAPOR_OPD = "Pegawai yang dilaporkan harus pegawai {opd}."
PESAN_TERLAPOR_DIRI = "Anda tidak dapat mencatat diri sendiri sebagai pegawai yang dilaporkan; serahkan pengaduan ini kepada petugas lain."
PESAN_ALASAN = "Tuliskan alasan penolakan; alasan ini dibaca oleh pelapor."

PESAN_UNIT = "Unit tujuan harus unit kerja aktif di {opd}."
PESAN_PETUGAS = "Penanggung jawab harus pegawai aktif yang memiliki akun di {unit} atau unit di bawahnya."
PESAN_PETUGAS_TERLAPOR = "Pegawai yang dilaporkan tidak dapat menjadi penanggung jawab pengaduan ini."
PESAN_DISPOSISI_SAMA = "Pengaduan ini sudah didisposisikan kepada penanggung jawab dan unit yang sama."

PESAN_ISI = "Tuliskan isi tanggapan."
PESAN_CATATAN_ARSIP = "Pengaduan yang sudah diarsipkan tidak dapat diberi catatan."

PESAN_PENUTUP = "Tuliskan tanggapan penutup untuk pelapor."
PESAN_TERBUKTI = "Nyatakan apakah pengaduan terhadap pegawai yang dilaporkan terbukti atau tidak."

PESAN_ARSIP_MASA = "Pelapor masih dapat membuka kembali pengaduan ini sampai {tanggal}; arsipkan setelah tanggal itu."

AKSI = {
    "verifikasi": "diverifikasi",
    "tolak": "ditolak",
    "disposisi": "didisposisikan",
    "tanggapan_publik": "diberi tanggapan untuk pelapor",
    "selesai": "diselesaikan",
    "arsip": "diarsipkan",
}


# --- small pieces ------------------------------------------------------------------------------


def tanggal_teks(tanggal: dt.date) -> str:
    with translation.override("id"):
        return formats.date_format(tanggal, "j F Y")


def _teks(nilai: str | None, *, kosong: str | None, field: str) -> str:
    teks = (nilai or "").strip()
    if not teks and kosong:
        raise ValidationError({field: kosong})
    if len(teks) > TEKS_MAKS:
        raise ValidationError({field: PESAN_TEKS_PANJANG})
    return teks


def _ambil(actor, pengaduan_id, *, kunci: bool = False) -> Pengaduan:
    """The case through the actor's scope (the pegawai it is about never gets it)."""
    try:
        pk = int(pengaduan_id)
    except (TypeError, ValueError):
        raise ValidationError(PESAN_TIDAK_DITEMUKAN) from None
    qs = pengaduan_scope(actor).select_related("opd", "unit_tujuan", "petugas_tindak")
    if kunci:
        # Serialises two officers posting on one case (PostgreSQL; SQLite serialises writes anyway).
        qs = qs.select_for_update(of=("self",))
    pengaduan = qs.filter(pk=pk).first()
    if pengaduan is None:
        raise ValidationError(PESAN_TIDAK_DITEMUKAN)
    return pengaduan


def _periksa_status(pengaduan: Pengaduan, aksi: str) -> None:
    if pengaduan.status not in DARI[aksi]:
        raise ValidationError(PESAN_STATUS.format(status=pengaduan.get_status_display(), aksi=AKSI[aksi]))


def _kelola(actor, pengaduan_id, aksi: str) -> Pengaduan:
    pengaduan = _ambil(actor, pengaduan_id)
    if not may_kelola(actor, pengaduan):
        raise ValidationError(PESAN_BUKAN_PETUGAS)
    _periksa_status(pengaduan, aksi)
    return pengaduan


def _sla(kelas: str) -> AturanSla:
    """The class's rule (seeded by the migration); the model's defaults if it was removed."""
    return AturanSla.objects.filter(kelas=kelas).first() or AturanSla(kelas=kelas)


def _riwayat(pengaduan: Pengaduan, *, actor, jenis: str, isi: str = "", publik: bool, dari: str = "", ke: str = ""):
    baris = RiwayatPengaduan(
        pengaduan=pengaduan, jenis=jenis, status_dari=dari, status_ke=ke, isi=isi, publik=publik, oleh=actor
    )
    baris.full_clean()
    baris.save()
    return baris


def _ubah(
    pengaduan: Pengaduan,
    *,
    actor,
    ke: str,
    nilai: dict,
    isi: str = "",
    publik: bool = True,
    syarat: dict | None = None,
) -> Pengaduan:
    """Compare-and-swap from the status (and `syarat`) read on `pengaduan` to `ke` with `nilai`;
    one timeline row and one audit entry. Call inside transaction.atomic. Returns the new state."""
    calon = copy.copy(pengaduan)
    for nama, v in nilai.items():
        setattr(calon, nama, v)
    calon.status = ke
    calon.full_clean(validate_unique=False)
    sekarang = timezone.now()
    n = Pengaduan.objects.filter(pk=pengaduan.pk, status=pengaduan.status, **(syarat or {})).update(
        status=ke, updated_at=sekarang, **nilai
    )
    if n != 1:
        raise ValidationError(PESAN_DIUBAH)
    jenis = RiwayatPengaduan.Jenis.STATUS
    _riwayat(pengaduan, actor=actor, jenis=jenis, isi=isi, publik=publik, dari=pengaduan.status, ke=ke)
    perubahan = {"status": (pengaduan.status, ke)}
    for nama, v in nilai.items():
        # Foreign keys as django-auditlog writes them: the field name and the related pk.
        perubahan[nama.removesuffix("_id")] = (getattr(pengaduan, nama), v)
    audit_ubah(pengaduan, actor=actor, perubahan=perubahan, hanya_berubah=True)
    calon.updated_at = sekarang
    return calon


def _detail_url(pengaduan: Pengaduan) -> str:
    return reverse("pengaduan:aduan-detail", args=[pengaduan.pk])


def _user_pegawai(pegawai_id: int | None) -> int | None:
    if pegawai_id is None:
        return None
    return Pegawai.objects.filter(pk=pegawai_id).values_list("user_id", flat=True).first()


def _kirim_staf(*, penerima_ids, pengaduan: Pengaduan, judul: str, pesan: str, kecuali=()) -> None:
    """Notify staff; never the pegawai the complaint is about, never the actor."""
    from notifikasi.services import notifikasi_kirim

    tolak = {i for i in kecuali if i is not None}
    terlapor = _user_pegawai(pengaduan.pegawai_terlapor_id)
    if terlapor is not None:
        tolak.add(terlapor)
    ids = {i for i in penerima_ids if i is not None} - tolak
    if ids:
        notifikasi_kirim(penerima_ids=ids, judul=judul, pesan=pesan, tautan=_detail_url(pengaduan))


def _ringkas(pengaduan: Pengaduan) -> str:
    """What a staff notification says about a case: code, class and OPD only."""
    return f"{pengaduan.get_kelas_display()} {pengaduan.kode} ({pengaduan.opd.nama})"


# --- e-mail to the complainant ------------------------------------------------------------------


def tautan_lacak(kode: str) -> str:
    """The public tracking page with the code filled in (the key is never sent)."""
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{reverse('layanan:lacak')}?kode={kode}"


def _email_pelapor(pengaduan: Pengaduan, *, subjek: str, isi: str) -> None:
    """Write to the complainant after commit (whatever the privacy level: they are always
    reachable). The address is read here and goes nowhere else."""
    alamat = IdentitasPelapor.objects.filter(pengaduan_id=pengaduan.pk).values_list("email", flat=True).first()
    if not alamat:
        return
    badan = (
        f"Yth. Pelapor,\n\n{isi}\n\n"
        f"Ikuti perkembangan pengaduan Anda di {tautan_lacak(pengaduan.kode)} dengan kode lacak "
        f"{pengaduan.kode} dan kunci rahasia yang Anda terima saat mengirim pengaduan. "
        "Kunci itu tidak pernah dikirim ulang melalui e-mail.\n\n"
        "Pesan ini dikirim otomatis; mohon tidak membalas e-mail ini."
    )
    judul = f"[Layanan Publik] {subjek} {pengaduan.kode}"
    transaction.on_commit(lambda: send_mail(judul, badan, settings.DEFAULT_FROM_EMAIL, [alamat], fail_silently=True))


# --- verification and rejection -----------------------------------------------------------------


def pengaduan_verifikasi(
    *,
    pengaduan_id: int,
    actor,
    kompleksitas: str,
    pegawai_terlapor_id: int | None = None,
    catatan: str = "",
) -> Pengaduan:
    """Accept a new case: choose how much work it takes (which sets the completion deadline:
    sla.hari_selesai(kompleksitas) working days from today) and, when the complaint is about an
    officer, link that pegawai (of the case's OPD), who from then on never sees the case."""
    if kompleksitas not in Kompleksitas.values:
        raise ValidationError({"kompleksitas": PESAN_KOMPLEKSITAS})
    catatan = _teks(catatan, kosong=None, field="catatan")
    with transaction.atomic():
        p = _kelola(actor, pengaduan_id, "verifikasi")
        if pegawai_terlapor_id is not None:
            terlapor = Pegawai.objects.filter(pk=pegawai_terlapor_id, unit__opd_id=p.opd_id).first()
            if terlapor is None:
                raise ValidationError({"pegawai_terlapor": PESAN_TERLAPOR_OPD.format(opd=p.opd.nama)})
            if terlapor.user_id is not None and terlapor.user_id == actor.pk:
                raise ValidationError({"pegawai_terlapor": PESAN_TERLAPOR_DIRI})
        nilai = {
            "kompleksitas": kompleksitas,
            "terverifikasi_pada": timezone.now(),
            "diverifikasi_oleh_id": actor.pk,
            "batas_selesai": batas_hitung(timezone.localdate(), _sla(p.kelas).hari_selesai(kompleksitas)),
        }
        if pegawai_terlapor_id is not None:
            nilai["pegawai_terlapor_id"] = pegawai_terlapor_id
        baru = _ubah(p, actor=actor, ke=S.TERVERIFIKASI, nilai=nilai)
        if catatan:
            _riwayat(p, actor=actor, jenis=RiwayatPengaduan.Jenis.CATATAN, isi=catatan, publik=False)
    return baru


def pengaduan_tolak(*, pengaduan_id: int, actor, alasan: str, bukan_wewenang: bool) -> Pengaduan:
    """Refuse a new case (ditolak) or send it away as outside the Pemda's authority
    (bukan_wewenang), with a reason the complainant reads on the tracking page and by e-mail."""
    alasan = _teks(alasan, kosong=PESAN_ALASAN, field="alasan")
    ke = S.BUKAN_WEWENANG if bukan_wewenang else S.DITOLAK
    with transaction.atomic():
        p = _kelola(actor, pengaduan_id, "tolak")
        baru = _ubah(p, actor=actor, ke=ke, nilai={"alasan_penolakan": alasan}, isi=alasan, publik=True)
        keadaan = "di luar kewenangan kami" if bukan_wewenang else "tidak dapat kami tindak lanjuti"
        _email_pelapor(
            p,
            subjek="Keputusan atas pengaduan",
            isi=f"Pengaduan Anda dengan kode {p.kode} {keadaan}, dengan alasan berikut:\n\n{alasan}",
        )
    return baru


# --- disposition --------------------------------------------------------------------------------


def pengaduan_disposisi(*, pengaduan_id: int, actor, unit_id: int, petugas_id: int, catatan: str = "") -> Pengaduan:
    """Forward a verified case to a unit of its OPD and a responsible officer there (notified).
    The first disposition sets the first-response deadline (sla.hari_tanggapan working days);
    a later one moves the case to another unit/officer and keeps the deadlines the complainant
    was given. The complainant sees the unit, never the officer's name."""
    catatan = _teks(catatan, kosong=None, field="catatan")
    with transaction.atomic():
        p = _kelola(actor, pengaduan_id, "disposisi")
        unit = UnitKerja.objects.filter(pk=unit_id, opd_id=p.opd_id, aktif=True).first() if unit_id else None
        if unit is None:
            raise ValidationError({"unit": PESAN_UNIT.format(opd=p.opd.nama)})
        if petugas_id is not None and petugas_id == p.pegawai_terlapor_id:
            raise ValidationError({"petugas": PESAN_PETUGAS_TERLAPOR})
        petugas = petugas_pilihan(unit).filter(pk=petugas_id).first() if petugas_id else None
        if petugas is None:
            raise ValidationError({"petugas": PESAN_PETUGAS.format(unit=unit.nama)})
        if p.unit_tujuan_id == unit.pk and p.petugas_tindak_id == petugas.pk:
            raise ValidationError(PESAN_DISPOSISI_SAMA)
        pertama = p.status == S.TERVERIFIKASI
        nilai: dict = {"unit_tujuan_id": unit.pk, "petugas_tindak_id": petugas.pk}
        if pertama:
            nilai["didisposisikan_pada"] = timezone.now()
            nilai["batas_tanggapan"] = batas_hitung(timezone.localdate(), _sla(p.kelas).hari_tanggapan)
        ke = S.DIDISPOSISIKAN if pertama else p.status
        isi = f"Diteruskan kepada {unit.nama}." if pertama else f"Dialihkan kepada {unit.nama}."
        baru = _ubah(
            p,
            actor=actor,
            ke=ke,
            nilai=nilai,
            isi=isi,
            publik=True,
            syarat={"unit_tujuan_id": p.unit_tujuan_id, "petugas_tindak_id": p.petugas_tindak_id},
        )
        internal = f"Penanggung jawab: {petugas.nama_lengkap} ({unit.nama})."
        if catatan:
            internal = f"{internal}\n{catatan}"
        _riwayat(p, actor=actor, jenis=RiwayatPengaduan.Jenis.CATATAN, isi=internal, publik=False)
        batas = baru.batas_tanggapan
        _kirim_staf(
            penerima_ids=[petugas.user_id],
            pengaduan=p,
            judul=f"Pengaduan {p.kode} ditugaskan kepada Anda",
            pesan=(
                f"{_ringkas(p)} didisposisikan kepada Anda sebagai penanggung jawab di {unit.nama}."
                + (
                    f" Batas tanggapan pertama: {tanggal_teks(batas)}."
                    if batas and baru.ditanggapi_pada is None
                    else ""
                )
                + (f" Batas penyelesaian: {tanggal_teks(baru.batas_selesai)}." if baru.batas_selesai else "")
            ),
            kecuali=[actor.pk],
        )
    return baru


# --- responses and notes ------------------------------------------------------------------------


def _nama_lampiran(berkas) -> str:
    return nama_berkas_aman(getattr(berkas, "name", ""), cadangan="lampiran")


def _bukti_simpan(pengaduan: Pengaduan, berkas) -> BuktiPengaduan:
    jenis = bukti_periksa(berkas, batas=settings.ADUAN_BUKTI_MAKS_BYTE)
    bukti = BuktiPengaduan(
        pengaduan=pengaduan,
        nama_berkas=_nama_lampiran(berkas),
        jenis_mime=jenis,
        ukuran=berkas.size,
        dari_pelapor=False,
    )
    bukti.berkas.save(bukti.nama_berkas, berkas, save=False)
    bukti.full_clean()
    bukti.save()
    return bukti


def _ganda(pengaduan: Pengaduan, *, actor, isi: str, publik: bool) -> RiwayatPengaduan | None:
    """The same text from the same officer just now (a double click): the earlier row."""
    terakhir = RiwayatPengaduan.objects.filter(pengaduan_id=pengaduan.pk).order_by("-created_at", "-id").first()
    if (
        terakhir is not None
        and terakhir.oleh_id == actor.pk
        and terakhir.publik == publik
        and terakhir.isi == isi
        and terakhir.jenis in (RiwayatPengaduan.Jenis.TANGGAPAN, RiwayatPengaduan.Jenis.CATATAN)
        and timezone.now() - terakhir.created_at < JEDA_GANDA
    ):
        return terakhir
    return None


def pengaduan_tanggapi(*, pengaduan_id: int, actor, isi: str, publik: bool, berkas=None) -> RiwayatPengaduan:
    """A response the complainant sees (`publik`) or an internal note, by the officers or the
    responsible officer, optionally with a file (checked by content).

    The first public response records ditanggapi_pada and moves didisposisikan to
    ditindaklanjuti; the complainant gets each public response by e-mail. A response by the
    responsible officer is notified to the OPD's complaint officers. The same text posted twice
    in a row by the same officer is stored once."""
    isi = _teks(isi, kosong=PESAN_ISI, field="isi")
    with transaction.atomic():
        p = _ambil(actor, pengaduan_id, kunci=True)
        if not may_tanggapi(actor, p):
            raise ValidationError(PESAN_BUKAN_PENANGGAP)
        if publik:
            _periksa_status(p, "tanggapan_publik")
        elif p.status == S.DIARSIPKAN:
            raise ValidationError(PESAN_CATATAN_ARSIP)
        if berkas is not None:
            isi = f"{isi}\n\nLampiran: {_nama_lampiran(berkas)}"
        sebelumnya = _ganda(p, actor=actor, isi=isi, publik=publik)
        if sebelumnya is not None:
            return sebelumnya
        if berkas is not None:
            _bukti_simpan(p, berkas)
        jenis = RiwayatPengaduan.Jenis.TANGGAPAN if publik else RiwayatPengaduan.Jenis.CATATAN
        if publik and p.status == S.DIDISPOSISIKAN:
            # The first response the complainant sees (a re-disposed case keeps its first one).
            nilai = {"ditanggapi_pada": p.ditanggapi_pada or timezone.now()}
            _ubah(p, actor=actor, ke=S.DITINDAKLANJUTI, nilai=nilai, publik=True)
        baris = _riwayat(p, actor=actor, jenis=jenis, isi=isi, publik=publik)
        if publik:
            _email_pelapor(p, subjek="Tanggapan atas pengaduan", isi=f"Pengaduan Anda mendapat tanggapan:\n\n{isi}")
        if p.petugas_tindak_id is not None and p.petugas_tindak.user_id == actor.pk:
            _kirim_staf(
                penerima_ids=petugas_user_ids([p.opd_id])[p.opd_id] | {p.diverifikasi_oleh_id},
                pengaduan=p,
                judul=f"{'Tanggapan' if publik else 'Catatan'} baru pada pengaduan {p.kode}",
                pesan=(
                    f"Penanggung jawab menambahkan {'tanggapan untuk pelapor' if publik else 'catatan internal'} "
                    f"pada {_ringkas(p)}."
                ),
                kecuali=[actor.pk],
            )
    return baris


# --- completion and archive ---------------------------------------------------------------------


def pengaduan_selesai(*, pengaduan_id: int, actor, isi_penutup: str, terbukti: bool | None = None) -> Pengaduan:
    """Close a case with a closing response the complainant reads (and gets by e-mail). When the
    complaint is about a pegawai, the officer states whether it was substantiated (`terbukti`).
    Records selesai_pada and the working days it took since it was received."""
    isi_penutup = _teks(isi_penutup, kosong=PESAN_PENUTUP, field="isi_penutup")
    with transaction.atomic():
        p = _kelola(actor, pengaduan_id, "selesai")
        if p.pegawai_terlapor_id is not None and terbukti is None:
            raise ValidationError({"terbukti": PESAN_TERBUKTI})
        sekarang = timezone.now()
        nilai = {
            "selesai_pada": sekarang,
            "hari_kerja_selesai": hari_kerja_hitung(timezone.localdate(p.diterima_pada), timezone.localdate(sekarang)),
            "terbukti": terbukti if p.pegawai_terlapor_id is not None else None,
        }
        if p.ditanggapi_pada is None:
            nilai["ditanggapi_pada"] = sekarang
        baru = _ubah(p, actor=actor, ke=S.SELESAI, nilai=nilai, isi=isi_penutup, publik=True)
        hari = PengaturanPengaduan.get().buka_kembali_hari
        _email_pelapor(
            p,
            subjek="Pengaduan selesai:",
            isi=(
                f"Pengaduan Anda dengan kode {p.kode} telah selesai ditangani. Tanggapan penutup:\n\n{isi_penutup}\n\n"
                f"Anda dapat menilai penanganannya, atau membuka kembali pengaduan satu kali dalam {hari} hari "
                "bila masalahnya belum tuntas."
            ),
        )
        if p.petugas_tindak_id is not None:
            _kirim_staf(
                penerima_ids=[p.petugas_tindak.user_id],
                pengaduan=p,
                judul=f"Pengaduan {p.kode} selesai",
                pesan=f"{_ringkas(p)} yang Anda tangani telah dinyatakan selesai.",
                kecuali=[actor.pk],
            )
    return baru


def pengaduan_arsip(*, pengaduan_id: int, actor) -> Pengaduan:
    """Archive a completed or refused case. A completed case waits until the complainant can no
    longer reopen it (PengaturanPengaduan.buka_kembali_hari calendar days after completion)."""
    with transaction.atomic():
        p = _kelola(actor, pengaduan_id, "arsip")
        if buka_kembali_boleh(p, hari_ini=timezone.localdate()):
            raise ValidationError(PESAN_ARSIP_MASA.format(tanggal=tanggal_teks(buka_kembali_batas(p))))
        return _ubah(p, actor=actor, ke=S.DIARSIPKAN, nilai={"diarsipkan_pada": timezone.now()}, publik=False)


__all__ = [
    "pengaduan_arsip",
    "pengaduan_disposisi",
    "pengaduan_selesai",
    "pengaduan_tanggapi",
    "pengaduan_tolak",
    "pengaduan_verifikasi",
    "tautan_lacak",
]
