"""Tables from OCR scans whose physical lines cut across all columns ("row-major").

OCR reads a landscape table line by line, so one text line holds a fragment of every
column, cells are vertically centred and the row number sits on the middle line of its
row. Rules, each a habit of such scans:
- rows are anchored at lines opening with the next row number (OCR "L"/"l"/"I"/"|" for 1;
  a wrong digit between two good anchors is accepted as the missing number); a row owns
  the lines up to half-way to the next anchor;
- the two time columns (`Triển khai | Hoàn thành`) show up as repeated pairs on a line
  ("Thang Thang", "01/2024 12/2024", "Moi thang | Moi thang"): the first of each pair is
  the start column, the second the end column, kept verbatim;
- text left of the time pair is the task (then the product after a `|`), text right of
  it the lead body and then the partners (a second body name or a `|` starts them); a
  line without a time pair is the task when it starts like a sentence, a body otherwise;
- rows whose task text is mostly OCR noise are dropped rather than guessed.
"""

from __future__ import annotations

import re

from loa.text.plan_import.tables import Row
from loa.text.plan_import.vocabulary import AGENCY_HEAD_KEYS, VOCABULARY, is_syllable, ocr_key, text_key

_ANCHOR = re.compile(r"^\s*([0-9]{1,2}|[LlI|S])(?=\s|[|:,.»])")
_OCR_ONE = {"L": 1, "l": 1, "I": 1, "|": 1, "S": 5}
_TIME_KEYS = frozenset({"thang", "theng", "moi", "thuong", "xuyen", "hang", "quy", "nam"})
_DATE = re.compile(r"^\d{1,2}/\d{2,4}[,.]?$")
_SINGLE_TIME = frozenset({"thang", "theng", "thuong", "truoc", "truoe"})
_HEAD_FIRST = frozenset(h.split()[0] for h in AGENCY_HEAD_KEYS)


def _anchors(lines: list[str]) -> list[int]:
    accepted: list[int] = []
    pending: int | None = None
    for i, line in enumerate(lines):
        m = _ANCHOR.match(line)
        if not m:
            continue
        token = m.group(1)
        value = int(token) if token.isdigit() else _OCR_ONE.get(token, -1)
        expected = len(accepted) + 1
        if value == expected:
            accepted.append(i)
            pending = None
        elif value == expected + 1 and pending is not None:
            accepted.extend([pending, i])
            pending = None
        elif pending is None and accepted:
            pending = i
    return accepted


def _is_time(token: str) -> bool:
    return bool(_DATE.match(token)) or ocr_key(token) in _TIME_KEYS


def _time_pairs(tokens: list[str]) -> tuple[int, int, list[str], list[str]] | None:
    """(first, last index, start words, end words) of repeated time tokens in a line."""
    words = [(i, t) for i, t in enumerate(tokens) if t != "|"]
    for n in (2, 1):
        for k in range(len(words) - 2 * n + 1):
            first = [t for _i, t in words[k : k + n]]
            second = [t for _i, t in words[k + n : k + 2 * n]]
            if not all(_is_time(t) for t in first):
                continue
            same = [ocr_key(a) for a in first] == [ocr_key(b) for b in second]
            dates = n == 1 and bool(_DATE.match(first[0])) and bool(_DATE.match(second[0]))
            if same or dates:
                return words[k][0], words[k + 2 * n - 1][0], first, second
    return None


def _noise(token: str) -> bool:
    """OCR debris: bracket soup, stray single letters and marks."""
    key = text_key(token).replace(" ", "")
    if token == "|":
        return False
    if not key or (len(key) == 1 and not key.isdigit()):
        return True
    return any(c in token for c in "{}[];?\\~")


def _clean(tokens: list[str]) -> str:
    return " ".join(t for t in tokens if t != "|" and not _noise(t)).strip(" ,.;")


def _opens_body(tokens: list[str], i: int) -> bool:
    return ocr_key(tokens[i]) in _HEAD_FIRST and tokens[i][:1].isupper()


def row_major_rows(lines: list[str]) -> list[Row]:
    """Rows of a row-major OCR table (see the module rules)."""
    anchors = _anchors(lines)
    rows: list[Row] = []
    for k, anchor in enumerate(anchors):
        lo = (anchors[k - 1] + anchor) // 2 + 1 if k else 0
        hi = (anchor + anchors[k + 1]) // 2 + 1 if k + 1 < len(anchors) else len(lines)
        parts: dict[str, list[str]] = {
            "title": [],
            "product": [],
            "time": [],
            "time_end": [],
            "lead": [],
            "coop": [],
        }
        for i in range(lo, hi):
            tokens = lines[i].split()
            if i == anchor and tokens:
                tokens = tokens[1:]
            _assign(tokens, parts)
        raw_title = [t for t in parts["title"] if t != "|"]
        if raw_title and sum(1 for t in raw_title if _noise(t)) > 0.3 * len(raw_title):
            continue
        title = _clean(parts["title"])
        words = [w for w in text_key(title).split() if w.isalpha()]
        words = [w for w in words if not (w.upper() in title and len(w) > 1 and w.upper() != w.capitalize())]
        good = [w for w in words if is_syllable(w) or w in VOCABULARY.known_words]
        if len(words) < 3 or len(good) < 0.7 * len(words):
            continue
        cells = {kind: " ".join(ws).strip() for kind, ws in parts.items() if ws}
        cells["title"] = title
        for kind in ("product", "lead", "coop"):
            if kind in cells:
                cells[kind] = _clean(cells[kind].split())
        rows.append(Row({kind: v for kind, v in cells.items() if v}, " ".join(lines[lo:hi])))
    return rows


def _assign(tokens: list[str], parts: dict[str, list[str]]) -> None:
    pair = _time_pairs(tokens)
    if pair is not None:
        first, last, start, end = pair
        parts["time"].extend(start)
        parts["time_end"].extend(end)
        left, right = tokens[:first], tokens[last + 1 :]
    else:
        stripped = [t for t in tokens if not _noise(t) and t != "|"]
        if not stripped:
            return
        if stripped[0].startswith("(") or _opens_body(stripped, 0):
            left, right = [], tokens
        else:
            cut = next((j for j, t in enumerate(tokens) if j and ocr_key(t) in _SINGLE_TIME), len(tokens))
            left, right = tokens[:cut], tokens[cut + 1 :]
            if cut < len(tokens):
                when = [tokens[cut]]
                if right and _DATE.match(right[0]):
                    when.append(right.pop(0))
                parts["time_end" if parts["time"] else "time"].extend(when)
    if "|" in left:
        cut = left.index("|")
        head = [t for t in left[:cut] if not _noise(t)]
        if not head:
            left = left[cut + 1 :]
            cut = left.index("|") if "|" in left else len(left)
        parts["title"].extend(left[:cut])
        parts["product"].extend(t for t in left[cut + 1 :] if t != "|")
    else:
        parts["title"].extend(left)
    right = [t for t in right if not _noise(t) or t == "|"]
    split = next((j for j in range(1, len(right)) if right[j] == "|" or _opens_body(right, j)), None)
    if split is None:
        parts["lead"].extend(right)
    else:
        parts["lead"].extend(t for t in right[:split] if t != "|")
        parts["coop"].extend(t for t in right[split:] if t != "|")
