"""Excel exports of the period area (through asn_kinerja.xlsx): the monitoring drill-down
(who has not planned, reported or been rated) and the predikat recap per unit of a period.

The drill-down streams one query (`values_list(...).iterator()`), no model instances. The
recap takes the unit rows already aggregated in the database (selectors.monitoring)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru
from unduhan.registry import Progres, baris_berprogres

from ..models import EvaluasiPegawai, Periode
from ..rules import URUTAN_PREDIKAT
from ..selectors.monitoring import BELUM, PREDIKAT_LABEL, SKP_LABEL, BarisUnit, baris_unit, monitoring_unit_qs

_MERAH = PatternFill("solid", fgColor="F8D7DA")
_KUNING = PatternFill("solid", fgColor="FFF3CD")
_STATUS_EVALUASI = dict(EvaluasiPegawai.Status.choices)


def _tgl(tanggal) -> str:
    return date_format(tanggal, "j F Y")


def _nama(depan: str | None, nama: str | None, belakang: str | None) -> str:
    """Pegawai.nama_lengkap from the three columns, without a model instance per row."""
    if not nama:
        return ""
    teks = f"{depan} {nama}" if depan else nama
    return f"{teks}, {belakang}" if belakang else teks


def _info_periode(periode: Periode) -> list[tuple[str, str]]:
    return [
        ("Periode", periode.nama),
        ("Tahap", periode.get_status_display()),
        ("Rentang", f"{_tgl(periode.tanggal_mulai)} s.d. {_tgl(periode.tanggal_selesai)}"),
        ("Batas penilaian diri", _tgl(periode.batas_penilaian_diri)),
        ("Batas penilaian rekan", _tgl(periode.batas_penilaian_rekan)),
        ("Batas penilaian atasan", _tgl(periode.batas_penilaian_atasan)),
    ]


# --- who has not ... ---------------------------------------------------------------------------------

KOLOM_MONITORING = [
    Kolom("NIP", 22, "@"),
    Kolom("Nama", 32),
    Kolom("Unit Kerja", 30),
    Kolom("OPD", 28),
    Kolom("Jabatan", 30),
    Kolom("NIP Pejabat Penilai", 22, "@"),
    Kolom("Pejabat Penilai", 30),
    Kolom("Status SKP", 20),
    Kolom("Realisasi", 14),
    Kolom("Penilaian Diri", 14),
    Kolom("Penilaian Atasan", 22),
    Kolom("Predikat", 18),
    Kolom("Keberatan", 11),
]


def monitoring_rows(qs: QuerySet[EvaluasiPegawai]) -> Iterator[tuple]:
    rows = qs.values_list(
        "pegawai__nip",
        "pegawai__gelar_depan",
        "pegawai__nama",
        "pegawai__gelar_belakang",
        "unit__nama",
        "opd__nama",
        "jabatan__nama",
        "penilai__nip",
        "penilai__gelar_depan",
        "penilai__nama",
        "penilai__gelar_belakang",
        "skp_status",
        "realisasi_ok",
        "diri_ok",
        "status",
        "predikat",
        "ada_keberatan",
    ).iterator(chunk_size=2000)
    for (
        nip,
        depan,
        nama,
        belakang,
        unit,
        opd,
        jabatan,
        penilai_nip,
        penilai_depan,
        penilai_nama,
        penilai_belakang,
        skp,
        realisasi,
        diri,
        status,
        predikat,
        keberatan,
    ) in rows:
        yield (
            nip,
            _nama(depan, nama, belakang),
            unit,
            opd or "",
            jabatan,
            penilai_nip or "",
            _nama(penilai_depan, penilai_nama, penilai_belakang) or "Tidak ada atasan",
            SKP_LABEL.get(skp, "Belum dibuat"),
            "Lengkap" if realisasi else "Belum lengkap",
            "Terkirim" if diri else "Belum",
            _STATUS_EVALUASI.get(status, status),
            PREDIKAT_LABEL.get(predikat, ""),
            "Ya" if keberatan else "",
        )


def _warna_monitoring(row) -> list:
    hasil = [None] * len(row)
    if row[7] != SKP_LABEL["disetujui"]:
        hasil[7] = _MERAH if row[7] == "Belum dibuat" else _KUNING
    if row[8] != "Lengkap":
        hasil[8] = _KUNING
    if row[9] != "Terkirim":
        hasil[9] = _KUNING
    if row[10] != _STATUS_EVALUASI["final"]:
        hasil[10] = _KUNING
    return hasil


def _nama_berkas(awalan: str, periode: Periode) -> str:
    return f"{awalan}-{slugify(periode.nama) or 'periode'}-{timezone.localdate():%Y%m%d}.xlsx"


def monitoring_workbook(
    *, periode: Periode, evaluasi: QuerySet[EvaluasiPegawai], belum: str, progres: Progres | None = None
) -> Workbook:
    """With `progres`, one more query counts the rows to report on."""
    rows = monitoring_rows(evaluasi)
    if progres is not None:
        rows = baris_berprogres(rows, total=evaluasi.order_by().count(), progres=progres)
    wb = workbook_baru()
    sheet_tulis(wb, "Pegawai", KOLOM_MONITORING, rows, fills=_warna_monitoring)
    info = [
        *_info_periode(periode),
        ("Saringan", belum),
        ("Diunduh pada", date_format(timezone.localtime(), "j F Y H:i")),
    ]
    sheet_tulis(wb, "Keterangan", [Kolom("Keterangan", 30), Kolom("Nilai", 44)], info)
    return wb


def monitoring_ekspor(
    *, periode: Periode, evaluasi: QuerySet[EvaluasiPegawai], belum: str, progres: Progres | None = None
) -> tuple[Workbook, str]:
    """The drill-down (`evaluasi`: monitoring_pegawai_list of the page's filters) as (workbook,
    file name), for the page and for the background task alike."""
    wb = monitoring_workbook(
        periode=periode, evaluasi=evaluasi, belum=BELUM.get(belum, "Semua pegawai"), progres=progres
    )
    return wb, _nama_berkas("monitoring-kinerja", periode)


# --- predikat recap per unit -----------------------------------------------------------------------


def _kolom_rekap() -> list[Kolom]:
    kolom = [
        Kolom("Kode Unit", 16, "@"),
        Kolom("Unit Kerja", 34),
        Kolom("OPD", 28),
        Kolom("Jumlah Pegawai", 10, "0"),
        Kolom("Sudah Berpredikat", 11, "0"),
        Kolom("Penilaian Final", 10, "0"),
        Kolom("Predikat Kinerja Organisasi", 18),
    ]
    for p in URUTAN_PREDIKAT:
        kolom += [Kolom(f"{PREDIKAT_LABEL[p]} (orang)", 11, "0"), Kolom(f"{PREDIKAT_LABEL[p]} (%)", 11, "0.0%")]
    return kolom + [Kolom("Status Kurva", 16), Kolom("Pelanggaran Kurva", 70)]


def _rekap_rows(baris: Iterable[BarisUnit]) -> Iterator[tuple]:
    for b in baris:
        sebaran = []
        for p in URUTAN_PREDIKAT:
            n = b.hitung.get(p, 0)
            sebaran += [n, (n / b.dinilai) if b.dinilai else 0]
        status = {"": "Belum ditetapkan", "sesuai": "Sesuai kurva", "langgar": "Melanggar kurva"}[b.status_kurva]
        yield (
            b.kode,
            b.nama,
            b.opd,
            b.pegawai,
            b.dinilai,
            b.final,
            b.predikat_organisasi_label or "Belum ditetapkan",
            *sebaran,
            status,
            "; ".join(b.pelanggaran),
        )


def _warna_rekap(row) -> list:
    hasil = [None] * len(row)
    if row[-2] == "Melanggar kurva":
        hasil[-2] = hasil[-1] = _MERAH
    elif row[-2] == "Belum ditetapkan":
        hasil[-2] = _KUNING
    return hasil


def predikat_rekap_workbook(*, periode: Periode, baris: list[BarisUnit]) -> Workbook:
    wb = workbook_baru()
    sheet_tulis(wb, "Rekap Predikat", _kolom_rekap(), _rekap_rows(baris), fills=_warna_rekap)
    total: dict[str, int] = {p: sum(b.hitung.get(p, 0) for b in baris) for p in URUTAN_PREDIKAT}
    dinilai = sum(total.values())
    info = [
        *_info_periode(periode),
        ("Unit", len(baris)),
        ("Pegawai", sum(b.pegawai for b in baris)),
        ("Pegawai berpredikat", dinilai),
        *((f"Predikat {PREDIKAT_LABEL[p]}", total[p]) for p in URUTAN_PREDIKAT),
        ("Unit dengan predikat organisasi", sum(1 for b in baris if b.predikat_organisasi)),
        ("Unit melanggar kurva", sum(1 for b in baris if b.pelanggaran)),
        ("Diunduh pada", date_format(timezone.localtime(), "j F Y H:i")),
    ]
    sheet_tulis(wb, "Keterangan", [Kolom("Keterangan", 34), Kolom("Nilai", 40)], info)
    return wb


def predikat_ekspor(
    *, user, periode: Periode, opd_id: int | None, progres: Progres | None = None
) -> tuple[Workbook, str]:
    """The predikat recap of the units the user monitors as (workbook, file name): one
    aggregate over the period's records, then the organisation predikat of every unit."""
    rows = monitoring_unit_qs(user=user, periode=periode, opd_id=opd_id)
    baris = baris_unit(periode, rows.iterator(), semua_unit=True)
    if progres is not None:
        progres(80)
    return predikat_rekap_workbook(periode=periode, baris=baris), _nama_berkas("rekap-predikat", periode)
