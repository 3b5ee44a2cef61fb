"""The peer (360) assignment page, shared by kompetensi (a round's participant) and evaluasi (a
performance evaluation): GET shows the assignment, the proposal and an OPD-wide search; POST
saves the chosen peers through the app's service. Each app's view says how to reach the
person's record (its access.py), how to read the page and how to save."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from ..forms_rekan import RekanAturForm, pilih_ids
from ..mixins import PeranRequiredMixin
from ..rekan import HalamanAturRekan


class RekanAturViewBase(PeranRequiredMixin, View):
    """Subclasses set `template_name` (a page including components/rekan_atur.html),
    `url_name` (this page, with the record's pk: where a saved assignment lands), `url_kembali`
    (the "Kembali" link) and `akses` (the app's access rule, `(user, pk)` to the record whose
    peers are assigned: 404 out of scope, 403 when not allowed), and implement the hooks below.
    The record has a `pegawai` (the person being rated)."""

    template_name: str
    url_name: str
    url_kembali: str
    akses: Callable

    def halaman(self, objek, *, q: str, pilih: list[int] | None) -> HalamanAturRekan:
        raise NotImplementedError

    def simpan(self, *, actor, objek, penilai_ids: list[int]) -> None:
        """Save through the app's service; a refusal is a ValidationError."""
        raise NotImplementedError

    def konteks(self, objek, halaman: HalamanAturRekan) -> dict:
        """What the app's page shows besides the shared part."""
        return {}

    def _render(self, request, objek, *, form=None, q="", pilih=None, dicentang=None):
        """`dicentang`: what the user had ticked (after a search or a refused POST); None shows
        the assignment, or the proposal when there is none."""
        halaman = self.halaman(objek, q=q, pilih=pilih)
        terpilih = {str(pk) for pk in (dicentang if dicentang is not None else halaman.terpilih_ids)}
        konteks = {"h": halaman, "form": form, "terpilih": terpilih, "kembali": reverse(self.url_kembali)}
        return render(request, self.template_name, konteks | self.konteks(objek, halaman))

    def get(self, request, pk):
        objek = self.akses(request.user, pk)
        pilih = pilih_ids(request.GET.getlist("pilih"))
        dicentang = pilih if "q" in request.GET else None  # a search keeps what was ticked, nothing more
        return self._render(request, objek, q=request.GET.get("q", ""), pilih=pilih, dicentang=dicentang)

    def post(self, request, pk):
        objek = self.akses(request.user, pk)
        form = RekanAturForm(data=request.POST)
        dikirim = None
        if form.is_valid():
            dikirim = form.cleaned_data["rekan"]
            try:
                self.simpan(actor=request.user, objek=objek, penilai_ids=dikirim)
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, f"Penugasan rekan untuk {objek.pegawai.nama_lengkap} tersimpan.")
                return redirect(self.url_name, pk=objek.pk)
        messages.error(request, "Penugasan rekan tidak disimpan. " + " ".join(form.non_field_errors()))
        # Keep what was ticked: chosen ids not shown otherwise come back as `pilih`.
        return self._render(request, objek, form=form, pilih=dikirim or [], dicentang=dikirim or [])
