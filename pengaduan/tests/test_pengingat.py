"""The daily reminder and escalation job for complaint deadlines."""

import datetime as dt

import pytest
from django.core import mail

from notifikasi.models import Notifikasi
from pengaduan.models import HariLibur
from pengaduan.services.pengingat import pengingat_pengaduan
from pengaduan.tasks import pengingat_pengaduan_task

from .factories import PengaduanFactory

D = dt.date
# Monday 7 Dec 2026 .. : a plain week (no holidays in the test calendar that week).
SENIN = D(2026, 12, 7)


@pytest.fixture(autouse=True)
def _kalender_bersih(db):
    HariLibur.objects.filter(tanggal__range=(D(2026, 11, 1), D(2027, 2, 1))).delete()


def _judul(user):
    return list(Notifikasi.objects.filter(penerima=user).order_by("id").values_list("judul", flat=True))


def test_pengingat_verifikasi_ke_petugas_opd_sebelum_batas(opd_a, petugas_opd_a, petugas, outsider):
    p = PengaduanFactory(opd=opd_a, batas_verifikasi=D(2026, 12, 8))  # Tuesday
    # Friday before: the deadline is 2 working days away, outside a 1-day window.
    assert pengingat_pengaduan(hari_ini=D(2026, 12, 4)) == {"pengingat": 0, "eskalasi": 0}
    hasil = pengingat_pengaduan(hari_ini=SENIN)
    assert hasil == {"pengingat": 2, "eskalasi": 0}  # the OPD's officer and the all-OPD officer
    assert _judul(petugas_opd_a.user) == [f"Batas verifikasi pengaduan {p.kode}: 1 hari kerja lagi"]
    assert _judul(petugas.user) == _judul(petugas_opd_a.user)
    assert _judul(outsider.user) == []
    # The same day again, or the next day for the same deadline: nothing new.
    assert pengingat_pengaduan(hari_ini=SENIN) == {"pengingat": 0, "eskalasi": 0}
    assert pengingat_pengaduan(hari_ini=D(2026, 12, 8))["pengingat"] == 0


def test_pengingat_ke_penanggung_jawab_dan_eskalasi_ke_atasannya(opd_a, petugas_opd_a, atasan, kepala_opd):
    p = PengaduanFactory(
        opd=opd_a,
        status="didisposisikan",
        unit_tujuan=opd_a,
        petugas_tindak=atasan,
        kompleksitas="biasa",
        batas_verifikasi=D(2026, 12, 1),
        batas_tanggapan=D(2026, 12, 7),
        batas_selesai=D(2026, 12, 24),
    )
    hasil = pengingat_pengaduan(hari_ini=SENIN)
    assert hasil == {"pengingat": 1, "eskalasi": 0}
    assert _judul(atasan.user) == [f"Batas tanggapan pertama pengaduan {p.kode}: hari ini"]
    assert _judul(petugas_opd_a.user) == []
    # Tuesday: overdue, escalated once to the officer, their atasan and the OPD's officers.
    hasil = pengingat_pengaduan(hari_ini=D(2026, 12, 8))
    assert hasil["eskalasi"] == 3
    judul = f"Pengaduan {p.kode} melewati batas tanggapan pertama"
    assert judul in _judul(atasan.user)
    assert _judul(kepala_opd.user) == [judul]
    assert _judul(petugas_opd_a.user) == [judul]
    assert Notifikasi.objects.get(penerima=kepala_opd.user).pesan.endswith("terlambat 1 hari kerja.")
    assert pengingat_pengaduan(hari_ini=D(2026, 12, 9))["eskalasi"] == 0


def test_terlapor_tidak_pernah_menerima_dan_identitas_tidak_disebut(
    opd_a, petugas_opd_a, atasan, kepala_opd, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for p in (petugas_opd_a, atasan, kepala_opd):
        p.email = f"{p.nip}@pemda.go.id"
        p.save(update_fields=["email"])
    # The complaint is about the Petugas of the OPD themselves; the responsible officer's
    # atasan (kepala_opd) is also its subject in a second case.
    p = PengaduanFactory(opd=opd_a, pegawai_terlapor=petugas_opd_a, batas_verifikasi=D(2026, 12, 4))
    q = PengaduanFactory(
        opd=opd_a,
        status="ditindaklanjuti",
        unit_tujuan=opd_a,
        petugas_tindak=atasan,
        pegawai_terlapor=kepala_opd,
        kompleksitas="sederhana",
        batas_verifikasi=D(2026, 12, 1),
        batas_selesai=D(2026, 12, 4),
    )
    with django_capture_on_commit_callbacks(execute=True):
        pengingat_pengaduan(hari_ini=SENIN)
    assert Notifikasi.objects.filter(penerima=petugas_opd_a.user).count() == 1  # only q, not p
    assert Notifikasi.objects.filter(penerima=kepala_opd.user).count() == 0
    identitas = [p.identitas, q.identitas]
    teks = " ".join(f"{n.judul} {n.pesan}" for n in Notifikasi.objects.all()) + " ".join(
        f"{m.subject} {m.body}" for m in mail.outbox
    )
    assert mail.outbox
    for i in identitas:
        assert i.nama not in teks and i.email not in teks and i.telepon not in teks
    assert p.judul not in teks


def test_kasus_selesai_tidak_diingatkan_dan_tugas_celery(opd_a, petugas_opd_a):
    PengaduanFactory(opd=opd_a, status="selesai", batas_verifikasi=D(2026, 12, 1), batas_selesai=D(2026, 12, 2))
    PengaduanFactory(opd=opd_a, status="ditolak", batas_verifikasi=D(2026, 12, 1))
    assert pengingat_pengaduan(hari_ini=SENIN) == {"pengingat": 0, "eskalasi": 0}
    assert pengingat_pengaduan_task.delay().get() == {"pengingat": 0, "eskalasi": 0}


def test_jumlah_query_tidak_tumbuh(opd_a, petugas_opd_a, django_assert_max_num_queries):
    def buat(n):
        for _ in range(n):
            PengaduanFactory(opd=opd_a, batas_verifikasi=D(2026, 12, 8))

    buat(2)
    with django_assert_max_num_queries(12) as kecil:
        pengingat_pengaduan(hari_ini=SENIN)
    Notifikasi.objects.all().delete()
    buat(30)
    with django_assert_max_num_queries(len(kecil.captured_queries)):
        pengingat_pengaduan(hari_ini=SENIN)
