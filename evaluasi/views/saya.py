""" "Kinerja Saya": one page for an employee's own performance: this year's SKP, the current
period and what is still to do in it, this month's daily log, results per period with their
trend, and the objection while it is open."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.views import View

from pegawai.access import akses_get
from pegawai.mixins import PeranRequiredMixin

from ..models import Periode, Skp
from ..selectors.saya import KinerjaSaya, kinerja_saya
from ..services.realisasi import realisasi_tautan

SELESAI, PERLU, MENUNGGU = "selesai", "perlu", "menunggu"


@dataclass(frozen=True)
class Langkah:
    """One line of "Yang perlu dikerjakan"."""

    teks: str
    status: str  # selesai / perlu / menunggu
    url: str = ""
    keterangan: str = ""


def _tanggal(d) -> str:
    return date_format(d, "j F Y")


def _langkah(k: KinerjaSaya) -> list[Langkah]:
    hasil: list[Langkah] = []
    url_skp = reverse("evaluasi:skp-saya")
    S = Skp.Status
    skp = k.skp
    if skp is None:
        hasil.append(Langkah(f"Susun SKP {k.tahun}", PERLU, url_skp, "Rencana hasil kerja tahun ini belum dibuat."))
    elif skp.status == S.DRAFT:
        hasil.append(Langkah(f"Lengkapi dan ajukan SKP {k.tahun}", PERLU, url_skp, "SKP masih berupa draf."))
    elif skp.status == S.DIKEMBALIKAN:
        hasil.append(
            Langkah(f"Perbaiki SKP {k.tahun} yang dikembalikan atasan", PERLU, url_skp, skp.catatan_pengembalian)
        )
    elif skp.status == S.DIAJUKAN:
        hasil.append(Langkah(f"SKP {k.tahun} menunggu persetujuan atasan", MENUNGGU, url_skp))
    else:
        hasil.append(Langkah(f"SKP {k.tahun} telah disetujui", SELESAI, url_skp))

    p = k.periode
    if p is not None:
        sp = k.skp_periode
        if sp is None or sp.status != S.DISETUJUI:
            hasil.append(
                Langkah(
                    f"Realisasi {p.nama}",
                    MENUNGGU,
                    "",
                    f"Realisasi dapat diisi setelah SKP {p.tahun} disetujui atasan.",
                )
            )
        else:
            url = realisasi_tautan(skp_id=sp.pk, periode_id=p.pk)
            r = k.realisasi
            selesai = r.total > 0 and r.terisi >= r.total
            hasil.append(
                Langkah(
                    f"Isi realisasi {p.nama}: {r.terisi} dari {r.total} indikator",
                    SELESAI if selesai else PERLU,
                    url,
                    "Dapat diisi dan diperbarui selama periode berjalan dan masa penilaian.",
                )
            )
            if r.tanpa_bukti:
                hasil.append(Langkah(f"Lengkapi bukti dukung: {r.tanpa_bukti} realisasi belum punya bukti", PERLU, url))
        ev = k.evaluasi
        if ev is not None and p.status == Periode.Status.PENILAIAN:
            diri = getattr(ev, "penilaian_diri", None)
            url_diri = reverse("evaluasi:evaluasi-diri", args=[ev.pk])
            if diri is not None and diri.terkirim:
                hasil.append(Langkah(f"Penilaian diri {p.nama} terkirim", SELESAI, url_diri))
            elif not ev.final:
                hasil.append(
                    Langkah(
                        f"Isi penilaian diri {p.nama}",
                        PERLU,
                        url_diri,
                        f"Batas {_tanggal(p.batas_penilaian_diri)}.",
                    )
                )
    if k.rekan_tugas:
        hasil.append(
            Langkah(
                f"Nilai perilaku {k.rekan_tugas} rekan kerja",
                PERLU,
                reverse("evaluasi:rekan-tugas"),
                "Penilaian Anda anonim.",
            )
        )
    for h in k.hasil_belum_diterima:
        hasil.append(
            Langkah(
                f"Baca dan terima hasil penilaian {h.periode.nama}",
                PERLU,
                reverse("evaluasi:evaluasi-detail", args=[h.evaluasi.pk]),
            )
        )
    if k.log.revisi:
        hasil.append(
            Langkah(
                f"Perbaiki {k.log.revisi} log aktivitas yang diminta revisi",
                PERLU,
                reverse("evaluasi:log-list"),
            )
        )
    return hasil


class KinerjaSayaView(PeranRequiredMixin, View):
    peran_diperlukan = ("pegawai",)
    http_method_names = ["get", "head"]

    def get(self, request):
        k = kinerja_saya(pegawai_id=akses_get(request.user).pegawai_id)
        periode_lain = [
            {"periode": p, "url": realisasi_tautan(skp_id=k.skp_tahun_pk(p.tahun), periode_id=p.pk)}
            for p in k.periode_terbuka
            if k.periode is not None and p.pk != k.periode.pk and k.skp_tahun_pk(p.tahun)
        ]
        langkah = _langkah(k)
        konteks = {
            "k": k,
            "langkah": langkah,
            "jumlah_perlu": sum(1 for x in langkah if x.status == PERLU),
            "periode_lain": periode_lain,
            "url_realisasi": (
                realisasi_tautan(skp_id=k.skp_periode.pk, periode_id=k.periode.pk)
                if k.periode is not None and k.skp_periode is not None and k.skp_periode.status == Skp.Status.DISETUJUI
                else ""
            ),
        }
        return render(request, "evaluasi/saya.html", konteks)
