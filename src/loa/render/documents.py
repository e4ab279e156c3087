"""The model of an official document (văn bản hành chính) as Nghị định 30/2020/NĐ-CP lays it out.

Plain frozen dataclasses that a service fills in and `loa.render.docx_writer` turns into a
.docx file. The model holds the *content*; the decree's typography (fonts, sizes, rules,
margins) belongs to the writer. A few helpers format the lines whose shape the decree fixes,
so every document spells them the same way:

- `number_and_symbol(11, "KH-UBND")` → ``"Số: 11/KH-UBND"``; numbers below 10 get a leading
  zero, and an unnumbered draft keeps a blank for the clerk: ``"Số:      /KH-UBND"``.
- `place_and_date("Gia Tân", date(2024, 2, 5))` → ``"Gia Tân, ngày 05 tháng 02 năm 2024"``.
  Days below 10 and only the months 1 and 2 get a leading zero (``tháng 3`` … ``tháng 12``).
  An undated draft keeps blanks: ``"Gia Tân, ngày     tháng     năm 2024"``.
- `attached_line(...)` → ``"(Kèm theo Kế hoạch số 11/KH-UBND ngày 26 tháng 01 năm 2024 của
  UBND xã Gia Tân)"``, the line under an appendix title.
- `recipients_block(...)` and `citation_lines(...)` punctuate lists: ``"- x;"`` lines with a
  final ``"."``, and Căn cứ lines ending ``";"`` with a final ``"."``.

Nothing here changes the wording a caller gives: typos in a source plan stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Appendix",
    "Block",
    "Bullets",
    "Heading",
    "OfficialDocument",
    "Paragraph",
    "Signature",
    "Table",
    "attached_line",
    "citation_lines",
    "date_phrase",
    "number_and_symbol",
    "number_symbol",
    "place_and_date",
    "recipients_block",
]

BLANK_NUMBER = "      "
"""What stands for the number on an unnumbered draft; the clerk writes it in by hand."""

BLANK_DATE_PART = "     "
"""What stands for a day, a month or a year on an undated draft."""

_LEADING_DASH = re.compile(r"^\s*[-–—•+*]\s*")
_TRAILING_PUNCTUATION = re.compile(r"[\s;,.:]+$")


@dataclass(frozen=True)
class Heading:
    """A section heading of the body.

    Level 1 is a Roman-numbered part ("I. MỤC ĐÍCH, YÊU CẦU"), printed in capitals and bold;
    level 2 an Arabic-numbered item ("1. Mục đích"), bold; level 3 a lettered point
    ("a) Đối với …"), italic. The text includes its own numbering.
    """

    level: Literal[1, 2, 3]
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first line indented. `italic` for notes such as
    "(Có Phụ lục … kèm theo)"."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class Bullets:
    """A list printed as one "- item" paragraph per item; a leading dash in an item is dropped."""

    items: Sequence[str]


@dataclass(frozen=True)
class Table:
    """A ruled table with a header row that repeats on every page.

    `widths` are relative column widths (any positive numbers, one per column); without them
    the columns share the width equally. A cell text may hold line breaks ("\\n").
    """

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float] | None = None

    def __post_init__(self) -> None:
        columns = len(self.header)
        if columns == 0:
            raise ValueError("a table needs at least one column")
        for row in self.rows:
            if len(row) != columns:
                raise ValueError(f"a row has {len(row)} cells, the header has {columns}: {list(row)!r}")
        if self.widths is not None and (
            len(self.widths) != columns or any(width <= 0 for width in self.widths)
        ):
            raise ValueError(f"widths must be {columns} positive numbers, got {list(self.widths)!r}")


Block = Heading | Paragraph | Bullets | Table
"""One piece of the body, in reading order."""


@dataclass(frozen=True, kw_only=True)
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / ["KT. CHỦ TỊCH"] / "CHỦ TỊCH" / name.

    `authority` is the TM./TL./TUQ. line, `acting_line` the "KT. CHỦ TỊCH" line when a deputy
    signs (else ""), `title` the signer's post ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"), `name` the
    signer's full name without academic titles. The writer prints the lines in capitals.
    """

    authority: str
    title: str
    name: str
    acting_line: str = ""


@dataclass(frozen=True, kw_only=True)
class Appendix:
    """An appendix printed after the signature, on its own pages with its own numbering.

    `label` is "Phụ lục" for a single appendix, "Phụ lục I", "Phụ lục II" … for several;
    `attached_line` is the "(Kèm theo …)" line (see `attached_line()`); landscape by default,
    as task tables are wide.
    """

    label: str
    title: str
    attached_line: str
    table: Table
    landscape: bool = True


@dataclass(frozen=True, kw_only=True)
class OfficialDocument:
    """An administrative document with a type name (kế hoạch, báo cáo, tờ trình …).

    - `parent_body`: the governing body printed above the issuer ("UBND HUYỆN GIA LỘC"), or "".
    - `issuer`: the issuing body ("ỦY BAN NHÂN DÂN XÃ GIA TÂN"); both are printed in capitals.
    - `number`/`symbol`: see `number_and_symbol()`; `number` None for an unnumbered draft.
    - `place`/`issued_on`: see `place_and_date()`; with `issued_on` None the date is left
      blank and `year` (if given) is printed.
    - `title`: the trích yếu, e.g. "Tuyên truyền cải cách hành chính năm 2024".
    - `recipients_to`: the "Kính gửi" lines of a report or submission; empty for a plan.
    - `based_on`: the Căn cứ / Thực hiện lines, punctuated by `citation_lines()`.
    - `closing`: the last paragraph ("Trên đây là Kế hoạch … ./."), or "".
    - `copy_to`: the Nơi nhận lines, in order; the caller adds the "Lưu: VT, …" line last.
    """

    issuer: str
    doc_type: str
    symbol: str
    place: str
    title: str
    signature: Signature
    parent_body: str = ""
    number: int | None = None
    issued_on: date | None = None
    year: int | None = None
    recipients_to: Sequence[str] = ()
    based_on: Sequence[str] = ()
    body: Sequence[Block] = ()
    closing: str = ""
    copy_to: Sequence[str] = ()
    appendices: Sequence[Appendix] = field(default_factory=tuple)

    @property
    def number_line(self) -> str:
        """The "Số: …" line of the header."""
        return number_and_symbol(self.number, self.symbol)

    @property
    def date_line(self) -> str:
        """The place-and-date line of the header."""
        return place_and_date(self.place, self.issued_on, year=self.year)


def _clean_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).lstrip("/")


def number_symbol(number: int | None, symbol: str) -> str:
    """ "11/KH-UBND": the number (two digits at least) and the symbol, no spaces around "/"."""
    if number is None:
        return f"{BLANK_NUMBER}/{_clean_symbol(symbol)}"
    if number < 1:
        raise ValueError(f"a document number starts at 1, got {number}")
    return f"{number:02d}/{_clean_symbol(symbol)}"


def number_and_symbol(number: int | None, symbol: str) -> str:
    """ "Số: 05/KH-UBND"; "Số:      /KH-UBND" when the draft has no number yet."""
    if number is None:
        return f"Số:{number_symbol(None, symbol)}"
    return f"Số: {number_symbol(number, symbol)}"


def date_phrase(day: date | None, *, year: int | None = None) -> str:
    """ "ngày 05 tháng 02 năm 2024"; "ngày 15 tháng 3 năm 2024" (only months 1 and 2 are padded).

    Without a day the day and month are left blank, and the year too unless `year` is given.
    """
    if day is None:
        year_text = BLANK_DATE_PART if year is None else f" {year}"
        return f"ngày{BLANK_DATE_PART}tháng{BLANK_DATE_PART}năm{year_text}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: date | None, *, year: int | None = None) -> str:
    """ "Gia Tân, ngày 05 tháng 02 năm 2024"; see `date_phrase()` for the blanks of a draft."""
    return f"{place.strip()}, {date_phrase(day, year=year)}"


def attached_line(
    doc_type_word: str, number_symbol: str, day: date | None, issuer_short: str, *, year: int | None = None
) -> str:
    """The line under an appendix title.

    `attached_line("Kế hoạch", "11/KH-UBND", date(2024, 1, 26), "UBND xã Ngọc Lâm")` →
    "(Kèm theo Kế hoạch số 11/KH-UBND ngày 26 tháng 01 năm 2024 của UBND xã Ngọc Lâm)".
    `doc_type_word` is the type in sentence case; `number_symbol` as `number_symbol()` gives it.
    """
    return (
        f"(Kèm theo {doc_type_word.strip()} số {number_symbol.rstrip()} "
        f"{date_phrase(day, year=year)} của {issuer_short.strip()})"
    )


def _bare(line: str) -> str:
    """The line without a leading dash or trailing punctuation and surrounding spaces."""
    return _TRAILING_PUNCTUATION.sub("", _LEADING_DASH.sub("", line)).strip()


def recipients_block(lines: Sequence[str]) -> list[str]:
    """Nơi nhận lines as the decree prints them: "- x;" each, the last one "- x.".

    Leading dashes and bullets, trailing ";", "," or "." and blank lines are normalised away
    first, so "Lưu VT" and "- Lưu: VT, VP." both come out right.
    """
    bare = [text for text in (_bare(line) for line in lines) if text]
    return [f"- {text}{'.' if index == len(bare) - 1 else ';'}" for index, text in enumerate(bare)]


def citation_lines(lines: Sequence[str]) -> list[str]:
    """Căn cứ / Thực hiện lines: each ends with ";", the last with "."; blank lines dropped."""
    bare = [_TRAILING_PUNCTUATION.sub("", line).strip() for line in lines]
    bare = [text for text in bare if text]
    return [f"{text}{'.' if index == len(bare) - 1 else ';'}" for index, text in enumerate(bare)]
