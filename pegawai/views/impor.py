"""Excel import pages: template, upload, progress/result, status JSON, errors, activation codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views import View

from asn_kinerja.xlsx import XLSX_CONTENT_TYPE, xlsx_response

from ..access import access_impor
from ..impor import (
    KredensialTidakAda,
    galat_workbook,
    impor_create,
    impor_kredensial_ambil,
    impor_template_workbook,
)
from ..impor.forms import ImporForm
from ..mixins import PeranRequiredMixin
from ..models import ImporPegawai

ADMIN = ("admin_bkd", "admin_opd")
GALAT_DITAMPILKAN = 500
IMPOR_TERBARU = 10
PESAN_KREDENSIAL_HABIS = (
    "Berkas kode aktivasi impor ini sudah pernah diunduh dan telah dihapus dari server. "
    "Bila ada kode yang hilang, buat kode aktivasi baru dari halaman pegawai yang bersangkutan."
)


def _impor_terbaru(user):
    return ImporPegawai.objects.filter(dibuat_oleh=user).select_related("opd")[:IMPOR_TERBARU]


def _form(request, data=None, files=None) -> ImporForm:
    return ImporForm(
        data,
        files,
        user=request.user,
        maks_byte=settings.IMPOR_MAKS_BYTE,
        maks_baris=settings.IMPOR_MAKS_BARIS,
    )


class ImporTemplateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        from io import BytesIO

        buf = BytesIO()
        impor_template_workbook().save(buf)
        response = HttpResponse(buf.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response


class ImporCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/impor_create.html"

    def get(self, request):
        return self._render(request, _form(request))

    def post(self, request):
        form = _form(request, request.POST, request.FILES)
        if form.is_valid():
            try:
                impor = impor_create(
                    actor=request.user, berkas=form.cleaned_data["berkas"], opd=form.cleaned_data.get("opd")
                )
            except ValidationError as exc:
                form.add_error("berkas", exc.messages)
            else:
                return redirect("pegawai:impor-detail", pk=impor.pk)
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "impor_terbaru": _impor_terbaru(request.user)}, status=status
        )


class ImporDetailView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request, pk):
        impor = access_impor(request.user, pk)
        galat = impor.galat or []
        return render(
            request,
            "pegawai/impor_detail.html",
            {
                "impor": impor,
                "selesai": impor.status in (ImporPegawai.Status.BERHASIL, ImporPegawai.Status.GAGAL),
                "galat": galat[:GALAT_DITAMPILKAN],
                "jumlah_galat": len(galat),
                "galat_terpotong": len(galat) > GALAT_DITAMPILKAN,
                "boleh_kredensial": bool(impor.berkas_kredensial) and impor.dibuat_oleh_id == request.user.pk,
                "impor_terbaru": _impor_terbaru(request.user),
            },
        )


class ImporStatusView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request, pk):
        impor = access_impor(request.user, pk)
        response = JsonResponse(
            {
                "status": impor.status,
                "status_label": impor.get_status_display(),
                "tahap": impor.tahap,
                "persen": impor.persen,
                "selesai": impor.status in (ImporPegawai.Status.BERHASIL, ImporPegawai.Status.GAGAL),
                "total_baris": impor.total_baris,
                "jumlah_baru": impor.jumlah_baru,
                "jumlah_diubah": impor.jumlah_diubah,
                "jumlah_galat": len(impor.galat or []),
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class ImporGalatView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request, pk):
        impor = access_impor(request.user, pk)
        if not impor.galat:
            messages.info(request, "Impor ini tidak memiliki daftar galat.")
            return redirect("pegawai:impor-detail", pk=impor.pk)
        return xlsx_response(galat_workbook(impor.galat), f"galat-impor-{impor.pk}.xlsx")


class ImporKredensialView(PeranRequiredMixin, View):
    """GET: the confidentiality notice and the download button. POST: the one-time download
    (a POST, so that a link prefetch or a crawler cannot consume the file)."""

    peran_diperlukan = ADMIN

    def get(self, request, pk):
        impor = access_impor(request.user, pk, milik_sendiri=True)
        return render(request, "pegawai/impor_kredensial.html", {"impor": impor})

    def post(self, request, pk):
        impor = access_impor(request.user, pk, milik_sendiri=True)
        try:
            isi = impor_kredensial_ambil(actor=request.user, impor=impor)
        except KredensialTidakAda:
            messages.error(request, PESAN_KREDENSIAL_HABIS)
            return redirect("pegawai:impor-detail", pk=impor.pk)
        response = HttpResponse(isi, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="kode-aktivasi-impor-{impor.pk}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response
