"""Position standards: defaults by position kind, per-position overrides, removal."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from kompetensi.models import LEVEL_VALIDATORS, Kompetensi, StandarKompetensiJabatan, StandarLevelDefault
from kompetensi.seed import STANDAR_BAWAAN
from kompetensi.services import (
    PESAN_KAMUS_KOSONG,
    PESAN_KOMPETENSI_NONAKTIF,
    PESAN_LEVEL_BUKAN_ANGKA,
    PESAN_TANPA_BAWAAN,
    standar_hapus,
    standar_set,
    standar_terapkan_default,
)
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory
from pegawai.tests.factories import JabatanFactory

PESAN_LEVEL_MIN = LEVEL_VALIDATORS[0].message
PESAN_LEVEL_MAX = LEVEL_VALIDATORS[1].message


@pytest.fixture
def kamus(db):
    """Two manajerial, one sosial kultural, one teknis and one inactive manajerial competency."""
    return {
        "m1": KompetensiFactory(kode="M.1", jenis="manajerial"),
        "m2": KompetensiFactory(kode="M.2", jenis="manajerial"),
        "sk": KompetensiFactory(kode="SK.1", jenis="sosial_kultural"),
        "teknis": KompetensiFactory(kode="T.1", jenis="teknis"),
        "nonaktif": KompetensiFactory(kode="M.9", jenis="manajerial", aktif=False),
    }


@pytest.fixture
def bawaan(db):
    for (jenis, jenjang), level in STANDAR_BAWAAN.items():
        StandarLevelDefault.objects.create(jenis_jabatan=jenis, jenjang=jenjang, level=level)


def _standar(jabatan) -> dict[str, tuple[int, bool]]:
    return {s.kompetensi.kode: (s.level, s.khusus) for s in jabatan.standar_kompetensi.select_related("kompetensi")}


# --- defaults by position kind ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("jenis", "jenjang", "level"),
    [
        ("jpt", "madya_jpt", 5),
        ("jpt", "pratama", 4),
        ("administrator", "", 3),
        ("pengawas", "", 2),
        ("pelaksana", "", 1),
        ("fungsional", "utama", 4),
        ("fungsional", "madya", 3),
        ("fungsional", "muda", 2),
        ("fungsional", "pertama", 1),
        ("fungsional", "penyelia", 2),
        ("fungsional", "mahir", 1),
        ("fungsional", "terampil", 1),
    ],
)
def test_standar_bawaan_diterapkan_sesuai_jenis_dan_jenjang_jabatan(admin_bkd, kamus, bawaan, jenis, jenjang, level):
    jabatan = JabatanFactory(jenis=jenis, jenjang=jenjang)

    hasil = standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan)

    # Active manajerial and sosial kultural only: never teknis, never an inactive competency.
    assert _standar(jabatan) == {"M.1": (level, False), "M.2": (level, False), "SK.1": (level, False)}
    assert hasil == {"dibuat": 3, "diubah": 0, "dipertahankan": 0}


def test_terapkan_bawaan_dua_kali_tidak_mengubah_apa_pun(admin_bkd, kamus, bawaan):
    jabatan = JabatanFactory(jenis="administrator")
    standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan)
    sebelum = list(StandarKompetensiJabatan.objects.order_by("pk").values())
    log = LogEntry.objects.count()

    hasil = standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan)

    assert hasil == {"dibuat": 0, "diubah": 0, "dipertahankan": 0}
    assert list(StandarKompetensiJabatan.objects.order_by("pk").values()) == sebelum
    assert LogEntry.objects.count() == log


def test_terapkan_bawaan_mempertahankan_standar_khusus_kecuali_ditimpa(admin_bkd, kamus, bawaan):
    jabatan = JabatanFactory(jenis="pengawas")
    StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=kamus["m1"], level=4, khusus=True)
    StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=kamus["m2"], level=5, khusus=False)
    StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=kamus["teknis"], level=3, khusus=True)

    hasil = standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan)

    assert hasil == {"dibuat": 1, "diubah": 1, "dipertahankan": 1}
    assert _standar(jabatan) == {"M.1": (4, True), "M.2": (2, False), "SK.1": (2, False), "T.1": (3, True)}

    hasil = standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan, timpa=True)

    assert hasil == {"dibuat": 0, "diubah": 1, "dipertahankan": 0}
    # Teknis rows are not part of the default, even when overwriting.
    assert _standar(jabatan) == {"M.1": (2, False), "M.2": (2, False), "SK.1": (2, False), "T.1": (3, True)}


def test_terapkan_bawaan_ditolak_bila_jenis_jabatan_belum_punya_standar_bawaan(admin_bkd, kamus, bawaan):
    StandarLevelDefault.objects.filter(jenis_jabatan="fungsional", jenjang="mahir").delete()
    jabatan = JabatanFactory(jenis="fungsional", jenjang="mahir")

    with pytest.raises(ValidationError) as err:
        standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan)

    assert err.value.messages == [PESAN_TANPA_BAWAAN] == ["Belum ada standar bawaan untuk jenis jabatan ini."]
    assert not StandarKompetensiJabatan.objects.exists()


def test_terapkan_bawaan_ditolak_bila_kamus_manajerial_kosong(admin_bkd, bawaan):
    KompetensiFactory(jenis="teknis")
    jabatan = JabatanFactory(jenis="pelaksana")

    with pytest.raises(ValidationError) as err:
        standar_terapkan_default(actor=admin_bkd.user, jabatan=jabatan)

    assert err.value.messages == [PESAN_KAMUS_KOSONG]
    assert not StandarKompetensiJabatan.objects.exists()


def test_selain_admin_bkd_tidak_bisa_menerapkan_standar_bawaan(admin_opd, pegawai, atasan, kamus, bawaan):
    jabatan = JabatanFactory(jenis="pelaksana")
    for orang in (admin_opd, pegawai, atasan):
        with pytest.raises(PermissionDenied):
            standar_terapkan_default(actor=orang.user, jabatan=jabatan)
    assert not StandarKompetensiJabatan.objects.exists()


# --- per-position overrides -------------------------------------------------------------------


def test_admin_bkd_menetapkan_level_khusus_untuk_satu_jabatan(admin_bkd, kamus):
    jabatan = JabatanFactory()
    log = LogEntry.objects.count()

    standar = standar_set(actor=admin_bkd.user, jabatan=jabatan, kompetensi=kamus["teknis"], level=3)

    assert (standar.level, standar.khusus) == (3, True)
    assert _standar(jabatan) == {"T.1": (3, True)}
    entri = LogEntry.objects.get_for_object(standar).get()
    assert entri.action == LogEntry.Action.CREATE and LogEntry.objects.count() == log + 1


def test_mengubah_level_standar_bawaan_menjadikannya_khusus_dan_diaudit(admin_bkd, kamus):
    standar = StandarKompetensiJabatanFactory(kompetensi=kamus["m1"], level=2, khusus=False)

    standar_set(actor=admin_bkd.user, jabatan=standar.jabatan, kompetensi=kamus["m1"], level="4")

    standar.refresh_from_db()
    assert (standar.level, standar.khusus) == (4, True)
    entri = LogEntry.objects.get_for_object(standar).filter(action=LogEntry.Action.UPDATE).get()
    assert entri.changes_dict["level"] == ["2", "4"]
    assert StandarKompetensiJabatan.objects.count() == 1


def test_menetapkan_level_yang_sama_dua_kali_tidak_menggandakan(admin_bkd, kamus):
    jabatan = JabatanFactory()
    standar_set(actor=admin_bkd.user, jabatan=jabatan, kompetensi=kamus["m1"], level=3)
    log = LogEntry.objects.count()

    standar_set(actor=admin_bkd.user, jabatan=jabatan, kompetensi=kamus["m1"], level=3)

    assert StandarKompetensiJabatan.objects.count() == 1
    assert LogEntry.objects.count() == log


@pytest.mark.parametrize(("level", "pesan"), [(0, PESAN_LEVEL_MIN), (6, PESAN_LEVEL_MAX), (-1, PESAN_LEVEL_MIN)])
def test_level_di_luar_1_sampai_5_ditolak_dan_tidak_ada_yang_tersimpan(admin_bkd, kamus, level, pesan):
    jabatan = JabatanFactory()
    lama = StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=kamus["m1"], level=2)

    for kompetensi in (kamus["m1"], kamus["m2"]):  # an existing row and a new one
        with pytest.raises(ValidationError) as err:
            standar_set(actor=admin_bkd.user, jabatan=jabatan, kompetensi=kompetensi, level=level)
        assert err.value.message_dict == {"level": [pesan]}

    assert pesan in ("Level kompetensi paling rendah 1.", "Level kompetensi paling tinggi 5.")
    lama.refresh_from_db()
    assert (lama.level, lama.khusus) == (2, False)
    assert StandarKompetensiJabatan.objects.count() == 1


@pytest.mark.parametrize("level", ["", "tiga", None, "2.5", True])
def test_level_bukan_angka_ditolak_dengan_pesan_jelas(admin_bkd, kamus, level):
    jabatan = JabatanFactory()
    with pytest.raises(ValidationError) as err:
        standar_set(actor=admin_bkd.user, jabatan=jabatan, kompetensi=kamus["m1"], level=level)
    assert err.value.message_dict == {"level": [PESAN_LEVEL_BUKAN_ANGKA]}
    assert not StandarKompetensiJabatan.objects.exists()


def test_kompetensi_nonaktif_tidak_bisa_dijadikan_standar(admin_bkd, kamus):
    with pytest.raises(ValidationError) as err:
        standar_set(actor=admin_bkd.user, jabatan=JabatanFactory(), kompetensi=kamus["nonaktif"], level=2)
    assert err.value.message_dict == {"kompetensi": [PESAN_KOMPETENSI_NONAKTIF]}
    assert not StandarKompetensiJabatan.objects.exists()


def test_selain_admin_bkd_tidak_bisa_menetapkan_standar(admin_opd, pegawai, kepala_opd, kamus):
    jabatan = JabatanFactory()
    for orang in (admin_opd, pegawai, kepala_opd):
        with pytest.raises(PermissionDenied) as err:
            standar_set(actor=orang.user, jabatan=jabatan, kompetensi=kamus["m1"], level=2)
        assert str(err.value) == "Hanya Admin BKD yang dapat mengubah standar kompetensi jabatan."
    assert not StandarKompetensiJabatan.objects.exists()


# --- removal ----------------------------------------------------------------------------------


def test_admin_bkd_menghapus_standar_dan_hapus_kedua_kali_tidak_gagal(admin_bkd, kamus):
    standar = StandarKompetensiJabatanFactory(kompetensi=kamus["m1"])
    lain = StandarKompetensiJabatanFactory(jabatan=standar.jabatan, kompetensi=kamus["m2"])
    pk = standar.pk

    standar_hapus(actor=admin_bkd.user, standar=standar)
    standar_hapus(actor=admin_bkd.user, standar=standar)  # the form posted twice

    assert list(StandarKompetensiJabatan.objects.values_list("pk", flat=True)) == [lain.pk]
    assert (
        LogEntry.objects.filter(
            object_pk=str(pk), action=LogEntry.Action.DELETE, content_type__model="standarkompetensijabatan"
        ).count()
        == 1
    )
    assert Kompetensi.objects.filter(pk=kamus["m1"].pk).exists()


def test_selain_admin_bkd_tidak_bisa_menghapus_standar(admin_opd, pegawai, kamus):
    standar = StandarKompetensiJabatanFactory(kompetensi=kamus["m1"])
    for orang in (admin_opd, pegawai):
        with pytest.raises(PermissionDenied):
            standar_hapus(actor=orang.user, standar=standar)
    assert StandarKompetensiJabatan.objects.filter(pk=standar.pk).exists()


@pytest.mark.parametrize("jumlah", [3, 30])
def test_terapkan_bawaan_banyak_jabatan_dengan_jumlah_kueri_tetap(kamus, bawaan, django_assert_num_queries, jumlah):
    from kompetensi.services.standar import _standar_terapkan_default

    jabatan = [JabatanFactory(jenis="pengawas") for _ in range(jumlah)]
    assert _standar_terapkan_default(jabatan=jabatan, timpa=False)["dibuat"] == 3 * jumlah
    # Converged: reads only (defaults, competencies, existing rows), whatever the number of positions.
    with django_assert_num_queries(3):
        hasil = _standar_terapkan_default(jabatan=jabatan, timpa=False)
    assert hasil == {"dibuat": 0, "diubah": 0, "dipertahankan": 0}
