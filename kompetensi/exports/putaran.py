"""The monitoring workbook of a round: who has not yet submitted what (through asn_kinerja.xlsx).

One streamed query for the participants (the monitoring queryset, already scoped and filtered),
no model instances. Peers appear only as counts (assigned, answered), never by name.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru
from pegawai.models import Pegawai

from ..models import KategoriJpm, PesertaPenilaian, PutaranPenilaian
from ..rules import MIN_REKAN
from ..selectors.putaran import STATUS_LABEL, TERKIRIM, RingkasanPutaran

_MERAH = PatternFill("solid", fgColor="F8D7DA")
_KUNING = PatternFill("solid", fgColor="FFF3CD")
_KATEGORI = dict(KategoriJpm.choices)


def _tgl(tanggal) -> str:
    return date_format(tanggal, "j F Y")


def _nama(depan: str | None, nama: str | None, belakang: str | None) -> str:
    if not nama:
        return ""
    return Pegawai(gelar_depan=depan or "", nama=nama, gelar_belakang=belakang or "").nama_lengkap


def _kolom(rekan_aktif: bool) -> list[Kolom]:
    kolom = [
        Kolom("NIP", 22, "@"),
        Kolom("Nama", 32),
        Kolom("Unit Kerja", 30),
        Kolom("OPD", 28),
        Kolom("Jabatan", 30),
        Kolom("Penilaian Diri", 14),
        Kolom("NIP Atasan", 22, "@"),
        Kolom("Nama Atasan", 30),
        Kolom("Penilaian Atasan", 16),
    ]
    if rekan_aktif:
        kolom += [
            Kolom("Rekan Ditugaskan", 11, "0"),
            Kolom("Rekan Sudah Mengisi", 11, "0"),
            Kolom("Rata-rata Rekan Dibuka", 12),
        ]
    return kolom + [Kolom("JPM (%)", 10, "0.00"), Kolom("Kategori JPM", 16)]


def putaran_monitoring_rows(qs: QuerySet[PesertaPenilaian], *, rekan_aktif: bool) -> Iterator[tuple]:
    rows = qs.values_list(
        "pegawai__nip",
        "pegawai__gelar_depan",
        "pegawai__nama",
        "pegawai__gelar_belakang",
        "unit__nama",
        "opd__nama",
        "jabatan__nama",
        "status_diri",
        "atasan__nip",
        "atasan__gelar_depan",
        "atasan__nama",
        "atasan__gelar_belakang",
        "status_atasan",
        "rekan_ditugaskan",
        "rekan_mengisi",
        "rekan_dibuka",
        "jpm",
        "kategori",
    ).iterator(chunk_size=2000)
    for (
        nip,
        depan,
        nama,
        belakang,
        unit,
        opd,
        jabatan,
        diri,
        atasan_nip,
        atasan_depan,
        atasan_nama,
        atasan_belakang,
        atasan,
        ditugaskan,
        mengisi,
        dibuka,
        jpm,
        kategori,
    ) in rows:
        baris = [
            nip,
            _nama(depan, nama, belakang),
            unit,
            opd,
            jabatan,
            STATUS_LABEL.get(diri, diri),
            atasan_nip or "",
            _nama(atasan_depan, atasan_nama, atasan_belakang) or "Tidak ada atasan",
            STATUS_LABEL.get(atasan, atasan),
        ]
        if rekan_aktif:
            baris += [ditugaskan, mengisi, "Ya" if dibuka else "Belum"]
        yield (*baris, jpm, _KATEGORI.get(kategori, ""))


def _warna(rekan_aktif: bool):
    label_terkirim = STATUS_LABEL[TERKIRIM]

    def warna(row) -> list:
        hasil = [None] * len(row)
        for i in (5, 8):
            if row[i] != label_terkirim:
                hasil[i] = _MERAH if row[i] == STATUS_LABEL["belum"] else _KUNING
        if rekan_aktif and row[9] < MIN_REKAN:
            hasil[9] = _KUNING
        return hasil

    return warna


def putaran_monitoring_workbook(
    *, putaran: PutaranPenilaian, peserta: QuerySet[PesertaPenilaian], ringkasan: RingkasanPutaran
) -> Workbook:
    wb = workbook_baru()
    rekan = putaran.rekan_aktif
    sheet_tulis(
        wb, "Monitoring", _kolom(rekan), putaran_monitoring_rows(peserta, rekan_aktif=rekan), fills=_warna(rekan)
    )
    info = [
        ("Nama putaran", putaran.nama),
        ("Status", putaran.get_status_display()),
        ("OPD pemilik", putaran.opd.nama if putaran.opd_id else "Seluruh Pemda"),
        ("Periode", f"{_tgl(putaran.tanggal_mulai)} s.d. {_tgl(putaran.tanggal_selesai)}"),
        ("Batas penilaian diri", _tgl(putaran.batas_diri)),
    ]
    if rekan:
        info.append(("Batas penilaian rekan", _tgl(putaran.batas_rekan)))
    info += [
        ("Batas penilaian atasan", _tgl(putaran.batas_atasan)),
        ("Bobot diri (%)", putaran.bobot_diri),
        ("Bobot rekan (%)", putaran.bobot_rekan if rekan else "Tidak dipakai"),
        ("Bobot atasan (%)", putaran.bobot_atasan),
        ("Peserta", ringkasan.total),
        ("Penilaian diri terkirim", ringkasan.diri_terkirim),
        ("Penilaian atasan terkirim", ringkasan.atasan_terkirim),
    ]
    if rekan:
        info += [
            (f"Peserta dengan paling sedikit {MIN_REKAN} rekan", ringkasan.rekan_cukup),
            ("Rata-rata rekan sudah dibuka", ringkasan.rekan_dibuka),
        ]
    info.append(("Diunduh pada", date_format(timezone.localtime(), "j F Y H:i")))
    sheet_tulis(wb, "Ringkasan", [Kolom("Keterangan", 36), Kolom("Nilai", 40)], info, fills=None)
    return wb
