"""Public routes (mounted at /layanan/, no login): filing and tracking a complaint, the
satisfaction survey. URL names are `layanan:<entity>-<action>`."""

from . import urls_publik_pengaduan, urls_publik_skm

app_name = "layanan"

urlpatterns = urls_publik_pengaduan.urlpatterns + urls_publik_skm.urlpatterns
