"""Employee directory, profile, Tim Saya, and the admin actions on one employee."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from asn_kinerja.xlsx import xlsx_response

from .. import exports, selectors, services
from ..access import access_pegawai, akses_get
from ..forms import (
    NIP_SUDAH_ADA,
    PegawaiCreateForm,
    PegawaiDeactivateForm,
    PegawaiMoveForm,
    PegawaiUpdateForm,
    form_tambah_galat,
)
from ..mixins import PeranRequiredMixin
from ..models import Pegawai

ADMIN = ("admin_opd", "admin_bkd")
PETA_GALAT = {"atasan": "atasan_nip"}


def _kode_simpan(request, pegawai: Pegawai, kode: str) -> HttpResponseRedirect:
    """Keep the activation code for exactly one display, then redirect (POST-redirect-GET)."""
    request.session[f"kode_aktivasi_{pegawai.pk}"] = kode
    return redirect("pegawai:pegawai-kode-aktivasi", pk=pegawai.pk)


# --- reading ----------------------------------------------------------------------------------


class PegawaiListView(PeranRequiredMixin, View):
    peran_diperlukan = ("admin_opd", "admin_bkd", "atasan")

    def get(self, request):
        filterset = selectors.pegawai_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else filterset.queryset.none()
        halaman = selectors.halaman_get(qs, request.GET.get("page"))
        return render(
            request,
            "pegawai/pegawai_list.html",
            {"filter": filterset, "filter_valid": valid, "page_obj": halaman, "akses": akses_get(request.user)},
        )


class PegawaiExportView(PeranRequiredMixin, View):
    peran_diperlukan = ("admin_opd", "admin_bkd", "atasan")

    def get(self, request):
        filterset = selectors.pegawai_list(user=request.user, data=request.GET)
        if not filterset.is_valid():
            messages.error(request, "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali.")
            return HttpResponseRedirect(f"{reverse('pegawai:pegawai-list')}?{request.GET.urlencode()}")
        wb = exports.pegawai_direktori_workbook(filterset.qs)
        return xlsx_response(wb, exports.pegawai_direktori_nama_berkas())


class PegawaiDetailView(PeranRequiredMixin, View):
    def get(self, request, pk):
        profil = selectors.pegawai_profil_get(user=request.user, pk=pk)
        return render(request, "pegawai/pegawai_detail.html", {"profil": profil, "p": profil.pegawai})


class ProfilSayaView(PeranRequiredMixin, View):
    def get(self, request):
        pegawai_id = akses_get(request.user).pegawai_id
        if pegawai_id is None:
            return render(request, "pegawai/pegawai_tanpa_profil.html")
        return redirect("pegawai:pegawai-detail", pk=pegawai_id)


class TimView(PeranRequiredMixin, View):
    peran_diperlukan = ("atasan",)

    def get(self, request):
        tim = selectors.tim_list(
            user=request.user, cakupan=request.GET.get("cakupan", "semua"), nomor_halaman=request.GET.get("page")
        )
        return render(request, "pegawai/tim_list.html", {"tim": tim, "page_obj": tim.halaman})


class AtasanCariView(PeranRequiredMixin, View):
    """Candidates for the atasan field (JSON for the form's datalist)."""

    peran_diperlukan = ADMIN

    def get(self, request):
        return JsonResponse({"hasil": selectors.atasan_cari(user=request.user, q=request.GET.get("q", ""))})


# --- changing ---------------------------------------------------------------------------------


class PegawaiCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/pegawai_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PegawaiCreateForm(user=request.user)})

    def post(self, request):
        form = PegawaiCreateForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                pegawai, kode = services.pegawai_create(actor=request.user, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc, PETA_GALAT)
            except IntegrityError:
                # Two submissions raced past validation: the unique NIP stopped the second one.
                form.add_error("nip", NIP_SUDAH_ADA)
            else:
                messages.success(request, f"Pegawai {pegawai.nama_lengkap} berhasil ditambahkan.")
                return _kode_simpan(request, pegawai, kode)
        return render(request, self.template_name, {"form": form})


class PegawaiUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/pegawai_form.html"

    def get(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        form = PegawaiUpdateForm(instance=pegawai, user=request.user)
        return render(request, self.template_name, {"form": form, "p": pegawai})

    def post(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        nama_awal = pegawai.nama_lengkap
        form = PegawaiUpdateForm(request.POST, instance=pegawai, user=request.user)
        if form.is_valid():
            try:
                services.pegawai_update(actor=request.user, pegawai=pegawai, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc, PETA_GALAT)
            except IntegrityError:
                form.add_error("nip", NIP_SUDAH_ADA)
            else:
                messages.success(request, "Data pegawai berhasil disimpan.")
                return redirect("pegawai:pegawai-detail", pk=pegawai.pk)
        return render(request, self.template_name, {"form": form, "p": pegawai, "nama_awal": nama_awal})


class PegawaiMoveView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/pegawai_move.html"

    def get(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        form = PegawaiMoveForm(user=request.user, pegawai=pegawai)
        return render(request, self.template_name, {"form": form, "p": pegawai})

    def post(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        form = PegawaiMoveForm(request.POST, user=request.user, pegawai=pegawai)
        if form.is_valid():
            try:
                services.pegawai_move(actor=request.user, pegawai=pegawai, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc, PETA_GALAT)
            else:
                messages.success(request, "Mutasi pegawai berhasil dicatat.")
                return redirect("pegawai:pegawai-detail", pk=pegawai.pk)
        return render(request, self.template_name, {"form": form, "p": pegawai})


class PegawaiDeactivateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/pegawai_deactivate.html"

    def get(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        return render(request, self.template_name, {"form": PegawaiDeactivateForm(), "p": pegawai})

    def post(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        form = PegawaiDeactivateForm(request.POST)
        if form.is_valid():
            try:
                services.pegawai_deactivate(actor=request.user, pegawai=pegawai, alasan=form.cleaned_data["alasan"])
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, f"Pegawai {pegawai.nama_lengkap} telah dinonaktifkan.")
                return redirect("pegawai:pegawai-detail", pk=pegawai.pk)
        return render(request, self.template_name, {"form": form, "p": pegawai})


class PegawaiReactivateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def post(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        try:
            services.pegawai_reactivate(actor=request.user, pegawai=pegawai)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Pegawai {pegawai.nama_lengkap} telah diaktifkan kembali.")
        return redirect("pegawai:pegawai-detail", pk=pegawai.pk)


class PegawaiResetAktivasiView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def post(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        try:
            kode = services.akun_reset_aktivasi(actor=request.user, pegawai=pegawai)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("pegawai:pegawai-detail", pk=pegawai.pk)
        messages.success(request, "Kode aktivasi baru telah dibuat; kata sandi lama tidak berlaku lagi.")
        return _kode_simpan(request, pegawai, kode)


class PegawaiKodeAktivasiView(PeranRequiredMixin, View):
    """Shows a new activation code once (it is stored only as a hash)."""

    peran_diperlukan = ADMIN

    def get(self, request, pk):
        pegawai = access_pegawai(request.user, pk, for_change=True)
        kode = request.session.pop(f"kode_aktivasi_{pegawai.pk}", None)
        if kode is None:
            messages.info(
                request,
                "Kode aktivasi hanya ditampilkan satu kali. Buat kode aktivasi baru bila pegawai belum menerimanya.",
            )
            return redirect("pegawai:pegawai-detail", pk=pegawai.pk)
        response = render(
            request,
            "pegawai/pegawai_kode_aktivasi.html",
            {"p": pegawai, "kode": kode, "berlaku_sampai": pegawai.kode_aktivasi_berlaku_sampai},
        )
        response["Cache-Control"] = "private, no-store"
        return response
