"""Score the PAR communication criterion (tuyên truyền CCHC) with a rule kept as data.

Provinces score the criterion differently, so a rule is JSON-able data (`Rule`), stored as a
unit's setting and read by `parse_rule` into typed specs; `score` applies a spec to what a
unit did in the year (`CriterionInputs`). Rule kinds (DOMAIN.md §4.1):

- ``proportional_above_threshold``: all tasks done → full points; from ``threshold_percent``
  to under 100 % → done ÷ total × points; below it → 0.
- ``banded``: the points of the highest band whose ``min_percent`` the completion rate
  reaches; below every band → 0.
- ``binary``: full points when ``condition`` holds (``has_plan``, ``all_tasks_done`` or
  ``any_channel``), else 0.
- ``sum_of_channels``: each group of channels earns its points when any of its channels was
  used; the total is capped at ``points``.
- ``criterion``: the sum of its ``parts``, each a rule (nested at most MAX_DEPTH deep).

Rules a caller can rely on:
- Points are Decimals rounded to 2 decimals (ROUND_HALF_UP) part by part, so a criterion's
  total is the sum of the figures it shows. They are never negative nor above max_points.
- Completion-rate thresholds are compared exactly (done × 100 ≥ threshold × total); rates are
  shown rounded down to 0.1 % so a rate just under a threshold never reads as reaching it.
- No tasks (tasks_total 0) scores 0 with "Chưa có nhiệm vụ", never a division by zero.
- Explanations are Vietnamese sentences for reports; parse errors are ValueErrors that name
  the bad field by its path, e.g. "rule.parts[1].groups[0].points: …".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from loa.text.plan_import.channels import CHANNEL_LABELS

__all__ = [
    "CHANNELS",
    "CHANNEL_LABELS",
    "DEFAULT_RULE",
    "KHANH_HOA_BANDED",
    "MAX_DEPTH",
    "XUAN_LOC_2022",
    "Band",
    "Banded",
    "Binary",
    "ChannelGroup",
    "Condition",
    "Criterion",
    "CriterionInputs",
    "Kind",
    "ProportionalAboveThreshold",
    "Rule",
    "RuleError",
    "RuleSpec",
    "ScoreResult",
    "SumOfChannels",
    "parse_rule",
    "rule_data",
    "score",
]

type Rule = dict[str, object]
"""A rule as stored: JSON-able data, read by `parse_rule`."""

MAX_DEPTH = 4
"""How deep criteria may nest; a real criterion has parts that are plain rules."""

MAX_POINTS = Decimal(1000)
"""No criterion weighs more; larger figures are typing mistakes."""

# The closed list of channels and their names, from the importer's vocabulary.
CHANNELS = frozenset(CHANNEL_LABELS)

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


class Kind(StrEnum):
    PROPORTIONAL_ABOVE_THRESHOLD = "proportional_above_threshold"
    BANDED = "banded"
    BINARY = "binary"
    SUM_OF_CHANNELS = "sum_of_channels"
    CRITERION = "criterion"


class Condition(StrEnum):
    """What a binary rule checks."""

    HAS_PLAN = "has_plan"  # the unit issued its communication plan
    ALL_TASKS_DONE = "all_tasks_done"  # every task of the plan done (on time or late)
    ANY_CHANNEL = "any_channel"  # at least one channel used


@dataclass(frozen=True)
class CriterionInputs:
    """What a unit did in the scored year."""

    tasks_total: int
    tasks_done: int  # done on time or late
    channels_used: frozenset[str] = frozenset()
    has_plan: bool = True

    def __post_init__(self) -> None:
        if self.tasks_total < 0 or self.tasks_done < 0:
            raise ValueError(f"Task counts cannot be negative: {self.tasks_done}/{self.tasks_total}.")
        if self.tasks_done > self.tasks_total:
            raise ValueError(f"More tasks done than planned: {self.tasks_done}/{self.tasks_total}.")
        unknown = sorted(self.channels_used - CHANNELS)
        if unknown:
            raise ValueError(f"Unknown channels: {', '.join(unknown)}.")


@dataclass(frozen=True)
class ProportionalAboveThreshold:
    points: Decimal
    threshold_percent: Decimal
    label: str = ""

    def __post_init__(self) -> None:
        _check_points("points", self.points, positive=True)
        _check_percent("threshold_percent", self.threshold_percent)

    @property
    def max_points(self) -> Decimal:
        return self.points


@dataclass(frozen=True)
class Band:
    min_percent: Decimal
    points: Decimal


@dataclass(frozen=True)
class Banded:
    """Bands are kept highest first; a lower band never pays more than a higher one."""

    points: Decimal
    bands: tuple[Band, ...]
    label: str = ""

    def __post_init__(self) -> None:
        _check_points("points", self.points, positive=True)
        if not self.bands:
            raise ValueError("bands: at least one band is needed.")
        for i, band in enumerate(self.bands):
            _check_percent(f"bands[{i}].min_percent", band.min_percent)
            _check_points(f"bands[{i}].points", band.points)
            if band.points > self.points:
                raise ValueError(f"bands[{i}].points: {band.points} is more than the rule's {self.points}.")
        for i, (higher, lower) in enumerate(zip(self.bands, self.bands[1:], strict=False), start=1):
            if lower.min_percent >= higher.min_percent:
                raise ValueError(f"bands[{i}].min_percent: bands must go from the highest rate down.")
            if lower.points > higher.points:
                raise ValueError(f"bands[{i}].points: a lower rate cannot earn more points.")

    @property
    def max_points(self) -> Decimal:
        return self.points


@dataclass(frozen=True)
class Binary:
    points: Decimal
    condition: Condition
    label: str = ""

    def __post_init__(self) -> None:
        _check_points("points", self.points, positive=True)

    @property
    def max_points(self) -> Decimal:
        return self.points


@dataclass(frozen=True)
class ChannelGroup:
    label: str
    channels: tuple[str, ...]
    points: Decimal


@dataclass(frozen=True)
class SumOfChannels:
    points: Decimal
    groups: tuple[ChannelGroup, ...]
    label: str = ""

    def __post_init__(self) -> None:
        _check_points("points", self.points, positive=True)
        if not self.groups:
            raise ValueError("groups: at least one group is needed.")
        for i, group in enumerate(self.groups):
            if not group.label.strip():
                raise ValueError(f"groups[{i}].label: must not be empty.")
            _check_points(f"groups[{i}].points", group.points)
            if not group.channels:
                raise ValueError(f"groups[{i}].channels: at least one channel is needed.")
            for j, channel in enumerate(group.channels):
                if channel not in CHANNELS:
                    raise ValueError(
                        f"groups[{i}].channels[{j}]: unknown channel {channel!r}; "
                        f"expected one of: {', '.join(CHANNEL_LABELS)}."
                    )
            if len(set(group.channels)) != len(group.channels):
                raise ValueError(f"groups[{i}].channels: a channel is listed twice.")

    @property
    def max_points(self) -> Decimal:
        return self.points


@dataclass(frozen=True)
class Criterion:
    """A criterion worth the sum of its parts."""

    parts: tuple[RuleSpec, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if not self.parts:
            raise ValueError("parts: at least one part is needed.")

    @property
    def max_points(self) -> Decimal:
        return sum((part.max_points for part in self.parts), Decimal(0))


type RuleSpec = ProportionalAboveThreshold | Banded | Binary | SumOfChannels | Criterion


class RuleError(ValueError):
    """Rule data that cannot be read; the message starts with the bad field's path."""


@dataclass(frozen=True)
class ScoreResult:
    points: Decimal  # 2 decimals, 0 ≤ points ≤ max_points
    max_points: Decimal
    explanation: str  # Vietnamese, for reports; a criterion's has one line per part and a total
    label: str = ""
    parts: tuple[ScoreResult, ...] = ()


# --- scoring ---------------------------------------------------------------------------------


def score(rule: RuleSpec, inputs: CriterionInputs) -> ScoreResult:
    """Score what a unit did under `rule`; see the module docstring for each kind."""
    match rule:
        case Criterion():
            parts = tuple(score(part, inputs) for part in rule.parts)
            total = sum((part.points for part in parts), Decimal(0))
            maximum = sum((part.max_points for part in parts), Decimal(0))
            lines = [
                f"{part.label or f'Phần {i}'}: {part.explanation}" for i, part in enumerate(parts, start=1)
            ]
            lines.append(f"Tổng: {_num(total)}/{_num(maximum)} điểm")
            return ScoreResult(total, maximum, "\n".join(lines), rule.label, parts)
        case ProportionalAboveThreshold():
            points, text = _proportional(rule, inputs)
        case Banded():
            points, text = _banded(rule, inputs)
        case Binary():
            points, text = _binary(rule, inputs)
        case SumOfChannels():
            points, text = _sum_of_channels(rule, inputs)
    return ScoreResult(_round(points), _round(rule.max_points), text, rule.label)


def _proportional(rule: ProportionalAboveThreshold, inputs: CriterionInputs) -> tuple[Decimal, str]:
    done, total = inputs.tasks_done, inputs.tasks_total
    if total == 0:
        return Decimal(0), _NO_TASKS
    if done == total:
        return rule.points, f"{_completion(done, total)} → {_num(rule.points)} điểm"
    if not _reaches(done, total, rule.threshold_percent):
        return Decimal(0), f"{_completion(done, total)}: dưới ngưỡng {_pct(rule.threshold_percent)} → 0 điểm"
    points = _round(rule.points * done / total)
    span = f"từ {_pct(rule.threshold_percent)} đến dưới 100 %" if rule.threshold_percent else "dưới 100 %"
    formula = f"{done}/{total} × {_num(rule.points)} = {_num(points)} điểm"
    return points, f"{_completion(done, total)}: {span} → {formula}"


def _banded(rule: Banded, inputs: CriterionInputs) -> tuple[Decimal, str]:
    done, total = inputs.tasks_done, inputs.tasks_total
    if total == 0:
        return Decimal(0), _NO_TASKS
    for i, band in enumerate(rule.bands):
        if _reaches(done, total, band.min_percent):
            if band.min_percent == _HUNDRED:
                return band.points, f"{_completion(done, total)} → {_num(band.points)} điểm"
            if i == 0:
                span = f"từ {_pct(band.min_percent)} trở lên"
            else:
                span = f"từ {_pct(band.min_percent)} đến dưới {_pct(rule.bands[i - 1].min_percent)}"
            return band.points, f"{_completion(done, total)}: {span} → {_num(band.points)} điểm"
    lowest = rule.bands[-1].min_percent
    return Decimal(0), f"{_completion(done, total)}: dưới {_pct(lowest)} → 0 điểm"


def _binary(rule: Binary, inputs: CriterionInputs) -> tuple[Decimal, str]:
    full = f"{_num(rule.points)} điểm"
    match rule.condition:
        case Condition.HAS_PLAN:
            if inputs.has_plan:
                return rule.points, f"Có kế hoạch → {full}"
            return Decimal(0), "Không có kế hoạch → 0 điểm"
        case Condition.ALL_TASKS_DONE:
            done, total = inputs.tasks_done, inputs.tasks_total
            if total == 0:
                return Decimal(0), _NO_TASKS
            if done == total:
                return rule.points, f"{_completion(done, total)} → {full}"
            return Decimal(0), f"{_completion(done, total)}: chưa hoàn thành hết → 0 điểm"
        case Condition.ANY_CHANNEL:
            if inputs.channels_used:
                return rule.points, f"Đã dùng {len(inputs.channels_used)} hình thức tuyên truyền → {full}"
            return Decimal(0), "Chưa dùng hình thức tuyên truyền nào → 0 điểm"


def _sum_of_channels(rule: SumOfChannels, inputs: CriterionInputs) -> tuple[Decimal, str]:
    total = Decimal(0)
    lines = []
    for group in rule.groups:
        used = [CHANNEL_LABELS[c] for c in group.channels if c in inputs.channels_used]
        if used:
            total += group.points
            lines.append(f"{group.label}: có ({', '.join(used)}) → {_num(group.points)} điểm")
        else:
            lines.append(f"{group.label}: không → 0 điểm")
    if total > rule.points:
        summary = f"Cộng {_num(total)} điểm, tính tối đa {_num(rule.points)} điểm"
        total = rule.points
    else:
        summary = f"Cộng {_num(total)} điểm"
    return total, "; ".join(lines) + ". " + summary


_NO_TASKS = "Chưa có nhiệm vụ → 0 điểm"


def _reaches(done: int, total: int, percent: Decimal) -> bool:
    return done * _HUNDRED >= percent * total


def _round(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _num(value: Decimal) -> str:
    """A figure as Vietnamese write it: decimal comma, no trailing zeros ("0,95", "1")."""
    return format(value.normalize(), "f").replace(".", ",")


def _pct(value: Decimal) -> str:
    return f"{_num(value)} %"


def _completion(done: int, total: int) -> str:
    rate = (Decimal(done) * _HUNDRED / total).quantize(_TENTH, rounding=ROUND_DOWN)
    return f"Hoàn thành {done}/{total} nhiệm vụ ({format(rate, 'f').replace('.', ',')} %)"


def _check_points(field: str, value: Decimal, *, positive: bool = False) -> None:
    if not value.is_finite() or value < 0 or (positive and value == 0) or value > MAX_POINTS:
        bounds = "more than 0" if positive else "at least 0"
        raise ValueError(f"{field}: must be {bounds} and at most {MAX_POINTS}, not {value}.")
    if value != value.quantize(_CENT, rounding=ROUND_DOWN):
        raise ValueError(f"{field}: at most 2 decimals, not {value}.")


def _check_percent(field: str, value: Decimal) -> None:
    if not value.is_finite() or not 0 <= value <= _HUNDRED:
        raise ValueError(f"{field}: must be a percentage from 0 to 100, not {value}.")


# --- reading and writing rule data -------------------------------------------------------------

_FIELDS = {
    Kind.PROPORTIONAL_ABOVE_THRESHOLD: {"kind", "label", "points", "threshold_percent"},
    Kind.BANDED: {"kind", "label", "points", "bands"},
    Kind.BINARY: {"kind", "label", "points", "condition"},
    Kind.SUM_OF_CHANNELS: {"kind", "label", "points", "groups"},
    Kind.CRITERION: {"kind", "label", "parts"},
}


def parse_rule(data: Mapping[str, object], *, path: str = "rule") -> RuleSpec:
    """Read rule data into a spec; a RuleError (a ValueError) names the bad field by its path.

    Unknown kinds, missing or unknown fields, wrong types, points below 0 or above
    MAX_POINTS or with more than 2 decimals, percentages outside 0–100, unknown channels
    and bands that pay more for a lower rate are all refused.
    """
    return _parse(data, path, depth=1)


def _parse(data: object, path: str, *, depth: int) -> RuleSpec:
    if not isinstance(data, Mapping):
        raise RuleError(f"{path}: must be an object with a 'kind', not {type(data).__name__}.")
    raw_kind = _get(data, "kind", path)
    try:
        kind = Kind(raw_kind) if isinstance(raw_kind, str) else None
    except ValueError:
        kind = None
    if kind is None:
        raise RuleError(f"{path}.kind: unknown kind {raw_kind!r}; expected one of: {', '.join(Kind)}.")
    _no_extra(data, _FIELDS[kind], path)
    label = _text(data, "label", path, required=False)
    try:
        match kind:
            case Kind.CRITERION:
                if depth >= MAX_DEPTH:
                    raise RuleError(f"{path}.parts: criteria nest at most {MAX_DEPTH} deep.")
                parts = _list(data, "parts", path)
                return Criterion(
                    tuple(
                        _parse(part, f"{path}.parts[{i}]", depth=depth + 1) for i, part in enumerate(parts)
                    ),
                    label,
                )
            case Kind.PROPORTIONAL_ABOVE_THRESHOLD:
                return ProportionalAboveThreshold(
                    _number(data, "points", path), _number(data, "threshold_percent", path), label
                )
            case Kind.BANDED:
                bands = []
                for i, item in enumerate(_list(data, "bands", path)):
                    where = f"{path}.bands[{i}]"
                    band = _mapping(item, where)
                    _no_extra(band, {"min_percent", "points"}, where)
                    bands.append(Band(_number(band, "min_percent", where), _number(band, "points", where)))
                return Banded(_number(data, "points", path), tuple(bands), label)
            case Kind.BINARY:
                raw = _get(data, "condition", path)
                if not isinstance(raw, str) or raw not in {c.value for c in Condition}:
                    choices = ", ".join(Condition)
                    raise RuleError(
                        f"{path}.condition: unknown condition {raw!r}; expected one of: {choices}."
                    )
                return Binary(_number(data, "points", path), Condition(raw), label)
            case Kind.SUM_OF_CHANNELS:
                groups = []
                for i, item in enumerate(_list(data, "groups", path)):
                    where = f"{path}.groups[{i}]"
                    group = _mapping(item, where)
                    _no_extra(group, {"label", "channels", "points"}, where)
                    channels = _list(group, "channels", where, empty_ok=True)
                    for j, channel in enumerate(channels):
                        if not isinstance(channel, str):
                            raise RuleError(f"{where}.channels[{j}]: must be a channel name.")
                    groups.append(
                        ChannelGroup(
                            _text(group, "label", where),
                            tuple(str(c) for c in channels),
                            _number(group, "points", where),
                        )
                    )
                return SumOfChannels(_number(data, "points", path), tuple(groups), label)
    except RuleError:
        raise
    except ValueError as exc:  # a spec's own check, naming the field relative to the spec
        raise RuleError(f"{path}.{exc}") from None


def rule_data(rule: RuleSpec) -> Rule:
    """The JSON-able data of a spec; `parse_rule(rule_data(spec)) == spec`."""
    data: Rule
    match rule:
        case Criterion():
            data = {"kind": Kind.CRITERION.value, "parts": [rule_data(part) for part in rule.parts]}
        case ProportionalAboveThreshold():
            data = {
                "kind": Kind.PROPORTIONAL_ABOVE_THRESHOLD.value,
                "points": _json(rule.points),
                "threshold_percent": _json(rule.threshold_percent),
            }
        case Banded():
            data = {
                "kind": Kind.BANDED.value,
                "points": _json(rule.points),
                "bands": [
                    {"min_percent": _json(band.min_percent), "points": _json(band.points)}
                    for band in rule.bands
                ],
            }
        case Binary():
            data = {
                "kind": Kind.BINARY.value,
                "points": _json(rule.points),
                "condition": rule.condition.value,
            }
        case SumOfChannels():
            data = {
                "kind": Kind.SUM_OF_CHANNELS.value,
                "points": _json(rule.points),
                "groups": [
                    {"label": group.label, "channels": list(group.channels), "points": _json(group.points)}
                    for group in rule.groups
                ],
            }
    if rule.label:
        data["label"] = rule.label
    return data


def _json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _get(data: Mapping[str, object], key: str, path: str) -> object:
    if key not in data:
        raise RuleError(f"{path}.{key}: missing.")
    return data[key]


def _no_extra(data: Mapping[str, object], allowed: set[str], path: str) -> None:
    extra = sorted(str(key) for key in data if key not in allowed)
    if extra:
        raise RuleError(f"{path}.{extra[0]}: unknown field; expected: {', '.join(sorted(allowed))}.")


def _mapping(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise RuleError(f"{path}: must be an object, not {type(value).__name__}.")
    return value


def _list(data: Mapping[str, object], key: str, path: str, *, empty_ok: bool = False) -> Sequence[object]:
    value = _get(data, key, path)
    if not isinstance(value, list | tuple):
        raise RuleError(f"{path}.{key}: must be a list, not {type(value).__name__}.")
    if not value and not empty_ok:
        raise RuleError(f"{path}.{key}: must not be empty.")
    return value


def _text(data: Mapping[str, object], key: str, path: str, *, required: bool = True) -> str:
    if key not in data and not required:
        return ""
    value = _get(data, key, path)
    if not isinstance(value, str):
        raise RuleError(f"{path}.{key}: must be text, not {type(value).__name__}.")
    return value.strip()


def _number(data: Mapping[str, object], key: str, path: str) -> Decimal:
    value = _get(data, key, path)
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise RuleError(f"{path}.{key}: must be a number, not {type(value).__name__}.")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        raise RuleError(f"{path}.{key}: must be a number, not {value!r}.") from None
    if not number.is_finite():
        raise RuleError(f"{path}.{key}: must be a finite number, not {value!r}.")
    return number


# --- the rules seen in real guidance -----------------------------------------------------------

# UBND huyện Xuân Lộc (Đồng Nai), 2022 guidance on the commune PAR index, criterion 4
# "Thực hiện tuyên truyền về CCHC", 2 points (DOMAIN.md §4.1):
# http://xuanloc.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=10902&CatId=101
# - 4.1 follows the stated bands (100 % → 1; 90 % to under 100 % → done ÷ total × 1; under
#   90 % → 0). The guidance's own example, 4 of 5 goals → 0.8, contradicts its 90 % threshold;
#   a province that means the example sets threshold_percent to 0.
# - 4.2 names media, our Channel list names channels, so these groups are an assumption to edit
#   per province, not the guidance's words:
#   · "bảng điện tử, màn hình" has no channel of its own; "tv" is the nearest screen medium.
#     A unit that logs its LED board as "panel_poster" or "other" earns nothing here unless
#     the rule is edited.
#   · website or social media → "portal", "social".
#   · traditional channels → every channel that informs people face to face, on paper or by
#     loudspeaker. Left out: "survey" (it measures, it does not inform), "hotline" (a feedback
#     line) and "other" (unknown).
XUAN_LOC_2022: Rule = {
    "kind": "criterion",
    "label": "4. Thực hiện tuyên truyền về CCHC",
    "parts": [
        {
            "kind": "proportional_above_threshold",
            "label": "4.1. Mức độ thực hiện kế hoạch tuyên truyền",
            "points": 1,
            "threshold_percent": 90,
        },
        {
            "kind": "sum_of_channels",
            "label": "4.2. Mức độ đa dạng trong tuyên truyền CCHC",
            "points": 1,
            "groups": [
                {"label": "Bảng điện tử, màn hình", "channels": ["tv"], "points": 0.25},
                {
                    "label": "Trang thông tin điện tử, mạng xã hội",
                    "channels": ["portal", "social"],
                    "points": 0.25,
                },
                {
                    "label": "Hình thức truyền thống",
                    "channels": [
                        "conference",
                        "training",
                        "leaflet",
                        "panel_poster",
                        "radio",
                        "mobile_loudspeaker",
                        "newspaper",
                        "contest",
                        "dialogue",
                        "public_listing",
                        "meeting_integration",
                    ],
                    "points": 0.5,
                },
            ],
        },
    ],
}

# Plan-completion criterion of a 2026 commune tracker scoring Khánh Hòa's NQ 57 work (a public
# GitHub repository; DOMAIN.md §4.1): 100 % → full points; 90 % to under 100 % → 8/10;
# 80–90 % → 6/10; 70–80 % → 4/10; under 70 % → 0. The source gives shares of the full points,
# so the criterion weighs 1 point here; scale every figure for another weight. Its partial
# credit for "có tổ chức nhưng không có kế hoạch" is left out: without a plan there are no
# tasks to count, and the source does not say how much it gives.
KHANH_HOA_BANDED: Rule = {
    "kind": "banded",
    "label": "Mức độ thực hiện kế hoạch",
    "points": 1,
    "bands": [
        {"min_percent": 100, "points": 1},
        {"min_percent": 90, "points": 0.8},
        {"min_percent": 80, "points": 0.6},
        {"min_percent": 70, "points": 0.4},
    ],
}

DEFAULT_RULE: Rule = XUAN_LOC_2022
