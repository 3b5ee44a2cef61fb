"""Forms of the competency rounds: open one, change its name and deadlines.

The services (kompetensi/services/putaran.py) re-check everything; the forms give per-field
messages and decide what an unticked "pakai penilaian rekan" means (the peers' weight is 0).
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from pegawai.access import akses_get, unit_manage_scope
from pegawai.models import UnitKerja
from pegawai.selectors import SimpulUnit, unit_pohon

from ..models import PutaranPenilaian
from ..rules import ATASAN, BOBOT_BAWAAN, DIRI, REKAN, bobot_periksa

PESAN_FORM_RUSAK = "Formulir tidak lengkap. Muat ulang halaman, lalu kirim kembali."
PESAN_UNIT_TIDAK_TERSEDIA = "Unit kerja yang dipilih tidak tersedia atau berada di luar OPD yang Anda kelola."
PESAN_UNIT_TIDAK_VALID = "Pilihan unit kerja tidak valid."
PESAN_TANGGAL = "Tanggal tidak valid; isi dengan format tahun-bulan-tanggal, misalnya 2025-03-31."
PESAN_BOBOT = "Bobot harus bilangan bulat 0 sampai 100."
PESAN_BATAS_REKAN_KOSONG = "Batas penilaian rekan wajib diisi bila penilaian rekan dipakai."
PESAN_BOBOT_REKAN_KOSONG = "Bobot rekan wajib diisi bila penilaian rekan dipakai."
PESAN_SATU_OPD = (
    "Pilih unit dari satu OPD saja; untuk OPD lain yang Anda kelola, buka putaran tersendiri "
    "(putaran lintas OPD dibuka oleh Admin BKD)."
)


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _tanggal(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=TanggalInput,
        help_text=help_text,
        error_messages={"required": f"{label} wajib diisi.", "invalid": PESAN_TANGGAL},
    )


def _bobot(label: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1, "min": 0, "max": 100, "data-bobot": ""}),
        error_messages={
            "required": f"{label} wajib diisi.",
            "invalid": PESAN_BOBOT,
            "min_value": PESAN_BOBOT,
            "max_value": PESAN_BOBOT,
        },
    )


class UnitPohonCentang(forms.CheckboxSelectMultiple):
    """The units as checkboxes, one block per OPD with its sub-units folded underneath, rendered
    in Python (a Pemda has hundreds of units; one template include per option is slow).
    `pohon` (set by the form) returns the tree; it is only called when the form is rendered."""

    pohon = None

    def render(self, name, value, attrs=None, renderer=None):
        dipilih = {str(v) for v in (value or [])}
        akar = [s for s in (self.pohon() if self.pohon else []) if s.kedalaman == 0]

        def kotak(simpul: SimpulUnit, peran: str, kelas_label: str = "") -> str:
            unit = simpul.unit
            id_ = f"id_{name}_{unit.pk}"
            return format_html(
                '<div class="form-check"{}><input class="form-check-input" type="checkbox" name="{}" value="{}" '
                'id="{}" data-unit-{}{}><label class="form-check-label{}" for="{}">{}</label></div>',
                mark_safe(f' style="margin-left: {(simpul.kedalaman - 1) * 1.25}rem"') if simpul.kedalaman > 1 else "",
                name,
                unit.pk,
                id_,
                peran,
                mark_safe(" checked") if str(unit.pk) in dipilih else "",
                kelas_label,
                id_,
                unit.nama,
            )

        def turunan(simpul: SimpulUnit) -> list[SimpulUnit]:
            hasil = []
            for anak in simpul.anak:
                hasil.append(anak)
                hasil.extend(turunan(anak))
            return hasil

        blok = []
        for simpul in akar:
            bawah = turunan(simpul)
            isi = kotak(simpul, "induk", " fw-semibold")
            if bawah:
                terbuka = any(str(s.unit.pk) in dipilih for s in bawah)
                isi += format_html(
                    '<details class="ms-4 small"{}><summary class="text-body-secondary">Atau pilih sebagian unit ({})'
                    "</summary>{}</details>",
                    mark_safe(" open") if terbuka else "",
                    len(bawah),
                    mark_safe("".join(kotak(s, "anak") for s in bawah)),  # noqa: S308 - escaped in kotak
                )
            blok.append(format_html('<div class="py-1 border-bottom" data-unit-opd>{}</div>', mark_safe(isi)))  # noqa: S308
        if not blok:
            return mark_safe('<p class="text-body-secondary">Tidak ada unit kerja yang dapat Anda pilih.</p>')
        cari = format_html(
            '<input type="search" class="form-control form-control-sm mb-2" placeholder="Cari unit kerja" '
            'aria-label="Cari unit kerja" data-unit-cari>{}',
            mark_safe(
                '<button type="button" class="btn btn-sm btn-outline-secondary mb-2" data-unit-semua>'
                "Pilih semua OPD</button>"
            )
            if len(akar) > 1
            else "",
        )
        return format_html(
            '<div id="id_{}" data-unit-pilih>{}<div class="border rounded px-2 overflow-auto bg-body" '
            'style="max-height: 22rem">{}</div></div>',
            name,
            cari,
            format_html_join("", "{}", ((b,) for b in blok)),
        )


class UnitPilihanField(forms.ModelMultipleChoiceField):
    """Refuses ids that are not whole numbers in the id range before they reach the database
    (an id beyond the integer range made SQLite raise OverflowError: a 500)."""

    def _check_values(self, value):
        for nilai in value:
            try:
                angka = int(str(nilai).strip())
            except (TypeError, ValueError):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": nilai}
                )
            if not 0 < angka < 2**63:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": nilai}
                )
        return super()._check_values(value)


class PutaranBukaForm(forms.Form):
    # Sent back with the form: a second submission of the same form opens nothing twice.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, error_messages={"required": PESAN_FORM_RUSAK})
    nama = forms.CharField(
        label="Nama putaran",
        max_length=150,
        error_messages={
            "required": "Nama putaran wajib diisi.",
            "max_length": "Nama putaran paling panjang 150 huruf.",
        },
    )
    tanggal_mulai = _tanggal("Periode mulai")
    tanggal_selesai = _tanggal("Periode selesai")
    unit = UnitPilihanField(
        label="Unit kerja",
        queryset=UnitKerja.objects.none(),
        widget=UnitPohonCentang,
        help_text="Memilih OPD berarti seluruh unit di bawahnya ikut. Pegawai aktif yang jabatannya memiliki "
        "standar kompetensi menjadi peserta.",
        error_messages={
            "required": "Pilih paling sedikit satu unit kerja.",
            "invalid_choice": PESAN_UNIT_TIDAK_TERSEDIA,
            "invalid_pk_value": PESAN_UNIT_TIDAK_VALID,
            "invalid_list": PESAN_UNIT_TIDAK_VALID,
        },
    )
    batas_diri = _tanggal("Batas penilaian diri")
    batas_rekan = _tanggal("Batas penilaian rekan", required=False)
    batas_atasan = _tanggal("Batas penilaian atasan")
    rekan_aktif = forms.BooleanField(
        label="Pakai penilaian rekan",
        required=False,
        initial=True,
        help_text="Bila tidak dipakai, bobot rekan menjadi 0.",
    )
    bobot_diri = _bobot("Bobot diri (%)")
    bobot_rekan = _bobot("Bobot rekan (%)", required=False)
    bobot_atasan = _bobot("Bobot atasan (%)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.admin_bkd = akses_get(user).admin_bkd
        unit = unit_manage_scope(user).filter(aktif=True).exclude(jenis=UnitKerja.Jenis.PEMDA)
        self.fields["unit"].queryset = unit
        self.fields["unit"].widget.pohon = lambda: unit_pohon(unit.order_by())
        if not self.is_bound:
            hari_ini = timezone.localdate()
            self.initial.update(
                {
                    "nama": f"Penilaian Kompetensi {hari_ini.year}",
                    "tanggal_mulai": datetime.date(hari_ini.year, 1, 1),
                    "tanggal_selesai": datetime.date(hari_ini.year, 12, 31),
                    "batas_diri": hari_ini + datetime.timedelta(days=14),
                    "batas_rekan": hari_ini + datetime.timedelta(days=21),
                    "batas_atasan": hari_ini + datetime.timedelta(days=28),
                    "rekan_aktif": True,
                    "bobot_diri": BOBOT_BAWAAN[DIRI],
                    "bobot_rekan": BOBOT_BAWAAN[REKAN],
                    "bobot_atasan": BOBOT_BAWAAN[ATASAN],
                }
            )

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        # A round over units of two OPDs belongs to no OPD, and only Admin BKD manages such a
        # round: an Admin OPD of two OPDs would open a round they could not close.
        if not self.admin_bkd and len({u.opd_id or u.pk for u in unit}) > 1:
            raise ValidationError(PESAN_SATU_OPD)
        return unit

    def clean(self):
        data = super().clean()
        if data.get("rekan_aktif"):
            if data.get("bobot_rekan") is None and "bobot_rekan" not in self.errors:
                self.add_error("bobot_rekan", PESAN_BOBOT_REKAN_KOSONG)
            if data.get("batas_rekan") is None and "batas_rekan" not in self.errors:
                self.add_error("batas_rekan", PESAN_BATAS_REKAN_KOSONG)
        else:
            # The server decides, whatever the page's script sent: no peers, no peers' weight.
            data["bobot_rekan"] = 0
            self.errors.pop("bobot_rekan", None)
            if data.get("batas_rekan") is None:
                self.errors.pop("batas_rekan", None)
                data["batas_rekan"] = data.get("batas_atasan") or data.get("batas_diri")
        bobot = {ATASAN: data.get("bobot_atasan"), DIRI: data.get("bobot_diri"), REKAN: data.get("bobot_rekan")}
        if all(isinstance(v, int) for v in bobot.values()):
            try:
                bobot_periksa(bobot, rekan_aktif=bool(data.get("rekan_aktif")))
            except ValidationError as exc:
                self.add_error(None, exc.messages)
        return data

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "nama": d["nama"].strip(),
            "tanggal_mulai": d["tanggal_mulai"],
            "tanggal_selesai": d["tanggal_selesai"],
            "unit": list(d["unit"]),
            "batas_diri": d["batas_diri"],
            "batas_rekan": d["batas_rekan"],
            "batas_atasan": d["batas_atasan"],
            "bobot_atasan": d["bobot_atasan"],
            "bobot_diri": d["bobot_diri"],
            "bobot_rekan": d["bobot_rekan"],
            "rekan_aktif": bool(d["rekan_aktif"]),
        }


class PutaranUbahForm(forms.Form):
    """Only the name and the deadlines change while a round is open."""

    nama = forms.CharField(
        label="Nama putaran",
        max_length=150,
        error_messages={
            "required": "Nama putaran wajib diisi.",
            "max_length": "Nama putaran paling panjang 150 huruf.",
        },
    )
    batas_diri = _tanggal("Batas penilaian diri")
    batas_rekan = _tanggal("Batas penilaian rekan")
    batas_atasan = _tanggal("Batas penilaian atasan")

    def __init__(self, *args, putaran: PutaranPenilaian, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "nama": putaran.nama,
                "batas_diri": putaran.batas_diri,
                "batas_rekan": putaran.batas_rekan,
                "batas_atasan": putaran.batas_atasan,
            },
        )
        super().__init__(*args, **kwargs)
        self.putaran = putaran
        if not putaran.rekan_aktif:
            del self.fields["batas_rekan"]

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "nama": d["nama"],
            "batas_diri": d["batas_diri"],
            "batas_rekan": d.get("batas_rekan", self.putaran.batas_rekan),
            "batas_atasan": d["batas_atasan"],
        }
