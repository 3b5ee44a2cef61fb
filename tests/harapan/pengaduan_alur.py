"""Access-matrix rows: pengaduan, area "alur" (objects: tests/harapan/dunia_pengaduan.py).

The dunia case is an anonim complaint of OPD A disposed to `atasan` (the responsible officer);
its evidence is the complainant's own file. `petugas` handles every OPD; Admin BKD and Admin OPD
read the case but do not handle it (403 on the pegawai search, refused on the actions);
`atasan` answers it. The actions are POST only (405 to a GET); an outsider's POST is a 404 and
changes nothing. Their own tests: pengaduan/tests/test_alur_views.py.
"""

from tests.harapan import DILARANG, METODE, OK, TIDAK_ADA, _baris_dari, _hanya

# Those who can see the case: its OPD's admin, BKD, the officers and the responsible officer.
_LIHAT = _hanya(TIDAK_ADA, atasan=OK, admin_opd=OK, admin_bkd=OK, petugas=OK)

HARAPAN: dict[str, dict] = {
    # The queue: officers and admins; a pegawai only once a case was disposed to them.
    "pengaduan:aduan-list": _baris_dari(_hanya(DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK, petugas=OK)),
    "pengaduan:aduan-detail": _baris_dari(_LIHAT),
    "pengaduan:aduan-verifikasi": _baris_dari(_hanya(METODE), ubah=True),
    "pengaduan:aduan-tolak": _baris_dari(_hanya(METODE), ubah=True),
    "pengaduan:aduan-disposisi": _baris_dari(_hanya(METODE), ubah=True),
    "pengaduan:aduan-tanggapi": _baris_dari(_hanya(METODE), ubah=True),
    "pengaduan:aduan-selesai": _baris_dari(_hanya(METODE), ubah=True),
    "pengaduan:aduan-arsip": _baris_dari(_hanya(METODE), ubah=True),
    # Reveals (and audits) the complainant's identity: POST only; an outsider's POST writes nothing.
    "pengaduan:aduan-identitas": _baris_dari(_hanya(METODE), ubah=True),
    # The pegawai search of the case's OPD: those who handle the case (Petugas Pengaduan).
    "pengaduan:aduan-pegawai": _baris_dari(
        _hanya(TIDAK_ADA, atasan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG, petugas=OK)
    ),
    # The complainant's own file of an anonim case: only those who may know who filed it.
    "pengaduan:buktiaduan-unduh": _baris_dari(_hanya(TIDAK_ADA, admin_bkd=OK, petugas=OK)),
}
