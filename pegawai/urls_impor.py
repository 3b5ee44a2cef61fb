from django.urls import path

from .views import impor as v

urlpatterns = [
    path("impor/", v.ImporCreateView.as_view(), name="impor-create"),
    path("impor/template.xlsx", v.ImporTemplateView.as_view(), name="impor-template"),
    path("impor/<int:pk>/", v.ImporDetailView.as_view(), name="impor-detail"),
    path("impor/<int:pk>/status.json", v.ImporStatusView.as_view(), name="impor-status"),
    path("impor/<int:pk>/galat.xlsx", v.ImporGalatView.as_view(), name="impor-galat"),
    path("impor/<int:pk>/kode-aktivasi.xlsx", v.ImporKredensialView.as_view(), name="impor-kredensial"),
]
