"""Regular expressions and small parsers shared by the structure, task and table readers.

Everything here works on text already cleaned by `normalize`. OCR-tolerant tests use
`vocabulary.ocr_key` / `text_key`, so "S6:" counts as "Số:" and "ngay 72 thang" as a date.
"""

from __future__ import annotations

import re
from datetime import date

from loa.text.folding import fold, strip_diacritics

# "13/KH-UBND", "22/2020/QĐ-UBND", "24-CT/ThU", "01-DA/TU", "38 /KH-UBND".
DOC_NUMBER = re.compile(
    r"(?<![\w/])(?P<num>\d{1,5})\s*(?:/\s*(?P<year>(?:19|20)\d{2})\s*)?/\s*"
    r"(?P<sym>[A-ZĐ][A-Za-zĐđ]{0,5}(?:\s?[-–.]\s?[A-ZĐ0-9][A-Za-zĐđ0-9&]{0,12}){1,3})"
    r"|(?<![\w/])(?P<num2>\d{1,5})-(?P<sym2>[A-ZĐ]{1,5}/[A-ZĐ][A-Za-zĐđ]{0,6})"
)
DOC_TYPES = {
    "ke hoach": "KH",
    "quyet dinh": "QĐ",
    "nghi quyet": "NQ",
    "chi thi": "CT",
    "cong van": "CV",
    "thong tu": "TT",
    "nghi dinh": "NĐ",
    "huong dan": "HD",
    "chuong trinh": "CTr",
    "de an": "ĐA",
    "thong bao": "TB",
    "bao cao": "BC",
    "luat": "Luật",
}
_SLASH_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})(?!\d)")
_LONG_DATE = re.compile(
    r"ng[a-z]{1,2}y\s*(?P<d>[0-9a-z]{1,3})\s*th[a-z]{1,2}ng\s*(?P<m>[0-9]{1,2})\s*n[a-z]{1,2}m\s*(?P<y>(?:19|20)\d{2})"
)
_OCR_DIGITS = {"7": "1", "4": "1", "l": "1", "i": "1", "o": "0", "s": "5", "b": "6", "z": "2", "g": "9"}

UNIT_KINDS = (
    ("thi tran", "thị trấn", "commune"),
    ("thi xa", "thị xã", "district"),
    ("thanh pho", "thành phố", "district"),
    ("dac khu", "đặc khu", "commune"),
    ("phuong", "phường", "commune"),
    ("xa", "xã", "commune"),
    ("huyen", "huyện", "district"),
    ("quan", "quận", "district"),
    ("tinh", "tỉnh", "province"),
)
# Cities under the central government are provinces in rank.
CENTRAL_CITIES = frozenset({"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"})


def fold_same_length(text: str) -> str:
    """Lower-case, diacritic-free text with the same length as `text` (for span mapping)."""
    out = strip_diacritics(text).lower()
    return out if len(out) == len(text) else ""


def normalise_number(num: str | None, sym: str) -> str:
    """ "38 /KH-UBND" → "38/KH-UBND"; a blank number gives "/KH-UBND"-less None handling upstream."""
    sym = re.sub(r"\s+", "", sym).replace("–", "-")
    return f"{num}/{sym}" if num else sym


def doc_type_of_symbol(sym: str) -> str:
    """The type code of a symbol: "KH-UBND" → "KH"."""
    return re.split(r"[-/]", sym, maxsplit=1)[0]


def parse_date_at(text: str, start: int = 0, *, window: int = 60) -> tuple[date | None, str | None]:
    """The first date within `window` characters after `start`, either 26/01/2024 or
    "ngày 26 tháng 01 năm 2024"; returns (date, raw day text when it was unreadable)."""
    segment = text[start : start + window]
    folded = fold_same_length(segment) or fold(segment)
    slash = _SLASH_DATE.search(folded)
    long = _LONG_DATE.search(folded)
    if slash and (not long or slash.start() < long.start()):
        return make_date(int(slash.group(3)), int(slash.group(2)), slash.group(1))
    if long:
        return make_date(int(long.group("y")), int(long.group("m")), long.group("d"))
    return None, None


def make_date(year: int, month: int, day_text: str) -> tuple[date | None, str | None]:
    """A date from parts; an unreadable day is returned as raw text for OCR repair."""
    try:
        return date(year, month, int(day_text)), None
    except ValueError:
        return None, day_text


def ocr_day_candidates(day_text: str) -> list[int]:
    """Plausible days for an OCR-damaged day field ("72" → 12), most likely first."""
    out: list[int] = []
    for i, ch in enumerate(day_text):
        repl = _OCR_DIGITS.get(ch.lower())
        if repl is None:
            continue
        cand = day_text[:i] + repl + day_text[i + 1 :]
        if cand.isdigit() and 1 <= int(cand) <= 31 and int(cand) not in out:
            out.append(int(cand))
    return out


_KIND_FIRST = frozenset(key.split()[0] for key, _p, _l in UNIT_KINDS)


def unit_kind_at(keys: list[str], i: int) -> tuple[str, str, str, int] | None:
    """(folded kind, proper kind, level, words used) if a unit kind starts at keys[i].

    `keys` are the `text_key` of each word."""
    if keys[i] not in _KIND_FIRST:
        return None
    for key, proper, level in UNIT_KINDS:
        parts = key.split()
        if keys[i : i + len(parts)] == parts:
            return key, proper, level, len(parts)
    return None


def capitalised_run(words: list[str], start: int, limit: int = 5) -> list[str]:
    """Words from `start` that start with a capital letter (a proper name), punctuation cut."""
    out: list[str] = []
    for word in words[start : start + limit]:
        clean = word.strip(",.;:()“”\"'")
        if not clean or not clean[0].isupper() or not any(c.isalpha() for c in clean):
            break
        out.append(clean)
        if clean != word.rstrip(")"):
            break
    return out


def level_of(kind_key: str, name: str) -> str:
    """Administrative level of a unit kind; central cities count as provinces."""
    if kind_key == "thanh pho" and fold(name) in CENTRAL_CITIES:
        return "province"
    for key, _proper, level in UNIT_KINDS:
        if key == kind_key:
            return level
    return "commune"


def is_mostly_upper(text: str) -> bool:
    """True if at least 70 % of the letters are capitals (a heading in most plans)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


ROMAN_HEADING = re.compile(r"^\s*(?P<num>[IVXLl1|]{1,5})\s*[.)/:]\s*(?P<title>\S.*)$")
ARABIC_HEADING = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*(?P<title>\S.*)$")
LETTER_ITEM = re.compile(r"^\s*\(?(?P<num>[a-zđA-ZĐ])\s*[).]\s*(?P<title>\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int | None:
    """Value of a roman numeral after undoing OCR confusions (1, l, |, L → I)."""
    fixed = re.sub(r"[1l|L]", "I", numeral)
    if not fixed or any(c not in _ROMAN_VALUES for c in fixed) or "I" not in fixed + "VX":
        return None
    if not re.fullmatch(r"X{0,3}(IX|IV|V?I{0,3})", fixed):
        return None
    total = 0
    for i, c in enumerate(fixed):
        v = _ROMAN_VALUES[c]
        nxt = _ROMAN_VALUES[fixed[i + 1]] if i + 1 < len(fixed) else 0
        total += -v if v < nxt else v
    return total or None


def roman_heading(text: str) -> tuple[str, str] | None:
    """(numeral, title) if a paragraph is a roman-numeral heading, else None."""
    m = ROMAN_HEADING.match(text)
    if not m:
        return None
    num = m.group("num")
    if not any(c in "IVX" for c in num) or roman_value(num) is None:
        return None
    title = m.group("title").strip()
    fixed = re.sub(r"[1l|L]", "I", num)
    return fixed, title
