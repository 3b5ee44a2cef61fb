"""The satisfaction survey: the citizen's public form (no login) and the internal pages of
the surveyed services: the list with each one's IKM, adding and changing a service, the IKM
page, the printable QR code and the Excel report.

Results: Admin OPD (their OPD), Admin BKD and Petugas Pengaduan. Changing services: Admin OPD
for their OPD's units and Admin BKD. Access rules live in pengaduan/access.py.
"""

from __future__ import annotations

import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.access import akses_get
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..access import access_layanan_skm, may_kelola_layanan
from ..exports.skm import skm_ekspor
from ..forms.skm import (
    HONEYPOT,
    PESAN_FILTER,
    PESAN_PERIKSA,
    LayananBuatForm,
    LayananUbahForm,
    PeriodeSkmForm,
    SurveiForm,
)
from ..laju import laju_terlampaui, respon_laju
from ..models import LayananSkm
from ..rules import krejcie_morgan
from ..selectors.skm import (
    demografi,
    ikm_layanan,
    ikm_tren,
    layanan_skm_list,
    saran_list,
    unsur_rincian,
    unsur_terlemah,
)
from ..services.skm import layanan_skm_buat, layanan_skm_ubah, skm_respon_buat

HASIL = ("admin_opd", "admin_bkd", "petugas_pengaduan")
KELOLA = ("admin_opd", "admin_bkd")
PER_HALAMAN_SARAN = 20
QR_SKALA = 8


def _periode(request) -> tuple[PeriodeSkmForm, object]:
    """The period filter of the query string; an invalid one warns and falls back to this year."""
    form = PeriodeSkmForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.warning(request, PESAN_FILTER)
    return form, form.periode()


def _sampel(layanan: LayananSkm, responden: int) -> dict:
    minimal = krejcie_morgan(layanan.populasi)
    return {
        "minimal": minimal,
        "populasi_kosong": not layanan.populasi,
        "memenuhi": bool(layanan.populasi) and responden >= minimal,
        "kurang": max(minimal - responden, 0),
    }


def url_survei(request, layanan: LayananSkm) -> str:
    """The public survey address (what a QR code on the service counter must open): the
    configured public address SITE_URL, not the address the admin's browser happens to use
    (often an intranet name the public cannot reach)."""
    return f"{settings.SITE_URL.rstrip('/')}{reverse('layanan:survei-isi', kwargs={'kode': layanan.kode_publik})}"


# --- internal pages -----------------------------------------------------------------------------


class LayananListView(PeranRequiredMixin, View):
    peran_diperlukan = HASIL

    def get(self, request):
        form, periode = _periode(request)
        cari = (request.GET.get("cari") or "").strip()[:100]
        page_obj = halaman_get(layanan_skm_list(request.user, cari=cari), request.GET.get("page"))
        ikm = ikm_layanan([x.pk for x in page_obj], periode.mulai, periode.selesai)
        baris = [
            {
                "layanan": x,
                "ikm": ikm[x.pk],
                "sampel": _sampel(x, ikm[x.pk].responden),
                "bisa_ubah": may_kelola_layanan(request.user, x),
            }
            for x in page_obj
        ]
        return render(
            request,
            "pengaduan/layanan_list.html",
            {
                "form": form,
                "periode": periode,
                "cari": cari,
                "page_obj": page_obj,
                "baris": baris,
                "bisa_tambah": akses_get(request.user).admin,
            },
        )


class LayananCreateView(PeranRequiredMixin, View):
    peran_diperlukan = KELOLA
    template_name = "pengaduan/layanan_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": LayananBuatForm(user=request.user)})

    def post(self, request):
        form = LayananBuatForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                layanan = layanan_skm_buat(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, f"Layanan {layanan.nama} ditambahkan; survei sudah dapat diisi masyarakat.")
                return redirect("pengaduan:layanan-detail", pk=layanan.pk)
        return render(request, self.template_name, {"form": form})


class LayananUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = KELOLA
    template_name = "pengaduan/layanan_form.html"

    def get(self, request, pk):
        layanan = access_layanan_skm(request.user, pk, for_change=True)
        form = LayananUbahForm(initial={"nama": layanan.nama, "populasi": layanan.populasi, "aktif": layanan.aktif})
        return render(request, self.template_name, {"form": form, "layanan": layanan})

    def post(self, request, pk):
        layanan = access_layanan_skm(request.user, pk, for_change=True)
        form = LayananUbahForm(request.POST)
        if form.is_valid():
            try:
                layanan = layanan_skm_ubah(actor=request.user, layanan=layanan, **form.cleaned_data)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, f"Layanan {layanan.nama} disimpan.")
                return redirect("pengaduan:layanan-detail", pk=layanan.pk)
        layanan.refresh_from_db(fields=["nama", "populasi", "aktif"])
        return render(request, self.template_name, {"form": form, "layanan": layanan})


def _grafik_nrr(rincian) -> dict:
    return {
        "label": [r.kode for r in rincian],
        "nama": [r.nama for r in rincian],
        "nrr": [None if r.nrr is None else round(float(r.nrr), 3) for r in rincian],
    }


def _grafik_tren(tren) -> dict:
    return {
        "label": [t.label for t in tren],
        "ikm": [None if t.ikm.ikm is None else float(t.ikm.ikm) for t in tren],
        "responden": [t.ikm.responden for t in tren],
    }


class LayananDetailView(PeranRequiredMixin, View):
    """The IKM page of one service for the chosen period."""

    peran_diperlukan = HASIL

    def get(self, request, pk):
        layanan = access_layanan_skm(request.user, pk)
        form, periode = _periode(request)
        ikm = ikm_layanan([layanan.pk], periode.mulai, periode.selesai)[layanan.pk]
        rincian = unsur_rincian(ikm)
        tren_per = form.tren_per()
        tren = ikm_tren(layanan, periode.tahun, per=tren_per)
        saran = halaman_get(
            saran_list(layanan, periode.mulai, periode.selesai), request.GET.get("page"), per_halaman=PER_HALAMAN_SARAN
        )
        return render(
            request,
            "pengaduan/layanan_detail.html",
            {
                "layanan": layanan,
                "form": form,
                "periode": periode,
                "ikm": ikm,
                "rincian": rincian,
                "terlemah": unsur_terlemah(rincian),
                "kosong": [r for r in rincian if r.nrr is None],
                "jumlah_terjawab": sum(1 for r in rincian if r.nrr is not None),
                "sampel": _sampel(layanan, ikm.responden),
                "demografi": demografi([layanan.pk], periode.mulai, periode.selesai),
                "page_obj": saran,
                "tren_per": tren_per,
                "tahun_tren": periode.tahun,
                "grafik_nrr": _grafik_nrr(rincian),
                "grafik_tren": _grafik_tren(tren),
                "ada_tren": any(t.ikm.responden for t in tren),
                "bisa_ubah": may_kelola_layanan(request.user, layanan),
                "url_survei": url_survei(request, layanan),
                "query_periode": _query_periode(request),
            },
        )


def _query_periode(request) -> str:
    """The period part of the query string, for the export link."""
    q = request.GET.copy()
    for k in ("page", "tren"):
        q.pop(k, None)
    return q.urlencode()


class LayananQrView(PeranRequiredMixin, View):
    """A printable page: the QR code of the public survey address (SVG made here, no service
    called), the service's name and a short instruction."""

    peran_diperlukan = HASIL

    def get(self, request, pk):
        layanan = access_layanan_skm(request.user, pk)
        url = url_survei(request, layanan)
        qr = segno.make(url, error="m", micro=False)
        # segno writes the SVG itself (paths and a fixed title): nothing from the user in it.
        svg = mark_safe(qr.svg_inline(scale=QR_SKALA, omitsize=True, title="Kode QR survei kepuasan"))  # noqa: S308
        return render(request, "pengaduan/layanan_qr.html", {"layanan": layanan, "url": url, "svg": svg})


class LayananExportView(PeranRequiredMixin, View):
    peran_diperlukan = HASIL

    def get(self, request, pk):
        layanan = access_layanan_skm(request.user, pk)
        _, periode = _periode(request)
        ikm = ikm_layanan([layanan.pk], periode.mulai, periode.selesai)[layanan.pk]
        wb, nama = skm_ekspor(
            layanan=layanan,
            periode=periode,
            ikm=ikm,
            demografi=demografi([layanan.pk], periode.mulai, periode.selesai),
        )
        return xlsx_response(wb, nama)


# --- the public survey ------------------------------------------------------------------------


def _layanan_publik(kode: str) -> LayananSkm | None:
    return LayananSkm.objects.select_related("unit").filter(kode_publik=kode, aktif=True).first()


def _tidak_ada(request):
    return render(request, "pengaduan/survei_tidak_ada.html", status=404)


class SurveiIsiView(View):
    """GET: the form with a fresh submission token. POST: count it against the address's
    limit, drop a bot's (honeypot) quietly, save once per token, thank the citizen."""

    template_name = "pengaduan/survei_isi.html"

    def get(self, request, kode):
        layanan = _layanan_publik(kode)
        if layanan is None:
            return _tidak_ada(request)
        form = SurveiForm(initial={"token_kirim": uuid.uuid4()})
        return render(request, self.template_name, {"layanan": layanan, "form": form})

    def post(self, request, kode):
        if laju_terlampaui(request, grup="survei", laju=settings.LAJU_SURVEI):
            return respon_laju(request)
        layanan = _layanan_publik(kode)
        if layanan is None:
            return _tidak_ada(request)
        if request.POST.get(HONEYPOT):
            return redirect("layanan:survei-terima-kasih", kode=layanan.kode_publik)
        form = SurveiForm(request.POST)
        if form.is_valid():
            try:
                skm_respon_buat(layanan=layanan, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                return redirect("layanan:survei-terima-kasih", kode=layanan.kode_publik)
        return render(request, self.template_name, {"layanan": layanan, "form": form, "pesan_periksa": PESAN_PERIKSA})


class SurveiTerimaKasihView(View):
    def get(self, request, kode):
        layanan = _layanan_publik(kode)
        if layanan is None:
            return _tidak_ada(request)
        return render(request, "pengaduan/survei_terima_kasih.html", {"layanan": layanan})
