"""Reads for competency reports: one participant's result (page and JSON), a person's history
across rounds, the atasan's team matrix and the admins' gap analysis (issue 3).

Every function runs a fixed number of queries whatever the number of people: results are
fetched with one `values_list` per page or aggregated in the database (GROUP BY).

Peer anonymity: nothing here reads `PenugasanRekan` or `JawabanRekan`. The peers' mean comes
only from `HasilKompetensi.rekan_rata` (None below MIN_REKAN answers) and only once
`PesertaPenilaian.rekan_dibuka`; the number of answers is shown only after that release.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet

from pegawai.access import akses_get, bawahan_q, is_atasan
from pegawai.models import UnitKerja
from pegawai.selectors import halaman_get

from ..access import peserta_scope
from ..models import HasilKompetensi, KategoriJpm, Kompetensi, PenilaianKompetensi, PesertaPenilaian, PutaranPenilaian
from .kamus import _urut_jenis

# --- colours ----------------------------------------------------------------------------------

KATEGORI_LABEL = dict(KategoriJpm.choices)
KATEGORI_BADGE = {
    KategoriJpm.OPTIMAL: "text-bg-success",
    KategoriJpm.CUKUP_OPTIMAL: "text-bg-warning",
    KategoriJpm.KURANG_OPTIMAL: "text-bg-danger",
}
# Excel fills use the same meaning (exports/laporan.py).
WARNA_BAIK, WARNA_SEDANG, WARNA_BURUK, WARNA_KOSONG = "baik", "sedang", "buruk", "kosong"
_KELAS_SEL = {
    WARNA_BAIK: "table-success",
    WARNA_SEDANG: "table-warning",
    WARNA_BURUK: "table-danger",
    WARNA_KOSONG: "table-secondary",
}
_KELAS_BADGE = {
    WARNA_BAIK: "text-bg-success",
    WARNA_SEDANG: "text-bg-warning",
    WARNA_BURUK: "text-bg-danger",
    WARNA_KOSONG: "text-bg-secondary",
}


def gap_warna(gap: int | None) -> str:
    """A person's gap: >= 0 good, -1 moderate, <= -2 bad, no result grey."""
    if gap is None:
        return WARNA_KOSONG
    if gap >= 0:
        return WARNA_BAIK
    return WARNA_SEDANG if gap == -1 else WARNA_BURUK


def rata_gap_warna(rata: float | Decimal | None) -> str:
    """A group's mean gap: >= 0 good, -1 to < 0 moderate, < -1 bad, nobody assessed grey."""
    if rata is None:
        return WARNA_KOSONG
    if rata >= 0:
        return WARNA_BAIK
    return WARNA_SEDANG if rata >= -1 else WARNA_BURUK


def kategori_label(kode: str | None) -> str:
    return KATEGORI_LABEL.get(kode or "", "")


def kategori_badge(kode: str | None) -> str:
    return KATEGORI_BADGE.get(kode or "", "text-bg-secondary")


def _nama_lengkap(depan: str | None, nama: str | None, belakang: str | None) -> str:
    if nama is None:
        return ""
    return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"


# --- one participant's result -----------------------------------------------------------------

REKAN_TIDAK_DIPAKAI = "tidak dipakai"
REKAN_BELUM_DIBUKA = "belum dibuka"
REKAN_KURANG = "kurang dari 3 penilai"


@dataclass(frozen=True)
class BarisHasil:
    kompetensi_id: int
    kode: str
    nama: str
    jenis: str
    standar: int
    diri: int | None
    atasan: int | None
    rekan_rata: Decimal | None  # only when released and at least 3 answers
    rekan_keterangan: str  # why rekan_rata is empty ("" when shown)
    capaian: int | None
    gap: int | None

    @property
    def warna(self) -> str:
        return gap_warna(self.gap)

    @property
    def kelas_gap(self) -> str:
        return _KELAS_BADGE[self.warna]


@dataclass(frozen=True)
class HasilPeserta:
    """Everything the result partial (`kompetensi/_hasil_peserta.html`) and the JSON show."""

    peserta: PesertaPenilaian
    baris: list[BarisHasil]
    diri_terkirim: bool
    atasan_terkirim: bool
    rekan_aktif: bool
    rekan_dibuka: bool
    rekan_jumlah: int | None  # answers received, only once released

    @property
    def jpm(self) -> Decimal | None:
        return self.peserta.jpm

    @property
    def kategori(self) -> str:
        return self.peserta.kategori

    @property
    def kategori_label(self) -> str:
        return kategori_label(self.peserta.kategori)

    @property
    def kategori_badge(self) -> str:
        return kategori_badge(self.peserta.kategori)

    @property
    def ada_hasil(self) -> bool:
        return self.peserta.jpm is not None

    @property
    def rekan_tampil(self) -> bool:
        return any(b.rekan_rata is not None for b in self.baris)

    @property
    def jumlah_gap_negatif(self) -> int:
        return sum(1 for b in self.baris if b.gap is not None and b.gap < 0)

    @property
    def grafik_id(self) -> str:
        return f"data-grafik-hasil-{self.peserta.pk}"

    @property
    def grafik(self) -> dict:
        return {
            "label": [b.nama for b in self.baris],
            "standar": [b.standar for b in self.baris],
            "capaian": [b.capaian for b in self.baris],
        }

    def as_json(self) -> dict:
        """The result for the chart or an integration: no per-peer data, no peer identity."""
        p = self.peserta
        data = {
            "peserta": p.pk,
            "putaran": {"id": p.putaran_id, "nama": p.putaran.nama, "status": p.putaran.status},
            "pegawai": {"nip": p.pegawai.nip, "nama": p.pegawai.nama_lengkap},
            "jabatan": p.jabatan.nama,
            "unit": p.unit.nama,
            "kode": [b.kode for b in self.baris],
            "labels": [b.nama for b in self.baris],
            "standar": [b.standar for b in self.baris],
            "capaian": [b.capaian for b in self.baris],
            "gap": [b.gap for b in self.baris],
            "jpm": None if p.jpm is None else f"{p.jpm:.2f}",
            "kategori": self.kategori_label or None,
            "kategori_kode": p.kategori or None,
            "masukan": {
                "diri": self.diri_terkirim,
                "atasan": self.atasan_terkirim,
                "rekan_dibuka": self.rekan_dibuka,
                "rekan_jumlah": self.rekan_jumlah,
            },
        }
        if self.rekan_tampil:
            data["rekan_rata"] = [None if b.rekan_rata is None else f"{b.rekan_rata:.2f}" for b in self.baris]
        return data


def hasil_peserta_get(*, peserta: PesertaPenilaian) -> HasilPeserta:
    """The result of a participant already fetched through `access_peserta` (two queries)."""
    putaran = peserta.putaran
    rows = (
        _urut_jenis(HasilKompetensi.objects.filter(peserta=peserta), "kompetensi__jenis")
        .order_by("_urut_jenis", "kompetensi__urutan", "kompetensi__nama")
        .values_list(
            "kompetensi_id",
            "kompetensi__kode",
            "kompetensi__nama",
            "kompetensi__jenis",
            "standar",
            "nilai_diri",
            "nilai_atasan",
            "rekan_jumlah",
            "rekan_total",
            "capaian",
            "gap",
        )
    )
    jenis_label = dict(Kompetensi.Jenis.choices)
    dibuka = bool(putaran.rekan_aktif and peserta.rekan_dibuka)
    baris, jumlah_rekan = [], 0
    for kid, kode, nama, jenis, standar, diri, atasan, rj, rt, capaian, gap in rows:
        rata = HasilKompetensi(rekan_jumlah=rj, rekan_total=rt).rekan_rata if dibuka else None
        if not putaran.rekan_aktif:
            keterangan = REKAN_TIDAK_DIPAKAI
        elif not peserta.rekan_dibuka:
            keterangan = REKAN_BELUM_DIBUKA
        elif rata is None:
            keterangan = REKAN_KURANG
        else:
            keterangan = ""
        jumlah_rekan = max(jumlah_rekan, rj)
        baris.append(
            BarisHasil(
                kompetensi_id=kid,
                kode=kode,
                nama=nama,
                jenis=jenis_label.get(jenis, jenis),
                standar=standar,
                diri=diri,
                atasan=atasan,
                rekan_rata=rata,
                rekan_keterangan=keterangan,
                capaian=capaian,
                gap=gap,
            )
        )
    terkirim = set(
        PenilaianKompetensi.objects.filter(peserta=peserta, status=PenilaianKompetensi.Status.TERKIRIM).values_list(
            "jenis", flat=True
        )
    )
    return HasilPeserta(
        peserta=peserta,
        baris=baris,
        diri_terkirim=PenilaianKompetensi.Jenis.DIRI in terkirim,
        atasan_terkirim=PenilaianKompetensi.Jenis.ATASAN in terkirim,
        rekan_aktif=putaran.rekan_aktif,
        rekan_dibuka=dibuka,
        rekan_jumlah=jumlah_rekan if dibuka else None,
    )


# --- history ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisRiwayat:
    peserta_id: int
    putaran_id: int
    putaran_nama: str
    tanggal_mulai: object
    tanggal_selesai: object
    status: str
    status_label: str
    jpm: Decimal | None
    kategori: str

    @property
    def kategori_label(self) -> str:
        return kategori_label(self.kategori)

    @property
    def kategori_badge(self) -> str:
        return kategori_badge(self.kategori)


class Riwayat(list):
    """A list of `BarisRiwayat`, oldest round first, with the line chart's data."""

    @property
    def grafik(self) -> dict:
        return {
            "label": [r.putaran_nama for r in self],
            "jpm": [None if r.jpm is None else float(r.jpm) for r in self],
        }

    @property
    def grafik_id(self) -> str:
        return f"data-grafik-riwayat-{self[0].peserta_id}" if self else "data-grafik-riwayat"


def riwayat_pegawai(pegawai_id: int, *, user=None) -> Riwayat:
    """A person's participations across rounds, oldest first (one query). With `user`, only the
    participations that user may see (a new atasan does not see an older round's result
    unless the scope allows it)."""
    qs = peserta_scope(user) if user is not None else PesertaPenilaian.objects.all()
    rows = (
        qs.filter(pegawai_id=pegawai_id)
        .order_by("putaran__tanggal_mulai", "putaran_id")
        .values_list(
            "pk",
            "putaran_id",
            "putaran__nama",
            "putaran__tanggal_mulai",
            "putaran__tanggal_selesai",
            "putaran__status",
            "jpm",
            "kategori",
        )
    )
    status_label = dict(PutaranPenilaian.Status.choices)
    return Riwayat(
        BarisRiwayat(
            peserta_id=pk,
            putaran_id=putaran_id,
            putaran_nama=nama,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            status=status,
            status_label=status_label.get(status, status),
            jpm=jpm,
            kategori=kategori,
        )
        for pk, putaran_id, nama, mulai, selesai, status, jpm, kategori in rows
    )


# --- the team matrix --------------------------------------------------------------------------

CAKUPAN_LANGSUNG, CAKUPAN_SEMUA, CAKUPAN_UNIT = "langsung", "semua", "unit"
PER_HALAMAN_MATRIKS = 50


def tim_cakupan_pilihan(user) -> list[tuple[str, str]]:
    """Which team scopes the user may pick, the default first."""
    akses = akses_get(user)
    pilihan = []
    if akses.pegawai_id is not None and is_atasan(user):
        pilihan += [(CAKUPAN_LANGSUNG, "Bawahan langsung"), (CAKUPAN_SEMUA, "Semua bawahan")]
    if akses.admin_bkd:
        pilihan.append((CAKUPAN_UNIT, "Seluruh unit (Pemda)"))
    elif akses.admin_opd_ids:
        pilihan.append((CAKUPAN_UNIT, "Seluruh unit OPD saya"))
    return pilihan


def _tim_q(user, cakupan: str) -> Q | None:
    """Filter on PesertaPenilaian for one team scope; None means everything (Admin BKD)."""
    akses = akses_get(user)
    if cakupan == CAKUPAN_LANGSUNG and akses.pegawai_id is not None:
        # The supervisor recorded in the round's snapshot.
        return Q(atasan_id=akses.pegawai_id)
    if cakupan == CAKUPAN_SEMUA and akses.pegawai_id is not None:
        return Q(atasan_id=akses.pegawai_id) | bawahan_q(
            pegawai_id=akses.pegawai_id, jalur=akses.jalur, prefix="pegawai__"
        )
    if cakupan == CAKUPAN_UNIT:
        if akses.admin_bkd:
            return None
        if akses.admin_opd_ids:
            return Q(opd_id__in=akses.admin_opd_ids)
    return Q(pk__in=[])


def tim_putaran_pilihan(user, cakupan_pilihan: list[tuple[str, str]]) -> list[PutaranPenilaian]:
    """Rounds with at least one participant in any of the user's team scopes, latest first."""
    q = Q(pk__in=[])
    for kode, _ in cakupan_pilihan:
        bagian = _tim_q(user, kode)
        if bagian is None:
            return list(
                PutaranPenilaian.objects.filter(Exists(PesertaPenilaian.objects.filter(putaran=OuterRef("pk"))))
            )
        q |= bagian
    ikut = PesertaPenilaian.objects.filter(q, putaran=OuterRef("pk"))
    return list(PutaranPenilaian.objects.filter(Exists(ikut)))


def tim_peserta(user, *, putaran: PutaranPenilaian, cakupan: str, unit: UnitKerja | None = None) -> QuerySet:
    """Participants of `putaran` in the chosen team scope (optionally in one unit's subtree)."""
    qs = PesertaPenilaian.objects.filter(putaran=putaran)
    for q in (_tim_q(user, cakupan), unit_filter_q(unit)):
        if q is not None:
            qs = qs.filter(q)
    return qs


def kompetensi_kolom(peserta_qs: QuerySet) -> list[tuple[int, str, str]]:
    """(id, kode, nama) of the competencies in these participants' standards, in display order."""
    ada = HasilKompetensi.objects.filter(peserta__in=peserta_qs.order_by().values("pk")).values("kompetensi_id")
    return list(
        _urut_jenis(Kompetensi.objects.filter(id__in=ada))
        .order_by("_urut_jenis", "urutan", "nama")
        .values_list("id", "kode", "nama")
    )


@dataclass(frozen=True)
class SelMatriks:
    standar: int
    capaian: int | None
    gap: int | None

    @property
    def kelas(self) -> str:
        return _KELAS_SEL[gap_warna(self.gap)]


@dataclass
class BarisMatriks:
    peserta: PesertaPenilaian
    sel: list[SelMatriks | None]  # aligned with the columns; None: not in the person's standard

    @property
    def kategori_label(self) -> str:
        return kategori_label(self.peserta.kategori)

    @property
    def kategori_badge(self) -> str:
        return kategori_badge(self.peserta.kategori)


@dataclass
class RingkasanPeserta:
    jumlah: int = 0
    berhasil: int = 0  # with a JPM
    optimal: int = 0
    cukup_optimal: int = 0
    kurang_optimal: int = 0
    rata_jpm: Decimal | None = None


def ringkasan_peserta(peserta_qs: QuerySet) -> RingkasanPeserta:
    """Counts per JPM category and the mean JPM (one aggregate query)."""
    data = peserta_qs.order_by().aggregate(
        jumlah=Count("pk"),
        berhasil=Count("jpm"),
        optimal=Count("pk", filter=Q(kategori=KategoriJpm.OPTIMAL)),
        cukup_optimal=Count("pk", filter=Q(kategori=KategoriJpm.CUKUP_OPTIMAL)),
        kurang_optimal=Count("pk", filter=Q(kategori=KategoriJpm.KURANG_OPTIMAL)),
        rata_jpm=Avg("jpm"),
    )
    rata = data.pop("rata_jpm")
    return RingkasanPeserta(**data, rata_jpm=None if rata is None else Decimal(str(rata)).quantize(Decimal("0.01")))


@dataclass
class TimMatriks:
    kolom: list[tuple[int, str, str]]
    halaman: Page  # of BarisMatriks
    ringkasan: RingkasanPeserta


def tim_matriks_get(peserta_qs: QuerySet, *, nomor_halaman=None) -> TimMatriks:
    """One page of the matrix: people by competencies (four queries whatever the size)."""
    kolom = kompetensi_kolom(peserta_qs)
    ringkasan = ringkasan_peserta(peserta_qs)
    qs = peserta_qs.select_related("pegawai", "jabatan", "unit").order_by("pegawai__nama", "pegawai__nip", "pk")
    halaman = halaman_get(qs, nomor_halaman, per_halaman=PER_HALAMAN_MATRIKS, jumlah=ringkasan.jumlah)
    peserta = list(halaman.object_list)
    sel: dict[tuple[int, int], SelMatriks] = {
        (pid, kid): SelMatriks(standar=standar, capaian=capaian, gap=gap)
        for pid, kid, standar, capaian, gap in HasilKompetensi.objects.filter(
            peserta_id__in=[p.pk for p in peserta]
        ).values_list("peserta_id", "kompetensi_id", "standar", "capaian", "gap")
    }
    halaman.object_list = [BarisMatriks(peserta=p, sel=[sel.get((p.pk, k[0])) for k in kolom]) for p in peserta]
    return TimMatriks(kolom=kolom, halaman=halaman, ringkasan=ringkasan)


# --- admin analysis ---------------------------------------------------------------------------


def analisis_peserta_scope(user) -> QuerySet[PesertaPenilaian]:
    """Participants an admin analyses: Admin OPD their OPD(s), Admin BKD everyone."""
    akses = akses_get(user)
    if akses.admin_bkd:
        return PesertaPenilaian.objects.all()
    return PesertaPenilaian.objects.filter(opd_id__in=akses.admin_opd_ids)


def analisis_putaran_scope(user) -> QuerySet[PutaranPenilaian]:
    """Rounds with at least one participant in the admin's analysis scope, latest first."""
    ikut = analisis_peserta_scope(user).filter(putaran=OuterRef("pk"))
    return PutaranPenilaian.objects.filter(Exists(ikut))


def _hasil(peserta_qs: QuerySet, jenis_kompetensi: str | None) -> QuerySet[HasilKompetensi]:
    qs = HasilKompetensi.objects.filter(peserta__in=peserta_qs.order_by().values("pk"))
    if jenis_kompetensi:
        qs = qs.filter(kompetensi__jenis=jenis_kompetensi)
    return qs


def _agregat_gap() -> dict:
    return {
        "jumlah": Count("pk"),
        "dinilai": Count("capaian"),
        "negatif": Count("pk", filter=Q(gap__lt=0)),
        "rata_gap": Avg("gap"),
    }


def _pecahan(nilai) -> Decimal | None:
    return None if nilai is None else Decimal(str(nilai)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class KebutuhanKompetensi:
    """Training need for one competency: people with a negative gap among those assessed."""

    kompetensi_id: int
    kode: str
    nama: str
    jenis: str
    jenis_kode: str
    urutan: int
    jumlah: int  # participants whose standard has it
    dinilai: int  # ... with an attained level
    negatif: int  # ... with a negative gap
    rata_gap: Decimal | None

    @property
    def persen(self) -> Decimal | None:
        if not self.dinilai:
            return None
        return (Decimal(self.negatif) * 100 / Decimal(self.dinilai)).quantize(Decimal("0.1"))


def kebutuhan_rows(peserta_qs: QuerySet, *, jenis_kompetensi: str | None = None) -> QuerySet:
    """Per competency: jumlah, dinilai, negatif, rata_gap (GROUP BY), most needed first."""
    return (
        _hasil(peserta_qs, jenis_kompetensi)
        .values("kompetensi_id", "kompetensi__kode", "kompetensi__nama", "kompetensi__jenis", "kompetensi__urutan")
        .annotate(**_agregat_gap())
        .order_by("-negatif", "rata_gap", "kompetensi__nama", "kompetensi_id")
    )


def kebutuhan_list(peserta_qs: QuerySet, *, jenis_kompetensi: str | None = None) -> list[KebutuhanKompetensi]:
    jenis_label = dict(Kompetensi.Jenis.choices)
    return [
        KebutuhanKompetensi(
            kompetensi_id=r["kompetensi_id"],
            kode=r["kompetensi__kode"],
            nama=r["kompetensi__nama"],
            jenis=jenis_label.get(r["kompetensi__jenis"], r["kompetensi__jenis"]),
            jenis_kode=r["kompetensi__jenis"],
            urutan=r["kompetensi__urutan"],
            jumlah=r["jumlah"],
            dinilai=r["dinilai"],
            negatif=r["negatif"],
            rata_gap=_pecahan(r["rata_gap"]),
        )
        for r in kebutuhan_rows(peserta_qs, jenis_kompetensi=jenis_kompetensi)
    ]


def kolom_urut_tampil(kebutuhan: list[KebutuhanKompetensi]) -> list[KebutuhanKompetensi]:
    """The competencies in display order (manajerial, sosial kultural, teknis; then urutan)."""
    from .kamus import URUTAN_JENIS

    urutan_jenis = {j: i for i, j in enumerate(URUTAN_JENIS)}
    return sorted(kebutuhan, key=lambda k: (urutan_jenis.get(k.jenis_kode, 9), k.urutan, k.nama, k.kompetensi_id))


def kebutuhan_grafik(kebutuhan: list[KebutuhanKompetensi], *, batas: int = 15) -> dict:
    """The bar chart of the most common gaps (the top `batas` competencies)."""
    teratas = [k for k in kebutuhan if k.negatif][:batas]
    return {"label": [k.nama for k in teratas], "negatif": [k.negatif for k in teratas]}


def kebutuhan_unit_rows(peserta_qs: QuerySet, *, jenis_kompetensi: str | None = None) -> QuerySet:
    """Per competency and unit (GROUP BY): for the training-needs export."""
    return (
        _hasil(peserta_qs, jenis_kompetensi)
        .values(
            "kompetensi_id",
            "kompetensi__kode",
            "kompetensi__nama",
            "peserta__unit_id",
            "peserta__unit__nama",
            "peserta__opd__nama",
        )
        .annotate(**_agregat_gap())
        .order_by("-negatif", "kompetensi__nama", "kompetensi_id", "peserta__unit__nama", "peserta__unit_id")
    )


@dataclass(frozen=True)
class SelPeta:
    jumlah: int
    dinilai: int
    negatif: int
    rata_gap: Decimal | None

    @property
    def kelas(self) -> str:
        return _KELAS_SEL[rata_gap_warna(self.rata_gap)]


@dataclass
class BarisPeta:
    nama: str
    sel: list[SelPeta | None]


@dataclass
class PetaGap:
    judul: str  # "Unit kerja", "OPD" or "Jabatan"
    kolom: list[KebutuhanKompetensi]
    baris: list[BarisPeta] = field(default_factory=list)


def peta_gap(
    peserta_qs: QuerySet,
    *,
    kolom: list[KebutuhanKompetensi],
    kelompok: str,
    judul: str,
    jenis_kompetensi: str | None = None,
) -> PetaGap:
    """A heat-map: groups (`kelompok` = "unit", "opd" or "jabatan" of the participant) by
    competency, each cell the mean gap and the number with a negative gap (one GROUP BY)."""
    rows = (
        _hasil(peserta_qs, jenis_kompetensi)
        .values(grup_id=F(f"peserta__{kelompok}_id"), grup_nama=F(f"peserta__{kelompok}__nama"), kid=F("kompetensi_id"))
        .annotate(**_agregat_gap())
        .order_by("grup_nama", "grup_id", "kid")
    )
    urutan = {k.kompetensi_id: i for i, k in enumerate(kolom)}
    peta = PetaGap(judul=judul, kolom=kolom)
    grup: dict[int, BarisPeta] = {}
    for r in rows:
        baris = grup.get(r["grup_id"])
        if baris is None:
            baris = grup[r["grup_id"]] = BarisPeta(nama=r["grup_nama"], sel=[None] * len(kolom))
            peta.baris.append(baris)
        i = urutan.get(r["kid"])
        if i is not None:
            baris.sel[i] = SelPeta(
                jumlah=r["jumlah"], dinilai=r["dinilai"], negatif=r["negatif"], rata_gap=_pecahan(r["rata_gap"])
            )
    return peta


def unit_filter_q(unit: UnitKerja | None) -> Q | None:
    """Participants in `unit` and every unit below it (None: no filter, e.g. the Pemda)."""
    if unit is None or unit.jenis == UnitKerja.Jenis.PEMDA:
        return None
    if unit.jenis == UnitKerja.Jenis.OPD:
        return Q(opd_id=unit.pk)
    from ..services.putaran import unit_turunan_ids

    return Q(unit_id__in=unit_turunan_ids([unit.pk]))


__all__ = [
    "CAKUPAN_LANGSUNG",
    "CAKUPAN_SEMUA",
    "CAKUPAN_UNIT",
    "BarisHasil",
    "BarisMatriks",
    "BarisRiwayat",
    "HasilPeserta",
    "KebutuhanKompetensi",
    "PetaGap",
    "Riwayat",
    "RingkasanPeserta",
    "TimMatriks",
    "analisis_peserta_scope",
    "analisis_putaran_scope",
    "gap_warna",
    "hasil_peserta_get",
    "kebutuhan_grafik",
    "kebutuhan_list",
    "kebutuhan_rows",
    "kebutuhan_unit_rows",
    "kolom_urut_tampil",
    "kompetensi_kolom",
    "peta_gap",
    "rata_gap_warna",
    "riwayat_pegawai",
    "ringkasan_peserta",
    "tim_cakupan_pilihan",
    "tim_matriks_get",
    "tim_peserta",
    "tim_putaran_pilihan",
    "unit_filter_q",
]
