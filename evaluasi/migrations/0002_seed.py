"""Seed data: the seven BerAKHLAK values with their 21 indicators (SE MenPANRB 20/2021), the
settings row with DOMAIN.md's defaults and the default distribution-curve rules. Inlined so
later code changes never alter what this migration wrote."""

from django.db import migrations

BERAKHLAK = [
    (
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        [
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ],
    ),
    (
        "akuntabel",
        "Akuntabel",
        [
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ],
    ),
    (
        "kompeten",
        "Kompeten",
        [
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ],
    ),
    (
        "harmonis",
        "Harmonis",
        [
            "Menghargai setiap orang apa pun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ],
    ),
    (
        "loyal",
        "Loyal",
        [
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
            "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ],
    ),
    (
        "adaptif",
        "Adaptif",
        [
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ],
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        [
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ],
    ),
]

KURVA = [
    ("istimewa", "maks", ["sangat_baik"], 70),
    ("baik", "maks", ["baik"], 70),
    ("baik", "ada", ["butuh_perbaikan", "kurang"], 0),
    ("butuh_perbaikan", "min", ["butuh_perbaikan"], 60),
    ("butuh_perbaikan", "maks", ["sangat_baik"], 10),
    ("kurang", "min", ["kurang"], 60),
    ("kurang", "min", ["butuh_perbaikan"], 10),
    ("kurang", "maks", ["sangat_baik"], 10),
    ("sangat_kurang", "min", ["sangat_kurang"], 60),
    ("sangat_kurang", "min", ["kurang", "butuh_perbaikan"], 10),
    ("sangat_kurang", "maks", ["sangat_baik"], 0),
]


def seed(apps, schema_editor):
    NilaiDasar = apps.get_model("evaluasi", "NilaiDasar")
    IndikatorNilaiDasar = apps.get_model("evaluasi", "IndikatorNilaiDasar")
    PengaturanKinerja = apps.get_model("evaluasi", "PengaturanKinerja")
    AturanKurva = apps.get_model("evaluasi", "AturanKurva")
    for urutan, (kode, nama, indikator) in enumerate(BERAKHLAK, start=1):
        nilai, _ = NilaiDasar.objects.update_or_create(kode=kode, defaults={"nama": nama, "urutan": urutan})
        for i, uraian in enumerate(indikator, start=1):
            IndikatorNilaiDasar.objects.update_or_create(nilai_dasar=nilai, urutan=i, defaults={"uraian": uraian})
    PengaturanKinerja.objects.get_or_create(pk=1, defaults={"jenis_periode": ["triwulan", "tahunan"]})
    if not AturanKurva.objects.exists():
        AturanKurva.objects.bulk_create(
            AturanKurva(predikat_organisasi=org, jenis=jenis, predikat=predikat, persen=persen, urutan=i)
            for i, (org, jenis, predikat, persen) in enumerate(KURVA)
        )


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
