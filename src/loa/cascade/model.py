"""Plain views of a plan that the cascade checks compare: what the Django side fills from its
rows, and what `view_from_imported` builds from the importer's output.

Values are the closed lists of plan JSON v1: channels (radio, tv, portal, social, newspaper,
panel_poster, leaflet, conference, training, contest, dialogue, survey, public_listing,
hotline, mobile_loudspeaker, meeting_integration, other), recurrences (`Recurrence` values),
quota measures (`Measure` values) and reporting periods (`ReportingPeriod` values).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from loa.text.folding import fold
from loa.text.plan_import.channels import classify
from loa.text.plan_import.model import ImportedPlan, ImportedTask, Section

__all__ = ["Passage", "PlanView", "TaskView", "split_sentences", "view_from_imported"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a plan and where it is ("Mục II.2, ý 3")."""

    ref: str
    text: str


@dataclass(frozen=True, slots=True)
class TaskView:
    """One task of a plan; `ref` names it for people ("Nhiệm vụ 3")."""

    ref: str
    title: str
    product: str = ""
    lead: str = ""
    cooperating: tuple[str, ...] = ()
    channel: str = ""
    timing_text: str = ""
    recurrence: str | None = None
    start: date | None = None
    end: date | None = None
    count: int | None = None
    quota_measure: str | None = None
    quota_minimum: int | None = None


@dataclass(frozen=True, slots=True)
class PlanView:
    """What a cascade check needs of one plan.

    `ref` names the plan as a lower plan cites it ("Kế hoạch số 29/KH-UBND của UBND thị xã
    Mỹ Hào"); `year` is 0 when unknown. `passages` holds every body sentence (and section
    heading), in document order, for the deadline search.
    """

    ref: str
    year: int
    issue_date: date | None
    themes: tuple[Passage, ...] = ()
    purposes: tuple[Passage, ...] = ()
    audiences: tuple[str, ...] = ()
    channels: frozenset[str] = frozenset()
    reporting_periods: frozenset[str] = frozenset()
    tasks: tuple[TaskView, ...] = ()
    passages: tuple[Passage, ...] = ()


# --- building a view from an imported plan ------------------------------------------------------

_BULLET_RE = re.compile(
    r"^\s*(?:[-+–•*]\s*|\(?(?:[a-zđ]|[0-9]{1,2}(?:\.[0-9]{1,2})*)[).]\s+)+", re.IGNORECASE
)
# Lines of a task block that the importer lists among the themes of some plans (seed 002):
# they say who and when, not what to communicate.
_LABEL_ONLY_RE = re.compile(
    r"^(?:thoi gian(?: thuc hien| hoan thanh)?|co quan (?:chu tri|phoi hop|thuc hien)|chu tri(?: thuc hien)?"
    r"|don vi (?:chu tri|phoi hop|thuc hien)|cach thuc(?: thuc hien)?|san pham|noi dung)\s*:"
)
_CONTENT_LABEL_RE = re.compile(r"^\s*nội dung\s*:\s*", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
_PURPOSE_TITLES = ("muc dich", "muc tieu")


def view_from_imported(plan: ImportedPlan, *, ref: str | None = None) -> PlanView:
    """A `PlanView` of an imported plan: tasks are "Nhiệm vụ n", themes "Nội dung tuyên truyền, ý n".

    Theme lines that only label a task block ("Thời gian thực hiện: …", "Cơ quan chủ trì: …")
    are left out; a "Nội dung: …" line keeps what follows the label.
    """
    year = plan.year or (plan.issue_date.year if plan.issue_date else 0)
    themes = tuple(
        Passage(f"Nội dung tuyên truyền, ý {n}", text) for n, text in enumerate(_theme_texts(plan), start=1)
    )
    return PlanView(
        ref=ref if ref is not None else _plan_ref(plan),
        year=year,
        issue_date=plan.issue_date,
        themes=themes,
        purposes=tuple(_purposes(plan.sections)),
        audiences=tuple(plan.audiences),
        channels=frozenset(plan.channels),
        reporting_periods=frozenset(plan.reporting_periods),
        tasks=tuple(_task_view(n, task) for n, task in enumerate(plan.tasks, start=1)),
        passages=tuple(_passages(plan.sections, ())),
    )


def split_sentences(text: str) -> list[str]:
    """Sentences of one line: split after ".", "!" or "?" when the next word starts a sentence."""
    pieces = [p.strip() for p in _SENTENCE_END_RE.split(text.strip()) if p.strip()]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and not (piece[0].isupper() or piece[0] in '“"('):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _plan_ref(plan: ImportedPlan) -> str:
    parts = ["Kế hoạch"]
    if plan.number:
        parts.append(f"số {plan.number}")
    if plan.issuer:
        parts.append(f"của {plan.issuer}")
    return " ".join(parts)


def _clean_item(line: str) -> str:
    return " ".join(_BULLET_RE.sub("", line).split())


def _theme_texts(plan: ImportedPlan) -> Iterator[str]:
    for raw in plan.content_themes:
        text = _clean_item(raw)
        if not text or (_LABEL_ONLY_RE.match(fold(text)) and not _CONTENT_LABEL_RE.match(text)):
            continue
        text = _CONTENT_LABEL_RE.sub("", text).strip()
        if text:
            yield text


def _purposes(sections: tuple[Section, ...]) -> Iterator[Passage]:
    for path, section in _walk(sections, ()):
        if not fold(section.title).startswith(_PURPOSE_TITLES):
            continue
        lines = [_clean_item(line) for line in section.text.split("\n")]
        for n, line in enumerate((line for line in lines if line), start=1):
            yield Passage(f"{_section_ref(path)}, ý {n}", line)


def _passages(sections: tuple[Section, ...], path: tuple[str, ...]) -> Iterator[Passage]:
    for section in sections:
        here = (*path, section.numeral)
        ref = _section_ref(here)
        if section.title.strip():
            yield Passage(ref, " ".join(section.title.split()))
        lines = [_clean_item(line) for line in section.text.split("\n")]
        for n, line in enumerate((line for line in lines if line), start=1):
            for sentence in split_sentences(line):
                yield Passage(f"{ref}, ý {n}", sentence)
        yield from _passages(section.subsections, here)


def _walk(sections: tuple[Section, ...], path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Section]]:
    for section in sections:
        here = (*path, section.numeral)
        yield here, section
        yield from _walk(section.subsections, here)


def _section_ref(path: tuple[str, ...]) -> str:
    return "Mục " + ".".join(path)


def _task_view(n: int, task: ImportedTask) -> TaskView:
    timing = task.timing
    quota = timing.quota if timing is not None else None
    found = classify([" ".join(t.split()) for t in (task.title, task.product or "") if t.strip()])
    return TaskView(
        ref=f"Nhiệm vụ {n}",
        title=" ".join(task.title.split()),
        product=" ".join((task.product or "").split()),
        lead=" ".join((task.lead or "").split()),
        cooperating=tuple(" ".join(c.split()) for c in task.cooperating if c.strip()),
        channel=next(iter(found), ""),
        timing_text=" ".join((task.timing_text or "").split()),
        recurrence=timing.recurrence.value if timing is not None and timing.recurrence is not None else None,
        start=timing.start if timing is not None else None,
        end=timing.end if timing is not None else None,
        count=timing.count if timing is not None else None,
        quota_measure=quota.measure.value if quota is not None else None,
        quota_minimum=quota.minimum if quota is not None else None,
    )
