"""Loa as deployed: a browser through nginx, gunicorn, the background worker and PostgreSQL.

`make prod-local-test` starts the deployment with the demo data (scripts/prod-local.sh),
runs this module with LOA_PROD_LOCAL_URL set to it and stops it afterwards. Nothing here
touches Django or the database directly: everything goes over HTTP, as a user's would.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.prod_local

# loa.demo: the unit admin of Tỉnh Hưng Yên, whose quarterly roll-up report is a draft.
USERNAME, PASSWORD = "demo.tinh", "loa-demo-2026"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BUILD_TIMEOUT_MS = 60_000  # the worker polls every second; a .docx takes a second or two


def sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập", exact=True).fill(USERNAME)
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(f"{url}/")


def docx_text(data: bytes) -> str:
    """Every paragraph of the body and of its tables, whitespace folded."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def stored_path(media: Path | None, name: str) -> str:
    """The file's path under MEDIA_ROOT (upload_to="documents/%Y/%m/")."""
    if media is None:
        return f"documents/{dt.date.today():%Y/%m}/{name}"
    found = sorted(media.glob(f"documents/*/*/{name}"))
    assert found, f"{name} is not under {media}/documents/"
    return found[-1].relative_to(media).as_posix()


def test_a_report_built_by_the_worker_downloads_through_nginx_and_only_through_loa(
    prod_local_url: str, prod_local_media: Path | None, page: Page
) -> None:
    url = prod_local_url
    stamp = f"Kiểm thử qua nginx {uuid.uuid4().hex[:8]}"
    # given: the province's admin, signed in through nginx, on its draft roll-up report
    sign_in(page, url)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Báo cáo", exact=True
    ).click()
    draft = page.get_by_role("row").filter(has_text="tổng hợp").filter(has_text="Dự thảo").first
    label = draft.get_by_role("link").first.inner_text()
    draft.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=f"Báo cáo {label}")).to_be_visible()
    # when: a proposal written and saved (a new version: no earlier file of it exists)
    page.get_by_label("V. ĐỀ XUẤT, KIẾN NGHỊ:", exact=True).fill(stamp)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    # and "Tải .DOCX"
    page.get_by_role("button", name="Tải .DOCX", exact=True).click()
    # then: the build waits for the background worker, which makes the file
    expect(page.locator("[id^=build-slot-report-] progress")).to_be_visible()
    link = page.get_by_role("link", name=re.compile(r"^Tải về \S+\.docx$"))
    expect(link).to_be_visible(timeout=BUILD_TIMEOUT_MS)
    # when: downloaded in the browser
    with page.expect_download() as info:
        link.click()
    download = info.value
    # then: a real .docx of the report as saved
    assert download.failure() is None
    name = download.suggested_filename
    assert name.endswith(".docx")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"PK\x03\x04")
    text = docx_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert f"cải cách hành chính {label}" in text
    assert stamp in text  # this very version, built just now
    # and nginx sent it (X-Accel-Redirect) with the headers Loa chose, and no redirect leaks
    href = link.get_attribute("href")
    assert href is not None
    response = page.request.get(f"{url}{href}")
    assert response.status == 200
    headers = response.headers
    assert headers["server"] == "nginx"
    assert headers["content-type"] == DOCX
    assert headers["content-disposition"] == f'attachment; filename="{name}"'
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]
    assert "etag" in headers  # nginx's static module; Django's streamed file has none
    assert "x-accel-redirect" not in headers
    assert response.body() == data
    # and the stored file has no address of its own, even for a signed-in user
    path = stored_path(prod_local_media, name)
    for prefix in ("/protected-media/", "/media/"):
        direct = page.request.get(f"{url}{prefix}{path}")
        assert direct.status == 404, prefix
        assert direct.body() != data


def test_pages_keep_loas_security_headers_and_nginx_serves_the_hashed_static_files(
    prod_local_url: str, page: Page
) -> None:
    url = prod_local_url
    # when
    response = page.goto(f"{url}/dang-nhap/")
    # then: Django's headers pass through nginx untouched
    assert response is not None
    assert response.status == 200
    headers = response.headers
    assert headers["server"] == "nginx"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    # and the stylesheets are collectstatic's hashed names, cached for a year by nginx
    hrefs = page.locator("link[rel=stylesheet]").evaluate_all(
        "links => links.map(l => l.getAttribute('href'))"
    )
    hashed = [href for href in hrefs if re.search(r"^/static/.+\.[0-9a-f]{12}\.css$", href)]
    assert hashed, hrefs
    static = page.request.get(f"{url}{hashed[0]}")
    assert static.status == 200
    assert static.headers["content-type"] == "text/css"
    assert static.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert static.headers["x-content-type-options"] == "nosniff"
    assert "x-frame-options" not in static.headers  # not Django's answer: nginx's
    # and the health endpoint answers through nginx
    health = page.request.get(f"{url}/suc-khoe/")
    assert health.status == 200
    assert health.json()["status"] == "ok"
