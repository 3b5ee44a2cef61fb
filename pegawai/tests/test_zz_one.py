import pytest
from django.test import Client
from pegawai.tests.test_zz_fuzz_scratch import PARAMS

def test_one(admin_bkd):
    c = Client()
    c.force_login(admin_bkd.user)
    r = c.get("/", {k: "" for k in PARAMS})
