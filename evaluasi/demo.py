"""Demo performance data for `manage.py demo_data` (idempotent: nothing is written when the
year's first period already exists).

For the current year (quarterly periods, as the official example form):
- every quarter before last: closed, every Dinas Pendidikan and Dinas Kesehatan employee with
  an approved SKP has a final result (history and a trend for the demo pegawai);
- last quarter: in assessment with deadlines still ahead. The demo `pegawai` (Budi) has not sent
  his self-assessment and must rate a colleague as a peer; two of his three peers answered. The
  demo `kabid` has ratings due for her direct subordinates, and a decision to make on an
  objection filed by Budi's colleague Dina, whose rater (the Kepala Seksi) finalised her result
  three days ago. The `kadis` has finalised one Kepala Bidang;
- this quarter: running: realisation partly filled, daily logs for the last weeks, several
  waiting for the atasan;
- next year's SKP are being planned: the Kepala Dinas and the demo `kabid` have theirs approved,
  a Kepala Seksi's waits for the kabid's approval and another's was returned with a note; Budi
  can start his by copying this year's.

SKP are cascaded: a unit head's Utama RHK support their unit's goals, everyone else's the RHK
of their atasan. Rows are written the way the services leave them (snapshots, the predikat from
the matrix, peers' answers without a rater).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pegawai.models import Pegawai, UnitKerja

from .models import (
    EkspektasiKhusus,
    EvaluasiPegawai,
    IndikatorKinerja,
    JawabanRekanKinerja,
    Keberatan,
    KomentarRekanKinerja,
    LogHarian,
    NilaiDasar,
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
from .rules import predikat_dari
from .services.periode import evaluasi_siapkan

OPD_DEMO = ("DISDIK", "DINKES")
A, S, B = "di_atas", "sesuai", "di_bawah"

SASARAN = {
    "DISDIK": [
        ("Meningkatnya mutu pendidikan dasar", "Persentase sekolah terakreditasi minimal B"),
        ("Meningkatnya akses layanan pendidikan", "Angka partisipasi murni SD dan SMP"),
    ],
    "DINKES": [
        ("Meningkatnya derajat kesehatan masyarakat", "Angka kematian ibu per 100.000 kelahiran hidup"),
        ("Meningkatnya mutu layanan kesehatan dasar", "Persentase puskesmas terakreditasi paripurna"),
    ],
}

# (RHK, [(aspek, indikator, target, satuan)]) by position kind.
RHK_PIMPINAN = [
    (
        "Terwujudnya pelaksanaan program {unit} sesuai rencana kerja",
        [
            ("kuantitas", "Persentase kegiatan yang terlaksana", 100, "persen"),
            ("waktu", "Ketepatan waktu", 12, "bulan"),
        ],
    ),
    ("Meningkatnya kualitas layanan {unit}", [("kualitas", "Indeks kepuasan layanan", 85, "indeks")]),
    ("Tersusunnya laporan kinerja {unit} yang akuntabel", [("kuantitas", "Jumlah laporan kinerja", 4, "laporan")]),
]
RHK_PELAKSANA = [
    (
        "Tersusunnya dokumen administrasi {unit} yang tertib",
        [
            ("kuantitas", "Jumlah dokumen yang diselesaikan", 48, "dokumen"),
            ("kualitas", "Dokumen tanpa revisi", 90, "persen"),
        ],
    ),
    ("Terlayaninya permohonan data dan informasi", [("kuantitas", "Jumlah permohonan dilayani", 120, "permohonan")]),
]
RHK_GURU = [
    (
        "Terlaksananya pembelajaran yang bermutu",
        [
            ("kuantitas", "Jumlah perangkat pembelajaran", 12, "dokumen"),
            ("kualitas", "Peserta didik tuntas", 85, "persen"),
        ],
    ),
    ("Terlaksananya penilaian hasil belajar", [("kuantitas", "Jumlah laporan hasil belajar", 2, "laporan")]),
]
RHK_TAMBAHAN = ("Menjadi narasumber kegiatan peningkatan kompetensi", [("kuantitas", "Jumlah kegiatan", 2, "kegiatan")])

LOG_KEGIATAN = [
    "Menyusun konsep surat dinas",
    "Mengolah data pegawai pada aplikasi",
    "Rapat koordinasi bidang",
    "Memverifikasi berkas usulan sekolah",
    "Menginput data dapodik",
    "Menyusun laporan bulanan",
    "Melayani konsultasi sekolah",
    "Mengarsipkan dokumen kegiatan",
    "Menyiapkan bahan paparan pimpinan",
    "Monitoring pelaksanaan kegiatan di sekolah",
]

REFLEKSI = (
    "Target utama tercapai; saya perlu lebih cepat menyelesaikan laporan dan akan mengikuti pelatihan pengelolaan data."
)
UMPAN_BALIK = [
    "Hasil kerja baik, pertahankan ketepatan waktunya.",
    "Lengkapi bukti dukung dengan notulen rapat.",
    "Perlu koordinasi lebih awal dengan sekolah.",
    "Sudah sesuai target, tingkatkan kualitas analisisnya.",
]
KOMENTAR_REKAN = [
    "Selalu siap membantu rekan kerja.",
    "Komunikatif dan tepat waktu.",
    "Bisa lebih proaktif dalam rapat.",
]


def _kepala_unit(p: Pegawai, unit_atasan: dict[int, int]) -> bool:
    return p.atasan_id is None or unit_atasan.get(p.atasan_id) != p.unit_id


def _templat(p: Pegawai, kepala: bool) -> list:
    nama_jabatan = p.jabatan.nama.lower()
    if "guru" in nama_jabatan:
        return RHK_GURU
    return RHK_PIMPINAN if kepala or p.jabatan.jenis in ("jpt", "administrator", "pengawas") else RHK_PELAKSANA


class _Demo:
    def __init__(self, *, actor, persona: dict[str, Pegawai], seed: int):
        self.rng = random.Random(seed + 4)
        self.actor = actor
        self.persona = persona
        self.hari_ini = timezone.localdate()
        self.tahun = self.hari_ini.year
        self.dibuat: dict[str, int] = {}

    def tambah(self, nama: str, n: int) -> None:
        if n:
            self.dibuat[nama] = self.dibuat.get(nama, 0) + n

    # --- SKP -------------------------------------------------------------------------------

    def skp(self, pegawai: list[Pegawai], tahun: int, status_khusus: dict[int, str] | None = None) -> dict[int, Skp]:
        """SKP of `tahun` for `pegawai` (supervisors before subordinates), cascaded."""
        status_khusus = status_khusus or {}
        unit_atasan = {p.pk: p.unit_id for p in pegawai}
        units = {u.pk: u for u in UnitKerja.objects.all()}
        sasaran: dict[int, list[SasaranUnit]] = {}
        for opd in UnitKerja.objects.filter(kode__in=OPD_DEMO):
            baris = [
                SasaranUnit(unit=opd, tahun=tahun, uraian=uraian, indikator=indikator)
                for uraian, indikator in SASARAN[opd.kode]
            ]
            sasaran[opd.pk] = SasaranUnit.objects.bulk_create(baris)
            self.tambah("sasaran unit", len(baris))
        hasil: dict[int, Skp] = {}
        rhk_utama: dict[int, list[RencanaHasilKerja]] = {}
        for p in sorted(pegawai, key=lambda x: x.jalur.count("/")):
            status = status_khusus.get(p.pk, Skp.Status.DISETUJUI)
            skp = Skp.objects.create(
                pegawai=p,
                tahun=tahun,
                unit_id=p.unit_id,
                jabatan_id=p.jabatan_id,
                atasan_id=p.atasan_id,
                status=status,
                diajukan_pada=timezone.now() if status != Skp.Status.DRAFT else None,
                disetujui_pada=timezone.now() if status == Skp.Status.DISETUJUI else None,
                disetujui_oleh_id=p.atasan_id if status == Skp.Status.DISETUJUI else None,
                catatan_pengembalian=(
                    "Indikator RHK kedua belum terukur; tambahkan target kuantitas." if status == "dikembalikan" else ""
                ),
            )
            hasil[p.pk] = skp
            kepala = _kepala_unit(p, unit_atasan)
            induk_rhk = rhk_utama.get(p.atasan_id, [])
            induk_sasaran = sasaran.get(units[p.unit_id].opd_id, [])
            unit_nama = units[p.unit_id].nama
            dibuat = []
            for i, (uraian, indikator) in enumerate(_templat(p, kepala)):
                rhk = RencanaHasilKerja(skp=skp, jenis="utama", uraian=uraian.format(unit=unit_nama), urutan=i)
                if induk_rhk:
                    rhk.rhk_atasan = induk_rhk[i % len(induk_rhk)]
                elif induk_sasaran:
                    rhk.sasaran_unit = induk_sasaran[i % len(induk_sasaran)]
                dibuat.append((rhk, indikator))
            if self.rng.random() < 0.3:
                uraian, indikator = RHK_TAMBAHAN
                dibuat.append((RencanaHasilKerja(skp=skp, jenis="tambahan", uraian=uraian, urutan=9), indikator))
            rhk_list = RencanaHasilKerja.objects.bulk_create([r for r, _ in dibuat])
            IndikatorKinerja.objects.bulk_create(
                IndikatorKinerja(rhk=rhk, aspek=a, uraian=u, target=Decimal(t), satuan=s, urutan=j)
                for rhk, (_, indikator) in zip(rhk_list, dibuat, strict=True)
                for j, (a, u, t, s) in enumerate(indikator)
            )
            rhk_utama[p.pk] = [r for r in rhk_list if r.jenis == "utama"]
        self.tambah("SKP", len(hasil))
        return hasil

    # --- periods and their data --------------------------------------------------------------

    def periode(self, nomor: int, status: str, **batas) -> Periode:
        from .rules import periode_nama, periode_tanggal

        mulai, selesai = periode_tanggal(self.tahun, "triwulan", nomor)
        periode = Periode.objects.create(
            tahun=self.tahun,
            jenis="triwulan",
            nomor=nomor,
            nama=periode_nama(self.tahun, "triwulan", nomor),
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            status=status,
            batas_penilaian_diri=batas.get("diri", selesai + dt.timedelta(days=7)),
            batas_penilaian_rekan=batas.get("rekan", selesai + dt.timedelta(days=10)),
            batas_penilaian_atasan=batas.get("atasan", selesai + dt.timedelta(days=14)),
            dibuat_oleh=self.actor,
            ditutup_pada=timezone.now() if status == Periode.Status.DITUTUP else None,
            ditutup_oleh=self.actor if status == Periode.Status.DITUTUP else None,
        )
        evaluasi_siapkan(periode=periode)
        self.tambah("periode penilaian", 1)
        return periode

    def realisasi(self, periode: Periode, skp_ids: list[int], *, sebagian: float = 1.0) -> list[Realisasi]:
        indikator = list(IndikatorKinerja.objects.filter(rhk__skp_id__in=skp_ids).select_related("rhk__skp"))
        baris = []
        for ind in indikator:
            if self.rng.random() > sebagian:
                continue
            per_triwulan = ind.target if ind.satuan in ("persen", "indeks") else ind.target / 4
            nilai = (per_triwulan * Decimal(self.rng.choice((0.8, 0.95, 1, 1, 1.05, 1.2)))).quantize(Decimal("0.01"))
            baris.append(
                Realisasi(
                    indikator=ind,
                    periode=periode,
                    nilai=nilai,
                    uraian=f"Capaian {periode.nama}: {nilai.normalize():f} {ind.satuan}.",
                )
            )
        baris = Realisasi.objects.bulk_create(baris)
        self.tambah("realisasi", len(baris))
        return baris

    def umpan_balik(self, realisasi: list[Realisasi], atasan_skp: dict[int, int | None]) -> None:
        baris = [
            UmpanBalik(realisasi=r, penulis_id=atasan_skp[r.indikator.rhk.skp_id], teks=self.rng.choice(UMPAN_BALIK))
            for r in realisasi
            if atasan_skp.get(r.indikator.rhk.skp_id) and self.rng.random() < 0.35
        ]
        UmpanBalik.objects.bulk_create(baris)
        self.tambah("umpan balik", len(baris))

    def nilai(
        self,
        ev: EvaluasiPegawai,
        *,
        hasil: str | None = None,
        perilaku: str | None = None,
        final=True,
        difinalkan: dt.datetime | None = None,
        diri=True,
    ) -> None:
        """Self-assessment (sent), per-RHK ratings and the supervisor's ratings."""
        hasil = hasil or self.rng.choices((A, S, B), (3, 6, 1))[0]
        perilaku = perilaku or self.rng.choices((A, S, B), (3, 6.5, 0.5))[0]
        rhk_ids = list(RencanaHasilKerja.objects.filter(skp_id=ev.skp_id).values_list("pk", flat=True))
        if diri:
            PenilaianDiriKinerja.objects.create(
                evaluasi=ev,
                rating_hasil=S,
                rating_perilaku=S,
                refleksi=REFLEKSI,
                status="terkirim",
                dikirim_pada=timezone.now(),
            )
        RatingRhk.objects.bulk_create(
            RatingRhk(evaluasi=ev, rhk_id=r, rating_diri=S if diri else "", rating_atasan=hasil if final else "")
            for r in rhk_ids
        )
        if final:
            ev.rating_hasil, ev.rating_perilaku = hasil, perilaku
            ev.predikat = predikat_dari(hasil, perilaku)
            ev.status = EvaluasiPegawai.Status.FINAL
            ev.umpan_balik = "Terima kasih atas kinerjanya; perhatikan umpan balik pada setiap RHK."
            ev.difinalkan_pada = difinalkan or timezone.now()
            ev.diterima_pada = ev.difinalkan_pada + dt.timedelta(days=2)
            ev.save()

    def rekan(
        self, ev: EvaluasiPegawai, penilai: list[Pegawai], *, terkirim: int, nilai_dasar: list[NilaiDasar]
    ) -> None:
        for i, p in enumerate(penilai):
            kirim = i < terkirim
            PenugasanRekanKinerja.objects.create(
                evaluasi=ev,
                penilai=p,
                status="terkirim" if kirim else "ditugaskan",
                dikirim_pada=timezone.now() if kirim else None,
                ditugaskan_oleh=self.actor,
            )
            if kirim:
                JawabanRekanKinerja.objects.bulk_create(
                    JawabanRekanKinerja(evaluasi=ev, nilai_dasar=n, skor=self.rng.choice((3, 4, 4, 5)))
                    for n in nilai_dasar
                )
                if self.rng.random() < 0.5:
                    KomentarRekanKinerja.objects.create(evaluasi=ev, teks=self.rng.choice(KOMENTAR_REKAN))
        if terkirim and terkirim == len(penilai):
            EvaluasiPegawai.objects.filter(pk=ev.pk).update(rekan_dibuka=True)

    def log(self, pegawai: list[Pegawai], skp: dict[int, Skp], *, hari: int, menunggu_dari: dt.date) -> None:
        rhk = {}
        for r in RencanaHasilKerja.objects.filter(skp__in=[s for s in skp.values()], jenis="utama"):
            rhk.setdefault(r.skp_id, []).append(r)
        baris = []
        for d in range(hari, 0, -1):
            tanggal = self.hari_ini - dt.timedelta(days=d)
            if tanggal.weekday() >= 5 or tanggal.year != self.tahun:
                continue
            for p in pegawai:
                pilihan = rhk.get(skp[p.pk].pk if p.pk in skp else None, [])
                sisa = self.rng.choice((360, 420, 450, 480))
                while sisa > 0:
                    menit = min(sisa, self.rng.choice((60, 90, 120, 150)))
                    sisa -= menit
                    status = (
                        "belum"
                        if tanggal >= menunggu_dari
                        else self.rng.choices(("disetujui", "revisi", "ditolak"), (30, 1, 0.3))[0]
                    )
                    baris.append(
                        LogHarian(
                            pegawai=p,
                            tanggal=tanggal,
                            uraian=self.rng.choice(LOG_KEGIATAN),
                            menit=menit,
                            rhk=self.rng.choice(pilihan) if pilihan else None,
                            status=status,
                            catatan_atasan="Lengkapi uraian hasilnya."
                            if status == "revisi"
                            else ("Bukan kegiatan jabatan." if status == "ditolak" else ""),
                            diperiksa_oleh_id=p.atasan_id if status != "belum" else None,
                            diperiksa_pada=timezone.now() if status != "belum" else None,
                        )
                    )
        LogHarian.objects.bulk_create(baris, batch_size=1000)
        self.tambah("log harian", len(baris))


@transaction.atomic
def evaluasi_demo(*, actor, persona: dict[str, Pegawai], seed: int) -> dict[str, int]:
    hari_ini = timezone.localdate()
    if Periode.objects.filter(tahun=hari_ini.year, jenis="triwulan", nomor=1).exists():
        return {}
    d = _Demo(actor=actor, persona=persona, seed=seed)
    budi, kabid, kadis = persona["pegawai"], persona["kabid"], persona["kadis"]
    kasi = budi.atasan
    pegawai = list(
        Pegawai.objects.filter(aktif=True, unit__opd__kode__in=OPD_DEMO).select_related("jabatan", "unit", "atasan")
    )
    skp = d.skp(pegawai, d.tahun)
    atasan_skp = {s.pk: s.atasan_id for s in skp.values()}
    skp_ids = [s.pk for s in skp.values()]
    nilai_dasar = list(NilaiDasar.objects.order_by("urutan"))

    # Ekspektasi khusus pimpinan from the kabid and the kasi for their direct subordinates.
    ekspektasi = []
    for p in pegawai:
        if p.atasan_id in (kabid.pk, kasi.pk):
            for n in nilai_dasar[:3]:
                ekspektasi.append(
                    EkspektasiKhusus(
                        skp=skp[p.pk],
                        nilai_dasar=n,
                        teks=f"Menunjukkan sikap {n.nama.lower()} dalam setiap layanan kepada sekolah.",
                        ditulis_oleh_id=kabid.user_id,
                    )
                )
    EkspektasiKhusus.objects.bulk_create(ekspektasi)

    triwulan_ini = (hari_ini.month - 1) // 3 + 1
    rekan_kasi = [p for p in pegawai if p.atasan_id == kasi.pk]
    # Peers: colleagues of the same bidang, never the atasan.
    sebidang = rekan_kasi + [
        p for p in pegawai if p.atasan_id and p.atasan.atasan_id == kabid.pk and p not in rekan_kasi
    ]

    def peers_untuk(p: Pegawai, n: int = 3) -> list[Pegawai]:
        return [q for q in sebidang if q.pk != p.pk][:n]

    for nomor in range(1, triwulan_ini):
        terakhir = nomor == triwulan_ini - 1
        if not terakhir:
            periode = d.periode(nomor, Periode.Status.DITUTUP)
        else:
            periode = d.periode(
                nomor,
                Periode.Status.PENILAIAN,
                diri=hari_ini + dt.timedelta(days=5),
                rekan=hari_ini + dt.timedelta(days=8),
                atasan=hari_ini + dt.timedelta(days=12),
            )
        realisasi = d.realisasi(periode, skp_ids)
        d.umpan_balik(realisasi, atasan_skp)
        evaluasi = {
            e.pegawai_id: e
            for e in EvaluasiPegawai.objects.filter(periode=periode, pegawai__in=pegawai, skp__isnull=False)
        }
        selesai = dt.datetime.combine(
            periode.tanggal_selesai + dt.timedelta(days=10), dt.time(10), tzinfo=timezone.get_current_timezone()
        )
        if not terakhir:
            for ev in evaluasi.values():
                if ev.penilai_id:
                    d.nilai(ev, difinalkan=selesai)
            for p in rekan_kasi:
                if p.pk in evaluasi:
                    d.rekan(evaluasi[p.pk], peers_untuk(p), terkirim=3, nilai_dasar=nilai_dasar)
            units = {ev.unit_id for ev in evaluasi.values()}
            PredikatOrganisasi.objects.bulk_create(
                PredikatOrganisasi(periode=periode, unit_id=u, predikat="baik", ditetapkan_oleh=actor) for u in units
            )
            continue
        # The quarter in assessment: the scenario around the demo logins.
        for ev in evaluasi.values():
            if ev.pegawai_id in (budi.pk, kabid.pk) or ev.penilai_id in (kabid.pk, kasi.pk):
                continue
            if ev.penilai_id and d.rng.random() < 0.6:
                d.nilai(ev, difinalkan=timezone.now() - dt.timedelta(days=d.rng.randint(1, 6)))
        bawahan_kabid = [p for p in pegawai if p.atasan_id == kabid.pk and p.pk in evaluasi]
        for i, p in enumerate(bawahan_kabid):
            # Self-assessments sent (but the last one's); the kabid's ratings are due.
            d.nilai(evaluasi[p.pk], final=False, diri=i < len(bawahan_kabid) - 1)
        if kabid.pk in evaluasi:
            d.nilai(evaluasi[kabid.pk], hasil=A, perilaku=S, difinalkan=timezone.now() - dt.timedelta(days=2))
        ev_budi = evaluasi[budi.pk]
        PenilaianDiriKinerja.objects.create(evaluasi=ev_budi, refleksi="(draf) Target dokumen tercapai, ")
        lain = [p for p in rekan_kasi if p.pk != budi.pk]
        d.rekan(ev_budi, peers_untuk(budi), terkirim=2, nilai_dasar=nilai_dasar)
        if lain:
            # Budi must rate his colleague; Dina's result is final and she objected.
            d.rekan(evaluasi[lain[-1].pk], [budi], terkirim=0, nilai_dasar=nilai_dasar)
            dina = evaluasi[lain[0].pk]
            d.nilai(dina, hasil=S, perilaku=B, difinalkan=timezone.now() - dt.timedelta(days=3))
            dina.refresh_from_db()
            Keberatan.objects.create(
                evaluasi=dina,
                alasan="Perilaku saya dinilai di bawah ekspektasi tanpa umpan balik sebelumnya; "
                "rekan kerja menilai saya kolaboratif (lihat hasil penilaian rekan).",
                pemutus_id=dina.atasan_penilai_id or kabid.pk,
                tanggapan_penilai="Dua kali terlambat menyerahkan laporan bulanan tanpa pemberitahuan.",
                rating_hasil_awal=dina.rating_hasil,
                rating_perilaku_awal=dina.rating_perilaku,
                predikat_awal=dina.predikat,
            )
            d.tambah("keberatan", 1)
        PredikatOrganisasi.objects.create(
            periode=periode,
            unit_id=kasi.unit_id,
            predikat="baik",
            ditetapkan_oleh=kabid.user,
            ditetapkan_oleh_pegawai=kabid,
        )

    # This quarter: running.
    periode_ini = d.periode(triwulan_ini, Periode.Status.BERJALAN)
    d.realisasi(periode_ini, skp_ids, sebagian=0.4)
    tim_log = [p for p in pegawai if p.atasan_id in (kabid.pk, kasi.pk) or p.pk in (kasi.pk, budi.pk)]
    d.log(
        tim_log,
        skp,
        hari=min(40, (hari_ini - periode_ini.tanggal_mulai).days),
        menunggu_dari=hari_ini - dt.timedelta(days=4),
    )

    # Next year's planning.
    berikut = {kadis.pk: Skp.Status.DISETUJUI, kabid.pk: Skp.Status.DISETUJUI, kasi.pk: Skp.Status.DIAJUKAN}
    kasi_lain = [p for p in pegawai if p.atasan_id == kabid.pk and p.pk != kasi.pk and "Seksi" in p.unit.nama]
    if kasi_lain:
        berikut[kasi_lain[0].pk] = Skp.Status.DIKEMBALIKAN
    rantai = [p for p in pegawai if p.pk in berikut]
    d.skp(rantai, d.tahun + 1, status_khusus=berikut)
    return d.dibuat
