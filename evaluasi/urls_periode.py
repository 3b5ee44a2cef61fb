"""Routes of the period area: periods, settings, unit goals, the unit's predikat kinerja
organisasi and monitoring (merged into evaluasi/urls.py, namespace "evaluasi")."""

from django.urls import path

from .views.monitoring import MonitoringExportView, MonitoringView, PredikatExportView, PredikatOrgSetView
from .views.pengaturan import (
    PengaturanView,
    SasaranCreateView,
    SasaranDeleteView,
    SasaranListView,
    SasaranUpdateView,
)
from .views.periode import (
    PeriodeCreateView,
    PeriodeDetailView,
    PeriodeLanjutView,
    PeriodeListView,
    PeriodeUpdateView,
)

urlpatterns = [
    path("periode/", PeriodeListView.as_view(), name="periode-list"),
    path("periode/baru/", PeriodeCreateView.as_view(), name="periode-create"),
    path("periode/<int:pk>/", PeriodeDetailView.as_view(), name="periode-detail"),
    path("periode/<int:pk>/lanjut/", PeriodeLanjutView.as_view(), name="periode-lanjut"),
    path("periode/<int:pk>/batas/", PeriodeUpdateView.as_view(), name="periode-update"),
    path("pengaturan/", PengaturanView.as_view(), name="pengaturan"),
    path("sasaran/", SasaranListView.as_view(), name="sasaran-list"),
    path("sasaran/baru/", SasaranCreateView.as_view(), name="sasaran-create"),
    path("sasaran/<int:pk>/ubah/", SasaranUpdateView.as_view(), name="sasaran-update"),
    path("sasaran/<int:pk>/hapus/", SasaranDeleteView.as_view(), name="sasaran-delete"),
    path("predikat-organisasi/", PredikatOrgSetView.as_view(), name="predikatorg-set"),
    path("monitoring/", MonitoringView.as_view(), name="monitoring"),
    path("monitoring/unduh/", MonitoringExportView.as_view(), name="monitoring-export"),
    path("monitoring/rekap-predikat/", PredikatExportView.as_view(), name="predikat-export"),
]
