"""Peer assessment: who rates whom (`rekan_atur`, `rekan_usulan_terapkan`) and the peer's own
answer (`rekan_isi_simpan`).

Anonymity (kompetensi/models/penilaian.py): the answer is written as `JawabanRekan` rows with
no rater and no timestamp, the draft lives only in `PenugasanRekan.draf` (excluded from the audit
log and written by a queryset update, which sends no signal) and is cleared on submission. The
assignment is frozen once the peers' mean is released, so nobody can add or remove a peer and
difference two means.

Every write holds the round's row lock (`putaran_kunci`): a closed round is frozen, and an
assignment change cannot interleave with a peer's submission.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from asn_kinerja.audit import audit_ubah
from pegawai.access import akses_get

from ..access import PESAN_REKAN_DILARANG, may_assign_rekan
from ..models import HasilKompetensi, JawabanRekan, PenugasanRekan, PesertaPenilaian, PutaranPenilaian
from ..rules import MIN_REKAN
from ..selectors.penilaian import MAKS_REKAN, rekan_kandidat_qs, rekan_usulan_banyak
from .hasil import hasil_hitung
from .penilaian import PESAN_KOMPETENSI_ASING, PESAN_LEVEL_TIDAK_VALID, batas_lewat, level_sah
from .putaran import putaran_kunci, rekan_buka_jika_siap

PESAN_REKAN_NONAKTIF = "Putaran ini tidak memakai penilaian rekan."
PESAN_REKAN_BATAS_LEWAT = "Batas waktu penilaian rekan sudah lewat."
PESAN_REKAN_DIBUKA = "Rata-rata penilaian rekan untuk peserta ini sudah dibuka; penugasan rekan terkunci."
PESAN_REKAN_JUMLAH = f"Pilih {MIN_REKAN} sampai {MAKS_REKAN} rekan yang berbeda."
PESAN_REKAN_GANDA = "Seorang rekan dipilih lebih dari sekali."
PESAN_REKAN_BUKAN_KANDIDAT = (
    "Ada rekan yang tidak dapat dipilih (bukan pegawai aktif di OPD peserta, atau peserta dan atasannya sendiri); "
    "tidak ada yang disimpan."
)
PESAN_REKAN_SUDAH_MENGISI = "Rekan yang sudah mengisi penilaian tidak dapat dihapus dari penugasan: {nama}."
PESAN_REKAN_BUKAN_PENILAI = "Anda tidak ditugaskan menilai pegawai ini."
PESAN_REKAN_SUDAH_DIKIRIM = "Penilaian rekan ini sudah dikirim sebelumnya; tidak ada yang diubah."
PESAN_REKAN_BELUM_LENGKAP = "Belum dapat dikirim: pilih level 1 sampai 5 untuk setiap kompetensi."
PESAN_REKAN_DIBUKA_ISI = "Rata-rata penilaian rekan untuk pegawai ini sudah dibuka; penilaian tidak dapat dikirim lagi."
PESAN_USULAN_BUKAN_ATASAN = (
    "Hanya atasan peserta pada putaran penilaian yang dibuka yang dapat menerapkan usulan rekan."
)


def _rekan_terbuka(putaran: PutaranPenilaian, peserta: PesertaPenilaian) -> None:
    """Raise when the assignment of this participant can no longer change."""
    if not putaran.rekan_aktif:
        raise ValidationError(PESAN_REKAN_NONAKTIF)
    if peserta.rekan_dibuka:
        raise ValidationError(PESAN_REKAN_DIBUKA)
    if batas_lewat(putaran.batas_rekan):
        raise ValidationError(PESAN_REKAN_BATAS_LEWAT)


def _tugaskan(*, actor, peserta: PesertaPenilaian, penilai_ids: Iterable[int]) -> None:
    for penilai_id in penilai_ids:
        penugasan = PenugasanRekan(peserta=peserta, penilai_id=penilai_id, ditugaskan_oleh=actor)
        penugasan.full_clean()
        penugasan.save()


@transaction.atomic
def rekan_atur(*, actor, peserta: PesertaPenilaian, penilai_ids: list[int]) -> list[PenugasanRekan]:
    """Set the peers who rate `peserta`: 3 to 5 distinct valid candidates (kompetensi.selectors.
    penilaian.rekan_kandidat_qs; a peer already assigned may stay). A peer who already answered
    cannot be removed. By the round's atasan, the Admin OPD of the participant's OPD or BKD."""
    if not may_assign_rekan(actor, peserta):
        raise ValidationError(PESAN_REKAN_DILARANG)
    putaran = putaran_kunci(peserta.putaran_id)
    peserta = PesertaPenilaian.objects.select_for_update().select_related("jabatan").get(pk=peserta.pk)
    peserta.putaran = putaran
    _rekan_terbuka(putaran, peserta)
    ids = list(penilai_ids)
    if len(set(ids)) != len(ids):
        raise ValidationError(PESAN_REKAN_GANDA)
    if not MIN_REKAN <= len(ids) <= MAKS_REKAN:
        raise ValidationError(PESAN_REKAN_JUMLAH)

    ada = {
        p.penilai_id: p
        for p in PenugasanRekan.objects.select_for_update().filter(peserta_id=peserta.pk).select_related("penilai")
    }
    baru = set(ids) - ada.keys()
    if baru and set(rekan_kandidat_qs(peserta).filter(pk__in=baru).values_list("pk", flat=True)) != baru:
        raise ValidationError(PESAN_REKAN_BUKAN_KANDIDAT)
    hapus = [p for penilai_id, p in ada.items() if penilai_id not in ids]
    sudah = [p.penilai.nama_lengkap for p in hapus if p.status == PenugasanRekan.Status.TERKIRIM]
    if sudah:
        raise ValidationError(PESAN_REKAN_SUDAH_MENGISI.format(nama=", ".join(sorted(sudah))))
    for penugasan in hapus:
        penugasan.delete()
    _tugaskan(actor=actor, peserta=peserta, penilai_ids=sorted(baru))
    # Removing the last peer who had not answered may complete the set.
    if rekan_buka_jika_siap(peserta):
        hasil_hitung(putaran=putaran, peserta_ids=[peserta.pk])
    return list(PenugasanRekan.objects.filter(peserta_id=peserta.pk).order_by("pk"))


@dataclass
class RingkasanUsulan:
    diterapkan: int = 0
    # Subordinates whose unit has fewer than MIN_REKAN candidates: to assign by hand.
    kurang_kandidat: list[str] = field(default_factory=list)


def peserta_tanpa_rekan_q(pegawai_id: int):
    """The atasan's participants in open rounds whose peers can still be assigned and have none."""
    hari_ini = timezone.localdate()
    return PesertaPenilaian.objects.filter(
        atasan_id=pegawai_id,
        putaran__status=PutaranPenilaian.Status.DIBUKA,
        putaran__rekan_aktif=True,
        putaran__batas_rekan__gte=hari_ini,
        rekan_dibuka=False,
    ).exclude(Exists(PenugasanRekan.objects.filter(peserta_id=OuterRef("pk"))))


@transaction.atomic
def rekan_usulan_terapkan(*, actor) -> RingkasanUsulan:
    """For every subordinate (the actor is their atasan in an open round) who has no peer yet,
    assign the proposed peers (same unit, position first; up to 5) when there are at least 3."""
    akses = akses_get(actor)
    if akses.pegawai_id is None:
        raise ValidationError(PESAN_USULAN_BUKAN_ATASAN)
    putaran_ids = sorted(
        set(
            PesertaPenilaian.objects.filter(
                atasan_id=akses.pegawai_id, putaran__status=PutaranPenilaian.Status.DIBUKA
            ).values_list("putaran_id", flat=True)
        )
    )
    if not putaran_ids:
        raise ValidationError(PESAN_USULAN_BUKAN_ATASAN)
    for putaran_id in putaran_ids:  # in id order, as every writer does: no deadlock
        putaran_kunci(putaran_id)
    target = list(
        peserta_tanpa_rekan_q(akses.pegawai_id)
        .select_for_update(of=("self",))
        .select_related("pegawai", "jabatan")
        .order_by("pegawai__nama", "pk")
    )
    ringkasan = RingkasanUsulan()
    usulan = rekan_usulan_banyak(target)
    for peserta in target:
        ids = usulan.get(peserta.pk, [])
        if len(ids) < MIN_REKAN:
            ringkasan.kurang_kandidat.append(peserta.pegawai.nama_lengkap)
            continue
        _tugaskan(actor=actor, peserta=peserta, penilai_ids=ids)
        ringkasan.diterapkan += 1
    return ringkasan


@transaction.atomic
def rekan_isi_simpan(
    *, actor, penugasan: PenugasanRekan, level: Mapping[int, int | None], kirim: bool = False
) -> PenugasanRekan:
    """The assigned peer saves a draft (kept in `penugasan.draf`, never audited) or submits
    (`kirim`): every competency needs a level 1 to 5; the levels become anonymous JawabanRekan
    rows, the draft is cleared, and the status moves to submitted by compare-and-swap. Then the
    peers' mean is released if ready and the participant's results are recomputed."""
    akses = akses_get(actor)
    if akses.pegawai_id is None or penugasan.penilai_id != akses.pegawai_id:
        raise ValidationError(PESAN_REKAN_BUKAN_PENILAI)
    peserta_id = penugasan.peserta_id
    putaran = putaran_kunci(PesertaPenilaian.objects.values_list("putaran_id", flat=True).get(pk=peserta_id))
    if not putaran.rekan_aktif:
        raise ValidationError(PESAN_REKAN_NONAKTIF)
    if batas_lewat(putaran.batas_rekan):
        raise ValidationError(PESAN_REKAN_BATAS_LEWAT)
    terkini = PenugasanRekan.objects.select_for_update().filter(pk=penugasan.pk, penilai_id=akses.pegawai_id).first()
    if terkini is None:  # removed from the assignment meanwhile
        raise ValidationError(PESAN_REKAN_BUKAN_PENILAI)
    if terkini.status != PenugasanRekan.Status.DITUGASKAN:
        raise ValidationError(PESAN_REKAN_SUDAH_DIKIRIM)
    peserta = PesertaPenilaian.objects.select_for_update().get(pk=peserta_id)
    peserta.putaran = putaran
    if peserta.rekan_dibuka:
        raise ValidationError(PESAN_REKAN_DIBUKA_ISI)
    standar = list(
        HasilKompetensi.objects.filter(peserta_id=peserta_id)
        .order_by("kompetensi_id")
        .values_list("kompetensi_id", flat=True)
    )
    if set(level) - set(standar):
        raise ValidationError(PESAN_KOMPETENSI_ASING)
    if not all(level_sah(v) for v in level.values()):
        raise ValidationError(PESAN_LEVEL_TIDAK_VALID)
    sekarang = timezone.now()
    belum = PenugasanRekan.objects.filter(pk=terkini.pk, status=PenugasanRekan.Status.DITUGASKAN)
    if not kirim:
        draf = {str(k): v for k, v in sorted(level.items()) if v is not None}
        belum.update(draf=draf, updated_at=sekarang)
        terkini.draf = draf
        return terkini

    if any(level.get(k) is None for k in standar):
        raise ValidationError(PESAN_REKAN_BELUM_LENGKAP)
    if belum.update(status=PenugasanRekan.Status.TERKIRIM, draf={}, dikirim_pada=sekarang, updated_at=sekarang) != 1:
        raise ValidationError(PESAN_REKAN_SUDAH_DIKIRIM)
    JawabanRekan.objects.bulk_create(
        [JawabanRekan(peserta_id=peserta_id, kompetensi_id=k, level=level[k]) for k in standar]
    )
    terkini.status, terkini.draf, terkini.dikirim_pada = PenugasanRekan.Status.TERKIRIM, {}, sekarang
    audit_ubah(
        terkini,
        actor=actor,
        perubahan={
            "status": [PenugasanRekan.Status.DITUGASKAN.value, PenugasanRekan.Status.TERKIRIM.value],
            "dikirim_pada": ["None", sekarang.isoformat()],
        },
    )
    rekan_buka_jika_siap(peserta)
    hasil_hitung(putaran=putaran, peserta_ids=[peserta_id])
    return terkini
