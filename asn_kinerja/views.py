"""The home page: what each role needs first, counted in a fixed number of queries."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from pegawai.access import akses_get, bawahan_q, impor_scope, pegawai_manage_scope, unit_manage_scope
from pegawai.models import ImporPegawai, Pegawai, PeranPengguna


def _awal_hari_ini() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))


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
        if akses.admin_bkd:
            context["bkd"] = {
                "peran": PeranPengguna.objects.count(),
                "audit_hari_ini": LogEntry.objects.filter(timestamp__gte=_awal_hari_ini()).count(),
            }
        return context
