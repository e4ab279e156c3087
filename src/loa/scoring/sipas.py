"""The SIPAS satisfaction index: the standard questionnaire and its aggregation rule kept as data.

SIPAS (Chỉ số hài lòng về sự phục vụ hành chính, DOMAIN.md §4.2) asks people about five
elements of the service they received, each question on a five-level scale from "Rất không
hài lòng" (1) to "Rất hài lòng" (5). `TEMPLATE` is the standard questionnaire a unit copies and
may reword; `index` turns the answers per element into an index per element and overall.

The aggregation rule is JSON-able data (`parse_aggregation` reads it), so a province may
choose its own formula:

- ``top_2_box`` (the default, as published by the Ministry of Home Affairs): the share of
  answers that are 4 "Hài lòng" or 5 "Rất hài lòng".
- ``top_box``: the share of answers that are 5 "Rất hài lòng".
- ``mean_score``: the mean score mapped to 0–100 (1 → 0, 3 → 50, 5 → 100).

The overall index is the unweighted mean of the element indices, or, when the rule has
``weights`` (a positive number for each of the five elements), their weighted mean.

Rules a caller can rely on:
- Every index is a float from 0 to 100, rounded half up to 2 decimals; more satisfied
  answers never lower an index.
- An element nobody answered has no index (absent from `per_element`) and the overall
  index is formed from the answered elements only (weights renormalised over them); with
  no answers at all the overall index is 0.0 and `answered` is 0, so check `answered`.
- Parse errors are ValueErrors that name the bad field by its path, e.g. "rule.kind: …".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

__all__ = [
    "DEFAULT_AGGREGATION",
    "ELEMENT_LABELS",
    "KIND_LABELS",
    "SCALE",
    "TEMPLATE",
    "AggregationKind",
    "AggregationRule",
    "Element",
    "SipasResult",
    "TemplateQuestion",
    "aggregation_data",
    "index",
    "parse_aggregation",
]

type Answers = Mapping[str, Iterable[int] | Mapping[int, int]]
"""Per element (an `Element` value): the scores given, or a count per score."""


class Element(StrEnum):
    """The five elements of service delivery that SIPAS measures, in questionnaire order."""

    ACCESS = "tiep_can"
    PROCEDURE = "thu_tuc"
    OFFICIAL = "cong_chuc"
    RESULT = "ket_qua"
    FEEDBACK = "gop_y"


ELEMENT_LABELS: Mapping[Element, str] = {
    Element.ACCESS: "Tiếp cận dịch vụ",
    Element.PROCEDURE: "Thủ tục hành chính",
    Element.OFFICIAL: "Công chức trực tiếp giải quyết công việc",
    Element.RESULT: "Kết quả dịch vụ",
    Element.FEEDBACK: "Tiếp nhận và xử lý góp ý, phản ánh, kiến nghị",
}

SCALE: tuple[tuple[int, str], ...] = (
    (1, "Rất không hài lòng"),
    (2, "Không hài lòng"),
    (3, "Bình thường"),
    (4, "Hài lòng"),
    (5, "Rất hài lòng"),
)
"""The five-level satisfaction scale, lowest first."""

_SCORES = frozenset(score for score, _ in SCALE)


@dataclass(frozen=True)
class TemplateQuestion:
    element: Element
    text: str


TEMPLATE: tuple[TemplateQuestion, ...] = (
    TemplateQuestion(Element.ACCESS, "Nơi tiếp nhận và trả kết quả dễ tìm, có biển chỉ dẫn rõ ràng"),
    TemplateQuestion(Element.ACCESS, "Nơi ngồi chờ có đủ chỗ ngồi, trang thiết bị đầy đủ, dễ sử dụng"),
    TemplateQuestion(Element.PROCEDURE, "Thủ tục hành chính được niêm yết công khai, đầy đủ, chính xác"),
    TemplateQuestion(Element.PROCEDURE, "Thành phần hồ sơ, phí và lệ phí phải nộp là hợp lý, đúng quy định"),
    TemplateQuestion(Element.OFFICIAL, "Công chức có thái độ giao tiếp lịch sự, tôn trọng người dân"),
    TemplateQuestion(Element.OFFICIAL, "Công chức hướng dẫn kê khai hồ sơ tận tình, dễ hiểu, một lần là đủ"),
    TemplateQuestion(Element.RESULT, "Kết quả nhận được đúng quy định, đầy đủ, chính xác"),
    TemplateQuestion(Element.RESULT, "Kết quả được trả đúng hẹn"),
    TemplateQuestion(Element.FEEDBACK, "Có nơi, có cách để góp ý, phản ánh, kiến nghị thuận tiện"),
    TemplateQuestion(
        Element.FEEDBACK, "Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý kịp thời và được trả lời"
    ),
)
"""The standard questionnaire: two satisfaction questions per element."""


class AggregationKind(StrEnum):
    TOP_2_BOX = "top_2_box"
    TOP_BOX = "top_box"
    MEAN_SCORE = "mean_score"


KIND_LABELS: Mapping[AggregationKind, str] = {
    AggregationKind.TOP_2_BOX: "Tỉ lệ hài lòng và rất hài lòng",
    AggregationKind.TOP_BOX: "Tỉ lệ rất hài lòng",
    AggregationKind.MEAN_SCORE: "Điểm trung bình quy về thang 100",
}

DEFAULT_AGGREGATION: dict[str, object] = {"kind": AggregationKind.TOP_2_BOX.value}
"""The rule a new survey gets: the share of answers that are 4 or 5, elements weighted equally."""

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_MAX_WEIGHT = Decimal(1000)


@dataclass(frozen=True)
class AggregationRule:
    kind: AggregationKind = AggregationKind.TOP_2_BOX
    weights: Mapping[Element, Decimal] | None = None

    def __post_init__(self) -> None:
        if self.weights is not None:
            if set(self.weights) != set(Element):
                raise ValueError("rule.weights: cần trọng số cho đủ năm yếu tố.")
            for element, weight in self.weights.items():
                if not (Decimal(0) < weight <= _MAX_WEIGHT):
                    raise ValueError(
                        f"rule.weights.{element.value}: trọng số phải lớn hơn 0 và không quá 1000."
                    )


@dataclass(frozen=True)
class SipasResult:
    """Index per answered element and overall (0–100), and how many answers were counted."""

    per_element: dict[Element, float] = field(default_factory=dict)
    overall: float = 0.0
    answered: int = 0


def parse_aggregation(data: Mapping[str, object] | None) -> AggregationRule:
    """Read rule data as stored; None or {} is the default rule (top-2-box, equal weights)."""
    if not data:
        return AggregationRule()
    if not isinstance(data, Mapping):
        raise ValueError("rule: phải là một đối tượng.")
    unknown = sorted(set(data) - {"kind", "weights"})
    if unknown:
        raise ValueError(f"rule.{unknown[0]}: trường không được hỗ trợ.")
    raw_kind = data.get("kind", AggregationKind.TOP_2_BOX.value)
    try:
        kind = AggregationKind(str(raw_kind))
    except ValueError:
        choices = ", ".join(k.value for k in AggregationKind)
        raise ValueError(f"rule.kind: '{raw_kind}' không hợp lệ (chọn một trong: {choices}).") from None
    raw_weights = data.get("weights")
    if raw_weights is None:
        return AggregationRule(kind=kind)
    if not isinstance(raw_weights, Mapping):
        raise ValueError("rule.weights: phải là một đối tượng {yếu tố: trọng số}.")
    weights: dict[Element, Decimal] = {}
    for key, value in raw_weights.items():
        try:
            element = Element(str(key))
        except ValueError:
            raise ValueError(f"rule.weights.{key}: yếu tố không hợp lệ.") from None
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValueError(f"rule.weights.{key}: phải là một số.")
        try:
            weight = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"rule.weights.{key}: phải là một số.") from None
        if not weight.is_finite():
            raise ValueError(f"rule.weights.{key}: phải là một số.")
        weights[element] = weight
    return AggregationRule(kind=kind, weights=weights)


def aggregation_data(rule: AggregationRule) -> dict[str, object]:
    """The rule as JSON-able data; `parse_aggregation(aggregation_data(r)) == r`."""
    data: dict[str, object] = {"kind": rule.kind.value}
    if rule.weights is not None:
        data["weights"] = {element.value: str(rule.weights[element]) for element in Element}
    return data


def _counts(scores: Iterable[int] | Mapping[int, int], element: str) -> dict[int, int]:
    counts = dict.fromkeys(sorted(_SCORES), 0)
    pairs = scores.items() if isinstance(scores, Mapping) else ((score, 1) for score in scores)
    for score, count in pairs:
        if isinstance(score, bool) or score not in _SCORES:
            raise ValueError(f"answers.{element}: điểm {score!r} ngoài thang 1–5.")
        if count < 0:
            raise ValueError(f"answers.{element}: số lượng không được âm.")
        counts[score] += count
    return counts


def _element_index(counts: Mapping[int, int], kind: AggregationKind) -> Decimal:
    total = sum(counts.values())
    if kind is AggregationKind.TOP_2_BOX:
        return _HUNDRED * (counts[4] + counts[5]) / total
    if kind is AggregationKind.TOP_BOX:
        return _HUNDRED * counts[5] / total
    points = sum((score - 1) * count for score, count in counts.items())
    return _HUNDRED * points / (4 * total)


def _round(value: Decimal) -> float:
    return float(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def index(answers: Answers, rule: AggregationRule | None = None) -> SipasResult:
    """Apply `rule` (default: top-2-box, equal weights) to the answers given per element."""
    rule = rule or AggregationRule()
    exact: dict[Element, Decimal] = {}
    answered = 0
    for key, scores in answers.items():
        try:
            element = Element(key)
        except ValueError:
            raise ValueError(f"answers.{key}: yếu tố không hợp lệ.") from None
        counts = _counts(scores, element.value)
        total = sum(counts.values())
        if total:
            exact[element] = _element_index(counts, rule.kind)
            answered += total
    if not exact:
        return SipasResult()
    weights = rule.weights or dict.fromkeys(Element, Decimal(1))
    weight_sum = sum((weights[element] for element in exact), Decimal(0))
    overall = sum((weights[element] * value for element, value in exact.items()), Decimal(0)) / weight_sum
    per_element = {element: _round(exact[element]) for element in Element if element in exact}
    return SipasResult(per_element=per_element, overall=_round(overall), answered=answered)
