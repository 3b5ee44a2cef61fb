app_name = "notifikasi"

urlpatterns: list = []  # notifikasi/views.py adds the list and "mark read" routes
