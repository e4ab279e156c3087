"""Whether the activities logged for a period meet its task's requirement, and when.

A period is met once at least `count` activities were logged in it and, when the task
sets a quota (e.g. at least 15 minutes of radio a month), the activities measured in
the quota's unit add up to its minimum. The date of the activity that completed it is
the fulfilment date:
- DONE when that date is on or before the due date;
- LATE when it is after it;
- MISSED when the due date has passed unmet (a later activity turns it LATE);
- PENDING otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = ["Evidence", "Outcome", "Requirement", "Status", "assess"]


class Status(StrEnum):
    PENDING = "pending"
    DONE = "done"
    LATE = "late"
    MISSED = "missed"


@dataclass(frozen=True)
class Requirement:
    """What one period asks for: a number of activities and optionally a measured minimum."""

    count: int = 1
    measure: str | None = None
    minimum: Decimal | None = None

    @classmethod
    def of(cls, *, count: int | None, measure: str | None, minimum: float | Decimal | None) -> Requirement:
        has_quota = bool(measure) and minimum is not None and minimum > 0
        return cls(
            count=max(count or 1, 1),
            measure=measure if has_quota else None,
            minimum=Decimal(str(minimum)) if has_quota and minimum is not None else None,
        )


@dataclass(frozen=True)
class Evidence:
    """One logged activity, as the assessment needs it."""

    on: date
    quantity: Decimal
    measure: str


@dataclass(frozen=True)
class Outcome:
    status: Status
    fulfilled_on: date | None
    activities: int
    achieved: Decimal  # amount in the quota's measure (0 when the task has no quota)


def assess(requirement: Requirement, evidence: Iterable[Evidence], *, due: date, today: date) -> Outcome:
    """The status of one period on `today`, given every activity linked to it."""
    count = 0
    achieved = Decimal(0)
    fulfilled_on: date | None = None
    for item in sorted(evidence, key=lambda e: e.on):
        count += 1
        if requirement.measure is not None and item.measure == requirement.measure:
            achieved += max(item.quantity, Decimal(0))
        if fulfilled_on is None and _met(requirement, count, achieved):
            fulfilled_on = item.on
    if fulfilled_on is not None:
        status = Status.DONE if fulfilled_on <= due else Status.LATE
    else:
        status = Status.MISSED if today > due else Status.PENDING
    return Outcome(status, fulfilled_on, count, achieved)


def _met(requirement: Requirement, count: int, achieved: Decimal) -> bool:
    if count < requirement.count:
        return False
    return requirement.minimum is None or achieved >= requirement.minimum
