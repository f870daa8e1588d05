"""The events ideas write to the project's timeline (declared on IdeasConfig)."""

from django.utils.translation import gettext_lazy

from projects.timeline import Event


def _stages(data):
    from ideas.models import Stage

    def label(code):
        return Stage(code).label.lower() if code in Stage.values else code

    note = data.get("note") or ""
    return {
        "from": label(data.get("from", "")),
        "to": label(data.get("to", "")),
        "note": f" – «{note}»" if note else "",
    }


EVENTS = {
    "stage_changed": Event(
        gettext_lazy("{actor} moved the idea «{idea}» from {from} to {to}{note}"), _stages
    ),
    "action_added": Event(gettext_lazy("{actor} added the action «{what}» to the action plan")),
    "action_done": Event(gettext_lazy("{actor} marked the action «{what}» as done")),
}
