"""The exports that may run in the background, by key.

An app registers each one in its `exports/latar.py` (imported at start-up by UnduhanConfig):

    ekspor_daftar("evaluasi.log_rekap", log_rekap_latar, judul="Rekap log harian", peran=(...))

The function is called later by the task as `fungsi(user, parameter, progres)` and returns
`(workbook, nama_berkas)`: an openpyxl write-only workbook and the name the user downloads it
under. It must check access again through the same scoped selectors and forms the page uses
(the user's scope may have shrunk since the request) and raise ValidationError with an
Indonesian message when the request no longer holds; `progres(persen)` reports progress
(`baris_berprogres` wraps a row iterator for that). `peran` is checked by the task before the
function runs, exactly as PeranRequiredMixin checks it on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

Progres = Callable[[int], None]
FungsiEkspor = Callable[[Any, dict, Progres], tuple[Any, str]]

PROGRES_BARIS_SAMPAI = 90  # the rest is saving the workbook


@dataclass(frozen=True)
class JenisEkspor:
    kode: str
    fungsi: FungsiEkspor
    judul: str
    peran: tuple[str, ...] = ()


_DAFTAR: dict[str, JenisEkspor] = {}


def ekspor_daftar(jenis: str, fungsi: FungsiEkspor, *, judul: str, peran: tuple[str, ...] = ()) -> None:
    lama = _DAFTAR.get(jenis)
    if lama is not None and (lama.fungsi.__module__, lama.fungsi.__qualname__) != (
        fungsi.__module__,
        fungsi.__qualname__,
    ):
        raise ImproperlyConfigured(f"Jenis ekspor {jenis!r} sudah didaftarkan oleh {lama.fungsi.__module__}.")
    _DAFTAR[jenis] = JenisEkspor(kode=jenis, fungsi=fungsi, judul=judul, peran=tuple(peran))


def ekspor_jenis_get(jenis: str) -> JenisEkspor | None:
    return _DAFTAR.get(jenis)


def ekspor_judul(jenis: str) -> str:
    terdaftar = _DAFTAR.get(jenis)
    return terdaftar.judul if terdaftar else jenis


def baris_berprogres(
    rows: Iterable,
    *,
    total: int,
    progres: Progres,
    dari: int = 0,
    sampai: int = PROGRES_BARIS_SAMPAI,
    setiap: int = 500,
) -> Iterator:
    """Yield `rows` unchanged, reporting every `setiap` rows a percentage between `dari` and
    `sampai` (of `total` rows expected)."""
    for n, row in enumerate(rows, start=1):
        yield row
        if total and n % setiap == 0:
            progres(dari + (sampai - dari) * min(n, total) // total)
    progres(sampai)
