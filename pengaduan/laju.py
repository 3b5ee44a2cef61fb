"""Rate limits on the public pages (django-ratelimit's counters in the default cache).

Every public form and the tracking page are limited per client address; the limits are
settings (`LAJU_*`) so a Pemda behind one NAT can raise them. Production needs a shared cache
(CACHE_URL, Redis) so that every gunicorn worker counts together. Behind a reverse proxy set
AXES_PROXY_COUNT (the same number axes uses): the client address is then read from
X-Forwarded-For, counted from the right.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

PESAN_LAJU = "Terlalu banyak permintaan dari alamat Anda dalam waktu singkat. Silakan coba lagi beberapa menit lagi."


def alamat_klien(request) -> str:
    jumlah_proksi = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
    if jumlah_proksi:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(diteruskan) >= jumlah_proksi:
            return diteruskan[-jumlah_proksi]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not an address to bind


def _kunci_alamat(group, request) -> str:
    return alamat_klien(request)


def laju_terlampaui(request, *, grup: str, laju: str) -> bool:
    """Count this request in `grup` and say whether the address is over `laju` ("5/m", "30/h")."""
    return is_ratelimited(request, group=f"publik:{grup}", key=_kunci_alamat, rate=laju, increment=True)


def respon_laju(request, *, judul: str = "Terlalu banyak permintaan"):
    """The page answered when a limit is hit: 429 with a plain Indonesian explanation."""
    return render(request, "pengaduan/publik_laju.html", {"judul": judul, "pesan": PESAN_LAJU}, status=429)
