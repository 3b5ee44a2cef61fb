"""SKP (Sasaran Kinerja Pegawai): one per pegawai per year, its RHK rows with their
indicators and targets, the cascade to the atasan's RHK (or, for a unit head, to the unit's
goals), the BerAKHLAK values and the atasan's "ekspektasi khusus pimpinan"."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Jabatan, Pegawai, UnitKerja

TAHUN_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class SasaranUnit(TimeStampedModel):
    """A unit's goal for a year (from its Renstra/Renja): what a unit head's RHK support."""

    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="sasaran")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    uraian = models.CharField("sasaran", max_length=500)
    indikator = models.CharField("indikator sasaran", max_length=500, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "sasaran unit"
        verbose_name_plural = "sasaran unit"
        ordering = ["unit", "tahun", "id"]
        indexes = [models.Index(fields=["unit", "tahun"], name="sasaran_unit_tahun")]

    def __str__(self) -> str:
        return self.uraian


class Skp(TimeStampedModel):
    """The pegawai's plan for a year. Draft -> diajukan -> disetujui, or dikembalikan (with a
    note) back to the pegawai, who fixes it and submits again. An approved SKP is locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DISETUJUI = "disetujui", "Disetujui"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp")
    tahun = models.PositiveSmallIntegerField("tahun", validators=TAHUN_VALIDATORS)
    # Snapshot of who the pegawai was when the SKP was last submitted (history stays true).
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    atasan = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="skp_bawahan")
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.DRAFT)
    catatan_pengembalian = models.TextField("catatan pengembalian", blank=True)
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    disetujui_oleh = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Optimistic lock: every write bumps it; a form carries the value it was drawn with.
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="skp_pegawai_tahun_unik")]
        indexes = [
            models.Index(fields=["atasan", "status"], name="skp_atasan_status"),
            models.Index(fields=["tahun", "status"], name="skp_tahun_status"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.tahun} pegawai #{self.pegawai_id}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.DIKEMBALIKAN)


class RencanaHasilKerja(TimeStampedModel):
    """An RHK row. Utama rows support one RHK of the atasan (the cascade) or, for a unit head,
    one goal of the unit; Tambahan rows may stand alone."""

    class Jenis(models.TextChoices):
        UTAMA = "utama", "Utama"
        TAMBAHAN = "tambahan", "Tambahan"

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField("jenis", max_length=8, choices=Jenis.choices, default=Jenis.UTAMA)
    uraian = models.TextField("rencana hasil kerja")
    rhk_atasan = models.ForeignKey(
        "self",
        verbose_name="RHK atasan yang diintervensi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rhk_bawahan",
    )
    sasaran_unit = models.ForeignKey(
        SasaranUnit, verbose_name="sasaran unit", null=True, blank=True, on_delete=models.PROTECT, related_name="rhk"
    )
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "rencana hasil kerja"
        verbose_name_plural = "rencana hasil kerja"
        ordering = ["skp", "jenis", "urutan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rhk_atasan__isnull=True) | Q(sasaran_unit__isnull=True), name="rhk_satu_induk"
            ),
        ]

    def __str__(self) -> str:
        return self.uraian[:80]


class IndikatorKinerja(models.Model):
    """Indikator kinerja individu of one RHK: its aspect, numeric target and unit."""

    class Aspek(models.TextChoices):
        KUANTITAS = "kuantitas", "Kuantitas"
        KUALITAS = "kualitas", "Kualitas"
        WAKTU = "waktu", "Waktu"
        BIAYA = "biaya", "Biaya"

    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="indikator")
    aspek = models.CharField("aspek", max_length=10, choices=Aspek.choices, default=Aspek.KUANTITAS)
    uraian = models.CharField("indikator kinerja individu", max_length=500)
    target = models.DecimalField("target", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    satuan = models.CharField("satuan", max_length=50)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["rhk", "urutan", "id"]
        constraints = [models.CheckConstraint(condition=Q(target__gte=0), name="indikator_target_tidak_negatif")]

    def __str__(self) -> str:
        return self.uraian[:80]


class NilaiDasar(models.Model):
    """One of the seven BerAKHLAK core values (seed data, migration 0002)."""

    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama", max_length=60)
    urutan = models.PositiveSmallIntegerField("urutan")

    class Meta:
        verbose_name = "nilai dasar BerAKHLAK"
        verbose_name_plural = "nilai dasar BerAKHLAK"
        ordering = ["urutan"]

    def __str__(self) -> str:
        return self.nama


class IndikatorNilaiDasar(models.Model):
    nilai_dasar = models.ForeignKey(NilaiDasar, on_delete=models.CASCADE, related_name="indikator")
    uraian = models.CharField("indikator perilaku", max_length=300)
    urutan = models.PositiveSmallIntegerField("urutan")

    class Meta:
        verbose_name = "indikator perilaku BerAKHLAK"
        verbose_name_plural = "indikator perilaku BerAKHLAK"
        ordering = ["nilai_dasar__urutan", "urutan"]
        constraints = [models.UniqueConstraint(fields=["nilai_dasar", "urutan"], name="indikator_nilai_dasar_unik")]

    def __str__(self) -> str:
        return self.uraian


class EkspektasiKhusus(TimeStampedModel):
    """The atasan's "ekspektasi khusus pimpinan" for one value, for one subordinate's SKP."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="ekspektasi")
    nilai_dasar = models.ForeignKey(NilaiDasar, on_delete=models.PROTECT, related_name="+")
    teks = models.TextField("ekspektasi khusus pimpinan")
    ditulis_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "ekspektasi khusus pimpinan"
        verbose_name_plural = "ekspektasi khusus pimpinan"
        constraints = [models.UniqueConstraint(fields=["skp", "nilai_dasar"], name="ekspektasi_unik")]

    def __str__(self) -> str:
        return f"Ekspektasi {self.nilai_dasar_id} SKP #{self.skp_id}"
