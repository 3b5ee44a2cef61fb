"""The complaint dashboard's filter (also read by its exports): the period of the IKM pages
(a year and a semester, quarter or month of it, or a date range) and, for a reader who sees
several OPD, one of them."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from pegawai.access import pengaduan_opd_scope_q
from pegawai.models import UnitKerja

from .skm import PeriodeSkm, PeriodeSkmForm

PESAN_OPD = "Perangkat daerah tidak tersedia untuk Anda."


class DasborForm(PeriodeSkmForm):
    opd = forms.ModelChoiceField(
        label="Perangkat daerah",
        required=False,
        queryset=UnitKerja.objects.none(),
        empty_label="Semua perangkat daerah",
        error_messages={"invalid_choice": PESAN_OPD},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("tren", None)  # the IKM trend step: not a dashboard choice
        opd = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD).order_by("nama")
        lingkup = pengaduan_opd_scope_q(user, "id")
        self.fields["opd"].queryset = opd if lingkup is None else opd.filter(lingkup)


@dataclass(frozen=True)
class PilihanDasbor:
    form: DasborForm
    valid: bool
    periode: PeriodeSkm
    opd: UnitKerja | None

    @property
    def opd_id(self) -> int | None:
        return self.opd.pk if self.opd else None

    def parameter(self) -> dict:
        """The resolved choices for a background export (the default year may change later)."""
        p = {"mulai": self.periode.mulai.isoformat(), "selesai": self.periode.selesai.isoformat()}
        if self.opd:
            p["opd"] = str(self.opd.pk)
        return p


def dasbor_pilihan(user, data) -> PilihanDasbor:
    """The filter of `data` (a query string, or a background export's parameters). Invalid:
    `valid` False, and this year over every OPD of the user's scope."""
    form = DasborForm(data or None, user=user)
    valid = form.is_valid() if form.is_bound else True
    opd = form.cleaned_data.get("opd") if form.is_bound and valid else None
    return PilihanDasbor(form=form, valid=valid, periode=form.periode(), opd=opd)
