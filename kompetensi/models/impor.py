"""The record of each Excel import of teknis competencies (who, when, which file, the outcome).

The import runs synchronously in the request; this row keeps its summary and, for a refused
file, every row error so the list can be paged on screen and downloaded as a workbook.
The dictionary rows it writes are audited by django-auditlog like any other edit.
"""

from django.conf import settings
from django.db import models

from asn_kinerja.models import TimeStampedModel


class ImporKompetensi(TimeStampedModel):
    class Status(models.TextChoices):
        BERHASIL = "berhasil", "Berhasil"
        GAGAL = "gagal", "Gagal"

    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    nama_berkas = models.CharField("nama berkas", max_length=255)
    status = models.CharField("status", max_length=8, choices=Status.choices)
    jumlah_baris = models.PositiveIntegerField("jumlah baris data", default=0)
    jumlah_baru = models.PositiveIntegerField("kompetensi baru", default=0)
    jumlah_diubah = models.PositiveIntegerField("kompetensi diubah", default=0)
    jumlah_sama = models.PositiveIntegerField("kompetensi tanpa perubahan", default=0)
    jumlah_galat = models.PositiveIntegerField("jumlah galat", default=0)
    # [{"lembar": "Indikator", "baris": 7, "kolom": "aspek", "nilai": "...", "pesan": "..."}], capped
    galat = models.JSONField("galat", default=list, blank=True)
    pesan = models.TextField("pesan", blank=True)
    durasi_ms = models.PositiveIntegerField("lama proses (ms)", default=0)

    class Meta:
        verbose_name = "impor kompetensi teknis"
        verbose_name_plural = "impor kompetensi teknis"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.nama_berkas
