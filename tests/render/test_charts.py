"""SVG charts: geometry read back from the parsed SVG, escaping, accessibility, tick and number rules."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.render.charts import EMPTY_TEXT, Series, bar_chart, format_number, hbar_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"
FAST = settings(max_examples=60, deadline=None)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def bar_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "loa-bar" in classes(g)]


def bars(group: ET.Element) -> list[ET.Element]:
    return [
        rect for rect in group.iter(f"{SVG}rect") if any(c.startswith("loa-series-") for c in classes(rect))
    ]


def all_bars(root: ET.Element) -> list[ET.Element]:
    return [rect for group in bar_groups(root) for rect in bars(group)]


def geometry(rect: ET.Element) -> tuple[float, float, float, float]:
    x, y, width, height = (float(rect.get(name, "nan")) for name in ("x", "y", "width", "height"))
    return x, y, width, height


def texts(root: ET.Element, css: str) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text") if css in classes(el)]


def child_text(element: ET.Element, tag: str) -> str:
    child = element.find(f"{SVG}{tag}")
    assert child is not None
    return child.text or ""


def ids(root: ET.Element) -> set[str]:
    return {el.get("id", "") for el in root.iter() if el.get("id")}


# bar_chart geometry


def test_bar_heights_are_proportional_to_values() -> None:
    root = parse(bar_chart(["T1", "T2", "T3"], [Series("Hoạt động", [2, 4, 8])], title="Hoạt động"))

    heights = [geometry(rect)[3] for rect in all_bars(root)]

    assert len(heights) == 3
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.02)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.02)


def test_bars_stand_on_one_baseline() -> None:
    root = parse(bar_chart(["T1", "T2"], [Series("A", [3, 7]), Series("B", [5, 1])], title="Nhiệm vụ"))

    bottoms = {round(y + height, 1) for _, y, _, height in map(geometry, all_bars(root))}

    assert len(bottoms) == 1


def test_grouped_bars_sit_side_by_side_without_overlap() -> None:
    series = [
        Series("Hoàn thành", [3, 5, 2, 9]),
        Series("Chậm", [1, 0, 4, 2]),
        Series("Quá hạn", [2, 2, 2, 2]),
    ]
    root = parse(bar_chart(["T1", "T2", "T3", "T4"], series, title="Nhiệm vụ"))

    groups = [sorted(map(geometry, bars(group))) for group in bar_groups(root)]
    ordered = [rect for group in groups for rect in group]

    assert [len(group) for group in groups] == [3, 3, 3, 3]
    for (x1, _, w1, _), (x2, _, _, _) in itertools.pairwise(ordered):
        assert x1 + w1 < x2
    first = [geometry(rect)[3] for rect in bars(bar_groups(root)[0])]
    assert first[0] == pytest.approx(3 * first[1], abs=0.02)  # each bar is its own value, not stacked


def test_stacked_segments_sum_to_the_total_height() -> None:
    series = [Series("Hoàn thành", [3, 5, 0]), Series("Chậm", [1, 0, 2]), Series("Quá hạn", [4, 1, 1])]
    root = parse(bar_chart(["T1", "T2", "T3"], series, title="Nhiệm vụ", stacked=True))

    stacks = [list(map(geometry, bars(group))) for group in bar_groups(root)]
    totals = [sum(height for *_, height in stack) for stack in stacks]

    assert totals[1] == pytest.approx(totals[0] * 6 / 8, abs=0.05)
    assert totals[2] == pytest.approx(totals[0] * 3 / 8, abs=0.05)
    for stack in stacks:
        assert len({x for x, *_ in stack}) == 1  # one column per category
        for (_, lower_y, _, _), (_, upper_y, _, upper_height) in itertools.pairwise(stack):
            assert upper_y + upper_height == pytest.approx(lower_y, abs=0.02)  # each segment sits on the last
    assert texts(root, "loa-value") == ["8", "6", "3"]


def test_grid_lines_and_tick_labels_follow_nice_ticks() -> None:
    root = parse(bar_chart(["Q1", "Q2"], [Series("Lượt", [1234, 600])], title="Lượt tiếp cận"))

    grid = [line for line in root.iter(f"{SVG}line") if "loa-grid" in classes(line)]
    labels = [text for text in texts(root, "loa-label") if text not in {"Q1", "Q2"}]
    tallest = max(geometry(rect)[3] for rect in all_bars(root))
    top_grid_y = min(float(line.get("y1", "nan")) for line in grid)
    baseline_y = max(y + height for _, y, _, height in map(geometry, all_bars(root)))

    assert labels == ["0", "250", "500", "750", "1.000", "1.250"]
    assert len(grid) == 5  # the axis itself stands for 0
    assert tallest == pytest.approx((baseline_y - top_grid_y) * 1234 / 1250, abs=0.02)


def test_counts_get_whole_number_ticks() -> None:
    root = parse(bar_chart(["T1", "T2"], [Series("Nhiệm vụ", [12, 3])], title="Nhiệm vụ"))

    assert [text for text in texts(root, "loa-label") if text not in {"T1", "T2"}] == ["0", "5", "10", "15"]


# text, escaping, accessibility


def test_labels_are_escaped_and_the_svg_still_parses() -> None:
    svg = bar_chart(
        ["<b>&", "T2"],
        [Series('Kênh "A" & <i>', [1, 2]), Series("B", [2, 1])],
        title="</title><script>alert(1)</script>",
        value_label="a < b",
    )
    root = parse(svg)

    assert "<b>" not in svg
    assert "<script>" not in svg
    assert "&lt;b&gt;&amp;" in svg
    assert "<b>&" in texts(root, "loa-label")
    assert 'Kênh "A" & <i>' in texts(root, "loa-legend")
    assert child_text(root, "title") == "</title><script>alert(1)</script>"
    assert not list(root.iter(f"{SVG}script"))


def test_characters_xml_cannot_hold_are_dropped() -> None:
    root = parse(hbar_chart([("Xã\x00 A\x1b\ud800", 3.0)], title="Tiêu\x0c đề"))

    assert texts(root, "loa-label") == ["Xã A"]


def test_desc_states_every_figure_in_words() -> None:
    series = [Series("Hoàn thành", [3, 5]), Series("Chậm", [1, 0])]
    root = parse(bar_chart(["T1", "T2"], series, title="Nhiệm vụ", value_label="Số nhiệm vụ"))

    assert child_text(root, "desc") == "Số nhiệm vụ. T1: Hoàn thành 3, Chậm 1; T2: Hoàn thành 5, Chậm 0."
    assert child_text(bar_groups(root)[0], "title") == "T1: Hoàn thành 3, Chậm 1"


def test_stacked_desc_gives_totals() -> None:
    series = [Series("Hoàn thành", [3]), Series("Chậm", [1.25])]
    root = parse(bar_chart(["T1"], series, title="Nhiệm vụ", stacked=True))

    assert child_text(root, "desc") == "T1: Hoàn thành 3, Chậm 1,3 (tổng 4,3)."


def test_root_is_a_labelled_scalable_image() -> None:
    root = parse(hbar_chart([("Zalo", 4.0)], title="Theo kênh", width=480))

    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 480 ")
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert [el.get("id") for el in root if el.tag in {f"{SVG}title", f"{SVG}desc"}] == [title_id, desc_id]


def test_no_script_no_inline_style_and_colours_only_from_classes() -> None:
    series = [Series(f"S{i}", [i + 1, 1]) for i in range(10)]
    root = parse(bar_chart(["T1", "T2"], series, title="Mười dãy"))

    for element in root.iter():
        assert element.tag not in {f"{SVG}script", f"{SVG}style"}
        assert not {"style", "fill", "stroke"} & set(element.attrib)
        assert not any(name.startswith("on") for name in element.attrib)
    series_classes = [next(iter(classes(rect))) for rect in bars(bar_groups(root)[0])]
    assert series_classes == [f"loa-series-{i % 8}" for i in range(10)]


def test_legend_only_when_there_are_several_series() -> None:
    one = parse(bar_chart(["T1"], [Series("Hoàn thành", [3])], title="Một dãy"))
    two = parse(bar_chart(["T1"], [Series("Hoàn thành", [3]), Series("Chậm", [1])], title="Hai dãy"))

    assert texts(one, "loa-legend") == []
    assert texts(two, "loa-legend") == ["Hoàn thành", "Chậm"]


def test_long_category_labels_are_shortened_and_kept_whole_in_the_hover_title() -> None:
    name = "Trung tâm Văn hóa - Thể thao và Truyền thanh"
    root = parse(bar_chart([name, *(f"Kênh {i}" for i in range(7))], [Series("Tin", [1] * 8)], title="Kênh"))

    shown = texts(root, "loa-label")
    hover = bar_groups(root)[0].find(f"{SVG}title")

    assert any(text.endswith("…") and name.startswith(text[:-1]) for text in shown)
    assert name not in shown
    assert hover is not None
    assert hover.text == f"{name}: Tin 1"


# ids and determinism


def test_ids_are_unique_across_two_charts_and_output_is_deterministic() -> None:
    first = bar_chart(["T1"], [Series("A", [1])], title="Một")
    second = hbar_chart([("A", 1.0)], title="Hai")
    twin = bar_chart(["T1"], [Series("A", [1])], title="Một", index=1)

    assert ids(parse(first)).isdisjoint(ids(parse(second)))
    assert ids(parse(first)).isdisjoint(ids(parse(twin)))
    assert bar_chart(["T1"], [Series("A", [1])], title="Một") == first


# empty and invalid data


@pytest.mark.parametrize(
    "svg",
    [
        bar_chart([], [], title="Trống"),
        bar_chart(["T1", "T2"], [], title="Không có dãy"),
        bar_chart(["T1", "T2"], [Series("A", [0, 0]), Series("B", [0, -3])], title="Toàn số 0"),
        hbar_chart([], title="Trống"),
        hbar_chart([("Xã A", 0.0), ("Xã B", math.nan)], title="Toàn số 0", percent=True),
    ],
    ids=["bar-no-categories", "bar-no-series", "bar-zeros", "hbar-no-items", "hbar-zeros"],
)
def test_empty_data_shows_a_notice_and_no_bars(svg: str) -> None:
    root = parse(svg)

    assert EMPTY_TEXT in texts(root, "loa-label")
    assert not list(root.iter(f"{SVG}rect"))
    assert child_text(root, "desc") == f"{EMPTY_TEXT}."


def test_negative_nan_and_infinite_values_count_as_zero() -> None:
    values = [-5.0, math.nan, math.inf, -math.inf, 4.0]
    root = parse(bar_chart(list("ABCDE"), [Series("A", values)], title="Bẩn"))

    heights = [geometry(rect)[3] for rect in all_bars(root)]

    assert heights[:4] == [0, 0, 0, 0]
    assert heights[4] > 0
    assert child_text(root, "desc") == "A: A 0; B: A 0; C: A 0; D: A 0; E: A 4."


def test_series_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        bar_chart(["T1", "T2", "T3"], [Series("A", [1, 2])], title="Sai")


def test_a_chart_too_small_to_draw_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        bar_chart(["T1"], [Series("A", [1])], title="Nhỏ", width=100)


@FAST
@given(
    labels=st.lists(st.text(max_size=40), min_size=0, max_size=14),
    data=st.data(),
    stacked=st.booleans(),
)
def test_any_input_gives_a_parsable_chart_with_bars_inside_the_view(
    labels: list[str], data: st.DataObject, stacked: bool
) -> None:
    values = st.floats(allow_nan=True, allow_infinity=True, width=64)
    series = [
        Series(
            data.draw(st.text(max_size=20)),
            data.draw(st.lists(values, min_size=len(labels), max_size=len(labels))),
        )
        for _ in range(data.draw(st.integers(0, 4)))
    ]

    svg = bar_chart(labels, series, title=data.draw(st.text(max_size=30)), stacked=stacked)
    root = parse(svg)

    _, _, width, height = map(float, root.get("viewBox", "").split())
    for x, y, w, h in map(geometry, all_bars(root)):
        assert x >= 0
        assert x + w <= width + 0.01
        assert y >= 0
        assert y + h <= height + 0.01
        assert w >= 0
        assert h >= 0
    assert bar_chart(labels, series, title=child_text(root, "title"), stacked=stacked) == svg


# hbar_chart


def test_hbar_widths_are_proportional_and_values_printed_at_the_bar_end() -> None:
    root = parse(
        hbar_chart([("Loa truyền thanh", 10.0), ("Zalo", 5.0), ("Hội nghị", 2.5)], title="Theo kênh")
    )

    rects = list(map(geometry, all_bars(root)))
    value_elements = [el for el in root.iter(f"{SVG}text") if "loa-value" in classes(el)]

    assert rects[1][2] == pytest.approx(rects[0][2] / 2, abs=0.02)
    assert rects[2][2] == pytest.approx(rects[0][2] / 4, abs=0.02)
    assert len({x for x, *_ in rects}) == 1  # all bars start at the axis
    assert [el.text for el in value_elements] == ["10", "5", "2,5"]
    for (x, _, width, _), element in zip(rects, value_elements, strict=True):
        assert float(element.get("x", "nan")) > x + width


def test_hbar_percent_scales_to_100_and_formats_values() -> None:
    items = [("Xã A", 50.0), ("Xã B", 87.5)]
    default = parse(hbar_chart(items, title="Tỷ lệ", percent=True))
    to_fifty = parse(hbar_chart(items, title="Tỷ lệ", percent=True, max_value=87.5))

    assert texts(default, "loa-value") == ["50 %", "87,5 %"]
    assert geometry(all_bars(to_fifty)[1])[2] == pytest.approx(
        geometry(all_bars(default)[1])[2] * 100 / 87.5, abs=0.02
    )
    assert child_text(default, "desc") == "Xã A: 50 %; Xã B: 87,5 %."


def test_hbar_values_above_max_value_keep_bars_proportional() -> None:
    root = parse(hbar_chart([("A", 20.0), ("B", 10.0)], title="Vượt", max_value=10))

    first, second = (geometry(rect)[2] for rect in all_bars(root))

    assert first == pytest.approx(2 * second, abs=0.02)


def test_hbar_long_labels_are_shortened_and_kept_whole_in_the_hover_title() -> None:
    name = "Đài Truyền thanh - Truyền hình huyện Hướng Hóa (cũ)"
    root = parse(hbar_chart([(name, 7.0), ("Zalo", 3.0)], title="Theo kênh"))

    shown = texts(root, "loa-label")[0]
    hover = bar_groups(root)[0].find(f"{SVG}title")

    assert len(shown) <= 28
    assert shown.endswith("…")
    assert name.startswith(shown[:-1])
    assert hover is not None
    assert hover.text == f"{name}: 7"


# nice_ticks


@given(maximum=st.floats(min_value=0, max_value=1e15), count=st.integers(min_value=1, max_value=12))
def test_nice_ticks_cover_the_maximum_in_equal_nice_steps(maximum: float, count: int) -> None:
    ticks = nice_ticks(maximum, count)

    steps = [b - a for a, b in itertools.pairwise(ticks)]
    assert ticks[0] == 0
    assert all(step > 0 for step in steps)
    assert ticks[-1] >= maximum
    assert all(step == pytest.approx(steps[0], rel=1e-9) for step in steps)
    mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]))
    assert any(mantissa == pytest.approx(nice, rel=1e-9) for nice in (1, 2, 2.5, 5, 10))
    if maximum >= 1e-300:
        assert count // 2 + 2 <= len(ticks) <= count + 1


@given(
    maximum=st.floats(min_value=0, max_value=1e12),
    count=st.integers(min_value=1, max_value=12),
    decimals=st.integers(min_value=0, max_value=2),
)
def test_nice_ticks_with_decimals_print_exactly(maximum: float, count: int, decimals: int) -> None:
    ticks = nice_ticks(maximum, count, decimals=decimals)

    scaled = [tick * 10**decimals for tick in ticks]
    assert all(value == pytest.approx(round(value), abs=1e-6 * max(1.0, value)) for value in scaled)
    assert ticks[-1] >= maximum
    assert 2 <= len(ticks) <= count + 1


@pytest.mark.parametrize(
    ("maximum", "count", "expected"),
    [
        (5, 5, [0, 1, 2, 3, 4, 5]),
        (7, 5, [0, 2, 4, 6, 8]),
        (100, 5, [0, 20, 40, 60, 80, 100]),
        (87.5, 5, [0, 20, 40, 60, 80, 100]),
        (1234, 5, [0, 250, 500, 750, 1000, 1250]),
        (0.3, 3, [0, 0.1, 0.2, 0.3]),
        (0.1 + 0.2, 3, [0, 0.2, 0.4]),  # 0.30000000000000004 is above 0.3
    ],
)
def test_nice_ticks_examples(maximum: float, count: int, expected: list[float]) -> None:
    assert nice_ticks(maximum, count) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("maximum", "decimals", "expected"),
    [
        (12, 0, [0, 5, 10, 15]),  # not 2,5 tasks
        (12, 1, [0, 2.5, 5, 7.5, 10, 12.5]),  # 2,5 prints exactly with one decimal
        (1.1, 1, [0, 0.5, 1, 1.5]),  # not 0,25, which would print as "0,3"
        (0.3, 0, [0, 1]),
        (1234, 0, [0, 250, 500, 750, 1000, 1250]),
    ],
)
def test_nice_ticks_with_decimals_examples(maximum: float, decimals: int, expected: list[float]) -> None:
    assert nice_ticks(maximum, decimals=decimals) == pytest.approx(expected)


@pytest.mark.parametrize("maximum", [0, -3, math.nan, math.inf, -math.inf])
def test_nice_ticks_of_nothing_is_zero_to_one(maximum: float) -> None:
    assert nice_ticks(maximum) == [0, 1]


def test_nice_ticks_needs_at_least_one_interval() -> None:
    with pytest.raises(ValueError, match="count"):
        nice_ticks(10, 0)


# format_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567, "1.234.567"),
        (12.5, "12,5"),
        (12.0, "12"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234.56, "1.234,6"),
        (0.25, "0,3"),
        (12.25, "12,3"),
        (999.96, "1.000"),
        (-1500, "-1.500"),
        (-0.04, "0"),
        (1e20, "100.000.000.000.000.000.000"),
        (math.nan, "–"),
        (math.inf, "–"),
    ],
)
def test_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


@given(st.floats(min_value=-1e12, max_value=1e12))
def test_format_number_reads_back_within_rounding(value: float) -> None:
    text = format_number(value)

    assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d)?", text)
    assert float(text.replace(".", "").replace(",", ".")) == pytest.approx(
        value, abs=0.05 + 1e-9 * abs(value)
    )


def test_a_series_can_keep_its_own_colour_in_bars_and_legend() -> None:
    svg = bar_chart(
        ["T1"],
        [Series("Hoàn thành", [2]), Series("Không thực hiện", [1], palette=3)],
        title="Trạng thái",
        stacked=True,
    )
    root = ET.fromstring(svg)
    classes = [el.get("class") for el in root.iter() if el.get("class", "").startswith("loa-series-")]
    assert "loa-series-3" in classes
    assert "loa-series-1" not in classes
    assert classes.count("loa-series-3") == 2  # its bar and its legend swatch
