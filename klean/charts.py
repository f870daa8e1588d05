"""Server-rendered SVG charts, shared by pages and (later) PDF reports.

Charts are plain SVG markup built from numbers: no JavaScript, no inline
styles (the Content-Security-Policy forbids them), colours as presentation
attributes, and a text alternative for screen readers.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def _scale(values, low, high, size):
    span = (high - low) or 1
    return [size - (float(v) - low) / span * size for v in values]


def trend(
    values: list[Decimal],
    *,
    baseline: Decimal,
    target: Decimal,
    label: str,
    width: int = 160,
    height: int = 40,
) -> str:
    """A small line chart of measurements with the baseline and target as lines.

    ``label`` is the text alternative (what the chart says, in words).
    """
    pad = 4
    numbers = [float(v) for v in values]
    low = min([*numbers, float(baseline), float(target)])
    high = max([*numbers, float(baseline), float(target)])
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    base_y, target_y = _scale([baseline, target], low, high, inner_h)
    ys = _scale(numbers, low, high, inner_h)
    step = inner_w / max(len(ys) - 1, 1)
    points = [Point(pad + i * step, pad + y) for i, y in enumerate(ys)]
    path = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="2.5" fill="#1d4f7c"/>',
        ((f"{p.x:.1f}", f"{p.y:.1f}") for p in points),
    )
    line = (
        format_html('<polyline points="{}" fill="none" stroke="#1d4f7c" stroke-width="2"/>', path)
        if len(points) > 1
        else ""
    )
    return format_html(
        '<svg class="chart chart--trend" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{pad}" x2="{end}" y1="{by}" y2="{by}" stroke="#6b7785" stroke-dasharray="3 3"/>'
        '<line x1="{pad}" x2="{end}" y1="{ty}" y2="{ty}" stroke="#2e7d4f" stroke-width="1.5"/>'
        "{line}{dots}</svg>",
        w=width,
        h=height,
        label=label,
        pad=pad,
        end=width - pad,
        by=f"{pad + base_y:.1f}",
        ty=f"{pad + target_y:.1f}",
        line=line,
        dots=dots,
    )
