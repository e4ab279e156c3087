"""The SIPAS index: worked examples per rule, parsing errors, and properties over any answers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loa.scoring.sipas import (
    DEFAULT_AGGREGATION,
    ELEMENT_LABELS,
    SCALE,
    TEMPLATE,
    AggregationKind,
    AggregationRule,
    Element,
    SipasResult,
    aggregation_data,
    index,
    parse_aggregation,
)

ALL_FIVES = {element.value: [5, 5] for element in Element}


def test_template_covers_the_five_elements_on_the_five_level_scale() -> None:
    assert [label for _, label in SCALE] == [
        "Rất không hài lòng",
        "Không hài lòng",
        "Bình thường",
        "Hài lòng",
        "Rất hài lòng",
    ]
    assert {q.element for q in TEMPLATE} == set(Element) == set(ELEMENT_LABELS)
    assert ELEMENT_LABELS[Element.ACCESS] == "Tiếp cận dịch vụ"


def test_default_rule_is_the_top_2_box_share_with_equal_weights() -> None:
    # given: access 4,5,3,1 → 2/4 = 50 %; procedure 5,5 → 100 %; the rest unanswered
    answers = {"tiep_can": [4, 5, 3, 1], "thu_tuc": [5, 5]}
    # when
    result = index(answers, parse_aggregation(DEFAULT_AGGREGATION))
    # then: overall is the mean over the answered elements
    assert result == SipasResult(
        per_element={Element.ACCESS: 50.0, Element.PROCEDURE: 100.0}, overall=75.0, answered=6
    )


def test_top_box_counts_only_very_satisfied_answers() -> None:
    result = index({"tiep_can": [4, 5, 5], "ket_qua": {4: 2, 5: 0}}, parse_aggregation({"kind": "top_box"}))
    assert result.per_element == {Element.ACCESS: 66.67, Element.RESULT: 0.0}
    assert result.overall == 33.33
    assert result.answered == 5


def test_mean_score_maps_one_to_zero_and_five_to_hundred() -> None:
    rule = parse_aggregation({"kind": "mean_score"})
    # 1,3,5,4 → mean 3.25 → (3.25 − 1) / 4 = 56.25 %
    assert index({"cong_chuc": [1, 3, 5, 4]}, rule).per_element == {Element.OFFICIAL: 56.25}
    assert index({"cong_chuc": [1]}, rule).overall == 0.0
    assert index({"cong_chuc": [5]}, rule).overall == 100.0


def test_weights_give_a_weighted_mean_renormalised_over_answered_elements() -> None:
    weights = {"tiep_can": 1, "thu_tuc": 3, "cong_chuc": 1, "ket_qua": 1, "gop_y": 1}
    rule = parse_aggregation({"kind": "top_2_box", "weights": weights})
    # access 0 %, procedure 100 %: (1 × 0 + 3 × 100) / 4 = 75 %
    assert index({"tiep_can": [1], "thu_tuc": [5]}, rule).overall == 75.0


def test_no_answers_give_zero_and_nothing_answered() -> None:
    assert index({}) == SipasResult(per_element={}, overall=0.0, answered=0)
    assert index({"tiep_can": []}).answered == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "median"}, "rule.kind"),
        ({"kind": "top_box", "extra": 1}, "rule.extra"),
        ({"weights": {"tiep_can": 1}}, "rule.weights"),
        ({"weights": dict.fromkeys([e.value for e in Element], 0)}, "rule.weights.tiep_can"),
        ({"weights": {**dict.fromkeys([e.value for e in Element], 1), "la": 1}}, "rule.weights.la"),
        ({"weights": dict.fromkeys([e.value for e in Element], "x")}, "rule.weights.tiep_can"),
    ],
)
def test_bad_rule_data_is_refused_naming_the_field(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        parse_aggregation(data)


def test_scores_outside_the_scale_are_refused() -> None:
    with pytest.raises(ValueError, match=r"answers\.tiep_can"):
        index({"tiep_can": [6]})
    with pytest.raises(ValueError, match=r"answers\.khac"):
        index({"khac": [5]})


def test_rule_data_round_trips() -> None:
    rule = AggregationRule(AggregationKind.MEAN_SCORE, dict.fromkeys(Element, Decimal("2.5")))
    assert parse_aggregation(aggregation_data(rule)) == rule
    assert parse_aggregation(None) == parse_aggregation({}) == AggregationRule()


scores = st.lists(st.integers(min_value=1, max_value=5), max_size=30)
answer_sets = st.dictionaries(st.sampled_from([e.value for e in Element]), scores)
rules = st.builds(
    AggregationRule,
    st.sampled_from(list(AggregationKind)),
    st.none() | st.fixed_dictionaries({e: st.integers(1, 9).map(Decimal) for e in Element}),
)


@given(answer_sets, rules)
def test_every_index_is_between_0_and_100(answers: dict[str, list[int]], rule: AggregationRule) -> None:
    result = index(answers, rule)
    assert 0.0 <= result.overall <= 100.0
    assert all(0.0 <= value <= 100.0 for value in result.per_element.values())
    assert result.answered == sum(len(v) for v in answers.values())


@given(answer_sets, rules, st.data())
def test_a_more_satisfied_answer_never_lowers_an_index(
    answers: dict[str, list[int]], rule: AggregationRule, data: st.DataObject
) -> None:
    answered = [key for key, values in answers.items() if values]
    if not answered:
        return
    key = data.draw(st.sampled_from(answered))
    position = data.draw(st.integers(0, len(answers[key]) - 1))
    improved = {k: list(v) for k, v in answers.items()}
    improved[key][position] = data.draw(st.integers(improved[key][position], 5))
    before, after = index(answers, rule), index(improved, rule)
    assert after.overall >= before.overall
    assert after.per_element[Element(key)] >= before.per_element[Element(key)]
