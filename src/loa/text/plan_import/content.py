"""Audiences, content themes, budget source and reporting periods.

- Audiences come only from the `Đối tượng` sub-section (target groups named elsewhere,
  e.g. inside Mục đích, are not labelled as audiences). The sentence is split at commas
  and "và"; consecutive staff words ("cán bộ, công chức, viên chức, người lao động …")
  stay one group because plans list them as one audience.
- Content themes are the items under `Nội dung tuyên truyền`.
- Budget source: the clause of the `Kinh phí` section that names the money ("ngân sách …",
  "nguồn …"); without such a section, a sentence saying a body "bố trí kinh phí".
- Reporting periods: sentences that impose periodic reports ("định kỳ hàng quý, 6 tháng,
  năm báo cáo …"), read by `loa.text.timing`.
"""

from __future__ import annotations

import re

from loa.text.folding import fold
from loa.text.plan_import.model import Section
from loa.text.plan_import.normalize import starts_item
from loa.text.plan_import.patterns import fold_same_length
from loa.text.plan_import.vocabulary import restore, text_key

_STAFF = (
    "can bo",
    "cong chuc",
    "vien chuc",
    "nguoi lao dong",
    "cbccvc",
    "cbcc",
    "cbcnvc",
    "doan vien",
    "hoi vien",
)
_AUDIENCE_LEAD = re.compile(r"^(?:đối tượng(?: tuyên truyền)?(?: là| gồm| bao gồm)?\s*:?\s*)", re.IGNORECASE)


def find_subsection(sections: list[Section], prefixes: tuple[str, ...]) -> Section | None:
    """The first sub-section (or section) whose title key starts with one of `prefixes`."""
    for section in sections:
        for sub in section.subsections:
            if any(text_key(sub.title).startswith(p) for p in prefixes):
                return sub
    for section in sections:
        if any(text_key(section.title).startswith(p) for p in prefixes):
            return section
    return None


def audiences(sections: list[Section], ocr: bool) -> list[str]:
    """Target groups listed in the `Đối tượng` sub-section."""
    sub = find_subsection(sections, ("doi tuong",))
    if sub is None or not sub.text.strip():
        return []
    text = sub.text.strip().split("\n")[0]
    if ocr:
        text = restore(text)
    text = _AUDIENCE_LEAD.sub("", text).strip()
    text = re.split(r"(?<=[^\d])[.;](?:\s|$)", text)[0]
    return split_audiences(text)


def split_audiences(text: str) -> list[str]:
    """Split an audience sentence into groups (see the module rules)."""
    fragments = [f.strip() for f in re.split(r",|\svà\s|;", text) if f.strip()]
    groups: list[list[str]] = []
    for frag in fragments:
        frag = re.sub(r"^(?:và|cùng)\s+", "", frag)
        key = fold(frag)
        prev_staff = bool(groups) and fold(groups[-1][-1]) in _STAFF
        if groups and prev_staff and (key in _STAFF or key.startswith(_STAFF)):
            groups[-1].append(frag)
        else:
            groups.append([frag])
    out = []
    for group in groups:
        item = ", ".join(group).strip(" .")
        if len(item) > 1:
            out.append(item[0].upper() + item[1:])
    return out


def content_themes(sections: list[Section], ocr: bool) -> list[str]:
    """Items under `Nội dung tuyên truyền` (the first line of each item)."""
    sub = find_subsection(sections, ("noi dung",))
    if sub is None:
        return []
    items = [line for line in sub.text.split("\n") if line.strip()]
    listed = [line for line in items if starts_item(line)]
    chosen = listed or items
    out = []
    for line in chosen:
        line = re.sub(r"^\s*(?:[-+–•]|\(?[a-zđ0-9]{1,2}[).])\s*", "", line).strip()
        if line:
            out.append(restore(line) if ocr else line)
    return out


def budget_source(
    sections: list[Section], all_text: list[str], ocr: bool, own_body: str | None
) -> str | None:
    """Short description of where the money comes from, or None."""
    sub = find_subsection(sections, ("kinh phi",))
    candidates = [sub.text] if sub is not None and sub.text.strip() else []
    for text in candidates:
        found = _money_clause(text)
        if found:
            return restore(found) if ocr else found
    for text in all_text:
        key = text_key(text)
        if "kinh phi" in key and re.search(r"\bbo tri\b|\bbo\s*tri\b|\bbd tri\b", key):
            return f"Kinh phí do {own_body or 'cơ quan ban hành kế hoạch'} bố trí"
    return None


def _money_clause(text: str) -> str | None:
    sentence = re.split(r"(?<=[^\d])\.(?:\s|$)", text.strip())[0]
    low = fold_same_length(sentence)
    if not low:
        return None
    m = re.search(r"(?:tu\s+)?(?:nguon\s+)?(ngan sach|nguon kinh phi|nguon)\b", low)
    if not m:
        return sentence.strip() or None
    clause = sentence[m.start(1) :]
    clause = re.sub(r"\s+do cấp có thẩm quyền.*$", "", clause)
    clause = re.sub(r"\btừ nguồn\s+", "", clause)
    clause = clause.strip(" .;,")
    return clause[0].upper() + clause[1:] if clause else None


_REPORT_SENTENCE = re.compile(r"bao cao|bao cdo|bao cado")
_PERIODIC = re.compile(r"dinh ky|hang quy|hang nam|6 thang|sau thang|cuoi nam|hang thang|9 thang")


def reporting_sentences(texts: list[str]) -> list[str]:
    """Sentences (clauses) that impose periodic reports."""
    out: list[str] = []
    for text in texts:
        for clause in re.split(r"(?<=[;.])\s+", text):
            key = text_key(clause)
            if _REPORT_SENTENCE.search(key) and _PERIODIC.search(key):
                out.append(clause)
    return out


def periods_from_text(clause: str) -> set[str]:
    """Fallback reading of reporting periods when the timing parser gives none."""
    key = text_key(clause)
    m = _PERIODIC.search(key)
    if not m:
        return set()
    window = key[m.start() : m.start() + 80]
    found: set[str] = set()
    if re.search(r"\bquy\b", window):
        found.add("quarterly")
    if re.search(r"\b(?:6|sau) thang\b", window):
        found.add("semiannual")
    if re.search(r"\b9 thang\b", window):
        found.add("nine_months")
    if re.search(r"\b(?:mot nam|hang nam|cuoi nam|nam)\b", window.replace("6 thang", "")):
        found.add("annual")
    return found
