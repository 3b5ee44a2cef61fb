"""Every URL of the project, requested by every persona: who gets what.

`HARAPAN` holds one row per URL name. A new route without a row fails
`test_setiap_url_punya_baris_harapan`, so every future page declares who may open it.
Rules checked:
- no URL answers 500 to anyone;
- an anonymous visitor is sent to the login page from every non-public page;
- each persona gets exactly the status in the table (200 allowed, 403 visible but not for
  this role, 404 out of scope, 405 wrong method);
- a POST to a state-changing route by an outsider or a plain pegawai changes nothing.
"""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kompetensi.models import (
    JawabanRekan,
    Kompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    ProgramPengembangan,
    PutaranPenilaian,
    RencanaPengembangan,
    StandarKompetensiJabatan,
)
from pegawai.models import ImporPegawai, Jabatan, Pegawai, PeranPengguna, RiwayatJabatan, UnitKerja
from tests.harapan import (  # noqa: F401
    ADMIN,
    ADMIN_HANYA_POST,
    BKD,
    BKD_HANYA_POST,
    DILARANG,
    DIREKTORI,
    LOGIN,
    METODE,
    OK,
    PERSONA,
    PROFIL,
    PUBLIK,
    REDIRECT,
    SEMUA_DIALIHKAN,
    SEMUA_OK,
    TIDAK_ADA,
    _baris_dari,
    _hanya,
    evaluasi_keberatan,
    evaluasi_log,
    evaluasi_penilaian,
    evaluasi_periode,
    evaluasi_realisasi,
    evaluasi_rekan,
    evaluasi_skp,
    kompetensi_impor,
    kompetensi_laporan,
    kompetensi_pengembangan,
    kompetensi_penilaian,
    kompetensi_putaran,
    pengaduan_alur,
    pengaduan_kalender,
    pengaduan_laporan,
    pengaduan_publik,
    pengaduan_skm,
)
from tests.harapan.dunia_evaluasi import PREFIX_EVALUASI_OPD, dunia_evaluasi, potret_evaluasi
from tests.harapan.dunia_pengaduan import PREFIX_PENGADUAN_OPD, dunia_pengaduan, potret_pengaduan
from unduhan.tests.factories import EksporFactory

HARAPAN: dict[str, dict] = {
    "beranda": _baris_dari(SEMUA_OK),
    # --- accounts
    "akun:login": _baris_dari(SEMUA_DIALIHKAN, anonim=PUBLIK),  # signed in: sent on to beranda
    "akun:logout": _baris_dari(_hanya(METODE), anonim=PUBLIK),
    "akun:password-change": _baris_dari(SEMUA_OK),
    # --- directory and profiles
    "pegawai:pegawai-list": _baris_dari(DIREKTORI),
    "pegawai:pegawai-export": _baris_dari(DIREKTORI),
    "pegawai:profil-saya": _baris_dari(SEMUA_DIALIHKAN),  # to the user's own pegawai-detail
    "pegawai:tim": _baris_dari(_hanya(DILARANG, atasan=OK)),
    "pegawai:atasan-cari": _baris_dari(ADMIN),
    "pegawai:pegawai-create": _baris_dari(ADMIN, ubah=True),
    "pegawai:pegawai-detail": _baris_dari(PROFIL),
    "pegawai:pegawai-update": _baris_dari(ADMIN, ubah=True),
    "pegawai:pegawai-move": _baris_dari(ADMIN, ubah=True),
    "pegawai:pegawai-deactivate": _baris_dari(ADMIN, ubah=True),
    "pegawai:pegawai-reactivate": _baris_dari(ADMIN_HANYA_POST, ubah=True),
    "pegawai:pegawai-reset-aktivasi": _baris_dari(ADMIN_HANYA_POST, ubah=True),
    # Shows a code only right after a reset; without one, back to the profile.
    "pegawai:pegawai-kode-aktivasi": _baris_dari(_hanya(DILARANG, admin_opd=REDIRECT, admin_bkd=REDIRECT)),
    # --- master data
    "pegawai:unit-list": _baris_dari(ADMIN),
    "pegawai:unit-create": _baris_dari(ADMIN, ubah=True),
    "pegawai:unit-update": _baris_dari(ADMIN, ubah=True),
    "pegawai:jabatan-list": _baris_dari(ADMIN),
    "pegawai:jabatan-create": _baris_dari(BKD, ubah=True),
    "pegawai:jabatan-update": _baris_dari(BKD, ubah=True),
    # --- import (the job belongs to admin_opd's OPD)
    "pegawai:impor-create": _baris_dari(ADMIN, ubah=True),
    "pegawai:impor-template": _baris_dari(ADMIN),
    "pegawai:impor-detail": _baris_dari(ADMIN),
    "pegawai:impor-status": _baris_dari(ADMIN),
    "pegawai:impor-galat": _baris_dari(ADMIN),
    # Activation codes: only the importer, once (GET confirms, POST downloads and deletes the file).
    "pegawai:impor-kredensial": _baris_dari(_hanya(DILARANG, admin_opd=OK, admin_bkd=TIDAK_ADA), ubah=True),
    # --- audit and roles
    "pegawai:audit-list": _baris_dari(BKD),
    "pegawai:peran-list": _baris_dari(BKD),
    "pegawai:peran-create": _baris_dari(BKD, ubah=True),
    "pegawai:peran-delete": _baris_dari(BKD, ubah=True),
    # --- Django admin: Admin OPD/BKD get in (scoped); others go to its login, which answers 403
    #     to a signed-in non-admin and sends the anonymous to the NIP login. Own tests: test_admin.py
    "admin:index": _baris_dari(_hanya(REDIRECT, admin_opd=OK, admin_bkd=OK), anonim="admin-login"),
    # --- competency dictionary (read by everyone signed in, edited by Admin BKD)
    "kompetensi:saya": _baris_dari(SEMUA_OK),  # every persona here is a pegawai
    "kompetensi:kompetensi-list": _baris_dari(SEMUA_OK),
    "kompetensi:kompetensi-detail": _baris_dari(SEMUA_OK),
    "kompetensi:kompetensi-create": _baris_dari(BKD, ubah=True),
    "kompetensi:kompetensi-update": _baris_dari(BKD, ubah=True),
    # --- position standards (the jabatan's page): admins read, Admin BKD changes (POST only)
    "kompetensi:standar-list": _baris_dari(ADMIN),
    "kompetensi:standar-detail": _baris_dari(ADMIN),
    "kompetensi:standar-set": _baris_dari(BKD_HANYA_POST, ubah=True),
    "kompetensi:standar-delete": _baris_dari(BKD_HANYA_POST, ubah=True),
    "kompetensi:standar-terapkan": _baris_dari(BKD_HANYA_POST, ubah=True),
    # --- background exports (Unduhan Saya): each user their own; the export is `pegawai`'s
    "unduhan:ekspor-list": _baris_dari(SEMUA_OK),
    "unduhan:ekspor-status": _baris_dari(_hanya(TIDAK_ADA, pegawai=OK)),
    "unduhan:ekspor-unduh": _baris_dari(_hanya(TIDAK_ADA, pegawai=OK)),
}
for _modul in (
    kompetensi_putaran,
    kompetensi_penilaian,
    kompetensi_pengembangan,
    kompetensi_laporan,
    kompetensi_impor,
    evaluasi_periode,
    evaluasi_skp,
    evaluasi_realisasi,
    evaluasi_log,
    evaluasi_penilaian,
    evaluasi_rekan,
    evaluasi_keberatan,
    pengaduan_publik,
    pengaduan_alur,
    pengaduan_skm,
    pengaduan_kalender,
    pengaduan_laporan,
):
    _ganda = HARAPAN.keys() & _modul.HARAPAN.keys()
    assert not _ganda, f"baris ganda: {_ganda}"
    HARAPAN.update(_modul.HARAPAN)


# --- walking the URL tree ---------------------------------------------------------------------


def _semua_url(patterns=None, namespace: str = "", prefix: str = "") -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, route, path parameters) for every named route; admin/ contributes only its index."""
    hasil = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            if ns == "admin":
                hasil.append(("admin:index", route, ()))
                continue
            nama_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            hasil.extend(_semua_url(p.url_patterns, nama_ns, route))
        elif isinstance(p, URLPattern) and p.name:
            nama = f"{namespace}:{p.name}" if namespace else p.name
            hasil.append((nama, route, tuple(p.pattern.converters)))
    return hasil


URLS = _semua_url()


def test_setiap_url_punya_baris_harapan():
    nama_url = {nama for nama, _, _ in URLS}
    tanpa_baris = sorted(nama_url - HARAPAN.keys())
    usang = sorted(HARAPAN.keys() - nama_url)
    assert tanpa_baris == [], f"URL tanpa baris di HARAPAN (tambahkan siapa boleh membukanya): {tanpa_baris}"
    assert usang == [], f"Baris HARAPAN untuk URL yang tidak ada lagi: {usang}"


def test_penelusuran_url_menemukan_rute_utama():
    nama_url = {nama for nama, _, _ in URLS}
    assert {"beranda", "akun:login", "pegawai:pegawai-detail", "pegawai:impor-galat", "admin:index"} <= nama_url
    assert not any(nama.startswith("admin:") and nama != "admin:index" for nama in nama_url)


# --- the data every request points at ---------------------------------------------------------


@pytest.fixture
def dunia(pegawai, atasan, rekan, outsider, admin_opd, admin_bkd, petugas, bidang_a, opd_a, opd_b, jabatan_staf):
    impor = ImporPegawai.objects.create(
        dibuat_oleh=admin_opd.user,
        opd=opd_a,
        berkas="impor/uji/pegawai.xlsx",
        nama_berkas="pegawai.xlsx",
        status=ImporPegawai.Status.GAGAL,
        total_baris=1,
        diproses=1,
        galat=[{"lembar": "Pegawai", "baris": 2, "kolom": "NIP", "pesan": "NIP tidak valid."}],
    )
    peran = PeranPengguna.objects.get(user=admin_opd.user, peran=PeranPengguna.Peran.ADMIN_OPD)
    impor_lain = ImporPegawai.objects.create(
        dibuat_oleh=admin_bkd.user,
        opd=opd_b,
        berkas="impor/uji/dinkes.xlsx",
        nama_berkas="dinkes.xlsx",
        status=ImporPegawai.Status.GAGAL,
        total_baris=1,
        diproses=1,
        galat=[{"lembar": "Pegawai", "baris": 2, "kolom": "NIP", "pesan": "NIP tidak valid."}],
    )
    persona = {
        "pegawai": pegawai,
        "atasan": atasan,
        "rekan": rekan,
        "outsider": outsider,
        "admin_opd": admin_opd,
        "admin_bkd": admin_bkd,
        "petugas": petugas,
    }
    kompetensi = Kompetensi.objects.create(
        kode="M.UJI", nama="Integritas Uji", jenis=Kompetensi.Jenis.MANAJERIAL, definisi="Uji."
    )
    StandarKompetensiJabatan.objects.create(jabatan=jabatan_staf, kompetensi=kompetensi, level=2)
    kompetensi_dunia = _dunia_kompetensi(persona, kompetensi, opd_a, opd_b)
    evaluasi_dunia = dunia_evaluasi(persona, opd_a, opd_b)
    pengaduan_dunia = dunia_pengaduan(persona, opd_a, opd_b)
    # Path parameters by route prefix: each points at an object of OPD A (admin_opd's scope).
    objek = {
        **kompetensi_dunia["objek"],
        **evaluasi_dunia["objek"],
        **pengaduan_dunia["objek"],
        "kompetensi": kompetensi.pk,
        "standar": jabatan_staf.pk,
        "pegawai": pegawai.pk,
        "unit": bidang_a.pk,
        "jabatan": jabatan_staf.pk,
        "impor": impor.pk,
        "peran": peran.pk,
        "ekspor": EksporFactory(pemilik=pegawai.user).pk,
    }
    # The same kinds of object in OPD B: outside admin_opd's scope.
    objek_lain = {
        "pegawai": outsider.pk,
        "unit": opd_b.pk,
        "impor": impor_lain.pk,
        **kompetensi_dunia["objek_lain"],
        **evaluasi_dunia["objek_lain"],
        **pengaduan_dunia["objek_lain"],
    }
    return persona, objek, objek_lain


def _dunia_kompetensi(persona, kompetensi, opd_a, opd_b) -> dict:
    """A round open in OPD A (pegawai, rekan and admin_opd take part; `rekan` must rate
    `pegawai` as a peer), a round of OPD B (outsider), a development programme and a plan for
    `pegawai`. URL names with a pk start with the key that says which object it is."""

    from django.utils import timezone

    from kompetensi.models import ProgramPengembangan, RencanaPengembangan
    from kompetensi.tests.factories import putaran_buka_uji

    hari_ini = timezone.localdate()
    bkd = persona["admin_bkd"].user
    putaran = putaran_buka_uji(bkd, [opd_a], nama="Putaran OPD A").putaran
    putaran_lain = putaran_buka_uji(bkd, [opd_b], nama="Putaran OPD B").putaran
    peserta = putaran.peserta.get(pegawai=persona["pegawai"])
    peserta_lain = putaran_lain.peserta.get(pegawai=persona["outsider"])
    penugasan = PenugasanRekan.objects.create(peserta=peserta, penilai=persona["rekan"], ditugaskan_oleh=bkd)
    program = ProgramPengembangan.objects.create(kode="PRG-UJI", nama="Pelatihan Integritas", jenis="pelatihan", jp=8)
    program.sasaran.create(kompetensi=kompetensi, level_target=3)
    rencana = RencanaPengembangan.objects.create(
        pegawai=persona["pegawai"],
        program=program,
        kompetensi=kompetensi,
        judul="Pelatihan Integritas",
        jenis="pelatihan",
        tanggal_mulai=hari_ini,
        tanggal_selesai=hari_ini,
        jp_rencana=8,
        dibuat_oleh=bkd,
    )
    rencana_lain = RencanaPengembangan.objects.create(
        pegawai=persona["outsider"],
        program=program,
        kompetensi=kompetensi,
        judul="Pelatihan Integritas",
        jenis="pelatihan",
        tanggal_mulai=hari_ini,
        tanggal_selesai=hari_ini,
        jp_rencana=8,
        dibuat_oleh=bkd,
    )
    return {
        "objek": {
            "putaran": putaran.pk,
            "peserta": peserta.pk,
            "rekan": penugasan.pk,
            "program": program.pk,
            "rencana": rencana.pk,
        },
        "objek_lain": {"putaran": putaran_lain.pk, "peserta": peserta_lain.pk, "rencana": rencana_lain.pk},
    }


def _path(nama: str, params: tuple[str, ...], objek: dict) -> str:
    if not params:
        return reverse(nama)
    awalan = nama.split(":")[-1].split("-")[0]
    assert awalan in objek, f"{nama}: tidak tahu objek untuk parameter {params}; tambahkan di fixture `dunia`"
    return reverse(nama, kwargs=dict.fromkeys(params, objek[awalan]))


def _klien(pegawai: Pegawai | None) -> Client:
    klien = Client()
    if pegawai is not None:
        klien.force_login(pegawai.user)
    return klien


def _status_ringkas(resp) -> str:
    lokasi = f" -> {resp['Location']}" if resp.status_code in (301, 302) else ""
    return f"{resp.status_code}{lokasi}"


@pytest.mark.parametrize(("nama", "route", "params"), URLS, ids=[u[0] for u in URLS])
@pytest.mark.django_db
def test_matriks_akses_get(nama, route, params, dunia):
    persona, objek, _ = dunia
    harapan = HARAPAN.get(nama)
    if harapan is None:
        pytest.fail(f"{nama} tidak punya baris di HARAPAN")
    url = _path(nama, params, objek)
    login_url = reverse("akun:login")
    salah = []

    resp = _klien(None).get(url)
    assert resp.status_code < 500, f"anonim {url}: {resp.status_code}"
    if harapan["anonim"] == LOGIN:
        if not (resp.status_code == 302 and resp["Location"].startswith(login_url)):
            salah.append(f"anonim: {_status_ringkas(resp)}, seharusnya 302 -> {login_url}")
    elif harapan["anonim"] == "admin-login":
        if not (resp.status_code == 302 and resp["Location"].startswith(reverse("admin:login"))):
            salah.append(f"anonim: {_status_ringkas(resp)}, seharusnya 302 -> admin:login")
    elif harapan["anonim"] == PUBLIK and resp.status_code not in (200, 405):
        salah.append(f"anonim: {_status_ringkas(resp)}, seharusnya halaman publik")
    elif isinstance(harapan["anonim"], int) and resp.status_code != harapan["anonim"]:
        # A public route with a fixed answer (e.g. 302 back to a form).
        salah.append(f"anonim: {_status_ringkas(resp)}, seharusnya {harapan['anonim']}")

    for peran, diharapkan in harapan["status"].items():
        resp = _klien(persona[peran]).get(url)
        assert resp.status_code < 500, f"{peran} {url}: {resp.status_code}"
        if resp.status_code != diharapkan:
            salah.append(f"{peran}: {_status_ringkas(resp)}, seharusnya {diharapkan}")

    assert salah == [], f"GET {url} ({nama}):\n  " + "\n  ".join(salah)


def _potret() -> dict:
    """Everything a POST could have changed: row counts, audit entries and the target's fields."""
    return {
        "audit": LogEntry.objects.count(),
        "pegawai": list(Pegawai.objects.order_by("pk").values_list("pk", "nama", "unit_id", "jabatan_id", "aktif")),
        "unit": list(UnitKerja.objects.order_by("pk").values_list("pk", "nama", "induk_id", "aktif")),
        "jabatan": list(Jabatan.objects.order_by("pk").values_list("pk", "nama", "aktif")),
        "peran": list(PeranPengguna.objects.order_by("pk").values_list("pk", "user_id", "peran", "opd_id")),
        "riwayat": RiwayatJabatan.objects.count(),
        "impor": list(
            ImporPegawai.objects.order_by("pk").values_list("pk", "status", "berkas", "berkas_kredensial", "opd_id")
        ),
        "kode_aktivasi": list(Pegawai.objects.order_by("pk").values_list("kode_aktivasi_hash", flat=True)),
        "kompetensi": list(Kompetensi.objects.order_by("pk").values_list("pk", "kode", "nama", "aktif")),
        "standar": list(
            StandarKompetensiJabatan.objects.order_by("pk").values_list("pk", "jabatan_id", "kompetensi_id", "level")
        ),
        "putaran": list(PutaranPenilaian.objects.order_by("pk").values_list("pk", "nama", "status", "batas_diri")),
        "penilaian": list(PenilaianKompetensi.objects.order_by("pk").values_list("pk", "status")),
        "nilai": list(NilaiKompetensi.objects.order_by("pk").values_list("pk", "level", "catatan")),
        "penugasan": list(
            PenugasanRekan.objects.order_by("pk").values_list("pk", "peserta_id", "penilai_id", "status")
        ),
        "jawaban_rekan": JawabanRekan.objects.count(),
        "peserta": list(PesertaPenilaian.objects.order_by("pk").values_list("pk", "rekan_dibuka", "jpm")),
        "program": list(ProgramPengembangan.objects.order_by("pk").values_list("pk", "nama", "jp", "aktif")),
        "rencana": list(
            RencanaPengembangan.objects.order_by("pk").values_list("pk", "status", "jp_realisasi", "tanggal_mulai")
        ),
        **potret_evaluasi(),
        **potret_pengaduan(),
    }


URL_UBAH = [u for u in URLS if HARAPAN.get(u[0], {}).get("ubah")]


@pytest.mark.parametrize(("nama", "route", "params"), URL_UBAH, ids=[u[0] for u in URL_UBAH])
@pytest.mark.parametrize("peran", ["outsider", "pegawai", "rekan"])
@pytest.mark.django_db
def test_post_oleh_yang_tidak_berwenang_tidak_mengubah_apa_pun(nama, route, params, peran, dunia):
    persona, objek, _ = dunia
    url = _path(nama, params, objek)
    sebelum = _potret()
    data = {
        "nama": "Diubah Penyusup",
        "kode": "PENYUSUP",
        "jenis": "pelaksana",
        "unit": str(objek["unit"]),
        "alasan": "penyusupan",
        "peran": "admin_bkd",
        "user": str(persona[peran].user.pk),
    }
    resp = _klien(persona[peran]).post(url, data)
    assert resp.status_code in (DILARANG, TIDAK_ADA, METODE), f"{peran} POST {url}: {_status_ringkas(resp)}"
    assert _potret() == sebelum


URL_BEROBJEK_OPD = [
    u
    for u in URLS
    if u[2]
    and u[0].split(":")[-1].split("-")[0]
    in ("pegawai", "unit", "impor", "putaran", "peserta", "rencana", *PREFIX_EVALUASI_OPD, *PREFIX_PENGADUAN_OPD)
]


@pytest.mark.parametrize(("nama", "route", "params"), URL_BEROBJEK_OPD, ids=[u[0] for u in URL_BEROBJEK_OPD])
@pytest.mark.django_db
def test_admin_opd_mendapat_404_untuk_objek_opd_lain(nama, route, params, dunia):
    persona, _, objek_lain = dunia
    url = _path(nama, params, objek_lain)
    klien = _klien(persona["admin_opd"])
    sebelum = _potret()
    resp = klien.post(url, {"alasan": "penyusupan", "nama": "Diubah"}) if HARAPAN[nama]["ubah"] else klien.get(url)
    assert resp.status_code == TIDAK_ADA, f"admin_opd {resp.request['REQUEST_METHOD']} {url}: {_status_ringkas(resp)}"
    assert _potret() == sebelum
