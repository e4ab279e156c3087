"""Periodic report periods (kỳ báo cáo), their data cut-off windows and submission deadlines.

Rules a caller can rely on:
- A report counts the work done inside its cut-off window (thời gian chốt số liệu), the
  national rule of NĐ 09/2019/NĐ-CP Điều 12 as Khánh Hòa QĐ 01/2023/QĐ-UBND Điều 4 repeats it:
  a quarter runs from the 15th of the month before it to the 14th of its last month
  (quý I/2024 = 15/12/2023–14/03/2024); the 6-month, 9-month and yearly reports all start
  on 15/12 of the previous year and end on 14/06, 14/09 and 14/12. So the four quarters
  tile the year, and 15/12/2024 already belongs to quý I and năm 2025.
- `calendar_start`/`calendar_end` are the calendar span the period is named after
  (quý I = 01/01–31/03); they are for reference, never for counting.
- The 6-month and 9-month windows do not cover the rest of the year: a day after 14/06
  (or 14/09) belongs to no such period until the next 15/12, and `period_containing`
  says so with a ValueError.
- Years run from 2000 to 2100; anything else is a ValueError.
- Submission deadlines are data per province (`DeadlineRule`), computed by `due_date`.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from loa.text.timing import ReportingPeriod

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DeadlineRule",
    "PeriodKind",
    "ReportPeriod",
    "due_date",
    "period",
    "period_containing",
    "periods_of_year",
]

MIN_YEAR, MAX_YEAR = 2000, 2100

PeriodKind = ReportingPeriod
"""The kinds of periodic report; the same values the timing parser reads from plans."""

_CUTOFF_DAY = 14  # the window ends on the 14th and the next one starts on the 15th
_ROMAN = ("I", "II", "III", "IV")
# Last calendar month of each cumulative period (counted from January).
_LAST_MONTH = {PeriodKind.SEMIANNUAL: 6, PeriodKind.NINE_MONTHS: 9, PeriodKind.ANNUAL: 12}


@dataclass(frozen=True)
class ReportPeriod:
    """One periodic report period: what it covers and how reports name it."""

    kind: PeriodKind
    year: int
    index: int  # the quarter (1–4); 1 for the other kinds
    window_start: date  # first day of the data cut-off window
    window_end: date  # the cut-off day itself, counted in the window
    label: str  # as a sentence writes it: "quý I năm 2024", "6 tháng đầu năm 2024"
    title_label: str  # as a title starts it: "Quý I năm 2024", "Năm 2024"
    calendar_start: date
    calendar_end: date

    def __contains__(self, day: object) -> bool:
        """True if `day` falls inside the cut-off window."""
        return isinstance(day, date) and self.window_start <= day <= self.window_end


def period(kind: PeriodKind | str, year: int, index: int = 1) -> ReportPeriod:
    """The report period of `kind` in `year`; `index` is the quarter for quarterly reports."""
    kind = _kind(kind)
    _check_year(year)
    if kind is PeriodKind.QUARTERLY:
        if not 1 <= index <= 4:
            raise ValueError(f"A quarter is numbered 1 to 4, not {index}.")
        last_month = 3 * index
        ordinal = _ROMAN[index - 1]
        label = f"quý {ordinal} năm {year}"
        title = f"Quý {ordinal} năm {year}"
    else:
        if index != 1:
            raise ValueError(f"A {kind.value} period has only index 1, not {index}.")
        last_month = _LAST_MONTH[kind]
        label = {
            PeriodKind.SEMIANNUAL: f"6 tháng đầu năm {year}",
            PeriodKind.NINE_MONTHS: f"9 tháng năm {year}",
            PeriodKind.ANNUAL: f"năm {year}",
        }[kind]
        title = label[0].upper() + label[1:]
    first_month = last_month - 2 if kind is PeriodKind.QUARTERLY else 1
    window_start = date(year - 1, 12, 15) if first_month == 1 else date(year, first_month - 1, 15)
    return ReportPeriod(
        kind=kind,
        year=year,
        index=index,
        window_start=window_start,
        window_end=date(year, last_month, _CUTOFF_DAY),
        label=label,
        title_label=title,
        calendar_start=date(year, first_month, 1),
        calendar_end=date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def periods_of_year(year: int, kinds: Iterable[PeriodKind | str] = tuple(PeriodKind)) -> list[ReportPeriod]:
    """Every period of the given kinds in `year`, in the order their windows end.

    Periods ending on the same cut-off (quý II and 6 tháng; quý IV and năm) keep the
    order of PeriodKind: the quarter comes first.
    """
    wanted = {_kind(kind) for kind in kinds}
    periods = [
        period(kind, year, index)
        for kind in PeriodKind
        if kind in wanted
        for index in (range(1, 5) if kind is PeriodKind.QUARTERLY else (1,))
    ]
    order = list(PeriodKind)
    return sorted(periods, key=lambda p: (p.window_end, order.index(p.kind)))


def period_containing(day: date, kind: PeriodKind | str) -> ReportPeriod:
    """The period of `kind` whose cut-off window holds `day`.

    Days from the 15th of December count towards the next year. A day outside every
    6-month (or 9-month) window, e.g. 20/07 for 6 tháng, is a ValueError.
    """
    kind = _kind(kind)
    year = day.year + 1 if (day.month, day.day) >= (12, 15) else day.year
    _check_year(year)
    if kind is PeriodKind.QUARTERLY:
        index = next(q for q in range(1, 5) if day <= date(year, 3 * q, _CUTOFF_DAY))
        found = period(kind, year, index)
    else:
        found = period(kind, year)
    if day not in found:
        raise ValueError(f"{day:%d/%m/%Y} is in no {kind.value} report window.")
    return found


@dataclass(frozen=True)
class DeadlineRule:
    """When a report is due, set per province (or per receiving body).

    - By default the report is due `working_days_after_cutoff` working days after the
      cut-off day: Khánh Hòa asks for 02 working days (QĐ 01/2023/QĐ-UBND), so quý I/2024,
      cut off on Thursday 14/03, is due on Monday 18/03. 0 means the cut-off day itself.
    - With `fixed_day_of_month`, the report is due on that day of the period's last
      month (18 → 18/03 for quý I, 18/12 for the year; 31 means the month's last day).
      The day may come before the cut-off when a lower level reports early.
    - Either way a due date on a weekend or holiday moves to the next working day, as a
      time limit ending on a day off does under Bộ luật Dân sự 2015 Điều 148 [from memory].
    - Working days are Monday to Friday, minus the given holidays, plus the given
      `workdays` (Saturdays worked in exchange for a bridge holiday, "làm bù").
    """

    working_days_after_cutoff: int = 2
    fixed_day_of_month: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.working_days_after_cutoff <= 60:
            raise ValueError(
                f"working_days_after_cutoff must be 0 to 60, not {self.working_days_after_cutoff}."
            )
        if self.fixed_day_of_month is not None and not 1 <= self.fixed_day_of_month <= 31:
            raise ValueError(f"fixed_day_of_month must be 1 to 31, not {self.fixed_day_of_month}.")


def due_date(
    report_period: ReportPeriod,
    rule: DeadlineRule,
    holidays: Collection[date] = (),
    *,
    workdays: Collection[date] = (),
) -> date:
    """The day the report for `report_period` is due under `rule` (see DeadlineRule)."""

    def is_working(day: date) -> bool:
        return day in workdays or (day.weekday() < 5 and day not in holidays)

    def next_working(day: date) -> date:
        while not is_working(day):
            day += timedelta(days=1)
        return day

    cutoff = report_period.window_end
    if rule.fixed_day_of_month is not None:
        last_day = calendar.monthrange(cutoff.year, cutoff.month)[1]
        return next_working(cutoff.replace(day=min(rule.fixed_day_of_month, last_day)))
    day = cutoff
    for _ in range(rule.working_days_after_cutoff):
        day = next_working(day + timedelta(days=1))
    return next_working(day)


def _kind(kind: PeriodKind | str) -> PeriodKind:
    try:
        return PeriodKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in PeriodKind)
        raise ValueError(f"Unknown report period kind {kind!r}; expected one of: {choices}.") from None


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Report periods run from {MIN_YEAR} to {MAX_YEAR}, not {year}.")
