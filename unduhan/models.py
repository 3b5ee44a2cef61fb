"""Exports prepared in the background (a Celery task) and downloaded later from "Unduhan Saya".

The file is private: stored under MEDIA_ROOT with a random name (MEDIA_ROOT is never served by
URL) and handed out only to its owner through an access-checked view.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from .registry import ekspor_judul


def _berkas_path(instance, filename: str) -> str:
    # A random name: the stored path says nothing about the contents and cannot be guessed.
    return f"unduhan/{uuid.uuid4().hex}.xlsx"


class Ekspor(models.Model):
    class Status(models.TextChoices):
        ANTRI = "antri", "Dalam antrean"
        PROSES = "proses", "Sedang disiapkan"
        SELESAI = "selesai", "Siap diunduh"
        GAGAL = "gagal", "Gagal"

    AKTIF = (Status.ANTRI, Status.PROSES)

    pemilik = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ekspor")
    # A key of the registry (unduhan.registry), e.g. "evaluasi.log_rekap".
    jenis = models.CharField("jenis", max_length=60)
    # The page's filters, already resolved (month, period): the task reads them again later.
    parameter = models.JSONField("parameter", default=dict, blank=True)
    # sha256 of `parameter`: the same request twice is the same key (see ekspor_minta).
    kunci = models.CharField(max_length=64)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.ANTRI)
    progres = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    berkas = models.FileField("berkas", upload_to=_berkas_path, max_length=255, blank=True)
    nama_berkas = models.CharField("nama berkas", max_length=255, blank=True)
    ukuran = models.PositiveBigIntegerField("ukuran (byte)", default=0)
    pesan_galat = models.CharField("pesan galat", max_length=500, blank=True)
    created_at = models.DateTimeField("diminta", auto_now_add=True)
    selesai_at = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "ekspor"
        verbose_name_plural = "ekspor"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progres__lte=100), name="ekspor_progres_maks_100"),
            # One queued or running export per owner and request: a double click (or two
            # tabs) cannot start the same work twice, even when the requests race.
            models.UniqueConstraint(
                fields=["pemilik", "jenis", "kunci"],
                condition=Q(status__in=["antri", "proses"]),
                name="ekspor_satu_aktif",
            ),
        ]
        indexes = [
            models.Index(fields=["pemilik", "-created_at"], name="ekspor_pemilik_terbaru"),
            models.Index(fields=["created_at"], name="ekspor_created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.judul} #{self.pk}"

    @property
    def judul(self) -> str:
        return ekspor_judul(self.jenis)

    @property
    def aktif(self) -> bool:
        return self.status in self.AKTIF
