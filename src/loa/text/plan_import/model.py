"""Dataclasses produced by the plan importer.

Everything the source document carries is kept (not only the scored JSON fields) so the
Django side can save a plan without re-reading the file. Fields the importer could not
find are None / empty and named in `ImportedPlan.warnings`; nothing is invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loa.text.timing import Timing


class ImportFailure(Exception):
    """A file that cannot be imported as a plan, with a machine `code` and a one-line reason.

    Codes: "unreadable", "empty", "binary", "not_a_plan", "too_large". The web layer maps
    the code to a Vietnamese message; the English `reason` is for logs and the CLI.
    """

    CODES = frozenset({"unreadable", "empty", "binary", "not_a_plan", "too_large"})

    def __init__(self, code: str, reason: str) -> None:
        if code not in self.CODES:
            raise ValueError(f"unknown ImportFailure code {code!r}")
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Reference:
    """A higher document cited in the `Căn cứ` / `Thực hiện` preamble."""

    number: str | None
    doc_type: str | None
    issuer: str | None
    date: date | None
    title: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading with its own text and sub-sections (roman → arabic → letter)."""

    numeral: str
    title: str
    text: str
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedTask:
    """One task: an appendix row or an inline key activity carrying a lead body and a time.

    `timing_text` is verbatim source text (the `Triển khai` column when a table has two time
    columns); `end_timing_text` holds the `Hoàn thành` column in that case.
    """

    title: str
    product: str | None
    lead: str | None
    cooperating: tuple[str, ...]
    timing_text: str | None
    timing: Timing | None
    end_timing_text: str | None = None
    note: str | None = None
    source: str = "appendix"


@dataclass(frozen=True, slots=True)
class ImportedPlan:
    """A communication plan as read from one document."""

    doc_type: str | None
    number: str | None
    issuer: str | None
    issuer_level: str | None
    locality: str | None
    parent_locality: str | None
    year: int | None
    issue_date: date | None
    place: str | None
    title: str | None
    based_on: tuple[Reference, ...]
    signer: str | None
    signing_authority: str | None
    signer_title: str | None
    recipients: tuple[str, ...]
    sections: tuple[Section, ...]
    audiences: tuple[str, ...]
    content_themes: tuple[str, ...]
    channels: tuple[str, ...]
    channel_evidence: dict[str, str] = field(default_factory=dict)
    tasks: tuple[ImportedTask, ...] = ()
    budget_source: str | None = None
    reporting_periods: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    source_format: str = "txt"
    source_name: str = ""
    ocr_damaged: bool = False
