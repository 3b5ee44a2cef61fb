"""The home page shows each role its own cards, in a fixed number of queries."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from pegawai.models import ImporPegawai, PeranPengguna
from pegawai.tests.factories import PegawaiFactory, PeranFactory, UnitKerjaFactory

BERANDA = reverse("beranda")


def angka(html: str, kunci: str) -> int:
    match = re.search(rf'data-test="{kunci}">([\d.]+)<', html)
    assert match, f"{kunci} tidak tampil"
    return int(match.group(1).replace(".", ""))


def test_tamu_diarahkan_ke_halaman_masuk(client, db):
    response = client.get(BERANDA)
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def test_pegawai_melihat_profil_saja(login, pegawai):
    response = login(pegawai).get(BERANDA)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Profil Saya" in html
    assert reverse("pegawai:profil-saya") in html
    assert pegawai.nip in html
    assert pegawai.atasan.nama in html
    assert 'data-test="tim-total"' not in html
    assert 'data-test="pegawai-aktif"' not in html
    assert reverse("pegawai:audit-list") not in html


def test_atasan_melihat_ukuran_tim_langsung_dan_tidak_langsung(login, kepala_opd, atasan, pegawai, rekan, admin_opd):
    html = login(kepala_opd).get(BERANDA).content.decode()
    # kepala_opd -> atasan, admin_opd (direct) -> pegawai, rekan (indirect)
    assert angka(html, "tim-total") == 4
    assert angka(html, "tim-langsung") == 2
    assert angka(html, "tim-tidak-langsung") == 2
    assert reverse("pegawai:tim") in html


def test_bawahan_nonaktif_tidak_dihitung(login, atasan, pegawai, rekan):
    rekan.aktif = False
    rekan.save(update_fields=["aktif"])
    html = login(atasan).get(BERANDA).content.decode()
    assert angka(html, "tim-total") == 1


def test_admin_opd_melihat_hitungan_opd_sendiri(login, admin_opd, admin_bkd, pegawai, rekan, outsider, opd_a):
    ImporPegawai.objects.create(dibuat_oleh=admin_opd.user, opd=opd_a, berkas="impor/a.xlsx", nama_berkas="a.xlsx")
    ImporPegawai.objects.create(dibuat_oleh=admin_bkd.user, opd=None, berkas="impor/b.xlsx", nama_berkas="b.xlsx")
    html = login(admin_opd).get(BERANDA).content.decode()
    # OPD A: kepala_opd, atasan, pegawai, rekan, admin_opd; outsider is in OPD B.
    assert angka(html, "pegawai-aktif") == 5
    assert angka(html, "unit-aktif") == 2  # the OPD and its bidang
    assert angka(html, "impor-total") == 1
    for name in ("pegawai:pegawai-list", "pegawai:impor-create", "pegawai:unit-list", "pegawai:jabatan-list"):
        assert reverse(name) in html
    assert 'data-test="peran-total"' not in html
    assert reverse("pegawai:audit-list") not in html


def test_admin_bkd_melihat_seluruh_pemda_peran_dan_audit(login, admin_bkd, pegawai, outsider):
    html = login(admin_bkd).get(BERANDA).content.decode()
    # admin_bkd, kepala_opd, atasan, pegawai (OPD A) and outsider (OPD B): the whole Pemda.
    assert angka(html, "pegawai-aktif") == 5
    assert angka(html, "peran-total") == PeranPengguna.objects.count()
    assert reverse("pegawai:peran-list") in html
    assert reverse("pegawai:audit-list") in html


def test_petugas_pengaduan_melihat_kartu_pengaduan_tanpa_kartu_admin(login, petugas, opd_a):
    from pengaduan.tests.factories import PengaduanFactory

    PengaduanFactory(opd=opd_a)
    PengaduanFactory(opd=opd_a, batas_verifikasi=timezone.localdate() - datetime.timedelta(days=1))
    PengaduanFactory(opd=opd_a, status="selesai")
    html = login(petugas).get(BERANDA).content.decode()
    assert "Profil Saya" in html
    assert angka(html, "pengaduan-terbuka") == 2
    assert angka(html, "pengaduan-baru") == 2
    assert angka(html, "pengaduan-terlambat") == 1
    assert 'data-test="pegawai-aktif"' not in html
    assert 'data-test="tim-total"' not in html


def test_beranda_menolak_post(login, pegawai):
    assert login(pegawai).post(BERANDA).status_code == 405


def _tambah_bawahan_dan_unit(atasan, n):
    for _ in range(n):
        unit = UnitKerjaFactory(jenis="bidang", induk=atasan.unit.opd)
        bawahan = PegawaiFactory(unit=unit, jabatan=atasan.jabatan, atasan=atasan)
        PegawaiFactory(unit=unit, jabatan=atasan.jabatan, atasan=bawahan)
        PeranFactory(peran="petugas_pengaduan", opd=atasan.unit.opd, user=bawahan.user)


def test_jumlah_query_beranda_tetap_untuk_admin_bkd_atasan(login, admin_bkd, django_assert_num_queries):
    client = login(admin_bkd)
    _tambah_bawahan_dan_unit(admin_bkd, 2)
    client.get(BERANDA)
    # 17 before the performance cards; +12: Kinerja Saya and the log (4), the Tim Saya queue
    # without a period (7), the monitoring period look-up (1); +1 the complaint card. See
    # test_beranda_kinerja.py.
    with django_assert_num_queries(30) as sedikit:
        client.get(BERANDA)
    _tambah_bawahan_dan_unit(admin_bkd, 20)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        html = client.get(BERANDA).content.decode()
    assert angka(html, "tim-total") == 44


def test_jumlah_query_beranda_tetap_untuk_admin_opd(login, admin_opd, django_assert_num_queries):
    client = login(admin_opd)
    _tambah_bawahan_dan_unit(admin_opd, 3)
    client.get(BERANDA)
    with django_assert_num_queries(28) as sedikit:  # 15 + 12 + 1, as above
        client.get(BERANDA)
    _tambah_bawahan_dan_unit(admin_opd, 30)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        client.get(BERANDA)


def test_penanggung_jawab_pengaduan_melihat_kartu_hanya_bila_ada_tugas(login, pegawai, atasan, opd_a):
    from pengaduan.tests.factories import PengaduanFactory

    assert 'data-test="kartu-pengaduan"' not in login(pegawai).get(BERANDA).content.decode()
    PengaduanFactory(opd=opd_a, status="didisposisikan", unit_tujuan=opd_a, petugas_tindak=pegawai)
    PengaduanFactory(opd=opd_a, status="didisposisikan", unit_tujuan=opd_a, petugas_tindak=atasan)
    html = login(pegawai).get(BERANDA).content.decode()
    assert angka(html, "pengaduan-terbuka") == 1
    assert angka(html, "pengaduan-saya") == 1
    assert 'data-test="pengaduan-baru"' not in html
