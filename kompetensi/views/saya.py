""" "Kompetensi Saya": one page for an employee's own competency picture, composed from the
areas' selectors and partials (results, recommendations, hours, history, tasks)."""

from __future__ import annotations

from django.shortcuts import render
from django.views import View

from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin

from ..models import PesertaPenilaian, PutaranPenilaian
from ..selectors.laporan import hasil_peserta_get, riwayat_pegawai
from ..selectors.pengembangan import jp_tahun, peserta_terakhir, rekomendasi_konteks
from ..selectors.penilaian import tugas_jumlah


class KompetensiSayaView(PeranRequiredMixin, View):
    peran_diperlukan = ("pegawai",)
    http_method_names = ["get", "head"]

    def get(self, request):
        me = akses_get(request.user).pegawai_id
        peserta = peserta_terakhir(me)
        berjalan = (
            PesertaPenilaian.objects.filter(pegawai_id=me, putaran__status=PutaranPenilaian.Status.DIBUKA)
            .select_related("putaran")
            .order_by("-putaran__tanggal_mulai")
            .first()
        )
        konteks = {
            "peserta": peserta,
            "berjalan": berjalan,
            "hasil": hasil_peserta_get(peserta=peserta) if peserta else None,
            "jp": jp_tahun(me),
            "riwayat": riwayat_pegawai(me, user=request.user),
            "tugas_jumlah": tugas_jumlah(user=request.user),
            "pegawai_id": me,
            **rekomendasi_konteks(user=request.user, peserta=peserta),
        }
        return render(request, "kompetensi/saya.html", konteks)
