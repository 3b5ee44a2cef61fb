"""Competency dictionary and position standards (PermenPANRB 38/2017, DOMAIN.md "Competency")."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Jabatan

LEVEL_MIN, LEVEL_MAX = 1, 5
LEVEL_VALIDATORS = [
    MinValueValidator(LEVEL_MIN, "Level kompetensi paling rendah 1."),
    MaxValueValidator(LEVEL_MAX, "Level kompetensi paling tinggi 5."),
]


class Kompetensi(TimeStampedModel):
    class Jenis(models.TextChoices):
        TEKNIS = "teknis", "Teknis"
        MANAJERIAL = "manajerial", "Manajerial"
        SOSIAL_KULTURAL = "sosial_kultural", "Sosial Kultural"

    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama", max_length=150)
    jenis = models.CharField("jenis", max_length=16, choices=Jenis.choices)
    definisi = models.TextField("definisi")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "kompetensi"
        verbose_name_plural = "kompetensi"
        ordering = ["jenis", "urutan", "nama"]

    def __str__(self) -> str:
        return self.nama


class LevelKompetensi(models.Model):
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.CASCADE, related_name="level")
    level = models.PositiveSmallIntegerField("level", validators=LEVEL_VALIDATORS)
    deskripsi = models.TextField("deskripsi level")

    class Meta:
        verbose_name = "level kompetensi"
        verbose_name_plural = "level kompetensi"
        ordering = ["kompetensi", "level"]
        constraints = [
            models.UniqueConstraint(fields=["kompetensi", "level"], name="level_kompetensi_unik"),
            models.CheckConstraint(
                condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX), name="level_kompetensi_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kompetensi_id} level {self.level}"


class IndikatorPerilaku(models.Model):
    class Aspek(models.TextChoices):
        PENGETAHUAN = "pengetahuan", "Pengetahuan"
        KETERAMPILAN = "keterampilan", "Keterampilan"
        SIKAP = "sikap", "Sikap"

    level = models.ForeignKey(LevelKompetensi, on_delete=models.CASCADE, related_name="indikator")
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    teks = models.TextField("indikator perilaku")
    aspek = models.CharField("aspek", max_length=12, choices=Aspek.choices)

    class Meta:
        verbose_name = "indikator perilaku"
        verbose_name_plural = "indikator perilaku"
        ordering = ["level", "urutan", "id"]

    def __str__(self) -> str:
        return self.teks[:60]


class StandarLevelDefault(models.Model):
    """Default required level of manajerial and sosial kultural competencies by position kind.

    DOMAIN.md: commonly cited, unconfirmed defaults (JPT 4 to 5, Administrator 3, Pengawas 2,
    Pelaksana 1, functional positions by jenjang): seeded, editable by Admin BKD.
    """

    jenis_jabatan = models.CharField("jenis jabatan", max_length=15, choices=Jabatan.Jenis.choices)
    jenjang = models.CharField("jenjang", max_length=12, choices=Jabatan.Jenjang.choices, blank=True)
    level = models.PositiveSmallIntegerField("level diperlukan", validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = "standar level bawaan"
        verbose_name_plural = "standar level bawaan"
        ordering = ["jenis_jabatan", "jenjang"]
        constraints = [
            models.UniqueConstraint(fields=["jenis_jabatan", "jenjang"], name="standar_default_unik"),
            models.CheckConstraint(condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX), name="standar_default_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_jabatan_display()} {self.get_jenjang_display()}: {self.level}".strip()


class StandarKompetensiJabatan(TimeStampedModel):
    """The required level of one competency for one position. A position with no rows has no
    standard yet (shown as such, never treated as level 0)."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="standar_kompetensi")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="standar_jabatan")
    level = models.PositiveSmallIntegerField("level diperlukan", validators=LEVEL_VALIDATORS)
    # True when an admin set it for this position rather than taking the default by kind.
    khusus = models.BooleanField("penyesuaian khusus", default=False)

    class Meta:
        verbose_name = "standar kompetensi jabatan"
        verbose_name_plural = "standar kompetensi jabatan"
        ordering = ["jabatan", "kompetensi__jenis", "kompetensi__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "kompetensi"], name="standar_jabatan_unik"),
            models.CheckConstraint(condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX), name="standar_jabatan_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan_id}/{self.kompetensi_id}: {self.level}"
