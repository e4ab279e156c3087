"""Rebuild appendix task tables into rows of cells.

Three shapes reach us:
- pipe rows (`| a | b |`) from Word/HTML tables and Markdown: cells are known, only the
  header (possibly two levels: `Thời gian thực hiện` over `Triển khai | Hoàn thành`) has
  to be mapped to column kinds;
- PDF text where each row is written cell after cell with hard line breaks ("flattened"):
  rows start at the next expected row number; inside a row the cell boundaries are found
  by dynamic programming over candidate breaks, scoring the break (blank line, capital
  letter, a body name starting, no dangling "và"/"-"/",") and the cell (a time cell must
  read as a time phrase, lead/partner cells should open with a body name);
- a page break inside a row: text after the break continues the row's open cells.
Column kinds come from the header words; without a readable header the NĐ-30 habit
`STT · Nội dung · Sản phẩm · Chủ trì · Phối hợp · Thời gian` is assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from loa.text.plan_import.normalize import PAGE_BREAK
from loa.text.plan_import.vocabulary import AGENCY_HEAD_KEYS, CONNECTOR_KEYS, ocr_key, text_key

_COLUMN_WORDS = (
    ("index", ("stt", "tt", "so tt")),
    (
        "title",
        (
            "nhiem vu cu the",
            "ten nhiem vu",
            "noi dung cong viec",
            "noi dung",
            "nhiem vu",
            "hoat dong",
            "cong viec",
        ),
    ),
    ("product", ("san pham", "ket qua")),
    ("lead", ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien", "don vi thuc hien")),
    ("coop", ("co quan phoi hop", "don vi phoi hop", "phoi hop")),
    ("time", ("thoi gian thuc hien", "thoi gian", "thoi han", "tien do")),
    ("note", ("ghi chu",)),
)
_TIME_SPLIT = (("time", ("trien khai", "bat dau")), ("time_end", ("hoan thanh", "ket thuc")))
DEFAULT_COLUMNS = ("title", "product", "lead", "coop", "time")

_TIME_WORDS_TEXT = """
thuong xuyen trong nam quy thang tuan ngay hang moi dinh ky truoc tu den dau cuoi ca lan i ii iii iv
sau nua theo ke hoach khi co yeu cau dot xuat va hoac lien tuc het hoan thanh
"""
_TIME_WORDS = frozenset(_TIME_WORDS_TEXT.split())
_TIME_START = re.compile(
    r"^(?:thuong xuyen|trong (?:nam|thang|quy)|ca nam|nam \d{4}|quy [ivxl1]+|thang \d|"
    r"hang (?:ngay|tuan|thang|quy|nam)|"
    r"moi (?:tuan|thang|quy|nam|ky)|dinh ky|truoc|tu (?:thang|ngay|quy)|dot xuat|khi co|\d{1,2}/\d{4}|"
    r"\d{1,2}/\d{1,2}/\d{4}|6 thang|lien tuc)"
)


@dataclass(slots=True)
class Row:
    """One table row: cells by column kind, plus the raw row text."""

    cells: dict[str, str] = field(default_factory=dict)
    raw: str = ""
    continued: bool = False


@dataclass(slots=True)
class _Word:
    text: str
    brk: str  # "none" | "line" | "blank" | "page"


def column_kinds(header_text: str) -> list[str]:
    """Column kinds in header order, found by the position of their header words."""
    key = text_key(header_text)
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, words in _COLUMN_WORDS:
        for word in words:
            m = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", key)
            if m and not any(a <= m.start() < b for a, b in taken):
                hits.append((m.start(), kind))
                taken.append((m.start(), m.end()))
                break
    kinds = [kind for _pos, kind in sorted(hits)]
    if "time" in kinds and re.search(r"trien khai|bat dau", key) and re.search(r"hoan thanh|ket thuc", key):
        kinds.insert(kinds.index("time") + 1, "time_end")
    return kinds


def find_header(lines: list[str], limit: int = 30) -> tuple[int, int, list[str]] | None:
    """(first line, line after, column kinds) of the table header in the first lines."""
    for i in range(min(limit, len(lines))):
        window = " ".join(lines[i : i + 1])
        kinds = column_kinds(window)
        if len([k for k in kinds if k != "index"]) >= 3:
            end = i + 1
            nxt = text_key(lines[i + 1]) if i + 1 < len(lines) else ""
            if re.search(r"trien khai|hoan thanh", nxt) and "time_end" not in kinds:
                kinds = column_kinds(window + " " + lines[i + 1])
                end += 1
            return i, end, kinds
    return None


# ---------------------------------------------------------------- pipe tables


def pipe_rows(lines: list[str]) -> list[Row] | None:
    """Rows of a pipe table, or None when the appendix holds none."""
    table = [ln for ln in lines if ln.strip().startswith("|") and ln.strip().count("|") >= 3]
    if len(table) < 2:
        return None
    grid = [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in table]
    grid = [r for r in grid if not all(re.fullmatch(r":?-{2,}:?", c) or not c for c in r)]
    header_rows = 0
    kinds_by_col: dict[int, str] = {}
    for r, row in enumerate(grid[:3]):
        row_kinds = {c: column_kinds(cell) for c, cell in enumerate(row)}
        if sum(1 for k in row_kinds.values() if k) < 2 and r > 0:
            sub = {c: text_key(cell) for c, cell in enumerate(row)}
            if any(re.search(r"trien khai|hoan thanh|bat dau|ket thuc", v) for v in sub.values()):
                for c, v in sub.items():
                    for kind, words in _TIME_SPLIT:
                        if any(w in v for w in words):
                            kinds_by_col[c] = kind
                header_rows = r + 1
            break
        if sum(1 for k in row_kinds.values() if k) < 2:
            break
        header_rows = r + 1
        for c, ks in row_kinds.items():
            if ks and c not in kinds_by_col:
                kinds_by_col[c] = ks[0]
    if not kinds_by_col:
        return None
    rows: list[Row] = []
    for row in grid[header_rows:]:
        cells: dict[str, str] = {}
        for c, cell in enumerate(row):
            col_kind = kinds_by_col.get(c)
            if col_kind and cell and col_kind not in cells:
                cells[col_kind] = cell
        if cells.get("title") and not re.fullmatch(r"[IVX]+|[A-ZĐ]", cells.get("index", "x")):
            rows.append(Row(cells, " | ".join(row)))
    return rows


# ---------------------------------------------------------------- flattened tables


def flattened_rows(lines: list[str], kinds: list[str]) -> list[Row]:
    """Rows of a table written cell after cell (see the module rules)."""
    content = [k for k in kinds if k != "index"] or list(DEFAULT_COLUMNS)
    starts: list[tuple[int, int]] = []
    expected = 1
    for i, line in enumerate(lines):
        m = re.match(r"^\s*(\d{1,3})(?:\s*$|\s+(?=\S))", line)
        if m and int(m.group(1)) == expected:
            starts.append((i, expected))
            expected += 1
    rows: list[Row] = []
    for k, (start, number) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        words = _row_words(lines[start:end], number)
        if not words:
            continue
        rows.append(_segment_row(words, content))
    return rows


def _row_words(lines: list[str], number: int) -> list[_Word]:
    words: list[_Word] = []
    brk = "blank"
    first = True
    for line in lines:
        if line == PAGE_BREAK:
            brk = "page"
            continue
        stripped = line.strip()
        if not stripped:
            if brk != "page":
                brk = "blank"
            continue
        tokens = stripped.split()
        if first:
            first = False
            if tokens and tokens[0] == str(number):
                tokens = tokens[1:]
        for t, token in enumerate(tokens):
            words.append(_Word(token, brk if t == 0 else "none"))
        brk = "line"
    if words:
        words[0].brk = "blank"
    return words


def _join(words: list[_Word]) -> str:
    return " ".join(w.text for w in words).strip()


_HEAD_KEYS = tuple(sorted({text_key(h) for h in AGENCY_HEAD_KEYS}, key=len, reverse=True))


def _opens_body_at(words: list[_Word], i: int, keys: list[str]) -> bool:
    if not words[i].text[:1].isupper():
        return False
    head = " ".join(k for k in keys[i : i + 3] if k)
    return any(head == h or head.startswith(h + " ") for h in _HEAD_KEYS)


def _time_score(text: str) -> float:
    return _time_score_key(text_key(text))


@lru_cache(maxsize=4096)
def _time_score_key(key: str) -> float:
    if not key:
        return -4.0
    tokens = key.split()
    timeish = sum(1 for t in tokens if t in _TIME_WORDS or re.fullmatch(r"[\d/.-]+", t))
    frac = timeish / len(tokens)
    if _TIME_START.match(key) and frac >= 0.99:
        return 5.0
    if _TIME_START.match(key) and frac >= 0.6:
        return 2.0
    return -5.0


def _boundary_score(words: list[_Word], i: int, keys: list[str]) -> float:
    word, prev = words[i], words[i - 1]
    score = {"blank": 2.0, "line": 0.5, "page": 1.0, "none": -1.2}[word.brk]
    first = word.text[:1]
    if first.islower():
        score -= 4.0
    elif first.isupper() or first.isdigit() or first in '(“"':
        score += 0.8
    if _opens_body_at(words, i, keys):
        score += 1.5
    tail = prev.text
    if tail.endswith(("-", "–", ",", "&", "/", "(")) or word.text in ("-", "–", "&"):
        score -= 3.0
    if keys[i - 1] in CONNECTOR_KEYS:
        score -= 3.0
    if _TIME_START.match(" ".join(k for k in keys[i : i + 3] if k)):
        score += 1.0
    return score


def _cell_score(kind: str, start: int, end: int, keys: list[str], opens: list[bool]) -> float:
    if kind in ("time", "time_end"):
        return _time_score_key(" ".join(k for k in keys[start:end] if k))
    n = end - start
    if kind == "product":
        return 0.5 if n <= 12 else 0.5 - 0.15 * (n - 12)
    if kind in ("lead", "coop"):
        score = 1.5 if opens[start] else -0.5
        if n <= 2:
            score -= 0.75
        if n <= 6 and _time_score_key(" ".join(k for k in keys[start:end] if k)) > 0:
            score -= 3.0
        return score
    if kind == "title":
        return 0.0 if n >= 3 else -1.0
    return 0.0


def _segment_row(words: list[_Word], kinds: list[str]) -> Row:
    """Best split of a row's words into one cell per column kind."""
    page_at = next((i for i, w in enumerate(words) if w.brk == "page"), None)
    main = words[:page_at] if page_at is not None else words
    extra = words[page_at:] if page_at is not None else []
    k = len(kinds)
    n = len(main)
    candidates = [i for i in range(1, n) if main[i].brk != "none" or main[i].text[:1].isupper()]
    positions = [0, *candidates, n]
    keys = [text_key(w.text) for w in main]
    opens = [_opens_body_at(main, i, keys) for i in range(n)]
    bscore = {i: _boundary_score(main, i, keys) for i in candidates}
    neg = float("-inf")
    # best[c][p]: best score with c cells ending at positions[p]
    best = [[neg] * len(positions) for _ in range(k + 1)]
    back = [[-1] * len(positions) for _ in range(k + 1)]
    best[0][0] = 0.0
    for c in range(1, k + 1):
        kind = kinds[c - 1]
        for pe in range(1, len(positions)):
            end = positions[pe]
            if c == k and end != n:
                continue
            if c < k and end == n:
                continue
            for ps in range(pe):
                if best[c - 1][ps] == neg:
                    continue
                start = positions[ps]
                if start >= end:
                    continue
                score = best[c - 1][ps] + _cell_score(kind, start, end, keys, opens)
                if start:
                    score += bscore[start]
                if score > best[c][pe]:
                    best[c][pe] = score
                    back[c][pe] = ps
    cells: dict[str, str] = {}
    if best[k][len(positions) - 1] == neg:
        cells[kinds[0]] = _join(main)
    else:
        bounds = [len(positions) - 1]
        for c in range(k, 0, -1):
            bounds.append(back[c][bounds[-1]])
        bounds.reverse()
        for c, (a, b) in enumerate(pairwise(bounds)):
            cells[kinds[c]] = _join(main[positions[a] : positions[b]])
    row = Row(cells, _join(words))
    if extra:
        _continue_cells(row, kinds, extra)
    return row


def _continue_cells(row: Row, kinds: list[str], extra: list[_Word]) -> None:
    """Give the words after a page break to the row's open cells, in column order."""
    open_kinds = [k for k in kinds if k in row.cells and not row.cells[k].rstrip().endswith((".", ")"))]
    open_kinds = [k for k in open_kinds if k not in ("time", "time_end")] or [kinds[0]]
    pieces: list[list[_Word]] = [[]]
    for i, word in enumerate(extra):
        if i and word.brk in ("blank", "line") and word.text[:1].isupper() and len(pieces) < len(open_kinds):
            pieces.append([])
        pieces[-1].append(word)
    if len(pieces) == 1 and len(open_kinds) > 1:
        pieces = _split_by_bigrams(extra, row, open_kinds)
    for kind, piece in zip(open_kinds, pieces, strict=False):
        if piece:
            row.cells[kind] = f"{row.cells.get(kind, '')} {_join(piece)}".strip()
    row.continued = True


def _split_by_bigrams(extra: list[_Word], row: Row, open_kinds: list[str]) -> list[list[_Word]]:
    """Split one continuation line between two open cells where the second cell's last word
    and a continuation word form a known phrase ("… đối với sự" + "phục vụ …")."""
    from loa.text.plan_import.vocabulary import VOCABULARY

    second = row.cells.get(open_kinds[1], "").split()
    if not second:
        return [extra]
    last = ocr_key(second[-1])
    for j in range(1, len(extra)):
        pair = f"{last} {ocr_key(extra[j].text)}"
        prev_pair = f"{ocr_key(extra[j - 1].text)} {ocr_key(extra[j].text)}"
        if pair in VOCABULARY.ngrams and prev_pair not in VOCABULARY.ngrams:
            return [extra[:j], extra[j:]]
    return [extra]


def is_row_major(lines: list[str]) -> bool:
    """True for OCR tables whose physical lines cut across all columns (unsupported)."""
    pipes = sum(1 for ln in lines if ln.count("|") >= 2 and not ln.strip().startswith("|"))
    return pipes >= 2
