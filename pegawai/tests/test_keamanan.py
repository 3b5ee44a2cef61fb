"""Adversarial review: junk input never answers 500, scopes hold on every route, changes are
audited with their actor. Run on SQLite and on PostgreSQL (which refuses NUL bytes in text)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from pegawai.models import ImporPegawai, Pegawai, PeranPengguna, UnitKerja
from pegawai.tests.factories import PegawaiFactory
from pegawai.tests.test_admin import data_pegawai

SAMPAH = ["a\x00b", "x" * 10_000, "99999999999999999999999", "-1", "1e5", "😀\u202e", ["1", "2"]]
BESAR = "99999999999999999999999"


def klien(persona) -> Client:
    """A client that answers 500 instead of raising, so the status code is what is asserted."""
    client = Client(raise_request_exception=False)
    if persona is not None:
        client.force_login(persona.user)
    return client


def admin_url(model, action="changelist", *args):
    return reverse(f"admin:pegawai_{model}_{action}", args=args)


def data_admin_pegawai(p, **ubah):
    return data_pegawai(p, **ubah)


# --- the Django admin: ids that are not ids -----------------------------------------------------


@pytest.mark.parametrize("persona", ["admin_bkd", "admin_opd"])
@pytest.mark.parametrize("nilai", ["abc", "a\x00b", BESAR, "x" * 10_000])
def test_halaman_tambah_admin_dengan_id_sampah_di_url_tidak_500(persona, nilai, request, bidang_a):
    client = klien(request.getfixturevalue(persona))
    for model, field in [("pegawai", "unit"), ("pegawai", "atasan"), ("pegawai", "jabatan"), ("unitkerja", "induk")]:
        response = client.get(admin_url(model, "add"), {field: nilai})
        assert response.status_code == 200, (model, field)


@pytest.mark.parametrize("persona", ["admin_bkd", "admin_opd"])
@pytest.mark.parametrize("nilai", ["abc", "a\x00b", BESAR])
def test_ubah_pegawai_lewat_admin_dengan_id_sampah_ditolak_tanpa_menyimpan(persona, nilai, request, pegawai):
    client = klien(request.getfixturevalue(persona))
    sebelum = Pegawai.objects.values().get(pk=pegawai.pk)
    for field in ("unit", "atasan", "jabatan"):
        response = client.post(
            admin_url("pegawai", "change", pegawai.pk), data_admin_pegawai(pegawai, nama="Diubah", **{field: nilai})
        )
        assert response.status_code == 200, field
        assert response.context["adminform"].form.errors[field]
    assert Pegawai.objects.values().get(pk=pegawai.pk) == sebelum


@pytest.mark.parametrize("nilai", ["abc", "a\x00b", BESAR])
def test_ubah_unit_lewat_admin_dengan_induk_sampah_ditolak(login, admin_opd, bidang_a, nilai):
    response = klien(admin_opd).post(
        admin_url("unitkerja", "change", bidang_a.pk), {"kode": bidang_a.kode, "nama": "Baru", "induk": nilai}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["induk"]
    bidang_a.refresh_from_db()
    assert bidang_a.nama != "Baru"


# --- sign-in, atasan search ---------------------------------------------------------------------


@pytest.mark.parametrize("nip", ["1" * 10_000, "1985\x000101", "😀" * 300])
def test_masuk_dengan_nip_sampah_ditolak_dengan_pesan(db, nip):
    response = klien(None).post(reverse("akun:login"), {"username": nip, "password": "rahasia"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in response.client.session


def test_nip_sangat_panjang_tidak_mencapai_catatan_kegagalan_axes(db):
    from axes.models import AccessAttempt

    klien(None).post(reverse("akun:login"), {"username": "1" * 10_000, "password": "rahasia"})
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("q", ["abc\x00def", "\x00\x00\x00", "x" * 10_000, "1" * 10_000])
def test_cari_atasan_dengan_teks_sampah_mengembalikan_daftar_kosong(admin_opd, atasan, q):
    response = klien(admin_opd).get(reverse("pegawai:atasan-cari"), {"q": q})
    assert response.status_code == 200
    assert response.json() == {"hasil": []}


def test_cari_atasan_tetap_menemukan_nama(admin_opd, atasan):
    response = klien(admin_opd).get(reverse("pegawai:atasan-cari"), {"q": "Atasan Bid"})
    assert [h["nip"] for h in response.json()["hasil"]] == [atasan.nip]


# --- every page, junk in every common parameter ---------------------------------------------


PARAMETER = ["q", "page", "p", "unit", "jabatan", "golongan", "aktif", "cakupan", "opd", "induk", "next", "o"]


@pytest.mark.parametrize("persona", ["admin_bkd", "admin_opd", "atasan"])
def test_halaman_daftar_tidak_500_dengan_parameter_sampah(persona, request, pegawai, outsider):
    client = klien(request.getfixturevalue(persona))
    halaman = [
        reverse(n)
        for n in (
            "beranda",
            "pegawai:pegawai-list",
            "pegawai:pegawai-export",
            "pegawai:tim",
            "pegawai:unit-list",
            "pegawai:unit-create",
            "pegawai:jabatan-list",
            "pegawai:audit-list",
            "pegawai:peran-list",
        )
    ] + [admin_url(m) for m in ("pegawai", "unitkerja", "jabatan", "imporpegawai")]
    for url in halaman:
        for nilai in SAMPAH:
            response = client.get(url, {k: nilai for k in PARAMETER})
            assert response.status_code < 500, (url, repr(nilai)[:20])


# --- access -----------------------------------------------------------------------------------


def test_admin_opd_tidak_bisa_menjadikan_staf_opd_lain_atasan_lewat_admin(admin_opd, pegawai, outsider):
    response = klien(admin_opd).post(
        admin_url("pegawai", "change", pegawai.pk), data_admin_pegawai(pegawai, atasan=outsider.pk)
    )
    assert response.status_code == 200
    assert "Atasan langsung harus pegawai di OPD Anda atau pemangku JPT." in response.content.decode()
    pegawai.refresh_from_db()
    assert pegawai.atasan_id != outsider.pk
    # The outsider gained no sight of the employee.
    assert klien(outsider).get(reverse("pegawai:pegawai-detail", args=[pegawai.pk])).status_code == 404


def test_admin_opd_boleh_menjadikan_pemangku_jpt_opd_lain_atasan(admin_opd, kepala_opd, opd_b, jabatan_kepala):
    sekda = PegawaiFactory(nama="Sekretaris Daerah", unit=opd_b, jabatan=jabatan_kepala)
    response = klien(admin_opd).post(
        admin_url("pegawai", "change", kepala_opd.pk), data_admin_pegawai(kepala_opd, atasan=sekda.pk)
    )
    assert response.status_code == 302
    kepala_opd.refresh_from_db()
    assert kepala_opd.atasan_id == sekda.pk


def test_admin_opd_tidak_bisa_memindahkan_pegawai_ke_unit_opd_lain(admin_opd, pegawai, opd_b, jabatan_staf):
    client = klien(admin_opd)
    app = client.post(
        reverse("pegawai:pegawai-move", args=[pegawai.pk]),
        {"unit": opd_b.pk, "jabatan": jabatan_staf.pk, "atasan_nip": "", "keterangan": "SK 1"},
    )
    assert app.status_code == 200 and app.context["form"].errors["unit"]
    admin = client.post(admin_url("pegawai", "change", pegawai.pk), data_admin_pegawai(pegawai, unit=opd_b.pk))
    assert admin.status_code == 200 and admin.context["adminform"].form.errors["unit"]
    pegawai.refresh_from_db()
    assert pegawai.unit.opd_id != opd_b.pk


def test_admin_opd_tidak_melihat_riwayat_admin_pegawai_opd_lain(admin_opd, outsider):
    client = klien(admin_opd)
    for action in ("change", "history", "delete"):
        response = client.get(admin_url("pegawai", action, outsider.pk))
        assert response.status_code in (302, 403), action
        assert outsider.nama not in response.content.decode()


def test_pencarian_otomatis_unit_admin_opd_tidak_memuat_unit_opd_lain(admin_opd, bidang_a, opd_b):
    response = klien(admin_opd).get(
        reverse("admin:autocomplete"),
        {"app_label": "pegawai", "model_name": "pegawai", "field_name": "unit", "term": "Dinas"},
    )
    assert response.status_code == 200
    ids = {r["id"] for r in response.json()["results"]}
    assert str(opd_b.pk) not in ids


def test_pegawai_tidak_melihat_profil_rekan_sejawat(pegawai, rekan):
    assert klien(pegawai).get(reverse("pegawai:pegawai-detail", args=[rekan.pk])).status_code == 404


def test_berkas_impor_pengguna_lain_tidak_dapat_diunduh(admin_opd, admin_bkd, outsider):
    impor = ImporPegawai.objects.create(dibuat_oleh=admin_bkd.user, nama_berkas="b.xlsx", opd=outsider.unit)
    lain = PegawaiFactory(unit=outsider.unit)
    PeranPengguna.objects.create(user=lain.user, peran=PeranPengguna.Peran.ADMIN_OPD, opd=outsider.unit)
    for persona in (admin_opd, lain):
        client = klien(persona)
        for nama in ("impor-detail", "impor-status", "impor-galat", "impor-kredensial"):
            assert client.get(reverse(f"pegawai:{nama}", args=[impor.pk])).status_code == 404, nama
        assert client.post(reverse("pegawai:impor-kredensial", args=[impor.pk])).status_code == 404


# --- audit ------------------------------------------------------------------------------------


def _entri(obj):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)


def test_perubahan_unit_lewat_halaman_tercatat_dengan_pelaku(admin_opd, bidang_a):
    client = klien(admin_opd)
    response = client.post(
        reverse("pegawai:unit-update", args=[bidang_a.pk]),
        {"kode": bidang_a.kode, "nama": "Bidang Baru", "induk": bidang_a.induk_id, "aktif": "on"},
    )
    assert response.status_code == 302
    entri = _entri(bidang_a).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entri.actor == admin_opd.user
    assert entri.changes_dict["nama"] == [bidang_a.nama, "Bidang Baru"]


def test_pencabutan_peran_tercatat_dengan_pelaku(admin_bkd, admin_opd):
    peran = PeranPengguna.objects.get(user=admin_opd.user)
    response = klien(admin_bkd).post(reverse("pegawai:peran-delete", args=[peran.pk]))
    assert response.status_code == 302
    entri = _entri(peran).get(action=LogEntry.Action.DELETE)
    assert entri.actor == admin_bkd.user


def test_perubahan_pegawai_lewat_admin_oleh_admin_opd_tercatat_dengan_pelaku(admin_opd, pegawai):
    response = klien(admin_opd).post(
        admin_url("pegawai", "change", pegawai.pk), data_admin_pegawai(pegawai, telepon="0812345678")
    )
    assert response.status_code == 302
    entri = _entri(pegawai).get(action=LogEntry.Action.UPDATE)
    assert entri.actor == admin_opd.user
    assert entri.changes_dict["telepon"][1] == "0812345678"


def test_unit_tetap_milik_opd_setelah_dipindah_admin_opd(admin_opd, bidang_a, opd_b):
    """Moving a bidang under another OPD's unit is refused and leaves the OPD unchanged."""
    response = klien(admin_opd).post(
        reverse("pegawai:unit-update", args=[bidang_a.pk]),
        {"kode": bidang_a.kode, "nama": bidang_a.nama, "induk": opd_b.pk, "aktif": "on"},
    )
    assert response.status_code in (200, 403)
    assert UnitKerja.objects.get(pk=bidang_a.pk).opd_id == bidang_a.opd_id


# --- import uploads ---------------------------------------------------------------------------


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(isi_pegawai: list[list], merge: str | None = None) -> bytes:
    import io

    from openpyxl import Workbook

    from pegawai.impor.kolom import PEGAWAI

    wb = Workbook()
    ws = wb.active
    ws.title = PEGAWAI.nama
    ws.append(list(PEGAWAI.nama_kolom))
    for baris in isi_pegawai:
        ws.append(baris)
    if merge:
        ws.merge_cells(merge)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip_bukan_xlsx() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("catatan.txt", "bukan excel")
    return buf.getvalue()


BERKAS_SAMPAH = {
    "bukan_zip": b"ini teks biasa, bukan excel" * 10,
    "zip_bukan_xlsx": _zip_bukan_xlsx(),
    "rumus_dan_galat": _xlsx([["=1/0", "=#REF!", "#REF!", "#N/A", "=A1", "=SUM(A:A)", "#DIV/0!"]] * 3),
    "tanggal_di_nip": _xlsx([[datetime.datetime(1985, 1, 1), "Nama", "PNS", "III/a", "X", "Y", ""]]),
    "sel_digabung": _xlsx([["198501012010011001", "Nama", "PNS", "III/a", "X", "Y", ""]] * 3, merge="A2:C4"),
    "teks_panjang_unicode": _xlsx(
        [["1" * 5000, "😀\u202e" * 3000, "x" * 10_000, "-1", "", "", "99999999999999999999"]]
    ),
}


@pytest.mark.parametrize("jenis", list(BERKAS_SAMPAH))
def test_unggah_berkas_impor_sampah_tidak_500_dan_tidak_menulis(
    jenis, admin_opd, opd_a, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path / "media"
    client = klien(admin_opd)
    jumlah_pegawai, jumlah_unit = Pegawai.objects.count(), UnitKerja.objects.count()
    berkas = SimpleUploadedFile("pegawai.xlsx", BERKAS_SAMPAH[jenis], content_type=XLSX)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pegawai:impor-create"), {"berkas": berkas})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert response.context["form"].errors["berkas"]
    else:
        impor = ImporPegawai.objects.get(dibuat_oleh=admin_opd.user)
        assert impor.status == ImporPegawai.Status.GAGAL, impor.pesan
        assert client.get(reverse("pegawai:impor-detail", args=[impor.pk])).status_code == 200
        assert client.get(reverse("pegawai:impor-galat", args=[impor.pk])).status_code in (200, 302)
    assert (Pegawai.objects.count(), UnitKerja.objects.count()) == (jumlah_pegawai, jumlah_unit)


def test_impor_ganda_dikirim_dua_kali_tidak_menggandakan_pegawai(admin_bkd, opd_a):
    """A create form posted twice (double click) answers the second with a message, not a row."""
    client = klien(admin_bkd)
    from pegawai.tests.factories import JabatanFactory, nip_valid

    jabatan = JabatanFactory()
    data = {"nip": nip_valid(777), "nama": "Ganda", "status_kepegawaian": "pns", "golongan": "III/a"}
    data.update({"unit": opd_a.pk, "jabatan": jabatan.pk, "atasan_nip": "", "email": "", "telepon": ""})
    pertama = client.post(reverse("pegawai:pegawai-create"), data)
    kedua = client.post(reverse("pegawai:pegawai-create"), data)
    assert pertama.status_code == 302
    assert kedua.status_code == 200
    assert "Pegawai dengan NIP ini sudah terdaftar." in kedua.content.decode()
    assert Pegawai.objects.filter(nip=data["nip"]).count() == 1


def test_formulir_tanpa_token_csrf_ditolak_dengan_halaman_403(admin_opd, bidang_a):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(admin_opd.user)
    for url in (reverse("pegawai:pegawai-create"), reverse("pegawai:unit-create"), admin_url("pegawai", "add")):
        response = client.post(url, {"nama": "Tanpa token"})
        assert response.status_code == 403, url
    assert klien(None).post(reverse("akun:login"), {"username": "x"}).status_code == 200
    assert not Pegawai.objects.filter(nama="Tanpa token").exists()
