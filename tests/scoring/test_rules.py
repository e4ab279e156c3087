"""The PAR communication criterion scored by rules kept as data (DOMAIN.md §4.1)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.plans.choices import Channel
from loa.scoring.rules import (
    CHANNEL_LABELS,
    CHANNELS,
    DEFAULT_RULE,
    KHANH_HOA_BANDED,
    XUAN_LOC_2022,
    Banded,
    Binary,
    Condition,
    Criterion,
    CriterionInputs,
    ProportionalAboveThreshold,
    Rule,
    RuleError,
    RuleSpec,
    SumOfChannels,
    parse_rule,
    rule_data,
    score,
)

FAST = settings(max_examples=150, deadline=None)
XUAN_LOC = parse_rule(XUAN_LOC_2022)
assert isinstance(XUAN_LOC, Criterion)
XUAN_LOC_41, XUAN_LOC_42 = XUAN_LOC.parts
KHANH_HOA = parse_rule(KHANH_HOA_BANDED)


def inputs(done: int, total: int, *channels: str, has_plan: bool = True) -> CriterionInputs:
    return CriterionInputs(
        tasks_total=total, tasks_done=done, channels_used=frozenset(channels), has_plan=has_plan
    )


def proportional(threshold: int | str, points: int | str = 1) -> RuleSpec:
    return parse_rule(
        {"kind": "proportional_above_threshold", "points": points, "threshold_percent": threshold}
    )


# --- the rules as published ----------------------------------------------------------------


def test_the_default_rule_is_xuan_loc_criterion_4_worth_two_points() -> None:
    assert DEFAULT_RULE is XUAN_LOC_2022
    assert XUAN_LOC.max_points == Decimal(2)
    assert XUAN_LOC.label == "4. Thực hiện tuyên truyền về CCHC"
    assert [part.label for part in XUAN_LOC.parts] == [
        "4.1. Mức độ thực hiện kế hoạch tuyên truyền",
        "4.2. Mức độ đa dạng trong tuyên truyền CCHC",
    ]


def test_xuan_loc_4_1_four_goals_of_five_is_under_the_90_percent_threshold() -> None:
    # The guidance's own example says 0.8, but 80 % is under the 90 % it states: the stated rule wins.
    result = score(XUAN_LOC_41, inputs(4, 5))
    assert result.points == Decimal("0.00")
    assert result.explanation == "Hoàn thành 4/5 nhiệm vụ (80,0 %): dưới ngưỡng 90 % → 0 điểm"


def test_the_guidance_example_reading_is_a_threshold_of_zero() -> None:
    result = score(proportional(0), inputs(4, 5))
    assert result.points == Decimal("0.80")
    assert result.explanation == "Hoàn thành 4/5 nhiệm vụ (80,0 %): dưới 100 % → 4/5 × 1 = 0,8 điểm"


@pytest.mark.parametrize(
    ("done", "total", "points", "explanation"),
    [
        (20, 20, "1.00", "Hoàn thành 20/20 nhiệm vụ (100,0 %) → 1 điểm"),
        (
            19,
            20,
            "0.95",
            "Hoàn thành 19/20 nhiệm vụ (95,0 %): từ 90 % đến dưới 100 % → 19/20 × 1 = 0,95 điểm",
        ),
        (18, 20, "0.90", "Hoàn thành 18/20 nhiệm vụ (90,0 %): từ 90 % đến dưới 100 % → 18/20 × 1 = 0,9 điểm"),
        (17, 20, "0.00", "Hoàn thành 17/20 nhiệm vụ (85,0 %): dưới ngưỡng 90 % → 0 điểm"),
        (9, 10, "0.90", "Hoàn thành 9/10 nhiệm vụ (90,0 %): từ 90 % đến dưới 100 % → 9/10 × 1 = 0,9 điểm"),
        (899, 1000, "0.00", "Hoàn thành 899/1000 nhiệm vụ (89,9 %): dưới ngưỡng 90 % → 0 điểm"),
        (0, 3, "0.00", "Hoàn thành 0/3 nhiệm vụ (0,0 %): dưới ngưỡng 90 % → 0 điểm"),
        (0, 0, "0.00", "Chưa có nhiệm vụ → 0 điểm"),
    ],
)
def test_xuan_loc_4_1_plan_completion(done: int, total: int, points: str, explanation: str) -> None:
    result = score(XUAN_LOC_41, inputs(done, total))
    assert result.points == Decimal(points)
    assert result.max_points == Decimal(1)
    assert result.explanation == explanation


def test_a_rate_just_under_a_threshold_never_reads_as_reaching_it() -> None:
    result = score(XUAN_LOC_41, inputs(8999, 10000))
    assert result.points == 0
    assert "(89,9 %)" in result.explanation
    assert "(99,9 %)" in score(XUAN_LOC_41, inputs(9999, 10000)).explanation


def test_proportional_points_round_half_up_to_two_decimals() -> None:
    assert score(proportional(0), inputs(1, 8)).points == Decimal("0.13")  # 0.125
    assert score(proportional(0), inputs(2, 3)).points == Decimal("0.67")
    assert score(proportional(0, "0.5"), inputs(1, 8)).points == Decimal("0.06")  # 0.0625
    assert score(proportional("92.5", 10), inputs(37, 40)).points == Decimal("9.25")


@pytest.mark.parametrize(
    ("channels", "points"),
    [
        ((), "0.00"),
        (("portal", "conference"), "0.75"),
        (("social",), "0.25"),
        (("portal", "social"), "0.25"),  # one group pays once
        (("tv",), "0.25"),
        (("radio", "leaflet", "panel_poster"), "0.50"),
        (("tv", "portal", "conference"), "1.00"),
        (("survey", "hotline", "other"), "0.00"),  # outside every group
    ],
)
def test_xuan_loc_4_2_variety_of_channels(channels: tuple[str, ...], points: str) -> None:
    assert score(XUAN_LOC_42, inputs(0, 0, *channels)).points == Decimal(points)


def test_xuan_loc_4_2_explains_each_group() -> None:
    result = score(XUAN_LOC_42, inputs(0, 0, "portal", "conference"))
    assert result.explanation == (
        "Bảng điện tử, màn hình: không → 0 điểm; "
        "Trang thông tin điện tử, mạng xã hội: có (Cổng/Trang thông tin điện tử) → 0,25 điểm; "
        "Hình thức truyền thống: có (Hội nghị, hội thảo) → 0,5 điểm. Cộng 0,75 điểm"
    )


def test_the_whole_xuan_loc_criterion_sums_its_parts() -> None:
    result = score(XUAN_LOC, inputs(19, 20, "portal", "conference"))
    assert (result.points, result.max_points) == (Decimal("1.70"), Decimal(2))
    assert [part.points for part in result.parts] == [Decimal("0.95"), Decimal("0.75")]
    assert result.label == "4. Thực hiện tuyên truyền về CCHC"
    lines = result.explanation.split("\n")
    assert lines[0] == (
        "4.1. Mức độ thực hiện kế hoạch tuyên truyền: Hoàn thành 19/20 nhiệm vụ (95,0 %): "
        "từ 90 % đến dưới 100 % → 19/20 × 1 = 0,95 điểm"
    )
    assert lines[1].startswith("4.2. Mức độ đa dạng trong tuyên truyền CCHC: Bảng điện tử, màn hình: không")
    assert lines[2] == "Tổng: 1,7/2 điểm"


def test_a_unit_with_no_tasks_still_scores_its_channels() -> None:
    result = score(XUAN_LOC, inputs(0, 0, "radio"))
    assert result.points == Decimal("0.50")
    assert result.parts[0].explanation == "Chưa có nhiệm vụ → 0 điểm"


@pytest.mark.parametrize(
    ("done", "points", "span"),
    [
        (100, "1.00", None),
        (99, "0.80", "từ 90 % đến dưới 100 %"),
        (90, "0.80", "từ 90 % đến dưới 100 %"),
        (89, "0.60", "từ 80 % đến dưới 90 %"),
        (80, "0.60", "từ 80 % đến dưới 90 %"),
        (79, "0.40", "từ 70 % đến dưới 80 %"),
        (70, "0.40", "từ 70 % đến dưới 80 %"),
        (69, "0.00", "dưới 70 %"),
        (0, "0.00", "dưới 70 %"),
    ],
)
def test_khanh_hoa_bands_at_each_boundary(done: int, points: str, span: str | None) -> None:
    result = score(KHANH_HOA, inputs(done, 100))
    assert result.points == Decimal(points)
    completion = f"Hoàn thành {done}/100 nhiệm vụ ({done},0 %)"
    tail = f" → {Decimal(points).normalize():f} điểm".replace(".", ",")
    assert result.explanation == (completion + tail if span is None else f"{completion}: {span}{tail}")


def test_bands_compare_the_rate_exactly() -> None:
    assert score(KHANH_HOA, inputs(8999, 10000)).points == Decimal("0.60")  # 89.99 % is not 90 %
    assert score(KHANH_HOA, inputs(2, 3)).points == Decimal(0)  # 66.7 %
    assert score(KHANH_HOA, inputs(0, 0)).explanation == "Chưa có nhiệm vụ → 0 điểm"


def test_a_top_band_under_100_percent_reads_from_its_rate_up() -> None:
    rule = parse_rule({"kind": "banded", "points": 2, "bands": [{"min_percent": 95, "points": 2}]})
    assert (
        score(rule, inputs(19, 20)).explanation
        == "Hoàn thành 19/20 nhiệm vụ (95,0 %): từ 95 % trở lên → 2 điểm"
    )


@pytest.mark.parametrize(
    ("condition", "given", "points", "explanation"),
    [
        ("has_plan", inputs(0, 0), "0.50", "Có kế hoạch → 0,5 điểm"),
        ("has_plan", inputs(0, 0, has_plan=False), "0.00", "Không có kế hoạch → 0 điểm"),
        ("all_tasks_done", inputs(5, 5), "0.50", "Hoàn thành 5/5 nhiệm vụ (100,0 %) → 0,5 điểm"),
        (
            "all_tasks_done",
            inputs(4, 5),
            "0.00",
            "Hoàn thành 4/5 nhiệm vụ (80,0 %): chưa hoàn thành hết → 0 điểm",
        ),
        ("all_tasks_done", inputs(0, 0), "0.00", "Chưa có nhiệm vụ → 0 điểm"),
        ("any_channel", inputs(0, 0, "radio", "tv"), "0.50", "Đã dùng 2 hình thức tuyên truyền → 0,5 điểm"),
        ("any_channel", inputs(3, 3), "0.00", "Chưa dùng hình thức tuyên truyền nào → 0 điểm"),
    ],
)
def test_binary_rules(condition: str, given: CriterionInputs, points: str, explanation: str) -> None:
    rule = parse_rule({"kind": "binary", "points": "0.5", "condition": condition})
    assert rule == Binary(Decimal("0.5"), Condition(condition))
    result = score(rule, given)
    assert (result.points, result.max_points, result.explanation) == (
        Decimal(points),
        Decimal("0.50"),
        explanation,
    )


def test_channel_groups_are_capped_at_the_rule_points() -> None:
    rule = parse_rule(
        {
            "kind": "sum_of_channels",
            "points": 1,
            "groups": [
                {"label": "Điện tử", "channels": ["portal", "social", "tv"], "points": 0.75},
                {"label": "Truyền thống", "channels": ["radio"], "points": 0.75},
            ],
        }
    )
    result = score(rule, inputs(0, 0, "social", "radio"))
    assert result.points == Decimal("1.00")
    assert result.explanation.endswith(". Cộng 1,5 điểm, tính tối đa 1 điểm")
    assert "Điện tử: có (Mạng xã hội) → 0,75 điểm" in result.explanation


def test_criteria_nest() -> None:
    rule = parse_rule({"kind": "criterion", "label": "Chỉ số", "parts": [XUAN_LOC_2022, KHANH_HOA_BANDED]})
    result = score(rule, inputs(19, 20, "tv"))
    assert (result.points, result.max_points) == (Decimal("2.00"), Decimal(3))  # 0.95 + 0.25 + 0.8
    assert [part.label for part in result.parts] == [
        "4. Thực hiện tuyên truyền về CCHC",
        "Mức độ thực hiện kế hoạch",
    ]


def test_unlabelled_parts_are_numbered_in_the_explanation() -> None:
    rule = parse_rule(
        {"kind": "criterion", "parts": [{"kind": "binary", "points": 1, "condition": "has_plan"}]}
    )
    assert score(rule, inputs(0, 0)).explanation == "Phần 1: Có kế hoạch → 1 điểm\nTổng: 1/1 điểm"


# --- inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "done", "channels", "message"),
    [
        (5, 6, (), "More tasks done than planned: 6/5"),
        (-1, 0, (), "Task counts cannot be negative"),
        (5, -1, (), "Task counts cannot be negative"),
        (5, 5, ("fax", "radio"), "Unknown channels: fax"),
    ],
)
def test_inputs_refuse_impossible_counts_and_unknown_channels(
    total: int, done: int, channels: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        CriterionInputs(tasks_total=total, tasks_done=done, channels_used=frozenset(channels))


def test_the_channel_list_mirrors_the_plans_app_choices() -> None:
    assert set(Channel.values) == CHANNELS
    assert {key: str(label) for key, label in Channel.choices} == dict(CHANNEL_LABELS)


# --- rule data ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [XUAN_LOC_2022, KHANH_HOA_BANDED])
def test_the_published_rules_survive_a_json_round_trip(data: Rule) -> None:
    spec = parse_rule(data)
    assert rule_data(spec) == data
    assert parse_rule(json.loads(json.dumps(rule_data(spec)))) == spec


def test_numbers_may_be_written_as_text_or_decimals() -> None:
    assert (
        proportional("90", "1") == proportional(90, 1) == ProportionalAboveThreshold(Decimal(1), Decimal(90))
    )
    spec = parse_rule(
        {"kind": "binary", "points": Decimal("0.25"), "condition": "has_plan", "label": " Kế hoạch "}
    )
    assert spec == Binary(Decimal("0.25"), Condition.HAS_PLAN, "Kế hoạch")


def sum_of_channels(**group: object) -> dict[str, Any]:
    return {
        "kind": "sum_of_channels",
        "points": 1,
        "groups": [
            {"label": "A", "channels": ["tv"], "points": 0.5},
            {"label": "B", "channels": ["radio"], "points": 0.5, **group},
        ],
    }


BAD_RULES: list[tuple[object, str]] = [
    (
        {"kind": "linear", "points": 1},
        "rule.kind: unknown kind 'linear'; expected one of: proportional_above_threshold, ",
    ),
    ({"points": 1}, "rule.kind: missing"),
    ({"kind": ["banded"]}, r"rule.kind: unknown kind \['banded'\]"),
    ("banded", "rule: must be an object with a 'kind', not str"),
    ({"kind": "proportional_above_threshold", "points": 1}, "rule.threshold_percent: missing"),
    ({"kind": "proportional_above_threshold", "threshold_percent": 90}, "rule.points: missing"),
    (
        {"kind": "proportional_above_threshold", "points": 1, "threshold_percent": 90, "threshhold": 1},
        "rule.threshhold: unknown field; expected: kind, label, points, threshold_percent",
    ),
    (
        {"kind": "proportional_above_threshold", "points": "abc", "threshold_percent": 90},
        "rule.points: must be a number, not 'abc'",
    ),
    (
        {"kind": "proportional_above_threshold", "points": True, "threshold_percent": 90},
        "rule.points: must be a number, not bool",
    ),
    (
        {"kind": "proportional_above_threshold", "points": "NaN", "threshold_percent": 90},
        "rule.points: must be a finite number",
    ),
    (
        {"kind": "proportional_above_threshold", "points": 0, "threshold_percent": 90},
        "rule.points: must be more than 0",
    ),
    (
        {"kind": "proportional_above_threshold", "points": -1, "threshold_percent": 90},
        "rule.points: must be more than 0",
    ),
    (
        {"kind": "proportional_above_threshold", "points": 1001, "threshold_percent": 90},
        "rule.points: .* at most 1000",
    ),
    (
        {"kind": "proportional_above_threshold", "points": 0.125, "threshold_percent": 90},
        "rule.points: at most 2 decimals",
    ),
    (
        {"kind": "proportional_above_threshold", "points": 1, "threshold_percent": 120},
        "rule.threshold_percent: must be a percentage from 0 to 100",
    ),
    (
        {"kind": "proportional_above_threshold", "points": 1, "threshold_percent": 90, "label": 4},
        "rule.label: must be text, not int",
    ),
    ({"kind": "banded", "points": 1, "bands": []}, "rule.bands: must not be empty"),
    ({"kind": "banded", "points": 1, "bands": {"min_percent": 90}}, "rule.bands: must be a list, not dict"),
    ({"kind": "banded", "points": 1, "bands": [{"min_percent": 90}]}, r"rule.bands\[0\].points: missing"),
    ({"kind": "banded", "points": 1, "bands": [90]}, r"rule.bands\[0\]: must be an object, not int"),
    (
        {
            "kind": "banded",
            "points": 1,
            "bands": [{"min_percent": 80, "points": 0.6}, {"min_percent": 90, "points": 0.8}],
        },
        r"rule.bands\[1\].min_percent: bands must go from the highest rate down",
    ),
    (
        {
            "kind": "banded",
            "points": 1,
            "bands": [{"min_percent": 90, "points": 0.6}, {"min_percent": 80, "points": 0.8}],
        },
        r"rule.bands\[1\].points: a lower rate cannot earn more points",
    ),
    (
        {"kind": "banded", "points": 1, "bands": [{"min_percent": 90, "points": 2}]},
        r"rule.bands\[0\].points: 2 is more than",
    ),
    (
        {"kind": "binary", "points": 1, "condition": "has_budget"},
        "rule.condition: unknown condition 'has_budget'; expected one of: has_plan, ",
    ),
    ({"kind": "binary", "points": 1, "condition": ["has_plan"]}, "rule.condition: unknown condition"),
    ({"kind": "sum_of_channels", "points": 1, "groups": []}, "rule.groups: must not be empty"),
    (
        sum_of_channels(channels=["radio", "fax"]),
        r"rule.groups\[1\].channels\[1\]: unknown channel 'fax'; expected one of: radio, ",
    ),
    (sum_of_channels(channels=[]), r"rule.groups\[1\].channels: at least one channel is needed"),
    (sum_of_channels(channels=["radio", "radio"]), r"rule.groups\[1\].channels: a channel is listed twice"),
    (sum_of_channels(channels=[1]), r"rule.groups\[1\].channels\[0\]: must be a channel name"),
    (sum_of_channels(label=" "), r"rule.groups\[1\].label: must not be empty"),
    (sum_of_channels(points=-0.5), r"rule.groups\[1\].points: must be at least 0"),
    (sum_of_channels(colour="red"), r"rule.groups\[1\].colour: unknown field"),
    ({"kind": "criterion", "parts": []}, "rule.parts: must not be empty"),
    (
        {"kind": "criterion", "points": 2, "parts": [KHANH_HOA_BANDED]},
        "rule.points: unknown field; expected: kind, label, parts",
    ),
    (
        {"kind": "criterion", "parts": [XUAN_LOC_2022, sum_of_channels(channels=["fax"])]},
        r"rule.parts\[1\].groups\[1\].channels\[0\]: unknown channel 'fax'",
    ),
    (
        {
            "kind": "criterion",
            "parts": [{"kind": "criterion", "parts": [{"kind": "criterion", "parts": [XUAN_LOC_2022]}]}],
        },
        r"rule.parts\[0\].parts\[0\].parts\[0\].parts: criteria nest at most 4 deep",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_RULES)
def test_parse_rule_names_the_bad_field(data: Any, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rule(data)


def test_a_rule_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        parse_rule({"kind": "banded-ish"})


def test_specs_built_in_code_check_themselves() -> None:
    with pytest.raises(ValueError, match="threshold_percent: must be a percentage"):
        ProportionalAboveThreshold(Decimal(1), Decimal(-5))
    with pytest.raises(ValueError, match="parts: at least one part is needed"):
        Criterion(())
    with pytest.raises(ValueError, match="bands: at least one band is needed"):
        Banded(Decimal(1), ())
    with pytest.raises(ValueError, match="groups: at least one group is needed"):
        SumOfChannels(Decimal(1), ())


# --- properties --------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=400).flatmap(
    lambda total: st.tuples(st.just(total), st.integers(min_value=0, max_value=total))
)
channel_sets = st.frozensets(st.sampled_from(sorted(CHANNELS)))
point_values = st.integers(min_value=1, max_value=1000).map(lambda cents: Decimal(cents) / 100)
percents = st.integers(min_value=0, max_value=1000).map(lambda tenths: Decimal(tenths) / 10)


@st.composite
def banded_rules(draw: st.DrawFn) -> RuleSpec:
    points = draw(point_values)
    rates = sorted(draw(st.sets(percents, min_size=1, max_size=6)), reverse=True)
    pays = sorted((draw(st.integers(min_value=0, max_value=int(points * 100))) for _ in rates), reverse=True)
    bands = [
        {"min_percent": str(r), "points": str(Decimal(p) / 100)} for r, p in zip(rates, pays, strict=True)
    ]
    return parse_rule({"kind": "banded", "points": str(points), "bands": bands})


@st.composite
def proportional_rules(draw: st.DrawFn) -> RuleSpec:
    return proportional(str(draw(percents)), str(draw(point_values)))


@st.composite
def channel_rules(draw: st.DrawFn) -> RuleSpec:
    groups = [
        {
            "label": f"G{i}",
            "channels": sorted(draw(st.frozensets(st.sampled_from(sorted(CHANNELS)), min_size=1))),
            "points": str(draw(point_values)),
        }
        for i in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    return parse_rule({"kind": "sum_of_channels", "points": str(draw(point_values)), "groups": groups})


@st.composite
def binary_rules(draw: st.DrawFn) -> RuleSpec:
    return Binary(draw(point_values), draw(st.sampled_from(Condition)))


leaf_rules = st.one_of(banded_rules(), proportional_rules(), channel_rules(), binary_rules())
rules = st.one_of(
    leaf_rules,
    st.just(XUAN_LOC),
    st.just(KHANH_HOA),
    st.lists(leaf_rules, min_size=1, max_size=4).map(lambda parts: Criterion(tuple(parts))),
)


@FAST
@given(rules, counts, channel_sets, st.booleans())
def test_points_stay_between_zero_and_the_maximum(
    rule: RuleSpec, count: tuple[int, int], channels: frozenset[str], has_plan: bool
) -> None:
    total, done = count
    result = score(rule, CriterionInputs(total, done, channels, has_plan))
    assert Decimal(0) <= result.points <= result.max_points
    assert result.points == result.points.quantize(Decimal("0.01"))
    assert result.max_points == rule.max_points
    assert result.explanation


@FAST
@given(st.one_of(banded_rules(), proportional_rules(), st.just(KHANH_HOA), st.just(XUAN_LOC_41)), counts)
def test_more_tasks_done_never_scores_less(rule: RuleSpec, count: tuple[int, int]) -> None:
    total, done = count
    scores = [score(rule, inputs(d, total)).points for d in range(max(done - 3, 0), min(done + 3, total) + 1)]
    assert scores == sorted(scores)


@FAST
@given(channel_rules(), channel_sets, channel_sets)
def test_more_channels_never_score_less(rule: RuleSpec, some: frozenset[str], more: frozenset[str]) -> None:
    assert score(rule, inputs(0, 0, *some)).points <= score(rule, inputs(0, 0, *(some | more))).points


@FAST
@given(rules)
def test_rule_data_round_trips_through_json(rule: RuleSpec) -> None:
    assert parse_rule(json.loads(json.dumps(rule_data(rule)))) == rule
