"""The eight manajerial competencies and the sosial kultural one (Perekat Bangsa).

Written for this product in plain Indonesian, following the shape of PermenPANRB 38/2017
(not its text): level 1 acts personally, 2 guides colleagues, 3 ensures it in the unit the
person leads, 4 builds it across the organisation, 5 at the level of the Pemda or the nation.
Each level has three behaviour indicators, each tagged pengetahuan (P), keterampilan (K) or
sikap (S).
"""

from __future__ import annotations

from .struktur import K, KompetensiSeed, L, P, S

MANAJERIAL = "manajerial"
SOSIAL_KULTURAL = "sosial_kultural"

MANAJERIAL_SEED: tuple[KompetensiSeed, ...] = (
    KompetensiSeed(
        "M.1",
        "Integritas",
        MANAJERIAL,
        1,
        "Bertindak jujur dan konsisten sesuai nilai, kode etik, dan aturan yang berlaku, baik saat "
        "diawasi maupun tidak, serta berani mempertanggungjawabkan keputusan dan tindakannya.",
        (
            L(
                1,
                "Bertindak jujur dan taat aturan dalam pekerjaannya sendiri.",
                S("Menyampaikan informasi pekerjaan apa adanya, termasuk kesalahan yang dibuatnya sendiri."),
                P("Memahami kode etik ASN dan aturan disiplin yang berlaku pada tugasnya."),
                K("Mencatat penggunaan waktu kerja, anggaran, dan barang dinas secara tertib dan dapat diperiksa."),
            ),
            L(
                2,
                "Mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai dan etika.",
                S("Menegur rekan secara santun ketika melihat tindakan yang menyimpang dari aturan."),
                K("Memberi contoh kepada rekan cara menolak gratifikasi dan menghindari konflik kepentingan."),
                P("Menjelaskan kepada rekan dampak pelanggaran etika terhadap layanan dan kepercayaan publik."),
            ),
            L(
                3,
                "Memastikan unit kerja yang dipimpinnya bekerja dengan jujur, transparan, dan akuntabel.",
                K("Menerapkan pengendalian di unitnya, seperti pemisahan tugas dan pemeriksaan silang."),
                S("Menindaklanjuti setiap dugaan pelanggaran di unitnya secara adil, tanpa memandang jabatan."),
                P("Mengenali titik rawan penyimpangan pada proses kerja unitnya."),
            ),
            L(
                4,
                "Membangun budaya integritas di seluruh organisasi dan menjadi teladan bagi pimpinan lain.",
                K("Menyusun kebijakan pencegahan korupsi, gratifikasi, dan konflik kepentingan di perangkat daerah."),
                S("Mengambil keputusan yang benar walaupun tidak populer atau berisiko bagi dirinya."),
                P("Menguasai sistem pengendalian intern dan manajemen risiko di lingkungan pemerintah."),
            ),
            L(
                5,
                "Menjadi rujukan integritas di tingkat pemerintah daerah atau nasional dan menjaga "
                "kepercayaan publik terhadap institusi.",
                S("Tetap konsisten bersikap etis di tengah tekanan politik dan berbagai kepentingan."),
                K("Membangun sistem integritas lintas instansi bersama aparat pengawas dan penegak hukum."),
                P("Memahami dampak kebijakan integritas nasional terhadap tata kelola pemerintahan daerah."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.2",
        "Kerja Sama",
        MANAJERIAL,
        2,
        "Mampu bekerja bersama orang lain, di dalam maupun di luar unit kerjanya, untuk mencapai "
        "tujuan bersama: berbagi informasi dan beban kerja, menghargai perbedaan, dan membangun "
        "hubungan yang saling percaya.",
        (
            L(
                1,
                "Berperan aktif dan dapat diandalkan sebagai anggota tim.",
                S("Menyelesaikan bagian pekerjaannya tepat waktu agar pekerjaan tim tidak terhambat."),
                K("Membagikan informasi yang relevan kepada anggota tim tanpa harus diminta."),
                S("Menghargai pendapat anggota tim walaupun berbeda dengan pendapatnya sendiri."),
            ),
            L(
                2,
                "Menggerakkan rekan kerja agar saling membantu dan memanfaatkan kekuatan masing-masing.",
                K("Mengajak rekan yang berbeda latar belakang dan keahlian untuk menyelesaikan tugas bersama."),
                P("Memahami peran dan keahlian setiap anggota tim sehingga tugas dapat dibagi dengan tepat."),
                S("Mendahulukan keberhasilan tim di atas pengakuan pribadi."),
            ),
            L(
                3,
                "Memastikan kerja sama yang efektif di unit yang dipimpinnya dan dengan unit lain.",
                K("Membentuk tim lintas fungsi dan menetapkan peran serta tanggung jawab yang jelas."),
                K("Menyelesaikan perbedaan pendapat di dalam tim sebelum mengganggu pekerjaan."),
                P("Memahami keterkaitan proses kerja unitnya dengan unit lain dalam organisasi."),
            ),
            L(
                4,
                "Membangun jejaring dan kemitraan di seluruh organisasi dan dengan pemangku kepentingan.",
                K(
                    "Menjalin kemitraan dengan perangkat daerah lain, dunia usaha, dan masyarakat untuk program bersama."
                ),
                S("Mengakui dan menghargai kontribusi mitra secara terbuka."),
                P("Memetakan pemangku kepentingan beserta kepentingan dan pengaruhnya."),
            ),
            L(
                5,
                "Menciptakan kolaborasi strategis lintas instansi pada tingkat daerah atau nasional.",
                K("Memprakarsai kesepakatan kerja sama antarinstansi atau antardaerah yang saling menguntungkan."),
                S("Membangun kepercayaan dengan mitra strategis dalam jangka panjang."),
                P("Memahami kebijakan nasional yang membuka peluang kolaborasi bagi pemerintah daerah."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.3",
        "Komunikasi",
        MANAJERIAL,
        3,
        "Menyampaikan dan menerima informasi, gagasan, dan pendapat secara jelas, santun, dan tepat "
        "sasaran, baik lisan maupun tertulis, sehingga dipahami dan ditindaklanjuti oleh pihak lain.",
        (
            L(
                1,
                "Menyampaikan informasi dengan jelas dan mendengarkan dengan baik.",
                K("Menyusun pesan lisan dan tulisan yang runtut, singkat, dan mudah dipahami."),
                S("Mendengarkan lawan bicara sampai selesai sebelum menanggapi."),
                P("Memahami tata naskah dinas dan etika berkomunikasi di lingkungan kerja."),
            ),
            L(
                2,
                "Membantu rekan memahami informasi dan mendorong komunikasi dua arah.",
                K("Menyesuaikan bahasa dan cara penyampaian dengan latar belakang pendengarnya."),
                K("Mengajukan pertanyaan untuk memastikan pesan dipahami dengan benar."),
                S("Terbuka menerima masukan dan kritik dari rekan kerja."),
            ),
            L(
                3,
                "Memastikan arus informasi di unit yang dipimpinnya lancar, tepat waktu, dan akurat.",
                K("Menyelenggarakan rapat atau pertemuan rutin yang efektif dan terdokumentasi."),
                P("Memilih saluran komunikasi yang tepat untuk setiap jenis informasi dan sasaran."),
                S("Menyampaikan kabar yang kurang menyenangkan secara jujur dan tepat waktu."),
            ),
            L(
                4,
                "Mengelola komunikasi organisasi dengan pemangku kepentingan yang beragam.",
                K("Meyakinkan pemangku kepentingan melalui presentasi yang didukung data."),
                K("Menengahi pembicaraan yang sarat perbedaan kepentingan hingga tercapai kesepakatan."),
                P("Memahami strategi komunikasi publik dan pengelolaan informasi di media."),
            ),
            L(
                5,
                "Menjadi juru bicara kebijakan yang berpengaruh pada tingkat daerah atau nasional.",
                K("Menyampaikan kebijakan strategis kepada publik secara meyakinkan dan dapat dipertanggungjawabkan."),
                S("Menjaga citra dan kepercayaan publik terhadap institusi saat terjadi krisis."),
                P("Memahami dinamika opini publik dan dampaknya terhadap kebijakan pemerintah."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.4",
        "Orientasi pada Hasil",
        MANAJERIAL,
        4,
        "Berupaya mencapai hasil kerja yang bermutu dan melampaui target, dengan menetapkan ukuran "
        "keberhasilan yang jelas, memantau kemajuan, dan terus memperbaiki cara kerja.",
        (
            L(
                1,
                "Menyelesaikan tugasnya sesuai target mutu dan waktu.",
                S("Bertanggung jawab menyelesaikan pekerjaan sampai tuntas."),
                K("Menyusun rencana kerja harian atau mingguan untuk memenuhi target."),
                P("Memahami ukuran keberhasilan tugas dan sasaran kinerja yang ditetapkan untuknya."),
            ),
            L(
                2,
                "Mendorong rekan kerja untuk mencapai dan meningkatkan hasil kerja.",
                K("Membantu rekan menemukan cara kerja yang lebih cepat atau lebih hemat."),
                S("Menetapkan standar kerja yang tinggi bagi diri sendiri dan memberi contoh kepada rekan."),
                P("Memahami cara mengukur kemajuan pekerjaan dengan indikator yang sederhana."),
            ),
            L(
                3,
                "Memastikan unit yang dipimpinnya mencapai target kinerja yang menantang.",
                K("Menetapkan target unit yang terukur dan memantaunya secara berkala."),
                K("Mengambil langkah perbaikan segera ketika capaian unit menyimpang dari rencana."),
                P("Menguasai manajemen kinerja, termasuk penyusunan SKP dan indikator kinerja unit."),
            ),
            L(
                4,
                "Mengarahkan seluruh organisasi pada pencapaian hasil dan dampak, bukan sekadar kegiatan.",
                K("Menyelaraskan sasaran setiap unit dengan sasaran strategis organisasi."),
                P("Memahami pengukuran kinerja berbasis hasil dan dampak bagi masyarakat."),
                S("Berani menetapkan target di atas kebiasaan dan bertanggung jawab atas hasilnya."),
            ),
            L(
                5,
                "Menetapkan arah kinerja strategis pemerintah daerah yang berdampak luas.",
                K("Merumuskan sasaran strategis jangka menengah yang terukur bagi pemerintah daerah."),
                P("Memahami keterkaitan kinerja daerah dengan prioritas dan target pembangunan nasional."),
                S("Mendorong budaya kinerja tinggi secara konsisten di seluruh pemerintah daerah."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.5",
        "Pelayanan Publik",
        MANAJERIAL,
        5,
        "Memberikan pelayanan yang cepat, ramah, adil, dan sesuai standar kepada masyarakat dan "
        "pengguna layanan, serta terus memperbaiki pelayanan berdasarkan kebutuhan dan masukan mereka.",
        (
            L(
                1,
                "Melayani masyarakat dengan ramah, tepat, dan sesuai standar pelayanan.",
                S("Bersikap ramah dan tidak membeda-bedakan pengguna layanan."),
                P("Memahami standar pelayanan, persyaratan, dan waktu penyelesaian layanan yang ditanganinya."),
                K("Menjelaskan persyaratan dan alur layanan dengan bahasa yang mudah dipahami."),
            ),
            L(
                2,
                "Membantu rekan memberikan pelayanan yang baik dan menangani keluhan dengan tepat.",
                K("Menangani keluhan pengguna layanan dengan tenang dan mencari penyelesaiannya."),
                K("Membimbing rekan baru dalam menerapkan standar pelayanan."),
                S("Menganggap keluhan masyarakat sebagai masukan untuk perbaikan."),
            ),
            L(
                3,
                "Memastikan unit yang dipimpinnya memenuhi standar pelayanan dan menindaklanjuti pengaduan.",
                K("Memantau kepatuhan unit terhadap standar pelayanan dan waktu penyelesaian."),
                P("Memahami hasil survei kepuasan masyarakat dan cara memanfaatkannya untuk perbaikan."),
                S("Bertanggung jawab atas setiap pengaduan terhadap layanan unitnya sampai selesai."),
            ),
            L(
                4,
                "Membangun sistem pelayanan publik yang terpadu dan berfokus pada pengguna di seluruh organisasi.",
                K("Merancang inovasi pelayanan, misalnya layanan terpadu atau layanan daring."),
                P("Menguasai peraturan pelayanan publik dan pengelolaan pengaduan masyarakat."),
                S("Mengutamakan kepentingan masyarakat di atas kemudahan birokrasi."),
            ),
            L(
                5,
                "Menetapkan kebijakan pelayanan publik yang meningkatkan kepercayaan masyarakat secara luas.",
                K(
                    "Merumuskan kebijakan pelayanan lintas perangkat daerah yang mudah diakses seluruh lapisan masyarakat."
                ),
                P("Memahami arah reformasi birokrasi dan pelayanan publik nasional."),
                S("Menjadikan kepuasan dan kepercayaan masyarakat sebagai ukuran utama keberhasilan pemerintah."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.6",
        "Pengembangan Diri dan Orang Lain",
        MANAJERIAL,
        6,
        "Terus meningkatkan pengetahuan dan kemampuan diri sendiri serta membantu orang lain "
        "berkembang melalui bimbingan, umpan balik, dan kesempatan belajar.",
        (
            L(
                1,
                "Mengembangkan diri secara aktif sesuai kebutuhan tugasnya.",
                S("Mencari kesempatan belajar dan menerima umpan balik dengan terbuka."),
                K("Menyusun rencana pengembangan diri berdasarkan kekurangan yang disadarinya."),
                P("Mengetahui pilihan pengembangan yang tersedia, seperti pelatihan, kursus, dan e-learning."),
            ),
            L(
                2,
                "Membagikan pengetahuan dan membantu rekan kerja belajar.",
                K("Mengajarkan cara kerja atau keterampilan yang dikuasainya kepada rekan kerja."),
                K("Memberikan umpan balik yang spesifik dan membangun kepada rekan."),
                S("Bersedia meluangkan waktu untuk membantu rekan yang mengalami kesulitan."),
            ),
            L(
                3,
                "Memastikan setiap anggota unit yang dipimpinnya memiliki rencana pengembangan dan menjalankannya.",
                K("Mengidentifikasi kesenjangan kompetensi bawahan dan menyusun rencana pengembangannya."),
                K("Memberikan coaching dan mentoring kepada bawahan secara berkala."),
                P("Memahami hak pengembangan kompetensi ASN paling sedikit 20 jam pelajaran per tahun."),
            ),
            L(
                4,
                "Membangun sistem pembelajaran dan pengembangan talenta di seluruh organisasi.",
                K("Menyusun program pengembangan kompetensi berdasarkan analisis kebutuhan organisasi."),
                P("Memahami manajemen talenta dan perencanaan suksesi."),
                S("Mendorong budaya belajar dan berbagi pengetahuan di seluruh organisasi."),
            ),
            L(
                5,
                "Menetapkan kebijakan pengembangan sumber daya manusia aparatur di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan pengembangan talenta aparatur jangka panjang."),
                P("Memahami arah kebijakan nasional tentang pengembangan kompetensi dan manajemen talenta ASN."),
                S("Berkomitmen menyiapkan pemimpin masa depan di lingkungan pemerintah daerah."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.7",
        "Mengelola Perubahan",
        MANAJERIAL,
        7,
        "Menyesuaikan diri dengan perubahan dan menggerakkan orang lain untuk menerima dan "
        "menjalankan perubahan, sehingga organisasi tetap relevan dan berkinerja baik.",
        (
            L(
                1,
                "Menyesuaikan diri dengan perubahan cara kerja, aturan, atau teknologi.",
                S("Menerima perubahan dengan terbuka dan tidak menunda penyesuaian."),
                K("Mempelajari dan menerapkan cara kerja, aplikasi, atau prosedur baru dengan cepat."),
                P("Memahami alasan dan tujuan perubahan yang terjadi di tempat kerjanya."),
            ),
            L(
                2,
                "Membantu rekan kerja memahami dan menjalankan perubahan.",
                K("Menjelaskan manfaat perubahan kepada rekan yang ragu atau menolak."),
                K("Membantu rekan menggunakan cara kerja atau teknologi baru."),
                S("Memberi contoh sikap positif selama masa peralihan."),
            ),
            L(
                3,
                "Memastikan perubahan berjalan lancar di unit yang dipimpinnya.",
                K("Menyusun langkah penerapan perubahan di unitnya beserta jadwal dan penanggung jawabnya."),
                K("Menangani penolakan terhadap perubahan melalui dialog dan pelibatan anggota unit."),
                P("Memahami dampak perubahan terhadap beban kerja dan proses di unitnya."),
            ),
            L(
                4,
                "Memimpin perubahan di seluruh organisasi dan menjaga momentumnya.",
                K("Merancang program perubahan organisasi beserta strategi komunikasinya."),
                P("Menguasai pendekatan manajemen perubahan dan reformasi birokrasi."),
                S("Tetap teguh memimpin perubahan walaupun menghadapi hambatan dan penolakan."),
            ),
            L(
                5,
                "Menggerakkan perubahan strategis yang mengubah tata kelola pemerintah daerah.",
                K("Memprakarsai transformasi besar, misalnya transformasi digital pemerintah daerah."),
                P("Membaca perkembangan nasional dan global yang menuntut perubahan di pemerintahan."),
                S("Membangun keyakinan para pemimpin dan pemangku kepentingan terhadap arah perubahan."),
            ),
        ),
    ),
    KompetensiSeed(
        "M.8",
        "Pengambilan Keputusan",
        MANAJERIAL,
        8,
        "Mengambil keputusan yang tepat dan tepat waktu berdasarkan informasi yang cukup, "
        "pertimbangan risiko, dan aturan yang berlaku, serta bertanggung jawab atas akibatnya.",
        (
            L(
                1,
                "Mengambil keputusan yang tepat dalam lingkup tugasnya sendiri.",
                K("Mengumpulkan informasi yang diperlukan sebelum memutuskan."),
                P("Memahami batas kewenangannya dan kapan keputusan harus diserahkan kepada atasan."),
                S("Bertanggung jawab atas keputusan yang diambilnya."),
            ),
            L(
                2,
                "Membantu rekan menimbang pilihan dan mengambil keputusan yang tepat.",
                K("Membandingkan beberapa pilihan beserta kelebihan dan kekurangannya."),
                K("Memberi masukan kepada rekan berdasarkan data dan pengalaman."),
                S("Tidak menunda keputusan yang menjadi kewenangannya."),
            ),
            L(
                3,
                "Memastikan keputusan di unit yang dipimpinnya diambil dengan cepat, berdasarkan data, dan sesuai aturan.",
                K("Menganalisis masalah unit dan menetapkan penyelesaian yang paling tepat."),
                P("Memahami risiko setiap pilihan keputusan dan cara mengendalikannya."),
                S("Melibatkan anggota unit yang terdampak sebelum memutuskan."),
            ),
            L(
                4,
                "Mengambil keputusan yang berdampak bagi seluruh organisasi dalam situasi yang kompleks.",
                K("Memutuskan dengan cepat dalam keadaan mendesak walaupun informasi belum lengkap."),
                P("Menguasai analisis kebijakan dan analisis risiko organisasi."),
                S("Mempertimbangkan kepentingan jangka panjang organisasi di atas kepentingan sesaat."),
            ),
            L(
                5,
                "Mengambil keputusan strategis yang berdampak luas bagi daerah atau negara.",
                K("Menetapkan kebijakan strategis dengan mempertimbangkan dampak sosial, ekonomi, dan politik."),
                P("Memahami kerangka hukum dan kebijakan nasional yang membatasi pilihan kebijakan daerah."),
                S("Berani menanggung risiko keputusan strategis demi kepentingan publik."),
            ),
        ),
    ),
)

SOSIAL_KULTURAL_SEED: tuple[KompetensiSeed, ...] = (
    KompetensiSeed(
        "SK.1",
        "Perekat Bangsa",
        SOSIAL_KULTURAL,
        1,
        "Menghargai keberagaman suku, agama, budaya, dan pandangan di tempat kerja dan di "
        "masyarakat, bersikap adil kepada semua orang, serta merekatkan persatuan dalam "
        "pelaksanaan tugasnya.",
        (
            L(
                1,
                "Menghargai keberagaman dan bersikap adil kepada setiap orang dalam tugasnya.",
                S("Bersikap adil kepada setiap orang tanpa memandang suku, agama, atau latar belakangnya."),
                P("Memahami nilai-nilai Pancasila dan kebinekaan dalam pelaksanaan tugas ASN."),
                K("Menyesuaikan cara berinteraksi dengan budaya setempat tanpa meninggalkan aturan."),
            ),
            L(
                2,
                "Mengajak rekan kerja untuk menghargai perbedaan dan menjaga kerukunan.",
                K("Membantu rekan dari latar belakang berbeda menyesuaikan diri di lingkungan kerja."),
                S("Menolak candaan atau ucapan yang merendahkan kelompok tertentu."),
                K("Menengahi kesalahpahaman antarrekan yang bersumber dari perbedaan budaya."),
            ),
            L(
                3,
                "Memastikan unit yang dipimpinnya inklusif dan bebas diskriminasi.",
                K("Memberi kesempatan yang setara kepada semua anggota unit dalam penugasan dan pengembangan."),
                P("Memahami potensi konflik sosial di wilayah atau sektor yang dilayani unitnya."),
                S("Menindak tegas perilaku diskriminatif di unitnya."),
            ),
            L(
                4,
                "Membangun budaya kerja yang mempersatukan di seluruh organisasi dan dengan masyarakat.",
                K("Merancang program organisasi yang melibatkan kelompok masyarakat yang beragam."),
                K("Mengelola konflik sosial yang berkaitan dengan kebijakan atau layanan organisasi."),
                S("Menjadi teladan dalam menjaga netralitas dan persatuan."),
            ),
            L(
                5,
                "Menjadi perekat persatuan masyarakat dan bangsa melalui kebijakan di tingkat daerah atau nasional.",
                K("Merumuskan kebijakan yang menjaga kerukunan dan keadilan sosial di seluruh wilayah."),
                P("Memahami dinamika sosial, politik, dan budaya yang memengaruhi persatuan bangsa."),
                S("Mengutamakan kepentingan bangsa di atas kepentingan golongan."),
            ),
        ),
    ),
)
