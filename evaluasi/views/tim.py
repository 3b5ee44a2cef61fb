"""The atasan's "Tim Saya" queue: one page of what waits for them (SKP to approve, daily logs to
check, ratings due, peer forms of their own, objections to decide) with counts, and each direct
subordinate's status in the chosen period. Links to other areas' pages are computed here by URL
name, so the page works whether or not those pages exist yet."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views import View

from pegawai.mixins import PeranRequiredMixin

from ..models import Periode
from ..selectors.tim import tim_antrean


def _url_atau_kosong(name: str, *args) -> str:
    """The URL of a named route, or "" when that route does not exist (yet)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


_CONTOH_PK = 987654321


def _pola_url(name: str):
    """pk -> URL of a named route taking one pk, reversed once (a team of 200 would otherwise
    reverse 400 times); every pk gives "" when the route does not exist (yet)."""
    contoh = _url_atau_kosong(name, _CONTOH_PK)
    if not contoh:
        return lambda pk: ""
    awal, _, akhir = contoh.partition(str(_CONTOH_PK))
    return lambda pk: f"{awal}{pk}{akhir}"


class TimView(PeranRequiredMixin, View):
    peran_diperlukan = ("atasan",)

    def get(self, request):
        antrean = tim_antrean(user=request.user, periode_id=request.GET.get("periode"))
        for skp in antrean.skp:
            skp.url = _url_atau_kosong("evaluasi:skp-detail", skp.pk)
        for ev in antrean.evaluasi:
            ev.url = _url_atau_kosong("evaluasi:evaluasi-nilai", ev.pk)
        for tugas in antrean.tugas_rekan:
            tugas.url = _url_atau_kosong("evaluasi:tugasrekan-isi", tugas.pk)
        for k in antrean.keberatan:
            k.url = _url_atau_kosong("evaluasi:keberatan-putus", k.pk)
        menilai = antrean.periode is not None and antrean.periode.status == Periode.Status.PENILAIAN
        url_skp, url_nilai = _pola_url("evaluasi:skp-detail"), _pola_url("evaluasi:evaluasi-nilai")
        for b in antrean.bawahan:
            b.url_skp = url_skp(b.skp_id) if b.skp_id else ""
            # "Nilai" only where a rating is due: my evaluation, not final, in a period being rated.
            dapat_dinilai = b.evaluasi_id and b.saya_penilai and b.evaluasi_status != "final" and menilai
            b.url_nilai = url_nilai(b.evaluasi_id) if dapat_dinilai else ""
        return render(
            request,
            "evaluasi/tim_antrean.html",
            {
                "a": antrean,
                "url_log_periksa": _url_atau_kosong("evaluasi:log-periksa"),
                "url_skp_list": _url_atau_kosong("evaluasi:skp-list"),
                "url_rekan_tugas": _url_atau_kosong("evaluasi:rekan-tugas"),
                "url_keberatan_list": _url_atau_kosong("evaluasi:keberatan-list"),
            },
        )
