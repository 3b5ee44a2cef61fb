"""Evaluation periods and the predikat kinerja organisasi of each unit in a period."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Pegawai, UnitKerja

from .pengaturan import JenisPeriode, PredikatOrganisasiChoices


class Periode(TimeStampedModel):
    """One evaluation period of the whole Pemda (opened and closed by Admin BKD).

    States move forward only: perencanaan (SKP are drafted) -> berjalan (realisation, daily
    logs, feedback) -> penilaian (self, peer and supervisor ratings) -> ditutup (everything in
    the period is locked).
    """

    class Status(models.TextChoices):
        PERENCANAAN = "perencanaan", "Perencanaan"
        BERJALAN = "berjalan", "Berjalan"
        PENILAIAN = "penilaian", "Penilaian"
        DITUTUP = "ditutup", "Ditutup"

    URUTAN_STATUS = [Status.PERENCANAAN, Status.BERJALAN, Status.PENILAIAN, Status.DITUTUP]

    tahun = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    jenis = models.CharField("jenis periode", max_length=10, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField("nomor", validators=[MinValueValidator(1), MaxValueValidator(12)])
    nama = models.CharField("nama", max_length=100)
    tanggal_mulai = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField("tanggal selesai")
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.PERENCANAAN)
    batas_penilaian_diri = models.DateField("batas penilaian diri")
    batas_penilaian_rekan = models.DateField("batas penilaian rekan")
    batas_penilaian_atasan = models.DateField("batas penilaian atasan")
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "periode penilaian"
        verbose_name_plural = "periode penilaian"
        ordering = ["-tahun", "-tanggal_mulai", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "jenis", "nomor"], name="periode_unik"),
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=F("tanggal_mulai")), name="periode_tanggal_urut"),
            models.CheckConstraint(
                condition=Q(batas_penilaian_atasan__gte=F("batas_penilaian_diri")), name="periode_batas_urut"
            ),
        ]
        indexes = [models.Index(fields=["status", "tahun"], name="periode_status_tahun")]

    def __str__(self) -> str:
        return self.nama

    @property
    def ditutup(self) -> bool:
        return self.status == self.Status.DITUTUP

    @property
    def menerima_realisasi(self) -> bool:
        return self.status in (self.Status.BERJALAN, self.Status.PENILAIAN)

    @property
    def menerima_penilaian(self) -> bool:
        return self.status == self.Status.PENILAIAN


class PredikatOrganisasi(TimeStampedModel):
    """A unit's predikat kinerja organisasi for a period, set by the leader one level up
    (or an admin); it bounds how the unit's staff predikat may be spread (the curve)."""

    periode = models.ForeignKey(Periode, on_delete=models.CASCADE, related_name="predikat_organisasi")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    predikat = models.CharField("predikat kinerja organisasi", max_length=16, choices=PredikatOrganisasiChoices.choices)
    catatan = models.TextField("catatan", blank=True)
    ditetapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ditetapkan_oleh_pegawai = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "predikat kinerja organisasi"
        verbose_name_plural = "predikat kinerja organisasi"
        constraints = [models.UniqueConstraint(fields=["periode", "unit"], name="predikat_organisasi_unik")]

    def __str__(self) -> str:
        return f"{self.get_predikat_display()} ({self.unit_id}, {self.periode_id})"
