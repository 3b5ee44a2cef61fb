"""Assessment pages: the pegawai's self-assessment, the rater's page, finalisation, the
pegawai's acknowledgement, the result page and its official Excel document, the rater's list and
the pegawai's own history. Views parse, authorise (evaluasi/access.py), call one service or
selector and respond; every refusal is a message, never a 500."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.access import akses_get, is_atasan
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..access import access_evaluasi, may_rate, may_self_assess
from ..exports.penilaian import dokumen_nama_berkas, dokumen_workbook
from ..forms.penilaian import PESAN_VERSI, EvaluasiFilterForm, PenilaianAtasanForm, PenilaianDiriForm, VersiForm
from ..models import Predikat, Rating
from ..rules import PANDUAN_HASIL_KERJA
from ..selectors.penilaian import (
    CAKUPAN_DINILAI,
    CAKUPAN_SEMUA,
    NILAI_PREDIKAT,
    PANDUAN,
    WARNA_PREDIKAT,
    WARNA_RATING,
    evaluasi_daftar,
    halaman_detail,
    halaman_diri,
    halaman_nilai,
    matriks_json,
    periode_bawaan,
    periode_pilihan,
    riwayat_saya,
)
from ..services.penilaian import (
    KODE_SUDAH,
    penilaian_atasan_simpan,
    penilaian_diri_simpan,
    penilaian_finalkan,
    penilaian_terima,
)

PILIHAN_RATING = [(r.value, r.label, WARNA_RATING[r]) for r in Rating]


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _sudah(exc: ValidationError) -> bool:
    return getattr(exc, "code", None) == KODE_SUDAH


def _rhk_tampil(form, rhk) -> list[dict]:
    """Per RHK, what the template shows: the row, the entered values and the errors."""
    return [
        {
            "b": b,
            "nama_rating": f"rhk_{b.rhk.pk}_rating",
            "nama_catatan": f"rhk_{b.rhk.pk}_catatan",
            "rating": form.nilai(f"rhk_{b.rhk.pk}_rating"),
            "catatan": form.nilai(f"rhk_{b.rhk.pk}_catatan"),
            "galat": form.galat(f"rhk_{b.rhk.pk}_rating") + form.galat(f"rhk_{b.rhk.pk}_catatan"),
        }
        for b in rhk
    ]


def _konteks_umum(h) -> dict:
    ev = h.evaluasi
    return {
        "h": h,
        "ev": ev,
        "periode": ev.periode,
        "pilihan_rating": PILIHAN_RATING,
        "panduan": PANDUAN,
        "warna_predikat": WARNA_PREDIKAT,
        "warna_rating": WARNA_RATING,
    }


# --- the two forms: self-assessment and the rater's page -----------------------------------------


class _PenilaianFormView(PeranRequiredMixin, View):
    """One form over the RHK rows and the overall ratings: GET draws it from the saved row,
    POST saves it through the service (a locked page saves nothing) and comes back here."""

    template_name: str
    url_name: str
    form_class: type[PenilaianDiriForm] | type[PenilaianAtasanForm]
    akses: dict  # how access_evaluasi reaches the evaluation (for_self / for_rating)
    halaman: staticmethod  # the page's selector (halaman_diri / halaman_nilai)

    def _evaluasi(self, request, pk):
        return access_evaluasi(request.user, pk, select=("penilaian_diri",), **self.akses)

    def _awal(self, h):
        """The saved row the form starts from."""
        raise NotImplementedError

    def _konteks(self, h, form) -> dict:
        """What this page shows besides the shared form context."""
        raise NotImplementedError

    def _simpan(self, request, ev, form) -> str:
        """Call the service with the cleaned form (`_isian` plus this page's fields); returns
        the success message."""
        raise NotImplementedError

    @staticmethod
    def _isian(request, ev, form) -> dict:
        """The arguments both services take from the form."""
        d = form.cleaned_data
        return {
            "actor": request.user,
            "evaluasi": ev,
            "versi": d["versi"],
            "rhk": form.rhk_masuk(),
            "rating_hasil": d["rating_hasil"],
            "rating_perilaku": d["rating_perilaku"],
        }

    def _render(self, request, h, form):
        ctx = _konteks_umum(h)
        ctx.update(
            form=form,
            baris=_rhk_tampil(form, h.rhk),
            bisa_isi=not h.kunci,
            nilai_hasil=form.nilai("rating_hasil"),
            nilai_perilaku=form.nilai("rating_perilaku"),
            **self._konteks(h, form),
        )
        return render(request, self.template_name, ctx)

    def get(self, request, pk):
        h = self.halaman(evaluasi=self._evaluasi(request, pk))
        return self._render(request, h, self.form_class(rhk=h.rhk, initial=self.form_class.awal(h.rhk, self._awal(h))))

    def post(self, request, pk):
        ev = self._evaluasi(request, pk)
        h = self.halaman(evaluasi=ev)
        if h.kunci:
            messages.warning(request, f"{h.kunci} Tidak ada yang disimpan.")
            return redirect(self.url_name, pk=ev.pk)
        form = self.form_class(data=request.POST, rhk=h.rhk)
        if form.is_valid():
            try:
                pesan = self._simpan(request, ev, form)
            except ValidationError as exc:
                if _sudah(exc):
                    messages.info(request, _pesan(exc))
                    return redirect(self.url_name, pk=ev.pk)
                form.add_error(None, _pesan(exc))
            else:
                messages.success(request, pesan)
                return redirect(self.url_name, pk=ev.pk)
        messages.error(request, "Tidak ada yang disimpan. Periksa isian yang ditandai.")
        return self._render(request, h, form)


class EvaluasiDiriView(_PenilaianFormView):
    """The pegawai proposes a rating per RHK and overall, with a reflection; Kirim locks it."""

    template_name = "evaluasi/evaluasi_diri.html"
    url_name = "evaluasi:evaluasi-diri"
    form_class = PenilaianDiriForm
    akses = {"for_self": True}
    halaman = staticmethod(halaman_diri)

    def _awal(self, h):
        return h.diri

    def _konteks(self, h, form) -> dict:
        return {
            "nilai_refleksi": form.nilai("refleksi"),
            "skp_url": reverse("evaluasi:skp-detail", args=[h.skp.pk]) if h.skp else reverse("evaluasi:skp-saya"),
        }

    def _simpan(self, request, ev, form) -> str:
        kirim = request.POST.get("aksi") == "kirim"
        penilaian_diri_simpan(**self._isian(request, ev, form), refleksi=form.cleaned_data["refleksi"], kirim=kirim)
        if kirim:
            return "Penilaian diri terkirim ke atasan dan sekarang terkunci."
        return "Draf penilaian diri tersimpan. Hanya Anda yang dapat melihatnya."


class EvaluasiNilaiView(_PenilaianFormView):
    """The rater's one page: SKP, realisation and evidence, self-assessment, peers, daily log,
    ekspektasi khusus; per-RHK and overall ratings with the guidance; the live predikat; the
    unit's curve; finalisation."""

    template_name = "evaluasi/evaluasi_nilai.html"
    url_name = "evaluasi:evaluasi-nilai"
    form_class = PenilaianAtasanForm
    akses = {"for_rating": True}
    halaman = staticmethod(halaman_nilai)

    def _awal(self, h):
        return h.evaluasi

    def _konteks(self, h, form) -> dict:
        return {
            "nilai_umpan_balik": form.nilai("umpan_balik"),
            "matriks_data": matriks_json(),
            "panduan_hasil": PANDUAN_HASIL_KERJA,
            "skp_url": reverse("evaluasi:skp-detail", args=[h.skp.pk]) if h.skp else "",
        }

    def _simpan(self, request, ev, form) -> str:
        penilaian_atasan_simpan(**self._isian(request, ev, form), umpan_balik=form.cleaned_data["umpan_balik"])
        return "Draf penilaian tersimpan. Pegawai belum dapat melihatnya sampai difinalkan."


class _HanyaPostView(PeranRequiredMixin, View):
    """POST-only actions on an evaluation: a GET is out of scope (404) or not allowed (405)."""

    def get(self, request, pk):
        access_evaluasi(request.user, pk)
        return HttpResponseNotAllowed(["POST"])


class EvaluasiFinalkanView(_HanyaPostView):
    """POST: finalise the saved draft (the version the rater saw)."""

    def post(self, request, pk):
        ev = access_evaluasi(request.user, pk, for_rating=True)
        form = VersiForm(data=request.POST)
        if not form.is_valid():
            messages.error(request, PESAN_VERSI)
            return redirect("evaluasi:evaluasi-nilai", pk=ev.pk)
        try:
            hasil = penilaian_finalkan(actor=request.user, evaluasi=ev, versi=form.cleaned_data["versi"])
        except ValidationError as exc:
            if _sudah(exc):
                messages.info(request, _pesan(exc))
                return redirect("evaluasi:evaluasi-detail", pk=ev.pk)
            messages.error(request, _pesan(exc))
            return redirect("evaluasi:evaluasi-nilai", pk=ev.pk)
        messages.success(
            request,
            f"Penilaian {ev.pegawai.nama_lengkap} difinalkan dengan predikat "
            f"{hasil.evaluasi.get_predikat_display()}. Pegawai telah diberi tahu.",
        )
        for teks in hasil.peringatan:
            messages.warning(request, f"Kurva distribusi: {teks}")
        return redirect("evaluasi:evaluasi-detail", pk=ev.pk)


class EvaluasiTerimaView(_HanyaPostView):
    """POST: the pegawai states they received the final result."""

    def post(self, request, pk):
        ev = access_evaluasi(request.user, pk, for_self=True)
        try:
            penilaian_terima(actor=request.user, evaluasi=ev)
        except ValidationError as exc:
            (messages.info if _sudah(exc) else messages.error)(request, _pesan(exc))
        else:
            messages.success(request, "Terima kasih; penerimaan hasil penilaian tercatat.")
        return redirect("evaluasi:evaluasi-detail", pk=ev.pk)


# --- the result and its document -------------------------------------------------------------------


class EvaluasiDetailView(PeranRequiredMixin, View):
    template_name = "evaluasi/evaluasi_detail.html"

    def get(self, request, pk):
        ev = access_evaluasi(request.user, pk, select=("penilaian_diri", "keberatan"))
        h = halaman_detail(evaluasi=ev, user=request.user)
        milik = may_self_assess(request.user, ev)
        ctx = _konteks_umum(h)
        ctx.update(
            milik=milik,
            penilai=may_rate(request.user, ev),
            bisa_terima=milik and ev.final and ev.diterima_pada is None,
            keberatan_url=(
                reverse("evaluasi:evaluasi-keberatan", args=[ev.pk])
                if milik and ev.final and h.keberatan is None and h.keberatan_terbuka
                else ""
            ),
            keberatan_detail_url=reverse("evaluasi:keberatan-detail", args=[h.keberatan.pk]) if h.keberatan else "",
            hari_ini=timezone.localdate(),
        )
        return render(request, self.template_name, ctx)


class EvaluasiDokumenView(PeranRequiredMixin, View):
    """The official periodic evaluation document (Excel), for everyone who may see the result."""

    def get(self, request, pk):
        ev = access_evaluasi(
            request.user,
            pk,
            select=(
                "penilaian_diri",
                "keberatan",
                "penilai__jabatan",
                "penilai__unit",
                "atasan_penilai__jabatan",
                "atasan_penilai__unit",
            ),
        )
        h = halaman_detail(evaluasi=ev, user=request.user)
        wb = dokumen_workbook(h, dasar_url=request.build_absolute_uri("/").rstrip("/"))
        return xlsx_response(wb, dokumen_nama_berkas(h))


# --- lists -------------------------------------------------------------------------------------------


class EvaluasiListView(PeranRequiredMixin, View):
    """Atasan: the evaluations they rate in a period; admins: their OPD / the whole Pemda."""

    peran_diperlukan = ("atasan", "admin_opd", "admin_bkd")
    template_name = "evaluasi/evaluasi_list.html"

    def get(self, request):
        akses = akses_get(request.user)
        atasan = is_atasan(request.user)
        filter_form = EvaluasiFilterForm(data=request.GET)
        f = filter_form.bersih()
        semua_periode = periode_pilihan()
        periode = next((p for p in semua_periode if p.pk == f.get("periode")), None) or periode_bawaan(semua_periode)
        cakupan = f.get("cakupan") or (CAKUPAN_DINILAI if atasan or not akses.admin else CAKUPAN_SEMUA)
        ctx = {
            "filter_form": filter_form,
            "semua_periode": semua_periode,
            "periode": periode,
            "cakupan": cakupan,
            "f": f,
            "status_pilihan": EvaluasiFilterForm.base_fields["status"].choices,
            "predikat_pilihan": EvaluasiFilterForm.base_fields["predikat"].choices,
            "warna_predikat": WARNA_PREDIKAT,
        }
        if periode is not None:
            qs, hitung = evaluasi_daftar(
                user=request.user,
                periode=periode,
                cakupan=cakupan,
                status=f.get("status") or "",
                predikat=f.get("predikat") or "",
                q=f.get("q") or "",
            )
            ctx.update(page_obj=halaman_get(qs, request.GET.get("page")), hitung=hitung, total=sum(hitung.values()))
        return render(request, self.template_name, ctx)


class EvaluasiRiwayatView(PeranRequiredMixin, View):
    """The pegawai's own results per period and their trend."""

    peran_diperlukan = ("pegawai",)
    template_name = "evaluasi/evaluasi_riwayat.html"

    def get(self, request):
        riwayat = riwayat_saya(user=request.user)
        return render(
            request,
            self.template_name,
            {
                "riwayat": riwayat,
                "warna_predikat": WARNA_PREDIKAT,
                "skala": [(v, Predikat(p).label) for p, v in NILAI_PREDIKAT.items()],
            },
        )
