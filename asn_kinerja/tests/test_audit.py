"""The audit helper the services use for writes django-auditlog's signals cannot see."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max

from asn_kinerja.audit import audit_massal, audit_ubah

pytestmark = pytest.mark.django_db


@pytest.fixture
def baru(opd_a, opd_b, admin_bkd):
    """Entries written by the test itself (the fixtures' own saves are audited too)."""
    batas = LogEntry.objects.aggregate(m=Max("pk"))["m"] or 0
    return lambda: LogEntry.objects.filter(pk__gt=batas).order_by("pk")


def test_audit_ubah_menulis_teks_lama_dan_baru_dengan_pelaku(baru, opd_a, admin_bkd):
    audit_ubah(opd_a, actor=admin_bkd.user, perubahan={"nama": ("Lama", "Baru"), "induk": (None, 7)})
    e = baru().get()
    assert (e.object_id, e.action, e.changes, e.actor_id) == (
        opd_a.pk,
        LogEntry.Action.UPDATE,
        {"nama": ["Lama", "Baru"], "induk": ["None", "7"]},
        admin_bkd.user.pk,
    )


def test_audit_ubah_hanya_berubah_melewati_yang_sama_dan_tidak_menulis_bila_kosong(baru, opd_a, admin_bkd):
    audit_ubah(opd_a, actor=admin_bkd.user, perubahan={"nama": ("A", "A"), "kode": ("X", "Y")}, hanya_berubah=True)
    assert audit_ubah(opd_a, actor=admin_bkd.user, perubahan={"nama": ("A", "A")}, hanya_berubah=True) is None
    assert [e.changes for e in baru()] == [{"kode": ["X", "Y"]}]


def test_audit_ubah_tanpa_pengguna_masuk_dicatat_sebagai_sistem(baru, opd_a):
    audit_ubah(opd_a, actor=AnonymousUser(), perubahan={"nama": ("A", "B")})
    assert baru().get().actor_id is None


def test_audit_massal_satu_entri_per_perubahan_dengan_sumber(baru, opd_a, opd_b, admin_bkd):
    ditulis = audit_massal(
        [(opd_a, {"aktif": (True, False)}), (opd_b, {})],
        aksi=LogEntry.Action.UPDATE,
        actor=admin_bkd.user,
        tambahan={"sumber": "uji"},
    )
    assert ditulis == 1
    e = baru().get()
    assert (e.object_id, e.changes, e.actor_id, e.actor_email, e.additional_data, e.object_repr) == (
        opd_a.pk,
        {"aktif": ["True", "False"]},
        admin_bkd.user.pk,
        admin_bkd.user.email or None,
        {"sumber": "uji"},
        str(opd_a),
    )


def test_audit_massal_tanpa_pelaku_adalah_sistem(baru, opd_a):
    audit_massal([(opd_a, {"aktif": (True, False)})], aksi=LogEntry.Action.UPDATE)
    e = baru().get()
    assert (e.actor_id, e.actor_email, e.additional_data) == (None, None, None)
