"""Signing in and what a commune editor can open, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from loa.accounts.choices import Role
from tests.accounts.factories import MembershipFactory
from tests.plans.factories import PlanFactory
from tests.units.factories import UnitFactory

from .sign_in import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's password


def test_signing_in_lands_on_home_page_showing_the_users_unit(page: Page, live_server: LiveServer) -> None:
    # given
    membership = MembershipFactory(unit=UnitFactory(name="Xã Hòa Bình"), role=Role.EDITOR)
    # when
    sign_in(page, live_server, membership.user.username, PASSWORD)
    # then
    expect(page.get_by_role("heading", name="Đơn vị của tôi")).to_be_visible()
    expect(page.get_by_role("link", name="Xã Hòa Bình")).to_be_visible()


def test_wrong_password_shows_the_error_and_stays_on_the_login_page(
    page: Page, live_server: LiveServer
) -> None:
    # given
    membership = MembershipFactory()
    page.goto(f"{live_server.url}/dang-nhap/")
    # when
    page.get_by_label("Tên đăng nhập", exact=True).fill(membership.user.username)
    page.get_by_label("Mật khẩu", exact=True).fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    # then
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    assert page.url == f"{live_server.url}/dang-nhap/"


def test_commune_editor_opens_own_plan_but_gets_404_for_another_communes(
    page: Page, live_server: LiveServer
) -> None:
    # given
    commune = UnitFactory()
    other_commune = UnitFactory(parent=commune.parent)
    own_plan = PlanFactory(unit=commune, title="Kế hoạch tuyên truyền của xã nhà")
    other_plan = PlanFactory(unit=other_commune, title="Kế hoạch của xã bên cạnh")
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    sign_in(page, live_server, editor.username, PASSWORD)
    # when
    denied = page.goto(f"{live_server.url}/ke-hoach/{other_plan.pk}/")
    # then
    assert denied is not None
    assert denied.status == 404
    expect(page.get_by_text(other_plan.title)).to_have_count(0)
    # when
    opened = page.goto(f"{live_server.url}/ke-hoach/{own_plan.pk}/")
    # then
    assert opened is not None
    assert opened.status == 200
    expect(page.get_by_text(own_plan.title, exact=True)).to_be_visible()


def test_pages_are_in_vietnamese_with_their_stylesheet(page: Page, live_server: LiveServer) -> None:
    # when
    response = page.goto(f"{live_server.url}/dang-nhap/")
    stylesheet = page.request.get(f"{live_server.url}/static/web/loa.css")
    # then
    assert response is not None
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert stylesheet.status == 200
    assert "text/css" in stylesheet.headers["content-type"]


def test_login_form_works_on_a_phone(phone_page: Page, live_server: LiveServer) -> None:
    # given
    membership = MembershipFactory(unit=UnitFactory(name="Phường Bến Thành"))
    # when
    sign_in(phone_page, live_server, membership.user.username, PASSWORD)
    # then
    expect(phone_page.get_by_role("link", name="Phường Bến Thành")).to_be_visible()
