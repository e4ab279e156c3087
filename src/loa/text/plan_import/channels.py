"""Channel classification into the closed list of plan JSON v1.

A plan uses a channel when any clause of its body (sections, key activities, appendix)
says so; the first such clause is kept as evidence. Rules are phrase lists matched on the
OCR-tolerant key of each clause (so "pa nô", "pano" and OCR "Pa no" all hit), with three
context rules that real plans need:
- "hội nghị" is a conference only when it is not the place content is *integrated into*
  ("lồng ghép … trong các hội nghị" is meeting_integration);
- "tài liệu" is a leaflet only when documents are issued or used as the medium;
- the `Nội dung tuyên truyền` sub-section lists topics, not channels ("vận động người dân
  tham gia khảo sát" is a topic), so it is skipped.
OCR clauses are first restored against the vocabulary, then matched exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loa.text.plan_import.vocabulary import VOCABULARY, is_syllable, restore, text_key

CHANNELS = (
    "radio",
    "tv",
    "portal",
    "social",
    "newspaper",
    "panel_poster",
    "leaflet",
    "conference",
    "training",
    "contest",
    "dialogue",
    "survey",
    "public_listing",
    "hotline",
    "mobile_loudspeaker",
    "meeting_integration",
    "other",
)
# Their names as plans write them; loa.plans.choices.Channel says the same (a test keeps them equal).
CHANNEL_LABELS: dict[str, str] = {
    "radio": "Phát thanh, truyền thanh",
    "tv": "Truyền hình",
    "portal": "Cổng/Trang thông tin điện tử",
    "social": "Mạng xã hội",
    "newspaper": "Báo chí",
    "panel_poster": "Pa nô, áp phích, băng rôn",
    "leaflet": "Tờ rơi, tờ gấp, tài liệu",
    "conference": "Hội nghị, hội thảo",
    "training": "Tập huấn, bồi dưỡng",
    "contest": "Cuộc thi",
    "dialogue": "Đối thoại",
    "survey": "Khảo sát, điều tra",
    "public_listing": "Niêm yết, công khai",
    "hotline": "Đường dây nóng",
    "mobile_loudspeaker": "Xe loa lưu động",
    "meeting_integration": "Lồng ghép trong hội họp",
    "other": "Khác",
}


@dataclass(frozen=True, slots=True)
class _Rule:
    channel: str
    phrases: tuple[str, ...]
    requires: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


def _keys(*phrases: str) -> tuple[str, ...]:
    return tuple(text_key(p) for p in phrases)


_RULES = (
    _Rule(
        "radio",
        _keys(
            "truyền thanh",
            "phát thanh",
            "loa phát thanh",
            "hệ thống loa",
            "phát sóng",
            "loa truyền thanh",
            "radio",
        ),
    ),
    _Rule("tv", _keys("truyền hình", "phóng sự truyền hình", "television")),
    _Rule(
        "portal",
        _keys(
            "cổng thông tin",
            "trang thông tin",
            "trang tin điện tử",
            "website",
            "cổng dịch vụ công",
            "trang điện tử",
        ),
    ),
    _Rule(
        "social",
        _keys("mạng xã hội", "zalo", "facebook", "fanpage", "youtube", "tiktok", "diễn đàn trực tuyến"),
    ),
    _Rule(
        "newspaper",
        _keys("báo chí", "thông tấn", "tạp chí", "báo điện tử", "báo in", "phóng sự", "cơ quan báo"),
    ),
    _Rule(
        "panel_poster",
        _keys(
            "pa nô",
            "pano",
            "panô",
            "áp phích",
            "băng rôn",
            "băng rôn",
            "khẩu hiệu",
            "trực quan",
            "biển quảng cáo",
        ),
    ),
    _Rule("leaflet", _keys("tờ rơi", "tờ gấp", "sổ tay", "cẩm nang", "ấn phẩm", "tài liệu tuyên truyền")),
    _Rule(
        "leaflet",
        _keys("tài liệu"),
        requires=_keys("phát hành", "thông qua", "cấp phát", "in ấn", "biên soạn"),
    ),
    _Rule(
        "conference",
        _keys("hội thảo", "tọa đàm", "toạ đàm", "sinh hoạt chuyên đề", "diễn đàn"),
        not_after=_keys("lồng ghép"),
    ),
    _Rule("conference", _keys("hội nghị"), not_after=_keys("lồng ghép", "trong các", "tại các")),
    _Rule(
        "training",
        _keys(
            "tập huấn",
            "lớp bồi",
            "lớp đào tạo",
            "bồi dưỡng nghiệp vụ",
            "bồi dưỡng kiến thức",
            "tổ chức bồi dưỡng",
            "bồi dưỡng nâng cao",
        ),
    ),
    _Rule("contest", _keys("cuộc thi", "hội thi", "thi tìm hiểu", "thi sáng tác", "thi trực tuyến")),
    _Rule(
        "dialogue",
        _keys("đối thoại", "dân hỏi", "tiếp xúc cử tri", "tiếp xúc với cử tri", "giao lưu trực tuyến"),
    ),
    _Rule("survey", _keys("khảo sát", "điều tra xã hội học", "điều tra xhh", "phiếu lấy ý kiến")),
    _Rule("public_listing", _keys("niêm yết")),
    _Rule("public_listing", _keys("công khai"), requires=_keys("thủ tục", "tthc", "quy định", "trụ sở")),
    _Rule("hotline", _keys("đường dây nóng", "số điện thoại", "hotline")),
    _Rule("mobile_loudspeaker", _keys("xe loa", "loa lưu động", "lưu động", "xe tuyên truyền")),
    _Rule(
        "meeting_integration",
        _keys("lồng ghép"),
        requires=_keys("họp", "hội nghị", "giao ban", "sinh hoạt", "hội họp"),
    ),
    _Rule(
        "meeting_integration",
        _keys("phiên họp", "họp định kỳ", "họp thôn", "họp ấp", "họp tổ dân phố", "cuộc họp ở", "họp dân"),
    ),
    _Rule(
        "other",
        _keys(
            "báo cáo viên",
            "tuyên truyền viên",
            "người có uy tín",
            "tiếng dân tộc",
            "già làng",
            "tuyên truyền miệng",
            "chức sắc",
        ),
    ),
)


_ALL_PHRASES = sorted({p for rule in _RULES for p in (*rule.phrases, *rule.requires, *rule.not_after)})
_ANY_PHRASE = re.compile(
    "(?<![a-z0-9])(?=(" + "|".join(re.escape(p) for p in _ALL_PHRASES) + ")(?![a-z0-9]))"
)


def _contains(key: str, phrase: str) -> int:
    """Position of `phrase` as whole words in `key`, or -1."""
    pos = key.find(phrase)
    while pos != -1:
        end = pos + len(phrase)
        if (pos == 0 or not key[pos - 1].isalnum()) and (end == len(key) or not key[end].isalnum()):
            return pos
        pos = key.find(phrase, pos + 1)
    return -1


def classify(clauses: list[str], *, ocr: bool = False) -> dict[str, str]:
    """Channel code → evidence clause, in the closed-list order.

    OCR clauses are matched after vocabulary restoration ("cudc thi" → "cuộc thi").
    """
    found: dict[str, str] = {}
    keyed = []
    for clause in clauses:
        key = text_key(clause)
        if ocr and _garbled(key):
            key = text_key(restore(clause, thorough=False))
        keyed.append((clause, key))
    for clause, key in keyed:
        present = {m.group(1) for m in _ANY_PHRASE.finditer(key)}
        if not present:
            continue
        for rule in _RULES:
            if rule.channel in found:
                continue
            for phrase in rule.phrases:
                if phrase not in present:
                    continue
                pos = _contains(key, phrase)
                if pos < 0:
                    continue
                if rule.requires and not any(_contains(key, r) >= 0 for r in rule.requires):
                    continue
                if rule.not_after and any(_contains(key[:pos], n) >= 0 for n in rule.not_after):
                    continue
                found[rule.channel] = " ".join(clause.split())[:240]
                break
    return {code: found[code] for code in CHANNELS if code in found}


def _garbled(key: str) -> bool:
    return any(w not in VOCABULARY.known_words and not is_syllable(w) for w in key.split())


def split_clauses(text: str) -> list[str]:
    """Clauses of a paragraph: split at sentence ends and semicolons."""
    return [c for c in re.split(r"(?<=[.;!?])\s+|;\s*", text) if c.strip()]
