"""The round pages: list, open, monitor, export, change deadlines, recompute and close."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kompetensi.forms.putaran import (
    PESAN_BATAS_REKAN_KOSONG,
    PESAN_FORM_RUSAK,
    PESAN_SATU_OPD,
    PESAN_TANGGAL,
    PESAN_UNIT_TIDAK_TERSEDIA,
    PESAN_UNIT_TIDAK_VALID,
)
from kompetensi.models import (
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    PutaranPenilaian,
)
from kompetensi.services.putaran import (
    PESAN_BATAS_LALU,
    PESAN_BATAS_URUT,
    PESAN_PERIODE,
    PESAN_SUDAH_DITUTUP,
    PESAN_TANPA_PESERTA,
    putaran_tutup,
)
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory, putaran_buka_uji
from pegawai.models import PeranPengguna, UnitKerja
from pegawai.tests.factories import PegawaiFactory, PeranFactory, UnitKerjaFactory

HARI_INI = timezone.localdate()
HARI = datetime.timedelta(days=1)
DAFTAR = reverse("kompetensi:putaran-list")
BARU = reverse("kompetensi:putaran-create")


def _url(nama, putaran):
    return reverse(f"kompetensi:putaran-{nama}", args=[putaran.pk])


def _buka(actor, unit, **kw):
    return putaran_buka_uji(actor, unit, **kw).putaran


@pytest.fixture
def standar(jabatan_staf, jabatan_kabid):
    komp = [KompetensiFactory() for _ in range(2)]
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=komp[0], level=3)
    StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=komp[1], level=2)
    StandarKompetensiJabatanFactory(jabatan=jabatan_kabid, kompetensi=komp[0], level=3)
    return komp


def _pesan(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _penilaian(peserta, jenis, status, levels=None):
    penilai = peserta.pegawai if jenis == "diri" else peserta.atasan
    pen = PenilaianKompetensi.objects.create(peserta=peserta, jenis=jenis, penilai=penilai, status=status)
    for hasil, level in zip(peserta.hasil.order_by("kompetensi_id"), levels or [], strict=False):
        NilaiKompetensi.objects.create(penilaian=pen, kompetensi_id=hasil.kompetensi_id, level=level)
    return pen


def _rekan(peserta, jumlah, terkirim, actor, awalan="Penilai Rahasia"):
    penilai = []
    for i in range(jumlah):
        p = PegawaiFactory(unit=peserta.unit, nama=f"{awalan} {peserta.pk}-{i}")
        status = PenugasanRekan.Status.TERKIRIM if i < terkirim else PenugasanRekan.Status.DITUGASKAN
        PenugasanRekan.objects.create(peserta=peserta, penilai=p, status=status, ditugaskan_oleh=actor)
        penilai.append(p)
    return penilai


def _banyak_peserta(unit, jabatan, atasan, n):
    return [PegawaiFactory(unit=unit, jabatan=jabatan, atasan=atasan) for _ in range(n)]


# --- list -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_daftar_admin_opd_terbaru_dulu_dengan_hitungan_peserta_opd_sendiri(
    login, admin_bkd, admin_opd, opd_a, opd_b, bidang_a, pegawai, rekan, atasan, outsider, standar
):
    lama = _buka(admin_bkd.user, [bidang_a], nama="Putaran Lama")
    putaran_tutup(actor=admin_bkd.user, putaran=lama)
    _buka(admin_bkd.user, [opd_b], nama="Putaran Dinkes Saja")
    pemda = _buka(admin_bkd.user, [opd_a, opd_b], nama="Putaran Pemda")  # the outsider is skipped
    _penilaian(pemda.peserta.get(pegawai=pegawai), "diri", PenilaianKompetensi.Status.TERKIRIM)
    _penilaian(pemda.peserta.get(pegawai=rekan), "diri", PenilaianKompetensi.Status.DRAFT)
    _penilaian(pemda.peserta.get(pegawai=rekan), "atasan", PenilaianKompetensi.Status.TERKIRIM)

    response = login(admin_opd).get(DAFTAR)
    assert response.status_code == 200
    daftar = list(response.context["page_obj"])
    assert [p.nama for p in daftar] == ["Putaran Pemda", "Putaran Lama"]
    # pegawai, rekan, atasan and admin_opd of OPD A.
    assert [(p.jumlah_peserta, p.diri_terkirim, p.atasan_terkirim) for p in daftar] == [(4, 1, 1), (3, 0, 0)]
    html = response.content.decode()
    assert "Putaran Dinkes Saja" not in html
    assert "sisa 7 hari" in html and "Seluruh Pemda" in html and "Ditutup" in html
    assert BARU in html

    semua = login(admin_bkd).get(DAFTAR).context["page_obj"]
    assert [(p.nama, p.jumlah_peserta) for p in semua] == [
        ("Putaran Pemda", 4),
        ("Putaran Dinkes Saja", 1),
        ("Putaran Lama", 3),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 12])
def test_jumlah_query_daftar_tetap(
    login, admin_bkd, admin_opd, pemda, jabatan_staf, standar, django_assert_num_queries, n
):
    for i in range(n):
        opd = UnitKerjaFactory(jenis=UnitKerja.Jenis.OPD, induk=pemda, nama=f"Dinas {i}")
        _banyak_peserta(opd, jabatan_staf, None, 2)
        _buka(admin_bkd.user, [opd], nama=f"Putaran {i}")
    klien = login(admin_bkd)
    # session, user, roles (2), count, page, nav is_atasan.
    with django_assert_num_queries(7):
        response = klien.get(DAFTAR)
    assert len(response.context["page_obj"]) == n
    assert all(p.jumlah_peserta == 2 for p in response.context["page_obj"])


# --- opening ----------------------------------------------------------------------------------


def _data(unit, /, formulir="form-1", **ubah):
    data = {
        "token": formulir,
        "nama": "Penilaian Kompetensi Semester I",
        "tanggal_mulai": f"{HARI_INI.year}-01-01",
        "tanggal_selesai": f"{HARI_INI.year}-06-30",
        "unit": [str(u.pk) if hasattr(u, "pk") else str(u) for u in unit],
        "batas_diri": (HARI_INI + 7 * HARI).isoformat(),
        "batas_rekan": (HARI_INI + 10 * HARI).isoformat(),
        "batas_atasan": (HARI_INI + 14 * HARI).isoformat(),
        "rekan_aktif": "on",
        "bobot_diri": "20",
        "bobot_rekan": "30",
        "bobot_atasan": "50",
    }
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_form_buka_hanya_menawarkan_unit_opd_sendiri(login, admin_opd, opd_a, bidang_a, opd_b):
    seksi = UnitKerjaFactory(jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a, nama="Seksi Kurikulum")
    response = login(admin_opd).get(BARU)
    assert response.status_code == 200
    html = response.content.decode()
    for unit in (opd_a, bidang_a, seksi):
        assert f'value="{unit.pk}"' in html and unit.nama in html
    assert opd_b.nama not in html
    form = response.context["form"]
    assert (form["bobot_diri"].value(), form["bobot_rekan"].value(), form["bobot_atasan"].value()) == (20, 30, 50)
    assert form["token"].value()


@pytest.mark.django_db
@pytest.mark.parametrize("n", [2, 20])
def test_jumlah_query_form_buka_tetap(login, admin_bkd, pemda, django_assert_num_queries, n):
    for i in range(n):
        opd = UnitKerjaFactory(jenis=UnitKerja.Jenis.OPD, induk=pemda, nama=f"Dinas {i}")
        UnitKerjaFactory(jenis=UnitKerja.Jenis.BIDANG, induk=opd, nama=f"Bidang {i}")
    klien = login(admin_bkd)
    # session, user, roles (2), the units, nav is_atasan.
    with django_assert_num_queries(6):
        response = klien.get(BARU)
    # One block per OPD: the n made here and the BKD of admin_bkd.
    assert response.content.decode().count('" data-unit-induk') == n + 1


@pytest.mark.django_db
def test_buka_putaran_menampilkan_ringkasan_dan_yang_dilewati(
    login, admin_bkd, admin_opd, opd_a, bidang_a, pegawai, rekan, atasan, kepala_opd, standar
):
    PegawaiFactory(unit=bidang_a, nama="Tanpa Standar")  # a position without a standard
    _buka(admin_bkd.user, [bidang_a], nama="Putaran Bidang")  # pegawai, rekan, atasan
    klien = login(admin_opd)
    response = klien.post(BARU, _data([opd_a]))
    putaran = PutaranPenilaian.objects.get(nama="Penilaian Kompetensi Semester I")
    assert response.status_code == 302 and response.url == _url("detail", putaran)
    assert list(putaran.peserta.values_list("pegawai_id", flat=True)) == [admin_opd.pk]
    assert (putaran.opd_id, putaran.bobot_diri, putaran.bobot_rekan, putaran.bobot_atasan) == (opd_a.pk, 20, 30, 50)
    pesan = _pesan(response)
    assert "Putaran “Penilaian Kompetensi Semester I” dibuka dengan 1 peserta." in pesan
    assert "3 pegawai tidak diikutkan karena masih menjadi peserta putaran lain yang belum ditutup." in pesan
    # kepala_opd (JPT without a standard here) and "Tanpa Standar".
    assert (
        "2 pegawai aktif di unit terpilih tidak diikutkan karena jabatannya belum memiliki standar kompetensi. "
        "Tetapkan standarnya di halaman Standar Kompetensi Jabatan." in pesan
    )
    entri = LogEntry.objects.get_for_object(putaran).get(action=LogEntry.Action.CREATE)
    assert entri.actor == admin_opd.user


@pytest.mark.django_db
def test_tanpa_rekan_bobot_rekan_nol_ditentukan_server(login, admin_opd, opd_a, pegawai, standar):
    # The page's script disables the field; a forged POST still sends 30 for the peers.
    response = login(admin_opd).post(
        BARU, _data([opd_a], rekan_aktif=None, bobot_diri="30", bobot_rekan="30", bobot_atasan="70", batas_rekan=None)
    )
    assert response.status_code == 302
    putaran = PutaranPenilaian.objects.get()
    assert (putaran.rekan_aktif, putaran.bobot_diri, putaran.bobot_rekan, putaran.bobot_atasan) == (False, 30, 0, 70)
    assert putaran.batas_rekan == putaran.batas_atasan


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"bobot_rekan": "20"}, None, "Jumlah bobot harus 100 (sekarang 90)."),
        ({"rekan_aktif": None}, None, "Jumlah bobot harus 100 (sekarang 70)."),
        ({"bobot_diri": "abc"}, "bobot_diri", "Bobot harus bilangan bulat 0 sampai 100."),
        ({"bobot_atasan": "150"}, "bobot_atasan", "Bobot harus bilangan bulat 0 sampai 100."),
        ({"bobot_rekan": ""}, "bobot_rekan", "Bobot rekan wajib diisi bila penilaian rekan dipakai."),
        ({"batas_diri": (HARI_INI - HARI).isoformat()}, "batas_diri", PESAN_BATAS_LALU),
        ({"batas_atasan": (HARI_INI + 5 * HARI).isoformat()}, "batas_atasan", PESAN_BATAS_URUT),
        ({"batas_rekan": ""}, "batas_rekan", PESAN_BATAS_REKAN_KOSONG),
        ({"tanggal_mulai": "31-02-2025"}, "tanggal_mulai", PESAN_TANGGAL),
        ({"tanggal_selesai": "kemarin"}, "tanggal_selesai", PESAN_TANGGAL),
        ({"batas_diri": "2025-13-45"}, "batas_diri", PESAN_TANGGAL),
        ({"tanggal_selesai": f"{HARI_INI.year - 1}-12-31"}, "tanggal_selesai", PESAN_PERIODE),
        ({"unit": ["abc"]}, "unit", PESAN_UNIT_TIDAK_VALID),
        ({"unit": ["99999999999999999999999"]}, "unit", PESAN_UNIT_TIDAK_TERSEDIA),
        ({"unit": []}, "unit", "Pilih paling sedikit satu unit kerja."),
        ({"nama": " "}, "nama", "Nama putaran wajib diisi."),
        ({"token": None}, None, PESAN_FORM_RUSAK),
    ],
)
def test_isian_buruk_diberi_pesan_dan_tidak_menyimpan_apa_pun(
    login, admin_opd, opd_a, pegawai, standar, ubah, field, pesan
):
    response = login(admin_opd).post(BARU, _data([opd_a], **ubah))
    assert response.status_code == 200
    form = response.context["form"]
    galat = form.errors.get(field or "__all__", []) + (form.errors.get("token", []) if field is None else [])
    assert pesan in galat
    assert pesan in response.content.decode()
    assert not PutaranPenilaian.objects.exists()
    assert not PesertaPenilaian.objects.exists()


@pytest.mark.django_db
def test_unit_opd_lain_ditolak_untuk_admin_opd(login, admin_opd, opd_a, opd_b, outsider, standar):
    response = login(admin_opd).post(BARU, _data([opd_a, opd_b]))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [PESAN_UNIT_TIDAK_TERSEDIA]
    assert not PutaranPenilaian.objects.exists()


@pytest.mark.django_db
def test_admin_dua_opd_membuka_putaran_per_opd(login, admin_opd, opd_a, opd_b, pegawai, outsider, standar):
    PeranFactory(user=admin_opd.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=opd_b)
    klien = login(admin_opd)
    response = klien.post(BARU, _data([opd_a, opd_b]))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [PESAN_SATU_OPD]
    assert not PutaranPenilaian.objects.exists()
    response = klien.post(BARU, _data([opd_b], formulir="form-b"))
    putaran = PutaranPenilaian.objects.get()
    assert putaran.opd_id == opd_b.pk
    assert klien.get(_url("close", putaran)).status_code == 200  # theirs to manage


@pytest.mark.django_db
def test_kirim_ganda_tidak_membuka_dua_putaran(login, admin_opd, opd_a, pegawai, standar):
    klien = login(admin_opd)
    pertama = klien.post(BARU, _data([opd_a], formulir="sama"))
    putaran = PutaranPenilaian.objects.get()
    kedua = klien.post(BARU, _data([opd_a], formulir="sama"))
    assert kedua.status_code == 302 and kedua.url == pertama.url == _url("detail", putaran)
    assert "Formulir ini sudah dikirim; putaran tidak dibuka dua kali." in _pesan(kedua)
    # A new form for the same units: everyone is already in the open round.
    ketiga = klien.post(BARU, _data([opd_a], formulir="lain"))
    assert ketiga.status_code == 200
    assert ketiga.context["form"].errors["unit"] == [PESAN_TANPA_PESERTA]
    assert PutaranPenilaian.objects.count() == 1
    assert PesertaPenilaian.objects.count() == putaran.peserta.count()


# --- monitoring -------------------------------------------------------------------------------


@pytest.fixture
def ramai(admin_bkd, opd_a, opd_b, pegawai, rekan, atasan, admin_opd, outsider, standar):
    """A Pemda-wide round: pegawai self-assessed and rated by the atasan, 3 peers of 3 answered;
    rekan has a draft and 1 of 2 peers answered; the outsider (OPD B) has nothing."""
    putaran = _buka(admin_bkd.user, [opd_a, opd_b], nama="Putaran Pemda")
    p_pegawai = putaran.peserta.get(pegawai=pegawai)
    p_rekan = putaran.peserta.get(pegawai=rekan)
    _penilaian(p_pegawai, "diri", PenilaianKompetensi.Status.TERKIRIM, [3, 2])
    _penilaian(p_pegawai, "atasan", PenilaianKompetensi.Status.TERKIRIM, [3, 1])
    _penilaian(p_rekan, "diri", PenilaianKompetensi.Status.DRAFT, [2])
    penilai = _rekan(p_pegawai, 3, 3, admin_bkd.user) + _rekan(p_rekan, 2, 1, admin_bkd.user)
    return putaran, p_pegawai, p_rekan, penilai


@pytest.mark.django_db
def test_monitoring_status_per_peserta_tanpa_nama_rekan(
    login, admin_bkd, ramai, pegawai, rekan, atasan, admin_opd, outsider
):
    putaran, p_pegawai, p_rekan, penilai = ramai
    response = login(admin_bkd).get(_url("detail", putaran))
    assert response.status_code == 200
    baris = {p.pegawai_id: p for p in response.context["page_obj"]}
    assert set(baris) == {pegawai.pk, rekan.pk, atasan.pk, outsider.pk, admin_opd.pk}
    a, b = baris[pegawai.pk], baris[rekan.pk]
    assert (a.status_diri, a.status_atasan, a.rekan_ditugaskan, a.rekan_mengisi) == ("terkirim", "terkirim", 3, 3)
    assert (b.status_diri, b.status_atasan, b.rekan_ditugaskan, b.rekan_mengisi) == ("draft", "belum", 2, 1)
    html = response.content.decode()
    assert "3 dari 3 sudah mengisi" in html and "1 dari 2 sudah mengisi" in html
    assert "Atasan Bidang" in html  # the atasan's name beside the supervisor status
    for p in penilai:
        assert p.nama not in html, "nama penilai rekan tidak boleh tampil"
    ringkasan = response.context["ringkasan"]
    assert (ringkasan.total, ringkasan.diri_terkirim, ringkasan.atasan_terkirim, ringkasan.rekan_cukup) == (5, 1, 1, 1)
    assert "sisa 7 hari" in html and "sisa 14 hari" in html


@pytest.mark.django_db
def test_admin_opd_di_putaran_pemda_hanya_melihat_peserta_opdnya(login, admin_opd, ramai, outsider):
    putaran = ramai[0]
    response = login(admin_opd).get(_url("detail", putaran))
    assert response.status_code == 200
    assert outsider.pk not in {p.pegawai_id for p in response.context["page_obj"]}
    assert outsider.nama not in response.content.decode()
    assert response.context["ringkasan"].total == 4
    # Not their round to manage: no buttons to change, recompute or close.
    assert not response.context["bisa_kelola"]
    assert _url("close", putaran) not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filter_", "harapan"),
    [
        ({"belum_diri": "on"}, {"rekan", "atasan", "admin", "outsider"}),
        ({"belum_atasan": "on"}, {"rekan", "atasan", "admin", "outsider"}),
        ({"rekan_kurang": "on"}, {"rekan", "atasan", "admin", "outsider"}),
        ({"belum_diri": "on", "rekan_kurang": "on", "q": "rekan"}, {"rekan"}),
        ({"q": "Pegawai Uji"}, {"pegawai"}),
        ({"unit": "BIDANG"}, {"pegawai", "rekan", "atasan"}),
    ],
)
def test_filter_monitoring(
    login, admin_bkd, ramai, bidang_a, pegawai, rekan, atasan, admin_opd, outsider, filter_, harapan
):
    putaran = ramai[0]
    nama = {
        pegawai.pk: "pegawai",
        rekan.pk: "rekan",
        atasan.pk: "atasan",
        admin_opd.pk: "admin",
        outsider.pk: "outsider",
    }
    if filter_.get("unit") == "BIDANG":
        filter_ = {"unit": bidang_a.pk}
    response = login(admin_bkd).get(_url("detail", putaran), filter_)
    assert response.context["filter_valid"]
    assert {nama[p.pegawai_id] for p in response.context["page_obj"]} == harapan


@pytest.mark.django_db
def test_filter_nip_dan_unit_asing(login, admin_opd, ramai, pegawai, opd_b):
    putaran = ramai[0]
    klien = login(admin_opd)
    response = klien.get(_url("detail", putaran), {"q": pegawai.nip[:10]})
    assert [p.pegawai_id for p in response.context["page_obj"]] == [pegawai.pk]
    for unit in (opd_b.pk, "abc", "9" * 30):
        response = klien.get(_url("detail", putaran), {"unit": unit})
        assert response.status_code == 200
        assert not response.context["filter_valid"]
        assert len(response.context["page_obj"]) == 0
        assert "Filter tidak valid" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_monitoring_tetap(
    login, admin_opd, admin_bkd, opd_a, bidang_a, atasan, jabatan_staf, standar, django_assert_num_queries, n
):
    orang = _banyak_peserta(bidang_a, jabatan_staf, atasan, n)
    putaran = _buka(admin_bkd.user, [opd_a])
    for p in putaran.peserta.filter(pegawai__in=orang[:2]):
        _penilaian(p, "diri", PenilaianKompetensi.Status.TERKIRIM)
        _rekan(p, 1, 1, admin_bkd.user)
    klien = login(admin_opd)
    # session, user, roles (2), the round, the round's units, progress, units of the filter,
    # the chosen unit, count, page, nav is_atasan.
    with django_assert_num_queries(12):
        response = klien.get(_url("detail", putaran), {"unit": bidang_a.pk, "belum_atasan": "on"})
    assert response.context["page_obj"].paginator.count == n + 1  # with atasan


@pytest.mark.django_db
def test_batas_yang_lewat_ditandai(login, admin_bkd, opd_a, pegawai, standar):
    putaran = _buka(admin_bkd.user, [opd_a])
    PutaranPenilaian.objects.filter(pk=putaran.pk).update(batas_diri=HARI_INI - 3 * HARI)
    html = login(admin_bkd).get(_url("detail", putaran)).content.decode()
    assert "lewat" in html
    assert [t.teks for t in login(admin_bkd).get(_url("detail", putaran)).context["tenggat"]] == [
        "lewat",
        "sisa 10 hari",
        "sisa 14 hari",
    ]


# --- export -----------------------------------------------------------------------------------


def _baris_export(response):
    wb = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in wb["Monitoring"].iter_rows(values_only=True)], wb


@pytest.mark.django_db
def test_export_monitoring_siapa_belum_mengirim(login, admin_opd, ramai, pegawai, rekan, outsider):
    putaran, *_rest, penilai = ramai
    response = login(admin_opd).get(_url("export", putaran))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="monitoring-putaran-pemda-')
    baris, wb = _baris_export(response)
    kepala = baris[0]
    assert kepala[:9] == [
        "NIP",
        "Nama",
        "Unit Kerja",
        "OPD",
        "Jabatan",
        "Penilaian Diri",
        "NIP Atasan",
        "Nama Atasan",
        "Penilaian Atasan",
    ]
    per_nip = {r[0]: r for r in baris[1:]}
    assert outsider.nip not in per_nip
    assert len(per_nip) == 4
    a = per_nip[pegawai.nip]
    assert (a[5], a[8], a[9], a[10], a[11]) == ("Terkirim", "Terkirim", 3, 3, "Belum")
    b = per_nip[rekan.nip]
    assert (b[1], b[5], b[8], b[9], b[10]) == ("Rekan Sejawat", "Draf", "Belum", 2, 1)
    isi = " ".join(str(v) for r in baris for v in r) + " ".join(
        str(v) for r in wb["Ringkasan"].iter_rows(values_only=True) for v in r
    )
    for p in penilai:
        assert p.nama not in isi


@pytest.mark.django_db
def test_export_mengikuti_filter_dan_menolak_filter_rusak(login, admin_bkd, ramai, pegawai):
    putaran = ramai[0]
    klien = login(admin_bkd)
    baris, _ = _baris_export(klien.get(_url("export", putaran), {"q": "Pegawai Uji"}))
    assert [r[0] for r in baris[1:]] == [pegawai.nip]
    response = klien.get(_url("export", putaran), {"unit": "abc"})
    assert response.status_code == 302
    assert response.url.startswith(_url("detail", putaran))


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_export_tetap(
    login, admin_bkd, opd_a, bidang_a, atasan, jabatan_staf, standar, django_assert_num_queries, n
):
    _banyak_peserta(bidang_a, jabatan_staf, atasan, n)
    putaran = _buka(admin_bkd.user, [opd_a])
    klien = login(admin_bkd)
    # session, user, the user's pegawai and roles, the round, progress, the rows.
    with django_assert_num_queries(7):
        response = klien.get(_url("export", putaran))
    baris, _ = _baris_export(response)
    assert len(baris) == 1 + n + 1


# --- changing deadlines -----------------------------------------------------------------------


@pytest.mark.django_db
def test_ubah_batas_lewat_halaman(login, admin_opd, opd_a, pegawai, standar):
    putaran = _buka(admin_opd.user, [opd_a])
    klien = login(admin_opd)
    assert klien.get(_url("update", putaran)).status_code == 200
    baru = {
        "nama": "Putaran Diperpanjang",
        "batas_diri": (HARI_INI + 8 * HARI).isoformat(),
        "batas_rekan": (HARI_INI + 12 * HARI).isoformat(),
        "batas_atasan": (HARI_INI + 20 * HARI).isoformat(),
    }
    response = klien.post(_url("update", putaran), baru)
    assert response.status_code == 302 and response.url == _url("detail", putaran)
    putaran.refresh_from_db()
    assert (putaran.nama, putaran.batas_diri, putaran.batas_rekan, putaran.batas_atasan) == (
        "Putaran Diperpanjang",
        HARI_INI + 8 * HARI,
        HARI_INI + 12 * HARI,
        HARI_INI + 20 * HARI,
    )
    entri = LogEntry.objects.get_for_object(putaran).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entri.actor == admin_opd.user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"batas_diri": (HARI_INI - HARI).isoformat()}, "batas_diri", PESAN_BATAS_LALU),
        ({"batas_atasan": (HARI_INI + 2 * HARI).isoformat()}, "batas_atasan", PESAN_BATAS_URUT),
        ({"batas_rekan": "bukan tanggal"}, "batas_rekan", PESAN_TANGGAL),
        ({"nama": ""}, "nama", "Nama putaran wajib diisi."),
    ],
)
def test_ubah_batas_isian_buruk(login, admin_bkd, opd_a, pegawai, standar, ubah, field, pesan):
    putaran = _buka(admin_bkd.user, [opd_a])
    data = {
        "nama": putaran.nama,
        "batas_diri": putaran.batas_diri.isoformat(),
        "batas_rekan": putaran.batas_rekan.isoformat(),
        "batas_atasan": putaran.batas_atasan.isoformat(),
        **ubah,
    }
    response = login(admin_bkd).post(_url("update", putaran), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [pesan]
    sebelum = (putaran.nama, putaran.batas_diri, putaran.batas_rekan, putaran.batas_atasan)
    putaran.refresh_from_db()
    assert (putaran.nama, putaran.batas_diri, putaran.batas_rekan, putaran.batas_atasan) == sebelum


@pytest.mark.django_db
def test_ubah_dan_tutup_hanya_oleh_pengelola(login, admin_opd, ramai):
    putaran = ramai[0]  # Pemda-wide: Admin BKD manages it, Admin OPD only looks
    klien = login(admin_opd)
    for nama in ("update", "close"):
        assert klien.get(_url(nama, putaran)).status_code == 403
        assert klien.post(_url(nama, putaran), {"nama": "Dibajak"}).status_code == 403
    assert klien.post(_url("hitung", putaran)).status_code == 403
    putaran.refresh_from_db()
    assert (putaran.nama, putaran.status) == ("Putaran Pemda", PutaranPenilaian.Status.DIBUKA)


# --- closing and recomputing ------------------------------------------------------------------


@pytest.mark.django_db
def test_tutup_konfirmasi_lalu_membekukan(login, admin_bkd, ramai, pegawai):
    putaran, p_pegawai, *_ = ramai
    klien = login(admin_bkd)
    halaman = klien.get(_url("close", putaran))
    assert halaman.status_code == 200
    html = halaman.content.decode()
    assert "tidak dapat dibatalkan" in html and "dibekukan" in html

    response = klien.post(_url("close", putaran))
    assert response.status_code == 302 and response.url == _url("detail", putaran)
    assert "Putaran “Putaran Pemda” ditutup. Hasilnya kini tetap dan tidak berubah lagi." in _pesan(response)
    putaran.refresh_from_db()
    assert putaran.status == PutaranPenilaian.Status.DITUTUP and putaran.ditutup_oleh == admin_bkd.user
    assert set(putaran.peserta.values_list("rekan_dibuka", flat=True)) == {True}
    p_pegawai.refresh_from_db()
    assert p_pegawai.jpm is not None

    # Closed: a second close, a recompute, a change of deadlines all say so and change nothing.
    kedua = klien.post(_url("close", putaran))
    assert PESAN_SUDAH_DITUTUP in _pesan(kedua)
    assert "Putaran ini sudah ditutup." in _pesan(klien.get(_url("close", putaran)))
    assert PESAN_SUDAH_DITUTUP in _pesan(klien.post(_url("hitung", putaran)))
    ubah = klien.post(_url("update", putaran), {"nama": "Sesudah tutup"})
    assert ubah.status_code == 302
    assert "Putaran ini sudah ditutup; batas waktu dan hasilnya tidak dapat diubah lagi." in _pesan(ubah)
    assert klien.get(_url("update", putaran)).status_code == 302
    putaran.refresh_from_db()
    assert putaran.nama == "Putaran Pemda"
    detail = klien.get(_url("detail", putaran)).content.decode()
    assert _url("close", putaran) not in detail and _url("hitung", putaran) not in detail


@pytest.mark.django_db
def test_hitung_ulang_menjalankan_tugas(login, admin_opd, opd_a, pegawai, standar, django_capture_on_commit_callbacks):
    putaran = _buka(admin_opd.user, [opd_a])
    peserta = putaran.peserta.get(pegawai=pegawai)
    _penilaian(peserta, "diri", PenilaianKompetensi.Status.TERKIRIM, [3, 2])
    klien = login(admin_opd)
    assert klien.get(_url("hitung", putaran)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = klien.post(_url("hitung", putaran))
    assert response.status_code == 302 and response.url == _url("detail", putaran)
    assert len(callbacks) == 1
    assert "Penghitungan ulang hasil dijalankan; hasil diperbarui dalam beberapa saat." in _pesan(response)
    peserta.refresh_from_db()
    assert peserta.jpm == 100
    assert peserta.get_kategori_display() == "Optimal"
