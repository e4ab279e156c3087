"""Every page carries the CSP and the other browser headers, and the pages keep to the CSP."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from loa.accounts.choices import Role
from loa.units.choices import Era, Level
from loa.web.security import CONTENT_SECURITY_POLICY
from tests.activities import freeze_today, issued_plan, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>\s*\S", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"=\s*[\"']\s*javascript:", re.I)


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> tuple[Client, list[str], list[str]]:
    """A signed-in editor of a commune with an issued plan, its staff and portal pages."""
    freeze_today(monkeypatch, dt.date(2024, 5, 20))
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    commune = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    editor = member_of(commune, Role.EDITOR)
    plan = issued_plan(commune, editor)
    task_in(plan, "Hằng tháng", editor, title="Chuyên mục CCHC trên Đài truyền thanh xã")
    client = Client()
    client.force_login(editor)
    staff = ["/", "/ke-hoach/", f"/ke-hoach/{plan.pk}/", "/hoat-dong/", "/bao-cao/", "/phan-anh/"]
    staff += [f"/don-vi/{commune.pk}/", f"/don-vi/{commune.pk}/tong-quan/"]
    portal = ["/cong-khai/", f"/cong-khai/don-vi/{commune.pk}/"]
    return client, staff, portal


def assert_hardened(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_staff_page_and_a_portal_page_carry_the_headers(pages: tuple[Client, list[str], list[str]]) -> None:
    client, staff, portal = pages

    staff_page = client.get(staff[0])
    portal_page = Client().get(portal[1])

    assert staff_page.status_code == portal_page.status_code == 200
    assert_hardened(staff_page)
    assert_hardened(portal_page)
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_the_sign_in_page_carries_the_headers(client: Client) -> None:
    response = client.get("/dang-nhap/", follow=True)

    assert response.status_code == 200
    assert_hardened(response)


def test_json_gets_no_csp_but_the_other_headers(client: Client) -> None:
    response = client.get("/suc-khoe/")

    assert "Content-Security-Policy" not in response.headers
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_main_pages_have_no_inline_script_style_or_event_handler(
    pages: tuple[Client, list[str], list[str]],
) -> None:
    client, staff, portal = pages
    anonymous = Client()

    for url, response in [(u, client.get(u)) for u in staff] + [(u, anonymous.get(u)) for u in portal]:
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not STYLE_ATTRIBUTE.search(html), url
        assert not STYLE_ELEMENT.search(html), url
        assert not EVENT_ATTRIBUTE.search(html), url
        assert not JAVASCRIPT_URL.search(html), url
        assert "includeIndicatorStyles" in html, url  # htmx must not inject its <style>
