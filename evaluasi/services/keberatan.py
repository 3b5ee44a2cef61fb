"""Objections (keberatan, PP 30/2019 art. 59): the pegawai objects to a final result within
`PengaturanKinerja.keberatan_hari` days, with reasons, to the rater's own atasan (atasan pejabat
penilai); the rater may answer; the decider keeps or changes the ratings with a written
pertimbangan. The decision is final.

- Filing is once per evaluation (one-to-one; a second post gets a clear message, never a second
  row) and snapshots the ratings and predikat as they were ("awal").
- Deciding is a compare-and-swap on the status (two tabs, two clicks: one decision). A changed
  result updates the evaluation's ratings and predikat in the same transaction; the predikat is
  always computed by `rules.predikat_dari`, never typed. Both the before and after stay on the
  objection, so its history shows both.
- A queryset update sends no signal, so the audit entries django-auditlog would have written are
  recorded here (who, when, old and new).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation

from asn_kinerja.audit import audit_ubah

from ..access import may_decide_keberatan, may_file_keberatan, may_respond_keberatan
from ..models import EvaluasiPegawai, Keberatan, PengaturanKinerja, Rating
from ..rules import keberatan_batas, keberatan_terbuka, predikat_dari
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN

TEKS_MAKS = 5000

PESAN_BUKAN_PEGAWAI = "Keberatan hanya dapat diajukan oleh pegawai yang dinilai."
PESAN_BELUM_FINAL = "Keberatan hanya dapat diajukan atas hasil penilaian yang sudah final."
PESAN_LEWAT_BATAS = "Batas waktu pengajuan keberatan sudah lewat. Hari terakhir pengajuan adalah {tanggal}."
PESAN_SUDAH_DIAJUKAN = "Keberatan atas hasil penilaian ini sudah diajukan. Keberatan hanya dapat diajukan satu kali."
PESAN_TANPA_PEMUTUS = (
    "Atasan pejabat penilai Anda belum tercatat atau tidak aktif, sehingga keberatan belum dapat diajukan. "
    "Hubungi Admin BKD untuk melengkapi data atasan."
)
PESAN_PERIODE_DITUTUP = "Periode {nama} sudah ditutup; keberatan tidak dapat diajukan lagi."
PESAN_ALASAN_KOSONG = "Tuliskan alasan keberatan Anda."
PESAN_TEKS_PANJANG = f"Teks paling banyak {TEKS_MAKS:,} karakter.".replace(",", ".")

PESAN_BUKAN_PENILAI = "Hanya pejabat penilai yang dapat memberi tanggapan atas keberatan ini."
PESAN_TANGGAPAN_KOSONG = "Tuliskan tanggapan Anda atas keberatan ini."

PESAN_BUKAN_PEMUTUS = "Hanya atasan pejabat penilai yang dapat memutus keberatan ini."
PESAN_SUDAH_DIPUTUS = "Keberatan ini sudah diputus. Keputusan atas keberatan bersifat final dan tidak dapat diubah."
PESAN_KEPUTUSAN = "Pilih keputusan: penilaian dipertahankan atau diubah."
PESAN_PERTIMBANGAN_KOSONG = "Tuliskan pertimbangan keputusan Anda."
PESAN_RATING_WAJIB = "Pilih penilaian hasil kerja dan perilaku kerja yang baru."
PESAN_RATING_TIDAK_VALID = "Penilaian tidak dikenal; pilih Di Atas, Sesuai atau Di Bawah Ekspektasi."
PESAN_RATING_SAMA = (
    "Penilaian baru sama dengan penilaian awal. Pilih \u201cPenilaian dipertahankan\u201d bila penilaian tidak diubah."
)
PESAN_EVALUASI_BERUBAH = (
    "Hasil penilaian telah berubah sejak keberatan diajukan, sehingga keputusan tidak dapat disimpan. "
    "Hubungi Admin BKD."
)

RATING_SAH = {r.value for r in Rating}


def tanggal_teks(tanggal: dt.date) -> str:
    """An Indonesian date ("14 Maret 2025") whatever language the caller (a task) runs in."""
    with translation.override("id"):
        return formats.date_format(tanggal, "j F Y")


def keberatan_tanggal_final(evaluasi: EvaluasiPegawai) -> dt.date:
    """The local day the result was finalised (received): day 0 of the objection window."""
    return timezone.localdate(evaluasi.difinalkan_pada or evaluasi.updated_at)


def keberatan_batas_evaluasi(evaluasi: EvaluasiPegawai, hari: int | None = None) -> dt.date:
    """The last day an objection to this (final) evaluation may be filed."""
    if hari is None:
        hari = PengaturanKinerja.get().keberatan_hari
    return keberatan_batas(keberatan_tanggal_final(evaluasi), hari)


def _teks(nilai: str | None, *, kosong: str, field: str) -> str:
    teks = (nilai or "").strip()
    if not teks:
        raise ValidationError({field: kosong})
    if len(teks) > TEKS_MAKS:
        raise ValidationError({field: PESAN_TEKS_PANJANG})
    return teks


# --- filing -----------------------------------------------------------------------------------------


def keberatan_penghalang(ev: EvaluasiPegawai, *, sudah_ada: bool, hari_ini: dt.date, hari: int) -> str:
    """Why this evaluation cannot be objected to today ("" when it can). `ev` needs its periode
    and atasan_penilai joined. The filing page shows the same reason the service would raise."""
    if sudah_ada:
        return PESAN_SUDAH_DIAJUKAN
    if ev.status != EvaluasiPegawai.Status.FINAL:
        return PESAN_BELUM_FINAL
    if ev.periode.ditutup:
        return PESAN_PERIODE_DITUTUP.format(nama=ev.periode.nama)
    tanggal_final = keberatan_tanggal_final(ev)
    if not keberatan_terbuka(tanggal_final, hari_ini, hari):
        return PESAN_LEWAT_BATAS.format(tanggal=tanggal_teks(keberatan_batas(tanggal_final, hari)))
    pemutus = ev.atasan_penilai
    if pemutus is None or not pemutus.aktif or pemutus.user_id is None or pemutus.pk == ev.pegawai_id:
        return PESAN_TANPA_PEMUTUS
    return ""


def keberatan_ajukan(*, actor, evaluasi: EvaluasiPegawai, alasan: str, hari_ini: dt.date | None = None) -> Keberatan:
    """File the pegawai's objection. Refused (ValidationError, nothing saved) when the actor is
    not the rated pegawai, the result is not final, the window has passed (day 14 is the last
    day with the default 14), an objection already exists, the period is closed, or there is no
    active atasan pejabat penilai to decide it. Notifies the decider and the rater."""
    if not may_file_keberatan(actor, evaluasi):
        raise ValidationError(PESAN_BUKAN_PEGAWAI)
    alasan = _teks(alasan, kosong=PESAN_ALASAN_KOSONG, field="alasan")
    hari_ini = hari_ini or timezone.localdate()
    with transaction.atomic():
        # Locks the evaluation row (PostgreSQL): two tabs filing at once are serialised here.
        ev = (
            EvaluasiPegawai.objects.select_for_update(of=("self",))
            .select_related("periode", "atasan_penilai", "penilai")
            .get(pk=evaluasi.pk)
        )
        penghalang = keberatan_penghalang(
            ev,
            sudah_ada=Keberatan.objects.filter(evaluasi_id=ev.pk).exists(),
            hari_ini=hari_ini,
            hari=PengaturanKinerja.get().keberatan_hari,
        )
        if penghalang:
            raise ValidationError(penghalang)
        pemutus = ev.atasan_penilai
        keberatan = Keberatan(
            evaluasi=ev,
            alasan=alasan,
            pemutus=pemutus,
            rating_hasil_awal=ev.rating_hasil,
            rating_perilaku_awal=ev.rating_perilaku,
            predikat_awal=ev.predikat,
        )
        keberatan.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                keberatan.save()
        except IntegrityError:
            # Another request filed between our check and our insert (the one-to-one held).
            raise ValidationError(PESAN_SUDAH_DIAJUKAN) from None

        from notifikasi.services import notifikasi_kirim

        nama = ev.pegawai.nama_lengkap
        notifikasi_kirim(
            penerima_ids=[pemutus.user_id],
            judul=f"Keberatan untuk diputus: {nama}",
            pesan=(
                f"{nama} mengajukan keberatan atas hasil penilaian kinerja periode {ev.periode.nama}. "
                "Sebagai atasan pejabat penilai, Anda memutus keberatan ini setelah mendengar kedua pihak."
            ),
            tautan=reverse("evaluasi:keberatan-putus", args=[keberatan.pk]),
        )
        if ev.penilai is not None and ev.penilai.user_id:
            notifikasi_kirim(
                penerima_ids=[ev.penilai.user_id],
                judul=f"Keberatan atas penilaian Anda: {nama}",
                pesan=(
                    f"{nama} mengajukan keberatan atas penilaian periode {ev.periode.nama}. "
                    "Anda dapat memberi tanggapan sebelum keberatan diputus."
                ),
                tautan=reverse("evaluasi:keberatan-tanggapan", args=[keberatan.pk]),
            )
    return keberatan


# --- the rater's response -----------------------------------------------------------------------------


def keberatan_versi(keberatan: Keberatan) -> str:
    """The token a form carries so that two tabs cannot overwrite each other's response."""
    return keberatan.updated_at.isoformat() if keberatan.updated_at else ""


def keberatan_tanggapi(*, actor, keberatan: Keberatan, tanggapan: str, versi: str | None = None) -> Keberatan:
    """Save (or revise) the rater's response while the objection waits for a decision."""
    if not may_respond_keberatan(actor, keberatan):
        raise ValidationError(PESAN_BUKAN_PENILAI)
    tanggapan = _teks(tanggapan, kosong=PESAN_TANGGAPAN_KOSONG, field="tanggapan")
    with transaction.atomic():
        k = Keberatan.objects.select_for_update().get(pk=keberatan.pk)
        if k.status != Keberatan.Status.DIAJUKAN:
            raise ValidationError(PESAN_SUDAH_DIPUTUS)
        if versi is not None and versi != keberatan_versi(k):
            raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
        k.tanggapan_penilai = tanggapan
        k.full_clean(validate_unique=False)
        k.save(update_fields=["tanggapan_penilai", "updated_at"])  # audited by django-auditlog
    return k


# --- the decision ---------------------------------------------------------------------------------------


def keberatan_putus(
    *,
    actor,
    keberatan: Keberatan,
    keputusan: str,
    pertimbangan: str,
    rating_hasil: str = "",
    rating_perilaku: str = "",
) -> Keberatan:
    """Decide: keep (`dipertahankan`) or change (`diubah`, with new ratings) the result, with a
    written pertimbangan. Final: only the first decision is stored (compare-and-swap on the
    status); a second gets PESAN_SUDAH_DIPUTUS. A change updates the evaluation in the same
    transaction and bumps its version. Notifies the pegawai and the rater."""
    if not may_decide_keberatan(actor, keberatan):
        raise ValidationError(PESAN_BUKAN_PEMUTUS)
    if keputusan not in Keberatan.Keputusan.values:
        raise ValidationError({"keputusan": PESAN_KEPUTUSAN})
    pertimbangan = _teks(pertimbangan, kosong=PESAN_PERTIMBANGAN_KOSONG, field="pertimbangan")
    awal = (keberatan.rating_hasil_awal, keberatan.rating_perilaku_awal)
    if keputusan == Keberatan.Keputusan.DIPERTAHANKAN:
        hasil, perilaku = awal
    else:
        if not rating_hasil or not rating_perilaku:
            raise ValidationError(PESAN_RATING_WAJIB)
        if rating_hasil not in RATING_SAH or rating_perilaku not in RATING_SAH:
            raise ValidationError(PESAN_RATING_TIDAK_VALID)
        if (rating_hasil, rating_perilaku) == awal:
            raise ValidationError(PESAN_RATING_SAMA)
        hasil, perilaku = rating_hasil, rating_perilaku
    predikat = predikat_dari(hasil, perilaku)
    now = timezone.now()
    ubah = {
        "status": Keberatan.Status.DIPUTUS,
        "keputusan": keputusan,
        "rating_hasil_akhir": hasil,
        "rating_perilaku_akhir": perilaku,
        "predikat_akhir": predikat,
        "pertimbangan": pertimbangan,
        "diputus_pada": now,
        "diputus_oleh": actor,
    }
    calon = Keberatan.objects.get(pk=keberatan.pk)
    if calon.status != Keberatan.Status.DIAJUKAN:
        raise ValidationError(PESAN_SUDAH_DIPUTUS)
    for nama, nilai in ubah.items():
        setattr(calon, nama, nilai)
    calon.full_clean(validate_unique=False)

    with transaction.atomic():
        if not Keberatan.objects.filter(pk=keberatan.pk, status=Keberatan.Status.DIAJUKAN).update(
            **ubah, updated_at=now
        ):
            raise ValidationError(PESAN_SUDAH_DIPUTUS)
        audit_ubah(
            calon,
            actor=actor,
            perubahan={
                "status": [Keberatan.Status.DIAJUKAN, Keberatan.Status.DIPUTUS],
                "keputusan": ["", keputusan],
                "rating_hasil_akhir": ["", hasil],
                "rating_perilaku_akhir": ["", perilaku],
                "predikat_akhir": ["", predikat],
                "pertimbangan": ["", pertimbangan],
            },
        )
        ev = EvaluasiPegawai.objects.select_related("pegawai", "penilai", "periode").get(pk=keberatan.evaluasi_id)
        if keputusan == Keberatan.Keputusan.DIUBAH:
            diperbarui = EvaluasiPegawai.objects.filter(
                pk=ev.pk,
                status=EvaluasiPegawai.Status.FINAL,
                rating_hasil=awal[0],
                rating_perilaku=awal[1],
            ).update(
                rating_hasil=hasil,
                rating_perilaku=perilaku,
                predikat=predikat,
                versi=F("versi") + 1,
                updated_at=now,
            )
            if not diperbarui:
                raise ValidationError(PESAN_EVALUASI_BERUBAH)
            audit_ubah(
                ev,
                actor=actor,
                perubahan={
                    "rating_hasil": [ev.rating_hasil, hasil],
                    "rating_perilaku": [ev.rating_perilaku, perilaku],
                    "predikat": [ev.predikat, predikat],
                },
            )

        from notifikasi.services import notifikasi_kirim

        teks_keputusan = Keberatan.Keputusan(keputusan).label.lower()
        predikat_teks = calon.get_predikat_akhir_display()
        tautan = reverse("evaluasi:keberatan-detail", args=[keberatan.pk])
        if ev.pegawai.user_id:
            notifikasi_kirim(
                penerima_ids=[ev.pegawai.user_id],
                judul=f"Keberatan Anda telah diputus: {teks_keputusan}",
                pesan=(
                    f"Keberatan Anda atas hasil penilaian periode {ev.periode.nama} telah diputus: "
                    f"{teks_keputusan}. Predikat kinerja: {predikat_teks}. Keputusan ini bersifat final."
                ),
                tautan=tautan,
            )
        if ev.penilai is not None and ev.penilai.user_id:
            notifikasi_kirim(
                penerima_ids=[ev.penilai.user_id],
                judul=f"Keberatan {ev.pegawai.nama_lengkap} telah diputus",
                pesan=(
                    f"Keberatan atas penilaian Anda untuk {ev.pegawai.nama_lengkap} (periode {ev.periode.nama}) "
                    f"telah diputus: {teks_keputusan}. Predikat kinerja: {predikat_teks}."
                ),
                tautan=tautan,
            )
    calon.refresh_from_db()
    return calon
