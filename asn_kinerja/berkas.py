"""Handing out a private stored file (MEDIA_ROOT is never served by URL): the one response every
access-checked download view returns, after it has checked access."""

from __future__ import annotations

from django.http import FileResponse, Http404


def berkas_privat_response(berkas, *, nama: str, content_type: str) -> FileResponse:
    """`berkas` (a FieldFile) as an attachment named `nama`: never sniffed, never run as a page,
    never kept by a shared cache. A file missing from storage is a 404."""
    try:
        isi = berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    response = FileResponse(isi, as_attachment=True, filename=nama, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
