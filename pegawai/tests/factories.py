import datetime
import random

import factory
from django.contrib.auth import get_user_model

from pegawai.models import Jabatan, Pegawai, PeranPengguna, UnitKerja


def nip_valid(n: int, *, lahir: datetime.date | None = None, perempuan: bool | None = None) -> str:
    """A NIP that passes validation, unique per n (sequence in the last digits and the birth day)."""
    rnd = random.Random(n)
    if lahir is None:
        lahir = datetime.date(1965 + rnd.randrange(35), 1 + rnd.randrange(12), 1 + rnd.randrange(28))
    tmt_tahun = min(lahir.year + 22 + rnd.randrange(10), 2024)
    kelamin = ("2" if perempuan else "1") if perempuan is not None else str(1 + n % 2)
    return f"{lahir:%Y%m%d}{tmt_tahun:04d}{1 + rnd.randrange(12):02d}{kelamin}{(n % 999) + 1:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-uji-123")


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja
        skip_postgeneration_save = True

    kode = factory.Sequence(lambda n: f"U{n:05d}")
    nama = factory.Sequence(lambda n: f"Unit {n}")
    jenis = UnitKerja.Jenis.OPD
    induk = None

    @factory.post_generation
    def _opd(obj, create, extracted, **kwargs):
        opd = None
        if obj.jenis == UnitKerja.Jenis.OPD:
            opd = obj
        elif obj.induk is not None:
            opd = obj.induk.opd
        if opd is not None and obj.opd_id != opd.pk:
            obj.opd = opd
            if create:
                obj.save(update_fields=["opd"])


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    kode = factory.Sequence(lambda n: f"J{n:05d}")
    nama = factory.Sequence(lambda n: f"Analis {n}")
    jenis = Jabatan.Jenis.PELAKSANA
    jenjang = ""


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai
        skip_postgeneration_save = True

    nip = factory.Sequence(lambda n: nip_valid(n + 1))
    nama = factory.Faker("name", locale="id_ID")
    status_kepegawaian = Pegawai.Status.PNS
    golongan = "III/a"
    unit = factory.SubFactory(UnitKerjaFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    atasan = None
    user = factory.LazyAttribute(lambda o: UserFactory(username=o.nip, first_name=o.nama[:150]))

    @factory.post_generation
    def _jalur(obj, create, extracted, **kwargs):
        """Keep the supervisor path right, as the services do."""
        if create:
            from pegawai.hierarki import jalur_pindahkan

            jalur_pindahkan(obj)


class PeranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeranPengguna

    user = factory.SubFactory(UserFactory)
    peran = PeranPengguna.Peran.ADMIN_BKD
    opd = None
