"""Competency reports: a participant's result (page and JSON), the team matrix and its export,
the admins' gap analysis and its exports."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from asn_kinerja.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin
from unduhan.views import ekspor_latar

from ..access import access_peserta
from ..exports import laporan as ekspor
from ..exports.latar import MATRIKS, TIM, Tim, tim_form, tim_matriks_ekspor
from ..filters.laporan import AnalisisFilter
from ..selectors import laporan as selectors

ADMIN = ("admin_opd", "admin_bkd")
PESAN_FILTER = "Pilihan tidak valid; perbaiki isian yang ditandai lalu unduh kembali."


def _xlsx(isi: bytes, nama_berkas: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _kembali(request, nama_url: str) -> HttpResponseRedirect:
    messages.error(request, PESAN_FILTER)
    return HttpResponseRedirect(f"{reverse(nama_url)}?{request.GET.urlencode()}")


# --- one participant --------------------------------------------------------------------------


class PesertaDetailView(PeranRequiredMixin, View):
    """The person, their atasan in the round and everyone above, their OPD's admin, BKD."""

    def get(self, request, pk):
        peserta = access_peserta(request.user, pk)
        return render(
            request,
            "kompetensi/peserta_detail.html",
            {
                "peserta": peserta,
                "hasil": selectors.hasil_peserta_get(peserta=peserta),
                "riwayat": selectors.riwayat_pegawai(peserta.pegawai_id, user=request.user),
            },
        )


class PesertaJsonView(PeranRequiredMixin, View):
    def get(self, request, pk):
        peserta = access_peserta(request.user, pk)
        response = JsonResponse(selectors.hasil_peserta_get(peserta=peserta).as_json())
        response["Cache-Control"] = "private, no-store"
        return response


# --- the team matrix --------------------------------------------------------------------------


def _tim_form(request) -> Tim:
    return tim_form(request.user, request.GET)


class TimMatriksView(PeranRequiredMixin, View):
    peran_diperlukan = TIM

    def get(self, request):
        tim = _tim_form(request)
        matriks = None
        if tim.valid and tim.putaran is not None:
            qs = selectors.tim_peserta(request.user, putaran=tim.putaran, cakupan=tim.cakupan, unit=tim.unit)
            matriks = selectors.tim_matriks_get(qs, nomor_halaman=request.GET.get("page"))
        return render(
            request,
            "kompetensi/tim_matriks.html",
            {"tim": tim, "form": tim.form, "matriks": matriks, "page_obj": matriks.halaman if matriks else None},
        )


class TimMatriksExportView(PeranRequiredMixin, View):
    """The matrix as Excel: in the request, or, above EKSPOR_LATAR_MIN_BARIS participants, as a
    background export (kompetensi.exports.latar) the user downloads from Unduhan Saya."""

    peran_diperlukan = TIM

    def get(self, request):
        tim = _tim_form(request)
        if not tim.valid or tim.putaran is None:
            return _kembali(request, "kompetensi:tim-matriks")
        qs = selectors.tim_peserta(request.user, putaran=tim.putaran, cakupan=tim.cakupan, unit=tim.unit)
        latar = ekspor_latar(request, baris=qs, jenis=MATRIKS, tetap=tim.parameter())
        if latar is not None:
            return latar
        return xlsx_response(*tim_matriks_ekspor(request.user, tim))


# --- admin analysis ---------------------------------------------------------------------------


@dataclass
class _Analisis:
    filter: AnalisisFilter
    valid: bool
    ada_putaran: bool
    putaran: object = None
    unit: object = None
    jenis_kompetensi: str | None = None


def _analisis_filter(request) -> _Analisis:
    user = request.user
    putaran_qs = selectors.analisis_putaran_scope(user)
    data = request.GET.copy()
    bawaan = None
    if not data.get("putaran"):
        bawaan = putaran_qs.values_list("pk", flat=True).first()
        if bawaan is not None:
            data["putaran"] = str(bawaan)
    filterset = AnalisisFilter(data, queryset=selectors.analisis_peserta_scope(user), user=user, putaran_qs=putaran_qs)
    valid = filterset.is_valid()
    hasil = _Analisis(filter=filterset, valid=valid, ada_putaran=bool(data.get("putaran")))
    if valid:
        cleaned = filterset.form.cleaned_data
        hasil.putaran = cleaned.get("putaran")
        hasil.unit = cleaned.get("unit")
        hasil.jenis_kompetensi = cleaned.get("jenis_kompetensi") or None
    return hasil


class AnalisisView(PeranRequiredMixin, View):
    """Gap heat-maps (by unit or OPD, by position) and the training-needs ranking."""

    peran_diperlukan = ADMIN

    def get(self, request):
        a = _analisis_filter(request)
        konteks = {"a": a, "filter": a.filter}
        if a.valid and a.putaran is not None:
            qs = a.filter.qs
            kebutuhan = selectors.kebutuhan_list(qs, jenis_kompetensi=a.jenis_kompetensi)
            kolom = selectors.kolom_urut_tampil(kebutuhan)
            per_opd = akses_get(request.user).admin_bkd and selectors.unit_filter_q(a.unit) is None
            konteks.update(
                ringkasan=selectors.ringkasan_peserta(qs),
                kebutuhan=kebutuhan,
                grafik_kebutuhan=selectors.kebutuhan_grafik(kebutuhan),
                peta_unit=selectors.peta_gap(
                    qs,
                    kolom=kolom,
                    kelompok="opd" if per_opd else "unit",
                    judul="OPD" if per_opd else "unit kerja",
                    jenis_kompetensi=a.jenis_kompetensi,
                ),
                peta_jabatan=selectors.peta_gap(
                    qs, kolom=kolom, kelompok="jabatan", judul="jabatan", jenis_kompetensi=a.jenis_kompetensi
                ),
            )
        return render(request, "kompetensi/analisis_dasbor.html", konteks)


class AnalisisKebutuhanExportView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        a = _analisis_filter(request)
        if not a.valid or a.putaran is None:
            return _kembali(request, "kompetensi:analisis")
        isi = ekspor.kebutuhan_workbook(a.filter.qs, jenis_kompetensi=a.jenis_kompetensi)
        return _xlsx(isi, ekspor.nama_berkas("kebutuhan-pelatihan"))


class AnalisisJpmExportView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        a = _analisis_filter(request)
        if not a.valid or a.putaran is None:
            return _kembali(request, "kompetensi:analisis")
        return _xlsx(ekspor.jpm_workbook(a.filter.qs), ekspor.nama_berkas("jpm"))
