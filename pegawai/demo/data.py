"""What the demo Pemda looks like: positions, the unit tree with its people, names and titles.

Pure data (no database). `STRUKTUR` is an outline, two spaces per level, one unit a line:

    KODE jenis Nama unit | head position [field] [@persona] | staff, staff, ...

A staff entry is `JABATAN[*count] [field] [pppk=k] [cpns=k] [pensiun=k] [@persona]`: `count`
employees in that position, `k` of them PPPK or CPNS (the rest PNS), `pensiun` extra retired
(inactive) ones; the first of the entry becomes the demo login `persona`. `field` (ilmu) picks
the academic titles. Every head supervises the unit's staff and the heads of its child units;
the Sekretaris Daerah supervises the heads of the other OPD.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pegawai.models import Jabatan, PeranPengguna

Jen = Jabatan.Jenjang

# kode -> (nama, jenis, jenjang, pendidikan)
JABATAN: dict[str, tuple[str, str, str, str]] = {
    "JPT-SEKDA": ("Sekretaris Daerah", "jpt", Jen.PRATAMA, "S2"),
    "JPT-KADIS": ("Kepala Dinas", "jpt", Jen.PRATAMA, "S2"),
    "JPT-KABADAN": ("Kepala Badan", "jpt", Jen.PRATAMA, "S2"),
    "JPT-INSPEKTUR": ("Inspektur", "jpt", Jen.PRATAMA, "S2"),
    "ADM-SEKRETARIS": ("Sekretaris", "administrator", "", "S2"),
    "ADM-KABID": ("Kepala Bidang", "administrator", "", "S2"),
    "ADM-KABAG": ("Kepala Bagian", "administrator", "", "S2"),
    "ADM-CAMAT": ("Camat", "administrator", "", "S2"),
    "ADM-SEKCAM": ("Sekretaris Camat", "administrator", "", "S1"),
    "ADM-IRBAN": ("Inspektur Pembantu", "administrator", "", "S2"),
    "ADM-KAPUSK": ("Kepala UPT Puskesmas", "administrator", "", "S2"),
    "PGW-KASI": ("Kepala Seksi", "pengawas", "", "S1"),
    "PGW-KASUBBAG": ("Kepala Subbagian", "pengawas", "", "S1"),
    "PGW-KASUBBID": ("Kepala Subbidang", "pengawas", "", "S1"),
    "PGW-LURAH": ("Lurah", "pengawas", "", "S1"),
    "PL-ADM-UMUM": ("Pengadministrasi Umum", "pelaksana", "", "SMA"),
    "PL-ADM-PEM": ("Pengadministrasi Pemerintahan", "pelaksana", "", "SMA"),
    "PL-ADM-KEPEND": ("Pengadministrasi Kependudukan", "pelaksana", "", "D3"),
    "PL-VERIF-KEPEND": ("Verifikator Data Kependudukan", "pelaksana", "", "S1"),
    "PL-KEUANGAN": ("Pengelola Keuangan", "pelaksana", "", "S1"),
    "PL-BENDAHARA": ("Bendahara", "pelaksana", "", "S1"),
    "PL-DATA": ("Pengelola Data", "pelaksana", "", "S1"),
    "PL-KEPEG": ("Pengelola Kepegawaian", "pelaksana", "", "S1"),
    "PL-SARPRAS": ("Pengelola Sarana dan Prasarana", "pelaksana", "", "SMA"),
    "PL-BMD": ("Pengelola Barang Milik Daerah", "pelaksana", "", "S1"),
    "PL-PENGADUAN": ("Pengelola Pengaduan Masyarakat", "pelaksana", "", "S1"),
    "PL-LALIN": ("Petugas Pengatur Lalu Lintas", "pelaksana", "", "SMA"),
    "PL-BANSOS": ("Pengelola Bantuan Sosial", "pelaksana", "", "S1"),
    "PL-TENDIK": ("Tenaga Administrasi Sekolah", "pelaksana", "", "SMA"),
    "FG-KEPSEK": ("Kepala Sekolah", "fungsional", Jen.MADYA, "S2"),
    "FG-GURU-1": ("Guru Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-GURU-2": ("Guru Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-GURU-3": ("Guru Ahli Madya", "fungsional", Jen.MADYA, "S2"),
    "FG-DOKTER-1": ("Dokter Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-DOKTER-2": ("Dokter Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-PERAWAT-T": ("Perawat Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-PERAWAT-M": ("Perawat Mahir", "fungsional", Jen.MAHIR, "D3"),
    "FG-PERAWAT-1": ("Perawat Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-BIDAN-T": ("Bidan Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-BIDAN-M": ("Bidan Mahir", "fungsional", Jen.MAHIR, "D3"),
    "FG-NUTRISIONIS-T": ("Nutrisionis Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-PKM-1": ("Penyuluh Kesehatan Masyarakat Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-ADMINKES-1": ("Administrator Kesehatan Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-ANKEU-1": ("Analis Keuangan Pusat dan Daerah Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-ANKEU-2": ("Analis Keuangan Pusat dan Daerah Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-ASDM-1": ("Analis SDM Aparatur Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-ASDM-2": ("Analis SDM Aparatur Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-PRANATA-SDM-T": ("Pranata SDM Aparatur Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-PRAKOM-1": ("Pranata Komputer Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-PRAKOM-T": ("Pranata Komputer Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-AUDITOR-1": ("Auditor Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-AUDITOR-2": ("Auditor Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-AUDITOR-3": ("Auditor Ahli Madya", "fungsional", Jen.MADYA, "S2"),
    "FG-P2UPD-1": (
        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama",
        "fungsional",
        Jen.PERTAMA,
        "S1",
    ),
    "FG-P2UPD-2": ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-PERENCANA-1": ("Perencana Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-ANKEB-1": ("Analis Kebijakan Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-ANKEB-2": ("Analis Kebijakan Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-PERANCANG-1": ("Perancang Peraturan Perundang-undangan Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-PERANCANG-2": ("Perancang Peraturan Perundang-undangan Ahli Muda", "fungsional", Jen.MUDA, "S1"),
    "FG-ARSIPARIS-T": ("Arsiparis Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-ADMINDUK-1": ("Administrator Database Kependudukan Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-PKB-T": ("Penguji Kendaraan Bermotor Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-PKB-M": ("Penguji Kendaraan Bermotor Mahir", "fungsional", Jen.MAHIR, "D3"),
    "FG-PEKSOS-T": ("Pekerja Sosial Terampil", "fungsional", Jen.TERAMPIL, "D3"),
    "FG-PEKSOS-1": ("Pekerja Sosial Ahli Pertama", "fungsional", Jen.PERTAMA, "S1"),
    "FG-PEKSOS-2": ("Pekerja Sosial Ahli Muda", "fungsional", Jen.MUDA, "S1"),
}

_GURU = "FG-GURU-1*{} pendidikan pppk={}, FG-GURU-2*{} pendidikan, FG-GURU-3*{} pendidikan"
_PUSKESMAS = (
    "FG-DOKTER-1*{} dokter, FG-DOKTER-2*{} dokter, FG-PERAWAT-T*{} perawat pppk={}, FG-PERAWAT-M*{} perawat, "
    "FG-PERAWAT-1*{} ners, FG-BIDAN-T*{} bidan pppk=1, FG-BIDAN-M bidan, PL-ADM-UMUM"
)

STRUKTUR = f"""
SKMJ pemda Pemerintah Kota Sukamaju
  SETDA opd Sekretariat Daerah | JPT-SEKDA pemerintahan
    SETDA-UMUM bidang Bagian Umum | ADM-KABAG
      SETDA-UMUM-TU subbidang Subbagian Tata Usaha Pimpinan | PGW-KASUBBAG | PL-ADM-UMUM*2 pensiun=1, FG-ARSIPARIS-T
      SETDA-UMUM-RT subbidang Subbagian Rumah Tangga | PGW-KASUBBAG | PL-SARPRAS*3 pppk=1
    SETDA-ORG bidang Bagian Organisasi | ADM-KABAG | FG-ANKEB-1*2, FG-ANKEB-2, PL-ADM-UMUM
    SETDA-HUKUM bidang Bagian Hukum | ADM-KABAG hukum | FG-PERANCANG-1*2 hukum, FG-PERANCANG-2 hukum, PL-ADM-UMUM
    SETDA-PEM bidang Bagian Pemerintahan | ADM-KABAG pemerintahan | FG-ANKEB-1 pemerintahan, PL-ADM-PEM*2
  DISDIK opd Dinas Pendidikan | JPT-KADIS pendidikan @kadis
    DISDIK-SEK bidang Sekretariat | ADM-SEKRETARIS pendidikan
      DISDIK-SEK-UMPEG subbidang Subbagian Umum dan Kepegawaian | PGW-KASUBBAG | PL-KEPEG*2 @admin_opd, PL-ADM-UMUM
      DISDIK-SEK-KEU subbidang Subbagian Perencanaan dan Keuangan | PGW-KASUBBAG keuangan | PL-BENDAHARA keuangan, PL-KEUANGAN*2 keuangan, FG-PERENCANA-1
    DISDIK-SD bidang Bidang Pembinaan Sekolah Dasar | ADM-KABID pendidikan
      DISDIK-SD-KUR subbidang Seksi Kurikulum SD | PGW-KASI pendidikan | PL-ADM-UMUM*2, PL-DATA
      DISDIK-SD-SAR subbidang Seksi Kelembagaan dan Sarana Prasarana SD | PGW-KASI | PL-SARPRAS*2
      SDN-1-SKMJ subbidang SD Negeri 1 Sukamaju | FG-KEPSEK pendidikan | FG-GURU-2 pendidikan @guru, {_GURU.format(3, 2, 2, 1)}, PL-TENDIK
      SDN-2-SKMJ subbidang SD Negeri 2 Sukamaju | FG-KEPSEK pendidikan | {_GURU.format(3, 2, 2, 1)} pensiun=1, PL-TENDIK
      SDN-3-SKMJ subbidang SD Negeri 3 Sukamaju | FG-KEPSEK pendidikan | FG-GURU-1 pendidikan cpns=1, {_GURU.format(3, 2, 1, 1)}, PL-TENDIK
      SDN-4-SKMJ subbidang SD Negeri 4 Sukamaju | FG-KEPSEK pendidikan | {_GURU.format(3, 1, 2, 1)}
    DISDIK-SMP bidang Bidang Pembinaan Sekolah Menengah Pertama | ADM-KABID pendidikan @kabid
      DISDIK-SMP-KUR subbidang Seksi Kurikulum dan Penilaian SMP | PGW-KASI pendidikan @kasi | PL-ADM-UMUM*2 @pegawai, PL-DATA
      DISDIK-SMP-PD subbidang Seksi Peserta Didik dan Pembangunan Karakter SMP | PGW-KASI pendidikan | PL-ADM-UMUM*2
      SMPN-1-SKMJ subbidang SMP Negeri 1 Sukamaju | FG-KEPSEK pendidikan | {_GURU.format(4, 2, 3, 2)}, PL-TENDIK*2
      SMPN-2-SKMJ subbidang SMP Negeri 2 Sukamaju | FG-KEPSEK pendidikan | {_GURU.format(3, 2, 2, 2)}, PL-TENDIK
  DINKES opd Dinas Kesehatan | JPT-KADIS dokter
    DINKES-SEK bidang Sekretariat | ADM-SEKRETARIS kesehatan | PL-KEUANGAN keuangan, PL-BENDAHARA keuangan, PL-ADM-UMUM
    DINKES-YANKES bidang Bidang Pelayanan Kesehatan | ADM-KABID kesehatan
      DINKES-YANKES-PRIMER subbidang Seksi Pelayanan Kesehatan Primer | PGW-KASI kesehatan | FG-ADMINKES-1*2 kesehatan
      DINKES-YANKES-RUJUKAN subbidang Seksi Pelayanan Kesehatan Rujukan | PGW-KASI kesehatan | PL-ADM-UMUM*2
    DINKES-KESMAS bidang Bidang Kesehatan Masyarakat | ADM-KABID kesehatan | FG-PKM-1*2 kesehatan, FG-NUTRISIONIS-T*2 gizi
    PKM-SKMJ bidang UPT Puskesmas Sukamaju | ADM-KAPUSK dokter | {_PUSKESMAS.format(1, 1, 3, 2, 1, 1, 2)}
    PKM-SKU bidang UPT Puskesmas Sukamaju Utara | ADM-KAPUSK dokter | {_PUSKESMAS.format(1, 1, 2, 1, 1, 0, 2)}
    PKM-CBN bidang UPT Puskesmas Cibening | ADM-KAPUSK dokter | {_PUSKESMAS.format(1, 0, 3, 1, 1, 0, 2)}
  DUKCAPIL opd Dinas Kependudukan dan Pencatatan Sipil | JPT-KADIS pemerintahan
    DUKCAPIL-SEK bidang Sekretariat | ADM-SEKRETARIS | PL-ADM-UMUM*2, PL-BENDAHARA keuangan
    DUKCAPIL-DAFDUK bidang Bidang Pelayanan Pendaftaran Penduduk | ADM-KABID pemerintahan
      DUKCAPIL-DAFDUK-ID subbidang Seksi Identitas Penduduk | PGW-KASI | PL-VERIF-KEPEND komputer cpns=1 @aktivasi, PL-ADM-KEPEND*3
      DUKCAPIL-DAFDUK-PD subbidang Seksi Pindah Datang dan Pendataan Penduduk | PGW-KASI | PL-ADM-KEPEND*2
    DUKCAPIL-CAPIL bidang Bidang Pelayanan Pencatatan Sipil | ADM-KABID hukum
      DUKCAPIL-CAPIL-LM subbidang Seksi Kelahiran dan Kematian | PGW-KASI | PL-ADM-KEPEND*3 pppk=1
      DUKCAPIL-CAPIL-PP subbidang Seksi Perkawinan dan Perceraian | PGW-KASI hukum | PL-ADM-KEPEND*2
    DUKCAPIL-PIAK bidang Bidang Pengelolaan Informasi Administrasi Kependudukan | ADM-KABID komputer | FG-ADMINDUK-1*2 komputer, FG-PRAKOM-T komputer
  BPKAD opd Badan Pengelolaan Keuangan dan Aset Daerah | JPT-KABADAN keuangan
    BPKAD-SEK bidang Sekretariat | ADM-SEKRETARIS keuangan | PL-ADM-UMUM*2, PL-BENDAHARA keuangan
    BPKAD-ANG bidang Bidang Anggaran | ADM-KABID keuangan | FG-ANKEU-1*2 keuangan, FG-ANKEU-2*2 keuangan
    BPKAD-BEND bidang Bidang Perbendaharaan | ADM-KABID keuangan
      BPKAD-BEND-BLJ subbidang Subbidang Belanja | PGW-KASUBBID keuangan | PL-KEUANGAN*2 keuangan, PL-BENDAHARA keuangan
      BPKAD-BEND-KAS subbidang Subbidang Kas Daerah | PGW-KASUBBID keuangan | PL-KEUANGAN*2 keuangan
    BPKAD-AKT bidang Bidang Akuntansi dan Pelaporan | ADM-KABID keuangan | FG-ANKEU-1*2 keuangan, FG-ANKEU-2 keuangan, PL-KEUANGAN keuangan
    BPKAD-ASET bidang Bidang Aset | ADM-KABID keuangan | PL-BMD*3
  BKD opd Badan Kepegawaian Daerah | JPT-KABADAN
    BKD-SEK bidang Sekretariat | ADM-SEKRETARIS | PL-PENGADUAN sosial @petugas, PL-ADM-UMUM*2, PL-BENDAHARA keuangan
    BKD-INFO bidang Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian | ADM-KABID | FG-PRAKOM-1 komputer @admin_bkd, FG-ASDM-1*2, FG-PRANATA-SDM-T*2
    BKD-MUTASI bidang Bidang Mutasi dan Promosi | ADM-KABID | FG-ASDM-1*2, FG-ASDM-2, FG-PRANATA-SDM-T
    BKD-BANGKOM bidang Bidang Pengembangan Kompetensi dan Penilaian Kinerja | ADM-KABID | FG-ASDM-2*2, FG-ASDM-1, PL-KEPEG
  INSPEKTORAT opd Inspektorat Daerah | JPT-INSPEKTUR keuangan
    INSPEKTORAT-SEK bidang Sekretariat | ADM-SEKRETARIS | PL-ADM-UMUM*2
    INSPEKTORAT-IRBAN1 bidang Inspektur Pembantu Wilayah I | ADM-IRBAN keuangan | FG-AUDITOR-1 keuangan, FG-AUDITOR-2 keuangan, FG-AUDITOR-3 keuangan, FG-P2UPD-1 pemerintahan
    INSPEKTORAT-IRBAN2 bidang Inspektur Pembantu Wilayah II | ADM-IRBAN hukum | FG-AUDITOR-1 keuangan, FG-AUDITOR-2*2 keuangan, FG-P2UPD-1 pemerintahan, FG-P2UPD-2 hukum
  DISHUB opd Dinas Perhubungan | JPT-KADIS teknik
    DISHUB-SEK bidang Sekretariat | ADM-SEKRETARIS | PL-ADM-UMUM*2, PL-KEUANGAN keuangan
    DISHUB-LALIN bidang Bidang Lalu Lintas | ADM-KABID teknik
      DISHUB-LALIN-MRLL subbidang Seksi Manajemen dan Rekayasa Lalu Lintas | PGW-KASI teknik | PL-LALIN*3
      DISHUB-LALIN-DALOPS subbidang Seksi Pengendalian dan Operasional | PGW-KASI | PL-LALIN*3 pppk=1
    DISHUB-ANGKUTAN bidang Bidang Angkutan dan Pengujian Kendaraan | ADM-KABID teknik | FG-PKB-T*3 teknik, FG-PKB-M teknik
  KEC-SKU opd Kecamatan Sukamaju Utara | ADM-CAMAT pemerintahan
    KEC-SKU-SEK bidang Sekretariat Kecamatan | ADM-SEKCAM pemerintahan | PL-ADM-UMUM*2, PL-BENDAHARA keuangan
    KEC-SKU-PEM subbidang Seksi Pemerintahan | PGW-KASI pemerintahan | PL-ADM-PEM*2
    KEC-SKU-KESOS subbidang Seksi Kesejahteraan Sosial | PGW-KASI sosial | PL-ADM-UMUM
    KEC-SKU-TRANTIB subbidang Seksi Ketenteraman dan Ketertiban Umum | PGW-KASI | PL-ADM-UMUM*2
    KEL-SKU subbidang Kelurahan Sukamaju Utara | PGW-LURAH pemerintahan | PL-ADM-PEM*2
    KEL-CBN subbidang Kelurahan Cibening | PGW-LURAH pemerintahan | PL-ADM-PEM*2
    KEL-MKS subbidang Kelurahan Mekarsari | PGW-LURAH pemerintahan | PL-ADM-PEM*2
    KEL-SDS subbidang Kelurahan Sindangsari | PGW-LURAH pemerintahan | PL-ADM-PEM*2
  DINSOS opd Dinas Sosial | JPT-KADIS sosial
    DINSOS-SEK bidang Sekretariat | ADM-SEKRETARIS | PL-ADM-UMUM*2, PL-KEUANGAN keuangan
    DINSOS-REHSOS bidang Bidang Rehabilitasi Sosial | ADM-KABID sosial | FG-PEKSOS-1*2 sosial, FG-PEKSOS-T sosial
    DINSOS-LINJAMSOS bidang Bidang Perlindungan dan Jaminan Sosial | ADM-KABID sosial
      DINSOS-LINJAMSOS-BANSOS subbidang Seksi Bantuan Sosial | PGW-KASI sosial | PL-BANSOS*3 sosial pppk=1
      DINSOS-LINJAMSOS-DATA subbidang Seksi Data dan Informasi Kesejahteraan Sosial | PGW-KASI | PL-DATA*2 komputer
    DINSOS-DAYASOS bidang Bidang Pemberdayaan Sosial | ADM-KABID sosial | FG-PEKSOS-2 sosial, FG-PEKSOS-1 sosial, PL-BANSOS sosial
"""

# persona -> (label in the table, nama, gelar depan, gelar belakang, perempuan, assigned role, OPD of the role)
PERSONA: dict[str, tuple[str, str, str, str, bool, str, str]] = {
    "admin_bkd": ("Admin BKD", "Rina Marlina", "", "S.Kom.", True, PeranPengguna.Peran.ADMIN_BKD, ""),
    "admin_opd": (
        "Admin OPD (Dinas Pendidikan)",
        "Agus Setiawan",
        "",
        "S.E.",
        False,
        PeranPengguna.Peran.ADMIN_OPD,
        "DISDIK",
    ),
    "petugas": (
        "Petugas Pengaduan (BKD, semua OPD)",
        "Dewi Lestari",
        "",
        "S.Sos.",
        True,
        PeranPengguna.Peran.PETUGAS_PENGADUAN,
        "",
    ),
    "kabid": ("Atasan (Kepala Bidang Pembinaan SMP)", "Sri Wahyuni", "", "S.Pd., M.Pd.", True, "", ""),
    "kadis": ("Atasan dari atasan (Kepala Dinas Pendidikan)", "Hendra Gunawan", "Dr.", "M.Pd.", False, "", ""),
    "kasi": ("Atasan langsung (Kepala Seksi Kurikulum SMP)", "Indah Wibowo", "", "S.Pd.", True, "", ""),
    "pegawai": ("Pegawai (staf Seksi Kurikulum SMP)", "Budi Santoso", "", "", False, "", ""),
    "guru": ("Guru (SD Negeri 1 Sukamaju)", "Nur Aini", "", "S.Pd.", True, "", ""),
    "aktivasi": ("Pegawai baru: masuk pertama dengan kode aktivasi", "Rizky Pratama", "", "S.Kom.", False, "", ""),
}
# The demo pegawai was moved to Disdik from the Dinas Sosial secretariat: their history shows it.
PERSONA_PINDAHAN = {"pegawai": "DINSOS-SEK"}


def _kata(teks: str) -> tuple[str, ...]:
    return tuple(teks.split())


NAMA_DEPAN_PRIA = _kata(
    "Agus Ahmad Andi Arif Asep Bambang Bayu Budi Cecep Dadang Dani Dedi Deni Dimas Eko Fajar Faisal Fikri "
    "Galih Gilang Hadi Hafiz Hendra Heru Ikhsan Ilham Imam Irfan Iwan Jajang Joko Lukman Muhammad Nanang "
    "Rahmat Reza Rizal Rudi Ryan Slamet Sugeng Taufik Teguh Ujang Wahyu Yudi Yusuf Zainal Anton Benny"
)
NAMA_DEPAN_WANITA = _kata(
    "Ani Anisa Aulia Ayu Citra Desi Dewi Dian Dina Eka Endah Euis Evi Fitri Hana Ida Ika Indah Intan "
    "Kartika Laila Lilis Lina Maya Mega Mira Nadia Neng Nia Nining Novi Nurul Puspita Putri Ratna Rini "
    "Rosita Sari Septi Siti Tika Tuti Vina Wulan Yanti Yuli Yuni Annisa Rahma"
)
NAMA_BELAKANG = _kata(
    "Santoso Wijaya Hidayat Nugroho Setiawan Kurniawan Pratama Gunawan Susanto Hermawan Firmansyah "
    "Ramadhan Permana Suryadi Hakim Maulana Rahman Hasibuan Siregar Nasution Lubis Simanjuntak "
    "Sitompul Harahap Tanjung Sihombing Saputra Purnomo Hartono Sutrisno Wibowo Mulyadi Sudrajat "
    "Sumarna Hidayatullah Prasetyo Kusuma Nainggolan Pane Daulay"
)
NAMA_BELAKANG_WANITA = _kata(
    "Lestari Rahayu Wulandari Handayani Susanti Puspitasari Safitri Anggraini Kusumawati Rahmawati "
    "Fitriani Maharani Permatasari Utami Wahyuni Purnamasari Novitasari Oktaviani Hasanah Nurhayati"
)

# field of study -> titles by education; "a|b" puts a in front of the name ("dr.", "Ns.") and b after it
GELAR: dict[str, dict[str, tuple[str, ...]]] = {
    "umum": {"D3": ("A.Md.",), "S1": ("S.Sos.", "S.AP.", "S.IP.", "S.E.", "S.H."), "S2": ("M.Si.", "M.AP.", "M.M.")},
    "pemerintahan": {"D3": ("A.Md.",), "S1": ("S.IP.", "S.STP.", "S.Sos."), "S2": ("M.Si.", "M.AP.")},
    "pendidikan": {"D3": ("A.Md.",), "S1": ("S.Pd.",), "S2": ("M.Pd.",)},
    "keuangan": {"D3": ("A.Md.Ak.",), "S1": ("S.E.", "S.Ak."), "S2": ("M.Ak.", "M.M.")},
    "hukum": {"D3": ("A.Md.",), "S1": ("S.H.",), "S2": ("M.H.",)},
    "komputer": {"D3": ("A.Md.Kom.",), "S1": ("S.Kom.", "S.T."), "S2": ("M.Kom.",)},
    "teknik": {"D3": ("A.Md.T.",), "S1": ("S.T.",), "S2": ("M.T.",)},
    "sosial": {"D3": ("A.Md.",), "S1": ("S.Sos.", "S.Psi."), "S2": ("M.Si.",)},
    "kesehatan": {"D3": ("A.Md.Kes.",), "S1": ("S.KM.",), "S2": ("M.Kes.", "M.KM.")},
    "gizi": {"D3": ("A.Md.Gz.",), "S1": ("S.Gz.",), "S2": ("M.Gz.",)},
    "dokter": {"D3": ("dr.|",), "S1": ("dr.|",), "S2": ("dr.|M.Kes.", "dr.|MARS")},
    "perawat": {"D3": ("A.Md.Kep.",), "S1": ("Ns.|S.Kep.",), "S2": ("Ns.|M.Kep.",)},
    "ners": {"D3": ("A.Md.Kep.",), "S1": ("Ns.|S.Kep.",), "S2": ("Ns.|M.Kep.",)},
    "bidan": {"D3": ("A.Md.Keb.",), "S1": ("S.Tr.Keb.",), "S2": ("M.Keb.",)},
}

# (jenis, jenjang) -> (birth years, golongan of a PNS); pelaksana go by education instead
PROFIL: dict[tuple[str, str], tuple[tuple[int, int], tuple[str, ...]]] = {
    ("jpt", Jen.PRATAMA): ((1967, 1975), ("IV/c", "IV/d")),
    ("administrator", ""): ((1969, 1982), ("IV/a", "IV/b")),
    ("pengawas", ""): ((1972, 1988), ("III/c", "III/d", "IV/a")),
    ("fungsional", Jen.PERTAMA): ((1986, 1998), ("III/a", "III/b")),
    ("fungsional", Jen.MUDA): ((1976, 1989), ("III/c", "III/d")),
    ("fungsional", Jen.MADYA): ((1967, 1980), ("IV/a", "IV/b", "IV/c")),
    ("fungsional", Jen.TERAMPIL): ((1984, 1999), ("II/c", "II/d")),
    ("fungsional", Jen.MAHIR): ((1976, 1990), ("III/a", "III/b")),
}
LAHIR_PELAKSANA = (1972, 1999)
GOLONGAN_PELAKSANA = {
    "SMA": ("II/a", "II/b", "II/c", "II/d"),
    "D3": ("II/c", "II/d", "III/a"),
    "S1": ("III/a", "III/b", "III/c"),
}
# education -> (golongan of a new CPNS, PPPK grade)
GOLONGAN_AWAL = {"SMA": ("II/a", "V"), "D3": ("II/c", "VII"), "S1": ("III/a", "IX"), "S2": ("III/b", "X")}
USIA_MASUK = {"SMA": (19, 24), "D3": (21, 26), "S1": (23, 29), "S2": (24, 30)}


# --- the outline, parsed --------------------------------------------------------------------------


@dataclass(frozen=True)
class Staf:
    jabatan: str
    jumlah: int = 1
    ilmu: str = "umum"
    pppk: int = 0
    cpns: int = 0
    pensiun: int = 0
    persona: str = ""


@dataclass
class Unit:
    kode: str
    jenis: str
    nama: str
    kepala: Staf | None = None
    staf: list[Staf] = field(default_factory=list)
    anak: list[Unit] = field(default_factory=list)


def _staf(teks: str) -> Staf:
    kata = teks.split()
    jabatan, _, jumlah = kata[0].partition("*")
    if jabatan not in JABATAN:
        raise ValueError(f"demo: jabatan tidak dikenal {jabatan!r}")
    opsi: dict = {"jumlah": int(jumlah or 1)}
    for k in kata[1:]:
        if k.startswith("@"):
            opsi["persona"] = k[1:]
        elif "=" in k:
            nama, nilai = k.split("=")
            opsi[nama] = int(nilai)
        else:
            opsi["ilmu"] = k
    return Staf(jabatan, **opsi)


def struktur_parse(teks: str = STRUKTUR) -> Unit:
    """The outline as a tree of `Unit`; raises ValueError on a malformed line."""
    tumpukan: list[Unit] = []
    akar = None
    for baris in teks.strip("\n").splitlines():
        tingkat = (len(baris) - len(baris.lstrip(" "))) // 2
        bagian = [b.strip() for b in baris.split("|")]
        kode, jenis, nama = bagian[0].split(None, 2)
        unit = Unit(kode, jenis, nama)
        if len(bagian) > 1:
            unit.kepala = _staf(bagian[1])
        if len(bagian) > 2:
            unit.staf = [_staf(s) for s in bagian[2].split(",")]
        del tumpukan[tingkat:]
        if tumpukan:
            tumpukan[-1].anak.append(unit)
        elif akar is None:
            akar = unit
        else:
            raise ValueError(f"demo: lebih dari satu akar ({kode})")
        tumpukan.append(unit)
    return akar


# Logins added after the demo NIPs were published (their generation keeps everyone else's NIP).
PERSONA_SUSULAN = frozenset({"kasi"})
