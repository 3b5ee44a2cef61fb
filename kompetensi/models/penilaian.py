"""Competency assessment rounds, the three views and the results (issue 3, DOMAIN.md "Competency").

A round (`PutaranPenilaian`) is opened for a set of units. Opening takes a snapshot: one
`PesertaPenilaian` per active employee whose position has a standard (their position, unit,
OPD and atasan as they were that day) and one `HasilKompetensi` per competency of that standard
(with the required level copied), so later changes to the standard or the hierarchy do not
rewrite a round, and history across rounds stays true.

The views:
- self and supervisor: a `PenilaianKompetensi` (draft, then submitted and locked) with one
  `NilaiKompetensi` per competency;
- peers, anonymous by construction: `PenugasanRekan` says who must rate whom (and holds the
  rater's unsent draft); on submission the levels are written as `JawabanRekan` rows that carry
  **no rater and no timestamp**, so no page, export, admin screen or audit entry can link an
  answer to a peer. The peers' mean is released (`PesertaPenilaian.rekan_dibuka`) once, when every
  assigned peer has answered or the peer deadline has passed, so nobody can difference two
  averages to recover one answer; it is used and shown only with at least 3 answers.

Results are stored, recomputed by set-based SQL (`kompetensi.services.hasil`) whenever an input
changes, and frozen when the round closes.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .kamus import LEVEL_MAX, LEVEL_MIN, LEVEL_VALIDATORS, IndikatorPerilaku, Kompetensi

_LEVEL_ATAU_KOSONG = Q(level__isnull=True) | Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX)


class KategoriJpm(models.TextChoices):
    OPTIMAL = "optimal", "Optimal"
    CUKUP_OPTIMAL = "cukup_optimal", "Cukup Optimal"
    KURANG_OPTIMAL = "kurang_optimal", "Kurang Optimal"


class PutaranPenilaian(TimeStampedModel):
    class Status(models.TextChoices):
        DIBUKA = "dibuka", "Dibuka"
        DITUTUP = "ditutup", "Ditutup"

    nama = models.CharField("nama putaran", max_length=150)
    tanggal_mulai = models.DateField("periode mulai")
    tanggal_selesai = models.DateField("periode selesai")
    # The OPD that owns the round (an Admin OPD's round); empty for a Pemda-wide round of BKD.
    opd = models.ForeignKey(
        UnitKerja, verbose_name="OPD", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ManyToManyField(UnitKerja, verbose_name="unit kerja", related_name="putaran_kompetensi")
    batas_diri = models.DateField("batas penilaian diri")
    batas_rekan = models.DateField("batas penilaian rekan")
    batas_atasan = models.DateField("batas penilaian atasan")
    bobot_atasan = models.PositiveSmallIntegerField("bobot atasan (%)", default=50)
    bobot_diri = models.PositiveSmallIntegerField("bobot diri (%)", default=20)
    bobot_rekan = models.PositiveSmallIntegerField("bobot rekan (%)", default=30)
    rekan_aktif = models.BooleanField("pakai penilaian rekan", default=True)
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.DIBUKA)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "putaran penilaian kompetensi"
        verbose_name_plural = "putaran penilaian kompetensi"
        ordering = ["-tanggal_mulai", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bobot_atasan__lte=100)
                & Q(bobot_diri__lte=100)
                & Q(bobot_rekan__lte=100)
                & Q(bobot_atasan=Value(100) - F("bobot_diri") - F("bobot_rekan")),
                name="putaran_bobot_100",
            ),
            models.CheckConstraint(condition=Q(rekan_aktif=True) | Q(bobot_rekan=0), name="putaran_rekan_nonaktif_0"),
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=F("tanggal_mulai")), name="putaran_periode_urut"),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def bobot(self) -> dict[str, int]:
        return {"atasan": self.bobot_atasan, "diri": self.bobot_diri, "rekan": self.bobot_rekan}

    @property
    def dibuka(self) -> bool:
        return self.status == self.Status.DIBUKA


class PesertaPenilaian(models.Model):
    """One employee in one round, with the snapshot taken when the round opened."""

    putaran = models.ForeignKey(PutaranPenilaian, on_delete=models.CASCADE, related_name="peserta")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="peserta_kompetensi")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    opd = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    atasan = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="peserta_kompetensi_dinilai"
    )
    # The peers' mean is released once (see the module docstring); never reset.
    rekan_dibuka = models.BooleanField("rata-rata rekan dibuka", default=False)
    jpm = models.DecimalField("JPM (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    kategori = models.CharField("kategori JPM", max_length=16, choices=KategoriJpm.choices, blank=True)
    hasil_dihitung_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "peserta penilaian kompetensi"
        verbose_name_plural = "peserta penilaian kompetensi"
        ordering = ["putaran", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["putaran", "pegawai"], name="peserta_putaran_unik")]
        indexes = [
            models.Index(fields=["putaran", "opd"], name="peserta_putaran_opd"),
            models.Index(fields=["putaran", "atasan"], name="peserta_putaran_atasan"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} · {self.putaran}"


class HasilKompetensi(models.Model):
    """The result of one competency for one participant: inputs, attained level and gap."""

    peserta = models.ForeignKey(PesertaPenilaian, on_delete=models.CASCADE, related_name="hasil")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    standar = models.PositiveSmallIntegerField("level standar", validators=LEVEL_VALIDATORS)
    nilai_diri = models.PositiveSmallIntegerField("nilai diri", null=True, blank=True)
    nilai_atasan = models.PositiveSmallIntegerField("nilai atasan", null=True, blank=True)
    # Filled only once the peers' mean is released; the sum only with at least 3 answers.
    rekan_jumlah = models.PositiveSmallIntegerField("jumlah jawaban rekan", default=0)
    rekan_total = models.PositiveIntegerField("jumlah level rekan", default=0)
    capaian = models.PositiveSmallIntegerField("level capaian", null=True, blank=True)
    gap = models.SmallIntegerField("gap", null=True, blank=True)

    class Meta:
        verbose_name = "hasil kompetensi"
        verbose_name_plural = "hasil kompetensi"
        ordering = ["peserta", "kompetensi__jenis", "kompetensi__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["peserta", "kompetensi"], name="hasil_kompetensi_unik"),
            models.CheckConstraint(
                condition=Q(standar__gte=LEVEL_MIN, standar__lte=LEVEL_MAX), name="hasil_standar_1_5"
            ),
        ]
        indexes = [models.Index(fields=["kompetensi", "gap"], name="hasil_kompetensi_gap")]

    def __str__(self) -> str:
        return f"{self.kompetensi}: level {self.capaian if self.capaian is not None else '-'} (standar {self.standar})"

    @property
    def rekan_rata(self) -> Decimal | None:
        """The peers' mean to two decimals, only with at least 3 answers (MIN_REKAN)."""
        from kompetensi.rules import MIN_REKAN

        if self.rekan_jumlah < MIN_REKAN:
            return None
        return (Decimal(self.rekan_total) / Decimal(self.rekan_jumlah)).quantize(Decimal("0.01"))


class PenilaianKompetensi(TimeStampedModel):
    """The self-assessment or the supervisor's assessment of one participant."""

    class Jenis(models.TextChoices):
        DIRI = "diri", "Penilaian diri"
        ATASAN = "atasan", "Penilaian atasan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        TERKIRIM = "terkirim", "Terkirim"

    peserta = models.ForeignKey(PesertaPenilaian, on_delete=models.CASCADE, related_name="penilaian")
    jenis = models.CharField("jenis", max_length=6, choices=Jenis.choices)
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.DRAFT)
    dikirim_pada = models.DateTimeField("dikirim pada", null=True, blank=True)

    class Meta:
        verbose_name = "penilaian kompetensi"
        verbose_name_plural = "penilaian kompetensi"
        constraints = [models.UniqueConstraint(fields=["peserta", "jenis"], name="penilaian_kompetensi_unik")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.peserta_id}"

    @property
    def terkirim(self) -> bool:
        return self.status == self.Status.TERKIRIM


class NilaiKompetensi(models.Model):
    """One competency in a self or supervisor assessment: the level (empty in a draft), the
    justification or note, and (self-assessment) the behaviour indicators the person shows."""

    penilaian = models.ForeignKey(PenilaianKompetensi, on_delete=models.CASCADE, related_name="nilai")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("level", null=True, blank=True, validators=LEVEL_VALIDATORS)
    catatan = models.TextField("catatan", blank=True)
    indikator = models.ManyToManyField(IndikatorPerilaku, verbose_name="indikator ditunjukkan", blank=True)

    class Meta:
        verbose_name = "nilai kompetensi"
        verbose_name_plural = "nilai kompetensi"
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "kompetensi"], name="nilai_kompetensi_unik"),
            models.CheckConstraint(condition=_LEVEL_ATAU_KOSONG, name="nilai_kompetensi_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.penilaian_id}/{self.kompetensi_id}: {self.level}"


class PenugasanRekan(TimeStampedModel):
    """Who must rate whom as a peer. Holds the rater's unsent draft (never audited, never shown
    to anyone else); on submission the draft is cleared and the levels go to JawabanRekan."""

    class Status(models.TextChoices):
        DITUGASKAN = "ditugaskan", "Belum mengisi"
        TERKIRIM = "terkirim", "Sudah mengisi"

    peserta = models.ForeignKey(PesertaPenilaian, on_delete=models.CASCADE, related_name="penugasan_rekan")
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="tugas_rekan_kompetensi")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DITUGASKAN)
    draf = models.JSONField("draf", default=dict, blank=True)
    dikirim_pada = models.DateTimeField("dikirim pada", null=True, blank=True)
    ditugaskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "penugasan rekan"
        verbose_name_plural = "penugasan rekan"
        constraints = [models.UniqueConstraint(fields=["peserta", "penilai"], name="penugasan_rekan_unik")]
        indexes = [models.Index(fields=["penilai", "status"], name="penugasan_rekan_penilai")]

    def __str__(self) -> str:
        return f"rekan untuk {self.peserta_id}"


class JawabanRekan(models.Model):
    """One peer's level for one competency. Deliberately no rater and no timestamp."""

    peserta = models.ForeignKey(PesertaPenilaian, on_delete=models.CASCADE, related_name="jawaban_rekan")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("level", validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = "jawaban rekan"
        verbose_name_plural = "jawaban rekan"
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX), name="jawaban_rekan_1_5")
        ]
        indexes = [models.Index(fields=["peserta", "kompetensi"], name="jawaban_rekan_peserta")]

    def __str__(self) -> str:
        return f"jawaban rekan {self.peserta_id}/{self.kompetensi_id}"
