"""The shape of the competency seeds: plain frozen data, no database access."""

from __future__ import annotations

from dataclasses import dataclass

PENGETAHUAN, KETERAMPILAN, SIKAP = "pengetahuan", "keterampilan", "sikap"


@dataclass(frozen=True)
class Indikator:
    teks: str
    aspek: str


@dataclass(frozen=True)
class Level:
    level: int
    deskripsi: str
    indikator: tuple[Indikator, ...]


@dataclass(frozen=True)
class KompetensiSeed:
    kode: str
    nama: str
    jenis: str
    urutan: int
    definisi: str
    level: tuple[Level, ...]


def P(teks: str) -> Indikator:  # noqa: N802 (reads as a tag in the data)
    return Indikator(teks, PENGETAHUAN)


def K(teks: str) -> Indikator:  # noqa: N802
    return Indikator(teks, KETERAMPILAN)


def S(teks: str) -> Indikator:  # noqa: N802
    return Indikator(teks, SIKAP)


def L(level: int, deskripsi: str, *indikator: Indikator) -> Level:  # noqa: N802
    return Level(level, deskripsi, indikator)
