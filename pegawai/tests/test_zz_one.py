import pytest
from django.test import Client

def test_one(admin_bkd, admin_opd):
    for p in (admin_bkd, admin_opd):
        c = Client()
        c.force_login(p.user)
        try:
            r = c.get("/admin/pegawai/pegawai/add/", {"unit": "x"})
            print(p.nama, r.status_code)
        except Exception as e:
            print(p.nama, "EXC", e)
