"""Routes of the kompetensi app: impor (included by kompetensi/urls.py under app_name "kompetensi")."""

from django.urls import path

from .views.impor import ImporCreateView, ImporGalatView, ImporTemplateView

urlpatterns: list = [
    path("impor/", ImporCreateView.as_view(), name="impor-create"),
    path("impor/templat/", ImporTemplateView.as_view(), name="impor-template"),
    path("impor/galat/", ImporGalatView.as_view(), name="impor-galat"),
]
