"""What DOMAIN.md marks configurable for complaints: the working-day limits per class, the
reopen window and the holiday calendar (national holidays and cuti bersama, Admin BKD)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel


class Kelas(models.TextChoices):
    """Classes seen in SP4N-LAPOR!."""

    PENGADUAN = "pengaduan", "Pengaduan"
    ASPIRASI = "aspirasi", "Aspirasi"
    INFORMASI = "informasi", "Permintaan Informasi"


class Kompleksitas(models.TextChoices):
    """How much work completing a case takes; decides the completion limit (5/14/60 days)."""

    SEDERHANA = "sederhana", "Sederhana / permintaan informasi"
    BIASA = "biasa", "Tanpa pemeriksaan lapangan"
    LAPANGAN = "lapangan", "Perlu pemeriksaan lapangan"


_HARI = [MinValueValidator(1), MaxValueValidator(365)]


class AturanSla(TimeStampedModel):
    """The working-day limits of one class. Seeded with DOMAIN.md's numbers (3, 5, 5/14/60)."""

    kelas = models.CharField("kelas", max_length=12, choices=Kelas.choices, unique=True)
    hari_verifikasi = models.PositiveSmallIntegerField("verifikasi (hari kerja)", default=3, validators=_HARI)
    hari_tanggapan = models.PositiveSmallIntegerField("tanggapan pertama (hari kerja)", default=5, validators=_HARI)
    hari_selesai_sederhana = models.PositiveSmallIntegerField(
        "selesai: sederhana (hari kerja)", default=5, validators=_HARI
    )
    hari_selesai_biasa = models.PositiveSmallIntegerField(
        "selesai: tanpa pemeriksaan lapangan (hari kerja)", default=14, validators=_HARI
    )
    hari_selesai_lapangan = models.PositiveSmallIntegerField(
        "selesai: dengan pemeriksaan lapangan (hari kerja)", default=60, validators=_HARI
    )

    class Meta:
        verbose_name = "aturan batas waktu"
        verbose_name_plural = "aturan batas waktu"
        ordering = ["kelas"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hari_verifikasi__gte=1)
                & Q(hari_tanggapan__gte=1)
                & Q(hari_selesai_sederhana__gte=1)
                & Q(hari_selesai_biasa__gte=1)
                & Q(hari_selesai_lapangan__gte=1),
                name="sla_hari_positif",
            ),
        ]

    def __str__(self) -> str:
        return f"Batas waktu {self.get_kelas_display()}"

    def hari_selesai(self, kompleksitas: str) -> int:
        return {
            Kompleksitas.SEDERHANA: self.hari_selesai_sederhana,
            Kompleksitas.BIASA: self.hari_selesai_biasa,
            Kompleksitas.LAPANGAN: self.hari_selesai_lapangan,
        }[kompleksitas]


class PengaturanPengaduan(TimeStampedModel):
    """The one settings row (pk=1), edited by Admin BKD."""

    batas_layanan_hari = models.PositiveSmallIntegerField(
        "batas hari sejak layanan",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Pengaduan atas layanan yang lebih lama dari ini tetap diterima, dengan pemberitahuan.",
    )
    buka_kembali_hari = models.PositiveSmallIntegerField(
        "batas membuka kembali (hari kalender)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Pelapor dapat membuka kembali pengaduan yang selesai satu kali dalam jangka ini.",
    )
    pengingat_hari = models.PositiveSmallIntegerField(
        "pengingat sebelum batas (hari kerja)",
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = "pengaturan pengaduan"
        verbose_name_plural = "pengaturan pengaduan"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="pengaturan_pengaduan_tunggal")]

    def __str__(self) -> str:
        return "Pengaturan pengaduan"

    @classmethod
    def get(cls) -> "PengaturanPengaduan":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class HariLibur(TimeStampedModel):
    """A day that is not a working day besides Saturday and Sunday."""

    class Jenis(models.TextChoices):
        NASIONAL = "nasional", "Libur nasional"
        CUTI_BERSAMA = "cuti_bersama", "Cuti bersama"
        DAERAH = "daerah", "Libur daerah"

    tanggal = models.DateField("tanggal", unique=True)
    nama = models.CharField("keterangan", max_length=150)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices, default=Jenis.NASIONAL)

    class Meta:
        verbose_name = "hari libur"
        verbose_name_plural = "hari libur"
        ordering = ["tanggal"]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
