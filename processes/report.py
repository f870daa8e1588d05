"""The process maps' chapters of a PDF report (``report_sections``, klean.extensions).

Final report: the current map drawn on landscape pages (``drawing.draw``, in
parts of at most ``COLUMNS`` steps so that its text stays legible), its key
figures (lead time, processing time, flow efficiency, steps, hand-offs, time
in waste, hours and FTEs per year), value classes and waste by type in
minutes per case; then the newest future map with the deltas against the
current one. Each figure names the map and its version as its source, and the
source lists the steps, so a reader can trace a number to a step.

A portfolio gives each project its lead time today and in the future.
A status report has no map chapter: it is about where the project stands.
"""

import dataclasses
import math
from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klean.charts import value_bars
from klean.sections import FINAL, PORTFOLIO, Figure, Section, Source, titled
from processes import drawing, formatting, metrics
from processes.models import Lane, MapKind, ProblemNote, ProcessMap, Step, ValueClass, WasteType
from processes.views.compare import kpi_rows, step_changes

TEMPLATES = "reports/pdf/sections/"
#: The most steps drawn on one landscape page.
COLUMNS = 8


def sections(subject) -> list[Section]:
    if subject.kind == PORTFOLIO:
        return [portfolio(subject)]
    if subject.kind != FINAL:
        return []
    project = subject.project
    current = ProcessMap.objects.filter(project=project).current().first()
    future = (
        ProcessMap.objects.filter(project=project, based_on=current)
        .future()
        .order_by("-pk")
        .first()
        if current
        else None
    )
    loaded_current = load(current) if current else None
    loaded_future = load(future) if future else None
    return [
        current_section(loaded_current, has_future=loaded_future is not None),
        future_section(loaded_current, loaded_future),
    ]


class Loaded:
    """A map with its lanes, steps (numbered, with their problems) and figures."""

    def __init__(self, process_map, lanes, steps):
        self.map = process_map
        self.lanes = lanes
        self.steps = steps
        self.figures = metrics.compute(
            steps,
            yearly_volume=process_map.yearly_volume,
            note_waste_types={
                step.pk: [note.waste_type for note in step.note_list if note.waste_type]
                for step in steps
            },
        )

    @property
    def key(self) -> str:
        return f"map-{self.map.pk}"


def load(process_map: ProcessMap) -> Loaded:
    """Three queries: lanes, steps, their problem notes."""
    lanes = list(Lane.objects.filter(map=process_map).order_by("order", "pk"))
    steps = list(
        Step.objects.filter(map=process_map, lane__deleted_at__isnull=True)
        .prefetch_related(Prefetch("notes", queryset=ProblemNote.objects.order_by("pk")))
        .order_by("order", "pk")
    )
    for number, step in enumerate(steps, start=1):
        step.number = number
        step.note_list = list(step.notes.all())
        step.note_count = len(step.note_list)
    return Loaded(process_map, lanes, steps)


def kind_label(process_map) -> str:
    return _("future state") if process_map.kind == MapKind.FUTURE else _("current state")


def map_source(loaded: Loaded) -> Source:
    process_map, figures = loaded.map, loaded.figures
    lanes = {lane.pk: lane.name for lane in loaded.lanes}
    notes = sum(step.note_count for step in loaded.steps)
    details = [
        ngettext("%(steps)s step in %(lanes)s; ", "%(steps)s steps in %(lanes)s; ", figures.steps)
        % {
            "steps": figures.steps,
            "lanes": ngettext("%(count)s swimlane", "%(count)s swimlanes", len(loaded.lanes))
            % {"count": len(loaded.lanes)},
        }
        + ngettext("%(count)s problem noted.", "%(count)s problems noted.", notes)
        % {"count": notes},
        _("Version %(version)s, last changed %(day)s.")
        % {
            "version": process_map.version,
            "day": date_format(process_map.updated_at, "SHORT_DATE_FORMAT"),
        },
    ]
    if process_map.yearly_volume:
        details.append(
            _("%(volume)s cases per year, as given on the map; 1 FTE = %(hours)s hours a year.")
            % {
                "volume": formatting.number(process_map.yearly_volume, 0),
                "hours": formatting.number(settings.KLEAN_FTE_HOURS, 0),
            }
        )
    else:
        details.append(_("No yearly case volume given: no hours or FTEs per year."))
    items = tuple(
        _(
            "Step %(number)s «%(title)s» (%(lane)s): processing %(processing)s, waiting "
            "%(waiting)s, %(class)s"
        )
        % {
            "number": step.number,
            "title": step.title,
            "lane": lanes.get(step.lane_id, ""),
            "processing": formatting.duration(step.processing_minutes),
            "waiting": formatting.duration(step.waiting_minutes),
            "class": drawing.class_label(step.value_class).lower(),
        }
        for step in loaded.steps
    )
    return Source(
        loaded.key,
        _("Process map «%(name)s» (%(kind)s), version %(version)s")
        % {
            "name": process_map.name,
            "kind": kind_label(process_map),
            "version": process_map.version,
        },
        tuple(details),
        items,
    )


def parts(loaded: Loaded) -> list[dict]:
    """The drawing in parts of at most ``COLUMNS`` steps, as even as they come."""
    steps = loaded.steps
    count = max(1, math.ceil(len(steps) / COLUMNS))
    size = max(1, math.ceil(len(steps) / count))
    drawn = []
    for index in range(count):
        chunk = steps[index * size : (index + 1) * size]
        first = index * size + 1
        drawn.append(
            {
                "svg": drawing.draw(
                    loaded.map,
                    chunk,
                    loaded.lanes,
                    loaded.figures,
                    title=False,
                    number_from=first,
                ),
                "first": first,
                "last": first + len(chunk) - 1,
                "part": index + 1,
                "parts": count,
            }
        )
    return drawn


def key_figures(loaded: Loaded, prefix: str) -> list[Figure]:
    f = loaded.figures
    key = loaded.key
    rows = [
        Figure(
            f"{prefix}lead_time",
            _("Lead time"),
            str(formatting.working_days(f.lead_days)),
            key,
            method=_(
                "Processing and waiting time of all steps added up, in working days of 7.5 hours."
            ),
        ),
        Figure(
            f"{prefix}processing",
            _("Processing time"),
            str(formatting.hours(f.processing_hours)),
            key,
            method=_("Processing time of all steps added up."),
        ),
        Figure(
            f"{prefix}flow",
            _("Share of value-adding time (flow efficiency)"),
            "–" if f.flow_percent is None else str(formatting.percent(f.flow_percent)),
            key,
            method=_("Processing time of the value-adding steps / lead time."),
        ),
        Figure(f"{prefix}steps", _("Steps"), formatting.number(f.steps), key),
        Figure(
            f"{prefix}hand_offs",
            _("Hand-offs"),
            formatting.number(f.hand_offs),
            key,
            method=_("Consecutive steps in different swimlanes."),
        ),
        Figure(
            f"{prefix}waste",
            _("Time in waste steps"),
            str(formatting.duration(f.waste_minutes)),
            key,
            method=_("Processing and waiting time of the steps classed as waste, per case."),
        ),
    ]
    if f.hours_per_year is not None:
        rows += [
            Figure(
                f"{prefix}hours",
                _("Work per year"),
                str(formatting.hours_per_year(f.hours_per_year)),
                key,
                method=_("Processing time × people involved, per case, × cases per year / 60."),
            ),
            Figure(
                f"{prefix}ftes",
                _("FTEs"),
                str(formatting.ftes(f.ftes)),
                key,
                method=_("Work per year / %(hours)s hours per FTE.")
                % {"hours": formatting.number(settings.KLEAN_FTE_HOURS, 0)},
            ),
        ]
    return rows


def current_section(loaded: Loaded | None, *, has_future: bool) -> Section:
    title = _("Current state")
    if loaded is None:
        return Section("current", title, 60, TEMPLATES + "current.html", data={"empty": True})
    f = loaded.figures
    figures = key_figures(loaded, "current-")
    if not has_future:
        figures[0] = dataclasses.replace(figures[0], headline=1)
    labels = dict(WasteType.choices)
    waste_rows = [
        {
            "code": code,
            "label": str(labels[code]),
            "steps": figure.steps,
            "notes": figure.notes,
            "minutes": figure.minutes,
            "time": str(formatting.duration(figure.minutes)),
            "figure": f"current-waste-{code}",
        }
        for code, figure in f.waste_by_type.items()
    ]
    for row in waste_rows:
        figures.append(
            Figure(
                f"current-waste-{row['code']}",
                _("Waste «%(type)s», per case") % {"type": row["label"]},
                row["time"],
                loaded.key,
                method=_(
                    "Processing and waiting time of the steps marked with this waste type "
                    "(a step with two types counts under both)."
                ),
            )
        )
    named = [row for row in waste_rows if row["minutes"] or row["steps"] or row["notes"]]
    chart = (
        titled(
            value_bars(
                [(row["label"], row["minutes"], row["time"]) for row in waste_rows],
                label=_("Waste by type, minutes per case: ")
                + "; ".join(f"{row['label']}: {row['time']}" for row in named),
            )
        )
        if named
        else ""
    )
    classes = defaultdict(list)
    for step in loaded.steps:
        classes[step.value_class].append(step)
    class_rows = [
        {
            "label": drawing.class_label(code),
            "mark": f"{glyph} {letter}",
            "count": len(classes[code]),
            "processing": str(
                formatting.duration(sum(s.processing_minutes for s in classes[code]))
            ),
            "waiting": str(formatting.duration(sum(s.waiting_minutes for s in classes[code]))),
        }
        for code, (letter, glyph) in (
            (ValueClass.VALUE_ADDING, ("V", "✓")),
            (ValueClass.NECESSARY, ("N", "◆")),
            (ValueClass.WASTE, ("S", "✕")),
            ("", ("?", "·")),
        )
    ]
    problems = [
        {"step": step.number, "title": step.title, "notes": [note.text for note in step.note_list]}
        for step in loaded.steps
        if step.note_list
    ]
    return Section(
        "current",
        title,
        60,
        TEMPLATES + "current.html",
        data={
            "empty": False,
            "name": loaded.map.name,
            "version": loaded.map.version,
            "start": loaded.map.start_point,
            "end": loaded.map.end_point,
            "volume": formatting.number(loaded.map.yearly_volume, 0)
            if loaded.map.yearly_volume
            else "",
            "parts": parts(loaded),
            "key_figures": [figure.key for figure in figures if "-waste-" not in figure.key],
            "classes": class_rows,
            "waste": waste_rows,
            "waste_chart": chart,
            "problems": problems,
            "description": drawing.describe(f, len(loaded.lanes)),
        },
        sources=(map_source(loaded),),
        figures=tuple(figures),
    )


def future_section(current: Loaded | None, future: Loaded | None) -> Section:
    title = _("Future state")
    if current is None or future is None:
        return Section(
            "future",
            title,
            70,
            TEMPLATES + "future.html",
            data={"empty": True, "no_current": current is None},
        )
    before, after = current.figures, future.figures
    rows = [
        {
            "label": str(row["label"]),
            "before": row["before_text"],
            "after": row["after_text"],
            "change": row["change"],
            "verdict": str(row["verdict"]),
        }
        for row in kpi_rows(before, after)
    ]
    changes, removed = step_changes(current.steps, future.steps, current.lanes, future.lanes)
    counts = {
        status: sum(1 for row in changes if row["status"] == status)
        for status in ("new", "changed", "kept")
    }
    freed = metrics.freed_hours(before, after)
    figures = [
        Figure(
            "lead_time-change",
            _("Lead time, today → future"),
            f"{formatting.working_days(before.lead_days).number} → "
            f"{formatting.working_days(after.lead_days)}",
            future.key,
            method=_(
                "Each map's processing and waiting time added up, in working days of 7.5 hours."
            ),
            headline=1,
            note=_("today → future state"),
        ),
        *key_figures(future, "future-"),
    ]
    if freed is not None:
        figures.append(
            Figure(
                "future-freed",
                _("Hours per year the future process frees"),
                formatting.freed(freed),
                future.key,
                method=_("Work per year today − work per year in the future process."),
            )
        )
    step_rows = [
        {
            "number": row["number"],
            "title": row["step"].title,
            "lane": row["lane"],
            "status": row["status"],
            "what": ", ".join(row["what"]),
            "origin": row["origin"].number if row["origin"] is not None else None,
        }
        for row in changes
    ]
    return Section(
        "future",
        title,
        70,
        TEMPLATES + "future.html",
        data={
            "empty": False,
            "name": future.map.name,
            "current_name": current.map.name,
            "parts": parts(future),
            "key_figures": [
                figure.key
                for figure in figures
                if figure.key.startswith("future-") and figure.key != "future-freed"
            ],
            "deltas": rows,
            "steps": step_rows,
            "removed": [{"number": s.number, "title": s.title} for s in removed],
            "counts": counts,
        },
        sources=(map_source(current), map_source(future)),
        figures=tuple(figures),
    )


def portfolio(subject) -> Section:
    from projects.report import portfolio_projects

    projects = portfolio_projects(subject)
    maps = list(ProcessMap.objects.filter(project__in=projects).order_by("pk"))
    steps = defaultdict(list)
    for step in Step.objects.filter(map__in=maps, lane__deleted_at__isnull=True).order_by(
        "order", "pk"
    ):
        steps[step.map_id].append(step)
    current = {m.project_id: m for m in maps if m.kind == MapKind.CURRENT}
    future = {}
    for process_map in maps:
        if process_map.kind == MapKind.FUTURE:
            future[process_map.project_id] = process_map  # the newest wins
    figures, sources = [], []
    for project in projects:
        today = current.get(project.pk)
        if today is None:
            continue
        before = metrics.compute(steps[today.pk], yearly_volume=today.yearly_volume)
        value = str(formatting.working_days(before.lead_days))
        key = f"map-{today.pk}"
        details = [
            ngettext("%(count)s step.", "%(count)s steps.", before.steps) % {"count": before.steps}
        ]
        plan = future.get(project.pk)
        if plan is not None:
            after = metrics.compute(steps[plan.pk], yearly_volume=plan.yearly_volume)
            value = f"{value} → {formatting.working_days(after.lead_days)}"
            details.append(
                _("Future state: «%(name)s», version %(version)s, %(count)s steps.")
                % {"name": plan.name, "version": plan.version, "count": after.steps}
            )
        sources.append(
            Source(
                key,
                _("Process map «%(name)s» (%(kind)s), version %(version)s")
                % {"name": today.name, "kind": kind_label(today), "version": today.version},
                tuple(details),
            )
        )
        figures.append(
            Figure(
                f"project-{project.pk}-lead_time",
                _("Lead time, today → future") if plan else _("Lead time"),
                value,
                key,
                method=_("Processing and waiting time of all steps added up."),
                project=project.pk,
            )
        )
    return Section("maps", _("Process maps"), 60, sources=tuple(sources), figures=tuple(figures))
