"""Peer anonymity in the performance evaluation: after three peers with distinct scores and
comments answered, the pegawai, their atasan and the admins cannot learn from any page who rated
what; the audit log never holds a draft, a score or a comment; the aggregate is hidden below the
minimum and released once."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluasi.models import (
    EvaluasiPegawai,
    JawabanRekanKinerja,
    KomentarRekanKinerja,
    PenugasanRekanKinerja,
    Periode,
)
from evaluasi.selectors.rekan import PESAN_ATUR_DIBUKA, rekan_ringkasan_tampil
from evaluasi.services.rekan import rekan_atur, rekan_buka_periode, rekan_proses_tenggat
from notifikasi.models import Notifikasi
from pegawai.models import Pegawai
from tests.halaman import halaman_html, teks_html

pytest_plugins = ["evaluasi.tests.rekan_ruang"]  # the `ruang_rk` fixture
pytestmark = pytest.mark.django_db

# Distinct per peer, so an individual answer would be recognisable; the names carry no digits.
SKOR = {
    "Budi Penilai": (1, 2, 3, 4, 5, 1, 2),
    "Citra Penilai": (4, 4, 4, 4, 4, 4, 4),
    "Dewi Penilai": (5, 3, 1, 2, 2, 5, 3),
}
DRAF = {
    "Budi Penilai": (2, 2, 2, 2, 2, 2, 2),
    "Citra Penilai": (3, 3, 3, 3, 3, 3, 3),
    "Dewi Penilai": (1, 1, 1, 1, 1, 1, 1),
}
# Submitted in this order; shown ordered by text (Apel, Mangga, Zaitun), never by who or when.
KOMENTAR = {"Budi Penilai": "Zaitun: rajin", "Citra Penilai": "Mangga: teliti", "Dewi Penilai": "Apel: ramah"}
RAHASIA_DRAF = "draf-rahasia-penilai"


@pytest.fixture
def dinilai(ruang_rk, pegawai, rekan, login):
    """Three peers rate `pegawai` through the form: a draft first, then the answer."""
    penilai = [rekan, ruang_rk.lain[0], ruang_rk.lain[1]]
    for orang, nama in zip(penilai, SKOR, strict=True):
        Pegawai.objects.filter(pk=orang.pk).update(nama=nama)
        orang.nama = nama
    tugas = ruang_rk.tugaskan(pegawai, penilai)
    for t, orang in zip(tugas, penilai, strict=True):
        klien = login(orang)
        url = reverse("evaluasi:tugasrekan-isi", args=[t.pk])
        draf = ruang_rk.data(DRAF[orang.nama], aksi="draf", komentar=RAHASIA_DRAF)
        assert klien.post(url, draf).status_code == 302
        assert klien.post(url, ruang_rk.data(SKOR[orang.nama], komentar=KOMENTAR[orang.nama])).status_code == 302
    ev = ruang_rk.evaluasi(pegawai)
    assert ev.rekan_dibuka  # all three answered: the aggregate is out
    return ev, tugas, penilai


def _blok_berisi(html: str, nama: str) -> list[str]:
    """The list rows (li/label/tr) that mention `nama`, as text."""
    blok = re.findall(r"<(li|label|tr)\b[^>]*>(.*?)</\1>", html, flags=re.S)
    return [teks_html(isi) for _, isi in blok if nama in isi]


def test_pegawai_tidak_melihat_siapa_menilai(login, dinilai, pegawai):
    ev, tugas, penilai = dinilai
    klien = login(pegawai)
    html = halaman_html(klien, reverse("evaluasi:rekan-tugas"))
    for orang in penilai:
        assert orang.nama not in html
    # The pegawai cannot open the assignment or any peer's form.
    assert klien.get(reverse("evaluasi:evaluasi-rekan", args=[ev.pk])).status_code == 403
    for t in tugas:
        assert klien.get(reverse("evaluasi:tugasrekan-isi", args=[t.pk])).status_code == 404
    assert not Notifikasi.objects.filter(penerima=pegawai.user).exists()


@pytest.mark.parametrize("siapa", ["atasan", "admin_opd", "admin_bkd"])
def test_atasan_dan_admin_melihat_siapa_sudah_mengisi_bukan_jawabannya(login, dinilai, request, siapa):
    ev, tugas, penilai = dinilai
    klien = login(request.getfixturevalue(siapa))
    url = reverse("evaluasi:evaluasi-rekan", args=[ev.pk])
    html = halaman_html(klien, url)
    for orang in penilai:
        baris = _blok_berisi(html, orang.nama)
        assert baris, orang.nama
        for teks in baris:
            assert "Sudah mengisi" in teks
            assert not re.search(r"\d", teks), teks  # no score, no date, nothing to tell them apart
            for k in KOMENTAR.values():
                assert k not in teks
    # The aggregate, anonymous: means to two decimals and the comments ordered by text.
    assert "Rata-rata dari 3 rekan" in html
    posisi = [html.index(KOMENTAR[n]) for n in ("Dewi Penilai", "Citra Penilai", "Budi Penilai")]
    assert posisi == sorted(posisi)
    assert "3,33" in html or "3.33" in html  # (1 + 4 + 5) / 3 for the first value
    # Whatever the page holds in memory, the drafts are not loaded, and no draft shows.
    resp = klien.get(url)
    assert all("draf" in p.get_deferred_fields() for p in resp.context["h"].penugasan)
    assert RAHASIA_DRAF not in html
    for t in tugas:
        assert klien.get(reverse("evaluasi:tugasrekan-isi", args=[t.pk])).status_code == 404


def test_daftar_bawahan_atasan_hanya_jumlah(login, dinilai, atasan, pegawai):
    ev, _, penilai = dinilai
    resp = login(atasan).get(reverse("evaluasi:rekan-tugas"))
    baris = next(e for e in resp.context["t"].bawahan if e.pk == ev.pk)
    assert (baris.jumlah_rekan, baris.jumlah_terkirim) == (3, 3)
    html = resp.content.decode()
    # The peers appear on this page only as the atasan's own subordinates, never beside pegawai.
    teks = " ".join(_blok_berisi(html, pegawai.nama_lengkap))
    for orang in penilai:
        assert orang.nama not in teks


def test_rekan_setelah_mengirim_hanya_melihat_bahwa_ia_sudah_mengirim(login, dinilai, pegawai):
    _, tugas, penilai = dinilai
    for t, orang in zip(tugas, penilai, strict=True):
        klien = login(orang)
        html = halaman_html(klien, reverse("evaluasi:tugasrekan-isi", args=[t.pk]))
        assert "Anda sudah mengirim penilaian rekan" in html
        assert 'name="skor_' not in html and "checked" not in html and KOMENTAR[orang.nama] not in html
        for lain in penilai:
            if lain != orang:
                assert lain.nama not in html
        tugas_html = halaman_html(klien, reverse("evaluasi:rekan-tugas"))
        assert pegawai.nama_lengkap in tugas_html and "Sudah dikirim" in tugas_html
        for t_lain in tugas:
            if t_lain != t:
                assert klien.get(reverse("evaluasi:tugasrekan-isi", args=[t_lain.pk])).status_code == 404


def test_draf_rekan_hanya_untuk_penilainya(login, ruang_rk, pegawai, rekan, atasan, admin_opd, admin_bkd):
    """While a peer has a draft, nobody else sees it anywhere."""
    t = ruang_rk.tugaskan(pegawai, [rekan, ruang_rk.lain[0], ruang_rk.lain[1]])[0]
    url_isi = reverse("evaluasi:tugasrekan-isi", args=[t.pk])
    login(rekan).post(url_isi, ruang_rk.data((5, 5, 5, 5, 5, 5, 5), aksi="draf", komentar=RAHASIA_DRAF))
    assert PenugasanRekanKinerja.objects.get(pk=t.pk).draf
    ev = ruang_rk.evaluasi(pegawai)
    for orang in (pegawai, atasan, admin_opd, admin_bkd):
        klien = login(orang)
        for url in (reverse("evaluasi:rekan-tugas"), reverse("evaluasi:evaluasi-rekan", args=[ev.pk])):
            resp = klien.get(url)
            html = resp.content.decode()
            assert RAHASIA_DRAF not in html, url
            assert "Draf" not in " ".join(_blok_berisi(html, rekan.nama)), url
        assert klien.get(url_isi).status_code == 404
    # Only the rater sees it, on their own form.
    html = halaman_html(login(rekan), url_isi)
    assert html.count(" checked") == 7 and RAHASIA_DRAF in html


def test_audit_tanpa_draf_tanpa_skor_tanpa_komentar(dinilai, atasan):
    ev, tugas, penilai = dinilai
    ct_penugasan = ContentType.objects.get_for_model(PenugasanRekanKinerja)
    entri = list(LogEntry.objects.filter(content_type=ct_penugasan))
    assert entri  # assignment and submission are recorded
    dilihat = set()
    for e in entri:
        perubahan = e.changes_dict
        dilihat |= set(perubahan)
        assert "draf" not in perubahan and "skor" not in str(perubahan)
        assert RAHASIA_DRAF not in str(perubahan) and e.serialized_data is None
        for k in KOMENTAR.values():
            assert k not in str(perubahan) and k not in (e.object_repr or "")
    assert "status" in dilihat  # the submission itself (who answered) is recorded, never what
    for model in (JawabanRekanKinerja, KomentarRekanKinerja):
        assert not LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).exists()
    # The release is the system's doing: it does not name the last peer to answer.
    ct_ev = ContentType.objects.get_for_model(EvaluasiPegawai)
    rilis = LogEntry.objects.get(content_type=ct_ev, object_id=ev.pk, changes__has_key="rekan_dibuka")
    assert rilis.actor is None and rilis.changes_dict == {"rekan_dibuka": ["False", "True"]}
    # Nothing anywhere in the audit log carries a comment or the draft.
    semua = " ".join(str(e.changes) for e in LogEntry.objects.all())
    assert RAHASIA_DRAF not in semua and not any(k in semua for k in KOMENTAR.values())
    # The answers carry nothing that points back to a peer.
    assert {f.name for f in JawabanRekanKinerja._meta.get_fields()} == {"id", "evaluasi", "nilai_dasar", "skor"}
    assert {f.name for f in KomentarRekanKinerja._meta.get_fields()} == {"id", "evaluasi", "teks"}
    assert JawabanRekanKinerja.objects.filter(evaluasi=ev).count() == 21
    assert all(t.draf == {} for t in PenugasanRekanKinerja.objects.filter(evaluasi=ev))


def test_jawaban_dan_komentar_tidak_punya_layar_admin():
    assert JawabanRekanKinerja not in admin.site._registry
    assert KomentarRekanKinerja not in admin.site._registry


def test_ringkasan_tersembunyi_di_bawah_minimum(login, ruang_rk, pegawai, rekan, atasan):
    tugas = ruang_rk.tugaskan(pegawai, [rekan, ruang_rk.lain[0], ruang_rk.lain[1]])
    ruang_rk.isi(tugas[0], rekan, (5, 5, 5, 5, 5, 5, 5), komentar="Hanya dua")
    ruang_rk.isi(tugas[1], ruang_rk.lain[0], (1, 1, 1, 1, 1, 1, 1))
    ev = ruang_rk.evaluasi(pegawai)
    url = reverse("evaluasi:evaluasi-rekan", args=[ev.pk])
    assert "Rata-rata dari" not in halaman_html(login(atasan), url)  # not released yet
    besok_batas = ruang_rk.periode.batas_penilaian_rekan
    import datetime as dt

    assert rekan_proses_tenggat(hari_ini=besok_batas + dt.timedelta(days=1)) >= 1
    ev.refresh_from_db()
    assert ev.rekan_dibuka
    tampil = rekan_ringkasan_tampil(ev)
    assert tampil.kurang and tampil.ringkasan is None
    html = halaman_html(login(atasan), url)
    assert "Kurang dari 3 penilai: tidak ditampilkan." in html
    assert "Hanya dua" not in html and "5,00" not in html and "1,00" not in html and "3,00" not in html


def test_dibuka_sekali_penugasan_sesudahnya_ditolak(dinilai, ruang_rk, atasan):
    ev, tugas, penilai = dinilai
    ct_ev = ContentType.objects.get_for_model(EvaluasiPegawai)
    jejak = LogEntry.objects.filter(content_type=ct_ev, object_id=ev.pk).count()
    with pytest.raises(ValidationError) as e:
        rekan_atur(actor=atasan.user, evaluasi=ev, penilai_ids=[p.pk for p in [*penilai, ruang_rk.lain[2]]])
    assert e.value.messages == [PESAN_ATUR_DIBUKA]
    assert PenugasanRekanKinerja.objects.filter(evaluasi=ev).count() == 3
    # Releasing again (deadline job, period close) changes nothing and records nothing.
    assert rekan_proses_tenggat(hari_ini=ruang_rk.periode.batas_penilaian_rekan) == 0
    Periode.objects.filter(pk=ruang_rk.periode.pk).update(status=Periode.Status.DITUTUP)
    rekan_buka_periode(periode_id=ruang_rk.periode.pk)
    assert LogEntry.objects.filter(content_type=ct_ev, object_id=ev.pk, changes__has_key="rekan_dibuka").count() == 1
    assert LogEntry.objects.filter(content_type=ct_ev, object_id=ev.pk).count() == jejak
    assert EvaluasiPegawai.objects.get(pk=ev.pk).rekan_dibuka
