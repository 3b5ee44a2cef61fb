"""Routes of the SKP area (merged by evaluasi/urls.py under the "evaluasi" namespace)."""

from django.urls import path

from .views.skp import (
    RhkDeleteView,
    RhkUpdateView,
    SkpAjukanView,
    SkpCreateView,
    SkpDetailView,
    SkpEkspektasiView,
    SkpKaskadeView,
    SkpKembalikanView,
    SkpListView,
    SkpRhkCreateView,
    SkpSalinView,
    SkpSayaView,
    SkpSetujuiView,
    SkpUpdateView,
)

urlpatterns = [
    path("skp/", SkpListView.as_view(), name="skp-list"),
    path("skp/saya/", SkpSayaView.as_view(), name="skp-saya"),
    path("skp/baru/", SkpCreateView.as_view(), name="skp-create"),
    path("skp/salin/", SkpSalinView.as_view(), name="skp-salin"),
    path("skp/kaskade/", SkpKaskadeView.as_view(), name="skp-kaskade"),
    path("skp/<int:pk>/", SkpDetailView.as_view(), name="skp-detail"),
    path("skp/<int:pk>/ubah/", SkpUpdateView.as_view(), name="skp-update"),
    path("skp/<int:pk>/rhk/baru/", SkpRhkCreateView.as_view(), name="skp-rhk-create"),
    path("skp/<int:pk>/ajukan/", SkpAjukanView.as_view(), name="skp-ajukan"),
    path("skp/<int:pk>/kembalikan/", SkpKembalikanView.as_view(), name="skp-kembalikan"),
    path("skp/<int:pk>/setujui/", SkpSetujuiView.as_view(), name="skp-setujui"),
    path("skp/<int:pk>/ekspektasi/", SkpEkspektasiView.as_view(), name="skp-ekspektasi"),
    path("rhk/<int:pk>/ubah/", RhkUpdateView.as_view(), name="rhk-update"),
    path("rhk/<int:pk>/hapus/", RhkDeleteView.as_view(), name="rhk-delete"),
]
