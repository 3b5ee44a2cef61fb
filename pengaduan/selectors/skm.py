"""Reads of the satisfaction survey: services in the user's scope and their IKM.

The IKM is set-based: one aggregate query per call gives, per group (a service, a unit or an
OPD), the Sum and the Count of each element u1..u9 (Count ignores NULL, so a skipped answer
counts neither up nor down) and the number of respondents; `rules.ikm_hitung` then computes
the NRR, the index, the IKM and its band exactly in Python (no rounding before the end).

Periods are local dates (Asia/Jakarta), both ends included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from ..access import layanan_skm_scope
from ..models import UNSUR_SKM, LayananSkm, ResponSkm
from ..rules import DUA_DESIMAL, HasilIkm, Mutu, ikm_hitung, mutu_ikm

JUMLAH_UNSUR = len(UNSUR_SKM)
NAMA_BULAN_PENDEK = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ROMAWI = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Ikm:
    """The survey result of one group in one period."""

    responden: int
    jumlah: tuple[int, ...]  # per element: sum of the answers
    penjawab: tuple[int, ...]  # per element: respondents who answered it
    hasil: HasilIkm

    @property
    def ikm(self):
        return self.hasil.ikm

    @property
    def mutu(self):
        return self.hasil.mutu


IKM_KOSONG = Ikm(0, (0,) * JUMLAH_UNSUR, (0,) * JUMLAH_UNSUR, ikm_hitung((0,) * JUMLAH_UNSUR, (0,) * JUMLAH_UNSUR))


def rentang_waktu(mulai: dt.date, selesai: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) as aware datetimes: local midnight of `mulai` to the midnight after `selesai`."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(mulai, dt.time.min, tzinfo=tz),
        dt.datetime.combine(selesai + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def _agregat(awalan: str = "") -> dict:
    kolom = {"responden": Count(f"{awalan}id")}
    for i in range(1, JUMLAH_UNSUR + 1):
        kolom[f"j{i}"] = Sum(f"{awalan}u{i}")
        kolom[f"n{i}"] = Count(f"{awalan}u{i}")
    return kolom


def _ikm_dari(baris: dict) -> Ikm:
    jumlah = tuple(baris[f"j{i}"] or 0 for i in range(1, JUMLAH_UNSUR + 1))
    penjawab = tuple(baris[f"n{i}"] or 0 for i in range(1, JUMLAH_UNSUR + 1))
    return Ikm(baris["responden"] or 0, jumlah, penjawab, ikm_hitung(jumlah, penjawab))


def _ikm_gabung(daftar: Iterable[Ikm]) -> Ikm:
    daftar = list(daftar)
    jumlah = tuple(sum(x.jumlah[i] for x in daftar) for i in range(JUMLAH_UNSUR))
    penjawab = tuple(sum(x.penjawab[i] for x in daftar) for i in range(JUMLAH_UNSUR))
    return Ikm(sum(x.responden for x in daftar), jumlah, penjawab, ikm_hitung(jumlah, penjawab))


def _respon_periode(awal: dt.datetime, akhir: dt.datetime) -> FilteredRelation:
    # The period goes into the JOIN's ON clause, so a service without answers in it still
    # gives a row (with zero respondents) and the (layanan, created_at) index is used.
    return FilteredRelation("respon", condition=Q(respon__created_at__gte=awal, respon__created_at__lt=akhir))


# --- IKM --------------------------------------------------------------------------------------


def ikm_layanan(layanan_ids: Iterable[int], mulai: dt.date, selesai: dt.date) -> dict[int, Ikm]:
    """{service id: Ikm} for these services in [mulai, selesai]; one query. A service with no
    answers in the period has zero respondents and `ikm` None. The caller scopes the ids."""
    ids = list(layanan_ids)
    if not ids:
        return {}
    awal, akhir = rentang_waktu(mulai, selesai)
    baris = (
        LayananSkm.objects.filter(pk__in=ids)
        .annotate(r=_respon_periode(awal, akhir))
        .order_by()
        .values("pk")
        .annotate(**_agregat("r__"))
    )
    return {b["pk"]: _ikm_dari(b) for b in baris}


@dataclass(frozen=True)
class IkmUnit:
    unit_id: int
    unit_nama: str
    opd_id: int | None
    opd_nama: str
    jumlah_layanan: int
    ikm: Ikm


def ikm_per_unit(user, mulai: dt.date, selesai: dt.date, *, per: str = "unit") -> list[IkmUnit]:
    """The IKM of every unit (per="unit") or OPD (per="opd") that has a surveyed service the
    user may see (access.layanan_skm_scope), in [mulai, selesai]; one aggregate query.

    Returns a list of `IkmUnit`, ordered by OPD name then unit name:
    - unit_id, unit_nama: the unit the services belong to (with per="opd": the OPD itself);
    - opd_id, opd_nama: its OPD (None and "" for a unit outside any OPD);
    - jumlah_layanan: its surveyed services (active or not) in the user's scope;
    - ikm: an `Ikm` over the answers of all those services together: `.responden` (int),
      `.jumlah`/`.penjawab` (9-tuples of the Sum and Count per element), `.hasil` (a
      rules.HasilIkm: `.nrr` 9-tuple of Fraction|None, `.indeks` Fraction|None, `.ikm` Decimal
      with two places or None when nobody answered, `.mutu` rules.Mutu (kode "A".."D", nama)
      or None, `.unsur_kosong`), and the shortcuts `.ikm` and `.mutu`.
    A unit whose services had no answers in the period is listed with zero respondents."""
    if per not in ("unit", "opd"):
        raise ValueError("per harus 'unit' atau 'opd'")
    awal, akhir = rentang_waktu(mulai, selesai)
    if per == "unit":
        kunci = {"k_id": "unit_id", "k_nama": "unit__nama", "o_id": "unit__opd_id", "o_nama": "unit__opd__nama"}
    else:
        kunci = {
            "k_id": "unit__opd_id",
            "k_nama": "unit__opd__nama",
            "o_id": "unit__opd_id",
            "o_nama": "unit__opd__nama",
        }
    baris = (
        layanan_skm_scope(user)
        .annotate(r=_respon_periode(awal, akhir))
        .order_by()
        .values(**{k: F(v) for k, v in kunci.items()})
        .annotate(jumlah_layanan=Count("id", distinct=True), **_agregat("r__"))
    )
    hasil = [
        IkmUnit(
            unit_id=b["k_id"],
            unit_nama=b["k_nama"] or "",
            opd_id=b["o_id"],
            opd_nama=b["o_nama"] or "",
            jumlah_layanan=b["jumlah_layanan"],
            ikm=_ikm_dari(b),
        )
        for b in baris
    ]
    hasil.sort(key=lambda x: (x.opd_nama, x.unit_nama, x.unit_id or 0))
    return hasil


@dataclass(frozen=True)
class TitikTren:
    nomor: int  # month 1-12 or quarter 1-4
    label: str
    ikm: Ikm


def ikm_tren(layanan: LayananSkm, tahun: int, *, per: str = "bulan") -> list[TitikTren]:
    """The service's IKM per month (per="bulan": 12 points) or quarter ("triwulan": 4) of
    `tahun`, local time; one query. A point without answers has `ikm.ikm` None."""
    if per not in ("bulan", "triwulan"):
        raise ValueError("per harus 'bulan' atau 'triwulan'")
    awal, akhir = rentang_waktu(dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
    baris = (
        ResponSkm.objects.filter(layanan_id=layanan.pk, created_at__gte=awal, created_at__lt=akhir)
        .annotate(bulan=ExtractMonth("created_at"))
        .order_by()
        .values("bulan")
        .annotate(**_agregat())
    )
    per_bulan = {b["bulan"]: _ikm_dari(b) for b in baris}
    if per == "bulan":
        return [TitikTren(b, NAMA_BULAN_PENDEK[b - 1], per_bulan.get(b, IKM_KOSONG)) for b in range(1, 13)]
    return [
        TitikTren(
            t,
            f"Triwulan {ROMAWI[t - 1]}",
            _ikm_gabung(per_bulan[b] for b in range(3 * t - 2, 3 * t + 1) if b in per_bulan),
        )
        for t in range(1, 5)
    ]


@dataclass(frozen=True)
class RincianUnsur:
    """One element's line of the IKM table."""

    nomor: int
    kode: str
    nama: str
    jumlah: int
    penjawab: int
    nrr: Fraction | None  # None: nobody answered it in the period
    bobot: Fraction | None  # 1/9, or 1/(elements answered) when some were not
    nrr_tertimbang: Fraction | None
    mutu: Mutu | None  # the band of NRR x 25, for spotting weak elements

    @property
    def nilai(self) -> Decimal | None:
        """NRR x 25 rounded to two places (the element on the IKM scale)."""
        return None if self.nrr is None else _desimal(self.nrr * 25)


def _desimal(nilai: Fraction) -> Decimal:
    return (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def unsur_rincian(ikm: Ikm) -> list[RincianUnsur]:
    """Per element: sums, NRR, weight and weighted NRR (their sum is the index)."""
    terjawab = sum(1 for x in ikm.hasil.nrr if x is not None)
    bobot = Fraction(1, terjawab) if terjawab else None
    hasil = []
    for i, u in enumerate(UNSUR_SKM):
        nrr = ikm.hasil.nrr[i]
        hasil.append(
            RincianUnsur(
                nomor=i + 1,
                kode=u.kode,
                nama=u.nama,
                jumlah=ikm.jumlah[i],
                penjawab=ikm.penjawab[i],
                nrr=nrr,
                bobot=bobot if nrr is not None else None,
                nrr_tertimbang=nrr * bobot if nrr is not None and bobot is not None else None,
                mutu=mutu_ikm(_desimal(nrr * 25)) if nrr is not None else None,
            )
        )
    return hasil


def unsur_terlemah(rincian: Iterable[RincianUnsur], n: int = 3) -> list[RincianUnsur]:
    """The `n` answered elements with the lowest NRR, lowest first (ties by element number)."""
    return sorted((r for r in rincian if r.nrr is not None), key=lambda r: (r.nrr, r.nomor))[:n]


# --- respondents ------------------------------------------------------------------------------

DEMOGRAFI = (
    ("usia", "Usia", ResponSkm.Usia),
    ("jenis_kelamin", "Jenis kelamin", ResponSkm.JenisKelamin),
    ("pendidikan", "Pendidikan", ResponSkm.Pendidikan),
    ("pekerjaan", "Pekerjaan", ResponSkm.Pekerjaan),
)


@dataclass(frozen=True)
class KelompokDemografi:
    field: str
    judul: str
    baris: tuple[tuple[str, int], ...]  # (label, respondents) in the form's order


def _respon_q(layanan_ids: Iterable[int], mulai: dt.date, selesai: dt.date) -> QuerySet[ResponSkm]:
    awal, akhir = rentang_waktu(mulai, selesai)
    return ResponSkm.objects.filter(layanan_id__in=list(layanan_ids), created_at__gte=awal, created_at__lt=akhir)


def demografi(layanan_ids: Iterable[int], mulai: dt.date, selesai: dt.date) -> list[KelompokDemografi]:
    """Respondents per age group, sex, education and occupation; one conditional-aggregate query."""
    kolom, alias = {}, []
    for field, _, pilihan in DEMOGRAFI:
        for nilai, _label in pilihan.choices:
            nama = f"d{len(alias)}"
            kolom[nama] = Count("id", filter=Q(**{field: nilai}))
            alias.append(nama)
    angka = _respon_q(layanan_ids, mulai, selesai).order_by().aggregate(**kolom)
    hasil, i = [], 0
    for field, judul, pilihan in DEMOGRAFI:
        baris = []
        for _nilai, label in pilihan.choices:
            baris.append((str(label), angka[alias[i]] or 0))
            i += 1
        hasil.append(KelompokDemografi(field, judul, tuple(baris)))
    return hasil


def saran_list(layanan: LayananSkm, mulai: dt.date, selesai: dt.date) -> QuerySet[ResponSkm]:
    """The answers with a suggestion, newest first, loading only its text (respondents are
    anonymous: pages show the text and nothing else)."""
    return _respon_q([layanan.pk], mulai, selesai).exclude(saran="").order_by("-created_at", "-id").only("id", "saran")


KOLOM_JAWABAN = (
    "created_at",
    *(u.field for u in UNSUR_SKM),
    "usia",
    "jenis_kelamin",
    "pendidikan",
    "pekerjaan",
    "saran",
)


def jawaban_baris(layanan: LayananSkm, mulai: dt.date, selesai: dt.date) -> Iterator[tuple]:
    """Every answer of the period in the order received (the export's raw sheet): the
    columns of KOLOM_JAWABAN, streamed."""
    return _respon_q([layanan.pk], mulai, selesai).order_by("created_at", "id").values_list(*KOLOM_JAWABAN).iterator()


# --- services ---------------------------------------------------------------------------------


def layanan_skm_list(user, *, cari: str = "") -> QuerySet[LayananSkm]:
    """The services whose results the user may see, by unit then name, with the unit joined."""
    qs = layanan_skm_scope(user).select_related("unit")
    if cari:
        qs = qs.filter(Q(nama__icontains=cari) | Q(unit__nama__icontains=cari))
    return qs.order_by("unit__nama", "nama", "pk")
