from django.urls import path

from .views import EksporListView, EksporStatusView, EksporUnduhView

app_name = "unduhan"

urlpatterns = [
    path("", EksporListView.as_view(), name="ekspor-list"),
    path("<int:pk>/status/", EksporStatusView.as_view(), name="ekspor-status"),
    path("<int:pk>/unduh/", EksporUnduhView.as_view(), name="ekspor-unduh"),
]
