"""Routes of the kompetensi app: laporan (included by kompetensi/urls.py under app_name "kompetensi")."""

urlpatterns: list = []
