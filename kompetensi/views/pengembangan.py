"""Development: the programme catalogue, development plans, one employee's development page
and the 20-JP compliance list (with its Excel export)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.access import akses_get
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.models import Pegawai
from pegawai.selectors import halaman_get

from ..access import access_program, access_rencana, may_plan, may_plan_for, pegawai_rencana_scope
from ..exports import pengembangan as exports
from ..forms.pengembangan import (
    ProgramBundle,
    RencanaBatalForm,
    RencanaCreateForm,
    RencanaSelesaiForm,
    RencanaUpdateForm,
)
from ..models import HasilKompetensi, ProgramPengembangan, RencanaPengembangan
from ..selectors import pengembangan as selectors
from ..services import pengembangan as services

BKD = ("admin_bkd",)
PERENCANA = ("admin_opd", "admin_bkd", "atasan")

PESAN_PREFILL_PEGAWAI = "Pegawai yang dipilih tidak ditemukan atau di luar kewenangan Anda; isi NIP pegawai."
PESAN_PREFILL_PROGRAM = "Program yang dipilih tidak ditemukan atau sudah tidak aktif; pilih program lain."
PESAN_PREFILL_HASIL = "Hasil kompetensi yang dirujuk tidak sesuai dengan pegawai ini; rencana dibuat tanpa rujukan."


def _int(nilai) -> int | None:
    nilai = (nilai or "").strip()
    if nilai.isdigit() and len(nilai) < 19:
        return int(nilai)
    return None


# --- catalogue --------------------------------------------------------------------------------


class ProgramListView(PeranRequiredMixin, View):
    peran_diperlukan = ()  # every signed-in user reads the catalogue

    def get(self, request):
        filterset = selectors.program_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else ProgramPengembangan.objects.none()
        return render(
            request,
            "kompetensi/program_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": halaman_get(qs, request.GET.get("page")),
                "bisa_ubah": akses_get(request.user).admin_bkd,
            },
        )


class ProgramDetailView(PeranRequiredMixin, View):
    peran_diperlukan = ()

    def get(self, request, pk):
        program = selectors.program_get(user=request.user, pk=pk)
        return render(
            request,
            "kompetensi/program_detail.html",
            {
                "program": program,
                "bisa_ubah": akses_get(request.user).admin_bkd,
                "bisa_rencana": program.aktif and may_plan(request.user),
            },
        )


def _program_simpan(request, bundle: ProgramBundle, program=None):
    """Validate the whole form, then save it through the service or nothing at all."""
    if not bundle.is_valid():
        return None
    try:
        return services.program_simpan(actor=request.user, program=program, **bundle.data_layanan())
    except ValidationError as exc:
        bundle.tambah_galat(exc)
    except IntegrityError:  # two simultaneous creates with the same kode
        bundle.form.add_error("kode", services.PESAN_KODE_DIPAKAI)
    return None


class ProgramCreateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "kompetensi/program_form.html"

    def get(self, request):
        bundle = ProgramBundle(initial={"aktif": True})
        return render(request, self.template_name, {"bundle": bundle})

    def post(self, request):
        bundle = ProgramBundle(data=request.POST)
        program = _program_simpan(request, bundle)
        if program is not None:
            messages.success(request, f"Program {program.nama} berhasil ditambahkan ke katalog.")
            return redirect("kompetensi:program-detail", pk=program.pk)
        return render(request, self.template_name, {"bundle": bundle})


class ProgramUpdateView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    template_name = "kompetensi/program_form.html"

    def get(self, request, pk):
        program = access_program(request.user, pk, for_change=True)
        initial, sasaran = selectors.program_form_initial(program)
        bundle = ProgramBundle(initial=initial, sasaran_initial=sasaran, perlu_versi=True, program=program)
        return render(request, self.template_name, {"bundle": bundle, "program": program})

    def post(self, request, pk):
        program = access_program(request.user, pk, for_change=True)
        bundle = ProgramBundle(data=request.POST, perlu_versi=True, program=program)
        hasil = _program_simpan(request, bundle, program)
        if hasil is not None:
            messages.success(request, f"Program {hasil.nama} berhasil disimpan.")
            return redirect("kompetensi:program-detail", pk=hasil.pk)
        return render(request, self.template_name, {"bundle": bundle, "program": program})


class _ProgramAktifView(PeranRequiredMixin, View):
    peran_diperlukan = BKD
    aktif: bool

    def post(self, request, pk):
        program = access_program(request.user, pk, for_change=True)
        try:
            services.program_set_aktif(actor=request.user, program=program, aktif=self.aktif)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            status = "diaktifkan kembali" if self.aktif else "dinonaktifkan; tidak lagi ditawarkan"
            messages.success(request, f"Program {program.nama} {status}.")
        return redirect("kompetensi:program-detail", pk=program.pk)


class ProgramDeactivateView(_ProgramAktifView):
    aktif = False


class ProgramActivateView(_ProgramAktifView):
    aktif = True


# --- development plans ------------------------------------------------------------------------


class RencanaListView(PeranRequiredMixin, View):
    peran_diperlukan = ()  # everyone sees their own plans; supervisors and admins more

    def get(self, request):
        filterset = selectors.rencana_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else RencanaPengembangan.objects.none()
        akses = akses_get(request.user)
        return render(
            request,
            "kompetensi/rencana_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": halaman_get(qs, request.GET.get("page")),
                "bisa_rencana": may_plan(request.user),
                "pegawai_id": akses.pegawai_id,
            },
        )


class RencanaDetailView(PeranRequiredMixin, View):
    peran_diperlukan = ()

    def get(self, request, pk):
        rencana = access_rencana(request.user, pk)
        return render(
            request,
            "kompetensi/rencana_detail.html",
            {"rencana": rencana, "bisa_ubah": may_plan_for(request.user, rencana.pegawai_id)},
        )


class RencanaCreateView(PeranRequiredMixin, View):
    """GET ?pegawai=<id>&program=<id>&hasil=<id> prefills from a recommendation; POST creates."""

    peran_diperlukan = PERENCANA
    template_name = "kompetensi/rencana_form.html"

    def _pegawai(self, request, pk) -> Pegawai | None:
        pk = _int(pk)
        if pk is None:
            return None
        return pegawai_rencana_scope(request.user).filter(aktif=True, pk=pk).select_related("unit", "jabatan").first()

    def _konteks(self, form, pegawai, hasil=None) -> dict:
        tahun = timezone.localdate().year
        jp = selectors.jp_tahun(pegawai.pk, tahun) if pegawai is not None else None
        return {"form": form, "pegawai": pegawai, "hasil": hasil, "jp": jp}

    def get(self, request):
        initial: dict = {
            "tanggal_mulai": timezone.localdate(),
            "tanggal_selesai": timezone.localdate(),
        }
        pegawai, hasil = None, None
        if request.GET.get("pegawai"):
            pegawai = self._pegawai(request, request.GET["pegawai"])
            if pegawai is None:
                messages.warning(request, PESAN_PREFILL_PEGAWAI)
        if request.GET.get("program"):
            program_id = _int(request.GET["program"])
            if program_id and ProgramPengembangan.objects.filter(pk=program_id, aktif=True).exists():
                initial["program"] = program_id
            else:
                messages.warning(request, PESAN_PREFILL_PROGRAM)
        if request.GET.get("hasil") and pegawai is not None:
            hasil_id = _int(request.GET["hasil"])
            hasil = (
                HasilKompetensi.objects.select_related("kompetensi")
                .filter(pk=hasil_id or 0, peserta__pegawai=pegawai)
                .first()
            )
            if hasil is None:
                messages.warning(request, PESAN_PREFILL_HASIL)
            else:
                initial["hasil"] = hasil.pk
                initial["kompetensi"] = hasil.kompetensi_id
        if pegawai is not None:
            initial["pegawai"] = pegawai.pk
        form = RencanaCreateForm(initial=initial, user=request.user, pegawai_tetap=pegawai is not None)
        return render(request, self.template_name, self._konteks(form, pegawai, hasil))

    def post(self, request):
        pegawai = self._pegawai(request, request.POST.get("pegawai")) if "pegawai" in request.POST else None
        form = RencanaCreateForm(request.POST, user=request.user, pegawai_tetap="pegawai" in request.POST)
        if form.is_valid():
            try:
                rencana = services.rencana_create(actor=request.user, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(
                    request, f"Rencana {rencana.judul} untuk {rencana.pegawai.nama_lengkap} berhasil dibuat."
                )
                return redirect("kompetensi:pegawai-pengembangan", pk=rencana.pegawai_id)
        hasil = form.cleaned_data.get("hasil") if hasattr(form, "cleaned_data") else None
        return render(request, self.template_name, self._konteks(form, pegawai, hasil))


class _RencanaUbahView(PeranRequiredMixin, View):
    """Base of the views that change one plan: 404 outside scope, 403 for the pegawai
    themself; a plan no longer planned goes back to its page with a message."""

    template_name: str

    def _rencana(self, request, pk):
        rencana = access_rencana(request.user, pk, for_change=True)
        if rencana.status != RencanaPengembangan.Status.DIRENCANAKAN:
            pesan = (
                services.PESAN_SUDAH_SELESAI
                if rencana.status == RencanaPengembangan.Status.SELESAI
                else services.PESAN_SUDAH_BATAL
            )
            messages.error(request, pesan)
            return rencana, redirect("kompetensi:rencana-detail", pk=rencana.pk)
        return rencana, None

    def _form(self, rencana, data=None):
        raise NotImplementedError

    def _simpan(self, request, rencana, form):
        raise NotImplementedError

    pesan_sukses: str

    def get(self, request, pk):
        rencana, lanjut = self._rencana(request, pk)
        if lanjut is not None:
            return lanjut
        return render(request, self.template_name, {"rencana": rencana, "form": self._form(rencana)})

    def post(self, request, pk):
        rencana, lanjut = self._rencana(request, pk)
        if lanjut is not None:
            return lanjut
        form = self._form(rencana, request.POST)
        if form.is_valid():
            try:
                self._simpan(request, rencana, form)
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, self.pesan_sukses)
                return redirect("kompetensi:rencana-detail", pk=rencana.pk)
        return render(request, self.template_name, {"rencana": rencana, "form": form})


class RencanaUpdateView(_RencanaUbahView):
    template_name = "kompetensi/rencana_update.html"
    pesan_sukses = "Rencana pengembangan berhasil disimpan."

    def _form(self, rencana, data=None):
        initial = {
            "judul": rencana.judul,
            "jenis": rencana.jenis,
            "tanggal_mulai": rencana.tanggal_mulai,
            "tanggal_selesai": rencana.tanggal_selesai,
            "jp_rencana": rencana.jp_rencana,
            "catatan": rencana.catatan,
        }
        return RencanaUpdateForm(data, initial=initial)

    def _simpan(self, request, rencana, form):
        services.rencana_update(actor=request.user, rencana=rencana, **form.cleaned_data)


class RencanaSelesaiView(_RencanaUbahView):
    template_name = "kompetensi/rencana_selesai.html"
    pesan_sukses = "Penyelesaian kegiatan berhasil dicatat; JP-nya dihitung pada tahun pelaksanaan."

    def _form(self, rencana, data=None):
        hari_ini = timezone.localdate()
        initial = {
            "jp_realisasi": rencana.jp_rencana,
            "tanggal_realisasi": min(hari_ini, max(rencana.tanggal_selesai, rencana.tanggal_mulai)),
        }
        return RencanaSelesaiForm(data, initial=initial)

    def _simpan(self, request, rencana, form):
        services.rencana_selesai(actor=request.user, rencana=rencana, **form.cleaned_data)


class RencanaBatalView(_RencanaUbahView):
    template_name = "kompetensi/rencana_batal.html"
    pesan_sukses = "Rencana pengembangan dibatalkan."

    def _form(self, rencana, data=None):
        return RencanaBatalForm(data)

    def _simpan(self, request, rencana, form):
        services.rencana_batal(actor=request.user, rencana=rencana, alasan=form.cleaned_data["alasan"])


class PegawaiPengembanganView(PeranRequiredMixin, View):
    """One employee's development: hours this year, recommendations from their latest round
    with results, and their plans. For the person, their supervisors, their Admin OPD and BKD."""

    peran_diperlukan = ()

    def get(self, request, pk):
        data = selectors.pegawai_pengembangan_get(user=request.user, pk=pk)
        return render(
            request,
            "kompetensi/rencana_pegawai.html",
            {
                "data": data,
                "p": data.pegawai,
                "jp": data.jp,
                "rekomendasi": data.rekomendasi,
                "bisa_rencana": data.bisa_rencana,
                "milik_sendiri": akses_get(request.user).pegawai_id == data.pegawai.pk,
            },
        )


# --- 20-JP compliance -------------------------------------------------------------------------


class JpListView(PeranRequiredMixin, View):
    peran_diperlukan = PERENCANA

    def get(self, request):
        filterset = selectors.jp_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        if valid:
            qs = filterset.qs
            ringkasan = selectors.jp_ringkasan(filterset)
        else:
            qs, ringkasan = Pegawai.objects.none(), None
        halaman = halaman_get(qs, request.GET.get("page"))
        for p in halaman:
            p.jp_kurang = max(0, selectors.JP_MINIMUM_TAHUNAN - p.jp_selesai)
        return render(
            request,
            "kompetensi/jp_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": halaman,
                "ringkasan": ringkasan,
                "tahun": filterset.tahun_dipilih,
                "minimum": selectors.JP_MINIMUM_TAHUNAN,
                "keterangan_cakupan": selectors.STATUS_WAJIB_JP_KETERANGAN,
            },
        )


class JpExportView(PeranRequiredMixin, View):
    peran_diperlukan = PERENCANA

    def get(self, request):
        filterset = selectors.jp_list(user=request.user, data=request.GET)
        if not filterset.is_valid():
            messages.error(request, "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali.")
            return HttpResponseRedirect(f"{reverse('kompetensi:jp-list')}?{request.GET.urlencode()}")
        wb = exports.jp_workbook(filterset.qs, filterset.tahun_dipilih)
        return xlsx_response(wb, exports.jp_nama_berkas(filterset.tahun_dipilih))
