"""pegawai.services against the database, failure paths included."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from pegawai import services
from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, nip_valid

User = get_user_model()
NIP_BARU = nip_valid(11, lahir=date(2000, 3, 9))


def _baru(unit, jabatan, **lain):
    data = {
        "nip": NIP_BARU,
        "nama": "Siti Aminah",
        "status_kepegawaian": "pns",
        "golongan": "III/a",
        "unit": unit,
        "jabatan": jabatan,
    }
    data.update(lain)
    return data


def _pesan(exc, field=None):
    return exc.value.message_dict[field] if field else exc.value.messages


@pytest.fixture
def seksi_a(bidang_a):
    return UnitKerjaFactory(kode="DISDIK-PTK-1", nama="Seksi Guru", jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a)


# --- create and NIP validation ----------------------------------------------------------------


@pytest.mark.django_db
def test_pegawai_create_membuat_akun_kode_aktivasi_dan_riwayat(admin_opd, bidang_a, jabatan_staf, atasan):
    p, kode = services.pegawai_create(actor=admin_opd.user, **_baru(bidang_a, jabatan_staf, atasan=atasan))
    assert p.user.username == NIP_BARU and not p.user.has_usable_password()
    assert p.wajib_ganti_password and services.kode_aktivasi_cocok(p, kode)
    assert not services.kode_aktivasi_cocok(p, "AAAA-BBBB-CCCC")
    riwayat = p.riwayat.get()
    assert (riwayat.unit, riwayat.jabatan, riwayat.sampai, riwayat.dicatat_oleh) == (
        bidang_a,
        jabatan_staf,
        None,
        admin_opd.user,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nip", "pesan"),
    [
        ("1980010120050110", "NIP harus terdiri dari 18 digit angka."),
        ("19800101200501100A", "NIP harus terdiri dari 18 digit angka."),
        ("198002302005011001", "Tanggal lahir pada NIP (digit 1-8) tidak valid."),
        ("193001012005011001", "Tanggal lahir pada NIP (digit 1-8) tidak mungkin."),
        ("198001012005131001", "Bulan pengangkatan (TMT) pada NIP (digit 13-14) tidak valid."),
        ("198001011995011001", "Pengangkatan (TMT) pada NIP terjadi sebelum usia 18 tahun."),
        ("198001012005013001", "Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2."),
        ("198001012005011000", "Nomor urut pada NIP (digit 16-18) tidak boleh 000."),
    ],
)
def test_nip_tidak_valid_ditolak_lewat_full_clean(admin_bkd, opd_a, jabatan_staf, nip, pesan):
    jumlah_user = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(opd_a, jabatan_staf, nip=nip))
    assert _pesan(exc, "nip") == [pesan]
    assert not Pegawai.objects.filter(nip=nip).exists() and User.objects.count() == jumlah_user


@pytest.mark.django_db
def test_nip_ganda_dan_akun_yang_sudah_ada_ditolak(admin_bkd, opd_a, jabatan_staf, pegawai):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(opd_a, jabatan_staf, nip=pegawai.nip))
    assert "nip" in exc.value.message_dict
    User.objects.create_user(NIP_BARU)
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(opd_a, jabatan_staf))
    assert _pesan(exc, "nip") == ["Sudah ada akun dengan NIP ini."]
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


@pytest.mark.django_db
def test_golongan_harus_sesuai_status(admin_bkd, opd_a, jabatan_staf):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(opd_a, jabatan_staf, status_kepegawaian="pppk"))
    assert _pesan(exc, "golongan") == ["PPPK harus memiliki grade I sampai XVII."]
    p, _ = services.pegawai_create(
        actor=admin_bkd.user, **_baru(opd_a, jabatan_staf, status_kepegawaian="pppk", golongan="IX")
    )
    assert p.golongan == "IX"


@pytest.mark.django_db
def test_penempatan_harus_di_unit_aktif_bukan_pemda_dengan_jabatan_aktif(admin_bkd, pemda, opd_a, jabatan_staf):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(pemda, jabatan_staf))
    assert _pesan(exc, "unit") == ["Pegawai harus ditempatkan di OPD atau unit di bawahnya."]
    tutup = UnitKerjaFactory(jenis=UnitKerja.Jenis.BIDANG, induk=opd_a, aktif=False)
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(tutup, jabatan_staf))
    assert _pesan(exc, "unit") == ["Unit kerja tidak aktif."]
    lama = JabatanFactory(aktif=False)
    with pytest.raises(ValidationError) as exc:
        services.pegawai_create(actor=admin_bkd.user, **_baru(opd_a, lama))
    assert _pesan(exc, "jabatan") == ["Jabatan tidak aktif."]
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


@pytest.mark.django_db
def test_hanya_admin_yang_berwenang_membuat_pegawai(admin_opd, atasan, opd_b, bidang_a, jabatan_staf):
    with pytest.raises(PermissionDenied):
        services.pegawai_create(actor=admin_opd.user, **_baru(opd_b, jabatan_staf))
    with pytest.raises(PermissionDenied):
        services.pegawai_create(actor=atasan.user, **_baru(bidang_a, jabatan_staf))
    with pytest.raises(TypeError):
        services.pegawai_create(actor=admin_opd.user, **_baru(bidang_a, jabatan_staf, aktif=False))
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()


# --- atasan rules -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_atasan_tidak_boleh_diri_sendiri(admin_opd, pegawai):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_update(actor=admin_opd.user, pegawai=pegawai, atasan=pegawai)
    assert _pesan(exc, "atasan") == ["Pegawai tidak dapat menjadi atasan bagi dirinya sendiri."]


@pytest.mark.django_db
def test_atasan_harus_aktif(admin_opd, pegawai, rekan, bidang_a, jabatan_staf):
    Pegawai.objects.filter(pk=rekan.pk).update(aktif=False)
    rekan.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.pegawai_update(actor=admin_opd.user, pegawai=pegawai, atasan=rekan)
    assert _pesan(exc, "atasan") == ["Atasan langsung harus pegawai aktif."]
    with pytest.raises(ValidationError):
        services.pegawai_create(actor=admin_opd.user, **_baru(bidang_a, jabatan_staf, atasan=rekan))
    pegawai.refresh_from_db()
    assert pegawai.atasan_id != rekan.pk


@pytest.mark.django_db
def test_rantai_atasan_tidak_boleh_melingkar(admin_opd, kepala_opd, atasan, pegawai):
    # kepala_opd > atasan > pegawai: neither the direct nor the indirect subordinate may become the head's atasan.
    for bawahan in (atasan, pegawai):
        with pytest.raises(ValidationError) as exc:
            services.pegawai_update(actor=admin_opd.user, pegawai=kepala_opd, atasan=bawahan)
        assert "rantai atasan tidak boleh melingkar" in _pesan(exc, "atasan")[0]
    kepala_opd.refresh_from_db()
    assert kepala_opd.atasan_id is None


@pytest.mark.django_db
def test_ganti_atasan_yang_sah_tanpa_riwayat_baru(admin_opd, pegawai, rekan):
    services.pegawai_update(actor=admin_opd.user, pegawai=pegawai, atasan=rekan)
    pegawai.refresh_from_db()
    assert pegawai.atasan == rekan and not pegawai.riwayat.exists()


# --- update -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_update_pegawai_opd_lain_ditolak(admin_opd, outsider):
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=admin_opd.user, pegawai=outsider, nama="Diubah")
    outsider.refresh_from_db()
    assert outsider.nama == "Orang Luar"


@pytest.mark.django_db
def test_ganti_nip_mengikutkan_akun_dan_menolak_nip_akun_lain(admin_bkd, pegawai):
    services.pegawai_update(actor=admin_bkd.user, pegawai=pegawai, nip=NIP_BARU, email="baru@contoh.go.id")
    pegawai.refresh_from_db()
    assert pegawai.user.username == NIP_BARU and pegawai.user.email == "baru@contoh.go.id"
    lain = nip_valid(12, lahir=date(2000, 4, 10))
    User.objects.create_user(lain)
    with pytest.raises(ValidationError) as exc:
        services.pegawai_update(actor=admin_bkd.user, pegawai=pegawai, nip=lain)
    assert _pesan(exc, "nip") == ["Sudah ada akun dengan NIP ini."]
    pegawai.refresh_from_db()
    assert pegawai.nip == NIP_BARU  # the whole change rolled back


# --- move -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mutasi_menutup_penempatan_lama_dan_membuka_yang_baru(admin_opd, pegawai, seksi_a, rekan):
    RiwayatJabatan.objects.create(pegawai=pegawai, unit=pegawai.unit, jabatan=pegawai.jabatan, mulai=date(2019, 1, 1))
    jabatan_baru = JabatanFactory(jenis=Jabatan.Jenis.FUNGSIONAL, jenjang=Jabatan.Jenjang.MUDA)
    services.pegawai_move(
        actor=admin_opd.user, pegawai=pegawai, unit=seksi_a, jabatan=jabatan_baru, atasan=rekan, keterangan=" SK 9 "
    )
    pegawai.refresh_from_db()
    assert (pegawai.unit, pegawai.jabatan, pegawai.atasan) == (seksi_a, jabatan_baru, rekan)
    lama, baru = pegawai.riwayat.order_by("id")
    assert lama.sampai is not None and lama.mulai == date(2019, 1, 1)
    assert (baru.unit, baru.jabatan, baru.sampai, baru.keterangan, baru.dicatat_oleh) == (
        seksi_a,
        jabatan_baru,
        None,
        "SK 9",
        admin_opd.user,
    )
    assert RiwayatJabatan.objects.filter(pegawai=pegawai, sampai__isnull=True).count() == 1


@pytest.mark.django_db
def test_mutasi_butuh_keterangan_dan_pegawai_aktif(admin_opd, pegawai, seksi_a):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_move(
            actor=admin_opd.user, pegawai=pegawai, unit=seksi_a, jabatan=pegawai.jabatan, atasan=None, keterangan=" "
        )
    assert _pesan(exc, "keterangan") == ["Keterangan mutasi wajib diisi (misalnya nomor SK)."]
    Pegawai.objects.filter(pk=pegawai.pk).update(aktif=False)
    with pytest.raises(ValidationError) as exc:
        services.pegawai_move(
            actor=admin_opd.user, pegawai=pegawai, unit=seksi_a, jabatan=pegawai.jabatan, atasan=None, keterangan="SK"
        )
    assert _pesan(exc) == ["Pegawai tidak aktif; aktifkan kembali sebelum mutasi."]
    pegawai.refresh_from_db()
    assert pegawai.unit != seksi_a and not pegawai.riwayat.exists()


@pytest.mark.django_db
def test_admin_opd_tidak_bisa_memutasi_ke_opd_lain(admin_opd, pegawai, opd_b):
    with pytest.raises(PermissionDenied):
        services.pegawai_move(
            actor=admin_opd.user, pegawai=pegawai, unit=opd_b, jabatan=pegawai.jabatan, atasan=None, keterangan="SK"
        )
    pegawai.refresh_from_db()
    assert pegawai.unit != opd_b


# --- deactivate / reactivate ------------------------------------------------------------------


@pytest.mark.django_db
def test_nonaktifkan_menutup_akun_dan_penempatan(admin_opd, pegawai):
    RiwayatJabatan.objects.create(pegawai=pegawai, unit=pegawai.unit, jabatan=pegawai.jabatan, mulai=date(2019, 1, 1))
    services.pegawai_deactivate(actor=admin_opd.user, pegawai=pegawai, alasan=" Pensiun ")
    pegawai.refresh_from_db()
    assert not pegawai.aktif and not pegawai.user.is_active
    riwayat = pegawai.riwayat.get()
    assert riwayat.sampai is not None and riwayat.keterangan == "Nonaktif: Pensiun"


@pytest.mark.django_db
def test_aturan_penonaktifan(admin_opd, atasan, pegawai, rekan, outsider):
    with pytest.raises(ValidationError) as exc:
        services.pegawai_deactivate(actor=admin_opd.user, pegawai=pegawai, alasan="  ")
    assert _pesan(exc, "alasan") == ["Alasan penonaktifan wajib diisi."]
    with pytest.raises(ValidationError) as exc:
        services.pegawai_deactivate(actor=admin_opd.user, pegawai=atasan, alasan="Pensiun")
    assert _pesan(exc) == [
        "Pegawai ini masih menjadi atasan langsung 2 pegawai aktif; tetapkan atasan baru bagi mereka terlebih dahulu."
    ]
    with pytest.raises(ValidationError) as exc:
        services.pegawai_deactivate(actor=admin_opd.user, pegawai=admin_opd, alasan="Pindah")
    assert _pesan(exc) == ["Anda tidak dapat menonaktifkan akun Anda sendiri."]
    with pytest.raises(PermissionDenied):
        services.pegawai_deactivate(actor=admin_opd.user, pegawai=outsider, alasan="Pindah")
    assert Pegawai.objects.filter(aktif=False).count() == 0
    # Once the subordinates are gone, the atasan may leave too; twice is refused.
    Pegawai.objects.filter(pk__in=[pegawai.pk, rekan.pk]).update(aktif=False)
    services.pegawai_deactivate(actor=admin_opd.user, pegawai=atasan, alasan="Pensiun")
    with pytest.raises(ValidationError) as exc:
        services.pegawai_deactivate(actor=admin_opd.user, pegawai=atasan, alasan="Pensiun")
    assert _pesan(exc) == ["Pegawai ini sudah tidak aktif."]


@pytest.mark.django_db
def test_aktifkan_kembali_membuka_penempatan_baru(admin_opd, pegawai, outsider):
    services.pegawai_deactivate(actor=admin_opd.user, pegawai=pegawai, alasan="Cuti di luar tanggungan negara")
    services.pegawai_reactivate(actor=admin_opd.user, pegawai=pegawai)
    pegawai.refresh_from_db()
    assert pegawai.aktif and pegawai.user.is_active
    assert pegawai.riwayat.get(sampai__isnull=True).keterangan == "Diaktifkan kembali"
    with pytest.raises(ValidationError) as exc:
        services.pegawai_reactivate(actor=admin_opd.user, pegawai=pegawai)
    assert _pesan(exc) == ["Pegawai ini sudah aktif."]
    Pegawai.objects.filter(pk=outsider.pk).update(aktif=False)
    with pytest.raises(PermissionDenied):
        services.pegawai_reactivate(actor=admin_opd.user, pegawai=outsider)


@pytest.mark.django_db
def test_reset_kode_aktivasi_aturan(admin_opd, pegawai, outsider):
    kode = services.akun_reset_aktivasi(actor=admin_opd.user, pegawai=pegawai)
    pegawai.refresh_from_db()
    assert services.kode_aktivasi_cocok(pegawai, kode.lower().replace("-", " "))
    with pytest.raises(PermissionDenied):
        services.akun_reset_aktivasi(actor=admin_opd.user, pegawai=outsider)
    Pegawai.objects.filter(pk=pegawai.pk).update(aktif=False)
    with pytest.raises(ValidationError):
        services.akun_reset_aktivasi(actor=admin_opd.user, pegawai=pegawai)


# --- unit tree --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unit_baru_mengetahui_opdnya(admin_bkd, admin_opd, pemda, opd_a):
    opd = services.unit_create(actor=admin_bkd.user, kode="DISPAR", nama="Dinas Pariwisata", jenis="opd", induk=pemda)
    assert opd.opd == opd
    bidang = services.unit_create(
        actor=admin_opd.user, kode="DISDIK-SMP", nama="Bidang SMP", jenis="bidang", induk=opd_a
    )
    seksi = services.unit_create(
        actor=admin_opd.user, kode="DISDIK-SMP-1", nama="Seksi Kurikulum", jenis="subbidang", induk=bidang
    )
    assert bidang.opd == opd_a and seksi.opd == opd_a


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("jenis", "induk", "pesan"),
    [
        ("pemda", "pemda", "Unit Pemerintah Daerah tidak memiliki unit induk."),
        ("opd", None, "Unit induk wajib diisi."),
        ("opd", "opd_a", "Perangkat Daerah (OPD) tidak dapat berada di bawah Perangkat Daerah (OPD)."),
        ("bidang", "bidang_a", "Bidang/Bagian tidak dapat berada di bawah Bidang/Bagian."),
        ("bidang", "pemda", "Bidang/Seksi harus berada di bawah sebuah OPD."),
    ],
)
def test_aturan_pohon_unit(admin_bkd, pemda, opd_a, bidang_a, jenis, induk, pesan):
    induk = {"pemda": pemda, "opd_a": opd_a, "bidang_a": bidang_a}.get(induk)
    with pytest.raises(ValidationError) as exc:
        services.unit_create(actor=admin_bkd.user, kode="BARU", nama="Unit Baru", jenis=jenis, induk=induk)
    assert _pesan(exc, "induk") == [pesan]
    assert not UnitKerja.objects.filter(kode="BARU").exists()


@pytest.mark.django_db
def test_admin_opd_hanya_mengelola_bidang_di_opdnya(admin_opd, pemda, opd_a, opd_b, bidang_a):
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=admin_opd.user, kode="X1", nama="OPD X", jenis="opd", induk=pemda)
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=admin_opd.user, kode="X2", nama="Bidang X", jenis="bidang", induk=opd_b)
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=admin_opd.user, unit=opd_a, kode="DISDIK", nama="Ganti", induk=pemda)
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=admin_opd.user, unit=bidang_a, kode=bidang_a.kode, nama="Pindah", induk=opd_b)
    bidang_a.refresh_from_db()
    assert bidang_a.induk == opd_a and not UnitKerja.objects.filter(kode__in=["X1", "X2"]).exists()


@pytest.mark.django_db
def test_pindah_bidang_ke_opd_lain_ikut_memindahkan_sub_unit(admin_bkd, opd_a, opd_b, bidang_a, seksi_a):
    services.unit_update(actor=admin_bkd.user, unit=bidang_a, kode=bidang_a.kode, nama=bidang_a.nama, induk=opd_b)
    bidang_a.refresh_from_db()
    seksi_a.refresh_from_db()
    assert bidang_a.opd == opd_b and seksi_a.opd == opd_b


@pytest.mark.django_db
def test_unit_tidak_boleh_menjadi_induk_dirinya(admin_bkd, bidang_a):
    with pytest.raises(ValidationError):
        services.unit_update(
            actor=admin_bkd.user, unit=bidang_a, kode=bidang_a.kode, nama=bidang_a.nama, induk=bidang_a
        )


@pytest.mark.django_db
def test_unit_dengan_pegawai_atau_sub_unit_aktif_tidak_bisa_dinonaktifkan(
    admin_bkd, opd_a, bidang_a, seksi_a, jabatan_staf
):
    p = PegawaiFactory(unit=seksi_a, jabatan=jabatan_staf)
    ubah = {"actor": admin_bkd.user, "kode": seksi_a.kode, "nama": seksi_a.nama, "aktif": False}
    with pytest.raises(ValidationError) as exc:
        services.unit_update(unit=seksi_a, induk=bidang_a, **ubah)
    assert _pesan(exc, "aktif") == ["Unit masih memiliki pegawai aktif; pindahkan mereka terlebih dahulu."]
    with pytest.raises(ValidationError) as exc:
        services.unit_update(
            actor=admin_bkd.user, unit=bidang_a, kode=bidang_a.kode, nama=bidang_a.nama, induk=opd_a, aktif=False
        )
    assert _pesan(exc, "aktif") == ["Unit masih memiliki sub-unit aktif; nonaktifkan sub-unit terlebih dahulu."]
    Pegawai.objects.filter(pk=p.pk).update(aktif=False)
    services.unit_update(unit=seksi_a, induk=bidang_a, **ubah)
    services.unit_update(
        actor=admin_bkd.user, unit=bidang_a, kode=bidang_a.kode, nama=bidang_a.nama, induk=opd_a, aktif=False
    )
    assert not UnitKerja.objects.filter(pk__in=[seksi_a.pk, bidang_a.pk], aktif=True).exists()


# --- positions --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("jenis", "jenjang", "pesan"),
    [
        ("pelaksana", "muda", "Jenjang hanya diisi untuk jabatan JPT dan fungsional."),
        ("administrator", "pratama", "Jenjang hanya diisi untuk jabatan JPT dan fungsional."),
        ("jpt", "", "Jenjang untuk jabatan Jabatan Pimpinan Tinggi (JPT) harus salah satu dari: Madya (JPT), Pratama."),
        (
            "jpt",
            "utama",
            "Jenjang untuk jabatan Jabatan Pimpinan Tinggi (JPT) harus salah satu dari: Madya (JPT), Pratama.",
        ),
        ("fungsional", "pratama", "Jenjang untuk jabatan Fungsional harus salah satu dari: "),
    ],
)
def test_aturan_jenjang_jabatan(admin_bkd, jenis, jenjang, pesan):
    with pytest.raises(ValidationError) as exc:
        services.jabatan_create(actor=admin_bkd.user, kode="J1", nama="Jabatan", jenis=jenis, jenjang=jenjang)
    assert _pesan(exc, "jenjang")[0].startswith(pesan)
    assert not Jabatan.objects.filter(kode="J1").exists()


@pytest.mark.django_db
def test_jabatan_sah_dan_hanya_admin_bkd(admin_bkd, admin_opd):
    j = services.jabatan_create(
        actor=admin_bkd.user, kode=" JF-1 ", nama=" Perawat Mahir ", jenis="fungsional", jenjang="mahir"
    )
    assert (j.kode, j.nama) == ("JF-1", "Perawat Mahir")
    with pytest.raises(PermissionDenied):
        services.jabatan_create(actor=admin_opd.user, kode="J2", nama="X", jenis="pelaksana")
    with pytest.raises(PermissionDenied):
        services.jabatan_update(actor=admin_opd.user, jabatan=j, kode="JF-1", nama="Ganti", jenis="pelaksana")
    services.jabatan_update(
        actor=admin_bkd.user,
        jabatan=j,
        kode="JF-1",
        nama="Perawat Mahir",
        jenis="fungsional",
        jenjang="mahir",
        aktif=False,
    )
    j.refresh_from_db()
    assert not j.aktif and j.nama == "Perawat Mahir"
