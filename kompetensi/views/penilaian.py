"""Assessment pages: what waits for me, the self-assessment, the supervisor's assessment, the
peer's form and the peer assignment. Views parse, authorise (kompetensi/access.py), call one
service or selector and respond; every refusal is a message, never a 500."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views import View

from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin
from pegawai.views.rekan import RekanAturViewBase

from ..access import (
    access_penilaian_atasan,
    access_penilaian_diri,
    access_penugasan_rekan,
    access_penugasan_rekan_kelola,
)
from ..forms.penilaian import PenilaianForm, RekanIsiForm
from ..models import LEVEL_MAX, LEVEL_MIN, PesertaPenilaian, PutaranPenilaian
from ..rules import MIN_REKAN
from ..selectors.penilaian import (
    ATASAN,
    DIRI,
    MAKS_REKAN,
    penilaian_halaman,
    rekan_atur_halaman,
    rekan_isi_halaman,
    tugas_get,
)
from ..services.penilaian import penilaian_atasan_simpan, penilaian_diri_simpan
from ..services.rekan import PESAN_USULAN_BUKAN_ATASAN, rekan_atur, rekan_isi_simpan, rekan_usulan_terapkan

LEVEL_SEMUA = tuple(range(LEVEL_MIN, LEVEL_MAX + 1))


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class TugasView(PeranRequiredMixin, View):
    """ "Penilaian Kompetensi": what waits for the signed-in pegawai in open rounds."""

    def get(self, request):
        return render(
            request,
            "kompetensi/tugas_list.html",
            {"tugas": tugas_get(user=request.user), "min_rekan": MIN_REKAN, "maks_rekan": MAKS_REKAN},
        )


class TugasRekanTerapkanView(PeranRequiredMixin, View):
    """POST: apply the proposed peers to every subordinate who has none yet."""

    http_method_names = ["post"]

    def post(self, request):
        akses = akses_get(request.user)
        if (
            akses.pegawai_id is None
            or not PesertaPenilaian.objects.filter(
                atasan_id=akses.pegawai_id, putaran__status=PutaranPenilaian.Status.DIBUKA
            ).exists()
        ):
            raise PermissionDenied(PESAN_USULAN_BUKAN_ATASAN)
        try:
            ringkasan = rekan_usulan_terapkan(actor=request.user)
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
            return redirect("kompetensi:tugas")
        if ringkasan.diterapkan:
            messages.success(request, f"Usulan rekan diterapkan untuk {ringkasan.diterapkan} bawahan.")
        elif not ringkasan.kurang_kandidat:
            messages.info(request, "Semua bawahan sudah punya rekan penilai; tidak ada yang diubah.")
        if ringkasan.kurang_kandidat:
            messages.warning(
                request,
                f"Kandidat rekan di unit kerja kurang dari {MIN_REKAN} untuk: {', '.join(ringkasan.kurang_kandidat)}. "
                "Pilih rekan mereka secara manual dari OPD yang sama.",
            )
        return redirect("kompetensi:tugas")


# --- self and supervisor assessments ------------------------------------------------------------


def _tampil(form: PenilaianForm, baris) -> list[dict]:
    """Per competency, what the template shows: the row, the entered values and the errors."""
    hasil = []
    for b in baris:
        kid = b.hasil.kompetensi_id
        indikator = form.indikator_terpilih(kid)
        hasil.append(
            {
                "b": b,
                "level": form.level_terpilih(kid),
                "catatan": form.catatan(kid),
                "indikator": indikator,
                # Levels whose indicators are ticked start unfolded.
                "level_terbuka": {lv.level for lv in b.level for i in lv.indikator.all() if str(i.pk) in indikator},
                "galat": form.galat(kid),
                "galat_catatan": list(form.errors.get(f"catatan_{kid}", [])) if form.is_bound else [],
                "galat_level": list(form.errors.get(f"level_{kid}", [])) if form.is_bound else [],
            }
        )
    return hasil


class _PenilaianView(PeranRequiredMixin, View):
    jenis = DIRI
    template_name = "kompetensi/penilaian_diri.html"
    url_name = "kompetensi:peserta-diri"

    def peserta(self, request, pk) -> PesertaPenilaian:
        raise NotImplementedError

    def simpan(self, **kwargs):
        raise NotImplementedError

    def _render(self, request, halaman, form, status=200):
        return render(
            request,
            self.template_name,
            {
                "h": halaman,
                "peserta": halaman.peserta,
                "putaran": halaman.peserta.putaran,
                "form": form,
                "baris": _tampil(form, halaman.baris),
                "level_semua": LEVEL_SEMUA,
                "bisa_isi": not halaman.kunci,
            },
            status=status,
        )

    def get(self, request, pk):
        peserta = self.peserta(request, pk)
        halaman = penilaian_halaman(peserta=peserta, jenis=self.jenis)
        return self._render(request, halaman, PenilaianForm(baris=halaman.baris, jenis=self.jenis))

    def post(self, request, pk):
        peserta = self.peserta(request, pk)
        halaman = penilaian_halaman(peserta=peserta, jenis=self.jenis)
        if halaman.kunci:
            messages.error(request, f"{halaman.kunci} Tidak ada yang disimpan.")
            return redirect(self.url_name, pk=peserta.pk)
        kirim = request.POST.get("aksi") == "kirim"
        form = PenilaianForm(data=request.POST, baris=halaman.baris, jenis=self.jenis, kirim=kirim)
        if form.is_valid():
            try:
                self.simpan(actor=request.user, peserta=peserta, nilai=form.nilai(), kirim=kirim)
            except ValidationError as exc:
                form.add_error(None, _pesan(exc))
            else:
                if kirim:
                    messages.success(request, "Penilaian berhasil dikirim dan sekarang terkunci.")
                else:
                    messages.success(request, "Draf tersimpan. Anda dapat melanjutkannya nanti sebelum batas waktu.")
                return redirect(self.url_name, pk=peserta.pk)
        messages.error(request, "Tidak ada yang disimpan. Periksa isian yang ditandai.")
        return self._render(request, halaman, form)


class PenilaianDiriView(_PenilaianView):
    jenis = DIRI
    template_name = "kompetensi/penilaian_diri.html"
    url_name = "kompetensi:peserta-diri"

    def peserta(self, request, pk):
        return access_penilaian_diri(request.user, pk)

    def simpan(self, **kwargs):
        return penilaian_diri_simpan(**kwargs)


class PenilaianAtasanView(_PenilaianView):
    jenis = ATASAN
    template_name = "kompetensi/penilaian_atasan.html"
    url_name = "kompetensi:peserta-atasan"

    def peserta(self, request, pk):
        return access_penilaian_atasan(request.user, pk)

    def simpan(self, **kwargs):
        return penilaian_atasan_simpan(**kwargs)


# --- peers --------------------------------------------------------------------------------------


class RekanIsiView(PeranRequiredMixin, View):
    """The assigned peer rates one person: levels only, anonymous once submitted."""

    template_name = "kompetensi/rekan_isi.html"

    def _render(self, request, halaman, form):
        return render(
            request,
            self.template_name,
            {
                "h": halaman,
                "penugasan": halaman.penugasan,
                "peserta": halaman.penugasan.peserta,
                "form": form,
                "baris": [
                    {"hasil": h, "level": form.level_terpilih(h.kompetensi_id), "galat": form.galat(h.kompetensi_id)}
                    for h in halaman.hasil
                ],
                "level_semua": LEVEL_SEMUA,
                "bisa_isi": not halaman.kunci,
                "min_rekan": MIN_REKAN,
            },
        )

    def get(self, request, pk):
        penugasan = access_penugasan_rekan(request.user, pk)
        halaman = rekan_isi_halaman(penugasan=penugasan)
        ids = [h.kompetensi_id for h in halaman.hasil]
        draf = {int(k): v for k, v in (penugasan.draf or {}).items() if str(k).isdigit()}
        return self._render(request, halaman, RekanIsiForm(kompetensi_ids=ids, draf=draf))

    def post(self, request, pk):
        penugasan = access_penugasan_rekan(request.user, pk)
        halaman = rekan_isi_halaman(penugasan=penugasan)
        if halaman.kunci:
            messages.error(request, f"{halaman.kunci} Tidak ada yang disimpan.")
            return redirect("kompetensi:rekan-isi", pk=penugasan.pk)
        kirim = request.POST.get("aksi") == "kirim"
        form = RekanIsiForm(data=request.POST, kompetensi_ids=[h.kompetensi_id for h in halaman.hasil], kirim=kirim)
        if form.is_valid():
            try:
                rekan_isi_simpan(actor=request.user, penugasan=penugasan, level=form.level(), kirim=kirim)
            except ValidationError as exc:
                form.add_error(None, _pesan(exc))
            else:
                if kirim:
                    messages.success(
                        request,
                        "Penilaian rekan terkirim. Terima kasih; jawaban Anda tidak dapat dikaitkan dengan Anda.",
                    )
                    return redirect("kompetensi:tugas")
                messages.success(request, "Draf tersimpan. Hanya Anda yang dapat melihatnya.")
                return redirect("kompetensi:rekan-isi", pk=penugasan.pk)
        messages.error(request, "Tidak ada yang disimpan. Periksa isian yang ditandai.")
        return self._render(request, halaman, form)


class RekanAturView(RekanAturViewBase):
    """Assign 3 to 5 peers to a participant (round's atasan, Admin OPD of their OPD, BKD)."""

    template_name = "kompetensi/rekan_atur.html"
    url_name = "kompetensi:peserta-rekan"
    url_kembali = "kompetensi:tugas"
    akses = staticmethod(access_penugasan_rekan_kelola)

    def halaman(self, objek, *, q, pilih):
        return rekan_atur_halaman(peserta=objek, q=q, pilih=pilih)

    def simpan(self, *, actor, objek, penilai_ids):
        rekan_atur(actor=actor, peserta=objek, penilai_ids=penilai_ids)

    def konteks(self, objek, halaman):
        return {"peserta": objek, "putaran": objek.putaran}
