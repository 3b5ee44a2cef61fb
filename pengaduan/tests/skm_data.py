"""Survey answers for the SKM tests: rows of nine answers (None = skipped) written straight to
the table, and answer sets built to reach an exact IKM."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.utils import timezone

from pengaduan.models import ResponSkm

JAKARTA = dt.timezone(dt.timedelta(hours=7))


def waktu_lokal(tahun: int, bulan: int, hari: int, jam: int = 10, menit: int = 0) -> dt.datetime:
    return dt.datetime(tahun, bulan, hari, jam, menit, tzinfo=JAKARTA)


def respon_massal(layanan, baris: Sequence[Sequence[int | None]], *, waktu: dt.datetime | None = None, **kw) -> list:
    """One ResponSkm per row of nine answers, in one INSERT."""
    waktu = waktu or timezone.now()
    data = {
        "usia": ResponSkm.Usia.U31_40,
        "jenis_kelamin": ResponSkm.JenisKelamin.P,
        "pendidikan": ResponSkm.Pendidikan.SMA,
        "pekerjaan": ResponSkm.Pekerjaan.WIRASWASTA,
        **kw,
    }
    return ResponSkm.objects.bulk_create(
        [
            ResponSkm(
                layanan=layanan,
                **{f"u{i}": nilai for i, nilai in enumerate(jawaban, start=1)},
                token_kirim=uuid.uuid4(),
                created_at=waktu,
                **data,
            )
            for jawaban in baris
        ]
    )


def jawaban_berjumlah(jumlah: int, n: int) -> list[int]:
    """n answers in 1..4 adding up to `jumlah` (as even as possible)."""
    dasar, sisa = divmod(jumlah, n)
    hasil = [dasar + 1] * sisa + [dasar] * (n - sisa)
    assert all(1 <= x <= 4 for x in hasil), (jumlah, n)
    return hasil


def baris_dua_nrr(q: int, jumlah_a: int, m: int, jumlah_b: int) -> list[list[int | None]]:
    """Rows where U1..U8 are answered by the first q respondents with sum `jumlah_a` each
    (NRR = jumlah_a / q) and U9 by m respondents with sum `jumlah_b` (NRR = jumlah_b / m);
    everyone else skips. IKM = 25 x (8 x jumlah_a/q + jumlah_b/m) / 9."""
    a = jawaban_berjumlah(jumlah_a, q)
    b = jawaban_berjumlah(jumlah_b, m)
    baris = []
    for k in range(max(q, m)):
        nilai_a = a[k] if k < q else None
        baris.append([nilai_a] * 8 + [b[k] if k < m else None])
    return baris
