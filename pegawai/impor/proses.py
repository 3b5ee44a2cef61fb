"""Process one uploaded workbook (called by `impor_pegawai_proses_task`)."""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.models import ImporPegawai

from . import baca
from .berkas import angka, berkas_buka
from .ekspor import kredensial_bytes
from .kolom import JABATAN, PEGAWAI, UNIT
from .rencana import MAKS_GALAT_DISIMPAN
from .tulis import rencana_tulis
from .validasi import Pemeriksa

logger = logging.getLogger(__name__)

Status = ImporPegawai.Status
PESAN_TAK_TERDUGA = (
    "Terjadi kesalahan tak terduga saat memproses berkas; tidak ada data yang disimpan. "
    "Coba lagi, dan hubungi administrator bila terulang."
)
# Reading and checking the rows is most of the work; saving (one transaction, invisible to the
# progress poller until it commits) is shown as the last stretch of the bar.
_PORSI_PERIKSA = 0.9


def _tahap(impor_id: int, tahap: str, diproses: int | None = None) -> None:
    """A short UPDATE outside any transaction, so the progress poller sees it at once."""
    data = {"tahap": tahap}
    if diproses is not None:
        data["diproses"] = diproses
    ImporPegawai.objects.filter(pk=impor_id).update(**data)


def _gagal(impor_id: int, *, pesan: str, galat: list | None = None) -> None:
    ImporPegawai.objects.filter(pk=impor_id).update(
        status=Status.GAGAL, tahap="Gagal", pesan=pesan, galat=galat or [], selesai_pada=timezone.now()
    )


def _masih_berwenang(impor: ImporPegawai) -> bool:
    akses = akses_get(impor.dibuat_oleh)
    if impor.opd_id is None:
        return akses.admin_bkd
    return akses.admin_bkd or impor.opd_id in akses.admin_opd_ids


def impor_pegawai_proses(*, impor_id: int) -> None:
    """Validate every row, then write all of it in one transaction or nothing at all.

    Idempotent: only an import still waiting is claimed (compare-and-swap on its status), so
    a task delivered twice, or two workers, process it once. Never raises: any failure ends
    as status GAGAL with a message.
    """
    diklaim = ImporPegawai.objects.filter(pk=impor_id, status=Status.MENUNGGU).update(
        status=Status.BERJALAN, tahap="Membuka berkas", diproses=0
    )
    if not diklaim:
        return
    try:
        _proses(ImporPegawai.objects.select_related("dibuat_oleh").get(pk=impor_id))
    except ValidationError as exc:
        _gagal(impor_id, pesan=" ".join(exc.messages))
    except Exception:
        logger.exception("Impor pegawai %s gagal", impor_id)
        _gagal(impor_id, pesan=PESAN_TAK_TERDUGA)


def _proses(impor: ImporPegawai) -> None:
    if not _masih_berwenang(impor):
        raise ValidationError("Pengimpor tidak lagi memiliki peran admin untuk lingkup impor ini.")
    with impor.berkas.open("rb") as berkas:
        info, wb = berkas_buka(berkas, nama_berkas=impor.berkas.name, ukuran=impor.berkas.size)
        total = info.total_baris
        ImporPegawai.objects.filter(pk=impor.pk).update(total_baris=total)

        def kemajuan(n: int) -> None:
            _tahap(impor.pk, f"Membaca baris ({angka(n)} dari {angka(total)})", int(min(n, total) * _PORSI_PERIKSA))

        try:
            pemeriksa = Pemeriksa(opd_id=impor.opd_id)
            per_lembar = {i.lembar.nama: i for i in info.lembar}
            dibaca = 0
            for lembar, periksa in ((UNIT, pemeriksa.unit), (JABATAN, pemeriksa.jabatan), (PEGAWAI, pemeriksa.pegawai)):
                i = per_lembar.get(lembar.nama)
                if i is None:
                    continue
                _tahap(impor.pk, f"Membaca lembar {lembar.nama}")
                baris = []
                # Parsing the XML is the slow part: report progress as rows are read.
                for nomor, raw in baca.lembar_baris(wb[i.judul], i):
                    baris.append((nomor, raw))
                    dibaca += 1
                    if dibaca > settings.IMPOR_MAKS_BARIS:
                        raise ValidationError(
                            f"Jumlah baris data melebihi batas {angka(settings.IMPOR_MAKS_BARIS)} baris per impor."
                        )
                    if dibaca % 500 == 0:
                        kemajuan(dibaca)
                periksa(baris)
        finally:
            wb.close()

    galat = pemeriksa.galat
    if galat:
        urutan = {lembar.nama: i for i, lembar in enumerate((UNIT, JABATAN, PEGAWAI))}
        galat.daftar.sort(key=lambda g: (urutan.get(g["lembar"], 9), g["baris"]))  # stable: columns keep order
        pesan = (
            f"Ditemukan {angka(galat.jumlah)} galat; tidak ada data yang disimpan. Perbaiki berkas lalu unggah lagi."
        )
        if galat.jumlah > MAKS_GALAT_DISIMPAN:
            pesan += f" Hanya {angka(MAKS_GALAT_DISIMPAN)} galat pertama yang disimpan."
        _gagal(impor.pk, pesan=pesan, galat=galat.daftar)
        return

    rencana = pemeriksa.rencana
    _tahap(impor.pk, "Menyimpan ke basis data", int(total * _PORSI_PERIKSA))
    nama_kredensial = ""
    try:
        with transaction.atomic():
            kredensial = rencana_tulis(rencana=rencana, actor=impor.dibuat_oleh, impor_id=impor.pk)
            if kredensial:
                nama_kredensial = default_storage.save(
                    f"kredensial/{secrets.token_hex(16)}.xlsx", ContentFile(kredensial_bytes(kredensial))
                )
            baru, diubah = rencana.jumlah_baru, rencana.jumlah_diubah
            sama = len(rencana.unit) + len(rencana.jabatan) + len(rencana.pegawai) - baru - diubah
            pesan = f"Impor selesai: {angka(baru)} data baru, {angka(diubah)} diubah, {angka(sama)} tanpa perubahan."
            if kredensial:
                pesan += f" {angka(len(kredensial))} akun pegawai baru dibuat."
            selesai = ImporPegawai.objects.filter(pk=impor.pk, status=Status.BERJALAN).update(
                status=Status.BERHASIL,
                tahap="Selesai",
                diproses=total,
                jumlah_baru=baru,
                jumlah_diubah=diubah,
                pesan=pesan,
                galat=[],
                berkas_kredensial=nama_kredensial,
                selesai_pada=timezone.now(),
            )
            if not selesai:
                raise RuntimeError("status impor berubah selama pemrosesan")
    except BaseException:
        if nama_kredensial:
            default_storage.delete(nama_kredensial)
        raise
