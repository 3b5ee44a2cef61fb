"""Reads for the competency dictionary and the position standards, scoped by kompetensi/access.py.

Every page here runs a fixed number of queries whatever the number of rows: relations are
joined or prefetched up front and counts are aggregated in the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When

from pegawai.access import jabatan_scope
from pegawai.models import Jabatan

from ..access import kompetensi_scope
from ..models import LEVEL_MAX, LEVEL_MIN, IndikatorPerilaku, Kompetensi, LevelKompetensi, StandarKompetensiJabatan

# Manajerial first, then sosial kultural, then teknis: the order of PermenPANRB 38/2017.
URUTAN_JENIS = (Kompetensi.Jenis.MANAJERIAL, Kompetensi.Jenis.SOSIAL_KULTURAL, Kompetensi.Jenis.TEKNIS)


def _urut_jenis(qs: QuerySet, field: str = "jenis") -> QuerySet:
    return qs.annotate(
        _urut_jenis=Case(
            *(When(**{field: j}, then=Value(i)) for i, j in enumerate(URUTAN_JENIS)),
            default=Value(len(URUTAN_JENIS)),
            output_field=IntegerField(),
        )
    )


# --- dictionary -------------------------------------------------------------------------------


def kompetensi_list(*, user, data):
    """The dictionary in the user's scope inside its FilterSet (jenis, text), in display order.

    Use `filterset.qs` only when `filterset.is_valid()`.
    """
    from ..filters import KompetensiFilter

    qs = _urut_jenis(kompetensi_scope(user)).order_by("_urut_jenis", "urutan", "nama")
    return KompetensiFilter(data, queryset=qs, user=user)


@dataclass(frozen=True)
class KebutuhanLevel:
    """How many positions require a competency at one level."""

    level: int
    jumlah: int


def kompetensi_get(*, user, pk) -> Kompetensi:
    """One competency with its levels and their indicators (three queries), 404 outside scope."""
    from ..access import access_kompetensi

    prefetch = Prefetch(
        "level",
        queryset=LevelKompetensi.objects.order_by("level").prefetch_related(
            Prefetch("indikator", queryset=IndikatorPerilaku.objects.order_by("urutan", "id"))
        ),
    )
    return access_kompetensi(user, pk, prefetch=(prefetch,))


def kompetensi_kebutuhan_jabatan(kompetensi: Kompetensi) -> list[KebutuhanLevel]:
    """Positions requiring the competency, counted per level 1..5 (one query)."""
    hitung = dict(
        StandarKompetensiJabatan.objects.filter(kompetensi=kompetensi)
        .order_by()
        .values("level")
        .annotate(n=Count("id"))
        .values_list("level", "n")
    )
    return [KebutuhanLevel(level=lv, jumlah=hitung.get(lv, 0)) for lv in range(LEVEL_MIN, LEVEL_MAX + 1)]


def kompetensi_form_initial(kompetensi: Kompetensi) -> tuple[dict, dict[int, list[dict]]]:
    """Initial data of the edit form: the competency's fields and, per level, its indicators."""
    initial = {
        "kode": kompetensi.kode,
        "nama": kompetensi.nama,
        "jenis": kompetensi.jenis,
        "definisi": kompetensi.definisi,
        "urutan": kompetensi.urutan,
        "aktif": kompetensi.aktif,
        "versi": kompetensi.updated_at.isoformat(),
    }
    indikator: dict[int, list[dict]] = {lv: [] for lv in range(LEVEL_MIN, LEVEL_MAX + 1)}
    for lv in LevelKompetensi.objects.filter(kompetensi=kompetensi).order_by("level"):
        initial[f"deskripsi_{lv.level}"] = lv.deskripsi
    for ind in IndikatorPerilaku.objects.filter(level__kompetensi=kompetensi).select_related("level"):
        indikator.setdefault(ind.level.level, []).append({"id": ind.pk, "teks": ind.teks, "aspek": ind.aspek})
    return initial, indikator


# --- position standards -----------------------------------------------------------------------


def standar_jabatan_list(*, user, data):
    """Positions with their standard summary (counts per jenis, aggregated in the database)."""
    from ..filters import StandarJabatanFilter

    def hitung(jenis: str | None = None, **extra) -> Count:
        q = Q(**extra)
        if jenis:
            q &= Q(standar_kompetensi__kompetensi__jenis=jenis)
        return Count("standar_kompetensi", filter=q or None)

    qs = (
        jabatan_scope(user)
        .annotate(
            jumlah_kompetensi=hitung(),
            jumlah_manajerial=hitung(Kompetensi.Jenis.MANAJERIAL),
            jumlah_sosial=hitung(Kompetensi.Jenis.SOSIAL_KULTURAL),
            jumlah_teknis=hitung(Kompetensi.Jenis.TEKNIS),
            jumlah_khusus=hitung(standar_kompetensi__khusus=True),
        )
        .order_by("nama", "kode")
    )
    return StandarJabatanFilter(data, queryset=qs)


def standar_jabatan_get(*, jabatan: Jabatan) -> list[StandarKompetensiJabatan]:
    """The position's standard, one row per competency with the required level's description."""
    deskripsi = LevelKompetensi.objects.filter(kompetensi=OuterRef("kompetensi"), level=OuterRef("level")).values(
        "deskripsi"
    )[:1]
    qs = (
        StandarKompetensiJabatan.objects.filter(jabatan=jabatan)
        .select_related("kompetensi")
        .annotate(deskripsi_level=Subquery(deskripsi))
    )
    return list(_urut_jenis(qs, "kompetensi__jenis").order_by("_urut_jenis", "kompetensi__urutan", "kompetensi__nama"))


def standar_kompetensi_tambahan(*, jabatan: Jabatan) -> QuerySet[Kompetensi]:
    """Active teknis competencies not yet in the position's standard (what "Tambah" offers)."""
    return (
        Kompetensi.objects.filter(aktif=True, jenis=Kompetensi.Jenis.TEKNIS)
        .exclude(standar_jabatan__jabatan=jabatan)
        .order_by("urutan", "nama")
    )


def standar_kompetensi_boleh(*, jabatan: Jabatan) -> QuerySet[Kompetensi]:
    """Competencies a level may be set for: those already in the standard, plus active teknis."""
    sudah = StandarKompetensiJabatan.objects.filter(jabatan=jabatan).values("kompetensi_id")
    return Kompetensi.objects.filter(Q(pk__in=sudah) | Q(aktif=True, jenis=Kompetensi.Jenis.TEKNIS))
