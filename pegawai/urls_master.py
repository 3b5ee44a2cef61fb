from django.urls import path

from .views import master as v

urlpatterns = [
    path("unit/", v.UnitListView.as_view(), name="unit-list"),
    path("unit/tambah/", v.UnitCreateView.as_view(), name="unit-create"),
    path("unit/<int:pk>/ubah/", v.UnitUpdateView.as_view(), name="unit-update"),
    path("jabatan/", v.JabatanListView.as_view(), name="jabatan-list"),
    path("jabatan/tambah/", v.JabatanCreateView.as_view(), name="jabatan-create"),
    path("jabatan/<int:pk>/ubah/", v.JabatanUpdateView.as_view(), name="jabatan-update"),
]
