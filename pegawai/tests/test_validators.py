import pytest
from django.core.exceptions import ValidationError

from pegawai.validators import nip_parse, validate_nip


def pesan(nip: str) -> str:
    with pytest.raises(ValidationError) as exc:
        validate_nip(nip)
    return exc.value.messages[0]


def test_nip_valid_diurai_menjadi_tanggal_lahir_tmt_dan_jenis_kelamin():
    lahir, tahun, bulan, kelamin = nip_parse("198503152010012001")
    assert (lahir.isoformat(), tahun, bulan, kelamin) == ("1985-03-15", 2010, 1, 2)


@pytest.mark.parametrize(
    "nip",
    ["19850315201001200", "1985031520100120011", "19850315201001200a", "１９８５０３１５２０１００１２００１", ""],
)
def test_nip_harus_18_digit_angka(nip):
    assert pesan(nip) == "NIP harus terdiri dari 18 digit angka."


@pytest.mark.parametrize("nip", ["198502302010012001", "198513012010012001", "198500102010012001"])
def test_tanggal_lahir_yang_tidak_ada_ditolak(nip):
    assert pesan(nip) == "Tanggal lahir pada NIP (digit 1-8) tidak valid."


def test_tanggal_lahir_terlalu_tua_atau_di_masa_depan_ditolak():
    assert pesan("183503152010012001") == "Tanggal lahir pada NIP (digit 1-8) tidak mungkin."
    assert pesan("209903152010012001") == "Tanggal lahir pada NIP (digit 1-8) tidak mungkin."


@pytest.mark.parametrize("nip", ["198503152010002001", "198503152010132001"])
def test_bulan_tmt_di_luar_1_sampai_12_ditolak(nip):
    assert pesan(nip) == "Bulan pengangkatan (TMT) pada NIP (digit 13-14) tidak valid."


def test_tmt_sebelum_usia_18_ditolak():
    assert pesan("198503152002012001") == "Pengangkatan (TMT) pada NIP terjadi sebelum usia 18 tahun."
    # exactly 18 in the birth month is accepted
    validate_nip("198503152003032001")


def test_tmt_di_masa_depan_ditolak():
    assert pesan("198503152099012001") == "Tahun pengangkatan (TMT) pada NIP ada di masa depan."


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_digit_jenis_kelamin_selain_1_atau_2_ditolak(digit):
    assert pesan(f"19850315201001{digit}001") == "Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2."


def test_nomor_urut_000_ditolak():
    assert pesan("198503152010011000") == "Nomor urut pada NIP (digit 16-18) tidak boleh 000."
