"""Assessment of one pegawai in one period: the self-assessment, the anonymous peer (360)
ratings of the BerAKHLAK values, the supervisor's ratings, the predikat, finalisation and the
objection (keberatan).

`EvaluasiPegawai` is the pegawai's record in a period, created for every active employee when
the period starts, with a snapshot (unit, OPD, position, rater and the rater's own atasan) so
later moves do not rewrite history. The predikat is always computed from the two ratings by
`evaluasi.rules.predikat_dari` (the matrix of PermenPANRB 6/2022), never typed.

Peers are anonymous by construction, as in the competency rounds: `PenugasanRekanKinerja` says
who rates whom and holds the unsent draft; on submission the scores become
`JawabanRekanKinerja` rows and the optional comment a `KomentarRekanKinerja` row, both with **no
rater and no timestamp**. The aggregate is released once (`rekan_dibuka`) and shown only with
at least `PengaturanKinerja.rekan_min` answers.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .pengaturan import Predikat, Rating
from .periode import Periode
from .skp import NilaiDasar, RencanaHasilKerja, Skp

SKOR_REKAN_MIN, SKOR_REKAN_MAKS = 1, 5


class EvaluasiPegawai(TimeStampedModel):
    class Status(models.TextChoices):
        BELUM = "belum", "Belum dinilai"
        DRAFT = "draft", "Draf penilaian atasan"
        FINAL = "final", "Final"

    periode = models.ForeignKey(Periode, on_delete=models.PROTECT, related_name="evaluasi")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi_kinerja")
    skp = models.ForeignKey(Skp, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluasi")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="+")
    opd = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluasi_dinilai"
    )
    atasan_penilai = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluasi_atasan_penilai"
    )
    status = models.CharField("status", max_length=6, choices=Status.choices, default=Status.BELUM)
    rating_hasil = models.CharField("hasil kerja", max_length=8, choices=Rating.choices, blank=True)
    rating_perilaku = models.CharField("perilaku kerja", max_length=8, choices=Rating.choices, blank=True)
    predikat = models.CharField("predikat kinerja", max_length=16, choices=Predikat.choices, blank=True)
    umpan_balik = models.TextField("umpan balik atasan", blank=True)
    difinalkan_pada = models.DateTimeField("difinalkan pada", null=True, blank=True)
    difinalkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diterima_pada = models.DateTimeField("diterima pegawai pada", null=True, blank=True)
    rekan_dibuka = models.BooleanField("hasil rekan dibuka", default=False)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "evaluasi kinerja pegawai"
        verbose_name_plural = "evaluasi kinerja pegawai"
        ordering = ["periode", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["periode", "pegawai"], name="evaluasi_periode_pegawai_unik"),
            models.CheckConstraint(
                condition=~Q(status="final") | (~Q(rating_hasil="") & ~Q(rating_perilaku="") & ~Q(predikat="")),
                name="evaluasi_final_lengkap",
            ),
            models.CheckConstraint(condition=~Q(penilai=models.F("pegawai")), name="evaluasi_penilai_bukan_diri"),
        ]
        indexes = [
            models.Index(fields=["periode", "penilai", "status"], name="evaluasi_penilai"),
            models.Index(fields=["periode", "unit", "predikat"], name="evaluasi_unit_predikat"),
            models.Index(fields=["periode", "opd"], name="evaluasi_opd"),
            models.Index(fields=["periode", "atasan_penilai"], name="evaluasi_atasan_penilai"),
        ]

    def __str__(self) -> str:
        return f"Evaluasi pegawai #{self.pegawai_id} periode #{self.periode_id}"

    @property
    def final(self) -> bool:
        return self.status == self.Status.FINAL


class PenilaianDiriKinerja(TimeStampedModel):
    """The pegawai's self-assessment: a proposed rating of hasil kerja and perilaku, with a
    reflection (per-RHK proposals live on RatingRhk). Submitted = locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        TERKIRIM = "terkirim", "Terkirim"

    evaluasi = models.OneToOneField(EvaluasiPegawai, on_delete=models.CASCADE, related_name="penilaian_diri")
    rating_hasil = models.CharField("usulan hasil kerja", max_length=8, choices=Rating.choices, blank=True)
    rating_perilaku = models.CharField("usulan perilaku kerja", max_length=8, choices=Rating.choices, blank=True)
    refleksi = models.TextField("refleksi", blank=True)
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.DRAFT)
    dikirim_pada = models.DateTimeField("dikirim pada", null=True, blank=True)
    versi = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "penilaian diri kinerja"
        verbose_name_plural = "penilaian diri kinerja"

    def __str__(self) -> str:
        return f"Penilaian diri evaluasi #{self.evaluasi_id}"

    @property
    def terkirim(self) -> bool:
        return self.status == self.Status.TERKIRIM


class RatingRhk(models.Model):
    """One RHK in one period: the pegawai's proposed rating and the atasan's rating."""

    evaluasi = models.ForeignKey(EvaluasiPegawai, on_delete=models.CASCADE, related_name="rating_rhk")
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.CASCADE, related_name="+")
    rating_diri = models.CharField("usulan pegawai", max_length=8, choices=Rating.choices, blank=True)
    catatan_diri = models.TextField("catatan pegawai", blank=True)
    rating_atasan = models.CharField("penilaian atasan", max_length=8, choices=Rating.choices, blank=True)
    catatan_atasan = models.TextField("catatan atasan", blank=True)

    class Meta:
        verbose_name = "penilaian RHK"
        verbose_name_plural = "penilaian RHK"
        constraints = [models.UniqueConstraint(fields=["evaluasi", "rhk"], name="rating_rhk_unik")]

    def __str__(self) -> str:
        return f"RHK #{self.rhk_id} evaluasi #{self.evaluasi_id}"


class PenugasanRekanKinerja(TimeStampedModel):
    """Who must rate whom on the BerAKHLAK values. Holds the unsent draft (never audited,
    never shown to anyone else); on submission the draft is cleared."""

    class Status(models.TextChoices):
        DITUGASKAN = "ditugaskan", "Belum mengisi"
        TERKIRIM = "terkirim", "Sudah mengisi"

    evaluasi = models.ForeignKey(EvaluasiPegawai, on_delete=models.CASCADE, related_name="penugasan_rekan")
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="tugas_rekan_kinerja")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DITUGASKAN)
    draf = models.JSONField("draf", default=dict, blank=True)
    dikirim_pada = models.DateTimeField("dikirim pada", null=True, blank=True)
    ditugaskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "penugasan rekan (perilaku)"
        verbose_name_plural = "penugasan rekan (perilaku)"
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "penilai"], name="penugasan_rekan_kinerja_unik"),
        ]
        indexes = [models.Index(fields=["penilai", "status"], name="penugasan_rk_penilai")]

    def __str__(self) -> str:
        return f"rekan untuk evaluasi #{self.evaluasi_id}"


class JawabanRekanKinerja(models.Model):
    """One peer's score (1 to 5) for one value. Deliberately no rater and no timestamp."""

    evaluasi = models.ForeignKey(EvaluasiPegawai, on_delete=models.CASCADE, related_name="jawaban_rekan")
    nilai_dasar = models.ForeignKey(NilaiDasar, on_delete=models.PROTECT, related_name="+")
    skor = models.PositiveSmallIntegerField(
        "skor", validators=[MinValueValidator(SKOR_REKAN_MIN), MaxValueValidator(SKOR_REKAN_MAKS)]
    )

    class Meta:
        verbose_name = "jawaban rekan (perilaku)"
        verbose_name_plural = "jawaban rekan (perilaku)"
        constraints = [
            models.CheckConstraint(
                condition=Q(skor__gte=SKOR_REKAN_MIN, skor__lte=SKOR_REKAN_MAKS), name="jawaban_rk_skor_1_5"
            )
        ]
        indexes = [models.Index(fields=["evaluasi", "nilai_dasar"], name="jawaban_rk_evaluasi")]

    def __str__(self) -> str:
        return f"jawaban rekan evaluasi #{self.evaluasi_id}"


class KomentarRekanKinerja(models.Model):
    """A peer's optional comment. No rater, no timestamp; shown only with the released
    aggregate, in an order unrelated to when it was written (by text)."""

    evaluasi = models.ForeignKey(EvaluasiPegawai, on_delete=models.CASCADE, related_name="komentar_rekan")
    teks = models.TextField("komentar")

    class Meta:
        verbose_name = "komentar rekan (perilaku)"
        verbose_name_plural = "komentar rekan (perilaku)"
        ordering = ["evaluasi", "teks"]

    def __str__(self) -> str:
        return f"komentar rekan evaluasi #{self.evaluasi_id}"


class Keberatan(TimeStampedModel):
    """An objection to a final result, decided by the rater's own atasan (atasan pejabat
    penilai). The decision is final; the ratings before and after are both kept."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan"
        DIPUTUS = "diputus", "Diputus"

    class Keputusan(models.TextChoices):
        DIPERTAHANKAN = "dipertahankan", "Penilaian dipertahankan"
        DIUBAH = "diubah", "Penilaian diubah"

    evaluasi = models.OneToOneField(EvaluasiPegawai, on_delete=models.PROTECT, related_name="keberatan")
    alasan = models.TextField("alasan keberatan")
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.DIAJUKAN)
    pemutus = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="keberatan_diputus")
    tanggapan_penilai = models.TextField("tanggapan pejabat penilai", blank=True)
    rating_hasil_awal = models.CharField(max_length=8, choices=Rating.choices)
    rating_perilaku_awal = models.CharField(max_length=8, choices=Rating.choices)
    predikat_awal = models.CharField(max_length=16, choices=Predikat.choices)
    keputusan = models.CharField("keputusan", max_length=14, choices=Keputusan.choices, blank=True)
    rating_hasil_akhir = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    rating_perilaku_akhir = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    predikat_akhir = models.CharField(max_length=16, choices=Predikat.choices, blank=True)
    pertimbangan = models.TextField("pertimbangan keputusan", blank=True)
    diputus_pada = models.DateTimeField("diputus pada", null=True, blank=True)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "keberatan"
        verbose_name_plural = "keberatan"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="diputus") | (~Q(keputusan="") & ~Q(predikat_akhir="") & ~Q(pertimbangan="")),
                name="keberatan_putusan_lengkap",
            ),
        ]
        indexes = [models.Index(fields=["pemutus", "status"], name="keberatan_pemutus")]

    def __str__(self) -> str:
        return f"Keberatan evaluasi #{self.evaluasi_id}"
