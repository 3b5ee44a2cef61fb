from django.apps import AppConfig


class KompetensiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kompetensi"
    verbose_name = "Kompetensi"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import (
            IndikatorPerilaku,
            Kompetensi,
            LevelKompetensi,
            StandarKompetensiJabatan,
            StandarLevelDefault,
        )

        auditlog.register(Kompetensi, exclude_fields=["updated_at"])
        auditlog.register(LevelKompetensi)
        auditlog.register(IndikatorPerilaku)
        auditlog.register(StandarLevelDefault)
        auditlog.register(StandarKompetensiJabatan, exclude_fields=["updated_at"])
