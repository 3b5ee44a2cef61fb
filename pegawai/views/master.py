"""Master data pages: the unit tree and the position catalogue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from .. import selectors, services
from ..access import access_unit, akses_get, jabatan_scope
from ..forms import JabatanForm, UnitCreateForm, UnitUpdateForm, form_tambah_galat
from ..mixins import PeranRequiredMixin
from ..models import UnitKerja

ADMIN = ("admin_opd", "admin_bkd")
KODE_SUDAH_ADA = "Kode ini sudah dipakai."


# --- units ------------------------------------------------------------------------------------


class UnitListView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        opd_pilihan = list(selectors.unit_opd_pilihan(user=request.user))
        opd_id = request.GET.get("opd", "")
        opd_id = int(opd_id) if opd_id.isdigit() and int(opd_id) in {o.pk for o in opd_pilihan} else None
        pohon = selectors.unit_list(user=request.user, opd_id=opd_id)
        return render(
            request,
            "pegawai/unit_list.html",
            {
                "pohon": pohon,
                "opd_pilihan": opd_pilihan,
                "opd_id": opd_id,
                "admin_bkd": akses_get(request.user).admin_bkd,
            },
        )


class UnitCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/unit_form.html"

    def get(self, request):
        initial = {}
        induk = request.GET.get("induk", "")
        if induk.isdigit():
            initial["induk"] = int(induk)
        return render(request, self.template_name, {"form": UnitCreateForm(user=request.user, initial=initial)})

    def post(self, request):
        form = UnitCreateForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                unit = services.unit_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            except IntegrityError:
                form.add_error("kode", KODE_SUDAH_ADA)
            else:
                messages.success(request, f"Unit {unit.nama} berhasil ditambahkan.")
                return redirect("pegawai:unit-list")
        return render(request, self.template_name, {"form": form})


class UnitUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "pegawai/unit_form.html"

    def _unit(self, request, pk) -> UnitKerja:
        unit = access_unit(request.user, pk, for_change=True)
        # The same rule services.unit_update enforces: the Pemda and OPD level belong to BKD.
        if unit.jenis in (UnitKerja.Jenis.PEMDA, UnitKerja.Jenis.OPD) and not akses_get(request.user).admin_bkd:
            raise PermissionDenied("Hanya Admin BKD yang dapat mengelola Pemda dan OPD.")
        return unit

    def get(self, request, pk):
        unit = self._unit(request, pk)
        form = UnitUpdateForm(user=request.user, unit=unit)
        return render(request, self.template_name, {"form": form, "unit": unit})

    def post(self, request, pk):
        unit = self._unit(request, pk)
        form = UnitUpdateForm(request.POST, user=request.user, unit=unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.unit_update(
                    actor=request.user,
                    unit=unit,
                    kode=data["kode"],
                    nama=data["nama"],
                    induk=data.get("induk"),
                    aktif=data["aktif"],
                )
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            except IntegrityError:
                form.add_error("kode", KODE_SUDAH_ADA)
            else:
                messages.success(request, "Unit kerja berhasil disimpan.")
                return redirect("pegawai:unit-list")
        return render(request, self.template_name, {"form": form, "unit": unit})


# --- positions --------------------------------------------------------------------------------


class JabatanListView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        filterset = selectors.jabatan_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else filterset.queryset.none()
        return render(
            request,
            "pegawai/jabatan_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": selectors.halaman_get(qs, request.GET.get("page")),
                "bisa_ubah": akses_get(request.user).admin_bkd,
            },
        )


class JabatanCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ("admin_bkd",)
    template_name = "pegawai/jabatan_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": JabatanForm()})

    def post(self, request):
        form = JabatanForm(request.POST)
        if form.is_valid():
            try:
                jabatan = services.jabatan_create(actor=request.user, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            except IntegrityError:
                form.add_error("kode", KODE_SUDAH_ADA)
            else:
                messages.success(request, f"Jabatan {jabatan.nama} berhasil ditambahkan.")
                return redirect("pegawai:jabatan-list")
        return render(request, self.template_name, {"form": form})


class JabatanUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = ("admin_bkd",)
    template_name = "pegawai/jabatan_form.html"

    def get(self, request, pk):
        jabatan = get_object_or_404(jabatan_scope(request.user), pk=pk)
        return render(request, self.template_name, {"form": JabatanForm(instance=jabatan), "jabatan": jabatan})

    def post(self, request, pk):
        jabatan = get_object_or_404(jabatan_scope(request.user), pk=pk)
        form = JabatanForm(request.POST, instance=jabatan)
        if form.is_valid():
            try:
                services.jabatan_update(actor=request.user, jabatan=jabatan, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            except IntegrityError:
                form.add_error("kode", KODE_SUDAH_ADA)
            else:
                messages.success(request, "Jabatan berhasil disimpan.")
                return redirect("pegawai:jabatan-list")
        return render(request, self.template_name, {"form": form, "jabatan": jabatan})
