"""Excel import of teknis competencies (Admin BKD): template, upload and result, error workbook.

The import runs inside the POST (a few seconds for a realistic file, capped in rows); the
result is recorded (`ImporKompetensi`) and shown on the upload page (`?hasil=<id>`), so a
reload never imports twice and the error list can be paged and downloaded.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..forms.impor import ImporKompetensiForm
from ..impor import berkas, galat_workbook, impor_kompetensi_template_workbook, kompetensi_impor
from ..models import ImporKompetensi
from ..selectors.impor import impor_kompetensi_get, impor_kompetensi_terbaru

BKD = ("admin_bkd",)
GALAT_PER_HALAMAN = 50


def _url_hasil(impor: ImporKompetensi) -> str:
    return f"{reverse('kompetensi:impor-create')}?hasil={impor.pk}"


class ImporTemplateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD

    def get(self, request):
        return xlsx_response(impor_kompetensi_template_workbook(), "templat-impor-kompetensi-teknis.xlsx")


class ImporCreateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "kompetensi/impor_create.html"

    def get(self, request):
        hasil = impor_kompetensi_get(request.GET["hasil"]) if "hasil" in request.GET else None
        return self._render(request, ImporKompetensiForm(user=request.user), hasil=hasil)

    def post(self, request):
        form = ImporKompetensiForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                impor = kompetensi_impor(actor=request.user, berkas=form.cleaned_data["berkas"])
            except ValidationError as exc:
                form.add_error("berkas", exc.messages)
            else:
                return redirect(_url_hasil(impor))
        return self._render(request, form, status=400)

    def _render(self, request, form, *, hasil: ImporKompetensi | None = None, status: int = 200):
        halaman = halaman_get(hasil.galat, request.GET.get("page"), per_halaman=GALAT_PER_HALAMAN) if hasil else None
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "hasil": hasil,
                "galat": halaman,
                "maks_baris": berkas.MAKS_BARIS,
                "impor_terbaru": impor_kompetensi_terbaru(),
            },
            status=status,
        )


class ImporGalatView(PeranRequiredMixin, View):
    """The error list of an import (`?impor=<id>`) as a workbook."""

    peran_diperlukan = BKD

    def get(self, request):
        if "impor" not in request.GET:
            messages.info(request, "Pilih impor yang daftar galatnya akan diunduh.")
            return redirect("kompetensi:impor-create")
        impor = impor_kompetensi_get(request.GET["impor"])
        if not impor.galat:
            messages.info(request, "Impor ini tidak memiliki daftar galat.")
            return redirect(_url_hasil(impor))
        return xlsx_response(galat_workbook(impor.galat), f"galat-impor-kompetensi-{impor.pk}.xlsx")
