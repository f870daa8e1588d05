"""The report's chapters put together from what the apps contribute.

Each app's ``report_sections`` (klean.extensions) returns ``Section`` objects
(klean.sections) for a ``Subject``; ``assemble`` orders them, numbers the
chapters and the sources (K1, K2 … in the order a reader meets them), picks
the summary's key-number cards from the figures the apps offer as
headlines, and lists in the appendix «Kilder og beregninger» every source
with the figures computed from it. ``view_model`` is everything the report
shows, as plain values: its serialisation is the report's fingerprint.

Nothing here renders: ``reports.document`` fills the templates with the
``Document`` and hands the HTML to ``reports.pdf``.
"""

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from klean.extensions import contributions
from klean.sections import FINAL, PORTFOLIO, STATUS, Figure, Section, Source, titled
from projects.method import Phase
from projects.models import ProjectStatus

__all__ = [
    "FINAL",
    "PORTFOLIO",
    "STATUS",
    "Document",
    "Figure",
    "Section",
    "Source",
    "assemble",
    "collect",
    "titled",
    "view_model",
]

#: The most key-number cards the summary shows.
CARDS = 6


def kind_label(kind: str) -> str:
    return {
        FINAL: _("Final report"),
        STATUS: _("Status report"),
        PORTFOLIO: _("Portfolio report"),
    }[kind]


@dataclass
class Appendix:
    """One source in «Kilder og beregninger» and the figures computed from it."""

    source: Source
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Document:
    """What one report shows, assembled in the report's language."""

    kind: str
    language: str
    title: str  # «Sluttrapport: Raskere byggesak»: the PDF's title and the footer's
    heading: str  # the cover's: the project's title, or the organisation's name
    subtitle: str
    kind_label: str
    organisation: str
    facts: list[tuple[str, str]]  # the colophon's «document information» rows
    summary: list[str]  # the summary's paragraphs
    cards: list[Figure]
    sections: list[Section]
    appendix: list[Appendix]
    portfolio: list[dict]  # per project: title and its figures (portfolio reports)
    keywords: str = ""


def collect(subject) -> list[Section]:
    """Every app's sections for ``subject``, in chapter order."""
    sections: list[Section] = []
    for _config, contribute in contributions("report_sections"):
        sections.extend(contribute(subject))
    return sorted(sections, key=lambda section: (section.order, section.key))


def _numbered(sections: list[Section]) -> tuple[list[Section], list[Appendix]]:
    """Number the sources in reading order (one number per key), give every
    figure its source's number, and number the chapters from 2 (1 is the
    summary). A figure whose source no section names is a mistake in the
    app that made it: it raises ValueError rather than print an untraceable
    number."""
    appendix: dict[str, Appendix] = {}
    for section in sections:
        for source in section.sources:
            if source.key not in appendix:
                appendix[source.key] = Appendix(
                    dataclasses.replace(source, number=len(appendix) + 1)
                )
    numbered = []
    chapter = 1
    for section in sections:
        figures = []
        for figure in section.figures:
            entry = appendix.get(figure.source)
            if entry is None:
                raise ValueError(f"{section.key}.{figure.key} names no source ({figure.source})")
            figure = dataclasses.replace(figure, number=entry.source.number)
            entry.figures.append(figure)
            figures.append(figure)
        if section.template:
            chapter += 1
        numbered.append(
            dataclasses.replace(
                section,
                number=chapter if section.template else 0,
                sources=tuple(appendix[source.key].source for source in section.sources),
                figures=tuple(figures),
            )
        )
    return numbered, list(appendix.values())


def _cards(sections: list[Section]) -> list[Figure]:
    offered = [
        figure
        for section in sections
        for figure in section.figures
        if figure.headline and figure.project is None
    ]
    return sorted(offered, key=lambda figure: figure.headline)[:CARDS]


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _project_texts(subject) -> tuple[str, list[tuple[str, str]], list[str]]:
    project = subject.project
    title = _("%(kind)s: %(project)s") % {
        "kind": kind_label(subject.kind),
        "project": project.title,
    }
    facts = [
        (_("Project"), project.title),
        (_("Organisation"), subject.organisation.name),
        (_("Process"), f"{project.process_name} ({project.scope})"),
        (_("Service area"), str(project.get_service_area_display())),
        (_("Kind of project"), str(project.get_kind_display())),
        (_("Period"), f"{_day(project.start_date)} – {_day(project.planned_end_date)}"),
        (_("Phase"), f"{project.phase}. {Phase(project.phase).label}"),
        (_("Status"), str(project.get_status_display())),
    ]
    if project.status == ProjectStatus.FINISHED:
        wording = _(
            "%(organisation)s ran the %(kind)s «%(project)s» in %(area)s: the process "
            "«%(process)s», from «%(start)s» to «%(end)s». The project started on "
            "%(started)s and was planned to end on %(ends)s; it is finished, and ended in "
            "phase %(phase)s, %(phase_name)s."
        )
    else:
        wording = _(
            "%(organisation)s runs the %(kind)s «%(project)s» in %(area)s: the process "
            "«%(process)s», from «%(start)s» to «%(end)s». The project started on "
            "%(started)s and is planned to end on %(ends)s; it is now in phase %(phase)s, "
            "%(phase_name)s."
        )
    summary = [
        wording
        % {
            "organisation": subject.organisation.name,
            "kind": str(project.get_kind_display()).lower(),
            "project": project.title,
            "area": str(project.get_service_area_display()).lower(),
            "process": project.process_name,
            "start": project.process_start,
            "end": project.process_end,
            "started": _day(project.start_date),
            "ends": _day(project.planned_end_date),
            "phase": project.phase,
            "phase_name": str(Phase(project.phase).label).lower(),
        }
    ]
    return title, facts, summary


def _portfolio_texts(subject, sections) -> tuple[str, list[tuple[str, str]], list[str]]:
    title = _("%(kind)s: %(organisation)s") % {
        "kind": kind_label(subject.kind),
        "organisation": subject.organisation.name,
    }
    period = (
        f"{_day(subject.period[0])} – {_day(subject.period[1])}"
        if subject.period
        else _("All projects")
    )
    facts = [(_("Organisation"), subject.organisation.name), (_("Period"), period)]
    count = len({figure.project for s in sections for figure in s.figures if figure.project})
    summary = [
        _(
            "This report covers the improvement projects of %(organisation)s in the period "
            "%(period)s: %(count)s projects."
        )
        % {"organisation": subject.organisation.name, "period": period, "count": count}
    ]
    return title, facts, summary


def _portfolio(sections: list[Section]) -> list[dict]:
    """One table per project: every figure the apps give for it, in chapter order."""
    projects: dict[int, dict] = {}
    for section in sections:
        for project in section.data.get("projects", ()):
            projects.setdefault(project["pk"], {**project, "figures": []})
    for section in sections:
        for figure in section.figures:
            if figure.project in projects:
                projects[figure.project]["figures"].append(figure)
    return list(projects.values())


def assemble(subject) -> Document:
    """The whole report for ``subject``, in the active language (the caller
    sets it: ``translation.override(subject.language)``)."""
    sections, appendix = _numbered(collect(subject))
    if subject.project is not None:
        title, facts, summary = _project_texts(subject)
    else:
        title, facts, summary = _portfolio_texts(subject, sections)
    return Document(
        kind=subject.kind,
        language=subject.language,
        title=title,
        heading=subject.project.title if subject.project else subject.organisation.name,
        subtitle=subject.project.process_name if subject.project else facts[-1][1],
        kind_label=kind_label(subject.kind),
        organisation=subject.organisation.name,
        facts=facts,
        summary=summary,
        cards=_cards(sections),
        sections=[section for section in sections if section.template],
        appendix=appendix,
        portfolio=_portfolio(sections) if subject.kind == PORTFOLIO else [],
        keywords=", ".join([str(kind_label(subject.kind)), "K-LEAN", subject.organisation.name]),
    )


def _plain(value):
    if isinstance(value, Decimal | date | datetime | Promise):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"a report shows plain values, not {type(value).__name__}")


def view_model(document: Document) -> str:
    """Everything ``document`` shows, serialised the same way every time."""
    return json.dumps(
        dataclasses.asdict(document), default=_plain, sort_keys=True, ensure_ascii=False
    )
