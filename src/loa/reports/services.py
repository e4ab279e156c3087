"""Every write to reports: create with computed figures, edit the narrative, submit, review.

Each public function is one transaction, checks permission first and writes the
change log. A unit reports on itself (REPORT capability on it); the unit above it
reviews (REPORT capability on the parent), which a commune's own staff do not have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_report, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.errors import DomainError
from loa.plans.choices import PlanStatus
from loa.plans.models import Plan
from loa.scoring.rules import DEFAULT_RULE, CriterionInputs, parse_rule, score
from loa.tracking.reporting import DeadlineRule as DeadlineSpec
from loa.tracking.reporting import ReportPeriod, due_date, period
from loa.units.choices import Level
from loa.units.models import Unit
from loa.units.queries import province_of, subtree_ids

from .choices import ReportStatus
from .documents import body_name
from .figures import add_up, period_figures, with_satisfaction
from .models import DeadlineRule, Report, ScoringRule
from .narrative import NARRATIVE_KEYS, prefilled_narrative


class ReportRefused(DomainError):
    code = "report_refused"


class Deadlines:
    """Every deadline rule, read once: a province's own rule wins over the general one."""

    def __init__(self) -> None:
        self._rules = {
            (rule.province_id, rule.kind): DeadlineSpec(
                working_days_after_cutoff=rule.working_days_after_cutoff,
                fixed_day_of_month=rule.fixed_day_of_month,
            )
            for rule in DeadlineRule.objects.all()
        }

    def due(self, unit: Unit, report_period: ReportPeriod) -> dt.date:
        province = province_of(unit)
        kind = report_period.kind.value
        spec = (
            self._rules.get((province.pk if province else None, kind))
            or self._rules.get((None, kind))
            or DeadlineSpec()  # two working days after the cut-off (Khánh Hòa's rule)
        )
        return due_date(report_period, spec)


def deadline_for(unit: Unit, report_period: ReportPeriod) -> dt.date:
    return Deadlines().due(unit, report_period)


def scoring_rule_for(unit: Unit, year: int) -> tuple[str, dict[str, Any]]:
    """(name, rule data) of the PAR criterion rule that applies to the unit in `year`."""
    province = province_of(unit)
    rules = ScoringRule.objects.filter(from_year__lte=year).order_by("-from_year")
    rule = (rules.filter(province=province).first() if province else None) or rules.filter(
        province__isnull=True
    ).first()
    if rule is not None:
        return rule.name, rule.rule
    return _("Quy tắc mặc định (UBND huyện Xuân Lộc, 2022)"), DEFAULT_RULE


def _score(unit: Unit, year: int, figures: dict[str, Any]) -> dict[str, Any]:
    name, data = scoring_rule_for(unit, year)
    result = score(
        parse_rule(data),
        CriterionInputs(
            tasks_total=figures.get("tasks_due", 0),
            tasks_done=figures.get("tasks_met", 0),
            channels_used=frozenset(figures.get("channels_used", [])),
        ),
    )
    return {
        "rule": name,
        "points": str(result.points),
        "max_points": str(result.max_points),
        "explanation": result.explanation,
    }


def _period_of(kind: str, year: int, index: int) -> ReportPeriod:
    try:
        return period(kind, year, index)
    except ValueError as exc:
        raise ReportRefused(_("Kỳ báo cáo không hợp lệ: %(error)s") % {"error": exc}) from None


def _plan_of(unit: Unit, year: int) -> Plan | None:
    return (
        Plan.objects.filter(unit=unit, year=year, status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
        .order_by("-issue_date", "-pk")
        .first()
    )


def subordinate_reports(unit: Unit, report: Report) -> list[tuple[Unit, Report | None]]:
    """Each unit directly below `unit` with its report of the same period, if any."""
    children = list(unit.children.filter(era=unit.era).order_by("name"))
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(
            unit__in=children, year=report.year, kind=report.kind, index=report.index
        ).select_related("unit")
    }
    return [(child, reports.get(child.pk)) for child in children]


def compute_figures(report: Report, *, today: dt.date | None = None) -> dict[str, Any]:
    """The unit's own figures; for a roll-up, plus its subordinate units' submitted reports."""
    day = today or timezone.localdate()
    own_ids = [report.unit_id] if report.is_rollup else sorted(subtree_ids(report.unit))
    window = (report.window_start, report.window_end)
    own = period_figures(own_ids, *window, today=day)
    if not report.is_rollup:
        return own
    units: list[dict[str, Any]] = []
    received = []
    for child, child_report in subordinate_reports(report.unit, report):
        submitted = child_report is not None and child_report.status in (
            ReportStatus.SUBMITTED,
            ReportStatus.ACCEPTED,
        )
        if submitted and child_report is not None:
            received.append(child_report.figures)
        units.append(
            {
                "unit_id": child.pk,
                "name": child.name,
                "report_id": child_report.pk if child_report else None,
                "status": child_report.status if child_report else "missing",
                "submitted_on": timezone.localdate(child_report.submitted_at).isoformat()
                if child_report and child_report.submitted_at
                else None,
                "late": bool(child_report and child_report.is_late)
                or (not submitted and day > report.due_date),
                "completion_rate": child_report.figures.get("completion_rate")
                if submitted and child_report
                else None,
            }
        )
    total = with_satisfaction(add_up([own, *received]), sorted(subtree_ids(report.unit)), *window)
    total["own"] = own
    total["units"] = units
    total["units_submitted"] = len(received)
    total["units_total"] = len(units)
    return total


@dataclass
class ReportInput:
    """What staff edit on a report: its narrative sections and document details."""

    narrative: dict[str, str]
    addressee: str = ""
    number: int | None = None
    issue_date: dt.date | None = None


@transaction.atomic
def create_report(
    unit: Unit, *, kind: str, year: int, index: int = 1, rollup: bool | None = None, actor: Any
) -> Report:
    """A draft report of `unit` for the period, with figures, narrative and score filled in."""
    ensure(can_report(actor, unit))
    report_period = _period_of(kind, year, index)
    province = province_of(unit)
    report = Report(
        unit=unit,
        year=year,
        kind=report_period.kind.value,
        index=report_period.index,
        label=report_period.label,
        window_start=report_period.window_start,
        window_end=report_period.window_end,
        due_date=deadline_for(unit, report_period),
        plan=_plan_of(unit, year),
        is_rollup=unit.children.exists() if rollup is None else rollup,
        addressee=body_name(unit.parent)
        if unit.parent_id and unit.parent and unit.parent.level != Level.NATIONAL
        else (_("Bộ Nội vụ") if province is None or province == unit else ""),
        created_by=actor,
    )
    report.figures = compute_figures(report)
    report.narrative = prefilled_narrative(report)
    report.score = _score(unit, year, report.figures)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ReportRefused(_("Đơn vị đã có báo cáo %(period)s.") % {"period": report_period.label}) from None
    record_change(actor=actor, unit=unit, verb=Verb.REPORT_CREATED, target=report, summary=str(report))
    return report


def _editable(report: Report, actor: Any) -> Report:
    # Lock only the report's row: PostgreSQL refuses FOR UPDATE across the nullable parent join.
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "unit__parent")
        .get(pk=report.pk)
    )
    ensure(can_report(actor, locked.unit_id))
    if locked.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ReportRefused(_("Báo cáo đã gửi, không sửa được nữa."))
    return locked


@transaction.atomic
def refresh_report(report: Report, *, actor: Any) -> Report:
    """Recompute a draft's figures and score from today's data (the narrative is kept)."""
    report = _editable(report, actor)
    report.plan = report.plan or _plan_of(report.unit, report.year)
    report.figures = compute_figures(report)
    report.score = _score(report.unit, report.year, report.figures)
    report.save(update_fields=["plan", "figures", "score", "updated_at"])
    record_change(
        actor=actor, unit=report.unit, verb=Verb.REPORT_UPDATED, target=report,
        summary=_("Cập nhật số liệu: %(report)s") % {"report": report},
    )  # fmt: skip
    return report


@transaction.atomic
def update_report(report: Report, data: ReportInput, *, actor: Any) -> Report:
    report = _editable(report, actor)
    unknown = set(data.narrative) - set(NARRATIVE_KEYS)
    if unknown:
        raise ReportRefused(_("Mục không có trong báo cáo: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    if data.number is not None and not 1 <= data.number <= 999_999:
        raise ReportRefused(_("Số báo cáo không hợp lệ."))
    if (
        data.number is not None
        and Report.objects.filter(
            unit=report.unit, year=report.year, symbol=report.symbol, number=data.number
        )
        .exclude(pk=report.pk)
        .exists()
    ):
        raise ReportRefused(_("Số %(number)s đã dùng cho báo cáo khác trong năm.") % {"number": data.number})
    fields = ("narrative", "addressee", "number")
    before = {name: getattr(report, name) for name in fields}
    report.narrative = {key: data.narrative.get(key, "").strip() for key in NARRATIVE_KEYS}
    report.addressee = " ".join(data.addressee.split())[:300]
    report.number = data.number
    report.issue_date = data.issue_date
    report.save(update_fields=["narrative", "addressee", "number", "issue_date", "updated_at"])
    record_change(
        actor=actor, unit=report.unit, verb=Verb.REPORT_UPDATED, target=report, summary=str(report),
        before=before, after={name: getattr(report, name) for name in fields},
    )  # fmt: skip
    return report


def next_report_number(unit: Unit, year: int, symbol: str) -> int:
    last = Report.objects.filter(unit=unit, year=year, symbol=symbol).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


@transaction.atomic
def submit_report(report: Report, *, actor: Any) -> Report:
    """Send the report up: its figures are recomputed one last time and then kept as they are."""
    report = _editable(report, actor)
    report.figures = compute_figures(report)
    report.score = _score(report.unit, report.year, report.figures)
    report.number = report.number or next_report_number(report.unit, report.year, report.symbol)
    report.issue_date = report.issue_date or timezone.localdate()
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    record_change(
        actor=actor, unit=report.unit, verb=Verb.REPORT_SUBMITTED, target=report, summary=str(report),
        after={"status": report.status, "late": report.is_late},
    )  # fmt: skip
    return report


@transaction.atomic
def review_report(report: Report, *, accept: bool, comment: str = "", actor: Any) -> Report:
    """The unit above accepts a submitted report or returns it with a comment."""
    report = Report.objects.select_for_update().select_related("unit").get(pk=report.pk)
    if report.unit.parent_id is None:
        raise ReportRefused(_("Báo cáo này không có cấp trên để xem xét."))
    ensure(can_report(actor, report.unit.parent_id))
    if report.status != ReportStatus.SUBMITTED:
        raise ReportRefused(_("Chỉ xem xét được báo cáo đã gửi."))
    comment = comment.strip()
    if not accept and not comment:
        raise ReportRefused(_("Cần ghi ý kiến khi trả lại báo cáo."))
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save(update_fields=["status", "review_comment", "reviewed_at", "reviewed_by", "updated_at"])
    record_change(
        actor=actor, unit=report.unit, verb=Verb.REPORT_REVIEWED, target=report, summary=str(report),
        after={"status": report.status, "comment": comment},
    )  # fmt: skip
    return report
