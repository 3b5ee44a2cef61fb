"""The supervisor chain as a materialised path (`Pegawai.jalur`, "/top/.../self/").

Every write that changes an `atasan` must keep `jalur` right: services call
`jalur_pindahkan` for one pegawai (one set-based UPDATE moves the whole subtree); bulk writers
(the Excel import, demo data, benchmark generator) call `jalur_hitung_ulang` once at the end.
`manage.py pegawai_jalur` recomputes everything should data ever be edited outside the app.
"""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Concat, Length, Substr

from .models import Pegawai


def jalur_untuk(*, pegawai_id: int, jalur_atasan: str | None) -> str:
    return f"{jalur_atasan or '/'}{pegawai_id}/"


def jalur_pindahkan(pegawai: Pegawai) -> int:
    """After `pegawai.atasan` changed (and was saved): rewrite their path and their subtree's.

    Returns the number of rows rewritten. Must run inside the caller's transaction.
    """
    lama = Pegawai.objects.filter(pk=pegawai.pk).values_list("jalur", flat=True).first() or ""
    jalur_atasan = None
    if pegawai.atasan_id:
        jalur_atasan = Pegawai.objects.filter(pk=pegawai.atasan_id).values_list("jalur", flat=True).first()
    baru = jalur_untuk(pegawai_id=pegawai.pk, jalur_atasan=jalur_atasan)
    pegawai.jalur = baru
    if not lama or lama == baru:
        return Pegawai.objects.filter(pk=pegawai.pk).exclude(jalur=baru).update(jalur=baru)
    # Every row under the old prefix (the pegawai included) gets the new prefix.
    return Pegawai.objects.filter(jalur__startswith=lama).update(
        jalur=Concat(Value(baru), Substr(F("jalur"), len(lama) + 1, Length(F("jalur"))))
    )


def jalur_hitung_ulang() -> int:
    """Recompute every path from the atasan links (one read, bulk update of changed rows).

    A link that would form a cycle (impossible through the services) leaves the rows of that
    cycle with a path of their own id only, so they never see each other's data.
    """
    atasan = dict(Pegawai.objects.values_list("id", "atasan_id"))
    sekarang = dict(Pegawai.objects.values_list("id", "jalur"))
    hasil: dict[int, str] = {}

    def hitung(pid: int) -> str:
        rantai = []
        node = pid
        dilihat = set()
        while node is not None and node not in hasil:
            if node in dilihat:  # cycle: cut it
                for n in rantai:
                    hasil.setdefault(n, f"/{n}/")
                return hasil[pid]
            dilihat.add(node)
            rantai.append(node)
            node = atasan.get(node)
        dasar = hasil[node] if node is not None else "/"
        for n in reversed(rantai):
            dasar = f"{dasar}{n}/"
            hasil[n] = dasar
        return hasil[pid]

    for pid in atasan:
        hitung(pid)
    berubah = [Pegawai(id=pid, jalur=j) for pid, j in hasil.items() if sekarang.get(pid) != j]
    # One prepared UPDATE run with many parameter sets: bulk_update's CASE WHEN takes seconds
    # to compile for 10,000 rows.
    from .impor.massal import ubah_massal

    ubah_massal(Pegawai, berubah, ["jalur"])
    return len(berubah)
