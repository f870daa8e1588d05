"""Server-rendered SVG charts, shared by pages and (later) PDF reports.

Charts are plain SVG markup built from numbers: no JavaScript, no inline
styles (the Content-Security-Policy forbids them), colours as presentation
attributes, and a text alternative for screen readers. Dates and numbers on
the axes are written in the reader's formats (klean/formats).

A measurement series is a list of ``(date, value)`` pairs in date order; the
baseline is one more pair, where the line starts.
"""

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from klean.formats import format_number

Reading = tuple[date, Decimal]

MEASURED = "#1d4f7c"
BASELINE = "#5b6673"
TARGET = "#2e7d4f"
GRID = "#dde3ea"
TEXT = "#3d4752"


def _join(parts) -> str:
    return format_html_join("", "{}", ((part,) for part in parts))


def _ticks(low: Decimal, high: Decimal, count: int = 4) -> list[Decimal]:
    """Round values from below ``low`` to above ``high``, about ``count`` steps apart
    (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    if high == low:
        low, high = low - 1, high + 1
    rough = (high - low) / count
    magnitude = Decimal(1).scaleb(rough.adjusted())
    step = next(
        factor * magnitude
        for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if factor * magnitude >= rough
    )
    first = (low / step).to_integral_value(ROUND_FLOOR) * step
    last = (high / step).to_integral_value(ROUND_CEILING) * step
    return [first + i * step for i in range(int((last - first) / step) + 1)]


def _readings(
    measurements: Sequence[Reading], baseline: Reading
) -> list[tuple[date, Decimal, bool]]:
    """The baseline and the measurements in date order, the baseline flagged."""
    readings = [(baseline[0], baseline[1], True)]
    readings += [(day, value, False) for day, value in measurements]
    return sorted(readings, key=lambda reading: (reading[0], not reading[2]))


def _x_scale(days: list[date], left: float, right: float):
    """Positions in time: one day alone is at the left, where a series starts."""
    first, span = days[0], (days[-1] - days[0]).days
    if span == 0:
        return lambda day: left
    return lambda day: left + (day - first).days / span * (right - left)


def _y_scale(low: Decimal, high: Decimal, top: float, bottom: float):
    span = (high - low) or 1
    return lambda value: bottom - float((Decimal(value) - low) / span) * (bottom - top)


# --- The trend chart on a goal's page ----------------------------------------------

HEIGHT = 260
# Room above the plot for the upper line's label, below it for the lower
# line's label and then the dates.
PLOT_TOP, PLOT_BOTTOM = 30, HEIGHT - 52
LEFT, RIGHT = 1.0, 99.0  # per cent of the width: the dots at the ends stay whole
HALO = 'stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'


def trend(
    measurements: Sequence[Reading],
    *,
    baseline: Reading,
    target: Decimal,
    label: str,
    baseline_label: str,
    target_label: str,
) -> str:
    """A line chart of a goal's measurements from its baseline, with the target.

    As wide as its container and ``HEIGHT`` pixels high: positions along the
    width are percentages, so the text keeps its size on a phone and on a
    projector alike (a viewBox would scale it). The value axis' numbers sit
    to the left of the chart, in the margin that ``.chart--trend`` keeps in
    klean.css; the date axis names the first and the last date.

    ``label`` is the text alternative (what the chart says, in words);
    ``baseline_label`` and ``target_label`` name the two lines ("Target 30 days").
    """
    readings = _readings(measurements, baseline)
    values = [value for _day, value, _is_baseline in readings]
    ticks = _ticks(min([*values, target]), max([*values, target]))
    y = _y_scale(ticks[0], ticks[-1], PLOT_TOP, PLOT_BOTTOM)
    days = sorted({day for day, _value, _is_baseline in readings})
    x = _x_scale(days, LEFT, RIGHT)

    def percent(day) -> str:
        return f"{x(day):.2f}%"

    parts = []
    for tick in ticks:
        parts.append(
            format_html(
                '<line class="chart__grid" x1="0" x2="100%" y1="{y}" y2="{y}" stroke="{grid}"/>'
                '<text x="-8" y="{label_y}" text-anchor="end" font-size="13" fill="{text}">'
                "{value}</text>",
                y=f"{y(tick):.1f}",
                label_y=f"{y(tick) + 4.5:.1f}",
                grid=GRID,
                text=TEXT,
                value=format_number(tick),
            )
        )
    base_y, target_y = y(baseline[1]), y(target)
    parts.append(
        format_html(
            '<line class="chart__baseline" x1="0" x2="100%" y1="{y}" y2="{y}" stroke="{colour}" '
            'stroke-width="1.5" stroke-dasharray="5 4"/>'
            '<line class="chart__target" x1="0" x2="100%" y1="{ty}" y2="{ty}" stroke="{target}" '
            'stroke-width="2"/>',
            y=f"{base_y:.1f}",
            ty=f"{target_y:.1f}",
            colour=BASELINE,
            target=TARGET,
        )
    )
    for (day, value, _b), (next_day, next_value, _n) in pairwise(readings):
        parts.append(
            format_html(
                '<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
                'stroke-width="2.5" stroke-linecap="round"/>',
                x1=percent(day),
                y1=f"{y(value):.1f}",
                x2=percent(next_day),
                y2=f"{y(next_value):.1f}",
                colour=MEASURED,
            )
        )
    for day, value, is_baseline in readings:
        parts.append(
            format_html(
                '<circle class="chart__baseline-point" cx="{cx}" cy="{cy}" r="5" fill="#fff" '
                'stroke="{colour}" stroke-width="2.5"/>'
                if is_baseline
                else '<circle class="chart__point" cx="{cx}" cy="{cy}" r="4" fill="{colour}"/>',
                cx=percent(day),
                cy=f"{y(value):.1f}",
                colour=BASELINE if is_baseline else MEASURED,
            )
        )
    # The line higher up gets its label above it, the lower one below it.
    above, below = sorted(
        [(base_y, baseline_label, BASELINE), (target_y, target_label, TARGET)],
        key=lambda line: line[0],
    )
    for (line_y, text, colour), offset in ((above, -8), (below, 19)):
        parts.append(
            format_html(
                '<text x="{x}%" y="{y}" text-anchor="end" font-size="13" font-weight="bold" '
                'fill="{colour}" ' + HALO + ">{text}</text>",
                x=RIGHT,
                y=f"{line_y + offset:.1f}",
                colour=colour,
                text=text,
            )
        )
    for day in days:
        parts.append(
            format_html(
                '<line class="chart__tick" x1="{x}" x2="{x}" y1="{y1}" y2="{y2}" stroke="{text}"/>',
                x=percent(day),
                y1=PLOT_BOTTOM,
                y2=PLOT_BOTTOM + 6,
                text=TEXT,
            )
        )
    ends = [(days[0], "start")] if len(days) == 1 else [(days[0], "start"), (days[-1], "end")]
    for day, anchor in ends:
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="13" fill="{text}">'
                "{date}</text>",
                x=percent(day),
                y=HEIGHT - 4,
                anchor=anchor,
                text=TEXT,
                date=date_format(day, "SHORT_DATE_FORMAT"),
            )
        )
    return format_html(
        '<svg class="chart chart--trend" width="100%" height="{height}" overflow="visible" '
        'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">{parts}</svg>',
        height=HEIGHT,
        label=label,
        parts=_join(parts),
    )


# --- The sparkline in a table of goals ------------------------------------------------


def sparkline(
    measurements: Sequence[Reading],
    *,
    baseline: Reading,
    target: Decimal,
    label: str,
    width: int = 160,
    height: int = 48,
) -> str:
    """A small line chart without text: the measurements from the baseline
    (a hollow dot) with the baseline dashed and the target as lines.

    ``label`` is the text alternative (what the chart says, in words).
    """
    pad = 5
    readings = _readings(measurements, baseline)
    values = [value for _day, value, _is_baseline in readings]
    y = _y_scale(min([*values, target]), max([*values, target]), pad, height - pad)
    x = _x_scale([readings[0][0], readings[-1][0]], pad, width - pad)
    points = [
        (f"{x(day):.1f}", f"{y(value):.1f}", is_baseline) for day, value, is_baseline in readings
    ]
    line = (
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
            " ".join(f"{px},{py}" for px, py, _b in points),
            MEASURED,
        )
        if len(points) > 1
        else ""
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="1.5"/>',
        (
            (px, py, 3, "#fff", BASELINE) if is_baseline else (px, py, 2.5, MEASURED, MEASURED)
            for px, py, is_baseline in points
        ),
    )
    return format_html(
        '<svg class="chart chart--spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{pad}" x2="{end}" y1="{by}" y2="{by}" stroke="{baseline}" '
        'stroke-dasharray="3 3"/>'
        '<line x1="{pad}" x2="{end}" y1="{ty}" y2="{ty}" stroke="{target}" stroke-width="1.5"/>'
        "{line}{dots}</svg>",
        w=width,
        h=height,
        label=label,
        pad=pad,
        end=width - pad,
        by=f"{y(baseline[1]):.1f}",
        ty=f"{y(target):.1f}",
        baseline=BASELINE,
        target=TARGET,
        line=line,
        dots=dots,
    )


# --- Counts: bars per category and columns over time ------------------------------------

BAR_ROW = 46  # a category's label, then its bar
BAR_SPAN = 82.0  # per cent of the width a full bar takes; its count sits to the right


def percent_text(count: int, total: int) -> str:
    """A share as the reader writes it: "40 %" (a non-breaking space before the sign)."""
    share = Decimal(count * 100) / total if total else Decimal(0)
    return f"{format_number(share.quantize(Decimal(1)))}\u00a0%"


def bars(items: Sequence[tuple[str, int]], *, total: int, label: str) -> str:
    """Horizontal bars, one per category (a choice, a score), in the order given.

    Each category's name is written above its bar, and its count and share of
    ``total`` at the bar's right end, so the chart never relies on colour or
    on length alone. Shares are of ``total`` (those who answered), so the bars
    of a multiple choice may add up to more than 100 %. As wide as its
    container; ``label`` is the text alternative (what the chart says, in words).
    """
    height = BAR_ROW * max(len(items), 1)
    parts = []
    for index, (name, count) in enumerate(items):
        top = index * BAR_ROW
        share = count / total if total else 0
        parts.append(
            format_html(
                '<text x="0" y="{text_y}" font-size="14" fill="{text}">{name}</text>'
                '<rect x="0" y="{bar_y}" width="{span}%" height="18" fill="{grid}"/>'
                '<rect class="chart__bar" x="0" y="{bar_y}" width="{width}%" height="18" '
                'fill="{colour}"/>'
                '<text x="100%" y="{value_y}" text-anchor="end" font-size="14" fill="{text}">'
                "{count} ({share})</text>",
                text_y=top + 15,
                bar_y=top + 21,
                value_y=top + 35,
                span=BAR_SPAN,
                width=f"{share * BAR_SPAN:.2f}",
                name=name,
                count=count,
                share=percent_text(count, total),
                text=TEXT,
                grid=GRID,
                colour=MEASURED,
            )
        )
    return format_html(
        '<svg class="chart chart--bars" width="100%" height="{height}" role="img" '
        'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">{parts}</svg>',
        height=height,
        label=label,
        parts=_join(parts),
    )


COLUMNS_HEIGHT = 180
COLUMNS_TOP, COLUMNS_BOTTOM = 12, COLUMNS_HEIGHT - 26


def _count_ticks(high: int) -> list[Decimal]:
    """Whole numbers from 0 to at least ``high``: a count has no «2,5»."""
    ticks = [tick for tick in _ticks(Decimal(0), Decimal(high)) if tick >= 0]
    step = ticks[1] - ticks[0]
    if step != step.to_integral_value():
        step = Decimal(1) if step < 1 else step.to_integral_value(ROUND_FLOOR)
        last = (Decimal(high) / step).to_integral_value(ROUND_CEILING) * step
        ticks = [i * step for i in range(int(last / step) + 1)]
    return [Decimal(int(tick)) for tick in ticks]


def _end_labels(items, y) -> list[str]:
    """The first and the last item's names under a chart, at its two ends."""
    if not items:
        return []
    ends = [(items[0][0], "start", 0)]
    if len(items) > 1:
        ends.append((items[-1][0], "end", 100))
    return [
        format_html(
            '<text x="{x}%" y="{y}" text-anchor="{anchor}" font-size="13" fill="{text}">'
            "{name}</text>",
            x=position,
            y=y,
            anchor=anchor,
            text=TEXT,
            name=name,
        )
        for name, anchor, position in ends
    ]


def columns(items: Sequence[tuple[str, int]], *, label: str) -> str:
    """Vertical bars of counts over time (answers per week), in the order given.

    The count axis' numbers sit to the left of the chart, in the margin that
    ``.chart--columns`` keeps in klean.css; the first and the last period are
    named below. ``label`` is the text alternative; pages give the counts in
    a table beside it too.
    """
    counts = [count for _name, count in items] or [0]
    ticks = _count_ticks(max(max(counts), 1))
    y = _y_scale(ticks[0], ticks[-1], COLUMNS_TOP, COLUMNS_BOTTOM)
    parts = []
    for tick in ticks:
        parts.append(
            format_html(
                '<line class="chart__grid" x1="0" x2="100%" y1="{y}" y2="{y}" stroke="{grid}"/>'
                '<text x="-8" y="{label_y}" text-anchor="end" font-size="13" fill="{text}">'
                "{value}</text>",
                y=f"{y(tick):.1f}",
                label_y=f"{y(tick) + 4.5:.1f}",
                grid=GRID,
                text=TEXT,
                value=format_number(tick),
            )
        )
    slot = 100 / max(len(items), 1)
    for index, (_name, count) in enumerate(items):
        top = y(count)
        parts.append(
            format_html(
                '<rect class="chart__bar" x="{x}%" y="{y}" width="{width}%" height="{height}" '
                'fill="{colour}"/>',
                x=f"{index * slot + slot * 0.15:.3f}",
                y=f"{top:.1f}",
                width=f"{slot * 0.7:.3f}",
                height=f"{COLUMNS_BOTTOM - top:.1f}",
                colour=MEASURED,
            )
        )
    parts.extend(_end_labels(items, COLUMNS_HEIGHT - 6))
    return format_html(
        '<svg class="chart chart--columns" width="100%" height="{height}" overflow="visible" '
        'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">{parts}</svg>',
        height=COLUMNS_HEIGHT,
        label=label,
        parts=_join(parts),
    )


# --- Bars with their value in words (waste by type, minutes per case) -----------------

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif'
#: The dark red of the waste class (processes.drawing's outline of "sløsing").
WASTE = "#a34700"


def value_bars(
    rows: Sequence[tuple[str, int, str]],
    *,
    label: str,
    colour: str = WASTE,
    kind: str = "waste",
) -> str:
    """Horizontal bars, one per (name, value, value as text), with the name
    left and the value written after the bar (room for "12 steg, 10 problemer"),
    the longest bar the largest value. A fixed size (scaled by its container):
    the analysis page's waste by type and the report's minutes per case.
    ``label`` is the text alternative; ``kind`` names it (``chart--<kind>``)."""
    name_w, bar_w, value_w, row_h, size = 190, 260, 230, 30, 15
    largest = max((value for _n, value, _t in rows), default=0) or 1
    parts = [
        format_html(
            '<text x="{nx}" y="{ty}" text-anchor="end" font-size="{size}" fill="{text}">'
            "{name}</text>"
            '<rect x="{bx}" y="{y}" width="{w}" height="20" fill="{fill}"/>'
            '<text x="{vx}" y="{ty}" font-size="{size}" fill="{text}">{value}</text>',
            size=size,
            nx=name_w - 10,
            ty=i * row_h + 20,
            text="#1b1f24",
            name=name,
            bx=name_w,
            y=i * row_h + 4,
            w=f"{value / largest * bar_w:.1f}",
            fill=colour,
            vx=f"{name_w + value / largest * bar_w + 8:.1f}",
            value=text,
        )
        for i, (name, value, text) in enumerate(rows)
    ]
    width = name_w + bar_w + value_w
    return format_html(
        '<svg class="chart chart--bars chart--{kind}" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}" '
        'font-family="{font}">{parts}</svg>',
        kind=kind,
        w=width,
        h=max(len(rows), 1) * row_h + 4,
        label=label,
        font=FONT,
        parts=_join(parts),
    )


# --- The effort–impact matrix with numbered points ------------------------------------

MATRIX_CELL = 84
MATRIX_LEFT, MATRIX_TOP = 64, 12
#: The quadrants' fills: quick wins, projects, when convenient, drop.
QUADRANT_FILLS = {
    "now": "#e3f1ea",
    "project": "#e6eef6",
    "convenient": "#f4f1e4",
    "drop": "#f3e6e1",
}


def matrix(
    points: Sequence[tuple[int, int, int]],
    *,
    quadrants: dict[str, tuple[str, str]],
    quadrant,
    effort_label: str,
    effect_label: str,
    label: str,
) -> str:
    """The effort–impact matrix (innsats–effekt-matrise) as a 5 × 5 grid, with
    each idea a numbered point in its cell: ``points`` are (number, effort,
    effect), scores 1–5. ``quadrants`` maps "now", "project", "convenient"
    and "drop" to (name, corner: "tl", "tr", "bl", "br"); each name stands at
    the top of its quadrant, so the quadrant is read in words, not by its
    fill. ``quadrant(effort, effect)`` is the method's rule for which quadrant
    a cell is in, given by the caller. A legend table beside it names every
    number; ``label`` is the text alternative."""
    size = MATRIX_CELL * 5
    width, height = MATRIX_LEFT + size + 8, MATRIX_TOP + size + 52
    parts = []
    for effort in range(1, 6):
        for effect in range(1, 6):
            kind = quadrant(effort, effect)
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{s}" height="{s}" fill="{fill}" '
                    'stroke="#ffffff" stroke-width="2"/>',
                    x=MATRIX_LEFT + (effort - 1) * MATRIX_CELL,
                    y=MATRIX_TOP + (5 - effect) * MATRIX_CELL,
                    s=MATRIX_CELL,
                    fill=QUADRANT_FILLS[kind],
                )
            )
    # The quadrants' borders: effect 3 counts as high, effort 3 as low.
    split_x = MATRIX_LEFT + 3 * MATRIX_CELL
    split_y = MATRIX_TOP + 3 * MATRIX_CELL
    parts.append(
        format_html(
            '<line x1="{sx}" x2="{sx}" y1="{top}" y2="{bottom}" stroke="{c}" stroke-width="2"/>'
            '<line x1="{left}" x2="{right}" y1="{sy}" y2="{sy}" stroke="{c}" stroke-width="2"/>',
            sx=split_x,
            sy=split_y,
            top=MATRIX_TOP,
            bottom=MATRIX_TOP + size,
            left=MATRIX_LEFT,
            right=MATRIX_LEFT + size,
            c=BASELINE,
        )
    )
    corners = {
        "tl": (MATRIX_LEFT + 6, MATRIX_TOP + 16, "start"),
        "tr": (MATRIX_LEFT + size - 6, MATRIX_TOP + 16, "end"),
        "bl": (MATRIX_LEFT + 6, split_y + 16, "start"),
        "br": (MATRIX_LEFT + size - 6, split_y + 16, "end"),
    }
    for name, corner in quadrants.values():
        x, y, anchor = corners[corner]
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="{a}" font-size="12" font-weight="bold" '
                'fill="{c}">{name}</text>',
                x=x,
                y=y,
                a=anchor,
                c=TEXT,
                name=name,
            )
        )
    for score in range(1, 6):
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="middle" font-size="13" fill="{c}">{n}</text>'
                '<text x="{lx}" y="{ly}" text-anchor="end" font-size="13" fill="{c}">{n}</text>',
                x=MATRIX_LEFT + (score - 0.5) * MATRIX_CELL,
                y=MATRIX_TOP + size + 18,
                lx=MATRIX_LEFT - 8,
                ly=MATRIX_TOP + (5 - score + 0.5) * MATRIX_CELL + 4,
                c=TEXT,
                n=score,
            )
        )
    parts.append(
        format_html(
            '<text x="{x}" y="{y}" text-anchor="middle" font-size="14" font-weight="bold" '
            'fill="{c}">{effort}</text>'
            '<text x="16" y="{ey}" text-anchor="middle" font-size="14" font-weight="bold" '
            'fill="{c}" transform="rotate(-90 16 {ey})">{effect}</text>',
            x=MATRIX_LEFT + size / 2,
            y=MATRIX_TOP + size + 42,
            ey=MATRIX_TOP + size / 2,
            c=TEXT,
            effort=effort_label,
            effect=effect_label,
        )
    )
    cells: dict[tuple[int, int], list[int]] = {}
    for number, effort, effect in points:
        cells.setdefault((effort, effect), []).append(number)
    for (effort, effect), numbers in sorted(cells.items()):
        per_row = 3
        radius = 11 if len(numbers) <= 6 else 9
        step = MATRIX_CELL / per_row
        for index, number in enumerate(numbers[:9]):
            row, column = divmod(index, per_row)
            cx = MATRIX_LEFT + (effort - 1) * MATRIX_CELL + step * (column + 0.5)
            cy = MATRIX_TOP + (5 - effect) * MATRIX_CELL + 30 + row * (radius * 2 + 2)
            parts.append(
                format_html(
                    '<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"/>'
                    '<text x="{cx}" y="{ty}" text-anchor="middle" font-size="{fs}" '
                    'font-weight="bold" fill="#ffffff">{n}</text>',
                    cx=f"{cx:.1f}",
                    cy=f"{cy:.1f}",
                    ty=f"{cy + 4:.1f}",
                    r=radius,
                    fs=11 if number < 100 else 9,
                    fill=MEASURED,
                    n=number,
                )
            )
        if len(numbers) > 9:
            parts.append(
                format_html(
                    '<text x="{x}" y="{y}" text-anchor="end" font-size="11" fill="{c}">+{n}</text>',
                    x=MATRIX_LEFT + effort * MATRIX_CELL - 4,
                    y=MATRIX_TOP + (6 - effect) * MATRIX_CELL - 4,
                    c=TEXT,
                    n=len(numbers) - 9,
                )
            )
    return format_html(
        '<svg class="chart chart--matrix" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}" '
        'font-family="{font}">{parts}</svg>',
        w=width,
        h=height,
        label=label,
        font=FONT,
        parts=_join(parts),
    )


# --- Dashboards: a title on any chart, amounts, progress and an average over time ------


def titled(chart: str, title: str) -> str:
    """``chart`` with a ``<title>`` as the first thing inside its ``<svg>``: the
    name screen readers and tagged PDFs give the image, besides its
    ``aria-label``. For the charts of this module only (their first ``>`` closes
    the ``<svg>`` tag: attribute values are escaped)."""
    from django.utils.safestring import mark_safe

    head, close, rest = str(chart).partition(">")
    return mark_safe(head + close + format_html("<title>{}</title>", title) + rest)  # noqa: S308


AMOUNT_ROW = 44  # a category's name and amount, then its bar


def amount_bars(items: Sequence[tuple[str, Decimal | int, str]], *, label: str) -> str:
    """Horizontal bars of amounts (hours, minutes, kroner), one per category in
    the order given, each as long as its share of the largest.

    ``items`` are (name, amount, text): the name is written above the bar at
    the left, ``text`` (the amount as the page writes it, "1 200 timer") at
    the right, so the chart never relies on length alone. As wide as its
    container; ``label`` is the text alternative.
    """
    largest = max((Decimal(amount) for _name, amount, _text in items), default=Decimal(0))
    parts = []
    for index, (name, amount, text) in enumerate(items):
        top = index * AMOUNT_ROW
        share = Decimal(amount) / largest if largest > 0 else Decimal(0)
        parts.append(
            format_html(
                '<text x="0" y="{text_y}" font-size="14" fill="{colour_text}">{name}</text>'
                '<text x="100%" y="{text_y}" text-anchor="end" font-size="14" font-weight="bold" '
                'fill="{colour_text}">{text}</text>'
                '<rect x="0" y="{bar_y}" width="100%" height="16" fill="{grid}"/>'
                '<rect class="chart__bar" x="0" y="{bar_y}" width="{width}%" height="16" '
                'fill="{colour}"/>',
                text_y=top + 15,
                bar_y=top + 21,
                width=f"{max(share, Decimal(0)) * 100:.2f}",
                name=name,
                text=text,
                colour_text=TEXT,
                grid=GRID,
                colour=MEASURED,
            )
        )
    return format_html(
        '<svg class="chart chart--amounts" width="100%" height="{height}" role="img" '
        'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">{parts}</svg>',
        height=AMOUNT_ROW * max(len(items), 1),
        label=label,
        parts=_join(parts),
    )


def progress_bar(progress: Decimal | None, *, label: str) -> str:
    """A goal's way from its baseline (the left end) to its target (the right
    end): filled as far as ``progress`` (0–1, ``Goal.progress``) has come,
    full beyond the target, empty when not measured or worse than the
    baseline. Pages write the figures beside it; ``label`` says them in words.
    """
    share = min(max(progress or Decimal(0), Decimal(0)), Decimal(1))
    return format_html(
        '<svg class="chart chart--progress" width="100%" height="14" role="img" '
        'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        '<rect x="0" y="1" width="100%" height="12" rx="3" fill="{grid}"/>'
        '<rect class="chart__bar" x="0" y="1" width="{width}%" height="12" rx="3" fill="{colour}"/>'
        '<line x1="100%" x2="100%" y1="0" y2="14" stroke="{target}" stroke-width="3"/>'
        "</svg>",
        label=label,
        grid=GRID,
        width=f"{share * 100:.1f}",
        colour=TARGET if progress is not None and progress >= 1 else MEASURED,
        target=TARGET,
    )


LINE_HEIGHT = 190
LINE_TOP, LINE_BOTTOM = 14, LINE_HEIGHT - 28


def average_line(
    items: Sequence[tuple[str, Decimal | None]], *, low: int, high: int, label: str
) -> str:
    """An average over time (satisfaction 1–5 per month), in the order given:
    a dot per period with a value, joined by a line; a period without a value
    (too few answers) leaves a gap rather than a guess.

    The value axis runs from ``low`` to ``high`` in whole steps, its numbers in
    the left margin that ``.chart--line`` keeps in klean.css; the first and
    the last period are named below. ``label`` is the text alternative;
    pages give the values in a table beside it too.
    """
    y = _y_scale(Decimal(low), Decimal(high), LINE_TOP, LINE_BOTTOM)
    parts = []
    for tick in range(low, high + 1):
        parts.append(
            format_html(
                '<line class="chart__grid" x1="0" x2="100%" y1="{y}" y2="{y}" stroke="{grid}"/>'
                '<text x="-8" y="{label_y}" text-anchor="end" font-size="13" fill="{text}">'
                "{value}</text>",
                y=f"{y(tick):.1f}",
                label_y=f"{y(tick) + 4.5:.1f}",
                grid=GRID,
                text=TEXT,
                value=tick,
            )
        )
    slot = 100 / max(len(items), 1)

    def x(index: int) -> str:
        return f"{index * slot + slot / 2:.3f}%"

    for (index, (_n, value)), (_next, (_m, next_value)) in pairwise(enumerate(items)):
        if value is not None and next_value is not None:
            parts.append(
                format_html(
                    '<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
                    'stroke-width="2.5" stroke-linecap="round"/>',
                    x1=x(index),
                    y1=f"{y(value):.1f}",
                    x2=x(index + 1),
                    y2=f"{y(next_value):.1f}",
                    colour=MEASURED,
                )
            )
    for index, (_name, value) in enumerate(items):
        if value is not None:
            parts.append(
                format_html(
                    '<circle class="chart__point" cx="{cx}" cy="{cy}" r="4" fill="{colour}"/>',
                    cx=x(index),
                    cy=f"{y(value):.1f}",
                    colour=MEASURED,
                )
            )
    parts.extend(_end_labels(items, LINE_HEIGHT - 6))
    return format_html(
        '<svg class="chart chart--line" width="100%" height="{height}" overflow="visible" '
        'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">{parts}</svg>',
        height=LINE_HEIGHT,
        label=label,
        parts=_join(parts),
    )
