"""Every change to a process map, versioned (QUALITY.md R4).

A change names the version of the map it was based on. Under a row lock on
the map, ``_change`` compares it with the map's version now:

- the same: the change is applied and the version goes up by one;
- older, and nothing changed since touched what this change touches (another
  step, another lane): the change is applied on top — two people working on
  different steps in a workshop do not block each other;
- older, and a change since touched the same step or lane, or restructured
  the map: ``StaleMap`` is raised with those changes, so that the editor can
  say who changed what and the board refreshes. Nothing is saved.

Each applied change writes a ``MapChange`` (who, what, the objects touched)
that the board's polling, the conflict message and "Angre" read. A create
carries a token from the form it came from: a double-click posts the same
token twice, and the database refuses the second (``klean.db.refuse_duplicates``).
"""

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from processes.models import (
    MAX_LANES,
    MAX_STEPS,
    Lane,
    MapChange,
    MapKind,
    ProblemNote,
    ProcessMap,
    Step,
)
from processes.transfer import lane_key
from projects import timeline

#: The fields of a step that an edit may set.
STEP_FIELDS = (
    "title",
    "description",
    "processing_minutes",
    "processing_unit",
    "waiting_minutes",
    "waiting_unit",
    "people",
    "it_system",
    "error_rate",
    "value_class",
    "waste_types",
)
LANE_FIELDS = ("name", "kind", "organisation")
MAP_FIELDS = ("name", "yearly_volume", "start_point", "end_point")


class StaleMap(Exception):
    """A change based on a version of the map that someone else has changed
    since, in a way that touches the same thing. ``changes`` are the
    ``MapChange`` rows that conflict, oldest first; ``version`` is the map's now."""

    def __init__(self, process_map: ProcessMap, changes: list[MapChange], version: int):
        super().__init__(f"Map {process_map.pk} changed since this edit began")
        self.map = process_map
        self.changes = changes
        self.version = version


class AlreadyDone(Exception):
    """The same create posted twice (a double-click): nothing new was made."""


@dataclass
class Touch:
    """What a change touches, for deciding whether a stale change conflicts."""

    steps: set[int] = field(default_factory=set)
    lanes: set[int] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)
    map_fields: bool = False  # the map's name, volume, start and end
    whole: bool = False  # restructures the map: conflicts with every stale change

    def as_data(self) -> dict:
        data = {}
        if self.steps:
            data["steps"] = sorted(self.steps)
        if self.lanes:
            data["lanes"] = sorted(self.lanes)
        if self.notes:
            data["notes"] = sorted(self.notes)
        if self.map_fields:
            data["map_fields"] = True
        if self.whole:
            data["whole"] = True
        return data

    def conflicts_with(self, change: MapChange) -> bool:
        data = change.data
        if self.whole or data.get("whole"):
            return True
        if self.map_fields and data.get("map_fields"):
            return True
        return any(
            mine & set(data.get(name, ()))
            for name, mine in (("steps", self.steps), ("lanes", self.lanes), ("notes", self.notes))
        )


@contextmanager
def _change(process_map: ProcessMap, version: int | None, by, action: str, touch: Touch, **data):
    """Apply the body as one change of ``process_map`` based on ``version``
    (None: the version now, for changes made by the system: import, demo).

    Yields the ``MapChange`` about to be written; the body may add to its
    ``data``. On ``StaleMap`` or any error nothing is saved.
    """
    token = data.pop("token", "") or ""
    with transaction.atomic():
        locked = ProcessMap.objects.select_for_update().only("version").get(pk=process_map.pk)
        if version is None:
            version = locked.version
        if version != locked.version:
            since = list(MapChange.objects.filter(map=locked, version__gt=version))
            conflicting = [change for change in since if touch.conflicts_with(change)]
            if version > locked.version or conflicting or len(since) < locked.version - version:
                raise StaleMap(process_map, conflicting or since, locked.version)
        new_version = locked.version + 1
        now = timezone.now()
        ProcessMap.objects.filter(pk=process_map.pk).update(version=new_version, updated_at=now)
        process_map.version = new_version
        process_map.updated_at = now
        change = MapChange(
            map=process_map,
            version=new_version,
            actor=by,
            action=action,
            token=token,
            data=data,
            created_at=now,
        )
        yield change
        change.data.update(touch.as_data())
        try:
            with transaction.atomic():
                change.save()
        except IntegrityError as error:
            raise AlreadyDone from error


def _next_order(process_map) -> int:
    top = Step.objects.filter(map=process_map).aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


def _resequence(process_map: ProcessMap, ordered: list[Step]) -> None:
    """Number the live steps 1…n in the given order, writing only those that moved."""
    moved = []
    for number, step in enumerate(ordered, start=1):
        if step.order != number:
            step.order = number
            moved.append(step)
    if moved:
        Step.objects.bulk_update(moved, ["order"])


def _live_steps(process_map) -> list[Step]:
    return list(Step.objects.filter(map=process_map).order_by("order", "pk"))


def _check_lane(process_map, lane: Lane) -> None:
    if lane.map_id != process_map.pk or lane.deleted_at is not None:
        raise ValidationError(
            _("That swimlane is not on this map (any more). Reload the board."), code="lane"
        )


# --- Maps ---------------------------------------------------------------------------


def create_map(project, *, by, name: str, kind=MapKind.CURRENT, based_on=None, **fields):
    """A new, empty map with one change (version 1 → its creation)."""
    if based_on is not None and (based_on.project_id != project.pk or based_on.is_future):
        raise ValidationError(
            _("A future map must be based on this project's current map."), code="based_on"
        )
    if kind == MapKind.CURRENT and ProcessMap.objects.filter(project=project).current().exists():
        raise ValidationError(_("The project already has a current-state map."), code="current")
    try:
        with transaction.atomic():
            process_map = ProcessMap.objects.create(
                project=project, name=name, kind=kind, based_on=based_on, **fields
            )
    except IntegrityError as error:  # two first maps at once
        raise ValidationError(
            _("The project already has a current-state map."), code="current"
        ) from error
    timeline.log(
        project,
        "processes.future_created" if kind == MapKind.FUTURE else "processes.map_created",
        by=by,
        target=process_map,
        data={"map": name},
    )
    return process_map


def edit_map(process_map, *, version, by, **changes):
    unknown = set(changes) - set(MAP_FIELDS)
    if unknown:
        raise TypeError(f"Not map fields: {unknown}")
    touch = Touch(map_fields=True)
    old_name = process_map.name
    with _change(process_map, version, by, "map_edited", touch, fields=list(changes)):
        for name, value in changes.items():
            setattr(process_map, name, value)
        process_map.full_clean(exclude=["project", "based_on"])
        process_map.save(update_fields=list(changes))
        if process_map.name != old_name:
            timeline.log(
                process_map.project,
                "processes.map_renamed",
                by=by,
                target=process_map,
                data={"old": old_name, "map": process_map.name},
            )
    return process_map


def delete_map(process_map, *, by):
    project = process_map.project
    name = process_map.name
    kind = process_map.kind
    with transaction.atomic():
        process_map.delete()
        timeline.log(project, "processes.map_deleted", by=by, data={"map": name, "kind": kind})


def copy_to_future(current: ProcessMap, *, by, name: str) -> ProcessMap:
    """A future-state map that starts as a copy of ``current``: its lanes and
    steps (each step remembering its origin), not its problem notes."""
    if current.is_future:
        raise ValidationError(_("Copy the current-state map, not a future one."), code="kind")
    with transaction.atomic():
        future = create_map(
            current.project,
            by=by,
            name=name,
            kind=MapKind.FUTURE,
            based_on=current,
            yearly_volume=current.yearly_volume,
            start_point=current.start_point,
            end_point=current.end_point,
        )
        lanes = {}
        for lane in current.lanes.all():
            lanes[lane.pk] = Lane.objects.create(
                map=future,
                name=lane.name,
                kind=lane.kind,
                organisation_id=lane.organisation_id,
                order=lane.order,
            )
        Step.objects.bulk_create(
            Step(
                map=future,
                lane=lanes[step.lane_id],
                origin=step,
                order=step.order,
                **{name: getattr(step, name) for name in STEP_FIELDS},
            )
            for step in current.steps.all()
            if step.lane_id in lanes
        )
    return future


# --- Lanes --------------------------------------------------------------------------


def add_lane(process_map, *, version, by, name: str, kind="role", organisation=None, token=""):
    if Lane.objects.filter(map=process_map).count() >= MAX_LANES:
        raise ValidationError(
            _("A map has at most %(count)s swimlanes.") % {"count": MAX_LANES}, code="too_many"
        )
    with _change(process_map, version, by, "lane_added", Touch(), token=token) as change:
        top = Lane.objects.filter(map=process_map).aggregate(top=Max("order"))["top"]
        lane = Lane(map=process_map, name=name, kind=kind, organisation=organisation)
        lane.order = (top or 0) + 1
        lane.full_clean(exclude=["map"])
        lane.save()
        change.data.update(lane=lane.pk, name=name)
    return lane


def edit_lane(lane, *, version, by, **changes):
    unknown = set(changes) - set(LANE_FIELDS)
    if unknown:
        raise TypeError(f"Not lane fields: {unknown}")
    with _change(lane.map, version, by, "lane_edited", Touch(lanes={lane.pk}), name=lane.name):
        for name, value in changes.items():
            setattr(lane, name, value)
        lane.full_clean(exclude=["map"])
        lane.save(update_fields=list(changes))
    return lane


def move_lane(lane, *, version, by, offset: int):
    """Move a lane up (−1) or down (+1) among the map's lanes."""
    lanes = list(Lane.objects.filter(map_id=lane.map_id))
    index = next(i for i, other in enumerate(lanes) if other.pk == lane.pk)
    target = max(0, min(len(lanes) - 1, index + offset))
    with _change(lane.map, version, by, "lane_moved", Touch(lanes={lane.pk}), name=lane.name):
        lanes.insert(target, lanes.pop(index))
        for number, other in enumerate(lanes, start=1):
            other.order = number
        Lane.objects.bulk_update(lanes, ["order"])
    return lane


def delete_lane(lane, *, version, by):
    """Take a lane and its steps off the map; ``restore_lane`` brings them back."""
    steps = set(Step.objects.filter(lane=lane).values_list("pk", flat=True))
    touch = Touch(lanes={lane.pk}, steps=steps)
    with _change(lane.map, version, by, "lane_deleted", touch, name=lane.name):
        now = timezone.now()
        Step.objects.filter(pk__in=steps).update(deleted_at=now)
        lane.deleted_at = now
        lane.save(update_fields=["deleted_at"])
    return lane


def restore_lane(lane, *, version, by):
    if lane.deleted_at is None:
        return lane
    steps = set(
        Step.all_objects.filter(lane=lane, deleted_at=lane.deleted_at).values_list("pk", flat=True)
    )
    touch = Touch(lanes={lane.pk}, steps=steps)
    with _change(lane.map, version, by, "lane_restored", touch, name=lane.name):
        Step.all_objects.filter(pk__in=steps).update(deleted_at=None)
        lane.deleted_at = None
        lane.save(update_fields=["deleted_at"])
        _resequence(lane.map, _live_steps(lane.map))
    return lane


# --- Steps --------------------------------------------------------------------------


def add_step(
    process_map, *, version, by, lane: Lane, after: Step | None = None, token="", **values
):
    """A new step in ``lane``: right after ``after`` in the map's sequence, or
    at the end of the process when ``after`` is None."""
    _check_lane(process_map, lane)
    if Step.objects.filter(map=process_map).count() >= MAX_STEPS:
        raise ValidationError(
            _("A map has at most %(count)s steps.") % {"count": MAX_STEPS}, code="too_many"
        )
    with _change(process_map, version, by, "step_added", Touch(), token=token) as change:
        step = Step(map=process_map, lane=lane, **values)
        step.full_clean(exclude=["map", "lane", "origin"])
        steps = _live_steps(process_map)
        if after is None:
            step.order = _next_order(process_map)
            step.save()
        else:
            if after.map_id != process_map.pk or not any(s.pk == after.pk for s in steps):
                raise ValidationError(_("The step to add after is gone. Reload the board."))
            step.order = 0
            step.save()
            index = next(i for i, s in enumerate(steps) if s.pk == after.pk)
            steps.insert(index + 1, step)
            _resequence(process_map, steps)
        change.data.update(step=step.pk, title=step.title)
    return step


def edit_step(step, *, version, by, **changes):
    unknown = set(changes) - set(STEP_FIELDS)
    if unknown:
        raise TypeError(f"Not step fields: {unknown}")
    with _change(step.map, version, by, "step_edited", Touch(steps={step.pk}), title=step.title):
        for name, value in changes.items():
            setattr(step, name, value)
        step.full_clean(exclude=["map", "lane", "origin"])
        step.save(update_fields=list(changes))
    return step


def move_step(step, *, version, by, lane: Lane | None = None, after: Step | str | None = "keep"):
    """Move a step to ``lane`` (None: its own) and in the sequence right after
    ``after`` (a step; None: first; "keep": where it is)."""
    process_map = step.map
    lane = lane or step.lane
    _check_lane(process_map, lane)
    touch = Touch(steps={step.pk} | ({after.pk} if isinstance(after, Step) else set()))
    with _change(process_map, version, by, "step_moved", touch, title=step.title) as change:
        steps = _live_steps(process_map)
        if after != "keep":
            if isinstance(after, Step) and not any(s.pk == after.pk for s in steps):
                raise ValidationError(_("The step to place it after is gone. Reload the board."))
            if isinstance(after, Step) and after.pk == step.pk:
                raise ValidationError(_("A step cannot be placed after itself."))
            steps = [s for s in steps if s.pk != step.pk]
            index = (
                0 if after is None else next(i for i, s in enumerate(steps) if s.pk == after.pk) + 1
            )
            steps.insert(index, step)
        if lane.pk != step.lane_id:
            change.data.update(from_lane=step.lane_id, to_lane=lane.pk)
            step.lane = lane
            step.save(update_fields=["lane"])
        _resequence(process_map, steps)
    return step


def shift_step(step, *, version, by, offset: int):
    """Move a step one place earlier (−1) or later (+1) in the sequence,
    staying in its lane: the keyboard's move."""
    steps = _live_steps(step.map)
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    target = max(0, min(len(steps) - 1, index + offset))
    if target == index:
        return step
    others = [s for s in steps if s.pk != step.pk]
    after = others[target - 1] if target > 0 else None
    return move_step(step, version=version, by=by, after=after)


def delete_step(step, *, version, by):
    """Take a step off the map (with its notes); ``restore_step`` brings it back."""
    with _change(step.map, version, by, "step_deleted", Touch(steps={step.pk}), title=step.title):
        step.deleted_at = timezone.now()
        step.save(update_fields=["deleted_at"])
    return step


def restore_step(step, *, version, by):
    """Put a deleted step back where it was (in its lane, if the lane is still there)."""
    if step.deleted_at is None:
        return step
    lane = Lane.all_objects.get(pk=step.lane_id)
    if lane.deleted_at is not None:
        raise ValidationError(_("Its swimlane is deleted; restore the swimlane first."))
    with _change(step.map, version, by, "step_restored", Touch(steps={step.pk}), title=step.title):
        step.deleted_at = None
        step.save(update_fields=["deleted_at"])
        steps = _live_steps(step.map)
        _resequence(step.map, sorted(steps, key=lambda s: (s.order, s.pk != step.pk, s.pk)))
    return step


# --- Problem notes ------------------------------------------------------------------


def add_note(step, *, version, by, text: str, waste_type="", whys: Iterable[str] = (), token=""):
    with _change(
        step.map, version, by, "note_added", Touch(), token=token, title=step.title
    ) as change:
        note = ProblemNote(step=step, text=text, waste_type=waste_type, whys=_whys(whys), author=by)
        note.full_clean(exclude=["step", "author"])
        note.save()
        change.data["note"] = note.pk
    return note


def edit_note(note, *, version, by, **changes):
    if "whys" in changes:
        changes["whys"] = _whys(changes["whys"])
    step = note.step
    touch = Touch(notes={note.pk})
    with _change(step.map, version, by, "note_edited", touch, title=step.title):
        for name, value in changes.items():
            setattr(note, name, value)
        note.full_clean(exclude=["step", "author"])
        note.save(update_fields=list(changes))
    return note


def delete_note(note, *, version, by):
    step = note.step
    touch = Touch(notes={note.pk})
    with _change(step.map, version, by, "note_deleted", touch, title=step.title, text=note.text):
        note.delete()


def _whys(whys: Iterable[str]) -> list[str]:
    from processes.models import MAX_WHYS

    answers = [str(why).strip() for why in whys if str(why).strip()]
    if len(answers) > MAX_WHYS:
        raise ValidationError(_("At most five whys."), code="whys")
    return answers


def make_future(current: ProcessMap, *, by, name: str, token: str) -> tuple[ProcessMap, bool]:
    """``copy_to_future`` once per form: the copy is recorded as a change of
    ``current`` carrying the form's token, so a double-click (or two posts at
    once: the second waits for the first's lock on the map) makes one future
    map. Returns the map and whether this call made it (False: the same
    token had made it already, and that map is returned)."""
    try:
        with _change(current, None, by, "future_made", Touch(), token=token) as change:
            future = copy_to_future(current, by=by, name=name)
            change.data["future"] = future.pk
    except AlreadyDone:
        made = MapChange.objects.get(map=current, token=token)
        future = ProcessMap.objects.filter(pk=made.data.get("future")).first()
        if future is None:
            raise ValidationError(
                _("This form has already made a future-state map, which is deleted since."),
                code="already_made",
            ) from None
        return future, False
    return future, True


# --- Import -------------------------------------------------------------------------


def import_steps(process_map, rows: list[dict], *, by, version=None, token="") -> list[Step]:
    """Append steps to the map in one change: ``rows`` are step values with
    the name of their swimlane under "lane", in order (as
    ``processes.transfer.read_steps`` reads a spreadsheet).

    Swimlanes are matched by name (case and spacing do not count); the
    others are created at the bottom, in the order first named. Side effects:
    the lanes and steps, one ``MapChange`` "steps_imported" that conflicts
    with every stale change (it restructures the map), and one timeline event.
    All or nothing: a row that does not validate, too many steps or lanes, or
    the same ``token`` twice (``AlreadyDone``) saves nothing.
    """
    if not rows:
        raise ValidationError(_("There are no steps to import."), code="empty")
    touch = Touch(whole=True)
    with _change(
        process_map, version, by, "steps_imported", touch, token=token, count=len(rows)
    ) as change:
        if token and MapChange.objects.filter(map=process_map, token=token).exists():
            raise AlreadyDone
        if Step.objects.filter(map=process_map).count() + len(rows) > MAX_STEPS:
            raise ValidationError(
                _("A map has at most %(count)s steps.") % {"count": MAX_STEPS}, code="too_many"
            )
        existing = list(Lane.objects.filter(map=process_map))
        lanes = {lane_key(lane.name): lane for lane in existing}
        top = max((lane.order for lane in existing), default=0)
        new_lanes = []
        for row in rows:
            key = lane_key(row["lane"])
            if key not in lanes:
                top += 1
                lane = Lane(map=process_map, name=" ".join(row["lane"].split()), order=top)
                lane.full_clean(exclude=["map"])
                lanes[key] = lane
                new_lanes.append(lane)
        if len(lanes) > MAX_LANES:
            raise ValidationError(
                _("A map has at most %(count)s swimlanes.") % {"count": MAX_LANES},
                code="too_many",
            )
        Lane.objects.bulk_create(new_lanes)
        start = _next_order(process_map)
        steps = []
        for number, row in enumerate(rows):
            values = {name: row[name] for name in STEP_FIELDS if name in row}
            if values.get("error_rate") is not None:
                values["error_rate"] = Decimal(str(values["error_rate"]))
            step = Step(
                map=process_map, lane=lanes[lane_key(row["lane"])], order=start + number, **values
            )
            step.full_clean(exclude=["map", "lane", "origin"])
            steps.append(step)
        Step.objects.bulk_create(steps)
        change.data.update(new_lanes=[lane.pk for lane in new_lanes])
        timeline.log(
            process_map.project,
            "processes.steps_imported",
            by=by,
            target=process_map,
            data={"map": process_map.name, "count": len(steps)},
        )
    return steps


def start_map(project, *, by, name: str, lanes: Iterable[str] = (), **fields) -> ProcessMap:
    """The project's current-state map with its first swimlanes (roles), in
    one transaction, as its version 1 (as ``copy_to_future`` makes a map's
    lanes): a refused lane leaves no map behind. Raises
    ``ValidationError`` (code "current") when the project already has one,
    also when two starts race (a double-click)."""
    lanes = [Lane(name=lane, order=number) for number, lane in enumerate(lanes, start=1)]
    if len(lanes) > MAX_LANES:
        raise ValidationError(
            _("A map has at most %(count)s swimlanes.") % {"count": MAX_LANES}, code="too_many"
        )
    for lane in lanes:
        lane.full_clean(exclude=["map"])
    with transaction.atomic():
        process_map = create_map(project, by=by, name=name, **fields)
        for lane in lanes:
            lane.map = process_map
        Lane.objects.bulk_create(lanes)
    return process_map
