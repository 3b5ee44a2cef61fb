"""In-app notifications (with an e-mail copy): one row per recipient."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Notifikasi(models.Model):
    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi")
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    # A non-empty key makes a notification idempotent: the daily reminder job may run twice
    # and the recipient still gets one ("pengingat-diri:<periode>:<tanggal>").
    kunci = models.CharField(max_length=120, blank=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    created_at = models.DateTimeField("dikirim", auto_now_add=True)

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"], condition=~Q(kunci=""), name="notifikasi_kunci_unik")
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_penerima_baca")]

    def __str__(self) -> str:
        return self.judul
