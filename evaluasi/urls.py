"""Routes of the evaluasi app (mounted at /kinerja/). Each area keeps its routes in its own
module (urls_<area>.py); URL names are `evaluasi:<entity>-<action>`."""

from . import urls_keberatan, urls_log, urls_penilaian, urls_periode, urls_realisasi, urls_rekan, urls_skp

app_name = "evaluasi"

urlpatterns = []
for _modul in (urls_periode, urls_skp, urls_realisasi, urls_log, urls_penilaian, urls_rekan, urls_keberatan):
    urlpatterns += _modul.urlpatterns
