"""Forms of the public pages: the complaint (phone first), tracking, rating and reopening. They
parse and give each field a clear Indonesian message; pengaduan.services.publik decides."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone

from pegawai.models import UnitKerja

from ..models import Kelas, Privasi
from ..services.publik import (
    ALASAN_MAKS,
    MAKS,
    PESAN_ALASAN_KOSONG,
    PESAN_EMAIL,
    PESAN_JUDUL_KOSONG,
    PESAN_KELAS,
    PESAN_KONTAK_KOSONG,
    PESAN_NAMA_KOSONG,
    PESAN_NILAI,
    PESAN_OPD,
    PESAN_PANJANG,
    PESAN_PRIVASI,
    PESAN_TANGGAL_DEPAN,
    PESAN_TANGGAL_KOSONG,
    PESAN_URAIAN_KOSONG,
    ULASAN_MAKS,
)

PESAN_TANGGAL = "Tanggal tidak valid. Gunakan format tanggal, misalnya 17-08-2026."
PESAN_TOKEN = "Formulir ini rusak atau kedaluwarsa. Muat ulang halaman, lalu kirim kembali."  # noqa: S105
PESAN_DITOLAK = "Formulir tidak dapat diproses."
PESAN_KODE = "Isi kode lacak, misalnya ADU-7K3M-9Q2X."
PESAN_KUNCI = "Isi kunci yang Anda terima bersama kode lacak."
TERIMA_BERKAS = ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,application/pdf,image/*"
# The honeypot: a field people never see (hidden by CSS) and robots fill in.
UMPAN = "situs_web"

PENJELASAN_PRIVASI = {
    Privasi.BIASA: "Laporan dan identitas Anda diketahui petugas yang menangani laporan.",
    Privasi.ANONIM: (
        "Identitas Anda hanya diketahui petugas verifikasi dan Admin BKD; petugas yang menindaklanjuti "
        "dan pegawai yang Anda laporkan tidak mengetahuinya."
    ),
    Privasi.RAHASIA: (
        "Seluruh isi laporan tertutup dari publik, dan identitas Anda hanya diketahui petugas verifikasi dan Admin BKD."
    ),
}
LABEL_PRIVASI = {Privasi.BIASA: "Biasa", Privasi.ANONIM: "Anonim", Privasi.RAHASIA: "Rahasia"}


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _teks(label: str, maks: int, *, wajib: bool = False, kosong: str = "", baris: int = 0, **attrs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": baris, **attrs}) if baris else forms.TextInput(attrs=attrs)
    pesan = {"max_length": PESAN_PANJANG.format(maks=_ribuan(maks), panjang="%(show_value)d")}
    if kosong:
        pesan["required"] = kosong
    return forms.CharField(label=label, max_length=maks, required=wajib, widget=widget, error_messages=pesan)


class BanyakBerkasInput(forms.FileInput):
    allow_multiple_selected = True


class BanyakBerkasField(forms.FileField):
    """Several files in one input; the service checks their number, size and content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", BanyakBerkasInput(attrs={"accept": TERIMA_BERKAS}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        daftar = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(BanyakBerkasField, self).clean(d, initial) for d in daftar if d]


class OpdField(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return obj.nama


class PengaduanPublikForm(forms.Form):
    kelas = forms.ChoiceField(
        label="Jenis laporan",
        choices=[("", "— Pilih jenis laporan —"), *Kelas.choices],
        error_messages={"required": PESAN_KELAS, "invalid_choice": PESAN_KELAS},
    )
    opd = OpdField(
        label="Perangkat daerah yang dilaporkan",
        queryset=UnitKerja.objects.none(),
        empty_label="— Pilih perangkat daerah —",
        error_messages={"required": PESAN_OPD, "invalid_choice": PESAN_OPD},
    )
    nama_terlapor = _teks("Nama petugas yang dilaporkan (bila tahu)", MAKS["nama_terlapor"], autocomplete="off")
    judul = _teks("Judul singkat", MAKS["judul"], wajib=True, kosong=PESAN_JUDUL_KOSONG)
    uraian = _teks(
        "Apa yang terjadi?",
        MAKS["uraian"],
        wajib=True,
        kosong=PESAN_URAIAN_KOSONG,
        baris=5,
        placeholder="Ceritakan kejadiannya: layanan apa, apa yang salah, siapa yang terlibat.",
    )
    tanggal_layanan = forms.DateField(
        label="Tanggal kejadian/layanan",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={"required": PESAN_TANGGAL_KOSONG, "invalid": PESAN_TANGGAL},
    )
    lokasi = _teks("Lokasi (opsional)", MAKS["lokasi"])
    kerugian = _teks("Kerugian yang Anda alami (opsional)", MAKS["kerugian"], baris=2)
    harapan = _teks("Penyelesaian yang Anda harapkan (opsional)", MAKS["harapan"], baris=2)
    privasi = forms.ChoiceField(
        label="Kerahasiaan",
        choices=[(k, LABEL_PRIVASI[k]) for k in Privasi.values],
        initial=Privasi.BIASA,
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_PRIVASI, "invalid_choice": PESAN_PRIVASI},
    )
    berkas = BanyakBerkasField(label="Bukti (opsional)", required=False)
    nama = _teks("Nama Anda", MAKS["nama"], wajib=True, kosong=PESAN_NAMA_KOSONG, autocomplete="name")
    email = forms.EmailField(
        label="E-mail",
        required=False,
        max_length=MAKS["email"],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        error_messages={
            "invalid": PESAN_EMAIL,
            "max_length": PESAN_PANJANG.format(maks=MAKS["email"], panjang="%(show_value)d"),
        },
    )
    telepon = _teks(
        "Telepon/WhatsApp", MAKS["telepon"], autocomplete="tel", inputmode="tel", type="tel", placeholder="08..."
    )
    alamat = _teks("Alamat (opsional)", MAKS["alamat"], baris=2, autocomplete="street-address")
    situs_web = forms.CharField(
        label="Situs web (kosongkan)",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    token_kirim = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"required": PESAN_TOKEN, "invalid": PESAN_TOKEN}
    )

    def __init__(self, *args, batas_layanan_hari: int = 30, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = UnitKerja.objects.filter(jenis=UnitKerja.Jenis.OPD, aktif=True).order_by("nama")
        tanggal = self.fields["tanggal_layanan"]
        tanggal.widget.attrs["max"] = timezone.localdate().isoformat()
        tanggal.help_text = (
            f"Sebaiknya dilaporkan paling lambat {batas_layanan_hari} hari sesudah layanan. Laporan atas layanan "
            "yang lebih lama tetap diterima, tetapi penanganannya mungkin terbatas."
        )
        self.fields["berkas"].help_text = (
            f"Paling banyak {settings.ADUAN_BUKTI_MAKS_JUMLAH} berkas PDF, JPG, PNG, WEBP, DOCX, XLSX atau PPTX, "
            f"masing-masing paling besar {settings.ADUAN_BUKTI_MAKS_BYTE // (1024 * 1024)} MB."
        )
        self.fields["nama"].help_text = "Tidak pernah ditampilkan kepada publik."
        self.fields["email"].help_text = "Isi e-mail atau telepon. Kode lacak dan kunci juga dikirim ke e-mail ini."

    def clean(self):
        data = super().clean()
        tanggal = data.get("tanggal_layanan")
        if tanggal and tanggal > timezone.localdate():
            self.add_error("tanggal_layanan", PESAN_TANGGAL_DEPAN)
        tanpa_kontak = not data.get("email") and not (data.get("telepon") or "").strip()
        if tanpa_kontak and "email" not in self.errors and "telepon" not in self.errors:
            self.add_error("email", PESAN_KONTAK_KOSONG)
        return data

    def privasi_pilihan(self) -> list[dict]:
        """The privacy choices with their plain explanations (the template lays them out)."""
        dipilih = self["privasi"].value() or Privasi.BIASA
        return [
            {"nilai": k, "label": LABEL_PRIVASI[k], "penjelasan": PENJELASAN_PRIVASI[k], "dipilih": k == dipilih}
            for k in Privasi.values
        ]


class LacakForm(forms.Form):
    kode = forms.CharField(
        label="Kode lacak",
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "ADU-XXXX-XXXX"}
        ),
        error_messages={"required": PESAN_KODE, "max_length": PESAN_KODE},
    )
    kunci = forms.CharField(
        label="Kunci",
        max_length=40,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": PESAN_KUNCI, "max_length": PESAN_KUNCI},
    )


class NilaiForm(forms.Form):
    nilai = forms.TypedChoiceField(
        label="Nilai",
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
        error_messages={"required": PESAN_NILAI, "invalid_choice": PESAN_NILAI},
    )
    ulasan = _teks("Ulasan (opsional)", ULASAN_MAKS, baris=3)


class BukaKembaliForm(forms.Form):
    alasan = _teks("Alasan", ALASAN_MAKS, wajib=True, kosong=PESAN_ALASAN_KOSONG, baris=3)
