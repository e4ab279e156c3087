"""Document structure of a plan laid out after NĐ 30/2020/NĐ-CP.

Reading order and the rule behind each part:
- Header block (before `KẾ HOẠCH`): issuing body in the left column, Quốc hiệu and Tiêu ngữ
  in the right one (removed by fuzzy match, since OCR merges the two columns into one
  line), `Số: …/KH-…` and `<place>, ngày … tháng … năm …`.
- Title: `KẾ HOẠCH` and the trích yếu on the following line(s); a web page has the whole
  title on one line.
- Preamble: paragraphs between the title and section I; references are the document
  numbers cited there (never references inside the body, which are content).
- Sections: roman-numeral headings (OCR "IL." = II, "I11." = III); arabic sub-headings.
- Tail: closing "Trên đây là …", `Nơi nhận:` list, `TM./KT.` authority, title, signer.
- Appendix: from a line opening with `PHỤ LỤC` after the body; its caption `(Kèm theo Kế
  hoạch số … ngày … của …)` gives number, date and issuer when the first page is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from loa.text.folding import fold
from loa.text.plan_import.model import Reference, Section
from loa.text.plan_import.normalize import PAGE_BREAK, Paragraph
from loa.text.plan_import.patterns import (
    ARABIC_HEADING,
    DOC_NUMBER,
    DOC_TYPES,
    LETTER_ITEM,
    capitalised_run,
    doc_type_of_symbol,
    fold_same_length,
    is_mostly_upper,
    level_of,
    normalise_number,
    parse_date_at,
    roman_heading,
    unit_kind_at,
)
from loa.text.plan_import.vocabulary import _WORD_RE, ocr_key, restore, text_key

_NATIONAL_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
_HEADING_WORDS = (
    "muc dich",
    "muc tieu",
    "yeu cau",
    "doi tuong",
    "noi dung",
    "hinh thuc",
    "to chuc thuc hien",
    "kinh phi",
    "nhiem vu",
    "hoat dong",
    "giai phap",
    "che do bao cao",
    "thoi gian",
    "phan cong",
    "trach nhiem",
    "ket qua",
    "tinh hinh",
    "danh gia",
    "de xuat",
    "kien nghi",
)
_AUTHORITY = re.compile(r"^\s*(TM|KT|Q|TL|TUQ)\s*\.\s*\S", re.IGNORECASE)
_SIGN_TITLES = (
    "chu tich",
    "pho chu tich",
    "truong ban",
    "pho truong ban",
    "giam doc",
    "bi thu",
    "truong phong",
)
_NAME_STOP = frozenset(
    fold(w)
    for w in (
        "Lưu",
        "UBND",
        "HĐND",
        "Phòng",
        "Các",
        "Đài",
        "Sở",
        "Nơi",
        "Kế",
        "Phụ",
        "Chủ",
        "Ủy",
        "Đảng",
        "Bộ",
        "Kèm",
        "Trên",
        "Xã",
        "Huyện",
        "Tỉnh",
        "Tịch",
        "Cộng",
        "Hòa",
    )
)


@dataclass(slots=True)
class Unit:
    """An administrative unit named in the document: kind, name and level."""

    kind_key: str
    kind: str
    name: str
    level: str
    body: str = "UBND"

    @property
    def issuer(self) -> str:
        return f"{self.body} {self.kind} {self.name}"


@dataclass(slots=True)
class Header:
    """What the header block, title and preamble say."""

    doc_type: str | None = None
    number: str | None = None
    number_blank: bool = False
    unit: Unit | None = None
    parent: Unit | None = None
    place: str | None = None
    issue_date: date | None = None
    issue_day_raw: str | None = None
    title: str | None = None
    title_end: int = 0
    references: list[Reference] = field(default_factory=list)
    preamble_unit: Unit | None = None


@dataclass(slots=True)
class Tail:
    """Closing block: recipients and signature."""

    recipients: list[str] = field(default_factory=list)
    authority: str | None = None
    signer_title: str | None = None
    signer: str | None = None


def key_starts(text: str, prefixes: tuple[str, ...]) -> bool:
    """True if the OCR-tolerant key of `text` starts with one of `prefixes`."""
    key = text_key(text[:80])
    return any(key.startswith(p) for p in prefixes)


def find_appendix_start(lines: list[str]) -> int | None:
    """Index of the line that opens the appendix (`PHỤ LỤC …`) in the back half of the text."""
    n = len(lines)
    for i in range(n // 3, n):
        line = lines[i].strip()
        if not line or line.startswith("("):
            continue
        key = text_key(line)
        if key.startswith("phu luc") and (len(key) < 12 or is_mostly_upper(line) or len(line) < 120):
            rest = key[len("phu luc") :].strip()
            if not rest or is_mostly_upper(line) or re.match(r"^(?:[ivx0-9]+|so)\b", rest):
                return i
    return None


# ---------------------------------------------------------------- header


def strip_motto(line: str) -> str:
    """The left-column part of a header line: Quốc hiệu / Tiêu ngữ cut off by fuzzy match."""
    words = list(_WORD_RE.finditer(line))
    if len(words) < 2:
        return line
    line_key = text_key(line)
    if not any(w in line_key for w in ("hanh phuc", "chu nghia", "viet nam", "doc lap", "cong hoa", "tu do")):
        return line
    keys = [ocr_key(m.group()) for m in words]
    best_k, best = None, 0.0
    for k in range(len(words)):
        suffix = " ".join(keys[k:])
        for target in _NATIONAL_MOTTO:
            for cut in range(len(target.split()), 0, -1):
                partial = " ".join(target.split()[:cut]) if k + cut <= len(words) else ""
                if not partial:
                    continue
                score = fuzz.ratio(suffix, partial) if cut >= 3 else 0.0
                if score > best and score >= 72:
                    best, best_k = score, k
    if best_k is None:
        return line
    return line[: words[best_k].start()].strip(" -–_|")


def parse_unit_text(text: str, *, prefer_last: bool = True) -> Unit | None:
    """A unit ("xã Giao Long", "HUYỆN YÊN CHÂU") named in `text`; the last one by default."""
    words = text.split()
    keys = [text_key(w) for w in words]
    found: list[Unit] = []
    for i in range(len(words)):
        hit = unit_kind_at(keys, i)
        if hit is None:
            continue
        kind_key, kind, _level, used = hit
        if i > 0 and kind_key == "xa" and keys[i - 1] == "thi":
            continue
        name_words = capitalised_run(words, i + used, limit=4)
        if not name_words and i + used < len(words) and words[i + used].isdigit():
            name_words = [words[i + used]]
        if not name_words:
            continue
        name_words = [w for w in name_words if text_key(w) not in ("ubnd", "nam", "ve", "ngay")]
        if not name_words:
            continue
        name = " ".join(w.title() if w.isupper() else w for w in name_words)
        found.append(Unit(kind_key, kind, name, level_of(kind_key, name)))
    if not found:
        return None
    return found[-1] if prefer_last else found[0]


def parse_header(paragraphs: list[Paragraph], raw_lines: list[str], ocr: bool) -> Header:
    """Header, title and preamble from the paragraphs before the first roman section."""
    header = Header()
    title_idx = None
    for i, para in enumerate(paragraphs):
        key = text_key(para.text)
        if key == "ke hoach" or (key.startswith("ke hoach ") and i <= 2 and len(key) < 200):
            title_idx = i
            break
    head_paras = paragraphs[: title_idx if title_idx is not None else 0]
    if title_idx is not None:
        head_lines = raw_lines[: paragraphs[title_idx].line]
    else:
        head_lines = raw_lines[: paragraphs[0].line + 8] if paragraphs else []
    _parse_header_lines(head_lines, header)
    if title_idx is not None:
        header.doc_type = header.doc_type or "KH"
        first = paragraphs[title_idx].text
        rest = first.split(None, 2)[2] if len(first.split()) > 2 and text_key(first) != "ke hoach" else ""
        parts = [rest] if rest else []
        j = title_idx + 1
        while not parts and j < len(paragraphs) and j <= title_idx + 2:
            cand = paragraphs[j].text
            if roman_heading(cand) or DOC_NUMBER.search(cand) or key_starts(cand, ("can cu", "thuc hien")):
                break
            parts.append(cand)
            j += 1
        if parts:
            title = " ".join(parts).strip(" .")
            header.title = restore(title) if ocr else title
        header.title_end = j if parts else title_idx + 1
    else:
        header.title_end = len(head_paras)
    return header


def _parse_header_lines(lines: list[str], header: Header) -> None:
    left: list[str] = []
    for line in lines:
        if line == PAGE_BREAK:
            continue
        number_line = _parse_number_line(line, header)
        date_seen = _parse_date_line(line, header)
        if number_line or date_seen:
            continue
        part = strip_motto(line)
        if part:
            left.append(part)
    units = []
    for part in left:
        unit = parse_unit_text(part)
        if unit:
            units.append(unit)
    if units:
        header.unit = units[-1]
        if len(units) > 1 and units[0].level != units[-1].level:
            header.parent = units[0]
    if header.unit and header.place and fold(header.place) == fold(header.unit.name):
        header.unit.name = header.place


_NUMBER_LABEL = re.compile(r"(?:^|\s)(S[^\s:]{1,2})\s*:")


def _parse_number_line(line: str, header: Header) -> bool:
    label = _NUMBER_LABEL.search(line)
    if label is None or text_key(label.group(1)) != "so":
        return False
    line = line[label.start() :]
    m = DOC_NUMBER.search(line)
    blank = re.search(r"/\s*([A-ZĐ]{1,5}\s?-\s?[A-ZĐ][A-Za-zĐđ]{0,10})", line)
    if m and m.group("num"):
        header.number = normalise_number(m.group("num"), m.group("sym"))
        header.doc_type = doc_type_of_symbol(re.sub(r"\s", "", m.group("sym")))
    elif blank:
        header.number_blank = True
        header.doc_type = doc_type_of_symbol(re.sub(r"\s", "", blank.group(1)))
    else:
        return False
    _parse_date_line(line, header)
    return True


def _parse_date_line(line: str, header: Header) -> bool:
    low = fold_same_length(line)
    if not low:
        return False
    m = re.search(
        r",?\s*ng[a-z]{1,2}y\s*[0-9a-z.…]{0,3}\s*th[a-z]{1,2}ng\s*[0-9.…]{0,3}\s*n[a-z]{1,2}m\s*(?:19|20)\d{2}",
        low,
    )
    if not m:
        return False
    before = line[: m.start()].split()
    place_words: list[str] = []
    for word in reversed(before):
        clean = word.strip(",")
        if clean and (clean[0].isupper() or (clean.isdigit() and place_words == [])) and clean[0] != "/":
            place_words.insert(0, clean)
            if len(place_words) >= 5:
                break
        else:
            break
    if place_words and not any(text_key(w) in ("so", "kh", "ubnd") for w in place_words):
        header.place = " ".join(place_words)
    found, raw_day = parse_date_at(line, m.start(), window=m.end() - m.start() + 2)
    if found:
        header.issue_date = found
    elif raw_day:
        header.issue_day_raw = raw_day
        ym = re.search(r"th[a-z]{1,2}ng\s*(\d{1,2})\s*n[a-z]{1,2}m\s*((?:19|20)\d{2})", low[m.start() :])
        if ym:
            header.issue_day_raw = f"{raw_day}|{ym.group(1)}|{ym.group(2)}"
    return True


def parse_preamble(paragraphs: list[Paragraph]) -> tuple[list[Reference], Unit | None]:
    """References cited in the preamble and the unit that issues the plan ("… xây dựng Kế hoạch")."""
    refs: list[Reference] = []
    issuer: Unit | None = None
    for para in paragraphs:
        text = para.text
        if not DOC_NUMBER.search(text) and not re.search(r"ban hanh|xay dung|trien khai", text_key(text)):
            continue
        own = _own_issuer_clause(text)
        cut = len(text)
        if own is not None:
            issuer, cut = own
        if key_starts(text, ("so ",)) and len(text) < 60:
            continue
        refs.extend(parse_references(text[:cut]))
    return refs, issuer


_OWN_VERBS = ("xay dung", "ban hanh", "trien khai", "to chuc", "de ra", "lap")


def _own_issuer_clause(text: str) -> tuple[Unit, int] | None:
    """The issuing unit in a clause like "Ủy ban nhân dân xã X xây dựng Kế hoạch …"."""
    low = fold_same_length(text)
    if not low:
        return None
    best: tuple[Unit, int] | None = None
    for m in re.finditer(r"(?:uy ban nhan dan|ubnd)\s*(?:\(ubnd\)\s*)?", low):
        after = text[m.end() : m.end() + 80]
        unit = parse_unit_text(after, prefer_last=False)
        tail_key = text_key(after)
        if any(f" {v} " in f" {tail_key} " for v in _OWN_VERBS):
            start = m.start()
            if unit is not None:
                best = (unit, start)
            elif best is None:
                best = (Unit("", "", "", ""), start)
    if best and not best[0].kind_key:
        return None
    return best


def parse_references(text: str) -> list[Reference]:
    """Documents cited in `text`: type, number, date, issuer ("của …") and subject ("về …")."""
    refs: list[Reference] = []
    matches = list(DOC_NUMBER.finditer(text))
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        seg_end = end
        semi = text.find(";", m.end(), end)
        if semi != -1:
            seg_end = semi
        num = m.group("num") or m.group("num2")
        sym = m.group("sym") or m.group("sym2")
        if m.group("year"):
            sym = f"{m.group('year')}/{sym}"
        number = normalise_number(num, sym)
        before = text_key(text[max(0, m.start() - 40) : m.start()])
        doc_type = None
        for words, code in DOC_TYPES.items():
            if before.endswith((words, words + " so")):
                doc_type = code
        found, _raw = parse_date_at(text, m.end(), window=45)
        segment = text[m.end() : seg_end]
        issuer = None
        title = None
        low = fold_same_length(segment)
        if low:
            cm = re.search(r"\bcua\s+", low)
            if cm:
                stop = re.search(
                    r"\s(?:ve viec|ve|ban hanh|phe duyet|quy dinh|thuc hien)\s|[,;.(]", low[cm.end() :]
                )
                issuer = segment[cm.end() : cm.end() + (stop.start() if stop else 80)].strip(" ,.")
                issuer = _short_body(issuer) if issuer else None
            vm = re.search(r"\bve(?: viec)?\s+", low)
            if vm:
                title = segment[vm.end() :].strip(" ,.;") or None
        refs.append(
            Reference(
                number=number,
                doc_type=doc_type or doc_type_of_symbol(sym),
                issuer=issuer,
                date=found,
                title=title,
                raw=" ".join(text[m.start() : seg_end].split()),
            )
        )
    return refs


def _short_body(name: str) -> str:
    """ "Ủy ban nhân dân huyện X" → "UBND huyện X" (the form used in plan JSON)."""
    name = re.sub(r"^(?:Ủy|Uỷ|Uy)\s+ban\s+nh[aâ]n\s+d[aâ]n\s+", "UBND ", name.strip(), flags=re.IGNORECASE)
    return " ".join(name.split())


# ---------------------------------------------------------------- sections


@dataclass(slots=True)
class RawSection:
    """A roman section as paragraphs, before it is frozen into `Section`."""

    numeral: str
    title: str
    paragraphs: list[Paragraph]


def is_section_heading(para: Paragraph) -> tuple[str, str] | None:
    """(numeral, title) when a paragraph is a top-level heading by form and wording."""
    hit = roman_heading(para.text)
    if hit is None:
        return None
    numeral, title = hit
    words = title.split()
    if len(words) > 22 or title.endswith(";"):
        return None
    key = text_key(title)
    if para.emphasised or is_mostly_upper(title) or any(key.startswith(w) for w in _HEADING_WORDS):
        return numeral, title
    return None


def split_sections(paragraphs: list[Paragraph], start: int) -> tuple[list[RawSection], int]:
    """Roman sections from `start`; returns them and the index where the tail begins."""
    sections: list[RawSection] = []
    tail_start = len(paragraphs)
    for i in range(start, len(paragraphs)):
        para = paragraphs[i]
        if is_tail_start(para.text):
            tail_start = i
            break
        hit = is_section_heading(para)
        if hit:
            sections.append(RawSection(hit[0], hit[1].rstrip(" :."), []))
        elif sections:
            sections[-1].paragraphs.append(para)
    return sections, tail_start


def first_section_index(paragraphs: list[Paragraph]) -> int | None:
    """Index of the first roman heading (section I of the body)."""
    for i, para in enumerate(paragraphs):
        if is_section_heading(para):
            return i
    return None


def is_tail_start(text: str) -> bool:
    """True for the closing sentence, `Nơi nhận:` or a signature authority line."""
    key = text_key(text[:60])
    return (
        key.startswith(("tren day la", "noi nhan"))
        or bool(_AUTHORITY.match(text))
        or (key.startswith("noi") and "nhan" in key[:12] and len(text) < 40)
    )


def freeze_section(raw: RawSection, ocr: bool) -> Section:
    """A `Section` with arabic sub-sections and restored title."""
    title = restore(raw.title) if ocr else raw.title
    subs: list[Section] = []
    body: list[str] = []
    current: tuple[str, str, list[str]] | None = None
    for para in raw.paragraphs:
        m = ARABIC_HEADING.match(para.text)
        if m and "." not in m.group("num") and _looks_like_heading(m.group("title")):
            if current:
                subs.append(_sub(current, ocr))
            current = (m.group("num"), m.group("title"), [])
            continue
        (current[2] if current else body).append(para.text)
    if current:
        subs.append(_sub(current, ocr))
    return Section(raw.numeral, title, "\n".join(body), tuple(subs))


def _sub(current: tuple[str, str, list[str]], ocr: bool) -> Section:
    numeral, title, texts = current
    inline = ""
    if ":" in title and len(title.split(":", 1)[1].strip()) > 10:
        title, inline = (part.strip() for part in title.split(":", 1))
    title = title.rstrip(" :.")
    text = "\n".join(([inline] if inline else []) + texts)
    return Section(numeral, restore(title) if ocr else title, text)


def _looks_like_heading(title: str) -> bool:
    head = title.split(":", 1)[0]
    return len(head.split()) <= 16 and not head.rstrip().endswith(";")


# ---------------------------------------------------------------- tail


_SIGNATURE_PART = re.compile(
    r"\s((?:TM|KT|Q|TL|TUQ)\s*\.\s*\S.*|(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|TRƯỞNG\s+BAN|GIÁM\s+ĐỐC|BÍ\s+THƯ))\s*$"
)


def _split_columns(texts: list[str]) -> list[str]:
    """Nơi nhận and the signature block side by side: "- UBND huyện; KT. CHỦ TỊCH" → two lines."""
    out: list[str] = []
    for text in texts:
        m = _SIGNATURE_PART.search(text)
        before = text[: m.start()].strip() if m else ""
        if m and before and (any(c.islower() for c in before) or ";" in before):
            out.extend([text[: m.start()].strip(), m.group(1).strip()])
        else:
            out.append(text)
    return out


def parse_tail(texts: list[str]) -> Tail:
    """Recipients, authority, signer title and signer from the closing lines."""
    tail = Tail()
    texts = _split_columns(texts)
    in_recipients = False
    titles: list[str] = []
    for raw in texts:
        line = raw.strip()
        if not line or line == PAGE_BREAK:
            continue
        key = text_key(line)
        if key.startswith("noi nhan") or (key.startswith("noi") and "nhan" in key[:10]):
            in_recipients = True
            rest = line.split(":", 1)[1].strip() if ":" in line else ""
            line = rest
            if not line:
                continue
            key = text_key(line)
        authority = _AUTHORITY.search(line)
        if authority and authority.start() > 0 and in_recipients:
            before, line = line[: authority.start()].strip(), line[authority.start() :]
            if before:
                tail.recipients.append(before.lstrip("-–• ").rstrip(" ;."))
            key = text_key(line)
        if _AUTHORITY.match(line):
            if key.startswith("kt ") or tail.authority is not None:
                titles.append(" ".join(line.split()))
            else:
                tail.authority = " ".join(line.split())
            continue
        if any(key == t or key.endswith(" " + t) for t in _SIGN_TITLES) and is_mostly_upper(line):
            titles.append(line.strip())
            continue
        if line.startswith(("-", "–", "•", "+")) and in_recipients:
            tail.recipients.append(line.lstrip("-–•+ ").rstrip(" ;."))
            continue
        if key.startswith(("tren day la", "da ky", "ky ten", "dong dau")) or line.startswith("("):
            continue
        if tail.signer is None and looks_like_name(line):
            tail.signer = line.strip()
            in_recipients = False
            continue
        if in_recipients and tail.recipients and len(line) < 80 and not looks_like_name(line):
            tail.recipients[-1] = f"{tail.recipients[-1]} {line.rstrip(' ;.')}".strip()
    if titles:
        tail.signer_title = "\n".join(titles)
    return tail


def looks_like_name(line: str) -> bool:
    """A personal name: 2–5 capitalised words, letters only, no body or list words."""
    words = line.strip().strip(".").split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line) or any(c in line for c in ":;/()"):
        return False
    if text_key(line).startswith("nhu tren"):
        return False
    if is_mostly_upper(line) and len(words) > 1 and all(len(w) > 1 for w in words):
        return False
    for word in words:
        if not word[0].isupper() or not word.replace("-", "").isalpha():
            return False
        if fold(word) in _NAME_STOP:
            return False
    return True


# ---------------------------------------------------------------- appendix caption


@dataclass(slots=True)
class Caption:
    """`(Kèm theo Kế hoạch số … ngày … của …)` under an appendix title."""

    number: str | None = None
    number_blank: bool = False
    doc_type: str | None = None
    issue_date: date | None = None
    unit: Unit | None = None
    year: int | None = None


def parse_caption(lines: list[str]) -> Caption:
    """Caption and appendix-title facts from the first lines of an appendix."""
    cap = Caption()
    text = " ".join(line.strip() for line in lines[:14] if line.strip() and line != PAGE_BREAK)
    low = fold_same_length(text)
    if not low:
        return cap
    m = re.search(r"kem\s*theo", low)
    if m is None:
        return cap
    seg = text[m.end() : m.end() + 240]
    close = seg.find(")")
    if close != -1:
        seg = seg[:close]
    num = DOC_NUMBER.search(seg)
    if num and num.group("num"):
        cap.number = normalise_number(num.group("num"), num.group("sym"))
        cap.doc_type = doc_type_of_symbol(re.sub(r"\s", "", num.group("sym")))
    elif re.search(r"/\s*[A-ZĐ]{1,5}\s?-", seg):
        cap.number_blank = True
    found, _raw = parse_date_at(seg, 0, window=len(seg))
    cap.issue_date = found
    seg_low = fold_same_length(seg)
    cm = re.search(r"\bcua\s+", seg_low) if seg_low else None
    if cm:
        cap.unit = parse_unit_text(seg[cm.end() :], prefer_last=False)
    year = re.search(r"\bn[a-z]m\s*((?:19|20)\d{2})", low[: m.start()])
    if year:
        cap.year = int(year.group(1))
    return cap


def sub_heading_key(text: str) -> str:
    """OCR-tolerant key of an arabic/letter sub-heading title, without its numeral."""
    m = ARABIC_HEADING.match(text) or LETTER_ITEM.match(text)
    return text_key(m.group("title") if m else text)
