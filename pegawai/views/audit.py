"""The audit trail and the role assignments (Admin BKD only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.views import View
from django.views.generic import FormView, ListView

from .. import services
from ..forms_akun import AUDIT_AKSI, AUDIT_OBJEK, AuditFilter, PeranAssignForm, PeranFilter
from ..mixins import PeranRequiredMixin
from ..models import Pegawai, PeranPengguna, RiwayatJabatan

User = get_user_model()

# Secrets and noise that never appear on the audit page, whatever a model registers.
AUDIT_FIELD_TERSEMBUNYI = frozenset(
    {"id", "password", "kode_aktivasi_hash", "kode_aktivasi_berlaku_sampai", "created_at", "updated_at", "last_login"}
)
_LABEL_OBJEK = {(app, model): label for _, app, model, label in AUDIT_OBJEK}
_LABEL_AKSI = dict(AUDIT_AKSI)
_KOSONG = "—"


class PaginasiAmanMixin:
    """A page number that is not a number or is past the end shows the nearest page, not a 404."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


def _form_add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- audit trail (selectors) ------------------------------------------------------------------


def audit_list() -> models.QuerySet[LogEntry]:
    """Log entries of employees, units, positions, placements, roles and accounts, newest first."""
    ct = Q()
    for _, app, model, _ in AUDIT_OBJEK:
        ct |= Q(content_type__app_label=app, content_type__model=model)
    return (
        LogEntry.objects.filter(ct, action__in=list(_LABEL_AKSI))
        .select_related("actor", "actor__pegawai", "content_type")
        .defer("serialized_data", "additional_data", "changes_text")
        .order_by("-timestamp", "-id")
    )


@dataclass
class BarisAudit:
    entry: LogEntry
    aksi: str
    jenis_objek: str
    objek: str
    tautan: str | None
    pelaku_nama: str
    pelaku_nip: str
    perubahan: list[tuple[str, str, str]] = field(default_factory=list)


def _model_field(model, name):
    if model is None:
        return None
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return f if getattr(f, "concrete", False) else None


def _changes(entry: LogEntry) -> dict:
    changes = entry.changes_dict
    return changes if isinstance(changes, dict) else {}


def _nilai(field, value, fk_map) -> str:
    """One recorded value ("None", "True", a pk, an ISO date...) as a reader would say it."""
    if value is None or value == "None" or value == "":
        return _KOSONG
    value = str(value)
    if field is None:
        return value
    if field.many_to_one or field.one_to_one:
        obj = fk_map.get(field.related_model, {}).get(value)
        return str(obj) if obj is not None else f"(terhapus, id {value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    internal = field.get_internal_type()
    if internal == "BooleanField":
        return {"True": "Ya", "False": "Tidak"}.get(value, value)
    if internal == "DateTimeField":
        parsed = parse_datetime(value)
        if parsed is not None:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed, timezone.get_fixed_timezone(0))
            return formats.date_format(timezone.localtime(parsed), "DATETIME_FORMAT")
    if internal == "DateField":
        parsed = parse_date(value[:10])
        if parsed is not None:
            return formats.date_format(parsed, "DATE_FORMAT")
    return value


def _fk_pks(entry: LogEntry, model, wanted: dict) -> None:
    for name, values in _changes(entry).items():
        f = _model_field(model, name)
        if f is None or not (f.many_to_one or f.one_to_one) or name in AUDIT_FIELD_TERSEMBUNYI:
            continue
        for value in values:
            if value not in (None, "None", ""):
                try:
                    wanted.setdefault(f.related_model, set()).add(f.related_model._meta.pk.to_python(value))
                except ValidationError:
                    continue


def audit_rows(entries) -> list[BarisAudit]:
    """Readable rows for one page: related objects are fetched once per model, never per row."""
    entries = list(entries)
    wanted: dict = {}
    riwayat_ids, user_ids = set(), set()
    for entry in entries:
        model = entry.content_type.model_class()
        _fk_pks(entry, model, wanted)
        if model is RiwayatJabatan and entry.object_id:
            riwayat_ids.add(entry.object_id)
        elif model is User and entry.object_id:
            user_ids.add(entry.object_id)
    fk_map = {
        related: {str(pk): obj for pk, obj in related._default_manager.in_bulk(list(pks)).items()}
        for related, pks in wanted.items()
    }
    riwayat_pegawai = {}
    if riwayat_ids:
        riwayat_pegawai = {
            rid: (pid, f"{nama} ({nip})")
            for rid, pid, nama, nip in RiwayatJabatan.objects.filter(pk__in=riwayat_ids).values_list(
                "id", "pegawai_id", "pegawai__nama", "pegawai__nip"
            )
        }
    user_pegawai = {}
    if user_ids:
        user_pegawai = dict(Pegawai.objects.filter(user_id__in=user_ids).values_list("user_id", "id"))

    rows = []
    for entry in entries:
        ct = entry.content_type
        model = ct.model_class()
        objek, tautan = entry.object_repr, None
        if model is Pegawai and entry.object_id:
            tautan = reverse("pegawai:pegawai-detail", args=[entry.object_id])
        elif model is RiwayatJabatan and entry.object_id in riwayat_pegawai:
            pegawai_id, objek = riwayat_pegawai[entry.object_id]
            tautan = reverse("pegawai:pegawai-detail", args=[pegawai_id])
        elif model is User and entry.object_id in user_pegawai:
            tautan = reverse("pegawai:pegawai-detail", args=[user_pegawai[entry.object_id]])
        actor = entry.actor
        if actor is None:
            pelaku_nama, pelaku_nip = "Sistem", ""
        else:
            pegawai = getattr(actor, "pegawai", None)
            pelaku_nama = pegawai.nama_lengkap if pegawai else (actor.get_full_name() or actor.get_username())
            pelaku_nip = actor.get_username()
        perubahan = []
        if entry.action != LogEntry.Action.DELETE:
            for name, values in _changes(entry).items():
                if name in AUDIT_FIELD_TERSEMBUNYI or not isinstance(values, list | tuple) or len(values) != 2:
                    continue
                f = _model_field(model, name)
                label = capfirst(str(f.verbose_name)) if f is not None else name
                perubahan.append((label, _nilai(f, values[0], fk_map), _nilai(f, values[1], fk_map)))
        rows.append(
            BarisAudit(
                entry=entry,
                aksi=_LABEL_AKSI.get(entry.action, ""),
                jenis_objek=_LABEL_OBJEK.get((ct.app_label, ct.model), capfirst(ct.name)),
                objek=objek,
                tautan=tautan,
                pelaku_nama=pelaku_nama,
                pelaku_nip=pelaku_nip,
                perubahan=perubahan,
            )
        )
    return rows


class AuditListView(PeranRequiredMixin, PaginasiAmanMixin, ListView):
    peran_diperlukan = ("admin_bkd",)
    template_name = "pegawai/audit_list.html"
    paginate_by = 50
    http_method_names = ["get", "head"]

    def get_queryset(self):
        self.filterset = AuditFilter(self.request.GET or None, queryset=audit_list())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["baris"] = audit_rows(context["page_obj"].object_list)
        return context


# --- roles ------------------------------------------------------------------------------------


def peran_list() -> models.QuerySet[PeranPengguna]:
    return PeranPengguna.objects.select_related("user", "user__pegawai", "opd").order_by(
        "peran", "opd__nama", "user__username"
    )


class PeranListView(PeranRequiredMixin, PaginasiAmanMixin, ListView):
    peran_diperlukan = ("admin_bkd",)
    template_name = "pegawai/peran_list.html"
    paginate_by = 50
    http_method_names = ["get", "head"]

    def get_queryset(self):
        self.filterset = PeranFilter(self.request.GET or None, queryset=peran_list())
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


class PeranCreateView(PeranRequiredMixin, FormView):
    peran_diperlukan = ("admin_bkd",)
    template_name = "pegawai/peran_form.html"
    form_class = PeranAssignForm
    http_method_names = ["get", "post", "head", "options"]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            peran = services.peran_assign(
                actor=self.request.user, user=form.pegawai.user, peran=data["peran"], opd=data["opd"]
            )
        except ValidationError as exc:
            _form_add_errors(form, exc)
            return self.form_invalid(form)
        except IntegrityError:
            # Two submissions of the same form racing: the constraint keeps one.
            form.add_error(None, "Pengguna sudah memiliki peran ini.")
            return self.form_invalid(form)
        messages.success(
            self.request, f"Peran {peran.get_peran_display()} diberikan kepada {form.pegawai.nama_lengkap}."
        )
        return redirect("pegawai:peran-list")


class PeranDeleteView(PeranRequiredMixin, View):
    """GET asks for confirmation; POST revokes."""

    peran_diperlukan = ("admin_bkd",)
    template_name = "pegawai/peran_delete.html"
    http_method_names = ["get", "post", "head", "options"]

    def get_object(self, pk) -> PeranPengguna:
        return get_object_or_404(PeranPengguna.objects.select_related("user", "user__pegawai", "opd"), pk=pk)

    def get(self, request, pk):
        return render(request, self.template_name, {"peran": self.get_object(pk)})

    def post(self, request, pk):
        peran = self.get_object(pk)
        try:
            services.peran_revoke(actor=request.user, peran=peran)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("pegawai:peran-list")
        messages.success(request, f"Peran {peran} dicabut dari {peran.user.get_username()}.")
        return redirect("pegawai:peran-list")
