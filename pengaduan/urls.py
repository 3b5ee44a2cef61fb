"""Internal routes of the pengaduan app (mounted at /pengaduan/, login required): the officers'
work queue and case pages, the SLA calendar and settings, survey services and IKM, the
dashboard and exports. URL names are `pengaduan:<entity>-<action>`; the public pages are in
urls_publik.py (namespace `layanan`)."""

from . import urls_alur, urls_kalender, urls_laporan, urls_skm

app_name = "pengaduan"

urlpatterns = []
for _modul in (urls_alur, urls_kalender, urls_laporan, urls_skm):
    urlpatterns += _modul.urlpatterns
