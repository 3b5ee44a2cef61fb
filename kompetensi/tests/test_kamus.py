"""The competency dictionary pages: reading (everyone signed in) and editing (Admin BKD)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kompetensi.models import (
    IndikatorPerilaku,
    Kompetensi,
    LevelKompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
    PesertaPenilaian,
)
from kompetensi.services.kamus import (
    PESAN_INDIKATOR_ASING,
    PESAN_LIMA_LEVEL,
    PESAN_VERSI,
    IndikatorData,
    LevelData,
    kompetensi_simpan,
)
from kompetensi.tests.factories import KompetensiFactory, PutaranPenilaianFactory, StandarKompetensiJabatanFactory

pytestmark = pytest.mark.django_db

LIST = reverse("kompetensi:kompetensi-list")
CREATE = reverse("kompetensi:kompetensi-create")


def _detail(k) -> str:
    return reverse("kompetensi:kompetensi-detail", args=[k.pk])


def _update(k) -> str:
    return reverse("kompetensi:kompetensi-update", args=[k.pk])


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


def data_form(
    *,
    kode="T.UJI.1",
    nama="Pengelolaan Keuangan Daerah",
    jenis="teknis",
    definisi="Kemampuan mengelola keuangan daerah.",
    aktif=True,
    versi=None,
    deskripsi=None,
    indikator=None,
) -> dict:
    """POST data of the edit page. indikator: {level: [(id or None, teks, aspek, hapus?)]}."""
    deskripsi = deskripsi or {lv: f"Deskripsi level {lv}." for lv in range(1, 6)}
    if indikator is None:
        indikator = {lv: [(None, f"Perilaku level {lv}.", "sikap", False)] for lv in range(1, 6)}
    data = {"kode": kode, "nama": nama, "jenis": jenis, "definisi": definisi, "urutan": "1"}
    if aktif:
        data["aktif"] = "on"
    if versi is not None:
        data["versi"] = versi
    for lv in range(1, 6):
        data[f"deskripsi_{lv}"] = deskripsi.get(lv, "")
        baris = indikator.get(lv, [])
        awal = sum(1 for b in baris if b[0] is not None)
        data.update(
            {
                f"level{lv}-TOTAL_FORMS": str(len(baris)),
                f"level{lv}-INITIAL_FORMS": str(awal),
                f"level{lv}-MIN_NUM_FORMS": "0",
                f"level{lv}-MAX_NUM_FORMS": "20",
            }
        )
        for i, (pk, teks, aspek, hapus) in enumerate(baris):
            data[f"level{lv}-{i}-id"] = "" if pk is None else str(pk)
            data[f"level{lv}-{i}-teks"] = teks
            data[f"level{lv}-{i}-aspek"] = aspek
            if hapus:
                data[f"level{lv}-{i}-DELETE"] = "on"
    return data


def _potret() -> tuple:
    return (
        list(Kompetensi.objects.order_by("pk").values_list("kode", "nama", "jenis", "definisi", "aktif")),
        list(LevelKompetensi.objects.order_by("pk").values_list("kompetensi_id", "level", "deskripsi")),
        list(IndikatorPerilaku.objects.order_by("pk").values_list("level_id", "urutan", "teks", "aspek")),
    )


# --- list -------------------------------------------------------------------------------------


def test_pegawai_membaca_kamus_terkelompok_per_jenis(login, pegawai):
    KompetensiFactory(nama="Integritas", jenis="manajerial")
    KompetensiFactory(nama="Perekat Bangsa", jenis="sosial_kultural")
    KompetensiFactory(nama="Pengelolaan Kas", jenis="teknis")
    resp = login(pegawai).get(LIST)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.index("Kompetensi Manajerial") < html.index("Integritas") < html.index("Kompetensi Sosial Kultural")
    assert html.index("Perekat Bangsa") < html.index("Kompetensi Teknis") < html.index("Pengelolaan Kas")
    assert "Tambah kompetensi" not in html


def test_kompetensi_nonaktif_hanya_terlihat_oleh_admin_bkd(client, pegawai, admin_bkd):
    KompetensiFactory(nama="Kompetensi Usang", aktif=False)
    client.force_login(pegawai.user)
    assert "Kompetensi Usang" not in client.get(LIST).content.decode()
    client.force_login(admin_bkd.user)
    html = client.get(LIST).content.decode()
    assert "Kompetensi Usang" in html and "Nonaktif" in html
    assert "Tambah kompetensi" in html


def test_kamus_disaring_menurut_jenis_dan_teks(login, pegawai):
    KompetensiFactory(nama="Integritas", jenis="manajerial")
    KompetensiFactory(nama="Pengelolaan Kas", jenis="teknis", definisi="Menatausahakan kas daerah.")
    KompetensiFactory(nama="Pelayanan Kesehatan", jenis="teknis")
    klien = login(pegawai)
    html = klien.get(LIST, {"jenis": "teknis"}).content.decode()
    assert "Pengelolaan Kas" in html and "Pelayanan Kesehatan" in html and "Integritas" not in html
    html = klien.get(LIST, {"q": "kas daerah"}).content.decode()
    assert "Pengelolaan Kas" in html and "Pelayanan Kesehatan" not in html


def test_filter_kamus_yang_tidak_valid_memberi_pesan(login, pegawai):
    KompetensiFactory(nama="Integritas")
    resp = login(pegawai).get(LIST, {"jenis": "sihir"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Filter tidak valid" in html and "Integritas" not in html


def test_kamus_menolak_post(login, admin_bkd):
    assert login(admin_bkd).post(LIST).status_code == 405


def test_anonim_dialihkan_ke_halaman_masuk(client):
    resp = client.get(LIST)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("akun:login"))


@pytest.mark.parametrize("n", [3, 30])
def test_jumlah_query_kamus_tetap(login, pegawai, django_assert_num_queries, n):
    KompetensiFactory.create_batch(n, jenis="teknis")
    klien = login(pegawai)
    # session, user, roles (2), competencies, nav is_atasan.
    with django_assert_num_queries(6):
        resp = klien.get(LIST)
    assert len(resp.context["daftar"]) == n


# --- detail -----------------------------------------------------------------------------------


def test_detail_menampilkan_definisi_lima_level_dan_indikator_beraspek(login, pegawai):
    k = KompetensiFactory(nama="Integritas", definisi="Bertindak jujur dan konsisten.", lengkap=True)
    ind = IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=4).first()
    ind.teks, ind.aspek = "Membangun sistem pengendalian gratifikasi.", "pengetahuan"
    ind.save()
    resp = login(pegawai).get(_detail(k))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Bertindak jujur dan konsisten." in html
    for lv in range(1, 6):
        assert f"Level {lv}" in html and f"Deskripsi level {lv}." in html
    potongan = html[html.index("Membangun sistem pengendalian gratifikasi.") - 400 :]
    assert "Pengetahuan" in potongan[:400]
    assert 'class="accordion"' in html
    assert html.count("bi-tools") >= 1 and html.count("bi-heart") >= 1


def test_detail_menghitung_jabatan_per_level_dengan_tautan_untuk_admin(client, pegawai, admin_opd):
    k = KompetensiFactory(lengkap=True)
    for _ in range(2):
        StandarKompetensiJabatanFactory(kompetensi=k, level=3)
    StandarKompetensiJabatanFactory(kompetensi=k, level=5)
    client.force_login(pegawai.user)
    resp = client.get(_detail(k))
    assert [(b.level, b.jumlah) for b in resp.context["kebutuhan"]] == [(1, 0), (2, 0), (3, 2), (4, 0), (5, 1)]
    tautan = f"{reverse('kompetensi:standar-list')}?kompetensi={k.pk}&amp;level=3"
    assert tautan not in resp.content.decode()
    client.force_login(admin_opd.user)
    html = client.get(_detail(k)).content.decode()
    assert tautan in html and "2 jabatan" in html


def test_detail_kompetensi_nonaktif_404_bagi_pegawai_200_bagi_bkd(client, pegawai, admin_bkd):
    k = KompetensiFactory(aktif=False, lengkap=True)
    client.force_login(pegawai.user)
    assert client.get(_detail(k)).status_code == 404
    client.force_login(admin_bkd.user)
    assert client.get(_detail(k)).status_code == 200


def test_detail_kompetensi_tidak_ada_404(login, pegawai):
    assert login(pegawai).get(reverse("kompetensi:kompetensi-detail", args=[999999])).status_code == 404


def test_detail_menolak_post(login, admin_bkd):
    k = KompetensiFactory(lengkap=True)
    assert login(admin_bkd).post(_detail(k)).status_code == 405


@pytest.mark.parametrize("n", [1, 8])
def test_jumlah_query_detail_tetap(login, admin_bkd, django_assert_num_queries, n):
    k = KompetensiFactory(lengkap=True)
    for lv in LevelKompetensi.objects.filter(kompetensi=k):
        for i in range(n):
            IndikatorPerilaku.objects.create(level=lv, urutan=10 + i, teks=f"Tambahan {i}", aspek="sikap")
    for _ in range(n):
        StandarKompetensiJabatanFactory(kompetensi=k, level=1 + n % 5)
    klien = login(admin_bkd)
    # session, user, roles (2), competency, levels, indicators, counts per level, nav is_atasan.
    with django_assert_num_queries(9):
        resp = klien.get(_detail(k))
    assert resp.content.decode().count("Tambahan ") == 5 * n


# --- create -----------------------------------------------------------------------------------


def test_admin_bkd_menambah_kompetensi_lengkap_dalam_satu_simpan(login, admin_bkd):
    klien = login(admin_bkd)
    assert klien.get(CREATE).status_code == 200
    data = data_form(
        indikator={
            1: [
                (None, "Mencatat transaksi kas.", "keterampilan", False),
                (None, "Memahami SAP.", "pengetahuan", False),
            ],
            **{lv: [(None, f"Perilaku {lv}.", "sikap", False)] for lv in range(2, 6)},
        }
    )
    resp = klien.post(CREATE, data)
    k = Kompetensi.objects.get(kode="T.UJI.1")
    assert resp.status_code == 302 and resp["Location"] == _detail(k)
    assert (k.nama, k.jenis, k.aktif) == ("Pengelolaan Keuangan Daerah", "teknis", True)
    assert list(k.level.order_by("level").values_list("level", "deskripsi")) == [
        (lv, f"Deskripsi level {lv}.") for lv in range(1, 6)
    ]
    level1 = IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=1).order_by("urutan")
    assert list(level1.values_list("urutan", "teks", "aspek")) == [
        (1, "Mencatat transaksi kas.", "keterampilan"),
        (2, "Memahami SAP.", "pengetahuan"),
    ]
    assert IndikatorPerilaku.objects.filter(level__kompetensi=k).count() == 6
    log = LogEntry.objects.get_for_object(k).get()
    assert log.action == LogEntry.Action.CREATE and log.actor == admin_bkd.user
    assert LogEntry.objects.filter(content_type__model="indikatorperilaku", actor=admin_bkd.user).count() == 6


def test_kirim_ganda_tambah_kompetensi_tidak_menggandakan(login, admin_bkd):
    klien = login(admin_bkd)
    klien.post(CREATE, data_form())
    sebelum = _potret()
    resp = klien.post(CREATE, data_form())
    assert resp.status_code == 200
    assert "Kode ini sudah dipakai kompetensi lain." in resp.content.decode()
    assert _potret() == sebelum
    assert Kompetensi.objects.filter(kode="T.UJI.1").count() == 1


def test_kode_yang_sama_beda_huruf_besar_ditolak(login, admin_bkd):
    KompetensiFactory(kode="T.UJI.1", lengkap=True)
    sebelum = _potret()
    resp = login(admin_bkd).post(CREATE, data_form(kode="t.uji.1"))
    assert "Kode ini sudah dipakai kompetensi lain." in resp.content.decode()
    assert _potret() == sebelum


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"deskripsi": {1: "a", 2: "b", 3: "", 4: "d", 5: "e"}}, "Deskripsi level 3 wajib diisi."),
        (
            {"indikator": {lv: [(None, "x", "sikap", False)] for lv in (1, 3, 4, 5)}},
            "Level 2 harus memiliki paling sedikit satu indikator perilaku.",
        ),
        (
            {"indikator": {lv: [(None, "x", "sikap", lv == 4)] for lv in range(1, 6)}},
            "Level 4 harus memiliki paling sedikit satu indikator perilaku.",
        ),
        (
            {"indikator": {lv: [(None, "x", "" if lv == 5 else "sikap", False)] for lv in range(1, 6)}},
            "Pilih aspek indikator: pengetahuan, keterampilan, atau sikap.",
        ),
        (
            {"indikator": {lv: [(None, "x", "keberanian" if lv == 1 else "sikap", False)] for lv in range(1, 6)}},
            "Aspek indikator harus pengetahuan, keterampilan, atau sikap.",
        ),
        (
            {
                "indikator": {
                    lv: [(None, "", "sikap", False)] if lv == 2 else [(None, "x", "sikap", False)] for lv in range(1, 6)
                }
            },
            "Teks indikator perilaku wajib diisi.",
        ),
        ({"kode": ""}, "Kode kompetensi wajib diisi."),
        ({"definisi": "  "}, "Definisi kompetensi wajib diisi."),
        ({"jenis": "gaib"}, "Jenis kompetensi harus teknis, manajerial, atau sosial kultural."),
    ],
)
def test_isian_salah_memberi_pesan_jelas_dan_tidak_menyimpan_apa_pun(login, admin_bkd, ubah, pesan):
    sebelum, audit = _potret(), LogEntry.objects.count()
    resp = login(admin_bkd).post(CREATE, data_form(**ubah))
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert _potret() == sebelum
    assert LogEntry.objects.count() == audit


def test_formulir_tanpa_data_formset_tidak_error(login, admin_bkd):
    data = {k: v for k, v in data_form().items() if "FORMS" not in k}
    resp = login(admin_bkd).post(CREATE, data)
    assert resp.status_code == 200
    assert Kompetensi.objects.count() == 0


@pytest.mark.parametrize("persona", ["pegawai", "admin_opd", "atasan"])
def test_selain_admin_bkd_tidak_bisa_menambah_kompetensi(request, login, persona):
    klien = login(request.getfixturevalue(persona))
    assert klien.get(CREATE).status_code == 403
    assert klien.post(CREATE, data_form()).status_code == 403
    assert Kompetensi.objects.count() == 0


# --- update -----------------------------------------------------------------------------------


def _versi(k) -> str:
    k.refresh_from_db()
    return k.updated_at.isoformat()


def _indikator(k) -> dict[int, list]:
    hasil = {}
    for lv in range(1, 6):
        hasil[lv] = [
            (i.pk, i.teks, i.aspek, False)
            for i in IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=lv).order_by("urutan", "id")
        ]
    return hasil


def test_admin_bkd_mengubah_kompetensi_dan_indikatornya(login, admin_bkd):
    k = KompetensiFactory(kode="M.9", nama="Lama", jenis="manajerial", lengkap=True)
    klien = login(admin_bkd)
    resp = klien.get(_update(k))
    assert resp.status_code == 200 and 'value="M.9"' in resp.content.decode()
    indikator = _indikator(k)
    tetap, hapus, ubah = indikator[1]
    indikator[1] = [
        tetap,
        (hapus[0], hapus[1], hapus[2], True),
        (ubah[0], "Teks baru.", "pengetahuan", False),
        (None, "Indikator tambahan.", "keterampilan", False),
    ]
    data = data_form(kode="M.9", nama="Baru", jenis="manajerial", versi=_versi(k), indikator=indikator)
    data["deskripsi_2"] = "Deskripsi level 2 yang diperbarui."
    resp = klien.post(_update(k), data)
    assert resp.status_code == 302 and resp["Location"] == _detail(k)
    k.refresh_from_db()
    assert k.nama == "Baru"
    assert k.level.get(level=2).deskripsi == "Deskripsi level 2 yang diperbarui."
    level1 = IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=1).order_by("urutan")
    assert list(level1.values_list("pk", "teks", "aspek")) == [
        (tetap[0], tetap[1], tetap[2]),
        (ubah[0], "Teks baru.", "pengetahuan"),
        (level1.last().pk, "Indikator tambahan.", "keterampilan"),
    ]
    assert not IndikatorPerilaku.objects.filter(pk=hapus[0]).exists()
    assert IndikatorPerilaku.objects.filter(level__kompetensi=k).count() == 15
    aksi = set(
        LogEntry.objects.filter(content_type__model="indikatorperilaku", actor=admin_bkd.user).values_list(
            "action", flat=True
        )
    )
    assert aksi == {LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE}


def test_kirim_ganda_ubah_kompetensi_ditolak_tanpa_indikator_ganda(login, admin_bkd):
    k = KompetensiFactory(kode="M.9", jenis="manajerial", lengkap=True)
    indikator = _indikator(k)
    indikator[3].append((None, "Indikator baru.", "sikap", False))
    data = data_form(kode="M.9", jenis="manajerial", versi=_versi(k), indikator=indikator)
    klien = login(admin_bkd)
    assert klien.post(_update(k), data).status_code == 302
    sebelum = _potret()
    resp = klien.post(_update(k), data)
    assert resp.status_code == 200
    assert PESAN_VERSI in resp.content.decode()
    assert _potret() == sebelum
    assert IndikatorPerilaku.objects.filter(teks="Indikator baru.").count() == 1


def test_id_indikator_milik_kompetensi_lain_ditolak(login, admin_bkd):
    k = KompetensiFactory(kode="M.9", jenis="manajerial", lengkap=True)
    lain = KompetensiFactory(lengkap=True)
    asing = IndikatorPerilaku.objects.filter(level__kompetensi=lain).first()
    indikator = _indikator(k)
    indikator[2][0] = (asing.pk, "Diambil alih.", "sikap", False)
    sebelum = _potret()
    resp = login(admin_bkd).post(
        _update(k), data_form(kode="M.9", jenis="manajerial", versi=_versi(k), indikator=indikator)
    )
    assert resp.status_code == 200
    assert PESAN_INDIKATOR_ASING in resp.content.decode()
    assert _potret() == sebelum


def test_versi_formulir_rusak_ditolak(login, admin_bkd):
    k = KompetensiFactory(kode="M.9", jenis="manajerial", lengkap=True)
    sebelum = _potret()
    resp = login(admin_bkd).post(
        _update(k), data_form(kode="M.9", jenis="manajerial", versi="kemarin", indikator=_indikator(k))
    )
    assert resp.status_code == 200
    assert "Formulir tidak lengkap" in resp.content.decode()
    assert _potret() == sebelum


@pytest.mark.parametrize("persona", ["pegawai", "admin_opd"])
def test_selain_admin_bkd_tidak_bisa_mengubah_kompetensi(request, login, persona):
    k = KompetensiFactory(kode="M.9", nama="Tetap", lengkap=True)
    klien = login(request.getfixturevalue(persona))
    assert klien.get(_update(k)).status_code == 403
    assert klien.post(_update(k), data_form(kode="M.9", nama="Diubah", versi=_versi(k))).status_code == 403
    k.refresh_from_db()
    assert k.nama == "Tetap"


def test_ubah_kompetensi_yang_tidak_ada_404(login, admin_bkd):
    assert login(admin_bkd).get(reverse("kompetensi:kompetensi-update", args=[999999])).status_code == 404


def test_halaman_ubah_menolak_metode_lain(login, admin_bkd):
    k = KompetensiFactory(lengkap=True)
    assert login(admin_bkd).delete(_update(k)).status_code == 405


# --- the service ------------------------------------------------------------------------------


def _level_lengkap() -> list[LevelData]:
    return [LevelData(lv, f"Level {lv}.", [IndikatorData("Perilaku.", "sikap")]) for lv in range(1, 6)]


def test_layanan_menolak_selain_admin_bkd(admin_opd):
    with pytest.raises(PermissionDenied):
        kompetensi_simpan(
            actor=admin_opd.user,
            kompetensi=None,
            kode="X",
            nama="X",
            jenis="teknis",
            definisi="X",
            level=_level_lengkap(),
        )
    assert Kompetensi.objects.count() == 0


@pytest.mark.parametrize("nomor", [(1, 2, 3, 4), (1, 2, 3, 4, 5, 6), (0, 1, 2, 3, 4), (1, 1, 2, 3, 4)])
def test_layanan_mewajibkan_tepat_lima_level(admin_bkd, nomor):
    level = [LevelData(lv, "Deskripsi.", [IndikatorData("Perilaku.", "sikap")]) for lv in nomor]
    with pytest.raises(ValidationError) as exc:
        kompetensi_simpan(
            actor=admin_bkd.user, kompetensi=None, kode="X", nama="X", jenis="teknis", definisi="X", level=level
        )
    assert exc.value.messages == [PESAN_LIMA_LEVEL]
    assert Kompetensi.objects.count() == 0


# --- indicators ticked in a self-assessment -----------------------------------------------------

PESAN_TERKIRIM_LEVEL_3 = (
    'Indikator level 3 "Menyusun rencana kerja tim." sudah dipilih dalam penilaian diri yang terkirim, '
    "sehingga tidak dapat dihapus. Batalkan penghapusannya; teksnya tetap boleh diperbaiki."
)


def _dicentang(pegawai, k, *, status=PenilaianKompetensi.Status.TERKIRIM) -> tuple[IndikatorPerilaku, NilaiKompetensi]:
    """Level 3's first indicator of `k`, ticked in a self-assessment of `pegawai` with `status`."""
    ind = IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=3).order_by("urutan").first()
    ind.teks = "Menyusun rencana kerja tim."
    ind.save()
    peserta = PesertaPenilaian.objects.create(
        putaran=PutaranPenilaianFactory(),
        pegawai=pegawai,
        jabatan=pegawai.jabatan,
        unit=pegawai.unit,
        opd=pegawai.unit.opd,
    )
    penilaian = PenilaianKompetensi.objects.create(
        peserta=peserta, jenis=PenilaianKompetensi.Jenis.DIRI, penilai=pegawai, status=status
    )
    nilai = NilaiKompetensi.objects.create(penilaian=penilaian, kompetensi=k, level=3)
    nilai.indikator.set([ind])
    return ind, nilai


def _level_dari(k, *, kecuali=(), teks=None) -> list[LevelData]:
    """The stored levels of `k` as the service gets them, leaving out `kecuali`, with texts from `teks`."""
    teks = teks or {}
    return [
        LevelData(
            lv,
            f"Deskripsi level {lv}.",
            [IndikatorData(teks.get(pk, t), aspek, pk) for pk, t, aspek, _ in baris if pk not in kecuali],
        )
        for lv, baris in _indikator(k).items()
    ]


def _simpan_ulang(admin_bkd, k, level) -> Kompetensi:
    return kompetensi_simpan(
        actor=admin_bkd.user,
        kompetensi=k,
        kode=k.kode,
        nama=k.nama,
        jenis=k.jenis,
        definisi=k.definisi,
        aktif=k.aktif,
        urutan=k.urutan,
        level=level,
        versi=k.updated_at,
    )


def test_indikator_dicentang_penilaian_diri_terkirim_tidak_dapat_dihapus(admin_bkd, pegawai):
    k = KompetensiFactory(lengkap=True)
    ind, nilai = _dicentang(pegawai, k)
    lain = IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=1).first()
    k.refresh_from_db()
    versi, sebelum, audit = k.updated_at, _potret(), LogEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        _simpan_ulang(admin_bkd, k, _level_dari(k, kecuali={ind.pk, lain.pk}))
    assert exc.value.message_dict == {"indikator_3": [PESAN_TERKIRIM_LEVEL_3]}
    assert _potret() == sebelum
    assert LogEntry.objects.count() == audit
    assert list(nilai.indikator.values_list("pk", flat=True)) == [ind.pk]
    k.refresh_from_db()
    assert k.updated_at == versi  # the version swap was rolled back: the form can be sent again


def test_indikator_yang_hanya_dicentang_draf_boleh_dihapus(admin_bkd, pegawai):
    k = KompetensiFactory(lengkap=True)
    ind, nilai = _dicentang(pegawai, k, status=PenilaianKompetensi.Status.DRAFT)
    k.refresh_from_db()
    _simpan_ulang(admin_bkd, k, _level_dari(k, kecuali={ind.pk}))
    assert not IndikatorPerilaku.objects.filter(pk=ind.pk).exists()
    assert IndikatorPerilaku.objects.filter(level__kompetensi=k, level__level=3).count() == 2
    assert NilaiKompetensi.objects.filter(pk=nilai.pk).exists()
    assert not nilai.indikator.exists()


def test_teks_indikator_yang_dicentang_terkirim_tetap_boleh_diubah(admin_bkd, pegawai):
    k = KompetensiFactory(lengkap=True)
    ind, nilai = _dicentang(pegawai, k)
    k.refresh_from_db()
    _simpan_ulang(admin_bkd, k, _level_dari(k, teks={ind.pk: "Menyusun rencana kerja tim secara tertulis."}))
    ind.refresh_from_db()
    assert ind.teks == "Menyusun rencana kerja tim secara tertulis."
    assert list(nilai.indikator.values_list("pk", flat=True)) == [ind.pk]


def test_halaman_ubah_menampilkan_penolakan_hapus_indikator_terkirim(login, admin_bkd, pegawai):
    k = KompetensiFactory(kode="M.9", jenis="manajerial", lengkap=True)
    ind, nilai = _dicentang(pegawai, k)
    indikator = _indikator(k)
    indikator[3] = [(pk, teks, aspek, pk == ind.pk) for pk, teks, aspek, _ in indikator[3]]
    sebelum = _potret()
    resp = login(admin_bkd).post(
        _update(k), data_form(kode="M.9", jenis="manajerial", versi=_versi(k), indikator=indikator)
    )
    assert resp.status_code == 200
    panel = next(p for p in resp.context["bundle"].level_panel() if p["level"] == 3)
    assert panel["galat"] == [PESAN_TERKIRIM_LEVEL_3]
    assert PESAN_TERKIRIM_LEVEL_3.replace('"', "&quot;") in resp.content.decode()
    assert _potret() == sebelum
    assert list(nilai.indikator.values_list("pk", flat=True)) == [ind.pk]


# --- Django admin -----------------------------------------------------------------------------


def test_admin_django_kamus_hanya_dibaca_oleh_admin_bkd(client, admin_bkd, admin_opd):
    k = KompetensiFactory(nama="Integritas", lengkap=True)
    daftar = reverse("admin:kompetensi_kompetensi_changelist")
    ubah = reverse("admin:kompetensi_kompetensi_change", args=[k.pk])
    client.force_login(admin_bkd.user)
    assert "Integritas" in client.get(daftar).content.decode()
    resp = client.get(ubah)
    assert resp.status_code == 200 and "Deskripsi level 5." in resp.content.decode()
    resp = client.post(ubah, {"kode": k.kode, "nama": "Diubah lewat admin", "jenis": k.jenis, "definisi": "x"})
    assert resp.status_code == 403
    assert client.get(reverse("admin:kompetensi_kompetensi_add")).status_code == 403
    client.force_login(admin_opd.user)
    assert client.get(daftar).status_code == 403
    k.refresh_from_db()
    assert k.nama == "Integritas"
