"""Routes of the kompetensi app: putaran (included by kompetensi/urls.py under app_name "kompetensi")."""

urlpatterns: list = []
