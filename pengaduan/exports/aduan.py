"""Excel exports of the complaint dashboard (through asn_kinerja.xlsx).

**The register**: every case received in the period in the reader's scope (access.pengaduan_scope:
the pegawai a complaint is about never gets it; an Admin OPD never gets a rahasia case), one
row each, streamed from one `values_list(...).iterator()`. The complainant's name, e-mail and
telephone come through a LEFT JOIN to IdentitasPelapor inside a CASE on
`access.identitas_boleh_q`: filled for a biasa case, and for an anonim/rahasia case only when
the reader may learn who filed it (Admin BKD, Petugas Pengaduan of that OPD); otherwise the
database returns an empty string, so nothing hidden ever leaves it.

**Audit of identities**: one LogEntry (action ACCESS, on the Pengaduan content type, object
"ekspor-register") per export that included at least one identity, written after the rows
were read: the reader as actor, and in `additional_data` the period, how many identities the
file holds (`jumlah_identitas`) and the tracking codes of the anonim/rahasia cases among them
(`kode_dilindungi`), the ones whose identity is protected. One entry per export rather than one
per case keeps the export's query count constant (the register may hold 100,000 rows) while
still answering "who exported the identity of case X".

**SLA compliance**: the metrics of pengaduan.selectors.metrik per unit and per responsible
officer (with substantiated complaints about them), and a sheet saying how they are counted.

Large registers (more than EKSPOR_LATAR_MIN_BARIS rows) run in the background (unduhan app,
registered in exports/latar.py); `register_latar` reads the filter again as the user is now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from asn_kinerja.xlsx import Kolom, sheet_tulis, workbook_baru
from unduhan.registry import Progres, baris_berprogres

from ..access import identitas_boleh_q
from ..forms.dasbor import PilihanDasbor, dasbor_pilihan
from ..models import Kelas, Kompleksitas, Pengaduan, Privasi, StatusPengaduan
from ..selectors.metrik import (
    TERBUKA,
    MetrikAduan,
    pengaduan_metrik,
    pengaduan_periode,
    tepat_waktu_q,
    terbuka_terlambat_q,
    terlambat_selesai_q,
)

REGISTER = "pengaduan.register"
PEMBACA = ("admin_opd", "admin_bkd", "petugas_pengaduan")
PESAN_FILTER = "Filter ekspor tidak lagi berlaku untuk Anda: {galat}"
OBJEK_AUDIT = "ekspor-register"

TEPAT, LAMBAT, LAMBAT_TERBUKA, BERJALAN = "Tepat waktu", "Terlambat", "Terlambat (belum selesai)", "Berjalan"
_TERLAMBAT = {TEPAT: "Tidak", BERJALAN: "Tidak", LAMBAT: "Ya", LAMBAT_TERBUKA: "Ya"}
_KELAS, _STATUS = dict(Kelas.choices), dict(StatusPengaduan.choices)
_PRIVASI = {Privasi.BIASA: "Biasa", Privasi.ANONIM: "Anonim", Privasi.RAHASIA: "Rahasia"}
_KOMPLEKSITAS = dict(Kompleksitas.choices)
_TGL = "DD/MM/YYYY"
_WAKTU = "DD/MM/YYYY HH:MM"


def nama_berkas(awalan: str, pilihan: PilihanDasbor) -> str:
    bagian = [awalan, slugify(pilihan.periode.label)]
    if pilihan.opd:
        bagian.append(slugify(pilihan.opd.nama)[:40])
    return f"{'-'.join(bagian)}-{timezone.localdate():%Y%m%d}.xlsx"


# --- the register -----------------------------------------------------------------------------

# Number formats only where a cell needs one (dates): each formatted cell costs a style.
KOLOM_REGISTER = (
    Kolom("Kode lacak", 17),
    Kolom("Diterima", 17, _WAKTU),
    Kolom("Tanggal layanan", 13, _TGL),
    Kolom("Kelas", 20),
    Kolom("Judul", 40),
    Kolom("Perangkat daerah", 28),
    Kolom("Unit tujuan", 28),
    Kolom("Penanggung jawab", 26),
    Kolom("Status", 16),
    Kolom("Kerahasiaan", 12),
    Kolom("Kompleksitas", 24),
    Kolom("Batas verifikasi", 13, _TGL),
    Kolom("Batas tanggapan", 13, _TGL),
    Kolom("Batas selesai", 13, _TGL),
    Kolom("Diverifikasi", 17, _WAKTU),
    Kolom("Tanggapan pertama", 17, _WAKTU),
    Kolom("Selesai", 17, _WAKTU),
    Kolom("Ketepatan waktu", 22),
    Kolom("Terlambat", 10),
    Kolom("Lama (hari kerja)", 11),
    Kolom("Penilaian pelapor (1-5)", 11),
    Kolom("Nama pelapor", 26),
    Kolom("E-mail pelapor", 26),
    Kolom("Telepon pelapor", 16),
)


def _identitas(kolom: str, boleh) -> Coalesce:
    nilai = F(f"identitas__{kolom}")
    if boleh is not None:
        nilai = Case(When(boleh, then=nilai), default=Value(""), output_field=CharField())
    return Coalesce(nilai, Value(""), output_field=CharField())


def register_qs(user, pilihan: PilihanDasbor) -> QuerySet[Pengaduan]:
    """The register's cases: received in the period, in the reader's scope, oldest first."""
    return pengaduan_periode(
        mulai=pilihan.periode.mulai, selesai=pilihan.periode.selesai, user=user, opd_id=pilihan.opd_id
    ).order_by("diterima_pada", "id")


def register_baris(qs: QuerySet[Pengaduan], *, user, hari_ini: dt.date, hitung: dict) -> Iterator[tuple]:
    """The rows, streamed. `hitung` collects, as the rows go by, the identities included
    ("jumlah") and the tracking codes of the protected (anonim/rahasia) ones ("dilindungi")."""
    boleh = identitas_boleh_q(user)
    ketepatan = Case(
        When(tepat_waktu_q(), then=Value(TEPAT)),
        When(terlambat_selesai_q(), then=Value(LAMBAT)),
        When(terbuka_terlambat_q(hari_ini), then=Value(LAMBAT_TERBUKA)),
        When(TERBUKA, then=Value(BERJALAN)),
        default=Value(""),
        output_field=CharField(),
    )
    rows = qs.annotate(
        x_ketepatan=ketepatan,
        x_nama=_identitas("nama", boleh),
        x_email=_identitas("email", boleh),
        x_telepon=_identitas("telepon", boleh),
    ).values_list(
        "kode",
        "diterima_pada",
        "tanggal_layanan",
        "kelas",
        "judul",
        "opd__nama",
        "unit_tujuan__nama",
        "petugas_tindak__nama",
        "status",
        "privasi",
        "kompleksitas",
        "batas_verifikasi",
        "batas_tanggapan",
        "batas_selesai",
        "terverifikasi_pada",
        "ditanggapi_pada",
        "selesai_pada",
        "x_ketepatan",
        "hari_kerja_selesai",
        "nilai_warga",
        "x_nama",
        "x_email",
        "x_telepon",
    )
    for r in rows.iterator(chunk_size=2000):
        (kode, diterima, layanan, kelas, judul, opd, unit, petugas, status, privasi, kompleksitas) = r[:11]
        (b_verifikasi, b_tanggapan, b_selesai, verifikasi, tanggapan, selesai, ketepatan_teks) = r[11:18]
        hari, nilai, nama, email, telepon = r[18:]
        if nama:
            hitung["jumlah"] += 1
            if privasi != Privasi.BIASA:
                hitung["dilindungi"].append(kode)
        yield (
            kode,
            diterima,
            layanan,
            _KELAS.get(kelas, kelas),
            judul,
            opd,
            unit or "",
            petugas or "",
            _STATUS.get(status, status),
            _PRIVASI.get(privasi, privasi),
            _KOMPLEKSITAS.get(kompleksitas, ""),
            b_verifikasi,
            b_tanggapan,
            b_selesai,
            verifikasi,
            tanggapan,
            selesai,
            ketepatan_teks,
            _TERLAMBAT.get(ketepatan_teks, ""),
            hari,
            nilai,
            nama,
            email,
            telepon,
        )


def _audit_identitas(user, pilihan: PilihanDasbor, hitung: dict) -> None:
    if not hitung["jumlah"]:
        return
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Pengaduan),
        object_pk=OBJEK_AUDIT,
        object_id=None,
        object_repr=f"Register pengaduan {pilihan.periode.label}: {hitung['jumlah']} identitas pelapor",
        action=LogEntry.Action.ACCESS,
        changes={"identitas_pelapor": ["", f"diekspor ({hitung['jumlah']})"]},
        actor=user if getattr(user, "is_authenticated", False) else None,
        actor_email=(getattr(user, "email", "") or None),
        cid=get_cid(),
        additional_data={
            "ekspor": "register",
            "mulai": pilihan.periode.mulai.isoformat(),
            "selesai": pilihan.periode.selesai.isoformat(),
            "opd_id": pilihan.opd_id,
            "jumlah_identitas": hitung["jumlah"],
            "kode_dilindungi": hitung["dilindungi"],
        },
    )


def register_ekspor(
    user, pilihan: PilihanDasbor, *, hari_ini: dt.date | None = None, progres: Progres | None = None, total: int = 0
) -> tuple[Workbook, str]:
    """(workbook, file name) of the register; audits the identities it holds (module docstring).
    Queries: the rows (one), the audit entry (one, or two the first time the content type is
    looked up in the process) when identities were included."""
    hari_ini = hari_ini or timezone.localdate()
    hitung: dict = {"jumlah": 0, "dilindungi": []}
    rows = register_baris(register_qs(user, pilihan), user=user, hari_ini=hari_ini, hitung=hitung)
    if progres is not None:
        rows = baris_berprogres(rows, total=total, progres=progres)
    wb = workbook_baru()
    sheet_tulis(wb, "Register pengaduan", KOLOM_REGISTER, rows)
    _audit_identitas(user, pilihan, hitung)
    return wb, nama_berkas("register-pengaduan", pilihan)


def register_latar(user, parameter: dict, progres: Progres) -> tuple[Workbook, str]:
    """The background register: the filter read again with the page's own form and scope."""
    pilihan = dasbor_pilihan(user, parameter)
    if not pilihan.valid:
        pesan = [e for daftar in pilihan.form.errors.values() for e in daftar]
        raise ValidationError(PESAN_FILTER.format(galat=" ".join(pesan)))
    total = register_qs(user, pilihan).count()
    return register_ekspor(user, pilihan, progres=progres, total=total)


# --- SLA compliance ---------------------------------------------------------------------------

_ANGKA = "#,##0"
_KOLOM_METRIK = (
    Kolom("Diterima", 10, _ANGKA),
    Kolom("Terverifikasi", 12, _ANGKA),
    Kolom("Berjalan", 10, _ANGKA),
    Kolom("Terlambat (batas berjalan)", 13, _ANGKA),
    Kolom("Ditolak/ditutup", 11, _ANGKA),
    Kolom("Selesai", 10, _ANGKA),
    Kolom("Selesai tepat waktu", 12, _ANGKA),
    Kolom("Belum selesai, lewat batas", 13, _ANGKA),
    Kolom("Diukur (selesai + lewat batas)", 14, _ANGKA),
    Kolom("% tepat waktu", 11, "0.00"),
    Kolom("Median lama (hari kerja)", 12, "0.0"),
    Kolom("Rata-rata penilaian", 11, "0.00"),
    Kolom("Dinilai", 9, _ANGKA),
)
KOLOM_SLA_UNIT = (Kolom("Unit", 34), Kolom("Perangkat daerah", 30), *_KOLOM_METRIK)
KOLOM_SLA_PETUGAS = (
    Kolom("NIP", 21, "@"),
    Kolom("Penanggung jawab", 30),
    Kolom("Perangkat daerah", 30),
    *_KOLOM_METRIK,
    Kolom("Pengaduan terbukti terhadapnya", 14, _ANGKA),
)

KETERANGAN = (
    ("Cakupan", "Pengaduan yang DITERIMA dalam periode, sebagaimana keadaannya pada tanggal ekspor."),
    ("Unit", "Unit tujuan disposisi; pengaduan yang belum didisposisikan dihitung pada perangkat daerahnya."),
    (
        "Terlambat (batas berjalan)",
        "Masih berjalan dan melewati batas yang berlaku saat ini (verifikasi, tanggapan atau penyelesaian).",
    ),
    ("Ditolak/ditutup", "Ditolak, bukan wewenang, atau diarsipkan tanpa diselesaikan."),
    ("Selesai tepat waktu", "Diselesaikan paling lambat pada tanggal batas selesai."),
    ("Belum selesai, lewat batas", "Masih berjalan dan batas selesainya sudah lewat: dihitung terlambat."),
    (
        "% tepat waktu",
        "Selesai tepat waktu / (selesai + belum selesai lewat batas) x 100. Pengaduan berjalan yang belum jatuh "
        "tempo dan pengaduan yang ditolak tidak dihitung.",
    ),
    ("Median lama", "Median hari kerja dari diterima sampai selesai, atas pengaduan yang selesai."),
    ("Rata-rata penilaian", "Rata-rata penilaian pelapor (1-5) atas pengaduan yang dinilai."),
    (
        "Pengaduan terbukti",
        "Pengaduan yang dinyatakan terbukti terhadap pegawai tersebut sebagai pihak yang dilaporkan.",
    ),
)


def _angka_metrik(m: MetrikAduan) -> tuple:
    return (
        m.diterima,
        m.terverifikasi,
        m.terbuka,
        m.terlambat,
        m.ditolak,
        m.selesai,
        m.selesai_tepat_waktu,
        m.terbuka_terlambat,
        m.jumlah_diukur,
        m.persen_tepat_waktu,
        m.median_hari_kerja,
        m.rata_nilai_warga,
        m.jumlah_dinilai,
    )


def sla_ekspor(user, pilihan: PilihanDasbor, *, hari_ini: dt.date | None = None) -> tuple[Workbook, str]:
    """(workbook, file name): sheets per unit, per responsible officer, and the definitions.
    Queries: per unit 3, per officer 4 (pengaduan.selectors.metrik)."""
    hari_ini = hari_ini or timezone.localdate()
    umum = {
        "mulai": pilihan.periode.mulai,
        "selesai": pilihan.periode.selesai,
        "user": user,
        "hari_ini": hari_ini,
        "opd_id": pilihan.opd_id,
    }
    wb = workbook_baru()
    unit = pengaduan_metrik(per="unit", **umum).values()
    sheet_tulis(wb, "Per unit", KOLOM_SLA_UNIT, ((m.nama, m.opd_nama, *_angka_metrik(m)) for m in unit))
    petugas = pengaduan_metrik(per="petugas", **umum).values()
    sheet_tulis(
        wb,
        "Per penanggung jawab",
        KOLOM_SLA_PETUGAS,
        ((m.nip, m.nama, m.opd_nama, *_angka_metrik(m), m.terbukti_terhadap) for m in petugas),
    )
    info = [
        (
            "Periode",
            f"{pilihan.periode.label} ({pilihan.periode.mulai:%d-%m-%Y} s.d. {pilihan.periode.selesai:%d-%m-%Y})",
        ),
        ("Perangkat daerah", pilihan.opd.nama if pilihan.opd else "Semua dalam lingkup Anda"),
        ("Keadaan pada", f"{hari_ini:%d-%m-%Y}"),
        *KETERANGAN,
    ]
    sheet_tulis(wb, "Keterangan", (Kolom("Keterangan", 28), Kolom("Isi", 110)), info)
    return wb, nama_berkas("kepatuhan-sla-pengaduan", pilihan)
