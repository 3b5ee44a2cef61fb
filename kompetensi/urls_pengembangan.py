"""Routes of the kompetensi app: pengembangan (included by kompetensi/urls.py under app_name "kompetensi")."""

urlpatterns: list = []
