"""Routes of the kompetensi app: putaran (included by kompetensi/urls.py under app_name "kompetensi")."""

from django.urls import path

from .views.putaran import (
    PutaranCloseView,
    PutaranCreateView,
    PutaranDetailView,
    PutaranExportView,
    PutaranHitungView,
    PutaranListView,
    PutaranUpdateView,
)

urlpatterns: list = [
    path("putaran/", PutaranListView.as_view(), name="putaran-list"),
    path("putaran/baru/", PutaranCreateView.as_view(), name="putaran-create"),
    path("putaran/<int:pk>/", PutaranDetailView.as_view(), name="putaran-detail"),
    path("putaran/<int:pk>/unduh/", PutaranExportView.as_view(), name="putaran-export"),
    path("putaran/<int:pk>/ubah/", PutaranUpdateView.as_view(), name="putaran-update"),
    path("putaran/<int:pk>/tutup/", PutaranCloseView.as_view(), name="putaran-close"),
    path("putaran/<int:pk>/hitung/", PutaranHitungView.as_view(), name="putaran-hitung"),
]
