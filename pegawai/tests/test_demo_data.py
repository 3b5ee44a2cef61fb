from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from evaluasi.models import (
    EvaluasiPegawai,
    JawabanRekanKinerja,
    Keberatan,
    LogHarian,
    Periode,
    Realisasi,
    RencanaHasilKerja,
    Skp,
)
from kompetensi.models import (
    IndikatorPerilaku,
    JawabanRekan,
    Kompetensi,
    LevelKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    ProgramPengembangan,
    PutaranPenilaian,
    RencanaPengembangan,
    StandarKompetensiJabatan,
    StandarLevelDefault,
)
from kompetensi.seed import DEMO_TANPA_STANDAR, STANDAR_BAWAAN, STANDAR_TEKNIS
from kompetensi.selectors.penilaian import tugas_get
from pegawai.access import akses_get, is_atasan, pegawai_bawahan
from pegawai.backends import KodeAktivasiBackend
from pegawai.demo import DEMO_KODE_AKTIVASI, DEMO_PASSWORD, demo_muat, demo_rencana
from pegawai.demo.data import STRUKTUR, struktur_parse
from pegawai.models import Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja
from pegawai.validators import nip_parse, validate_nip
from pengaduan.models import LayananSkm, Pengaduan, ResponSkm, RiwayatPengaduan

User = get_user_model()
MODELS = (UnitKerja, Jabatan, Pegawai, RiwayatJabatan, PeranPengguna, User, LogEntry)
MODELS += (Kompetensi, LevelKompetensi, IndikatorPerilaku, StandarLevelDefault, StandarKompetensiJabatan)  # issue 3
MODELS += (PutaranPenilaian, PesertaPenilaian, PenugasanRekan, JawabanRekan, RencanaPengembangan, ProgramPengembangan)
MODELS += (Periode, Skp, RencanaHasilKerja, Realisasi, LogHarian, EvaluasiPegawai, JawabanRekanKinerja, Keberatan)
MODELS += (Pengaduan, RiwayatPengaduan, LayananSkm, ResponSkm)  # issue 5


def _jumlah() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def _muat(quiet=True) -> str:
    out = StringIO()
    call_command("demo_data", *(["--quiet"] if quiet else []), stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True  # demo_data refuses to run with DEBUG=0 (pytest-django's default)


@pytest.fixture
def demo(db):
    """Loads the demo once; returns the printed logins by persona."""
    return {login.persona: login for login in demo_muat().login}


def _persona(demo, nama) -> Pegawai:
    return Pegawai.objects.select_related("user", "unit", "jabatan").get(nip=demo[nama].nip)


@pytest.mark.django_db
def test_demo_data_dua_kali_tidak_mengubah_apa_pun():
    _muat()
    sesudah_pertama = _jumlah()
    pegawai_pertama = list(Pegawai.objects.order_by("nip").values())
    standar_pertama = list(StandarKompetensiJabatan.objects.order_by("pk").values())
    _muat()
    assert _jumlah() == sesudah_pertama  # no new rows, not even audit entries
    assert list(Pegawai.objects.order_by("nip").values()) == pegawai_pertama
    assert list(StandarKompetensiJabatan.objects.order_by("pk").values()) == standar_pertama


def test_demo_data_memuat_sekitar_300_pegawai_di_10_opd_yang_valid(demo):
    assert 280 <= Pegawai.objects.filter(aktif=True).count() <= 330
    assert UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).count() == 10
    assert UnitKerja.objects.filter(jenis=UnitKerja.Jenis.PEMDA).get().nama == "Pemerintah Kota Sukamaju"
    assert Pegawai.objects.filter(aktif=False).exists()  # retired employees, for the filters
    status = set(Pegawai.objects.values_list("status_kepegawaian", flat=True))
    assert status == {"pns", "cpns", "pppk"}
    jenis = set(Pegawai.objects.values_list("jabatan__jenis", flat=True))
    assert jenis == {j.value for j in Jabatan.Jenis}
    nama_unit = set(UnitKerja.objects.values_list("nama", flat=True))
    assert {"SD Negeri 1 Sukamaju", "UPT Puskesmas Sukamaju", "Kelurahan Cibening", "Bagian Organisasi"} <= nama_unit
    for p in Pegawai.objects.all():
        p.full_clean()  # NIP, golongan that fits PNS/CPNS/PPPK, unique NIP and account
        assert p.golongan in (Pegawai.GRADE_PPPK if p.status_kepegawaian == "pppk" else Pegawai.PANGKAT)
    for j in Jabatan.objects.all():
        j.full_clean()
    for u in UnitKerja.objects.all():
        u.full_clean()
    nips = list(Pegawai.objects.values_list("nip", "status_kepegawaian"))
    assert len({n for n, _ in nips}) == len(nips)
    for nip, status in nips:
        validate_nip(nip)
        lahir, tmt_tahun, _, _ = nip_parse(nip)
        if status == "cpns":
            assert tmt_tahun >= 2024


def test_setiap_pegawai_aktif_kecuali_sekda_punya_atasan_tanpa_siklus(demo):
    atasan = dict(Pegawai.objects.values_list("id", "atasan_id"))
    aktif = set(Pegawai.objects.filter(aktif=True).values_list("id", flat=True))
    puncak = [pk for pk in aktif if atasan[pk] is None]
    assert len(puncak) == 1
    assert Pegawai.objects.get(pk=puncak[0]).jabatan.nama == "Sekretaris Daerah"
    for pk in aktif:
        dilihat = set()
        while pk is not None:
            assert pk not in dilihat, "rantai atasan melingkar"
            dilihat.add(pk)
            pk = atasan[pk]
        assert puncak[0] in dilihat  # every chain ends at the Sekda
    # Every atasan is active and in the same OPD, except the Sekda above the OPD heads.
    for p in Pegawai.objects.filter(aktif=True, atasan__isnull=False).select_related("unit", "atasan__unit"):
        assert p.atasan.aktif
        assert p.atasan.unit.opd_id == p.unit.opd_id or p.atasan_id == puncak[0]


def test_unit_punya_opd_dan_riwayat_jabatan_konsisten(demo):
    for unit in UnitKerja.objects.select_related("induk"):
        if unit.jenis == UnitKerja.Jenis.PEMDA:
            assert unit.opd_id is None and unit.induk_id is None
        elif unit.jenis == UnitKerja.Jenis.OPD:
            assert unit.opd_id == unit.pk and unit.induk.jenis == UnitKerja.Jenis.PEMDA
        else:
            assert unit.opd_id == unit.induk.opd_id
            assert UnitKerja.TINGKAT[unit.induk.jenis] < unit.tingkat
    for p in Pegawai.objects.filter(aktif=True):
        berjalan = list(RiwayatJabatan.objects.filter(pegawai=p, sampai__isnull=True))
        assert len(berjalan) == 1
        assert (berjalan[0].unit_id, berjalan[0].jabatan_id) == (p.unit_id, p.jabatan_id)
    assert not RiwayatJabatan.objects.filter(pegawai__aktif=False, sampai__isnull=True).exists()
    assert RiwayatJabatan.objects.filter(sampai__isnull=False, pegawai__aktif=True).count() >= 5
    for r in RiwayatJabatan.objects.filter(sampai__isnull=False):
        assert r.mulai < r.sampai


def test_setiap_peran_demo_bisa_masuk_dengan_perannya(demo):
    assert set(demo) == {"admin_bkd", "admin_opd", "petugas", "kabid", "kadis", "kasi", "pegawai", "guru", "aktivasi"}
    for nama, login in demo.items():
        p = _persona(demo, nama)
        assert not p.user.is_staff and not p.user.is_superuser
        assert p.user.username == p.nip and p.user.is_active
        if nama != "aktivasi":
            assert login.rahasia == DEMO_PASSWORD
            assert p.user.check_password(DEMO_PASSWORD)
            assert not p.wajib_ganti_password
    assert akses_get(_persona(demo, "admin_bkd").user).admin_bkd
    opd_disdik = UnitKerja.objects.get(kode="DISDIK")
    assert akses_get(_persona(demo, "admin_opd").user).admin_opd_ids == {opd_disdik.pk}
    petugas = akses_get(_persona(demo, "petugas").user)
    assert petugas.petugas_semua and not petugas.admin
    assert PeranPengguna.objects.count() == 3


def test_hierarki_persona_demo(demo):
    kadis, kabid, pegawai, guru = (_persona(demo, n) for n in ("kadis", "kabid", "pegawai", "guru"))
    assert kadis.jabatan.nama == "Kepala Dinas" and kadis.unit.kode == "DISDIK"
    assert kabid.atasan_id == kadis.pk and kabid.jabatan.nama == "Kepala Bidang"
    assert pegawai.atasan.atasan_id == kabid.pk  # staf -> kepala seksi -> kepala bidang
    assert _persona(demo, "kasi").pk == pegawai.atasan_id  # the kepala seksi has a login too
    assert is_atasan(kabid.user) and is_atasan(kadis.user) and not is_atasan(pegawai.user)
    assert pegawai in pegawai_bawahan(kabid.pk) and pegawai in pegawai_bawahan(kadis.pk)
    assert guru.atasan.jabatan.nama == "Kepala Sekolah" and guru.unit.nama == "SD Negeri 1 Sukamaju"
    assert guru.jabatan.jenis == Jabatan.Jenis.FUNGSIONAL
    # The demo pegawai was moved from the Dinas Sosial: the history shows it.
    riwayat = list(RiwayatJabatan.objects.filter(pegawai=pegawai).order_by("mulai"))
    assert [r.unit.opd.kode for r in riwayat] == ["DINSOS", "DISDIK"] and riwayat[0].sampai is not None


def test_akun_aktivasi_masuk_dengan_kode_demo_dan_pegawai_lain_belum_punya_sandi(demo):
    p = _persona(demo, "aktivasi")
    assert demo["aktivasi"].rahasia == DEMO_KODE_AKTIVASI
    assert not p.user.has_usable_password() and p.wajib_ganti_password
    backend = KodeAktivasiBackend()
    assert backend.authenticate(None, username=p.nip, password=DEMO_KODE_AKTIVASI) == p.user
    assert backend.authenticate(None, username=p.nip, password="SALAH-KODE-0000") is None
    persona_nip = {login.nip for login in demo.values()}
    lain = Pegawai.objects.exclude(nip__in=persona_nip).select_related("user")
    assert all(not p.user.has_usable_password() and p.wajib_ganti_password for p in lain)


def test_demo_data_mengembalikan_akun_demo_yang_diubah(demo):
    admin = _persona(demo, "admin_bkd")
    admin.user.set_password("sandi-lain-123")
    admin.user.is_staff = True
    admin.user.save()
    aktivasi = _persona(demo, "aktivasi")
    aktivasi.user.set_password("sudah-diaktifkan-1")
    aktivasi.user.save()
    pegawai = _persona(demo, "pegawai")
    Pegawai.objects.filter(pk=pegawai.pk).update(unit=UnitKerja.objects.get(kode="DISDIK-SMP-PD"))
    PeranPengguna.objects.filter(user=admin.user).delete()

    _muat()

    admin.user.refresh_from_db()
    assert admin.user.check_password(DEMO_PASSWORD) and not admin.user.is_staff
    assert akses_get(User.objects.get(pk=admin.user.pk)).admin_bkd
    aktivasi.user.refresh_from_db()
    assert not aktivasi.user.has_usable_password()
    pegawai.refresh_from_db()
    assert pegawai.unit.kode == "DISDIK-SMP-KUR"
    berjalan = RiwayatJabatan.objects.get(pegawai=pegawai, sampai__isnull=True)
    assert berjalan.unit_id == pegawai.unit_id


def test_demo_data_mencetak_tabel_login_dan_alamat(demo):
    out = _muat(quiet=False)
    assert "http://127.0.0.1:8000" in out
    assert DEMO_PASSWORD in out and DEMO_KODE_AKTIVASI in out
    for login in demo.values():
        assert login.nip in out and login.label in out
    assert "Dibuat: tidak ada" in out
    assert _muat(quiet=True) == ""


@pytest.mark.django_db
def test_demo_data_menolak_berjalan_tanpa_debug_kecuali_dipaksa(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="hanya untuk pengembangan"):
        call_command("demo_data", "--quiet")
    assert not Pegawai.objects.exists() and not User.objects.exists()
    call_command("demo_data", "--quiet", "--paksa")
    assert Pegawai.objects.count() > 280


def test_rencana_demo_stabil_dan_jenis_kelamin_nip_sesuai_persona():
    a, b = demo_rencana(), demo_rencana()
    assert [r.nip for r in a.pegawai] == [r.nip for r in b.pegawai]
    assert [r.nama for r in a.pegawai] == [r.nama for r in b.pegawai]
    jenis_kelamin = {r.persona: r.nip[14] for r in a.pegawai if r.persona}
    assert jenis_kelamin["admin_bkd"] == "2" and jenis_kelamin["kadis"] == "1" and jenis_kelamin["guru"] == "2"


def test_struktur_salah_ditolak_dengan_jelas():
    with pytest.raises(ValueError, match="jabatan tidak dikenal"):
        struktur_parse("X pemda Pemda\n  Y opd Dinas | BUKAN-JABATAN")
    with pytest.raises(ValueError, match="lebih dari satu akar"):
        struktur_parse("X pemda Pemda\nY pemda Pemda Lain")
    assert struktur_parse(STRUKTUR).anak[0].kepala.jabatan == "JPT-SEKDA"


def test_setiap_jabatan_demo_kecuali_satu_punya_standar_kompetensi(demo):
    non_teknis = Kompetensi.objects.exclude(jenis="teknis")
    assert non_teknis.count() == 9
    standar: dict[str, dict[str, int]] = {}
    for kode_jabatan, kode, level in StandarKompetensiJabatan.objects.values_list(
        "jabatan__kode", "kompetensi__kode", "level"
    ):
        standar.setdefault(kode_jabatan, {})[kode] = level
    # One position is left without any standard, so the pages can show "Belum memiliki standar".
    tanpa = Jabatan.objects.filter(standar_kompetensi__isnull=True)
    assert list(tanpa.values_list("kode", flat=True)) == [DEMO_TANPA_STANDAR]
    assert Pegawai.objects.filter(jabatan__kode=DEMO_TANPA_STANDAR, aktif=True).exists()
    for j in Jabatan.objects.exclude(kode=DEMO_TANPA_STANDAR):
        level = STANDAR_BAWAAN[(j.jenis, j.jenjang)]
        diharapkan = {k.kode: level for k in non_teknis} | STANDAR_TEKNIS.get(j.kode, {})
        assert standar[j.kode] == diharapkan, j.kode
    assert standar["JPT-KADIS"]["M.1"] == 4 and standar["ADM-KABID"]["SK.1"] == 3
    assert standar["FG-GURU-1"]["T.GURU.1"] == 2 and standar["FG-PERAWAT-T"]["T.KES.2"] == 1
    assert standar["PL-ADM-KEPEND"]["T.DUK.1"] == 1 and standar["FG-ANKEU-2"]["T.KEU.1"] == 3
    assert not StandarKompetensiJabatan.objects.filter(khusus=True).exists()


def test_demo_data_mempertahankan_standar_khusus_yang_diatur_admin(demo):
    standar = StandarKompetensiJabatan.objects.get(jabatan__kode="PL-ADM-UMUM", kompetensi__kode="M.5")
    StandarKompetensiJabatan.objects.filter(pk=standar.pk).update(level=3, khusus=True)
    StandarKompetensiJabatan.objects.filter(jabatan__kode="PL-ADM-UMUM", kompetensi__kode="M.1").update(level=5)

    _muat()

    standar.refresh_from_db()
    assert (standar.level, standar.khusus) == (3, True)
    assert StandarKompetensiJabatan.objects.get(jabatan__kode="PL-ADM-UMUM", kompetensi__kode="M.1").level == 1


def test_demo_kompetensi_satu_putaran_ditutup_dan_satu_berjalan(demo):
    ditutup = PutaranPenilaian.objects.get(status=PutaranPenilaian.Status.DITUTUP)
    assert not ditutup.peserta.filter(jpm__isnull=True).exists()
    kategori = set(ditutup.peserta.values_list("kategori", flat=True))
    assert kategori == {"optimal", "cukup_optimal", "kurang_optimal"}  # the analysis has something to show
    berjalan = PutaranPenilaian.objects.get(status=PutaranPenilaian.Status.DIBUKA)
    pegawai = _persona(demo, "pegawai")
    tugas = tugas_get(user=pegawai.user)
    # The demo pegawai still has their own self-assessment and one peer rating to do.
    assert berjalan.peserta.filter(pegawai=pegawai).exists()
    assert tugas.jumlah >= 2
    assert PenugasanRekan.objects.filter(penilai=pegawai, status="ditugaskan").exists()
    assert RencanaPengembangan.objects.filter(pegawai=pegawai).exists()


def test_demo_kinerja_skenario_persona(demo):
    """Each demo login finds something to do in performance evaluation (evaluasi/demo.py)."""
    from django.utils import timezone

    from evaluasi.rules import predikat_dari

    budi, kabid, kadis = (_persona(demo, nama) for nama in ("pegawai", "kabid", "kadis"))
    tahun = timezone.localdate().year
    penilaian = Periode.objects.get(tahun=tahun, status=Periode.Status.PENILAIAN)
    assert Periode.objects.filter(tahun=tahun, status=Periode.Status.BERJALAN).count() == 1
    # Every closed quarter has final results; each predikat follows the matrix.
    for ev in EvaluasiPegawai.objects.filter(status="final"):
        assert ev.predikat == predikat_dari(ev.rating_hasil, ev.rating_perilaku)
    # SKP cascade: everyone's Utama RHK supports their atasan's RHK or a unit goal.
    assert not RencanaHasilKerja.objects.filter(
        skp__tahun=tahun, jenis="utama", rhk_atasan__isnull=True, sasaran_unit__isnull=True
    ).exists()
    assert Skp.objects.get(pegawai=budi, tahun=tahun).status == Skp.Status.DISETUJUI
    # Budi: self-assessment not sent, a peer task open, two of three peers answered (not released).
    ev_budi = EvaluasiPegawai.objects.get(periode=penilaian, pegawai=budi)
    assert not ev_budi.penilaian_diri.terkirim and not ev_budi.rekan_dibuka
    assert budi.tugas_rekan_kinerja.filter(status="ditugaskan", evaluasi__periode=penilaian).count() == 1
    # Kabid: ratings due, an objection to decide; next year's SKP of a Kepala Seksi waiting.
    assert EvaluasiPegawai.objects.filter(periode=penilaian, penilai=kabid).exclude(status="final").count() >= 3
    assert Keberatan.objects.filter(pemutus=kabid, status="diajukan").count() == 1
    assert Skp.objects.filter(atasan=kabid, tahun=tahun + 1, status=Skp.Status.DIAJUKAN).count() == 1
    assert Skp.objects.filter(pegawai=kadis, tahun=tahun + 1, status=Skp.Status.DISETUJUI).exists()
    assert LogHarian.objects.filter(pegawai__atasan=budi.atasan, status="belum").exists()


def test_demo_pengaduan_skenario_persona(demo, client):
    """The complaint officer has a new case to verify, the Kepala Seksi has cases disposed to
    them, the printed tracking code and key open the completed case, and the surveys give each
    service an IKM (pengaduan/demo.py)."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from pengaduan.access import pengaduan_scope
    from pengaduan.demo import DEMO_LACAK
    from pengaduan.selectors.skm import ikm_layanan

    petugas, kasi = _persona(demo, "petugas"), _persona(demo, "kasi")
    assert pengaduan_scope(petugas.user).filter(status="baru").exists()
    assert pengaduan_scope(kasi.user).filter(petugas_tindak=kasi).count() == 3
    assert Pengaduan.objects.filter(status="selesai", batas_selesai__lt=timezone.now().date()).exists()
    kode, kunci = DEMO_LACAK
    resp = client.post(reverse("layanan:lacak"), {"kode": kode, "kunci": kunci}, follow=True)
    assert resp.status_code == 200 and "Kartu pelajar" in resp.content.decode()
    hari_ini = timezone.localdate()
    hasil = ikm_layanan(LayananSkm.objects.values_list("pk", flat=True), dt.date(hari_ini.year, 1, 1), hari_ini)
    assert len(hasil) == 5 and all(h.responden >= 90 and h.ikm is not None for h in hasil.values())
    assert len({h.hasil.mutu.kode for h in hasil.values()}) >= 2
