"""The complaint dashboard (Admin OPD for their OPD, Admin BKD, Petugas Pengaduan) and its two
Excel exports: the register of complaints and SLA compliance per unit and officer.

Everything is read through the user's scope (pengaduan.access): the same page shows an Admin
OPD their OPD without rahasia cases, and never a case about the reader. A constant number of
queries whatever the number of cases (pinned in test_dasbor.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin
from unduhan.views import ekspor_latar

from ..exports.aduan import PEMBACA, REGISTER, register_ekspor, register_qs, sla_ekspor
from ..forms.dasbor import PilihanDasbor, dasbor_pilihan
from ..selectors.alur import pengaduan_antrean
from ..selectors.metrik import MetrikAduan, pengaduan_metrik, pengaduan_ringkasan, volume_per_bulan
from ..selectors.skm import ikm_per_unit, rentang_waktu

PESAN_FILTER = "Filter dasbor tidak valid; ditampilkan tahun ini untuk semua perangkat daerah Anda."
PESAN_FILTER_EKSPOR = "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali."
TERLAMBAT_MAKS = 20  # overdue cases listed on the page (the queue has them all)
GRAFIK_UNIT_MAKS = 20  # units in the on-time chart: the lowest rates first


def _pilihan(request) -> PilihanDasbor:
    return dasbor_pilihan(request.user, request.GET)


def _angka(nilai) -> float | None:
    return None if nilai is None else float(nilai)


def _grafik_tepat(unit: list[MetrikAduan]) -> dict:
    diukur = sorted((m for m in unit if m.jumlah_diukur), key=lambda m: (m.persen_tepat_waktu, -m.jumlah_diukur))
    diukur = diukur[:GRAFIK_UNIT_MAKS]
    return {
        "label": [m.nama for m in diukur],
        "persen": [_angka(m.persen_tepat_waktu) for m in diukur],
        "diukur": [m.jumlah_diukur for m in diukur],
    }


def _grafik_ikm(ikm: list) -> dict:
    ada = [x for x in ikm if x.ikm.ikm is not None]
    return {
        "label": [x.unit_nama for x in ada],
        "ikm": [_angka(x.ikm.ikm) for x in ada],
        "responden": [x.ikm.responden for x in ada],
    }


class DasborView(PeranRequiredMixin, View):
    peran_diperlukan = PEMBACA

    def get(self, request):
        pilihan = _pilihan(request)
        if not pilihan.valid:
            messages.warning(request, PESAN_FILTER)
        user, p, hari_ini = request.user, pilihan.periode, timezone.localdate()
        umum = {"mulai": p.mulai, "selesai": p.selesai, "user": user, "opd_id": pilihan.opd_id}
        ringkasan = pengaduan_ringkasan(hari_ini=hari_ini, **umum)
        unit = list(pengaduan_metrik(per="unit", hari_ini=hari_ini, **umum).values())
        awal, akhir = rentang_waktu(p.mulai, p.selesai)
        terlambat = pengaduan_antrean(user, hari_ini=hari_ini).filter(
            diterima_pada__gte=awal, diterima_pada__lt=akhir, terlambat=True
        )
        if pilihan.opd_id:
            terlambat = terlambat.filter(opd_id=pilihan.opd_id)
        ikm = ikm_per_unit(user, p.mulai, p.selesai)
        if pilihan.opd_id:
            ikm = [x for x in ikm if x.opd_id == pilihan.opd_id]
        akses = akses_get(user)
        return render(
            request,
            "pengaduan/dasbor.html",
            {
                "pilihan": pilihan,
                "form": pilihan.form,
                "periode": p,
                "tampil_opd": akses.admin_bkd
                or akses.petugas_semua
                or len(akses.admin_opd_ids | akses.petugas_opd_ids) > 1,
                "ringkasan": ringkasan,
                "unit": unit,
                "terlambat": list(terlambat[:TERLAMBAT_MAKS]),
                "ikm": ikm,
                "grafik_volume": volume_per_bulan(**umum),
                "grafik_tepat": _grafik_tepat(unit),
                "grafik_ikm": _grafik_ikm(ikm),
                "hari_ini": hari_ini,
                "query": request.GET.urlencode(),
            },
        )


def _kembali(request) -> HttpResponseRedirect:
    messages.error(request, PESAN_FILTER_EKSPOR)
    return HttpResponseRedirect(f"{reverse('pengaduan:dasbor')}?{request.GET.urlencode()}")


class DasborRegisterExportView(PeranRequiredMixin, View):
    """The register as Excel: in the request, or above EKSPOR_LATAR_MIN_BARIS cases as a
    background export the user downloads from Unduhan Saya."""

    peran_diperlukan = PEMBACA

    def get(self, request):
        pilihan = _pilihan(request)
        if not pilihan.valid:
            return _kembali(request)
        latar = ekspor_latar(
            request, baris=register_qs(request.user, pilihan), jenis=REGISTER, tetap=pilihan.parameter()
        )
        return latar or xlsx_response(*register_ekspor(request.user, pilihan))


class DasborSlaExportView(PeranRequiredMixin, View):
    """SLA compliance per unit and per responsible officer (a few hundred rows: in the request)."""

    peran_diperlukan = PEMBACA

    def get(self, request):
        pilihan = _pilihan(request)
        if not pilihan.valid:
            return _kembali(request)
        return xlsx_response(*sla_ekspor(request.user, pilihan))
