"""The citizen satisfaction survey (SKM, PermenPANRB 14/2017): a public form per service, one
row per submission with the nine elements answered 1 to 4 (an element may be skipped)."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import UnitKerja


class Unsur:
    def __init__(self, kode: str, nama: str, pertanyaan: str, jawaban: tuple[str, str, str, str]):
        self.kode, self.nama, self.pertanyaan, self.jawaban = kode, nama, pertanyaan, jawaban

    @property
    def field(self) -> str:
        return self.kode.lower()


# The nine elements with the regulated question and answer wording (1 = a ... 4 = d).
UNSUR_SKM: tuple[Unsur, ...] = (
    Unsur(
        "U1",
        "Persyaratan",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        "U2",
        "Sistem, Mekanisme, dan Prosedur",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Unsur(
        "U3",
        "Waktu Penyelesaian",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    ),
    Unsur(
        "U4",
        "Biaya/Tarif",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    ),
    Unsur(
        "U5",
        "Produk Spesifikasi Jenis Pelayanan",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
        "standar pelayanan dengan hasil yang diberikan?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Unsur(
        "U6",
        "Kompetensi Pelaksana",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Unsur(
        "U7",
        "Perilaku Pelaksana",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    ),
    Unsur(
        "U8",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    ),
    Unsur(
        "U9",
        "Sarana dan Prasarana",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
    ),
)


def _kode_publik() -> str:
    return secrets.token_urlsafe(8)


class LayananSkm(TimeStampedModel):
    """A service whose users are surveyed, reached by a public link or a printed QR code."""

    unit = models.ForeignKey(
        UnitKerja, verbose_name="unit layanan", on_delete=models.PROTECT, related_name="layanan_skm"
    )
    nama = models.CharField("nama layanan", max_length=200)
    kode_publik = models.CharField(max_length=20, unique=True, default=_kode_publik, editable=False)
    populasi = models.PositiveIntegerField(
        "populasi penerima layanan per periode",
        default=0,
        help_text="Perkiraan jumlah penerima layanan dalam satu periode survei (untuk sampel minimal Krejcie-Morgan).",
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "layanan SKM"
        verbose_name_plural = "layanan SKM"
        ordering = ["unit__nama", "nama"]
        constraints = [models.UniqueConstraint(fields=["unit", "nama"], name="layanan_skm_unik")]

    def __str__(self) -> str:
        return self.nama


_SKOR = [MinValueValidator(1), MaxValueValidator(4)]


class ResponSkm(models.Model):
    class Usia(models.TextChoices):
        SAMPAI_20 = "<=20", "20 tahun ke bawah"
        U21_30 = "21-30", "21-30 tahun"
        U31_40 = "31-40", "31-40 tahun"
        U41_50 = "41-50", "41-50 tahun"
        U51_60 = "51-60", "51-60 tahun"
        LEBIH_60 = ">60", "Di atas 60 tahun"

    class JenisKelamin(models.TextChoices):
        L = "L", "Laki-laki"
        P = "P", "Perempuan"

    class Pendidikan(models.TextChoices):
        SD = "sd", "SD ke bawah"
        SMP = "smp", "SMP"
        SMA = "sma", "SMA/SMK"
        DIPLOMA = "diploma", "D1-D3"
        S1 = "s1", "D4/S1"
        S2 = "s2", "S2 ke atas"

    class Pekerjaan(models.TextChoices):
        ASN = "asn", "PNS/TNI/Polri"
        SWASTA = "swasta", "Pegawai swasta"
        WIRASWASTA = "wiraswasta", "Wiraswasta/Usahawan"
        PELAJAR = "pelajar", "Pelajar/Mahasiswa"
        LAINNYA = "lainnya", "Lainnya"

    layanan = models.ForeignKey(LayananSkm, on_delete=models.PROTECT, related_name="respon")
    u1 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True, validators=_SKOR)
    usia = models.CharField("usia", max_length=5, choices=Usia.choices)
    jenis_kelamin = models.CharField("jenis kelamin", max_length=1, choices=JenisKelamin.choices)
    pendidikan = models.CharField("pendidikan", max_length=8, choices=Pendidikan.choices)
    pekerjaan = models.CharField("pekerjaan", max_length=10, choices=Pekerjaan.choices)
    saran = models.TextField("saran", blank=True)
    token_kirim = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField("diisi", db_index=True)

    class Meta:
        verbose_name = "respons SKM"
        verbose_name_plural = "respons SKM"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["layanan", "created_at"], name="skm_layanan_waktu")]
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"u{i}__isnull": True}) | Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}),
                    name=f"skm_u{i}_1_4",
                )
                for i in range(1, 10)
            ],
            models.CheckConstraint(
                condition=Q(u1__isnull=False)
                | Q(u2__isnull=False)
                | Q(u3__isnull=False)
                | Q(u4__isnull=False)
                | Q(u5__isnull=False)
                | Q(u6__isnull=False)
                | Q(u7__isnull=False)
                | Q(u8__isnull=False)
                | Q(u9__isnull=False),
                name="skm_minimal_satu_unsur",
            ),
        ]

    def __str__(self) -> str:
        return f"Respons SKM #{self.pk}"
