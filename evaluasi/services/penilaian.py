"""The assessment of one pegawai in one period: the self-assessment, the supervisor's ratings,
finalisation and the pegawai's acknowledgement.

One writer per part: the pegawai writes the self-assessment (`penilaian_diri_simpan`), the rater
recorded on the evaluation (`penilai`) writes the ratings (`penilaian_atasan_simpan`) and
finalises (`penilaian_finalkan`); the pegawai acknowledges the final result
(`penilaian_terima`). Every writer first locks the evaluation row (and its period), so the two
writers of the shared per-RHK rows (`RatingRhk`) and a period being closed are serialised.

- Forms carry the row's `versi`; a form drawn before another tab saved is refused
  (`versi_update`), never silently overwriting.
- Status changes are compare-and-swap: sending twice, finalising twice or acknowledging twice
  acts once and says so (ValidationError code "sudah").
- The predikat is always `rules.predikat_dari(rating_hasil, rating_perilaku)`, never input.
- Ratings happen only while the period is in "penilaian", the self-assessment until
  `batas_penilaian_diri` and the supervisor's until `batas_penilaian_atasan` (Admin BKD may move
  them); once final nothing here changes the evaluation again (an objection is decided by the
  keberatan area).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from asn_kinerja.audit import audit_ubah
from notifikasi.services import notifikasi_kirim
from pegawai.models import Pegawai

from ..access import may_rate, may_self_assess
from ..models import (
    EvaluasiPegawai,
    PengaturanKinerja,
    PenilaianDiriKinerja,
    Periode,
    Predikat,
    Rating,
    RatingRhk,
    RencanaHasilKerja,
    Skp,
)
from ..rules import keberatan_batas, predikat_dari
from ..selectors.kurva import kurva_unit
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN, versi_update

TEKS_MAKS = 4000

PESAN_BUKAN_PEGAWAI = "Penilaian diri hanya dapat diisi oleh pegawai yang bersangkutan."
PESAN_BUKAN_PENILAI = "Hanya pejabat penilai pegawai ini yang dapat menilai."
PESAN_BUKAN_PENERIMA = "Hanya pegawai yang dinilai yang dapat menyatakan menerima hasil penilaian."
PESAN_PERIODE_BELUM = "Penilaian dibuka saat periode memasuki tahap penilaian."
PESAN_PERIODE_DITUTUP = "Periode ini sudah ditutup; penilaian tidak dapat diubah."
PESAN_BATAS_DIRI = "Batas penilaian diri ({tanggal}) sudah lewat; penilaian diri tidak dapat diubah lagi."
PESAN_BATAS_ATASAN = (
    "Batas penilaian atasan ({tanggal}) sudah lewat; penilaian tidak dapat diubah. "
    "Minta Admin BKD memperpanjang batas bila perlu."
)
PESAN_SKP_BELUM = "SKP tahun {tahun} belum disetujui atasan; penilaian dapat diisi setelah SKP disetujui."
PESAN_DIRI_TERKIRIM = "Penilaian diri sudah dikirim dan terkunci; tidak ada yang diubah."
PESAN_DIRI_FINAL = "Atasan sudah memfinalkan penilaian; penilaian diri terkunci."
PESAN_SUDAH_FINAL = "Penilaian ini sudah difinalkan dan terkunci; tidak ada yang diubah."
PESAN_RATING_TIDAK_VALID = "Pilih salah satu rating: Di Atas, Sesuai, atau Di Bawah Ekspektasi."
PESAN_RHK_ASING = "Ada RHK yang bukan bagian dari SKP pegawai ini; tidak ada yang disimpan."
PESAN_TEKS_PANJANG = f"Teks paling panjang {TEKS_MAKS:,} karakter.".replace(",", ".")
PESAN_DIRI_BELUM_LENGKAP = "Belum dapat dikirim; lengkapi dulu: {daftar}."
PESAN_FINAL_BELUM_LENGKAP = "Belum dapat difinalkan; lengkapi dulu: {daftar}."
PESAN_KURVA_ORG_BELUM = (
    "Predikat kinerja organisasi unit ini untuk periode ini belum ditetapkan, dan pengaturan Pemda "
    "mewajibkan kurva distribusi dipenuhi sebelum finalisasi."
)
PESAN_KURVA_ORG_BELUM_PERINGATAN = (
    "Predikat kinerja organisasi unit ini belum ditetapkan, sehingga distribusi predikat belum dapat diperiksa."
)
PESAN_KURVA_LANGGAR = "Finalisasi ditolak karena distribusi predikat unit melanggar kurva: {daftar}"
PESAN_BELUM_FINAL = "Hasil penilaian belum final; belum ada yang dapat diterima."
PESAN_SUDAH_DITERIMA = "Hasil penilaian ini sudah Anda terima pada {tanggal}."

KODE_SUDAH = "sudah"  # the action was already done (double post): views show it as information


@dataclass(frozen=True)
class RatingMasuk:
    """What a form sent for one RHK (a draft may leave both empty)."""

    rating: str = ""
    catatan: str = ""


@dataclass(frozen=True)
class HasilFinal:
    evaluasi: EvaluasiPegawai
    peringatan: list[str] = field(default_factory=list)  # curve warnings that did not block


def tanggal_teks(tanggal: dt.date | dt.datetime) -> str:
    if isinstance(tanggal, dt.datetime):
        tanggal = timezone.localtime(tanggal).date()
    return date_format(tanggal, "j F Y")


def skp_evaluasi(evaluasi: EvaluasiPegawai) -> Skp | None:
    """The SKP the evaluation is about: the linked one, else the pegawai's SKP of the period's year
    (an SKP written after the period was opened is not linked yet)."""
    if evaluasi.skp_id is not None:
        return evaluasi.skp
    return Skp.objects.filter(pegawai_id=evaluasi.pegawai_id, tahun=evaluasi.periode.tahun).first()


def _kunci(evaluasi_id: int) -> EvaluasiPegawai:
    """The evaluation and its period, row-locked until the transaction ends (PostgreSQL)."""
    return (
        EvaluasiPegawai.objects.select_for_update(of=("self", "periode"))
        .select_related("periode", "pegawai", "skp")
        .get(pk=evaluasi_id)
    )


def _periksa_periode(periode: Periode) -> None:
    if periode.status == Periode.Status.DITUTUP:
        raise ValidationError(PESAN_PERIODE_DITUTUP)
    if periode.status != Periode.Status.PENILAIAN:
        raise ValidationError(PESAN_PERIODE_BELUM)


def _lewat(batas: dt.date) -> bool:
    """A deadline is the last day on which one may still save (inclusive, local time)."""
    return timezone.localdate() > batas


def _skp_disetujui(evaluasi: EvaluasiPegawai) -> Skp:
    skp = skp_evaluasi(evaluasi)
    if skp is None or skp.status != Skp.Status.DISETUJUI:
        raise ValidationError(PESAN_SKP_BELUM.format(tahun=evaluasi.periode.tahun))
    return skp


def _periksa_masukan(
    *, rhk: Mapping[int, RatingMasuk], rhk_skp: Mapping[int, str], ratings: list[str], teks: list[str]
) -> None:
    if set(rhk) - set(rhk_skp):
        raise ValidationError(PESAN_RHK_ASING)
    sah = {"", *Rating.values}
    if any(r not in sah for r in ratings) or any(m.rating not in sah for m in rhk.values()):
        raise ValidationError(PESAN_RATING_TIDAK_VALID)
    if any(len(t or "") > TEKS_MAKS for t in teks) or any(len(m.catatan or "") > TEKS_MAKS for m in rhk.values()):
        raise ValidationError(PESAN_TEKS_PANJANG)


def _rhk_skp(skp: Skp) -> dict[int, str]:
    return dict(RencanaHasilKerja.objects.filter(skp=skp).values_list("pk", "jenis"))


def _rating_rhk_tulis(evaluasi: EvaluasiPegawai, rhk: Mapping[int, RatingMasuk], *, atasan: bool) -> None:
    """Write the changed per-RHK rows; only this writer's two columns (the other writer's are
    never touched), each through the model so the audit log sees old and new."""
    kolom_rating, kolom_catatan = ("rating_atasan", "catatan_atasan") if atasan else ("rating_diri", "catatan_diri")
    ada = {r.rhk_id: r for r in RatingRhk.objects.filter(evaluasi=evaluasi)}
    for rhk_id, masuk in rhk.items():
        rating, catatan = masuk.rating or "", (masuk.catatan or "").strip()
        baris = ada.get(rhk_id)
        if baris is None:
            if not rating and not catatan:
                continue
            baris = RatingRhk(evaluasi=evaluasi, rhk_id=rhk_id, **{kolom_rating: rating, kolom_catatan: catatan})
            baris.full_clean()
            baris.save()
        elif (getattr(baris, kolom_rating), getattr(baris, kolom_catatan)) != (rating, catatan):
            setattr(baris, kolom_rating, rating)
            setattr(baris, kolom_catatan, catatan)
            baris.save(update_fields=[kolom_rating, kolom_catatan])


def _user_id(pegawai_id: int | None) -> int | None:
    if pegawai_id is None:
        return None
    return Pegawai.objects.filter(pk=pegawai_id).values_list("user_id", flat=True).first()


# --- self-assessment ---------------------------------------------------------------------------


@transaction.atomic
def penilaian_diri_simpan(
    *,
    actor,
    evaluasi: EvaluasiPegawai,
    versi: int,
    rhk: Mapping[int, RatingMasuk],
    rating_hasil: str = "",
    rating_perilaku: str = "",
    refleksi: str = "",
    kirim: bool = False,
) -> PenilaianDiriKinerja:
    """Save the pegawai's self-assessment as a draft, or send it (`kirim`): then every RHK needs a
    proposed rating, both overall proposals and the reflection are required, the
    self-assessment locks and the rater is notified. `versi` is the self-assessment's version
    the form was drawn with (0 when it did not exist yet). Only the pegawai, while the period is
    in "penilaian", until `batas_penilaian_diri`, before the rater finalises."""
    if not may_self_assess(actor, evaluasi):
        raise ValidationError(PESAN_BUKAN_PEGAWAI)
    ev = _kunci(evaluasi.pk)
    _periksa_periode(ev.periode)
    if ev.final:
        raise ValidationError(PESAN_DIRI_FINAL)
    diri = PenilaianDiriKinerja.objects.filter(evaluasi=ev).first()
    if diri is not None and diri.terkirim:
        raise ValidationError(PESAN_DIRI_TERKIRIM, code=KODE_SUDAH)
    if _lewat(ev.periode.batas_penilaian_diri):
        raise ValidationError(PESAN_BATAS_DIRI.format(tanggal=tanggal_teks(ev.periode.batas_penilaian_diri)))
    skp = _skp_disetujui(ev)
    rhk_skp = _rhk_skp(skp)
    refleksi = (refleksi or "").strip()
    _periksa_masukan(rhk=rhk, rhk_skp=rhk_skp, ratings=[rating_hasil, rating_perilaku], teks=[refleksi])
    if kirim:
        kurang = []
        belum = sum(1 for pk in rhk_skp if not (rhk.get(pk) or RatingMasuk()).rating)
        if belum:
            kurang.append(f"usulan rating setiap RHK ({belum} RHK belum diisi)")
        if not rating_hasil:
            kurang.append("usulan rating hasil kerja")
        if not rating_perilaku:
            kurang.append("usulan rating perilaku kerja")
        if not refleksi:
            kurang.append("refleksi")
        if kurang:
            raise ValidationError(PESAN_DIRI_BELUM_LENGKAP.format(daftar=", ".join(kurang)))

    isian = {"rating_hasil": rating_hasil, "rating_perilaku": rating_perilaku, "refleksi": refleksi}
    if diri is None:
        if versi != 0:  # the form was drawn from a row that no longer matches
            raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
        diri = PenilaianDiriKinerja(evaluasi=ev, **isian)
        diri.full_clean()
        diri.save()
    else:
        sebelum = {k: getattr(diri, k) for k in isian}
        diri.versi = versi_update(PenilaianDiriKinerja, pk=diri.pk, versi=versi, **isian)
        audit_ubah(diri, actor=actor, perubahan={k: (sebelum[k], isian[k]) for k in isian}, hanya_berubah=True)
        for k, v in isian.items():
            setattr(diri, k, v)
    if ev.skp_id != skp.pk:
        EvaluasiPegawai.objects.filter(pk=ev.pk).update(skp=skp)
    _rating_rhk_tulis(ev, rhk, atasan=False)
    if not kirim:
        return diri

    sekarang = timezone.now()
    if not PenilaianDiriKinerja.objects.filter(pk=diri.pk, status=PenilaianDiriKinerja.Status.DRAFT).update(
        status=PenilaianDiriKinerja.Status.TERKIRIM, dikirim_pada=sekarang, versi=F("versi") + 1, updated_at=sekarang
    ):
        raise ValidationError(PESAN_DIRI_TERKIRIM, code=KODE_SUDAH)
    audit_ubah(
        diri,
        actor=actor,
        perubahan={
            "status": (diri.status, PenilaianDiriKinerja.Status.TERKIRIM.value),
            "dikirim_pada": (None, sekarang),
        },
        hanya_berubah=True,
    )
    diri.status, diri.dikirim_pada, diri.versi = PenilaianDiriKinerja.Status.TERKIRIM, sekarang, diri.versi + 1
    notifikasi_kirim(
        penerima_ids=[_user_id(ev.penilai_id)],
        judul="Penilaian diri dikirim",
        pesan=(
            f"{ev.pegawai.nama_lengkap} telah mengirim penilaian diri periode {ev.periode.nama}. "
            "Penilaian diri ini tampil di halaman penilaian Anda sebagai bahan pertimbangan."
        ),
        tautan=reverse("evaluasi:evaluasi-nilai", args=[ev.pk]),
        kunci=f"evaluasi-diri-terkirim-{ev.pk}",
    )
    return diri


# --- the supervisor's ratings --------------------------------------------------------------------


def _periksa_penilai(actor, ev: EvaluasiPegawai) -> None:
    if not may_rate(actor, ev):
        raise ValidationError(PESAN_BUKAN_PENILAI)
    if ev.final:
        raise ValidationError(PESAN_SUDAH_FINAL, code=KODE_SUDAH)
    _periksa_periode(ev.periode)
    if _lewat(ev.periode.batas_penilaian_atasan):
        raise ValidationError(PESAN_BATAS_ATASAN.format(tanggal=tanggal_teks(ev.periode.batas_penilaian_atasan)))


@transaction.atomic
def penilaian_atasan_simpan(
    *,
    actor,
    evaluasi: EvaluasiPegawai,
    versi: int,
    rhk: Mapping[int, RatingMasuk],
    rating_hasil: str = "",
    rating_perilaku: str = "",
    umpan_balik: str = "",
) -> EvaluasiPegawai:
    """Save the rater's draft: per-RHK ratings and notes, the hasil kerja and perilaku ratings
    and the feedback. The status becomes "draft" and the predikat is stored as soon as both
    ratings exist (computed from the matrix; it counts in the unit's curve from then on).
    `versi` is the evaluation's version the form was drawn with."""
    if not may_rate(actor, evaluasi):
        raise ValidationError(PESAN_BUKAN_PENILAI)
    ev = _kunci(evaluasi.pk)
    _periksa_penilai(actor, ev)
    skp = _skp_disetujui(ev)
    umpan_balik = (umpan_balik or "").strip()
    _periksa_masukan(rhk=rhk, rhk_skp=_rhk_skp(skp), ratings=[rating_hasil, rating_perilaku], teks=[umpan_balik])
    isian = {
        "status": EvaluasiPegawai.Status.DRAFT,
        "rating_hasil": rating_hasil,
        "rating_perilaku": rating_perilaku,
        "predikat": predikat_dari(rating_hasil, rating_perilaku),
        "umpan_balik": umpan_balik,
    }
    sebelum = {k: getattr(ev, k) for k in isian}
    if ev.skp_id != skp.pk:
        isian["skp_id"] = skp.pk
        sebelum["skp_id"] = ev.skp_id
    ev.versi = versi_update(EvaluasiPegawai, pk=ev.pk, versi=versi, **isian)
    audit_ubah(ev, actor=actor, perubahan={k: (sebelum[k], isian[k]) for k in isian}, hanya_berubah=True)
    for k, v in isian.items():
        setattr(ev, k, v)
    _rating_rhk_tulis(ev, rhk, atasan=True)
    return ev


def kurang_untuk_final(ev: EvaluasiPegawai, rhk_ids: list[int], rhk_dinilai: int) -> list[str]:
    """What is still missing before the evaluation may be finalised (shown on the page too)."""
    kurang = []
    if not ev.rating_hasil:
        kurang.append("rating hasil kerja")
    if not ev.rating_perilaku:
        kurang.append("rating perilaku kerja")
    belum = len(rhk_ids) - rhk_dinilai
    if belum > 0:
        kurang.append(f"rating setiap RHK ({belum} RHK belum dinilai)")
    return kurang


@transaction.atomic
def penilaian_finalkan(*, actor, evaluasi: EvaluasiPegawai, versi: int) -> HasilFinal:
    """Finalise the saved draft exactly as the rater saw it (`versi`): both ratings and every
    RHK rated; the unit's distribution curve (with this predikat) checked: a breach, or a unit
    without its predikat organisasi, blocks only when Admin BKD chose so
    (`PengaturanKinerja.kurva_memblokir`), otherwise it is returned as a warning. Sets the
    predikat from the matrix, who and when, and the rater's current atasan as `atasan_penilai`
    (who will decide an objection); locks everything and notifies the pegawai. A second call
    changes nothing (code "sudah")."""
    if not may_rate(actor, evaluasi):
        raise ValidationError(PESAN_BUKAN_PENILAI)
    ev = _kunci(evaluasi.pk)
    _periksa_penilai(actor, ev)
    skp = _skp_disetujui(ev)
    if ev.versi != versi:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    rhk_ids = list(_rhk_skp(skp))
    dinilai = RatingRhk.objects.filter(evaluasi=ev, rhk_id__in=rhk_ids).exclude(rating_atasan="").count()
    kurang = kurang_untuk_final(ev, rhk_ids, dinilai)
    if kurang:
        raise ValidationError(PESAN_FINAL_BELUM_LENGKAP.format(daftar=", ".join(kurang)))
    predikat = predikat_dari(ev.rating_hasil, ev.rating_perilaku)

    # Counted under the period lock `_kunci` took: a rater's draft being saved meanwhile (the only
    # write that changes the spread; finalising does not) commits first and is counted here.
    kurva = kurva_unit(periode_id=ev.periode_id, unit_id=ev.unit_id, ganti=(ev.pk, predikat))
    peringatan: list[str] = []
    if not kurva.ditetapkan:
        if kurva.memblokir:
            raise ValidationError(PESAN_KURVA_ORG_BELUM)
        peringatan.append(PESAN_KURVA_ORG_BELUM_PERINGATAN)
    elif kurva.pelanggaran:
        if kurva.memblokir:
            raise ValidationError(PESAN_KURVA_LANGGAR.format(daftar=" ".join(kurva.pelanggaran)))
        peringatan.extend(kurva.pelanggaran)

    atasan_penilai_id = Pegawai.objects.filter(pk=ev.penilai_id).values_list("atasan_id", flat=True).first()
    sekarang = timezone.now()
    status_lama = ev.status
    if not EvaluasiPegawai.objects.filter(
        pk=ev.pk, versi=versi, status__in=[EvaluasiPegawai.Status.BELUM, EvaluasiPegawai.Status.DRAFT]
    ).update(
        status=EvaluasiPegawai.Status.FINAL,
        predikat=predikat,
        difinalkan_pada=sekarang,
        difinalkan_oleh=actor,
        atasan_penilai_id=atasan_penilai_id,
        versi=F("versi") + 1,
        updated_at=sekarang,
    ):
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    audit_ubah(
        ev,
        actor=actor,
        perubahan={
            "status": (status_lama, EvaluasiPegawai.Status.FINAL.value),
            "predikat": (ev.predikat, predikat),
            "difinalkan_pada": (None, sekarang),
            "atasan_penilai": (ev.atasan_penilai_id, atasan_penilai_id),
        },
        hanya_berubah=True,
    )
    ev.refresh_from_db()
    batas = keberatan_batas(timezone.localtime(sekarang).date(), PengaturanKinerja.get().keberatan_hari)
    notifikasi_kirim(
        penerima_ids=[ev.pegawai.user_id],
        judul="Hasil penilaian kinerja sudah final",
        pesan=(
            f"Penilaian kinerja Anda periode {ev.periode.nama} telah difinalkan dengan predikat "
            f"{Predikat(predikat).label}. Baca hasil dan umpan baliknya, lalu nyatakan bahwa Anda telah "
            f"menerimanya. Keberatan dapat diajukan paling lambat {tanggal_teks(batas)}."
        ),
        tautan=reverse("evaluasi:evaluasi-detail", args=[ev.pk]),
        kunci=f"evaluasi-final-{ev.pk}",
    )
    return HasilFinal(ev, peringatan)


# --- acknowledgement ------------------------------------------------------------------------------


@transaction.atomic
def penilaian_terima(*, actor, evaluasi: EvaluasiPegawai) -> EvaluasiPegawai:
    """The pegawai states they received the final result (once; the first date stays). The
    rater is told."""
    if not may_self_assess(actor, evaluasi):
        raise ValidationError(PESAN_BUKAN_PENERIMA)
    sekarang = timezone.now()
    if not EvaluasiPegawai.objects.filter(
        pk=evaluasi.pk, status=EvaluasiPegawai.Status.FINAL, diterima_pada__isnull=True
    ).update(diterima_pada=sekarang, updated_at=sekarang):
        ev = EvaluasiPegawai.objects.get(pk=evaluasi.pk)
        if not ev.final:
            raise ValidationError(PESAN_BELUM_FINAL)
        raise ValidationError(PESAN_SUDAH_DITERIMA.format(tanggal=tanggal_teks(ev.diterima_pada)), code=KODE_SUDAH)
    ev = EvaluasiPegawai.objects.select_related("pegawai", "periode").get(pk=evaluasi.pk)
    audit_ubah(ev, actor=actor, perubahan={"diterima_pada": (None, sekarang)}, hanya_berubah=True)
    notifikasi_kirim(
        penerima_ids=[_user_id(ev.penilai_id)],
        judul="Hasil penilaian diterima pegawai",
        pesan=f"{ev.pegawai.nama_lengkap} telah menyatakan menerima hasil penilaian periode {ev.periode.nama}.",
        tautan=reverse("evaluasi:evaluasi-detail", args=[ev.pk]),
        kunci=f"evaluasi-diterima-{ev.pk}",
    )
    return ev
