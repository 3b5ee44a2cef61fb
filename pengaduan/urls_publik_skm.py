"""Routes: pengaduan, area "publik_skm" (the citizen's satisfaction survey, no login)."""

from django.urls import path

from .views import skm

urlpatterns: list = [
    path("survei/<str:kode>/", skm.SurveiIsiView.as_view(), name="survei-isi"),
    path("survei/<str:kode>/terima-kasih/", skm.SurveiTerimaKasihView.as_view(), name="survei-terima-kasih"),
]
