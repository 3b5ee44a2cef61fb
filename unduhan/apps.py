from django.apps import AppConfig


class UnduhanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "unduhan"
    verbose_name = "Unduhan"

    def ready(self) -> None:
        # Every app declares its background exports in `<app>/exports/latar.py` (as admin.py
        # registers models): importing them here fills the registry in the web process and in
        # the Celery worker alike, whatever was imported first.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exports.latar")
