from django.urls import path

from .views import audit

urlpatterns = [
    path("audit/", audit.AuditListView.as_view(), name="audit-list"),
    path("peran/", audit.PeranListView.as_view(), name="peran-list"),
    path("peran/tambah/", audit.PeranCreateView.as_view(), name="peran-create"),
    path("peran/<int:pk>/hapus/", audit.PeranDeleteView.as_view(), name="peran-delete"),
]
