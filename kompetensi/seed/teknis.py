"""Sample teknis competencies for the positions of the demo Pemda.

Each sector writes its own technical dictionary; these examples (education, health,
population administration, regional finance) show the shape: five levels from doing the work
oneself to setting the sector's policy, three tagged indicators per level. Admin BKD can edit
them or import more from Excel.
"""

from __future__ import annotations

from .struktur import K, KompetensiSeed, L, P, S

TEKNIS = "teknis"

TEKNIS_SEED: tuple[KompetensiSeed, ...] = (
    KompetensiSeed(
        "T.GURU.1",
        "Pengelolaan Pembelajaran",
        TEKNIS,
        1,
        "Merencanakan, melaksanakan, dan mengevaluasi pembelajaran yang berpusat pada peserta "
        "didik sesuai kurikulum yang berlaku.",
        (
            L(
                1,
                "Melaksanakan pembelajaran di kelasnya sesuai rencana dan kurikulum.",
                P("Memahami kurikulum, capaian pembelajaran, dan karakteristik peserta didik di kelasnya."),
                K("Menyusun modul ajar atau rencana pelaksanaan pembelajaran untuk setiap pertemuan."),
                S("Memperlakukan setiap peserta didik dengan adil dan sabar."),
            ),
            L(
                2,
                "Menerapkan pembelajaran yang beragam dan membantu rekan guru memperbaiki praktik mengajar.",
                K("Menggunakan metode dan media pembelajaran yang sesuai dengan kebutuhan peserta didik."),
                K("Berbagi perangkat ajar dan praktik baik dengan rekan di kelompok kerja guru."),
                P("Memahami pembelajaran berdiferensiasi dan cara menerapkannya."),
            ),
            L(
                3,
                "Memastikan mutu pembelajaran di satuan pendidikan atau rumpun mata pelajaran yang dikoordinasikannya.",
                K("Melakukan supervisi akademik dan memberi umpan balik kepada guru."),
                P("Menguasai pengembangan kurikulum operasional satuan pendidikan."),
                S("Mendorong guru untuk terus berinovasi dalam pembelajaran."),
            ),
            L(
                4,
                "Mengembangkan model pembelajaran yang diterapkan di banyak satuan pendidikan.",
                K("Merancang dan menguji model pembelajaran baru melalui penelitian tindakan."),
                K("Melatih guru dari berbagai sekolah dalam menerapkan model pembelajaran."),
                P("Memahami hasil penelitian pendidikan terkini dan penerapannya di kelas."),
            ),
            L(
                5,
                "Menetapkan arah kebijakan pembelajaran di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan peningkatan mutu pembelajaran berdasarkan data asesmen."),
                P("Memahami kebijakan pendidikan nasional dan perbandingan sistem pendidikan."),
                S("Berkomitmen pada pemerataan mutu pembelajaran bagi semua peserta didik."),
            ),
        ),
    ),
    KompetensiSeed(
        "T.GURU.2",
        "Penilaian Hasil Belajar",
        TEKNIS,
        2,
        "Merancang dan melaksanakan penilaian yang sahih dan adil, serta memanfaatkan hasilnya "
        "untuk memperbaiki pembelajaran dan melaporkan perkembangan peserta didik.",
        (
            L(
                1,
                "Melaksanakan penilaian hasil belajar di kelasnya sesuai pedoman.",
                P("Memahami jenis penilaian formatif dan sumatif beserta tujuannya."),
                K("Menyusun soal dan rubrik penilaian yang sesuai dengan tujuan pembelajaran."),
                S("Menilai peserta didik secara objektif dan jujur."),
            ),
            L(
                2,
                "Menganalisis hasil penilaian dan membantu rekan menyusun instrumen yang baik.",
                K("Menganalisis hasil penilaian untuk menentukan tindak lanjut pembelajaran."),
                K("Menelaah instrumen penilaian buatan rekan dan memberi masukan perbaikan."),
                P("Memahami prinsip validitas dan reliabilitas instrumen penilaian."),
            ),
            L(
                3,
                "Memastikan sistem penilaian di satuan pendidikan berjalan adil dan konsisten.",
                K("Menyusun pedoman penilaian dan kriteria kenaikan kelas satuan pendidikan."),
                K("Memantau pelaporan hasil belajar kepada peserta didik dan orang tua."),
                S("Menjaga kerahasiaan dan keadilan dalam proses penilaian."),
            ),
            L(
                4,
                "Mengembangkan sistem asesmen yang dimanfaatkan oleh banyak satuan pendidikan.",
                K("Mengembangkan bank soal dan instrumen asesmen bersama untuk satu wilayah."),
                P("Menguasai analisis butir soal dan pemanfaatan data asesmen skala besar."),
                S("Mendorong pemanfaatan hasil asesmen untuk perbaikan, bukan sekadar pemeringkatan."),
            ),
            L(
                5,
                "Menetapkan kebijakan asesmen pendidikan di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan asesmen berdasarkan data capaian belajar."),
                P("Memahami kerangka asesmen nasional dan internasional."),
                S("Menjaga integritas sistem asesmen dari praktik kecurangan."),
            ),
        ),
    ),
    KompetensiSeed(
        "T.KES.1",
        "Pelayanan Kesehatan Dasar",
        TEKNIS,
        3,
        "Memberikan pelayanan kesehatan perorangan dan masyarakat di fasilitas kesehatan tingkat "
        "pertama sesuai standar profesi, standar pelayanan, dan prosedur operasional.",
        (
            L(
                1,
                "Memberikan pelayanan kesehatan dasar kepada pasien sesuai prosedur.",
                P("Memahami standar pelayanan dan prosedur operasional di puskesmas."),
                K("Melakukan pemeriksaan awal dan pencatatan rekam medis dengan lengkap."),
                S("Menghormati hak, privasi, dan martabat pasien."),
            ),
            L(
                2,
                "Menangani kasus yang lebih beragam dan membimbing rekan dalam pelayanan.",
                K("Mengenali kasus yang perlu dirujuk dan melakukan rujukan dengan tepat."),
                K("Membimbing rekan atau tenaga baru dalam menjalankan prosedur pelayanan."),
                P("Memahami pedoman klinis dan program kesehatan prioritas."),
            ),
            L(
                3,
                "Memastikan mutu dan keselamatan pelayanan di unit atau fasilitas kesehatan yang dipimpinnya.",
                K("Menerapkan upaya peningkatan mutu dan keselamatan pasien di unitnya."),
                P("Menguasai standar akreditasi fasilitas kesehatan tingkat pertama."),
                S("Menindaklanjuti setiap keluhan dan insiden keselamatan pasien secara terbuka."),
            ),
            L(
                4,
                "Mengembangkan sistem pelayanan kesehatan dasar di beberapa fasilitas kesehatan.",
                K("Menyusun strategi pelayanan kesehatan berdasarkan data kesehatan wilayah."),
                K("Membina jejaring rujukan antara puskesmas, rumah sakit, dan fasilitas lain."),
                P("Memahami sistem jaminan kesehatan nasional dan pembiayaan pelayanan kesehatan."),
            ),
            L(
                5,
                "Menetapkan kebijakan pelayanan kesehatan dasar di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan kesehatan daerah berdasarkan bukti dan beban penyakit."),
                P("Memahami arah transformasi sistem kesehatan nasional."),
                S("Memperjuangkan akses pelayanan kesehatan yang merata bagi seluruh masyarakat."),
            ),
        ),
    ),
    KompetensiSeed(
        "T.KES.2",
        "Asuhan Keperawatan",
        TEKNIS,
        4,
        "Memberikan asuhan keperawatan kepada individu, keluarga, dan masyarakat melalui pengkajian, "
        "diagnosis, perencanaan, pelaksanaan, dan evaluasi keperawatan.",
        (
            L(
                1,
                "Melaksanakan tindakan keperawatan dasar sesuai rencana asuhan.",
                K("Melakukan tindakan keperawatan dasar sesuai prosedur yang berlaku."),
                P("Memahami tahapan proses keperawatan dan dokumentasinya."),
                S("Merawat pasien dengan empati dan menjaga kerahasiaannya."),
            ),
            L(
                2,
                "Menyusun asuhan keperawatan secara mandiri dan membimbing perawat lain.",
                K("Melakukan pengkajian dan menetapkan diagnosis keperawatan dengan tepat."),
                K("Membimbing perawat baru dan mahasiswa praktik dalam tindakan keperawatan."),
                P("Memahami standar diagnosis, luaran, dan intervensi keperawatan."),
            ),
            L(
                3,
                "Memastikan mutu asuhan keperawatan di ruang atau unit yang dikoordinasikannya.",
                K("Mengatur pembagian tugas dan supervisi asuhan keperawatan di unitnya."),
                K("Mengevaluasi mutu dokumentasi dan hasil asuhan keperawatan."),
                S("Menjaga keselamatan pasien sebagai prioritas utama tim keperawatan."),
            ),
            L(
                4,
                "Mengembangkan sistem dan standar asuhan keperawatan di tingkat organisasi.",
                K("Menyusun standar prosedur dan panduan asuhan keperawatan organisasi."),
                P("Memahami praktik keperawatan berbasis bukti dan penerapannya."),
                S("Mendorong pengembangan profesi dan etika keperawatan di seluruh organisasi."),
            ),
            L(
                5,
                "Menetapkan kebijakan keperawatan di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan pengembangan layanan dan tenaga keperawatan."),
                P("Memahami peraturan praktik keperawatan dan arah pengembangan profesinya."),
                S("Memperjuangkan mutu dan keselamatan layanan keperawatan bagi masyarakat."),
            ),
        ),
    ),
    KompetensiSeed(
        "T.DUK.1",
        "Pelayanan Administrasi Kependudukan",
        TEKNIS,
        5,
        "Melayani pendaftaran penduduk dan pencatatan sipil (KTP-el, kartu keluarga, akta, pindah "
        "datang) secara cepat, akurat, dan sesuai peraturan, serta menjaga data kependudukan.",
        (
            L(
                1,
                "Melayani permohonan dokumen kependudukan sesuai persyaratan dan prosedur.",
                P("Memahami persyaratan dan alur penerbitan dokumen kependudukan."),
                K("Memverifikasi berkas dan memasukkan data ke sistem informasi kependudukan dengan teliti."),
                S("Menjaga kerahasiaan data pribadi penduduk."),
            ),
            L(
                2,
                "Menangani permohonan yang bermasalah dan membimbing rekan di loket pelayanan.",
                K("Menyelesaikan kasus data ganda, data tidak sesuai, atau berkas tidak lengkap."),
                K("Membimbing petugas baru dalam menggunakan aplikasi dan prosedur pelayanan."),
                P("Memahami peraturan administrasi kependudukan dan pencatatan sipil."),
            ),
            L(
                3,
                "Memastikan pelayanan di seksi atau unit layanan yang dipimpinnya cepat, akurat, dan sesuai standar.",
                K("Memantau antrean, waktu penyelesaian, dan mutu data di unit layanannya."),
                K("Mengatur layanan jemput bola bagi kelompok rentan dan penduduk di wilayah terpencil."),
                S("Menindaklanjuti pengaduan masyarakat tentang layanan kependudukan."),
            ),
            L(
                4,
                "Mengembangkan sistem pelayanan dan pengelolaan data kependudukan di seluruh daerah.",
                K("Merancang layanan kependudukan daring dan integrasi data dengan instansi lain."),
                P("Memahami pemanfaatan data kependudukan untuk perencanaan pembangunan."),
                S("Menjaga keamanan data kependudukan dari penyalahgunaan."),
            ),
            L(
                5,
                "Menetapkan kebijakan administrasi kependudukan di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan kepemilikan dokumen kependudukan bagi seluruh penduduk."),
                P("Memahami arah kebijakan nasional tentang identitas digital dan data tunggal kependudukan."),
                S("Memastikan setiap penduduk terlayani tanpa diskriminasi."),
            ),
        ),
    ),
    KompetensiSeed(
        "T.KEU.1",
        "Pengelolaan Keuangan Daerah",
        TEKNIS,
        6,
        "Merencanakan, menganggarkan, melaksanakan, dan mempertanggungjawabkan keuangan daerah "
        "sesuai peraturan, secara tertib, efisien, transparan, dan akuntabel.",
        (
            L(
                1,
                "Melaksanakan tugas pengelolaan keuangan sesuai prosedur dan peraturan.",
                P("Memahami siklus pengelolaan keuangan daerah dari perencanaan sampai pertanggungjawaban."),
                K("Menyiapkan dokumen anggaran dan pelaksanaan anggaran sesuai format yang berlaku."),
                S("Bekerja teliti dan jujur dalam setiap pengelolaan uang negara."),
            ),
            L(
                2,
                "Menganalisis data keuangan dan membantu rekan menyelesaikan permasalahan anggaran.",
                K("Menganalisis realisasi anggaran dan menjelaskan penyimpangannya."),
                K("Membantu rekan menyusun rencana kerja dan anggaran yang sesuai ketentuan."),
                P("Memahami klasifikasi, kodefikasi, dan standar harga dalam penganggaran daerah."),
            ),
            L(
                3,
                "Memastikan pengelolaan keuangan di unit yang dipimpinnya tertib dan akuntabel.",
                K("Mengendalikan pelaksanaan anggaran unit agar sesuai rencana dan aturan."),
                P("Menguasai standar akuntansi pemerintahan dan penyusunan laporan keuangan."),
                S("Menindaklanjuti temuan pemeriksaan secara tuntas dan tepat waktu."),
            ),
            L(
                4,
                "Mengembangkan sistem pengelolaan keuangan daerah yang terpadu di seluruh perangkat daerah.",
                K("Merancang kebijakan dan prosedur pengelolaan keuangan yang berlaku di seluruh perangkat daerah."),
                K("Menganalisis kapasitas fiskal dan menyusun proyeksi pendapatan dan belanja daerah."),
                P("Memahami sistem informasi pemerintahan daerah untuk pengelolaan keuangan."),
            ),
            L(
                5,
                "Menetapkan kebijakan fiskal daerah yang sehat dan berkelanjutan.",
                K("Merumuskan kebijakan fiskal jangka menengah daerah."),
                P("Memahami hubungan keuangan pusat dan daerah serta kebijakan fiskal nasional."),
                S("Menjaga keberlanjutan keuangan daerah di atas kepentingan jangka pendek."),
            ),
        ),
    ),
    KompetensiSeed(
        "T.KEU.2",
        "Penatausahaan Keuangan",
        TEKNIS,
        7,
        "Menerima, menyimpan, membayarkan, mencatat, dan melaporkan uang dan bukti transaksi "
        "keuangan secara tertib, lengkap, dan sesuai peraturan.",
        (
            L(
                1,
                "Mencatat dan mengarsipkan transaksi keuangan dengan tertib.",
                K("Mencatat transaksi harian ke buku kas dan aplikasi keuangan dengan benar."),
                P("Memahami jenis bukti transaksi yang sah dan kelengkapan dokumennya."),
                S("Menyimpan uang dan dokumen keuangan dengan aman dan bertanggung jawab."),
            ),
            L(
                2,
                "Memeriksa kelengkapan dokumen pembayaran dan membimbing rekan dalam penatausahaan.",
                K("Memverifikasi dokumen permintaan pembayaran sebelum diproses."),
                K("Menyusun laporan pertanggungjawaban bendahara tepat waktu."),
                P("Memahami ketentuan perpajakan atas transaksi belanja pemerintah."),
            ),
            L(
                3,
                "Memastikan penatausahaan keuangan di unit yang dipimpinnya tertib dan tepat waktu.",
                K("Melakukan pemeriksaan kas dan rekonsiliasi secara berkala."),
                K("Mengendalikan jadwal penyampaian laporan keuangan unit."),
                S("Menolak pembayaran yang tidak didukung bukti yang sah."),
            ),
            L(
                4,
                "Mengembangkan sistem penatausahaan keuangan yang terpadu di seluruh perangkat daerah.",
                K("Menyusun prosedur dan sistem pengendalian penatausahaan keuangan daerah."),
                P("Memahami integrasi sistem penatausahaan dengan perbankan dan transaksi nontunai."),
                S("Mendorong transparansi transaksi keuangan di seluruh perangkat daerah."),
            ),
            L(
                5,
                "Menetapkan kebijakan penatausahaan keuangan di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan digitalisasi transaksi keuangan pemerintah daerah."),
                P("Memahami arah kebijakan nasional tentang perbendaharaan dan transaksi pemerintah."),
                S("Menjaga akuntabilitas keuangan publik sebagai amanah masyarakat."),
            ),
        ),
    ),
)
