"""Unduhan Saya: the user's background exports (list, status polled by static/js/unduhan.js,
download), and the switch the export pages use to send a large export to the background."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views import View

from asn_kinerja.berkas import berkas_privat_response
from asn_kinerja.xlsx import XLSX_CONTENT_TYPE

from .models import Ekspor
from .selectors import ekspor_besar, ekspor_get, ekspor_halaman
from .services import SIMPAN_HARI, ekspor_minta

PESAN_DISIAPKAN = (
    "Ekspor sedang disiapkan di latar belakang karena datanya besar. Kemajuannya tampil di bawah; "
    "tombol unduh muncul setelah berkas selesai."
)
PESAN_SIAP = "Ekspor sudah siap; unduh berkasnya dari daftar di bawah."
PESAN_GAGAL = "Ekspor gagal: {pesan}"
# Query-string keys that do not change the file.
_BUKAN_PARAMETER = {"page"}


def ekspor_latar(request, *, baris, jenis: str, tetap: dict | None = None) -> HttpResponse | None:
    """The export pages' switch. When `baris` (a queryset of the rows the export would hold)
    has more than EKSPOR_LATAR_MIN_BARIS rows, queue the export (parameters: the query string
    plus `tetap`, the values the page resolved itself such as the default month) and answer
    with a redirect to Unduhan Saya. Otherwise None: the page builds the file in the request."""
    if not ekspor_besar(baris):
        return None
    parameter = {k: v for k, v in request.GET.items() if v != "" and k not in _BUKAN_PARAMETER}
    parameter.update(tetap or {})
    ekspor = ekspor_minta(user=request.user, jenis=jenis, parameter=parameter)
    # Without a broker the task has already run in-process (on commit): say what it did.
    ekspor.refresh_from_db(fields=["status", "pesan_galat"])
    if ekspor.status == Ekspor.Status.SELESAI:
        messages.success(request, PESAN_SIAP)
    elif ekspor.status == Ekspor.Status.GAGAL:
        messages.error(request, PESAN_GAGAL.format(pesan=ekspor.pesan_galat))
    else:
        messages.info(request, PESAN_DISIAPKAN)
    return redirect("unduhan:ekspor-list")


class EksporListView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request,
            "unduhan/ekspor_list.html",
            {"page_obj": ekspor_halaman(user=request.user, nomor_halaman=request.GET.get("page")), "hari": SIMPAN_HARI},
        )


class EksporStatusView(LoginRequiredMixin, View):
    """The export's status as JSON (polled every second or so while it is prepared)."""

    def get(self, request, pk):
        ekspor = ekspor_get(user=request.user, pk=pk)
        selesai = ekspor.status == Ekspor.Status.SELESAI
        response = JsonResponse(
            {
                "status": ekspor.status,
                "status_label": ekspor.get_status_display(),
                "progres": ekspor.progres,
                "aktif": ekspor.aktif,
                "selesai": selesai,
                "gagal": ekspor.status == Ekspor.Status.GAGAL,
                "pesan_galat": ekspor.pesan_galat,
                "nama_berkas": ekspor.nama_berkas,
                "ukuran": filesizeformat(ekspor.ukuran) if selesai else "",
                "unduh_url": reverse("unduhan:ekspor-unduh", args=[ekspor.pk]) if selesai else "",
            }
        )
        response["Cache-Control"] = "private, no-store"
        return response


class EksporUnduhView(LoginRequiredMixin, View):
    """GET: the finished file, to its owner only (anyone else: 404), always as an attachment."""

    def get(self, request, pk):
        ekspor = ekspor_get(user=request.user, pk=pk)
        if ekspor.status != Ekspor.Status.SELESAI or not ekspor.berkas:
            raise Http404("Berkas ekspor ini belum siap atau sudah dihapus.")
        return berkas_privat_response(
            ekspor.berkas, nama=ekspor.nama_berkas or f"ekspor-{ekspor.pk}.xlsx", content_type=XLSX_CONTENT_TYPE
        )
