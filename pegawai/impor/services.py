"""Writes around an import: starting one, and handing out its activation codes once."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from pegawai.access import akses_get
from pegawai.models import ImporPegawai, UnitKerja

from .berkas import impor_periksa_berkas


def impor_create(*, actor, berkas, opd: UnitKerja | None = None) -> ImporPegawai:
    """Check the upload, store it privately and queue its processing (after commit).

    Admin BKD imports for the whole Pemda (`opd` ignored); an Admin OPD imports into one of
    their OPDs (`opd` required when they administer several). Raises ValidationError with an
    Indonesian message, and then nothing is saved.
    """
    akses = akses_get(actor)
    if akses.admin_bkd:
        opd_id = None
    elif akses.admin_opd:
        if opd is None and len(akses.admin_opd_ids) == 1:
            (opd_id,) = akses.admin_opd_ids
        elif opd is not None and opd.pk in akses.admin_opd_ids:
            opd_id = opd.pk
        else:
            raise ValidationError("Pilih OPD tujuan impor.")
    else:
        raise PermissionDenied("Hanya Admin BKD dan Admin OPD yang dapat mengimpor pegawai.")
    info = impor_periksa_berkas(berkas)
    nama_asli = (getattr(berkas, "name", "") or "berkas.xlsx").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    berkas.seek(0)
    berkas.name = f"{uuid.uuid4().hex}.xlsx"  # the stored name says nothing about its contents
    with transaction.atomic():
        impor = ImporPegawai(
            dibuat_oleh=actor,
            opd_id=opd_id,
            nama_berkas=nama_asli[:255],
            total_baris=info.total_baris,
            tahap="Menunggu giliran",
        )
        impor.berkas.save(berkas.name, berkas, save=False)
        try:
            impor.save()
        except BaseException:
            impor.berkas.delete(save=False)
            raise

        def antre() -> None:
            from pegawai.tasks import impor_pegawai_proses_task

            impor_pegawai_proses_task.delay(impor.pk)

        transaction.on_commit(antre)
    return impor


class KredensialTidakAda(Exception):
    """The activation codes were already downloaded (or never existed)."""


def impor_kredensial_ambil(*, actor, impor: ImporPegawai) -> bytes:
    """The activation-code workbook, handed out once to the importer: then the file is deleted."""
    if impor.dibuat_oleh_id != actor.pk:
        raise PermissionDenied("Hanya pengimpor yang dapat mengunduh kode aktivasi impor ini.")
    nama = impor.berkas_kredensial.name if impor.berkas_kredensial else ""
    if not nama:
        raise KredensialTidakAda
    # Compare-and-swap: of two simultaneous downloads only one clears the field and gets the file.
    if not ImporPegawai.objects.filter(pk=impor.pk, berkas_kredensial=nama).update(berkas_kredensial=""):
        raise KredensialTidakAda
    try:
        with default_storage.open(nama, "rb") as f:
            isi = f.read()
    except OSError:
        raise KredensialTidakAda from None
    finally:
        default_storage.delete(nama)
    return isi
