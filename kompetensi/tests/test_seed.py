"""The shipped competency seeds: their content, the idempotent loader and the command."""

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from kompetensi.models import (
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    StandarKompetensiJabatan,
    StandarLevelDefault,
)
from kompetensi.seed import KOMPETENSI_SEED, STANDAR_BAWAAN, STANDAR_TEKNIS, TEKNIS_SEED
from kompetensi.seed.program import PROGRAM_SEED
from kompetensi.services import HITUNG_SEED, kompetensi_seed_load
from pegawai.demo.data import JABATAN
from pegawai.models import Jabatan
from pegawai.tests.factories import JabatanFactory

MANAJERIAL = [
    "Integritas",
    "Kerja Sama",
    "Komunikasi",
    "Orientasi pada Hasil",
    "Pelayanan Publik",
    "Pengembangan Diri dan Orang Lain",
    "Mengelola Perubahan",
    "Pengambilan Keputusan",
]
MODELS = (Kompetensi, LevelKompetensi, IndikatorPerilaku, StandarLevelDefault, StandarKompetensiJabatan, LogEntry)


def _jumlah() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


# --- the data itself (no database) ------------------------------------------------------------


def test_data_seed_lengkap_lima_level_tiga_indikator_beraspek():
    kode = [s.kode for s in KOMPETENSI_SEED]
    assert len(kode) == len(set(kode))
    aspek_sah = {a.value for a in IndikatorPerilaku.Aspek}
    for s in KOMPETENSI_SEED:
        assert s.nama.strip() and len(s.definisi) > 60
        assert [lv.level for lv in s.level] == [1, 2, 3, 4, 5]
        for lv in s.level:
            assert lv.deskripsi.strip().endswith(".")
            assert len(lv.indikator) == 3
            assert {i.aspek for i in lv.indikator} <= aspek_sah
            assert all(i.teks.strip().endswith(".") for i in lv.indikator)
        # Knowledge, skills and attitude are mixed within every competency.
        assert {i.aspek for lv in s.level for i in lv.indikator} == aspek_sah, s.kode


def test_standar_bawaan_mencakup_setiap_jenis_dan_jenjang_jabatan():
    kombinasi = set()
    for jenis in Jabatan.Jenis:
        for jenjang in Jabatan.JENJANG_PER_JENIS.get(jenis, {""}):
            kombinasi.add((jenis.value, str(jenjang)))
    assert {(str(j), str(g)) for j, g in STANDAR_BAWAAN} == kombinasi
    assert STANDAR_BAWAAN[("jpt", "madya_jpt")] == 5
    assert STANDAR_BAWAAN[("jpt", "pratama")] == 4
    assert STANDAR_BAWAAN[("administrator", "")] == 3
    assert STANDAR_BAWAAN[("pengawas", "")] == 2
    assert STANDAR_BAWAAN[("pelaksana", "")] == 1
    assert all(1 <= v <= 5 for v in STANDAR_BAWAAN.values())


def test_standar_teknis_merujuk_jabatan_demo_dan_kompetensi_teknis_yang_ada():
    teknis = {s.kode for s in TEKNIS_SEED}
    assert all(s.jenis == "teknis" for s in TEKNIS_SEED)
    for kode_jabatan, standar in STANDAR_TEKNIS.items():
        assert kode_jabatan in JABATAN, kode_jabatan
        assert set(standar) <= teknis
        assert all(1 <= v <= 5 for v in standar.values())
    # Every sample teknis competency is required by at least one demo position.
    assert {k for standar in STANDAR_TEKNIS.values() for k in standar} == teknis


# --- loading ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_memuat_delapan_manajerial_dan_perekat_bangsa_lengkap():
    hitung = kompetensi_seed_load()

    assert list(Kompetensi.objects.filter(jenis="manajerial").order_by("urutan").values_list("kode", "nama")) == [
        (f"M.{n}", nama) for n, nama in enumerate(MANAJERIAL, start=1)
    ]
    assert list(Kompetensi.objects.filter(jenis="sosial_kultural").values_list("kode", "nama")) == [
        ("SK.1", "Perekat Bangsa")
    ]
    non_teknis = Kompetensi.objects.exclude(jenis="teknis")
    assert LevelKompetensi.objects.filter(kompetensi__in=non_teknis).count() == 9 * 5
    assert IndikatorPerilaku.objects.filter(level__kompetensi__in=non_teknis).count() == 9 * 5 * 3
    for lv in LevelKompetensi.objects.prefetch_related("indikator"):
        assert [i.urutan for i in lv.indikator.all()] == [1, 2, 3]
    assert not IndikatorPerilaku.objects.exclude(aspek__in=[a.value for a in IndikatorPerilaku.Aspek]).exists()
    assert set(IndikatorPerilaku.objects.values_list("aspek", flat=True)) == {"pengetahuan", "keterampilan", "sikap"}
    teknis = set(Kompetensi.objects.filter(jenis="teknis").values_list("nama", flat=True))
    assert {
        "Pengelolaan Pembelajaran",
        "Penilaian Hasil Belajar",
        "Pelayanan Kesehatan Dasar",
        "Asuhan Keperawatan",
        "Pelayanan Administrasi Kependudukan",
        "Pengelolaan Keuangan Daerah",
        "Penatausahaan Keuangan",
    } == teknis
    assert hitung == {
        "kompetensi_dibuat": 16,
        "kompetensi_diubah": 0,
        "level_dibuat": 80,
        "level_diubah": 0,
        "indikator_dibuat": 240,
        "indikator_dihapus": 0,
        "standar_bawaan_dibuat": len(STANDAR_BAWAAN),
        "standar_teknis_dibuat": 0,  # no demo positions in this database
        "program_dibuat": len(PROGRAM_SEED),
    }
    bawaan = {(d.jenis_jabatan, d.jenjang): d.level for d in StandarLevelDefault.objects.all()}
    assert bawaan == {(str(j), str(g)): v for (j, g), v in STANDAR_BAWAAN.items()}
    assert Kompetensi.objects.filter(aktif=True).count() == 16


@pytest.mark.django_db
def test_seed_dua_kali_tidak_mengubah_apa_pun_dan_tanpa_log_audit_baru():
    kompetensi_seed_load()
    sesudah_pertama = _jumlah()
    indikator_pertama = list(IndikatorPerilaku.objects.order_by("pk").values())
    assert sesudah_pertama["LogEntry"] > 0  # the first load is audited

    hitung = kompetensi_seed_load()

    assert hitung == dict.fromkeys(HITUNG_SEED, 0)
    assert _jumlah() == sesudah_pertama
    assert list(IndikatorPerilaku.objects.order_by("pk").values()) == indikator_pertama


@pytest.mark.django_db
def test_seed_mengembalikan_teks_yang_berubah_dan_hanya_mengganti_indikator_level_itu():
    kompetensi_seed_load()
    integritas = Kompetensi.objects.get(kode="M.1")
    Kompetensi.objects.filter(pk=integritas.pk).update(definisi="Diubah.", aktif=False)
    level2 = LevelKompetensi.objects.get(kompetensi=integritas, level=2)
    IndikatorPerilaku.objects.filter(level=level2, urutan=1).update(aspek="pengetahuan", teks="Lain.")
    LevelKompetensi.objects.filter(kompetensi__kode="M.2", level=5).delete()
    id_lain = set(IndikatorPerilaku.objects.exclude(level=level2).values_list("pk", flat=True))

    hitung = kompetensi_seed_load()

    assert hitung["kompetensi_diubah"] == 1
    assert hitung["level_dibuat"] == 1 and hitung["level_diubah"] == 0
    assert hitung["indikator_dihapus"] == 3 and hitung["indikator_dibuat"] == 6
    integritas.refresh_from_db()
    assert integritas.definisi.startswith("Bertindak jujur")
    assert integritas.aktif is False  # an admin's deactivation is kept
    seed_level2 = KOMPETENSI_SEED[0].level[1]
    assert list(level2.indikator.values_list("teks", "aspek")) == [(i.teks, i.aspek) for i in seed_level2.indikator]
    assert id_lain <= set(IndikatorPerilaku.objects.values_list("pk", flat=True))  # others untouched
    assert IndikatorPerilaku.objects.count() == 16 * 5 * 3
    assert kompetensi_seed_load() == dict.fromkeys(HITUNG_SEED, 0)


@pytest.mark.django_db
def test_seed_tidak_menimpa_standar_bawaan_yang_diatur_admin():
    StandarLevelDefault.objects.create(jenis_jabatan="administrator", jenjang="", level=4)
    hitung = kompetensi_seed_load()
    assert hitung["standar_bawaan_dibuat"] == len(STANDAR_BAWAAN) - 1
    assert StandarLevelDefault.objects.get(jenis_jabatan="administrator").level == 4


@pytest.mark.django_db
def test_seed_memetakan_kompetensi_teknis_ke_jabatan_demo_yang_ada():
    guru = JabatanFactory(kode="FG-GURU-2", jenis="fungsional", jenjang="muda", nama="Guru Ahli Muda")
    bendahara = JabatanFactory(kode="PL-BENDAHARA", nama="Bendahara")
    lain = JabatanFactory(kode="PL-LAIN", nama="Jabatan di luar peta")
    StandarKompetensiJabatan.objects.create(
        jabatan=bendahara,
        kompetensi=Kompetensi.objects.create(kode="T.KEU.2", nama="x", jenis="teknis", definisi="x"),
        level=5,
        khusus=True,
    )

    hitung = kompetensi_seed_load()

    assert hitung["standar_teknis_dibuat"] == 3
    assert dict(guru.standar_kompetensi.values_list("kompetensi__kode", "level")) == {"T.GURU.1": 3, "T.GURU.2": 3}
    # The admin's row is kept; the missing one is added.
    assert dict(bendahara.standar_kompetensi.values_list("kompetensi__kode", "level")) == {"T.KEU.1": 1, "T.KEU.2": 5}
    assert not lain.standar_kompetensi.exists()
    assert all(not s.khusus for s in guru.standar_kompetensi.all())
    assert kompetensi_seed_load()["standar_teknis_dibuat"] == 0


@pytest.mark.django_db
def test_seed_dari_halaman_hanya_untuk_admin_bkd(admin_bkd, admin_opd, pegawai):
    for orang in (admin_opd, pegawai):
        with pytest.raises(PermissionDenied):
            kompetensi_seed_load(actor=orang.user)
    assert not Kompetensi.objects.exists() and not StandarLevelDefault.objects.exists()
    assert kompetensi_seed_load(actor=admin_bkd.user)["kompetensi_dibuat"] == 16


@pytest.mark.django_db
def test_perintah_kompetensi_seed_mencetak_jumlah_dan_aman_diulang():
    out = StringIO()
    call_command("kompetensi_seed", stdout=out)
    teks = out.getvalue()
    assert "kompetensi dibuat: 16" in teks
    assert "indikator perilaku dibuat: 240" in teks
    assert "Kamus kompetensi bawaan dimuat." in teks

    out = StringIO()
    call_command("kompetensi_seed", stdout=out)
    assert "kompetensi dibuat: 0" in out.getvalue()
    assert "tidak ada yang diubah" in out.getvalue()
    assert Kompetensi.objects.count() == 16
