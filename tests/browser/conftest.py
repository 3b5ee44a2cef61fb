"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against pytest-django's live server.

Request database fixtures BEFORE `peramban`/`halaman` in a test's signature: while Playwright
runs, Django's per-context connection would be a second one that outlives the test and blocks
dropping the PostgreSQL test database.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
HASIL = Path(__file__).resolve().parents[2] / "test-results"


def data_awal_migrasi() -> None:
    """Rows that data migrations write (the BerAKHLAK values, the performance settings and the
    curve rules, the complaint SLA rules and holidays) are wiped when an earlier transactional test flushes the database: write them
    again with the migration's own (idempotent) function."""
    from django.apps import apps

    import_module("evaluasi.migrations.0002_seed").seed(apps, None)
    import_module("pengaduan.migrations.0002_seed").seed(apps, None)


@pytest.fixture
def peramban(monkeypatch, transactional_db):
    data_awal_migrasi()
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} tidak ada: CI wajib menjalankan uji peramban (.ci/run memasangnya)")
        pytest.skip(f"{CHROMIUM} tidak ada: pasang paket Debian chromium untuk uji peramban")
    # Playwright's sync API runs an asyncio loop in this thread; Django's ORM (fixtures, asserts)
    # would refuse to run next to it. Scoped to this test only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import expect, sync_playwright

    # `expect` waits 5 s by default: too short for a 2-core CI machine running tests in parallel.
    expect.set_options(timeout=15_000)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
            # Close any connection opened while Playwright's loop ran (see the module docstring).
            connections.close_all()


@pytest.fixture
def halaman(peramban, live_server):
    """A desktop-sized page whose relative URLs go to the live server."""
    konteks = peramban.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="id-ID")
    konteks.set_default_timeout(15_000)
    page = konteks.new_page()
    try:
        yield page
    finally:
        konteks.close()


@pytest.fixture
def folder_hasil():
    HASIL.mkdir(exist_ok=True)
    return HASIL
