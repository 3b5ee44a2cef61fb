"""The holiday calendar, the complaint settings and the recomputation of due dates."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pengaduan.models import AturanSla, HariLibur, PengaturanPengaduan
from pengaduan.services.kalender import (
    PESAN_AKHIR_PEKAN,
    PESAN_TANGGAL_ADA,
    batas_hitung,
    batas_hitung_ulang,
    hari_libur_isi_tahun,
    hari_libur_simpan,
)

from .factories import PengaduanFactory

D = dt.date


def _hari_kerja_berikut(mulai: dt.date) -> dt.date:
    t = mulai + dt.timedelta(days=1)
    while t.weekday() >= 5 or HariLibur.objects.filter(tanggal=t).exists():
        t += dt.timedelta(days=1)
    return t


@pytest.mark.django_db
def test_isi_tahun_dari_kalender_nasional_idempoten():
    HariLibur.objects.filter(tanggal__year=2027).delete()
    pertama = hari_libur_isi_tahun(tahun=2027)
    assert pertama > 5
    assert HariLibur.objects.filter(tanggal=D(2027, 8, 17), jenis=HariLibur.Jenis.NASIONAL).exists()
    assert HariLibur.objects.filter(tanggal__year=2027, jenis=HariLibur.Jenis.CUTI_BERSAMA).exists()
    assert hari_libur_isi_tahun(tahun=2027) == 0
    # An entry the admin renamed stays as the admin left it.
    HariLibur.objects.filter(tanggal=D(2027, 8, 17)).update(nama="HUT RI ke-82")
    hari_libur_isi_tahun(tahun=2027)
    assert HariLibur.objects.get(tanggal=D(2027, 8, 17)).nama == "HUT RI ke-82"


@pytest.mark.django_db
def test_migrasi_mengisi_tahun_ini_dan_tahun_depan():
    tahun = timezone.localdate().year
    assert HariLibur.objects.filter(tanggal__year=tahun).count() > 10
    assert HariLibur.objects.filter(tanggal__year=tahun + 1).count() > 10
    assert set(AturanSla.objects.values_list("kelas", flat=True)) == {"pengaduan", "aspirasi", "informasi"}
    aturan = AturanSla.objects.get(kelas="pengaduan")
    assert (aturan.hari_verifikasi, aturan.hari_tanggapan) == (3, 5)
    assert [aturan.hari_selesai(k) for k in ("sederhana", "biasa", "lapangan")] == [5, 14, 60]


@pytest.mark.django_db
def test_simpan_menolak_akhir_pekan_dan_tanggal_ganda():
    with pytest.raises(ValidationError) as e:
        hari_libur_simpan(tanggal=D(2031, 3, 1), nama="Sabtu", jenis="daerah")  # a Saturday
    assert e.value.message_dict == {"tanggal": [PESAN_AKHIR_PEKAN]}
    hari_libur_simpan(tanggal=D(2031, 3, 3), nama="Hari jadi kota", jenis="daerah")
    with pytest.raises(ValidationError) as e:
        hari_libur_simpan(tanggal=D(2031, 3, 3), nama="Lagi", jenis="daerah")
    assert e.value.message_dict == {"tanggal": [PESAN_TANGGAL_ADA]}
    assert HariLibur.objects.filter(tanggal=D(2031, 3, 3)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_libur_baru_menggeser_batas_pengaduan_yang_berjalan(opd_a):
    # An earlier transactional test's flush may have wiped the seed migration's SLA rows.
    from importlib import import_module

    from django.apps import apps

    import_module("pengaduan.migrations.0002_seed").seed(apps, None)
    hari_ini = timezone.localdate()
    p = PengaduanFactory(opd=opd_a, batas_verifikasi=batas_hitung(hari_ini, 3))
    sebelum = p.batas_verifikasi
    libur = _hari_kerja_berikut(hari_ini)
    # Through the service: the recomputation runs after commit (eager Celery in tests).
    hari_libur_simpan(tanggal=libur, nama="Libur mendadak", jenis="daerah")
    p.refresh_from_db()
    assert p.batas_verifikasi == _hari_kerja_berikut(sebelum)
    assert batas_hitung_ulang() == 0  # idempotent


@pytest.mark.django_db
def test_batas_selesai_dihitung_ulang_dari_tanggal_verifikasi(opd_a):
    sekarang = timezone.now()
    p = PengaduanFactory(
        opd=opd_a,
        status="terverifikasi",
        kompleksitas="biasa",
        terverifikasi_pada=sekarang,
        batas_selesai=D(2000, 1, 1),
    )
    selesai = PengaduanFactory(opd=opd_a, status="selesai", batas_selesai=D(2000, 1, 1))
    assert batas_hitung_ulang() >= 1
    p.refresh_from_db()
    selesai.refresh_from_db()
    assert p.batas_selesai == batas_hitung(timezone.localdate(sekarang), 14)
    assert selesai.batas_selesai == D(2000, 1, 1)  # closed cases keep theirs


# --- pages ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_kalender_dibaca_petugas_diubah_bkd(login, petugas, admin_bkd, pegawai):
    tahun = timezone.localdate().year
    resp = login(petugas).get(reverse("pengaduan:kalender"), {"tahun": tahun})
    assert resp.status_code == 200
    assert "Tambah hari libur" not in resp.content.decode()
    assert login(petugas).get(reverse("pengaduan:libur-create")).status_code == 403
    assert login(pegawai).get(reverse("pengaduan:kalender")).status_code == 403
    resp = login(admin_bkd).get(reverse("pengaduan:kalender"), {"tahun": "bukan-tahun"})
    assert resp.status_code == 200 and resp.context["tahun"] == tahun
    assert "Tambah hari libur" in resp.content.decode()


@pytest.mark.django_db
def test_tambah_ubah_hapus_libur_lewat_halaman(login, admin_bkd):
    klien = login(admin_bkd)
    resp = klien.post(
        reverse("pengaduan:libur-create"), {"tanggal": "2031-03-03", "nama": "Hari jadi kota", "jenis": "daerah"}
    )
    assert resp.status_code == 302
    libur = HariLibur.objects.get(tanggal=D(2031, 3, 3))
    assert LogEntry.objects.get_for_object(libur).filter(action=LogEntry.Action.CREATE, actor=admin_bkd.user).exists()
    resp = klien.post(
        reverse("pengaduan:libur-update", args=[libur.pk]),
        {"tanggal": "04-03-2031", "nama": "Hari jadi", "jenis": "daerah"},
    )
    assert resp.status_code == 302
    libur.refresh_from_db()
    assert (libur.tanggal, libur.nama) == (D(2031, 3, 4), "Hari jadi")
    assert klien.get(reverse("pengaduan:libur-delete", args=[libur.pk])).status_code == 200
    assert klien.post(reverse("pengaduan:libur-delete", args=[libur.pk])).status_code == 302
    assert not HariLibur.objects.filter(pk=libur.pk).exists()
    assert klien.get(reverse("pengaduan:libur-update", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"tanggal": "31-02-2031", "nama": "X", "jenis": "daerah"}, "Tanggal tidak valid."),
        ({"tanggal": "2031-03-01", "nama": "X", "jenis": "daerah"}, PESAN_AKHIR_PEKAN),
        ({"tanggal": "2031-03-03", "nama": "", "jenis": "daerah"}, "Keterangan wajib diisi."),
        ({"tanggal": "2031-03-03", "nama": "X", "jenis": "lain"}, "Jenis hari libur tidak dikenal."),
        ({"tanggal": "2031-03-03", "nama": "<script>alert(1)</script>" * 20, "jenis": "daerah"}, "paling banyak 150"),
    ],
)
def test_input_libur_salah_diberi_pesan_dan_tidak_disimpan(login, admin_bkd, data, pesan):
    jumlah = HariLibur.objects.count()
    resp = login(admin_bkd).post(reverse("pengaduan:libur-create"), data)
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert HariLibur.objects.count() == jumlah


@pytest.mark.django_db
def test_isi_dari_kalender_nasional_hanya_post(login, admin_bkd):
    klien = login(admin_bkd)
    assert klien.get(reverse("pengaduan:kalender-isi")).status_code == 405
    HariLibur.objects.filter(tanggal__year=2032).delete()
    resp = klien.post(reverse("pengaduan:kalender-isi"), {"tahun": "2032"}, follow=True)
    assert "hari libur nasional dan cuti bersama 2032 ditambahkan" in resp.content.decode()
    assert HariLibur.objects.filter(tanggal__year=2032).count() > 10


@pytest.mark.django_db
def test_kalender_jumlah_query_tetap(login, admin_bkd, django_assert_num_queries):
    klien = login(admin_bkd)
    url = reverse("pengaduan:kalender") + "?tahun=2033"
    klien.get(url)
    HariLibur.objects.create(tanggal=D(2033, 3, 3), nama="A")
    with django_assert_num_queries(6) as kecil:
        klien.get(url)
    for i in range(1, 25):
        HariLibur.objects.create(tanggal=D(2033, 4, 1) + dt.timedelta(days=i), nama=f"L{i}")
    with django_assert_num_queries(len(kecil.captured_queries)):
        klien.get(url)


def _data_pengaturan(pengaturan, **ubah):
    data = {
        "diubah_pada": pengaturan.updated_at.isoformat(),
        "batas_layanan_hari": 30,
        "buka_kembali_hari": 10,
        "pengingat_hari": 1,
    }
    for kelas in ("pengaduan", "aspirasi", "informasi"):
        data.update(
            {
                f"{kelas}__hari_verifikasi": 3,
                f"{kelas}__hari_tanggapan": 5,
                f"{kelas}__hari_selesai_sederhana": 5,
                f"{kelas}__hari_selesai_biasa": 14,
                f"{kelas}__hari_selesai_lapangan": 60,
            }
        )
    data.update(ubah)
    return data


@pytest.mark.django_db
def test_pengaturan_disimpan_dan_diaudit(login, admin_bkd, petugas):
    assert login(petugas).get(reverse("pengaduan:pengaturan")).status_code == 403
    klien = login(admin_bkd)
    assert klien.get(reverse("pengaduan:pengaturan")).status_code == 200
    pengaturan = PengaturanPengaduan.get()
    resp = klien.post(
        reverse("pengaduan:pengaturan"),
        _data_pengaturan(pengaturan, buka_kembali_hari=7, informasi__hari_selesai_sederhana=3),
    )
    assert resp.status_code == 302
    assert PengaturanPengaduan.get().buka_kembali_hari == 7
    aturan = AturanSla.objects.get(kelas="informasi")
    assert aturan.hari_selesai_sederhana == 3
    assert LogEntry.objects.get_for_object(aturan).filter(actor=admin_bkd.user).exists()


@pytest.mark.django_db
def test_pengaturan_salah_atau_basi_tidak_mengubah_apa_pun(login, admin_bkd):
    klien = login(admin_bkd)
    pengaturan = PengaturanPengaduan.get()
    resp = klien.post(reverse("pengaduan:pengaturan"), _data_pengaturan(pengaturan, pengaduan__hari_verifikasi="tiga"))
    assert resp.status_code == 200
    assert "Verifikasi (hari kerja) harus bilangan bulat 1 sampai 365." in resp.content.decode()
    resp = klien.post(reverse("pengaduan:pengaturan"), _data_pengaturan(pengaturan, buka_kembali_hari=0))
    assert "harus bilangan bulat 1 sampai 365" in resp.content.decode()
    basi = _data_pengaturan(pengaturan, buka_kembali_hari=9, diubah_pada="2000-01-01T00:00:00+00:00")
    resp = klien.post(reverse("pengaduan:pengaturan"), basi)
    assert "telah diubah orang lain" in resp.content.decode()
    assert PengaturanPengaduan.get().buka_kembali_hari == 10
    assert AturanSla.objects.get(kelas="pengaduan").hari_verifikasi == 3
