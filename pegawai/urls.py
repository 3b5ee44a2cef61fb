from django.urls import include, path

app_name = "pegawai"

# One file of routes per area so each reads on its own; all share the "pegawai:" namespace.
urlpatterns = [
    path("", include("pegawai.urls_direktori")),
    path("", include("pegawai.urls_master")),
    path("", include("pegawai.urls_impor")),
    path("", include("pegawai.urls_audit")),
]
