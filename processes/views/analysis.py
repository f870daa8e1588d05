"""The analysis of a project's current-state map (phase 4 of the method):
key figures, value classes, waste by type, and the problems with their
root causes."""

from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from klean.formats import format_number
from processes import drawing, metrics
from processes.models import Lane, ProblemNote, ProcessMap, Step, ValueClass, WasteType
from projects.access import project_view


@project_view("view_project")
@require_GET
def analysis(request):
    project = request.project
    process_map = ProcessMap.objects.filter(project=project).current().first()
    if process_map is None:
        return render(request, "processes/analysis_none.html", {"project": project})
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
            "days": metrics.days(figure.minutes),
        }
        for code, figure in figures.waste_by_type.items()
    ]
    named = [row for row in waste_rows if row["steps"] or row["notes"]]
    chart = (
        drawing.bar_chart(
            [
                (
                    str(row["label"]),
                    row["steps"] + row["notes"],
                    _("%(steps)s steps, %(notes)s problems")
                    % {"steps": row["steps"], "notes": row["notes"]},
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
            "days": metrics.days(
                sum(s.processing_minutes + s.waiting_minutes for s in classes[code])
            ),
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
            "waste_days": format_number(metrics.days(figures.waste_minutes)),
        },
    )
