import factory
from django.core.files.base import ContentFile

from asn_kinerja.xlsx import workbook_baru, workbook_bytes
from pegawai.tests.factories import UserFactory
from unduhan.models import Ekspor
from unduhan.services import parameter_kunci


def xlsx_isi(*baris) -> bytes:
    wb = workbook_baru()
    ws = wb.create_sheet("Data")
    for b in baris:
        ws.append(list(b))
    return workbook_bytes(wb)


class EksporFactory(factory.django.DjangoModelFactory):
    """A finished export with a small real workbook (override status/berkas for others)."""

    class Meta:
        model = Ekspor

    pemilik = factory.SubFactory(UserFactory)
    jenis = "evaluasi.log_rekap"
    parameter = factory.Sequence(lambda n: {"bulan": "2026-01", "n": n})
    kunci = factory.LazyAttribute(lambda o: parameter_kunci(o.parameter))
    status = Ekspor.Status.SELESAI
    progres = 100
    nama_berkas = "rekap-log-harian-2026-01.xlsx"
    berkas = factory.LazyFunction(lambda: ContentFile(xlsx_isi(("NIP", "Nama"), ("1", "Uji")), name="x.xlsx"))
