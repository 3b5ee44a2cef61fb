"""The complaint officers' pages: the work queue and the case page with its actions (verify,
reject, dispose, respond, close, archive), the complainant's identity on request, the pegawai
search of the case's OPD and the evidence download.

Access through pengaduan.access only: a case outside the user's scope is a 404 (the pegawai a
complaint is about never gets it), visible but not for this action a 403. A refused action is a
message, never a 500; field errors re-render the case page with the form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.views import View

from asn_kinerja.berkas import berkas_privat_response
from asn_kinerja.unggah import unggah_terlalu_besar
from evaluasi.berkas import PESAN_TERLALU_BESAR
from evaluasi.views.realisasi import nama_unduhan
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin

from ..access import access_bukti, access_pengaduan, identitas_boleh
from ..forms.alur import DisposisiForm, SelesaiForm, TanggapanForm, TolakForm, VerifikasiForm
from ..models import StatusPengaduan
from ..selectors.alur import antrean_boleh, pegawai_cari, pengaduan_halaman, pengaduan_list
from ..services.alur import (
    DARI,
    pengaduan_arsip,
    pengaduan_disposisi,
    pengaduan_selesai,
    pengaduan_tanggapi,
    pengaduan_tolak,
    pengaduan_verifikasi,
    tanggal_teks,
)
from ..services.publik import buka_kembali_batas, buka_kembali_boleh

PESAN_IDENTITAS_DILARANG = "Anda tidak berwenang melihat identitas pelapor pengaduan ini."
PESAN_ANTREAN_DILARANG = "Halaman ini untuk Petugas Pengaduan, admin, dan pegawai yang ditugaskan menangani pengaduan."


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _tanpa_simpan(response):
    """Pages with the complainant's identity or evidence are never cached anywhere."""
    response["Cache-Control"] = "private, no-store"
    return response


def _halaman(request, pengaduan, *, buka_identitas: bool = False, status: int = 200, **forms):
    """The case page; `forms` replaces an action's empty form with a bound one (with errors)."""
    h = pengaduan_halaman(request.user, pengaduan, buka_identitas=buka_identitas)
    p = h.pengaduan
    aksi: dict = {}
    if h.bisa_kelola:
        if p.status in DARI["verifikasi"]:
            aksi["verifikasi"] = VerifikasiForm(pengaduan=p)
            aksi["tolak"] = TolakForm(pengaduan=p)
        if p.status in DARI["disposisi"]:
            aksi["disposisi"] = DisposisiForm(pengaduan=p)
        if p.status in DARI["selesai"]:
            aksi["selesai"] = SelesaiForm(pengaduan=p)
        if p.status in DARI["arsip"]:
            aksi["arsip"] = True
    if h.bisa_tanggapi and p.status != StatusPengaduan.DIARSIPKAN:
        aksi["tanggapan"] = TanggapanForm(pengaduan=p, publik_boleh=p.status in DARI["tanggapan_publik"])
    aksi.update({k: v for k, v in forms.items() if k in aksi})
    arsip_tunggu = ""
    if "arsip" in aksi and buka_kembali_boleh(p, hari_ini=timezone.localdate()):
        arsip_tunggu = tanggal_teks(buka_kembali_batas(p))
    konteks = {"h": h, "p": p, "aksi": aksi, "arsip_tunggu": arsip_tunggu}
    return _tanpa_simpan(render(request, "pengaduan/aduan_detail.html", konteks, status=status))


class AduanListView(PeranRequiredMixin, View):
    """The work queue: officers and admins see their scope, a responsible officer the cases
    disposed to them ("Pengaduan yang ditugaskan kepada saya")."""

    def get(self, request):
        if not antrean_boleh(request.user):
            raise PermissionDenied(PESAN_ANTREAN_DILARANG)
        daftar = pengaduan_list(request.user, request.GET, nomor_halaman=request.GET.get("page"))
        return render(request, "pengaduan/aduan_list.html", {"d": daftar, "page_obj": daftar.halaman})


class AduanDetailView(PeranRequiredMixin, View):
    def get(self, request, pk):
        return _halaman(request, access_pengaduan(request.user, pk))


class _AksiView(PeranRequiredMixin, View):
    """POST one action of the case page. A refusal without a field (wrong status, a change by
    another officer) is a message on the case page; field errors re-render the form."""

    http_method_names = ["post"]
    untuk = "kelola"
    nama = ""
    form_class: type = VerifikasiForm

    def form(self, request, p):
        return self.form_class(request.POST, request.FILES, pengaduan=p)

    def jalankan(self, request, p, form) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def post(self, request, pk):
        p = access_pengaduan(request.user, pk, untuk=self.untuk)
        form = self.form(request, p)
        if form.is_valid():
            try:
                pesan = self.jalankan(request, p, form)
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    messages.error(request, _pesan(exc))
                    return redirect("pengaduan:aduan-detail", pk=p.pk)
                form_tambah_galat(form, exc, {"pegawai_terlapor": "terlapor_nip", "petugas": "petugas_nip"})
            else:
                messages.success(request, pesan)
                return redirect("pengaduan:aduan-detail", pk=p.pk)
        return _halaman(request, p, **{self.nama: form})


class AduanVerifikasiView(_AksiView):
    nama = "verifikasi"
    form_class = VerifikasiForm

    def jalankan(self, request, p, form) -> str:
        d = form.cleaned_data
        terlapor = d["terlapor_nip"]
        baru = pengaduan_verifikasi(
            pengaduan_id=p.pk,
            actor=request.user,
            kompleksitas=d["kompleksitas"],
            pegawai_terlapor_id=terlapor.pk if terlapor else None,
            catatan=d["catatan"],
        )
        return f"Pengaduan {p.kode} terverifikasi. Batas penyelesaian: {tanggal_teks(baru.batas_selesai)}."


class AduanTolakView(_AksiView):
    nama = "tolak"
    form_class = TolakForm

    def jalankan(self, request, p, form) -> str:
        d = form.cleaned_data
        baru = pengaduan_tolak(
            pengaduan_id=p.pk, actor=request.user, alasan=d["alasan"], bukan_wewenang=d["jenis"] == "bukan_wewenang"
        )
        return f"Pengaduan {p.kode} dinyatakan {baru.get_status_display().lower()}. Pelapor diberi tahu alasannya."


class AduanDisposisiView(_AksiView):
    nama = "disposisi"
    form_class = DisposisiForm

    def jalankan(self, request, p, form) -> str:
        d = form.cleaned_data
        pengaduan_disposisi(
            pengaduan_id=p.pk,
            actor=request.user,
            unit_id=d["unit"].pk,
            petugas_id=d["petugas_nip"].pk,
            catatan=d["catatan"],
        )
        return f"Pengaduan {p.kode} didisposisikan kepada {d['petugas_nip'].nama_lengkap} ({d['unit'].nama})."


class AduanTanggapiView(_AksiView):
    """Mounted behind asn_kinerja.unggah.batas_unggah: an oversized file is skipped while read."""

    untuk = "tanggapi"
    nama = "tanggapan"
    form_class = TanggapanForm

    def form(self, request, p):
        form = TanggapanForm(request.POST, request.FILES, pengaduan=p)
        besar = unggah_terlalu_besar(request)
        if besar:
            info = next(iter(besar.values()))
            ukuran = PESAN_TERLALU_BESAR.format(
                ukuran=filesizeformat(info["ukuran"]), batas=filesizeformat(info["batas"])
            )
            form.add_error("berkas", f"{ukuran} Berkas tidak diunggah.")
        return form

    def jalankan(self, request, p, form) -> str:
        d = form.cleaned_data
        pengaduan_tanggapi(
            pengaduan_id=p.pk, actor=request.user, isi=d["isi"], publik=form.publik, berkas=d["berkas"] or None
        )
        if form.publik:
            return "Tanggapan disimpan dan dikirim kepada pelapor."
        return "Catatan internal disimpan."


class AduanSelesaiView(_AksiView):
    nama = "selesai"
    form_class = SelesaiForm

    def jalankan(self, request, p, form) -> str:
        baru = pengaduan_selesai(
            pengaduan_id=p.pk,
            actor=request.user,
            isi_penutup=form.cleaned_data["isi_penutup"],
            terbukti=form.nilai_terbukti,
        )
        return f"Pengaduan {p.kode} selesai dalam {baru.hari_kerja_selesai} hari kerja. Pelapor diberi tahu."


class AduanArsipView(PeranRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        p = access_pengaduan(request.user, pk, untuk="kelola")
        try:
            pengaduan_arsip(pengaduan_id=p.pk, actor=request.user)
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
        else:
            messages.success(request, f"Pengaduan {p.kode} diarsipkan.")
        return redirect("pengaduan:aduan-detail", pk=p.pk)


class AduanIdentitasView(PeranRequiredMixin, View):
    """POST: show who filed an anonim/rahasia case to those allowed (each read audited)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        p = access_pengaduan(request.user, pk)
        if not identitas_boleh(request.user, p):
            raise PermissionDenied(PESAN_IDENTITAS_DILARANG)
        return _halaman(request, p, buka_identitas=True)


class AduanPegawaiView(PeranRequiredMixin, View):
    """Pegawai of the case's OPD for the terlapor and responsible-officer fields (JSON)."""

    def get(self, request, pk):
        p = access_pengaduan(request.user, pk, untuk="kelola")
        hasil = pegawai_cari(p, q=request.GET.get("q", ""), unit_id=request.GET.get("unit") or None)
        return JsonResponse({"hasil": hasil})


class BuktiaduanUnduhView(PeranRequiredMixin, View):
    """An evidence file, to those who may see it (a complainant's own file of an anonim/rahasia
    case only to those who may know who they are): always an attachment with the type checked
    at upload, never sniffed, never cached by a shared cache."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        bukti = access_bukti(request.user, pk)
        return berkas_privat_response(
            bukti.berkas, nama=nama_unduhan(bukti), content_type=bukti.jenis_mime or "application/octet-stream"
        )
