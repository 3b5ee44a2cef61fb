"""Competency assessment rounds: the list, opening one, monitoring, the export, changing the
deadlines, recomputing the results and closing. Admin OPD and Admin BKD only; access rules in
kompetensi/access.py (an Admin OPD manages the rounds their OPD owns, BKD all)."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..access import access_putaran, may_manage_putaran
from ..exports.putaran import putaran_monitoring_workbook
from ..forms.putaran import PutaranBukaForm, PutaranUbahForm
from ..models import PutaranPenilaian
from ..selectors.putaran import (
    STATUS_LABEL,
    persen,
    peserta_monitoring_list,
    putaran_list,
    putaran_ringkasan,
    putaran_tenggat,
)
from ..services.putaran import putaran_buka, putaran_hitung_antre, putaran_tutup, putaran_ubah

ADMIN = ("admin_opd", "admin_bkd")
SESI_FORMULIR = "kompetensi_putaran_buka"  # form token -> the round it opened (double submissions)
SIMPAN_FORMULIR = 20


def _pesan_layanan(request, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


class PutaranListView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        halaman = halaman_get(putaran_list(user=request.user), request.GET.get("page"))
        hari_ini = timezone.localdate()
        for p in halaman:
            p.tenggat = putaran_tenggat(p, hari_ini=hari_ini)
            p.persen_diri = persen(p.diri_terkirim, p.jumlah_peserta)
            p.persen_atasan = persen(p.atasan_terkirim, p.jumlah_peserta)
        return render(request, "kompetensi/putaran_list.html", {"page_obj": halaman})


class PutaranCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "kompetensi/putaran_create.html"

    def get(self, request):
        form = PutaranBukaForm(user=request.user, initial={"token": secrets.token_urlsafe(24)})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = PutaranBukaForm(request.POST, user=request.user)
        token = request.POST.get("token", "")
        sudah = request.session.get(SESI_FORMULIR, {}).get(token)
        if sudah is not None:
            messages.info(request, "Formulir ini sudah dikirim; putaran tidak dibuka dua kali.")
            return redirect("kompetensi:putaran-detail", pk=sudah)
        if form.is_valid():
            try:
                ringkasan = putaran_buka(actor=request.user, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                tersimpan = dict(list(request.session.get(SESI_FORMULIR, {}).items())[-(SIMPAN_FORMULIR - 1) :])
                tersimpan[token] = ringkasan.putaran.pk
                request.session[SESI_FORMULIR] = tersimpan
                _pesan_ringkasan(request, ringkasan)
                return redirect("kompetensi:putaran-detail", pk=ringkasan.putaran.pk)
        return render(request, self.template_name, {"form": form})


def _angka(n: int) -> str:
    return number_format(n, force_grouping=True)


def _pesan_ringkasan(request, ringkasan) -> None:
    """What opening did: participants, and who was left out and why."""
    messages.success(request, f"Putaran “{ringkasan.putaran.nama}” dibuka dengan {_angka(ringkasan.peserta)} peserta.")
    if ringkasan.dilewati_putaran_lain:
        messages.warning(
            request,
            f"{_angka(ringkasan.dilewati_putaran_lain)} pegawai tidak diikutkan karena masih menjadi peserta putaran lain "
            "yang belum ditutup.",
        )
    if ringkasan.tanpa_standar:
        messages.warning(
            request,
            f"{_angka(ringkasan.tanpa_standar)} pegawai aktif di unit terpilih tidak diikutkan karena jabatannya belum "
            "memiliki standar kompetensi. Tetapkan standarnya di halaman Standar Kompetensi Jabatan.",
        )


class PutaranDetailView(PeranRequiredMixin, View):
    """Monitoring: who has not yet submitted what (peers as counts only)."""

    peran_diperlukan = ADMIN

    def get(self, request, pk):
        putaran = access_putaran(request.user, pk)
        filterset = peserta_monitoring_list(user=request.user, putaran=putaran, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else filterset.queryset.none()
        ringkasan = putaran_ringkasan(user=request.user, putaran=putaran)
        return render(
            request,
            "kompetensi/putaran_detail.html",
            {
                "putaran": putaran,
                "unit_putaran": list(putaran.unit.order_by("nama").values_list("nama", flat=True)),
                "tenggat": putaran_tenggat(putaran),
                "ringkasan": ringkasan,
                "kemajuan": ringkasan.kemajuan(putaran),
                "bisa_kelola": may_manage_putaran(request.user, putaran),
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": halaman_get(qs, request.GET.get("page")),
                "status_label": STATUS_LABEL,
            },
        )


class PutaranExportView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request, pk):
        putaran = access_putaran(request.user, pk)
        filterset = peserta_monitoring_list(user=request.user, putaran=putaran, data=request.GET)
        if not filterset.is_valid():
            messages.error(request, "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali.")
            tujuan = reverse("kompetensi:putaran-detail", args=[putaran.pk])
            return HttpResponseRedirect(f"{tujuan}?{request.GET.urlencode()}")
        wb = putaran_monitoring_workbook(
            putaran=putaran, peserta=filterset.qs, ringkasan=putaran_ringkasan(user=request.user, putaran=putaran)
        )
        nama = slugify(putaran.nama)[:60] or "putaran"
        return xlsx_response(wb, f"monitoring-{nama}-{timezone.localdate():%Y%m%d}.xlsx")


def _tertutup(request, putaran: PutaranPenilaian):
    messages.error(request, "Putaran ini sudah ditutup; batas waktu dan hasilnya tidak dapat diubah lagi.")
    return redirect("kompetensi:putaran-detail", pk=putaran.pk)


class PutaranUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN
    template_name = "kompetensi/putaran_update.html"

    def get(self, request, pk):
        putaran = access_putaran(request.user, pk, for_change=True)
        if not putaran.dibuka:
            return _tertutup(request, putaran)
        return render(request, self.template_name, {"putaran": putaran, "form": PutaranUbahForm(putaran=putaran)})

    def post(self, request, pk):
        putaran = access_putaran(request.user, pk, for_change=True)
        if not putaran.dibuka:
            return _tertutup(request, putaran)
        form = PutaranUbahForm(request.POST, putaran=putaran)
        if form.is_valid():
            try:
                putaran_ubah(actor=request.user, putaran=putaran, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, "Nama dan batas waktu putaran disimpan.")
                return redirect("kompetensi:putaran-detail", pk=putaran.pk)
        return render(request, self.template_name, {"putaran": putaran, "form": form})


class PutaranCloseView(PeranRequiredMixin, View):
    """GET explains what closing means; POST closes (through putaran_tutup)."""

    peran_diperlukan = ADMIN

    def get(self, request, pk):
        putaran = access_putaran(request.user, pk, for_change=True)
        if not putaran.dibuka:
            messages.info(request, "Putaran ini sudah ditutup.")
            return redirect("kompetensi:putaran-detail", pk=putaran.pk)
        ringkasan = putaran_ringkasan(user=request.user, putaran=putaran)
        return render(request, "kompetensi/putaran_close.html", {"putaran": putaran, "ringkasan": ringkasan})

    def post(self, request, pk):
        putaran = access_putaran(request.user, pk, for_change=True)
        try:
            putaran_tutup(actor=request.user, putaran=putaran)
        except ValidationError as exc:
            _pesan_layanan(request, exc)
        else:
            messages.success(request, f"Putaran “{putaran.nama}” ditutup. Hasilnya kini tetap dan tidak berubah lagi.")
        return redirect("kompetensi:putaran-detail", pk=putaran.pk)


class PutaranHitungView(PeranRequiredMixin, View):
    """ "Hitung ulang hasil": queues the recompute (runs at once without a broker)."""

    peran_diperlukan = ADMIN
    http_method_names = ["post"]

    def post(self, request, pk):
        putaran = access_putaran(request.user, pk, for_change=True)
        try:
            putaran_hitung_antre(actor=request.user, putaran=putaran)
        except ValidationError as exc:
            _pesan_layanan(request, exc)
        else:
            messages.success(request, "Penghitungan ulang hasil dijalankan; hasil diperbarui dalam beberapa saat.")
        return redirect("kompetensi:putaran-detail", pk=putaran.pk)
