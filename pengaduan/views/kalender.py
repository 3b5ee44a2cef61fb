"""The holiday calendar used for complaint deadlines, and the complaint settings.

Everyone who handles complaints (Petugas Pengaduan, Admin OPD, Admin BKD) reads the calendar;
Admin BKD changes it and the settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from pegawai.access import akses_get
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin

from ..forms.kalender import HariLiburForm, PengaturanPengaduanForm
from ..models import AturanSla, HariLibur, PengaturanPengaduan
from ..selectors.kalender import hari_libur_list
from ..services.kalender import (
    hari_libur_hapus,
    hari_libur_isi,
    hari_libur_simpan,
    pengaturan_simpan,
)

BKD = ("admin_bkd",)
PEMBACA = ("admin_bkd", "admin_opd", "petugas_pengaduan")
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


def _tahun(nilai, bawaan: int) -> int:
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return bawaan
    return tahun if TAHUN_MIN <= tahun <= TAHUN_MAKS else bawaan


def _libur(pk) -> HariLibur:
    try:
        return HariLibur.objects.get(pk=int(pk))
    except (HariLibur.DoesNotExist, TypeError, ValueError):
        raise Http404("Hari libur tidak ditemukan.") from None


def _ke_kalender(tahun: int):
    return redirect(f"{reverse('pengaduan:kalender')}?tahun={tahun}")


class KalenderView(PeranRequiredMixin, View):
    peran_diperlukan = PEMBACA

    def get(self, request):
        hari_ini = timezone.localdate()
        tahun = _tahun(request.GET.get("tahun"), hari_ini.year)
        libur = list(hari_libur_list(tahun=tahun))
        return render(
            request,
            "pengaduan/kalender_list.html",
            {
                "tahun": tahun,
                "libur": libur,
                "jumlah_cuti": sum(1 for h in libur if h.jenis == HariLibur.Jenis.CUTI_BERSAMA),
                "tahun_pilihan": range(hari_ini.year - 2, hari_ini.year + 3),
                "boleh_ubah": akses_get(request.user).admin_bkd,
                "form": HariLiburForm(initial={"jenis": HariLibur.Jenis.NASIONAL}),
            },
        )


class KalenderIsiView(PeranRequiredMixin, View):
    """POST: add the year's national holidays and cuti bersama that are missing."""

    peran_diperlukan = BKD
    http_method_names = ["post"]

    def post(self, request):
        tahun = _tahun(request.POST.get("tahun"), timezone.localdate().year)
        jumlah = hari_libur_isi(tahun=tahun)
        if jumlah:
            messages.success(request, f"{jumlah} hari libur nasional dan cuti bersama {tahun} ditambahkan.")
        else:
            messages.info(request, f"Semua hari libur nasional {tahun} sudah ada di kalender.")
        return _ke_kalender(tahun)


class _LiburFormView(PeranRequiredMixin, View):
    peran_diperlukan = BKD

    def _render(self, request, form, libur=None):
        return render(request, "pengaduan/libur_form.html", {"form": form, "libur": libur})

    def _simpan(self, request, form, libur=None):
        if form.is_valid():
            try:
                libur = hari_libur_simpan(libur=libur, **form.cleaned_data)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(
                    request,
                    f"Hari libur {libur.tanggal:%d-%m-%Y} disimpan. Batas waktu pengaduan yang berjalan dihitung ulang.",
                )
                return _ke_kalender(libur.tanggal.year)
        return self._render(request, form, libur)


class LiburCreateView(_LiburFormView):
    def get(self, request):
        return self._render(request, HariLiburForm(initial={"jenis": HariLibur.Jenis.DAERAH}))

    def post(self, request):
        return self._simpan(request, HariLiburForm(request.POST))


class LiburUpdateView(_LiburFormView):
    def get(self, request, pk):
        libur = _libur(pk)
        return self._render(
            request, HariLiburForm(initial={"tanggal": libur.tanggal, "nama": libur.nama, "jenis": libur.jenis}), libur
        )

    def post(self, request, pk):
        libur = _libur(pk)
        return self._simpan(request, HariLiburForm(request.POST), libur)


class LiburDeleteView(PeranRequiredMixin, View):
    peran_diperlukan = BKD

    def get(self, request, pk):
        return render(request, "pengaduan/libur_delete.html", {"libur": _libur(pk)})

    def post(self, request, pk):
        libur = _libur(pk)
        tahun = libur.tanggal.year
        hari_libur_hapus(libur=libur)
        messages.success(request, "Hari libur dihapus. Batas waktu pengaduan yang berjalan dihitung ulang.")
        return _ke_kalender(tahun)


class PengaturanView(PeranRequiredMixin, View):
    peran_diperlukan = BKD

    def _form(self, data=None):
        sla = {a.kelas: a for a in AturanSla.objects.all()}
        return PengaturanPengaduanForm(data, pengaturan=PengaturanPengaduan.get(), sla=sla)

    def get(self, request):
        return render(request, "pengaduan/pengaturan_form.html", {"form": self._form()})

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            pengaturan, sla = form.hasil()
            try:
                pengaturan_simpan(pengaturan=pengaturan, sla=sla)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(
                    request, "Pengaturan pengaduan disimpan. Berlaku untuk pengaduan yang masuk sesudah ini."
                )
                return redirect("pengaduan:pengaturan")
        return render(request, "pengaduan/pengaturan_form.html", {"form": form})
