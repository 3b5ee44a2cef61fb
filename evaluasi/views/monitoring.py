"""Pages of a unit's predikat kinerja organisasi (its leader one level up, the OPD's admin,
BKD) and of completion monitoring with its two exports (Admin OPD: their OPD; Admin BKD: all)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View

from asn_kinerja.xlsx import xlsx_response
from pegawai.access import akses_get, unit_scope
from pegawai.forms import form_tambah_galat
from pegawai.mixins import PeranRequiredMixin
from pegawai.models import UnitKerja
from pegawai.selectors import halaman_get
from unduhan.views import ekspor_latar

from ..access import (
    may_set_predikat_organisasi,
    predikat_organisasi_unit_scope,
)
from ..exports.latar import MONITORING, PREDIKAT, monitoring_saringan
from ..exports.periode import monitoring_ekspor, predikat_ekspor
from ..forms.monitoring import PredikatOrgForm
from ..models import EvaluasiPegawai, Periode, PredikatOrganisasi, PredikatOrganisasiChoices
from ..rules import aturan_teks, kurva_periksa
from ..selectors.kurva import kurva_unit
from ..selectors.monitoring import (
    BELUM,
    PREDIKAT_LABEL,
    aturan_kurva_semua,
    baris_unit,
    evaluasi_monitoring,
    monitoring_grafik,
    monitoring_jumlah_unit,
    monitoring_pegawai_list,
    monitoring_total,
    monitoring_unit_qs,
)
from ..selectors.periode import (
    periode_bawaan,
)
from ..services.kurva import predikat_organisasi_tetapkan
from .periode import ADMIN, id_dari

# --- the unit's predikat kinerja organisasi -------------------------------------------------------------


class PredikatOrgSetView(PeranRequiredMixin, View):
    """GET ?periode=&unit= shows the unit's spread against the curve and the form; without a
    unit, the units the user may set. POST sets the predikat (services.kurva)."""

    peran_diperlukan = ("admin_opd", "admin_bkd", "atasan")

    def _periode(self, request) -> Periode | None:
        nilai = request.GET.get("periode")
        if nilai in (None, ""):
            return periode_bawaan()
        periode = Periode.objects.filter(pk=id_dari(nilai)).first()
        if periode is None:
            raise Http404("Periode tidak ditemukan.")
        return periode

    def _unit(self, request) -> UnitKerja | None:
        nilai = request.GET.get("unit")
        if nilai in (None, ""):
            return None
        unit = UnitKerja.objects.filter(pk=id_dari(nilai)).select_related("opd").first()
        if unit is None:
            raise Http404("Unit kerja tidak ditemukan.")
        if not may_set_predikat_organisasi(request.user, unit):
            if unit_scope(request.user).filter(pk=unit.pk).exists():
                raise PermissionDenied(
                    "Predikat kinerja organisasi unit ini ditetapkan oleh pimpinan satu tingkat di atasnya."
                )
            raise Http404("Unit kerja tidak ditemukan.")
        return unit

    def get(self, request):
        unit = self._unit(request)
        periode = self._periode(request)
        if unit is None:
            return self._pilih(request, periode)
        return self._halaman(request, periode, unit)

    def post(self, request):
        unit = self._unit(request)
        if unit is None:
            raise Http404("Unit kerja tidak ditemukan.")
        periode = self._periode(request)
        if periode is None:
            raise Http404("Periode tidak ditemukan.")
        form = PredikatOrgForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                obj = predikat_organisasi_tetapkan(
                    actor=request.user,
                    periode=periode,
                    unit=unit,
                    predikat=d["predikat"],
                    catatan=d["catatan"],
                    semula=d["semula"],
                )
            except ValidationError as exc:
                form_tambah_galat(form, exc)
            else:
                messages.success(
                    request,
                    f"Predikat kinerja organisasi {unit.nama} untuk {periode.nama} ditetapkan: "
                    f"{obj.get_predikat_display()}.",
                )
                return HttpResponseRedirect(f"{request.path}?{urlencode({'periode': periode.pk, 'unit': unit.pk})}")
        return self._halaman(request, periode, unit, form)

    def _pilih(self, request, periode):
        units = predikat_organisasi_unit_scope(request.user).exclude(jenis=UnitKerja.Jenis.PEMDA)
        if not units.exists():
            raise PermissionDenied("Anda tidak menetapkan predikat kinerja organisasi unit mana pun.")
        if periode is not None:
            units = units.annotate(
                predikat_org=Subquery(
                    PredikatOrganisasi.objects.filter(periode=periode, unit_id=OuterRef("pk")).values("predikat")[:1]
                ),
                jumlah_pegawai=Subquery(
                    EvaluasiPegawai.objects.filter(periode=periode, unit_id=OuterRef("pk"))
                    .values("unit_id")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
            )
        halaman = halaman_get(units.select_related("opd").order_by("kode", "pk"), request.GET.get("page"))
        label = dict(PredikatOrganisasiChoices.choices)
        for u in halaman:
            u.predikat_org_label = label.get(getattr(u, "predikat_org", None) or "", "")
        return render(
            request,
            "evaluasi/predikatorg_pilih.html",
            {
                "periode": periode,
                "periode_pilihan": Periode.objects.order_by("-tahun", "-tanggal_mulai", "-id"),
                "page_obj": halaman,
            },
        )

    def _halaman(self, request, periode, unit, form: PredikatOrgForm | None = None):
        if periode is None:
            messages.info(request, "Belum ada periode penilaian.")
            return redirect("evaluasi:periode-list")
        obj = (
            PredikatOrganisasi.objects.filter(periode=periode, unit=unit)
            .select_related("ditetapkan_oleh_pegawai")
            .first()
        )
        if form is None:
            semula = obj.predikat if obj else ""
            form = PredikatOrgForm(
                initial={"predikat": semula, "catatan": obj.catatan if obj else "", "semula": semula}
            )
        kurva = kurva_unit(periode_id=periode.pk, unit_id=unit.pk)
        aturan = aturan_kurva_semua()
        pilihan = [
            {
                "kode": kode,
                "label": label,
                "aturan": [aturan_teks(j, p, n) for j, p, n in aturan.get(kode, [])],
                "pelanggaran": kurva_periksa(kurva.hitung, aturan.get(kode, [])),
            }
            for kode, label in PredikatOrganisasiChoices.choices
        ]
        sebaran = [(label, kurva.hitung.get(kode, 0)) for kode, label in PREDIKAT_LABEL.items()]
        final = EvaluasiPegawai.objects.filter(periode=periode, unit=unit, status=EvaluasiPegawai.Status.FINAL).count()
        return render(
            request,
            "evaluasi/predikatorg_form.html",
            {
                "periode": periode,
                "unit": unit,
                "obj": obj,
                "form": form,
                "kurva": kurva,
                "pilihan": pilihan,
                "sebaran": sebaran,
                "final": final,
                "grafik": {"label": [s[0] for s in sebaran], "data": [s[1] for s in sebaran]},
            },
        )


# --- monitoring --------------------------------------------------------------------------------------


def _monitoring_saringan(request):
    """(form, valid, periode, saringan) from the query string; defaults for what is missing."""
    return monitoring_saringan(request.GET, user=request.user)


class MonitoringView(PeranRequiredMixin, View):
    peran_diperlukan = ADMIN

    def get(self, request):
        form, valid, periode, s = _monitoring_saringan(request)
        tampil = "pegawai" if request.GET.get("tampil") == "pegawai" else "unit"
        konteks = {
            "form": form,
            "filter_valid": valid,
            "periode": periode,
            "tampil": tampil,
            "saringan": s,
            "belum_label": BELUM.get(s["belum"], ""),
            "admin_bkd": akses_get(request.user).admin_bkd,
        }
        if periode is not None and valid:
            konteks["total"] = monitoring_total(user=request.user, periode=periode, opd_id=s["opd_id"])
            if tampil == "unit":
                halaman = halaman_get(
                    monitoring_unit_qs(user=request.user, periode=periode, opd_id=s["opd_id"]),
                    request.GET.get("page"),
                    per_halaman=50,
                    jumlah=monitoring_jumlah_unit(user=request.user, periode=periode, opd_id=s["opd_id"]),
                )
                halaman.object_list = baris_unit(periode, halaman.object_list)
                konteks["page_obj"] = halaman
                konteks["grafik"] = monitoring_grafik(user=request.user, periode=periode, opd_id=s["opd_id"])
            else:
                konteks["page_obj"] = halaman_get(
                    monitoring_pegawai_list(user=request.user, periode=periode, **s).select_related(
                        "pegawai", "unit", "jabatan", "penilai"
                    ),
                    request.GET.get("page"),
                )
        return render(request, "evaluasi/monitoring_dasbor.html", konteks)


def _kembali_monitoring(request, pesan: str):
    messages.error(request, pesan)
    return HttpResponseRedirect(f"{reverse('evaluasi:monitoring')}?{request.GET.urlencode()}")


class _MonitoringExportView(PeranRequiredMixin, View):
    """An export of the monitoring filters: in the request, or, above EKSPOR_LATAR_MIN_BARIS
    evaluation records, as a background export (evaluasi.exports.latar) the user downloads
    from Unduhan Saya. The period is resolved here (the default one today) for the task."""

    peran_diperlukan = ADMIN
    jenis = ""

    def get(self, request):
        form, valid, periode, s = _monitoring_saringan(request)
        if not valid:
            return _kembali_monitoring(request, "Filter tidak valid; perbaiki isian yang ditandai lalu unduh kembali.")
        if periode is None:
            return _kembali_monitoring(request, "Belum ada periode penilaian untuk diunduh.")
        baris = self.baris(request.user, periode, s)
        latar = ekspor_latar(request, baris=baris, jenis=self.jenis, tetap={"periode": periode.pk})
        if latar is not None:
            return latar
        return xlsx_response(*self.ekspor(request.user, periode, s, baris))


class MonitoringExportView(_MonitoringExportView):
    """The drill-down list (who has not planned, reported or been rated) as Excel."""

    jenis = MONITORING

    def baris(self, user, periode, s):
        return monitoring_pegawai_list(user=user, periode=periode, **s)

    def ekspor(self, user, periode, s, baris):
        return monitoring_ekspor(periode=periode, evaluasi=baris, belum=s["belum"])


class PredikatExportView(_MonitoringExportView):
    """The predikat recap per unit of a period: organisation predikat, counts and shares per
    predikat, curve breaches. Its size is the number of evaluation records it aggregates."""

    jenis = PREDIKAT

    def baris(self, user, periode, s):
        return evaluasi_monitoring(user=user, periode=periode, opd_id=s["opd_id"])

    def ekspor(self, user, periode, s, baris):
        return predikat_ekspor(user=user, periode=periode, opd_id=s["opd_id"])
