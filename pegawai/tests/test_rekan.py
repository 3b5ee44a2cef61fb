"""The peer (360) picker shared by kompetensi and evaluasi (pegawai/rekan.py, forms_rekan.py): who
is never a peer, who may be picked, and the assignment form's parsing of ids. The pages that use
them are tested in each app (test_rekan_atur.py)."""

import pytest
from django.http import QueryDict

from pegawai.forms_rekan import PESAN_REKAN_ID_TIDAK_VALID, RekanAturForm, pilih_ids
from pegawai.models import Pegawai
from pegawai.rekan import rekan_dikecualikan, rekan_kandidat_opd_qs
from pegawai.tests.factories import PegawaiFactory


@pytest.mark.django_db
def test_bukan_rekan_diri_sendiri_dan_seluruh_rantai_atasan(kepala_opd, atasan, pegawai, rekan):
    pegawai = Pegawai.objects.get(pk=pegawai.pk)  # with its `jalur` as stored
    bawahan = PegawaiFactory(nama="Bawahan Pegawai", unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=pegawai)
    assert rekan_dikecualikan(pegawai) == {pegawai.pk, atasan.pk, kepala_opd.pk}
    assert rekan_dikecualikan(pegawai, rekan.pk, None) == {pegawai.pk, atasan.pk, kepala_opd.pk, rekan.pk}
    # A subordinate is not above them: they may be a peer.
    assert bawahan.pk not in rekan_dikecualikan(pegawai)


@pytest.mark.django_db
def test_bukan_rekan_walau_jalur_belum_dihitung(atasan, pegawai):
    Pegawai.objects.filter(pk=pegawai.pk).update(jalur="")
    pegawai = Pegawai.objects.get(pk=pegawai.pk)
    assert rekan_dikecualikan(pegawai) == {pegawai.pk, atasan.pk}


@pytest.mark.django_db
def test_kandidat_aktif_berakun_di_opd_yang_sama(opd_a, bidang_a, pegawai, rekan, atasan, admin_opd, outsider):
    nonaktif = PegawaiFactory(unit=bidang_a, jabatan=pegawai.jabatan, aktif=False)
    tanpa_akun = PegawaiFactory(unit=bidang_a, jabatan=pegawai.jabatan, user=None)
    kandidat = set(rekan_kandidat_opd_qs(opd_id=opd_a.pk, kecuali={pegawai.pk, atasan.pk}))
    assert rekan in kandidat and admin_opd in kandidat  # another unit of the same OPD
    assert not kandidat & {pegawai, atasan, outsider, nonaktif, tanpa_akun}


@pytest.mark.django_db
def test_kandidat_tanpa_opd_hanya_dari_unitnya(bidang_a, pegawai, rekan, admin_opd):
    kandidat = set(rekan_kandidat_opd_qs(opd_id=None, unit_id=bidang_a.pk, kecuali={pegawai.pk}))
    assert rekan in kandidat and admin_opd not in kandidat and pegawai not in kandidat


def _form(*nilai: str) -> RekanAturForm:
    data = QueryDict(mutable=True)
    data.setlist("rekan", list(nilai))
    return RekanAturForm(data=data)


def test_form_rekan_membaca_id():
    form = _form("12", " 7 ")
    assert form.is_valid() and form.cleaned_data["rekan"] == [12, 7]
    kosong = _form()
    assert kosong.is_valid() and kosong.cleaned_data["rekan"] == []  # the count is the service's rule


@pytest.mark.parametrize("sampah", ["abc", "", "-1", "1.5", "1e3", "²", "٣", "9" * 19])
def test_form_rekan_menolak_yang_bukan_id(sampah):
    form = _form("12", sampah)
    assert not form.is_valid()
    assert form.non_field_errors() == [PESAN_REKAN_ID_TIDAK_VALID]


def test_pilih_membuang_sampah_dan_dibatasi():
    assert pilih_ids(["3", "abc", "²", "", "9" * 19, "4"]) == [3, 4]
    assert pilih_ids([str(i) for i in range(1, 30)]) == list(range(1, 11))
