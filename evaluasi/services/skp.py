"""Writing SKP (Sasaran Kinerja Pegawai): creating one for a year (or copying last year's),
its RHK rows with their indicators and the cascade, the workflow (submit, return with a note,
approve) and the atasan's "ekspektasi khusus pimpinan".

Rules (DOMAIN.md "Performance", issue 4):
- one SKP per pegawai per year; it snapshots the pegawai's unit, jabatan and atasan, refreshed
  on every change while it is a draft (so a move mid-draft sends it to the new atasan);
- only the owner changes it, and only while it is a draft or returned; every change carries the
  SKP's `versi` (optimistic lock, evaluasi/services/versi.py) so two tabs never lose an update;
- an Utama RHK supports one RHK of the atasan's SKP of the same year, or, for a unit head (no
  atasan, or an atasan working in another unit), one goal of their unit or a unit above it.
  A draft may hold unlinked rows (the atasan may not have planned yet); submitting needs every
  Utama row linked and at least one Utama row with an indicator;
- status changes are compare-and-swap: a double click acts once;
- approval locks the SKP for good.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from asn_kinerja.audit import audit_ubah
from notifikasi.services import notifikasi_kirim
from pegawai.access import akses_get
from pegawai.models import Pegawai, UnitKerja

from ..models import (
    EkspektasiKhusus,
    EvaluasiPegawai,
    IndikatorKinerja,
    NilaiDasar,
    Periode,
    RatingRhk,
    Realisasi,
    RencanaHasilKerja,
    SasaranUnit,
    Skp,
)
from .versi import PESAN_DIUBAH_DI_TEMPAT_LAIN, versi_update

Status = Skp.Status
Jenis = RencanaHasilKerja.Jenis

MAKS_RHK = 40
MAKS_INDIKATOR = 10
MAKS_URAIAN = 2000
MAKS_CATATAN = 2000
TARGET_MAKS = Decimal("999999999999.99")  # max_digits=14, decimal_places=2

PESAN_BUKAN_PEGAWAI = "Akun Anda tidak terhubung dengan data pegawai aktif."
PESAN_TAHUN = "Tahun SKP harus antara {awal} dan {akhir}."
PESAN_SUDAH_ADA = "SKP tahun {tahun} sudah ada; tidak dibuat dua kali."
PESAN_TIDAK_ADA_SUMBER = "Tidak ada SKP tahun {tahun} yang dapat disalin."
PESAN_BUKAN_PEMILIK = "Hanya pemilik SKP yang dapat mengubahnya."
PESAN_DIAJUKAN = (
    "SKP ini sedang diajukan kepada atasan sehingga tidak dapat diubah. "
    "Tunggu hingga atasan mengembalikan atau menyetujuinya."
)
PESAN_DISETUJUI = "SKP ini telah disetujui atasan dan terkunci; isinya tidak dapat diubah lagi."
PESAN_URAIAN_RHK = "Uraian rencana hasil kerja wajib diisi."
PESAN_URAIAN_PANJANG = f"Uraian paling panjang {MAKS_URAIAN} karakter."
PESAN_JENIS = "Jenis RHK tidak dikenal; pilih Utama atau Tambahan."
PESAN_RHK_MAKS = f"Satu SKP paling banyak memuat {MAKS_RHK} RHK."
PESAN_RHK_ASING = "RHK ini bukan bagian dari SKP yang sedang diubah."
PESAN_INDIKATOR_KOSONG = "Setiap RHK harus memiliki paling sedikit satu indikator kinerja."
PESAN_INDIKATOR_MAKS = f"Satu RHK paling banyak memiliki {MAKS_INDIKATOR} indikator."
PESAN_INDIKATOR_ASING = "Indikator yang diubah tidak ditemukan pada RHK ini. Muat ulang halaman."
PESAN_INDIKATOR_BEREALISASI = "Indikator “{uraian}” sudah memiliki realisasi sehingga tidak dapat dihapus."
PESAN_URAIAN_INDIKATOR = "Uraian indikator wajib diisi."
PESAN_ASPEK = "Aspek indikator tidak dikenal; pilih kuantitas, kualitas, waktu, atau biaya."
PESAN_SATUAN = "Satuan target wajib diisi, misalnya dokumen, persen, atau hari."
PESAN_TARGET_ANGKA = "Target harus berupa angka, misalnya 12 atau 12,5."
PESAN_TARGET_NEGATIF = "Target tidak boleh negatif."
PESAN_TARGET_DESIMAL = "Target paling banyak dua angka di belakang koma."
PESAN_TARGET_BESAR = "Target terlalu besar."
PESAN_DUA_INDUK = "Pilih salah satu saja: RHK atasan atau sasaran unit."
PESAN_RHK_ATASAN_ASING = "RHK atasan yang dipilih tidak ditemukan di SKP atasan Anda tahun {tahun}."
PESAN_SASARAN_ASING = "Sasaran yang dipilih bukan sasaran unit kerja Anda (atau unit di atasnya) tahun {tahun}."
PESAN_SASARAN_BUKAN_KEPALA = (
    "Hanya kepala unit yang menghubungkan RHK langsung ke sasaran unit; pilih RHK atasan yang didukung."
)
PESAN_RHK_DIDUKUNG = (
    "RHK ini menjadi acuan {jumlah} RHK bawahan sehingga tidak dapat dihapus. "
    "Ubah uraiannya, atau minta bawahan memindahkan kaitannya terlebih dahulu."
)
PESAN_RHK_BEREALISASI = "RHK ini sudah memiliki realisasi atau penilaian sehingga tidak dapat dihapus."
PESAN_AJUKAN_TANPA_UTAMA = (
    "SKP belum dapat diajukan: tambahkan paling sedikit satu RHK Utama yang memiliki indikator kinerja."
)
PESAN_AJUKAN_TANPA_INDIKATOR = "SKP belum dapat diajukan: RHK “{uraian}” belum memiliki indikator kinerja."
PESAN_AJUKAN_BELUM_TERHUBUNG = "SKP belum dapat diajukan: {jumlah} RHK Utama belum dihubungkan ke {tujuan}."
PESAN_AJUKAN_TANPA_ATASAN = (
    "SKP belum dapat diajukan karena Anda tidak memiliki atasan langsung yang menyetujuinya. "
    "Hubungi admin kepegawaian untuk melengkapi data atasan."
)
PESAN_SUDAH_DIAJUKAN = "SKP ini sudah diajukan; tidak diajukan dua kali."
PESAN_BUKAN_ATASAN = "Hanya atasan langsung yang menerima pengajuan SKP ini yang dapat memeriksanya."
PESAN_BELUM_DIAJUKAN = "SKP ini tidak sedang menunggu persetujuan (status: {status})."
PESAN_CATATAN_WAJIB = "Tuliskan catatan pengembalian: apa yang perlu diperbaiki pegawai."
PESAN_CATATAN_PANJANG = f"Catatan paling panjang {MAKS_CATATAN} karakter."
PESAN_EKSPEKTASI_TUTUP = "Semua periode tahun {tahun} sudah ditutup; ekspektasi khusus tidak dapat diubah lagi."
PESAN_EKSPEKTASI_PANJANG = f"Ekspektasi paling panjang {MAKS_CATATAN} karakter."
PESAN_NILAI_DASAR_ASING = "Nilai dasar BerAKHLAK tidak dikenal."

TUJUAN_ATASAN = "RHK atasan"
TUJUAN_KEPALA = "RHK atasan atau sasaran unit"


# --- small helpers ----------------------------------------------------------------------------


_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")


def target_parse(teks) -> Decimal:
    """A target as typed by an Indonesian user: "12", "12,5", "1.250,75", "1.000" (one thousand)
    or "12.5". Raises ValidationError with an Indonesian message for anything else."""
    if isinstance(teks, Decimal):
        nilai = teks
    elif isinstance(teks, int):
        nilai = Decimal(teks)
    else:
        s = "".join(str(teks or "").split())
        if not s:
            raise ValidationError(PESAN_TARGET_ANGKA, code="angka")
        if "," in s:
            # Indonesian: dots group thousands, the comma is the decimal mark.
            s = s.replace(".", "").replace(",", ".", 1)
        elif _RIBUAN.match(s):
            s = s.replace(".", "")
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", s):
            raise ValidationError(PESAN_TARGET_ANGKA, code="angka")
        try:
            nilai = Decimal(s)
        except InvalidOperation:
            raise ValidationError(PESAN_TARGET_ANGKA, code="angka") from None
    if not nilai.is_finite():
        raise ValidationError(PESAN_TARGET_ANGKA, code="angka")
    if nilai < 0:
        raise ValidationError(PESAN_TARGET_NEGATIF, code="negatif")
    if nilai != nilai.quantize(Decimal("0.01")):
        raise ValidationError(PESAN_TARGET_DESIMAL, code="desimal")
    if nilai > TARGET_MAKS:
        raise ValidationError(PESAN_TARGET_BESAR, code="besar")
    return nilai.quantize(Decimal("0.01"))


def tahun_ini() -> int:
    return timezone.localdate().year


def tahun_pilihan() -> list[int]:
    """Years an SKP may be created for: last year (late planning), this year and next year."""
    t = tahun_ini()
    return [t - 1, t, t + 1]


def pesan_terkunci(skp: Skp) -> str:
    return PESAN_DISETUJUI if skp.status == Status.DISETUJUI else PESAN_DIAJUKAN


def _pegawai_aktor(actor) -> int:
    pid = akses_get(actor).pegawai_id
    if pid is None:
        raise ValidationError(PESAN_BUKAN_PEGAWAI)
    return pid


def unit_leluhur_ids(unit_id: int) -> list[int]:
    """The unit and every unit above it (a handful of levels; stops on a corrupt cycle)."""
    ids: list[int] = []
    sekarang: int | None = unit_id
    while sekarang is not None and sekarang not in ids and len(ids) < 12:
        ids.append(sekarang)
        sekarang = UnitKerja.objects.filter(pk=sekarang).values_list("induk_id", flat=True).first()
    return ids


@dataclass(frozen=True)
class Posisi:
    """Where the pegawai stands today: what their SKP snapshots and whom it cascades from."""

    unit_id: int
    jabatan_id: int
    atasan_id: int | None
    kepala_unit: bool  # no atasan, or an atasan who works in another unit


def posisi_get(pegawai_id: int) -> Posisi:
    unit_id, jabatan_id, atasan_id, atasan_unit_id = (
        Pegawai.objects.filter(pk=pegawai_id).values_list("unit_id", "jabatan_id", "atasan_id", "atasan__unit_id").get()
    )
    return Posisi(
        unit_id=unit_id,
        jabatan_id=jabatan_id,
        atasan_id=atasan_id,
        kepala_unit=atasan_id is None or atasan_unit_id != unit_id,
    )


def _snapshot(posisi: Posisi) -> dict:
    return {"unit_id": posisi.unit_id, "jabatan_id": posisi.jabatan_id, "atasan_id": posisi.atasan_id}


def _evaluasi_hubungkan(skp: Skp) -> int:
    """The pegawai's evaluation records of that year that have no SKP yet now point to it."""
    return EvaluasiPegawai.objects.filter(pegawai_id=skp.pegawai_id, periode__tahun=skp.tahun, skp__isnull=True).update(
        skp=skp
    )


def _url_skp(skp: Skp) -> str:
    return reverse("evaluasi:skp-detail", args=[skp.pk])


def _nama(pegawai_id: int | None) -> str:
    return Pegawai.objects.filter(pk=pegawai_id).values_list("nama", flat=True).first() or ""


# --- creating -------------------------------------------------------------------------------


def _periksa_tahun(tahun: int) -> None:
    pilihan = tahun_pilihan()
    if tahun not in pilihan:
        raise ValidationError({"tahun": PESAN_TAHUN.format(awal=pilihan[0], akhir=pilihan[-1])})


def _skp_baru(pegawai_id: int, tahun: int) -> Skp:
    if Skp.objects.filter(pegawai_id=pegawai_id, tahun=tahun).exists():
        raise ValidationError(PESAN_SUDAH_ADA.format(tahun=tahun), code="sudah_ada")
    skp = Skp(pegawai_id=pegawai_id, tahun=tahun, status=Status.DRAFT, **_snapshot(posisi_get(pegawai_id)))
    skp.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            skp.save()
    except IntegrityError:
        # A second tab (or a double click) created it between the check and the insert.
        raise ValidationError(PESAN_SUDAH_ADA.format(tahun=tahun), code="sudah_ada") from None
    return skp


@transaction.atomic
def skp_buat(*, actor, tahun: int) -> Skp:
    """A new, empty draft SKP of the actor for `tahun`; the year's evaluation records link to it."""
    pegawai_id = _pegawai_aktor(actor)
    _periksa_tahun(tahun)
    skp = _skp_baru(pegawai_id, tahun)
    _evaluasi_hubungkan(skp)
    return skp


@dataclass(frozen=True)
class HasilSalin:
    skp: Skp
    sumber: Skp
    jumlah_rhk: int
    jumlah_indikator: int
    perlu_dihubungkan: int  # Utama rows that must be linked again (last year's links point to last year)
    kaitan_dilepas: int  # rows whose link to last year's RHK or goal was dropped
    kepala_unit: bool = False  # their Utama rows may link to unit goals too


@transaction.atomic
def skp_salin(*, actor, tahun: int | None = None) -> HasilSalin:
    """This year's SKP as a draft copy of last year's: RHK and indicators, never the cascade
    links (they point to last year's atasan RHK or unit goals; the pegawai links them again)."""
    pegawai_id = _pegawai_aktor(actor)
    tahun = tahun or tahun_ini()
    _periksa_tahun(tahun)
    sumber = Skp.objects.filter(pegawai_id=pegawai_id, tahun=tahun - 1).first()
    if sumber is None:
        raise ValidationError(PESAN_TIDAK_ADA_SUMBER.format(tahun=tahun - 1))
    skp = _skp_baru(pegawai_id, tahun)
    kepala = posisi_get(pegawai_id).kepala_unit
    rhk_lama = list(sumber.rhk.order_by("id"))
    indikator_lama = list(IndikatorKinerja.objects.filter(rhk__skp=sumber).order_by("rhk_id", "urutan", "id"))
    baru = RencanaHasilKerja.objects.bulk_create(
        [RencanaHasilKerja(skp=skp, jenis=r.jenis, uraian=r.uraian, urutan=r.urutan) for r in rhk_lama]
    )
    peta = {lama.pk: b.pk for lama, b in zip(rhk_lama, baru, strict=True)}
    if any(pk is None for pk in peta.values()):  # a backend that does not return ids
        peta = dict(
            zip(
                [r.pk for r in rhk_lama],
                skp.rhk.order_by("id").values_list("pk", flat=True),
                strict=True,
            )
        )
    IndikatorKinerja.objects.bulk_create(
        [
            IndikatorKinerja(
                rhk_id=peta[i.rhk_id], aspek=i.aspek, uraian=i.uraian, target=i.target, satuan=i.satuan, urutan=i.urutan
            )
            for i in indikator_lama
        ]
    )
    _evaluasi_hubungkan(skp)
    return HasilSalin(
        skp=skp,
        sumber=sumber,
        jumlah_rhk=len(rhk_lama),
        jumlah_indikator=len(indikator_lama),
        perlu_dihubungkan=sum(1 for r in rhk_lama if r.jenis == Jenis.UTAMA),
        kaitan_dilepas=sum(1 for r in rhk_lama if r.rhk_atasan_id or r.sasaran_unit_id),
        kepala_unit=kepala,
    )


# --- editing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndikatorData:
    aspek: str
    uraian: str
    target: Decimal | str
    satuan: str
    id: int | None = None


def _kunci_untuk_ubah(*, actor, skp: Skp, versi: int) -> tuple[Skp, Posisi]:
    """Lock the SKP row, check owner and status, bump its version (optimistic lock) and
    refresh the snapshot. Returns the locked row and the pegawai's position today."""
    pegawai_id = _pegawai_aktor(actor)
    skp = Skp.objects.select_for_update().get(pk=skp.pk)
    if skp.pegawai_id != pegawai_id:
        raise ValidationError(PESAN_BUKAN_PEMILIK)
    if not skp.dapat_diubah:
        raise ValidationError(pesan_terkunci(skp), code="terkunci")
    posisi = posisi_get(skp.pegawai_id)
    skp.versi = versi_update(Skp, pk=skp.pk, versi=versi, **_snapshot(posisi))
    skp.unit_id, skp.jabatan_id, skp.atasan_id = posisi.unit_id, posisi.jabatan_id, posisi.atasan_id
    return skp, posisi


def induk_periksa(
    *, skp: Skp, posisi: Posisi, rhk_atasan_id: int | None, sasaran_unit_id: int | None
) -> tuple[int | None, int | None]:
    """The cascade link of one row, checked: the atasan's RHK of the same year, or (unit heads
    only) an active goal of their unit or a unit above it for that year."""
    if rhk_atasan_id and sasaran_unit_id:
        raise ValidationError({"induk": PESAN_DUA_INDUK})
    if rhk_atasan_id:
        ada = (
            posisi.atasan_id is not None
            and RencanaHasilKerja.objects.filter(
                pk=rhk_atasan_id, skp__pegawai_id=posisi.atasan_id, skp__tahun=skp.tahun
            ).exists()
        )
        if not ada:
            raise ValidationError({"induk": PESAN_RHK_ATASAN_ASING.format(tahun=skp.tahun)})
        return rhk_atasan_id, None
    if sasaran_unit_id:
        if not posisi.kepala_unit:
            raise ValidationError({"induk": PESAN_SASARAN_BUKAN_KEPALA})
        ada = SasaranUnit.objects.filter(
            pk=sasaran_unit_id, tahun=skp.tahun, aktif=True, unit_id__in=unit_leluhur_ids(posisi.unit_id)
        ).exists()
        if not ada:
            raise ValidationError({"induk": PESAN_SASARAN_ASING.format(tahun=skp.tahun)})
        return None, sasaran_unit_id
    return None, None


def _periksa_indikator(indikator: list[IndikatorData]) -> list[IndikatorData]:
    if not indikator:
        raise ValidationError({"indikator": PESAN_INDIKATOR_KOSONG})
    if len(indikator) > MAKS_INDIKATOR:
        raise ValidationError({"indikator": PESAN_INDIKATOR_MAKS})
    bersih = []
    for data in indikator:
        if data.aspek not in IndikatorKinerja.Aspek.values:
            raise ValidationError({"indikator": PESAN_ASPEK})
        uraian, satuan = (data.uraian or "").strip(), (data.satuan or "").strip()
        if not uraian:
            raise ValidationError({"indikator": PESAN_URAIAN_INDIKATOR})
        if not satuan:
            raise ValidationError({"indikator": PESAN_SATUAN})
        try:
            target = target_parse(data.target)
        except ValidationError as exc:
            raise ValidationError({"indikator": exc.messages}) from None
        bersih.append(IndikatorData(aspek=data.aspek, uraian=uraian, target=target, satuan=satuan, id=data.id))
    return bersih


@transaction.atomic
def rhk_simpan(
    *,
    actor,
    skp: Skp,
    versi: int,
    jenis: str,
    uraian: str,
    indikator: list[IndikatorData],
    rhk: RencanaHasilKerja | None = None,
    rhk_atasan_id: int | None = None,
    sasaran_unit_id: int | None = None,
) -> RencanaHasilKerja:
    """Add (rhk=None) or change one RHK row with its indicators. Indicators with an `id` are
    changed, those without are added, the row's others are removed (refused when one already
    has a realisation). Every check runs before anything is written."""
    if rhk is not None and rhk.skp_id != skp.pk:
        raise ValidationError(PESAN_RHK_ASING)
    uraian = (uraian or "").strip()
    if not uraian:
        raise ValidationError({"uraian": PESAN_URAIAN_RHK})
    if len(uraian) > MAKS_URAIAN:
        raise ValidationError({"uraian": PESAN_URAIAN_PANJANG})
    if jenis not in Jenis.values:
        raise ValidationError({"jenis": PESAN_JENIS})
    indikator = _periksa_indikator(indikator)
    skp, posisi = _kunci_untuk_ubah(actor=actor, skp=skp, versi=versi)
    rhk_atasan_id, sasaran_unit_id = induk_periksa(
        skp=skp, posisi=posisi, rhk_atasan_id=rhk_atasan_id, sasaran_unit_id=sasaran_unit_id
    )

    lama: dict[int, IndikatorKinerja] = {}
    if rhk is None:
        if skp.rhk.count() >= MAKS_RHK:
            raise ValidationError(PESAN_RHK_MAKS)
        urutan = (skp.rhk.filter(jenis=jenis).order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
        rhk = RencanaHasilKerja(skp=skp, urutan=urutan)
    else:
        rhk = RencanaHasilKerja.objects.get(pk=rhk.pk, skp=skp)
        lama = {i.pk: i for i in rhk.indikator.all()}
        if rhk.jenis != jenis:
            rhk.urutan = (
                skp.rhk.filter(jenis=jenis).order_by("-urutan").values_list("urutan", flat=True).first() or 0
            ) + 1
    dipakai = {d.id for d in indikator if d.id is not None}
    if dipakai - lama.keys():
        raise ValidationError({"indikator": PESAN_INDIKATOR_ASING})
    dihapus = [i for pk, i in lama.items() if pk not in dipakai]
    berealisasi = set(
        Realisasi.objects.filter(indikator__in=[i.pk for i in dihapus]).values_list("indikator_id", flat=True)
    )
    for i in dihapus:
        if i.pk in berealisasi:
            raise ValidationError({"indikator": PESAN_INDIKATOR_BEREALISASI.format(uraian=i.uraian[:80])})

    rhk.jenis, rhk.uraian = jenis, uraian
    rhk.rhk_atasan_id, rhk.sasaran_unit_id = rhk_atasan_id, sasaran_unit_id
    rhk.full_clean(exclude=["skp", "rhk_atasan", "sasaran_unit"])
    rhk.save()
    if dihapus:
        IndikatorKinerja.objects.filter(pk__in=[i.pk for i in dihapus]).delete()
    for urutan, data in enumerate(indikator, start=1):
        baris = lama.get(data.id) if data.id else None
        if baris is None:
            baris = IndikatorKinerja(rhk=rhk)
        berubah = (baris.aspek, baris.uraian, baris.target, baris.satuan, baris.urutan) != (
            data.aspek,
            data.uraian,
            data.target,
            data.satuan,
            urutan,
        )
        if baris.pk is None or berubah:
            baris.aspek, baris.uraian, baris.target, baris.satuan, baris.urutan = (
                data.aspek,
                data.uraian,
                data.target,
                data.satuan,
                urutan,
            )
            baris.full_clean(exclude=["rhk"])
            baris.save()
    return rhk


@transaction.atomic
def rhk_hapus(*, actor, rhk: RencanaHasilKerja, versi: int) -> None:
    """Remove one RHK row and its indicators. Refused while a subordinate's RHK supports it, or
    once it has realisations or ratings (history is never lost silently)."""
    skp, _ = _kunci_untuk_ubah(actor=actor, skp=rhk.skp, versi=versi)
    rhk = RencanaHasilKerja.objects.filter(pk=rhk.pk, skp=skp).first()
    if rhk is None:
        raise ValidationError(PESAN_RHK_ASING)
    didukung = RencanaHasilKerja.objects.filter(rhk_atasan=rhk).count()
    if didukung:
        raise ValidationError(PESAN_RHK_DIDUKUNG.format(jumlah=didukung))
    if Realisasi.objects.filter(indikator__rhk=rhk).exists() or RatingRhk.objects.filter(rhk=rhk).exists():
        raise ValidationError(PESAN_RHK_BEREALISASI)
    rhk.delete()


# --- workflow -------------------------------------------------------------------------------


def kaitan_tidak_sah(skp: Skp, posisi: Posisi) -> list[RencanaHasilKerja]:
    """Utama rows without a valid link for the pegawai's position today (never linked, or
    linked to an RHK that is not their current atasan's of the same year, or to a goal they
    may not use)."""
    sasaran_boleh: set[int] = set()
    if posisi.kepala_unit:
        sasaran_boleh = set(
            SasaranUnit.objects.filter(
                tahun=skp.tahun, aktif=True, unit_id__in=unit_leluhur_ids(posisi.unit_id)
            ).values_list("pk", flat=True)
        )
    hasil = []
    for rhk in skp.rhk.filter(jenis=Jenis.UTAMA).select_related("rhk_atasan__skp").order_by("urutan", "id"):
        if rhk.rhk_atasan_id:
            induk = rhk.rhk_atasan.skp
            sah = posisi.atasan_id is not None and induk.pegawai_id == posisi.atasan_id and induk.tahun == skp.tahun
        else:
            sah = rhk.sasaran_unit_id is not None and rhk.sasaran_unit_id in sasaran_boleh
        if not sah:
            hasil.append(rhk)
    return hasil


@transaction.atomic
def skp_ajukan(*, actor, skp: Skp, versi: int | None = None) -> Skp:
    """Draft or returned -> diajukan, to the pegawai's atasan of today (the snapshot is taken
    again). Needs at least one Utama row with an indicator and every Utama row linked."""
    pegawai_id = _pegawai_aktor(actor)
    terkunci = Skp.objects.select_for_update().get(pk=skp.pk)
    if terkunci.pegawai_id != pegawai_id:
        raise ValidationError(PESAN_BUKAN_PEMILIK)
    if terkunci.status == Status.DIAJUKAN:
        raise ValidationError(PESAN_SUDAH_DIAJUKAN, code="sudah")
    if not terkunci.dapat_diubah:
        raise ValidationError(pesan_terkunci(terkunci), code="terkunci")
    if versi is not None and terkunci.versi != versi:
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    skp = terkunci
    posisi = posisi_get(skp.pegawai_id)
    if posisi.atasan_id is None:
        raise ValidationError(PESAN_AJUKAN_TANPA_ATASAN)
    rhk = list(skp.rhk.all())
    punya_indikator = set(IndikatorKinerja.objects.filter(rhk__skp=skp).values_list("rhk_id", flat=True))
    if not any(r.jenis == Jenis.UTAMA and r.pk in punya_indikator for r in rhk):
        raise ValidationError(PESAN_AJUKAN_TANPA_UTAMA)
    for r in rhk:
        if r.pk not in punya_indikator:
            raise ValidationError(PESAN_AJUKAN_TANPA_INDIKATOR.format(uraian=r.uraian[:80]))
    belum = kaitan_tidak_sah(skp, posisi)
    if belum:
        tujuan = TUJUAN_KEPALA if posisi.kepala_unit else TUJUAN_ATASAN
        raise ValidationError(PESAN_AJUKAN_BELUM_TERHUBUNG.format(jumlah=len(belum), tujuan=tujuan))
    sekarang = timezone.now()
    diubah = Skp.objects.filter(pk=skp.pk, status=skp.status, versi=skp.versi).update(
        status=Status.DIAJUKAN,
        diajukan_pada=sekarang,
        versi=F("versi") + 1,
        updated_at=sekarang,
        **_snapshot(posisi),
    )
    if not diubah:
        raise ValidationError(PESAN_SUDAH_DIAJUKAN, code="sudah")
    status_lama = skp.status
    skp.refresh_from_db()
    audit_ubah(skp, actor=actor, perubahan={"status": [status_lama, skp.status]})
    atasan_user = Pegawai.objects.filter(pk=posisi.atasan_id).values_list("user_id", flat=True).first()
    nama = _nama(skp.pegawai_id)
    notifikasi_kirim(
        penerima_ids=[atasan_user],
        judul=f"SKP {skp.tahun} {nama} menunggu persetujuan",
        pesan=f"{nama} mengajukan SKP tahun {skp.tahun}. Periksa lalu setujui atau kembalikan dengan catatan.",
        tautan=_url_skp(skp),
    )
    return skp


def _periksa_pemeriksa(actor, skp: Skp) -> int:
    pid = _pegawai_aktor(actor)
    terkunci = Skp.objects.select_for_update().get(pk=skp.pk)
    if terkunci.atasan_id != pid or terkunci.pegawai_id == pid:
        raise ValidationError(PESAN_BUKAN_ATASAN)
    if terkunci.status != Status.DIAJUKAN:
        raise ValidationError(
            PESAN_BELUM_DIAJUKAN.format(status=terkunci.get_status_display().lower()), code="bukan_diajukan"
        )
    return pid


def _pemilik_user_id(skp: Skp) -> int | None:
    return Pegawai.objects.filter(pk=skp.pegawai_id).values_list("user_id", flat=True).first()


@transaction.atomic
def skp_kembalikan(*, actor, skp: Skp, catatan: str) -> Skp:
    """Diajukan -> dikembalikan with a mandatory note; the pegawai is notified with the note."""
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError({"catatan": PESAN_CATATAN_WAJIB})
    if len(catatan) > MAKS_CATATAN:
        raise ValidationError({"catatan": PESAN_CATATAN_PANJANG})
    pid = _periksa_pemeriksa(actor, skp)
    sekarang = timezone.now()
    diubah = Skp.objects.filter(pk=skp.pk, status=Status.DIAJUKAN, atasan_id=pid).update(
        status=Status.DIKEMBALIKAN, catatan_pengembalian=catatan, versi=F("versi") + 1, updated_at=sekarang
    )
    if not diubah:
        raise ValidationError(PESAN_BELUM_DIAJUKAN.format(status="sudah diperiksa"), code="bukan_diajukan")
    skp.refresh_from_db()
    audit_ubah(
        skp,
        actor=actor,
        perubahan={"status": [Status.DIAJUKAN, Status.DIKEMBALIKAN], "catatan_pengembalian": ["", catatan]},
    )
    notifikasi_kirim(
        penerima_ids=[_pemilik_user_id(skp)],
        judul=f"SKP {skp.tahun} Anda dikembalikan untuk diperbaiki",
        pesan=f"Catatan atasan: {catatan}",
        tautan=_url_skp(skp),
    )
    return skp


@transaction.atomic
def skp_setujui(*, actor, skp: Skp) -> Skp:
    """Diajukan -> disetujui by the atasan it was submitted to; the SKP is locked from now on."""
    pid = _periksa_pemeriksa(actor, skp)
    sekarang = timezone.now()
    diubah = Skp.objects.filter(pk=skp.pk, status=Status.DIAJUKAN, atasan_id=pid).update(
        status=Status.DISETUJUI,
        disetujui_pada=sekarang,
        disetujui_oleh_id=pid,
        versi=F("versi") + 1,
        updated_at=sekarang,
    )
    if not diubah:
        raise ValidationError(PESAN_BELUM_DIAJUKAN.format(status="sudah diperiksa"), code="bukan_diajukan")
    skp.refresh_from_db()
    audit_ubah(skp, actor=actor, perubahan={"status": [Status.DIAJUKAN, Status.DISETUJUI]})
    notifikasi_kirim(
        penerima_ids=[_pemilik_user_id(skp)],
        judul=f"SKP {skp.tahun} Anda disetujui",
        pesan=f"Atasan menyetujui SKP tahun {skp.tahun}. Realisasi dapat dilaporkan selama periode berjalan.",
        tautan=_url_skp(skp),
    )
    return skp


# --- ekspektasi khusus pimpinan ----------------------------------------------------------------


def ekspektasi_terbuka(tahun: int) -> bool:
    """Open until every period of the year is closed (a year without periods is still open)."""
    periode = Periode.objects.filter(tahun=tahun)
    return not periode.exists() or periode.exclude(status=Periode.Status.DITUTUP).exists()


def ekspektasi_jejak(skp: Skp) -> str:
    """A fingerprint of the SKP's ekspektasi as drawn: a form posted from an older drawing is
    refused instead of overwriting what another tab saved in between."""
    baris = EkspektasiKhusus.objects.filter(skp=skp).order_by("nilai_dasar_id").values_list("nilai_dasar_id", "teks")
    return hashlib.sha256(repr(list(baris)).encode()).hexdigest()[:32]


@transaction.atomic
def ekspektasi_simpan(*, actor, skp: Skp, teks: dict[int, str], jejak: str) -> int:
    """Upsert the atasan's ekspektasi per BerAKHLAK value (an empty text removes it). Only the
    atasan the SKP belongs to, any time before the year's periods are all closed. Returns the
    number of values that now carry an ekspektasi."""
    pid = _pegawai_aktor(actor)
    skp = Skp.objects.select_for_update().get(pk=skp.pk)
    if skp.atasan_id != pid or skp.pegawai_id == pid:
        raise ValidationError(PESAN_BUKAN_ATASAN)
    if not ekspektasi_terbuka(skp.tahun):
        raise ValidationError(PESAN_EKSPEKTASI_TUTUP.format(tahun=skp.tahun))
    nilai_ids = set(NilaiDasar.objects.values_list("pk", flat=True))
    if set(teks) - nilai_ids:
        raise ValidationError(PESAN_NILAI_DASAR_ASING)
    bersih = {k: (v or "").strip() for k, v in teks.items()}
    if any(len(v) > MAKS_CATATAN for v in bersih.values()):
        raise ValidationError(PESAN_EKSPEKTASI_PANJANG)
    if jejak != ekspektasi_jejak(skp):
        raise ValidationError(PESAN_DIUBAH_DI_TEMPAT_LAIN)
    ada = {e.nilai_dasar_id: e for e in EkspektasiKhusus.objects.filter(skp=skp)}
    hapus = [ada[k].pk for k, v in bersih.items() if not v and k in ada]
    if hapus:
        EkspektasiKhusus.objects.filter(pk__in=hapus).delete()
    for nilai_id, isi in bersih.items():
        if not isi:
            continue
        baris = ada.get(nilai_id)
        if baris is None:
            baris = EkspektasiKhusus(skp=skp, nilai_dasar_id=nilai_id, teks=isi, ditulis_oleh=actor)
        elif baris.teks == isi:
            continue
        else:
            baris.teks, baris.ditulis_oleh = isi, actor
        baris.full_clean(exclude=["skp", "nilai_dasar", "ditulis_oleh"], validate_unique=False)
        baris.save()
    return EkspektasiKhusus.objects.filter(skp=skp).count()
