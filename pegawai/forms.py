"""Forms for employees, units and positions. They parse and validate input; services write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from asn_kinerja.widgets import CepatSelect

from .access import akses_get, unit_manage_scope
from .models import Jabatan, Pegawai, UnitKerja
from .selectors import atasan_pilihan, unit_pohon


def form_tambah_galat(form: forms.Form, exc: ValidationError, peta: dict[str, str] | None = None) -> None:
    """Attach a service's ValidationError to the form (fields it does not have go on top)."""
    peta = peta or {}
    if hasattr(exc, "error_dict"):
        for nama, galat in exc.error_dict.items():
            nama = peta.get(nama, nama)
            form.add_error(nama if nama in form.fields else None, galat)
    else:
        form.add_error(None, exc.messages)


# --- units in tree order ----------------------------------------------------------------------


INDENTASI = "\u2014 "


class _PohonIterator(ModelChoiceIterator):
    """Choices in tree order, indented by depth (one query)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for simpul in unit_pohon(self.queryset.order_by()):
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(simpul.unit), simpul.unit),
                self.field.label_pohon(simpul.unit, simpul.kedalaman),
            )


class UnitPohonField(forms.ModelChoiceField):
    widget = CepatSelect
    iterator = _PohonIterator

    def label_pohon(self, unit: UnitKerja, kedalaman: int) -> str:
        label = f"{INDENTASI * kedalaman}{unit.nama}"
        return label if unit.aktif else f"{label} (nonaktif)"


def _unit_pilihan(user):
    return unit_manage_scope(user).filter(aktif=True).exclude(jenis=UnitKerja.Jenis.PEMDA)


NIP_SUDAH_ADA = "Pegawai dengan NIP ini sudah terdaftar."


def _nip_bersih(nilai: str) -> str:
    """NIPs are often written with spaces ("19800101 200501 1 001")."""
    return "".join((nilai or "").split())


class NipField(forms.CharField):
    """Accepts the NIP with spaces and keeps only the digits' string (length checked after)."""

    def to_python(self, value):
        return _nip_bersih(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"maxlength": "24", "inputmode": "numeric", "autocomplete": "off"})
        return attrs


# --- employees --------------------------------------------------------------------------------


class _AtasanNipMixin:
    """The atasan is typed by NIP and resolved on the server: a <select> of 100,000 employees is
    not an option. The datalist next to it is filled by `pegawai:atasan-cari`."""

    def _siapkan_atasan(self, user, atasan_sekarang: Pegawai | None = None) -> None:
        self._user = user
        self._atasan_sekarang = atasan_sekarang
        f = self.fields["atasan_nip"]
        f.widget.attrs.update({"list": "atasan-datalist", "autocomplete": "off", "inputmode": "numeric"})
        if atasan_sekarang is not None:
            f.initial = atasan_sekarang.nip
            f.help_text = f"Saat ini: {atasan_sekarang.nama_lengkap}. {f.help_text}"

    def clean_atasan_nip(self) -> Pegawai | None:
        nip = _nip_bersih(self.cleaned_data.get("atasan_nip"))
        if not nip:
            return None
        if self._atasan_sekarang is not None and nip == self._atasan_sekarang.nip:
            return self._atasan_sekarang
        atasan = atasan_pilihan(user=self._user).select_related("jabatan").filter(nip=nip).first()
        if atasan is None:
            raise ValidationError("Tidak ada pegawai aktif dengan NIP ini yang dapat Anda pilih sebagai atasan.")
        return atasan


ATASAN_HELP = "Ketik NIP atau nama (minimal 3 karakter) lalu pilih. Kosongkan bila tidak memiliki atasan."


class PegawaiCreateForm(_AtasanNipMixin, forms.ModelForm):
    unit = UnitPohonField(label="Unit kerja", queryset=UnitKerja.objects.none())
    jabatan = forms.ModelChoiceField(label="Jabatan", queryset=Jabatan.objects.none(), widget=CepatSelect)
    atasan_nip = forms.CharField(label="NIP atasan langsung", required=False, max_length=30, help_text=ATASAN_HELP)

    class Meta:
        model = Pegawai
        fields = [
            "nip",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "status_kepegawaian",
            "golongan",
            "unit",
            "jabatan",
            "email",
            "telepon",
        ]
        field_classes = {"nip": NipField}
        help_texts = {"nip": "18 digit; spasi boleh, akan dihapus."}
        error_messages = {"nip": {"unique": NIP_SUDAH_ADA}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _unit_pilihan(user)
        self.fields["jabatan"].queryset = Jabatan.objects.filter(aktif=True).order_by("nama", "kode")
        self._siapkan_atasan(user)

    def data_layanan(self) -> dict:
        """Keyword arguments for services.pegawai_create."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["atasan"] = self.cleaned_data["atasan_nip"]
        return data


class PegawaiUpdateForm(_AtasanNipMixin, forms.ModelForm):
    """Identity, status and contact; unit and jabatan change only through a mutasi (with SK)."""

    atasan_nip = forms.CharField(label="NIP atasan langsung", required=False, max_length=30, help_text=ATASAN_HELP)

    class Meta:
        model = Pegawai
        fields = ["nip", "gelar_depan", "nama", "gelar_belakang", "status_kepegawaian", "golongan", "email", "telepon"]
        field_classes = {"nip": NipField}
        error_messages = {"nip": {"unique": NIP_SUDAH_ADA}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._siapkan_atasan(user, self.instance.atasan if self.instance.atasan_id else None)

    def data_layanan(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["atasan"] = self.cleaned_data["atasan_nip"]
        return data


class PegawaiMoveForm(_AtasanNipMixin, forms.Form):
    unit = UnitPohonField(label="Unit kerja baru", queryset=UnitKerja.objects.none())
    jabatan = forms.ModelChoiceField(label="Jabatan baru", queryset=Jabatan.objects.none(), widget=CepatSelect)
    atasan_nip = forms.CharField(label="NIP atasan langsung", required=False, max_length=30, help_text=ATASAN_HELP)
    keterangan = forms.CharField(
        label="Keterangan (nomor SK)",
        max_length=200,
        help_text="Misalnya: SK Bupati No. 821/123/2025.",
    )

    def __init__(self, *args, user, pegawai: Pegawai, **kwargs):
        kwargs.setdefault("initial", {"unit": pegawai.unit_id, "jabatan": pegawai.jabatan_id})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _unit_pilihan(user)
        self.fields["jabatan"].queryset = Jabatan.objects.filter(aktif=True).order_by("nama", "kode")
        self._siapkan_atasan(user, pegawai.atasan if pegawai.atasan_id else None)

    def clean_keterangan(self) -> str:
        nilai = self.cleaned_data["keterangan"].strip()
        if not nilai:
            raise ValidationError("Keterangan mutasi wajib diisi (misalnya nomor SK).")
        return nilai

    def data_layanan(self) -> dict:
        return {
            "unit": self.cleaned_data["unit"],
            "jabatan": self.cleaned_data["jabatan"],
            "atasan": self.cleaned_data["atasan_nip"],
            "keterangan": self.cleaned_data["keterangan"],
        }


class PegawaiDeactivateForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan penonaktifan",
        max_length=200,
        help_text="Misalnya: pensiun (SK No. ...), pindah ke instansi lain, meninggal dunia.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_alasan(self) -> str:
        nilai = self.cleaned_data["alasan"].strip()
        if not nilai:
            raise ValidationError("Alasan penonaktifan wajib diisi.")
        return nilai


# --- units ------------------------------------------------------------------------------------


class UnitCreateForm(forms.Form):
    kode = forms.CharField(label="Kode", max_length=30)
    nama = forms.CharField(label="Nama unit", max_length=200)
    jenis = forms.ChoiceField(label="Jenis")
    induk = UnitPohonField(label="Unit induk", queryset=UnitKerja.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        jenis = UnitKerja.Jenis.choices
        if not akses_get(user).admin_bkd:
            # Admin OPD: only Bidang and Subbidang inside their OPD (services enforce it too).
            jenis = [(v, label) for v, label in jenis if v in (UnitKerja.Jenis.BIDANG, UnitKerja.Jenis.SUBBIDANG)]
        self.fields["jenis"].choices = jenis
        self.fields["induk"].queryset = unit_manage_scope(user).filter(aktif=True)

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip()
        if UnitKerja.objects.filter(kode=kode).exists():
            raise ValidationError("Kode unit ini sudah dipakai.")
        return kode

    def clean(self):
        data = super().clean()
        perlu_induk = data.get("jenis") and data["jenis"] != UnitKerja.Jenis.PEMDA
        if perlu_induk and not data.get("induk") and "induk" not in self.errors:
            self.add_error("induk", "Unit induk wajib diisi.")
        return data


class UnitUpdateForm(forms.Form):
    kode = forms.CharField(label="Kode", max_length=30)
    nama = forms.CharField(label="Nama unit", max_length=200)
    induk = UnitPohonField(label="Unit induk", queryset=UnitKerja.objects.none(), required=False)
    aktif = forms.BooleanField(label="Aktif", required=False)

    def __init__(self, *args, user, unit: UnitKerja, **kwargs):
        kwargs.setdefault(
            "initial", {"kode": unit.kode, "nama": unit.nama, "induk": unit.induk_id, "aktif": unit.aktif}
        )
        super().__init__(*args, **kwargs)
        self.unit = unit
        # A parent is one level up or more; a Bidang/Seksi must stay under an OPD.
        lebih_tinggi = [j for j, t in UnitKerja.TINGKAT.items() if t < unit.tingkat]
        if unit.jenis in (UnitKerja.Jenis.BIDANG, UnitKerja.Jenis.SUBBIDANG):
            lebih_tinggi = [j for j in lebih_tinggi if j != UnitKerja.Jenis.PEMDA]
        self.fields["induk"].queryset = (
            unit_manage_scope(user).filter(aktif=True, jenis__in=lebih_tinggi).exclude(pk=unit.pk)
        )
        if unit.jenis == UnitKerja.Jenis.PEMDA:
            del self.fields["induk"]
        else:
            self.fields["induk"].required = True

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip()
        if UnitKerja.objects.filter(kode=kode).exclude(pk=self.unit.pk).exists():
            raise ValidationError("Kode unit ini sudah dipakai.")
        return kode


# --- positions --------------------------------------------------------------------------------


class JabatanForm(forms.ModelForm):
    class Meta:
        model = Jabatan
        fields = ["kode", "nama", "jenis", "jenjang", "aktif"]
        help_texts = {"jenjang": "Hanya untuk JPT (Pratama/Madya) dan fungsional."}
        error_messages = {"kode": {"unique": "Kode jabatan ini sudah dipakai."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["aktif"]

    def data_layanan(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}
