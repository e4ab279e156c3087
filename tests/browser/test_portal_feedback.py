"""A citizen's feedback in the browser: sent on a phone, answered by staff, read in public.

Django labels end in the label suffix ":", hence the exact label texts below.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from loa.accounts.choices import Role
from loa.feedback.choices import Status
from loa.feedback.models import Feedback
from tests.accounts.factories import MembershipFactory
from tests.units.factories import UnitFactory

from .sign_in import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's password
PHONE = "0987 654 321"
EMAIL = "tran.thi.binh@example.vn"
NAME = "Trần Thị Bình"


def _assert_no_contact(html: str) -> None:
    for secret in (PHONE, EMAIL, NAME):
        assert secret not in html


def test_citizen_feedback_on_a_phone_is_answered_and_published_without_contact_details(
    phone_page: Page, browser: Browser, live_server: LiveServer
) -> None:
    # given
    cache.clear()
    commune = UnitFactory(name="Xã Hòa Bình")
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    page = phone_page
    # when: the citizen sends a feedback from the unit's public page
    page.goto(f"{live_server.url}/cong-khai/don-vi/{commune.pk}/")
    page.get_by_role("link", name="Phản ánh, kiến nghị", exact=True).click()
    expect(page.get_by_role("heading", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    page.get_by_label("Lĩnh vực:", exact=True).select_option(label="Thủ tục hành chính")
    page.get_by_label("Họ và tên:", exact=True).fill(NAME)
    page.get_by_label("Số điện thoại:", exact=True).fill(PHONE)
    page.get_by_label("Thư điện tử:", exact=True).fill(EMAIL)
    page.get_by_label("Nội dung:", exact=True).fill("Hồ sơ chứng thực nộp tuần trước chưa có kết quả.")
    page.get_by_role("button", name="Gửi phản ánh", exact=True).click()
    # then
    expect(page.get_by_role("heading", name="Đã tiếp nhận phản ánh")).to_be_visible()
    code = page.locator("[data-code]").inner_text().strip()
    feedback = Feedback.objects.get(code=code)
    assert (feedback.unit_id, feedback.phone, feedback.email) == (commune.pk, PHONE, EMAIL)
    # when
    page.get_by_role("link", name="Theo dõi phản ánh", exact=True).click()
    # then
    expect(page.get_by_role("heading", name=f"Theo dõi {code}")).to_be_visible()
    expect(page.get_by_text("Đã tiếp nhận", exact=True)).to_be_visible()

    # when: staff sign in, answer and publish
    staff_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    staff = staff_context.new_page()
    sign_in(staff, live_server, editor.username, PASSWORD)
    staff.goto(f"{live_server.url}/phan-anh/")
    staff.get_by_role("link", name=code, exact=True).click()
    expect(staff.get_by_text(PHONE)).to_be_visible()  # staff see the contact
    staff.get_by_label("Nội dung trả lời:", exact=True).fill("Bộ phận một cửa đã trả kết quả chứng thực.")
    staff.get_by_role("button", name="Lưu trả lời", exact=True).click()
    expect(staff.get_by_text("Đã lưu trả lời.")).to_be_visible()
    staff.get_by_label("Nội dung công khai:", exact=True).fill("Hồ sơ chứng thực chậm có kết quả.")
    staff.get_by_role("button", name="Công khai", exact=True).click()
    expect(staff.get_by_text("Đã công khai trả lời.")).to_be_visible()
    staff_context.close()
    assert Feedback.objects.get(pk=feedback.pk).status == Status.PUBLISHED

    # then: the tracking page and the unit's published list show the answer, no contact
    page.reload()
    expect(page.get_by_text("Bộ phận một cửa đã trả kết quả chứng thực.")).to_be_visible()
    expect(page.get_by_text("Đã công khai trả lời", exact=True)).to_be_visible()
    _assert_no_contact(page.content())
    page.goto(f"{live_server.url}/cong-khai/don-vi/{commune.pk}/phan-anh/")
    expect(page.get_by_text("Bộ phận một cửa đã trả kết quả chứng thực.")).to_be_visible()
    expect(page.get_by_text(re.compile("Hồ sơ chứng thực chậm có kết quả."))).to_be_visible()
    _assert_no_contact(page.content())
    # and the citizen rates the answer once
    page.goto(f"{live_server.url}/cong-khai/theo-doi/{code}/")
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Gửi đánh giá", exact=True).click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá.")).to_be_visible()
    assert Feedback.objects.get(pk=feedback.pk).rating == 4
