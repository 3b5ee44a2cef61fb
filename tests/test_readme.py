"""The README promises things a newcomer types: keep them true."""

import re
from pathlib import Path

from pegawai.demo import DEMO_KODE_AKTIVASI, DEMO_PASSWORD, demo_rencana

BASE_DIR = Path(__file__).resolve().parent.parent
README = (BASE_DIR / "README.md").read_text(encoding="utf-8")


def test_readme_dibuka_dengan_dua_perintah():
    pembuka = README.split("```")[1].strip().splitlines()
    assert [baris.split("#")[0].strip() for baris in pembuka] == ["make run", "make test"]


def test_tabel_akun_demo_di_readme_sama_dengan_data_demo():
    tabel = README.split("<!-- DEMO-LOGIN")[1].split("<!-- /DEMO-LOGIN -->")[0]
    di_readme = set(re.findall(r"\| `(\d{18})` \| `([^`]+)` \|", tabel))
    login = {
        (p.nip, DEMO_KODE_AKTIVASI if p.persona == "aktivasi" else DEMO_PASSWORD)
        for p in demo_rencana().pegawai
        if p.persona
    }
    assert login, "data demo tidak punya persona login"
    assert di_readme == login


def test_readme_menaut_dokumen_yang_ada():
    for tautan in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (BASE_DIR / tautan).is_file(), tautan
