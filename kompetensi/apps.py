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
            NilaiKompetensi,
            PenilaianKompetensi,
            PenugasanRekan,
            ProgramKompetensi,
            ProgramPengembangan,
            PutaranPenilaian,
            RencanaPengembangan,
            StandarKompetensiJabatan,
            StandarLevelDefault,
        )

        auditlog.register(Kompetensi, exclude_fields=["updated_at"])
        auditlog.register(LevelKompetensi)
        auditlog.register(IndikatorPerilaku)
        auditlog.register(StandarLevelDefault)
        auditlog.register(StandarKompetensiJabatan, exclude_fields=["updated_at"])
        auditlog.register(PutaranPenilaian, exclude_fields=["updated_at"], m2m_fields={"unit"})
        auditlog.register(PenilaianKompetensi, exclude_fields=["updated_at"])
        auditlog.register(NilaiKompetensi, m2m_fields={"indikator"})
        # Who was assigned and whether they answered; never the unsent draft (the answers).
        # JawabanRekan is not registered at all: an entry's actor would name the peer.
        auditlog.register(PenugasanRekan, exclude_fields=["updated_at", "draf"])
        auditlog.register(ProgramPengembangan, exclude_fields=["updated_at"])
        auditlog.register(ProgramKompetensi)
        auditlog.register(RencanaPengembangan, exclude_fields=["updated_at"])
