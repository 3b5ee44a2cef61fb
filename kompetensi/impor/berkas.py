"""Checks on the uploaded workbook before any row is read: the employee import's checks
(`pegawai.impor.berkas`: name, size, renamed binaries, zip bombs, rows counted on the raw XML,
required headers) run with this import's sheets and row limit, then every sheet must be there."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from pegawai.impor.berkas import InfoBerkas, angka, berkas_buka

from .kolom import LEMBAR, LEMBAR_PER_NAMA

# 200 competencies x 5 levels x 4 indicators is 5,200 rows and takes a few seconds; the
# import runs inside the request, so the limit keeps the worst case near twice that.
MAKS_BARIS = 10_000

PESAN_KOSONG = (
    "Berkas tidak berisi data: isi lembar Kompetensi, Level dan Indikator (gunakan templat impor kompetensi teknis)."
)


def pesan_lembar_kosong(nama: str) -> str:
    return (
        f"Lembar {nama} tidak ditemukan atau kosong. Setiap kompetensi memerlukan baris di lembar "
        "Kompetensi, Level dan Indikator; gunakan templat impor kompetensi teknis."
    )


def pesan_maks_baris() -> str:
    return f"Jumlah baris data melebihi batas {angka(MAKS_BARIS)} baris per impor. Bagi berkas menjadi beberapa impor."


def berkas_kompetensi_buka(berkas, *, nama_berkas: str | None = None, ukuran: int | None = None):
    """(InfoBerkas, open read-only workbook), or a ValidationError with an Indonesian message."""
    info, wb = berkas_buka(
        berkas,
        nama_berkas=nama_berkas,
        ukuran=ukuran,
        lembar_per_nama=LEMBAR_PER_NAMA,
        maks_baris=MAKS_BARIS,
        pesan_kosong=PESAN_KOSONG,
    )
    try:
        _lengkap_periksa(info)
    except BaseException:
        wb.close()
        raise
    return info, wb


def _lengkap_periksa(info: InfoBerkas) -> None:
    ada = {i.lembar.nama for i in info.lembar}  # only sheets holding at least one data row
    for lembar in LEMBAR:
        if lembar.nama not in ada:
            raise ValidationError(pesan_lembar_kosong(lembar.nama))
