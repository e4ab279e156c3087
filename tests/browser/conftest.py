"""Playwright fixtures: Debian's Chromium, launched by path, one fresh context per test.

Playwright cannot download its own browser here, so `make browser-deps` installs
Debian's `chromium` and the fixtures launch it by path (LOA_CHROMIUM overrides it).
Tests take pytest-django's `live_server`, which also serves the static files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

# Playwright's sync API runs an event loop in the test's thread, so Django's async-safety
# check would refuse every ORM call the test makes (factories, asserts) with
# SynchronousOnlyOperation. The test never touches the database from a coroutine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("LOA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOCALE = "vi-VN"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make browser-deps` "
            "(or point LOA_CHROMIUM at a Chromium executable).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open_page(context: BrowserContext) -> Page:
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop browser tab (1280×800, Vietnamese locale) in a fresh context."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=LOCALE)
    yield _open_page(context)
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized touch tab (390×844 at 2×, Vietnamese locale) in a fresh context."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale=LOCALE,
    )
    yield _open_page(context)
    context.close()
