"""SKP pages: the pegawai's own SKP (create, copy last year's, edit RHK rows and indicators,
submit), the atasan's review (return with a note, approve, ekspektasi khusus pimpinan), the
team/OPD list and the atasan's cascade. Access rules in evaluasi/access.py; writes in
evaluasi/services/skp.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin
from pegawai.selectors import halaman_get

from ..access import access_rhk, access_skp
from ..forms.skp import EkspektasiForm, KembalikanForm, RhkBundle, SkpBuatForm, VersiForm
from ..models import RencanaHasilKerja, Skp
from ..selectors import skp as selectors
from ..services import skp as services

Jenis = RencanaHasilKerja.Jenis


def _tahun(nilai, bawaan: int | None = None) -> int:
    """A year from the query string; anything odd gives this year (never a 500)."""
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return bawaan or services.tahun_ini()
    return tahun if 2000 <= tahun <= 2100 else (bawaan or services.tahun_ini())


def _pesan_galat(request, exc: ValidationError) -> None:
    for pesan in exc.messages:
        messages.error(request, pesan)


def _kode(exc: ValidationError) -> str | None:
    return getattr(exc, "code", None) if not hasattr(exc, "error_dict") else None


class SkpTerkunci(PermissionDenied):
    """The owner tried to change an SKP that is submitted or approved."""

    def __init__(self, skp: Skp):
        super().__init__(services.pesan_terkunci(skp))
        self.skp = skp


class SkpUbahMixin(PeranRequiredMixin):
    """Pages and actions that change the owner's SKP: a locked SKP answers 403 with a page that
    says why and leads back to the SKP (a second tab, a late double click, a bookmarked link)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except SkpTerkunci as exc:
            return render(request, "evaluasi/skp_terkunci.html", {"skp": exc.skp, "pesan": str(exc)}, status=403)


def _skp_untuk_ubah(user, pk) -> Skp:
    """The owner's SKP while it may change; 404 out of scope, 403 for others or when locked."""
    skp = access_skp(user, pk, for_change=True)
    if not skp.dapat_diubah:
        raise SkpTerkunci(skp)
    return skp


def _rhk_untuk_ubah(user, pk) -> RencanaHasilKerja:
    rhk = access_rhk(user, pk, for_change=True)
    if not rhk.skp.dapat_diubah:
        raise SkpTerkunci(rhk.skp)
    return rhk


# --- the pegawai's own SKP --------------------------------------------------------------------


class SkpSayaView(PeranRequiredMixin, View):
    """To the pegawai's SKP of the year (?tahun=, default this year), or to the create page."""

    peran_diperlukan = ("pegawai",)

    def get(self, request):
        tahun = _tahun(request.GET.get("tahun"))
        pid = akses_get(request.user).pegawai_id
        pk = Skp.objects.filter(pegawai_id=pid, tahun=tahun).values_list("pk", flat=True).first()
        if pk is not None:
            return redirect("evaluasi:skp-detail", pk=pk)
        return redirect(f"{reverse('evaluasi:skp-create')}?tahun={tahun}")


class SkpCreateView(PeranRequiredMixin, View):
    peran_diperlukan = ("pegawai",)
    template_name = "evaluasi/skp_create.html"

    def _konteks(self, request, form) -> dict:
        pid = akses_get(request.user).pegawai_id
        milik = selectors.skp_milik(pid)
        tahun_ada = {s.tahun: s for s in milik}
        try:
            tahun = int(form["tahun"].value())
        except (TypeError, ValueError):
            tahun = services.tahun_ini()
        return {
            "form": form,
            "milik": milik,
            "tahun": tahun,
            "skp_tahun": tahun_ada.get(tahun),
            "sumber_salin": tahun_ada.get(tahun - 1),
        }

    def get(self, request):
        tahun = _tahun(request.GET.get("tahun"))
        initial = {"tahun": tahun} if tahun in services.tahun_pilihan() else {}
        return render(request, self.template_name, self._konteks(request, SkpBuatForm(initial=initial)))

    def post(self, request):
        form = SkpBuatForm(request.POST)
        if form.is_valid():
            try:
                skp = services.skp_buat(actor=request.user, tahun=form.cleaned_data["tahun"])
            except ValidationError as exc:
                if _kode(exc) == "sudah_ada":
                    return _ke_skp_yang_ada(request, exc, form.cleaned_data["tahun"])
                form_galat(form, exc)
            else:
                messages.success(request, f"SKP tahun {skp.tahun} dibuat. Tambahkan Rencana Hasil Kerja (RHK) Anda.")
                return redirect("evaluasi:skp-update", pk=skp.pk)
        return render(request, self.template_name, self._konteks(request, form))


def form_galat(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for nama, galat in exc.error_dict.items():
            form.add_error(nama if nama in form.fields else None, galat)
    else:
        form.add_error(None, exc.messages)


def _ke_skp_yang_ada(request, exc: ValidationError, tahun: int):
    """A double post (or a second tab) of create/copy: say so and open the SKP that exists."""
    messages.warning(request, " ".join(exc.messages))
    pid = akses_get(request.user).pegawai_id
    pk = Skp.objects.filter(pegawai_id=pid, tahun=tahun).values_list("pk", flat=True).first()
    return redirect("evaluasi:skp-detail", pk=pk) if pk else redirect("evaluasi:skp-create")


class SkpSalinView(PeranRequiredMixin, View):
    """POST: this year's SKP (or `tahun`) as a copy of the previous year's."""

    peran_diperlukan = ("pegawai",)

    def post(self, request):
        tahun = _tahun(request.POST.get("tahun"))
        try:
            hasil = services.skp_salin(actor=request.user, tahun=tahun)
        except ValidationError as exc:
            if _kode(exc) == "sudah_ada":
                return _ke_skp_yang_ada(request, exc, tahun)
            _pesan_galat(request, exc)
            return redirect(f"{reverse('evaluasi:skp-create')}?tahun={tahun}")
        messages.success(
            request,
            f"SKP tahun {hasil.skp.tahun} dibuat dari SKP tahun {hasil.sumber.tahun}: "
            f"{hasil.jumlah_rhk} RHK dan {hasil.jumlah_indikator} indikator disalin sebagai draf.",
        )
        if hasil.perlu_dihubungkan:
            messages.warning(
                request,
                f"{hasil.perlu_dihubungkan} RHK Utama perlu dihubungkan kembali ke "
                f"{services.TUJUAN_KEPALA if hasil.kepala_unit else services.TUJUAN_ATASAN} tahun {hasil.skp.tahun}; "
                "kaitan tahun lalu tidak ikut disalin. Periksa juga target setiap indikator.",
            )
        return redirect("evaluasi:skp-update", pk=hasil.skp.pk)


class SkpDetailView(PeranRequiredMixin, View):
    def get(self, request, pk):
        skp = access_skp(request.user, pk)
        detail = selectors.skp_detail_get(user=request.user, skp=skp)
        return render(request, "evaluasi/skp_detail.html", {"d": detail, "skp": skp})


class SkpUpdateView(SkpUbahMixin, View):
    """The owner's workspace: every RHK row with edit/delete buttons, add buttons, submit."""

    def get(self, request, pk):
        skp = _skp_untuk_ubah(request.user, pk)
        detail = selectors.skp_detail_get(user=request.user, skp=skp)
        induk = selectors.induk_pilihan(skp=skp)
        return render(request, "evaluasi/skp_update.html", {"d": detail, "skp": skp, "induk": induk})


# --- one RHK row ------------------------------------------------------------------------------


def _rhk_form_render(request, *, skp, bundle, induk, rhk=None, status=200):
    return render(
        request,
        "evaluasi/skp_rhk_form.html",
        {"skp": skp, "rhk": rhk, "bundle": bundle, "induk": induk},
        status=status,
    )


def _rhk_simpan(request, *, skp, bundle, rhk=None):
    """Validate and save through the service; the saved row, or None (errors on the bundle)."""
    if not bundle.is_valid():
        return None
    try:
        return services.rhk_simpan(actor=request.user, skp=skp, rhk=rhk, **bundle.data_layanan())
    except ValidationError as exc:
        bundle.tambah_galat(exc)
        return None


def _rhk_tersimpan(request, skp: Skp, rhk: RencanaHasilKerja, baru: bool):
    messages.success(request, "RHK ditambahkan." if baru else "RHK disimpan.")
    if rhk.jenis == Jenis.UTAMA and not (rhk.rhk_atasan_id or rhk.sasaran_unit_id):
        messages.warning(request, "RHK Utama ini belum mendukung RHK atasan; hubungkan sebelum SKP diajukan.")
    return redirect(f"{reverse('evaluasi:skp-update', args=[skp.pk])}#rhk-{rhk.pk}")


class SkpRhkCreateView(SkpUbahMixin, View):
    """Add an RHK row (?jenis=utama|tambahan) to the owner's SKP."""

    def get(self, request, pk):
        skp = _skp_untuk_ubah(request.user, pk)
        jenis = request.GET.get("jenis")
        induk = selectors.induk_pilihan(skp=skp)
        bundle = RhkBundle(
            initial={"jenis": jenis if jenis in Jenis.values else Jenis.UTAMA, "versi": skp.versi},
            induk_choices=induk.choices(),
        )
        return _rhk_form_render(request, skp=skp, bundle=bundle, induk=induk)

    def post(self, request, pk):
        skp = _skp_untuk_ubah(request.user, pk)
        induk = selectors.induk_pilihan(skp=skp)
        bundle = RhkBundle(data=request.POST, induk_choices=induk.choices())
        rhk = _rhk_simpan(request, skp=skp, bundle=bundle)
        if rhk is not None:
            return _rhk_tersimpan(request, skp, rhk, baru=True)
        return _rhk_form_render(request, skp=skp, bundle=bundle, induk=induk)


def _induk_nilai(rhk: RencanaHasilKerja) -> str:
    if rhk.rhk_atasan_id:
        return f"rhk-{rhk.rhk_atasan_id}"
    if rhk.sasaran_unit_id:
        return f"sasaran-{rhk.sasaran_unit_id}"
    return ""


class RhkUpdateView(SkpUbahMixin, View):
    def get(self, request, pk):
        rhk = _rhk_untuk_ubah(request.user, pk)
        skp = rhk.skp
        induk = selectors.induk_pilihan(skp=skp)
        bundle = RhkBundle(
            initial={"jenis": rhk.jenis, "uraian": rhk.uraian, "induk": _induk_nilai(rhk), "versi": skp.versi},
            indikator_initial=[
                {"id": i.pk, "aspek": i.aspek, "uraian": i.uraian, "target": _angka(i.target), "satuan": i.satuan}
                for i in rhk.indikator.order_by("urutan", "id")
            ],
            induk_choices=induk.choices(),
        )
        return _rhk_form_render(request, skp=skp, bundle=bundle, induk=induk, rhk=rhk)

    def post(self, request, pk):
        rhk = _rhk_untuk_ubah(request.user, pk)
        skp = rhk.skp
        induk = selectors.induk_pilihan(skp=skp)
        bundle = RhkBundle(data=request.POST, induk_choices=induk.choices())
        hasil = _rhk_simpan(request, skp=skp, bundle=bundle, rhk=rhk)
        if hasil is not None:
            return _rhk_tersimpan(request, skp, hasil, baru=False)
        return _rhk_form_render(request, skp=skp, bundle=bundle, induk=induk, rhk=rhk)


def _angka(nilai) -> str:
    """A Decimal target as an Indonesian user types it: 12, 12,5."""
    teks = f"{nilai.normalize():f}" if nilai is not None else ""
    return teks.replace(".", ",")


class RhkDeleteView(SkpUbahMixin, View):
    def post(self, request, pk):
        rhk = _rhk_untuk_ubah(request.user, pk)
        form = VersiForm(request.POST)
        if not form.is_valid():
            _pesan_galat(request, ValidationError(form.errors["versi"]))
        else:
            try:
                services.rhk_hapus(actor=request.user, rhk=rhk, versi=form.cleaned_data["versi"])
            except ValidationError as exc:
                _pesan_galat(request, exc)
            else:
                messages.success(request, "RHK dihapus beserta indikatornya.")
        return redirect("evaluasi:skp-update", pk=rhk.skp_id)


# --- workflow ---------------------------------------------------------------------------------


class SkpAjukanView(SkpUbahMixin, View):
    def post(self, request, pk):
        skp = _skp_untuk_ubah(request.user, pk)
        form = VersiForm(request.POST)
        if not form.is_valid():
            _pesan_galat(request, ValidationError(form.errors["versi"]))
            return redirect("evaluasi:skp-detail", pk=skp.pk)
        try:
            skp = services.skp_ajukan(actor=request.user, skp=skp, versi=form.cleaned_data["versi"])
        except ValidationError as exc:
            if _kode(exc) in ("sudah", "terkunci"):
                messages.info(request, " ".join(exc.messages))
                return redirect("evaluasi:skp-detail", pk=skp.pk)
            _pesan_galat(request, exc)
            return redirect("evaluasi:skp-update", pk=skp.pk)
        nama = skp.atasan.nama if skp.atasan_id else "atasan"
        messages.success(request, f"SKP tahun {skp.tahun} diajukan kepada {nama} untuk disetujui.")
        return redirect("evaluasi:skp-detail", pk=skp.pk)


class SkpKembalikanView(PeranRequiredMixin, View):
    """GET: the note form (works on a phone); POST: return the SKP with that note."""

    template_name = "evaluasi/skp_kembalikan.html"

    def _bukan_diajukan(self, request, skp):
        messages.info(request, services.PESAN_BELUM_DIAJUKAN.format(status=skp.get_status_display().lower()))
        return redirect("evaluasi:skp-detail", pk=skp.pk)

    def get(self, request, pk):
        skp = access_skp(request.user, pk, for_approval=True)
        if skp.status != Skp.Status.DIAJUKAN:
            return self._bukan_diajukan(request, skp)
        return render(request, self.template_name, {"skp": skp, "form": KembalikanForm()})

    def post(self, request, pk):
        skp = access_skp(request.user, pk, for_approval=True)
        form = KembalikanForm(request.POST)
        if form.is_valid():
            try:
                services.skp_kembalikan(actor=request.user, skp=skp, catatan=form.cleaned_data["catatan"])
            except ValidationError as exc:
                if _kode(exc) == "bukan_diajukan":
                    messages.info(request, " ".join(exc.messages))
                    return redirect("evaluasi:skp-detail", pk=skp.pk)
                form_galat(form, exc)
            else:
                messages.success(request, f"SKP {skp.pegawai.nama} dikembalikan dengan catatan; pegawai diberi tahu.")
                return redirect("evaluasi:skp-detail", pk=skp.pk)
        return render(request, self.template_name, {"skp": skp, "form": form})


class SkpSetujuiView(PeranRequiredMixin, View):
    def post(self, request, pk):
        skp = access_skp(request.user, pk, for_approval=True)
        try:
            services.skp_setujui(actor=request.user, skp=skp)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, f"SKP tahun {skp.tahun} {skp.pegawai.nama} disetujui dan kini terkunci.")
        return redirect("evaluasi:skp-detail", pk=skp.pk)


class SkpEkspektasiView(PeranRequiredMixin, View):
    """The atasan's "ekspektasi khusus pimpinan" per BerAKHLAK value for one subordinate."""

    template_name = "evaluasi/skp_ekspektasi.html"

    def _render(self, request, skp, form, nilai):
        return render(
            request,
            self.template_name,
            {"skp": skp, "form": form, "nilai": nilai, "terbuka": services.ekspektasi_terbuka(skp.tahun)},
        )

    def get(self, request, pk):
        skp = access_skp(request.user, pk, for_approval=True)
        nilai = selectors.nilai_dasar_ekspektasi(skp)
        initial = {f"nilai_{n.pk}": n.ekspektasi.teks for n in nilai if n.ekspektasi is not None}
        initial["jejak"] = services.ekspektasi_jejak(skp)
        return self._render(request, skp, EkspektasiForm(initial=initial, nilai_dasar=nilai), nilai)

    def post(self, request, pk):
        skp = access_skp(request.user, pk, for_approval=True)
        nilai = selectors.nilai_dasar_ekspektasi(skp)
        form = EkspektasiForm(request.POST, nilai_dasar=nilai)
        if form.is_valid():
            try:
                jumlah = services.ekspektasi_simpan(
                    actor=request.user, skp=skp, teks=form.teks(), jejak=form.cleaned_data["jejak"]
                )
            except ValidationError as exc:
                form_galat(form, exc)
            else:
                messages.success(request, f"Ekspektasi khusus pimpinan disimpan ({jumlah} dari {len(nilai)} nilai).")
                return redirect(f"{reverse('evaluasi:skp-detail', args=[skp.pk])}#ekspektasi")
        return self._render(request, skp, form, nilai)


# --- the atasan's and admins' pages -------------------------------------------------------------


class SkpListView(PeranRequiredMixin, View):
    peran_diperlukan = ("atasan", "admin_opd", "admin_bkd")

    def get(self, request):
        filterset = selectors.skp_list(user=request.user, data=request.GET)
        valid = filterset.is_valid()
        qs = filterset.qs if valid else filterset.queryset.none()
        akses = akses_get(request.user)
        tahun = filterset.tahun_dipilih if valid else services.tahun_ini()
        return render(
            request,
            "evaluasi/skp_list.html",
            {
                "filter": filterset,
                "filter_valid": valid,
                "page_obj": halaman_get(qs, request.GET.get("page")),
                "ringkasan": selectors.skp_ringkasan_status(qs),
                "tahun": tahun,
                "pegawai_id": akses.pegawai_id,
                "tanpa_skp": selectors.bawahan_tanpa_skp(pegawai_id=akses.pegawai_id, tahun=tahun),
            },
        )


class SkpKaskadeView(PeranRequiredMixin, View):
    peran_diperlukan = ("atasan",)

    def get(self, request):
        tahun = _tahun(request.GET.get("tahun"))
        kaskade = selectors.kaskade_get(user=request.user, tahun=tahun)
        return render(
            request,
            "evaluasi/skp_kaskade.html",
            {"k": kaskade, "tahun": tahun, "tahun_lain": [tahun - 1, tahun + 1]},
        )
