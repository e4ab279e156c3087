"""Tasks written inline in the body, and splitting lists of bodies.

An inline task is a numbered item followed by labelled lines:
    2.4. Tổ chức tập huấn …
    - Thời gian thực hiện: Trong năm 2021
    - Cơ quan chủ trì: Phòng Nội vụ
    - Cơ quan phối hợp: Các cơ quan, đơn vị, UBND các xã, thị trấn
Only items that carry both a lead (`chủ trì`, `thực hiện`) and a time are tasks; a group
heading whose children carry the labels (2.2 above a–e) is not. An empty label value takes
the `+` sub-items under it ("Thời gian thực hiện:" / "+ Một tuần một lần …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loa.text.folding import fold
from loa.text.plan_import.normalize import Paragraph
from loa.text.plan_import.patterns import ARABIC_HEADING, LETTER_ITEM, roman_heading
from loa.text.plan_import.vocabulary import AGENCY_HEAD_KEYS, restore, text_key

_LABELS = (
    (
        "time",
        (
            "thoi gian thuc hien",
            "thoi gian trien khai",
            "thoi gian hoan thanh",
            "thoi gian",
            "thoi han",
            "tien do",
        ),
    ),
    (
        "lead",
        (
            "co quan chu tri",
            "don vi chu tri",
            "bo phan chu tri",
            "chu tri thuc hien",
            "chu tri",
            "co quan thuc hien",
            "don vi thuc hien",
            "trach nhiem thuc hien",
        ),
    ),
    ("coop", ("co quan phoi hop", "don vi phoi hop", "phoi hop thuc hien", "phoi hop")),
    ("product", ("san pham dau ra", "san pham", "ket qua dau ra")),
    ("content", ("noi dung", "cach thuc thuc hien", "cach thuc", "hinh thuc", "yeu cau")),
)
_BULLET = re.compile(r"^\s*[-–•]\s*")
_SUB_BULLET = re.compile(r"^\s*\+\s*")


@dataclass(slots=True)
class InlineTask:
    """Raw fields of one inline task before timing is parsed."""

    title: str
    fields: dict[str, str] = field(default_factory=dict)
    line: int = 0


def label_of(text: str) -> tuple[str, str] | None:
    """(kind, value) if a paragraph is a labelled line such as "- Cơ quan chủ trì: …"."""
    body = _BULLET.sub("", text, count=1)
    colon = body.find(":")
    if colon == -1 or colon > 45:
        return None
    key = text_key(body[:colon])
    for kind, prefixes in _LABELS:
        if key in prefixes:
            return kind, body[colon + 1 :].strip()
    return None


def _heading_text(text: str) -> str | None:
    """Item text without its enumerator if the paragraph is a numbered/lettered item."""
    if roman_heading(text):
        return None
    m = ARABIC_HEADING.match(text) or LETTER_ITEM.match(text)
    if not m:
        return None
    return m.group("title").strip()


def inline_tasks(paragraphs: list[Paragraph], ocr: bool) -> list[InlineTask]:
    """Inline tasks in body order (see the module rules)."""
    tasks: list[InlineTask] = []
    i = 0
    floor = 0
    n = len(paragraphs)
    while i < n:
        label = label_of(paragraphs[i].text)
        if label is None:
            i += 1
            continue
        title = None
        for back in range(i - 1, max(floor, i - 4) - 1, -1):
            heading = _heading_text(paragraphs[back].text)
            if heading is not None and label_of(paragraphs[back].text) is None:
                title = heading
                break
        fields: dict[str, str] = {}
        j = i
        current: str | None = None
        while j < n:
            text = paragraphs[j].text
            lab = label_of(text)
            if lab is not None:
                current = lab[0]
                if current not in fields or not fields[current]:
                    fields[current] = lab[1]
                j += 1
                continue
            if _SUB_BULLET.match(text) and current is not None:
                if current in ("time", "lead", "coop", "product") and not fields.get(current):
                    fields[current] = _SUB_BULLET.sub("", text).strip()
                j += 1
                continue
            if _BULLET.match(text) and current == "content":
                j += 1
                continue
            break
        floor = j
        if title and fields.get("lead") and fields.get("time"):
            title = title.rstrip(" .;:")
            tasks.append(InlineTask(restore(title) if ocr else title, fields, paragraphs[i].line))
        i = max(j, i + 1)
    return tasks


def split_agencies(text: str) -> list[str]:
    """Split a list of bodies at ";" always and at "," / "và" where a new body starts.

    "Sở Nội vụ, Báo X và các cơ quan, đơn vị có liên quan" → three bodies; "Trung tâm
    Truyền thông và Văn hóa" and "các cơ quan, đơn vị" stay whole because "Văn hóa" and
    "đơn vị" do not open a body name.
    """
    out: list[str] = []
    for group in re.split(r";", text):
        pieces = re.split(r"(,|\svà\s)", group)
        current = ""
        for k in range(0, len(pieces), 2):
            frag = pieces[k].strip()
            sep = pieces[k - 1] if k else ""
            if not frag:
                continue
            if current and not _opens_body(frag):
                current += ("," if sep == "," else " và") + " " + frag
            else:
                if current:
                    out.append(current)
                current = frag
        if current:
            out.append(current)
    cleaned = []
    for item in out:
        item = " ".join(item.split()).strip(" .,;-–")
        if item:
            cleaned.append(item[0].upper() + item[1:])
    return cleaned


def _opens_body(fragment: str) -> bool:
    words = fragment.split()
    if not words:
        return False
    key = fold(fragment)
    if key.startswith("cac "):
        return True
    for head in AGENCY_HEAD_KEYS:
        if key == head or key.startswith(head + " "):
            if words[0][0].isupper():
                return True
            nxt = fragment[len(head) :].strip().split()
            return bool(nxt) and (nxt[0][0].isupper() or nxt[0].isupper())
    return False
