"""Feedback fixtures: the unit tree of tests/accounts, a fresh media folder, an empty cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from loa.feedback.choices import Kind, Topic
from loa.feedback.models import Feedback
from loa.feedback.services import FeedbackInput, submit_feedback
from loa.units.models import Unit
from tests.accounts.conftest import Tree, tree  # noqa: F401  (the fixture, reused as is)
from tests.evidence import PDF_BYTES, png_bytes

PHONE = "0912 345 678"
EMAIL = "nguyen.van.dan@example.vn"
NAME = "Nguyễn Văn Dân"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """The rate limit counts in the cache: each test starts with no submissions counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf(name: str = "don.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def citizen_input(**fields: Any) -> FeedbackInput:
    values: dict[str, Any] = {
        "topic": Topic.PROCEDURE,
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "content": "Hồ sơ đăng ký khai sinh nộp từ lâu chưa được trả kết quả.",
        "kind": Kind.FEEDBACK,
    }
    values.update(fields)
    return FeedbackInput(**values)


def submitted(unit: Unit, **fields: Any) -> Feedback:
    return submit_feedback(unit, citizen_input(**fields), client="203.0.113.9")
