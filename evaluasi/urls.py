"""Routes of the evaluasi app (mounted at /kinerja/). Each area keeps its routes in its own
module (urls_<area>.py); URL names are `evaluasi:<entity>-<action>`."""

from importlib import import_module

app_name = "evaluasi"

urlpatterns = []
for _area in ("periode", "skp", "realisasi", "log", "penilaian", "rekan", "keberatan"):
    try:
        urlpatterns += import_module(f"evaluasi.urls_{_area}").urlpatterns
    except ModuleNotFoundError as e:  # an area not written yet
        if e.name != f"evaluasi.urls_{_area}":
            raise
