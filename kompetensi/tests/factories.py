import datetime

import factory
from django.utils import timezone

from kompetensi.models import (
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    ProgramKompetensi,
    ProgramPengembangan,
    PutaranPenilaian,
    StandarKompetensiJabatan,
    StandarLevelDefault,
)
from pegawai.tests.factories import JabatanFactory

ASPEK = [a.value for a in IndikatorPerilaku.Aspek]


class KompetensiFactory(factory.django.DjangoModelFactory):
    """`KompetensiFactory(lengkap=True)` also creates levels 1 to 5 with three indicators each."""

    class Meta:
        model = Kompetensi
        skip_postgeneration_save = True

    kode = factory.Sequence(lambda n: f"K.{n}")
    nama = factory.Sequence(lambda n: f"Kompetensi {n}")
    jenis = Kompetensi.Jenis.MANAJERIAL
    definisi = factory.LazyAttribute(lambda o: f"Definisi {o.nama}.")
    urutan = factory.Sequence(lambda n: n)

    @factory.post_generation
    def lengkap(obj, create, extracted, **kwargs):
        if not (create and extracted):
            return
        for level in range(1, 6):
            lv = LevelKompetensiFactory(kompetensi=obj, level=level)
            for urutan in range(1, 4):
                IndikatorPerilakuFactory(level=lv, urutan=urutan, aspek=ASPEK[(level + urutan) % 3])


class LevelKompetensiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LevelKompetensi

    kompetensi = factory.SubFactory(KompetensiFactory)
    level = 1
    deskripsi = factory.LazyAttribute(lambda o: f"Deskripsi level {o.level}.")


class IndikatorPerilakuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorPerilaku

    level = factory.SubFactory(LevelKompetensiFactory)
    urutan = factory.Sequence(lambda n: n)
    teks = factory.Sequence(lambda n: f"Indikator perilaku {n}.")
    aspek = IndikatorPerilaku.Aspek.KETERAMPILAN


class StandarLevelDefaultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandarLevelDefault
        django_get_or_create = ("jenis_jabatan", "jenjang")

    jenis_jabatan = "pelaksana"
    jenjang = ""
    level = 1


class StandarKompetensiJabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandarKompetensiJabatan

    jabatan = factory.SubFactory(JabatanFactory)
    kompetensi = factory.SubFactory(KompetensiFactory)
    level = 2
    khusus = False


# --- rounds, assessments, development -------------------------------------------------------


class PutaranPenilaianFactory(factory.django.DjangoModelFactory):
    """A bare round row. To open a real round with its snapshot use `services.putaran.putaran_buka`."""

    class Meta:
        model = PutaranPenilaian

    nama = factory.Sequence(lambda n: f"Penilaian Kompetensi {n}")
    tanggal_mulai = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year, 1, 1))
    tanggal_selesai = factory.LazyFunction(lambda: datetime.date(timezone.localdate().year, 12, 31))
    batas_diri = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    batas_rekan = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))
    batas_atasan = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=28))
    dibuat_oleh = factory.SubFactory("pegawai.tests.factories.UserFactory")


class ProgramPengembanganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramPengembangan

    kode = factory.Sequence(lambda n: f"PRG-{n}")
    nama = factory.Sequence(lambda n: f"Pelatihan {n}")
    jenis = ProgramPengembangan.Jenis.PELATIHAN
    jp = 8


class ProgramKompetensiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramKompetensi

    program = factory.SubFactory(ProgramPengembanganFactory)
    kompetensi = factory.SubFactory(KompetensiFactory)
    level_target = 3


# --- development plans (pengembangan) ---------------------------------------------------------


class RencanaPengembanganFactory(factory.django.DjangoModelFactory):
    """A planned activity (status direncanakan) from a catalogue programme."""

    class Meta:
        model = "kompetensi.RencanaPengembangan"

    pegawai = factory.SubFactory("pegawai.tests.factories.PegawaiFactory")
    program = factory.SubFactory(ProgramPengembanganFactory)
    judul = factory.LazyAttribute(lambda o: o.program.nama if o.program else "Kegiatan pengembangan")
    jenis = factory.LazyAttribute(lambda o: o.program.jenis if o.program else "pelatihan")
    tanggal_mulai = factory.LazyFunction(timezone.localdate)
    tanggal_selesai = factory.LazyAttribute(lambda o: o.tanggal_mulai)
    jp_rencana = factory.LazyAttribute(lambda o: o.program.jp if o.program else 8)
    dibuat_oleh = factory.SubFactory("pegawai.tests.factories.UserFactory")


def putaran_buka_uji(actor, unit, **kw):
    """Open a real round (snapshot included) through `putaran_buka` with test defaults: this
    year as the period and deadlines 7, 10 and 14 days ahead. Returns its `RingkasanBuka`."""
    from kompetensi.services.putaran import putaran_buka

    hari_ini = timezone.localdate()
    data = {
        "nama": "Putaran Uji",
        "tanggal_mulai": datetime.date(hari_ini.year, 1, 1),
        "tanggal_selesai": datetime.date(hari_ini.year, 12, 31),
        "batas_diri": hari_ini + datetime.timedelta(days=7),
        "batas_rekan": hari_ini + datetime.timedelta(days=10),
        "batas_atasan": hari_ini + datetime.timedelta(days=14),
        **kw,
    }
    return putaran_buka(actor=actor, unit=unit, **data)
