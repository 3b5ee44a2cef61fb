"""The competency dictionary: every signed-in user reads it, Admin BKD edits it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.views import View

from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin

from .. import selectors
from ..access import access_kompetensi
from ..forms import KamusBundle
from ..services.kamus import PESAN_KODE_DIPAKAI, kompetensi_simpan

BKD = ("admin_bkd",)


class KompetensiListView(PeranRequiredMixin, View):
    peran_diperlukan = ()  # the dictionary is public knowledge inside the Pemda

    def get(self, request):
        filterset = selectors.kompetensi_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        daftar = list(filterset.qs) if valid else []
        return render(
            request,
            "kompetensi/kompetensi_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "daftar": daftar,
                "bisa_ubah": akses_get(request.user).admin_bkd,
            },
        )


class KompetensiDetailView(PeranRequiredMixin, View):
    peran_diperlukan = ()

    def get(self, request, pk):
        kompetensi = selectors.kompetensi_get(user=request.user, pk=pk)
        akses = akses_get(request.user)
        return render(
            request,
            "kompetensi/kompetensi_detail.html",
            {
                "k": kompetensi,
                "kebutuhan": selectors.kompetensi_kebutuhan_jabatan(kompetensi),
                "admin": akses.admin,
                "bisa_ubah": akses.admin_bkd,
            },
        )


def _simpan(request, bundle: KamusBundle, kompetensi=None):
    """Validate the whole form, then save it all through the service or nothing at all."""
    if not bundle.is_valid():
        return None
    data = bundle.form.cleaned_data
    try:
        return kompetensi_simpan(
            actor=request.user,
            kompetensi=kompetensi,
            kode=data["kode"],
            nama=data["nama"],
            jenis=data["jenis"],
            definisi=data["definisi"],
            aktif=data["aktif"],
            urutan=data["urutan"],
            level=bundle.level_data(),
            versi=data.get("versi"),
        )
    except ValidationError as exc:
        bundle.tambah_galat(exc)
    except IntegrityError:  # two simultaneous creates with the same kode
        bundle.form.add_error("kode", PESAN_KODE_DIPAKAI)
    return None


class KompetensiCreateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "kompetensi/kompetensi_form.html"

    def get(self, request):
        bundle = KamusBundle(initial={"aktif": True, "urutan": 0})
        return render(request, self.template_name, {"bundle": bundle})

    def post(self, request):
        bundle = KamusBundle(data=request.POST)
        kompetensi = _simpan(request, bundle)
        if kompetensi is not None:
            messages.success(request, f"Kompetensi {kompetensi.nama} berhasil ditambahkan.")
            return redirect("kompetensi:kompetensi-detail", pk=kompetensi.pk)
        return render(request, self.template_name, {"bundle": bundle}, status=200)


class KompetensiUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "kompetensi/kompetensi_form.html"

    def get(self, request, pk):
        kompetensi = access_kompetensi(request.user, pk, for_change=True)
        initial, indikator = selectors.kompetensi_form_initial(kompetensi)
        bundle = KamusBundle(initial=initial, indikator_initial=indikator, perlu_versi=True)
        return render(request, self.template_name, {"bundle": bundle, "k": kompetensi})

    def post(self, request, pk):
        kompetensi = access_kompetensi(request.user, pk, for_change=True)
        bundle = KamusBundle(data=request.POST, perlu_versi=True)
        hasil = _simpan(request, bundle, kompetensi)
        if hasil is not None:
            messages.success(request, f"Kompetensi {hasil.nama} berhasil disimpan.")
            return redirect("kompetensi:kompetensi-detail", pk=hasil.pk)
        return render(request, self.template_name, {"bundle": bundle, "k": kompetensi})
