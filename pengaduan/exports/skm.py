"""The SKM report of one service for one period (PermenPANRB 14/2017's usual layout) as Excel.

Sheet "Laporan SKM": the service, its unit and the period; per element the sum of answers,
respondents who answered it, NRR, weight and NRR x weight; the index, the IKM and its band;
respondents against the Krejcie-Morgan minimum; the respondents' demographics.
Sheet "Jawaban": every answer of the period, anonymous (no id, no time of day, nothing about
the device or address), in the order received.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru

from ..forms.skm import PeriodeSkm
from ..models import UNSUR_SKM, LayananSkm
from ..rules import krejcie_morgan
from ..selectors.skm import (
    DEMOGRAFI,
    Ikm,
    KelompokDemografi,
    jawaban_baris,
    unsur_rincian,
)

KOLOM_LAPORAN = (
    Kolom("Bagian", 16),
    Kolom("Uraian", 44),
    Kolom("Jumlah", 12, "#,##0"),
    Kolom("Penjawab", 12, "#,##0"),
    Kolom("NRR", 10, "0.000"),
    Kolom("Bobot", 10, "0.000"),
    Kolom("NRR x bobot", 13, "0.000"),
)

KOLOM_JAWABAN = (
    Kolom("No", 7, "0"),
    Kolom("Tanggal", 12, "DD/MM/YYYY"),
    *(Kolom(f"{u.kode} {u.nama}", 12, "0") for u in UNSUR_SKM),
    Kolom("Usia", 16),
    Kolom("Jenis kelamin", 13),
    Kolom("Pendidikan", 13),
    Kolom("Pekerjaan", 20),
    Kolom("Saran", 60),
)


def _angka(nilai):
    return None if nilai is None else float(nilai)


def _laporan_baris(
    layanan: LayananSkm, periode: PeriodeSkm, ikm: Ikm, demografi: list[KelompokDemografi]
) -> Iterator[tuple]:
    yield ("Layanan", layanan.nama)
    yield ("Unit layanan", layanan.unit.nama)
    yield ("Periode", periode.label)
    for r in unsur_rincian(ikm):
        ket = "" if r.nrr is not None else " (tidak ada jawaban)"
        yield (
            r.kode,
            f"{r.nama}{ket}",
            r.jumlah,
            r.penjawab,
            _angka(r.nrr),
            _angka(r.bobot),
            _angka(r.nrr_tertimbang),
        )
    h = ikm.hasil
    yield ("Indeks", "Jumlah NRR x bobot", None, None, None, None, _angka(h.indeks))
    yield ("IKM", "Indeks x 25", None, None, None, None, _angka(h.ikm))
    yield ("Mutu", f"{h.mutu.kode} ({h.mutu.nama})" if h.mutu else "Belum ada jawaban")
    minimal = krejcie_morgan(layanan.populasi)
    yield ("Sampel", "Responden", ikm.responden)
    yield ("Sampel", "Populasi penerima layanan", layanan.populasi)
    yield ("Sampel", "Sampel minimal (Krejcie-Morgan)", minimal)
    if not layanan.populasi:
        status = "Populasi belum diisi"
    else:
        status = "Sampel memenuhi" if ikm.responden >= minimal else "Sampel belum memenuhi"
    yield ("Sampel", status)
    for kelompok in demografi:
        for label, jumlah in kelompok.baris:
            yield (kelompok.judul, label, jumlah)


_LABEL = {field: {k: str(v) for k, v in pilihan.choices} for field, _, pilihan in DEMOGRAFI}


def _jawaban(baris: Iterator[tuple]) -> Iterator[tuple]:
    for n, (waktu, *sisa) in enumerate(baris, start=1):
        skor, (usia, jk, pendidikan, pekerjaan, saran) = sisa[: len(UNSUR_SKM)], sisa[len(UNSUR_SKM) :]
        yield (
            n,
            timezone.localtime(waktu).date(),
            *skor,
            _LABEL["usia"].get(usia, usia),
            _LABEL["jenis_kelamin"].get(jk, jk),
            _LABEL["pendidikan"].get(pendidikan, pendidikan),
            _LABEL["pekerjaan"].get(pekerjaan, pekerjaan),
            saran,
        )


def skm_ekspor(
    *, layanan: LayananSkm, periode: PeriodeSkm, ikm: Ikm, demografi: list[KelompokDemografi]
) -> tuple[Workbook, str]:
    """(workbook, file name). `ikm` and `demografi` come from the page's selectors for the
    same service and period; the raw answers are streamed from the database."""
    wb = workbook_baru()
    sheet_tulis(wb, "Laporan SKM", KOLOM_LAPORAN, _laporan_baris(layanan, periode, ikm, demografi))
    sheet_tulis(wb, "Jawaban", KOLOM_JAWABAN, _jawaban(jawaban_baris(layanan, periode.mulai, periode.selesai)))
    nama = slugify(f"skm {layanan.nama} {periode.mulai:%Y%m%d}-{periode.selesai:%Y%m%d}")[:120]
    return wb, f"{nama}.xlsx"
