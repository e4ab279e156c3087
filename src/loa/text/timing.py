"""Read the "Thời gian thực hiện" cell of a plan task into a structured `Timing`.

Plans state time in free Vietnamese ("Thường xuyên trong năm", "Quý IV/2024", "Mỗi tháng 01 kỳ",
"Trước 17/01", "Định kỳ hàng quý, 6 tháng, năm") and OCR scans damage it ("Théng 01/2024",
"Tru6e 17/01", "Thuong XUyEn"). The importer stores the result; the occurrence generator expands it.

Rules a caller can rely on:
- `raw` is the input exactly as given. Nothing is invented: unreadable text is UNPARSED.
- A year written in the text is kept even when it differs from the plan year (flagged
  YEAR_DIFFERS_FROM_PLAN for review); a missing year comes from `plan_year` (flagged YEAR_ASSUMED).
- Spans are calendar spans (Quý I = 01/01–31/03), not the 15th–14th reporting cut-off periods.
- Continuous and recurring timings carry no dates unless a second column gives them: the
  occurrence generator uses the plan year.
- Matching works on folded text (no diacritics, lower case) with patterns tolerant of common OCR
  confusions; every pattern is linear-time and only the first `MAX_CHARS` characters are read,
  so the function never raises and returns quickly on any input.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from loa.text.folding import fold

__all__ = [
    "MAX_CHARS",
    "Measure",
    "Quota",
    "Recurrence",
    "ReportingPeriod",
    "Timing",
    "TimingFlag",
    "TimingKind",
    "parse_timing",
]

MAX_CHARS = 2000
"""Characters of each column read; longer input is cut and flagged TRUNCATED."""

_MIN_YEAR, _MAX_YEAR = 1900, 2199


class Recurrence(StrEnum):
    """How often a task happens."""

    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"
    CONTINUOUS = "continuous"


class TimingKind(StrEnum):
    """Shape of the phrase, which says how to read the dates."""

    CONTINUOUS = "continuous"  # thường xuyên: no dates, the whole plan year
    WITHIN = "within"  # done some time inside [start, end]: năm Y, quý Q/Y, tháng M/Y
    DEADLINE = "deadline"  # done by `end`; `start` unknown
    RANGE = "range"  # explicit from-to span (one phrase, or two columns)
    RECURRING = "recurring"  # hàng tuần / mỗi tháng 01 kỳ …
    REPORTING = "reporting"  # định kỳ hàng quý, 6 tháng, năm
    ON_DEMAND = "on_demand"  # khi có yêu cầu, đột xuất, theo chỉ đạo
    UNPARSED = "unparsed"


class ReportingPeriod(StrEnum):
    """Periodic report a reporting phrase asks for."""

    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    NINE_MONTHS = "nine_months"
    ANNUAL = "annual"


class Measure(StrEnum):
    """What a quota counts."""

    MINUTES = "minutes"
    ITEMS = "items"  # issues, articles, news items, programmes
    COPIES = "copies"  # printed copies, leaflets
    ATTENDEES = "attendees"
    SESSIONS = "sessions"  # meetings, conferences, classes


class TimingFlag(StrEnum):
    """Something a reviewer should know about the reading."""

    YEAR_DIFFERS_FROM_PLAN = "year_differs_from_plan"  # a written year is not the plan year
    YEAR_ASSUMED = "year_assumed"  # a date's year was not written (plan year or neighbour)
    YEAR_MISSING = "year_missing"  # a year was needed but neither written nor given
    ON_DEMAND = "on_demand"  # also/only done on request
    AMBIGUOUS = "ambiguous"  # more than one reading; the first was taken
    INVALID_DATE = "invalid_date"  # e.g. 31/02: nothing was read
    PARTIAL = "partial"  # one of two columns was unreadable
    START_INFERRED = "start_inferred"  # start taken from the end column's month
    START_AFTER_END = "start_after_end"  # start dropped because it fell after the end
    EVENT_ANCHOR = "event_anchor"  # "Ngày Pháp luật (09/11)": around a commemorative day
    PERIOD_UNSPECIFIED = "period_unspecified"  # "định kỳ" with no period named
    TRUNCATED = "truncated"  # input longer than MAX_CHARS


@dataclass(frozen=True)
class Quota:
    """Minimum (and optional maximum) amount per recurrence period, e.g. 15 minutes a month."""

    measure: Measure
    minimum: int
    maximum: int | None
    per: Recurrence


@dataclass(frozen=True)
class Timing:
    """A parsed timing phrase; `raw` is the input exactly as given."""

    raw: str
    kind: TimingKind
    recurrence: Recurrence | None
    start: date | None
    end: date | None
    count: int | None  # occurrences per period when written ("Mỗi tháng 01 kỳ" -> 1)
    quota: Quota | None
    reporting_periods: frozenset[ReportingPeriod]
    flags: frozenset[TimingFlag]
    years_mentioned: tuple[int, ...]


def parse_timing(text: str, *, plan_year: int | None = None, end_text: str | None = None) -> Timing:
    """Parse a timing phrase; `end_text` is the "Hoàn thành" column when the table has two.

    Without `end_text`, a phrase holding " - " whose sides both read (or whose left side is a
    garbled "Tháng …" and right side reads) is taken as two joined columns, as OCR exports do.
    Never raises.
    """
    year = plan_year if plan_year is not None and _MIN_YEAR <= plan_year <= _MAX_YEAR else None
    first, cut_first = _normalise(text)
    texts = [first]
    if end_text is not None:
        second, cut_second = _normalise(end_text)
        texts.append(second)
        draft = _combine(_parse_single(first, year), _parse_single(second, year), first, second)
        truncated = cut_first or cut_second
    else:
        draft = _parse_joined(first, year)
        truncated = cut_first
    return _finish(text, draft, texts, plan_year, truncated)


# --- normalisation ---------------------------------------------------------------------------

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_TOKEN_RE = re.compile(r"[0-9a-z]+")
_OCR_DIGITS = str.maketrans("oli", "011")
_OCR_DIGIT_CHARS = frozenset("0123456789oli")


def _repair_token(match: re.Match[str]) -> str:
    """Digits read as letters inside numbers ("0l/2o24" -> "01/2024"); words are left alone."""
    token = match.group()
    if token.isdigit() or not any(c.isdigit() for c in token) or not set(token) <= _OCR_DIGIT_CHARS:
        return token
    return token.translate(_OCR_DIGITS)


def _normalise(text: str) -> tuple[str, bool]:
    """Folded, dash-unified, OCR-repaired form of the first MAX_CHARS characters."""
    head = text[:MAX_CHARS]
    return _TOKEN_RE.sub(_repair_token, fold(head.translate(_DASHES))), len(text) > MAX_CHARS


# --- pattern fragments (folded text; OCR-tolerant; no nested unbounded quantifiers) ------------

_B = r"(?<![a-z0-9])"  # word start
_E = r"(?![a-z0-9])"  # word end
_THANG = r"th(?:a|e|o|6|ia|ie)ng"  # tháng, Théng, th6ng; "thong" only where a number follows
_THANG_WORD = r"th(?:a|e|6|ia|ie)ng"  # not "thông" (thông tin) where no number follows
_NAM = r"n(?:a|i|ia|d|u)m"  # năm, nim, ndm, niam
_QUY = r"qu[yi]"
# "quy" that is not "quý": quy định, quy trình, quy chế, quy mô, quy hoạch …
_QUY_PERIOD = (
    rf"{_QUY}(?! (?:dinh|trinh|che|mo|hoach|tac|chuan|luat|doi|nap|tu|trach|cach|hoa|y|ve|thu|dao|tien"
    rf"|vi|bau)(?![a-z0-9]))"
)
_TUAN = r"tu[ae]n"
_HANG = r"h[aei6]ng"  # hàng / hằng
_MOI = r"m[o06]i"
_LAN = r"lan"
_KY = r"k[yi]"
_DINH_KY = r"d[i1l]nh k[yi]"
_NGAY = r"ng[ae6]y"
_TRUOC = r"tru[o06dw]{1,2}[ce]"  # trước, Tru6e, truwdc
_PHUT = r"ph[uw]t"
_THUONG_XUYEN = r"th[uw][o06d]{0,2}ng ?x[uw]y?[e6]n"
_ONE = r"(?:mot|0?1)"
_NUM = rf"(?:{_B}(?:[0-9]{{1,4}}|mot|hai|ba|bon){_E})"
_YEAR = r"(?:19|20|21)[0-9]{2}(?![0-9])"
_MONTH = r"(?:0?[1-9]|1[0-2])(?![0-9])"
_QTR = r"(?<![a-z0-9])(?:[il1]{1,3}v?|[2-4])(?![a-z0-9])"  # I, II, III, IV, l, 1V, lV, 1-4
_YSEP = rf"(?: ?/ ?| ?- ?|,? {_NAM} ?|,? )"
_UNIT = rf"(?:{_TUAN}|6 {_THANG}|{_THANG_WORD}|{_QUY_PERIOD}|{_NAM}(?! ?{_YEAR}))"

_ALNUM_RE = re.compile(r"[a-z0-9]")
_LETTER_RE = re.compile(r"[a-z]")
_YEARS_RE = re.compile(rf"(?<![0-9]){_YEAR}")
_THANG_HINT_RE = re.compile(rf"{_B}{_THANG_WORD}{_E}")
_DINH_KY_RE = re.compile(rf"{_B}{_DINH_KY}{_E}")
_BAO_CAO_RE = re.compile(rf"{_B}bao cao{_E}")
_ON_DEMAND_RE = re.compile(
    rf"{_B}(?:khi co yeu cau|theo yeu cau|khi can thiet|dot xuat|khi phat sinh"
    rf"|theo ke hoach (?:cua|cap|ubnd|tinh|huyen)|theo (?:van ban )?chi dao)"
)
_CONTINUOUS_RE = re.compile(rf"{_B}(?:{_THUONG_XUYEN}|lien tuc|{_HANG} {_NGAY}|{_MOI} {_NGAY}){_E}")

_FREQ_RES = (
    re.compile(rf"{_B}(?:{_HANG}|{_MOI}|{_DINH_KY}(?: {_HANG}| {_MOI})?|trong {_MOI}) (?P<unit>{_UNIT}){_E}"),
    re.compile(rf"{_B}{_ONE} (?P<unit>{_UNIT}) {_NUM} (?:{_LAN}|{_KY}){_E}"),  # một tuần một lần
    re.compile(rf"/ ?(?P<unit>{_UNIT}){_E}"),  # 02 số/tháng, 01 lần/quý
)
_COUNT_WORD = (
    r"(?:lan|k[yi]|dot|so|ban tin|tin bai|bai viet|bai|tin|chuyen muc|chuong trinh|phong su"
    r"|buoi|cuoc|hoi nghi|lop|phien)"
)
_COUNT_RES = (
    re.compile(rf"{_B}(?:{_HANG}|{_MOI}|{_ONE}) (?P<unit>{_UNIT}),? (?P<n>{_NUM}) (?P<w>{_COUNT_WORD}){_E}"),
    re.compile(
        rf"(?P<n>{_NUM}) (?P<w>{_COUNT_WORD}) ?(?:/|{_MOI}|trong(?: {_ONE})?|{_ONE}) ?(?P<unit>{_UNIT}){_E}"
    ),
)
_ITEM_WORDS = frozenset(
    {"so", "ban tin", "tin bai", "bai viet", "bai", "tin", "chuyen muc", "chuong trinh", "phong su"}
)
_SESSION_WORDS = frozenset({"buoi", "cuoc", "hoi nghi", "lop", "phien"})
_AMOUNT_RE = re.compile(
    rf"(?P<n>{_NUM}) (?P<w>ban tin|tin bai|bai viet|bai|tin|so|chuyen muc|chuong trinh|phong su|buoi|cuoc"
    rf"|hoi nghi|lop|phien|ban(?! nganh)|to|cuon|luot nguoi|nguoi|dai bieu){_E}"
)  # an amount not tied to the period by "/tháng" or "mỗi tháng": "Hàng tháng (ít nhất 02 tin, bài)"
_COPY_WORDS = frozenset({"ban", "to", "cuon"})
_DUR_UNIT = rf"(?P<u>{_PHUT}|gio){_E}"
_DUR_RANGE_RE = re.compile(rf"(?P<a>{_NUM}) ?(?:(?:{_PHUT}|gio) )?(?:-|den|toi) ?(?P<b>{_NUM}) ?{_DUR_UNIT}")
_DUR_LOW_RE = re.compile(rf"{_B}(?:it nhat|toi thieu|khong it hon|tren|hon) (?P<a>{_NUM}) ?{_DUR_UNIT}")
_DUR_HIGH_RE = re.compile(rf"{_B}(?:toi da|khong qua|duoi) (?P<b>{_NUM}) ?{_DUR_UNIT}")
_DUR_PLAIN_RE = re.compile(rf"(?P<a>{_NUM}) ?{_DUR_UNIT}")
_PER_OCCASION_RE = re.compile(rf"{_B}{_MOI} {_LAN}{_E}|/ ?{_LAN}{_E}")


def _period_item(named: bool) -> str:
    q, h, y = ("?P<q>", "?P<h>", "?P<y>") if named else ("?:", "?:", "?:")
    return (
        rf"(?:(?:{_HANG}|{_MOI}|{_DINH_KY}) )?"
        # a bare "quý" only counts inside a list ("hàng quý, 6 tháng"), not in running text
        rf"(?:({q}{_QUY_PERIOD})(?! ?{_QTR})"
        rf"(?:(?<=(?:ng|oi|ky|ki|0i|6i) qu[yi])|(?= ?[,;/&)-]| (?:va|hoac) |$))"
        rf"|({h}[69]) {_THANG}(?! dau| cuoi)"
        rf"|(?:(?:mot|ca|cuoi|{_HANG}|{_MOI}) )?({y}{_NAM})(?! ?[0-9]))"
    )


_PERIOD_SEP = r"(?: ?[,;/&-] ?| (?:va|hoac) | ?, (?:va|hoac) )"
_PERIOD_ITEM_RE = re.compile(_period_item(named=True))
_PERIOD_PREFIX_RE = re.compile(rf"{_B}(?:{_HANG}|{_MOI}|{_DINH_KY}|[69]){_E}")
_PERIOD_LIST_RE = re.compile(rf"{_B}{_period_item(False)}(?:{_PERIOD_SEP}{_period_item(False)}){{0,5}}{_E}")

_DEADLINE_KW_RE = re.compile(
    rf"{_B}(?:(?:hoan thanh |ban hanh )?{_TRUOC}|cham nhat(?: la)?|han chot|han cuoi"
    rf"|khong muon hon|khong qua)(?: {_NGAY})?[ :,]*"
)
_DEADLINE_MONTH_RE = re.compile(rf"{_THANG} ?(?P<m>{_MONTH})(?:{_YSEP}(?P<y>{_YEAR}))?")
_DATE_RES = (
    re.compile(
        r"(?P<d>[0-9]{1,2})(?![0-9]) ?/ ?(?P<m>[0-9]{1,2})(?![0-9])"
        rf"(?: ?/ ?(?P<y>{_YEAR}))?(?! ?/ ?[0-9])"
    ),
    re.compile(rf"(?P<d>[0-9]{{1,2}})(?P<s>[.-])(?P<m>[0-9]{{1,2}})(?P=s)(?P<y>{_YEAR})"),
    re.compile(
        rf"(?P<d>[0-9]{{1,2}})(?![0-9]),? {_THANG} ?(?P<m>[0-9]{{1,2}})(?![0-9])"
        rf"(?:,? {_NAM} ?(?P<y>{_YEAR}))?"
    ),
)
_FROM_RE = re.compile(rf"{_B}tu (?:{_NGAY} )?")
_TO_RE = re.compile(rf" ?(?:-|den|toi)(?: {_NGAY})? ?")
_DAY_RE = re.compile(rf"{_B}(?:trong )?{_NGAY} ")
_ANCHOR_RE = re.compile(rf"\( ?(?:{_NGAY} )?")
_ANY_DATE_RE = re.compile(r"(?<![0-9/.-])(?=[0-9])")
_QUARTER_RE = re.compile(
    rf"{_B}{_QUY} ?(?P<list>{_QTR}(?:(?: ?[,&-] ?| (?:va|den|toi) )(?:{_QUY} ?)?{_QTR}){{0,3}})"
    rf"(?:{_YSEP}(?P<y>{_YEAR}))?"
)
_QTR_RE = re.compile(_QTR)
_SPAN_WORD_RE = re.compile(rf"-|{_B}(?:den|toi){_E}")
_HALF_RE = re.compile(
    rf"{_B}(?:(?P<n>[69]|sau|chin) {_THANG}|nua) (?P<w>dau|cuoi) {_NAM}(?:(?: ?/ ?| ?- ?| )(?P<y>{_YEAR}))?"
)
_MONTH_RE = re.compile(
    rf"{_B}{_THANG} ?(?P<m1>{_MONTH})(?:{_YSEP}(?P<y1>{_YEAR}))?"
    rf"(?:(?: ?[-,&] ?| (?:va|den|toi|den het|den cuoi) )(?:{_THANG} ?)?(?P<m2>{_MONTH})"
    rf"(?:{_YSEP}(?P<y2>{_YEAR}))?){{0,3}}"
)
_YEAR_RANGE_RE = re.compile(rf"(?<![0-9/])(?P<y1>{_YEAR}) ?(?:-|den|toi) ?(?:{_NAM} )?(?P<y2>{_YEAR})")
_YEAR_RE = re.compile(rf"{_B}(?:(?:trong|ca|suot) )?{_NAM} ?(?P<y>{_YEAR})")
_WHOLE_YEAR_RE = re.compile(rf"{_B}(?:trong|ca|suot) {_NAM}{_E}(?! ?[0-9])")
_BARE_YEAR_RE = re.compile(rf"(?P<y>{_YEAR})[ .,;:]*")
_BARE_MONTH_RE = re.compile(rf"(?P<m>{_MONTH}) ?/ ?(?P<y>{_YEAR})[ .,;:]*")


# --- working state ----------------------------------------------------------------------------


@dataclass
class _Draft:
    kind: TimingKind = TimingKind.UNPARSED
    recurrence: Recurrence | None = None
    start: date | None = None
    end: date | None = None
    count: int | None = None
    quota: Quota | None = None
    periods: set[ReportingPeriod] = field(default_factory=set)
    flags: set[TimingFlag] = field(default_factory=set)

    def window(self, kind: TimingKind, span: tuple[date, date] | None) -> bool:
        """Record a one-off window; dates stay None when the year is unknown."""
        self.kind, self.recurrence = kind, Recurrence.ONCE
        if span is not None:
            self.start, self.end = span
        return True


def _year(written: str | None, plan_year: int | None, flags: set[TimingFlag]) -> int | None:
    """The written year, else the plan year (flagged), else None (flagged)."""
    if written:
        return int(written)
    if plan_year is None:
        flags.add(TimingFlag.YEAR_MISSING)
        return None
    flags.add(TimingFlag.YEAR_ASSUMED)
    return plan_year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _months(year: int | None, first: int, last: int) -> tuple[date, date] | None:
    """Calendar span from the first day of `first` to the last day of `last`."""
    if year is None:
        return None
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def _num(token: str) -> int:
    return {"mot": 1, "hai": 2, "ba": 3, "bon": 4}.get(token) or int(token)


def _unit_recurrence(unit: str) -> Recurrence:
    if unit.startswith("6"):
        return Recurrence.SEMIANNUAL
    if unit.startswith("tu"):
        return Recurrence.WEEKLY
    if unit.startswith("th"):
        return Recurrence.MONTHLY
    if unit.startswith("q"):
        return Recurrence.QUARTERLY
    return Recurrence.ANNUAL


def _quarter(token: str) -> int | None:
    roman = token.replace("l", "i").replace("1", "i")
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4, "2": 2, "3": 3, "4": 4}.get(roman)


# --- single column ----------------------------------------------------------------------------


def _parse_single(s: str, plan_year: int | None) -> _Draft:
    """Read one folded column. Steps run from most to least specific; the first that reads wins."""
    draft = _Draft()
    if not _ALNUM_RE.search(s):
        return draft
    if _ON_DEMAND_RE.search(s):
        draft.flags.add(TimingFlag.ON_DEMAND)
    for step in (_reporting, _deadline, _recurring, _continuous, _window, _single_day):
        if step(s, plan_year, draft):
            break
    else:
        if TimingFlag.ON_DEMAND in draft.flags:
            draft.kind = TimingKind.ON_DEMAND
        if _DINH_KY_RE.search(s):
            draft.flags.add(TimingFlag.PERIOD_UNSPECIFIED)
    if draft.kind is TimingKind.UNPARSED:
        return _Draft(flags=draft.flags)
    return draft


def _reporting(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Reporting ("Định kỳ hàng quý, 6 tháng, năm"): several periods, 9 months, or one with "báo cáo".

    A lone period counts only with "báo cáo" and a frequency word ("Báo cáo hằng năm"), so that
    "Việt Nam" in a sentence about reports is not read as an annual report.
    """
    best: set[ReportingPeriod] = set()
    best_text = ""
    for match in _PERIOD_LIST_RE.finditer(s):
        periods: set[ReportingPeriod] = set()
        for item in _PERIOD_ITEM_RE.finditer(match.group()):
            if item.group("q"):
                periods.add(ReportingPeriod.QUARTERLY)
            elif item.group("h"):
                half = item.group("h") == "6"
                periods.add(ReportingPeriod.SEMIANNUAL if half else ReportingPeriod.NINE_MONTHS)
            else:
                periods.add(ReportingPeriod.ANNUAL)
        if len(periods) > len(best):
            best, best_text = periods, match.group()
    lone_report = bool(best and _BAO_CAO_RE.search(s) and _PERIOD_PREFIX_RE.search(best_text))
    if not (len(best) > 1 or ReportingPeriod.NINE_MONTHS in best or lone_report):
        return False
    draft.kind, draft.periods = TimingKind.REPORTING, best
    if ReportingPeriod.QUARTERLY in best:
        draft.recurrence = Recurrence.QUARTERLY
    elif ReportingPeriod.SEMIANNUAL in best:
        draft.recurrence = Recurrence.SEMIANNUAL
    else:
        draft.recurrence = Recurrence.ANNUAL
    return True


def _match_date(s: str, pos: int) -> re.Match[str] | None:
    for pattern in _DATE_RES:
        match = pattern.match(s, pos)
        if match:
            return match
    return None


def _resolve(match: re.Match[str], plan_year: int | None, draft: _Draft) -> tuple[date | None, bool]:
    """(date, valid): an impossible day such as 31/02 is invalid; an unknown year gives None."""
    day, month = int(match.group("d")), int(match.group("m"))
    if not (1 <= month <= 12 and 1 <= day <= 31) or _safe_date(2000, month, day) is None:
        return None, False
    year = _year(match.group("y"), plan_year, draft.flags)
    if year is None:
        return None, True
    found = _safe_date(year, month, day)
    return found, found is not None


def _invalid(draft: _Draft) -> bool:
    draft.flags.add(TimingFlag.INVALID_DATE)
    draft.kind = TimingKind.UNPARSED
    return True


def _frequency(s: str, draft: _Draft) -> Recurrence | None:
    """First stated frequency; several different ones are flagged AMBIGUOUS."""
    found: list[tuple[int, Recurrence]] = []
    for pattern in _FREQ_RES:
        found.extend((m.start(), _unit_recurrence(m.group("unit"))) for m in pattern.finditer(s))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    if len({recurrence for _, recurrence in found}) > 1:
        draft.flags.add(TimingFlag.AMBIGUOUS)
    return found[0][1]


def _deadline(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Deadlines: "Trước [ngày] DD/MM[/YYYY]", "trước ngày 30 tháng 01 năm 2024", "Trước 20/12 hằng năm"."""
    for keyword in _DEADLINE_KW_RE.finditer(s):
        match = _match_date(s, keyword.end())
        if match:
            end, valid = _resolve(match, plan_year, draft)
            if not valid:
                return _invalid(draft)
        else:
            month = _DEADLINE_MONTH_RE.match(s, keyword.end())
            if not month:
                continue
            # "trước tháng 6": by the end of May; read as such but flagged for review.
            draft.flags.add(TimingFlag.AMBIGUOUS)
            year = _year(month.group("y"), plan_year, draft.flags)
            end = None
            if year is not None:
                end = date(year, int(month.group("m")), 1) - timedelta(days=1)
                if end.year != year:
                    draft.flags.add(TimingFlag.YEAR_ASSUMED)  # "trước tháng 1/2024" ends in 2023
        draft.kind, draft.end = TimingKind.DEADLINE, end
        draft.recurrence = _frequency(s, draft) or Recurrence.ONCE
        if _has_date_after(s, match.end() if match else keyword.end()):
            draft.flags.add(TimingFlag.AMBIGUOUS)  # "Trước 30/6 và 15/12 hằng năm": the first is kept
        return True
    return False


def _has_date_after(s: str, position: int) -> bool:
    return any(_match_date(s, start.start()) for start in _ANY_DATE_RE.finditer(s, position))


def _recurring(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Frequencies: "Hàng tuần", "Mỗi tháng 01 kỳ", "02 số/tháng", "Một tuần một lần, … 10 đến 15 phút"."""
    recurrence = _frequency(s, draft)
    if recurrence is None:
        return False
    draft.kind, draft.recurrence = TimingKind.RECURRING, recurrence
    _count_and_quota(s, recurrence, draft)
    return True


def _count_and_quota(s: str, recurrence: Recurrence, draft: _Draft) -> None:
    for pattern in _COUNT_RES:
        for match in pattern.finditer(s):
            if _unit_recurrence(match.group("unit")) is not recurrence:
                continue
            n, word = _num(match.group("n")), match.group("w")
            if draft.count is None:
                draft.count = n
            if draft.quota is None and (word in _ITEM_WORDS or word in _SESSION_WORDS):
                draft.quota = Quota(_measure(word), n, None, recurrence)
    minutes = _minutes(s, recurrence, draft.count)
    if minutes is not None:
        draft.quota = minutes
    elif draft.quota is None:
        amount = _AMOUNT_RE.search(s)
        if amount:
            draft.quota = Quota(_measure(amount.group("w")), _num(amount.group("n")), None, recurrence)


def _measure(word: str) -> Measure:
    if word in _ITEM_WORDS:
        return Measure.ITEMS
    if word in _SESSION_WORDS:
        return Measure.SESSIONS
    return Measure.COPIES if word in _COPY_WORDS else Measure.ATTENDEES


def _minutes(s: str, recurrence: Recurrence, count: int | None) -> Quota | None:
    """Broadcast duration; an amount "mỗi lần" (per occasion) is multiplied by the count."""
    low: int | None
    high: int | None
    match = _DUR_RANGE_RE.search(s)
    if match:
        low, high = _num(match.group("a")), _num(match.group("b"))
    elif match := _DUR_LOW_RE.search(s):
        low, high = _num(match.group("a")), None
    elif match := _DUR_HIGH_RE.search(s):
        low, high = 0, _num(match.group("b"))
    elif match := _DUR_PLAIN_RE.search(s):
        low, high = _num(match.group("a")), None
    else:
        return None
    scale = 60 if match.group("u") == "gio" else 1
    if count and count > 1 and _PER_OCCASION_RE.search(s):
        scale *= count
    if high is not None and high < low:
        low, high = high, low
    return Quota(Measure.MINUTES, low * scale, None if high is None else high * scale, recurrence)


def _continuous(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Continuous ("Thường xuyên [trong năm [thực hiện]]", "liên tục"): no dates, the plan year is implied."""
    if not _CONTINUOUS_RE.search(s):
        return False
    draft.kind, draft.recurrence = TimingKind.CONTINUOUS, Recurrence.CONTINUOUS
    return True


def _window(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """One-off calendar windows, from the most to the least precise."""
    for step in (_date_range, _named_day, _quarters, _half_year, _month_span, _year_range, _year_window):
        if step(s, plan_year, draft):
            return True
    return False


def _date_range(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Date ranges "Từ [ngày] 01/3/2024 đến [ngày] 30/6/2024"; a missing first year comes from the second."""
    for keyword in _FROM_RE.finditer(s):
        first = _match_date(s, keyword.end())
        link = first and _TO_RE.match(s, first.end())
        second = link and _match_date(s, link.end())
        if not (first and second):
            continue
        end, valid = _resolve(second, plan_year, draft)
        year = end.year if end else None
        day, month = int(first.group("d")), int(first.group("m"))
        if first.group("y"):
            start, valid_start = _resolve(first, plan_year, draft)
        else:
            start = None if year is None else _safe_date(year, month, day)
            valid_start = year is None or start is not None
            if start and end and start > end:
                draft.flags.add(TimingFlag.YEAR_ASSUMED)
                start = _safe_date(start.year - 1, month, day)
        if not (valid and valid_start):
            return _invalid(draft)
        draft.kind, draft.recurrence, draft.start, draft.end = TimingKind.RANGE, Recurrence.ONCE, start, end
        return True
    return False


def _quarters(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Quarters: "Quý IV/2024", "Quý I, II/2024", "Quý II - III/2024", OCR "Quy lV/2024"."""
    match = _QUARTER_RE.search(s)
    if not match:
        return False
    numbers = sorted({q for token in _QTR_RE.findall(match.group("list")) if (q := _quarter(token))})
    if not numbers:
        return False
    spanned = _SPAN_WORD_RE.search(match.group("list"))
    if not spanned and numbers != list(range(numbers[0], numbers[-1] + 1)):
        draft.flags.add(TimingFlag.AMBIGUOUS)  # "Quý I, III": the whole span is kept
    year = _year(match.group("y"), plan_year, draft.flags)
    kind = TimingKind.WITHIN if len(numbers) == 1 else TimingKind.RANGE
    return draft.window(kind, _months(year, numbers[0] * 3 - 2, numbers[-1] * 3))


def _half_year(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Halves: "6 tháng đầu năm" = Jan-Jun, "6 tháng cuối năm" = Jul-Dec, "9 tháng đầu năm" = Jan-Sep."""
    match = _HALF_RE.search(s)
    if not match:
        return False
    months = 9 if match.group("n") in ("9", "chin") else 6
    year = _year(match.group("y"), plan_year, draft.flags)
    first, last = (1, months) if match.group("w") == "dau" else (13 - months, 12)
    return draft.window(TimingKind.WITHIN, _months(year, first, last))


def _month_span(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Months: "Tháng 3/2024", "Tháng 10-11/2024", "Từ tháng 3 đến tháng 6/2024"."""
    match = _MONTH_RE.search(s)
    if not match:
        return False
    first, last = int(match.group("m1")), int(match.group("m2") or match.group("m1"))
    written_first, written_last = match.group("y1"), match.group("y2")
    if not match.group("m2"):
        year = _year(written_first, plan_year, draft.flags)
        return draft.window(TimingKind.WITHIN, _months(year, first, first))
    end_year = _year(written_last or written_first, plan_year, draft.flags)
    start_year = int(written_first) if written_first else end_year
    if start_year is not None and not written_first and first > last:
        start_year -= 1  # "từ tháng 11 đến tháng 2/2025" starts in 2024
        draft.flags.add(TimingFlag.YEAR_ASSUMED)
    start_span, end_span = _months(start_year, first, first), _months(end_year, last, last)
    span = (start_span[0], end_span[1]) if start_span and end_span else None
    return draft.window(TimingKind.RANGE, span)


def _year_range(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Year ranges: "Giai đoạn 2021-2025", "2024 - 2025"."""
    match = _YEAR_RANGE_RE.search(s)
    if not match or int(match.group("y1")) >= int(match.group("y2")):
        return False
    span = (date(int(match.group("y1")), 1, 1), date(int(match.group("y2")), 12, 31))
    return draft.window(TimingKind.RANGE, span)


def _year_window(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Years: "Trong năm 2024", "Năm 2024", "Cả năm 2024", "Cả năm", "Trong năm", "01/2024", "2024"."""
    match = _YEAR_RE.search(s) or _BARE_YEAR_RE.fullmatch(s)
    if match:
        return draft.window(TimingKind.WITHIN, _months(int(match.group("y")), 1, 12))
    if _WHOLE_YEAR_RE.search(s):
        return draft.window(TimingKind.WITHIN, _months(_year(None, plan_year, draft.flags), 1, 12))
    match = _BARE_MONTH_RE.fullmatch(s)
    if match:
        month = int(match.group("m"))
        return draft.window(TimingKind.WITHIN, _months(int(match.group("y")), month, month))
    return False


def _named_day(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """A day: "Ngày 15/3/2024", "ngày 26 tháng 01 năm 2024" (before the month reading of the latter)."""
    for keyword in _DAY_RE.finditer(s):
        match = _match_date(s, keyword.end())
        if match:
            return _day(match, TimingKind.WITHIN, plan_year, draft)
    return False


def _single_day(s: str, plan_year: int | None, draft: _Draft) -> bool:
    """Events "Ngày Pháp luật (09/11)" (due that day, flagged) and bare full dates "15/3/2024"."""
    for keyword in _ANCHOR_RE.finditer(s):
        match = _match_date(s, keyword.end())
        if match:
            return _day(match, TimingKind.DEADLINE, plan_year, draft)
    for position in _ANY_DATE_RE.finditer(s):
        match = _match_date(s, position.start())
        if match and match.group("y"):
            return _day(match, TimingKind.WITHIN, plan_year, draft)
    return False


def _day(match: re.Match[str], kind: TimingKind, plan_year: int | None, draft: _Draft) -> bool:
    day, valid = _resolve(match, plan_year, draft)
    if not valid:
        return _invalid(draft)
    draft.kind, draft.recurrence, draft.end = kind, Recurrence.ONCE, day
    if kind is TimingKind.WITHIN:
        draft.start = day
    else:
        draft.flags.add(TimingFlag.EVENT_ANCHOR)
    return True


# --- two columns ------------------------------------------------------------------------------

_PERIODIC = frozenset({TimingKind.CONTINUOUS, TimingKind.RECURRING, TimingKind.REPORTING})
_WINDOWS = frozenset({TimingKind.WITHIN, TimingKind.RANGE})
_MAX_SPLITS = 4
_MAX_COLUMN_CHARS = 48  # a joined side longer than a timing cell is running text, not a column


def _parse_joined(s: str, plan_year: int | None) -> _Draft:
    """Split "Tháng 01/2024 - Trước 17/01" (two OCR columns joined) when both sides read."""
    position = s.find(" - ")
    for _ in range(_MAX_SPLITS):
        if position < 0:
            break
        left, right = s[:position].strip(), s[position + 3 :].strip()
        position = s.find(" - ", position + 1)
        if not (_LETTER_RE.search(left) and _LETTER_RE.search(right)):
            continue
        if max(len(left), len(right)) > _MAX_COLUMN_CHARS:
            continue
        second = _parse_single(right, plan_year)
        if second.kind is TimingKind.UNPARSED:
            continue
        first = _parse_single(left, plan_year)
        if first.kind is TimingKind.UNPARSED and not _THANG_HINT_RE.search(left):
            continue
        return _combine(first, second, left, right)
    return _parse_single(s, plan_year)


def _combine(first: _Draft, second: _Draft, first_text: str, second_text: str) -> _Draft:
    """Merge the "Triển khai" (start) and "Hoàn thành" (end) columns.

    - Same reading in both ("Mỗi tháng" | "Mỗi tháng"): that reading.
    - One unreadable: the other, flagged PARTIAL; a garbled "Tháng …" before a deadline starts on
      the first of the deadline's month (START_INFERRED), as the end cannot precede the start.
    - A periodic reading keeps its kind and takes dates from the dated column.
    - Window to deadline: one task (ONCE) from the window's start to the deadline.
    - Window to window ("Tháng 01/2024" | "Tháng 12/2024"): work throughout (CONTINUOUS) between them.
    """
    flags = first.flags | second.flags
    unparsed = TimingKind.UNPARSED
    if first.kind is unparsed and second.kind is unparsed:
        return _Draft(flags=flags)
    if first.kind is unparsed or second.kind is unparsed:
        known, other_text = (second, first_text) if first.kind is unparsed else (first, second_text)
        result = replace(known, periods=set(known.periods), flags=flags)
        if _ALNUM_RE.search(other_text):
            result.flags.add(TimingFlag.PARTIAL)
        if known is second and second.kind is TimingKind.DEADLINE and _THANG_HINT_RE.search(first_text):
            result.kind = TimingKind.RANGE
            result.flags |= {TimingFlag.START_INFERRED, TimingFlag.AMBIGUOUS}
            if second.end is not None:
                result.start = date(second.end.year, second.end.month, 1)
        return result
    if _same(first, second):
        return replace(first, periods=set(first.periods), flags=flags)
    if first.kind in _PERIODIC or second.kind in _PERIODIC:
        base = first if first.kind in _PERIODIC else second
        result = replace(base, periods=set(base.periods), flags=flags)
        if first.kind in _PERIODIC and second.kind in _PERIODIC:
            result.flags.add(TimingFlag.AMBIGUOUS)
        if first.kind not in _PERIODIC:
            result.start = first.start
        if second.kind not in _PERIODIC:
            result.end = second.end
        return result
    if TimingKind.ON_DEMAND in (first.kind, second.kind):
        dated = second if first.kind is TimingKind.ON_DEMAND else first
        return replace(dated, periods=set(dated.periods), flags=flags | {TimingFlag.ON_DEMAND})
    result = _Draft(start=first.start, end=second.end, flags=flags)
    both_windows = first.kind in _WINDOWS and second.kind in _WINDOWS
    result.recurrence = Recurrence.CONTINUOUS if both_windows else second.recurrence or Recurrence.ONCE
    if result.start and result.end:
        result.kind = TimingKind.RANGE
    else:
        result.kind = TimingKind.DEADLINE if second.kind is TimingKind.DEADLINE else TimingKind.WITHIN
    return result


def _same(first: _Draft, second: _Draft) -> bool:
    return (first.kind, first.recurrence, first.start, first.end, first.periods) == (
        second.kind,
        second.recurrence,
        second.start,
        second.end,
        second.periods,
    )


# --- result -----------------------------------------------------------------------------------


def _finish(raw: str, draft: _Draft, texts: list[str], plan_year: int | None, truncated: bool) -> Timing:
    """Apply the invariants every Timing holds, then freeze."""
    years: list[int] = []
    for text in texts:
        for written in _YEARS_RE.findall(text):
            if int(written) not in years:
                years.append(int(written))
    flags = set(draft.flags)
    if plan_year is not None and any(year != plan_year for year in years):
        flags.add(TimingFlag.YEAR_DIFFERS_FROM_PLAN)
    if truncated:
        flags.add(TimingFlag.TRUNCATED)
    start, end = draft.start, draft.end
    kind = draft.kind
    if start and end and start > end:
        start = None
        flags |= {TimingFlag.START_AFTER_END, TimingFlag.AMBIGUOUS}
        kind = TimingKind.DEADLINE if kind is TimingKind.RANGE else kind
    if draft.kind is TimingKind.UNPARSED:
        empty: frozenset[ReportingPeriod] = frozenset()
        return Timing(raw, draft.kind, None, None, None, None, None, empty, frozenset(flags), tuple(years))
    return Timing(
        raw=raw,
        kind=kind,
        recurrence=draft.recurrence,
        start=start,
        end=end,
        count=draft.count,
        quota=draft.quota,
        reporting_periods=frozenset(draft.periods),
        flags=frozenset(flags),
        years_mentioned=tuple(years),
    )
