"""The live year: plans issued through the services and a year of activities that follow the rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db.models import F

from loa.accounts.choices import Role
from loa.accounts.models import Membership, User
from loa.activities.models import Activity
from loa.audit.models import ChangeLogEntry, Verb
from loa.demo.live import DEMO_COMMUNE_CODE, DEMO_PASSWORD, LiveSummary, build_live_year
from loa.plans.choices import OccurrenceStatus, PlanStatus
from loa.plans.models import Occurrence, Plan, Task
from loa.tracking.fulfilment import Evidence, Requirement, assess
from loa.units.models import Unit
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_units")]

YEAR = 2026
MID_YEAR = dt.date(YEAR, 6, 15)
YEAR_END = dt.date(YEAR, 12, 31)
PROVINCE = "33"


@pytest.fixture
def admin() -> User:
    return UserFactory(username="demo.quantri", is_superuser=True)


def build(
    admin: User, *, today: dt.date = MID_YEAR, communes: int = 5, commune_codes: list[str] | None = None
) -> LiveSummary:
    return build_live_year(
        year=YEAR, today=today, communes=communes, commune_codes=commune_codes, actor=admin
    )


def activities_by_unit() -> Counter[str]:
    return Counter(Activity.objects.filter(happened_on__year=YEAR).values_list("unit__code", flat=True))


def fingerprint() -> list[tuple[object, ...]]:
    """Everything generated, as sorted tuples without database ids or timestamps."""
    rows: list[tuple[object, ...]] = []
    rows += Plan.objects.filter(year=YEAR).values_list(
        "unit__code", "number", "issue_date", "title", "signer_name", "status"
    )
    rows += Task.objects.filter(plan__year=YEAR).values_list(
        "plan__unit__code", "title", "timing_text", "lead_text", "estimated_cost"
    )
    rows += Occurrence.objects.filter(task__plan__year=YEAR).values_list(
        "task__plan__unit__code", "task__title", "period_start", "status", "fulfilled_on"
    )
    rows += Activity.objects.filter(happened_on__year=YEAR).values_list(
        "unit__code", "happened_on", "channel", "title", "quantity", "measure", "cost",
        "occurrence__task__title", "occurrence__period_start",
    )  # fmt: skip
    return sorted(rows, key=str)


def test_mid_year_plans_are_issued_and_tracked_up_to_today(admin: User) -> None:
    # when
    summary = build(admin, communes=3)
    # then one issued plan for the province and for each commune, demo.xa's among them
    plans = list(Plan.objects.filter(year=YEAR).select_related("unit"))
    assert summary.created is True
    assert summary.plans == len(plans) == 4
    units = {plan.unit.code: plan.unit for plan in plans}
    assert PROVINCE in units
    assert DEMO_COMMUNE_CODE in units
    assert all(u.parent is not None and u.parent.code == PROVINCE for c, u in units.items() if c != PROVINCE)
    for plan in plans:
        assert plan.status == PlanStatus.ISSUED
        assert plan.number is not None
        assert plan.issue_date is not None
        assert dt.date(YEAR, 1, 1) <= plan.issue_date <= dt.date(YEAR, 2, 15)
        tasks = plan.tasks.count()
        assert 14 <= tasks <= 16 if plan.unit.code == PROVINCE else 12 <= tasks <= 20
    # and every activity falls between 1 January and today, linked only to its own unit's tasks
    activities = Activity.objects.filter(unit__code__in=units)
    assert activities.count() == summary.activities
    assert activities.filter(happened_on__lt=dt.date(YEAR, 1, 1)).count() == 0
    assert activities.filter(happened_on__gt=MID_YEAR).count() == 0
    assert summary.last_activity == max(activities.values_list("happened_on", flat=True))
    assert activities.exclude(occurrence=None).exclude(occurrence__task__plan__unit=F("unit")).count() == 0
    assert activities.filter(occurrence=None).exists()
    assert activities.filter(created_by=admin).count() == summary.activities
    # and half a year of a commune's work is in proportion to 150–400 activities a year
    for code, count in activities_by_unit().items():
        assert 60 <= count <= 200, (code, count)
    # and mid-year shows every status
    statuses = Counter(Occurrence.objects.filter(task__plan__year=YEAR).values_list("status", flat=True))
    assert statuses == {
        OccurrenceStatus.DONE: summary.done,
        OccurrenceStatus.LATE: summary.late,
        OccurrenceStatus.MISSED: summary.missed,
        OccurrenceStatus.PENDING: summary.pending,
    }
    assert min(summary.done, summary.late, summary.missed, summary.pending) > 0
    # and one change-log row per unit sums up its generated activities
    for code, count in activities_by_unit().items():
        entries = ChangeLogEntry.objects.filter(unit=units[code], verb=Verb.ACTIVITY_LOGGED)
        assert list(entries.values_list("summary", flat=True)) == [f"Dữ liệu mẫu: {count} hoạt động"]
    # and demo.xa's commune is live, so no extra commune login was made
    assert summary.login is None
    assert not User.objects.filter(username="demo.phuong").exists()


def test_every_status_is_what_the_linked_activities_earn(admin: User) -> None:
    # given the province and demo.xa's commune
    build(admin, communes=1)
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for occurrence_id, on, quantity, measure in Activity.objects.exclude(occurrence=None).values_list(
        "occurrence_id", "happened_on", "quantity", "measure"
    ):
        evidence[occurrence_id].append(Evidence(on, quantity, measure))
    occurrences = Occurrence.objects.filter(task__plan__year=YEAR).select_related("task")
    quota_checked = 0
    for occurrence in occurrences:
        task = occurrence.task
        requirement = Requirement.of(
            count=task.count_per_period, measure=task.quota_measure, minimum=task.quota_minimum
        )
        # then the stored status is the one the rule gives on that day
        outcome = assess(requirement, evidence[occurrence.pk], due=occurrence.due_date, today=MID_YEAR)
        assert (outcome.status.value, outcome.fulfilled_on) == (occurrence.status, occurrence.fulfilled_on)
        if occurrence.status in (OccurrenceStatus.DONE, OccurrenceStatus.LATE):
            # and a met period holds enough activities and enough of the quota's measure
            linked = evidence[occurrence.pk]
            assert len(linked) >= (task.count_per_period or 1)
            if task.quota_minimum:
                achieved = sum((e.quantity for e in linked if e.measure == task.quota_measure), Decimal(0))
                assert achieved >= task.quota_minimum
                quota_checked += 1
        if occurrence.status == OccurrenceStatus.DONE:
            assert occurrence.fulfilled_on is not None
            assert occurrence.fulfilled_on <= occurrence.due_date
        if occurrence.status == OccurrenceStatus.LATE:
            assert occurrence.fulfilled_on is not None
            assert occurrence.due_date < occurrence.fulfilled_on <= MID_YEAR
    assert quota_checked > 10, "radio minutes and article quotas were met somewhere"


def test_a_full_year_has_realistic_volume_and_one_lagging_commune(admin: User) -> None:
    # when
    summary = build(admin, today=YEAR_END)
    # then five communes and the province, each with a year of work
    counts = activities_by_unit()
    assert summary.plans == 6
    assert len(counts) == 6
    for code, count in counts.items():
        assert 140 <= count <= 400, (code, count)
    assert Activity.objects.filter(happened_on__gt=YEAR_END).count() == 0
    # and costs are in đồng: nothing for radio, real money for leaflets and conferences
    assert not Activity.objects.filter(channel="radio", cost__gt=0).exists()
    leaflets = Activity.objects.filter(channel="leaflet")
    assert all(500 * a.quantity - 1000 <= a.cost <= 1500 * a.quantity + 1000 for a in leaflets)
    conferences = Activity.objects.filter(channel="conference").values_list("cost", flat=True)
    assert conferences
    assert all(2_000_000 <= cost <= 10_000_000 for cost in conferences)
    # and one commune is clearly behind the others
    rates = {}
    for plan in Plan.objects.filter(year=YEAR).exclude(unit__code=PROVINCE):
        closed = Occurrence.objects.filter(task__plan=plan, due_date__lt=YEAR_END)
        met = closed.filter(status__in=[OccurrenceStatus.DONE, OccurrenceStatus.LATE]).count()
        rates[plan.unit.code] = met / closed.count()
    lowest, second = sorted(rates.values())[:2]
    assert lowest < 0.65, rates
    assert second - lowest >= 0.2, rates
    assert rates[DEMO_COMMUNE_CODE] >= 0.75


def test_same_seed_gives_the_same_year_and_a_second_call_changes_nothing(admin: User) -> None:
    # given a live year
    first = build(admin, communes=1)
    before = fingerprint()
    # when it is built again
    again = build(admin, communes=1)
    # then nothing was added
    assert again.created is False
    assert fingerprint() == before
    assert (again.plans, again.tasks, again.occurrences, again.activities) == (
        first.plans, first.tasks, first.occurrences, first.activities,
    )  # fmt: skip
    assert (again.done, again.late, again.missed, again.pending) == (
        first.done, first.late, first.missed, first.pending,
    )  # fmt: skip
    # when the year is removed and generated afresh with the same seed
    Activity.objects.filter(happened_on__year=YEAR).delete()
    Plan.objects.filter(year=YEAR).delete()
    rebuilt = build(admin, communes=1)
    # then it is the same data
    assert rebuilt.created is True
    assert fingerprint() == before


def test_a_commune_login_is_made_when_demo_xa_commune_is_not_live(admin: User) -> None:
    # given two communes of Hưng Yên other than demo.xa's
    codes = list(
        Unit.objects.filter(parent__code=PROVINCE, parent__era="2025")
        .exclude(code=DEMO_COMMUNE_CODE)
        .order_by("code")
        .values_list("code", flat=True)[:2]
    )
    # when
    summary = build(admin, commune_codes=codes[::-1])
    # then demo.phuong edits the first of them, with the demo password
    user = User.objects.get(username="demo.phuong")
    assert user.check_password(DEMO_PASSWORD)
    assert list(Membership.objects.filter(user=user).values_list("unit__code", "role")) == [
        (codes[0], Role.EDITOR)
    ]
    assert summary.login is not None
    assert summary.login[0] == "demo.phuong"
    # and a second call keeps the one login
    build(admin, commune_codes=codes)
    assert Membership.objects.filter(user=user).count() == 1


def test_today_before_the_plan_year_is_refused(admin: User) -> None:
    with pytest.raises(ValueError, match="before the plan year"):
        build(admin, today=dt.date(YEAR - 1, 12, 31))
    assert not Plan.objects.filter(year=YEAR).exists()
