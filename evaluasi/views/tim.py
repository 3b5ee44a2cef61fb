"""The atasan's "Tim Saya" queue: one page of what waits for them (SKP to approve, daily logs to
check, ratings due, peer forms of their own, objections to decide) with counts, and each direct
subordinate's status in the chosen period."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views import View

from pegawai.mixins import PeranRequiredMixin

from ..models import Periode
from ..selectors.tim import tim_antrean

_CONTOH_PK = 987654321


def _pola_url(name: str):
    """pk -> URL of a named route taking one pk, reversed once (a team of 200 would otherwise
    reverse 400 times)."""
    awal, _, akhir = reverse(name, args=[_CONTOH_PK]).partition(str(_CONTOH_PK))
    return lambda pk: f"{awal}{pk}{akhir}"


class TimView(PeranRequiredMixin, View):
    peran_diperlukan = ("atasan",)

    def get(self, request):
        antrean = tim_antrean(user=request.user, periode_id=request.GET.get("periode"))
        menilai = antrean.periode is not None and antrean.periode.status == Periode.Status.PENILAIAN
        url_skp, url_nilai = _pola_url("evaluasi:skp-detail"), _pola_url("evaluasi:evaluasi-nilai")
        for b in antrean.bawahan:
            b.url_skp = url_skp(b.skp_id) if b.skp_id else ""
            # "Nilai" only where a rating is due: my evaluation, not final, in a period being rated.
            dapat_dinilai = b.evaluasi_id and b.saya_penilai and b.evaluasi_status != "final" and menilai
            b.url_nilai = url_nilai(b.evaluasi_id) if dapat_dinilai else ""
        return render(request, "evaluasi/tim_antrean.html", {"a": antrean})
