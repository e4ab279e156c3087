"""The prod-local browser test: Debian's Chromium (the browser tests' fixtures) against the
deployment `make prod-local-test` starts, whose address comes in LOA_PROD_LOCAL_URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import browser, page  # noqa: F401  (the shared Chromium fixtures)


@pytest.fixture(scope="session")
def prod_local_url() -> str:
    url = os.environ.get("LOA_PROD_LOCAL_URL", "").rstrip("/")
    if not url:
        pytest.fail(
            "LOA_PROD_LOCAL_URL is not set: this test drives a running prod-local deployment. "
            "Run `make prod-local-test`, which starts one, runs it and stops it.",
            pytrace=False,
        )
    return url


@pytest.fixture(scope="session")
def prod_local_media() -> Path | None:
    """The deployment's MEDIA_ROOT when the Makefile says where it is, to check files exist."""
    media = os.environ.get("LOA_PROD_LOCAL_MEDIA", "")
    return Path(media) if media else None
