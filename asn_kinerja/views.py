"""The home page: what each role needs first, counted in a fixed number of queries."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from kompetensi.access import putaran_scope
from kompetensi.models import KategoriJpm, PesertaPenilaian, PutaranPenilaian
from pegawai.access import akses_get, bawahan_q, impor_scope, pegawai_manage_scope, unit_manage_scope
from pegawai.models import ImporPegawai, Pegawai, PeranPengguna


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
            context["kompetensi"] = _kompetensi_ringkas(user, akses.pegawai_id)
        if akses.admin:
            impor = impor_scope(user)
            context["admin"] = {
                "pegawai_aktif": pegawai_manage_scope(user).filter(aktif=True).count(),
                "unit_aktif": unit_manage_scope(user).filter(aktif=True).count(),
                "impor": impor.aggregate(
                    total=Count("id"),
                    berjalan=Count(
                        "id", filter=Q(status__in=[ImporPegawai.Status.MENUNGGU, ImporPegawai.Status.BERJALAN])
                    ),
                    gagal=Count("id", filter=Q(status=ImporPegawai.Status.GAGAL)),
                ),
            }
        if akses.admin:
            context["admin"]["putaran_dibuka"] = (
                putaran_scope(user).filter(status=PutaranPenilaian.Status.DIBUKA).count()
            )
        if akses.admin_bkd:
            context["bkd"] = {
                "peran": PeranPengguna.objects.count(),
                "audit_hari_ini": LogEntry.objects.filter(timestamp__gte=_awal_hari_ini()).count(),
            }
        return context
