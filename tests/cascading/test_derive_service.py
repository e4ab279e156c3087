"""`draft_from_higher`: a commune's draft plan written from the province plan it implements."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from loa.audit.models import ChangeLogEntry
from loa.plans.cascade import draft_from_higher, mapping_rules
from loa.plans.choices import PlanStatus
from loa.plans.errors import InvalidPlanData
from loa.plans.models import AgencyMapping, Plan, PlanReference, PlanSection, Task
from loa.units.models import Agency
from tests.activities import member_of
from tests.cascading.conftest import (
    AUDIENCES,
    CHANNELS,
    DEADLINE_TIMING,
    DEADLINE_TITLE,
    HIGHER_ISSUED,
    MONTHLY,
    PANEL_TITLE,
    PURPOSES_TEXT,
    PURPOSES_TITLE,
    RADIO_TITLE,
    REPORTING_PERIODS,
    THEMES,
    TRAINING_TITLE,
    YEAR,
    Cascade,
    commune_of,
    higher_plan,
    province_unit,
)

pytestmark = pytest.mark.django_db


def in_running_text(unit_name: str) -> str:
    """A unit's name inside a sentence: "Xã Hòa Phú" → "xã Hòa Phú"."""
    return unit_name[:1].lower() + unit_name[1:]


def leads(plan: Plan) -> list[tuple[str, str, list[str]]]:
    """(title, lead, cooperating) of each task, in order, names compared without case."""
    return [
        (task.title, task.lead_text.casefold(), [name.casefold() for name in task.cooperating_text])
        for task in plan.tasks.order_by("position")
    ]


def counts() -> dict[str, int]:
    return {
        "plans": Plan.objects.count(),
        "references": PlanReference.objects.count(),
        "sections": PlanSection.objects.count(),
        "tasks": Task.objects.count(),
        "agencies": Agency.objects.count(),
        "changes": ChangeLogEntry.objects.count(),
    }


def test_draft_carries_the_province_plan_and_proposes_the_tasks_that_fall_to_the_commune(
    cascade: Cascade,
) -> None:
    # when
    plan = draft_from_higher(cascade.higher, cascade.commune, actor=cascade.commune_editor)
    # then: a draft of the commune, based on the province plan
    plan.refresh_from_db()
    assert (plan.unit, plan.status, plan.year, plan.number, plan.issue_date) == (
        cascade.commune,
        PlanStatus.DRAFT,
        YEAR,
        None,
        None,
    )
    assert plan.title == f"Thông tin, tuyên truyền cải cách hành chính xã Hòa Phú năm {YEAR}"
    reference = plan.references.get()
    assert reference.referenced_plan == cascade.higher
    assert (reference.position, reference.number, reference.issuer, reference.issued_on) == (
        0,
        "45/KH-UBND",
        "UBND tỉnh Đắk Lắk",
        HIGHER_ISSUED,
    )
    # its lists carried as they are
    assert plan.content_themes == list(THEMES)
    assert plan.channels == list(CHANNELS)
    assert plan.audiences == list(AUDIENCES)
    assert plan.reporting_periods == list(REPORTING_PERIODS)
    # the purposes section copied, and only that one
    assert list(plan.sections.values_list("numeral", "title", "text")) == [
        ("I", PURPOSES_TITLE, PURPOSES_TEXT)
    ]
    # the tasks that apply, with the commune's bodies; the newspaper's task stays at the province
    assert leads(plan) == [
        (RADIO_TITLE, "đài truyền thanh xã hòa phú", ["văn phòng hđnd và ubnd xã hòa phú"]),
        (TRAINING_TITLE, "văn phòng hđnd và ubnd xã hòa phú", []),
        (PANEL_TITLE, "ubnd xã hòa phú", []),
        (DEADLINE_TITLE, "ubnd xã hòa phú", []),
    ]
    # channels and timings kept, so the commune's schedule follows the province's
    tasks = list(plan.tasks.order_by("position"))
    assert [(t.channel, t.timing_text, t.recurrence) for t in tasks] == [
        ("radio", MONTHLY, "monthly"),
        ("training", f"Quý II/{YEAR}", "once"),
        ("panel_poster", "Thường xuyên trong năm", "continuous"),
        ("", DEADLINE_TIMING, "once"),
    ]
    assert (tasks[0].count_per_period, tasks[0].quota_measure, tasks[0].quota_minimum) == (1, "minutes", 15)
    assert tasks[3].end == cascade.higher.tasks.get(title=DEADLINE_TITLE).end
    # the bodies are the commune's own agencies
    assert {t.lead_agency.unit_id for t in tasks if t.lead_agency} == {cascade.commune.pk}
    # the province plan is untouched
    assert cascade.higher.tasks.count() == 5
    assert cascade.higher.status == PlanStatus.ISSUED


def test_mapped_bodies_name_the_commune_as_running_text_writes_it(cascade: Cascade) -> None:
    """ "Đài truyền thanh xã Hòa Phú", as the draft's own title writes the commune, not "… Xã Hòa Phú"."""
    plan = draft_from_higher(cascade.higher, cascade.commune, actor=cascade.commune_editor)
    commune = in_running_text(cascade.commune.name)
    radio = plan.tasks.get(title=RADIO_TITLE)
    assert commune in plan.title
    assert (radio.lead_text, radio.cooperating_text) == (
        f"Đài truyền thanh {commune}",
        [f"Văn phòng HĐND và UBND {commune}"],
    )


@pytest.mark.parametrize(
    ("actor_of", "refusal"),
    [
        ("commune", None),
        ("province", None),
        ("other province's commune", PermissionDenied),
        ("sibling commune", PermissionDenied),
    ],
)
def test_who_may_write_a_commune_draft(
    cascade: Cascade, actor_of: str, refusal: type[Exception] | None
) -> None:
    # given
    other_province = province_unit("Tỉnh Phú Yên")
    actor = {
        "commune": cascade.commune_editor,
        "province": cascade.province_editor,
        "other province's commune": member_of(commune_of(other_province, "Xã An Chấn")),
        "sibling commune": member_of(cascade.sibling),
    }[actor_of]
    before = counts()
    # when
    with nullcontext() if refusal is None else pytest.raises(refusal):
        draft_from_higher(cascade.higher, cascade.commune, actor=actor)
    # then: a refusal leaves no trace
    assert Plan.objects.filter(unit=cascade.commune).exists() is (refusal is None)
    if refusal is not None:
        assert counts() == before


@pytest.mark.parametrize("target", ["another province's commune", "the province itself"])
def test_a_unit_not_below_the_higher_plans_unit_is_refused(cascade: Cascade, target: str) -> None:
    # given: an editor of the unit, so only the tree refuses it
    unit = (
        commune_of(province_unit("Tỉnh Phú Yên"), "Xã An Chấn")
        if target == "another province's commune"
        else cascade.province
    )
    actor: Any = member_of(unit)
    before = counts()
    # when
    with pytest.raises(InvalidPlanData):
        draft_from_higher(cascade.higher, unit, actor=actor)
    # then
    assert counts() == before


def test_a_province_mapping_row_overrides_the_default_for_that_province_only(cascade: Cascade) -> None:
    # given: the province names the commune body that mirrors its broadcaster differently
    AgencyMapping.objects.create(
        province=cascade.province,
        higher_name="Đài Phát thanh và Truyền hình",
        lower_name="Trung tâm Truyền thông và Văn hóa {unit}",
    )
    other_province = province_unit("Tỉnh Phú Yên")
    other_commune = commune_of(other_province, "Xã An Chấn")
    other_editor = member_of(other_province)
    other_higher = higher_plan(other_province, other_editor)
    # when
    own = draft_from_higher(cascade.higher, cascade.commune, actor=cascade.commune_editor)
    other = draft_from_higher(other_higher, other_commune, actor=other_editor)
    # then
    assert (
        own.tasks.get(title=RADIO_TITLE).lead_text.casefold()
        == "trung tâm truyền thông và văn hóa xã hòa phú"
    )
    assert other.tasks.get(title=RADIO_TITLE).lead_text.casefold() == "đài truyền thanh xã an chấn"
    # the rows not overridden keep the defaults in both
    assert own.tasks.get(title=TRAINING_TITLE).lead_text.casefold() == "văn phòng hđnd và ubnd xã hòa phú"


def test_mapping_rules_put_the_provinces_rows_before_general_rows_and_defaults(cascade: Cascade) -> None:
    general = AgencyMapping.objects.create(higher_name="Sở Nội vụ", lower_name="Công chức Nội vụ {unit}")
    own = AgencyMapping.objects.create(
        province=cascade.province, higher_name="Sở Nội vụ", lower_name="Văn phòng Đảng ủy - Nội vụ {unit}"
    )
    AgencyMapping.objects.create(
        province=province_unit("Tỉnh Phú Yên"), higher_name="Sở Nội vụ", lower_name="Phòng Nội vụ {unit}"
    )
    rules = mapping_rules(cascade.commune)
    assert [(r.higher, r.lower) for r in rules[:2]] == [
        (own.higher_name, own.lower_name),
        (general.higher_name, general.lower_name),
    ]
    assert "Phòng Nội vụ {unit}" not in {r.lower for r in rules}
    # and the draft follows the province's row
    plan = draft_from_higher(cascade.higher, cascade.commune, actor=cascade.commune_editor)
    assert (
        plan.tasks.get(title=TRAINING_TITLE).lead_text.casefold() == "văn phòng đảng ủy - nội vụ xã hòa phú"
    )
