"""Performance evaluation models (issue 4, DOMAIN.md "Performance" and "Daily activity log"):
settings and curve rules (`pengaturan`), periods and organisation predikat (`periode`), SKP with
the cascade and BerAKHLAK values (`skp`), realisation, feedback, daily logs and evidence
(`realisasi`), assessments, peers, predikat and objections (`penilaian`)."""

from .pengaturan import AturanKurva, JenisPeriode, PengaturanKinerja, Predikat, PredikatOrganisasiChoices, Rating
from .penilaian import (
    SKOR_REKAN_MAKS,
    SKOR_REKAN_MIN,
    EvaluasiPegawai,
    JawabanRekanKinerja,
    Keberatan,
    KomentarRekanKinerja,
    PenilaianDiriKinerja,
    PenugasanRekanKinerja,
    RatingRhk,
)
from .periode import Periode, PredikatOrganisasi
from .realisasi import BuktiDukung, LogHarian, Realisasi, UmpanBalik
from .skp import (
    EkspektasiKhusus,
    IndikatorKinerja,
    IndikatorNilaiDasar,
    NilaiDasar,
    RencanaHasilKerja,
    SasaranUnit,
    Skp,
)

__all__ = [
    "SKOR_REKAN_MAKS",
    "SKOR_REKAN_MIN",
    "AturanKurva",
    "BuktiDukung",
    "EkspektasiKhusus",
    "EvaluasiPegawai",
    "IndikatorKinerja",
    "IndikatorNilaiDasar",
    "JawabanRekanKinerja",
    "JenisPeriode",
    "Keberatan",
    "KomentarRekanKinerja",
    "LogHarian",
    "NilaiDasar",
    "PengaturanKinerja",
    "PenilaianDiriKinerja",
    "PenugasanRekanKinerja",
    "Periode",
    "Predikat",
    "PredikatOrganisasi",
    "PredikatOrganisasiChoices",
    "Rating",
    "RatingRhk",
    "Realisasi",
    "RencanaHasilKerja",
    "SasaranUnit",
    "Skp",
    "UmpanBalik",
]
