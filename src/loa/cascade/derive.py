"""What a higher plan asks of a lower unit: its deadline for issuing the lower plan, and the
tasks that fall to the lower unit with the bodies that carry them there.

Body names are matched on a key (folded words, "Ủy ban nhân dân"/"Hội đồng nhân dân" written
UBND/HĐND, "và"/"&" dropped), so "Văn phòng HĐND & UBND huyện", "Văn phòng Hội đồng nhân
dân và Ủy ban nhân dân huyện" and "VĂN PHÒNG HĐND VÀ UBND HUYỆN" are one name.

Eras: "2025" is the two-tier system (from 1/7/2025: province → commune, the commune's
Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội, Phòng Kinh tế and Trung tâm Phục vụ hành
chính công, NĐ 150/2025/NĐ-CP); "pre2025" the three-tier one (district → commune, the
commune's công chức posts: Văn phòng - Thống kê, Văn hóa - Xã hội, Tư pháp - Hộ tịch,
Tài chính - Kế toán, and its Đài truyền thanh and Bộ phận Tiếp nhận và Trả kết quả).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from loa.cascade.model import Passage, PlanView, TaskView
from loa.text.folding import fold, fold_words
from loa.text.timing import TimingKind, parse_timing

__all__ = [
    "DEFAULT_LOWER_LEVEL_WORDS",
    "DEFAULT_MAPPINGS",
    "DerivedTask",
    "MappingRule",
    "derive_tasks",
    "issue_deadline",
    "map_bodies",
    "map_body",
]

ERAS = ("2025", "pre2025")


@dataclass(frozen=True, slots=True)
class MappingRule:
    """A higher body (`higher`: words looked for in its name) and the lower body that mirrors it.

    `lower` may hold "{unit}", replaced with the lower unit's name ("xã Giao Long").
    `era` limits the rule to "2025" or "pre2025" (None: both). A rule that `anchors` makes a
    task apply at the lower level on its own; a generic body ("các cơ quan, đơn vị") does not,
    and is only carried over as cooperating when something else makes the task apply.
    """

    higher: str
    lower: str
    era: str | None = None
    anchors: bool = True


@dataclass(frozen=True, slots=True)
class DerivedTask:
    """A higher task as it falls to the lower unit; `source_ref` names the higher task."""

    source_ref: str
    title: str
    product: str
    lead: str
    cooperating: tuple[str, ...]
    channel: str
    timing_text: str


_UNIT_UBND = "UBND {unit}"
_OFFICE = "Văn phòng HĐND và UBND {unit}"
_CULTURE = "Phòng Văn hóa - Xã hội {unit}"
_RADIO = "Đài truyền thanh {unit}"
_LEGACY_OFFICE = "Công chức Văn phòng - Thống kê"
_LEGACY_CULTURE = "Công chức Văn hóa - Xã hội"

# Rule order is priority: map_body takes the first rule that matches, and a name's words
# taken by one rule are not matched again by a later one.
DEFAULT_MAPPINGS: tuple[MappingRule, ...] = (
    # The lower units themselves. Seed 002 gives task 2.2.e to "UBND các xã, thị trấn" and
    # cooperation to "UBND các xã, thị trấn trên địa bàn huyện"; seed 003 gives tasks 1, 2.a
    # and 3 to "UBND các xã, phường, thị trấn"; seed 002's "các cơ quan, đơn vị, địa phương".
    MappingRule("ubnd cac xa", _UNIT_UBND),
    MappingRule("ubnd cap xa", _UNIT_UBND),
    MappingRule("ubnd cac phuong", _UNIT_UBND),
    MappingRule("chinh quyen cap xa", _UNIT_UBND),
    MappingRule("chinh quyen co so", _UNIT_UBND),
    MappingRule("cac dia phuong", _UNIT_UBND),
    # Internal affairs, which runs CCHC: Sở Nội vụ (seed 003), Phòng Nội vụ (seed 002, and the
    # recipient "Phòng Nội vụ thị xã" of seed 000). From 2025 the commune's Văn phòng HĐND và
    # UBND holds internal affairs (NĐ 150/2025); before, the công chức Văn phòng - Thống kê
    # (seed 001 names it beside its local "Văn phòng Đảng ủy - Nội vụ").
    MappingRule("so noi vu", _OFFICE, era="2025"),
    MappingRule("phong noi vu", _OFFICE, era="2025"),
    MappingRule("so noi vu", _LEGACY_OFFICE, era="pre2025"),
    MappingRule("phong noi vu", _LEGACY_OFFICE, era="pre2025"),
    # The People's Committee office and the portal it edits: "Văn phòng HĐND và UBND huyện"
    # (seed 002, tasks 2.2.b-c), "Văn phòng UBND tỉnh" and "Cổng Thông tin điện tử tỉnh"
    # (seed 003, tasks 2.a and 2.c); seed 001's commune portal is run by its Văn phòng HĐND-UBND.
    MappingRule("van phong hdnd ubnd", _OFFICE, era="2025"),
    MappingRule("van phong ubnd", _OFFICE, era="2025"),
    MappingRule("cong thong tin dien tu", _OFFICE, era="2025"),
    MappingRule("van phong hdnd ubnd", _LEGACY_OFFICE, era="pre2025"),
    MappingRule("van phong ubnd", _LEGACY_OFFICE, era="pre2025"),
    MappingRule("cong thong tin dien tu", _LEGACY_OFFICE, era="pre2025"),
    # Broadcasters mirror to the commune radio station: "Đài Phát thanh và Truyền hình tỉnh"
    # (seed 003, task 2.b), "Đài Truyền thanh - Truyền hình các huyện" (seed 003, task 4),
    # "Trung tâm Truyền thông - Văn hóa" and "Đài truyền thanh huyện" (seed 002), and the
    # district "Trung tâm Văn hóa - Thông tin - Thể thao" of other provinces. Seeds 000 and 001
    # give the commune's radio column to "Đài truyền thanh xã".
    MappingRule("dai phat thanh", _RADIO),
    MappingRule("dai truyen thanh", _RADIO),
    MappingRule("dai truyen hinh", _RADIO),
    MappingRule("trung tam truyen thong", _RADIO),
    MappingRule("trung tam van hoa thong tin", _RADIO),
    # Culture and information: Sở Thông tin và Truyền thông (seed 003, task 4), Phòng Văn hóa
    # và Thông tin / "Phòng VHTT huyện" (seed 001's recipients). From 2025 the commune's Phòng
    # Văn hóa - Xã hội; before, the công chức Văn hóa - Xã hội (seed 001: "Công chức VHTT -
    # TDTT xã", which guides the commune radio).
    MappingRule("so thong tin truyen thong", _CULTURE, era="2025"),
    MappingRule("so van hoa", _CULTURE, era="2025"),
    MappingRule("phong van hoa", _CULTURE, era="2025"),
    MappingRule("phong vhtt", _CULTURE, era="2025"),
    MappingRule("so thong tin truyen thong", _LEGACY_CULTURE, era="pre2025"),
    MappingRule("so van hoa", _LEGACY_CULTURE, era="pre2025"),
    MappingRule("phong van hoa", _LEGACY_CULTURE, era="pre2025"),
    MappingRule("phong vhtt", _LEGACY_CULTURE, era="pre2025"),
    # The one-stop shop: "Trung tâm Phục vụ hành chính công tỉnh" and "Bộ phận Tiếp nhận và Trả
    # kết quả cấp huyện, cấp xã" (seed 003), "Bộ phận Một cửa" (seed 003, task 1). From 2025
    # the commune has its own Trung tâm Phục vụ hành chính công; before, its Bộ phận Tiếp nhận
    # và Trả kết quả (seed 001, task 2).
    MappingRule("trung tam phuc vu hanh chinh cong", "Trung tâm Phục vụ hành chính công {unit}", era="2025"),
    MappingRule("bo phan tiep nhan", "Trung tâm Phục vụ hành chính công {unit}", era="2025"),
    MappingRule("bo phan mot cua", "Trung tâm Phục vụ hành chính công {unit}", era="2025"),
    MappingRule(
        "trung tam phuc vu hanh chinh cong", "Bộ phận Tiếp nhận và Trả kết quả {unit}", era="pre2025"
    ),
    MappingRule("bo phan tiep nhan", "Bộ phận Tiếp nhận và Trả kết quả {unit}", era="pre2025"),
    MappingRule("bo phan mot cua", "Bộ phận Tiếp nhận và Trả kết quả {unit}", era="pre2025"),
    # Justice: Phòng Tư pháp (seed 002, IV.4). From 2025 justice sits in the commune office
    # (NĐ 150/2025); before, the công chức Tư pháp - Hộ tịch (seed 001, VI.5).
    MappingRule("so tu phap", _OFFICE, era="2025"),
    MappingRule("phong tu phap", _OFFICE, era="2025"),
    MappingRule("so tu phap", "Công chức Tư pháp - Hộ tịch", era="pre2025"),
    MappingRule("phong tu phap", "Công chức Tư pháp - Hộ tịch", era="pre2025"),
    # Finance: "phòng Tài chính - Kế hoạch" (seed 002, task 2.3). From 2025 the commune's Phòng
    # Kinh tế; before, the công chức Tài chính - Kế toán (seed 000: "tài chính - Kế toán").
    MappingRule("so tai chinh", "Phòng Kinh tế {unit}", era="2025"),
    MappingRule("phong tai chinh", "Phòng Kinh tế {unit}", era="2025"),
    MappingRule("so tai chinh", "Công chức Tài chính - Kế toán", era="pre2025"),
    MappingRule("phong tai chinh", "Công chức Tài chính - Kế toán", era="pre2025"),
    # Generic partners, carried over as cooperating only: "các cơ quan, đơn vị (có liên quan)"
    # (seeds 002 and 003, nearly every task), "các Đoàn thể chính trị - xã hội của xã, thị trấn"
    # (seed 002, task 2.2.e), "Ủy ban Mặt trận Tổ quốc" (seed 002, IV.5; seed 001, VI.9).
    MappingRule("cac co quan don vi", "Các cơ quan, đơn vị trên địa bàn {unit}", anchors=False),
    MappingRule("doan the", "Các tổ chức chính trị - xã hội {unit}", anchors=False),
    MappingRule("to chuc chinh tri xa hoi", "Các tổ chức chính trị - xã hội {unit}", anchors=False),
    MappingRule("mat tran to quoc", "Ủy ban MTTQ Việt Nam {unit}", anchors=False),
)

DEFAULT_LOWER_LEVEL_WORDS = ("xã", "phường", "cấp xã", "cơ sở", "huyện", "cấp huyện")

# Phrases holding a lower-level word that do not name a level: "xã hội", "trên cơ sở"
# (on the basis of), "cơ sở dữ liệu" …
_NOT_A_LEVEL_RE = re.compile(
    r"(?<![a-z0-9])(?:xa hoi|tren co so|co so du lieu|co so vat chat|co so giao duc|co so y te|co so phap ly"
    r"|co so kinh doanh|co so san xuat)(?![a-z0-9])"
)
# A title that addresses the lower units ("các xã", "cấp xã", "hệ thống truyền thanh ở cơ sở").
_ADDRESSES_LOWER_RE = re.compile(
    r"(?<![a-z0-9])(?:cac xa|cap xa|xa phuong|xa thi tran|cac phuong|co so|thon|to dan pho|khu dan cu)"
    r"(?![a-z0-9])"
)
# Issuing the lower plan: "ban hành", or "xây dựng … kế hoạch".
_ISSUING_RE = re.compile(r"(?<![a-z0-9])ban hanh(?![a-z0-9])")
_BUILDING_RE = re.compile(r"(?<![a-z0-9])xay dung(?![a-z0-9])")
_PLAN_WORD_RE = re.compile(r"(?<![a-z0-9])ke hoach(?![a-z0-9])")
# A cited document ("số 36/KH-UBND ngày 26/01/2021"): its date is not a deadline.
_CITATION_RE = re.compile(
    r"(?<![a-z0-9])so [0-9]+"
    r"|[0-9]+ ?[/-] ?(?:[0-9]{4} ?/ ?)?(?:kh|qd|nq|ct|tt|nd|cv|ubnd|tb|hd|ttg|cp|ubtvqh)(?![a-z])"
)
_HEADING_END = (".", ";", ":", "!", "?", ",")
_DATED_KINDS = frozenset({TimingKind.DEADLINE, TimingKind.WITHIN, TimingKind.RANGE})


# --- names -------------------------------------------------------------------------------------


def _key(name: str) -> str:
    """Folded words with the committee names abbreviated and "và" dropped."""
    text = " " + fold_words(name) + " "
    text = text.replace(" uy ban nhan dan ", " ubnd ").replace(" hoi dong nhan dan ", " hdnd ")
    return " ".join(word for word in text.split() if word != "va")


@lru_cache(maxsize=1024)
def _rule_pattern(rule: MappingRule) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(_key(rule.higher)) + r"(?![a-z0-9])")


def _matches(name: str, rules: Sequence[MappingRule], era: str) -> Iterator[MappingRule]:
    """Rules matching `name`, in rule order; words one rule took are not matched again."""
    key = _key(name)
    for rule in rules:
        if rule.era is not None and rule.era != era:
            continue
        match = _rule_pattern(rule).search(key)
        if match is None:
            continue
        key = key[: match.start()] + "#" * (match.end() - match.start()) + key[match.end() :]
        yield rule


def _ensure_era(era: str) -> None:
    if era not in ERAS:
        raise ValueError(f"unknown era {era!r}; expected one of {ERAS}")


def _lower_name(rule: MappingRule, unit: str) -> str:
    return " ".join(rule.lower.replace("{unit}", unit).split())


def map_body(
    name: str, rules: Sequence[MappingRule] = DEFAULT_MAPPINGS, *, unit: str, era: str
) -> str | None:
    """The lower body mirroring the higher body `name` (first matching rule), or None."""
    _ensure_era(era)
    for rule in _matches(name, rules, era):
        return _lower_name(rule, unit)
    return None


def map_bodies(
    name: str, rules: Sequence[MappingRule] = DEFAULT_MAPPINGS, *, unit: str, era: str
) -> tuple[tuple[str, bool], ...]:
    """Every lower body a (possibly compound) name maps to, with whether its rule anchors."""
    _ensure_era(era)
    out: dict[str, bool] = {}
    for rule in _matches(name, rules, era):
        lower = _lower_name(rule, unit)
        out[lower] = out.get(lower, False) or rule.anchors
    return tuple(out.items())


# --- derived tasks -----------------------------------------------------------------------------


def derive_tasks(
    higher: PlanView,
    rules: Sequence[MappingRule] = DEFAULT_MAPPINGS,
    *,
    unit: str,
    era: str,
    default_lead: str = _UNIT_UBND,
) -> tuple[DerivedTask, ...]:
    """The higher plan's tasks that fall to `unit`, with lead and cooperating bodies mapped.

    A task applies when its lead or a cooperating body maps through an anchoring rule, or its
    title addresses the lower units ("các xã", "cấp xã", "ở cơ sở"). The lead is the first
    anchoring body mapped from the lead, else from the cooperating bodies, else
    `default_lead` (a task that applies by its title alone). Other mapped bodies cooperate;
    bodies with no mapping (province or district only) are dropped. Title, product, channel
    and timing text are kept as written.
    """
    _ensure_era(era)
    derived = []
    for task in higher.tasks:
        from_lead = map_bodies(task.lead, rules, unit=unit, era=era)
        from_cooperating = tuple(
            item for name in task.cooperating for item in map_bodies(name, rules, unit=unit, era=era)
        )
        anchored = [name for name, anchors in (*from_lead, *from_cooperating) if anchors]
        if not anchored and not _addresses_lower(task):
            continue
        lead = anchored[0] if anchored else " ".join(default_lead.replace("{unit}", unit).split())
        cooperating = tuple(
            dict.fromkeys(name for name, _ in (*from_lead, *from_cooperating) if name != lead)
        )
        derived.append(
            DerivedTask(
                source_ref=task.ref,
                title=task.title,
                product=task.product,
                lead=lead,
                cooperating=cooperating,
                channel=task.channel,
                timing_text=task.timing_text,
            )
        )
    return tuple(derived)


def _addresses_lower(task: TaskView) -> bool:
    return bool(_ADDRESSES_LOWER_RE.search(_NOT_A_LEVEL_RE.sub(" ", fold_words(task.title))))


# --- issue deadline ----------------------------------------------------------------------------


def issue_deadline(
    higher: PlanView, lower_level_words: Sequence[str] = DEFAULT_LOWER_LEVEL_WORDS
) -> date | None:
    """The date by which the higher plan asks lower units to issue their plans, if it sets one.

    Looked for first in the tasks (a task about issuing or drafting a plan, addressed to a lower
    level in its title, lead or cooperating bodies, whose time reads as a deadline or window),
    then in the body: a sentence about issuing ("ban hành", "xây dựng … kế hoạch", in the
    sentence or its item) whose item, or the heading above it, names a lower level
    ("Các cơ quan, đơn vị, UBND các xã, thị trấn …" above "… Ban hành trước 15/02/2021.").
    The end of the time read (plan year for a missing year) is the deadline; dates of cited
    documents and dates more than a year away from the plan year are ignored. First found wins.
    """
    level_re = _level_pattern(lower_level_words)
    if level_re is None:
        return None
    for task in higher.tasks:
        subject = _folded(task.title)
        bodies = _folded(" ".join((task.lead, *task.cooperating)))
        if not _is_issuing(subject) or not (level_re.search(subject) or level_re.search(bodies)):
            continue
        found = _deadline_in(task.timing_text, higher.year) or _deadline_in(task.title, higher.year)
        if found is not None:
            return found
    for item, heading in _items(higher.passages):
        item_text = _folded(" ".join(p.text for p in item))
        context = item_text + " " + _folded(heading)
        if not level_re.search(context):
            continue
        for passage in item:
            sentence = _folded(passage.text)
            if not (_is_issuing(sentence) or _is_issuing(item_text)):
                continue
            found = _deadline_in(passage.text, higher.year)
            if found is not None:
                return found
    return None


def _folded(text: str) -> str:
    return _NOT_A_LEVEL_RE.sub(" ", fold_words(text))


def _level_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    keys = sorted({fold_words(w) for w in words if fold_words(w)}, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, keys)) + r")(?![a-z0-9])")


def _is_issuing(folded: str) -> bool:
    return bool(_ISSUING_RE.search(folded) or (_BUILDING_RE.search(folded) and _PLAN_WORD_RE.search(folded)))


def _deadline_in(text: str, year: int) -> date | None:
    if not text.strip():
        return None
    timing = parse_timing(text, plan_year=year or None)
    if timing.kind not in _DATED_KINDS or timing.end is None:
        return None
    if timing.kind is not TimingKind.DEADLINE and _CITATION_RE.search(fold(text)):
        return None
    if year and abs(timing.end.year - year) > 1:
        return None
    return timing.end


def _items(passages: Sequence[Passage]) -> Iterator[tuple[list[Passage], str]]:
    """Passages grouped by item (consecutive, same ref), each with the heading above it.

    A heading is a passage that does not end like a sentence ("Mục IV" titles, and lines such
    as "Các cơ quan, đơn vị, UBND các xã, thị trấn được giao chủ trì theo kế hoạch").
    """
    heading = ""
    section = ""
    group: list[Passage] = []
    for passage in passages:
        if group and passage.ref != group[0].ref:
            yield group, heading
            if _is_heading(group):
                heading = " ".join(p.text for p in group)
            group = []
        here = passage.ref.split(",")[0]
        if here != section:
            section, heading = here, ""
        group.append(passage)
    if group:
        yield group, heading


def _is_heading(group: Sequence[Passage]) -> bool:
    text = " ".join(p.text for p in group).rstrip()
    return len(group) == 1 and bool(text) and not text.endswith(_HEADING_END) and len(text) <= 200
