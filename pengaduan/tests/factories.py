"""Factories for pengaduan tests. `PengaduanFactory(opd=...)` makes a new case with its
identity; the tracking key of a factory case is KUNCI_UJI."""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.utils import timezone

from pengaduan.lacak import kode_baru, kunci_hash
from pengaduan.models import IdentitasPelapor, Kelas, LayananSkm, Pengaduan, Privasi, ResponSkm

KUNCI_UJI = "K7QM-2XJ9-PA4R"


class PengaduanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengaduan
        skip_postgeneration_save = True

    kode = factory.LazyFunction(kode_baru)
    kunci_hash = factory.LazyFunction(lambda: kunci_hash(KUNCI_UJI))
    token_kirim = factory.LazyFunction(uuid.uuid4)
    kelas = Kelas.PENGADUAN
    opd = None
    judul = factory.Sequence(lambda n: f"Pelayanan KTP lambat {n}")
    uraian = "Antrean tiga jam dan petugas tidak ada di loket."
    tanggal_layanan = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    privasi = Privasi.BIASA
    diterima_pada = factory.LazyFunction(timezone.now)
    batas_verifikasi = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
    identitas = factory.RelatedFactory(
        "pengaduan.tests.factories.IdentitasPelaporFactory", factory_related_name="pengaduan"
    )


class IdentitasPelaporFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentitasPelapor

    nama = factory.Sequence(lambda n: f"Warga Pelapor {n}")
    email = factory.Sequence(lambda n: f"warga{n}@contoh.id")
    telepon = "081234567890"


class LayananSkmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LayananSkm

    unit = None
    nama = factory.Sequence(lambda n: f"Layanan Perizinan {n}")
    populasi = 500


class ResponSkmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponSkm

    layanan = None
    u1 = u2 = u3 = u4 = u5 = u6 = u7 = u8 = u9 = 3
    usia = ResponSkm.Usia.U31_40
    jenis_kelamin = ResponSkm.JenisKelamin.P
    pendidikan = ResponSkm.Pendidikan.SMA
    pekerjaan = ResponSkm.Pekerjaan.WIRASWASTA
    token_kirim = factory.LazyFunction(uuid.uuid4)
    created_at = factory.LazyFunction(timezone.now)
