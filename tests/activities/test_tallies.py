"""The dashboard tallies stay equal to a fresh count through every write the services make."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from loa.activities.models import Activity, ActivityTally, OccurrenceTally
from loa.activities.scheduling import mark_missed
from loa.activities.services import ActivityInput, delete_activity, log_activity, update_activity
from loa.activities.tallies import rebuild_tallies, stale_tallies
from loa.plans.services import delete_task, task_input_of, update_task
from loa.units.choices import Level
from tests.activities import freeze_today, issued_plan, log, member_of, task_in
from tests.units.factories import UnitFactory

D = dt.date
TODAY = D(2024, 6, 15)


def _tally(unit: Any, month: int, channel: str, measure: str) -> tuple[int, Decimal, Decimal] | None:
    row = ActivityTally.objects.filter(
        unit=unit, year=2024, month=month, channel=channel, measure=measure
    ).first()
    return None if row is None else (row.activities, row.quantity, row.cost)


@pytest.mark.django_db
def test_every_service_write_keeps_the_tallies_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, TODAY)
    province = UnitFactory(level=Level.PROVINCE)
    commune = UnitFactory(parent=province)
    actor = member_of(province)
    plan = issued_plan(commune, actor)
    monthly = task_in(plan, "Hằng tháng", actor, channel="radio")
    quarterly = task_in(plan, "Hằng quý", actor, channel="portal")
    assert stale_tallies() == []
    # Twelve monthly periods and four quarterly ones, all pending before any evidence.
    assert sum(OccurrenceTally.objects.filter(plan=plan).values_list("occurrences", flat=True)) == 16

    first = log(commune, D(2024, 1, 10), actor, task=monthly, quantity=15, measure="minutes", cost=100_000)
    log(commune, D(2024, 1, 20), actor, task=monthly, quantity=5, measure="minutes")
    log(commune, D(2024, 2, 3), actor, task=quarterly, channel="portal", quantity=2)
    log(commune, D(2024, 3, 1), actor, channel="social", quantity=1)
    assert _tally(commune, 1, "radio", "minutes") == (2, Decimal(20), Decimal(100_000))
    assert stale_tallies() == []

    # Moving an activity to another month, channel and measure moves it between tallies.
    update_activity(
        first,
        ActivityInput(
            happened_on=D(2024, 4, 2), channel="tv", title="Phóng sự", quantity=7, measure="items", cost=0
        ),
        actor=actor,
    )
    assert _tally(commune, 1, "radio", "minutes") == (1, Decimal(5), Decimal(0))
    assert _tally(commune, 4, "tv", "items") == (1, Decimal(7), Decimal(0))
    assert stale_tallies() == []

    delete_activity(Activity.objects.get(channel="social"), actor=actor)
    assert _tally(commune, 3, "social", "items") is None
    assert stale_tallies() == []

    # A new schedule (weekly instead of monthly) and a deleted task reach the occurrence tallies.
    data = task_input_of(monthly, 2024)
    data.timing_text = "Hằng tuần"
    update_task(monthly, data, actor=actor)
    assert stale_tallies() == []
    delete_task(quarterly, actor=actor)
    assert stale_tallies() == []

    # The daily job turns the periods left pending into missed ones, tallies included.
    assert mark_missed(on=D(2024, 12, 31)) > 0
    assert stale_tallies() == []


@pytest.mark.django_db
def test_tallies_command_finds_and_mends_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, TODAY)
    commune = UnitFactory(level=Level.COMMUNE)
    actor = member_of(commune)
    task = task_in(issued_plan(commune, actor), "Hằng tháng", actor, channel="radio")
    log(commune, D(2024, 2, 1), actor, task=task)
    call_command("tallies", "--check")

    # A row written behind the services' back is what the check exists for.
    Activity.objects.create(unit=commune, channel="radio", happened_on=D(2024, 2, 2), title="Ghi tay")
    with pytest.raises(CommandError, match="1 tallies differ"):
        call_command("tallies", "--check")
    call_command("tallies", "--rebuild")
    call_command("tallies", "--check")
    assert _tally(commune, 2, "radio", "items") == (2, Decimal(2), Decimal(0))


@pytest.mark.django_db
def test_rebuild_of_some_units_leaves_the_others_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, TODAY)
    a, b = UnitFactory(level=Level.COMMUNE), UnitFactory(level=Level.COMMUNE)
    for unit in (a, b):
        log(unit, D(2024, 5, 5), member_of(unit))
    ActivityTally.objects.filter(unit=b).update(activities=99)
    rebuild_tallies([a.pk])
    assert _tally(a, 5, "radio", "items") == (1, Decimal(1), Decimal(0))
    assert _tally(b, 5, "radio", "items") == (99, Decimal(1), Decimal(0))


# SQLite's in-memory test database locks whole tables across threads (and a real SQLite
# file serialises writers anyway); row locks are PostgreSQL's, so this runs there.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_clerks_logging_at_the_same_moment_are_all_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Four writers of one unit, month and channel: the unit lock keeps them all in the count."""
    freeze_today(monkeypatch, TODAY)
    commune = UnitFactory(level=Level.COMMUNE)
    actors = [member_of(commune) for _ in range(4)]
    per_writer = 10
    errors: list[BaseException] = []
    start = threading.Barrier(len(actors))

    def write(actor: Any) -> None:
        try:
            start.wait()
            for n in range(per_writer):
                log_activity(
                    commune,
                    ActivityInput(happened_on=D(2024, 5, 1 + n), channel="radio", title=f"Bản tin {n}"),
                    actor=actor,
                )
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _tally(commune, 5, "radio", "items") == (4 * per_writer, Decimal(4 * per_writer), Decimal(0))
    assert stale_tallies() == []
