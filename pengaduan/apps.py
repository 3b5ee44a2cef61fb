from django.apps import AppConfig


class PengaduanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pengaduan"
    verbose_name = "Pengaduan dan Survei Kepuasan"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import AturanSla, HariLibur, LayananSkm, Pengaduan, PengaturanPengaduan

        # The complainant's identity (IdentitasPelapor) is deliberately not registered: the audit
        # log would become a second place to read it. Reads of it are logged instead
        # (pengaduan.access.identitas_lihat). Survey answers are anonymous and not audited.
        auditlog.register(Pengaduan, exclude_fields=["kunci_hash", "token_kirim", "updated_at"])
        auditlog.register(AturanSla, exclude_fields=["updated_at"])
        auditlog.register(PengaturanPengaduan, exclude_fields=["updated_at"])
        auditlog.register(HariLibur, exclude_fields=["updated_at"])
        auditlog.register(LayananSkm, exclude_fields=["updated_at"])
