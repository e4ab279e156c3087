"""Plan JSON v1 (see ../shared/eval/SCHEMA.md): the interchange and open-data form of a plan.

Keys are exactly those of the schema; a field that was not found is null or [] (never a
guess). Task recurrence and dates come from the timing parser; reporting periods keep
only the schema's subset (quarterly, semiannual, annual).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from loa.text.plan_import.model import ImportedPlan, ImportedTask

_SCHEMA_PERIODS = ("quarterly", "semiannual", "annual")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _enum_value(value: object) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


def task_to_json(task: ImportedTask) -> dict[str, Any]:
    """One task in plan JSON v1 form."""
    timing = task.timing
    return {
        "title": task.title,
        "product": task.product,
        "lead": task.lead,
        "cooperating": list(task.cooperating),
        "timing_text": _timing_text(task),
        "recurrence": _enum_value(getattr(timing, "recurrence", None)),
        "start": _iso(getattr(timing, "start", None)),
        "end": _iso(getattr(timing, "end", None)),
    }


def _timing_text(task: ImportedTask) -> str | None:
    if task.timing_text and task.end_timing_text:
        return f"{task.timing_text} - {task.end_timing_text}"
    return task.timing_text or task.end_timing_text


def to_plan_json(plan: ImportedPlan) -> dict[str, Any]:
    """The plan as a plan JSON v1 dict."""
    return {
        "doc_type": plan.doc_type,
        "number": plan.number,
        "issuer": plan.issuer,
        "level": plan.issuer_level,
        "locality": plan.locality,
        "year": plan.year,
        "issue_date": _iso(plan.issue_date),
        "based_on": [
            {"number": ref.number, "issuer": ref.issuer, "date": _iso(ref.date)} for ref in plan.based_on
        ],
        "signer": plan.signer,
        "section_titles": [section.title for section in plan.sections],
        "audiences": list(plan.audiences),
        "channels": list(plan.channels),
        "tasks": [task_to_json(task) for task in plan.tasks],
        "budget_source": plan.budget_source,
        "reporting_periods": [p for p in _SCHEMA_PERIODS if p in plan.reporting_periods],
    }
