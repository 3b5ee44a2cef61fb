"""The development programmes shipped with the product (the catalogue of issue 3).

Names and organisers are typical of what a Pemda's BKD offers (BPSDM of the province, the LMS
of ASN, its own sector offices). Every manajerial competency, Perekat Bangsa and each sample
teknis competency has programmes at the levels the default standards ask for (2 Pengawas,
3 Administrator, 4 JPT), so a negative gap always has a recommendation. Hours (JP) follow the
usual size of each kind: e-learning 2 to 8, coaching and mentoring 4 to 12, courses 12 to 24,
classroom training 16 to 40, secondment 40 or more. The leadership trainings (PKP, PKA, PKN II)
are listed with their classroom part only.

Loaded by `kompetensi.services.pengembangan.program_seed_load`: missing programmes are created
by `kode`; an existing one (edited or deactivated by Admin BKD) is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

PELATIHAN, KURSUS, COACHING, MENTORING, E_LEARNING, DETASERING = (
    "pelatihan",
    "kursus",
    "coaching",
    "mentoring",
    "e_learning",
    "detasering",
)


@dataclass(frozen=True)
class ProgramSeed:
    kode: str
    nama: str
    jenis: str
    jp: int
    penyelenggara: str
    deskripsi: str
    # (competency kode, target level)
    sasaran: tuple[tuple[str, int], ...]


BPSDM = "BPSDM Provinsi"
LMS = "BKD melalui LMS ASN"
BKD = "Badan Kepegawaian Daerah"

PROGRAM_SEED: tuple[ProgramSeed, ...] = (
    # --- leadership (manajerial, several competencies at once)
    ProgramSeed(
        "PRG-PKP",
        "Pelatihan Kepemimpinan Pengawas (PKP)",
        PELATIHAN,
        40,
        BPSDM,
        "Tahap klasikal pelatihan kepemimpinan bagi pejabat pengawas: memimpin tim kecil, mengelola "
        "kinerja, dan mengambil keputusan operasional.",
        (("M.2", 2), ("M.4", 2), ("M.6", 2), ("M.8", 2)),
    ),
    ProgramSeed(
        "PRG-PKA",
        "Pelatihan Kepemimpinan Administrator (PKA)",
        PELATIHAN,
        40,
        BPSDM,
        "Tahap klasikal pelatihan kepemimpinan bagi pejabat administrator: memimpin perubahan dan "
        "memastikan hasil kerja unit yang dipimpin.",
        (("M.4", 3), ("M.6", 3), ("M.7", 3), ("M.8", 3)),
    ),
    ProgramSeed(
        "PRG-PKN2",
        "Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)",
        PELATIHAN,
        40,
        "Lembaga Administrasi Negara",
        "Tahap klasikal pelatihan kepemimpinan bagi pejabat pimpinan tinggi pratama: kepemimpinan "
        "strategis dan kolaborasi lintas organisasi.",
        (("M.2", 4), ("M.3", 4), ("M.4", 4), ("M.5", 4), ("M.6", 4), ("M.7", 4), ("M.8", 4)),
    ),
    # --- integrity
    ProgramSeed(
        "PRG-EL-INTEGRITAS",
        "E-learning Integritas ASN",
        E_LEARNING,
        4,
        LMS,
        "Kode etik dan disiplin ASN, konflik kepentingan, dan menolak gratifikasi dalam pekerjaan sehari-hari.",
        (("M.1", 2),),
    ),
    ProgramSeed(
        "PRG-EL-ANTIKORUPSI",
        "E-learning Pencegahan Korupsi dan Pengendalian Gratifikasi",
        E_LEARNING,
        8,
        LMS,
        "Titik rawan korupsi dalam proses kerja unit, pengendalian intern, dan pelaporan gratifikasi.",
        (("M.1", 3),),
    ),
    ProgramSeed(
        "PRG-DET-INSPEKTORAT",
        "Detasering ke Inspektorat Daerah",
        DETASERING,
        80,
        "Inspektorat Daerah",
        "Penugasan sementara di Inspektorat Daerah untuk terlibat dalam reviu, evaluasi SPIP, dan "
        "pembangunan zona integritas.",
        (("M.1", 4), ("M.8", 3)),
    ),
    # --- collaboration, communication, results
    ProgramSeed(
        "PRG-KUR-KOLABORASI",
        "Kursus Kolaborasi dan Kerja Tim Lintas Unit",
        KURSUS,
        16,
        BPSDM,
        "Membangun kerja sama antarunit dan antarperangkat daerah, membagi peran, dan menyelesaikan konflik.",
        (("M.2", 3),),
    ),
    ProgramSeed(
        "PRG-COA-KOMUNIKASI",
        "Coaching Komunikasi Efektif",
        COACHING,
        8,
        BKD,
        "Sesi coaching satu per satu: menyampaikan pesan dengan jelas, mendengar aktif, dan memberi umpan balik.",
        (("M.3", 2),),
    ),
    ProgramSeed(
        "PRG-KUR-KOMPUBLIK",
        "Kursus Komunikasi Publik dan Kehumasan Pemerintah",
        KURSUS,
        20,
        "Dinas Komunikasi dan Informatika",
        "Menyusun pesan publik, menghadapi media, dan mengelola informasi layanan bagi masyarakat.",
        (("M.3", 3),),
    ),
    ProgramSeed(
        "PRG-COA-KEPUTUSAN",
        "Coaching Pengambilan Keputusan Berbasis Data",
        COACHING,
        12,
        BKD,
        "Mengolah data kinerja unit, menimbang risiko, dan mengambil keputusan yang dapat dipertanggungjawabkan.",
        (("M.4", 3), ("M.8", 3)),
    ),
    ProgramSeed(
        "PRG-MEN-PERUBAHAN",
        "Mentoring Agen Perubahan Reformasi Birokrasi",
        MENTORING,
        8,
        BKD,
        "Pendampingan oleh pejabat senior untuk menjalankan satu inovasi kecil di unit kerja.",
        (("M.7", 2), ("M.6", 2)),
    ),
    # --- public service
    ProgramSeed(
        "PRG-MEN-YANLIK",
        "Mentoring Pelayanan Publik",
        MENTORING,
        10,
        "Bagian Organisasi Sekretariat Daerah",
        "Pendampingan di loket layanan: standar pelayanan, maklumat, dan penanganan keluhan warga.",
        (("M.5", 2),),
    ),
    ProgramSeed(
        "PRG-PEL-PRIMA",
        "Pelatihan Pelayanan Prima",
        PELATIHAN,
        24,
        BPSDM,
        "Merancang dan mengukur standar pelayanan unit, survei kepuasan masyarakat, dan perbaikan berkelanjutan.",
        (("M.5", 3),),
    ),
    # --- sosial kultural
    ProgramSeed(
        "PRG-EL-KEBANGSAAN",
        "E-learning Wawasan Kebangsaan dan Moderasi Beragama",
        E_LEARNING,
        4,
        LMS,
        "Nilai kebangsaan, menghargai keberagaman, dan bersikap netral dalam melayani semua golongan.",
        (("SK.1", 2),),
    ),
    ProgramSeed(
        "PRG-PEL-HARMONI",
        "Pelatihan Harmoni Keberagaman di Lingkungan Kerja",
        PELATIHAN,
        16,
        "Badan Kesatuan Bangsa dan Politik",
        "Mengelola tim yang beragam, mencegah diskriminasi, dan menjadi perekat di unit kerja dan masyarakat.",
        (("SK.1", 3),),
    ),
    # --- education
    ProgramSeed(
        "PRG-PEL-KURMER",
        "Pelatihan Implementasi Kurikulum Merdeka",
        PELATIHAN,
        32,
        "Balai Guru Penggerak",
        "Merancang alur tujuan pembelajaran, pembelajaran berdiferensiasi, dan projek penguatan profil pelajar.",
        (("T.GURU.1", 3),),
    ),
    ProgramSeed(
        "PRG-MEN-GURU",
        "Mentoring Guru Penggerak",
        MENTORING,
        12,
        "Dinas Pendidikan",
        "Pendampingan oleh pengajar praktik untuk memimpin komunitas belajar guru di sekolah.",
        (("T.GURU.1", 4), ("M.6", 3)),
    ),
    ProgramSeed(
        "PRG-EL-ASESMEN",
        "E-learning Asesmen Pembelajaran",
        E_LEARNING,
        6,
        LMS,
        "Asesmen diagnostik, formatif, dan sumatif, serta mengolah hasilnya untuk tindak lanjut pembelajaran.",
        (("T.GURU.2", 2),),
    ),
    ProgramSeed(
        "PRG-KUR-ASESMEN",
        "Kursus Penyusunan Instrumen Penilaian Hasil Belajar",
        KURSUS,
        20,
        "Dinas Pendidikan",
        "Menyusun kisi-kisi dan butir soal, rubrik penilaian, dan analisis butir soal.",
        (("T.GURU.2", 3),),
    ),
    # --- health
    ProgramSeed(
        "PRG-EL-SPMKES",
        "E-learning Standar Pelayanan Minimal Bidang Kesehatan",
        E_LEARNING,
        6,
        LMS,
        "Dua belas indikator SPM kesehatan dan pencatatan layanan di puskesmas.",
        (("T.KES.1", 2),),
    ),
    ProgramSeed(
        "PRG-PEL-PUSKESMAS",
        "Pelatihan Manajemen Pelayanan Kesehatan Dasar di Puskesmas",
        PELATIHAN,
        30,
        "Dinas Kesehatan",
        "Perencanaan tingkat puskesmas, lokakarya mini, dan mutu layanan kesehatan dasar.",
        (("T.KES.1", 3),),
    ),
    ProgramSeed(
        "PRG-COA-ASKEP",
        "Coaching Klinis Asuhan Keperawatan",
        COACHING,
        12,
        "Dinas Kesehatan",
        "Pendampingan di ruang layanan: pengkajian, diagnosis, dan dokumentasi asuhan keperawatan.",
        (("T.KES.2", 2),),
    ),
    ProgramSeed(
        "PRG-PEL-BTCLS",
        "Pelatihan Basic Trauma and Cardiac Life Support (BTCLS)",
        PELATIHAN,
        40,
        "Dinas Kesehatan",
        "Penanganan kegawatdaruratan trauma dan jantung bagi perawat dan bidan.",
        (("T.KES.2", 3), ("T.KES.1", 2)),
    ),
    # --- population administration
    ProgramSeed(
        "PRG-KUR-ADMINDUK",
        "Kursus Pelayanan Administrasi Kependudukan dan SIAK",
        KURSUS,
        16,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Persyaratan dan alur dokumen kependudukan, verifikasi berkas, dan penggunaan SIAK.",
        (("T.DUK.1", 2),),
    ),
    ProgramSeed(
        "PRG-DET-DUKCAPIL",
        "Detasering ke Dinas Kependudukan dan Pencatatan Sipil",
        DETASERING,
        80,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Penugasan sementara di front office Disdukcapil untuk memperdalam layanan dan verifikasi dokumen.",
        (("T.DUK.1", 3), ("M.5", 3)),
    ),
    # --- finance
    ProgramSeed(
        "PRG-KUR-KEUDA",
        "Kursus Pengelolaan Keuangan Daerah",
        KURSUS,
        24,
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Siklus APBD, penatausahaan, akuntansi, dan pertanggungjawaban keuangan daerah.",
        (("T.KEU.1", 2),),
    ),
    ProgramSeed(
        "PRG-PEL-ANGGARAN",
        "Pelatihan Perencanaan dan Penganggaran Daerah",
        PELATIHAN,
        30,
        BPSDM,
        "Menyusun rencana kerja dan anggaran perangkat daerah yang selaras dengan kinerja.",
        (("T.KEU.1", 3), ("M.4", 2)),
    ),
    ProgramSeed(
        "PRG-DET-BPKAD",
        "Detasering ke Badan Pengelolaan Keuangan dan Aset Daerah",
        DETASERING,
        120,
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Penugasan sementara di BPKAD dalam penyusunan APBD dan laporan keuangan pemerintah daerah.",
        (("T.KEU.1", 4), ("T.KEU.2", 3)),
    ),
    ProgramSeed(
        "PRG-EL-SIPD",
        "E-learning Penatausahaan Keuangan pada SIPD",
        E_LEARNING,
        8,
        LMS,
        "Mencatat SPP, SPM, dan pertanggungjawaban bendahara di Sistem Informasi Pemerintahan Daerah.",
        (("T.KEU.2", 2),),
    ),
    ProgramSeed(
        "PRG-PEL-BENDAHARA",
        "Pelatihan Bendahara Pengeluaran",
        PELATIHAN,
        32,
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Tugas bendahara, buku kas, pajak, dan pertanggungjawaban fungsional; bersertifikat bendahara.",
        (("T.KEU.2", 3),),
    ),
)
