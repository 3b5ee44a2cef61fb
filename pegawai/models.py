"""Units, positions, employees and the roles that scope what each user sees."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from asn_kinerja.models import TimeStampedModel

from .validators import nip_parse, validate_nip


class UnitKerja(TimeStampedModel):
    """A node of the unit tree: Pemda > OPD > Bidang/Bagian > Subbidang/Seksi.

    `opd` is denormalised (the OPD this unit belongs to; itself for an OPD, empty for the
    Pemda) so that "everything in this OPD" is one indexed filter, not a tree walk.
    """

    class Jenis(models.TextChoices):
        PEMDA = "pemda", "Pemerintah Daerah"
        OPD = "opd", "Perangkat Daerah (OPD)"
        BIDANG = "bidang", "Bidang/Bagian"
        SUBBIDANG = "subbidang", "Subbidang/Seksi"

    TINGKAT = {Jenis.PEMDA: 0, Jenis.OPD: 1, Jenis.BIDANG: 2, Jenis.SUBBIDANG: 3}

    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama", max_length=200)
    jenis = models.CharField("jenis", max_length=12, choices=Jenis.choices)
    induk = models.ForeignKey(
        "self", verbose_name="unit induk", null=True, blank=True, on_delete=models.PROTECT, related_name="anak"
    )
    opd = models.ForeignKey(
        "self", verbose_name="OPD", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["kode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(induk__isnull=True) | ~Q(induk=F("id")), name="unitkerja_induk_bukan_diri"
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def tingkat(self) -> int:
        return self.TINGKAT[self.jenis]


class Jabatan(TimeStampedModel):
    """A position in the catalogue (shared by units: "Guru Ahli Pertama" exists in every school)."""

    class Jenis(models.TextChoices):
        JPT = "jpt", "Jabatan Pimpinan Tinggi (JPT)"
        ADMINISTRATOR = "administrator", "Administrator"
        PENGAWAS = "pengawas", "Pengawas"
        PELAKSANA = "pelaksana", "Pelaksana"
        FUNGSIONAL = "fungsional", "Fungsional"

    class Jenjang(models.TextChoices):
        PRATAMA = "pratama", "Pratama"
        MADYA_JPT = "madya_jpt", "Madya (JPT)"
        PERTAMA = "pertama", "Ahli Pertama"
        MUDA = "muda", "Ahli Muda"
        MADYA = "madya", "Ahli Madya"
        UTAMA = "utama", "Ahli Utama"
        TERAMPIL = "terampil", "Terampil"
        MAHIR = "mahir", "Mahir"
        PENYELIA = "penyelia", "Penyelia"

    JENJANG_PER_JENIS = {
        Jenis.JPT: {Jenjang.PRATAMA, Jenjang.MADYA_JPT},
        Jenis.FUNGSIONAL: {
            Jenjang.PERTAMA,
            Jenjang.MUDA,
            Jenjang.MADYA,
            Jenjang.UTAMA,
            Jenjang.TERAMPIL,
            Jenjang.MAHIR,
            Jenjang.PENYELIA,
        },
    }

    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama jabatan", max_length=200)
    jenis = models.CharField("jenis jabatan", max_length=15, choices=Jenis.choices)
    jenjang = models.CharField("jenjang", max_length=12, choices=Jenjang.choices, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        boleh = self.JENJANG_PER_JENIS.get(self.jenis)
        if boleh is None and self.jenjang:
            raise ValidationError({"jenjang": "Jenjang hanya diisi untuk jabatan JPT dan fungsional."})
        if boleh is not None and self.jenjang not in boleh:
            pilihan = ", ".join(sorted(self.Jenjang(j).label for j in boleh))
            raise ValidationError(
                {"jenjang": f"Jenjang untuk jabatan {self.get_jenis_display()} harus salah satu dari: {pilihan}."}
            )


class Pegawai(TimeStampedModel):
    class Status(models.TextChoices):
        PNS = "pns", "PNS"
        CPNS = "cpns", "CPNS"
        PPPK = "pppk", "PPPK"

    GOLONGAN_PNS = [
        ("I/a", "Juru Muda"),
        ("I/b", "Juru Muda Tingkat I"),
        ("I/c", "Juru"),
        ("I/d", "Juru Tingkat I"),
        ("II/a", "Pengatur Muda"),
        ("II/b", "Pengatur Muda Tingkat I"),
        ("II/c", "Pengatur"),
        ("II/d", "Pengatur Tingkat I"),
        ("III/a", "Penata Muda"),
        ("III/b", "Penata Muda Tingkat I"),
        ("III/c", "Penata"),
        ("III/d", "Penata Tingkat I"),
        ("IV/a", "Pembina"),
        ("IV/b", "Pembina Tingkat I"),
        ("IV/c", "Pembina Utama Muda"),
        ("IV/d", "Pembina Utama Madya"),
        ("IV/e", "Pembina Utama"),
    ]
    GRADE_PPPK = [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
        "XIV",
        "XV",
        "XVI",
        "XVII",
    ]
    PANGKAT = dict(GOLONGAN_PNS)
    GOLONGAN_CHOICES = [(g, f"{g} ({p})") for g, p in GOLONGAN_PNS] + [(g, f"PPPK {g}") for g in GRADE_PPPK]

    nip = models.CharField("NIP", max_length=18, unique=True, validators=[validate_nip])
    nama = models.CharField("nama", max_length=150, db_index=True)
    gelar_depan = models.CharField("gelar depan", max_length=30, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=60, blank=True)
    status_kepegawaian = models.CharField("status kepegawaian", max_length=4, choices=Status.choices)
    golongan = models.CharField("golongan/grade", max_length=5, choices=GOLONGAN_CHOICES)
    unit = models.ForeignKey(UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="pegawai")
    jabatan = models.ForeignKey(Jabatan, verbose_name="jabatan", on_delete=models.PROTECT, related_name="pegawai")
    atasan = models.ForeignKey(
        "self",
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bawahan_langsung",
    )
    email = models.EmailField("e-mail", blank=True)
    telepon = models.CharField("telepon", max_length=20, blank=True)
    aktif = models.BooleanField("aktif", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )
    # The supervisor chain as a materialised path of ids, top first, ending with this pegawai:
    # "/12/340/5321/". "Every subordinate of X" is then an indexed prefix match instead of a
    # recursive walk (a Sekda has the whole Pemda below them). Maintained by pegawai.hierarki.
    jalur = models.CharField("jalur atasan", max_length=500, blank=True, db_index=True, editable=False)
    # Accounts created by import or by an admin start without a password: the owner signs in
    # once with a random activation code (stored as SHA-256; it is high-entropy, so a fast hash
    # is safe and 10,000 accounts import in seconds) and must then choose their own password.
    wajib_ganti_password = models.BooleanField("wajib ganti kata sandi", default=False)
    kode_aktivasi_hash = models.CharField(max_length=64, blank=True, editable=False)
    kode_aktivasi_berlaku_sampai = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["nama", "nip"]
        constraints = [
            models.CheckConstraint(
                condition=Q(atasan__isnull=True) | ~Q(atasan=F("id")), name="pegawai_atasan_bukan_diri"
            ),
        ]
        indexes = [models.Index(fields=["unit", "aktif"]), models.Index(fields=["aktif", "nama"])]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{self.nama}{belakang}"

    @property
    def pangkat(self) -> str:
        return self.PANGKAT.get(self.golongan, "")

    @property
    def jenis_kelamin(self) -> str:
        return {"1": "Laki-laki", "2": "Perempuan"}.get(self.nip[14:15], "")

    @property
    def tanggal_lahir(self):
        return nip_parse(self.nip)[0]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        pns = {g for g, _ in self.GOLONGAN_PNS}
        if self.status_kepegawaian in (self.Status.PNS, self.Status.CPNS) and self.golongan not in pns:
            raise ValidationError({"golongan": "PNS/CPNS harus memiliki golongan I/a sampai IV/e."})
        if self.status_kepegawaian == self.Status.PPPK and self.golongan not in self.GRADE_PPPK:
            raise ValidationError({"golongan": "PPPK harus memiliki grade I sampai XVII."})


class RiwayatJabatan(models.Model):
    """Where a pegawai worked: one open row (sampai is empty) per active placement."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat")
    unit = models.ForeignKey(UnitKerja, verbose_name="unit kerja", on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, verbose_name="jabatan", on_delete=models.PROTECT, related_name="+")
    mulai = models.DateField("mulai")
    sampai = models.DateField("sampai", null=True, blank=True)
    keterangan = models.CharField("keterangan", max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "riwayat jabatan"
        verbose_name_plural = "riwayat jabatan"
        ordering = ["-mulai", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"], condition=Q(sampai__isnull=True), name="riwayat_satu_yang_berjalan"
            ),
        ]

    def __str__(self) -> str:
        # No relation access here: auditlog and bulk imports call str() on thousands of rows.
        sampai = self.sampai or "sekarang"
        return f"Riwayat jabatan pegawai #{self.pegawai_id}: {self.mulai} s.d. {sampai}"


class PeranPengguna(TimeStampedModel):
    """An assigned role. "Pegawai" and "Atasan" are not assigned: they follow from the data."""

    class Peran(models.TextChoices):
        ADMIN_OPD = "admin_opd", "Admin OPD"
        ADMIN_BKD = "admin_bkd", "Admin BKD"
        PETUGAS_PENGADUAN = "petugas_pengaduan", "Petugas Pengaduan"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran")
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    # Admin OPD: required. Petugas Pengaduan: the OPD served, or empty for a BKD officer (all OPD).
    opd = models.ForeignKey(
        UnitKerja,
        verbose_name="OPD",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"jenis": UnitKerja.Jenis.OPD},
    )

    class Meta:
        verbose_name = "peran pengguna"
        verbose_name_plural = "peran pengguna"
        constraints = [
            models.UniqueConstraint(fields=["user", "peran", "opd"], name="peran_unik"),
            models.UniqueConstraint(
                fields=["user", "peran"], condition=Q(opd__isnull=True), name="peran_unik_tanpa_opd"
            ),
            models.CheckConstraint(condition=~Q(peran="admin_opd") | Q(opd__isnull=False), name="admin_opd_wajib_opd"),
            models.CheckConstraint(condition=~Q(peran="admin_bkd") | Q(opd__isnull=True), name="admin_bkd_tanpa_opd"),
        ]

    def __str__(self) -> str:
        lingkup = self.opd.nama if self.opd_id else "seluruh Pemda"
        return f"{self.get_peran_display()} ({lingkup})"


class ImporPegawai(TimeStampedModel):
    """One upload of the employee workbook (units, positions, employees), processed by Celery.

    All-or-nothing: either every row is written or none is, and `galat` lists every row error.
    Files are private (MEDIA_ROOT is never served by URL).
    """

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Sedang diproses"
        BERHASIL = "berhasil", "Berhasil"
        GAGAL = "gagal", "Gagal"

    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Admin OPD imports are confined to their OPD; empty = Admin BKD (whole Pemda).
    opd = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    berkas = models.FileField(upload_to="impor/%Y/%m/", max_length=255)
    nama_berkas = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    tahap = models.CharField(max_length=100, blank=True)
    total_baris = models.PositiveIntegerField(default=0)
    diproses = models.PositiveIntegerField(default=0)
    jumlah_baru = models.PositiveIntegerField(default=0)
    jumlah_diubah = models.PositiveIntegerField(default=0)
    pesan = models.TextField(blank=True)
    # [{"lembar": "Pegawai", "baris": 7, "kolom": "NIP", "pesan": "..."}]
    galat = models.JSONField(default=list, blank=True)
    # Activation codes of accounts this import created: downloadable once by the importer.
    berkas_kredensial = models.FileField(upload_to="kredensial/", max_length=255, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "impor pegawai"
        verbose_name_plural = "impor pegawai"
        ordering = ["-created_at"]

    @property
    def persen(self) -> int:
        if self.status in (self.Status.BERHASIL, self.Status.GAGAL):
            return 100
        return int(self.diproses * 100 / self.total_baris) if self.total_baris else 0
