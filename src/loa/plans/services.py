"""Every write to plans, their sections, references and tasks.

Each public function is one transaction, checks permission with `ensure()` first and
writes its change-log row inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_edit_plans, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.text.timing import parse_timing
from loa.units.models import Unit
from loa.units.services import find_or_create_agency

from .choices import Channel, ImportStatus, PlanStatus, Recurrence, ReportingPeriod
from .errors import ImportNotReady, InvalidPlanData, PlanNumberTaken
from .models import Plan, PlanImport, PlanReference, PlanSection, Task

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


def _apply_timing(task: Task, plan_year: int, recurrence_override: str = "") -> None:
    timing = parse_timing(task.timing_text, plan_year=plan_year, end_text=task.end_timing_text or None)
    task.recurrence = recurrence_override or (timing.recurrence.value if timing.recurrence else "")
    task.start, task.end = timing.start, timing.end
    if task.start and task.end and task.start > task.end:
        task.start, task.end = task.end, task.start
    task.count_per_period = timing.count
    if timing.quota is not None:
        task.quota_measure = timing.quota.measure.value
        task.quota_minimum = timing.quota.minimum
        task.quota_maximum = timing.quota.maximum
    else:
        task.quota_measure, task.quota_minimum, task.quota_maximum = "", None, None
    task.timing_flags = sorted(flag.value for flag in timing.flags)


def _build_task(plan: Plan, data: TaskInput, position: int, *, actor: Any) -> Task:
    title = " ".join(data.title.split())
    if not title:
        raise InvalidPlanData(_("Nhiệm vụ thứ %(n)s chưa có nội dung.") % {"n": position + 1})
    if data.recurrence and data.recurrence not in Recurrence.values:
        raise InvalidPlanData(_("Tần suất không hợp lệ: %(value)s.") % {"value": data.recurrence})
    if data.channel and data.channel not in Channel.values:
        raise InvalidPlanData(_("Hình thức không hợp lệ: %(value)s.") % {"value": data.channel})
    task = Task(
        plan=plan,
        position=position,
        title=title,
        product=data.product.strip(),
        lead_text=data.lead.strip()[:300],
        cooperating_text=[c.strip() for c in data.cooperating if c.strip()],
        channel=data.channel,
        timing_text=data.timing_text.strip()[:300],
        end_timing_text=data.end_timing_text.strip()[:300],
        note=data.note.strip(),
    )
    _apply_timing(task, plan.year, data.recurrence)
    if task.lead_text:
        task.lead_agency = find_or_create_agency(plan.unit, task.lead_text, actor=actor)
    task.save()
    if task.cooperating_text:
        task.cooperating_agencies.set(
            [find_or_create_agency(plan.unit, name, actor=actor) for name in task.cooperating_text]
        )
    return task


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
