"""Development pages: the catalogue, plans, one employee's development page and the 20-JP
compliance list with its export. Happy paths, access (404 outside scope, 403 wrong role, 405
wrong method), bad input (a message, nothing saved) and pinned query counts at two sizes."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kompetensi.models import (
    HasilKompetensi,
    PesertaPenilaian,
    ProgramPengembangan,
    RencanaPengembangan,
)
from kompetensi.tests.factories import (
    KompetensiFactory,
    ProgramKompetensiFactory,
    ProgramPengembanganFactory,
    PutaranPenilaianFactory,
    RencanaPengembanganFactory,
)
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
TAHUN = HARI_INI.year

PROGRAM_LIST = reverse("kompetensi:program-list")
PROGRAM_CREATE = reverse("kompetensi:program-create")
RENCANA_LIST = reverse("kompetensi:rencana-list")
RENCANA_CREATE = reverse("kompetensi:rencana-create")
JP_LIST = reverse("kompetensi:jp-list")
JP_EXPORT = reverse("kompetensi:jp-export")


def _url(nama, pk):
    return reverse(f"kompetensi:{nama}", args=[pk])


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


@pytest.fixture
def komunikasi(db):
    return KompetensiFactory(nama="Komunikasi")


@pytest.fixture
def program(komunikasi):
    program = ProgramPengembanganFactory(nama="Coaching Komunikasi Efektif", jenis="coaching", jp=8)
    ProgramKompetensiFactory(program=program, kompetensi=komunikasi, level_target=2)
    return program


def _peserta_dengan_gap(pegawai, kompetensi, standar=2, capaian=1):
    peserta = PesertaPenilaian.objects.create(
        putaran=PutaranPenilaianFactory(nama="Penilaian Kompetensi 2026"),
        pegawai=pegawai,
        jabatan=pegawai.jabatan,
        unit=pegawai.unit,
        opd=pegawai.unit.opd,
        atasan=pegawai.atasan,
    )
    hasil = HasilKompetensi.objects.create(
        peserta=peserta, kompetensi=kompetensi, standar=standar, capaian=capaian, gap=capaian - standar
    )
    return peserta, hasil


# --- catalogue --------------------------------------------------------------------------------


def test_katalog_untuk_semua_yang_masuk_nonaktif_hanya_bkd(login, pegawai, admin_bkd, program):
    nonaktif = ProgramPengembanganFactory(nama="Program Lama", aktif=False)
    r = login(pegawai).get(PROGRAM_LIST)
    assert r.status_code == 200
    assert list(r.context["page_obj"]) == [program]
    assert "Komunikasi" in r.content.decode() and "Tambah program" not in r.content.decode()
    assert login(pegawai).get(_url("program-detail", nonaktif.pk)).status_code == 404
    r = login(admin_bkd).get(PROGRAM_LIST)
    assert set(r.context["page_obj"]) == {program, nonaktif}
    r = login(admin_bkd).get(PROGRAM_LIST, {"aktif": "0"})
    assert list(r.context["page_obj"]) == [nonaktif]


def test_katalog_difilter_jenis_kompetensi_dan_teks(login, pegawai, program, komunikasi):
    lain = ProgramPengembanganFactory(nama="Kursus Keuangan", jenis="kursus", penyelenggara="BPKAD")
    ProgramKompetensiFactory(program=lain)
    c = login(pegawai)
    assert list(c.get(PROGRAM_LIST, {"jenis": "kursus"}).context["page_obj"]) == [lain]
    assert list(c.get(PROGRAM_LIST, {"kompetensi": komunikasi.pk}).context["page_obj"]) == [program]
    assert list(c.get(PROGRAM_LIST, {"q": "bpkad"}).context["page_obj"]) == [lain]
    r = c.get(PROGRAM_LIST, {"kompetensi": "abc", "jenis": "tidur"})
    assert r.status_code == 200 and not r.context["filter_valid"] and len(r.context["page_obj"]) == 0


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_katalog_tetap(login, pegawai, django_assert_num_queries, n):
    for _ in range(n):
        ProgramKompetensiFactory(program=ProgramPengembanganFactory())
    c = login(pegawai)
    # session, user, roles (2), kompetensi filter options, count, page, targets, nav is_atasan.
    with django_assert_num_queries(9):
        r = c.get(PROGRAM_LIST)
    assert r.context["page_obj"].paginator.count == n


def test_detail_program_menawarkan_rencana_kepada_atasan(login, pegawai, atasan, program):
    r = login(pegawai).get(_url("program-detail", program.pk))
    assert r.status_code == 200 and "Jadikan rencana" not in r.content.decode()
    r = login(atasan).get(_url("program-detail", program.pk))
    assert f"{RENCANA_CREATE}?program={program.pk}" in r.content.decode()


def _data_program(**kw):
    data = {
        "kode": "PRG-BARU",
        "nama": "E-learning Integritas ASN",
        "jenis": "e_learning",
        "jp": "4",
        "penyelenggara": "LMS ASN",
        "deskripsi": "",
        "aktif": "on",
        "sasaran-TOTAL_FORMS": "2",
        "sasaran-INITIAL_FORMS": "0",
        "sasaran-MIN_NUM_FORMS": "0",
        "sasaran-MAX_NUM_FORMS": "12",
        "sasaran-0-kompetensi": "",
        "sasaran-0-level_target": "",
        "sasaran-1-kompetensi": "",
        "sasaran-1-level_target": "",
    }
    data.update(kw)
    return data


def test_bkd_menambah_program_dengan_formset_sasaran(login, admin_bkd, komunikasi):
    c = login(admin_bkd)
    assert c.get(PROGRAM_CREATE).status_code == 200
    r = c.post(PROGRAM_CREATE, _data_program(**{"sasaran-0-kompetensi": komunikasi.pk, "sasaran-0-level_target": "2"}))
    program = ProgramPengembangan.objects.get(kode="PRG-BARU")
    assert r.status_code == 302 and r["Location"] == _url("program-detail", program.pk)
    assert list(program.sasaran.values_list("kompetensi_id", "level_target")) == [(komunikasi.pk, 2)]
    # The same form posted again: the kode is taken, nothing more is saved.
    r = c.post(PROGRAM_CREATE, _data_program(**{"sasaran-0-kompetensi": komunikasi.pk, "sasaran-0-level_target": "2"}))
    assert r.status_code == 200 and "Kode ini sudah dipakai program lain." in r.content.decode()
    assert ProgramPengembangan.objects.count() == 1


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"jp": "0"}, "JP harus berupa angka 1 sampai 500."),
        ({"jp": "abc"}, "JP harus berupa angka 1 sampai 500."),
        ({"jp": "501"}, "JP harus berupa angka 1 sampai 500."),
        (
            {"jenis": "tidur"},
            "Jenis program harus pelatihan, kursus, coaching, mentoring, e-learning, atau detasering.",
        ),
        ({"sasaran-0-kompetensi": "999999", "sasaran-0-level_target": "2"}, "Kompetensi sasaran tidak dikenal"),
        ({"sasaran-0-level_target": "9"}, "Level sasaran harus berupa angka 1 sampai 5."),
        ({}, "Program harus menyasar paling sedikit satu kompetensi."),
    ],
)
def test_tambah_program_isian_salah_tidak_menyimpan(login, admin_bkd, komunikasi, ubah, pesan):
    data = _data_program(**{"sasaran-1-kompetensi": komunikasi.pk, "sasaran-1-level_target": "3"})
    if not ubah:
        data["sasaran-1-kompetensi"] = ""
        data["sasaran-1-level_target"] = ""
    data.update(ubah)
    r = login(admin_bkd).post(PROGRAM_CREATE, data)
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert not ProgramPengembangan.objects.exists()


def test_bkd_mengubah_program_dan_formulir_ganda_ditolak(login, admin_bkd, program, komunikasi):
    kerja_sama = KompetensiFactory(nama="Kerja Sama")
    c = login(admin_bkd)
    r = c.get(_url("program-update", program.pk))
    versi = r.context["bundle"].form.initial["versi"]
    data = _data_program(
        kode=program.kode,
        nama="Coaching Komunikasi Lanjutan",
        jenis="coaching",
        jp="10",
        versi=versi,
        **{
            "sasaran-0-kompetensi": komunikasi.pk,
            "sasaran-0-level_target": "3",
            "sasaran-1-kompetensi": kerja_sama.pk,
            "sasaran-1-level_target": "2",
        },
    )
    r = c.post(_url("program-update", program.pk), data)
    assert r.status_code == 302
    program.refresh_from_db()
    assert (program.nama, program.jp) == ("Coaching Komunikasi Lanjutan", 10)
    assert dict(program.sasaran.values_list("kompetensi_id", "level_target")) == {komunikasi.pk: 3, kerja_sama.pk: 2}
    r = c.post(_url("program-update", program.pk), {**data, "nama": "Lagi"})
    assert r.status_code == 200 and "sudah diubah sejak formulir dibuka" in r.content.decode()
    program.refresh_from_db()
    assert program.nama == "Coaching Komunikasi Lanjutan"


def test_ubah_program_bukan_bkd_403(login, admin_opd, atasan, program):
    for orang in (admin_opd, atasan):
        assert login(orang).get(_url("program-update", program.pk)).status_code == 403
        assert login(orang).post(_url("program-update", program.pk), _data_program()).status_code == 403
    assert login(admin_opd).post(_url("program-deactivate", program.pk)).status_code == 403
    program.refresh_from_db()
    assert program.aktif


def test_nonaktifkan_program_hanya_post_dan_sekali(login, admin_bkd, program):
    c = login(admin_bkd)
    assert c.get(_url("program-deactivate", program.pk)).status_code == 405
    r = c.post(_url("program-deactivate", program.pk), follow=True)
    program.refresh_from_db()
    assert program.aktif is False and "dinonaktifkan" in _pesan(r)[0]
    r = c.post(_url("program-deactivate", program.pk), follow=True)
    assert _pesan(r) == ["Program ini sudah nonaktif."]
    c.post(_url("program-activate", program.pk))
    program.refresh_from_db()
    assert program.aktif is True
    assert c.post(_url("program-activate", 999999)).status_code == 404


# --- plans: create ----------------------------------------------------------------------------


def _data_rencana(**kw):
    data = {
        "program": "",
        "kompetensi": "",
        "hasil": "",
        "judul": "",
        "jenis": "",
        "tanggal_mulai": HARI_INI.isoformat(),
        "tanggal_selesai": HARI_INI.isoformat(),
        "jp_rencana": "",
        "catatan": "",
    }
    data.update(kw)
    return data


def test_jadikan_rencana_dari_rekomendasi(login, atasan, pegawai, program, komunikasi):
    _, hasil = _peserta_dengan_gap(pegawai, komunikasi)
    c = login(atasan)
    r = c.get(RENCANA_CREATE, {"pegawai": pegawai.pk, "program": program.pk, "hasil": hasil.pk})
    assert r.status_code == 200
    form = r.context["form"]
    assert (form.initial["pegawai"], form.initial["program"], form.initial["hasil"]) == (
        pegawai.pk,
        program.pk,
        hasil.pk,
    )
    assert form.initial["kompetensi"] == komunikasi.pk
    assert "menjawab gap" in r.content.decode() and "0 dari 20 JP tahun" in r.content.decode()

    r = c.post(
        RENCANA_CREATE,
        _data_rencana(pegawai=pegawai.pk, program=program.pk, hasil=hasil.pk, kompetensi=komunikasi.pk),
    )
    rencana = RencanaPengembangan.objects.get()
    assert r.status_code == 302 and r["Location"] == _url("pegawai-pengembangan", pegawai.pk)
    assert (rencana.pegawai, rencana.program, rencana.hasil, rencana.jp_rencana) == (pegawai, program, hasil, 8)
    assert rencana.judul == "Coaching Komunikasi Efektif" and rencana.dibuat_oleh == atasan.user
    # Posted twice: refused with a message, nothing more saved.
    r = c.post(
        RENCANA_CREATE,
        _data_rencana(pegawai=pegawai.pk, program=program.pk, hasil=hasil.pk, kompetensi=komunikasi.pk),
    )
    assert r.status_code == 200 and "Mungkin formulir terkirim dua kali" in r.content.decode()
    assert RencanaPengembangan.objects.count() == 1


def test_rencana_dengan_nip_untuk_kegiatan_lain(login, admin_opd, pegawai):
    r = login(admin_opd).post(
        RENCANA_CREATE,
        _data_rencana(nip=pegawai.nip, judul="Seminar Layanan Publik", jenis="kursus", jp_rencana="6"),
    )
    assert r.status_code == 302
    rencana = RencanaPengembangan.objects.get()
    assert (rencana.pegawai, rencana.program, rencana.jp_rencana) == (pegawai, None, 6)


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"jp_rencana": "0"}, "JP harus berupa angka 1 sampai 500."),
        ({"jp_rencana": "abc"}, "JP harus berupa angka 1 sampai 500."),
        ({"tanggal_selesai": "2000-01-01"}, "Tanggal selesai tidak boleh sebelum tanggal mulai."),
        ({"tanggal_mulai": "31-02-2026"}, "Tanggal tidak valid; pilih tanggal dari kalender."),
        ({"program": "999999"}, "Program pengembangan tidak dikenal atau sudah tidak aktif."),
        ({"hasil": "999999"}, "Hasil kompetensi yang dirujuk tidak dikenal."),
        ({"pegawai": "abc"}, "Pegawai tidak dikenal atau bukan pegawai yang dapat Anda rencanakan pengembangannya."),
    ],
)
def test_buat_rencana_isian_salah_tidak_menyimpan(login, atasan, pegawai, program, ubah, pesan):
    data = _data_rencana(pegawai=pegawai.pk, program=program.pk)
    data.update(ubah)
    r = login(atasan).post(RENCANA_CREATE, data)
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert not RencanaPengembangan.objects.exists()


def test_buat_rencana_pegawai_atau_program_asing(login, atasan, admin_opd, pegawai, outsider, program):
    lama = ProgramPengembanganFactory(aktif=False)
    # A foreign employee id (another OPD, or not the user's subordinate): a message, nothing saved.
    for orang, asing in ((atasan, outsider), (admin_opd, outsider), (atasan, admin_opd)):
        r = login(orang).post(RENCANA_CREATE, _data_rencana(pegawai=asing.pk, program=program.pk))
        assert r.status_code == 200
        assert "bukan pegawai yang dapat Anda rencanakan" in r.content.decode()
        r = login(orang).post(RENCANA_CREATE, _data_rencana(nip=asing.nip, program=program.pk))
        assert "Tidak ada pegawai aktif dengan NIP ini" in r.content.decode()
    r = login(atasan).post(RENCANA_CREATE, _data_rencana(pegawai=pegawai.pk, program=lama.pk))
    assert "Program pengembangan tidak dikenal atau sudah tidak aktif." in r.content.decode()
    assert not RencanaPengembangan.objects.exists()
    # Prefill links pointing outside: a warning, the form without them.
    r = login(atasan).get(RENCANA_CREATE, {"pegawai": outsider.pk, "program": lama.pk, "hasil": "x"})
    assert r.status_code == 200 and r.context["pegawai"] is None
    assert "di luar kewenangan Anda" in " ".join(_pesan(r))
    assert "sudah tidak aktif" in " ".join(_pesan(r))


def test_buat_rencana_peran_salah_403_dan_metode(login, pegawai, rekan, outsider, client):
    for orang in (pegawai, rekan, outsider):
        assert login(orang).get(RENCANA_CREATE).status_code == 403
        assert login(orang).post(RENCANA_CREATE, _data_rencana(nip=pegawai.nip)).status_code == 403
    assert not RencanaPengembangan.objects.exists()


# --- plans: reading and changing --------------------------------------------------------------


@pytest.fixture
def rencana(pegawai, program):
    return RencanaPengembanganFactory(
        pegawai=pegawai, program=program, tanggal_mulai=HARI_INI - datetime.timedelta(days=3), jp_rencana=8
    )


def test_detail_rencana_dibaca_pegawai_tanpa_tombol_ubah(login, pegawai, atasan, rekan, outsider, rencana):
    r = login(pegawai).get(_url("rencana-detail", rencana.pk))
    assert r.status_code == 200 and "Catat selesai" not in r.content.decode()
    r = login(atasan).get(_url("rencana-detail", rencana.pk))
    assert "Catat selesai" in r.content.decode()
    for orang in (rekan, outsider):
        assert login(orang).get(_url("rencana-detail", rencana.pk)).status_code == 404
    assert login(atasan).get(_url("rencana-detail", 999999)).status_code == 404


def test_catat_selesai_lewat_halaman(login, atasan, rencana):
    c = login(atasan)
    r = c.get(_url("rencana-selesai", rencana.pk))
    assert r.status_code == 200 and r.context["form"].initial["jp_realisasi"] == 8
    r = c.post(
        _url("rencana-selesai", rencana.pk),
        {"jp_realisasi": "9", "tanggal_realisasi": HARI_INI.isoformat(), "catatan": "Sertifikat"},
    )
    assert r.status_code == 302 and r["Location"] == _url("rencana-detail", rencana.pk)
    rencana.refresh_from_db()
    assert (rencana.status, rencana.jp_realisasi, rencana.tanggal_realisasi) == ("selesai", 9, HARI_INI)
    # Posted again, or cancelled afterwards: a message, nothing changes.
    r = c.post(_url("rencana-selesai", rencana.pk), {"jp_realisasi": "3", "tanggal_realisasi": HARI_INI}, follow=True)
    assert _pesan(r)[-1] == "Rencana ini sudah dicatat selesai; tidak dapat diubah lagi."
    r = c.post(_url("rencana-batal", rencana.pk), follow=True)
    assert _pesan(r) == ["Rencana ini sudah dicatat selesai; tidak dapat diubah lagi."]
    rencana.refresh_from_db()
    assert (rencana.status, rencana.jp_realisasi) == ("selesai", 9)


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"jp_realisasi": "0"}, "JP harus berupa angka 1 sampai 500."),
        ({"jp_realisasi": "abc"}, "JP harus berupa angka 1 sampai 500."),
        ({"tanggal_realisasi": (HARI_INI + datetime.timedelta(days=1)).isoformat()}, "tidak boleh di masa depan"),
        ({"tanggal_realisasi": (HARI_INI - datetime.timedelta(days=30)).isoformat()}, "sebelum tanggal mulai rencana"),
        ({"tanggal_realisasi": ""}, "Tanggal selesai dilaksanakan wajib diisi."),
    ],
)
def test_catat_selesai_isian_salah(login, atasan, rencana, data, pesan):
    isian = {"jp_realisasi": "8", "tanggal_realisasi": HARI_INI.isoformat(), **data}
    r = login(atasan).post(_url("rencana-selesai", rencana.pk), isian)
    assert r.status_code == 200 and pesan in r.content.decode()
    rencana.refresh_from_db()
    assert rencana.status == "direncanakan" and rencana.jp_realisasi is None


def test_batal_lalu_catat_selesai_ditolak(login, atasan, rencana):
    c = login(atasan)
    assert c.get(_url("rencana-batal", rencana.pk)).status_code == 200
    r = c.post(_url("rencana-batal", rencana.pk), {"alasan": "Pindah tugas"})
    assert r.status_code == 302
    rencana.refresh_from_db()
    assert rencana.status == "batal" and "Pindah tugas" in rencana.catatan
    r = c.post(_url("rencana-selesai", rencana.pk), {"jp_realisasi": "8", "tanggal_realisasi": HARI_INI}, follow=True)
    assert _pesan(r)[-1] == "Rencana ini sudah dibatalkan; tidak dapat diubah atau dicatat selesai."
    rencana.refresh_from_db()
    assert rencana.status == "batal" and rencana.jp_realisasi is None


def test_ubah_rencana_dan_tanggal_terbalik(login, admin_opd, rencana):
    c = login(admin_opd)
    data = {
        "judul": "Coaching Komunikasi (jadwal baru)",
        "jenis": "coaching",
        "tanggal_mulai": HARI_INI.isoformat(),
        "tanggal_selesai": (HARI_INI - datetime.timedelta(days=1)).isoformat(),
        "jp_rencana": "8",
    }
    r = c.post(_url("rencana-update", rencana.pk), data)
    assert r.status_code == 200 and "Tanggal selesai tidak boleh sebelum tanggal mulai." in r.content.decode()
    rencana.refresh_from_db()
    assert rencana.judul != data["judul"]
    data["tanggal_selesai"] = HARI_INI.isoformat()
    assert c.post(_url("rencana-update", rencana.pk), data).status_code == 302
    rencana.refresh_from_db()
    assert (rencana.judul, rencana.tanggal_mulai) == (data["judul"], HARI_INI)


def test_ubah_rencana_akses(login, pegawai, rekan, outsider, admin_opd, rencana):
    for nama in ("rencana-update", "rencana-selesai", "rencana-batal"):
        assert login(pegawai).get(_url(nama, rencana.pk)).status_code == 403
        assert login(pegawai).post(_url(nama, rencana.pk), {"alasan": "x"}).status_code == 403
        for orang in (rekan, outsider):
            assert login(orang).post(_url(nama, rencana.pk), {"alasan": "x"}).status_code == 404
        assert login(admin_opd).put(_url(nama, rencana.pk)).status_code == 405
    lain = RencanaPengembanganFactory(pegawai=outsider)
    assert login(admin_opd).post(_url("rencana-batal", lain.pk)).status_code == 404
    rencana.refresh_from_db()
    lain.refresh_from_db()
    assert rencana.status == lain.status == "direncanakan"


def test_daftar_rencana_sesuai_lingkup_dan_filter(login, pegawai, rekan, atasan, outsider, admin_bkd, program):
    milik = RencanaPengembanganFactory(pegawai=pegawai, program=program)
    rekan_r = RencanaPengembanganFactory(pegawai=rekan, status="batal")
    luar = RencanaPengembanganFactory(pegawai=outsider, tanggal_mulai=datetime.date(2020, 5, 1))
    assert list(login(pegawai).get(RENCANA_LIST).context["page_obj"]) == [milik]
    assert set(login(atasan).get(RENCANA_LIST).context["page_obj"]) == {milik, rekan_r}
    c = login(admin_bkd)
    assert set(c.get(RENCANA_LIST).context["page_obj"]) == {milik, rekan_r, luar}
    assert list(c.get(RENCANA_LIST, {"status": "batal"}).context["page_obj"]) == [rekan_r]
    assert list(c.get(RENCANA_LIST, {"tahun": "2020"}).context["page_obj"]) == [luar]
    assert list(c.get(RENCANA_LIST, {"q": outsider.nip[:8]}).context["page_obj"]) == [luar]
    r = c.get(RENCANA_LIST, {"tahun": "abc"})
    assert r.status_code == 200 and not r.context["filter_valid"]


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_daftar_rencana_tetap(login, admin_opd, atasan, django_assert_num_queries, n):
    for _ in range(n):
        RencanaPengembanganFactory(pegawai=PegawaiFactory(unit=atasan.unit, atasan=atasan))
    c = login(admin_opd)
    # session, user, roles (2), count, page, nav is_atasan.
    with django_assert_num_queries(7):
        r = c.get(RENCANA_LIST)
    assert r.context["page_obj"].paginator.count == n


# --- one employee's development page ----------------------------------------------------------


def test_halaman_pengembangan_pegawai(login, pegawai, atasan, rekan, outsider, admin_opd, program, komunikasi):
    _peserta_dengan_gap(pegawai, komunikasi)
    RencanaPengembanganFactory(
        pegawai=pegawai, status="selesai", jp_realisasi=12, tanggal_realisasi=HARI_INI, tanggal_mulai=HARI_INI
    )
    url = _url("pegawai-pengembangan", pegawai.pk)
    r = login(pegawai).get(url)
    html = r.content.decode()
    assert r.status_code == 200 and "Pengembangan Kompetensi Saya" in html
    assert f"12 dari 20 JP tahun {TAHUN}" in html
    assert "Coaching Komunikasi Efektif" in html and "Jadikan rencana" not in html
    r = login(atasan).get(url)
    assert "Jadikan rencana" in r.content.decode()
    for orang in (rekan, outsider):
        assert login(orang).get(url).status_code == 404
    assert login(admin_opd).get(_url("pegawai-pengembangan", outsider.pk)).status_code == 404


@pytest.mark.parametrize("n", [2, 10])
def test_jumlah_query_halaman_pengembangan_tetap(login, atasan, pegawai, django_assert_num_queries, n):
    peserta, _ = _peserta_dengan_gap(pegawai, KompetensiFactory())
    for _ in range(n):
        k = KompetensiFactory()
        HasilKompetensi.objects.create(peserta=peserta, kompetensi=k, standar=3, capaian=1, gap=-2)
        ProgramKompetensiFactory(kompetensi=k, level_target=3)
        RencanaPengembanganFactory(pegawai=pegawai)
    c = login(atasan)
    # session, user, roles (2), pegawai, latest round, gaps, programmes, open plans, may plan,
    # plans, hours, nav is_atasan.
    with django_assert_num_queries(13):
        r = c.get(_url("pegawai-pengembangan", pegawai.pk))
    assert len(r.context["rekomendasi"]) == n + 1


# --- 20-JP compliance -------------------------------------------------------------------------


def _selesai(p, jp, tanggal=HARI_INI):
    return RencanaPengembanganFactory(
        pegawai=p, status="selesai", jp_realisasi=jp, tanggal_realisasi=tanggal, tanggal_mulai=tanggal
    )


def test_daftar_kepatuhan_jp(login, admin_opd, pegawai, rekan, atasan, outsider):
    pppk = PegawaiFactory(unit=pegawai.unit, atasan=atasan, status_kepegawaian="pppk", golongan="IX")
    _selesai(pegawai, 20)
    _selesai(rekan, 12)
    _selesai(rekan, 30, datetime.date(TAHUN - 1, 12, 31))  # last year's
    RencanaPengembanganFactory(pegawai=rekan, jp_rencana=8)
    _selesai(outsider, 40)
    c = login(admin_opd)
    r = c.get(JP_LIST)
    assert r.status_code == 200
    baris = {p.pk: (p.jp_selesai, p.jp_direncanakan) for p in r.context["page_obj"]}
    assert baris[pegawai.pk] == (20, 0) and baris[rekan.pk] == (12, 8) and baris[pppk.pk] == (0, 0)
    assert outsider.pk not in baris
    ringkasan = r.context["ringkasan"]
    assert (ringkasan.jumlah, ringkasan.memenuhi) == (len(baris), 1)
    html = r.content.decode()
    assert "PPPK" in html and "PP 11/2017" in html and f"Kepatuhan 20 JP Tahun {TAHUN}" in html

    r = c.get(JP_LIST, {"kurang": "on"})
    assert pegawai.pk not in {p.pk for p in r.context["page_obj"]}
    assert r.context["ringkasan"].memenuhi == 1  # the summary ignores "only those short"
    r = c.get(JP_LIST, {"tahun": TAHUN - 1, "q": rekan.nama})
    assert [(p.pk, p.jp_selesai) for p in r.context["page_obj"]] == [(rekan.pk, 30)]
    r = c.get(JP_LIST, {"unit": pegawai.unit_id})
    assert {p.unit_id for p in r.context["page_obj"]} == {pegawai.unit_id}
    r = c.get(JP_LIST, {"tahun": "dua ribu"})
    assert r.status_code == 200 and not r.context["filter_valid"] and r.context["ringkasan"] is None


def test_kepatuhan_jp_atasan_hanya_timnya_dan_peran_lain_403(login, atasan, pegawai, rekan, outsider, admin_opd):
    r = login(atasan).get(JP_LIST)
    assert {p.pk for p in r.context["page_obj"]} == {pegawai.pk, rekan.pk}
    for orang in (pegawai, outsider):
        assert login(orang).get(JP_LIST).status_code == 403
        assert login(orang).get(JP_EXPORT).status_code == 403
    assert login(admin_opd).post(JP_LIST).status_code == 405


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_kepatuhan_jp_tetap(login, admin_opd, atasan, django_assert_num_queries, n):
    for _ in range(n):
        _selesai(PegawaiFactory(unit=atasan.unit, atasan=atasan), 6)
    c = login(admin_opd)
    # session, user, roles (2), unit filter options, count, page, summary, nav is_atasan.
    with django_assert_num_queries(9):
        r = c.get(JP_LIST)
    assert r.context["page_obj"].paginator.count == n + 3  # and atasan, kepala_opd, admin_opd


def _baris_export(resp) -> list[tuple]:
    wb = load_workbook(BytesIO(resp.content), read_only=True)
    return list(wb.worksheets[0].iter_rows(values_only=True))


def test_export_kepatuhan_jp(login, admin_opd, pegawai, rekan):
    _selesai(pegawai, 24)
    RencanaPengembanganFactory(pegawai=rekan, jp_rencana=8)
    r = login(admin_opd).get(JP_EXPORT, {"kurang": "on"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"kepatuhan-20jp-{TAHUN}" in r["Content-Disposition"]
    baris = _baris_export(r)
    assert baris[0][:2] == ("NIP", "Nama Lengkap")
    data = {b[0]: b for b in baris[1:]}
    assert pegawai.nip not in data  # reached 20 JP, filtered out
    assert data[rekan.nip][7:] == (TAHUN, 0, 8, 20, "Tidak")
    r = login(admin_opd).get(JP_EXPORT, {"tahun": "x"})
    assert r.status_code == 302 and r["Location"].startswith(JP_LIST)


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_export_jp_tetap(login, admin_opd, atasan, django_assert_num_queries, n):
    for _ in range(n):
        _selesai(PegawaiFactory(unit=atasan.unit, atasan=atasan), 6)
    c = login(admin_opd)
    with django_assert_num_queries(5):  # session, user, roles (2), the rows
        r = c.get(JP_EXPORT)
    assert len(_baris_export(r)) == 1 + n + 3
