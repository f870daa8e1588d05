"""The analysis of a project's current-state map (phase 4 of the method):
key figures, value classes, waste by type, and the problems with their
root causes.

The value classes' times are split into processing and waiting, so that the
value-adding steps' processing time is the numerator of the flow efficiency
shown above them. Waste by type counts a step under each of its types, so
those rows may add up to more than the lead time (the page says so)."""

from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from klean.charts import value_bars
from processes import drawing, formatting, metrics
from processes.models import Lane, ProblemNote, ProcessMap, Step, ValueClass, WasteType
from projects.access import project_view


def chart_value(steps: int, notes: int) -> str:
    """A waste type's bar, in words: "7 steps, 1 problem"."""
    return ", ".join(
        (
            ngettext("%(count)s step", "%(count)s steps", steps) % {"count": steps},
            ngettext("%(count)s problem", "%(count)s problems", notes) % {"count": notes},
        )
    )


@project_view("view_project")
@require_GET
def analysis(request):
    project = request.project
    process_map = ProcessMap.objects.filter(project=project).current().first()
    if process_map is None:
        return render(request, "processes/analysis_none.html", {"project": project})
    process_map.project = project  # for its address, without a query
    lanes = list(Lane.objects.filter(map=process_map).order_by("order", "pk"))
    steps = list(
        Step.objects.filter(map=process_map, lane__deleted_at__isnull=True)
        .prefetch_related(
            Prefetch("notes", queryset=ProblemNote.objects.select_related("author").order_by("pk"))
        )
        .order_by("order", "pk")
    )
    for number, step in enumerate(steps, start=1):
        step.number = number
        step.note_list = list(step.notes.all())
        step.note_count = len(step.note_list)
    figures = metrics.compute(
        steps,
        yearly_volume=process_map.yearly_volume,
        note_waste_types={
            step.pk: [note.waste_type for note in step.note_list if note.waste_type]
            for step in steps
        },
    )
    labels = dict(WasteType.choices)
    waste_rows = [
        {
            "code": code,
            "label": labels[code],
            "steps": figure.steps,
            "notes": figure.notes,
            "time": formatting.duration(figure.minutes),
        }
        for code, figure in figures.waste_by_type.items()
    ]
    named = [row for row in waste_rows if row["steps"] or row["notes"]]
    chart = (
        value_bars(
            [
                (
                    str(row["label"]),
                    row["steps"] + row["notes"],
                    chart_value(row["steps"], row["notes"]),
                )
                for row in waste_rows
            ],
            label=_("Waste by type: ")
            + "; ".join(f"{row['label']}: {row['steps']} / {row['notes']}" for row in named),
        )
        if named
        else None
    )
    classes = defaultdict(list)
    for step in steps:
        classes[step.value_class].append(step)
    class_rows = [
        {
            "label": drawing.class_label(code),
            "letter": step_marks[0],
            "glyph": step_marks[1],
            "code": code or "none",
            "count": len(classes[code]),
            "processing": formatting.duration(sum(s.processing_minutes for s in classes[code])),
            "waiting": formatting.duration(sum(s.waiting_minutes for s in classes[code])),
        }
        for code, step_marks in (
            (ValueClass.VALUE_ADDING, ("V", "✓")),
            (ValueClass.NECESSARY, ("N", "◆")),
            (ValueClass.WASTE, ("S", "✕")),
            ("", ("?", "·")),
        )
    ]
    return render(
        request,
        "processes/analysis.html",
        {
            "project": project,
            "map": process_map,
            "figures": figures,
            "totals": drawing.totals(figures),
            "class_rows": class_rows,
            "unclassified": classes[""],
            "waste_rows": waste_rows,
            "chart": chart,
            "noted_steps": [step for step in steps if step.note_list],
            "note_total": sum(step.note_count for step in steps),
            "drawing": drawing.draw(process_map, steps, lanes, figures),
            "waste_time": formatting.working_days(metrics.days(figures.waste_minutes)),
            "value_adding_time": formatting.duration(figures.value_adding_minutes),
            "lead_time": formatting.duration(figures.lead_minutes),
        },
    )
