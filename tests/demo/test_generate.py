"""`loa generate`: bulk benchmark data on the real 2025 units, following the same rules as the services.

The small scale is generated once for the module (committed, removed at the end); each
test reads it in its own rolled-back transaction, and the tests that run the command
again do so inside theirs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Max, QuerySet, Sum
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from loa.accounts.choices import Role
from loa.accounts.models import Membership, User
from loa.accounts.queries import units_visible_to
from loa.activities.models import Activity, ActivityTally, OccurrenceTally
from loa.activities.scheduling import occurrence_on, reassess
from loa.activities.tallies import stale_tallies
from loa.audit.models import ChangeLogEntry
from loa.demo.scale import (
    GENERATOR_USERNAME,
    NATIONAL_VIEWER,
    delete_generated,
    generated_plans,
    username_for,
)
from loa.plans.choices import OccurrenceStatus, PlanStatus
from loa.plans.models import Occurrence, Plan, Task
from loa.plans.services import _apply_timing
from loa.tracking.schedule import periods_for
from loa.units.choices import Level
from loa.units.models import Agency, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_units", "generated")]

TODAY = dt.date(2026, 11, 22)
PAST, CURRENT = 2025, 2026
SHARE_OF_CURRENT = ((TODAY - dt.date(CURRENT, 1, 1)).days + 1) / 365
COMMUNE_YEAR = (900, 1100)
ARGS = ("--scale", "small", "--seed", "7", "--today", TODAY.isoformat())


def run(*extra: str) -> str:
    out = io.StringIO()
    call_command("generate", *ARGS, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def generated(real_units: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The small scale, committed once; its output is what the command printed."""
    with django_db_blocker.unblock():
        output = run()
    yield output
    with django_db_blocker.unblock(), transaction.atomic():
        unit_ids = list(generated_plans().values_list("unit_id", flat=True))
        delete_generated(log=lambda line: None)
        Agency.objects.filter(unit_id__in=unit_ids).delete()
        User.objects.filter(username=GENERATOR_USERNAME).delete()


def generated_units() -> list[Unit]:
    return list(Unit.objects.filter(plans__in=generated_plans()).distinct().order_by("code"))


def generated_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(created_by__username=GENERATOR_USERNAME)


def fingerprint() -> list[str]:
    """Every generated row as text, without database ids or timestamps, sorted."""
    plans = generated_plans()
    rows: list[tuple[object, ...]] = []
    rows += plans.values_list(
        "unit__code",
        "year",
        "number",
        "issue_date",
        "title",
        "signer_name",
        "status",
        "recipients",
        "channels",
    )
    rows += Task.objects.filter(plan__in=plans).values_list(
        "plan__unit__code", "plan__year", "position", "title", "timing_text", "end_timing_text",
        "recurrence", "start", "end", "count_per_period", "quota_measure", "quota_minimum", "lead_text",
        "lead_agency__name", "cooperating_text", "estimated_cost", "timing_flags",
    )  # fmt: skip
    rows += Occurrence.objects.filter(task__plan__in=plans).values_list(
        "task__plan__unit__code", "task__plan__year", "task__position", "period_start", "period_end",
        "due_date", "label", "status", "fulfilled_on",
    )  # fmt: skip
    rows += generated_activities().values_list(
        "unit__code", "happened_on", "channel", "title", "quantity", "measure", "cost",
        "occurrence__task__position", "occurrence__period_start",
    )  # fmt: skip
    rows += Membership.objects.filter(user__username__startswith="gen.").values_list(
        "user__username", "user__full_name", "unit__code", "role"
    )
    rows += ChangeLogEntry.objects.filter(actor__username=GENERATOR_USERNAME).values_list(
        "unit__code", "verb", "summary"
    )
    return sorted(map(str, rows))


def table_state() -> dict[str, tuple[int, int | None]]:
    """Row count and highest id of every table the command writes."""
    models = (Plan, Task, Occurrence, Activity, User, Membership, Agency, ChangeLogEntry, ActivityTally)
    state = {
        model.__name__: (model.objects.count(), model.objects.aggregate(m=Max("pk"))["m"]) for model in models
    }
    state["OccurrenceTally"] = (
        OccurrenceTally.objects.count(),
        OccurrenceTally.objects.aggregate(m=Max("pk"))["m"],
    )
    return state


def test_each_unit_has_two_issued_plans_of_20_to_40_tasks_and_a_year_of_activities() -> None:
    # given the small scale: two provinces, five communes each
    units = generated_units()
    provinces = [u for u in units if u.level == Level.PROVINCE]
    communes = [u for u in units if u.level == Level.COMMUNE]
    assert len(provinces) == 2
    assert len(communes) == 10
    assert all(c.parent_id in {p.pk for p in provinces} for c in communes)
    # then one issued plan per unit and year, numbered, issued in January or February
    plans = list(generated_plans())
    assert Counter((p.unit_id, p.year) for p in plans) == {
        (u.pk, y): 1 for u in units for y in (PAST, CURRENT)
    }
    for plan in plans:
        assert plan.status == PlanStatus.ISSUED
        assert plan.number is not None
        assert plan.issue_date is not None
        assert plan.issue_date.year == plan.year
        assert plan.issue_date.month in (1, 2)
    tasks = Counter(Task.objects.filter(plan__in=plans).values_list("plan_id", flat=True))
    assert all(20 <= tasks[plan.pk] <= 40 for plan in plans)
    # and about a thousand activities a commune-year, its share of them for the year so far
    per_unit_year = Counter(generated_activities().values_list("unit_id", "happened_on__year"))
    low, high = COMMUNE_YEAR
    for commune in communes:
        assert low <= per_unit_year[commune.pk, PAST] <= high
        assert low * SHARE_OF_CURRENT <= per_unit_year[commune.pk, CURRENT] <= high * SHARE_OF_CURRENT
    for province in provinces:
        assert per_unit_year[province.pk, PAST] > high
    assert generated_activities().filter(happened_on__gt=TODAY).count() == 0
    assert generated_activities().filter(happened_on__lt=dt.date(PAST, 1, 1)).count() == 0
    # with realistic channels, quantities and costs
    channels = Counter(generated_activities().values_list("channel", flat=True))
    assert channels.most_common(1)[0][0] == "radio"
    assert len(channels) >= 12
    assert generated_activities().filter(quantity__lte=0).count() == 0
    assert generated_activities().aggregate(spent=Sum("cost"))["spent"] > 0


def test_one_change_log_row_per_unit_year_counts_its_activities() -> None:
    entries = list(ChangeLogEntry.objects.filter(actor__username=GENERATOR_USERNAME))
    plans = {plan.pk: plan for plan in generated_plans()}
    assert Counter(entry.target_id for entry in entries) == dict.fromkeys(plans, 1)
    counts = Counter(generated_activities().values_list("unit_id", "happened_on__year"))
    for entry in entries:
        plan = plans[entry.target_id or 0]
        assert entry.unit_id == plan.unit_id
        assert entry.summary == f"Dữ liệu sinh tự động: {counts[plan.unit_id, plan.year]} hoạt động"


def test_the_dashboard_tallies_of_the_generated_units_are_counted() -> None:
    unit_ids = [unit.pk for unit in generated_units()]
    assert ActivityTally.objects.filter(unit_id__in=unit_ids).exists()
    assert stale_tallies(unit_ids) == []


def test_tasks_read_their_timing_and_schedule_as_the_plan_services_do() -> None:
    tasks = (
        Task.objects.filter(plan__in=generated_plans()).select_related("plan").prefetch_related("occurrences")
    )
    timings = {(t.recurrence, t.timing_text, t.end_timing_text) for t in tasks}
    assert {"weekly", "monthly", "quarterly", "semiannual", "continuous", "once"} <= {
        r for r, _, _ in timings
    }
    assert len(timings) >= 40
    for task in tasks:
        scratch = Task(plan=task.plan, timing_text=task.timing_text, end_timing_text=task.end_timing_text)
        _apply_timing(scratch, task.plan.year)
        fields = ("recurrence", "start", "end", "count_per_period", "quota_measure", "quota_minimum")
        assert [getattr(task, f) for f in (*fields, "quota_maximum", "timing_flags")] == [
            getattr(scratch, f) for f in (*fields, "quota_maximum", "timing_flags")
        ]
        expected = periods_for(task.recurrence or None, year=task.plan.year, start=task.start, end=task.end)
        assert [(o.period_start, o.period_end, o.due_date, o.label) for o in task.occurrences.all()] == [
            (p.start, p.end, p.due, p.label) for p in expected
        ]


def test_statuses_are_what_reassess_stores_and_evidence_is_linked_by_date() -> None:
    # given
    occurrences = Occurrence.objects.filter(task__plan__in=generated_plans())
    statuses = Counter(occurrences.values_list("status", flat=True))
    assert statuses[OccurrenceStatus.DONE] > statuses[OccurrenceStatus.MISSED] > 0
    assert statuses[OccurrenceStatus.LATE] > 0
    assert statuses[OccurrenceStatus.PENDING] > 0
    # when the services' own assessment runs over them
    changed = reassess(occurrences, on=TODAY)
    # then it finds nothing to change
    assert changed == 0
    # and every linked activity sits in the period holding its date (`occurrence_on`)
    by_task: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        by_task[occurrence.task_id].append(occurrence)
    linked = generated_activities().filter(occurrence__isnull=False).select_related("occurrence")
    assert linked.count() > 5000
    for activity in linked:
        assert activity.occurrence is not None
        expected = occurrence_on(by_task[activity.occurrence.task_id], activity.happened_on)
        assert expected is not None
        assert activity.occurrence_id == expected.pk


def test_same_seed_gives_the_same_rows_a_second_run_writes_nothing_and_replace_regenerates() -> None:
    # given
    before = fingerprint()
    state = table_state()
    # when the command runs again
    output = run()
    # then every unit-year is skipped, and not a row is written
    assert "bỏ qua 24 đơn vị-năm" in output
    assert table_state() == state
    # when it runs with --replace
    output = run("--replace")
    # then the old rows went and the same ones came back
    assert "Đã xóa dữ liệu sinh trước đó" in output
    assert fingerprint() == before
    assert generated_plans().count() == 24


def test_another_seed_gives_other_data() -> None:
    before = fingerprint()
    run("--replace", "--seed", "8")
    assert fingerprint() != before


def test_generated_users_sign_in_with_the_printed_password_and_see_only_their_unit(generated: str) -> None:
    # given
    password = re.search(r"Mật khẩu chung của mọi người dùng sinh ra: (\S+)", generated)
    assert password is not None
    commune = next(u for u in generated_units() if u.level == Level.COMMUNE)
    sibling = (
        Unit.objects.filter(parent_id=commune.parent_id, level=Level.COMMUNE).exclude(pk=commune.pk).first()
    )
    assert sibling is not None
    assert commune.parent is not None
    viewer = User.objects.get(username=username_for(commune, Role.VIEWER))
    editor = User.objects.get(username=username_for(commune, Role.EDITOR))
    # when the viewer signs in at the staff sign-in page with the printed password
    client = Client()
    response = client.post(reverse("web:login"), {"username": viewer.username, "password": password[1]})
    # then
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(viewer.pk)
    assert username_for(commune, Role.VIEWER) in generated
    # and each commune user sees their commune, not its neighbour nor its province
    for user in (viewer, editor):
        visible = set(units_visible_to(user).values_list("pk", flat=True))
        assert commune.pk in visible
        assert sibling.pk not in visible
        assert commune.parent.pk not in visible
    assert Membership.objects.get(user=editor, unit=commune).role == Role.EDITOR
    assert Membership.objects.get(user=viewer, unit=commune).role == Role.VIEWER
    # while the national viewer sees every province
    national = set(units_visible_to(User.objects.get(username=NATIONAL_VIEWER)).values_list("pk", flat=True))
    assert set(Unit.objects.filter(level=Level.PROVINCE).values_list("pk", flat=True)) <= national


def test_an_unknown_province_is_refused() -> None:
    with pytest.raises(CommandError, match="no 2025 province with code 99"):
        run("--province", "99")
