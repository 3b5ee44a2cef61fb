"""Forms of development: a programme with its target competencies, and a development plan
(create, change, record completion, cancel). The services re-check everything; these parse
the input and give per-field messages."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from asn_kinerja.widgets import CepatSelect
from pegawai.forms import NipField

from ..access import pegawai_rencana_scope
from ..models import LEVEL_MAX, LEVEL_MIN, HasilKompetensi, Kompetensi, ProgramPengembangan
from ..services.pengembangan import (
    JP_MAX,
    JP_MIN,
    MAKS_SASARAN,
    PESAN_JENIS,
    PESAN_JP,
    PESAN_PROGRAM_TIDAK_ADA,
    PESAN_SASARAN_KOSONG,
    PESAN_SASARAN_LEVEL,
    PESAN_SASARAN_NONAKTIF,
    SasaranData,
)

PESAN_VERSI_RUSAK = "Formulir tidak lengkap. Muat ulang halaman, lalu ulangi perubahan Anda."
PESAN_PEGAWAI_ASING = "Pegawai tidak dikenal atau bukan pegawai yang dapat Anda rencanakan pengembangannya."
PESAN_NIP_ASING = "Tidak ada pegawai aktif dengan NIP ini yang dapat Anda rencanakan pengembangannya."
PESAN_HASIL_TIDAK_ADA = "Hasil kompetensi yang dirujuk tidak dikenal."
PESAN_TANGGAL = "Tanggal tidak valid; pilih tanggal dari kalender."

JENIS_PILIHAN = [("", "Pilih jenis")] + ProgramPengembangan.Jenis.choices
LEVEL_PILIHAN = [("", "Level")] + [(lv, f"Level {lv}") for lv in range(LEVEL_MIN, LEVEL_MAX + 1)]


def _jp_field(label: str, *, required: bool = True, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=JP_MIN,
        max_value=JP_MAX,
        help_text=help_text,
        error_messages={k: PESAN_JP for k in ("required", "invalid", "min_value", "max_value")},
        widget=forms.NumberInput(attrs={"min": JP_MIN, "max": JP_MAX, "inputmode": "numeric"}),
    )


def _tanggal_field(label: str, wajib: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        error_messages={"required": wajib, "invalid": PESAN_TANGGAL},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


# --- catalogue --------------------------------------------------------------------------------


class ProgramForm(forms.Form):
    kode = forms.CharField(
        label="Kode",
        max_length=30,
        help_text="Unik, misalnya PRG-PKP.",
        error_messages={"required": "Kode program wajib diisi."},
    )
    nama = forms.CharField(
        label="Nama program", max_length=200, error_messages={"required": "Nama program wajib diisi."}
    )
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=JENIS_PILIHAN,
        error_messages={"required": "Pilih jenis program.", "invalid_choice": PESAN_JENIS},
    )
    jp = _jp_field("Jam pelajaran (JP)", help_text="1 sampai 500 JP.")
    penyelenggara = forms.CharField(label="Penyelenggara", max_length=200, required=False)
    deskripsi = forms.CharField(label="Deskripsi", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    aktif = forms.BooleanField(label="Aktif (ditawarkan sebagai rekomendasi dan rencana)", required=False, initial=True)
    versi = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, perlu_versi: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.perlu_versi = perlu_versi

    def clean_versi(self) -> datetime | None:
        if not self.perlu_versi:
            return None
        try:
            return datetime.fromisoformat(self.cleaned_data.get("versi") or "")
        except ValueError:
            raise ValidationError(PESAN_VERSI_RUSAK) from None


class SasaranForm(forms.Form):
    kompetensi = forms.ModelChoiceField(
        label="Kompetensi",
        queryset=Kompetensi.objects.none(),
        required=False,
        empty_label="Pilih kompetensi",
        widget=CepatSelect(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": PESAN_SASARAN_NONAKTIF},
    )
    level_target = forms.TypedChoiceField(
        label="Level sasaran",
        choices=LEVEL_PILIHAN,
        coerce=int,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": PESAN_SASARAN_LEVEL},
    )

    def __init__(self, *args, kompetensi_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kompetensi_qs is not None:
            self.fields["kompetensi"].queryset = kompetensi_qs

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        if data.get("kompetensi") and data.get("level_target") in (None, ""):
            self.add_error("level_target", PESAN_SASARAN_LEVEL)
        if data.get("level_target") not in (None, "") and not data.get("kompetensi"):
            self.add_error("kompetensi", "Pilih kompetensi untuk level sasaran ini.")
        return data


class BaseSasaranFormSet(forms.BaseFormSet):
    def __init__(self, *args, kompetensi_qs=None, **kwargs):
        self.kompetensi_qs = kompetensi_qs
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "kompetensi_qs": self.kompetensi_qs}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            kompetensi_qs=self.kompetensi_qs,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def sasaran(self) -> list[SasaranData]:
        hasil = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("kompetensi"):
                continue
            hasil.append(SasaranData(kompetensi_id=data["kompetensi"].pk, level_target=data["level_target"]))
        return hasil

    def clean(self):
        if any(self.errors):
            return
        if not self.sasaran():
            raise ValidationError(PESAN_SASARAN_KOSONG)


def sasaran_formset(*, data=None, initial=None, kompetensi_qs=None) -> BaseSasaranFormSet:
    kelas = formset_factory(
        SasaranForm,
        formset=BaseSasaranFormSet,
        extra=1 if initial else 3,
        can_delete=True,
        max_num=MAKS_SASARAN,
        validate_max=True,
        absolute_max=MAKS_SASARAN,
    )
    return kelas(data=data, initial=initial, prefix="sasaran", kompetensi_qs=kompetensi_qs)


class ProgramBundle:
    """The programme form plus its target formset, validated together."""

    def __init__(self, *, data=None, initial=None, sasaran_initial=None, perlu_versi: bool = False, program=None):
        self.form = ProgramForm(data=data, initial=initial, perlu_versi=perlu_versi)
        # Active competencies, plus the inactive ones the programme already targets (kept).
        qs = Kompetensi.objects.filter(aktif=True)
        if program is not None:
            qs = Kompetensi.objects.filter(pk__in=program.sasaran.values("kompetensi_id")) | qs
        self.formset = sasaran_formset(
            data=data, initial=sasaran_initial, kompetensi_qs=qs.order_by("jenis", "urutan", "nama")
        )

    def is_valid(self) -> bool:
        form_ok = self.form.is_valid()
        return self.formset.is_valid() and form_ok

    def tambah_galat(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.form.add_error(None, exc.messages)
            return
        for kunci, galat in exc.error_dict.items():
            self.form.add_error(kunci if kunci in self.form.fields else None, galat)

    def data_layanan(self) -> dict:
        data = self.form.cleaned_data
        return {
            "kode": data["kode"],
            "nama": data["nama"],
            "jenis": data["jenis"],
            "jp": data["jp"],
            "penyelenggara": data["penyelenggara"],
            "deskripsi": data["deskripsi"],
            "aktif": data["aktif"],
            "versi": data.get("versi"),
            "sasaran": self.formset.sasaran(),
        }


# --- development plans ------------------------------------------------------------------------


class _RencanaIsianMixin:
    def _siapkan_isian(self) -> None:
        self.fields["judul"] = forms.CharField(label="Nama kegiatan", max_length=200, required=False)
        self.fields["jenis"] = forms.ChoiceField(
            label="Jenis", choices=JENIS_PILIHAN, required=False, error_messages={"invalid_choice": PESAN_JENIS}
        )
        self.fields["tanggal_mulai"] = _tanggal_field("Tanggal mulai", "Tanggal mulai wajib diisi.")
        self.fields["tanggal_selesai"] = _tanggal_field("Tanggal selesai", "Tanggal selesai wajib diisi.")
        self.fields["catatan"] = forms.CharField(
            label="Catatan", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
        )


class RencanaCreateForm(_RencanaIsianMixin, forms.Form):
    """A new plan. With `pegawai_tetap` (the employee was chosen on the page before, e.g. from
    a recommendation) the employee travels as a hidden id checked against the user's planning
    scope; without it the user types the NIP."""

    def __init__(self, *args, user, pegawai_tetap: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.pegawai_tetap = pegawai_tetap
        scope = pegawai_rencana_scope(user).filter(aktif=True)
        if pegawai_tetap:
            self.fields["pegawai"] = forms.ModelChoiceField(
                queryset=scope,
                widget=forms.HiddenInput,
                error_messages={"required": PESAN_PEGAWAI_ASING, "invalid_choice": PESAN_PEGAWAI_ASING},
            )
        else:
            self.fields["nip"] = NipField(
                label="NIP pegawai",
                max_length=30,
                help_text="Pegawai yang pengembangannya Anda rencanakan (bawahan Anda atau pegawai OPD Anda).",
                error_messages={"required": "NIP pegawai wajib diisi."},
            )
        self._scope = scope
        self.fields["program"] = forms.ModelChoiceField(
            label="Program dari katalog",
            queryset=ProgramPengembangan.objects.filter(aktif=True).order_by("nama", "kode"),
            required=False,
            empty_label="Tanpa program (kegiatan lain)",
            widget=CepatSelect,
            error_messages={"invalid_choice": PESAN_PROGRAM_TIDAK_ADA},
        )
        self.fields["kompetensi"] = forms.ModelChoiceField(
            label="Kompetensi yang dikembangkan",
            queryset=Kompetensi.objects.filter(aktif=True).order_by("jenis", "urutan", "nama"),
            required=False,
            empty_label="Pilih kompetensi (opsional)",
            widget=CepatSelect,
            error_messages={"invalid_choice": "Kompetensi tidak dikenal atau sudah tidak aktif."},
        )
        self.fields["hasil"] = forms.ModelChoiceField(
            queryset=HasilKompetensi.objects.all(),
            required=False,
            widget=forms.HiddenInput,
            error_messages={"invalid_choice": PESAN_HASIL_TIDAK_ADA},
        )
        self._siapkan_isian()
        self.fields["jp_rencana"] = _jp_field("JP direncanakan", required=False)
        self.fields["jenis"].choices = [("", "Sesuai program")] + ProgramPengembangan.Jenis.choices
        for nama, teks in (
            ("judul", "Kosongkan untuk memakai nama program."),
            ("jenis", "Kosongkan untuk memakai jenis program."),
            ("jp_rencana", "Kosongkan untuk memakai JP program."),
        ):
            self.fields[nama].help_text = teks
        self.order_fields(
            [
                "pegawai",
                "nip",
                "program",
                "kompetensi",
                "judul",
                "jenis",
                "tanggal_mulai",
                "tanggal_selesai",
                "jp_rencana",
                "catatan",
            ]
        )

    def clean_nip(self):
        nip = self.cleaned_data.get("nip")
        pegawai = self._scope.filter(nip=nip).first() if nip else None
        if pegawai is None:
            raise ValidationError(PESAN_NIP_ASING)
        return pegawai

    def data_layanan(self) -> dict:
        data = self.cleaned_data
        return {
            "pegawai": data.get("pegawai") or data.get("nip"),
            "program": data.get("program"),
            "kompetensi": data.get("kompetensi"),
            "hasil": data.get("hasil"),
            "judul": data.get("judul") or "",
            "jenis": data.get("jenis") or "",
            "tanggal_mulai": data["tanggal_mulai"],
            "tanggal_selesai": data["tanggal_selesai"],
            "jp_rencana": data.get("jp_rencana"),
            "catatan": data.get("catatan") or "",
        }


class RencanaUpdateForm(_RencanaIsianMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._siapkan_isian()
        self.fields["judul"].required = True
        self.fields["judul"].error_messages["required"] = "Nama kegiatan wajib diisi."
        self.fields["jenis"].required = True
        self.fields["jenis"].error_messages["required"] = "Pilih jenis kegiatan."
        self.fields["jp_rencana"] = _jp_field("JP direncanakan")
        self.order_fields(["judul", "jenis", "tanggal_mulai", "tanggal_selesai", "jp_rencana", "catatan"])


class RencanaSelesaiForm(forms.Form):
    jp_realisasi = _jp_field("JP yang diselesaikan", help_text="Jam pelajaran yang benar-benar diikuti (1 sampai 500).")
    tanggal_realisasi = _tanggal_field("Tanggal selesai dilaksanakan", "Tanggal selesai dilaksanakan wajib diisi.")
    catatan = forms.CharField(
        label="Catatan (misalnya nomor sertifikat)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RencanaBatalForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan pembatalan", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
