"""Evidence files (bukti dukung): what may be uploaded, checked by content, and how it is stored.

The type is read from the file's first bytes (the `filetype` library), never from its name or
the browser's Content-Type, so an executable renamed .pdf is refused. Files are stored under
MEDIA_ROOT with a random name; MEDIA_ROOT is never served by URL: downloads go through an
access-checked view (evaluasi.access.access_bukti).
"""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# extension detected from content -> MIME type stored and served
JENIS_DIIZINKAN = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
JENIS_TEKS = "PDF, JPG, PNG, WEBP, DOCX, XLSX atau PPTX"

PESAN_KOSONG = "Berkas kosong."
PESAN_TERLALU_BESAR = "Ukuran berkas {ukuran} melebihi batas {batas}."
PESAN_JENIS = "Jenis berkas tidak diizinkan. Unggah berkas {jenis}; isi berkas diperiksa, bukan namanya."


def bukti_periksa(berkas, *, batas: int | None = None) -> str:
    """Validate an uploaded file; return its MIME type (from its content) or raise
    ValidationError with an Indonesian message. `batas`: the size limit in bytes (default
    settings.BUKTI_MAKS_BYTE; complaint evidence passes its own)."""
    ukuran = getattr(berkas, "size", 0) or 0
    if ukuran <= 0:
        raise ValidationError(PESAN_KOSONG)
    if batas is None:
        batas = settings.BUKTI_MAKS_BYTE
    if ukuran > batas:
        raise ValidationError(PESAN_TERLALU_BESAR.format(ukuran=filesizeformat(ukuran), batas=filesizeformat(batas)))
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(posisi)
    jenis = filetype.guess(kepala)
    if jenis is None or jenis.extension not in JENIS_DIIZINKAN:
        raise ValidationError(PESAN_JENIS.format(jenis=JENIS_TEKS))
    return JENIS_DIIZINKAN[jenis.extension]
