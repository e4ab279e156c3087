"""Text clean-up before structure detection.

Rules, each because real plans arrive that way:
- Unicode NFC, one kind of line break, no zero-width or non-breaking spaces, tabs as spaces.
- Markdown markup removed (`#` headings, `**bold**`, `*italic*`, hard-break spaces); a line
  that was a heading or bold is remembered as *emphasised* (a hint for headings).
- Web-page chrome removed: posting dates, visitor counters, share/print links, attachment
  names (the posting date is not the issue date, so it must not survive).
- Page numbers: a bare 1–3 digit line after two or more blank lines (a PDF page gap) or a
  form feed becomes the page-break marker `PAGE_BREAK`, which tables use to re-join rows.
- Paragraphs: PDF text has hard line breaks inside sentences. A line is joined to the next
  when the next starts in lower case, or when the line is as long as the document's wrap
  width and does not end a sentence, unless the next line opens an item (`a)`, `1.`, `-`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from loa.text.folding import fold
from loa.text.plan_import.vocabulary import quick_fold

PAGE_BREAK = "\f"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_STRONG = re.compile(r"(\*\*\*|\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_BULLET_STAR = re.compile(r"^(\s*)[*•●▪◦]\s+")
_PAGE_NUMBER = re.compile(r"^\s*[-–(]?\s*(?:trang\s*)?\d{1,3}\s*[-–)]?\s*$", re.IGNORECASE)
_CHROME = re.compile(
    r"^(?:(?:ngay dang|ngay cap nhat|cap nhat luc|cap nhat|hom nay|hom qua|trong tuan|trong thang|tat ca|"
    r"luot xem|so luot xem|luot truy cap|dang truc tuyen|nguon|tac gia|ngay xuat ban)\s*:.{0,60}|"
    r"(?:chia se|in trang|in bai|ban in|gui email|gui bai|quay lai|quay ve|trang chu|ve dau trang|tai ve|"
    r"tai file|xem them|tin lien quan|cac tin khac|tin khac|binh luan|danh gia bai viet|font chu|co chu)"
    r"\b[^a-z]{0,20})$"
)
_ATTACHMENT = re.compile(r"^[^\n]{0,120}\.(?:pdf|docx?|xlsx?|zip|rar|signed\.pdf)\s*\|?\s*$", re.IGNORECASE)
_ENUMERATOR = re.compile(
    r"^\s*(?:[-+–•]\s*\S|\(?[a-zđ]\)\s|[a-zđ]\.\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\d{1,2}(?:\.\d{1,2})+\.?\s|"
    r"[IVXL]{1,5}[.)]\s?\S)"
)
_SENTENCE_END = re.compile(r"[.;:!?…)”\"]\s*$")


@dataclass(slots=True)
class CleanText:
    """Cleaned lines plus the indices of lines the source emphasised (heading or bold)."""

    lines: list[str]
    emphasised: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A logical paragraph: joined lines, the index of its first line, emphasis hint."""

    text: str
    line: int
    emphasised: bool = False


def clean(raw: str) -> CleanText:
    """Apply the character, markup, chrome and page-number rules; keep one line per line."""
    text = unicodedata.normalize("NFC", raw).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    raw_lines = text.split("\n")
    lines: list[str] = []
    emphasised: set[int] = set()
    for raw_line in raw_lines:
        pieces = raw_line.split(PAGE_BREAK)
        for k, piece in enumerate(pieces):
            if k:
                lines.append(PAGE_BREAK)
            line, emph = _strip_markdown(_SPACES.sub(" ", piece).rstrip())
            if emph:
                emphasised.add(len(lines))
            lines.append(line)
    lines = _drop_chrome(lines)
    lines = _mark_page_numbers(lines)
    return CleanText(lines=lines, emphasised={i for i in emphasised if i < len(lines)})


def _strip_markdown(line: str) -> tuple[str, bool]:
    emph = False
    if _MD_HEADING.match(line):
        line = _MD_HEADING.sub("", line)
        emph = True
    stripped = line.strip()
    if stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")) and len(stripped) > 4:
        emph = True
    line = _MD_BULLET_STAR.sub(r"\1- ", line)
    line = _MD_STRONG.sub(r"\2", line)
    line = _MD_EM.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "")
    line = _MD_ESCAPE.sub(r"\1", line)
    if line.lstrip().startswith("> "):
        line = line.lstrip()[2:]
    return line.rstrip(), emph


def _drop_chrome(lines: list[str]) -> list[str]:
    """Drop web-page furniture lines; only short lines can be chrome."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped and len(stripped) < 90:
            folded = quick_fold(stripped)
            if _CHROME.match(folded) or _ATTACHMENT.match(stripped):
                continue
        out.append(line)
    return out


def _mark_page_numbers(lines: list[str]) -> list[str]:
    out: list[str] = []
    blanks = 0
    after_break = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if line == PAGE_BREAK:
            out.append(PAGE_BREAK)
            blanks, after_break = 0, True
            continue
        if not stripped:
            blanks += 1
            out.append("")
            continue
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        if _PAGE_NUMBER.match(stripped) and (blanks >= 2 or after_break) and next_blank and out:
            out.append(PAGE_BREAK)
        else:
            out.append(line)
        blanks, after_break = 0, False
    return out


def wrap_width(lines: list[str]) -> int:
    """The document's typical line width: the 80th percentile of non-blank line lengths."""
    lengths = sorted(len(line) for line in lines if line.strip() and line != PAGE_BREAK)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]


def starts_item(line: str) -> bool:
    """True if the line opens a list item or a numbered heading."""
    return bool(_ENUMERATOR.match(line))


def paragraphs(lines: list[str], emphasised: set[int] | None = None, start: int = 0) -> list[Paragraph]:
    """Join hard-wrapped lines into paragraphs (see the module rules)."""
    emphasised = emphasised or set()
    width = wrap_width(lines)
    wrapped_len = int(width * 0.75) if width >= 50 else 10**6
    out: list[Paragraph] = []
    buf: list[str] = []
    buf_line = 0
    buf_emph = False
    blank_before = False

    def flush() -> None:
        nonlocal buf
        if buf:
            out.append(Paragraph(" ".join(buf).strip(), buf_line + start, buf_emph))
        buf = []

    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or raw == PAGE_BREAK:
            blank_before = True
            continue
        if buf:
            prev = buf[-1]
            first = line[:1]
            lower_start = first.islower() and not starts_item(line)
            prev_open = not _SENTENCE_END.search(prev)
            if blank_before:
                join = lower_start and prev_open
            else:
                join = (lower_start or (len(prev) >= wrapped_len and prev_open)) and not starts_item(line)
                if not join and prev_open and not starts_item(line) and _continues(prev, line):
                    join = True
            if join:
                buf.append(line)
                blank_before = False
                continue
            flush()
        buf = [line]
        buf_line = i
        buf_emph = i in emphasised
        blank_before = False
    flush()
    return out


def _continues(prev: str, line: str) -> bool:
    """A wrapped line whose previous line ends with a connector ("của", "-", ",")."""
    tail = prev.rstrip()
    if tail.endswith((",", "-", "–", "&", "/")):
        return len(tail) > 30
    last = fold(tail.rsplit(" ", 1)[-1])
    return last in {
        "va",
        "cua",
        "voi",
        "cho",
        "tren",
        "tai",
        "ve",
        "cac",
        "nhung",
        "theo",
        "trong",
        "so",
    } and (len(tail) > 30)
