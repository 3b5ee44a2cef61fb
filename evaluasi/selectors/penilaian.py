"""Reads for the assessment pages: the self-assessment, the supervisor's page (SKP, realisation
with evidence and feedback, self-assessment, peer aggregate, daily-log recap, ekspektasi khusus,
suggestion, live predikat, the unit's curve), the result page, the official document, the
rater's list and the pegawai's own history.

Every page here is a fixed number of queries whatever the number of RHK, indicators,
realisations, evidence, feedback rows, log entries or subordinates: children are prefetched
(one query per level), the daily log is one aggregate, the curve and the peers are aggregates.

What a viewer may read of an evaluation is decided by evaluasi.access (`may_see_rating`: the
rater's draft stays the rater's; `may_see_penilaian_diri`: a draft self-assessment stays the
pegawai's). Peers are aggregates only (`selectors.rekan.rekan_ringkasan`), never who gave what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from pegawai.access import akses_get

from ..access import (
    evaluasi_scope,
    may_see_penilaian_diri,
    may_see_rating,
    may_self_assess,
)
from ..models import (
    EkspektasiKhusus,
    EvaluasiPegawai,
    IndikatorKinerja,
    IndikatorNilaiDasar,
    LogHarian,
    NilaiDasar,
    PengaturanKinerja,
    PenilaianDiriKinerja,
    PenugasanRekanKinerja,
    Periode,
    Predikat,
    PredikatOrganisasi,
    Rating,
    RatingRhk,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    UmpanBalik,
)
from ..rules import (
    MATRIKS_PREDIKAT,
    PANDUAN_HASIL_KERJA,
    URUTAN_PREDIKAT,
    URUTAN_RATING,
    keberatan_batas,
    keberatan_terbuka,
    persen_teks,
    saran_hasil_kerja,
)
from ..services.penilaian import (
    PESAN_BATAS_ATASAN,
    PESAN_DIRI_FINAL,
    PESAN_PERIODE_BELUM,
    PESAN_PERIODE_DITUTUP,
    PESAN_SKP_BELUM,
    kurang_untuk_final,
    skp_evaluasi,
    tanggal_teks,
)
from .kurva import KurvaUnit, kurva_unit
from .rekan import RekanRingkasan, RekanTampil, rekan_ringkasan

NILAI_PREDIKAT = {p: len(URUTAN_PREDIKAT) - i for i, p in enumerate(URUTAN_PREDIKAT)}  # Sangat Baik 5 .. 1
KOLOM_PERILAKU = [Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS]  # the matrix as DOMAIN.md draws it
WARNA_PREDIKAT = {
    Predikat.SANGAT_BAIK: "success",
    Predikat.BAIK: "primary",
    Predikat.BUTUH_PERBAIKAN: "warning",
    Predikat.KURANG: "danger",
    Predikat.SANGAT_KURANG: "dark",
}
WARNA_RATING = {Rating.DI_ATAS: "success", Rating.SESUAI: "primary", Rating.DI_BAWAH: "danger"}
PANDUAN_PERILAKU = {
    Rating.DI_ATAS: "Perilaku kerja melampaui ekspektasi pada sebagian besar nilai BerAKHLAK dan ekspektasi khusus.",
    Rating.SESUAI: "Perilaku kerja sesuai dengan nilai BerAKHLAK dan ekspektasi khusus pimpinan.",
    Rating.DI_BAWAH: "Perilaku kerja belum sesuai dengan nilai BerAKHLAK atau ekspektasi khusus pimpinan.",
}


def _satu(obj, nama: str):
    """A reverse one-to-one that may be missing (already joined: no query either way)."""
    try:
        return getattr(obj, nama)
    except ObjectDoesNotExist:
        return None


# --- the SKP with realisation, evidence, feedback and the per-RHK ratings -----------------------


@dataclass(frozen=True)
class BuktiTampil:
    nama: str
    url: str
    luar: bool  # a link to somewhere else, not a stored file


@dataclass
class IndikatorBaris:
    indikator: IndikatorKinerja
    realisasi: Realisasi | None
    bukti: list[BuktiTampil]
    umpan_balik: list[UmpanBalik]

    @property
    def capaian(self) -> Decimal | None:
        """Realisation as a percentage of the target, for aspects where more is better."""
        ind = self.indikator
        if (
            self.realisasi is None
            or self.realisasi.nilai is None
            or not ind.target
            or ind.aspek not in (IndikatorKinerja.Aspek.KUANTITAS, IndikatorKinerja.Aspek.KUALITAS)
        ):
            return None
        return (self.realisasi.nilai * 100 / ind.target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class RhkBaris:
    nomor: str  # "A.1" for Utama, "B.1" for Tambahan
    rhk: RencanaHasilKerja
    indikator: list[IndikatorBaris]
    rating: RatingRhk | None

    @property
    def rating_diri(self) -> str:
        return self.rating.rating_diri if self.rating else ""

    @property
    def catatan_diri(self) -> str:
        return self.rating.catatan_diri if self.rating else ""

    @property
    def rating_atasan(self) -> str:
        return self.rating.rating_atasan if self.rating else ""

    @property
    def catatan_atasan(self) -> str:
        return self.rating.catatan_atasan if self.rating else ""

    @property
    def utama(self) -> bool:
        return self.rhk.jenis == RencanaHasilKerja.Jenis.UTAMA


def _bukti(realisasi: Realisasi) -> list[BuktiTampil]:
    hasil = []
    for b in realisasi.bukti.all():
        if b.tautan:
            # Only web links become clickable (never javascript: or data: URLs, whatever got stored).
            aman = b.tautan.lower().startswith(("https://", "http://"))
            hasil.append(BuktiTampil(b.keterangan or b.tautan, b.tautan if aman else "", True))
        else:
            hasil.append(BuktiTampil(b.nama_berkas or "berkas", reverse("evaluasi:bukti-unduh", args=[b.pk]), False))
    return hasil


def rhk_baris(evaluasi: EvaluasiPegawai, skp: Skp | None) -> list[RhkBaris]:
    """The SKP's RHK (Utama first) with each indicator's realisation in the period, its evidence
    and feedback, and the per-RHK ratings. Six queries whatever the sizes."""
    if skp is None:
        return []
    realisasi = Realisasi.objects.filter(periode_id=evaluasi.periode_id).prefetch_related(
        "bukti", Prefetch("umpan_balik", queryset=UmpanBalik.objects.select_related("penulis"))
    )
    semua = list(
        RencanaHasilKerja.objects.filter(skp=skp)
        .select_related("rhk_atasan", "sasaran_unit")
        .prefetch_related(
            Prefetch(
                "indikator",
                queryset=IndikatorKinerja.objects.order_by("urutan", "id").prefetch_related(
                    Prefetch("realisasi", queryset=realisasi, to_attr="realisasi_periode")
                ),
            )
        )
        .order_by("urutan", "id")
    )
    rating = {r.rhk_id: r for r in RatingRhk.objects.filter(evaluasi=evaluasi)}
    hasil = []
    for huruf, jenis in (("A", RencanaHasilKerja.Jenis.UTAMA), ("B", RencanaHasilKerja.Jenis.TAMBAHAN)):
        for i, rhk in enumerate((r for r in semua if r.jenis == jenis), start=1):
            indikator = []
            for ind in rhk.indikator.all():
                real = ind.realisasi_periode[0] if ind.realisasi_periode else None
                indikator.append(
                    IndikatorBaris(
                        ind,
                        real,
                        _bukti(real) if real else [],
                        list(real.umpan_balik.all()) if real else [],
                    )
                )
            hasil.append(RhkBaris(f"{huruf}.{i}", rhk, indikator, rating.get(rhk.pk)))
    return hasil


# --- daily log, perilaku, peers, curve ---------------------------------------------------------------


@dataclass(frozen=True)
class RekapLog:
    per_status: list[tuple[str, str, int, int]]  # (status, label, entries, minutes)
    menit_disetujui: int
    target: int
    jumlah_bulan: int

    @property
    def jumlah(self) -> int:
        return sum(n for _, _, n, _ in self.per_status)

    @property
    def persen(self) -> int:
        return min(100, round(self.menit_disetujui * 100 / self.target)) if self.target else 0

    @property
    def persen_teks(self) -> str:
        return persen_teks(self.menit_disetujui, self.target)


def log_rekap(*, pegawai_id: int, periode: Periode, target_bulanan: int) -> RekapLog:
    """The period's daily log of one pegawai: entries and minutes per status (one aggregate)."""
    baris = {
        s: (n, m or 0)
        for s, n, m in LogHarian.objects.filter(
            pegawai_id=pegawai_id, tanggal__gte=periode.tanggal_mulai, tanggal__lte=periode.tanggal_selesai
        )
        .values_list("status")
        .annotate(n=Count("id"), m=Sum("menit"))
        .order_by()
    }
    bulan = (
        (periode.tanggal_selesai.year - periode.tanggal_mulai.year) * 12
        + periode.tanggal_selesai.month
        - periode.tanggal_mulai.month
        + 1
    )
    per_status = [(s, label, *baris.get(s, (0, 0))) for s, label in LogHarian.Status.choices]
    disetujui = baris.get(LogHarian.Status.DISETUJUI, (0, 0))[1]
    return RekapLog(per_status, disetujui, target_bulanan * bulan, bulan)


@dataclass(frozen=True)
class NilaiBaris:
    nilai: NilaiDasar
    indikator: list[str]
    ekspektasi: str
    rekan: Decimal | None


def perilaku_baris(skp: Skp | None, rekan: RekanRingkasan | None) -> list[NilaiBaris]:
    """The seven BerAKHLAK values with their indicators, the atasan's ekspektasi khusus for this
    SKP and the peers' mean (when released). Three queries."""
    ekspektasi = dict(EkspektasiKhusus.objects.filter(skp=skp).values_list("nilai_dasar_id", "teks")) if skp else {}
    rata = {n.pk: r for n, r in rekan.per_nilai} if rekan else {}
    return [
        NilaiBaris(n, [i.uraian for i in n.indikator.all()], ekspektasi.get(n.pk, ""), rata.get(n.pk))
        for n in NilaiDasar.objects.order_by("urutan").prefetch_related(
            Prefetch("indikator", queryset=IndikatorNilaiDasar.objects.order_by("urutan"))
        )
    ]


@dataclass(frozen=True)
class KurvaTampil:
    kurva: KurvaUnit
    baris: list[tuple[str, str, int, str, bool]]  # (predikat, label, count, percent, this pegawai's)

    @property
    def pelanggaran(self) -> list[str]:
        return self.kurva.pelanggaran


def kurva_tampil(evaluasi: EvaluasiPegawai, predikat: str) -> KurvaTampil:
    """The unit's distribution with this pegawai counted as `predikat` (four queries)."""
    kurva = kurva_unit(periode_id=evaluasi.periode_id, unit_id=evaluasi.unit_id, ganti=(evaluasi.pk, predikat))
    total = kurva.total
    baris = [
        (p, Predikat(p).label, kurva.hitung.get(p, 0), persen_teks(kurva.hitung.get(p, 0), total), p == predikat)
        for p in URUTAN_PREDIKAT
    ]
    return KurvaTampil(kurva, baris)


def matriks(rating_hasil: str, rating_perilaku: str) -> list[dict]:
    """The predikat matrix as DOMAIN.md draws it (rows hasil kerja, columns perilaku), with the
    cell of the given ratings marked."""
    return [
        {
            "rating": r,
            "label": Rating(r).label,
            "sel": [
                {
                    "perilaku": p,
                    "predikat": MATRIKS_PREDIKAT[(r, p)],
                    "label": Predikat(MATRIKS_PREDIKAT[(r, p)]).label,
                    "warna": WARNA_PREDIKAT[MATRIKS_PREDIKAT[(r, p)]],
                    "aktif": r == rating_hasil and p == rating_perilaku,
                }
                for p in KOLOM_PERILAKU
            ],
        }
        for r in URUTAN_RATING
    ]


def matriks_json() -> dict:
    """What the page's script needs to recompute the predikat and the suggestion live."""
    return {
        "matriks": {f"{h}|{p}": v for (h, p), v in MATRIKS_PREDIKAT.items()},
        "label": {p.value: p.label for p in Predikat},
        "warna": {k.value: v for k, v in WARNA_PREDIKAT.items()},
        "rating_label": {r.value: r.label for r in Rating},
    }


# --- the pages ----------------------------------------------------------------------------------------


@dataclass
class HalamanPenilaian:
    evaluasi: EvaluasiPegawai
    skp: Skp | None
    rhk: list[RhkBaris]
    diri: PenilaianDiriKinerja | None  # None also when the viewer may not see it yet
    pengaturan: PengaturanKinerja
    kunci: str = ""  # why the form is read-only ("" = editable)
    lihat_rating: bool = True
    rekan: RekanRingkasan | None = None
    rekan_tugas: dict = field(default_factory=dict)
    log: RekapLog | None = None
    perilaku: list[NilaiBaris] = field(default_factory=list)
    kurva: KurvaTampil | None = None
    kurang: list[str] = field(default_factory=list)
    keberatan: object = None
    predikat_organisasi: PredikatOrganisasi | None = None

    @property
    def skp_disetujui(self) -> bool:
        return self.skp is not None and self.skp.status == Skp.Status.DISETUJUI

    @property
    def rekan_tampil(self) -> RekanTampil:
        """The peers' aggregate for evaluasi/evaluasi_rekan_ringkasan.html."""
        return RekanTampil(ringkasan=self.rekan, dibuka=self.evaluasi.rekan_dibuka, minimum=self.pengaturan.rekan_min)

    @property
    def rhk_utama(self) -> list[RhkBaris]:
        return [b for b in self.rhk if b.utama]

    @property
    def rhk_tambahan(self) -> list[RhkBaris]:
        return [b for b in self.rhk if not b.utama]

    @property
    def saran(self) -> str:
        """The guidance rule applied to the rater's per-RHK ratings (a suggestion only)."""
        return saran_hasil_kerja((b.rhk.jenis, b.rating_atasan) for b in self.rhk)

    @property
    def saran_label(self) -> str:
        return Rating(self.saran).label if self.saran else ""

    @property
    def matriks(self) -> list[dict]:
        ev = self.evaluasi
        return matriks(ev.rating_hasil, ev.rating_perilaku) if self.lihat_rating else matriks("", "")

    @property
    def rhk_dinilai(self) -> int:
        return sum(1 for b in self.rhk if b.rating_atasan)

    @property
    def keberatan_batas(self):
        ev = self.evaluasi
        if not ev.difinalkan_pada:
            return None
        return keberatan_batas(timezone.localtime(ev.difinalkan_pada).date(), self.pengaturan.keberatan_hari)

    @property
    def keberatan_terbuka(self) -> bool:
        ev = self.evaluasi
        return bool(
            ev.difinalkan_pada
            and keberatan_terbuka(
                timezone.localtime(ev.difinalkan_pada).date(), timezone.localdate(), self.pengaturan.keberatan_hari
            )
        )


def _kunci_periode(periode: Periode) -> str:
    if periode.status == Periode.Status.DITUTUP:
        return PESAN_PERIODE_DITUTUP
    if periode.status != Periode.Status.PENILAIAN:
        return PESAN_PERIODE_BELUM
    return ""


def _lewat(batas) -> bool:
    return timezone.localdate() > batas


def _rekan_tugas(evaluasi: EvaluasiPegawai) -> dict:
    return PenugasanRekanKinerja.objects.filter(evaluasi=evaluasi).aggregate(
        ditugaskan=Count("id"), terkirim=Count("id", filter=Q(status=PenugasanRekanKinerja.Status.TERKIRIM))
    )


def halaman_diri(*, evaluasi: EvaluasiPegawai) -> HalamanPenilaian:
    """The pegawai's self-assessment page (the pegawai only: the view authorises). `evaluasi`
    comes from access_evaluasi(..., select=("penilaian_diri",))."""
    ev = evaluasi
    skp = skp_evaluasi(ev)
    diri = _satu(ev, "penilaian_diri")
    pengaturan = PengaturanKinerja.get()
    h = HalamanPenilaian(ev, skp, rhk_baris(ev, skp), diri, pengaturan, lihat_rating=False)
    periode = ev.periode
    if ev.final:
        h.kunci = PESAN_DIRI_FINAL
    elif diri is not None and diri.terkirim:
        h.kunci = f"Penilaian diri sudah dikirim pada {tanggal_teks(diri.dikirim_pada)} dan terkunci."
    elif kunci := _kunci_periode(periode):
        h.kunci = kunci
    elif _lewat(periode.batas_penilaian_diri):
        h.kunci = (
            f"Batas penilaian diri ({tanggal_teks(periode.batas_penilaian_diri)}) sudah lewat; "
            "penilaian diri hanya dapat dibaca."
        )
    elif not h.skp_disetujui:
        h.kunci = PESAN_SKP_BELUM.format(tahun=periode.tahun)
    h.perilaku = perilaku_baris(skp, None)
    return h


def halaman_nilai(*, evaluasi: EvaluasiPegawai) -> HalamanPenilaian:
    """Everything the rater needs on one page. `evaluasi` comes from
    access_evaluasi(..., for_rating=True, select=("penilaian_diri",))."""
    ev = evaluasi
    skp = skp_evaluasi(ev)
    diri = _satu(ev, "penilaian_diri")
    pengaturan = PengaturanKinerja.get()
    h = HalamanPenilaian(
        ev, skp, rhk_baris(ev, skp), diri if diri and diri.terkirim else None, pengaturan, lihat_rating=True
    )
    periode = ev.periode
    if ev.final:
        h.kunci = f"Penilaian ini sudah difinalkan pada {tanggal_teks(ev.difinalkan_pada)} dan terkunci."
    elif kunci := _kunci_periode(periode):
        h.kunci = kunci
    elif _lewat(periode.batas_penilaian_atasan):
        h.kunci = PESAN_BATAS_ATASAN.format(tanggal=tanggal_teks(periode.batas_penilaian_atasan))
    elif not h.skp_disetujui:
        h.kunci = PESAN_SKP_BELUM.format(tahun=periode.tahun)
    h.rekan = rekan_ringkasan(ev)
    h.rekan_tugas = _rekan_tugas(ev)
    h.log = log_rekap(pegawai_id=ev.pegawai_id, periode=periode, target_bulanan=pengaturan.log_target_bulanan)
    h.perilaku = perilaku_baris(skp, h.rekan)
    if not ev.final:
        h.kurva = kurva_tampil(ev, ev.predikat)
        h.kurang = kurang_untuk_final(ev, [b.rhk.pk for b in h.rhk], h.rhk_dinilai)
    return h


def halaman_detail(*, evaluasi: EvaluasiPegawai, user) -> HalamanPenilaian:
    """The result page and the official document: everyone in the evaluation's scope; the
    rater's draft only for the rater, a draft self-assessment only for the pegawai, the peers'
    aggregate for the pegawai once the result is final. `evaluasi` comes from
    access_evaluasi(..., select=("penilaian_diri", "keberatan"))."""
    ev = evaluasi
    skp = skp_evaluasi(ev)
    diri = _satu(ev, "penilaian_diri")
    if diri is not None and not may_see_penilaian_diri(user, ev, diri.terkirim):
        diri = None
    pengaturan = PengaturanKinerja.get()
    h = HalamanPenilaian(ev, skp, rhk_baris(ev, skp), diri, pengaturan, lihat_rating=may_see_rating(user, ev))
    if not h.lihat_rating:
        for b in h.rhk:  # the rater's per-RHK draft stays private too
            if b.rating is not None:
                b.rating.rating_atasan, b.rating.catatan_atasan = "", ""
    if not (diri is not None or may_self_assess(user, ev)):
        for b in h.rhk:
            if b.rating is not None:
                b.rating.rating_diri, b.rating.catatan_diri = "", ""
    if ev.final or not may_self_assess(user, ev):
        h.rekan = rekan_ringkasan(ev)
    h.perilaku = perilaku_baris(skp, h.rekan)
    h.keberatan = _satu(ev, "keberatan")
    h.predikat_organisasi = PredikatOrganisasi.objects.filter(periode_id=ev.periode_id, unit_id=ev.unit_id).first()
    return h


# --- the rater's list -----------------------------------------------------------------------------------


CAKUPAN_DINILAI, CAKUPAN_SEMUA = "dinilai", "semua"


def periode_pilihan() -> list[Periode]:
    """Periods that have evaluations worth listing (planning ones have none to rate yet)."""
    return list(Periode.objects.exclude(status=Periode.Status.PERENCANAAN).order_by("-tanggal_selesai", "-id"))


def periode_bawaan(periode: list[Periode]) -> Periode | None:
    """The period in assessment (the latest one), else the latest period."""
    for p in periode:
        if p.status == Periode.Status.PENILAIAN:
            return p
    return periode[0] if periode else None


def evaluasi_daftar(
    *, user, periode: Periode, cakupan: str = CAKUPAN_DINILAI, status: str = "", predikat: str = "", q: str = ""
) -> tuple[QuerySet[EvaluasiPegawai], dict[str, int]]:
    """The evaluations of a period the user may list: those they rate (`cakupan` "dinilai") or
    everything in their scope ("semua": an admin's OPD or the whole Pemda, an atasan's whole
    subtree). Returns the filtered queryset (joins selected) and the count per status before the
    status filter (one aggregate)."""
    akses = akses_get(user)
    qs = evaluasi_scope(user).filter(periode=periode)
    if cakupan == CAKUPAN_DINILAI:
        qs = qs.filter(penilai_id=akses.pegawai_id) if akses.pegawai_id else qs.none()
    if q := (q or "").strip():
        qs = qs.filter(Q(pegawai__nama__icontains=q) | Q(pegawai__nip__startswith=q) | Q(unit__nama__icontains=q))
    if predikat:
        # A draft's predikat is the rater's own: others filter on final results only.
        qs = qs.filter(predikat=predikat).filter(
            Q(status=EvaluasiPegawai.Status.FINAL) | Q(penilai_id=akses.pegawai_id)
        )
    hitung = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    if status:
        qs = qs.filter(status=status)
    qs = qs.select_related("pegawai", "jabatan", "unit", "penilai", "penilaian_diri").order_by("pegawai__nama", "pk")
    return qs, {s: hitung.get(s, 0) for s in EvaluasiPegawai.Status.values}


# --- the pegawai's own history ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Riwayat:
    evaluasi: list[EvaluasiPegawai]
    grafik: dict

    def __len__(self) -> int:
        return len(self.evaluasi)


def riwayat_saya(*, user) -> Riwayat:
    """The signed-in pegawai's evaluations in every period (newest first) and the trend of final
    predikat (oldest first, Sangat Kurang = 1 .. Sangat Baik = 5). One query."""
    akses = akses_get(user)
    semua = list(
        EvaluasiPegawai.objects.filter(pegawai_id=akses.pegawai_id)
        .exclude(periode__status=Periode.Status.PERENCANAAN)
        .select_related("periode", "penilai", "jabatan", "unit", "penilaian_diri")
        .order_by("-periode__tanggal_selesai", "-periode__tanggal_mulai", "-pk")
    )
    final = [e for e in reversed(semua) if e.final]
    grafik = {
        "label": [e.periode.nama for e in final],
        "nilai": [NILAI_PREDIKAT.get(e.predikat) for e in final],
        "predikat": [e.get_predikat_display() for e in final],
        "skala": {str(v): Predikat(p).label for p, v in NILAI_PREDIKAT.items()},
    }
    return Riwayat(semua, grafik)


PANDUAN = {
    "hasil": [(r, Rating(r).label, PANDUAN_HASIL_KERJA[r], WARNA_RATING[r]) for r in URUTAN_RATING],
    "perilaku": [(r, Rating(r).label, PANDUAN_PERILAKU[r], WARNA_RATING[r]) for r in URUTAN_RATING],
}
