"""A citizen on a phone finds a procedure of their commune by typing without diacritics."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from loa.accounts.choices import Role
from loa.procedures.services import import_procedures
from tests.accounts.factories import MembershipFactory
from tests.procedures import CHUNG_THUC, KET_HON, KHAI_SINH, csv_file
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.browser


def test_citizen_finds_a_procedure_without_diacritics(phone_page: Page, live_server: LiveServer) -> None:
    # given: a commune that published its procedure list
    commune = UnitFactory(name="Xã Hòa Bình")
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    import_procedures(commune, csv_file([KHAI_SINH, KET_HON, CHUNG_THUC]), actor=editor)
    page = phone_page
    # when: a citizen opens the public list and types the name without diacritics
    page.goto(f"{live_server.url}/cong-khai/don-vi/{commune.pk}/thu-tuc/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thủ tục hành chính")
    page.get_by_label("Tên hoặc mã thủ tục (có thể gõ không dấu)").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    # then: the procedure shows, the others do not
    page.wait_for_url("**/thu-tuc/?q=dang+ky+khai+sinh*")
    expect(page.get_by_role("link", name="Đăng ký khai sinh", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Đăng ký kết hôn")).to_have_count(0)
    expect(page.get_by_text("Cập nhật danh mục ngày")).to_be_visible()
    # and its page tells what to bring and how long it takes
    page.get_by_role("link", name="Đăng ký khai sinh", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký khai sinh")
    expect(page.get_by_text("Ngay trong ngày tiếp nhận hồ sơ")).to_be_visible()
