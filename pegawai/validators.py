"""NIP validation as DOMAIN.md describes it.

NIP (and the PPPK number, same shape) is 18 digits: birth date YYYYMMDD, appointment month
(TMT CPNS) YYYYMM, sex digit (1 man, 2 woman), 3-digit sequence.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

USIA_MINIMAL_PENGANGKATAN = 18
TAHUN_LAHIR_MINIMAL = 1940


def nip_parse(nip: str) -> tuple[date, int, int, int]:
    """Return (birth date, TMT year, TMT month, sex digit) or raise ValidationError."""
    nip = (nip or "").strip()
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        raise ValidationError("NIP harus terdiri dari 18 digit angka.", code="nip_format")
    try:
        lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError("Tanggal lahir pada NIP (digit 1-8) tidak valid.", code="nip_lahir") from None
    hari_ini = timezone.localdate()
    if lahir.year < TAHUN_LAHIR_MINIMAL or lahir > hari_ini:
        raise ValidationError("Tanggal lahir pada NIP (digit 1-8) tidak mungkin.", code="nip_lahir")
    tmt_tahun, tmt_bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_bulan <= 12:
        raise ValidationError("Bulan pengangkatan (TMT) pada NIP (digit 13-14) tidak valid.", code="nip_tmt")
    if (tmt_tahun, tmt_bulan) > (hari_ini.year + 1, hari_ini.month):
        raise ValidationError("Tahun pengangkatan (TMT) pada NIP ada di masa depan.", code="nip_tmt")
    if (tmt_tahun, tmt_bulan) < (lahir.year + USIA_MINIMAL_PENGANGKATAN, lahir.month):
        raise ValidationError("Pengangkatan (TMT) pada NIP terjadi sebelum usia 18 tahun.", code="nip_tmt")
    jenis_kelamin = int(nip[14])
    if jenis_kelamin not in (1, 2):
        raise ValidationError("Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2.", code="nip_kelamin")
    if nip[15:18] == "000":
        raise ValidationError("Nomor urut pada NIP (digit 16-18) tidak boleh 000.", code="nip_urut")
    return lahir, tmt_tahun, tmt_bulan, jenis_kelamin


def validate_nip(nip: str) -> None:
    nip_parse(nip)
