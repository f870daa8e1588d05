"""The project timeline: events written with ``log`` and read in the reader's language.

Each app declares the events it writes on its AppConfig
(``timeline_events = "<app>.timeline.EVENTS"``, see ``klean.extensions``): a
dict of event name → ``Event``. A line is stored as ``"<app label>.<event>"``
with references and JSON data, never as text: ``describe`` words it when it
is shown, so it reads in the reader's language, names a person as they are
named now, and a person who deleted their account as a former member.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klean.extensions import contributions
from klean.formats import format_number


@dataclass(frozen=True)
class Event:
    """How one kind of event reads.

    ``text`` is a translatable sentence with ``{actor}``, ``{target}`` and the
    names that ``values(data)`` returns (by default the data itself).
    """

    text: str
    values: Callable[[dict], dict] | None = None


@cache
def events() -> dict[str, Event]:
    """Every declared event, by its stored kind ``"<app label>.<event>"``."""
    return {
        f"{config.label}.{name}": event
        for config, declared in contributions("timeline_events")
        for name, event in declared.items()
    }


def log(project, kind: str, *, by=None, target: models.Model | None = None, data=None, at=None):
    """Add an event to the project's timeline.

    ``kind`` is ``"<app label>.<event>"`` as the app declares it; ``by`` the
    acting user; ``target`` what the event is about (a person, a goal…);
    ``data`` JSON-serialisable codes and values; ``at`` when it happened, for
    history brought in afterwards (the demo), else now. Side effect: one row.
    """
    from projects.models import Activity

    if kind not in events():
        raise ValueError(f"Undeclared timeline event {kind!r}")
    return Activity.objects.create(
        project=project,
        actor=by,
        kind=kind,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        data=data or {},
        **({"created_at": at} if at is not None else {}),
    )


def person(user) -> str:
    """A person as the timeline names them: as they are named now, or as a
    former member once they deleted their account."""
    if user is None or user.deleted_at:
        return _("a former member")
    return user.display_name


def describe(activity) -> str:
    """The line in the active language."""
    event = events().get(activity.kind)
    data = activity.data or {}
    if event is None:
        return _("%(actor)s: %(kind)s") % {"actor": person(activity.actor), "kind": activity.kind}
    values = dict(event.values(data) if event.values else data)
    values["actor"] = person(activity.actor)
    values["target"] = _target_name(activity)
    try:
        return str(event.text).format(**values)
    except (KeyError, IndexError, ValueError):
        return str(event.text)


def _target_name(activity) -> str:
    if activity.target_type_id is None:
        return ""
    target = activity.target
    if target is None:
        return _("a former member") if _is_user_type(activity.target_type_id) else _("(deleted)")
    if _is_user_type(activity.target_type_id):
        return person(target)
    return str(target)


def _is_user_type(content_type_id: int) -> bool:
    from django.contrib.auth import get_user_model

    return ContentType.objects.get_for_id(content_type_id).model_class() is get_user_model()


def quoted_number(value) -> str:
    """A stored decimal as the reader writes it (decimal comma in nb and nn)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return format_number(number) if number.is_finite() else str(value)


# --- This app's events (declared on ProjectsConfig) ------------------------------------


def _phase(data):
    from projects.method import Phase

    phase = int(data.get("phase", 0))
    note = data.get("note") or ""
    return {
        "phase": f"{phase}. {Phase(phase).label}" if phase in Phase.values else phase,
        "note": f" – «{note}»" if note else "",
    }


def _status(data):
    from projects.models import ProjectStatus

    code = data.get("status", "")
    return {"status": ProjectStatus(code).label.lower() if code in ProjectStatus.values else code}


def _item(data):
    from projects.method import checklist_item

    entry = checklist_item(int(data.get("phase", -1)), data.get("item", ""))
    return {"item": entry.label if entry else data.get("item", "")}


def _role(data):
    from projects.models import ProjectRole

    code = data.get("role", "")
    return {"role": ProjectRole(code).label.lower() if code in ProjectRole.values else code}


def _measurement(data):
    from projects.models import Unit

    value = quoted_number(data.get("value", ""))
    unit = data.get("unit")
    if unit in Unit.values:
        value = f"{value} {Unit(unit).label}"
    return {"goal": data.get("goal", ""), "value": value}


def _deleted_measurement(data):
    from datetime import date

    from django.utils.formats import date_format

    try:
        day = date_format(date.fromisoformat(data.get("date", "")), "SHORT_DATE_FORMAT")
    except ValueError:
        day = data.get("date", "")
    return {**_measurement(data), "date": day}


EVENTS = {
    "created": Event(gettext_lazy("{actor} created the project")),
    "edited": Event(gettext_lazy("{actor} edited the project")),
    "status": Event(gettext_lazy("{actor} changed the status to {status}"), _status),
    "phase_forward": Event(
        gettext_lazy("{actor} moved the project forward to phase {phase}{note}"), _phase
    ),
    "phase_back": Event(
        gettext_lazy("{actor} moved the project back to phase {phase}{note}"), _phase
    ),
    "phase_done": Event(gettext_lazy("{actor} marked phase {phase} as done"), _phase),
    "phase_reopened": Event(gettext_lazy("{actor} marked phase {phase} as not done"), _phase),
    "ticked": Event(gettext_lazy("{actor} ticked off «{item}»"), _item),
    "unticked": Event(gettext_lazy("{actor} unticked «{item}»"), _item),
    "goal_added": Event(gettext_lazy("{actor} added the goal «{goal}»")),
    "goal_edited": Event(gettext_lazy("{actor} edited the goal «{goal}»")),
    "goal_deleted": Event(gettext_lazy("{actor} deleted the goal «{goal}»")),
    "measurement_deleted": Event(
        gettext_lazy("{actor} deleted the measurement of {date} ({value}) for «{goal}»"),
        _deleted_measurement,
    ),
    "measured": Event(gettext_lazy("{actor} recorded {value} for «{goal}»"), _measurement),
    "member_added": Event(gettext_lazy("{actor} added {target} to the team as {role}"), _role),
    "member_changed": Event(gettext_lazy("{actor} made {target} {role} in the team"), _role),
    "member_removed": Event(gettext_lazy("{actor} removed {target} from the team")),
    "partner_added": Event(gettext_lazy("{actor} invited {target} as a partner")),
    "partner_ended": Event(gettext_lazy("{actor} ended the partnership with {target}")),
    # The partner's answer names the organisation, not the administrator who
    # gave it: the owner sees none of the partner's people unless they join.
    "partner_accepted": Event(gettext_lazy("{target} accepted the invitation to take part")),
    "partner_declined": Event(gettext_lazy("{target} declined the invitation to take part")),
    "partner_withdrawn": Event(gettext_lazy("{actor} withdrew the invitation to {target}")),
}
