"""Routes of the peer (360) assessment of perilaku kerja (merged by evaluasi/urls.py)."""

from django.urls import path

from .views.rekan import EvaluasiRekanView, RekanTugasView, RekanUsulanTerapkanView, TugasRekanIsiView

urlpatterns = [
    path("rekan/", RekanTugasView.as_view(), name="rekan-tugas"),
    path("rekan/usulan/", RekanUsulanTerapkanView.as_view(), name="rekan-usulan-terapkan"),
    path("rekan/<int:pk>/", TugasRekanIsiView.as_view(), name="tugasrekan-isi"),
    path("evaluasi/<int:pk>/rekan/", EvaluasiRekanView.as_view(), name="evaluasi-rekan"),
]
