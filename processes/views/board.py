"""The board: a process map edited like the brown paper, by mouse and by keyboard.

Lanes are rows, steps are cards in one global sequence (one column each, so a
hand-off shows as a change of row). Every change goes through
``processes.services`` with the board version the form was rendered from; a
conflicting change (``StaleMap``) is refused with who changed what, and the
board is refreshed.

With htmx every change answers with the pieces of the page it changes, all
out of band: the board, the metrics panel and the status message (a
``role="status"`` region, so that it is announced); an editor form answers
into the editor region. Without JavaScript the same views redirect to the
board with a message ("Angre" is a form on the board then, named in the
address: ``?undo=step-12``).
"""

import json
import re
import uuid
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Organisation
from klean.htmx import INVALID
from processes import formatting, services
from processes.access import EDIT, READ, lane_view, map_view, step_view
from processes.board_forms import (
    LaneForm,
    MoveForm,
    NewLaneForm,
    OffsetForm,
    QuickAddForm,
    StepForm,
    VersionedForm,
)
from processes.board_html import BoardHtml
from processes.metrics import compute
from processes.models import (
    VALUE_MARKS,
    Lane,
    MapChange,
    ProblemNote,
    Step,
    ValueClass,
    WasteType,
)
from processes.services import AlreadyDone, StaleMap
from projects.timeline import person

BOARD = "processes/board.html"
UPDATE = "processes/board.html#update"
#: The ids of elements a response may hand the focus back to.
FOCUS_ID = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
UNDO = re.compile(r"^(step|lane)-(\d{1,12})$")
#: Changes named in a conflict message, the newest last.
CHANGES_NAMED = 3


# --- Words ---------------------------------------------------------------------------


def short_time(minutes: int) -> str:
    """A time as a card shows it: "30 min", "2,5 t", "5 d" (working days of 7.5 h)."""
    return str(formatting.short_duration(minutes))


def long_time(minutes: int) -> str:
    """The same time in words, for screen readers and the table ("1 minute",
    not "1 min", which a screen reader reads as a word of its own)."""
    if minutes < 60:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    return str(formatting.duration(minutes))


CHANGE_TEXTS = {
    "step_added": lambda: _("%(actor)s added «%(title)s»"),
    "step_edited": lambda: _("%(actor)s edited «%(title)s»"),
    "step_moved": lambda: _("%(actor)s moved «%(title)s»"),
    "step_deleted": lambda: _("%(actor)s deleted «%(title)s»"),
    "step_restored": lambda: _("%(actor)s restored «%(title)s»"),
    "lane_added": lambda: _("%(actor)s added the swimlane «%(name)s»"),
    "lane_edited": lambda: _("%(actor)s changed the swimlane «%(name)s»"),
    "lane_moved": lambda: _("%(actor)s moved the swimlane «%(name)s»"),
    "lane_deleted": lambda: _("%(actor)s deleted the swimlane «%(name)s»"),
    "lane_restored": lambda: _("%(actor)s restored the swimlane «%(name)s»"),
    "note_added": lambda: _("%(actor)s noted a problem on «%(title)s»"),
    "note_edited": lambda: _("%(actor)s changed a problem on «%(title)s»"),
    "note_deleted": lambda: _("%(actor)s deleted a problem on «%(title)s»"),
    "map_edited": lambda: _("%(actor)s changed the map's details"),
}


def describe_change(change: MapChange) -> str:
    """One change in words, naming the person as they are named now
    ("a former member" once they deleted their account)."""
    data = change.data or {}
    text = CHANGE_TEXTS.get(change.action, lambda: _("%(actor)s changed the map"))()
    return text % {
        "actor": person(change.actor),
        "title": data.get("title", ""),
        "name": data.get("name", ""),
    }


def _named(changes: list[MapChange]) -> list[MapChange]:
    return list(
        MapChange.objects.filter(pk__in=[change.pk for change in changes[-CHANGES_NAMED:]])
        .select_related("actor")
        .order_by("version")
    )


def keep_label(named: list[MapChange]) -> str:
    """The conflict's "keep theirs" button, naming the person when one person
    made the changes: "Behold versjonen til Vera Veileder"."""
    actors = {change.actor_id for change in named}
    if len(actors) == 1:
        return _("Keep the version of %(person)s") % {"person": person(named[0].actor)}
    return _("Keep the others' version")


def conflict_text(changes: list[MapChange], named: list[MapChange] | None = None) -> str:
    named = _named(changes) if named is None else named
    what = "; ".join(describe_change(change) for change in named) or _("someone changed the map")
    return _(
        "Your change was not saved: since you loaded the board, %(what)s. "
        "The board is up to date now; look and try again."
    ) % {"what": what}


# --- The board's content -------------------------------------------------------------


def live_steps(process_map) -> list[Step]:
    """The map's steps in order, each with its number of problem notes."""
    notes = (
        ProblemNote.objects.filter(step=OuterRef("pk"))
        .order_by()
        .values("step")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return list(
        Step.objects.filter(map=process_map)
        .annotate(note_count=Subquery(notes))
        .order_by("order", "pk")
    )


def _undo(process_map, undo: str) -> dict | None:
    match = UNDO.match(undo or "")
    if not match:
        return None
    kind, pk = match.groups()
    slug = process_map.project.organisation.slug
    return {"url": reverse(f"processes:{kind}_restore", args=[slug, int(pk)]), "kind": kind}


def board_context(request, process_map, **extra) -> dict:
    """Everything the board page and its fragments show: 4 queries."""
    project = request.project
    can_edit = EDIT in request.project_permissions
    lanes = list(Lane.objects.filter(map=process_map).select_related("organisation"))
    steps = live_steps(process_map)
    metrics = compute(steps, yearly_volume=process_map.yearly_volume)
    waste_labels = {code: str(label) for code, label in WasteType.choices}
    value_labels = {code: str(label) for code, label in ValueClass.choices}
    unclassified = _("Not classified yet")
    lane_names = {lane.pk: lane.name for lane in lanes}
    steps_in_lane = dict.fromkeys(lane_names, 0)
    shorts, longs = {}, {}  # a map has few distinct times: each is put in words once
    previous = None
    for number, step in enumerate(steps, start=1):
        step.number = number
        for minutes in (step.processing_minutes, step.waiting_minutes):
            if minutes not in shorts:
                shorts[minutes] = escape(short_time(minutes))
                longs[minutes] = escape(long_time(minutes))
        step.processing_short = shorts[step.processing_minutes]
        step.processing_long = longs[step.processing_minutes]
        step.waiting_short = shorts[step.waiting_minutes]
        step.waiting_long = longs[step.waiting_minutes]
        step.value_label = value_labels.get(step.value_class, unclassified)
        step.wastes = [waste_labels[code] for code in step.waste_types if code in waste_labels]
        step.lane_name = lane_names.get(step.lane_id, "")
        step.hand_off_from = (
            lane_names.get(previous.lane_id)
            if previous and (previous.lane_id != step.lane_id)
            else ""
        )
        steps_in_lane[step.lane_id] = steps_in_lane.get(step.lane_id, 0) + 1
        previous = step
    for lane in lanes:
        lane.step_count = steps_in_lane.get(lane.pk, 0)
    token = uuid.uuid4().hex
    html = BoardHtml(
        request, process_map=process_map, lanes=lanes, steps=steps, can_edit=can_edit, token=token
    )
    last = (
        MapChange.objects.filter(map=process_map)
        .select_related("actor")
        .order_by("-version")
        .first()
    )
    lead = metrics.lead_minutes or 1
    context = {
        "project": project,
        "map": process_map,
        "can_edit": can_edit,
        "lanes": lanes,
        "board_lanes": html.lanes_html(),
        "table_rows": html.table_rows(),
        "steps": steps,
        "metrics": metrics,
        "processing_share": Decimal(metrics.processing_minutes * 100 / lead).quantize(
            Decimal("0.1")
        ),
        "waiting_share": Decimal(metrics.waiting_minutes * 100 / lead).quantize(Decimal("0.1")),
        "lead_text": str(formatting.working_days(metrics.lead_days)),
        "flow_text": (
            number_format(metrics.flow_percent, decimal_pos=1)
            if metrics.flow_percent is not None
            else ""
        ),
        "hours_text": (
            formatting.hours_per_year(metrics.hours_per_year).number
            if metrics.hours_per_year is not None
            else ""
        ),
        "ftes_text": (
            number_format(metrics.ftes, decimal_pos=2, force_grouping=True)
            if metrics.ftes is not None
            else ""
        ),
        "processing_short": short_time(metrics.processing_minutes),
        "waiting_short": short_time(metrics.waiting_minutes),
        "waste_short": short_time(metrics.waste_minutes),
        "value_adding_short": short_time(metrics.value_adding_minutes),
        "last_change": last,
        "last_change_text": describe_change(last) if last else "",
        "marks": [
            (code, VALUE_MARKS[code][1], VALUE_MARKS[code][0], label)
            for code, label in [*ValueClass.choices, ("", _("Not classified yet"))]
        ],
        "text_size": request.GET.get("text") if request.GET.get("text") in ("150", "200") else "",
        "token": token,
        "undo": None,
        "focus": "",
        "message": "",
        "message_kind": "success",
        "editor": "",
        "added": "",
    }
    if "undo" not in extra and request.method == "GET":
        context["undo"] = _undo(process_map, request.GET.get("undo", ""))
    context.update(extra)
    return context


def _board_url(process_map, *, undo: str = "", anchor: str = "") -> str:
    url = reverse("processes:board", args=[process_map.project.organisation.slug, process_map.pk])
    if undo:
        url += f"?undo={undo}"
    if anchor:
        url += f"#{anchor}"
    return url


def _focus(request, fallback: str) -> str:
    wanted = request.POST.get("focus", "")
    return wanted if FOCUS_ID.match(wanted) else fallback


def _done(
    request,
    process_map,
    message,
    *,
    focus="",
    undo="",
    kind="success",
    status=200,
    editor="",
    added="",
):
    """After a change (or a refusal): with htmx the board, metrics and status
    message; without, a redirect to the board with the message."""
    if request.htmx:
        context = board_context(
            request,
            process_map,
            message=message,
            message_kind=kind,
            focus=focus,
            undo=_undo(process_map, undo),
            editor=editor,
            added=added,
        )
        return render(request, UPDATE, context, status=status)
    (messages.success if kind == "success" else messages.error)(request, message)
    return redirect(_board_url(process_map, undo=undo, anchor=focus))


def _refuse(request, process_map, message, *, focus="", editor=""):
    return _done(
        request, process_map, message, focus=focus, kind="error", status=INVALID, editor=editor
    )


def _stale(request, process_map, error: StaleMap, *, focus="", editor=""):
    process_map.version = error.version
    return _refuse(request, process_map, conflict_text(error.changes), focus=focus, editor=editor)


def _first_error(form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        if field == "version":
            return _("The form is missing the board's version. Reload the board.")
        return f"{label}: {errors[0]}" if label else errors[0]
    return _("Something is missing in the form.")


def _editor(request, template: str, context: dict, *, status=200):
    """An editor form: into the editor region with htmx, else its own page."""
    if request.htmx:
        return render(request, f"{template}#editor", context, status=status)
    return render(request, template, context, status=status)


# --- The board --------------------------------------------------------------------------


@map_view(READ)
@require_GET
def board(request, process_map):
    context = board_context(request, process_map)
    if request.htmx:  # the polling's refetch
        if context["last_change_text"]:
            context["message"] = context["last_change_text"]
            context["message_kind"] = "info"
        return render(request, UPDATE, context)
    return render(request, BOARD, context)


@map_view(READ)
@require_GET
def version(request, process_map):
    """The board's polling: 204 while the client's version is the map's, else
    a trigger that makes the board fetch itself again."""
    if request.GET.get("v") == str(process_map.version):
        return HttpResponse(status=204)
    trigger = json.dumps({"board-changed": {"version": process_map.version}})
    return HttpResponse(headers={"HX-Trigger": trigger})


# --- Lanes ------------------------------------------------------------------------------


def _lane_organisations(project):
    active = project.partnerships.active().values("organisation_id")
    return Organisation.objects.filter(Q(pk=project.organisation_id) | Q(pk__in=active)).order_by(
        "name"
    )


@map_view(EDIT)
@require_POST
def lane_add(request, process_map):
    form = NewLaneForm(request.POST)
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form), focus="new-lane-name")
    data = form.cleaned_data
    try:
        lane = services.add_lane(
            process_map,
            version=data["version"],
            by=request.user,
            name=data["name"],
            kind=data["kind"],
            token=data["token"],
        )
    except AlreadyDone:
        return _done(request, process_map, _("The swimlane is added."), focus="new-lane-name")
    except StaleMap as error:
        return _stale(request, process_map, error)
    except ValidationError as error:
        return _refuse(request, process_map, error.messages[0], focus="new-lane-name")
    return _done(
        request,
        process_map,
        _("The swimlane «%(name)s» is added.") % {"name": lane.name},
        focus=f"add-title-{lane.pk}",
    )


@lane_view(EDIT)
@require_http_methods(["GET", "POST"])
def lane_edit(request, lane):
    process_map = lane.map
    organisations = _lane_organisations(request.project)
    if request.method == "GET":
        form = LaneForm(initial=LaneForm.initial_for(lane), organisations=organisations)
        return _editor(request, "processes/lane_form.html", _lane_context(request, lane, form))
    form = LaneForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return _editor(
            request,
            "processes/lane_form.html",
            _lane_context(request, lane, form),
            status=INVALID,
        )
    data = form.cleaned_data
    try:
        services.edit_lane(
            lane,
            version=data["version"],
            by=request.user,
            name=data["name"],
            kind=data["kind"],
            organisation=data["organisation"],
        )
    except StaleMap as error:
        return _stale(request, process_map, error, focus=f"lane-{lane.pk}")
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _editor(
            request, "processes/lane_form.html", _lane_context(request, lane, form), status=INVALID
        )
    return _done(
        request,
        process_map,
        _("The swimlane «%(name)s» is saved.") % {"name": lane.name},
        focus=f"lane-edit-{lane.pk}",
    )


def _lane_context(request, lane, form):
    return {
        "project": request.project,
        "map": lane.map,
        "lane": lane,
        "form": form,
        "board_url": _board_url(lane.map, anchor=f"lane-{lane.pk}"),
    }


@lane_view(EDIT)
@require_POST
def lane_move(request, lane):
    process_map = lane.map
    form = OffsetForm(request.POST)
    focus = _focus(request, f"lane-{lane.pk}")
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form), focus=focus)
    try:
        services.move_lane(
            lane,
            version=form.cleaned_data["version"],
            by=request.user,
            offset=form.cleaned_data["offset"],
        )
    except StaleMap as error:
        return _stale(request, process_map, error, focus=focus)
    return _done(
        request,
        process_map,
        _("The swimlane «%(name)s» is moved %(direction)s.")
        % {
            "name": lane.name,
            "direction": _("up") if form.cleaned_data["offset"] < 0 else _("down"),
        },
        focus=focus,
    )


@lane_view(EDIT)
@require_http_methods(["GET", "POST"])
def lane_delete(request, lane):
    """Delete a lane with its steps. A lane with steps is confirmed first
    (GET, or a POST without ``confirm``); "Angre" restores both."""
    process_map = lane.map
    count = Step.objects.filter(lane=lane).count()
    form = VersionedForm(request.POST or None, initial={"version": process_map.version})
    if request.method == "GET" or (count and not request.POST.get("confirm")):
        context = {**_lane_context(request, lane, form), "count": count}
        return _editor(request, "processes/lane_delete.html", context)
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form))
    try:
        services.delete_lane(lane, version=form.cleaned_data["version"], by=request.user)
    except StaleMap as error:
        return _stale(request, process_map, error)
    return _done(
        request,
        process_map,
        _("The swimlane «%(name)s» is deleted.") % {"name": lane.name}
        if not count
        else ngettext(
            "The swimlane «%(name)s» and its %(count)s step are deleted.",
            "The swimlane «%(name)s» and its %(count)s steps are deleted.",
            count,
        )
        % {"name": lane.name, "count": count},
        undo=f"lane-{lane.pk}",
        focus="undo-button",
    )


@lane_view(EDIT, deleted=True)
@require_POST
def lane_restore(request, lane):
    process_map = lane.map
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form))
    try:
        services.restore_lane(lane, version=form.cleaned_data["version"], by=request.user)
    except StaleMap as error:
        return _stale(request, process_map, error)
    return _done(
        request,
        process_map,
        _("The swimlane «%(name)s» is back.") % {"name": lane.name},
        focus=f"lane-{lane.pk}",
    )


# --- Steps ------------------------------------------------------------------------------


@map_view(EDIT)
@require_POST
def step_add(request, process_map):
    """Quick add: a title typed in a lane and Enter. The form's token makes a
    double-click add one step."""
    form = QuickAddForm(request.POST)
    lane_id = request.POST.get("lane", "")
    focus = f"add-title-{lane_id}" if lane_id.isdigit() else ""
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form), focus=focus)
    data = form.cleaned_data
    lane = Lane.objects.filter(pk=data["lane"], map=process_map).first()
    if lane is None:
        return _refuse(
            request,
            process_map,
            _("That swimlane is not on this map (any more). Reload the board."),
        )
    try:
        step = services.add_step(
            process_map,
            version=data["version"],
            by=request.user,
            lane=lane,
            title=data["title"],
            token=data["token"],
        )
    except AlreadyDone:
        return _done(request, process_map, _("The step is added."), focus=focus)
    except StaleMap as error:
        return _stale(request, process_map, error, focus=focus)
    except ValidationError as error:
        return _refuse(request, process_map, error.messages[0], focus=focus)
    return _done(
        request,
        process_map,
        _("«%(title)s» is added as step %(number)s, in %(lane)s.")
        % {
            "title": step.title,
            "number": Step.objects.filter(map=process_map, order__lte=step.order).count(),
            "lane": lane.name,
        },
        focus=focus,
        added=f"step-{step.pk}",
    )


def _step_context(request, step, form, **extra):
    return {
        "project": request.project,
        "map": step.map,
        "step": step,
        "form": form,
        "board_url": _board_url(step.map, anchor=f"step-{step.pk}"),
        **extra,
    }


#: The fields a conflict shows side by side: the person's input and the board's now.
COMPARED = ("title", "processing", "waiting", "value_class", "waste_types", "description")


def _theirs(form, current: Step) -> list[dict]:
    """The fields where the board now differs from what the person typed."""
    now = StepForm.initial_for(current)
    rows = []
    for name in COMPARED:
        mine = form.cleaned_data.get(name) if form.is_valid() else form.data.get(name)
        theirs = now[name]
        if name in ("processing", "waiting"):
            mine = (mine, form.cleaned_data.get(f"{name}_unit")) if form.is_valid() else mine
            theirs_text = long_time(getattr(current, f"{name}_minutes"))
            differs = mine != (theirs, now[f"{name}_unit"])
        elif name == "value_class":
            theirs_text = dict(ValueClass.choices).get(theirs, _("Not classified yet"))
            differs = mine != theirs
        elif name == "waste_types":
            labels = dict(WasteType.choices)
            theirs_text = ", ".join(str(labels[code]) for code in theirs if code in labels) or "–"
            differs = sorted(mine or []) != sorted(theirs)
        else:
            theirs_text = theirs or "–"
            differs = (mine or "") != (theirs or "")
        if differs:
            rows.append({"label": form.fields[name].label, "theirs": theirs_text})
    return rows


@step_view(EDIT)
@require_http_methods(["GET", "POST"])
def step_edit(request, step):
    process_map = step.map
    template = "processes/step_form.html"
    if request.method == "GET":
        form = StepForm(initial=StepForm.initial_for(step))
        return _editor(request, template, _step_context(request, step, form))
    form = StepForm(request.POST)
    if not form.is_valid():
        return _editor(request, template, _step_context(request, step, form), status=INVALID)
    try:
        services.edit_step(
            step, version=form.cleaned_data["version"], by=request.user, **form.changes()
        )
    except StaleMap as error:
        # Keep what the person typed, beside the board's values now; saving
        # again saves theirs on top of the new version.
        current = Step.objects.filter(pk=step.pk).select_related("map").first()
        data = request.POST.copy()
        data["version"] = error.version
        process_map.version = error.version
        form = StepForm(data)
        form.is_valid()
        named = _named(error.changes)
        context = _step_context(
            request,
            step,
            form,
            conflict=conflict_text(error.changes, named),
            keep=keep_label(named),
            theirs=_theirs(form, current) if current else [],
            gone=current is None,
        )
        if request.htmx:
            context.update(board_context(request, process_map), step=step, form=form)
            return render(request, f"{template}#conflict", context, status=INVALID)
        return render(request, template, context, status=409)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _editor(request, template, _step_context(request, step, form), status=INVALID)
    message = _("«%(title)s» is saved.") % {"title": step.title}
    if request.htmx:
        context = board_context(request, process_map, message=message, focus=f"step-{step.pk}")
        return render(request, UPDATE, context)
    messages.success(request, message)
    return redirect(_board_url(process_map, anchor=f"step-{step.pk}"))


MOVER = "processes/step_move.html"


def _mover_context(request, step) -> dict:
    """The step's place now (number, total, lane) and the map's lanes."""
    process_map = step.map
    order = list(
        Step.objects.filter(map=process_map).order_by("order", "pk").values_list("pk", "lane_id")
    )
    lane_id = next((lane for pk, lane in order if pk == step.pk), step.lane_id)
    lanes = list(Lane.objects.filter(map=process_map))
    return {
        **_step_context(request, step, None),
        "number": next((n for n, (pk, _lane) in enumerate(order, start=1) if pk == step.pk), 0),
        "total": len(order),
        "lanes": lanes,
        "lane_id": lane_id,
        "lane_name": next((lane.name for lane in lanes if lane.pk == lane_id), ""),
    }


def _mover(request, step) -> str:
    """The move panel again after a change posted from it: it stays open, on
    the new version and the step's new place."""
    if not (request.htmx and request.POST.get("panel")):
        return ""
    return render_to_string(f"{MOVER}#editor", _mover_context(request, step), request=request)


@step_view(EDIT)
@require_http_methods(["GET", "POST"])
def step_move(request, step):
    """Move a step: one place earlier or later, into another lane, or (by
    drag-and-drop) into a lane right after a step. The intent is posted, not
    the order, so a move made on a slightly stale board still lands where meant.

    GET is the step's move panel (Earlier, Later, To swimlane, Delete): the
    card's Move button opens it in the board's editor, or as a page of its own
    without JavaScript."""
    process_map = step.map
    if request.method == "GET":
        return _editor(request, MOVER, _mover_context(request, step))
    form = MoveForm(request.POST)
    focus = _focus(request, f"step-{step.pk}")
    if not form.is_valid():
        return _refuse(
            request, process_map, _first_error(form), focus=focus, editor=_mover(request, step)
        )
    data = form.cleaned_data
    try:
        if data["shift"] is not None:
            services.shift_step(
                step, version=data["version"], by=request.user, offset=data["shift"]
            )
        else:
            lane = None
            if data["lane"]:
                lane = Lane.objects.filter(pk=data["lane"], map=process_map).first()
                if lane is None:
                    return _refuse(
                        request,
                        process_map,
                        _("That swimlane is not on this map (any more). Reload the board."),
                        focus=focus,
                        editor=_mover(request, step),
                    )
            after = "keep"
            if data["place"]:
                after = None
                if data["after"]:
                    after = Step.objects.filter(pk=data["after"], map=process_map).first()
                    if after is None:
                        return _refuse(
                            request,
                            process_map,
                            _("The step to place it after is gone. Reload the board."),
                            focus=focus,
                        )
            services.move_step(
                step, version=data["version"], by=request.user, lane=lane, after=after
            )
    except StaleMap as error:
        process_map.version = error.version  # the panel again, on the version now
        return _stale(request, process_map, error, focus=focus, editor=_mover(request, step))
    except ValidationError as error:
        return _refuse(
            request, process_map, error.messages[0], focus=focus, editor=_mover(request, step)
        )
    total = Step.objects.filter(map=process_map).count()
    lane_name = Lane.objects.filter(pk=step.lane_id).values_list("name", flat=True).first()
    return _done(
        request,
        process_map,
        _("«%(title)s» is now step %(number)s of %(total)s, in %(lane)s.")
        % {"title": step.title, "number": step.order, "total": total, "lane": lane_name},
        focus=focus,
        editor=_mover(request, step),
    )


@step_view(EDIT)
@require_POST
def step_delete(request, step):
    process_map = step.map
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form))
    try:
        services.delete_step(step, version=form.cleaned_data["version"], by=request.user)
    except StaleMap as error:
        return _stale(request, process_map, error, focus=f"step-{step.pk}")
    return _done(
        request,
        process_map,
        _("«%(title)s» is deleted.") % {"title": step.title},
        undo=f"step-{step.pk}",
        focus="undo-button",
    )


@step_view(EDIT, deleted=True)
@require_POST
def step_restore(request, step):
    process_map = step.map
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return _refuse(request, process_map, _first_error(form))
    try:
        services.restore_step(step, version=form.cleaned_data["version"], by=request.user)
    except StaleMap as error:
        return _stale(request, process_map, error)
    except ValidationError as error:
        return _refuse(request, process_map, error.messages[0])
    return _done(
        request,
        process_map,
        _("«%(title)s» is back.") % {"title": step.title},
        focus=f"step-{step.pk}",
    )
