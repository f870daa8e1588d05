"""What process maps keep about a person (declared on ProcessesConfig).

The problem notes a person wrote and the map changes they made are the
project's record of the work: they stay when the account is deleted and read
as by a former member.
"""

from accounts.personal_data import Entry
from processes.models import MapChange, ProblemNote


def _export_notes(user):
    return [
        {"project": project, "map": map_name, "step": step, "problem": text, "written": when}
        for project, map_name, step, text, when in ProblemNote.objects.filter(
            author=user
        ).values_list(
            "step__map__project__title", "step__map__name", "step__title", "text", "created_at"
        )
    ]


def _export_changes(user):
    return [
        {"project": project, "map": map_name, "change": action, "when": when}
        for project, map_name, action, when in MapChange.objects.filter(actor=user).values_list(
            "map__project__title", "map__name", "action", "created_at"
        )
    ]


def entries() -> list[Entry]:
    return [
        Entry(ProblemNote, "problem_notes", _export_notes),
        Entry(MapChange, "process_map_changes", _export_changes),
    ]
