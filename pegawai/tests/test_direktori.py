"""Directory, export, profile, Profil Saya, Tim Saya and the atasan lookup."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from pegawai.models import Jabatan, Pegawai, UnitKerja
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

DAFTAR = reverse("pegawai:pegawai-list")
EXPORT = reverse("pegawai:pegawai-export")
TIM = reverse("pegawai:tim")


def _nip_di(response) -> set[str]:
    return {p.nip for p in response.context["page_obj"]}


def _baris_export(response) -> list[tuple]:
    wb = load_workbook(BytesIO(response.content))
    return list(wb.active.iter_rows(values_only=True))


@pytest.fixture
def seksi_a(bidang_a):
    return UnitKerjaFactory(kode="DISDIK-PTK-1", nama="Seksi Guru", jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a)


# --- directory: who may open it ---------------------------------------------------------------


@pytest.mark.django_db
def test_admin_opd_melihat_direktori_opdnya_saja(login, admin_opd, pegawai, rekan, kepala_opd, outsider):
    r = login(admin_opd).get(DAFTAR)
    assert r.status_code == 200
    assert _nip_di(r) == {admin_opd.nip, pegawai.nip, rekan.nip, kepala_opd.nip, pegawai.atasan.nip}
    assert outsider.nip not in r.content.decode()


@pytest.mark.django_db
def test_admin_bkd_melihat_seluruh_pegawai(login, admin_bkd, pegawai, outsider):
    r = login(admin_bkd).get(DAFTAR)
    assert {pegawai.nip, outsider.nip, admin_bkd.nip} <= _nip_di(r)


@pytest.mark.django_db
def test_atasan_melihat_dirinya_dan_bawahannya(login, atasan, pegawai, rekan, kepala_opd, outsider):
    r = login(atasan).get(DAFTAR)
    assert r.status_code == 200
    assert _nip_di(r) == {atasan.nip, pegawai.nip, rekan.nip}


@pytest.mark.django_db
def test_pegawai_biasa_dan_petugas_tidak_boleh_membuka_direktori(login, pegawai, petugas):
    assert login(pegawai).get(DAFTAR).status_code == 403
    assert login(petugas).get(DAFTAR).status_code == 403
    assert login(pegawai).get(EXPORT).status_code == 403


@pytest.mark.django_db
def test_warga_diarahkan_ke_halaman_masuk(warga, pegawai):
    r = warga.get(DAFTAR)
    assert r.status_code == 302 and reverse("akun:login") in r["Location"]


@pytest.mark.django_db
def test_direktori_menolak_post(login, admin_bkd):
    assert login(admin_bkd).post(DAFTAR).status_code == 405
    assert login(admin_bkd).post(EXPORT).status_code == 405


# --- directory: filters -----------------------------------------------------------------------


@pytest.mark.django_db
def test_direktori_hanya_pegawai_aktif_kecuali_diminta(login, admin_bkd, pegawai, rekan):
    Pegawai.objects.filter(pk=rekan.pk).update(aktif=False)
    c = login(admin_bkd)
    assert rekan.nip not in _nip_di(c.get(DAFTAR))
    assert _nip_di(c.get(DAFTAR, {"aktif": "0"})) == {rekan.nip}
    assert {rekan.nip, pegawai.nip} <= _nip_di(c.get(DAFTAR, {"aktif": "semua"}))


@pytest.mark.django_db
def test_filter_unit_opd_dan_bidang_mencakup_sub_unit(
    login, admin_bkd, seksi_a, bidang_a, opd_a, pegawai, kepala_opd, outsider
):
    di_seksi = PegawaiFactory(unit=seksi_a, jabatan=pegawai.jabatan)
    c = login(admin_bkd)
    per_opd = _nip_di(c.get(DAFTAR, {"unit": opd_a.pk}))
    assert {di_seksi.nip, pegawai.nip, kepala_opd.nip} <= per_opd and outsider.nip not in per_opd
    per_bidang = _nip_di(c.get(DAFTAR, {"unit": bidang_a.pk}))
    assert di_seksi.nip in per_bidang and pegawai.nip in per_bidang and kepala_opd.nip not in per_bidang
    assert _nip_di(c.get(DAFTAR, {"unit": seksi_a.pk})) == {di_seksi.nip}


@pytest.mark.django_db
def test_pilihan_unit_hanya_unit_yang_terlihat(login, admin_opd, opd_a, bidang_a, opd_b):
    r = login(admin_opd).get(DAFTAR)
    pilihan = {u.pk for u in r.context["filter"].form.fields["unit"].queryset}
    assert {opd_a.pk, bidang_a.pk} <= pilihan and opd_b.pk not in pilihan
    # A unit outside the scope is refused like a non-existent one, with a message.
    r = login(admin_opd).get(DAFTAR, {"unit": opd_b.pk})
    assert r.status_code == 200 and "unit" in r.context["filter"].form.errors
    assert list(r.context["page_obj"]) == []


@pytest.mark.django_db
def test_cari_nama_dan_awalan_nip(login, admin_bkd, pegawai, rekan):
    c = login(admin_bkd)
    assert _nip_di(c.get(DAFTAR, {"q": "uji"})) == {pegawai.nip}
    assert pegawai.nip in _nip_di(c.get(DAFTAR, {"q": pegawai.nip[:10]}))
    spasi = f"{pegawai.nip[:8]} {pegawai.nip[8:14]}"
    assert pegawai.nip in _nip_di(c.get(DAFTAR, {"q": spasi}))
    assert _nip_di(c.get(DAFTAR, {"q": "999999"})) == set()


@pytest.mark.django_db
def test_filter_jabatan_jenis_status_golongan(login, admin_bkd, pegawai, atasan, kepala_opd, opd_b):
    pppk = PegawaiFactory(unit=opd_b, jabatan=pegawai.jabatan, status_kepegawaian=Pegawai.Status.PPPK, golongan="IX")
    c = login(admin_bkd)
    assert atasan.nip in _nip_di(c.get(DAFTAR, {"jabatan": atasan.jabatan_id}))
    assert pegawai.nip not in _nip_di(c.get(DAFTAR, {"jabatan": atasan.jabatan_id}))
    assert _nip_di(c.get(DAFTAR, {"jenis_jabatan": Jabatan.Jenis.JPT})) == {kepala_opd.nip}
    assert _nip_di(c.get(DAFTAR, {"status_kepegawaian": "pppk"})) == {pppk.nip}
    assert _nip_di(c.get(DAFTAR, {"golongan": "IV/c"})) == {kepala_opd.nip}


@pytest.mark.django_db
def test_filter_tidak_valid_menampilkan_pesan_bukan_500(login, admin_bkd, pegawai):
    c = login(admin_bkd)
    for salah in ({"unit": "abc"}, {"jabatan": "999999"}, {"golongan": "Z/z"}, {"aktif": "mungkin"}):
        r = c.get(DAFTAR, salah)
        assert r.status_code == 200
        assert "Filter tidak valid" in r.content.decode()
        assert list(r.context["page_obj"]) == []


@pytest.mark.django_db
def test_halaman_di_luar_jangkauan_menampilkan_halaman_terakhir(login, admin_bkd, bidang_a, jabatan_staf):
    PegawaiFactory.create_batch(27, unit=bidang_a, jabatan=jabatan_staf)
    c = login(admin_bkd)
    r = c.get(DAFTAR, {"page": "999"})
    assert r.status_code == 200 and r.context["page_obj"].number == 2
    assert c.get(DAFTAR, {"page": "abc"}).context["page_obj"].number == 1
    halaman_1 = c.get(DAFTAR, {"q": "", "status_kepegawaian": "pns"})
    html = halaman_1.content.decode()
    # 28 employees, 25 per page; the pager keeps the filters.
    assert len(halaman_1.context["page_obj"]) == 25
    assert "Berikutnya" in html and "status_kepegawaian=pns" in html and "page=2" in html


@pytest.mark.django_db
def test_tabel_direktori_menampilkan_kolom_dan_tautan_profil(login, admin_bkd, pegawai, atasan):
    Pegawai.objects.filter(pk=pegawai.pk).update(gelar_depan="Dr.", gelar_belakang="M.Pd.")
    html = login(admin_bkd).get(DAFTAR, {"q": pegawai.nip}).content.decode()
    assert "Dr. Pegawai Uji, M.Pd." in html
    assert reverse("pegawai:pegawai-detail", args=[pegawai.pk]) in html
    assert pegawai.jabatan.nama in html and pegawai.unit.nama in html and atasan.nama in html


def _banyak_bawahan(atasan, n):
    PegawaiFactory.create_batch(n, unit=atasan.unit, jabatan=atasan.jabatan, atasan=atasan)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_direktori_tetap(login, admin_opd, atasan, django_assert_num_queries, n):
    _banyak_bawahan(atasan, n)
    c = login(admin_opd)
    # session, user, roles (2), the OPD of the chosen unit (which options to list), the unit
    # filter value, count, page, nav is_atasan, and the unit and jabatan selects of the form.
    with django_assert_num_queries(11):
        r = c.get(DAFTAR, {"unit": atasan.unit_id})
    assert r.status_code == 200 and len(r.context["page_obj"]) == min(n + 1, 25)
    assert r.context["page_obj"].paginator.count == n + 1


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_direktori_atasan_tetap(login, atasan, django_assert_num_queries, n):
    _banyak_bawahan(atasan, n)
    c = login(atasan)
    with django_assert_num_queries(9):
        r = c.get(DAFTAR)
    assert r.context["page_obj"].paginator.count == n + 1


# --- export -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_berisi_direktori_terfilter_dengan_nip_sebagai_teks(login, admin_opd, pegawai, rekan, outsider):
    Pegawai.objects.filter(pk=rekan.pk).update(nama="=HYPERLINK(1)")
    r = login(admin_opd).get(EXPORT, {"unit": pegawai.unit_id})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r["Content-Disposition"]
    baris = _baris_export(r)
    assert baris[0][0] == "NIP" and baris[0][1] == "Nama Lengkap"
    nip = {b[0] for b in baris[1:]}
    assert nip == {pegawai.nip, rekan.nip, pegawai.atasan.nip}
    assert outsider.nip not in nip
    wb = load_workbook(BytesIO(r.content))
    sel_nip = wb.active["A2"]
    assert sel_nip.data_type == "s" and sel_nip.number_format == "@"
    rumus = [b for b in baris if b[0] == rekan.nip][0]
    assert rumus[1] == "=HYPERLINK(1)"  # stored as text, not a formula
    baris_pegawai = [b for b in baris if b[0] == pegawai.nip][0]
    assert baris_pegawai[10] == pegawai.atasan.nip and baris_pegawai[14] == "Ya"


@pytest.mark.django_db
def test_export_atasan_hanya_lingkupnya(login, atasan, pegawai, rekan, kepala_opd, outsider):
    nip = {b[0] for b in _baris_export(login(atasan).get(EXPORT))[1:]}
    assert nip == {atasan.nip, pegawai.nip, rekan.nip}


@pytest.mark.django_db
def test_export_dengan_filter_tidak_valid_kembali_ke_direktori(login, admin_bkd):
    r = login(admin_bkd).get(EXPORT, {"unit": "abc"})
    assert r.status_code == 302 and r["Location"].startswith(DAFTAR) and "unit=abc" in r["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_export_tetap(login, admin_opd, atasan, django_assert_num_queries, n):
    _banyak_bawahan(atasan, n)
    c = login(admin_opd)
    with django_assert_num_queries(5):
        r = c.get(EXPORT)
    assert len(_baris_export(r)) == 1 + n + 3  # header, n, atasan, kepala_opd, admin_opd


# --- profile ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_profil_menampilkan_identitas_penempatan_dan_riwayat(login, admin_opd, pegawai, atasan, opd_a, bidang_a):
    from pegawai.models import RiwayatJabatan

    RiwayatJabatan.objects.create(
        pegawai=pegawai, unit=bidang_a, jabatan=pegawai.jabatan, mulai="2020-01-02", keterangan="SK 821/7/2020"
    )
    r = login(admin_opd).get(reverse("pegawai:pegawai-detail", args=[pegawai.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert pegawai.nip in html and pegawai.nama_lengkap in html
    assert pegawai.jenis_kelamin in html
    assert r.context["profil"].tanggal_lahir == pegawai.tanggal_lahir
    assert [u.pk for u in r.context["profil"].jalur_unit] == [opd_a.pk, bidang_a.pk]
    assert reverse("pegawai:pegawai-detail", args=[atasan.pk]) in html
    assert "SK 821/7/2020" in html
    for tombol in ("pegawai-update", "pegawai-move", "pegawai-deactivate", "pegawai-reset-aktivasi"):
        assert reverse(f"pegawai:{tombol}", args=[pegawai.pk]) in html


@pytest.mark.django_db
def test_profil_jalur_unit_tiga_tingkat(login, admin_bkd, seksi_a, bidang_a, opd_a, jabatan_staf):
    p = PegawaiFactory(unit=seksi_a, jabatan=jabatan_staf)
    r = login(admin_bkd).get(reverse("pegawai:pegawai-detail", args=[p.pk]))
    assert [u.pk for u in r.context["profil"].jalur_unit] == [opd_a.pk, bidang_a.pk, seksi_a.pk]


@pytest.mark.django_db
def test_atasan_melihat_profil_bawahan_tanpa_tombol_ubah(login, atasan, pegawai, rekan, kepala_opd):
    r = login(atasan).get(reverse("pegawai:pegawai-detail", args=[pegawai.pk]))
    assert r.status_code == 200
    assert reverse("pegawai:pegawai-update", args=[pegawai.pk]) not in r.content.decode()
    # The atasan's own atasan is outside their scope: shown by name, not linked.
    r = login(atasan).get(reverse("pegawai:pegawai-detail", args=[atasan.pk]))
    assert kepala_opd.nama in r.content.decode()
    assert reverse("pegawai:pegawai-detail", args=[kepala_opd.pk]) not in r.content.decode()
    assert [b.nama for b in r.context["profil"].bawahan] == ["Pegawai Uji", "Rekan Sejawat"]


@pytest.mark.django_db
def test_profil_di_luar_lingkup_404(login, pegawai, rekan, outsider, admin_opd):
    assert login(pegawai).get(reverse("pegawai:pegawai-detail", args=[rekan.pk])).status_code == 404
    assert login(admin_opd).get(reverse("pegawai:pegawai-detail", args=[outsider.pk])).status_code == 404
    assert login(admin_opd).get(reverse("pegawai:pegawai-detail", args=[987654])).status_code == 404


@pytest.mark.django_db
def test_profil_menolak_post(login, pegawai):
    assert login(pegawai).post(reverse("pegawai:pegawai-detail", args=[pegawai.pk])).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_profil_tetap(login, admin_opd, atasan, django_assert_num_queries, n):
    _banyak_bawahan(atasan, n)
    c = login(admin_opd)
    # session, user, roles (2), pegawai, atasan visible, subordinates, history, unit path, nav is_atasan.
    with django_assert_num_queries(10):
        r = c.get(reverse("pegawai:pegawai-detail", args=[atasan.pk]))
    assert len(r.context["profil"].bawahan) == n


# --- profil saya ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_profil_saya_mengarah_ke_profil_sendiri(login, pegawai):
    r = login(pegawai).get(reverse("pegawai:profil-saya"))
    assert r.status_code == 302 and r["Location"] == reverse("pegawai:pegawai-detail", args=[pegawai.pk])


@pytest.mark.django_db
def test_profil_saya_tanpa_data_pegawai_menampilkan_penjelasan(client, db):
    user = get_user_model().objects.create_user("operator", password="rahasia-uji-123")
    client.force_login(user)
    r = client.get(reverse("pegawai:profil-saya"))
    assert r.status_code == 200 and "belum terhubung dengan data pegawai" in r.content.decode()


# --- tim saya ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_tim_saya_langsung_dan_tidak_langsung(login, kepala_opd, atasan, pegawai, rekan, admin_opd, outsider):
    r = login(kepala_opd).get(TIM)
    assert r.status_code == 200
    tim = r.context["tim"]
    assert tim.jumlah_langsung == 2 and tim.jumlah_tidak_langsung == 2
    baris = {p.nip: p for p in r.context["page_obj"]}
    assert set(baris) == {atasan.nip, admin_opd.nip, pegawai.nip, rekan.nip}
    assert baris[atasan.nip].langsung == 1 and baris[pegawai.nip].langsung == 0
    # Direct subordinates first; indirect ones show through whom.
    assert [p.langsung for p in r.context["page_obj"]] == [1, 1, 0, 0]
    assert "melalui Atasan Bidang" in r.content.decode()


@pytest.mark.django_db
def test_tim_saya_hanya_langsung(login, kepala_opd, atasan, pegawai, admin_opd):
    r = login(kepala_opd).get(TIM, {"cakupan": "langsung"})
    assert {p.nip for p in r.context["page_obj"]} == {atasan.nip, admin_opd.nip}


@pytest.mark.django_db
def test_tim_saya_tidak_memuat_bawahan_nonaktif(login, atasan, pegawai, rekan):
    Pegawai.objects.filter(pk=rekan.pk).update(aktif=False)
    r = login(atasan).get(TIM)
    assert {p.nip for p in r.context["page_obj"]} == {pegawai.nip}


@pytest.mark.django_db
def test_tim_saya_403_tanpa_bawahan(login, pegawai, admin_bkd):
    assert login(pegawai).get(TIM).status_code == 403
    assert login(admin_bkd).get(TIM).status_code == 403


@pytest.mark.django_db
def test_tim_saya_menolak_post(login, atasan, pegawai):
    assert login(atasan).post(TIM).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_tim_saya_tetap(login, kepala_opd, atasan, django_assert_num_queries, n):
    _banyak_bawahan(atasan, n)
    c = login(kepala_opd)
    # session, user, roles (2), is_atasan, counts (which the pager reuses), page.
    with django_assert_num_queries(7):
        r = c.get(TIM)
    assert r.context["tim"].jumlah_tidak_langsung == n and len(r.context["page_obj"]) == n + 1


# --- atasan lookup ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_cari_atasan_dalam_opd_dan_jpt(login, admin_opd, kepala_opd, atasan, outsider, opd_b):
    sekda = PegawaiFactory(
        nama="Sekretaris Daerah",
        unit=opd_b,
        jabatan=JabatanFactory(jenis=Jabatan.Jenis.JPT, jenjang=Jabatan.Jenjang.MADYA_JPT),
    )
    c = login(admin_opd)
    url = reverse("pegawai:atasan-cari")
    assert {h["nip"] for h in c.get(url, {"q": "Atasan Bid"}).json()["hasil"]} == {atasan.nip}
    assert {h["nip"] for h in c.get(url, {"q": "Sekretaris"}).json()["hasil"]} == {sekda.nip}
    assert c.get(url, {"q": outsider.nip}).json()["hasil"] == []
    assert c.get(url, {"q": "ab"}).json()["hasil"] == []


@pytest.mark.django_db
def test_cari_atasan_hanya_untuk_admin(login, atasan, pegawai):
    assert login(atasan).get(reverse("pegawai:atasan-cari"), {"q": "Peg"}).status_code == 403


@pytest.mark.django_db
def test_tim_saya_berhalaman_dengan_jumlah_yang_benar(login, kepala_opd, atasan):
    _banyak_bawahan(atasan, 55)
    c = login(kepala_opd)
    r = c.get(TIM, {"page": "2"})
    assert r.context["page_obj"].paginator.count == 56 and len(r.context["page_obj"]) == 6
    r = c.get(TIM, {"cakupan": "langsung", "page": "9"})
    assert r.context["page_obj"].paginator.num_pages == 1 and [p.nip for p in r.context["page_obj"]] == [atasan.nip]
    assert c.get(TIM, {"cakupan": "aneh"}).context["tim"].cakupan == "semua"
