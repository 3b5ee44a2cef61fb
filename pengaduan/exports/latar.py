"""The pengaduan exports that run in the background when large (unduhan app, imported at
start-up by UnduhanConfig): the complaint register of the dashboard (pengaduan.views.dasbor
decides when to queue; pengaduan.exports.aduan.register_latar reads the filter again as the
user is now)."""

from __future__ import annotations

from unduhan.registry import ekspor_daftar

from .aduan import PEMBACA, REGISTER, register_latar

ekspor_daftar(REGISTER, register_latar, judul="Register pengaduan", peran=PEMBACA)
