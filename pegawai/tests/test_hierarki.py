"""The supervisor path (`Pegawai.jalur`) stays right through every write, and scopes follow it."""

import pytest
from django.core.management import call_command

from pegawai import services
from pegawai.access import akses_reset, pegawai_bawahan, pegawai_scope
from pegawai.hierarki import jalur_hitung_ulang
from pegawai.models import Pegawai
from pegawai.tests.factories import PegawaiFactory


def jalur_dari_rantai(p: Pegawai) -> str:
    ids = []
    node = p
    while node is not None:
        ids.append(node.pk)
        node = node.atasan
    return "/" + "/".join(str(i) for i in reversed(ids)) + "/"


def semua_jalur_benar() -> bool:
    return all(p.jalur == jalur_dari_rantai(p) for p in Pegawai.objects.select_related("atasan"))


@pytest.mark.django_db
def test_jalur_mengikuti_rantai_atasan(kepala_opd, atasan, pegawai, rekan):
    pegawai.refresh_from_db()
    assert pegawai.jalur == f"/{kepala_opd.pk}/{atasan.pk}/{pegawai.pk}/"
    assert semua_jalur_benar()


@pytest.mark.django_db
def test_mutasi_atasan_memindahkan_seluruh_subpohon(admin_bkd, kepala_opd, atasan, pegawai, rekan, outsider):
    # atasan (with pegawai and rekan under them) moves under outsider
    services.pegawai_update(actor=admin_bkd.user, pegawai=atasan, atasan=outsider)
    assert semua_jalur_benar()
    assert set(pegawai_bawahan(outsider.pk)) == {atasan, pegawai, rekan}
    assert set(pegawai_bawahan(kepala_opd.pk)) == set()
    akses_reset(kepala_opd.user)
    assert pegawai not in set(pegawai_scope(kepala_opd.user))
    assert pegawai in set(pegawai_scope(outsider.user))


@pytest.mark.django_db
def test_pegawai_baru_dan_tanpa_atasan_mendapat_jalur(admin_bkd, bidang_a, jabatan_staf, atasan):
    baru, _kode = services.pegawai_create(
        actor=admin_bkd.user,
        nip="199001012015031001",
        nama="Pegawai Baru",
        status_kepegawaian="pns",
        golongan="III/a",
        unit=bidang_a,
        jabatan=jabatan_staf,
        atasan=atasan,
    )
    assert baru.jalur == f"{Pegawai.objects.get(pk=atasan.pk).jalur}{baru.pk}/"
    services.pegawai_update(actor=admin_bkd.user, pegawai=baru, atasan=None)
    assert Pegawai.objects.get(pk=baru.pk).jalur == f"/{baru.pk}/"
    assert semua_jalur_benar()


@pytest.mark.django_db
def test_hitung_ulang_memperbaiki_jalur_yang_rusak_dan_idempoten(kepala_opd, atasan, pegawai, rekan):
    Pegawai.objects.update(jalur="")
    assert jalur_hitung_ulang() == 4
    assert semua_jalur_benar()
    assert jalur_hitung_ulang() == 0
    Pegawai.objects.filter(pk=pegawai.pk).update(jalur="/rusak/")
    call_command("pegawai_jalur", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert semua_jalur_benar()


@pytest.mark.django_db
def test_siklus_pada_data_lama_diputus_tanpa_saling_melihat(opd_a, jabatan_staf):
    a = PegawaiFactory(unit=opd_a, jabatan=jabatan_staf)
    b = PegawaiFactory(unit=opd_a, jabatan=jabatan_staf, atasan=a)
    Pegawai.objects.filter(pk=a.pk).update(atasan=b)  # corrupt data, bypassing the services
    jalur_hitung_ulang()
    jalur = dict(Pegawai.objects.values_list("id", "jalur"))
    assert not jalur[a.pk].startswith(jalur[b.pk]) or not jalur[b.pk].startswith(jalur[a.pk])
    assert set(pegawai_bawahan(a.pk)) | set(pegawai_bawahan(b.pk)) <= {a, b}
    assert len(set(pegawai_bawahan(a.pk)) | set(pegawai_bawahan(b.pk))) <= 1


@pytest.mark.django_db
def test_prefix_id_tidak_tertukar_dengan_id_yang_diawali_angka_sama(opd_a, jabatan_staf):
    # "/1/" must not match "/12/": the trailing slash is part of the prefix
    pegawai_list = [PegawaiFactory(unit=opd_a, jabatan=jabatan_staf) for _ in range(12)]
    satu = pegawai_list[0]
    assert set(pegawai_bawahan(satu.pk)) == set()
