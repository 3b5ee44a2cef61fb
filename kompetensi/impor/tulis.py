"""Apply a validated plan in the caller's transaction: bulk inserts, updates and deletes of
competencies, levels and indicators, then their audit trail.

Why not `kompetensi_simpan` once per competency: it validates and saves row by row, each save
with its own audit entry and foreign-key checks, about 80 queries per competency: 200
competencies took 13 s on SQLite and 28 s on PostgreSQL, too long for a request. Here the same
end state (the rules were checked by `validasi`, cell by cell) is written with a handful of
statements per table, and the audit entries django-auditlog would have made (who, when,
{field: [old, new]}, the importer as actor) are written in one go by the employee import's
`Jejak`, tagged with the import's id.

Concurrent edits: the competencies this import changes are locked and must still carry the
`updated_at` the plan was computed from, else the whole import is refused; the dictionary
editor's own check (`versi`) then refuses a form opened before the import.
"""

from __future__ import annotations

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.db import connection
from django.utils import timezone

from pegawai.impor import massal
from pegawai.impor.rencana import potongan

from ..models import IndikatorPerilaku, Kompetensi, LevelKompetensi
from .validasi import KompetensiBaris, Rencana, indikator_terpakai

BATCH = 1000
_AUDIT_KOMPETENSI = ("kode", "nama", "jenis", "definisi", "urutan", "aktif")
_AUDIT_LEVEL = ("kompetensi", "level", "deskripsi")
_AUDIT_INDIKATOR = ("level", "urutan", "teks", "aspek")
_KOLOM_KOMPETENSI = ["kode", "nama", "definisi", "urutan", "aktif", "updated_at"]


class PlanUsang(Exception):
    """The dictionary changed between the checks and the write (another admin, a submitted assessment)."""


def _nilai(obj, nama: str) -> str:
    """A field as django-auditlog writes it: a foreign key as its id, None as "None"."""
    return str(getattr(obj, obj._meta.get_field(nama).attname))


class Jejak(massal.Jejak):
    """The employee import's audit writer, for this import's models (and deletions)."""

    def __init__(self, *, actor, impor_id: int) -> None:
        super().__init__(actor=actor, impor_id=impor_id)
        self.tambahan = {"impor_kompetensi_id": impor_id, "sumber": "impor Excel kompetensi teknis"}

    def buat(self, obj, fields: tuple[str, ...]) -> None:
        perubahan = {"id": ["None", str(obj.pk)], **{f: ["None", _nilai(obj, f)] for f in fields}}
        self._catat(obj, LogEntry.Action.CREATE, perubahan)

    def hapus(self, obj, fields: tuple[str, ...]) -> None:
        perubahan = {"id": [str(obj.pk), "None"], **{f: [_nilai(obj, f), "None"] for f in fields}}
        self._catat(obj, LogEntry.Action.DELETE, perubahan)


def _sisip(model, objs: list) -> None:
    """Bulk insert that fills in the new ids (both supported backends return them)."""
    if not objs:
        return
    if connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    with disable_auditlog():  # audited by Jejak like the bulk path
        for obj in objs:
            obj.save(force_insert=True)


def _kunci_baris(rencana: Rencana, tulis: list[KompetensiBaris]) -> None:
    """Lock the stored competencies this import changes; refuse if any changed since the check."""
    lama = {b.lama.pk: b.lama.updated_at for b in tulis if b.lama is not None}
    for potong in potongan(list(lama)):
        kini = dict(Kompetensi.objects.select_for_update().filter(pk__in=potong).values_list("pk", "updated_at"))
        if any(kini.get(pk) != lama[pk] for pk in potong):
            raise PlanUsang
    if rencana.indikator_dihapus and indikator_terpakai(list(rencana.indikator_dihapus)):
        raise PlanUsang


def rencana_tulis(*, rencana: Rencana, actor, impor_id: int) -> None:
    """Write the plan. Must run inside a transaction (the caller's `transaction.atomic`).

    Raises PlanUsang when the dictionary changed since the plan was made (nothing is written
    then: the caller's transaction rolls back).
    """
    tulis = [b for b in rencana.kompetensi if b.berubah]
    if not tulis:
        return
    _kunci_baris(rencana, tulis)
    sekarang = timezone.now()
    jejak = Jejak(actor=actor, impor_id=impor_id)
    kompetensi = _kompetensi_tulis(tulis, jejak, sekarang)
    level = _level_tulis(tulis, kompetensi, jejak)
    _indikator_tulis(tulis, level, jejak)
    jejak.simpan()


def _kompetensi_tulis(tulis: list[KompetensiBaris], jejak: Jejak, sekarang) -> dict[str, Kompetensi]:
    """kode -> the competency row (new ones inserted, changed ones updated)."""
    hasil: dict[str, Kompetensi] = {}
    baru = []
    for b in tulis:
        if b.lama is None:
            obj = Kompetensi(
                kode=b.kode,
                nama=b.nama,
                jenis=Kompetensi.Jenis.TEKNIS,
                definisi=b.definisi,
                urutan=b.urutan_akhir,
                aktif=b.aktif_akhir,
            )
            obj.clean_fields()
            baru.append(obj)
        hasil[b.kode] = b.lama if b.lama is not None else obj
    _sisip(Kompetensi, baru)
    for obj in baru:
        jejak.buat(obj, _AUDIT_KOMPETENSI)

    diubah = []
    for b in tulis:
        obj = b.lama
        if obj is None:
            continue
        nilai = {
            "kode": b.kode,
            "nama": b.nama,
            "definisi": b.definisi,
            "urutan": b.urutan_akhir,
            "aktif": b.aktif_akhir,
        }
        perubahan = {f: (getattr(obj, f), v) for f, v in nilai.items() if getattr(obj, f) != v}
        for f, (_, v) in perubahan.items():
            setattr(obj, f, v)
        obj.clean_fields()
        # Bumped even when only levels or indicators change: a dictionary form opened before the
        # import is then refused (its `versi` no longer matches) instead of undoing the import.
        obj.updated_at = sekarang
        diubah.append(obj)
        jejak.ubah(obj, perubahan)
    massal.ubah_massal(Kompetensi, diubah, _KOLOM_KOMPETENSI)
    return hasil


def _level_tulis(
    tulis: list[KompetensiBaris], kompetensi: dict[str, Kompetensi], jejak: Jejak
) -> dict[tuple[str, int], LevelKompetensi]:
    """(kode, level) -> the level row."""
    hasil: dict[tuple[str, int], LevelKompetensi] = {}
    baru, diubah = [], []
    for b in tulis:
        for lv, data in sorted(b.level.items()):
            obj = b.level_lama.get(lv)
            if obj is None:
                obj = LevelKompetensi(kompetensi=kompetensi[b.kode], level=lv, deskripsi=data.deskripsi)
                obj.clean_fields(exclude=["kompetensi"])
                baru.append(obj)
            elif obj.deskripsi != data.deskripsi:
                jejak.ubah(obj, {"deskripsi": (obj.deskripsi, data.deskripsi)})
                obj.deskripsi = data.deskripsi
                diubah.append(obj)
            hasil[(b.kode, lv)] = obj
    _sisip(LevelKompetensi, baru)
    for obj in baru:
        jejak.buat(obj, _AUDIT_LEVEL)
    massal.ubah_massal(LevelKompetensi, diubah, ["deskripsi"])
    return hasil


def _indikator_tulis(tulis: list[KompetensiBaris], level: dict[tuple[str, int], LevelKompetensi], jejak: Jejak) -> None:
    sisa = [ind for b in tulis for ind in b.sisa]
    for ind in sisa:
        jejak.hapus(ind, _AUDIT_INDIKATOR)
    with disable_auditlog():  # recorded just above, with the import's tag
        for potong in potongan([ind.pk for ind in sisa]):
            # Cascades to the indicator ticks of draft self-assessments (a submitted one was refused).
            IndikatorPerilaku.objects.filter(pk__in=potong).delete()

    baru, diubah = [], []
    for b in tulis:
        for lv, pasangan in sorted(b.pasangan.items()):
            lv_obj = level[(b.kode, lv)]
            for urutan, (data, obj) in enumerate(pasangan, start=1):
                if obj is None:
                    obj = IndikatorPerilaku(level=lv_obj, urutan=urutan, teks=data.teks, aspek=data.aspek)
                    obj.clean_fields(exclude=["level"])
                    baru.append(obj)
                    continue
                nilai = {"urutan": urutan, "teks": data.teks, "aspek": data.aspek}
                perubahan = {f: (getattr(obj, f), v) for f, v in nilai.items() if getattr(obj, f) != v}
                if perubahan:
                    for f, (_, v) in perubahan.items():
                        setattr(obj, f, v)
                    jejak.ubah(obj, perubahan)
                    diubah.append(obj)
    _sisip(IndikatorPerilaku, baru)
    for obj in baru:
        jejak.buat(obj, _AUDIT_INDIKATOR)
    massal.ubah_massal(IndikatorPerilaku, diubah, ["urutan", "teks", "aspek"])
