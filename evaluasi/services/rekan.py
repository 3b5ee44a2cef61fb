"""Peer (360) assessment of perilaku kerja: who rates whom (`rekan_atur`,
`rekan_usulan_terapkan`), the peer's own answer (`rekan_isi_simpan`) and the one-time release of
the aggregate (`rekan_buka_jika_siap`, `rekan_buka_periode`, `rekan_proses_tenggat`).

Anonymity, as in the competency rounds (docs/KOMPETENSI.md "Penilaian rekan dan anonimitas"):
- a submitted answer becomes seven JawabanRekanKinerja rows and at most one
  KomentarRekanKinerja row, with no rater and no timestamp;
- the unsent draft lives only in `PenugasanRekanKinerja.draf`, written by a queryset update (no
  audit signal; the field is also excluded from the audit registration) and cleared on
  submission;
- the audit log records who was assigned, by whom, and that they submitted, never what;
- the aggregate is released once (`EvaluasiPegawai.rekan_dibuka`, never reset): when every
  assigned peer (at least `rekan_min`) has answered, when the peer deadline has passed, or when
  the period closes. From then on the assignment is frozen and no answer is accepted, so nobody
  can compare two means to work out one person's scores.

Concurrency: every write locks the evaluation row first (`select_for_update`), so an assignment
change cannot interleave with a submission, and two tabs submitting the same form write once
(the status moves by compare-and-swap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from asn_kinerja.audit import audit_massal, audit_ubah
from notifikasi.services import notifikasi_kirim
from pegawai.access import akses_get
from pegawai.models import Pegawai

from ..access import may_accept_usulan_rekan, may_assign_rekan
from ..models import (
    SKOR_REKAN_MAKS,
    SKOR_REKAN_MIN,
    EvaluasiPegawai,
    JawabanRekanKinerja,
    KomentarRekanKinerja,
    NilaiDasar,
    PengaturanKinerja,
    PenugasanRekanKinerja,
    Periode,
)
from ..selectors.rekan import (
    DITUGASKAN,
    TERKIRIM,
    evaluasi_tanpa_rekan_qs,
    rekan_batas_lewat,
    rekan_kandidat_qs,
    rekan_kunci_atur,
    rekan_kunci_isi,
    rekan_usulan_banyak,
)

KOMENTAR_MAKS = 2000
POTONG = 1000

PESAN_REKAN_DILARANG = "Anda tidak berwenang menugaskan rekan penilai untuk pegawai ini."
PESAN_REKAN_JUMLAH = "Pilih {minimum} sampai {maksimum} rekan yang berbeda."
PESAN_REKAN_GANDA = "Seorang rekan dipilih lebih dari sekali."
PESAN_REKAN_BUKAN_KANDIDAT = (
    "Ada rekan yang tidak dapat dipilih (bukan pegawai aktif di OPD pegawai ini, atau pegawai itu sendiri, "
    "pejabat penilainya, atau atasannya); tidak ada yang disimpan."
)
PESAN_REKAN_SUDAH_MENGISI = "Rekan yang sudah mengisi penilaian tidak dapat dihapus dari penugasan: {nama}."
PESAN_USULAN_BUKAN_PENILAI = (
    "Hanya pejabat penilai pada periode yang sedang berjalan yang dapat menerapkan usulan rekan."
)
PESAN_BUKAN_PENILAI = "Anda tidak ditugaskan menilai pegawai ini."
PESAN_SUDAH_DIKIRIM = "Penilaian rekan ini sudah dikirim sebelumnya; tidak ada yang diubah."
PESAN_NILAI_ASING = "Isian tidak dikenali (nilai dasar yang tidak ada di formulir); muat ulang halaman."
PESAN_SKOR_TIDAK_VALID = f"Skor harus bilangan bulat {SKOR_REKAN_MIN} sampai {SKOR_REKAN_MAKS}."
PESAN_SKOR_WAJIB = "Pilih skor untuk nilai ini."
PESAN_BELUM_LENGKAP = "Belum dapat dikirim: pilih skor 1 sampai 5 untuk ketujuh nilai BerAKHLAK."
PESAN_KOMENTAR_PANJANG = f"Komentar paling panjang {KOMENTAR_MAKS} karakter."


def _kunci_evaluasi(pk: int) -> EvaluasiPegawai:
    """Lock the evaluation row (inside a transaction): every writer of its peers goes through here."""
    return (
        EvaluasiPegawai.objects.select_for_update(of=("self",))
        .select_related("periode", "pegawai", "jabatan")
        .get(pk=pk)
    )


def skor_sah(nilai) -> bool:
    return isinstance(nilai, int) and not isinstance(nilai, bool) and SKOR_REKAN_MIN <= nilai <= SKOR_REKAN_MAKS


# --- release (once) -----------------------------------------------------------------------------------


def _lepas(evaluasi_ids: list[int], *, sumber: str) -> int:
    """Set `rekan_dibuka` on these evaluations where it is not yet set (compare-and-swap) and
    record it as a system change. Returns how many were released."""
    dibuka = 0
    for i in range(0, len(evaluasi_ids), POTONG):
        potong = evaluasi_ids[i : i + POTONG]
        baris = list(
            EvaluasiPegawai.objects.select_for_update()
            .filter(pk__in=potong, rekan_dibuka=False)
            .only("pk", "pegawai_id", "periode_id")
            .order_by("pk")
        )
        if not baris:
            continue
        dibuka += EvaluasiPegawai.objects.filter(pk__in=[e.pk for e in baris], rekan_dibuka=False).update(
            rekan_dibuka=True, updated_at=timezone.now()
        )
        audit_massal(
            ((e, {"rekan_dibuka": (False, True)}) for e in baris),
            aksi=LogEntry.Action.UPDATE,
            tambahan={"sumber": sumber},
        )
    return dibuka


def rekan_siap_dibuka(evaluasi: EvaluasiPegawai, *, hari_ini: dt.date | None = None) -> bool:
    """Every assigned peer answered (and at least `rekan_min` of them), or the peer deadline
    passed, or the period is closed. `evaluasi.periode` loaded."""
    if evaluasi.rekan_dibuka:
        return False
    if evaluasi.periode.ditutup or rekan_batas_lewat(evaluasi.periode, hari_ini):
        return True
    status = list(PenugasanRekanKinerja.objects.filter(evaluasi_id=evaluasi.pk).values_list("status", flat=True))
    return len(status) >= PengaturanKinerja.get().rekan_min and all(s == TERKIRIM for s in status)


def rekan_buka_jika_siap(evaluasi: EvaluasiPegawai) -> bool:
    """Release the aggregate of one evaluation when it is ready (idempotent). Call with the
    evaluation row locked. Tells the rater the peers' view is now available."""
    if not rekan_siap_dibuka(evaluasi):
        return False
    berubah = _lepas([evaluasi.pk], sumber="semua rekan sudah menilai")
    evaluasi.rekan_dibuka = True
    if berubah and evaluasi.penilai_id:
        penilai_user = Pegawai.objects.filter(pk=evaluasi.penilai_id).values_list("user_id", flat=True).first()
        notifikasi_kirim(
            penerima_ids=[penilai_user],
            judul=f"Hasil penilaian rekan tersedia: {evaluasi.pegawai.nama_lengkap}",
            pesan=(
                f"Semua rekan yang ditugaskan sudah menilai perilaku kerja {evaluasi.pegawai.nama_lengkap} "
                f"({evaluasi.periode.nama}). Rata-ratanya kini tampil tanpa nama penilai."
            ),
            tautan=reverse("evaluasi:evaluasi-rekan", args=[evaluasi.pk]),
            kunci=f"rekan-kinerja-dibuka-{evaluasi.pk}",
        )
    return bool(berubah)


@transaction.atomic
def rekan_buka_periode(*, periode_id: int) -> int:
    """Release every aggregate of a period (call when the period closes). Idempotent."""
    ids = list(
        EvaluasiPegawai.objects.filter(periode_id=periode_id, rekan_dibuka=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return _lepas(ids, sumber="periode ditutup")


@transaction.atomic
def rekan_proses_tenggat(*, hari_ini: dt.date | None = None) -> int:
    """Release, set-based, every aggregate whose period's peer deadline is before `hari_ini`
    (or whose period is closed). Run daily by Celery beat (evaluasi.tasks); idempotent:
    a second run releases nothing. Returns how many evaluations were released."""
    hari_ini = hari_ini or timezone.localdate()
    ids = list(
        EvaluasiPegawai.objects.filter(rekan_dibuka=False)
        .filter(Q(periode__batas_penilaian_rekan__lt=hari_ini) | Q(periode__status=Periode.Status.DITUTUP))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return _lepas(ids, sumber="batas penilaian rekan lewat")


# --- assignment -----------------------------------------------------------------------------------------


def _beri_tahu_rekan(evaluasi: EvaluasiPegawai, penugasan: list[PenugasanRekanKinerja]) -> None:
    """Each new peer hears whom to rate and by when (never who else rates)."""
    if not penugasan:
        return
    user_ids = dict(Pegawai.objects.filter(pk__in=[p.penilai_id for p in penugasan]).values_list("pk", "user_id"))
    nama = evaluasi.pegawai.nama_lengkap
    for p in penugasan:
        notifikasi_kirim(
            penerima_ids=[user_ids.get(p.penilai_id)],
            judul=f"Tugas penilaian rekan: {nama}",
            pesan=(
                f"Anda diminta menilai perilaku kerja {nama} ({evaluasi.jabatan.nama}) pada {evaluasi.periode.nama} "
                f"paling lambat {date_format(evaluasi.periode.batas_penilaian_rekan, 'j F Y')}. Jawaban Anda anonim."
            ),
            tautan=reverse("evaluasi:tugasrekan-isi", args=[p.pk]),
        )


@transaction.atomic
def rekan_atur(*, actor, evaluasi: EvaluasiPegawai, penilai_ids: list[int]) -> list[PenugasanRekanKinerja]:
    """Set the peers who rate `evaluasi`: `rekan_min` to `rekan_maks` distinct candidates
    (selectors.rekan.rekan_kandidat_qs; someone already assigned may stay). A peer who already
    answered cannot be removed. By the rater, the Admin OPD of the evaluation's OPD or BKD, while
    the period is running or being assessed, the evaluation is not final, the peer deadline has
    not passed and the aggregate is not released. Each change is audited; new peers are
    notified."""
    if not may_assign_rekan(actor, evaluasi):
        raise ValidationError(PESAN_REKAN_DILARANG)
    ev = _kunci_evaluasi(evaluasi.pk)
    kunci = rekan_kunci_atur(ev)
    if kunci:
        raise ValidationError(kunci)
    pengaturan = PengaturanKinerja.get()
    ids = list(penilai_ids)
    if len(set(ids)) != len(ids):
        raise ValidationError(PESAN_REKAN_GANDA)
    if not pengaturan.rekan_min <= len(ids) <= pengaturan.rekan_maks:
        raise ValidationError(PESAN_REKAN_JUMLAH.format(minimum=pengaturan.rekan_min, maksimum=pengaturan.rekan_maks))

    ada = {
        p.penilai_id: p
        for p in PenugasanRekanKinerja.objects.select_for_update(of=("self",))
        .filter(evaluasi_id=ev.pk)
        .select_related("penilai")
    }
    baru = sorted(set(ids) - ada.keys())
    if baru and set(rekan_kandidat_qs(ev).filter(pk__in=baru).values_list("pk", flat=True)) != set(baru):
        raise ValidationError(PESAN_REKAN_BUKAN_KANDIDAT)
    hapus = [p for penilai_id, p in ada.items() if penilai_id not in ids]
    sudah = sorted(p.penilai.nama_lengkap for p in hapus if p.status == TERKIRIM)
    if sudah:
        raise ValidationError(PESAN_REKAN_SUDAH_MENGISI.format(nama=", ".join(sudah)))
    for p in hapus:
        p.delete()  # audited by django-auditlog (the draft is excluded)
    dibuat = []
    for penilai_id in baru:
        p = PenugasanRekanKinerja(evaluasi=ev, penilai_id=penilai_id, ditugaskan_oleh=actor)
        p.full_clean()
        p.save()
        dibuat.append(p)
    _beri_tahu_rekan(ev, dibuat)
    # Removing the last peer who had not answered may complete the set.
    rekan_buka_jika_siap(ev)
    return list(PenugasanRekanKinerja.objects.filter(evaluasi_id=ev.pk).defer("draf").order_by("pk"))


@dataclass
class RingkasanUsulan:
    diterapkan: int = 0  # evaluations that got their proposed peers
    penugasan: int = 0  # assignments created
    # Subordinates with fewer than rekan_min candidates: to assign by hand.
    kurang_kandidat: list[str] = field(default_factory=list)


@transaction.atomic
def rekan_usulan_terapkan(*, actor) -> RingkasanUsulan:
    """For every evaluation the actor rates that has no peer yet (selectors.rekan.
    evaluasi_tanpa_rekan_qs), assign the proposed peers when there are at least `rekan_min`.
    Set-based: one query for the targets, one for every candidate, one bulk insert, one bulk
    audit insert and one notification batch per period. Running it twice assigns nothing more."""
    pid = akses_get(actor).pegawai_id
    if pid is None or not may_accept_usulan_rekan(actor):
        raise ValidationError(PESAN_USULAN_BUKAN_PENILAI)
    target = list(
        evaluasi_tanpa_rekan_qs(penilai_id=pid)
        .select_for_update(of=("self",))
        .select_related("pegawai", "periode")
        .order_by("periode_id", "pegawai__nama", "pk")
    )
    pengaturan = PengaturanKinerja.get()
    usulan = rekan_usulan_banyak(target, maks=pengaturan.rekan_maks)
    ringkasan = RingkasanUsulan()
    baru: list[PenugasanRekanKinerja] = []
    per_periode: dict[int, tuple[Periode, set[int]]] = {}
    for ev in target:
        ids = usulan.get(ev.pk, [])
        if len(ids) < pengaturan.rekan_min:
            ringkasan.kurang_kandidat.append(ev.pegawai.nama_lengkap)
            continue
        for penilai_id in ids:
            p = PenugasanRekanKinerja(
                evaluasi=ev, penilai_id=penilai_id, ditugaskan_oleh=actor, status=DITUGASKAN, draf={}
            )
            p.clean_fields(exclude=["evaluasi", "penilai", "ditugaskan_oleh"])
            baru.append(p)
        per_periode.setdefault(ev.periode_id, (ev.periode, set()))[1].update(ids)
        ringkasan.diterapkan += 1
    if not baru:
        return ringkasan
    PenugasanRekanKinerja.objects.bulk_create(baru, batch_size=POTONG)
    ringkasan.penugasan = len(baru)
    audit_massal(
        (
            (
                p,
                {
                    "id": (None, p.pk),
                    "evaluasi": (None, p.evaluasi_id),
                    "penilai": (None, p.penilai_id),
                    "status": (None, p.status),
                    "ditugaskan_oleh": (None, p.ditugaskan_oleh_id),
                },
            )
            for p in baru
        ),
        aksi=LogEntry.Action.CREATE,
        actor=actor,
        tambahan={"sumber": "usulan rekan diterapkan"},
    )
    user_ids = dict(
        Pegawai.objects.filter(pk__in={i for _, ids in per_periode.values() for i in ids}).values_list("pk", "user_id")
    )
    for periode, ids in per_periode.values():
        notifikasi_kirim(
            penerima_ids=[user_ids.get(i) for i in ids],
            judul="Tugas penilaian rekan baru",
            pesan=(
                f"Anda ditugaskan menilai perilaku kerja rekan pada {periode.nama}, paling lambat "
                f"{date_format(periode.batas_penilaian_rekan, 'j F Y')}. Lihat siapa yang perlu Anda nilai di "
                "halaman Penilaian Rekan. Jawaban Anda anonim."
            ),
            tautan=reverse("evaluasi:rekan-tugas"),
        )
    return ringkasan


# --- the peer's answer -------------------------------------------------------------------------------------


@transaction.atomic
def rekan_isi_simpan(
    *,
    actor,
    penugasan: PenugasanRekanKinerja,
    skor: Mapping[int, int | None],
    komentar: str = "",
    kirim: bool = False,
) -> PenugasanRekanKinerja:
    """The assigned peer saves a draft (kept only in `penugasan.draf`, never audited) or submits
    (`kirim`): every BerAKHLAK value needs a score 1 to 5, the comment is optional. On
    submission the scores become anonymous JawabanRekanKinerja rows and the comment a
    KomentarRekanKinerja row, the draft is cleared and the status moves by compare-and-swap (a
    double post or a second tab writes nothing); then the aggregate is released if every peer
    has answered."""
    akses = akses_get(actor)
    if akses.pegawai_id is None or penugasan.penilai_id != akses.pegawai_id:
        raise ValidationError(PESAN_BUKAN_PENILAI)
    ev = _kunci_evaluasi(penugasan.evaluasi_id)
    terkini = (
        PenugasanRekanKinerja.objects.select_for_update().filter(pk=penugasan.pk, penilai_id=akses.pegawai_id).first()
    )
    if terkini is None:  # removed from the assignment meanwhile
        raise ValidationError(PESAN_BUKAN_PENILAI)
    if terkini.status != DITUGASKAN:
        raise ValidationError(PESAN_SUDAH_DIKIRIM)
    terkini.evaluasi = ev
    kunci = rekan_kunci_isi(ev)
    if kunci:
        raise ValidationError(kunci)
    nilai_ids = list(NilaiDasar.objects.order_by("urutan").values_list("pk", flat=True))
    if set(skor) - set(nilai_ids):
        raise ValidationError(PESAN_NILAI_ASING)
    if not all(v is None or skor_sah(v) for v in skor.values()):
        raise ValidationError(PESAN_SKOR_TIDAK_VALID)
    komentar = (komentar or "").strip()
    if len(komentar) > KOMENTAR_MAKS:
        raise ValidationError(PESAN_KOMENTAR_PANJANG)

    sekarang = timezone.now()
    belum = PenugasanRekanKinerja.objects.filter(pk=terkini.pk, status=DITUGASKAN)
    if not kirim:
        draf = {"skor": {str(k): v for k, v in sorted(skor.items()) if v is not None}, "komentar": komentar}
        if belum.update(draf=draf, updated_at=sekarang) != 1:
            raise ValidationError(PESAN_SUDAH_DIKIRIM)
        terkini.draf = draf
        return terkini

    if any(skor.get(k) is None for k in nilai_ids):
        raise ValidationError(PESAN_BELUM_LENGKAP)
    if belum.update(status=TERKIRIM, draf={}, dikirim_pada=sekarang, updated_at=sekarang) != 1:
        raise ValidationError(PESAN_SUDAH_DIKIRIM)
    jawaban = [JawabanRekanKinerja(evaluasi_id=ev.pk, nilai_dasar_id=k, skor=skor[k]) for k in nilai_ids]
    for j in jawaban:
        j.clean_fields(exclude=["evaluasi", "nilai_dasar"])
    JawabanRekanKinerja.objects.bulk_create(jawaban)
    if komentar:
        catatan = KomentarRekanKinerja(evaluasi_id=ev.pk, teks=komentar)
        catatan.clean_fields(exclude=["evaluasi"])
        catatan.save()
    terkini.status, terkini.draf, terkini.dikirim_pada = TERKIRIM, {}, sekarang
    # Who submitted (never what): the queryset update above sent no signal, so record it here.
    audit_ubah(
        terkini,
        actor=actor,
        perubahan={"status": (DITUGASKAN.value, TERKIRIM.value), "dikirim_pada": ("None", sekarang.isoformat())},
    )
    rekan_buka_jika_siap(ev)
    return terkini
