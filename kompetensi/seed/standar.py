"""Default required levels by position kind, and the teknis standards of the demo positions.

**Manajerial and sosial kultural defaults** (`STANDAR_BAWAAN`, seeded into
`StandarLevelDefault`). These are *configurable defaults*, not regulation: DOMAIN.md calls the
commonly cited figures unconfirmed, so they are seeded once and Admin BKD can change them; the
seed never overwrites a row that already exists.

- Structural positions: JPT Madya 5, JPT Pratama 4, Administrator 3, Pengawas 2, Pelaksana 1.
- Functional positions follow the managerial reach of the jenjang, anchored on the equivalence
  used when structural positions were converted to functional ones (Administrator to Ahli
  Madya, Pengawas to Ahli Muda): Ahli Utama 4, Ahli Madya 3, Ahli Muda 2, Ahli Pertama 1;
  Penyelia 2, Mahir 1, Terampil 1. Ahli Pertama, Terampil and Mahir act on their own work
  (level 1); Ahli Utama stays at 4, below JPT Madya, because a functional official leads a
  field, not a government.
  Technical depth by jenjang belongs to the teknis standards below, not here.

**Teknis standards of the demo positions** (`STANDAR_TEKNIS`: jabatan kode -> competency kode
-> level). Applied only to positions that exist (the demo Pemda's codes); the level follows
the jenjang: Terampil 1, Mahir 2, Ahli Pertama 2, Ahli Muda 3, Ahli Madya 4; a Pelaksana 1,
or 2 where the post checks others' work (verifier, treasurer); the head of a puskesmas 3.
"""

from __future__ import annotations

from pegawai.models import Jabatan

J, Jen = Jabatan.Jenis, Jabatan.Jenjang

# (jenis jabatan, jenjang or "") -> level
STANDAR_BAWAAN: dict[tuple[str, str], int] = {
    (J.JPT, Jen.MADYA_JPT): 5,
    (J.JPT, Jen.PRATAMA): 4,
    (J.ADMINISTRATOR, ""): 3,
    (J.PENGAWAS, ""): 2,
    (J.PELAKSANA, ""): 1,
    (J.FUNGSIONAL, Jen.UTAMA): 4,
    (J.FUNGSIONAL, Jen.MADYA): 3,
    (J.FUNGSIONAL, Jen.MUDA): 2,
    (J.FUNGSIONAL, Jen.PERTAMA): 1,
    (J.FUNGSIONAL, Jen.PENYELIA): 2,
    (J.FUNGSIONAL, Jen.MAHIR): 1,
    (J.FUNGSIONAL, Jen.TERAMPIL): 1,
}

_GURU, _NILAI = "T.GURU.1", "T.GURU.2"
_YANKES, _ASKEP = "T.KES.1", "T.KES.2"
_ADMINDUK = "T.DUK.1"
_KEUDA, _PENATAUSAHAAN = "T.KEU.1", "T.KEU.2"

STANDAR_TEKNIS: dict[str, dict[str, int]] = {
    # education
    "FG-GURU-1": {_GURU: 2, _NILAI: 2},
    "FG-GURU-2": {_GURU: 3, _NILAI: 3},
    "FG-GURU-3": {_GURU: 4, _NILAI: 4},
    "FG-KEPSEK": {_GURU: 4, _NILAI: 4},
    # health
    "ADM-KAPUSK": {_YANKES: 3},
    "FG-DOKTER-1": {_YANKES: 2},
    "FG-DOKTER-2": {_YANKES: 3},
    "FG-PERAWAT-T": {_YANKES: 1, _ASKEP: 1},
    "FG-PERAWAT-M": {_YANKES: 2, _ASKEP: 2},
    "FG-PERAWAT-1": {_YANKES: 2, _ASKEP: 2},
    "FG-BIDAN-T": {_YANKES: 1},
    "FG-BIDAN-M": {_YANKES: 2},
    # front office of the Disdukcapil
    "PL-ADM-KEPEND": {_ADMINDUK: 1},
    "PL-VERIF-KEPEND": {_ADMINDUK: 2},
    "FG-ADMINDUK-1": {_ADMINDUK: 2},
    # finance
    "PL-KEUANGAN": {_KEUDA: 1, _PENATAUSAHAAN: 1},
    "PL-BENDAHARA": {_KEUDA: 1, _PENATAUSAHAAN: 2},
    "FG-ANKEU-1": {_KEUDA: 2, _PENATAUSAHAAN: 2},
    "FG-ANKEU-2": {_KEUDA: 3, _PENATAUSAHAAN: 3},
}

# The one demo position left without any standard, so the pages can show "Belum memiliki
# standar" (no teknis dictionary for vehicle testing has been written yet).
DEMO_TANPA_STANDAR = "FG-PKB-M"
