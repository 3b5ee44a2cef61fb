import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from pegawai.access import access_pegawai, akses_get, is_atasan, pegawai_bawahan, pegawai_scope


@pytest.mark.django_db
def test_pegawai_hanya_melihat_dirinya(pegawai, rekan, atasan, outsider):
    assert set(pegawai_scope(pegawai.user)) == {pegawai}


@pytest.mark.django_db
def test_atasan_melihat_bawahan_langsung_dan_tidak_langsung(kepala_opd, atasan, pegawai, rekan, outsider):
    assert set(pegawai_bawahan(kepala_opd.pk)) == {atasan, pegawai, rekan}
    assert set(pegawai_scope(kepala_opd.user)) == {kepala_opd, atasan, pegawai, rekan}
    assert is_atasan(atasan.user) and not is_atasan(pegawai.user)


@pytest.mark.django_db
def test_admin_opd_melihat_opdnya_saja(admin_opd, pegawai, outsider, kepala_opd):
    terlihat = set(pegawai_scope(admin_opd.user))
    assert pegawai in terlihat and kepala_opd in terlihat and outsider not in terlihat


@pytest.mark.django_db
def test_admin_bkd_melihat_semua(admin_bkd, pegawai, outsider):
    assert {pegawai, outsider} <= set(pegawai_scope(admin_bkd.user))
    assert akses_get(admin_bkd.user).admin_bkd


@pytest.mark.django_db
def test_di_luar_lingkup_404_terlihat_tidak_boleh_ubah_403(atasan, pegawai, outsider):
    with pytest.raises(Http404):
        access_pegawai(atasan.user, outsider.pk)
    with pytest.raises(Http404):
        access_pegawai(atasan.user, "bukan-angka")
    assert access_pegawai(atasan.user, pegawai.pk) == pegawai
    with pytest.raises(PermissionDenied):
        access_pegawai(atasan.user, pegawai.pk, for_change=True)
