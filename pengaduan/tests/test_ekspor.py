"""The dashboard's exports: the complaint register (identity columns per reader and privacy,
its audit, the terlapor's cases left out, formula text, background when large) and SLA
compliance per unit and officer; constant query counts."""

import datetime as dt
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pegawai.models import PeranPengguna
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, PeranFactory
from pengaduan.access import identitas_boleh, identitas_boleh_q, pengaduan_scope
from pengaduan.exports.aduan import KOLOM_REGISTER, OBJEK_AUDIT, REGISTER
from pengaduan.models import Pengaduan, Privasi, StatusPengaduan
from pengaduan.views.dasbor import PESAN_FILTER_EKSPOR
from unduhan.models import Ekspor

from .factories import PengaduanFactory
from .test_dasbor import berjalan, selesai_tepat, terlambat

REGISTER_URL = reverse("pengaduan:dasbor-export-register")
SLA_URL = reverse("pengaduan:dasbor-export-sla")
JUDUL = [k.judul for k in KOLOM_REGISTER]
S = StatusPengaduan


def _periode() -> dict:
    hari_ini = timezone.localdate()
    return {"mulai": (hari_ini - dt.timedelta(days=40)).isoformat(), "selesai": hari_ini.isoformat()}


def _lembar(resp, nama=None):
    assert resp.status_code == 200, resp.status_code
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(BytesIO(resp.content))
    return wb[nama] if nama else wb.worksheets[0]


def _register(klien, **param) -> dict[str, dict]:
    """{kode: {column title: value}} of the register."""
    ws = _lembar(klien.get(REGISTER_URL, {**_periode(), **param}))
    baris = list(ws.iter_rows(values_only=True))
    assert list(baris[0]) == JUDUL
    return {b[0]: dict(zip(JUDUL, b, strict=True)) for b in baris[1:]}


def _identitas(b: dict) -> tuple:
    return (b["Nama pelapor"], b["E-mail pelapor"], b["Telepon pelapor"])


def _kosong(b: dict) -> bool:
    return _identitas(b) == (None, None, None)


def _petugas_opd(opd, nama):
    """A Petugas Pengaduan serving one OPD, working there."""
    p = PegawaiFactory(nama=nama, unit=opd, jabatan=JabatanFactory())
    PeranFactory(user=p.user, peran=PeranPengguna.Peran.PETUGAS_PENGADUAN, opd=opd)
    return p


@pytest.fixture
def petugas_opd_a(opd_a):
    return _petugas_opd(opd_a, "Petugas Disdik")


@pytest.fixture
def petugas_opd_b(opd_b):
    return _petugas_opd(opd_b, "Petugas Dinkes")


@pytest.fixture
def kasus(opd_a, opd_b, bidang_a, atasan, petugas_opd_b):
    a = {"opd": opd_a, "unit_tujuan": bidang_a, "petugas_tindak": atasan}
    return {
        "biasa": selesai_tepat(**a),
        "anonim": terlambat(**a, privasi=Privasi.ANONIM),
        "rahasia": berjalan(**a, privasi=Privasi.RAHASIA),
        # An anonim case of OPD A disposed to OPD B's complaint officer as responsible officer.
        "anonim_ke_b": berjalan(opd=opd_a, unit_tujuan=opd_a, petugas_tindak=petugas_opd_b, privasi=Privasi.ANONIM),
        "b": selesai_tepat(opd=opd_b, unit_tujuan=opd_b),
    }


def _isi_identitas(kasus) -> dict:
    return {k: (p.identitas.nama, p.identitas.email, p.identitas.telepon) for k, p in kasus.items()}


def test_admin_bkd_melihat_semua_identitas(login, admin_bkd, kasus):
    reg = _register(login(admin_bkd))
    assert set(reg) == {p.kode for p in kasus.values()}
    ident = _isi_identitas(kasus)
    for k, p in kasus.items():
        assert _identitas(reg[p.kode]) == ident[k]


def test_petugas_opd_melihat_identitas_opdnya_saja(login, petugas_opd_a, petugas_opd_b, kasus):
    reg = _register(login(petugas_opd_a))
    assert set(reg) == {kasus[k].kode for k in ("biasa", "anonim", "rahasia", "anonim_ke_b")}
    assert all(not _kosong(b) for b in reg.values())

    # OPD B's officer: their OPD's case, and the OPD A case disposed to them (anonim: no identity).
    reg = _register(login(petugas_opd_b))
    assert set(reg) == {kasus["b"].kode, kasus["anonim_ke_b"].kode}
    assert not _kosong(reg[kasus["b"].kode])
    assert _kosong(reg[kasus["anonim_ke_b"].kode])


def test_admin_opd_tanpa_identitas_anonim_dan_tanpa_rahasia(login, admin_opd, kasus):
    reg = _register(login(admin_opd))
    assert set(reg) == {kasus[k].kode for k in ("biasa", "anonim", "anonim_ke_b")}
    assert _identitas(reg[kasus["biasa"].kode]) == _isi_identitas(kasus)["biasa"]
    assert _kosong(reg[kasus["anonim"].kode]) and _kosong(reg[kasus["anonim_ke_b"].kode])
    teks = " ".join(str(v) for b in reg.values() for v in b.values())
    assert kasus["anonim"].identitas.nama not in teks and kasus["anonim"].identitas.email not in teks


def test_kasus_tentang_pembaca_tidak_pernah_ada(login, admin_bkd, opd_a):
    tentang = terlambat(opd=opd_a, pegawai_terlapor=admin_bkd, judul="Admin BKD lambat")
    lain = selesai_tepat(opd=opd_a, unit_tujuan=opd_a)
    reg = _register(login(admin_bkd))
    assert set(reg) == {lain.kode}
    assert tentang.kode not in reg


def test_kolom_register(login, admin_bkd, kasus, bidang_a, atasan, opd_a):
    reg = _register(login(admin_bkd))
    b = reg[kasus["biasa"].kode]
    assert (b["Kelas"], b["Perangkat daerah"], b["Unit tujuan"], b["Penanggung jawab"]) == (
        "Pengaduan",
        opd_a.nama,
        bidang_a.nama,
        atasan.nama,
    )
    assert (b["Status"], b["Kerahasiaan"], b["Ketepatan waktu"], b["Terlambat"]) == (
        "Selesai",
        "Biasa",
        "Tepat waktu",
        "Tidak",
    )
    assert (b["Lama (hari kerja)"], b["Penilaian pelapor (1-5)"]) == (1, 4)
    assert b["Batas selesai"].date() == kasus["biasa"].batas_selesai
    a = reg[kasus["anonim"].kode]
    assert (a["Kerahasiaan"], a["Ketepatan waktu"], a["Terlambat"]) == ("Anonim", "Terlambat (belum selesai)", "Ya")
    r = reg[kasus["rahasia"].kode]
    assert (r["Status"], r["Ketepatan waktu"], r["Terlambat"], r["Selesai"]) == (
        "Didisposisikan",
        "Berjalan",
        "Tidak",
        None,
    )


def test_selesai_terlambat_dan_ditolak(login, admin_bkd, opd_a):
    lambat = selesai_tepat(opd=opd_a, unit_tujuan=opd_a)
    Pengaduan.objects.filter(pk=lambat.pk).update(batas_selesai=timezone.localdate() - dt.timedelta(days=2))
    tolak = PengaduanFactory(opd=opd_a, status=S.DITOLAK, diterima_pada=timezone.now() - dt.timedelta(days=1))
    reg = _register(login(admin_bkd))
    assert (reg[lambat.kode]["Ketepatan waktu"], reg[lambat.kode]["Terlambat"]) == ("Terlambat", "Ya")
    assert (reg[tolak.kode]["Ketepatan waktu"], reg[tolak.kode]["Terlambat"]) == (None, None)


def test_teks_rumus_tetap_teks(login, admin_bkd, opd_a):
    jahat = '=HYPERLINK("http://jahat.example","klik")'
    p = selesai_tepat(opd=opd_a, unit_tujuan=opd_a, judul=jahat)
    p.identitas.nama = "@SUM(1+1)"
    p.identitas.telepon = "+6281234"
    p.identitas.save()
    ws = _lembar(login(admin_bkd).get(REGISTER_URL, _periode()))
    kolom = {k: i for i, k in enumerate(JUDUL)}
    baris = next(ws.iter_rows(min_row=2, max_row=2))
    for judul, nilai in (("Judul", jahat), ("Nama pelapor", "@SUM(1+1)"), ("Telepon pelapor", "+6281234")):
        sel = baris[kolom[judul]]
        assert (sel.value, sel.data_type) == (nilai, "s")


# --- audit of identities ------------------------------------------------------------------------


def _audit():
    return LogEntry.objects.filter(object_pk=OBJEK_AUDIT, action=LogEntry.Action.ACCESS)


def test_ekspor_identitas_dicatat_sekali(login, admin_bkd, kasus):
    _register(login(admin_bkd))
    (entri,) = _audit()
    assert entri.actor_id == admin_bkd.user_id
    assert entri.content_type == ContentType.objects.get_for_model(Pengaduan)
    d = entri.additional_data
    assert d["jumlah_identitas"] == 5
    assert sorted(d["kode_dilindungi"]) == sorted(kasus[k].kode for k in ("anonim", "rahasia", "anonim_ke_b"))
    assert (d["mulai"], d["selesai"]) == (_periode()["mulai"], _periode()["selesai"])
    # The entry names cases, never who filed them.
    teks = str(entri.changes) + str(d) + entri.object_repr
    assert all(p.identitas.nama not in teks for p in kasus.values())


def test_tanpa_identitas_tanpa_catatan(login, admin_opd, opd_a):
    terlambat(opd=opd_a, privasi=Privasi.ANONIM)
    reg = _register(login(admin_opd))
    assert len(reg) == 1 and all(_kosong(b) for b in reg.values())
    assert not _audit().exists()


def test_identitas_boleh_q_sama_dengan_identitas_boleh(
    kasus, admin_bkd, admin_opd, petugas, petugas_opd_a, petugas_opd_b, atasan, outsider
):
    PengaduanFactory(opd=kasus["biasa"].opd, pegawai_terlapor=petugas_opd_a, privasi=Privasi.ANONIM)
    for p in (admin_bkd, admin_opd, petugas, petugas_opd_a, petugas_opd_b, atasan, outsider):
        lingkup = pengaduan_scope(p.user)
        q = identitas_boleh_q(p.user)
        boleh = set((lingkup if q is None else lingkup.filter(q)).values_list("pk", flat=True))
        assert boleh == {x.pk for x in lingkup if identitas_boleh(p.user, x)}, p.nama


# --- SLA ------------------------------------------------------------------------------------------


def test_sla_per_unit_dan_petugas(login, admin_bkd, kasus, bidang_a, atasan, rekan):
    PengaduanFactory(
        opd=bidang_a.opd,
        diterima_pada=timezone.now() - dt.timedelta(days=1),
        status=S.SELESAI,
        selesai_pada=timezone.now(),
        hari_kerja_selesai=2,
        unit_tujuan=bidang_a,
        pegawai_terlapor=rekan,
        terbukti=True,
    )
    resp = login(admin_bkd).get(SLA_URL, _periode())
    wb = _lembar(resp).parent
    assert wb.sheetnames == ["Per unit", "Per penanggung jawab", "Keterangan"]
    unit = {b[0]: b for b in wb["Per unit"].iter_rows(min_row=2, values_only=True)}
    # bidang_a: biasa (on time), anonim (open, overdue), rahasia (not due), the extra one (on time, no deadline).
    b = unit[bidang_a.nama]
    diterima, selesai, tepat, lewat, diukur, persen, median = b[2], b[7], b[8], b[9], b[10], b[11], b[12]
    assert (diterima, selesai, tepat, lewat, diukur) == (4, 2, 2, 1, 3)
    assert persen == pytest.approx(66.67) and median == pytest.approx(1.5)
    petugas = {b[1]: b for b in wb["Per penanggung jawab"].iter_rows(min_row=2, values_only=True)}
    assert petugas[atasan.nama][0] == atasan.nip
    assert petugas[rekan.nama][2 + 1] == 0 and petugas[rekan.nama][-1] == 1  # handled none; 1 substantiated
    ket = [b[0] for b in wb["Keterangan"].iter_rows(values_only=True)]
    assert "% tepat waktu" in ket and "Periode" in ket


# --- access, bad input, query counts, background ---------------------------------------------------


@pytest.mark.parametrize("url", [REGISTER_URL, SLA_URL])
@pytest.mark.parametrize("pengguna", ["pegawai", "atasan", "outsider"])
def test_peran_lain_ditolak(login, request, pengguna, url, kasus):
    assert login(request.getfixturevalue(pengguna)).get(url).status_code == 403
    assert not _audit().exists()


@pytest.mark.parametrize("url", [REGISTER_URL, SLA_URL])
def test_metode_dan_anonim(client, login, admin_bkd, url):
    assert client.get(url).status_code == 302
    assert login(admin_bkd).post(url).status_code == 405


@pytest.mark.parametrize("url", [REGISTER_URL, SLA_URL])
@pytest.mark.parametrize(
    "param", [{"tahun": "dua ribu"}, {"mulai": "2026-13-01", "selesai": "2026-12-01"}, {"opd": "0"}]
)
def test_filter_rusak_kembali_ke_dasbor(login, admin_bkd, url, param):
    resp = login(admin_bkd).get(url, param)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("pengaduan:dasbor") + "?")
    pesan = [str(m) for m in login(admin_bkd).get(resp["Location"]).context["messages"]]
    assert PESAN_FILTER_EKSPOR in pesan


def test_admin_opd_tidak_dapat_mengekspor_opd_lain(login, admin_opd, kasus, opd_b):
    resp = login(admin_opd).get(REGISTER_URL, {**_periode(), "opd": opd_b.pk})
    assert resp.status_code == 302
    assert not Ekspor.objects.exists()


def _isi(n, opd_a, bidang_a, atasan):
    for i in range(n):
        privasi = [Privasi.BIASA, Privasi.ANONIM, Privasi.RAHASIA][i % 3]
        [selesai_tepat, terlambat, berjalan][i % 3](
            opd=opd_a, unit_tujuan=bidang_a, petugas_tindak=atasan, privasi=privasi
        )


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_register_tetap(n, login, admin_bkd, opd_a, bidang_a, atasan, django_assert_num_queries):
    _isi(n, opd_a, bidang_a, atasan)
    klien = login(admin_bkd)
    ContentType.objects.clear_cache()
    # session, user, akses (2), "more than EKSPOR_LATAR_MIN_BARIS?", the rows, the content
    # type and the audit entry.
    with django_assert_num_queries(8):
        reg = _register(klien)
    assert len(reg) == n and _audit().get().additional_data["jumlah_identitas"] == n


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_sla_tetap(n, login, admin_bkd, opd_a, bidang_a, atasan, django_assert_num_queries):
    _isi(n, opd_a, bidang_a, atasan)
    klien = login(admin_bkd)
    # session, user, akses (2), per unit (3), per officer (4).
    with django_assert_num_queries(11):
        _lembar(klien.get(SLA_URL, _periode()))


def test_register_besar_di_latar_belakang(login, admin_opd, kasus, settings, django_capture_on_commit_callbacks):
    settings.EKSPOR_LATAR_MIN_BARIS = 2
    with django_capture_on_commit_callbacks(execute=True):
        resp = login(admin_opd).get(REGISTER_URL, _periode())
    assert resp.status_code == 302 and resp["Location"] == reverse("unduhan:ekspor-list")
    ekspor = Ekspor.objects.get()
    assert (ekspor.jenis, ekspor.status, ekspor.pemilik_id) == (REGISTER, Ekspor.Status.SELESAI, admin_opd.user_id)
    assert ekspor.parameter == _periode()
    ws = load_workbook(ekspor.berkas.open("rb")).worksheets[0]
    baris = {b[0]: dict(zip(JUDUL, b, strict=True)) for b in ws.iter_rows(min_row=2, values_only=True)}
    # The same rows and blanks as in the request: no rahasia case, no anonim identity.
    assert set(baris) == {kasus[k].kode for k in ("biasa", "anonim", "anonim_ke_b")}
    assert _kosong(baris[kasus["anonim"].kode]) and not _kosong(baris[kasus["biasa"].kode])
    assert _audit().get().actor_id == admin_opd.user_id
