"""A live year of tracking data: one province and some of its communes, Jan 1 to today.

Plans and tasks go through the plan services like a user's; the activities that a
year of staff work would leave are generated from a catalogue of tasks taken from the
seed plans' appendices and bulk-inserted, then every occurrence is reassessed once.

Rules a caller can rely on:
- Deterministic: the same seed, year and `today` give the same plans, tasks and
  activities (each unit draws from its own random stream, keyed by its code, so a unit's
  data does not depend on which other units are generated).
- Idempotent: when the province already has a plan for the year nothing is written and
  the summary describes what is there.
- Nothing happens after `today`: activities are dated 1 January to `today`; plans are
  issued in January or early February, never after `today`.
- Evidence follows the real rule (`loa.tracking.fulfilment`): an occurrence the rng
  decides a unit meets gets activities that add up to its task's count and quota; one it
  misses gets nothing or too little. Late work is dated after the due date, which only
  a single-period task can show: like `log_activity`, activities are linked with
  `occurrence_on`, so a late monthly column would count for the next month.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.accounts.services import grant_role
from loa.activities.models import Activity
from loa.activities.scheduling import occurrence_on, reassess
from loa.activities.tallies import rebuild_tallies
from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.plans.choices import OccurrenceStatus, ReportingPeriod
from loa.plans.models import Occurrence, Plan, Task
from loa.plans.services import PlanInput, TaskInput, add_task, create_plan, issue_plan
from loa.tracking.fulfilment import Requirement
from loa.units.choices import Era, Level, UnitKind
from loa.units.models import Unit

from .catalogue import (
    CATALOGUE,
    COMMUNE_EXTRAS,
    PROVINCE_EXTRAS,
    SIGNERS,
    TOPICS,
    TaskTemplate,
    activity_cost,
    extra_days,
    task_evidence,
)

DEMO_PASSWORD = "loa-demo-2026"
# Hưng Yên and its Phường Đường Hào: the 2025 successor of the commune of seed 000, so
# the demo shows a legacy plan reaching today's units through the merger links.
DEMO_PROVINCE_CODE = "33"
DEMO_COMMUNE_CODE = "12133"
# The commune login made when Phường Đường Hào (demo.xa's unit) is not a live commune.
LIVE_COMMUNE_LOGIN = ("demo.phuong", "Nguyễn Thị Thu Phương")

PROVINCE_DILIGENCE = 0.9
COMMUNE_DILIGENCE = (0.78, 0.95)
LAGGING_DILIGENCE = (0.55, 0.6)
"""Chance that a unit meets a period's requirement; one commune is clearly behind."""


@dataclass
class LiveSummary:
    """What the live year holds: its plans, tasks, occurrences by status and activities.

    `today` is the day asked for; `last_activity` the latest activity of the year, which
    tells how far data made on an earlier day reaches.
    """

    year: int
    today: dt.date
    created: bool = False
    last_activity: dt.date | None = None
    units: list[str] = field(default_factory=list)
    plans: int = 0
    tasks: int = 0
    occurrences: int = 0
    activities: int = 0
    done: int = 0
    late: int = 0
    missed: int = 0
    pending: int = 0
    login: tuple[str, str, str] | None = None


def demo_user(username: str, full_name: str, *, superuser: bool = False) -> User:
    """A demo login with the demo password, created once and left alone afterwards."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "email": f"{username}@demo.loa.invalid",  # reminders print to the console in the demo
            "is_staff": True,
            "is_superuser": superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def build_live_year(
    *,
    year: int,
    today: dt.date,
    seed: int = 2026,
    province_code: str = DEMO_PROVINCE_CODE,
    commune_codes: Sequence[str] | None = None,
    communes: int = 5,
    actor: Any,
) -> LiveSummary:
    """Plans of a 2025-era province and `communes` of its communes for `year`, tracked to `today`.

    `commune_codes` picks the communes; otherwise Phường Đường Hào when the province holds
    it, then others drawn by `seed`; they are handled and listed in code order. `actor`
    must be allowed to edit the plans of every unit (a superuser). Raises ValueError for
    an unknown province or commune, or a `today` before the plan year.
    """
    if today < dt.date(year, 1, 1):
        raise ValueError(f"today ({today}) is before the plan year {year}")
    province = Unit.objects.filter(era=Era.CURRENT, level=Level.PROVINCE, code=province_code).first()
    if province is None:
        raise ValueError(f"no 2025 province with code {province_code}: run `loa units load` first")
    with transaction.atomic():
        if Plan.objects.filter(unit=province, year=year).exists():
            live_units = _units_with_plans(province, year)
            summary = _summary(province, year, today)
        else:
            live_units = _pick_communes(province, seed, commune_codes, communes)
            _generate(province, live_units, year=year, today=today, seed=seed, actor=actor)
            summary = _summary(province, year, today)
            summary.created = True
        summary.units = [unit.name for unit in live_units]
        summary.login = _ensure_commune_login(live_units)
    return summary


def _pick_communes(province: Unit, seed: int, codes: Sequence[str] | None, count: int) -> list[Unit]:
    available = list(
        Unit.objects.filter(parent=province, era=Era.CURRENT, level=Level.COMMUNE).order_by("code")
    )
    if codes is not None:
        by_code = {unit.code: unit for unit in available}
        unknown = [code for code in codes if code not in by_code]
        if unknown:
            raise ValueError(f"not 2025 communes of {province.name}: {', '.join(unknown)}")
        return [unit for unit in available if unit.code in codes]
    anchor = [unit for unit in available if unit.code == DEMO_COMMUNE_CODE][:count]
    others = [unit for unit in available if unit.code != DEMO_COMMUNE_CODE]
    drawn = random.Random(seed).sample(others, min(count - len(anchor), len(others)))
    return sorted(anchor + drawn, key=lambda unit: unit.code or "")


def _units_with_plans(province: Unit, year: int) -> list[Unit]:
    communes = Unit.objects.filter(parent=province, level=Level.COMMUNE, plans__year=year)
    return list(communes.distinct().order_by("code"))


def _ensure_commune_login(communes: list[Unit]) -> tuple[str, str, str] | None:
    """An editor of the first live commune, unless demo.xa's commune is live."""
    if not communes or any(unit.code == DEMO_COMMUNE_CODE for unit in communes):
        return None
    first = communes[0]
    username, full_name = LIVE_COMMUNE_LOGIN
    grant_role(demo_user(username, full_name), first, Role.EDITOR, actor=None)
    return username, DEMO_PASSWORD, f"biên tập kế hoạch, {first.name}"


def _summary(province: Unit, year: int, today: dt.date) -> LiveSummary:
    plans = Plan.objects.filter(Q(unit=province) | Q(unit__parent=province), year=year)
    occurrences = Occurrence.objects.filter(task__plan__in=plans)
    by_status = dict(occurrences.values_list("status").annotate(n=Count("pk")).order_by("status"))
    activities = Activity.objects.filter(unit_id__in=plans.values("unit_id"), happened_on__year=year)
    return LiveSummary(
        year=year,
        today=today,
        plans=plans.count(),
        tasks=Task.objects.filter(plan__in=plans).count(),
        occurrences=sum(by_status.values()),
        activities=activities.count(),
        last_activity=activities.aggregate(last=Max("happened_on"))["last"],
        done=by_status.get(OccurrenceStatus.DONE, 0),
        late=by_status.get(OccurrenceStatus.LATE, 0),
        missed=by_status.get(OccurrenceStatus.MISSED, 0),
        pending=by_status.get(OccurrenceStatus.PENDING, 0),
    )


# Generation -------------------------------------------------------------------------------


@dataclass
class _UnitPlan:
    unit: Unit
    plan: Plan
    rng: random.Random
    diligence: float
    tasks: list[tuple[Task, TaskTemplate]] = field(default_factory=list)


def _generate(
    province: Unit, communes: list[Unit], *, year: int, today: dt.date, seed: int, actor: Any
) -> None:
    last_day = min(today, dt.date(year, 12, 31))
    rngs = {unit.code: random.Random(f"{seed}:{year}:{unit.code}") for unit in [province, *communes]}
    lagging = _lagging_commune(communes, seed)
    province_issued = _issue_day(year, rngs[province.code].randint(4, 15), today)
    unit_plans = [_plan_for(province, year, province_issued, rngs[province.code], PROVINCE_DILIGENCE, actor)]
    for commune in communes:
        rng = rngs[commune.code]
        diligence = rng.uniform(*LAGGING_DILIGENCE if commune == lagging else COMMUNE_DILIGENCE)
        issued = _issue_day(year, (province_issued - dt.date(year, 1, 1)).days + rng.randint(3, 25), today)
        unit_plans.append(_plan_for(commune, year, issued, rng, diligence, actor))
    plans = [unit_plan.plan for unit_plan in unit_plans]
    occurrences: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in Occurrence.objects.filter(task__plan__in=plans).order_by("task_id", "period_start"):
        occurrences[occurrence.task_id].append(occurrence)
    activities: list[Activity] = []
    for unit_plan in unit_plans:
        made = _unit_activities(
            unit_plan, occurrences, year=year, today=today, last_day=last_day, actor=actor
        )
        activities += made
        record_change(
            actor=actor,
            unit=unit_plan.unit,
            verb=Verb.ACTIVITY_LOGGED,
            target=unit_plan.plan,
            summary=_("Dữ liệu mẫu: %(n)s hoạt động") % {"n": len(made)},
        )
    Activity.objects.bulk_create(activities, batch_size=500)
    reassess(Occurrence.objects.filter(task__plan__in=plans), on=today)
    rebuild_tallies([unit_plan.unit.pk for unit_plan in unit_plans])


def _lagging_commune(communes: list[Unit], seed: int) -> Unit | None:
    """The one commune clearly behind: never demo.xa's, so the demo commune looks ordinary."""
    candidates = [unit for unit in communes if unit.code != DEMO_COMMUNE_CODE]
    return random.Random(f"{seed}:lagging").choice(candidates) if candidates else None


def _issue_day(year: int, offset: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 1, 1) + dt.timedelta(days=offset), today)


def _plan_for(
    unit: Unit, year: int, issued: dt.date, rng: random.Random, diligence: float, actor: Any
) -> _UnitPlan:
    is_province = unit.level == Level.PROVINCE
    templates = _templates_for(rng, province=is_province)
    kind = "thành phố" if unit.kind == UnitKind.MUNICIPALITY else unit.kind
    plan = create_plan(
        unit,
        PlanInput(
            year=year,
            title=(
                f"Thông tin, tuyên truyền cải cách hành chính năm {year}"
                if is_province
                else f"Tuyên truyền cải cách hành chính {kind} {unit.short_name} năm {year}"
            ),
            issuer_name=f"Ủy ban nhân dân {kind} {unit.short_name}",
            place=unit.short_name,
            signer_name=rng.choice(SIGNERS),
            signing_authority="TM. ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
            budget_source=f"Ngân sách nhà nước bố trí cho công tác cải cách hành chính năm {year}",
            audiences=[
                "Cán bộ, công chức, viên chức, người lao động",
                "Người dân, doanh nghiệp và các tổ chức trên địa bàn",
            ],
            content_themes=[
                "Chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính",
                "Kết quả thực hiện cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông",
                "Chuyển đổi số, dịch vụ công trực tuyến, Đề án 06",
                "Chỉ số CCHC (PAR INDEX), Chỉ số hài lòng (SIPAS)",
            ],
            channels=list(dict.fromkeys(t.channel.value for t in templates)),
            reporting_periods=[
                ReportingPeriod.QUARTERLY.value,
                ReportingPeriod.SEMIANNUAL.value,
                ReportingPeriod.ANNUAL.value,
            ],
            recipients=_recipients(unit, kind, is_province=is_province),
        ),
        actor=actor,
    )
    unit_plan = _UnitPlan(unit=unit, plan=plan, rng=rng, diligence=diligence)
    for template in templates:
        task = add_task(
            plan,
            TaskInput(
                title=template.title.format(year=year),
                product=template.product,
                lead=template.province_lead if is_province else template.lead,
                cooperating=list(template.province_cooperating if is_province else template.cooperating),
                timing_text=template.timing.format(year=year),
                channel=template.channel,
                estimated_cost=Decimal(template.budget) if template.budget else None,
            ),
            actor=actor,
        )
        unit_plan.tasks.append((task, template))
    number = rng.randint(10, 60) if is_province else rng.randint(5, 40)
    taken = Plan.objects.filter(unit=unit, year=year, symbol=plan.symbol, number=number).exists()
    unit_plan.plan = issue_plan(plan, number=None if taken else number, issue_date=issued, actor=actor)
    return unit_plan


def _templates_for(rng: random.Random, *, province: bool) -> list[TaskTemplate]:
    """About 15 tasks for a province, 12 to 20 for a commune, in catalogue order."""
    usable = [t for t in CATALOGUE if (t.province_lead if province else t.lead)]
    count = min(rng.randint(14, 16) if province else rng.randint(12, 20), len(usable))
    core = [t for t in usable if t.core]
    rest = [t for t in usable if not t.core]
    chosen = set(core) | set(rng.sample(rest, max(count - len(core), 0)))
    return [t for t in usable if t in chosen]


def _recipients(unit: Unit, kind: str, *, is_province: bool) -> list[str]:
    if is_province:
        return [
            "Bộ Nội vụ (để báo cáo)",
            "Thường trực Tỉnh ủy, Thường trực HĐND tỉnh",
            "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Các sở, ban, ngành tỉnh",
            "UBND các xã, phường",
            "Báo và Phát thanh, Truyền hình tỉnh",
            "Lưu: VT, NV.",
        ]
    return [
        "UBND tỉnh (để báo cáo)",
        "Sở Nội vụ (để báo cáo)",
        f"Thường trực Đảng ủy, HĐND {kind}",
        f"Chủ tịch, các Phó Chủ tịch UBND {kind}",
        f"Các phòng, ban, đơn vị thuộc UBND {kind}",
        "Lưu: VT.",
    ]


def _unit_activities(
    unit_plan: _UnitPlan,
    occurrences: dict[int, list[Occurrence]],
    *,
    year: int,
    today: dt.date,
    last_day: dt.date,
    actor: Any,
) -> list[Activity]:
    rng, unit = unit_plan.rng, unit_plan.unit
    made: list[Activity] = []
    for task, template in unit_plan.tasks:
        task_occurrences = occurrences[task.pk]
        requirement = Requirement.of(
            count=task.count_per_period, measure=task.quota_measure, minimum=task.quota_minimum
        )
        measure = requirement.measure or template.measure
        for day, quantity in task_evidence(
            template, requirement, task_occurrences, rng, unit_plan.diligence, today, last_day
        ):
            made.append(
                Activity(
                    unit=unit,
                    occurrence=occurrence_on(task_occurrences, day),
                    channel=template.channel,
                    happened_on=day,
                    title=template.activity.format(topic=rng.choice(TOPICS))[:300],
                    quantity=Decimal(quantity),
                    measure=measure,
                    cost=activity_cost(template, quantity, rng),
                    created_by=actor,
                )
            )
    extras = PROVINCE_EXTRAS if unit.level == Level.PROVINCE else COMMUNE_EXTRAS
    for day in extra_days(rng, year, last_day):
        extra = rng.choice(extras)
        made.append(
            Activity(
                unit=unit,
                occurrence=None,
                channel=extra.channel,
                happened_on=day,
                title=extra.title.format(topic=rng.choice(TOPICS))[:300],
                quantity=Decimal(rng.randint(*extra.quantity)),
                measure=extra.measure,
                created_by=actor,
            )
        )
    return made
