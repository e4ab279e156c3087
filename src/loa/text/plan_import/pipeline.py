"""The import pipeline: text → `ImportedPlan`.

Order: clean → split body / appendix → header, title, preamble → roman sections → tail
(recipients, signature) → appendix caption → audiences, themes, budget, reporting → tasks
(inline, then appendix table) → channels → fallbacks for fields the header lacked (number
and date from the appendix caption, issuer from the preamble, caption, closing sentence or
title) → warnings for every field still missing. Nothing is guessed beyond those sources.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from loa.text.plan_import import channels as channel_rules
from loa.text.plan_import import content, ocr_tables, structure, tables, tasks
from loa.text.plan_import.model import ImportedPlan, ImportedTask, ImportFailure, Reference
from loa.text.plan_import.normalize import PAGE_BREAK, clean, paragraphs
from loa.text.plan_import.patterns import ocr_day_candidates
from loa.text.plan_import.readers import read_document_with_format
from loa.text.plan_import.vocabulary import VOCABULARY, is_syllable, restore, text_key

if TYPE_CHECKING:
    from loa.text.timing import Timing

_VIET_LETTERS = "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_MARKED_WORD = re.compile(rf"[^\W\d_]*[{_VIET_LETTERS}][^\W\d_]*")
_PLAN_MARKERS = ("ke hoach", "tuyen truyen", "cai cach hanh chinh", "cchc", "to chuc thuc hien", "nhiem vu")
MAX_CHARS = 2_000_000


def import_plan_file(path: Path) -> ImportedPlan:
    """Read and import one file (see `readers` for the formats)."""
    text, fmt = read_document_with_format(path)
    return import_plan_text(text, source_name=Path(path).name, source_format=fmt)


def is_ocr_damaged(lines: list[str]) -> bool:
    """True when a Vietnamese text lost most diacritics (a bad OCR or a plain-ASCII copy)."""
    sample = "\n".join(lines[:200]).lower()
    words = len(_ALPHA_WORD.findall(sample))
    if words < 30:
        return False
    marked = len(_MARKED_WORD.findall(sample))
    return marked < 0.35 * words


def is_garbled(lines: list[str]) -> bool:
    """True when many words are not Vietnamese syllables (OCR noise, not just lost marks)."""
    keys = text_key("\n".join(lines[:150])).split()
    vowelled = [k for k in keys if any(c in "aeiouy" for c in k)]
    if len(vowelled) < 30:
        return False
    bad = sum(1 for k in vowelled if not is_syllable(k) and k not in VOCABULARY.known_words)
    return bad > 0.03 * len(vowelled)


def _timing(text: str | None, plan_year: int | None, end_text: str | None = None) -> Timing | None:
    if not text:
        return None
    try:
        from loa.text.timing import parse_timing
    except ImportError:  # pragma: no cover - timing.py ships with the package
        return None
    try:
        return parse_timing(text, plan_year=plan_year, end_text=end_text)
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def import_plan_text(text: str, *, source_name: str = "", source_format: str = "txt") -> ImportedPlan:
    """Import a plan from its text. Raises `ImportFailure` ("empty"/"not_a_plan"/"too_large")."""
    if len(text) > MAX_CHARS:
        raise ImportFailure("too_large", f"text has {len(text)} characters, over the {MAX_CHARS} limit")
    if not text.strip():
        raise ImportFailure("empty", "no text")
    cleaned = clean(text)
    lines = cleaned.lines
    doc_key = text_key(" ".join(lines[:3000]))
    if len(doc_key.split()) < 25 or sum(1 for m in _PLAN_MARKERS if m in doc_key) < 2:
        raise ImportFailure("not_a_plan", "does not read as a plan (no plan headings or CCHC wording)")
    ocr = is_ocr_damaged(lines)
    warnings: list[str] = []

    app_start = structure.find_appendix_start(lines)
    body_lines = lines[:app_start] if app_start is not None else lines
    app_lines = lines[app_start:] if app_start is not None else []
    paras = paragraphs(body_lines, cleaned.emphasised)

    first_sec = structure.first_section_index(paras)
    head_end = first_sec if first_sec is not None else min(len(paras), 6)
    header = structure.parse_header(paras[:head_end], body_lines, ocr)
    refs, preamble_unit = structure.parse_preamble(paras[header.title_end : head_end])
    raw_sections, tail_start = structure.split_sections(paras, head_end)
    sections = [structure.freeze_section(raw, ocr) for raw in raw_sections]
    tail_texts = [p.text for p in paras[tail_start:]]
    tail = structure.parse_tail(tail_texts)
    caption = structure.parse_caption(app_lines) if app_lines else structure.Caption()

    # ---- identity fields, with fallbacks in the order of trust
    number = header.number
    doc_type = header.doc_type
    issue_date = header.issue_date
    if number is None and not header.number_blank and caption.number:
        number = caption.number
        doc_type = doc_type or caption.doc_type
        issue_date = issue_date or caption.issue_date
    if issue_date is None and header.issue_day_raw:
        issue_date = _repair_day(header.issue_day_raw, refs, warnings)
    if doc_type is None and (caption.doc_type or number):
        doc_type = caption.doc_type or (
            number.split("/")[1].split("-")[0] if number and "/" in number else None
        )
    if doc_type is None and "ke hoach" in doc_key[:400]:
        doc_type = "KH"

    unit = header.unit or preamble_unit or caption.unit
    if unit is None:
        closing = " ".join(p.text for p in paras[tail_start : tail_start + 2])
        unit = _closing_unit(closing) or (
            structure.parse_unit_text(header.title or "") if header.title else None
        )
    issuer = unit.issuer if unit else None
    parent = header.parent.issuer if header.parent else None

    year = _plan_year(header.title, caption.year, issue_date)

    # ---- content
    body_texts = [p.text for p in paras[header.title_end : tail_start]]
    aud = content.audiences(sections, ocr)
    themes = content.content_themes(sections, ocr)
    own_body = f"{unit.body} {unit.kind}" if unit else None
    budget = content.budget_source(sections, body_texts, ocr, own_body)
    reporting = _reporting(body_texts, year)

    # ---- tasks
    task_list = [_inline_task(t, year) for t in tasks.inline_tasks(paras[head_end:tail_start], ocr)]
    task_list += _appendix_tasks(app_lines, year, ocr, warnings)

    # ---- channels: every clause of the body except the topic list, plus task rows
    topic = content.find_subsection(sections, ("noi dung",))
    topic_lines = set(topic.text.split("\n")) if topic and "hinh thuc" not in text_key(topic.title) else set()
    clauses: list[str] = []
    for para in paras[header.title_end : tail_start]:
        if para.text in topic_lines:
            continue
        clauses.extend(channel_rules.split_clauses(para.text))
    clauses.extend(line for line in app_lines if line.strip() and line != PAGE_BREAK)
    for task in task_list:
        clauses.append(task.title)
        if task.product:
            clauses.append(task.product)
    evidence = channel_rules.classify(clauses, ocr=ocr and is_garbled(lines))

    for label, value in (
        ("number", number),
        ("issue_date", issue_date),
        ("issuer", issuer),
        ("year", year),
        ("signer", tail.signer),
        ("title", header.title),
    ):
        if value is None:
            warnings.append(f"{label} not found")
    if not sections:
        warnings.append("no roman-numeral sections found")
    if not aud:
        warnings.append("no audiences (Đối tượng) found")
    if not task_list:
        warnings.append("no tasks found")
    if ocr:
        warnings.append("text lost its diacritics (OCR); restored where the vocabulary knows the words")
    for task in task_list:
        years = getattr(task.timing, "years_mentioned", ()) or ()
        if year and any(isinstance(y, int) and y != year for y in years):
            warnings.append(f"task '{task.title[:60]}' mentions another year than {year}: {task.timing_text}")

    return ImportedPlan(
        doc_type=doc_type,
        number=number,
        issuer=issuer,
        issuer_level=unit.level if unit else None,
        locality=unit.name if unit else None,
        parent_locality=parent,
        year=year,
        issue_date=issue_date,
        place=header.place,
        title=header.title,
        based_on=tuple(refs),
        signer=restore(tail.signer) if tail.signer and ocr else tail.signer,
        signing_authority=tail.authority,
        signer_title=tail.signer_title,
        recipients=tuple(restore(r) if ocr else r for r in tail.recipients),
        sections=tuple(sections),
        audiences=tuple(aud),
        content_themes=tuple(themes),
        channels=tuple(evidence),
        channel_evidence=dict(evidence),
        tasks=tuple(task_list),
        budget_source=budget,
        reporting_periods=tuple(sorted(reporting, key=_PERIOD_ORDER.index)),
        warnings=tuple(warnings),
        source_format=source_format,
        source_name=source_name,
        ocr_damaged=ocr,
    )


_PERIOD_ORDER = ["quarterly", "semiannual", "nine_months", "annual"]


def _repair_day(raw: str, refs: list[Reference], warnings: list[str]) -> date | None:
    day_text, month, year = raw.split("|") if raw.count("|") == 2 else (raw, "", "")
    if not month:
        return None
    floor = max((r.date for r in refs if r.date), default=None)
    for day in ocr_day_candidates(day_text):
        try:
            cand = date(int(year), int(month), day)
        except ValueError:
            continue
        if floor is None or cand >= floor:
            warnings.append(f"issue date day '{day_text}' is unreadable; read as {day:02d}")
            return cand
    warnings.append(f"issue date day '{day_text}' is unreadable")
    return None


def _closing_unit(text: str) -> structure.Unit | None:
    m = re.search(r"của\s+(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\s+|của\s+UBND\s+", text)
    return structure.parse_unit_text(text[m.end() :], prefer_last=False) if m else None


def _plan_year(title: str | None, caption_year: int | None, issue_date: date | None) -> int | None:
    if title:
        years = re.findall(r"n[aă]m\s+((?:19|20)\d{2})(?!\s*[-–]\s*\d)", title, flags=re.IGNORECASE)
        if not years:
            years = re.findall(r"n[a-z]{1,2}m\s*((?:19|20)\d{2})", text_key(title))
        if years:
            return int(years[-1])
    if caption_year:
        return caption_year
    return issue_date.year if issue_date else None


def _reporting(texts: list[str], year: int | None) -> set[str]:
    found: set[str] = set()
    for clause in content.reporting_sentences(texts):
        timing = _timing(clause, year)
        periods = {str(getattr(p, "value", p)) for p in getattr(timing, "reporting_periods", ()) or ()}
        found |= periods or content.periods_from_text(clause)
    return found & {"quarterly", "semiannual", "annual", "nine_months"}


def _inline_task(raw: tasks.InlineTask, year: int | None) -> ImportedTask:
    f = raw.fields
    timing_text = " ".join(f.get("time", "").split()) or None
    lead = f.get("lead", "").strip().rstrip(".;") or None
    coop = tuple(tasks.split_agencies(f["coop"])) if f.get("coop") else ()
    return ImportedTask(
        title=raw.title,
        product=f.get("product") or None,
        lead=lead,
        cooperating=coop,
        timing_text=timing_text,
        timing=_timing(timing_text, year),
        note=f.get("content") or None,
        source="inline",
    )


def _loose_header_end(lines: list[str]) -> int | None:
    """Line after an OCR-damaged header (one naming the time sub-columns or STT + Nội dung)."""
    found = None
    for i, line in enumerate(lines[:30]):
        key = text_key(line)
        if re.search(r"\btrien khai\b|\bhoan thanh\b", key) or re.search(r"\b(?:s?tt)\b.*\bnoi dung\b", key):
            found = i + 1
    return found


def _appendix_tasks(
    app_lines: list[str], year: int | None, ocr: bool, warnings: list[str]
) -> list[ImportedTask]:
    if not app_lines:
        return []
    rows = tables.pipe_rows(app_lines)
    if rows is None:
        header = tables.find_header(app_lines)
        if header is None:
            end = _loose_header_end(app_lines)
            if end is None:
                return []
            header = (end - 1, end, list(tables.DEFAULT_COLUMNS))
        _start, end, kinds = header
        body = app_lines[end:]
        if tables.is_row_major(body):
            warnings.append(
                "appendix table is an OCR scan read across columns; rows rebuilt on a best-effort basis"
            )
            rows = ocr_tables.row_major_rows(body)
        else:
            rows = tables.flattened_rows(body, kinds)
    out: list[ImportedTask] = []
    for row in rows:
        cells = row.cells
        title = " ".join(cells.get("title", "").split()).strip(" .;")
        if not title:
            continue
        timing_text = " ".join(cells.get("time", "").split()) or None
        end_text = " ".join(cells.get("time_end", "").split()) or None
        product = " ".join(cells.get("product", "").split()) or None
        lead = " ".join(cells.get("lead", "").split()).strip(" .;") or None
        coop = tuple(tasks.split_agencies(cells["coop"])) if cells.get("coop") else ()
        if ocr:
            title = restore(title)
            product = restore(product) if product else None
            lead = restore(lead) if lead else None
            coop = tuple(restore(c) for c in coop)
        out.append(
            ImportedTask(
                title=title,
                product=product,
                lead=lead,
                cooperating=coop,
                timing_text=timing_text,
                timing=_timing(timing_text, year, end_text),
                end_timing_text=end_text,
                note=" ".join(cells.get("note", "").split()) or None,
                source="appendix",
            )
        )
    return out
