"""Peer assignment: proposals, the 3-to-5 rule, valid candidates only, locks, the OPD-wide search
and the atasan's bulk action."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from kompetensi.access import PESAN_REKAN_DILARANG
from kompetensi.forms.penilaian import PESAN_REKAN_ID_TIDAK_VALID
from kompetensi.models import PenugasanRekan, PesertaPenilaian, PutaranPenilaian
from kompetensi.selectors.penilaian import CARI_MAKS, rekan_usulan_banyak
from kompetensi.services.putaran import PESAN_SUDAH_DITUTUP, putaran_tutup
from kompetensi.services.rekan import (
    PESAN_REKAN_BATAS_LEWAT,
    PESAN_REKAN_BUKAN_KANDIDAT,
    PESAN_REKAN_DIBUKA,
    PESAN_REKAN_GANDA,
    PESAN_REKAN_JUMLAH,
    PESAN_REKAN_NONAKTIF,
    PESAN_REKAN_SUDAH_MENGISI,
    PESAN_USULAN_BUKAN_ATASAN,
    rekan_atur,
    rekan_usulan_terapkan,
)
from kompetensi.tests.penilaian_data import HARI_INI, KEMARIN, buka, standar
from pegawai.models import Jabatan, Pegawai, UnitKerja
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, nip_valid

pytest_plugins = ["kompetensi.tests.penilaian_fixture"]  # the `ruang` fixture
pytestmark = pytest.mark.django_db


def _url(ruang, pegawai):
    return reverse("kompetensi:peserta-rekan", args=[ruang.peserta(pegawai).pk])


def _potret():
    return list(PenugasanRekan.objects.order_by("pk").values_list("pk", "peserta_id", "penilai_id", "status"))


def _pesan(resp):
    return [str(m) for m in resp.context["messages"]]


# --- proposals ----------------------------------------------------------------------------------


def test_usulan_unit_sama_jabatan_sama_dulu_lalu_jenis_lalu_unit(admin_bkd, opd_a, jabatan_staf, atasan):
    seksi = UnitKerjaFactory(jenis=UnitKerja.Jenis.SUBBIDANG, induk=opd_a)
    pelaksana_lain = JabatanFactory(jenis=Jabatan.Jenis.PELAKSANA)
    fungsional = JabatanFactory(jenis=Jabatan.Jenis.FUNGSIONAL, jenjang=Jabatan.Jenjang.PERTAMA)
    kepala_seksi = PegawaiFactory(nama="Kepala Seksi", unit=seksi, jabatan=JabatanFactory(jenis=Jabatan.Jenis.PENGAWAS))
    dinilai = PegawaiFactory(nama="Dinilai", unit=seksi, jabatan=jabatan_staf, atasan=kepala_seksi)
    c_fungsional = PegawaiFactory(nama="Aa Fungsional", unit=seksi, jabatan=fungsional)
    b_jenis = PegawaiFactory(nama="Bb Pelaksana Lain", unit=seksi, jabatan=pelaksana_lain)
    a_sama = [PegawaiFactory(nama=f"Zz Sama {i}", unit=seksi, jabatan=jabatan_staf) for i in (2, 1)]
    PegawaiFactory(nama="Nonaktif", unit=seksi, jabatan=jabatan_staf, aktif=False)
    tanpa_akun = PegawaiFactory(nama="Tanpa Akun", unit=seksi, jabatan=jabatan_staf)
    Pegawai.objects.filter(pk=tanpa_akun.pk).update(user=None)
    PegawaiFactory(nama="Unit Lain", unit=opd_a, jabatan=jabatan_staf)
    standar(jabatan_staf)
    putaran = buka(admin_bkd.user, [seksi])
    peserta = putaran.peserta.select_related("jabatan").get(pegawai=dinilai)
    usulan = rekan_usulan_banyak([peserta])[peserta.pk]
    # Same position by name, then same kind/jenjang, then the rest of the unit; never the
    # participant, their atasan, an inactive one or one without an account; at most 5.
    assert usulan == [a_sama[1].pk, a_sama[0].pk, b_jenis.pk, c_fungsional.pk]
    PegawaiFactory(nama="Zz Sama 3", unit=seksi, jabatan=jabatan_staf)
    PegawaiFactory(nama="Zz Sama 4", unit=seksi, jabatan=jabatan_staf)
    assert len(rekan_usulan_banyak([peserta])[peserta.pk]) == 5
    assert c_fungsional.pk not in rekan_usulan_banyak([peserta])[peserta.pk]


def test_halaman_menampilkan_usulan_tercentang(login, ruang, pegawai, atasan):
    resp = login(atasan).get(_url(ruang, pegawai))
    assert resp.status_code == 200
    h = resp.context["h"]
    assert [p.nama for p in h.usulan] == ["Rekan Lain 1", "Rekan Lain 2", "Rekan Lain 3", "Rekan Sejawat"]
    html = resp.content.decode()
    for p in h.usulan:
        assert f'name="rekan" value="{p.pk}" checked' in html
    assert "Atasan Bidang" not in [p.nama for p in h.usulan]


# --- setting the list ---------------------------------------------------------------------------


def test_atasan_menetapkan_tiga_rekan(login, ruang, pegawai, atasan, rekan):
    pilih = [rekan.pk, ruang.lain[0].pk, ruang.lain[1].pk]
    resp = login(atasan).post(_url(ruang, pegawai), {"rekan": [str(x) for x in pilih]})
    assert resp.status_code == 302
    peserta = ruang.peserta(pegawai)
    assert sorted(PenugasanRekan.objects.filter(peserta=peserta).values_list("penilai_id", flat=True)) == sorted(pilih)
    assert set(PenugasanRekan.objects.values_list("ditugaskan_oleh", flat=True)) == {atasan.user_id}
    assert LogEntry.objects.filter(content_type__model="penugasanrekan", action=LogEntry.Action.CREATE).count() == 3
    # Change the list: one out, another in.
    baru = [rekan.pk, ruang.lain[0].pk, ruang.lain[2].pk, ruang.lain[1].pk]
    login(atasan).post(_url(ruang, pegawai), {"rekan": [str(x) for x in baru]})
    assert sorted(PenugasanRekan.objects.filter(peserta=peserta).values_list("penilai_id", flat=True)) == sorted(baru)


@pytest.mark.parametrize("siapa", ["admin_opd", "admin_bkd"])
def test_admin_opd_dan_bkd_boleh_menugaskan(login, ruang, pegawai, rekan, request, siapa):
    pilih = [rekan.pk] + [p.pk for p in ruang.lain]
    assert login(request.getfixturevalue(siapa)).post(_url(ruang, pegawai), {"rekan": pilih}).status_code == 302
    assert PenugasanRekan.objects.count() == 4


@pytest.mark.parametrize(
    ("jumlah", "pesan"),
    [(0, PESAN_REKAN_JUMLAH), (2, PESAN_REKAN_JUMLAH)],
)
def test_kurang_dari_tiga_ditolak(login, ruang, pegawai, atasan, rekan, jumlah, pesan):
    pilih = ([rekan.pk] + [p.pk for p in ruang.lain])[:jumlah]
    resp = login(atasan).post(_url(ruang, pegawai), {"rekan": pilih})
    assert resp.status_code == 200
    assert f"Penugasan rekan tidak disimpan. {pesan}" in _pesan(resp)
    assert _potret() == []


def test_lebih_dari_lima_dan_ganda_ditolak(login, ruang, pegawai, atasan, rekan, admin_opd, kepala_opd):
    klien = login(atasan)
    enam = [rekan.pk, admin_opd.pk, kepala_opd.pk] + [p.pk for p in ruang.lain]
    assert f"Penugasan rekan tidak disimpan. {PESAN_REKAN_JUMLAH}" in _pesan(
        klien.post(_url(ruang, pegawai), {"rekan": enam})
    )
    ganda = [rekan.pk, rekan.pk, ruang.lain[0].pk, ruang.lain[1].pk]
    assert f"Penugasan rekan tidak disimpan. {PESAN_REKAN_GANDA}" in _pesan(
        klien.post(_url(ruang, pegawai), {"rekan": ganda})
    )
    assert _potret() == []


def test_kandidat_di_luar_opd_atau_diri_sendiri_ditolak(login, ruang, pegawai, atasan, rekan, outsider):
    klien = login(atasan)
    dua = [rekan.pk, ruang.lain[0].pk]
    for asing in (outsider.pk, pegawai.pk, atasan.pk, 999999):
        resp = klien.post(_url(ruang, pegawai), {"rekan": dua + [asing]})
        assert resp.status_code == 200
        assert f"Penugasan rekan tidak disimpan. {PESAN_REKAN_BUKAN_KANDIDAT}" in _pesan(resp)
    # Junk instead of an id
    for sampah in ("abc", "", "1e3", "9" * 40):
        resp = klien.post(_url(ruang, pegawai), {"rekan": dua + [sampah]})
        assert f"Penugasan rekan tidak disimpan. {PESAN_REKAN_ID_TIDAK_VALID}" in _pesan(resp)
    assert _potret() == []


def test_rekan_yang_sudah_mengisi_tidak_dapat_dihapus(login, ruang, pegawai, atasan, rekan):
    tugas = ruang.tugaskan(pegawai, [rekan] + ruang.lain[:2])
    PenugasanRekan.objects.filter(pk=tugas[0].pk).update(status=PenugasanRekan.Status.TERKIRIM)
    sebelum = _potret()
    resp = login(atasan).post(_url(ruang, pegawai), {"rekan": [p.pk for p in ruang.lain]})
    assert f"Penugasan rekan tidak disimpan. {PESAN_REKAN_SUDAH_MENGISI.format(nama=rekan.nama_lengkap)}" in _pesan(
        resp
    )
    assert _potret() == sebelum
    # The page keeps them in the list (hidden field) so an ordinary save never drops them.
    html = login(atasan).get(_url(ruang, pegawai)).content.decode()
    assert f'<input type="hidden" name="rekan" value="{rekan.pk}" data-rekan-tetap>' in html


def test_menghapus_yang_belum_mengisi_dapat_membuka_rata_rata(ruang, pegawai, atasan, rekan):
    tugas = ruang.tugaskan(pegawai, [rekan] + ruang.lain)
    PenugasanRekan.objects.filter(pk__in=[t.pk for t in tugas[:3]]).update(status=PenugasanRekan.Status.TERKIRIM)
    peserta = ruang.peserta(pegawai)
    rekan_atur(actor=atasan.user, peserta=peserta, penilai_ids=[rekan.pk, ruang.lain[0].pk, ruang.lain[1].pk])
    assert PesertaPenilaian.objects.get(pk=peserta.pk).rekan_dibuka


@pytest.mark.parametrize("keadaan", ["dibuka", "batas", "ditutup", "nonaktif"])
def test_penugasan_terkunci(login, ruang, pegawai, atasan, rekan, keadaan, admin_bkd, opd_a):
    if keadaan == "nonaktif":
        PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(rekan_aktif=False, bobot_rekan=0, bobot_atasan=80)
        pesan = PESAN_REKAN_NONAKTIF
    elif keadaan == "dibuka":
        PesertaPenilaian.objects.filter(pk=ruang.peserta(pegawai).pk).update(rekan_dibuka=True)
        pesan = PESAN_REKAN_DIBUKA
    elif keadaan == "batas":
        PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(batas_diri=KEMARIN, batas_rekan=KEMARIN)
        pesan = PESAN_REKAN_BATAS_LEWAT
    else:
        putaran_tutup(actor=admin_bkd.user, putaran=ruang.putaran)
        pesan = PESAN_SUDAH_DITUTUP
    pilih = [rekan.pk] + [p.pk for p in ruang.lain]
    klien = login(atasan)
    html = klien.get(_url(ruang, pegawai)).content.decode()
    assert 'id="form-rekan"' not in html and "bi-lock" in html
    resp = klien.post(_url(ruang, pegawai), {"rekan": pilih})
    assert any(pesan in m for m in _pesan(resp))
    assert _potret() == []
    with pytest.raises(ValidationError) as exc:
        rekan_atur(actor=atasan.user, peserta=ruang.peserta(pegawai), penilai_ids=pilih)
    assert exc.value.messages == [pesan]


def test_layanan_menolak_yang_tidak_berwenang(ruang, pegawai, rekan, kepala_opd):
    with pytest.raises(ValidationError) as exc:
        rekan_atur(actor=pegawai.user, peserta=ruang.peserta(pegawai), penilai_ids=[p.pk for p in ruang.lain])
    assert exc.value.messages == [PESAN_REKAN_DILARANG]
    assert _potret() == []


@pytest.mark.parametrize(("siapa", "status"), [("pegawai", 403), ("rekan", 404), ("outsider", 404), ("petugas", 404)])
def test_orang_lain_tidak_dapat_menugaskan(login, ruang, pegawai, request, siapa, status):
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url(ruang, pegawai)).status_code == status
    assert klien.post(_url(ruang, pegawai), {"rekan": [p.pk for p in ruang.lain]}).status_code == status
    assert _potret() == []


# --- the search over a large OPD ------------------------------------------------------------------


def _banyak(unit, jabatan, n, awal=50_000):
    User = get_user_model()
    users = User.objects.bulk_create([User(username=f"massal{awal + i}") for i in range(n)])
    Pegawai.objects.bulk_create(
        [
            Pegawai(
                nip=nip_valid(awal + i),
                nama=f"Guru Massal {i:04d}",
                status_kepegawaian="pns",
                golongan="III/a",
                unit=unit,
                jabatan=jabatan,
                user=u,
                jalur=f"/{awal + i}/",
            )
            for i, u in enumerate(users)
        ]
    )


def test_cari_kandidat_di_opd_lain_unit(login, ruang, pegawai, atasan, admin_opd, outsider):
    klien = login(atasan)
    resp = klien.get(_url(ruang, pegawai), {"q": "Admin Dis"})
    assert [p.pk for p in resp.context["h"].hasil_cari] == [admin_opd.pk]
    assert klien.get(_url(ruang, pegawai), {"q": "Orang Luar"}).context["h"].hasil_cari == []  # other OPD
    assert klien.get(_url(ruang, pegawai), {"q": "Pegawai Uji"}).context["h"].hasil_cari == []  # the participant
    assert klien.get(_url(ruang, pegawai), {"q": "Ad"}).context["h"].hasil_cari == []  # too short
    assert klien.get(_url(ruang, pegawai), {"q": admin_opd.nip[:8]}).context["h"].hasil_cari[0].pk == admin_opd.pk
    # What was ticked before the search stays ticked, and nothing else.
    resp = klien.get(_url(ruang, pegawai), {"q": "Admin", "pilih": [str(ruang.lain[0].pk), "abc"]})
    assert resp.context["terpilih"] == {str(ruang.lain[0].pk)}
    assert resp.status_code == 200


@pytest.mark.parametrize("n", [10, 3000])
def test_pemilih_kandidat_cepat_di_opd_besar(
    login, ruang, pegawai, atasan, opd_a, jabatan_staf, django_assert_num_queries, n
):
    _banyak(opd_a, jabatan_staf, n)
    klien = login(atasan)
    url = _url(ruang, pegawai)
    # session, user, akses (2), peserta, assignment, proposal (the unit), proposal rows, search,
    # the nav's "is atasan"
    with django_assert_num_queries(10):
        resp = klien.get(url, {"q": "Guru Massal"})
    assert len(resp.context["h"].hasil_cari) == min(n, CARI_MAKS)
    assert resp.content.decode().count('type="checkbox" name="rekan"') <= 4 + CARI_MAKS


# --- the atasan's bulk action ---------------------------------------------------------------------


def test_terapkan_usulan_untuk_semua_bawahan_tanpa_rekan(login, ruang, pegawai, atasan, rekan):
    sudah = ruang.tugaskan(ruang.lain[2], [rekan, pegawai, ruang.lain[0]])  # already has peers: untouched
    resp = login(atasan).post(reverse("kompetensi:tugas-rekan-terapkan"), follow=True)
    assert resp.redirect_chain[-1][0] == reverse("kompetensi:tugas")
    assert "Usulan rekan diterapkan untuk 4 bawahan." in _pesan(resp)
    per = {}
    for p in PenugasanRekan.objects.select_related("peserta"):
        per.setdefault(p.peserta.pegawai_id, set()).add(p.penilai_id)
    assert per[ruang.lain[2].pk] == {s.penilai_id for s in sudah}
    assert per[pegawai.pk] == {rekan.pk} | {p.pk for p in ruang.lain}
    for pegawai_id, penilai in per.items():
        assert 3 <= len(penilai) <= 5 and pegawai_id not in penilai and atasan.pk not in penilai
    # Again: nothing left to do.
    sebelum = _potret()
    resp = login(atasan).post(reverse("kompetensi:tugas-rekan-terapkan"), follow=True)
    assert "Semua bawahan sudah punya rekan penilai; tidak ada yang diubah." in _pesan(resp)
    assert _potret() == sebelum


def test_terapkan_usulan_melaporkan_unit_dengan_kandidat_kurang(
    login, admin_bkd, opd_a, jabatan_staf, atasan, bidang_a
):
    standar(jabatan_staf)
    seksi = UnitKerjaFactory(jenis=UnitKerja.Jenis.SUBBIDANG, induk=bidang_a)
    sendiri = PegawaiFactory(nama="Sendirian", unit=seksi, jabatan=jabatan_staf, atasan=atasan)
    PegawaiFactory(nama="Satu Teman", unit=seksi, jabatan=jabatan_staf)
    buka(admin_bkd.user, [seksi])
    ringkasan = rekan_usulan_terapkan(actor=atasan.user)
    assert ringkasan.diterapkan == 0 and ringkasan.kurang_kandidat == [sendiri.nama_lengkap]
    assert _potret() == []


def test_terapkan_usulan_hanya_untuk_atasan_putaran(login, ruang, pegawai, rekan, admin_opd, outsider):
    for orang in (pegawai, rekan, admin_opd, outsider, ruang.admin_bkd):
        klien = login(orang)
        assert klien.get(reverse("kompetensi:tugas-rekan-terapkan")).status_code == 405
        assert klien.post(reverse("kompetensi:tugas-rekan-terapkan")).status_code == 403
    with pytest.raises(ValidationError) as exc:
        rekan_usulan_terapkan(actor=pegawai.user)
    assert exc.value.messages == [PESAN_USULAN_BUKAN_ATASAN]
    assert _potret() == []


def test_terapkan_usulan_melewati_putaran_lewat_batas(login, ruang, atasan):
    PutaranPenilaian.objects.filter(pk=ruang.putaran.pk).update(
        batas_diri=KEMARIN, batas_rekan=KEMARIN, batas_atasan=HARI_INI + datetime.timedelta(days=3)
    )
    resp = login(atasan).post(reverse("kompetensi:tugas-rekan-terapkan"), follow=True)
    assert "Semua bawahan sudah punya rekan penilai; tidak ada yang diubah." in _pesan(resp)
    assert _potret() == []
