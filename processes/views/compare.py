"""The map as a drawing (SVG download), making a future-state map, and the
compare view: the current map and a future map side by side with the deltas."""

import re
import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from processes import drawing, formatting, metrics, services
from processes.access import EDIT, READ, map_view
from processes.models import Lane, ProcessMap, Step

# --- Loading a map ---------------------------------------------------------------------


def load(process_map: ProcessMap, *, note_counts: bool = False):
    """A map's lanes and steps in order (two queries), for drawing and figures."""
    lanes = list(Lane.objects.filter(map=process_map).order_by("order", "pk"))
    steps = Step.objects.filter(map=process_map, lane__deleted_at__isnull=True)
    if note_counts:
        steps = steps.annotate(note_count=Count("notes"))
    steps = list(steps.order_by("order", "pk"))
    return lanes, steps


def figures_of(process_map: ProcessMap, steps) -> metrics.Metrics:
    return metrics.compute(steps, yearly_volume=process_map.yearly_volume)


def board_url(process_map: ProcessMap, slug: str) -> str:
    """The map's board."""
    return reverse("processes:board", args=[slug, process_map.pk])


# --- The drawing as a file ---------------------------------------------------------------

_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def file_name(name: str, extension: str) -> str:
    """A file name from a map's name: «Byggesak i dag – ønsket situasjon» →
    byggesak-i-dag-onsket-situasjon.svg (æ ø å written ae o a, as in web
    addresses; the rest of the name's letters and digits kept)."""
    plain = name.translate(_NORWEGIAN).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")
    return f"{(slug or 'prosesskart')[:80]}.{extension}"


@map_view(READ)
@require_GET
def svg(request, process_map):
    lanes, steps = load(process_map)
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + drawing.draw(process_map, steps, lanes)
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(process_map.name, "svg")}"'
    return response


# --- Making a future-state map --------------------------------------------------------


#: What a current map's name may end with that says "today": left out of the
#: future map's name ("Byggesak i dag" → "Byggesak – ønsket situasjon").
TODAY_SUFFIX = re.compile(
    r"\s*(?:[–—-]\s*)?[(]?\s*(?:i\s+dag|nåsituasjon|nosituasjon|today|current\s+state)\s*[)]?"
    r"\s*$",
    re.IGNORECASE,
)


def future_name(name: str) -> str:
    """The suggested name of a future map made from the map ``name``."""
    base = TODAY_SUFFIX.sub("", name).strip(" –—-") or name
    return _("%(name)s – future state") % {"name": base}


class FutureForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the future-state map"), max_length=120)
    token = forms.CharField(widget=forms.HiddenInput, max_length=40)


@map_view(EDIT)
@require_http_methods(["GET", "POST"])
def make_future(request, process_map):
    """Copy the current map into a new future-state map, then open its board.

    A double-click posts the same form token twice: the second post finds the
    map the first one made (``services.make_future``) and opens it too.
    """
    if process_map.is_future:
        return render(
            request,
            "processes/make_future.html",
            {
                "map": process_map,
                "refused": _(
                    "This is a future-state map. A future map is made from the project's "
                    "current-state map."
                ),
                "current": process_map.based_on,
            },
            status=409 if request.method == "POST" else 200,
        )
    initial = {
        "name": future_name(process_map.name),
        "token": uuid.uuid4().hex,
    }
    form = FutureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            future, made = services.make_future(
                process_map,
                by=request.user,
                name=form.cleaned_data["name"],
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if made:
                messages.success(
                    request,
                    _(
                        "The future-state map is made as a copy of today's map. Change it "
                        "to the process you want."
                    ),
                )
            return redirect(board_url(future, request.project.organisation.slug))
    return render(
        request,
        "processes/make_future.html",
        {"map": process_map, "form": form},
        status=422 if form.errors else 200,
    )


# --- Compare ----------------------------------------------------------------------------


def _count(value) -> formatting.Amount:
    return formatting.Amount(formatting.number(value))


#: The rows of the compare table: the figure, its label, how it is written.
ROWS = (
    ("lead_days", gettext_lazy("Lead time"), formatting.working_days),
    ("waiting_days", gettext_lazy("Waiting time"), formatting.working_days),
    ("processing_hours", gettext_lazy("Processing time"), formatting.hours),
    ("flow_percent", gettext_lazy("Flow efficiency"), formatting.percent),
    ("hand_offs", gettext_lazy("Hand-offs"), _count),
    ("steps", gettext_lazy("Steps"), _count),
    ("value_adding_steps", gettext_lazy("Value-adding steps"), _count),
    ("waste_steps", gettext_lazy("Waste steps"), _count),
    ("hours_per_year", gettext_lazy("Hours per year"), formatting.hours_per_year),
    ("ftes", gettext_lazy("FTEs"), formatting.ftes),
)


def signed(value) -> str:
    """A change with its sign: +3, −2,5, 0."""
    if value is None:
        return "–"
    return str(formatting.change(_count, value))


def _written(write, value) -> str:
    return "–" if value is None else str(write(value))


#: How a row's difference is written where it differs from its values: the
#: difference of two percentages is in percentage points.
CHANGE_WRITERS = {"flow_percent": formatting.points}


def kpi_rows(current: metrics.Metrics, future: metrics.Metrics) -> list[dict]:
    deltas = metrics.compare(current, future)
    rows = []
    for name, label, write in ROWS:
        delta = deltas[name]
        if delta.before is None and delta.after is None:
            continue
        better = delta.better
        change = delta.change
        if name == "ftes" and change is not None:  # from the hours, rounded once
            change = -freed_ftes(current, future)
        rows.append(
            {
                "label": label,
                "before": delta.before,
                "after": delta.after,
                "before_text": _written(write, delta.before),
                "after_text": _written(write, delta.after),
                "change": "–"
                if change is None
                else str(formatting.change(CHANGE_WRITERS.get(name, write), change)),
                "verdict": (
                    _("unchanged")
                    if better is None and delta.change is not None
                    else ("" if better is None else (_("better") if better else _("worse")))
                ),
                "better": better,
            }
        )
    return rows


STEP_COMPARED = ("title", "processing_minutes", "waiting_minutes", "value_class", "people")


def step_changes(current_steps, future_steps, current_lanes, future_lanes):
    """Each future step marked new or changed (or kept), and the current steps
    no future step came from (removed), by ``Step.origin``."""
    current_by_pk = {step.pk: step for step in current_steps}
    lane_names = {lane.pk: lane.name for lane in [*current_lanes, *future_lanes]}
    rows = []
    used = set()
    for number, step in enumerate(future_steps, start=1):
        origin = current_by_pk.get(step.origin_id)
        if origin is None:
            status, what = "new", []
        else:
            used.add(origin.pk)
            what = [
                str(Step._meta.get_field(name).verbose_name)
                for name in STEP_COMPARED
                if getattr(origin, name) != getattr(step, name)
            ]
            if lane_names.get(origin.lane_id) != lane_names.get(step.lane_id):
                what.append(_("swimlane"))
            if sorted(origin.waste_types) != sorted(step.waste_types):
                what.append(str(Step._meta.get_field("waste_types").verbose_name))
            status = "changed" if what else "kept"
        rows.append(
            {
                "number": number,
                "step": step,
                "origin": origin,
                "status": status,
                "what": what,
                "lane": lane_names.get(step.lane_id, ""),
            }
        )
    removed = [step for step in current_steps if step.pk not in used]
    return rows, removed


def freed_ftes(current: metrics.Metrics, future: metrics.Metrics) -> Decimal | None:
    """The FTEs the freed hours make (negative: more work), rounded once, from
    the hours: not the difference of two rounded figures."""
    freed = metrics.freed_hours(current, future)
    if freed is None:
        return None
    return freed / Decimal(settings.KLEAN_FTE_HOURS)


def freed_words(whole) -> str:
    """What goes under the hours a future map frees (or costs)."""
    n = abs(int(whole))
    if whole < 0:
        return ngettext("hour per year more work", "hours per year more work", n)
    return ngettext("hour per year freed", "hours per year freed", n)


def change_summary(counts: dict, removed: int) -> str:
    """ "2 new steps, 1 changed step, 3 unchanged steps, 1 removed step." """
    parts = (
        ngettext("%(count)s new step", "%(count)s new steps", counts["new"]),
        ngettext("%(count)s changed step", "%(count)s changed steps", counts["changed"]),
        ngettext("%(count)s unchanged step", "%(count)s unchanged steps", counts["kept"]),
        ngettext("%(count)s removed step", "%(count)s removed steps", removed),
    )
    numbers = (counts["new"], counts["changed"], counts["kept"], removed)
    return ", ".join(part % {"count": n} for part, n in zip(parts, numbers, strict=True)) + "."


@map_view(READ)
@require_GET
def compare(request, process_map):
    current = process_map.based_on if process_map.is_future else None
    if current is None:
        futures = (
            []
            if process_map.is_future
            else list(ProcessMap.objects.future().filter(based_on=process_map).order_by("pk"))
        )
        return render(
            request,
            "processes/compare_none.html",
            {
                "map": process_map,
                "project": request.project,
                "futures": futures,
                "may_edit": EDIT in request.project_permissions,
            },
        )
    current_lanes, current_steps = load(current)
    future_lanes, future_steps = load(process_map)
    before, after = figures_of(current, current_steps), figures_of(process_map, future_steps)
    rows, removed = step_changes(current_steps, future_steps, current_lanes, future_lanes)
    freed = metrics.freed_hours(before, after)
    whole = None if freed is None else formatting.rounded(freed, 0)
    counts = {
        status: sum(1 for row in rows if row["status"] == status)
        for status in ("new", "changed", "kept")
    }
    slug = request.project.organisation.slug
    return render(
        request,
        "processes/compare.html",
        {
            "map": process_map,
            "current": current,
            "project": request.project,
            "kpis": kpi_rows(before, after),
            "freed_hours": None if whole is None else formatting.number(abs(whole), 0),
            "freed_more_work": whole is not None and whole < 0,
            "freed_words": None if whole is None else freed_words(whole),
            "freed_ftes": None
            if freed is None
            else formatting.ftes(abs(freed_ftes(before, after))),
            "bars": drawing.time_bars(
                [(_("Today"), before), (_("Future"), after)],
                label=_(
                    "Lead time today %(before)s and in the future %(after)s; "
                    "waiting %(wb)s and %(wa)s of it"
                )
                % {
                    "before": formatting.working_days(before.lead_days),
                    "after": formatting.working_days(after.lead_days),
                    "wb": formatting.working_days(before.waiting_days),
                    "wa": formatting.working_days(after.waiting_days),
                },
            ),
            "rows": rows,
            "removed": removed,
            "counts": counts,
            "change_summary": change_summary(counts, len(removed)),
            "current_drawing": drawing.draw(current, current_steps, current_lanes, before),
            "future_drawing": drawing.draw(process_map, future_steps, future_lanes, after),
            "current_board": board_url(current, slug),
            "future_board": board_url(process_map, slug),
            "current_svg": reverse("processes:svg", args=[slug, current.pk]),
            "future_svg": reverse("processes:svg", args=[slug, process_map.pk]),
        },
    )
