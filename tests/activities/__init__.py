"""Tests of the activity log, scheduling, dashboard figures and reminders.

The builders below go through the services, as a user would: a plan is created and
issued with `create_plan`/`issue_plan`, tasks are added with `add_task` (which parses
the timing text and schedules occurrences) and activities with `log_activity`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from loa.accounts.choices import Role
from loa.activities.models import Activity
from loa.activities.services import ActivityInput, log_activity
from loa.plans.models import Plan, Task
from loa.plans.services import PlanInput, TaskInput, add_task, create_plan, issue_plan
from loa.units.models import Unit
from tests.accounts.factories import MembershipFactory


def member_of(unit: Unit, role: Role = Role.EDITOR, **user: Any) -> Any:
    """A user holding `role` on `unit`."""
    user_fields = {f"user__{key}": value for key, value in user.items()}
    return MembershipFactory(unit=unit, role=role, **user_fields).user


def freeze_today(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Make `loa.activities.scheduling.today()` (timezone.localdate) return `day`."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def issued_plan(unit: Unit, actor: Any, *, year: int = 2024, issued: bool = True) -> Plan:
    plan = create_plan(
        unit, PlanInput(year=year, title=f"Kế hoạch tuyên truyền CCHC năm {year}"), actor=actor
    )
    if issued:
        plan = issue_plan(plan, issue_date=dt.date(year, 1, 5), actor=actor)
    return plan


def task_in(plan: Plan, timing: str, actor: Any, **fields: Any) -> Task:
    fields.setdefault("title", f"Tuyên truyền: {timing}")
    return add_task(plan, TaskInput(timing_text=timing, **fields), actor=actor)


def log(
    unit: Unit,
    on: dt.date,
    actor: Any,
    *,
    task: Task | None = None,
    channel: str = "radio",
    quantity: Decimal | int | str = 1,
    measure: str = "items",
    **fields: Any,
) -> Activity:
    fields.setdefault("title", f"Hoạt động ngày {on:%d/%m/%Y}")
    data = ActivityInput(
        happened_on=on, channel=channel, quantity=quantity, measure=measure, task=task, **fields
    )
    return log_activity(unit, data, actor=actor)


def statuses(task: Task) -> dict[str, str]:
    """Label → status of the task's occurrences, in period order."""
    return dict(task.occurrences.order_by("period_start").values_list("label", "status"))
