"""During the period: realisation per indicator with evidence (bukti dukung), the atasan's
continuous feedback, and the daily activity log (laporan aktivitas harian)."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Pegawai

from .periode import Periode
from .skp import IndikatorKinerja, RencanaHasilKerja


class Realisasi(TimeStampedModel):
    """What the pegawai achieved on one indicator in one period, with their note."""

    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE, related_name="realisasi")
    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="realisasi")
    nilai = models.DecimalField(
        "realisasi", max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    uraian = models.TextField("uraian realisasi", blank=True)
    catatan = models.TextField("catatan pegawai", blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "realisasi"
        verbose_name_plural = "realisasi"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "periode"], name="realisasi_unik"),
            models.CheckConstraint(condition=Q(nilai__isnull=True) | Q(nilai__gte=0), name="realisasi_tidak_negatif"),
        ]
        indexes = [models.Index(fields=["periode", "indikator"], name="realisasi_periode")]

    def __str__(self) -> str:
        return f"Realisasi indikator #{self.indikator_id} periode #{self.periode_id}"


class UmpanBalik(models.Model):
    """The atasan's feedback on one realisation row, given at any time (continuous)."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="umpan_balik")
    penulis = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    teks = models.TextField("umpan balik")
    created_at = models.DateTimeField("ditulis", auto_now_add=True)

    class Meta:
        verbose_name = "umpan balik"
        verbose_name_plural = "umpan balik"
        ordering = ["realisasi", "created_at", "id"]

    def __str__(self) -> str:
        return f"Umpan balik realisasi #{self.realisasi_id}"


class LogHarian(TimeStampedModel):
    """One entry of the daily activity log. The atasan approves, returns for revision or
    rejects it; an entry returned for revision may be edited and goes back to Belum Diperiksa."""

    class Status(models.TextChoices):
        BELUM_DIPERIKSA = "belum", "Belum Diperiksa"
        REVISI = "revisi", "Revisi"
        DITOLAK = "ditolak", "Ditolak"
        DISETUJUI = "disetujui", "Disetujui"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="log_harian")
    tanggal = models.DateField("tanggal")
    uraian = models.TextField("uraian kegiatan")
    menit = models.PositiveSmallIntegerField("durasi (menit)", validators=[MinValueValidator(1)])
    rhk = models.ForeignKey(
        RencanaHasilKerja, verbose_name="RHK", null=True, blank=True, on_delete=models.SET_NULL, related_name="log"
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.BELUM_DIPERIKSA)
    catatan_atasan = models.TextField("catatan atasan", blank=True)
    diperiksa_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    diperiksa_pada = models.DateTimeField("diperiksa pada", null=True, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "log aktivitas harian"
        verbose_name_plural = "log aktivitas harian"
        ordering = ["-tanggal", "-id"]
        constraints = [models.CheckConstraint(condition=Q(menit__gte=1), name="log_menit_positif")]
        indexes = [
            models.Index(fields=["pegawai", "tanggal"], name="log_pegawai_tanggal"),
            models.Index(fields=["status", "tanggal"], name="log_status_tanggal"),
        ]

    def __str__(self) -> str:
        return f"Log {self.tanggal} pegawai #{self.pegawai_id}"


def _bukti_path(instance, filename: str) -> str:
    # A random name: the stored path reveals nothing and cannot be guessed.
    ext = PurePosixPath(filename).suffix.lower()[:10]
    return f"bukti/{uuid.uuid4().hex}{ext}"


class BuktiDukung(models.Model):
    """Evidence for a realisation row or a daily-log entry: a private file (checked by its
    content, served only through an access-checked view) or a link."""

    realisasi = models.ForeignKey(Realisasi, null=True, blank=True, on_delete=models.CASCADE, related_name="bukti")
    log = models.ForeignKey(LogHarian, null=True, blank=True, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField("berkas", upload_to=_bukti_path, max_length=255, blank=True)
    nama_berkas = models.CharField("nama berkas", max_length=255, blank=True)
    jenis_mime = models.CharField(max_length=100, blank=True)
    ukuran = models.PositiveIntegerField("ukuran (byte)", default=0)
    tautan = models.URLField("tautan", max_length=500, blank=True)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(realisasi__isnull=False) & Q(log__isnull=True))
                | (Q(realisasi__isnull=True) & Q(log__isnull=False)),
                name="bukti_satu_induk",
            ),
            models.CheckConstraint(
                condition=(Q(berkas="") & ~Q(tautan="")) | (~Q(berkas="") & Q(tautan="")),
                name="bukti_berkas_atau_tautan",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_berkas or self.tautan
