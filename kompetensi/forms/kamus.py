"""Forms of the competency dictionary (a competency, its five levels and their indicators) and
of the position standards. The services re-check everything; these give per-field messages."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from pegawai.models import Jabatan

from ..models import LEVEL_MAX, LEVEL_MIN, IndikatorPerilaku, Kompetensi, StandarKompetensiJabatan
from ..selectors import standar_kompetensi_boleh
from ..services.kamus import IndikatorData, LevelData, pesan_deskripsi_kosong, pesan_tanpa_indikator

LEVEL_SEMUA = tuple(range(LEVEL_MIN, LEVEL_MAX + 1))
MAKS_INDIKATOR_PER_LEVEL = 20
PESAN_VERSI_RUSAK = "Formulir tidak lengkap. Muat ulang halaman, lalu ulangi perubahan Anda."


class KompetensiForm(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=30,
        help_text="Unik, misalnya T.KEU.1.",
        error_messages={"required": "Kode kompetensi wajib diisi."},
    )
    nama = forms.CharField(
        label="Nama kompetensi", max_length=150, error_messages={"required": "Nama kompetensi wajib diisi."}
    )
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=[("", "Pilih jenis")] + Kompetensi.Jenis.choices,
        error_messages={
            "required": "Pilih jenis kompetensi.",
            "invalid_choice": "Jenis kompetensi harus teknis, manajerial, atau sosial kultural.",
        },
    )
    definisi = forms.CharField(
        label="Definisi",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Definisi kompetensi wajib diisi."},
    )
    urutan = forms.IntegerField(label="Urutan tampil", min_value=0, max_value=999, initial=0)
    aktif = forms.BooleanField(label="Aktif (dipakai dalam standar dan penilaian)", required=False, initial=True)
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, perlu_versi: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.perlu_versi = perlu_versi
        for lv in LEVEL_SEMUA:
            self.fields[f"deskripsi_{lv}"] = forms.CharField(
                label=f"Deskripsi level {lv}",
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": pesan_deskripsi_kosong(lv)},
            )

    def clean_versi(self) -> datetime | None:
        nilai = self.cleaned_data.get("versi") or ""
        if not self.perlu_versi:
            return None
        try:
            return datetime.fromisoformat(nilai)
        except ValueError:
            raise ValidationError(PESAN_VERSI_RUSAK) from None


class IndikatorForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    teks = forms.CharField(
        label="Indikator perilaku",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
        error_messages={"required": "Teks indikator perilaku wajib diisi."},
    )
    aspek = forms.ChoiceField(
        label="Aspek",
        choices=[("", "Pilih aspek")] + IndikatorPerilaku.Aspek.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={
            "required": "Pilih aspek indikator: pengetahuan, keterampilan, atau sikap.",
            "invalid_choice": "Aspek indikator harus pengetahuan, keterampilan, atau sikap.",
        },
    )


class BaseIndikatorFormSet(forms.BaseFormSet):
    def __init__(self, *args, level: int, **kwargs):
        self.level = level
        super().__init__(*args, **kwargs)

    def indikator(self) -> list[IndikatorData]:
        """The kept rows, in page order (call after is_valid)."""
        hasil = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("teks") or data.get("DELETE"):
                continue
            hasil.append(IndikatorData(teks=data["teks"], aspek=data["aspek"], id=data.get("id")))
        return hasil

    def clean(self):
        if any(self.errors):
            return
        if not self.indikator():
            raise ValidationError(pesan_tanpa_indikator(self.level))


def indikator_formset(*, level: int, data=None, initial=None, extra: int = 0) -> BaseIndikatorFormSet:
    kelas = formset_factory(
        IndikatorForm,
        formset=BaseIndikatorFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAKS_INDIKATOR_PER_LEVEL,
        validate_max=True,
        absolute_max=MAKS_INDIKATOR_PER_LEVEL,
    )
    return kelas(data=data, initial=initial, prefix=f"level{level}", level=level)


class KamusBundle:
    """The competency form plus one indicator formset per level, validated together."""

    def __init__(self, *, data=None, initial=None, indikator_initial=None, perlu_versi: bool = False):
        indikator_initial = indikator_initial or {}
        self.form = KompetensiForm(data=data, initial=initial, perlu_versi=perlu_versi)
        self.formsets = {
            lv: indikator_formset(
                level=lv,
                data=data,
                initial=indikator_initial.get(lv) or None,
                extra=0 if indikator_initial.get(lv) else 1,
            )
            for lv in LEVEL_SEMUA
        }
        # Messages of the service that belong to a level's indicators (key "indikator_<n>").
        self.galat_level: dict[int, list[str]] = {}

    def is_valid(self) -> bool:
        hasil = self.form.is_valid()
        for fs in self.formsets.values():
            hasil = fs.is_valid() and hasil
        return hasil

    def level_data(self) -> list[LevelData]:
        return [
            LevelData(level=lv, deskripsi=self.form.cleaned_data[f"deskripsi_{lv}"], indikator=fs.indikator())
            for lv, fs in self.formsets.items()
        ]

    def tambah_galat(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.form.add_error(None, exc.messages)
            return
        for kunci, galat in exc.error_dict.items():
            if kunci.startswith("indikator_") and kunci.removeprefix("indikator_").isdigit():
                lv = int(kunci.removeprefix("indikator_"))
                self.galat_level.setdefault(lv, []).extend(m for e in galat for m in e.messages)
            else:
                self.form.add_error(kunci if kunci in self.form.fields else None, galat)

    def level_panel(self) -> list[dict]:
        """Per level, what the template shows: the description field, the formset, errors."""
        return [
            {
                "level": lv,
                "deskripsi": self.form[f"deskripsi_{lv}"],
                "formset": fs,
                "galat": self.galat_level.get(lv, []) + list(fs.non_form_errors()),
                "ada_galat": bool(
                    self.galat_level.get(lv)
                    or fs.non_form_errors()
                    or any(f.errors for f in fs.forms)
                    or self.form[f"deskripsi_{lv}"].errors
                ),
            }
            for lv, fs in self.formsets.items()
        ]


# --- position standards -----------------------------------------------------------------------


class StandarSetForm(forms.Form):
    kompetensi = forms.ModelChoiceField(
        label="Kompetensi",
        queryset=Kompetensi.objects.none(),
        empty_label="Pilih kompetensi teknis",
        error_messages={
            "required": "Pilih kompetensi.",
            "invalid_choice": "Kompetensi tidak dikenal atau tidak dapat ditambahkan ke standar jabatan ini.",
        },
    )
    level = forms.IntegerField(
        label="Level diperlukan",
        min_value=LEVEL_MIN,
        max_value=LEVEL_MAX,
        error_messages={
            "required": "Pilih level 1 sampai 5.",
            "invalid": "Level harus berupa angka 1 sampai 5.",
            "min_value": "Level kompetensi paling rendah 1.",
            "max_value": "Level kompetensi paling tinggi 5.",
        },
        widget=forms.Select(choices=[("", "Level")] + [(lv, f"Level {lv}") for lv in LEVEL_SEMUA]),
    )

    def __init__(self, *args, jabatan: Jabatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kompetensi"].queryset = standar_kompetensi_boleh(jabatan=jabatan)


class StandarHapusForm(forms.Form):
    standar = forms.ModelChoiceField(
        queryset=StandarKompetensiJabatan.objects.none(),
        error_messages={
            "required": "Pilih kompetensi yang akan dihapus dari standar.",
            "invalid_choice": "Kompetensi tersebut tidak ada pada standar jabatan ini.",
        },
    )

    def __init__(self, *args, jabatan: Jabatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standar"].queryset = StandarKompetensiJabatan.objects.filter(jabatan=jabatan).select_related(
            "kompetensi"
        )


class StandarTerapkanForm(forms.Form):
    timpa = forms.BooleanField(label="Timpa juga level yang sudah disesuaikan khusus untuk jabatan ini", required=False)
