"""Realisation pages: the SKP's realisation per period (the pegawai fills it, the atasan reads it
and gives feedback), evidence upload, download and removal. Views parse, authorise
(evaluasi/access.py), call one service or selector and respond; a refusal is a message (403 with
the reason when the row may not change now), never a 500."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from asn_kinerja.berkas import berkas_privat_response
from asn_kinerja.unggah import unggah_terlalu_besar
from pegawai.access import akses_get
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin

from ..access import access_bukti, access_realisasi, access_skp, may_give_feedback
from ..berkas import JENIS_DIIZINKAN, JENIS_TEKS, PESAN_TERLALU_BESAR
from ..forms.realisasi import BuktiForm, RealisasiForm, UmpanBalikForm
from ..selectors.realisasi import angka_teks, periode_bawaan, periode_skp_list, realisasi_halaman
from ..services.realisasi import (
    BUKTI_MAKS_PER_BARIS,
    PESAN_BUKAN_PEMILIK,
    PESAN_BUKTI_BUKAN_PENGUNGGAH,
    PESAN_INDIKATOR_ASING,
    PESAN_UMPAN_BALIK_BUKAN_ATASAN,
    PESAN_UMPAN_BALIK_PERIODE,
    bukti_hapus,
    bukti_tambah,
    evaluasi_final,
    nama_berkas_aman,
    realisasi_kunci,
    realisasi_simpan,
    realisasi_tautan,
    umpan_balik_tambah,
)

# MIME type -> the extensions a downloaded file may keep (else the right one is appended).
_EKSTENSI = {}
for _ext, _mime in JENIS_DIIZINKAN.items():
    _EKSTENSI.setdefault(_mime, []).append(_ext)
_EKSTENSI["image/jpeg"].append("jpeg")


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _periode_dari(periode_list, nilai):
    """The period asked for (?periode= / POST periode) among the SKP year's, or the default."""
    if nilai in (None, ""):
        return periode_bawaan(periode_list)
    try:
        pk = int(nilai)
    except (TypeError, ValueError):
        raise Http404("Periode tidak ditemukan.") from None
    for periode in periode_list:
        if periode.pk == pk:
            return periode
    raise Http404("Periode tidak ditemukan untuk tahun SKP ini.")


class SkpRealisasiView(PeranRequiredMixin, View):
    """GET: the realisation of one SKP in one period (?periode=). POST (the owner): save one
    indicator's realisation (upsert, optimistic lock)."""

    template_name = "evaluasi/realisasi_skp.html"

    def _halaman(self, request, skp, nilai_periode):
        periode_list = periode_skp_list(skp)
        periode = _periode_dari(periode_list, nilai_periode)
        return realisasi_halaman(user=request.user, skp=skp, periode=periode, periode_list=periode_list)

    def _render(self, request, halaman, form_gagal: RealisasiForm | None = None):
        gagal_id = str(form_gagal.data.get("indikator", "")) if form_gagal is not None else ""
        cocok = False
        for b in halaman.baris:
            if gagal_id == str(b.indikator.pk):
                b.form = form_gagal
                cocok = True
            else:
                r = b.realisasi
                b.form = RealisasiForm(
                    initial={
                        "indikator": b.indikator.pk,
                        "versi": r.versi if r else 0,
                        "nilai": angka_teks(r.nilai) if r else "",
                        "uraian": r.uraian if r else "",
                        "catatan": r.catatan if r else "",
                    }
                )
        skp = halaman.skp
        konteks = {
            "h": halaman,
            "skp": skp,
            "pegawai": skp.pegawai,
            "periode": halaman.periode,
            # Errors of a form whose row is not on the page (a tampered or outdated indicator).
            "galat_umum": form_gagal.non_field_errors() if form_gagal is not None and not cocok else [],
            "jenis_teks": JENIS_TEKS,
            "accept": ",".join(f".{e}" for exts in _EKSTENSI.values() for e in exts),
            "bukti_maks_per_baris": BUKTI_MAKS_PER_BARIS,
            "batas_byte": settings.BUKTI_MAKS_BYTE,
            "batas_teks": filesizeformat(settings.BUKTI_MAKS_BYTE),
        }
        return render(request, self.template_name, konteks)

    def get(self, request, pk):
        skp = access_skp(request.user, pk)
        return self._render(request, self._halaman(request, skp, request.GET.get("periode")))

    def post(self, request, pk):
        skp = access_skp(request.user, pk)
        if skp.pegawai_id != akses_get(request.user).pegawai_id:
            raise PermissionDenied(PESAN_BUKAN_PEMILIK)
        halaman = self._halaman(request, skp, request.POST.get("periode") or request.GET.get("periode"))
        if halaman.kunci:
            raise PermissionDenied(halaman.kunci)
        form = RealisasiForm(request.POST)
        if form.is_valid():
            baris = {b.indikator.pk: b for b in halaman.baris}.get(form.cleaned_data["indikator"])
            if baris is None:
                form.add_error(None, PESAN_INDIKATOR_ASING)
            else:
                try:
                    realisasi_simpan(
                        actor=request.user,
                        indikator=baris.indikator,
                        periode=halaman.periode,
                        versi=form.cleaned_data["versi"],
                        nilai=form.cleaned_data["nilai"],
                        uraian=form.cleaned_data["uraian"],
                        catatan=form.cleaned_data["catatan"],
                    )
                except ValidationError as exc:
                    form_tambah_galat(form, exc)
                else:
                    messages.success(request, f"Realisasi \u201c{baris.indikator.uraian[:80]}\u201d tersimpan.")
                    return redirect(
                        realisasi_tautan(skp_id=skp.pk, periode_id=halaman.periode.pk, indikator_id=baris.indikator.pk)
                    )
        messages.error(request, "Realisasi tidak disimpan. Periksa isian yang ditandai.")
        return self._render(request, halaman, form_gagal=form)


def _realisasi_boleh_ubah(request, realisasi) -> None:
    """403 with the reason unless the signed-in owner may change this row now."""
    skp = realisasi.indikator.rhk.skp
    if skp.pegawai_id != akses_get(request.user).pegawai_id:
        raise PermissionDenied(PESAN_BUKAN_PEMILIK)
    kunci = realisasi_kunci(
        skp=skp,
        periode=realisasi.periode,
        final=evaluasi_final(pegawai_id=skp.pegawai_id, periode_id=realisasi.periode_id),
    )
    if kunci:
        raise PermissionDenied(kunci)


class RealisasiBuktiView(PeranRequiredMixin, View):
    """POST: attach a file or a link to one realisation row. Mounted with
    asn_kinerja.unggah.batas_unggah, so a file over the limit is never stored."""

    http_method_names = ["post"]

    def post(self, request, pk):
        realisasi = access_realisasi(request.user, pk)
        _realisasi_boleh_ubah(request, realisasi)
        skp = realisasi.indikator.rhk.skp
        tujuan = realisasi_tautan(skp_id=skp.pk, periode_id=realisasi.periode_id, indikator_id=realisasi.indikator_id)
        label = f"Bukti dukung untuk \u201c{realisasi.indikator.uraian[:80]}\u201d tidak disimpan:"
        besar = unggah_terlalu_besar(request)
        if besar:
            info = next(iter(besar.values()))
            ukuran = PESAN_TERLALU_BESAR.format(
                ukuran=filesizeformat(info["ukuran"]), batas=filesizeformat(info["batas"])
            )
            messages.error(request, f"{label} {ukuran} Berkas tidak diunggah.")
            return redirect(tujuan)
        form = BuktiForm(request.POST, request.FILES)
        if not form.is_valid():
            galat = [e for daftar in form.errors.values() for e in daftar]
            messages.error(request, f"{label} {' '.join(galat)}")
            return redirect(tujuan)
        try:
            bukti_tambah(
                actor=request.user,
                realisasi=realisasi,
                berkas=form.cleaned_data["berkas"],
                tautan=form.cleaned_data["tautan"],
                keterangan=form.cleaned_data["keterangan"],
            )
        except ValidationError as exc:
            messages.error(request, f"{label} {_pesan(exc)}")
        else:
            messages.success(request, "Bukti dukung ditambahkan.")
        return redirect(tujuan)


class RealisasiUmpanBalikView(PeranRequiredMixin, View):
    """POST: the atasan's feedback on one realisation row (any time while the period runs)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        realisasi = access_realisasi(request.user, pk)
        skp = realisasi.indikator.rhk.skp
        if not may_give_feedback(request.user, skp):
            raise PermissionDenied(PESAN_UMPAN_BALIK_BUKAN_ATASAN)
        if not realisasi.periode.menerima_realisasi:
            raise PermissionDenied(PESAN_UMPAN_BALIK_PERIODE.format(nama=realisasi.periode.nama))
        tujuan = realisasi_tautan(skp_id=skp.pk, periode_id=realisasi.periode_id, indikator_id=realisasi.indikator_id)
        form = UmpanBalikForm(request.POST)
        if not form.is_valid():
            galat = [e for daftar in form.errors.values() for e in daftar]
            messages.error(request, f"Umpan balik tidak dikirim: {' '.join(galat)}")
            return redirect(tujuan)
        try:
            umpan_balik_tambah(actor=request.user, realisasi=realisasi, teks=form.cleaned_data["teks"])
        except ValidationError as exc:
            messages.error(request, f"Umpan balik tidak dikirim: {_pesan(exc)}")
        else:
            messages.success(request, f"Umpan balik terkirim kepada {skp.pegawai.nama_lengkap}.")
        return redirect(tujuan)


def nama_unduhan(bukti) -> str:
    """The name a download gets: the uploaded name, sanitised, with an extension matching the
    stored type (a PDF named "x.html" is sent as "x.html.pdf")."""
    nama = nama_berkas_aman(bukti.nama_berkas, cadangan=f"bukti-{bukti.pk}")
    boleh = _EKSTENSI.get(bukti.jenis_mime, [])
    akhiran = PurePosixPath(nama).suffix.lower().lstrip(".")
    if boleh and akhiran not in boleh:
        nama = f"{nama}.{boleh[0]}"
    return nama


class BuktiUnduhView(PeranRequiredMixin, View):
    """GET: an evidence file, only to those who may see its row (404 otherwise). Always an
    attachment with the stored (content-checked) type; a link is followed instead."""

    http_method_names = ["get", "head"]

    def get(self, request, pk):
        bukti = access_bukti(request.user, pk)
        if bukti.tautan:
            return redirect(bukti.tautan)
        return berkas_privat_response(
            bukti.berkas, nama=nama_unduhan(bukti), content_type=bukti.jenis_mime or "application/octet-stream"
        )


class BuktiHapusView(PeranRequiredMixin, View):
    """POST: the uploader removes evidence while its row may still change."""

    http_method_names = ["post"]

    def post(self, request, pk):
        bukti = access_bukti(request.user, pk)
        if bukti.diunggah_oleh_id != request.user.pk:
            raise PermissionDenied(PESAN_BUKTI_BUKAN_PENGUNGGAH)
        tujuan = self._tujuan(request, bukti)
        try:
            bukti_hapus(actor=request.user, bukti=bukti)
        except ValidationError as exc:
            raise PermissionDenied(_pesan(exc)) from None
        messages.success(request, f"Bukti dukung \u201c{bukti}\u201d dihapus.")
        return redirect(tujuan)

    def _tujuan(self, request, bukti) -> str:
        lanjut = request.POST.get("next", "")
        if lanjut and url_has_allowed_host_and_scheme(
            lanjut, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return lanjut
        if bukti.realisasi_id:
            r = access_realisasi(request.user, bukti.realisasi_id)
            return realisasi_tautan(skp_id=r.indikator.rhk.skp_id, periode_id=r.periode_id, indikator_id=r.indikator_id)
        return reverse("evaluasi:log-list")
