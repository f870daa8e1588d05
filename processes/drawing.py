"""A process map as one standalone SVG: on the page, as a download, in the report.

``draw`` lays the map out as the workshop's brown paper does: the swimlanes
are rows, the steps stand in one global sequence of columns (so a change of
lane between two consecutive steps shows as an arrow across lanes: a
hand-off), and a time ladder under the columns shows each step's waiting
(upper rung) and processing (lower rung). The totals and a legend follow.

A step's value class is carried three ways, so that colour is never alone
(BOARD-UX.md §4): the Okabe–Ito colour, a pattern in the box's band (solid,
diagonal hatch, cross-hatch), and a glyph with a letter (✓ V, ◆ N, ✕ S).

Like ``klean.charts``: markup built with ``format_html`` (every text escaped:
titles come from users), presentation attributes and no ``style``, no
scripts and no external fonts, so that it works inline under the strict
Content-Security-Policy and in WeasyPrint. The output depends only on its
input (ids from the map's pk), so tests can compare it.

Its class names start with ``pd-`` so that no page rule (the board's
``.step__title``, say) reaches into it: text sizes are presentation
attributes, which any page rule would override. Text is at least 14 units
high (14 px at natural size), legible when the map is projected.

Times and figures are written by ``processes.formatting``, as on the pages.
"""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from processes import formatting
from processes import metrics as key_figures
from processes.models import VALUE_MARKS, MapKind, ValueClass

TEXT = "#1b1f24"
MUTED = "#4a5562"
GRID = "#cfd5dc"
LANE_FILL = ("#f5f6f8", "#ffffff")
HAND_OFF = "#1b1f24"
FLOW = "#7b8794"
WAITING = "#c6ccd4"
PROCESSING = "#1d4f7c"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif'

#: Per value class: colour, outline, and the pattern of the box's band.
CLASS_STYLE = {
    ValueClass.VALUE_ADDING: ("#009E73", "#007a59", "solid"),
    ValueClass.NECESSARY: ("#F0E442", "#5c5300", "hatch"),
    ValueClass.WASTE: ("#D55E00", "#a34700", "cross"),
    "": ("#8c959f", "#5b6673", "dots"),
}

# Geometry (user units of the viewBox; 1 unit = 1 px at natural size).
LANE_HEAD = 170
COLUMN = 190
BOX_W, BOX_H = 170, 124
BAND = 12
LANE_H = 146
TOP_TITLE = 48
LADDER_H = 92
TOTAL_W = 196
TOTALS_H = 72
LEGEND_H = 86
MIN_WIDTH = 1400
#: Text sizes: step titles, other text, the totals' values, the map's name.
FONT_SIZE = 15
SMALL = 14
LARGE = 20
TITLE_CHARS = 18
TITLE_LINES = 3
TITLE_LINE_H = 18
LANE_CHARS = 16


def _join(parts) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def duration(minutes: int) -> str:
    """A time in words ("2,5 timer"): ``processes.formatting.duration``."""
    return str(formatting.duration(minutes))


def wrap(text: str, width: int = TITLE_CHARS, lines: int = TITLE_LINES) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters,
    broken between words (a long word is cut) and ended with … when cut short."""
    words = text.split()
    out: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:
            if current:
                out.append(current)
                current = ""
            out.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1].rstrip("-")
        out[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return out or [""]


def _defs(prefix: str) -> SafeString:
    """The band patterns and the two arrowheads."""
    _va, na, wa = (CLASS_STYLE[c][0] for c in ValueClass)
    return format_html(
        "<defs>"
        '<pattern id="{p}hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="{na}"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="{dark}" stroke-width="3"/></pattern>'
        '<pattern id="{p}cross" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="8" height="8" fill="{wa}"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" stroke-width="2"/>'
        '<line x1="0" y1="0" x2="8" y2="0" stroke="#ffffff" stroke-width="2"/></pattern>'
        '<pattern id="{p}dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#e3e7eb"/>'
        '<circle cx="3" cy="3" r="1.3" fill="{grey}"/></pattern>'
        '<marker id="{p}handoff" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="{handoff}"/></marker>'
        '<marker id="{p}flow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="{flow}"/></marker>'
        "</defs>",
        p=prefix,
        na=na,
        wa=wa,
        dark=CLASS_STYLE[ValueClass.NECESSARY][1],
        grey=CLASS_STYLE[""][1],
        handoff=HAND_OFF,
        flow=FLOW,
    )


def _band_fill(prefix: str, value_class: str) -> str:
    colour, _outline, pattern = CLASS_STYLE[value_class]
    return colour if pattern == "solid" else f"url(#{prefix}{pattern})"


def class_label(value_class: str) -> str:
    labels = dict(ValueClass.choices)
    return str(labels[value_class]) if value_class in labels else _("Not classified")


def _step_box(prefix: str, number: int, step, x: float, y: float) -> SafeString:
    value_class = step.value_class if step.value_class in CLASS_STYLE else ""
    _colour, outline, _pattern = CLASS_STYLE[value_class]
    letter, glyph = VALUE_MARKS[value_class]
    lines = wrap(step.title)
    full = _(
        "Step %(number)s: %(title)s. %(class)s. Waiting %(waiting)s, processing %(processing)s."
    ) % {
        "number": number,
        "title": step.title,
        "class": class_label(value_class),
        "waiting": duration(step.waiting_minutes),
        "processing": duration(step.processing_minutes),
    }
    text = format_html_join(
        "",
        '<tspan x="{}" y="{}">{}</tspan>',
        ((x + 8, y + BAND + 42 + TITLE_LINE_H * i, line) for i, line in enumerate(lines)),
    )
    notes = getattr(step, "note_count", None)
    badge = (
        format_html(
            '<text class="pd-step__notes" x="{x}" y="{y}" text-anchor="end" font-size="{size}" '
            'fill="{muted}">{label}</text>',
            x=x + BOX_W - 8,
            y=y + BOX_H - 7,
            size=SMALL,
            muted=MUTED,
            label=ngettext("%(count)s problem", "%(count)s problems", notes) % {"count": notes},
        )
        if notes
        else ""
    )
    return format_html(
        '<g class="pd-step pd-step--{cls}" data-step="{number}">'
        "<title>{full}</title>"
        '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="#ffffff" '
        'stroke="{outline}" stroke-width="{sw}"{dash}/>'
        '<rect class="pd-step__band" x="{bx}" y="{by}" width="{bw}" height="{band}" '
        'fill="{fill}" stroke="{outline}" stroke-width="0.75"/>'
        '<text x="{nx}" y="{ty}" font-size="{size}" font-weight="bold" fill="{text_c}">{number}'
        "</text>"
        '<text class="pd-step__class" x="{cx}" y="{ty}" text-anchor="end" font-size="{size}" '
        'font-weight="bold" fill="{text_c}">{glyph} {letter}</text>'
        '<text class="pd-step__title" font-size="{size}" fill="{text_c}">{text}</text>'
        "{badge}</g>",
        cls=value_class or "none",
        number=number,
        full=full,
        x=x,
        y=y,
        w=BOX_W,
        h=BOX_H,
        outline=outline,
        sw=2 if value_class else 1.5,
        dash=mark_safe(' stroke-dasharray="4 3"') if not value_class else "",
        bx=x + 1,
        by=y + 1,
        bw=BOX_W - 2,
        band=BAND,
        fill=_band_fill(prefix, value_class),
        nx=x + 8,
        ty=y + BAND + 19,
        size=FONT_SIZE,
        cx=x + BOX_W - 8,
        glyph=glyph,
        letter=letter,
        text_c=TEXT,
        text=text,
        badge=badge,
    )


def _arrow(prefix, x1, y1, x2, y2, hand_off: bool) -> SafeString:
    """From the right edge of one box to the left edge of the next; across
    lanes it turns in the gap between the columns."""
    if y1 == y2:
        d = f"M{x1},{y1} L{x2},{y2}"
    else:
        mid = (x1 + x2) / 2
        d = f"M{x1},{y1} L{mid:g},{y1} L{mid:g},{y2} L{x2},{y2}"
    return format_html(
        '<path class="{cls}" d="{d}" fill="none" stroke="{colour}" stroke-width="{w}" '
        'marker-end="url(#{p}{marker})"/>',
        cls="pd-handoff" if hand_off else "pd-flow",
        d=d,
        colour=HAND_OFF if hand_off else FLOW,
        w=2.25 if hand_off else 1.5,
        p=prefix,
        marker="handoff" if hand_off else "flow",
    )


def _legend(prefix: str, y: float) -> SafeString:
    parts = []
    x = 16
    for value_class in (*ValueClass.values, ""):
        _colour, outline, _p = CLASS_STYLE[value_class]
        letter, glyph = VALUE_MARKS[value_class]
        label = class_label(value_class)
        parts.append(
            format_html(
                '<rect x="{x}" y="{ry}" width="34" height="16" fill="{fill}" stroke="{outline}" '
                'stroke-width="1.5"/>'
                '<text x="{tx}" y="{ty}" font-size="{size}" fill="{text}">'
                '<tspan font-weight="bold">{glyph} {letter}</tspan> {label}</text>',
                size=SMALL,
                x=x,
                ry=y,
                fill=_band_fill(prefix, value_class),
                outline=outline,
                tx=x + 42,
                ty=y + 13,
                text=TEXT,
                glyph=glyph,
                letter=letter,
                label=label,
            )
        )
        x += 88 + 8.2 * len(label)
    parts.append(
        format_html(
            '<path d="M{x1},{y} L{x2},{y}" stroke="{colour}" stroke-width="2.25" '
            'marker-end="url(#{p}handoff)"/>'
            '<text x="{tx}" y="{ty}" font-size="{size}" fill="{text}">{label}</text>',
            size=SMALL,
            x1=x,
            x2=x + 34,
            y=y + 8,
            colour=HAND_OFF,
            p=prefix,
            tx=x + 42,
            ty=y + 13,
            text=TEXT,
            label=_("Hand-off"),
        )
    )
    parts.append(
        format_html(
            '<text font-size="{size}" fill="{muted}"><tspan x="16" y="{y1}">{ladder}</tspan>'
            '<tspan x="16" y="{y2}">{flow}</tspan></text>',
            size=SMALL,
            y1=y + 42,
            y2=y + 64,
            muted=MUTED,
            ladder=_(
                "Time ladder: waiting before each step on the upper line, processing on the lower."
            ),
            flow=_(
                "Flow efficiency = value-adding time / lead time. h = hours, "
                "d = working days of 7.5 hours."
            ),
        )
    )
    return _join(parts)


def totals(figures) -> list[tuple[str, str, str]]:
    """The key figures the drawing (and the pages beside it) show, as
    (label, number, unit) written by ``processes.formatting``."""
    amounts = [
        (_("Lead time"), formatting.working_days(figures.lead_days)),
        (_("Processing time"), formatting.hours(figures.processing_hours)),
        (
            _("Flow efficiency"),
            formatting.Amount("–")
            if figures.flow_percent is None
            else formatting.percent(figures.flow_percent),
        ),
        (_("Hand-offs"), formatting.Amount(formatting.number(figures.hand_offs))),
        (_("Steps"), formatting.Amount(formatting.number(figures.steps))),
    ]
    if figures.hours_per_year is not None:
        amounts.append((_("Hours per year"), formatting.hours_per_year(figures.hours_per_year)))
        amounts.append((_("FTEs"), formatting.ftes(figures.ftes)))
    return [(label, amount.number, amount.unit) for label, amount in amounts]


def _totals(figures, y: float) -> SafeString:
    return _join(
        format_html(
            '<g class="pd-total"><text x="{x}" y="{ly}" font-size="{small}" fill="{muted}">'
            "{label}</text>"
            '<text x="{x}" y="{vy}" font-size="{large}" font-weight="bold" fill="{text}">{value}'
            '<tspan font-size="{small}" font-weight="normal"> {unit}</tspan></text></g>',
            x=16 + i * TOTAL_W,
            ly=y + 20,
            vy=y + 48,
            small=SMALL,
            large=LARGE,
            muted=MUTED,
            text=TEXT,
            label=label,
            value=value,
            unit=unit,
        )
        for i, (label, value, unit) in enumerate(totals(figures))
    )


def _ladder(steps, y: float) -> SafeString:
    """The square wave under the columns: waiting up, processing down."""
    up, down = y + 32, y + 60
    parts = [
        format_html(
            '<text x="{x}" y="{uy}" text-anchor="end" font-size="{size}" fill="{muted}">{w}</text>'
            '<text x="{x}" y="{dy}" text-anchor="end" font-size="{size}" fill="{muted}">{p}</text>',
            size=SMALL,
            x=LANE_HEAD - 10,
            uy=up + 4,
            dy=down + 4,
            muted=MUTED,
            w=_("Waiting"),
            p=_("Processing"),
        )
    ]
    points = []
    for index, step in enumerate(steps):
        left = LANE_HEAD + index * COLUMN
        middle = left + COLUMN * 0.45
        right = left + COLUMN
        points += [(left, up), (middle, up), (middle, down), (right, down)]
        parts.append(
            format_html(
                '<text class="pd-ladder__waiting" x="{wx}" y="{wy}" text-anchor="middle" '
                'font-size="{size}" fill="{text}">{waiting}</text>'
                '<text class="pd-ladder__processing" x="{px}" y="{py}" text-anchor="middle" '
                'font-size="{size}" fill="{text}">{processing}</text>',
                size=SMALL,
                wx=f"{(left + middle) / 2:g}",
                wy=up - 6,
                px=f"{(middle + right) / 2:g}",
                py=down + 18,
                text=TEXT,
                waiting=str(formatting.short_duration(step.waiting_minutes)),
                processing=str(formatting.short_duration(step.processing_minutes)),
            )
        )
    if points:
        parts.append(
            format_html(
                '<polyline class="pd-ladder" points="{}" fill="none" stroke="{}" '
                'stroke-width="2"/>',
                " ".join(f"{px:g},{py:g}" for px, py in points),
                PROCESSING,
            )
        )
    return _join(parts)


def describe(figures, lane_count: int) -> str:
    """The drawing's text alternative: what it shows, in words."""
    text = _(
        "%(steps)s in %(lanes)s; lead time %(lead)s, flow efficiency %(flow)s, "
        "%(hand_offs)s. %(va)s value-adding, %(nn)s necessary, %(waste)s waste, "
        "%(none)s not classified."
    ) % {
        "steps": ngettext("%(count)s step", "%(count)s steps", figures.steps)
        % {"count": figures.steps},
        "lanes": ngettext("%(count)s swimlane", "%(count)s swimlanes", lane_count)
        % {"count": lane_count},
        "lead": str(formatting.working_days(figures.lead_days)),
        "flow": "–"
        if figures.flow_percent is None
        else str(formatting.percent(figures.flow_percent)),
        "hand_offs": ngettext("%(count)s hand-off", "%(count)s hand-offs", figures.hand_offs)
        % {"count": figures.hand_offs},
        "va": figures.value_adding_steps,
        "nn": figures.necessary_steps,
        "waste": figures.waste_steps,
        "none": figures.unclassified_steps,
    }
    return text


def draw(
    process_map, steps: Sequence, lanes: Sequence, metrics=None, *, title=True, number_from=1
) -> str:
    """The whole map as a standalone SVG (a ``SafeString``).

    ``steps`` in their order (with ``lane_id``, ``title``, times and
    ``value_class``; a ``note_count`` attribute, when set, shows as a problem
    count), ``lanes`` in theirs; ``metrics`` from ``processes.metrics.compute``
    (computed here from the steps when not given). ``title`` draws the map's
    name and kind above the lanes; the SVG's own <title> always names it.
    Steps whose lane is not among ``lanes`` are left out. ``number_from`` is
    the first step's number: a map drawn in parts (the report's pages) keeps
    each step's number from the whole map.
    """
    lanes = list(lanes)
    row_of = {lane.pk: row for row, lane in enumerate(lanes)}
    steps = [step for step in steps if step.lane_id in row_of]
    figures = metrics or key_figures.compute(steps, yearly_volume=process_map.yearly_volume)
    # Ids unique in a page that shows several maps, or one map in parts.
    prefix = f"pm{process_map.pk}-" if number_from == 1 else f"pm{process_map.pk}s{number_from}-"
    top = TOP_TITLE if title else 8
    lanes_bottom = top + LANE_H * max(len(lanes), 1)
    width = max(MIN_WIDTH, LANE_HEAD + COLUMN * len(steps) + 16)
    ladder_y = lanes_bottom + 6
    totals_y = ladder_y + LADDER_H
    legend_y = totals_y + TOTALS_H + 8
    height = legend_y + LEGEND_H
    kind = _("Future state") if process_map.kind == MapKind.FUTURE else _("Current state")
    name = f"{process_map.name} ({kind})"

    parts = [_defs(prefix)]
    if title:
        parts.append(
            format_html(
                '<text x="16" y="32" font-size="{}" font-weight="bold" fill="{}">{}</text>',
                22,
                TEXT,
                name,
            )
        )
    for row, lane in enumerate(lanes):
        y = top + row * LANE_H
        head = wrap(lane.name, LANE_CHARS, 3)
        parts.append(
            format_html(
                '<g class="pd-lane"><title>{name}</title>'
                '<rect x="0" y="{y}" width="{w}" height="{h}" fill="{fill}" stroke="{grid}"/>'
                '<rect x="0" y="{y}" width="{hw}" height="{h}" fill="#e6eef6" stroke="{grid}"/>'
                '<text font-size="{size}" font-weight="bold" fill="{text}">{lines}</text></g>',
                size=FONT_SIZE,
                name=lane.name,
                y=y,
                w=width,
                h=LANE_H,
                hw=LANE_HEAD,
                fill=LANE_FILL[row % 2],
                grid=GRID,
                text=TEXT,
                lines=format_html_join(
                    "",
                    '<tspan x="12" y="{}">{}</tspan>',
                    ((y + 30 + 19 * i, line) for i, line in enumerate(head)),
                ),
            )
        )
    if not steps:
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="{size}" fill="{muted}">{text}</text>',
                size=FONT_SIZE,
                x=LANE_HEAD + 16,
                y=top + 36,
                muted=MUTED,
                text=_("No steps yet."),
            )
        )

    def box_at(index, step):
        return (
            LANE_HEAD + index * COLUMN + (COLUMN - BOX_W) / 2,
            top + row_of[step.lane_id] * LANE_H + (LANE_H - BOX_H) / 2,
        )

    for index in range(1, len(steps)):
        before, after = steps[index - 1], steps[index]
        (x1, y1), (x2, y2) = box_at(index - 1, before), box_at(index, after)
        parts.append(
            _arrow(
                prefix,
                x1 + BOX_W,
                y1 + BOX_H / 2,
                x2,
                y2 + BOX_H / 2,
                hand_off=before.lane_id != after.lane_id,
            )
        )
    for index, step in enumerate(steps):
        parts.append(_step_box(prefix, index + number_from, step, *box_at(index, step)))
    parts.append(_ladder(steps, ladder_y))
    parts.append(
        format_html(
            '<line x1="0" x2="{w}" y1="{y}" y2="{y}" stroke="{grid}"/>',
            w=width,
            y=totals_y,
            grid=GRID,
        )
    )
    parts.append(_totals(figures, totals_y))
    parts.append(_legend(prefix, legend_y))
    return format_html(
        '<svg class="process-drawing" xmlns="http://www.w3.org/2000/svg" version="1.1" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{p}title {p}desc" font-family="{font}">'
        '<title id="{p}title">{name}</title><desc id="{p}desc">{desc}</desc>'
        '<rect width="{w}" height="{h}" fill="#ffffff"/>{parts}</svg>',
        w=width,
        h=height,
        p=prefix,
        font=FONT,
        name=name,
        desc=describe(figures, len(lanes)),
        parts=_join(parts),
    )


# --- Small charts beside the drawing --------------------------------------------------

BAR_W = 640


def time_bars(rows: Sequence[tuple[str, object]], *, label: str) -> str:
    """Stacked proportional bars, one per (name, metrics): processing then
    waiting, as long as the lead time (the longest fills the width), each
    part named in text so that the colours are not needed to read it."""
    longest = max((figures.lead_minutes for _name, figures in rows), default=0) or 1
    bar_h, gap, head = 30, 40, 26
    height = len(rows) * (head + bar_h + gap)
    parts = []
    for index, (name, figures) in enumerate(rows):
        y = index * (head + bar_h + gap) + head
        total = figures.lead_minutes / longest * BAR_W
        processing = figures.processing_minutes / longest * BAR_W
        parts.append(
            format_html(
                '<g class="time-bar"><text x="0" y="{ny}" font-size="{large}" font-weight="bold" '
                'fill="{text}">{name}: {lead}</text>'
                '<rect x="0" y="{y}" width="{tw}" height="{h}" fill="{waiting}" stroke="{muted}"/>'
                '<rect x="0" y="{y}" width="{pw}" height="{h}" fill="{proc}"/>'
                '<text x="0" y="{ly}" font-size="{small}" fill="{muted}">{parts}</text></g>',
                ny=y - 8,
                large=FONT_SIZE,
                small=SMALL,
                text=TEXT,
                name=name,
                lead=str(formatting.working_days(figures.lead_days)),
                y=y,
                tw=f"{max(total, 1):.1f}",
                pw=f"{processing:.1f}",
                h=bar_h,
                waiting=WAITING,
                muted=MUTED,
                proc=PROCESSING,
                ly=y + bar_h + 19,
                parts=_("processing %(processing)s (dark), waiting %(waiting)s (light)")
                % {
                    "processing": duration(figures.processing_minutes),
                    "waiting": duration(figures.waiting_minutes),
                },
            )
        )
    return format_html(
        '<svg class="chart chart--bars" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}" '
        'font-family="{font}">{parts}</svg>',
        w=BAR_W,
        h=height,
        label=label,
        font=FONT,
        parts=_join(parts),
    )
