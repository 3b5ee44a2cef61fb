"""Helpers for tests that read a rendered page as a person would: the HTML of a page that must
open, and its visible text."""

from __future__ import annotations

import re


def halaman_html(klien, url: str) -> str:
    """The HTML of `url` for the signed-in `klien`; the page must open (200)."""
    resp = klien.get(url)
    assert resp.status_code == 200, url
    return resp.content.decode()


def teks_html(html: str) -> str:
    """The text of an HTML fragment: tags dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
