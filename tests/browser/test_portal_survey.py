"""A citizen answers a satisfaction survey on a phone, then sees the published index.

Two phones (two fresh browser contexts, so two device cookies) answer every question:
the first all "Rất hài lòng" (index 100 %), the second all "Rất không hài lòng" (50 %).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from loa.surveys.models import Response, Survey
from tests.surveys import open_survey_of
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "vi-VN"}


def _answer_all(page: Page, live_server: LiveServer, survey: Survey, label: str) -> None:
    page.goto(f"{live_server.url}/cong-khai/don-vi/{survey.unit_id}/khao-sat/")
    page.get_by_role("link", name=survey.title).click()
    questions = page.locator("fieldset.survey-question")
    expect(questions).to_have_count(11)
    for i in range(10):
        questions.nth(i).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_role("heading", name="Cảm ơn ông/bà đã góp ý")).to_be_visible()
    page.get_by_role("link", name="Xem kết quả khảo sát").click()


def test_citizens_answer_on_a_phone_and_see_the_index(
    phone_page: Page, browser: Browser, live_server: LiveServer
) -> None:
    # given: an open survey of a commune
    survey = open_survey_of(UnitFactory(name="Xã Hòa Bình"))
    # when: a first citizen answers everything "Rất hài lòng"
    _answer_all(phone_page, live_server, survey, "Rất hài lòng")
    # then
    expect(phone_page.locator("#chi-so-chung")).to_have_text(re.compile(r"^100[,.]00 %$"))
    expect(phone_page.locator("svg[role=img]")).to_be_visible()
    # and the same phone cannot answer twice
    phone_page.goto(f"{live_server.url}/cong-khai/don-vi/{survey.unit_id}/khao-sat/{survey.pk}/")
    expect(phone_page.get_by_role("alert")).to_contain_text("Mỗi người chỉ gửi một lần")

    # when: a second phone answers everything "Rất không hài lòng"
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    try:
        other = context.new_page()
        _answer_all(other, live_server, survey, "Rất không hài lòng")
        # then: half the answers are satisfied
        expect(other.locator("#chi-so-chung")).to_have_text(re.compile(r"^50[,.]00 %$"))
    finally:
        context.close()
    assert Response.objects.filter(survey=survey).count() == 2
