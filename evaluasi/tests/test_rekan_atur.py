"""Assigning the peers of an evaluation: proposals, search, limits, locks, audit, notifications,
and "accept the proposals for all my subordinates" in one click."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluasi.access import PESAN_REKAN_DILARANG
from evaluasi.forms.rekan import PESAN_REKAN_ID_TIDAK_VALID
from evaluasi.models import EvaluasiPegawai, PenugasanRekanKinerja, Periode
from evaluasi.selectors.rekan import (
    PESAN_ATUR_BATAS,
    PESAN_ATUR_DIBUKA,
    PESAN_ATUR_DITUTUP,
    PESAN_ATUR_FINAL,
    PESAN_ATUR_PERENCANAAN,
    rekan_usulan_banyak,
)
from evaluasi.services.rekan import (
    PESAN_REKAN_BUKAN_KANDIDAT,
    PESAN_REKAN_GANDA,
    PESAN_REKAN_JUMLAH,
    PESAN_REKAN_SUDAH_MENGISI,
    PESAN_USULAN_BUKAN_PENILAI,
    rekan_atur,
    rekan_usulan_terapkan,
)
from notifikasi.models import Notifikasi
from pegawai.models import Pegawai
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

pytest_plugins = ["evaluasi.tests.rekan_ruang"]  # the `ruang_rk` fixture
pytestmark = pytest.mark.django_db

PESAN_JUMLAH_3_5 = PESAN_REKAN_JUMLAH.format(minimum=3, maksimum=5)


def _url(ev):
    return reverse("evaluasi:evaluasi-rekan", args=[ev.pk])


def _potret():
    return (
        list(PenugasanRekanKinerja.objects.order_by("pk").values_list("pk", "evaluasi_id", "penilai_id", "status")),
        LogEntry.objects.count(),
        Notifikasi.objects.count(),
        list(EvaluasiPegawai.objects.order_by("pk").values_list("pk", "rekan_dibuka")),
    )


def _post(klien, ev, orang):
    return klien.post(_url(ev), {"rekan": [str(p.pk) for p in orang]})


# --- proposals ---------------------------------------------------------------------------------------


def test_usulan_unit_dan_jabatan_sama_dulu_lalu_unit_lalu_tim_atasan(ruang_rk, pegawai, rekan, atasan, opd_a, opd_b):
    ev = ruang_rk.evaluasi(pegawai)
    jabatan_lain = JabatanFactory(nama="Pengadministrasi Umum")
    bidang_lain = UnitKerjaFactory(nama="Bidang Lain", jenis="bidang", induk=opd_a)
    beda_jabatan = PegawaiFactory(nama="Aaron Beda Jabatan", unit=pegawai.unit, jabatan=jabatan_lain, atasan=atasan)
    tim = PegawaiFactory(nama="Aaron Tim Lain Unit", unit=bidang_lain, jabatan=pegawai.jabatan, atasan=atasan)
    # Never: another OPD (even in the atasan's team), inactive, without an account, the atasan.
    PegawaiFactory(nama="Aaron Luar OPD", unit=opd_b, jabatan=pegawai.jabatan, atasan=atasan)
    PegawaiFactory(nama="Aaron Nonaktif", unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=atasan, aktif=False)
    PegawaiFactory(nama="Aaron Tanpa Akun", unit=pegawai.unit, jabatan=pegawai.jabatan, atasan=atasan, user=None)
    sama = sorted([rekan, *ruang_rk.lain], key=lambda p: p.nama.casefold())

    usulan = rekan_usulan_banyak([ev], maks=10)[ev.pk]

    assert usulan == [p.pk for p in sama] + [beda_jabatan.pk, tim.pk]
    assert rekan_usulan_banyak([ev], maks=5)[ev.pk] == [p.pk for p in sama] + [beda_jabatan.pk]
    assert pegawai.pk not in usulan and atasan.pk not in usulan


def test_halaman_menampilkan_usulan_tercentang(login, ruang_rk, pegawai, atasan):
    resp = login(atasan).get(_url(ruang_rk.evaluasi(pegawai)))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Belum ada rekan yang ditugaskan." in html
    for orang in ruang_rk.lain:
        assert f'name="rekan" value="{orang.pk}" checked' in html
    assert resp.context["h"].kunci == ""


# --- assigning ---------------------------------------------------------------------------------------


def test_atasan_menetapkan_tiga_rekan_tercatat_dan_diberi_tahu(login, ruang_rk, pegawai, atasan, rekan):
    ev = ruang_rk.evaluasi(pegawai)
    orang = [rekan, ruang_rk.lain[0], ruang_rk.lain[1]]
    resp = _post(login(atasan), ev, orang)
    assert resp.status_code == 302 and resp["Location"] == _url(ev)
    tugas = list(PenugasanRekanKinerja.objects.filter(evaluasi=ev))
    assert {t.penilai_id for t in tugas} == {p.pk for p in orang}
    assert {t.status for t in tugas} == {"ditugaskan"} and {t.ditugaskan_oleh_id for t in tugas} == {atasan.user_id}
    entri = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(PenugasanRekanKinerja))
    assert entri.filter(action=LogEntry.Action.CREATE, actor=atasan.user).count() == 3
    for t, p in ((t, next(o for o in orang if o.pk == t.penilai_id)) for t in tugas):
        notif = Notifikasi.objects.get(penerima=p.user)
        assert notif.tautan == reverse("evaluasi:tugasrekan-isi", args=[t.pk])
        assert pegawai.nama_lengkap in notif.judul and "anonim" in notif.pesan
    assert not Notifikasi.objects.filter(penerima=pegawai.user).exists()  # the pegawai is not told who
    html = login(atasan).get(_url(ev)).content.decode()
    assert html.count("Belum mengisi") == 3


@pytest.mark.parametrize("siapa", ["admin_opd", "admin_bkd"])
def test_admin_opd_dan_bkd_boleh_menugaskan(login, ruang_rk, pegawai, rekan, request, siapa):
    ev = ruang_rk.evaluasi(pegawai)
    assert _post(login(request.getfixturevalue(siapa)), ev, [rekan, *ruang_rk.lain[:2]]).status_code == 302
    assert PenugasanRekanKinerja.objects.filter(evaluasi=ev).count() == 3


def test_mengganti_rekan_yang_belum_mengisi(login, ruang_rk, pegawai, atasan, rekan):
    ev = ruang_rk.evaluasi(pegawai)
    ruang_rk.tugaskan(pegawai, [rekan, ruang_rk.lain[0], ruang_rk.lain[1]])
    assert _post(login(atasan), ev, [rekan, ruang_rk.lain[0], ruang_rk.lain[2]]).status_code == 302
    assert set(PenugasanRekanKinerja.objects.filter(evaluasi=ev).values_list("penilai_id", flat=True)) == {
        rekan.pk,
        ruang_rk.lain[0].pk,
        ruang_rk.lain[2].pk,
    }
    ct = ContentType.objects.get_for_model(PenugasanRekanKinerja)
    assert LogEntry.objects.filter(content_type=ct, action=LogEntry.Action.DELETE).count() == 1


@pytest.mark.parametrize(
    ("jumlah", "ganda", "pesan"),
    [
        (2, False, PESAN_JUMLAH_3_5),
        (0, False, PESAN_JUMLAH_3_5),
        (6, False, PESAN_JUMLAH_3_5),
        (3, True, PESAN_REKAN_GANDA),
    ],
)
def test_jumlah_di_luar_batas_atau_ganda_ditolak(
    login, ruang_rk, pegawai, atasan, rekan, admin_opd, jumlah, ganda, pesan
):
    calon = [rekan, *ruang_rk.lain, admin_opd, PegawaiFactory(unit=pegawai.unit, jabatan=pegawai.jabatan)]
    pilihan = [str(p.pk) for p in calon[:jumlah]]
    if ganda:
        pilihan = [pilihan[0], pilihan[0], pilihan[1]]
    sebelum = _potret()
    resp = login(atasan).post(_url(ruang_rk.evaluasi(pegawai)), {"rekan": pilihan})
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert _potret() == sebelum


@pytest.mark.parametrize("nilai", ["abc", "-1", "1.5", "²", "9" * 30])
def test_id_rekan_bukan_angka_ditolak(login, ruang_rk, pegawai, atasan, rekan, nilai):
    sebelum = _potret()
    data = {"rekan": [str(rekan.pk), str(ruang_rk.lain[0].pk), nilai]}
    resp = login(atasan).post(_url(ruang_rk.evaluasi(pegawai)), data)
    assert resp.status_code == 200
    assert PESAN_REKAN_ID_TIDAK_VALID in resp.content.decode()
    assert _potret() == sebelum


@pytest.mark.parametrize("siapa", ["outsider", "pegawai", "atasan", "kepala_opd", "nonaktif", "tanpa_akun", "id_asing"])
def test_kandidat_yang_tidak_sah_ditolak(login, ruang_rk, pegawai, atasan, rekan, request, siapa):
    if siapa == "nonaktif":
        orang_id = PegawaiFactory(unit=pegawai.unit, jabatan=pegawai.jabatan, aktif=False).pk
    elif siapa == "tanpa_akun":
        orang_id = PegawaiFactory(unit=pegawai.unit, jabatan=pegawai.jabatan, user=None).pk
    elif siapa == "id_asing":
        orang_id = 987654321
    else:
        orang_id = request.getfixturevalue(siapa).pk
    sebelum = _potret()
    resp = login(atasan).post(
        _url(ruang_rk.evaluasi(pegawai)), {"rekan": [str(rekan.pk), str(ruang_rk.lain[0].pk), str(orang_id)]}
    )
    assert resp.status_code == 200
    assert PESAN_REKAN_BUKAN_KANDIDAT in resp.content.decode()
    assert _potret() == sebelum


def test_rekan_yang_sudah_mengisi_tidak_dapat_dihapus(login, ruang_rk, pegawai, atasan, rekan):
    tugas = ruang_rk.tugaskan(pegawai, [rekan, ruang_rk.lain[0], ruang_rk.lain[1]])
    ruang_rk.isi(tugas[0], rekan, (3, 3, 3, 3, 3, 3, 3))
    sebelum = _potret()
    resp = _post(login(atasan), ruang_rk.evaluasi(pegawai), ruang_rk.lain)
    assert PESAN_REKAN_SUDAH_MENGISI.format(nama=rekan.nama_lengkap) in resp.content.decode()
    assert _potret() == sebelum
    # The page marks them as fixed: ticked, disabled, carried as a hidden field.
    html = login(atasan).get(_url(ruang_rk.evaluasi(pegawai))).content.decode()
    assert f'<input type="hidden" name="rekan" value="{rekan.pk}" data-rekan-tetap>' in html


def test_menghapus_yang_belum_mengisi_dapat_membuka_hasil(ruang_rk, pegawai, atasan, rekan):
    tugas = ruang_rk.tugaskan(pegawai, [rekan, *ruang_rk.lain])
    for t, orang in zip(tugas[:3], [rekan, *ruang_rk.lain[:2]], strict=True):
        ruang_rk.isi(t, orang, (4, 4, 4, 4, 4, 4, 4))
    assert not ruang_rk.evaluasi(pegawai).rekan_dibuka  # Rekan Lain Tiga has not answered
    rekan_atur(
        actor=atasan.user,
        evaluasi=ruang_rk.evaluasi(pegawai),
        penilai_ids=[rekan.pk, *[p.pk for p in ruang_rk.lain[:2]]],
    )
    assert ruang_rk.evaluasi(pegawai).rekan_dibuka


def _kunci(ruang_rk, pegawai, keadaan):
    ev = ruang_rk.evaluasi(pegawai)
    if keadaan == "perencanaan":
        Periode.objects.filter(pk=ruang_rk.periode.pk).update(status=Periode.Status.PERENCANAAN)
        return PESAN_ATUR_PERENCANAAN
    if keadaan == "ditutup":
        Periode.objects.filter(pk=ruang_rk.periode.pk).update(status=Periode.Status.DITUTUP)
        return PESAN_ATUR_DITUTUP
    if keadaan == "final":
        EvaluasiPegawai.objects.filter(pk=ev.pk).update(
            status="final", rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
        )
        return PESAN_ATUR_FINAL
    if keadaan == "dibuka":
        EvaluasiPegawai.objects.filter(pk=ev.pk).update(rekan_dibuka=True)
        return PESAN_ATUR_DIBUKA
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    Periode.objects.filter(pk=ruang_rk.periode.pk).update(batas_penilaian_rekan=kemarin)
    from django.utils.formats import date_format

    return PESAN_ATUR_BATAS.format(tanggal=date_format(kemarin, "j F Y"))


@pytest.mark.parametrize("keadaan", ["perencanaan", "ditutup", "final", "dibuka", "batas_lewat"])
def test_penugasan_terkunci(login, ruang_rk, pegawai, atasan, rekan, keadaan):
    pesan = _kunci(ruang_rk, pegawai, keadaan)
    ev = ruang_rk.evaluasi(pegawai)
    klien = login(atasan)
    html = klien.get(_url(ev)).content.decode()
    assert pesan in html and 'id="form-rekan"' not in html
    sebelum = _potret()
    resp = _post(klien, ev, [rekan, *ruang_rk.lain[:2]])
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as e:
        rekan_atur(actor=atasan.user, evaluasi=ev, penilai_ids=[rekan.pk, *[p.pk for p in ruang_rk.lain[:2]]])
    assert e.value.messages == [pesan]


@pytest.mark.parametrize(
    ("siapa", "status"),
    [("pegawai", 403), ("kepala_opd", 403), ("rekan", 404), ("outsider", 404), ("petugas", 404)],
)
def test_orang_lain_tidak_dapat_menugaskan(login, ruang_rk, pegawai, request, siapa, status):
    ev = ruang_rk.evaluasi(pegawai)
    klien = login(request.getfixturevalue(siapa))
    assert klien.get(_url(ev)).status_code == status
    sebelum = _potret()
    assert _post(klien, ev, ruang_rk.lain).status_code == status
    assert _potret() == sebelum


def test_layanan_menolak_yang_tidak_berwenang(ruang_rk, pegawai, kepala_opd):
    with pytest.raises(ValidationError) as e:
        rekan_atur(
            actor=kepala_opd.user, evaluasi=ruang_rk.evaluasi(pegawai), penilai_ids=[p.pk for p in ruang_rk.lain]
        )
    assert e.value.messages == ["Anda tidak berwenang menugaskan rekan penilai untuk pegawai ini."]
    assert not PenugasanRekanKinerja.objects.exists()
    assert "pejabat penilai" in PESAN_REKAN_DILARANG


def test_metode_lain_405(login, ruang_rk, pegawai, atasan):
    assert login(atasan).put(_url(ruang_rk.evaluasi(pegawai))).status_code == 405


def test_id_bukan_angka_404(login, ruang_rk, atasan):
    assert login(atasan).get("/kinerja/evaluasi/abc/rekan/").status_code == 404
    assert login(atasan).get(reverse("evaluasi:evaluasi-rekan", args=[987654321])).status_code == 404


# --- search ---------------------------------------------------------------------------------------


def test_cari_kandidat_di_opd_yang_sama_menurut_nama_atau_nip(
    login, ruang_rk, pegawai, atasan, admin_opd, outsider, opd_a
):
    bidang_lain = UnitKerjaFactory(nama="Sekretariat", jenis="bidang", induk=opd_a)
    jauh = PegawaiFactory(nama="Wulan Sekretariat", unit=bidang_lain)
    PegawaiFactory(nama="Wulan Dinkes", unit=outsider.unit)
    klien = login(atasan)
    h = klien.get(_url(ruang_rk.evaluasi(pegawai)), {"q": "wulan"}).context["h"]
    assert [p.pk for p in h.hasil_cari] == [jauh.pk]
    h = klien.get(_url(ruang_rk.evaluasi(pegawai)), {"q": jauh.nip[:10]}).context["h"]
    assert [p.pk for p in h.hasil_cari] == [jauh.pk]
    h = klien.get(_url(ruang_rk.evaluasi(pegawai)), {"q": "wu"}).context["h"]
    assert h.hasil_cari == []  # fewer than three characters: no search
    # Picked people survive a search as `pilih`; someone outside the OPD never comes back.
    h = klien.get(
        _url(ruang_rk.evaluasi(pegawai)), {"q": "zzz", "pilih": [str(jauh.pk), str(outsider.pk), "x"]}
    ).context["h"]
    assert [p.pk for p in h.dipilih] == [jauh.pk]
    assert _post(klien, ruang_rk.evaluasi(pegawai), [jauh, *ruang_rk.lain[:2]]).status_code == 302


@pytest.mark.parametrize("n", [5, 40])
def test_halaman_penugasan_jumlah_query_tetap(login, ruang_rk, pegawai, atasan, opd_a, jabatan_staf, n):
    """Searching a large OPD: at most 20 hits, the same number of queries for 5 or 40 matches."""
    bidang = UnitKerjaFactory(nama="Bidang Besar", jenis="bidang", induk=opd_a)
    for i in range(n):
        PegawaiFactory(nama=f"Sutrisno Calon {i:03d}", unit=bidang, jabatan=jabatan_staf)
    ruang_rk.tugaskan(pegawai, ruang_rk.lain)
    klien = login(atasan)
    url = _url(ruang_rk.evaluasi(pegawai))
    klien.get(url)  # warm the session and the settings row
    with CaptureQueriesContext(connection) as ctx:
        resp = klien.get(url, {"q": "sutrisno", "pilih": [str(p.pk) for p in ruang_rk.lain]})
    assert len(resp.context["h"].hasil_cari) == min(n, 20)
    assert len(ctx.captured_queries) == 11, [q["sql"] for q in ctx.captured_queries]


# --- accept the proposals for all my subordinates ------------------------------------------------------


def test_terapkan_usulan_untuk_semua_bawahan_tanpa_rekan(login, ruang_rk, pegawai, atasan, rekan):
    # pegawai, rekan and the three others are atasan's subordinates: each gets the four others.
    ruang_rk.tugaskan(rekan, ruang_rk.lain)  # rekan already has peers: left alone
    sebelum = {t.pk for t in PenugasanRekanKinerja.objects.all()}
    klien = login(atasan)
    resp = klien.post(reverse("evaluasi:rekan-usulan-terapkan"))
    assert resp.status_code == 302 and resp["Location"] == reverse("evaluasi:rekan-tugas")
    baru = PenugasanRekanKinerja.objects.exclude(pk__in=sebelum)
    bawahan = [pegawai, *ruang_rk.lain]
    assert baru.count() == 4 * len(bawahan)
    for orang in bawahan:
        penilai = set(baru.filter(evaluasi__pegawai=orang).values_list("penilai_id", flat=True))
        assert penilai == {p.pk for p in [pegawai, rekan, *ruang_rk.lain]} - {orang.pk}
    ct = ContentType.objects.get_for_model(PenugasanRekanKinerja)
    entri = LogEntry.objects.filter(content_type=ct, object_id__in=baru.values("pk"), action=LogEntry.Action.CREATE)
    assert entri.count() == baru.count() and set(entri.values_list("actor", flat=True)) == {atasan.user_id}
    assert all("draf" not in e.changes_dict for e in entri)
    notif = Notifikasi.objects.filter(judul="Tugas penilaian rekan baru")
    assert notif.count() == 5 and notif.filter(penerima=pegawai.user).exists()  # one per peer, not per task
    pesan = [str(m) for m in resp.wsgi_request._messages]
    assert pesan == ["Usulan rekan diterapkan untuk 4 bawahan (16 penugasan); setiap rekan sudah diberi tahu."]
    # Twice: nothing more.
    resp = klien.post(reverse("evaluasi:rekan-usulan-terapkan"), follow=True)
    assert "Semua bawahan sudah punya rekan penilai; tidak ada yang diubah." in resp.content.decode()
    assert PenugasanRekanKinerja.objects.count() == len(sebelum) + 16


def test_terapkan_usulan_melewati_evaluasi_final_dan_yang_sudah_dibuka(ruang_rk, pegawai, atasan, rekan):
    EvaluasiPegawai.objects.filter(periode=ruang_rk.periode, pegawai=rekan).update(
        status="final", rating_hasil="sesuai", rating_perilaku="sesuai", predikat="baik"
    )
    EvaluasiPegawai.objects.filter(periode=ruang_rk.periode, pegawai=ruang_rk.lain[0]).update(rekan_dibuka=True)
    ringkasan = rekan_usulan_terapkan(actor=atasan.user)
    assert ringkasan.diterapkan == 3 and ringkasan.kurang_kandidat == []
    dengan = set(PenugasanRekanKinerja.objects.values_list("evaluasi__pegawai_id", flat=True))
    assert dengan == {pegawai.pk, ruang_rk.lain[1].pk, ruang_rk.lain[2].pk}


def test_terapkan_usulan_kandidat_kurang(ruang_rk, atasan, admin_bkd, jabatan_staf, opd_b):
    """A rater in OPD B with one subordinate and nobody else around: reported, nothing written."""
    kepala = PegawaiFactory(nama="Kepala Puskesmas", unit=opd_b, jabatan=jabatan_staf)
    sendiri = PegawaiFactory(nama="Bidan Sendiri", unit=opd_b, jabatan=jabatan_staf, atasan=kepala)
    from evaluasi.services.periode import evaluasi_pastikan

    evaluasi_pastikan(periode=ruang_rk.periode, pegawai=sendiri)
    ringkasan = rekan_usulan_terapkan(actor=kepala.user)
    assert ringkasan.diterapkan == 0 and ringkasan.kurang_kandidat == ["Bidan Sendiri"]
    assert not PenugasanRekanKinerja.objects.exists()


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "outsider", "admin_opd", "admin_bkd"])
def test_terapkan_usulan_hanya_untuk_pejabat_penilai(login, ruang_rk, request, siapa):
    klien = login(request.getfixturevalue(siapa))
    sebelum = _potret()
    assert klien.post(reverse("evaluasi:rekan-usulan-terapkan")).status_code == 403
    assert klien.get(reverse("evaluasi:rekan-usulan-terapkan")).status_code == 405
    assert _potret() == sebelum
    with pytest.raises(ValidationError) as e:
        rekan_usulan_terapkan(actor=request.getfixturevalue(siapa).user)
    assert e.value.messages == [PESAN_USULAN_BUKAN_PENILAI]


def test_terapkan_usulan_melewati_periode_lewat_batas(login, ruang_rk, atasan):
    Periode.objects.filter(pk=ruang_rk.periode.pk).update(batas_penilaian_rekan=timezone.localdate() - dt.timedelta(1))
    resp = login(atasan).post(reverse("evaluasi:rekan-usulan-terapkan"), follow=True)
    assert "Semua bawahan sudah punya rekan penilai; tidak ada yang diubah." in resp.content.decode()
    assert not PenugasanRekanKinerja.objects.exists()


@pytest.mark.parametrize("n", [2, 8])
def test_terapkan_usulan_berbasis_himpunan(ruang_rk, atasan, bidang_a, jabatan_staf, n, django_assert_num_queries):
    """The same number of statements for a team of 5 + 2 or 5 + 8 subordinates."""
    from evaluasi.services.periode import evaluasi_siapkan

    for i in range(n):
        PegawaiFactory(nama=f"Tambahan {i}", unit=bidang_a, jabatan=jabatan_staf, atasan=atasan)
    evaluasi_siapkan(periode=ruang_rk.periode)
    atasan.user.refresh_from_db()
    ContentType.objects.get_for_model(PenugasanRekanKinerja)  # cached per process: warm it for both sizes
    with django_assert_num_queries(12):
        ringkasan = rekan_usulan_terapkan(actor=atasan.user)
    assert ringkasan.diterapkan == 5 + n
    assert PenugasanRekanKinerja.objects.count() == (5 + n) * 5
    assert Pegawai.objects.filter(atasan=atasan).count() == 5 + n
