"""Reads of competency data, scoped to the user. Modules by area: `kamus` (dictionary and
standards), `putaran`, `penilaian`, `pengembangan`, `laporan`."""

from .kamus import (
    URUTAN_JENIS,
    KebutuhanLevel,
    kompetensi_form_initial,
    kompetensi_get,
    kompetensi_kebutuhan_jabatan,
    kompetensi_list,
    standar_jabatan_get,
    standar_jabatan_list,
    standar_kompetensi_boleh,
    standar_kompetensi_tambahan,
)

__all__ = [
    "URUTAN_JENIS",
    "KebutuhanLevel",
    "kompetensi_form_initial",
    "kompetensi_get",
    "kompetensi_kebutuhan_jabatan",
    "kompetensi_list",
    "standar_jabatan_get",
    "standar_jabatan_list",
    "standar_kompetensi_boleh",
    "standar_kompetensi_tambahan",
]
