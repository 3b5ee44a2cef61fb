"""Forms of Admin BKD's settings (PengaturanKinerja and the curve-rule table) and of the unit
goals (SasaranUnit). The services (evaluasi/services/pengaturan.py) decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from pegawai.access import unit_manage_scope
from pegawai.forms import UnitPohonField
from pegawai.models import UnitKerja

from ..models import AturanKurva, JenisPeriode, PengaturanKinerja, Predikat, PredikatOrganisasiChoices
from ..services.pengaturan import PESAN_RENTANG, RENTANG
from .periode import PESAN_FORM_RUSAK, DiubahPadaMixin, tahun_field, waktu_dari

PESAN_PERSEN = "Persen harus bilangan bulat 0 sampai 100."
PESAN_PERSEN_WAJIB = "Persen wajib diisi untuk batas paling banyak atau paling sedikit."
PESAN_ATURAN_PREDIKAT = "Pilih paling sedikit satu predikat pegawai."
PESAN_URAIAN = "Uraian sasaran wajib diisi."

# --- settings and curve rules ----------------------------------------------------------------------


def _bulat_field(nama: str) -> forms.IntegerField:
    bawah, atas = RENTANG[nama]
    model_field = PengaturanKinerja._meta.get_field(nama)
    label = str(model_field.verbose_name)
    label = label[:1].upper() + label[1:]
    pesan = PESAN_RENTANG.format(label=label, min=bawah, maks=atas)
    return forms.IntegerField(
        label=label,
        min_value=bawah,
        max_value=atas,
        help_text=model_field.help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": bawah, "max": atas}),
        error_messages={"required": pesan, "invalid": pesan, "min_value": pesan, "max_value": pesan},
    )


class PengaturanForm(DiubahPadaMixin, forms.Form):
    jenis_periode = forms.MultipleChoiceField(
        label="Jenis periode yang dipakai",
        choices=JenisPeriode.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Hanya jenis yang dicentang yang dapat dipilih saat membuka periode baru.",
        error_messages={
            "required": "Pilih paling sedikit satu jenis periode.",
            "invalid_choice": "Jenis periode tidak dikenal.",
        },
    )
    log_menit_min_harian = _bulat_field("log_menit_min_harian")
    log_menit_maks_harian = _bulat_field("log_menit_maks_harian")
    log_target_bulanan = _bulat_field("log_target_bulanan")
    log_kunci_hari = _bulat_field("log_kunci_hari")
    keberatan_hari = _bulat_field("keberatan_hari")
    kurva_memblokir = forms.BooleanField(
        label="Pelanggaran kurva menghalangi finalisasi",
        required=False,
        help_text=PengaturanKinerja._meta.get_field("kurva_memblokir").help_text,
    )
    rekan_min = _bulat_field("rekan_min")
    rekan_maks = _bulat_field("rekan_maks")
    pengingat_hari = _bulat_field("pengingat_hari")
    diubah_pada = forms.CharField(widget=forms.HiddenInput, error_messages={"required": PESAN_FORM_RUSAK})

    BIDANG = {
        "Periode": ["jenis_periode"],
        "Log aktivitas harian": [
            "log_menit_min_harian",
            "log_menit_maks_harian",
            "log_target_bulanan",
            "log_kunci_hari",
        ],
        "Penilaian rekan": ["rekan_min", "rekan_maks"],
        "Keberatan dan pengingat": ["keberatan_hari", "pengingat_hari"],
    }

    @classmethod
    def dari(cls, pengaturan: PengaturanKinerja, data=None) -> PengaturanForm:
        initial = {nama: getattr(pengaturan, nama) for nama in cls.base_fields if nama != "diubah_pada"}
        initial["diubah_pada"] = pengaturan.updated_at.isoformat()
        return cls(data, initial=initial)

    def kelompok(self):
        return [(judul, [self[n] for n in nama]) for judul, nama in self.BIDANG.items()]

    def data_layanan(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("diubah_pada")
        return d


class AturanForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    predikat_organisasi = forms.ChoiceField(
        label="Predikat organisasi",
        choices=[("", "—"), *PredikatOrganisasiChoices.choices],
        error_messages={"required": "Pilih predikat kinerja organisasi."},
    )
    jenis = forms.ChoiceField(
        label="Jenis batas",
        choices=[("", "—"), *AturanKurva.Jenis.choices],
        error_messages={"required": "Pilih jenis batas."},
    )
    predikat = forms.MultipleChoiceField(
        label="Predikat pegawai",
        choices=Predikat.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": PESAN_ATURAN_PREDIKAT},
    )
    persen = forms.IntegerField(
        label="Persen",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100, "class": "text-end"}),
        error_messages={"invalid": PESAN_PERSEN, "min_value": PESAN_PERSEN, "max_value": PESAN_PERSEN},
    )

    def clean(self):
        data = super().clean()
        perlu_persen = data.get("jenis") in (AturanKurva.Jenis.MAKS, AturanKurva.Jenis.MIN)
        if perlu_persen and data.get("persen") is None and "persen" not in self.errors:
            self.add_error("persen", PESAN_PERSEN_WAJIB)
        if data.get("jenis") == AturanKurva.Jenis.ADA:
            data["persen"] = 0
        return data


class _AturanFormSetDasar(forms.BaseFormSet):
    def baris_layanan(self) -> list[dict]:
        """The kept rows, numbered as on the page, for pengaturan_simpan."""
        baris = []
        for n, form in enumerate(self.forms, start=1):
            if self.can_delete and self._should_delete_form(form):
                continue
            if not form.cleaned_data:
                continue  # a row added and left empty
            baris.append(
                {
                    **{k: form.cleaned_data[k] for k in ("id", "predikat_organisasi", "jenis", "predikat", "persen")},
                    "nomor": n,
                }
            )
        return baris


AturanFormSet = forms.formset_factory(
    AturanForm, formset=_AturanFormSetDasar, extra=0, can_delete=True, max_num=200, validate_max=True
)


def aturan_formset(data=None) -> _AturanFormSetDasar:
    initial = [
        {
            "id": a.pk,
            "predikat_organisasi": a.predikat_organisasi,
            "jenis": a.jenis,
            "predikat": a.predikat,
            "persen": a.persen,
        }
        for a in AturanKurva.objects.order_by("predikat_organisasi", "urutan", "pk")
    ]
    urutan = {v: i for i, v in enumerate(PredikatOrganisasiChoices.values)}
    initial.sort(key=lambda a: urutan.get(a["predikat_organisasi"], 99))
    return AturanFormSet(data, initial=initial, prefix="aturan")


# --- unit goals ---------------------------------------------------------------------------------------


def _unit_kelola(user):
    return unit_manage_scope(user).filter(aktif=True).exclude(jenis=UnitKerja.Jenis.PEMDA)


class SasaranForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    unit = UnitPohonField(
        label="Unit kerja",
        queryset=UnitKerja.objects.none(),
        empty_label="— pilih unit kerja —",
        error_messages={
            "required": "Pilih unit kerja.",
            "invalid_choice": "Unit kerja yang dipilih tidak tersedia atau berada di luar OPD yang Anda kelola.",
        },
    )
    tahun = tahun_field()
    uraian = forms.CharField(
        label="Sasaran",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Sasaran strategis/program unit dari Renstra/Renja, misalnya “Meningkatnya mutu layanan pendidikan”.",
        error_messages={"required": PESAN_URAIAN, "max_length": "Sasaran paling panjang 500 karakter."},
    )
    indikator = forms.CharField(
        label="Indikator sasaran",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Indikator paling panjang 500 karakter."},
    )
    aktif = forms.BooleanField(
        label="Aktif",
        required=False,
        initial=True,
        help_text="Sasaran nonaktif tidak dapat dipilih untuk RHK baru; RHK yang sudah memakainya tetap.",
    )
    diubah_pada = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, sasaran=None, **kwargs):
        if sasaran is not None:
            kwargs.setdefault(
                "initial",
                {
                    "unit": sasaran.unit_id,
                    "tahun": sasaran.tahun,
                    "uraian": sasaran.uraian,
                    "indikator": sasaran.indikator,
                    "aktif": sasaran.aktif,
                    "diubah_pada": sasaran.updated_at.isoformat(),
                },
            )
        else:
            kwargs.setdefault("initial", {"tahun": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.sasaran = sasaran
        unit = _unit_kelola(user)
        if sasaran is not None:
            # The goal's own unit stays selectable even if it has since been deactivated.
            unit = unit | unit_manage_scope(user).filter(pk=sasaran.unit_id)
        self.fields["unit"].queryset = unit
        if sasaran is None:
            del self.fields["aktif"]
            del self.fields["diubah_pada"]

    def clean_diubah_pada(self):
        if self.sasaran is None:
            return None
        waktu = waktu_dari(self.cleaned_data.get("diubah_pada") or "")
        if waktu is None:
            raise ValidationError(PESAN_FORM_RUSAK)
        return waktu

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        data = {"unit": d["unit"], "tahun": d["tahun"], "uraian": d["uraian"], "indikator": d["indikator"]}
        if self.sasaran is not None:
            data.update(aktif=d["aktif"], diubah_pada=d["diubah_pada"])
        return data


class SasaranFilterForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", required=False, min_value=2000, max_value=2100)
    unit = UnitPohonField(
        label="Unit kerja", queryset=UnitKerja.objects.none(), required=False, empty_label="Semua unit"
    )
    aktif = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua"), ("1", "Aktif"), ("0", "Nonaktif")]
    )
    cari = forms.CharField(label="Cari sasaran", required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_manage_scope(user).exclude(jenis=UnitKerja.Jenis.PEMDA)

    def saringan(self) -> dict:
        d = self.cleaned_data
        return {
            "tahun": d.get("tahun"),
            "unit_id": d["unit"].pk if d.get("unit") else None,
            "aktif": {"1": True, "0": False}.get(d.get("aktif") or ""),
            "cari": (d.get("cari") or "").strip(),
        }
