"""Writes on the competency seeds and the position standards (issue 3, DOMAIN.md "Competency").

Callers pass the acting user; changing standards is Admin BKD's (`may_manage_master`), checked
here as well as in the views. Every write runs in one transaction after `full_clean()`, and
django-auditlog records it (the actor comes from `AuditlogMiddleware` in a request; seeds run
from a command have none). Dictionary edits from the UI live in `services/kamus.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pegawai.access import may_manage_master
from pegawai.models import Jabatan

from ..models import (
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    StandarKompetensiJabatan,
    StandarLevelDefault,
)
from ..seed import DEMO_TANPA_STANDAR, KOMPETENSI_SEED, STANDAR_BAWAAN, STANDAR_TEKNIS, KompetensiSeed

JENIS_BAWAAN = (Kompetensi.Jenis.MANAJERIAL, Kompetensi.Jenis.SOSIAL_KULTURAL)

PESAN_BUKAN_BKD = "Hanya Admin BKD yang dapat mengubah standar kompetensi jabatan."
PESAN_TANPA_BAWAAN = "Belum ada standar bawaan untuk jenis jabatan ini."
PESAN_KAMUS_KOSONG = "Kamus kompetensi manajerial dan sosial kultural masih kosong."
PESAN_LEVEL_BUKAN_ANGKA = "Level kompetensi harus berupa angka 1 sampai 5."
PESAN_KOMPETENSI_NONAKTIF = "Kompetensi ini tidak aktif dan tidak dapat dipakai sebagai standar."

HITUNG_SEED = (
    "kompetensi_dibuat",
    "kompetensi_diubah",
    "level_dibuat",
    "level_diubah",
    "indikator_dibuat",
    "indikator_dihapus",
    "standar_bawaan_dibuat",
    "standar_teknis_dibuat",
    "program_dibuat",
)


def _periksa_bkd(actor) -> None:
    if not may_manage_master(actor):
        raise PermissionDenied(PESAN_BUKAN_BKD)


# Bulk paths (seeds, defaults applied to many positions) validate with `clean_fields()`: the
# values, choices and the 1..5 validators, without the per-row queries of `full_clean()` (a
# SELECT per foreign key, unique check and CheckConstraint). They look every row up by its
# natural key first, so uniqueness is known; the database constraints still hold.
_KOLOM = "kolom"


def _simpan_jika_berubah(obj, nilai: dict, *, validasi: str = "penuh") -> bool:
    berubah = [k for k, v in nilai.items() if getattr(obj, k) != v]
    if not berubah:
        return False
    for k in berubah:
        setattr(obj, k, nilai[k])
    if validasi == _KOLOM:
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.name not in berubah])
    else:
        obj.full_clean()
    if hasattr(obj, "updated_at"):
        berubah.append("updated_at")
    obj.save(update_fields=berubah)
    return True


# --- seeds ------------------------------------------------------------------------------------


@transaction.atomic
def kompetensi_seed_load(*, actor=None, seed: Sequence[KompetensiSeed] = KOMPETENSI_SEED) -> dict[str, int]:
    """Load the shipped dictionary, default levels and demo teknis standards; returns counts.

    Idempotent: competencies are matched by `kode`, levels by (competency, level), and a level's
    indicators are replaced only when their text, aspek or order differ from the seed, so a
    second run writes nothing (and adds nothing to the audit log). The seed text wins over edits
    of the same competency; `aktif` is left as an admin set it. Default levels by position kind
    and teknis standards are configuration: only missing rows are created, existing ones are
    never overwritten; so are the shipped development programmes (matched by kode). `actor`,
    when given (a page), must be Admin BKD; commands pass none.
    """
    if actor is not None:
        _periksa_bkd(actor)
    hitung = dict.fromkeys(HITUNG_SEED, 0)

    kompetensi = {k.kode: k for k in Kompetensi.objects.filter(kode__in=[s.kode for s in seed])}
    level = {(lv.kompetensi_id, lv.level): lv for lv in LevelKompetensi.objects.filter(kompetensi__kode__in=kompetensi)}
    indikator: dict[int, list[IndikatorPerilaku]] = defaultdict(list)
    for i in IndikatorPerilaku.objects.filter(level__kompetensi__kode__in=kompetensi).order_by(
        "level_id", "urutan", "id"
    ):
        indikator[i.level_id].append(i)

    for s in seed:
        nilai = {"nama": s.nama, "jenis": s.jenis, "definisi": s.definisi, "urutan": s.urutan}
        k = kompetensi.get(s.kode)
        if k is None:
            k = Kompetensi(kode=s.kode, **nilai)
            k.clean_fields()
            k.save()
            kompetensi[s.kode] = k
            hitung["kompetensi_dibuat"] += 1
        elif _simpan_jika_berubah(k, nilai, validasi=_KOLOM):
            hitung["kompetensi_diubah"] += 1

        for lv in s.level:
            obj = level.get((k.pk, lv.level))
            if obj is None:
                obj = LevelKompetensi(kompetensi=k, level=lv.level, deskripsi=lv.deskripsi)
                obj.clean_fields(exclude=["kompetensi"])
                obj.save()
                hitung["level_dibuat"] += 1
            elif _simpan_jika_berubah(obj, {"deskripsi": lv.deskripsi}, validasi=_KOLOM):
                hitung["level_diubah"] += 1

            target = [(n, i.teks, i.aspek) for n, i in enumerate(lv.indikator, start=1)]
            lama = indikator.get(obj.pk, [])
            if [(i.urutan, i.teks, i.aspek) for i in lama] == target:
                continue
            for i in lama:
                i.delete()  # one by one, so the audit log records each removed indicator
            hitung["indikator_dihapus"] += len(lama)
            for urutan, teks, aspek in target:
                baru = IndikatorPerilaku(level=obj, urutan=urutan, teks=teks, aspek=aspek)
                baru.clean_fields(exclude=["level"])
                baru.save()
            hitung["indikator_dibuat"] += len(target)

    hitung["standar_bawaan_dibuat"] = _standar_bawaan_seed()
    hitung["standar_teknis_dibuat"] = _standar_teknis_seed(kompetensi)
    # The development catalogue (kompetensi/seed/program.py): missing programmes only.
    from .pengembangan import program_seed_load

    hitung["program_dibuat"] = program_seed_load(kompetensi=kompetensi)
    return hitung


def _standar_bawaan_seed() -> int:
    ada = set(StandarLevelDefault.objects.values_list("jenis_jabatan", "jenjang"))
    dibuat = 0
    for (jenis, jenjang), nilai in STANDAR_BAWAAN.items():
        if (jenis, jenjang) in ada:
            continue  # configured by Admin BKD (or seeded before): never overwritten
        obj = StandarLevelDefault(jenis_jabatan=jenis, jenjang=jenjang, level=nilai)
        obj.clean_fields()
        obj.save()
        dibuat += 1
    return dibuat


def _standar_teknis_seed(kompetensi: dict[str, Kompetensi]) -> int:
    """Teknis standards of the positions in STANDAR_TEKNIS that exist here; missing rows only."""
    jabatan = {j.kode: j for j in Jabatan.objects.filter(kode__in=STANDAR_TEKNIS)}
    ada = set(
        StandarKompetensiJabatan.objects.filter(jabatan__in=jabatan.values()).values_list("jabatan_id", "kompetensi_id")
    )
    dibuat = 0
    for kode_jabatan, standar in STANDAR_TEKNIS.items():
        j = jabatan.get(kode_jabatan)
        if j is None:
            continue
        for kode_kompetensi, nilai in standar.items():
            k = kompetensi.get(kode_kompetensi)
            if k is None or (j.pk, k.pk) in ada:
                continue
            obj = StandarKompetensiJabatan(jabatan=j, kompetensi=k, level=nilai, khusus=False)
            obj.clean_fields(exclude=["jabatan", "kompetensi"])
            obj.save()
            dibuat += 1
    return dibuat


@transaction.atomic
def kompetensi_demo_muat(*, jabatan_kode: Iterable[str]) -> dict[str, dict[str, int]]:
    """The demo Pemda's competencies: the seeds, then the default manajerial and sosial kultural
    standard of every given position except DEMO_TANPA_STANDAR (left without any standard so the
    pages can show it). Idempotent like its parts; returns the non-zero counts as
    {"dibuat": {...}, "diubah": {...}} for the demo_data summary."""
    seed = kompetensi_seed_load()
    dibuat = {
        "kompetensi": seed["kompetensi_dibuat"],
        "level kompetensi": seed["level_dibuat"],
        "indikator perilaku": seed["indikator_dibuat"],
        "standar level bawaan": seed["standar_bawaan_dibuat"],
        "standar kompetensi": seed["standar_teknis_dibuat"],
        "program pengembangan": seed["program_dibuat"],
    }
    diubah = {
        "kompetensi": seed["kompetensi_diubah"],
        "level kompetensi": seed["level_diubah"],
        "indikator perilaku (dihapus)": seed["indikator_dihapus"],
        "standar kompetensi": 0,
    }
    demo = list(Jabatan.objects.filter(kode__in=list(jabatan_kode)).exclude(kode=DEMO_TANPA_STANDAR))
    hasil = _standar_terapkan_default(jabatan=demo, timpa=False, wajib_ada=False)
    dibuat["standar kompetensi"] += hasil["dibuat"]
    diubah["standar kompetensi"] += hasil["diubah"]
    return {
        "dibuat": {k: v for k, v in dibuat.items() if v},
        "diubah": {k: v for k, v in diubah.items() if v},
    }


# --- position standards -----------------------------------------------------------------------


@transaction.atomic
def standar_terapkan_default(*, actor, jabatan: Jabatan, timpa: bool = False) -> dict[str, int]:
    """Give the position the default level of its kind (StandarLevelDefault) for every active
    manajerial and sosial kultural competency. Rows an admin set for this position
    (`khusus=True`) are kept unless `timpa`; teknis rows are never touched. Returns
    {"dibuat", "diubah", "dipertahankan"}; a second run changes nothing."""
    _periksa_bkd(actor)
    return _standar_terapkan_default(jabatan=[jabatan], timpa=timpa)


def _standar_terapkan_default(*, jabatan: Sequence[Jabatan], timpa: bool, wajib_ada: bool = True) -> dict[str, int]:
    """The default standard for several positions with a constant number of reads (one write per
    changed row, for the audit log). A position whose kind has no default raises, or is skipped
    when not `wajib_ada` (the demo must not fail because an admin removed a default row)."""
    bawaan = {(d.jenis_jabatan, d.jenjang): d.level for d in StandarLevelDefault.objects.all()}
    tanpa = [j for j in jabatan if (j.jenis, j.jenjang or "") not in bawaan]
    if tanpa and wajib_ada:
        raise ValidationError(PESAN_TANPA_BAWAAN)
    jabatan = [j for j in jabatan if j not in tanpa]
    kompetensi = list(Kompetensi.objects.filter(aktif=True, jenis__in=JENIS_BAWAAN))
    if not kompetensi:
        raise ValidationError(PESAN_KAMUS_KOSONG)
    ada = {
        (s.jabatan_id, s.kompetensi_id): s
        for s in StandarKompetensiJabatan.objects.select_for_update().filter(
            jabatan__in=jabatan, kompetensi__in=kompetensi
        )
    }
    hasil = {"dibuat": 0, "diubah": 0, "dipertahankan": 0}
    for j in jabatan:
        level = bawaan[(j.jenis, j.jenjang or "")]
        for k in kompetensi:
            s = ada.get((j.pk, k.pk))
            if s is None:
                s = StandarKompetensiJabatan(jabatan=j, kompetensi=k, level=level, khusus=False)
                s.clean_fields(exclude=["jabatan", "kompetensi"])
                s.save()
                hasil["dibuat"] += 1
            elif s.khusus and not timpa:
                hasil["dipertahankan"] += 1
            elif _simpan_jika_berubah(s, {"level": level, "khusus": False}, validasi=_KOLOM):
                hasil["diubah"] += 1
    return hasil


def _level_int(level) -> int:
    if isinstance(level, bool):
        raise ValidationError({"level": PESAN_LEVEL_BUKAN_ANGKA})
    try:
        return int(str(level).strip())
    except (TypeError, ValueError):
        raise ValidationError({"level": PESAN_LEVEL_BUKAN_ANGKA}) from None


@transaction.atomic
def standar_set(*, actor, jabatan: Jabatan, kompetensi: Kompetensi, level: int) -> StandarKompetensiJabatan:
    """Set the required level of one competency for one position (a per-position override,
    `khusus=True`, kept by `standar_terapkan_default`). Setting the same level twice writes
    nothing the second time."""
    _periksa_bkd(actor)
    level = _level_int(level)
    if not Kompetensi.objects.filter(pk=kompetensi.pk, aktif=True).exists():
        raise ValidationError({"kompetensi": PESAN_KOMPETENSI_NONAKTIF})
    standar = (
        StandarKompetensiJabatan.objects.select_for_update().filter(jabatan=jabatan, kompetensi=kompetensi).first()
    )
    if standar is None:
        standar = StandarKompetensiJabatan(jabatan=jabatan, kompetensi=kompetensi, level=level, khusus=True)
        standar.full_clean()
        standar.save()
        return standar
    _simpan_jika_berubah(standar, {"level": level, "khusus": True})
    return standar


@transaction.atomic
def standar_hapus(*, actor, standar: StandarKompetensiJabatan) -> None:
    """Remove one competency from a position's standard. Removing a row that is already gone
    (a form posted twice) does nothing."""
    _periksa_bkd(actor)
    obj = StandarKompetensiJabatan.objects.select_for_update().filter(pk=standar.pk).first()
    if obj is not None:
        obj.delete()
