"""Downloads behind nginx (LOA_X_ACCEL_REDIRECT): the same headers, the file left to nginx.

These run in the ordinary suite (no deployment needed); test_through_nginx.py checks the
same thing end to end through a real nginx.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404
from django.test import Client
from django.urls import reverse

from loa.accounts.choices import Role
from loa.activities.models import Attachment
from loa.web.downloads import file_download
from tests.activities import log, member_of
from tests.evidence import png_bytes
from tests.units.factories import UnitFactory

SANDBOX = "default-src 'none'; img-src 'self'; sandbox"
SAME_HEADERS = ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Content-Security-Policy")


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored(media_root: Path, name: str, content: bytes) -> Any:
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return Attachment(file=name).file


def download(**options: Any) -> Any:
    defaults: dict[str, Any] = {"filename": "Kế hoạch số 1.docx", "content_type": "application/pdf"}
    return file_download(options.pop("stored"), **(defaults | options))


@pytest.mark.parametrize("as_attachment", [True, False], ids=["attachment", "inline"])
def test_nginx_gets_the_path_and_the_browser_the_same_headers(
    settings: Any, media_root: Path, as_attachment: bool
) -> None:
    file = stored(media_root, "evidence/2026/03/3f2a.pdf", b"%PDF-1.4 minimal")
    options = {
        "stored": file,
        "as_attachment": as_attachment,
        "headers": {"Content-Security-Policy": SANDBOX},
    }
    # given: Django sends the file itself
    settings.LOA_X_ACCEL_REDIRECT = False
    direct = download(**options)
    # when: nginx is to send it
    settings.LOA_X_ACCEL_REDIRECT = True
    handed_over = download(**options)
    # then
    assert isinstance(direct, FileResponse)
    assert b"".join(direct.streaming_content) == b"%PDF-1.4 minimal"
    assert not isinstance(handed_over, FileResponse)
    assert handed_over.content == b""
    assert handed_over["X-Accel-Redirect"] == "/protected-media/evidence/2026/03/3f2a.pdf"
    assert "X-Accel-Redirect" not in direct
    assert {h: handed_over[h] for h in SAME_HEADERS} == {h: direct[h] for h in SAME_HEADERS}
    assert handed_over["Content-Disposition"].startswith("attachment" if as_attachment else "inline")
    assert "filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch" in handed_over["Content-Disposition"]


@pytest.mark.parametrize("name", ["../secret.txt", "/etc/passwd", "evidence/../../x", ""])
def test_a_name_outside_media_root_is_never_handed_to_nginx(settings: Any, name: str) -> None:
    settings.LOA_X_ACCEL_REDIRECT = True

    with pytest.raises(Http404):
        download(stored=Attachment(file=name).file)


@pytest.mark.django_db
def test_the_evidence_view_still_checks_permission_before_handing_over(settings: Any) -> None:
    settings.LOA_X_ACCEL_REDIRECT = True
    unit, other = UnitFactory(), UnitFactory()
    editor, stranger = member_of(unit, Role.EDITOR), member_of(other, Role.EDITOR)
    photo = SimpleUploadedFile("ảnh hội nghị.png", png_bytes(), content_type="image/png")
    activity = log(unit, dt.date(2026, 3, 2), editor, files=[photo])
    attachment = activity.attachments.get()
    url = reverse("activities:attachment", args=[attachment.pk])
    own, theirs = Client(), Client()
    own.force_login(editor)
    theirs.force_login(stranger)

    response = own.get(url)
    refused = theirs.get(url)

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == SANDBOX
    assert response["Cache-Control"] == "private, max-age=0"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
