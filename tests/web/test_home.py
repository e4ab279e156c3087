"""The home page puts what can still be done on time first, then the overdue periods."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from loa.accounts.choices import Role
from tests.activities import freeze_today, issued_plan, log, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_due_soon_comes_first_and_overdue_is_newest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, dt.date(2024, 4, 26))
    commune = UnitFactory(level="commune")
    editor = member_of(commune, Role.EDITOR)
    plan = issued_plan(commune, editor)
    monthly = task_in(plan, "Hằng tháng", editor, title="Chuyên mục CCHC trên Đài truyền thanh")
    task_in(plan, "Quý IV/2024", editor, title="Hội nghị đối thoại")  # not due for months
    log(commune, dt.date(2024, 2, 10), editor, task=monthly)  # February is met
    client = Client()
    client.force_login(editor)

    context = client.get("/").context

    assert [o.label for o in context["due_soon"]] == ["Tháng 04/2024"]
    assert [o.label for o in context["overdue"]] == ["Tháng 03/2024", "Tháng 01/2024"]
    page = client.get("/").content.decode()
    assert page.index("Tháng 04/2024") < page.index("Tháng 03/2024") < page.index("Tháng 01/2024")
    assert "Hội nghị đối thoại" not in page
