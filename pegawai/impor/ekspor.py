"""Workbooks the import hands back: the error list and the activation codes (both via asn_kinerja.xlsx)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru, workbook_bytes

from .tulis import Kredensial


def galat_workbook(galat: Iterable[dict]):
    wb = workbook_baru()
    sheet_tulis(
        wb,
        "Galat",
        [Kolom("Lembar", 14), Kolom("Baris", 8, "0"), Kolom("Kolom", 16), Kolom("Nilai", 28, "@"), Kolom("Pesan", 80)],
        (
            (g.get("lembar", ""), g.get("baris"), g.get("kolom", ""), g.get("nilai", ""), g.get("pesan", ""))
            for g in galat
        ),
    )
    return wb


def kredensial_bytes(daftar: list[Kredensial]) -> bytes:
    """The private workbook of activation codes (NIP as text, so Excel keeps all 18 digits)."""
    wb = workbook_baru()
    sheet_tulis(
        wb,
        "Kode Aktivasi",
        [
            Kolom("NIP", 22, "@"),
            Kolom("Nama", 32),
            Kolom("Unit kerja", 32),
            Kolom("Kode aktivasi", 18, "@"),
            Kolom("Berlaku sampai", 20, "DD/MM/YYYY HH:MM"),
        ],
        ((k.nip, k.nama, k.unit, k.kode, timezone.localtime(k.berlaku_sampai)) for k in daftar),
    )
    return workbook_bytes(wb)
