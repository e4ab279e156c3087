"""Report figures against values worked out by hand from what the scene logged.

Quý I/2024 counts what happened from 15/12/2023 to 14/03/2024, and the task periods
due in that window: commune A's radio broadcasts of January (met) and February (5
minutes short of the quota), and the dialogue due 10/03 and held on 12/03 (late, so
met). The quarterly conference and the "Quý I/2024" leaflets fall due on 31/03,
after the cut-off, so quý II counts them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from loa.reports.choices import ReportStatus
from loa.reports.figures import add_up, period_figures
from loa.reports.models import Report
from loa.reports.services import (
    compute_figures,
    create_report,
    refresh_report,
    review_report,
    submit_report,
)
from tests.activities import log, statuses

from .conftest import ESTIMATED_COSTS, Q1_DUE, Q1_END, Q1_START, Scene, expected_activity_figures

pytestmark = pytest.mark.django_db

D = dt.date
Q1_TASKS = {
    "tasks_due": 2,  # radio, dialogue
    "tasks_met": 1,  # the dialogue: done late still counts as done
    "tasks_missed": 1,  # radio: February fell short
    "occurrences_done": 1,  # radio January
    "occurrences_late": 1,  # dialogue
    "occurrences_missed": 1,  # radio February
    "completion_rate": 50.0,
}


def test_the_statuses_the_figures_count_are_those_of_the_quota_rules(scene: Scene) -> None:
    assert list(statuses(scene.tasks["radio"]).items())[:3] == [
        ("Tháng 01/2024", "done"),
        ("Tháng 02/2024", "missed"),
        ("Tháng 03/2024", "done"),
    ]
    assert statuses(scene.tasks["dialogue"]) == {"Trước 10/03/2024": "late"}
    assert scene.tasks["leaflet"].occurrences.get().due_date == D(2024, 3, 31)


def test_quarter_figures_count_only_the_window_and_only_the_commune(scene: Scene) -> None:
    figures = period_figures([scene.a.pk], Q1_START, Q1_END, today=D(2024, 3, 15))

    expected = expected_activity_figures(Q1_START, Q1_END)
    assert {key: figures[key] for key in expected} == expected
    assert {key: figures[key] for key in Q1_TASKS} == Q1_TASKS
    assert figures["estimated_cost"] == sum(ESTIMATED_COSTS.values())
    # the hand-worked values, so a mistake in expected_activity_figures cannot hide one here
    assert (figures["activities"], figures["minutes"], figures["articles"]) == (9, 30, 4)
    assert (figures["conferences"], figures["conference_attendees"]) == (1, 120)
    assert (figures["trainings"], figures["trainees"], figures["dialogues"]) == (1, 40, 1)
    assert (figures["leaflets"], figures["panels"], figures["spend"]) == (500, 2, 4_300_000)


def test_a_report_created_for_the_quarter_holds_the_same_figures(scene: Scene) -> None:
    report = create_report(scene.a, kind="quarterly", year=2024, index=1, actor=scene.editor_a)

    assert (report.window_start, report.window_end, report.due_date) == (Q1_START, Q1_END, Q1_DUE)
    assert (report.plan, report.is_rollup, report.label) == (scene.plan, False, "quý I năm 2024")
    assert report.figures == period_figures([scene.a.pk], Q1_START, Q1_END, today=D(2024, 3, 15))
    report.refresh_from_db()
    expected = expected_activity_figures(Q1_START, Q1_END)
    assert {key: report.figures[key] for key in expected} == expected
    assert {key: report.figures[key] for key in Q1_TASKS} == Q1_TASKS


def test_periods_past_their_due_date_count_as_missed_even_before_the_nightly_job(scene: Scene) -> None:
    # the conference of quý I (due 31/03) was held; its leaflets too; radio April has nothing yet
    figures = period_figures([scene.a.pk], D(2024, 3, 15), D(2024, 6, 14), today=D(2024, 5, 10))

    assert figures["activities"] == 1  # the radio broadcast of 15/03
    assert (figures["tasks_due"], figures["tasks_met"], figures["tasks_missed"]) == (3, 2, 1)
    assert (figures["occurrences_done"], figures["occurrences_missed"]) == (3, 1)  # radio April is overdue


def test_a_commune_without_work_reports_zeros_and_no_rate(scene: Scene) -> None:
    figures = period_figures([scene.d.pk], Q1_START, Q1_END, today=D(2024, 3, 15))

    assert (figures["activities"], figures["tasks_due"], figures["spend"]) == (0, 0, 0)
    assert figures["completion_rate"] is None
    assert (figures["by_channel"], figures["channels_used"]) == ({}, [])


def test_province_rollup_adds_its_own_work_and_the_sent_reports_only(scene: Scene) -> None:
    clock = scene.clock
    # A sends on 15/03 (on time); C on 20/03 (late), then the province accepts it;
    # B keeps a draft; D has no report at all.
    report_a = submit_report(
        create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a), actor=scene.editor_a
    )
    report_b = create_report(scene.b, kind="quarterly", year=2024, actor=scene.editor_b)
    clock.set(D(2024, 3, 20))
    report_c = submit_report(
        create_report(scene.c, kind="quarterly", year=2024, actor=scene.editor_c), actor=scene.editor_c
    )
    review_report(report_c, accept=True, actor=scene.staff)
    clock.set(D(2024, 3, 25))

    rollup = create_report(scene.province, kind="quarterly", year=2024, actor=scene.staff)

    assert rollup.is_rollup is True
    figures = rollup.figures
    own = period_figures([scene.province.pk], Q1_START, Q1_END, today=D(2024, 3, 25))
    assert figures["own"] == own
    assert own["activities"] == 1
    assert report_b.figures["activities"] == 1  # B's broadcast, left out with its draft
    summed = add_up([own, report_a.figures, report_c.figures])
    assert {key: figures[key] for key in summed} == summed
    assert (figures["activities"], figures["articles"], figures["minutes"]) == (1 + 9 + 1, 5 + 4 + 4, 30)
    assert (figures["tasks_due"], figures["tasks_met"], figures["completion_rate"]) == (2, 1, 50.0)
    assert figures["by_channel"]["portal"] == {"activities": 2, "quantity": 8}
    assert (figures["units_submitted"], figures["units_total"]) == (2, 4)
    rows = {row["name"]: row for row in figures["units"]}
    assert [row["name"] for row in figures["units"]] == [
        "Xã An Phú",
        "Xã Bình Lộc",
        "Xã Cam Hải",
        "Xã Diên Điền",
    ]
    assert {name: (row["status"], row["late"]) for name, row in rows.items()} == {
        "Xã An Phú": (ReportStatus.SUBMITTED, False),
        "Xã Bình Lộc": (ReportStatus.DRAFT, True),  # not sent, and 18/03 has passed
        "Xã Cam Hải": (ReportStatus.ACCEPTED, True),  # sent two days after 18/03
        "Xã Diên Điền": ("missing", True),
    }
    assert (rows["Xã An Phú"]["submitted_on"], rows["Xã Cam Hải"]["submitted_on"]) == (
        "2024-03-15",
        "2024-03-20",
    )
    assert rows["Xã An Phú"]["report_id"] == report_a.pk
    assert (rows["Xã Diên Điền"]["report_id"], rows["Xã Bình Lộc"]["completion_rate"]) == (None, None)
    assert rows["Xã An Phú"]["completion_rate"] == 50.0
    assert "Đã nhận báo cáo của 2/4 đơn vị trực thuộc." in rollup.narrative["results"]
    assert "Chưa nhận báo cáo của: Xã Bình Lộc, Xã Diên Điền." in rollup.narrative["results"]


def test_before_the_due_date_a_missing_report_is_not_late_yet(scene: Scene) -> None:
    rollup = create_report(scene.province, kind="quarterly", year=2024, actor=scene.staff)  # on 15/03

    late = {row["name"]: (row["status"], row["late"]) for row in rollup.figures["units"]}
    assert set(late.values()) == {("missing", False)}
    assert rollup.figures["units_submitted"] == 0
    assert rollup.figures["activities"] == 1  # the province's own article only
    on_the_day = compute_figures(rollup, today=Q1_DUE)
    after = compute_figures(rollup, today=Q1_DUE + dt.timedelta(days=1))
    assert {row["late"] for row in on_the_day["units"]} == {False}
    assert {row["late"] for row in after["units"]} == {True}


def test_a_rollup_keeps_its_communes_reports_of_the_same_period_only(scene: Scene) -> None:
    # A's quý IV/2023 report is another period: the quý I/2024 roll-up still misses A.
    submit_report(
        create_report(scene.a, kind="quarterly", year=2023, index=4, actor=scene.editor_a),
        actor=scene.editor_a,
    )
    annual = create_report(scene.a, kind="annual", year=2024, actor=scene.editor_a)
    submit_report(annual, actor=scene.editor_a)

    rollup = create_report(scene.province, kind="quarterly", year=2024, actor=scene.staff)

    assert {row["status"] for row in rollup.figures["units"]} == {"missing"}
    assert rollup.figures["units_submitted"] == 0
    assert Report.objects.filter(unit=scene.a).count() == 2


def test_an_activity_logged_later_inside_the_window_enters_a_refreshed_draft(scene: Scene) -> None:
    report = create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)
    log(scene.a, D(2024, 3, 13), scene.editor_a, channel="contest", title="Cuộc thi tìm hiểu CCHC")

    refreshed = refresh_report(report, actor=scene.editor_a)

    assert refreshed.figures["activities"] == report.figures["activities"] + 1
    assert refreshed.figures["contests"] == 1
