"""Signing in through the real login form, for tests that start from a signed-in page."""

from __future__ import annotations

from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer


def sign_in(page: Page, live_server: LiveServer, username: str, password: str) -> None:
    """Fill the form at /dang-nhap/ and wait until the home page has loaded."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập", exact=True).fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(f"{live_server.url}/")
