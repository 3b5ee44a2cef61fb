"""Who sees which complaint and who may learn who filed it (pengaduan.access)."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.http import Http404

from pengaduan.access import (
    access_bukti,
    access_pengaduan,
    identitas_boleh,
    identitas_lihat,
    may_kelola,
    may_tanggapi,
    pengaduan_scope,
)
from pengaduan.models import BuktiPengaduan, Privasi

from .factories import PengaduanFactory


def _ids(user):
    return set(pengaduan_scope(user).values_list("id", flat=True))


def test_lingkup_per_peran(opd_a, opd_b, petugas, petugas_opd_a, admin_opd, admin_bkd, pegawai, outsider):
    biasa = PengaduanFactory(opd=opd_a)
    rahasia = PengaduanFactory(opd=opd_a, privasi=Privasi.RAHASIA)
    lain = PengaduanFactory(opd=opd_b, petugas_tindak=outsider, unit_tujuan=opd_b, status="didisposisikan")
    assert _ids(petugas.user) == {biasa.id, rahasia.id, lain.id}
    assert _ids(admin_bkd.user) == {biasa.id, rahasia.id, lain.id}
    assert _ids(petugas_opd_a.user) == {biasa.id, rahasia.id}
    # Admin OPD: their OPD's cases, never a rahasia one.
    assert _ids(admin_opd.user) == {biasa.id}
    # The responsible officer: the case disposed to them; a plain pegawai: nothing.
    assert _ids(outsider.user) == {lain.id}
    assert _ids(pegawai.user) == set()


def test_terlapor_tidak_pernah_melihat_pengaduan_tentang_dirinya(opd_a, petugas_opd_a, admin_bkd):
    # Even a complaint officer or an Admin BKD named in a complaint does not see it.
    tentang_petugas = PengaduanFactory(opd=opd_a, pegawai_terlapor=petugas_opd_a)
    tentang_admin = PengaduanFactory(opd=opd_a, pegawai_terlapor=admin_bkd, privasi=Privasi.ANONIM)
    assert tentang_petugas.id not in _ids(petugas_opd_a.user)
    assert tentang_admin.id not in _ids(admin_bkd.user)
    assert tentang_admin.id in _ids(petugas_opd_a.user)
    with pytest.raises(Http404):
        access_pengaduan(petugas_opd_a.user, tentang_petugas.pk)
    assert not may_kelola(petugas_opd_a.user, tentang_petugas)
    assert not identitas_boleh(admin_bkd.user, tentang_admin)


def test_identitas_anonim_hanya_petugas_opd_dan_admin_bkd(opd_a, petugas_opd_a, admin_opd, admin_bkd, outsider):
    anonim = PengaduanFactory(
        opd=opd_a, privasi=Privasi.ANONIM, petugas_tindak=outsider, unit_tujuan=opd_a, status="didisposisikan"
    )
    biasa = PengaduanFactory(opd=opd_a, petugas_tindak=outsider, unit_tujuan=opd_a, status="didisposisikan")
    assert identitas_boleh(petugas_opd_a.user, anonim)
    assert identitas_boleh(admin_bkd.user, anonim)
    assert not identitas_boleh(admin_opd.user, anonim)
    assert not identitas_boleh(outsider.user, anonim)  # the responsible officer
    assert identitas_lihat(outsider.user, anonim) is None
    assert identitas_boleh(outsider.user, biasa)
    assert identitas_boleh(admin_opd.user, biasa)


def test_membaca_identitas_dicatat_di_audit(opd_a, petugas_opd_a):
    p = PengaduanFactory(opd=opd_a, privasi=Privasi.ANONIM)
    sebelum = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    identitas = identitas_lihat(petugas_opd_a.user, p)
    assert identitas.nama.startswith("Warga Pelapor")
    entri = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("-id").first()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == sebelum + 1
    assert entri.actor_id == petugas_opd_a.user_id
    assert entri.object_pk == str(p.pk)
    # The audit entry records that it was read, never the name itself.
    assert identitas.nama not in str(entri.changes) and identitas.nama not in entri.object_repr


def test_aksi_kelola_dan_tanggapi(opd_a, opd_b, petugas_opd_a, admin_opd, outsider):
    p = PengaduanFactory(opd=opd_a, petugas_tindak=outsider, unit_tujuan=opd_a, status="didisposisikan")
    assert may_kelola(petugas_opd_a.user, p) and may_tanggapi(petugas_opd_a.user, p)
    assert not may_kelola(outsider.user, p) and may_tanggapi(outsider.user, p)
    # Admin OPD sees but does not handle: 403.
    assert access_pengaduan(admin_opd.user, p.pk).pk == p.pk
    with pytest.raises(PermissionDenied):
        access_pengaduan(admin_opd.user, p.pk, untuk="kelola")
    with pytest.raises(Http404):
        access_pengaduan(petugas_opd_a.user, PengaduanFactory(opd=opd_b).pk)
    for rusak in ("abc", None, "1 OR 1=1"):
        with pytest.raises(Http404):
            access_pengaduan(petugas_opd_a.user, rusak)


def test_bukti_pelapor_anonim_tertutup_bagi_penanggung_jawab(opd_a, petugas_opd_a, outsider):
    p = PengaduanFactory(
        opd=opd_a, privasi=Privasi.ANONIM, petugas_tindak=outsider, unit_tujuan=opd_a, status="didisposisikan"
    )
    dari_pelapor = BuktiPengaduan.objects.create(
        pengaduan=p, berkas="pengaduan/x.pdf", nama_berkas="ktp.pdf", jenis_mime="application/pdf", ukuran=10
    )
    dari_petugas = BuktiPengaduan.objects.create(
        pengaduan=p,
        berkas="pengaduan/y.pdf",
        nama_berkas="foto-lokasi.pdf",
        jenis_mime="application/pdf",
        ukuran=10,
        dari_pelapor=False,
    )
    assert access_bukti(petugas_opd_a.user, dari_pelapor.pk) == dari_pelapor
    with pytest.raises(Http404):
        access_bukti(outsider.user, dari_pelapor.pk)
    assert access_bukti(outsider.user, dari_petugas.pk) == dari_petugas


def test_jejak_audit_di_admin_tidak_memperlihatkan_pengaduan_tentang_pembaca(client, opd_a, admin_bkd):
    from django.urls import reverse

    tentang_admin = PengaduanFactory(opd=opd_a, pegawai_terlapor=admin_bkd, judul="Tentang admin")
    lain = PengaduanFactory(opd=opd_a, judul="Pengaduan lain")
    for p in (tentang_admin, lain):
        LogEntry.objects.log_create(p, action=LogEntry.Action.UPDATE, changes={"status": ["baru", "terverifikasi"]})
    admin_bkd.user.is_staff = True
    admin_bkd.user.save(update_fields=["is_staff"])
    client.force_login(admin_bkd.user)
    resp = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert lain.kode in html
    assert tentang_admin.kode not in html
