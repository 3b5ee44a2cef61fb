from django.apps import AppConfig


class KompetensiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kompetensi"
    verbose_name = "Kompetensi"
