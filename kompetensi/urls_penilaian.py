"""Routes of the kompetensi app: penilaian (included by kompetensi/urls.py under app_name "kompetensi")."""

urlpatterns: list = []
