"""Competency models: the dictionary and standards (`kamus`), assessment rounds and results
(`penilaian`), development programmes and plans (`pengembangan`), Excel imports (`impor`)."""

from .impor import ImporKompetensi
from .kamus import (
    LEVEL_MAX,
    LEVEL_MIN,
    LEVEL_VALIDATORS,
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    StandarKompetensiJabatan,
    StandarLevelDefault,
)
from .pengembangan import ProgramKompetensi, ProgramPengembangan, RencanaPengembangan
from .penilaian import (
    HasilKompetensi,
    JawabanRekan,
    KategoriJpm,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    PutaranPenilaian,
)

__all__ = [
    "LEVEL_MAX",
    "LEVEL_MIN",
    "LEVEL_VALIDATORS",
    "HasilKompetensi",
    "ImporKompetensi",
    "IndikatorPerilaku",
    "JawabanRekan",
    "KategoriJpm",
    "Kompetensi",
    "LevelKompetensi",
    "NilaiKompetensi",
    "PenilaianKompetensi",
    "PenugasanRekan",
    "PesertaPenilaian",
    "ProgramKompetensi",
    "ProgramPengembangan",
    "PutaranPenilaian",
    "RencanaPengembangan",
    "StandarKompetensiJabatan",
    "StandarLevelDefault",
]
