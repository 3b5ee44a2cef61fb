"""The user's notifications: the list (own only, unread first), open one (marks it read and goes
to its link, which must be a path on this site) and mark all read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views import View

from .models import Notifikasi
from .selectors import notifikasi_belum_dibaca_jumlah, notifikasi_halaman, tautan_aman
from .services import notifikasi_tandai_dibaca


class NotifikasiListView(LoginRequiredMixin, View):
    def get(self, request):
        halaman = notifikasi_halaman(user=request.user, nomor_halaman=request.GET.get("page"))
        # Shared with the navigation badge (context processor): counted once per request.
        request._notifikasi_belum_dibaca = notifikasi_belum_dibaca_jumlah(user=request.user)
        return render(
            request,
            "notifikasi/notifikasi_list.html",
            {"page_obj": halaman, "belum_dibaca": request._notifikasi_belum_dibaca},
        )


class NotifikasiJumlahView(LoginRequiredMixin, View):
    """The unread count as JSON for the navigation badge (static/js/notifikasi.js fetches it after
    the page loads, so rendering a page costs no query for it). Counts up to 100 ("99+")."""

    def get(self, request):
        resp = JsonResponse({"jumlah": notifikasi_belum_dibaca_jumlah(user=request.user)})
        resp["Cache-Control"] = "no-store"
        return resp


class NotifikasiBacaView(LoginRequiredMixin, View):
    """GET (the link in the list) or POST: mark read, then go to the notification's page.
    Someone else's notification is a 404, exactly like one that does not exist."""

    def _baca(self, request, pk):
        tautan = Notifikasi.objects.filter(pk=pk, penerima_id=request.user.pk).values_list("tautan", flat=True).first()
        if tautan is None:
            raise Http404("Notifikasi tidak ditemukan.")
        notifikasi_tandai_dibaca(user=request.user, pk=pk)
        if tautan_aman(tautan):
            return redirect(tautan)
        if tautan:
            messages.warning(request, "Tautan notifikasi ini tidak valid sehingga tidak dibuka.")
        return redirect("notifikasi:notifikasi-list")

    def get(self, request, pk):
        return self._baca(request, pk)

    def post(self, request, pk):
        return self._baca(request, pk)


class NotifikasiBacaSemuaView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        jumlah = notifikasi_tandai_dibaca(user=request.user)
        if jumlah:
            messages.success(request, f"{jumlah} notifikasi ditandai sudah dibaca.")
        else:
            messages.info(request, "Tidak ada notifikasi yang belum dibaca.")
        return redirect("notifikasi:notifikasi-list")
