from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pegawai"
    verbose_name = "Kepegawaian"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.contrib.auth import get_user_model

        from .models import Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja

        auditlog.register(UnitKerja)
        auditlog.register(Jabatan)
        auditlog.register(Pegawai, exclude_fields=["kode_aktivasi_hash", "updated_at"])
        auditlog.register(RiwayatJabatan)
        auditlog.register(PeranPengguna)
        auditlog.register(get_user_model(), include_fields=["username", "is_active", "is_staff", "is_superuser"])
