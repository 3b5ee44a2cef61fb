"""Position competency standards: Admin OPD and Admin BKD read them, Admin BKD changes them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.views import View

from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from .. import selectors, services
from ..access import access_jabatan_standar
from ..forms import StandarHapusForm, StandarSetForm, StandarTerapkanForm
from ..models import LEVEL_MAX, LEVEL_MIN, StandarLevelDefault

ADMIN = ("admin_opd", "admin_bkd")
BKD = ("admin_bkd",)
LEVEL_SEMUA = tuple(range(LEVEL_MIN, LEVEL_MAX + 1))


class StandarListView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        filterset = selectors.standar_jabatan_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else filterset.queryset.none()
        return render(
            request,
            "kompetensi/standar_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": halaman_get(qs, request.GET.get("page")),
                "kompetensi_dipilih": filterset.form.cleaned_data.get("kompetensi") if valid else None,
                "level_dipilih": filterset.form.cleaned_data.get("level") if valid else None,
            },
        )


def _level_bawaan(jabatan) -> int | None:
    """The default level of the position's kind, as services.standar_terapkan_default reads it."""
    return (
        StandarLevelDefault.objects.filter(jenis_jabatan=jabatan.jenis, jenjang=jabatan.jenjang or "")
        .values_list("level", flat=True)
        .first()
    )


class StandarDetailView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request, pk):
        jabatan = access_jabatan_standar(request.user, pk)
        standar = selectors.standar_jabatan_get(jabatan=jabatan)
        bisa_ubah = akses_get(request.user).admin_bkd
        konteks = {
            "jabatan": jabatan,
            "standar": standar,
            "bisa_ubah": bisa_ubah,
            "level_semua": LEVEL_SEMUA,
            "level_bawaan": _level_bawaan(jabatan),
            "grafik": {
                "label": [s.kompetensi.nama for s in standar],
                "level": [s.level for s in standar],
            },
        }
        if bisa_ubah:
            tambah = StandarSetForm(jabatan=jabatan)
            tambah.fields["kompetensi"].queryset = selectors.standar_kompetensi_tambahan(jabatan=jabatan)
            konteks["form_tambah"] = tambah
            konteks["form_terapkan"] = StandarTerapkanForm()
        return render(request, "kompetensi/standar_detail.html", konteks)


def _galat(request, form) -> None:
    for galat in form.errors.values():
        for pesan in galat:
            messages.error(request, pesan)


def _galat_layanan(request, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


class StandarSetView(PeranRequiredMixin, View):
    """Set the required level of one competency (an existing row, or a teknis one to add)."""

    peran_diperlukan = BKD
    http_method_names = ["post"]

    def post(self, request, pk):
        jabatan = access_jabatan_standar(request.user, pk, for_change=True)
        form = StandarSetForm(request.POST, jabatan=jabatan)
        if not form.is_valid():
            _galat(request, form)
            return redirect("kompetensi:standar-detail", pk=jabatan.pk)
        kompetensi, level = form.cleaned_data["kompetensi"], form.cleaned_data["level"]
        try:
            services.standar_set(actor=request.user, jabatan=jabatan, kompetensi=kompetensi, level=level)
        except ValidationError as exc:
            _galat_layanan(request, exc)
        except IntegrityError:  # the same competency added twice at once
            messages.error(request, "Kompetensi ini sudah ada pada standar jabatan.")
        else:
            messages.success(request, f"Level {kompetensi.nama} untuk jabatan ini ditetapkan: level {level}.")
        return redirect("kompetensi:standar-detail", pk=jabatan.pk)


class StandarDeleteView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    http_method_names = ["post"]

    def post(self, request, pk):
        jabatan = access_jabatan_standar(request.user, pk, for_change=True)
        form = StandarHapusForm(request.POST, jabatan=jabatan)
        if not form.is_valid():
            _galat(request, form)
            return redirect("kompetensi:standar-detail", pk=jabatan.pk)
        standar = form.cleaned_data["standar"]
        try:
            services.standar_hapus(actor=request.user, standar=standar)
        except ValidationError as exc:
            _galat_layanan(request, exc)
        else:
            messages.success(request, f"{standar.kompetensi.nama} dihapus dari standar jabatan ini.")
        return redirect("kompetensi:standar-detail", pk=jabatan.pk)


class StandarTerapkanView(PeranRequiredMixin, View):
    """Apply the default standard by position kind (manajerial and sosial kultural)."""

    peran_diperlukan = BKD
    http_method_names = ["post"]

    def post(self, request, pk):
        jabatan = access_jabatan_standar(request.user, pk, for_change=True)
        form = StandarTerapkanForm(request.POST)
        if not form.is_valid():  # pragma: no cover - a lone optional checkbox is always valid
            _galat(request, form)
            return redirect("kompetensi:standar-detail", pk=jabatan.pk)
        try:
            hasil = services.standar_terapkan_default(
                actor=request.user, jabatan=jabatan, timpa=form.cleaned_data["timpa"]
            )
        except ValidationError as exc:
            _galat_layanan(request, exc)
        else:
            pesan = f"Standar bawaan diterapkan: {hasil['dibuat']} ditambahkan, {hasil['diubah']} diubah"
            if hasil["dipertahankan"]:
                pesan += f", {hasil['dipertahankan']} penyesuaian khusus dipertahankan"
            messages.success(request, pesan + ".")
        return redirect("kompetensi:standar-detail", pk=jabatan.pk)
