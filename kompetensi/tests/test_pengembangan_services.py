"""Development services: the programme catalogue, the shipped programmes, development plans and
their completion, including every failure path (exact messages, nothing saved)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kompetensi.models import Kompetensi, ProgramKompetensi, ProgramPengembangan, RencanaPengembangan
from kompetensi.seed.program import PROGRAM_SEED
from kompetensi.services import kompetensi_seed_load
from kompetensi.services import pengembangan as svc
from kompetensi.services.pengembangan import SasaranData
from kompetensi.tests.factories import (
    KompetensiFactory,
    ProgramKompetensiFactory,
    ProgramPengembanganFactory,
    PutaranPenilaianFactory,
    RencanaPengembanganFactory,
)
from pegawai.tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - datetime.timedelta(days=1)
BESOK = HARI_INI + datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def _pesan(exc: pytest.ExceptionInfo, kunci: str | None = None) -> list[str]:
    err = exc.value
    if kunci is None:
        return err.messages
    return err.message_dict[kunci]


def _program(actor, **kw):
    k = kw.pop("kompetensi", None) or KompetensiFactory()
    data = dict(
        program=None,
        kode="PRG-UJI",
        nama="Pelatihan Uji",
        jenis="pelatihan",
        jp=16,
        sasaran=[SasaranData(kompetensi_id=k.pk, level_target=3)],
    )
    data.update(kw)
    return svc.program_simpan(actor=actor, **data)


# --- catalogue --------------------------------------------------------------------------------


def test_program_dibuat_dengan_sasaran_dan_tercatat_di_audit(admin_bkd):
    k1, k2 = KompetensiFactory(), KompetensiFactory()
    program = _program(
        admin_bkd.user,
        kode=" PRG-KOM ",
        penyelenggara="BPSDM",
        sasaran=[SasaranData(k1.pk, 2), SasaranData(k2.pk, 4)],
    )
    assert program.kode == "PRG-KOM" and program.jp == 16 and program.aktif
    assert dict(program.sasaran.values_list("kompetensi_id", "level_target")) == {k1.pk: 2, k2.pk: 4}
    assert LogEntry.objects.get_for_object(program).count() == 1
    assert LogEntry.objects.filter(content_type__model="programkompetensi").count() == 2


def test_program_hanya_admin_bkd(admin_opd, pegawai):
    for orang in (admin_opd, pegawai):
        with pytest.raises(PermissionDenied):
            _program(orang.user)
    assert not ProgramPengembangan.objects.exists()


@pytest.mark.parametrize("jp", [0, 501, "abc", "", None, True, -1])
def test_program_jp_di_luar_1_sampai_500_ditolak(admin_bkd, jp):
    with pytest.raises(ValidationError) as exc:
        _program(admin_bkd.user, jp=jp)
    assert _pesan(exc, "jp") == ["JP harus berupa angka 1 sampai 500."]
    assert not ProgramPengembangan.objects.exists()


def test_program_jp_batas_1_dan_500_diterima(admin_bkd):
    assert _program(admin_bkd.user, kode="A", jp=1).jp == 1
    assert _program(admin_bkd.user, kode="B", jp="500").jp == 500


def test_program_kode_ganda_tanpa_membedakan_huruf_ditolak(admin_bkd):
    _program(admin_bkd.user, kode="PRG-UJI")
    with pytest.raises(ValidationError) as exc:
        _program(admin_bkd.user, kode="prg-uji", nama="Lain")
    assert _pesan(exc, "kode") == ["Kode ini sudah dipakai program lain."]
    assert ProgramPengembangan.objects.count() == 1


def test_program_tanpa_sasaran_sasaran_ganda_level_salah_ditolak(admin_bkd):
    k = KompetensiFactory()
    kasus = [
        ([], "Program harus menyasar paling sedikit satu kompetensi."),
        (
            [SasaranData(k.pk, 2), SasaranData(k.pk, 3)],
            "Setiap kompetensi hanya boleh disasar satu kali dalam satu program.",
        ),
        ([SasaranData(k.pk, 6)], "Level sasaran harus berupa angka 1 sampai 5."),
        ([SasaranData(k.pk, 0)], "Level sasaran harus berupa angka 1 sampai 5."),
        ([SasaranData(999999, 2)], "Kompetensi sasaran tidak dikenal atau sudah tidak aktif."),
    ]
    for sasaran, pesan in kasus:
        with pytest.raises(ValidationError) as exc:
            _program(admin_bkd.user, sasaran=sasaran)
        assert pesan in _pesan(exc, "sasaran")
    assert not ProgramPengembangan.objects.exists() and not ProgramKompetensi.objects.exists()


def test_program_baru_tidak_boleh_menyasar_kompetensi_nonaktif(admin_bkd):
    k = KompetensiFactory(aktif=False)
    with pytest.raises(ValidationError) as exc:
        _program(admin_bkd.user, kompetensi=k)
    assert _pesan(exc, "sasaran") == ["Kompetensi sasaran tidak dikenal atau sudah tidak aktif."]


def test_ubah_program_mengganti_sasaran_dan_mempertahankan_sasaran_nonaktif(admin_bkd):
    lama, tetap, baru = KompetensiFactory(), KompetensiFactory(), KompetensiFactory()
    program = _program(admin_bkd.user, sasaran=[SasaranData(lama.pk, 2), SasaranData(tetap.pk, 2)])
    Kompetensi.objects.filter(pk=tetap.pk).update(aktif=False)  # deactivated since: may stay
    program.refresh_from_db()
    versi = program.updated_at

    hasil = svc.program_simpan(
        actor=admin_bkd.user,
        program=program,
        kode="PRG-UJI",
        nama="Pelatihan Uji Baru",
        jenis="kursus",
        jp=20,
        sasaran=[SasaranData(tetap.pk, 3), SasaranData(baru.pk, 4)],
        versi=versi,
    )

    assert (hasil.nama, hasil.jenis, hasil.jp) == ("Pelatihan Uji Baru", "kursus", 20)
    assert dict(hasil.sasaran.values_list("kompetensi_id", "level_target")) == {tetap.pk: 3, baru.pk: 4}
    # The same form submitted again carries the old version: refused, nothing changed.
    with pytest.raises(ValidationError) as exc:
        svc.program_simpan(
            actor=admin_bkd.user,
            program=program,
            kode="PRG-UJI",
            nama="Lagi",
            jenis="kursus",
            jp=20,
            sasaran=[SasaranData(baru.pk, 4)],
            versi=versi,
        )
    assert _pesan(exc) == [svc.PESAN_VERSI]
    assert ProgramPengembangan.objects.get().nama == "Pelatihan Uji Baru"
    assert ProgramKompetensi.objects.count() == 2


def test_nonaktifkan_dan_aktifkan_program_sekali_saja(admin_bkd, admin_opd):
    program = ProgramPengembanganFactory()
    with pytest.raises(PermissionDenied):
        svc.program_set_aktif(actor=admin_opd.user, program=program, aktif=False)
    svc.program_set_aktif(actor=admin_bkd.user, program=program, aktif=False)
    program.refresh_from_db()
    assert program.aktif is False
    with pytest.raises(ValidationError) as exc:
        svc.program_set_aktif(actor=admin_bkd.user, program=program, aktif=False)
    assert _pesan(exc) == ["Program ini sudah nonaktif."]
    svc.program_set_aktif(actor=admin_bkd.user, program=program, aktif=True)
    with pytest.raises(ValidationError) as exc:
        svc.program_set_aktif(actor=admin_bkd.user, program=program, aktif=True)
    assert _pesan(exc) == ["Program ini sudah aktif."]
    assert LogEntry.objects.get_for_object(program).filter(action=LogEntry.Action.UPDATE).count() == 2


# --- shipped programmes -----------------------------------------------------------------------


def test_data_program_bawaan_lengkap_dan_realistis():
    from kompetensi.seed import KOMPETENSI_SEED

    kode_kompetensi = {s.kode for s in KOMPETENSI_SEED}
    kode = [p.kode for p in PROGRAM_SEED]
    assert len(kode) == len(set(kode)) and len(kode) >= 20
    assert {p.jenis for p in PROGRAM_SEED} == set(ProgramPengembangan.Jenis.values)
    disasar = {k for p in PROGRAM_SEED for k, _ in p.sasaran}
    assert disasar == kode_kompetensi  # every manajerial, Perekat Bangsa and sample teknis
    rentang = {"e_learning": (2, 8), "coaching": (4, 12), "mentoring": (4, 12), "pelatihan": (16, 40)}
    for p in PROGRAM_SEED:
        assert all(2 <= lv <= 4 for _, lv in p.sasaran), p.kode
        if p.jenis in rentang:
            assert rentang[p.jenis][0] <= p.jp <= rentang[p.jenis][1], p.kode
        if p.jenis == "detasering":
            assert p.jp >= 40
    # Each manajerial competency can be raised to the Pengawas, Administrator and JPT levels.
    for k in (f"M.{n}" for n in range(1, 9)):
        assert {lv for p in PROGRAM_SEED for kk, lv in p.sasaran if kk == k} >= {2, 3, 4}, k


def test_seed_memuat_program_sekali_dan_tidak_menimpa_suntingan_admin():
    hitung = kompetensi_seed_load()
    assert hitung["program_dibuat"] == len(PROGRAM_SEED)
    pkp = ProgramPengembangan.objects.get(kode="PRG-PKP")
    assert set(pkp.sasaran.values_list("kompetensi__kode", "level_target")) == {
        ("M.2", 2),
        ("M.4", 2),
        ("M.6", 2),
        ("M.8", 2),
    }
    ProgramPengembangan.objects.filter(pk=pkp.pk).update(nama="PKP Angkatan I", jp=36, aktif=False)
    pkp.sasaran.filter(kompetensi__kode="M.6").delete()
    ProgramPengembangan.objects.filter(kode="PRG-EL-SIPD").delete()
    log = LogEntry.objects.count()

    hitung = kompetensi_seed_load()

    assert hitung["program_dibuat"] == 1  # only the deleted one comes back
    pkp.refresh_from_db()
    assert (pkp.nama, pkp.jp, pkp.aktif) == ("PKP Angkatan I", 36, False)
    assert pkp.sasaran.count() == 3
    assert ProgramPengembangan.objects.count() == len(PROGRAM_SEED)
    assert kompetensi_seed_load()["program_dibuat"] == 0
    assert LogEntry.objects.count() == log + 2  # the programme and its one target


def test_seed_program_melewati_kompetensi_yang_tidak_ada():
    k = KompetensiFactory(kode="M.1")
    assert svc.program_seed_load() == sum(1 for p in PROGRAM_SEED if any(kk == "M.1" for kk, _ in p.sasaran))
    assert set(ProgramKompetensi.objects.values_list("kompetensi_id", flat=True)) == {k.pk}


# --- development plans ------------------------------------------------------------------------


@pytest.fixture
def program(db):
    k = KompetensiFactory(nama="Komunikasi")
    return ProgramKompetensiFactory(program__nama="Coaching Komunikasi", program__jp=8, kompetensi=k).program


def _rencana(actor, pegawai, **kw):
    data = dict(pegawai=pegawai, tanggal_mulai=HARI_INI, tanggal_selesai=HARI_INI)
    data.update(kw)
    return svc.rencana_create(actor=actor, **data)


def test_atasan_membuat_rencana_dari_program_dengan_nilai_bawaan(atasan, pegawai, program):
    r = _rencana(atasan.user, pegawai, program=program)
    assert (r.judul, r.jenis, r.jp_rencana, r.status) == ("Coaching Komunikasi", "pelatihan", 8, "direncanakan")
    assert r.kompetensi == program.sasaran.get().kompetensi  # single-target programme
    assert r.dibuat_oleh == atasan.user
    assert LogEntry.objects.get_for_object(r).count() == 1


def test_yang_boleh_merencanakan(atasan, kepala_opd, admin_opd, admin_bkd, pegawai, rekan, outsider, program):
    for orang in (atasan, kepala_opd, admin_opd, admin_bkd):  # direct, indirect, Admin OPD, BKD
        _rencana(orang.user, pegawai, program=program, tanggal_mulai=HARI_INI - datetime.timedelta(days=orang.pk))
    for orang in (pegawai, rekan, outsider):
        with pytest.raises(PermissionDenied):
            _rencana(orang.user, pegawai, program=program, tanggal_mulai=KEMARIN)
    with pytest.raises(PermissionDenied):
        _rencana(admin_opd.user, outsider, program=program)  # another OPD
    assert RencanaPengembangan.objects.count() == 4


def test_rencana_kegiatan_lain_wajib_nama_jenis_dan_jp(atasan, pegawai):
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai)
    assert exc.value.message_dict == {
        "judul": ["Nama kegiatan wajib diisi bila tidak memilih program dari katalog."],
        "jenis": ["Jenis kegiatan wajib dipilih bila tidak memilih program dari katalog."],
        "jp_rencana": ["JP rencana wajib diisi bila tidak memilih program dari katalog."],
    }
    r = _rencana(atasan.user, pegawai, judul="Seminar Pelayanan", jenis="kursus", jp_rencana="6")
    assert (r.program, r.jp_rencana) == (None, 6)


@pytest.mark.parametrize("jp", [0, 501, "abc", -3])
def test_rencana_jp_salah_ditolak(atasan, pegawai, program, jp):
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai, program=program, jp_rencana=jp)
    assert _pesan(exc, "jp_rencana") == ["JP harus berupa angka 1 sampai 500."]
    assert not RencanaPengembangan.objects.exists()


def test_rencana_tanggal_terbalik_ditolak(atasan, pegawai, program):
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai, program=program, tanggal_selesai=KEMARIN)
    assert _pesan(exc, "tanggal_selesai") == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    assert not RencanaPengembangan.objects.exists()


def test_rencana_untuk_pegawai_nonaktif_atau_program_nonaktif_ditolak(atasan, admin_opd, pegawai, program):
    ProgramPengembangan.objects.filter(pk=program.pk).update(aktif=False)
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai, program=program)
    assert _pesan(exc, "program") == ["Program pengembangan tidak dikenal atau sudah tidak aktif."]
    nonaktif = PegawaiFactory(unit=pegawai.unit, aktif=False)
    with pytest.raises(ValidationError) as exc:
        _rencana(admin_opd.user, nonaktif, judul="Kursus", jenis="kursus", jp_rencana=4)
    assert _pesan(exc) == ["Pegawai ini tidak aktif; rencana pengembangan baru tidak dapat dibuat."]
    assert not RencanaPengembangan.objects.exists()


def test_rencana_dari_hasil_pegawai_lain_ditolak(atasan, pegawai, rekan, program, jabatan_staf):
    from kompetensi.models import HasilKompetensi, PesertaPenilaian

    putaran = PutaranPenilaianFactory()
    peserta_rekan = PesertaPenilaian.objects.create(
        putaran=putaran, pegawai=rekan, jabatan=jabatan_staf, unit=rekan.unit, opd=rekan.unit.opd
    )
    k = program.sasaran.get().kompetensi
    hasil_rekan = HasilKompetensi.objects.create(peserta=peserta_rekan, kompetensi=k, standar=3, capaian=1, gap=-2)
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai, program=program, hasil=hasil_rekan)
    assert _pesan(exc, "hasil") == ["Hasil kompetensi yang dirujuk bukan milik pegawai ini."]
    r = _rencana(atasan.user, rekan, program=program, hasil=hasil_rekan)
    assert (r.hasil, r.kompetensi) == (hasil_rekan, k)


def test_rencana_terkirim_dua_kali_ditolak(atasan, pegawai, program):
    _rencana(atasan.user, pegawai, program=program)
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai, program=program)
    assert _pesan(exc) == [svc.PESAN_RENCANA_GANDA]
    _rencana(atasan.user, pegawai, judul="Seminar", jenis="kursus", jp_rencana=3)
    with pytest.raises(ValidationError) as exc:
        _rencana(atasan.user, pegawai, judul="seminar ", jenis="kursus", jp_rencana=3)
    assert _pesan(exc) == [svc.PESAN_RENCANA_GANDA]
    assert RencanaPengembangan.objects.count() == 2


def test_ubah_rencana_hanya_selama_direncanakan(atasan, pegawai, program):
    r = _rencana(atasan.user, pegawai, program=program)
    svc.rencana_update(
        actor=atasan.user,
        rencana=r,
        judul="Coaching Komunikasi Tahap 2",
        jenis="coaching",
        tanggal_mulai=HARI_INI,
        tanggal_selesai=HARI_INI + datetime.timedelta(days=30),
        jp_rencana="12",
    )
    r.refresh_from_db()
    assert (r.judul, r.jenis, r.jp_rencana) == ("Coaching Komunikasi Tahap 2", "coaching", 12)
    with pytest.raises(ValidationError) as exc:
        svc.rencana_update(
            actor=atasan.user,
            rencana=r,
            judul="",
            jenis="tidur",
            tanggal_mulai=HARI_INI,
            tanggal_selesai=KEMARIN,
            jp_rencana="x",
        )
    assert exc.value.message_dict == {
        "judul": ["Nama kegiatan wajib diisi bila tidak memilih program dari katalog."],
        "jenis": [svc.PESAN_JENIS],
        "jp_rencana": ["JP harus berupa angka 1 sampai 500."],
        "tanggal_selesai": ["Tanggal selesai tidak boleh sebelum tanggal mulai."],
    }
    svc.rencana_batal(actor=atasan.user, rencana=r)
    with pytest.raises(ValidationError) as exc:
        svc.rencana_update(
            actor=atasan.user,
            rencana=r,
            judul="X",
            jenis="coaching",
            tanggal_mulai=HARI_INI,
            tanggal_selesai=HARI_INI,
            jp_rencana=1,
        )
    assert _pesan(exc) == ["Rencana ini sudah dibatalkan; tidak dapat diubah atau dicatat selesai."]
    r.refresh_from_db()
    assert r.judul == "Coaching Komunikasi Tahap 2"


def test_catat_selesai_menyimpan_jp_dan_tanggal(atasan, pegawai, program):
    r = _rencana(atasan.user, pegawai, program=program, tanggal_mulai=KEMARIN, tanggal_selesai=BESOK)
    svc.rencana_selesai(
        actor=atasan.user, rencana=r, jp_realisasi="7", tanggal_realisasi=HARI_INI, catatan="Sertifikat 12"
    )
    r.refresh_from_db()
    assert (r.status, r.jp_realisasi, r.tanggal_realisasi) == ("selesai", 7, HARI_INI)
    assert r.catatan == "Sertifikat 12"
    # A second submission (or a concurrent one) finds it no longer planned.
    with pytest.raises(ValidationError) as exc:
        svc.rencana_selesai(actor=atasan.user, rencana=r, jp_realisasi=9, tanggal_realisasi=HARI_INI)
    assert _pesan(exc) == ["Rencana ini sudah dicatat selesai; tidak dapat diubah lagi."]
    with pytest.raises(ValidationError) as exc:
        svc.rencana_batal(actor=atasan.user, rencana=r)
    assert _pesan(exc) == ["Rencana ini sudah dicatat selesai; tidak dapat diubah lagi."]
    r.refresh_from_db()
    assert (r.status, r.jp_realisasi) == ("selesai", 7)


@pytest.mark.parametrize(
    ("jp", "tanggal", "kunci", "pesan"),
    [
        (0, HARI_INI, "jp_realisasi", "JP harus berupa angka 1 sampai 500."),
        ("abc", HARI_INI, "jp_realisasi", "JP harus berupa angka 1 sampai 500."),
        (501, HARI_INI, "jp_realisasi", "JP harus berupa angka 1 sampai 500."),
        (8, BESOK, "tanggal_realisasi", "Tanggal pelaksanaan tidak boleh di masa depan."),
        (8, HARI_INI - datetime.timedelta(days=10), "tanggal_realisasi", svc.PESAN_REALISASI_SEBELUM_MULAI),
    ],
)
def test_catat_selesai_isian_salah_ditolak(atasan, pegawai, program, jp, tanggal, kunci, pesan):
    r = _rencana(atasan.user, pegawai, program=program, tanggal_mulai=KEMARIN)
    with pytest.raises(ValidationError) as exc:
        svc.rencana_selesai(actor=atasan.user, rencana=r, jp_realisasi=jp, tanggal_realisasi=tanggal)
    assert _pesan(exc, kunci) == [pesan]
    r.refresh_from_db()
    assert (r.status, r.jp_realisasi, r.tanggal_realisasi) == ("direncanakan", None, None)


def test_rencana_batal_tidak_dapat_dicatat_selesai(atasan, pegawai, program):
    r = _rencana(atasan.user, pegawai, program=program)
    svc.rencana_batal(actor=atasan.user, rencana=r, alasan="Bentrok jadwal")
    r.refresh_from_db()
    assert r.status == "batal" and r.catatan == "Dibatalkan: Bentrok jadwal"
    with pytest.raises(ValidationError) as exc:
        svc.rencana_selesai(actor=atasan.user, rencana=r, jp_realisasi=8, tanggal_realisasi=HARI_INI)
    assert _pesan(exc) == ["Rencana ini sudah dibatalkan; tidak dapat diubah atau dicatat selesai."]
    with pytest.raises(ValidationError):
        svc.rencana_batal(actor=atasan.user, rencana=r)
    r.refresh_from_db()
    assert (r.status, r.jp_realisasi) == ("batal", None)


def test_pegawai_sendiri_dan_orang_luar_tidak_dapat_mengubah_rencana(pegawai, rekan, outsider, admin_opd):
    r = RencanaPengembanganFactory(pegawai=pegawai)
    for orang in (pegawai, rekan, outsider):
        with pytest.raises(PermissionDenied):
            svc.rencana_selesai(actor=orang.user, rencana=r, jp_realisasi=8, tanggal_realisasi=HARI_INI)
        with pytest.raises(PermissionDenied):
            svc.rencana_batal(actor=orang.user, rencana=r)
    r.refresh_from_db()
    assert r.status == "direncanakan"
    lain = RencanaPengembanganFactory(pegawai=outsider)
    with pytest.raises(PermissionDenied):
        svc.rencana_batal(actor=admin_opd.user, rencana=lain)
