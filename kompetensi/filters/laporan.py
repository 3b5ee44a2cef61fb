"""The admins' gap analysis filters (round, OPD/unit, jenis kompetensi, jenis jabatan)."""

from __future__ import annotations

import django_filters

from pegawai.access import unit_manage_scope
from pegawai.models import Jabatan

from ..models import Kompetensi, PesertaPenilaian


class AnalisisFilter(django_filters.FilterSet):
    """Over the participants an admin analyses. `jenis_kompetensi` does not narrow the
    participants: it is read from `form.cleaned_data` by the aggregates over results."""

    putaran = django_filters.ModelChoiceFilter(label="Putaran", queryset=None, empty_label=None)
    unit = django_filters.ModelChoiceFilter(
        label="OPD/unit kerja", queryset=None, method="filter_unit", empty_label="Semua unit"
    )
    jenis_kompetensi = django_filters.ChoiceFilter(
        label="Jenis kompetensi", choices=Kompetensi.Jenis.choices, method="filter_lewat", empty_label="Semua jenis"
    )
    jenis_jabatan = django_filters.ChoiceFilter(
        label="Jenis jabatan", choices=Jabatan.Jenis.choices, field_name="jabatan__jenis", empty_label="Semua jenis"
    )

    class Meta:
        model = PesertaPenilaian
        fields: list[str] = []

    def __init__(self, data=None, *args, user, putaran_qs, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["putaran"].queryset = putaran_qs
        self.filters["unit"].queryset = unit_manage_scope(user).only("id", "nama", "jenis", "opd_id")
        for nama, f in self.form.fields.items():
            f.error_messages["invalid_choice"] = "Pilihan tidak tersedia."
            f.widget.attrs["class"] = "form-select form-select-sm"
            f.required = False
            if nama == "putaran":
                f.empty_label = None

    def filter_unit(self, queryset, name, value):
        from ..selectors.laporan import unit_filter_q

        q = unit_filter_q(value)
        return queryset if q is None else queryset.filter(q)

    def filter_lewat(self, queryset, name, value):
        return queryset
