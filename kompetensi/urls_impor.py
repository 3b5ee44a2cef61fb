"""Routes of the kompetensi app: impor (included by kompetensi/urls.py under app_name "kompetensi")."""

urlpatterns: list = []
