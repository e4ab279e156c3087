"""Every write to plans, their sections, references and tasks.

Each public function is one transaction, checks permission with `ensure()` first and
writes its change-log row inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_edit_plans, ensure
from loa.activities.scheduling import regenerate_occurrences
from loa.activities.tallies import refresh_plan_tallies
from loa.audit.models import Verb
from loa.audit.services import diff, record_change, snapshot
from loa.text.plan_import.channels import classify
from loa.text.timing import parse_timing
from loa.units.models import Unit
from loa.units.services import find_or_create_agency

from .choices import Channel, ImportStatus, Measure, PlanStatus, Recurrence, ReportingPeriod
from .errors import ImportNotReady, InvalidPlanData, PlanNumberTaken
from .models import Plan, PlanImport, PlanReference, PlanSection, Task

TASK_FIELDS = [
    "position", "title", "product", "lead_text", "cooperating_text", "channel", "timing_text",
    "end_timing_text", "recurrence", "start", "end", "count_per_period", "quota_measure",
    "quota_minimum", "quota_maximum", "estimated_cost", "note",
]  # fmt: skip
PLAN_FIELDS = [
    "year", "title", "symbol", "issuer_name", "place", "signer_name", "signing_authority",
    "signer_title", "budget_source", "yearly_theme", "audiences", "content_themes", "channels",
    "reporting_periods", "recipients", "status", "number", "issue_date",
]  # fmt: skip

MAX_COUNT = 1000  # times a period; fits the small-integer column
MAX_QUOTA = 1_000_000_000  # minutes, copies, attendees … a period; fits the integer column
_NUMBER_RE = re.compile(r"^\s*0*(\d{1,6})\s*/\s*([\w.\-Đđ]+)\s*$", re.UNICODE)


def split_number(text: str | None) -> tuple[int | None, str]:
    """'11/KH-UBND' → (11, 'KH-UBND'); '/KH-UBND' or '' → (None, 'KH-UBND' or '')."""
    if not text:
        return None, ""
    match = _NUMBER_RE.match(text.replace(" ", ""))
    if match:
        return int(match.group(1)), match.group(2)
    symbol = text.split("/")[-1].strip() if "/" in text else ""
    return None, symbol[:40]


def next_plan_number(unit: Unit, year: int, symbol: str = "KH-UBND") -> int:
    """The next free number of this issuer's plans for the year (numbers restart each year)."""
    last = Plan.objects.filter(unit=unit, year=year, symbol=symbol).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


@dataclass
class TaskInput:
    """A task as a form, the importer or the API gives it; timing is parsed from the text."""

    title: str
    product: str = ""
    lead: str = ""
    cooperating: list[str] = field(default_factory=list)
    timing_text: str = ""
    end_timing_text: str = ""
    recurrence: str = ""
    channel: str = ""
    note: str = ""
    estimated_cost: Decimal | None = None
    # Set by a user who corrects what the timing text gives; None/"" keeps the parse.
    count_per_period: int | None = None
    quota_measure: str = ""
    quota_minimum: int | None = None
    quota_maximum: int | None = None


class TaskTiming(NamedTuple):
    """A task's timing fields as its "Thời gian thực hiện" cell gives them for a plan year."""

    recurrence: str
    start: dt.date | None
    end: dt.date | None
    count_per_period: int | None
    quota_measure: str
    quota_minimum: int | None
    quota_maximum: int | None
    flags: tuple[str, ...]


def read_timing(timing_text: str, end_timing_text: str, plan_year: int) -> TaskTiming:
    """The timing cell (and its "Thời gian hoàn thành" twin) read by the core parser."""
    timing = parse_timing(timing_text, plan_year=plan_year, end_text=end_timing_text or None)
    start, end = timing.start, timing.end
    if start and end and start > end:
        start, end = end, start
    quota = timing.quota
    return TaskTiming(
        recurrence=timing.recurrence.value if timing.recurrence else "",
        start=start,
        end=end,
        count_per_period=timing.count,
        quota_measure=quota.measure.value if quota else "",
        quota_minimum=quota.minimum if quota else None,
        quota_maximum=quota.maximum if quota else None,
        flags=tuple(sorted(flag.value for flag in timing.flags)),
    )


def _apply_timing(task: Task, plan_year: int, recurrence_override: str = "") -> None:
    timing = read_timing(task.timing_text, task.end_timing_text, plan_year)
    task.recurrence = recurrence_override or timing.recurrence
    task.start, task.end = timing.start, timing.end
    task.count_per_period = timing.count_per_period
    task.quota_measure = timing.quota_measure
    task.quota_minimum, task.quota_maximum = timing.quota_minimum, timing.quota_maximum
    task.timing_flags = list(timing.flags)


def _fill_task(task: Task, data: TaskInput, *, actor: Any) -> None:
    """Copy a TaskInput onto a task (not saved), parsing its timing text."""
    title = " ".join(data.title.split())
    if not title:
        raise InvalidPlanData(_("Nhiệm vụ thứ %(n)s chưa có nội dung.") % {"n": task.position + 1})
    if data.recurrence and data.recurrence not in Recurrence.values:
        raise InvalidPlanData(_("Tần suất không hợp lệ: %(value)s.") % {"value": data.recurrence})
    if data.channel and data.channel not in Channel.values:
        raise InvalidPlanData(_("Hình thức không hợp lệ: %(value)s.") % {"value": data.channel})
    if data.quota_measure and data.quota_measure not in Measure.values:
        raise InvalidPlanData(_("Đơn vị chỉ tiêu không hợp lệ: %(value)s.") % {"value": data.quota_measure})
    if data.estimated_cost is not None and data.estimated_cost < 0:
        raise InvalidPlanData(_("Kinh phí dự kiến không được âm."))
    if data.estimated_cost is not None and data.estimated_cost >= Decimal(10) ** 14:
        raise InvalidPlanData(_("Kinh phí dự kiến quá lớn."))
    if data.count_per_period is not None and not 0 <= data.count_per_period <= MAX_COUNT:
        raise InvalidPlanData(_("Số lần mỗi kỳ phải từ 0 đến %(max)s.") % {"max": MAX_COUNT})
    for amount in (data.quota_minimum, data.quota_maximum):
        if amount is not None and not 0 <= amount <= MAX_QUOTA:
            raise InvalidPlanData(_("Chỉ tiêu phải từ 0 đến %(max)s.") % {"max": MAX_QUOTA})
    task.title = title
    task.product = data.product.strip()
    task.lead_text = data.lead.strip()[:300]
    task.cooperating_text = [c.strip() for c in data.cooperating if c.strip()]
    task.channel = data.channel or _channel_of(title, data.product)
    task.timing_text = data.timing_text.strip()[:300]
    task.end_timing_text = data.end_timing_text.strip()[:300]
    task.note = data.note.strip()
    task.estimated_cost = data.estimated_cost
    _apply_timing(task, task.plan.year, data.recurrence)
    if data.count_per_period is not None:
        task.count_per_period = data.count_per_period or None
    if data.quota_measure:
        task.quota_measure = data.quota_measure
        task.quota_minimum = data.quota_minimum
        task.quota_maximum = data.quota_maximum
    if (
        task.quota_minimum is not None
        and task.quota_maximum is not None
        and task.quota_minimum > task.quota_maximum
    ):
        raise InvalidPlanData(_("Chỉ tiêu tối thiểu lớn hơn chỉ tiêu tối đa."))
    task.lead_agency = (
        find_or_create_agency(task.plan.unit, task.lead_text, actor=actor) if task.lead_text else None
    )


def _channel_of(*texts: str) -> str:
    """The channel a task's own words name ("trên sóng Đài truyền thanh" → radio), if any."""
    found = classify([" ".join(t.split()) for t in texts if t.strip()])
    return next(iter(found), "")


def _save_task(task: Task, *, actor: Any) -> Task:
    task.save()
    task.cooperating_agencies.set(
        [find_or_create_agency(task.plan.unit, name, actor=actor) for name in task.cooperating_text]
    )
    regenerate_occurrences(task)
    return task


def _build_task(plan: Plan, data: TaskInput, position: int, *, actor: Any) -> Task:
    task = Task(plan=plan, position=position)
    _fill_task(task, data, actor=actor)
    return _save_task(task, actor=actor)


def _editable_plan(plan: Plan | int, actor: Any) -> Plan:
    """The plan, locked for the transaction, after checking the actor may change it."""
    pk = plan if isinstance(plan, int) else plan.pk
    locked = Plan.objects.select_for_update().select_related("unit").get(pk=pk)
    ensure(can_edit_plans(actor, locked.unit_id))
    if locked.status == PlanStatus.CLOSED:
        raise InvalidPlanData(_("Kế hoạch đã kết thúc, không sửa được nữa."))
    return locked


@dataclass
class PlanInput:
    """The header of a plan as the plan form gives it."""

    year: int
    title: str
    symbol: str = "KH-UBND"
    issuer_name: str = ""
    place: str = ""
    signer_name: str = ""
    signing_authority: str = ""
    signer_title: str = ""
    budget_source: str = ""
    yearly_theme: str = ""
    audiences: list[str] = field(default_factory=list)
    content_themes: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    reporting_periods: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def _fill_plan(plan: Plan, data: PlanInput) -> None:
    if not 2000 <= data.year <= 2100:
        raise InvalidPlanData(_("Năm kế hoạch phải là một năm từ 2000 đến 2100."))
    title = " ".join(data.title.split())
    if not title:
        raise InvalidPlanData(_("Cần nhập trích yếu của kế hoạch."))
    bad = [c for c in data.channels if c not in Channel.values]
    bad += [p for p in data.reporting_periods if p not in ReportingPeriod.values]
    if bad:
        raise InvalidPlanData(_("Giá trị không hợp lệ: %(values)s.") % {"values": ", ".join(bad)})
    plan.year = data.year
    plan.title = title[:500]
    plan.symbol = " ".join(data.symbol.split())[:40] or "KH-UBND"
    for name in ("issuer_name", "place", "signer_name", "signing_authority", "signer_title"):
        setattr(plan, name, " ".join(getattr(data, name).split())[:200])
    plan.issuer_name = plan.issuer_name or plan.unit.name
    plan.budget_source = data.budget_source.strip()[:500]
    plan.yearly_theme = data.yearly_theme.strip()[:500]
    plan.audiences = _strings(data.audiences)
    plan.content_themes = _strings(data.content_themes)
    plan.channels = list(dict.fromkeys(data.channels))
    plan.reporting_periods = list(dict.fromkeys(data.reporting_periods))
    plan.recipients = _strings(data.recipients)


@transaction.atomic
def create_plan(unit: Unit, data: PlanInput, *, actor: Any) -> Plan:
    """A new draft plan of `unit`; its number is given when it is issued."""
    ensure(can_edit_plans(actor, unit))
    plan = Plan(unit=unit, status=PlanStatus.DRAFT, created_by=actor, issuer_name=unit.name)
    _fill_plan(plan, data)
    plan.save()
    record_change(
        actor=actor, unit=unit, verb=Verb.PLAN_CREATED, target=plan, summary=str(plan),
        after=snapshot(plan, PLAN_FIELDS),
    )  # fmt: skip
    return plan


@transaction.atomic
def update_plan(plan: Plan, data: PlanInput, *, actor: Any) -> Plan:
    """Change a plan's header; a new year re-reads every task's timing and schedule."""
    plan = _editable_plan(plan, actor)
    before = snapshot(plan, PLAN_FIELDS)
    old_year = plan.year
    tasks = list(plan.tasks.all())
    inputs = [task_input_of(task, old_year) for task in tasks]  # read before the year changes
    _fill_plan(plan, data)
    plan.save()
    if plan.year != old_year:
        for task, task_data in zip(tasks, inputs, strict=True):
            task.plan = plan
            _fill_task(task, task_data, actor=actor)
            _save_task(task, actor=actor)
    old, new = diff(before, snapshot(plan, PLAN_FIELDS))
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.PLAN_UPDATED, target=plan, summary=str(plan),
        before=old, after=new,
    )  # fmt: skip
    return plan


def task_input_of(task: Task, year: int) -> TaskInput:
    """The task as input again, keeping what the user set over its timing text's reading."""
    parsed = parse_timing(task.timing_text, plan_year=year, end_text=task.end_timing_text or None)
    quota = parsed.quota
    parsed_quota = (quota.measure.value, quota.minimum, quota.maximum) if quota else None
    own_quota = (task.quota_measure, task.quota_minimum, task.quota_maximum)
    quota_set = bool(task.quota_measure) and own_quota != parsed_quota
    parsed_recurrence = parsed.recurrence.value if parsed.recurrence else ""
    recurrence = task.recurrence if task.recurrence != parsed_recurrence else ""
    return TaskInput(
        title=task.title,
        product=task.product,
        lead=task.lead_text,
        cooperating=list(task.cooperating_text),
        timing_text=task.timing_text,
        end_timing_text=task.end_timing_text,
        channel=task.channel,
        note=task.note,
        estimated_cost=task.estimated_cost,
        recurrence=recurrence,
        count_per_period=task.count_per_period if task.count_per_period != parsed.count else None,
        quota_measure=task.quota_measure if quota_set else "",
        quota_minimum=task.quota_minimum if quota_set else None,
        quota_maximum=task.quota_maximum if quota_set else None,
    )


@transaction.atomic
def close_plan(plan: Plan, *, actor: Any) -> Plan:
    """End an issued plan's year: it becomes read-only; its figures stay in the dashboards."""
    plan = _editable_plan(plan, actor)
    if plan.status != PlanStatus.ISSUED:
        raise InvalidPlanData(_("Chỉ kết thúc được kế hoạch đã ban hành."))
    plan.status = PlanStatus.CLOSED
    plan.save(update_fields=["status", "updated_at"])
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.PLAN_CLOSED, target=plan, summary=str(plan),
        before={"status": PlanStatus.ISSUED}, after={"status": PlanStatus.CLOSED},
    )  # fmt: skip
    return plan


@transaction.atomic
def add_task(plan: Plan, data: TaskInput, *, actor: Any) -> Task:
    """Append a task to the plan's appendix and schedule its occurrences."""
    plan = _editable_plan(plan, actor)
    last = plan.tasks.aggregate(m=Max("position"))["m"]
    position = 0 if last is None else last + 1
    task = _build_task(plan, data, position, actor=actor)
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.TASK_CREATED, target=task, summary=str(task),
        after=snapshot(task, TASK_FIELDS),
    )  # fmt: skip
    return task


@transaction.atomic
def update_task(task: Task, data: TaskInput, *, actor: Any) -> Task:
    """Change a task; its occurrences follow, keeping the activities already linked."""
    plan = _editable_plan(task.plan_id, actor)
    task = Task.objects.select_for_update().get(pk=task.pk, plan=plan)
    task.plan = plan
    before = snapshot(task, TASK_FIELDS)
    _fill_task(task, data, actor=actor)
    _save_task(task, actor=actor)
    old, new = diff(before, snapshot(task, TASK_FIELDS))
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.TASK_UPDATED, target=task, summary=str(task),
        before=old, after=new,
    )  # fmt: skip
    return task


@transaction.atomic
def delete_task(task: Task, *, actor: Any) -> None:
    """Remove a task; activities that fulfilled it stay in the log, unlinked."""
    plan = _editable_plan(task.plan_id, actor)
    task = Task.objects.get(pk=task.pk, plan=plan)
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.TASK_DELETED, target=task, summary=str(task),
        before=snapshot(task, TASK_FIELDS),
    )  # fmt: skip
    task.delete()
    plan.tasks.filter(position__gt=task.position).update(position=F("position") - 1)
    refresh_plan_tallies([plan.pk])


@transaction.atomic
def move_task(task: Task, *, offset: int, actor: Any) -> None:
    """Move a task up (offset -1) or down (+1) the appendix."""
    plan = _editable_plan(task.plan_id, actor)
    tasks = list(plan.tasks.select_for_update().order_by("position", "pk"))
    index = next(i for i, t in enumerate(tasks) if t.pk == task.pk)
    target = index + offset
    if not 0 <= target < len(tasks):
        return
    tasks.insert(target, tasks.pop(index))
    for position, row in enumerate(tasks):
        row.position = position
    Task.objects.bulk_update(tasks, ["position"])
    record_change(
        actor=actor, unit=plan.unit, verb=Verb.TASKS_REORDERED, target=plan,
        summary=_("Chuyển nhiệm vụ “%(task)s” lên vị trí %(n)s") % {"task": str(task)[:60], "n": target + 1},
    )  # fmt: skip


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _strings(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [" ".join(str(v).split()) for v in value if str(v).strip()]


@transaction.atomic
def save_imported_plan(plan_import: PlanImport, *, draft: dict[str, Any], actor: Any) -> Plan:
    """Turn a reviewed import draft into a draft plan with its sections, references and tasks.

    Agencies named by the tasks are matched to the unit's existing agencies by folded
    name and created when new. Nothing is written if any part is refused.
    """
    plan_import = PlanImport.objects.select_for_update().select_related("unit").get(pk=plan_import.pk)
    ensure(can_edit_plans(actor, plan_import.unit))
    if plan_import.status != ImportStatus.READY:
        raise ImportNotReady(_("Văn bản này chưa sẵn sàng để lưu hoặc đã được lưu."))
    year = draft.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise InvalidPlanData(_("Năm kế hoạch phải là một năm từ 2000 đến 2100."))
    number, symbol = split_number(draft.get("number"))
    title = " ".join(str(draft.get("title") or "").split()) or _(
        "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm %(year)s"
    ) % {"year": year}
    plan = Plan(
        unit=plan_import.unit,
        year=year,
        doc_type=str(draft.get("doc_type") or "KH")[:8],
        number=number,
        symbol=symbol or "KH-UBND",
        title=title[:500],
        issuer_name=str(draft.get("issuer") or "")[:200],
        place=str(draft.get("place") or draft.get("locality") or "")[:120],
        issue_date=_parse_date(draft.get("issue_date")),
        status=PlanStatus.DRAFT,
        signer_name=str(draft.get("signer") or "")[:120],
        signing_authority=str(draft.get("signing_authority") or "")[:120],
        signer_title=str(draft.get("signer_title") or "")[:120],
        recipients=_strings(draft.get("recipients")),
        budget_source=str(draft.get("budget_source") or "")[:500],
        reporting_periods=[
            p for p in _strings(draft.get("reporting_periods")) if p in ReportingPeriod.values
        ],
        audiences=_strings(draft.get("audiences")),
        content_themes=_strings(draft.get("content_themes")),
        channels=[c for c in _strings(draft.get("channels")) if c in Channel.values],
        source_text=plan_import.source_text,
        import_warnings=_strings(draft.get("warnings")),
        created_by=actor,
    )
    if (
        number is not None
        and Plan.objects.filter(unit=plan.unit, year=year, number=number, symbol=plan.symbol).exists()
    ):
        raise PlanNumberTaken(
            _("Đơn vị đã có kế hoạch số %(number)s năm %(year)s.")
            % {"number": plan.number_and_symbol, "year": year}
        )
    plan.source_file.name = plan_import.file.name
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise PlanNumberTaken(_("Số kế hoạch đã được dùng trong năm.")) from exc
    for position, ref in enumerate(draft.get("based_on") or []):
        if not isinstance(ref, dict):
            continue
        PlanReference.objects.create(
            plan=plan,
            position=position,
            number=str(ref.get("number") or "")[:60],
            issuer=str(ref.get("issuer") or "")[:200],
            issued_on=_parse_date(ref.get("date")),
            title=str(ref.get("title") or "")[:500],
            raw=str(ref.get("raw") or ""),
        )
    for position, section in enumerate(draft.get("sections") or []):
        if isinstance(section, dict) and str(section.get("title") or "").strip():
            PlanSection.objects.create(
                plan=plan,
                position=position,
                numeral=str(section.get("numeral") or "")[:8],
                title=str(section["title"]).strip()[:300],
                text=str(section.get("text") or ""),
            )
    for position, task in enumerate(draft.get("tasks") or []):
        if not isinstance(task, dict):
            continue
        _build_task(
            plan,
            TaskInput(
                title=str(task.get("title") or ""),
                product=str(task.get("product") or ""),
                lead=str(task.get("lead") or ""),
                cooperating=_strings(task.get("cooperating")),
                timing_text=str(task.get("timing_text") or ""),
                end_timing_text=str(task.get("end_timing_text") or ""),
                recurrence=str(task.get("recurrence") or ""),
                note=str(task.get("note") or ""),
            ),
            position,
            actor=actor,
        )
    plan_import.plan = plan
    plan_import.status = ImportStatus.SAVED
    plan_import.save(update_fields=["plan", "status", "updated_at"])
    record_change(
        actor=actor,
        unit=plan.unit,
        verb=Verb.PLAN_IMPORTED,
        target=plan,
        summary=_("Nhập từ %(name)s") % {"name": plan_import.original_name},
        after=snapshot(plan, ["year", "number", "symbol", "title", "issue_date", "status"]),
    )
    return plan


@transaction.atomic
def issue_plan(
    plan: Plan, *, number: int | None = None, issue_date: dt.date | None = None, actor: Any
) -> Plan:
    """Mark a draft plan as issued. It needs a number (the next free one if not given) and a date."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    ensure(can_edit_plans(actor, plan.unit_id))
    if plan.status != PlanStatus.DRAFT:
        raise InvalidPlanData(_("Chỉ ban hành được kế hoạch đang ở trạng thái dự thảo."))
    before = snapshot(plan, ["number", "issue_date", "status"])
    plan.number = (
        number if number is not None else plan.number or next_plan_number(plan.unit, plan.year, plan.symbol)
    )
    plan.issue_date = issue_date or plan.issue_date
    if plan.issue_date is None:
        raise InvalidPlanData(_("Cần nhập ngày ban hành."))
    clash = Plan.objects.filter(unit_id=plan.unit_id, year=plan.year, number=plan.number, symbol=plan.symbol)
    if clash.exclude(pk=plan.pk).exists():
        raise PlanNumberTaken(_("Số %(number)s đã được dùng trong năm.") % {"number": plan.number_and_symbol})
    plan.status = PlanStatus.ISSUED
    plan.save(update_fields=["number", "issue_date", "status", "updated_at"])
    record_change(
        actor=actor,
        unit=plan.unit,
        verb=Verb.PLAN_ISSUED,
        target=plan,
        summary=str(plan),
        before=before,
        after=snapshot(plan, ["number", "issue_date", "status"]),
    )
    return plan
