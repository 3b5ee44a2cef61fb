"""Objection pages (PP 30/2019 art. 59): the pegawai files, the rater answers, the rater's own
atasan decides, everyone in scope reads the history. Views parse, authorise through
evaluasi.access, call one service or selector and respond; every refusal is a message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin

from ..access import (
    access_evaluasi_keberatan,
    access_keberatan,
    access_keberatan_tanggapan,
    may_decide_keberatan,
    may_respond_keberatan,
)
from ..forms.keberatan import KeberatanAjukanForm, KeberatanFilterForm, KeberatanPutusForm, KeberatanTanggapanForm
from ..models import Keberatan, Predikat
from ..rules import MATRIKS_PREDIKAT, PANDUAN_HASIL_KERJA
from ..selectors.keberatan import CAKUPAN, keberatan_halaman, keberatan_list, pengajuan_keadaan
from ..services.keberatan import (
    PESAN_SUDAH_DIPUTUS,
    keberatan_ajukan,
    keberatan_putus,
    keberatan_tanggapi,
    keberatan_versi,
)


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _matriks_label() -> dict[str, str]:
    """The predikat matrix for the decision page's live preview ("hasil|perilaku" -> label)."""
    label = dict(Predikat.choices)
    return {f"{h}|{p}": label[v] for (h, p), v in MATRIKS_PREDIKAT.items()}


class KeberatanListView(PeranRequiredMixin, View):
    """Objections I must decide, my own, those against my ratings, and (admins) their OPD's/all."""

    def get(self, request):
        saring = KeberatanFilterForm(request.GET)
        status = saring.cleaned_data.get("status", "") if saring.is_valid() else ""
        daftar = keberatan_list(
            user=request.user,
            cakupan=request.GET.get("cakupan", ""),
            status=status,
            nomor_halaman=request.GET.get("page"),
        )
        return render(
            request,
            "evaluasi/keberatan_list.html",
            {"daftar": daftar, "page_obj": daftar.halaman, "cakupan_pilihan": CAKUPAN, "saring": saring},
        )


class EvaluasiKeberatanView(PeranRequiredMixin, View):
    """The pegawai files an objection to their own final result (once, within the window)."""

    template_name = "evaluasi/evaluasi_keberatan.html"

    def _render(self, request, keadaan, form, status=200):
        return render(
            request,
            self.template_name,
            {"k": keadaan, "evaluasi": keadaan.evaluasi, "form": form},
            status=status,
        )

    def get(self, request, pk):
        evaluasi = access_evaluasi_keberatan(request.user, pk)
        keadaan = pengajuan_keadaan(evaluasi)
        if keadaan.keberatan is not None:
            messages.info(request, "Anda sudah mengajukan keberatan atas hasil penilaian ini.")
            return redirect("evaluasi:keberatan-detail", pk=keadaan.keberatan.pk)
        return self._render(request, keadaan, KeberatanAjukanForm())

    def post(self, request, pk):
        evaluasi = access_evaluasi_keberatan(request.user, pk)
        form = KeberatanAjukanForm(request.POST)
        if form.is_valid():
            try:
                keberatan = keberatan_ajukan(actor=request.user, evaluasi=evaluasi, alasan=form.cleaned_data["alasan"])
            except ValidationError as exc:
                keadaan = pengajuan_keadaan(evaluasi)
                if keadaan.keberatan is not None:  # posted twice: one objection, a clear message
                    messages.error(request, _pesan(exc))
                    return redirect("evaluasi:keberatan-detail", pk=keadaan.keberatan.pk)
                form_tambah_galat(form, exc)
                return self._render(request, keadaan, form)
            messages.success(
                request,
                "Keberatan Anda telah diajukan kepada atasan pejabat penilai. Anda akan diberi tahu setelah diputus.",
            )
            return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
        return self._render(request, pengajuan_keadaan(evaluasi), form)


class KeberatanDetailView(PeranRequiredMixin, View):
    """The objection and its history: the ratings before and (once decided) after."""

    def get(self, request, pk):
        keberatan = access_keberatan(request.user, pk)
        halaman = keberatan_halaman(keberatan)
        menunggu = keberatan.status == Keberatan.Status.DIAJUKAN
        return render(
            request,
            "evaluasi/keberatan_detail.html",
            {
                "h": halaman,
                "keberatan": keberatan,
                "evaluasi": halaman.evaluasi,
                "bisa_tanggapi": menunggu and may_respond_keberatan(request.user, keberatan),
                "bisa_putus": menunggu and may_decide_keberatan(request.user, keberatan),
            },
        )


class KeberatanTanggapanView(PeranRequiredMixin, View):
    """The rater's response, written (and revisable) before the decision."""

    template_name = "evaluasi/keberatan_tanggapan.html"

    def _render(self, request, keberatan, form):
        return render(
            request,
            self.template_name,
            {"h": keberatan_halaman(keberatan), "keberatan": keberatan, "form": form},
        )

    def get(self, request, pk):
        keberatan = access_keberatan_tanggapan(request.user, pk)
        if keberatan.status != Keberatan.Status.DIAJUKAN:
            messages.info(request, PESAN_SUDAH_DIPUTUS)
            return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
        form = KeberatanTanggapanForm(
            initial={"tanggapan": keberatan.tanggapan_penilai, "versi": keberatan_versi(keberatan)}
        )
        return self._render(request, keberatan, form)

    def post(self, request, pk):
        keberatan = access_keberatan_tanggapan(request.user, pk)
        form = KeberatanTanggapanForm(request.POST)
        if form.is_valid():
            try:
                keberatan_tanggapi(
                    actor=request.user,
                    keberatan=keberatan,
                    tanggapan=form.cleaned_data["tanggapan"],
                    versi=form.cleaned_data["versi"] or None,
                )
            except ValidationError as exc:
                if keberatan.status != Keberatan.Status.DIAJUKAN or PESAN_SUDAH_DIPUTUS in exc.messages:
                    messages.error(request, _pesan(exc))
                    return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
                form_tambah_galat(form, exc)
            else:
                messages.success(request, "Tanggapan Anda disimpan dan akan dibaca oleh pemutus keberatan.")
                return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
        return self._render(request, keberatan, form)


class KeberatanPutusView(PeranRequiredMixin, View):
    """The decider (atasan pejabat penilai) sees both sides and decides, once."""

    template_name = "evaluasi/keberatan_putus.html"

    def _render(self, request, keberatan, form):
        return render(
            request,
            self.template_name,
            {
                "h": keberatan_halaman(keberatan),
                "keberatan": keberatan,
                "form": form,
                "matriks": _matriks_label(),
                "panduan": PANDUAN_HASIL_KERJA,
            },
        )

    def get(self, request, pk):
        keberatan = access_keberatan(request.user, pk, for_decision=True)
        if keberatan.status != Keberatan.Status.DIAJUKAN:
            messages.info(request, PESAN_SUDAH_DIPUTUS)
            return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
        return self._render(request, keberatan, KeberatanPutusForm(keberatan=keberatan))

    def post(self, request, pk):
        keberatan = access_keberatan(request.user, pk, for_decision=True)
        form = KeberatanPutusForm(request.POST, keberatan=keberatan)
        if keberatan.status != Keberatan.Status.DIAJUKAN:
            messages.error(request, PESAN_SUDAH_DIPUTUS)
            return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                hasil = keberatan_putus(
                    actor=request.user,
                    keberatan=keberatan,
                    keputusan=data["keputusan"],
                    pertimbangan=data["pertimbangan"],
                    rating_hasil=data.get("rating_hasil", ""),
                    rating_perilaku=data.get("rating_perilaku", ""),
                )
            except ValidationError as exc:
                if PESAN_SUDAH_DIPUTUS in exc.messages:
                    messages.error(request, PESAN_SUDAH_DIPUTUS)
                    return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
                form_tambah_galat(form, exc)
            else:
                messages.success(
                    request,
                    f"Keberatan telah diputus: {hasil.get_keputusan_display().lower()}. "
                    f"Predikat kinerja: {hasil.get_predikat_akhir_display()}. Pegawai dan pejabat penilai diberi tahu.",
                )
                return redirect("evaluasi:keberatan-detail", pk=keberatan.pk)
        return self._render(request, keberatan, form)
