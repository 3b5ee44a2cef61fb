"""Development: the programme catalogue, plans and completed hours (PP 11/2017 art. 203: at
least 20 JP of development per PNS per year; DOMAIN.md "Competency")."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Pegawai

from .kamus import LEVEL_MAX, LEVEL_MIN, LEVEL_VALIDATORS, Kompetensi

JP_MINIMUM_TAHUNAN = 20


class ProgramPengembangan(TimeStampedModel):
    class Jenis(models.TextChoices):
        PELATIHAN = "pelatihan", "Pelatihan"
        KURSUS = "kursus", "Kursus"
        COACHING = "coaching", "Coaching"
        MENTORING = "mentoring", "Mentoring"
        E_LEARNING = "e_learning", "E-learning"
        DETASERING = "detasering", "Detasering (secondment)"

    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama program", max_length=200)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    penyelenggara = models.CharField("penyelenggara", max_length=200, blank=True)
    jp = models.PositiveSmallIntegerField(
        "jam pelajaran (JP)", validators=[MinValueValidator(1, "JP paling sedikit 1.")]
    )
    deskripsi = models.TextField("deskripsi", blank=True)
    aktif = models.BooleanField("aktif", default=True)
    kompetensi = models.ManyToManyField(
        Kompetensi, through="ProgramKompetensi", related_name="program_pengembangan", verbose_name="kompetensi sasaran"
    )

    class Meta:
        verbose_name = "program pengembangan"
        verbose_name_plural = "program pengembangan"
        ordering = ["nama"]
        constraints = [models.CheckConstraint(condition=Q(jp__gte=1), name="program_jp_positif")]

    def __str__(self) -> str:
        return self.nama


class ProgramKompetensi(models.Model):
    """A competency a programme develops, and the level it brings a participant to."""

    program = models.ForeignKey(ProgramPengembangan, on_delete=models.CASCADE, related_name="sasaran")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="sasaran_program")
    level_target = models.PositiveSmallIntegerField("level sasaran", validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = "kompetensi sasaran program"
        verbose_name_plural = "kompetensi sasaran program"
        constraints = [
            models.UniqueConstraint(fields=["program", "kompetensi"], name="program_kompetensi_unik"),
            models.CheckConstraint(
                condition=Q(level_target__gte=LEVEL_MIN, level_target__lte=LEVEL_MAX), name="program_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id}/{self.kompetensi_id} -> {self.level_target}"


class RencanaPengembangan(TimeStampedModel):
    """A development activity planned for (or already done by) one employee. Completed hours
    count toward the 20 JP of the year they were completed in."""

    class Status(models.TextChoices):
        DIRENCANAKAN = "direncanakan", "Direncanakan"
        SELESAI = "selesai", "Selesai"
        BATAL = "batal", "Dibatalkan"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="rencana_pengembangan")
    program = models.ForeignKey(
        ProgramPengembangan, null=True, blank=True, on_delete=models.PROTECT, related_name="rencana"
    )
    kompetensi = models.ForeignKey(
        Kompetensi, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="kompetensi"
    )
    # The result whose negative gap the plan answers, when it came from a recommendation.
    hasil = models.ForeignKey(
        "kompetensi.HasilKompetensi", null=True, blank=True, on_delete=models.SET_NULL, related_name="rencana"
    )
    judul = models.CharField("kegiatan", max_length=200)
    jenis = models.CharField("jenis", max_length=12, choices=ProgramPengembangan.Jenis.choices)
    tanggal_mulai = models.DateField("tanggal mulai")
    tanggal_selesai = models.DateField("tanggal selesai")
    jp_rencana = models.PositiveSmallIntegerField(
        "JP direncanakan", validators=[MinValueValidator(1, "JP paling sedikit 1.")]
    )
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DIRENCANAKAN)
    jp_realisasi = models.PositiveSmallIntegerField("JP terealisasi", null=True, blank=True)
    tanggal_realisasi = models.DateField("tanggal selesai dilaksanakan", null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "rencana pengembangan"
        verbose_name_plural = "rencana pengembangan"
        ordering = ["-tanggal_mulai", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=F("tanggal_mulai")), name="rencana_tanggal_urut"),
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(jp_realisasi__gte=1, tanggal_realisasi__isnull=False),
                name="rencana_selesai_lengkap",
            ),
        ]
        indexes = [models.Index(fields=["pegawai", "status", "tanggal_realisasi"], name="rencana_pegawai_jp")]

    def __str__(self) -> str:
        return self.judul
