"""Demo citizen-voice data for `manage.py demo_data` (idempotent: every demo complaint and
survey answer carries a fixed token, so a second run writes nothing).

- Five surveyed services (Disdukcapil, Dinas Perhubungan, Kecamatan Sukamaju Utara, Dinas
  Pendidikan) with answers spread over this year, of different quality (bands A to C), with
  skipped elements and suggestions.
- About sixty closed complaints of the last months across OPD (some late, most rated) so the
  dashboard, the metrics and the on-time rate have something to show; they are written the way
  the services leave them (timeline, due dates from the holiday calendar).
- Live cases made through the services, as the officers would: one new anonymous complaint
  about a Disdik officer waiting for verification; one disposed to the demo Kepala Seksi
  (Indah Wibowo) as the responsible officer; one being followed up; one just completed that
  the citizen can still rate or reopen, with a fixed tracking code and key (DEMO_LACAK).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import transaction
from django.utils import timezone

from pegawai.models import UnitKerja

from .lacak import kunci_hash
from .models import (
    STATUS_TERBUKA,
    IdentitasPelapor,
    Kelas,
    Kompleksitas,
    LayananSkm,
    Pengaduan,
    Privasi,
    ResponSkm,
    RiwayatPengaduan,
    StatusPengaduan,
)
from .services.kalender import batas_hitung, hari_kerja_hitung

_RUANG = uuid.UUID("6f1c3a52-8d7e-4b1f-9a57-2c0d6e4b7a10")
# The tracking code and key of the completed demo case (printed by demo_data).
DEMO_LACAK = ("ADU-WARG-A234", "DEMO-KUNCI-WARGA")

LAYANAN = (
    # unit kode, nama, populasi, profil mutu (probabilities of 1..4)
    ("DUKCAPIL-DAFDUK-ID", "Perekaman dan pencetakan KTP-el", 4000, (0.02, 0.08, 0.45, 0.45)),
    ("DUKCAPIL-CAPIL-LM", "Penerbitan akta kelahiran", 1500, (0.01, 0.04, 0.35, 0.60)),
    ("DISHUB-ANGKUTAN", "Uji berkala kendaraan (KIR)", 900, (0.06, 0.22, 0.52, 0.20)),
    ("KEC-SKU", "Pelayanan administrasi terpadu kecamatan", 1200, (0.04, 0.12, 0.54, 0.30)),
    ("DISDIK", "Legalisir ijazah dan surat keterangan", 600, (0.10, 0.30, 0.45, 0.15)),
)
SARAN = (
    "Antrean sebaiknya memakai nomor daring.",
    "Ruang tunggu panas, mohon ditambah kipas.",
    "Petugas ramah dan cepat, terima kasih.",
    "Informasi persyaratan di papan kurang jelas.",
    "Mohon loket dibuka tepat waktu.",
    "Parkir sempit.",
)
JUDUL = (
    ("DUKCAPIL", Kelas.PENGADUAN, "KTP-el belum jadi setelah dua bulan"),
    ("DUKCAPIL", Kelas.INFORMASI, "Syarat akta kelahiran untuk anak lahir di luar kota"),
    ("DISHUB", Kelas.PENGADUAN, "Antrean uji KIR sangat panjang"),
    ("DISHUB", Kelas.ASPIRASI, "Usul rambu di simpang pasar"),
    ("KEC-SKU", Kelas.PENGADUAN, "Surat pengantar tidak dilayani pada jam kerja"),
    ("DISDIK", Kelas.PENGADUAN, "Pungutan saat legalisir ijazah"),
    ("DINKES", Kelas.PENGADUAN, "Obat di puskesmas sering kosong"),
    ("DINSOS", Kelas.INFORMASI, "Cara mendaftar bantuan sosial"),
)
NAMA_WARGA = ("Ahmad Fauzi", "Siti Rohmah", "Bambang Irawan", "Yuni Kartika", "Dedi Kurnia", "Wati Suryani")


def _token(nama: str) -> uuid.UUID:
    return uuid.uuid5(_RUANG, nama)


def _skm(rng: random.Random, hari_ini: dt.date) -> int:
    units = {u.kode: u for u in UnitKerja.objects.filter(kode__in=[x[0] for x in LAYANAN])}
    awal_tahun = dt.date(hari_ini.year, 1, 1)
    hari = max((hari_ini - awal_tahun).days, 1)
    ada = set(
        ResponSkm.objects.filter(token_kirim__in=[_token(f"skm-{i}-0") for i in range(len(LAYANAN))]).values_list(
            "layanan__unit__kode", flat=True
        )
    )
    baris = []
    for i, (kode, nama, populasi, profil) in enumerate(LAYANAN):
        unit = units.get(kode)
        if unit is None or kode in ada:
            continue
        layanan, _ = LayananSkm.objects.get_or_create(unit=unit, nama=nama, defaults={"populasi": populasi})
        for j in range(rng.randint(90, 180)):
            jawaban = [rng.choices((1, 2, 3, 4), weights=profil)[0] for _ in range(9)]
            if rng.random() < 0.15:
                jawaban[3] = None  # some skip "Biaya/Tarif" for a free service
            waktu = timezone.make_aware(
                dt.datetime.combine(
                    awal_tahun + dt.timedelta(days=rng.randrange(hari)),
                    dt.time(8 + rng.randrange(7), rng.randrange(60)),
                )
            )
            baris.append(
                ResponSkm(
                    layanan=layanan,
                    **{f"u{k + 1}": v for k, v in enumerate(jawaban)},
                    usia=rng.choice(ResponSkm.Usia.values),
                    jenis_kelamin=rng.choice(ResponSkm.JenisKelamin.values),
                    pendidikan=rng.choice(ResponSkm.Pendidikan.values),
                    pekerjaan=rng.choice(ResponSkm.Pekerjaan.values),
                    saran=rng.choice(SARAN) if rng.random() < 0.2 else "",
                    token_kirim=_token(f"skm-{i}-{j}"),
                    created_at=waktu,
                )
            )
    ResponSkm.objects.bulk_create(baris, ignore_conflicts=True)
    return len(baris)


def _arsip(rng: random.Random, hari_ini: dt.date, actor) -> int:
    """Closed complaints of the last five months, written as the services leave them."""
    if Pengaduan.objects.filter(token_kirim=_token("arsip-0")).exists():
        return 0
    opd = {u.kode: u for u in UnitKerja.objects.filter(kode__in={j[0] for j in JUDUL})}
    dibuat = 0
    for i in range(60):
        kode_opd, kelas, judul = JUDUL[i % len(JUDUL)]
        if kode_opd not in opd:
            continue
        diterima = hari_ini - dt.timedelta(days=rng.randint(20, 150))
        kompleksitas = (
            Kompleksitas.SEDERHANA
            if kelas == Kelas.INFORMASI
            else rng.choice([Kompleksitas.BIASA, Kompleksitas.BIASA, Kompleksitas.LAPANGAN])
        )
        sla_selesai = {Kompleksitas.SEDERHANA: 5, Kompleksitas.BIASA: 14, Kompleksitas.LAPANGAN: 60}[kompleksitas]
        diverifikasi = batas_hitung(diterima, rng.randint(1, 3))
        disposisi = batas_hitung(diverifikasi, 1)
        batas_selesai = batas_hitung(diverifikasi, sla_selesai)
        terlambat = rng.random() < 0.2
        selesai = (
            batas_hitung(batas_selesai, rng.randint(1, 6))
            if terlambat
            else batas_hitung(diverifikasi, rng.randint(2, sla_selesai))
        )
        if selesai >= hari_ini:
            selesai = hari_ini - dt.timedelta(days=1)

        def jam(tanggal, h=9):
            return timezone.make_aware(dt.datetime.combine(tanggal, dt.time(h, rng.randrange(60))))

        p = Pengaduan.objects.create(
            kode=f"ADU-{''.join(rng.choice('23456789ABCDEFGHJKMNPQRSTUVWXYZ') for _ in range(4))}-{''.join(rng.choice('23456789ABCDEFGHJKMNPQRSTUVWXYZ') for _ in range(4))}",
            kunci_hash=kunci_hash(uuid.uuid4().hex),
            token_kirim=_token(f"arsip-{i}"),
            kelas=kelas,
            opd=opd[kode_opd],
            judul=judul,
            uraian="Laporan warga (data demo).",
            tanggal_layanan=diterima - dt.timedelta(days=rng.randint(0, 10)),
            privasi=rng.choice([Privasi.BIASA, Privasi.BIASA, Privasi.ANONIM, Privasi.RAHASIA]),
            status=StatusPengaduan.SELESAI,
            kompleksitas=kompleksitas,
            diterima_pada=jam(diterima, 8),
            terverifikasi_pada=jam(diverifikasi),
            didisposisikan_pada=jam(disposisi),
            ditanggapi_pada=jam(disposisi, 14),
            selesai_pada=jam(selesai, 15),
            batas_verifikasi=batas_hitung(diterima, 3),
            batas_tanggapan=batas_hitung(disposisi, 5),
            batas_selesai=batas_selesai,
            hari_kerja_selesai=hari_kerja_hitung(diterima, selesai),
            unit_tujuan=opd[kode_opd],
            diverifikasi_oleh=actor,
            nilai_warga=rng.choice([3, 4, 4, 5, 5, 2]) if rng.random() < 0.7 else None,
        )
        IdentitasPelapor.objects.create(
            pengaduan=p,
            nama=rng.choice(NAMA_WARGA),
            email=f"warga{i}@contoh.id",
            telepon=f"0812{rng.randrange(10**7, 10**8)}",
        )
        RiwayatPengaduan.objects.bulk_create(
            [
                RiwayatPengaduan(pengaduan=p, jenis="status", status_ke="baru", publik=True, isi="Pengaduan diterima."),
                RiwayatPengaduan(
                    pengaduan=p, jenis="status", status_dari="baru", status_ke="terverifikasi", publik=True, oleh=actor
                ),
                RiwayatPengaduan(
                    pengaduan=p,
                    jenis="status",
                    status_dari="terverifikasi",
                    status_ke="didisposisikan",
                    publik=True,
                    oleh=actor,
                ),
                RiwayatPengaduan(
                    pengaduan=p,
                    jenis="tanggapan",
                    status_dari="didisposisikan",
                    status_ke="ditindaklanjuti",
                    publik=True,
                    oleh=actor,
                    isi="Laporan sedang kami tindak lanjuti.",
                ),
                RiwayatPengaduan(
                    pengaduan=p,
                    jenis="status",
                    status_dari="ditindaklanjuti",
                    status_ke="selesai",
                    publik=True,
                    oleh=actor,
                    isi="Permasalahan telah diselesaikan.",
                ),
            ]
        )
        dibuat += 1
    return dibuat


def _langsung(persona: dict, actor) -> int:
    """Live cases through the services, as officers and citizens would make them."""
    from .services.alur import pengaduan_disposisi, pengaduan_selesai, pengaduan_tanggapi, pengaduan_verifikasi
    from .services.publik import pengaduan_buat

    if Pengaduan.objects.filter(token_kirim=_token("langsung-0")).exists():
        return 0
    disdik = UnitKerja.objects.get(kode="DISDIK")
    kasi = persona["kasi"]
    hari_ini = timezone.localdate()

    def buat(i, **kw):
        data = dict(
            kelas=Kelas.PENGADUAN,
            opd_id=disdik.pk,
            uraian="Saat mengurus legalisir ijazah di loket, saya diminta membayar Rp50.000 tanpa kuitansi.",
            tanggal_layanan=hari_ini - dt.timedelta(days=4),
            privasi=Privasi.BIASA,
            nama=NAMA_WARGA[i % len(NAMA_WARGA)],
            telepon="081234567890",
            harapan="Pungutan dihentikan dan uang dikembalikan.",
            token_kirim=_token(f"langsung-{i}"),
        )
        data.update(kw)
        return pengaduan_buat(**data)[0]

    baru = buat(
        0, judul="Pungutan saat legalisir ijazah", privasi=Privasi.ANONIM, nama_terlapor="petugas loket legalisir"
    )
    didisposisikan = buat(1, judul="Jadwal penerimaan peserta didik tidak diumumkan", kelas=Kelas.INFORMASI)
    diproses = buat(2, judul="Sekolah menahan ijazah karena tunggakan", privasi=Privasi.RAHASIA)
    selesai = buat(3, judul="Kartu pelajar belum dibagikan")
    for p, kompleksitas in (
        (didisposisikan, Kompleksitas.SEDERHANA),
        (diproses, Kompleksitas.BIASA),
        (selesai, Kompleksitas.SEDERHANA),
    ):
        pengaduan_verifikasi(pengaduan_id=p.pk, actor=actor, kompleksitas=kompleksitas)
        pengaduan_disposisi(
            pengaduan_id=p.pk, actor=actor, unit_id=kasi.unit_id, petugas_id=kasi.pk, catatan="Mohon ditindaklanjuti."
        )
    pengaduan_tanggapi(
        pengaduan_id=diproses.pk,
        actor=kasi.user,
        isi="Kami sedang memanggil kepala sekolah untuk klarifikasi.",
        publik=True,
    )
    pengaduan_tanggapi(
        pengaduan_id=selesai.pk,
        actor=kasi.user,
        isi="Kartu pelajar sudah dicetak dan dibagikan lewat wali kelas.",
        publik=True,
    )
    pengaduan_selesai(
        pengaduan_id=selesai.pk,
        actor=actor,
        isi_penutup="Kartu pelajar telah diterima siswa. Terima kasih atas laporannya.",
    )
    kode, kunci = DEMO_LACAK
    Pengaduan.objects.filter(pk=selesai.pk).update(kode=kode, kunci_hash=kunci_hash(kunci))
    assert baru.status in STATUS_TERBUKA
    return 4


def pengaduan_demo(*, persona: dict, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    hari_ini = timezone.localdate()
    actor = persona["petugas"].user
    with transaction.atomic():
        hasil = {"respons SKM": _skm(rng, hari_ini), "pengaduan arsip": _arsip(rng, hari_ini, actor)}
        hasil["pengaduan berjalan"] = _langsung(persona, actor)
    return {k: v for k, v in hasil.items() if v}
