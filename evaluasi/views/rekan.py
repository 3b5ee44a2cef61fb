"""Peer (360) assessment pages: the peer's task list, the peer's form, the assignment of an
evaluation's peers and the one-click proposal for all of a rater's subordinates. Views parse,
authorise (evaluasi/access.py), call one service or selector and respond; every refusal is a
message, never a 500."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views import View

from pegawai.mixins import PeranRequiredMixin
from pegawai.views.rekan import RekanAturViewBase

from ..access import access_evaluasi_rekan, access_penugasan_rekan, may_accept_usulan_rekan
from ..forms.rekan import RekanIsiForm
from ..selectors.rekan import (
    SKALA_REKAN,
    rekan_atur_halaman,
    rekan_isi_halaman,
    rekan_ringkasan_tampil,
    rekan_tugas_list,
)
from ..services.rekan import PESAN_USULAN_BUKAN_PENILAI, rekan_atur, rekan_isi_simpan, rekan_usulan_terapkan


def _pesan(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class RekanTugasView(PeranRequiredMixin, View):
    """The "Penilaian Rekan" page: the peer forms waiting for me and, for a rater, the
    subordinates' peer assignment."""

    def get(self, request):
        return render(request, "evaluasi/rekan_tugas.html", {"t": rekan_tugas_list(user=request.user)})


class RekanUsulanTerapkanView(PeranRequiredMixin, View):
    """POST: assign the proposed peers to every subordinate who has none yet."""

    http_method_names = ["post"]

    def post(self, request):
        if not may_accept_usulan_rekan(request.user):
            raise PermissionDenied(PESAN_USULAN_BUKAN_PENILAI)
        try:
            ringkasan = rekan_usulan_terapkan(actor=request.user)
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
            return redirect("evaluasi:rekan-tugas")
        if ringkasan.diterapkan:
            messages.success(
                request,
                f"Usulan rekan diterapkan untuk {ringkasan.diterapkan} bawahan ({ringkasan.penugasan} penugasan); "
                "setiap rekan sudah diberi tahu.",
            )
        elif not ringkasan.kurang_kandidat:
            messages.info(request, "Semua bawahan sudah punya rekan penilai; tidak ada yang diubah.")
        if ringkasan.kurang_kandidat:
            messages.warning(
                request,
                "Kandidat rekan kurang untuk: "
                f"{', '.join(ringkasan.kurang_kandidat)}. Pilih rekan mereka secara manual dari OPD yang sama.",
            )
        return redirect("evaluasi:rekan-tugas")


class TugasRekanIsiView(PeranRequiredMixin, View):
    """The assigned peer rates one person on the seven BerAKHLAK values (anonymous once sent).
    Anyone else, admins included, gets a 404: the assignment does not exist for them."""

    template_name = "evaluasi/rekan_isi.html"

    def _render(self, request, halaman, form, status=200):
        baris = [{"nilai": n, "skor": form.skor_terpilih(n.pk), "galat": form.galat(n.pk)} for n in halaman.nilai_dasar]
        konteks = {
            "h": halaman,
            "penugasan": halaman.penugasan,
            "evaluasi": halaman.penugasan.evaluasi,
            "form": form,
            "baris": baris,
            "skala": SKALA_REKAN,
            "bisa_isi": not halaman.terkirim and not halaman.kunci,
        }
        return render(request, self.template_name, konteks, status=status)

    def get(self, request, pk):
        penugasan = access_penugasan_rekan(request.user, pk)
        halaman = rekan_isi_halaman(penugasan=penugasan)
        form = RekanIsiForm(nilai_ids=[n.pk for n in halaman.nilai_dasar], draf=penugasan)
        return self._render(request, halaman, form)

    def post(self, request, pk):
        penugasan = access_penugasan_rekan(request.user, pk)
        halaman = rekan_isi_halaman(penugasan=penugasan)
        if halaman.terkirim or halaman.kunci:
            messages.error(request, f"{halaman.kunci or 'Penilaian ini sudah dikirim.'} Tidak ada yang disimpan.")
            return redirect("evaluasi:tugasrekan-isi", pk=penugasan.pk)
        kirim = request.POST.get("aksi") == "kirim"
        form = RekanIsiForm(data=request.POST, nilai_ids=[n.pk for n in halaman.nilai_dasar], kirim=kirim)
        if form.is_valid():
            try:
                rekan_isi_simpan(
                    actor=request.user,
                    penugasan=penugasan,
                    skor=form.skor(),
                    komentar=form.komentar_isi(),
                    kirim=kirim,
                )
            except ValidationError as exc:
                form.add_error(None, _pesan(exc))
            else:
                if kirim:
                    messages.success(
                        request,
                        "Penilaian rekan terkirim. Terima kasih; jawaban Anda tersimpan tanpa nama dan tidak dapat "
                        "dikaitkan dengan Anda.",
                    )
                    return redirect("evaluasi:rekan-tugas")
                messages.success(request, "Draf tersimpan. Hanya Anda yang dapat melihatnya.")
                return redirect("evaluasi:tugasrekan-isi", pk=penugasan.pk)
        messages.error(request, "Tidak ada yang disimpan. Periksa isian yang ditandai.")
        return self._render(request, halaman, form)


class EvaluasiRekanView(RekanAturViewBase):
    """Assign the peers of one evaluation (its rater, the Admin OPD of its OPD, BKD): who is
    assigned and whether they answered, never what; the aggregate once released."""

    template_name = "evaluasi/evaluasi_rekan.html"
    url_name = "evaluasi:evaluasi-rekan"
    url_kembali = "evaluasi:rekan-tugas"
    akses = staticmethod(access_evaluasi_rekan)

    def halaman(self, objek, *, q, pilih):
        return rekan_atur_halaman(evaluasi=objek, q=q, pilih=pilih)

    def simpan(self, *, actor, objek, penilai_ids):
        rekan_atur(actor=actor, evaluasi=objek, penilai_ids=penilai_ids)

    def konteks(self, objek, halaman):
        return {
            "evaluasi": objek,
            "periode": objek.periode,
            "rekan": rekan_ringkasan_tampil(objek, minimum=halaman.minimum),
        }
