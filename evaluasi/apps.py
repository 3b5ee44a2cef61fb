from django.apps import AppConfig


class EvaluasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluasi"
    verbose_name = "Evaluasi Kinerja"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import (
            AturanKurva,
            BuktiDukung,
            EkspektasiKhusus,
            EvaluasiPegawai,
            IndikatorKinerja,
            Keberatan,
            LogHarian,
            PengaturanKinerja,
            PenilaianDiriKinerja,
            PenugasanRekanKinerja,
            Periode,
            PredikatOrganisasi,
            RatingRhk,
            Realisasi,
            RencanaHasilKerja,
            SasaranUnit,
            Skp,
            UmpanBalik,
        )

        tanpa = ["updated_at", "versi"]
        auditlog.register(PengaturanKinerja, exclude_fields=["updated_at"])
        auditlog.register(AturanKurva)
        auditlog.register(Periode, exclude_fields=["updated_at"])
        auditlog.register(PredikatOrganisasi, exclude_fields=["updated_at"])
        auditlog.register(SasaranUnit, exclude_fields=["updated_at"])
        auditlog.register(Skp, exclude_fields=tanpa)
        auditlog.register(RencanaHasilKerja, exclude_fields=["updated_at"])
        auditlog.register(IndikatorKinerja)
        auditlog.register(EkspektasiKhusus, exclude_fields=["updated_at"])
        auditlog.register(Realisasi, exclude_fields=tanpa)
        auditlog.register(UmpanBalik)
        auditlog.register(LogHarian, exclude_fields=tanpa)
        auditlog.register(BuktiDukung)
        auditlog.register(EvaluasiPegawai, exclude_fields=tanpa)
        auditlog.register(PenilaianDiriKinerja, exclude_fields=tanpa)
        auditlog.register(RatingRhk)
        # Who was assigned and whether they answered; never the unsent draft (the scores).
        # JawabanRekanKinerja and KomentarRekanKinerja are not registered: an entry's actor
        # would name the peer.
        auditlog.register(PenugasanRekanKinerja, exclude_fields=["updated_at", "draf"])
        auditlog.register(Keberatan, exclude_fields=["updated_at"])
