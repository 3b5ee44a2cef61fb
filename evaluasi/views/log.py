"""The daily activity log: a pegawai's month and entry form, the atasan's review queue (one by
one or in bulk) and the monthly recap with its Excel export."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from asn_kinerja.unggah import unggah_terlalu_besar
from asn_kinerja.xlsx import xlsx_response
from pegawai.access import akses_get
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.models import Pegawai
from pegawai.selectors import halaman_get
from unduhan.views import ekspor_latar

from ..access import access_log
from ..berkas import JENIS_TEKS, PESAN_TERLALU_BESAR
from ..exports.latar import LOG_REKAP
from ..exports.log import log_rekap_ekspor
from ..forms.log import PESAN_BULAN, LogForm, LogPeriksaForm, bulan_parse
from ..models import LogHarian, PengaturanKinerja
from ..selectors.log import (
    RekapDaftar,
    bulan_awal,
    bulan_geser,
    log_bulan_saya,
    log_periksa_list,
    log_rekap_pegawai,
    log_rhk_pilihan,
    log_tahun_terbuka,
)
from ..services.log import (
    AKSI_REVISI,
    AKSI_SETUJUI,
    log_buat,
    log_dapat_diubah,
    log_hapus,
    log_periksa,
    log_ubah,
    periode_ditutup_q,
    tgl,
)

PEGAWAI = ("pegawai",)
PEREKAP = ("atasan", "admin_opd", "admin_bkd")
PER_HALAMAN_PERIKSA = 50

PESAN_TIDAK_DAPAT_DIUBAH = "Log tanggal {tanggal} berstatus {status} dan tidak dapat diubah atau dihapus lagi."
PESAN_TERKUNCI_UBAH = "Log tanggal {tanggal} sudah terkunci atau periodenya ditutup; tidak dapat diubah atau dihapus."
PESAN_DILEWATI = (
    "{n} log dilewati: sudah diperiksa, bukan log bawahan langsung Anda, periodenya sudah ditutup, "
    "atau (untuk revisi) bulannya sudah terkunci."
)
PESAN_TIDAK_DIPROSES = (
    "Log ini tidak diproses: sudah diperiksa, periodenya sudah ditutup, atau bulannya sudah terkunci "
    "sehingga tidak dapat dikembalikan untuk revisi."
)
PESAN_FILTER = "Filter tidak valid; perbaiki isian yang ditandai."


def _bulan(request) -> dt.date:
    """?bulan=YYYY-MM, or this month (with a warning when the value cannot be read)."""
    teks = request.GET.get("bulan")
    bulan = bulan_parse(teks)
    if bulan is None:
        if teks:
            messages.warning(request, PESAN_BULAN)
        return bulan_awal(timezone.localdate())
    return bulan


def _daftar_url(tanggal: dt.date) -> str:
    return f"{reverse('evaluasi:log-list')}?bulan={tanggal:%Y-%m}"


def _aman(request, tujuan: str | None) -> str | None:
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return None


def _galat_unggah(request, form) -> None:
    besar = unggah_terlalu_besar(request)
    if besar:
        info = next(iter(besar.values()))
        form.add_error(
            "berkas" if "berkas" in form.fields else None,
            PESAN_TERLALU_BESAR.format(ukuran=filesizeformat(info["ukuran"]), batas=filesizeformat(info["batas"])),
        )


def _tolak_bila_tetap(request, log: LogHarian):
    """None while the entry may still change; else a redirect to its month with the reason."""
    pengaturan = PengaturanKinerja.get()
    ditutup = LogHarian.objects.filter(pk=log.pk).filter(periode_ditutup_q()).exists()
    if log_dapat_diubah(
        log, hari_ini=timezone.localdate(), kunci_hari=pengaturan.log_kunci_hari, periode_ditutup=ditutup
    ):
        return None
    if log.status in (LogHarian.Status.DISETUJUI, LogHarian.Status.DITOLAK):
        pesan = PESAN_TIDAK_DAPAT_DIUBAH.format(tanggal=tgl(log.tanggal), status=log.get_status_display().lower())
    else:
        pesan = PESAN_TERKUNCI_UBAH.format(tanggal=tgl(log.tanggal))
    messages.error(request, pesan)
    return redirect(_daftar_url(log.tanggal))


# --- the pegawai's own log ---------------------------------------------------------------------------


class LogListView(PeranRequiredMixin, View):
    peran_diperlukan = PEGAWAI

    def get(self, request):
        data = log_bulan_saya(user=request.user, bulan=_bulan(request))
        return render(
            request,
            "evaluasi/log_list.html",
            {"data": data, "bulan_nilai": f"{data.bulan:%Y-%m}", "bulan_maks": f"{data.hari_ini:%Y-%m}"},
        )


class _LogFormMixin:
    template_name = "evaluasi/log_form.html"

    def _rhk(self, request, *tahun_lain: int):
        self.pengaturan = PengaturanKinerja.get()
        tahun = sorted({*log_tahun_terbuka(self.pengaturan), *tahun_lain}, reverse=True)
        return log_rhk_pilihan(pegawai_id=akses_get(request.user).pegawai_id, tahun=tahun)

    def _render(self, request, form, log=None):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "log": log,
                "pengaturan": self.pengaturan,
                "jenis_berkas": JENIS_TEKS,
                "ada_rhk": form.fields["rhk"].queryset.exists(),
            },
        )


class LogCreateView(_LogFormMixin, PeranRequiredMixin, View):
    """GET ?tanggal=YYYY-MM-DD prefills the date (the "isi" link of an empty day)."""

    peran_diperlukan = PEGAWAI

    def get(self, request):
        tanggal = timezone.localdate()
        prefill = LogForm.base_fields["tanggal"]
        try:
            diminta = prefill.clean(request.GET["tanggal"]) if request.GET.get("tanggal") else None
        except ValidationError:
            diminta = None
        if diminta and diminta <= tanggal:
            tanggal = diminta
        form = LogForm(initial={"tanggal": tanggal}, rhk_queryset=self._rhk(request, tanggal.year))
        return self._render(request, form)

    def post(self, request):
        form = LogForm(request.POST, request.FILES, rhk_queryset=self._rhk(request))
        _galat_unggah(request, form)
        if form.is_valid():
            try:
                log = log_buat(actor=request.user, **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, f"Log {tgl(log.tanggal)} ({log.menit} menit) tersimpan.")
                if "lagi" in request.POST:
                    return redirect(f"{reverse('evaluasi:log-create')}?tanggal={log.tanggal:%Y-%m-%d}")
                return redirect(_daftar_url(log.tanggal))
        return self._render(request, form)


class LogUpdateView(_LogFormMixin, PeranRequiredMixin, View):
    peran_diperlukan = ()

    def _log(self, request, pk) -> LogHarian:
        return access_log(request.user, pk, for_change=True)

    def get(self, request, pk):
        log = self._log(request, pk)
        tolak = _tolak_bila_tetap(request, log)
        if tolak:
            return tolak
        form = LogForm(
            initial=LogForm.initial_dari(log), rhk_queryset=self._rhk(request, log.tanggal.year), perlu_versi=True
        )
        return self._render(request, form, log)

    def post(self, request, pk):
        log = self._log(request, pk)
        form = LogForm(request.POST, request.FILES, rhk_queryset=self._rhk(request, log.tanggal.year), perlu_versi=True)
        _galat_unggah(request, form)
        if form.is_valid():
            try:
                hasil = log_ubah(actor=request.user, log=log, versi=form.cleaned_data["versi"], **form.data_layanan())
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(request, f"Log {tgl(hasil.tanggal)} ({hasil.menit} menit) diperbarui.")
                return redirect(_daftar_url(hasil.tanggal))
        return self._render(request, form, log)


class LogDeleteView(PeranRequiredMixin, View):
    """GET: the confirmation; POST (with the entry's versi): delete."""

    peran_diperlukan = ()
    template_name = "evaluasi/log_delete.html"

    def get(self, request, pk):
        log = access_log(request.user, pk, for_change=True)
        return _tolak_bila_tetap(request, log) or render(request, self.template_name, {"log": log})

    def post(self, request, pk):
        log = access_log(request.user, pk, for_change=True)
        try:
            log_hapus(actor=request.user, log=log, versi=request.POST.get("versi", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Log {tgl(log.tanggal)} ({log.menit} menit) dihapus.")
        return redirect(_daftar_url(log.tanggal))


# --- the atasan's review --------------------------------------------------------------------------------


def _pesan_hasil(request, hasil, aksi: str) -> None:
    if hasil.diproses:
        kata = {AKSI_SETUJUI: "disetujui", AKSI_REVISI: "dikembalikan untuk revisi"}.get(aksi, "ditolak")
        teks = f"{hasil.diproses} log {kata}."
        if hasil.pegawai_diberi_tahu:
            teks += f" {hasil.pegawai_diberi_tahu} pegawai diberi tahu."
        messages.success(request, teks)
    if hasil.dilewati:
        messages.warning(request, PESAN_DILEWATI.format(n=hasil.dilewati))


class LogPeriksaView(PeranRequiredMixin, View):
    """The queue of the direct subordinates' entries; POST acts on the checked ones."""

    peran_diperlukan = ("atasan",)
    template_name = "evaluasi/log_periksa.html"

    def _render(self, request, aksi_form, terpilih=()):
        filterset = log_periksa_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else LogHarian.objects.none()
        if not valid:
            messages.error(request, PESAN_FILTER)
        return render(
            request,
            self.template_name,
            {
                "filter": filterset,
                "page_obj": halaman_get(qs, request.GET.get("page"), per_halaman=PER_HALAMAN_PERIKSA),
                "aksi_form": aksi_form,
                "terpilih": {str(i) for i in terpilih},
                "bisa_aksi": filterset.status_dipilih == LogHarian.Status.BELUM_DIPERIKSA,
                "pengaturan": PengaturanKinerja.get(),
            },
        )

    def get(self, request):
        return self._render(request, LogPeriksaForm())

    def post(self, request):
        form = LogPeriksaForm(request.POST)
        if form.is_valid():
            aksi = form.cleaned_data["aksi"]
            try:
                hasil = log_periksa(
                    actor=request.user,
                    log_ids=form.cleaned_data["log"],
                    aksi=aksi,
                    catatan=form.cleaned_data["catatan"],
                )
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                _pesan_hasil(request, hasil, aksi)
                return redirect(request.get_full_path())
        return self._render(request, form, terpilih=request.POST.getlist("log"))


class LogReviewView(PeranRequiredMixin, View):
    """POST: review one entry (aksi, catatan); back to `next` (the queue by default)."""

    peran_diperlukan = ()
    http_method_names = ["post"]

    def post(self, request, pk):
        log = access_log(request.user, pk, for_review=True)
        tujuan = _aman(request, request.POST.get("next")) or reverse("evaluasi:log-periksa")
        form = LogPeriksaForm({**request.POST.dict(), "log": [str(log.pk)]})
        if not form.is_valid():
            messages.error(request, " ".join(e for daftar in form.errors.values() for e in daftar))
            return redirect(tujuan)
        aksi = form.cleaned_data["aksi"]
        try:
            hasil = log_periksa(actor=request.user, log_ids=[log.pk], aksi=aksi, catatan=form.cleaned_data["catatan"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(tujuan)
        if hasil.diproses:
            _pesan_hasil(request, hasil, aksi)
        else:
            messages.warning(request, PESAN_TIDAK_DIPROSES)
        return redirect(tujuan)


# --- the monthly recap -----------------------------------------------------------------------------


class _RekapMixin(PeranRequiredMixin):
    peran_diperlukan = PEREKAP


class LogRekapView(_RekapMixin, View):
    template_name = "evaluasi/log_rekap.html"

    def get(self, request):
        bulan = _bulan(request)
        filterset = log_rekap_pegawai(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        if not valid:
            messages.error(request, PESAN_FILTER)
        pengaturan = PengaturanKinerja.get()
        daftar = RekapDaftar(
            filterset.qs if valid else Pegawai.objects.none(),
            bulan=bulan,
            pengaturan=pengaturan,
            urut=filterset.urut_dipilih,
        )
        return render(
            request,
            self.template_name,
            {
                "filter": filterset,
                "bulan": bulan,
                "bulan_nilai": f"{bulan:%Y-%m}",
                "bulan_sebelumnya": f"{bulan_geser(bulan, -1):%Y-%m}",
                "bulan_berikutnya": f"{bulan_geser(bulan, 1):%Y-%m}",
                "page_obj": halaman_get(daftar, request.GET.get("page"), jumlah=daftar.count()),
                "pengaturan": pengaturan,
            },
        )


class LogRekapExportView(_RekapMixin, View):
    """The recap as Excel: in the request, or, above EKSPOR_LATAR_MIN_BARIS employees, as a
    background export (evaluasi.exports.latar) the user downloads from Unduhan Saya."""

    def get(self, request):
        bulan = _bulan(request)
        filterset = log_rekap_pegawai(user=request.user, data=request.GET)
        if not filterset.is_valid():
            messages.error(request, "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali.")
            return redirect(f"{reverse('evaluasi:log-rekap')}?{request.GET.urlencode()}")
        latar = ekspor_latar(request, baris=filterset.qs, jenis=LOG_REKAP, tetap={"bulan": f"{bulan:%Y-%m}"})
        if latar is not None:
            return latar
        return xlsx_response(*log_rekap_ekspor(filterset, bulan=bulan))
