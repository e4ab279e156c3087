"""Expand a task's recurrence into its due periods (kỳ thực hiện) over the plan year.

Rules:
- The task's window is [start, end] as the timing parser read them; a missing side is
  the plan year's first or last day. A window that runs backwards is swapped.
- Weekly periods are ISO weeks (Monday–Sunday), monthly, quarterly and half-year periods
  are calendar spans; each is clipped to the window and due on its last day.
- Continuous work ("thường xuyên") is evidenced month by month: one period a month.
- Annual work, a one-off task, a window ("Quý I/2024") or a deadline ("Trước 15/02")
  is one period over the whole window, due on its last day.
- Labels are the wording staff use in reports: "Tháng 03/2024", "Quý I/2024",
  "6 tháng đầu năm 2024", "Tuần 05/2024 (29/01–04/02)", "Trước 15/02/2024".
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from loa.text.timing import Recurrence

__all__ = ["MAX_PERIODS", "Period", "periods_for", "window_for"]

MAX_PERIODS = 60
"""A task spans at most a little over a year of weeks; anything longer is cut here."""

_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """One due period of a task."""

    start: date
    end: date
    due: date
    label: str


def window_for(*, year: int, start: date | None, end: date | None) -> tuple[date, date]:
    """The task's window: its own dates, the plan year where a side is missing."""
    first = start or date(year, 1, 1)
    last = end or date(year, 12, 31)
    if start is None and end is not None and end < first:
        first = date(end.year, 1, 1)  # a deadline in an earlier year than the plan
    if end is None and start is not None and start > last:
        last = date(start.year, 12, 31)
    if first > last:
        first, last = last, first
    return first, last


def periods_for(
    recurrence: str | None, *, year: int, start: date | None = None, end: date | None = None
) -> list[Period]:
    """The due periods of a task; always at least one, at most MAX_PERIODS."""
    first, last = window_for(year=year, start=start, end=end)
    match recurrence:
        case Recurrence.WEEKLY:
            periods = list(_weeks(first, last))
        case Recurrence.MONTHLY | Recurrence.CONTINUOUS:
            periods = list(_months(first, last))
        case Recurrence.QUARTERLY:
            periods = list(_spans(first, last, months=3))
        case Recurrence.SEMIANNUAL:
            periods = list(_spans(first, last, months=6))
        case _:
            periods = [Period(first, last, last, _window_label(first, last, deadline=start is None))]
    return periods[:MAX_PERIODS]


def _clip(first: date, last: date, start: date, end: date) -> tuple[date, date]:
    return max(first, start), min(last, end)


def _weeks(first: date, last: date) -> Iterator[Period]:
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        sunday = monday + timedelta(days=6)
        start, end = _clip(first, last, monday, sunday)
        iso_year, iso_week, _ = monday.isocalendar()
        label = f"Tuần {iso_week:02d}/{iso_year} ({start:%d/%m}–{end:%d/%m})"
        yield Period(start, end, end, label)
        monday += timedelta(days=7)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(first: date, last: date) -> Iterator[Period]:
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        start, end = _clip(first, last, date(year, month, 1), _month_end(year, month))
        yield Period(start, end, end, f"Tháng {month:02d}/{year}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _spans(first: date, last: date, *, months: int) -> Iterator[Period]:
    year, month = first.year, (first.month - 1) // months * months + 1
    while date(year, month, 1) <= last:
        end_month = month + months - 1
        start, end = _clip(first, last, date(year, month, 1), _month_end(year, end_month))
        index = (month - 1) // months
        if months == 3:
            label = f"Quý {_ROMAN[index]}/{year}"
        else:
            label = f"6 tháng {'đầu' if index == 0 else 'cuối'} năm {year}"
        yield Period(start, end, end, label)
        year, month = (year + 1, 1) if end_month == 12 else (year, end_month + 1)


def _window_label(first: date, last: date, *, deadline: bool) -> str:
    """How staff name a one-period window."""
    if first == date(first.year, 1, 1) and last == date(first.year, 12, 31):
        return f"Năm {first.year}"
    if deadline and first == date(last.year, 1, 1):
        return f"Trước {last:%d/%m/%Y}"
    whole_months = first.day == 1 and last == _month_end(last.year, last.month) and first.year == last.year
    if whole_months and first.month == last.month:
        return f"Tháng {first.month:02d}/{first.year}"
    if whole_months and first.month % 3 == 1 and last.month == first.month + 2:
        return f"Quý {_ROMAN[first.month // 3]}/{first.year}"
    if first.year == last.year:
        return f"{first:%d/%m}–{last:%d/%m/%Y}"
    return f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
