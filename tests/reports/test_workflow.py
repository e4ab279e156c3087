"""A report's life: create, edit, send, review by the unit above; deadlines and scoring rules as data."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from loa.audit.models import ChangeLogEntry, Verb
from loa.reports.choices import ReportStatus
from loa.reports.models import DeadlineRule, Report, ScoringRule
from loa.reports.narrative import NARRATIVE_KEYS
from loa.reports.services import (
    ReportInput,
    ReportRefused,
    compute_figures,
    create_report,
    deadline_for,
    refresh_report,
    review_report,
    scoring_rule_for,
    submit_report,
    update_report,
)
from loa.scoring.rules import DEFAULT_RULE, KHANH_HOA_BANDED, CriterionInputs, parse_rule, score
from loa.tracking.reporting import period
from loa.units.choices import Level
from tests.activities import log, member_of
from tests.units.factories import UnitFactory

from .conftest import Q1_DUE, Scene

pytestmark = pytest.mark.django_db

D = dt.date
Q1 = period("quarterly", 2024, 1)


def verbs(report: Report) -> list[str]:
    """The change-log verbs written about `report`, oldest first."""
    return list(
        ChangeLogEntry.objects.filter(target_type="reports.report", target_id=report.pk)
        .order_by("pk")
        .values_list("verb", flat=True)
    )


def rows() -> dict[str, list[dict[str, Any]]]:
    return {
        "reports": list(Report.objects.order_by("pk").values()),
        "log": list(ChangeLogEntry.objects.order_by("pk").values()),
    }


def narrative(**sections: str) -> dict[str, str]:
    return {key: sections.get(key, "") for key in NARRATIVE_KEYS}


def test_a_report_goes_from_draft_to_accepted_with_one_log_row_per_step(scene: Scene) -> None:
    editor, clock = scene.editor_a, scene.clock
    # given a draft, edited
    report = create_report(scene.a, kind="quarterly", year=2024, actor=editor)
    assert (report.status, report.number, report.issue_date) == (ReportStatus.DRAFT, None, None)
    assert verbs(report) == [Verb.REPORT_CREATED]
    text = narrative(direction="UBND xã ban hành Kế hoạch số 01/KH-UBND.", results="Phát thanh 2 kỳ.")
    report = update_report(report, ReportInput(narrative=text, addressee="  Sở  Nội vụ "), actor=editor)
    assert (report.narrative, report.addressee) == (text, "Sở Nội vụ")
    assert verbs(report) == [Verb.REPORT_CREATED, Verb.REPORT_UPDATED]
    # when sent on 16/03
    clock.set(D(2024, 3, 16))
    sent = submit_report(report, actor=editor)
    # then it is numbered, dated and its figures are kept as they are
    sent.refresh_from_db()
    assert (sent.status, sent.number, sent.issue_date) == (ReportStatus.SUBMITTED, 1, D(2024, 3, 16))
    assert (sent.submitted_by, sent.is_late) == (editor, False)
    assert sent.narrative == text
    assert verbs(report)[-1] == Verb.REPORT_SUBMITTED
    frozen = sent.figures
    log(scene.a, D(2024, 3, 13), editor, channel="contest", title="Cuộc thi viết về CCHC")  # backdated
    sent.refresh_from_db()
    assert sent.figures == frozen
    assert compute_figures(sent)["activities"] == frozen["activities"] + 1  # live data did change
    with pytest.raises(ReportRefused):
        refresh_report(sent, actor=editor)
    with pytest.raises(ReportRefused):
        submit_report(sent, actor=editor)
    with pytest.raises(ReportRefused):
        update_report(sent, ReportInput(narrative=narrative(results="Sửa sau khi gửi")), actor=editor)
    # the commune cannot review its own report
    with pytest.raises(PermissionDenied):
        review_report(sent, accept=True, actor=editor)
    assert Report.objects.get(pk=sent.pk).status == ReportStatus.SUBMITTED
    # the province accepts it
    accepted = review_report(sent, accept=True, actor=scene.staff)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.reviewed_by, accepted.review_comment) == (
        ReportStatus.ACCEPTED,
        scene.staff,
        "",
    )
    assert accepted.figures == frozen
    with pytest.raises(ReportRefused):
        review_report(accepted, accept=False, comment="Xem lại", actor=scene.staff)
    assert verbs(report) == [
        Verb.REPORT_CREATED,
        Verb.REPORT_UPDATED,
        Verb.REPORT_SUBMITTED,
        Verb.REPORT_REVIEWED,
    ]
    entries = ChangeLogEntry.objects.filter(target_type="reports.report", target_id=report.pk).order_by("pk")
    assert [(e.actor, e.unit) for e in entries] == [(editor, scene.a)] * 3 + [(scene.staff, scene.a)]


def test_a_returned_report_is_corrected_and_sent_again_with_its_number(scene: Scene) -> None:
    editor = scene.editor_a
    report = submit_report(create_report(scene.a, kind="quarterly", year=2024, actor=editor), actor=editor)
    before = rows()
    for comment in ("", "   \n"):
        with pytest.raises(ReportRefused):
            review_report(report, accept=False, comment=comment, actor=scene.staff)
    assert rows() == before

    returned = review_report(report, accept=False, comment="  Bổ sung số liệu hội nghị. ", actor=scene.staff)

    returned.refresh_from_db()
    assert (returned.status, returned.review_comment) == (ReportStatus.RETURNED, "Bổ sung số liệu hội nghị.")
    fixed = update_report(
        returned,
        ReportInput(
            narrative=narrative(results="Tổ chức 01 hội nghị với 120 người."), number=returned.number
        ),
        actor=editor,
    )
    refreshed = refresh_report(fixed, actor=editor)
    again = submit_report(refreshed, actor=editor)
    again.refresh_from_db()
    assert (again.status, again.number) == (ReportStatus.SUBMITTED, 1)
    assert again.narrative["results"] == "Tổ chức 01 hội nghị với 120 người."
    assert verbs(report) == [
        Verb.REPORT_CREATED,
        Verb.REPORT_SUBMITTED,
        Verb.REPORT_REVIEWED,
        Verb.REPORT_UPDATED,
        Verb.REPORT_UPDATED,
        Verb.REPORT_SUBMITTED,
    ]


def test_numbers_run_per_unit_year_and_symbol(scene: Scene) -> None:
    editor, clock = scene.editor_a, scene.clock
    # another unit's numbers and another year's do not count
    other = create_report(scene.b, kind="quarterly", year=2024, actor=scene.editor_b)
    update_report(other, ReportInput(narrative=narrative(), number=7), actor=scene.editor_b)
    last_year = create_report(scene.a, kind="quarterly", year=2023, index=4, actor=editor)
    update_report(last_year, ReportInput(narrative=narrative(), number=12), actor=editor)
    submit_report(last_year, actor=editor)

    first = submit_report(create_report(scene.a, kind="quarterly", year=2024, actor=editor), actor=editor)
    clock.set(D(2024, 6, 17))
    second = submit_report(
        create_report(scene.a, kind="quarterly", year=2024, index=2, actor=editor), actor=editor
    )
    submit_report(other, actor=scene.editor_b)

    assert [Report.objects.get(pk=r.pk).number for r in (first, second, other, last_year)] == [1, 2, 7, 12]
    assert second.issue_date == D(2024, 6, 17)


def test_a_number_already_given_to_another_report_of_the_year_is_refused(scene: Scene) -> None:
    editor = scene.editor_a
    first = submit_report(create_report(scene.a, kind="quarterly", year=2024, actor=editor), actor=editor)
    draft = create_report(scene.a, kind="annual", year=2024, actor=editor)
    before = rows()

    with pytest.raises(ReportRefused):
        update_report(draft, ReportInput(narrative=narrative(), number=first.number), actor=editor)

    assert rows() == before


@pytest.mark.parametrize("who", ["viewer", "other_commune"])
def test_someone_without_the_report_right_changes_nothing(scene: Scene, who: str) -> None:
    actor = {"viewer": scene.viewer, "other_commune": scene.editor_b}[who]
    report = create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)
    before = rows()

    with pytest.raises(PermissionDenied):
        create_report(scene.a, kind="annual", year=2024, actor=actor)
    with pytest.raises(PermissionDenied):
        update_report(report, ReportInput(narrative=narrative(results="Sửa trái phép")), actor=actor)
    with pytest.raises(PermissionDenied):
        refresh_report(report, actor=actor)
    with pytest.raises(PermissionDenied):
        submit_report(report, actor=actor)

    assert rows() == before


def test_a_second_report_for_the_same_period_is_refused(scene: Scene) -> None:
    create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)
    before = rows()

    with pytest.raises(ReportRefused, match="quý I năm 2024"):
        create_report(scene.a, kind="quarterly", year=2024, index=1, actor=scene.staff)
    with pytest.raises(ReportRefused):
        create_report(scene.a, kind="quarterly", year=2024, index=5, actor=scene.editor_a)

    assert rows() == before


def test_a_commune_report_is_addressed_to_the_committee_above_as_nd30_names_it(scene: Scene) -> None:
    report = create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)

    # "Ủy ban nhân dân tỉnh Khánh Thử", the generic word in lower case (loa.reports.documents.body_name)
    assert report.addressee == "Ủy ban nhân dân tỉnh Khánh Thử"


def test_the_province_reports_on_its_communes_and_its_own_report_has_no_reviewer_in_loa(scene: Scene) -> None:
    report = create_report(scene.a, kind="quarterly", year=2024, actor=scene.staff)  # the province may
    rollup = submit_report(
        create_report(scene.province, kind="quarterly", year=2024, actor=scene.staff), actor=scene.staff
    )

    assert report.created_by == scene.staff
    assert rollup.addressee == "Bộ Nội vụ"
    with pytest.raises(ReportRefused):
        review_report(rollup, accept=True, actor=scene.staff)


@pytest.mark.parametrize(
    ("at", "late"),
    [
        (dt.datetime(2024, 3, 18, 23, 59), False),
        (dt.datetime(2024, 3, 19, 0, 30), True),  # 18/03 17:30 UTC
        (dt.datetime(2024, 3, 19, 8, 0), True),
    ],
)
def test_a_report_is_late_when_sent_after_its_due_date_in_vietnam(
    scene: Scene, at: dt.datetime, late: bool
) -> None:
    report = create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)
    scene.clock.set(at.date(), at.time())

    submit_report(report, actor=scene.editor_a)
    rollup = create_report(scene.province, kind="quarterly", year=2024, actor=scene.staff)

    sent = Report.objects.get(pk=report.pk)
    assert (sent.issue_date, sent.is_late) == (at.date(), late)
    row = next(u for u in rollup.figures["units"] if u["unit_id"] == scene.a.pk)
    assert (row["submitted_on"], row["late"]) == (at.date().isoformat(), late)


# --- deadlines and scoring rules, per province -------------------------------------------------


def test_the_default_deadline_is_two_working_days_after_the_cutoff(scene: Scene) -> None:
    assert Q1.window_end == D(2024, 3, 14)  # a Thursday
    assert deadline_for(scene.a, Q1) == Q1_DUE == D(2024, 3, 18)  # Monday: 16–17 are the weekend
    assert Q1_DUE.weekday() == 0
    assert deadline_for(scene.a, period("quarterly", 2024, 2)) == D(2024, 6, 18)  # Fri 14/06 → Tue 18/06
    assert create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a).due_date == Q1_DUE


def test_a_province_rule_sets_the_deadline_of_its_own_communes_only(scene: Scene) -> None:
    elsewhere = UnitFactory(parent=UnitFactory(level=Level.PROVINCE))
    DeadlineRule.objects.create(province=scene.province, kind="quarterly", fixed_day_of_month=20)

    assert deadline_for(scene.a, Q1) == D(2024, 3, 20)
    assert deadline_for(scene.province, Q1) == D(2024, 3, 20)
    assert deadline_for(elsewhere, Q1) == Q1_DUE
    assert deadline_for(scene.a, period("annual", 2024)) == D(2024, 12, 17)  # the rule is for quarters
    assert create_report(scene.b, kind="quarterly", year=2024, actor=scene.editor_b).due_date == D(
        2024, 3, 20
    )
    # a general rule moves everyone else; the province keeps its own
    DeadlineRule.objects.create(province=None, kind="quarterly", working_days_after_cutoff=5)
    assert deadline_for(elsewhere, Q1) == D(2024, 3, 21)
    assert deadline_for(scene.c, Q1) == D(2024, 3, 20)


def _expected_score(rule: dict[str, Any], done: int, total: int, channels: list[str]) -> tuple[str, str]:
    result = score(parse_rule(rule), CriterionInputs(total, done, frozenset(channels)))
    return str(result.points), str(result.max_points)


def test_the_score_follows_the_default_rule_unless_the_province_has_one_for_the_year(scene: Scene) -> None:
    elsewhere = UnitFactory(parent=UnitFactory(level=Level.PROVINCE))
    other_editor = member_of(elsewhere)
    binary = {"kind": "binary", "label": "Có hoạt động", "points": 3, "condition": "any_channel"}
    ScoringRule.objects.create(
        province=scene.province, name="Quy tắc Khánh Thử 2023", rule=binary, from_year=2023
    )
    ScoringRule.objects.create(
        province=scene.province, name="Quy tắc Khánh Thử 2025", rule=KHANH_HOA_BANDED, from_year=2025
    )

    report = create_report(scene.a, kind="quarterly", year=2024, actor=scene.editor_a)
    plain = create_report(elsewhere, kind="quarterly", year=2024, actor=other_editor)

    channels = report.figures["channels_used"]
    assert (report.score["rule"], report.score["points"], report.score["max_points"]) == (
        "Quy tắc Khánh Thử 2023",
        "3.00",
        "3.00",
    )
    assert scoring_rule_for(scene.a, 2025)[0] == "Quy tắc Khánh Thử 2025"
    assert scoring_rule_for(scene.a, 2022)[1] == DEFAULT_RULE
    assert scoring_rule_for(elsewhere, 2024)[1] == DEFAULT_RULE
    assert plain.score["rule"] == "Quy tắc mặc định (UBND huyện Xuân Lộc, 2022)"
    assert (plain.score["points"], plain.score["max_points"]) == _expected_score(DEFAULT_RULE, 0, 0, [])
    # under the default rule commune A's quarter (1 of 2 tasks, below 90 %) earns channel points only:
    # portal 0.25 + the traditional channels 0.5
    ScoringRule.objects.all().delete()
    default = refresh_report(report, actor=scene.editor_a).score
    assert (default["points"], default["max_points"]) == ("0.75", "2.00")
    assert (default["points"], default["max_points"]) == _expected_score(DEFAULT_RULE, 1, 2, channels)


@pytest.mark.parametrize(("role", "allowed"), [("editor", True), ("reporter", True), ("viewer", False)])
def test_who_may_create_a_report(scene: Scene, role: str, allowed: bool) -> None:
    actor = member_of(scene.a, role)

    with nullcontext() if allowed else pytest.raises(PermissionDenied):
        create_report(scene.a, kind="semiannual", year=2024, actor=actor)

    assert Report.objects.filter(unit=scene.a, kind="semiannual").exists() is allowed
