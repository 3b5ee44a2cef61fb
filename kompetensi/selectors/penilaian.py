"""Reads for the assessment pages: what waits for a user, the self/supervisor forms, the peer
form and the peer assignment. Every page runs a fixed number of queries, whatever the number of
competencies, subordinates or peers (relations joined or prefetched, statuses annotated).

Peer anonymity: nothing here reads `JawabanRekan`, and a peer assignment's draft is read only for
its own rater (`rekan_isi_halaman`, reached through `access_penugasan_rekan`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pegawai.access import akses_get
from pegawai.models import Pegawai
from pegawai.rekan import CARI_MAKS as CARI_MAKS  # re-exported
from pegawai.rekan import HalamanAturRekan, rekan_atur_halaman_get, rekan_kandidat_opd_qs

from ..models import (
    HasilKompetensi,
    LevelKompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    PutaranPenilaian,
)
from ..rules import MIN_REKAN

MAKS_REKAN = 5

DIRI = PenilaianKompetensi.Jenis.DIRI
ATASAN = PenilaianKompetensi.Jenis.ATASAN
TERKIRIM = PenilaianKompetensi.Status.TERKIRIM

PESAN_KUNCI_DITUTUP = "Putaran ini sudah ditutup; penilaian tidak dapat diubah lagi."
PESAN_KUNCI_TERKIRIM = "Penilaian ini sudah dikirim dan terkunci."
PESAN_KUNCI_BATAS = "Batas waktu pengisian ({tanggal}) sudah lewat; penilaian tidak dapat disimpan lagi."


def _lewat(batas: datetime.date) -> bool:
    return timezone.localdate() > batas


def _status_penilaian(jenis: str):
    return Subquery(PenilaianKompetensi.objects.filter(peserta_id=OuterRef("pk"), jenis=jenis).values("status")[:1])


# --- what waits for the user ------------------------------------------------------------------


@dataclass
class Tugas:
    diri: list[PesertaPenilaian] = field(default_factory=list)
    rekan: list[PenugasanRekan] = field(default_factory=list)
    bawahan: list[PesertaPenilaian] = field(default_factory=list)
    atur_rekan: list[PesertaPenilaian] = field(default_factory=list)
    tanpa_rekan: int = 0  # subordinates with no peer at all (the bulk action's target)

    @property
    def jumlah_diri(self) -> int:
        return sum(1 for p in self.diri if p.bisa_diisi and p.status_diri != TERKIRIM)

    @property
    def jumlah_rekan(self) -> int:
        return sum(1 for t in self.rekan if t.bisa_diisi and t.status != PenugasanRekan.Status.TERKIRIM)

    @property
    def jumlah_bawahan(self) -> int:
        return sum(1 for p in self.bawahan if p.bisa_diisi and p.status_atasan != TERKIRIM)

    @property
    def jumlah_atur_rekan(self) -> int:
        return len(self.atur_rekan)

    @property
    def jumlah(self) -> int:
        """Everything still to do (for a badge): open, before the deadline, not submitted."""
        return self.jumlah_diri + self.jumlah_rekan + self.jumlah_bawahan + self.jumlah_atur_rekan

    @property
    def kosong(self) -> bool:
        return not (self.diri or self.rekan or self.bawahan)


def tugas_get(*, user) -> Tugas:
    """Open rounds only: the user's own self-assessment, the peers they must rate (that person
    only), the subordinates they rate as the round's atasan, and those still lacking 3 peers.
    Three queries."""
    akses = akses_get(user)
    tugas = Tugas()
    if akses.pegawai_id is None:
        return tugas
    dibuka = PutaranPenilaian.Status.DIBUKA
    tugas.diri = list(
        PesertaPenilaian.objects.filter(pegawai_id=akses.pegawai_id, putaran__status=dibuka)
        .select_related("putaran", "jabatan", "unit")
        .annotate(status_diri=_status_penilaian(DIRI))
        .order_by("putaran__batas_diri", "pk")
    )
    for p in tugas.diri:
        p.bisa_diisi = not _lewat(p.putaran.batas_diri)
    tugas.rekan = list(
        PenugasanRekan.objects.filter(
            penilai_id=akses.pegawai_id, peserta__putaran__status=dibuka, peserta__putaran__rekan_aktif=True
        )
        .select_related("peserta__putaran", "peserta__pegawai", "peserta__jabatan", "peserta__unit")
        .order_by("status", "peserta__putaran__batas_rekan", "peserta__pegawai__nama", "pk")
    )
    for t in tugas.rekan:
        t.bisa_diisi = not _lewat(t.peserta.putaran.batas_rekan) and not t.peserta.rekan_dibuka
    tugas.bawahan = list(
        PesertaPenilaian.objects.filter(atasan_id=akses.pegawai_id, putaran__status=dibuka)
        .select_related("putaran", "pegawai", "jabatan", "unit")
        .annotate(
            status_diri=_status_penilaian(DIRI),
            status_atasan=_status_penilaian(ATASAN),
            jumlah_rekan=Subquery(
                PenugasanRekan.objects.filter(peserta_id=OuterRef("pk"))
                .order_by()
                .values("peserta_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .order_by("putaran__batas_atasan", "pegawai__nama", "pk")
    )
    for p in tugas.bawahan:
        p.jumlah_rekan = p.jumlah_rekan or 0
        p.bisa_diisi = not _lewat(p.putaran.batas_atasan)
        p.rekan_bisa_diatur = p.putaran.rekan_aktif and not p.rekan_dibuka and not _lewat(p.putaran.batas_rekan)
    tugas.atur_rekan = [p for p in tugas.bawahan if p.rekan_bisa_diatur and p.jumlah_rekan < MIN_REKAN]
    tugas.tanpa_rekan = sum(1 for p in tugas.atur_rekan if p.jumlah_rekan == 0)
    return tugas


def tugas_jumlah(*, user) -> int:
    """`tugas_get(...).jumlah` in two counting queries, for a badge in the navigation."""
    akses = akses_get(user)
    if akses.pegawai_id is None:
        return 0
    hari_ini = timezone.localdate()
    me = akses.pegawai_id
    terkirim = {
        jenis: Exists(PenilaianKompetensi.objects.filter(peserta_id=OuterRef("pk"), jenis=jenis, status=TERKIRIM))
        for jenis in (DIRI, ATASAN)
    }
    jumlah_rekan = Subquery(
        PenugasanRekan.objects.filter(peserta_id=OuterRef("pk"))
        .order_by()
        .values("peserta_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    peserta = (
        PesertaPenilaian.objects.filter(
            Q(pegawai_id=me) | Q(atasan_id=me), putaran__status=PutaranPenilaian.Status.DIBUKA
        )
        .annotate(diri_terkirim=terkirim[DIRI], atasan_terkirim=terkirim[ATASAN], n_rekan=Coalesce(jumlah_rekan, 0))
        .aggregate(
            diri=Count("pk", filter=Q(pegawai_id=me, putaran__batas_diri__gte=hari_ini, diri_terkirim=False)),
            bawahan=Count("pk", filter=Q(atasan_id=me, putaran__batas_atasan__gte=hari_ini, atasan_terkirim=False)),
            atur=Count(
                "pk",
                filter=Q(
                    atasan_id=me,
                    putaran__rekan_aktif=True,
                    rekan_dibuka=False,
                    putaran__batas_rekan__gte=hari_ini,
                    n_rekan__lt=MIN_REKAN,
                ),
            ),
        )
    )
    rekan = PenugasanRekan.objects.filter(
        penilai_id=me,
        status=PenugasanRekan.Status.DITUGASKAN,
        peserta__rekan_dibuka=False,
        peserta__putaran__status=PutaranPenilaian.Status.DIBUKA,
        peserta__putaran__rekan_aktif=True,
        peserta__putaran__batas_rekan__gte=hari_ini,
    ).count()
    return peserta["diri"] + peserta["bawahan"] + peserta["atur"] + rekan


# --- the self and supervisor forms ------------------------------------------------------------


@dataclass
class BarisKompetensi:
    """One competency of the participant's standard on a form page."""

    hasil: HasilKompetensi
    nilai: NilaiKompetensi | None = None  # the page owner's own row (draft or submitted)
    diri: NilaiKompetensi | None = None  # on the atasan's page: the submitted self-assessment

    @property
    def kompetensi(self):
        return self.hasil.kompetensi

    @property
    def level(self) -> list[LevelKompetensi]:
        return list(self.hasil.kompetensi.level.all())

    @property
    def indikator_ids(self) -> set[int]:
        return {i.pk for i in self.nilai.indikator.all()} if self.nilai else set()

    @property
    def diri_indikator(self) -> list:
        return list(self.diri.indikator.all()) if self.diri else []


@dataclass
class HalamanPenilaian:
    peserta: PesertaPenilaian
    jenis: str
    penilaian: PenilaianKompetensi | None
    diri: PenilaianKompetensi | None  # the submitted self-assessment (atasan's page)
    baris: list[BarisKompetensi]
    kunci: str  # why nothing can be saved ("" while it can)
    batas: datetime.date

    @property
    def terkirim(self) -> bool:
        return self.penilaian is not None and self.penilaian.status == TERKIRIM


def _hasil_dengan_kamus(peserta: PesertaPenilaian, *, indikator: bool) -> list[HasilKompetensi]:
    level_qs = LevelKompetensi.objects.order_by("level")
    if indikator:
        level_qs = level_qs.prefetch_related("indikator")
    return list(
        HasilKompetensi.objects.filter(peserta_id=peserta.pk)
        .select_related("kompetensi")
        .prefetch_related(Prefetch("kompetensi__level", queryset=level_qs))
        .order_by("kompetensi__jenis", "kompetensi__urutan", "kompetensi_id")
    )


def kunci_alasan(*, putaran: PutaranPenilaian, batas: datetime.date, terkirim: bool) -> str:
    if putaran.status != PutaranPenilaian.Status.DIBUKA:
        return PESAN_KUNCI_DITUTUP
    if terkirim:
        return PESAN_KUNCI_TERKIRIM
    if _lewat(batas):
        from django.utils.formats import date_format

        return PESAN_KUNCI_BATAS.format(tanggal=date_format(batas, "j F Y"))
    return ""


def penilaian_halaman(*, peserta: PesertaPenilaian, jenis: str) -> HalamanPenilaian:
    """The self-assessment (jenis diri) or the supervisor's page (jenis atasan, with the
    self-assessment beside it once submitted; a draft of it is never shown). Six queries."""
    hasil = _hasil_dengan_kamus(peserta, indikator=True)
    penilaian = {
        p.jenis: p
        for p in PenilaianKompetensi.objects.filter(peserta_id=peserta.pk).prefetch_related(
            Prefetch("nilai", queryset=NilaiKompetensi.objects.prefetch_related("indikator"))
        )
    }
    sendiri = penilaian.get(jenis)
    diri = penilaian.get(DIRI) if jenis == ATASAN else None
    if diri is not None and diri.status != TERKIRIM:
        diri = None
    nilai_sendiri = {n.kompetensi_id: n for n in sendiri.nilai.all()} if sendiri else {}
    nilai_diri = {n.kompetensi_id: n for n in diri.nilai.all()} if diri else {}
    baris = [
        BarisKompetensi(hasil=h, nilai=nilai_sendiri.get(h.kompetensi_id), diri=nilai_diri.get(h.kompetensi_id))
        for h in hasil
    ]
    putaran = peserta.putaran
    batas = putaran.batas_diri if jenis == DIRI else putaran.batas_atasan
    terkirim = sendiri is not None and sendiri.status == TERKIRIM
    return HalamanPenilaian(
        peserta=peserta,
        jenis=jenis,
        penilaian=sendiri,
        diri=diri,
        baris=baris,
        kunci=kunci_alasan(putaran=putaran, batas=batas, terkirim=terkirim),
        batas=batas,
    )


# --- the peer's own form ----------------------------------------------------------------------


@dataclass
class HalamanRekan:
    penugasan: PenugasanRekan
    hasil: list[HasilKompetensi]
    kunci: str

    @property
    def terkirim(self) -> bool:
        return self.penugasan.status == PenugasanRekan.Status.TERKIRIM


PESAN_KUNCI_REKAN_DIBUKA = "Rata-rata penilaian rekan untuk pegawai ini sudah dibuka; penilaian tidak dapat diisi lagi."
PESAN_KUNCI_REKAN_NONAKTIF = "Putaran ini tidak memakai penilaian rekan."


def rekan_isi_halaman(*, penugasan: PenugasanRekan) -> HalamanRekan:
    """The peer's page (for the rater only): the person to rate and the level descriptions.
    Once submitted, nothing of the answer is read back (it is no longer linked to the rater)."""
    peserta = penugasan.peserta
    putaran = peserta.putaran
    terkirim = penugasan.status == PenugasanRekan.Status.TERKIRIM
    hasil = [] if terkirim else _hasil_dengan_kamus(peserta, indikator=False)
    kunci = kunci_alasan(putaran=putaran, batas=putaran.batas_rekan, terkirim=terkirim)
    if not kunci and not putaran.rekan_aktif:
        kunci = PESAN_KUNCI_REKAN_NONAKTIF
    if not kunci and peserta.rekan_dibuka:
        kunci = PESAN_KUNCI_REKAN_DIBUKA
    return HalamanRekan(penugasan=penugasan, hasil=hasil, kunci=kunci)


# --- peer assignment --------------------------------------------------------------------------


def rekan_kandidat_qs(peserta: PesertaPenilaian) -> QuerySet[Pegawai]:
    """Who may be assigned as a peer: active employees with an account in the participant's
    snapshot OPD, except the participant and their atasan in the round."""
    return rekan_kandidat_opd_qs(opd_id=peserta.opd_id, kecuali={peserta.pegawai_id, peserta.atasan_id} - {None})


def _prioritas(peserta: PesertaPenilaian, jabatan_id: int, jenis: str, jenjang: str) -> int:
    if jabatan_id == peserta.jabatan_id:
        return 0
    if (jenis, jenjang or "") == (peserta.jabatan.jenis, peserta.jabatan.jenjang or ""):
        return 1
    return 2


def rekan_usulan_banyak(peserta_list: list[PesertaPenilaian]) -> dict[int, list[int]]:
    """The proposed peers of each participant (their `jabatan` loaded): candidates of the same
    unit, the same position first, then the same position kind and jenjang, then the rest of the
    unit, by name; up to 5. One query for all of them."""
    if not peserta_list:
        return {}
    per_unit: dict[int, list[tuple]] = defaultdict(list)
    rows = Pegawai.objects.filter(
        aktif=True, user__isnull=False, unit_id__in={p.unit_id for p in peserta_list}
    ).values_list("pk", "unit_id", "unit__opd_id", "jabatan_id", "jabatan__jenis", "jabatan__jenjang", "nama")
    for row in rows:
        per_unit[row[1]].append(row)
    usulan = {}
    for peserta in peserta_list:
        kandidat = [
            (_prioritas(peserta, jabatan_id, jenis, jenjang), nama.casefold(), pk)
            for pk, _, opd_id, jabatan_id, jenis, jenjang, nama in per_unit[peserta.unit_id]
            if opd_id == peserta.opd_id and pk not in (peserta.pegawai_id, peserta.atasan_id)
        ]
        usulan[peserta.pk] = [pk for _, _, pk in sorted(kandidat)[:MAKS_REKAN]]
    return usulan


def rekan_kunci_alasan(peserta: PesertaPenilaian) -> str:
    putaran = peserta.putaran
    if putaran.status != PutaranPenilaian.Status.DIBUKA:
        return PESAN_KUNCI_DITUTUP
    if not putaran.rekan_aktif:
        return PESAN_KUNCI_REKAN_NONAKTIF
    if peserta.rekan_dibuka:
        return "Rata-rata penilaian rekan untuk peserta ini sudah dibuka; penugasan rekan terkunci."
    if _lewat(putaran.batas_rekan):
        from django.utils.formats import date_format

        return f"Batas penilaian rekan ({date_format(putaran.batas_rekan, 'j F Y')}) sudah lewat; penugasan terkunci."
    return ""


def rekan_atur_halaman(*, peserta: PesertaPenilaian, q: str = "", pilih: list[int] | None = None) -> HalamanAturRekan:
    """The assignment page (pegawai.rekan.rekan_atur_halaman_get): current peers with whether
    they answered (never what), the proposal, and a server-side search over the OPD (at most 20
    rows, however large the OPD). Up to five queries."""
    return rekan_atur_halaman_get(
        penugasan=PenugasanRekan.objects.filter(peserta_id=peserta.pk),
        kunci=rekan_kunci_alasan(peserta),
        usulan=lambda: rekan_usulan_banyak([peserta])[peserta.pk],
        kandidat=lambda: rekan_kandidat_qs(peserta),
        q=q,
        pilih=pilih,
        minimum=MIN_REKAN,
        maksimum=MAKS_REKAN,
    )
