"""Writes of background exports: requesting one, building it (the task), and the nightly cleanup."""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pegawai.mixins import PeranRequiredMixin

from .models import Ekspor
from .registry import JenisEkspor, ekspor_jenis_get

logger = logging.getLogger(__name__)

Status = Ekspor.Status

PESAN_JENIS = "Jenis ekspor tidak dikenal."
PESAN_TIDAK_BERWENANG = "Anda tidak lagi memiliki peran untuk ekspor ini, sehingga berkas tidak dibuat."
PESAN_TAK_TERDUGA = "Ekspor gagal karena kesalahan sistem. Silakan minta ulang; bila terulang, hubungi admin."
PESAN_MACET = "Ekspor tidak selesai dalam waktu yang wajar dan dihentikan. Silakan minta ulang."
PESAN_ANTREAN = "Antrean pekerjaan latar belakang tidak dapat dihubungi. Silakan minta ulang beberapa saat lagi."

# A second request for the same export this soon after the first finished is a double click:
# it gets the finished file instead of a new one.
DOBEL_DETIK = 10
SIMPAN_HARI = 7
PROGRES_SIMPAN = 95


def parameter_kunci(parameter: dict) -> str:
    teks = json.dumps(parameter, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(teks.encode()).hexdigest()


def _batas_macet() -> timedelta:
    # A task cannot run past Celery's hard time limit, so an export still active after it
    # (plus time in the queue) was lost: the worker died or the message was purged.
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) * 2


def ekspor_minta(*, user, jenis: str, parameter: dict) -> Ekspor:
    """Record an export request of `user` and queue its task after commit.

    Idempotent for a double click: while the same export (owner, jenis, parameter) is queued or
    running, or finished less than DOBEL_DETIK ago, that row is returned and nothing new is
    queued. Raises ValidationError for an unknown jenis.
    """
    if ekspor_jenis_get(jenis) is None:
        raise ValidationError(PESAN_JENIS)
    kunci = parameter_kunci(parameter)
    sekarang = timezone.now()
    sama = Ekspor.objects.filter(pemilik_id=user.pk, jenis=jenis, kunci=kunci)
    with transaction.atomic():
        sama.filter(status__in=Ekspor.AKTIF, created_at__lt=sekarang - _batas_macet()).update(
            status=Status.GAGAL, pesan_galat=PESAN_MACET, selesai_at=sekarang
        )
        baru_selesai = Q(status=Status.SELESAI, created_at__gte=sekarang - timedelta(seconds=DOBEL_DETIK))
        ada = sama.filter(Q(status__in=Ekspor.AKTIF) | baru_selesai).order_by("-created_at", "-pk").first()
        if ada is not None:
            return ada
        ekspor = Ekspor(pemilik=user, jenis=jenis, parameter=parameter, kunci=kunci)
        # Constraints are the database's: a racing twin request is caught below.
        ekspor.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                ekspor.save()
        except IntegrityError:
            ada = sama.filter(status__in=Ekspor.AKTIF).first()
            if ada is None:
                raise
            return ada
        ekspor_id = ekspor.pk
        transaction.on_commit(lambda: _antre(ekspor_id))
    return ekspor


def _antre(ekspor_id: int) -> None:
    from .tasks import ekspor_jalankan_task

    try:
        ekspor_jalankan_task.delay(ekspor_id)
    except Exception:
        # No broker: say so on the row instead of leaving it queued forever.
        logger.exception("Ekspor %s tidak dapat dimasukkan ke antrean", ekspor_id)
        _gagal(ekspor_id, PESAN_ANTREAN, dari=Ekspor.AKTIF)


def _gagal(ekspor_id: int, pesan: str, *, dari=(Status.PROSES,)) -> None:
    Ekspor.objects.filter(pk=ekspor_id, status__in=dari).update(
        status=Status.GAGAL, pesan_galat=pesan[:500], selesai_at=timezone.now()
    )


def _punya_peran(user, peran: tuple[str, ...]) -> bool:
    # The very check the page's PeranRequiredMixin makes, on the user as they are now.
    pemeriksa = PeranRequiredMixin()
    pemeriksa.peran_diperlukan = peran
    return not peran or pemeriksa.punya_peran(user)


def _pelapor(ekspor_id: int):
    """progres(persen): a one-row UPDATE, only when the whole percentage grows (at most ~100
    per export), and never after the row left PROSES."""
    terakhir = 0

    def progres(persen: int) -> None:
        nonlocal terakhir
        persen = max(0, min(PROGRES_SIMPAN, int(persen)))
        if persen > terakhir:
            terakhir = persen
            Ekspor.objects.filter(pk=ekspor_id, status=Status.PROSES).update(progres=persen)

    return progres


def ekspor_jalankan(ekspor_id: int) -> bool:
    """Build and store the file of a queued export; True when this call built it.

    Idempotent: only a queued row is claimed (compare-and-swap antri -> proses), so a task
    delivered twice, or two workers, build it once. Never raises: a failure ends as GAGAL with
    an Indonesian message (the traceback goes to the log, never to the user).
    """
    if not Ekspor.objects.filter(pk=ekspor_id, status=Status.ANTRI).update(status=Status.PROSES, progres=0):
        return False
    ekspor = Ekspor.objects.select_related("pemilik").get(pk=ekspor_id)
    try:
        jenis = ekspor_jenis_get(ekspor.jenis)
        if jenis is None:
            raise ValidationError(PESAN_JENIS)
        return _bangun(ekspor, jenis)
    except ValidationError as exc:
        _gagal(ekspor_id, " ".join(exc.messages))
    except Exception:
        logger.exception("Ekspor %s (%s) gagal", ekspor_id, ekspor.jenis)
        _gagal(ekspor_id, PESAN_TAK_TERDUGA)
    return False


def _bangun(ekspor: Ekspor, jenis: JenisEkspor) -> bool:
    user = ekspor.pemilik
    if not user.is_active or not _punya_peran(user, jenis.peran):
        raise ValidationError(PESAN_TIDAK_BERWENANG)
    progres = _pelapor(ekspor.pk)
    wb, nama_berkas = jenis.fungsi(user, ekspor.parameter, progres)
    progres(PROGRES_SIMPAN)
    field = Ekspor._meta.get_field("berkas")
    with tempfile.TemporaryFile() as tmp:
        wb.save(tmp)
        ukuran = tmp.tell()
        tmp.seek(0)
        nama_simpan = field.storage.save(field.generate_filename(ekspor, nama_berkas), File(tmp))
    selesai = Ekspor.objects.filter(pk=ekspor.pk, status=Status.PROSES).update(
        status=Status.SELESAI,
        progres=100,
        berkas=nama_simpan,
        nama_berkas=nama_berkas[:255],
        ukuran=ukuran,
        selesai_at=timezone.now(),
    )
    if not selesai:
        # Ended meanwhile (declared lost by a new request): leave no file without a row.
        field.storage.delete(nama_simpan)
    return bool(selesai)


def ekspor_bersihkan(*, hari: int = SIMPAN_HARI) -> int:
    """Delete the files and rows of exports requested more than `hari` days ago; returns how
    many rows. Idempotent (run nightly by beat)."""
    batas = timezone.now() - timedelta(days=hari)
    storage = Ekspor._meta.get_field("berkas").storage
    jumlah = 0
    while lama := list(Ekspor.objects.filter(created_at__lt=batas).values_list("pk", "berkas")[:500]):
        for _, nama in lama:
            if nama:
                storage.delete(nama)
        jumlah += Ekspor.objects.filter(pk__in=[pk for pk, _ in lama]).delete()[0]
    return jumlah
