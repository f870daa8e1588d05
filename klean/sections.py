"""The parts of a PDF report that an app contributes: sections, figures, sources.

An app declares ``report_sections = "<app>.report.sections"`` on its
``AppConfig`` (klean.extensions); that callable takes the report's subject
(``reports.document.Subject``: kind, language, organisation, project, period)
and returns ``Section`` objects. ``reports`` assembles them into one document,
numbers the chapters and the sources, and writes the appendix «Kilder og
beregninger». The classes live here, below every app, so that an app builds
its sections without importing ``reports``.

Every number a section shows is a ``Figure`` naming the ``Source`` it was
computed from (which map and version, which form and how many answers, which
ideas by number and title) and, where it is not a plain count, how. A section's
``data`` holds plain values (text, numbers, dates, lists and dicts of them,
and SVG markup made by ``klean.charts`` or ``processes.drawing``): it is
serialised for the report's fingerprint, so it holds no model instances and
nothing that changes by itself (no time of now).
"""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

#: Report kinds (reports.document.Subject.kind).
FINAL, STATUS, PORTFOLIO = "final", "status", "portfolio"


@dataclass(frozen=True)
class Source:
    """What figures were computed from: ``title`` names it («Prosesskart
    «Byggesak i dag», versjon 27»), ``details`` say what it holds and when,
    ``items`` list its parts when a reader needs them to trace a number
    (ideas by number and title). ``number`` is given by the assembly."""

    key: str
    title: str
    details: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    number: int = 0

    @property
    def anchor(self) -> str:
        return f"source-{self.key}"


@dataclass(frozen=True)
class Figure:
    """One number the report shows, as written («61,9 arbeidsdager»), with
    the key of its ``Source`` and the method when it is computed. A
    ``headline`` above 0 offers it for the summary's key-number cards (lower
    first); ``project`` puts it in that project's table of a portfolio."""

    key: str
    label: str
    value: str
    source: str
    method: str = ""
    headline: int = 0
    note: str = ""
    project: int | None = None
    number: int = 0

    @property
    def anchor(self) -> str:
        return f"source-{self.source}"


@dataclass(frozen=True)
class Section:
    """A chapter of the report: rendered from ``template`` with ``section``
    in the context, so it reads ``section.data``, ``section.fig.<key>`` and
    ``section.src.<key>``. ``order`` places it among the other apps'
    chapters; a section without a template adds its figures (to the
    portfolio's tables and the appendix) but no chapter."""

    key: str
    title: str
    order: int
    template: str = ""
    data: dict = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    figures: tuple[Figure, ...] = ()
    number: int = 0

    @property
    def fig(self) -> dict[str, Figure]:
        return {figure.key: figure for figure in self.figures}

    @property
    def src(self) -> dict[str, Source]:
        return {source.key: source for source in self.sources}

    @property
    def anchor(self) -> str:
        return f"chapter-{self.key}"


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ARIA_LABEL = re.compile(r'\saria-label="([^"]*)"')


def titled(svg: str, alt: str | None = None) -> SafeString:
    """``svg`` (trusted markup from klean.charts or processes.drawing) with a
    ``<title>`` as its first child: a tagged PDF takes a figure's Alt text
    from it. ``alt`` is escaped; without it the chart's ``aria-label`` (already
    escaped as an attribute) becomes the title. An SVG with a title keeps it."""
    opening = _SVG_OPEN.search(svg)
    if opening is None or "<title" in svg[opening.end() : opening.end() + 10]:
        return mark_safe(svg)  # noqa: S308 - our own markup, unchanged
    if alt is None:
        label = _ARIA_LABEL.search(opening.group(0))
        title = mark_safe(label.group(1) if label else "")  # noqa: S308 - escaped attribute
    else:
        title = alt
    return format_html(
        "{}<title>{}</title>{}",
        mark_safe(svg[: opening.end()]),  # noqa: S308 - our own markup
        title,
        mark_safe(svg[opening.end() :]),  # noqa: S308 - our own markup
    )
