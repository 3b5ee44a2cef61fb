import pytest
from django.urls import reverse
from kompetensi.tests.factories import KompetensiFactory, StandarKompetensiJabatanFactory

JUNK = ["\x00", "a\x00b", "x" * 5000, "😀ü\u202e", "-1", "99999999999999999999999", "1e5", "%", ["1", "2"], ""]
PARAMS = ["q", "jenis", "aktif", "status", "kompetensi", "level", "page", "standar", "timpa", "kode", "nama",
          "definisi", "urutan", "versi", "deskripsi_1", "level1-TOTAL_FORMS", "level1-INITIAL_FORMS", "level1-0-id",
          "level1-0-teks", "level1-0-aspek", "level1-MAX_NUM_FORMS"]

@pytest.mark.django_db
def test_fuzz(client, admin_bkd, admin_opd, jabatan_staf):
    k = KompetensiFactory(lengkap=True)
    s = StandarKompetensiJabatanFactory(jabatan=jabatan_staf, kompetensi=k)
    urls = [reverse("kompetensi:kompetensi-list"), reverse("kompetensi:kompetensi-create"),
            reverse("kompetensi:kompetensi-detail", args=[k.pk]), reverse("kompetensi:kompetensi-update", args=[k.pk]),
            reverse("kompetensi:standar-list"), reverse("kompetensi:standar-detail", args=[jabatan_staf.pk]),
            reverse("kompetensi:standar-set", args=[jabatan_staf.pk]), reverse("kompetensi:standar-delete", args=[jabatan_staf.pk]),
            reverse("kompetensi:standar-terapkan", args=[jabatan_staf.pk]),
            "/kompetensi/99999999999999999999999/", "/kompetensi/standar/99999999999999999999999/",
            "/kompetensi/99999999999999999999999/ubah/", "/kompetensi/standar/99999999999999999999999/atur/"]
    gagal = []
    for p in (admin_bkd, admin_opd):
        client.force_login(p.user)
        for url in urls:
            for param in PARAMS:
                for j in JUNK:
                    for metode in ("get", "post"):
                        try:
                            r = getattr(client, metode)(url, {param: j})
                            if r.status_code >= 500:
                                gagal.append((metode, url, param, repr(j)[:20], r.status_code))
                        except Exception as e:
                            gagal.append((metode, url, param, repr(j)[:20], repr(e)[:150]))
    assert not gagal, gagal[:20]
