"""Does a lower plan carry its higher plan? ("Căn cứ Kế hoạch số … của UBND huyện/tỉnh").

`check(higher, lower)` runs a fixed list of checks and returns every finding with the
passages it is about, plus a score (the share of checks passed). Findings come in a stable
order: by kind (the `FindingKind` order), then in document order, so two runs on the same
views give the same result.

Checks (each counts once; a check passes when it yields no finding):
- every higher theme is covered by a lower theme, purpose, task title or task product scoring
  at least `theme_threshold` (`theme_not_covered`);
- every channel of the higher plan (its own list and its tasks') is used by the lower plan
  (`channel_dropped`);
- every higher task with a lower counterpart (best title match at or above `threshold`, a
  task on the same channel preferred) keeps its frequency (`frequency_lowered`) and its
  quota and count per period (`quota_lowered`);
- every lower task has a lead (`task_without_lead`) and a readable time
  (`task_without_time`);
- every reporting period of the higher plan is in the lower plan (`reporting_period_missing`);
- when a deadline is known, the lower plan is issued by it (`issued_late`).

Text matching. Themes and titles are compared on folded words (no diacritics, no
punctuation), with common abbreviations spelt out (CCHC, TTHC, CBCCVC …), a few synonyms
made one word (nhân dân/công dân → người dân, phổ biến/quán triệt → tuyên truyền …) and
function words dropped. The score is the IDF-weighted Ochiai coefficient of the two word
sets (√(share of A's weight found in B × share of B's weight found in A) × 100), IDF taken
over the themes, purposes and task texts of both plans, so words every CCHC plan repeats
("tuyên truyền", "cải cách hành chính", "thực hiện") weigh little.

Thresholds, measured on the seeds: distinct themes of one plan score at most 49 against each
other (seed 003; 60 in seed 002, whose theme list repeats parts of its task blocks); themes
of one seed against the texts of an unrelated seed at most 55; texts that really correspond
across seed plans (the same national topic, the commune's radio column against the
district's) 56–81; rewordings (word order changed, diacritics dropped, synonyms) 73–98, and
61 when half the clauses are also dropped. Hence a theme is covered from 60
(`theme_threshold`). Task titles of one plan score at most 67 against each other, so a task
pairs from 70 (`threshold`): pairing drives the frequency and quota findings, where a wrong
pair is worse than a missed one.

rapidfuzz's `token_set_ratio` and `partial_ratio` were measured on the same texts and not
used: `token_set_ratio` scores any text whose words are (nearly) contained in the other at
85–100, so distinct themes of seed 003 "covered" each other at up to 90 (a short "Các thông
tin, thông báo liên quan đến giải quyết TTHC" against most long themes); `partial_ratio`
(rewordings 65–76, distinct themes of seed 003 up to 80) and `token_sort_ratio` (59–92
against up to 73) depend on word order and length, so the two groups overlap.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from loa.cascade.model import PlanView, TaskView
from loa.text.folding import fold_words
from loa.text.plan_import.channels import CHANNEL_LABELS, CHANNELS
from loa.text.timing import parse_timing

__all__ = [
    "ConformityResult",
    "Finding",
    "FindingKind",
    "TextMatcher",
    "check",
    "words_of",
]

DEFAULT_THRESHOLD = 70
DEFAULT_THEME_THRESHOLD = 60


class FindingKind(StrEnum):
    """What is wrong; the order here is the order findings are listed in."""

    THEME_NOT_COVERED = "theme_not_covered"
    CHANNEL_DROPPED = "channel_dropped"
    FREQUENCY_LOWERED = "frequency_lowered"
    QUOTA_LOWERED = "quota_lowered"
    TASK_WITHOUT_LEAD = "task_without_lead"
    TASK_WITHOUT_TIME = "task_without_time"
    REPORTING_PERIOD_MISSING = "reporting_period_missing"
    ISSUED_LATE = "issued_late"


@dataclass(frozen=True, slots=True)
class Finding:
    """One departure of the lower plan from the higher plan, with the passages concerned.

    `message` is a Vietnamese default; the Django side may render its own from the other fields.
    Refs and texts are "" where a side has nothing to point at (a dropped theme has no lower text).
    """

    kind: FindingKind
    message: str
    higher_ref: str = ""
    higher_text: str = ""
    lower_ref: str = ""
    lower_text: str = ""


@dataclass(frozen=True, slots=True)
class ConformityResult:
    """Findings in stable order; `score` = passed / checks × 100, one decimal (100 with no checks)."""

    findings: tuple[Finding, ...]
    checks: int
    passed: int
    score: float


# --- labels (the same words as the Django choices) ---------------------------------------------

_RECURRENCE_LABELS = {
    "once": "một lần",
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "semiannual": "6 tháng một lần",
    "annual": "hằng năm",
    "continuous": "thường xuyên",
}
# Continuous work is evidenced monthly (the occurrence generator makes monthly occurrences),
# so it ranks with monthly: "thường xuyên" → "hằng tháng" is not a lowering, "hằng tuần" →
# "thường xuyên" is.
_RECURRENCE_RANK = {
    "weekly": 5,
    "monthly": 4,
    "continuous": 4,
    "quarterly": 3,
    "semiannual": 2,
    "annual": 1,
    "once": 0,
}
_PERIOD_ORDER = ("quarterly", "semiannual", "nine_months", "annual")
_PERIOD_LABELS = {"quarterly": "hằng quý", "semiannual": "6 tháng", "nine_months": "9 tháng", "annual": "năm"}
_MEASURE_LABELS = {
    "minutes": "phút",
    "items": "tin, bài, số",
    "copies": "bản, tờ",
    "attendees": "người tham dự",
    "sessions": "buổi, cuộc",
}
_QUOTE_CHARS = 160


# --- text matching ----------------------------------------------------------------------------

_ABBREVIATIONS = {
    "cchc": "cai cach hanh chinh",
    "tthc": "thu tuc hanh chinh",
    "cbccvc": "can bo cong chuc vien chuc",
    "cbcnvc": "can bo cong nhan vien chuc",
    "cbcc": "can bo cong chuc",
    "ccvc": "cong chuc vien chuc",
    "qppl": "quy pham phap luat",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "cntt": "cong nghe thong tin",
    "xhh": "xa hoi hoc",
    "dvc": "dich vu cong",
    "mttq": "mat tran to quoc",
    "tw": "trung uong",
}
# Words plans use for one another; each is replaced by the first form.
_SYNONYMS = (
    ("nguoi dan", ("nhan dan", "cong dan")),
    ("nguoi dung dau", ("thu truong",)),
    ("tuyen truyen", ("pho bien", "quan triet", "truyen thong")),
    ("cong thong tin dien tu", ("trang thong tin dien tu", "trang tin dien tu")),
    ("bo phan tiep nhan tra ket qua", ("bo phan mot cua", "bo phan tiep nhan ho so tra ket qua")),
    ("tang cuong", ("day manh",)),
)
_SYNONYM_RES = tuple(
    (canonical, re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, others)) + r")(?![a-z0-9])"))
    for canonical, others in _SYNONYMS
)
# Words that carry no topic, as folded. Only words whose folded form is no other word's:
# "của" is left in because it folds like "cửa" (một cửa), "tại" like "tài" (tài liệu), "quá"
# like "quả" (kết quả); the IDF weights make such frequent words count little anyway.
_FUNCTION_WORDS = frozenset(
    ("cac", "va", "nhung", "duoc", "theo", "nay", "hoac", "khi", "nhu", "se", "viec", "voi", "trong", "tren")
)


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    """Content words of `text` as compared: folded, abbreviations spelt out, synonyms unified."""
    expanded = " ".join(_ABBREVIATIONS.get(word, word) for word in fold_words(text).split())
    kept = " ".join(word for word in expanded.split() if word not in _FUNCTION_WORDS)
    for canonical, pattern in _SYNONYM_RES:
        kept = pattern.sub(canonical, kept)
    return frozenset(kept.split())


class TextMatcher:
    """Similarity of plan texts, 0–100, weighted by how rare each word is in `corpus`."""

    def __init__(self, corpus: Iterable[str]) -> None:
        texts = [words_of(text) for text in corpus]
        counts: Counter[str] = Counter()
        for words in texts:
            counts.update(words)
        self._size = len(texts)
        self._counts = counts

    def weight(self, word: str) -> float:
        """Inverse document frequency (smoothed, so an unseen word weighs most)."""
        return math.log((self._size + 1) / (self._counts.get(word, 0) + 1)) + 1.0

    def similarity(self, first: str, second: str) -> float:
        """IDF-weighted Ochiai coefficient of the two word sets × 100."""
        a, b = words_of(first), words_of(second)
        if not a or not b:
            return 0.0
        shared = sum(self.weight(w) for w in a & b)
        if shared == 0:
            return 0.0
        total_a = sum(self.weight(w) for w in a)
        total_b = sum(self.weight(w) for w in b)
        return 100.0 * math.sqrt((shared / total_a) * (shared / total_b))


# --- the check ---------------------------------------------------------------------------------


def check(
    higher: PlanView,
    lower: PlanView,
    *,
    issue_deadline: date | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    theme_threshold: int = DEFAULT_THEME_THRESHOLD,
) -> ConformityResult:
    """Compare `lower` with the `higher` plan it implements (see the module rules).

    `threshold` is the title score from which a lower task counts as a higher task's
    counterpart; `theme_threshold` the score from which a lower text covers a higher theme.
    """
    matcher = TextMatcher(_corpus(higher, lower))
    tally = _Tally()
    _check_themes(higher, lower, matcher, theme_threshold, tally)
    _check_channels(higher, lower, tally)
    pairs = _pair_tasks(higher.tasks, lower.tasks, matcher, threshold)
    _check_task_pairs(pairs, tally)
    _check_lower_tasks(lower, tally)
    _check_reporting(higher, lower, tally)
    _check_issue_date(lower, issue_deadline, tally)
    order = list(FindingKind)
    findings = sorted(tally.findings, key=lambda item: (order.index(item[1].kind), item[0]))
    score = 100.0 if tally.checks == 0 else round(100.0 * tally.passed / tally.checks, 1)
    return ConformityResult(
        findings=tuple(finding for _, finding in findings),
        checks=tally.checks,
        passed=tally.passed,
        score=score,
    )


class _Tally:
    def __init__(self) -> None:
        self.checks = 0
        self.passed = 0
        self.findings: list[tuple[int, Finding]] = []

    def record(self, found: Sequence[Finding]) -> None:
        """One check, with the findings it produced (none: passed)."""
        self.checks += 1
        if not found:
            self.passed += 1
        for finding in found:
            self.findings.append((len(self.findings), finding))


def _corpus(*plans: PlanView) -> list[str]:
    texts: list[str] = []
    for plan in plans:
        texts.extend(p.text for p in plan.themes)
        texts.extend(p.text for p in plan.purposes)
        texts.extend(t.title for t in plan.tasks)
        texts.extend(t.product for t in plan.tasks if t.product)
    return texts


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE_CHARS:
        text = text[: _QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{text}”"


def _check_themes(
    higher: PlanView, lower: PlanView, matcher: TextMatcher, threshold: int, tally: _Tally
) -> None:
    candidates = [
        *(p.text for p in lower.themes),
        *(p.text for p in lower.purposes),
        *(t.title for t in lower.tasks),
        *(t.product for t in lower.tasks if t.product),
    ]
    for theme in higher.themes:
        if not words_of(theme.text):
            continue  # nothing to compare (a label or a number only)
        best = max((matcher.similarity(theme.text, c) for c in candidates), default=0.0)
        if best >= threshold:
            tally.record(())
            continue
        message = f"Kế hoạch cấp dưới không có nội dung tuyên truyền tương ứng: {_quote(theme.text)}."
        tally.record((Finding(FindingKind.THEME_NOT_COVERED, message, theme.ref, theme.text),))


def _channels_of(plan: PlanView) -> set[str]:
    return {c for c in plan.channels if c} | {t.channel for t in plan.tasks if t.channel}


def _channel_key(channel: str) -> tuple[int, str]:
    order = CHANNELS.index(channel) if channel in CHANNELS else len(CHANNELS)
    return order, channel


def _check_channels(higher: PlanView, lower: PlanView, tally: _Tally) -> None:
    used = _channels_of(lower)
    for channel in sorted(_channels_of(higher), key=_channel_key):
        if channel in used:
            tally.record(())
            continue
        label = CHANNEL_LABELS[channel].lower() if channel in CHANNEL_LABELS else channel
        message = f"Kế hoạch cấp dưới bỏ hình thức tuyên truyền “{label}” của kế hoạch cấp trên."
        source = next((t for t in higher.tasks if t.channel == channel), None)
        ref, text = (source.ref, source.title) if source is not None else (higher.ref, label)
        tally.record((Finding(FindingKind.CHANNEL_DROPPED, message, ref, text),))


def _pair_tasks(
    higher: Sequence[TaskView], lower: Sequence[TaskView], matcher: TextMatcher, threshold: int
) -> list[tuple[TaskView, TaskView]]:
    """Each higher task with its best-matching lower task, if any reaches `threshold`."""
    pairs = []
    for task in higher:
        scored = [
            (matcher.similarity(task.title, other.title), index, other) for index, other in enumerate(lower)
        ]
        eligible = [item for item in scored if item[0] >= threshold]
        if not eligible:
            continue
        _, _, best = min(
            eligible,
            key=lambda item: (not (task.channel and item[2].channel == task.channel), -item[0], item[1]),
        )
        pairs.append((task, best))
    return pairs


def _check_task_pairs(pairs: Sequence[tuple[TaskView, TaskView]], tally: _Tally) -> None:
    for high, low in pairs:
        found: list[Finding] = []
        high_rank = _RECURRENCE_RANK.get(high.recurrence or "")
        low_rank = _RECURRENCE_RANK.get(low.recurrence or "")
        if high_rank is not None and low_rank is not None and low_rank < high_rank:
            change = (
                f"{_RECURRENCE_LABELS[high.recurrence or '']} → {_RECURRENCE_LABELS[low.recurrence or '']}"
            )
            message = f"Tần suất thấp hơn kế hoạch cấp trên ({change}): {_quote(low.title)}."
            found.append(_task_finding(FindingKind.FREQUENCY_LOWERED, message, high, low))
        comparable = high.recurrence is None or low.recurrence is None or high.recurrence == low.recurrence
        if (
            comparable
            and high.quota_measure
            and high.quota_measure == low.quota_measure
            and high.quota_minimum is not None
            and low.quota_minimum is not None
            and low.quota_minimum < high.quota_minimum
        ):
            unit = _MEASURE_LABELS.get(high.quota_measure, high.quota_measure)
            change = f"tối thiểu {high.quota_minimum} → {low.quota_minimum} {unit}"
            message = f"Chỉ tiêu thấp hơn kế hoạch cấp trên ({change}): {_quote(low.title)}."
            found.append(_task_finding(FindingKind.QUOTA_LOWERED, message, high, low))
        if comparable and high.count is not None and low.count is not None and low.count < high.count:
            message = (
                f"Số lần mỗi kỳ thấp hơn kế hoạch cấp trên ({high.count} → {low.count}): {_quote(low.title)}."
            )
            found.append(_task_finding(FindingKind.QUOTA_LOWERED, message, high, low))
        tally.record(found)


def _task_finding(kind: FindingKind, message: str, high: TaskView, low: TaskView) -> Finding:
    return Finding(kind, message, high.ref, high.title, low.ref, low.title)


def _has_time(task: TaskView, year: int) -> bool:
    if not task.timing_text.strip():
        return False
    if task.recurrence or task.start or task.end:
        return True
    timing = parse_timing(task.timing_text, plan_year=year or None)
    return bool(timing.recurrence or timing.start or timing.end)


def _check_lower_tasks(lower: PlanView, tally: _Tally) -> None:
    for task in lower.tasks:
        if task.lead.strip():
            tally.record(())
        else:
            message = f"Nhiệm vụ chưa có cơ quan chủ trì: {_quote(task.title)}."
            tally.record((Finding(FindingKind.TASK_WITHOUT_LEAD, message, "", "", task.ref, task.title),))
        if _has_time(task, lower.year):
            tally.record(())
        else:
            message = f"Nhiệm vụ chưa có thời gian thực hiện đọc được: {_quote(task.title)}."
            tally.record((Finding(FindingKind.TASK_WITHOUT_TIME, message, "", "", task.ref, task.title),))


def _check_reporting(higher: PlanView, lower: PlanView, tally: _Tally) -> None:
    def key(period: str) -> tuple[int, str]:
        return (_PERIOD_ORDER.index(period) if period in _PERIOD_ORDER else len(_PERIOD_ORDER), period)

    for period in sorted(higher.reporting_periods, key=key):
        if period in lower.reporting_periods:
            tally.record(())
            continue
        label = _PERIOD_LABELS.get(period, period)
        message = f"Kế hoạch cấp dưới không có kỳ báo cáo {label} mà kế hoạch cấp trên yêu cầu."
        tally.record((Finding(FindingKind.REPORTING_PERIOD_MISSING, message, higher.ref, label),))


def _check_issue_date(lower: PlanView, deadline: date | None, tally: _Tally) -> None:
    if deadline is None or lower.issue_date is None:
        return  # nothing to compare: no check is counted
    if lower.issue_date <= deadline:
        tally.record(())
        return
    issued, due = lower.issue_date.strftime("%d/%m/%Y"), deadline.strftime("%d/%m/%Y")
    message = f"Kế hoạch cấp dưới ban hành ngày {issued}, sau hạn {due} mà kế hoạch cấp trên đặt ra."
    tally.record((Finding(FindingKind.ISSUED_LATE, message, "", due, lower.ref, issued),))
