"""Forms of the holiday calendar and the complaint settings (Admin BKD)."""

from __future__ import annotations

from django import forms

from ..models import AturanSla, HariLibur, Kelas, PengaturanPengaduan

PESAN_TANGGAL = "Tanggal tidak valid. Gunakan format tanggal, misalnya 17-08-2027."
PESAN_BERUBAH = "Pengaturan telah diubah orang lain sejak halaman ini dibuka. Muat ulang halaman lalu ulangi perubahan."
PESAN_RENTANG = "{label} harus bilangan bulat {min} sampai {maks}."


class HariLiburForm(forms.Form):
    tanggal = forms.DateField(
        label="Tanggal",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"required": "Tanggal wajib diisi.", "invalid": PESAN_TANGGAL},
    )
    nama = forms.CharField(
        label="Keterangan",
        max_length=150,
        error_messages={
            "required": "Keterangan wajib diisi.",
            "max_length": "Keterangan paling banyak 150 karakter.",
        },
    )
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=HariLibur.Jenis.choices,
        error_messages={"required": "Pilih jenis hari libur.", "invalid_choice": "Jenis hari libur tidak dikenal."},
    )


def _bulat(model, nama: str) -> forms.IntegerField:
    field = model._meta.get_field(nama)
    bawah = next(v.limit_value for v in field.validators if v.code == "min_value")
    atas = next(v.limit_value for v in field.validators if v.code == "max_value")
    label = str(field.verbose_name)
    label = label[:1].upper() + label[1:]
    pesan = PESAN_RENTANG.format(label=label, min=bawah, maks=atas)
    return forms.IntegerField(
        label=label,
        min_value=bawah,
        max_value=atas,
        help_text=field.help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": bawah, "max": atas}),
        error_messages={"required": pesan, "invalid": pesan, "min_value": pesan, "max_value": pesan},
    )


BIDANG_PENGATURAN = ("batas_layanan_hari", "buka_kembali_hari", "pengingat_hari")
BIDANG_SLA = (
    "hari_verifikasi",
    "hari_tanggapan",
    "hari_selesai_sederhana",
    "hari_selesai_biasa",
    "hari_selesai_lapangan",
)


class PengaturanPengaduanForm(forms.Form):
    """The settings row plus one SLA row per class (fields `<kelas>__<field>`)."""

    diubah_pada = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pengaturan: PengaturanPengaduan, sla: dict[str, AturanSla], **kwargs):
        initial = {"diubah_pada": pengaturan.updated_at.isoformat() if pengaturan.updated_at else ""}
        for nama in BIDANG_PENGATURAN:
            initial[nama] = getattr(pengaturan, nama)
        for kelas, aturan in sla.items():
            for nama in BIDANG_SLA:
                initial[f"{kelas}__{nama}"] = getattr(aturan, nama)
        super().__init__(*args, initial=initial, **kwargs)
        self.pengaturan = pengaturan
        for nama in BIDANG_PENGATURAN:
            self.fields[nama] = _bulat(PengaturanPengaduan, nama)
        self.kelas = [(k, label) for k, label in Kelas.choices if k in sla]
        for kelas, label in self.kelas:
            for nama in BIDANG_SLA:
                field = _bulat(AturanSla, nama)
                field.widget.attrs.update(
                    {"class": "form-control form-control-sm", "aria-label": f"{label}: {field.label}"}
                )
                self.fields[f"{kelas}__{nama}"] = field

    def clean(self):
        data = super().clean()
        sekarang = self.pengaturan.updated_at.isoformat() if self.pengaturan.updated_at else ""
        if data.get("diubah_pada", "") != sekarang:
            raise forms.ValidationError(PESAN_BERUBAH)
        return data

    def baris_sla(self):
        """[(kelas label, [bound fields])] for the table."""
        return [(label, [self[f"{kelas}__{nama}"] for nama in BIDANG_SLA]) for kelas, label in self.kelas]

    def hasil(self) -> tuple[dict, dict[str, dict]]:
        d = self.cleaned_data
        pengaturan = {nama: d[nama] for nama in BIDANG_PENGATURAN}
        sla = {kelas: {nama: d[f"{kelas}__{nama}"] for nama in BIDANG_SLA} for kelas, _ in self.kelas}
        return pengaturan, sla
