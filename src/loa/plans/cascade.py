"""Plans written from a higher plan, and the conformity check against it.

The comparison itself is the pure core's (`loa.cascade`); this module builds its
views from Loa's rows, finds a plan's higher plan, writes drafts from a higher plan
through the plan services, and lists a higher unit's subordinate plans with their
conformity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_edit_plans, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.cascade.conformity import ConformityResult, check
from loa.cascade.derive import DEFAULT_MAPPINGS, MappingRule, derive_tasks, issue_deadline
from loa.cascade.model import Passage, PlanView, TaskView, split_sentences
from loa.text.folding import fold
from loa.units.choices import Level
from loa.units.models import Unit
from loa.units.queries import province_of, subtree_ids

from .choices import PlanStatus
from .errors import InvalidPlanData
from .models import AgencyMapping, Plan, PlanReference, PlanSection, Task
from .services import PlanInput, add_task, create_plan, split_number, task_input_of

_PURPOSE_TITLES = ("muc dich", "muc tieu")


def _task_view(position: int, task: Task) -> TaskView:
    return TaskView(
        ref=_("Nhiệm vụ %(n)s") % {"n": position},
        title=task.title,
        product=task.product,
        lead=str(task.lead_agency) if task.lead_agency_id else task.lead_text,
        cooperating=tuple(task.cooperating_text),
        channel=task.channel,
        timing_text=" – ".join(t for t in (task.timing_text, task.end_timing_text) if t),
        recurrence=task.recurrence or None,
        start=task.start,
        end=task.end,
        count=task.count_per_period,
        quota_measure=task.quota_measure or None,
        quota_minimum=task.quota_minimum,
    )


def _prefetched(plan: Plan, name: str) -> bool:
    return name in getattr(plan, "_prefetched_objects_cache", {})


def _tasks_of(plan: Plan) -> list[Task]:
    if _prefetched(plan, "tasks"):
        return sorted(plan.tasks.all(), key=lambda t: (t.position, t.pk))
    return list(plan.tasks.select_related("lead_agency").order_by("position", "pk"))


def _references_of(plan: Plan) -> list[PlanReference]:
    if _prefetched(plan, "references"):
        return sorted(plan.references.all(), key=lambda r: (r.position, r.pk))
    return list(plan.references.select_related("referenced_plan").order_by("position"))


def plan_view(plan: Plan) -> PlanView:
    """What the conformity check compares of a plan, from its rows (prefetched ones if there)."""
    tasks = _tasks_of(plan)
    sections = (
        sorted(plan.sections.all(), key=lambda s: s.position)
        if _prefetched(plan, "sections")
        else list(plan.sections.order_by("position"))
    )
    passages: list[Passage] = []
    purposes: list[Passage] = []
    for section in sections:
        where = f"Mục {section.numeral}" if section.numeral else section.title
        passages.append(Passage(where, section.title))
        sentences = [s for line in section.text.splitlines() for s in split_sentences(line)]
        for n, sentence in enumerate(sentences, start=1):
            passage = Passage(f"{where}, ý {n}", sentence)
            passages.append(passage)
            if any(word in fold(section.title) for word in _PURPOSE_TITLES):
                purposes.append(passage)
    channels = set(plan.channels) | {t.channel for t in tasks if t.channel}
    return PlanView(
        ref=plan_reference(plan),
        year=plan.year,
        issue_date=plan.issue_date,
        themes=tuple(
            Passage(_("Nội dung tuyên truyền, ý %(n)s") % {"n": n}, text)
            for n, text in enumerate(plan.content_themes, start=1)
        ),
        purposes=tuple(purposes),
        audiences=tuple(plan.audiences),
        channels=frozenset(channels),
        reporting_periods=frozenset(plan.reporting_periods),
        tasks=tuple(_task_view(n, task) for n, task in enumerate(tasks, start=1)),
        passages=tuple(passages),
    )


def plan_reference(plan: Plan) -> str:
    number = f" số {plan.number_and_symbol}" if plan.number is not None else ""
    return f"Kế hoạch{number} của {plan.issuer_name or plan.unit.name}"


def _ancestor_ids(unit: Unit) -> list[int]:
    ids, node = [], unit.parent
    while node is not None and node.level != Level.NATIONAL:
        ids.append(node.pk)
        node = node.parent
    return ids


def higher_plan_of(plan: Plan) -> Plan | None:
    """The higher plan this one implements: linked in Loa, or cited by its number.

    "Căn cứ Kế hoạch số 29/KH-UBND …" finds plan 29/KH-UBND of a unit above this one.
    """
    references = _references_of(plan)
    for reference in references:
        if reference.referenced_plan_id:
            return reference.referenced_plan
    ancestors = _ancestor_ids(plan.unit)
    if not ancestors:
        return None
    for reference in references:
        number, symbol = split_number(reference.number or reference.raw.split(" ")[0])
        if number is None:
            continue
        years = {plan.year, reference.issued_on.year if reference.issued_on else plan.year}
        found = (
            Plan.objects.filter(unit_id__in=ancestors, number=number, year__in=years)
            .filter(Q(symbol=symbol) | Q(symbol__iexact=symbol))
            .order_by("-year")
            .first()
        )
        if found is not None:
            return found
    return None


def mapping_rules(unit: Unit) -> tuple[MappingRule, ...]:
    """The province's own mapping rows, then the general rows, then Loa's defaults."""
    province = province_of(unit)
    rows = AgencyMapping.objects.filter(Q(province=province) | Q(province__isnull=True)).order_by(
        "province_id", "position", "pk"
    )
    own = [r for r in rows if r.province_id is not None] + [r for r in rows if r.province_id is None]
    return tuple(
        MappingRule(higher=r.higher_name, lower=r.lower_name, era=r.era or None) for r in own
    ) + tuple(DEFAULT_MAPPINGS)


def conformity_of(plan: Plan, higher: Plan | None = None) -> tuple[Plan | None, ConformityResult | None]:
    """(higher plan, result) of checking `plan` against the plan it implements."""
    higher = higher or higher_plan_of(plan)
    if higher is None:
        return None, None
    higher_view = plan_view(higher)
    return higher, check(higher_view, plan_view(plan), issue_deadline=issue_deadline(higher_view))


def _reference_to(higher: Plan) -> dict[str, Any]:
    return {
        "referenced_plan": higher,
        "number": higher.number_and_symbol,
        "issuer": higher.issuer_name or higher.unit.name,
        "issued_on": higher.issue_date,
        "title": higher.title,
        "raw": _("%(ref)s ngày %(date)s về %(title)s")
        % {
            "ref": higher.number_and_symbol or "",
            "date": higher.issue_date.strftime("%d/%m/%Y") if higher.issue_date else "…",
            "title": higher.title,
        },
    }


@transaction.atomic
def link_higher_plan(plan: Plan, higher: Plan, *, actor: Any) -> PlanReference:
    """Record that `plan` implements `higher` (its first Căn cứ), so the two can be compared."""
    ensure(can_edit_plans(actor, plan.unit_id))
    if plan.unit_id == higher.unit_id or plan.unit_id not in subtree_ids(higher.unit):
        raise InvalidPlanData(_("Kế hoạch cấp trên phải của đơn vị cấp trên của đơn vị này."))
    existing = plan.references.filter(referenced_plan=higher).first()
    if existing is not None:
        return existing
    plan.references.update(position=F("position") + 1)
    reference = PlanReference.objects.create(plan=plan, position=0, **_reference_to(higher))
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.PLAN_UPDATED, target=plan,
        summary=_("Căn cứ %(higher)s") % {"higher": plan_reference(higher)},
    )  # fmt: skip
    return reference


@transaction.atomic
def draft_from_higher(higher: Plan, unit: Unit, *, actor: Any) -> Plan:
    """A draft plan of `unit` written from `higher`: based-on, purposes, audiences, themes,
    channels, reporting periods, and the tasks that apply at its level with their bodies mapped."""
    ensure(can_edit_plans(actor, unit))
    if unit.pk not in subtree_ids(higher.unit) or unit.pk == higher.unit_id:
        raise InvalidPlanData(_("Đơn vị này không trực thuộc đơn vị ban hành kế hoạch cấp trên."))
    higher_view = plan_view(higher)
    title = _("Thông tin, tuyên truyền cải cách hành chính %(unit)s năm %(year)s") % {
        "unit": unit.name[:1].lower() + unit.name[1:],
        "year": higher.year,
    }
    plan = create_plan(
        unit,
        PlanInput(
            year=higher.year,
            title=title,
            audiences=list(higher.audiences),
            content_themes=list(higher.content_themes),
            # the plan's list and its tasks' channels: the check counts both
            channels=list(
                dict.fromkeys([*higher.channels, *(t.channel for t in _tasks_of(higher) if t.channel)])
            ),
            reporting_periods=list(higher.reporting_periods),
        ),
        actor=actor,
    )
    PlanReference.objects.create(plan=plan, position=0, **_reference_to(higher))
    for position, section in enumerate(higher.sections.order_by("position")):
        if any(word in fold(section.title) for word in _PURPOSE_TITLES):
            PlanSection.objects.create(
                plan=plan, position=position, numeral=section.numeral, title=section.title, text=section.text
            )
            break
    sources = {view.ref: task for view, task in zip(higher_view.tasks, _tasks_of(higher), strict=True)}
    for derived in derive_tasks(higher_view, mapping_rules(unit), unit=unit.running_name, era=unit.era):
        # The source task as input keeps its two time columns and the frequency and quota
        # corrected by hand; the derived task gives the local bodies.
        data = task_input_of(sources[derived.source_ref], higher.year)
        data.title, data.product = derived.title, derived.product
        data.lead, data.cooperating = derived.lead, list(derived.cooperating)
        data.channel = derived.channel or data.channel
        add_task(plan, data, actor=actor)
    return plan


@dataclass
class SubordinatePlan:
    unit: Unit
    plan: Plan | None
    higher: Plan | None
    result: ConformityResult | None
    deadline: dt.date | None

    @property
    def issued_late(self) -> bool:
        return bool(
            self.plan and self.plan.issue_date and self.deadline and self.plan.issue_date > self.deadline
        )


def subordinate_plans(unit: Unit, year: int) -> list[SubordinatePlan]:
    """Each unit directly below `unit` with its plan of the year and that plan's conformity."""
    children = list(unit.children.filter(era=unit.era).order_by("name"))
    plans: dict[int, Plan] = {}
    for issued in (
        Plan.objects.filter(unit__in=children, year=year)
        .exclude(status=PlanStatus.DRAFT)
        .select_related("unit", "unit__parent")
        .prefetch_related(
            Prefetch("tasks", queryset=Task.objects.select_related("lead_agency")),
            "sections",
            Prefetch("references", queryset=PlanReference.objects.select_related("referenced_plan")),
        )
        .order_by("issue_date", "pk")
    ):
        plans.setdefault(issued.unit_id, issued)
    own = Plan.objects.filter(unit=unit, year=year).exclude(status=PlanStatus.DRAFT).order_by("-pk").first()
    own_view = plan_view(own) if own else None
    deadline = issue_deadline(own_view) if own_view else None
    rows = []
    for child in children:
        plan = plans.get(child.pk)
        higher: Plan | None = None
        result: ConformityResult | None = None
        if plan is not None:
            higher = higher_plan_of(plan) or own
            if higher is not None:
                higher_view = own_view if own is not None and higher.pk == own.pk else plan_view(higher)
                assert higher_view is not None
                result = check(higher_view, plan_view(plan), issue_deadline=issue_deadline(higher_view))
        rows.append(SubordinatePlan(child, plan, higher, result, deadline))
    return rows


__all__ = [
    "conformity_of", "draft_from_higher", "higher_plan_of", "link_higher_plan", "mapping_rules", "plan_view",
    "subordinate_plans",
]  # fmt: skip
