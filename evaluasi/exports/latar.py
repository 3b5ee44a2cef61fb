"""The evaluasi exports that run in the background when large (unduhan app): the monthly
daily-log recap, the monitoring drill-down (who has not ...) and the predikat recap.

Each registered function reads the page's parameters again with the page's own filter or form
and the user's scoped selectors, as the user is now: the task runs later, and a scope that has
shrunk since the request shrinks the file (or fails it with the form's message) instead of
leaking rows. The pages (evaluasi.views.log, evaluasi.views.monitoring) decide when to queue.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from unduhan.registry import Progres, ekspor_daftar

from ..forms.log import PESAN_BULAN, bulan_parse
from ..forms.monitoring import MonitoringForm
from ..models import Periode
from ..selectors.log import log_rekap_pegawai
from ..selectors.monitoring import monitoring_pegawai_list
from ..selectors.periode import periode_bawaan
from .log import log_rekap_ekspor
from .periode import monitoring_ekspor, predikat_ekspor

LOG_REKAP = "evaluasi.log_rekap"
MONITORING = "evaluasi.monitoring"
PREDIKAT = "evaluasi.predikat"

PEREKAP_LOG = ("atasan", "admin_opd", "admin_bkd")
ADMIN = ("admin_opd", "admin_bkd")
PESAN_FILTER = "Filter ekspor tidak lagi berlaku untuk Anda: {galat}"
PESAN_TANPA_PERIODE = "Periode penilaian ekspor ini tidak ditemukan lagi."


def _galat(form) -> ValidationError:
    pesan = [e for daftar in form.errors.values() for e in daftar]
    return ValidationError(PESAN_FILTER.format(galat=" ".join(pesan)))


# --- the monthly daily-log recap ----------------------------------------------------------------


def log_rekap_latar(user, parameter: dict, progres: Progres) -> tuple[Workbook, str]:
    bulan = bulan_parse(parameter.get("bulan"))
    if bulan is None:
        raise ValidationError(PESAN_BULAN)
    filterset = log_rekap_pegawai(user=user, data=parameter)
    if not filterset.is_valid():
        raise _galat(filterset.form)
    return log_rekap_ekspor(filterset, bulan=bulan, progres=progres)


# --- monitoring --------------------------------------------------------------------------------------


def monitoring_saringan(data, *, user) -> tuple[MonitoringForm, bool, Periode | None, dict]:
    """(form, valid, periode, saringan) of the monitoring filters in `data` (the query string,
    or None for the defaults), scoped to `user`; shared by the pages and their exports."""
    form = MonitoringForm(data or None, user=user)
    valid = form.is_valid() if form.is_bound else True
    d = form.cleaned_data if form.is_bound and valid else {}
    periode = d.get("periode") or periode_bawaan()
    saringan = {
        "opd_id": d["opd"].pk if d.get("opd") else None,
        "unit_id": d["unit"].pk if d.get("unit") else None,
        "belum": d.get("belum") or "",
        "cari": d.get("cari") or "",
    }
    return form, valid, periode, saringan


def _saringan_latar(user, parameter: dict) -> tuple[Periode, dict]:
    form, valid, periode, saringan = monitoring_saringan(parameter, user=user)
    if not valid:
        raise _galat(form)
    if periode is None or not parameter.get("periode"):
        raise ValidationError(PESAN_TANPA_PERIODE)
    return periode, saringan


def monitoring_latar(user, parameter: dict, progres: Progres) -> tuple[Workbook, str]:
    periode, s = _saringan_latar(user, parameter)
    qs = monitoring_pegawai_list(user=user, periode=periode, **s)
    return monitoring_ekspor(periode=periode, evaluasi=qs, belum=s["belum"], progres=progres)


def predikat_latar(user, parameter: dict, progres: Progres) -> tuple[Workbook, str]:
    periode, s = _saringan_latar(user, parameter)
    return predikat_ekspor(user=user, periode=periode, opd_id=s["opd_id"], progres=progres)


ekspor_daftar(LOG_REKAP, log_rekap_latar, judul="Rekap log harian", peran=PEREKAP_LOG)
ekspor_daftar(MONITORING, monitoring_latar, judul="Monitoring kinerja (siapa yang belum)", peran=ADMIN)
ekspor_daftar(PREDIKAT, predikat_latar, judul="Rekap predikat per unit", peran=ADMIN)
