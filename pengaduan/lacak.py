"""Tracking codes and secret keys given to a complainant.

The code (ADU-XXXX-XXXX) is shown on the status page and may be read out over the phone; the
key is the secret: only its keyed hash (HMAC-SHA256 with SECRET_KEY) is stored, so a database
dump does not let anyone follow a case. Both use an alphabet without look-alike characters and
are typed case- and dash-insensitively.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
_BERSIH = re.compile(r"[\s\-]+")


def _acak(n: int) -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(n))


def _kelompok(teks: str) -> str:
    return "-".join(teks[i : i + 4] for i in range(0, len(teks), 4))


def kode_baru() -> str:
    return f"ADU-{_kelompok(_acak(8))}"


def kunci_baru() -> str:
    """12 characters from a 31-letter alphabet: about 59 bits."""
    return _kelompok(_acak(12))


def normal(teks: str) -> str:
    return _BERSIH.sub("", (teks or "").strip().upper())


def kode_normal(teks: str) -> str:
    """'adu 7k3m 9q2x' -> 'ADU-7K3M-9Q2X' (what is stored); '' when it cannot be a code."""
    t = normal(teks)
    if t.startswith("ADU"):
        t = t[3:]
    if len(t) != 8 or any(c not in ALFABET for c in t):
        return ""
    return f"ADU-{_kelompok(t)}"


def kunci_hash(kunci: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), normal(kunci).encode(), hashlib.sha256).hexdigest()


def kunci_cocok(kunci: str, hash_tersimpan: str) -> bool:
    return bool(hash_tersimpan) and hmac.compare_digest(kunci_hash(kunci), hash_tersimpan)
