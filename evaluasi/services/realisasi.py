"""Realisation per indicator per period, its evidence (bukti dukung) and the atasan's continuous
feedback (DOMAIN.md "Performance": documentation).

Rules:
- only the SKP's owner writes realisation and evidence, and only while the SKP is approved,
  the period is running or in assessment (``berjalan``/``penilaian``), the period belongs to
  the SKP's year and the owner's assessment of that period is not final;
- one row per (indicator, period): the first save inserts it, later saves update it with the
  optimistic lock (``versi``), so two tabs never create two rows nor silently overwrite;
- evidence is a private file checked by its content (evaluasi.berkas) or an http(s) link; the
  same service serves daily-log entries (``log=``), while the entry is still open;
- the pegawai's direct atasan (or the SKP's atasan) gives feedback on any row while the period
  runs; the pegawai is notified.
Queryset updates send no signal, so the versioned update writes its audit entry itself.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.formats import date_format

from asn_kinerja.audit import audit_ubah
from notifikasi.services import notifikasi_kirim
from pegawai.access import akses_get

from ..access import may_give_feedback
from ..berkas import bukti_periksa
from ..models import (
    BuktiDukung,
    EvaluasiPegawai,
    IndikatorKinerja,
    LogHarian,
    PengaturanKinerja,
    Periode,
    Realisasi,
    Skp,
    UmpanBalik,
)
from ..rules import log_batas_kunci, log_terkunci
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN, versi_update

PESAN_BUKAN_PEMILIK = "Hanya pemilik SKP yang dapat mengisi realisasi dan bukti dukung."
PESAN_TANPA_PERIODE = "Belum ada periode penilaian untuk tahun SKP ini."
PESAN_PERIODE_TAHUN = "Periode {nama} bukan periode tahun SKP ({tahun})."
PESAN_PERIODE_BELUM_BERJALAN = (
    "Periode {nama} belum berjalan. Realisasi dapat diisi saat periode berjalan atau pada masa penilaian."
)
PESAN_PERIODE_DITUTUP = "Periode {nama} sudah ditutup; realisasi dan bukti dukung tidak dapat diubah."
PESAN_SKP_BELUM_DISETUJUI = "SKP {tahun} belum disetujui atasan. Realisasi dapat diisi setelah SKP disetujui."
PESAN_EVALUASI_FINAL = "Penilaian periode {nama} sudah final; realisasi dan bukti dukung tidak dapat diubah."
PESAN_INDIKATOR_ASING = "Indikator tidak ditemukan pada SKP ini."
PESAN_NILAI_KOSONG = "Isi angka realisasi."
PESAN_NILAI_NEGATIF = "Realisasi tidak boleh negatif."
PESAN_NILAI_ANGKA = "Realisasi harus berupa angka, misalnya 12 atau 12,5."
PESAN_NILAI_BESAR = "Angka realisasi terlalu besar."
PESAN_TEKS_PANJANG = "{label} paling banyak {maks} karakter."

PESAN_BUKTI_PILIH = "Unggah berkas atau isi tautan bukti dukung."
PESAN_BUKTI_DUA = "Pilih salah satu: unggah berkas atau isi tautan, tidak keduanya."
PESAN_BUKTI_INDUK = "Bukti dukung harus untuk satu realisasi atau satu log aktivitas."
PESAN_TAUTAN = "Tautan harus alamat web lengkap yang diawali http:// atau https://."
PESAN_BUKTI_PENUH = "Paling banyak {maks} bukti dukung untuk satu baris; hapus yang tidak diperlukan."
PESAN_BUKTI_BUKAN_PENGUNGGAH = "Hanya pengunggah yang dapat menghapus bukti dukung ini."
PESAN_LOG_BUKAN_PEMILIK = "Hanya pemilik log aktivitas yang dapat mengubah bukti dukungnya."
PESAN_LOG_SELESAI = "Log aktivitas yang sudah {status} tidak dapat diubah."
PESAN_LOG_TERKUNCI = "Log aktivitas tanggal {tanggal} sudah terkunci sejak {batas}; bukti dukung tidak dapat diubah."

PESAN_UMPAN_BALIK_BUKAN_ATASAN = "Hanya atasan langsung pegawai yang dapat memberi umpan balik."
PESAN_UMPAN_BALIK_PERIODE = "Umpan balik hanya dapat diberikan selama periode {nama} berjalan atau pada masa penilaian."
PESAN_UMPAN_BALIK_KOSONG = "Tulis umpan balik."

NILAI_MAKS = Decimal("999999999999.99")  # max_digits=14, decimal_places=2
URAIAN_MAKS = 4000
CATATAN_MAKS = 2000
UMPAN_BALIK_MAKS = 2000
KETERANGAN_MAKS = 255
TAUTAN_MAKS = 500
BUKTI_MAKS_PER_BARIS = 10

_validasi_tautan = URLValidator(schemes=["http", "https"])


# --- when realisation may be written ------------------------------------------------------------


def evaluasi_final(*, pegawai_id: int, periode_id: int) -> bool:
    return EvaluasiPegawai.objects.filter(
        pegawai_id=pegawai_id, periode_id=periode_id, status=EvaluasiPegawai.Status.FINAL
    ).exists()


def realisasi_kunci(*, skp: Skp, periode: Periode | None, final: bool) -> str:
    """Why nobody may write realisation of `skp` in `periode` now ("" when the owner may)."""
    if periode is None:
        return PESAN_TANPA_PERIODE
    if periode.tahun != skp.tahun:
        return PESAN_PERIODE_TAHUN.format(nama=periode.nama, tahun=skp.tahun)
    if periode.ditutup:
        return PESAN_PERIODE_DITUTUP.format(nama=periode.nama)
    if not periode.menerima_realisasi:
        return PESAN_PERIODE_BELUM_BERJALAN.format(nama=periode.nama)
    if skp.status != Skp.Status.DISETUJUI:
        return PESAN_SKP_BELUM_DISETUJUI.format(tahun=skp.tahun)
    if final:
        return PESAN_EVALUASI_FINAL.format(nama=periode.nama)
    return ""


def _periksa_pemilik_dan_kunci(*, actor, skp: Skp, periode: Periode) -> None:
    if skp.pegawai_id != akses_get(actor).pegawai_id:
        raise ValidationError(PESAN_BUKAN_PEMILIK)
    kunci = realisasi_kunci(
        skp=skp, periode=periode, final=evaluasi_final(pegawai_id=skp.pegawai_id, periode_id=periode.pk)
    )
    if kunci:
        raise ValidationError(kunci)


def log_kunci(log: LogHarian, *, hari_ini=None) -> str:
    """Why a daily-log entry's evidence may not change now ("" when its owner may)."""
    if log.status in (LogHarian.Status.DISETUJUI, LogHarian.Status.DITOLAK):
        return PESAN_LOG_SELESAI.format(status=log.get_status_display().lower())
    hari_ini = hari_ini or timezone.localdate()
    kunci_hari = PengaturanKinerja.get().log_kunci_hari
    if log_terkunci(log.tanggal, hari_ini, kunci_hari):
        batas = log_batas_kunci(log.tanggal, kunci_hari)
        return PESAN_LOG_TERKUNCI.format(tanggal=_tanggal(log.tanggal), batas=_tanggal(batas))
    return ""


def _tanggal(d) -> str:
    return date_format(d, "j F Y")


# --- realisation -----------------------------------------------------------------------------------


def _teks(nilai: str | None, *, label: str, maks: int) -> str:
    teks = (nilai or "").strip()
    if len(teks) > maks:
        raise ValidationError(PESAN_TEKS_PANJANG.format(label=label, maks=maks))
    return teks


def _nilai_sah(nilai) -> Decimal:
    if nilai is None or nilai == "":
        raise ValidationError({"nilai": PESAN_NILAI_KOSONG})
    try:
        nilai = Decimal(str(nilai))
    except InvalidOperation:
        raise ValidationError({"nilai": PESAN_NILAI_ANGKA}) from None
    if not nilai.is_finite():
        raise ValidationError({"nilai": PESAN_NILAI_ANGKA})
    if nilai < 0:
        raise ValidationError({"nilai": PESAN_NILAI_NEGATIF})
    if nilai > NILAI_MAKS:
        raise ValidationError({"nilai": PESAN_NILAI_BESAR})
    return nilai.quantize(Decimal("0.01"))


@transaction.atomic
def realisasi_simpan(
    *,
    actor,
    indikator: IndikatorKinerja,
    periode: Periode,
    versi: int,
    nilai,
    uraian: str = "",
    catatan: str = "",
) -> Realisasi:
    """Insert or update the realisation of `indikator` in `periode`.

    `versi` is the row's version the form was drawn with, 0 when the form showed no row yet.
    A form drawn before another tab saved gets PESAN_DIUBAH_DI_TEMPAT_LAIN and changes nothing.
    """
    indikator = IndikatorKinerja.objects.select_related("rhk__skp").get(pk=indikator.pk)
    periode = Periode.objects.get(pk=periode.pk)  # the status as it is now
    _periksa_pemilik_dan_kunci(actor=actor, skp=indikator.rhk.skp, periode=periode)
    nilai = _nilai_sah(nilai)
    uraian = _teks(uraian, label="Uraian realisasi", maks=URAIAN_MAKS)
    catatan = _teks(catatan, label="Catatan", maks=CATATAN_MAKS)

    lama = Realisasi.objects.filter(indikator=indikator, periode=periode).first()
    if lama is None:
        if versi != 0:
            raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
        baru = Realisasi(indikator=indikator, periode=periode, nilai=nilai, uraian=uraian, catatan=catatan)
        baru.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                baru.save()
        except IntegrityError:
            # The other tab inserted the row between our read and our insert.
            raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN) from None
        return baru

    if versi != lama.versi:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    baru = {"nilai": nilai, "uraian": uraian, "catatan": catatan}
    perubahan = {k: [getattr(lama, k), v] for k, v in baru.items() if getattr(lama, k) != v}
    if not perubahan:
        return lama
    lama.versi = versi_update(Realisasi, pk=lama.pk, versi=versi, **baru)
    for k, v in baru.items():
        setattr(lama, k, v)
    audit_ubah(lama, actor=actor, perubahan=perubahan)
    return lama


# --- evidence ---------------------------------------------------------------------------------------

_TIDAK_AMAN = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;`$]+')


def nama_berkas_aman(nama: str, *, cadangan: str = "berkas") -> str:
    """A file name safe to store and to send back in Content-Disposition: the last path part,
    without control, invisible or shell/path characters, at most 150 characters (extension
    kept)."""
    nama = unicodedata.normalize("NFC", smart_str(nama or ""))
    # Control and invisible format characters (e.g. U+202E, which shows "exe.pdf" as "fdp.exe").
    nama = "".join(c for c in nama if unicodedata.category(c) not in ("Cc", "Cf"))
    nama = re.split(r"[\\/]", nama)[-1]
    nama = _TIDAK_AMAN.sub("_", nama)
    nama = re.sub(r"\s+", " ", nama).strip(" ._")
    if not nama:
        return cadangan
    if len(nama) > 150:
        akhiran = PurePosixPath(nama).suffix[:10]
        nama = nama[: 150 - len(akhiran)].rstrip(" ._") + akhiran
    return nama


def _periksa_induk_boleh_diubah(*, actor, realisasi: Realisasi | None, log: LogHarian | None) -> None:
    if realisasi is not None:
        _periksa_pemilik_dan_kunci(actor=actor, skp=realisasi.indikator.rhk.skp, periode=realisasi.periode)
        return
    if log.pegawai_id != akses_get(actor).pegawai_id:
        raise ValidationError(PESAN_LOG_BUKAN_PEMILIK)
    kunci = log_kunci(log)
    if kunci:
        raise ValidationError(kunci)


def _induk_segar(*, realisasi: Realisasi | None, log: LogHarian | None):
    """The parent row as it is now, locked for this transaction (serialises the count check)."""
    if (realisasi is None) == (log is None):
        raise ValidationError(PESAN_BUKTI_INDUK)
    if realisasi is not None:
        realisasi = (
            Realisasi.objects.select_for_update(of=("self",))
            .select_related("indikator__rhk__skp", "periode")
            .get(pk=realisasi.pk)
        )
        return realisasi, None
    return None, LogHarian.objects.select_for_update().get(pk=log.pk)


@transaction.atomic
def bukti_tambah(
    *,
    actor,
    realisasi: Realisasi | None = None,
    log: LogHarian | None = None,
    berkas=None,
    tautan: str = "",
    keterangan: str = "",
) -> BuktiDukung:
    """Attach evidence (an uploaded file or an http/https link) to a realisation row or a
    daily-log entry. Only the row's owner, while the row may still change (realisation: the
    rules of `realisasi_kunci`; log: not yet approved/rejected and not locked by the month).
    The file's type is checked by its content and its size by settings.BUKTI_MAKS_BYTE; it is
    stored under a random name in private storage."""
    realisasi, log = _induk_segar(realisasi=realisasi, log=log)
    _periksa_induk_boleh_diubah(actor=actor, realisasi=realisasi, log=log)
    tautan = (tautan or "").strip()
    keterangan = _teks(keterangan, label="Keterangan", maks=KETERANGAN_MAKS)
    if berkas is None and not tautan:
        raise ValidationError(PESAN_BUKTI_PILIH)
    if berkas is not None and tautan:
        raise ValidationError(PESAN_BUKTI_DUA)
    induk = {"realisasi": realisasi} if realisasi is not None else {"log": log}
    if BuktiDukung.objects.filter(**induk).count() >= BUKTI_MAKS_PER_BARIS:
        raise ValidationError(PESAN_BUKTI_PENUH.format(maks=BUKTI_MAKS_PER_BARIS))

    bukti = BuktiDukung(**induk, keterangan=keterangan, diunggah_oleh=actor)
    if tautan:
        if len(tautan) > TAUTAN_MAKS:
            raise ValidationError({"tautan": PESAN_TEKS_PANJANG.format(label="Tautan", maks=TAUTAN_MAKS)})
        try:
            _validasi_tautan(tautan)
        except ValidationError:
            raise ValidationError({"tautan": PESAN_TAUTAN}) from None
        bukti.tautan = tautan
        bukti.full_clean(exclude=["berkas"])
        bukti.save()
        return bukti

    try:
        jenis_mime = bukti_periksa(berkas)
    except ValidationError as exc:
        raise ValidationError({"berkas": exc.messages}) from None
    bukti.nama_berkas = nama_berkas_aman(getattr(berkas, "name", ""))
    bukti.jenis_mime = jenis_mime
    bukti.ukuran = berkas.size
    berkas.seek(0)
    bukti.berkas.save(bukti.nama_berkas, berkas, save=False)  # random name (models._bukti_path)
    try:
        bukti.full_clean(exclude=["berkas"])
        with transaction.atomic():
            bukti.save()
    except Exception:
        bukti.berkas.delete(save=False)
        raise
    return bukti


@transaction.atomic
def bukti_hapus(*, actor, bukti: BuktiDukung) -> None:
    """Remove evidence: only its uploader, while its row may still change. The file goes once
    the transaction commits (a rollback keeps it)."""
    bukti = BuktiDukung.objects.select_for_update(of=("self",)).get(pk=bukti.pk)
    if bukti.diunggah_oleh_id != actor.pk:
        raise ValidationError(PESAN_BUKTI_BUKAN_PENGUNGGAH)
    realisasi, log = _induk_segar(
        realisasi=Realisasi(pk=bukti.realisasi_id) if bukti.realisasi_id else None,
        log=LogHarian(pk=bukti.log_id) if bukti.log_id else None,
    )
    _periksa_induk_boleh_diubah(actor=actor, realisasi=realisasi, log=log)
    berkas = bukti.berkas
    nama, storage = berkas.name, berkas.storage
    bukti.delete()
    if nama:
        transaction.on_commit(lambda: storage.delete(nama))


# --- continuous feedback -----------------------------------------------------------------------------


def realisasi_tautan(*, skp_id: int, periode_id: int, indikator_id: int | None = None) -> str:
    url = f"{reverse('evaluasi:skp-realisasi', args=[skp_id])}?periode={periode_id}"
    return f"{url}#indikator-{indikator_id}" if indikator_id else url


@transaction.atomic
def umpan_balik_tambah(*, actor, realisasi: Realisasi, teks: str) -> UmpanBalik:
    """The atasan's feedback on one realisation row, at any time while the period runs or is
    in assessment; the pegawai is notified (in-app and e-mail)."""
    realisasi = Realisasi.objects.select_related("indikator__rhk__skp__pegawai", "periode").get(pk=realisasi.pk)
    skp = realisasi.indikator.rhk.skp
    if not may_give_feedback(actor, skp):
        raise ValidationError(PESAN_UMPAN_BALIK_BUKAN_ATASAN)
    if not realisasi.periode.menerima_realisasi:
        raise ValidationError(PESAN_UMPAN_BALIK_PERIODE.format(nama=realisasi.periode.nama))
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": PESAN_UMPAN_BALIK_KOSONG})
    if len(teks) > UMPAN_BALIK_MAKS:
        raise ValidationError({"teks": PESAN_TEKS_PANJANG.format(label="Umpan balik", maks=UMPAN_BALIK_MAKS)})
    umpan_balik = UmpanBalik(realisasi=realisasi, penulis_id=akses_get(actor).pegawai_id, teks=teks)
    umpan_balik.full_clean()
    umpan_balik.save()
    penulis = umpan_balik.penulis
    indikator = realisasi.indikator
    notifikasi_kirim(
        penerima_ids=[skp.pegawai.user_id],
        judul="Umpan balik baru atas realisasi Anda",
        pesan=(
            f"{penulis.nama_lengkap} memberi umpan balik pada indikator \u201c{indikator.uraian[:120]}\u201d "
            f"({realisasi.periode.nama}):\n\n{teks[:500]}"
        ),
        tautan=realisasi_tautan(skp_id=skp.pk, periode_id=realisasi.periode_id, indikator_id=indikator.pk),
    )
    return umpan_balik
