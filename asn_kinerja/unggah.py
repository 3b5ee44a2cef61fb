"""Upload size limit enforced while the request is read, not after it is stored.

Django's own handlers stream every uploaded file to memory or a temporary file before a view
sees it, so a 100 MB "evidence" would be written to disk in full just to be refused. The
`BatasUkuranUploadHandler` sits first in `request.upload_handlers`: it passes each chunk on
until the file's bytes exceed the limit, then skips the file (`SkipFile`): what the next
handlers already received is closed and discarded, the rest of that file is read off the
connection without being kept, and the other form fields are still parsed, so the view can
answer with a clear message. The request is marked (`unggah_terlalu_besar(request)`).

Use it per view, before anything touches request.POST/FILES. The CSRF middleware reads
request.POST, so the view is CSRF-exempt for the middleware and checks CSRF itself after the
handler is installed (the pattern in Django's "Upload Handlers" documentation):

    path("...", batas_unggah(MyUploadView.as_view()), name="...")
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect

ATRIBUT_PENANDA = "_unggah_terlalu_besar"


class BatasUkuranUploadHandler(FileUploadHandler):
    """Skip any uploaded file larger than `batas` bytes (default settings.BUKTI_MAKS_BYTE)
    before more than `batas` bytes of it reach the handlers that store files."""

    def __init__(self, request=None, batas: int | None = None):
        super().__init__(request)
        self.batas = settings.BUKTI_MAKS_BYTE if batas is None else batas
        self.diterima = 0

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.diterima = 0
        # A part that declares its own length (rare in browsers) is refused before any byte.
        if content_length is not None and content_length > self.batas:
            self._tandai(content_length)
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.diterima += len(raw_data)
        if self.diterima > self.batas:
            self._tandai(self.diterima)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file

    def _tandai(self, ukuran: int) -> None:
        if self.request is None:
            return
        ditolak = getattr(self.request, ATRIBUT_PENANDA, None) or {}
        # The whole request's length is the best estimate of the file's size we have without
        # reading the rest of it.
        try:
            total = int(self.request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            total = 0
        ditolak[self.field_name] = {"nama": self.file_name, "ukuran": max(ukuran, total), "batas": self.batas}
        setattr(self.request, ATRIBUT_PENANDA, ditolak)


def unggah_terlalu_besar(request) -> dict[str, dict]:
    """{field name: {"nama", "ukuran", "batas"}} of the files skipped as too large ({} if none).
    Reads the body if nothing has yet (Django parses it lazily, on first request.POST/FILES)."""
    if getattr(request, "method", "") == "POST":
        request.FILES  # noqa: B018 (parse now: the handler marks the request while parsing)
    return getattr(request, ATRIBUT_PENANDA, None) or {}


def unggah_batasi(request, batas: int | None = None) -> None:
    """Install the limit on this request (before request.POST/FILES are first read)."""
    request.upload_handlers.insert(0, BatasUkuranUploadHandler(request, batas))


def batas_unggah(view_func, *, setelan: str = "BUKTI_MAKS_BYTE"):
    """Decorate a view (e.g. `MyView.as_view()`): install the size limit, then check CSRF.
    `setelan` names the setting that holds the limit in bytes (read on each request)."""
    dilindungi = csrf_protect(view_func)

    @csrf_exempt
    @wraps(view_func)
    def _view(request, *args, **kwargs):
        unggah_batasi(request, getattr(settings, setelan))
        return dilindungi(request, *args, **kwargs)

    return _view
