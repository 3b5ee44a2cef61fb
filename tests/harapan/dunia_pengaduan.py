"""The pengaduan objects of the access matrix's `dunia` (tests/test_access_matrix.py).

- `aduan`: a complaint about OPD A (anonim), disposed to `atasan` as the responsible officer;
  `aduanlain`-style objects for OPD B are in `objek_lain`;
- `buktiaduan`: the complainant's evidence file of that case;
- `layanan`: a surveyed service (LayananSkm) of OPD A with a few answers;
- `libur`: a holiday in the calendar.
`petugas` is a BKD complaint officer (all OPD). Public routes take the tracking code or the
survey's public code (`lacak`, `survei`).

URL names pick their object by the first word of the name: pengaduan:aduan-detail -> "aduan".
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Route prefixes whose objects belong to one OPD (admin_opd gets 404 for OPD B's).
PREFIX_PENGADUAN_OPD = ("aduan", "buktiaduan", "layanan")


def _bukti(pengaduan):
    from pengaduan.models import BuktiPengaduan

    bukti = BuktiPengaduan(pengaduan=pengaduan, nama_berkas="bukti.pdf", jenis_mime="application/pdf", ukuran=len(PDF))
    bukti.berkas.save("bukti.pdf", ContentFile(PDF), save=False)
    bukti.save()
    return bukti


def dunia_pengaduan(persona: dict, opd_a, opd_b) -> dict:
    from pengaduan.models import HariLibur, Privasi
    from pengaduan.tests.factories import LayananSkmFactory, PengaduanFactory, ResponSkmFactory

    sekarang = timezone.now()
    aduan = PengaduanFactory(
        opd=opd_a,
        privasi=Privasi.ANONIM,
        status="didisposisikan",
        kompleksitas="biasa",
        terverifikasi_pada=sekarang,
        didisposisikan_pada=sekarang,
        unit_tujuan=opd_a,
        petugas_tindak=persona["atasan"],
        batas_tanggapan=timezone.localdate() + dt.timedelta(days=7),
        batas_selesai=timezone.localdate() + dt.timedelta(days=20),
    )
    aduan_lain = PengaduanFactory(opd=opd_b)
    layanan = LayananSkmFactory(unit=opd_a)
    layanan_lain = LayananSkmFactory(unit=opd_b)
    for _ in range(3):
        ResponSkmFactory(layanan=layanan)
    libur = HariLibur.objects.create(tanggal=dt.date(timezone.localdate().year, 12, 31), nama="Libur daerah uji")
    return {
        "objek": {
            "aduan": aduan.pk,
            "buktiaduan": _bukti(aduan).pk,
            "layanan": layanan.pk,
            "libur": libur.pk,
            "lacak": aduan.kode,
            "survei": layanan.kode_publik,
        },
        "objek_lain": {"aduan": aduan_lain.pk, "buktiaduan": _bukti(aduan_lain).pk, "layanan": layanan_lain.pk},
    }


def potret_pengaduan() -> dict:
    """What a refused POST must leave unchanged."""
    from pengaduan.models import (
        AturanSla,
        BuktiPengaduan,
        HariLibur,
        IdentitasPelapor,
        LayananSkm,
        Pengaduan,
        PengaturanPengaduan,
        ResponSkm,
        RiwayatPengaduan,
    )

    return {
        "pengaduan": list(
            Pengaduan.objects.order_by("pk").values_list(
                "pk", "status", "privasi", "unit_tujuan_id", "petugas_tindak_id", "pegawai_terlapor_id", "nilai_warga"
            )
        ),
        "identitas": list(IdentitasPelapor.objects.order_by("pk").values_list("pk", "nama", "email")),
        "riwayat_pengaduan": RiwayatPengaduan.objects.count(),
        "bukti_pengaduan": BuktiPengaduan.objects.count(),
        "layanan_skm": list(LayananSkm.objects.order_by("pk").values_list("pk", "nama", "populasi", "aktif")),
        "respon_skm": ResponSkm.objects.count(),
        "libur": list(HariLibur.objects.order_by("pk").values_list("pk", "tanggal", "nama")),
        "sla": list(AturanSla.objects.order_by("pk").values_list("pk", "hari_verifikasi", "hari_selesai_biasa")),
        "pengaturan_pengaduan": list(PengaturanPengaduan.objects.values_list("pk", "buka_kembali_hari")),
    }
