"""Server-side SVG charts for the dashboards: no JavaScript, no inline styles.

Pages run under a strict Content-Security-Policy and must be light on cheap phones, so a chart
is a plain SVG string styled only through the classes in ``web/static/web/charts.css``:
``loa-series-0`` … ``loa-series-7`` (cycled) for bar fills, ``loa-axis``, ``loa-grid``,
``loa-label``, ``loa-value`` and ``loa-legend``.

Rules a caller can rely on:
- The output is deterministic: the same arguments give the same string.
- Every text is XML-escaped, and characters XML cannot hold are dropped, so any label is safe
  to put into a page unescaped (mark it safe in the template).
- The root is ``role="img"`` labelled by its ``<title>`` and a ``<desc>`` that states every
  figure in words, so screen readers get the data and not only the picture.
- Element ids come from a hash of the arguments: two different charts on one page never share
  ids; give two identical charts on one page different ``index`` values.
- Negative, NaN and infinite values count as 0. No data, or only zeros, shows "Chưa có số liệu".
- The SVG has ``width="100%"`` and no height, so it scales to its container.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

__all__ = [
    "EMPTY_TEXT",
    "PALETTE_SIZE",
    "Series",
    "bar_chart",
    "format_number",
    "hbar_chart",
    "nice_ticks",
]

EMPTY_TEXT = "Chưa có số liệu"
"""Shown instead of bars when there is nothing to draw."""

PALETTE_SIZE = 8
"""Series colours defined in charts.css; series beyond this reuse them in order."""

MIN_WIDTH = 200
MIN_HEIGHT = 120

_FONT_SIZE = 13
# Average advance of Noto Sans / Arial text, used to size label columns and shorten labels.
_CHAR_WIDTH = 0.6 * _FONT_SIZE
# Offset that puts the middle of a digit on a given y without dominant-baseline (patchy support).
_BASELINE_SHIFT = 0.35 * _FONT_SIZE
_PAD = 8
_GAP = 6
_HBAR_LABEL_CHARS = 28
_HBAR_ROW = 28
_HBAR_BAR = 18
_LEGEND_SWATCH = 12
# Values are capped so sums of a stack stay finite; no dashboard figure comes near it.
_MAX_VALUE = 1e300
# Below this a maximum is treated as 0: smaller ticks would underflow to equal floats.
_MIN_TICK_MAXIMUM = 1e-300
_TICK_MANTISSAS = (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5))
_XML_INVALID_RE = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Series:
    """One named row of figures, one value per category (use 0, not None, for a gap)."""

    name: str
    values: Sequence[float]
    palette: int | None = None  # a fixed colour (loa-series-N), e.g. red-orange for "missed"


def nice_ticks(maximum: float, count: int = 5, *, decimals: int | None = None) -> list[float]:
    """Axis ticks from 0 up to at least `maximum`, in equal steps of 1, 2, 2.5 or 5 × 10^n.

    The step is the smallest one that needs at most `count` intervals, so there are between
    ``count // 2 + 2`` and ``count + 1`` ticks. With `decimals`, only steps that are whole
    multiples of 10^-decimals qualify, so every tick prints exactly with that many decimals
    (``decimals=0`` for counts: no 2,5 tasks); there may then be fewer ticks. A maximum that is 0,
    negative, below 1e-300 or not finite gives ``[0, 1]``.
    """
    if count < 1:
        raise ValueError("count must be at least 1.")
    if not math.isfinite(maximum) or maximum < _MIN_TICK_MAXIMUM:
        return [0.0, 1.0]
    # Exact rational arithmetic: float division would turn 0.3 / 0.1 into 2.999… or 3.000…1.
    target = Fraction(maximum)
    exponent = math.floor(math.log10(maximum / count)) - 1
    if decimals is not None:
        exponent = max(exponent, -decimals - 1)
    while True:
        for mantissa in _TICK_MANTISSAS:
            step = mantissa * Fraction(10) ** exponent
            if decimals is not None and (step * 10**decimals).denominator != 1:
                continue
            intervals = math.ceil(target / step)
            if intervals <= count:
                try:
                    return [float(step * i) for i in range(intervals + 1)]
                except OverflowError:
                    return [0.0, maximum]
        exponent += 1


def format_number(value: float) -> str:
    """Vietnamese number: "." between thousands, decimal comma, at most one decimal.

    1234567 → "1.234.567", 12.5 → "12,5", 12.0 → "12", 0.25 → "0,3" (half rounds up),
    -1500 → "-1.500". NaN and infinities give "–".
    """
    if isinstance(value, int):
        exact = Decimal(value)
    else:
        number = float(value)
        if not math.isfinite(number):
            return "–"
        exact = Decimal(repr(number))  # the shortest repr, so 12.25 is 12.25 and not 12.2499…
    with localcontext(prec=400):
        rounded = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "0"
    whole, _, decimals = f"{abs(rounded):f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    if decimals.strip("0"):
        text += "," + decimals
    return "-" + text if rounded < 0 else text


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    value_label: str = "",
    stacked: bool = False,
    width: int = 640,
    height: int = 260,
    index: int = 0,
) -> str:
    """Vertical bars per category, the series side by side (grouped) or on top of each other.

    `value_label` names the unit of the y axis ("Số nhiệm vụ"). Every series must have one value
    per category. A legend appears when there is more than one series. Stacks start with the
    first series at the bottom. Values that fit are printed above the bars (stack totals when
    stacked); all of them are in the `<desc>` and in the hover title of each category.
    """
    _check_size(width, height)
    labels = [_clean_text(category) for category in categories]
    rows = [(_clean_text(one.name), [_clean_value(value) for value in one.values]) for one in series]
    for name, values in rows:
        if len(values) != len(labels):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(labels)} categories.")
    caption = _clean_text(title)
    unit = _clean_text(value_label)
    palettes = [one.palette for one in series]
    chart_id = _chart_id("bar", caption, unit, labels, rows, palettes, stacked, width, height, index)
    totals = [sum(values[i] for _, values in rows) for i in range(len(labels))]
    if not any(totals):
        return _empty_chart("bar", chart_id, caption, width, height)

    summaries = [_category_summary(labels[i], rows, i, stacked) for i in range(len(labels))]
    svg = _open_svg("bar", chart_id, caption, _desc(unit, summaries), width, height)

    top = float(_PAD)
    if len(rows) > 1:
        legend, legend_height = _legend(
            [name for name, _ in rows], left=_PAD, top=top, right=width - _PAD, series=series
        )
        svg += legend
        top += legend_height
    if unit:
        svg.append(_text(unit, x=_PAD, y=top + _FONT_SIZE, css="loa-label"))
        top += _FONT_SIZE + _GAP
    # Room above the plot for the top tick label and the value printed over the tallest bar.
    plot_top = top + _FONT_SIZE + _GAP
    plot_bottom = height - _PAD - _FONT_SIZE - _GAP
    if plot_bottom - plot_top < 20:
        plot_top = plot_bottom - 20

    highest = max(totals) if stacked else max(max(values) for _, values in rows)
    # Ticks print exactly: whole numbers for counts, one decimal (as format_number shows) otherwise.
    is_whole = all(value.is_integer() for _, values in rows for value in values)
    ticks = nice_ticks(highest, decimals=0 if is_whole else 1)
    tick_texts = [format_number(tick) for tick in ticks]
    # Capped so absurdly long figures overflow the left edge rather than leave no room for bars.
    plot_left = min(_PAD + max(_text_width(text) for text in tick_texts) + _GAP, width / 3)
    plot_right = width - _PAD
    scale = (plot_bottom - plot_top) / ticks[-1]

    for tick, tick_text in zip(ticks, tick_texts, strict=True):
        y = plot_bottom - tick * scale
        if tick:
            svg.append(_line(plot_left, y, plot_right, y, css="loa-grid"))
        svg.append(_text(tick_text, x=plot_left - _GAP, y=y + _BASELINE_SHIFT, css="loa-label", anchor="end"))

    band = (plot_right - plot_left) / len(labels)
    group_width = band * 0.7
    label_chars = int(band // _CHAR_WIDTH)
    for i, label in enumerate(labels):
        group_left = plot_left + band * i + (band - group_width) / 2
        middle = plot_left + band * (i + 0.5)
        svg.append('<g class="loa-bar">')
        svg.append(f"<title>{_escape(summaries[i])}</title>")
        if stacked:
            y = plot_bottom
            for j, (_, values) in enumerate(rows):
                bar_height = values[i] * scale
                y -= bar_height
                svg.append(_rect(group_left, y, group_width, bar_height, css=_series_class(j, series)))
            total_text = format_number(totals[i])
            if totals[i] and _text_width(total_text) <= band:
                svg.append(_text(total_text, x=middle, y=y - 4, css="loa-value", anchor="middle"))
        else:
            slot = group_width / len(rows)
            bar_width = slot * 0.9 if len(rows) > 1 else slot
            for j, (_, values) in enumerate(rows):
                bar_height = values[i] * scale
                left = group_left + slot * j + (slot - bar_width) / 2
                svg.append(
                    _rect(left, plot_bottom - bar_height, bar_width, bar_height, css=_series_class(j, series))
                )
                value_text = format_number(values[i])
                if values[i] and _text_width(value_text) <= slot:
                    svg.append(
                        _text(
                            value_text,
                            x=left + bar_width / 2,
                            y=plot_bottom - bar_height - 4,
                            css="loa-value",
                            anchor="middle",
                        )
                    )
        svg.append(
            _text(
                _shorten(label, label_chars),
                x=middle,
                y=plot_bottom + _FONT_SIZE + _GAP / 2,
                css="loa-label",
                anchor="middle",
            )
        )
        svg.append("</g>")

    svg.append(_line(plot_left, plot_top, plot_left, plot_bottom, css="loa-axis"))
    svg.append(_line(plot_left, plot_bottom, plot_right, plot_bottom, css="loa-axis"))
    svg.append("</svg>")
    return "".join(svg)


def hbar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    value_label: str = "",
    width: int = 640,
    max_value: float | None = None,
    percent: bool = False,
    index: int = 0,
) -> str:
    """Horizontal bars, one row per item: label on the left, value printed at the end of the bar.

    Bars are proportional to the larger of `max_value` and the largest value; `max_value`
    defaults to 100 with `percent` (values shown as "87,5 %") and to the largest value otherwise.
    Labels longer than 28 characters (fewer on a narrow chart) are shortened with "…"; the full
    label and the value are in the hover title of each row and in the `<desc>`. The height
    follows the number of rows.
    """
    _check_size(width, MIN_HEIGHT)
    rows = [(_clean_text(label), _clean_value(value)) for label, value in items]
    caption = _clean_text(title)
    unit = _clean_text(value_label)
    chart_id = _chart_id("hbar", caption, unit, rows, width, max_value, percent, index)
    largest = max((value for _, value in rows), default=0.0)
    if not largest:
        return _empty_chart("hbar", chart_id, caption, width, 2 * _PAD + 3 * _FONT_SIZE)

    value_texts = [_format_value(value, percent=percent) for _, value in rows]
    summaries = [f"{label}: {text}" for (label, _), text in zip(rows, value_texts, strict=True)]
    top = _PAD + (_FONT_SIZE + _GAP if unit else 0)
    height = top + len(rows) * _HBAR_ROW + _PAD
    svg = _open_svg("hbar", chart_id, caption, _desc(unit, summaries), width, height)

    label_chars = max(4, min(_HBAR_LABEL_CHARS, int((width * 0.45 - _PAD) // _CHAR_WIDTH)))
    shown = [_shorten(label, label_chars) for label, _ in rows]
    bar_left = _PAD + max(_text_width(text) for text in shown) + _GAP
    value_room = max(_text_width(text) for text in value_texts) + _GAP
    bar_room = max(width - _PAD - value_room - bar_left, 20.0)
    scale_max = (100.0 if percent else largest) if max_value is None else _clean_value(max_value)
    scale = bar_room / max(scale_max, largest)

    if unit:
        svg.append(_text(unit, x=bar_left, y=_PAD + _FONT_SIZE, css="loa-label"))
    for i, ((_, value), text) in enumerate(zip(rows, value_texts, strict=True)):
        middle = top + _HBAR_ROW * (i + 0.5)
        bar_width = value * scale
        svg.append('<g class="loa-bar">')
        svg.append(f"<title>{_escape(summaries[i])}</title>")
        svg.append(_text(shown[i], x=_PAD, y=middle + _BASELINE_SHIFT, css="loa-label"))
        svg.append(_rect(bar_left, middle - _HBAR_BAR / 2, bar_width, _HBAR_BAR, css=_series_class(0)))
        svg.append(_text(text, x=bar_left + bar_width + _GAP, y=middle + _BASELINE_SHIFT, css="loa-value"))
        svg.append("</g>")
    svg.append(_line(bar_left, top, bar_left, top + len(rows) * _HBAR_ROW, css="loa-axis"))
    svg.append("</svg>")
    return "".join(svg)


def _check_size(width: int, height: int) -> None:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ValueError(f"A chart needs at least {MIN_WIDTH}×{MIN_HEIGHT} units, not {width}×{height}.")


def _clean_value(value: float) -> float:
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        return 0.0
    return min(number, _MAX_VALUE)


def _clean_text(text: str) -> str:
    """NFC text on one line, without the characters XML 1.0 cannot hold (controls, surrogates)."""
    return " ".join(_XML_INVALID_RE.sub("", unicodedata.normalize("NFC", text)).split())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"
    return text[: limit - 1].rstrip() + "…"


def _text_width(text: str) -> float:
    return len(text) * _CHAR_WIDTH


def _format_value(value: float, *, percent: bool) -> str:
    return f"{format_number(value)} %" if percent else format_number(value)


def _num(value: float) -> str:
    """A coordinate with at most two decimals, so output is short and stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _chart_id(*parts: object) -> str:
    digest = hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return f"loa-chart-{digest}"


def _series_class(position: int, series: Sequence[Series] = ()) -> str:
    if position < len(series) and series[position].palette is not None:
        position = series[position].palette or 0
    return f"loa-series-{position % PALETTE_SIZE}"


def _category_summary(label: str, rows: list[tuple[str, list[float]]], i: int, stacked: bool) -> str:
    figures = ", ".join(
        f"{name} {format_number(values[i])}" if name else format_number(values[i]) for name, values in rows
    )
    if stacked and len(rows) > 1:
        figures += f" (tổng {format_number(sum(values[i] for _, values in rows))})"
    return f"{label}: {figures}"


def _desc(unit: str, summaries: list[str]) -> str:
    return (f"{unit}. " if unit else "") + "; ".join(summaries) + "."


def _open_svg(kind: str, chart_id: str, title: str, desc: str, width: int, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="loa-chart loa-chart-{kind}"'
        f' viewBox="0 0 {width} {_num(height)}" width="100%" font-size="{_FONT_SIZE}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{_escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{_escape(desc)}</desc>',
    ]


def _empty_chart(kind: str, chart_id: str, title: str, width: int, height: float) -> str:
    svg = _open_svg(kind, chart_id, title, EMPTY_TEXT + ".", width, height)
    svg.append(
        _text(
            EMPTY_TEXT,
            x=width / 2,
            y=height / 2 + _BASELINE_SHIFT,
            css="loa-label loa-empty",
            anchor="middle",
        )
    )
    svg.append("</svg>")
    return "".join(svg)


def _legend(
    names: list[str], *, left: float, top: float, right: float, series: Sequence[Series] = ()
) -> tuple[list[str], float]:
    """Swatch and name per series, wrapped into rows; returns the elements and the height used."""
    row_height = _FONT_SIZE + _GAP + 2
    name_chars = max(4, int((right - left - _LEGEND_SWATCH - _GAP) // _CHAR_WIDTH))
    parts = ['<g class="loa-key">']
    x, y = left, top
    for j, name in enumerate(names):
        shown = _shorten(name, name_chars)
        item_width = _LEGEND_SWATCH + _GAP + _text_width(shown) + 2 * _GAP
        if x > left and x + item_width > right:
            x, y = left, y + row_height
        swatch_top = y + (_FONT_SIZE - _LEGEND_SWATCH) / 2 + 1
        parts.append(_rect(x, swatch_top, _LEGEND_SWATCH, _LEGEND_SWATCH, css=_series_class(j, series)))
        parts.append(_text(shown, x=x + _LEGEND_SWATCH + _GAP, y=y + _FONT_SIZE - 1, css="loa-legend"))
        x += item_width
    parts.append("</g>")
    return parts, y - top + row_height


def _text(content: str, *, x: float, y: float, css: str, anchor: str = "start") -> str:
    anchor_attribute = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{css}" x="{_num(x)}" y="{_num(y)}"{anchor_attribute}>{_escape(content)}</text>'


def _rect(x: float, y: float, width: float, height: float, *, css: str) -> str:
    return f'<rect class="{css}" x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}"/>'


def _line(x1: float, y1: float, x2: float, y2: float, *, css: str) -> str:
    return f'<line class="{css}" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"/>'
