"""The events process maps write to the project's timeline (declared on ProcessesConfig).

A workshop makes hundreds of small edits; the timeline tells the map's story
instead: maps made, copied, imported and deleted. Each edit is kept in the
map's own change log (``MapChange``).
"""

from django.utils.translation import gettext_lazy

from projects.timeline import Event


def _kind(data):
    from processes.models import MapKind

    code = data.get("kind", "")
    return {**data, "kind": MapKind(code).label.lower() if code in MapKind.values else code}


EVENTS = {
    "map_created": Event(gettext_lazy("{actor} created the process map «{map}»")),
    "future_created": Event(gettext_lazy("{actor} created the future-state map «{map}»")),
    "map_renamed": Event(gettext_lazy("{actor} renamed the process map «{old}» to «{map}»")),
    "map_deleted": Event(gettext_lazy("{actor} deleted the process map «{map}» ({kind})"), _kind),
    "steps_imported": Event(gettext_lazy("{actor} imported {count} steps into «{map}»")),
}
