"""Who handles complaints of which OPD (for notifications and reminders)."""

from __future__ import annotations

from collections.abc import Iterable

from pegawai.models import PeranPengguna


def petugas_user_ids(opd_ids: Iterable[int]) -> dict[int, set[int]]:
    """{opd_id: user ids of the Petugas Pengaduan serving it} (an officer without an OPD serves
    every OPD). One query."""
    opd_ids = set(opd_ids)
    hasil: dict[int, set[int]] = {i: set() for i in opd_ids}
    if not opd_ids:
        return hasil
    semua: set[int] = set()
    for user_id, opd_id in PeranPengguna.objects.filter(
        peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, user__is_active=True
    ).values_list("user_id", "opd_id"):
        if opd_id is None:
            semua.add(user_id)
        elif opd_id in hasil:
            hasil[opd_id].add(user_id)
    for ids in hasil.values():
        ids |= semua
    return hasil
