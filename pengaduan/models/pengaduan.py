"""A citizen's complaint, its timeline and evidence.

The complainant's identity lives in its own table (`IdentitasPelapor`), never joined by the
lists, exports or notifications: only `pengaduan.access.identitas_lihat` reads it, and each read
is written to the audit log. The tracking key is stored as a keyed hash only.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from asn_kinerja.models import TimeStampedModel
from pegawai.models import Pegawai, UnitKerja

from .pengaturan import Kelas, Kompleksitas


class Privasi(models.TextChoices):
    BIASA = "biasa", "Biasa"
    ANONIM = "anonim", "Anonim (identitas dirahasiakan)"
    RAHASIA = "rahasia", "Rahasia (seluruh laporan tertutup dari publik)"


class StatusPengaduan(models.TextChoices):
    BARU = "baru", "Baru"
    TERVERIFIKASI = "terverifikasi", "Terverifikasi"
    DITOLAK = "ditolak", "Ditolak"
    BUKAN_WEWENANG = "bukan_wewenang", "Bukan Wewenang"
    DIDISPOSISIKAN = "didisposisikan", "Didisposisikan"
    DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
    SELESAI = "selesai", "Selesai"
    DIARSIPKAN = "diarsipkan", "Diarsipkan"


# Cases still running against a deadline (an overdue one of these counts as late).
STATUS_TERBUKA = (
    StatusPengaduan.BARU,
    StatusPengaduan.TERVERIFIKASI,
    StatusPengaduan.DIDISPOSISIKAN,
    StatusPengaduan.DITINDAKLANJUTI,
)
# Closed without being handled: no completion deadline applies.
STATUS_DITOLAK = (StatusPengaduan.DITOLAK, StatusPengaduan.BUKAN_WEWENANG)


class Pengaduan(TimeStampedModel):
    kode = models.CharField("kode lacak", max_length=20, unique=True)
    kunci_hash = models.CharField(max_length=64, editable=False)
    # The form's one-time token: a form posted twice creates one case.
    token_kirim = models.UUIDField(unique=True, editable=False)

    kelas = models.CharField("kelas", max_length=12, choices=Kelas.choices)
    opd = models.ForeignKey(
        UnitKerja, verbose_name="perangkat daerah", on_delete=models.PROTECT, related_name="pengaduan"
    )
    nama_terlapor = models.CharField("petugas yang dilaporkan (nama)", max_length=150, blank=True)
    pegawai_terlapor = models.ForeignKey(
        Pegawai,
        verbose_name="pegawai yang dilaporkan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pengaduan_terhadap",
    )
    judul = models.CharField("judul", max_length=200)
    uraian = models.TextField("apa yang terjadi")
    tanggal_layanan = models.DateField("tanggal kejadian/layanan")
    lokasi = models.CharField("lokasi", max_length=200, blank=True)
    kerugian = models.TextField("kerugian yang dialami", blank=True)
    harapan = models.TextField("penyelesaian yang diharapkan", blank=True)
    privasi = models.CharField("kerahasiaan", max_length=8, choices=Privasi.choices, default=Privasi.BIASA)
    layanan_lewat_batas = models.BooleanField("layanan lebih dari batas hari", default=False)

    status = models.CharField(
        "status", max_length=16, choices=StatusPengaduan.choices, default=StatusPengaduan.BARU, db_index=True
    )
    kompleksitas = models.CharField("kompleksitas", max_length=10, choices=Kompleksitas.choices, blank=True)
    diterima_pada = models.DateTimeField("diterima", db_index=True)
    terverifikasi_pada = models.DateTimeField("diverifikasi", null=True, blank=True)
    didisposisikan_pada = models.DateTimeField("didisposisikan", null=True, blank=True)
    ditanggapi_pada = models.DateTimeField("tanggapan pertama", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)
    diarsipkan_pada = models.DateTimeField("diarsipkan", null=True, blank=True)
    # Deadlines as dates (working-day arithmetic in pengaduan.rules, holidays from HariLibur).
    batas_verifikasi = models.DateField("batas verifikasi")
    batas_tanggapan = models.DateField("batas tanggapan", null=True, blank=True)
    batas_selesai = models.DateField("batas selesai", null=True, blank=True)
    hari_kerja_selesai = models.PositiveSmallIntegerField("lama penyelesaian (hari kerja)", null=True, blank=True)

    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_tujuan = models.ForeignKey(
        UnitKerja,
        verbose_name="unit tujuan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pengaduan_disposisi",
    )
    petugas_tindak = models.ForeignKey(
        Pegawai,
        verbose_name="penanggung jawab",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pengaduan_ditangani",
    )
    alasan_penolakan = models.TextField("alasan", blank=True)
    terbukti = models.BooleanField("pengaduan terbukti", null=True, blank=True)

    nilai_warga = models.PositiveSmallIntegerField(
        "penilaian pelapor", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    ulasan_warga = models.TextField("ulasan pelapor", blank=True)
    dinilai_pada = models.DateTimeField(null=True, blank=True)
    dibuka_kembali_pada = models.DateTimeField("dibuka kembali", null=True, blank=True)

    class Meta:
        verbose_name = "pengaduan"
        verbose_name_plural = "pengaduan"
        ordering = ["-diterima_pada", "-id"]
        indexes = [
            models.Index(fields=["opd", "status"], name="aduan_opd_status"),
            models.Index(fields=["status", "batas_selesai"], name="aduan_status_batas"),
            models.Index(fields=["petugas_tindak", "status"], name="aduan_petugas_status"),
            models.Index(fields=["unit_tujuan", "diterima_pada"], name="aduan_unit_diterima"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai_warga__isnull=True) | Q(nilai_warga__gte=1, nilai_warga__lte=5),
                name="aduan_nilai_1_5",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["didisposisikan", "ditindaklanjuti"]) | Q(unit_tujuan__isnull=False),
                name="aduan_disposisi_ada_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"Pengaduan {self.kode}"

    @property
    def terbuka(self) -> bool:
        return self.status in STATUS_TERBUKA


class IdentitasPelapor(models.Model):
    """Who filed the case. Read only through pengaduan.access; never audited by value (the
    audit log would otherwise be a second place to read it); each read is logged instead."""

    pengaduan = models.OneToOneField(Pengaduan, primary_key=True, on_delete=models.CASCADE, related_name="identitas")
    nama = models.CharField("nama", max_length=150)
    email = models.EmailField("e-mail", blank=True)
    telepon = models.CharField("telepon/WhatsApp", max_length=20, blank=True)
    alamat = models.TextField("alamat", blank=True)

    class Meta:
        verbose_name = "identitas pelapor"
        verbose_name_plural = "identitas pelapor"

    def __str__(self) -> str:
        return f"Identitas pelapor pengaduan #{self.pk}"


def _bukti_path(instance, filename: str) -> str:
    ext = PurePosixPath(filename).suffix.lower()[:10]
    return f"pengaduan/{uuid.uuid4().hex}{ext}"


class BuktiPengaduan(models.Model):
    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField("berkas", upload_to=_bukti_path, max_length=255)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    jenis_mime = models.CharField(max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (byte)")
    dari_pelapor = models.BooleanField(default=True)
    created_at = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "bukti pengaduan"
        verbose_name_plural = "bukti pengaduan"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Bukti pengaduan #{self.pengaduan_id}"


class RiwayatPengaduan(models.Model):
    """One entry of the case's timeline: a status change, a response the citizen sees, an
    internal note, the citizen's rating or reopening. `oleh` empty = the citizen or the system."""

    class Jenis(models.TextChoices):
        STATUS = "status", "Perubahan status"
        TANGGAPAN = "tanggapan", "Tanggapan"
        CATATAN = "catatan", "Catatan internal"
        PENILAIAN = "penilaian", "Penilaian pelapor"
        BUKA_KEMBALI = "buka_kembali", "Dibuka kembali"

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.CASCADE, related_name="riwayat")
    jenis = models.CharField(max_length=14, choices=Jenis.choices)
    status_dari = models.CharField(max_length=16, choices=StatusPengaduan.choices, blank=True)
    status_ke = models.CharField(max_length=16, choices=StatusPengaduan.choices, blank=True)
    isi = models.TextField("isi", blank=True)
    publik = models.BooleanField("terlihat oleh pelapor", default=False)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "riwayat pengaduan"
        verbose_name_plural = "riwayat pengaduan"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["pengaduan", "created_at"], name="riwayat_aduan_waktu")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} pengaduan #{self.pengaduan_id}"
