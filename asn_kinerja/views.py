"""The home page: what each role needs first (profile, performance and competency status, the
team's queue, an admin's totals), counted in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import TemplateView

from evaluasi.selectors.beranda import (
    KinerjaBeranda,
    TenggatEvaluasi,
    antrean_beranda,
    kinerja_beranda,
    pemantauan_beranda,
)
from evaluasi.selectors.tim import KELAS_PREDIKAT
from kompetensi.access import putaran_scope
from kompetensi.models import KategoriJpm, PesertaPenilaian, PutaranPenilaian
from pegawai.access import akses_get, bawahan_q, impor_scope, pegawai_manage_scope, unit_manage_scope
from pegawai.models import ImporPegawai, Pegawai, PeranPengguna
from pengaduan.selectors.alur import pengaduan_beranda


def _awal_hari_ini() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))


def _kompetensi_ringkas(user, pegawai_id: int) -> dict:
    """Competency card: assessments waiting, the latest JPM, this year's development hours."""
    from kompetensi.selectors.pengembangan import jp_tahun
    from kompetensi.selectors.penilaian import tugas_jumlah

    terakhir = (
        PesertaPenilaian.objects.filter(pegawai_id=pegawai_id, jpm__isnull=False)
        .order_by("-putaran__tanggal_mulai", "-putaran_id")
        .values("jpm", "kategori", "putaran__nama")
        .first()
    )
    if terakhir:
        terakhir["kategori_label"] = KategoriJpm(terakhir["kategori"]).label if terakhir["kategori"] else ""
    return {"tugas": tugas_jumlah(user=user), "terakhir": terakhir, "jp": jp_tahun(pegawai_id)}


@dataclass(frozen=True)
class Butir:
    """One line of the "Kinerja Saya" card: text, a badge, a link."""

    uji: str  # data-test
    ikon: str
    warna: str
    teks: str
    badge: str
    badge_kelas: str
    url: str
    label: str


def _kinerja_butir(k: KinerjaBeranda) -> list[Butir]:
    """The card's lines: this year's SKP, then each evaluation record asking something."""

    def tenggat(t: TenggatEvaluasi, uji: str, ikon: str, teks: str, url_nama: str, label: str) -> Butir:
        teks = f"{teks} {date_format(t.tanggal, 'j F Y')}"
        url = reverse(url_nama, args=[t.evaluasi.pk])
        return Butir(uji, ikon, "warning", teks, t.teks, f"text-bg-{t.kelas}", url, label)

    if k.skp is None:
        status, label = "Belum dibuat", "Susun SKP"
    else:
        status = k.skp.get_status_display()
        label = {"draft": "Lengkapi dan ajukan", "dikembalikan": "Perbaiki SKP"}.get(k.skp.status, "Lihat SKP")
    url = reverse("evaluasi:skp-saya")
    butir = [Butir("kinerja-skp", "journal-text", "primary", f"SKP {k.tahun}:", status, k.skp_kelas, url, label)]
    for t in k.diri:
        teks = f"Penilaian diri {t.label} belum dikirim. Batas"
        butir.append(tenggat(t, "kinerja-diri", "pencil-square", teks, "evaluasi:evaluasi-diri", "Isi penilaian diri"))
    for ev in k.belum_diterima:
        predikat, kelas = ev.get_predikat_display(), KELAS_PREDIKAT.get(ev.predikat, "text-bg-danger")
        url = reverse("evaluasi:evaluasi-detail", args=[ev.pk])
        teks = f"Hasil penilaian {ev.periode.nama} sudah final:"
        butir.append(
            Butir("kinerja-hasil", "envelope-open", "warning", teks, predikat, kelas, url, "Baca dan terima hasil")
        )
    for t in k.keberatan:
        teks = f"Masa keberatan {t.label} sampai"
        butir.append(
            tenggat(t, "kinerja-keberatan", "hourglass-split", teks, "evaluasi:evaluasi-keberatan", "Ajukan keberatan")
        )
    return butir


class BerandaView(LoginRequiredMixin, TemplateView):
    template_name = "beranda.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        akses = akses_get(user)
        context["akses"] = akses
        if akses.pegawai_id is not None:
            context["profil"] = (
                Pegawai.objects.select_related("unit", "jabatan", "atasan").filter(pk=akses.pegawai_id).first()
            )
            tim = Pegawai.objects.filter(
                bawahan_q(pegawai_id=akses.pegawai_id, jalur=akses.jalur), aktif=True
            ).aggregate(total=Count("id"), langsung=Count("id", filter=Q(atasan_id=akses.pegawai_id)))
            if tim["langsung"]:
                context["tim"] = {**tim, "tidak_langsung": tim["total"] - tim["langsung"]}
                context["antrean"] = antrean_beranda(user=user)
            context["kompetensi"] = _kompetensi_ringkas(user, akses.pegawai_id)
            kinerja = context["kinerja"] = kinerja_beranda(pegawai_id=akses.pegawai_id)
            context["kinerja_butir"] = _kinerja_butir(kinerja)
        if akses.pegawai_id is not None or akses.admin or akses.petugas_pengaduan:
            context["pengaduan"] = pengaduan_beranda(user)
        if akses.admin:
            impor = impor_scope(user)
            pemantauan = context["pemantauan"] = pemantauan_beranda(user=user)
            context["url_pemantauan"] = reverse("evaluasi:monitoring") + (
                f"?periode={pemantauan.periode.pk}" if pemantauan else ""
            )
            context["admin"] = {
                "cakupan": "Seluruh Pemda" if akses.admin_bkd else "Di OPD yang Anda kelola",
                "pegawai_aktif": pegawai_manage_scope(user).filter(aktif=True).count(),
                "unit_aktif": unit_manage_scope(user).filter(aktif=True).count(),
                "impor": impor.aggregate(
                    total=Count("id"),
                    berjalan=Count(
                        "id", filter=Q(status__in=[ImporPegawai.Status.MENUNGGU, ImporPegawai.Status.BERJALAN])
                    ),
                    gagal=Count("id", filter=Q(status=ImporPegawai.Status.GAGAL)),
                ),
                "putaran_dibuka": putaran_scope(user).filter(status=PutaranPenilaian.Status.DIBUKA).count(),
            }
        if akses.admin_bkd:
            context["bkd"] = {
                "peran": PeranPengguna.objects.count(),
                "audit_hari_ini": LogEntry.objects.filter(timestamp__gte=_awal_hari_ini()).count(),
            }
        return context
