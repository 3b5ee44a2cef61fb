"""Routes: pengaduan, area "laporan": the dashboard (volumes, on-time rate, median time, overdue
cases, IKM per unit) and its exports (the complaint register, SLA compliance)."""

from django.urls import path

from .views import dasbor as v

urlpatterns = [
    path("dasbor/", v.DasborView.as_view(), name="dasbor"),
    path("dasbor/unduh/register/", v.DasborRegisterExportView.as_view(), name="dasbor-export-register"),
    path("dasbor/unduh/sla/", v.DasborSlaExportView.as_view(), name="dasbor-export-sla"),
]
