"""The Pemda's configurable rules for performance evaluation (DOMAIN.md marks them
*configurable*): one settings row edited by Admin BKD, and the distribution-curve rules."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel


class Rating(models.TextChoices):
    """The atasan's rating of hasil kerja and of perilaku kerja (PermenPANRB 6/2022)."""

    DI_ATAS = "di_atas", "Di Atas Ekspektasi"
    SESUAI = "sesuai", "Sesuai Ekspektasi"
    DI_BAWAH = "di_bawah", "Di Bawah Ekspektasi"


class Predikat(models.TextChoices):
    """Predikat kinerja pegawai, from the matrix in evaluasi.rules (never typed)."""

    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class PredikatOrganisasiChoices(models.TextChoices):
    ISTIMEWA = "istimewa", "Istimewa"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class JenisPeriode(models.TextChoices):
    BULANAN = "bulanan", "Bulanan"
    TRIWULAN = "triwulan", "Triwulan"
    SEMESTER = "semester", "Semester"
    TAHUNAN = "tahunan", "Tahunan"


class PengaturanKinerja(TimeStampedModel):
    """The one settings row (pk=1). Defaults are DOMAIN.md's; Admin BKD changes them."""

    jenis_periode = models.JSONField(
        "jenis periode yang dipakai",
        default=list,
        help_text="Jenis periode penilaian yang dipakai Pemda ini, misalnya triwulan dan tahunan.",
    )
    log_menit_min_harian = models.PositiveSmallIntegerField(
        "menit minimum per hari", default=330, validators=[MaxValueValidator(1440)]
    )
    log_menit_maks_harian = models.PositiveSmallIntegerField(
        "menit maksimum per hari", default=660, validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    log_target_bulanan = models.PositiveIntegerField("target menit per bulan", default=6750)
    log_kunci_hari = models.PositiveSmallIntegerField(
        "log terkunci (hari setelah akhir bulan)", default=5, validators=[MaxValueValidator(60)]
    )
    keberatan_hari = models.PositiveSmallIntegerField(
        "batas keberatan (hari)", default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    kurva_memblokir = models.BooleanField(
        "pelanggaran kurva menghalangi finalisasi",
        default=False,
        help_text="Jika dicentang, atasan tidak dapat memfinalkan penilaian selama distribusi unit melanggar kurva.",
    )
    rekan_min = models.PositiveSmallIntegerField("jumlah rekan minimum", default=3, validators=[MinValueValidator(3)])
    rekan_maks = models.PositiveSmallIntegerField(
        "jumlah rekan maksimum", default=5, validators=[MaxValueValidator(10)]
    )
    pengingat_hari = models.PositiveSmallIntegerField(
        "pengingat tenggat (hari sebelumnya)", default=3, validators=[MaxValueValidator(30)]
    )

    class Meta:
        verbose_name = "pengaturan kinerja"
        verbose_name_plural = "pengaturan kinerja"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="pengaturan_kinerja_tunggal"),
            models.CheckConstraint(
                condition=Q(log_menit_min_harian__lte=models.F("log_menit_maks_harian")),
                name="pengaturan_log_min_lte_maks",
            ),
            models.CheckConstraint(condition=Q(rekan_min__lte=models.F("rekan_maks")), name="pengaturan_rekan_urut"),
        ]

    def __str__(self) -> str:
        return "Pengaturan penilaian kinerja"

    @classmethod
    def get(cls) -> "PengaturanKinerja":
        """The settings row; created with the defaults if a fresh database lacks it."""
        obj, _ = cls.objects.get_or_create(pk=1, defaults={"jenis_periode": ["triwulan", "tahunan"]})
        return obj


class AturanKurva(models.Model):
    """One limit of the distribution curve (SE MenPANRB 3/2023): for units whose predikat
    kinerja organisasi is `predikat_organisasi`, the share of staff whose predikat is one of
    `predikat` must be at most / at least `persen` percent, or (ADA) at least one person."""

    class Jenis(models.TextChoices):
        MAKS = "maks", "paling banyak"
        MIN = "min", "paling sedikit"
        ADA = "ada", "harus ada"

    predikat_organisasi = models.CharField(
        "predikat kinerja organisasi", max_length=16, choices=PredikatOrganisasiChoices.choices
    )
    jenis = models.CharField("jenis batas", max_length=4, choices=Jenis.choices)
    predikat = models.JSONField("predikat pegawai", help_text="Daftar predikat pegawai yang dihitung bersama.")
    persen = models.PositiveSmallIntegerField("persen", default=0, validators=[MaxValueValidator(100)])
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "aturan kurva distribusi"
        verbose_name_plural = "aturan kurva distribusi"
        ordering = ["predikat_organisasi", "urutan", "id"]
        constraints = [models.CheckConstraint(condition=Q(persen__lte=100), name="aturan_kurva_persen_100")]

    def __str__(self) -> str:
        from evaluasi.rules import aturan_teks

        return aturan_teks(self.jenis, self.predikat, self.persen)
