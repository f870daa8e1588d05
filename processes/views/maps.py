"""A project's process maps: the list with key figures, starting the current
map, a map's settings, deleting a map, and the phase checklist's shortcuts to
the current and the future map.

Who may do what: everyone who sees the project reads its maps; contributors
(``EDIT``) start the current map and change a map's settings; deleting a whole
map, which cannot be undone, is for those who manage the project (process
owner, facilitator, the organisation's administrator).
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from klean.extensions import Panel
from processes import metrics, services
from processes.access import EDIT, READ, map_view
from processes.map_forms import MapForm, StartMapForm
from processes.models import MapKind, ProcessMap, Step
from projects.access import project_view
from projects.method import Phase

MANAGE = "manage_project"


def _maps_with_steps(project):
    """The project's maps, the current one first, each with its live steps in
    order: two queries, however many maps and steps."""
    steps = Step.objects.order_by("order", "pk").only(
        "map_id",
        "lane_id",
        "order",
        "processing_minutes",
        "waiting_minutes",
        "people",
        "value_class",
        "waste_types",
    )
    process_maps = list(
        ProcessMap.objects.filter(project=project)
        .prefetch_related(Prefetch("steps", queryset=steps))
        .order_by("kind", "-created_at", "-pk")
    )
    for process_map in process_maps:
        process_map.project = project  # for its address, without a query
    return process_maps


def _rows(process_maps):
    """Each map with its key figures, and a future map's change against the
    current map it is based on."""
    figures = {
        m.pk: metrics.compute(m.steps.all(), yearly_volume=m.yearly_volume) for m in process_maps
    }
    rows = []
    for process_map in process_maps:
        based_on = figures.get(process_map.based_on_id) if process_map.is_future else None
        rows.append(
            {
                "map": process_map,
                "figures": figures[process_map.pk],
                "delta": metrics.compare(based_on, figures[process_map.pk]) if based_on else None,
                "freed_hours": metrics.freed_hours(based_on, figures[process_map.pk])
                if based_on
                else None,
            }
        )
    return rows


def make_future_url(process_map) -> str:
    """Where a future map is made from ``process_map``."""
    return reverse(
        "processes:make_future", args=[process_map.project.organisation.slug, process_map.pk]
    )


def _permissions(request) -> dict:
    perms = request.project_permissions
    return {"may_edit": EDIT in perms, "may_delete": MANAGE in perms}


# --- The list -----------------------------------------------------------------------


@project_view(READ)
@require_GET
def maps(request):
    project = request.project
    rows = _rows(_maps_with_steps(project))
    current = next((row["map"] for row in rows if not row["map"].is_future), None)
    return render(
        request,
        "processes/maps.html",
        {
            "project": project,
            "current_row": next((row for row in rows if not row["map"].is_future), None),
            "future_rows": [row for row in rows if row["map"].is_future],
            "make_future_url": make_future_url(current) if current else None,
            "map_page": True,
            **_permissions(request),
        },
    )


def _project_maps(project) -> list[ProcessMap]:
    """The project's maps with their number of steps, read once per project
    object: the overview's card and the checklist's hints share the query."""
    process_maps = getattr(project, "_process_maps", None)
    if process_maps is None:
        process_maps = list(
            ProcessMap.objects.filter(project=project)
            .annotate(step_count=Count("steps", filter=Q(steps__deleted_at__isnull=True)))
            .order_by("kind", "-created_at", "-pk")
        )
        for process_map in process_maps:
            process_map.project = project
        project._process_maps = process_maps
    return process_maps


def project_panels(request) -> list[Panel]:
    """The project overview's card: the maps with their number of steps (one
    query, shared with ``checklist_hints``)."""
    process_maps = _project_maps(request.project)
    return [
        Panel(
            "processes/maps.html#overview-card",
            {
                "maps": process_maps,
                "has_current": any(not m.is_future for m in process_maps),
                **_permissions(request),
            },
        )
    ]


def checklist_hints(project) -> dict[tuple[int, str], str]:
    """Notes beside the phase checklist's mapping items when the maps exist
    (one query, shared with ``project_panels``); the facilitator still ticks them."""
    counts = Counter(process_map.kind for process_map in _project_maps(project))
    hints = {}
    if counts.get(MapKind.CURRENT):
        hints[(Phase.CURRENT_STATE, "map")] = _("The current-state map exists.")
    futures = counts.get(MapKind.FUTURE, 0)
    if futures:
        hints[(Phase.SELECTION, "future_map")] = ngettext(
            "%(count)s future-state map exists.", "%(count)s future-state maps exist.", futures
        ) % {"count": futures}
    return hints


# --- The current and the future map -----------------------------------------------------


def _start_form(project, data=None):
    return StartMapForm(
        data,
        initial={
            "name": _("%(process)s – today") % {"process": project.process_name}
            if project.process_name
            else "",
            "start_point": project.process_start,
            "end_point": project.process_end,
        },
    )


@project_view(READ)
@require_GET
def current_map(request):
    """The current map's board, or a page that explains the map and starts it."""
    project = request.project
    current = ProcessMap.objects.filter(project=project).current().first()
    if current is not None:
        current.project = project
        return redirect(current)
    permissions = _permissions(request)
    return render(
        request,
        "processes/start.html",
        {
            "project": project,
            "form": _start_form(project) if permissions["may_edit"] else None,
            "map_page": True,
            **permissions,
        },
    )


@project_view(READ)
@require_GET
def future_map(request):
    """The newest future map's board, or a page that explains the future state."""
    project = request.project
    process_maps = list(ProcessMap.objects.filter(project=project).order_by("-created_at", "-pk"))
    future = next((m for m in process_maps if m.is_future), None)
    if future is not None:
        future.project = project
        return redirect(future)
    current = next((m for m in process_maps if not m.is_future), None)
    if current is not None:
        current.project = project
    return render(
        request,
        "processes/future_start.html",
        {
            "project": project,
            "current": current,
            "make_future_url": make_future_url(current) if current else None,
            "map_page": True,
            **_permissions(request),
        },
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def create(request):
    """Start the project's current map, with its first swimlanes."""
    project = request.project
    existing = ProcessMap.objects.filter(project=project).current().first()
    if existing is not None and request.method == "GET":
        existing.project = project
        messages.info(request, _("The project's current-state map is already started: here it is."))
        return redirect(existing)
    form = _start_form(project, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            process_map = services.start_map(
                project, by=request.user, lanes=form.cleaned_data["lanes"], **form.map_fields()
            )
        except ValidationError as error:
            current = ProcessMap.objects.filter(project=project).current().first()
            if current is None:  # refused for another reason: say it at the form
                form.add_error(None, error)
            else:  # a double-click, or a colleague was quicker: show the map there is
                current.project = project
                messages.info(
                    request,
                    _(
                        "The project's current-state map was already started, so no second "
                        "one was made: here it is."
                    ),
                )
                return redirect(current)
        else:
            process_map.project = project
            messages.success(
                request,
                _("The current-state map is started. Add the steps, from the start to the end."),
            )
            return redirect(process_map)
    return render(
        request,
        "processes/start.html",
        {"project": project, "form": form, "map_page": True, **_permissions(request)},
    )


# --- One map's settings ----------------------------------------------------------------


def _conflict_message(error: services.StaleMap) -> str:
    names = sorted(
        {
            change.actor.display_name if change.actor else _("a former member")
            for change in error.changes
        }
    )
    return _(
        "%(people)s changed the map's settings while you were editing them. Your text is kept "
        "below: check the settings and save again to overwrite."
    ) % {"people": ", ".join(names) or _("Someone")}


@map_view(EDIT)
@require_http_methods(["GET", "POST"])
def edit(request, process_map):
    project = request.project
    process_map.project = project
    initial = {
        "name": process_map.name,
        "yearly_volume": process_map.yearly_volume,
        "start_point": process_map.start_point,
        "end_point": process_map.end_point,
        "version": process_map.version,
    }
    form = MapForm(request.POST or None, initial=initial, versioned=True)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or process_map.version
        try:
            services.edit_map(process_map, version=version, by=request.user, **form.map_fields())
        except services.StaleMap as error:
            data = request.POST.copy()
            data["version"] = error.version  # a second save overwrites, knowingly
            form = MapForm(data, initial=initial, versioned=True)
            form.is_valid()
            form.add_error(None, _conflict_message(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The map's settings are saved."))
            return redirect(process_map)
    return render(
        request,
        "processes/map_form.html",
        {"project": project, "map": process_map, "form": form, "map_page": True},
    )


@map_view(MANAGE)
@require_http_methods(["GET", "POST"])
def delete(request, process_map):
    """Ask first, naming what is lost; then delete the map with its lanes,
    steps, problem notes and change log."""
    project = request.project
    process_map.project = project
    if request.method == "POST":
        name = process_map.name
        services.delete_map(process_map, by=request.user)
        messages.success(request, _("The map «%(name)s» is deleted.") % {"name": name})
        return redirect("processes:maps", project.organisation.slug, project.pk)
    counts = ProcessMap.objects.filter(pk=process_map.pk).aggregate(
        lane_count=Count("lanes", filter=Q(lanes__deleted_at__isnull=True), distinct=True),
        step_count=Count("steps", filter=Q(steps__deleted_at__isnull=True), distinct=True),
        note_count=Count("steps__notes", filter=Q(steps__deleted_at__isnull=True), distinct=True),
    )
    return render(
        request,
        "processes/map_delete.html",
        {
            "project": project,
            "map": process_map,
            "counts": counts,
            "futures": list(process_map.future_maps.order_by("name"))
            if process_map.kind == MapKind.CURRENT
            else [],
            "map_page": True,
        },
    )
