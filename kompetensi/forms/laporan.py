"""The team matrix's choices (round, team scope, unit), parsed from the query string."""

from __future__ import annotations

from django import forms

from pegawai.models import UnitKerja

from ..models import PutaranPenilaian

PESAN_PILIHAN = "Pilihan tidak tersedia."


class TimMatriksForm(forms.Form):
    """Choices come from the caller (already scoped, fetched once); an empty field takes the
    default (the latest round, the first scope); anything else not offered is an error."""

    putaran = forms.TypedChoiceField(label="Putaran", coerce=int, required=False, empty_value=None)
    cakupan = forms.ChoiceField(label="Cakupan", required=False)
    unit = forms.TypedChoiceField(label="Unit kerja", coerce=int, required=False, empty_value=None)

    def __init__(
        self,
        data=None,
        *,
        putaran_pilihan: list[PutaranPenilaian],
        cakupan_pilihan: list[tuple[str, str]],
        unit_pilihan: list[UnitKerja] | None = None,
    ):
        super().__init__(data)
        self._putaran = {p.pk: p for p in putaran_pilihan}
        self._unit = {u.pk: u for u in unit_pilihan or ()}
        self._cakupan_bawaan = cakupan_pilihan[0][0] if cakupan_pilihan else ""
        self.fields["putaran"].choices = [(p.pk, p.nama) for p in putaran_pilihan]
        self.fields["cakupan"].choices = cakupan_pilihan
        if unit_pilihan is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [("", "Semua unit")] + [(u.pk, u.nama) for u in unit_pilihan]
        for f in self.fields.values():
            f.error_messages["invalid_choice"] = PESAN_PILIHAN
            f.widget.attrs["class"] = "form-select form-select-sm"

    def clean_putaran(self) -> PutaranPenilaian | None:
        pk = self.cleaned_data.get("putaran")
        if pk is None:
            return next(iter(self._putaran.values()), None)
        return self._putaran[pk]

    def clean_cakupan(self) -> str:
        return self.cleaned_data.get("cakupan") or self._cakupan_bawaan

    def clean_unit(self) -> UnitKerja | None:
        pk = self.cleaned_data.get("unit")
        return None if pk is None else self._unit[pk]
