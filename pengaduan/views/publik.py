"""The public complaint pages (no login): the landing page, the complaint form, the receipt,
tracking, and the citizen's rating and reopening.

A case's page opens only in a browser session that proved the case's key (on the tracking form
or by filing it): the code alone, in a URL or read over a shoulder, shows nothing. The key is
shown once, on the receipt, and never put in a URL. Every POST is rate limited per address.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from asn_kinerja.unggah import unggah_terlalu_besar
from evaluasi.berkas import PESAN_TERLALU_BESAR
from pegawai.forms import form_tambah_galat

from ..forms.publik import PESAN_DITOLAK, UMPAN, BukaKembaliForm, LacakForm, NilaiForm, PengaduanPublikForm
from ..lacak import kode_normal
from ..laju import laju_terlampaui, respon_laju
from ..models import Pengaduan, PengaturanPengaduan
from ..selectors.publik import layanan_publik_list, riwayat_publik, tenggat_publik
from ..services.publik import (
    PESAN_LEWAT_BATAS,
    buka_kembali_batas,
    buka_kembali_boleh,
    nilai_boleh,
    pengaduan_buat,
    pengaduan_buka_kembali,
    pengaduan_lacak,
    pengaduan_nilai,
)

SESI_TERKIRIM = "layanan_aduan_terkirim"
SESI_LACAK = "layanan_lacak"
LACAK_MAKS = 20  # codes one browser session remembers as proven

PESAN_TIDAK_COCOK = "Kode lacak atau kunci tidak cocok."
PESAN_BERKAS_BESAR = "{ukuran} Tidak ada yang disimpan; pilih berkas yang lebih kecil."
PESAN_PILIH_ULANG = "Berkas bukti yang Anda pilih belum disimpan: pilih kembali sebelum mengirim."
PESAN_DINILAI = "Terima kasih atas penilaian Anda."
PESAN_DIBUKA = "Pengaduan Anda dibuka kembali dan akan ditindaklanjuti oleh petugas."


def _terbukti(request, kode: str) -> bool:
    return bool(kode) and kode in request.session.get(SESI_LACAK, [])


def _tandai_terbukti(request, kode: str) -> None:
    daftar = [k for k in request.session.get(SESI_LACAK, []) if k != kode]
    request.session[SESI_LACAK] = [*daftar, kode][-LACAK_MAKS:]


def _ke_lacak(kode: str = ""):
    tujuan = reverse("layanan:lacak")
    return redirect(f"{tujuan}?kode={kode}" if kode else tujuan)


class BerandaPublikView(View):
    http_method_names = ["get"]

    def get(self, request):
        return render(request, "pengaduan/publik_beranda.html", {"layanan": layanan_publik_list()})


class AduanCreateView(View):
    """The complaint form. Mounted with asn_kinerja.unggah.batas_unggah (the complaint limit), so
    an attachment over the limit is dropped while it is read and nothing is stored."""

    http_method_names = ["get", "post"]
    template_name = "pengaduan/publik_aduan_create.html"

    def _render(self, request, form, pengaturan, status=200):
        return render(
            request,
            self.template_name,
            {"form": form, "batas_layanan_hari": pengaturan.batas_layanan_hari, "umpan": UMPAN},
            status=status,
        )

    def get(self, request):
        pengaturan = PengaturanPengaduan.get()
        form = PengaduanPublikForm(
            initial={"token_kirim": uuid.uuid4()}, batas_layanan_hari=pengaturan.batas_layanan_hari
        )
        return self._render(request, form, pengaturan)

    def post(self, request):
        if laju_terlampaui(request, grup="aduan", laju=settings.LAJU_ADUAN):
            return respon_laju(request)
        pengaturan = PengaturanPengaduan.get()
        form = PengaduanPublikForm(request.POST, request.FILES, batas_layanan_hari=pengaturan.batas_layanan_hari)
        valid = form.is_valid()
        if request.POST.get(UMPAN):
            form.add_error(None, PESAN_DITOLAK)
            return self._render(request, form, pengaturan)
        besar = unggah_terlalu_besar(request)
        if besar:
            info = next(iter(besar.values()))
            ukuran = PESAN_TERLALU_BESAR.format(
                ukuran=filesizeformat(info["ukuran"]), batas=filesizeformat(info["batas"])
            )
            form.add_error("berkas", PESAN_BERKAS_BESAR.format(ukuran=ukuran))
            return self._render(request, form, pengaturan)
        if valid:
            data = form.cleaned_data
            try:
                pengaduan, kunci = pengaduan_buat(
                    kelas=data["kelas"],
                    opd_id=data["opd"].pk,
                    nama_terlapor=data["nama_terlapor"],
                    judul=data["judul"],
                    uraian=data["uraian"],
                    tanggal_layanan=data["tanggal_layanan"],
                    lokasi=data["lokasi"],
                    kerugian=data["kerugian"],
                    harapan=data["harapan"],
                    privasi=data["privasi"],
                    nama=data["nama"],
                    email=data["email"],
                    telepon=data["telepon"],
                    alamat=data["alamat"],
                    berkas_list=data["berkas"],
                    token_kirim=data["token_kirim"],
                )
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                request.session[SESI_TERKIRIM] = {
                    "kode": pengaduan.kode,
                    "kunci": kunci,
                    "lewat_batas": pengaduan.layanan_lewat_batas,
                    "email": bool(data["email"]),
                }
                _tandai_terbukti(request, pengaduan.kode)
                return redirect("layanan:aduan-terkirim")
        if request.FILES:
            form.add_error(None, PESAN_PILIH_ULANG)
        return self._render(request, form, pengaturan)


@method_decorator(never_cache, name="dispatch")
class AduanTerkirimView(View):
    """The receipt: the code, and the key exactly once (a reload shows the code only)."""

    http_method_names = ["get"]

    def get(self, request):
        data = request.session.get(SESI_TERKIRIM)
        kunci = None
        if data and "kunci" in data:
            kunci = data.pop("kunci")
            request.session[SESI_TERKIRIM] = data
        konteks = {"data": data, "kunci": kunci}
        if data and data.get("lewat_batas"):
            konteks["pesan_lewat_batas"] = PESAN_LEWAT_BATAS.format(hari=PengaturanPengaduan.get().batas_layanan_hari)
        return render(request, "pengaduan/publik_aduan_terkirim.html", konteks)


class LacakView(View):
    http_method_names = ["get", "post"]
    template_name = "pengaduan/publik_lacak.html"

    def get(self, request):
        kode = kode_normal(request.GET.get("kode", "")[:40])
        return render(request, self.template_name, {"form": LacakForm(initial={"kode": kode})})

    def post(self, request):
        if laju_terlampaui(request, grup="lacak", laju=settings.LAJU_LACAK):
            return respon_laju(request)
        form = LacakForm(request.POST)
        if form.is_valid():
            pengaduan = pengaduan_lacak(form.cleaned_data["kode"], form.cleaned_data["kunci"])
            if pengaduan is not None:
                _tandai_terbukti(request, pengaduan.kode)
                return redirect("layanan:lacak-detail", kode=pengaduan.kode)
            form.add_error(None, PESAN_TIDAK_COCOK)
        return render(request, self.template_name, {"form": form})


def _pengaduan_terbukti(request, kode: str) -> Pengaduan | None:
    kode = kode_normal(kode)
    if not _terbukti(request, kode):
        return None
    return Pengaduan.objects.select_related("opd").filter(kode=kode).first()


@method_decorator(never_cache, name="dispatch")
class LacakDetailView(View):
    """The case as its complainant sees it: status, dates, public responses; nothing personal,
    no internal note, no officer's name."""

    http_method_names = ["get"]

    def get(self, request, kode):
        pengaduan = _pengaduan_terbukti(request, kode)
        if pengaduan is None:
            return _ke_lacak(kode_normal(kode))
        hari_ini = timezone.localdate()
        pengaturan = PengaturanPengaduan.get()
        boleh_buka = buka_kembali_boleh(pengaduan, hari_ini=hari_ini, pengaturan=pengaturan)
        return render(
            request,
            "pengaduan/publik_lacak_detail.html",
            {
                "pengaduan": pengaduan,
                "tenggat": tenggat_publik(pengaduan, hari_ini=hari_ini),
                "riwayat": riwayat_publik(pengaduan),
                "nilai_form": NilaiForm() if nilai_boleh(pengaduan) else None,
                "buka_form": BukaKembaliForm() if boleh_buka else None,
                "batas_buka": buka_kembali_batas(pengaduan, pengaturan) if boleh_buka else None,
            },
        )


class _AksiWargaView(View):
    """A citizen's action on their case (POST only, rate limited like the tracking form)."""

    http_method_names = ["post"]
    form_class: type = NilaiForm
    pesan_berhasil = ""

    def jalankan(self, pengaduan, data):
        raise NotImplementedError

    def post(self, request, kode):
        if laju_terlampaui(request, grup="lacak", laju=settings.LAJU_LACAK):
            return respon_laju(request)
        pengaduan = _pengaduan_terbukti(request, kode)
        if pengaduan is None:
            return _ke_lacak(kode_normal(kode))
        form = self.form_class(request.POST)
        if not form.is_valid():
            for galat in form.errors.values():
                for pesan in galat:
                    messages.error(request, pesan)
        else:
            try:
                self.jalankan(pengaduan, form.cleaned_data)
            except ValidationError as exc:
                for pesan in exc.messages:
                    messages.error(request, pesan)
            else:
                messages.success(request, self.pesan_berhasil)
        return redirect("layanan:lacak-detail", kode=pengaduan.kode)


class LacakNilaiView(_AksiWargaView):
    form_class = NilaiForm
    pesan_berhasil = PESAN_DINILAI

    def jalankan(self, pengaduan, data):
        pengaduan_nilai(pengaduan=pengaduan, nilai=data["nilai"], ulasan=data["ulasan"])


class LacakBukaKembaliView(_AksiWargaView):
    form_class = BukaKembaliForm
    pesan_berhasil = PESAN_DIBUKA

    def jalankan(self, pengaduan, data):
        pengaduan_buka_kembali(pengaduan=pengaduan, alasan=data["alasan"])
