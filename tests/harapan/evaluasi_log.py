"""Access-matrix rows: the daily activity log (laporan aktivitas harian).

In the `dunia` fixture `pegawai` has one entry dated today, not yet checked ("belum"), in a
period in assessment; `atasan` is pegawai's direct atasan (the reviewer). Every persona is a
pegawai, so each has a log of their own (list and entry form).

`log-create`, `log-update` and `log-delete` are written by `pegawai` themselves, one of the
personas whose POSTs the matrix expects to be refused, so they are not marked `ubah` here;
evaluasi/tests/test_log_views.py checks that every other persona's POST to them changes nothing
(403 for those who see the entry, 404 for the rest).
"""

from tests.harapan import *  # noqa: F403

# The pegawai's entry: they change it; supervisors and admins see it but may not (403); rekan
# (a sibling), outsider and petugas do not see it at all (404).
_LOG_UBAH = _hanya(TIDAK_ADA, pegawai=OK, atasan=DILARANG, admin_opd=DILARANG, admin_bkd=DILARANG)  # noqa: F405

HARAPAN: dict[str, dict] = {
    "evaluasi:log-list": _baris_dari(SEMUA_OK),  # noqa: F405
    "evaluasi:log-create": _baris_dari(SEMUA_OK),  # noqa: F405
    "evaluasi:log-update": _baris_dari(_LOG_UBAH),  # noqa: F405
    # GET: the confirmation page; POST deletes.
    "evaluasi:log-delete": _baris_dari(_LOG_UBAH),  # noqa: F405
    # The queue of direct subordinates' entries: whoever has subordinates (POST: bulk review).
    "evaluasi:log-periksa": _baris_dari(_hanya(DILARANG, atasan=OK), ubah=True),  # noqa: F405
    # POST only (a GET is 405); a POST by someone who sees the entry but is not its pegawai's
    # direct atasan is a 403, by anyone else a 404.
    "evaluasi:log-review": _baris_dari(_hanya(METODE), ubah=True),  # noqa: F405
    # Monthly recap and its Excel: atasan (subordinates), Admin OPD (their OPD), BKD (all).
    "evaluasi:log-rekap": _baris_dari(_hanya(DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK)),  # noqa: F405
    "evaluasi:log-rekap-export": _baris_dari(_hanya(DILARANG, atasan=OK, admin_opd=OK, admin_bkd=OK)),  # noqa: F405
}
