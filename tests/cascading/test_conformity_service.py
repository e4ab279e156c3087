"""`conformity_of` and `higher_plan_of` on Loa's rows.

Each test starts from a fresh draft written from the province plan, makes one deliberate change
through the plan services, issues it, and expects exactly the finding that change causes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from loa.cascade import ConformityResult, FindingKind
from loa.plans.cascade import conformity_of, draft_from_higher, higher_plan_of, link_higher_plan
from loa.plans.errors import InvalidPlanData
from loa.plans.models import Plan
from loa.plans.services import delete_task, issue_plan, update_plan, update_task
from tests.activities import member_of
from tests.cascading.conftest import (
    DEADLINE,
    LATE,
    MONTHLY,
    NEWSPAPER_TITLE,
    ON_TIME,
    ONE_STOP_THEME,
    PANEL_TITLE,
    RADIO_TITLE,
    THEMES,
    TRAINING_TITLE,
    YEAR,
    Cascade,
    commune_of,
    imported_plan,
    input_of,
    province_unit,
    task_input_of,
)

pytestmark = pytest.mark.django_db


def derived(cascade: Cascade) -> Plan:
    return draft_from_higher(cascade.higher, cascade.commune, actor=cascade.commune_editor)


def issued(plan: Plan, actor: Any, on: Any = ON_TIME) -> Plan:
    return issue_plan(plan, issue_date=on, actor=actor)


def findings(result: ConformityResult | None) -> list[tuple[FindingKind, str]]:
    assert result is not None
    return [(f.kind, f.higher_text) for f in result.findings]


def test_an_unchanged_draft_issued_on_time_conforms(cascade: Cascade) -> None:
    plan = issued(derived(cascade), cascade.commune_editor)
    higher, result = conformity_of(plan)
    assert higher == cascade.higher
    assert result is not None
    assert result.findings == ()
    assert result.score == 100.0
    # every check counted: 5 themes, 4 channels, 4 task pairs, 4 × (lead, time), 2 periods, issue date
    assert (result.checks, result.passed) == (24, 24)


def test_an_unchanged_draft_not_yet_issued_conforms_without_the_date_check(cascade: Cascade) -> None:
    higher, result = conformity_of(derived(cascade))
    assert higher == cascade.higher
    assert result is not None
    assert (result.findings, result.checks, result.score) == ((), 23, 100.0)


def test_a_removed_content_theme_is_the_one_finding(cascade: Cascade) -> None:
    # given
    plan = derived(cascade)
    themes = [theme for theme in THEMES if theme != ONE_STOP_THEME]
    update_plan(plan, input_of(plan, content_themes=themes), actor=cascade.commune_editor)
    # when
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    # then
    assert findings(result) == [(FindingKind.THEME_NOT_COVERED, ONE_STOP_THEME)]
    assert result is not None
    assert result.findings[0].higher_ref == "Nội dung tuyên truyền, ý 2"
    assert "một cửa, một cửa liên thông" in result.findings[0].message
    assert result.score == round(100 * 23 / 24, 1)


def test_a_monthly_radio_column_made_quarterly_is_a_lowered_frequency_and_nothing_else(
    cascade: Cascade,
) -> None:
    # given: "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút" → "Mỗi quý 01 kỳ"
    plan = derived(cascade)
    radio = plan.tasks.get(title=RADIO_TITLE)
    update_task(radio, task_input_of(radio, timing_text="Mỗi quý 01 kỳ"), actor=cascade.commune_editor)
    # when
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    # then: the recurrences differ, so the 15 minutes a month is not compared with a quarter's
    assert findings(result) == [(FindingKind.FREQUENCY_LOWERED, RADIO_TITLE)]
    assert result is not None
    finding = result.findings[0]
    assert (finding.higher_ref, finding.lower_ref, finding.lower_text) == (
        "Nhiệm vụ 1",
        "Nhiệm vụ 1",
        RADIO_TITLE,
    )
    assert "hằng tháng → hằng quý" in finding.message


def test_a_monthly_radio_column_with_fewer_minutes_is_a_lowered_quota(cascade: Cascade) -> None:
    plan = derived(cascade)
    radio = plan.tasks.get(title=RADIO_TITLE)
    update_task(
        radio,
        task_input_of(radio, timing_text=MONTHLY.replace("15 phút", "10 phút")),
        actor=cascade.commune_editor,
    )
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    assert findings(result) == [(FindingKind.QUOTA_LOWERED, RADIO_TITLE)]
    assert result is not None
    assert "tối thiểu 15 → 10 phút" in result.findings[0].message


def test_a_dropped_channel_is_the_one_finding(cascade: Cascade) -> None:
    # given: no panels in the commune's channels, and their task deleted
    plan = derived(cascade)
    channels = [c for c in plan.channels if c != "panel_poster"]
    update_plan(plan, input_of(plan, channels=channels), actor=cascade.commune_editor)
    delete_task(plan.tasks.get(title=PANEL_TITLE), actor=cascade.commune_editor)
    # when
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    # then: named by the province task that uses the channel
    assert findings(result) == [(FindingKind.CHANNEL_DROPPED, PANEL_TITLE)]
    assert result is not None
    assert "pa nô, áp phích, băng rôn" in result.findings[0].message


def test_a_channel_left_in_a_task_is_not_dropped(cascade: Cascade) -> None:
    """The plan's list is not all: a task on the channel keeps it."""
    plan = derived(cascade)
    channels = [c for c in plan.channels if c != "panel_poster"]
    update_plan(plan, input_of(plan, channels=channels), actor=cascade.commune_editor)
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    assert findings(result) == []


def test_issuing_after_the_deadline_is_the_one_finding(cascade: Cascade) -> None:
    plan = issued(derived(cascade), cascade.commune_editor, on=LATE)
    _, result = conformity_of(plan)
    assert findings(result) == [(FindingKind.ISSUED_LATE, DEADLINE.strftime("%d/%m/%Y"))]
    assert result is not None
    assert result.findings[0].message == (
        "Kế hoạch cấp dưới ban hành ngày 02/03/2026, sau hạn 15/02/2026 mà kế hoạch cấp trên đặt ra."
    )


def test_issuing_on_the_deadline_is_on_time(cascade: Cascade) -> None:
    _, result = conformity_of(issued(derived(cascade), cascade.commune_editor, on=DEADLINE))
    assert findings(result) == []


def test_an_unchanged_draft_conforms_when_a_province_only_task_uses_a_channel_the_list_omits(
    cascade: Cascade,
) -> None:
    """The province lists its channels without "báo chí", yet its newspaper task uses it.

    That task does not fall to the commune, so the draft has neither the task nor the channel;
    an unchanged draft must still have no findings.
    """
    # given
    higher = cascade.higher
    channels = [c for c in higher.channels if c != "newspaper"]
    update_plan(higher, input_of(higher, channels=channels), actor=cascade.province_editor)
    higher.refresh_from_db()
    assert "newspaper" not in higher.channels
    assert higher.tasks.filter(title=NEWSPAPER_TITLE, channel="newspaper").exists()
    # when
    _, result = conformity_of(issued(derived(cascade), cascade.commune_editor))
    # then
    assert findings(result) == []


def test_an_unchanged_draft_conforms_when_the_province_set_a_tasks_frequency_by_hand(
    cascade: Cascade,
) -> None:
    """The province read "Thường xuyên trong năm" as weekly for its panels (`TaskInput.recurrence`,
    a user's correction of the timing text). The draft must keep that frequency, not re-read the text.
    """
    # given
    panels = cascade.higher.tasks.get(title=PANEL_TITLE)
    update_task(panels, task_input_of(panels, recurrence="weekly"), actor=cascade.province_editor)
    assert cascade.higher.tasks.get(title=PANEL_TITLE).recurrence == "weekly"
    # when
    plan = derived(cascade)
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    # then
    assert findings(result) == []
    assert plan.tasks.get(title=PANEL_TITLE).recurrence == "weekly"


def test_an_unchanged_draft_conforms_when_a_province_task_has_a_completion_time(cascade: Cascade) -> None:
    """Start and completion in their own columns ("Từ 01/3/2026" / "30/11/2026": continuous work
    until November); the draft must read them as the province does."""
    # given
    training = cascade.higher.tasks.get(title=TRAINING_TITLE)
    update_task(
        training,
        task_input_of(training, timing_text=f"Từ 01/3/{YEAR}", end_timing_text=f"30/11/{YEAR}"),
        actor=cascade.province_editor,
    )
    training.refresh_from_db()
    assert (training.recurrence, training.end) == ("continuous", dt.date(YEAR, 11, 30))
    # when
    plan = derived(cascade)
    _, result = conformity_of(issued(plan, cascade.commune_editor))
    # then
    assert findings(result) == []
    lower = plan.tasks.get(title=TRAINING_TITLE)
    assert (lower.recurrence, lower.start, lower.end) == (training.recurrence, training.start, training.end)


# --- finding the higher plan -------------------------------------------------------------------


def cited(unit: Any, actor: Any, *based_on: dict[str, Any]) -> Plan:
    """A commune plan imported from a document citing `based_on`, with no link to a Loa plan."""
    return imported_plan(
        unit,
        actor,
        {
            "year": YEAR,
            "title": f"Kế hoạch tuyên truyền CCHC năm {YEAR}",
            "based_on": list(based_on),
            "tasks": [],
        },
    )


@pytest.mark.parametrize(
    "reference",
    [
        {"number": "45/KH-UBND", "issuer": "UBND tỉnh Đắk Lắk", "date": "2026-01-10"},
        {"number": "45/KH-UBND", "issuer": "UBND tỉnh Đắk Lắk"},
        {"raw": "45/KH-UBND ngày 10/01/2026 của UBND tỉnh Đắk Lắk về thông tin, tuyên truyền CCHC"},
    ],
    ids=["number-and-date", "number-only", "raw-text"],
)
def test_higher_plan_is_found_by_the_cited_number(cascade: Cascade, reference: dict[str, Any]) -> None:
    plan = cited(
        cascade.commune,
        cascade.commune_editor,
        {"number": "1291/QĐ-UBND", "issuer": "UBND tỉnh Đắk Lắk", "date": "2025-12-20"},
        reference,
    )
    assert plan.references.filter(referenced_plan__isnull=False).count() == 0
    assert higher_plan_of(plan) == cascade.higher
    higher, result = conformity_of(plan)
    assert higher == cascade.higher
    assert result is not None


def test_a_linked_higher_plan_wins_over_a_cited_number(cascade: Cascade) -> None:
    # given: the province has a second plan 46, which the commune links to in Loa
    other = imported_plan(
        cascade.province,
        cascade.province_editor,
        {"year": YEAR, "number": "46/KH-UBND", "title": "Kế hoạch khác", "tasks": []},
    )
    plan = cited(cascade.commune, cascade.commune_editor, {"number": "45/KH-UBND"})
    link_higher_plan(plan, other, actor=cascade.commune_editor)
    assert higher_plan_of(plan) == other


def test_no_higher_plan_when_the_plan_cites_nothing_of_its_ancestors(cascade: Cascade) -> None:
    # given: another province's commune citing 45/KH-UBND, which only Đắk Lắk has
    elsewhere = commune_of(province_unit("Tỉnh Phú Yên"), "Xã An Chấn")
    editor = member_of(elsewhere)
    citing_a_stranger = cited(elsewhere, editor, {"number": "45/KH-UBND", "issuer": "UBND tỉnh Đắk Lắk"})
    citing_nothing = cited(cascade.commune, cascade.commune_editor)
    citing_a_decision = cited(cascade.commune, cascade.commune_editor, {"number": "12/QĐ-UBND"})
    # then
    for plan in (citing_a_stranger, citing_nothing, citing_a_decision):
        assert higher_plan_of(plan) is None
        assert conformity_of(plan) == (None, None)
    # and the province's own plan has no higher plan
    assert higher_plan_of(cascade.higher) is None


def test_link_higher_plan_refuses_a_plan_not_above(cascade: Cascade) -> None:
    sibling_plan = draft_from_higher(cascade.higher, cascade.sibling, actor=cascade.province_editor)
    plan = cited(cascade.commune, cascade.commune_editor)
    with pytest.raises(InvalidPlanData):
        link_higher_plan(plan, sibling_plan, actor=cascade.commune_editor)
    assert plan.references.count() == 0
