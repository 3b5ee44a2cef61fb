"""Excel import of units, positions and employees: checks, processing, pages and access.

Workbooks are built in memory with openpyxl. With no broker Celery runs eagerly, so an upload
made inside `django_capture_on_commit_callbacks(execute=True)` is processed before it returns.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from pegawai.impor import impor_create, impor_pegawai_proses
from pegawai.impor.kolom import JABATAN, PEGAWAI, UNIT
from pegawai.models import ImporPegawai, Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja
from pegawai.services import kode_aktivasi_cocok
from pegawai.tests.factories import PegawaiFactory, PeranFactory, nip_valid

User = get_user_model()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NIP_KADIS = "197001012000031001"
NIP_KABID = "198002022005011002"
NIP_STAF = "199003032015032003"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- building workbooks -----------------------------------------------------------------------


def _lembar(wb: Workbook, lembar, rows: list[dict], header: list[str] | None = None) -> None:
    ws = wb.create_sheet(lembar.nama)
    header = header or list(lembar.nama_kolom)
    ws.append(header)
    for row in rows:
        if row is None:
            ws.append([])  # a blank row: Excel row numbers must still be right
        else:
            ws.append([row.get(k) for k in header])


def buku(*, unit=None, jabatan=None, pegawai=None, header=None) -> bytes:
    """A workbook with the given sheets (lists of {column: value}); `header` overrides per sheet name."""
    header = header or {}
    wb = Workbook()
    wb.remove(wb.active)
    for lembar, rows in ((UNIT, unit), (JABATAN, jabatan), (PEGAWAI, pegawai)):
        if rows is not None:
            _lembar(wb, lembar, rows, header.get(lembar.nama))
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unggahan(isi: bytes, nama: str = "pegawai.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type=XLSX)


def p(
    nip, nama="Pegawai Impor", *, unit="DISDIK-SD", jabatan="PL-ADM", atasan="", status="PNS", golongan="III/a", **lain
):
    return {
        "nip": nip,
        "nama": nama,
        "status": status,
        "golongan": golongan,
        "kode_unit": unit,
        "kode_jabatan": jabatan,
        "nip_atasan": atasan,
        **lain,
    }


UNIT_DASAR = [
    {"kode": "DISDIK-SD", "nama": "Bidang Sekolah Dasar", "jenis": "bidang", "kode_induk": "DISDIK"},
    {"kode": "DISDIK-SD-KUR", "nama": "Seksi Kurikulum SD", "jenis": "subbidang", "kode_induk": "DISDIK-SD"},
]
JABATAN_DASAR = [
    {"kode": "PL-ADM", "nama": "Pengadministrasi Umum", "jenis": "pelaksana", "jenjang": ""},
    {"kode": "JF-GURU-1", "nama": "Guru Ahli Pertama", "jenis": "fungsional", "jenjang": "pertama"},
]


def impor_jalankan(django_capture_on_commit_callbacks, actor, isi: bytes, opd=None) -> ImporPegawai:
    """Upload through the service and let the (eager) task run, as the view does."""
    with django_capture_on_commit_callbacks(execute=True):
        impor = impor_create(actor=actor, berkas=unggahan(isi), opd=opd)
    impor.refresh_from_db()
    return impor


@pytest.fixture
def jalankan(django_capture_on_commit_callbacks):
    def _jalankan(persona, isi, opd=None):
        return impor_jalankan(django_capture_on_commit_callbacks, persona.user, isi, opd)

    return _jalankan


def potret() -> dict:
    return {
        "unit": UnitKerja.objects.count(),
        "jabatan": Jabatan.objects.count(),
        "pegawai": list(Pegawai.objects.order_by("pk").values_list("pk", "nama", "golongan", "unit_id", "atasan_id")),
        "user": User.objects.count(),
        "riwayat": RiwayatJabatan.objects.count(),
        "audit": LogEntry.objects.count(),
    }


def galat_dari(impor: ImporPegawai) -> list[tuple]:
    return [(g["lembar"], g["baris"], g["kolom"], g["pesan"]) for g in impor.galat]


# --- the template -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_templat_berisi_tiga_lembar_petunjuk_dan_contoh(login, admin_bkd, django_assert_num_queries):
    klien = login(admin_bkd)
    resp = klien.get(reverse("pegawai:impor-template"))
    assert resp.status_code == 200
    assert resp["Content-Type"] == XLSX
    wb = load_workbook(io.BytesIO(resp.content))
    assert wb.sheetnames == ["Petunjuk", "UnitKerja", "Jabatan", "Pegawai"]
    for lembar in (UNIT, JABATAN, PEGAWAI):
        ws = wb[lembar.nama]
        assert [c.value for c in ws[1]] == list(lembar.nama_kolom)
        assert ws.cell(row=2, column=1).value  # an example row
    assert ws["A2"].number_format == "@" and isinstance(ws["A2"].value, str)  # NIP typed as text
    assert ws.column_dimensions["A"].number_format == "@"  # and so is every NIP typed later
    teks_petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    assert "nip_atasan" in teks_petunjuk and "semua-atau-tidak-sama-sekali" in teks_petunjuk


@pytest.mark.django_db
def test_contoh_pada_templat_dapat_diimpor(login, admin_bkd, pemda, django_capture_on_commit_callbacks):
    isi = login(admin_bkd).get(reverse("pegawai:impor-template")).content
    impor = impor_jalankan(django_capture_on_commit_callbacks, admin_bkd.user, isi)
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat or impor.pesan
    kedua = Pegawai.objects.get(nip="199203152019032002")
    assert kedua.atasan.nip == "198701012010011001" and kedua.unit.opd.kode == "DISDIK"


# --- processing: the happy path and re-imports ------------------------------------------------


def _berkas_lengkap(**ubah_staf) -> bytes:
    return buku(
        unit=UNIT_DASAR,
        jabatan=JABATAN_DASAR,
        pegawai=[
            p(NIP_KABID, "Kepala Bidang SD", atasan=NIP_KADIS, golongan="IV/a", gelar_belakang="M.Pd."),
            p(
                NIP_STAF,
                "Staf Kurikulum",
                **{"unit": "DISDIK-SD-KUR", "atasan": NIP_KABID, "email": "staf@contoh.go.id", **ubah_staf},
            ),
            p(NIP_KADIS, "Kepala Dinas", unit="DISDIK", jabatan="JF-GURU-1", golongan="IV/c", telepon=81234567890),
        ],
    )


@pytest.mark.django_db
def test_impor_membuat_unit_jabatan_pegawai_dan_akun_dengan_atasan(jalankan, admin_bkd, opd_a):
    impor = jalankan(admin_bkd, _berkas_lengkap())

    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat or impor.pesan
    assert (impor.jumlah_baru, impor.jumlah_diubah, impor.total_baris) == (7, 0, 7)
    assert impor.selesai_pada is not None and impor.persen == 100
    sd, kur = UnitKerja.objects.get(kode="DISDIK-SD"), UnitKerja.objects.get(kode="DISDIK-SD-KUR")
    assert (sd.induk, sd.opd, kur.induk, kur.opd) == (opd_a, opd_a, sd, opd_a)
    assert Jabatan.objects.get(kode="JF-GURU-1").jenjang == Jabatan.Jenjang.PERTAMA
    kadis, kabid, staf = (Pegawai.objects.get(nip=n) for n in (NIP_KADIS, NIP_KABID, NIP_STAF))
    assert kadis.atasan is None and kabid.atasan == kadis and staf.atasan == kabid
    # supervisor paths (pegawai.hierarki) are computed for imported rows
    assert (kadis.jalur, staf.jalur) == (f"/{kadis.pk}/", f"/{kadis.pk}/{kabid.pk}/{staf.pk}/")
    assert (kabid.golongan, kabid.gelar_belakang, kadis.telepon) == ("IV/a", "M.Pd.", "81234567890")
    assert staf.unit == kur and staf.jabatan.kode == "PL-ADM" and staf.email == "staf@contoh.go.id"
    for peg in (kadis, kabid, staf):
        assert peg.user.username == peg.nip and not peg.user.has_usable_password()
        assert peg.wajib_ganti_password and peg.kode_aktivasi_hash and peg.kode_aktivasi_berlaku_sampai
        riwayat = list(peg.riwayat.all())
        assert len(riwayat) == 1 and riwayat[0].sampai is None and riwayat[0].unit_id == peg.unit_id
        assert riwayat[0].dicatat_oleh == admin_bkd.user
    assert impor.berkas_kredensial.name.startswith("kredensial/")


@pytest.mark.django_db
def test_impor_ulang_berkas_sama_tidak_menggandakan_apa_pun(jalankan, admin_bkd, opd_a):
    pertama = jalankan(admin_bkd, _berkas_lengkap())
    assert pertama.status == ImporPegawai.Status.BERHASIL
    sebelum = potret()

    kedua = jalankan(admin_bkd, _berkas_lengkap())

    assert kedua.status == ImporPegawai.Status.BERHASIL
    assert (kedua.jumlah_baru, kedua.jumlah_diubah) == (0, 0)
    assert potret() == sebelum
    assert not kedua.berkas_kredensial
    assert "7 tanpa perubahan" in kedua.pesan


@pytest.mark.django_db
def test_impor_ulang_memperbarui_hanya_yang_berubah_dan_mencatat_riwayat(jalankan, admin_bkd, opd_a):
    jalankan(admin_bkd, _berkas_lengkap())
    staf = Pegawai.objects.get(nip=NIP_STAF)
    jumlah_pegawai, jumlah_user = Pegawai.objects.count(), User.objects.count()

    impor = jalankan(admin_bkd, _berkas_lengkap(unit="DISDIK-SD", golongan="III/b"))

    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    assert (impor.jumlah_baru, impor.jumlah_diubah) == (0, 1)
    assert (Pegawai.objects.count(), User.objects.count()) == (jumlah_pegawai, jumlah_user)
    staf.refresh_from_db()
    assert staf.golongan == "III/b" and staf.unit.kode == "DISDIK-SD"
    lama, baru = staf.riwayat.order_by("id")
    assert lama.sampai is not None and lama.unit.kode == "DISDIK-SD-KUR"
    assert baru.sampai is None and baru.unit.kode == "DISDIK-SD"
    entri = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Pegawai), object_id=staf.pk, action=LogEntry.Action.UPDATE
    )
    assert entri.actor == admin_bkd.user
    assert entri.changes == {"golongan": ["III/a", "III/b"], "unit": [str(lama.unit_id), str(baru.unit_id)]}
    assert entri.additional_data["impor_id"] == impor.pk


@pytest.mark.django_db
def test_impor_mencatat_jejak_audit_dengan_pengimpor_sebagai_pelaku(jalankan, admin_bkd, opd_a):
    impor = jalankan(admin_bkd, _berkas_lengkap())

    entri = LogEntry.objects.filter(additional_data__impor_id=impor.pk, action=LogEntry.Action.CREATE)
    per_model = {}
    for e in entri:
        per_model[e.content_type.model] = per_model.get(e.content_type.model, 0) + 1
        assert e.actor_id == admin_bkd.user.pk
    assert per_model == {"unitkerja": 2, "jabatan": 2, "pegawai": 3, "user": 3, "riwayatjabatan": 3}
    staf = Pegawai.objects.get(nip=NIP_STAF)
    e = entri.get(content_type=ContentType.objects.get_for_model(Pegawai), object_id=staf.pk)
    assert e.changes["nip"] == ["None", NIP_STAF]
    assert e.changes["atasan"] == ["None", str(staf.atasan_id)]
    assert e.object_repr == str(staf)
    assert "kode_aktivasi_hash" not in e.changes


@pytest.mark.django_db
def test_unit_dipindah_ke_opd_lain_membawa_opd_turunannya(jalankan, admin_bkd, opd_a, opd_b):
    jalankan(admin_bkd, buku(unit=UNIT_DASAR))
    impor = jalankan(
        admin_bkd, buku(unit=[{"kode": "DISDIK-SD", "nama": "Bidang SD", "jenis": "bidang", "kode_induk": "DINKES"}])
    )
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    assert impor.jumlah_diubah == 1
    assert UnitKerja.objects.get(kode="DISDIK-SD").opd == opd_b
    assert UnitKerja.objects.get(kode="DISDIK-SD-KUR").opd == opd_b  # not in the file, moved along


def _ganti_di_lembar(isi: bytes, lama: bytes, baru: bytes) -> bytes:
    """Rewrite the sheet XML: writes a cell Excel itself cannot (an exact 18-digit integer)."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            data = masuk.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(lama, baru)
            z.writestr(info, data)
    return keluar.getvalue()


@pytest.mark.django_db
def test_nip_bilangan_bulat_diterima_dan_spasi_dipangkas(jalankan, admin_bkd, bidang_a, jabatan_staf):
    isi = buku(pegawai=[p(4242, "  Siti   Aminah ", unit=" DISDIK-PTK ", jabatan="PL-ANALIS", golongan=" iii / b ")])
    isi = _ganti_di_lembar(isi, b"<v>4242</v>", f"<v>{int(NIP_STAF)}</v>".encode())
    impor = jalankan(admin_bkd, isi)
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    peg = Pegawai.objects.get(nip=NIP_STAF)
    assert (peg.nama, peg.unit, peg.golongan) == ("Siti Aminah", bidang_a, "III/b")


@pytest.mark.django_db
def test_semua_baris_dibaca_walau_dimensi_lembar_keliru(jalankan, admin_bkd, opd_a):
    # <dimension ref="A1:D2"/> claims one data row; openpyxl would stop there unless told not to.
    isi = _ganti_di_lembar(buku(unit=UNIT_DASAR), b'ref="A1:D3"', b'ref="A1:D2"')
    impor = jalankan(admin_bkd, isi)
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    assert impor.jumlah_baru == 2 and UnitKerja.objects.filter(kode="DISDIK-SD-KUR").exists()


def test_nip_berspasi_dan_bilangan_bulat_dibaca_utuh():
    from pegawai.impor import baca

    assert baca.nip(int(NIP_STAF)) == NIP_STAF
    assert baca.nip(" 19900303 201503 2 003 ") == NIP_STAF
    with pytest.raises(baca.NilaiSalah, match="NIP terbaca sebagai angka desimal"):
        baca.nip(float(NIP_STAF))


@pytest.mark.django_db
def test_grade_pppk_boleh_diketik_sebagai_angka(jalankan, admin_bkd, bidang_a, jabatan_staf):
    impor = jalankan(
        admin_bkd, buku(pegawai=[p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS", status="pppk", golongan=9)])
    )
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    assert Pegawai.objects.get(nip=NIP_STAF).golongan == "IX"


# --- processing: every error, nothing written -------------------------------------------------


def _galat_kasus():
    """(id, workbook kwargs, expected (sheet, row, column, message))."""

    def peg(**k):
        return {"pegawai": [p(NIP_STAF, **{"unit": "DISDIK-PTK", "jabatan": "PL-ANALIS", **k})]}

    return [
        (
            "nip-tanggal-lahir",
            {"pegawai": [p("198713012010011001", unit="DISDIK-PTK", jabatan="PL-ANALIS")]},
            ("Pegawai", 2, "nip", "Tanggal lahir pada NIP (digit 1-8) tidak valid."),
        ),
        (
            "nip-pendek",
            {"pegawai": [p("19870101", unit="DISDIK-PTK", jabatan="PL-ANALIS")]},
            ("Pegawai", 2, "nip", "NIP harus terdiri dari 18 digit angka."),
        ),
        (
            "nip-desimal",
            {"pegawai": [p(1.98701012010011e17, unit="DISDIK-PTK", jabatan="PL-ANALIS")]},
            (
                "Pegawai",
                2,
                "nip",
                "NIP terbaca sebagai angka desimal sehingga digit terakhirnya bisa hilang "
                "(1.98701e+17). Format kolom NIP sebagai Teks, lalu ketik ulang NIP lengkap 18 digit.",
            ),
        ),
        ("nama-kosong", peg(nama="  "), ("Pegawai", 2, "nama", "Kolom nama wajib diisi.")),
        (
            "nama-tanggal",
            peg(nama=datetime.datetime(2024, 1, 1)),
            ("Pegawai", 2, "nama", "Sel berisi tanggal/waktu; isi dengan teks (format kolom sebagai Teks)."),
        ),
        (
            "status-salah",
            peg(status="Honorer"),
            ("Pegawai", 2, "status", "Nilai 'Honorer' tidak dikenal; gunakan salah satu dari: pns, cpns, pppk."),
        ),
        (
            "pppk-golongan-pns",
            peg(status="PPPK", golongan="III/a"),
            ("Pegawai", 2, "golongan", "PPPK harus memiliki grade I sampai XVII."),
        ),
        (
            "pns-grade-pppk",
            peg(golongan="IX"),
            ("Pegawai", 2, "golongan", "PNS/CPNS harus memiliki golongan I/a sampai IV/e."),
        ),
        (
            "unit-tidak-ada",
            peg(unit="ENTAH"),
            (
                "Pegawai",
                2,
                "kode_unit",
                "Unit kerja dengan kode ENTAH tidak ditemukan (tidak ada di berkas maupun di basis data).",
            ),
        ),
        (
            "unit-pemda",
            peg(unit="PEMDA"),
            ("Pegawai", 2, "kode_unit", "Pegawai harus ditempatkan di OPD atau unit di bawahnya."),
        ),
        (
            "jabatan-tidak-ada",
            peg(jabatan="ENTAH"),
            (
                "Pegawai",
                2,
                "kode_jabatan",
                "Jabatan dengan kode ENTAH tidak ditemukan (tidak ada di berkas maupun di basis data).",
            ),
        ),
        (
            "atasan-tidak-ada",
            peg(atasan="198701012010011001"),
            (
                "Pegawai",
                2,
                "nip_atasan",
                "Atasan dengan NIP 198701012010011001 tidak ditemukan (tidak ada di berkas maupun di basis data).",
            ),
        ),
        (
            "atasan-diri-sendiri",
            peg(atasan=NIP_STAF),
            ("Pegawai", 2, "nip_atasan", "Pegawai tidak dapat menjadi atasan bagi dirinya sendiri."),
        ),
        ("email-salah", peg(email="bukan-email"), ("Pegawai", 2, "email", "Alamat e-mail tidak valid.")),
        (
            "telepon-salah",
            peg(telepon="0812-ABC"),
            ("Pegawai", 2, "telepon", "Nomor telepon hanya boleh berisi angka, spasi, +, -, titik dan tanda kurung."),
        ),
        (
            "nama-terlalu-panjang",
            peg(nama="A" * 151),
            ("Pegawai", 2, "nama", "Terlalu panjang: maksimal 150 karakter (terisi 151)."),
        ),
        (
            "nip-ganda",
            {
                "pegawai": [
                    p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS"),
                    None,
                    p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS"),
                ]
            },
            ("Pegawai", 4, "nip", f"NIP {NIP_STAF} muncul lebih dari sekali (pertama di baris 2)."),
        ),
        (
            "unit-ganda",
            {"unit": [UNIT_DASAR[0], UNIT_DASAR[0]]},
            ("UnitKerja", 3, "kode", "Kode DISDIK-SD muncul lebih dari sekali (pertama di baris 2)."),
        ),
        (
            "bidang-di-bawah-pemda",
            {"unit": [{"kode": "X", "nama": "X", "jenis": "bidang", "kode_induk": "PEMDA"}]},
            ("UnitKerja", 2, "kode_induk", "Bidang/Seksi harus berada di bawah sebuah OPD."),
        ),
        (
            "opd-di-bawah-bidang",
            {"unit": [{"kode": "X", "nama": "X", "jenis": "opd", "kode_induk": "DISDIK-PTK"}]},
            ("UnitKerja", 2, "kode_induk", "Perangkat Daerah (OPD) tidak dapat berada di bawah Bidang/Bagian."),
        ),
        (
            "induk-tidak-ada",
            {"unit": [{"kode": "X", "nama": "X", "jenis": "bidang", "kode_induk": "ENTAH"}]},
            (
                "UnitKerja",
                2,
                "kode_induk",
                "Unit induk dengan kode ENTAH tidak ditemukan (tidak ada di berkas maupun di basis data).",
            ),
        ),
        (
            "induk-kosong",
            {"unit": [{"kode": "X", "nama": "X", "jenis": "bidang", "kode_induk": ""}]},
            ("UnitKerja", 2, "kode_induk", "Unit induk wajib diisi."),
        ),
        (
            "jenis-unit-diubah",
            {"unit": [{"kode": "DISDIK-PTK", "nama": "X", "jenis": "subbidang", "kode_induk": "DISDIK"}]},
            ("UnitKerja", 2, "jenis", "Jenis unit yang sudah ada tidak dapat diubah (saat ini: Bidang/Bagian)."),
        ),
        (
            "fungsional-tanpa-jenjang",
            {"jabatan": [{"kode": "JF", "nama": "Guru", "jenis": "fungsional", "jenjang": ""}]},
            (
                "Jabatan",
                2,
                "jenjang",
                "Jenjang untuk jabatan Fungsional harus salah satu dari: Ahli Madya, Ahli Muda, "
                "Ahli Pertama, Ahli Utama, Mahir, Penyelia, Terampil.",
            ),
        ),
        (
            "pelaksana-berjenjang",
            {"jabatan": [{"kode": "PL", "nama": "Staf", "jenis": "pelaksana", "jenjang": "muda"}]},
            ("Jabatan", 2, "jenjang", "Jenjang hanya diisi untuk jabatan JPT dan fungsional."),
        ),
    ]


@pytest.mark.parametrize(("kwargs", "harapan"), [k[1:] for k in _galat_kasus()], ids=[k[0] for k in _galat_kasus()])
@pytest.mark.django_db
def test_galat_baris_dilaporkan_dan_tidak_ada_yang_ditulis(
    kwargs, harapan, jalankan, admin_bkd, bidang_a, jabatan_staf
):
    # A valid row beside the faulty one: all-or-nothing means it is not written either.
    kwargs = {
        **kwargs,
        "jabatan": [*kwargs.get("jabatan", []), {"kode": "BARU-OK", "nama": "Jabatan Baru", "jenis": "pelaksana"}],
    }
    sebelum = potret()

    impor = jalankan(admin_bkd, buku(**kwargs))

    assert impor.status == ImporPegawai.Status.GAGAL
    assert harapan in galat_dari(impor)
    assert impor.pesan.startswith("Ditemukan ")
    assert potret() == sebelum
    assert not Jabatan.objects.filter(kode="BARU-OK").exists()


@pytest.mark.django_db
def test_atasan_nonaktif_ditolak(jalankan, admin_bkd, bidang_a, jabatan_staf, atasan):
    atasan.aktif = False
    atasan.save(update_fields=["aktif"])
    impor = jalankan(admin_bkd, buku(pegawai=[p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS", atasan=atasan.nip)]))
    assert ("Pegawai", 2, "nip_atasan", "Atasan langsung harus pegawai aktif.") in galat_dari(impor)


@pytest.mark.django_db
def test_nip_yang_sudah_punya_akun_ditolak(jalankan, admin_bkd, bidang_a, jabatan_staf):
    User.objects.create_user(username=NIP_STAF, password="rahasia-uji-123")
    impor = jalankan(admin_bkd, buku(pegawai=[p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS")]))
    assert ("Pegawai", 2, "nip", "Sudah ada akun dengan NIP ini.") in galat_dari(impor)


@pytest.mark.django_db
def test_kolom_wajib_hilang_disebutkan_dan_tidak_diproses(login, admin_bkd, opd_a, django_capture_on_commit_callbacks):
    isi = buku(pegawai=[{"nip": NIP_STAF, "nama": "X"}], header={"Pegawai": ["nip", "nama", "golongan", "status"]})
    resp = _unggah(login(admin_bkd), isi, django_capture_on_commit_callbacks)
    assert resp.status_code == 400
    assert (
        "Lembar Pegawai: kolom wajib tidak ditemukan di baris pertama: kode_unit, kode_jabatan. Gunakan templat impor."
        in _galat_form(resp)
    )
    assert ImporPegawai.objects.count() == 0


@pytest.mark.django_db
def test_semua_galat_dikumpulkan_dengan_nomor_baris_excel(jalankan, admin_bkd, bidang_a, jabatan_staf):
    rows = [
        p("123", unit="DISDIK-PTK", jabatan="PL-ANALIS"),
        None,
        None,
        p(nip_valid(907), unit="ENTAH", jabatan="PL-ANALIS"),
        p(nip_valid(908), unit="DISDIK-PTK", jabatan="PL-ANALIS", golongan="X/z", email="x@"),
    ]
    impor = jalankan(admin_bkd, buku(pegawai=rows))
    assert {(g[1], g[2]) for g in galat_dari(impor)} == {(2, "nip"), (5, "kode_unit"), (6, "golongan"), (6, "email")}
    assert impor.pesan.startswith("Ditemukan 4 galat; tidak ada data yang disimpan.")


@pytest.mark.django_db
def test_siklus_atasan_dalam_berkas_ditolak(jalankan, admin_bkd, bidang_a, jabatan_staf):
    a, b, c = nip_valid(901), nip_valid(902), nip_valid(903)
    rows = [
        p(a, unit="DISDIK-PTK", jabatan="PL-ANALIS", atasan=c),
        p(b, unit="DISDIK-PTK", jabatan="PL-ANALIS", atasan=a),
        p(c, unit="DISDIK-PTK", jabatan="PL-ANALIS", atasan=b),
    ]
    impor = jalankan(admin_bkd, buku(pegawai=rows))
    galat = galat_dari(impor)
    assert [g[1] for g in galat] == [2, 3, 4]
    assert all(g[2] == "nip_atasan" and g[3].startswith("Rantai atasan melingkar: ") for g in galat)
    assert Pegawai.objects.filter(nip__in=[a, b, c]).count() == 0


@pytest.mark.django_db
def test_siklus_atasan_antara_berkas_dan_basis_data_ditolak(jalankan, admin_bkd, kepala_opd, atasan, pegawai):
    # In the database: pegawai -> atasan -> kepala_opd. The file makes kepala_opd report to pegawai.
    sebelum = potret()
    row = p(kepala_opd.nip, kepala_opd.nama, unit="DISDIK", jabatan="JPT-KADIS", golongan="IV/c", atasan=pegawai.nip)
    impor = jalankan(admin_bkd, buku(pegawai=[row]))
    assert galat_dari(impor) == [
        (
            "Pegawai",
            2,
            "nip_atasan",
            f"Rantai atasan melingkar: {kepala_opd.nip} → {pegawai.nip} → {atasan.nip} → {kepala_opd.nip}.",
        )
    ]
    assert potret() == sebelum


@pytest.mark.django_db
def test_rantai_atasan_yang_diputus_oleh_berkas_bukan_siklus(jalankan, admin_bkd, kepala_opd, atasan, pegawai):
    # The same cycle would exist, but the file also takes atasan out of the chain: no cycle.
    rows = [
        p(kepala_opd.nip, kepala_opd.nama, unit="DISDIK", jabatan="JPT-KADIS", golongan="IV/c", atasan=pegawai.nip),
        p(atasan.nip, atasan.nama, unit="DISDIK-PTK", jabatan="ADM-KABID", golongan="IV/a", atasan=""),
    ]
    impor = jalankan(admin_bkd, buku(pegawai=rows))
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    kepala_opd.refresh_from_db()
    atasan.refresh_from_db()
    assert kepala_opd.atasan == pegawai and atasan.atasan is None


# --- Admin OPD scope --------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_opd_mengimpor_pegawai_di_opdnya(jalankan, admin_opd, bidang_a, jabatan_staf, kepala_opd):
    impor = jalankan(
        admin_opd,
        buku(
            unit=[{"kode": "DISDIK-PTK-1", "nama": "Seksi Guru", "jenis": "subbidang", "kode_induk": "DISDIK-PTK"}],
            pegawai=[p(NIP_STAF, unit="DISDIK-PTK-1", jabatan="PL-ANALIS", atasan=kepala_opd.nip)],
        ),
    )
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    assert impor.opd == bidang_a.opd
    assert Pegawai.objects.get(nip=NIP_STAF).unit.opd == bidang_a.opd


@pytest.mark.django_db
def test_admin_opd_tidak_bisa_mengimpor_di_luar_opdnya(jalankan, admin_opd, bidang_a, opd_b, outsider, jabatan_staf):
    sebelum = potret()
    impor = jalankan(
        admin_opd,
        buku(
            unit=[
                {"kode": "DINKES-1", "nama": "Bidang di Dinkes", "jenis": "bidang", "kode_induk": "DINKES"},
                {"kode": "OPD-BARU", "nama": "Dinas Baru", "jenis": "opd", "kode_induk": "PEMDA"},
                {"kode": "DISDIK", "nama": "Dinas Pendidikan", "jenis": "opd", "kode_induk": "PEMDA"},  # unchanged: ok
            ],
            jabatan=[{"kode": "JAB-BARU", "nama": "Jabatan Baru", "jenis": "pelaksana"}],
            pegawai=[
                p(NIP_STAF, unit="DINKES", jabatan="PL-ANALIS"),
                p(outsider.nip, outsider.nama, unit="DISDIK-PTK", jabatan="PL-ANALIS"),
            ],
        ),
    )
    assert impor.status == ImporPegawai.Status.GAGAL
    assert set(galat_dari(impor)) == {
        ("UnitKerja", 2, "kode_induk", "Unit induk DINKES berada di luar OPD Anda."),
        ("UnitKerja", 3, "jenis", "Admin OPD tidak dapat menambah atau mengubah unit Pemda/OPD; hubungi Admin BKD."),
        ("Jabatan", 2, "kode", "Admin OPD tidak dapat menambah atau mengubah katalog jabatan; hubungi Admin BKD."),
        ("Pegawai", 2, "kode_unit", "Unit kerja DINKES berada di luar OPD Anda."),
        ("Pegawai", 3, "nip", "Pegawai dengan NIP ini terdaftar di luar OPD Anda."),
    }
    assert potret() == sebelum


@pytest.mark.django_db
def test_admin_opd_dengan_dua_opd_wajib_memilih_opd(admin_opd, opd_a, opd_b, bidang_a):
    PeranFactory(user=admin_opd.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_b)
    with pytest.raises(ValidationError, match="Pilih OPD tujuan impor."):
        impor_create(actor=admin_opd.user, berkas=unggahan(buku(unit=UNIT_DASAR)))
    assert ImporPegawai.objects.count() == 0


@pytest.mark.django_db
def test_admin_dua_opd_memilih_opd_tujuan_di_halaman_unggah(
    login, admin_opd, opd_a, opd_b, bidang_a, jabatan_staf, django_capture_on_commit_callbacks
):
    PeranFactory(user=admin_opd.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_b)
    klien = login(admin_opd)
    assert "OPD tujuan" in klien.get(reverse("pegawai:impor-create")).content.decode()
    isi = buku(pegawai=[p(NIP_STAF, unit="DINKES", jabatan="PL-ANALIS")])
    with django_capture_on_commit_callbacks(execute=True):
        resp = klien.post(reverse("pegawai:impor-create"), {"berkas": unggahan(isi), "opd": opd_b.pk})
    assert resp.status_code == 302
    impor = ImporPegawai.objects.get()
    assert impor.opd == opd_b and impor.status == ImporPegawai.Status.BERHASIL, impor.galat
    with django_capture_on_commit_callbacks(execute=True):
        resp = klien.post(reverse("pegawai:impor-create"), {"berkas": unggahan(isi), "opd": bidang_a.pk})
    assert resp.status_code == 400 and "Pilih OPD yang Anda kelola." in resp.content.decode()
    assert ImporPegawai.objects.count() == 1


@pytest.mark.django_db
def test_pengimpor_yang_kehilangan_peran_tidak_diproses(admin_opd, opd_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as antrean:
        impor = impor_create(actor=admin_opd.user, berkas=unggahan(buku(unit=UNIT_DASAR)))
    PeranPengguna.objects.filter(user=admin_opd.user).delete()
    admin_opd.user = User.objects.get(pk=admin_opd.user.pk)  # drop the cached roles
    for tugas in antrean:
        tugas()
    impor.refresh_from_db()
    assert impor.status == ImporPegawai.Status.GAGAL
    assert impor.pesan == "Pengimpor tidak lagi memiliki peran admin untuk lingkup impor ini."
    assert not UnitKerja.objects.filter(kode="DISDIK-SD").exists()


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_kesalahan_tak_terduga_menjadi_gagal_dan_tidak_menulis_apa_pun(jalankan, admin_bkd, opd_a, monkeypatch, caplog):
    def rusak(**kwargs):
        UnitKerja.objects.create(kode="SETENGAH", nama="Setengah jalan", jenis="opd")
        raise RuntimeError("disk penuh")

    monkeypatch.setattr("pegawai.impor.proses.rencana_tulis", rusak)
    sebelum = potret()
    impor = jalankan(admin_bkd, _berkas_lengkap())
    assert impor.status == ImporPegawai.Status.GAGAL
    assert impor.pesan.startswith("Terjadi kesalahan tak terduga saat memproses berkas; tidak ada data yang disimpan.")
    assert "disk penuh" not in impor.pesan and "disk penuh" in caplog.text
    assert potret() == sebelum and not UnitKerja.objects.filter(kode="SETENGAH").exists()


@pytest.mark.django_db
def test_tugas_yang_terkirim_dua_kali_hanya_memproses_sekali(jalankan, admin_bkd, opd_a):
    impor = jalankan(admin_bkd, _berkas_lengkap())
    sebelum = potret()
    ImporPegawai.objects.filter(pk=impor.pk).update(status=ImporPegawai.Status.BERJALAN)
    impor_pegawai_proses(impor_id=impor.pk)
    assert potret() == sebelum
    assert ImporPegawai.objects.get(pk=impor.pk).status == ImporPegawai.Status.BERJALAN


@pytest.mark.django_db
def test_jumlah_kueri_pemrosesan_tidak_tumbuh_dengan_jumlah_baris(admin_bkd, opd_a, django_capture_on_commit_callbacks):
    def kueri(n: int, awal: int) -> int:
        rows = [p(nip_valid(awal + i), f"Pegawai {i}", atasan=nip_valid(awal) if i else "") for i in range(n)]
        with django_capture_on_commit_callbacks(execute=False) as antrean:
            impor = impor_create(
                actor=admin_bkd.user,
                berkas=unggahan(buku(unit=UNIT_DASAR[:1], jabatan=JABATAN_DASAR[:1], pegawai=rows)),
            )
        with CaptureQueriesContext(connection) as ctx:
            for tugas in antrean:
                tugas()
        impor.refresh_from_db()
        assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
        return len(ctx.captured_queries)

    kecil = kueri(20, 100)
    besar = kueri(200, 300)
    # 24 and 27 on SQLite: its 999-parameter limit splits a 200-row bulk insert into a few
    # batches. One query per row would add at least 180.
    assert kecil <= 30
    assert besar - kecil <= 6, (kecil, besar)


# --- checks before anything is read (through the upload page) ---------------------------------


def _unggah(klien, isi: bytes, callbacks, nama: str = "pegawai.xlsx"):
    with callbacks(execute=True) as antrean:
        resp = klien.post(reverse("pegawai:impor-create"), {"berkas": unggahan(isi, nama)})
    _unggah.antrean = antrean
    return resp


def _galat_form(resp) -> str:
    return " ".join(resp.context["form"].errors.get("berkas", []))


def _zip(entri: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, isi in entri.items():
            z.writestr(nama, isi)
    return buf.getvalue()


def _kasus_berkas_buruk():
    xlsx = buku(unit=UNIT_DASAR)
    return [
        ("csv", b"nip,nama\n1,Budi\n", "pegawai.csv", "Nama berkas harus berakhiran .xlsx."),
        ("csv-berganti-nama", b"nip,nama\n1,Budi\n", "pegawai.xlsx", "Berkas harus berupa workbook Excel .xlsx"),
        ("biner-berganti-nama", bytes(range(256)) * 8, "pegawai.xlsx", "Berkas harus berupa workbook Excel .xlsx"),
        (
            "xls-berganti-nama",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024,
            "pegawai.xlsx",
            "Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi.",
        ),
        ("zip-rusak", xlsx[: len(xlsx) // 2], "pegawai.xlsx", "Berkas .xlsx rusak atau tidak dapat dibaca."),
        ("zip-bukan-xlsx", _zip({"dokumen.txt": b"halo"}), "pegawai.xlsx", "Berkas harus berupa workbook Excel .xlsx"),
        (
            "xlsx-bagian-rusak",
            _zip({"[Content_Types].xml": b"<x", "xl/workbook.xml": b"bukan xml"}),
            "pegawai.xlsx",
            "Berkas .xlsx rusak atau tidak dapat dibaca.",
        ),
        ("workbook-kosong", buku(), "pegawai.xlsx", "Berkas tidak berisi data"),
        ("hanya-judul", buku(unit=[], pegawai=[]), "pegawai.xlsx", "Berkas tidak berisi data"),
        ("lembar-tak-dikenal", _buku_lembar_lain(), "pegawai.xlsx", "Berkas tidak berisi data"),
    ]


def _buku_lembar_lain() -> bytes:
    wb = Workbook()
    wb.active.title = "Data"
    wb.active.append(["nip", "nama"])
    wb.active.append([NIP_STAF, "Budi"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("isi", "nama", "pesan"), [k[1:] for k in _kasus_berkas_buruk()], ids=[k[0] for k in _kasus_berkas_buruk()]
)
@pytest.mark.django_db
def test_berkas_buruk_ditolak_dengan_pesan_jelas_tanpa_menyimpan(
    isi, nama, pesan, login, admin_bkd, opd_a, _media, django_capture_on_commit_callbacks
):
    resp = _unggah(login(admin_bkd), isi, django_capture_on_commit_callbacks, nama)
    assert resp.status_code == 400
    assert pesan in _galat_form(resp)
    assert ImporPegawai.objects.count() == 0
    assert _unggah.antrean == []  # no job started
    assert not _media.exists() or not any(f.is_file() for f in _media.rglob("*"))


@pytest.mark.django_db
def test_berkas_melebihi_batas_ukuran_ditolak_sebelum_dibaca(
    settings, login, admin_bkd, opd_a, monkeypatch, django_capture_on_commit_callbacks
):
    settings.IMPOR_MAKS_BYTE = 2048
    dibuka = []
    monkeypatch.setattr("pegawai.impor.berkas._periksa_zip", lambda b: dibuka.append(b))
    resp = _unggah(login(admin_bkd), buku(unit=UNIT_DASAR), django_capture_on_commit_callbacks)
    assert resp.status_code == 400
    assert "melebihi batas 2 KB." in _galat_form(resp)
    assert dibuka == [] and ImporPegawai.objects.count() == 0


@pytest.mark.django_db
def test_bom_zip_ditolak(login, admin_bkd, opd_a, monkeypatch, django_capture_on_commit_callbacks):
    # A 3 MB sheet of one repeated byte compresses to a few KB; the cap is lowered to keep the test fast.
    monkeypatch.setattr("pegawai.impor.berkas.MAKS_BYTE_EKSTRAK", 2 * 1024 * 1024)
    bom = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b" " * 3_000_000,
        }
    )
    assert len(bom) < 20_000
    resp = _unggah(login(admin_bkd), bom, django_capture_on_commit_callbacks)
    assert resp.status_code == 400
    assert "Isi berkas terlalu besar setelah diekstrak; berkas ditolak." in _galat_form(resp)
    assert ImporPegawai.objects.count() == 0


@pytest.mark.django_db
def test_baris_melebihi_batas_ditolak(settings, login, admin_bkd, opd_a, django_capture_on_commit_callbacks):
    settings.IMPOR_MAKS_BARIS = 50
    rows = [{"kode": f"U{i}", "nama": f"Unit {i}", "jenis": "bidang", "kode_induk": "DISDIK"} for i in range(60)]
    resp = _unggah(login(admin_bkd), buku(unit=rows), django_capture_on_commit_callbacks)
    assert resp.status_code == 400
    assert "Jumlah baris data melebihi batas 50 baris per impor." in _galat_form(resp)
    assert ImporPegawai.objects.count() == 0


@pytest.mark.django_db
def test_batas_baris_tepat_masih_diterima(settings, login, admin_bkd, opd_a, django_capture_on_commit_callbacks):
    settings.IMPOR_MAKS_BARIS = 50
    rows = [{"kode": f"U{i}", "nama": f"Unit {i}", "jenis": "bidang", "kode_induk": "DISDIK"} for i in range(50)]
    resp = _unggah(login(admin_bkd), buku(unit=rows), django_capture_on_commit_callbacks)
    assert resp.status_code == 302
    assert ImporPegawai.objects.get().status == ImporPegawai.Status.BERHASIL


def _buku_besar(jumlah: int) -> bytes:
    """A real UnitKerja sheet of `jumlah` rows. openpyxl writes the workbook; the rows are written
    straight into its sheet XML (inline strings), because openpyxl needs 5 to 8 s for 200,000 cells."""
    baris = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>U{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>Unit {r}</t></is></c><c r="C{r}" t="inlineStr"><is><t>bidang</t></is></c>'
        f'<c r="D{r}" t="inlineStr"><is><t>DISDIK</t></is></c></row>'
        for r in range(2, jumlah + 2)
    )
    isi = buku(unit=[{"kode": "PENANDA"}])
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in masuk.infolist():
            data = masuk.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                awal, _, sisa = data.decode().replace('ref="A1:D2"', f'ref="A1:D{jumlah + 1}"').partition('<row r="2"')
                data = (awal + baris + "</sheetData>" + sisa.partition("</sheetData>")[2]).encode()
            z.writestr(info, data)
    return keluar.getvalue()


def test_lembar_besar_benar_berisi_50000_baris():
    isi = _buku_besar(50_000)
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        assert z.read("xl/worksheets/sheet1.xml").count(b"<row ") == 50_001
    ws = load_workbook(io.BytesIO(isi), read_only=True)["UnitKerja"]
    assert ws.max_row == 50_001
    assert list(ws.iter_rows(max_row=2, values_only=True)) == [
        ("kode", "nama", "jenis", "kode_induk"),
        ("U2", "Unit 2", "bidang", "DISDIK"),
    ]


@pytest.mark.django_db
def test_lembar_50000_baris_ditolak(login, admin_bkd, opd_a, django_capture_on_commit_callbacks):
    isi = _buku_besar(50_000)
    klien = login(admin_bkd)

    resp = _unggah(klien, isi, django_capture_on_commit_callbacks)

    assert resp.status_code == 400
    assert "melebihi batas 20.000 baris" in _galat_form(resp)
    assert ImporPegawai.objects.count() == 0


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unggah_mengalihkan_ke_halaman_hasil(login, admin_bkd, opd_a, django_capture_on_commit_callbacks):
    klien = login(admin_bkd)
    resp = _unggah(klien, _berkas_lengkap(), django_capture_on_commit_callbacks, "data pegawai.xlsx")
    impor = ImporPegawai.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("pegawai:impor-detail", args=[impor.pk])
    assert impor.dibuat_oleh == admin_bkd.user and impor.opd is None and impor.nama_berkas == "data pegawai.xlsx"
    assert impor.berkas.name.startswith("impor/") and "pegawai" not in impor.berkas.name  # a random stored name

    halaman = klien.get(resp["Location"])
    assert halaman.status_code == 200
    teks = halaman.content.decode()
    assert "Impor selesai: 7 data baru, 0 diubah, 0 tanpa perubahan." in teks
    assert reverse("pegawai:impor-kredensial", args=[impor.pk]) in teks and "Rahasiakan" in teks
    assert "js/impor.js" not in teks  # finished: no polling


@pytest.mark.django_db
def test_halaman_impor_yang_berjalan_memuat_bilah_kemajuan(login, admin_bkd):
    impor = ImporPegawai.objects.create(
        dibuat_oleh=admin_bkd.user,
        berkas="impor/x.xlsx",
        nama_berkas="x.xlsx",
        status="berjalan",
        tahap="Memeriksa lembar Pegawai",
        total_baris=200,
        diproses=50,
    )
    teks = login(admin_bkd).get(reverse("pegawai:impor-detail", args=[impor.pk])).content.decode()
    assert f'data-status-url="{reverse("pegawai:impor-status", args=[impor.pk])}"' in teks
    assert "width: 25%" in teks and "Memeriksa lembar Pegawai" in teks and "js/impor.js" in teks


@pytest.mark.django_db
def test_status_json_melaporkan_tahap_dan_persen(login, admin_bkd):
    impor = ImporPegawai.objects.create(
        dibuat_oleh=admin_bkd.user,
        berkas="impor/x.xlsx",
        nama_berkas="x.xlsx",
        status="berjalan",
        tahap="Memeriksa baris (500 dari 2.000)",
        total_baris=2000,
        diproses=500,
    )
    klien = login(admin_bkd)
    data = klien.get(reverse("pegawai:impor-status", args=[impor.pk])).json()
    assert data == {
        "status": "berjalan",
        "status_label": "Sedang diproses",
        "tahap": "Memeriksa baris (500 dari 2.000)",
        "persen": 25,
        "selesai": False,
        "total_baris": 2000,
        "jumlah_baru": 0,
        "jumlah_diubah": 0,
        "jumlah_galat": 0,
    }
    ImporPegawai.objects.filter(pk=impor.pk).update(status="gagal", galat=[{"pesan": "x"}])
    data = klien.get(reverse("pegawai:impor-status", args=[impor.pk])).json()
    assert (data["selesai"], data["persen"], data["jumlah_galat"]) == (True, 100, 1)


@pytest.mark.django_db
def test_halaman_gagal_menampilkan_500_galat_pertama_dan_tautan_unduhan(login, admin_bkd):
    galat = [
        {"lembar": "Pegawai", "baris": i + 2, "kolom": "nip", "nilai": str(i), "pesan": f"Galat ke-{i}"}
        for i in range(600)
    ]
    impor = ImporPegawai.objects.create(
        dibuat_oleh=admin_bkd.user,
        berkas="impor/x.xlsx",
        nama_berkas="x.xlsx",
        status="gagal",
        galat=galat,
        pesan="Ditemukan 600 galat; tidak ada data yang disimpan.",
    )
    teks = login(admin_bkd).get(reverse("pegawai:impor-detail", args=[impor.pk])).content.decode()
    assert "Galat ke-499<" in teks and "Galat ke-500<" not in teks
    assert "Menampilkan 500 galat pertama dari 600" in teks
    assert reverse("pegawai:impor-galat", args=[impor.pk]) in teks


@pytest.mark.django_db
def test_daftar_galat_dapat_diunduh_sebagai_workbook(jalankan, login, admin_bkd, bidang_a, jabatan_staf):
    impor = jalankan(
        admin_bkd,
        buku(
            pegawai=[p("-123", unit="DISDIK-PTK", jabatan="PL-ANALIS"), p(NIP_STAF, unit="ENTAH", jabatan="PL-ANALIS")]
        ),
    )
    resp = login(admin_bkd).get(reverse("pegawai:impor-galat", args=[impor.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == XLSX
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0] == ("Lembar", "Baris", "Kolom", "Nilai", "Pesan")
    assert rows[1] == ("Pegawai", 2, "nip", "-123", "NIP harus terdiri dari 18 digit angka.")
    assert ws["D2"].data_type == "s"  # never a formula
    assert rows[2][:3] == ("Pegawai", 3, "kode_unit")


@pytest.mark.django_db
def test_unduh_galat_impor_tanpa_galat_mengalihkan(login, admin_bkd):
    impor = ImporPegawai.objects.create(
        dibuat_oleh=admin_bkd.user, berkas="impor/x.xlsx", nama_berkas="x.xlsx", status="berhasil"
    )
    resp = login(admin_bkd).get(reverse("pegawai:impor-galat", args=[impor.pk]), follow=True)
    assert resp.redirect_chain[-1][0] == reverse("pegawai:impor-detail", args=[impor.pk])
    assert "Impor ini tidak memiliki daftar galat." in resp.content.decode()


# --- activation codes: once, for the importer only --------------------------------------------


@pytest.mark.django_db
def test_kode_aktivasi_hanya_dapat_diunduh_sekali_oleh_pengimpor(jalankan, login, admin_bkd, opd_a, _media):
    impor = jalankan(admin_bkd, _berkas_lengkap())
    berkas = _media / impor.berkas_kredensial.name
    assert berkas.exists()
    klien = login(admin_bkd)
    url = reverse("pegawai:impor-kredensial", args=[impor.pk])

    halaman = klien.get(url)
    assert halaman.status_code == 200 and "Rahasiakan" in halaman.content.decode()
    resp = klien.post(url)
    assert resp.status_code == 200 and resp["Content-Type"] == XLSX
    assert resp["Cache-Control"] == "private, no-store"
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("NIP", "Nama", "Unit kerja", "Kode aktivasi", "Berlaku sampai")
    per_nip = {r[0]: r for r in rows[1:]}
    assert set(per_nip) == {NIP_KADIS, NIP_KABID, NIP_STAF}
    staf = Pegawai.objects.get(nip=NIP_STAF)
    assert per_nip[NIP_STAF][1:3] == ("Staf Kurikulum", "Seksi Kurikulum SD")
    assert kode_aktivasi_cocok(staf, per_nip[NIP_STAF][3])
    impor.refresh_from_db()
    assert not impor.berkas_kredensial and not berkas.exists()

    kedua = klien.post(url, follow=True)
    assert kedua.redirect_chain[-1][0] == reverse("pegawai:impor-detail", args=[impor.pk])
    assert "sudah pernah diunduh dan telah dihapus" in kedua.content.decode()
    assert "sudah pernah diunduh dan telah dihapus" in klien.get(url).content.decode()


@pytest.mark.django_db
def test_admin_lain_tidak_dapat_mengunduh_kode_aktivasi(jalankan, login, admin_opd, admin_bkd, bidang_a, jabatan_staf):
    impor = jalankan(admin_opd, buku(pegawai=[p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS")]))
    assert impor.berkas_kredensial
    url = reverse("pegawai:impor-kredensial", args=[impor.pk])
    assert login(admin_bkd).post(url).status_code == 404
    assert login(admin_bkd).get(url).status_code == 404
    impor.refresh_from_db()
    assert impor.berkas_kredensial  # still there for its importer


# --- access -----------------------------------------------------------------------------------


def _impor_milik(user, **kw) -> ImporPegawai:
    return ImporPegawai.objects.create(
        dibuat_oleh=user,
        berkas="impor/x.xlsx",
        nama_berkas="x.xlsx",
        status="gagal",
        galat=[{"lembar": "Pegawai", "baris": 2, "kolom": "nip", "nilai": "1", "pesan": "NIP salah."}],
        **kw,
    )


URL_OBJEK = ["pegawai:impor-detail", "pegawai:impor-status", "pegawai:impor-galat", "pegawai:impor-kredensial"]


@pytest.mark.parametrize("nama", URL_OBJEK)
@pytest.mark.django_db
def test_admin_opd_tidak_melihat_impor_admin_lain(nama, login, admin_opd, admin_bkd, opd_a, opd_b):
    admin_lain = PegawaiFactory(unit=opd_a)
    PeranFactory(user=admin_lain.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_a)
    for pemilik in (admin_bkd.user, admin_lain.user):
        impor = _impor_milik(pemilik, opd=opd_a)
        assert login(admin_opd).get(reverse(nama, args=[impor.pk])).status_code == 404


@pytest.mark.parametrize("nama", URL_OBJEK[:3])
@pytest.mark.django_db
def test_admin_bkd_melihat_impor_admin_opd(nama, login, admin_opd, admin_bkd, opd_a):
    impor = _impor_milik(admin_opd.user, opd=opd_a)
    assert login(admin_bkd).get(reverse(nama, args=[impor.pk])).status_code == 200


@pytest.mark.parametrize("nama", ["pegawai:impor-create", "pegawai:impor-template", *URL_OBJEK])
@pytest.mark.parametrize("persona", ["pegawai", "atasan", "petugas"])
@pytest.mark.django_db
def test_bukan_admin_mendapat_403(nama, persona, request, login, admin_bkd):
    impor = _impor_milik(admin_bkd.user)
    args = [impor.pk] if nama in URL_OBJEK else []
    assert login(request.getfixturevalue(persona)).get(reverse(nama, args=args)).status_code == 403


@pytest.mark.django_db
def test_pegawai_biasa_tidak_dapat_mengunggah(login, pegawai, django_capture_on_commit_callbacks):
    resp = _unggah(login(pegawai), buku(unit=UNIT_DASAR), django_capture_on_commit_callbacks)
    assert resp.status_code == 403 and ImporPegawai.objects.count() == 0


@pytest.mark.django_db
def test_tamu_dialihkan_ke_halaman_masuk(client, admin_bkd):
    impor = _impor_milik(admin_bkd.user)
    for nama in ["pegawai:impor-create", "pegawai:impor-template", *URL_OBJEK]:
        resp = client.get(reverse(nama, args=[impor.pk] if nama in URL_OBJEK else []))
        assert resp.status_code == 302 and resp["Location"].startswith(reverse("akun:login"))


@pytest.mark.django_db
def test_metode_yang_salah_mendapat_405(login, admin_bkd):
    impor = _impor_milik(admin_bkd.user)
    klien = login(admin_bkd)
    for nama in ["pegawai:impor-detail", "pegawai:impor-status", "pegawai:impor-galat"]:
        assert klien.post(reverse(nama, args=[impor.pk])).status_code == 405
    assert klien.post(reverse("pegawai:impor-template")).status_code == 405
    assert klien.put(reverse("pegawai:impor-create")).status_code == 405
    assert klien.delete(reverse("pegawai:impor-kredensial", args=[impor.pk])).status_code == 405


@pytest.mark.django_db
def test_id_yang_tidak_ada_mendapat_404(login, admin_bkd):
    assert login(admin_bkd).get(reverse("pegawai:impor-detail", args=[999999])).status_code == 404


# --- query counts of the pages ----------------------------------------------------------------


@pytest.mark.parametrize("jumlah", [3, 30])
@pytest.mark.django_db
def test_jumlah_kueri_halaman_unggah_tetap(jumlah, login, admin_bkd, opd_a, django_assert_num_queries):
    for _ in range(jumlah):
        _impor_milik(admin_bkd.user, opd=opd_a)
    klien = login(admin_bkd)
    # session, user, akses (pegawai + peran), is_atasan (navigation), recent imports joined with their OPD
    with django_assert_num_queries(6):
        assert klien.get(reverse("pegawai:impor-create")).status_code == 200


@pytest.mark.parametrize("jumlah", [3, 30])
@pytest.mark.django_db
def test_jumlah_kueri_halaman_hasil_tetap(jumlah, login, admin_bkd, opd_a, django_assert_num_queries):
    for _ in range(jumlah):
        _impor_milik(admin_bkd.user, opd=opd_a)
    impor = _impor_milik(admin_bkd.user, opd=opd_a)
    ImporPegawai.objects.filter(pk=impor.pk).update(
        galat=[{"lembar": "Pegawai", "baris": i, "kolom": "nip", "nilai": "", "pesan": "x"} for i in range(jumlah)]
    )
    klien = login(admin_bkd)
    # session, user, akses (pegawai + peran), the import joined with its OPD, is_atasan, recent imports
    with django_assert_num_queries(7):
        assert klien.get(reverse("pegawai:impor-detail", args=[impor.pk])).status_code == 200
    with django_assert_num_queries(5):
        assert klien.get(reverse("pegawai:impor-status", args=[impor.pk])).status_code == 200


@pytest.mark.django_db
def test_admin_opd_tidak_bisa_mengimpor_atasan_dari_opd_lain_kecuali_jpt(
    jalankan, admin_opd, bidang_a, jabatan_staf, jabatan_kepala, outsider, opd_b
):
    sebelum = potret()
    impor = jalankan(
        admin_opd, buku(pegawai=[p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS", atasan=outsider.nip)])
    )
    assert impor.status == ImporPegawai.Status.GAGAL
    assert ("Pegawai", 2, "nip_atasan", "Atasan langsung harus pegawai di OPD Anda atau pemangku JPT.") in [
        (g["lembar"], g["baris"], g["kolom"], g["pesan"]) for g in impor.galat
    ]
    assert potret() == sebelum
    # A JPT holder of another OPD (e.g. the Sekda or an Asisten) is allowed, as in the form.
    kepala_b = PegawaiFactory(unit=opd_b, jabatan=jabatan_kepala)
    impor = jalankan(
        admin_opd, buku(pegawai=[p(NIP_STAF, unit="DISDIK-PTK", jabatan="PL-ANALIS", atasan=kepala_b.nip)])
    )
    assert impor.status == ImporPegawai.Status.BERHASIL, impor.galat
