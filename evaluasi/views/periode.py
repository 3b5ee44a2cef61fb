"""Pages of the evaluation periods: the list and the detail (every signed-in user), opening a
period, moving it to the next state and changing its deadlines (Admin BKD). Also the small
helpers the period area's other pages share. Access rules live in evaluasi/access.py."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.views import View

from pegawai.access import akses_get
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..access import (
    access_periode,
    may_manage_periode,
    may_monitor,
    predikat_organisasi_unit_scope,
)
from ..forms.periode import (
    PESAN_FORM_RUSAK,
    PeriodeBatasForm,
    PeriodeBuatForm,
    PeriodeLanjutForm,
)
from ..models import EvaluasiPegawai, PengaturanKinerja, Periode
from ..rules import periode_nama
from ..selectors.monitoring import (
    monitoring_total,
)
from ..selectors.periode import (
    AKIBAT_LANJUT,
    PENJELASAN_STATUS,
    WARNA_STATUS,
    periode_capaian,
    periode_list,
    periode_tenggat,
    status_berikut,
)
from ..services.periode import PESAN_SUDAH_ADA, periode_buat, periode_lanjut, periode_ubah_batas_cas

ADMIN = ("admin_opd", "admin_bkd")
BKD = ("admin_bkd",)
SESI_PERIODE = "evaluasi_periode_buat"  # form token -> the period it opened (double submissions)
SESI_SASARAN = "evaluasi_sasaran_buat"
SIMPAN_TOKEN = 20
PESAN_FORMULIR_TERKIRIM = "Formulir ini sudah dikirim; {apa} tidak dibuat dua kali."
PESAN_PERIODE_DITUTUP = "Periode ini sudah ditutup; batas waktunya tidak dapat diubah lagi."
PESAN_FILTER = "Filter tidak valid; perbaiki isian yang ditandai."


def id_dari(nilai) -> int:
    """A whole-number id from the query string, else 404 (never a 500)."""
    try:
        angka = int(nilai)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < angka < 2**63:
        raise Http404
    return angka


def _angka(n: int) -> str:
    return number_format(n, force_grouping=True)


def pesan_galat(request, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


def token_dipakai(request, sesi: str, token: str):
    return request.session.get(sesi, {}).get(token) if token else None


def token_simpan(request, sesi: str, token: str, pk: int) -> None:
    if not token:
        return
    tersimpan = dict(list(request.session.get(sesi, {}).items())[-(SIMPAN_TOKEN - 1) :])
    tersimpan[token] = pk
    request.session[sesi] = tersimpan


# --- periods ---------------------------------------------------------------------------------------


class PeriodeListView(PeranRequiredMixin, View):
    def get(self, request):
        halaman = halaman_get(periode_list(user=request.user), request.GET.get("page"))
        hari_ini = timezone.localdate()
        for p in halaman:
            p.tenggat = periode_tenggat(p, hari_ini=hari_ini)
            p.warna = WARNA_STATUS[p.status]
        return render(
            request,
            "evaluasi/periode_list.html",
            {"page_obj": halaman, "bisa_kelola": may_manage_periode(request.user)},
        )


class PeriodeCreateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "evaluasi/periode_create.html"

    def _form(self, data=None):
        pengaturan = PengaturanKinerja.get()
        tahun = timezone.localdate().year
        sudah_ada = set(Periode.objects.filter(tahun__in=[tahun, tahun + 1]).values_list("tahun", "jenis", "nomor"))
        form = PeriodeBuatForm(data, jenis_dipakai=pengaturan.jenis_periode, sudah_ada=sudah_ada)
        if data is None:
            form.initial["token"] = secrets.token_urlsafe(24)
        return form

    def get(self, request):
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request):
        token = request.POST.get("token", "")
        sudah = token_dipakai(request, SESI_PERIODE, token)
        if sudah is not None:
            messages.info(request, PESAN_FORMULIR_TERKIRIM.format(apa="periode"))
            return redirect("evaluasi:periode-detail", pk=sudah)
        form = self._form(request.POST)
        if form.is_valid():
            data = form.data_layanan()
            try:
                periode = periode_buat(actor=request.user, **data)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            except IntegrityError:
                # The same period opened at the same moment from another tab or by another admin.
                form.add_error(
                    None, PESAN_SUDAH_ADA.format(nama=periode_nama(data["tahun"], data["jenis"], data["nomor"]))
                )
            else:
                token_simpan(request, SESI_PERIODE, token, periode.pk)
                jumlah = EvaluasiPegawai.objects.filter(periode=periode).count()
                messages.success(
                    request,
                    f"Periode {periode.nama} dibuka dalam tahap Perencanaan dengan {_angka(jumlah)} catatan evaluasi "
                    "pegawai.",
                )
                return redirect("evaluasi:periode-detail", pk=periode.pk)
        return render(request, self.template_name, {"form": form})


class PeriodeDetailView(PeranRequiredMixin, View):
    def get(self, request, pk):
        periode = access_periode(request.user, pk)
        akses = akses_get(request.user)
        admin = may_monitor(request.user)
        berikut = status_berikut(periode)
        return render(
            request,
            "evaluasi/periode_detail.html",
            {
                "periode": periode,
                "warna": WARNA_STATUS[periode.status],
                "penjelasan": PENJELASAN_STATUS[periode.status],
                "tenggat": periode_tenggat(periode),
                "langkah": _langkah(periode),
                "berikut": berikut,
                "berikut_label": Periode.Status(berikut).label if berikut else "",
                "bisa_kelola": may_manage_periode(request.user),
                "admin": admin,
                "lingkup_opd": admin and not akses.admin_bkd,
                "capaian": periode_capaian(user=request.user, periode=periode) if admin else [],
                "bisa_predikat_org": admin or predikat_organisasi_unit_scope(request.user).exists(),
            },
        )


def _langkah(periode: Periode) -> list[dict]:
    """The four states as steps: done, current, to come."""
    urutan = Periode.URUTAN_STATUS
    kini = urutan.index(periode.status)
    return [
        {"label": Periode.Status(s).label, "status": "selesai" if i < kini else "kini" if i == kini else "nanti"}
        for i, s in enumerate(urutan)
    ]


class PeriodeLanjutView(PeranRequiredMixin, View):
    """GET explains what the next state opens and locks; POST moves (compare-and-swap on
    `dari_status`, so a double click or a second tab moves it once)."""

    peran_diperlukan = BKD

    def get(self, request, pk):
        periode = access_periode(request.user, pk, for_change=True)
        berikut = status_berikut(periode)
        if berikut is None:
            messages.info(request, "Periode ini sudah ditutup.")
            return redirect("evaluasi:periode-detail", pk=periode.pk)
        total = monitoring_total(user=request.user, periode=periode)
        return render(
            request,
            "evaluasi/periode_lanjut.html",
            {
                "periode": periode,
                "berikut": berikut,
                "berikut_label": Periode.Status(berikut).label,
                "akibat": AKIBAT_LANJUT[berikut],
                "total": total,
                "belum_final": total["pegawai"] - total["final"],
                "skp_belum_disetujui": total["pegawai"] - total["skp_disetujui"],
                "form": PeriodeLanjutForm(initial={"dari_status": periode.status}),
            },
        )

    def post(self, request, pk):
        periode = access_periode(request.user, pk, for_change=True)
        form = PeriodeLanjutForm(request.POST)
        if not form.is_valid():
            messages.error(request, PESAN_FORM_RUSAK)
            return redirect("evaluasi:periode-detail", pk=periode.pk)
        try:
            periode = periode_lanjut(actor=request.user, periode=periode, dari_status=form.cleaned_data["dari_status"])
        except ValidationError as exc:
            pesan_galat(request, exc)
        else:
            messages.success(request, f"Periode {periode.nama} kini dalam tahap {periode.get_status_display()}.")
        return redirect("evaluasi:periode-detail", pk=periode.pk)


class PeriodeUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "evaluasi/periode_update.html"

    def _tertutup(self, request, periode):
        messages.error(request, PESAN_PERIODE_DITUTUP)
        return redirect("evaluasi:periode-detail", pk=periode.pk)

    def get(self, request, pk):
        periode = access_periode(request.user, pk, for_change=True)
        if periode.ditutup:
            return self._tertutup(request, periode)
        return render(request, self.template_name, {"periode": periode, "form": PeriodeBatasForm(periode=periode)})

    def post(self, request, pk):
        periode = access_periode(request.user, pk, for_change=True)
        if periode.ditutup:
            return self._tertutup(request, periode)
        form = PeriodeBatasForm(request.POST, periode=periode)
        if form.is_valid():
            try:
                periode_ubah_batas_cas(actor=request.user, periode=periode, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, "Batas waktu penilaian disimpan.")
                return redirect("evaluasi:periode-detail", pk=periode.pk)
        return render(request, self.template_name, {"periode": periode, "form": form})
