"""Routes of the kompetensi app: penilaian (included by kompetensi/urls.py under app_name "kompetensi").

pk of `peserta-*` is a PesertaPenilaian, of `rekan-*` a PenugasanRekan."""

from django.urls import path

from .views.penilaian import (
    PenilaianAtasanView,
    PenilaianDiriView,
    RekanAturView,
    RekanIsiView,
    TugasRekanTerapkanView,
    TugasView,
)

urlpatterns: list = [
    path("penilaian/", TugasView.as_view(), name="tugas"),
    path("penilaian/usulan-rekan/", TugasRekanTerapkanView.as_view(), name="tugas-rekan-terapkan"),
    path("penilaian/peserta/<int:pk>/diri/", PenilaianDiriView.as_view(), name="peserta-diri"),
    path("penilaian/peserta/<int:pk>/atasan/", PenilaianAtasanView.as_view(), name="peserta-atasan"),
    path("penilaian/peserta/<int:pk>/rekan/", RekanAturView.as_view(), name="peserta-rekan"),
    path("penilaian/rekan/<int:pk>/", RekanIsiView.as_view(), name="rekan-isi"),
]
