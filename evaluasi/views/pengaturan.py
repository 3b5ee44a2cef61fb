"""Pages of Admin BKD's settings and curve rules, and of the unit goals (Admin OPD for their
OPD's units, Admin BKD for all)."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View

from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..access import (
    access_sasaran,
)
from ..forms.pengaturan import PengaturanForm, SasaranFilterForm, SasaranForm, aturan_formset
from ..forms.periode import (
    PESAN_FORM_RUSAK,
)
from ..models import PengaturanKinerja, PredikatOrganisasiChoices
from ..rules import aturan_teks
from ..selectors.monitoring import (
    aturan_kurva_semua,
)
from ..selectors.periode import (
    sasaran_list,
)
from ..services.pengaturan import pengaturan_simpan, sasaran_buat, sasaran_hapus, sasaran_ubah
from .periode import ADMIN, BKD, PESAN_FORMULIR_TERKIRIM, SESI_SASARAN, pesan_galat, token_dipakai, token_simpan

# --- settings ----------------------------------------------------------------------------------------


class PengaturanView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "evaluasi/pengaturan_form.html"

    def _render(self, request, form, formset):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "formset": formset,
                "aturan_ringkas": _aturan_ringkas(),
            },
        )

    def get(self, request):
        return self._render(request, PengaturanForm.dari(PengaturanKinerja.get()), aturan_formset())

    def post(self, request):
        form = PengaturanForm.dari(PengaturanKinerja.get(), request.POST)
        formset = aturan_formset(request.POST)
        if not formset.management_form.is_valid():
            # The rule table's counters are missing or forged: nothing to save.
            messages.error(request, PESAN_FORM_RUSAK)
            return redirect("evaluasi:pengaturan")
        if form.is_valid() and formset.is_valid():
            try:
                pengaturan_simpan(
                    actor=request.user,
                    nilai=form.data_layanan(),
                    aturan=formset.baris_layanan(),
                    diubah_pada=form.cleaned_data["diubah_pada"],
                )
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, "Pengaturan kinerja dan aturan kurva disimpan.")
                return redirect("evaluasi:pengaturan")
        return self._render(request, form, formset)


def _aturan_ringkas() -> list[tuple[str, list[str]]]:
    """The rules as sentences, per predikat organisasi (the page's summary)."""
    aturan = aturan_kurva_semua()
    return [
        (label, [aturan_teks(j, p, n) for j, p, n in aturan.get(kode, [])])
        for kode, label in PredikatOrganisasiChoices.choices
    ]


# --- unit goals ---------------------------------------------------------------------------------------


def _kembali_sasaran(sasaran) -> str:
    return f"{reverse('evaluasi:sasaran-list')}?{urlencode({'tahun': sasaran.tahun, 'unit': sasaran.unit_id})}"


class SasaranListView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        data = request.GET.copy()
        if not data:
            data["tahun"] = str(timezone.localdate().year)
        form = SasaranFilterForm(data, user=request.user)
        valid = form.is_valid()
        qs = sasaran_list(user=request.user, **form.saringan()) if valid else sasaran_list(user=request.user).none()
        return render(
            request,
            "evaluasi/sasaran_list.html",
            {"form": form, "filter_valid": valid, "page_obj": halaman_get(qs, request.GET.get("page"))},
        )


class SasaranCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "evaluasi/sasaran_form.html"

    def get(self, request):
        initial = {"tahun": timezone.localdate().year, "token": secrets.token_urlsafe(24)}
        unit = request.GET.get("unit", "")
        if unit.isdigit():
            initial["unit"] = unit
        return render(request, self.template_name, {"form": SasaranForm(user=request.user, initial=initial)})

    def post(self, request):
        token = request.POST.get("token", "")
        sudah = token_dipakai(request, SESI_SASARAN, token)
        if sudah is not None:
            messages.info(request, PESAN_FORMULIR_TERKIRIM.format(apa="sasaran"))
            return redirect("evaluasi:sasaran-list")
        form = SasaranForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                sasaran = sasaran_buat(actor=request.user, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                token_simpan(request, SESI_SASARAN, token, sasaran.pk)
                messages.success(request, "Sasaran unit ditambahkan.")
                return HttpResponseRedirect(_kembali_sasaran(sasaran))
        return render(request, self.template_name, {"form": form})


class SasaranUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "evaluasi/sasaran_form.html"

    def _konteks(self, sasaran, form) -> dict:
        return {"form": form, "sasaran": sasaran, "jumlah_rhk": sasaran.rhk.count()}

    def get(self, request, pk):
        sasaran = access_sasaran(request.user, pk, for_change=True)
        return render(
            request, self.template_name, self._konteks(sasaran, SasaranForm(user=request.user, sasaran=sasaran))
        )

    def post(self, request, pk):
        sasaran = access_sasaran(request.user, pk, for_change=True)
        form = SasaranForm(request.POST, user=request.user, sasaran=sasaran)
        if form.is_valid():
            try:
                sasaran = sasaran_ubah(actor=request.user, sasaran=sasaran, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, "Sasaran unit disimpan.")
                return HttpResponseRedirect(_kembali_sasaran(sasaran))
        return render(request, self.template_name, self._konteks(sasaran, form))


class SasaranDeleteView(PeranRequiredMixin, View):
    """Deletes a goal no RHK supports; one in use is deactivated instead."""

    peran_diperlukan = ADMIN
    http_method_names = ["post"]

    def post(self, request, pk):
        sasaran = access_sasaran(request.user, pk, for_change=True)
        kembali = _kembali_sasaran(sasaran)
        try:
            dihapus = sasaran_hapus(actor=request.user, sasaran=sasaran)
        except ValidationError as exc:
            pesan_galat(request, exc)
        else:
            if dihapus:
                messages.success(request, "Sasaran unit dihapus.")
            else:
                messages.warning(
                    request,
                    "Sasaran ini sudah dipakai RHK, sehingga dinonaktifkan dan tidak dihapus. RHK yang memakainya tetap "
                    "utuh.",
                )
        return HttpResponseRedirect(kembali)
