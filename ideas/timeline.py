"""The events ideas write to the project's timeline (declared on IdeasConfig)."""

from django.utils.translation import gettext_lazy

from projects.timeline import Event


def _stages(data):
    from ideas.models import Stage

    def label(code):
        return Stage(code).label.lower() if code in Stage.values else code

    note = data.get("note") or ""
    return {
        **data,
        "from": label(data.get("from", "")),
        "to": label(data.get("to", "")),
        "note": f" – «{note}»" if note else "",
    }


EVENTS = {
    "idea_proposed": Event(gettext_lazy("{actor} proposed the idea «{idea}»")),
    # An anonymous idea is logged without its proposer: the line names no one.
    "idea_proposed_anonymously": Event(gettext_lazy("An idea was proposed anonymously: «{idea}»")),
    "idea_edited": Event(gettext_lazy("{actor} edited the idea «{idea}»")),
    "stage_changed": Event(
        gettext_lazy("{actor} moved the idea «{idea}» from {from} to {to}{note}"), _stages
    ),
    # target: the new owner (named as they are named now).
    "owner_set": Event(gettext_lazy("{actor} made {target} owner of the idea «{idea}»")),
    "owner_removed": Event(gettext_lazy("{actor} removed the owner of the idea «{idea}»")),
    "action_added": Event(gettext_lazy("{actor} added the action «{action}» to the action plan")),
    "action_done": Event(gettext_lazy("{actor} marked the action «{what}» as done")),
}
