"""Citizen voice (issue 5, DOMAIN.md "Citizen complaints" and "Citizen satisfaction survey"):
the settings, SLA rules per class and the holiday calendar (`pengaturan`), complaints with their
timeline, evidence and the complainant's identity kept apart (`pengaduan`), and the
satisfaction survey per service (`skm`)."""

from .pengaduan import (
    STATUS_DITOLAK,
    STATUS_TERBUKA,
    BuktiPengaduan,
    IdentitasPelapor,
    Pengaduan,
    Privasi,
    RiwayatPengaduan,
    StatusPengaduan,
)
from .pengaturan import AturanSla, HariLibur, Kelas, Kompleksitas, PengaturanPengaduan
from .skm import UNSUR_SKM, LayananSkm, ResponSkm

__all__ = [
    "STATUS_DITOLAK",
    "STATUS_TERBUKA",
    "UNSUR_SKM",
    "AturanSla",
    "BuktiPengaduan",
    "HariLibur",
    "IdentitasPelapor",
    "Kelas",
    "Kompleksitas",
    "LayananSkm",
    "Pengaduan",
    "PengaturanPengaduan",
    "Privasi",
    "ResponSkm",
    "RiwayatPengaduan",
    "StatusPengaduan",
]
