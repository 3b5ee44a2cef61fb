"""Demo competency rounds and development plans for `manage.py demo_data` (idempotent: rounds
are found by name and never rebuilt; plans by (pegawai, judul)).

- "Penilaian Kompetensi 2025" (Dinas Pendidikan and Dinas Kesehatan): closed, every view in,
  so people have results, gaps, a JPM and history.
- "Penilaian Kompetensi 2026" (Dinas Pendidikan): open, half done. The demo `pegawai` has not
  filled their self-assessment yet and must still rate a colleague as a peer; the demo `kabid`
  has supervisor assessments waiting; some colleagues' peers' means are already released.
- Development plans: completed hours this year for part of Dinas Pendidikan (some reach 20 JP,
  some do not), and a plan in progress for the demo `pegawai`.

Inputs are written as the assessment services leave them (submitted assessments, anonymous peer
answers) and results are computed by the same set-based SQL.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from .models import (
    HasilKompetensi,
    JawabanRekan,
    Kompetensi,
    NilaiKompetensi,
    PenilaianKompetensi,
    PenugasanRekan,
    PesertaPenilaian,
    ProgramPengembangan,
    PutaranPenilaian,
    RencanaPengembangan,
)
from .services.hasil import hasil_hitung
from .services.putaran import putaran_buka, putaran_tutup

NAMA_2025 = "Penilaian Kompetensi 2025"
NAMA_2026 = "Penilaian Kompetensi 2026"
TERKIRIM = PenilaianKompetensi.Status.TERKIRIM


# Some competencies are weak across the Pemda (the training-needs analysis should show them).
_BIAS: dict[int, int] = {}


def _level(rng: random.Random, standar: int, geser: tuple[int, ...], kompetensi_id: int | None = None) -> int:
    bias = _BIAS.get(kompetensi_id, 0) if kompetensi_id is not None else 0
    return max(1, min(5, standar + rng.choice(geser) + bias))


def _hasil_per_peserta(putaran) -> dict[int, list[tuple[int, int]]]:
    hasil: dict[int, list[tuple[int, int]]] = {}
    for peserta_id, kompetensi_id, standar in HasilKompetensi.objects.filter(peserta__putaran=putaran).values_list(
        "peserta_id", "kompetensi_id", "standar"
    ):
        hasil.setdefault(peserta_id, []).append((kompetensi_id, standar))
    return hasil


def _isi_penilaian(rng, peserta, komp, jenis, penilai_id, geser, *, status=TERKIRIM) -> None:
    penilaian = PenilaianKompetensi.objects.create(
        peserta=peserta,
        jenis=jenis,
        penilai_id=penilai_id,
        status=status,
        dikirim_pada=timezone.now() if status == TERKIRIM else None,
    )
    catatan = {
        "diri": "Saya menunjukkan perilaku ini dalam pekerjaan sehari-hari dan dapat memberi contohnya.",
        "atasan": "Sesuai pengamatan selama periode penilaian.",
    }[jenis]
    NilaiKompetensi.objects.bulk_create(
        NilaiKompetensi(
            penilaian=penilaian,
            kompetensi_id=k,
            level=_level(rng, s, geser, k if jenis == "atasan" else None),
            catatan=catatan,
        )
        for k, s in komp
    )


def _rekan_calon(peserta_list, peserta) -> list[int]:
    """Colleagues in the same unit who are participants too (3 to 4 of them)."""
    return [
        p.pegawai_id
        for p in peserta_list
        if p.unit_id == peserta.unit_id and p.pk != peserta.pk and p.pegawai_id != peserta.atasan_id
    ][:4]


def _isi_rekan(rng, peserta, komp, penilai_ids, actor, *, terkirim: set[int]) -> None:
    for pid in penilai_ids:
        selesai = pid in terkirim
        PenugasanRekan.objects.create(
            peserta=peserta,
            penilai_id=pid,
            ditugaskan_oleh=actor,
            status=PenugasanRekan.Status.TERKIRIM if selesai else PenugasanRekan.Status.DITUGASKAN,
            dikirim_pada=timezone.now() if selesai else None,
        )
        if selesai:
            JawabanRekan.objects.bulk_create(
                JawabanRekan(peserta=peserta, kompetensi_id=k, level=_level(rng, s, (-1, 0, 0, 1), k)) for k, s in komp
            )


def _tanggal(hari_ini: datetime.date) -> dict:
    return {
        "batas_diri": hari_ini + datetime.timedelta(days=10),
        "batas_rekan": hari_ini + datetime.timedelta(days=17),
        "batas_atasan": hari_ini + datetime.timedelta(days=24),
    }


def _putaran_2025(rng, actor, opd: list[UnitKerja]) -> None:
    hari_ini = timezone.localdate()
    putaran = putaran_buka(
        actor=actor,
        nama=NAMA_2025,
        tanggal_mulai=datetime.date(2025, 1, 1),
        tanggal_selesai=datetime.date(2025, 12, 31),
        unit=opd,
        **_tanggal(hari_ini),
    ).putaran
    peserta_list = list(putaran.peserta.order_by("unit_id", "pegawai__nama"))
    komp = _hasil_per_peserta(putaran)
    for p in peserta_list:
        _isi_penilaian(rng, p, komp[p.pk], "diri", p.pegawai_id, (-1, 0, 0, 1))
        if p.atasan_id:
            _isi_penilaian(rng, p, komp[p.pk], "atasan", p.atasan_id, (-2, -1, -1, 0, 0, 1))
        calon = _rekan_calon(peserta_list, p)
        _isi_rekan(rng, p, komp[p.pk], calon, actor, terkirim=set(calon))
    putaran_tutup(actor=actor, putaran=putaran)
    # It happened last year: move its dates there (history, not a live round).
    PutaranPenilaian.objects.filter(pk=putaran.pk).update(
        batas_diri=datetime.date(2025, 11, 14),
        batas_rekan=datetime.date(2025, 11, 21),
        batas_atasan=datetime.date(2025, 11, 28),
        ditutup_pada=timezone.make_aware(datetime.datetime(2025, 12, 15, 9, 0)),
    )


def _putaran_2026(rng, actor, disdik: UnitKerja, persona: dict[str, Pegawai]) -> None:
    hari_ini = timezone.localdate()
    putaran = putaran_buka(
        actor=actor,
        nama=NAMA_2026,
        tanggal_mulai=datetime.date(hari_ini.year, 1, 1),
        tanggal_selesai=datetime.date(hari_ini.year, 12, 31),
        unit=[disdik],
        **_tanggal(hari_ini),
    ).putaran
    peserta_list = list(putaran.peserta.order_by("unit_id", "pegawai__nama"))
    komp = _hasil_per_peserta(putaran)
    demo_pegawai = persona.get("pegawai")
    kabid = persona.get("kabid")
    for i, p in enumerate(peserta_list):
        if p.pegawai_id != getattr(demo_pegawai, "pk", None) and i % 4 != 3:
            _isi_penilaian(rng, p, komp[p.pk], "diri", p.pegawai_id, (-1, 0, 0, 1))
        # The demo kabid still has their own staff to rate; other supervisors are half done.
        if p.atasan_id and p.atasan_id != getattr(kabid, "pk", None) and i % 2 == 0:
            _isi_penilaian(rng, p, komp[p.pk], "atasan", p.atasan_id, (-2, -1, 0, 0, 1))
        calon = _rekan_calon(peserta_list, p)
        if len(calon) < 3:
            continue
        # The demo pegawai has not rated yet; everyone else has, except in every fifth group.
        terkirim = {c for c in calon if c != getattr(demo_pegawai, "pk", None) and i % 5 != 0}
        _isi_rekan(rng, p, komp[p.pk], calon, actor, terkirim=terkirim)
        if len(terkirim) == len(calon):
            PesertaPenilaian.objects.filter(pk=p.pk).update(rekan_dibuka=True)
    hasil_hitung(putaran=putaran)


def _rencana(rng, actor, persona: dict[str, Pegawai], disdik: UnitKerja) -> int:
    program = list(ProgramPengembangan.objects.filter(aktif=True).order_by("kode"))
    if not program:
        return 0
    tahun = timezone.localdate().year
    dibuat = 0
    staf = list(Pegawai.objects.filter(unit__opd=disdik, aktif=True).order_by("nip")[:60])
    ada = set(RencanaPengembangan.objects.filter(pegawai__in=staf).values_list("pegawai_id", "judul"))
    for i, p in enumerate(staf):
        # About half reach 20 JP this year; the rest are on their way.
        for j in range(1 if i % 2 else 3):
            prog = program[(i + j) % len(program)]
            judul = prog.nama
            if (p.pk, judul) in ada:
                continue
            mulai = datetime.date(tahun, 2 + (i + j) % 8, 3 + j)
            selesai = mulai + datetime.timedelta(days=2)
            RencanaPengembangan.objects.create(
                pegawai=p,
                program=prog,
                judul=judul,
                jenis=prog.jenis,
                tanggal_mulai=mulai,
                tanggal_selesai=selesai,
                jp_rencana=prog.jp,
                status=RencanaPengembangan.Status.SELESAI,
                jp_realisasi=prog.jp,
                tanggal_realisasi=selesai,
                dibuat_oleh=actor,
                kompetensi=prog.kompetensi.first(),
            )
            ada.add((p.pk, judul))
            dibuat += 1
    demo = persona.get("pegawai")
    if demo is not None:
        prog = program[-1]
        judul = f"{prog.nama} (rencana)"
        if (demo.pk, judul) not in ada and not RencanaPengembangan.objects.filter(pegawai=demo, judul=judul).exists():
            mulai = timezone.localdate() + datetime.timedelta(days=21)
            RencanaPengembangan.objects.create(
                pegawai=demo,
                program=prog,
                judul=judul,
                jenis=prog.jenis,
                tanggal_mulai=mulai,
                tanggal_selesai=mulai + datetime.timedelta(days=prog.jp // 8 or 1),
                jp_rencana=prog.jp,
                dibuat_oleh=actor,
                kompetensi=prog.kompetensi.first(),
            )
            dibuat += 1
    return dibuat


@transaction.atomic
def kompetensi_demo_penilaian(*, actor, persona: dict[str, Pegawai], seed: int) -> dict[str, int]:
    """Load the demo rounds and plans; returns what it created ({} on a second run)."""
    rng = random.Random(seed)
    dibuat: dict[str, int] = {}
    _BIAS.clear()
    for kode, bias in (("M.7", -1), ("M.8", -1), ("M.6", -1)):
        pk = Kompetensi.objects.filter(kode=kode).values_list("pk", flat=True).first()
        if pk:
            _BIAS[pk] = bias
    opd = {u.kode: u for u in UnitKerja.objects.filter(kode__in=["DISDIK", "DINKES"])}
    if len(opd) < 2:
        return dibuat
    ada = set(PutaranPenilaian.objects.filter(nama__in=[NAMA_2025, NAMA_2026]).values_list("nama", flat=True))
    if NAMA_2025 not in ada:
        _putaran_2025(rng, actor, [opd["DISDIK"], opd["DINKES"]])
        dibuat["putaran penilaian kompetensi"] = dibuat.get("putaran penilaian kompetensi", 0) + 1
    if NAMA_2026 not in ada:
        _putaran_2026(rng, actor, opd["DISDIK"], persona)
        dibuat["putaran penilaian kompetensi"] = dibuat.get("putaran penilaian kompetensi", 0) + 1
    jumlah = _rencana(rng, actor, persona, opd["DISDIK"])
    if jumlah:
        dibuat["rencana pengembangan"] = jumlah
    return dibuat
