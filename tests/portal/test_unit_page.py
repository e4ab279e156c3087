"""The citizens' page of a unit: only what the unit publishes, no sign-in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loa.accounts.choices import Role
from loa.portal.models import ContactPoint
from loa.units.choices import Era, Level
from tests.activities import freeze_today, issued_plan, log, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(monkeypatch: pytest.MonkeyPatch) -> object:
    freeze_today(monkeypatch, dt.date(2024, 5, 20))
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT, name="Tỉnh Thử Nghiệm")
    return UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province, name="Xã Hòa Phú")


def test_a_citizen_sees_issued_plans_the_calendar_radio_archive_and_public_contacts(commune) -> None:
    editor = member_of(commune, Role.EDITOR)
    plan = issued_plan(commune, editor)
    radio = task_in(
        plan, "Hằng tháng", editor, title="Chuyên mục CCHC trên Đài truyền thanh xã", channel="radio"
    )
    log(commune, dt.date(2024, 5, 3), editor, task=radio, channel="radio", quantity=15, measure="minutes",
        title="Chuyên mục tháng 5: thủ tục đăng ký khai sinh")  # fmt: skip
    draft = issued_plan(commune, editor, year=2025, issued=False)
    ContactPoint.objects.create(unit=commune, kind="hotline", label="Đường dây nóng", value="0987 654 321")
    ContactPoint.objects.create(unit=commune, kind="phone", label="Số nội bộ", value="0123 999", public=False)

    page = Client().get(f"/cong-khai/don-vi/{commune.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert plan.title in html
    assert draft.title not in html  # a draft is not published
    assert "Chuyên mục tháng 5: thủ tục đăng ký khai sinh" in html
    assert "Tháng 05/2024" in html  # the month's period in the calendar
    assert 'href="tel:0987654321"' in html
    assert "0123 999" not in html
    assert 'lang="vi"' in html


def test_another_units_activities_and_plans_never_show(commune) -> None:
    neighbour = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=commune.parent, name="Xã Bên Cạnh")
    editor = member_of(neighbour, Role.EDITOR)
    plan = issued_plan(neighbour, editor)
    log(neighbour, dt.date(2024, 5, 3), editor, channel="radio", title="Phát thanh xã bên cạnh")

    html = Client().get(f"/cong-khai/don-vi/{commune.pk}/").content.decode()

    assert plan.title not in html
    assert "Phát thanh xã bên cạnh" not in html


def test_the_unit_page_costs_the_same_queries_with_more_plans_and_activities(commune) -> None:
    editor = member_of(commune, Role.EDITOR)
    client = Client()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/cong-khai/don-vi/{commune.pk}/").status_code == 200
        return len(captured)

    plan = issued_plan(commune, editor, year=2023)
    task_in(plan, "Hằng tháng", editor)
    few = queries()
    for year in (2024, 2025):
        more = issued_plan(commune, editor, year=year)
        for n in range(3):
            task = task_in(more, "Hằng tháng", editor, title=f"Nhiệm vụ {n}")
            log(
                commune, dt.date(2024, 5, 1 + n), editor, task=task if year == 2024 else None, channel="radio"
            )
    assert queries() == few


def test_finding_ones_commune_without_diacritics(commune) -> None:
    page = Client().get("/cong-khai/", {"q": "hoa phu"})

    assert page.status_code == 200
    assert f"/cong-khai/don-vi/{commune.pk}/" in page.content.decode()
