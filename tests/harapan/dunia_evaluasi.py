"""The evaluasi objects of the access matrix's `dunia` (tests/test_access_matrix.py).

A period of the current quarter in "penilaian" (every persona has an evaluation record):
- atasan's SKP (approved) and pegawai's SKP (submitted to atasan, cascaded to atasan's RHK),
  with a realisation of pegawai's indicator carrying an evidence file and a feedback row;
- a daily-log entry of pegawai (not yet checked) with an evidence file;
- `rekan` is assigned to rate `pegawai` as a peer (tugasrekan);
- rekan's evaluation is final and rekan objected: kepala_opd (the rater's atasan) decides
  (keberatan);
- a notification for pegawai.
The same kinds of object for `outsider` (OPD B) are the out-of-scope ones.

URL names pick their object by the first word of the name: evaluasi:skp-detail -> "skp".
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bukti(**kw):
    from evaluasi.models import BuktiDukung

    bukti = BuktiDukung(nama_berkas="bukti.pdf", jenis_mime="application/pdf", ukuran=len(PDF), **kw)
    bukti.berkas.save("bukti.pdf", ContentFile(PDF), save=False)
    bukti.save()
    return bukti


def dunia_evaluasi(persona: dict, opd_a, opd_b) -> dict:
    from evaluasi.models import (
        EvaluasiPegawai,
        Keberatan,
        LogHarian,
        PenugasanRekanKinerja,
        Periode,
        Realisasi,
        Skp,
        UmpanBalik,
    )
    from evaluasi.rules import predikat_dari
    from evaluasi.tests.factories import SasaranUnitFactory, periode_uji, skp_uji
    from notifikasi.models import Notifikasi

    bkd = persona["admin_bkd"].user
    pegawai, atasan, rekan, outsider = persona["pegawai"], persona["atasan"], persona["rekan"], persona["outsider"]
    periode = periode_uji(bkd, status=Periode.Status.PENILAIAN)
    sasaran = SasaranUnitFactory(unit=opd_a)
    sasaran_lain = SasaranUnitFactory(unit=opd_b)
    skp_atasan = skp_uji(atasan)
    skp = skp_uji(pegawai, status=Skp.Status.DIAJUKAN, rhk_atasan=skp_atasan.rhk.first())
    skp_uji(rekan)
    skp_lain = skp_uji(outsider, status=Skp.Status.DIAJUKAN)
    rhk = skp.rhk.order_by("pk").first()
    rhk_lain = skp_lain.rhk.order_by("pk").first()

    realisasi = Realisasi.objects.create(
        indikator=rhk.indikator.first(), periode=periode, nilai=3, uraian="Tiga dokumen"
    )
    realisasi_lain = Realisasi.objects.create(indikator=rhk_lain.indikator.first(), periode=periode, nilai=1)
    UmpanBalik.objects.create(realisasi=realisasi, penulis=atasan, teks="Lanjutkan.")
    bukti = _bukti(realisasi=realisasi, diunggah_oleh=pegawai.user)
    bukti_lain = _bukti(realisasi=realisasi_lain, diunggah_oleh=outsider.user)

    hari_ini = timezone.localdate()
    log = LogHarian.objects.create(pegawai=pegawai, tanggal=hari_ini, uraian="Menyusun laporan", menit=120, rhk=rhk)
    log_lain = LogHarian.objects.create(pegawai=outsider, tanggal=hari_ini, uraian="Rapat", menit=60)

    evaluasi = EvaluasiPegawai.objects.get(periode=periode, pegawai=pegawai)
    evaluasi_lain = EvaluasiPegawai.objects.get(periode=periode, pegawai=outsider)
    tugas = PenugasanRekanKinerja.objects.create(evaluasi=evaluasi, penilai=rekan, ditugaskan_oleh=atasan.user)

    ev_rekan = EvaluasiPegawai.objects.get(periode=periode, pegawai=rekan)
    ev_rekan.rating_hasil, ev_rekan.rating_perilaku = "sesuai", "di_bawah"
    ev_rekan.predikat = predikat_dari("sesuai", "di_bawah")
    ev_rekan.status = EvaluasiPegawai.Status.FINAL
    ev_rekan.difinalkan_pada, ev_rekan.difinalkan_oleh = timezone.now(), atasan.user
    ev_rekan.save()
    keberatan = Keberatan.objects.create(
        evaluasi=ev_rekan,
        alasan="Hasil kerja saya melampaui target.",
        pemutus=ev_rekan.atasan_penilai,
        rating_hasil_awal=ev_rekan.rating_hasil,
        rating_perilaku_awal=ev_rekan.rating_perilaku,
        predikat_awal=ev_rekan.predikat,
    )
    notifikasi = Notifikasi.objects.create(penerima=pegawai.user, judul="SKP dikembalikan", tautan="/")
    return {
        "objek": {
            "periode": periode.pk,
            "sasaran": sasaran.pk,
            "skp": skp.pk,
            "rhk": rhk.pk,
            "realisasi": realisasi.pk,
            "bukti": bukti.pk,
            "log": log.pk,
            "evaluasi": evaluasi.pk,
            "tugasrekan": tugas.pk,
            "keberatan": keberatan.pk,
            "notifikasi": notifikasi.pk,
        },
        "objek_lain": {
            "sasaran": sasaran_lain.pk,
            "skp": skp_lain.pk,
            "rhk": rhk_lain.pk,
            "realisasi": realisasi_lain.pk,
            "bukti": bukti_lain.pk,
            "log": log_lain.pk,
            "evaluasi": evaluasi_lain.pk,
        },
    }


# Route prefixes whose object has an OPD: admin_opd gets a 404 for OPD B's (the matrix checks).
PREFIX_EVALUASI_OPD = ("sasaran", "skp", "rhk", "realisasi", "bukti", "log", "evaluasi")


def potret_evaluasi() -> dict:
    """What a POST could have changed in evaluasi (for the matrix's "changes nothing" check)."""
    from evaluasi.models import (
        BuktiDukung,
        EkspektasiKhusus,
        EvaluasiPegawai,
        IndikatorKinerja,
        JawabanRekanKinerja,
        Keberatan,
        LogHarian,
        PenilaianDiriKinerja,
        PenugasanRekanKinerja,
        Periode,
        PredikatOrganisasi,
        RatingRhk,
        Realisasi,
        RencanaHasilKerja,
        SasaranUnit,
        Skp,
        UmpanBalik,
    )
    from notifikasi.models import Notifikasi

    def semua(model, *kolom):
        return list(model.objects.order_by("pk").values_list("pk", *kolom))

    return {
        "periode": semua(Periode, "status", "batas_penilaian_diri"),
        "sasaran": semua(SasaranUnit, "uraian", "aktif"),
        "skp": semua(Skp, "status", "versi"),
        "rhk": semua(RencanaHasilKerja, "uraian", "rhk_atasan_id"),
        "indikator": semua(IndikatorKinerja, "uraian", "target"),
        "ekspektasi": semua(EkspektasiKhusus, "teks"),
        "realisasi": semua(Realisasi, "nilai", "uraian", "versi"),
        "umpan_balik": semua(UmpanBalik, "teks"),
        "bukti": semua(BuktiDukung, "berkas", "tautan"),
        "log": semua(LogHarian, "status", "menit", "uraian"),
        "evaluasi": semua(EvaluasiPegawai, "status", "rating_hasil", "rating_perilaku", "predikat", "diterima_pada"),
        "diri": semua(PenilaianDiriKinerja, "status", "refleksi"),
        "rating_rhk": semua(RatingRhk, "rating_diri", "rating_atasan"),
        "penugasan_rk": semua(PenugasanRekanKinerja, "penilai_id", "status"),
        "jawaban_rk": JawabanRekanKinerja.objects.count(),
        "keberatan": semua(Keberatan, "status", "keputusan"),
        "predikat_org": semua(PredikatOrganisasi, "predikat"),
        "notifikasi": semua(Notifikasi, "dibaca_pada"),
    }
